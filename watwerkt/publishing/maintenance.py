"""What needs an editor: the maintenance report (`watwerkt onderhoud`).

One Markdown list, one section per kind of work: records not checked for twelve months, sources
without a page of their own, broken and doubtful links to other websites, pages below B1 without
a reason, and recognitions that have expired or soon will. Each item names the record, its page
and its line in data/. A weekly workflow keeps one GitHub issue up to date with it.

The rules are not repeated here: a stale record is a warning of the check (check_freshness), an
expired recognition is what the site marks "verlopen" (has_passed), a broken link is what
`watwerkt links` says (it writes its results with --verslag), a page below B1 is a line of the
site's leesbaarheid.csv. This module only reads them and writes them down.

Every text from data, from a website or from a file is shown as text: in a code span, or with
every Markdown, HTML, mention (@...), issue reference (#12) and autolink taken apart, so that
the issue shows what the records say and never does what they say.
"""
from __future__ import annotations

import calendar
import datetime
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from pydantic import BaseModel

from ..errors import UserError
from .github_text import inline_code
from ..kennisbank import Kennisbank
from ..labels import EVIDENCE_LEVELS
from ..loading import CURRICULUM_FILE, Problem, printable
from ..loading.checker import FileChecker, curriculum_record_root, list_record_root
from ..loading.registry import COLLECTIONS
from ..loading.yaml_source import UnreadableFile, read_text_file, read_yaml
from ..model import Source
from ..readability import EXEMPTION_KEY, HandWrittenPage, readability_report
from ..rendering import has_passed
from ..urls import record_url
from .link_check import LinkStatus

EXPIRES_SOON_MONTHS = 3
LINKS_REPORT_FORMAT = "watwerkt links --verslag"
LINKS_REPORT_VERSION = 1
MAX_REPORT_BYTES = 64 * 1024 * 1024
READABILITY_FILE = "leesbaarheid.csv"
_READABILITY_HEADER = readability_report([]).splitlines()[0]  # the writer's own header

# data file → (the kind as a reader names it, the kind for record_url if it has a page, the
# Kennisbank's attribute holding its records)
_KINDS = {
    "gemeenten.yaml": ("gemeente", "municipality", "municipalities"),
    "regios.yaml": ("regio", None, "regions"),
    "themas.yaml": ("thema", None, "themes"),
    "doelgroepen.yaml": ("doelgroep", None, "target_groups"),
    "begrippen.yaml": ("begrip", None, "terms"),
    "landelijke-hulp.yaml": ("landelijke hulp", None, "help_services"),
    "aanpakken.yaml": ("aanpak", "approach", "approaches"),
    "projects.yaml": ("project", "project", "projects"),
}


# --- what the other commands leave behind ---------------------------------------------------


@dataclass(frozen=True)
class CheckedLink:
    """One address as `watwerkt links` found it."""

    url: str
    status: int | None
    reason: str
    broken: bool
    ok: bool
    pages: tuple[str, ...]  # the pages of the site that link to it
    sources: tuple[str, ...]  # 'data/projects.yaml:100' for each source line (links that are not in order)


def links_report(statuses: Iterable[LinkStatus], pages_of: dict[str, list[str]], sources_of: dict[str, list[str]]) -> str:
    """The results of `watwerkt links` as JSON, for `watwerkt onderhoud --links`."""
    links = [
        {
            "url": status.url, "status": status.status, "reason": status.reason, "broken": status.broken, "ok": status.ok,
            "pages": list(pages_of.get(status.url, [])), "sources": list(sources_of.get(status.url, [])),
        }
        for status in sorted(statuses, key=lambda status: status.url)
    ]
    return json.dumps({"format": LINKS_REPORT_FORMAT, "version": LINKS_REPORT_VERSION, "links": links}, ensure_ascii=False, indent=1) + "\n"


