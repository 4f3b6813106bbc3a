"""In a real browser: the projectenbank's filters, address, history and phone layout."""
from __future__ import annotations

import re

from playwright.sync_api import expect
from watwerkt.components import project_list
from watwerkt.components.project_list import search as text_search
from browser import (  # noqa: F401  fixtures and helpers
    AXE, WCAG_TAGS, QuietHandler, axe_violations, browser, chromium_path, kennisbank, listed_projects, page, search, site_url,
)


def test_filtering_by_gemeente_and_thema_shows_exactly_the_matching_projects(page, site_url, kennisbank):
    veendam = kennisbank.municipalities["GM0047"]
    in_veendam = {p.id for p in kennisbank.projects.values() if veendam in kennisbank.municipalities_of(p)}
    # A theme that narrows the Veendam projects further, but not to nothing.
    theme = next(t for t in sorted(kennisbank.themes) if 0 < sum(t in kennisbank.projects[p].themas for p in in_veendam) < len(in_veendam))
    both = {p for p in in_veendam if theme in kennisbank.projects[p].themas}
    label = kennisbank.themes[theme].naam

    page.goto(site_url + "projectenbank/")
    expect(page.locator("#ww-filters")).to_be_visible()
    page.select_option("#ww-filter-gemeente", "GM0047")
    expect(page.locator("#ww-aantal")).to_have_text(f"{len(in_veendam)} projecten gevonden")
    page.select_option("#ww-filter-thema", theme)
    expect(page.locator("#ww-aantal")).to_have_text(f"{len(both)} project{'en' if len(both) != 1 else ''} gevonden")
    assert set(listed_projects(page)) == both
    assert page.url.endswith(f"projectenbank/?gemeente=GM0047&thema={theme}")
    # Each option counts what choosing it would give under the rest of the selection.
    expect(page.locator(f"#ww-filter-thema option[value={theme}]")).to_have_text(f"{label} ({len(both)})")

    page.reload()
    expect(page.locator("#ww-aantal")).to_have_text(f"{len(both)} project{'en' if len(both) != 1 else ''} gevonden")
    expect(page.locator("#ww-filter-gemeente")).to_have_value("GM0047")
    assert set(listed_projects(page)) == both

    page.go_back()
    expect(page.locator("#ww-aantal")).to_have_text(f"{len(in_veendam)} projecten gevonden")
    expect(page.locator("#ww-filter-thema")).to_have_value("")
    assert set(listed_projects(page)) == in_veendam


def found(page, query: str) -> tuple[str, list[str]]:
    """Type a query as a script would (no pause for the announcement) and read the result. The
    projects' texts load when the form is first reached for: wait for them once."""
    if not page.evaluate("() => window.__wwTeksten === true"):
        with page.expect_response("**/projectenbank/teksten.json"):
            page.locator("#ww-filter-q").focus()
        page.wait_for_load_state("networkidle")
        page.evaluate("() => { window.__wwTeksten = true; }")
    page.evaluate(
        """text => { const field = document.getElementById("ww-filter-q"); field.blur();
                     field.value = text; field.dispatchEvent(new Event("input", {bubbles: true})); }""",
        query,
    )
    return page.locator("#ww-aantal").text_content(), listed_projects(page)


def test_the_text_filter_finds_word_forms_in_summaries_descriptions_and_choices(page, site_url, kennisbank):
    with_theme = lambda theme: {p.id for p in kennisbank.projects.values() if theme in p.themas}  # noqa: E731
    page.goto(site_url + "projectenbank/")
    expect(page.locator("#ww-filters")).to_be_visible()
    page.wait_for_load_state("networkidle")
    # "schulden" finds the theme "Schulden en geldzaken" and "schuld" in texts; a form of the
    # word finds its other forms: "ervaringsdeskundige" finds "ervaringsdeskundigheid" too.
    assert with_theme("schulden") <= set(found(page, "schulden")[1])
    assert with_theme("ervaringsdeskundigheid") <= set(found(page, "ervaringsdeskundige")[1])
    # A word only in a description finds its project.
    project = kennisbank.projects["samen-sterk-oost-groningen"]
    own = [w for w in text_search.words(project.beschrijving) if len(w) > 6 and w not in " ".join(text_search.words(project.naam + " " + project.samenvatting))]
    assert project.id in found(page, own[0])[1], own[0]
    # No accents needed, and accents do no harm.
    assert found(page, "veenkolonien") == found(page, "Veenkoloniën") and found(page, "een") == found(page, "één")
    assert {p.id for p in kennisbank.projects.values() if "veenkoloniën" in p.beschrijving.lower()} <= set(found(page, "veenkolonien")[1])


