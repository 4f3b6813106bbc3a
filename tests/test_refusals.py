"""The check refuses what it promises to refuse, each time with one exact line, and lets
ordinary Dutch pass: personal data, text that hides or turns around, markup and script links,
dates far ahead, endless lists, links with spaces, ids that would take a fixed page's place.

The rules for text are defined once (watwerkt/model.py TEXT_RULES) and reach the web form
through the JSON Schema; the same case tables run through node prove that each pattern means
the same in JavaScript as in Python."""
from __future__ import annotations

import datetime
import json
import re
import shutil
import subprocess
import time
from pathlib import Path

import jsonschema
import pytest

from site_fixtures import replace_in
from watwerkt import cli
from watwerkt.errors import UserError
from watwerkt.model import RESERVED_IDS, TEXT_RULES, _PERSONAL_EMAIL_RULE, Project, far_ahead, folded_for_rules
from watwerkt.publishing.contributor_guide import EXAMPLE_PROJECT
from watwerkt.loading import Problem, check_data, reference_date

TODAY = datetime.date(2026, 11, 25)  # the fixture data was last checked in November 2026

PHONE = "een 06-nummer is persoonlijk; noem het algemene contactpunt van de organisatie"
EMAIL = (
    "dit lijkt een persoonlijk e-mailadres; noem een algemeen adres van de organisatie, zoals info@voorbeeld.nl, "
    "geen adres van een persoon en geen adres bij gmail, hotmail en dergelijke"
)
HIDDEN = "tekst bevat een onzichtbaar teken dat tekst kan verbergen of omdraaien; typ de tekst opnieuw of plak hem als platte tekst"
ONLY_INVISIBLE = "bevat alleen onzichtbare tekens; vul echte tekst in"
NOT_A_CHARACTER = "tekst bevat een teken dat geen letter of leesteken is en dat de site niet kan tonen; haal het weg"
CONTROL = "tekst bevat onzichtbare stuurtekens; plak de tekst opnieuw als platte tekst"
HTML = "HTML is niet toegestaan; gebruik gewone tekst (of Markdown in lange teksten)"
REFERENCE = "tekens als &#58; zijn niet toegestaan; typ het teken zelf"
SCRIPT = "'javascript:', 'vbscript:' en 'data:' zijn niet toegestaan in tekst"
LINK = "een link mag geen spaties, regeleinden of onzichtbare tekens bevatten; plak de link opnieuw"

DESCRIPTION = "  beschrijving: Een beschrijving van het project."  # line 5, record eerste-project
IN_DESCRIPTION = "data/projects.yaml:5: eerste-project: beschrijving: "


def problems(data_dir: Path, today: datetime.date = TODAY) -> list[str]:
    _, found = check_data(data_dir, relative_to=data_dir.parent, today=today)
    return [str(problem) for problem in found]


def quoted(text: str) -> str:
    """`text` as a double-quoted YAML string, every character outside printable ASCII escaped,
    so the test data holds exactly these code points (also controls and lone surrogates)."""
    out = []
    for character in text:
        code = ord(character)
        if character in '"\\':
            out.append("\\" + character)
        elif 0x20 <= code < 0x7F:
            out.append(character)
        elif code < 0x100:
            out.append(f"\\x{code:02x}")
        elif code < 0x10000:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


def with_description(data_dir: Path, text: str) -> list[str]:
    replace_in(data_dir / "projects.yaml", DESCRIPTION, f"  beschrijving: {quoted(text)}")
    return problems(data_dir)


# --- personal data -----------------------------------------------------------------------

PHONE_NUMBERS = [
    "Bel 0612345678", "Bel 06-12345678", "Bel 06 12 34 56 78", "Bel 06.12.34.56.78", "Bel 06-1234 5678",
    "Bel +31612345678", "Bel +31 6 12345678", "Bel +31-6-12345678", "Bel 0031612345678", "Bel 00 31 6 1234 5678",
    "Bel +31 (0)6 12345678", "Bel +31(0)612345678", "Bel (06) 12345678", "Bel (06)-12 34 56 78", "Bel 06/12345678",
    "Bel 06 - 12 34 56 78", "Bel 06\u201112345678", "Bel 06\u2013 1234 5678", "Bel 06\u20141234\u20145678",
    "Bel 06\u221212345678", "Bel 06\uff0d12345678", "Bel 06\u00a012345678", "Bel 06\u202f1234\u202f5678",
    "Bel 06\u00ad12345678", "Bel \uff10\uff16\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18",
    "Bel \uff10\uff16-\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18", "Bel \uff0b\uff13\uff11\uff16\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18",
    "06-12345678 is ons nummer", "Mobiel:0612345678.", "Bel 06 1234 5678 of mail",
    # more gap characters, more of them, and 31 without + or 00 (wa.me/31612345678)
    "Bel 06~12345678", "Bel 06_12_34_56_78", "Bel 06,12,34,56,78", "Bel 06 | 12 34 56 78", "Bel 06*12345678", "Bel 06:12345678",
    "Bel 06  -  12345678", "Bel 06 -- 12 -- 34 -- 56 -- 78", "Bel 06\uff5e12345678", "Bel 06\uff1a12345678", "Bel 31 6 12345678",
    "Bel 31612345678", "Bel 31-6-12345678", "Bel 31 (0)6 12345678", "App via wa.me/31612345678", "Bel 06-12-34-56-78",
    "Bel 06/1234-5678 of 050-1234567",
    # digits of other scripts: the Python check reads them in the folded text
    "Bel \U0001d7ce\U0001d7d4-\U0001d7cf\U0001d7d0\U0001d7d1\U0001d7d2\U0001d7d3\U0001d7d4\U0001d7d5\U0001d7d6",  # mathematical bold
    "Bel \u0660\u0666\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668",  # Arabic-Indic
    "Bel \u2070\u2076\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078",  # superscript
    "Bel \u24ea\u2465\u2460\u2461\u2462\u2463\u2464\u2465\u2466\u2467",  # circled
    "Bel \u0966\u096c-\u0967\u0968\u0969\u096a\u096b\u096c\u096d\u096e",  # Devanagari
    "Bel \U0001d7f6\U0001d7fc \U0001d7f7\U0001d7f8\U0001d7f9\U0001d7fa\U0001d7fb\U0001d7fc\U0001d7fd\U0001d7fe",  # monospace
    "Bel +\u0663\u0661 \u0666 \u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668", "Bel 06-\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668",
]
PERSONAL_ADDRESSES_IN_TEXT = [
    "Mail jan@gmail.com", "Mail piet_de_vries@hotmail.com", "Mail jan1985@hotmail.nl", "Mail 12345@ziggo.nl",
    "Mail Jan.Jansen@Outlook.com", "Mail JAN@GMAIL.COM", "Mail jan@yahoo.co.uk", "Mail jan@icloud.com", "Mail jan@kpnmail.nl",
    "Mail jan@xs4all.nl", "Mail jan@home.nl", "Mail jan@protonmail.com", "Mail m@me.com", "Mail jan [at] gmail [dot] com",
    "Mail jan(at)gmail(dot)com", "Mail jan (at) hotmail (punt) nl", "Mail jan at gmail dot com", "Mail jan {at} gmail.com",
    "Mail jan[at]gmail.com", "Mail jan\uff20gmail\uff0ecom", "Mail j.jansen@gemeente.nl", "Mail jh.van.dijk@example.org",
    "Mail s.de.vries@stichting.nl", "Mail j.jansen [at] gemeente [punt] nl",
    # spaces, (a), apenstaartje, other full stops, look-alike letters, a soft hyphen
    "Mail jan @ gmail.com", "Mail jan@gmail . com", "Mail jan @ gmail . com", "Mail jan(a)gmail.com", "Mail jan [a] hotmail.nl",
    "Mail jan apenstaartje gmail punt com", "Mail jan (apenstaartje) gmail (punt) com", "Mail jan@gmail\u3002com", "Mail jan@gmail\uff61com",
    "Mail jan@gm\u0430il.com", "Mail jan@h\u043etmail.com", "Mail jan@\u0261mail.com", "Mail jan@gm\u00adail.com", "Mail jan@\uff47mail.com",
    # providers that were missing
    "Mail jan@wanadoo.nl", "Mail jan@tiscali.nl", "Mail jan@tutanota.com", "Mail jan@tuta.io", "Mail jan@web.de", "Mail jan@gmx.de",
    "Mail jan@gmx.net", "Mail jan@gmx.com", "Mail jan@proton.me", "Mail jan@protonmail.com", "Mail jan@hey.com", "Mail jan@quicknet.nl",
    "Mail jan@solcon.nl", "Mail jan@online.nl", "Mail jan@telfort.nl", "Mail jan@freeler.nl", "Mail jan@caiway.nl", "Mail jan@kabelfoon.nl",
    "Mail jan@onsbrabantnet.nl", "Mail jan@WEB.DE.", "Mail jan at hey dot com",
]


