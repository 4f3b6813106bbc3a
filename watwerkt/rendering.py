"""Turn the kennisbank into Markdown pages and HTML components.

Record text is data, never template: it is escaped, or (for long texts, which may hold simple
Markdown) rendered and then sanitized. Links are relative to the page they appear on, built
from ids, so a renamed title never breaks a link.
"""
from __future__ import annotations

import datetime
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
import markdown
import nh3
from markupsafe import Markup

from . import projectenbank
from .kennisbank import Kennisbank, is_stale
from .labels import APPROACH_STATUSES, EVIDENCE_LEVELS, PROJECT_STATUSES
from .model import PROVINCES, Approach, PartialDate, Project
from .urls import record_url, relative_root

TEMPLATES = Path(__file__).parent / "templates"

_MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"]
_MARKDOWN_ESCAPES = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
_ALLOWED_TAGS = {"p", "ul", "ol", "li", "em", "strong", "a", "br", "code", "blockquote"}



@dataclass(frozen=True)
class GeneratedPage:
    """A page made from a record: where it goes (relative to docs/) and its Markdown."""

    src_uri: str
    markdown: str


class Renderer:
    def __init__(self, kennisbank: Kennisbank, *, today: datetime.date):
        self.kennisbank = kennisbank
        self.environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.environment.filters.update(
            literal_heading=literal_heading_text,
            markdown=sanitized_markdown,
            date_nl=dutch_date,
            number_nl=dutch_number,
            front_matter=front_matter_string,
            first_sentence=first_sentence,
            lookup=lambda ids, table: [table[key] for key in ids],
            as_rows=lambda results: [(result,) for result in results],
            zip_labels=lambda ids, table: [(key, table[key].naam) for key in ids],
        )
        self.environment.globals.update(
            kb=kennisbank,
            EVIDENCE_LEVELS=EVIDENCE_LEVELS,
            APPROACH_STATUSES=APPROACH_STATUSES,
            PROJECT_STATUSES=PROJECT_STATUSES,
            record_url=record_url,
            period=period_text,
            area=self.area_text,
            is_stale=lambda record: is_stale(record.laatst_gecontroleerd, today),
            json_ld=lambda project, site_url: project_json_ld(kennisbank, project, site_url),
            project_fields=Project.model_fields,
            bank=projectenbank,
            PROVINCES=PROVINCES,
        )

    def render(self, template: str, *, root: str, **values) -> str:
        return self.environment.get_template(template).render(root=root, **values)

    def record_pages(self, *, site_url: str) -> list[GeneratedPage]:
        """A page for every approach, project, curriculum module and municipality."""
        pages = []
        for kind, records, template in (
            ("approach", self.kennisbank.approaches.values(), "approach.md"),
            ("project", self.kennisbank.projects.values(), "project.md"),
            ("module", self.kennisbank.curriculum.modules, "module.md"),
            ("municipality", self.kennisbank.municipalities.values(), "municipality.md"),
        ):
            for record in records:
                url = record_url(kind, record.id)
                text = self.render(template, root=relative_root(url), record=record, site_url=site_url)
                pages.append(GeneratedPage(f"{url.rstrip('/')}.md", text))
        for module in self.kennisbank.curriculum.modules:
            for old_id in module.vorige_ids:
                url = record_url("module", old_id)
                text = self.render("moved.html", root=relative_root(url), module=module)
                pages.append(GeneratedPage(f"{url}index.html", text))
        for page in range(2, projectenbank.page_count(self.kennisbank) + 1):
            url = projectenbank.page_url(page)
            text = self.render("project_list_page.md", root=relative_root(url), page=page)
            pages.append(GeneratedPage(f"{url.rstrip('/')}.md", text))
        return pages

    def component(self, name: str, *, page_url: str, site_url: str, settings: dict | None = None) -> Markup:
        """One of COMPONENTS as HTML for a hand-written page at `page_url`; `settings` are the
        site's own (such as where submissions go)."""
        if name not in COMPONENTS:
            raise KeyError(f"unknown component {name!r}; known: {', '.join(COMPONENTS)}")
        html = self.render(COMPONENTS[name], root=relative_root(page_url), site_url=site_url, settings=settings or {})
        return Markup(html.strip())

    def area_text(self, record: Approach | Project) -> str:
        if record.regio:
            return self.kennisbank.regions[record.regio].naam
        names = [municipality.naam for municipality in self.kennisbank.municipalities_of(record)]
        if len(names) > 3:
            return f"{len(names)} gemeenten"
        return ", ".join(names) or "Niet vastgelegd"


# Components that hand-written pages can place, by name: the template that renders each.
COMPONENTS = {
    "aanpakken_overzicht": "approaches_table.html",
    "aanpakken_lijst": "approach_list.html",
    "projecten_lijst": "project_list.html",
    "opleiding_overzicht": "curriculum_overview.html",
    "resultaten_tabel": "results_table.html",
    "regio_lijst": "region_list.html",
    "begrippen_lijst": "glossary.html",
    "gemeenten_overzicht": "municipality_overview.html",
    "open_data_velden": "open_data_fields.html",
    "lesmateriaal": "teaching_material.html",
    "aanmeldformulier": "submission_form.html",
}


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


# --- filters -------------------------------------------------------------------------------


def literal_heading_text(text: str) -> Markup:
    """Text that Markdown and HTML both show exactly as written (for headings)."""
    return Markup(_MARKDOWN_ESCAPES.sub(r"\\\1", html.escape(text, quote=False)))


def front_matter_string(text: str) -> Markup:
    """A front-matter value. HTML-escaped already, because the theme prints page.title and
    page.meta.description into HTML (even into attributes) without escaping them."""
    return Markup(json.dumps(html.escape(text), ensure_ascii=False))


def sanitized_markdown(text: str) -> Markup:
    """A record's long text: its simple Markdown rendered, then sanitized."""
    rendered = markdown.markdown(text, extensions=["sane_lists"])
    return Markup(nh3.clean(rendered, tags=_ALLOWED_TAGS, attributes={"a": {"href"}}, url_schemes={"http", "https", "mailto"}))


def dutch_date(value: PartialDate | object) -> str:
    """'2017-09-01' → '1 september 2017'; '2017-09' → 'september 2017'; '2017' → '2017'."""
    parts = str(value).split("-")
    if len(parts) == 1:
        return parts[0]
    month = _MONTHS[int(parts[1]) - 1]
    return f"{int(parts[2])} {month} {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"


def dutch_number(value: float) -> str:
    """14000.0 → '14.000'; 2.5 → '2,5'."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:,}".replace(",", " ").replace(".", ",").replace(" ", ".")


def first_sentence(text: str) -> str:
    match = re.match(r"(.+?[.!?])(\s|$)", " ".join(text.split()))
    return match.group(1) if match else text


def period_text(start: str | None, end: str | None, note: str | None = None) -> str:
    if start and end:
        return f"{dutch_date(start)} – {dutch_date(end)}"
    if start:
        return f"vanaf {dutch_date(start)}"
    if end:
        return f"tot {dutch_date(end)}"
    return note or "Niet bekend"

