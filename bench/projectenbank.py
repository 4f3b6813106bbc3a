"""Print what the projectenbank overview costs at N projects (budget at 10,000: at most 300 KB
compressed for the page, and under 100 ms for a filter change in headless Chromium): the size
of what the page loads when it opens, of the projects' texts it loads once the reader reaches
for the form (teksten.json), and the time of a filter change, a typed search and a change of
order (median and worst).

    .venv/bin/python bench/projectenbank.py [N ...]      (default: 1000 10000)
"""
from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Error, sync_playwright

from synthetic import Server, build, chromium, gzipped_size, project_with

CHANGES = [("gemeente", "GM0047"), ("thema", "schulden"), ("status", "lopend"), ("gemeente", ""), ("aanpak", "samen-sterk"), ("thema", "")]
# What a reader types, a letter at a time: every prefix is a search of its own.
QUERIES = ["schulden", "ervaringsdeskundige", "maatje", "buurt gezin", ""]
ORDERS = ["nieuw", "gemeente", "naam"]

# Time one change and the layout it causes; `change` gets the element and the value.
TIMED = """([id, value, change]) => {
    const element = document.getElementById(id);
    const start = performance.now();
    element.value = value;
    element.dispatchEvent(new Event(change, {bubbles: true}));
    document.getElementById("ww-projecten").offsetHeight;  // include layout
    return performance.now() - start;
}"""


def typed(query: str) -> list[str]:
    return [query[:length] for length in range(1, len(query) + 1)] or [""]


def index_parts(index_file: Path, texts_file: Path) -> dict[str, int]:
    """What each part of index.json and teksten.json costs compressed, on its own: each
    column, the orders."""
    index = json.loads(index_file.read_text(encoding="utf-8"))
    texts = json.loads(texts_file.read_text(encoding="utf-8"))
    size = lambda value: gzipped_size(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode())  # noqa: E731
    parts = {"index.json": gzipped_size(index_file.read_bytes())}
    parts.update({column: size(values) for column, values in zip(index["kolommen"], index["projecten"])})
    parts["volgorden"] = size(index["volgorden"])
    parts["teksten.json"] = gzipped_size(texts_file.read_bytes())
    parts.update({column: size(values) for column, values in zip(texts["kolommen"], texts["projecten"])})
    return parts


def measure(count: int, browser) -> tuple[int, int, int, dict[str, int], list[float], list[float], list[float]]:
    with tempfile.TemporaryDirectory() as folder:
        project = project_with(Path(folder), count)
        build(project, project / "site")
        server = Server(project / "site")
        try:
            page = browser.new_page()
            transferred = []

            def record(request) -> None:
                try:
                    transferred.append(gzipped_size(request.response().body()))
                except Error:  # finished as the page closed, after the measurement
                    pass

            page.on("requestfinished", record)
            page.goto(server.url + "projectenbank/")
            page.wait_for_selector("#ww-filters:not([hidden])")
            page.wait_for_load_state("networkidle")
            opened = sum(transferred)  # what the page loads when it opens: the budget
            with page.expect_response("**/projectenbank/teksten.json"):
                page.locator("#ww-filter-q").focus()  # reaching for the form fetches the texts
            page.wait_for_load_state("networkidle")
            page.locator("#ww-filter-q").blur()
            texts = sum(transferred) - opened
            html_size = gzipped_size((project / "site" / "projectenbank" / "index.html").read_bytes())
            folder_of_index = project / "site" / "projectenbank"
            parts = index_parts(folder_of_index / "index.json", folder_of_index / "teksten.json")
            filters = [page.evaluate(TIMED, ["ww-filter-" + facet, value, "change"]) for facet, value in CHANGES * 3]
            page.locator("#ww-filters").evaluate("form => form.reset()")
            page.wait_for_timeout(50)  # the script redraws after a reset, in its own turn
            searches = [page.evaluate(TIMED, ["ww-filter-q", text, "input"]) for query in QUERIES for text in typed(query)]
            orders = [page.evaluate(TIMED, ["ww-volgorde", order, "change"]) for order in ORDERS * 3]
            page.close()
        finally:
            server.close()
    return opened, texts, html_size, parts, filters, searches, orders


def main() -> None:
    counts = [int(argument) for argument in sys.argv[1:]] or [1000, 10000]
    columns = ("filter", "zoeken", "volgorde")
    print(f"{'projecten':>10} {'overzicht, gzip (KB)':>21} {'waarvan HTML (KB)':>18} {'teksten later (KB)':>19} " + " ".join(f"{name + ' mediaan/max (ms)':>26}" for name in columns))
    with sync_playwright() as playwright:
        browser = chromium(playwright)
        for count in counts:
            total, texts, html_size, parts, *timings = measure(count, browser)
            times = " ".join(f"{f'{statistics.median(t):.1f} / {max(t):.1f}':>26}" for t in timings)
            print(f"{count:>10} {total / 1024:>21.0f} {html_size / 1024:>18.0f} {texts / 1024:>19.0f} {times}")
            print(" " * 11 + "gzip (KB), elk deel apart: " + ", ".join(f"{part} {size / 1024:.0f}" for part, size in parts.items()))
        browser.close()
    print("(overzicht: alles wat de pagina laadt als hij opent, gzip-gecomprimeerd zoals een webhost het verstuurt;")
    print(" teksten later: teksten.json, dat de pagina pas haalt als de lezer naar het formulier grijpt)")
    print(f"(belasting van de machine: {' '.join(f'{load:.2f}' for load in os.getloadavg())})")


if __name__ == "__main__":
    main()
