"""YAML 1.1 reads some plain values otherwise than a person does (`no` is false, `0755` is 493,
`12:30` is 750) and has constructs no record needs (tags, merge keys, endless nesting). Each
gets one located Dutch line that says what was read and how to write it instead."""
from __future__ import annotations

import datetime
import time
from pathlib import Path

import pytest

from site_fixtures import REPO, replace_in
from watwerkt.loading import check_data
from watwerkt.loading.yaml_source import MAX_DEPTH, parse_yaml

TODAY = datetime.date(2026, 11, 25)
QUOTE = 'bedoelt u tekst, zet die dan tussen aanhalingstekens: "{}"'


def problems(data_dir: Path) -> list[str]:
    _, found = check_data(data_dir, relative_to=data_dir.parent, today=TODAY)
    return [str(problem) for problem in found]


def read_as(value: str, read: str) -> str:
    return f"YAML leest '{value}' als {read}; " + QUOTE.format(value)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("no", read_as("no", "de ja/nee-waarde false, niet als tekst")),
        ("No", read_as("No", "de ja/nee-waarde false, niet als tekst")),
        ("NO", read_as("NO", "de ja/nee-waarde false, niet als tekst")),
        ("yes", read_as("yes", "de ja/nee-waarde true, niet als tekst")),
        ("Yes", read_as("Yes", "de ja/nee-waarde true, niet als tekst")),
        ("on", read_as("on", "de ja/nee-waarde true, niet als tekst")),
        ("ON", read_as("ON", "de ja/nee-waarde true, niet als tekst")),
        ("off", read_as("off", "de ja/nee-waarde false, niet als tekst")),
        ("Off", read_as("Off", "de ja/nee-waarde false, niet als tekst")),
        ("0755", read_as("0755", "het getal 493 (een 0 vooraan maakt er een achttallig getal van)")),
        ("010", read_as("010", "het getal 8 (een 0 vooraan maakt er een achttallig getal van)")),
        ("+0755", read_as("+0755", "het getal 493 (een 0 vooraan maakt er een achttallig getal van)")),
        ("0x1F", read_as("0x1F", "het getal 31 (0x vooraan maakt er een zestientallig getal van)")),
        ("-0x1f", read_as("-0x1f", "het getal -31 (0x vooraan maakt er een zestientallig getal van)")),
        ("0b101", read_as("0b101", "het getal 5 (0b vooraan maakt er een tweetallig getal van)")),
        ("1_000", read_as("1_000", "het getal 1000 (YAML laat de liggende streepjes weg)")),
        ("12:30", read_as("12:30", "het getal 750 (YAML rekent getallen met ':' in zestigtallen, zoals uren en minuten)")),
        ("1:30:00", read_as("1:30:00", "het getal 5400 (YAML rekent getallen met ':' in zestigtallen, zoals uren en minuten)")),
        ("1:30.5", read_as("1:30.5", "het getal 90.5 (YAML rekent getallen met ':' in zestigtallen, zoals uren en minuten)")),
        ("1_0.5", read_as("1_0.5", "het getal 10.5 (YAML laat de liggende streepjes weg)")),
        (".inf", read_as(".inf", "oneindig, niet als een gewoon getal")),
        ("-.inf", read_as("-.inf", "oneindig, niet als een gewoon getal")),
        (".Inf", read_as(".Inf", "oneindig, niet als een gewoon getal")),
        (".nan", read_as(".nan", "'geen getal' (NaN), niet als een gewoon getal")),
        (".NaN", read_as(".NaN", "'geen getal' (NaN), niet als een gewoon getal")),
        ("!!bool no", read_as("no", "de ja/nee-waarde false, niet als tekst")),
        ("!!int 0755", read_as("0755", "het getal 493 (een 0 vooraan maakt er een achttallig getal van)")),
        # Too long for Python to write as digits; the message shows the first 59 characters.
        ("0x" + "f" * 4000, read_as("0x" + "f" * 57 + "…", "het getal van duizenden cijfers (0x vooraan maakt er een zestientallig getal van)")),
    ],
)
def test_a_value_yaml_reads_otherwise_is_named_with_what_was_read(data_dir, value, message):
    replace_in(data_dir / "projects.yaml", "  naam: Eerste project", f"  naam: {value}")
    assert problems(data_dir) == [f"data/projects.yaml:2: eerste-project: naam: {message}"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0755", read_as("0755", "het getal 493 (een 0 vooraan maakt er een achttallig getal van)")),
        ("1_2", read_as("1_2", "het getal 12 (YAML laat de liggende streepjes weg)")),
        ("1:12", read_as("1:12", "het getal 72 (YAML rekent getallen met ':' in zestigtallen, zoals uren en minuten)")),
        ("yes", read_as("yes", "de ja/nee-waarde true, niet als tekst")),
    ],
)
def test_a_surprising_number_in_a_number_field_is_named_too(data_dir, value, message):
    """Even where a number belongs: 0755 may have been meant as 755, never as 493."""
    replace_in(data_dir / "opleiding.yaml", "klasgrootte: 12", f"klasgrootte: {value}")
    assert problems(data_dir) == [f"data/opleiding.yaml:7: opleiding: klasgrootte: {message}"]


