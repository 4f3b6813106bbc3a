"""The GitHub workflows keep to their rules, so a regression fails here and not first on GitHub:
every action pinned to a commit, no stored credentials, least privilege per job, untrusted text
only through the environment, installs with constraints and hashes, every pull request checked.
The shell steps of the submission workflow are run here too, on hostile issue text."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from site_fixtures import REPO

WORKFLOWS = REPO / ".github" / "workflows"
# Every third-party action, at the commit its tag pointed to; each SHA confirmed in public
# workflows that pin it with that tag (see the report of issue 10).
PINS = {
    "actions/checkout": ("11bd71901bbe5b1630ceea73d27597364c9af683", "v4.2.2"),
    "actions/setup-python": ("a26af69be951a213d495a4c3e4e4022e16d87065", "v5.6.0"),
    "actions/upload-artifact": ("ea165f8d65b6e75b540449e92b4886f43607fa02", "v4.6.2"),
    "actions/download-artifact": ("d3f86a106a0bac45b974a628896c90dbdf5c8093", "v4.3.0"),
    "peter-evans/create-pull-request": ("271a8d0340265f705b14b6d32b9829c1cb33d45e", "v7.0.8"),
    # GitHub Pages (issue 14): each SHA confirmed in public workflows that pin it with that tag.
    "actions/configure-pages": ("983d7736d9b0ae728b81ab479565c72886d7745b", "v5.0.0"),
    "actions/upload-pages-artifact": ("56afc609e74202658d3ffba0e8f6dda462b719fa", "v3.0.1"),
    "actions/deploy-pages": ("d6db90164ac5ed86f2b6aed7e0febac5b3c0c03e", "v4.0.5"),
}
INSTALL = "python -m pip install --require-hashes --no-deps -c constraints.txt -r requirements-site.txt"


def triggers(workflow: dict) -> dict:
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    return {name: None for name in on} if isinstance(on, list) else on


def violations(text: str) -> list[str]:
    """Every rule this workflow breaks, one line each."""
    workflow = yaml.safe_load(text)
    found = []
    if workflow.get("permissions") != {}:
        found.append("bovenaan staat niet `permissions: {}`")
    if "concurrency" not in workflow:
        found.append("geen concurrency-groep")
    for number, line in enumerate(text.splitlines(), start=1):
        used = re.search(r"uses:\s*([^\s#]+)(.*)", line)
        if used and not used.group(1).startswith("./"):
            action, _, ref = used.group(1).partition("@")
            if PINS.get(action) != (ref, (re.search(r"# (v\d+\.\d+\.\d+)", used.group(2)) or [None, None])[1]):
                found.append(f"regel {number}: {used.group(1)} is niet vastgezet op een bevestigde commit met '# vX.Y.Z'")
    for name, job in workflow["jobs"].items():
        if not isinstance(job.get("permissions"), dict):
            found.append(f"{name}: geen eigen permissions")
        elif any(level not in ("read", "write", "none") for level in job["permissions"].values()):
            found.append(f"{name}: onbekende permissions")
        for step in job.get("steps", []):
            uses, run = step.get("uses", ""), step.get("run", "")
            if uses.startswith("actions/checkout@") and (step.get("with") or {}).get("persist-credentials") is not False:
                found.append(f"{name}: checkout zonder persist-credentials: false")
            if "${{" in run:
                found.append(f"{name}: ${{{{ }}}} in een run-script: {run.strip().splitlines()[0]}")
            if "pip install" in run and INSTALL not in run:
                found.append(f"{name}: pip install zonder constraints.txt en hashes")
            if uses.startswith("peter-evans/create-pull-request@") and not (step.get("with") or {}).get("token"):
                found.append(f"{name}: create-pull-request zonder token")
    if "pull_request" in triggers(workflow) and set(triggers(workflow)["pull_request"] or {}) & {"paths", "paths-ignore", "branches", "branches-ignore"}:
        found.append("pull_request is gefilterd: niet elke pull request wordt gecontroleerd")
    return found


@pytest.mark.parametrize("path", sorted(WORKFLOWS.glob("*.yml")), ids=lambda path: path.name)
def test_every_workflow_keeps_the_rules(path):
    assert violations(path.read_text(encoding="utf-8")) == []


AANMELDING = (WORKFLOWS / "aanmelding.yml").read_text(encoding="utf-8")
DATA = (WORKFLOWS / "data.yml").read_text(encoding="utf-8")
VOORBEELD = (WORKFLOWS / "voorbeeld.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "old", "new", "expected"),
    [
        (AANMELDING, "checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2", "checkout@v4", "actions/checkout@v4 is niet vastgezet"),
        (AANMELDING, "checkout@11bd71901bbe5b1630ceea73d27597364c9af683", "checkout@11bd71901bbe", "actions/checkout@11bd71901bbe is niet vastgezet"),
        (AANMELDING, "checkout@11bd71901bbe5b1630ceea73d27597364c9af683", "checkout@0000000000000000000000000000000000000000", "actions/checkout@0000000000000000000000000000000000000000 is niet"),
        (AANMELDING, "a26af69be951a213d495a4c3e4e4022e16d87065 # v5.6.0", "a26af69be951a213d495a4c3e4e4022e16d87065", "actions/setup-python@a26af69be951a213d495a4c3e4e4022e16d87065 is niet"),
        (AANMELDING, "persist-credentials: false", "persist-credentials: true", "check: checkout zonder persist-credentials: false"),
        (AANMELDING, "      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n        with:\n          persist-credentials: false\n", "      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n", "check: checkout zonder persist-credentials: false"),
        (AANMELDING, "permissions: {}\n", "permissions: write-all\n", "bovenaan staat niet `permissions: {}`"),
        (AANMELDING, "permissions: {}\n", "", "bovenaan staat niet `permissions: {}`"),
        (AANMELDING, "    permissions:\n      contents: read # to check out the repository\n", "", "check: geen eigen permissions"),
        (AANMELDING, "    permissions:\n      issues: write # to comment on the issue\n", "    permissions: write-all\n", "comment: geen eigen permissions"),
        (AANMELDING, 'printf \'%s\\n\' "$ISSUE_BODY"', "printf '%s\\n' '${{ github.event.issue.body }}'", "check: ${{ }} in een run-script"),
        (AANMELDING, 'gh issue comment "$ISSUE"', 'gh issue comment "${{ github.event.issue.title }}"', "comment: ${{ }} in een run-script"),
        (AANMELDING, " --require-hashes", "", "check: pip install zonder constraints.txt en hashes"),
        (AANMELDING, " -c constraints.txt", "", "check: pip install zonder constraints.txt en hashes"),
        (AANMELDING, "          token: ${{ github.token }}\n", "", "pull-request: create-pull-request zonder token"),
        (AANMELDING, "concurrency:", "x-concurrency:", "geen concurrency-groep"),
        (DATA, "  pull_request:\n", '  pull_request:\n    paths: ["data/**"]\n', "pull_request is gefilterd"),
        (DATA, "  pull_request:\n", "  pull_request:\n    branches: [main]\n", "pull_request is gefilterd"),
        (DATA, "      - name: Site bouwen\n        run: python -m watwerkt.cli build --site site\n", "      - name: Site bouwen\n        run: python -m watwerkt.cli build --site ${{ github.head_ref }}\n", "check: ${{ }} in een run-script"),
    ],
)
def test_the_rules_catch_a_regression(text, old, new, expected):
    assert old in text
    found = violations(text.replace(old, new, 1))
    assert any(expected in line for line in found), found


def test_every_pull_request_runs_the_data_check_the_schema_check_and_a_strict_build():
    workflow = yaml.safe_load(DATA)
    assert triggers(workflow) == {"pull_request": None}
    runs = [step.get("run", "") for step in workflow["jobs"]["check"]["steps"]]
    assert runs[-3:] == ["python -m watwerkt.cli check --format github", "python -m watwerkt.cli schema --check", "python -m watwerkt.cli build --site site"]


def test_the_submission_workflow_checks_before_it_opens_a_pull_request():
    jobs = yaml.safe_load(AANMELDING)["jobs"]
    assert {name: job["permissions"] for name, job in jobs.items()} == {
        "check": {"contents": "read"},
        "pull-request": {"contents": "write", "pull-requests": "write"},
        "comment": {"issues": "write"},
    }
    # The issue's text reaches only the job that can write nothing.
    assert [name for name, job in jobs.items() if "github.event.issue.body" in yaml.safe_dump(job)] == ["check"]
    steps = {step.get("id"): step for step in jobs["check"]["steps"]}
    assert steps["checks"]["run"].split("\n")[:3] == ["python -m watwerkt.cli check --format github", "python -m watwerkt.cli schema --check", "python -m watwerkt.cli build --site site"]
    assert steps["checks"]["if"] == "steps.add.outputs.id != ''" and steps["verdict"]["env"]["CHECKS"] == "${{ steps.checks.outcome }}"
    # The preview report compares data/ as it was before the project was added with data/ after.
    runs = [step.get("run", "") for step in jobs["check"]["steps"]]
    base_copy = runs.index('cp -R data "$RUNNER_TEMP/basis"')
    assert base_copy < runs.index(steps["add"]["run"]) < runs.index(steps["preview"]["run"]) < runs.index(steps["checks"]["run"])
    assert steps["preview"]["run"].split("\n")[0] == 'python -m watwerkt.cli voorbeeld --basis "$RUNNER_TEMP/basis" --uit "$RUNNER_TEMP/voorbeeld/reactie.md"'
    assert steps["preview"]["if"] == "steps.add.outputs.id != ''"
    assert jobs["pull-request"]["needs"] == "check" and jobs["pull-request"]["if"] == "needs.check.outputs.passed == 'true'"
    [open_step] = [step for step in jobs["pull-request"]["steps"] if step.get("id") == "open"]
    assert open_step["with"]["add-paths"] == "${{ needs.check.outputs.file }}" and "body" not in open_step["with"]
    # A project or a correction, never an issue that claims to be both.
    assert jobs["check"]["if"] == (
        "github.event.label.name == 'goedgekeurd' && contains(github.event.issue.labels.*.name, 'aanmelding') "
        "!= contains(github.event.issue.labels.*.name, 'correctie')"
    )
    assert steps["add"]["env"]["KIND"] == "${{ contains(github.event.issue.labels.*.name, 'correctie') && 'correctie' || 'aanmelding' }}"
    assert open_step["with"]["body-path"] == "${{ runner.temp }}/uitkomst/pull-request.md"
    assert jobs["comment"]["needs"] == ["check", "pull-request"] and jobs["comment"]["if"] == "always() && needs.check.result != 'skipped'"


def test_every_pull_request_gets_one_preview_comment_but_one_from_a_fork():
    workflow = yaml.safe_load(VOORBEELD)
    assert triggers(workflow) == {"pull_request": None}
    jobs = workflow["jobs"]
    assert {name: job["permissions"] for name, job in jobs.items()} == {"build": {"contents": "read"}, "comment": {"pull-requests": "write"}}
    # Only the job that can write nothing runs the pull request's code; the other checks out nothing.
    assert not [step for step in jobs["comment"]["steps"] if "checkout" in step.get("uses", "") or "python" in step.get("run", "")]
    checkouts = [step.get("with", {}) for step in jobs["build"]["steps"] if step.get("uses", "").startswith("actions/checkout@")]
    assert checkouts == [
        {"persist-credentials": False},
        {"ref": "${{ github.event.pull_request.base.sha }}", "path": "basis", "sparse-checkout": "data", "persist-credentials": False},
    ]
    steps = {step.get("id"): step for step in jobs["build"]["steps"]}
    assert steps["report"]["run"].split("\n")[0] == (
        'python -m watwerkt.cli voorbeeld --basis basis/data --voorbeeld-url "$VOORBEELD_URL" --uit "$RUNNER_TEMP/voorbeeld/reactie.md"'
    )
    assert '>> "$GITHUB_STEP_SUMMARY"' in steps["report"]["run"]
    assert steps["address"]["env"]["VOORBEELD_URL"] == "${{ vars.WATWERKT_VOORBEELD_URL }}"
    assert steps["report"]["env"] == {"VOORBEELD_URL": "${{ steps.address.outputs.url }}"}
    assert steps["build"]["run"] == "python -m watwerkt.cli build --site site" and steps["build"]["env"] == {"SITE_URL": "${{ steps.address.outputs.url }}"}
    uploads = {step["with"]["name"]: step for step in jobs["build"]["steps"] if step.get("uses", "").startswith("actions/upload-artifact@")}
    assert uploads["site"]["with"]["path"] == "site/" and uploads["voorbeeld"]["with"]["path"] == "${{ runner.temp }}/voorbeeld/"
    assert jobs["build"]["outputs"]["report"] == "${{ steps.report.outcome }}"
    # A fork's token can only read: its comment job is skipped, the report stays in the run.
    assert jobs["comment"]["needs"] == "build"
    assert jobs["comment"]["if"] == (
        "always() && needs.build.outputs.report == 'success' && github.event.pull_request.head.repo.full_name == github.repository"
    )
    from watwerkt.publishing.preview import MARKER

    assert f'startswith("{MARKER}")' in voorbeeld_step("comment", "Reactie plaatsen of bijwerken")


def voorbeeld_step(job: str, name: str) -> str:
    [step] = [step for step in yaml.safe_load(VOORBEELD)["jobs"][job]["steps"] if name in (step.get("id"), step.get("name"))]
    return step["run"]


@pytest.mark.parametrize(
    ("variable", "number", "output"),
    [
        ("", "12", "url=\n"),
        ("https://voorbeeld.example.org/pr-{pr}/", "12", "url=https://voorbeeld.example.org/pr-12/\n"),
        ("https://deploy-preview-{pr}--watwerkt.example.app/", "3", "url=https://deploy-preview-3--watwerkt.example.app/\n"),
        ("https://voorbeeld.example.org/\nurl=https://evil.example/", "12", None),
        ("javascript:alert(1)", "12", None),
        ("https://voorbeeld.example.org/$(touch pwned)", "12", None),
    ],
)
def test_the_preview_address_comes_from_the_variable_with_the_pull_requests_number(checkout, variable, number, output):
    result = run_step(voorbeeld_step("build", "address"), checkout, VOORBEELD_URL=variable, PULL_REQUEST=number)
    written = (checkout / "runner" / "output").read_text(encoding="utf-8")
    assert not list(checkout.rglob("pwned"))
    if output is None:
        assert result.returncode == 1 and written == "" and "WATWERKT_VOORBEELD_URL is geen gewoon webadres" in result.stdout
    else:
        assert result.returncode == 0 and written == output


@pytest.mark.parametrize(("found", "method", "address"), [("", "POST", "repos/voorbeeld/watwerkt/issues/12/comments"), ("901\n902", "PATCH", "repos/voorbeeld/watwerkt/issues/comments/901")])
def test_the_preview_comment_is_updated_when_there_is_one_and_posted_once_otherwise(checkout, found, method, address):
    report = checkout / "runner" / "voorbeeld" / "reactie.md"
    report.parent.mkdir(parents=True)
    report.write_text("<!-- watwerkt-voorbeeld -->\nVerslag.\n", encoding="utf-8")
    # Answers the search with `found`, and writes down every call, one argument a line.
    gh = fake_gh_program(checkout, 'printf "%s\\n" "$@" "--" >> "$RUNNER_TEMP/gh-calls"\n' f'if [ "$2" = --paginate ]; then printf "{found}"; fi\n')
    completed = run_step(voorbeeld_step("comment", "Reactie plaatsen of bijwerken"), checkout, PULL_REQUEST="12", RUN_URL=RUN_URL, **gh)
    assert completed.returncode == 0, completed.stderr
    search, change, end = (checkout / "runner" / "gh-calls").read_text(encoding="utf-8").split("--\n")
    assert search.split("\n")[:3] == ["api", "--paginate", "repos/voorbeeld/watwerkt/issues/12/comments"]
    assert change.split("\n") == ["api", "--method", method, address, "-F", f"body=@{report}", "--silent", ""] and end == ""
    assert report.read_text(encoding="utf-8") == f"<!-- watwerkt-voorbeeld -->\nVerslag.\n\nDe controle en de artifacts staan bij de run: {RUN_URL}\n"


# --- the lock with hashes ----------------------------------------------------------------


def pins(text: str) -> dict[str, str]:
    return {re.sub(r"[-_.]+", "-", name).lower(): version for name, version in re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", text, flags=re.MULTILINE)}


def test_the_hashed_lock_pins_exactly_the_versions_of_constraints_txt():
    lock = (REPO / "requirements-site.txt").read_text(encoding="utf-8")
    constraints = pins((REPO / "constraints.txt").read_text(encoding="utf-8"))
    locked = pins(lock)
    assert {name: (version, constraints.get(name)) for name, version in locked.items() if constraints.get(name) != version} == {}
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    needed = {re.sub(r"[-_.]+", "-", re.split(r"[\[=<>~!]", requirement)[0]).lower() for requirement in project["dependencies"]}
    assert needed - set(locked) == set()
    for block in re.split(r"\n(?=[A-Za-z0-9])", lock.split("\n", 2)[2]):
        assert re.search(r"--hash=sha256:[0-9a-f]{64}", block), block.splitlines()[0]
    assert "uv pip compile pyproject.toml -c constraints.txt --generate-hashes" in lock.splitlines()[1]


# --- the shell steps, run here on hostile issue text -----------------------------------------


def step_script(job: str, step_id: str) -> str:
    [step] = [step for step in yaml.safe_load(AANMELDING)["jobs"][job]["steps"] if step.get("id") == step_id or step.get("name") == step_id]
    return step["run"]


def run_step(script: str, workdir: Path, **environment: str) -> subprocess.CompletedProcess:
    """As GitHub runs a `run:` step: bash without profile, -e and pipefail, in the checkout."""
    (workdir / "runner").mkdir(exist_ok=True)
    output = workdir / "runner" / "output"
    output.touch()
    env = {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(REPO),
        "RUNNER_TEMP": str(workdir / "runner"),
        "GITHUB_OUTPUT": str(output),
        "HOME": str(workdir),
        **environment,
    }
    script_file = workdir / "runner" / "step.sh"
    script_file.write_text(script, encoding="utf-8")
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script_file)], cwd=workdir / "checkout", env=env, capture_output=True, text=True)


def fake_gh_program(folder: Path, script: str) -> dict[str, str]:
    """A `gh` in `folder`/bin that runs `script` (bash) instead of asking GitHub; the
    environment a step needs to find it."""
    fake_bin = folder / "bin"
    fake_bin.mkdir(exist_ok=True)
    (fake_bin / "gh").write_text("#!/bin/bash\n" + script, encoding="utf-8")
    (fake_bin / "gh").chmod(0o755)
    return {"PATH": f"{fake_bin}{os.pathsep}{os.environ['PATH']}", "GH_TOKEN": "x", "GH_REPO": "voorbeeld/watwerkt"}


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "data", tmp_path / "checkout" / "data")
    return tmp_path


def issue_body(**changes: str) -> str:
    from test_issue_to_record import body

    return body(**changes)


HOSTILE_BODIES = [
    issue_body(naam="$(touch pwned) Buurtkamer"),
    issue_body(naam="`touch pwned` Buurtkamer"),
    issue_body(beschrijving="'; touch pwned; echo '"),
    issue_body(beschrijving='"; touch pwned; echo "'),
    issue_body(beschrijving="x\nid=evil\npassed=true"),
    issue_body(beschrijving="x%0Aid=evil"),
    issue_body(status="lopend\nid=evil"),
    "id=evil\n" + issue_body(),
    "EOF\n$(touch pwned)\n${IFS}touch${IFS}pwned",
    issue_body(beschrijving="::set-output name=id::evil\n::add-mask::x"),
    issue_body(id="evil\nid=evil2"),
]


@pytest.mark.parametrize("hostile", HOSTILE_BODIES)
def test_hostile_issue_text_runs_nothing_and_sets_no_output(checkout, hostile):
    result = run_step(step_script("check", "add"), checkout, ISSUE_BODY=hostile, KIND="aanmelding")
    assert result.returncode == 0, result.stderr
    assert not list(checkout.rglob("pwned"))
    outputs = (checkout / "runner" / "output").read_text(encoding="utf-8").splitlines()
    if outputs:
        kind, record, file, field = outputs
        assert (kind, file, field) == ("kind=aanmelding", "file=data/projects.yaml", "field=") and re.fullmatch(r"id=[a-z0-9-]{1,80}", record)
    assert "id=evil" not in outputs and not any(line.startswith("passed") for line in outputs)
    assert outputs or (checkout / "runner" / "uitkomst" / "reactie.md").read_text(encoding="utf-8").startswith("Bedankt voor je aanmelding!")


def test_a_valid_issue_sets_the_id_and_changes_only_projects_yaml(checkout):
    result = run_step(step_script("check", "add"), checkout, ISSUE_BODY=issue_body(), KIND="aanmelding")
    assert result.returncode == 0, result.stderr
    assert (checkout / "runner" / "output").read_text(encoding="utf-8") == "kind=aanmelding\nid=buurtkamer-geldzaken-emmen\nfile=data/projects.yaml\nfield=\n"
    changed = [path.name for path in (checkout / "checkout" / "data").iterdir() if path.read_bytes() != (REPO / "data" / path.name).read_bytes()]
    assert changed == ["projects.yaml"]


def correction_body(record: str = "de-boeg-veendam", field: str = "samenvatting", value: str = "Jongeren in Veendam halen een diploma, met extra hulp op school.") -> str:
    from test_corrections import issue

    return issue(record=record, page=f"https://voorbeeld.github.io/watwerkt/projectenbank/{record}/", field=field, value=value)


def test_a_correction_issue_sets_its_outputs_and_changes_one_run_of_lines(checkout):
    result = run_step(step_script("check", "add"), checkout, ISSUE_BODY=correction_body(), KIND="correctie")
    assert result.returncode == 0, result.stderr
    assert (checkout / "runner" / "output").read_text(encoding="utf-8") == "kind=correctie\nid=de-boeg-veendam\nfile=data/projects.yaml\nfield=samenvatting\n"
    changed = [path.name for path in (checkout / "checkout" / "data").iterdir() if path.read_bytes() != (REPO / "data" / path.name).read_bytes()]
    assert changed == ["projects.yaml"]
    # The pull-request job takes it: one run of lines differs.
    checked = checkout / "runner" / "uitkomst" / "projects.yaml"
    shutil.copyfile(checkout / "checkout" / "data" / "projects.yaml", checked)
    shutil.copyfile(REPO / "data" / "projects.yaml", checkout / "checkout" / "data" / "projects.yaml")
    take = step_script("pull-request", "Het gecontroleerde bestand overnemen")
    assert run_step(take, checkout, KIND="correctie", FILE="data/projects.yaml").returncode == 0
    assert (checkout / "checkout" / "data" / "projects.yaml").read_bytes() == checked.read_bytes()


@pytest.mark.parametrize("hostile", [correction_body(value="$(touch pwned)\nid=evil"), correction_body(field="samenvatting\nfile=data/evil.yaml"), correction_body(record="de-boeg-veendam\nid=evil")])
def test_a_hostile_correction_runs_nothing_and_sets_no_output(checkout, hostile):
    result = run_step(step_script("check", "add"), checkout, ISSUE_BODY=hostile, KIND="correctie")
    assert result.returncode == 0, result.stderr
    assert not list(checkout.rglob("pwned"))
    outputs = (checkout / "runner" / "output").read_text(encoding="utf-8").splitlines()
    assert not any(line.startswith("id=evil") or "evil.yaml" in line for line in outputs)
    assert outputs in ([], ["kind=correctie", "id=de-boeg-veendam", "file=data/projects.yaml", "field=samenvatting"]), outputs


def test_the_pull_request_job_refuses_a_correction_that_changed_two_places(checkout):
    projects = checkout / "checkout" / "data" / "projects.yaml"
    before = projects.read_bytes()
    checked = checkout / "runner" / "uitkomst" / "projects.yaml"
    checked.parent.mkdir(parents=True)
    checked.write_bytes(before.replace(b"Samen Sterk", b"Samen Zwak", 1).replace(b"Veendam", b"Elders"))
    result = run_step(step_script("pull-request", "Het gecontroleerde bestand overnemen"), checkout, KIND="correctie", FILE="data/projects.yaml")
    assert result.returncode != 0 and projects.read_bytes() == before
    result = run_step(step_script("pull-request", "Het gecontroleerde bestand overnemen"), checkout, KIND="correctie", FILE="data/../mkdocs.yml")
    assert result.returncode != 0 and projects.read_bytes() == before


RUN_URL = "https://github.com/voorbeeld/watwerkt/actions/runs/1"


def test_the_submission_s_preview_report_shows_the_added_project(checkout):
    summary = checkout / "runner" / "summary.md"
    for step in ("De gegevens van vóór de wijziging bewaren", "add", "preview"):
        result = run_step(step_script("check", step), checkout, ISSUE_BODY=issue_body(), KIND="aanmelding", GITHUB_STEP_SUMMARY=str(summary))
        assert result.returncode == 0, result.stderr
    report = (checkout / "runner" / "voorbeeld" / "reactie.md").read_text(encoding="utf-8")
    changes = report.split("\n")[7:10]
    assert changes == ["1 toegevoegd, 0 gewijzigd, 0 verwijderd.", "", "- toegevoegd: project `buurtkamer-geldzaken-emmen` (`Buurtkamer Geldzaken Emmen`), `/projectenbank/buurtkamer-geldzaken-emmen/`"]
    assert summary.read_text(encoding="utf-8") == report


@pytest.mark.parametrize(
    ("record_id", "checks", "earlier_reply", "passed", "reply_start"),
    [
        ("buurtkamer", "success", None, True, "Bedankt voor je aanmelding! Het project `buurtkamer` is gecontroleerd zoals elke pull request"),
        ("buurtkamer", "failure", None, False, "Bedankt voor je aanmelding! Het project zelf is in orde, maar de controle van de hele projectenbank"),
        ("", "skipped", "Bedankt voor je aanmelding! Voordat", False, "Bedankt voor je aanmelding! Voordat"),
        ("", "skipped", "Dit project staat al in de projectenbank", False, "Dit project staat al in de projectenbank"),
        ("", "", None, False, "Bedankt voor je aanmelding! Die kon niet worden verwerkt. De redactie kijkt ernaar: " + RUN_URL),
    ],
)
def test_the_verdict_opens_a_pull_request_only_when_every_check_passed(checkout, record_id, checks, earlier_reply, passed, reply_start):
    reply = checkout / "runner" / "uitkomst" / "reactie.md"
    if earlier_reply:
        reply.parent.mkdir(parents=True)
        reply.write_text(earlier_reply, encoding="utf-8")
    result = run_step(step_script("check", "verdict"), checkout, KIND="aanmelding", RECORD_ID=record_id, FILE="data/projects.yaml" if record_id else "", FIELD="", CHECKS=checks, ISSUE="7", RUN_URL=RUN_URL)
    assert result.returncode == 0, result.stderr
    assert ((checkout / "runner" / "output").read_text(encoding="utf-8") == "passed=true\n") is passed
    assert (reply.parent / "projects.yaml").exists() is passed
    assert (reply.parent / "pull-request.md").exists() is passed
    assert reply.read_text(encoding="utf-8").startswith(reply_start)


@pytest.mark.parametrize("report", ["<!-- watwerkt-voorbeeld -->\n## Voorbeeld van deze pull request\n", None])
def test_the_pull_request_text_closes_the_issue_and_holds_the_preview_report(checkout, report):
    if report is not None:
        (checkout / "runner" / "voorbeeld").mkdir(parents=True)
        (checkout / "runner" / "voorbeeld" / "reactie.md").write_text(report, encoding="utf-8")
    result = run_step(step_script("check", "verdict"), checkout, KIND="aanmelding", RECORD_ID="buurtkamer", FILE="data/projects.yaml", FIELD="", CHECKS="success", ISSUE="7", RUN_URL=RUN_URL)
    assert result.returncode == 0, result.stderr
    assert (checkout / "runner" / "uitkomst" / "pull-request.md").read_text(encoding="utf-8").split("\n") == [
        "Closes #7",
        "",
        "Gecontroleerd zoals elke pull request (`watwerkt check`, `watwerkt schema --check`, `watwerkt build`). "
        f"De controle en de gebouwde site (artifact `site`) staan bij de run: {RUN_URL}",
        "",
        *((report or "").split("\n")),
    ]


def test_the_verdict_of_a_correction_names_the_field_in_the_reply_and_the_pull_request(checkout):
    result = run_step(
        step_script("check", "verdict"), checkout, KIND="correctie", RECORD_ID="de-boeg-veendam", FILE="data/projects.yaml",
        FIELD="samenvatting", CHECKS="success", ISSUE="8", RUN_URL=RUN_URL,
    )
    assert result.returncode == 0, result.stderr
    out = checkout / "runner" / "uitkomst"
    assert (out / "reactie.md").read_text(encoding="utf-8") == (
        "Bedankt voor je correctie! De wijziging van `samenvatting` in `de-boeg-veendam` is gecontroleerd zoals elke pull request: "
        "de gegevens kloppen en de site kan ermee worden gebouwd. De redactie krijgt nu een pull request met alleen deze wijziging.\n"
    )
    assert (out / "pull-request.md").read_text(encoding="utf-8").split("\n")[:3] == [
        "Closes #8",
        "",
        "Correctie uit het issue: alleen het veld `samenvatting` van `de-boeg-veendam` in `data/projects.yaml` verandert. De bron die de lezer noemt, staat in het issue.",
    ]
    assert (out / "projects.yaml").read_bytes() == (checkout / "checkout" / "data" / "projects.yaml").read_bytes()


def test_the_pull_request_job_refuses_a_file_changed_before_the_addition(checkout):
    projects = checkout / "checkout" / "data" / "projects.yaml"
    before = projects.read_bytes()
    checked = checkout / "runner" / "uitkomst" / "projects.yaml"
    checked.parent.mkdir(parents=True)
    checked.write_bytes(before.replace(b"Samen Sterk", b"Samen Zwak", 1) + b"\n- id: nieuw\n")
    take = step_script("pull-request", "Het gecontroleerde bestand overnemen")
    result = run_step(take, checkout, KIND="aanmelding", FILE="data/projects.yaml")
    assert result.returncode != 0 and projects.read_bytes() == before
    checked.write_bytes(before + b"\n- id: nieuw\n")
    assert run_step(take, checkout, KIND="aanmelding", FILE="data/projects.yaml").returncode == 0
    assert projects.read_bytes() == before + b"\n- id: nieuw\n"


@pytest.mark.parametrize(
    ("result", "number", "ending"),
    [("success", "12", "\nDe pull request: #12\n"), ("failure", "", "\nHet openen van de pull request ging mis; de redactie kijkt ernaar.\n"), ("skipped", "", "")],
)
def test_the_comment_adds_the_pull_request_and_posts_through_gh(checkout, result, number, ending):
    reply = checkout / "runner" / "uitkomst" / "reactie.md"
    reply.parent.mkdir(parents=True)
    reply.write_text("Uitkomst.\n", encoding="utf-8")
    gh = fake_gh_program(checkout, 'printf "%s\\n" "$@" > "$RUNNER_TEMP/gh-args"\n')
    completed = run_step(step_script("comment", "Reageren"), checkout, ISSUE="7", PULL_REQUEST=number, PULL_REQUEST_RESULT=result, **gh)
    assert completed.returncode == 0, completed.stderr
    assert reply.read_text(encoding="utf-8") == "Uitkomst.\n" + ending
    assert (checkout / "runner" / "gh-args").read_text(encoding="utf-8").splitlines() == ["issue", "comment", "7", "--body-file", str(reply)]


def test_ci_audits_the_workflows_with_a_pinned_zizmor_offline():
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r'/bin/pip" install [^\n]*\bzizmor==\d+\.\d+\.\d+(?: |\n)', script)
    assert '/bin/zizmor" --offline --no-progress --min-severity medium .github/workflows/\n' in script
    assert script.index("zizmor") < script.index("make test")  # a finding fails CI before the long tests
    # and GitHub's own shapes, from the schemas check-jsonschema ships (no network needed)
    assert re.search(r'/bin/pip" install [^\n]*\bcheck-jsonschema==\d+\.\d+\.\d+\n', script)
    assert '/bin/check-jsonschema" --builtin-schema vendor.github-workflows .github/workflows/*.yml\n' in script
    assert '/bin/check-jsonschema" --builtin-schema vendor.github-issue-forms .github/ISSUE_TEMPLATE/*.yml\n' in script


# --- the weekly maintenance issue ------------------------------------------------------------

ONDERHOUD = (WORKFLOWS / "onderhoud.yml").read_text(encoding="utf-8")


def onderhoud_step(job: str, name: str) -> str:
    [step] = [step for step in yaml.safe_load(ONDERHOUD)["jobs"][job]["steps"] if step.get("name") == name]
    return step["run"]


def test_the_maintenance_workflow_runs_weekly_and_only_the_issue_job_can_write():
    workflow = yaml.safe_load(ONDERHOUD)
    on = triggers(workflow)
    assert set(on) == {"schedule", "workflow_dispatch"}
    [cron] = [entry["cron"] for entry in on["schedule"]]
    assert cron.split()[2:] == ["*", "*", "1"]  # every Monday
    jobs = workflow["jobs"]
    assert {name: job["permissions"] for name, job in jobs.items()} == {"report": {"contents": "read"}, "issue": {"issues": "write"}}
    assert jobs["issue"]["needs"] == "report"
    assert not any("actions/checkout" in step.get("uses", "") for step in jobs["issue"]["steps"])  # it runs no code of the repository
    runs = [step.get("run", "") for step in jobs["report"]["steps"]]
    assert "python -m watwerkt.cli build --site site" in runs
    links = onderhoud_step("report", "Links controleren")
    assert re.search(r"python -m watwerkt\.cli links --site site --verslag \"\$RUNNER_TEMP/onderhoud/links\.json\" \|\| true$", links, re.MULTILINE)
    assert 'python -m watwerkt.cli onderhoud --site site "${links[@]}" --uit "$RUNNER_TEMP/onderhoud/onderhoud.md"' in onderhoud_step("report", "Lijst maken")
    script = onderhoud_step("issue", "Issue bijwerken")
    # It looks for the open issue first, edits it when there is one, and creates one only otherwise.
    assert script.index("gh issue list --label onderhoud --state open") < script.index("gh issue edit") < script.index('elif [ -z "$number" ]') < script.index("gh issue create")


def fake_gh(folder: Path, listed: str, *, list_fails: bool = False) -> dict[str, str]:
    """A `gh` that answers `issue list` with `listed` and writes every call to gh-calls."""
    return fake_gh_program(
        folder, 'echo "$*" >> "$RUNNER_TEMP/gh-calls"\n' f'if [ "$1 $2" = "issue list" ]; then {"exit 1" if list_fails else f"printf %s {listed!r}"}; fi\n',
    )


@pytest.mark.parametrize(
    ("listed", "list_fails", "calls"),
    [
        ("12", False, ["issue edit 12 --body-file {body}"]),
        ("", False, [
            "label create onderhoud --force --color 0e8a16 --description Wat de redactie moet nakijken (elke maandag bijgewerkt)",
            "issue create --label onderhoud --title Onderhoud: wat de redactie moet nakijken --body-file {body}",
        ]),
        ("12; touch pwned", False, None),  # no number: fail rather than open a second issue
        ("null", False, None),
        ("", True, None),  # no answer: the same
    ],
)
def test_the_issue_job_edits_the_open_issue_and_creates_one_only_when_none_is_open(checkout, listed, list_fails, calls):
    body = checkout / "runner" / "onderhoud" / "onderhoud.md"
    body.parent.mkdir(parents=True)
    body.write_text("# Onderhoud\n", encoding="utf-8")
    result = run_step(onderhoud_step("issue", "Issue bijwerken"), checkout, **fake_gh(checkout, listed, list_fails=list_fails))
    made = (checkout / "runner" / "gh-calls").read_text(encoding="utf-8").splitlines()
    assert made[0] == "issue list --label onderhoud --state open --json number --jq .[0].number // empty"
    if calls is None:
        assert result.returncode != 0 and made[1:] == []
    else:
        assert result.returncode == 0, result.stderr
        assert made[1:] == [call.format(body=body) for call in calls]
    assert not list(checkout.rglob("pwned"))


@pytest.mark.parametrize("with_links", [True, False])
def test_the_list_is_made_with_the_links_report_when_there_is_one(checkout, with_links):
    site = checkout / "checkout" / "site"
    site.mkdir()
    (site / "leesbaarheid.csv").write_text("pagina;flesch_douma;b1;woorden;zinnen;reden\n/;80;ja;400;40;\n", encoding="utf-8")
    folder = checkout / "runner" / "onderhoud"
    folder.mkdir(parents=True)
    if with_links:
        (folder / "links.json").write_text('{"format": "watwerkt links --verslag", "version": 1, "links": []}\n', encoding="utf-8")
    result = run_step(onderhoud_step("report", "Lijst maken"), checkout)
    assert result.returncode == 0, result.stderr
    header = (folder / "onderhoud.md").read_text(encoding="utf-8").splitlines()[2]
    assert ("0 kapotte links" in header) is with_links and ("links niet nagekeken" in header) is not with_links
    assert "0 pagina's onder B1" in header
