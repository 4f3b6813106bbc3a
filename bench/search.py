"""Print both site-search designs side by side at N projects: Material's built-in search (lunr,
one index for the whole site) and Pagefind (an index in pieces). Budget at 10,000 projects:
first answer under 300 ms and under 300 KB transferred, in headless Chromium.

    .venv/bin/python bench/search.py [N ...]      (default: 1000 10000)

Both designs are built from the same sources; for lunr, Material's search plugin is switched
on and the header and search partials of overrides/ are left out, which gives Material's own
search box back.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from synthetic import Server, build, chromium, gzipped_size, project_with

# A word on one page (the usual case: a name, a place, a method) and a word on most of the
# made-up project pages (the worst case). The same words for both designs.
QUERIES = ("ambassadeur", "maatje")
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
    counts = [int(argument) for argument in sys.argv[1:]] or [1000, 10000]
    print(f"{'projecten':>10} {'ontwerp':>9} {'zoekvraag':>13} {'zoekdata, gzip (KB)':>20} {'laatste letter → antwoord (ms)':>31} {'pagina → antwoord (ms)':>23}")
    with sync_playwright() as playwright:
        browser = chromium(playwright)
        for count in counts:
            with tempfile.TemporaryDirectory() as folder:
                pagefind_project = project_with(Path(folder) / "pagefind", count)
                build(pagefind_project, pagefind_project / "site")
                lunr_project = project_with(Path(folder) / "lunr", count)
                with_material_search(lunr_project)
                build(lunr_project, lunr_project / "site")
                for query in QUERIES:
                    for design, project in (("lunr", lunr_project), ("pagefind", pagefind_project)):
                        kilobytes, after_typing, after_opening = measure(project / "site", design, query, browser)
                        print(f"{count:>10} {design:>9} {query:>13} {kilobytes:>20.0f} {after_typing:>31.0f} {after_opening:>23.0f}")
        browser.close()
    print(f"(getypt met {TYPING_DELAY_MS} ms per letter; zoekdata: wat de zoekfunctie laadt, gzip-gecomprimeerd zoals")
    print(" een webhost het verstuurt; 'maatje' staat op de meeste verzonnen projectpagina's: het slechtste geval)")


if __name__ == "__main__":
    main()