@pytest.mark.parametrize("text", PHONE_NUMBERS)
def test_a_mobile_number_in_any_spelling_is_refused(data_dir, text):
    assert with_description(data_dir, text) == [IN_DESCRIPTION + PHONE]


@pytest.mark.parametrize("text", PERSONAL_ADDRESSES_IN_TEXT)
def test_a_personal_address_in_text_is_refused(data_dir, text):
    assert with_description(data_dir, text) == [IN_DESCRIPTION + EMAIL]


@pytest.mark.parametrize(
    "address",
    ["jan@gmail.com", "piet_de_vries@hotmail.com", "stichtingvoorbeeld@gmail.com", "info@ziggo.nl", "123@live.nl", "Jan.de.Vries@hotmail.com"],
)
def test_a_personal_address_as_contact_is_refused(data_dir, address):
    replace_in(data_dir / "projects.yaml", "    email: info@example.org", f"    email: {address}")
    assert problems(data_dir) == [f"data/projects.yaml:28: tweede-project: contact.email: {EMAIL}"]


def test_a_personal_address_as_mail_link_is_refused(data_dir):
    replace_in(data_dir / "projects.yaml", "    website: https://example.org", "    website: mailto:jan@gmail.com")
    assert problems(data_dir) == [f"data/projects.yaml:14: eerste-project: contact.website: {EMAIL}"]


@pytest.mark.parametrize(
    "address",
    ["info.groningen@humanitas.nl", "info@stichting.nl", "sociaal.team@example.org", "info@homestart.nl", "contact@mediahome.nl", "hallo@onlinehulp.nl"],
)
def test_an_organisation_address_passes(data_dir, address):
    replace_in(data_dir / "projects.yaml", "    email: info@example.org", f"    email: {address}")
    assert with_description(data_dir, f"Mail naar {address}.") == []


ORDINARY_DUTCH = [
    "data: 1 mei", "Data: CBS/Statline", "Metadata: zie de bijlage", "We werken met JavaScript en HTML-kennis.",
    "Open op 06-12-2023 14:00 uur", "Open van 06.00 tot 12.00 uur", "Bel 050 123 4567", "Bel 0800-1234", "Bel 14 0591",
    "Bel +31 50 123 4567", "Sinds 2006 12.345.678 euro besteed", "KvK 06123456", "Rekening NL06 RABO 0123 4567 89",
    "De 06-nummers van medewerkers staan niet op de site.", "Een emoji 😀 mag, en ❤️ ook.", "3 < 4 en 5 > 2",
    "Café, “aanhalingstekens” en ‘enkele’ — en een gedachtestreepje", "Mail info@stichting.nl of bel 050-1234567",
    "Schrijf naar info (at) stichting punt nl", "Zorg & Welzijn, R&D", "Wij zijn open: ma t/m vr", "Zie https://example.org/data:x",
    # a date on the sixth is no 06-number, nor are opening hours
    "Gestart op 06-05-2023 (15 gezinnen).", "Vanaf 06-09-2021 / 25 deelnemers", "Op 06.05.2023 kwamen 12 34 56 mensen",
    "Sinds 06/11/1999, 12 jaar later 34 vrijwilligers", "Open 06:00-12:00, 13:00-17:00 uur", "Van 06:30 tot 12:30 uur", "In 31 gemeenten 6 projecten",
    "Sinds \u0662\u0660\u0662\u0663 in Emmen", "Stap \u2460, \u2461 en \u2462",
    # the mail rule needs an address: these are sentences and organisations
    "Samen @ home. De ouders koken.", "Mail info@web.nl of info@heyday.com", "Mail info @ stichting.nl", "Via Gmail. Com-munity",
    "Ervarings\u00addeskundigen werken mee",  # a soft hyphen only marks where a word may break
    # an & that names no character
    "Jansen & Zn.", "Q&A-sessie", "Tom&Jerry", "A & B;", "& nbsp;", "&;", "Prijs: 5 &euro", "AT&T",
]


@pytest.mark.parametrize("text", ORDINARY_DUTCH)
def test_ordinary_dutch_passes(data_dir, text):
    assert with_description(data_dir, text) == []


# --- text that hides, turns around or cannot be written ------------------------------------

