"""Open data, feed and page metadata: parse what the build wrote and compare with the records."""
from __future__ import annotations

import csv
import io
import json
import re
from xml.etree import ElementTree

import pytest

from site_fixtures import REPO
from site_pages import link_targets, page_at, resolve
from watwerkt import urls
from watwerkt import load_kennisbank
from watwerkt.model import Project
from watwerkt.urls import record_url

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def kennisbank():
    return load_kennisbank(REPO / "data", relative_to=REPO)


def test_projects_json_matches_the_records(real_site, kennisbank):
    document = json.loads((real_site / "open-data" / "projecten.json").read_text(encoding="utf-8"))
    assert document["licentie"] == "CC BY 4.0"
    projects = document["projecten"]
    assert [p["id"] for p in projects] == sorted(kennisbank.projects)
    for exported in projects:
        record = kennisbank.projects[exported["id"]]
        assert exported["naam"] == record.naam and exported["gemeenten"] == record.gemeenten
        assert exported["toegevoegd"] == record.toegevoegd.isoformat()
        assert document["paginas"][record.id].endswith(record_url("project", record.id))
        assert Project.model_validate(exported) == record  # each entry is valid against the published schema
        assert document["alle_gemeentecodes"][record.id] == [m.code for m in kennisbank.municipalities_of(record)]
    assert len(document["alle_gemeentecodes"]["sterk-uit-armoede-veenkolonien"]) == 11  # through its region


def test_approaches_json_matches_the_records(real_site, kennisbank):
    document = json.loads((real_site / "open-data" / "aanpakken.json").read_text(encoding="utf-8"))
    assert {a["id"]: a["naam"] for a in document["aanpakken"]} == {a.id: a.naam for a in kennisbank.approaches.values()}


def test_projects_csv_opens_in_dutch_excel(real_site, kennisbank):
    raw = (real_site / "open-data" / "projecten.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the byte-order mark to read UTF-8"
    assert b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert [row["id"] for row in rows] == sorted(kennisbank.projects)
    row = next(row for row in rows if row["id"] == "sterk-uit-armoede-veenkolonien")
    assert row["regio"] == kennisbank.regions[kennisbank.projects["sterk-uit-armoede-veenkolonien"].regio].naam == "Veenkoloniën (Kans voor de Veenkoloniën)"
    assert "Veendam" in row["gemeenten"] and "GM0047" in row["gemeentecodes"]
    assert row["provincies"] == "Drenthe, Groningen"


def test_project_schema_is_published(real_site):
    schema = json.loads((real_site / "open-data" / "project.schema.json").read_text(encoding="utf-8"))
    assert set(schema["properties"]) == set(Project.model_fields)
    assert "naam" in schema["required"]


def test_feed_is_atom_with_the_newest_first(real_site, kennisbank):
    feed = ElementTree.parse(real_site / "projectenbank" / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(kennisbank.projects)
    updated = [entry.findtext(f"{ATOM}updated") for entry in entries]
    assert updated == sorted(updated, reverse=True)
    assert feed.findtext(f"{ATOM}updated") == updated[0]
    for entry in entries:
        assert entry.findtext(f"{ATOM}title") and entry.find(f"{ATOM}link").get("href").startswith("http")
    # Announced by a link on the projectenbank page; never by a <link rel="alternate"> in the
    # head, which Material's JavaScript would take for a translation (a 404 on every page).
    html = (real_site / "projectenbank" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="feed.xml" rel="alternate" type="application/atom\+xml">', html), "feed link"
    assert not any('<link rel="alternate"' in page.read_text(encoding="utf-8") for page in real_site.rglob("*.html"))


def test_project_pages_carry_json_ld_and_open_graph(real_site, kennisbank):
    for project in kennisbank.projects.values():
        html = (real_site / record_url("project", project.id) / "index.html").read_text(encoding="utf-8")
        [json_ld] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        data = json.loads(json_ld)
        assert data["@type"] == "Project" and data["name"] == project.naam
        assert {area["name"] for area in data["areaServed"]} == {m.naam for m in kennisbank.municipalities_of(project)}
        assert '<meta property="og:type" content="article">' in html
        assert re.search(r'<meta property="og:title" content="[^"]+">', html)


def test_open_data_page_explains_every_field(real_site):
    page = page_at(real_site, "open-data/")
    for name, field in Project.model_fields.items():
        assert name in page.text and field.description in page.text, name
    for link in ("projecten.json", "projecten.csv", "aanpakken.json", "project.schema.json", "../projectenbank/feed.xml"):
        assert link in page.links


def test_open_data_page_links_every_file_the_build_publishes(real_site, kennisbank):
    """The exports' own list is the truth: each file in it is linked from /open-data/ and the
    link reaches the file; the build writes nothing into open-data/ that is not in it."""
    from watwerkt.publishing.exports import exports

    page = page_at(real_site, "open-data/")
    targets = link_targets(real_site, page)
    published = [export.path for export in exports(kennisbank, site_url="https://example.org/", site_name="Wat Werkt")]
    assert urls.open_data("opleiding.json") in published and urls.open_data("opleiding.csv") in published
    for path in published:
        assert path in targets, f"{path} staat niet in de tabel op /open-data/: zet het in docs/open-data/index.md"
        assert (real_site / path).is_file(), path
    written = {path.relative_to(real_site).as_posix() for path in (real_site / urls.open_data("")).iterdir()}
    assert written - {urls.open_data("index.html")} <= set(published)
    for href in page.links:
        resolved = resolve(real_site, page.path, href)
        if resolved and resolved[0].suffix != ".html":  # the downloads, not the links to pages
            assert resolved[0].is_file(), href


def test_open_data_page_explains_every_column_of_the_curriculum_csv(real_site):
    from watwerkt.publishing.exports import CURRICULUM_CSV_COLUMNS

    header = (real_site / urls.open_data("opleiding.csv")).read_bytes().decode("utf-8-sig").splitlines()[0]
    assert header.split(";") == CURRICULUM_CSV_COLUMNS
    html = (real_site / "open-data" / "index.html").read_text(encoding="utf-8")
    for column in CURRICULUM_CSV_COLUMNS:
        assert f"<td><code>{column}</code></td>" in html, column


def test_csv_cells_never_become_spreadsheet_formulas(tmp_path):
    from site_fixtures import build, copy_project

    project = copy_project(tmp_path / "project")
    with open(project / "data" / "projects.yaml", "a", encoding="utf-8") as file:
        file.write(
            "\n- id: formule\n  naam: '=HYPERLINK(\"https://example.org\";\"klik\")'\n  organisatie: '@SUM(A1)'\n"
            "  samenvatting: Een project.\n  beschrijving: Een project.\n  status: lopend\n  gemeenten: [GM0047]\n"
            "  themas: [schulden]\n  doelgroepen: [inwoners-in-armoede]\n  doelen: [Iets.]\n"
            "  contact: {website: 'https://example.org'}\n  toegevoegd: 2026-11-25\n  laatst_gecontroleerd: 2026-11-25\n"
        )
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    raw = (tmp_path / "site" / "open-data" / "projecten.csv").read_bytes().decode("utf-8-sig")
    row = next(row for row in csv.DictReader(io.StringIO(raw), delimiter=";") if row["id"] == "formule")
    assert row["naam"] == "'=HYPERLINK(\"https://example.org\";\"klik\")"
    assert row["organisatie"] == "'@SUM(A1)"
