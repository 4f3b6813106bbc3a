"""Every address the site has, made here and nowhere else. Record URLs come from ids, never
from titles."""
from __future__ import annotations

# The anchor of every generated page's title, where the theme's "Ga naar inhoud" link lands.
PAGE_TITLE_ANCHOR = "paginatitel"

SECTIONS = {"approach": "aanpakken", "project": "projectenbank", "module": "opleiding", "municipality": "gemeenten"}


def record_url(kind: str, record_id: str) -> str:
    """The site-relative URL of a record's page, e.g. 'aanpakken/samen-sterk/'."""
    return f"{SECTIONS[kind]}/{record_id}/"


# Every component once, for whoever works on the site (out of the menu and the search).
PATTERNS_PAGE = "patronen/"

# The files the site publishes beside its pages.
PROJECT_INDEX = "projectenbank/index.json"  # what the projectenbank's filter loads
PROJECT_TEXTS = "projectenbank/teksten.json"  # its summaries and description words, loaded once the reader filters
FEED = "projectenbank/feed.xml"
PROJECT_SCHEMA = "open-data/project.schema.json"


def open_data(file_name: str) -> str:
    """The address of a download on /open-data/, e.g. 'open-data/projecten.csv'."""
    return f"open-data/{file_name}"


def project_list_page(page: int) -> str:
    """A page of the projectenbank's list for readers without JavaScript; page 1 is the bank itself."""
    return f"{SECTIONS['project']}/" if page == 1 else f"{SECTIONS['project']}/pagina/{page}/"


def relative_root(page_url: str) -> str:
    """From a page URL such as 'aanpakken/samen-sterk/' back to the site root: '../../'."""
    depth = page_url.strip("/").count("/") + 1 if page_url.strip("/") else 0
    return "../" * depth


# Where the components' scripts and styles are published: the engine's (watwerkt/components/)
# and the theme's (overrides/components/, copied by the site generator) side by side.
COMPONENT_ASSETS = "components/"


def component_asset(component: str, file_name: str) -> str:
    """The address of a component's script or style, e.g. 'components/project_list/script.js'."""
    return f"{COMPONENT_ASSETS}{component}/{file_name}"
