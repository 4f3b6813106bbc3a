"""Turn the kennisbank into HTML: a page per record, and components for hand-written pages.

The invariant, which tests/test_render_once.py checks on every built file: no text in any
record can put into the built site a script, an event-handler attribute, a style with url() or
expression(), or a URL with a scheme other than http, https or mailto. It holds because record
text is rendered exactly once and never parsed again:

- Short texts are escaped by Jinja's autoescape. Long texts (which may hold simple Markdown)
  go through one Markdown pass and then the sanitizer (`sanitized_markdown`), last.
- The engine renders every record page and every component to final HTML
  (watwerkt/publishing/staging.py). A record page reaches the site generator as a place only,
  which the engine fills with its HTML after the build; a component reaches it as one raw HTML
  block, which Markdown passes through untouched. After the build the engine checks that every
  block stands in its page byte for byte. So a character reference the sanitizer decoded, or a
  `{: onclick=... }` attribute list, is text and stays text.
- Page heads (`GeneratedPage.title`, `.description`) are plain text, escaped and written as
  YAML strings by the staging, so no name can break them; JSON-LD is JSON with <, > and & escaped.

Links are relative to the page they appear on, built from ids, so a renamed title never
breaks a link.
"""
from __future__ import annotations

import dataclasses
import datetime
import functools
import html
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import markdown
import nh3
from markdown.extensions.toc import slugify
from markupsafe import Markup

from ..channels import Channels
from ..components import COMPONENTS, FOLDER as COMPONENTS_FOLDER, project_list
from .content_security import meta_element
from ..reuse import fingerprint
from .made_pages import MadePages, templates_signature
from .page_values import PAGE_VALUES
from .term_links import TermLinker
from ..errors import UserError
from ..kennisbank import Kennisbank, is_stale
from ..labels import APPROACH_STATUSES, EVIDENCE_LEVELS, EVIDENCE_STRENGTHS, EXPERTS_BY_EXPERIENCE_ROLES, PROJECT_STATUSES, RESULT_KINDS
from ..model import ID_FROM_NAME_LENGTH, ID_SOURCE_FIELD, Approach, PartialDate, Project
from ..urls import PAGE_TITLE_ANCHOR, PATTERNS_PAGE, PROJECT_INDEX, PROJECT_SCHEMA, PROJECT_TEXTS, component_asset, project_list_page, record_url, relative_root

TEMPLATES = Path(__file__).parent / "templates"

_MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"]
_ALLOWED_TAGS = {"p", "ul", "ol", "li", "em", "strong", "a", "br", "code", "blockquote"}
# The words of a heading's permanent link, for screen readers; the CSS shows them as ¶. The same
# words as `permalink` of the toc extension in mkdocs.yml, which gives hand-written pages theirs.
PERMALINK_TEXT = "Vaste link naar dit deel"


@dataclass(frozen=True)
class TocEntry:
    """A heading of a generated page, for the theme's table of contents. `title` is HTML."""

    level: int
    id: str
    title: str
    children: list[TocEntry] = field(default_factory=list)


@dataclass(frozen=True)
class GeneratedPage:
    """A page made from a record: where it goes (relative to docs/), its head in plain text,
    its body as final HTML and the headings of that body."""

    src_uri: str
    title: str
    description: str
    body_html: str
    toc: list[TocEntry]
    json_ld: str | None = None  # schema.org metadata, safe inside a <script> element


@dataclass(frozen=True)
class GeneratedFile:
    """A file made from the records that is not a page of the theme: written as it is."""

    path: str
    content: str | bytes


class Headings:
    """The headings of one rendered page or component: each section heading gets a unique id
    (as the toc extension would make it, so anchors stay what they were) and a permanent link."""

    def __init__(self):
        self._ids: set[str] = set()
        self.made: list[tuple[TocEntry, str]] = []  # every heading made, with its HTML

    def __call__(self, level: int, text: str, anchor: str | None = None) -> Markup:
        title = html.escape(text, quote=False)
        # The page title has a fixed anchor, where the theme's "Ga naar inhoud" link lands: a
        # record's name must never take an anchor that a section or a learning goal needs (a
        # module named "Doel" would push #doel aside). Goal ids may not be PAGE_TITLE_ANCHOR.
        default = PAGE_TITLE_ANCHOR if level == 1 else slugify(text, "-") or "deel"
        anchor = self._unique(anchor or default)
        markup = f'<h{level} id="{anchor}">{title}<a class="headerlink" href="#{anchor}" title="{PERMALINK_TEXT}">{PERMALINK_TEXT}</a></h{level}>'
        self.made.append((TocEntry(level, anchor, " ".join(title.split())), markup))
        return Markup(markup)

    def table_of_contents(self, page_html: str) -> list[TocEntry]:
        """The table of contents of `page_html`, made of these headings when it holds exactly
        them (each once, in their order on the page) without reading the page again;
        otherwise read from the page (table_of_contents)."""
        positions = [page_html.find(markup) for _, markup in self.made]
        if -1 in positions or positions != sorted(positions) or page_html.count('class="headerlink"') != len(self.made):
            return table_of_contents(page_html)
        return _nested([entry for entry, _ in self.made])

    def _unique(self, anchor: str) -> str:
        candidate, number = anchor, 1
        while candidate in self._ids:
            candidate, number = f"{anchor}_{number}", number + 1
        self._ids.add(candidate)
        return candidate


