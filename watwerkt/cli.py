"""The `watwerkt` command."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .schemas import stale_generated_files, write_generated_files
from .issue_form import add_project_from_issue, issue_comment
from .link_check import check_links, external_links, source_lines
from .validation import Problem, check_data, reference_date, summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="watwerkt", description="Werkt met de kennisbank Wat Werkt.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="controleer alle records in data/")
    check.add_argument("--data", type=Path, default=Path("data"), help="de map met de YAML-bestanden (standaard: data)")
    check.add_argument(
        "--format", choices=("tekst", "github"), default="tekst",
        help="github: als aantekeningen die GitHub bij de regels van een pull request toont",
    )
    submission = commands.add_parser("aanmelding", help="zet een project uit een GitHub-issue in data/projects.yaml")
    submission.add_argument("issue_body", type=Path, help="bestand met de tekst van het issue")
    submission.add_argument("--data", type=Path, default=Path("data"))
    submission.add_argument("--reactie", type=Path, help="schrijf hier het antwoord voor het issue als het project niet klopt")
    schema = commands.add_parser("schema", help="schrijf de JSON Schema's in schema/ en CONTRIBUTING.md uit het model")
    schema.add_argument("--check", action="store_true", help="schrijf niets; exit 1 als iets verouderd is")
    links = commands.add_parser("links", help="controleer de links naar andere websites in de gebouwde site; blokkeert niets")
    links.add_argument("--site", type=Path, default=Path("site"), help="de gebouwde site (standaard: site, van `make build`)")
    links.add_argument("--timeout", type=float, default=10, help="seconden wachten per link (standaard: 10)")
    arguments = parser.parse_args(argv)
    if arguments.command == "links":
        return run_links(arguments.site, timeout=arguments.timeout)
    if arguments.command == "aanmelding":
        return run_submission(arguments.issue_body, arguments.data, arguments.reactie)
    if arguments.command == "schema":
        return run_schema(Path.cwd(), check_only=arguments.check)
    return run_check(arguments.data, output_format=arguments.format)


def run_check(data_dir: Path, *, output_format: str = "tekst") -> int:
    kennisbank, problems = check_data(data_dir)
    for problem in problems:
        print(github_annotation(problem) if output_format == "github" else problem, file=sys.stderr if output_format == "tekst" else sys.stdout)
    if kennisbank is None:
        errors = sum(not problem.warning for problem in problems)
        count = "1 probleem" if errors == 1 else f"{errors} problemen"
        print(f"{count} gevonden. Los ze op en controleer opnieuw.", file=sys.stderr)
        return 1
    warnings = f" Wel {len(problems)} waarschuwing(en) hierboven." if problems else ""
    print(summary(kennisbank) + warnings)
    return 0


def github_annotation(problem: Problem) -> str:
    """A GitHub Actions workflow command: GitHub shows it at the line in the pull request."""
    level = "warning" if problem.warning else "error"
    title = f"{problem.record}: {problem.field}"
    return (
        f"::{level} file={_escape_property(problem.file)},line={problem.line},title={_escape_property(title)}"
        f"::{_escape_data(problem.message)}"
    )


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def run_links(site_dir: Path, *, timeout: float) -> int:
    """Exit 1 only for links that are certainly broken; doubtful ones are listed to look at.
    Exit 2 when nothing could be checked (no site, or no network)."""
    if not (site_dir / "index.html").exists():
        print(f"{site_dir}/ bevat geen gebouwde site; bouw hem eerst met `make build`.", file=sys.stderr)
        return 2
    pages_of = external_links(site_dir)
    sources = sorted(Path("data").glob("*.yaml")) + sorted(Path("docs").rglob("*.md"))
    statuses = check_links(pages_of, timeout=timeout)
    if statuses and all(status.status is None for status in statuses):
        print(f"Geen van de {len(statuses)} websites gaf antwoord. Is deze computer met internet verbonden?", file=sys.stderr)
        return 2
    for status in sorted(statuses, key=lambda status: not status.broken):  # broken ones first
        if status.ok:
            continue
        print(f"{'KAPOT' if status.broken else 'BEKIJK'}: {status.url}: {status.reason}")
        print(f"    op: {', '.join(pages_of[status.url])}")
        where = source_lines(status.url, sources)
        if where:
            print(f"    in: {', '.join(where)}")
    broken = sum(status.broken for status in statuses)
    doubtful = sum(not status.ok and not status.broken for status in statuses)
    print(f"{len(statuses)} links naar andere websites: {len(statuses) - broken - doubtful} in orde, {broken} kapot, {doubtful} om zelf te bekijken.")
    return 1 if broken else 0


def run_submission(issue_body: Path, data_dir: Path, reply: Path | None) -> int:
    record_id, problems = add_project_from_issue(issue_body.read_text(encoding="utf-8"), data_dir, today=reference_date())
    if record_id:
        print(record_id)
        return 0
    comment = issue_comment(problems)
    if reply:
        reply.write_text(comment, encoding="utf-8")
    print(comment, file=sys.stderr)
    return 1


def run_schema(root: Path, *, check_only: bool) -> int:
    if check_only:
        stale = stale_generated_files(root)
        for path in stale:
            print(f"{path} is verouderd: draai `watwerkt schema`", file=sys.stderr)
        return 1 if stale else 0
    for path in write_generated_files(root):
        print(f"geschreven: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
