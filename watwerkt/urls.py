"""Where each record's page lives. URLs come from ids, never from titles."""
from __future__ import annotations

# The anchor of every generated page's title, where the theme's "Ga naar inhoud" link lands.
PAGE_TITLE_ANCHOR = "paginatitel"

SECTIONS = {"approach": "aanpakken", "project": "projectenbank", "module": "opleiding", "municipality": "gemeenten"}


def record_url(kind: str, record_id: str) -> str:
    """The site-relative URL of a record's page, e.g. 'aanpakken/samen-sterk/'."""
    return f"{SECTIONS[kind]}/{record_id}/"


def relative_root(page_url: str) -> str:
    """From a page URL such as 'aanpakken/samen-sterk/' back to the site root: '../../'."""
    depth = page_url.strip("/").count("/") + 1 if page_url.strip("/") else 0
    return "../" * depth
