"""From a GitHub issue (made with .github/ISSUE_TEMPLATE/project.yml) to a record in
data/projects.yaml. The new record is checked together with all the others, exactly as
`watwerkt check` does, and appended: the rest of the file stays byte for byte the same, and the
file is replaced in one step (a new file next to it, then a rename), so it is never half-written.

The issue text is the submitter's, so nothing in it may steer more than its own answers:
- only the form's own `### label` lines start a field, each once; any other `###` heading, or a
  label met a second time, is refused with a located message rather than glued into the field
  before it or allowed to cut that field short;
- neither `organisatie` nor `aangemeld_door` may claim the editors' name;
- the bot's reply shows every value the submitter wrote as inline code, where GitHub turns
  nothing into a link, a mention, an issue reference, an image or HTML;
- the same project twice (the same issue processed again) is reported, never added as `-2`.
"""
from __future__ import annotations

import datetime
import json
import os
import re
import shutil
import stat
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import UserError
from .model import ID_SOURCE_FIELD, id_from_name, look_alike_skeleton
from .loading import DATA_FILES, Problem, check_data
from .loading.yaml_source import YamlDocument, os_error_reason, read_text_file, read_yaml

# The fields the web form sends to the issue form, in its order; their ids are the record's
# field names, so the form's link fills them in and a converter can read them back.
ISSUE_FORM_FIELDS = (
    "id", "naam", "organisatie", "samenvatting", "beschrijving", "status", "start", "eind", "gemeenten", "themas",
    "doelgroepen", "aanpakken", "doelen", "geleerd", "partners", "financiers", "contact", "toegevoegd",
    "laatst_gecontroleerd", "aangemeld_door",
)

PROJECTS_FILE = "projects.yaml"
# GitHub caps an issue body at 65,536 characters; four bytes each is the most that can be.
MAX_ISSUE_BYTES = 4 * 65536
_NO_RESPONSE = "_No response_"
_LIST_FIELDS = {"gemeenten", "themas", "doelgroepen", "aanpakken", "doelen", "partners", "financiers"}
# An ATX heading of level 3 as CommonMark reads it: up to three spaces, ###, then a space or the
# line's end; an optional closing run of #'s. The form writes every field as '### label'.
_SECTION = re.compile(r"^ {0,3}###(?:[ \t]+(?P<text>.*?))?(?:[ \t]+#+)?[ \t]*$")
_NO_HEADINGS = "Een kop met ### kan niet in een antwoord staan: maak er gewone tekst of **vette tekst** van"
# The editors sign as "Redactie Wat Werkt Noord-Nederland" (see data/projects.yaml): a name that
# contains either word, in any case, spacing, accent, look-alike letter or digit, is theirs.
_EDITOR_WORDS = ("redactie", "watwerkt")
_SHOWN_LENGTH = 300  # of one value in a message or reply: enough to recognise it
_MAX_REPLY_PROBLEMS = 50


@dataclass(frozen=True)
class IssueForm:
    """The answers in an issue-form body, the line of each field's heading, and what is wrong
    with the body's structure."""

    answers: dict[str, str]
    lines: dict[str, int]
    problems: list[Problem]


@dataclass(frozen=True)
class Outcome:
    """What `add_project_from_issue` did: added a record, found it already listed, or neither
    because of problems."""

    added: str | None = None
    listed_as: str | None = None
    listed_line: int = 0
    problems: list[Problem] = field(default_factory=list)

    def reply(self) -> str:
        if self.listed_as:
            return already_listed_comment(self.listed_as, self.listed_line)
        return issue_comment(self.problems)


def read_issue(path: Path) -> str:
    """The text of the issue file; a UserError naming the file (and line) when it cannot be read."""
    return read_text_file(path, MAX_ISSUE_BYTES)


_EMPTY_SUBMISSION = "de aanmelding is leeg: er staat geen veld van het formulier in (zoals '### naam'). Gebruik het formulier 'Project aanmelden'"


