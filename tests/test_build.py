"""Build the real site in strict mode and check what a reader gets."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from site_fixtures import FIXTURE_DATA, REPO, build, copy_project, replace_in
from site_pages import broken_links, link_targets, page_at, read_page
from watwerkt import load_kennisbank
from watwerkt.urls import record_url


@pytest.fixture(scope="module")
def kennisbank():
    return load_kennisbank(REPO / "data", relative_to=REPO)


def test_every_record_has_its_page_with_title_and_key_fields(real_site, kennisbank):
    for approach in kennisbank.approaches.values():
        page = page_at(real_site, record_url("approach", approach.id))
        assert page.h1 == approach.naam
        for text in (approach.samenvatting, approach.eigenaar, "Rol van ervaringsdeskundigen", "Erkenning", "Bronnen"):
            assert " ".join(text.split()) in page.text, (approach.id, text)
        assert "Laatst gecontroleerd op" in page.text
    for project in kennisbank.projects.values():
        page = page_at(real_site, record_url("project", project.id))
        assert page.h1 == project.naam
        for text in (project.samenvatting, project.organisatie, "Contact"):
            assert text in page.text, (project.id, text)
    for module in kennisbank.curriculum.modules:
        page = page_at(real_site, record_url("module", module.id))
        assert page.h1 == module.naam
        for goal in module.leerdoelen:
            assert goal.id in page.ids and goal.tekst in page.text


def test_record_urls_come_from_ids():
    assert record_url("approach", "samen-sterk") == "aanpakken/samen-sterk/"
    assert record_url("project", "x") == "projectenbank/x/"
    assert record_url("module", "stage") == "opleiding/stage/"


def test_docs_holds_no_stub_per_record(kennisbank):
    for approach_id in kennisbank.approaches:
        assert not (REPO / "docs" / "aanpakken" / f"{approach_id}.md").exists()
    assert sorted(path.name for path in (REPO / "docs" / "projectenbank").iterdir()) == ["index.md"]


def test_approach_and_project_pages_link_each_other(real_site, kennisbank):
    for project in kennisbank.projects.values():
        project_url = record_url("project", project.id)
        for approach_id in project.aanpakken:
            approach_url = record_url("approach", approach_id)
            assert approach_url in link_targets(real_site, page_at(real_site, project_url))
            assert project_url in link_targets(real_site, page_at(real_site, approach_url))


def test_home_compares_every_approach_side_by_side(real_site, kennisbank):
    home = page_at(real_site, "")
    html = (real_site / "index.html").read_text(encoding="utf-8")
    start = html.index('<table class="ww-overzicht')
    table = html[start : html.index("</table>", start)]
    for heading in ("Erkenning", "Voor wie", "Rol van ervaringsdeskundigen", "Gebied", "Periode"):
        assert f'<th scope="col">{heading}</th>' in table
    for approach in kennisbank.approaches.values():
        assert f'href="{record_url("approach", approach.id)}"' in table
    assert table.count("<tr>") == len(kennisbank.approaches) + 1
    assert "Wat werkt tegen generatiearmoede" == home.h1


def test_index_pages_list_every_record(real_site, kennisbank):
    approaches = link_targets(real_site, page_at(real_site, "aanpakken/"))
    projects = page_at(real_site, "projectenbank/")
    curriculum = link_targets(real_site, page_at(real_site, "opleiding/"))
    assert approaches >= {record_url("approach", a) for a in kennisbank.approaches}
    assert link_targets(real_site, projects) >= {record_url("project", p) for p in kennisbank.projects}
    assert f"{len(kennisbank.projects)} projecten" in projects.text
    for module in kennisbank.curriculum.modules:
        assert record_url("module", module.id) in curriculum
        for goal in module.leerdoelen:
            assert f"{record_url('module', module.id)}#{goal.id}" in curriculum


def test_hand_written_pages_exist(real_site):
    for url, title in [
        ("kloven/", "De kloven"),
        ("resultaten/", "Resultaten"),
        ("mijn-leven-jouw-werk/", "Mijn leven, jouw werk"),
        ("over/", "Over deze site"),
    ]:
        assert page_at(real_site, url).h1.startswith(title)
    themes = page_at(real_site, "mijn-leven-jouw-werk/")
    for theme in ("Minder vindbaar", "Menselijker werken", "handelingsverlegenheid", "eigen organisatie loslaten", "Beter benutten"):
        assert theme in themes.text


def test_every_internal_link_and_anchor_resolves(real_site):
    assert broken_links(real_site) == []


def test_pages_are_dutch_and_load_nothing_from_elsewhere(real_site):
    for path in real_site.rglob("*.html"):
        page = read_page(path)
        assert page.lang == "nl", path
        external = [resource for resource in page.resources if re.match(r"^(https?:)?//", resource)]
        assert external == [], path
    # The search index is Pagefind's, with Dutch word forms; Material's unused one is not written.
    entry = json.loads((real_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["nl"]
    assert not (real_site / "search" / "search_index.json").exists()


def search_fragments(site: Path) -> dict[str, dict]:
    """What Pagefind holds of each page, by its address: the text it searches and shows."""
    import gzip
    fragments = {}
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd"), path
        fragment = json.loads(data[len(b"pagefind_dcd"):])
        fragments[fragment["url"]] = fragment
    return fragments


def test_search_leaves_out_what_many_pages_share(real_site):
    kb = load_kennisbank(REPO / "data")
    fragments = search_fragments(real_site)
    project = kb.projects["samen-sterk-oost-groningen"]
    page = fragments["/" + record_url("project", project.id)]["content"]
    # What belongs to this project is found: its text and its own facts.
    assert project.organisatie in page and project.naam in page
    # What many projects have alike is not: fact labels, shared facts, the list of related
    # projects, the dates of checking and the correction box.
    html = (real_site / record_url("project", project.id) / "index.html").read_text(encoding="utf-8")
    assert "Verwante projecten" in html and "Klopt er iets niet?" in html and ">Voor wie</dt>" in html
    for shared in ("Verwante projecten", "Ook met deze thema", "Klopt er iets niet", "Laatst gecontroleerd",
                   "laatst gecontroleerd", "Voor wie", "Inwoners in armoede"):
        assert shared not in page, shared
    # The approaches it uses are named; their summaries are their own pages' words.
    for approach_id in project.aanpakken:
        approach = kb.approaches[approach_id]
        assert approach.naam in page and approach.samenvatting not in page
    assert html.count('class="ww-samenvatting-elders"') >= len(project.aanpakken)
    related = re.search(r'class="ww-verwant"[^>]*>(.*?)</div>', html, re.S).group(1)
    related_names = [name for name in re.findall(r"<a [^>]*>([^<]+)</a>", related) if name not in page]
    assert related_names, "the related projects' names are left out"
    municipality = fragments["/gemeenten/veendam/"]["content"]
    assert "Veendam" in municipality and "Zoek je zelf hulp" not in municipality and "Geldfit" not in municipality
    # On no record page does the correction box count as words of the page (/bijdragen/ is about it).
    record_pages = [url for url in fragments if url.startswith(("/aanpakken/", "/projectenbank/", "/opleiding/", "/gemeenten/"))]
    assert len(record_pages) > 50
    assert not [url for url in record_pages if "Klopt er iets niet" in fragments[url]["content"]]


def test_record_pages_stay_out_of_the_sidebar(real_site):
    # Material renders the menu into every page: record pages in it would make builds quadratic.
    html = (real_site / "over" / "index.html").read_text(encoding="utf-8")
    nav = html[html.index('<nav class="md-nav md-nav--primary"') : html.index("</nav>", html.index('<nav class="md-nav md-nav--primary"'))]
    assert "samen-sterk" not in nav and "Projectenbank" in nav


def test_no_personal_phone_numbers_or_addresses_are_published(real_site):
    mobile = re.compile(r"(?<!\d)(?:\+31[\s-]?|0)6(?:[\s-]?\d){8}(?!\d)")
    personal_email = re.compile(r"\b[a-z]{1,2}\.[a-z-]+@[a-z0-9.-]+", re.IGNORECASE)
    for path in real_site.rglob("*.html"):
        text = read_page(path).text
        assert not mobile.search(text), path
        assert not personal_email.search(text), path


NEW_PROJECT = """
- id: nieuw-buurtproject
  naam: Nieuw buurtproject
  organisatie: Stichting Buurt
  samenvatting: Buren helpen elkaar met geldzaken.
  beschrijving: Een nieuw project.
  status: lopend
  gemeenten: [GM0114]
  themas: [schulden]
  doelgroepen: [inwoners-in-armoede]
  aanpakken: [mobility-mentoring]
  doelen: [Schulden voorkomen.]
  contact: {website: 'https://example.org'}
  toegevoegd: 2026-11-25
  laatst_gecontroleerd: 2026-11-25
