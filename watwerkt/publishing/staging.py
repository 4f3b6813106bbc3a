"""The engine drives the build: it checks the data, writes everything the site generator needs
into one staging folder, runs the generator on it, and finishes the built site.

The staging folder (`.watwerkt/staging/` in the project) is a complete, plain MkDocs project:

- `mkdocs.yml`, the project's own with its `!ENV` values filled in, plus what the engine adds
  (the reading aid's contract, the table-of-contents extension for the engine's HTML);
- `docs/`, the hand-written pages, a page per record (front matter with the head, then a
  place for the engine's final HTML, carrying its headings: Markdown never reads the HTML), the
  open data, the feed, the filter index and the components' scripts and styles;
- `onderdelen/`, the components each hand-written page places, rendered; the macros adapter
  hands them out;
- `overrides/` and `macros/`, as in the project.

Any generator that reads `mkdocs.yml` and runs mkdocs-macros builds it (MkDocs with Material,
and Zensical, its successor); none needs a hook. After the build the engine puts each record's
HTML in its place, checks that the components came through Markdown intact, and writes every
page's Content-Security-Policy, the readability report and the search index.
"""
from __future__ import annotations

import datetime
import hashlib
import html
import os
import re
import shutil
import stat
import subprocess
import sys
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import yaml

from .. import reading_aid
from ..components import COMPONENTS
from ..rendering.content_security import PLACEHOLDER_ELEMENT, check_site_settings, with_content_security_policy
from ..channels import Channels
from ..errors import UserError
from ..loading import InvalidData, printable, reference_date
from ..model import ip_address_of
from ..reuse import build_ended, keeping, per_record
from ..rendering import GeneratedPage, dutch_date, table_of_contents
from ..rendering.toc_extension import engine_html_place
from .search_index import SearchIndexError, build_search_index
from .site import Site, load_site

STAGING = Path(".watwerkt") / "staging"
ZENSICAL_OUTPUT = "zensical-site"  # inside the staging folder, for one build
COMPONENT_FOLDER = "onderdelen"  # in the staging folder, beside docs/: never a page of the site
GENERATORS = {
    "mkdocs": lambda config, site_dir: [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)],
    "zensical": lambda config, site_dir: [sys.executable, "-m", "zensical", "build", "--strict", "-f", str(config)],
}
# For `serve`'s rebuilds: MkDocs renders only the pages whose staged source is newer than the
# built page (the staging writes only files whose bytes changed). Not strict, as MkDocs warns that
# a dirty build is one; the first build of a serve session is strict.
_DIRTY_MKDOCS = lambda config, site_dir: [sys.executable, "-m", "mkdocs", "build", "--dirty", "--quiet", "-f", str(config), "-d", str(site_dir)]  # noqa: E731
# Where the theme marks the page's content (overrides/main.html): scripts inside never get a hash.
CONTENT_START, CONTENT_END = "<!--watwerkt-inhoud-->", "<!--/watwerkt-inhoud-->"
TOC_EXTENSION = "watwerkt.rendering.toc_extension"
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)


@dataclass
class Staged:
    """What the staging wrote, and what the finished site must hold."""

    folder: Path
    site: Site
    settings: dict  # the config's `extra`
    channels: Channels
    # built page (relative to the site) → the engine's HTML it must hold verbatim, with where it came from
    engine_html: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    # What every page's frame is made of: the staged files' names, the theme, the macros and the
    # configuration. A site built with the same can be brought up to date page by page.
    frame: str = ""
    # Of each built page the engine made (a record's, or a hand-written one with components):
    # what it is besides the engine's blocks (its head, its own text, the blocks' headings),
    # and the staged files it is made from.
    shapes: dict[str, bytes] = field(default_factory=dict)
    places: dict[str, str] = field(default_factory=dict)  # record page → the place its block takes (engine_html_place)
    generated_files: set[str] = field(default_factory=set)  # the engine's files in docs/ a generator copies as they are
    sources: dict[str, str] = field(default_factory=dict)  # staged file → built page
    digests: dict[str, bytes] = field(default_factory=dict)  # every staged file → the digest of its bytes

    blocks: dict[str, tuple[tuple[bytes, int], ...]] = field(default_factory=dict)  # built page → its blocks' digests and lengths

    def built_from(self) -> BuiltFrom:
        """What a site built from this staging holds, to bring it up to date later."""
        return BuiltFrom(self.frame, dict(self.digests), dict(self.shapes), dict(self.blocks))

    def add_block(self, built: str, where: str, block: str, digest: bytes | None = None) -> None:
        """The engine's HTML `block` goes into the built page `built`; `where` names its source."""
        self.engine_html.setdefault(built, []).append((where, block))
        self.blocks[built] = (*self.blocks.get(built, ()), (digest or _digest(block.encode("utf-8")), len(block)))


