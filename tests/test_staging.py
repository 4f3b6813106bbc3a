"""The engine drives the build: `watwerkt build` stages a plain project and runs the generator on
it, with no hook; `watwerkt serve` shows what a build makes and builds again on a change."""
from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from browser import browser  # noqa: F401  the fixture

from site_fixtures import REPO, build, copy_project, replace_in
from watwerkt.publishing.serving import BUILD_NUMBER_PATH, RELOAD_SCRIPT_PATH
from watwerkt.publishing.staging import STAGING, _write_changed, site_config


def test_the_build_has_no_hook_and_stages_a_plain_project(real_site):
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    assert "hooks" not in config and not (REPO / "overrides" / "hooks").exists()
    staged = yaml.safe_load((REPO / STAGING / "mkdocs.yml").read_text(encoding="utf-8"))
    assert staged["site_url"] == "http://127.0.0.1:8000/" and "watwerkt.rendering.toc_extension" in staged["markdown_extensions"]
    assert (REPO / STAGING / "docs" / "aanpakken" / "samen-sterk" / "index.md").is_file()
    page = (REPO / STAGING / "docs" / "aanpakken" / "samen-sterk" / "index.md").read_text(encoding="utf-8")
    # The record's HTML is not in the staged page, only a place for it: Markdown never reads it,
    # and the engine puts it in the built page.
    assert page.startswith("---\ntitle: Samen Sterk\n") and '\n<div class="ww-motor-plek" data-koppen="' in page
    assert '<div class="ww-motor">' not in page and "Samen Sterk" not in page.split("---\n", 2)[2].split("data-koppen")[0]
    # The table of contents of a record page comes from the engine's headings.
    built = (real_site / "aanpakken" / "samen-sterk" / "index.html").read_text(encoding="utf-8")
    toc = built[built.index('md-nav--secondary') : built.index("</nav>", built.index('md-nav--secondary'))]
    assert 'href="#resultaten"' in toc and 'href="#bronnen"' in toc


def test_mkdocs_yml_values_from_the_environment_are_filled_in_as_mkdocs_does(tmp_path, monkeypatch):
    (tmp_path / "mkdocs.yml").write_text("site_url: !ENV [EERSTE, TWEEDE, 'http://standaard/']\nx: !ENV LOS\n", encoding="utf-8")
    monkeypatch.delenv("EERSTE", raising=False)
    monkeypatch.setenv("TWEEDE", "https://tweede.example/")
    monkeypatch.delenv("LOS", raising=False)
    assert site_config(tmp_path) == {"site_url": "https://tweede.example/", "x": None}
    monkeypatch.setenv("EERSTE", "https://eerste.example/")
    assert site_config(tmp_path)["site_url"] == "https://eerste.example/"


def test_staging_writes_only_what_changed_and_removes_what_went(tmp_path):
    assert _write_changed(tmp_path, {"a.md": b"een", "b/c.md": b"twee"}) == ["a.md", "b/c.md"]
    before = (tmp_path / "a.md").stat().st_mtime_ns
    time.sleep(0.01)
    assert _write_changed(tmp_path, {"a.md": b"een", "b/c.md": b"drie"}) == ["b/c.md"]
    assert (tmp_path / "a.md").stat().st_mtime_ns == before and (tmp_path / "b" / "c.md").read_bytes() == b"drie"
    assert _write_changed(tmp_path, {"a.md": b"een"}) == []
    assert not (tmp_path / "b").exists()


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda docs: (docs / "aanpakken" / "samen-sterk.md").write_text("# Eigen\n", encoding="utf-8"),
         "docs/aanpakken/samen-sterk.md bestaat al, maar dat bestand wordt uit de gegevens gemaakt; verwijder het."),
        (lambda docs: (docs / "projectenbank" / "index.json").write_text("{}", encoding="utf-8"),
         "docs/projectenbank/index.json bestaat al, maar dat bestand wordt uit de gegevens gemaakt; verwijder het."),
        (lambda docs: (docs / "extra.md").write_text("---\nrender_macros: true\n---\n\n{{ regio_lijst() }}\n", encoding="utf-8"),
         "docs/extra.md: een pagina met onderdelen hoort docs/extra/index.md te heten"),
        (lambda docs: (docs / "kloven.md").write_bytes("# Kloven\n\nCaf\u00e9".encode("latin-1")),
         "docs/kloven.md: byte 14 is geen UTF-8; sla de pagina op als UTF-8"),
    ],
    ids=["record-page", "generated-file", "components-outside-index", "not-utf-8"],
)
def test_a_source_the_staging_cannot_place_stops_the_build_with_a_dutch_line(tmp_path, make, expected):
    project = copy_project(tmp_path / "project")
    make(project / "docs")
    result = build(project, tmp_path / "site")
    assert result.returncode == 1
    assert expected in result.stderr and "De site is niet gebouwd." in result.stderr
    assert "Traceback" not in result.stdout + result.stderr and not (tmp_path / "site").exists()