def read_links_report(path: Path) -> list[CheckedLink]:
    """The links in a report of `watwerkt links --verslag`; a UserError naming the file when it
    is missing or is no such report."""
    text = _read(path, f"maak het met `watwerkt links --site site --verslag {path}`")
    try:
        report = json.loads(text)
    except json.JSONDecodeError as error:
        raise UserError(f"{path}:{error.lineno}: is geen geldige JSON ({error.msg}); maak het verslag opnieuw met `watwerkt links --verslag`") from None
    try:
        return _checked_links(report)
    except (TypeError, KeyError, ValueError) as error:
        raise UserError(
            f"{path}: is geen verslag van `{LINKS_REPORT_FORMAT}` ({printable(str(error))}); maak het opnieuw met `watwerkt links --verslag`"
        ) from None


def _checked_links(report: Any) -> list[CheckedLink]:
    if not isinstance(report, dict) or report.get("format") != LINKS_REPORT_FORMAT:
        raise ValueError(f"'format' is niet '{LINKS_REPORT_FORMAT}'")
    if report.get("version") != LINKS_REPORT_VERSION:
        raise ValueError(f"versie {str(report.get('version'))[:20]} ken ik niet, alleen {LINKS_REPORT_VERSION}")
    links = report["links"]
    if not isinstance(links, list):
        raise ValueError("'links' is geen lijst")
    found = []
    for number, item in enumerate(links, start=1):
        if not isinstance(item, dict):
            raise ValueError(f"link {number} is geen groep velden")
        fields = {"url": str, "reason": str, "broken": bool, "ok": bool}
        if any(not isinstance(item.get(name), kind) for name, kind in fields.items()):
            raise ValueError(f"link {number} mist url, reason, broken of ok")
        status = item.get("status")
        if status is not None and (isinstance(status, bool) or not isinstance(status, int)):
            raise ValueError(f"link {number}: status is geen getal")
        pages, sources = item.get("pages", []), item.get("sources", [])
        if not all(isinstance(part, list) and all(isinstance(value, str) for value in part) for part in (pages, sources)):
            raise ValueError(f"link {number}: pages en sources moeten lijsten met tekst zijn")
        found.append(CheckedLink(item["url"], status, item["reason"], item["broken"], item["ok"], tuple(pages), tuple(sources)))
    return found


@dataclass(frozen=True)
class PageScore:
    """One line of a built site's leesbaarheid.csv."""

    path: str  # '/over/'
    score: int
    b1: bool
    reason: str  # why it may stay below B1; empty when none


def read_readability(site_dir: Path) -> list[PageScore]:
    """The pages in the site's leesbaarheid.csv, hardest first; a UserError naming the file or
    the folder when there is no built site or the file is no such report."""
    if not Path(site_dir).is_dir():
        reason = "is geen map" if Path(site_dir).exists() else "bestaat niet"
        raise UserError(f"{site_dir}: {reason}; bouw de site eerst met `watwerkt build --site {site_dir}`, of geef met --site de map van de site")
    path = Path(site_dir) / READABILITY_FILE
    lines = _read(path, f"bouw de site opnieuw met `watwerkt build --site {site_dir}`").splitlines()
    if not lines or lines[0] != _READABILITY_HEADER:
        raise UserError(f"{path}:1: de eerste regel is niet '{_READABILITY_HEADER}'; bouw de site opnieuw met `watwerkt build`")
    pages = []
    for number, line in enumerate(lines[1:], start=2):
        cells = line.split(";")
        if len(cells) != 6 or not re.fullmatch(r"-?\d{1,6}", cells[1]) or cells[2] not in ("ja", "nee"):
            raise UserError(f"{path}:{number}: is geen regel van het leesbaarheidsverslag (pagina;score;ja/nee;woorden;zinnen;reden); bouw de site opnieuw")
        pages.append(PageScore(cells[0], int(cells[1]), cells[2] == "ja", cells[5]))
    return pages


def _read(path: Path, how_to_make_it: str) -> str:
    try:
        return read_text_file(path, MAX_REPORT_BYTES)
    except UnreadableFile as error:
        raise UserError(f"{error}; {how_to_make_it}") from None


# --- where a record is ----------------------------------------------------------------------


