"""The site's public face, on the built HTML: the footer on every page (editors, contact,
colofon, privacy, accessibility statement, last updated), the home page's tasks, the recognition
steps, and valid HTML by the W3C Nu HTML Checker."""
from __future__ import annotations

import datetime
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from site_fixtures import REPO, build, copy_project
from watwerkt import load_kennisbank
from watwerkt.components import recognition_steps
from watwerkt.labels import EVIDENCE_LEVELS, RECOGNITION_STEPS
from watwerkt.publishing.staging import last_updated
from watwerkt.rendering import dutch_date
from watwerkt.urls import record_url

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
FOOTER_LINKS = {"over/": "Over deze site", "over/#contact": "Contact", "colofon/": "Colofon", "privacy/": "Privacy",
                "toegankelijkheid/": "Toegankelijkheid", "open-data/": "Open data"}
PAGES = ["index.html", "aanpakken/samen-sterk/index.html", "projectenbank/index.html", "gemeenten/veendam/index.html",
         "opleiding/stage/index.html", "colofon/index.html", "privacy/index.html", "toegankelijkheid/index.html", "404.html"]


class Links(HTMLParser):
    """The links (href, text) inside the first element with the given class."""

    def __init__(self, css_class: str):
        super().__init__()
        self.css_class, self.depth, self.links, self.text, self.href, self.times = css_class, 0, [], [], None, []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if self.depth:
            self.depth += tag not in ("br", "img", "input", "link", "meta")
        elif self.css_class in (attributes.get("class") or "").split():
            self.depth = 1
        if self.depth and tag == "a":
            self.href, self.text = attributes.get("href"), []
        if self.depth and tag == "time":
            self.times.append(attributes.get("datetime"))

    def handle_endtag(self, tag):
        if self.depth:
            if tag == "a" and self.href is not None:
                self.links.append((self.href, "".join(self.text).strip()))
                self.href = None
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and self.href is not None:
            self.text.append(data)


def links_in(html: str, css_class: str) -> Links:
    parser = Links(css_class)
    parser.feed(html)
    return parser


def resolves(site: Path, page: str, href: str) -> bool:
    """A relative link of `page` (or a root-relative one, as on 404.html) names a built file."""
    address = href.split("#")[0]
    folder = site if address.startswith("/") else (site / page).parent
    target = (folder / address.lstrip("/")).resolve()
    return (target / "index.html").is_file() if address.endswith("/") or not address else target.is_file()


@pytest.mark.parametrize("page", PAGES)
def test_every_page_s_footer_names_the_editors_and_links_contact_colofon_privacy_and_accessibility(real_site, page):
    html = (real_site / page).read_text(encoding="utf-8")
    footer = links_in(html, "ww-voet")
    texts = {text: href for href, text in footer.links}
    assert set(texts) == set(FOOTER_LINKS.values()), texts
    for href, text in footer.links:
        assert href.split("/", 1)[-1].endswith(next(key for key, name in FOOTER_LINKS.items() if name == text).split("/", 1)[-1]), (href, text)
        assert resolves(real_site, page, href), (page, href)
    assert "redactie Wat Werkt Noord-Nederland" in html
    assert "Teksten in eigen woorden" not in html  # the old one-line footer is gone
    (updated,) = footer.times
    day = datetime.date.fromisoformat(updated)
    assert f'<time datetime="{updated}">{dutch_date(updated)}</time>' in html
    assert day <= datetime.date.today()


def test_the_footer_date_is_the_last_commit_s_or_else_the_build_s(tmp_path):
    repository = tmp_path / "checkout"
    repository.mkdir()
    assert last_updated(repository) == datetime.date.today()  # not a git checkout: the build's day
    git = ["git", "-C", str(repository), "-c", "user.name=Test", "-c", "user.email=test@example.org"]
    subprocess.run(["git", "init", "-q", str(repository)], check=True)
    (repository / "bestand").write_text("x")
    subprocess.run([*git, "add", "bestand"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "x"], check=True, env={"GIT_COMMITTER_DATE": "2025-03-04T12:00:00", "PATH": "/usr/bin:/bin"})
    assert last_updated(repository) == datetime.date(2025, 3, 4)


def test_with_source_date_epoch_the_footer_shows_that_day(tmp_path):
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    result = build(project, site, SOURCE_DATE_EPOCH="1795564800")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (site / "colofon" / "index.html").read_text(encoding="utf-8")
    assert 'Laatst bijgewerkt: <time datetime="2026-11-25">25 november 2026</time>' in html
    assert "bijgewerkt op 25 november 2026" in html  # the colofon says it in a sentence too


def test_the_statements_follow_their_models(real_site):
    statement = (real_site / "toegankelijkheid" / "index.html").read_text(encoding="utf-8")
    # The Dutch model statement's parts: scope, standard, status, known problems, feedback, date.
    for heading in ("Voor welke site", "De norm", "Status: eerste maatregelen genomen", "Wat nog niet goed gaat", "Een probleem melden", "Datum"):
        assert re.search(rf"<h2[^>]*>{re.escape(heading)}", statement), heading
    assert "WCAG" in statement and "2.2" in statement
    privacy = (real_site / "privacy" / "index.html").read_text(encoding="utf-8")
    assert "geen cookies" in privacy
    about = (real_site / "over" / "index.html").read_text(encoding="utf-8")
    assert 'id="contact"' in about and 'id="wie-maakt-deze-site"' in about


