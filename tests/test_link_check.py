"""`watwerkt links` checks the links to other websites in a built site, against a local server
that plays every kind of website: fine, moved, gone, HEAD refused, failing."""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from watwerkt import cli
from watwerkt.publishing.link_check import check_link, external_links

OWN = "https://watwerkt.example/"


class _Websites(BaseHTTPRequestHandler):
    def do_HEAD(self) -> None:
        if self.path == "/alleen-get":
            self.send_response(405)
            self.end_headers()
            return
        self.do_GET()

    def do_GET(self) -> None:
        answers = {"/goed": 200, "/alleen-get": 200, "/verhuisd": 301, "/rondje": 302, "/weg": 404, "/storing": 503}
        self.send_response(answers.get(self.path, 404))
        if self.path in ("/verhuisd", "/rondje"):
            self.send_header("Location", "/goed" if self.path == "/verhuisd" else "/rondje")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def websites():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Websites)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def site_linking_to(folder: Path, hrefs: list[str]) -> Path:
    site = folder / "site"
    (site / "aanpakken" / "een").mkdir(parents=True)
    (site / "sitemap.xml").write_text(f"<urlset><url><loc>{OWN}</loc></url></urlset>", encoding="utf-8")
    links = "".join(f'<a href="{href}">link</a>' for href in hrefs)
    (site / "index.html").write_text(f'<p>{links}<a href="{OWN}over/">eigen</a><a href="mailto:info@example.org">mail</a></p>', encoding="utf-8")
    (site / "aanpakken" / "een" / "index.html").write_text(f'<a href="{hrefs[0]}">nog eens</a>', encoding="utf-8")
    return site


def test_only_links_to_other_sites_are_collected_with_their_pages(tmp_path):
    site = site_linking_to(tmp_path, ["https://a.example/x", "https://b.example/"])
    assert external_links(site) == {"https://a.example/x": ["/", "/aanpakken/een/"], "https://b.example/": ["/"]}


@pytest.mark.parametrize(
    "path, status, ok, broken",
    [("/goed", 200, True, False), ("/verhuisd", 200, True, False), ("/alleen-get", 200, True, False),
     ("/weg", 404, False, True), ("/storing", 503, False, False), ("/rondje", 302, False, False)],
)
def test_each_kind_of_answer(websites, path, status, ok, broken):
    result = check_link(websites + path, timeout=5)
    assert (result.status, result.ok, result.broken) == (status, ok, broken)


def test_a_host_that_does_not_exist_is_broken():
    result = check_link("http://bestaat-niet.invalid/", timeout=5)
    assert result.broken and result.status is None and "onbekende host" in result.reason


def test_the_command_names_pages_and_source_lines_of_broken_links(tmp_path, monkeypatch, capsys, websites):
    site_linking_to(tmp_path, [f"{websites}/weg", f"{websites}/goed", f"{websites}/storing"])
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "projects.yaml").write_text(
        f"- id: x\n  contact:\n    website: {websites}/weg\n- id: y\n  contact:\n    website: {websites}/weg/niet-deze\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert cli.main(["links", "--site", "site", "--timeout", "5"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"KAPOT: {websites}/weg: HTTP 404 Not Found"
    assert out[1:3] == ["    op: /, /aanpakken/een/", "    in: data/projects.yaml:3"]
    assert out[3] == f"BEKIJK: {websites}/storing: HTTP 503 Service Unavailable"
    assert out[-1] == "3 links naar andere websites: 1 in orde, 1 kapot, 1 om zelf te bekijken."


def test_doubtful_links_alone_do_not_fail(tmp_path, monkeypatch, capsys, websites):
    site_linking_to(tmp_path, [f"{websites}/goed", f"{websites}/storing"])
    monkeypatch.chdir(tmp_path)
    assert cli.main(["links", "--site", "site", "--timeout", "5"]) == 0


def test_without_a_site_or_without_network_nothing_is_called_broken(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["links", "--site", "site"]) == 2
    assert "bouw hem eerst met `make build`" in capsys.readouterr().err
    site_linking_to(tmp_path, ["http://een.invalid/", "http://twee.invalid/"])
    assert cli.main(["links", "--site", "site", "--timeout", "5"]) == 2
    assert "Geen van de 2 websites gaf antwoord" in capsys.readouterr().err
