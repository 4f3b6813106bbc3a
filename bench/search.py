"""Print both site-search designs side by side at N projects: Material's built-in search (lunr,
one index for the whole site) and Pagefind (an index in pieces). Budget at 10,000 projects:
first answer under 300 ms and under 300 KB transferred, in headless Chromium.

    .venv/bin/python bench/search.py [N ...] [--alleen pagefind|lunr]   (default: 1000 10000, both)

Both designs are built from the same sources; for lunr, Material's search plugin is switched
on and the header and search partials of overrides/ are left out, which gives Material's own
search box back.
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from baseline import load
from synthetic import Server, build, chromium, gzipped_size, project_with

# A word on one page (the usual case: a name, a place, a method), a word in about a third of the
# made-up project texts and the word of the whole site, which every project names among its
# target groups (the worst cases). The same words for both designs.
QUERIES = ("ambassadeur", "maatje", "armoede")
TYPING_DELAY_MS = 120
RESULT = {"lunr": ".md-search-result__item", "pagefind": ".md-search-result__item"}
SEARCH_FILES = {"lunr": ("search_index.json", "/workers/", "/lunr/"), "pagefind": ("/pagefind/",)}


def with_material_search(project: Path) -> None:
    (project / "overrides" / "partials" / "header.html").unlink()  # Material's own, with its search box
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("plugins:\n", "plugins:\n  - search:\n      lang: nl\n", 1), encoding="utf-8")


def measure(site: Path, design: str, query: str, browser) -> tuple[float, float, float]:
    """(KB transferred for search, ms from the last letter typed to the first answer, ms from
    opening the page to the first answer)."""
    server = Server(site)
    try:
        page = browser.new_page()
        sizes = []
        def record(request) -> None:
            if any(part in request.url for part in SEARCH_FILES[design]):
                sizes.append(gzipped_size(request.response().body()))
        page.on("requestfinished", record)
        opened = time.perf_counter()
        page.goto(server.url + "aanpakken/")
        page.keyboard.press("/")
        page.keyboard.type(query, delay=TYPING_DELAY_MS)  # as a person types
        typed = time.perf_counter()
        page.locator(RESULT[design]).first.wait_for(timeout=60_000)
        answered = time.perf_counter()
        page.wait_for_load_state("networkidle")
        page.close()
    finally:
        server.close()
    return sum(sizes) / 1024, 1000 * (answered - typed), 1000 * (answered - opened)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("counts", nargs="*", type=int, metavar="N", default=[1000, 10000])
    parser.add_argument("--alleen", choices=("pagefind", "lunr"), help="measure one design only")
    parser.add_argument("--runs", type=int, default=3, help="measurements per word (median shown; default 3)")
    options = parser.parse_args()
    designs = [options.alleen] if options.alleen else ["lunr", "pagefind"]
    print(load())
    print(f"{'projecten':>10} {'ontwerp':>9} {'zoekvraag':>13} {'zoekdata, gzip (KB)':>20} {'laatste letter → antwoord (ms)':>31} {'pagina → antwoord (ms)':>23}")
    with sync_playwright() as playwright:
        browser = chromium(playwright)
        for count in options.counts:
            with tempfile.TemporaryDirectory() as folder:
                projects = {}
                for design in designs:
                    print(f"Bouwen: {count} projecten, zoeken met {design} …", flush=True)
                    projects[design] = project_with(Path(folder) / design, count)
                    if design == "lunr":
                        with_material_search(projects[design])
                    build(projects[design], projects[design] / "site")
                for query in QUERIES:
                    for design, project in projects.items():
                        runs = [measure(project / "site", design, query, browser) for _ in range(options.runs)]
                        kilobytes, after_typing, after_opening = (statistics.median(figures) for figures in zip(*runs))
                        print(f"{count:>10} {design:>9} {query:>13} {kilobytes:>20.0f} {after_typing:>31.0f} {after_opening:>23.0f}")
        browser.close()
    print(f"(getypt met {TYPING_DELAY_MS} ms per letter; zoekdata: wat de zoekfunctie laadt, gzip-gecomprimeerd zoals")
    print(" een webhost het verstuurt; elke meting in een nieuwe browsercontext, dus zonder cache;")
    print(f" mediaan van {options.runs} metingen; 'maatje' en 'armoede' staan op veel verzonnen projectpagina's: de slechtste gevallen)")
    print(load())


if __name__ == "__main__":
    main()
