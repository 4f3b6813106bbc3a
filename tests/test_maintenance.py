"""`watwerkt onderhoud`: the editors' list of what needs them, asserted line by line on the small
fixture data set with one of each kind of work in it; text from data, from websites and from
files shown as text (no link, HTML or @mention renders on GitHub); and the command's exit codes
and messages for every input it cannot use."""
from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest

from site_fixtures import replace_in
from test_link_check import site_linking_to, websites  # noqa: F401 (websites is a fixture)
from watwerkt import cli
from watwerkt.loading import check_data
from watwerkt.publishing.link_check import LinkStatus
from watwerkt.publishing.maintenance import (
    CheckedLink, DataLocations, PageScore, _code, _text, links_report, maintenance_report, read_links_report, read_readability,
)
from watwerkt.readability import HandWrittenPage

TODAY = datetime.date(2026, 12, 1)
EPOCH_TODAY = "1796083200"  # 2026-12-01, for the command
# Survives the check (no HTML, no character references) and is all a Markdown attacker has.
HOSTILE = "Zie [hier](https://evil.example) en ![x](https://evil.example/x.png), @redactie #1 **vet** `code` ~~weg~~ $x$ www.evil.example a|b _i_ a&b"
HOSTILE_SHOWN = (
    r"Zie \[hier\](https&#8203;://evil.example) en !\[x\](https&#8203;://evil.example/x.png), @&#8203;redactie #&#8203;1 \*\*vet\*\* "
    r"\`code\` \~\~weg\~\~ \$x\$ www&#8203;.evil.example a\|b \_i\_ a&b"
)


@pytest.fixture
def work(tmp_path: Path, data_dir: Path) -> Path:
    return with_one_of_each(tmp_path, data_dir)


def with_one_of_each(tmp_path: Path, data_dir: Path) -> Path:
    """The fixture data with one of each: a stale project, a homepage source with a hostile
    reason, an expired and an expiring recognition; and a built site's leesbaarheid.csv."""
    replace_in(data_dir / "projects.yaml", "laatst_gecontroleerd: 2026-11-01", "laatst_gecontroleerd: 2025-06-01")
    replace_in(
        data_dir / "aanpakken.yaml",
        '- {titel: Testbron, organisatie: Stichting Voorbeeld, url: "https://example.org/bron"}',
        f'- {{titel: "Jaarplan @iemand", organisatie: Stichting Voorbeeld, url: "https://example.org/", waarom_geen_pagina: "{HOSTILE}"}}',
    )
    replace_in(
        data_dir / "aanpakken.yaml",
        "erkenning: {niveau: niet-beoordeeld, datum: 2026-11, toelichting: Niet beoordeeld.}",
        'erkenning: {niveau: goed-beschreven, datum: 2022-02, geldig_tot: 2027-01, door: Erkenningscommissie, bron: {titel: Databank, organisatie: Movisie, url: "https://example.org/databank-eerste"}}',
    )
    replace_in(data_dir / "aanpakken.yaml", "geldig_tot: 2030", "geldig_tot: 2026-10")
    site = tmp_path / "site"
    site.mkdir()
    (site / "leesbaarheid.csv").write_text(
        "pagina;flesch_douma;b1;woorden;zinnen;reden\n"
        "/aanpakken/tweede-aanpak/;41;nee;120;6;\n"
        "/over/;55;nee;300;20;\n"
        "/gemeenten/;57;nee;200;10;Vooral een lijst van gemeenten.\n"
        "/[x](https://evil.example)/;58;nee;10;1;\n"
        "/;80;ja;400;40;\n",
        encoding="utf-8",
    )
    (tmp_path / "docs" / "over").mkdir(parents=True)
    (tmp_path / "docs" / "over" / "index.md").write_text("# Over\n", encoding="utf-8")
    return tmp_path


LINKS = [
    CheckedLink("https://example.org/weg", 404, "HTTP 404 Not Found", True, False, ("/aanpakken/eerste-aanpak/",), ("data/aanpakken.yaml:15",)),
    CheckedLink(
        "https://example.org/storing`x", 503, "HTTP 503 <img src=x onerror=alert(1)> @everyone", False, False,
        ("/", "/projectenbank/eerste-project/"), (),
    ),
    CheckedLink("https://example.org/goed", 200, "in orde", False, True, ("/",), ()),
]


def report(work: Path, **parts) -> list[str]:
    kennisbank, problems = check_data(work / "data", relative_to=work, today=TODAY)
    assert kennisbank is not None, "\n".join(map(str, problems))
    return maintenance_report(kennisbank, problems, today=TODAY, locations=DataLocations(work / "data", relative_to=work), **parts).splitlines()


