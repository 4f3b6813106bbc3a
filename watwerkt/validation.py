"""Load every data file, check every record, and report every problem at once.

Each problem names the file, the line, the record and the field, so a contributor can go
straight to it: `data/projects.yaml:12: mijn-project: gemeenten[0]: onbekende gemeente ...`.
"""
from __future__ import annotations

import datetime
import difflib
import os
import re
import typing
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable
from urllib.parse import parse_qsl, urlsplit

from pydantic import BaseModel, ValidationError

from .errors import UserError
from .kennisbank import Kennisbank, is_stale
from .readability import B1_MINIMUM, Scorer
from .labels import EVIDENCE_LEVELS, OFFICIAL_LEVELS
from .model import (
    Approach, Curriculum, HelpPage, HelpService, Municipality, PermanentIds, Project, Recognition, Region, Source, TargetGroup, Term, Theme,
    far_ahead, look_alike_skeleton, referenced_file,
)
from .urls import PAGE_TITLE_ANCHOR
from .yaml_source import DataPath, YamlDocument, read_yaml
from .yaml_source import shortened as _shortened  # Problem makes it printable


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    record: str
    field: str
    message: str
    warning: bool = False  # worth a look, but no reason to stop a build

    def __post_init__(self) -> None:
        # A value from a data file may hold terminal escapes (\x1b[2J clears the screen) or text
        # that turns around: a problem shows them as escapes, never as they are.
        for name in ("file", "record", "field", "message"):
            object.__setattr__(self, name, printable(getattr(self, name)))

    def __str__(self) -> str:
        prefix = "waarschuwing: " if self.warning else ""
        return f"{self.file}:{self.line}: {self.record}: {self.field}: {prefix}{self.message}"


class InvalidData(UserError):
    """The data has problems; nothing may be built from it."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


@dataclass(frozen=True)
class _Collection:
    """One data file holding a list of records of one type."""

    filename: str
    model: type[BaseModel]
    key: str = "id"


# Reference lists first: records refer to them.
COLLECTIONS = (
    _Collection("gemeenten.yaml", Municipality, key="code"),
    _Collection("regios.yaml", Region),
    _Collection("themas.yaml", Theme),
    _Collection("doelgroepen.yaml", TargetGroup),
    _Collection("begrippen.yaml", Term),
    _Collection("landelijke-hulp.yaml", HelpService),
    _Collection("aanpakken.yaml", Approach),
    _Collection("projects.yaml", Project),
)
CURRICULUM_FILE = "opleiding.yaml"
PERMANENT_IDS_FILE = "vaste-links.yaml"
# Anchors that a module page already uses for its sections; a learning goal's id is an anchor too.
MODULE_PAGE_SECTIONS = {PAGE_TITLE_ANCHOR, "doel", "inhoud", "leerdoelen", "werkvormen", "verwante-aanpakken", "projecten", "bronnen"}


def load_kennisbank(data_dir: Path, *, relative_to: Path | None = None) -> Kennisbank:
    """The validated kennisbank in `data_dir`; raises InvalidData listing every problem."""
    return load_kennisbank_and_warnings(data_dir, relative_to=relative_to)[0]


def load_kennisbank_and_warnings(
    data_dir: Path, *, relative_to: Path | None = None, today: datetime.date | None = None
) -> tuple[Kennisbank, list[Problem]]:
    """The validated kennisbank and the warnings about it; raises InvalidData listing every error."""
    kennisbank, problems = check_data(data_dir, relative_to=relative_to, today=today)
    if kennisbank is None:
        raise InvalidData([problem for problem in problems if not problem.warning])
    return kennisbank, problems


def reference_date() -> datetime.date:
    """Today, or the day SOURCE_DATE_EPOCH names, so that a build can be repeated exactly."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return datetime.date.today()
    try:
        if not epoch.isascii() or not epoch.isdigit():
            raise ValueError(epoch)
        return (datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc) + datetime.timedelta(seconds=int(epoch))).date()
    except (ValueError, OverflowError):
        raise UserError(
            f"SOURCE_DATE_EPOCH is '{printable(_shortened(epoch, 40))}', en dat is geen tijdstip: schrijf het aantal seconden "
            "sinds 1 januari 1970, zoals 1795564800 (dat is 25 november 2026), of laat SOURCE_DATE_EPOCH leeg voor de datum van vandaag"
        ) from None


