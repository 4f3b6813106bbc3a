"""The municipality × theme table on /gemeenten/: every cell links to the projectenbank filtered
on its municipality and theme, and says what it is."""
from __future__ import annotations

import html as html_module
import re
from urllib.parse import parse_qs, urlsplit

from browser import kennisbank  # noqa: F401  fixture
from site_pages import page_at

CELL = re.compile(r'<td(?: class="ww-gat")?><a href="([^"]*)" aria-label="([^"]*)">([^<]*)</a></td>')


def matrix_cells(site) -> list[tuple[str, str, str]]:
    html = (site / "gemeenten" / "index.html").read_text(encoding="utf-8")
    start = html.index('<table class="ww-matrix">')
    table = html[start : html.index("</table>", start)]
    return [(html_module.unescape(href), label, text) for href, label, text in CELL.findall(table)]


def test_every_cell_links_to_the_projectenbank_filtered_on_its_municipality_and_theme(real_site, kennisbank):
    cells = matrix_cells(real_site)
    municipalities = sorted(kennisbank.municipalities.values(), key=lambda m: m.naam)
    themes = list(kennisbank.themes.values())
    assert len(cells) == len(municipalities) * len(themes)
    page = page_at(real_site, "gemeenten/")
    for number, (href, label, text) in enumerate(cells):
        municipality, theme = municipalities[number // len(themes)], themes[number % len(themes)]
        address = urlsplit(href)
        # The link works from /gemeenten/ and without JavaScript it opens the projectenbank itself.
        assert (page.path.parent / address.path / "index.html").resolve() == (real_site / "projectenbank" / "index.html").resolve()
        assert parse_qs(address.query) == {"gemeente": [municipality.code], "thema": [theme.id]}, href
        count = kennisbank.count_projects(municipality, theme)
        assert text == (str(count) if count else "–")
        amount = "Geen projecten" if count == 0 else "1 project" if count == 1 else f"{count} projecten"
        assert label == f"{amount} over {theme.naam} in {municipality.naam}"


def test_the_table_links_its_own_stylesheet_and_the_site_style_has_no_rules_of_it(real_site):
    from site_fixtures import REPO

    html = (real_site / "gemeenten" / "index.html").read_text(encoding="utf-8")
    assert 'href="../components/municipality_overview/style.css"' in html
    assert (real_site / "components" / "municipality_overview" / "style.css").is_file()
    site_css = (REPO / "overrides" / "assets" / "stylesheets" / "watwerkt.css").read_text(encoding="utf-8")
    assert "ww-matrix" not in site_css and "ww-gat" not in site_css
