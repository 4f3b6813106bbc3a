"""Print the full build beside plain Material for MkDocs with as many pages (issue 15, goal 2:
at most 1.2 times its CPU time, at most 2 times its peak memory).

    .venv/bin/python bench/full_build.py [N ...] [--runs 3]      (default: 1000)

For each N: the real site with N made-up projects, built as `make build` does, and a plain
Material site (default search plugin, short menu) with the same number of pages, each a short
paragraph (the issue's baseline). Beside it a second plain Material site whose pages hold what
ours show (the built article of each page as its Markdown): what Material itself costs for pages
as heavy as ours. The three are built in turn, `--runs` times each, every build in a fresh
folder and a fresh process; the medians are compared. CPU time counts every process of the
build (MkDocs, Pagefind).
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from baseline import built_pages, load, material_with_the_same_content, measured, median, plain_material_site
from synthetic import project_with


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("counts", nargs="*", type=int, default=[1000])
    parser.add_argument("--runs", type=int, default=3)
    return parser.parse_args()


def main() -> None:
    options = arguments()
    print(load())
    print(
        f"{'projecten':>9} {'pagina’s':>8} | {'CPU ons':>8} {'CPU Material':>12} {'×':>5} {'zelfde inhoud':>13} {'×':>5} | "
        f"{'wand ons':>8} {'wand Mat.':>9} | {'piek ons':>9} {'piek Mat.':>9} {'×':>5} {'zelfde inh.':>11} {'×':>5}"
    )
    for count in options.counts:
        with tempfile.TemporaryDirectory() as folder:
            ours = project_with(Path(folder) / "ons", count)
            print(f"  {count} projecten: eerste build om de pagina's te tellen …", file=sys.stderr)
            measured([sys.executable, "-m", "watwerkt.cli", "build", "--site", "site"], ours)
            pages = built_pages(ours / "site")
            plain = plain_material_site(Path(folder) / "material", pages)
            same = material_with_the_same_content(Path(folder) / "zelfde", ours / "site")
            runs = {"ons": [], "material": [], "zelfde": []}
            for number in range(options.runs):  # in turn, so a change in the machine's load hits both
                for name, project, command in (
                    ("ons", ours, [sys.executable, "-m", "watwerkt.cli", "build", "--site", "site"]),
                    ("material", plain, [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", "site"]),
                    ("zelfde", same, [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", "site"]),
                ):
                    shutil.rmtree(project / "site", ignore_errors=True)
                    run = measured(command, project)
                    runs[name].append(run)
                    print(f"  run {number + 1} {name}: {run.cpu:.1f} s CPU, {run.wall:.1f} s, {run.peak_mb:.0f} MB", file=sys.stderr)
            cpu, plain_cpu, same_cpu = (median(runs[name], "cpu") for name in ("ons", "material", "zelfde"))
            peak, plain_peak, same_peak = (median(runs[name], "peak_mb") for name in ("ons", "material", "zelfde"))
            print(
                f"{count:>9} {pages:>8} | {cpu:>7.1f}s {plain_cpu:>11.1f}s {cpu / plain_cpu:>5.2f} {same_cpu:>12.1f}s {cpu / same_cpu:>5.2f} | "
                f"{median(runs['ons'], 'wall'):>7.1f}s {median(runs['material'], 'wall'):>8.1f}s | "
                f"{peak:>7.0f}MB {plain_peak:>7.0f}MB {peak / plain_peak:>5.2f} {same_peak:>9.0f}MB {peak / same_peak:>5.2f}"
            )
    print(
        f"mediaan van {options.runs} builds elk; doel: CPU ≤ 1,2×, piekgeheugen ≤ 2× gewoon Material. "
        f"'Zelfde inhoud': gewoon Material met op elke pagina de inhoud van de onze (zie baseline.py). {load()}"
    )


if __name__ == "__main__":
    main()
