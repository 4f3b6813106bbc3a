"""What the record model generates for people and editors: the JSON Schema of every data file
and the contributor guide. The model is the one truth; these are written from it by
`watwerkt schema`, and a test fails when a committed copy is out of date."""
from __future__ import annotations

import json
import os
from pathlib import Path

import yaml
from pydantic import BaseModel

from ..model import MAX_ITEMS, RESERVED_IDS, Curriculum, PermanentIds, Project
from ..loading.yaml_source import MAX_FILE_BYTES, read_text_file
from ..loading import COLLECTIONS, CURRICULUM_FILE, PERMANENT_IDS_FILE

SCHEMA_DIR = "schema"
# data file → (model, whether the file is a list of such records)
DATA_FILES: dict[str, tuple[type[BaseModel], bool]] = {
    **{collection.filename: (collection.model, True) for collection in COLLECTIONS},
    CURRICULUM_FILE: (Curriculum, False),
    PERMANENT_IDS_FILE: (PermanentIds, False),
}


def schema_name(data_file: str) -> str:
    return data_file.removesuffix(".yaml") + ".schema.json"


def editor_line(data_file: str) -> str:
    """The first line of a data file: editors with the YAML language server then check it."""
    return f"# yaml-language-server: $schema=../{SCHEMA_DIR}/{schema_name(data_file)}"


def file_schema(data_file: str) -> dict:
    model, is_list = DATA_FILES[data_file]
    schema = model.model_json_schema()
    if is_list:
        definitions = schema.pop("$defs", {})
        definitions[model.__name__] = schema
        schema = {"type": "array", "items": {"$ref": f"#/$defs/{model.__name__}"}, "$defs": definitions}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": data_file, **schema}


def generated_files() -> dict[str, str]:
    """Path in the repository → content, for everything `watwerkt schema` writes."""
    files = {f"{SCHEMA_DIR}/{schema_name(name)}": json.dumps(file_schema(name), ensure_ascii=False, indent=2) + "\n" for name in DATA_FILES}
    files["CONTRIBUTING.md"] = contributor_guide()
    files[".github/ISSUE_TEMPLATE/project.yml"] = issue_form()
    return files


# The fields the web form sends to the issue form, in its order; their ids are the record's
# field names, so the form's link fills them in and a converter can read them back.
ISSUE_FORM_FIELDS = (
    "id", "naam", "organisatie", "samenvatting", "beschrijving", "status", "start", "eind", "gemeenten", "themas",
    "doelgroepen", "aanpakken", "doelen", "geleerd", "partners", "financiers", "contact", "toegevoegd",
    "laatst_gecontroleerd", "aangemeld_door",
)
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


EXAMPLE_PROJECT = {
    "id": "buurtkamer-geldzaken-emmen",
    "naam": "Buurtkamer Geldzaken Emmen",
    "organisatie": "Stichting Voorbeeld Welzijn",
    "samenvatting": "Inwoners met geldzorgen krijgen hulp van een ervaringsdeskundige en een schuldhulpverlener.",
    "beschrijving": "Elke dinsdag is de buurtkamer open. Een ervaringsdeskundige en een schuldhulpverlener helpen samen met post, regelingen en schulden.",
    "status": "lopend",
    "start": "2025-03",
    "gemeenten": ["GM0114"],
    "themas": ["schulden", "ervaringsdeskundigheid"],
    "doelgroepen": ["inwoners-in-armoede"],
    "aanpakken": ["inzet-ervaringsdeskundigen"],
    "doelen": ["Schulden eerder in beeld krijgen.", "Inwoners weten welke regelingen er zijn."],
    "resultaten": [{
        "omschrijving": "Inwoners van wie de schulden in het eerste jaar geregeld zijn",
        "aantal": 40,
        "peildatum": "2026-03",
        "bron": {"titel": "Jaarverslag 2025", "organisatie": "Stichting Voorbeeld Welzijn", "url": "https://www.example.org/jaarverslag", "datum": "2026-03"},
    }],
    "partners": ["Gemeente Emmen"],
    "financiers": ["Gemeente Emmen"],
    "contact": {"website": "https://www.example.org/buurtkamer", "email": "info@example.org"},
    "bronnen": [{"titel": "Jaarverslag 2025", "organisatie": "Stichting Voorbeeld Welzijn", "url": "https://www.example.org/jaarverslag"}],
    "toegevoegd": "2026-11-25",
    "aangemeld_door": "Stichting Voorbeeld Welzijn",
    "laatst_gecontroleerd": "2026-11-25",
}


