"""What a record's page shows besides the record: its related records and the names of what it
refers to, looked up here, so that a template receives the values it shows and never the whole
kennisbank."""
from __future__ import annotations

from ..kennisbank import Kennisbank
from ..model import Approach, Module, Municipality, Project


def _names(ids: list[str], table: dict) -> list[str]:
    return [table[key].naam for key in ids]


def approach_values(kennisbank: Kennisbank, approach: Approach) -> dict:
    return {
        "target_groups": _names(approach.doelgroepen, kennisbank.target_groups),
        "themes": _names(approach.themas, kennisbank.themes),
        "municipalities": kennisbank.municipalities_of(approach),
        "predecessor": kennisbank.predecessor(approach),
        "successors": kennisbank.successors(approach),
        "project_results": kennisbank.project_results_for(approach),
        "projects": kennisbank.projects_using(approach),
        "modules": kennisbank.modules_related_to(approach),
        "related_approaches": [kennisbank.approaches[key] for key in approach.verwante_aanpakken],
    }


def project_values(kennisbank: Kennisbank, project: Project) -> dict:
    nearby, same_theme = kennisbank.related_projects(project)
    return {
        "municipalities": kennisbank.municipalities_of(project),
        "target_groups": _names(project.doelgroepen, kennisbank.target_groups),
        "themes": _names(project.themas, kennisbank.themes),
        "programme": kennisbank.projects[project.programma] if project.programma else None,
        "programme_parts": kennisbank.parts_of(project),
        "predecessor": kennisbank.predecessor(project),
        "successors": kennisbank.successors(project),
        "approaches": [kennisbank.approaches[key] for key in project.aanpakken],
        "modules": kennisbank.modules_for_project(project),
        "nearby": nearby,
        "same_theme": same_theme,
    }


def module_values(kennisbank: Kennisbank, module: Module) -> dict:
    """Its related approaches and projects, and the modules before and after it in the course."""
    modules = kennisbank.curriculum.modules
    position = [m.id for m in modules].index(module.id)
    return {
        "related_approaches": [kennisbank.approaches[key] for key in module.verwante_aanpakken],
        "projects": kennisbank.projects_for_module(module),
        "previous": modules[position - 1] if position > 0 else None,
        "next": modules[position + 1] if position + 1 < len(modules) else None,
    }


def municipality_values(kennisbank: Kennisbank, municipality: Municipality) -> dict:
    projects = kennisbank.projects_in(municipality)
    themes_of_projects = {theme for project in projects for theme in project.themas}
    return {
        "projects": projects,
        "approaches": kennisbank.approaches_in(municipality),
        "help_services": list(kennisbank.help_services.values()),
        "regions": kennisbank.regions_of(municipality),
        "covered_themes": [theme for theme in kennisbank.themes.values() if theme.id in themes_of_projects],
    }


PAGE_VALUES = {"approach": approach_values, "project": project_values, "module": module_values, "municipality": municipality_values}