def test_the_report_names_each_record_its_page_and_its_line(work):
    lines = report(
        work, links=LINKS, readability=read_readability(work / "site"),
        hand_written={"over/": HandWrittenPage("docs/over/index.md", None), "gemeenten/": HandWrittenPage("docs/gemeenten/index.md", "Vooral een lijst van gemeenten.")},
    )
    assert lines == [
        "# Onderhoud: wat de redactie moet nakijken",
        "",
        "Stand op 2026-12-01: 1 record niet gecontroleerd, 1 bron zonder eigen pagina, 1 kapotte link, 1 link om te bekijken, "
        "3 pagina's onder B1, 1 verlopen erkenning, 1 erkenning die binnenkort verloopt.",
        "",
        "## Niet gecontroleerd in 12 maanden",
        "",
        "- project `eerste-project` (Eerste project): laatst gecontroleerd op 2025-06-01, meer dan 12 maanden geleden; "
        "kijk of alles nog klopt en zet dan de datum van vandaag — `/projectenbank/eerste-project/`, `data/projects.yaml:16`",
        "",
        "## Bronnen zonder eigen pagina",
        "",
        "Zet het adres van de pagina die het feit noemt erin, zodra die er is.",
        "",
        "- aanpak `eerste-aanpak` (Eerste aanpak), `bronnen[0]`: homepage `https://example.org/`; titel: Jaarplan @&#8203;iemand; "
        f"uitgever: Stichting Voorbeeld; waarom geen pagina: {HOSTILE_SHOWN} — `/aanpakken/eerste-aanpak/`, `data/aanpakken.yaml:20`",
        "",
        "## Kapotte links",
        "",
        "- `https://example.org/weg`: HTTP 404 Not Found — op `/aanpakken/eerste-aanpak/`; in `data/aanpakken.yaml:15`",
        "",
        "## Links om zelf te bekijken",
        "",
        "Geen antwoord op tijd, geen toegang of een fout bij de website: kijk zelf of de pagina er nog is.",
        "",
        r"- ``https://example.org/storing`x``: HTTP 503 \<img src=x onerror=alert(1)\> @&#8203;everyone — op `/`, `/projectenbank/eerste-project/`",
        "",
        "## Pagina's onder B1",
        "",
        "Flesch-Douma onder 60, zonder reden in de kop (b1_uitzondering).",
        "",
        "- `/aanpakken/tweede-aanpak/` scoort 41: aanpak `tweede-aanpak` (Tweede aanpak); schrijf de teksten eenvoudiger — `data/aanpakken.yaml:23`",
        "- `/over/` scoort 55: schrijf `docs/over/index.md` eenvoudiger, of zet in de kop waarom het niet kan (b1_uitzondering)",
        "- `/[x](https://evil.example)/` scoort 58: schrijf de pagina eenvoudiger",
        "",
        "Niet genoemd: 1 pagina onder B1 met een reden in de kop (b1_uitzondering).",
        "",
        "## Verlopen erkenningen",
        "",
        'De site toont bij deze aanpakken "verlopen". Kijk of er een nieuw oordeel is.',
        "",
        "- aanpak `tweede-aanpak` (Tweede aanpak): Goed beschreven, volgens Erkenningscommissie, geldig tot 2026-10 — `/aanpakken/tweede-aanpak/`, `data/aanpakken.yaml:38`",
        "",
        "## Erkenningen die binnen 3 maanden verlopen",
        "",
        "- aanpak `eerste-aanpak` (Eerste aanpak): Goed beschreven, volgens Erkenningscommissie, geldig tot 2027-01 — `/aanpakken/eerste-aanpak/`, `data/aanpakken.yaml:16`",
    ]