HIDDEN_CHARACTERS = [
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f", "\u061c",
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u180e", "\u3164", "\U000e0041", "\U000e0100",
    # format characters: interlinear annotation, shorthand format controls, Egyptian hieroglyph
    # controls, Arabic, Syriac and Kaithi number signs; the last two only by their category (Cf)
    "\ufff9", "\ufffa", "\ufffb", "\U0001bca0", "\U0001bca3", "\U00013430", "\U00013438", "\u0600", "\u0605", "\u06dd",
    "\u070f", "\u08e2", "\U000110bd", "\U000110cd", "\u0890", "\u0891",
]


@pytest.mark.parametrize("character", HIDDEN_CHARACTERS)
def test_a_character_that_hides_or_reverses_text_is_refused(data_dir, character):
    assert with_description(data_dir, f"Een{character}project") == [IN_DESCRIPTION + f"{HIDDEN} (gevonden: U+{ord(character):04X})"]


def test_a_run_of_variation_selectors_is_refused_but_one_after_an_emoji_passes(data_dir):
    assert with_description(data_dir, "Tekst\ufe00\ufe01\ufe02") == [IN_DESCRIPTION + f"{HIDDEN} (gevonden: U+FE00)"]
    replace_in(data_dir / "projects.yaml", "Tekst", "Hulp ❤", 1)
    replace_in(data_dir / "projects.yaml", "\\ufe00\\ufe01\\ufe02", "\\ufe0f")
    assert problems(data_dir) == []


ONLY_INVISIBLE_TEXTS = [
    "\u200b", "\u200b \u200b", "\u3164", "\u2800", "\u00ad", "\u034f", "\ufe0f", "\u2060\u2060",
    # combining marks with no letter to sit on; the last three only by their category (M)
    "\u0301\u0301", "\u0301", "\u0308 \u0308", "\u20dd", "\u1ab0\u00ad", "\ufe20\u0301", "\u0483", "\u093c\u093c", "\u0e31",
]


@pytest.mark.parametrize("text", ONLY_INVISIBLE_TEXTS)
def test_text_of_only_invisible_characters_is_refused(data_dir, text):
    assert with_description(data_dir, text) == [IN_DESCRIPTION + ONLY_INVISIBLE]


@pytest.mark.parametrize(
    "code",
    [
        0xFDD0, 0xFDEF, 0xFFFE, 0xFFFF, 0x1FFFE, 0x2FFFF, 0x10FFFF,
        0xE000, 0xF8FF, 0xF0000, 0xFFFFD, 0x100000, 0x10FFFD,  # private use (Co): no two fonts show it alike
        0x0378, 0x2FFFD, 0xE0080,  # unassigned (Cn) in the Unicode of this Python
    ],
)
def test_a_code_point_xml_cannot_carry_is_refused(data_dir, code):
    replace_in(data_dir / "projects.yaml", "  naam: Eerste project", f"  naam: {quoted('Eerste' + chr(code) + ' project')}")
    assert problems(data_dir) == [f"data/projects.yaml:2: eerste-project: naam: {NOT_A_CHARACTER} (gevonden: U+{code:04X})"]


@pytest.mark.parametrize("code", [0xD800, 0xDBFF, 0xDC00, 0xDFFF])
def test_a_lone_surrogate_is_refused_by_the_model(code):
    # The YAML reader refuses it already; a record can also come from elsewhere (the issue form).
    record = dict(EXAMPLE_PROJECT, naam="Eerste" + chr(code))
    with pytest.raises(ValueError, match=re.escape(f"{NOT_A_CHARACTER} (gevonden: U+{code:04X})")):
        Project.model_validate(record, context={"today": TODAY})


@pytest.mark.parametrize("character", ["\x1b", "\x07", "\x7f", "\x85", "\x9b"])
def test_a_control_character_is_refused(data_dir, character):
    assert with_description(data_dir, f"Een{character}project") == [IN_DESCRIPTION + CONTROL]


@pytest.mark.parametrize("name", ["Buurtkamer 😀", "Samen 🎉 sterk", "Hulp ❤️", "Ünïcödé ſ ß Œ", "Wijk 𝔄"])
def test_a_name_with_an_ordinary_emoji_or_letter_passes(data_dir, name):
    replace_in(data_dir / "projects.yaml", "  naam: Eerste project", f"  naam: {quoted(name)}")
    assert problems(data_dir) == []


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        ("projects.yaml", "- id: eerste-project", '- id: "eerste\\u200b-project"', f"data/projects.yaml:1: record 1: id: {HIDDEN} (gevonden: U+200B)"),
        ("projects.yaml", "  naam: Eerste project", '  naam: "Eerste \\u202eproject"', f"data/projects.yaml:2: eerste-project: naam: {HIDDEN} (gevonden: U+202E)"),
        ("projects.yaml", "  doelen: [Mensen helpen.]", '  doelen: ["Mensen\\u2066 helpen."]', f"data/projects.yaml:12: eerste-project: doelen[0]: {HIDDEN} (gevonden: U+2066)"),
        ("projects.yaml", "  organisatie: Stichting Voorbeeld", '  organisatie: "\\u200b"', f"data/projects.yaml:3: eerste-project: organisatie: {ONLY_INVISIBLE}"),
        ("themas.yaml", "  naam: Schulden", '  naam: "Schul\\u200dden"', f"data/themas.yaml:5: schulden: naam: {HIDDEN} (gevonden: U+200D)"),
        ("gemeenten.yaml", "naam: Emmen", 'naam: "Em\\u2067men"', f"data/gemeenten.yaml:3: GM0114: naam: {HIDDEN} (gevonden: U+2067)"),
        ("aanpakken.yaml", "    - naam: Onderdeel", '    - naam: "Onder\\u200fdeel"', f"data/aanpakken.yaml:9: eerste-aanpak: onderdelen[0].naam: {HIDDEN} (gevonden: U+200F)"),
        ("opleiding.yaml", "    naam: Eerste module", '    naam: "\\u3164"', f"data/opleiding.yaml:15: eerste-module: naam: {ONLY_INVISIBLE}"),
        ("projects.yaml", "    - {titel: Testbron", '    - {titel: "Test\\u061cbron"', None),
    ],
)
def test_every_kind_of_text_field_is_checked(data_dir, file, old, new, expected):
    if expected is None:  # a source inside an approach
        file, expected = "aanpakken.yaml", f"data/aanpakken.yaml:20: eerste-aanpak: bronnen[0].titel: {HIDDEN} (gevonden: U+061C)"
    replace_in(data_dir / file, old, new)
    assert problems(data_dir) == [expected]


