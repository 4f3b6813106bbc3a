"""The approaches list (the component `aanpakken_lijst`): the filters it offers, declared once here. The page renders every
approach as a card carrying its values; with JavaScript, script.js shows the form and
hides the cards that do not match. It reads the filters' names from the form."""
from __future__ import annotations

from typing import Callable

from ...kennisbank import Kennisbank
from ...labels import EVIDENCE_LEVELS, EXPERTS_BY_EXPERIENCE_ROLES
from ...model import Approach
from ..filters import Facet

# name (the form field, and the card's data-filter-<name>) → label, every option (value,
# label) in display order, and an approach's values.
_FILTERS: dict[str, tuple[str, Callable[[Kennisbank], list[tuple[str, str]]], Callable[[Approach], list[str]]]] = {
    "thema": ("Thema", lambda kb: [(t.id, t.naam) for t in kb.themes.values()], lambda approach: approach.themas),
    "doelgroep": ("Doelgroep", lambda kb: [(g.id, g.naam) for g in kb.target_groups.values()], lambda approach: approach.doelgroepen),
    "erkenning": ("Erkenning", lambda kb: list(EVIDENCE_LEVELS.items()), lambda approach: [approach.erkenning.niveau]),
    "ervaringsdeskundigen": (
        "Rol van ervaringsdeskundigen", lambda kb: list(EXPERTS_BY_EXPERIENCE_ROLES.items()), lambda approach: [approach.ervaringsdeskundigen],
    ),
}


def facets(kennisbank: Kennisbank) -> list[Facet]:
    """The filters with the options some approach has; a filter with one option is left out."""
    found = []
    for name, (label, options_of, values_of) in _FILTERS.items():
        used = {value for approach in kennisbank.approaches.values() for value in values_of(approach)}
        options = [(value, text) for value, text in options_of(kennisbank) if value in used]
        if len(options) > 1:
            found.append(Facet(name, label, options))
    return found


def list_values(kennisbank: Kennisbank) -> dict:
    """What the overview template shows: the filters, and every approach by name with the
    values its card carries for them."""
    offered = facets(kennisbank)
    approaches = sorted(kennisbank.approaches.values(), key=lambda approach: approach.naam)
    return {"filters": offered, "cards": [(approach, card_values(approach, offered)) for approach in approaches]}


def card_values(approach: Approach, facets: list[Facet]) -> dict[str, str]:
    """Per offered filter, the approach's values as one space-separated attribute value."""
    return {facet.name: " ".join(_FILTERS[facet.name][2](approach)) for facet in facets}
