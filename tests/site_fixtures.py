"""Shared fixtures: a small valid data set to break on purpose, and real site builds."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURE_DATA = Path(__file__).parent / "fixtures" / "data"
SITE_PARTS = ("docs", "overrides", "macros", "watwerkt", "mkdocs.yml")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the small valid fixture data set, ready to be broken by a test."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, target)
    return target


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def copy_project(target: Path, data: Path = REPO / "data") -> Path:
    """The site's sources with the given data, in `target`, as a fresh clone would have them."""
    target.mkdir(parents=True, exist_ok=True)
    for part in SITE_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    shutil.copytree(data, target / "data")
    return target


def build(project: Path, site: Path, *, prefix: tuple[str, ...] = (), **environment_values: str) -> subprocess.CompletedProcess:
    """`watwerkt build` of `project` into `site`, as `make build` runs it."""
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", **environment_values)
    return subprocess.run(
        [*prefix, sys.executable, "-m", "watwerkt.cli", "build", "--site", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        env=environment,
    )


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test run in strict mode."""
    site = tmp_path_factory.mktemp("real") / "site"
    result = build(REPO, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site
