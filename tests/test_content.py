"""The real content: a bank worth searching, one lineage shown both ways, disagreeing sources
shown side by side, and no filler where a fact is unknown."""
from __future__ import annotations

import csv
import io
import re

import pytest

from site_fixtures import REPO
from site_pages import page_at
from watwerkt import load_kennisbank

FILLER = ("De bron noemt geen", "Geen partners vermeld", "Geen bronnen vermeld", "Nog niet beschreven", "Niet vermeld")


@pytest.fixture(scope="module")
def kennisbank():
    return load_kennisbank(REPO / "data", relative_to=REPO)


def test_the_bank_has_real_projects_in_most_municipalities(kennisbank):
    assert len(kennisbank.projects) >= 25
    with_own = [m for m in kennisbank.municipalities.values() if any(m.code in p.gemeenten for p in kennisbank.projects.values())]
    assert len(with_own) >= 18, sorted(set(kennisbank.municipalities) - {m.code for m in with_own})


def test_every_source_and_result_names_publisher_title_and_page(kennisbank):
    for record in [*kennisbank.approaches.values(), *kennisbank.projects.values()]:
        for source in [*record.bronnen, *(result.bron for result in record.resultaten)]:
            assert source.organisatie and source.titel
            assert source.url or source.waarom_geen_pagina, (record.id, source)


def test_samen_sterk_and_sterk_uit_armoede_show_one_lineage_both_ways(real_site, kennisbank):
    assert kennisbank.approaches["sterk-uit-armoede"].voorganger == "samen-sterk"
    before, after = page_at(real_site, "aanpakken/samen-sterk/"), page_at(real_site, "aanpakken/sterk-uit-armoede/")
    assert "Opgevolgd door: Sterk uit Armoede" in before.text
    assert "Voortgekomen uit: Samen Sterk" in after.text
    for page in (before, after):
        assert "1 januari 2020" in page.text and "Expertisecentrum Sterk uit Armoede" in page.text
        assert "Noorderpoort" in page.text


def test_the_first_noorderpoort_course_shows_both_years_with_their_sources(real_site):
    text = page_at(real_site, "projectenbank/opleiding-ervaringsdeskundige-noorderpoort/").text
    assert "2014" in text and "2015" in text
    assert "Profiel Actueel" in text and "Alliantie van Kracht" in text


def test_mobility_mentoring_says_what_the_studies_say(real_site, kennisbank):
    studies = kennisbank.approaches["mobility-mentoring"].onderzoek
    assert studies
    text = page_at(real_site, "aanpakken/mobility-mentoring/").text
    for study in studies:
        assert study.conclusie in text


def test_no_page_fills_an_unknown_fact_with_filler(real_site):
    for path in real_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for filler in FILLER:
            assert filler not in text, (path, filler)
        assert len(re.findall(r"nog geen project", text)) <= 1, path


def test_every_municipality_page_offers_help_first(real_site, kennisbank):
    for municipality in kennisbank.municipalities.values():
        html = (real_site / "gemeenten" / municipality.id / "index.html").read_text(encoding="utf-8")
        article = html[html.index("<article"):]
        assert article.index("Zoek je zelf hulp?") < article.index("<dl"), municipality.id
        for service in kennisbank.help_services.values():
            assert service.url in article
        if municipality.hulp_bij_geldzorgen:
            assert municipality.hulp_bij_geldzorgen.url in article


def test_approaches_csv_joins_the_open_data(real_site, kennisbank):
    content = (real_site / "open-data" / "aanpakken.csv").read_bytes()
    assert content.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert [row["id"] for row in rows] == sorted(kennisbank.approaches)
    for row in rows:
        approach = kennisbank.approaches[row["id"]]
        assert row["erkenning"].startswith(approach.erkenning.niveau)
        assert row["ervaringsdeskundigen"] == approach.ervaringsdeskundigen
    assert "aanpakken.csv" in page_at(real_site, "open-data/").text
    assert "opleiding.csv" in page_at(real_site, "open-data/").text
