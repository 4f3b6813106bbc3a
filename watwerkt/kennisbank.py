"""The validated records together, with the lookups pages need."""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cached_property

from .reuse import fingerprint
from .model import Approach, Curriculum, HelpService, Module, Municipality, Project, Region, Result, TargetGroup, Term, Theme


@dataclass(frozen=True)
class Kennisbank:
    municipalities: dict[str, Municipality]
    regions: dict[str, Region]
    themes: dict[str, Theme]
    target_groups: dict[str, TargetGroup]
    terms: dict[str, Term]
    help_services: dict[str, HelpService]
    approaches: dict[str, Approach]
    projects: dict[str, Project]
    curriculum: Curriculum

    @cached_property
    def tables_fingerprint(self) -> bytes:
        """A fingerprint of every table but the projects: what a project's page, row or words
        read besides the project itself (the names of its municipalities, themes, approaches)."""
        tables = (self.municipalities, self.regions, self.themes, self.target_groups, self.terms, self.help_services, self.approaches, self.curriculum)
        return fingerprint(tables)

    @cached_property
    def _projects_by_approach(self) -> dict[str, list[Project]]:
        index: dict[str, list[Project]] = {approach_id: [] for approach_id in self.approaches}
        for project in self.projects.values():
            for approach_id in project.aanpakken:
                index[approach_id].append(project)
        return index

    @cached_property
    def _successors(self) -> dict[tuple[str, str], list[Approach | Project]]:
        index: dict[tuple[str, str], list[Approach | Project]] = {}
        for kind, records in (("approach", self.approaches), ("project", self.projects)):
            for record in records.values():
                if record.voorganger:
                    index.setdefault((kind, record.voorganger), []).append(record)
        return index

    @cached_property
    def _parts(self) -> dict[str, list[Project]]:
        index: dict[str, list[Project]] = {}
        for project in self.projects_by_name():
            if project.programma:
                index.setdefault(project.programma, []).append(project)
        return index

    def parts_of(self, programme: Project) -> list[Project]:
        """The projects that name `programme` as the programme they belong to, by name."""
        return self._parts.get(programme.id, [])

    def successors(self, record: Approach | Project) -> list[Approach | Project]:
        """The records that name `record` as their predecessor: the other end of `voorganger`."""
        return self._successors.get(("approach" if isinstance(record, Approach) else "project", record.id), [])

    def predecessor(self, record: Approach | Project) -> Approach | Project | None:
        records = self.approaches if isinstance(record, Approach) else self.projects
        return records.get(record.voorganger) if record.voorganger else None

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

    @cached_property
    def _projects_by_municipality(self) -> dict[str, list[Project]]:
        index: dict[str, list[Project]] = {code: [] for code in self.municipalities}
        for project in self.projects_by_name():
            for municipality in self.municipalities_of(project):
                index[municipality.code].append(project)
        return index

    @cached_property
    def _projects_by_theme(self) -> dict[str, list[Project]]:
        index: dict[str, list[Project]] = {theme_id: [] for theme_id in self.themes}
        for project in self.projects_by_name():
            for theme_id in project.themas:
                index[theme_id].append(project)
        return index

    def projects_by_name(self) -> list[Project]:
        """Every project by name; the same list each time (the projectenbank asks for each of its pages)."""
        return self._projects_by_name

    @cached_property
    def _projects_by_name(self) -> list[Project]:
        return sorted(self.projects.values(), key=lambda project: (project.naam.casefold(), project.id))

    def regions_of(self, municipality: Municipality) -> list[Region]:
        return [region for region in self.regions.values() if municipality.code in region.gemeenten]

    def count_projects(self, municipality: Municipality, theme: Theme) -> int:
        return sum(theme.id in project.themas for project in self.projects_in(municipality))

    def projects_in(self, municipality: Municipality) -> list[Project]:
        """The projects that run in a municipality, directly or through their region, by name."""
        return self._projects_by_municipality[municipality.code]

    def approaches_in(self, municipality: Municipality) -> list[Approach]:
        """Approaches used by projects there, or whose own area includes the municipality."""
        used = {approach_id for project in self.projects_in(municipality) for approach_id in project.aanpakken}
        return sorted(
            (a for a in self.approaches.values() if a.id in used or municipality in self.municipalities_of(a)),
            key=lambda approach: approach.naam,
        )

    def related_projects(self, project: Project, limit: int = 5) -> tuple[list[Project], list[Project]]:
        """Up to `limit` other projects in the same municipality, and up to `limit` others with a
        shared theme (not already in the first list). Drawn from prebuilt indexes: cheap even
        with many thousands of projects."""
        # The programme and its parts are linked in their own section already.
        linked = {p.id for p in self.parts_of(project)} | ({project.programma} if project.programma else set())
        nearby = _first_others(project, (p for m in self.municipalities_of(project) for p in self.projects_in(m)), limit, linked)
        same_theme = _first_others(project, (p for t in project.themas for p in self._projects_by_theme[t]), limit, linked | {p.id for p in nearby})
        return nearby, same_theme

    def modules_for_project(self, project: Project) -> list[Module]:
        return [module for module in self.curriculum.modules if set(module.verwante_aanpakken) & set(project.aanpakken)]

    def known_terms(self) -> list[str]:
        """Names and explained terms: a reader meets them on every page, so the readability
        score counts each as one ordinary word (see readability.py)."""
        names = [*(a.naam for a in self.approaches.values()), *(a.eigenaar for a in self.approaches.values())]
        names += [*(p.naam for p in self.projects.values()), *(p.organisatie for p in self.projects.values())]
        for records in (self.municipalities, self.regions):  # themes are ordinary words, not names
            names += [record.naam for record in records.values()]
        names += [form for term in self.terms.values() for form in (term.term, *term.vormen)]
        return names

    def municipalities_of(self, record: Approach | Project) -> list[Municipality]:
        """The municipalities a record names, directly or through its region, in list order."""
        codes = [*(self.regions[record.regio].gemeenten if record.regio else []), *record.gemeenten]
        return [self.municipalities[code] for code in dict.fromkeys(codes)]


def is_stale(checked: datetime.date, today: datetime.date) -> bool:
    """Checked more than twelve months ago: the record may no longer be true."""
    return (today - checked).days > 365


def _first_others(project: Project, candidates, limit: int, skip: set[str]) -> list[Project]:
    found: dict[str, Project] = {}
    for candidate in candidates:
        if candidate.id != project.id and candidate.id not in skip:
            found.setdefault(candidate.id, candidate)
            if len(found) == limit:
                break
    return list(found.values())
