"""Materialise the whole asset graph the way the job does, for tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg


def run_pipeline() -> dg.ExecuteInProcessResult:
    from pipelines.definitions import defs

    job = defs().resolve_job_def("dealwire_job")
    result = job.execute_in_process(instance=dg.DagsterInstance.get(), raise_on_error=False)
    assert result.success, [e.message for e in result.all_events if e.is_failure]
    return result


def build_warehouse(root: Path, corpus: Path | dict[str, str], env: dict[str, str | None] | None = None) -> Path:
    """Run the whole job once in a private world under `root` (source folder, Dagster home, warehouse);
    `corpus` is a folder to copy or file names with their texts; `env` sets (or, with None, removes)
    more variables for the run. Returns the published warehouse."""
    import pytest

    from pipelines.config import PROJECT_ROOT

    source, warehouse, home = root / "source", root / "warehouse" / "dealwire.duckdb", root / "dagster_home"
    source.mkdir(parents=True)
    home.mkdir()
    if isinstance(corpus, Path):
        for path in corpus.rglob("*"):
            if path.is_file():
                target = source / path.relative_to(corpus)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(path, target)
    else:
        for name, text in corpus.items():
            (source / name).write_text(text, encoding="utf-8")
    shutil.copy(PROJECT_ROOT / ".dagster_home" / "dagster.yaml", home / "dagster.yaml")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DAGSTER_HOME", str(home))
        patch.setenv("DEALWIRE_SOURCE_DIR", str(source))
        patch.setenv("DEALWIRE_WAREHOUSE", str(warehouse))
        for name, value in (env or {}).items():
            if value is None:
                patch.delenv(name, raising=False)
            else:
                patch.setenv(name, value)
        run_pipeline()
    return warehouse