def check_data(
    data_dir: Path, *, relative_to: Path | None = None, today: datetime.date | None = None
) -> tuple[Kennisbank | None, list[Problem]]:
    """The kennisbank (None when there is any error) and every problem found, errors and
    warnings, sorted by file and line."""
    today = today or reference_date()
    data_dir = Path(data_dir)
    base = Path(relative_to) if relative_to else Path.cwd()
    context = {"today": today}  # for the model's rule that nothing happened more than a year from now
    checkers = {c.filename: _FileChecker(read_yaml(data_dir / c.filename), base, _list_record_root, c.key, context=context) for c in COLLECTIONS}
    records = {c.filename: checkers[c.filename].validate_list(c.model) for c in COLLECTIONS}
    curriculum_checker = _FileChecker(read_yaml(data_dir / CURRICULUM_FILE), base, _curriculum_record_root, "id", top_label="opleiding", context=context)
    curriculum = curriculum_checker.validate_one(Curriculum)
    register_checker = _FileChecker(read_yaml(data_dir / PERMANENT_IDS_FILE), base, lambda path: (), "id", top_label="vaste-links", context=context)
    register = register_checker.validate_one(PermanentIds)

    _check_references(checkers, curriculum_checker)
    _check_rules(records, checkers, curriculum, curriculum_checker)
    _check_ended_in_the_past(records, checkers, today)
    _check_freshness(records, checkers, today)
    _check_look_alike_names(records, checkers)
    if curriculum is not None and register is not None:
        _check_permanent_ids(curriculum, curriculum_checker, register, register_checker)
    all_checkers = (*checkers.values(), curriculum_checker, register_checker)
    if curriculum is None or any(not problem.warning for checker in all_checkers for problem in checker.problems):
        return None, sorted({problem for checker in all_checkers for problem in checker.problems})
    kennisbank = Kennisbank(
        municipalities=records["gemeenten.yaml"],
        regions=records["regios.yaml"],
        themes=records["themas.yaml"],
        target_groups=records["doelgroepen.yaml"],
        terms=records["begrippen.yaml"],
        help_services=records["landelijke-hulp.yaml"],
        approaches=records["aanpakken.yaml"],
        projects=records["projects.yaml"],
        curriculum=curriculum,
    )
    _check_plain_language(kennisbank, checkers)
    return kennisbank, sorted({problem for checker in all_checkers for problem in checker.problems})


def summary(kennisbank: Kennisbank) -> str:
    goals = sum(len(module.leerdoelen) for module in kennisbank.curriculum.modules)
    return (
        f"Alles in orde: {len(kennisbank.approaches)} aanpakken, {len(kennisbank.projects)} projecten, "
        f"{len(kennisbank.curriculum.modules)} modules met {goals} leerdoelen, "
        f"{len(kennisbank.municipalities)} gemeenten, {len(kennisbank.regions)} regio's, "
        f"{len(kennisbank.themes)} thema's, {len(kennisbank.target_groups)} doelgroepen."
    )


# --- where a path lies: which record, which field ----------------------------------------


def _list_record_root(path: DataPath) -> DataPath:
    return path[:1]


def _curriculum_record_root(path: DataPath) -> DataPath:
    return path[:2] if len(path) >= 2 and path[0] == "modules" and isinstance(path[1], int) else ()


