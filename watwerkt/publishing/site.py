"""A project's kennisbank and its renderer, loaded once while data/ stays unchanged."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..channels import Channels
from ..components import project_list, published_assets
from .exports import exports
from ..kennisbank import Kennisbank
from ..readability import Scorer, hand_written_pages, readability_log, readability_report, site_readability
from ..components import FOLDER as COMPONENTS_FOLDER
from ..rendering import TEMPLATES, GeneratedFile, GeneratedPage, Renderer
from ..rendering.made_pages import templates_signature
from .contributor_guide import contributor_guide
from ..urls import PROJECT_INDEX, PROJECT_TEXTS
from ..loading import Problem, load_kennisbank_and_warnings, reference_date

READABILITY_REPORT = "leesbaarheid.csv"


@dataclass(frozen=True)
class Site:
    kennisbank: Kennisbank
    renderer: Renderer
    warnings: list[Problem] = field(default_factory=list)  # worth an editor's look; no reason to stop
    project_dir: Path | None = None  # where the hand-written pages are, for their readability reasons
    _pages: dict = field(default_factory=dict, repr=False, compare=False)  # what generated_pages and _files made, once
    _components: dict = field(default_factory=dict, repr=False, compare=False)  # what component made, once

    @cached_property
    def readability_scorer(self) -> Scorer:
        return Scorer(self.kennisbank.known_terms())

    def write_readability_report(self, site_dir: Path) -> str:
        """Score every page of the built site, write the report beside them, and return the
        lines for the build log: a summary, and why each page below B1 is (or a warning)."""
        pages = site_readability(site_dir, self.readability_scorer)
        hand_written = hand_written_pages(self.project_dir / "docs") if self.project_dir else {}
        (site_dir / READABILITY_REPORT).write_text(readability_report(pages, hand_written), encoding="utf-8")
        return "\n".join(readability_log(pages, hand_written))

    def generated_pages(self, *, site_url: str, settings: dict, channels: Channels = Channels()) -> list[GeneratedPage]:
        """A page per record and the patterns page, as final HTML: the staging gives the
        generator a place for it and puts it there after the build. `settings` are the site's own (such as where submissions go), `channels` the
        routes to the editors (for "Klopt er iets niet?"). Made once for the same data and
        settings: a rebuild after editing a hand-written page (`serve`) reuses them."""
        key = (site_url, json.dumps(settings, sort_keys=True, default=str), channels, templates_signature((TEMPLATES, COMPONENTS_FOLDER)))
        if key not in self._pages:
            for stale in [known for known in self._pages if known[0] != "data files"]:
                del self._pages[stale]
            self._pages[key] = [*self.renderer.record_pages(site_url=site_url, channels=channels), self.renderer.patterns_page(site_url=site_url, settings=settings)]
        else:
            self.renderer.pages_made = 0  # none made this time
        return self._pages[key]

    def component(self, name: str, *, page_url: str, site_url: str, settings: dict) -> str:
        """The component `name` for the hand-written page at `page_url`; made once for the same
        data, settings and templates: a rebuild after editing a hand-written page reuses it."""
        key = (name, page_url, site_url, json.dumps(settings, sort_keys=True, default=str), templates_signature((TEMPLATES, COMPONENTS_FOLDER)))
        if key not in self._components:
            self._components[key] = self.renderer.component(name, page_url=page_url, site_url=site_url, settings=settings)
        return self._components[key]

    def generated_files(self, *, site_url: str, site_name: str) -> list[GeneratedFile]:
        """Every other file the engine adds to the site: the open data and feed, the
        projectenbank's filter index, redirects from old module addresses, the components'
        scripts and styles, and the contributor guide (a hand-written page, CONTRIBUTING.md, on the site too)."""
        key = ("data files", site_url, site_name)
        if key not in self._pages:  # from the data alone: made once for the same data
            self._pages[key] = [
                *(GeneratedFile(export.path, export.content) for export in exports(self.kennisbank, site_url=site_url, site_name=site_name)),
                GeneratedFile(PROJECT_INDEX, project_list.filter_index(self.kennisbank)),
                GeneratedFile(PROJECT_TEXTS, project_list.filter_texts(self.kennisbank)),
            ]
        files = list(self._pages[key])
        files += self.renderer.redirect_files()
        files.append(GeneratedFile("bijdragen.md", contributor_guide()))
        files += [GeneratedFile(path, content) for path, content in published_assets()]
        # Written again after the build (write_readability_report); listed now so links to it work.
        files.append(GeneratedFile(READABILITY_REPORT, readability_report([])))
        return files


_loaded: dict[tuple, Site] = {}


def load_site(project_dir: Path) -> Site:
    """The validated kennisbank in `project_dir`/data; raises InvalidData listing every problem.

    A build asks for it from several places (the page generator, every macro call); the files
    are read and checked once, and again only when one of them changes.
    """
    project_dir = Path(project_dir).resolve()
    data_dir = project_dir / "data"
    today = reference_date()
    # lstat: a data file that is a link is refused by the check, not followed here.
    signature = (project_dir, today, *((path.name, path.lstat().st_mtime_ns, path.lstat().st_size) for path in sorted(data_dir.glob("*.yaml"))))
    if signature not in _loaded:
        kennisbank, warnings = load_kennisbank_and_warnings(data_dir, relative_to=project_dir, today=today)
        _loaded.clear()
        _loaded[signature] = Site(kennisbank, Renderer(kennisbank, today=today), warnings=warnings, project_dir=project_dir)
    return _loaded[signature]
