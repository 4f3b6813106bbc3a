"""MkDocs hook, a thin adapter over the watwerkt engine.

Before anything is built, the data is checked: any problem stops the build with the same
lines as `watwerkt check`, so no half-valid site is ever published. Then every record gets
its generated page; docs/ holds no stub file per record.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files

from watwerkt import InvalidData
from watwerkt.site import load_site


def _project_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        load_site(_project_dir(config))
    except InvalidData as error:
        count = len(error.problems)
        raise Abort(f"{error}\n{count} {'probleem' if count == 1 else 'problemen'} in data/; de site is niet gebouwd.") from None
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    for page in load_site(_project_dir(config)).renderer.record_pages():
        if files.get_file_from_path(page.src_uri) is not None:
            raise Abort(f"docs/{page.src_uri} bestaat al, maar die pagina wordt uit de gegevens gemaakt; verwijder het bestand.")
        files.append(File.generated(config, page.src_uri, content=page.markdown))
    return files