class DataLocations:
    """Each record's file and line, as the loader gives them (the YAML is read once more, here)."""

    def __init__(self, data_dir: Path, *, relative_to: Path | None = None):
        self.data_dir = Path(data_dir)
        self.base = Path(relative_to) if relative_to else Path.cwd()
        self._checkers: dict[str, FileChecker] = {}

    def locate(self, filename: str, key: str | None, inner: tuple = ()) -> Problem:
        """Where a record (key None: the curriculum) or a field inside it is, as the loader
        names the place of a warning: file, line, record and field (the message stays empty)."""
        checker = self._checker(filename)
        root: tuple = ()
        if key is not None and filename != CURRICULUM_FILE:
            keys = [item.get(checker.key) if isinstance(item, dict) else None for item in checker.document.data]
            root = (keys.index(key),)
        checker.report(root + tuple(inner), "", warning=True)
        return checker.problems.pop()

    def _checker(self, filename: str) -> FileChecker:
        if filename not in self._checkers:
            document = read_yaml(self.data_dir / filename)
            if filename == CURRICULUM_FILE:
                self._checkers[filename] = FileChecker(document, self.base, curriculum_record_root, "id", top_label="opleiding")
            else:
                key = next(collection.key for collection in COLLECTIONS if collection.filename == filename)
                self._checkers[filename] = FileChecker(document, self.base, list_record_root, key)
            self._checkers[filename].problems.clear()
        return self._checkers[filename]


@dataclass(frozen=True)
class _Record:
    """A record as the report names it: its kind, id, name and page."""

    kind: str  # 'aanpak'
    id: str
    name: str
    page: str | None  # '/aanpakken/eerste-aanpak/'
    filename: str
    key: str | None  # its key in the file (a municipality's code), None for the curriculum
    root: tuple = ()  # inside opleiding.yaml: ('modules', 0)

    def named(self) -> str:
        return f"{self.kind} {_code(self.id)} ({_text(self.name)})"


def _records(kennisbank: Kennisbank) -> Iterator[tuple[_Record, BaseModel]]:
    for filename, (kind, page_kind, attribute) in _KINDS.items():
        for key, record in getattr(kennisbank, attribute).items():
            name = getattr(record, "naam", None) or getattr(record, "term", None) or key
            page = "/" + record_url(page_kind, record.id) if page_kind else None
            yield _Record(kind, key, name, page, filename, key), record
    curriculum = kennisbank.curriculum
    yield _Record("opleiding", "opleiding", curriculum.naam, None, CURRICULUM_FILE, None), curriculum
    for index, module in enumerate(curriculum.modules):
        root = ("modules", index)
        yield _Record("module", module.id, module.naam, "/" + record_url("module", module.id), CURRICULUM_FILE, module.id, root), module


# --- the report -----------------------------------------------------------------------------


