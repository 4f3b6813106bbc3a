"""A problem found in the data, named by file, line, record and field, and shown safely."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass


from ..errors import UserError


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


# Shown as they are: letters, digits, marks, punctuation, symbols and spaces. Everything else
# (controls, format characters such as bidi controls and zero-width spaces, surrogates,
# unassigned code points, line separators) is shown as an escape: \x1b, \u202e.
_UNPRINTABLE_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def printable(text: str) -> str:
    """`text` with every character a terminal or an editor could act on written as an escape."""
    return "".join(
        character.encode("unicode_escape", "backslashreplace").decode("ascii")
        if unicodedata.category(character) in _UNPRINTABLE_CATEGORIES else character
        for character in text
    )