def contributor_guide() -> str:
    example = yaml.safe_dump([EXAMPLE_PROJECT], allow_unicode=True, sort_keys=False, width=100)
    rows = "\n".join(
        f"| `{name}` | {'ja' if field.is_required() else 'nee'} | {field.description or ''} |"
        for name, field in Project.model_fields.items()
    )
    return f"""# Een project aanmelden

<!-- Dit bestand wordt gemaakt door `watwerkt schema` uit watwerkt/model.py. Pas het daar aan. -->

Loopt jouw organisatie een project tegen armoede in Groningen, Drenthe of de Veenkoloniën? Dan
hoort het in de projectenbank van *Wat Werkt*. Zo meld je het aan met een pull request:

1. Open `data/projects.yaml` en zet je project onderaan, in dezelfde vorm als het voorbeeld
   hieronder.
2. Controleer het: `make check` (of `.venv/bin/watwerkt check`). Elke fout staat op één regel,
   met bestand, regel, project en veld.
3. Open een pull request. Die wordt automatisch gecontroleerd; fouten verschijnen bij de regel
   waar ze staan. Daarna kijkt de redactie ernaar.

Schrijf in gewone taal (taalniveau B1): korte zinnen, gewone woorden. `watwerkt check` geeft een
waarschuwing als de samenvatting moeilijker is dan B1. Een vakwoord dat moet blijven, kan met
een korte uitleg in `data/begrippen.yaml`; dan telt het als gewoon woord.

Noem alleen algemene contactgegevens van de organisatie (website, info@-adres), nooit de naam,
het 06-nummer of het e-mailadres van een persoon.

{sources_section()}
{refusals_section()}
Werk je in een editor met de YAML-taalserver (zoals VS Code met de YAML-extensie)? Dan krijg je
al tijdens het typen aanvullingen en foutmeldingen: de eerste regel van elk gegevensbestand
wijst naar het schema in `{SCHEMA_DIR}/`.

## Voorbeeld

```yaml
{example}```

## Alle velden

| Veld | Verplicht | Betekenis |
|---|---|---|
{rows}

Gemeenten schrijf je als CBS-code (zoals `GM0114` voor Emmen): zie `data/gemeenten.yaml`.
Thema's, doelgroepen, regio's en aanpakken noem je met hun id uit `data/themas.yaml`,
`data/doelgroepen.yaml`, `data/regios.yaml` en `data/aanpakken.yaml`.
"""


def sources_section() -> str:
    return """## Bronnen: de pagina die het feit noemt

Lezers moeten elk feit kunnen nagaan. Noem bij `bronnen` de organisatie die de pagina uitgaf,
de titel van de pagina, de datum als die er staat, en het adres van de pagina zelf, niet de
homepage. Een homepage (zoals `https://www.voorbeeld.nl`) weigert de controle, tenzij je in
`waarom_geen_pagina` zegt waarom er geen betere pagina is. Dat geldt ook voor een bron zonder
adres, zoals een gedrukt jaarverslag.

Elk resultaat met een getal heeft een eigen `bron` en een `peildatum`: wanneer gold het getal?
Een streefcijfer (wat je wilt bereiken) is geen resultaat: zet het bij `doelen`.
Weet je iets niet, zoals de startdatum? Laat het veld dan weg; schrijf niet "onbekend". Bij
`status` mag `onbekend` wel.
"""


