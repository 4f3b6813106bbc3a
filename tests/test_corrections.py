"""A correction issue ("Klopt er iets niet?") becomes a change of one field of one record: the
data file differs in that field's lines and nowhere else, the change passes `watwerkt check`, and
whatever cannot be done by itself is refused with a reason, the file untouched."""
from __future__ import annotations

import datetime
import difflib
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from site_fixtures import REPO, data_dir  # noqa: F401  (fixture)
from watwerkt.channels import CORRECTION_ISSUE_FORM, CORRECTION_LABEL, CORRECTION_PAGE_FIELD, CORRECTION_RECORD_FIELD
from watwerkt.corrections import SOMETHING_ELSE, apply_correction, correctable_fields, field_choices
from watwerkt.model import Approach, Module, Project

TODAY = datetime.date(2026, 12, 1)
PAGE = "https://voorbeeld.github.io/watwerkt/projectenbank/eerste-project/"


def issue(record="eerste-project", page=PAGE, field="samenvatting", value="Een project dat mensen helpt.", source="https://example.org/eerste-project", note="_No response_") -> str:
    """An issue body as GitHub writes it from .github/ISSUE_TEMPLATE/correctie.yml."""
    return (
        f"### record\n\n{record}\n\n### pagina\n\n{page}\n\n### veld\n\n{field}\n\n"
        f"### juiste_tekst\n\n{value}\n\n### bron\n\n{source}\n\n### toelichting\n\n{note}\n"
    )


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0) if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def test_a_correction_changes_that_one_field_and_no_other_line(data_dir):
    before = (data_dir / "projects.yaml").read_text(encoding="utf-8")
    outcome = apply_correction(issue(), data_dir, today=TODAY)
    assert outcome.problems == []
    assert outcome.changed == (str(data_dir / "projects.yaml"), "eerste-project", "samenvatting")
    assert outcome.source == "https://example.org/eerste-project"
    after = (data_dir / "projects.yaml").read_text(encoding="utf-8")
    assert changed_lines(before, after) == ["-  samenvatting: Een project om mee te testen.", "+  samenvatting: Een project dat mensen helpt."]


def test_a_text_with_paragraphs_becomes_a_block_and_a_module_is_found_inside_the_curriculum(data_dir):
    before = (data_dir / "opleiding.yaml").read_text(encoding="utf-8")
    body = issue(record="eerste-module", page="https://voorbeeld.github.io/watwerkt/opleiding/eerste-module/", field="inhoud", value="Eerste alinea.\r\n\r\n- een punt\r\n- nog een punt\r\n")
    outcome = apply_correction(body, data_dir, today=TODAY)
    assert outcome.problems == [] and outcome.changed[1:] == ("eerste-module", "inhoud")
    after = (data_dir / "opleiding.yaml").read_text(encoding="utf-8")
    old_line = next(line for line in before.splitlines() if line.strip().startswith("inhoud:"))
    assert changed_lines(before, after) == [f"-{old_line}", "+    inhoud: |-", "+      Eerste alinea.", "+", "+      - een punt", "+      - nog een punt"]
    assert yaml.safe_load(after)["modules"][0]["inhoud"] == "Eerste alinea.\n\n- een punt\n- nog een punt"


def test_an_approach_is_corrected_in_its_own_file(data_dir):
    before = (data_dir / "aanpakken.yaml").read_text(encoding="utf-8")
    body = issue(record="eerste-aanpak", page="https://voorbeeld.github.io/watwerkt/aanpakken/eerste-aanpak/", field="eigenaar", value="Stichting Ander Voorbeeld")
    outcome = apply_correction(body, data_dir, today=TODAY)
    assert outcome.problems == [] and outcome.changed == (str(data_dir / "aanpakken.yaml"), "eerste-aanpak", "eigenaar")
    after = (data_dir / "aanpakken.yaml").read_text(encoding="utf-8")
    assert changed_lines(before, after) == ["-  eigenaar: Stichting Voorbeeld", "+  eigenaar: Stichting Ander Voorbeeld"]