# --- look-alike names ----------------------------------------------------------------------

COPY_WARNING = (
    "waarschuwing: lijkt op de naam van {kind} '{id}' ({name}), maar is geschreven met andere tekens "
    "(zoals Cyrillische of Griekse letters); typ de naam opnieuw met gewone letters"
)


@pytest.mark.parametrize(
    "name",
    [
        "\u0415erste project", "Eerste pr\u03bfject", "\uff25\uff45\uff52\uff53\uff54\uff45 project", "EERSTE PROJ\u0415CT", "Eerste\u00a0project",
        "\u0415\u0435rst\u0435 \u0440r\u043e\u0458\u0435\u0441t", "Eerste pr\u1d0fject", "\u13acerste project", "Eerste proje\u03f2t",
    ],
)
def test_a_near_copy_of_a_project_name_in_look_alike_letters_gets_a_warning(data_dir, name):
    replace_in(data_dir / "projects.yaml", "  naam: Tweede project", f"  naam: {quoted(name)}")
    kennisbank, found = check_data(data_dir, relative_to=data_dir.parent, today=TODAY)
    assert [str(problem) for problem in found] == [
        "data/projects.yaml:18: tweede-project: naam: " + COPY_WARNING.format(kind="project", id="eerste-project", name="Eerste project")
    ]
    assert kennisbank is not None  # a warning: worth a look, no reason to stop


def test_an_approach_named_like_a_project_gets_a_warning(data_dir):
    replace_in(data_dir / "aanpakken.yaml", "  naam: Tweede aanpak", '  naam: "Eerste pr\\u043eject"')
    assert problems(data_dir) == [
        "data/aanpakken.yaml:24: tweede-aanpak: naam: " + COPY_WARNING.format(kind="project", id="eerste-project", name="Eerste project")
    ]


@pytest.mark.parametrize("name", ["EERSTE PROJECT", "Eerste projecten", "Eerste project 2"])
def test_a_name_in_ordinary_letters_gets_no_look_alike_warning(data_dir, name):
    replace_in(data_dir / "projects.yaml", "  naam: Tweede project", f"  naam: {name}")
    assert problems(data_dir) == []


# --- markup and script links ---------------------------------------------------------------

MARKUP_AND_SCRIPT_LINKS = [
    ("[klik](javascript:alert(1))", SCRIPT), ("[klik](JaVaScRiPt:alert(1))", SCRIPT), ("[klik](java\tscript:alert(1))", SCRIPT),
    ("[klik](java\nscript:alert(1))", SCRIPT), ("[klik](j\r\na\tv\na\ts\nc\tr\ni\tp\nt:alert(1))", SCRIPT),
    ("[klik](javascript\\:alert(1))", SCRIPT), ("[klik](vbscript:msgbox(1))", SCRIPT), ("[klik](VBScript:x)", SCRIPT),
    ("[x](data:text/html;base64,PHNjcmlwdD4=)", SCRIPT), ("[x](data:image/svg+xml,abc)", SCRIPT), ("[x](DATA:text/html,x)", SCRIPT),
    ("[x](data:,x)", SCRIPT), ("[x](da\tta:text/html,x)", SCRIPT),
    ("[klik](javascript&#58;alert(1))", REFERENCE), ("[klik](&#106;avascript:alert(1))", REFERENCE),
    ("[klik](javascript&#x3A;alert(1))", REFERENCE), ("[klik](javascript&colon;alert(1))", REFERENCE),
    ("[klik](java&Tab;script:alert(1))", REFERENCE), ("[klik](&#X6A;avascript:x)", REFERENCE), ("[x](data&#58;text/html,x)", REFERENCE),
    ("<img src=x onerror=alert(1)>", HTML), ("< script>alert(1)</script>", HTML), ("tekst</p>", HTML), ("<!-- x -->", HTML), ("<?php ?>", HTML),
    # every named reference: they decode to personal data and hidden characters on the page
    ("Mail jan&commat;gmail&period;com", REFERENCE), ("Bel 06&hyphen;12345678", REFERENCE),
    ("Een&rlm;&zwj;&ZeroWidthSpace;&NoBreak;&it;project", REFERENCE), ("&lt;img src=x onerror=alert(1)&gt;", REFERENCE),
    ("Zorg &amp; Welzijn", REFERENCE), ("Een&nbsp;project", REFERENCE), ("Ervarings&shy;deskundige", REFERENCE),
    ("&quot;x&quot;", REFERENCE), ("&AMP;", REFERENCE), ("&frac12; uur", REFERENCE), ("m&sup2;", REFERENCE), ("&bdquo;x&ldquo;", REFERENCE),
    ("&lpar;&rpar;", REFERENCE), ("A&B;", REFERENCE), ("[x](javascript&Colon;alert(1))", REFERENCE), ("&DoubleLongLeftRightArrow;", REFERENCE),
]


@pytest.mark.parametrize(("text", "message"), MARKUP_AND_SCRIPT_LINKS)
def test_markup_and_script_links_are_refused_in_any_disguise(data_dir, text, message):
    assert with_description(data_dir, text) == [IN_DESCRIPTION + message]


# --- links ---------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/\u00a0x", "https://exa\u200bmple.org", "https://example.org/a b", "https://example.org/\tx",
        "https://example.org/\u2028", "https://example.org\u202e/gro.elpmaxe", "https://example.org/\ufeff", " https://example.org",
        "https://example.org/\u3000",
    ],
)
def test_a_link_with_spaces_or_invisible_characters_is_refused(data_dir, url):
    replace_in(data_dir / "projects.yaml", "    website: https://example.org", f"    website: {quoted(url)}")
    assert problems(data_dir) == [f"data/projects.yaml:14: eerste-project: contact.website: {LINK}"]


def in_link(url: str, message: str) -> str:
    return f"'{url}' {message}"


MARKUP_IN_LINK = "een link mag geen < > \" ` \\ { } | of ^ bevatten; kopieer de link uit de adresbalk van de browser"
MAIL_LINK_WITH_MORE = "heeft iets achter het e-mailadres (na ? of #); noem alleen het adres, zoals mailto:info@voorbeeld.nl"
USERINFO = "heeft een @ vóór het adres van de site; zo'n link gaat naar een andere site dan hij lijkt. Noem alleen het webadres, zoals https://www.voorbeeld.nl"
PORT = "heeft een ongeldig poortnummer na de dubbele punt; laat het weg, of schrijf een getal van 1 tot 65535"
IP_ADDRESS = (
    "noemt een IP-adres in plaats van de naam van een website; zo'n adres kan naar een computer in een eigen netwerk wijzen. "
    "Noem het openbare webadres, zoals https://www.voorbeeld.nl"
)
PRIVATE_NAME = "wijst naar een computer in een eigen netwerk, niet naar een openbare website; noem het openbare webadres, zoals https://www.voorbeeld.nl"
NOT_A_WEB_ADDRESS = "is geen geldig webadres"

