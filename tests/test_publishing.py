"""Publishing (issue 14): the build that goes online needs its real address; the routes to the
editors (watwerkt/channels.py) decide what the form and "Klopt er iets niet?" offer; and the
publish workflow's own build step, run here as GitHub Pages runs it, makes a site whose every
address is the published one."""
from __future__ import annotations

import datetime
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from site_fixtures import FIXTURE_DATA, REPO, copy_project
from watwerkt import load_kennisbank
from watwerkt.channels import Channels
from watwerkt.errors import UserError
from watwerkt.publishing.staging import check_publish_address
from watwerkt.rendering import Renderer

PUBLISH_WORKFLOW = REPO / ".github" / "workflows" / "publiceren.yml"
PAGES_ADDRESS = "https://voorbeeld.github.io/watwerkt"  # what configure-pages gives as base_url
REPOSITORY = "https://github.com/voorbeeld/watwerkt"


# --- the address of a site that goes online -----------------------------------------------


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        (None, "SITE_URL is niet gezet. Een build om te publiceren heeft het webadres van de site nodig"),
        ("", "SITE_URL is niet gezet."),
        ("http://127.0.0.1:8000/", "'http://127.0.0.1:8000/' is geen webadres om te publiceren: schrijf het volledige adres van de site, beginnend met https://"),
        ("https://127.0.0.1/", "'https://127.0.0.1/' wijst naar deze computer"),
        ("https://localhost:8000/", "'https://localhost:8000/' wijst naar deze computer"),
        ("https://LOCALHOST./", "wijst naar deze computer"),
        ("https://site.localhost/", "wijst naar deze computer"),
        ("https://127.1/", "wijst naar deze computer"),
        ("https://2130706433/", "wijst naar deze computer"),
        ("https://0x7f.0.0.1/", "wijst naar deze computer"),
        ("https://[::1]/", "wijst naar deze computer"),
        ("https://[::ffff:127.0.0.1]/", "wijst naar deze computer"),
        ("https://0.0.0.0/", "wijst naar deze computer"),
        ("https://[::ffff:0.0.0.0]/", "wijst naar deze computer"),
        ("https://localhost.localdomain/", "wijst naar deze computer"),
        # Spellings a browser reads as this computer, though Python's urlsplit does not:
        ("https://%6c%6fcalhost/", "is geen webadres om te publiceren"),
        ("https://127.0.0.1%2e/", "is geen webadres om te publiceren"),
        ("https://\uff11\uff12\uff17.0.0.1/", "is geen webadres om te publiceren"),
        ("https://localhost\u3002/", "is geen webadres om te publiceren"),
        ("https://lo\u00adcalhost/", "is geen webadres om te publiceren"),
        ("https://local\u200bhost/", "is geen webadres om te publiceren"),
        ("https://127.0.0.1\\@example.org/", "is geen webadres om te publiceren"),
        ("https://gebruiker@voorbeeld.github.io/", "is geen webadres om te publiceren"),
        ("voorbeeld.github.io/watwerkt/", "is geen webadres om te publiceren"),
        ("https:///watwerkt/", "is geen webadres om te publiceren"),
        ("https://voorbeeld.github.io/watwerkt/?x=1", "is geen webadres om te publiceren"),
    ],
)
def test_a_publish_build_refuses_a_missing_or_local_address(monkeypatch, address, expected):
    if address is None:
        monkeypatch.delenv("SITE_URL", raising=False)
    else:
        monkeypatch.setenv("SITE_URL", address)
    # mkdocs.yml's default stands in when SITE_URL is not set: the local address.
    config = {"site_url": address if address else "http://127.0.0.1:8000/"}
    with pytest.raises(UserError) as refusal:
        check_publish_address(config)
    assert expected in str(refusal.value)


def test_a_publish_build_takes_a_real_address(monkeypatch):
    monkeypatch.setenv("SITE_URL", PAGES_ADDRESS + "/")
    check_publish_address({"site_url": PAGES_ADDRESS + "/"})  # no error


