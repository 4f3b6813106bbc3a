"""One data file checked record by record, every path turned into a located problem."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any, Callable, Iterable

from pydantic import BaseModel, ValidationError

from .yaml_source import DataPath, YamlDocument
from .messages import dutch_message, type_name
from .problems import Problem


def list_record_root(path: DataPath) -> DataPath:
    return path[:1]


def curriculum_record_root(path: DataPath) -> DataPath:
    return path[:2] if len(path) >= 2 and path[0] == "modules" and isinstance(path[1], int) else ()


def _field_name(path: DataPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "-"


class FileChecker:
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
        if isinstance(key, str) and SHOWN_KEY.fullmatch(key):
            return key
        # Any other key is no name to go by (its own problem quotes it): the record's position is.
        return f"record {root[-1] + 1}" if isinstance(root[-1], int) else self.top_label

    def validate_list(self, model: type[BaseModel]) -> dict[str, Any]:
        """Every valid record by its key; problems for the rest and for duplicate keys."""
        data = self.document.data
        if data is None and self.document.problems:
            return {}
        if not isinstance(data, list):
            self.report((), f"het bestand moet een lijst van records zijn (elk record begint met '- '), niet {type_name(data)}")
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
            self.report(root, f"moet een groep velden zijn (naam: waarde), niet {type_name(item)}")
            return None
        # A record read before exactly so (`serve` reads every file again after each edit) was
        # valid then and is now: its model is frozen, and its rules read only it and the context.
        # The item is plain YAML data (text, numbers, dates, lists, maps), whose repr is all of it.
        key = (model, repr(self.context), hashlib.blake2b(repr(item).encode("utf-8"), digest_size=16).digest())
        if key in _VALID:
            return _VALID[key]
        try:
            record = model.model_validate(item, context=self.context)
        except ValidationError as error:
            for detail in error.errors():
                path = root + tuple(detail["loc"])
                if path not in self.source_problem_paths:  # the YAML reader already said why
                    self.report(path, dutch_message(detail, model))
            return None
        if len(_VALID) >= _VALID_SIZE:
            _VALID.clear()
        _VALID[key] = record
        return record


_VALID: dict[tuple, BaseModel] = {}  # valid records by model, context and the digest of their data
_VALID_SIZE = 100_000


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


SHOWN_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,79}")  # a key safe to name a record by


def indexed(checker: FileChecker, records: dict[str, Any]) -> Iterable[tuple[int, Any]]:
    """(index in the file, record) for the valid records of a file, so problems get lines."""
    return ((checker.index_of[key], record) for key, record in records.items())
