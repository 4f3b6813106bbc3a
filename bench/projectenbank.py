"""Print what the projectenbank overview costs at N projects (budget at 10,000: at most 300 KB
compressed for the page, and under 100 ms for a filter change in headless Chromium).

    .venv/bin/python bench/projectenbank.py [N ...]      (default: 1000 10000)
"""
from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from synthetic import Server, build, chromium, gzipped_size, project_with

CHANGES = [("gemeente", "GM0047"), ("thema", "schulden"), ("status", "lopend"), ("gemeente", ""), ("aanpak", "samen-sterk"), ("thema", "")]


def measure(count: int, browser) -> tuple[int, int, float, float]:
    with tempfile.TemporaryDirectory() as folder:
        project = project_with(Path(folder), count)
        build(project, project / "site")
        server = Server(project / "site")
        try:
            page = browser.new_page()
            transferred = []
            page.on("requestfinished", lambda request: transferred.append(gzipped_size(request.response().body())))
            page.goto(server.url + "projectenbank/")
            page.wait_for_selector("#ww-filters:not([hidden])")
            page.wait_for_load_state("networkidle")
            html_size = gzipped_size((project / "site" / "projectenbank" / "index.html").read_bytes())
            timings = []
            for facet, value in CHANGES * 3:
                timings.append(page.evaluate(
                    """([facet, value]) => {
                        const select = document.getElementById("ww-filter-" + facet);
                        const start = performance.now();
                        select.value = value;
                        select.dispatchEvent(new Event("change", {bubbles: true}));
                        document.getElementById("ww-projecten").offsetHeight;  // include layout
                        return performance.now() - start;
                    }""",
                    [facet, value],
                ))
            page.close()
        finally:
            server.close()
    return sum(transferred), html_size, statistics.median(timings), max(timings)


def main() -> None:
    counts = [int(argument) for argument in sys.argv[1:]] or [1000, 10000]
    print(f"{'projecten':>10} {'overzicht, gzip (KB)':>21} {'waarvan HTML (KB)':>18} {'filter mediaan (ms)':>20} {'filter max (ms)':>16}")
    with sync_playwright() as playwright:
        browser = chromium(playwright)
        for count in counts:
            total, html_size, median, worst = measure(count, browser)
            print(f"{count:>10} {total / 1024:>21.0f} {html_size / 1024:>18.0f} {median:>20.1f} {worst:>16.1f}")
        browser.close()
    print("(overzicht: alles wat de pagina laadt, gzip-gecomprimeerd zoals een webhost het verstuurt)")


if __name__ == "__main__":
    main()
