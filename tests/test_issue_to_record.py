"""Issue → pull request: a GitHub issue-form body becomes a checked record in projects.yaml,
and nothing in the issue steers more than its own answers."""
from __future__ import annotations

import datetime
import errno
import os
import re
import shutil

import markdown
import pytest
import yaml

from site_fixtures import REPO
from watwerkt.cli import main
from watwerkt.issue_to_record import add_project_from_issue, claims_editors_name, issue_comment, read_issue_form
from watwerkt.loading import Problem

TODAY = datetime.date(2026, 11, 25)
FIELDS = {
    "naam": "Buurtkamer Geldzaken Emmen",
    "organisatie": "Stichting Voorbeeld",
    "samenvatting": "Hulp bij geldzaken in de buurt.",
    "beschrijving": "Elke dinsdag open.",
    "status": "lopend",
    "start": "2025-03",
    "eind": "_No response_",
    "gemeenten": "GM0114",
    "themas": "schulden\nervaringsdeskundigheid",
    "doelgroepen": "inwoners-in-armoede",
    "aanpakken": "inzet-ervaringsdeskundigen",
    "doelen": "Schulden eerder zien\nRegelingen bekend maken",
    "contact": '{"website":"https://www.example.org/buurtkamer"}',
}
# The line of each field's heading in body(): each field takes a heading, a blank line, its
# answer and a blank line.
LINE_OF = {name: 1 + sum(4 + value.count("\n") for value in list(FIELDS.values())[:index]) for index, name in enumerate(FIELDS)}


def body(**changes: str) -> str:
    fields = dict(FIELDS, **changes)
    return "".join(f"### {name}\n\n{value}\n\n" for name, value in fields.items())


@pytest.fixture
def data_dir(tmp_path):
    shutil.copytree(REPO / "data", tmp_path / "data")
    return tmp_path / "data"


def added(outcome) -> str:
    assert outcome.problems == [] and outcome.listed_as is None, outcome
    return outcome.added


def test_a_valid_issue_is_appended_and_the_rest_of_the_file_stays_the_same(data_dir):
    before = (data_dir / "projects.yaml").read_text(encoding="utf-8")
    assert added(add_project_from_issue(body(), data_dir, today=TODAY)) == "buurtkamer-geldzaken-emmen"
    after = (data_dir / "projects.yaml").read_text(encoding="utf-8")
    assert after.startswith(before)
    [record] = yaml.safe_load(after[len(before):])
    assert record["id"] == "buurtkamer-geldzaken-emmen"
    assert record["themas"] == ["schulden", "ervaringsdeskundigheid"]
    assert record["contact"] == {"website": "https://www.example.org/buurtkamer"}
    assert record["toegevoegd"] == "2026-11-25" and record["aangemeld_door"] == "Stichting Voorbeeld"
    assert "eind" not in record
    assert [path.name for path in data_dir.iterdir() if path.name.startswith(".")] == []  # no temporary file left


def test_the_file_keeps_its_permissions(data_dir):
    (data_dir / "projects.yaml").chmod(0o640)
    added(add_project_from_issue(body(), data_dir, today=TODAY))
    assert (data_dir / "projects.yaml").stat().st_mode & 0o777 == 0o640


def test_another_project_with_the_same_name_gets_its_own_id(data_dir):
    added(add_project_from_issue(body(), data_dir, today=TODAY))
    assert added(add_project_from_issue(body(organisatie="Stichting Anders"), data_dir, today=TODAY)) == "buurtkamer-geldzaken-emmen-2"


