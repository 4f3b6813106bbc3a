"""Every kind of bad input gets one precise line: FILE:LINE: RECORD_ID: FIELD: message."""
from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path

import pytest

from shared_cases import END_BEFORE_START_CASES

from site_fixtures import replace_in
from watwerkt import cli
from watwerkt.loading import check_data


TODAY = datetime.date(2026, 11, 25)  # the fixture data was last checked in November 2026


def problems(data_dir: Path, today: datetime.date = TODAY) -> list[str]:
    _, found = check_data(data_dir, relative_to=data_dir.parent, today=today)
    return [str(problem) for problem in found]


def test_fixture_data_is_valid(data_dir):
    assert problems(data_dir) == []


def test_yaml_syntax_error_names_line_and_column(data_dir):
    replace_in(data_dir / "projects.yaml", "  naam: Eerste project", "  naam: Eerste: project")
    assert problems(data_dir) == [
        "data/projects.yaml:2: -: -: YAML-fout in kolom 15: onverwachte dubbele punt; "
        "zet tekst met een ':' tussen aanhalingstekens"
    ]


def test_tab_indentation_is_explained(data_dir):
    replace_in(data_dir / "themas.yaml", "  naam: Schulden", "\tnaam: Schulden")
    [line] = problems(data_dir)
    assert line.startswith("data/themas.yaml:5: -: -: YAML-fout in kolom 1: er staat een tab")


def test_wrong_type(data_dir):
    replace_in(data_dir / "projects.yaml", "  doelen: [Mensen helpen.]", "  doelen: Mensen helpen.")
    assert problems(data_dir) == [
        "data/projects.yaml:12: eerste-project: doelen: moet een lijst zijn (elk item op een eigen regel met '- '), niet tekst"
    ]


def test_number_where_text_belongs(data_dir):
    replace_in(data_dir / "projects.yaml", "  doelen: [Mensen helpen.]", "  doelen: [42]")
    assert problems(data_dir) == ["data/projects.yaml:12: eerste-project: doelen[0]: moet tekst zijn, niet een getal"]


def test_missing_required_field_points_at_the_record(data_dir):
    replace_in(data_dir / "projects.yaml", "  organisatie: Stichting Voorbeeld\n", "")
    assert problems(data_dir) == ["data/projects.yaml:1: eerste-project: organisatie: verplicht veld ontbreekt"]


def test_empty_field(data_dir):
    replace_in(data_dir / "projects.yaml", "  organisatie: Stichting Voorbeeld", "  organisatie:")
    assert problems(data_dir) == [
        "data/projects.yaml:3: eerste-project: organisatie: is leeg; vul een waarde in of laat het veld weg"
    ]


def test_unknown_field_suggests_the_near_miss(data_dir):
    replace_in(data_dir / "projects.yaml", "  organisatie: Stichting Voorbeeld", "  organsatie: Stichting Voorbeeld")
    assert problems(data_dir) == [
        "data/projects.yaml:1: eerste-project: organisatie: verplicht veld ontbreekt",
        "data/projects.yaml:3: eerste-project: organsatie: onbekend veld 'organsatie'; bedoelde u 'organisatie'?",
    ]


def test_unknown_nested_field_suggests_from_its_own_level(data_dir):
    replace_in(data_dir / "projects.yaml", "    website: https://example.org", "    webiste: https://example.org")
    found = problems(data_dir)
    assert "data/projects.yaml:14: eerste-project: contact.webiste: onbekend veld 'webiste'; bedoelde u 'website'?" in found


def test_unknown_field_far_from_any_lists_the_allowed_ones(data_dir):
    replace_in(data_dir / "themas.yaml", "  naam: Schulden", "  naam: Schulden\n  kleur: rood")
    [line] = problems(data_dir)
    assert line == "data/themas.yaml:6: schulden: kleur: onbekend veld 'kleur'; toegestaan zijn: id, naam, omschrijving"


def test_duplicate_id(data_dir):
    replace_in(data_dir / "projects.yaml", "- id: tweede-project", "- id: eerste-project")
    assert problems(data_dir) == [
        "data/projects.yaml:17: eerste-project: id: 'eerste-project' komt al voor op regel 1; elke id moet uniek zijn"
    ]


