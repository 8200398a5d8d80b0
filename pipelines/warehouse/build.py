"""The private build database: one writer at a time, never the file analysts read.

Python assets and dbt write here; `publish` then copies the finished file over
the analysts' warehouse in one atomic rename. An exclusive file lock makes any
second writer (a UI run during a scheduled run, a second `make run`) wait for
the first instead of failing on DuckDB's own lock.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import duckdb

# DuckDB would otherwise keep up to 80% of the machine's memory as cache; beyond this it spills to disk. What
# this process's connections need is small (ingestion's staging, a wave of extracted rows, the report's chunks:
# all ran in 128 MB at 100,000 articles); what DuckDB holds beyond that is a cache of what it read, which at
# 512 MB made ingestion, extraction, the report and the export the memory peaks of a run (measured: the full
# 100,000-article run's peak outside dbt fell from 1,379 to about 1,180 MiB, the +10 run's report from 870 to
# 624 MB). dbt's connections have their own limit (dbt_project/profiles.yml, DEALWIRE_DBT_MEMORY_LIMIT).
MEMORY_LIMIT = "256MB"

# The storage format of the build database, hence of the published copy: from DuckDB 1.2's format on, long
# strings are compressed (ZSTD). Each article's text is stored twice (raw.documents, marts.dim_documents) and
# in the older format uncompressed: at 100,000 articles they were 910 MB of a 1.65 GB file, which every run
# that changes something copies to publish it. Analysts need DuckDB 1.2 or later to open the warehouse.
STORAGE_VERSION = "v1.2.0"
# The storage version number a DuckDB file carries in its header (after the 8-byte checksum, the magic 'DUCK'
# and then this 8-byte number): 64 for the formats of DuckDB 0.10 to 1.1, 65 from DuckDB 1.2's.
_HEADER_MAGIC = b"DUCK"
_FIRST_COMPRESSED_STORAGE = 65

RAW_SCHEMA_SQL = resources.files("pipelines.warehouse").joinpath("raw_schema.sql").read_text(encoding="utf-8")


@contextlib.contextmanager
def writer_lock(build_dir: Path, log=None, timeout_s: float = 3600.0) -> Iterator[None]:
    """Hold the build folder's writer lock; wait (and say so) while another run holds it."""
    build_dir.mkdir(parents=True, exist_ok=True)
    lock_path = build_dir / "writer.lock"
    with open(lock_path, "a+") as handle:
        deadline = time.monotonic() + timeout_s
        announced = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                handle.seek(0)
                holder = handle.read().strip() or "an unknown process"
                if not announced and log is not None:
                    log(f"another Dealwire run ({holder}) is writing {build_dir}; waiting for it to finish")
                    announced = True
                if time.monotonic() > deadline:
                    raise TimeoutError(
                        f"{lock_path} is held by {holder}, another Dealwire run writing the warehouse; waited "
                        f"{timeout_s:.0f} s. Let that run finish or stop it; the published warehouse is unaffected."
                    ) from None
                time.sleep(0.5)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def connect_reader(database: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to a finished database (the published warehouse) under MEMORY_LIMIT:
    DuckDB's default, 80% of the machine, let the checks and the report take gigabytes at 100,000 articles.
    When this process already has the file open (an analyst's session calling the report), the new
    connection shares that one's settings, as DuckDB requires."""
    try:
        return duckdb.connect(str(database), read_only=True, config={"memory_limit": MEMORY_LIMIT})
    except duckdb.ConnectionException:
        return duckdb.connect(str(database), read_only=True)


# Tables that had a primary key in earlier releases and have none now (raw_schema.sql says why).
KEYS_RETIRED = ("raw.documents", "raw.document_paths", "raw.rejected_inputs", "raw.candidate_facts",
                "raw.candidate_fact_investors", "raw.stage_progress")


def _retire_keys(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild, once, a table of KEYS_RETIRED that a build database of an earlier release still has with its
    key: DuckDB cannot drop a primary key, so its rows are moved into the table as raw_schema.sql defines it."""
    keyed = con.execute(
        "select distinct schema_name || '.' || table_name from duckdb_constraints() "
        "where constraint_type = 'PRIMARY KEY' and database_name = current_database() "
        "and schema_name || '.' || table_name in (select unnest(?::varchar[]))", [list(KEYS_RETIRED)]).fetchall()
    for (table,) in keyed:
        con.execute("begin")
        con.execute(f"alter table {table} rename to {table.split('.')[1]}__keyed")
        con.execute(RAW_SCHEMA_SQL)
        con.execute(f"insert into {table} by name select * from {table}__keyed")
        con.execute(f"drop table {table}__keyed")
        con.execute("commit")


def _upgrade_storage(build_db: Path) -> None:
    """Rewrite, once, a build database of an earlier release in STORAGE_VERSION's format: DuckDB keeps a file
    in the format it was created in, so its texts would stay uncompressed. Every table and view is copied into
    a new file, which then replaces the old one in one rename; the name stays, so dbt's views resolve."""
    try:
        with open(build_db, "rb") as handle:
            header = handle.read(20)
    except FileNotFoundError:
        return
    if header[8:12] != _HEADER_MAGIC or int.from_bytes(header[12:20], "little") >= _FIRST_COMPRESSED_STORAGE:
        return  # not a DuckDB file (DuckDB says so when it opens it), or in the format already
    con = duckdb.connect(str(build_db), config={"memory_limit": MEMORY_LIMIT})
    upgraded = build_db.with_name(f".{build_db.name}.upgrade")
    try:
        con.execute("checkpoint")  # nothing left in the write-ahead log, which would not follow the rename
        upgraded.unlink(missing_ok=True)
        con.execute(f"attach '{upgraded.as_posix()}' as upgraded (storage_version '{STORAGE_VERSION}')")
        con.execute("copy from database " + con.execute("select current_database()").fetchone()[0] + " to upgraded")
        con.execute("detach upgraded")
    finally:
        con.close()
    os.replace(upgraded, build_db)


@contextlib.contextmanager
def connect_build(build_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the build database with the raw schema in place; always closed, even on error."""
    build_db.parent.mkdir(parents=True, exist_ok=True)
    _upgrade_storage(build_db)
    con = duckdb.connect(str(build_db),
                         config={"memory_limit": MEMORY_LIMIT, "storage_compatibility_version": STORAGE_VERSION})
    try:
        con.execute(RAW_SCHEMA_SQL)
        _retire_keys(con)
        yield con
    finally:
        con.close()