@dataclass(frozen=True)
class BuiltFrom:
    """What a built site was made from: its frame, every staged file's digest, and of each
    page the engine made its shape and its blocks (digest and length, in their order)."""

    frame: str
    digests: dict[str, bytes]
    shapes: dict[str, bytes]
    blocks: dict[str, tuple[tuple[bytes, int], ...]]


def site_config(project_dir: Path) -> dict:
    """The project's mkdocs.yml, with every `!ENV` value filled in as MkDocs does: the first
    variable that is set, else the last item as the default."""
    path = project_dir / "mkdocs.yml"

    class Loader(yaml.SafeLoader):
        pass

    def environment_value(loader: yaml.SafeLoader, node: yaml.Node):
        names = [loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode) else [item.value for item in node.value]
        *variables, default = names if len(names) > 1 else (*names, None)
        return next((os.environ[name] for name in variables if name in os.environ), default)

    Loader.add_constructor("!ENV", environment_value)
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)
    except yaml.YAMLError as error:
        raise UserError(f"mkdocs.yml is geen geldige YAML ({error})".replace("\n", " ")) from None
    if not isinstance(config, dict):
        raise UserError("mkdocs.yml hoort een lijst van instellingen te zijn")
    return config


def stage(project_dir: Path, *, publish: bool = False, say: Callable[[str], None] = print) -> Staged:
    """Check the data and write the staging folder; write only files whose bytes changed and
    remove what no longer belongs. With `publish`, the site's address must be its real one.
    Raises InvalidData or UserError."""
    project_dir = project_dir.resolve()
    started = time.monotonic()
    site = load_site(project_dir)
    for warning in site.warnings:
        say(str(warning))
    say(f"Gegevens gecontroleerd ({time.monotonic() - started:.1f} s).")
    config = site_config(project_dir)
    check_site_settings(config)  # before the build, not at its first page
    if publish:
        check_publish_address(config)
    channels = Channels.from_config(config)
    # Every route to the editors that exists, the one derived from repo_url included, for the
    # engine's components and the hand-written pages (config.extra.aanmelden) alike.
    config["extra"] = {**(config.get("extra") or {}), "aanmelden": channels.submission_settings()}
    settings = dict(config["extra"])
    site_url = config.get("site_url") or "/"
    folder = project_dir / STAGING
    staged = Staged(folder, site, settings, channels)
    files: dict[str, bytes] = {}
    component_pages: dict[str, str] = {}  # staged component → the hand-written page that places it

    docs = project_dir / config.get("docs_dir", "docs")
    for path in sorted(docs.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            relative = path.relative_to(docs).as_posix()
            if path.suffix == ".md":
                try:
                    text = path.read_text(encoding="utf-8")
                except UnicodeDecodeError as error:
                    raise UserError(f"docs/{relative}: byte {error.start + 1} is geen UTF-8; sla de pagina op als UTF-8") from None
                staged_components = _hand_written_page(relative, text, staged, site_url)
                for name, rendered in staged_components.items():
                    component = f"{COMPONENT_FOLDER}/{staged_component(_page_url(relative), name)}"
                    files[component] = rendered.encode("utf-8")
                    component_pages[component] = f"docs/{relative}"
            files[f"docs/{relative}"] = path.read_bytes()
    say("De pagina's van de records en de open data worden gemaakt …")
    generated = [(page.src_uri, _record_page(page, staged)) for page in site.generated_pages(site_url=site_url, settings=settings, channels=channels)]
    generated += [(file.path, file.content) for file in site.generated_files(site_url=site_url, site_name=config.get("site_name", ""))]
    hand_written_urls = {_page_url(name.removeprefix("docs/")): name for name in files if name.startswith("docs/") and name.endswith(".md")}
    for path, content in generated:
        clash = f"docs/{path}" if f"docs/{path}" in files else hand_written_urls.get(_page_url(path)) if path.endswith(".md") else None
        if clash:
            raise UserError(f"{clash} bestaat al, maar dat bestand wordt uit de gegevens gemaakt; verwijder het.")
        files[f"docs/{path}"] = content.encode("utf-8") if isinstance(content, str) else content
        if Path(path).suffix in _COPIED_AS_THEY_ARE and not path.startswith(("templates/", ".")):
            staged.generated_files.add(f"docs/{path}")
    for part in ("overrides", "macros"):
        for path in sorted((project_dir / part).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and not path.name.startswith("test_"):
                files[f"{part}/{path.relative_to(project_dir / part).as_posix()}"] = path.read_bytes()
    files["mkdocs.yml"] = yaml.safe_dump(_staged_config(config, last_updated(project_dir)), allow_unicode=True, sort_keys=False).encode("utf-8")
    written = _write_changed(folder, files)
    staged.digests = {relative: _STAGED[os.path.join(folder, relative)][2] for relative in files}
    # A page whose component changed is new to the generator too, though its own text is not.
    for page in sorted({component_pages[path] for path in written if path in component_pages}):
        os.utime(folder / page)
    staged.frame = _frame_signature(files)
    made = f"{_pages(site.renderer.pages_made)} uit de gegevens gemaakt, " if keeping() else ""
    say(f"Klaargezet in {STAGING}/: {made}{len(files)} bestanden, {len(written)} gewijzigd ({time.monotonic() - started:.1f} s).")
    return staged


_LOOPBACK_HOSTS = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback", "0.0.0.0", "::", "::1"}
_PLAIN_HOST = re.compile(r"(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.?|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?")


def check_publish_address(config: dict) -> None:
    """A site that goes online needs its own address: the feed, the open data, the fixed links
    trainers copy and the sitemap are written with it. Raises UserError when SITE_URL is not
    set, is no https:// address, or points at this computer."""
    address = (config.get("site_url") or "").strip()
    if not os.environ.get("SITE_URL", "").strip() or not address:
        raise UserError(
            "SITE_URL is niet gezet. Een build om te publiceren heeft het webadres van de site nodig, zoals "
            "SITE_URL=https://organisatie.github.io/wat-werkt/ (de workflow .github/workflows/publiceren.yml haalt het uit "
            "GitHub Pages). Om de site op deze computer te bekijken: make serve"
        )
    try:
        parts = urllib.parse.urlsplit(address)
        host = (parts.hostname or "").rstrip(".").lower()
    except ValueError:
        parts, host = None, ""
    # A host as a browser reads it only when it is plain: no escapes (%6c), no other scripts'
    # digits or dots (１２７, 。), no invisible characters, no name before an @ and no \.
    plain = parts is not None and _PLAIN_HOST.fullmatch(parts.netloc) is not None
    if not plain or parts.scheme != "https" or not host or parts.query or parts.fragment:
        raise UserError(
            f"SITE_URL {printable(address[:80])!r} is geen webadres om te publiceren: schrijf het volledige adres van de site, "
            "beginnend met https://, zoals https://organisatie.github.io/wat-werkt/"
        )
    if host in _LOOPBACK_HOSTS or host.endswith(".localhost") or _is_loopback_address(host):
        raise UserError(
            f"SITE_URL {printable(address[:80])!r} wijst naar deze computer; de gepubliceerde site zou dan naar de computer "
            "van elke lezer linken. Zet SITE_URL op het echte adres, zoals https://organisatie.github.io/wat-werkt/"
        )


def _is_loopback_address(host: str) -> bool:
    """127.0.0.1 in any spelling a browser reads: 127.1, 2130706433, 0x7f.0.0.1, [::1]."""
    address = ip_address_of(host.strip("[]"))
    if address is None:
        return False
    mapped = address.ipv4_mapped if address.version == 6 else None
    return address.is_loopback or address.is_unspecified or (mapped is not None and (mapped.is_loopback or mapped.is_unspecified))


def last_updated(project_dir: Path) -> datetime.date:
    """When the site's sources last changed: the date of the checkout's last commit (the publish
    build runs on every push), or, outside a git checkout or with SOURCE_DATE_EPOCH set, the
    build's own date. Shown as "Laatst bijgewerkt" in every page's footer."""
    if not os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        try:
            result = subprocess.run(
                ["git", "-C", str(project_dir), "log", "-1", "--format=%cs"], capture_output=True, text=True, timeout=10, check=False
            )
            if result.returncode == 0 and result.stdout.strip():
                return datetime.date.fromisoformat(result.stdout.strip())
        except (OSError, ValueError, subprocess.SubprocessError):
            pass
    return reference_date()


def _staged_config(config: dict, updated: datetime.date) -> dict:
    staged = {key: value for key, value in config.items() if key not in ("hooks", "watch", "site_dir")}
    staged["docs_dir"] = "docs"
    theme = dict(staged.get("theme") or {})
    theme["custom_dir"] = "overrides"
    staged["theme"] = theme
    staged["extra"] = {
        **(staged.get("extra") or {}),
        "leeshulp": reading_aid.page_settings(),
        "laatst_bijgewerkt": {"datum": updated.isoformat(), "tekst": dutch_date(updated.isoformat())},
    }
    extensions = list(staged.get("markdown_extensions") or [])
    staged["markdown_extensions"] = [*extensions, TOC_EXTENSION]
    return staged


def _record_page(page: GeneratedPage, staged: Staged) -> bytes:
    """A record's page for the generator: its head as front matter (escaped, as the theme prints
    it unescaped), its body a place for the engine's HTML, which `finish` puts in the built page.
    Markdown never reads the engine's HTML: the place says only what the page's table of
    contents holds (toc_extension.py). Staged once per page made (`serve` gets most pages as
    they were made before)."""
    built, body, body_digest, place, shape, staged_page = per_record("staged page", page, b"", lambda: _staged_record_page(page))
    staged.add_block(built, f"de pagina {page.src_uri}", body, body_digest)
    staged.places[built] = place
    staged.shapes[built] = shape
    staged.sources[f"docs/{page.src_uri}"] = built
    return staged_page


def _staged_record_page(page: GeneratedPage) -> tuple[str, str, bytes, str, bytes, bytes]:
    """Where the page is built, its block and the block's digest, the place for it, its shape
    and its staged bytes."""
    body = _raw_block(page.body_html)
    head = _front_matter(page.title, page.description, page.json_ld)
    place = engine_html_place(page.toc, has_title="<h1" in body)  # what the theme would find in the block itself
    staged_page = f"---\n{head}---\n\n{place}\n".encode("utf-8")
    _remember_digest(staged_page)
    shape = _digest(f"{head}\0{page.toc!r}".encode("utf-8"))
    return _built_path(page.src_uri), body, _digest(body.encode("utf-8")), place, shape, staged_page


def _front_matter(title: str, description: str, json_ld: str | None) -> str:
    head = {"title": html.escape(title), "description": html.escape(description)}
    if json_ld:
        head["json_ld"] = json_ld
    return yaml.dump(head, Dumper=_FAST_DUMPER, allow_unicode=True, sort_keys=False)


_FAST_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's, where PyYAML has it: ten times as fast


def _hand_written_page(relative: str, text: str, staged: Staged, site_url: str) -> dict[str, str]:
    """The components a hand-written page places, rendered for it. Its front matter must parse:
    a generator would drop it silently, and the page would lose its title."""
    head = _FRONT_MATTER.match(text)
    meta = {}
    if text.startswith("---"):
        try:
            meta = (yaml.safe_load(head.group(1) or "") or {}) if head else None
        except yaml.YAMLError:
            meta = None
        if not isinstance(meta, dict):
            raise UserError(f"docs/{relative}: de kop tussen de regels met --- is geen geldige YAML; de pagina zou zonder titel verschijnen")
    if meta.get("render_macros") is not True:
        return {}
    if not (relative == "index.md" or relative.endswith("/index.md")):
        folder = relative.removesuffix(".md")
        raise UserError(
            f"docs/{relative}: een pagina met onderdelen hoort docs/{folder}/index.md te heten; "
            "dan wijzen de links in die onderdelen voor elke sitegenerator naar dezelfde plek"
        )
    page_url = _page_url(relative)
    built = _built_path(relative)
    rendered, headings = {}, []
    for name in sorted(set(re.findall(r"\{\{\s*(\w+)\s*\(\s*\)\s*\}\}", text)) & set(COMPONENTS)):
        component = _raw_block(staged.site.component(name, page_url=page_url, site_url=site_url, settings=staged.settings))
        headings.append(table_of_contents(component))  # two headings with one id stop the build here, with a message
        rendered[name] = component
        staged.add_block(built, f"docs/{relative}: {{{{ {name}() }}}}", component)
        staged.sources[f"{COMPONENT_FOLDER}/{staged_component(page_url, name)}"] = built
    if rendered:
        placed = re.findall(r"\{\{\s*(\w+)\s*\(\s*\)\s*\}\}", text)
        if len(placed) == len(set(placed)):  # a component placed twice is left to the generator: `serve` puts each block in once
            staged.shapes[built] = _digest(text.encode("utf-8") + f"\0{headings!r}".encode("utf-8"))
        staged.sources[f"docs/{relative}"] = built
    return rendered


def staged_component(page_url: str, name: str) -> str:
    """Where in COMPONENT_FOLDER the component `name` of the page at `page_url` is staged; the
    macros adapter asks by the page's URL, which every generator gives it."""
    return f"{page_url.strip('/')}/{name}.html".lstrip("/")


def _raw_block(body: str) -> str:
    """`body` as one block-level element, so that Markdown passes it through whole, and in the
    form Markdown's first step leaves it (tabs expanded, blank lines empty), so that what comes
    out can be compared with it byte for byte."""
    block = f'<div class="ww-motor">\n{body.strip()}\n</div>'
    return re.sub(r"(?<=\n) +\n", "\n", block.expandtabs(4))


def _page_url(src_uri: str) -> str:
    path = src_uri.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        return path.removesuffix("index")
    return path + "/"


def _built_path(src_uri: str) -> str:
    return _page_url(src_uri) + "index.html"


def _frame_signature(files: dict[str, bytes]) -> str:
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.encode("utf-8") + b"\0")
        if not path.startswith(("docs/", f"{COMPONENT_FOLDER}/")):
            digest.update(hashlib.sha256(files[path]).digest())
    return digest.hexdigest()


def _digest(content: bytes) -> bytes:
    known = _DIGESTS.get(id(content))
    if known is not None and known[0] is content:
        return known[1]
    return hashlib.blake2b(content, digest_size=16).digest()


# Digests of staged contents kept between builds (`serve`), by the bytes themselves: each entry
# holds its bytes, so that no id() is reused while it stands.
_DIGESTS: dict[int, tuple[bytes, bytes]] = {}


def _remember_digest(content: bytes) -> None:
    if keeping():
        _DIGESTS[id(content)] = (content, hashlib.blake2b(content, digest_size=16).digest())


_STAGED: dict[str, tuple[int, int, bytes]] = {}  # staged file → its size, time and digest when last written or read


def _write_changed(folder: Path, files: dict[str, bytes]) -> list[str]:
    """Write each file whose bytes differ, remove files no longer staged; return those written."""
    written, root = [], str(folder)
    for relative, content in files.items():
        target = os.path.join(root, relative)
        digest = _digest(content)
        try:
            status = os.lstat(target)
        except OSError:
            status = None
        # A file this process wrote or read before, unchanged since (same size and time), is
        # known by its digest; any other is read.
        if status is not None and stat.S_ISREG(status.st_mode):
            known = _STAGED.get(target)
            if known == (status.st_size, status.st_mtime_ns, digest) or (known is None or known[:2] != (status.st_size, status.st_mtime_ns)) and _bytes_of(target) == content:
                _STAGED[target] = (status.st_size, status.st_mtime_ns, digest)
                continue
        os.makedirs(os.path.dirname(target), exist_ok=True)
        temporary = os.path.join(os.path.dirname(target), f".{os.path.basename(target)}.nieuw")
        with open(temporary, "wb") as file:
            file.write(content)
        os.replace(temporary, target)
        status = os.lstat(target)
        _STAGED[target] = (status.st_size, status.st_mtime_ns, digest)
        written.append(relative)
    for unasked in set(_DIGESTS) - {id(content) for content in files.values()}:  # contents no longer staged
        del _DIGESTS[unasked]
    holding = {""}  # the folders that hold a staged file, and the folders above them
    for relative in files:
        folder_of = relative.rpartition("/")[0]
        while folder_of not in holding:
            holding.add(folder_of)
            folder_of = folder_of.rpartition("/")[0]
    for directory, folders, names in os.walk(root, topdown=False):  # the deepest first, so emptied folders go too
        prefix = os.path.relpath(directory, root).replace(os.sep, "/")
        prefix = "" if prefix == "." else prefix + "/"
        for name in names:
            if prefix + name not in files:
                os.unlink(os.path.join(directory, name))
                _STAGED.pop(os.path.join(directory, name), None)
        for name in folders:
            path = os.path.join(directory, name)
            if prefix + name not in holding and not os.path.islink(path) and not os.listdir(path):
                os.rmdir(path)
    return written


def _bytes_of(path: str) -> bytes:
    with open(path, "rb") as file:
        return file.read()


def run_generator(staged: Staged, site_dir: Path, *, generator: str = "mkdocs", dirty: bool = False) -> None:
    """Build the staged project into `site_dir`; the generator's own lines pass through. With
    `dirty` (MkDocs only), a site already in `site_dir` is brought up to date page by page."""
    config = staged.folder / "mkdocs.yml"
    # Zensical takes the output folder from the config only, and only inside the project: it
    # builds into the staging folder, and the site is moved to `site_dir` afterwards.
    output = staged.folder / ZENSICAL_OUTPUT if generator == "zensical" else site_dir.resolve()
    if generator == "zensical":
        data = yaml.safe_load(config.read_text(encoding="utf-8"))
        data["site_dir"] = ZENSICAL_OUTPUT
        config.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        shutil.rmtree(output, ignore_errors=True)
    command = _DIRTY_MKDOCS(config, output) if dirty and generator == "mkdocs" else GENERATORS[generator](config, output)
    # The generator's process (the macros adapter, the toc extension) uses this very engine.
    engine = str(Path(__file__).resolve().parent.parent)
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=os.pathsep.join(filter(None, [engine, os.environ.get("PYTHONPATH")])))
    try:
        result = subprocess.run(command, cwd=staged.folder, env=environment)
    except FileNotFoundError:
        raise UserError(f"{command[0]} is niet geïnstalleerd; de site is niet gebouwd") from None
    if result.returncode != 0:
        raise UserError(f"{generator} kon de site niet bouwen (zie de regels hierboven); de site is niet gebouwd")
    if generator == "zensical":
        shutil.rmtree(site_dir, ignore_errors=True)
        shutil.move(output, site_dir)


