"""Shared by the benchmarks: the real site with N made-up projects added, built and served."""
from __future__ import annotations

import functools
import gzip
import io
import os
import random
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SITE_PARTS = ("docs", "overrides", "macros", "watwerkt", "mkdocs.yml", "data")
MUNICIPALITIES = ["GM0047", "GM0765", "GM0114", "GM1731", "GM0014", "GM0106", "GM1680", "GM0037", "GM1950", "GM0118"]
THEMES = ["generatiearmoede", "schulden", "maatwerk", "stress", "ervaringsdeskundigheid", "bejegening", "gezondheid"]
APPROACHES = ["samen-sterk", "mobility-mentoring", "doorbraakmethode", "sterk-uit-armoede", "inzet-ervaringsdeskundigen"]
WORDS = (
    "buurt wijk gezin kinderen jongeren ouders schulden geld stress werk school hulp samen vrijwilligers "
    "maatje koken sport taal gezondheid huur energie toeslag budget coach ontmoeting inloop spreekuur "
    "ervaringsdeskundige tandem gemeente dorp stad armoede kans toekomst vertrouwen netwerk"
).split()


def synthetic_projects(count: int, seed: int = 7) -> str:
    """`count` made-up but varied projects as YAML, the same for the same seed."""
    rng = random.Random(seed)
    records = []
    for number in range(count):
        words = rng.sample(WORDS, 12)
        municipalities = rng.sample(MUNICIPALITIES, rng.randint(1, 3))
        records.append(
            f"""
- id: proef-project-{number}
  naam: {words[0].capitalize()} {words[1]} {number}
  organisatie: Stichting {words[2].capitalize()} {number % 97}
  samenvatting: Een project over {words[3]}, {words[4]} en {words[5]} voor {words[6]} in de {words[7]}.
  beschrijving: >-
    Verzonnen voor de meting: {" ".join(words)}.
  status: {rng.choice(["lopend", "lopend", "afgerond", "gestopt"])}
  start: {2012 + number % 14}
  gemeenten: [{", ".join(municipalities)}]
  themas: [{", ".join(rng.sample(THEMES, rng.randint(1, 3)))}]
  doelgroepen: [inwoners-in-armoede]
  aanpakken: [{rng.choice(APPROACHES)}]
  doelen: [Minder {words[8]}.]
  resultaten:
    - {{omschrijving: Deelnemers, aantal: {number % 50}, soort: bereik, peildatum: 2024, bron: {{titel: Jaarverslag, organisatie: Stichting Proef, url: "https://example.org/{number}/jaarverslag"}}}}
  contact: {{website: "https://example.org/{number}"}}
  toegevoegd: 2026-{1 + number % 12:02d}-{1 + number % 28:02d}
  laatst_gecontroleerd: 2026-11-01
"""
        )
    return "".join(records)


def project_with(folder: Path, count: int, sources: Path = REPO) -> Path:
    """A copy of the site's sources (this checkout's, or another version's in `sources`) in
    `folder` with `count` made-up projects added."""
    for part in SITE_PARTS:
        source = sources / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, folder / part)
    with open(folder / "data" / "projects.yaml", "a", encoding="utf-8") as file:
        file.write(synthetic_projects(count))
    return folder


def build(project: Path, site: Path) -> None:
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "watwerkt.cli", "build", "--site", str(site)],  # as `make build` does
        cwd=project, capture_output=True, text=True, env=environment,
    )
    if result.returncode != 0:
        sys.exit(result.stdout + result.stderr)


class Server:
    """The built site on 127.0.0.1, as a static host would serve it."""

    def __init__(self, site: Path):
        handler = functools.partial(_QuietHandler, directory=str(site))
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class HostServer(Server):
    """The built site as a real static host serves it: text compressed with gzip, assets cached,
    and a missing address answered with the site's 404.html and status 404."""

    def __init__(self, site: Path):
        handler = functools.partial(_HostHandler, directory=str(site))
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"


class _HostHandler(_QuietHandler):
    COMPRESSED = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")

    def send_head(self):
        address = self.path.split("?", 1)[0].split("#", 1)[0]
        path = Path(self.translate_path(address))
        if path.is_dir():
            if not address.endswith("/"):
                self.send_response(301)
                self.send_header("Location", address + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            path = path / "index.html"
        status = 200
        if not path.is_file():
            path, status = Path(self.directory) / "404.html", 404
        body = path.read_bytes()
        content_type = self.guess_type(str(path))
        compress = "gzip" in self.headers.get("Accept-Encoding", "") and content_type.startswith(self.COMPRESSED)
        if compress:
            body = gzip.compress(body, compresslevel=6)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        # Material's own files carry a hash in their name; the rest may change with every build.
        self.send_header("Cache-Control", "public, max-age=31536000, immutable" if "/assets/" in address else "public, max-age=600")
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        return io.BytesIO(body)


def gzipped_size(body: bytes) -> int:
    """What the body costs on the wire from a host that compresses (as static hosts do)."""
    return len(gzip.compress(body, compresslevel=6))


def chromium(playwright):
    path = os.environ.get("CHROMIUM") or shutil.which("chromium")
    return playwright.chromium.launch(executable_path=path, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
