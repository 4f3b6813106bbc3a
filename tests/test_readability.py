"""Plain language: every page and every summary gets a Flesch-Douma score, and a summary
harder than taalniveau B1 gets a warning that names its file, line, record and field."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from site_fixtures import build, copy_project, replace_in
from site_pages import read_page
from watwerkt.readability import B1_MINIMUM, EXEMPTION_KEY, PageReadability, Readability, Scorer, hand_written_pages, prose, readability_log, syllables
from watwerkt.loading import check_data

HARD = "Ervaringsdeskundigheidsbevorderingsprogrammatuur institutionaliseert intergenerationele armoedeproblematiek."


@pytest.mark.parametrize(
    "word, expected",
    [("kat", 1), ("armoede", 3), ("kinderen", 3), ("ervaringsdeskundige", 7), ("financiële", 5), ("bijstand", 2),
     ("uitsluiting", 3), ("Veenkoloniën", 5), ("eeuw", 1), ("groei", 1), ("koeien", 2), ("situatie", 4),
     ("financieel", 4), ("theater", 3), ("geopend", 3), ("beoordeling", 4), ("bijeen", 2), ("geautomatiseerd", 6),
     ("geïnteresseerd", 5), ("organisatie", 5), ("vrijwilliger", 4),
     ("financie\u0308le", 5)],  # the diaeresis as a separate mark, as some keyboards type it
)
def test_dutch_syllables(word, expected):
    assert syllables(word) == expected


def test_the_flesch_douma_formula():
    easy = Scorer().score("De kat zit op de mat. Hij slaapt.")
    assert (easy.words, easy.sentences, easy.syllables) == (8, 2, 8)
    assert easy.score == pytest.approx(206.84 - 0.93 * 4 - 77 * 1)
    hard = Scorer().score("Ervaringsdeskundigen werken.")
    assert hard.score == pytest.approx(206.84 - 0.93 * 2 - 77 * 9 / 2)
    assert not hard.is_b1 and easy.is_b1


def test_known_terms_count_as_one_short_word():
    scorer = Scorer(["ervaringsdeskundigen", "Sterk uit Armoede"])
    text = scorer.score("Ervaringsdeskundigen werken bij Sterk uit Armoede.")
    assert (text.words, text.syllables) == (4, 2 + 2 + 1 + 2)


def test_sentences_end_at_a_full_stop_before_a_capital_or_at_the_end_of_a_block():
    html = "<p>Dit is bijv. een zin die\nover twee regels loopt. Dit is zin twee: met een dubbele punt.</p><ul><li>Een punt</li></ul>"
    assert Scorer().score(prose(html)).sentences == 3


def test_prose_leaves_out_tables_code_and_heading_links():
    html = (
        '<h2 id="a">Titel<a class="headerlink" href="#a">Vaste link naar dit deel</a></h2>'
        "<p>Een zin zonder punt</p><ul><li>Punt een</li><li>Punt twee</li></ul>"
        "<table><tr><td>Provinciehuisafdelingscoördinator</td></tr></table><pre><code>x = 1</code></pre>"
    )
    lines = [line for line in prose(html).splitlines() if line.strip()]
    assert lines == ["Titel", "Een zin zonder punt", "Punt een", "Punt twee"]
    assert Scorer().score(prose(html)).sentences == 4


def test_prose_leaves_out_facts_source_titles_and_addresses():
    html = (
        '<dl class="ww-feiten"><dt>Organisatie</dt><dd>Maatschappelijke Dienstverleningsorganisatie</dd></dl>'
        '<p>Bron: <a href="https://example.org/a"><cite>Armoedebestrijdingsbeleidsevaluatie</cite></a>, De Krant.</p>'
        "<p>Website: https://www.voorbeeld-organisatie.nl/projecten/armoedebestrijding of mail info@armoedebestrijding.nl.</p>"
        '<dl class="ww-begrippen"><dt id="maatwerk">Maatwerk</dt><dd>Hulp die past.</dd></dl>'
    )
    lines = [line.strip() for line in prose(html).splitlines() if line.strip()]
    assert lines == ["Bron: , De Krant.", "Website: of mail .", "Maatwerk", "Hulp die past."]


def test_a_summary_harder_than_b1_is_a_warning_with_its_place(data_dir):
    replace_in(data_dir / "projects.yaml", "  samenvatting: Een project om mee te testen.", f"  samenvatting: {HARD}")
    kennisbank, problems = check_data(data_dir, relative_to=data_dir.parent)
    assert kennisbank is not None  # a warning, not an error
    [problem] = problems
    assert problem.warning
    assert str(problem).startswith(
        "data/projects.yaml:4: eerste-project: samenvatting: waarschuwing: moeilijker dan taalniveau B1 (Flesch-Douma -"
    )
    assert f"B1 vanaf {B1_MINIMUM}" in problem.message and "data/begrippen.yaml" in problem.message


def test_an_explained_term_does_not_make_a_summary_hard(data_dir):
    summary = "Elke ervaringsdeskundige in de groep helpt mee."
    replace_in(data_dir / "projects.yaml", "  samenvatting: Een project om mee te testen.", f"  samenvatting: {summary}")
    (data_dir / "begrippen.yaml").write_text("[]\n", encoding="utf-8")
    _, problems = check_data(data_dir, relative_to=data_dir.parent)
    assert [problem.field for problem in problems] == ["samenvatting"]
    replace_in(data_dir / "begrippen.yaml", "[]", "- id: ervaringsdeskundige\n  term: ervaringsdeskundige\n  uitleg: Iemand die armoede kent.")
    assert check_data(data_dir, relative_to=data_dir.parent)[1] == []


@pytest.fixture(scope="module")
def hard_build(tmp_path_factory):
    """The real site with one hard summary and one hard page."""
    project = copy_project(tmp_path_factory.mktemp("leesbaarheid") / "project")
    replace_in(project / "data" / "projects.yaml", "samenvatting: Welzijnswerk Midden Drenthe biedt maatwerk aan inwoners in armoede.", f"samenvatting: {HARD}")
    over = project / "docs" / "over" / "index.md"
    over.write_text(over.read_text(encoding="utf-8") + f"\n\n{HARD} {HARD}\n", encoding="utf-8")
    replace_in(project / "docs" / "kloven.md", "\n---\n", f"\n{EXEMPTION_KEY}: Deze test maakt de pagina moeilijk.\n---\n\n{' '.join([HARD] * 40)}\n")
    site = project / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr  # warnings never stop a build
    return site, result.stdout + result.stderr


def test_the_build_warns_about_the_hard_summary(hard_build):
    _, log = hard_build
    line = next(line for line in log.splitlines() if "samenvatting: waarschuwing" in line)
    assert "data/projects.yaml:" in line and "welzijn" in line and "moeilijker dan taalniveau B1" in line


def report_rows(site: Path) -> list[dict[str, str]]:
    with (site / "leesbaarheid.csv").open(encoding="utf-8") as report:
        return list(csv.DictReader(report, delimiter=";"))


def test_the_build_reports_every_page_hardest_first(hard_build, real_site):
    site, log = hard_build
    rows = report_rows(site)
    pages = {row["pagina"] for row in rows}
    for html in site.rglob("index.html"):
        if read_page(html).h1:
            path = "/" + html.parent.relative_to(site).as_posix().removeprefix(".") + ("/" if html.parent != site else "")
            assert path.replace("//", "/") in pages
    scores = [int(row["flesch_douma"]) for row in rows]
    assert scores == sorted(scores)
    assert all((row["b1"] == "ja") == (int(row["flesch_douma"]) >= B1_MINIMUM) for row in rows)
    score_of = lambda rows, page: next(int(row["flesch_douma"]) for row in rows if row["pagina"] == page)  # noqa: E731
    assert score_of(rows, "/over/") < score_of(report_rows(real_site), "/over/") - 5  # the page made hard on purpose
    summary = next(line for line in log.splitlines() if "Leesbaarheid (Flesch-Douma" in line)
    assert f"het moeilijkst: {rows[0]['pagina']} {rows[0]['flesch_douma']}, " in summary
    assert f"{len(rows)} pagina's" in summary


def test_the_begrippen_page_explains_each_term(real_site):
    page = read_page(real_site / "begrippen" / "index.html")
    assert {"ervaringsdeskundige", "generatiearmoede", "professional"} <= page.ids
    assert "Iemand die armoede zelf heeft meegemaakt" in page.text


def test_the_build_log_says_why_a_page_is_below_b1_or_warns(hard_build):
    site, log = hard_build
    lines = log.splitlines()
    kloven = next(row for row in report_rows(site) if row["pagina"] == "/kloven/")
    assert f"Leesbaarheid: /kloven/ scoort {kloven['flesch_douma']}: Deze test maakt de pagina moeilijk." in lines
    assert kloven["reden"] == "Deze test maakt de pagina moeilijk."
    [warning] = [line for line in lines if line.startswith("Leesbaarheid: waarschuwing: /over/ scoort ")]
    assert "onder B1 zonder reden" in warning and "docs/over/index.md" in warning and EXEMPTION_KEY in warning
    below = [row["pagina"] for row in report_rows(site) if row["b1"] == "nee"]
    assert all(any(line.startswith(f"Leesbaarheid: {page} scoort") or line.startswith(f"Leesbaarheid: waarschuwing: {page} scoort") for line in lines) for page in below)


def _page(path: str, score_words: int, syllables: int) -> PageReadability:
    return PageReadability(path, Readability(words=score_words, sentences=score_words // 10 or 1, syllables=syllables))


def test_the_log_lines_for_reasons_warnings_and_reasons_no_longer_needed(tmp_path):
    docs = tmp_path / "docs"
    (docs / "lijst").mkdir(parents=True)
    (docs / "lijst" / "index.md").write_text(f"---\ntitle: Lijst\n{EXEMPTION_KEY}: Een lijst van namen.\n---\n# Lijst\n", encoding="utf-8")
    (docs / "los.md").write_text(f"---\n{EXEMPTION_KEY}: Niet meer nodig.\n---\n# Los\n", encoding="utf-8")
    (docs / "leeg.md").write_text(f"---\n{EXEMPTION_KEY}: '  '\n---\n# Leeg\n", encoding="utf-8")
    (docs / "index.md").write_text("# Thuis\n", encoding="utf-8")
    hand_written = hand_written_pages(docs)
    assert set(hand_written) == {"", "lijst/", "los/", "leeg/"}
    assert hand_written["lijst/"].source == "docs/lijst/index.md" and hand_written["lijst/"].reason == "Een lijst van namen."
    assert hand_written["leeg/"].reason is None  # an empty reason is no reason
    hard, easy = 200, 100  # syllables in 100 words
    pages = [_page("lijst/", 100, hard), _page("leeg/", 100, hard), _page("los/", 100, easy), _page("aanpakken/x/", 100, hard), _page("", 100, easy)]
    summary, *lines = readability_log(pages, hand_written)
    assert "3 onder B1 (2 zonder reden)" in summary
    assert "waarschuwing: /aanpakken/x/ scoort" in lines[0] and "data/" in lines[0]  # equal scores: in address order
    assert "waarschuwing: /leeg/ scoort" in lines[1] and "docs/leeg.md" in lines[1]
    assert lines[2].startswith("Leesbaarheid: /lijst/ scoort ") and lines[2].endswith(": Een lijst van namen.")
    assert "waarschuwing: /los/ scoort" in lines[3] and f"haal {EXEMPTION_KEY} weg uit docs/los.md" in lines[3]
    assert len(lines) == 4


def test_a_reason_in_the_report_is_one_plain_cell_never_a_formula_or_an_escape():
    from watwerkt.readability import _csv_text

    assert _csv_text('=HYPERLINK("http://evil.example";"x") \x1b[2K\rKlaar') == "'=HYPERLINK('http://evil.example',\'x\') [2K Klaar"
    assert _csv_text("@SUM(1)") == "'@SUM(1)" and _csv_text("- een lijst") == "'- een lijst"
    assert _csv_text("Gewoon een reden; met puntkomma") == "Gewoon een reden, met puntkomma"


# The quick reading of the engine's markup (markup.py) gives what the parser gives, or leaves it to
# the parser: on odd markup, on hostile record text as rendered and on every page of the site.
ODD_PROSE = [
    "<p>a<br>b<br/>c</p>", "<div/>tekst", "<p>een <code>x = 1</code> twee</p>", "<p class=headerlink>weg</p>na",
    "<p class='a' class=\"headerlink\">weg</p>na", '<p class="headerlink" class>blijft</p>', "<p>&amp; &lt;b&gt; &copy d &#x41;</p>",
    "<P>HOOFD</P>letters", "<ul><li>een<li>twee</ul>", "<p>open <b>vet</div> na", "</p>los", "<!-- x -->na",
    "<!-- a -- > b -->na", "<script>var a = '<p>';</script>na", "<script src=x></script>na", "<style></style>na",
    "<p>a < b</p>", "<p>zie https://example.org/pad en mail info@example.org</p>", "<table><tr><td>cel</td></tr></table>na",
    "<dl class='ww-feiten'><dt>Status</dt><dd>lopend</dd></dl>na", "<cite>Titel</cite> tekst", "<svg><text>a</text></svg>b",
    "<h2 id=x>Kop<a class=headerlink href=#x>¶</a></h2>", "<p>regel\n  door\tgaand</p>", "<![CDATA[x]]>na", "<p>einde",
    '<p>Lees <a href="https://example.nl/a class=headerlink">dit verslag</a> goed.</p>', '<p title="x class=headerlink">z</p>',
    "<div\xa0class='ww-feiten'>x</div>", "<p class=a\xa0b>x</p>", "<p class=ww-feiten\xa0>x</p>", '<p a="1"/class="headerlink">x</p>',
    "<p CLASS='HEADERLINK'>x</p><p Class=headerlink>y</p>",
]


def _prose_by_parser(page_html: str) -> str:
    from watwerkt.readability import _Prose

    parser = _Prose()
    parser.feed(page_html)
    parser.close()
    return "".join(parser.parts)


@pytest.mark.parametrize("page_html", ODD_PROSE)
def test_the_quick_reading_of_prose_is_the_parsers_or_leaves_it_to_the_parser(page_html):
    from watwerkt.readability import _prose_of_plain_markup

    quick = _prose_of_plain_markup(page_html)
    assert quick is None or quick == _prose_by_parser(page_html)


def test_the_quick_reading_of_prose_reads_every_built_page_as_the_parser_does(real_site):
    from test_render_once import PAYLOADS
    from watwerkt.rendering import sanitized_markdown
    from watwerkt.readability import _prose_of_plain_markup

    articles = []
    for page in sorted(real_site.rglob("index.html")):
        text = page.read_text(encoding="utf-8")
        start, end = text.find("<article"), text.rfind("</article>")
        if start >= 0 and end >= 0:
            articles.append(text[start:end])
    articles += [f"<div>{sanitized_markdown(payload)}</div>" for payload in PAYLOADS]
    quick = [_prose_of_plain_markup(article) for article in articles]
    assert sum(found is not None for found in quick) > len(articles) * 0.9  # the quick way, for nearly all
    assert [article for found, article in zip(quick, articles) if found is not None and found != _prose_by_parser(article)] == []