def finish(
    staged: Staged, site_dir: Path, *, say: Callable[[str], None] = print, search: bool = True, readability: bool = True,
    written_since: float | None = None,
) -> None:
    """Check the built site and complete it: the engine's HTML intact on every page, a policy
    per page, and (unless switched off, as `serve` does on a rebuild) the readability report and
    the search index. With `written_since` (a dirty build), only the pages the generator wrote
    from that moment on: every other page was checked and completed by the build that wrote it."""
    started = time.monotonic()

    pages = _html_pages(site_dir)  # every page, with the time it was written

    def new(where: str) -> bool:
        return written_since is None or pages.get(where, written_since) >= written_since

    def with_policy(text: str, where: str) -> str:
        """`text` with its policy filled in (a page without the theme's placeholder must have one)."""
        if PLACEHOLDER_ELEMENT not in text:
            if 'http-equiv="Content-Security-Policy"' not in text:
                raise UserError(f"{where}: deze pagina heeft geen Content-Security-Policy")
            return text
        try:
            return with_content_security_policy(text, page_content=_content_of(text, where), submission_settings=staged.settings.get("aanmelden") or {})
        except UserError as error:
            raise UserError(f"{where}: {error}") from None

    completed: set[str] = set()  # pages read and written once: the engine's HTML in place, the policy filled in
    for built, expected in staged.engine_html.items():
        page = site_dir / built
        if not new(built):
            continue
        text = original = page.read_text(encoding="utf-8") if built in pages else ""
        if built in staged.places:  # a record's page: its block goes in its place (unless `serve` put it there)
            places = text.count(staged.places[built])
            if places > 1 or (places == 0 and expected[0][1] not in text):
                raise UserError(f"{built}: de plaats voor de HTML van de motor staat er niet precies één keer in; de site is niet af")
            text = text.replace(staged.places[built], expected[0][1], 1)
        missing = [where for where, block in expected if block not in text]
        if missing:
            raise UserError(
                f"{missing[0].split(':')[0]}: {len(missing)} onderdeel/onderdelen kwamen niet heelhuids door Markdown; "
                "zet elk {{ onderdeel() }} op een eigen regel, met een lege regel ervoor en erna"
            )
        text = with_policy(text, built)
        if text != original:
            page.write_text(text, encoding="utf-8")
        completed.add(built)
    for where in sorted(pages):
        if where in completed or not new(where):
            continue
        page = site_dir / where
        text = page.read_text(encoding="utf-8")
        completed_text = with_policy(text, where)
        if completed_text != text:
            page.write_text(completed_text, encoding="utf-8")
    if readability or search:
        say(f"{' en '.join(['de leesbaarheid wordt gemeten'] * readability + ['de zoekindex wordt gemaakt'] * search).capitalize()} …")
    # Pagefind is a process of its own: it indexes while the readability is measured here.
    with ThreadPoolExecutor(max_workers=1) as indexing:
        index = indexing.submit(build_search_index, site_dir) if search else None
        if readability:
            say(staged.site.write_readability_report(site_dir))
        try:
            if index is not None:
                index.result()
        except SearchIndexError as error:
            raise UserError(str(error)) from None
    done = ["controle", "Content-Security-Policy"] + ["leesbaarheid"] * readability + ["zoekindex"] * search
    say(f"Site afgemaakt: {', '.join(done)} ({time.monotonic() - started:.1f} s).")


