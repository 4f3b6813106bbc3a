"""In a real browser: the keyboard order (skip link, menu, content, then the table of contents),
and the statements' pages and the footer for accessibility."""
from __future__ import annotations

import pytest

from playwright.sync_api import expect
from browser import axe_violations, browser, kennisbank, page, site_url  # noqa: F401  fixtures and helpers

# Where the focus is, as one of the page's parts.
FOCUS_PART = """() => {
  const element = document.activeElement;
  if (element.matches('.md-skip')) return 'skip';
  if (element.closest('.md-sidebar--primary')) return 'menu';
  if (element.closest('.md-sidebar--secondary')) return 'contents';
  if (element.closest('article')) return 'content';
  if (element.closest('.md-footer')) return 'footer';
  return 'header';
}"""


@pytest.mark.parametrize("path", ["aanpakken/samen-sterk/", "over/"])
def test_tab_goes_from_the_skip_link_to_the_menu_the_content_and_then_the_table_of_contents(page, site_url, path):
    page.set_viewport_size({"width": 1400, "height": 900})  # menu and table of contents both shown
    page.goto(site_url + path)
    expect(page.locator(".md-sidebar--secondary a").first).to_be_visible()
    parts = []
    for _ in range(400):
        page.keyboard.press("Tab")
        part = page.evaluate(FOCUS_PART)
        if not parts or parts[-1] != part:
            parts.append(part)
        if part == "footer":
            break
    order = [part for part in parts if part != "header"]
    assert order[0] == "skip"
    assert order[1:] == ["menu", "content", "contents", "footer"], parts


@pytest.mark.parametrize("path", ["colofon/", "privacy/", "toegankelijkheid/", "over/"])
def test_the_statements_pages_meet_wcag(page, site_url, path):
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == []


def test_on_a_phone_the_footer_links_are_big_enough_to_tap(browser, site_url):
    phone = browser.new_page(viewport={"width": 360, "height": 740})
    try:
        phone.goto(site_url)
        links = phone.locator(".ww-voet a")
        assert links.count() == 6
        for link in links.all():
            box = link.bounding_box()
            assert box["height"] >= 24, box  # WCAG 2.5.8
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        phone.close()
