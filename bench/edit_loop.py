"""Print how long an editor waits, while `make serve` runs, until an edit shows in the served
page, beside plain Material's `mkdocs serve` with as many pages (issue 15, goal 1: a record
within 3 s and a hand-written page within 2 s at 10,000 projects).

    .venv/bin/python bench/edit_loop.py [N] [--runs 3]      (default: 1000)

The first build is not counted (it is `bench/full_build.py`'s). Each run changes one project's
name in data/projects.yaml, then one hand-written page, and times until the served page holds
the new text; plain Material gets the same edit of one of its pages.
"""
from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from baseline import load, plain_material_site
from synthetic import project_with

TIMEOUT = 900  # seconds: the first build of 10,000 projects takes minutes


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", nargs="?", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    return parser.parse_args()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return answer.read().decode("utf-8", "replace")
    except OSError:
        return ""


def wait_for(url: str, text: str, since: float) -> float:
    while time.monotonic() - since < TIMEOUT:
        if text in page(url):
            return time.monotonic() - since
        time.sleep(0.05)
    sys.exit(f"{url} toonde '{text}' niet binnen {TIMEOUT} s")


def edited(path: Path, old: str, new: str) -> float:
    """Change `old` into `new` in `path`; the moment it was written."""
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, path)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return time.monotonic()


class Served:
    def __init__(self, command: list[str], cwd: Path, ready_url: str, ready_text: str):
        environment = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        self.process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment)
        started = time.monotonic()
        self.first_build = wait_for(ready_url, ready_text, started)

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def median(values: list[float]) -> float:
    return statistics.median(values)


def main() -> None:
    options = arguments()
    print(load())
    with tempfile.TemporaryDirectory() as folder:
        ours = project_with(Path(folder) / "ons", options.count)
        port = free_port()
        base = f"http://127.0.0.1:{port}/"
        print(f"  watwerkt serve met {options.count} projecten: eerste build …", file=sys.stderr)
        served = Served([sys.executable, "-m", "watwerkt.cli", "serve", "--poort", str(port)], ours, base + "projectenbank/proef-project-7/", "proef-project-7")
        record, hand_written = [], []
        projects, about = ours / "data" / "projects.yaml", ours / "docs" / "over" / "index.md"
        name = re.search(r"- id: proef-project-7\n  naam: (.+)\n", projects.read_text(encoding="utf-8")).group(1)
        for number in range(options.runs):
            new_name = f"Nieuwe naam {number}"
            since = edited(projects, f"naam: {name}\n", f"naam: {new_name}\n")
            record.append(wait_for(base + "projectenbank/proef-project-7/", new_name, since))
            name = new_name
            word = f"meetwoord{number}"
            since = edited(about, "## Contact\n", f"## Contact\n\n{word}\n")
            hand_written.append(wait_for(base + "over/", word, since))
            print(f"  run {number + 1}: record {record[-1]:.1f} s, pagina {hand_written[-1]:.1f} s", file=sys.stderr)
        served.close()

        pages = options.count + 100  # about as many as ours: a page per project and the rest
        plain = plain_material_site(Path(folder) / "material", pages)
        port = free_port()
        base = f"http://127.0.0.1:{port}/"
        print(f"  mkdocs serve met {pages} pagina's: eerste build …", file=sys.stderr)
        served = Served([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"], plain, base + "projecten/project-7/", "project")
        material = []
        for number in range(options.runs):
            word = f"meetwoord{number}"
            since = edited(plain / "docs" / "projecten" / "project-7.md", "## Contact\n", f"## Contact\n\n{word}\n")
            material.append(wait_for(base + "projecten/project-7/", word, since))
            print(f"  run {number + 1}: Material {material[-1]:.1f} s", file=sys.stderr)
        served.close()

    print(f"{'':34} {'mediaan':>8}  {'runs':<20}")
    print(f"{'ons: een record gewijzigd':34} {median(record):>7.1f}s  {', '.join(f'{x:.1f}' for x in record)}  (doel 3 s)")
    print(f"{'ons: een handgeschreven pagina':34} {median(hand_written):>7.1f}s  {', '.join(f'{x:.1f}' for x in hand_written)}  (doel 2 s)")
    print(f"{'gewoon Material: een pagina':34} {median(material):>7.1f}s  {', '.join(f'{x:.1f}' for x in material)}")
    print(f"{options.count} projecten; eerste build niet meegeteld. {load()}")


if __name__ == "__main__":
    main()
