"""While `serve` runs, a rebuild makes again only the record pages whose inputs changed, and the
pages it gives are exactly those a fresh build makes: after every kind of edit."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from site_fixtures import REPO, replace_in
from watwerkt.publishing.site import load_site
from watwerkt import reuse
from watwerkt.rendering import Renderer, made_pages

SITE_URL = "http://127.0.0.1:8000/"


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setattr(reuse, "_KEEPING", [True])  # as `serve` does; the test's own store
    monkeypatch.setattr(made_pages, "_MADE", {})
    shutil.copytree(REPO / "data", tmp_path / "data")
    return tmp_path


def pages_now(project: Path):
    """The pages of a rebuild, how many it made from templates, and a fresh build's pages."""
    site = load_site(project)
    pages = site.renderer.record_pages(site_url=SITE_URL)
    made = site.renderer.pages_made
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(reuse, "_KEEPING", [False])
        fresh = Renderer(site.kennisbank, today=site.renderer.today).record_pages(site_url=SITE_URL)
    return pages, made, fresh


def first_project(project: Path) -> tuple[str, str]:
    text = (project / "data" / "projects.yaml").read_text(encoding="utf-8")
    found = re.search(r"^- id: (\S+)\n  naam: (.+)\n", text, re.MULTILINE)
    return found.group(1), found.group(2)


def test_a_rebuild_with_nothing_changed_makes_no_page(project):
    pages, made, fresh = pages_now(project)
    assert made == len(pages) > 50 and pages == fresh
    again, made, _ = pages_now(project)
    assert made == 0 and again == pages


@pytest.mark.parametrize("edit", ["summary", "name", "name that matters", "municipality", "region", "begrip", "approach"])
def test_after_an_edit_the_pages_are_a_fresh_builds_and_few_are_made(project, edit):
    before, _, _ = pages_now(project)
    data = project / "data"
    record_id, name = first_project(project)
    if edit == "summary":
        text = (data / "projects.yaml").read_text(encoding="utf-8")
        summary = re.search(rf"- id: {record_id}\n(?:  .*\n)*?  samenvatting: (.+)\n", text).group(1)
        replace_in(data / "projects.yaml", f"samenvatting: {summary}\n", "samenvatting: Een nieuwe samenvatting in eigen woorden.\n")
    elif edit == "name":
        replace_in(data / "projects.yaml", f"naam: {name}\n", "naam: Project Nieuwe Naam\n")
    elif edit == "name that matters":  # holds a begrip: the links on other pages may change
        replace_in(data / "projects.yaml", f"naam: {name}\n", "naam: Armoede de baas\n")
    elif edit == "municipality":
        replace_in(data / "gemeenten.yaml", "naam: Veendam", "naam: Veendam (gemeente)")
    elif edit == "region":  # its name is the area of the records in it, through a template global
        replace_in(data / "regios.yaml", "naam: Provincie Drenthe", "naam: De provincie Drenthe")
    elif edit == "begrip":
        replace_in(data / "begrippen.yaml", "term: Peildatum", "term: Meetdatum")
    elif edit == "approach":
        replace_in(data / "aanpakken.yaml", "naam: Samen Sterk\n", "naam: Samen Sterker\n")
    pages, made, fresh = pages_now(project)
    assert pages == fresh
    changed = {page.src_uri for page, old in zip(pages, before) if page != old}
    assert changed, "the edit shows"
    if edit in ("summary", "name", "name that matters"):
        # The project's page and those that list it; begrip links may change elsewhere.
        assert f"projectenbank/{record_id}/index.md" in changed
        assert made < len(pages) / 2
        assert made >= len(changed) or edit == "name that matters"


def test_an_edited_template_makes_every_page_again(project, monkeypatch):
    pages, _, _ = pages_now(project)
    real = made_pages.templates_signature
    monkeypatch.setattr("watwerkt.rendering.templates_signature", lambda folders: (*real(folders), ("edited", 1)))
    _, made, _ = pages_now(project)
    assert made == len(pages)
