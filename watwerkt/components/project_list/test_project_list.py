"""The projectenbank overview: every project without JavaScript, filters with it."""
from __future__ import annotations

import json
import re

import pytest

from site_fixtures import REPO, build, copy_project, replace_in
from site_pages import link_targets, page_at
from watwerkt import load_kennisbank
from watwerkt.urls import record_url


@pytest.fixture(scope="module")
def kennisbank():
    return load_kennisbank(REPO / "data", relative_to=REPO)


def synthetic_projects(count: int) -> str:
    return "".join(
        f"""
- id: proef-{number:04d}
  naam: Proefproject {number:04d}
  organisatie: Stichting Proef
  samenvatting: Een proefproject voor de paginering.
  beschrijving: Alleen voor de test.
  status: lopend
  gemeenten: [{"GM0114" if number % 2 else "GM0047"}]
  themas: [schulden]
  doelgroepen: [inwoners-in-armoede]
  doelen: [Testen.]
  contact: {{website: "https://example.org"}}
  toegevoegd: 2026-11-25
  laatst_gecontroleerd: 2026-11-25
"""
        for number in range(count)
    )


def test_the_overview_lists_every_project_with_its_count(real_site, kennisbank):
    page = page_at(real_site, "projectenbank/")
    assert {record_url("project", p) for p in kennisbank.projects} <= link_targets(real_site, page)
    assert f"{len(kennisbank.projects)} projecten" in page.text
    for project in kennisbank.projects.values():
        assert project.samenvatting in page.text and project.organisatie in page.text


def test_the_filter_form_offers_every_facet_from_the_reference_data(real_site, kennisbank):
    html = (real_site / "projectenbank" / "index.html").read_text(encoding="utf-8")
    for facet in ("gemeente", "provincie", "regio", "thema", "doelgroep", "aanpak", "status"):
        assert f'<select id="ww-filter-{facet}" name="{facet}">' in html
    for municipality in kennisbank.municipalities.values():
        assert f'<option value="{municipality.code}">{municipality.naam}</option>' in html
    assert 'role="status" aria-live="polite"' in html


def test_the_filter_index_holds_every_project(real_site, kennisbank):
    index = json.loads((real_site / "projectenbank" / "index.json").read_text(encoding="utf-8"))
    columns = dict(zip(index["kolommen"], index["projecten"]))  # column by column, in name order
    assert columns["id"] == [project.id for project in kennisbank.projects_by_name()]
    assert len(index["gemeenten"]) == len(kennisbank.municipalities)
    # The texts, which the page loads only once the reader filters, in the same order.
    texts = json.loads((real_site / "projectenbank" / "teksten.json").read_text(encoding="utf-8"))
    text_columns = dict(zip(texts["kolommen"], texts["projecten"]))
    assert text_columns["samenvatting"] == [project.samenvatting for project in kennisbank.projects_by_name()]
    assert len(text_columns["woorden"]) == len(kennisbank.projects)
    assert "samenvatting" not in index["kolommen"] and "woorden" not in index["kolommen"]


def test_many_projects_are_split_into_pages_without_javascript(tmp_path, kennisbank):
    project = copy_project(tmp_path / "project")
    total = 125  # three pages of at most 50
    assert len(kennisbank.projects) < total
    with open(project / "data" / "projects.yaml", "a", encoding="utf-8") as file:
        file.write(synthetic_projects(total - len(kennisbank.projects)))
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    site = tmp_path / "site"
    pages = [page_at(site, "projectenbank/"), page_at(site, "projectenbank/pagina/2/"), page_at(site, "projectenbank/pagina/3/")]
    listed = []
    for page in pages:
        projects = [t for t in link_targets(site, page) if t.startswith("projectenbank/") and t.count("/") == 2 and "pagina" not in t]
        assert 0 < len(projects) <= 50
        listed += projects
        assert {"projectenbank/", "projectenbank/pagina/2/", "projectenbank/pagina/3/"} <= link_targets(site, page)
    assert len(set(listed)) == total
    assert f"{total} projecten; pagina 2 van 3" in pages[1].text
    assert not (site / "projectenbank" / "pagina" / "4").exists()