def test_a_surprise_inside_a_flow_mapping_names_the_nested_field(data_dir):
    replace_in(data_dir / "aanpakken.yaml", "aantal: 40,", "aantal: .nan,")
    assert problems(data_dir) == [
        "data/aanpakken.yaml:15: eerste-aanpak: resultaten[0].aantal: " + read_as(".nan", "'geen getal' (NaN), niet als een gewoon getal")
    ]


def unsupported(name: str) -> str:
    return f"het YAML-type {name} wordt niet ondersteund; laat '{name}' weg en schrijf gewone tekst, een lijst of velden"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("!!binary aGFsbG8=", unsupported("!!binary")),
        ("!!python/object/apply:os.system [ls]", unsupported("!!python/object/apply:os.system")),
        ("!!python/name:os.system ''", unsupported("!!python/name:os.system")),
        ("!!python/object:os.system {}", unsupported("!!python/object:os.system")),
        ("!!set {a, b}", unsupported("!!set")),
        ("!!omap [a: 1]", unsupported("!!omap")),
        ("!!pairs [a: 1]", unsupported("!!pairs")),
        ("!eigen tekst", unsupported("!eigen")),
        ("!<tag:example.org,2024:x> tekst", unsupported("tag:example.org,2024:x")),
        ("!!merge x", unsupported("!!merge")),
    ],
)
def test_a_tag_no_record_needs_is_refused_before_it_is_built(data_dir, value, message):
    replace_in(data_dir / "projects.yaml", "  naam: Eerste project", f"  naam: {value}")
    assert problems(data_dir) == [f"data/projects.yaml:2: eerste-project: naam: {message}"]


def test_a_merge_key_is_refused_where_it_stands(data_dir):
    replace_in(data_dir / "projects.yaml", "  organisatie: Stichting Voorbeeld\n", "  <<: {organisatie: Stichting Voorbeeld}\n", 1)
    assert problems(data_dir) == [
        "data/projects.yaml:1: eerste-project: organisatie: verplicht veld ontbreekt",
        "data/projects.yaml:3: eerste-project: -: samenvoegen met '<<:' wordt niet ondersteund; schrijf de velden voluit",
    ]


TOO_DEEP = f"de waarden staan te diep in elkaar (meer dan {MAX_DEPTH} niveaus); kijk of er haken [ {{ of inspringingen te veel zijn"


DEEPEST = "data/projects.yaml:5: eerste-project: beschrijving" + "[0]" * (MAX_DEPTH - 2) + ": " + TOO_DEEP
NOT_TEXT = "data/projects.yaml:5: eerste-project: beschrijving: moet tekst zijn, niet een lijst"


