"""Read a built site: the links, ids and text of its pages, for tests to assert on."""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass
class Page:
    path: Path
    links: list[str] = field(default_factory=list)  # href of every <a>
    resources: list[str] = field(default_factory=list)  # src/href of scripts, styles, images
    ids: set[str] = field(default_factory=set)
    text: str = ""
    h1: str = ""
    lang: str = ""


# Elements inside a line of text: their words run on with the words around them.
INLINE = {"a", "abbr", "b", "cite", "code", "em", "i", "kbd", "mark", "q", "s", "small", "span", "strong", "sub", "sup", "time", "u"}


class _Reader(HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.texts: list[str] = []
        self.in_h1 = False
        self.skip = 0
        self.in_headerlink = False  # the ¶ link's words are for screen readers, not in the title

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag not in INLINE:
            self.texts.append(" ")  # a block's text is apart from the next; "a <a>link</a>." stays "a link."
        if "id" in attributes:
            self.page.ids.add(attributes["id"])
        if tag == "a" and attributes.get("href") is not None:
            self.page.links.append(attributes["href"])
            if attributes.get("name"):
                self.page.ids.add(attributes["name"])
        if tag in ("script", "img", "iframe") and attributes.get("src"):
            self.page.resources.append(attributes["src"])
        if tag == "link" and attributes.get("rel") in ("stylesheet", "preload", "icon", "preconnect"):
            self.page.resources.append(attributes.get("href", ""))
        if tag == "html":
            self.page.lang = attributes.get("lang", "")
        if tag == "h1":
            self.in_h1 = True
        if tag == "a" and "headerlink" in (attributes.get("class") or "").split():
            self.in_headerlink = True
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag not in INLINE:
            self.texts.append(" ")
        if tag == "a":
            self.in_headerlink = False
        if tag == "h1":
            self.in_h1 = False
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data):
        if self.skip:
            return
        self.texts.append(data)
        if self.in_h1 and not self.in_headerlink:
            self.page.h1 += data


def read_page(path: Path) -> Page:
    page = Page(path)
    reader = _Reader(page)
    reader.feed(path.read_text(encoding="utf-8"))
    page.text = " ".join("".join(reader.texts).split())
    page.h1 = page.h1.strip()
    return page


def page_at(site: Path, url: str) -> Page:
    """The page that a site-relative URL such as 'aanpakken/samen-sterk/' serves."""
    return read_page(site / url / "index.html" if url.endswith("/") or not url else site / url)


def resolve(site: Path, page: Path, href: str) -> tuple[Path, str] | None:
    """The file and fragment an internal link points to; None for links leaving the site."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    target, fragment = unquote(parts.path), unquote(parts.fragment)  # a ?query is for the page's script, not a file
    if target.startswith("/"):  # the 404 page links from the site root
        path = (site / target.lstrip("/")).resolve()
    else:
        path = (page.parent / target).resolve() if target else page
    if path.is_dir():
        path = path / "index.html"
    return path, fragment


def link_targets(site: Path, page: Page) -> set[str]:
    """Site-relative URLs ('aanpakken/samen-sterk/', with '#anchor' if any) of a page's internal links."""
    targets = set()
    for href in page.links:
        resolved = resolve(site, page.path, href)
        if resolved is None:
            continue
        path, fragment = resolved
        url = path.relative_to(site.resolve()).as_posix().removesuffix("index.html")
        targets.add(f"{url}#{fragment}" if fragment else url)
    return targets


def broken_links(site: Path) -> list[str]:
    """Every internal link or resource of the built `site` whose file or anchor is missing."""
    broken = []
    for path in site.rglob("*.html"):
        page = read_page(path)
        for href in page.links + page.resources:
            target = resolve(site, path, href)
            if target is None:
                continue
            file, fragment = target
            if not file.exists():
                broken.append(f"{path.relative_to(site)}: {href}")
            elif fragment and file.suffix == ".html" and fragment not in read_page(file).ids:
                broken.append(f"{path.relative_to(site)}: {href} (anker)")
    return broken
