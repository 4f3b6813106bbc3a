"""From a correction issue ("Klopt er iets niet?", made with .github/ISSUE_TEMPLATE/correctie.yml)
to a change of one field of one record, and nothing else.

The reader names the record (the link on its page fills in the id and the page), picks the
field from a list made from the model, and writes what should be there. `apply_correction`
replaces exactly the lines of that field's value in the data file: every other line stays byte
for byte the same, which the change proves by reading the file back. The changed data is then
checked as `watwerkt check` does; a change that breaks any rule is refused with the check's
messages. The file is replaced in one step, so it is never half-written.

As with a submission, the issue's text is the reader's: only the form's own headings start a
field, only the model's fields can be changed, and the reply quotes the reader only as inline
code.
"""
from __future__ import annotations

import datetime
import re
import tempfile
import textwrap
import typing
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel

from .channels import CORRECTION_PAGE_FIELD, CORRECTION_RECORD_FIELD
from .errors import UserError
from .issue_to_record import reply_code, copy_data_files, replace_file, read_issue_form
from .loading import Problem, check_data
from .loading.yaml_source import os_error_reason, read_text_file, MAX_FILE_BYTES
from .model import Approach, Module, Project, referenced_file
from .urls import SECTIONS

FIELD_FIELD, VALUE_FIELD, SOURCE_FIELD, NOTE_FIELD = "veld", "juiste_tekst", "bron", "toelichting"
# The headings of the correction issue form, in its order (the form's labels are these words).
CORRECTION_FORM_FIELDS = (CORRECTION_RECORD_FIELD, CORRECTION_PAGE_FIELD, FIELD_FIELD, VALUE_FIELD, SOURCE_FIELD, NOTE_FIELD)
_LINE_WIDTH = 120  # of a wrapped long text, as the data files write them
SOMETHING_ELSE = "iets anders"  # the last choice of the form's list: the editors change it by hand

# What a reader may correct: a record's own text, status and dates, one value each. Ids,
# references and lists stay with the editors, as do the dates they sign a check with.
_EDITORS_FIELDS = {"id", "toegevoegd", "laatst_gecontroleerd", "gecontroleerd_door", "aangemeld_door"}


_EMPTY_CORRECTION = "de correctie is leeg: er staat geen veld van het formulier in (zoals '### veld'). Gebruik de link 'Klopt er iets niet?' op de pagina"


@dataclass(frozen=True)
class CorrectableKind:
    file: str
    model: type[BaseModel]
    list_key: str | None = None  # the key of the record list inside the file, if not the whole file


CORRECTABLE = {
    "approach": CorrectableKind("aanpakken.yaml", Approach),
    "project": CorrectableKind("projects.yaml", Project),
    "module": CorrectableKind("opleiding.yaml", Module, list_key="modules"),
}


def correctable_fields(model: type[BaseModel]) -> list[str]:
    """The fields of `model` that hold one value a reader can write: text, a choice or a date."""
    names = []
    for name, model_field in model.model_fields.items():
        annotation = model_field.annotation
        arguments = [argument for argument in typing.get_args(annotation) if argument is not type(None)]
        if typing.get_origin(annotation) is typing.Union and len(arguments) == 1:
            annotation = arguments[0]
        if name in _EDITORS_FIELDS or referenced_file(model_field) or typing.get_origin(annotation) is list:
            continue
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            continue
        names.append(name)
    return names


def field_choices() -> list[str]:
    """The list the issue form offers: every correctable field of every kind, once, in model order."""
    choices: list[str] = []
    for kind in CORRECTABLE.values():
        choices += [name for name in correctable_fields(kind.model) if name not in choices]
    return [*choices, SOMETHING_ELSE]


@dataclass(frozen=True)
class CorrectionOutcome:
    """What `apply_correction` did: changed one field (`changed` = (file, record id, field)), or
    nothing, because of `problems`."""

    changed: tuple[str, str, str] | None = None
    problems: list[Problem] = field(default_factory=list)
    source: str = ""  # the page the reader cites, for the pull request

    def reply(self) -> str:
        lines = [f"- {reply_code(problem.field)}: {reply_code(problem.message)}" for problem in self.problems[:50]]
        return (
            "Bedankt voor je correctie! Die kan niet vanzelf worden overgenomen:\n\n"
            + "\n".join(lines)
            + "\n\nPas het issue aan, of de redactie verwerkt de correctie met de hand.\n"
        )