def maintenance_report(
    kennisbank: Kennisbank, warnings: Iterable[Problem], *, today: datetime.date, locations: DataLocations,
    links: list[CheckedLink] | None = None, readability: list[PageScore] | None = None,
    hand_written: dict[str, HandWrittenPage] | None = None,
) -> str:
    """The report in Markdown. `warnings`: the check's problems (its warnings name the stale
    records); `links` and `readability`: None when they were not looked at."""
    records = {(record.filename, record.key): record for record, _ in _records(kennisbank)}
    stale = _stale_lines(warnings, records)
    sources = _source_lines(kennisbank, locations)
    expired, expiring = _recognition_lines(kennisbank, locations, today)
    broken = doubtful = pages_below = None
    if links is not None:
        broken = [_link_line(link) for link in links if link.broken]
        doubtful = [_link_line(link) for link in links if not link.ok and not link.broken]
    if readability is not None:
        pages_below = _readability_lines(readability, records, locations, hand_written or {})

    not_links = "Niet nagekeken: geef `--links VERSLAG`, gemaakt met `watwerkt links --site site --verslag VERSLAG`."
    not_pages = "Niet nagekeken: geef `--site site`, een site gebouwd met `watwerkt build --site site`."
    counts = [
        _count(len(stale), "record niet gecontroleerd", "records niet gecontroleerd"),
        _count(len(sources), "bron zonder eigen pagina", "bronnen zonder eigen pagina"),
        "links niet nagekeken" if broken is None else _count(len(broken), "kapotte link", "kapotte links"),
        *([] if doubtful is None else [_count(len(doubtful), "link om te bekijken", "links om te bekijken")]),
        "leesbaarheid niet nagekeken" if pages_below is None else _count(len(pages_below[0]), "pagina onder B1", "pagina's onder B1"),
        _count(len(expired), "verlopen erkenning", "verlopen erkenningen"),
        _count(len(expiring), "erkenning die binnenkort verloopt", "erkenningen die binnenkort verlopen"),
    ]
    lines = ["# Onderhoud: wat de redactie moet nakijken", "", f"Stand op {today.isoformat()}: {', '.join(counts)}."]
    lines += _section("Niet gecontroleerd in 12 maanden", stale)
    lines += _section("Bronnen zonder eigen pagina", sources, intro="Zet het adres van de pagina die het feit noemt erin, zodra die er is.")
    lines += _section("Kapotte links", broken, missing=not_links)
    lines += _section("Links om zelf te bekijken", doubtful, missing=not_links, intro="Geen antwoord op tijd, geen toegang of een fout bij de website: kijk zelf of de pagina er nog is.")
    if pages_below is None:
        lines += _section("Pagina's onder B1", None, missing=not_pages)
    else:
        below, with_reason = pages_below
        pages = _count(with_reason, "pagina", "pagina's")
        outro = f"Niet genoemd: {pages} onder B1 met een reden in de kop ({EXEMPTION_KEY})." if with_reason else None
        lines += _section("Pagina's onder B1", below, outro=outro, intro=f"Flesch-Douma onder 60, zonder reden in de kop ({EXEMPTION_KEY}).")
    lines += _section("Verlopen erkenningen", expired, intro="De site toont bij deze aanpakken \"verlopen\". Kijk of er een nieuw oordeel is.")
    lines += _section(f"Erkenningen die binnen {EXPIRES_SOON_MONTHS} maanden verlopen", expiring)
    return "\n".join(lines) + "\n"


def _section(title: str, items: list[str] | None, *, missing: str = "", intro: str | None = None, outro: str | None = None) -> list[str]:
    if items is None:
        return ["", f"## {title}", "", missing]
    body = ([intro, ""] if intro and items else []) + (items or ["Niets."]) + (["", outro] if outro else [])
    return ["", f"## {title}", "", *body]


def _stale_lines(warnings: Iterable[Problem], records: dict) -> list[str]:
    """The check's own warnings about records not checked for twelve months (check_freshness)."""
    lines = []
    for problem in warnings:
        if problem.warning and problem.field == "laatst_gecontroleerd":
            record = records.get((Path(problem.file).name, problem.record))
            named = record.named() if record else _code(problem.record)
            lines.append(f"- {named}: {_text(problem.message)} — {_where(record, problem)}")
    return lines


def _source_lines(kennisbank: Kennisbank, locations: DataLocations) -> list[str]:
    """Every source that says why it has no page of its own (waarom_geen_pagina): a homepage, or
    no address at all. The check refuses one without that reason; a help link that is a
    homepage it refuses outright, so those never reach this report."""
    found = []
    for record, model in _records(kennisbank):
        for inner, source in _sources_without_page(model, ()):
            if record.kind == "opleiding" and inner[:1] == ("modules",):
                continue  # a module's sources are the module's
            problem = locations.locate(record.filename, record.key, record.root + inner + ("waarom_geen_pagina",))
            address = f"homepage {_code(source.url)}" if source.url else "geen adres"
            field = _code(problem.field.removesuffix(".waarom_geen_pagina"))
            found.append((
                (problem.file, problem.line),
                f"- {record.named()}, {field}: {address}; titel: {_text(source.titel)}; uitgever: {_text(source.organisatie)}; "
                f"waarom geen pagina: {_text(source.waarom_geen_pagina)} — {_where(record, problem)}",
            ))
    return [line for _, line in sorted(found)]


def _sources_without_page(value: Any, path: tuple) -> Iterator[tuple[tuple, Source]]:
    if isinstance(value, Source):
        if value.waarom_geen_pagina:
            yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _sources_without_page(getattr(value, name), path + (name,))
    elif isinstance(value, (list, tuple)):
        for position, item in enumerate(value):
            yield from _sources_without_page(item, path + (position,))


