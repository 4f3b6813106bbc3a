"""The made-up projects the benches build with pass the check, so a bench never measures a site
that does not build (they fell behind the model once, unnoticed)."""
from __future__ import annotations

import importlib.util
import shutil

from site_fixtures import REPO
from watwerkt.loading import check_data


def test_the_synthetic_projects_of_the_benches_pass_the_check(tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(REPO / "data", data_dir)  # the benches add them to the real data
    spec = importlib.util.spec_from_file_location("synthetic", REPO / "bench" / "synthetic.py")
    synthetic = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synthetic)
    with open(data_dir / "projects.yaml", "a", encoding="utf-8") as file:
        file.write(synthetic.synthetic_projects(20))
    kennisbank, problems = check_data(data_dir, relative_to=data_dir.parent)
    assert [str(problem) for problem in problems if not problem.warning] == []
    assert sum(project_id.startswith("proef-project-") for project_id in kennisbank.projects) == 20
