"""A real Chromium (Debian's, driven by Playwright) reads the built site over HTTP."""
from __future__ import annotations

import functools
import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail("Chromium ontbreekt: installeer het Debian-pakket 'chromium' (make test doet dat als root).")
    return path


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def site_url(real_site: Path):
    handler = functools.partial(_QuietHandler, directory=str(real_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()


def search(page, site_url: str, query: str):
    page.goto(site_url)
    page.keyboard.press("/")  # Material's shortcut to the search field in the header
    field = page.locator("input.md-search__input")
    expect(field).to_be_focused()
    field.press_sequentially(query, delay=20)  # as a person types: Material reacts per key
    return page.locator(".md-search-result__item a.md-search-result__link")


def test_dutch_search_finds_the_approach(page, site_url):
    results = search(page, site_url, "stresssensitief")
    expect(results.first).to_be_visible(timeout=10_000)
    hrefs = [link.get_attribute("href") for link in results.all()]
    assert hrefs and all("aanpakken/mobility-mentoring/" in href for href in hrefs), hrefs
    expect(page.locator(".md-search-result__item").first).to_contain_text("Mobility Mentoring")


def test_choosing_a_result_opens_the_approach_page(page, site_url):
    results = search(page, site_url, "maatje")
    expect(results.first).to_be_visible(timeout=10_000)
    results.first.click()
    expect(page.locator("h1")).to_contain_text("Samen Sterk")
    assert "/aanpakken/samen-sterk/" in page.url


def test_a_record_page_reads_well_on_a_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="nl-NL")
    page = context.new_page()
    page.goto(site_url + "aanpakken/samen-sterk/")
    expect(page.locator("h1")).to_contain_text("Samen Sterk")
    # Nothing but the tables' own scroll boxes may be wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()