HOSTILE_LINKS = [
    # markup, and characters a browser would have to encode: they would reach the JSON and CSV as they stand
    ("https://a.nl/<img/src=x/onerror=alert(1)>", MARKUP_IN_LINK), ('https://a.nl/"onmouseover="alert(1)', MARKUP_IN_LINK),
    ("https://a.nl/x`y", MARKUP_IN_LINK), ("https://evil.nl\\@a.nl/", MARKUP_IN_LINK), ("https://a.nl/{x}", MARKUP_IN_LINK),
    ("https://a.nl/a|b", MARKUP_IN_LINK), ("https://a.nl/a^b", MARKUP_IN_LINK), ("https://a.nl/>", MARKUP_IN_LINK),
    # personal data, also %-encoded (the check reads the link decoded)
    ("https://wa.me/31612345678", PHONE), ("https://wa.me/+31612345678", PHONE), ("https://a.nl/?tel=0612345678", PHONE),
    ("https://a.nl/?tel=06%2012345678", PHONE), ("https://a.nl/?tel=06+12+34+56+78", PHONE), ("tel:0612345678", PHONE),
    ("https://a.nl/?mail=jan@gmail.com&tel=0612345678", PHONE), ("https://a.nl/?mail=jan@gmail.com", EMAIL),
    ("https://a.nl/?mail=jan%40gmail.com", EMAIL), ("https://a.nl/?mail=jan%2540gmail.com", EMAIL), ("mailto:jan%40gmail.com", EMAIL),
    ("mailto:jan@gm%61il.com", EMAIL), ("mailto:info@a.nl?cc=jan@gmail.com", EMAIL),
    # a mail link is one address, nothing after it
    ("mailto:info@a.nl?subject=Hallo", in_link("mailto:info@a.nl?subject=Hallo", MAIL_LINK_WITH_MORE)),
    ("mailto:info@a.nl?cc=info@b.nl", in_link("mailto:info@a.nl?cc=info@b.nl", MAIL_LINK_WITH_MORE)),
    ("mailto:info@a.nl#x", in_link("mailto:info@a.nl#x", MAIL_LINK_WITH_MORE)), ("mailto:info@a.nl?", in_link("mailto:info@a.nl?", MAIL_LINK_WITH_MORE)),
    # a name before an @, a port that is none
    ("https://google.com@evil.nl/", in_link("https://google.com@evil.nl/", USERINFO)),
    ("https://user:wachtwoord@a.nl/", in_link("https://user:wachtwoord@a.nl/", USERINFO)),
    ("https://@a.nl/", in_link("https://@a.nl/", USERINFO)), ("https://example.org%2F@evil.nl/", in_link("https://example.org%2F@evil.nl/", USERINFO)),
    ("https://a.nl:99999/", in_link("https://a.nl:99999/", PORT)), ("https://a.nl:65536/", in_link("https://a.nl:65536/", PORT)),
    ("https://a.nl:0/", in_link("https://a.nl:0/", PORT)), ("https://a.nl:abc/", in_link("https://a.nl:abc/", PORT)),
    ("https://a.nl:-1/", in_link("https://a.nl:-1/", PORT)),
    # addresses inside a network, in every spelling a resolver reads
    *((url, in_link(url, IP_ADDRESS)) for url in [
        "http://127.0.0.1/", "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://[::1]/", "http://192.168.1.1/",
        "http://172.16.0.1:8080/", "http://0.0.0.0/", "http://127.1/", "http://0x7f.0.0.1/", "http://0177.0.0.1/", "http://2130706433/",
        "http://[::ffff:127.0.0.1]/", "http://[fe80::1%25eth0]/", "http://100.64.0.1/", "http://\uff11\uff12\uff17\uff0e\uff10\uff0e\uff10\uff0e\uff11/",
        "http://127\u30020\u30020\u30021/", "http://8.8.8.8/",
    ]),
    *((url, in_link(url, PRIVATE_NAME)) for url in [
        "http://localhost/", "http://LOCALHOST:8080/", "http://localhost./", "http://api.localhost/", "http://printer.local/",
        "http://metadata.google.internal/", "http://%6c%6fcalhost/", "http://router.lan/", "http://1.0.0.127.in-addr.arpa/",
    ]),
    ("https://a..nl/", in_link("https://a..nl/", NOT_A_WEB_ADDRESS)),
]
# What only the check finds: the link decoded, IP addresses in spellings a pattern cannot list.
# (The web form refuses the full-width and %-encoded hosts already: they have no plain dot.)
ONLY_THE_CHECK_REFUSES = {
    "https://a.nl/?tel=06%2012345678", "https://a.nl/?tel=06+12+34+56+78", "https://a.nl/?mail=jan%40gmail.com",
    "https://a.nl/?mail=jan%2540gmail.com", "mailto:jan@gm%61il.com", "http://0x7f.0.0.1/", "https://a..nl/",
}
GOOD_LINKS = [
    "https://www.example.org", "https://example.org/pad?x=1&y=2#deel", "https://www.example.org:8443/x", "http://example.org",
    "https://b\u00fccher.de/", "https://example.org/nieuws/2023/06/12/titel", "mailto:info@stichting.nl", "mailto:info.groningen@humanitas.nl",
    "https://www.welzijnswerkmd.nl/zorg/maatwerk", "https://example.org/%7Ejan", "https://example.org/zoek?q=armoede+drenthe",
    "https://www.home.nl/", "https://localhost.nl/", "https://127.0.0.1.example.org/", "https://www.online.nl/contact",
    "https://example.org/?datum=06-05-2023", "https://xn--bcher-kva.de/", "https://example.org:443/", "https://example.org/a:b@c",
]


@pytest.mark.parametrize(("url", "message"), HOSTILE_LINKS)
def test_a_link_that_hides_markup_personal_data_or_another_site_is_refused(data_dir, url, message):
    replace_in(data_dir / "projects.yaml", "    website: https://example.org", f"    website: {quoted(url)}")
    assert problems(data_dir) == [f"data/projects.yaml:14: eerste-project: contact.website: {message}"]


def test_a_source_link_is_checked_the_same_way(data_dir):
    replace_in(data_dir / "aanpakken.yaml", 'url: "https://example.org/bron"', 'url: "http://169.254.169.254/"')
    assert problems(data_dir) == [f"data/aanpakken.yaml:20: eerste-aanpak: bronnen[0].url: {in_link('http://169.254.169.254/', IP_ADDRESS)}"]