def refusals_section() -> str:
    """What `watwerkt check` (and the web form) refuses, and why, in plain Dutch: so that a
    submitter understands the error. The numbers and names come from the model."""
    reserved = ", ".join(f"`{name}`" for name in sorted(RESERVED_IDS))
    return f"""## Wat de controle weigert, en waarom

`watwerkt check` en het formulier op de site weigeren een paar dingen. De melding noemt het
bestand, de regel, het record en het veld. Dit is wat er geweigerd wordt, en waarom.

- **Gegevens van personen.** Een 06-nummer, ook als het er anders uitziet: `+31 6 ...`,
  `0031 6 ...`, `(06) ...`, of met streepjes, punten of spaties tussen de cijfers. En het
  e-mailadres van een persoon: voorletters met een achternaam vóór de @, of elk adres bij
  gmail, hotmail, outlook, ziggo en dergelijke, ook als het is uitgeschreven (`jan [at] gmail
  [dot] com`). Wat op de site staat, blijft op internet staan. Noem daarom het algemene nummer of
  adres van de organisatie, zoals `info@...`.
- **Onzichtbare tekens.** Sommige tekens zie je niet, maar ze verbergen tekst of zetten hem
  achterstevoren. Daarmee kan een tekst er anders uitzien dan hij is. Ook stuurtekens en tekens
  die geen letter zijn, worden geweigerd, en tekst die alleen uit onzichtbare tekens bestaat. De
  melding noemt het teken (zoals `U+202E`). Typ de tekst opnieuw, of plak hem als platte tekst.
  Een gewone emoji mag wel. Lijkt een naam op die van een ander project of een andere aanpak,
  maar met andere letters (een Cyrillische `а` in plaats van een `a`)? Dan krijg je een
  waarschuwing.
- **Opmaak en scripts.** HTML (een `<` met een letter erachter), links met `javascript:`,
  `vbscript:` of `data:`, en tekens als `&#58;`. Zo kan niemand via een tekst iets op de site
  laten uitvoeren. In lange teksten mag gewone Markdown: **vet**, lijstjes, en links die
  beginnen met `https://`.
- **Datums ver vooruit.** `toegevoegd`, `laatst_gecontroleerd`, een `peildatum`, een startdatum
  of de datum van een bron mag hoogstens een jaar na vandaag liggen: het is al gebeurd. Alleen de
  geplande einddatum van een lopend project mag verder weg liggen.
- **Lange lijsten en vreemde links.** Een lijst (doelen, partners, bronnen en dergelijke) heeft
  hoogstens {MAX_ITEMS} items. Een link heeft geen spaties, geen onzichtbare tekens en geen
  tekens als `<` of `"`. Hij wijst naar een website met een naam (geen IP-adres of intern adres,
  geen naam en wachtwoord vóór een `@`), en er staan geen persoonsgegevens in, ook niet
  versleuteld als `%40`. Een `mailto:`-link is alleen het adres, zonder `?cc=` of iets anders.
- **Namen van vaste pagina's.** De ids {reserved} zijn al vaste pagina's van de site. Ook de
  naam van een gemeente wordt een webadres: die moet letters a-z of cijfers hebben.
- **YAML-verrassingen.** YAML leest sommige waarden anders dan jij ze bedoelt: `status: no`
  wordt de waarde 'onwaar' (false), en `0755` wordt het getal 493. Zet zo'n waarde tussen
  aanhalingstekens: `status: "no"`, `"0755"`. De melding zegt wat YAML las.
"""


def write_generated_files(root: Path) -> list[str]:
    """Write every generated file below `root`; the paths that changed."""
    changed = []
    for path, content in generated_files().items():
        target = root / path
        if _committed_text(target) != content:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
            changed.append(path)
    return changed


def stale_generated_files(root: Path) -> list[str]:
    return [path for path, content in generated_files().items() if _committed_text(root / path) != content]


def _committed_text(path: Path) -> str | None:
    """What stands at `path` now (None when nothing does), read as data files are: never
    through a link, from a FIFO or past a size cap."""
    if not os.path.lexists(path):
        return None
    return read_text_file(path, MAX_FILE_BYTES)
