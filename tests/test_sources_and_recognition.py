"""Every fact leads to the page that states it, a recognition says who gave it and until when,
and a record's predecessor and successors link each other."""
from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from site_fixtures import replace_in
from test_validation import TODAY, problems
from watwerkt.rendering import Renderer
from watwerkt.loading import load_kennisbank

APPROACHES = "aanpakken.yaml"


def render(data_dir: Path, kind: str, record_id: str, today: datetime.date = TODAY) -> str:
    kennisbank = load_kennisbank(data_dir, relative_to=data_dir.parent)
    records = {"approach": kennisbank.approaches, "project": kennisbank.projects, "municipality": {m.id: m for m in kennisbank.municipalities.values()}}
    return Renderer(kennisbank, today=today).record_page(kind, records[kind][record_id], site_url="https://example.org/").body_html


@pytest.mark.parametrize("url", [
    "https://example.org", "https://example.org/", "http://www.example.org/", "https://EXAMPLE.org//", "https://example.org/./",
    "https://example.org/index.html", "https://example.org/nl/", "https://example.org/#contact", "https://example.org/?utm_source=rss",
])
def test_a_homepage_as_source_is_refused_with_file_line_record_and_field(data_dir, url):
    replace_in(data_dir / APPROACHES, '"https://example.org/bron"', f'"{url}"')
    assert problems(data_dir) == [
        f"data/aanpakken.yaml:20: eerste-aanpak: bronnen[0].url: '{url}' is een homepage; geef het adres van de pagina die het feit "
        "noemt, of zeg in 'waarom_geen_pagina' waarom de homepage de bron is"
    ]


def test_a_homepage_is_accepted_when_the_record_says_why(data_dir):
    replace_in(data_dir / APPROACHES, 'url: "https://example.org/bron"', 'url: "https://example.org/", waarom_geen_pagina: Het staat op de homepage')
    assert problems(data_dir) == []


@pytest.mark.parametrize("url", ["https://example.org/?p=12", "https://example.org/over", "https://example.org/nl/over#doel"])
def test_a_page_below_the_domain_is_a_page(data_dir, url):
    replace_in(data_dir / APPROACHES, '"https://example.org/bron"', f'"{url}"')
    assert problems(data_dir) == []


def test_a_reason_beside_a_real_page_and_a_mail_address_as_source_are_refused(data_dir):
    replace_in(data_dir / APPROACHES, 'url: "https://example.org/bron"', 'url: "https://example.org/bron", waarom_geen_pagina: Zomaar')
    replace_in(data_dir / APPROACHES, 'url: "https://example.org/tweede"', 'url: "mailto:info@example.org"')
    assert problems(data_dir) == [
        "data/aanpakken.yaml:20: eerste-aanpak: bronnen[0].waarom_geen_pagina: de bron heeft een eigen pagina; "
        "'waarom_geen_pagina' hoort alleen bij een homepage of een bron zonder adres",
        "data/aanpakken.yaml:41: tweede-aanpak: bronnen[0].url: een e-mailadres is geen bron; geef de pagina die het feit noemt",
    ]


def test_a_help_page_must_be_the_page_about_the_help(data_dir):
    replace_in(data_dir / "landelijke-hulp.yaml", "url: https://example.org/hulp", "url: https://example.org/")
    assert problems(data_dir) == [
        "data/landelijke-hulp.yaml:4: testhulp: url: 'https://example.org/' is geen pagina over de hulp; geef het adres van de pagina die de hulp beschrijft"
    ]


def test_a_source_without_address_says_why_and_so_does_a_result_source(data_dir):
    replace_in(data_dir / APPROACHES, ', url: "https://example.org/jaarverslag"}', "}")
    replace_in(data_dir / "regios.yaml", "    url: https://example.org/regio\n", "")
    assert problems(data_dir) == [
        "data/aanpakken.yaml:15: eerste-aanpak: resultaten[0].bron.url: geef het adres van de pagina die het feit noemt, "
        "of zeg in 'waarom_geen_pagina' waarom dat niet kan",
        "data/regios.yaml:5: testregio: bron.url: geef het adres van de pagina die het feit noemt, of zeg in 'waarom_geen_pagina' waarom dat niet kan",
    ]


def test_a_result_whose_source_is_only_a_name_is_refused(data_dir):
    replace_in(data_dir / APPROACHES, 'bron: {titel: Jaarverslag, organisatie: Stichting Voorbeeld, url: "https://example.org/jaarverslag"}', "bron: Stichting Voorbeeld")
    found = problems(data_dir)
    assert len(found) == 1 and found[0].startswith("data/aanpakken.yaml:15: eerste-aanpak: resultaten[0].bron: "), found


RECOGNISED = "{niveau: goed-beschreven, datum: 2025, geldig_tot: 2030, door: Erkenningscommissie, toelichting: Goed beschreven., bron: {titel: Databank, organisatie: Movisie, url: \"https://example.org/databank\"}}"