def test_the_home_page_starts_from_the_reader_s_tasks(real_site):
    html = (real_site / "index.html").read_text(encoding="utf-8")
    tasks = re.findall(r'<section class="ww-taak"[^>]*>\s*<h2[^>]*>([^<]+)</h2>', html)
    assert tasks == ["Een aanpak vinden", "Wat loopt er in mijn gemeente?", "De opleiding voor trainers", "Een project aanmelden"]
    for href in ("aanpakken/", "opleiding/", "lesmateriaal/", "aanmelden/", "projectenbank/"):
        assert f'href="{href}"' in html and resolves(real_site, "index.html", href), href
    # Every municipality's page, from the fold-out list, without JavaScript.
    kennisbank = load_kennisbank(REPO / "data", relative_to=REPO)
    picker = links_in(html, "ww-gemeente-kiezen")
    assert sorted(text for _, text in picker.links) == sorted(m.naam for m in kennisbank.municipalities.values())
    for href, _ in picker.links:
        assert resolves(real_site, "index.html", href), href
    assert '<details class="ww-gemeente-kiezen">' in html
    # The side-by-side overview stays.
    assert 'class="ww-overzicht ww-kaarttabel"' in html


def test_the_overview_shows_each_approach_s_recognition_steps_beside_its_words(real_site):
    html = (real_site / "index.html").read_text(encoding="utf-8")
    kennisbank = load_kennisbank(REPO / "data", relative_to=REPO)
    rows = re.findall(r'<tr>\s*<th scope="row"><a href="([^"]+)".*?</tr>', html, re.DOTALL)
    assert len(rows) == len(kennisbank.approaches)
    for approach in kennisbank.approaches.values():
        row = re.search(rf'<th scope="row"><a href="{re.escape(record_url("approach", approach.id))}".*?</tr>', html, re.DOTALL).group(0)
        filled = row.count("ww-erkenning__trede--gehaald")
        assert filled == recognition_steps(approach.erkenning.niveau), approach.id
        assert len(re.findall(r'class="ww-erkenning__trede[ "]', row)) == len(RECOGNITION_STEPS)
        assert EVIDENCE_LEVELS[approach.erkenning.niveau] in row  # the words, for whoever does not see the steps


def test_recognition_steps_climb_the_ladder():
    assert [recognition_steps(level) for level in EVIDENCE_LEVELS] == [0, 0, 1, 2, 3]


def nu_checker_errors(site: Path) -> list[str]:
    """The Nu HTML Checker's errors on every page, except Material's `autocomplete` on its own
    hidden toggles (<input class="md-toggle" type="checkbox" autocomplete="off">), a known markup
    choice of the theme."""
    java = shutil.which("java")
    if not java:
        pytest.fail("Java ontbreekt voor de Nu HTML Checker: installeer het Debian-pakket default-jre-headless (make test doet dat als root).")
    if not VNU.exists():
        pytest.fail("De Nu HTML Checker ontbreekt: draai `npm ci` (make test doet dat).")
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html", str(site)],
        capture_output=True, text=True, timeout=600,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = []
    for message in messages:
        path = Path(message["url"].removeprefix("file:"))
        line = path.read_text(encoding="utf-8").splitlines()[message["lastLine"] - 1] if "lastLine" in message else ""
        if message["message"].startswith("Attribute “autocomplete” is only allowed") and 'class="md-toggle' in line:
            continue
        errors.append(f"{path.relative_to(site)}:{message.get('lastLine')}: {message['message']}")
    return errors


def test_every_page_is_valid_html_by_the_nu_checker(real_site):
    assert nu_checker_errors(real_site) == []


def test_the_nu_checker_test_catches_invalid_html(tmp_path):
    page = tmp_path / "pagina" / "index.html"
    page.parent.mkdir()
    page.write_text('<!doctype html><html lang="nl"><head><title>x</title></head><body><label for="weg">x</label></body></html>')
    (errors,) = nu_checker_errors(tmp_path)
    assert errors.startswith("pagina/index.html:1:") and "“for” attribute" in errors


def test_a_municipality_page_says_which_of_its_projects_no_longer_run(real_site):
    kennisbank = load_kennisbank(REPO / "data", relative_to=REPO)
    html = (real_site / "gemeenten" / "veendam" / "index.html").read_text(encoding="utf-8")
    listed = [p for p in kennisbank.projects.values() if any(m.id == "veendam" for m in kennisbank.municipalities_of(p))]
    assert any(p.status in ("afgerond", "gestopt") for p in listed)
    for project in listed:
        item = re.search(rf'<li><a href="[^"]*projectenbank/{project.id}/">.*?</li>', html, re.DOTALL).group(0)
        ended = project.status in ("afgerond", "gestopt")
        assert ('<span class="ww-status">(' in item) == ended, project.id