def read_issue_form(
    body: str, source: str = "issue", *, labels: tuple[str, ...] = ISSUE_FORM_FIELDS, empty: str = _EMPTY_SUBMISSION, kind: str = "aanmelding"
) -> IssueForm:
    """The answers in an issue-form body: '### label' followed by the answer. Only the form's
    own `labels` start a field, each once; every other `###` heading is a problem. `kind` names
    the issue in the problems ('aanmelding', 'correctie')."""
    answers: dict[str, list[str]] = {}
    lines: dict[str, int] = {}
    problems: list[Problem] = []
    current = None
    stray_text_line = 0
    for number, line in enumerate(body.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        heading = _SECTION.match(line)
        if heading is None:
            if current is not None:
                answers[current].append(line)
            elif line.strip() and not stray_text_line:
                stray_text_line = number
            continue
        label = (heading.group("text") or "").strip()
        if label in labels and label not in lines:
            current = label
            answers[label], lines[label] = [], number
        elif label in lines:
            message = f"de kop '### {label}' staat twee keer in de {kind} (ook op regel {lines[label]}). {_NO_HEADINGS}"
            problems.append(Problem(source, number, kind, current or "-", message))
        else:
            message = f"de kop '### {_shown(label)}' hoort niet bij het formulier. {_NO_HEADINGS}"
            problems.append(Problem(source, number, kind, current or "-", message))
    if not lines:
        problems.append(Problem(source, stray_text_line or 1, kind, "-", empty))
    elif stray_text_line:
        message = "hier staat tekst vóór het eerste veld van het formulier; die hoort bij geen enkel veld. Zet hem in een veld of haal hem weg"
        problems.append(Problem(source, stray_text_line, kind, "-", message))
    texts = {label: "\n".join(text).strip() for label, text in answers.items()}
    return IssueForm({label: text for label, text in texts.items() if text and text != _NO_RESPONSE}, lines, sorted(problems))


def _editor_name_problems(form: IssueForm, source: str = "issue") -> list[Problem]:
    """A submitter may not sign as the editors: not as the organisation, not as the sender."""
    return [
        Problem(source, form.lines[name], "aanmelding", name, f"'{_shown(form.answers[name])}' lijkt op de naam van de redactie van Wat Werkt; die mag alleen de redactie gebruiken. Noem hier je eigen organisatie")
        for name in ("organisatie", "aangemeld_door")
        if name in form.answers and claims_editors_name(form.answers[name])
    ]


def claims_editors_name(name: str) -> bool:
    """Whether `name` reads as the editors' name, whatever its case, spacing, accents or
    look-alike letters ('Redactie', 'R e d a c t i e', 'Rеdactie' with a Cyrillic е, 'VVat Werkt',
    'R3dact1e'). Spaces and accents go first, so that 'V V at' is read as 'VVat' and so as 'Wat'."""
    letters = "".join(c for c in unicodedata.normalize("NFKD", name) if c.isalnum() and not unicodedata.combining(c))
    return any(word in look_alike_skeleton(letters, digits_as_letters=True) for word in _EDITOR_WORDS)


def record_from_issue(fields: dict[str, str], *, taken_ids: set[str], today: datetime.date) -> dict:
    record: dict = {}
    for name, answer in fields.items():
        if name in _LIST_FIELDS:
            record[name] = [re.sub(r"^[-*]\s+", "", line.strip()) for line in answer.splitlines() if line.strip()]
        elif name == "contact":
            record[name] = _contact(answer)
        else:
            record[name] = answer
    record["id"] = _unique_id(record.get("id") or (id_from_name(record.get(ID_SOURCE_FIELD, "")) or "project"), taken_ids)
    record["toegevoegd"] = today.isoformat()
    record["laatst_gecontroleerd"] = today.isoformat()
    record.setdefault("aangemeld_door", record.get("organisatie", ""))
    order = ["id", *(name for name in record if name != "id")]
    return {name: record[name] for name in order}


def add_project_from_issue(body: str, data_dir: Path, *, today: datetime.date, source: str = "issue") -> Outcome:
    """Append the project in `body` to data_dir/projects.yaml when it is valid and not listed
    yet. Otherwise the file is untouched. Raises UserError when projects.yaml cannot be read as
    a list of projects or cannot be written."""
    form = read_issue_form(body, source)
    if form.problems:
        return Outcome(problems=form.problems)
    projects = data_dir / PROJECTS_FILE
    document, original = _read_projects(projects)
    existing = [item for item in document.data or [] if isinstance(item, dict)]
    record = record_from_issue(form.answers, taken_ids={item.get("id") for item in existing}, today=today)
    for index, item in enumerate(document.data or []):
        if isinstance(item, dict) and _same_project(item, record):
            return Outcome(listed_as=str(item.get("id")), listed_line=document.line_of((index,)))
    addition = ("\n" if not original.endswith("\n\n") else "") + yaml.safe_dump([record], allow_unicode=True, sort_keys=False, width=100)
    errors = _editor_name_problems(form, source) + _new_record_errors(data_dir, original, addition, today)
    if errors:
        return Outcome(problems=errors)
    replace_file(projects, original + addition)
    return Outcome(added=record["id"])


def issue_comment(problems: list[Problem]) -> str:
    """A reply for the issue, in plain Dutch, one line per problem. Every part that can hold the
    submitter's text is inline code, so the reply repeats no link or mention of theirs."""
    shown = problems[:_MAX_REPLY_PROBLEMS]
    lines = [f"- {reply_code(problem.field)}: {reply_code(problem.message)}" for problem in shown]
    if len(problems) > len(shown):
        lines.append(f"- en nog {len(problems) - len(shown)} andere problemen")
    return (
        "Bedankt voor je aanmelding! Voordat het project in de projectenbank kan, moet er nog iets worden aangepast:\n\n"
        + "\n".join(lines)
        + "\n\nPas de aanmelding aan; daarna kijken we opnieuw.\n"
    )


def already_listed_comment(record_id: str, line: int) -> str:
    return (
        f"Dit project staat al in de projectenbank, als {reply_code(record_id)} (data/{PROJECTS_FILE}, regel {line}). "
        "Er is niets toegevoegd. Klopt er iets niet meer? Schrijf dat in een reactie hieronder.\n"
    )


# --- projects.yaml ---------------------------------------------------------------------


def _read_projects(path: Path) -> tuple[YamlDocument, str]:
    """The document and the exact text of projects.yaml; a UserError when it is no list."""
    document = read_yaml(path)
    if document.data is None and document.problems:
        raise UserError("\n".join(f"{path}:{problem.line}: {problem.message}" for problem in document.problems) + _NOTHING_ADDED)
    if document.data is not None and not isinstance(document.data, list):
        raise UserError(f"{path}:{document.line_of(())}: het bestand moet een lijst van projecten zijn (elk project begint met '- ')" + _NOTHING_ADDED)
    try:
        return document, path.read_text(encoding="utf-8")
    except UnicodeDecodeError:  # changed since read_yaml read it
        raise UserError(f"{path}: bestand is geen geldige UTF-8-tekst" + _NOTHING_ADDED) from None
    except OSError as error:
        raise UserError(f"{path}: kan het bestand niet lezen: {os_error_reason(error)}" + _NOTHING_ADDED) from None


_NOTHING_ADDED = "\nHet project uit de aanmelding is niet toegevoegd. Herstel eerst dit bestand (controleer met `watwerkt check`)."


def _same_project(item: dict, record: dict) -> bool:
    """The same name and organisation, written the same way up to case and spacing."""
    return bool(_comparable(record.get("naam"))) and all(_comparable(item.get(name)) == _comparable(record.get(name)) for name in ("naam", "organisatie"))


def _comparable(value: object) -> str:
    return " ".join(unicodedata.normalize("NFKC", value).casefold().split()) if isinstance(value, str) else ""


def _new_record_errors(data_dir: Path, original: str, addition: str, today: datetime.date) -> list[Problem]:
    """The errors `watwerkt check` finds with the addition, leaving out those it already
    found in the records before it."""
    with tempfile.TemporaryDirectory() as folder:
        trial = Path(folder) / "data"
        try:
            copy_data_files(data_dir, trial)
            (trial / PROJECTS_FILE).write_text(original + addition, encoding="utf-8")
        except OSError as error:
            raise UserError(f"{data_dir}: kan het project niet controleren, want een tijdelijke kopie van de gegevens lukt niet: {os_error_reason(error)}; er is niets veranderd") from None
        _, problems = check_data(trial, relative_to=trial.parent, today=today)
    first_new_line = original.count("\n") + 1
    return [p for p in problems if not p.warning and (p.file != f"data/{PROJECTS_FILE}" or p.line >= first_new_line)]


def copy_data_files(data_dir: Path, trial: Path) -> None:
    """The files `watwerkt check` reads, and only those: regular files are copied; anything
    else stays a link to the original, so the check reports it as it would in data/."""
    trial.mkdir()
    for name in DATA_FILES:
        source = data_dir / name
        if source.is_file() and not source.is_symlink():
            shutil.copyfile(source, trial / name)
        elif os.path.lexists(source):
            (trial / name).symlink_to(source.absolute())


def replace_file(path: Path, text: str) -> None:
    """Write `text` to a new file next to `path`, then rename it over `path`: at every moment
    `path` holds either the old text or the new text, whole."""
    try:
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".nieuw")
    except OSError as error:
        raise UserError(f"{path}: kan het bestand niet schrijven: {os_error_reason(error)}; er is niets veranderd") from None
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, stat.S_IMODE(path.stat().st_mode))
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise UserError(f"{path}: kan het bestand niet schrijven: {os_error_reason(error)}; er is niets veranderd") from None


