"""The submission form (the component `aanmeldformulier`): its fields come from the record
model, its rules from the project's JSON Schema, which script.js checks against."""
from __future__ import annotations

import typing

from ...model import referenced_file


def form_field_kind(field) -> str:
    """How the web form asks for a field, which script.js reads from the page: 'keuze' (boxes
    to tick, for ids of other records), 'lijst' (one item per line) or 'tekst'."""
    if referenced_file(field):
        return "keuze"
    return "lijst" if typing.get_origin(field.annotation) is list else "tekst"
