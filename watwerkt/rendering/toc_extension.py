"""A Markdown extension that puts the headings of the engine's HTML into the page's table of
contents.

Components reach the site generator as raw HTML blocks (watwerkt/publishing/staging.py), which
Markdown passes through untouched, and record pages as a place for the engine's HTML, which the
engine fills after the build: that is what keeps record text out of Markdown. The toc extension
only sees Markdown's own headings, so this runs after it and adds the section headings of every
raw block (those with a permanent link; a place carries its page's), in the order they stand on
the page.
Any site generator that renders with Python-Markdown and reads `toc_tokens` (MkDocs, Zensical)
then shows them, with no plugin or hook of its own.
"""
from __future__ import annotations

import html
import json
import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from . import TocEntry, table_of_contents

# A record's page reaches the generator as a place for the engine's HTML, which the engine puts
# in the built page (publishing/staging.py): Markdown never reads it. The place carries the
# page's headings, as [level, id, title] in document order.
# A theme may look into the content for what it holds (Material adds the title as <h1> to a page
# without one): the place says that its HTML has an <h1>.
_PLACE = re.compile(r'<div class="ww-motor-plek" data-koppen="([^"]*)">(?:<!--<h1-->)?</div>')


def engine_html_place(toc: list[TocEntry], *, has_title: bool) -> str:
    """The place of a record page's HTML, with its table of contents, and whether that HTML
    holds the page's <h1>."""
    headings = json.dumps([[entry.level, entry.id, entry.title] for entry in _flat_entries(toc)], ensure_ascii=False, separators=(",", ":"))
    return f'<div class="ww-motor-plek" data-koppen="{html.escape(headings, quote=True)}">{"<!--<h1-->" * has_title}</div>'


def _entries(block: str) -> list[TocEntry]:
    """The headings of a raw block: of a place, those it carries; of other HTML, those it holds."""
    place = _PLACE.fullmatch(block.strip())
    if place:
        return [TocEntry(level, anchor, title) for level, anchor, title in json.loads(html.unescape(place.group(1)))]
    return _flat_entries(table_of_contents(block))

_AFTER_TOC = 4  # the toc extension's treeprocessor has priority 5; lower runs later


class _RawHeadings(Treeprocessor):
    def run(self, root) -> None:
        known = {token["id"]: token for token in _flat(getattr(self.md, "toc_tokens", []))}
        placeholders = {self.md.htmlStash.get_placeholder(index): index for index in range(len(self.md.htmlStash.rawHtmlBlocks))}
        if not placeholders:
            return
        flat = []
        for element in root.iter():
            if element.tag in {"h1", "h2", "h3", "h4", "h5", "h6"} and element.get("id") in known:
                token = dict(known[element.get("id")], children=[])
                flat.append(token)
            elif (element.text or "").strip() in placeholders:
                block = self.md.htmlStash.rawHtmlBlocks[placeholders[element.text.strip()]]
                flat += [_token(entry) for entry in _entries(str(block))]
        self.md.toc_tokens = _nested(flat)


def _token(entry: TocEntry) -> dict:
    return {"level": entry.level, "id": entry.id, "name": entry.title, "html": entry.title, "data-toc-label": "", "children": []}


def _flat(tokens: list[dict]) -> list[dict]:
    return [item for token in tokens for item in (token, *_flat(token["children"]))]


def _flat_entries(entries: list[TocEntry]) -> list[TocEntry]:
    return [item for entry in entries for item in (entry, *_flat_entries(entry.children))]


def _nested(flat: list[dict]) -> list[dict]:
    nested: list[dict] = []
    for token in flat:
        siblings = nested
        while siblings and siblings[-1]["level"] < token["level"]:
            siblings = siblings[-1]["children"]
        siblings.append(token)
    return nested


class StagedTocExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_RawHeadings(md), "watwerkt_raw_headings", _AFTER_TOC)


def makeExtension(**kwargs) -> StagedTocExtension:  # noqa: N802  the name Markdown looks for
    return StagedTocExtension(**kwargs)