def test_without_links_and_site_the_report_says_how_to_include_them_and_empty_sections_say_niets(data_dir):
    work = data_dir.parent
    kennisbank, problems = check_data(work / "data", relative_to=work, today=datetime.date(2026, 11, 25))
    lines = maintenance_report(kennisbank, problems, today=datetime.date(2026, 11, 25), locations=DataLocations(work / "data", relative_to=work)).splitlines()
    assert lines == [
        "# Onderhoud: wat de redactie moet nakijken",
        "",
        "Stand op 2026-11-25: 0 records niet gecontroleerd, 0 bronnen zonder eigen pagina, links niet nagekeken, leesbaarheid niet nagekeken, "
        "0 verlopen erkenningen, 0 erkenningen die binnenkort verlopen.",
        "",
        "## Niet gecontroleerd in 12 maanden",
        "",
        "Niets.",
        "",
        "## Bronnen zonder eigen pagina",
        "",
        "Niets.",
        "",
        "## Kapotte links",
        "",
        "Niet nagekeken: geef `--links VERSLAG`, gemaakt met `watwerkt links --site site --verslag VERSLAG`.",
        "",
        "## Links om zelf te bekijken",
        "",
        "Niet nagekeken: geef `--links VERSLAG`, gemaakt met `watwerkt links --site site --verslag VERSLAG`.",
        "",
        "## Pagina's onder B1",
        "",
        "Niet nagekeken: geef `--site site`, een site gebouwd met `watwerkt build --site site`.",
        "",
        "## Verlopen erkenningen",
        "",
        "Niets.",
        "",
        "## Erkenningen die binnen 3 maanden verlopen",
        "",
        "Niets.",
    ]


def test_checked_links_alone_with_nothing_wrong_say_niets(work):
    lines = report(work, links=[LINKS[2]], readability=[PageScore("/", 80, True, "")])
    assert lines[2].startswith("Stand op 2026-12-01: 1 record niet gecontroleerd, 1 bron zonder eigen pagina, 0 kapotte links, 0 links om te bekijken, 0 pagina's onder B1,")
    for title in ("## Kapotte links", "## Links om zelf te bekijken", "## Pagina's onder B1"):
        assert lines[lines.index(title) + 2] == "Niets."


def test_a_source_without_any_address_and_a_module_source_are_named_by_their_own_record(work):
    replace_in(
        work / "data" / "opleiding.yaml",
        '      - {titel: Testbron, organisatie: Stichting Voorbeeld, url: "https://example.org/opleiding"}',
        "      - {titel: Lesmap, organisatie: Stichting Voorbeeld, waarom_geen_pagina: Alleen op papier.}",
    )
    lines = report(work)
    assert "- module `eerste-module` (Eerste module), `bronnen[0]`: geen adres; titel: Lesmap; uitgever: Stichting Voorbeeld; " \
        "waarom geen pagina: Alleen op papier. — `/opleiding/eerste-module/`, `data/opleiding.yaml:24`" in lines


@pytest.mark.parametrize(
    ("valid_until", "section"),
    [
        ("2026-11-30", "## Verlopen erkenningen"),
        ("2026-11", "## Verlopen erkenningen"),
        ("2025", "## Verlopen erkenningen"),
        ("2026-12-01", "## Erkenningen die binnen 3 maanden verlopen"),  # still valid today
        ("2026", "## Erkenningen die binnen 3 maanden verlopen"),
        ("2027-02", "## Erkenningen die binnen 3 maanden verlopen"),
        ("2027-02-28", "## Erkenningen die binnen 3 maanden verlopen"),
        ("2027-03-01", None),
        ("2027-03", None),
    ],
)
def test_a_recognition_is_expired_after_the_whole_period_it_names_and_expiring_within_3_months(data_dir, valid_until, section):
    replace_in(data_dir / "aanpakken.yaml", "datum: 2025, geldig_tot: 2030", f"datum: 2025, geldig_tot: {valid_until}")
    lines = report(data_dir.parent)
    found = [
        [heading for heading in lines[:index] if heading.startswith("## ")][-1]
        for index, line in enumerate(lines) if line.startswith("- aanpak `tweede-aanpak`")
    ]
    assert found == ([section] if section else [])


@pytest.mark.parametrize(
    ("hostile", "shown"),
    [
        ("<script>alert(1)</script>", r"\<script\>alert(1)\</script\>"),
        ("&lt;b&gt; &#60; &amp a&b", r"\&lt;b\&gt; \&#&#8203;60; &amp a&b"),
        ("[a](javascript:alert(1)) [b]: https://evil.example", r"\[a\](javascript:alert(1)) \[b\]: https&#8203;://evil.example"),
        ("@everyone @org/team jan@example.org", "@&#8203;everyone @&#8203;org/team jan@&#8203;example.org"),
        ("#12 owner/repo#3 GH-4", "#&#8203;12 owner/repo#&#8203;3 GH&#8203;-4"),
        ("regel\n\n# kop\n- lijst\r\n> citaat", r"regel # kop - lijst \> citaat"),
        ("\x1b[2J\u202etxt", r"\\x1b\[2J\\u202etxt"),
        ("a\\b ~x~ |c| $d$ *e* _f_ `g`", r"a\\b \~x\~ \|c\| \$d\$ \*e\* \_f\_ \`g\`"),
    ],
)
def test_text_from_data_renders_as_text(hostile, shown):
    assert _text(hostile) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("https://example.org/a", "`https://example.org/a`"),
        ("a`b", "``a`b``"),
        ("`a``", "``` `a`` ```"),
        ("a\nb", "`a b`"),
        ("", "`-`"),
    ],
)
def test_addresses_and_ids_are_code_spans_that_nothing_closes_early(value, shown):
    assert _code(value) == shown


