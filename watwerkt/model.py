"""The record types of the kennisbank.

Field names are the YAML keys (Dutch, as contributors write them). Each field's description
documents it for contributors; the same models give the JSON Schema. Rules that need more
than one field or more than one record (references, "reason required when stopped") live in
`loading.rules`, where the error can name the right field.
"""
from __future__ import annotations

import datetime
import ipaddress
import re
import socket
import typing
import unicodedata
from typing import Annotated, Literal
from urllib.parse import SplitResult, unquote, unquote_plus, urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, WithJsonSchema
from pydantic.json_schema import GenerateJsonSchema

# --- value types ---------------------------------------------------------------------------

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ID_MAX_LENGTH = 80  # ids become file names and URLs
# Every fixed name inside a record section (aanpakken/, projectenbank/, opleiding/, gemeenten/):
# a record with that id (or a municipality with that name) would take its place. `index` is each
# section's overview, `pagina` the projectenbank's numbered pages, `feed` stands beside
# projectenbank/feed.xml and `index` beside projectenbank/index.json, `teksten` beside projectenbank/teksten.json;
# `lesmateriaal` is the
# teaching material's page. tests/test_refusals.py derives them from the site and checks this list.
RESERVED_IDS = {"index", "pagina", "feed", "lesmateriaal", "teksten"}
_LINE_BREAKS = re.compile(r"[\r\n\x85\u2028\u2029]")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_MUNICIPALITY_CODE = re.compile(r"GM[0-9]{4}")
# Lists hold what a reader can take in; and there are fewer than 400 municipalities in the
# Netherlands (342 in 2025), each listed at most once.
MAX_ITEMS = 50
_MAX_MUNICIPALITIES = 400
_MAX_MODULES = 200
_MAX_PERMANENT_IDS = 5000  # grows with every published id, and never shrinks


# --- the rules for text: one definition for the check, the JSON Schema and the web form ------
#
# Each pattern is written in the part that Python's `re` and ECMAScript's RegExp share, because
# the web form runs `new RegExp(pattern)` (no flags) on the schema's copy: no \d, \s, \w or \b
# (Unicode-aware in Python, ASCII-only in JavaScript), no lookbehind (older Safari), no inline
# flags, no code point above U+FFFF (JavaScript without the u flag sees two halves). Letters
# match in either case because both cases are spelled out. tests/test_refusals.py runs every
# pattern in node over the same cases as in Python.


class TextRule:
    """Text that is refused: a pattern that finds it, and the message that says why."""

    def __init__(
        self, pattern: str, message: str, *, beyond_bmp: str = "", names_character: bool = False,
        on_folded: bool = False, by_category: typing.Callable[[str], str | None] | None = None, needs: str = "",
    ):
        self.pattern = pattern  # also in the JSON Schema, for editors and the web form
        self.message = message
        # Code points above U+FFFF, as a Python character class: only the Python check knows them.
        self.beyond_bmp = beyond_bmp
        self.names_character = names_character  # say which invisible character it found
        # Python only, for text that is not plain ASCII (where neither can find more):
        # `on_folded` also tries the pattern on the text as `folded_for_rules` gives it (digits of
        # any script, look-alike letters); `by_category` finds a character by its Unicode category,
        # which a JavaScript RegExp without the u flag cannot name.
        self.on_folded = on_folded
        self.by_category = by_category
        # Python only, for speed: a part of the pattern that every match holds and that is quick
        # to look for; where it is absent, the whole pattern need not run.
        self._needed = re.compile(needs) if needs else None
        self._regex = re.compile("|".join(part for part in (pattern, beyond_bmp) if part))

    def problem(self, text: str, folded: str | None = None) -> str | None:
        """The message if the rule finds something in `text`; `folded` is `folded_for_rules(text)`
        for text that is not plain ASCII, else None."""
        found = self._first_character_found(text, folded)
        if found is None:
            return None
        if self.names_character:
            return f"{self.message} (gevonden: U+{ord(found):04X})"
        return self.message

    def _first_character_found(self, text: str, folded: str | None) -> str | None:
        match = self._search(text)
        if match:
            return match.group()[:1]
        if folded is None:
            return None
        if self.on_folded:
            match = self._search(folded)
            if match:
                return match.group()[:1]
        return self.by_category(text) if self.by_category else None

    def _search(self, text: str) -> re.Match | None:
        if self._needed and not self._needed.search(text):
            return None
        return self._regex.search(text)

    def schema(self) -> dict:
        return {"pattern": self.pattern, "x-melding": self.message}


def _either_case(word: str) -> str:
    """'gmail' → '[Gg][Mm][Aa][Ii][Ll]': case-insensitive without a flag."""
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else re.escape(c) for c in word)


def _any_of(words: typing.Iterable[str]) -> str:
    return "(?:" + "|".join(_either_case(word) for word in words) + ")"


# Dutch mobile numbers belong to persons; organisations publish a general number. Any spelling:
# 06, +316, 00316, 316 (as in wa.me/31612345678), +31 (0)6, (06); up to five characters of
# space, punctuation or any kind of dash between the digits (also the non-breaking hyphen
# U+2011); full-width digits. Digits of other scripts (𝟎𝟔, ٠٦, ⁰⁶, ⓪⑥) the Python check finds
# in the folded text (folded_for_rules).
_DIGIT = r"[0-9\uFF10-\uFF19]"
_GAP = (
    r"[ \t\u00A0\u00AD\u2000-\u200D\u202F\u205F\u2060\u3000\uFEFF"
    r".\uFF0E\u3002/()\uFF08\uFF09\-\u2010-\u2015\u2212\uFE58\uFE63\uFF0D"
    r"~\uFF5E_\uFF3F,\uFF0C\u3001|\uFF5C*\uFF0A:\uFF1A]{0,5}"
)
# A date on the sixth of a month is no phone number: 06-05-2023, 06.05.2023, 06/05/2023.
_DATE_ON_THE_SIXTH = r"[0\uFF10][6\uFF16][\-./](?:0?[1-9]|1[0-2])[\-./](?:19|20)[0-9]{2}(?![0-9])"
_MOBILE_DIGITS = rf"[6\uFF16](?:{_GAP}{_DIGIT}){{8}}"  # the 6 and the eight digits after it
_MOBILE_NUMBER = (
    r"(?:^|[^0-9\uFF10-\uFF19])"  # not the tail of a longer number
    rf"(?:(?:[+\uFF0B]|[0\uFF10]{_GAP}[0\uFF10])?{_GAP}[3\uFF13]{_GAP}[1\uFF11]{_GAP}(?:[0\uFF10]{_GAP})?"
    rf"|(?!{_DATE_ON_THE_SIXTH})[0\uFF10]{_GAP})"
    + _MOBILE_DIGITS
    + r"(?![0-9\uFF10-\uFF19]|[:.,][0-9])"  # not a date with a time: 06-12-2023 14:00
)

