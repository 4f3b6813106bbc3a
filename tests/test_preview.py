"""The preview report of a pull request (`watwerkt voorbeeld`), line by line: the records it
adds, changes and removes with their pages, the check of its data, the readability of its new
texts; a broken file still gives a report; submitted text never becomes a link, mention or
HTML in the comment."""
from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path

import pytest

from site_fixtures import FIXTURE_DATA, replace_in
from watwerkt import cli
from watwerkt.errors import UserError
from watwerkt.loading.registry import COLLECTIONS, CURRICULUM_FILE
from watwerkt.publishing.preview import MAX_REPORT_CHARACTERS, KINDS, MARKER, code, preview_report

TODAY = datetime.date(2026, 11, 25)  # the fixture data was last checked in November 2026
TODAY_EPOCH = "1795564800"
PREVIEW = "https://voorbeeld.example.org/pr-12/"

NEW_PROJECT = """- id: nieuw-project
  naam: Nieuw project
  organisatie: Stichting Voorbeeld
  samenvatting: Wij helpen gezinnen met geld.
  beschrijving: "De **organisatorische** verantwoordelijkheidsverdeling tussen gemeentelijke uitvoeringsorganisaties vereist intensieve interprofessionele afstemming."
  status: lopend
  gemeenten: [GM0047]
  themas: [generatiearmoede]
  doelgroepen: [inwoners]
  doelen: [Mensen helpen.]
  contact:
    website: https://example.org
  toegevoegd: 2026-11-20
  laatst_gecontroleerd: 2026-11-20
"""


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A pull request's checkout: basis/ is data/ before it, data/ with it (nothing changed yet)."""
    shutil.copytree(FIXTURE_DATA, tmp_path / "basis")
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    return tmp_path


@pytest.fixture
def pull_request(checkout: Path) -> Path:
    """One project added, one changed (summary and status), one removed."""
    projects = checkout / "data" / "projects.yaml"
    text = projects.read_text(encoding="utf-8")
    projects.write_text(text[: text.index("- id: tweede-project")] + NEW_PROJECT, encoding="utf-8")
    replace_in(projects, "samenvatting: Een project om mee te testen.", "samenvatting: Een project om mee te oefenen.")
    replace_in(projects, "status: lopend", "status: afgerond")
    return checkout


# How every report without a preview host begins.
OPENING = [
    MARKER,
    "## Voorbeeld van deze pull request",
    "",
    "De site met deze pull request wordt gebouwd; lukt dat, dan staat hij bij deze run als artifact `site`.",
    "",
    "### Wat er verandert in de gegevens",
    "",
]


def report(checkout: Path, **options) -> list[str]:
    return preview_report(checkout / "basis", checkout / "data", relative_to=checkout, today=TODAY, **options).split("\n")


def test_the_report_lists_what_changed_the_check_and_the_readability(pull_request):
    assert report(pull_request) == [
        *OPENING,
        "1 toegevoegd, 1 gewijzigd, 1 verwijderd.",
        "",
        "- toegevoegd: project `nieuw-project` (`Nieuw project`), `/projectenbank/nieuw-project/`",
        "- gewijzigd: project `eerste-project` (`Eerste project`), `/projectenbank/eerste-project/`; velden: `samenvatting`, `status`",
        "- verwijderd: project `tweede-project` (`Tweede project`), was `/projectenbank/tweede-project/`",
        "",
        "### Controle",
        "",
        "Geen fouten en geen waarschuwingen.",
        "",
        "### Leesbaarheid van de nieuwe teksten",
        "",
        "Flesch-Douma; taalniveau B1 vanaf 60.",
        "",
        "- project `nieuw-project`, samenvatting: 78, B1",
        "- project `nieuw-project`, beschrijving: -180, moeilijker dan B1",
        "- project `eerste-project`, samenvatting: 85, B1",
        "- project `eerste-project`, beschrijving: 78, B1",
        "",
    ]


def test_with_a_preview_host_every_page_links_there_but_a_removed_one(pull_request):
    lines = report(pull_request, preview_url="https://voorbeeld.example.org/pr-12")  # the slash is added
    assert lines[3] == "De site met deze pull request staat op https://voorbeeld.example.org/pr-12/; de paden hieronder linken naar de pagina's daar."
    assert lines[9:12] == [
        "- toegevoegd: project `nieuw-project` (`Nieuw project`), [/projectenbank/nieuw-project/](https://voorbeeld.example.org/pr-12/projectenbank/nieuw-project/)",
        "- gewijzigd: project `eerste-project` (`Eerste project`), [/projectenbank/eerste-project/](https://voorbeeld.example.org/pr-12/projectenbank/eerste-project/); velden: `samenvatting`, `status`",
        "- verwijderd: project `tweede-project` (`Tweede project`), was `/projectenbank/tweede-project/`",
    ]