def test_python_declares_the_filter_contract_and_the_script_reads_it(real_site, kennisbank):
    """Facets, page size, index columns and record address are declared once, in Python: the page
    and index.json carry them, and the script holds none of them itself."""
    from watwerkt.components import project_list
    from watwerkt.urls import record_url

    page = (real_site / "projectenbank" / "index.html").read_text(encoding="utf-8")
    facet_names = " ".join(facet.name for facet in project_list.facets(kennisbank))
    assert f'data-adressleutels="{facet_names}"' in page
    assert f'data-paginagrootte="{project_list.PAGE_SIZE}"' in page
    index = json.loads((real_site / "projectenbank" / "index.json").read_text(encoding="utf-8"))
    assert tuple(index["kolommen"]) == project_list.INDEX_COLUMNS
    assert index["facetkolommen"] == project_list.FACET_COLUMNS and set(index["facetkolommen"].values()) <= set(index["kolommen"])
    assert index["adres"] == record_url("project", "{id}")
    assert index["zoekregel"] == project_list.search.SEARCH_RULE
    orders = "".join(f'<option value="{value}">{label}</option>\n' for value, label in project_list.SORT_ORDERS.items())
    assert f'<select id="ww-volgorde" name="{project_list.SORT_PARAMETER}">\n{orders}</select>' in page
    assert f'id="ww-filter-q" name="{project_list.TEXT_PARAMETER}"' in page
    assert list(index["volgorden"]) == list(project_list.SORT_ORDERS)[1:]
    script = (real_site / "components" / "project_list" / "script.js").read_text(encoding="utf-8")
    for declared in (*project_list.INDEX_COLUMNS, *project_list.FACET_COLUMNS, *project_list.SORT_ORDERS, project_list.SORT_PARAMETER, project_list.TEXT_PARAMETER):
        assert f'"{declared}"' not in script.replace('column("', "").replace('derived[', ""), declared
    for ending, _ in project_list.search.ENDINGS:
        assert f'"{ending}"' not in script, ending
    assert str(project_list.PAGE_SIZE) not in script and '"projectenbank/"' not in script
    assert project_list.search.SEPARATOR not in script and project_list.search.VOWELS not in script


def test_related_projects_say_truly_whether_other_projects_share_a_theme(tmp_path):
    """A project page lists up to five projects in the same municipality, then others with its
    themes; the second list leaves out the first. When every project sharing a theme stands in
    the first, the page says so instead of claiming there are none; "none" only when true."""
    project = copy_project(tmp_path / "project")
    with open(project / "data" / "themas.yaml", "a", encoding="utf-8") as file:
        file.write("".join(f"- id: proef-{n}\n  naam: Proef {n}\n  omschrijving: Een thema voor de test.\n" for n in (1, 2, 3)))
    # In Veendam, named to come first there (so they are each other's neighbours): een and twee
    # share a theme, drie has one of its own, vijf shares one with zes in Groningen.
    made_up = [("aaa-proef-een", "GM0047", 1), ("aaa-proef-twee", "GM0047", 1), ("aaa-proef-drie", "GM0047", 2),
               ("aaa-proef-vijf", "GM0047", 3), ("proef-zes", "GM0014", 3)]
    with open(project / "data" / "projects.yaml", "a", encoding="utf-8") as file:
        file.write("".join(f"""
- id: {project_id}
  naam: {project_id.replace("-", " ").capitalize()}
  organisatie: Stichting Proef
  samenvatting: Een project voor de test.
  beschrijving: Alleen voor de test.
  status: lopend
  gemeenten: [{municipality}]
  themas: [proef-{theme}]
  doelgroepen: [inwoners-in-armoede]
  doelen: [Testen.]
  contact: {{website: "https://example.org"}}
  toegevoegd: 2026-11-25
  laatst_gecontroleerd: 2026-11-25
""" for project_id, municipality, theme in made_up))
    site = tmp_path / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr

    def related(project_id: str) -> tuple[set[str], set[str], str]:
        """The projects under "same municipality", those under "these themes", and what the latter says."""
        html = page_at(site, record_url("project", project_id)).path.read_text(encoding="utf-8")
        section = html[html.index('id="verwante-projecten"') :].split("<h2", 1)[0]
        nearby, themed = section.split("Ook met deze thema", 1)
        ids = lambda part: {link.rstrip("/").split("/")[-1] for link in re.findall(r'href="([^"#]+/)"', part)}  # noqa: E731
        return ids(nearby), ids(themed), re.sub(r"<[^>]+>", " ", themed)

    nearby, themed, text = related("aaa-proef-een")
    assert "aaa-proef-twee" in nearby and themed == set()
    assert "Alle andere projecten met deze thema's staan hierboven." in text.replace("&#39;", "'")
    nearby, themed, text = related("aaa-proef-drie")
    assert {"aaa-proef-een", "aaa-proef-twee"} <= nearby and themed == set()
    assert "Er zijn geen andere projecten met deze thema's." in text.replace("&#39;", "'")
    nearby, themed, text = related("aaa-proef-vijf")
    assert themed == {"proef-zes"} and "hierboven" not in text and "geen andere" not in text
