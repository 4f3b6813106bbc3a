"""Every component has one folder, named as its root element's data-ww-module and its script's
registration; the mount script starts them and a page fetches only the scripts it uses;
/patronen/ shows every component once and is accessible."""
from __future__ import annotations

import re

import pytest
import yaml

from browser import axe_violations, browser, kennisbank, page, site_url  # noqa: F401  fixtures
from playwright.sync_api import expect
from site_fixtures import REPO
from watwerkt.components import COMPONENTS, EXAMPLE_KEYS, FOLDER, MOUNT_SCRIPT, Component
from watwerkt import reading_aid
from watwerkt.errors import UserError

THEME_FOLDER = REPO / "overrides" / "components"
SCRIPTED = sorted(path.parent for root in (FOLDER, THEME_FOLDER) for path in root.glob("*/script.js"))


def _mkdocs_config() -> dict:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    return yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


@pytest.mark.parametrize("folder", SCRIPTED, ids=lambda folder: folder.name)
def test_a_component_s_folder_names_its_module_and_its_script_registers_it(folder):
    script = (folder / "script.js").read_text(encoding="utf-8")
    assert re.findall(r'watwerkt\.register\("([^"]+)"', script) == [folder.name]
    templates = [folder / "template.html"] if (folder / "template.html").exists() else []
    if folder.name == "menu":  # Material's header, which overrides/partials/header.html copies
        templates = [REPO / "overrides" / "partials" / "header.html"]
    if folder.name == "permalinks":  # the page's content, in overrides/main.html
        templates = [REPO / "overrides" / "main.html"]
    (template,) = templates
    assert f'data-ww-module="{folder.name}"' in template.read_text(encoding="utf-8")


def test_only_the_mount_script_loads_on_every_page_and_no_template_loads_a_component_script():
    config = _mkdocs_config()
    assert config["extra_javascript"] == [f"components/{MOUNT_SCRIPT}"]
    themed = {f"components/{path.parent.name}/style.css" for path in THEME_FOLDER.glob("*/style.css")}
    assert themed <= set(config["extra_css"])
    for template in [*FOLDER.rglob("*.html"), *(REPO / "watwerkt" / "rendering" / "templates").glob("*.html"), *(REPO / "overrides").rglob("*.html")]:
        sources = re.findall(r"<script[^>]*\ssrc=", template.read_text(encoding="utf-8"))
        # The one exception: the filter panel folds on a phone before the page is drawn.
        allowed = 1 if template == FOLDER / "project_list" / "template.html" else 0
        assert len(sources) == allowed, template


def test_every_component_has_its_examples_and_a_bad_one_is_refused_in_dutch(tmp_path, monkeypatch):
    for name, component in COMPONENTS.items():
        assert (FOLDER / component.folder / "template.html").is_file(), name
        assert tuple(component.example()) == EXAMPLE_KEYS, name
    monkeypatch.setattr("watwerkt.components.FOLDER", tmp_path)
    (tmp_path / "kapot").mkdir()
    (tmp_path / "kapot" / "examples.yaml").write_text("titel: Alleen een titel\n", encoding="utf-8")
    with pytest.raises(UserError, match="een voorbeeld heeft precies deze teksten: titel, gebruik, niet_gebruiken, werking"):
        Component("kapot").example()
    (tmp_path / "kapot" / "examples.yaml").write_text("titel: [kapot\n", encoding="utf-8")
    with pytest.raises(UserError, match="examples.yaml: het voorbeeld van dit onderdeel is niet te lezen"):
        Component("kapot").example()


def test_the_patterns_page_shows_every_component_once_out_of_the_menu(real_site):
    page_html = (real_site / "patronen" / "index.html").read_text(encoding="utf-8")
    for name, component in COMPONENTS.items():
        assert page_html.count(f'id="patroon-{component.folder}"') == 1, name
        assert f"<code>{{{{ {name}() }}}}</code>" in page_html, name
    for folder in (path for path in SCRIPTED if path.parent == FOLDER):
        assert f'data-ww-module="{folder.name}"' in page_html, folder.name
    assert 'href="../patronen/"' not in (real_site / "index.html").read_text(encoding="utf-8")  # not in the menu


def test_the_patterns_page_meets_wcag_and_starts_its_components(page, site_url):
    page.goto(site_url + "patronen/")
    expect(page.locator("#ww-aanpakfilter")).to_be_visible()  # the approaches list started
    expect(page.locator("#ww-filters")).to_be_visible()
    assert axe_violations(page) == []


def test_a_page_fetches_the_scripts_of_its_own_components_only(page, site_url):
    fetched = []
    page.on("request", lambda request: fetched.append(request.url) if "/components/" in request.url else None)
    page.goto(site_url + "begrippen/")
    expect(page.locator(".ww-leeshulp__open")).to_be_attached()
    page.wait_for_load_state("networkidle")
    scripts = {url.removeprefix(site_url) for url in fetched if url.endswith(".js")}
    assert scripts == {"components/mount.js", *(f"components/{name}/script.js" for name in ("reading_aid", "search", "menu", "permalinks"))}
    fetched.clear()
    page.goto(site_url + "projectenbank/")
    page.wait_for_load_state("networkidle")
    scripts = {url.removeprefix(site_url) for url in fetched if url.endswith(".js")}
    assert {"components/project_list/script.js", "components/filters/fold.js"} <= scripts
    assert "components/submission_form/script.js" not in scripts and "components/approach_list/script.js" not in scripts
    styles = {url.removeprefix(site_url) for url in fetched if url.endswith(".css")}
    assert "components/filters/style.css" in styles and "components/submission_form/style.css" not in styles


def test_with_instant_navigation_each_new_page_starts_its_components_once(page, site_url):
    """Material's instant navigation swaps the content in and announces the page on document$:
    the mount script starts what is new there, and leaves running components alone."""
    page.goto(site_url + "aanpakken/")
    expect(page.locator("#ww-aanpakfilter")).to_be_visible()
    assert page.evaluate("typeof document$.subscribe") == "function"  # Material's, on every page
    page.evaluate("""async () => {
        const fresh = new DOMParser().parseFromString(await (await fetch(location.href)).text(), "text/html");
        document.querySelector(".ww-aanpakkenlijst").replaceWith(fresh.querySelector(".ww-aanpakkenlijst"));
    }""")
    expect(page.locator("#ww-aanpakfilter")).to_be_hidden()  # as the server sent it: not started
    page.evaluate("document$.next(document)")
    expect(page.locator("#ww-aanpakfilter")).to_be_visible()
    page.locator(".ww-leeshulp__open").click() if page.locator(".ww-leeshulp__open").is_visible() else None
    page.locator("[data-leeshulp=tekst][data-stap]:not([data-stap^='-'])").click()
    step = reading_aid.STEPS["tekst"]
    expect(page.locator(".ww-leeshulp__status")).to_have_text(re.compile(rf"^Tekst {100 + step:g}%"))  # one step, not two


def test_the_readme_tree_names_every_component_folder():
    """README's "Hoe het in elkaar zit" is how a newcomer finds a feature's home: every
    component's folder stands in it."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    tree = readme[readme.index("## Hoe het in elkaar zit") :].split("```")[1]
    for root in (FOLDER, THEME_FOLDER):
        for folder in sorted(path for path in root.iterdir() if path.is_dir() and not path.name.startswith("_")):
            assert f"    {folder.name}/ " in tree, folder.name