def test_nothing_changed(checkout):
    lines = report(checkout, preview_url=PREVIEW)
    assert lines[5:] == [
        "### Wat er verandert in de gegevens",
        "",
        "Geen records toegevoegd, gewijzigd of verwijderd.",
        "",
        "### Controle",
        "",
        "Geen fouten en geen waarschuwingen.",
        "",
        "### Leesbaarheid van de nieuwe teksten",
        "",
        "Geen nieuwe of gewijzigde teksten van projecten of aanpakken.",
        "",
    ]


def test_approaches_modules_municipalities_and_terms_have_their_pages(checkout):
    data = checkout / "data"
    replace_in(data / "aanpakken.yaml", "naam: Tweede aanpak", "naam: Tweede aanpak, nu anders")
    replace_in(data / "opleiding.yaml", "naam: Eerste module", "naam: Eerste module, nu anders")
    replace_in(data / "gemeenten.yaml", "naam: Veendam, provincie: Groningen", "naam: Veendam, provincie: Drenthe")
    replace_in(data / "begrippen.yaml", "uitleg: Iemand die", "uitleg: Een mens die")
    replace_in(data / "themas.yaml", "omschrijving: Schulden voorkomen", "omschrijving: Schulden vermijden")
    lines = report(checkout, preview_url=PREVIEW)
    assert lines[7:15] == [
        "0 toegevoegd, 5 gewijzigd, 0 verwijderd.",
        "",
        "- gewijzigd: aanpak `tweede-aanpak` (`Tweede aanpak, nu anders`), [/aanpakken/tweede-aanpak/](https://voorbeeld.example.org/pr-12/aanpakken/tweede-aanpak/); veld: `naam`",
        "- gewijzigd: module `eerste-module` (`Eerste module, nu anders`), [/opleiding/eerste-module/](https://voorbeeld.example.org/pr-12/opleiding/eerste-module/); veld: `naam`",
        "- gewijzigd: gemeente `GM0047` (`Veendam`), [/gemeenten/veendam/](https://voorbeeld.example.org/pr-12/gemeenten/veendam/); veld: `provincie`",
        "- gewijzigd: begrip `ervaringsdeskundige` (`ervaringsdeskundige`), [/begrippen/#ervaringsdeskundige](https://voorbeeld.example.org/pr-12/begrippen/#ervaringsdeskundige); veld: `uitleg`",
        "- gewijzigd: thema `schulden` (`Schulden`); veld: `omschrijving`",
        "",
    ]
    # An approach has a summary and no beschrijving; modules and the reference lists are not scored.
    assert lines[-4:] == ["Flesch-Douma; taalniveau B1 vanaf 60.", "", "- aanpak `tweede-aanpak`, samenvatting: 101, B1", ""]


def test_a_broken_file_is_said_plainly_and_the_rest_is_still_compared(checkout):
    data = checkout / "data"
    replace_in(data / "projects.yaml", "naam: Eerste project", "naam: Eerste: project")
    replace_in(data / "aanpakken.yaml", "  naam: Tweede aanpak\n", "  naam: Tweede aanpak\n  eigenaarr: Iemand\n")
    assert report(checkout) == [
        *OPENING,
        "- `data/projects.yaml` in deze pull request kan niet worden gelezen (`regel 2: YAML-fout in kolom 15: onverwachte dubbele punt; zet tekst met een ':' tussen aanhalingstekens`); de records daarin zijn niet vergeleken.",
        "",
        "0 toegevoegd, 1 gewijzigd, 0 verwijderd.",
        "",
        "- gewijzigd: aanpak `tweede-aanpak` (`Tweede aanpak`), `/aanpakken/tweede-aanpak/`; veld: `eigenaarr`",
        "",
        "### Controle",
        "",
        "2 fouten en geen waarschuwingen. Met fouten kan de site niet worden gebouwd: los ze op in deze pull request.",
        "",
        "Fouten:",
        "",
        "```text",
        "data/aanpakken.yaml:25: tweede-aanpak: eigenaarr: onbekend veld 'eigenaarr'; bedoelde u 'eigenaar'?",
        "data/projects.yaml:2: -: -: YAML-fout in kolom 15: onverwachte dubbele punt; zet tekst met een ':' tussen aanhalingstekens",
        "```",
        "",
        "### Leesbaarheid van de nieuwe teksten",
        "",
        "Flesch-Douma; taalniveau B1 vanaf 60. De gegevens laden niet, dus namen en begrippen tellen hier als gewone woorden.",
        "",
        "- aanpak `tweede-aanpak`, samenvatting: 101, B1",
        "",
    ]