@pytest.mark.parametrize(
    ("nesting", "expected"),
    [
        # libyaml itself stops at 1000 levels, where it gave up
        ("[" * 10_000 + "]" * 10_000, ["data/projects.yaml:5: -: -: YAML-fout in kolom 1015: " + TOO_DEEP]),
        ("{a: " * 10_000 + "x" + "}" * 10_000, ["data/projects.yaml:5: -: -: YAML-fout in kolom 4009: " + TOO_DEEP]),
        ("".join("\n" + "  " * (depth + 2) + "-" for depth in range(1200)) + " x", ["data/projects.yaml:1003: -: -: YAML-fout in kolom 1999: " + TOO_DEEP]),
        # below that, the reader stops at MAX_DEPTH, at the first value too deep
        ("[" * 900 + "]" * 900, [NOT_TEXT, DEEPEST]),
        ("[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1), [NOT_TEXT, DEEPEST]),
    ],
)
def test_deep_nesting_gets_a_clear_line_quickly(data_dir, nesting, expected):
    replace_in(data_dir / "projects.yaml", "  beschrijving: Een beschrijving van het project.", f"  beschrijving: {nesting}")
    started = time.monotonic()
    found = problems(data_dir)
    assert time.monotonic() - started < 2
    assert found == expected


def test_nesting_up_to_the_limit_is_read():
    text = "a: " + "[" * (MAX_DEPTH - 1) + "x" + "]" * (MAX_DEPTH - 1) + "\n"
    document = parse_yaml(Path("x.yaml"), text)
    assert document.problems == []
    value = document.data["a"]
    for _ in range(MAX_DEPTH - 1):
        value = value[0]
    assert value == "x"


def test_plain_values_stay_what_they_look_like():
    text = """\
a: true
b: false
c: True
d: 2017
e: 2.5
f: 2024-01-01
g: y
h: n
i: 0o17
j: '0755'
k: !!str 0755
l: =
m: 1.0e+5
n: -3
o: 0
p: FALSE
q: 0.500
r: "no"
s: 12.30
t: 1e5
u: ~
v: +5
"""
    document = parse_yaml(Path("x.yaml"), text)
    assert document.problems == []
    assert document.data == {
        "a": True, "b": False, "c": True, "d": 2017, "e": 2.5, "f": datetime.date(2024, 1, 1), "g": "y", "h": "n",
        "i": "0o17", "j": "0755", "k": "0755", "l": "=", "m": 100000.0, "n": -3, "o": 0, "p": False, "q": 0.5,
        "r": "no", "s": 12.3, "t": "1e5", "u": None, "v": 5,
    }


def test_a_yes_as_field_name_is_no_field_name(data_dir):
    replace_in(data_dir / "themas.yaml", "  naam: Schulden", "  naam: Schulden\n  yes: ja")
    assert problems(data_dir) == ["data/themas.yaml:6: schulden: -: een veldnaam moet gewone tekst zijn"]


def test_the_real_data_has_no_surprises():
    kennisbank, found = check_data(REPO / "data", relative_to=REPO)
    assert kennisbank is not None, [str(problem) for problem in found]


def test_deep_nesting_without_libyaml_is_no_recursion_error(monkeypatch):
    """PyYAML's pure-Python reader recurses per level; where libyaml is missing it must still answer."""
    import yaml
    from watwerkt.loading import yaml_source

    monkeypatch.setattr(yaml_source, "_Loader", yaml.SafeLoader)
    document = parse_yaml(Path("x.yaml"), "a: " + "[" * 1100 + "]" * 1100 + "\n")
    assert [(problem.line, problem.message) for problem in document.problems] == [(1, TOO_DEEP)]


# --- `serve` reads a list again item by item ----------------------------------------------------

ITEM = "- id: a{n}\n  naam: Naam {n}\n  lijst: [x, y]\n  tekst: >-\n    regel een\n    regel twee\n"
TRICKY = [
    "",
    "# alleen commentaar\n",
    ITEM.format(n=1),
    "".join(ITEM.format(n=n) for n in range(5)),
    "# kop\n\n" + ITEM.format(n=1) + "# tussen\n" + ITEM.format(n=2),
    ITEM.format(n=1) + "---\n" + ITEM.format(n=2),  # a second document
    ITEM.format(n=1) + "...\n" + ITEM.format(n=2),  # the end of the document
    "%YAML 1.1\n---\n" + ITEM.format(n=1),
    '- id: a\n  naam: "twee\n- regels"\n- id: b\n',  # a quoted text over a line that starts like an item
    "- id: a\n  lijst: [x,\n- y]\n- id: b\n",  # a list in brackets over such a line
    "- id: a\n  naam: &anker Naam\n- id: b\n  naam: *anker\n",  # an alias to another item
    "- id: a\n  naam: &anker Naam\n  ook: *anker\n",
    "- id: a\n  id: b\n",  # a duplicate key
    "- id: a\n  naam: no\n",  # a surprise
    "- id: a\n\t- naam: tab\n",
    "\ufeff- id: a\n",
    "- id: a\r\n  naam: b\r\n- id: c\r\n",
    "-\n  id: a\n- id: b\n",
    "- - a\n  - b\n- - c\n",
    "-x\n- id: a\n",
    "- id: a\nnaam: b\n",  # a key at the top level
    ITEM.format(n=1) + ITEM.format(n=1),  # the same item twice
    "- id: a\n  tekst: |\n    - geen item\n    # geen commentaar\n- id: b\n",
    "- k: &a x\n- k: *a\n", "- k: &a y\n- k: *a\n", "- k: y\n- k: *a\n",  # a value shared between items
    "- a: 1\n- b: 2\n", '- a: "1\u2028x"\n- b: 2\n', "- a: 1 # \r\n- b: 2\n", "- a: 1\x85- b: 2\n",  # YAML's other line breaks
]


def _document(document):
    return document.data, document.lines, document.problems


@pytest.mark.parametrize("text", TRICKY)
@pytest.mark.parametrize("before", [TRICKY[3], "".join(ITEM.format(n=n) for n in range(3)), "", "- k: &a x\n- k: *a\n", "- a: 1\n- b: 2\n"])
def test_a_list_read_again_item_by_item_is_what_reading_it_whole_gives(monkeypatch, before, text):
    from watwerkt import reuse
    from watwerkt.loading import yaml_source

    whole = _document(parse_yaml(Path("x.yaml"), text))
    monkeypatch.setattr(reuse, "_KEEPING", [True])
    monkeypatch.setattr(yaml_source, "_ITEMS", {})
    parse_yaml(Path("x.yaml"), before)
    assert _document(parse_yaml(Path("x.yaml"), text)) == whole
    assert _document(parse_yaml(Path("x.yaml"), text)) == whole  # and once more, from what it kept


def test_the_real_data_read_again_with_one_item_changed_parses_only_that_item(monkeypatch):
    from watwerkt import reuse
    from watwerkt.loading import yaml_source

    monkeypatch.setattr(reuse, "_KEEPING", [True])
    monkeypatch.setattr(yaml_source, "_ITEMS", {})
    path = REPO / "data" / "projects.yaml"
    text = path.read_text(encoding="utf-8")
    parse_yaml(path, text)
    edited = text.replace("  naam: ", "  naam: Nieuw ", 1)
    parsed = []
    whole_parse = yaml_source._parsed_whole
    monkeypatch.setattr(yaml_source, "_parsed_whole", lambda where, part: parsed.append(part) or whole_parse(where, part))
    again = parse_yaml(path, edited)
    assert len(parsed) == 1 and parsed[0].startswith("- id: ") and "  naam: Nieuw " in parsed[0]
    monkeypatch.setattr(reuse, "_KEEPING", [False])
    assert _document(again) == _document(parse_yaml(path, edited))
