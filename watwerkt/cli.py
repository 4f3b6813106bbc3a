"""The `watwerkt` command.

Whatever happens, every command ends with a Dutch message and an exit code, never a traceback:
1 for something the user can fix (a UserError, a file that cannot be read or written), 2 when
there was nothing to work on, 130 when stopped with Ctrl+C, 70 for a bug in watwerkt itself.
Everything it prints passes through `_say`, which never lets a control character reach the
terminal (a record id holding an ANSI escape must not clear the screen).
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TextIO

from .corrections import apply_correction
from .errors import UserError
from .publishing.generated_files import stale_generated_files, write_generated_files
from .issue_to_record import PROJECTS_FILE, add_project_from_issue, read_issue
from .publishing.link_check import check_links, external_links, source_lines
from .publishing.maintenance import DataLocations, links_report, maintenance_report, read_links_report, read_readability
from .publishing.preview import preview_report
from .loading import Problem, check_data, printable, reference_date, summary
from .publishing.serving import serve
from .publishing.staging import GENERATORS, build, failure_message
from .loading.yaml_source import os_error_reason
from .readability import hand_written_pages

EXIT_PROBLEMS = 1
EXIT_NOTHING_TO_DO = 2
EXIT_INTERNAL_ERROR = 70  # EX_SOFTWARE
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it


def main(argv: list[str] | None = None) -> int:
    """Run one command and return its exit code; no exception escapes."""
    try:
        return _run_command(argv)
    except UserError as error:
        _say(str(error), sys.stderr)
        return EXIT_PROBLEMS
    except BrokenPipeError:  # the reader went away (`watwerkt check | head`): nobody to tell
        _silence_stdout()
        return EXIT_PROBLEMS
    except OSError as error:
        _say(_os_error_message(error), sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        _say("afgebroken", sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:  # a bug: say so in one line; a traceback helps no contributor
        _say(f"interne fout in watwerkt: {type(error).__name__}; meld dit", sys.stderr)
        return EXIT_INTERNAL_ERROR


def _run_command(argv: list[str] | None) -> int:
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
    correction = commands.add_parser("correctie", help="verander het ene veld dat een correctie-issue ('Klopt er iets niet?') noemt")
    correction.add_argument("issue_body", type=Path, help="bestand met de tekst van het issue")
    correction.add_argument("--data", type=Path, default=Path("data"))
    correction.add_argument("--reactie", type=Path, help="schrijf hier het antwoord voor het issue als de correctie niet vanzelf kan")
    schema = commands.add_parser("schema", help="schrijf de JSON Schema's in schema/ en CONTRIBUTING.md uit het model")
    schema.add_argument("--check", action="store_true", help="schrijf niets; exit 1 als iets verouderd is")
    build = commands.add_parser("build", help="controleer data/ en bouw de hele site (met zoekindex en leesbaarheid)")
    build.add_argument("--site", type=Path, default=Path("site"), help="waar de site komt (standaard: site)")
    build.add_argument("--generator", choices=sorted(GENERATORS), default="mkdocs", help="de sitegenerator (standaard: mkdocs)")
    build.add_argument("--publiceren", action="store_true", help="de build die online gaat: stopt als SITE_URL ontbreekt of naar deze computer wijst")
    serve = commands.add_parser("serve", help="bouw de site en toon hem; bouw opnieuw bij elke wijziging")
    serve.add_argument("--adres", default="127.0.0.1", help="standaard: 127.0.0.1 (alleen deze computer)")
    serve.add_argument("--poort", type=int, default=8000, help="standaard: 8000")
    links = commands.add_parser("links", help="controleer de links naar andere websites in de gebouwde site; blokkeert niets")
    links.add_argument("--site", type=Path, default=Path("site"), help="de gebouwde site (standaard: site, van `make build`)")
    links.add_argument("--timeout", type=float, default=10, help="seconden wachten per link (standaard: 10)")
    links.add_argument("--verslag", type=Path, help="schrijf hier alle uitkomsten als JSON, voor `watwerkt onderhoud --links`")
    maintenance = commands.add_parser("onderhoud", help="wat de redactie moet nakijken: verouderde records, homepages als bron, kapotte links, pagina's onder B1, verlopen erkenningen")
    maintenance.add_argument("--data", type=Path, default=Path("data"), help="de map met de YAML-bestanden (standaard: data)")
    maintenance.add_argument("--site", type=Path, help="een gebouwde site: neem de pagina's onder B1 uit zijn leesbaarheid.csv mee")
    maintenance.add_argument("--links", type=Path, help="een verslag van `watwerkt links --verslag`: neem de kapotte links mee")
    maintenance.add_argument("--uit", type=Path, help="schrijf het overzicht (Markdown) in dit bestand in plaats van op het scherm")
    preview = commands.add_parser("voorbeeld", help="verslag voor een pull request: wat er in de gegevens verandert, de controle en de leesbaarheid")
    preview.add_argument("--basis", type=Path, help="de map met de YAML-bestanden van vóór de pull request (verplicht)")
    preview.add_argument("--data", type=Path, default=Path("data"), help="de map met de YAML-bestanden van de pull request (standaard: data)")
    preview.add_argument("--voorbeeld-url", default="", help="het adres waar de gebouwde site van de pull request online staat; dan linken de paden erheen")
    preview.add_argument("--uit", type=Path, help="schrijf het verslag (Markdown) in dit bestand in plaats van op het scherm")
    arguments = parser.parse_args(argv)
    if arguments.command == "voorbeeld":
        return run_preview(arguments.basis, arguments.data, preview_url=arguments.voorbeeld_url, output=arguments.uit, relative_to=_working_dir())
    if arguments.command == "build":
        return run_build(_working_dir(), arguments.site, generator=arguments.generator, publish=arguments.publiceren)
    if arguments.command == "serve":
        return run_serve(_working_dir(), address=arguments.adres, port=arguments.poort)
    if arguments.command == "links":
        return run_links(arguments.site, timeout=arguments.timeout, report=arguments.verslag)
    if arguments.command == "onderhoud":
        return run_maintenance(arguments.data, site_dir=arguments.site, links=arguments.links, output=arguments.uit)
    if arguments.command == "correctie":
        return run_correction(arguments.issue_body, arguments.data, arguments.reactie)
    if arguments.command == "aanmelding":
        return run_submission(arguments.issue_body, arguments.data, arguments.reactie)
    if arguments.command == "schema":
        return run_schema(_working_dir(), check_only=arguments.check)
    return run_check(arguments.data, output_format=arguments.format, relative_to=_working_dir())


def run_check(data_dir: Path, *, output_format: str = "tekst", relative_to: Path | None = None) -> int:
    if not data_dir.is_dir():
        reason = "is geen map" if data_dir.exists() else "bestaat niet"
        _say(f"{data_dir}: {reason}; geef met --data de map met de YAML-bestanden", sys.stderr)
        return EXIT_NOTHING_TO_DO
    kennisbank, problems = check_data(data_dir, relative_to=relative_to)
    for problem in problems:
        _say(github_annotation(problem) if output_format == "github" else str(problem), sys.stderr if output_format == "tekst" else sys.stdout)
    if kennisbank is None:
        errors = sum(not problem.warning for problem in problems)
        count = "1 probleem" if errors == 1 else f"{errors} problemen"
        _say(f"{count} gevonden. Los ze op en controleer opnieuw.", sys.stderr)
        return EXIT_PROBLEMS
    warnings = f" Wel {len(problems)} waarschuwing(en) hierboven." if problems else ""
    _say(summary(kennisbank) + warnings, sys.stdout)
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


def run_build(project_dir: Path, site_dir: Path, *, generator: str, publish: bool = False) -> int:
    try:
        build(project_dir, site_dir, generator=generator, publish=publish, say=lambda line: _say(line, sys.stdout))
    except UserError as error:
        _say(failure_message(error), sys.stderr)
        return EXIT_PROBLEMS
    _say(f"Klaar: de site staat in {site_dir}/.", sys.stdout)
    return 0


def run_serve(project_dir: Path, *, address: str, port: int) -> int:
    try:
        serve(project_dir, address=address, port=port, say=lambda line: _say(line, sys.stdout))
    except UserError as error:
        _say(failure_message(error), sys.stderr)
        return EXIT_PROBLEMS
    return 0


def run_links(site_dir: Path, *, timeout: float, report: Path | None = None) -> int:
    """Exit 1 only for links that are certainly broken; doubtful ones are listed to look at.
    Exit 2 when nothing could be checked (no site, or no network); then no `report` is written."""
    if not os.path.lexists(site_dir / "index.html"):
        _say(f"{site_dir}/ bevat geen gebouwde site; bouw hem eerst met `make build`.", sys.stderr)
        return EXIT_NOTHING_TO_DO
    pages_of = external_links(site_dir)
    sources = sorted(Path("data").glob("*.yaml")) + sorted(Path("docs").rglob("*.md"))
    statuses = check_links(pages_of, timeout=timeout)
    if statuses and all(status.status is None for status in statuses):
        _say(f"Geen van de {len(statuses)} websites gaf antwoord. Is deze computer met internet verbonden?", sys.stderr)
        return EXIT_NOTHING_TO_DO
    found_in: dict[str, list[str]] = {}
    for status in sorted(statuses, key=lambda status: not status.broken):  # broken ones first
        if status.ok:
            continue
        _say(f"{'KAPOT' if status.broken else 'BEKIJK'}: {status.url}: {status.reason}", sys.stdout)
        _say(f"    op: {', '.join(pages_of[status.url])}", sys.stdout)
        where = found_in[status.url] = source_lines(status.url, sources)
        if where:
            _say(f"    in: {', '.join(where)}", sys.stdout)
    if report:
        report.write_text(links_report(statuses, pages_of, found_in), encoding="utf-8")
    broken = sum(status.broken for status in statuses)
    doubtful = sum(not status.ok and not status.broken for status in statuses)
    _say(f"{len(statuses)} links naar andere websites: {len(statuses) - broken - doubtful} in orde, {broken} kapot, {doubtful} om zelf te bekijken.", sys.stdout)
    return EXIT_PROBLEMS if broken else 0


def run_preview(base_dir: Path | None, data_dir: Path, *, preview_url: str, output: Path | None, relative_to: Path) -> int:
    """Exit 0 whenever the report was written, also when the data has problems: the report
    names them, and the build fails the run anyway. Exit 2 when a data folder is missing."""
    if base_dir is None:
        _say("geef met --basis de map met de YAML-bestanden van vóór de pull request, zoals --basis basis/data", sys.stderr)
        return EXIT_NOTHING_TO_DO
    for option, folder in (("--basis", base_dir), ("--data", data_dir)):
        if not folder.is_dir():
            reason = "is geen map" if folder.exists() else "bestaat niet"
            _say(f"{folder}: {reason}; geef met {option} de map met de YAML-bestanden", sys.stderr)
            return EXIT_NOTHING_TO_DO
    report = preview_report(base_dir, data_dir, relative_to=relative_to, preview_url=preview_url)
    return _write_report(report, output, "het verslag")


def run_maintenance(data_dir: Path, *, site_dir: Path | None, links: Path | None, output: Path | None) -> int:
    """Exit 0 when the report was made, whatever it lists; 1 when the data has errors (the
    check's lines) or a file cannot be read or written; 2 when there is no data folder."""
    if not data_dir.is_dir():
        reason = "is geen map" if data_dir.exists() else "bestaat niet"
        _say(f"{data_dir}: {reason}; geef met --data de map met de YAML-bestanden", sys.stderr)
        return EXIT_NOTHING_TO_DO
    today = reference_date()
    checked_links = read_links_report(links) if links else None
    readability = read_readability(site_dir) if site_dir else None
    kennisbank, problems = check_data(data_dir, relative_to=_working_dir(), today=today)
    if kennisbank is None:
        errors = [problem for problem in problems if not problem.warning]
        for problem in errors:
            _say(str(problem), sys.stderr)
        _say(f"{len(errors)} {'probleem' if len(errors) == 1 else 'problemen'} in de gegevens; los ze eerst op (zie `watwerkt check`).", sys.stderr)
        return EXIT_PROBLEMS
    docs = _working_dir() / "docs"
    report = maintenance_report(
        kennisbank, problems, today=today, locations=DataLocations(data_dir, relative_to=_working_dir()),
        links=checked_links, readability=readability, hand_written=hand_written_pages(docs) if docs.is_dir() else None,
    )
    return _write_report(report, output, "het overzicht")


def _write_report(report: str, output: Path | None, what: str) -> int:
    """A Markdown report on stdout, or in `output` (its folder made when needed)."""
    if output is None:
        _say(report.rstrip("\n"), sys.stdout)
        return 0
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(report, encoding="utf-8")
    except OSError as error:
        _say(f"{output}: kan {what} niet schrijven: {os_error_reason(error)}", sys.stderr)
        return EXIT_PROBLEMS
    _say(f"geschreven: {output}", sys.stdout)
    return 0


def run_submission(issue_body: Path, data_dir: Path, reply: Path | None) -> int:
    """Exit 0 when the project was added (its id on stdout) or is listed already (nothing
    written); 1 when the issue needs changes (the reply says which) or nothing could be done
    (a UserError, which main() reports)."""
    outcome = add_project_from_issue(read_issue(issue_body), data_dir, today=reference_date(), source=str(issue_body))
    if outcome.added:
        _say(outcome.added, sys.stdout)
        return 0
    for problem in outcome.problems:
        _say(str(problem), sys.stderr)
    if outcome.listed_as:
        _say(f"{data_dir / PROJECTS_FILE}:{outcome.listed_line}: {outcome.listed_as}: dit project staat er al; er is niets toegevoegd", sys.stderr)
    if reply and not _write_reply(reply, outcome.reply()):
        return 1
    return 0 if outcome.listed_as else 1


def _write_reply(reply: Path, text: str) -> bool:
    """The answer for the issue, for the workflow to post; False (said) when it cannot be written."""
    try:
        reply.write_text(text, encoding="utf-8")
    except OSError as error:
        _say(f"{reply}: kan het antwoord voor het issue niet schrijven: {os_error_reason(error)}", sys.stderr)
        return False
    return True


def run_correction(issue_body: Path, data_dir: Path, reply: Path | None) -> int:
    """Exit 0 when the one field was changed (on stdout: the file, the record's id and the field,
    one per line); 1 when it cannot be done by itself (the reply says why) or nothing could be
    done at all (a UserError, which main() reports)."""
    outcome = apply_correction(read_issue(issue_body), data_dir, today=reference_date(), source=str(issue_body))
    if outcome.changed:
        for part in outcome.changed:
            _say(part, sys.stdout)
        return 0
    for problem in outcome.problems:
        _say(str(problem), sys.stderr)
    if reply:
        _write_reply(reply, outcome.reply())
    return 1


def run_schema(root: Path, *, check_only: bool) -> int:
    if check_only:
        stale = stale_generated_files(root)
        for path in stale:
            _say(f"{path} is verouderd: draai `watwerkt schema`", sys.stderr)
        return EXIT_PROBLEMS if stale else 0
    try:
        written = write_generated_files(root)
    except OSError as error:
        _say(
            f"{_os_error_message(error)}; `watwerkt schema` schrijft schema/, CONTRIBUTING.md en .github/ISSUE_TEMPLATE/ "
            "in de map waarin u werkt: draai het in de map van het project",
            sys.stderr,
        )
        return EXIT_PROBLEMS
    for path in written:
        _say(f"geschreven: {path}", sys.stdout)
    return 0


def _working_dir() -> Path:
    try:
        return Path.cwd()
    except FileNotFoundError:
        raise UserError("de map waarin u werkt bestaat niet meer; ga naar de map van het project en probeer opnieuw") from None


def _os_error_message(error: OSError) -> str:
    """`kan 'schema/x.json' niet gebruiken: geen toestemming (rechten)`: the path and the reason."""
    paths = " en ".join(f"'{name}'" for name in (error.filename, error.filename2) if name is not None)
    return f"kan {paths} niet gebruiken: {os_error_reason(error)}" if paths else f"systeemfout: {os_error_reason(error)}"


def _say(text: str, stream: TextIO) -> None:
    """Print `text` with nothing in it that steers a terminal; its own line breaks stay."""
    print("\n".join(printable(line) for line in text.split("\n")), file=stream)


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that Python's final flush does not complain as well."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    sys.exit(main())
