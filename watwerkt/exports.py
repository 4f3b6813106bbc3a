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

from .kennisbank import Kennisbank
from .model import Project
from .urls import record_url

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.nl"
ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class Export:
    """A file the site publishes, at a stable path below the site root."""

    path: str
    content: str | bytes
    media_type: str


def exports(kennisbank: Kennisbank, *, site_url: str, site_name: str) -> list[Export]:
    return [
        Export("open-data/projecten.json", _json(projects_document(kennisbank, site_url)), "application/json"),
        Export("open-data/projecten.csv", projects_csv(kennisbank, site_url), "text/csv"),
        Export("open-data/aanpakken.json", _json(approaches_document(kennisbank, site_url)), "application/json"),
        Export("open-data/project.schema.json", _json(Project.model_json_schema()), "application/schema+json"),
        Export("projectenbank/feed.xml", atom_feed(kennisbank, site_url=site_url, site_name=site_name), "application/atom+xml"),
    ]


def projects_document(kennisbank: Kennisbank, site_url: str) -> dict:
    return {
        "licentie": LICENCE,
        "licentie_url": LICENCE_URL,
        "schema": site_url + "open-data/project.schema.json",
        "projecten": [
            {"url": site_url + record_url("project", project.id), **project.model_dump(mode="json", exclude_none=True)}
            for project in _by_id(kennisbank.projects)
        ],
    }


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
    """One row per project. Semicolons and a byte-order mark: what Excel with Dutch settings
    needs to open it with the right columns and the right letters (ë, é)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for project in _by_id(kennisbank.projects):
        municipalities = kennisbank.municipalities_of(project)
        writer.writerow(_spreadsheet_safe(cell) for cell in [
            project.id, project.naam, project.organisatie, project.samenvatting, project.status,
            project.start or "", project.eind or "",
            ", ".join(m.naam for m in municipalities), ", ".join(m.code for m in municipalities),
            ", ".join(sorted({m.provincie for m in municipalities})),
            kennisbank.regions[project.regio].naam if project.regio else "",
            ", ".join(kennisbank.themes[t].naam for t in project.themas),
            ", ".join(kennisbank.target_groups[g].naam for g in project.doelgroepen),
            ", ".join(kennisbank.approaches[a].naam for a in project.aanpakken),
            project.contact.website or "", project.contact.email or "",
            project.toegevoegd.isoformat(), project.laatst_gecontroleerd.isoformat(),
            site_url + record_url("project", project.id),
        ])
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def _spreadsheet_safe(cell: str) -> str:
    """A cell that starts like a formula (=, +, -, @) is shown as text, never run by Excel."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def atom_feed(kennisbank: Kennisbank, *, site_url: str, site_name: str) -> str:
    """'Nieuw in de projectenbank': the projects by the day they were added, newest first."""
    ElementTree.register_namespace("", ATOM)
    projects = sorted(kennisbank.projects.values(), key=lambda p: (p.toegevoegd, p.id), reverse=True)
    feed = ElementTree.Element(f"{{{ATOM}}}feed", {"xml:lang": "nl"})
    _text(feed, "title", f"Nieuw in de projectenbank – {site_name}")
    _text(feed, "id", site_url + "projectenbank/feed.xml")
    _text(feed, "updated", _timestamp(projects[0].toegevoegd) if projects else "1970-01-01T00:00:00Z")
    ElementTree.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": site_url + "projectenbank/feed.xml"})
    ElementTree.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "href": site_url + "projectenbank/"})
    author = ElementTree.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", site_name)
    for project in projects:
        entry = ElementTree.SubElement(feed, f"{{{ATOM}}}entry")
        url = site_url + record_url("project", project.id)
        _text(entry, "title", project.naam)
        _text(entry, "id", url)
        _text(entry, "updated", _timestamp(project.toegevoegd))
        ElementTree.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "href": url})
        _text(entry, "summary", f"{project.samenvatting} ({project.organisatie})")
    ElementTree.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(feed, encoding="unicode") + "\n"


def project_json_ld(kennisbank: Kennisbank, project: Project, site_url: str) -> str:
    """schema.org metadata for a project page, safe to place inside a <script> element."""
    data = {
        "@context": "https://schema.org",
        "@type": "Project",
        "name": project.naam,
        "description": project.samenvatting,
        "url": site_url + record_url("project", project.id),
        "areaServed": [{"@type": "AdministrativeArea", "name": m.naam} for m in kennisbank.municipalities_of(project)],
        "parentOrganization": {"@type": "Organization", "name": project.organisatie},
        "keywords": [kennisbank.themes[t].naam for t in project.themas],
        "dateCreated": project.toegevoegd.isoformat(),
        "dateModified": project.laatst_gecontroleerd.isoformat(),
    }
    if project.contact.website:
        data["sameAs"] = project.contact.website
    if project.financiers:
        data["funder"] = [{"@type": "Organization", "name": name} for name in project.financiers]
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def _by_id(records: dict) -> list:
    return [records[key] for key in sorted(records)]


def _text(parent: ElementTree.Element, tag: str, text: str) -> None:
    ElementTree.SubElement(parent, f"{{{ATOM}}}{tag}").text = text


def _timestamp(day) -> str:
    return f"{day.isoformat()}T00:00:00Z"
