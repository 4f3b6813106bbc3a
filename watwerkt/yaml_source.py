"""Read a YAML file into plain Python data, remembering the line of every value.

PyYAML alone loses two things a contributor needs: where a value stands in the file, and
duplicate keys (it silently keeps the last one). We compose the node tree with the C loader
when available and build the data ourselves, so both are kept.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
import re
from typing import Any

import yaml

try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

DataPath = tuple  # a path into the data: keys and list indexes, e.g. (3, "gemeenten", 0)

MAX_FILE_BYTES = 20 * 1024 * 1024  # about 40,000 projects: far beyond need, far below harm
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_FLOAT = "tag:yaml.org,2002:float"
# "14.000" is fourteen to YAML, fourteen thousand to a Dutch reader.
_DUTCH_THOUSANDS = re.compile(r"\d{1,3}(\.\d{3})+")

# PyYAML's own words for the most common mistakes, said plainly.
_YAML_PROBLEMS_NL = {
    "found character '\\t' that cannot start any token": "er staat een tab; gebruik spaties om in te springen",
    "mapping values are not allowed here": "onverwachte dubbele punt; zet tekst met een ':' tussen aanhalingstekens",
    "mapping values are not allowed in this context": "onverwachte dubbele punt; zet tekst met een ':' tussen aanhalingstekens",
    "found a tab character that violates indentation": "er staat een tab; gebruik spaties om in te springen",
    "could not find expected ':'": "hier ontbreekt een dubbele punt na de veldnaam",
    "found unexpected end of stream": "het bestand houdt onverwacht op; staat er een aanhalingsteken niet afgesloten?",
    "did not find expected key": "de inspringing klopt niet; velden van één record moeten recht onder elkaar staan",
    "did not find expected '-' indicator": "de inspringing klopt niet; items van een lijst beginnen recht onder elkaar met '-'",
    "found undefined alias": "er staat een alias (*) die nergens is gedefinieerd",
    "did not find expected ',' or ']'": "hier ontbreekt een komma of de sluithaak ']'",
    "did not find expected ',' or '}'": "hier ontbreekt een komma of de sluithaak '}'",
    "found unknown escape character": "onbekend teken na een '\\' tussen dubbele aanhalingstekens; gebruik enkele aanhalingstekens",
    "but found another document": "er staat een tweede document (---) in het bestand; gebruik er één per bestand",
}
# For these, where the reader gave up says little: where the unclosed thing began says more.
_REPORT_AT_START = {"found unexpected end of stream", "did not find expected key", "could not find expected ':'"}


@dataclass(frozen=True)
class SourceProblem:
    """Something wrong in the file itself, before any record is read."""

    line: int
    path: DataPath
    message: str


@dataclass
class YamlDocument:
    """The data of one YAML file and the line of every value in it."""

    path: Path
    data: Any
    lines: dict[DataPath, int] = field(default_factory=dict)
    problems: list[SourceProblem] = field(default_factory=list)

    def line_of(self, path: DataPath) -> int:
        """The line of the value at `path`, or of its nearest ancestor that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


def read_yaml(path: Path) -> YamlDocument:
    """Read `path`; syntax errors and duplicate keys become problems, never exceptions."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            message = f"bestand is te groot: {path.stat().st_size // 1024} KB, hoogstens {MAX_FILE_BYTES // 1024} KB; splits het of haal iets weg"
            return YamlDocument(path, None, problems=[SourceProblem(1, (), message)])
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return YamlDocument(path, None, problems=[SourceProblem(1, (), "bestand ontbreekt")])
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        return YamlDocument(path, None, problems=[SourceProblem(line, (), "bestand is geen geldige UTF-8-tekst")])
    except OSError as error:
        return YamlDocument(path, None, problems=[SourceProblem(1, (), f"kan het bestand niet lezen ({error.strerror})")])
    return parse_yaml(path, text)


def parse_yaml(path: Path, text: str) -> YamlDocument:
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        problem = error.problem or str(error)
        mark = error.problem_mark
        if problem in _REPORT_AT_START and error.context_mark or not mark:
            mark = error.context_mark
        message = _YAML_PROBLEMS_NL.get(problem, problem)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return YamlDocument(path, None, problems=[SourceProblem(line, (), f"YAML-fout in kolom {column}: {message}")])
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1
        message = f"ongeldig teken (U+{error.character:04X}); verwijder het of plak de tekst opnieuw als platte tekst"
        return YamlDocument(path, None, problems=[SourceProblem(line, (), message)])
    except yaml.YAMLError as error:
        return YamlDocument(path, None, problems=[SourceProblem(1, (), f"YAML-fout: {error}")])
    document = YamlDocument(path, None)
    if root is None:
        return document
    document.data = _Builder(document).build(root, ())
    return document


class _Builder:
    def __init__(self, document: YamlDocument):
        self.document = document
        self.seen: set[int] = set()
        # One per file: a constructor remembers every node it built.
        self.scalars = yaml.constructor.SafeConstructor()

    def build(self, node: yaml.Node, path: DataPath) -> Any:
        self.document.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, path)
        # An alias is the same node object met twice. Refusing them keeps records readable and
        # stops "billion laughs" documents from expanding exponentially.
        if id(node) in self.seen:
            self.document.problems.append(
                SourceProblem(self.document.lines[path], path, "ankers en aliassen (& en *) worden niet ondersteund; schrijf de waarde voluit")
            )
            return None
        self.seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (index,)) for index, item in enumerate(node.value)]
        return self._mapping(node, path)

    def _mapping(self, node: yaml.MappingNode, path: DataPath) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            key = self._scalar(key_node, path) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                self._problem(key_node, path, "een veldnaam moet gewone tekst zijn")
                continue
            if key in result:
                first = self.document.lines[path + (key,)]
                self._problem(key_node, path + (key,), f"veld staat dubbel (ook op regel {first}); de eerste waarde zou verloren gaan")
                continue
            self.document.lines[path + (key,)] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, path + (key,))
        return result

    def _scalar(self, node: yaml.ScalarNode, path: DataPath) -> Any:
        if node.tag == _FLOAT and _DUTCH_THOUSANDS.fullmatch(node.value):
            self._problem(node, path, f"schrijf '{node.value}' zonder punt: {node.value.replace('.', '')} (een punt is in YAML een komma)")
            return None
        try:
            return self.scalars.construct_object(node)
        except Exception:  # PyYAML raises many kinds here for odd explicit tags (!!bool maybe, !!int)
            # e.g. 2024-13-45 looks like a date but is none: keep the text, validation says why.
            if node.tag == _TIMESTAMP:
                return node.value
            self._problem(node, path, f"'{node.value}' is geen geldige waarde voor YAML-type {node.tag!r}; schrijf gewone tekst, getallen of datums")
            return None

    def _problem(self, node: yaml.Node, path: DataPath, message: str) -> None:
        self.document.problems.append(SourceProblem(node.start_mark.line + 1, path, message))
