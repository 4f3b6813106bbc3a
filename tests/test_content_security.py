"""The Content-Security-Policy: built from the theme's own inline scripts, never the content's,
and from a form endpoint that cannot smuggle in directives of its own."""
from __future__ import annotations

import base64
import hashlib

import pytest

from site_fixtures import REPO, build
from watwerkt.rendering.content_security import PLACEHOLDER, form_endpoints, policy, with_content_security_policy
from watwerkt.errors import UserError

PAGE = (
    '<html><head><meta http-equiv="Content-Security-Policy" content="{placeholder}"><script>theme()</script>'
    '<script type="application/ld+json">{{"name": "x"}}</script><script src="a.js"></script></head>'
    "<body><article>{content}</article><script>thema2()</script></body></html>"
)


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def directives(page_html: str) -> dict[str, list[str]]:
    content = page_html.split('http-equiv="Content-Security-Policy" content="', 1)[1].split('"', 1)[0]
    return {part.split()[0]: part.split()[1:] for part in content.split("; ")}


def test_only_the_themes_inline_scripts_get_a_hash():
    content = "<p>tekst</p><script>uitDeInhoud()</script>"
    page = with_content_security_policy(PAGE.format(placeholder=PLACEHOLDER, content=content), page_content=content, submission_settings={})
    scripts = directives(page)["script-src"]
    assert sha("theme()") in scripts and sha("thema2()") in scripts
    assert sha("uitDeInhoud()") not in scripts and sha('{"name": "x"}') not in scripts
    assert scripts[:2] == ["'self'", "'wasm-unsafe-eval'"] and len(scripts) == 4


def test_the_policy_says_what_the_issue_asks():
    rules = {part.split()[0]: part.split()[1:] for part in policy(inline_scripts=[], form_endpoints=["https://formulier.example/ontvang"]).split("; ")}
    assert rules["object-src"] == ["'none'"]
    assert rules["base-uri"] == ["'self'"]
    assert rules["default-src"] == ["'self'"]
    assert rules["form-action"] == ["'self'", "https://formulier.example/ontvang"]
    assert "'unsafe-inline'" not in sum(rules.values(), []) and "'unsafe-eval'" not in sum(rules.values(), [])


@pytest.mark.parametrize(
    "endpoint",
    [
        "https://formulier.example/a; script-src *", "https://formulier.example/a,script-src", "https://a.example/ x",
        "'unsafe-inline'", "javascript:alert(1)", "https://a.example/\"><script>", "*", "data:", "https://",
    ],
)
def test_an_endpoint_cannot_add_directives(endpoint):
    with pytest.raises(UserError, match="AANMELDEN_ENDPOINT .* is geen geldig webadres"):
        form_endpoints({"endpoint": endpoint})


def test_a_page_without_its_placeholder_is_refused():
    with pytest.raises(UserError, match="0 plaatsen voor de Content-Security-Policy"):
        with_content_security_policy("<html><head></head></html>", page_content="", submission_settings={})


def test_a_bad_endpoint_stops_the_build_with_a_dutch_line(tmp_path):
    result = build(REPO, tmp_path / "site", AANMELDEN_ENDPOINT="https://formulier.example/a; script-src *")
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "AANMELDEN_ENDPOINT (extra.aanmelden.endpoint in mkdocs.yml) 'https://formulier.example/a; script-src *' is geen geldig webadres" in output
    assert "Traceback" not in output


def test_an_endpoint_with_an_ampersand_stays_one_attribute():
    from html.parser import HTMLParser

    page = with_content_security_policy(
        PAGE.format(placeholder=PLACEHOLDER, content=""), page_content="", submission_settings={"endpoint": "https://a.example/f&x"}
    )
    found = []

    class Meta(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "meta":
                found.append(dict(attrs)["content"])

    Meta().feed(page)
    assert found[0].endswith("form-action 'self' https://a.example/f&x")  # as the browser reads the attribute
    assert "https://a.example/f&amp;x" in page


@pytest.mark.parametrize(
    "address", ["r@example.nl)<img src=x onerror=alert(1)>", "Redactie <redactie@example.nl>", "redactie@example.nl extra", "redactie"],
)
def test_the_editors_address_is_a_plain_address_or_the_build_stops(address):
    from watwerkt.rendering.content_security import check_site_settings

    with pytest.raises(UserError, match="AANMELDEN_EMAIL .* is geen e-mailadres"):
        check_site_settings({"extra": {"aanmelden": {"email": address}}})
    check_site_settings({"extra": {"aanmelden": {"email": "redactie@example.nl"}}, "repo_url": "https://github.com/org/watwerkt"})


def test_a_repository_address_with_markup_is_refused():
    from watwerkt.rendering.content_security import check_site_settings

    with pytest.raises(UserError, match="repo_url in mkdocs.yml .* is geen geldig webadres"):
        check_site_settings({"repo_url": "https://github.com/org/x\"><script>alert(1)</script>"})


def test_a_bad_editors_address_stops_the_build_with_a_dutch_line_and_the_over_page_shows_a_good_one(tmp_path):
    result = build(REPO, tmp_path / "site", AANMELDEN_EMAIL="r@example.nl)<img src=x onerror=alert(1)>")
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "AANMELDEN_EMAIL (extra.aanmelden.email in mkdocs.yml)" in output and "Traceback" not in output
    assert not (tmp_path / "site").exists()
    result = build(REPO, tmp_path / "good", AANMELDEN_EMAIL="redactie@example.nl")
    assert result.returncode == 0, result.stdout + result.stderr
    about = (tmp_path / "good" / "over" / "index.html").read_text(encoding="utf-8")
    assert '<a href="mailto:redactie@example.nl">redactie@example.nl</a>' in about
