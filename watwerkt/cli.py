"""The `watwerkt` command."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .validation import check_data, summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="watwerkt", description="Werkt met de kennisbank Wat Werkt.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="controleer alle records in data/")
    check.add_argument("--data", type=Path, default=Path("data"), help="de map met de YAML-bestanden (standaard: data)")
    arguments = parser.parse_args(argv)
    return run_check(arguments.data)


def run_check(data_dir: Path) -> int:
    kennisbank, problems = check_data(data_dir)
    for problem in problems:
        print(problem, file=sys.stderr)
    if kennisbank is None:
        errors = sum(not problem.warning for problem in problems)
        count = "1 probleem" if errors == 1 else f"{errors} problemen"
        print(f"{count} gevonden. Los ze op en controleer opnieuw.", file=sys.stderr)
        return 1
    warnings = f" Wel {len(problems)} waarschuwing(en) hierboven." if problems else ""
    print(summary(kennisbank) + warnings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
