"""The mkdocs-macros module, a thin adapter over the watwerkt engine.

Hand-written pages (with `render_macros: true` in their front matter) place the engine's
components by name, e.g. `{{ aanpakken_overzicht() }}`. Record pages are never run through
macros, so a `{{` in submitted text stays text.
"""
from __future__ import annotations

from pathlib import Path

from watwerkt.rendering import COMPONENTS
from watwerkt.site import load_site


def define_env(env) -> None:
    project_dir = Path(env.project_dir)

    def component_macro(name: str):
        def render_component() -> str:
            return load_site(project_dir).renderer.component(
                name, page_url=env.page.url, site_url=env.conf["site_url"] or "/", settings=env.conf["extra"]
            )

        return render_component

    for name in COMPONENTS:
        env.macro(component_macro(name), name)