def test_a_file_the_pull_request_adds_makes_all_its_records_new(checkout):
    (checkout / "basis" / "landelijke-hulp.yaml").unlink()
    lines = report(checkout)
    assert lines[7] == "- `data/landelijke-hulp.yaml` is nieuw in deze pull request."
    assert all(line.startswith("- toegevoegd: landelijke hulp `") for line in lines[11 : lines.index("### Controle") - 1])


def test_warnings_are_listed_apart_from_errors(checkout):
    replace_in(checkout / "data" / "projects.yaml", "samenvatting: Nog een project.", "samenvatting: Organisatorische verantwoordelijkheidsverdeling tussen uitvoeringsorganisaties.")
    lines = report(checkout)
    control = lines[lines.index("### Controle") : lines.index("### Leesbaarheid van de nieuwe teksten")]
    assert control == [
        "### Controle",
        "",
        "Geen fouten en 1 waarschuwing.",
        "",
        "Waarschuwingen:",
        "",
        "```text",
        "data/projects.yaml:20: tweede-project: samenvatting: waarschuwing: moeilijker dan taalniveau B1 (Flesch-Douma -298, B1 vanaf 60): maak de "
        "zinnen korter en kies kortere woorden; een vakwoord dat moet blijven, leg je uit in data/begrippen.yaml",
        "```",
        "",
    ]
    assert lines[-3] == "- project `tweede-project`, samenvatting: -298, moeilijker dan B1"


def test_a_long_list_is_shortened_so_the_comment_fits(checkout):
    projects = checkout / "data" / "projects.yaml"
    with projects.open("a", encoding="utf-8") as file:
        for number in range(45):
            file.write(NEW_PROJECT.replace("nieuw-project", f"nieuw-project-{number}"))
    lines = report(checkout)
    added = [line for line in lines if line.startswith("- toegevoegd: ")]
    assert len(added) == 40 and "- en nog 5 records; de hele lijst staat in het verslag van de run" in lines
    assert "- en nog 50 teksten; de hele lijst staat in het verslag van de run" in lines


def test_a_message_quoting_an_enormous_value_is_shortened_and_the_report_always_fits(checkout):
    projects = checkout / "data" / "projects.yaml"
    replace_in(projects, "gemeenten: [GM0047]", "gemeenten: [GM" + "x" * 40_000 + "]")
    replace_in(projects, "regio: testregio", "gemeenten: [GM" + "y" * 40_000 + "]")
    text = "\n".join(report(checkout))
    assert len(text) <= MAX_REPORT_CHARACTERS + 200
    assert max(len(line) for line in text.split("\n")) <= 600
    many = checkout / "data" / "projects.yaml"
    with many.open("a", encoding="utf-8") as file:
        for number in range(400):
            file.write(NEW_PROJECT.replace("nieuw-project", f"nieuw-project-{number}").replace("Wij helpen", "Wij " + "helpen " * 40))
    lines = report(checkout)
    assert len("\n".join(lines)) <= MAX_REPORT_CHARACTERS + 200


# --- hostile text ------------------------------------------------------------------------------

HOSTILE_NAMES = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "![x](https://evil.example/pixel.png)",
    "@everyone kijk #1 en https://evil.example",
    "`` ` `x` <b>vet</b> ```",
    "a\\`<b>b</b>",
    "regel een\nregel twee\n\n# kop\n<!-- -->",
    "<!-- watwerkt-voorbeeld -->",
    "naam\u202eomgedraaid\u2028\x1b[2J",
    "**vet** _schuin_ ~~weg~~ | kolom | <https://evil.example>",
]