@pytest.mark.parametrize(
    "changes",
    [
        {},  # the same issue processed again
        {"naam": "buurtkamer  GELDZAKEN emmen"},
        {"organisatie": " Stichting\u00a0voorbeeld "},
        {"beschrijving": "Ook op donderdag open.", "id": "een-ander-id"},
    ],
)
def test_the_same_project_twice_is_reported_not_added_as_a_copy(data_dir, tmp_path, capsys, changes):
    issue = tmp_path / "issue.md"
    issue.write_text(body(), encoding="utf-8")
    assert main(["aanmelding", str(issue), "--data", str(data_dir)]) == 0
    before = (data_dir / "projects.yaml").read_bytes()
    line = before.decode().count("\n", 0, before.decode().index("- id: buurtkamer-geldzaken-emmen")) + 1
    capsys.readouterr()
    issue.write_text(body(**changes), encoding="utf-8")
    reply = tmp_path / "reactie.md"
    assert main(["aanmelding", str(issue), "--data", str(data_dir), "--reactie", str(reply)]) == 0
    output = capsys.readouterr()
    assert output.out == ""
    assert output.err == f"{data_dir}/projects.yaml:{line}: buurtkamer-geldzaken-emmen: dit project staat er al; er is niets toegevoegd\n"
    assert reply.read_text(encoding="utf-8") == (
        f"Dit project staat al in de projectenbank, als `buurtkamer-geldzaken-emmen` (data/projects.yaml, regel {line}). "
        "Er is niets toegevoegd. Klopt er iets niet meer? Schrijf dat in een reactie hieronder.\n"
    )
    assert (data_dir / "projects.yaml").read_bytes() == before


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"organisatie": "_No response_"}, "- `organisatie`: `verplicht veld ontbreekt`"),
        ({"gemeenten": "GM9999"}, "- `gemeenten[0]`: `'GM9999' staat niet in data/gemeenten.yaml`"),
        ({"beschrijving": "<script>alert(1)</script>"}, "- `beschrijving`: `HTML is niet toegestaan; gebruik gewone tekst (of Markdown in lange teksten)`"),
        ({"status": "bezig"}, "- `status`: `'bezig' is geen toegestane waarde; kies uit: 'lopend', 'afgerond', 'gestopt' of 'onbekend'`"),
    ],
)
def test_an_invalid_issue_gets_a_dutch_comment_and_changes_nothing(data_dir, changes, expected):
    before = (data_dir / "projects.yaml").read_bytes()
    outcome = add_project_from_issue(body(**changes), data_dir, today=TODAY)
    assert outcome.added is None
    comment = outcome.reply()
    assert expected in comment.splitlines()
    assert comment.startswith("Bedankt voor je aanmelding!")
    assert (data_dir / "projects.yaml").read_bytes() == before


def test_template_syntax_in_an_issue_stays_text(data_dir):
    record_id = added(add_project_from_issue(body(beschrijving="Uitkomst {{ 7 * 7 }} en {% raw %}"), data_dir, today=TODAY))
    record = yaml.safe_load((data_dir / "projects.yaml").read_text(encoding="utf-8"))[-1]
    assert record["id"] == record_id and record["beschrijving"] == "Uitkomst {{ 7 * 7 }} en {% raw %}"


def test_the_command_prints_the_id_or_a_comment(data_dir, tmp_path, capsys):
    issue = tmp_path / "issue.md"
    issue.write_text(body(gemeenten="GM9999"), encoding="utf-8")
    reply = tmp_path / "reactie.md"
    assert main(["aanmelding", str(issue), "--data", str(data_dir), "--reactie", str(reply)]) == 1
    assert "- `gemeenten[0]`: `'GM9999' staat niet in data/gemeenten.yaml`" in reply.read_text(encoding="utf-8").splitlines()
    # The record starts after a blank line; its list of municipalities is its ninth line.
    line = (data_dir / "projects.yaml").read_text(encoding="utf-8").count("\n") + 2 + 8
    assert f"data/projects.yaml:{line}: buurtkamer-geldzaken-emmen: gemeenten[0]: 'GM9999' staat niet in data/gemeenten.yaml" in capsys.readouterr().err.splitlines()
    issue.write_text(body(), encoding="utf-8")
    assert main(["aanmelding", str(issue), "--data", str(data_dir)]) == 0
    assert capsys.readouterr().out == "buurtkamer-geldzaken-emmen\n"


def test_markdown_and_bullets_in_answers_survive(data_dir):
    text = "Eerst dit.\n\n#### Kleine kop\n\n###Geen kop (geen spatie)\n\n    ### ingesprongen: code, geen kop\n\nDan **dat**."
    added(add_project_from_issue(body(beschrijving=text, doelen="- **Vet** doel\n* Tweede doel"), data_dir, today=TODAY))
    record = yaml.safe_load((data_dir / "projects.yaml").read_text(encoding="utf-8"))[-1]
    assert record["beschrijving"] == text
    assert record["doelen"] == ["**Vet** doel", "Tweede doel"]


def test_a_long_name_still_gives_a_valid_unique_id(data_dir):
    name = "Project " + "heel lang " * 12
    first = added(add_project_from_issue(body(naam=name), data_dir, today=TODAY))
    second = added(add_project_from_issue(body(naam=name, organisatie="Een andere stichting"), data_dir, today=TODAY))
    assert second != first and len(second) <= 80 and not first.endswith("-")


