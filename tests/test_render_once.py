"""Record text is rendered once and sanitized last: whatever a submitter writes, in whatever
field, is refused at its exact line, or reaches every built file (pages, feed, JSON, CSV)
without a script, an event handler, a style with url() or a URL of another scheme than http,
https or mailto. The payloads try the order of operations (decode, render, sanitize, render
again), not only markup: entities the sanitizer decodes, attribute lists for a second
Markdown pass, the tokens the engine itself uses, and names that break a page head."""
from __future__ import annotations

import datetime
import html
import json
import re
from html.parser import HTMLParser

import pytest

from site_fixtures import REPO, build, copy_project
from dangerous_content import scan_html, scan_site
from watwerkt.rendering.content_security import PLACEHOLDER
from watwerkt.loading import check_data

LITERAL_MARKDOWN = "Met *sterretjes*, __lage streepjes__ en [haken](https://example.org/x)"
SCRIPT_TARGETS = [
    "javascript:alert(document.domain)", "javascript&#58;alert(1)", "javascript&#x3A;alert(1)", "javascript&colon;alert(1)",
    "javascript&#0000058alert(1)", "&#106;avascript:alert(1)", "&#x6A;&#x61;vascript:alert(1)", "java&#x09;script:alert(1)",
    "java&Tab;script:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "vbscript&#58;msgbox(1)",
    "data&#58;text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "data:image/svg+xml,&lt;svg onload=alert(1)&gt;",
    "//evil.example/x", "&#47;&#47;evil.example",
]
LINK_SHAPES = [
    "[Klik]({t})", "![Plaatje]({t})", "# \\[Klik\\]({t})", "## [Klik]({t})", "> [Klik]({t})", "- [Klik]({t})",
    "[Klik][r]\n\n[r]: {t}", "<{t}>", "| a |\n|---|\n| [Klik]({t}) |", "[Klik]({t} \"titel\")",
]
ORDER_OF_OPERATIONS = [
    "# Kop {: onmouseover=alert(1) }", "Tekst {: onclick=alert(1) }", "- punt {: onmouseover=alert(1) }",
    "[link](https://example.org){: onclick=alert(1) }", "![x](https://example.org/x.png){: onerror=alert(1) }",
    "# Kop {: style=\"background:url(javascript:alert(1))\" }", "Tekst {: style=\"width:expression(alert(1))\" }",
    "# Kop {: #__config }", "Tekst {: .md-search__form }", "## Kop {#md-content}",
    "&lt;img src=x onerror=alert(1)&gt;", "&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;",
    "&#60;svg onload=alert(1)&#62;", "&#x3C;script&#x3E;alert(1)&#x3C;/script&#x3E;", "\\<img src=x onerror=alert(1)\\>",
    "# &lt;img src=x onerror=alert(1)&gt;", "`&lt;script&gt;` en &lt;b onclick=alert(1)&gt;", "*&lt;a href=javascript:x&gt;*",
    "!!! danger \"Let op\"\n    &lt;img src=x onerror=alert(1)&gt;", "[TOC]", "<!--watwerkt-html:0-->", "&lt;!--watwerkt-html:0--&gt;",
    "watwerkt-html:0", PLACEHOLDER, f'content="{PLACEHOLDER}"', "{{ config }}", "{% include 'base.html' %}",
    "{{ ''.__class__.__mro__ }}", "{# geheim #}", "</div></article><script>alert(1)</script>", "]]><x>",
    "&#0; &#xFFFE; &#xD800;", "Tekst met \u2028 scheiding", "Emoji \U0001F600 en \u00e9\u00eb", "\\u003cscript\\u003e",
]
HEAD_BREAKERS = [
    "</title><script>alert(1)</script>", "\" onmouseover=\"alert(1)", "&quot; onmouseover=&quot;alert(1)",
    "</script><script>alert(1)</script>", "Project \U0001F600 met emoji", "Naam: met dubbele punt", "title: nep\njson_ld: x",
    "---", "Naam # met hekje", "'enkele' en \"dubbele\" aanhalingstekens", "&amp; &lt; &gt;", "\\u2028 in JSON",
    "{\"@type\": \"Person\"}", "Ⅸ ﬁ ｆｕｌｌ", "0;url=javascript:alert(1)", LITERAL_MARKDOWN,
]
PAYLOADS = [shape.format(t=target) for shape in LINK_SHAPES for target in SCRIPT_TARGETS[:12]] + ORDER_OF_OPERATIONS + HEAD_BREAKERS
# Where a payload goes: the field as problem lines name it, and how it is written in a record.
FIELDS = [
    "naam", "samenvatting", "beschrijving", "geleerd", "doelen[0]", "resultaten[0].omschrijving", "resultaten[0].bron.titel",
    "bronnen[0].titel", "gebied_toelichting",
]
TODAY = datetime.date.today().isoformat()


