"""The kennisbank as open data: JSON, CSV, JSON Schema and an Atom feed.

Every export is a pure function of the records (and the site's address), so two builds of the
same data give the same bytes: no clocks, no unordered sets.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from xml.etree import ElementTree

from ..kennisbank import Kennisbank
from ..model import Approach, Project
from ..reuse import per_record
from ..urls import FEED, PROJECT_SCHEMA, open_data, record_url

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.nl"
ATOM = "http://www.w3.org/2005/Atom"


FEED_LENGTH = 50  # the newest projects; the whole bank is in projecten.json


@dataclass(frozen=True)
class Export:
    """A file the site publishes, at a stable path below the site root."""

    path: str
    content: str | bytes


def exports(kennisbank: Kennisbank, *, site_url: str, site_name: str) -> list[Export]:
    return [
        Export(open_data("projecten.json"), projects_json(kennisbank, site_url)),
        Export(open_data("projecten.csv"), projects_csv(kennisbank, site_url)),
        Export(open_data("aanpakken.json"), _json(approaches_document(kennisbank, site_url))),
        Export(open_data("aanpakken.csv"), approaches_csv(kennisbank, site_url)),
        Export(PROJECT_SCHEMA, _json(Project.model_json_schema())),
        Export(FEED, atom_feed(kennisbank, site_url=site_url, site_name=site_name)),
        Export(open_data("opleiding.json"), _json(curriculum_document(kennisbank, site_url))),
        Export(open_data("opleiding.csv"), curriculum_csv(kennisbank, site_url)),
    ]


def projects_document(kennisbank: Kennisbank, site_url: str, *, dump: bool = True) -> dict:
    """Each project exactly as its schema describes it; what the site adds (its page, all the
    municipalities it runs in, also through its region) stands beside it, by id. Without
    `dump`, the projects are left as records."""
    projects = _by_id(kennisbank.projects)
    return {
        "licentie": LICENCE,
        "licentie_url": LICENCE_URL,
        "schema": site_url + PROJECT_SCHEMA,
        "projecten": [project.model_dump(mode="json", exclude_none=True) for project in projects] if dump else projects,
        "paginas": {project.id: site_url + record_url("project", project.id) for project in projects},
        "alle_gemeentecodes": {project.id: [m.code for m in kennisbank.municipalities_of(project)] for project in projects},
    }


def projects_json(kennisbank: Kennisbank, site_url: str) -> str:
    """projects_document as JSON; while `serve` keeps what it made, each project's part is
    written again only when the project changed."""
    document = projects_document(kennisbank, site_url, dump=False)
    projects = [
        per_record("open data json", project, b"", lambda: _json(project.model_dump(mode="json", exclude_none=True)).rstrip("\n"))  # noqa: B023
        for project in document["projecten"]
    ]
    return _json(document, written={"projecten": _json_list(projects)})


def approaches_document(kennisbank: Kennisbank, site_url: str) -> dict:
    return {
        "licentie": LICENCE,
        "licentie_url": LICENCE_URL,
        "aanpakken": [
            {"url": site_url + record_url("approach", approach.id), **approach.model_dump(mode="json", exclude_none=True)}
            for approach in _by_id(kennisbank.approaches)
        ],
    }


CSV_COLUMNS = [
    "id", "naam", "organisatie", "samenvatting", "status", "start", "eind", "gemeenten", "gemeentecodes",
    "provincies", "regio", "themas", "doelgroepen", "aanpakken", "website", "email", "toegevoegd",
    "laatst_gecontroleerd", "url",
]


def projects_csv(kennisbank: Kennisbank, site_url: str) -> bytes:
    """One row per project."""
    def row(project: Project) -> list[str]:
        municipalities = kennisbank.municipalities_of(project)
        names, codes, region, themes, groups = _shared_columns(kennisbank, project)
        return [
            project.id, project.naam, project.organisatie, project.samenvatting, project.status,
            project.start or "", project.eind or "",
            names, codes, ", ".join(sorted({m.provincie for m in municipalities})), region, themes, groups,
            ", ".join(kennisbank.approaches[a].naam for a in project.aanpakken),
            project.contact.website or "", project.contact.email or "",
            project.toegevoegd.isoformat(), project.laatst_gecontroleerd.isoformat(),
            site_url + record_url("project", project.id),
        ]

    context = kennisbank.tables_fingerprint + site_url.encode("utf-8")
    return _excel_csv(CSV_COLUMNS, [per_record("open data csv", project, context, lambda: row(project)) for project in _by_id(kennisbank.projects)])  # noqa: B023


APPROACH_CSV_COLUMNS = [
    "id", "naam", "eigenaar", "samenvatting", "status", "erkenning", "erkenning_door", "erkenning_datum", "erkenning_geldig_tot",
    "ervaringsdeskundigen", "themas", "doelgroepen", "gemeenten", "gemeentecodes", "regio", "voorganger", "bronnen",
    "laatst_gecontroleerd", "url",
]


def approaches_csv(kennisbank: Kennisbank, site_url: str) -> bytes:
    """One row per approach, with the recognition as the committee gave it (or "niet-beoordeeld")."""
    rows = []
    for approach in _by_id(kennisbank.approaches):
        names, codes, region, themes, groups = _shared_columns(kennisbank, approach)
        recognition = approach.erkenning
        rows.append([
            approach.id, approach.naam, approach.eigenaar, approach.samenvatting, approach.status,
            recognition.niveau + (f" ({recognition.aanwijzingen} aanwijzingen)" if recognition.aanwijzingen else ""),
            recognition.door or "", recognition.datum, recognition.geldig_tot or "",
            approach.ervaringsdeskundigen, themes, groups, names, codes, region, approach.voorganger or "",
            " | ".join(source.url or source.titel for source in approach.bronnen),
            approach.laatst_gecontroleerd.isoformat(),
            site_url + record_url("approach", approach.id),
        ])
    return _excel_csv(APPROACH_CSV_COLUMNS, rows)


def _shared_columns(kennisbank: Kennisbank, record: Approach | Project) -> tuple[str, str, str, str, str]:
    """Municipality names, their codes, the region's name, themes and target groups, as cells."""
    municipalities = kennisbank.municipalities_of(record)
    return (
        ", ".join(m.naam for m in municipalities),
        ", ".join(m.code for m in municipalities),
        kennisbank.regions[record.regio].naam if record.regio else "",
        ", ".join(kennisbank.themes[t].naam for t in record.themas),
        ", ".join(kennisbank.target_groups[g].naam for g in record.doelgroepen),
    )