# Forms of words in the projects, for each ending the rule cuts, half-typed words, and words
# with accents: the script must find exactly what search.py says it finds.
QUERIES = [
    "schulden", "schuld", "schuldhulpverleni", "ervaringsdeskundige", "Ervaringsdeskundigheid", "ervaringsdeskundigen",
    "gezinnen", "gezin", "kinderen", "jongeren", "ouders", "maatjes", "maatje", "opleidingen", "opleiding",
    "mogelijkheden", "gezondheid", "begeleiding", "armoede", "generatiearmoede", "Veenkoloniën", "veenkolonien",
    "één", "Noorderpoort", "NOORD", "stress", "wonen", "vrijwilligers", "Stichting Leergeld", "maatje Groningen",
    "schulden drenthe", "Samen Sterk", "lopend", "bestaat-niet-xyz", "2017", "e", "café", "coöperatie",
]


def test_the_script_finds_what_the_python_rule_finds(page, site_url, kennisbank):
    """search.py declares the rule and index.json carries it: for each query the browser shows
    exactly the projects that search.matches says, so Python and the script agree."""
    page.goto(site_url + "projectenbank/")
    expect(page.locator("#ww-filters")).to_be_visible()
    page.wait_for_load_state("networkidle")
    texts = {p.id: project_list.searched_words(kennisbank, p) for p in kennisbank.projects.values()}
    queries = QUERIES + sorted({w for p in kennisbank.projects.values() for w in text_search.words(p.beschrijving)})[::7]
    for query in queries:
        expected = {project_id for project_id, words in texts.items() if text_search.matches(query, words)}
        count, shown = found(page, query)
        assert set(shown) == expected, query
        assert count == ("Geen projecten gevonden. Kies minder filters of andere woorden." if not expected
                         else "1 project gevonden" if len(expected) == 1 else f"{len(expected)} projecten gevonden"), query
    assert len({frozenset(found(page, q)[1]) for q in QUERIES}) > 10  # the queries tell projects apart


def test_typing_updates_the_address_and_the_count_a_screen_reader_hears(page, site_url, kennisbank):
    page.goto(site_url + "projectenbank/")
    expect(page.locator("#ww-aantal")).to_have_attribute("aria-live", "polite")
    page.locator("#ww-filter-q").press_sequentially("Schulden", delay=10)
    expected = {p.id for p in kennisbank.projects.values() if text_search.matches("Schulden", project_list.searched_words(kennisbank, p))}
    expect(page.locator("#ww-aantal")).to_have_text(f"{len(expected)} projecten gevonden")
    assert "q=Schulden" in page.url


SORTED = {
    "nieuw": lambda kennisbank: [p.id for p in sorted(kennisbank.projects_by_name(), key=lambda p: p.start or "", reverse=True) if p.start]
    + [p.id for p in kennisbank.projects_by_name() if not p.start],
    "gemeente": lambda kennisbank: [p.id for p in sorted(kennisbank.projects_by_name(), key=lambda p: min((m.naam.casefold() for m in kennisbank.municipalities_of(p)), default="\uffff"))],
    "naam": lambda kennisbank: [p.id for p in kennisbank.projects_by_name()],
}