# --- the files it reads ---------------------------------------------------------------------


def test_the_links_report_is_read_back_as_written(tmp_path):
    statuses = [LinkStatus("https://b.example/", 404, "HTTP 404 Not Found"), LinkStatus("https://a.example/", None, "geen antwoord op tijd")]
    text = links_report(statuses, {"https://b.example/": ["/"], "https://a.example/": ["/", "/over/"]}, {"https://b.example/": ["data/projects.yaml:3"]})
    assert json.loads(text)["links"][0] == {
        "url": "https://a.example/", "status": None, "reason": "geen antwoord op tijd", "broken": False, "ok": False, "pages": ["/", "/over/"], "sources": [],
    }
    (tmp_path / "links.json").write_text(text, encoding="utf-8")
    assert read_links_report(tmp_path / "links.json") == [
        CheckedLink("https://a.example/", None, "geen antwoord op tijd", False, False, ("/", "/over/"), ()),
        CheckedLink("https://b.example/", 404, "HTTP 404 Not Found", True, False, ("/",), ("data/projects.yaml:3",)),
    ]


def test_links_verslag_writes_what_onderhoud_reads(tmp_path, monkeypatch, capsys, websites):  # noqa: F811
    site_linking_to(tmp_path, [f"{websites}/weg", f"{websites}/goed", f"{websites}/storing"])
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "projects.yaml").write_text(f"- id: x\n  contact:\n    website: {websites}/weg\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["links", "--site", "site", "--timeout", "5", "--verslag", "links.json"]) == 1
    assert read_links_report(tmp_path / "links.json") == [
        CheckedLink(f"{websites}/goed", 200, "in orde", False, True, ("/",), ()),
        CheckedLink(f"{websites}/storing", 503, "HTTP 503 Service Unavailable", False, False, ("/",), ()),
        CheckedLink(f"{websites}/weg", 404, "HTTP 404 Not Found", True, False, ("/", "/aanpakken/een/"), ("data/projects.yaml:3",)),
    ]


def test_no_report_is_written_when_no_website_answered(tmp_path, monkeypatch):
    site_linking_to(tmp_path, ["http://een.invalid/"])
    monkeypatch.chdir(tmp_path)
    assert cli.main(["links", "--site", "site", "--timeout", "5", "--verslag", "links.json"]) == 2
    assert not (tmp_path / "links.json").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "links.json:1: bestand ontbreekt; maak het met `watwerkt links --site site --verslag links.json`"),
        ("{niet: json", "links.json:1: is geen geldige JSON (Expecting property name enclosed in double quotes); maak het verslag opnieuw met `watwerkt links --verslag`"),
        ("[]", "links.json: is geen verslag van `watwerkt links --verslag` ('format' is niet 'watwerkt links --verslag'); maak het opnieuw met `watwerkt links --verslag`"),
        ('{"format": "watwerkt links --verslag", "version": 2, "links": []}', "links.json: is geen verslag van `watwerkt links --verslag` (versie 2 ken ik niet, alleen 1)"),
        ('{"format": "watwerkt links --verslag", "version": 1}', "links.json: is geen verslag van `watwerkt links --verslag` ('links')"),
        ('{"format": "watwerkt links --verslag", "version": 1, "links": [{"url": "x"}]}', "(link 1 mist url, reason, broken of ok)"),
        ('{"format": "watwerkt links --verslag", "version": 1, "links": [{"url": "x", "reason": "", "broken": true, "ok": false, "status": "404"}]}', "(link 1: status is geen getal)"),
        ('{"format": "watwerkt links --verslag", "version": 1, "links": [{"url": "x", "reason": "", "broken": true, "ok": false, "pages": [1]}]}', "(link 1: pages en sources moeten lijsten met tekst zijn)"),
        (b"\xff\xfe", "links.json:1: bestand is geen geldige UTF-8-tekst"),
    ],
)
def test_a_missing_or_garbled_links_report_is_named_with_its_path(tmp_path, monkeypatch, capsys, data_dir, content, message):
    monkeypatch.chdir(tmp_path)
    if isinstance(content, bytes):
        (tmp_path / "links.json").write_bytes(content)
    elif content is not None:
        (tmp_path / "links.json").write_text(content, encoding="utf-8")
    assert cli.main(["onderhoud", "--links", "links.json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and message in captured.err and "Traceback" not in captured.err
    assert len(captured.err.splitlines()) == 1


@pytest.mark.parametrize(
    ("csv", "message"),
    [
        (None, "site/leesbaarheid.csv:1: bestand ontbreekt; bouw de site opnieuw met `watwerkt build --site site`"),
        ("pagina,score\n", "site/leesbaarheid.csv:1: de eerste regel is niet 'pagina;flesch_douma;b1;woorden;zinnen;reden'"),
        ("pagina;flesch_douma;b1;woorden;zinnen;reden\n/;veel;ja;1;1;\n", "site/leesbaarheid.csv:2: is geen regel van het leesbaarheidsverslag"),
        ("pagina;flesch_douma;b1;woorden;zinnen;reden\n/;60;ja;1;1\n", "site/leesbaarheid.csv:2: is geen regel van het leesbaarheidsverslag"),
        ("", "site/leesbaarheid.csv:1: de eerste regel is niet"),
    ],
)
def test_a_missing_or_garbled_readability_report_is_named_with_its_path(tmp_path, monkeypatch, capsys, data_dir, csv, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "site").mkdir()
    if csv is not None:
        (tmp_path / "site" / "leesbaarheid.csv").write_text(csv, encoding="utf-8")
    assert cli.main(["onderhoud", "--site", "site"]) == 1
    captured = capsys.readouterr()
    assert message in captured.err and "Traceback" not in captured.err and captured.out == ""


# --- the command ----------------------------------------------------------------------------


def test_the_command_prints_the_report_or_writes_it(work, monkeypatch, capsys):
    monkeypatch.chdir(work)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_TODAY)
    (work / "links.json").write_text(links_report([LinkStatus("https://example.org/weg", 404, "HTTP 404 Not Found")], {"https://example.org/weg": ["/"]}, {}), encoding="utf-8")
    assert cli.main(["onderhoud", "--site", "site", "--links", "links.json"]) == 0
    printed = capsys.readouterr().out
    assert printed.splitlines()[2].startswith("Stand op 2026-12-01: 1 record niet gecontroleerd, 1 bron zonder eigen pagina, 1 kapotte link, 0 links om te bekijken, 3 pagina's onder B1,")
    assert "- `/over/` scoort 55: schrijf `docs/over/index.md` eenvoudiger, of zet in de kop waarom het niet kan (b1_uitzondering)" in printed.splitlines()
    assert cli.main(["onderhoud", "--site", "site", "--links", "links.json", "--uit", "uit/onderhoud.md"]) == 0
    assert capsys.readouterr().out == "geschreven: uit/onderhoud.md\n"
    assert (work / "uit" / "onderhoud.md").read_text(encoding="utf-8") == printed


@pytest.mark.parametrize("site", ["site", "leeg.txt"])
def test_a_missing_site_folder_is_named(tmp_path, monkeypatch, capsys, data_dir, site):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "leeg.txt").write_text("", encoding="utf-8")
    assert cli.main(["onderhoud", "--site", site]) == 1
    reason = "bestaat niet" if site == "site" else "is geen map"
    assert capsys.readouterr().err == f"{site}: {reason}; bouw de site eerst met `watwerkt build --site {site}`, of geef met --site de map van de site\n"


def test_invalid_data_gives_the_checks_lines_and_exit_1(tmp_path, monkeypatch, capsys, data_dir):
    monkeypatch.chdir(tmp_path)
    replace_in(data_dir / "projects.yaml", "gemeenten: [GM0047]", "gemeenten: [GM9999]")
    assert cli.main(["onderhoud"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        "data/projects.yaml:8: eerste-project: gemeenten[0]: 'GM9999' staat niet in data/gemeenten.yaml",
        "1 probleem in de gegevens; los ze eerst op (zie `watwerkt check`).",
    ]


def test_a_missing_data_folder_and_an_unwritable_output_are_named(tmp_path, monkeypatch, capsys, data_dir):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["onderhoud", "--data", "geen"]) == 2
    assert capsys.readouterr().err == "geen: bestaat niet; geef met --data de map met de YAML-bestanden\n"
    (tmp_path / "bezet").write_text("", encoding="utf-8")
    assert cli.main(["onderhoud", "--uit", "bezet/onderhoud.md"]) == 1
    assert re.fullmatch(r"bezet/onderhoud\.md: kan het overzicht niet schrijven: .+\n", capsys.readouterr().err)