@pytest.mark.parametrize("url", GOOD_LINKS)
def test_an_ordinary_link_passes(data_dir, url):
    replace_in(data_dir / "projects.yaml", "    website: https://example.org", f"    website: {quoted(url)}")
    assert problems(data_dir) == []


def website_refused_by_schema(url: str) -> bool:
    schema = Project.model_json_schema()
    return any(jsonschema.Draft202012Validator(schema).iter_errors(dict(EXAMPLE_PROJECT, contact={"website": url})))


def test_the_json_schema_refuses_the_links_it_can_say():
    accepted = {url for url, _ in HOSTILE_LINKS if not website_refused_by_schema(url)}
    assert accepted == ONLY_THE_CHECK_REFUSES
    assert [url for url in GOOD_LINKS if website_refused_by_schema(url)] == []


def test_every_link_in_the_real_data_passes_the_check_and_the_schema():
    from site_fixtures import REPO
    import yaml

    def links(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("url", "website") and isinstance(value, str):
                    yield value
                else:
                    yield from links(value)
        elif isinstance(node, list):
            for value in node:
                yield from links(value)

    found = [url for path in sorted((REPO / "data").glob("*.yaml")) for url in links(yaml.safe_load(path.read_text(encoding="utf-8")))]
    assert len(found) >= 10
    assert [url for url in found if website_refused_by_schema(url)] == []
    _, problems_found = check_data(REPO / "data", relative_to=REPO, today=TODAY)
    assert [str(p) for p in problems_found if ".url:" in str(p) or "website:" in str(p)] == []


def test_a_link_python_cannot_even_split_gets_a_dutch_line(data_dir):
    replace_in(data_dir / "projects.yaml", "    website: https://example.org", "    website: 'http://[::1'")
    assert problems(data_dir) == ["data/projects.yaml:14: eerste-project: contact.website: 'http://[::1' is geen geldig webadres"]


# --- dates far ahead -----------------------------------------------------------------------

def ahead(value: str) -> str:
    return f"'{value}' ligt meer dan een jaar in de toekomst (na 2027-11-25); controleer het jaartal"


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        ("projects.yaml", "  toegevoegd: 2026-11-01", "  toegevoegd: 2028-01-01", "data/projects.yaml:15: eerste-project: toegevoegd: " + ahead("2028-01-01")),
        ("projects.yaml", "  toegevoegd: 2026-11-01", "  toegevoegd: 2027-11-26", "data/projects.yaml:15: eerste-project: toegevoegd: " + ahead("2027-11-26")),
        ("projects.yaml", "  laatst_gecontroleerd: 2026-11-01", "  laatst_gecontroleerd: 9999-12-31", "data/projects.yaml:16: eerste-project: laatst_gecontroleerd: " + ahead("9999-12-31")),
        ("projects.yaml", "  start: 2024-01", "  start: 2028-06", "data/projects.yaml:7: eerste-project: start: " + ahead("2028-06")),
        ("projects.yaml", "  start: 2024-01", "  start: 2027-12", "data/projects.yaml:7: eerste-project: start: " + ahead("2027-12")),
        ("aanpakken.yaml", "peildatum: 2020-07", "peildatum: 2028", "data/aanpakken.yaml:15: eerste-aanpak: resultaten[0].peildatum: " + ahead("2028")),
        ("aanpakken.yaml", "datum: 2026-11,", "datum: 2099,", "data/aanpakken.yaml:16: eerste-aanpak: erkenning.datum: " + ahead("2099")),
        ("aanpakken.yaml", "  laatst_gecontroleerd: 2026-11-25\n  gecontroleerd_door: Redactie\n- id",
         "  laatst_gecontroleerd: 2030-01-01\n  gecontroleerd_door: Redactie\n- id", "data/aanpakken.yaml:21: eerste-aanpak: laatst_gecontroleerd: " + ahead("2030-01-01")),
        ("aanpakken.yaml", 'url: "https://example.org/bron"}', 'url: "https://example.org/bron", datum: 2031-02}',
         "data/aanpakken.yaml:20: eerste-aanpak: bronnen[0].datum: " + ahead("2031-02")),
        ("projects.yaml", "  status: afgerond", "  status: afgerond\n  eind: 2030",
         "data/projects.yaml:23: tweede-project: eind: de status is 'afgerond', maar de einddatum 2030 ligt meer dan een jaar in de toekomst; "
         "schrijf de datum waarop het echt stopte"),
        ("aanpakken.yaml", "  periode: {}", "  periode: {eind: 2031-05}",
         "data/aanpakken.yaml:37: tweede-aanpak: periode.eind: de status is 'gestopt', maar de einddatum 2031-05 ligt meer dan een jaar in de toekomst; "
         "schrijf de datum waarop het echt stopte"),
    ],
)
def test_a_date_far_ahead_is_refused(data_dir, file, old, new, expected):
    replace_in(data_dir / file, old, new)
    assert problems(data_dir) == [expected]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("  toegevoegd: 2026-11-01", "  toegevoegd: 2027-11-25"),  # exactly a year: still allowed
        ("  start: 2024-01", "  start: 2027"),  # some time in 2027
        ("  start: 2024-01", "  start: 2027-11"),
        ("  start: 2024-01", "  start: 2024-01\n  eind: 2035"),  # a running project's planned end
    ],
)
def test_a_date_within_a_year_or_a_planned_end_passes(data_dir, old, new):
    replace_in(data_dir / "projects.yaml", old, new)
    assert problems(data_dir) == []


def test_a_year_ahead_of_a_leap_day():
    leap_day = datetime.date(2028, 2, 29)
    assert not far_ahead("2029-02-28", leap_day) and far_ahead("2029-03-01", leap_day)


# --- lists ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("field", "line", "items"), [("doelen", 12, 51), ("partners", 13, 51), ("financiers", 13, 1000)])
def test_a_list_has_a_sane_maximum_length(data_dir, field, line, items):
    listed = "[" + ", ".join(f"Item {number}." for number in range(items)) + "]"
    goals = f"  doelen: {listed}" if field == "doelen" else f"  doelen: [Mensen helpen.]\n  {field}: {listed}"
    replace_in(data_dir / "projects.yaml", "  doelen: [Mensen helpen.]", goals)
    assert problems(data_dir) == [f"data/projects.yaml:{line}: eerste-project: {field}: is te lang: {items} items, hoogstens 50"]


