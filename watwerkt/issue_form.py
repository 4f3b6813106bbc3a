"""From a GitHub issue (made with .github/ISSUE_TEMPLATE/project.yml) to a record in
data/projects.yaml. The new record is checked together with all the others, exactly as
`watwerkt check` does, and appended: the rest of the file stays byte for byte the same."""
from __future__ import annotations

import datetime
import json
import re
import shutil
import tempfile
from pathlib import Path

import yaml

from .model import slug
from .schemas import ISSUE_FORM_FIELDS
from .validation import Problem, check_data

PROJECTS_FILE = "projects.yaml"
_NO_RESPONSE = "_No response_"
_LIST_FIELDS = {"gemeenten", "themas", "doelgroepen", "aanpakken", "doelen", "partners", "financiers"}


def issue_fields(body: str) -> dict[str, str]:
    """The answers in an issue-form body: '### label' followed by the answer. Only the form's
    own labels start a field, so a '### heading' inside a description stays part of it."""
    labels = "|".join(re.escape(name) for name in ISSUE_FORM_FIELDS)
    fields: dict[str, str] = {}
    parts = re.split(rf"^### ({labels})[ \t]*$", body.replace("\r\n", "\n"), flags=re.MULTILINE)
    for label, answer in zip(parts[1::2], parts[2::2]):
        answer = answer.strip()
        if answer and answer != _NO_RESPONSE:
            fields[label] = answer
    return fields


def record_from_issue(fields: dict[str, str], *, taken_ids: set[str], today: datetime.date) -> dict:
    record: dict = {}
    for name, answer in fields.items():
        if name in _LIST_FIELDS:
            record[name] = [re.sub(r"^[-*]\s+", "", line.strip()) for line in answer.splitlines() if line.strip()]
        elif name == "contact":
            record[name] = _contact(answer)
        else:
            record[name] = answer
    record["id"] = _unique_id(record.get("id") or (slug(record.get("naam", ""))[:70].strip("-") or "project"), taken_ids)
    record["toegevoegd"] = today.isoformat()
    record["laatst_gecontroleerd"] = today.isoformat()
    record.setdefault("aangemeld_door", record.get("organisatie", ""))
    order = ["id", *(name for name in record if name != "id")]
    return {name: record[name] for name in order}


def add_project_from_issue(body: str, data_dir: Path, *, today: datetime.date) -> tuple[str | None, list[Problem]]:
    """Append the project in `body` to data_dir/projects.yaml when it is valid: (its id, []).
    Otherwise the file is untouched: (None, the problems of the new record)."""
    projects = data_dir / PROJECTS_FILE
    original = projects.read_text(encoding="utf-8")
    taken = {item.get("id") for item in yaml.safe_load(original) or [] if isinstance(item, dict)}
    record = record_from_issue(issue_fields(body), taken_ids=taken, today=today)
    addition = ("\n" if not original.endswith("\n\n") else "") + yaml.safe_dump([record], allow_unicode=True, sort_keys=False, width=100)
    with tempfile.TemporaryDirectory() as folder:
        trial = Path(folder) / "data"
        shutil.copytree(data_dir, trial)
        (trial / PROJECTS_FILE).write_text(original + addition, encoding="utf-8")
        _, problems = check_data(trial, relative_to=trial.parent, today=today)
    first_new_line = original.count("\n") + 1
    errors = [p for p in problems if not p.warning and (p.file != f"data/{PROJECTS_FILE}" or p.line >= first_new_line)]
    if errors:
        return None, errors
    projects.write_text(original + addition, encoding="utf-8")
    return record["id"], []


def issue_comment(problems: list[Problem]) -> str:
    """A reply for the issue, in plain Dutch, one line per problem."""
    lines = [f"- **{problem.field}**: {problem.message}" for problem in problems]
    return "Bedankt voor je aanmelding! Voordat het project in de projectenbank kan, moet er nog iets worden aangepast:\n\n" + "\n".join(lines) + "\n\nPas de aanmelding aan; daarna kijken we opnieuw.\n"


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
