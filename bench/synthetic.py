"""Shared by the benchmarks: the real site with N made-up projects added, built and served."""
from __future__ import annotations

import functools
import gzip
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


def project_with(folder: Path, count: int) -> Path:
    """A copy of the site's sources in `folder` with `count` made-up projects added."""
    for part in SITE_PARTS:
        source = REPO / part
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


def gzipped_size(body: bytes) -> int:
    """What the body costs on the wire from a host that compresses (as static hosts do)."""
    return len(gzip.compress(body, compresslevel=6))


def chromium(playwright):
    path = os.environ.get("CHROMIUM") or shutil.which("chromium")
    return playwright.chromium.launch(executable_path=path, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
