"""In a real browser: the site search (Pagefind, Dutch word forms, keyboard)."""
from __future__ import annotations

import re


from playwright.sync_api import expect
from browser import (  # noqa: F401  fixtures and helpers
    AXE, WCAG_TAGS, QuietHandler, axe_violations, browser, chromium_path, kennisbank, listed_projects, page, search, site_url,
)


def test_dutch_search_finds_the_approach(page, site_url):
    results = search(page, site_url, "stresssensitief")
    expect(results.first).to_be_visible(timeout=10_000)
    hrefs = [link.get_attribute("href") for link in results.all()]
    # The approach, and the Begrippen page that explains the word; nothing else.
    assert {href.split("#")[0].split("/")[-2] for href in hrefs} == {"mobility-mentoring", "begrippen"}, hrefs
    expect(page.locator(".md-search-result__item", has_text="Mobility Mentoring")).to_have_count(1)
    expect(page.locator(".md-search-result__meta")).to_have_text("2 resultaten")


def test_search_understands_dutch_word_forms(page, site_url):
    # The pages say "ambassadeur"; the Dutch stemmer matches the plural too.
    results = search(page, site_url, "ambassadeurs")
    expect(results.first).to_be_visible(timeout=10_000)
    assert any("aanpakken/samen-sterk/" in link.get_attribute("href") for link in results.all())
    for result in results.all():
        expect(result).to_contain_text("ambassadeur")


def test_choosing_a_result_opens_the_approach_page(page, site_url):
    results = search(page, site_url, "ambassadeurs")
    expect(results.first).to_be_visible(timeout=10_000)
    results.filter(has_text="Samen Sterk").first.click()
    expect(page.locator("h1")).to_contain_text("Samen Sterk")
    assert "/aanpakken/samen-sterk/" in page.url


def test_search_fetches_a_small_index_only_when_used(page, site_url):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    assert not any("search_index.json" in url or "/pagefind/" in url for url in requested), requested
    results = search(page, site_url, "maatje")
    expect(results.first).to_be_visible(timeout=10_000)
    assert any("/pagefind/" in url for url in requested)
    assert not any("search_index.json" in url for url in requested)


def test_search_results_and_form_errors_meet_wcag_too(page, site_url):
    results = search(page, site_url, "ambassadeurs")
    expect(results.first).to_be_visible(timeout=10_000)
    assert axe_violations(page) == []
    page.goto(site_url + "aanmelden/")
    page.get_by_role("button", name="Controleren en versturen").click()
    expect(page.locator("#ww-foutoverzicht")).to_be_visible()
    assert axe_violations(page) == []


def test_search_shows_ten_results_then_more_with_spaces_around_each_match(page, site_url):
    results = search(page, site_url, "armoede")
    expect(results.first).to_be_visible(timeout=10_000)
    expect(page.locator(".md-search-result__item")).to_have_count(10)
    total = int(page.locator(".md-search-result__meta").inner_text().split()[0])
    assert total > 10
    # Pagefind marks whole words: the text after a match starts with a space or a sign.
    glued = page.evaluate(
        "() => [...document.querySelectorAll('.md-search-result mark')]"
        ".map(m => (m.nextSibling && m.nextSibling.textContent || ' ')[0]).filter(c => /\\p{L}/u.test(c))"
    )
    assert glued == []
    more = page.get_by_role("button", name="Toon meer resultaten")
    more.click()
    expect(page.locator(".md-search-result__item")).to_have_count(min(total, 20))
    expect(page.locator(".md-search-result__item").nth(10).locator("a").first).to_be_focused()


def test_the_search_closes_when_the_focus_moves_on(page, site_url):
    page.goto(site_url)
    page.locator("input.md-search__input").focus()
    page.keyboard.type("a")
    assert page.evaluate("() => document.getElementById('__search').checked")
    for _ in range(6):
        page.keyboard.press("Tab")
        if not page.evaluate("() => document.querySelector('.md-search').contains(document.activeElement)"):
            break
    assert not page.evaluate("() => document.getElementById('__search').checked")


def test_more_results_of_an_old_query_never_mix_into_a_new_one(page, site_url):
    results = search(page, site_url, "armoede")
    expect(page.locator(".md-search-result__item")).to_have_count(10, timeout=10_000)
    page.route("**/pagefind/fragment/**", lambda route: (page.wait_for_timeout(300), route.continue_()))
    page.evaluate(
        "() => { const field = document.querySelector('input.md-search__input');"
        " field.value = 'schulden'; field.dispatchEvent(new Event('input'));"
        " document.querySelector('.ww-zoek-meer').click(); document.querySelector('.ww-zoek-meer').click(); }"
    )
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"\d+ resultaten"), timeout=10_000)
    page.wait_for_timeout(2000)
    items = page.locator(".md-search-result__item")
    assert 0 < items.count() <= 10
    for text in items.locator("article").first.locator("mark").all_inner_texts():
        assert "schuld" in text.lower(), text
    hrefs = [link.get_attribute("href") for link in results.all()]
    assert len(hrefs) == len(set(hrefs))


def test_escape_in_the_results_puts_the_focus_back_in_the_field(page, site_url):
    results = search(page, site_url, "armoede")
    expect(results.first).to_be_visible(timeout=10_000)
    results.first.focus()
    page.keyboard.press("Escape")
    expect(page.locator("input.md-search__input")).to_be_focused()
    assert not page.evaluate("() => document.getElementById('__search').checked")


def test_tabbing_into_the_search_field_opens_nothing(page, site_url):
    page.goto(site_url)
    page.locator("input.md-search__input").focus()
    assert not page.evaluate("() => document.getElementById('__search').checked")
    page.keyboard.type("armoede")
    assert page.evaluate("() => document.getElementById('__search').checked")


def test_on_a_phone_tabbing_past_the_search_button_leaves_the_search_closed(browser, site_url):
    phone = browser.new_page(viewport={"width": 375, "height": 740})
    try:
        phone.goto(site_url)
        phone.wait_for_selector(".md-header label[for='__search'] button")
        phone.locator(".md-header label[for='__search'] button").focus()
        phone.keyboard.press("Tab")
        assert not phone.evaluate("() => document.getElementById('__search').checked")
        focused = phone.evaluate("() => document.activeElement.closest('.md-search') === null")
        assert focused, "the focus went into the closed search"
        # The button itself still opens it, with the cursor in the field.
        phone.locator(".md-header label[for='__search'] button").click()
        expect(phone.locator("input.md-search__input")).to_be_focused()
        assert phone.evaluate("() => document.getElementById('__search').checked")
    finally:
        phone.close()


def test_on_a_desktop_tab_goes_from_the_closed_search_field_straight_on(page, site_url):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site_url)
    page.locator("input.md-search__input").focus()
    page.keyboard.press("Tab")
    inside = page.evaluate("() => document.activeElement.closest('.md-search') !== null")
    assert not inside, page.evaluate("() => document.activeElement.outerHTML.slice(0, 120)")
    assert not page.evaluate("() => document.getElementById('__search').checked")
