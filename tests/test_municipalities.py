"""What runs where: a page per municipality, an overview, and links between projects."""
from __future__ import annotations

import pytest

from site_fixtures import REPO, build
from site_pages import link_targets, page_at
from watwerkt import load_kennisbank
from watwerkt.urls import record_url


@pytest.fixture(scope="module")
def kennisbank():
    return load_kennisbank(REPO / "data", relative_to=REPO)


def municipality_codes_of(project, kennisbank) -> set[str]:
    """Worked out from the records alone, independently of the engine's lookups."""
    codes = set(project.gemeenten)
    if project.regio:
        codes |= set(kennisbank.regions[project.regio].gemeenten)
    return codes


def test_each_municipality_page_lists_exactly_its_projects(real_site, kennisbank):
    for municipality in kennisbank.municipalities.values():
        page = page_at(real_site, record_url("municipality", municipality.id))
        assert page.h1 == f"Gemeente {municipality.naam}"
        linked = {url for url in link_targets(real_site, page) if url.startswith("projectenbank/") and url != "projectenbank/"}
        expected = {
            record_url("project", project.id)
            for project in kennisbank.projects.values()
            if municipality.code in municipality_codes_of(project, kennisbank)
        }
        assert linked == expected, municipality.naam


def test_municipality_pages_show_the_approaches_used_there(real_site, kennisbank):
    page = page_at(real_site, "gemeenten/veendam/")
    targets = link_targets(real_site, page)
    for project in kennisbank.projects.values():
        if "GM0047" in municipality_codes_of(project, kennisbank):
            for approach_id in project.aanpakken:
                assert record_url("approach", approach_id) in targets


def test_the_overview_lists_every_municipality_by_province_with_counts(real_site, kennisbank):
    page = page_at(real_site, "gemeenten/")
    targets = link_targets(real_site, page)
    for municipality in kennisbank.municipalities.values():
        assert record_url("municipality", municipality.id) in targets
    html = (real_site / "gemeenten" / "index.html").read_text(encoding="utf-8")
    groningen, drenthe = html.index('id="provincie-groningen"'), html.index('id="provincie-drenthe"')
    assert groningen < html.index(">Veendam</a>: ") < drenthe < html.index(">Emmen</a>: ")
    count = sum("GM0047" in municipality_codes_of(p, kennisbank) for p in kennisbank.projects.values())
    assert f">Veendam</a>: {count} projecten" in html


def test_the_municipality_by_theme_table_shows_gaps(real_site, kennisbank):
    html = (real_site / "gemeenten" / "index.html").read_text(encoding="utf-8")
    table = html[html.index('<table class="ww-matrix">') : html.index("</table>", html.index('<table class="ww-matrix">'))]
    assert table.count("<tr>") == len(kennisbank.municipalities) + 1
    gaps = table.count('class="ww-gat"')
    filled = len(kennisbank.municipalities) * len(kennisbank.themes) - gaps
    assert gaps > 0 and filled > 0
    # Each row has a gap exactly where the municipality has no project with that theme.
    for municipality in kennisbank.municipalities.values():
        row = table[table.index(f">{municipality.naam}</a>") :].split("</tr>")[0]
        expected = sum(kennisbank.count_projects(municipality, theme) == 0 for theme in kennisbank.themes.values())
        assert row.count('class="ww-gat"') == expected, municipality.naam


def test_project_pages_link_to_municipalities_modules_and_related_projects(real_site, kennisbank):
    project = kennisbank.projects["samen-sterk-oost-groningen"]
    page = page_at(real_site, record_url("project", project.id))
    targets = link_targets(real_site, page)
    assert {"gemeenten/veendam/", "gemeenten/pekela/"} <= targets
    for module in kennisbank.curriculum.modules:
        related = set(module.verwante_aanpakken) & set(project.aanpakken)
        assert (record_url("module", module.id) in targets) == bool(related), module.id
    # Other projects in Veendam or Pekela are its neighbours.
    assert record_url("project", "sterk-uit-armoede-veenkolonien") in targets
    assert "Verwante projecten" in page.text and "In dezelfde gemeente" in page.text


def test_projects_checked_over_a_year_ago_say_they_may_be_outdated(tmp_path, real_site):
    assert "Mogelijk verouderd" not in page_at(real_site, "projectenbank/samen-sterk-oost-groningen/").text
    result = build(REPO, tmp_path / "site", SOURCE_DATE_EPOCH="1830297600")  # 2028-01-01
    assert result.returncode == 0, result.stdout + result.stderr
    page = page_at(tmp_path / "site", "projectenbank/samen-sterk-oost-groningen/")
    assert "Mogelijk verouderd" in page.text and "25 november 2026" in page.text