# --- the structure of the issue: only the form's own fields --------------------------------

NO_HEADINGS = "Een kop met ### kan niet in een antwoord staan: maak er gewone tekst of **vette tekst** van"
STRAY = "de kop '### {}' hoort niet bij het formulier. " + NO_HEADINGS
TWICE = "de kop '### {}' staat twee keer in de aanmelding (ook op regel {}). " + NO_HEADINGS
EMPTY = "de aanmelding is leeg: er staat geen veld van het formulier in (zoals '### naam'). Gebruik het formulier 'Project aanmelden'"
BEFORE = "hier staat tekst vóór het eerste veld van het formulier; die hoort bij geen enkel veld. Zet hem in een veld of haal hem weg"
DESCRIPTION = LINE_OF["beschrijving"] + 2  # the first line of the description's answer


@pytest.mark.parametrize(
    ("issue", "expected"),
    [
        (body() + "### Iets anders\n\nMeer tekst\n", [(LINE_OF["contact"] + 4, "contact", STRAY.format("Iets anders"))]),
        (body(beschrijving="Eerst dit.\n\n### Aanpak\n\nDan dat."), [(DESCRIPTION + 2, "beschrijving", STRAY.format("Aanpak"))]),
        # The first of two equal headings starts the field: the second is the one reported.
        (body(beschrijving="Open.\n### status\nafgerond"), [(LINE_OF["status"] + 2, "status", TWICE.format("status", DESCRIPTION + 1))]),
        (body(beschrijving="Open.\n### naam\nNep"), [(DESCRIPTION + 1, "beschrijving", TWICE.format("naam", 1))]),
        (body(beschrijving="   ### Drie spaties"), [(DESCRIPTION, "beschrijving", STRAY.format("Drie spaties"))]),
        (body(beschrijving="### Gesloten ###"), [(DESCRIPTION, "beschrijving", STRAY.format("Gesloten"))]),
        (body(beschrijving="###"), [(DESCRIPTION, "beschrijving", STRAY.format(""))]),
        (body(beschrijving="###\tmet tab"), [(DESCRIPTION, "beschrijving", STRAY.format("met tab"))]),
        (body(beschrijving="### Naam"), [(DESCRIPTION, "beschrijving", STRAY.format("Naam"))]),
        (body(beschrijving="```\n### in een codeblok\n```"), [(DESCRIPTION + 1, "beschrijving", STRAY.format("in een codeblok"))]),
        (body(beschrijving="### @org/team [x](https://evil)"), [(DESCRIPTION, "beschrijving", STRAY.format("@org/team [x](https://evil)"))]),
        (body(beschrijving="### \u202egnikraa\u202c\x1b[2J"), [(DESCRIPTION, "beschrijving", STRAY.format("gnikraa [2J"))]),
        (body(beschrijving="### " + "lang " * 100), [(DESCRIPTION, "beschrijving", STRAY.format(("lang " * 60)[:299] + "…"))]),
        (body(beschrijving="Open.\n### Verstopt\nmeer").replace("\n", "\r\n"), [(DESCRIPTION + 1, "beschrijving", STRAY.format("Verstopt"))]),
        (body(beschrijving="Open.\r### Alleen CR\rmeer"), [(DESCRIPTION + 1, "beschrijving", STRAY.format("Alleen CR"))]),
        ("### Iets anders\n\n" + body(), [(1, "-", STRAY.format("Iets anders"))]),
        ("Hallo redactie,\n\n" + body(), [(1, "-", BEFORE)]),
        ("", [(1, "-", EMPTY)]),
        ("  \n\n\t\n", [(1, "-", EMPTY)]),
        ("\n\nZomaar een verhaal zonder formulier.", [(3, "-", EMPTY)]),
        (body(beschrijving="Open.\n### contact\n{}\n### Extra\nx"), [(DESCRIPTION + 3, "contact", STRAY.format("Extra")), (LINE_OF["contact"] + 4, "doelen", TWICE.format("contact", DESCRIPTION + 1))]),
    ],
)
def test_headings_the_form_does_not_define_are_refused_where_they_stand(data_dir, issue, expected):
    before = (data_dir / "projects.yaml").read_bytes()
    outcome = add_project_from_issue(issue, data_dir, today=TODAY, source="issue.md")
    assert [(problem.file, problem.line, problem.record, problem.field, problem.message) for problem in outcome.problems] == [
        ("issue.md", line, "aanmelding", field, message) for line, field, message in sorted(expected)
    ]
    assert outcome.added is None and (data_dir / "projects.yaml").read_bytes() == before


