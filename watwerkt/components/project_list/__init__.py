"""The projectenbank's list (the component `projecten_lijst`): pages of projects without JavaScript, and the compact index
that lets the filter script narrow all projects at once in the browser."""
from __future__ import annotations

import json
import re
from urllib.parse import urlencode

from ...kennisbank import Kennisbank
from ...labels import PROJECT_STATUSES
from ...model import PROVINCES, Project
from ...reuse import per_record
from ...urls import project_list_page, record_url
from ..filters import PHONE_MAX_WIDTH, Facet
from . import search

PAGE_SIZE = 50  # projects per server-rendered page, and per step of "Toon meer" with JavaScript
# The fields of the projects in index.json, in order; the file's header names them, so the
# filter script finds each by name and knows no position of its own.
INDEX_COLUMNS = ("id", "naam", "organisatie", "gemeenten", "themas", "doelgroepen", "aanpakken", "status", "regio")
# The texts of the projects, in teksten.json (PROJECT_TEXTS), in the same order: half the size
# of the index at 10,000 projects, so the page loads them only once the reader filters, sorts or
# searches (the first cards come with the page itself).
TEXT_COLUMNS = ("samenvatting", "woorden")
# The orders the list can be sorted in (the query parameter SORT_PARAMETER): value → label. The
# first is the order without JavaScript and the order of the projects in index.json; for the
# others index.json gives the positions in that order (sort_orders()).
SORT_ORDERS = {"naam": "Naam (A tot Z)", "nieuw": "Nieuwste eerst", "gemeente": "Gemeente (A tot Z)"}
SORT_PARAMETER = "volgorde"
TEXT_PARAMETER = "q"
# Facets whose options a project lists itself, and the column that holds them; the others
# (provincie, regio) follow from the municipalities, whose provinces and regions the index gives.
FACET_COLUMNS = {"gemeente": "gemeenten", "thema": "themas", "doelgroep": "doelgroepen", "aanpak": "aanpakken", "status": "status"}
# A project card's facts, in order: (label, the slot the card template and the script fill).
CARD_FACTS = (("Organisatie", "organisatie"), ("Gebied", "gebied"), ("Thema's", "themas"), ("Status", "status"))
AREA_NAMES_SHOWN = 3  # more municipalities than this read as "12 gemeenten"
# What a card says for each status; an unknown status is left out rather than said on every card.
CARD_STATUS = {status: ("" if status == "onbekend" else label) for status, label in PROJECT_STATUSES.items()}


def area_text(kennisbank: Kennisbank, record) -> str:
    """Where a record runs, in a few words: its region's name, or up to AREA_NAMES_SHOWN names."""
    if record.regio:
        return kennisbank.regions[record.regio].naam
    names = [municipality.naam for municipality in kennisbank.municipalities_of(record)]
    return f"{len(names)} gemeenten" if len(names) > AREA_NAMES_SHOWN else ", ".join(names) or "Niet vastgelegd"


def card(kennisbank: Kennisbank, project: Project) -> dict:
    """What a project's card shows; the same slots the script fills from index.json."""
    return {
        "naam": project.naam,
        "adres": record_url("project", project.id),
        "samenvatting": project.samenvatting,
        "organisatie": project.organisatie,
        "gebied": area_text(kennisbank, project),
        "themas": ", ".join(kennisbank.themes[t].naam for t in project.themas),
        "status": CARD_STATUS[project.status],
    }