def test_mkdocs_on_the_project_alone_says_how_to_build(tmp_path):
    project = copy_project(tmp_path / "project")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"), "-d", str(tmp_path / "site")],
        cwd=project, capture_output=True, text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    assert result.returncode != 0
    assert "is niet klaargezet; bouw de site met `make build` of `watwerkt build`, niet met mkdocs zelf" in result.stdout + result.stderr


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _wait_for(predicate, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


@contextlib.contextmanager
def serving(tmp_path: Path):
    """`watwerkt serve` on a copy of the project: (the project, the address of Samen Sterk's
    page, the log), once that page is served; stopped afterwards."""
    project = copy_project(tmp_path / "project")
    port = _free_port()
    log = tmp_path / "serve.log"
    with open(log, "w", encoding="utf-8") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "watwerkt.cli", "serve", "--poort", str(port)],
            cwd=project, stdout=output, stderr=subprocess.STDOUT, text=True,
        )
    try:
        page = f"http://127.0.0.1:{port}/aanpakken/samen-sterk/"
        assert _wait_for(lambda: "Samen Sterk" in _fetch(page)), log.read_text(encoding="utf-8")
        yield project, page, log
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_serve_shows_the_built_site_and_builds_again_on_a_change(tmp_path):
    with serving(tmp_path) as (project, page, log):
        root = page.split("/aanpakken/")[0]
        assert 'content="watwerkt-content-security-policy"' not in _fetch(page)  # the policy is filled in, as in a build
        assert f'<script src="{RELOAD_SCRIPT_PATH}" defer></script></body>' in _fetch(page)  # an open page reloads itself
        assert "location.reload()" in _fetch(root + RELOAD_SCRIPT_PATH)
        number = _fetch(root + BUILD_NUMBER_PATH)
        replace_in(project / "data" / "aanpakken.yaml", "naam: Samen Sterk\n", "naam: Samen Sterker\n")
        assert _wait_for(lambda: "Samen Sterker" in _fetch(page)), log.read_text(encoding="utf-8")
        assert _fetch(root + BUILD_NUMBER_PATH) != number
        # The edit shows before the search index is made again; the last index serves meanwhile,
        # and the new one takes its place when it is ready.
        assert "pagefind" in _fetch(root + "/pagefind/pagefind.js")
        assert _wait_for(lambda: "Zoekindex bijgewerkt." in log.read_text(encoding="utf-8")), log.read_text(encoding="utf-8")
        assert "pagefind" in _fetch(root + "/pagefind/pagefind.js")
        assert "leesbaarheid, zoekindex" in log.read_text(encoding="utf-8").split("Wijziging gezien")[0]  # the first build makes both
        assert "Site afgemaakt: controle, Content-Security-Policy (" in log.read_text(encoding="utf-8").split("Wijziging gezien")[1]
        # Only what changed was rendered again, and that includes the hand-written pages whose
        # components show the record (the home page's table, the list of approaches).
        assert re.search(r"\d+ pagina’s bijgewerkt door de motor", log.read_text(encoding="utf-8").split("Wijziging gezien")[1])
        assert "Samen Sterker" in _fetch(root + "/") and "Samen Sterker" in _fetch(root + "/aanpakken/")
        assert 'content="watwerkt-content-security-policy"' not in _fetch(root + "/aanpakken/")
        replace_in(project / "data" / "aanpakken.yaml", "naam: Samen Sterker\n", "naam: [kapot\n")
        assert _wait_for(lambda: "De vorige versie van de site blijft staan." in log.read_text(encoding="utf-8")), log.read_text(encoding="utf-8")
        assert "Samen Sterker" in _fetch(page)  # the last good site stays
        # and the next good build goes into the half not served, not over the good one
        replace_in(project / "data" / "aanpakken.yaml", "naam: [kapot\n", "naam: Samen Sterkst\n")
        assert _wait_for(lambda: "Samen Sterkst" in _fetch(page)), log.read_text(encoding="utf-8")
        assert "Samen Sterkst" in _fetch(root + "/aanpakken/")
        with open(project / "watwerkt" / "urls.py", "a", encoding="utf-8") as code:
            code.write("# changed\n")
        assert _wait_for(lambda: "de Python-code van watwerkt is gewijzigd" in log.read_text(encoding="utf-8")), log.read_text(encoding="utf-8")
        assert "Traceback" not in log.read_text(encoding="utf-8")