def _field_name(path: DataPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "-"


class _FileChecker:
    """Validates the records of one file and turns paths into precise problems."""

    def __init__(
        self, document: YamlDocument, base: Path, record_root: Callable[[DataPath], DataPath], key: str,
        top_label: str = "-", context: dict | None = None,
    ):
        self.document = document
        self.context = context  # what the model's validators may ask, such as today's date
        self.top_label = top_label  # how problems outside any record name their "record"
        self.file = _display_path(document.path, base)
        self.record_root = record_root
        self.key = key
        self.problems: list[Problem] = []
        self.index_of: dict[str, int] = {}  # the file position of each valid record
        self.source_problem_paths = {problem.path for problem in document.problems}
        for problem in document.problems:
            self.report(problem.path, problem.message, line=problem.line)

    def report(self, path: DataPath, message: str, *, line: int | None = None, warning: bool = False) -> None:
        root = self.record_root(path)
        self.problems.append(
            Problem(
                file=self.file,
                line=line or self.document.line_of(path),
                record=self._record_label(root),
                field=_field_name(path[len(root) :]),
                message=" ".join(message.split()),  # one problem, one line, whatever the value held
                warning=warning,
            )
        )

    def _record_label(self, root: DataPath) -> str:
        if not root:
            return self.top_label
        record = _value_at(self.document.data, root)
        key = record.get(self.key) if isinstance(record, dict) else None
        if isinstance(key, str) and _SHOWN_KEY.fullmatch(key):
            return key
        # Any other key is no name to go by (its own problem quotes it): the record's position is.
        return f"record {root[-1] + 1}" if isinstance(root[-1], int) else self.top_label

    def validate_list(self, model: type[BaseModel]) -> dict[str, Any]:
        """Every valid record by its key; problems for the rest and for duplicate keys."""
        data = self.document.data
        if data is None and self.document.problems:
            return {}
        if not isinstance(data, list):
            self.report((), f"het bestand moet een lijst van records zijn (elk record begint met '- '), niet {_type_name(data)}")
            return {}
        valid: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for index, item in enumerate(data):
            record = self._validate((index,), item, model)
            key = getattr(record, self.key, None) if record else _key_of(item, self.key)
            if not isinstance(key, str):
                continue
            if key in first_line:
                self.report((index, self.key), f"'{key}' komt al voor op regel {first_line[key]}; elke {self.key} moet uniek zijn")
                continue
            first_line[key] = self.document.line_of((index, self.key))
            if record is not None:
                valid[key] = record
                self.index_of[key] = index
        return valid

    def keys_present(self) -> set[str] | None:
        """Every key written in the file, valid record or not; None when the file is unreadable."""
        if not isinstance(self.document.data, list):
            return None
        return {key for item in self.document.data if isinstance(key := _key_of(item, self.key), str)}

    def validate_one(self, model: type[BaseModel]) -> Any:
        if self.document.data is None and self.document.problems:
            return None
        return self._validate((), self.document.data, model)

    def _validate(self, root: DataPath, item: Any, model: type[BaseModel]) -> Any:
        if not isinstance(item, dict):
            self.report(root, f"moet een groep velden zijn (naam: waarde), niet {_type_name(item)}")
            return None
        try:
            return model.model_validate(item, context=self.context)
        except ValidationError as error:
            for detail in error.errors():
                path = root + tuple(detail["loc"])
                if path not in self.source_problem_paths:  # the YAML reader already said why
                    self.report(path, _message(detail, model))
            return None


def _display_path(path: Path, base: Path) -> str:
    """`path` as the contributor wrote it, relative to `base`: its folder resolved, never the
    file itself, which may be a link the reader refuses (its target is no one's business)."""
    try:
        return str(path.parent.resolve().relative_to(base.resolve()) / path.name)
    except (ValueError, OSError, RuntimeError):
        return str(path)


def _value_at(data: Any, path: DataPath) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _key_of(item: Any, key: str) -> Any:
    return item.get(key) if isinstance(item, dict) else None


# --- pydantic's errors in plain Dutch -------------------------------------------------------

_TYPE_NAMES = {
    "str": "tekst",
    "int": "een getal",
    "float": "een getal",
    "bool": "ja/nee (true/false)",
    "list": "een lijst",
    "dict": "een groep velden",
    "date": "een datum",
    "datetime": "een datum met tijd",
    "NoneType": "leeg",
}


def _type_name(value: Any) -> str:
    return _TYPE_NAMES.get(type(value).__name__, type(value).__name__)


def _message(error: dict, model: type[BaseModel]) -> str:
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx", {})
    loc = tuple(error["loc"])
    if kind == "missing":
        return "verplicht veld ontbreekt"
    if kind == "extra_forbidden":
        return _unknown_field_message(model, loc)
    if value is None:
        return "is leeg; vul een waarde in of laat het veld weg"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind == "string_type":
        return f"moet tekst zijn, niet {_type_name(value)}"
    if kind == "finite_number":
        return "moet een gewoon getal zijn"
    if kind in ("int_type", "int_parsing", "float_type", "float_parsing", "int_from_float"):
        return f"moet een (heel) getal zijn, niet {_type_name(value)} '{_shortened(value)}'"
    if kind == "list_type":
        return f"moet een lijst zijn (elk item op een eigen regel met '- '), niet {_type_name(value)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"moet een groep velden zijn (naam: waarde), niet {_type_name(value)}"
    if kind.startswith("date"):
        return f"'{_shortened(value)}' is geen geldige datum; schrijf JJJJ-MM-DD"
    if kind == "literal_error":
        return f"'{_shortened(value)}' is geen toegestane waarde; kies uit: {str(ctx.get('expected', '')).replace(' or ', ' of ')}"
    if kind == "too_short":
        return f"moet minstens {ctx.get('min_length')} item(s) bevatten"
    if kind in ("string_too_long", "too_long"):
        unit = "tekens" if isinstance(value, str) else "items"
        return f"is te lang: {len(value)} {unit}, hoogstens {ctx.get('max_length')}"
    if kind == "greater_than_equal":
        return f"moet minstens {ctx.get('ge')} zijn"
    if kind == "less_than_equal":
        return f"mag hoogstens {ctx.get('le')} zijn"
    return f"ongeldige waarde '{_shortened(value)}' ({error['msg']})"


# Shown as they are: letters, digits, marks, punctuation, symbols and spaces. Everything else
# (controls, format characters such as bidi controls and zero-width spaces, surrogates,
# unassigned code points, line separators) is shown as an escape: \x1b, \u202e.
_UNPRINTABLE_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
_SHOWN_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,79}")  # a key safe to name a record by


