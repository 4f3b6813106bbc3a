"""In a real browser: every page type, for accessibility, keyboard, layout, errors and the
content security policy."""
from __future__ import annotations

import functools
import shutil
import threading
from http.server import ThreadingHTTPServer

import pytest

from playwright.sync_api import expect
from browser import (  # noqa: F401  fixtures and helpers
    AXE, WCAG_TAGS, QuietHandler, axe_violations, browser, chromium_path, kennisbank, listed_projects, page, search, site_url,
)


def test_a_record_page_reads_well_on_a_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="nl-NL")
    page = context.new_page()
    page.goto(site_url + "aanpakken/samen-sterk/")
    expect(page.locator("h1")).to_contain_text("Samen Sterk")
    # Nothing but the tables' own scroll boxes may be wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()


@pytest.mark.parametrize(
    "path",
    [
        "", "aanpakken/", "aanpakken/samen-sterk/", "projectenbank/", "projectenbank/?gemeente=GM0047&thema=schulden",
        "projectenbank/samen-sterk-oost-groningen/", "gemeenten/", "gemeenten/veendam/", "opleiding/",
        "opleiding/stage/", "lesmateriaal/", "aanmelden/", "open-data/", "begrippen/", "404.html", "colofon/",
        "privacy/", "toegankelijkheid/",
    ],
)
def test_every_page_type_meets_wcag_2_1_aa_and_2_2_aa(page, site_url, path):
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == []


PAGE_TYPES = [
    "", "aanpakken/", "aanpakken/samen-sterk/", "projectenbank/", "projectenbank/samen-sterk-oost-groningen/", "gemeenten/",
    "gemeenten/veendam/", "opleiding/", "opleiding/stage/", "lesmateriaal/", "kloven/", "resultaten/", "open-data/",
    "mijn-leven-jouw-werk/", "over/", "bijdragen/", "begrippen/", "colofon/", "privacy/", "toegankelijkheid/",
]


def test_without_javascript_every_page_is_readable(browser, site_url):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    for path in PAGE_TYPES:
        page.goto(site_url + path)
        expect(page.locator("article h1")).to_be_visible()
        assert len(page.locator("article").inner_text()) > 200, path
        # Controls that need JavaScript stay out of the way.
        assert page.locator(".ww-leeshulp").is_hidden() and page.locator(".ww-kopieer").count() == 0, path
    page.goto(site_url + "aanmelden/")
    expect(page.locator("#ww-aanmelden")).to_be_hidden()
    expect(page.locator(".ww-zonder-javascript")).to_be_visible()
    page.goto(site_url + "projectenbank/")
    expect(page.locator("#ww-filters")).to_be_hidden()
    context.close()


def test_keyboard_users_can_skip_to_the_content_and_see_where_they_are(page, site_url):
    page.goto(site_url + "aanpakken/samen-sterk/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_text("Ga naar inhoud")
    page.keyboard.press("Enter")
    assert page.url.endswith("#paginatitel")  # the page's title, above its summary
    for _ in range(12):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.activeElement, s = getComputedStyle(e);"
            " return {tag: e.tagName, outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0, shadow: s.boxShadow !== 'none'} }"
        )
        assert focused["tag"] != "BODY"
        assert focused["outline"] or focused["shadow"], focused


def test_on_a_phone_the_keyboard_opens_and_closes_the_menu(browser, site_url):
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="nl-NL")
    page = context.new_page()
    page.goto(site_url + "aanpakken/samen-sterk/")
    menu_button = page.get_by_role("button", name="Menu")
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Menu":
            break
    expect(menu_button).to_be_focused()
    expect(menu_button).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    expect(menu_button).to_have_attribute("aria-expanded", "true")
    focused_link = page.locator("#ww-menu a:focus")
    expect(focused_link).to_be_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.getElementById('ww-menu').contains(document.activeElement)")
    page.keyboard.press("Escape")
    expect(menu_button).to_be_focused()
    expect(menu_button).to_have_attribute("aria-expanded", "false")
    assert not page.evaluate("() => document.getElementById('__drawer').checked")
    # Tabbing past the last menu item closes the menu, so the focus is never behind it.
    page.keyboard.press("Enter")
    for _ in range(40):
        page.keyboard.press("Tab")
        if not page.evaluate("() => document.getElementById('ww-menu').contains(document.activeElement)"):
            break
    expect(menu_button).to_have_attribute("aria-expanded", "false")
    page.goto(site_url + "aanpakken/samen-sterk/")
    page.keyboard.press("Tab")
    search_button = page.get_by_role("button", name="Zoeken")
    for _ in range(5):
        if page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Zoeken":
            break
        page.keyboard.press("Tab")
    expect(search_button).to_be_focused()
    page.keyboard.press(" ")
    expect(page.locator("input.md-search__input")).to_be_focused()
    context.close()


