"""Shared by the browser tests: a real Chromium (Debian's, driven by Playwright) reads the built
site over HTTP. The fixtures and helpers live here; each component's tests import them."""
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


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def site_url(real_site: Path):
    handler = functools.partial(QuietHandler, directory=str(real_site))
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


@pytest.fixture(scope="module")
def kennisbank():
    from site_fixtures import REPO
    from watwerkt import load_kennisbank

    return load_kennisbank(REPO / "data", relative_to=REPO)


def listed_projects(page) -> list[str]:
    # Read in one step: the list may be redrawn between reading its length and its links.
    hrefs = page.locator("#ww-projecten h2 a").evaluate_all("links => links.map(link => link.getAttribute('href'))")
    return [href.split("/")[-2] for href in hrefs]


AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page) -> list[str]:
    if not AXE.exists():
        pytest.fail("axe-core ontbreekt: draai `npm ci` (make test doet dat)")
    # Evaluated through the browser's debugging protocol: the site's Content-Security-Policy
    # rightly refuses an inline <script> that add_script_tag would add.
    # Judge the page at rest: a header title still fading in (Material's transitions when the
    # search opens) has a contrast of its own for a moment.
    page.wait_for_function("() => document.getAnimations().every(animation => animation.playState !== 'running')")
    page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => r.violations.map(v => v.id + ' (' + v.nodes.length + '×): ' + v.nodes[0].target.join(' ')))",
        WCAG_TAGS,
    )
