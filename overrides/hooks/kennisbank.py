"""MkDocs hook, a thin adapter over the watwerkt engine.

Before anything is built, the data is checked: any problem stops the build with the same
lines as `watwerkt check`, so no half-valid site is ever published. Then every record gets
its generated page (docs/ holds no stub file per record), and the open-data files and the
feed are added to the site. Warnings (stale records, summaries harder than B1) are logged but
never stop a build. After the build, every page's readability is measured and reported, and
Pagefind indexes the site for the search box.
"""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files

from watwerkt import InvalidData
from watwerkt.search_index import SearchIndexError, build_search_index
from watwerkt.site import load_site

log = logging.getLogger("mkdocs.hooks.kennisbank")


def _project_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        load_site(_project_dir(config))
    except InvalidData as error:
        count = len(error.problems)
        raise Abort(f"{error}\n{count} {'probleem' if count == 1 else 'problemen'} in data/; de site is niet gebouwd.") from None
    for warning in load_site(_project_dir(config)).warnings:
        log.info(str(warning))
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    generated = load_site(_project_dir(config)).generated_files(site_url=config.site_url or "/", site_name=config.site_name)
    for src_uri, content in generated:
        if files.get_file_from_path(src_uri) is not None:
            raise Abort(f"docs/{src_uri} bestaat al, maar dat bestand wordt uit de gegevens gemaakt; verwijder het.")
        files.append(File.generated(config, src_uri, content=content))
    return files


def on_post_build(*, config: MkDocsConfig) -> None:
    log.info(load_site(_project_dir(config)).write_readability_report(Path(config.site_dir)))
    try:
        build_search_index(Path(config.site_dir))
    except SearchIndexError as error:
        raise Abort(str(error)) from None