def test_the_corpus_covers_the_order_of_operations():
    assert len(set(PAYLOADS)) >= 150
    assert all(any(target in payload for payload in PAYLOADS) for target in SCRIPT_TARGETS[:12])


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar holding `text` exactly (JSON's escapes are YAML's too)."""
    return json.dumps(text, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def hostile_record(record_id: str, field: str, payload: str) -> tuple[str, int]:
    """A project whose `field` holds `payload` (the rest is plain), and the line of that field
    counted from the record's first line (1)."""
    value = {name: None for name in FIELDS}
    value[field] = _quoted(payload)
    lines = [
        f"- id: {record_id}",
        f"  naam: {value['naam'] or 'Proef ' + record_id}",
        "  organisatie: Stichting Proef",
        f"  samenvatting: {value['samenvatting'] or 'Een proef.'}",
        f"  beschrijving: {value['beschrijving'] or 'Een proef.'}",
        "  status: lopend",
        "  gemeenten: [GM0047]",
        "  themas: [schulden]",
        "  doelgroepen: [inwoners-in-armoede]",
        f"  doelen: [{value['doelen[0]'] or 'Proef.'}]",
        "  resultaten:",
        f"    - omschrijving: {value['resultaten[0].omschrijving'] or 'Deelnemers'}",
        "      aantal: 3",
        "      peildatum: 2025",
        "      bron:",
        f"        titel: {value['resultaten[0].bron.titel'] or 'Jaarverslag'}",
        "        organisatie: Stichting Proef",
        "        url: https://example.org/jaarverslag",
        f"  geleerd: {value['geleerd'] or 'Niets.'}",
        f"  gebied_toelichting: {value['gebied_toelichting'] or 'De stad.'}",
        "  bronnen:",
        f"    - titel: {value['bronnen[0].titel'] or 'Verslag'}",
        "      organisatie: Stichting Proef",
        "      url: https://example.org/verslag",
        "  contact: {website: 'https://example.org'}",
        f"  toegevoegd: {TODAY}",
        f"  laatst_gecontroleerd: {TODAY}",
    ]
    key = {
        "doelen[0]": "  doelen:", "resultaten[0].omschrijving": "    - omschrijving:", "resultaten[0].bron.titel": "        titel:",
        "bronnen[0].titel": "    - titel:",
    }.get(field, f"  {field}:")
    line = 1 + next(number for number, text in enumerate(lines) if text.startswith(key) or text.startswith(f"- {field}:"))
    return "\n".join(lines) + "\n", line


