"""Screenshots and Lighthouse scores for the site's main page types, at phone and desktop width.

For each page type (home, an approach, the projectenbank, a project, a municipality, a module of
the curriculum, the sign-up form, the Begrippen page, the accessibility statement and the 404 page
of an old module address) this builds the real site into a temporary folder, serves it on
127.0.0.1 as a static host does (gzip, cache headers, 404.html for a missing address) and
  - takes full-page screenshots in headless Chromium at 375x740 (phone) and 1280x800 (desktop);
  - runs Lighthouse (npm, pinned in bench/package.json; `make bench-pages` installs it) for accessibility,
    performance, best practices and SEO, once as a phone (Lighthouse's default mobile preset)
    and once with its desktop preset.
It prints the scores (0-100) as a table, then each Lighthouse audit that failed in accessibility,
best practices or SEO (the actionable findings) with the pages and elements it failed on. Nothing
is asserted.

    make bench-pages                                   (all pages, default folder)
    .venv/bin/python bench/pages.py [PAGE ...] [--out DIR] [--voor REF]

PAGE is one or more of the names below (default: all); DIR defaults to bench/uitvoer/pages/ (kept
out of git). DIR receives NAME-phone.png, NAME-desktop.png, scores.json (per page and form factor:
the scores, the performance metrics, the failed and the errored audits) and
lighthouse/NAME-{phone,desktop}.json (Lighthouse's full reports).

With --voor REF (a git commit, tag or branch) the same is done first for the site as it was at
REF, into DIR/voor/, and this checkout's into DIR/na/: screenshots before and after, and both
tables of scores. (REF's own page addresses must exist; a page type it lacks is skipped there.)

One Lighthouse run varies by a few points in performance.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from synthetic import REPO, HostServer, build, chromium, project_with

PAGES = {
    "home": "",
    "approach": "aanpakken/samen-sterk/",
    "projectenbank": "projectenbank/",
    "project": "projectenbank/samen-sterk-oost-groningen/",
    "municipality": "gemeenten/veendam/",
    "module": "opleiding/stage/",
    "form": "aanmelden/",
    "begrippen": "begrippen/",
    "statement": "toegankelijkheid/",
    "not_found": "404.html",  # Lighthouse refuses a page with status 404, so it scores the file itself
}
MISSING_ON_PURPOSE = {"not_found"}
# Screenshots where a reader meets the page: the 404 page at an old module's address.
SCREENSHOT_PAGES = {**PAGES, "not_found": "opleiding/oude-module/"}
VIEWPORTS = {
    "phone": {"viewport": {"width": 375, "height": 740}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 800}},
}
LIGHTHOUSE = REPO / "bench" / "node_modules" / ".bin" / "lighthouse"
LIGHTHOUSE_PRESETS = {"phone": [], "desktop": ["--preset=desktop"]}  # Lighthouse's default is mobile
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking"
CATEGORIES = {"accessibility": "a11y", "performance": "perf", "best-practices": "bp", "seo": "seo"}
FINDING_CATEGORIES = ("accessibility", "best-practices", "seo")  # performance audits are tuning, not faults
SCORED_MODES = ("binary", "numeric", "metricSavings")  # the others (manual, informative, n/a) don't pass or fail
DEFAULT_OUT = REPO / "bench" / "uitvoer" / "pages"
ELEMENTS_SHOWN = 3
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index")


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="*", metavar="PAGE",
                        help=f"page types to measure (default: all): {', '.join(PAGES)}")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for screenshots and scores")
    parser.add_argument("--voor", metavar="REF", help="also measure the site as it was at this git commit, for before and after")
    options = parser.parse_args()
    unknown = [name for name in options.pages if name not in PAGES]
    if unknown:
        parser.error(f"unknown page {', '.join(unknown)}; choose from {', '.join(PAGES)}")
    return options


def require_lighthouse() -> None:
    if not LIGHTHOUSE.exists():
        sys.exit(f"Lighthouse is missing ({LIGHTHOUSE.relative_to(REPO)}): run `npm ci --prefix bench` (or `make bench-pages`).")


def build_site(folder: Path, sources: Path = REPO) -> Path:
    """The real site (no made-up projects), built from a copy of the sources in `folder`."""
    project = project_with(folder / "project", 0, sources)
    site = folder / "site"
    build(project, site)
    return site


def sources_at(ref: str, folder: Path) -> Path:
    """The checkout's files as they were at `ref`, unpacked in `folder`."""
    folder.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", ref], capture_output=True)
    if archive.returncode != 0:
        sys.exit(f"git archive {ref} failed: {archive.stderr.decode(errors='replace').strip()}")
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder


def pages_in(site: Path, names: list[str]) -> list[str]:
    """The page types the built site has (a missing-on-purpose one always)."""
    return [name for name in names if name in MISSING_ON_PURPOSE or (site / PAGES[name] / "index.html").exists()]


def screenshot(browser, url: str, form: str, path: Path) -> None:
    context = browser.new_context(**VIEWPORTS[form])
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    page.screenshot(path=str(path), full_page=True)
    context.close()


def take_screenshots(base_url: str, names: list[str], out: Path) -> None:
    with sync_playwright() as playwright:
        browser = chromium(playwright)
        for name in names:
            for form in VIEWPORTS:
                screenshot(browser, base_url + SCREENSHOT_PAGES[name], form, out / f"{name}-{form}.png")
        browser.close()


def lighthouse(url: str, form: str, report: Path) -> dict:
    """Lighthouse's full report (JSON) for `url` as a phone or a desktop."""
    command = [
        str(LIGHTHOUSE), url, "--output=json", f"--output-path={report}", "--quiet",
        f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}",
        *LIGHTHOUSE_PRESETS[form],
    ]
    environment = dict(os.environ, CHROME_PATH=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    result = subprocess.run(command, capture_output=True, text=True, env=environment)
    if result.returncode != 0:
        sys.exit(f"Lighthouse failed on {url} ({form}):\n{result.stdout}{result.stderr}")
    return json.loads(report.read_text(encoding="utf-8"))


def scores(report: dict) -> dict[str, int | None]:
    """Category → score 0-100 (None where Lighthouse could not score it)."""
    values = {}
    for category in CATEGORIES:
        score = report["categories"][category]["score"]
        values[category] = None if score is None else round(100 * score)
    return values


def failed_audits(report: dict, origin: str) -> list[dict]:
    """The audits of accessibility, best practices and SEO that did not pass, with where they failed."""
    failures = []
    for category in FINDING_CATEGORIES:
        for reference in report["categories"][category]["auditRefs"]:
            audit = report["audits"][reference["id"]]
            if audit["scoreDisplayMode"] in SCORED_MODES and audit["score"] is not None and audit["score"] < 1:
                failures.append({
                    "category": category, "id": audit["id"], "title": audit["title"],
                    "weight": reference["weight"],
                    "where": [item.replace(origin, "/") for item in failing_items(audit)],
                })
    return failures


def failing_items(audit: dict) -> list[str]:
    """Short descriptions of the elements or resources an audit found fault with."""
    items = []
    for item in (audit.get("details") or {}).get("items", []):
        node = item.get("node") or {}
        if node.get("selector"):
            items.append(f"{node['selector']}  {node.get('snippet', '')}")
        elif "sourceLocation" in item:
            items.append(f"{item['sourceLocation'].get('url', '')}: {item.get('description', '')}")
        elif "url" in item:
            items.append(str(item["url"]))
        elif "description" in item:
            items.append(str(item["description"]))
    return items


def errored_audits(report: dict) -> list[str]:
    """Audits Lighthouse could not run (they count for nothing in the scores)."""
    return sorted(audit["id"] for audit in report["audits"].values() if audit["scoreDisplayMode"] == "error")


def metrics(report: dict) -> dict[str, float]:
    """The performance metrics behind the performance score, in ms (layout shift: unitless)."""
    return {name: round(report["audits"][name]["numericValue"], 3) for name in METRICS if name in report["audits"]}


def measure_page(base_url: str, name: str, out: Path) -> dict:
    """Scores and failed audits of one page type, as a phone and as a desktop."""
    result = {"path": PAGES[name] or "/"}
    for form in LIGHTHOUSE_PRESETS:
        report = lighthouse(base_url + PAGES[name], form, out / "lighthouse" / f"{name}-{form}.json")
        result[form] = {
            "scores": scores(report), "metrics": metrics(report),
            "failed": failed_audits(report, base_url), "errored": errored_audits(report),
        }
    return result


def figure(score: int | None) -> str:
    return "-" if score is None else str(score)


def table_header() -> str:
    columns = " ".join(f"{short:>5}" for short in CATEGORIES.values())
    return f"{'':<14} {'phone':^23}   {'desktop':^23}\n{'page':<14} {columns}   {columns}"


def table_row(name: str, result: dict) -> str:
    cells = [" ".join(f"{figure(result[form]['scores'][category]):>5}" for category in CATEGORIES)
             for form in LIGHTHOUSE_PRESETS]
    return f"{name:<14} {cells[0]}   {cells[1]}"


def print_findings(results: dict[str, dict]) -> None:
    """Each failed audit once, with the pages and form factors it failed on and its elements."""
    print("\nFailed audits (accessibility, best practices, SEO):")
    findings = group_findings(results)
    if not findings:
        print("  none")
    for (category, audit_id, title, weight, where), pages in findings.items():
        unweighted = " (weight 0: not in the score)" if weight == 0 else ""
        print(f"  {category}/{audit_id}: {title}{unweighted}\n      on {where_failed(pages, list(results))}")
        for item in where[:ELEMENTS_SHOWN]:
            print(f"      - {item[:200]}")
        if len(where) > ELEMENTS_SHOWN:
            print(f"      … and {len(where) - ELEMENTS_SHOWN} more")


def where_failed(pages: list[tuple[str, str]], measured: list[str]) -> str:
    """'all pages [phone]' or 'home [phone, desktop], form [phone]'."""
    forms: dict[str, list[str]] = {}
    for name, form in pages:
        forms.setdefault(name, []).append(form)
    if list(forms) == measured and len(measured) > 1 and len({tuple(each) for each in forms.values()}) == 1:
        return f"all pages [{', '.join(next(iter(forms.values())))}]"
    return ", ".join(f"{name} [{', '.join(each)}]" for name, each in forms.items())


def group_findings(results: dict[str, dict]) -> dict[tuple, list[tuple[str, str]]]:
    """(category, id, title, weight, elements) → the (page, form factor) pairs it failed on."""
    findings: dict[tuple, list[tuple[str, str]]] = {}
    for name, result in results.items():
        for form in LIGHTHOUSE_PRESETS:
            for failure in result[form]["failed"]:
                key = (failure["category"], failure["id"], failure["title"], failure["weight"], tuple(failure["where"]))
                findings.setdefault(key, []).append((name, form))
    return findings


def print_errored(results: dict[str, dict]) -> None:
    errored = sorted({audit for result in results.values() for form in LIGHTHOUSE_PRESETS for audit in result[form]["errored"]})
    if errored:
        print(f"\nAudits Lighthouse could not run (not in any score; see lighthouse/*.json): {', '.join(errored)}")


def measure_site(sources: Path, names: list[str], out: Path, title: str) -> dict[str, dict]:
    """Build the site from `sources`, then screenshot and score each page type into `out`."""
    (out / "lighthouse").mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        site = build_site(Path(folder), sources)
        present = pages_in(site, names)
        server = HostServer(site)
        try:
            take_screenshots(server.url, present, out)
            print(f"\n{title}\n{table_header()}")
            results = {}
            for name in present:
                results[name] = measure_page(server.url, name, out)
                print(table_row(name, results[name]), flush=True)
        finally:
            server.close()
    skipped = [name for name in names if name not in present]
    if skipped:
        print(f"(not in this version of the site: {', '.join(skipped)})")
    (out / "scores.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return results


def main() -> None:
    options = arguments()
    names = options.pages or list(PAGES)
    require_lighthouse()
    out = options.out.resolve()
    started = time.perf_counter()
    if options.voor:
        with tempfile.TemporaryDirectory() as folder:
            before = measure_site(sources_at(options.voor, Path(folder) / "bronnen"), names, out / "voor", f"Before ({options.voor}):")
        results = measure_site(REPO, names, out / "na", "After (this checkout):")
        print_changes(before, results)
    else:
        results = measure_site(REPO, names, out, "This checkout:")
    print_findings(results)
    print_errored(results)
    print(f"\n(Lighthouse {lighthouse_version()}, scores 0-100; phone: Lighthouse's mobile preset, desktop: --preset=desktop;")
    print(" served as a static host does: gzip, cache headers, 404.html for a missing address)")
    print(f"Screenshots and scores.json in {out}; took {time.perf_counter() - started:.0f} s.")


def print_changes(before: dict[str, dict], after: dict[str, dict]) -> None:
    """Each score that changed, before → after."""
    print("\nChanged scores (before → after):")
    changes = [
        f"  {name} [{form}] {CATEGORIES[category]}: {figure(before[name][form]['scores'][category])} → {figure(after[name][form]['scores'][category])}"
        for name in after if name in before for form in LIGHTHOUSE_PRESETS for category in CATEGORIES
        if before[name][form]["scores"][category] != after[name][form]["scores"][category]
    ]
    print("\n".join(changes) or "  none")


def lighthouse_version() -> str:
    return subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True, text=True).stdout.strip()


if __name__ == "__main__":
    main()