def test_an_open_page_shows_an_edit_by_itself(tmp_path, browser):
    with serving(tmp_path) as (project, url, log):
        page = browser.new_page()
        errors = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.goto(url)
        expect(page.locator("h1")).to_have_text(re.compile("^Samen Sterk"))
        replace_in(project / "data" / "aanpakken.yaml", "naam: Samen Sterk\n", "naam: Samen Sterker\n")
        expect(page.locator("h1")).to_have_text(re.compile("^Samen Sterker"), timeout=60_000)  # no reload by hand
        assert errors == []  # the page's policy lets the reload script run
        page.close()


def test_an_empty_front_matter_is_no_error(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "docs" / "leeg.md").write_text("---\n---\n\n# Leeg\n\nTekst.\n", encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "site" / "leeg" / "index.html").is_file()


def _built_files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def test_a_site_brought_up_to_date_is_the_site_a_fresh_build_makes(tmp_path, monkeypatch):
    """`serve` puts the engine's changed blocks into the pages it made itself, without the
    generator, when nothing else of them changed; every file is then what a fresh build makes."""
    from watwerkt import reuse
    from watwerkt.publishing.staging import build as build_here

    monkeypatch.setattr(reuse, "_KEEPING", [True])  # as `serve` does
    project = copy_project(tmp_path / "project")
    # A component placed twice on a page: the generator renders that page (the engine would put
    # its new block in once).
    with open(project / "docs" / "projectenbank" / "index.md", "a", encoding="utf-8") as page:
        page.write("\n{{ projecten_lijst() }}\n")
    monkeypatch.chdir(project)
    site, said = tmp_path / "site", []
    built_from = build_here(project, site, say=said.append, search=False, readability=False).built_from()
    projects = project / "data" / "projects.yaml"
    text = projects.read_text(encoding="utf-8")
    summary = re.search(r"^  samenvatting: (.+)$", text, re.MULTILINE).group(1)
    name = re.search(r"^  naam: (.+)$", text, re.MULTILINE).group(1)
    for edit, without_generator in (
        (("  beschrijving: >-\n", "  beschrijving: >-\n    Een nieuwe eerste zin.\n"), True),  # the body of one page
        # The summary is also the page's description in its head, the name its title: the
        # generator renders that page, the engine brings the lists that show it up to date.
        ((f"samenvatting: {summary}\n", "samenvatting: Een nieuwe samenvatting, in eigen woorden.\n"), False),
        ((f"naam: {name}\n", "naam: Een heel andere naam\n"), False),
    ):
        replace_in(projects, *edit)
        said.clear()
        built_from = build_here(project, site, say=said.append, search=False, readability=False, built_from=built_from).built_from()
        assert any(line.startswith("Niets meer voor mkdocs") for line in said) == without_generator, said
        fresh = tmp_path / "fresh"
        result = build(project, fresh)
        assert result.returncode == 0, result.stdout + result.stderr
        ours, theirs = _built_files(site), _built_files(fresh)
        theirs.pop("leesbaarheid.csv"), ours.pop("leesbaarheid.csv")
        assert sorted(ours) == sorted(path for path in theirs if not path.startswith("pagefind/"))
        assert [path for path in ours if ours[path] != theirs[path]] == []
    listed = (site / "projectenbank" / "index.html").read_text(encoding="utf-8")
    assert "Een nieuwe samenvatting, in eigen woorden." in listed and "Een heel andere naam" in listed
    assert "Een nieuwe eerste zin." in (site / "open-data" / "projecten.json").read_text(encoding="utf-8")  # copied as it is
