"""Publish the build database as the analysts' warehouse, atomically.

Analysts keep DuckDB sessions open on the published file. Copying the build
file beside it and renaming the copy over it means an open session keeps
reading the previous complete file (its inode lives on until closed), a new
session sees the new complete file, and no run ever needs the analysts' lock.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb

from pipelines.warehouse.build import MEMORY_LIMIT


def checkpoint(build_db: Path) -> None:
    """Fold the write-ahead log into the database file so one file holds everything."""
    con = duckdb.connect(str(build_db), config={"memory_limit": MEMORY_LIMIT})
    try:
        con.execute("checkpoint")
    finally:
        con.close()


def publish(build_db: Path, warehouse_path: Path) -> int:
    """Copy `build_db` over `warehouse_path` in one rename; return the bytes published."""
    checkpoint(build_db)
    warehouse_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = warehouse_path.with_name(f".{warehouse_path.name}.{os.getpid()}.tmp")
    try:
        shutil.copyfile(build_db, tmp)
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, warehouse_path)
    finally:
        if tmp.exists():
            tmp.unlink()
    dir_fd = os.open(warehouse_path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
    return warehouse_path.stat().st_size


def remove_stale_temporaries(warehouse_path: Path) -> None:
    """Delete copies left by a run that was killed while publishing."""
    for leftover in warehouse_path.parent.glob(f".{warehouse_path.name}.*.tmp"):
        leftover.unlink(missing_ok=True)
