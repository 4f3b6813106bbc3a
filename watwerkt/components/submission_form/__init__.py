"""The submission form (the component `aanmeldformulier`): its fields come from the record
model, its rules from the project's JSON Schema, which script.js checks against."""
from __future__ import annotations

import typing

from pydantic import BaseModel

from ...model import referenced_file

# What the form fills in itself, not the submitter: the dates a new record gets (today), and who
# submitted it (the field, and the field it copies: the organisation the project names).
DATED_TODAY = ("toegevoegd", "laatst_gecontroleerd")
SUBMITTED_BY = ("aangemeld_door", "organisatie")


def form_field_kind(field) -> str:
    """How the web form asks for a field, which script.js reads from the page: 'keuze' (boxes
    to tick, for ids of other records), 'een-keuze' (one of a fixed list), 'groep' (a record of
    its own, such as the contact, whose inputs are named '<field>.<part>'), 'lijst' (one item per
    line) or 'tekst'."""
    if referenced_file(field):
        return "keuze"
    if typing.get_origin(field.annotation) is typing.Literal:
        return "een-keuze"
    if isinstance(field.annotation, type) and issubclass(field.annotation, BaseModel):
        return "groep"
    return "lijst" if typing.get_origin(field.annotation) is list else "tekst"
