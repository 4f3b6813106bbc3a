"""The site's UI components, one folder each that holds all of it.

A folder here is a component the engine renders: `template.html`, and beside it what it needs of
these: `script.js`, `style.css`, `examples.yaml` (what /patronen/ shows it with, and when to use
it), its Python (`__init__.py`: the values it shows) and its tests (`test_*.py`). A component
with a script says so on its root element, `data-ww-module="<folder>"`; the one mount script
(mount.js) finds those elements on every page and fetches and starts each script, so a page
loads only the scripts of the components it has. A template links its own stylesheet.

The header's components (search, reading aid, menu, permanent links), which Material's
templates render on every page, live the same way in overrides/components/.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import yaml

from ..errors import UserError
from ..labels import RECOGNITION_STEPS
from ..kennisbank import Kennisbank
from ..model import PROVINCES, Project
from ..urls import COMPONENT_ASSETS, component_asset, record_url
from . import approach_list, project_list
from .submission_form import DATED_TODAY, SUBMITTED_BY, form_field_kind

FOLDER = Path(__file__).parent
MOUNT_SCRIPT = "mount.js"
# The files of a component folder that the site publishes (under COMPONENT_ASSETS).
PUBLISHED_SUFFIXES = (".js", ".css")
# What examples.yaml says of a component, as GOV.UK's guidance pages do: its name, when to use it,
# when not, and how it works.
EXAMPLE_KEYS = ("titel", "gebruik", "niet_gebruiken", "werking")


def _no_values(kennisbank: Kennisbank, site_url: str) -> dict:
    return {}


def recognition_steps(level: str) -> int:
    """How many steps of the recognition ladder a level has reached: 0 to len(RECOGNITION_STEPS)."""
    return RECOGNITION_STEPS.index(level) + 1 if level in RECOGNITION_STEPS else 0


def _approaches_table(kennisbank: Kennisbank, site_url: str) -> dict:
    """Every approach by name, with the names of its target groups and the recognition steps it reached."""
    approaches = sorted(kennisbank.approaches.values(), key=lambda approach: approach.naam)
    return {
        "approaches": [
            (approach, [kennisbank.target_groups[key].naam for key in approach.doelgroepen], recognition_steps(approach.erkenning.niveau))
            for approach in approaches
        ],
        "step_count": len(RECOGNITION_STEPS),
    }


def _municipality_picker(kennisbank: Kennisbank, site_url: str) -> dict:
    """Every municipality by name, per province, for the home page's "in my municipality"."""
    by_name = sorted(kennisbank.municipalities.values(), key=lambda municipality: municipality.naam)
    return {"provinces": [(province, [m for m in by_name if m.provincie == province]) for province in PROVINCES]}


def _municipality_overview(kennisbank: Kennisbank, site_url: str) -> dict:
    """The municipalities per province with their number of projects, and the municipality ×
    theme table: per cell the number of projects (0: a gap), the projectenbank's address filtered
    on that municipality and theme, and what the cell says to a screen reader."""
    by_name = sorted(kennisbank.municipalities.values(), key=lambda municipality: municipality.naam)
    themes = list(kennisbank.themes.values())

    def cell(municipality, theme) -> dict:
        count = kennisbank.count_projects(municipality, theme)
        amount = "Geen projecten" if count == 0 else "1 project" if count == 1 else f"{count} projecten"
        return {
            "count": count,
            "address": project_list.filtered_address(gemeente=municipality.code, thema=theme.id),
            "label": f"{amount} over {theme.naam} in {municipality.naam}",
        }

    return {
        "provinces": [(province, [(m, len(kennisbank.projects_in(m))) for m in by_name if m.provincie == province]) for province in PROVINCES],
        "themes": themes,
        "matrix": [(m, [cell(m, theme) for theme in themes]) for m in by_name],
    }


def _curriculum(kennisbank: Kennisbank, site_url: str) -> dict:
    return {"curriculum": kennisbank.curriculum}


def _glossary(kennisbank: Kennisbank, site_url: str) -> dict:
    return {"terms": sorted(kennisbank.terms.values(), key=lambda term: term.term.lower())}


