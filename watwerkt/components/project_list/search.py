"""The projectenbank's text filter: how text becomes search words, declared once.

A word is written without accents or capitals ("Veenkoloniën" → "veenkolonien", "één" →
"een"). A typed word is cut back to its stem by a light Dutch rule, so that other forms of it
match too: "schulden" → "schuld" finds "schuld" and "schuldhulp", "ervaringsdeskundige" →
"ervaringsdeskundig" finds "ervaringsdeskundigen" and "ervaringsdeskundigheid". A stem is
always the start of its word, so cutting only ever finds more, never less, and a word half
typed ("schuldhulpverleni") still finds the whole word: the index keeps words whole and a
project matches when each typed stem occurs in its words, also inside a compound
("schulden" finds "probleemschulden").

The filter script applies the same rule to what a reader types; index.json carries the rule
(SEARCH_RULE), so the script holds no endings of its own. A browser test runs both on the same
words (test_project_list_browser.py).
"""
from __future__ import annotations

import re
import unicodedata

# What separates words once accents and capitals are gone.
SEPARATOR = "[^a-z0-9]+"
# Endings a stem loses, as (ending, letters dropped), the first that fits wins: plural and
# inflected forms, -heid and -ing. Dropping fewer letters than the ending keeps the stem of
# "ouders" as "ouder".
ENDINGS = (
    ("heden", 5), ("heid", 4), ("ingen", 5), ("ing", 3), ("jes", 2), ("ers", 1), ("en", 2), ("e", 1),
)
SHORTEST_STEM = 4  # "wonen" stays "wonen": a stem of three letters ("won") finds too much
VOWELS = "aeiou"  # a doubled vowel stays doubled ("ideeën" → "idee")
SEARCH_RULE = {"scheiding": SEPARATOR, "uitgangen": [list(ending) for ending in ENDINGS], "kortste_stam": SHORTEST_STEM, "klinkers": VOWELS}


def words(text: str) -> list[str]:
    """The words of a text, without accents (the marks that decomposing a letter splits off)
    or capitals, in order."""
    plain = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn").lower()
    return [word for word in re.split(SEPARATOR, plain) if word]


def stem(word: str) -> str:
    """A word's stem: its first ending of ENDINGS cut off if SHORTEST_STEM letters remain, and then a
    doubled last letter made single ("gezinnen" → "gezinn" → "gezin")."""
    for ending, dropped in ENDINGS:
        if word.endswith(ending) and len(word) - dropped >= SHORTEST_STEM:
            word = word[: len(word) - dropped]
            if len(word) > SHORTEST_STEM and word[-1] == word[-2] and word[-1] not in VOWELS:
                word = word[:-1]
            return word
    return word


def query_stems(query: str) -> list[str]:
    """What a typed query looks for: the stem of each word."""
    return [stem(word) for word in words(query)]


def matches(query: str, text_words: list[str]) -> bool:
    """Whether a text with these words (see words()) is found by the query: every stem occurs in
    one of them. The script does the same."""
    haystack = " ".join(text_words)
    return all(part in haystack for part in query_stems(query))
