"""A real Chromium (Debian's, driven by Playwright) reads the built site over HTTP."""
from __future__ import annotations

import functools
import json
import re
import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from shared_cases import END_BEFORE_START_CASES, ID_FROM_NAME_CASES
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


def test_a_record_page_reads_well_on_a_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="nl-NL")
    page = context.new_page()
    page.goto(site_url + "aanpakken/samen-sterk/")
    expect(page.locator("h1")).to_contain_text("Samen Sterk")
    # Nothing but the tables' own scroll boxes may be wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()


@pytest.fixture(scope="module")
def kennisbank():
    from conftest import REPO
    from watwerkt import load_kennisbank

    return load_kennisbank(REPO / "data", relative_to=REPO)


def listed_projects(page) -> list[str]:
    return [link.get_attribute("href").split("/")[-2] for link in page.locator("#ww-projecten h2 a").all()]


def test_filtering_by_gemeente_and_thema_shows_exactly_the_matching_projects(page, site_url, kennisbank):
    veendam = kennisbank.municipalities["GM0047"]
    in_veendam = {p.id for p in kennisbank.projects.values() if veendam in kennisbank.municipalities_of(p)}
    # A theme that narrows the Veendam projects further, but not to nothing.
    theme = next(t for t in sorted(kennisbank.themes) if 0 < sum(t in kennisbank.projects[p].themas for p in in_veendam) < len(in_veendam))
    both = {p for p in in_veendam if theme in kennisbank.projects[p].themas}
    label = kennisbank.themes[theme].naam

    page.goto(site_url + "projectenbank/")
    expect(page.locator("#ww-filters")).to_be_visible()
    page.select_option("#ww-filter-gemeente", "GM0047")
    expect(page.locator("#ww-aantal")).to_have_text(f"{len(in_veendam)} projecten gevonden")
    page.select_option("#ww-filter-thema", theme)
    expect(page.locator("#ww-aantal")).to_have_text(f"{len(both)} project{'en' if len(both) != 1 else ''} gevonden")
    assert set(listed_projects(page)) == both
    assert page.url.endswith(f"projectenbank/?gemeente=GM0047&thema={theme}")
    # Each option counts what choosing it would give under the rest of the selection.
    expect(page.locator(f"#ww-filter-thema option[value={theme}]")).to_have_text(f"{label} ({len(both)})")

    page.reload()
    expect(page.locator("#ww-aantal")).to_have_text(f"{len(both)} project{'en' if len(both) != 1 else ''} gevonden")
    expect(page.locator("#ww-filter-gemeente")).to_have_value("GM0047")
    assert set(listed_projects(page)) == both

    page.go_back()
    expect(page.locator("#ww-aantal")).to_have_text(f"{len(in_veendam)} projecten gevonden")
    expect(page.locator("#ww-filter-thema")).to_have_value("")
    assert set(listed_projects(page)) == in_veendam


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


def test_the_free_text_filter(page, site_url, kennisbank):
    expected = {p.id for p in kennisbank.projects.values() if "noorderpoort" in f"{p.naam} {p.organisatie}".lower()}
    assert 0 < len(expected) < len(kennisbank.projects)
    page.goto(site_url + "projectenbank/")
    page.locator("#ww-filter-q").press_sequentially("Noorderpoort", delay=10)
    expect(page.locator("#ww-aantal")).to_have_text(f"{len(expected)} project{'en' if len(expected) != 1 else ''} gevonden")
    assert set(listed_projects(page)) == expected
    assert "q=Noorderpoort" in page.url
    # Accents and case do not matter: "veenkolonien" finds "Veenkoloniën" in a name.
    with_accent = {p.id for p in kennisbank.projects.values() if "veenkoloniën" in f"{p.naam} {p.organisatie}".lower()}
    page.goto(site_url + "projectenbank/?q=veenkolonien")
    expect(page.locator("#ww-aantal")).to_have_text(f"{len(with_accent)} projecten gevonden")
    assert set(listed_projects(page)) == with_accent


def test_without_javascript_the_overview_still_lists_every_project(browser, site_url, kennisbank):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    page.goto(site_url + "projectenbank/")
    expect(page.locator("#ww-filters")).to_be_hidden()
    assert set(listed_projects(page)) == set(kennisbank.projects)
    page.locator(f"#ww-projecten a[href$='{sorted(kennisbank.projects)[0]}/']").click()
    expect(page.locator("h1")).to_contain_text(kennisbank.projects[sorted(kennisbank.projects)[0]].naam)
    context.close()