def test_sorting_newest_by_name_and_by_municipality_with_the_choice_in_the_address(page, site_url, kennisbank):
    page.goto(site_url + "projectenbank/")
    expect(page.locator("#ww-filters")).to_be_visible()
    assert listed_projects(page) == SORTED["naam"](kennisbank)
    for order in ("nieuw", "gemeente", "naam"):
        page.select_option("#ww-volgorde", order)
        # The count, which a screen reader hears, says the order too.
        said = "" if order == "naam" else f". Volgorde: {project_list.SORT_ORDERS[order]}"
        expect(page.locator("#ww-aantal")).to_have_text(f"{len(kennisbank.projects)} projecten{said}")
        assert listed_projects(page) == SORTED[order](kennisbank), order
        assert ("volgorde=" + order in page.url) == (order != "naam")
    newest = kennisbank.projects[SORTED["nieuw"](kennisbank)[0]]
    assert newest.start == max(p.start for p in kennisbank.projects.values() if p.start)
    # Sorted and filtered at once, from a shared address.
    page.goto(site_url + "projectenbank/?gemeente=GM0047&volgorde=nieuw")
    expect(page.locator("#ww-volgorde")).to_have_value("nieuw")
    in_veendam = {p.id for p in kennisbank.projects_in(kennisbank.municipalities["GM0047"])}
    expect(page.locator("#ww-projecten h2 a")).to_have_count(len(in_veendam))
    assert listed_projects(page) == [i for i in SORTED["nieuw"](kennisbank) if i in in_veendam]


def test_without_javascript_the_overview_still_lists_every_project(browser, site_url, kennisbank):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    page.goto(site_url + "projectenbank/?gemeente=GM0047")  # a gap table's link: it says the filter does not apply
    expect(page.locator("#ww-filters")).to_be_hidden()
    expect(page.locator(".ww-projectenlijst .ww-zonder-javascript")).to_have_text(
        "Zoeken, filteren en sorteren werkt alleen met JavaScript. Hieronder staan alle projecten, op naam.")
    assert set(listed_projects(page)) == set(kennisbank.projects)
    page.locator(f"#ww-projecten a[href$='{sorted(kennisbank.projects)[0]}/']").click()
    expect(page.locator("h1")).to_contain_text(kennisbank.projects[sorted(kennisbank.projects)[0]].naam)
    context.close()


def test_back_after_typing_returns_to_the_full_list(page, site_url, kennisbank):
    page.goto(site_url + "projectenbank/")
    expect(page.locator("#ww-filters")).to_be_visible()
    expect(page.locator("#ww-meer")).to_be_hidden()  # everything fits on one screen
    page.locator("#ww-filter-q").press_sequentially("Noord", delay=10)
    expect(page).to_have_url(site_url + "projectenbank/?q=Noord")
    page.go_back()
    expect(page).to_have_url(site_url + "projectenbank/")
    expect(page.locator("#ww-aantal")).to_have_text(f"{len(kennisbank.projects)} projecten")
    assert set(listed_projects(page)) == set(kennisbank.projects)


def test_unknown_filter_values_are_dropped_from_the_address(page, site_url, kennisbank):
    page.goto(site_url + "projectenbank/?thema=bestaat-niet&gemeente=GM0047")
    expect(page.locator("#ww-filter-gemeente")).to_have_value("GM0047")
    expect(page).to_have_url(site_url + "projectenbank/?gemeente=GM0047")
    expect(page.locator("#ww-filter-thema")).to_have_value("")


def test_on_a_phone_the_filters_fold_away_so_the_projects_come_first(browser, site_url):
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="nl-NL")
    page = context.new_page()
    page.goto(site_url + "projectenbank/")
    choices = page.locator("#ww-filter-keuzes")
    expect(choices).not_to_have_attribute("open", "")
    assert page.locator(".ww-kaart").first.bounding_box()["y"] < 740  # a project on the first screen
    expect(page.locator("#ww-filter-gemeente")).to_be_hidden()
    page.get_by_text("Filters", exact=True).click()
    page.select_option("#ww-filter-gemeente", "GM0047")
    expect(page.locator(".ww-filters__gekozen")).to_have_text("(1 gekozen)")
    # A shared link with a choice in it shows the choices open.
    page.goto(site_url + "projectenbank/?gemeente=GM0047")
    expect(page.locator("#ww-filter-gemeente")).to_be_visible()
    context.close()


