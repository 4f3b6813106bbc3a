"""Shared by the speed benchmarks: a plain Material for MkDocs site with as many pages as ours
(the baseline of issue 15), and a way to run a command and know its CPU time and peak memory.

The plain site is what a newcomer would start from: Material's default search plugin, a short
explicit menu, one Markdown page per project with the same made-up words.
"""
from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from synthetic import WORDS

# Runs a command and prints its children's CPU seconds and peak memory (of the largest process
# in the tree) as JSON: measured in a fresh process, so one run's peak never hides another's.
_MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"code": code, "wall": time.perf_counter() - start, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024}))
"""


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    peak_mb: float


def measured(command: list[str], cwd: Path) -> Run:
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-c", _MEASURE, *command], cwd=cwd, capture_output=True, text=True, env=environment)
    figures = json.loads(result.stdout)
    if figures["code"] != 0:
        sys.exit(f"{' '.join(command)} ging mis in {cwd}:\n{result.stderr}")
    return Run(figures["wall"], figures["cpu"], figures["peak_mb"])


def median(runs: list[Run], attribute: str) -> float:
    return statistics.median(getattr(run, attribute) for run in runs)


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"belasting van de machine: {one:.2f} {five:.2f} {fifteen:.2f} (1, 5, 15 min), {os.cpu_count()} kernen"


def plain_material_site(folder: Path, pages: int, seed: int = 7) -> Path:
    """A plain Material project with `pages` pages in `folder`."""
    rng = random.Random(seed)
    docs = folder / "docs"
    (docs / "projecten").mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(
        "site_name: Gewoon Material\nsite_url: http://127.0.0.1:8000/\ntheme:\n  name: material\n  language: nl\n"
        "plugins:\n  - search\nnav:\n  - Home: index.md\n  - Projecten: projecten/index.md\n",
        encoding="utf-8",
    )
    (docs / "index.md").write_text("# Home\n\nEen gewone site met Material.\n", encoding="utf-8")
    (docs / "projecten" / "index.md").write_text("# Projecten\n\n" + "\n".join(f"- [Project {n}](project-{n}.md)" for n in range(min(pages, 50))) + "\n", encoding="utf-8")
    for number in range(max(pages - 2, 0)):
        words = rng.sample(WORDS, 12)
        (docs / "projecten" / f"project-{number}.md").write_text(
            f"# {words[0].capitalize()} {words[1]} {number}\n\nEen project over {words[3]}, {words[4]} en {words[5]}.\n\n"
            f"## Wat het doet\n\nVerzonnen voor de meting: {' '.join(words)}.\n\n## Contact\n\n[Website](https://example.org/{number})\n",
            encoding="utf-8",
        )
    return folder


def material_with_the_same_content(folder: Path, built_site: Path) -> Path:
    """A plain Material project whose pages hold what ours show: for every page of
    `built_site`, its content (the article, as the engine and MkDocs made it) as the page's
    Markdown, under its title. What plain Material costs for pages as heavy as ours, without the
    engine: no data check, no generated pages, no Pagefind, its own search plugin."""
    docs = folder / "docs"
    docs.mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(
        "site_name: Material met dezelfde inhoud\nsite_url: http://127.0.0.1:8000/\ntheme:\n  name: material\n  language: nl\n"
        "plugins:\n  - search\nnav:\n  - Home: index.md\n",
        encoding="utf-8",
    )
    (docs / "index.md").write_text("# Home\n\nDezelfde inhoud, met gewoon Material.\n", encoding="utf-8")
    for page in sorted(built_site.rglob("index.html")):
        text = page.read_text(encoding="utf-8")
        start, end = text.find("<article"), text.rfind("</article>")
        relative = page.parent.relative_to(built_site)
        if start < 0 or end < 0 or not relative.parts:
            continue
        article = text[text.index(">", start) + 1 : end]
        target = docs / relative / "index.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f'<div markdown="0">\n{article.strip()}\n</div>\n', encoding="utf-8")
    return folder


def built_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("index.html"))
