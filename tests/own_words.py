"""Runs of eight words that the site shares with the documents it was written from.

The site's facts come from the seed documents in ../shared/seeds/, its sentences may not. The
seeds themselves stay out of this repository: tests/fixtures/seed-8grams.txt holds only a short
hash of every run of eight words in them. Remake it when the seeds change:

    python tests/own_words.py ../shared/seeds > tests/fixtures/seed-8grams.txt
"""
from __future__ import annotations

import hashlib
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

RUN = 8
HASHES = Path(__file__).parent / "fixtures" / "seed-8grams.txt"
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# Elements whose words are names or titles, which may be quoted as they are: headings, the
# title of a work (<cite>: the engine writes every source's title so), the labels of fact
# lists; the engine marks other names (a pillar, a part of an approach) with the class ww-naam,
# and so may a hand-written page ({: .ww-naam } after an italic title). Also what a reader never
# reads as the site's text. Links and italics are prose like any other: a copied sentence
# does not pass by being made a link.
_NAMES_AND_TITLES = {"h1", "h2", "h3", "h4", "h5", "h6", "cite", "dt", "title", "script", "style", "nav", "header", "footer", "label", "option", "select", "button", "summary"}
_INLINE = {"strong", "b", "span", "abbr", "code", "mark", "small", "sup", "sub", "q", "s", "u"}  # no end of a run
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def run_hash(run: list[str]) -> str:
    return hashlib.blake2b(" ".join(word.casefold() for word in run).encode(), digest_size=8).hexdigest()


def runs(word_list: list[str]) -> list[list[str]]:
    return [word_list[i : i + RUN] for i in range(len(word_list) - RUN + 1)]


def is_list_of_names(run: list[str]) -> bool:
    """Most words capitalised: 'Kompas Zuidlaren, Tinten, Kredietbank Midden-Groningen, Domesta'."""
    return sum(word[:1].isupper() for word in run) >= RUN - 3


class _ProseReader(HTMLParser):
    """The text of a page's article, in pieces that end where a block ends, without names and titles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[list[str]] = [[]]
        self.in_article = 0
        self.skipped: list[str] = []
        self.skip_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        if tag == "article":
            self.in_article += 1
        if self.skip_depth or tag in _NAMES_AND_TITLES or {"ww-bronnen", "ww-naam", "headerlink"} & set(classes):
            self.skip_depth += 1
            self.pieces.append([])
        elif tag not in _INLINE:
            self.pieces.append([])

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        if tag == "article":
            self.in_article -= 1
        if self.skip_depth:
            self.skip_depth -= 1
            self.pieces.append([])
        elif tag not in _INLINE:
            self.pieces.append([])

    def handle_data(self, data):
        if self.in_article and not self.skip_depth:
            self.pieces[-1].extend(words(data))


def prose_pieces(html: str) -> list[list[str]]:
    reader = _ProseReader()
    reader.feed(html)
    return [piece for piece in reader.pieces if len(piece) >= RUN]


def shared_runs(html: str, seed_hashes: set[str]) -> list[str]:
    """The runs of eight words in the page's prose that also stand in a seed."""
    found = []
    for piece in prose_pieces(html):
        for run in runs(piece):
            if run_hash(run) in seed_hashes and not is_list_of_names(run):
                found.append(" ".join(run))
    return found


def seed_hashes_of(folder: Path) -> set[str]:
    hashes = set()
    for path in sorted(folder.glob("*.txt")):
        hashes.update(run_hash(run) for run in runs(words(path.read_text(encoding="utf-8"))))
    return hashes


def stored_seed_hashes() -> set[str]:
    return set(HASHES.read_text(encoding="ascii").split())


if __name__ == "__main__":
    print("\n".join(sorted(seed_hashes_of(Path(sys.argv[1])))))