# --- what is shown of the submitter's text -------------------------------------------


def _shown(text: str) -> str:
    """`text` on one line, without control or invisible characters, and not too long."""
    visible = "".join(character if character.isprintable() else " " for character in text if unicodedata.category(character) != "Cf")
    visible = " ".join(visible.split())
    return visible if len(visible) <= _SHOWN_LENGTH else visible[: _SHOWN_LENGTH - 1] + "…"


def reply_code(text: str) -> str:
    """`text` as inline code. Backticks are the only way out of a code span, so they become
    quotes; inside one GitHub makes no link, mention, reference, image or HTML."""
    return "`" + (_shown(text.replace("`", "'")) or " ") + "`"


def _contact(answer: str) -> dict:
    try:
        value = json.loads(answer)
        if isinstance(value, dict):
            return value
    except json.JSONDecodeError:
        pass
    contact = {}
    for word in answer.replace(",", " ").replace(";", " ").split():
        if "@" in word and not word.startswith("http"):
            contact["email"] = word.removeprefix("mailto:")
        elif word.startswith("http"):
            contact["website"] = word
    return contact


def _unique_id(wanted: str, taken: set[str]) -> str:
    """`wanted`, or `wanted-2`, `wanted-3`, ...: never longer than an id may be."""
    candidate, number = wanted, 2
    while candidate in taken:
        suffix = f"-{number}"
        candidate, number = wanted[: 80 - len(suffix)].rstrip("-") + suffix, number + 1
    return candidate