def test_the_form_reads_exactly_the_answers():
    form = read_issue_form(body(eind="_No response_", beschrijving="  Twee\n\nalinea's  "))
    assert form.problems == [] and "eind" not in form.answers
    assert form.answers["beschrijving"] == "Twee\n\nalinea's"
    assert form.lines["naam"] == 1 and form.lines["organisatie"] == LINE_OF["organisatie"]


# --- the editors' name ----------------------------------------------------------------------

EDITOR_NAMES = [
    "Redactie Wat Werkt Noord-Nederland",  # as the editors sign in data/projects.yaml
    "Redactie",
    "redactie",
    "REDACTIE WAT WERKT",
    "De redactie",
    "Eindredactie",
    "R e d a c t i e",
    "R.e.d.a.c.t.i.e.",
    "Réd-actie",
    "R\u0435dactie",  # Cyrillic е
    "\uff32\uff45\uff44\uff41\uff43\uff54\uff49\uff45",  # full-width letters
    "Re\u200bdactie",  # zero-width space
    "R3dact1e",
    "Wat Werkt",
    "wat-werkt noord",
    "WATWERKT",
    "Team W\u0430t W\u0435rkt",  # Cyrillic а and е
    # the look-alikes of the one table in watwerkt/model.py (look_alike_skeleton)
    "VVat VVerkt",  # vv for w
    "V V a t  W e r k t",
    "Wat Wer\u1d0bt",  # small capital ᴋ
    "\u0280\u1d07\u1d05\u1d00\u1d04\u1d1b\u026a\u1d07",  # small capitals throughout
    "\u13d2edactie",  # Cherokee Ꮢ
    "\uaba2edactie",  # Cherokee small ꮢ
    "\u13a1edactie",  # Cherokee Ꭱ
    "Reda\u03f2tie W\u0251t Werkt",  # Greek lunate ϲ, Latin alpha ɑ
    "R\u03b5dac\u03c4ie",  # Greek ε and τ
    "Reda\u010dtie",  # č: an accent
    "\U0001d411\U0001d41e\U0001d41d\U0001d41a\U0001d41c\U0001d42d\U0001d422\U0001d41e",  # mathematical bold
    "W4t W3rkt",
]


@pytest.mark.parametrize("name", EDITOR_NAMES)
def test_a_submitter_cannot_sign_as_the_editors(data_dir, name):
    before = (data_dir / "projects.yaml").read_bytes()
    outcome = add_project_from_issue(body(aangemeld_door=name), data_dir, today=TODAY, source="issue.md")
    [problem] = [problem for problem in outcome.problems if problem.file == "issue.md"]
    assert (problem.line, problem.record, problem.field) == (LINE_OF["contact"] + 4, "aanmelding", "aangemeld_door")
    assert problem.message.endswith("lijkt op de naam van de redactie van Wat Werkt; die mag alleen de redactie gebruiken. Noem hier je eigen organisatie")
    assert outcome.added is None and (data_dir / "projects.yaml").read_bytes() == before


def test_the_organisation_cannot_be_the_editors_either(data_dir):
    outcome = add_project_from_issue(body(organisatie="Redactie Wat Werkt"), data_dir, today=TODAY, source="issue.md")
    assert [(p.line, p.field) for p in outcome.problems if p.file == "issue.md"] == [(LINE_OF["organisatie"], "organisatie")]
    assert outcome.added is None


@pytest.mark.parametrize(
    "name",
    ["Stichting Humanitas", "Gemeente Emmen", "Werkt Samen Drenthe", "Wat Nu?", "Actie Rood", "Stichting Vvat", "Savvy Werkt", "Reactie Wat Wel"],
)
def test_ordinary_organisations_are_not_the_editors(name):
    assert not claims_editors_name(name)


# --- the bot's reply repeats no link or mention of the submitter ---------------------------

HOSTILE_VALUES = [
    "@user",
    "@org/team",
    "[x](https://evil)",
    "https://evil",
    "www.evil.nl",
    "<https://evil>",
    "![](https://tracker)",
    "<!-- verborgen -->",
    "`@user`",
    "``@user``",
    "a ` b @c",
    "#12",
    "owner/repo#3",
    "jan@evil.nl",
    "mailto:jan@evil.nl",
    "<img src=x onerror=alert(1)>",
    "<a href=https://evil>klik</a>",
    ":+1: @user",
    "[x]: https://evil",
    "\\`@user",
    "*@user*",
    "[![x](https://t)](https://evil)",
    "&#64;user",
    "@user\u202e",
    "</code>@user<code>",
]