def test_more_municipalities_than_the_netherlands_has_are_refused(data_dir):
    codes = ", ".join(f"GM{number:04d}" for number in range(401))
    replace_in(data_dir / "projects.yaml", "  gemeenten: [GM0047]", f"  gemeenten: [{codes}]")
    assert "data/projects.yaml:8: eerste-project: gemeenten: is te lang: 401 items, hoogstens 400" in problems(data_dir)


# --- ids and web addresses -------------------------------------------------------------------

def fixed_page_names(data_dir: Path) -> set[str]:
    """Every name the site itself uses directly inside a record section."""
    from watwerkt.publishing.site import load_site
    from watwerkt.urls import SECTIONS, project_list_page
    from site_fixtures import REPO

    site = load_site(data_dir.parent)
    paths = [file.path for file in site.generated_files(site_url="https://example.org/", site_name="Wat Werkt")]
    paths += [project_list_page(2)]
    paths += [str(path.relative_to(REPO / "docs")) for section in SECTIONS.values() for path in (REPO / "docs" / section).iterdir()]
    record_pages = {page.src_uri for page in site.generated_pages(site_url="https://example.org/", settings={})}
    names = set()
    for path in paths:
        section, _, rest = path.partition("/")
        if section in SECTIONS.values() and rest and path not in record_pages:
            names.add(rest.split("/")[0].split(".")[0])
    return names


def test_the_reserved_ids_cover_every_fixed_name_in_a_section(data_dir):
    names = fixed_page_names(data_dir)
    assert {"index", "pagina", "feed"} <= names  # the derivation sees them
    assert names <= RESERVED_IDS


@pytest.mark.parametrize("reserved", sorted(RESERVED_IDS))
def test_a_reserved_id_is_refused(data_dir, reserved):
    replace_in(data_dir / "projects.yaml", "- id: eerste-project", f"- id: {reserved}")
    assert problems(data_dir) == [f"data/projects.yaml:1: {reserved}: id: '{reserved}' is gereserveerd; kies een andere id"]


def test_a_reserved_approach_id_is_refused(data_dir):
    replace_in(data_dir / "aanpakken.yaml", "- id: tweede-aanpak", "- id: index")
    replace_in(data_dir / "aanpakken.yaml", "  verwante_aanpakken: [tweede-aanpak]\n", "")
    assert problems(data_dir) == ["data/aanpakken.yaml:22: index: id: 'index' is gereserveerd; kies een andere id"]


NO_ADDRESS = "geeft geen webadres: de naam heeft geen letters a-z of cijfers; schrijf de naam zoals het CBS die schrijft"


def fixed_page(name: str) -> str:
    return f"geeft het webadres '{name}', en dat is al een vaste pagina van de site; schrijf de naam zoals het CBS die schrijft"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("北京", NO_ADDRESS), ("😀", NO_ADDRESS), ("---", NO_ADDRESS), ("Ελλάδα", NO_ADDRESS),
        ("Index", fixed_page("index")), ("INDEX", fixed_page("index")), ("Pagina", fixed_page("pagina")), ("Feed", fixed_page("feed")),
        ("Les-materiaal", "geeft dezelfde webadresnaam"), ("Lesmateriaal", fixed_page("lesmateriaal")),
    ],
)
def test_a_municipality_name_must_give_its_own_web_address(data_dir, name, message):
    if message == "geeft dezelfde webadresnaam":  # not reserved: 'les-materiaal' is a fine address
        replace_in(data_dir / "gemeenten.yaml", "naam: Emmen", f"naam: {name}")
        assert problems(data_dir) == []
        return
    replace_in(data_dir / "gemeenten.yaml", "naam: Emmen", f"naam: {quoted(name)}")
    assert problems(data_dir) == [f"data/gemeenten.yaml:3: GM0114: naam: {message}"]


def test_two_municipalities_with_one_web_address_are_refused(data_dir):
    replace_in(data_dir / "gemeenten.yaml", "naam: Pekela", "naam: VEENDAM")
    assert problems(data_dir) == ["data/gemeenten.yaml:2: GM0765: naam: geeft dezelfde webadresnaam 'veendam' als GM0047"]


# --- output never acts on the terminal --------------------------------------------------------

@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("  aanpakken: [eerste-aanpak]", '  aanpakken: ["\\e[2Jx"]',
         ["data/projects.yaml:11: eerste-project: aanpakken[0]: '\\x1b[2Jx' staat niet in data/aanpakken.yaml",
          "data/projects.yaml:11: eerste-project: aanpakken[0]: " + CONTROL]),
        ("  status: lopend", '  status: "\\e[31mlopend"',
         ["data/projects.yaml:6: eerste-project: status: '\\x1b[31mlopend' is geen toegestane waarde; kies uit: 'lopend', 'afgerond', 'gestopt' of 'onbekend'"]),
        ("  status: lopend", '  status: lopend\n  "\\e[2J\\u202e": x',
         ["data/projects.yaml:7: eerste-project: \\x1b[2J\\u202e: onbekend veld '\\x1b[2J\\u202e'; toegestaan zijn: "
          + ", ".join(Project.model_fields)]),
        ("- id: eerste-project", '- id: "\\e[2J"', [f"data/projects.yaml:1: record 1: id: {CONTROL}"]),
        ("- id: eerste-project", "- id: Mijn Project", ["data/projects.yaml:1: record 1: id: 'Mijn Project' is geen geldige id: "
                                                        "gebruik alleen kleine letters, cijfers en streepjes, zoals 'samen-sterk'"]),
        ("- id: eerste-project", '- id: "a\\u202eb: c"', [f"data/projects.yaml:1: record 1: id: {HIDDEN} (gevonden: U+202E)"]),
    ],
)
def test_problem_lines_show_control_and_bidi_characters_as_escapes(data_dir, old, new, expected):
    replace_in(data_dir / "projects.yaml", old, new)
    found = problems(data_dir)
    assert found == expected
    assert not any(re.search(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]", line) for line in found)


def test_a_problem_made_anywhere_is_printable():
    problem = Problem("data/x.yaml", 1, "\x1b[2J", "veld\u2028", "fout \u202eniet\x07")
    assert str(problem) == "data/x.yaml:1: \\x1b[2J: veld\\u2028: fout \\u202eniet\\x07"


def test_the_check_command_prints_no_escape(data_dir, capsys, monkeypatch):
    monkeypatch.chdir(data_dir.parent)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795564800")
    replace_in(data_dir / "projects.yaml", "  status: lopend", '  status: "\\e[2J\\e]0;pwned\\a"')
    assert cli.main(["check"]) == 1
    output = capsys.readouterr()
    assert "\x1b" not in output.err + output.out and "\\x1b[2J\\x1b]0;pwned\\x07" in output.err


# --- SOURCE_DATE_EPOCH ---------------------------------------------------------------------

def epoch_message(shown: str) -> str:
    return (
        f"SOURCE_DATE_EPOCH is '{shown}', en dat is geen tijdstip: schrijf het aantal seconden sinds 1 januari 1970, "
        "zoals 1795564800 (dat is 25 november 2026), of laat SOURCE_DATE_EPOCH leeg voor de datum van vandaag"
    )


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("abc", "abc"), ("1e99", "1e99"), ("-99999999999999", "-99999999999999"), ("-1", "-1"), ("12.5", "12.5"),
        ("99999999999999999999", "99999999999999999999"), ("\u0663\u0664", "\u0663\u0664"), ("0x10", "0x10"), ("1\x1b[2J", "1\\x1b[2J"),
    ],
)
def test_an_invalid_source_date_epoch_is_a_user_error(monkeypatch, value, shown):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(UserError) as raised:
        reference_date()
    assert str(raised.value) == epoch_message(shown)