def test_duplicate_key_in_one_mapping_is_not_silently_dropped(data_dir):
    replace_in(data_dir / "projects.yaml", "  status: lopend", "  status: lopend\n  naam: Andere naam")
    assert problems(data_dir) == [
        "data/projects.yaml:7: eerste-project: naam: veld staat dubbel (ook op regel 2); de eerste waarde zou verloren gaan"
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("  aanpakken: [eerste-aanpak]", "  aanpakken: [eerst-aanpak]",
         "data/projects.yaml:11: eerste-project: aanpakken[0]: 'eerst-aanpak' staat niet in data/aanpakken.yaml; bedoelde u 'eerste-aanpak'?"),
        ("  gemeenten: [GM0047]", "  gemeenten: [GM0047, GM9999]",
         "data/projects.yaml:8: eerste-project: gemeenten[1]: 'GM9999' staat niet in data/gemeenten.yaml"),
        ("  themas: [generatiearmoede]", "  themas: [armoede]",
         "data/projects.yaml:9: eerste-project: themas[0]: 'armoede' staat niet in data/themas.yaml; bedoelde u 'generatiearmoede'?"),
        ("  regio: testregio", "  regio: test-regio",
         "data/projects.yaml:23: tweede-project: regio: 'test-regio' staat niet in data/regios.yaml; bedoelde u 'testregio'?"),
    ],
)
def test_unknown_reference(data_dir, old, new, expected):
    replace_in(data_dir / "projects.yaml", old, new)
    assert problems(data_dir) == [expected]


def test_reference_checked_even_when_the_record_has_other_problems(data_dir):
    path = data_dir / "projects.yaml"
    replace_in(path, "  aanpakken: [eerste-aanpak]", "  aanpakken: [onbekend]")
    replace_in(path, "  status: lopend", "  status: bezig")
    assert problems(data_dir) == [
        "data/projects.yaml:6: eerste-project: status: 'bezig' is geen toegestane waarde; kies uit: 'lopend', 'afgerond', 'gestopt' of 'onbekend'",
        "data/projects.yaml:11: eerste-project: aanpakken[0]: 'onbekend' staat niet in data/aanpakken.yaml",
    ]


def test_unknown_reference_inside_the_curriculum_names_the_module(data_dir):
    replace_in(data_dir / "opleiding.yaml", "    verwante_aanpakken: [eerste-aanpak]", "    verwante_aanpakken: [derde-aanpak]")
    [line] = problems(data_dir)
    assert line.startswith("data/opleiding.yaml:22: eerste-module: verwante_aanpakken[0]: 'derde-aanpak' staat niet in data/aanpakken.yaml")


def test_duplicate_learning_goal_id_names_the_module(data_dir):
    replace_in(data_dir / "opleiding.yaml", "{id: derde-leerdoel,", "{id: eerste-leerdoel,")
    assert problems(data_dir) == [
        "data/opleiding.yaml:31: tweede-module: leerdoelen[0].id: leerdoel-id 'eerste-leerdoel' komt al voor op regel 20; elke id moet uniek zijn",
        VANISHED_GOAL,
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("  toegevoegd: 2026-11-01", "  toegevoegd: 2026-13-45",
         "data/projects.yaml:15: eerste-project: toegevoegd: '2026-13-45' is geen geldige datum; schrijf JJJJ-MM-DD"),
        ("  toegevoegd: 2026-11-01", "  toegevoegd: gisteren",
         "data/projects.yaml:15: eerste-project: toegevoegd: 'gisteren' is geen geldige datum; schrijf JJJJ-MM-DD"),
        ("  start: 2024-01", "  start: 2024-14",
         "data/projects.yaml:7: eerste-project: start: '2024-14' is geen geldige datum; schrijf JJJJ-MM-DD, JJJJ-MM of JJJJ"),
    ],
)
def test_invalid_date(data_dir, old, new, expected):
    replace_in(data_dir / "projects.yaml", old, new)
    assert problems(data_dir) == [expected]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("javascript:alert(1)", "'javascript:alert(1)' is geen geldige link: begin met https://, http:// of mailto:"),
        ("ftp://example.org", "'ftp://example.org' is geen geldige link: begin met https://, http:// of mailto:"),
        ("www.example.org", "'www.example.org' is geen geldige link: begin met https://, http:// of mailto:"),
        ("https://", "'https://' is geen geldig webadres"),
    ],
)
def test_invalid_url_or_scheme(data_dir, url, message):
    replace_in(data_dir / "projects.yaml", "    website: https://example.org", f"    website: '{url}'")
    assert problems(data_dir) == [f"data/projects.yaml:14: eerste-project: contact.website: {message}"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Zie <script>alert(1)</script>", "HTML is niet toegestaan; gebruik gewone tekst (of Markdown in lange teksten)"),
        ("Klik [hier](javascript:alert(1))", "'javascript:', 'vbscript:' en 'data:' zijn niet toegestaan in tekst"),
        ("Bel 06-12345678", "een 06-nummer is persoonlijk; noem het algemene contactpunt van de organisatie"),
    ],
)
def test_unsafe_or_personal_text_is_refused(data_dir, text, message):
    replace_in(data_dir / "projects.yaml", "  beschrijving: Een beschrijving van het project.", f"  beschrijving: '{text}'")
    assert problems(data_dir) == [f"data/projects.yaml:5: eerste-project: beschrijving: {message}"]


