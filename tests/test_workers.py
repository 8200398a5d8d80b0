"""Worker processes stay small: a spawned worker imports the parent's main module (`python -m pipelines.cli`
for `make run`), so that module must not import Dagster at the top, or every extraction and ingestion
worker would carry it (about 45 MB each) without ever using it."""

from __future__ import annotations

import subprocess
import sys


def _modules_after_import(module: str) -> set[str]:
    probe = f"import sys, {module}; print(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(result.stdout.split())


def test_the_command_line_module_imports_neither_dagster_nor_dbt():
    modules = _modules_after_import("pipelines.cli")
    assert "pipelines" in modules
    assert not {"dagster", "dagster_dbt", "dbt"} & modules


def test_what_a_worker_runs_imports_neither_dagster_nor_dbt():
    modules = _modules_after_import("pipelines.warehouse.extraction")
    modules |= _modules_after_import("pipelines.ingest")
    assert "polars" in modules
    assert not {"dagster", "dagster_dbt", "dbt"} & modules
