"""Submitted text comes from outside: every XSS payload is refused with a clear line, or
reaches the site as harmless text."""
from __future__ import annotations

import datetime
import re
import shutil
from html.parser import HTMLParser


from site_fixtures import FIXTURE_DATA, build, copy_project
from watwerkt.loading import check_data

PAYLOADS = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg/onload=alert(1)>", "<iframe src=javascript:alert(1)>",
    "<style>body{display:none}</style>", "<a href=javascript:alert(1)>x</a>", "<body onload=alert(1)>", "<details open ontoggle=alert(1)>",
    "<math><mi xlink:href=javascript:alert(1)>", "<object data=javascript:alert(1)>", "<embed src=javascript:alert(1)>",
    "<input autofocus onfocus=alert(1)>", "<marquee onstart=alert(1)>", "< script>alert(1)</script>", "<scr<script>ipt>alert(1)",
    "</p><script>alert(1)</script>", "<!--<script>alert(1)-->", "<![CDATA[<script>alert(1)</script>]]>",
    "[klik](javascript:alert(1))", "[klik](JaVaScRiPt:alert(1))", "[klik](java\tscript:alert(1))", "[klik](javascript&#58;alert(1))",
    "[klik](javascript&#x3A;alert(1))", "[klik](&#106;avascript:alert(1))", "[klik](data:text/html;base64,PHNjcmlwdD4=)",
    "[klik](vbscript:msgbox(1))", "![x](x\" onerror=\"alert(1))", "![x](javascript:alert(1))", "[x](\" onmouseover=\"alert(1))",
    "[x]: javascript:alert(1)\n\n[x]", "<javascript:alert(1)>", "<http://example.org/\" onclick=\"alert(1)>",
    "&lt;script&gt;alert(1)&lt;/script&gt;", "&#60;script&#62;alert(1)&#60;/script&#62;", "\\<script\\>alert(1)\\</script\\>",
    "`<script>alert(1)</script>`", "    <script>alert(1)</script>", "```\n<script>alert(1)</script>\n```",
    "{{ config }}", "{% for x in range(9) %}x{% endfor %}", "{# x #}", "${alert(1)}", "<%= alert(1) %>",
    "\" onmouseover=\"alert(1)", "' onmouseover='alert(1)", "javascript:alert(1)", "JAVASCRIPT:alert(1)",
    "expression(alert(1))", "url(javascript:alert(1))", "<a href=\"&#x6A;avascript:alert(1)\">x</a>",
    "[x](https://example.org \"title\" onclick=alert(1))", "**<u>vet</u>**",
]
FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "style", "svg", "math", "marquee", "details", "body", "input", "form"}
DANGEROUS_URL = re.compile(r"^\s*(javascript|vbscript|data):", re.IGNORECASE)


class _Markup(HTMLParser):
    """What the browser would really make of the HTML: tags and attributes, not text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in FORBIDDEN_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            if name in ("href", "src", "action") and value and DANGEROUS_URL.match(value):
                self.found.append(f"{tag} {name}={value}")


def dangerous_markup(html: str) -> list[str]:
    parser = _Markup()
    parser.feed(html)
    return parser.found


def accepted(payload: str, tmp_path) -> bool:
    data = tmp_path / "data"
    shutil.rmtree(data, ignore_errors=True)
    shutil.copytree(FIXTURE_DATA, data)
    path = data / "projects.yaml"
    text = path.read_text(encoding="utf-8")
    quoted = '"' + payload.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'
    path.write_text(text.replace("  beschrijving: Een beschrijving van het project.", f"  beschrijving: {quoted}", 1), encoding="utf-8")
    kennisbank, problems = check_data(data, relative_to=tmp_path, today=datetime.date(2026, 11, 25))
    errors = [str(p) for p in problems if not p.warning]
    for line in errors:  # refused: with a precise line
        assert line.startswith("data/projects.yaml:5: eerste-project: beschrijving: "), line
    return not errors


def test_at_least_fifty_payloads():
    assert len(PAYLOADS) >= 50


def test_every_payload_is_refused_or_harmless_on_the_site(tmp_path):
    passing = [payload for payload in PAYLOADS if accepted(payload, tmp_path / "check")]
    assert len(passing) < len(PAYLOADS)  # most are refused at the door
    project = copy_project(tmp_path / "project")
    with open(project / "data" / "projects.yaml", "a", encoding="utf-8") as file:
        for number, payload in enumerate(passing):
            quoted = '"' + payload.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'
            file.write(
                f"\n- id: gevaar-{number}\n  naam: Proef {number}\n  organisatie: Stichting Proef\n"
                f"  samenvatting: Een proef.\n  beschrijving: {quoted}\n  status: lopend\n  gemeenten: [GM0047]\n"
                "  themas: [schulden]\n  doelgroepen: [inwoners-in-armoede]\n  doelen: [Proef.]\n"
                "  contact: {website: 'https://example.org'}\n  toegevoegd: 2026-11-25\n  laatst_gecontroleerd: 2026-11-25\n"
            )
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    for number, payload in enumerate(passing):
        html = (tmp_path / "site" / "projectenbank" / f"gevaar-{number}" / "index.html").read_text(encoding="utf-8")
        article = html[html.index('<div data-pagefind-body') : html.index("</article>")]
        assert dangerous_markup(article) == [], payload


def test_the_detector_sees_real_markup_and_ignores_text():
    assert sorted(dangerous_markup('<a href="JavaScript:alert(1)" onclick="x">k</a><script>x</script>')) == [
        "<script>", "a href=JavaScript:alert(1)", "a onclick=",
    ]
    assert dangerous_markup('<a href="&quot; onmouseover=&quot;x">k</a> &lt;script&gt;') == []
