"""The site search index: Pagefind over the built site.

Pagefind splits the index into small pieces that the browser fetches as someone types, and
stems Dutch words (the pages say lang="nl"). bench/search.py shows why this, not Material's
built-in search, which downloads its whole index before the first answer.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path


class SearchIndexError(RuntimeError):
    pass


SEARCH_INDEX = "pagefind"  # the folder in the site


def build_search_index(site_dir: Path, *, output: Path | None = None) -> None:
    """Write the index to `site_dir`/pagefind/ (or `output`); raise SearchIndexError if Pagefind fails."""
    where = ["--output-path", str(output)] if output else []
    result = subprocess.run(
        # The ¶ permalinks next to headings are not words of the page.
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), *where, "--exclude-selectors", ".headerlink", "--silent"],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind kon de zoekindex niet maken:\n{result.stdout}{result.stderr}")