# A person's e-mail address, not an organisation's: any address at a mail provider for private
# people (jan@gmail.com), and initials with a surname at any domain (s.jansen@, jh.van.dijk@).
# "info.groningen@humanitas.nl" is an organisation's. Also when written out: jan [at] gmail
# [dot] com, jan (a) gmail punt com, jan at gmail dot com, jan apenstaartje gmail punt com, and
# with spaces around the @ or the last dot. A provider with its domain ("web.de") counts only at
# that domain, where its name alone is a common word. Look-alike letters (gmаil with a Cyrillic
# а) the Python check finds in the folded text.
_MAIL_PROVIDERS = (
    "gmail", "googlemail", "hotmail", "outlook", "live", "msn", "windowslive", "yahoo", "ymail", "icloud", "me", "mac",
    "aol", "gmx", "proton", "protonmail", "pm", "tutanota", "tuta", "ziggo", "kpnmail", "kpnplanet", "planet", "hetnet",
    "home", "xs4all", "casema", "upcmail", "chello", "zeelandnet", "quicknet", "tele2", "telfort", "online", "hccnet",
    "zonnet", "freeler", "caiway", "solcon", "versatel", "onsbrabantnet", "kabelfoon", "delta", "wanadoo", "tiscali",
    "telenet", "skynet", "web.de", "hey.com",
)
_DOT_CHARACTER = r"[.\uFF0E\u3002\uFF61\uFE52]"
_AT_SIGN = r"[@\uFF20\uFE6B]"
_AT_IN_BRACKETS = r"[\[({][ \t]*" + _any_of(["at", "a", "apenstaartje"]) + r"[ \t]*[\])}]"
_AT_AS_WORD = _any_of(["at", "apenstaartje"])
_AT = rf"(?:[ \t]*{_AT_SIGN}[ \t]*|[ \t]*{_AT_IN_BRACKETS}[ \t]*| +{_AT_AS_WORD} +)"
_SOME_AT = rf"{_AT_SIGN}|{_AT_IN_BRACKETS}| {_AT_AS_WORD} "  # what every _AT holds
_DOT = r"(?:" + _DOT_CHARACTER + r"|[ \t]*[\[({][ \t]*" + _any_of(["dot", "punt"]) + r"[ \t]*[\])}][ \t]*| +" + _any_of(["dot", "punt"]) + " +)"
# "gmail . com": a dot with spaces, only before a common ending ("home. De ouders" is a sentence).
_SPACED_DOT = r"[ \t]+" + _DOT_CHARACTER + r"[ \t]*|" + _DOT_CHARACTER + r"[ \t]+"
_PROVIDER_ADDRESS = (
    "(?:" + _any_of(p for p in _MAIL_PROVIDERS if "." not in p)
    + "(?:" + _DOT + "[A-Za-z]{2}|(?:" + _SPACED_DOT + ")" + _any_of(["com", "nl", "net", "org"]) + "(?![A-Za-z]))"
    + "".join(
        "|" + _either_case(name) + "(?:" + _DOT + "|" + _SPACED_DOT + ")" + _either_case(ending) + "(?![A-Za-z0-9\\-])"
        for name, ending in (p.split(".") for p in _MAIL_PROVIDERS if "." in p)
    )
    + ")"
)
_NOT_IN_ADDRESS = r"(?:^|[^A-Za-z0-9._%+\-])"  # the address starts here, not inside a longer word
_PERSONAL_EMAIL = (
    _NOT_IN_ADDRESS
    + r"(?:[A-Za-z0-9._%+\-]+" + _AT + _PROVIDER_ADDRESS
    + r"|[A-Za-z]{1,2}" + _DOT + "(?:" + _any_of(["van", "de", "der", "den", "ten", "ter", "te", "het", "in"]) + _DOT + ")*"
    + r"[A-Za-z\-]+" + _AT + r"[A-Za-z0-9\-]+" + _DOT + ")"
)

# Characters that hide text or turn it around: bidirectional controls, zero-width characters,
# invisible operators and fillers that look like nothing; and runs of variation selectors (data
# can hide in them; one after an emoji is normal). Above U+FFFF: tag characters, variation
# selectors 17-256 and invisible musical formatting. Also named, so that the web form knows them:
# interlinear annotation U+FFF9-FFFB, Arabic, Syriac and Kaithi number signs, shorthand format
# controls, Egyptian hieroglyph controls. The Python check refuses every other format character
# too (category Cf), except the soft hyphen: it only marks where a long word may break (Word
# and websites put it in Dutch compounds), it hides nothing the rules then miss (the phone rule
# reads it as a gap, the folded text drops it, links refuse it), and text of only soft hyphens
# is refused as invisible.
_HIDDEN_CHARACTERS = r"\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFFA0\uFEFF"
_HIDDEN = rf"[{_HIDDEN_CHARACTERS}\uFFF9-\uFFFB\u0600-\u0605\u06DD\u070F\u08E2]|[\uFE00-\uFE0F]{{2}}"
_HIDDEN_BEYOND_BMP = "[\U000E0000-\U000E007F\U000E0100-\U000E01EF\U0001D173-\U0001D17A\U0001BCA0-\U0001BCA3\U00013430-\U0001343F\U000110BD\U000110CD]"
_ALLOWED_FORMAT_CHARACTERS = frozenset("\u00AD")  # the soft hyphen, see above
_SPACES = r"\t\n\x0b\x0c\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000"
_BLANK_MARKS = r"\u00AD\u034F\u2800\uFE00-\uFE0F"  # soft hyphen, grapheme joiner, braille blank, variation selectors
_INVISIBLE = f"[{_SPACES}{_HIDDEN_CHARACTERS}{_BLANK_MARKS}]"
# Combining marks with no letter to sit on show as nothing, or as a stray accent.
_COMBINING_MARKS = r"\u0300-\u036F\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F"
# What a link may not hold: controls, spaces of any kind, invisible characters; and characters
# that are markup or that a browser would have to encode (<img onerror=…> in a link would reach
# the open-data JSON and CSV as it stands). A link copied from the address bar has none of them.
_URL_FORBIDDEN_CHARACTERS = rf"\x00-\x20\x7f-\x9f{_SPACES}{_HIDDEN_CHARACTERS}{_BLANK_MARKS}"
_URL_FORBIDDEN = re.compile(f"[{_URL_FORBIDDEN_CHARACTERS}]")
_URL_MARKUP_CHARACTERS = r"<>\"`\\{}|^"
_URL_MARKUP = re.compile(f"[{_URL_MARKUP_CHARACTERS}]")

# Code points that XML 1.0 cannot carry (the feed is XML) or that are no characters at all:
# lone surrogates, and the non-characters U+FDD0-U+FDEF and U+xFFFE/U+xFFFF (controls have a
# rule of their own). The surrogates are for Python only: in JavaScript an emoji is two of them.
# The Python check also refuses private-use characters (category Co: U+E000-F8FF, planes 15 and
# 16) and unassigned code points (Cn): no font shows them the same for every reader.
_NOT_CHARACTERS = r"[\uFDD0-\uFDEF\uFFFE\uFFFF]"
_NOT_CHARACTERS_BEYOND_BMP = "[\ud800-\udfff" + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17)) + "]"


