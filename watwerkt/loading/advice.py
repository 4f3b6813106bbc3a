"""Warnings: worth a look, no reason to stop a build (old checks, look-alike names, hard summaries)."""
from __future__ import annotations

import datetime
from typing import Any


from ..kennisbank import Kennisbank, is_stale
from ..model import look_alike_skeleton
from ..readability import B1_MINIMUM, Scorer
from .checker import FileChecker, indexed


def check_look_alike_names(records: dict[str, dict], checkers: dict[str, FileChecker]) -> None:
    """A name that looks like another record's but is written with other letters (a Cyrillic
    'а', a full-width 'Ｅ') is most likely a copy meant to pass for it: worth a look."""
    kinds = {"projects.yaml": "project", "aanpakken.yaml": "aanpak"}
    by_skeleton: dict[str, list[tuple[str, int, Any]]] = {}
    for filename in kinds:
        for index, record in indexed(checkers[filename], records[filename]):
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


def check_freshness(records: dict[str, dict], checkers: dict[str, FileChecker], today: datetime.date) -> None:
    for filename in ("aanpakken.yaml", "projects.yaml"):
        checker = checkers[filename]
        for index, record in indexed(checker, records[filename]):
            if is_stale(record.laatst_gecontroleerd, today):
                checker.report(
                    (index, "laatst_gecontroleerd"),
                    f"laatst gecontroleerd op {record.laatst_gecontroleerd.isoformat()}, meer dan 12 maanden geleden; "
                    "kijk of alles nog klopt en zet dan de datum van vandaag",
                    warning=True,
                )


def check_plain_language(kennisbank: Kennisbank, checkers: dict[str, FileChecker]) -> None:
    """Summaries are what most readers read; warn when one is harder than taalniveau B1."""
    scorer = Scorer(kennisbank.known_terms())
    for filename, records in (("aanpakken.yaml", kennisbank.approaches), ("projects.yaml", kennisbank.projects)):
        checker = checkers[filename]
        for index, record in indexed(checker, records):
            readability = scorer.score(record.samenvatting)
            if not readability.is_b1:
                checker.report(
                    (index, "samenvatting"),
                    f"moeilijker dan taalniveau B1 (Flesch-Douma {readability.shown_score}, B1 vanaf {B1_MINIMUM}): maak de zinnen "
                    "korter en kies kortere woorden; een vakwoord dat moet blijven, leg je uit in data/begrippen.yaml",
                    warning=True,
                )
