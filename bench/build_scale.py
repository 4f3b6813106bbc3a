"""Print how build time and memory grow with the number of projects.

    .venv/bin/python bench/build_scale.py [N ...]      (default: 250 1000 4000)

For each N, the real site is copied to a temporary folder, N synthetic projects are added to
data/projects.yaml, and `mkdocs build` runs in a fresh process. Linear growth shows as a
roughly constant "ms per project"; a quadratic build would show it climbing.
"""
from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SITE_PARTS = ("docs", "overrides", "macros", "watwerkt", "mkdocs.yml", "data")
MUNICIPALITIES = ["GM0047", "GM0765", "GM0114", "GM1731", "GM0014", "GM0106"]
THEMES = ["generatiearmoede", "schulden", "maatwerk", "stress", "ervaringsdeskundigheid"]
APPROACHES = ["samen-sterk", "mobility-mentoring", "doorbraakmethode", "sterk-uit-armoede"]


def synthetic_projects(count: int) -> str:
    records = []
    for number in range(count):
        records.append(
            f"""
- id: proef-project-{number}
  naam: Proefproject {number}
  organisatie: Stichting Proef {number % 37}
  samenvatting: Een verzonnen project om de bouwtijd te meten, nummer {number}.
  beschrijving: >-
    Dit project bestaat alleen voor de meting. Het helpt inwoners met schulden en stress,
    samen met ervaringsdeskundigen in gemeente {MUNICIPALITIES[number % len(MUNICIPALITIES)]}.
  status: {"lopend" if number % 3 else "afgerond"}
  start: {2015 + number % 10}
  gemeenten: [{MUNICIPALITIES[number % len(MUNICIPALITIES)]}]
  themas: [{THEMES[number % len(THEMES)]}]
  doelgroepen: [inwoners-in-armoede]
  aanpakken: [{APPROACHES[number % len(APPROACHES)]}]
  doelen: [Schulden voorkomen.]
  resultaten:
    - {{omschrijving: Deelnemers, aantal: {number % 50}, peildatum: 2024, bron: Stichting Proef}}
  contact: {{website: "https://example.org/{number}"}}
  toegevoegd: 2026-01-01
  laatst_gecontroleerd: 2026-01-01
"""
        )
    return "".join(records)


def measure(count: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        for part in SITE_PARTS:
            source = REPO / part
            (shutil.copytree if source.is_dir() else shutil.copy2)(source, project / part)
        with open(project / "data" / "projects.yaml", "a", encoding="utf-8") as file:
            file.write(synthetic_projects(count))
        environment = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(project / "site")],
            cwd=project, capture_output=True, text=True, env=environment,
        )
        seconds = time.perf_counter() - start
        if result.returncode != 0:
            sys.exit(result.stdout + result.stderr)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return seconds, peak_mb


def main() -> None:
    counts = [int(argument) for argument in sys.argv[1:]] or [250, 1000, 4000]
    print(f"{'projecten':>10} {'bouwtijd (s)':>13} {'ms/project':>11} {'piekgeheugen (MB)':>18}")
    for count in counts:
        seconds, peak_mb = measure(count)
        print(f"{count:>10} {seconds:>13.1f} {1000 * seconds / count:>11.2f} {peak_mb:>18.0f}")
    print("(piekgeheugen: het hoogste tot dan toe gemeten van alle builds)")


if __name__ == "__main__":
    main()
