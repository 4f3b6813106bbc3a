"""Issue → pull request: a GitHub issue-form body becomes a checked record in projects.yaml."""
from __future__ import annotations

import datetime
import shutil

import pytest
import yaml

from conftest import REPO
from watwerkt.issue_form import add_project_from_issue, issue_comment

TODAY = datetime.date(2026, 11, 25)


def body(**changes: str) -> str:
    fields = {
        "naam": "Buurtkamer Geldzaken Emmen",
        "organisatie": "Stichting Voorbeeld",
        "samenvatting": "Hulp bij geldzaken in de buurt.",
        "beschrijving": "Elke dinsdag open.",
        "status": "lopend",
        "start": "2025-03",
        "eind": "_No response_",
        "gemeenten": "GM0114",
        "themas": "schulden\nervaringsdeskundigheid",
        "doelgroepen": "inwoners-in-armoede",
        "aanpakken": "inzet-ervaringsdeskundigen",
        "doelen": "Schulden eerder zien\nRegelingen bekend maken",
        "contact": '{"website":"https://www.example.org/buurtkamer"}',
    }
    fields.update(changes)
    return "".join(f"### {name}\n\n{value}\n\n" for name, value in fields.items())


@pytest.fixture
def data_dir(tmp_path):
    shutil.copytree(REPO / "data", tmp_path / "data")
    return tmp_path / "data"


def test_a_valid_issue_is_appended_and_the_rest_of_the_file_stays_the_same(data_dir):
    before = (data_dir / "projects.yaml").read_text(encoding="utf-8")
    record_id, problems = add_project_from_issue(body(), data_dir, today=TODAY)
    assert (record_id, problems) == ("buurtkamer-geldzaken-emmen", [])
    after = (data_dir / "projects.yaml").read_text(encoding="utf-8")
    assert after.startswith(before)
    [record] = yaml.safe_load(after[len(before):])
    assert record["id"] == "buurtkamer-geldzaken-emmen"
    assert record["themas"] == ["schulden", "ervaringsdeskundigheid"]
    assert record["contact"] == {"website": "https://www.example.org/buurtkamer"}
    assert record["toegevoegd"] == "2026-11-25" and record["aangemeld_door"] == "Stichting Voorbeeld"
    assert "eind" not in record


def test_a_second_project_with_the_same_name_gets_its_own_id(data_dir):
    add_project_from_issue(body(), data_dir, today=TODAY)
    record_id, problems = add_project_from_issue(body(), data_dir, today=TODAY)
    assert (record_id, problems) == ("buurtkamer-geldzaken-emmen-2", [])


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"organisatie": "_No response_"}, "- **organisatie**: verplicht veld ontbreekt"),
        ({"gemeenten": "GM9999"}, "- **gemeenten[0]**: 'GM9999' staat niet in data/gemeenten.yaml"),
        ({"beschrijving": "<script>alert(1)</script>"}, "- **beschrijving**: HTML is niet toegestaan; gebruik gewone tekst (of Markdown in lange teksten)"),
        ({"status": "bezig"}, "- **status**: 'bezig' is geen toegestane waarde; kies uit: 'lopend', 'afgerond' of 'gestopt'"),
    ],
)
def test_an_invalid_issue_gets_a_dutch_comment_and_changes_nothing(data_dir, changes, expected):
    before = (data_dir / "projects.yaml").read_bytes()
    record_id, problems = add_project_from_issue(body(**changes), data_dir, today=TODAY)
    assert record_id is None
    comment = issue_comment(problems)
    assert expected in comment.splitlines()
    assert comment.startswith("Bedankt voor je aanmelding!")
    assert (data_dir / "projects.yaml").read_bytes() == before


def test_template_syntax_in_an_issue_stays_text(data_dir):
    record_id, problems = add_project_from_issue(body(beschrijving="Uitkomst {{ 7 * 7 }} en {% raw %}"), data_dir, today=TODAY)
    assert problems == []
    record = yaml.safe_load((data_dir / "projects.yaml").read_text(encoding="utf-8"))[-1]
    assert record["id"] == record_id and record["beschrijving"] == "Uitkomst {{ 7 * 7 }} en {% raw %}"


def test_the_command_prints_the_id_or_a_comment(data_dir, tmp_path, capsys):
    from watwerkt.cli import main

    issue = tmp_path / "issue.md"
    issue.write_text(body(gemeenten="GM9999"), encoding="utf-8")
    reply = tmp_path / "reactie.md"
    assert main(["aanmelding", str(issue), "--data", str(data_dir), "--reactie", str(reply)]) == 1
    assert "'GM9999' staat niet in data/gemeenten.yaml" in reply.read_text(encoding="utf-8")
    issue.write_text(body(), encoding="utf-8")
    assert main(["aanmelding", str(issue), "--data", str(data_dir)]) == 0
    assert capsys.readouterr().out.strip().endswith("buurtkamer-geldzaken-emmen")


def test_the_workflow_turns_a_labelled_issue_into_a_pull_request():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "aanmelding.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["add-project"]["steps"]
    assert any("watwerkt aanmelding issue.md --reactie reactie.md" in step.get("run", "") for step in steps)
    assert any(step.get("uses", "").startswith("peter-evans/create-pull-request") and "Closes #" in step["with"]["body"] for step in steps)


def test_headings_and_bullets_in_answers_survive(data_dir):
    record_id, problems = add_project_from_issue(
        body(beschrijving="Eerst dit.\n\n### Aanpak\n\nDan **dat**.", doelen="- **Vet** doel\n* Tweede doel"), data_dir, today=TODAY
    )
    assert problems == []
    record = yaml.safe_load((data_dir / "projects.yaml").read_text(encoding="utf-8"))[-1]
    assert record["beschrijving"] == "Eerst dit.\n\n### Aanpak\n\nDan **dat**."
    assert record["doelen"] == ["**Vet** doel", "Tweede doel"]


def test_a_long_name_still_gives_a_valid_unique_id(data_dir):
    name = "Project " + "heel lang " * 12
    first, _ = add_project_from_issue(body(naam=name), data_dir, today=TODAY)
    second, problems = add_project_from_issue(body(naam=name), data_dir, today=TODAY)
    assert problems == [] and second != first and len(second) <= 80 and not first.endswith("-")