def _first_of_category(text: str, categories: tuple[str, ...], allowed: frozenset[str] = frozenset()) -> str | None:
    """The first character of `text` in one of the Unicode categories, if any."""
    return next((c for c in dict.fromkeys(text) if unicodedata.category(c) in categories and c not in allowed), None)


def _hidden_format_character(text: str) -> str | None:
    return _first_of_category(text, ("Cf",), _ALLOWED_FORMAT_CHARACTERS)


def _unassigned_or_private_character(text: str) -> str | None:
    return _first_of_category(text, ("Cn", "Co"))


_INVISIBLE_REGEX = re.compile(f"{_INVISIBLE}+")


def _only_invisible_or_marks(text: str) -> str | None:
    """Text of nothing but invisible characters and combining marks (of any block)."""
    shown = _INVISIBLE_REGEX.sub("", text)
    if all(unicodedata.category(c).startswith("M") or c in _ALLOWED_FORMAT_CHARACTERS for c in dict.fromkeys(shown)):
        return text[:1]
    return None


_OTHER_DECIMAL_DIGIT = re.compile(r"(?![0-9])\d")  # Python's \d: every Unicode decimal digit


def folded_for_rules(text: str) -> str:
    """The text as a reader sees it, for the Python check only (TextRule.on_folded): NFKC makes
    𝟎, ⁰, ⓪, ０ and ＠ plain; every other decimal digit (Arabic-Indic ٠, Devanagari ०, ...) becomes
    its ASCII digit; look-alike letters become Latin (look_alike_skeleton); soft hyphens go."""
    plain = unicodedata.normalize("NFKC", text).replace("\u00AD", "")
    plain = _OTHER_DECIMAL_DIGIT.sub(lambda digit: str(unicodedata.digit(digit.group())), plain)
    return look_alike_skeleton(plain)


def _scheme(word: str) -> str:
    """'javascript:' as a browser still reads it at the start of a link: any case, with tabs
    and line breaks between the letters (browsers drop them), the colon escaped for Markdown."""
    letters = [_either_case(c) for c in word.rstrip(":")]
    return r"[\t\n\r]*".join(letters) + r"[\t\n\r]*\\?:"


