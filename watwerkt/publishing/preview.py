"""The preview report of a pull request: which records it adds, changes and removes (with
their pages), what the check says about its data, and how readable its new texts are.

The report is Markdown for a pull request comment, so everything taken from the data is shown
as code: GitHub then renders no link, mention, reference or HTML from submitted text. The
records are compared as the YAML has them, not as the model reads them, so a pull request that
breaks a file still gets a report, which says so.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..errors import UserError
from .github_text import inline_code
from ..loading import Problem, check_data, printable
from ..loading.registry import COLLECTIONS, CURRICULUM_FILE
from ..loading.yaml_source import read_yaml, shortened
from ..model import slug
from ..readability import B1_MINIMUM, Scorer, prose
from ..rendering import sanitized_markdown
from ..urls import record_url

# The first line of every report: the workflow finds its own comment by it and updates it.
MARKER = "<!-- watwerkt-voorbeeld -->"
ARTIFACT = "site"  # the name of the built site among the run's artifacts

# A GitHub comment holds at most 65,536 characters; lists are shortened until the report fits.
MAX_REPORT_CHARACTERS = 60_000
_MAX_LINE = 500  # of one message in a code block
_CUT_SHORT = "Dit verslag is ingekort: het was te lang voor één reactie. `watwerkt check` en `watwerkt voorbeeld` geven alles."
_LIST_LIMITS = (40, 10, 3)
_MAX_FIELDS = 8
# Only such a page path is shown and linked: from an id that is anything else, none is made.
_PAGE_PATH = re.compile(r"(?:[a-z0-9]+(?:-[a-z0-9]+)*/)+(?:#[a-z0-9]+(?:-[a-z0-9]+)*)?")
_MAX_PAGE_PATH = 120
_PREVIEW_URL = re.compile(r"https?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~%/-]*)?")


@dataclass(frozen=True)
class RecordKind:
    """The records of one data file, as the report names them."""

    filename: str
    word: str  # Dutch: "project", "aanpak"
    page: Callable[[dict, str], str | None] = lambda record, record_id: None  # site-relative, or None
    name_field: str = "naam"
    in_curriculum: bool = False  # the modules of opleiding.yaml

    @property
    def key(self) -> str:
        return _KEYS.get(self.filename, "id")


def _municipality_page(record: dict, record_id: str) -> str | None:
    name = record.get("naam")
    return record_url("municipality", slug(name)) if isinstance(name, str) and slug(name) else None


_KEYS = {collection.filename: collection.key for collection in COLLECTIONS}
# In the order a reviewer looks for them; tests/test_preview.py checks that no file is missing.
KINDS = (
    RecordKind("projects.yaml", "project", lambda record, record_id: record_url("project", record_id)),
    RecordKind("aanpakken.yaml", "aanpak", lambda record, record_id: record_url("approach", record_id)),
    RecordKind(CURRICULUM_FILE, "module", lambda record, record_id: record_url("module", record_id), in_curriculum=True),
    RecordKind("gemeenten.yaml", "gemeente", _municipality_page),
    RecordKind("begrippen.yaml", "begrip", lambda record, record_id: f"begrippen/#{record_id}", name_field="term"),
    RecordKind("regios.yaml", "regio"),
    RecordKind("themas.yaml", "thema"),
    RecordKind("doelgroepen.yaml", "doelgroep"),
    RecordKind("landelijke-hulp.yaml", "landelijke hulp"),
)
# Whose texts are scored, and which of their fields.
SCORED_KINDS = ("project", "aanpak")
SCORED_FIELDS = ("samenvatting", "beschrijving")
_MARKDOWN_FIELDS = {"beschrijving"}


@dataclass
class _File:
    """The records of one file by id, or why they could not be read."""

    records: dict[str, dict] = field(default_factory=dict)
    unreadable: str | None = None
    without_id: int = 0
    missing: bool = False


@dataclass(frozen=True)
class _Change:
    how: str  # toegevoegd, gewijzigd, verwijderd
    kind: RecordKind
    record_id: str
    record: dict  # as the pull request has it; as the base had it when removed
    fields: tuple[str, ...] = ()


def preview_report(
    base_data: Path, head_data: Path, *, relative_to: Path, preview_url: str = "", today: datetime.date | None = None
) -> str:
    """The Markdown of the preview comment: `base_data` is data/ before the pull request,
    `head_data` with it. With `preview_url` (where the built site is online), every page path
    links there. Raises UserError for a preview_url that is no plain web address."""
    preview_url = _checked_preview_url(preview_url)
    notes: list[str] = []
    changes: list[_Change] = []
    for kind in KINDS:
        base, head = _read(Path(base_data), kind), _read(Path(head_data), kind)
        if base.missing:  # a file the pull request adds: all its records are new
            base = _File(missing=True)
        notes += _file_notes(kind, base, head)
        if base.unreadable is None and head.unreadable is None:
            changes += _changes(kind, base.records, head.records)
    kennisbank, problems = check_data(Path(head_data), relative_to=relative_to, today=today)
    scorer = Scorer(kennisbank.known_terms() if kennisbank is not None else ())
    scores = _scores(changes, scorer)
    for limit in _LIST_LIMITS:
        report = _report(preview_url, notes, changes, problems, scores, loaded=kennisbank is not None, limit=limit)
        if len(report) <= MAX_REPORT_CHARACTERS:
            return report
    # Still too long for one comment (a few enormous values): cut it, and say so.
    return report[:MAX_REPORT_CHARACTERS].rsplit("\n", 1)[0] + "\n\n" + _CUT_SHORT + "\n"


def _checked_preview_url(url: str) -> str:
    url = url.strip()
    if not url:
        return ""
    if not _PREVIEW_URL.fullmatch(url) or len(url) > 200:
        raise UserError(
            f"het adres van de voorbeeldsite '{printable(shortened(url, 80))}' is geen gewoon webadres: schrijf het volledige "
            "adres, zoals https://voorbeeld.example.org/pr-12/, zonder spaties, haakjes of aanhalingstekens"
        )
    return url if url.endswith("/") else url + "/"


# --- reading and comparing -----------------------------------------------------------------


def _read(data_dir: Path, kind: RecordKind) -> _File:
    path = data_dir / kind.filename
    if not path.exists() and not path.is_symlink():
        return _File(unreadable="het bestand ontbreekt", missing=True)  # the check says so too
    document = read_yaml(path)
    if document.data is None and document.problems:
        problem = document.problems[0]
        return _File(unreadable=f"regel {problem.line}: {problem.message}")
    data = document.data
    if kind.in_curriculum:
        if data is not None and not isinstance(data, dict):
            return _File(unreadable="het bestand is geen opleiding met velden")
        data = (data or {}).get("modules")
    if data is None:
        return _File()
    if not isinstance(data, list):
        return _File(unreadable="de records staan niet in een lijst" if not kind.in_curriculum else "de modules staan niet in een lijst")
    found = _File()
    for record in data:
        record_id = record.get(kind.key) if isinstance(record, dict) else None
        if isinstance(record_id, (str, int)) and not isinstance(record_id, bool) and str(record_id).strip():
            found.records[str(record_id)] = record
        else:
            found.without_id += 1
    return found


def _file_notes(kind: RecordKind, base: _File, head: _File) -> list[str]:
    """What a reviewer must know about a file before trusting its list of changes."""
    name = code(f"data/{kind.filename}")
    notes = [f"{name} is nieuw in deze pull request."] if base.missing and not head.missing else []
    for side, found in (("in de basis", base), ("in deze pull request", head)):
        if found.unreadable is not None:
            notes.append(f"{name} {side} kan niet worden gelezen ({code(found.unreadable, 200)}); de records daarin zijn niet vergeleken.")
    if head.unreadable is None and head.without_id:
        count = "1 record" if head.without_id == 1 else f"{head.without_id} records"
        notes.append(f"{name} heeft {count} zonder bruikbare {code(kind.key)}; die zijn niet vergeleken.")
    return notes


def _changes(kind: RecordKind, base: dict[str, dict], head: dict[str, dict]) -> list[_Change]:
    added = [_Change("toegevoegd", kind, record_id, record) for record_id, record in head.items() if record_id not in base]
    changed = [
        _Change("gewijzigd", kind, record_id, record, _changed_fields(base[record_id], record))
        for record_id, record in head.items() if record_id in base and base[record_id] != record
    ]
    removed = [_Change("verwijderd", kind, record_id, record) for record_id, record in base.items() if record_id not in head]
    return added + changed + removed


def _changed_fields(before: dict, after: dict) -> tuple[str, ...]:
    missing = object()
    return (*(name for name, value in after.items() if before.get(name, missing) != value), *(name for name in before if name not in after))


# --- readability -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Score:
    change: _Change
    field: str
    score: int
    is_b1: bool


def _scores(changes: list[_Change], scorer: Scorer) -> list[_Score]:
    scores = []
    for change in changes:
        if change.how == "verwijderd" or change.kind.word not in SCORED_KINDS:
            continue
        for name in SCORED_FIELDS:
            text = change.record.get(name)
            if isinstance(text, str) and text.strip():
                plain = prose(sanitized_markdown(text)) if name in _MARKDOWN_FIELDS else text
                readability = scorer.score(plain)
                scores.append(_Score(change, name, readability.shown_score, readability.is_b1))
    return scores


# --- the report ------------------------------------------------------------------------------


def _report(preview_url: str, notes: list[str], changes: list[_Change], problems: list[Problem], scores: list[_Score], *, loaded: bool, limit: int) -> str:
    lines = [MARKER, "## Voorbeeld van deze pull request", ""]
    if preview_url:
        lines.append(f"De site met deze pull request staat op {preview_url}; de paden hieronder linken naar de pagina's daar.")
    else:
        lines.append(f"De site met deze pull request wordt gebouwd; lukt dat, dan staat hij bij deze run als artifact {code(ARTIFACT)}.")
    lines += ["", "### Wat er verandert in de gegevens", ""]
    lines += _change_lines(notes, changes, preview_url, limit)
    lines += ["", "### Controle", ""]
    lines += _problem_lines(problems, limit)
    lines += ["", "### Leesbaarheid van de nieuwe teksten", ""]
    lines += _score_lines(scores, loaded, limit)
    return "\n".join(lines) + "\n"


def _change_lines(notes: list[str], changes: list[_Change], preview_url: str, limit: int) -> list[str]:
    lines = [f"- {note}" for note in notes] + ([""] if notes else [])
    if not changes:
        return lines + ["Geen records toegevoegd, gewijzigd of verwijderd."]
    counts = {how: sum(change.how == how for change in changes) for how in ("toegevoegd", "gewijzigd", "verwijderd")}
    lines += [f"{counts['toegevoegd']} toegevoegd, {counts['gewijzigd']} gewijzigd, {counts['verwijderd']} verwijderd.", ""]
    lines += [f"- {_change_line(change, preview_url)}" for change in changes[:limit]]
    return lines + _more(len(changes) - limit, "record", "records")


def _change_line(change: _Change, preview_url: str) -> str:
    line = f"{change.how}: {change.kind.word} {code(change.record_id)}"
    name = change.record.get(change.kind.name_field)
    if isinstance(name, str) and name.strip():
        line += f" ({code(name)})"
    page = change.kind.page(change.record, change.record_id)
    if page and _PAGE_PATH.fullmatch(page) and len(page) <= _MAX_PAGE_PATH:
        path = "/" + page
        if change.how == "verwijderd":
            line += f", was {code(path)}"
        elif preview_url:
            line += f", [{path}]({preview_url}{page})"
        else:
            line += f", {code(path)}"
    if change.fields:
        shown = ", ".join(code(name, 40) for name in change.fields[:_MAX_FIELDS])
        more = len(change.fields) - _MAX_FIELDS
        line += f"; {'veld' if len(change.fields) == 1 else 'velden'}: {shown}" + (f" en nog {more}" if more > 0 else "")
    return line


def _problem_lines(problems: list[Problem], limit: int) -> list[str]:
    errors = [problem for problem in problems if not problem.warning]
    warnings = [problem for problem in problems if problem.warning]
    summary = f"{_count(len(errors), 'fout', 'fouten')} en {_count(len(warnings), 'waarschuwing', 'waarschuwingen')}."
    if errors:
        summary += " Met fouten kan de site niet worden gebouwd: los ze op in deze pull request."
    lines = [summary[0].upper() + summary[1:]]
    for title, found in (("Fouten:", errors), ("Waarschuwingen:", warnings)):
        if found:
            lines += ["", title, ""] + _code_block([str(problem) for problem in found[:limit]]) + _more(len(found) - limit, "melding", "meldingen")
    return lines


def _score_lines(scores: list[_Score], loaded: bool, limit: int) -> list[str]:
    if not scores:
        return ["Geen nieuwe of gewijzigde teksten van projecten of aanpakken."]
    lines = [f"Flesch-Douma; taalniveau B1 vanaf {B1_MINIMUM}."]
    if not loaded:
        lines[0] += " De gegevens laden niet, dus namen en begrippen tellen hier als gewone woorden."
    lines.append("")
    for score in scores[:limit]:
        verdict = "B1" if score.is_b1 else "moeilijker dan B1"
        lines.append(f"- {score.change.kind.word} {code(score.change.record_id)}, {score.field}: {score.score}, {verdict}")
    return lines + _more(len(scores) - limit, "tekst", "teksten")


def _more(count: int, one: str, many: str) -> list[str]:
    return [f"- en nog {_count(count, one, many)}; de hele lijst staat in het verslag van de run"] if count > 0 else []


def _count(number: int, one: str, many: str) -> str:
    return "geen " + many if number == 0 else f"1 {one}" if number == 1 else f"{number} {many}"


# --- Markdown that renders data as text --------------------------------------------------------


def code(value: Any, limit: int = 80) -> str:
    """`value` on one line as inline code (github_text.inline_code), at most `limit` long."""
    return inline_code(value, limit)


def _code_block(lines: list[str]) -> list[str]:
    """Lines (without line breaks) as a fenced code block that none of them can close; each
    line shortened, as a message can quote a whole value."""
    lines = [shortened(line, _MAX_LINE) for line in lines]
    fence = "`" * max(3, max((len(run) + 1 for line in lines for run in re.findall("`+", line)), default=0))
    return [fence + "text", *lines, fence]
