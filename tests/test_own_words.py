"""The site says its facts in its own words: no run of eight words from the seed documents
(titles and lists of names excepted). See tests/own_words.py."""
from __future__ import annotations

from pathlib import Path

import pytest

from site_fixtures import REPO
from own_words import prose_pieces, seed_hashes_of, shared_runs, stored_seed_hashes

SEEDS = REPO.parent / "shared" / "seeds"


def test_no_page_shares_a_run_of_eight_words_with_a_seed(real_site: Path):
    hashes = stored_seed_hashes()
    found = {}
    for page in sorted(real_site.rglob("*.html")):
        shared = shared_runs(page.read_text(encoding="utf-8"), hashes)
        if shared:
            found[page.relative_to(real_site).as_posix()] = shared
    assert found == {}, "schrijf deze zinnen in eigen woorden:\n" + "\n".join(f"{page}: {runs}" for page, runs in found.items())


def test_a_copied_sentence_is_found_and_names_and_titles_are_not():
    hashes = stored_seed_hashes()
    copied = "<article><p>Het is dus belangrijk om hulp- en dienstverlening zo in te richten dat het werkt.</p></article>"
    # the same words split by markup that does not end a run, as a copy pasted with bold in it
    bold = "<article><p>Het is dus belangrijk om <strong>hulp- en dienstverlening</strong> zo in te richten.</p></article>"
    title = "<article><p>Lees <a href='x'><cite>Het is dus belangrijk om hulp- en dienstverlening zo in te richten</cite></a>.</p></article>"
    as_link = "<article><p>Lees <a href='x'>Het is dus belangrijk om hulp- en dienstverlening zo in te richten</a>.</p></article>"
    in_italics = "<article><p><em>Het is dus belangrijk om hulp- en dienstverlening zo in te richten</em>.</p></article>"
    marked_name = "<article><p><em class='ww-naam'>Het is dus belangrijk om hulp- en dienstverlening zo in te richten</em>.</p></article>"
    outside = "<p>Het is dus belangrijk om hulp- en dienstverlening zo in te richten.</p>"
    assert shared_runs(copied, hashes)
    assert shared_runs(bold, hashes)
    assert shared_runs(as_link, hashes) and shared_runs(in_italics, hashes)
    assert shared_runs(title, hashes) == [] and shared_runs(marked_name, hashes) == []
    assert shared_runs(outside, hashes) == []


def test_a_list_of_names_may_repeat_a_seed():
    names = "<article><p>Mee deden Kompas Zuidlaren, Tinten, Kredietbank Midden-Groningen, Domesta, VNN, Acantus en anderen.</p></article>"
    assert prose_pieces(names)
    assert shared_runs(names, {h for h in stored_seed_hashes()}) == []


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents are not next to this checkout")
def test_the_stored_hashes_are_those_of_the_seeds():
    assert stored_seed_hashes() == seed_hashes_of(SEEDS), "maak tests/fixtures/seed-8grams.txt opnieuw (zie tests/own_words.py)"