def outside_code(markdown: str) -> str:
    """`markdown` with every fenced code block and code span taken out, as CommonMark finds them."""
    markdown = re.sub(r"^(`{3,})text\n.*?^\1$", "", markdown, flags=re.MULTILINE | re.DOTALL)
    return re.sub(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", "", markdown)


@pytest.mark.parametrize("hostile", HOSTILE_NAMES)
def test_submitted_text_is_shown_only_as_code(checkout, hostile):
    projects = checkout / "data" / "projects.yaml"
    quoted = '"' + hostile.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\u202e", "\\u202e").replace("\u2028", "\\u2028").replace("\x1b", "\\e") + '"'
    replace_in(projects, "naam: Tweede project", f"naam: {quoted}")
    replace_in(projects, "- id: tweede-project", f"- id: {quoted}")
    replace_in(projects, "  samenvatting: Nog een project.", f"  samenvatting: {quoted}\n  {quoted}: {quoted}")
    text = preview_report(checkout / "basis", checkout / "data", relative_to=checkout, today=TODAY, preview_url=PREVIEW)
    assert text.startswith(MARKER + "\n") and text.split("\n").count(MARKER) == 1  # the workflow finds its comment by it
    assert not re.search(r"[\x00-\x09\x0b-\x1f\u2028\u202e]", text)
    rest = outside_code(text)
    # What remains is the report's own words: no HTML, no mention, no link but the page links.
    assert rest.count("<") == 1 and rest.startswith(MARKER)
    assert "@" not in rest and "javascript" not in rest and "evil" not in rest and "#1" not in rest
    assert "](" not in rest  # the new record has no page: its id is no id


def test_code_is_one_backtick_longer_than_any_run_inside():
    assert code("gewoon") == "`gewoon`"
    assert code("a`b") == "``a`b``"
    assert code("`begin") == "`` `begin ``"
    assert code("x ``` y") == "````x ``` y````"
    assert code("regel\neen") == "`regel een`"  # one line
    assert code("\x1b[2J") == "`\\x1b[2J`"
    assert code("a" * 100) == "`" + "a" * 79 + "…`"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "https://x.example/a b", "https://x.example/)[x](y", "https://x.example/<script>", "https://x.example/a\nb", "ftp://x.example/", "//x.example/", "https://x.example/\"onmouseover"])
def test_a_preview_address_that_is_no_plain_web_address_is_refused(pull_request, url):
    with pytest.raises(UserError, match="is geen gewoon webadres"):
        report(pull_request, preview_url=url)


def test_every_data_file_with_records_has_a_kind():
    assert sorted(kind.filename for kind in KINDS) == sorted([collection.filename for collection in COLLECTIONS] + [CURRICULUM_FILE])


# --- the command -------------------------------------------------------------------------------


@pytest.fixture
def in_checkout(pull_request, monkeypatch):
    monkeypatch.chdir(pull_request)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)
    return pull_request


def test_the_command_writes_the_report_to_a_file(in_checkout, capsys):
    output = in_checkout / "runner" / "voorbeeld" / "reactie.md"
    assert cli.main(["voorbeeld", "--basis", "basis", "--uit", str(output)]) == 0
    assert capsys.readouterr().out == f"geschreven: {output}\n"
    assert output.read_text(encoding="utf-8") == preview_report(Path("basis"), Path("data"), relative_to=in_checkout, today=TODAY)


def test_the_command_prints_the_report_and_exits_0_even_when_the_data_has_errors(in_checkout, capsys):
    replace_in(in_checkout / "data" / "projects.yaml", "status: afgerond", "status: misschien")
    assert cli.main(["voorbeeld", "--basis", "basis", "--voorbeeld-url", PREVIEW]) == 0
    out = capsys.readouterr().out
    assert out.split("\n")[0] == MARKER and "1 fout en geen waarschuwingen. Met fouten kan de site niet worden gebouwd: los ze op in deze pull request." in out.split("\n")


@pytest.mark.parametrize(
    ("arguments", "code_", "message"),
    [
        ([], 2, "geef met --basis de map met de YAML-bestanden van vóór de pull request, zoals --basis basis/data\n"),
        (["--basis", "nergens"], 2, "nergens: bestaat niet; geef met --basis de map met de YAML-bestanden\n"),
        (["--basis", "basis/projects.yaml"], 2, "basis/projects.yaml: is geen map; geef met --basis de map met de YAML-bestanden\n"),
        (["--basis", "basis", "--data", "weg"], 2, "weg: bestaat niet; geef met --data de map met de YAML-bestanden\n"),
        (
            ["--basis", "basis", "--voorbeeld-url", "javascript:alert(1)"], 1,
            "het adres van de voorbeeldsite 'javascript:alert(1)' is geen gewoon webadres: schrijf het volledige adres, zoals "
            "https://voorbeeld.example.org/pr-12/, zonder spaties, haakjes of aanhalingstekens\n",
        ),
        (["--basis", "basis", "--uit", "data"], 1, "data: kan het verslag niet schrijven: is een map\n"),
    ],
)
def test_the_command_says_in_dutch_what_is_missing(in_checkout, capsys, arguments, code_, message):
    assert cli.main(["voorbeeld", *arguments]) == code_
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", message)
