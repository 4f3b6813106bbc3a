"""The one rule across fields that JSON Schema cannot say: an end may not lie before the start.
`watwerkt check` (watwerkt/model.py ends_before_it_starts) and the web form (aanmelden.js) both
apply it; the tests of each loop over these cases, so the two can never disagree again."""

# (start, eind, refused)
END_BEFORE_START_CASES = [
    ("2023-03", "2023-02", True),
    ("2024", "2023-12", True),
    ("2023-03-15", "2023-03-14", True),
    ("2023-03", "2023-03", False),
    ("2023", "2023-01", False),  # the year holds the month
    ("2023-03-15", "2023-03", False),  # the month holds the day
    ("2023-03", "2024", False),
]
