"""The mkdocs-macros module, a thin adapter over the watwerkt engine.

Hand-written pages (with `render_macros: true` in their front matter) place the engine's
components by name, e.g. `{{ aanpakken_overzicht() }}`. A component is final HTML with record
text in it: the macro puts a token in the page's Markdown and the hook swaps the HTML in after
the Markdown pass, so Markdown never reads record text. Record pages are never run through
macros either, so a `{{` in submitted text stays text.
"""
from __future__ import annotations

from pathlib import Path

from watwerkt.rendering import COMPONENTS
from watwerkt.site import load_site


def define_env(env) -> None:
    project_dir = Path(env.project_dir)

    def component_macro(name: str):
        def render_component() -> str:
            site = load_site(project_dir)
            component = site.renderer.component(name, page_url=env.page.url, site_url=env.conf["site_url"] or "/", settings=env.conf["extra"])
            return site.held_html.hold(env.page.file.src_uri, component)

        return render_component

    for name in COMPONENTS:
        env.macro(component_macro(name), name)
