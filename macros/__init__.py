"""The mkdocs-macros module, a thin adapter: hand-written pages place the engine's components by
name, e.g. `{{ aanpakken_overzicht() }}`.

The engine renders every component a page places while it stages the site
(watwerkt/publishing/staging.py); a macro only hands that HTML out, as one raw block Markdown passes
through untouched. The engine checks after the build that it came through whole. Record pages
never run through macros, so a `{{` in submitted text stays text.
"""
from __future__ import annotations

from pathlib import Path

from watwerkt.components import COMPONENTS
from watwerkt.publishing.staging import COMPONENT_FOLDER, staged_component


def define_env(env) -> None:
    staged_components = Path(env.project_dir) / COMPONENT_FOLDER

    def component_macro(name: str):
        def render_component() -> str:
            path = staged_components / staged_component(env.page.url, name)
            if not path.is_file():
                raise LookupError(
                    f"{env.page.url or '/'}: het onderdeel {name}() is niet klaargezet; "
                    "bouw de site met `make build` of `watwerkt build`, niet met mkdocs zelf"
                )
            return path.read_text(encoding="utf-8")

        return render_component

    for name in COMPONENTS:
        env.macro(component_macro(name), name)
