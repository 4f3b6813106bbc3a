"""The site search index: Pagefind over the built site.

Pagefind splits the index into small pieces that the browser fetches as someone types, and
stems Dutch words (the pages say lang="nl"). bench/search.py shows why this, not Material's
built-in search, which downloads its whole index before the first answer.
"""
from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path


class SearchIndexError(RuntimeError):
    pass


SEARCH_INDEX = "pagefind"  # the folder in the site

# What the search leaves out of each page's content: what many pages have alike says nothing
# about one of them, and made every project a hit for a word such as "armoede" (its target
# group) at the cost of a bigger index to fetch. Named by the classes the templates give it.
LEFT_OUT_OF_SEARCH = (
    ".headerlink",  # the ¶ permalinks next to headings
    ".ww-feiten dt",  # the labels of a record's facts: Organisatie, Status, Thema's, ...
    ".ww-feit--gedeeld",  # the facts many records share (rendering/templates/_record_facts.html)
    ".ww-kruimelpad",  # the way back to the overview
    ".ww-samenvatting-elders",  # the summary of a record beside a link to its page (_links.html)
    ".ww-verwant",  # a project's related projects: the names and summaries of other pages
    "thead",  # the column heads of a table
    "#ww-projecten",  # the projectenbank's cards, page by page: each project's page is the hit
    ".ww-zelf-hulp",  # the same help for residents on every municipality page
    ".ww-verouderd",  # the "may be out of date" note
    ".ww-gecontroleerd",  # when a record was added and last checked
    ".ww-correctie",  # "Klopt er iets niet?"
)


def build_search_index(site_dir: Path, *, output: Path | None = None, stop: threading.Event | None = None) -> None:
    """Write the index to `site_dir`/pagefind/ (or `output`); raise SearchIndexError if Pagefind
    fails, or when `stop` is set before it is done (Pagefind is then stopped)."""
    where = ["--output-path", str(output)] if output else []
    left_out = [argument for selector in LEFT_OUT_OF_SEARCH for argument in ("--exclude-selectors", selector)]
    with subprocess.Popen(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), *where, *left_out, "--silent"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    ) as process:
        while True:
            try:
                printed, _ = process.communicate(timeout=0.2)
                break
            except subprocess.TimeoutExpired:
                if stop is not None and stop.is_set():
                    process.kill()
                    process.communicate()
                    raise SearchIndexError("Pagefind is gestopt: er kwam een nieuwere versie van de site") from None
    if process.returncode != 0:
        raise SearchIndexError(f"Pagefind kon de zoekindex niet maken:\n{printed}")