def printable(text: str) -> str:
    """`text` with every character a terminal or an editor could act on written as an escape."""
    return "".join(
        character.encode("unicode_escape", "backslashreplace").decode("ascii")
        if unicodedata.category(character) in _UNPRINTABLE_CATEGORIES else character
        for character in text
    )


def _unknown_field_message(model: type[BaseModel], loc: DataPath) -> str:
    name = str(loc[-1])
    allowed = list(_model_at(model, loc[:-1]).model_fields)
    close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
    hint = f"; bedoelde u '{close[0]}'?" if close else f"; toegestaan zijn: {', '.join(allowed)}"
    return f"onbekend veld '{name}'{hint}"


def _model_at(model: type[BaseModel], loc: DataPath) -> type[BaseModel]:
    """The model that holds the fields at `loc` (which names fields and list indexes)."""
    for part in loc:
        if isinstance(part, int):
            continue
        annotation = model.model_fields[part].annotation
        model = _inner_model(annotation) or model
    return model


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in typing.get_args(annotation):
        found = _inner_model(argument)
        if found:
            return found
    return None


# --- rules across fields and records ------------------------------------------------------


def _check_references(checkers: dict[str, _FileChecker], curriculum: _FileChecker) -> None:
    """Every id that points into another file must exist there."""
    known = {name: checker.keys_present() for name, checker in checkers.items()}
    for collection in COLLECTIONS:
        checker = checkers[collection.filename]
        for index, item in enumerate(checker.document.data if isinstance(checker.document.data, list) else []):
            _check_raw_references(checker, (index,), item, collection.model, known)
    _check_raw_references(curriculum, (), curriculum.document.data, Curriculum, known)