_CONTROL_RULE = TextRule(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", "tekst bevat onzichtbare stuurtekens; plak de tekst opnieuw als platte tekst")
_NOT_CHARACTER_RULE = TextRule(
    _NOT_CHARACTERS, "tekst bevat een teken dat geen letter of leesteken is en dat de site niet kan tonen; haal het weg",
    beyond_bmp=_NOT_CHARACTERS_BEYOND_BMP, names_character=True, by_category=_unassigned_or_private_character,
)
_INVISIBLE_ONLY_RULE = TextRule(
    f"^[{_SPACES}{_HIDDEN_CHARACTERS}{_BLANK_MARKS}{_COMBINING_MARKS}]+$", "bevat alleen onzichtbare tekens; vul echte tekst in",
    by_category=_only_invisible_or_marks,
)
_HIDDEN_RULE = TextRule(
    _HIDDEN, "tekst bevat een onzichtbaar teken dat tekst kan verbergen of omdraaien; typ de tekst opnieuw of plak hem als platte tekst",
    beyond_bmp=_HIDDEN_BEYOND_BMP, names_character=True, by_category=_hidden_format_character,
)
_PHONE_RULE = TextRule(
    _MOBILE_NUMBER, "een 06-nummer is persoonlijk; noem het algemene contactpunt van de organisatie", on_folded=True, needs=_MOBILE_DIGITS,
)
_PERSONAL_EMAIL_RULE = TextRule(
    _PERSONAL_EMAIL,
    "dit lijkt een persoonlijk e-mailadres; noem een algemeen adres van de organisatie, zoals info@voorbeeld.nl, "
    "geen adres van een persoon en geen adres bij gmail, hotmail en dergelijke",
    on_folded=True, needs=_SOME_AT,
)
_CHARACTER_RULES = (_CONTROL_RULE, _NOT_CHARACTER_RULE, _INVISIBLE_ONLY_RULE, _HIDDEN_RULE)  # what no value may hold, not even an id
_PERSONAL_DATA_RULES = (_PHONE_RULE, _PERSONAL_EMAIL_RULE)
TEXT_RULES = (
    *_CHARACTER_RULES,
    TextRule(r"<[\t\n\f\r ]*/?[\t\n\f\r ]*[A-Za-z!?]", "HTML is niet toegestaan; gebruik gewone tekst (of Markdown in lange teksten)"),
    # A character reference is how a link scheme or a hidden character slips past a check
    # (javascript&#58;, &commat;, &ZeroWidthSpace;): typed text never needs one. Every name of
    # the form HTML gives them (letters and digits, then ;) is refused, not only the ~2,200 that
    # exist: 'R&D' and 'Jansen & Zn.' pass, 'A&B;' is refused and reads as well as 'A&B ;'.
    TextRule(r"&#[0-9xX]|&[A-Za-z][A-Za-z0-9]*;", "tekens als &#58; zijn niet toegestaan; typ het teken zelf"),
    TextRule(
        "|".join([_scheme("javascript:"), _scheme("vbscript:"), _scheme("data:") + r"[A-Za-z0-9.+\-]*[/;,]"]),
        "'javascript:', 'vbscript:' en 'data:' zijn niet toegestaan in tekst",
    ),
    # The sanitizer keeps only whole http(s) and mailto addresses as links; any other Markdown
    # link target ('../pagina.md', '//site', 'www.site.nl') would reach the reader as a dead link.
    TextRule(
        r"\]\([\t\n\f\r ]*(?!<?(?:https?://|mailto:))[^)\t\n\f\r ]|(?:^|\n)[ \t]*\[[^\]\n]+\]:[ \t]*(?!<?(?:https?://|mailto:))[^\t\n\f\r ]",
        "een link in de tekst moet een heel webadres zijn (https://...) of een mailto:-adres; een link naar een pagina van deze site werkt hier niet",
        needs=r"\]",
    ),
    *_PERSONAL_DATA_RULES,
)
# In the JSON Schema the rules stand once, in $defs, and every text field refers to them: the
# marker becomes that reference when the schema is made (_SchemaWithTextRules).
TEXT_RULES_DEFINITION = "Tekstregels"
_RULES_MARKER = "x-tekstregels"
_RULES_SCHEMA = {"not": {_RULES_MARKER: True}}


def _refuse_by(rules: typing.Iterable[TextRule], value: str) -> None:
    folded = None if value.isascii() else folded_for_rules(value)
    for rule in rules:
        message = rule.problem(value, folded)
        if message:
            raise ValueError(message)


def _record_id(value: str) -> str:
    _refuse_by(_CHARACTER_RULES, value)
    if not _ID.fullmatch(value):
        raise ValueError(
            f"'{value[:60]}' is geen geldige id: gebruik alleen kleine letters, cijfers en streepjes, zoals 'samen-sterk'"
        )
    if len(value) > _ID_MAX_LENGTH:
        raise ValueError(f"id is te lang: {len(value)} tekens, hoogstens {_ID_MAX_LENGTH}")
    if value in RESERVED_IDS:
        raise ValueError(f"'{value}' is gereserveerd; kies een andere id")
    return value


def _clean_text(value: str) -> str:
    value = unicodedata.normalize("NFC", value).strip()
    if not value:
        raise ValueError("mag niet leeg zijn")
    _refuse_by(TEXT_RULES, value)
    return value


def _one_line(value: str) -> str:
    if _LINE_BREAKS.search(value):
        raise ValueError("moet op één regel passen")
    return value


def _url_name(value: str) -> str:
    """A name that becomes a web address (a municipality's: 'Aa en Hunze' → gemeenten/aa-en-hunze/)."""
    name = slug(value)
    if not name:
        raise ValueError(
            "geeft geen webadres: de naam heeft geen letters a-z of cijfers; schrijf de naam zoals het CBS die schrijft"
        )
    if name in RESERVED_IDS:
        raise ValueError(f"geeft het webadres '{name}', en dat is al een vaste pagina van de site; schrijf de naam zoals het CBS die schrijft")
    if len(name) > _ID_MAX_LENGTH:
        raise ValueError(f"is te lang voor een webadres: hoogstens {_ID_MAX_LENGTH} letters en cijfers")
    return value


def _url(value: str) -> str:
    _refuse_by([_NOT_CHARACTER_RULE], value)
    if _URL_FORBIDDEN.search(value) or _hidden_format_character(value):
        raise ValueError("een link mag geen spaties, regeleinden of onzichtbare tekens bevatten; plak de link opnieuw")
    if _URL_MARKUP.search(value):
        raise ValueError("een link mag geen < > \" ` \\ { } | of ^ bevatten; kopieer de link uit de adresbalk van de browser")
    for shown in dict.fromkeys((value, _percent_decoded(value))):  # mailto:jan%40gmail.com is jan@gmail.com
        _refuse_by(_PERSONAL_DATA_RULES, shown)
    try:
        parts = urlsplit(value)
    except ValueError:
        raise ValueError(f"'{value}' is geen geldig webadres") from None
    if parts.scheme not in ("http", "https", "mailto"):
        raise ValueError(f"'{value}' is geen geldige link: begin met https://, http:// of mailto:")
    if parts.scheme == "mailto":
        if "?" in value or "#" in value:  # ?cc=, ?bcc= and ?body= add what the check never saw
            raise ValueError(f"'{value}' heeft iets achter het e-mailadres (na ? of #); noem alleen het adres, zoals mailto:info@voorbeeld.nl")
        _email(parts.path)
    else:
        _refuse_unless_public_site(parts, value)
    return value


def _percent_decoded(url: str) -> str:
    """The link as its reader's browser shows it: %40 is @, + in a query a space; also when
    encoded twice or more (%2540)."""
    for _ in range(5):
        decoded = unquote_plus(url)
        if decoded == url:
            break
        url = decoded
    return url


# Names that never belong to a public website: this computer, the local network (mDNS), and
# endings that are kept for private networks or were never given out.
_PRIVATE_NAME_ENDINGS = ("localhost", "local", "internal", "arpa", "lan", "home", "corp", "intranet")


def _refuse_unless_public_site(parts: SplitResult, value: str) -> None:
    """A link to a website names the site and nothing else: no name and password before an @
    (https://google.com@evil.nl/ goes to evil.nl), a real port, and neither an IP address nor a
    name kept for private networks. An IP address can point inside a network (127.0.0.1,
    169.254.169.254, in many spellings), which the weekly link check would then visit from the
    inside; a public website is named by its name, so every IP address is refused."""
    if "@" in parts.netloc:
        raise ValueError(
            f"'{value}' heeft een @ vóór het adres van de site; zo'n link gaat naar een andere site dan hij lijkt. "
            "Noem alleen het webadres, zoals https://www.voorbeeld.nl"
        )
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port == 0:
        raise ValueError(f"'{value}' heeft een ongeldig poortnummer na de dubbele punt; laat het weg, of schrijf een getal van 1 tot 65535")
    host = _host_name(parts, value)
    if ip_address_of(host) is not None:
        raise ValueError(
            f"'{value}' noemt een IP-adres in plaats van de naam van een website; zo'n adres kan naar een computer in een "
            "eigen netwerk wijzen. Noem het openbare webadres, zoals https://www.voorbeeld.nl"
        )
    if host.rsplit(".", 1)[-1] in _PRIVATE_NAME_ENDINGS:
        raise ValueError(
            f"'{value}' wijst naar een computer in een eigen netwerk, niet naar een openbare website; "
            "noem het openbare webadres, zoals https://www.voorbeeld.nl"
        )
    if "." not in host:
        raise ValueError(f"'{value}' is geen geldig webadres")


def _host_name(parts: SplitResult, value: str) -> str:
    """The site's name as a browser reads it: %-escapes decoded, full-width letters, digits and
    dots made plain (IDNA), any case, without the closing dot of a fully qualified name."""
    host = unquote(parts.hostname or "")  # without the [ ] of an IPv6 address
    if ":" in host:  # an IPv6 address: IDNA does not apply
        return host
    try:
        return host.encode("idna").decode("ascii").lower().rstrip(".")
    except UnicodeError:
        raise ValueError(f"'{value}' is geen geldig webadres") from None


def ip_address_of(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address, if the host is one, in every spelling a resolver accepts: 127.0.0.1, but
    also 127.1, 0x7f.0.0.1, 0177.0.0.1, 2130706433 and [::ffff:127.0.0.1]."""
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    try:
        return ipaddress.IPv4Address(socket.inet_aton(host))
    except OSError:
        return None


def _email(value: str) -> str:
    if not _EMAIL.fullmatch(value):
        raise ValueError(f"'{value}' is geen geldig e-mailadres")
    _refuse_by([_PERSONAL_EMAIL_RULE], value)
    return value


def _a_year_after(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def _first_day(value: str | datetime.date) -> datetime.date:
    """The first day a date can mean: '2027' → 2027-01-01, '2027-05' → 2027-05-01."""
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(value + {4: "-01-01", 7: "-01", 10: ""}[len(value)])


def far_ahead(value: str | datetime.date, today: datetime.date) -> bool:
    """Whether a date (also a year or a month: its first day) lies more than a year after today."""
    return _first_day(value) > _a_year_after(today)


def _not_far_ahead(value: str | datetime.date, info: ValidationInfo) -> str | datetime.date:
    """Something that happened (a check, a source, a result) lies at most a year ahead: the
    margin for a date written down a little early. The check passes its `today`."""
    today = (info.context or {}).get("today") or datetime.date.today()
    if far_ahead(value, today):
        shown = value.isoformat() if isinstance(value, datetime.date) else value
        raise ValueError(f"'{shown}' ligt meer dan een jaar in de toekomst (na {_a_year_after(today).isoformat()}); controleer het jaartal")
    return value


def _partial_date(value: object) -> str:
    """Accept 2017, "2017-09" and 2017-09-01: sources often give only a year or a month."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", value):
        day_one = {4: "-01-01", 7: "-01", 10: ""}[len(value)]
        try:
            datetime.date.fromisoformat(value + day_one)
            return value
        except ValueError:
            pass
    raise ValueError(f"'{value}' is geen geldige datum; schrijf JJJJ-MM-DD, JJJJ-MM of JJJJ")


def _real_date(value: object) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"'{value}' is geen geldige datum; schrijf JJJJ-MM-DD") from None


