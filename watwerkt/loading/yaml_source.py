"""Read a YAML file into plain Python data, remembering the line of every value.

PyYAML alone loses two things a contributor needs: where a value stands in the file, and
duplicate keys (it silently keeps the last one). We compose the node tree with the C loader
when available and build the data ourselves, so both are kept.
"""
from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import UserError
from ..reuse import keeping

try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

DataPath = tuple  # a path into the data: keys and list indexes, e.g. (3, "gemeenten", 0)

MAX_FILE_BYTES = 20 * 1024 * 1024  # about 40,000 projects: far beyond need, far below harm
# Deeper than any record goes (the deepest is five); also keeps the builder's recursion shallow.
MAX_DEPTH = 20
_TOO_DEEP = f"de waarden staan te diep in elkaar (meer dan {MAX_DEPTH} niveaus); kijk of er haken [ {{ of inspringingen te veel zijn"
_YAML_TAG_PREFIX = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP, _MERGE, _VALUE, _SEQUENCE, _MAPPING = (
    _YAML_TAG_PREFIX + name for name in ("str", "int", "float", "bool", "null", "timestamp", "merge", "value", "seq", "map")
)
# The only kinds of value a record holds; any other tag is refused before it is constructed.
_SCALAR_TAGS = {_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP}
# "14.000" is fourteen to YAML, fourteen thousand to a Dutch reader ("0.500" is just a half).
_DUTCH_THOUSANDS = re.compile(r"[1-9]\d{0,2}(\.\d{3})+")

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
    "exceeded maximum nesting depth": _TOO_DEEP,
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
    """Read `path`; an unreadable file, syntax errors and duplicate keys become problems, never
    exceptions."""
    try:
        text = read_text_file(path, MAX_FILE_BYTES)
    except UnreadableFile as error:
        return YamlDocument(path, None, problems=[SourceProblem(error.line, (), error.reason)])
    return parse_yaml(path, text)


# --- reading a file that is what it says it is ------------------------------------------------


class UnreadableFile(UserError):
    """A file that is missing, is no regular file, is too big, cannot be read or is no UTF-8."""

    def __init__(self, path: Path, reason: str, line: int = 1):
        self.path = path
        self.line = line
        self.reason = reason  # Dutch, without the path, for messages that name the file already
        super().__init__(f"{path}:{line}: {reason}")


def read_text_file(path: Path, max_bytes: int) -> str:
    """The UTF-8 text of `path`, read as `read_regular_file` reads."""
    raw = read_regular_file(path, max_bytes)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UnreadableFile(path, "bestand is geen geldige UTF-8-tekst", line=raw[: error.start].count(b"\n") + 1) from None


