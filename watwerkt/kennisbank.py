"""The validated records together, with the lookups pages need."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .model import Approach, Curriculum, Module, Municipality, Project, Region, Result, TargetGroup, Theme


@dataclass(frozen=True)
class Kennisbank:
    municipalities: dict[str, Municipality]
    regions: dict[str, Region]
    themes: dict[str, Theme]
    target_groups: dict[str, TargetGroup]
    approaches: dict[str, Approach]
    projects: dict[str, Project]
    curriculum: Curriculum

    @cached_property
    def _projects_by_approach(self) -> dict[str, list[Project]]:
        index: dict[str, list[Project]] = {approach_id: [] for approach_id in self.approaches}
        for project in self.projects.values():
            for approach_id in project.aanpakken:
                index[approach_id].append(project)
        return index

    def projects_using(self, approach: Approach) -> list[Project]:
        return self._projects_by_approach[approach.id]

    def project_results_for(self, approach: Approach) -> list[tuple[Result, str, Project]]:
        """(result, "project", project) for every result of the projects that use `approach`."""
        return [(result, "project", project) for project in self.projects_using(approach) for result in project.resultaten]

    def modules_related_to(self, approach: Approach) -> list[Module]:
        return [module for module in self.curriculum.modules if approach.id in module.verwante_aanpakken]

    def all_results(self) -> list[tuple[Result, str, Approach | Project]]:
        """(result, record kind, record) for every result of every approach and project, newest first."""
        rows = [(result, "approach", approach) for approach in self.approaches.values() for result in approach.resultaten]
        rows += [(result, "project", project) for project in self.projects.values() for result in project.resultaten]
        return sorted(rows, key=lambda row: row[0].peildatum, reverse=True)

    def projects_for_module(self, module: Module) -> list[Project]:
        """The projects that use any approach the module relates to, each once."""
        found = {project.id: project for approach_id in module.verwante_aanpakken for project in self._projects_by_approach[approach_id]}
        return list(found.values())

    def municipalities_of(self, record: Approach | Project) -> list[Municipality]:
        """The municipalities a record names, directly or through its region, in list order."""
        codes = list(self.regions[record.regio].gemeenten) if record.regio else []
        codes += [code for code in record.gemeenten if code not in codes]
        return [self.municipalities[code] for code in codes]