PERSONAL_EMAIL = (
    "dit lijkt een persoonlijk e-mailadres; noem een algemeen adres van de organisatie, zoals info@voorbeeld.nl, "
    "geen adres van een persoon en geen adres bij gmail, hotmail en dergelijke"
)


@pytest.mark.parametrize("address", ["j.jansen@example.org", "jh.van.dijk@example.org", "jan.jansen@gmail.com", "Jan.de.Vries@hotmail.com"])
def test_personal_email_is_refused(data_dir, address):
    replace_in(data_dir / "projects.yaml", "    email: info@example.org", f"    email: {address}")
    assert problems(data_dir) == [f"data/projects.yaml:28: tweede-project: contact.email: {PERSONAL_EMAIL}"]


def test_stopped_approach_needs_a_reason(data_dir):
    replace_in(data_dir / "aanpakken.yaml", "  status_reden: De subsidie stopte in 2020.\n", "")
    assert problems(data_dir) == [
        "data/aanpakken.yaml:27: tweede-aanpak: status: bij status 'gestopt' hoort een 'status_reden': waarom gestopt of niet werkzaam?"
    ]


@pytest.mark.parametrize("start, end, refused", END_BEFORE_START_CASES)
def test_the_check_and_the_form_agree_on_an_end_before_the_start(data_dir, start, end, refused):
    replace_in(data_dir / "projects.yaml", "  start: 2024-01\n", f"  start: '{start}'\n  eind: '{end}'\n")
    expected = [f"data/projects.yaml:8: eerste-project: eind: einddatum {end} ligt vóór startdatum {start}"] if refused else []
    assert problems(data_dir) == expected


def test_end_before_start(data_dir):
    replace_in(data_dir / "aanpakken.yaml", "eind: 2020-07}", "eind: 2016}")
    assert problems(data_dir) == ["data/aanpakken.yaml:13: eerste-aanpak: periode.eind: einddatum 2016 ligt vóór startdatum 2017-09-01"]


def test_a_repeated_text_is_allowed(data_dir):
    # A scalar alias cannot multiply: it is harmless, and simply the same text again.
    replace_in(data_dir / "themas.yaml", "  naam: Generatiearmoede", "  naam: &naam Generatiearmoede")
    replace_in(data_dir / "themas.yaml", "  naam: Schulden", "  naam: *naam")
    assert problems(data_dir) == []


def test_a_repeated_list_is_refused_once_without_follow_on_errors(data_dir):
    replace_in(data_dir / "projects.yaml", "  doelen: [Mensen helpen.]", "  doelen: &doelen [Mensen helpen.]")
    replace_in(data_dir / "projects.yaml", "  doelen: [Schulden oplossen.]", "  doelen: *doelen")
    assert problems(data_dir) == [
        "data/projects.yaml:26: tweede-project: doelen: ankers en aliassen (& en *) worden niet ondersteund; schrijf de waarde voluit",
    ]


def test_missing_file(data_dir):
    (data_dir / "themas.yaml").unlink()
    assert problems(data_dir) == ["data/themas.yaml:1: -: -: bestand ontbreekt"]


def test_file_of_the_wrong_shape(data_dir):
    (data_dir / "doelgroepen.yaml").write_text("id: inwoners\nnaam: Inwoners\n", encoding="utf-8")
    found = problems(data_dir)
    assert found[0] == "data/doelgroepen.yaml:1: -: -: het bestand moet een lijst van records zijn (elk record begint met '- '), niet een groep velden"