@pytest.mark.parametrize(
    "recognition, messages",
    [
        ("{niveau: niet-beoordeeld, datum: 2026-11, door: Redactie}",
         ["erkenning.door: bij 'niet-beoordeeld' oordeelde niemand: laat 'door' weg; de redactie is geen erkenningscommissie"]),
        ("{niveau: goed-onderbouwd, datum: 2025}",
         ["erkenning.bron: bij niveau 'Goed onderbouwd' hoort 'bron': de pagina van de databank met het oordeel",
          "erkenning.door: bij niveau 'Goed onderbouwd' hoort 'door': de erkenningscommissie die oordeelde",
          "erkenning.geldig_tot: bij niveau 'Goed onderbouwd' hoort 'geldig_tot': een erkenning geldt meestal vijf jaar"]),
        (RECOGNISED.replace("goed-beschreven", "effectief"),
         ["erkenning.aanwijzingen: bij 'Effectief' hoort 'aanwijzingen': eerste, goede of sterke"]),
        (RECOGNISED.replace("datum: 2025,", "datum: 2025, aanwijzingen: sterke,"),
         ["erkenning.aanwijzingen: 'aanwijzingen' hoort alleen bij niveau 'effectief'"]),
        (RECOGNISED.replace("goed-beschreven", "niet-erkend").replace(" geldig_tot: 2030,", ""),
         ["erkenning.reden: bij 'niet-erkend' hoort 'reden': waarom de commissie de aanpak niet erkende"]),
        ("{niveau: niet-beoordeeld, datum: 2026-11, geldig_tot: 2030}",
         ["erkenning.geldig_tot: 'geldig_tot' hoort alleen bij een erkenning; bij 'Niet beoordeeld' is er niets dat verloopt"]),
        (RECOGNISED.replace("geldig_tot: 2030", "geldig_tot: 2031"),
         ["erkenning.geldig_tot: 2031 ligt meer dan 5 jaar na het oordeel (2025); een erkenning wordt na vijf jaar opnieuw beoordeeld"]),
        (RECOGNISED.replace("geldig_tot: 2030", "geldig_tot: 2024"), ["erkenning.geldig_tot: 2024 ligt vóór het oordeel (2025)"]),
        (RECOGNISED.replace("datum: 2025, geldig_tot: 2030", "datum: 2025-06, geldig_tot: 2030-07"),
         ["erkenning.geldig_tot: 2030-07 ligt meer dan 5 jaar na het oordeel (2025-06); een erkenning wordt na vijf jaar opnieuw beoordeeld"]),
        (RECOGNISED.replace("toelichting: Goed beschreven.", "reden: Te weinig onderzoek."),
         ["erkenning.reden: 'reden' hoort alleen bij 'niet-erkend'; zet een uitleg bij 'toelichting'"]),
    ],
)
def test_recognition_rules(data_dir, recognition, messages):
    replace_in(data_dir / APPROACHES, RECOGNISED, recognition)
    assert problems(data_dir) == [f"data/aanpakken.yaml:38: tweede-aanpak: {message}" for message in messages]


def test_an_official_recognition_shows_committee_validity_and_source(data_dir):
    body = render(data_dir, "approach", "tweede-aanpak")
    assert "<strong>Goed beschreven</strong>, volgens Erkenningscommissie in 2025. De erkenning geldt tot 2030." in body
    assert '<a href="https://example.org/databank"><cite>Databank</cite></a>, Movisie' in body
    assert "Verlopen" not in body


def test_a_recognition_past_its_validity_says_verlopen_everywhere_it_is_named(data_dir):
    body = render(data_dir, "approach", "tweede-aanpak", today=datetime.date(2031, 1, 2))
    assert '<strong class="ww-verlopen">Verlopen:</strong> de erkenning gold tot 2030.' in body
    assert "<dt data-pagefind-ignore=\"all\">Erkenning</dt>\n<dd class=\"ww-feit--gedeeld\" data-pagefind-ignore=\"all\">Goed beschreven (verlopen)</dd>" in body


def test_effective_shows_its_sub_level(data_dir):
    replace_in(data_dir / APPROACHES, RECOGNISED, RECOGNISED.replace("goed-beschreven", "effectief").replace("datum: 2025,", "datum: 2025, aanwijzingen: goede,"))
    assert "<dd class=\"ww-feit--gedeeld\" data-pagefind-ignore=\"all\">Effectief (goede aanwijzingen)</dd>" in render(data_dir, "approach", "tweede-aanpak")


def test_not_assessed_says_plainly_that_nobody_assessed_it_and_names_nobody(data_dir):
    body = render(data_dir, "approach", "eerste-aanpak")
    assert "<strong>Niet beoordeeld.</strong> Geen erkenningscommissie heeft deze aanpak beoordeeld" in body
    assert "volgens" not in body.split("Erkenning")[-1].split("Bronnen")[0]