def _html_pages(site_dir: Path) -> dict[str, float]:
    """Every HTML file below `site_dir` (its path from there) and when it was last written."""
    pages = {}
    for directory, _, names in os.walk(site_dir):
        prefix = os.path.relpath(directory, site_dir).replace(os.sep, "/")
        for name in names:
            if name.endswith(".html"):
                pages[name if prefix == "." else f"{prefix}/{name}"] = os.stat(os.path.join(directory, name)).st_mtime
    return pages


def _content_of(page_html: str, where: str) -> str:
    """The page's content, between the theme's marks; empty on a page without content (404)."""
    starts, ends = page_html.count(CONTENT_START), page_html.count(CONTENT_END)
    if (starts, ends) == (0, 0):
        return ""
    if (starts, ends) != (1, 1):
        raise UserError(f"{where}: de inhoud hoort één keer gemarkeerd te zijn (overrides/main.html)")
    return page_html[page_html.index(CONTENT_START) : page_html.index(CONTENT_END) + len(CONTENT_END)]


def failure_message(error: UserError) -> str:
    """What a build that stopped says last: the problems, and that nothing was built."""
    if isinstance(error, InvalidData):
        count = len(error.problems)
        return f"{error}\n{count} {'probleem' if count == 1 else 'problemen'} in data/; de site is niet gebouwd."
    return f"{printable(str(error))}\nDe site is niet gebouwd."


