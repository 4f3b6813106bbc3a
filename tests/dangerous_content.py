"""Find what could run in a reader's browser anywhere in a built site: scripts, event-handler
attributes, styles with url() or expression(), URLs with a scheme other than http, https or
mailto, and elements that load or post elsewhere. It reads every HTML page as a browser's
parser would tokenize it, the Atom feed as XML, the JSON as JSON and the CSV as CSV.

A finding says what it is, never on which page, so the findings of a site built with hostile
records can be compared with those of a clean build: the theme's own scripts are in both.
"""
from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

SAFE_SCHEMES = {"http", "https", "mailto"}
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "data", "poster", "xlink:href", "cite", "background", "ping",
    "manifest", "codebase", "lowsrc", "dynsrc", "longdesc", "usemap", "icon", "srcset", "imagesrcset",
}
LOADING_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal", "svg", "math", "style", "link", "form", "meta"}
_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_CSS_DANGER = re.compile(r"url\(|expression\(|@import|javascript:", re.IGNORECASE)
# In text that is data (JSON, CSV, feed), what would come alive if a consumer put it into
# HTML as it is: markup, and (entities decoded once, as in an attribute) a script URL.
_MARKUP = re.compile(r"<\s*/?\s*[a-z!?]", re.IGNORECASE)
_SCRIPT_URL = re.compile(r"\b(?:java|vb)script\s*:|\bdata\s*:\s*[a-z]+/[a-z0-9.+-]+\s*[;,]", re.IGNORECASE)


def url_scheme(value: str) -> str | None:
    """The scheme a browser would see in an attribute value (already entity-decoded): it
    drops leading and trailing spaces and control characters, and tabs and newlines inside."""
    cleaned = re.sub(r"[\t\n\r]", "", value).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