def _excel_csv(header: list[str], rows: list[list[str]]) -> bytes:
    """Semicolons, CRLF and a byte-order mark: what Excel with Dutch settings needs to open the
    file with the right columns and the right letters (ë, é)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_spreadsheet_safe(cell) for cell in row] for row in rows)
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def _spreadsheet_safe(cell: str) -> str:
    """A cell that starts like a formula (=, +, -, @) is shown as text, never run by Excel."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def curriculum_document(kennisbank: Kennisbank, site_url: str) -> dict:
    curriculum = kennisbank.curriculum
    return {
        "licentie": LICENCE,
        "licentie_url": LICENCE_URL,
        "opleiding": curriculum.model_dump(mode="json", exclude_none=True),
        "paginas": {module.id: site_url + record_url("module", module.id) for module in curriculum.modules},
    }


CURRICULUM_CSV_COLUMNS = ["module_id", "module", "leerdoel_id", "leerdoel", "vaste_link"]


def curriculum_csv(kennisbank: Kennisbank, site_url: str) -> bytes:
    """One row per learning goal, with the permanent link a trainer can paste."""
    rows = [
        [module.id, module.naam, goal.id, goal.tekst, f"{site_url}{record_url('module', module.id)}#{goal.id}"]
        for module in kennisbank.curriculum.modules
        for goal in module.leerdoelen
    ]
    return _excel_csv(CURRICULUM_CSV_COLUMNS, rows)


def atom_feed(kennisbank: Kennisbank, *, site_url: str, site_name: str) -> str:
    """'Nieuw in de projectenbank': the projects by the day they were added, newest first."""
    ElementTree.register_namespace("", ATOM)
    projects = sorted(kennisbank.projects.values(), key=lambda p: (p.toegevoegd, p.id), reverse=True)[:FEED_LENGTH]
    feed = ElementTree.Element(f"{{{ATOM}}}feed", {"xml:lang": "nl"})
    _text(feed, "title", f"Nieuw in de projectenbank – {site_name}")
    _text(feed, "id", site_url + FEED)
    _text(feed, "updated", _timestamp(projects[0].toegevoegd) if projects else "1970-01-01T00:00:00Z")
    ElementTree.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "type": "application/atom+xml", "href": site_url + FEED})
    ElementTree.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "href": site_url + "projectenbank/"})
    author = ElementTree.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", site_name)
    for project in projects:
        entry = ElementTree.SubElement(feed, f"{{{ATOM}}}entry")
        url = site_url + record_url("project", project.id)
        _text(entry, "title", project.naam)
        _text(entry, "id", url)
        _text(entry, "published", _timestamp(project.toegevoegd))
        _text(entry, "updated", _timestamp(project.toegevoegd))
        ElementTree.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "href": url})
        _text(entry, "summary", f"{project.samenvatting} ({project.organisatie})")
    ElementTree.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(feed, encoding="unicode") + "\n"


def _json(data: dict, *, written: dict[str, str] | None = None) -> str:
    """`data` as JSON, indented by two. The top-level values named in `written` are given as
    JSON already, as `_json` writes them."""
    if not written:
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    items = [f"{json.dumps(key, ensure_ascii=False)}: {written[key] if key in written else _json(value).rstrip(chr(10))}" for key, value in data.items()]
    return "{\n" + ",\n".join(_indented(item, 2) for item in items) + "\n}\n"


def _json_list(items: list[str]) -> str:
    """A JSON list of values given as `_json` writes them (without the last newline)."""
    return "[\n" + ",\n".join(_indented(item, 2) for item in items) + "\n]" if items else "[]"


def _indented(text: str, spaces: int) -> str:
    return " " * spaces + text.replace("\n", "\n" + " " * spaces)


def _by_id(records: dict) -> list:
    return [records[key] for key in sorted(records)]


def _text(parent: ElementTree.Element, tag: str, text: str) -> None:
    ElementTree.SubElement(parent, f"{{{ATOM}}}{tag}").text = text


def _timestamp(day) -> str:
    return f"{day.isoformat()}T00:00:00Z"