def build(
    project_dir: Path, site_dir: Path, *, generator: str = "mkdocs", publish: bool = False, say: Callable[[str], None] = print,
    search: bool = True, readability: bool = True, built_from: BuiltFrom | None = None,
) -> Staged:
    """Check, stage, build and finish: the whole site in `site_dir`, or a UserError. With
    `publish` (the build that goes online), a missing or local SITE_URL stops it first. With
    `built_from` (`serve`: what the site in `site_dir` was built from), a site with the same
    frame is brought up to date: the engine puts its changed blocks into the pages it made
    itself, and the generator renders only the other pages whose sources changed."""
    staged = stage(project_dir, publish=publish, say=say)
    started = time.monotonic()
    dirty = generator == "mkdocs" and built_from is not None and built_from.frame == staged.frame and site_dir.is_dir()
    generator_started = time.time() - 1  # file times may lag the clock a little: one second spare
    updated, left = up_to_date(staged, site_dir, built_from) if dirty else (0, None)
    if dirty:
        say(f"{_pages(updated)} bijgewerkt door de motor ({time.monotonic() - started:.1f} s).")
    if left == []:
        say(f"Niets meer voor {generator}: de site in {site_dir}/ is bij, zonder {generator}.")
    else:
        say(f"{generator} bouwt {f'de {len(left)} andere gewijzigde bron(nen)' if dirty else 'de site'} in {site_dir}/ …")
        run_generator(staged, site_dir, generator=generator, dirty=dirty)
        say(f"{generator} is klaar ({time.monotonic() - started:.1f} s).")
    finish(staged, site_dir, say=say, search=search, readability=readability, written_since=generator_started if dirty else None)
    build_ended()
    return staged