def _region_list(kennisbank: Kennisbank, site_url: str) -> dict:
    return {"regions": [(region, [kennisbank.municipalities[code].naam for code in region.gemeenten]) for region in kennisbank.regions.values()]}


def _results_table(kennisbank: Kennisbank, site_url: str) -> dict:
    return {"rows": kennisbank.all_results()}


def _project_fields(kennisbank: Kennisbank, site_url: str) -> dict:
    by_name = lambda table: sorted(table.values(), key=lambda record: record.naam)  # noqa: E731
    return {
        # (value, label) of each choice, in the order the form shows them
        "choices_for": {
            "gemeenten": [(m.code, m.naam) for m in by_name(kennisbank.municipalities)],
            "themas": [(theme.id, theme.naam) for theme in kennisbank.themes.values()],
            "doelgroepen": [(group.id, group.naam) for group in kennisbank.target_groups.values()],
            "aanpakken": [(approach.id, approach.naam) for approach in by_name(kennisbank.approaches)],
        },
        "fields": Project.model_fields,
        "field_kinds": {name: form_field_kind(field) for name, field in Project.model_fields.items()},
        "dated_today": DATED_TODAY,
        "submitted_by": SUBMITTED_BY,
    }


def _teaching_links(kennisbank: Kennisbank, site_url: str) -> dict:
    """Every module and learning goal with its permanent link, as lines to copy at once."""
    lines = []
    for module in kennisbank.curriculum.modules:
        address = site_url + record_url("module", module.id)
        lines.append(f"{module.naam}: {address}")
        lines += [f"  - {goal.tekst} {address}#{goal.id}" for goal in module.leerdoelen]
    return {"all_links": "\n".join(lines), "curriculum": kennisbank.curriculum}


@dataclass(frozen=True)
class Component:
    """A component a hand-written page places with `{{ <macro>() }}`."""

    folder: str
    values: Callable[[Kennisbank, str], dict] = _no_values  # what its template shows

    @property
    def template(self) -> str:
        return f"{self.folder}/template.html"

    def example(self) -> dict:
        """Its examples.yaml: what /patronen/ says of it, in the outline of EXAMPLE_KEYS."""
        path = FOLDER / self.folder / "examples.yaml"
        try:
            example = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as error:
            raise UserError(f"{path}: het voorbeeld van dit onderdeel is niet te lezen ({error})") from None
        if not isinstance(example, dict) or set(example) != set(EXAMPLE_KEYS) or not all(isinstance(example[key], str) for key in EXAMPLE_KEYS):
            raise UserError(f"{path}: een voorbeeld heeft precies deze teksten: {', '.join(EXAMPLE_KEYS)}")
        return example


# By the name hand-written pages call them with. Components without a macro (the filter
# panel) are parts of these.
COMPONENTS = {
    "aanpakken_overzicht": Component("approaches_table", _approaches_table),
    "gemeente_kiezen": Component("municipality_picker", _municipality_picker),
    "aanpakken_lijst": Component("approach_list", lambda kennisbank, site_url: approach_list.list_values(kennisbank)),
    "projecten_lijst": Component("project_list", lambda kennisbank, site_url: project_list.list_values(kennisbank)),
    "opleiding_overzicht": Component("curriculum_overview", _curriculum),
    "resultaten_tabel": Component("results_table", _results_table),
    "regio_lijst": Component("region_list", _region_list),
    "begrippen_lijst": Component("glossary", _glossary),
    "gemeenten_overzicht": Component("municipality_overview", _municipality_overview),
    "open_data_velden": Component("open_data_fields", _project_fields),
    "lesmateriaal": Component("teaching_material", _teaching_links),
    "aanmeldformulier": Component("submission_form", _project_fields),
}


def published_assets() -> list[tuple[str, bytes]]:
    """The mount script and every component's scripts and styles, as (site path, content)."""
    files = [(COMPONENT_ASSETS + MOUNT_SCRIPT, (FOLDER / MOUNT_SCRIPT).read_bytes())]
    for folder in sorted(path for path in FOLDER.iterdir() if path.is_dir() and not path.name.startswith("_")):
        for path in sorted(folder.iterdir()):
            if path.suffix in PUBLISHED_SUFFIXES:
                files.append((component_asset(folder.name, path.name), path.read_bytes()))
    return files