def test_heading_links_are_named_in_words_and_shown_as_a_sign(page, site_url):
    page.goto(site_url + "aanpakken/samen-sterk/")
    link = page.locator("h2 .headerlink").first
    expect(link).to_have_accessible_name("Vaste link naar dit deel")
    box = link.bounding_box()
    assert box is not None and box["width"] < 40, box  # the words stay hidden; only ¶ shows
    assert page.evaluate("e => getComputedStyle(e, '::before').content", link.element_handle()).startswith('"¶"')


CLS_SCRIPT = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 500);
})"""


@pytest.mark.parametrize("path", ["", "projectenbank/", "aanmelden/", "aanpakken/samen-sterk/"])
def test_nothing_jumps_when_the_scripts_start(browser, site_url, path):
    """Controls that need JavaScript are in place from the first paint: the page does not shift
    (cumulative layout shift under 0.1, "good" in Core Web Vitals) on a phone or a desktop."""
    for viewport in ({"width": 375, "height": 740}, {"width": 1280, "height": 800}):
        context = browser.new_context(viewport=viewport, locale="nl-NL")
        page = context.new_page()
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        shift = page.evaluate(CLS_SCRIPT)
        assert shift < 0.1, (path, viewport, shift)
        context.close()


def test_no_page_asks_for_a_missing_file_or_logs_an_error(browser, site_url):
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    problems = []
    page.on("response", lambda response: problems.append(f"{response.status} {response.url}") if response.status >= 400 else None)
    page.on("console", lambda message: problems.append(f"console: {message.text}") if message.type == "error" else None)
    for path in PAGE_TYPES:
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    assert problems == []
    context.close()


def test_on_a_phone_the_closed_menu_takes_no_focus_and_escape_returns_to_search(browser, site_url):
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="nl-NL")
    page = context.new_page()
    page.goto(site_url + "opleiding/")
    for _ in range(40):
        page.keyboard.press("Tab")
        place = page.evaluate(
            "() => { const e = document.activeElement, r = e.getBoundingClientRect();"
            " return {inMenu: document.getElementById('ww-menu').contains(e), left: r.left, right: r.right} }"
        )
        assert not place["inMenu"], place
        assert place["right"] > 0 and place["left"] < 375, place  # never out of sight
    search_button = page.get_by_role("button", name="Zoeken")
    search_button.focus()
    page.keyboard.press("Enter")
    expect(page.locator("input.md-search__input")).to_be_focused()
    page.keyboard.press("Escape")
    expect(search_button).to_be_focused()
    context.close()


# Every Content-Security-Policy violation a page causes, also those the console would not show.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline") + " " + (event.sourceFile || ""));
});
"""


def test_every_page_type_runs_under_the_content_security_policy_without_a_violation(browser, site_url):
    context = browser.new_context(locale="nl-NL")
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text) if "Content Security Policy" in message.text else None)
    for path in [*PAGE_TYPES, "projectenbank/?gemeente=GM0047", "aanmelden/", "404.html"]:
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
        assert "script-src 'self' 'wasm-unsafe-eval'" in policy and "object-src 'none'" in policy and "base-uri 'self'" in policy, path
        assert page.evaluate("window.__cspViolations") == [], path
    # Search loads Pagefind's script and WebAssembly; the form checks itself against the schema.
    results = search(page, site_url, "armoede")
    expect(results.first).to_be_visible(timeout=10_000)
    page.goto(site_url + "aanmelden/")
    page.get_by_role("button", name="Controleren en versturen").click()
    expect(page.locator("#ww-foutoverzicht")).to_be_visible()
    assert page.evaluate("window.__cspViolations") == []
    assert console == []
    context.close()


def test_the_policy_stops_a_script_that_got_into_the_content(browser, real_site, tmp_path):
    """Were the sanitizer ever to fail, the browser still runs no script from the content:
    only the theme's inline scripts have a hash in the policy."""
    site = tmp_path / "site"
    shutil.copytree(real_site, site)
    page_file = site / "aanpakken" / "samen-sterk" / "index.html"
    text = page_file.read_text(encoding="utf-8")
    injected = '<script>window.__ran = "script"</script><img src="x" onerror="window.__ran = \'onerror\'"><a id="ww-proef" href="javascript:window.__ran=\'link\'">k</a>'
    page_file.write_text(text.replace('<p class="ww-samenvatting">', injected + '<p class="ww-samenvatting">', 1), encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context(locale="nl-NL")
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    page = context.new_page()
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/aanpakken/samen-sterk/")
        page.wait_for_load_state("networkidle")
        page.locator("#ww-proef").click()
        page.wait_for_timeout(200)
        assert page.evaluate("window.__ran") is None
        violations = page.evaluate("window.__cspViolations")
        assert len([v for v in violations if v.startswith("script-src")]) == 3, violations
        expect(page.locator("h1")).to_contain_text("Samen Sterk")  # the theme's own scripts still ran
        assert page.evaluate("document.documentElement.classList.contains('ww-js')")
    finally:
        context.close()
        server.shutdown()