def _check_rules(records: dict[str, dict], checkers: dict[str, _FileChecker], curriculum: Curriculum | None, curriculum_checker: _FileChecker) -> None:
    """Rules that span fields or records, on the records that are valid on their own."""
    approaches_file = checkers["aanpakken.yaml"]
    for index, approach in _indexed(approaches_file, records["aanpakken.yaml"]):
        if approach.id in approach.verwante_aanpakken:
            approaches_file.report((index, "verwante_aanpakken"), "een aanpak kan niet verwant zijn aan zichzelf")
        if approach.status != "in-gebruik" and not approach.status_reden:
            approaches_file.report((index, "status"), f"bij status '{approach.status}' hoort een 'status_reden': waarom gestopt of niet werkzaam?")
        _check_order(approaches_file, (index, "periode"), approach.periode.start, approach.periode.eind)
        _check_recognition(approaches_file, (index, "erkenning"), approach.erkenning)

    municipalities_file = checkers["gemeenten.yaml"]
    url_names: dict[str, str] = {}
    for index, municipality in _indexed(municipalities_file, records["gemeenten.yaml"]):
        if municipality.id in url_names:
            municipalities_file.report((index, "naam"), f"geeft dezelfde webadresnaam '{municipality.id}' als {url_names[municipality.id]}")
        url_names.setdefault(municipality.id, municipality.code)

    projects_file = checkers["projects.yaml"]
    for index, project in _indexed(projects_file, records["projects.yaml"]):
        if not project.contact.website and not project.contact.email:
            projects_file.report((index, "contact"), "geef een 'website' of een algemeen 'email' van de organisatie")
        if not project.gemeenten and not project.regio:
            projects_file.report((index, "gemeenten"), "noem de gemeenten (CBS-codes) of een 'regio' waar het project loopt")
        _check_order(projects_file, (index,), project.start, project.eind)

    for filename, kind in (("aanpakken.yaml", "aanpak"), ("projects.yaml", "project")):
        _check_chain(checkers[filename], records[filename], kind, "voorganger", (
            "de voorgangers vormen een kring die hier weer uitkomt: een {kind} kan niet op zichzelf volgen",
            "een {kind} kan niet zijn eigen voorganger zijn",
        ))
    _check_chain(projects_file, records["projects.yaml"], "project", "programma", (
        "de programma's vormen een kring die hier weer uitkomt: een project kan geen deel van zichzelf zijn",
        "een project kan geen deel van zichzelf zijn",
    ))
    for filename, checker in checkers.items():
        for index, record in _indexed(checker, records[filename]):
            _check_sources(checker, (index,), record)
    if curriculum is not None:
        _check_sources(curriculum_checker, (), curriculum)

    goal_lines: dict[str, int] = {}
    module_lines: dict[str, int] = {}
    for index, module in enumerate(curriculum.modules if curriculum else []):
        root = ("modules", index)
        _check_unique(curriculum_checker, root + ("id",), module.id, module_lines, "module")
        for goal_index, goal in enumerate(module.leerdoelen):
            goal_path = root + ("leerdoelen", goal_index, "id")
            _check_unique(curriculum_checker, goal_path, goal.id, goal_lines, "leerdoel")
            if goal.id in MODULE_PAGE_SECTIONS:
                curriculum_checker.report(goal_path, f"'{goal.id}' is al de naam van een deel van de modulepagina; kies een andere id")


def _check_recognition(checker: _FileChecker, path: DataPath, recognition: Recognition) -> None:
    """An official level names the committee and its page; the editors' "not assessed" names
    nobody, so a reader never takes the editors' look for a recognition."""
    level = recognition.niveau
    label = EVIDENCE_LEVELS[level]
    recognised = level in OFFICIAL_LEVELS and level != "niet-erkend"  # a level that holds for a time
    if level in OFFICIAL_LEVELS:
        for name, why in (("door", "de erkenningscommissie die oordeelde"), ("bron", "de pagina van de databank met het oordeel")):
            if getattr(recognition, name) is None:
                checker.report(path + (name,), f"bij niveau '{label}' hoort '{name}': {why}")
    elif recognition.door is not None:
        checker.report(
            path + ("door",),
            "bij 'niet-beoordeeld' oordeelde niemand: laat 'door' weg; de redactie is geen erkenningscommissie",
        )
    if recognised and recognition.geldig_tot is None:
        checker.report(path + ("geldig_tot",), f"bij niveau '{label}' hoort 'geldig_tot': een erkenning geldt meestal vijf jaar")
    elif not recognised and recognition.geldig_tot is not None:
        checker.report(path + ("geldig_tot",), f"'geldig_tot' hoort alleen bij een erkenning; bij '{label}' is er niets dat verloopt")
    elif recognition.geldig_tot is not None:
        _check_validity(checker, path + ("geldig_tot",), recognition.datum, recognition.geldig_tot)
    if level == "effectief" and recognition.aanwijzingen is None:
        checker.report(path + ("aanwijzingen",), "bij 'Effectief' hoort 'aanwijzingen': eerste, goede of sterke")
    if level != "effectief" and recognition.aanwijzingen is not None:
        checker.report(path + ("aanwijzingen",), "'aanwijzingen' hoort alleen bij niveau 'effectief'")
    if level == "niet-erkend" and not recognition.reden:
        checker.report(path + ("reden",), "bij 'niet-erkend' hoort 'reden': waarom de commissie de aanpak niet erkende")
    if level != "niet-erkend" and recognition.reden:
        checker.report(path + ("reden",), "'reden' hoort alleen bij 'niet-erkend'; zet een uitleg bij 'toelichting'")


