"""In a real browser: the reading aid."""
from __future__ import annotations


import pytest

from playwright.sync_api import expect
from browser import (  # noqa: F401  fixtures and helpers
    AXE, WCAG_TAGS, QuietHandler, axe_violations, browser, chromium_path, kennisbank, listed_projects, page, search, site_url,
)


def test_the_reading_aid_enlarges_text_and_spacing_and_remembers_it(browser, site_url):
    context = browser.new_context(locale="nl-NL", viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(site_url + "aanpakken/samen-sterk/")
    size = lambda: page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    spacing = lambda: page.evaluate("getComputedStyle(document.querySelector('.md-typeset p')).letterSpacing")
    before = size()
    # On a phone the buttons fold behind "Leeshulp": one short bar until it is opened.
    opener = page.get_by_role("button", name="Leeshulp")
    expect(opener).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("button", name="Tekst groter")).to_be_hidden()
    assert page.locator(".ww-leeshulp").bounding_box()["height"] < 60
    opener.click()
    expect(opener).to_have_attribute("aria-expanded", "true")
    for _ in range(8):  # up to 200%
        page.get_by_role("button", name="Tekst groter").click()
    assert size() == pytest.approx(before * 2)
    page.get_by_role("button", name="Letterafstand groter").click()
    assert spacing() != "normal"
    expect(page.locator(".ww-leeshulp__status")).to_contain_text("Tekst 200%")
    page.goto(site_url + "projectenbank/")  # remembered on the next page
    assert size() == pytest.approx(before * 2)
    # At 200% text the page still fits a phone screen without sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("button", name="Leeshulp").click()
    page.get_by_role("button", name="Standaard").click()
    assert size() == pytest.approx(before)
    context.close()