def read_regular_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of `path`, which must be a regular file in its own right.

    A symbolic link is refused, wherever it points: it could lead to a device that never ends
    (/dev/zero), a FIFO that never answers, or a file outside the repository whose content a
    message would then show. The path is checked without following it, then opened with
    O_NOFOLLOW and O_NONBLOCK (so a FIFO put there in between cannot make us wait) and checked
    again on the open file; at most `max_bytes` + 1 bytes are ever read.
    """
    try:
        _refuse_unless_regular(os.lstat(path).st_mode)
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except _Refusal as refusal:
        raise UnreadableFile(path, str(refusal)) from None
    except OSError as error:
        raise UnreadableFile(path, _unreadable_reason(error)) from None
    try:
        with os.fdopen(descriptor, "rb") as file:
            status = os.fstat(file.fileno())
            _refuse_unless_regular(status.st_mode)
            raw = file.read(max_bytes + 1)
    except _Refusal as refusal:
        raise UnreadableFile(path, str(refusal)) from None
    except OSError as error:
        raise UnreadableFile(path, _unreadable_reason(error)) from None
    if len(raw) > max_bytes:
        size = max(status.st_size, len(raw))
        raise UnreadableFile(path, f"bestand is te groot: {size // 1024} KB, hoogstens {max_bytes // 1024} KB; splits het of haal iets weg")
    return raw


class _Refusal(Exception):
    pass


def _refuse_unless_regular(mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISLNK(mode):
        raise _Refusal(
            "is een symbolische link; zet hier het bestand zelf neer (een link wordt nooit gevolgd, ook niet naar een bestand in de repository)"
        )
    if stat.S_ISDIR(mode):
        raise _Refusal("is een map, geen bestand; zet hier een gewoon bestand neer")
    kind = "een named pipe (FIFO)" if stat.S_ISFIFO(mode) else "een socket" if stat.S_ISSOCK(mode) else "een apparaat"
    raise _Refusal(f"is {kind}, geen gewoon bestand; zet hier een gewoon bestand neer")


def _unreadable_reason(error: OSError) -> str:
    if error.errno == errno.ENOENT:
        return "bestand ontbreekt"
    if error.errno == errno.ELOOP:  # O_NOFOLLOW met a link that was not there a moment ago
        return "is een symbolische link; zet hier het bestand zelf neer"
    return f"kan het bestand niet lezen: {os_error_reason(error)}"


# What the operating system's errors mean, in Dutch; the system's own words are kept for the rest.
_OS_REASONS_NL = {
    errno.EACCES: "geen toestemming (rechten)",
    errno.EPERM: "geen toestemming (rechten)",
    errno.ENOENT: "bestaat niet",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.EISDIR: "is een map",
    errno.ELOOP: "te veel symbolische links achter elkaar (een kring van links?)",
    errno.EROFS: "het bestandssysteem is alleen-lezen",
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "de schijfruimte (quota) is op",
    errno.EIO: "lees- of schrijffout van de schijf",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.EEXIST: "bestaat al",
    errno.ENOTEMPTY: "de map is niet leeg",
    errno.EMFILE: "te veel open bestanden",
    errno.ENFILE: "te veel open bestanden",
    errno.ETXTBSY: "het bestand is in gebruik",
    errno.EBUSY: "het bestand is in gebruik",
    errno.EPIPE: "de uitvoer is gesloten",
}


def os_error_reason(error: OSError) -> str:
    """Why the operating system refused, in Dutch."""
    return _OS_REASONS_NL.get(error.errno, f"systeemfout ({error.strerror or type(error).__name__})")


def parse_yaml(path: Path, text: str) -> YamlDocument:
    """The document of `text`. While items are kept (`serve`), a file that is a list read before
    is read again item by item, and only the items whose text changed are parsed."""
    if keeping():
        document = _parsed_by_items(path, text)
        if document is not None:
            return document
    document = _parsed_whole(path, text)
    if keeping():
        _remember_items(path, text, document)
    return document


# --- reading a list again, item by item (`serve`) ---------------------------------------------
#
# A list of records at the top level is a line "- " (or "-") at the start of each item, every
# other line of the item indented, a comment or blank. Each item then means the same alone as in
# the file: an item's text can only run on past the next "- " through an unclosed quote or
# bracket, and its part before that "- " then fails alone (the whole file is read instead). A
# line at the start that is anything else ("---", "...", "%YAML", "key:") makes the file one
# whole again, as do anchors and aliases (through which items share values), line breaks other
# than "\n" and any problem in an item read alone: the problems are always those of the whole
# file, with their lines.

_ITEMS: dict[Path, dict[str, tuple[Any, dict]]] = {}  # file → item text → its data and lines (from 1)
_ITEM_START = re.compile(r"^-(?: |$)", re.MULTILINE)
_OTHER_LINE_START = re.compile(r"^(?![-#\s]|$)|^-(?! |$)", re.MULTILINE)


_OTHER_LINE_BREAKS = re.compile("[\r\x85\u2028\u2029]")  # YAML breaks lines there too; lines are counted at "\n" only


def _items(text: str) -> list[tuple[int, str]] | None:
    """(first line, text) of each top-level item, or None when `text` is not plainly a list."""
    starts = [match.start() for match in _ITEM_START.finditer(text)]
    if not starts or _OTHER_LINE_START.search(text) or _OTHER_LINE_BREAKS.search(text):
        return None
    if any(line.strip() and not line.lstrip().startswith("#") for line in text[: starts[0]].splitlines()):
        return None
    items, line = [], text.count("\n", 0, starts[0]) + 1
    for start, end in zip(starts, starts[1:] + [len(text)]):
        items.append((line, text[start:end]))
        line += text.count("\n", start, end)
    return items


def _shares_values(item_text: str) -> bool:
    """Whether an item may hold an anchor (&) or an alias (*), through which items share values:
    such a file is always read whole. Only an item with either sign is scanned for them."""
    if "&" not in item_text and "*" not in item_text:
        return False
    try:
        return any(isinstance(token, (yaml.AnchorToken, yaml.AliasToken)) for token in yaml.scan(item_text, Loader=_Loader))
    except yaml.YAMLError:
        return True


def _remember_items(path: Path, text: str, document: YamlDocument) -> None:
    items = _items(text) if not document.problems and isinstance(document.data, list) else None
    if (
        items is None or len(items) != len(document.data)
        or any(document.lines.get((index,)) != line for index, (line, _) in enumerate(items))
        or any(_shares_values(item_text) for _, item_text in items)
    ):
        _ITEMS.pop(path, None)
        return
    lines: list[dict] = [{} for _ in items]
    for data_path, line in document.lines.items():
        if data_path:
            lines[data_path[0]][(0, *data_path[1:])] = line - items[data_path[0]][0] + 1
    _ITEMS[path] = {item_text: (value, item_lines) for (_, item_text), value, item_lines in zip(items, document.data, lines)}


def _parsed_by_items(path: Path, text: str) -> YamlDocument | None:
    known, items = _ITEMS.get(path), _items(text)
    if known is None or items is None:
        return None
    document, kept = YamlDocument(path, []), {}
    for index, (first_line, item_text) in enumerate(items):
        if item_text not in known:
            alone = _parsed_whole(path, item_text)
            if alone.problems or not isinstance(alone.data, list) or len(alone.data) != 1 or _shares_values(item_text):
                return None
            known[item_text] = (alone.data[0], {data_path: line for data_path, line in alone.lines.items() if data_path})
        value, item_lines = kept[item_text] = known[item_text]
        document.data.append(value)
        for data_path, line in item_lines.items():
            document.lines[(index, *data_path[1:])] = line + first_line - 1
    document.lines[()] = items[0][0]
    _ITEMS[path] = kept  # the items of this version only
    return document


def _parsed_whole(path: Path, text: str) -> YamlDocument:
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
    except RecursionError:  # only the pure-Python reader recurses; libyaml stops at depth 1000
        return YamlDocument(path, None, problems=[SourceProblem(1, (), _TOO_DEEP)])
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
        if id(node) in self.seen:  # reported where the alias stands, not where the anchor does
            message = "ankers en aliassen (& en *) worden niet ondersteund; schrijf de waarde voluit"
            self.document.problems.append(SourceProblem(self.document.lines[path], path, message))
            return None
        self.seen.add(id(node))
        if len(path) >= MAX_DEPTH:  # and the builder's own recursion stays shallow
            self._problem(node, path, _TOO_DEEP)
            return None
        expected = _SEQUENCE if isinstance(node, yaml.SequenceNode) else _MAPPING
        if node.tag != expected:  # !!set, !!omap, !!pairs, !!python/object:..., !eigen
            self._problem(node, path, _unsupported_tag_message(node.tag))
            return None
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (index,)) for index, item in enumerate(node.value)]
        return self._mapping(node, path)

    def _mapping(self, node: yaml.MappingNode, path: DataPath) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                self._problem(key_node, path, "samenvoegen met '<<:' wordt niet ondersteund; schrijf de velden voluit")
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                self._problem(key_node, path, "een veldnaam moet gewone tekst zijn")
                continue
            key = key_node.value
            if key in result:
                first = self.document.lines[path + (key,)]
                self._problem(key_node, path + (key,), f"veld staat dubbel (ook op regel {first}); de eerste waarde zou verloren gaan")
                continue
            self.document.lines[path + (key,)] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, path + (key,))
        return result

    def _scalar(self, node: yaml.ScalarNode, path: DataPath) -> Any:
        if node.tag == _VALUE:  # a lone '=' is text to anyone but YAML 1.1
            return node.value
        if node.tag not in _SCALAR_TAGS:  # !!binary, !!python/..., !eigen: never constructed
            self._problem(node, path, _unsupported_tag_message(node.tag))
            return None
        if node.tag == _FLOAT and _DUTCH_THOUSANDS.fullmatch(node.value):
            self._problem(node, path, f"schrijf '{node.value}' zonder punt: {node.value.replace('.', '')} (een punt is in YAML een komma)")
            return None
        try:
            value = self.scalars.construct_object(node)
        except Exception:  # PyYAML raises many kinds here for odd explicit tags (!!bool maybe, !!int)
            # e.g. 2024-13-45 looks like a date but is none: keep the text, validation says why.
            if node.tag == _TIMESTAMP:
                return node.value
            shown = shortened(node.value)
            self._problem(node, path, f"'{shown}' is geen geldige waarde voor YAML-type {_tag_name(node.tag)}; schrijf gewone tekst, getallen of datums")
            return None
        surprise = _surprise(node, value)
        if surprise:
            self._problem(node, path, surprise)
            return None
        return value

    def _problem(self, node: yaml.Node, path: DataPath, message: str) -> None:
        self.document.problems.append(SourceProblem(node.start_mark.line + 1, path, message))


# --- values YAML reads otherwise than a person does -----------------------------------------

_PLAIN_BOOL = re.compile(r"true|false", re.IGNORECASE)
_PLAIN_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_PLAIN_FLOAT = re.compile(r"[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?")


def _surprise(node: yaml.ScalarNode, value: Any) -> str | None:
    """Why `value` is not what the writer of `node` most likely meant, or None.

    YAML 1.1, which PyYAML reads, turns `no` into false, `0755` into 493 and `12:30` into 750.
    Only true/false and numbers written as numbers are taken as they are.
    """
    text = node.value
    shown = shortened(text)
    quote = f'bedoelt u tekst, zet die dan tussen aanhalingstekens: "{shown}"'
    if node.tag == _BOOL and not _PLAIN_BOOL.fullmatch(text):
        return f"YAML leest '{shown}' als de ja/nee-waarde {'true' if value else 'false'}, niet als tekst; {quote}"
    if node.tag == _INT and not _PLAIN_INT.fullmatch(text):
        return f"YAML leest '{shown}' als het getal {_shown_number(value)}{_number_form(text)}; {quote}"
    if node.tag == _FLOAT and value != value:
        return f"YAML leest '{shown}' als 'geen getal' (NaN), niet als een gewoon getal; {quote}"
    if node.tag == _FLOAT and value in (float("inf"), float("-inf")):
        return f"YAML leest '{shown}' als oneindig, niet als een gewoon getal; {quote}"
    if node.tag == _FLOAT and not _PLAIN_FLOAT.fullmatch(text):
        return f"YAML leest '{shown}' als het getal {shortened(value)}{_number_form(text)}; {quote}"
    return None


def _shown_number(value: int) -> str:
    try:
        return shortened(value)
    except ValueError:  # Python writes no integer of more than 4300 digits
        return "van duizenden cijfers"


def _number_form(text: str) -> str:
    """Why YAML reads `text` as the number it does, for a message."""
    digits = text.lstrip("+-")
    if ":" in digits:
        return " (YAML rekent getallen met ':' in zestigtallen, zoals uren en minuten)"
    if digits[:2].lower() == "0x":
        return " (0x vooraan maakt er een zestientallig getal van)"
    if digits[:2].lower() == "0b":
        return " (0b vooraan maakt er een tweetallig getal van)"
    if digits.startswith("0") and digits.replace("_", "").isdigit() and len(digits) > 1:
        return " (een 0 vooraan maakt er een achttallig getal van)"
    if "_" in digits:
        return " (YAML laat de liggende streepjes weg)"
    return ""


def _unsupported_tag_message(tag: str) -> str:
    name = _tag_name(tag)
    return f"het YAML-type {name} wordt niet ondersteund; laat '{name}' weg en schrijf gewone tekst, een lijst of velden"


def _tag_name(tag: str) -> str:
    """A tag as it was written: tag:yaml.org,2002:binary was !!binary."""
    return shortened("!!" + tag.removeprefix(_YAML_TAG_PREFIX) if tag.startswith(_YAML_TAG_PREFIX) else tag, 40)


def shortened(value: Any, limit: int = 60) -> str:
    """A value as it may appear in a one-line message: one line, not too long."""
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
