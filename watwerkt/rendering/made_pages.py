"""Record pages made before, by what they were made from, so that a rebuild (`serve`) makes
again only the pages whose inputs changed: after one project is edited, its page and the pages
that list it, not the other thousands.

A page's inputs are its kind and template, the record, the values its template receives
(page_values.py: related records, names of what it refers to), the site's address and the
correction link, everything of the kennisbank that is not a project (templates read regions,
municipalities and themes through `area` and `json_ld`), the day (recognitions expire, records
grow stale), the templates as they are on disk and the begrippen with the names that can stop
one being linked (term_links.py). Their fingerprint is the key: a page is reused only when all
of them are what they were. Records are frozen models whose repr holds every field, so a
record's fingerprint is the digest of its repr, made once per record.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

from ..reuse import keeping


# One site's pages: a key of the last round that was not asked for again in this one is
# dropped at its end, so memory holds no more than the pages of one site.
_MADE: dict[bytes, object] = {}


def templates_signature(folders: Iterable[Path]) -> tuple:
    """The templates as they are now: one edited while `serve` runs makes the pages anew."""
    return tuple((str(path), path.stat().st_mtime_ns) for folder in folders for path in sorted(Path(folder).rglob("*.html")))


class MadePages:
    """One round of making pages: `page(key, make)` gives the page made before for the same
    key, or makes it. `finish()` forgets the pages no longer asked for. Only while pages are
    kept (`reuse.keep_between_builds`, which `serve` calls): one build makes every page once anyway."""

    def __init__(self) -> None:
        self.asked: set[bytes] = set()
        self.made = 0
        self.keeping = keeping()

    def page(self, key: bytes | None, make: Callable[[], object], *, counted: bool = True) -> object:
        """The page made before for `key`, or `make()`; `made` counts the `counted` ones made."""
        if self.keeping and key in _MADE:
            self.asked.add(key)
            return _MADE[key]
        self.made += counted
        made = make()
        if self.keeping:
            self.asked.add(key)
            _MADE[key] = made
        return made

    def finish(self) -> None:
        if self.keeping:
            for key in [key for key in _MADE if key not in self.asked]:
                del _MADE[key]