def test_the_publish_command_stops_before_building_and_make_serve_keeps_the_local_address(tmp_path):
    environment = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    result = subprocess.run(
        [sys.executable, "-m", "watwerkt.cli", "build", "--publiceren", "--site", str(tmp_path / "site")],
        cwd=REPO, capture_output=True, text=True, env={**environment, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 1
    reason, outcome = result.stderr.splitlines()
    assert reason.startswith("SITE_URL is niet gezet. Een build om te publiceren heeft het webadres van de site nodig")
    assert outcome == "De site is niet gebouwd."
    assert "Traceback" not in result.stderr and not (tmp_path / "site").exists()
    assert 'site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]' in (REPO / "mkdocs.yml").read_text(encoding="utf-8")


# --- the routes to the editors -------------------------------------------------------------


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ({}, Channels()),
        ({"repo_url": REPOSITORY + "/"}, Channels(github_issues=REPOSITORY + "/issues/new", repository=REPOSITORY)),
        ({"repo_url": "https://gitlab.com/voorbeeld/watwerkt"}, Channels(repository="https://gitlab.com/voorbeeld/watwerkt")),
        ({"repo_url": "https://github.com/voorbeeld"}, Channels(repository="https://github.com/voorbeeld")),
        ({"extra": {"aanmelden": {"email": " redactie@example.org "}}}, Channels(email="redactie@example.org")),
        (
            {"repo_url": REPOSITORY, "extra": {"aanmelden": {"github_issues": "https://github.com/ander/repo/issues/new"}}},
            Channels(github_issues="https://github.com/ander/repo/issues/new", repository=REPOSITORY),
        ),
    ],
)
def test_the_routes_come_from_the_settings_and_a_github_repository_gives_its_issues(config, expected):
    assert Channels.from_config(config) == expected
    assert Channels.from_config(config).can_send == bool(expected.email or expected.github_issues)


@pytest.fixture(scope="module")
def renderer():
    return Renderer(load_kennisbank(FIXTURE_DATA, relative_to=FIXTURE_DATA.parent), today=datetime.date(2026, 12, 1))


def correction_paragraph(renderer, channels: Channels, kind: str = "project") -> str:
    records = {"project": renderer.kennisbank.projects, "approach": renderer.kennisbank.approaches}[kind]
    record = next(iter(records.values()))
    body = renderer.record_page(kind, record, site_url=PAGES_ADDRESS + "/", channels=channels).body_html
    [paragraph] = re.findall(r'<p class="ww-correctie"[^>]*>.*?</p>', body, flags=re.DOTALL)
    return paragraph


def test_klopt_er_iets_niet_opens_the_correction_form_with_the_record_and_its_page(renderer):
    record = next(iter(renderer.kennisbank.projects.values()))
    paragraph = correction_paragraph(renderer, Channels.from_config({"repo_url": REPOSITORY}))
    [link] = re.findall(r'href="([^"]+)"', paragraph)
    address = urlsplit(link.replace("&amp;", "&"))
    assert f"{address.scheme}://{address.netloc}{address.path}" == REPOSITORY + "/issues/new"
    assert {key: values[0] for key, values in parse_qs(address.query).items()} == {
        "template": "correctie.yml",
        "title": f"Correctie: {record.naam}",
        "record": record.id,
        "pagina": f"{PAGES_ADDRESS}/projectenbank/{record.id}/",
    }
    assert "Geef een correctie door</a> (op GitHub)" in paragraph


def test_with_only_an_address_klopt_er_iets_niet_is_a_prefilled_mail(renderer):
    record = next(iter(renderer.kennisbank.approaches.values()))
    paragraph = correction_paragraph(renderer, Channels(email="redactie@example.org"), kind="approach")
    [link] = re.findall(r'href="([^"]+)"', paragraph)
    mail = urlsplit(link.replace("&amp;", "&"))
    assert (mail.scheme, mail.path) == ("mailto", "redactie@example.org")
    fields = parse_qs(mail.query)
    assert fields["subject"] == [f"Correctie: {record.id}"]
    assert fields["body"][0].splitlines() == [
        f"Pagina: {PAGES_ADDRESS}/aanpakken/{record.id}/",
        f"Record: {record.id}",
        "Welk veld klopt niet (zoals samenvatting of status): ",
        "Wat moet er staan: ",
        "Waar staat dat (het adres van de pagina): ",
    ]


def test_without_any_route_klopt_er_iets_niet_says_so_and_links_nowhere(renderer):
    paragraph = correction_paragraph(renderer, Channels())
    assert "href" not in paragraph
    assert "heeft nog geen manier ingesteld om de redactie te bereiken" in paragraph


def submission_form(renderer, channels: Channels) -> str:
    return str(renderer.component("aanmeldformulier", page_url="aanmelden/", site_url=PAGES_ADDRESS + "/", settings={"aanmelden": channels.submission_settings()}))