class _HeadingReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.entries: list[TocEntry] = []
        self._open: tuple[int, str, list[str]] | None = None
        self._in_permalink = False
        self._has_permalink = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag) and attributes.get("id"):
            self._open = (int(tag[1]), attributes["id"], [])
            self._has_permalink = False
        elif tag == "a" and self._open and "headerlink" in (attributes.get("class") or "").split():
            self._in_permalink = self._has_permalink = True

    def handle_endtag(self, tag):
        if tag == "a":
            self._in_permalink = False
        elif self._open and tag == f"h{self._open[0]}":
            level, anchor, parts = self._open
            if self._has_permalink:  # a section heading, not a card's or a list's
                self.entries.append(TocEntry(level, anchor, " ".join("".join(parts).split())))
            self._open = None

    def handle_data(self, data):
        if self._open and not self._in_permalink:
            self._open[2].append(html.escape(data, quote=False))

    def handle_entityref(self, name):
        self.handle_data(html.unescape(f"&{name};"))

    def handle_charref(self, name):
        self.handle_data(html.unescape(f"&#{name};"))


def table_of_contents(page_html: str) -> list[TocEntry]:
    """The section headings (those with a permanent link) in `page_html`, nested by level, for the theme's table of
    contents; raises UserError when two share an id (a link could only reach one)."""
    entries = _headings_as_made(page_html)
    if entries is None:
        reader = _HeadingReader()
        reader.feed(page_html)
        reader.close()
        entries = reader.entries
    ids = [entry.id for entry in entries]
    doubles = sorted({anchor for anchor in ids if ids.count(anchor) > 1})
    if doubles:
        raise UserError(f"twee koppen op één pagina hebben dezelfde id: {', '.join(doubles)}; geef een van beide een andere naam")
    return _nested(entries)


# A section heading exactly as Headings writes it. Its title is escaped text (no "<" or ">",
# every "&" one of the three escapes), which the HTML parser reads back unchanged.
_MADE_HEADING = re.compile(
    r'<h([1-6]) id="([^"&<>]+)">([^<>]*)<a class="headerlink" href="#\2" title="' + re.escape(PERMALINK_TEXT) + '">'
    + re.escape(PERMALINK_TEXT) + r"</a></h\1>"
)
# Where a heading may be no heading: in a comment, or in a script or style that holds anything,
# and where the parser reads a "<" by rules of its own (<!..., <?..., "</ "), or an attribute in
# single quotes may hold a double-quoted heading.
_PARSER_ONLY = re.compile(r"<script\b[^>]*>(?!</script>)|<style\b[^>]*>(?!</style>)|<[!?]|</[^a-zA-Z]|='", re.IGNORECASE)
_STRAY_AMPERSAND = re.compile(r"&(?!(?:amp|lt|gt);)")


def _headings_as_made(page_html: str) -> list[TocEntry] | None:
    """The section headings of `page_html` when every one is written as Headings writes it and
    nothing on the page can hide one (a comment, a script): what the parser would read, found
    without it. None when not sure: then the parser reads the page."""
    if "headerlink" not in page_html:
        return []
    if _PARSER_ONLY.search(page_html):
        return None
    matches = list(_MADE_HEADING.finditer(page_html))
    if len(matches) != page_html.count("headerlink") or any(_STRAY_AMPERSAND.search(match.group(3)) for match in matches):
        return None
    return [TocEntry(int(match.group(1)), match.group(2), " ".join(match.group(3).split())) for match in matches]


def _nested(entries: list[TocEntry]) -> list[TocEntry]:
    nested: list[TocEntry] = []
    for entry in entries:
        siblings = nested
        while siblings and siblings[-1].level < entry.level:
            siblings = siblings[-1].children
        siblings.append(entry)
    return nested


