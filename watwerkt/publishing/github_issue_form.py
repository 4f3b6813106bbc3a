"""The GitHub issue forms, generated from the record model: for a project
(.github/ISSUE_TEMPLATE/project.yml), which watwerkt/issue_to_record.py reads back into a
record, and for a correction (correctie.yml, "Klopt er iets niet?"), which
watwerkt/corrections.py turns into a change of one field."""
from __future__ import annotations

import yaml

from ..channels import CORRECTION_LABEL, CORRECTION_PAGE_FIELD, CORRECTION_RECORD_FIELD
from ..corrections import FIELD_FIELD, NOTE_FIELD, SOURCE_FIELD, VALUE_FIELD, field_choices
from ..issue_to_record import ISSUE_FORM_FIELDS
from ..model import Project

_LONG_FIELDS = {"beschrijving", "geleerd", "gemeenten", "themas", "doelgroepen", "aanpakken", "doelen", "partners", "financiers", "contact"}


# Where the form says more than the model: the editors may sign a record as themselves in a
# pull request, but a submitter may not (watwerkt.issue_to_record refuses it).
_ISSUE_FORM_DESCRIPTIONS = {
    "aangemeld_door": "De organisatie die het project aanmeldt; nooit een persoon en niet de redactie. Leeg: de organisatie hierboven.",
}
# Shown above the fields; GitHub leaves it out of the issue's text.
_ISSUE_FORM_INTRO = (
    "Schrijf in elk veld gewone tekst. Een kop met ### kan niet in een antwoord: die gebruikt het formulier zelf. "
    "Noem geen naam, 06-nummer of e-mailadres van een persoon."
)


def issue_form() -> str:
    """The GitHub issue form for a project, its field ids the record's field names."""
    body: list[dict] = [{"type": "markdown", "attributes": {"value": _ISSUE_FORM_INTRO}}]
    for name in ISSUE_FORM_FIELDS:
        field = Project.model_fields[name]
        body.append({
            "type": "textarea" if name in _LONG_FIELDS else "input",
            "id": name,
            "attributes": {"label": name, "description": _ISSUE_FORM_DESCRIPTIONS.get(name, field.description or "")},
            "validations": {"required": field.is_required()},
        })
    form = {
        "name": "Project aanmelden",
        "description": "Een project voor de projectenbank; het webformulier op /aanmelden/ vult dit in.",
        "title": "Project: ",
        "labels": ["aanmelding"],
        "body": body,
    }
    return _HEADER + yaml.safe_dump(form, allow_unicode=True, sort_keys=False, width=100)


_HEADER = "# Gemaakt door `watwerkt schema` uit watwerkt/model.py. Pas het daar aan.\n"


def correction_issue_form() -> str:
    """The GitHub issue form behind "Klopt er iets niet?": the link on a record's page fills in
    the record and the page; the reader picks the field (from the model) and writes what
    should be there, and where that stands."""
    def field(kind: str, name: str, description: str, *, required: bool = True, **attributes) -> dict:
        return {"type": kind, "id": name, "attributes": {"label": name, "description": description, **attributes}, "validations": {"required": required}}

    form = {
        "name": "Klopt er iets niet?",
        "description": "Een fout op een pagina van de site: de link 'Klopt er iets niet?' onderaan de pagina vult dit in.",
        "title": "Correctie: ",
        "labels": [CORRECTION_LABEL],
        "body": [
            {"type": "markdown", "attributes": {"value": (
                "Dank je wel! Kies wat er niet klopt en schrijf op wat er moet staan, in gewone tekst. "
                "De redactie kijkt het na; met het label `goedgekeurd` wordt het een pull request die alleen dit veld verandert. "
                "Noem geen naam, 06-nummer of e-mailadres van een persoon."
            )}},
            field("input", CORRECTION_RECORD_FIELD, "De id van het record. De link op de pagina vult hem in."),
            field("input", CORRECTION_PAGE_FIELD, "Het adres van de pagina. De link op de pagina vult het in."),
            field("dropdown", FIELD_FIELD, "Welk deel van de pagina klopt niet? Kies 'iets anders' voor iets wat niet in de lijst staat.", options=field_choices()),
            field("textarea", VALUE_FIELD, "Wat er moet staan, precies zoals het op de site moet komen."),
            field("input", SOURCE_FIELD, "Het adres van de pagina waar dat staat (bij voorkeur van de organisatie zelf)."),
            field("textarea", NOTE_FIELD, "Wil je nog iets uitleggen? (mag leeg blijven)", required=False),
        ],
    }
    return _HEADER + yaml.safe_dump(form, allow_unicode=True, sort_keys=False, width=100)
