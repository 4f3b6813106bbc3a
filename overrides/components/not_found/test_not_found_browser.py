"""In a real browser: the 404 page a host shows for an address that does not exist."""
from __future__ import annotations

from playwright.sync_api import expect
from browser import browser, kennisbank, page, site_url  # noqa: F401  fixtures


def serve_404_for(page, site_url: str, missing: str) -> None:
    """Answer `missing` as a static host does: status 404 with the site's 404.html."""
    body = page.request.get(site_url + "404.html").body()
    page.route(site_url + missing, lambda route: route.fulfill(status=404, body=body, content_type="text/html; charset=utf-8"))


def test_an_old_module_address_gets_dutch_help_the_module_list_and_a_search_prefilled(page, site_url):
    serve_404_for(page, site_url, "opleiding/oude-module/")
    page.goto(site_url + "opleiding/oude-module/")
    expect(page.locator("h1")).to_have_text("Deze pagina bestaat niet (meer)")
    expect(page).to_have_title("Pagina niet gevonden – Wat Werkt – armoede Noord-Nederland")
    assert "Not found" not in page.content()
    hint = page.locator(".ww-niet-gevonden__opleiding")
    expect(hint).to_be_visible()
    hint.get_by_role("link").click()
    expect(page).to_have_url(site_url + "opleiding/")


def test_the_search_on_the_404_page_searches_the_words_of_the_address(page, site_url):
    serve_404_for(page, site_url, "aanpakken/samen-sterk-oud/")
    page.goto(site_url + "aanpakken/samen-sterk-oud/")
    field = page.get_by_label("Zoek op deze site", exact=True)
    expect(field).to_have_value("samen sterk oud")
    field.fill("samen sterk")
    page.get_by_role("button", name="Zoeken", exact=True).click()
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=10_000)
    expect(results.first).to_contain_text("Samen Sterk")


def test_other_addresses_get_the_entrances_but_no_module_hint(page, site_url):
    serve_404_for(page, site_url, "bestaat/niet/")
    page.goto(site_url + "bestaat/niet/")
    expect(page.locator(".ww-niet-gevonden__opleiding")).to_be_hidden()
    entrances = page.locator(".ww-niet-gevonden__ingangen a")
    hrefs = [link.get_attribute("href") for link in entrances.all()]
    # every entrance works from any depth: absolute paths that exist
    for href in hrefs:
        assert href.startswith("/"), href
        assert page.request.get(site_url.rstrip("/") + href).ok, href
    assert "/opleiding/" in hrefs


def test_without_javascript_the_404_page_still_leads_on(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        serve_404_for(page, site_url, "opleiding/weg/")
        page.goto(site_url + "opleiding/weg/")
        expect(page.locator("h1")).to_have_text("Deze pagina bestaat niet (meer)")
        expect(page.get_by_role("link", name="De opleiding")).to_be_visible()
        expect(page.locator(".ww-niet-gevonden__zoeken")).to_be_hidden()  # it needs JavaScript
    finally:
        context.close()
