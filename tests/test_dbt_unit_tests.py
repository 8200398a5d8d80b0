"""dbt's unit tests (the models' SQL on hand-written rows) pass; runs leave them out, as dbt advises."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import yaml

from pipelines.config import DBT_PROJECT_DIR
from tests.conftest import SEEDS_DIR
from tests.pipeline_runner import build_warehouse


def _declared_unit_tests() -> int:
    count = 0
    for path in (DBT_PROJECT_DIR / "models").rglob("*.yml"):
        count += len((yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("unit_tests", []))
    return count


def test_every_unit_test_passes(tmp_path):
    warehouse = build_warehouse(tmp_path / "world", SEEDS_DIR)
    # unit tests need the models they read to exist: run them against a copy of the built database, under
    # the same file name (the views name their catalog after it)
    build = tmp_path / "unit" / warehouse.name
    build.parent.mkdir()
    shutil.copy(warehouse.parent / f".{warehouse.stem}.build" / warehouse.name, build)
    target = tmp_path / "target"
    dbt = os.path.join(os.path.dirname(sys.executable), "dbt")
    completed = subprocess.run(
        [dbt, "test", "--select", "test_type:unit", "--profiles-dir", ".", "--project-dir", ".",
         "--target-path", str(target), "--log-path", str(tmp_path / "logs")],
        cwd=DBT_PROJECT_DIR, env={**os.environ, "DEALWIRE_DBT_PATH": str(build)}, capture_output=True, text=True)
    assert completed.returncode == 0, completed.stdout[-3000:]
    results = json.loads((target / "run_results.json").read_text())["results"]
    assert len(results) == _declared_unit_tests() >= 10
    assert all(r["status"] == "pass" for r in results)