def assert_only_code_repeats_the_submitter(comment: str) -> None:
    """Outside inline code the reply holds only our own sentences, and rendered as Markdown it
    has no link, image or HTML; every '@' is inside code."""
    lines = comment.splitlines()
    assert lines[:2] == ["Bedankt voor je aanmelding! Voordat het project in de projectenbank kan, moet er nog iets worden aangepast:", ""]
    assert lines[-2:] == ["", "Pas de aanmelding aan; daarna kijken we opnieuw."]
    for line in lines[2:-2]:
        assert re.fullmatch(r"- `[^`]+`: `[^`]+`", line), line
    html = markdown.markdown(comment)
    assert set(re.findall(r"<!?/?([a-z0-9-]*)", html)) <= {"p", "ul", "li", "code"}
    outside_code = re.sub(r"<code>.*?</code>", "", html)
    assert not re.search(r"@|http|www\.|&|src=|href=", outside_code), outside_code


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_the_reply_quotes_hostile_values_as_inline_code(data_dir, value):
    outcome = add_project_from_issue(body(gemeenten=value, status=value), data_dir, today=TODAY)
    assert outcome.added is None and any("gemeenten" in problem.field for problem in outcome.problems)
    assert_only_code_repeats_the_submitter(outcome.reply())


@pytest.mark.parametrize("value", [*HOSTILE_VALUES, "regel\n\n@everyone\n\n[x](https://evil)", "```\n@user\n```", "\x1b]8;;https://evil\x07klik"])
def test_any_field_or_message_is_neutralised(value):
    comment = issue_comment([Problem("data/projects.yaml", 1, "x", value, f"'{value}' klopt niet")])
    assert_only_code_repeats_the_submitter(comment)
    assert "\x1b" not in comment and "\u202e" not in comment


def test_a_very_long_list_of_problems_is_cut_short():
    comment = issue_comment([Problem("f", line, "x", "gemeenten", "fout") for line in range(80)])
    assert comment.count("\n- ") == 51 and "- en nog 30 andere problemen" in comment.splitlines()


# --- the files: never a traceback, never a half-written projects.yaml ----------------------


def run(capsys, *arguments: str) -> tuple[int, str]:
    code = main(["aanmelding", *arguments])
    output = capsys.readouterr()
    assert "Traceback" not in output.err
    return code, output.err


def break_issue(path, how):
    if how == "missing":
        return
    if how == "not utf-8":
        path.write_bytes(b"### naam\n\nCaf\xe9\n")
    elif how == "folder":
        path.mkdir()
    elif how == "fifo":
        os.mkfifo(path)
    elif how == "too large":
        path.write_text("### naam\n\n" + "x" * 300_000, encoding="utf-8")
    elif how == "device":
        path.symlink_to("/dev/zero")


@pytest.mark.parametrize(
    ("how", "message"),
    [
        ("missing", "{}:1: bestand ontbreekt"),
        ("not utf-8", "{}:3: bestand is geen geldige UTF-8-tekst"),
        ("folder", "{}:1: is een map, geen bestand; zet hier een gewoon bestand neer"),
        ("fifo", "{}:1: is een named pipe (FIFO), geen gewoon bestand; zet hier een gewoon bestand neer"),
        ("device", "{}:1: is een symbolische link; zet hier het bestand zelf neer (een link wordt nooit gevolgd, ook niet naar een bestand in de repository)"),
        ("too large", "{}:1: bestand is te groot: 292 KB, hoogstens 256 KB; splits het of haal iets weg"),
    ],
)
def test_an_unreadable_issue_file_is_named(data_dir, tmp_path, capsys, how, message):
    issue = tmp_path / "issue.md"
    break_issue(issue, how)
    before = (data_dir / "projects.yaml").read_bytes()
    assert run(capsys, str(issue), "--data", str(data_dir)) == (1, message.format(issue) + "\n")
    assert (data_dir / "projects.yaml").read_bytes() == before