class _Page(HTMLParser):
    def __init__(self, path: str, findings: set[tuple[str, str]]):
        super().__init__(convert_charrefs=True)
        self.path = path
        self.findings = findings
        self._script: tuple[str, list[str]] | None = None  # (type, text) of an open script
        self._style: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self._element(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._element(tag, attrs)

    def _element(self, tag, attrs):
        attributes = dict(attrs)
        if tag in LOADING_ELEMENTS:
            detail = {key: attributes.get(key) for key in ("rel", "http-equiv", "action", "name") if attributes.get(key)}
            if "action" in detail:
                detail["action"] = self._resolved(detail["action"])
            self.findings.add(("element", f"<{tag}> {sorted(detail.items())}"))
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.findings.add(("event-handler", f"<{tag} {name}>"))
            if name == "style" and _CSS_DANGER.search(_css_text(value)):
                self.findings.add(("style", f"<{tag} style> {value[:80]}"))
            if name in URL_ATTRIBUTES:
                for url in (value.split(",") if name.endswith("srcset") else [value]):
                    scheme = url_scheme(url.strip().split(" ")[0] if name.endswith("srcset") else url)
                    if scheme and scheme not in SAFE_SCHEMES:
                        self.findings.add(("url", f"<{tag} {name}> {scheme}:"))
            if tag == "meta" and name == "content" and "url=" in value.lower():
                scheme = url_scheme(value.lower().split("url=", 1)[1])
                if scheme and scheme not in SAFE_SCHEMES:
                    self.findings.add(("url", f"<meta refresh> {scheme}:"))
        if tag == "script":
            kind = (attributes.get("type") or "").strip().lower()
            if "src" in attributes:
                self.findings.add(("script", f"src {self._resolved(attributes['src'] or '')}"))
            self._script = (kind, [])
        if tag == "style":
            self._style = []

    def handle_data(self, data):
        if self._script is not None:
            self._script[1].append(data)
        if self._style is not None:
            self._style.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            kind, parts = self._script
            text = "".join(parts)
            if kind in _SCRIPT_TYPES:
                if text.strip():
                    self.findings.add(("script", f"inline sha256 {hashlib.sha256(text.encode()).hexdigest()[:16]}"))
            else:  # a data block (JSON-LD, the theme's configuration): data, never run
                try:
                    scan_json_value(json.loads(text), self.findings, f"<script type={kind}>")
                except json.JSONDecodeError:
                    self.findings.add(("data-block", f"<script type={kind}> is geen JSON"))
            self._script = None
        if tag == "style" and self._style is not None:
            if _CSS_DANGER.search(_css_text("".join(self._style))):
                self.findings.add(("style", "<style> with url()/expression()"))
            self._style = None

    def _resolved(self, url: str) -> str:
        """A site-relative URL as a path from the site root, so pages at any depth agree."""
        if url_scheme(url) or url.startswith("//"):
            return url
        return posixpath.normpath(posixpath.join(posixpath.dirname(self.path), url.split("#")[0].split("?")[0]))


def _css_text(css: str) -> str:
    """CSS as a browser reads it: comments gone, escapes such as \\75 (u) decoded."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    return re.sub(r"\\([0-9a-fA-F]{1,6})\s?", lambda match: chr(int(match.group(1), 16)) if int(match.group(1), 16) < 0x110000 else "", css).replace("\\", "")


def scan_text(text: str, findings: set[tuple[str, str]], where: str) -> None:
    markup = _MARKUP.search(text)
    if markup:
        findings.add(("text", f"{where}: markup {markup.group(0)}"))
    script_url = _SCRIPT_URL.search(re.sub(r"[\t\n\r]", "", html.unescape(text)))
    if script_url:
        findings.add(("text", f"{where}: {script_url.group(0)}"))


def scan_json_value(value, findings: set[tuple[str, str]], where: str) -> None:
    if isinstance(value, str):
        scan_text(value, findings, where)
    elif isinstance(value, list):
        for item in value:
            scan_json_value(item, findings, where)
    elif isinstance(value, dict):
        for key, item in value.items():
            scan_text(key, findings, where)
            scan_json_value(item, findings, where)


def scan_html(text: str, path: str = "index.html") -> set[tuple[str, str]]:
    findings: set[tuple[str, str]] = set()
    page = _Page(path, findings)
    page.feed(text)
    page.close()
    return findings


def scan_feed(text: str) -> set[tuple[str, str]]:
    findings: set[tuple[str, str]] = set()
    try:
        root = ElementTree.fromstring(text.encode("utf-8"))
    except ElementTree.ParseError as error:
        return {("feed", f"geen XML: {error}")}
    for element in root.iter():
        scan_text(element.text or "", findings, "feed")
        for name, value in element.attrib.items():
            if name == "href":
                scheme = url_scheme(value)
                if scheme not in SAFE_SCHEMES:
                    findings.add(("url", f"feed href {scheme}:"))
            else:
                scan_text(value, findings, "feed")
    return findings


def scan_csv(data: bytes) -> set[tuple[str, str]]:
    findings: set[tuple[str, str]] = set()
    text = data.decode("utf-8-sig")
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=";"):
        for cell in row:
            scan_text(cell, findings, "csv")
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                findings.add(("csv", "a cell that a spreadsheet would run as a formula"))
    return findings


def scan_site(site: Path) -> dict[tuple[str, str], str]:
    """Every finding in the built site, with one file it was found in."""
    found: dict[tuple[str, str], str] = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file() or "pagefind" in path.relative_to(site).parts:
            continue
        relative = path.relative_to(site).as_posix()
        if path.suffix == ".html":
            findings = scan_html(path.read_text(encoding="utf-8"), relative)
        elif path.suffix == ".xml" and path.name != "sitemap.xml":
            findings = scan_feed(path.read_text(encoding="utf-8"))
        elif path.suffix == ".json":
            findings = set()
            try:
                scan_json_value(json.loads(path.read_text(encoding="utf-8")), findings, relative)
            except json.JSONDecodeError as error:
                findings = {("json", f"{relative} is geen JSON: {error}")}
        elif path.suffix == ".csv":
            findings = scan_csv(path.read_bytes())
        else:
            continue
        for finding in findings:
            found.setdefault(finding, relative)
    return found
