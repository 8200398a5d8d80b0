"""Run `dbt docs generate` against a private copy of the published warehouse.

The copy keeps a docs run away from the live build database and its writer
lock (dbt-duckdb opens its database read-write), and a private target folder
keeps dbt's artifacts away from those of a concurrent `dbt build`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from pipelines.config import DBT_PROJECT_DIR


def dbt_executable() -> str:
    """The dbt installed beside this interpreter, whether or not the venv is on PATH."""
    beside = Path(sys.executable).with_name("dbt")
    return str(beside) if beside.exists() else (shutil.which("dbt") or str(beside))


def copy_warehouse(warehouse_path: Path, work_dir: Path) -> Path:
    """Copy the published file under its own name: DuckDB names a database after its file, and the
    staging views refer to that name."""
    if not warehouse_path.is_file():
        raise FileNotFoundError(f"no warehouse at {warehouse_path}: build it first (`make run`)")
    copy = work_dir / "db" / warehouse_path.name
    copy.parent.mkdir(parents=True)
    # The published file is replaced by a rename, so an open handle reads one complete version.
    shutil.copyfile(warehouse_path, copy)
    wal = warehouse_path.with_name(warehouse_path.name + ".wal")
    if wal.is_file():
        shutil.copyfile(wal, copy.with_name(copy.name + ".wal"))
    return copy


def generate(database: Path, work_dir: Path) -> Path:
    """`dbt docs generate --static` on `database`; return the folder holding manifest.json,
    catalog.json and static_index.html."""
    target = work_dir / "target"
    command = [dbt_executable(), "docs", "generate", "--static",
               "--profiles-dir", ".", "--project-dir", ".",
               "--target-path", str(target), "--log-path", str(work_dir / "logs")]
    env = {**os.environ, "DEALWIRE_DBT_PATH": str(database.resolve())}
    done = subprocess.run(command, cwd=DBT_PROJECT_DIR, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"dbt docs generate failed ({done.returncode}):\n{done.stdout[-4000:]}{done.stderr[-2000:]}")
    return target