def apply_correction(body: str, data_dir: Path, *, today: datetime.date, source: str = "issue") -> CorrectionOutcome:
    """Change the one field the correction in `body` names, when the result passes the check.
    Otherwise nothing is written. Raises UserError when the data file cannot be read or written."""
    form = read_issue_form(body, source, labels=CORRECTION_FORM_FIELDS, empty=_EMPTY_CORRECTION, kind="correctie")
    if form.problems:
        return CorrectionOutcome(problems=form.problems)

    def refused(field_name: str, message: str) -> CorrectionOutcome:
        return CorrectionOutcome(problems=[Problem(source, form.lines.get(field_name, 1), "correctie", field_name, message)])

    answers = form.answers
    missing = [name for name in (CORRECTION_RECORD_FIELD, CORRECTION_PAGE_FIELD, FIELD_FIELD, VALUE_FIELD) if not answers.get(name)]
    if missing:
        return refused(missing[0], "dit veld is leeg; vul het in")
    kind_name, record_id = _record_of_page(answers[CORRECTION_PAGE_FIELD])
    if answers[CORRECTION_RECORD_FIELD] != record_id:
        return refused(CORRECTION_RECORD_FIELD, f"de pagina hoort bij record '{record_id}', niet bij dit record; gebruik de link 'Klopt er iets niet?' op de pagina zelf")
    kind = CORRECTABLE.get(kind_name)
    if kind is None:
        return refused(CORRECTION_PAGE_FIELD, "een correctie op deze pagina verwerkt de redactie met de hand")
    field_name = answers[FIELD_FIELD]
    if field_name == SOMETHING_ELSE:
        return refused(FIELD_FIELD, "'iets anders' verwerkt de redactie met de hand")
    if field_name not in correctable_fields(kind.model):
        return refused(FIELD_FIELD, f"dit veld kan niet met een correctie worden veranderd; kies een van: {', '.join(correctable_fields(kind.model))}")

    path = data_dir / kind.file
    try:
        original = read_text_file(path, MAX_FILE_BYTES)
    except UserError as error:
        raise UserError(f"{error}; er is niets veranderd") from None
    new_value = answers[VALUE_FIELD]
    try:
        changed_text = replace_field_value(original, list_key=kind.list_key, record_id=record_id, field_name=field_name, value=new_value)
    except _NotChangeable as reason:
        return refused(FIELD_FIELD, str(reason))
    errors = _new_errors(data_dir, kind.file, changed_text, today)
    if errors:
        return CorrectionOutcome(problems=errors)
    replace_file(path, changed_text)
    return CorrectionOutcome(changed=(str(path), record_id, field_name), source=answers.get(SOURCE_FIELD, ""))


def _record_of_page(address: str) -> tuple[str, str]:
    """('project', 'de-boeg-veendam') for .../projectenbank/de-boeg-veendam/; ('', '') for any
    other address."""
    try:
        parts = [part for part in urlsplit(address.strip()).path.split("/") if part]
    except ValueError:
        return "", ""
    kinds = {section: kind for kind, section in SECTIONS.items()}
    if len(parts) >= 2 and parts[-2] in kinds:
        return kinds[parts[-2]], parts[-1]
    return "", ""


class _NotChangeable(Exception):
    """Why the field cannot be changed in place (in Dutch)."""


