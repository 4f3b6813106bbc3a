"""The first use of a begrip on a record page links to its entry on /begrippen/: only in
running text (never inside a link, a heading, an attribute or a quoted title), every other
character as it was, and no record text can make it write anything else."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest

from dangerous_content import scan_html
from site_fixtures import REPO
from site_pages import read_page
from test_render_once import PAYLOADS
from watwerkt.model import Term
from watwerkt.rendering import sanitized_markdown
from watwerkt.rendering.term_links import TermLinker

TERMS = [
    Term(id="ervaringsdeskundige", term="Ervaringsdeskundige", vormen=["ervaringsdeskundigen"], uitleg="Iemand die armoede kent."),
    Term(id="sociale-uitsluiting", term="Sociale uitsluiting", uitleg="Niet mee kunnen doen."),
    Term(id="mbo", term="mbo", uitleg="Een opleiding."),
]
LINK = re.compile(r'<a class="ww-begrip" href="[^"]*">([^<]*)</a>')


def linked(page_html: str, root: str = "../../") -> str:
    return TermLinker(TERMS, names=["Ervaringsdeskundigen in de wijk"]).link_first_uses(page_html, root=root)


def without_links(page_html: str) -> str:
    return LINK.sub(r"\1", page_html)


def test_the_first_use_of_each_begrip_becomes_a_link_to_its_anchor():
    page = "<p>Twee ervaringsdeskundigen. Een Ervaringsdeskundige helpt.</p><p>Over sociale\nuitsluiting en het MBO.</p>"
    result = linked(page)
    assert LINK.findall(result) == ["ervaringsdeskundigen", "sociale\nuitsluiting", "MBO"]
    assert '<a class="ww-begrip" href="../../begrippen/#ervaringsdeskundige">ervaringsdeskundigen</a>' in result
    assert 'href="../../begrippen/#sociale-uitsluiting"' in result and 'href="../../begrippen/#mbo"' in result
    assert without_links(result) == page


@pytest.mark.parametrize(
    "page",
    [
        "<h2 id='x'>Ervaringsdeskundige</h2>",
        '<a href="https://example.org">een ervaringsdeskundige</a>',
        "<a href='https://example.org'><strong>de ervaringsdeskundige</strong></a>",
        '<p><a href="https://example.org/?q=x>ervaringsdeskundige">link</a></p>',  # ">" in an attribute
        '<p title="ervaringsdeskundige">tekst</p>',
        "<p><cite>Ervaringsdeskundige in de wijk</cite></p>",
        "<p class='admonition-title'>Ervaringsdeskundige</p>",
        "<script>var t = 'ervaringsdeskundige';</script>",
        "<p>ervaringsdeskundigeschap, zelf-ervaringsdeskundige, ervaringsdeskundige-achtig, mbo- en hbo-scholen</p>",  # not a whole word
        "<p>ervaringsdeskundig&shy;e en ervaringsdes&#107;undige</p>",  # a reference splits the word
        "<table><caption>Ervaringsdeskundige</caption></table>",
    ],
)
def test_no_link_inside_links_headings_attributes_titles_or_parts_of_words(page):
    assert linked(page) == page


def test_a_begrip_inside_a_name_is_part_of_the_name():
    page = "<p>Bij Ervaringsdeskundigen in de wijk werkt een ervaringsdeskundige.</p>"
    assert LINK.findall(linked(page)) == ["ervaringsdeskundige"]


def test_text_after_a_closed_heading_or_link_is_running_text_again():
    page = "<h2>Ervaringsdeskundige</h2><p><a href='x'>mbo</a> en mbo, ervaringsdeskundige</p>"
    result = linked(page)
    assert LINK.findall(result) == ["mbo", "ervaringsdeskundige"]
    assert result.startswith("<h2>Ervaringsdeskundige</h2><p><a href='x'>mbo</a> en <a class=\"ww-begrip\"")


def test_an_id_that_is_no_plain_slug_is_refused():
    with pytest.raises(ValueError):
        TermLinker([Term.model_construct(id='x" onclick="alert(1)', term="Woord", vormen=[], uitleg="Uitleg.")])


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_text_around_a_begrip_stays_harmless(payload):
    """Record text as the engine renders it (Markdown, then the sanitizer), with a begrip in
    and around the payload: the link step adds nothing that could run and changes no other text."""
    for text in (f"{payload} ervaringsdeskundige", f"ervaringsdeskundige {payload}", payload.replace("Klik", "ervaringsdeskundige")):
        page = f"<div>{sanitized_markdown(text)}</div>"
        result = linked(page)
        assert scan_html(result, "projectenbank/x/index.html") == scan_html(page, "projectenbank/x/index.html") == set()
        assert without_links(result) == page
        assert all(re.fullmatch(r"[^<>&\"]+", word) for word in LINK.findall(result))


def test_leaving_out_names_that_cannot_matter_changes_no_link(monkeypatch):
    """Names whose words start no begrip (or no name that matters) are left out of the linker:
    on random texts from few words, with names that overlap each other and the begrippen, the
    links are those of a linker that keeps every name."""
    import random

    from watwerkt.rendering import term_links

    rng = random.Random(15)
    vocabulary = ["armoede", "sociale", "uitsluiting", "stad", "huis", "kind", "sterk", "uit", "mbo", "ervaringsdeskundige", "de"]
    terms = [*TERMS, Term(id="armoede", term="Armoede", uitleg="Te weinig geld."), Term(id="sterk-huis", term="Sterk huis", uitleg="Een begrip van twee woorden.")]
    left_out = 0
    for _ in range(400):
        names = [" ".join(rng.choices(vocabulary, k=rng.randint(1, 3))) for _ in range(rng.randint(1, 6))]
        text = "<p>" + " ".join(rng.choices(vocabulary, k=rng.randint(3, 14))) + "</p>"
        pruned = TermLinker(terms, names=names)
        with monkeypatch.context() as patch:
            patch.setattr(term_links, "_names_that_matter", lambda candidates, names: [term_links._folded(name) for name in names])
            every_name = TermLinker(terms, names=names)
        left_out += pruned.signature != every_name.signature
        assert pruned.link_first_uses(text, root="../") == every_name.link_first_uses(text, root="../"), (names, text)
    assert left_out > 50  # the test did leave names out


def test_a_name_that_cannot_matter_leaves_the_signature_as_it_was():
    before = TermLinker(TERMS, names=["Huis en tuin 7", "Sociale kaart"])
    assert TermLinker(TERMS, names=["Nieuwe naam 3", "Sociale kaart"]).signature == before.signature
    assert TermLinker(TERMS, names=["Huis en tuin 7"]).signature != before.signature  # "sociale" starts a begrip


# The quick reading of the engine's markup answers as the HTML parser does, or leaves it to the
# parser: on hostile record text as rendered, on odd markup and on every record page.
ODD_MARKUP = [
    '<p title="a>b">x</p>', "<p title='a > b'>x</p>", "<p>a < b</p>", "<p>a &amp; b &#39;c&#39; &copy d</p>",
    '<a href="x">in</a> uit', "<div><p>open <b>vet</div> na", "<br/>tekst<hr>meer", "<!-- <p> -->na",
    '<span class="headerlink x">¶</span>ervaringsdeskundige', '<p class="admonition-title" class="x">a</p>b',
    "<script>var a = '<p>';</script>na", '<script src="x.js"></script>na', "<style>p{}</style>na",
    "<template><p>sjabloon</p></template>na", "<P CLASS='ADMONITION-TITLE'>a</P>b", "<p\ttitle=x>a</p>",
    "</p>los", "<p>einde zonder sluiten", '<p data-x="&quot;">"</p>', "<svg><text>a</text></svg>b",
    "<!-- a -- > <a href=x> -->tekst</a> na", "<!-- a --!> <a href=x> -->tekst</a>", "a&#xZZ;b &#x41;c &#65;d",
    "<my-el class='admonition-title'>a</my-el>b",
    '<p title="x class=admonition-title">ervaringsdeskundige</p>', "<p\xa0class='admonition-title'>ervaringsdeskundige</p>",
    "<span class=headerlink\xa0x>ervaringsdeskundige</span>",
]


@pytest.mark.parametrize("page", ODD_MARKUP + [f"<div>{sanitized_markdown(payload)}</div>" for payload in PAYLOADS])
def test_the_quick_reading_finds_the_parsers_runs_or_leaves_it_to_the_parser(page):
    from watwerkt.rendering.term_links import _runs_by_parser, _runs_of_plain_markup

    quick = _runs_of_plain_markup(page)
    assert quick is None or quick == _runs_by_parser(page)


def test_the_quick_reading_reads_every_record_page():
    from watwerkt.publishing.site import load_site
    from watwerkt.rendering.term_links import _runs_by_parser, _runs_of_plain_markup

    pages = load_site(REPO).renderer.record_pages(site_url="https://example.org/")
    assert len(pages) > 50
    for page in pages:
        assert _runs_of_plain_markup(page.body_html) == _runs_by_parser(page.body_html), page.src_uri


# --- on the built site ---------------------------------------------------------------------


def test_record_pages_link_begrippen_once_in_running_text_only(real_site):
    from watwerkt.publishing.site import load_site

    terms = load_site(REPO).kennisbank.terms
    anchors = read_page(real_site / "begrippen" / "index.html").ids
    assert set(terms) <= anchors  # every begrip has its own anchor on /begrippen/
    pages = [*(real_site / "aanpakken").glob("*/index.html"), *(real_site / "projectenbank").glob("*/index.html"), *(real_site / "gemeenten").glob("*/index.html")]
    assert len(pages) > 20
    found = set()
    for page in pages:
        article = page.read_text(encoding="utf-8").split("<article", 1)[1].split("</article>", 1)[0]
        hrefs = re.findall(r'<a class="ww-begrip" href="(?:\.\./)+begrippen/#([a-z0-9-]+)"', article)
        assert len(hrefs) == len(set(hrefs)), f"{page}: a begrip linked twice"
        assert set(hrefs) <= set(terms), page
        found |= set(hrefs)
        for heading in re.findall(r"<h([1-6])\b.*?</h\1>", article, re.DOTALL):
            assert "ww-begrip" not in heading
        # never a link inside a link: between an <a and its </a> no other <a
        for link in re.findall(r"<a\b[^>]*>(.*?)</a>", article, re.DOTALL):
            assert "<a" not in link, f"{page}: a link inside a link"
    assert {"ervaringsdeskundige", "werkzame-elementen", "peildatum", "cbs-code"} <= found


def test_the_approach_page_links_werkzame_elementen_below_its_heading(real_site):
    article = (real_site / "aanpakken" / "mobility-mentoring" / "index.html").read_text(encoding="utf-8")
    heading = article.index('id="werkzame-elementen"')
    link = article.index('href="../../begrippen/#werkzame-elementen"')
    assert link > heading and "</h2>" in article[heading:link]


# --- hand-written pages --------------------------------------------------------------------

# Every hand-written page (docs/), by its address; /begrippen/ itself is the list the links point to.
HAND_WRITTEN_PAGES = sorted(
    "" if path.as_posix() == "index.md" else (path.parent.as_posix() if path.name == "index.md" else path.with_suffix("").as_posix()) + "/"
    for path in (p.relative_to(REPO / "docs") for p in (REPO / "docs").rglob("*.md"))
    if path.as_posix() != "begrippen/index.md"
)


class _FirstUses(HTMLParser):
    """For each begrip: whether its first use in a page's own prose (outside the engine's
    components, headings and other links) stands inside a link to its entry on /begrippen/."""

    def __init__(self, linker: TermLinker):
        super().__init__()
        self.linker = linker
        self.first: dict[str, bool] = {}
        self._open: list[tuple[str, str | None, bool]] = []  # tag, the begrip it links to, whether text is left out

    def handle_starttag(self, tag, attrs):
        if tag in {"br", "img", "input", "meta", "link", "hr", "wbr", "source"}:
            return
        attributes = dict(attrs)
        begrip = re.fullmatch(r"(?:\.\./)*begrippen/(?:index\.html)?#([a-z0-9-]+)", attributes.get("href") or "") if tag == "a" else None
        classes = set((attributes.get("class") or "").split())
        left_out = (
            re.fullmatch(r"h[1-6]|script|style|code|pre|cite|button|label|nav", tag) is not None
            or (tag == "a" and not begrip) or bool(classes & {"ww-motor", "headerlink", "admonition-title"})
            or bool(self._open and self._open[-1][2])
        )
        inherited = self._open[-1][1] if self._open else None
        self._open.append((tag, begrip.group(1) if begrip else inherited, left_out))

    def handle_endtag(self, tag):
        if any(open_tag == tag for open_tag, _, _ in self._open):
            while self._open.pop()[0] != tag:
                pass

    def handle_data(self, data):
        linked_to, left_out = (self._open[-1][1], self._open[-1][2]) if self._open else (None, False)
        if left_out:
            return
        for _, _, term_id in self.linker.uses(data):
            self.first.setdefault(term_id, linked_to == term_id)


@pytest.mark.parametrize("page", HAND_WRITTEN_PAGES)
def test_a_hand_written_page_links_the_first_use_of_each_begrip(real_site, page):
    from watwerkt.publishing.site import load_site

    from watwerkt.publishing.staging import site_config

    kennisbank = load_site(REPO).kennisbank
    names = [*kennisbank.known_terms(), site_config(REPO)["site_name"]]  # "armoede" in the site's name is part of a name
    reader = _FirstUses(TermLinker(kennisbank.terms.values(), names=names))
    reader.feed((real_site / page / "index.html").read_text(encoding="utf-8").split("<article", 1)[1].split("</article>", 1)[0])
    assert [term_id for term_id, linked in reader.first.items() if not linked] == [], f"/{page}: link these on first use"


def test_the_first_use_reader_sees_a_missing_and_a_misplaced_link():
    reader = _FirstUses(TermLinker(TERMS))
    reader.feed('<h2>mbo</h2><p>Het mbo en <a href="../begrippen/#mbo">mbo</a>; <a href="../begrippen/#mbo">ervaringsdeskundigen</a></p>'
                '<div class="ww-motor"><p>sociale uitsluiting</p></div>')
    assert reader.first == {"mbo": False, "ervaringsdeskundige": False}


def test_each_begrip_has_one_anchor_on_the_begrippen_page_where_the_links_point(real_site):
    from watwerkt.publishing.site import load_site
    from watwerkt.rendering.term_links import GLOSSARY_PAGE

    page = (real_site / GLOSSARY_PAGE / "index.html").read_text(encoding="utf-8")
    for term in load_site(REPO).kennisbank.terms.values():
        assert page.count(f'id="{term.id}"') == 1, f"/begrippen/#{term.id} is not one anchor"
        assert f'<dt id="{term.id}">{html.escape(term.term, quote=False)}</dt>' in page


def test_a_begrip_of_two_words_spans_spaces_only_and_none_is_found_inside_an_address():
    from watwerkt.model import Term

    linker = TermLinker([Term(id="sociale-uitsluiting", term="Sociale uitsluiting", uitleg="x"), Term(id="bijstand", term="Bijstand", uitleg="x")])
    assert list(linker.uses("sociale. Uitsluiting")) == []
    assert [use[2] for use in linker.uses("sociale\nuitsluiting")] == ["sociale-uitsluiting"]
    assert list(linker.uses("mail info@bijstand.nl of kijk op https://x.nl/bijstand en www.bijstand.nl")) == []
    assert [use[2] for use in linker.uses("wie bijstand krijgt")] == ["bijstand"]
