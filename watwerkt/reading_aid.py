"""The reading aid (larger text, wider letter spacing): its contract with the browser, declared
once. The page head applies a stored choice before drawing (overrides/main.html), the buttons
carry their steps, and the script reads all of it from the page; the style uses the two
variables (all three in overrides/components/reading_aid/)."""
from __future__ import annotations

STORAGE_KEY = "watwerkt-leeshulp"  # in localStorage: {"tekst": percent, "letters": em}
SCALE_VARIABLE = "--ww-schaal"  # text size, 1 = the normal size
SPACING_VARIABLE = "--ww-letterafstand"  # letter spacing in em
LIMITS = {"tekst": [75, 200], "letters": [0, 0.3]}
STEPS = {"tekst": 12.5, "letters": 0.05}


def page_settings() -> dict:
    """What the templates put on the page, under config.extra.leeshulp."""
    return {"sleutel": STORAGE_KEY, "schaal": SCALE_VARIABLE, "letterafstand": SPACING_VARIABLE, "grenzen": LIMITS, "stappen": STEPS}