def test_predecessor_and_successor_link_each_other(data_dir):
    replace_in(data_dir / APPROACHES, "  naam: Tweede aanpak\n", "  naam: Tweede aanpak\n  voorganger: eerste-aanpak\n")
    first, second = render(data_dir, "approach", "eerste-aanpak"), render(data_dir, "approach", "tweede-aanpak")
    assert 'Opgevolgd door: <a href="../../aanpakken/tweede-aanpak/">Tweede aanpak</a>' in first
    assert 'Voortgekomen uit: <a href="../../aanpakken/eerste-aanpak/">Eerste aanpak</a>' in second


def test_a_project_predecessor_links_both_ways(data_dir):
    replace_in(data_dir / "projects.yaml", "  naam: Tweede project\n", "  naam: Tweede project\n  voorganger: eerste-project\n")
    assert 'Opgevolgd door: <a href="../../projectenbank/tweede-project/">Tweede project</a>' in render(data_dir, "project", "eerste-project")
    assert 'Voortgekomen uit: <a href="../../projectenbank/eerste-project/">Eerste project</a>' in render(data_dir, "project", "tweede-project")


def test_a_predecessor_cannot_lead_back(data_dir):
    replace_in(data_dir / APPROACHES, "  naam: Eerste aanpak\n", "  naam: Eerste aanpak\n  voorganger: tweede-aanpak\n")
    replace_in(data_dir / APPROACHES, "  naam: Tweede aanpak\n", "  naam: Tweede aanpak\n  voorganger: eerste-aanpak\n")
    assert problems(data_dir) == [
        "data/aanpakken.yaml:3: eerste-aanpak: voorganger: de voorgangers vormen een kring die hier weer uitkomt: een aanpak kan niet op zichzelf volgen",
        "data/aanpakken.yaml:26: tweede-aanpak: voorganger: de voorgangers vormen een kring die hier weer uitkomt: een aanpak kan niet op zichzelf volgen",
    ]


def test_only_the_records_on_a_circle_are_blamed_for_it(data_dir):
    replace_in(data_dir / "projects.yaml", "  naam: Eerste project\n", "  naam: Eerste project\n  voorganger: tweede-project\n")
    replace_in(data_dir / "projects.yaml", "  naam: Tweede project\n", "  naam: Tweede project\n  voorganger: tweede-project\n")
    assert problems(data_dir) == ["data/projects.yaml:20: tweede-project: voorganger: een project kan niet zijn eigen voorganger zijn"]


def test_an_unknown_predecessor_is_named(data_dir):
    replace_in(data_dir / "projects.yaml", "  naam: Tweede project\n", "  naam: Tweede project\n  voorganger: eerste-projekt\n")
    assert problems(data_dir) == ["data/projects.yaml:19: tweede-project: voorganger: 'eerste-projekt' staat niet in data/projects.yaml; bedoelde u 'eerste-project'?"]


def test_a_result_shows_its_own_source_as_a_link(data_dir):
    body = render(data_dir, "approach", "eerste-aanpak")
    assert '<td data-label="Bron"><a href="https://example.org/jaarverslag"><cite>Jaarverslag</cite></a>, Stichting Voorbeeld</td>' in body


def test_empty_fields_show_nothing_rather_than_filler(data_dir):
    body = render(data_dir, "project", "tweede-project")
    for filler in ("Niet vermeld", "Nog niet beschreven", "Geen partners vermeld", "Geen bronnen vermeld", "noemt geen aanpak"):
        assert filler not in body
    assert "Partners en financiers" not in body and "Wat we leerden" not in body


def test_a_municipality_page_starts_with_help_for_residents(data_dir):
    body = render(data_dir, "municipality", "pekela")
    title_end = body.index("</h1>")
    assert body.index('<h2 id="zelf-hulp">Zoek je zelf hulp?</h2>') > title_end
    assert body.index("zelf-hulp") < body.index("<dl")  # before the facts
    assert '<a href="https://example.org/hulp">Testhulp</a>: Gratis hulp bij geldzorgen.' in body


def test_a_municipality_without_projects_says_so_once_and_points_to_its_region(data_dir):
    body = render(data_dir, "municipality", "emmen")  # in the test region only through a region project
    assert body.count("nog geen project") == 0
    body = render(data_dir, "municipality", "pekela")
    assert body.count("nog geen project") == 1
    assert "Meld het aan" in body


def test_a_project_in_a_programme_and_the_programme_link_each_other(data_dir):
    replace_in(data_dir / "projects.yaml", "  naam: Tweede project\n", "  naam: Tweede project\n  programma: eerste-project\n")
    assert "Dit project is een onderdeel van <a href=\"../../projectenbank/eerste-project/\">Eerste project</a>." in render(data_dir, "project", "tweede-project")
    programme = render(data_dir, "project", "eerste-project")
    assert "Onderdelen van dit programma:" in programme and '<a href="../../projectenbank/tweede-project/">Tweede project</a>' in programme


def test_a_project_cannot_be_part_of_itself(data_dir):
    replace_in(data_dir / "projects.yaml", "  naam: Tweede project\n", "  naam: Tweede project\n  programma: tweede-project\n")
    assert problems(data_dir) == ["data/projects.yaml:19: tweede-project: programma: een project kan geen deel van zichzelf zijn"]
