"""The filter panel that the approaches list and the projectenbank share: what a facet is, and
the width below which its choices start folded (fold.js reads it from the page)."""
from __future__ import annotations

from dataclasses import dataclass

# Below this width the layout is a phone's (Material's own breakpoint; style.css uses it too):
# there the filter choices start folded.
PHONE_MAX_WIDTH = "44.9375em"


@dataclass(frozen=True)
class Facet:
    name: str  # the URL query parameter
    label: str
    options: list[tuple[str, str]]  # (value, label), in display order