def has_passed(partial_date: str, today: datetime.date) -> bool:
    """Whether the whole year, month or day `partial_date` names lies before `today`."""
    return today.isoformat()[: len(partial_date)] > partial_date


def recognition_label(recognition, today: datetime.date) -> str:
    """'Effectief (goede aanwijzingen)', 'Goed onderbouwd (verlopen)', 'Niet beoordeeld'."""
    label = EVIDENCE_LEVELS[recognition.niveau]
    if recognition.aanwijzingen:
        label += f" ({EVIDENCE_STRENGTHS[recognition.aanwijzingen]})"
    if recognition.geldig_tot and has_passed(recognition.geldig_tot, today):
        label += " (verlopen)"
    return label


class Renderer:
    def __init__(self, kennisbank: Kennisbank, *, today: datetime.date):
        self.kennisbank = kennisbank
        self.today = today
        self.pages_made = 0  # how many pages the last record_pages made from their templates; the others it had
        self.term_linker = TermLinker(kennisbank.terms.values(), names=kennisbank.known_terms())
        self.environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader([TEMPLATES, COMPONENTS_FOLDER]),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.environment.filters.update(
            markdown=sanitized_markdown,
            date_nl=dutch_date,
            number_nl=dutch_number,
            first_sentence=first_sentence,
            phone_digits=lambda number: re.sub(r"[^0-9+]", "", number.split("(")[0]),
            as_rows=lambda results: [(result,) for result in results],
        )
        self.environment.globals.update(
            EVIDENCE_LEVELS=EVIDENCE_LEVELS,
            EVIDENCE_STRENGTHS=EVIDENCE_STRENGTHS,
            RESULT_KINDS=RESULT_KINDS,
            ID_FROM_NAME_LENGTH=ID_FROM_NAME_LENGTH,
            ID_SOURCE_FIELD=ID_SOURCE_FIELD,
            EXPERTS_BY_EXPERIENCE_ROLES=EXPERTS_BY_EXPERIENCE_ROLES,
            has_passed=lambda partial_date: has_passed(partial_date, today),
            recognition_label=lambda recognition: recognition_label(recognition, today),
            APPROACH_STATUSES=APPROACH_STATUSES,
            PROJECT_STATUSES=PROJECT_STATUSES,
            record_url=record_url,
            project_list_page=project_list_page,
            PROJECT_INDEX=PROJECT_INDEX,
            PROJECT_TEXTS=PROJECT_TEXTS,
            PROJECT_SCHEMA=PROJECT_SCHEMA,
            component_asset=component_asset,
            period=period_text,
            area=self.area_text,
            is_stale=lambda record: is_stale(record.laatst_gecontroleerd, today),
            json_ld=lambda project, site_url: project_json_ld(kennisbank, project, site_url),
            csp_meta=lambda scripts: meta_element(inline_scripts=scripts),
        )

    def render(self, template: str, *, root: str, **values) -> str:
        return self.environment.get_template(template).render(root=root, **values)

    def record_pages(self, *, site_url: str, channels: Channels = Channels()) -> list[GeneratedPage]:
        """A page for every approach, project, curriculum module and municipality, and the
        projectenbank's further pages for readers without JavaScript. A page whose inputs are
        what they were at the last call is not made again (made_pages.py)."""
        made = MadePages()
        frame = fingerprint((templates_signature((TEMPLATES, COMPONENTS_FOLDER)), site_url, self._site_inputs)) if made.keeping else b""

        def page(url: str, template: str, values: dict, *, link_terms: bool) -> GeneratedPage:
            # Two steps, each made again only when its inputs changed: the template's page, then
            # its begrip links (a renamed project can change the links on every page, rarely
            # what the templates make).
            key = fingerprint((frame, template, url, values)) if made.keeping else None
            rendered = made.page(key, lambda: self._page(url, template, **values))
            if not link_terms:
                return rendered
            linked = key + self.term_linker.signature if made.keeping else None
            return made.page(linked, lambda: dataclasses.replace(rendered, body_html=self.term_linker.link_first_uses(rendered.body_html, root=relative_root(url))), counted=False)

        pages = []
        for kind, records in (
            ("approach", self.kennisbank.approaches.values()),
            ("project", self.kennisbank.projects.values()),
            ("module", self.kennisbank.curriculum.modules),
            ("municipality", self.kennisbank.municipalities.values()),
        ):
            pages += [page(record_url(kind, record.id), _RECORD_TEMPLATES[kind], self._record_values(kind, record, site_url, channels), link_terms=True) for record in records]
        for number in range(2, project_list.page_count(self.kennisbank) + 1):
            pages.append(page(project_list_page(number), "project_list_page.html", project_list.list_values(self.kennisbank, number), link_terms=False))
        made.finish()
        self.pages_made = made.made
        return pages

    def record_page(self, kind: str, record, *, site_url: str, channels: Channels = Channels()) -> GeneratedPage:
        return self._page(record_url(kind, record.id), _RECORD_TEMPLATES[kind], link_terms=True, **self._record_values(kind, record, site_url, channels))

    def _record_values(self, kind: str, record, site_url: str, channels: Channels) -> dict:
        """Everything the record's template receives (besides the globals _site_inputs covers)."""
        # "Klopt er iets niet?": the record's id and page go with the reader's correction.
        correction = channels.correction_link(record_id=record.id, page_address=site_url + record_url(kind, record.id), record_name=record.naam)
        return dict(record=record, site_url=site_url, correction_link=correction, **PAGE_VALUES[kind](self.kennisbank, record))

    @functools.cached_property
    def _site_inputs(self) -> bytes:
        """What templates read besides their values: every table but the projects (through
        `area`, `json_ld` and labels) and the day."""
        return fingerprint((self.kennisbank.tables_fingerprint, self.today))

    def _page(self, url: str, template: str, *, headings: Headings | None = None, link_terms: bool = False, **values) -> GeneratedPage:
        """The template's output is the body; its top-level `title`, `description` and
        (optionally) `json_ld` are the page head. With `link_terms`, the first use of each
        begrip in the body links to /begrippen/ (term_links.py), as the last step."""
        headings = headings or Headings()
        module = self.environment.get_template(template).make_module(dict(root=relative_root(url), heading=headings, **values))
        body = str(module).strip() + "\n"
        if link_terms:
            body = self.term_linker.link_first_uses(body, root=relative_root(url))
        json_ld = getattr(module, "json_ld", None)
        return GeneratedPage(
            src_uri=f"{url}index.md",  # where it stands is where it is read: its links mean the same to every generator
            title=str(module.title),
            description=str(module.description),
            body_html=body,
            toc=headings.table_of_contents(body),
            json_ld=str(json_ld) if json_ld else None,
        )

    def redirect_files(self) -> list[GeneratedFile]:
        """An old module address sends readers on to the new one."""
        files = []
        for module in self.kennisbank.curriculum.modules:
            for old_id in module.vorige_ids:
                url = record_url("module", old_id)
                files.append(GeneratedFile(f"{url}index.html", self.render("moved.html", root=relative_root(url), module=module)))
        return files

    def patterns_page(self, *, site_url: str, settings: dict) -> GeneratedPage:
        """/patronen/: every component once, rendered as the site shows it, with its examples.yaml."""
        headings = Headings()  # one set of ids for the whole page
        components = [
            (name, component, component.example(), self.component(name, page_url=PATTERNS_PAGE, site_url=site_url, settings=settings, headings=headings))
            for name, component in COMPONENTS.items()
        ]
        return self._page(PATTERNS_PAGE, "patterns.html", components=components, headings=headings)

    def component(self, name: str, *, page_url: str, site_url: str, settings: dict | None = None, headings: Headings | None = None) -> Markup:
        """One of COMPONENTS as HTML for a hand-written page at `page_url`; `settings` are the
        site's own (such as where submissions go)."""
        if name not in COMPONENTS:
            raise KeyError(f"unknown component {name!r}; known: {', '.join(COMPONENTS)}")
        component = COMPONENTS[name]
        rendered = self.render(
            component.template, root=relative_root(page_url), site_url=site_url, settings=settings or {}, heading=headings or Headings(),
            **component.values(self.kennisbank, site_url),
        )
        return Markup(rendered.strip())

    def area_text(self, record: Approach | Project) -> str:
        return project_list.area_text(self.kennisbank, record)


_RECORD_TEMPLATES = {"approach": "approach.html", "project": "project.html", "module": "module.html", "municipality": "municipality.html"}

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


_MARKDOWN = markdown.Markdown(extensions=["sane_lists"])  # one, reset for each text: making one costs more than most texts


@functools.lru_cache(maxsize=100_000)  # the same texts again on every rebuild (`serve`)
def sanitized_markdown(text: str) -> Markup:
    """A record's long text: its simple Markdown rendered once, then sanitized, last. Only
    whole web and mail addresses stay links: a relative one would point somewhere else on
    every page it appears on."""
    rendered = _MARKDOWN.reset().convert(text)
    return Markup(
        nh3.clean(rendered, tags=_ALLOWED_TAGS, attributes={"a": {"href"}}, url_schemes={"http", "https", "mailto"}, url_relative="deny")
    )


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