CARD_TEXTS = """items => items.map(item => [
  item.querySelector("h2 a").getAttribute("href"),
  Array.from(item.querySelectorAll("p:not([hidden]), dt:not([hidden]), dd:not([hidden])")).map(node => node.textContent.trim()),
])"""


def test_the_script_builds_every_card_as_the_page_renders_it(browser, site_url, kennisbank):
    """The card is rendered once: the script fills the page's own card template, so a card with
    JavaScript shows the same link, summary and facts as without."""
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    without = context.new_page()
    without.goto(site_url + "projectenbank/")
    rendered = without.locator("#ww-projecten > li").evaluate_all(CARD_TEXTS)
    context.close()
    page = browser.new_page()
    with page.expect_response("**/projectenbank/index.json"):
        page.goto(site_url + "projectenbank/")
    expect(page.locator("#ww-filters")).to_be_visible()
    page.wait_for_load_state("networkidle")
    # Mark the cards, then have the script draw the list again: its cards replace them all.
    page.evaluate("""() => document.querySelectorAll("#ww-projecten > li").forEach(li => li.dataset.oud = "ja")""")
    page.select_option("#ww-volgorde", "gemeente")
    page.select_option("#ww-volgorde", "naam")
    expect(page.locator("#ww-projecten > li[data-oud]")).to_have_count(0)
    built = page.locator("#ww-projecten > li").evaluate_all(CARD_TEXTS)
    page.close()
    assert len(rendered) == len(kennisbank.projects) and built == rendered
    assert all(card[1][0] == kennisbank.projects[card[0].split("/")[-2]].samenvatting for card in built)


def test_the_page_loads_the_projects_texts_only_once_the_reader_reaches_for_the_form(browser, site_url, kennisbank):
    """teksten.json (summaries, description words) is half of what the filter needs at 10,000
    projects: the page itself does without it; a tap or the focus in the form fetches it."""
    page = browser.new_page()
    try:
        asked = []
        page.on("request", lambda request: asked.append(request.url))
        page.goto(site_url + "projectenbank/")
        expect(page.locator("#ww-filters")).to_be_visible()
        page.wait_for_load_state("networkidle")
        assert any(url.endswith("/projectenbank/index.json") for url in asked)
        assert not any(url.endswith("/teksten.json") for url in asked)
        expect(page.locator("#ww-aantal")).to_have_text(f"{len(kennisbank.projects)} projecten")
        with page.expect_response("**/projectenbank/teksten.json"):
            page.locator("#ww-filter-q").focus()
        # A word only a summary has is found, and the card shows that summary.
        project = kennisbank.projects_by_name()[0]
        page.locator("#ww-filter-q").fill(project.naam)
        first = page.locator("#ww-projecten > li").first
        expect(first.locator("[data-slot=samenvatting]")).to_have_text(project.samenvatting)
    finally:
        page.close()


def test_an_address_with_filters_draws_cards_with_their_summaries(page, site_url, kennisbank):
    municipality = "GM0047"
    page.goto(site_url + f"projectenbank/?gemeente={municipality}")
    expected = [p for p in kennisbank.projects_by_name() if municipality in p.gemeenten or any(m.code == municipality for m in kennisbank.municipalities_of(p))]
    expect(page.locator("#ww-projecten > li")).to_have_count(len(expected))
    for card, project in zip(page.locator("#ww-projecten > li").all(), expected):
        expect(card.locator("[data-slot=samenvatting]")).to_have_text(project.samenvatting)


def test_an_address_with_a_double_slash_still_filters(page, site_url):
    """//projectenbank/ is the same page on many hosts; its path alone would read as a host."""
    page.goto(site_url + "/projectenbank/?q=armoede")
    expect(page.locator("#ww-filters")).to_be_visible()
    expect(page.locator("#ww-aantal")).to_contain_text("gevonden")
    page.locator("#ww-filter-q").fill("schulden")
    expect(page).to_have_url(re.compile(r"//projectenbank/\?q=schulden$"))