def page_count(kennisbank: Kennisbank) -> int:
    return max(1, -(-len(kennisbank.projects) // PAGE_SIZE))


def list_values(kennisbank: Kennisbank, page: int = 1) -> dict:
    """What the projectenbank's list template shows: its facets, this page of projects, the
    number of pages and the page size the filter script steps by."""
    return {
        "facets": facets(kennisbank),
        "cards": [card(kennisbank, project) for project in page_of_projects(kennisbank, page)],
        "card_facts": CARD_FACTS,
        "page": page,
        "pages": page_count(kennisbank),
        "total": len(kennisbank.projects),
        "page_size": PAGE_SIZE,
        "phone_query": f"(max-width: {PHONE_MAX_WIDTH})",
        "sort_orders": SORT_ORDERS,
        "sort_parameter": SORT_PARAMETER,
        "text_parameter": TEXT_PARAMETER,
    }


def page_of_projects(kennisbank: Kennisbank, page: int) -> list[Project]:
    return kennisbank.projects_by_name()[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]


# The filters by their URL query parameter, in the order the form shows them: what a link such
# as the gap table's (?gemeente=GM0047&thema=schulden) may choose, and what the script reads.
FACET_LABELS = {
    "gemeente": "Gemeente", "provincie": "Provincie", "regio": "Regio", "thema": "Thema",
    "doelgroep": "Doelgroep", "aanpak": "Aanpak", "status": "Status",
}


def facets(kennisbank: Kennisbank) -> list[Facet]:
    """The filters, in the order the form shows them. Their option order is the order of the
    indexes in the JSON index."""
    by_name = lambda table: sorted(table.values(), key=lambda record: record.naam)  # noqa: E731
    options = {
        "gemeente": [(m.code, m.naam) for m in by_name(kennisbank.municipalities)],
        "provincie": [(province, province) for province in PROVINCES],
        "regio": [(r.id, r.naam) for r in kennisbank.regions.values()],
        "thema": [(t.id, t.naam) for t in kennisbank.themes.values()],
        "doelgroep": [(g.id, g.naam) for g in kennisbank.target_groups.values()],
        "aanpak": [(a.id, a.naam) for a in by_name(kennisbank.approaches)],
        "status": list(PROJECT_STATUSES.items()),
    }
    return [Facet(name, label, options[name]) for name, label in FACET_LABELS.items()]


def filtered_address(**chosen: str) -> str:
    """The projectenbank's address with these filters chosen (query parameter → option value),
    e.g. 'projectenbank/?gemeente=GM0047&thema=schulden'. The filter script applies them on load;
    without JavaScript the address still opens the projectenbank."""
    unknown = set(chosen) - set(FACET_LABELS)
    if unknown:
        raise ValueError(f"no such filter: {', '.join(sorted(unknown))}")
    return project_list_page(1) + "?" + urlencode(chosen)


def sort_orders(kennisbank: Kennisbank) -> dict[str, list[int]]:
    """For each order of SORT_ORDERS but the first, the projects' positions in the list by name
    (the order of index.json) as they stand in that order. Newest first: by start, the newest
    on top, those without a start at the end; by municipality: by the first of their
    municipalities' names, those without one at the end. Within the same, by name."""
    by_name = kennisbank.projects_by_name()
    positions = range(len(by_name))
    # sorted() keeps the order of equal keys, also in reverse: within the same, by name.
    started = sorted((i for i in positions if by_name[i].start), key=lambda i: by_name[i].start, reverse=True)
    newest = started + [i for i in positions if not by_name[i].start]

    def first_municipality(position: int) -> tuple[bool, str]:
        names = [m.naam.casefold() for m in kennisbank.municipalities_of(by_name[position])]
        return (not names, min(names, default=""))

    orders = {"nieuw": newest, "gemeente": sorted(positions, key=first_municipality)}
    assert list(orders) == list(SORT_ORDERS)[1:], "every order but the first is made here"
    return orders


_LABELS: dict[int, tuple[Kennisbank, dict[str, dict[str, str]]]] = {}


def _facet_labels(kennisbank: Kennisbank) -> dict[str, dict[str, str]]:
    """Each facet's options by value, once per kennisbank (the entry holds it, so no id() is reused)."""
    known = _LABELS.get(id(kennisbank))
    if known is None or known[0] is not kennisbank:
        _LABELS.clear()
        known = _LABELS[id(kennisbank)] = (kennisbank, {facet.name: dict(facet.options) for facet in facets(kennisbank)})
    return known[1]


def _card_texts(kennisbank: Kennisbank, project: Project) -> list[str]:
    """The name, organisation and summary, and the labels of every choice the project has (its
    municipalities, their province and regions, its themes, ...), as the script takes them
    from the card and the form (searchText)."""
    labels = _facet_labels(kennisbank)
    municipalities = kennisbank.municipalities_of(project)
    chosen = {
        "gemeente": [m.code for m in municipalities],
        "provincie": [m.provincie for m in municipalities],
        "regio": [r.id for m in municipalities for r in kennisbank.regions_of(m)],
        "thema": project.themas,
        "doelgroep": project.doelgroepen,
        "aanpak": project.aanpakken,
        "status": [project.status],
    }
    return [project.naam, project.organisatie, project.samenvatting, *(labels[facet][value] for facet in FACET_LABELS for value in chosen[facet])]


def searched_words(kennisbank: Kennisbank, project: Project) -> list[str]:
    """Every word the text filter looks in for a project (search.py): of its card, its choices
    and its description."""
    return search.words(" ".join([*_card_texts(kennisbank, project), _markdown_text(project.beschrijving)]))


def _markdown_text(text: str) -> str:
    """Markdown without the addresses of its links, which no reader searches for."""
    return re.sub(r"\]\([^)]*\)|https?://\S+", " ", text)


def filter_texts(kennisbank: Kennisbank) -> str:
    """Compact JSON: the TEXT_COLUMNS of every project, column by column, in the order of
    index.json: the summary the cards show, and for the text filter the words of the
    description that its card and choices do not already have (search.py)."""

    def description_words(project: Project) -> str:
        known = set(search.words(" ".join(_card_texts(kennisbank, project))))
        return " ".join(word for word in dict.fromkeys(search.words(_markdown_text(project.beschrijving))) if word not in known)

    projects = kennisbank.projects_by_name()
    tables = kennisbank.tables_fingerprint
    words = [per_record("description words", project, tables, lambda: description_words(project)) for project in projects]  # noqa: B023  called at once
    values = {"samenvatting": [project.samenvatting for project in projects], "woorden": words}
    return json.dumps({"kolommen": TEXT_COLUMNS, "projecten": [values[column] for column in TEXT_COLUMNS]}, ensure_ascii=False, separators=(",", ":"))


def filter_index(kennisbank: Kennisbank) -> str:
    """Compact JSON: the projects column by column (INDEX_COLUMNS), facets as option indexes
    (see facets()), in the order by name.

    Labels are not repeated here: the page's form already holds them. Each municipality
    carries its province and regions, so those filters cost nothing per project. For the text
    filter the script takes the words of the name, organisation, summary and the labels the
    project has; teksten.json (filter_texts) adds the summary and the other words of its description.
    """
    by_facet = {facet.name: {value: index for index, (value, _) in enumerate(facet.options)} for facet in facets(kennisbank)}
    municipalities = [
        [by_facet["provincie"][m.provincie], [by_facet["regio"][r.id] for r in kennisbank.regions_of(m)]]
        for m in sorted(kennisbank.municipalities.values(), key=lambda m: m.naam)
    ]

    def row(project: Project) -> list:
        values = {
            "id": project.id,
            "naam": project.naam,
            "organisatie": project.organisatie,
            "gemeenten": [by_facet["gemeente"][m.code] for m in kennisbank.municipalities_of(project)],
            "themas": [by_facet["thema"][t] for t in project.themas],
            "doelgroepen": [by_facet["doelgroep"][g] for g in project.doelgroepen],
            "aanpakken": [by_facet["aanpak"][a] for a in project.aanpakken],
            "status": by_facet["status"][project.status],
            "regio": by_facet["regio"][project.regio] if project.regio else -1,
        }
        return [values[column] for column in INDEX_COLUMNS]

    rows = [row(project) for project in kennisbank.projects_by_name()]
    document = {
        "kolommen": INDEX_COLUMNS,
        "facetkolommen": FACET_COLUMNS,
        "adres": record_url("project", "{id}"),
        "kaartstatus": [CARD_STATUS[status] for status in PROJECT_STATUSES],  # in the order of the status facet
        "gebiednamen": AREA_NAMES_SHOWN,
        "zoekregel": search.SEARCH_RULE,
        # Each order as steps from one position to the next (the first from 0): runs of
        # projects in name order make small steps, which compress to a third.
        "volgorden": {order: [b - a for a, b in zip([0, *positions], positions)] for order, positions in sort_orders(kennisbank).items()},
        "gemeenten": municipalities,
        # Column by column: values of one kind side by side compress better than rows.
        "projecten": [list(column) for column in zip(*rows)] if rows else [[] for _ in INDEX_COLUMNS],
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))
