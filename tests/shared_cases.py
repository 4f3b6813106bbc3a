"""Cases on which Python and the web form (watwerkt/components/submission_form/script.js) must agree, for what JSON Schema cannot
say: the tests of each side loop over the same table, so the two can never disagree again.

- An end may not lie before the start (watwerkt/model.py ends_before_it_starts).
- The id a project gets from its name (watwerkt/model.py id_from_name).
"""

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

# (name, id)
ID_FROM_NAME_CASES = [
    ("Buurtkamer Geldzaken Emmen", "buurtkamer-geldzaken-emmen"),
    ("Financiële hulp & advies", "financiele-hulp-advies"),
    ("Ｖｏｌｌｅ ｂｒｅｅｄｔｅ ﬁets", "volle-breedte-fiets"),  # compatibility forms, as NFKD folds them
    ("Søren's café — 2e editie", "sren-s-cafe-2e-editie"),  # a letter without an ASCII form is dropped
    ("  --Project--  ", "project"),
    ("Een heel lange naam " * 5, "een-heel-lange-naam-een-heel-lange-naam-een-heel-lange-naam-een-heel-l"),  # 70 characters
]
