"""Rules that span fields, records and files: references, sources, recognitions, lineage,
permanent ids and dates."""
from __future__ import annotations

import datetime
import difflib
import functools
import re
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from pydantic import BaseModel

from ..labels import EVIDENCE_LEVELS, OFFICIAL_LEVELS
from ..model import (
    AREA_NEEDED, CONTACT_NEEDED, END_BEFORE_START, Curriculum, HelpPage, HelpService, PermanentIds, Recognition, Source,
    ends_before_it_starts, far_ahead, referenced_file,
)
from ..reuse import per_record
from ..urls import PAGE_TITLE_ANCHOR
from .yaml_source import DataPath, shortened as _shortened  # Problem makes it printable
from .checker import FileChecker, indexed
from .messages import inner_model
from .registry import COLLECTIONS, PERMANENT_IDS_FILE


# Anchors that a module page already uses for its sections; a learning goal's id is an anchor too.
MODULE_PAGE_SECTIONS = {PAGE_TITLE_ANCHOR, "doel", "inhoud", "leerdoelen", "werkvormen", "verwante-aanpakken", "projecten", "bronnen"}


def check_references(checkers: dict[str, FileChecker], curriculum: FileChecker) -> None:
    """Every id that points into another file must exist there."""
    known = {name: checker.keys_present() for name, checker in checkers.items()}
    for collection in COLLECTIONS:
        checker = checkers[collection.filename]
        for index, item in enumerate(checker.document.data if isinstance(checker.document.data, list) else []):
            _check_raw_references(checker, (index,), item, collection.model, known)
    _check_raw_references(curriculum, (), curriculum.document.data, Curriculum, known)


def check_rules(records: dict[str, dict], checkers: dict[str, FileChecker], curriculum: Curriculum | None, curriculum_checker: FileChecker) -> None:
    """Rules that span fields or records, on the records that are valid on their own."""
    approaches_file = checkers["aanpakken.yaml"]
    for index, approach in indexed(approaches_file, records["aanpakken.yaml"]):
        if approach.id in approach.verwante_aanpakken:
            approaches_file.report((index, "verwante_aanpakken"), "een aanpak kan niet verwant zijn aan zichzelf")
        if approach.status != "in-gebruik" and not approach.status_reden:
            approaches_file.report((index, "status"), f"bij status '{approach.status}' hoort een 'status_reden': waarom gestopt of niet werkzaam?")
        _check_order(approaches_file, (index, "periode"), approach.periode.start, approach.periode.eind)
        _check_recognition(approaches_file, (index, "erkenning"), approach.erkenning)

    municipalities_file = checkers["gemeenten.yaml"]
    url_names: dict[str, str] = {}
    for index, municipality in indexed(municipalities_file, records["gemeenten.yaml"]):
        if municipality.id in url_names:
            municipalities_file.report((index, "naam"), f"geeft dezelfde webadresnaam '{municipality.id}' als {url_names[municipality.id]}")
        url_names.setdefault(municipality.id, municipality.code)

    projects_file = checkers["projects.yaml"]
    for index, project in indexed(projects_file, records["projects.yaml"]):
        if not project.contact.website and not project.contact.email:
            projects_file.report((index, "contact"), CONTACT_NEEDED)
        if not project.gemeenten and not project.regio:
            projects_file.report((index, "gemeenten"), AREA_NEEDED)
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
        for index, record in indexed(checker, records[filename]):
            # The rule reads the record alone: what it found in the same record before stands.
            for path, message in per_record("source problems", record, b"", lambda: _source_problems(record)):  # noqa: B023
                checker.report((index, *path), message)
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


def _check_recognition(checker: FileChecker, path: DataPath, recognition: Recognition) -> None:
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


