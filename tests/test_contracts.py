"""Contracts between Python and the browser, each declared once in Python: every consumer
(the JSON Schema, the page, the script) must agree with the declaration, and no script may hold
its own copy (in the style of Datasette's tests/test_docs.py)."""
from __future__ import annotations

import pytest

from site_fixtures import REPO
from shared_cases import ID_FROM_NAME_CASES
from watwerkt.model import AREA_NEEDED, CONTACT_NEEDED, END_BEFORE_START, Project, id_from_name

FORM_SCRIPT = REPO / "watwerkt" / "components" / "submission_form" / "script.js"


def test_the_rules_across_fields_stand_in_the_schema_and_nowhere_in_the_form_script():
    schema = Project.model_json_schema()
    assert schema["x-melding"] == AREA_NEEDED and schema["x-veld"] == "gemeenten"
    assert schema["$defs"]["Contact"]["x-melding"] == CONTACT_NEEDED
    assert schema["x-kruisregels"]["eind-niet-voor-start"] == END_BEFORE_START
    script = FORM_SCRIPT.read_text(encoding="utf-8")
    for message in (AREA_NEEDED, CONTACT_NEEDED, END_BEFORE_START.split("{")[0].strip(), "ligt vóór", "e-mailadres in"):
        assert message not in script, message


def test_the_published_schema_is_the_one_the_form_reads(real_site):
    import json

    published = json.loads((real_site / "open-data" / "project.schema.json").read_text(encoding="utf-8"))
    assert published == json.loads(json.dumps(Project.model_json_schema()))


@pytest.mark.parametrize("name, expected", ID_FROM_NAME_CASES)
def test_the_id_from_a_name(name, expected):
    assert id_from_name(name) == expected


def test_the_reading_aid_is_declared_once_and_the_page_carries_it(real_site):
    from watwerkt import reading_aid

    page = (real_site / "index.html").read_text(encoding="utf-8")
    assert f'data-sleutel="{reading_aid.STORAGE_KEY}"' in page and f'data-schaal="{reading_aid.SCALE_VARIABLE}"' in page
    assert f'data-stap="{reading_aid.STEPS["tekst"]}"' in page and f'data-stap="-{reading_aid.STEPS["letters"]}"' in page
    head = page[: page.index("</head>")]
    assert f'localStorage.getItem("{reading_aid.STORAGE_KEY}")' in head  # the head applies it before drawing
    script = (REPO / "overrides" / "components" / "reading_aid" / "script.js").read_text(encoding="utf-8")
    for declared in (reading_aid.STORAGE_KEY, reading_aid.SCALE_VARIABLE, reading_aid.SPACING_VARIABLE, "200", "0.3"):
        assert declared not in script, declared
    css = (REPO / "overrides" / "components" / "reading_aid" / "style.css").read_text(encoding="utf-8")
    assert f"var({reading_aid.SCALE_VARIABLE}" in css and f"var({reading_aid.SPACING_VARIABLE}" in css