def test_every_problem_is_reported_not_only_the_first(data_dir):
    replace_in(data_dir / "projects.yaml", "  organisatie: Stichting Voorbeeld", "  organsatie: Stichting Voorbeeld")
    replace_in(data_dir / "aanpakken.yaml", "  themas: [schulden]", "  themas: [schuld]")
    replace_in(data_dir / "opleiding.yaml", "klasgrootte: 12", "klasgrootte: twaalf")
    found = problems(data_dir)
    assert [line.split(": ")[0] for line in found] == [
        "data/aanpakken.yaml:39",
        "data/opleiding.yaml:7",
        "data/projects.yaml:1",
        "data/projects.yaml:3",
    ]


def test_check_command_exits_1_and_prints_every_line(data_dir, capsys, monkeypatch):
    monkeypatch.chdir(data_dir.parent)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795564800")  # 2026-11-25
    replace_in(data_dir / "projects.yaml", "  aanpakken: [eerste-aanpak]", "  aanpakken: [onbekend]")
    replace_in(data_dir / "themas.yaml", "  naam: Schulden", "  naam: [Schulden]")
    assert cli.main(["check"]) == 1
    errors = capsys.readouterr().err.splitlines()
    assert errors == [
        "data/projects.yaml:11: eerste-project: aanpakken[0]: 'onbekend' staat niet in data/aanpakken.yaml",
        "data/themas.yaml:5: schulden: naam: moet tekst zijn, niet een lijst",
        "2 problemen gevonden. Los ze op en controleer opnieuw.",
    ]