def replace_field_value(text: str, *, list_key: str | None, record_id: str, field_name: str, value: str) -> str:
    """`text` with the value of `field_name` in the record `record_id` replaced by `value`, and
    every other line as it was. Raises _NotChangeable when the record or field is not there, the
    value is not a single text, or `value` is what stands there already."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    records = _value_of(root, list_key) if list_key else root
    if not isinstance(records, yaml.SequenceNode):
        raise _NotChangeable("het gegevensbestand heeft niet de vorm van een lijst records")
    record = next((item for item in records.value if isinstance(item, yaml.MappingNode) and _scalar(_value_of(item, "id")) == record_id), None)
    if record is None:
        raise _NotChangeable(f"record '{record_id}' staat niet in de gegevens")
    entry = next(((key, node) for key, node in record.value if _scalar(key) == field_name), None)
    if entry is None:
        raise _NotChangeable("dit veld staat nog niet in het record; de redactie voegt het met de hand toe")
    key, node = entry
    if not isinstance(node, yaml.ScalarNode):
        raise _NotChangeable("dit veld heeft meer dan één waarde; de redactie past het met de hand aan")
    value = normalized(value)
    if str(_record_in(yaml.safe_load(text), list_key, record_id).get(field_name)).strip() == value:
        raise _NotChangeable("dit staat er al precies zo; er is niets te veranderen")
    start, end = key.start_mark.index, node.end_mark.index
    while end > start and text[end - 1] in " \t\r\n":  # a block scalar's end includes the blank lines after it
        end -= 1
    for rendered in _field_texts(field_name, value, indent=key.start_mark.column, folded=node.style == ">"):
        changed = text[:start] + rendered + text[end:]
        if _same_apart_from_the_field(text, changed, list_key, record_id, field_name, value):
            return changed
    raise _NotChangeable("deze tekst laat zich niet veilig in het gegevensbestand zetten; de redactie past het met de hand aan")


def normalized(value: str) -> str:
    """The reader's answer as it goes into the data: Unix line ends, no blank edges."""
    # YAML reads U+0085, U+2028 and U+2029 as line breaks, git and editors do not: they would
    # shift every line number the check reports after them. A line break is a line break.
    return re.sub(r"\r\n|[\r\x85\u2028\u2029]", "\n", value).strip()


def _field_texts(name: str, value: str, *, indent: int, folded: bool) -> list[str]:
    """`name: value` as YAML at `indent`, in the ways worth trying, the most readable first: a
    folded block wrapped as the file's long texts are (where the old value was one), a literal
    block for text with line breaks, and one line as PyYAML writes it."""
    inner = " " * (indent + 2)
    candidates = []
    if folded and "\n" not in value:
        wrapped = textwrap.wrap(value, width=max(40, _LINE_WIDTH - len(inner)), break_long_words=False, break_on_hyphens=False)
        candidates.append(f"{name}: >-\n" + "\n".join(inner + line for line in wrapped))
    if "\n" in value:
        candidates.append(f"{name}: |-\n" + "\n".join(inner + line if line else "" for line in value.split("\n")))
    dumped = yaml.safe_dump({name: value}, allow_unicode=True, width=10**9, sort_keys=False).rstrip("\n")
    candidates.append(dumped.replace("\n", "\n" + inner))
    return candidates


def _same_apart_from_the_field(before: str, after: str, list_key: str | None, record_id: str, field_name: str, value: str) -> bool:
    """The proof: read back, the data is the old data with this one value replaced."""
    expected = yaml.safe_load(before)
    _record_in(expected, list_key, record_id)[field_name] = value
    try:
        return yaml.safe_load(after) == expected
    except yaml.YAMLError:
        return False


def _record_in(data, list_key: str | None, record_id: str) -> dict:
    records = data.get(list_key) if list_key and isinstance(data, dict) else data
    return next((record for record in records or [] if isinstance(record, dict) and record.get("id") == record_id), {})


def _value_of(mapping: yaml.Node, key: str) -> yaml.Node | None:
    if not isinstance(mapping, yaml.MappingNode):
        return None
    return next((node for key_node, node in mapping.value if _scalar(key_node) == key), None)


def _scalar(node: yaml.Node | None) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) else None


def _new_errors(data_dir: Path, file_name: str, changed_text: str, today: datetime.date) -> list[Problem]:
    """The errors `watwerkt check` finds with the change that it did not find before it."""
    with tempfile.TemporaryDirectory() as folder:
        trial = Path(folder) / "data"
        try:
            copy_data_files(data_dir, trial)
        except OSError as error:
            raise UserError(f"{data_dir}: kan de correctie niet controleren, want een tijdelijke kopie van de gegevens lukt niet: {os_error_reason(error)}; er is niets veranderd") from None
        _, before = check_data(trial, relative_to=trial.parent, today=today)
        (trial / file_name).write_text(changed_text, encoding="utf-8")
        _, after = check_data(trial, relative_to=trial.parent, today=today)
    known = {(problem.file, problem.record, problem.field, problem.message) for problem in before if not problem.warning}
    return [problem for problem in after if not problem.warning and (problem.file, problem.record, problem.field, problem.message) not in known]
