"""MkDocs hook, a thin adapter over the watwerkt engine.

Before anything is built, the data is checked: any problem stops the build with the same
lines as `watwerkt check`, so no half-valid site is ever published. Then every record gets
its generated page (docs/ holds no stub file per record), and the open-data files and the
feed are added to the site. Warnings (stale records, summaries harder than B1) are logged but
never stop a build.

The engine renders record pages and components to final HTML; this hook puts that HTML in
place after MkDocs' Markdown pass, so Markdown never reads record text (see
watwerkt/rendering.py). Every page then gets its Content-Security-Policy. After the build,
every page's readability is measured and reported, and Pagefind indexes the site.
"""
from __future__ import annotations

import html
import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from watwerkt import InvalidData, UserError, reading_aid
from watwerkt.content_security import form_endpoints, with_content_security_policy
from watwerkt.rendering import GeneratedPage, TocEntry, table_of_contents
from watwerkt.search_index import SearchIndexError, build_search_index
from watwerkt.site import load_site
from watwerkt.loading import printable

log = logging.getLogger("mkdocs.hooks.kennisbank")

# The body of a generated page's source file: MkDocs reads it, the hook replaces it.
_GENERATED_SOURCE = "<!-- Deze pagina maakt watwerkt uit data/; zie watwerkt/rendering.py. -->\n"
_generated: dict[str, GeneratedPage] = {}  # src_uri → page, for this build


def _project_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def _site(config: MkDocsConfig):
    try:
        return load_site(_project_dir(config))
    except InvalidData as error:
        count = len(error.problems)
        raise Abort(f"{error}\n{count} {'probleem' if count == 1 else 'problemen'} in data/; de site is niet gebouwd.") from None
    except UserError as error:
        raise Abort(f"{printable(str(error))}\nDe site is niet gebouwd.") from None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.extra["leeshulp"] = reading_aid.page_settings()
    for warning in _site(config).warnings:
        log.info(str(warning))
    try:
        form_endpoints(config.extra.get("aanmelden", {}))  # before the build, not at its first page
    except UserError as error:
        raise Abort(f"{printable(str(error))}\nDe site is niet gebouwd.") from None
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    site = _site(config)
    site_url = config.site_url or "/"
    _generated.clear()
    for page in site.generated_pages(site_url=site_url, settings=config.extra):
        _add(files, File.generated(config, page.src_uri, content=_GENERATED_SOURCE))
        _generated[page.src_uri] = page
    for generated in site.generated_files(site_url=site_url, site_name=config.site_name):
        _add(files, File.generated(config, generated.path, content=generated.content))
    return files


def _add(files: Files, file: File) -> None:
    if files.get_file_from_path(file.src_uri) is not None:
        raise Abort(f"docs/{file.src_uri} bestaat al, maar dat bestand wordt uit de gegevens gemaakt; verwijder het.")
    files.append(file)


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    generated = _generated.get(page.file.src_uri)
    if generated is None:
        if not page.meta and markdown.startswith("---"):  # MkDocs drops front matter it cannot read, silently
            raise Abort(f"docs/{page.file.src_uri}: de kop tussen de regels met --- is geen geldige YAML; de pagina zou zonder titel verschijnen")
        return markdown
    # Material prints page.meta.title and .description into the head without escaping them.
    page.meta = {"title": html.escape(generated.title), "description": html.escape(generated.description)}
    if generated.json_ld:
        page.meta["json_ld"] = generated.json_ld
    return ""


def on_page_content(content: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    generated = _generated.get(page.file.src_uri)
    try:
        if generated is not None:
            body, toc = generated.body_html, generated.toc
        else:
            body = _site(config).held_html.release(page.file.src_uri, content)
            if body == content:
                return content
            toc = table_of_contents(body)
    except UserError as error:
        raise Abort(f"docs/{page.file.src_uri}: {printable(str(error))}") from None
    page.toc = TableOfContents([_anchor(entry) for entry in toc])
    return body


def _anchor(entry: TocEntry) -> AnchorLink:
    link = AnchorLink(entry.title, entry.id, entry.level)
    link.children = [_anchor(child) for child in entry.children]
    return link


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return _with_policy(output, config, page_content=page.content or "", where=f"docs/{page.file.src_uri}")


def on_post_template(output: str, *, template_name: str, config: MkDocsConfig) -> str:
    if not template_name.endswith(".html"):
        return output
    return _with_policy(output, config, page_content="", where=template_name)


def _with_policy(output: str, config: MkDocsConfig, *, page_content: str, where: str) -> str:
    try:
        return with_content_security_policy(output, page_content=page_content, submission_settings=config.extra.get("aanmelden", {}))
    except UserError as error:
        raise Abort(f"{where}: {printable(str(error))}") from None


def on_post_build(*, config: MkDocsConfig) -> None:
    log.info(_site(config).write_readability_report(Path(config.site_dir)))
    try:
        build_search_index(Path(config.site_dir))
    except SearchIndexError as error:
        raise Abort(str(error)) from None
