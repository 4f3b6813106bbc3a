"""The text filter's rule (search.py): what a reader types finds the other forms of a word."""
from __future__ import annotations

import pytest

from watwerkt.components.project_list.search import ENDINGS, SHORTEST_STEM, matches, query_stems, stem, words


@pytest.mark.parametrize("word, expected", [
    ("schulden", "schuld"), ("schuld", "schuld"),
    ("ervaringsdeskundige", "ervaringsdeskundig"), ("ervaringsdeskundigen", "ervaringsdeskundig"),
    ("ervaringsdeskundigheid", "ervaringsdeskundig"), ("mogelijkheden", "mogelijk"),
    ("gezinnen", "gezin"), ("kinderen", "kinder"), ("ouders", "ouder"), ("maatjes", "maatj"), ("maatje", "maatj"),
    ("opleidingen", "opleid"), ("opleiding", "opleid"), ("ideeen", "idee"),
    ("wonen", "wonen"), ("een", "een"), ("stress", "stress"), ("2017", "2017"),
])
def test_a_word_is_cut_back_to_its_stem(word, expected):
    assert stem(word) == expected


def test_a_stem_is_always_the_start_of_its_word_and_never_too_short():
    for ending, dropped in ENDINGS:
        for word in (ending, "ab" + ending, "abcd" + ending, "abcdd" + ending, "lange" + ending + ending):
            cut = stem(word)
            assert word.startswith(cut) and (cut == word or len(cut) >= SHORTEST_STEM), word


def test_words_lose_accents_and_capitals():
    assert words("Veenkoloniën: één café, Coöperatie (2024)!") == ["veenkolonien", "een", "cafe", "cooperatie", "2024"]
    assert query_stems("Ervaringsdeskundigen in de Veenkoloniën") == ["ervaringsdeskundig", "in", "de", "veenkoloni"]


@pytest.mark.parametrize("query, text, found", [
    ("schulden", "hulp bij schuld", True),
    ("schulden", "probleemschulden oplossen", True),
    ("ervaringsdeskundige", "inzet van ervaringsdeskundigheid", True),
    ("ervaringsdeskundigheid", "een ervaringsdeskundige", True),  # both ways
    ("schuldhulpverleni", "schuldhulpverlening", True),  # half typed
    ("Veenkolonien", "de Veenkoloniën", True),
    ("één", "een gezin", True),
    ("schulden drenthe", "schulden in Groningen", False),  # every word must be found
])
def test_a_query_matches_when_every_stem_occurs_in_the_words(query, text, found):
    assert matches(query, words(text)) is found
