"""The pull-request route: schemas and guide generated from the model, annotations for GitHub."""
from __future__ import annotations

import datetime
import json
import shutil

import jsonschema
import yaml

from site_fixtures import FIXTURE_DATA, REPO, replace_in
from watwerkt.cli import github_annotation, main
from watwerkt.loading import DATA_FILES
from watwerkt.publishing.contributor_guide import EXAMPLE_PROJECT
from watwerkt.publishing.generated_files import stale_generated_files
from watwerkt.publishing.schemas import editor_line, file_schema
from watwerkt.loading import Problem, check_data


def test_committed_schemas_and_guide_are_up_to_date():
    assert stale_generated_files(REPO) == [], "draai `watwerkt schema` en commit het resultaat"


def test_every_data_file_points_editors_at_its_schema():
    for name in DATA_FILES:
        first_line = (REPO / "data" / name).read_text(encoding="utf-8").splitlines()[0]
        assert first_line == editor_line(name), name


def test_the_json_schemas_accept_the_real_data():
    # The schemas are what editors and the web form check against: they must agree with the model.
    for name in DATA_FILES:
        data = yaml.safe_load((REPO / "data" / name).read_text(encoding="utf-8"))
        as_json = json.loads(json.dumps(data, default=lambda value: value.isoformat()))
        jsonschema.validate(as_json, file_schema(name))


def test_the_json_schema_refuses_what_the_model_refuses():
    schema = file_schema("projects.yaml")
    project = dict(EXAMPLE_PROJECT, organsatie="typfout")
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors([project]))
    assert any("organsatie" in error.message for error in errors)


def test_the_guide_example_is_a_valid_record(tmp_path):
    shutil.copytree(REPO / "data", tmp_path / "data")
    with open(tmp_path / "data" / "projects.yaml", "a", encoding="utf-8") as file:
        file.write("\n" + yaml.safe_dump([EXAMPLE_PROJECT], allow_unicode=True, sort_keys=False))
    _, problems = check_data(tmp_path / "data", relative_to=tmp_path, today=datetime.date(2026, 11, 25))
    assert [str(p) for p in problems] == []
    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert f"- id: {EXAMPLE_PROJECT['id']}" in guide
    for name in ("naam", "contact", "laatst_gecontroleerd"):
        assert f"| `{name}` |" in guide


def test_github_annotations_name_file_line_record_and_field():
    problem = Problem("data/projects.yaml", 12, "mijn-project", "gemeenten[0]", "'GM9999' staat niet in data/gemeenten.yaml")
    assert github_annotation(problem) == (
        "::error file=data/projects.yaml,line=12,title=mijn-project%3A gemeenten[0]::'GM9999' staat niet in data/gemeenten.yaml"
    )
    warning = Problem("data/projects.yaml", 3, "x", "laatst_gecontroleerd", "100% oud, echt", warning=True)
    assert github_annotation(warning) == "::warning file=data/projects.yaml,line=3,title=x%3A laatst_gecontroleerd::100%25 oud, echt"


def test_check_with_github_format_prints_annotations(tmp_path, capsys, monkeypatch):
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795564800")
    replace_in(tmp_path / "data" / "projects.yaml", "  aanpakken: [eerste-aanpak]", "  aanpakken: [onbekend]")
    assert main(["check", "--format", "github"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "::error file=data/projects.yaml,line=11,title=eerste-project%3A aanpakken[0]::'onbekend' staat niet in data/aanpakken.yaml"
    ]


def test_the_workflow_checks_pull_requests_on_data():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "data.yml").read_text(encoding="utf-8"))
    steps = "\n".join(step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"])
    assert "paths" not in (workflow[True]["pull_request"] or {})  # every pull request; PyYAML reads `on` as True
    assert "check --format github" in steps and "watwerkt.cli build --site site" in steps and "schema --check" in steps


def test_the_contributor_guide_is_on_the_site(real_site):
    from site_pages import link_targets, page_at

    page = page_at(real_site, "bijdragen/")
    assert page.h1 == "Een project aanmelden"
    assert EXAMPLE_PROJECT["id"] in page.text
    assert "bijdragen/" in link_targets(real_site, page_at(real_site, "aanmelden/"))
    assert "bijdragen/" in link_targets(real_site, page_at(real_site, "projectenbank/"))
