"""The GitHub issue form for a project (.github/ISSUE_TEMPLATE/project.yml), generated from the
record model; watwerkt/issue_to_record.py reads an issue made with it back into a record."""
from __future__ import annotations

import yaml

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
    header = "# Gemaakt door `watwerkt schema` uit watwerkt/model.py. Pas het daar aan.\n"
    return header + yaml.safe_dump(form, allow_unicode=True, sort_keys=False, width=100)
