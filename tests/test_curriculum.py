"""Curriculum pages that trainers can link to for years."""
from __future__ import annotations

import csv
import io
import json
import re

import pytest

from site_fixtures import REPO, build, copy_project, replace_in
from site_pages import broken_links, link_targets, page_at, read_page
from watwerkt import load_kennisbank
from watwerkt.urls import record_url


@pytest.fixture(scope="module")
def kennisbank():
    return load_kennisbank(REPO / "data", relative_to=REPO)


def test_a_page_per_module_with_an_anchor_and_a_permalink_per_goal(real_site, kennisbank):
    for module in kennisbank.curriculum.modules:
        html = (real_site / record_url("module", module.id) / "index.html").read_text(encoding="utf-8")
        assert '<a class="ww-vaste-link" href="./">' in html
        for goal in module.leerdoelen:
            assert f'<li id="{goal.id}">' in html
            assert f'<a class="ww-vaste-link" href="#{goal.id}">vaste link' in html


def test_renaming_a_module_keeps_its_address(tmp_path):
    project = copy_project(tmp_path / "project")
    replace_in(project / "data" / "opleiding.yaml", "    naam: Stage\n", "    naam: Werken in de praktijk\n")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert page_at(tmp_path / "site", "opleiding/stage/").h1 == "Werken in de praktijk"
    assert not (tmp_path / "site" / "opleiding" / "werken-in-de-praktijk").exists()


@pytest.fixture(scope="module")
def renamed_stage(tmp_path_factory):
    """A site where module 'stage' is now 'praktijkstage' and its goal 'werken-in-tandem' is
    now 'samenwerken-in-tandem', both with their old ids kept."""
    tmp_path = tmp_path_factory.mktemp("renamed")
    project = copy_project(tmp_path / "project")
    opleiding = project / "data" / "opleiding.yaml"
    replace_in(opleiding, "  - id: stage\n", "  - id: praktijkstage\n    vorige_ids: [stage]\n")
    replace_in(opleiding, "      - id: werken-in-tandem\n", "      - id: samenwerken-in-tandem\n        vorige_ids: [werken-in-tandem]\n")
    replace_in(project / "data" / "vaste-links.yaml", "  - stage\n", "  - stage\n  - praktijkstage\n")
    replace_in(project / "data" / "vaste-links.yaml", "  - werken-in-tandem\n", "  - werken-in-tandem\n  - samenwerken-in-tandem\n")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp_path / "site"


def test_a_new_id_with_the_old_one_kept_redirects_the_old_address_and_anchor(renamed_stage):
    site = renamed_stage
    moved = (site / "opleiding" / "stage" / "index.html").read_text(encoding="utf-8")
    assert 'location.replace("../../opleiding/praktijkstage/" + location.hash)' in moved
    # No meta refresh: it would drop the #anchor; without JavaScript this page shows the way.
    assert 'http-equiv="refresh"' not in moved
    new_page = read_page(site / "opleiding" / "praktijkstage" / "index.html")
    assert {"samenwerken-in-tandem", "werken-in-tandem"} <= new_page.ids  # the old anchor still lands on the goal


def test_an_old_module_address_lists_every_goal_at_its_new_address_under_its_old_anchor(renamed_stage):
    """Without JavaScript the redirect page is the way on: old-address#goal scrolls to the goal's
    line, which links to the goal's new address; a goal whose id changed says so, old and new."""
    site = renamed_stage
    kennisbank = load_kennisbank(site.parent / "project" / "data", relative_to=site.parent / "project")
    module = next(m for m in kennisbank.curriculum.modules if m.id == "praktijkstage")
    moved_file = site / "opleiding" / "stage" / "index.html"
    moved, html = read_page(moved_file), moved_file.read_text(encoding="utf-8")
    assert moved.lang == "nl" and moved.h1 == "Deze module heeft een nieuw adres"
    assert 'http-equiv="Content-Security-Policy"' in html and '<meta name="robots" content="noindex">' in html
    targets = link_targets(site, moved)
    assert "opleiding/praktijkstage/" in targets
    new_page = read_page(site / "opleiding" / "praktijkstage" / "index.html")
    for goal in module.leerdoelen:
        assert f"opleiding/praktijkstage/#{goal.id}" in targets, goal.id
        assert goal.id in new_page.ids, goal.id  # the link lands on the goal
        assert goal.tekst in moved.text, goal.id
    # Each line carries the anchors the goal had on the old address: its id, and its old ids.
    assert '<li id="samenwerken-in-tandem"><span id="werken-in-tandem"></span><a href="../../opleiding/praktijkstage/#samenwerken-in-tandem">' in html
    assert '<li id="waarde-laten-zien"><a href="../../opleiding/praktijkstage/#waarde-laten-zien">' in html
    assert "Eerst eindigde hij op <code>#werken-in-tandem</code>, nu op <code>#samenwerken-in-tandem</code>." in html
    assert html.count("Eerst eindigde hij op") == 1  # only the goal whose id changed
    assert not [link for link in broken_links(site) if link.startswith("opleiding/stage/")]
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), ids


def test_an_old_module_address_is_valid_html_by_the_nu_checker(renamed_stage, tmp_path):
    import shutil

    from test_public_face import nu_checker_errors

    alone = tmp_path / "verhuisd" / "index.html"  # the page on its own: the checker need not read the whole site
    alone.parent.mkdir()
    shutil.copy(renamed_stage / "opleiding" / "stage" / "index.html", alone)
    assert nu_checker_errors(tmp_path) == []


def test_teaching_material_lists_every_module_and_goal_with_its_link(real_site, kennisbank):
    page = page_at(real_site, "lesmateriaal/")
    targets = link_targets(real_site, page)
    html = (real_site / "lesmateriaal" / "index.html").read_text(encoding="utf-8")
    for module in kennisbank.curriculum.modules:
        assert record_url("module", module.id) in targets
        for goal in module.leerdoelen:
            assert f"{record_url('module', module.id)}#{goal.id}" in targets
            assert f"{goal.tekst} http://127.0.0.1:8000/{record_url('module', module.id)}#{goal.id}" in html


def test_the_curriculum_downloads(real_site, kennisbank):
    document = json.loads((real_site / "open-data" / "opleiding.json").read_text(encoding="utf-8"))
    assert [m["id"] for m in document["opleiding"]["modules"]] == [m.id for m in kennisbank.curriculum.modules]
    rows = list(csv.DictReader(io.StringIO((real_site / "open-data" / "opleiding.csv").read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == sum(len(m.leerdoelen) for m in kennisbank.curriculum.modules)
    assert rows[0]["vaste_link"].endswith(f"{record_url('module', rows[0]['module_id'])}#{rows[0]['leerdoel_id']}")