"""


def test_adding_a_record_adds_its_page_with_no_other_edit(tmp_path):
    project = copy_project(tmp_path / "project")
    with open(project / "data" / "projects.yaml", "a", encoding="utf-8") as file:
        file.write(NEW_PROJECT)
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    site = tmp_path / "site"
    page = page_at(site, "projectenbank/nieuw-buurtproject/")
    assert page.h1 == "Nieuw buurtproject"
    assert "aanpakken/mobility-mentoring/" in link_targets(site, page)
    assert "projectenbank/nieuw-buurtproject/" in link_targets(site, page_at(site, "aanpakken/mobility-mentoring/"))
    assert "projectenbank/nieuw-buurtproject/" in link_targets(site, page_at(site, "projectenbank/"))


def test_record_text_is_never_run_as_a_macro_or_html(tmp_path):
    project = copy_project(tmp_path / "project")
    record = NEW_PROJECT.replace(
        "  beschrijving: Een nieuw project.",
        "  beschrijving: 'Uitkomst {{ 7 * 7 }} en {% if true %}ja{% endif %} en **vet** & [site](https://example.org)'",
    ).replace("  naam: Nieuw buurtproject", "  naam: 'Nieuw {{ config.site_name }} *project*'")
    with open(project / "data" / "projects.yaml", "a", encoding="utf-8") as file:
        file.write(record)
    site = tmp_path / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    html = (site / "projectenbank" / "nieuw-buurtproject" / "index.html").read_text(encoding="utf-8")
    assert "Uitkomst {{ 7 * 7 }} en {% if true %}ja{% endif %} en <strong>vet</strong> &amp;" in html
    assert '<a href="https://example.org" rel="noopener noreferrer">site</a>' in html
    assert page_at(site, "projectenbank/nieuw-buurtproject/").h1 == "Nieuw {{ config.site_name }} *project*"
    # The overview, which does run macros, shows it as text too.
    assert "Nieuw {{ config.site_name }} *project*" in page_at(site, "projectenbank/").text


def test_invalid_data_stops_the_build_with_the_check_lines_and_writes_nothing(tmp_path):
    project = copy_project(tmp_path / "project", data=FIXTURE_DATA)
    replace_in(project / "data" / "projects.yaml", "  organisatie: Stichting Voorbeeld", "  organsatie: Stichting Voorbeeld")
    replace_in(project / "data" / "projects.yaml", "  aanpakken: [eerste-aanpak]", "  aanpakken: [onbekend]")
    site = tmp_path / "site"
    result = build(project, site)
    check = subprocess.run([sys.executable, "-m", "watwerkt.cli", "check"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 1 and check.returncode == 1
    expected = [line for line in check.stderr.splitlines() if line.startswith("data/")]
    assert len(expected) == 3
    for line in expected:
        assert line in result.stdout + result.stderr
    assert "3 problemen in data/; de site is niet gebouwd." in result.stdout + result.stderr
    assert not site.exists()


def test_a_stopped_approach_keeps_its_page_with_the_reason(tmp_path):
    project = copy_project(tmp_path / "project")
    replace_in(
        project / "data" / "aanpakken.yaml",
        "  status: in-gebruik\n  probleem: >-\n    Langdurige stress",
        "  status: niet-werkzaam\n  status_reden: Uit onderzoek bleek geen effect.\n  probleem: >-\n    Langdurige stress",
    )
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    page = page_at(tmp_path / "site", "aanpakken/mobility-mentoring/")
    assert "Niet werkzaam gebleken" in page.text and "Uit onderzoek bleek geen effect." in page.text
    assert "(niet werkzaam gebleken)" in page_at(tmp_path / "site", "").text


def test_record_text_cannot_break_out_of_the_page_head(tmp_path):
    project = copy_project(tmp_path / "project")
    record = NEW_PROJECT.replace(
        "  samenvatting: Buren helpen elkaar met geldzaken.",
        """  samenvatting: '0;url=https://evil.example/" http-equiv="refresh'""",
    ).replace("  naam: Nieuw buurtproject", "  naam: 'Buren & \"geld\"'")
    with open(project / "data" / "projects.yaml", "a", encoding="utf-8") as file:
        file.write(record)
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "site" / "projectenbank" / "nieuw-buurtproject" / "index.html").read_text(encoding="utf-8")
    head = html[: html.index("</head>")]
    assert 'http-equiv="refresh"' not in head
    assert '<meta name="description" content="0;url=https://evil.example/&quot; http-equiv=&quot;refresh">' in head
    assert "<title>Buren &amp; &quot;geld&quot; - " in head


def test_a_hand_written_page_in_the_place_of_a_record_page_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "docs" / "aanpakken" / "samen-sterk.md").write_text("# Oud\n", encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 1
    assert "docs/aanpakken/samen-sterk.md bestaat al" in result.stdout + result.stderr


def test_every_status_and_evidence_level_has_a_label():
    from typing import get_args

    from watwerkt.model import ApproachStatus, EvidenceLevel, ProjectStatus
    from watwerkt.labels import APPROACH_STATUSES, EVIDENCE_LEVELS, PROJECT_STATUSES

    assert set(EVIDENCE_LEVELS) == set(get_args(EvidenceLevel))
    assert set(APPROACH_STATUSES) == set(get_args(ApproachStatus))
    assert set(PROJECT_STATUSES) == set(get_args(ProjectStatus))


def test_approach_pages_show_the_results_of_their_projects(real_site, kennisbank):
    checked = 0
    for project in kennisbank.projects.values():
        for approach_id in project.aanpakken:
            page = page_at(real_site, record_url("approach", approach_id))
            for result in project.resultaten:
                assert result.omschrijving in page.text, (approach_id, result.omschrijving)
                checked += 1
    assert checked > 0


def test_results_page_lists_every_result_once(real_site, kennisbank):
    html = (real_site / "resultaten" / "index.html").read_text(encoding="utf-8")
    expected = sum(len(record.resultaten) for record in [*kennisbank.approaches.values(), *kennisbank.projects.values()])
    assert html.count('<td data-label="Resultaat">') == expected


def test_the_build_needs_no_network(tmp_path):
    # unshare gives the build its own network namespace with nothing in it (CI runs as root).
    if subprocess.run(["unshare", "--net", "true"], capture_output=True).returncode != 0:
        pytest.skip("unshare --net is not permitted here")
    result = build(REPO, tmp_path / "site", prefix=("unshare", "--net"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "site" / "aanpakken" / "samen-sterk" / "index.html").exists()


def test_project_pages_show_who_submitted_them_and_when(real_site, kennisbank):
    for project in kennisbank.projects.values():
        text = page_at(real_site, record_url("project", project.id)).text
        assert f"Aangemeld door {project.aangemeld_door} op" in text
        assert "laatst gecontroleerd op" in text


def test_two_builds_of_the_same_sources_are_byte_identical(tmp_path):
    import hashlib

    def digest(site):
        return {str(path.relative_to(site)): hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(site.rglob("*")) if path.is_file()}

    first = build(REPO, tmp_path / "first", SOURCE_DATE_EPOCH="1795564800")
    second = build(REPO, tmp_path / "second", SOURCE_DATE_EPOCH="1795564800")
    assert first.returncode == second.returncode == 0
    assert digest(tmp_path / "first") == digest(tmp_path / "second")


def test_a_failed_build_leaves_the_previous_site_untouched(tmp_path):
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    assert build(project, site).returncode == 0
    before = {path: path.read_bytes() for path in site.rglob("*") if path.is_file()}
    replace_in(project / "data" / "projects.yaml", "  status: afgerond\n", "  status: klaar\n")
    assert build(project, site).returncode == 1
    assert {path: path.read_bytes() for path in site.rglob("*") if path.is_file()} == before


def test_the_header_override_is_materials_header_with_only_the_search_and_the_menu_s_mount_point_changed():
    """overrides/partials/header.html is a copy: when Material is upgraded, this fails until the
    copy is brought up to date."""
    import material

    original = (Path(material.__file__).parent / "templates" / "partials" / "header.html").read_text(encoding="utf-8")
    ours = (REPO / "overrides" / "partials" / "header.html").read_text(encoding="utf-8")
    strip_top_comment = lambda text: text.split("-#}\n", 1)[1]  # noqa: E731
    plugin_condition = re.compile(
        r'    \{% if "material/search" in config\.plugins %\}\n.*?\{% if search\.enabled %\}\n(.*?)      \{% endif %\}\n    \{% endif %\}\n',
        re.DOTALL,
    )
    search_box = plugin_condition.search(original).group(1)
    unconditional = "".join(line[4:] + "\n" for line in search_box.splitlines())
    expected = plugin_condition.sub(lambda _: "    {#- The one change: the search box without Material's search plugin (see the top). -#}\n" + unconditional, original)
    # and the two names of our components: the menu's mount point and the search box's home
    expected = expected.replace('data-md-component="header">', 'data-md-component="header" data-ww-module="menu">', 1)
    expected = expected.replace('{% include "partials/search.html" %}', '{% include "components/search/template.html" %}', 1)
    # and a Dutch name for the header's navigation
    expected = expected.replace('''aria-label="{{ lang.t('header') }}"''', 'aria-label="Bovenbalk"', 1)
    assert strip_top_comment(ours) == strip_top_comment(expected)

