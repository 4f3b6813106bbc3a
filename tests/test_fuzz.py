"""Whatever a contributor writes, the check answers with well-formed lines, never a traceback."""
from __future__ import annotations

import datetime
import re
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_fixtures import FIXTURE_DATA
from watwerkt.loading import check_data

LINE = re.compile(r"^data/[a-z-]+\.yaml:\d+: [^\n]+: [^\n]+: [^\n]+$")
TODAY = datetime.date(2026, 11, 25)
PROJECTS = yaml.safe_load((FIXTURE_DATA / "projects.yaml").read_text(encoding="utf-8"))

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=40),
    st.dates().map(lambda d: d.isoformat()), st.sampled_from(["GM0047", "<b>x</b>", "javascript:x", "06-12345678", "{{ x }}", "2024-13-45", "a.b@c.nl"]),
)
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)), max_leaves=8)


def run_check(files: dict[str, str]) -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        shutil.copytree(FIXTURE_DATA, data)
        for name, text in files.items():
            (data / name).write_text(text, encoding="utf-8")
        _, problems = check_data(data, relative_to=Path(folder), today=TODAY)
    return [str(problem) for problem in problems]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(sorted({key for project in PROJECTS for key in project} | {"onbekend", "contact"})), value=values, which=st.integers(0, len(PROJECTS) - 1))
def test_mutated_records_get_well_formed_lines(field, value, which):
    projects = [dict(project) for project in PROJECTS]
    projects[which][field] = value
    text = yaml.safe_dump(projects, allow_unicode=True, sort_keys=False)
    for line in run_check({"projects.yaml": text}):
        assert LINE.match(line), line


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(alphabet=st.sampled_from(list("- :{}[],'\"#&*!|>%@`\n\t aGM0047éë\\")), max_size=120))
def test_random_yaml_text_gets_well_formed_lines(text):
    for line in run_check({"themas.yaml": text}):
        assert LINE.match(line), line
