"""Print how build time and memory grow with the number of projects.

    .venv/bin/python bench/build_scale.py [N ...]      (default: 250 1000 4000)

For each N, the real site is copied to a temporary folder, N synthetic projects are added to
data/projects.yaml, and `watwerkt build` (as `make build`) runs in a fresh process. Linear growth shows as a
roughly constant "ms per project"; a quadratic build would show it climbing.
"""
from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

from synthetic import build, project_with


def measure(count: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as folder:
        project = project_with(Path(folder), count)
        start = time.perf_counter()
        build(project, project / "site")
        seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return seconds, peak_mb


def main() -> None:
    counts = [int(argument) for argument in sys.argv[1:]] or [250, 1000, 4000]
    print(f"{'projecten':>10} {'bouwtijd (s)':>13} {'ms/project':>11} {'piekgeheugen (MB)':>18}")
    for count in counts:
        seconds, peak_mb = measure(count)
        print(f"{count:>10} {seconds:>13.1f} {1000 * seconds / count:>11.2f} {peak_mb:>18.0f}")
    print("(piekgeheugen: het hoogste tot dan toe gemeten van alle builds)")


if __name__ == "__main__":
    main()