@pytest.mark.parametrize(
    ("channels", "offered", "honest"),
    [
        # Nothing set: the form says so, and offers nothing that leads nowhere.
        (Channels(), [], True),
        # A repository, but no other route: its issues (GitHub) and the YAML for a pull request.
        (Channels.from_config({"repo_url": REPOSITORY}), ["ww-via-github", "ww-download"], False),
        # One address in mkdocs.yml is enough: the mail route.
        (Channels(email="redactie@example.org"), ["ww-via-email"], False),
        (Channels(endpoint="https://formulier.example.org/ontvang"), ["ww-via-formulierdienst"], False),
    ],
)
def test_the_form_offers_exactly_the_routes_that_exist(renderer, channels, offered, honest):
    form = submission_form(renderer, channels)
    routes = ["ww-via-github", "ww-download", "ww-via-email", "ww-via-formulierdienst"]
    assert [route for route in routes if f'id="{route}"' in form] == offered
    assert ('id="ww-geen-kanaal"' in form) == honest
    assert ("deze site kan haar niet versturen" in form) == honest


# --- the publish workflow's build step, as GitHub Pages runs it -----------------------------


def publish_step() -> dict:
    workflow = yaml.safe_load(PUBLISH_WORKFLOW.read_text(encoding="utf-8"))
    [step] = [step for step in workflow["jobs"]["build"]["steps"] if step.get("id") == "build"]
    return step


def test_the_publish_workflow_deploys_the_strict_build_with_the_address_pages_gives():
    workflow = yaml.safe_load(PUBLISH_WORKFLOW.read_text(encoding="utf-8"))
    on = workflow.get("on", workflow.get(True))
    assert on["push"] == {"branches": ["main"]}
    jobs = workflow["jobs"]
    assert jobs["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["needs"] == "build" and jobs["deploy"]["environment"]["name"] == "github-pages"
    uses = [step.get("uses", "").split("@")[0] for step in jobs["build"]["steps"]]
    assert uses.index("actions/configure-pages") < [step.get("id") for step in jobs["build"]["steps"]].index("build") < uses.index("actions/upload-pages-artifact")
    assert publish_step()["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    assert publish_step()["run"] == "python -m watwerkt.cli build --publiceren --site site"
    assert [step["uses"].split("@")[0] for step in jobs["deploy"]["steps"]] == ["actions/deploy-pages"]


def run_publish_step(site_parent: Path, site_url: str | None) -> subprocess.CompletedProcess:
    """The workflow's build step in a shell, with the values GitHub would fill in, in a copy of
    the project (a build writes its staging folder beside the sources)."""
    project = copy_project(site_parent / "project")
    step = publish_step()
    filled = {"${{ steps.pages.outputs.base_url }}": PAGES_ADDRESS, "${{ github.server_url }}/${{ github.repository }}": REPOSITORY}
    environment = {key: value for key, value in os.environ.items() if key not in ("SITE_URL", "REPO_URL")}
    for name, value in step["env"].items():
        for expression, result in filled.items():
            value = value.replace(expression, result)
        assert "${{" not in value, f"{name}: {value}"
        environment[name] = value
    if site_url is not None:
        environment["SITE_URL"] = site_url
    environment.update(PYTHONPATH=str(project), NO_MKDOCS_2_WARNING="1", PATH=f"{Path(sys.executable).parent}{os.pathsep}{environment['PATH']}")
    command = step["run"].replace("--site site", f"--site {site_parent / 'site'}")
    return subprocess.run(["bash", "-euo", "pipefail", "-c", command], cwd=project, capture_output=True, text=True, env=environment)


def test_the_publish_step_builds_a_site_whose_every_address_is_the_published_one(tmp_path):
    result = run_publish_step(tmp_path, None)
    assert result.returncode == 0, result.stdout + result.stderr
    site = tmp_path / "site"
    feed = (site / "projectenbank" / "feed.xml").read_text(encoding="utf-8")
    assert f"<id>{PAGES_ADDRESS}/projectenbank/" in feed
    assert f"<loc>{PAGES_ADDRESS}/aanpakken/" in (site / "sitemap.xml").read_text(encoding="utf-8")
    local = [path.relative_to(site).as_posix() for path in site.rglob("*") if path.suffix in (".html", ".xml", ".json", ".csv") and "127.0.0.1" in path.read_text(encoding="utf-8")]
    assert local == []
    project = next((site / "projectenbank").glob("*/index.html")).read_text(encoding="utf-8")
    assert f'href="{REPOSITORY}/issues/new?template=correctie.yml&amp;' in project
    form = (site / "aanmelden" / "index.html").read_text(encoding="utf-8")
    assert 'id="ww-via-github"' in form and 'id="ww-download"' in form and 'id="ww-geen-kanaal"' not in form


def test_the_publish_step_with_a_local_address_stops_with_the_reason(tmp_path):
    result = run_publish_step(tmp_path, "http://localhost:8000/")
    assert result.returncode == 1
    assert "SITE_URL 'http://localhost:8000/' is geen webadres om te publiceren" in result.stderr
    assert not (tmp_path / "site").exists()
