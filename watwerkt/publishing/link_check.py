"""Check the links from the built site to other websites.

Internal links are checked by the tests on every build; links to other sites break on their
own schedule, so this is a separate command (`watwerkt links`) that never blocks a build. It
asks each address once (HEAD, or GET where a server refuses HEAD), follows redirects, and
tells for a broken link which pages and which source lines hold it.
"""
from __future__ import annotations

import re
import socket
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable

from ..loading.yaml_source import read_text_file

USER_AGENT = "WatWerkt-linkcontrole/1.0 (kennisbank armoede Noord-Nederland)"
GONE = {404, 410}  # the page is not there: broken for sure
_SITEMAP_LOC = re.compile(r"<loc>(.*?)</loc>")
# Far above any page of the site (the projectenbank with 10,000 projects), far below harm.
MAX_FILE_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class LinkStatus:
    url: str
    status: int | None  # the final HTTP status, after redirects; None when no answer came
    reason: str  # in Dutch, for the report
    unknown_host: bool = False  # the name service says the site's name does not exist

    @property
    def broken(self) -> bool:
        """Certainly broken: the page is gone or the site's name does not exist."""
        return self.status in GONE or self.unknown_host

    @property
    def ok(self) -> bool:
        """An answer with the page; a redirect that ends nowhere (a loop) is not."""
        return self.status is not None and 200 <= self.status < 300


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href and href.startswith(("http://", "https://")):
            self.hrefs.append(href)


def own_address(site_dir: Path) -> str | None:
    """The site's own address, as the sitemap gives it; links there are internal."""
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.exists():
        return None
    found = _SITEMAP_LOC.search(read_text_file(sitemap, MAX_FILE_BYTES))
    return found.group(1).rstrip("/") + "/" if found else None


def external_links(site_dir: Path) -> dict[str, list[str]]:
    """Every address on another site → the pages (below the site root) that link to it."""
    site_dir = Path(site_dir)
    own = own_address(site_dir)
    pages_of: dict[str, list[str]] = {}
    for html_file in sorted(site_dir.rglob("*.html")):
        parser = _Links()
        parser.feed(read_text_file(html_file, MAX_FILE_BYTES))
        page = "/" + html_file.relative_to(site_dir).as_posix().removesuffix("index.html")
        for href in dict.fromkeys(parser.hrefs):
            if own and href.startswith(own):
                continue
            pages_of.setdefault(href, []).append(page)
    return {url: sorted(pages) for url, pages in sorted(pages_of.items())}


def check_link(url: str, *, timeout: float = 10) -> LinkStatus:
    status = _ask(url, "HEAD", timeout)
    if status.status in (403, 405, 501):  # some servers only answer GET
        status = _ask(url, "GET", timeout)
    return status


def _ask(url: str, method: str, timeout: float) -> LinkStatus:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return LinkStatus(url, response.status, "in orde" if response.url == url else f"doorgestuurd naar {response.url}")
    except urllib.error.HTTPError as error:
        return LinkStatus(url, error.code, f"HTTP {error.code} {error.reason}")
    except urllib.error.URLError as error:
        unknown_host = isinstance(error.reason, socket.gaierror) and error.reason.errno == socket.EAI_NONAME
        return LinkStatus(url, None, _reason(error.reason), unknown_host=unknown_host)
    except (TimeoutError, socket.timeout):
        return LinkStatus(url, None, f"geen antwoord binnen {timeout:g} seconden")
    except (OSError, ValueError) as error:
        return LinkStatus(url, None, f"niet bereikbaar: {error}")


def _reason(reason: object) -> str:
    if isinstance(reason, socket.gaierror) and reason.errno == socket.EAI_NONAME:
        return "onbekende host: deze naam bestaat niet (meer)"
    if isinstance(reason, socket.gaierror):
        return f"de naam kon nu niet worden opgezocht ({reason.strerror})"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return "geen antwoord op tijd"
    if isinstance(reason, ConnectionRefusedError):
        return "verbinding geweigerd"
    return f"niet bereikbaar: {reason}"


def check_links(urls: Iterable[str], *, timeout: float = 10, workers: int = 8) -> list[LinkStatus]:
    pool = ThreadPoolExecutor(max_workers=workers)
    try:
        return list(pool.map(lambda url: check_link(url, timeout=timeout), urls))
    finally:  # after Ctrl+C, wait only for the questions already asked
        pool.shutdown(cancel_futures=True)


def source_lines(url: str, sources: Iterable[Path]) -> list[str]:
    """'data/aanpakken.yaml:57' for each line of the sources that holds the address (the whole
    address: https://a.nl/ is not found in https://a.nl/over)."""
    whole_address = re.compile(re.escape(url) + r"(?![\w/.~%?#=&+-])")
    found = []
    for path in sources:
        for number, line in enumerate(read_text_file(path, MAX_FILE_BYTES).splitlines(), start=1):
            if whole_address.search(line):
                found.append(f"{path.as_posix()}:{number}")
    return found
