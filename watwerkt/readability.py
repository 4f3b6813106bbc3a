"""How easy a Dutch text is to read: the Flesch-Douma score.

    score = 206.84 - 0.93 × (words per sentence) - 77 × (syllables per word)

Higher is easier. Taalniveau B1 lies at about 60 and above; below 60 most readers need more
education than B1. The score only counts; it cannot judge words or order, so it is a signal
for an editor, never a reason to stop a build.

Names and the terms the site explains (data/begrippen.yaml) are things a reader meets on
every page: "Mobility Mentoring" or "ervaringsdeskundige" cannot be said more simply. Each
counts as one ordinary word of two syllables, so they do not make a text look hard.
"""
from __future__ import annotations

import html as html_module
import math
import re
import statistics
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable

import yaml

from . import markup

B1_MINIMUM = 60
KNOWN_TERM_SYLLABLES = 2

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# A sentence ends at . ! ? or … before a capital, a digit or the end, and at the end of a block
# (a paragraph, a list item, a heading): not after "bijv. het" or "o.a. de".
_SENTENCE_END = re.compile(r"[.!?…]+(?=\s+[^\W_a-z]|\s*$)|\n+", re.MULTILINE)
_ADDRESS = re.compile(r"\b(?:https?://|mailto:|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_VOWEL_RUN = re.compile(r"[aeiouy]+")
# Vowels said as one sound; any other run of vowels is said apart ("si-tu-a-tie", "ge-o-pend").
_ONE_SOUND = {3: {"aai", "ooi", "oei", "eeu", "ieu"}, 2: {"aa", "ee", "oo", "uu", "ie", "oe", "eu", "ui", "ei", "ou", "au"}}


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    syllables: int

    @property
    def score(self) -> float:
        if not self.words:
            return 100.0
        return 206.84 - 0.93 * self.words / self.sentences - 77 * self.syllables / self.words

    @property
    def is_b1(self) -> bool:
        return self.score >= B1_MINIMUM

    @property
    def shown_score(self) -> int:
        """The score as people see it: rounded down, so 59.8 reads 59 and is below B1."""
        return math.floor(self.score)


def syllables(word: str) -> int:
    """Dutch syllables, estimated from the vowels: "aa", "oei" and "ij" are one sound, other
    vowels side by side are said apart, and a diaeresis ("ë" in "financiële") starts a new one.
    Loanwords fool it now and then ("museum", "online")."""
    word = unicodedata.normalize("NFC", word).lower().replace("ij", "ei")
    count = 0
    for part in re.split(r"(?=[äëïöü])", word):
        plain = unicodedata.normalize("NFKD", part).encode("ascii", "ignore").decode()
        count += sum(map(_sounds, _VOWEL_RUN.findall(plain)))
    return max(1, count)


def _sounds(vowels: str) -> int:
    """How many vowel sounds a run of vowels makes, reading the longest known sound first."""
    count = position = 0
    while position < len(vowels):
        position += next((length for length in (3, 2) if vowels[position : position + length] in _ONE_SOUND[length]), 1)
        count += 1
    return count


class Scorer:
    """Scores texts, counting each known name or term as one short word. Terms are matched
    word by word (longest first), so thousands of names cost no more than a few."""

    def __init__(self, known_terms: Iterable[str] = ()):
        self._known = {tuple(word.casefold() for word in _WORD.findall(term)) for term in known_terms} - {()}
        self._longest = max(map(len, self._known), default=0)
        self._first_words = {term[0] for term in self._known}
        self._syllables: dict[str, int] = {}  # a site uses the same few thousand words again and again

    def score(self, text: str) -> Readability:
        text = unicodedata.normalize("NFC", text)
        sentences = sum(1 for part in _SENTENCE_END.split(text) if _WORD.search(part))
        words = _WORD.findall(text)
        folded = [word.casefold() for word in words]
        count = total_syllables = position = 0
        while position < len(words):
            length = self._known_term_at(folded, position) if folded[position] in self._first_words else 0
            if length:
                total_syllables += KNOWN_TERM_SYLLABLES
            else:
                word = folded[position]
                if word not in self._syllables:
                    self._syllables[word] = syllables(word)
                total_syllables += self._syllables[word]
            count += 1
            position += length or 1
        return Readability(words=count, sentences=max(1, sentences), syllables=total_syllables)

    def _known_term_at(self, folded: list[str], position: int) -> int:
        """The number of words of the longest known term starting at `position`, or 0."""
        for length in range(min(self._longest, len(folded) - position), 0, -1):
            if tuple(folded[position : position + length]) in self._known:
                return length
        return 0


# --- pages ----------------------------------------------------------------------------------


class _Prose(HTMLParser):
    """The prose of a page: each paragraph, list item and heading ends a sentence. Left out are
    data and controls, which are not sentences: tables and a record's facts (label and value,
    a table in another form), code, forms, the ¶ links, and the titles of sources (<cite>:
    quoted as their publisher wrote them, names like those of organisations)."""

    SKIP = {"table", "pre", "code", "script", "style", "form", "nav", "button", "svg", "template", "select", "textarea", "cite"}
    SKIP_CLASSES = {"headerlink", "ww-feiten"}
    BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt", "blockquote", "figcaption", "div", "details", "summary"}
    VOID = {"br", "img", "input", "meta", "link", "hr", "wbr", "source", "col", "area", "embed", "track"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._open: list[tuple[str, bool]] = []  # (tag, whether its text is left out)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            self.parts.append("\n" if tag == "br" else " ")
            return
        classes = (dict(attrs).get("class") or "").split()
        skipped = tag in self.SKIP or not self.SKIP_CLASSES.isdisjoint(classes) or bool(self._open and self._open[-1][1])
        self._open.append((tag, skipped))
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        while any(open_tag == tag for open_tag, _ in self._open):
            open_tag, _ = self._open.pop()
            if open_tag in self.BLOCKS:
                self.parts.append("\n")
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if not (self._open and self._open[-1][1]):
            text = _ADDRESS.sub(" ", data)  # a web or mail address is read as one thing, not as words
            self.parts.append(re.sub(r"\s+", " ", text))  # a wrapped line in the source is no sentence end


def prose(html: str) -> str:
    """The running text of an HTML fragment, one block per line."""
    quick = _prose_of_plain_markup(html)
    if quick is not None:
        return quick
    parser = _Prose()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def _prose_of_plain_markup(source: str) -> str | None:
    """What _Prose reads of `source`, read quickly (markup.py), or None when not sure."""
    parts: list[str] = []
    open_tags: list[str] = []  # the open elements, and whether each one's text is left out
    skipping: list[bool] = []

    def close(tag: str) -> None:
        while tag in open_tags:
            open_tag = open_tags.pop()
            skipping.pop()
            if open_tag in _Prose.BLOCKS:
                parts.append("\n")
            if open_tag == tag:
                break

    try:
        for event in markup.events(source):
            if event[0] == "text":
                if not (skipping and skipping[-1]):
                    parts.append(_SPACES.sub(" ", _ADDRESS.sub(" ", html_module.unescape(source[event[1] : event[2]]))))
            elif event[0] == "end":
                close(event[1])
            else:
                _, tag, attributes, self_closing = event
                if tag in _Prose.VOID:
                    parts.append("\n" if tag == "br" else " ")
                    continue
                open_tags.append(tag)
                skipping.append(tag in _Prose.SKIP or bool(skipping and skipping[-1]) or not _Prose.SKIP_CLASSES.isdisjoint(markup.classes_of(attributes)))
                if tag in _Prose.BLOCKS:
                    parts.append("\n")
                if self_closing:  # <div/>: the parser opens and closes it
                    close(tag)
    except markup.NotSure:
        return None
    return "".join(parts)


@dataclass(frozen=True)
class PageReadability:
    path: str  # the page's address below the site root, e.g. "aanpakken/samen-sterk/"
    readability: Readability


def site_readability(site_dir: Path, scorer: Scorer) -> list[PageReadability]:
    """Every page of a built site with words in its article (the page's own content, without
    menus and footer), in address order."""
    pages = []
    for html_file in sorted(Path(site_dir).rglob("index.html")):
        html = html_file.read_text(encoding="utf-8")
        start, end = html.find("<article"), html.rfind("</article>")
        if start < 0 or end < 0:
            continue  # a redirect page
        readability = scorer.score(prose(html[start:end]))
        if readability.words:
            path = html_file.parent.relative_to(site_dir).as_posix()
            pages.append(PageReadability("" if path == "." else path + "/", readability))
    return pages


# --- pages that may stay below B1 -----------------------------------------------------------

# A hand-written page that cannot reach B1 says why in its front matter, in one sentence a
# reviewer can judge:  b1_uitzondering: "Een lijst van gemeenten met het aantal projecten."
# Record pages have no such key: their texts in data/ can always be written more simply.
EXEMPTION_KEY = "b1_uitzondering"
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)


@dataclass(frozen=True)
class HandWrittenPage:
    source: str  # e.g. "docs/gemeenten/index.md"
    reason: str | None  # why it may stay below B1, from its front matter


def hand_written_pages(docs_dir: Path) -> dict[str, HandWrittenPage]:
    """Every Markdown page in `docs_dir` by its address (as PageReadability.path), with the
    reason its front matter gives for staying below B1, if any. A front matter that does not
    parse gives no reason (the staging stops the build on it anyway)."""
    pages = {}
    for source in sorted(Path(docs_dir).rglob("*.md")):
        relative = source.relative_to(docs_dir).as_posix()
        path = relative.removesuffix(".md")
        path = path.removesuffix("index") if path == "index" or path.endswith("/index") else path + "/"
        pages[path] = HandWrittenPage(f"{Path(docs_dir).name}/{relative}", _exemption_reason(source))
    return pages


def _exemption_reason(source: Path) -> str | None:
    try:
        head = _FRONT_MATTER.match(source.read_text(encoding="utf-8"))
        meta = yaml.safe_load(head.group(1) or "") if head else None
    except (UnicodeDecodeError, yaml.YAMLError):
        return None
    reason = meta.get(EXEMPTION_KEY) if isinstance(meta, dict) else None
    return " ".join(reason.split()) if isinstance(reason, str) and reason.strip() else None


def reason_below_b1(page: PageReadability, hand_written: dict[str, HandWrittenPage]) -> str | None:
    """Why `page` may score below B1: the reason its own front matter gives, or None."""
    written = hand_written.get(page.path)
    return written.reason if written else None


def readability_report(pages: Iterable[PageReadability], hand_written: dict[str, HandWrittenPage] | None = None) -> str:
    """A CSV (the Dutch kind: ';') of every page's score, hardest first: what to rewrite first,
    and for a page below B1 the reason it may stay there."""
    hand_written = hand_written or {}
    lines = ["pagina;flesch_douma;b1;woorden;zinnen;reden"]
    for page in sorted(pages, key=lambda page: (page.readability.score, page.path)):
        r = page.readability
        reason = _csv_text(reason_below_b1(page, hand_written) or "") if not r.is_b1 else ""
        lines.append(f"/{page.path};{r.shown_score};{'ja' if r.is_b1 else 'nee'};{r.words};{r.sentences};{reason}")
    return "\n".join(lines) + "\n"


def _csv_text(text: str) -> str:
    """A reason as one plain cell: no control characters (a terminal's escapes), no ';' or '"'
    that would move the columns, and never the start of a spreadsheet formula (= + - @)."""
    text = " ".join(re.sub(r"[\x00-\x1f\x7f-\x9f]+", " ", text).replace(";", ",").replace('"', "'").split())
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def readability_log(pages: Iterable[PageReadability], hand_written: dict[str, HandWrittenPage] | None = None, *, hardest: int = 5) -> list[str]:
    """The build log's lines: the summary, then every page below B1 with its reason, or with
    a warning when it gives none; and a warning for a reason a page no longer needs."""
    hand_written = hand_written or {}
    pages = sorted(pages, key=lambda page: (page.readability.score, page.path))
    if not pages:
        return ["Leesbaarheid: geen pagina's met tekst."]
    scores = [page.readability.score for page in pages]
    below = [page for page in pages if not page.readability.is_b1]
    without_reason = [page for page in below if not reason_below_b1(page, hand_written)]
    worst = ", ".join(f"/{page.path} {page.readability.shown_score}" for page in below[:hardest])
    lines = [
        f"Leesbaarheid (Flesch-Douma, B1 vanaf {B1_MINIMUM}): {len(pages)} pagina's, mediaan {math.floor(statistics.median(scores))}; "
        f"{len(below)} onder B1" + (f" ({len(without_reason)} zonder reden)" if below else "") + (f", het moeilijkst: {worst}" if worst else "") + "."
    ]
    for page in below:
        shown, written = page.readability.shown_score, hand_written.get(page.path)
        if written and written.reason:
            lines.append(f"Leesbaarheid: /{page.path} scoort {shown}: {written.reason}")
        elif written:
            lines.append(
                f"Leesbaarheid: waarschuwing: /{page.path} scoort {shown}, onder B1 zonder reden: schrijf {written.source} eenvoudiger, "
                f"of zet in de kop waarom het niet kan ({EXEMPTION_KEY}: <reden>)"
            )
        else:
            lines.append(f"Leesbaarheid: waarschuwing: /{page.path} scoort {shown}, onder B1 zonder reden: schrijf de teksten van dit record in data/ eenvoudiger")
    for page in pages:
        written = hand_written.get(page.path)
        if page.readability.is_b1 and written and written.reason:
            lines.append(f"Leesbaarheid: waarschuwing: /{page.path} scoort {page.readability.shown_score} en is B1: haal {EXEMPTION_KEY} weg uit {written.source}")
    return lines