def test_back_after_typing_returns_to_the_full_list(page, site_url, kennisbank):
    page.goto(site_url + "projectenbank/")
    expect(page.locator("#ww-filters")).to_be_visible()
    expect(page.locator("#ww-meer")).to_be_hidden()  # everything fits on one screen
    page.locator("#ww-filter-q").press_sequentially("Noord", delay=10)
    expect(page).to_have_url(site_url + "projectenbank/?q=Noord")
    page.go_back()
    expect(page).to_have_url(site_url + "projectenbank/")
    expect(page.locator("#ww-aantal")).to_have_text(f"{len(kennisbank.projects)} projecten")
    assert set(listed_projects(page)) == set(kennisbank.projects)


def test_unknown_filter_values_are_dropped_from_the_address(page, site_url, kennisbank):
    page.goto(site_url + "projectenbank/?thema=bestaat-niet&gemeente=GM0047")
    expect(page.locator("#ww-filter-gemeente")).to_have_value("GM0047")
    expect(page).to_have_url(site_url + "projectenbank/?gemeente=GM0047")
    expect(page.locator("#ww-filter-thema")).to_have_value("")


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
    from io import BytesIO

    from pypdf import PdfReader

    module = kennisbank.curriculum.modules[-1]
    page.goto(site_url + f"opleiding/{module.id}/")
    page.emulate_media(media="print")
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(page.pdf())).pages).split())
    assert module.naam in text
    for goal in module.leerdoelen:
        assert goal.tekst in text, goal.id
    for chrome in ("Over deze site", "Mijn leven, jouw werk", "Kopieer link", "Zoeken", "Volgende module"):
        assert chrome not in text, chrome
    assert site_url + f"opleiding/{module.id}/#" in text.replace(" ", "")  # link addresses are written out