def test_check_command_exits_0_with_a_summary(data_dir, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795564800")  # 2026-11-25
    assert cli.main(["check", "--data", str(data_dir)]) == 0
    assert capsys.readouterr().out == (
        "Alles in orde: 2 aanpakken, 2 projecten, 2 modules met 3 leerdoelen, 3 gemeenten, "
        "1 regio's, 2 thema's, 1 doelgroepen.\n"
    )


def test_the_real_data_is_valid():
    from site_fixtures import REPO

    _, found = check_data(REPO / "data", relative_to=REPO)
    assert [str(problem) for problem in found if not problem.warning] == []


def test_a_build_reads_the_data_once_and_again_after_a_change(tmp_path):
    from site_fixtures import FIXTURE_DATA
    from watwerkt.publishing.site import load_site

    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    first = load_site(tmp_path)
    assert load_site(tmp_path) is first
    replace_in(tmp_path / "data" / "themas.yaml", "  naam: Schulden", "  naam: Schulden en geld")
    second = load_site(tmp_path)
    assert second is not first and second.kennisbank.themes["schulden"].naam == "Schulden en geld"


LINE = re.compile(r"^data/[a-z]+\.yaml:\d+: [^:\n]+: [^:\n]+: [^\n]+$")


@pytest.mark.parametrize(
    ("filename", "text"),
    [
        ("themas.yaml", "just a string\n"),
        ("themas.yaml", ""),
        ("themas.yaml", "# alleen commentaar\n"),
        ("themas.yaml", "id: a\nid: b\n"),
        ("themas.yaml", "- [a, b]\n"),
        ("themas.yaml", "- {id: 5, naam: x, omschrijving: y}\n"),
        ("themas.yaml", "- {id: [a], naam: x, omschrijving: y}\n"),
        ("themas.yaml", "- {5: x}\n"),
        ("themas.yaml", "- {id: a, naam: !!bool maybe, omschrijving: y}\n"),
        ("themas.yaml", "- {id: a, naam: !!int , omschrijving: y}\n"),
        ("themas.yaml", "- {id: a, naam: !!timestamp foo, omschrijving: y}\n"),
        ("themas.yaml", "- {id: a, naam: !!python/object:os.system x, omschrijving: y}\n"),
        ("themas.yaml", "\ufeff- {id: a, naam: x, omschrijving: y}\r\n- {id: a\r\n"),
        ("themas.yaml", "- {id: a, naam: \"x\x80y\", omschrijving: y}\n"),
        ("themas.yaml", "- {id: a, naam: 'x\x00', omschrijving: y}\n"),
        ("themas.yaml", "- id: a\n  naam: \"niet afgesloten\n  omschrijving: y\n"),
        ("themas.yaml", "- {id: a, naam: x, omschrijving: y}\n---\n- {id: b}\n"),
        ("themas.yaml", "- {id: " + "a" * 300 + ", naam: x, omschrijving: y}\n"),
        ("themas.yaml", "- {id: \"a\\nb\", naam: x, omschrijving: y}\n"),
        ("themas.yaml", "- {id: a, naam: \"Titel\\rrest\", omschrijving: y}\n"),
        ("themas.yaml", "- {id: a, naam: " + "x" * 400 + ", omschrijving: y}\n"),
        ("opleiding.yaml", "naam: x\nmodules:\n  id: a\n  verwante_aanpakken: [onbekend]\n  id: b\n"),
        ("regios.yaml", "- {id: r, naam: R, gemeenten: GM0047, toelichting: t, bron: {titel: t, organisatie: o}}\n"),
        ("projects.yaml", "- <<: {id: x}\n"),
    ],
)
def test_odd_input_gives_clear_lines_never_a_traceback(data_dir, filename, text):
    (data_dir / filename).write_text(text, encoding="utf-8")
    found = problems(data_dir)
    assert found, text
    for line in found:
        assert LINE.match(line), line


def test_a_directory_where_a_file_belongs(data_dir):
    (data_dir / "themas.yaml").unlink()
    (data_dir / "themas.yaml").mkdir()
    assert problems(data_dir) == ["data/themas.yaml:1: -: -: is een map, geen bestand; zet hier een gewoon bestand neer"]


def test_an_unclosed_quote_is_reported_where_it_starts(data_dir):
    replace_in(data_dir / "themas.yaml", "  naam: Schulden", '  naam: "Schulden')
    [line] = problems(data_dir)
    assert line.startswith("data/themas.yaml:5: -: -: YAML-fout")


def test_a_dutch_thousands_separator_is_caught(data_dir):
    replace_in(data_dir / "aanpakken.yaml", "aantal: 40,", "aantal: 14.000,")
    assert problems(data_dir) == [
        "data/aanpakken.yaml:15: eerste-aanpak: resultaten[0].aantal: schrijf '14.000' zonder punt: 14000 (een punt is in YAML een komma)"
    ]


def test_overlong_text_gets_a_short_dutch_message(data_dir):
    replace_in(data_dir / "themas.yaml", "  naam: Schulden", "  naam: " + "x" * 301)
    assert problems(data_dir) == ["data/themas.yaml:5: schulden: naam: is te lang: 301 tekens, hoogstens 300"]


def test_a_learning_goal_id_may_not_be_a_section_anchor(data_dir):
    replace_in(data_dir / "opleiding.yaml", "{id: derde-leerdoel,", "{id: bronnen,")
    assert problems(data_dir) == [
        "data/opleiding.yaml:31: tweede-module: leerdoelen[0].id: 'bronnen' is al de naam van een deel van de modulepagina; kies een andere id",
        "data/opleiding.yaml:31: tweede-module: leerdoelen[0].id: nieuwe leerdoel-id: zet 'bronnen' in data/vaste-links.yaml, zodat links ernaar blijven werken",
        VANISHED_GOAL,
    ]


@pytest.mark.parametrize("address", ["info.groningen@humanitas.nl", "sociaal.team@example.org"])
def test_an_organisation_address_with_a_dot_is_fine(data_dir, address):
    replace_in(data_dir / "projects.yaml", "    email: info@example.org", f"    email: {address}")
    replace_in(data_dir / "projects.yaml", "  beschrijving: Een beschrijving van het project.", f"  beschrijving: Mail naar {address}.")
    assert problems(data_dir) == []


def test_personal_email_in_free_text_is_refused(data_dir):
    replace_in(data_dir / "projects.yaml", "  beschrijving: Een beschrijving van het project.", "  beschrijving: Mail j.jansen@gemeente.nl")
    assert problems(data_dir) == [f"data/projects.yaml:5: eerste-project: beschrijving: {PERSONAL_EMAIL}"]


def test_records_checked_more_than_a_year_ago_are_warnings_not_errors(data_dir, capsys, monkeypatch):
    a_year_on = datetime.date(2027, 12, 1)
    stale = "meer dan 12 maanden geleden; kijk of alles nog klopt en zet dan de datum van vandaag"
    assert problems(data_dir, today=a_year_on) == [
        f"data/aanpakken.yaml:21: eerste-aanpak: laatst_gecontroleerd: waarschuwing: laatst gecontroleerd op 2026-11-25, {stale}",
        f"data/aanpakken.yaml:42: tweede-aanpak: laatst_gecontroleerd: waarschuwing: laatst gecontroleerd op 2026-11-25, {stale}",
        f"data/projects.yaml:16: eerste-project: laatst_gecontroleerd: waarschuwing: laatst gecontroleerd op 2026-11-01, {stale}",
        f"data/projects.yaml:30: tweede-project: laatst_gecontroleerd: waarschuwing: laatst gecontroleerd op 2026-11-02, {stale}",
    ]
    assert problems(data_dir, today=datetime.date(2027, 11, 1)) == []  # not yet twelve months
    kennisbank, _ = check_data(data_dir, today=a_year_on)
    assert kennisbank is not None
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1827619200")  # 2027-12-01
    assert cli.main(["check", "--data", str(data_dir)]) == 0
    output = capsys.readouterr()
    assert output.out.endswith("Wel 4 waarschuwing(en) hierboven.\n")
    assert output.err.count("waarschuwing:") == 4


def test_a_value_twice_in_one_list_is_refused(data_dir):
    replace_in(data_dir / "projects.yaml", "  gemeenten: [GM0047]", "  gemeenten: [GM0047, GM0047]")
    assert problems(data_dir) == ["data/projects.yaml:8: eerste-project: gemeenten[1]: 'GM0047' staat al eerder in deze lijst"]


VANISHED_GOAL = (
    "data/vaste-links.yaml:2: vaste-links: leerdoelen[2]: leerdoel 'derde-leerdoel' stond op de site en trainers linken ernaar; "
    "zet 'derde-leerdoel' bij de vorige_ids van het leerdoel dat ervoor in de plaats kwam"
)


def test_a_changed_module_id_with_its_old_id_kept_is_valid(data_dir):
    replace_in(data_dir / "opleiding.yaml", "  - id: tweede-module\n", "  - id: nieuwe-module\n    vorige_ids: [tweede-module]\n")
    replace_in(data_dir / "vaste-links.yaml", "modules: [eerste-module, tweede-module]", "modules: [eerste-module, tweede-module, nieuwe-module]")
    assert problems(data_dir) == []


def test_a_removed_module_id_that_trainers_link_to_is_refused(data_dir):
    replace_in(data_dir / "opleiding.yaml", "  - id: tweede-module\n", "  - id: nieuwe-module\n")
    replace_in(data_dir / "vaste-links.yaml", "modules: [eerste-module, tweede-module]", "modules: [eerste-module, tweede-module, nieuwe-module]")
    assert problems(data_dir) == [
        "data/vaste-links.yaml:1: vaste-links: modules[1]: module 'tweede-module' stond op de site en trainers linken ernaar; "
        "zet 'tweede-module' bij de vorige_ids van de module die ervoor in de plaats kwam"
    ]


def test_a_new_id_must_be_registered(data_dir):
    replace_in(data_dir / "opleiding.yaml", "      - {id: tweede-leerdoel, tekst: Je kunt nog iets.}", "      - {id: tweede-leerdoel, tekst: Je kunt nog iets.}\n      - {id: vierde-leerdoel, tekst: Nieuw.}")
    assert problems(data_dir) == [
        "data/opleiding.yaml:22: eerste-module: leerdoelen[2].id: nieuwe leerdoel-id: zet 'vierde-leerdoel' in data/vaste-links.yaml, zodat links ernaar blijven werken"
    ]


def test_an_old_id_may_not_be_reused(data_dir):
    replace_in(data_dir / "opleiding.yaml", "      - {id: derde-leerdoel, tekst: Je kunt nog meer.}", "      - {id: derde-leerdoel, tekst: Je kunt nog meer., vorige_ids: [eerste-leerdoel]}")
    assert problems(data_dir) == [
        "data/opleiding.yaml:31: tweede-module: leerdoelen[0].vorige_ids[0]: 'eerste-leerdoel' is nu de id van een ander leerdoel; een oude id mag niet opnieuw gebruikt worden"
    ]


def test_an_oversized_file_is_refused_before_it_is_read(data_dir, monkeypatch):
    from watwerkt.loading import yaml_source

    monkeypatch.setattr(yaml_source, "MAX_FILE_BYTES", 2048)
    (data_dir / "themas.yaml").write_text("- {id: a, naam: b, omschrijving: c}\n" * 100, encoding="utf-8")
    assert problems(data_dir)[0] == "data/themas.yaml:1: -: -: bestand is te groot: 3 KB, hoogstens 2 KB; splits het of haal iets weg"