def _check_validity(checker: FileChecker, path: DataPath, given: str, valid_until: str) -> None:
    """A recognition holds from the ruling for at most five years."""
    length = min(len(given), len(valid_until))
    if valid_until[:length] < given[:length]:
        checker.report(path, f"{valid_until} ligt vóór het oordeel ({given})")
    elif valid_until[:length] > (str(int(given[:4]) + RECOGNITION_YEARS) + given[4:])[:length]:  # month by month
        checker.report(path, f"{valid_until} ligt meer dan {RECOGNITION_YEARS} jaar na het oordeel ({given}); een erkenning wordt na vijf jaar opnieuw beoordeeld")


def _check_chain(checker: FileChecker, records: dict[str, Any], kind: str, field: str, message: tuple[str, str]) -> None:
    """A record's predecessor (or programme) is another record, and following them never comes
    back to it. `message`: for a record on a longer circle, and for one that names itself."""
    for index, record in indexed(checker, records):
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


class _Found:
    """Takes a rule's problems as they are reported, for a checker later."""

    def __init__(self) -> None:
        self.problems: list[tuple[DataPath, str]] = []

    def report(self, path: DataPath, message: str) -> None:
        self.problems.append((path, message))


def _source_problems(record: BaseModel) -> list[tuple[DataPath, str]]:
    found = _Found()
    _check_sources(found, (), record)
    return found.problems


def _check_sources(checker: FileChecker | _Found, path: DataPath, value: Any) -> None:
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


def check_permanent_ids(curriculum: Curriculum, checker: FileChecker, register: PermanentIds, register_checker: FileChecker) -> None:
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


def check_ended_in_the_past(records: dict[str, dict], checkers: dict[str, FileChecker], today: datetime.date) -> None:
    """A planned end may lie years ahead, but not the end of what already ended."""
    for filename, ended, end_of in (
        ("projects.yaml", ("afgerond", "gestopt"), lambda record: (record.eind, ("eind",))),
        ("aanpakken.yaml", ("gestopt", "niet-werkzaam"), lambda record: (record.periode.eind, ("periode", "eind"))),
    ):
        checker = checkers[filename]
        for index, record in indexed(checker, records[filename]):
            end, path = end_of(record)
            if record.status in ended and end and far_ahead(end, today):
                checker.report(
                    (index, *path),
                    f"de status is '{record.status}', maar de einddatum {end} ligt meer dan een jaar in de toekomst; "
                    "schrijf de datum waarop het echt stopte",
                )


def _check_raw_references(checker: FileChecker, path: DataPath, item: Any, model: type[BaseModel], known: dict) -> None:
    """Check every id in `item` that refers to another file, also in records that failed
    validation for another reason, so one run reports everything."""
    if not isinstance(item, dict):
        return
    for name, target, inner in _reference_fields(model):
        value = item.get(name)
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
        if inner is not None and isinstance(value, (list, dict)):
            for position, child in enumerate(value) if isinstance(value, list) else [(None, value)]:
                _check_raw_references(checker, path + (name,) + (() if position is None else (position,)), child, inner, known)


@functools.lru_cache(maxsize=None)
def _reference_fields(model: type[BaseModel]) -> tuple[tuple[str, str | None, type[BaseModel] | None], ...]:
    """(name, the file it refers to, the model inside it) of each field of `model` that refers
    to another file or holds records that may."""
    fields = ((name, referenced_file(field), inner_model(field.annotation)) for name, field in model.model_fields.items())
    return tuple(field for field in fields if field[1] or field[2])


def _check_unique(checker: FileChecker, path: DataPath, value: str, seen: dict[str, int], kind: str) -> None:
    if value in seen:
        checker.report(path, f"{kind}-id '{value}' komt al voor op regel {seen[value]}; elke id moet uniek zijn")
    else:
        seen[value] = checker.document.line_of(path)


def _check_order(checker: FileChecker, path: DataPath, start: str | None, end: str | None) -> None:
    if ends_before_it_starts(start, end):
        checker.report(path + ("eind",), END_BEFORE_START.format(eind=end, start=start))