RECOGNITION_YEARS = 5  # a recognition is re-assessed after five years (Movisie, NJi, Loket Gezond Leven)


def _check_validity(checker: _FileChecker, path: DataPath, given: str, valid_until: str) -> None:
    """A recognition holds from the ruling for at most five years."""
    length = min(len(given), len(valid_until))
    if valid_until[:length] < given[:length]:
        checker.report(path, f"{valid_until} ligt vóór het oordeel ({given})")
    elif int(valid_until[:4]) > int(given[:4]) + RECOGNITION_YEARS:
        checker.report(path, f"{valid_until} ligt meer dan {RECOGNITION_YEARS} jaar na het oordeel ({given}); een erkenning wordt na vijf jaar opnieuw beoordeeld")


def _check_chain(checker: _FileChecker, records: dict[str, Any], kind: str, field: str, message: tuple[str, str]) -> None:
    """A record's predecessor (or programme) is another record, and following them never comes
    back to it. `message`: for a record on a longer circle, and for one that names itself."""
    for index, record in _indexed(checker, records):
        seen = {record.id}
        current = record
        while getattr(current, field) is not None and getattr(current, field) in records:
            target = getattr(current, field)
            if target == record.id:  # back where it started: this record is on the circle
                checker.report((index, field), message[current is record].format(kind=kind))
                break
            if target in seen:  # a circle further on; its own records are reported
                break
            seen.add(target)
            current = records[target]


# Paths that name an organisation's front page, not a page with a fact on it.
_FRONT_PAGE_PATH = re.compile(r"/*(?:(?:\./)*(?:[a-z]{2}(?:-[a-z]{2})?/)?(?:(?:index|default|home|start)(?:\.[a-z]{2,5})?)?)?", re.IGNORECASE)
_TRACKING_PARAMETER = re.compile(r"utm_[a-z]+|gclid|fbclid|mc_[a-z]+|lang|taal", re.IGNORECASE)


