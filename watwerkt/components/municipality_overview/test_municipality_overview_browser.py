"""In a real browser: the gap table scrolls in its own box with its names and header in view,
fits on a desktop, reads well on a phone, and its cells open the matching projects."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect
from browser import (  # noqa: F401  fixtures and helpers
    browser, chromium_path, kennisbank, listed_projects, page, site_url,
)

BOX = ".ww-matrix__vak"


@pytest.mark.parametrize("width, height", [(375, 740), (1280, 900)])
def test_the_names_and_the_header_stay_in_view_while_the_table_scrolls(browser, site_url, width, height):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="nl-NL")
    page = context.new_page()
    page.goto(site_url + "gemeenten/")
    box = page.locator(BOX)
    box.scroll_into_view_if_needed()
    frame = box.bounding_box()
    assert frame["x"] >= 0 and frame["x"] + frame["width"] <= width  # the box itself fits the screen
    sizes = box.evaluate("e => ({scroll: e.scrollWidth, client: e.clientWidth})")
    if width >= 1200:
        assert sizes["scroll"] <= sizes["client"], sizes  # on a desktop every column is in view
    else:
        assert sizes["scroll"] > sizes["client"]  # on a phone it scrolls sideways inside the box
    box.evaluate("e => { e.scrollLeft = e.scrollWidth; e.scrollTop = e.scrollHeight; }")
    page.wait_for_timeout(100)
    frame = box.bounding_box()
    name = page.locator(".ww-matrix tbody tr:last-child th[scope=row]").bounding_box()
    header = page.locator(".ww-matrix thead th").last.bounding_box()
    assert abs(name["x"] - frame["x"]) <= 2, (name, frame)  # the municipality column stays at the left
    assert abs(header["y"] - frame["y"]) <= 2, (header, frame)  # the header row stays on top
    size = page.locator(".ww-matrix td a").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 14
    context.close()


def test_a_cell_opens_the_projectenbank_filtered_on_its_municipality_and_theme(page, site_url, kennisbank):
    veendam = kennisbank.municipalities["GM0047"]
    theme = next(t for t in kennisbank.themes.values() if kennisbank.count_projects(veendam, t) > 1)
    count = kennisbank.count_projects(veendam, theme)
    expected = {p.id for p in kennisbank.projects_in(veendam) if theme.id in p.themas}
    page.goto(site_url + "gemeenten/")
    page.get_by_role("link", name=f"{count} projecten over {theme.naam} in Veendam").click()
    expect(page.locator("#ww-aantal")).to_have_text(f"{count} projecten gevonden")
    expect(page.locator("#ww-filter-gemeente")).to_have_value("GM0047")
    expect(page.locator("#ww-filter-thema")).to_have_value(theme.id)
    assert set(listed_projects(page)) == expected
    assert page.url.endswith(f"projectenbank/?gemeente=GM0047&thema={theme.id}")

    gap = next(t for t in kennisbank.themes.values() if kennisbank.count_projects(veendam, t) == 0)
    page.goto(site_url + "gemeenten/")
    page.get_by_role("link", name=f"Geen projecten over {gap.naam} in Veendam").click()
    expect(page.locator("#ww-aantal")).to_have_text("Geen projecten gevonden. Kies minder filters of andere woorden.")
