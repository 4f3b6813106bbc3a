"""In a real browser: permanent links to modules and learning goals, for trainers."""
from __future__ import annotations

import functools
import threading
from http.server import ThreadingHTTPServer

import pytest
from playwright.sync_api import expect
from browser import (  # noqa: F401  fixtures and helpers
    AXE, WCAG_TAGS, QuietHandler, axe_violations, browser, chromium_path, kennisbank, listed_projects, page, search, site_url,
)


def test_kopieer_link_puts_the_goal_address_on_the_clipboard(browser, site_url):
    context = browser.new_context(locale="nl-NL", permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url + "opleiding/stage/")
    goal = page.locator("li#werken-in-tandem")
    goal.get_by_role("button", name="Kopieer link naar leerdoel").click()
    expect(goal.get_by_role("status")).to_have_text("Gekopieerd")
    assert page.evaluate("navigator.clipboard.readText()") == site_url + "opleiding/stage/#werken-in-tandem"
    page.get_by_role("button", name="Kopieer link naar deze module").click()
    assert page.evaluate("navigator.clipboard.readText()") == site_url + "opleiding/stage/"
    context.close()


def test_a_printed_module_is_a_clean_handout(page, site_url, kennisbank):
    """On paper: the module's goals with their addresses, its permanent address once, and the
    site's name and its "Laatst bijgewerkt" day (the footer's, in ink); no menus or buttons."""
    import re
    from io import BytesIO

    from pypdf import PdfReader

    from site_fixtures import REPO
    from watwerkt.publishing.staging import site_config

    site_name = site_config(REPO)["site_name"]
    module = kennisbank.curriculum.modules[-1]
    address = site_url + f"opleiding/{module.id}/"
    page.goto(address)
    updated = page.locator("footer time")
    expect(updated).to_have_count(1)
    day = updated.inner_text()
    assert re.fullmatch(r"\d{1,2} [a-z]+ \d{4}", day), day
    page.emulate_media(media="print")
    expect(updated).to_be_visible()
    colour = page.evaluate("element => getComputedStyle(element).color", updated.element_handle())
    assert sum(int(part) for part in re.findall(r"\d+", colour)[:3]) < 3 * 100, colour  # dark ink, not the screen's white
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(page.pdf())).pages).split())
    assert module.naam in text
    words = re.sub(r" \(https?://[^)]*\)", "", text)  # without the written-out addresses of links in the text
    for goal in module.leerdoelen:
        assert goal.tekst in words, goal.id
    for chrome in ("Over deze site", "Mijn leven, jouw werk", "Kopieer link", "Zoeken", "Volgende module", "Privacy"):
        assert chrome not in text, chrome
    assert text.count(site_name) == 1, text[-400:]
    assert f"Laatst bijgewerkt: {day}" in text
    unbroken = text.replace(" ", "")  # a long address may break over two lines
    assert len(re.findall(re.escape(address) + "(?!#)", unbroken)) == 1, text[:400]  # the module's address once
    for goal in module.leerdoelen:
        assert f"{address}#{goal.id}" in unbroken, goal.id  # each goal's address is written out
    assert "begrippen/#" not in unbroken  # a begrip's link explains a word: no address on paper


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory):
    """A site where module 'stage' is now 'praktijkstage' and its goal 'werken-in-tandem' is now
    'samenwerken-in-tandem', both with their old ids kept, served over HTTP: (folder, address)."""
    from site_fixtures import build, copy_project, replace_in

    tmp_path = tmp_path_factory.mktemp("renamed")
    project = copy_project(tmp_path / "project")
    opleiding = project / "data" / "opleiding.yaml"
    replace_in(opleiding, "  - id: stage\n", "  - id: praktijkstage\n    vorige_ids: [stage]\n")
    replace_in(opleiding, "      - id: werken-in-tandem\n", "      - id: samenwerken-in-tandem\n        vorige_ids: [werken-in-tandem]\n")
    replace_in(project / "data" / "vaste-links.yaml", "  - stage\n", "  - stage\n  - praktijkstage\n")
    replace_in(project / "data" / "vaste-links.yaml", "  - werken-in-tandem\n", "  - werken-in-tandem\n  - samenwerken-in-tandem\n")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    handler = functools.partial(QuietHandler, directory=str(tmp_path / "site"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield tmp_path / "site", f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_an_old_module_address_lands_on_the_new_page_at_the_goal(renamed_site, browser):
    folder, address = renamed_site
    page = browser.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(address + "opleiding/stage/#werken-in-tandem")
    expect(page).to_have_url(address + "opleiding/praktijkstage/#werken-in-tandem")
    expect(page.locator("li#samenwerken-in-tandem")).to_be_in_viewport()
    # The redirect's own script carries its hash in the redirect page's policy.
    assert "Content-Security-Policy" in (folder / "opleiding" / "stage" / "index.html").read_text(encoding="utf-8")
    assert not [text for text in console if "Content Security Policy" in text], console
    page.close()


@pytest.mark.parametrize("old_anchor, goal", [
    ("werken-in-tandem", "samenwerken-in-tandem"),  # the goal's id changed too: its old anchor
    ("samenwerken-in-tandem", "samenwerken-in-tandem"),
    ("waarde-laten-zien", "waarde-laten-zien"),
])
def test_without_javascript_an_old_address_with_an_anchor_shows_the_goal_and_its_new_link(renamed_site, browser, old_anchor, goal):
    _, address = renamed_site
    # A small window, so the page must scroll to reach a goal's line.
    context = browser.new_context(java_script_enabled=False, locale="nl-NL", viewport={"width": 360, "height": 220})
    page = context.new_page()
    page.goto(address + f"opleiding/stage/#{old_anchor}")
    expect(page).to_have_url(address + f"opleiding/stage/#{old_anchor}")  # stays: the page itself shows the way
    line = page.locator(f"li#{goal}")
    expect(line).to_be_in_viewport()
    assert page.evaluate("window.scrollY") > 0
    line.get_by_role("link").click()
    expect(page).to_have_url(address + f"opleiding/praktijkstage/#{goal}")
    expect(page.locator(f"li#{goal}")).to_be_in_viewport()
    context.close()


def test_goal_links_on_lesmateriaal_keep_their_words(page, site_url):
    page.goto(site_url + "lesmateriaal/")
    goal_links = page.locator("li a.ww-vaste-link")
    assert goal_links.count() > 0
    assert not goal_links.first.inner_text().startswith("http")