def _municipality_code(value: str) -> str:
    if not _MUNICIPALITY_CODE.fullmatch(value):
        raise ValueError(f"'{value}' is geen CBS-gemeentecode; die ziet eruit als GM0047")
    return value


# The link rules for the web form, as far as a pattern says them cheaply: http(s) with a name
# that has a dot and no @ before it, no IP address and no private name, a port of at most 65535;
# mailto with one address and nothing after it; none of the characters a link may not hold. Only
# the check decodes %-escapes and reads IP addresses in other spellings (127.1, 0x7f.0.0.1).
_URL_NOT_ALLOWED = _URL_FORBIDDEN_CHARACTERS + _URL_MARKUP_CHARACTERS
_HOST_CHARACTER = rf"[^/?#@:\[\]{_URL_NOT_ALLOWED}]"
_HOST_END = r"\.?(?:[:/?#]|$)"
_NOT_PUBLIC_HOST = rf"(?:[0-9.]+{_HOST_END}|(?:{_HOST_CHARACTER}*\.)?{_any_of(_PRIVATE_NAME_ENDINGS)}{_HOST_END})"
_PORT_OUT_OF_RANGE = r"(?:0+|6553[6-9]|655[4-9][0-9]|65[6-9][0-9]{2}|6[6-9][0-9]{3}|[7-9][0-9]{4})(?:[/?#]|$)"
_URL_PATTERN = (
    rf"^(?:https?://(?!{_NOT_PUBLIC_HOST}){_HOST_CHARACTER}+\.{_HOST_CHARACTER}+(?::(?!{_PORT_OUT_OF_RANGE})[0-9]{{0,5}})?"
    rf"(?:[/?#][^{_URL_NOT_ALLOWED}]*)?"
    rf"|mailto:[^@?#{_URL_NOT_ALLOWED}]+@[^@?#{_URL_NOT_ALLOWED}]+\.[A-Za-z]{{2,}})$"
)


# The patterns say in the JSON Schema (for editors and the web form) what the validators check;
# "x-vorm" says it in words, and each refused kind of text its "x-melding", for the form's messages.
Id = Annotated[str, AfterValidator(_record_id), Field(json_schema_extra={
    "pattern": _ID.pattern, "maxLength": _ID_MAX_LENGTH, "x-vorm": "kleine letters, cijfers en streepjes, zoals buurtkamer-emmen"})]
_ONE_LINE_PATTERN = r"^[^\r\n\u0085\u2028\u2029<]*$"
_ONE_LINE = {"pattern": _ONE_LINE_PATTERN, "x-vorm": "één regel tekst, zonder het teken <", **_RULES_SCHEMA}
Line = Annotated[str, AfterValidator(_clean_text), AfterValidator(_one_line), Field(max_length=300, json_schema_extra=_ONE_LINE)]
Summary = Annotated[str, AfterValidator(_clean_text), AfterValidator(_one_line), Field(max_length=200, json_schema_extra=_ONE_LINE)]
Text = Annotated[str, AfterValidator(_clean_text), Field(max_length=5000, json_schema_extra=_RULES_SCHEMA)]
Url = Annotated[str, AfterValidator(_url), Field(json_schema_extra={
    "pattern": _URL_PATTERN,
    "not": {"anyOf": [rule.schema() for rule in _PERSONAL_DATA_RULES]},  # on the link as it stands; the check also decodes it
    "x-vorm": "een webadres dat begint met https:// of http://, zoals https://www.voorbeeld.nl"})]
Email = Annotated[str, AfterValidator(_email), Field(json_schema_extra={
    "pattern": r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$",
    "not": {"anyOf": [_PERSONAL_EMAIL_RULE.schema()]},  # of the text rules, only this one: an address has no room for the rest
    "x-vorm": "een algemeen adres van de organisatie, zoals info@voorbeeld.nl, geen adres van een persoon"})]