def test_an_old_module_address_lands_on_the_new_page_at_the_goal(tmp_path, browser):
    from conftest import build, copy_project, replace_in

    project = copy_project(tmp_path / "project")
    replace_in(project / "data" / "opleiding.yaml", "  - id: stage\n", "  - id: praktijkstage\n    vorige_ids: [stage]\n")
    replace_in(project / "data" / "vaste-links.yaml", "  - stage\n", "  - stage\n  - praktijkstage\n")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    handler = functools.partial(_QuietHandler, directory=str(tmp_path / "site"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = browser.new_page()
        console = []
        page.on("console", lambda message: console.append(message.text))
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/opleiding/stage/#werken-in-tandem")
        expect(page).to_have_url(f"http://127.0.0.1:{server.server_address[1]}/opleiding/praktijkstage/#werken-in-tandem")
        expect(page.locator("li#werken-in-tandem")).to_be_in_viewport()
        # The redirect's own script carries its hash in the redirect page's policy.
        assert "Content-Security-Policy" in (tmp_path / "site" / "opleiding" / "stage" / "index.html").read_text(encoding="utf-8")
        assert not [text for text in console if "Content Security Policy" in text], console
        page.close()
    finally:
        server.shutdown()
        server.server_close()


def test_the_submission_form_shows_errors_inline_and_in_a_summary(page, site_url):
    page.goto(site_url + "aanmelden/")
    expect(page.locator("#ww-aanmelden")).to_be_visible()
    page.fill("#veld-naam", "Buurtkamer")
    page.fill("#veld-website", "www.example.org")  # the schema's link pattern wants https://
    page.get_by_role("button", name="Controleren en versturen").click()
    summary = page.locator("#ww-foutoverzicht")
    expect(summary).to_be_focused()
    for field in ("organisatie", "samenvatting", "status", "gemeenten", "themas", "doelgroepen", "doelen", "contact"):
        expect(page.locator(f"#fout-{field}")).to_be_visible()
    expect(summary.locator("a").first).to_have_attribute("href", "#veld-organisatie")
    expect(page.locator("#veld-organisatie")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#veld-organisatie")).to_have_css("border-top-color", "rgb(176, 0, 32)")  # not by colour alone: the message says it too
    expect(page.locator("#ww-verzenden")).to_be_hidden()
    # Each message says what would be right, and the summary follows the form from top to bottom.
    expect(page.locator("#fout-contact")).to_contain_text("een webadres dat begint met https:// of http://, zoals https://www.voorbeeld.nl")
    expect(page.locator("#fout-themas")).to_contain_text("kies er minstens één")
    expect(page.locator("#fout-doelen")).to_contain_text("vul er minstens één in")
    messages = summary.locator("a").all_inner_texts()
    positions = [next(i for i, text in enumerate(messages) if text.startswith(label)) for label in ("Organisatie", "Gemeenten", "Thema")]
    assert positions == sorted(positions), messages


def test_the_form_explains_dates_and_personal_addresses(page, site_url):
    page.goto(site_url + "aanmelden/")
    page.fill("#veld-start", "maart 2023")
    page.fill("#veld-email", "jan.jansen@gmail.com")
    page.get_by_role("button", name="Controleren en versturen").click()
    expect(page.locator("#fout-start")).to_contain_text("zoals 2023, 2023-03 of 2023-03-15")
    expect(page.locator("#fout-contact")).to_contain_text("geen adres van een persoon")
    page.fill("#veld-eind", "2021")
    page.get_by_role("button", name="Controleren en versturen").click()
    expect(page.locator("#fout-eind")).to_be_hidden()  # no order to judge while the start is wrong
    page.fill("#veld-start", "2023-03")
    page.get_by_role("button", name="Controleren en versturen").click()
    expect(page.locator("#fout-eind")).to_contain_text("einddatum 2021 ligt vóór startdatum 2023-03")


@pytest.mark.parametrize("start, end, refused", END_BEFORE_START_CASES)
def test_the_form_and_the_check_agree_on_an_end_before_the_start(page, site_url, start, end, refused):
    from watwerkt.model import END_BEFORE_START

    page.goto(site_url + "aanmelden/")
    page.fill("#veld-start", start)
    page.fill("#veld-eind", end)
    page.get_by_role("button", name="Controleren en versturen").click()
    if refused:
        expect(page.locator("#fout-eind")).to_contain_text(END_BEFORE_START.format(eind=end, start=start))
    else:
        expect(page.locator("#fout-eind")).to_be_hidden()


@pytest.mark.parametrize("name, expected", ID_FROM_NAME_CASES)
def test_the_form_makes_the_id_from_the_name_as_python_does(page, site_url, name, expected):
    page.goto(site_url + "aanmelden/")
    fill_valid_project(page)
    page.fill("#veld-naam", name)
    page.get_by_role("button", name="Controleren en versturen").click()
    expect(page.locator("#ww-verzenden")).to_be_visible()
    assert page.locator("#ww-yaml").input_value().startswith(f'- id: "{expected}"\n')


def test_the_form_says_the_rules_across_fields_as_the_check_does(page, site_url):
    from watwerkt.model import AREA_NEEDED, CONTACT_NEEDED

    page.goto(site_url + "aanmelden/")
    page.get_by_role("button", name="Controleren en versturen").click()
    expect(page.locator("#fout-gemeenten")).to_contain_text(AREA_NEEDED)
    expect(page.locator("#fout-contact")).to_contain_text(CONTACT_NEEDED)


def fill_valid_project(page):
    page.fill("#veld-naam", "Buurtkamer Geldzaken Emmen")
    page.fill("#veld-organisatie", "Stichting Voorbeeld")
    page.fill("#veld-samenvatting", "Hulp bij geldzaken in de buurt.")
    page.fill("#veld-beschrijving", "Elke dinsdag open; **samen** met een ervaringsdeskundige.")
    page.check("#veld-status-lopend")
    page.fill("#veld-start", "2025-03")
    page.fill("#veld-doelen", "Schulden eerder zien\nRegelingen bekend maken")
    page.check("#veld-gemeenten-GM0114")
    page.check("#veld-themas-schulden")
    page.check("#veld-doelgroepen-inwoners-in-armoede")
    page.check("#veld-aanpakken-inzet-ervaringsdeskundigen")
    page.fill("#veld-website", "https://www.example.org/buurtkamer")


def test_a_valid_submission_gives_yaml_that_passes_the_check_and_builds(page, site_url, tmp_path):
    from conftest import build, copy_project

    page.goto(site_url + "aanmelden/")
    fill_valid_project(page)
    # A draft survives a reload.
    page.reload()
    expect(page.locator("#veld-naam")).to_have_value("Buurtkamer Geldzaken Emmen")
    expect(page.locator("#veld-gemeenten-GM0114")).to_be_checked()
    page.get_by_role("button", name="Controleren en versturen").click()
    expect(page.locator("#ww-verzenden")).to_be_visible()
    with page.expect_download() as download:
        page.click("#ww-download")
    yaml_text = download.value.path().read_text(encoding="utf-8")
    assert yaml_text == page.locator("#ww-yaml").input_value()
    assert yaml_text.startswith('- id: "buurtkamer-geldzaken-emmen"\n')

    project = copy_project(tmp_path / "project")
    with open(project / "data" / "projects.yaml", "a", encoding="utf-8") as file:
        file.write("\n" + yaml_text)
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    built = (tmp_path / "site" / "projectenbank" / "buurtkamer-geldzaken-emmen" / "index.html").read_text(encoding="utf-8")
    assert "Buurtkamer Geldzaken Emmen" in built and "<strong>samen</strong>" in built

    page.get_by_role("button", name="Wis concept").click()
    page.reload()
    expect(page.locator("#veld-naam")).to_have_value("")


def test_the_honeypot_stops_a_bot(page, site_url):
    page.goto(site_url + "aanmelden/")
    fill_valid_project(page)
    page.evaluate("document.getElementById('veld-vul-niet-in').value = 'spam'")
    page.get_by_role("button", name="Controleren en versturen").click()
    page.wait_for_timeout(300)
    expect(page.locator("#ww-verzenden")).to_be_hidden()


def test_the_form_offers_github_email_and_a_form_service(browser, tmp_path):
    """With the site's submission settings, every route carries the whole record."""
    from http.server import BaseHTTPRequestHandler
    from urllib.parse import parse_qs, urlsplit

    import yaml

    from conftest import REPO, build
    from watwerkt.schemas import ISSUE_FORM_FIELDS

    received = []

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers["Content-Length"])
            received.append(parse_qs(self.rfile.read(length).decode("utf-8")))
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write("<p>Ontvangen</p>".encode())

        def log_message(self, *args):
            pass

    receiver = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    endpoint = f"http://127.0.0.1:{receiver.server_address[1]}/ontvang"
    issues = "https://github.com/voorbeeld/watwerkt/issues/new"
    result = build(REPO, tmp_path / "site", AANMELDEN_EMAIL="redactie@example.org", AANMELDEN_GITHUB=issues, AANMELDEN_ENDPOINT=endpoint)
    assert result.returncode == 0, result.stdout + result.stderr
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(tmp_path / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/aanmelden/")
        fill_valid_project(page)
        page.get_by_role("button", name="Controleren en versturen").click()
        yaml_text = page.locator("#ww-yaml").input_value()
        [record] = yaml.safe_load(yaml_text)

        github = urlsplit(page.locator("#ww-via-github").get_attribute("href"))
        assert f"{github.scheme}://{github.netloc}{github.path}" == issues
        parameters = {key: values[0] for key, values in parse_qs(github.query).items()}
        assert parameters["template"] == "project.yml"
        assert set(record) <= set(ISSUE_FORM_FIELDS)
        for name, value in record.items():
            expected = "\n".join(value) if isinstance(value, list) else value
            assert parameters[name] == (json.dumps(expected, separators=(",", ":")) if isinstance(value, dict) else str(expected)), name

        mail = urlsplit(page.locator("#ww-via-email").get_attribute("href"))
        assert mail.scheme == "mailto" and mail.path == "redactie@example.org"
        assert parse_qs(mail.query)["body"][0] == yaml_text

        # A description too long for a link: the links open empty forms, and say to paste.
        page.fill("#veld-beschrijving", "Café in één wijk. " * 250)  # each é takes 6 characters in a link
        page.get_by_role("button", name="Controleren en versturen").click()
        long_yaml = page.locator("#ww-yaml").input_value()
        assert len(long_yaml) > 4000
        github_link, mail_link = page.locator("#ww-via-github"), page.locator("#ww-via-email")
        long_parameters = parse_qs(urlsplit(github_link.get_attribute("href")).query)
        assert len(github_link.get_attribute("href")) < 8000 and "beschrijving" not in long_parameters
        assert long_parameters["naam"] == ["Buurtkamer Geldzaken Emmen"] and "gemeenten" in long_parameters  # the rest is filled in
        expect(github_link).to_contain_text("vul daar zelf nog in: Beschrijving")
        assert len(mail_link.get_attribute("href")) < 2000
        expect(mail_link).to_contain_text("plak het project")

        page.get_by_role("button", name="Direct versturen").click()
        expect(page.locator("p")).to_have_text("Ontvangen")
        assert received[0]["project_yaml"][0].replace("\r\n", "\n") == long_yaml  # forms send CRLF line ends
        page.close()
    finally:
        server.shutdown()
        receiver.shutdown()


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


AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page) -> list[str]:
    if not AXE.exists():
        pytest.fail("axe-core ontbreekt: draai `npm ci` (make test doet dat)")
    # Evaluated through the browser's debugging protocol: the site's Content-Security-Policy
    # rightly refuses an inline <script> that add_script_tag would add.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => r.violations.map(v => v.id + ' (' + v.nodes.length + '×): ' + v.nodes[0].target.join(' ')))",
        WCAG_TAGS,
    )


@pytest.mark.parametrize(
    "path",
    [
        "", "aanpakken/", "aanpakken/samen-sterk/", "projectenbank/", "projectenbank/?gemeente=GM0047&thema=schulden",
        "projectenbank/samen-sterk-oost-groningen/", "gemeenten/", "gemeenten/veendam/", "opleiding/",
        "opleiding/stage/", "lesmateriaal/", "aanmelden/", "open-data/", "begrippen/", "404.html",
    ],
)
def test_every_page_type_meets_wcag_2_1_aa_and_2_2_aa(page, site_url, path):
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == []


def test_search_results_and_form_errors_meet_wcag_too(page, site_url):
    results = search(page, site_url, "ambassadeurs")
    expect(results.first).to_be_visible(timeout=10_000)
    assert axe_violations(page) == []
    page.goto(site_url + "aanmelden/")
    page.get_by_role("button", name="Controleren en versturen").click()
    expect(page.locator("#ww-foutoverzicht")).to_be_visible()
    assert axe_violations(page) == []


PAGE_TYPES = [
    "", "aanpakken/", "aanpakken/samen-sterk/", "projectenbank/", "projectenbank/samen-sterk-oost-groningen/", "gemeenten/",
    "gemeenten/veendam/", "opleiding/", "opleiding/stage/", "lesmateriaal/", "kloven/", "resultaten/", "open-data/",
    "mijn-leven-jouw-werk/", "over/", "bijdragen/", "begrippen/",
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
    assert page.evaluate("() => document.getElementById('__search').checked")
    for _ in range(6):
        page.keyboard.press("Tab")
        if not page.evaluate("() => document.querySelector('.md-search').contains(document.activeElement)"):
            break
    assert not page.evaluate("() => document.getElementById('__search').checked")


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


def test_on_a_phone_the_filters_fold_away_so_the_projects_come_first(browser, site_url):
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="nl-NL")
    page = context.new_page()
    page.goto(site_url + "projectenbank/")
    choices = page.locator("#ww-filter-keuzes")
    expect(choices).not_to_have_attribute("open", "")
    assert page.locator(".ww-kaart").first.bounding_box()["y"] < 740  # a project on the first screen
    expect(page.locator("#ww-filter-gemeente")).to_be_hidden()
    page.get_by_text("Filters", exact=True).click()
    page.select_option("#ww-filter-gemeente", "GM0047")
    expect(page.locator(".ww-filters__gekozen")).to_have_text("(1 gekozen)")
    # A shared link with a choice in it shows the choices open.
    page.goto(site_url + "projectenbank/?gemeente=GM0047")
    expect(page.locator("#ww-filter-gemeente")).to_be_visible()
    context.close()


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


def test_goal_links_on_lesmateriaal_keep_their_words(page, site_url):
    page.goto(site_url + "lesmateriaal/")
    goal_links = page.locator("li a.ww-vaste-link")
    assert goal_links.count() > 0
    assert not goal_links.first.inner_text().startswith("http")


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
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
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
