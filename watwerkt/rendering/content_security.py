"""The site's Content-Security-Policy: the browser's own guard, should anything slip past the
sanitizer.

Scripts run only from the site itself, or inline when their exact text is listed by hash; the
hashes are taken from the theme's part of each page (everything but the page's content), so a
script inside the content never gets one. Pagefind's WebAssembly may compile; no plugins
(`object`), no <base> elsewhere, and forms post only to the site or the configured endpoint.

The theme (overrides/main.html) writes a placeholder meta element as the head's first
script-free part; `with_content_security_policy` fills it in for each built page.
"""
from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from typing import Iterable, Mapping

from ..errors import UserError

PLACEHOLDER = "watwerkt-content-security-policy"
# The whole element: record text can hold the word, never an unescaped "<".
PLACEHOLDER_ELEMENT = f'<meta http-equiv="Content-Security-Policy" content="{PLACEHOLDER}">'
_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}  # what a browser runs
# What may stand in a CSP source: no spaces, quotes, commas or semicolons.
_SOURCE = re.compile(r"https?://[A-Za-z0-9.-]+(?::\d+)?(?:/[A-Za-z0-9._~%!$&()*+=:@/-]*)?")


def policy(*, inline_scripts: Iterable[str], form_endpoints: Iterable[str] = ()) -> str:
    """The policy for a page whose trusted inline scripts are `inline_scripts` (their text)."""
    hashes = sorted({f"'sha256-{_sha256(script)}'" for script in inline_scripts})
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'wasm-unsafe-eval'", *hashes],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'", *form_endpoints],
    }
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


def form_endpoints(submission_settings: Mapping[str, str]) -> list[str]:
    """Where the submission form may post: the configured form service, if any."""
    endpoint = (submission_settings.get("endpoint") or "").strip()
    if not endpoint:
        return []
    if not _SOURCE.fullmatch(endpoint):
        raise UserError(
            f"AANMELDEN_ENDPOINT (extra.aanmelden.endpoint in mkdocs.yml) {endpoint[:80]!r} is geen geldig webadres; "
            "schrijf een adres dat begint met https://, zonder spaties, aanhalingstekens, komma's of puntkomma's"
        )
    return [endpoint]


_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def check_site_settings(config: Mapping) -> None:
    """The addresses mkdocs.yml and the environment give the pages (the form's channels, the
    editors' address on /over/, repo_url): each a plain address, so none can carry markup into
    a page. Raises UserError naming the setting."""
    submission = (config.get("extra") or {}).get("aanmelden") or {}
    form_endpoints(submission)
    email = (submission.get("email") or "").strip()
    if email and not _EMAIL.fullmatch(email):
        raise UserError(
            f"AANMELDEN_EMAIL (extra.aanmelden.email in mkdocs.yml) {email[:80]!r} is geen e-mailadres; "
            "schrijf alleen het adres, zoals redactie@example.nl, zonder naam, spaties of haakjes"
        )
    for setting, value in (("AANMELDEN_GITHUB (extra.aanmelden.github_issues in mkdocs.yml)", submission.get("github_issues")),
                           ("repo_url in mkdocs.yml", config.get("repo_url"))):
        value = (value or "").strip()
        if value and not _SOURCE.fullmatch(value):
            raise UserError(
                f"{setting} {value[:80]!r} is geen geldig webadres; "
                "schrijf een adres dat begint met https://, zonder spaties, aanhalingstekens, komma's of puntkomma's"
            )


def with_content_security_policy(page_html: str, *, page_content: str, submission_settings: Mapping[str, str]) -> str:
    """`page_html` with its policy in the placeholder; the inline scripts outside
    `page_content` (the theme's) are allowed by hash. Raises UserError when the page has no
    placeholder, or more than one."""
    count = page_html.count(PLACEHOLDER_ELEMENT)
    if count != 1:
        raise UserError(
            f"de pagina heeft {count} plaatsen voor de Content-Security-Policy, niet 1; "
            "overrides/main.html hoort er één in de <head> te zetten"
        )
    theme_part = page_html.replace(page_content, "", 1) if page_content else page_html
    content = policy(inline_scripts=inline_scripts(theme_part), form_endpoints=form_endpoints(submission_settings))
    return page_html.replace(PLACEHOLDER_ELEMENT, _meta(content), 1)


def meta_element(*, inline_scripts: Iterable[str]) -> str:
    """The policy as a meta element, for a page the theme does not draw (a redirect)."""
    return _meta(policy(inline_scripts=inline_scripts))


def _meta(content: str) -> str:
    # A policy holds no " or < (the endpoint pattern allows neither); an endpoint's & is escaped.
    return f'<meta http-equiv="Content-Security-Policy" content="{content.replace("&", "&amp;")}">'


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.found: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and "src" not in attributes and (attributes.get("type") or "").strip().lower() in _SCRIPT_TYPES:
            self._current = []

    def handle_data(self, data):
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._current is not None:
            self.found.append("".join(self._current))
            self._current = None


_SCRIPT_START = re.compile(r"<script\b", re.IGNORECASE)
_SCRIPT_END = re.compile(r"</script", re.IGNORECASE)


def inline_scripts(page_html: str) -> list[str]:
    """The text of every inline script a browser would run in `page_html`.

    Only each `<script` and what follows up to its `</script` is parsed, not the whole page
    (a page of the theme is long, its scripts few). Every script element starts with such a
    `<script`; one that stands in a comment or an attribute only adds a hash for text of the
    theme's own part, which no content can use."""
    found = []
    for start in _SCRIPT_START.finditer(page_html):
        end = _SCRIPT_END.search(page_html, start.end())
        close = page_html.find(">", end.end()) if end else -1
        reader = _Scripts()
        reader.feed(page_html[start.start() : close + 1 if close >= 0 else len(page_html)])
        reader.close()
        found += reader.found
    return found


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