_PARTIAL_DATE_SCHEMA = {
    "description": "JJJJ-MM-DD, JJJJ-MM of JJJJ",
    "x-vorm": "een jaar, maand of dag, zoals 2023, 2023-03 of 2023-03-15",
    "anyOf": [{"type": "string", "pattern": r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"}, {"type": "integer", "minimum": 1000, "maximum": 9999}],
}
# In YAML a bare year (2017) is a number and a full date (2017-09-01) a date: allow both.
# A date of something that happened lies at most a year ahead; only a planned end may lie further.
PlannedPartialDate = Annotated[str, BeforeValidator(_partial_date), WithJsonSchema(_PARTIAL_DATE_SCHEMA)]
PartialDate = Annotated[str, BeforeValidator(_partial_date), AfterValidator(_not_far_ahead), WithJsonSchema(_PARTIAL_DATE_SCHEMA)]
Date = Annotated[datetime.date, BeforeValidator(_real_date), AfterValidator(_not_far_ahead)]
MunicipalityCode = Annotated[
    str,
    AfterValidator(_municipality_code),
    Field(description="CBS-gemeentecode, zoals GM0047", json_schema_extra={"pattern": r"^GM[0-9]{4}$"}),
]

# The ladder of the Dutch recognition system (Movisie, NJi, Loket Gezond Leven), below it the
# editors' "nobody assessed it" and a committee's "niet erkend" (with its reason).
EvidenceLevel = Literal["niet-beoordeeld", "niet-erkend", "goed-beschreven", "goed-onderbouwd", "effectief"]
EvidenceStrength = Literal["eerste", "goede", "sterke"]  # the sub-levels of "effectief": eerste/goede/sterke aanwijzingen
ApproachStatus = Literal["in-gebruik", "gestopt", "niet-werkzaam"]
ProjectStatus = Literal["lopend", "afgerond", "gestopt", "onbekend"]
ExpertsByExperienceRole = Literal["kern", "onderdeel", "onbekend"]
ResultKind = Literal["uitkomst", "bereik"]
Province = Literal["Groningen", "Drenthe"]
PROVINCES = typing.get_args(Province)


def refers_to(filename: str, **field_options) -> object:
    """A field whose values are ids of records in data/`filename`; validation checks them."""
    extra = dict(field_options.pop("json_schema_extra", {}), **{"x-verwijst-naar": filename})
    return Field(json_schema_extra=extra, **field_options)


def referenced_file(field: object) -> str | None:
    extra = getattr(field, "json_schema_extra", None)
    return extra.get("x-verwijst-naar") if isinstance(extra, dict) else None


# Letters of other scripts that look like Latin ones, as the Latin letter (after NFKC, which
# already turns full-width and mathematical letters into plain ones). A small part of Unicode's
# confusables (UTS #39): the look-alikes a keyboard or a copy from the web can give. The one
# table for every comparison of names and for the folded text the rules also read.
_CHEROKEE = dict(zip(
    "\u13a0\u13a1\u13a2\u13a5\u13a9\u13aa\u13ab\u13ac\u13b3\u13b7\u13bb\u13bd\u13c0\u13c2\u13c3\u13cf"
    "\u13d2\u13d4\u13d5\u13d9\u13da\u13de\u13df\u13e2\u13e6\u13e7\u13f4",
    "drtiyajewmhyghzbrwsvslcpkdb", strict=True,
))
_LOOK_ALIKES = str.maketrans({
    **dict(zip("АВЕКМНОРСТХЅІЈҮԚԜаеорсухѕіјһԁԛԝӏɡɑкт", "ABEKMHOPCTXSIJYQWaeopcyxsijhdqwlgakt", strict=True)),  # Cyrillic and IPA
    **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧανορυικετωςϳ", "ABEZHIKMNOPTYXavopuiketwcj", strict=True)),  # Greek (ς: the lunate ϲ after NFKC)
    **dict(zip("ıłօսհոԍ", "ilouhng", strict=True)),  # dotless i, l with stroke, Armenian
    **dict(zip("ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘʀꜱᴛᴜᴠᴡʏᴢ", "abcdefghijklmnoprstuvwyz", strict=True)),  # small capitals
    **_CHEROKEE,  # capital letters, and the small ones (U+AB70 on) that casefold turns into them
    **{chr(ord(c) + (0xAB70 - 0x13A0 if c < "\u13f0" else 8)): latin for c, latin in _CHEROKEE.items()},
})
# Digits read as letters (R3dact1e): only where a name is matched against a word.
_DIGITS_AS_LETTERS = str.maketrans("01347", "oieat")


def look_alike_skeleton(name: str, *, digits_as_letters: bool = False) -> str:
    """What a name looks like, whatever letters it is written with: 'Ееrstе' (Cyrillic е),
    'Ｅｅｒｓｔｅ' and 'Eerste' all give 'eerste', 'VVat' gives 'wat'. Only for comparing names."""
    skeleton = unicodedata.normalize("NFKC", name).translate(_LOOK_ALIKES).casefold().replace("vv", "w")
    return skeleton.translate(_DIGITS_AS_LETTERS) if digits_as_letters else skeleton


def slug(text: str) -> str:
    """An id made from a name: 'Aa en Hunze' → 'aa-en-hunze', 'Financiële hulp' → 'financiele-hulp'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


ID_FROM_NAME_LENGTH = 70  # an id made from a project's name; the web form reads it from the page
ID_SOURCE_FIELD = "naam"  # the field a submitted project's id is made from


def id_from_name(name: str) -> str:
    """The id a submitted project gets from its name, in the issue converter and (the same
    steps, tests/shared_cases.py) in the web form."""
    return slug(name)[:ID_FROM_NAME_LENGTH].strip("-")


class _SchemaWithTextRules(GenerateJsonSchema):
    """Pydantic's JSON Schema, with the text rules in $defs for the fields that refer to them."""

    def generate(self, schema, mode="validation"):
        generated = super().generate(schema, mode)
        if _with_rules_referenced(generated):
            generated.setdefault("$defs", {})[TEXT_RULES_DEFINITION] = {
                "description": "Tekst die de controle weigert (watwerkt/model.py TEXT_RULES); x-melding zegt waarom.",
                "anyOf": [rule.schema() for rule in TEXT_RULES],
            }
        return generated


def _with_rules_referenced(node: object) -> bool:
    """Replace every marker below `node` by the reference to the rules; whether there was one."""
    found = False
    if isinstance(node, dict):
        if node.pop(_RULES_MARKER, False):
            node["$ref"] = f"#/$defs/{TEXT_RULES_DEFINITION}"
            found = True
        for value in node.values():
            found = _with_rules_referenced(value) or found
    elif isinstance(node, list):
        for value in node:
            found = _with_rules_referenced(value) or found
    return found


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    @classmethod
    def model_json_schema(cls, *args, schema_generator: type[GenerateJsonSchema] = _SchemaWithTextRules, **options) -> dict:
        return super().model_json_schema(*args, schema_generator=schema_generator, **options)


# --- parts of records ----------------------------------------------------------------------


class Source(Record):
    titel: Line = Field(description="De titel van de pagina of het document.")
    organisatie: Line = Field(description="De organisatie die de bron uitgaf.")
    url: Url | None = Field(None, description="Het adres van de pagina die het feit noemt, niet de homepage van de organisatie.")
    datum: PartialDate | None = Field(None, description="De datum van de pagina, als die bekend is.")
    waarom_geen_pagina: Line | None = Field(
        None, description="Alleen als er geen url is, of als de url een homepage is: waarom er geen pagina is die het feit noemt.")


class Result(Record):
    omschrijving: Line = Field(description="Wat is bereikt, in gewone woorden. Een streefcijfer is geen resultaat: zet het bij de doelen.")
    aantal: float | None = Field(None, allow_inf_nan=False, description="Het getal dat bij het resultaat hoort, als er een is.")
    eenheid: Line | None = Field(None, description="Waarin het aantal staat, als het geen aantal mensen of dingen is: 'procent', 'euro'.")
    soort: ResultKind = Field("bereik", description=(
        "uitkomst: wat het de mensen opleverde (werk, schulden opgelost, minder zorgen); "
        "bereik: hoeveel mensen meededen of wat er werd gedaan."))
    peildatum: PartialDate = Field(description="Wanneer dit resultaat gold.")
    bron: Source = Field(description="De pagina die dit resultaat noemt.")


class SourcedStatement(Record):
    """One fact with the page that states it, for fields a reader weighs on their own (costs)."""

    omschrijving: Text
    bron: Source


class Study(Record):
    opzet: Line = Field(description="Hoe het onderzoek is gedaan, zoals 'literatuuronderzoek' of 'vergelijking zonder loting'.")
    jaar: PartialDate
    conclusie: Line = Field(description="Wat het onderzoek concludeert, in één zin.")
    bron: Source = Field(description="Het onderzoek zelf of de pagina die het beschrijft.")


class Event(Record):
    datum: PartialDate
    gebeurtenis: Line
    bron: Source


class Recognition(Record):
    niveau: EvidenceLevel = Field(description="Trede op de Nederlandse erkenningsladder, of niet-beoordeeld.")
    aanwijzingen: EvidenceStrength | None = Field(None, description="Alleen bij effectief: eerste, goede of sterke aanwijzingen.")
    datum: PartialDate = Field(description="Wanneer de commissie oordeelde; bij niet-beoordeeld: wanneer de redactie dat naging.")
    door: Line | None = Field(None, description="De erkenningscommissie die oordeelde. Leeg bij niet-beoordeeld.")
    geldig_tot: PlannedPartialDate | None = Field(None, description="Tot wanneer een erkenning geldt (meestal vijf jaar na het oordeel).")
    reden: Text | None = Field(None, description="Bij niet-erkend: waarom de commissie de aanpak niet erkende.")
    toelichting: Text | None = None
    bron: Source | None = Field(None, description="De pagina van de databank met het oordeel. Verplicht behalve bij niet-beoordeeld.")


class Component(Record):
    naam: Line
    uitleg: Text | None = None


class Period(Record):
    start: PartialDate | None = None
    eind: PlannedPartialDate | None = None
    toelichting: Line | None = None


# Rules that span fields. JSON Schema can say the first two (anyOf), so editors and the web form
# apply them as `watwerkt check` does, with the same message; the third it cannot say, so the
# schema carries its message in "x-kruisregels" and tests/shared_cases.py holds the cases
# on which the check and the form must agree.
CONTACT_NEEDED = "geef een website of een algemeen e-mailadres van de organisatie"
AREA_NEEDED = "noem minstens één gemeente, of een regio waar het project loopt"
END_BEFORE_START = "einddatum {eind} ligt vóór startdatum {start}"


def ends_before_it_starts(start: str | None, end: str | None) -> bool:
    """Whether `end` lies before `start`, each a year, month or day: 2023-02 is before 2023-03,
    but 2023-03 is not before 2023-03-15 (the month holds the day)."""
    if not start or not end:
        return False
    length = min(len(start), len(end))
    return end[:length] < start[:length]


class Contact(Record):
    model_config = ConfigDict(json_schema_extra={"anyOf": [{"required": ["website"]}, {"required": ["email"]}], "x-melding": CONTACT_NEEDED})

    website: Url | None = None
    email: Email | None = Field(None, description="Een algemeen adres van de organisatie, nooit van een persoon.")


# --- reference lists -----------------------------------------------------------------------


class HelpPage(Record):
    titel: Line
    url: Url
    aanbieder: Line | None = Field(None, description="Als niet de gemeente zelf de hulp biedt: wie dan, in een paar woorden.")


class Municipality(Record):
    code: MunicipalityCode
    naam: Annotated[Line, AfterValidator(_url_name)] = Field(description="De naam zoals het CBS die schrijft; hij geeft ook het webadres.")
    provincie: Province
    hulp_bij_geldzorgen: HelpPage | None = Field(None, description="De eigen pagina van de gemeente voor inwoners met geldzorgen.")

    @property
    def id(self) -> str:
        """The URL name: 'Aa en Hunze' → 'aa-en-hunze'. Names change less often than people link."""
        return slug(self.naam)


class HelpService(Record):
    """Help for residents anywhere in the country; the page at `url` describes it."""

    id: Id
    naam: Line
    wat: Line = Field(description="Wat de dienst biedt, in gewone taal.")
    url: Url = Field(description="De pagina die de dienst beschrijft.")
    telefoon: Line | None = Field(None, description="Een algemeen nummer van de dienst, als de pagina het noemt; uitleg mag erachter tussen haakjes.")


class Region(Record):
    id: Id
    naam: Line
    gemeenten: list[MunicipalityCode] = refers_to("gemeenten.yaml", min_length=1, max_length=_MAX_MUNICIPALITIES)
    toelichting: Text
    bron: Source


class Theme(Record):
    id: Id
    naam: Line
    omschrijving: Line


class TargetGroup(Record):
    id: Id
    naam: Line
    omschrijving: Line


class Term(Record):
    """A word the site cannot avoid, explained once on the Begrippen page."""

    id: Id
    term: Line
    vormen: list[Line] = Field([], max_length=MAX_ITEMS, description="Andere vormen van het woord, zoals het meervoud.")
    uitleg: Line = Field(description="Wat het woord betekent, in gewone taal (B1).")


# --- records -------------------------------------------------------------------------------


class Approach(Record):
    id: Id
    naam: Line
    eigenaar: Line = Field(description="De organisatie die de aanpak ontwikkelde of beheert.")
    samenvatting: Summary = Field(description="Eén of twee korte zinnen in gewone taal (taalniveau B1).")
    status: ApproachStatus = "in-gebruik"
    status_reden: Text | None = Field(None, description="Verplicht als de aanpak gestopt of niet werkzaam is.")
    probleem: Text
    doel: Text
    doelgroepen: list[Id] = refers_to("doelgroepen.yaml", min_length=1, max_length=MAX_ITEMS)
    doelgroep_toelichting: Text | None = None
    onderdelen: list[Component] = Field(min_length=1, max_length=MAX_ITEMS)
    werkzame_elementen: list[Text] = Field(min_length=1, max_length=MAX_ITEMS)
    ervaringsdeskundigen: ExpertsByExperienceRole = Field("onbekend", description="Welke plaats ervaringsdeskundigen in de aanpak hebben; voor het filter.")
    rol_ervaringsdeskundigen: Text | None = Field(None, description="Wat ervaringsdeskundigen doen, als een bron dat zegt.")
    partners: list[Line] = Field([], max_length=MAX_ITEMS)
    uitvoerende_organisaties: list[Line] = Field([], max_length=MAX_ITEMS, description="Organisaties die de aanpak uitvoeren.")
    randvoorwaarden: list[Text] = Field([], max_length=MAX_ITEMS, description="Wat nodig is om de aanpak goed uit te voeren.")
    deskundigheid: list[SourcedStatement] = Field([], max_length=MAX_ITEMS, description="De training of licentie die uitvoerders nodig hebben.")
    kosten: list[SourcedStatement] = Field([], max_length=MAX_ITEMS, description="Wat bekend is over de kosten, met bron.")
    onderzoek: list[Study] = Field([], max_length=MAX_ITEMS, description="Onderzoek naar de aanpak: opzet, jaar, conclusie.")
    geschiedenis: list[Event] = Field([], max_length=MAX_ITEMS, description="Belangrijke momenten, elk met bron.")
    voorganger: Id | None = refers_to("aanpakken.yaml", default=None, description="De aanpak waar deze uit voortkwam.")
    regio: Id | None = refers_to("regios.yaml", default=None)
    gemeenten: list[MunicipalityCode] = refers_to("gemeenten.yaml", default=[], max_length=_MAX_MUNICIPALITIES)
    gebied_toelichting: Text | None = None
    periode: Period
    resultaten: list[Result] = Field([], max_length=MAX_ITEMS)
    erkenning: Recognition
    themas: list[Id] = refers_to("themas.yaml", min_length=1, max_length=MAX_ITEMS)
    verwante_aanpakken: list[Id] = refers_to("aanpakken.yaml", default=[], max_length=MAX_ITEMS)
    bronnen: list[Source] = Field(min_length=1, max_length=MAX_ITEMS)
    laatst_gecontroleerd: Date
    gecontroleerd_door: Line


class Project(Record):
    model_config = ConfigDict(json_schema_extra={
        "anyOf": [{"required": ["gemeenten"], "properties": {"gemeenten": {"type": "array", "minItems": 1}}}, {"required": ["regio"]}],
        "x-melding": AREA_NEEDED,
        "x-veld": "gemeenten",
        "x-kruisregels": {"eind-niet-voor-start": END_BEFORE_START},
    })

    id: Id = Field(description="Vaste naam voor het webadres: kleine letters, cijfers en streepjes. Verander hem nooit.")
    naam: Line = Field(description="De naam van het project.")
    organisatie: Line = Field(description="De organisatie die het project uitvoert.")
    samenvatting: Summary = Field(description="Eén of twee korte zinnen in gewone taal (taalniveau B1).")
    beschrijving: Text = Field(description="Wat het project doet, in gewone taal. **Vet** en lijstjes met - mogen (Markdown).")
    status: ProjectStatus = Field(description="Loopt het project nog, is het afgerond of gestopt? Onbekend als geen bron het zegt.")
    start: PartialDate | None = Field(None, description="Wanneer het project begon: een jaar, maand of dag, zoals 2023 of 2023-03.")
    eind: PlannedPartialDate | None = Field(None, description="Wanneer het project stopte, als het klaar is: zoals 2025 of 2025-06.")
    regio: Id | None = refers_to("regios.yaml", default=None, description="Een regio uit data/regios.yaml, als het project in een hele regio loopt.")
    gemeenten: list[MunicipalityCode] = refers_to("gemeenten.yaml", default=[], max_length=_MAX_MUNICIPALITIES, description="De gemeenten (CBS-codes) waar het project loopt.")
    gebied_toelichting: Text | None = Field(None, description="Uitleg over het gebied, als dat nodig is.")
    themas: list[Id] = refers_to("themas.yaml", min_length=1, max_length=MAX_ITEMS, description="Thema's uit data/themas.yaml.")
    doelgroepen: list[Id] = refers_to("doelgroepen.yaml", min_length=1, max_length=MAX_ITEMS, description="Doelgroepen uit data/doelgroepen.yaml.")
    aanpakken: list[Id] = refers_to("aanpakken.yaml", default=[], max_length=MAX_ITEMS, description="De aanpakken uit de kennisbank die het project gebruikt.")
    voorganger: Id | None = refers_to("projects.yaml", default=None, description="Het project waar dit project op volgde.")
    programma: Id | None = refers_to("projects.yaml", default=None, description="Het programma (ook een project) waar dit project deel van is.")
    doelen: list[Line] = Field(min_length=1, max_length=MAX_ITEMS, description="Wat het project wil bereiken, ook streefcijfers.")
    resultaten: list[Result] = Field([], max_length=MAX_ITEMS, description="Wat het project bereikte, met aantallen en peildatum.")
    geleerd: Text | None = Field(None, description="Wat het project leerde; vooral voor afgeronde en gestopte projecten.")
    partners: list[Line] = Field([], max_length=MAX_ITEMS, description="Organisaties die meewerken.")
    financiers: list[Line] = Field([], max_length=MAX_ITEMS, description="Wie het project betaalt.")
    contact: Contact = Field(description="Website en/of algemeen e-mailadres van de organisatie, nooit van een persoon.")
    bronnen: list[Source] = Field([], max_length=MAX_ITEMS, description="Waar de informatie vandaan komt.")
    toegevoegd: Date = Field(description="Wanneer het project in de projectenbank kwam (JJJJ-MM-DD).")
    aangemeld_door: Line | None = Field(None, description="De organisatie (of de redactie) die het project aanmeldde; nooit een persoon.")
    laatst_gecontroleerd: Date = Field(description="Wanneer de gegevens voor het laatst zijn nagekeken (JJJJ-MM-DD).")


class LearningGoal(Record):
    id: Id = Field(description="Vast anker in de link naar dit leerdoel (#id). Verander het nooit zomaar.")
    tekst: Line
    vorige_ids: list[Id] = Field([], max_length=MAX_ITEMS, description="Ids die dit leerdoel eerder had: oude links blijven werken.")


class Module(Record):
    id: Id = Field(description="Vaste naam in het webadres /opleiding/<id>/. Verander het nooit zomaar.")
    vorige_ids: list[Id] = Field([], max_length=MAX_ITEMS, description="Ids die deze module eerder had: oude links worden doorgestuurd.")
    naam: Line
    doel: Text
    inhoud: Text
    leerdoelen: list[LearningGoal] = Field(min_length=1, max_length=MAX_ITEMS)
    werkvormen: list[Line] = Field([], max_length=MAX_ITEMS)
    verwante_aanpakken: list[Id] = refers_to("aanpakken.yaml", default=[], max_length=MAX_ITEMS)
    bronnen: list[Source] = Field(min_length=1, max_length=MAX_ITEMS)
    onbekend: Line | None = Field(None, description="Wat de bronnen over deze module niet zeggen, zoals het opleidingsjaar.")


class PermanentIds(Record):
    """Every module and learning goal id ever published: those links must keep working."""

    modules: list[Id] = Field(min_length=1, max_length=_MAX_PERMANENT_IDS)
    leerdoelen: list[Id] = Field(min_length=1, max_length=_MAX_PERMANENT_IDS)


class Pillar(Record):
    naam: Line
    uitleg: Text


class Curriculum(Record):
    naam: Line
    samenvatting: Summary
    verantwoording: Text = Field(description="Wat uit de bronnen komt en wat de redactie zelf opstelde.")
    duur_jaren: int = Field(ge=1, le=6)
    dagen_per_week: int = Field(ge=1, le=5)
    stage: Text
    klasgrootte: int = Field(ge=1, le=40)
    klas_toelichting: Line | None = Field(None, description="Als bronnen een andere klasgrootte noemen: welke, en waar.")
    docenten: Text
    pijlers: list[Pillar] = Field(min_length=1, max_length=MAX_ITEMS)
    opbouw: list[SourcedStatement] = Field([], max_length=MAX_ITEMS, description="Feiten over de opbouw van de opleiding, elk met bron.")
    modules: list[Module] = Field(min_length=1, max_length=_MAX_MODULES)
    bronnen: list[Source] = Field(min_length=1, max_length=MAX_ITEMS)
