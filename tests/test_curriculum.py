"""Curriculum pages that trainers can link to for years."""
from __future__ import annotations

import csv
import io
import json

import pytest

from site_fixtures import REPO, build, copy_project, replace_in
from site_pages import link_targets, page_at, read_page
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


def test_a_new_id_with_the_old_one_kept_redirects_the_old_address_and_anchor(tmp_path):
    project = copy_project(tmp_path / "project")
    opleiding = project / "data" / "opleiding.yaml"
    replace_in(opleiding, "  - id: stage\n", "  - id: praktijkstage\n    vorige_ids: [stage]\n")
    replace_in(opleiding, "      - id: werken-in-tandem\n", "      - id: samenwerken-in-tandem\n        vorige_ids: [werken-in-tandem]\n")
    replace_in(project / "data" / "vaste-links.yaml", "  - stage\n", "  - stage\n  - praktijkstage\n")
    replace_in(project / "data" / "vaste-links.yaml", "  - werken-in-tandem\n", "  - werken-in-tandem\n  - samenwerken-in-tandem\n")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    site = tmp_path / "site"
    moved = (site / "opleiding" / "stage" / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../../opleiding/praktijkstage/">' in moved
    assert 'location.replace("../../opleiding/praktijkstage/" + location.hash)' in moved
    new_page = read_page(site / "opleiding" / "praktijkstage" / "index.html")
    assert {"samenwerken-in-tandem", "werken-in-tandem"} <= new_page.ids  # the old anchor still lands on the goal


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