def _recognition_lines(kennisbank: Kennisbank, locations: DataLocations, today: datetime.date) -> tuple[list[str], list[str]]:
    """Recognitions past `geldig_tot` (the site marks them "verlopen"), and those that will be
    within three months."""
    soon = _months_later(today, EXPIRES_SOON_MONTHS)
    expired, expiring = [], []
    for record, approach in _records(kennisbank):
        if record.kind != "aanpak" or not approach.erkenning.geldig_tot:
            continue
        recognition = approach.erkenning
        problem = locations.locate(record.filename, record.key, ("erkenning", "geldig_tot"))
        by = f", volgens {_text(recognition.door)}" if recognition.door else ""
        line = f"- {record.named()}: {EVIDENCE_LEVELS[recognition.niveau]}{by}, geldig tot {_text(recognition.geldig_tot)} — {_where(record, problem)}"
        if has_passed(recognition.geldig_tot, today):
            expired.append((recognition.geldig_tot, line))
        elif has_passed(recognition.geldig_tot, soon):
            expiring.append((recognition.geldig_tot, line))
    return [line for _, line in sorted(expired)], [line for _, line in sorted(expiring)]


def _months_later(day: datetime.date, months: int) -> datetime.date:
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def _link_line(link: CheckedLink) -> str:
    pages = ", ".join(_code(page) for page in link.pages) or "geen pagina"
    sources = f"; in {', '.join(_code(source) for source in link.sources)}" if link.sources else ""
    return f"- {_code(link.url)}: {_text(link.reason)} — op {pages}{sources}"


def _readability_lines(pages: list[PageScore], records: dict, locations: DataLocations, hand_written: dict[str, HandWrittenPage]) -> tuple[list[str], int]:
    """The pages below B1 without a reason, and how many more have one."""
    by_page = {record.page: record for record in records.values() if record.page}
    lines, with_reason = [], 0
    for page in pages:
        if page.b1:
            continue
        if page.reason:
            with_reason += 1
            continue
        record, written = by_page.get(page.path), hand_written.get(page.path.removeprefix("/"))
        if record:
            problem = locations.locate(record.filename, record.key, record.root)
            what = f"{record.named()}; schrijf de teksten eenvoudiger — {_code(f'{problem.file}:{problem.line}')}"
        elif written:
            what = f"schrijf {_code(written.source)} eenvoudiger, of zet in de kop waarom het niet kan ({EXEMPTION_KEY})"
        else:
            what = "schrijf de pagina eenvoudiger"
        lines.append(f"- {_code(page.path)} scoort {page.score}: {what}")
    return lines, with_reason


def _where(record: _Record | None, problem: Problem) -> str:
    place = _code(f"{problem.file}:{problem.line}")
    return f"{_code(record.page)}, {place}" if record and record.page else place


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


# --- text from data, shown as text ----------------------------------------------------------

# Marks that can start emphasis, code, a link, an image, HTML, strikethrough, a table cell or
# GitHub's math, wherever they stand in a line. (What acts only at the start of a line cannot:
# every line of the report starts with the report's own text.)
_MARKDOWN_MARKS = re.compile(r"([\\`*_\[\]<>~|$])")
_ZERO_WIDTH = "&#8203;"  # an entity, so the report stays plain ASCII around it


def _text(value: str) -> str:
    """`value` as plain text in Markdown on GitHub: one line, no mark that formats or links,
    no @mention, no #reference, no bare address GitHub would make a link."""
    text = printable(" ".join(str(value).split()))
    text = _MARKDOWN_MARKS.sub(r"\\\1", text)
    text = re.sub(r"&(?=#?[0-9A-Za-z]+;)", r"\\&", text)  # &lt; or &#60; would become a character
    text = re.sub(r"#(?=\w)", "#" + _ZERO_WIDTH, text)  # #12, owner/repo#12
    text = text.replace("@", "@" + _ZERO_WIDTH)  # @redactie, an e-mail address
    text = re.sub(r"(?i)(?<=[a-z])(?=://)|(?<=\bwww)(?=\.)|(?<=\bGH)(?=-\d)", _ZERO_WIDTH, text)  # https://, www., GH-12
    return text


def _code(value: str) -> str:
    """`value` in a code span (github_text.inline_code): an address or an id shows as written."""
    return inline_code(value, empty="-")