"""Loading: read every data file, check every record, and report every problem at once.

Each problem names the file, the line, the record and the field, so a contributor can go
straight to it: `data/projects.yaml:12: mijn-project: gemeenten[0]: onbekende gemeente ...`.
The layers: registry (which files), the YAML reader (yaml_source), the checker per file,
messages in Dutch, rules across records, and advice (warnings).
"""
from __future__ import annotations

import datetime
import os
from pathlib import Path

from ..errors import UserError
from ..kennisbank import Kennisbank
from ..model import Curriculum, PermanentIds
from .yaml_source import read_yaml, shortened as _shortened  # Problem makes it printable
from .advice import check_freshness, check_look_alike_names, check_plain_language
from .checker import FileChecker, curriculum_record_root, list_record_root
from .problems import InvalidData, Problem, printable
from .registry import COLLECTIONS, CURRICULUM_FILE, DATA_FILES, PERMANENT_IDS_FILE
from .rules import MODULE_PAGE_SECTIONS, check_ended_in_the_past, check_permanent_ids, check_references, check_rules, is_homepage


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
    checkers = {c.filename: FileChecker(read_yaml(data_dir / c.filename), base, list_record_root, c.key, context=context) for c in COLLECTIONS}
    records = {c.filename: checkers[c.filename].validate_list(c.model) for c in COLLECTIONS}
    curriculum_checker = FileChecker(read_yaml(data_dir / CURRICULUM_FILE), base, curriculum_record_root, "id", top_label="opleiding", context=context)
    curriculum = curriculum_checker.validate_one(Curriculum)
    register_checker = FileChecker(read_yaml(data_dir / PERMANENT_IDS_FILE), base, lambda path: (), "id", top_label="vaste-links", context=context)
    register = register_checker.validate_one(PermanentIds)

    check_references(checkers, curriculum_checker)
    check_rules(records, checkers, curriculum, curriculum_checker)
    check_ended_in_the_past(records, checkers, today)
    check_freshness(records, checkers, today)
    check_look_alike_names(records, checkers)
    if curriculum is not None and register is not None:
        check_permanent_ids(curriculum, curriculum_checker, register, register_checker)
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
    check_plain_language(kennisbank, checkers)
    return kennisbank, sorted({problem for checker in all_checkers for problem in checker.problems})


def summary(kennisbank: Kennisbank) -> str:
    goals = sum(len(module.leerdoelen) for module in kennisbank.curriculum.modules)
    return (
        f"Alles in orde: {len(kennisbank.approaches)} aanpakken, {len(kennisbank.projects)} projecten, "
        f"{len(kennisbank.curriculum.modules)} modules met {goals} leerdoelen, "
        f"{len(kennisbank.municipalities)} gemeenten, {len(kennisbank.regions)} regio's, "
        f"{len(kennisbank.themes)} thema's, {len(kennisbank.target_groups)} doelgroepen."
    )


__all__ = [
    "COLLECTIONS", "CURRICULUM_FILE", "DATA_FILES", "MODULE_PAGE_SECTIONS", "PERMANENT_IDS_FILE", "InvalidData", "Problem", "check_data",
    "is_homepage", "load_kennisbank", "load_kennisbank_and_warnings", "printable", "reference_date", "summary",
]
