"""In a real browser: the submission form, its checks and its ways to send."""
from __future__ import annotations

import functools
import json
import threading
from http.server import ThreadingHTTPServer

import pytest

from shared_cases import END_BEFORE_START_CASES, ID_FROM_NAME_CASES
from playwright.sync_api import expect
from browser import (  # noqa: F401  fixtures and helpers
    AXE, WCAG_TAGS, QuietHandler, axe_violations, browser, chromium_path, kennisbank, listed_projects, page, search, site_url,
)


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
    from site_fixtures import build, copy_project

    page.goto(site_url + "aanmelden/")
    fill_valid_project(page)
    # A draft survives a reload.
    page.reload()
    expect(page.locator("#veld-naam")).to_have_value("Buurtkamer Geldzaken Emmen")
    expect(page.locator("#veld-gemeenten-GM0114")).to_be_checked()
    # This site has no route to its editors (nothing set in mkdocs.yml): the form says so
    # before the reader starts and when the project is ready, and offers no send button that
    # would lead nowhere. The YAML stays on the page, so the work is not lost.
    expect(page.locator("#ww-geen-kanaal")).to_contain_text("heeft nog niet ingesteld hoe een aanmelding de redactie bereikt")
    page.get_by_role("button", name="Controleren en versturen").click()
    expect(page.locator("#ww-verzenden")).to_be_visible()
    expect(page.locator("#ww-verzenden")).to_contain_text("deze site kan haar niet versturen")
    expect(page.locator("#ww-verzenden a")).to_have_count(0)
    yaml_text = page.locator("#ww-yaml").input_value()
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

    from site_fixtures import REPO, build
    from watwerkt.issue_to_record import ISSUE_FORM_FIELDS

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
    result = build(
        REPO, tmp_path / "site", AANMELDEN_EMAIL="redactie@example.org", AANMELDEN_GITHUB=issues, AANMELDEN_ENDPOINT=endpoint,
        REPO_URL="https://github.com/voorbeeld/watwerkt",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(tmp_path / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/aanmelden/")
        fill_valid_project(page)
        page.get_by_role("button", name="Controleren en versturen").click()
        yaml_text = page.locator("#ww-yaml").input_value()
        [record] = yaml.safe_load(yaml_text)
        expect(page.locator("#ww-geen-kanaal")).to_have_count(0)
        # The repository is known (repo_url): the YAML for a pull request can be downloaded.
        with page.expect_download() as download:
            page.click("#ww-download")
        assert download.value.path().read_text(encoding="utf-8") == yaml_text

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
