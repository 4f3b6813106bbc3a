"""In a real browser: the projectenbank's filters, address, history and phone layout."""
from __future__ import annotations



from playwright.sync_api import expect
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


def test_the_free_text_filter(page, site_url, kennisbank):
    expected = {p.id for p in kennisbank.projects.values() if "noorderpoort" in f"{p.naam} {p.organisatie}".lower()}
    assert 0 < len(expected) < len(kennisbank.projects)
    page.goto(site_url + "projectenbank/")
    page.locator("#ww-filter-q").press_sequentially("Noorderpoort", delay=10)
    expect(page.locator("#ww-aantal")).to_have_text(f"{len(expected)} project{'en' if len(expected) != 1 else ''} gevonden")
    assert set(listed_projects(page)) == expected
    assert "q=Noorderpoort" in page.url
    # Accents and case do not matter: "veenkolonien" finds "Veenkoloniën" in a name.
    with_accent = {p.id for p in kennisbank.projects.values() if "veenkoloniën" in f"{p.naam} {p.organisatie}".lower()}
    page.goto(site_url + "projectenbank/?q=veenkolonien")
    expect(page.locator("#ww-aantal")).to_have_text(f"{len(with_accent)} projecten gevonden")
    assert set(listed_projects(page)) == with_accent


def test_without_javascript_the_overview_still_lists_every_project(browser, site_url, kennisbank):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    page.goto(site_url + "projectenbank/")
    expect(page.locator("#ww-filters")).to_be_hidden()
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
  Array.from(item.querySelectorAll("dt:not([hidden]), dd:not([hidden])")).map(node => node.textContent.trim()),
])"""


def test_the_script_builds_every_card_as_the_page_renders_it(browser, site_url, kennisbank):
    """The card is rendered once: the script fills the page's own card template, so a card with
    JavaScript shows the same link and facts as without (the summary is not in index.json)."""
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    without = context.new_page()
    without.goto(site_url + "projectenbank/")
    rendered = without.locator("#ww-projecten > li").evaluate_all(CARD_TEXTS)
    context.close()
    page = browser.new_page()
    with page.expect_response("**/projectenbank/index.json"):
        page.goto(site_url + "projectenbank/")
    page.wait_for_load_state("networkidle")
    # The script has replaced the list: its cards come from the template (the summary slot is empty).
    expect(page.locator("#ww-projecten > li [data-slot=samenvatting]:not([hidden])")).to_have_count(0)
    built = page.locator("#ww-projecten > li").evaluate_all(CARD_TEXTS)
    page.close()
    assert len(rendered) == len(kennisbank.projects) and built == rendered