@pytest.mark.parametrize(("value", "day"), [("1795564800", TODAY), (" 1795564800\n", TODAY), ("0", datetime.date(1970, 1, 1))])
def test_a_valid_source_date_epoch_names_the_day(monkeypatch, value, day):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert reference_date() == day


@pytest.mark.parametrize("value", ["", "  "])
def test_an_empty_source_date_epoch_means_today(monkeypatch, value):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert reference_date() == datetime.date.today()


# --- one rule for Python, the JSON Schema and the web form --------------------------------------

def test_the_schema_the_form_reads_carries_the_rules_of_the_check():
    from site_fixtures import REPO

    schema = json.loads((REPO / "schema" / "projects.schema.json").read_text(encoding="utf-8"))
    assert schema["$defs"]["Tekstregels"]["anyOf"] == [rule.schema() for rule in TEXT_RULES]
    project = schema["$defs"]["Project"]["properties"]
    for name in ("naam", "organisatie", "samenvatting", "beschrijving"):
        assert project[name]["not"] == {"$ref": "#/$defs/Tekstregels"}, name
    assert project["doelen"]["items"]["not"] == {"$ref": "#/$defs/Tekstregels"}
    assert schema["$defs"]["Contact"]["properties"]["email"]["anyOf"][0]["not"] == {"anyOf": [_PERSONAL_EMAIL_RULE.schema()]}


@pytest.mark.parametrize(("field", "value"), [("beschrijving", "Bel 06-12345678"), ("naam", "Een\u202eproject"), ("doelen", ["Mail jan@gmail.com"])])
def test_the_json_schema_refuses_what_the_check_refuses(field, value):
    schema = Project.model_json_schema()
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(dict(EXAMPLE_PROJECT, **{field: value})))
    assert [list(error.absolute_path)[:1] for error in errors] == [[field]]


CASES = sorted(
    set(PHONE_NUMBERS + PERSONAL_ADDRESSES_IN_TEXT + ORDINARY_DUTCH + [f"Een{c}project" for c in HIDDEN_CHARACTERS])
    | set(ONLY_INVISIBLE_TEXTS) | {text for text, _ in MARKUP_AND_SCRIPT_LINKS} | {url for url, _ in HOSTILE_LINKS} | set(GOOD_LINKS)
    | {"\u200b", "\u3164", "\u2800", "Tekst\ufe00\ufe01", "a\ufdd0", "a\ufffe", "x\x1b[2J", "x\x85y", "😀", "👨\u200d👩\u200d👧", "\U0001fffe"}
    | {"Zie [x](../a.md) hier", "[x](<https://a.nl>)", "[x](<x.md>)", "tekst\n[r]: foo.md", "[1] en (2)", "[x]( mailto:info@a.nl)"}
    | {"[klik](javascript:alert(1))", "[klik](java\tscript:alert(1))", "[x](data:text/html;base64,PHN=)", "[x](&#106;avascript:x)", "< script>"}
    | {"info.groningen@humanitas.nl", "stichtingvoorbeeld@gmail.com", "a" * 5000, "a@" * 2500, "0 " * 2500, "j." * 2500}
)


def test_every_pattern_means_the_same_in_javascript_as_in_python():
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    website = Project.model_json_schema()["$defs"]["Contact"]["properties"]["website"]["anyOf"][0]
    patterns = [rule.pattern for rule in TEXT_RULES] + [website["pattern"]] + [rule["pattern"] for rule in website["not"]["anyOf"]]
    script = (
        "const {patterns, texts} = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "const rules = patterns.map((p) => new RegExp(p));"
        "process.stdout.write(JSON.stringify(texts.map((t) => rules.map((r) => r.test(t)))));"
    )
    result = subprocess.run([node, "-e", script], input=json.dumps({"patterns": patterns, "texts": CASES}), capture_output=True, text=True, check=True)
    in_javascript = json.loads(result.stdout)
    in_python = [[re.search(pattern, text) is not None for pattern in patterns] for text in CASES]
    differences = [(text[:40], py, js) for text, py, js in zip(CASES, in_python, in_javascript) if py != js]
    assert differences == []
    assert any(any(row) for row in in_python) and not all(any(row) for row in in_python)  # the table has both kinds


def test_what_a_rule_needs_to_run_is_in_every_text_it_refuses():
    # TextRule(needs=...) skips the whole pattern where that part is absent: it must be in every match.
    rules = [rule for rule in TEXT_RULES if rule._needed]
    assert len(rules) == 3
    for text in CASES + [folded_for_rules(text) for text in CASES]:
        for rule in rules:
            if re.search(rule.pattern, text):
                assert rule._needed.search(text), (rule.message[:20], text[:40])


def test_the_rules_are_fast_on_long_hostile_text():
    for text in (
        "a" * 5000, "a@" * 2500, "0 " * 2500, "j." * 2500, "jan at " * 700, "+31 " * 1200, "data:" * 1000, "06" + " -" * 2499,
        "31 " * 1600, "jan @ " * 800, "x@gmail . " * 500, "&a" * 2500, "\u0660\u0666 " * 1600, "\u0301" * 5000, "\U0001d7ce" * 5000,
        "06-05-2023 " * 450, "a.b." * 1250, "(a) " * 1250,
    ):
        folded = None if text.isascii() else folded_for_rules(text)
        started = time.perf_counter()
        for rule in TEXT_RULES:
            rule.problem(text, folded)
        assert time.perf_counter() - started < 0.2, text[:20]
