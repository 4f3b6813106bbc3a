"""The contributor guide (CONTRIBUTING.md, and /bijdragen/ on the site): the words stand in
contributor_guide.md beside this file; the example, the table of fields and the limits it names
come from the record model."""
from __future__ import annotations

from pathlib import Path

import jinja2
import yaml

from ..model import MAX_ITEMS, RESERVED_IDS, Project
from .schemas import SCHEMA_DIR

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
    # Markdown, not HTML: nothing to escape, and every line as it stands.
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent), keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    return environment.get_template("contributor_guide.md").render(
        example=example, rows=rows, schema_dir=SCHEMA_DIR, max_items=MAX_ITEMS, reserved=", ".join(f"`{name}`" for name in sorted(RESERVED_IDS)),
    )