class _Head(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.meta: dict[str, str] = {}
        self.json_ld: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "title":
            self._in = "title"
        if tag == "meta" and (attributes.get("property") or attributes.get("name")):
            self.meta[attributes.get("property") or attributes["name"]] = attributes.get("content") or ""
        if tag == "script" and attributes.get("type") == "application/ld+json":
            self._in = "json_ld"
            self.json_ld.append("")

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        elif self._in == "json_ld":
            self.json_ld[-1] += data


def read_head(page_html: str) -> _Head:
    head = _Head()
    head.feed(page_html[: page_html.index("</head>")])
    return head


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    """Every payload in every field: checked together, then the accepted ones built, and the
    same records with plain text built beside them as the baseline."""
    folder = tmp_path_factory.mktemp("hostile")
    project = copy_project(folder / "project")
    projects_file = project / "data" / "projects.yaml"
    original = projects_file.read_text(encoding="utf-8").rstrip("\n") + "\n"
    text, placed = original, []
    for number, payload in enumerate(PAYLOADS):
        for field in FIELDS:
            record_id = f"aanval-{number}-{FIELDS.index(field)}"
            record, line = hostile_record(record_id, field, payload)
            placed.append((record_id, field, payload, text.count("\n") + line, record))
            text += record
    projects_file.write_text(text, encoding="utf-8")
    _, problems = check_data(project / "data", relative_to=project)
    errors = [problem for problem in problems if not problem.warning]
    refused = {problem.record for problem in errors}
    accepted = [entry for entry in placed if entry[0] not in refused]
    sites = {}
    for kind, records in (
        ("hostile", [entry[4] for entry in accepted]),
        ("baseline", [hostile_record(record_id, field, "Gewone tekst")[0] for record_id, field, *_ in accepted]),
    ):
        projects_file.write_text(original + "".join(records), encoding="utf-8")
        result = build(project, folder / kind)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        sites[kind] = folder / kind
    return {"placed": placed, "errors": errors, "accepted": accepted, "site": sites["hostile"], "baseline": sites["baseline"]}


def test_every_refusal_names_the_file_line_record_and_field_of_the_payload(hostile_build):
    where = {record_id: (field, line) for record_id, field, _, line, _ in hostile_build["placed"]}
    assert hostile_build["errors"], "no payload was refused: the check lets markup through"
    for problem in hostile_build["errors"]:
        field, line = where[problem.record]
        assert (problem.file, problem.line, problem.field) == ("data/projects.yaml", line, field), str(problem)
        assert re.fullmatch(rf"data/projects\.yaml:{line}: {problem.record}: {re.escape(field)}: \S.*", str(problem)), str(problem)


def test_nothing_an_accepted_payload_puts_anywhere_in_the_site_can_run(hostile_build):
    assert len(hostile_build["accepted"]) > 100, "too few payloads reached the site to prove anything"
    baseline = scan_site(hostile_build["baseline"])
    new = {finding: path for finding, path in scan_site(hostile_build["site"]).items() if finding not in baseline}
    assert new == {}


def test_every_accepted_name_keeps_its_page_head(hostile_build):
    for record_id, field, payload, _, _ in hostile_build["accepted"]:
        page_html = (hostile_build["site"] / "projectenbank" / record_id / "index.html").read_text(encoding="utf-8")
        head = read_head(page_html)
        name = payload if field == "naam" else f"Proef {record_id}"
        shown = " ".join(name.split())
        assert head.title.startswith(shown + " - ") or head.title.startswith(name + " - "), (payload, head.title)
        assert head.meta["og:title"] in (name, shown), payload
        (json_ld,) = head.json_ld
        assert json.loads(json_ld)["name"] == name, payload


def test_the_feed_stays_xml_and_holds_the_hostile_names(hostile_build):
    from xml.etree import ElementTree

    feed = ElementTree.parse(hostile_build["site"] / "projectenbank" / "feed.xml")
    titles = {entry.text for entry in feed.iter("{http://www.w3.org/2005/Atom}title")}
    accepted_names = {payload for _, field, payload, _, _ in hostile_build["accepted"] if field == "naam"}
    assert any(name in titles for name in accepted_names)


@pytest.fixture(scope="module")
def renderer():
    from watwerkt.loading import load_kennisbank
    from watwerkt.rendering import Renderer

    kennisbank = load_kennisbank(REPO / "data", relative_to=REPO)
    return Renderer(kennisbank, today=datetime.date.today())


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_renderer_alone_makes_every_payload_harmless(renderer, payload):
    """Without the check in front of it: each long text of a project and an approach holds
    the payload, and the page body the engine gives MkDocs has nothing that could run."""
    project = next(iter(renderer.kennisbank.projects.values()))
    approach = next(iter(renderer.kennisbank.approaches.values()))
    hostile_project = project.model_copy(update={"beschrijving": payload, "geleerd": payload, "naam": payload, "doelen": [payload]})
    hostile_approach = approach.model_copy(update={"probleem": payload, "doel": payload, "werkzame_elementen": [payload], "naam": payload})
    for kind, record in (("project", hostile_project), ("approach", hostile_approach)):
        page = renderer.record_page(kind, record, site_url="https://example.org/")
        assert scan_html(page.body_html, "projectenbank/x/index.html") == set(), page.body_html
        assert page.title == payload and f'<h1 id="paginatitel">{html.escape(payload, quote=False)}<a class="headerlink"' in page.body_html
        if page.json_ld:
            assert json.loads(page.json_ld)["name"] == payload and "<" not in page.json_ld


def test_markdown_never_reads_a_record_page_again(renderer):
    """The issue's examples: what the sanitizer decoded or left as text stays text in the body
    MkDocs gets, and the adapter puts that body in place of MkDocs' own Markdown output."""
    project = next(iter(renderer.kennisbank.projects.values()))
    bodies = [
        renderer.record_page("project", project.model_copy(update={"beschrijving": example}), site_url="/").body_html
        for example in ["# \\[Klik\\](javascript&#58;alert(document.domain))", "# Kop {: onmouseover=alert(1) }", "&lt;img src=x onerror=alert(1)&gt;"]
    ]
    assert "[Klik](javascript:alert(document.domain))" in html.unescape(bodies[0])
    assert "Kop {: onmouseover=alert(1) }" in html.unescape(bodies[1])
    assert "&lt;img src=x onerror=alert(1)&gt;" in bodies[2]


def test_a_built_record_page_is_the_engines_body_exactly(real_site):
    """MkDocs adds the theme around the body, and nothing inside it."""
    from watwerkt.publishing.site import load_site

    site = load_site(REPO)
    project = site.kennisbank.projects["samen-sterk-oost-groningen"]
    body = site.renderer.record_page("project", project, site_url="http://127.0.0.1:8000/").body_html
    built = (real_site / "projectenbank" / project.id / "index.html").read_text(encoding="utf-8")
    assert body in built


def test_the_scanner_sees_what_a_browser_would_run():
    found = scan_html(
        '<a href=" java\tscript:x">k</a><img src=x onerror=y><p style="background:u\\72l(x)">'
        '<script>alert(1)</script><iframe src="https://x"></iframe><a href="data:text/html,x">d</a>'
    )
    kinds = {(kind, detail.split(" ")[0]) for kind, detail in found}
    assert {("url", "<a"), ("event-handler", "<img"), ("style", "<p"), ("script", "inline"), ("element", "<iframe>")} <= kinds
    assert scan_html('<a href="https://example.org/?q=javascript:x">k</a> javascript:alert(1) &lt;script&gt;') == set()


def test_a_component_shows_record_text_as_written(hostile_build):
    """A summary in the projectenbank's list is text: no Markdown pass makes it emphasis or a link."""
    record_id = next(record_id for record_id, field, payload, *_ in hostile_build["accepted"] if field == "samenvatting" and payload == LITERAL_MARKDOWN)
    bank = hostile_build["site"] / "projectenbank"
    listing = next(page for page in [bank / "index.html", *sorted(bank.glob("pagina/*/index.html"))] if record_id in page.read_text(encoding="utf-8"))
    card = listing.read_text(encoding="utf-8").split(f'projectenbank/{record_id}/"')[1].split("</li>")[0]
    assert "<p data-slot=\"samenvatting\">" + html.escape(LITERAL_MARKDOWN, quote=False) + "</p>" in card.replace("&#x27;", "'"), card
    assert "<em>" not in card and "<strong>" not in card and "example.org/x" not in card.split("[haken](")[0]


def test_a_component_that_markdown_would_mangle_stops_the_build(tmp_path):
    """A component in a code span would reach the page as escaped text: the build says so."""
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "resultaten" / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("{{ resultaten_tabel() }}", "`{{ resultaten_tabel() }}`"), encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 1
    assert "docs/resultaten/index.md: 1 onderdeel/onderdelen kwamen niet heelhuids door Markdown" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_a_hand_written_page_whose_front_matter_does_not_parse_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "over" / "index.md"
    page.write_text("---\ntitle: [kapot\n---\n\n# Over\n", encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 1
    assert "docs/over/index.md: de kop tussen de regels met --- is geen geldige YAML" in result.stdout + result.stderr


def test_a_record_name_never_takes_an_anchor_a_section_or_goal_needs(renderer):
    import dataclasses

    from watwerkt.rendering import Renderer

    kennisbank = renderer.kennisbank
    module, *others = kennisbank.curriculum.modules
    goal = module.leerdoelen[0]
    for name in ("Doel", "Inhoud", "Bronnen", goal.id.replace("-", " ")):
        renamed = module.model_copy(update={"naam": name})
        curriculum = kennisbank.curriculum.model_copy(update={"modules": [renamed, *others]})
        renamed_renderer = Renderer(dataclasses.replace(kennisbank, curriculum=curriculum), today=datetime.date.today())
        page = renamed_renderer.record_page("module", renamed, site_url="/")
        ids = re.findall(r' id="([^"]+)"', page.body_html)
        assert len(ids) == len(set(ids)), (name, ids)
        assert {"doel", "inhoud", "bronnen", goal.id} <= set(ids), (name, ids)
        (title,) = page.toc  # the page title, with the sections below it
        assert title.id == "paginatitel" and [entry.id for entry in title.children][:3] == ["doel", "inhoud", "leerdoelen"], name


def test_engine_headings_and_hand_written_headings_name_their_links_alike():
    """Record pages get their ¶ links from the engine, hand-written pages from MkDocs' toc
    extension: one text for both, declared in Python and configured to match."""
    import yaml

    from watwerkt.rendering import PERMALINK_TEXT

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    toc = next(extension["toc"] for extension in config["markdown_extensions"] if isinstance(extension, dict) and "toc" in extension)
    assert toc["permalink"] == toc["permalink_title"] == PERMALINK_TEXT


def test_the_module_page_anchors_are_exactly_those_goal_ids_may_not_take(renderer):
    from watwerkt.loading import MODULE_PAGE_SECTIONS

    # A module with every section; a module without work forms or projects leaves those out.
    import dataclasses

    from watwerkt.rendering import Renderer

    kennisbank = renderer.kennisbank
    module = next(m for m in kennisbank.curriculum.modules if m.verwante_aanpakken and kennisbank.projects_for_module(m))
    for work_forms, sections in ((["Rollenspel"], MODULE_PAGE_SECTIONS), ([], MODULE_PAGE_SECTIONS - {"werkvormen"})):
        changed = module.model_copy(update={"werkvormen": work_forms})
        modules = [changed if m is module else m for m in kennisbank.curriculum.modules]
        curriculum = kennisbank.curriculum.model_copy(update={"modules": modules})
        page = Renderer(dataclasses.replace(kennisbank, curriculum=curriculum), today=datetime.date.today()).record_page("module", changed, site_url="/")
        (title,) = page.toc
        assert {title.id, *(entry.id for entry in title.children)} == sections


def _headings_by_parser(page_html: str):
    from watwerkt.rendering import _HeadingReader

    reader = _HeadingReader()
    reader.feed(page_html)
    reader.close()
    return reader.entries


HEADING = '<h2 id="{id}">{title}<a class="headerlink" href="#{id}" title="Vaste link naar dit deel">Vaste link naar dit deel</a></h2>'
ODD_HEADINGS = [
    HEADING.format(id="a", title="Samen &amp; sterk"), HEADING.format(id="a", title="a & b"), HEADING.format(id="a", title="a > b"),
    HEADING.format(id="a&amp;b", title="x"), HEADING.format(id="", title="x"), HEADING.format(id="a", title="  veel \n ruimte "),
    "<!--" + HEADING.format(id="a", title="x") + "-->", "<script>" + HEADING.format(id="a", title="x") + "</script>",
    "<h3 id='b'>open " + HEADING.format(id="a", title="x") + "</h3>", HEADING.format(id="a", title="headerlink"),
    HEADING.format(id="a", title="x").upper(), HEADING.format(id="a", title="x") + HEADING.format(id="a", title="y"),
    '<h2 id="a">x<a class="headerlink" href="#b" title="Vaste link naar dit deel">Vaste link naar dit deel</a></h2>',
    "<h2>zonder id</h2><p>geen headerlink</p>", "<textarea>" + HEADING.format(id="a", title="x") + "</textarea>",
    '<script src="x.js"></script>' + HEADING.format(id="a", title="x"), "<SCRIPT>" + HEADING.format(id="a", title="x") + "</SCRIPT>",
    '<script data-x="a>b"></script>' + HEADING.format(id="a", title="x"), "<style></style>" + HEADING.format(id="a", title="x"),
    "<style>p {}</style>" + HEADING.format(id="a", title="x"), "<script>a = 1</script ><style></style>",
    "<?x " + HEADING.format(id="a", title="x"), "<!x " + HEADING.format(id="a", title="x"), "</ x " + HEADING.format(id="a", title="x"),
    "<img alt='" + HEADING.format(id="a", title="x") + "'>",
]


@pytest.mark.parametrize("page_html", ODD_HEADINGS)
def test_the_quick_reading_of_headings_finds_the_parsers_or_leaves_it_to_the_parser(page_html):
    from watwerkt.rendering import _headings_as_made

    quick = _headings_as_made(page_html)
    assert quick is None or quick == _headings_by_parser(page_html)


def test_the_quick_reading_of_headings_reads_every_engine_page_as_the_parser_does(renderer):
    from watwerkt.components import COMPONENTS
    from watwerkt.rendering import _headings_as_made

    pages = [page.body_html for page in renderer.record_pages(site_url="/")]
    pages += [renderer.component(name, page_url="/x/", site_url="/") for name in COMPONENTS]
    quick = [_headings_as_made(page) for page in pages]
    assert sum(found is not None for found in quick) > len(pages) * 0.9  # the quick way, for nearly all
    assert [found for found, page in zip(quick, pages) if found is not None and found != _headings_by_parser(page)] == []
