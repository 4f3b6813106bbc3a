"""The approaches overview: the filters it offers, declared once here. The page renders every
approach as a card carrying its values; with JavaScript, aanpakfilter.js shows the form and
hides the cards that do not match. It reads the filters' names from the form."""
from __future__ import annotations

from .kennisbank import Kennisbank
from .labels import EVIDENCE_LEVELS, EXPERTS_BY_EXPERIENCE_ROLES
from .model import Approach
from .projectenbank import Facet


def facets(kennisbank: Kennisbank) -> list[Facet]:
    used_levels = {approach.erkenning.niveau for approach in kennisbank.approaches.values()}
    return [
        Facet("thema", "Thema", [(t.id, t.naam) for t in kennisbank.themes.values()]),
        Facet("doelgroep", "Doelgroep", [(g.id, g.naam) for g in kennisbank.target_groups.values()]),
        Facet("erkenning", "Erkenning", [(level, label) for level, label in EVIDENCE_LEVELS.items() if level in used_levels]),
        Facet("ervaringsdeskundigen", "Rol van ervaringsdeskundigen", list(EXPERTS_BY_EXPERIENCE_ROLES.items())),
    ]


def card_values(approach: Approach) -> dict[str, str]:
    """Per facet, the approach's values as one space-separated attribute value."""
    return {
        "thema": " ".join(approach.themas),
        "doelgroep": " ".join(approach.doelgroepen),
        "erkenning": approach.erkenning.niveau,
        "ervaringsdeskundigen": approach.ervaringsdeskundigen,
    }
