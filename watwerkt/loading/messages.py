"""Pydantic's validation errors in plain Dutch."""
from __future__ import annotations

import difflib
import typing
from typing import Any

from pydantic import BaseModel

from .yaml_source import DataPath, shortened as _shortened  # Problem makes it printable


_TYPE_NAMES = {
    "str": "tekst",
    "int": "een getal",
    "float": "een getal",
    "bool": "ja/nee (true/false)",
    "list": "een lijst",
    "dict": "een groep velden",
    "date": "een datum",
    "datetime": "een datum met tijd",
    "NoneType": "leeg",
}


def type_name(value: Any) -> str:
    return _TYPE_NAMES.get(type(value).__name__, type(value).__name__)


def dutch_message(error: dict, model: type[BaseModel]) -> str:
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx", {})
    loc = tuple(error["loc"])
    if kind == "missing":
        return "verplicht veld ontbreekt"
    if kind == "extra_forbidden":
        return _unknown_field_message(model, loc)
    if value is None:
        return "is leeg; vul een waarde in of laat het veld weg"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind == "string_type":
        return f"moet tekst zijn, niet {type_name(value)}"
    if kind == "finite_number":
        return "moet een gewoon getal zijn"
    if kind in ("int_type", "int_parsing", "float_type", "float_parsing", "int_from_float"):
        return f"moet een (heel) getal zijn, niet {type_name(value)} '{_shortened(value)}'"
    if kind == "list_type":
        return f"moet een lijst zijn (elk item op een eigen regel met '- '), niet {type_name(value)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"moet een groep velden zijn (naam: waarde), niet {type_name(value)}"
    if kind.startswith("date"):
        return f"'{_shortened(value)}' is geen geldige datum; schrijf JJJJ-MM-DD"
    if kind == "literal_error":
        return f"'{_shortened(value)}' is geen toegestane waarde; kies uit: {str(ctx.get('expected', '')).replace(' or ', ' of ')}"
    if kind == "too_short":
        return f"moet minstens {ctx.get('min_length')} item(s) bevatten"
    if kind in ("string_too_long", "too_long"):
        unit = "tekens" if isinstance(value, str) else "items"
        return f"is te lang: {len(value)} {unit}, hoogstens {ctx.get('max_length')}"
    if kind == "greater_than_equal":
        return f"moet minstens {ctx.get('ge')} zijn"
    if kind == "less_than_equal":
        return f"mag hoogstens {ctx.get('le')} zijn"
    return f"ongeldige waarde '{_shortened(value)}' ({error['msg']})"


def _unknown_field_message(model: type[BaseModel], loc: DataPath) -> str:
    name = str(loc[-1])
    allowed = list(_model_at(model, loc[:-1]).model_fields)
    close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
    hint = f"; bedoelde u '{close[0]}'?" if close else f"; toegestaan zijn: {', '.join(allowed)}"
    return f"onbekend veld '{name}'{hint}"


def _model_at(model: type[BaseModel], loc: DataPath) -> type[BaseModel]:
    """The model that holds the fields at `loc` (which names fields and list indexes)."""
    for part in loc:
        if isinstance(part, int):
            continue
        annotation = model.model_fields[part].annotation
        model = inner_model(annotation) or model
    return model


def inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in typing.get_args(annotation):
        found = inner_model(argument)
        if found:
            return found
    return None