# A block of the engine's HTML in a built page starts so (_raw_block); its length and digest
# tell it from any other text.
_BLOCK_START = '<div class="ww-motor">'
# The engine's own files in docs/ that a generator copies as they are (the open data, the feed,
# the filter index, the components' scripts and styles). Its pages (.md) and any HTML are its
# own work, and what the project writes in docs/ it may leave out (templates/, exclude_docs).
_COPIED_AS_THEY_ARE = {".json", ".csv", ".xml", ".js", ".css", ".svg", ".png", ".txt"}


def _pages(count: int) -> str:
    return f"{count} {'pagina' if count == 1 else 'pagina’s'}"


def up_to_date(staged: Staged, site_dir: Path, built_from: BuiltFrom) -> tuple[int, list[str]]:
    """Bring the site in `site_dir`, built from `built_from` with the same frame, up to date
    where the engine can: a page it made whose shape is the same (head, own text, headings)
    gets its changed blocks put in place of the old ones, and a changed file the generator
    copies as it is is copied. Returns how many pages it brought up to date, and the changed
    staged files (or built pages) left to the generator."""
    left, updated = [], 0
    pages = {page for page, blocks in staged.blocks.items() if built_from.blocks.get(page) != blocks}  # a record's block is in no staged file
    for path, digest in staged.digests.items():
        if built_from.digests.get(path) == digest:
            continue
        if path in staged.sources:
            pages.add(staged.sources[path])
        elif path in staged.generated_files and _copied(staged.folder / path, site_dir / path.removeprefix("docs/")):
            continue
        else:
            left.append(path)
    for page in sorted(pages):
        blocks = [block for _, block in staged.engine_html[page]]
        old = built_from.blocks.get(page, ())
        patched = None
        if page in staged.shapes and built_from.shapes.get(page) == staged.shapes[page] and len(old) == len(blocks) and (site_dir / page).is_file():
            patched = _with_blocks((site_dir / page).read_text(encoding="utf-8"), old, blocks)
        if patched is None:  # for the generator, which renders a page whose source is newer than it
            left.append(page)
            for source in [source for source, built in staged.sources.items() if built == page and source.endswith(".md")]:
                os.utime(staged.folder / source)
            continue
        try:
            temporary = (site_dir / page).with_name(".index.html.nieuw")
            temporary.write_text(patched, encoding="utf-8")
            os.replace(temporary, site_dir / page)
        except OSError:  # the generator, which says why if it fails too
            left.append(page)
            continue
        updated += 1
    return updated, left


def _copied(source: Path, target: Path) -> bool:
    """Whether `source` could be copied over `target`, in a folder that is there."""
    if not target.parent.is_dir():
        return False
    try:
        temporary = target.with_name(f".{target.name}.nieuw")
        shutil.copyfile(source, temporary)
        os.replace(temporary, target)
        return True
    except OSError:
        return False


def _with_blocks(page_html: str, old: tuple[tuple[bytes, int], ...], new: list[str]) -> str | None:
    """`page_html` with each old block (digest and length, in order) replaced by its new one;
    None when one is not found."""
    parts, position = [], 0
    for (digest, length), block in zip(old, new):
        start = page_html.find(_BLOCK_START, position)
        while start >= 0 and _digest(page_html[start : start + length].encode("utf-8")) != digest:
            start = page_html.find(_BLOCK_START, start + 1)
        if start < 0:
            return None
        parts += [page_html[position:start], block]
        position = start + length
    return "".join(parts) + page_html[position:]
