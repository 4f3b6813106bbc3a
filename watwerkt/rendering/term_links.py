"""The first use of a begrip on a record page links to its explanation on /begrippen/.

It runs on the engine's own final HTML, after every template and the sanitizer, so the only
text it touches is text that is already escaped: it finds the text between tags with a real
HTML parser (an attribute value, even one holding ">", is never text to it), wraps a word
there in a link it builds from the begrip's id alone, and copies every other character as it
was. It adds no text of its own and never works inside a link, a heading, a label of a
control or a script, so no record text can steer what it writes.
"""
from __future__ import annotations

import hashlib
import html
import re
from html.parser import HTMLParser
from typing import Iterable, Iterator

from ..markup import REFERENCE, NotSure, classes_of, events
from ..model import Term

GLOSSARY_PAGE = "begrippen/"
# Where a link would be wrong: inside another link, a heading or a title, controls and their
# labels, code, quoted titles of sources, and text that is not shown as text.
_NO_LINKS_INSIDE = {
    "a", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "summary", "button", "label", "select", "option", "textarea",
    "script", "style", "template", "title", "code", "pre", "cite", "svg", "math",
}
_NO_LINKS_INSIDE_CLASSES = {"admonition-title", "headerlink"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# A word, with its hyphens and apostrophes: "kosten-batenanalyse" is one, and so are "armoede-"
# in "armoede- en minimabeleid" and "zelf-ervaringsdeskundige", so a begrip is never found
# inside a longer word.
_WORD = re.compile(r"-?\w+(?:['’-]\w+)*-?")
# Web and mail addresses written out in text: a word inside one is part of the address.
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _folded(form: str) -> tuple[str, ...]:
    return tuple(word.casefold() for word in _WORD.findall(form))


def _names_that_matter(candidates: dict, names: Iterable[str]) -> list[tuple[str, ...]]:
    """The names (as their folded words) that can change where a begrip is linked; the others
    are left out, which changes no link. The scan takes, word by word, the longest name or
    begrip that starts there and skips its words. A name can only take a begrip's place when
    one of its words is where a begrip (or a name that matters) starts; a name without such a
    word only skips words where nothing that matters starts, so it changes nothing. Editing
    such a name (most project names) then leaves every page's links as they were."""
    starts = set(candidates)  # the first words of the begrippen
    waiting = list(dict.fromkeys(words for words in map(_folded, names) if words))
    kept: list[tuple[str, ...]] = []
    while True:
        matter = [words for words in waiting if not starts.isdisjoint(words)]
        if not matter:
            return kept
        kept += matter
        starts |= {words[0] for words in matter}
        chosen = set(matter)
        waiting = [words for words in waiting if words not in chosen]


def glossary_anchor(term_id: str) -> str:
    """The address of a begrip on /begrippen/, below the site root."""
    return f"{GLOSSARY_PAGE}#{term_id}"


class TermLinker:
    """Links the first use of each begrip on a page; one for the whole site. A begrip inside
    a name (`names`: of approaches, projects, organisations) is part of that name, not a use:
    "Sterk uit Armoede" links nothing."""

    def __init__(self, terms: Iterable[Term], *, names: Iterable[str] = ()):
        # Matched word by word, as the readability scorer does, so thousands of names cost no
        # more than a few: the first word finds the candidates, grouped by their number of
        # words, and the longest that fits wins (a look-up per length, not per candidate).
        self._candidates: dict[str, dict[int, dict[tuple[str, ...], str | None]]] = {}  # first word → length → words → begrip id or None for a name
        for term in terms:
            if not _ID.fullmatch(term.id):
                raise ValueError(f"begrip-id {term.id!r} is geen veilige naam voor een anker")
            for form in (term.term, *term.vormen):
                self._add(_folded(form), term.id)
        for words in _names_that_matter(self._candidates, names):
            self._add(words, None)
        self._candidates = {first: dict(sorted(by_length.items(), reverse=True)) for first, by_length in self._candidates.items()}
        # A text without the first word of any begrip (as a piece of its folded letters) has no
        # use of one: it is passed by without reading it word by word.
        firsts = sorted({words[0] for by_length in self._candidates.values() for forms in by_length.values() for words, term_id in forms.items() if term_id})
        self._may_use = re.compile("|".join(map(re.escape, firsts))) if firsts else None
        # What the links on any page depend on, besides the page: the same for the same begrippen
        # and names that matter (rendering/made_pages.py keys pages by it).
        self.signature = hashlib.blake2b(repr(sorted((first, sorted(by_length.items())) for first, by_length in self._candidates.items())).encode("utf-8"), digest_size=16).digest()

    def _add(self, words: tuple[str, ...], term_id: str | None) -> None:
        if words:  # a begrip before a name: the first of the same words stays
            self._candidates.setdefault(words[0], {}).setdefault(len(words), {}).setdefault(words, term_id)

    def link_first_uses(self, page_html: str, *, root: str) -> str:
        """`page_html` with the first use of every begrip in its running text made a link to
        its entry on /begrippen/ (`root` leads from the page to the site root)."""
        linked: set[str] = set()
        pieces, copied = [], 0
        for offset, text in _linkable_text(page_html):
            for start, end, term_id in self.uses(text):
                if term_id in linked:
                    continue
                linked.add(term_id)
                pieces += [page_html[copied : offset + start], self._link(text[start:end], term_id, root)]
                copied = offset + end
        return "".join(pieces) + page_html[copied:]

    def uses(self, text: str) -> Iterator[tuple[int, int, str]]:
        """Every use of a begrip in `text` (whole words, any case, not inside a name, the words
        of one only apart by spaces, never inside a web or mail address): its start, its end and
        the begrip's id."""
        if self._may_use is None or not self._may_use.search(text.casefold()):
            return
        tokens = list(_WORD.finditer(text))
        folded = [token.group().casefold() for token in tokens]
        in_address = [False] * len(tokens)
        addresses = [(address.start(), address.end()) for address in _ADDRESS.finditer(text)]
        if addresses:
            for i, token in enumerate(tokens):
                in_address[i] = any(start <= token.start() < end for start, end in addresses)

        def fits(position: int, length: int, term_id: str | None) -> bool:
            # A name ("Wat Werkt – armoede Noord-Nederland") may have signs between its words;
            # a begrip only spaces: "sociale. Uitsluiting" is two sentences.
            end = position + length
            return not any(in_address[position:end]) and (
                term_id is None or all(text[tokens[i].end() : tokens[i + 1].start()].isspace() for i in range(position, end - 1))
            )

        position = 0
        while position < len(tokens):
            length, term_id = 1, None
            for candidate_length, forms in self._candidates.get(folded[position], {}).items():
                words = tuple(folded[position : position + candidate_length])
                if words in forms and fits(position, candidate_length, forms[words]):
                    length, term_id = candidate_length, forms[words]
                    break
            if term_id is not None:
                yield tokens[position].start(), tokens[position + length - 1].end(), term_id
            position += length

    @staticmethod
    def _link(word: str, term_id: str, root: str) -> str:
        # `word` is a piece of already-escaped text without "&" or "<"; the id is a checked slug.
        href = html.escape(f"{root}{glossary_anchor(term_id)}", quote=True)
        return f'<a class="ww-begrip" href="{href}">{word}</a>'



class _TextFinder(HTMLParser):
    """Where the text a link may wrap stands: (offset, text) of every run of text outside the
    elements in _NO_LINKS_INSIDE. Character references are separate events, so a run never
    holds one and is the source's characters exactly."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=False)
        self._source = source
        self._line_starts = [0] + [match.end() for match in re.finditer("\n", source)]
        self._open: list[tuple[str, bool]] = []  # each open element, and whether links are barred inside it
        self.runs: list[tuple[int, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        barred = tag in _NO_LINKS_INSIDE or not classes.isdisjoint(_NO_LINKS_INSIDE_CLASSES) or (bool(self._open) and self._open[-1][1])
        self._open.append((tag, barred))

    def handle_startendtag(self, tag, attrs):
        pass  # <br/>: nothing opens

    def handle_endtag(self, tag):
        if any(open_tag == tag for open_tag, _ in self._open):  # close it and whatever was left open inside it
            while self._open.pop()[0] != tag:
                pass

    def handle_data(self, data):
        if self._open and self._open[-1][1]:
            return
        line, column = self.getpos()
        offset = self._line_starts[line - 1] + column
        if self._source[offset : offset + len(data)] == data and "<" not in data and "&" not in data:
            self.runs.append((offset, data))


# Reading a page for its text is the slow part, and its answer depends on the page alone: a
# rebuild (`serve`) asks again only for pages whose HTML changed. Kept for one site's pages.
_RUNS_CACHE: dict[bytes, list[tuple[int, str]]] = {}  # by the page's digest: the pages themselves stay out of memory
_RUNS_CACHE_SIZE = 50_000


def _linkable_text(page_html: str) -> list[tuple[int, str]]:
    key = hashlib.blake2b(page_html.encode("utf-8"), digest_size=16).digest()
    runs = _RUNS_CACHE.get(key)
    if runs is None:
        runs = _runs_of_plain_markup(page_html)
        if runs is None:
            runs = _runs_by_parser(page_html)
        if len(_RUNS_CACHE) >= _RUNS_CACHE_SIZE:
            _RUNS_CACHE.clear()
        _RUNS_CACHE[key] = runs
    return runs


def _runs_by_parser(page_html: str) -> list[tuple[int, str]]:
    finder = _TextFinder(page_html)
    finder.feed(page_html)
    finder.close()
    return finder.runs


# The engine's HTML read quickly (markup.py): the parser's runs, several times faster, or the
# parser where that is not sure (tests/test_term_links.py holds the two to the same runs).
def _runs_of_plain_markup(source: str) -> list[tuple[int, str]] | None:
    runs: list[tuple[int, str]] = []
    open_tags: list[str] = []  # the open elements, and whether links are barred inside each
    barred: list[bool] = []
    try:
        for event in events(source):
            if event[0] == "text":
                if barred and barred[-1]:
                    continue
                _, piece_start, end = event
                for reference in [*REFERENCE.finditer(source, piece_start, end), None]:
                    piece = source[piece_start : reference.start() if reference else end]
                    if "&" in piece:  # an "&" that starts no whole reference: the parser's rules
                        return None
                    if piece:
                        runs.append((piece_start, piece))
                    if reference:
                        piece_start = reference.end()
            elif event[0] == "end":
                if event[1] in open_tags:
                    while open_tags.pop() != event[1]:
                        barred.pop()
                    barred.pop()
            elif not event[3] and event[1] not in _VOID:  # a start tag that opens an element
                tag = event[1]
                open_tags.append(tag)
                barred.append(tag in _NO_LINKS_INSIDE or bool(barred and barred[-1]) or not classes_of(event[2]).isdisjoint(_NO_LINKS_INSIDE_CLASSES))
    except NotSure:
        return None
    return runs