def test_a_line_break_yaml_reads_but_git_does_not_becomes_a_plain_one(data_dir):
    before = (data_dir / "projects.yaml").read_text(encoding="utf-8")
    outcome = apply_correction(issue(field="beschrijving", value="Een\u2028twee\u0085drie\u2029vier"), data_dir, today=TODAY)
    assert outcome.problems == []
    after = (data_dir / "projects.yaml").read_text(encoding="utf-8")
    assert "\u2028" not in after and "\u0085" not in after and "\u2029" not in after
    assert changed_lines(before, after) == ["-  beschrijving: Een beschrijving van het project.", "+  beschrijving: |-", "+    Een", "+    twee", "+    drie", "+    vier"]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"record": "tweede-project"}, "record", "de pagina hoort bij record 'eerste-project', niet bij dit record"),
        ({"page": "https://voorbeeld.github.io/watwerkt/gemeenten/veendam/", "record": "veendam"}, "pagina", "een correctie op deze pagina verwerkt de redactie met de hand"),
        ({"page": "https://voorbeeld.github.io/watwerkt/over/"}, "record", "de pagina hoort bij record '', niet bij dit record"),
        ({"field": SOMETHING_ELSE}, "veld", "'iets anders' verwerkt de redactie met de hand"),
        ({"field": "id"}, "veld", "dit veld kan niet met een correctie worden veranderd; kies een van: naam, organisatie,"),
        ({"field": "gemeenten"}, "veld", "dit veld kan niet met een correctie worden veranderd"),
        ({"field": "geleerd"}, "veld", "dit veld staat nog niet in het record; de redactie voegt het met de hand toe"),
        ({"value": "Een project om mee te testen."}, "veld", "dit staat er al precies zo; er is niets te veranderen"),
        ({"value": "_No response_"}, "juiste_tekst", "dit veld is leeg; vul het in"),
        ({"record": "nieuw-record", "page": "https://voorbeeld.github.io/watwerkt/projectenbank/nieuw-record/"}, "veld", "record 'nieuw-record' staat niet in de gegevens"),
    ],
)
def test_what_cannot_be_done_by_itself_is_refused_with_the_reason_and_nothing_written(data_dir, changes, field, message):
    before = {path.name: path.read_bytes() for path in data_dir.iterdir()}
    outcome = apply_correction(issue(**changes), data_dir, today=TODAY)
    assert outcome.changed is None
    [problem] = outcome.problems
    assert (problem.record, problem.field) == ("correctie", field)
    assert problem.message.startswith(message), problem.message
    assert {path.name: path.read_bytes() for path in data_dir.iterdir()} == before


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("samenvatting", "<script>alert(1)</script>", "HTML"),
        ("samenvatting", "Bel 06-12345678 voor meer", "06-nummer"),
        ("naam", "Twee\nregels", "één regel"),
        ("status", "bezig", "bezig"),
        ("start", "2099", "2099"),
        ("beschrijving", "[klik](javascript:alert(1))", "javascript"),
    ],
)
def test_a_correction_that_breaks_a_rule_gets_the_checks_own_message(data_dir, field, value, message):
    before = (data_dir / "projects.yaml").read_bytes()
    outcome = apply_correction(issue(field=field, value=value), data_dir, today=TODAY)
    assert outcome.changed is None and outcome.problems
    assert all(problem.file == "data/projects.yaml" and problem.record == "eerste-project" and problem.field.startswith(field) for problem in outcome.problems), outcome.problems
    assert any(message.lower() in problem.message.lower() for problem in outcome.problems), [problem.message for problem in outcome.problems]
    assert (data_dir / "projects.yaml").read_bytes() == before


def test_the_issue_cannot_steer_more_than_its_own_answers(data_dir):
    body = issue(value="Nieuwe tekst.\n### veld\n\nid")
    outcome = apply_correction(body, data_dir, today=TODAY)
    assert outcome.changed is None
    assert [problem.message.split(".")[0] for problem in outcome.problems] == ["de kop '### veld' staat twee keer in de correctie (ook op regel 9)"]
    reply = outcome.reply()
    assert reply.splitlines()[0] == "Bedankt voor je correctie! Die kan niet vanzelf worden overgenomen:"
    assert reply.splitlines()[2].startswith("- `juiste_tekst`: `de kop '### veld' staat twee keer")


def test_the_reply_quotes_the_reader_only_as_inline_code(data_dir):
    outcome = apply_correction(issue(field="@everyone [x](https://evil.example) `echo`"), data_dir, today=TODAY)
    [line] = [line for line in outcome.reply().splitlines() if line.startswith("- ")]
    assert line.startswith("- `veld`: `dit veld kan niet met een correctie worden veranderd")
    assert line.count("`") == 4  # two code spans, none opened by the reader's backticks


def test_the_choices_of_the_form_are_the_models_single_value_fields():
    assert correctable_fields(Project) == ["naam", "organisatie", "samenvatting", "beschrijving", "status", "start", "eind", "gebied_toelichting", "geleerd"]
    assert correctable_fields(Module) == ["naam", "doel", "inhoud", "onbekend"]
    assert "erkenning" not in correctable_fields(Approach) and "laatst_gecontroleerd" not in correctable_fields(Approach)
    assert field_choices()[-1] == SOMETHING_ELSE and len(field_choices()) == len(set(field_choices()))


def test_the_generated_issue_form_has_the_fields_the_link_fills_in_and_the_converter_reads():
    form = yaml.safe_load((REPO / ".github" / "ISSUE_TEMPLATE" / CORRECTION_ISSUE_FORM).read_text(encoding="utf-8"))
    fields = {item["id"]: item for item in form["body"] if "id" in item}
    assert list(fields) == [CORRECTION_RECORD_FIELD, CORRECTION_PAGE_FIELD, "veld", "juiste_tekst", "bron", "toelichting"]
    assert all(item["attributes"]["label"] == name for name, item in fields.items())  # the headings the converter reads
    assert fields["veld"]["attributes"]["options"] == field_choices()
    assert form["labels"] == [CORRECTION_LABEL]


def run_cli(*arguments: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "watwerkt.cli", "correctie", *arguments], cwd=cwd, capture_output=True, text=True, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})


def test_the_command_prints_what_it_changed_or_writes_the_reply(data_dir, tmp_path):
    (tmp_path / "issue.md").write_text(issue(), encoding="utf-8")
    result = run_cli("issue.md", "--data", "data", cwd=tmp_path)
    assert (result.returncode, result.stdout.splitlines(), result.stderr) == (0, ["data/projects.yaml", "eerste-project", "samenvatting"], "")

    (tmp_path / "issue.md").write_text(issue(field=SOMETHING_ELSE), encoding="utf-8")
    result = run_cli("issue.md", "--data", "data", "--reactie", "reactie.md", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == ["issue.md:9: correctie: veld: 'iets anders' verwerkt de redactie met de hand"]
    assert (tmp_path / "reactie.md").read_text(encoding="utf-8").splitlines()[2] == "- `veld`: `'iets anders' verwerkt de redactie met de hand`"


def test_the_command_names_a_missing_issue_file_without_a_traceback(tmp_path):
    result = run_cli("weg.md", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("weg.md")