def test_every_published_file_and_list_page_has_its_address_from_urls(real_site):
    """urls.py names every address; the files stand where it says, and mkdocs.yml keeps the
    projectenbank's list pages out of the menu by the same pattern."""
    from watwerkt import urls

    for path in (urls.PROJECT_INDEX, urls.FEED, urls.PROJECT_SCHEMA, urls.open_data("aanpakken.csv")):
        assert (real_site / path).is_file(), path
    assert urls.project_list_page(1) == urls.record_url("project", "x").removesuffix("x/")
    second = urls.project_list_page(2)
    assert "/" + second.rstrip("/").rsplit("/", 1)[0] + "/*/index.md" in (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    import io
    import tokenize

    strings = []  # the string literals of the engine's code (comments may name an address)
    for path in (REPO / "watwerkt").rglob("*.py"):
        if path.name != "urls.py" and not path.name.startswith("test_"):
            tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
            strings += [token.string for token in tokens if token.type == tokenize.STRING]
    templates = "".join(path.read_text(encoding="utf-8") for path in (REPO / "watwerkt").rglob("*.html"))
    for address in (urls.PROJECT_INDEX, urls.FEED, urls.PROJECT_SCHEMA, "open-data/", "/pagina/"):
        assert not [string for string in strings if address in string], address
        assert address not in templates, address


def test_the_form_script_takes_its_fields_from_the_page(real_site):
    """Which fields the form has and of what kind (tick boxes, one per line, text) comes from the
    record model, on the page; the script names none of them."""
    from watwerkt.model import Contact, Project

    page = (real_site / "aanmelden" / "index.html").read_text(encoding="utf-8")
    assert 'data-veld="gemeenten" data-soort="keuze"' in page and 'data-veld="doelen" data-soort="lijst" data-verplicht' in page
    assert 'data-veld="naam" data-soort="tekst" data-verplicht' in page
    script = FORM_SCRIPT.read_text(encoding="utf-8")
    assert 'data-veld="status" data-soort="een-keuze" data-verplicht' in page and 'data-veld="contact" data-soort="groep" data-verplicht' in page
    assert 'name="contact.website"' in page and 'data-vandaag="toegevoegd laatst_gecontroleerd"' in page
    names = ("naam", "samenvatting", "doelen", "partners", "financiers", "gemeenten", "themas", "doelgroepen", "aanpakken", "geleerd")
    for name in (*names, "status", "contact", "website", "email", "organisatie", "toegevoegd", "laatst_gecontroleerd", "aangemeld_door"):
        assert name in Project.model_fields or name in Contact.model_fields, name
        assert f'"{name}"' not in script, name


def test_the_phone_breakpoint_is_declared_once(real_site):
    from watwerkt.components.filters import PHONE_MAX_WIDTH

    page = (real_site / "projectenbank" / "index.html").read_text(encoding="utf-8")
    assert f'data-telefoon="(max-width: {PHONE_MAX_WIDTH})"' in page
    css = (REPO / "overrides" / "assets" / "stylesheets" / "watwerkt.css").read_text(encoding="utf-8")
    assert f"@media (max-width: {PHONE_MAX_WIDTH})" in css  # the wide tables become cards there
    for script in [*(REPO / "watwerkt" / "components").rglob("*.js"), *(REPO / "overrides" / "components").rglob("*.js")]:
        assert PHONE_MAX_WIDTH not in script.read_text(encoding="utf-8"), script.name


def test_templates_receive_the_values_they_show_not_the_kennisbank_or_a_module():
    """Page and component templates get their values from Python (rendering/page_values.py, the
    components' values functions); no global hands them the kennisbank or a module to dig in."""
    import datetime
    import types

    from watwerkt.kennisbank import Kennisbank
    from watwerkt.loading import load_kennisbank
    from watwerkt.rendering import Renderer

    renderer = Renderer(load_kennisbank(REPO / "data", relative_to=REPO), today=datetime.date.today())

    for name, value in renderer.environment.globals.items():
        assert not isinstance(value, (Kennisbank, types.ModuleType)), name
    for template in [*(REPO / "watwerkt" / "rendering" / "templates").glob("*.html"), *(REPO / "watwerkt" / "components").glob("*/template.html")]:
        assert "kb." not in template.read_text(encoding="utf-8"), template.name


def test_the_gap_table_links_with_the_filters_the_projectenbank_reads(real_site):
    """The gap table's links choose filters by their query parameters; those are the
    projectenbank's facets (project_list.FACET_LABELS), which its page hands the script
    (data-adressleutels), with values its choice lists offer. The script names none of them."""
    import html
    import re
    from urllib.parse import parse_qsl, urlsplit

    from watwerkt.components import project_list

    bank = (real_site / "projectenbank" / "index.html").read_text(encoding="utf-8")
    assert f'data-adressleutels="{" ".join(project_list.FACET_LABELS)}"' in bank
    offered = {
        name: set(re.findall(r'<option value="([^"]*)">', bank[bank.index(f'name="{name}">') : bank.index("</select>", bank.index(f'name="{name}">'))]))
        for name in project_list.FACET_LABELS
    }
    overview = (real_site / "gemeenten" / "index.html").read_text(encoding="utf-8")
    links = [html.unescape(href) for href in re.findall(r'href="([^"]*\?[^"]*)"', overview) if "projectenbank/" in href]
    assert links
    for link in links:
        chosen = dict(parse_qsl(urlsplit(link).query))
        assert set(chosen) == {"gemeente", "thema"} <= set(project_list.FACET_LABELS), link
        assert all(value in offered[name] for name, value in chosen.items()), link
    with pytest.raises(ValueError):
        project_list.filtered_address(plaats="Veendam")
    script = (REPO / "watwerkt" / "components" / "project_list" / "script.js").read_text(encoding="utf-8")
    script = script.replace('column("', "")  # index.json's column "regio" is no filter name
    for name in project_list.FACET_LABELS:
        assert f'"{name}"' not in script and f"'{name}'" not in script, name
