"""The staged site builds with Zensical too, the successor its authors point to as Material for
MkDocs nears its end of life: in a venv of its own, the same staging folder gives the same set
of pages, every internal link and anchor works, and the engine's checks and policy hold."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from site_fixtures import REPO, copy_project
from site_pages import broken_links

ZENSICAL = "zensical==0.0.73"  # the newest release that installs here (checked 2026-12-02)
# Zensical runs mkdocs-macros its own way: record text that looks like a macro must stay text.
BRACES_PROJECT = """
- id: proef-accolades
  naam: "Aaa proef {{ 7*7 }} en {% if true %}ja{% endif %}"  # first by name: on the first list page
  organisatie: Stichting Proef
  samenvatting: "Een proef met {{ config.site_name }} erin."
  beschrijving: "Nog {{ 6*7 }} keer."
  status: lopend
  gemeenten: [GM0047]
  themas: [schulden]
  doelgroepen: [inwoners-in-armoede]
  doelen: [Proef.]
  contact: {website: 'https://example.org/proef'}
  toegevoegd: 2026-11-25
  laatst_gecontroleerd: 2026-11-25
"""


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("zensical")
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
    python = str(venv / "bin" / "python")
    install = subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-c", str(REPO / "constraints.txt"), ZENSICAL, "-e", str(REPO)],
        capture_output=True, text=True,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    project = copy_project(root / "project")
    with open(project / "data" / "projects.yaml", "a", encoding="utf-8") as file:
        file.write(BRACES_PROJECT)
    site = root / "site"
    result = subprocess.run(
        [python, "-m", "watwerkt.cli", "build", "--site", str(site), "--generator", "zensical"],
        cwd=project, capture_output=True, text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return site


def _pages(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*.html")}


def test_zensical_builds_the_same_pages_as_mkdocs(zensical_site, real_site):
    assert _pages(zensical_site) == _pages(real_site) | {"projectenbank/proef-accolades/index.html"}
    # The differences the README names: Zensical writes its own search.json (the search stays Pagefind's).
    assert (zensical_site / "search.json").is_file() and not (real_site / "search.json").exists()
    assert (zensical_site / "pagefind" / "pagefind.js").is_file()


def test_every_internal_link_and_anchor_works_in_the_zensical_site(zensical_site):
    assert broken_links(zensical_site) == []


def test_zensical_shows_the_engine_s_pages_whole_with_their_contents_and_policy(zensical_site, real_site):
    for site in (zensical_site, real_site):
        page = (site / "aanpakken" / "samen-sterk" / "index.html").read_text(encoding="utf-8")
        toc = page[page.index("md-nav--secondary") :]
        assert 'href="#resultaten"' in toc and 'href="#bronnen"' in toc, site
        assert 'content="watwerkt-content-security-policy"' not in page and "script-src 'self'" in page, site
        assert 'data-ww-module="permalinks"' in page and "components/mount.js" in page, site
    form = (zensical_site / "aanmelden" / "index.html").read_text(encoding="utf-8")
    assert 'data-ww-module="submission_form"' in form and 'href="../components/submission_form/style.css"' in form


def test_record_text_that_looks_like_a_macro_stays_text_in_zensical(zensical_site):
    page = (zensical_site / "projectenbank" / "proef-accolades" / "index.html").read_text(encoding="utf-8")
    assert "Aaa proef {{ 7*7 }} en {% if true %}ja{% endif %}" in page and "Nog {{ 6*7 }} keer." in page
    listing = (zensical_site / "projectenbank" / "index.html").read_text(encoding="utf-8")  # a component, through the macros
    assert "Een proef met {{ config.site_name }} erin." in listing and "49" not in listing.split("proef-accolades")[1][:300]