def is_homepage(url: str) -> bool:
    """An address that names the organisation, not the page with the fact: nothing after the
    domain but a language folder (/nl/), a default page (/index.html), tracking parameters or a
    place on the page (#contact)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return False
    only_tracking = all(_TRACKING_PARAMETER.fullmatch(name) for name, _ in parse_qsl(parts.query, keep_blank_values=True))
    return bool(_FRONT_PAGE_PATH.fullmatch(parts.path)) and only_tracking


def _check_sources(checker: _FileChecker, path: DataPath, value: Any) -> None:
    """Every source leads to the page that states the fact, or says why it cannot; so does
    every help page a resident is sent to."""
    if isinstance(value, Source):
        if value.url is None:
            if not value.waarom_geen_pagina:
                checker.report(path + ("url",), "geef het adres van de pagina die het feit noemt, of zeg in 'waarom_geen_pagina' waarom dat niet kan")
        elif value.url.startswith("mailto:"):
            checker.report(path + ("url",), "een e-mailadres is geen bron; geef de pagina die het feit noemt")
        elif is_homepage(value.url) and not value.waarom_geen_pagina:
            checker.report(
                path + ("url",),
                f"'{_shortened(value.url)}' is een homepage; geef het adres van de pagina die het feit noemt, "
                "of zeg in 'waarom_geen_pagina' waarom de homepage de bron is",
            )
        elif not is_homepage(value.url) and value.waarom_geen_pagina:
            checker.report(path + ("waarom_geen_pagina",), "de bron heeft een eigen pagina; 'waarom_geen_pagina' hoort alleen bij een homepage of een bron zonder adres")
    elif isinstance(value, (HelpPage, HelpService)):
        if value.url.startswith("mailto:") or is_homepage(value.url):
            checker.report(path + ("url",), f"'{_shortened(value.url)}' is geen pagina over de hulp; geef het adres van de pagina die de hulp beschrijft")
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            _check_sources(checker, path + (name,), getattr(value, name))
    elif isinstance(value, (list, tuple)):
        for position, item in enumerate(value):
            _check_sources(checker, path + (position,), item)


def _check_permanent_ids(curriculum: Curriculum, checker: _FileChecker, register: PermanentIds, register_checker: _FileChecker) -> None:
    """Links that trainers made must keep working: a published id stays, as a current id or
    as an old id that redirects; an old id is never given to something else."""
    modules = [(("modules", i), module) for i, module in enumerate(curriculum.modules)]
    goals = [(("modules", i, "leerdoelen", j), goal) for i, module in enumerate(curriculum.modules) for j, goal in enumerate(module.leerdoelen)]
    for kind, records, published, register_field in (("module", modules, register.modules, "modules"), ("leerdoel", goals, register.leerdoelen, "leerdoelen")):
        current = {record.id: path for path, record in records}
        old: dict[str, DataPath] = {}
        for path, record in records:
            for position, old_id in enumerate(record.vorige_ids):
                old_path = path + ("vorige_ids", position)
                if kind == "leerdoel" and old_id in MODULE_PAGE_SECTIONS:
                    checker.report(old_path, f"'{old_id}' is al de naam van een deel van de modulepagina; een oud anker met die naam kan niet werken")
                elif old_id in current:
                    checker.report(old_path, f"'{old_id}' is nu de id van een ander{'e' if kind == 'module' else ''} {kind}; een oude id mag niet opnieuw gebruikt worden")
                elif old_id in old:
                    checker.report(old_path, f"'{old_id}' staat al als vorige id bij een ander{'e' if kind == 'module' else ''} {kind}")
                old.setdefault(old_id, old_path)
        for position, published_id in enumerate(published):
            if published_id not in current and published_id not in old:
                register_checker.report(
                    (register_field, position),
                    f"{kind} '{published_id}' stond op de site en trainers linken ernaar; zet '{published_id}' bij de vorige_ids "
                    f"van {'de module die' if kind == 'module' else 'het leerdoel dat'} ervoor in de plaats kwam",
                )
        for record_id, path in current.items():
            if record_id not in published:
                checker.report(path + ("id",), f"nieuwe {kind}-id: zet '{record_id}' in data/{PERMANENT_IDS_FILE}, zodat links ernaar blijven werken")


def _check_ended_in_the_past(records: dict[str, dict], checkers: dict[str, _FileChecker], today: datetime.date) -> None:
    """A planned end may lie years ahead, but not the end of what already ended."""
    for filename, ended, end_of in (
        ("projects.yaml", ("afgerond", "gestopt"), lambda record: (record.eind, ("eind",))),
        ("aanpakken.yaml", ("gestopt", "niet-werkzaam"), lambda record: (record.periode.eind, ("periode", "eind"))),
    ):
        checker = checkers[filename]
        for index, record in _indexed(checker, records[filename]):
            end, path = end_of(record)
            if record.status in ended and end and far_ahead(end, today):
                checker.report(
                    (index, *path),
                    f"de status is '{record.status}', maar de einddatum {end} ligt meer dan een jaar in de toekomst; "
                    "schrijf de datum waarop het echt stopte",
                )


def _check_look_alike_names(records: dict[str, dict], checkers: dict[str, _FileChecker]) -> None:
    """A name that looks like another record's but is written with other letters (a Cyrillic
    'а', a full-width 'Ｅ') is most likely a copy meant to pass for it: worth a look."""
    kinds = {"projects.yaml": "project", "aanpakken.yaml": "aanpak"}
    by_skeleton: dict[str, list[tuple[str, int, Any]]] = {}
    for filename in kinds:
        for index, record in _indexed(checkers[filename], records[filename]):
            by_skeleton.setdefault(look_alike_skeleton(record.naam), []).append((filename, index, record))
    for same in by_skeleton.values():
        for filename, index, record in same:
            copied = [(f, r) for f, _, r in same if r.naam.casefold() != record.naam.casefold()]
            if copied and look_alike_skeleton(record.naam) != record.naam.casefold():
                other_file, other = copied[0]
                checkers[filename].report(
                    (index, "naam"),
                    f"lijkt op de naam van {kinds[other_file]} '{other.id}' ({other.naam}), maar is geschreven met andere tekens "
                    "(zoals Cyrillische of Griekse letters); typ de naam opnieuw met gewone letters",
                    warning=True,
                )


def _check_freshness(records: dict[str, dict], checkers: dict[str, _FileChecker], today: datetime.date) -> None:
    for filename in ("aanpakken.yaml", "projects.yaml"):
        checker = checkers[filename]
        for index, record in _indexed(checker, records[filename]):
            if is_stale(record.laatst_gecontroleerd, today):
                checker.report(
                    (index, "laatst_gecontroleerd"),
                    f"laatst gecontroleerd op {record.laatst_gecontroleerd.isoformat()}, meer dan 12 maanden geleden; "
                    "kijk of alles nog klopt en zet dan de datum van vandaag",
                    warning=True,
                )


def _check_plain_language(kennisbank: Kennisbank, checkers: dict[str, _FileChecker]) -> None:
    """Summaries are what most readers read; warn when one is harder than taalniveau B1."""
    scorer = Scorer(kennisbank.known_terms())
    for filename, records in (("aanpakken.yaml", kennisbank.approaches), ("projects.yaml", kennisbank.projects)):
        checker = checkers[filename]
        for index, record in _indexed(checker, records):
            readability = scorer.score(record.samenvatting)
            if not readability.is_b1:
                checker.report(
                    (index, "samenvatting"),
                    f"moeilijker dan taalniveau B1 (Flesch-Douma {readability.shown_score}, B1 vanaf {B1_MINIMUM}): maak de zinnen "
                    "korter en kies kortere woorden; een vakwoord dat moet blijven, leg je uit in data/begrippen.yaml",
                    warning=True,
                )


def _check_raw_references(checker: _FileChecker, path: DataPath, item: Any, model: type[BaseModel], known: dict) -> None:
    """Check every id in `item` that refers to another file, also in records that failed
    validation for another reason, so one run reports everything."""
    if not isinstance(item, dict):
        return
    for name, field in model.model_fields.items():
        value = item.get(name)
        target = referenced_file(field)
        if target and isinstance(value, list):
            seen: set[str] = set()
            for position, reference in enumerate(value):
                if isinstance(reference, str) and reference in seen:
                    checker.report(path + (name, position), f"'{_shortened(reference)}' staat al eerder in deze lijst")
                seen.add(reference) if isinstance(reference, str) else None
        if target and known.get(target) is not None:
            values = enumerate(value) if isinstance(value, list) else [(None, value)]
            for position, reference in values:
                if isinstance(reference, str) and reference not in known[target]:
                    hint = ""
                    # Codes like GM0047 all look alike: a "near miss" among them means nothing.
                    if target != "gemeenten.yaml":
                        close = difflib.get_close_matches(reference, list(known[target]), n=1, cutoff=0.6)
                        hint = f"; bedoelde u '{close[0]}'?" if close else ""
                    where = path + (name,) + (() if position is None else (position,))
                    checker.report(where, f"'{_shortened(reference)}' staat niet in data/{target}{hint}")
        inner = _inner_model(field.annotation)
        if inner is not None and isinstance(value, (list, dict)):
            for position, child in enumerate(value) if isinstance(value, list) else [(None, value)]:
                _check_raw_references(checker, path + (name,) + (() if position is None else (position,)), child, inner, known)


def _indexed(checker: _FileChecker, records: dict[str, Any]) -> Iterable[tuple[int, Any]]:
    """(index in the file, record) for the valid records of a file, so problems get lines."""
    return ((checker.index_of[key], record) for key, record in records.items())


def _check_unique(checker: _FileChecker, path: DataPath, value: str, seen: dict[str, int], kind: str) -> None:
    if value in seen:
        checker.report(path, f"{kind}-id '{value}' komt al voor op regel {seen[value]}; elke id moet uniek zijn")
    else:
        seen[value] = checker.document.line_of(path)


def _check_order(checker: _FileChecker, path: DataPath, start: str | None, end: str | None) -> None:
    if start and end:
        length = min(len(start), len(end))
        if end[:length] < start[:length]:
            checker.report(path + ("eind",), f"einddatum {end} ligt vóór startdatum {start}")
