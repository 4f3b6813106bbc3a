"""The approaches overview offers the filters Python declares, each with the options some
approach has, and every card carries the values those filters read."""
from __future__ import annotations

from test_validation import TODAY
from watwerkt.components import approach_list
from watwerkt.rendering import Renderer
from watwerkt.loading import load_kennisbank


def test_filters_and_card_values_come_from_one_declaration(data_dir):
    kennisbank = load_kennisbank(data_dir, relative_to=data_dir.parent)
    facets = approach_list.facets(kennisbank)
    assert [facet.name for facet in facets] == ["thema", "erkenning"]  # one target group and one role: no choice there
    assert dict(facets[1].options) == {"niet-beoordeeld": "Niet beoordeeld", "goed-beschreven": "Goed beschreven"}
    html = Renderer(kennisbank, today=TODAY).component("aanpakken_lijst", page_url="aanpakken/", site_url="https://example.org/")
    assert '<select id="ww-aanpakfilter-erkenning" name="erkenning">' in html
    assert 'data-filter-thema="schulden" data-filter-erkenning="goed-beschreven"' in html
    assert "data-filter-doelgroep" not in html
