"""In a real browser: the filters on the approaches overview."""
from __future__ import annotations



from playwright.sync_api import expect
from browser import (  # noqa: F401  fixtures and helpers
    AXE, WCAG_TAGS, QuietHandler, axe_violations, browser, chromium_path, kennisbank, listed_projects, page, search, site_url,
)


def test_the_approaches_overview_filters_on_theme_target_group_recognition_and_role(page, site_url, kennisbank):
    approaches = kennisbank.approaches.values()
    theme = next(t for t in sorted(kennisbank.themes) if 0 < sum(t in a.themas for a in approaches) < len(approaches))
    with_theme = {a.id for a in approaches if theme in a.themas}
    core = {a.id for a in approaches if theme in a.themas and a.ervaringsdeskundigen == "kern"}
    page.goto(site_url + "aanpakken/")
    expect(page.locator("#ww-aanpakfilter")).to_be_visible()
    expect(page.locator("#ww-aanpakfilter-aantal")).to_have_text(f"{len(approaches)} aanpakken")
    page.select_option("#ww-aanpakfilter-thema", theme)
    expect(page.locator("#ww-aanpakfilter-aantal")).to_have_text(f"{len(with_theme)} aanpak{'ken' if len(with_theme) != 1 else ''}")
    shown = {link.get_attribute("href").split("/")[-2] for link in page.locator("#ww-aanpakken li:visible h2 a").all()}
    assert shown == with_theme
    page.select_option("#ww-aanpakfilter-ervaringsdeskundigen", "kern")
    shown = {link.get_attribute("href").split("/")[-2] for link in page.locator("#ww-aanpakken li:visible h2 a").all()}
    assert shown == core
    assert page.url.endswith(f"aanpakken/?thema={theme}&ervaringsdeskundigen=kern")
    page.reload()  # the address keeps the choice
    expect(page.locator("#ww-aanpakfilter-thema")).to_have_value(theme)
    assert {link.get_attribute("href").split("/")[-2] for link in page.locator("#ww-aanpakken li:visible h2 a").all()} == core
    # Every approach is "niet beoordeeld": a filter with one choice is not offered.
    expect(page.locator("#ww-aanpakfilter-erkenning")).to_have_count(0 if len({a.erkenning.niveau for a in approaches}) == 1 else 1)
    page.locator("#ww-aanpakfilter button[type=reset]").click()
    expect(page.locator("#ww-aanpakfilter-aantal")).to_have_text(f"{len(approaches)} aanpakken")


def test_without_javascript_the_approaches_overview_lists_all_and_hides_the_form(browser, site_url, kennisbank):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    page.goto(site_url + "aanpakken/")
    expect(page.locator("#ww-aanpakfilter")).to_be_hidden()
    expect(page.locator("#ww-aanpakken > li")).to_have_count(len(kennisbank.approaches))
    context.close()
