"""What `watwerkt schema` writes from the record model into the repository: the JSON Schemas,
CONTRIBUTING.md and the GitHub issue forms. The model is the one truth; a test fails when a
committed copy is out of date."""
from __future__ import annotations

import json
import os
from pathlib import Path

from ..loading import DATA_FILES
from ..loading.yaml_source import MAX_FILE_BYTES, read_text_file
from .contributor_guide import contributor_guide
from .github_issue_form import correction_issue_form, issue_form
from .schemas import SCHEMA_DIR, file_schema, schema_name


def generated_files() -> dict[str, str]:
    """Path in the repository → content, for everything `watwerkt schema` writes."""
    files = {f"{SCHEMA_DIR}/{schema_name(name)}": json.dumps(file_schema(name), ensure_ascii=False, indent=2) + "\n" for name in DATA_FILES}
    files["CONTRIBUTING.md"] = contributor_guide()
    files[".github/ISSUE_TEMPLATE/project.yml"] = issue_form()
    files[".github/ISSUE_TEMPLATE/correctie.yml"] = correction_issue_form()
    return files


def write_generated_files(root: Path) -> list[str]:
    """Write every generated file below `root`; the paths that changed."""
    changed = []
    for path, content in generated_files().items():
        target = root / path
        if _committed_text(target) != content:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
            changed.append(path)
    return changed


def stale_generated_files(root: Path) -> list[str]:
    return [path for path, content in generated_files().items() if _committed_text(root / path) != content]


def _committed_text(path: Path) -> str | None:
    """What stands at `path` now (None when nothing does), read as data files are: never
    through a link, from a FIFO or past a size cap."""
    if not os.path.lexists(path):
        return None
    return read_text_file(path, MAX_FILE_BYTES)