def test_an_empty_issue_file_gets_a_reply(data_dir, tmp_path, capsys):
    issue = tmp_path / "issue.md"
    issue.write_text("", encoding="utf-8")
    reply = tmp_path / "reactie.md"
    assert run(capsys, str(issue), "--data", str(data_dir), "--reactie", str(reply)) == (1, f"{issue}:1: aanmelding: -: {EMPTY}\n")
    assert f"- `-`: `{EMPTY}`" in reply.read_text(encoding="utf-8").splitlines()


NOTHING_ADDED = "Het project uit de aanmelding is niet toegevoegd. Herstel eerst dit bestand (controleer met `watwerkt check`)."


@pytest.mark.parametrize(
    ("content", "first_line"),
    [
        (None, "1: bestand ontbreekt"),
        ("- id: a\n\tnaam: b\n", "2: YAML-fout in kolom 1: er staat een tab; gebruik spaties om in te springen"),
        ("gewoon een zin\n", "1: het bestand moet een lijst van projecten zijn (elk project begint met '- ')"),
        ("# uitleg\n\n42\n", "3: het bestand moet een lijst van projecten zijn (elk project begint met '- ')"),
        ("id: a\nnaam: b\n", "1: het bestand moet een lijst van projecten zijn (elk project begint met '- ')"),
        ("- id: a\n  naam: 'niet gesloten\n", "2: YAML-fout in kolom 9: het bestand houdt onverwacht op; staat er een aanhalingsteken niet afgesloten?"),
        (b"- id: a\n  naam: Caf\xe9\n", "2: bestand is geen geldige UTF-8-tekst"),
        ("folder", "1: is een map, geen bestand; zet hier een gewoon bestand neer"),
    ],
)
def test_a_broken_projects_file_stops_the_submission_with_its_line(tmp_path, capsys, data_dir, content, first_line):
    projects = data_dir / "projects.yaml"
    projects.unlink()
    if content == "folder":
        projects.mkdir()
    elif isinstance(content, bytes):
        projects.write_bytes(content)
    elif content is not None:
        projects.write_text(content, encoding="utf-8")
    before = sorted((path.name, path.is_dir() or path.read_bytes()) for path in data_dir.iterdir())
    issue = tmp_path / "issue.md"
    issue.write_text(body(), encoding="utf-8")
    assert run(capsys, str(issue), "--data", str(data_dir)) == (1, f"{projects}:{first_line}\n{NOTHING_ADDED}\n")
    assert sorted((path.name, path.is_dir() or path.read_bytes()) for path in data_dir.iterdir()) == before


def permission_denied(*args, **kwargs):
    raise PermissionError(errno.EACCES, "Permission denied")


def disk_full(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


# Tests run as root, whom chmod does not stop, so the failing calls are made to fail: creating
# the new file (a read-only folder), syncing it (a full disk, after writing) and the rename.
@pytest.mark.parametrize(
    ("call", "failure", "reason"),
    [
        ("tempfile.mkstemp", permission_denied, "geen toestemming (rechten)"),
        ("os.fsync", disk_full, "de schijf is vol"),
        ("os.replace", permission_denied, "geen toestemming (rechten)"),
    ],
)
def test_a_failed_write_leaves_projects_yaml_whole(data_dir, tmp_path, capsys, monkeypatch, call, failure, reason):
    import watwerkt.issue_to_record

    module, name = call.split(".")
    before = (data_dir / "projects.yaml").read_bytes()
    issue = tmp_path / "issue.md"
    issue.write_text(body(), encoding="utf-8")
    monkeypatch.setattr(getattr(watwerkt.issue_to_record, module), name, failure)
    message = f"{data_dir}/projects.yaml: kan het bestand niet schrijven: {reason}; er is niets veranderd\n"
    assert run(capsys, str(issue), "--data", str(data_dir)) == (1, message)
    monkeypatch.undo()
    assert (data_dir / "projects.yaml").read_bytes() == before
    assert sorted(path.name for path in data_dir.iterdir()) == sorted(path.name for path in (REPO / "data").iterdir())


def test_an_unwritable_reply_file_is_named(data_dir, tmp_path, capsys):
    issue = tmp_path / "issue.md"
    issue.write_text(body(status="bezig"), encoding="utf-8")
    reply = tmp_path / "geen-map" / "reactie.md"
    code, error = run(capsys, str(issue), "--data", str(data_dir), "--reactie", str(reply))
    assert code == 1 and error.splitlines()[-1] == f"{reply}: kan het antwoord voor het issue niet schrijven: bestaat niet"
