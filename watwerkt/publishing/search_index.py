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
# group) at the cost of a bigger index to fetch. The engine's templates mark what they write so
# with data-pagefind-ignore="all" where they write it: fact labels and the facts many records
# share, the breadcrumb, another record's summary beside its link, related projects, the
# residents' help on municipality pages, the projectenbank's cards, the "may be out of date"
# note, the checked dates and "Klopt er iets niet?". Here only what MkDocs writes as well:
LEFT_OUT_OF_SEARCH = (
    ".headerlink",  # the ¶ permalinks next to headings
    "thead",  # the column heads of a table
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
