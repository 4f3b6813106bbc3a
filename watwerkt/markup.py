"""The engine's own HTML, read quickly.

The engine writes serialized markup: every "<" opens a tag or a comment, attribute values are
quoted, text holds "&" only in character references. Read as such with one expression, it gives
what Python's HTML parser gives, several times faster. Anything else (a "<" that opens nothing,
a script or style element that holds text, which the parser reads by other rules, a comment
with "--" inside, which the parser may end earlier) is left to the parser: the quick reading
answers only where it is sure. Tests hold each reader built on it to the parser's answers, on
hostile text and on every page of the site (tests/test_term_links.py, tests/test_readability.py).
"""
from __future__ import annotations

import html
import re
from typing import Iterator

# Between the parts of a tag, HTML's white space only: Python's \s also takes a no-break space,
# which ends no tag name for the parser. Names and unquoted values stop at any white space.
_SPACE = "[ \t\n\r\f]"


def _attribute(group: str) -> str:
    """An attribute and its value; `group` "(" captures the name and the value as written in
    double, single or no quotes, "(?:" captures nothing."""
    return rf"""{_SPACE}+{group}[^\s"'>/=]+)(?:{_SPACE}*={_SPACE}*(?:"{group}[^"]*)"|'{group}[^']*)'|{group}[^\s"'=<>`]+)))?"""


ATTRIBUTE = re.compile(_attribute("("))
MARKUP = re.compile(rf"<(?:!--.*?-->|(/?)([a-zA-Z][a-zA-Z0-9]*)((?:{_attribute('(?:')})*){_SPACE}*(/?)>)", re.DOTALL)
REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);")  # as the parser reads one
RAW_TEXT = {"script", "style"}


class NotSure(Exception):
    """The markup may be read otherwise by the parser."""


def classes_of(attributes: str) -> set[str]:
    """The classes in a start tag's attributes (as MARKUP found them), the last class attribute
    counting and one without a value giving none, as for the parser."""
    if "class" not in attributes.lower():
        return set()
    value = None
    for attribute in ATTRIBUTE.finditer(attributes):
        if attribute.group(1).lower() == "class":
            value = next((found for found in attribute.groups()[1:] if found is not None), None)
    return set(html.unescape(value).split()) if value else set()


def events(source: str) -> Iterator[tuple]:
    """What the parser reports of `source`, in order: ("text", start, end) for the text between
    two pieces of markup, ("start", tag, attributes, self_closing) and ("end", tag). Tag names
    in lower case; comments are left out. Raises NotSure where the parser may read otherwise."""
    position = 0
    raw_text_open = False  # a script or style element just opened: only its end tag may follow
    for tag_match in MARKUP.finditer(source):
        if tag_match.start() > position:
            if raw_text_open or "<" in source[position : tag_match.start()]:
                raise NotSure
            yield ("text", position, tag_match.start())
        closing, name, attributes, self_closing = tag_match.groups()
        tag = name.lower() if name else None
        if raw_text_open and (not closing or tag not in RAW_TEXT):
            raise NotSure
        position = tag_match.end()
        if tag is None:  # a comment; one with "--" inside may end earlier for the parser ("-- >")
            if "--" in tag_match.group(0)[4:-3]:
                raise NotSure
            continue
        raw_text_open = tag in RAW_TEXT and not closing
        yield ("end", tag) if closing else ("start", tag, attributes, bool(self_closing))
    if raw_text_open or "<" in source[position:]:
        raise NotSure
    if position < len(source):
        yield ("text", position, len(source))
