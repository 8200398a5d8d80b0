"""Whether the published warehouse already reflects the raw tables and the dbt project as they are now.

A run on an unchanged folder changes no raw row; rebuilding every model and
running every test would then only reproduce the published file, which at
100,000 articles is most of the run. The state is a digest of the raw tables'
rows (order-free sums of row hashes) and of the dbt project's files. dbt
records it when its build succeeds; publication records it once the copy is
in place; the outputs made from the published copy (the report, the Parquet
export) record the state of the copy they read, in a file of their own, since
they never take the writer's lock. dbt is skipped only when all of them agree
with the state now: an output whose step failed after a publication is made
again by the next run, even on an unchanged folder.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

import duckdb

from pipelines.config import DBT_PROJECT_DIR

RAW_DIGEST_SQL = """
select concat_ws(':',
    (select count(*) || '/' || coalesce(sum(hash(document_id, content_sha256, source_path, title, language,
                                                 published_at, url, source, extractor_version)), 0)
     from raw.documents),
    (select count(*) || '/' || coalesce(sum(hash(source_path, document_id)), 0) from raw.document_paths),
    (select count(*) || '/' || coalesce(sum(hash(source_path, reason, detected_at)), 0) from raw.rejected_inputs),
    (select count(*) || '/' || coalesce(sum(hash(stage, document_id, extractor_version)), 0)
     from raw.stage_progress))
"""
DBT_FOLDERS = ("models", "macros", "seeds", "tests", "snapshots", "analyses")
# What is made from the published warehouse, by the asset of key ["warehouse", name].
PUBLISHED_OUTPUTS = ("evidence_report", "parquet_export")


def dbt_project_digest(project_dir: Path = DBT_PROJECT_DIR) -> str:
    digest = hashlib.sha256(os.environ.get("DEALWIRE_DBT_TARGET", "").encode())
    files = [project_dir / "dbt_project.yml", project_dir / "profiles.yml"]
    for folder in DBT_FOLDERS:
        files.extend(sorted((project_dir / folder).rglob("*")))
    for path in files:
        if path.is_file():
            digest.update(str(path.relative_to(project_dir)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def current_state(con: duckdb.DuckDBPyConnection) -> str:
    raw = con.execute(RAW_DIGEST_SQL).fetchone()[0]
    return hashlib.sha256(f"{raw}|{dbt_project_digest()}".encode()).hexdigest()


def _ensure(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create table if not exists raw.build_state (name varchar primary key, state varchar not null)")


def recorded(con: duckdb.DuckDBPyConnection, name: str) -> str | None:
    _ensure(con)
    row = con.execute("select state from raw.build_state where name = ?", [name]).fetchone()
    return row[0] if row else None


def record(con: duckdb.DuckDBPyConnection, name: str, state: str | None) -> None:
    _ensure(con)
    con.execute("delete from raw.build_state where name = ?", [name])
    if state is not None:
        con.execute("insert into raw.build_state values (?, ?)", [name, state])


# Documents ingested, extracted or retracted since dbt's last successful build of the whole project: their ids
# in raw.changed_documents, and this row once such a build has run (before it, how much changed is unknown).
CHANGED_DOCUMENTS = "documents_changed_since_build"


def add_changed_documents(con: duckdb.DuckDBPyConnection, document_ids_sql: str, parameters: Sequence = ()) -> None:
    """Note the documents the query `document_ids_sql` (one column of ids) selects as changed; called in the
    transaction that changes their rows, so that a run killed half-way leaves the rows and the note together."""
    con.execute(f"""
        insert into raw.changed_documents
        select distinct document_id from ({document_ids_sql}) as changed (document_id)
        where document_id not in (select document_id from raw.changed_documents)""", list(parameters))


def reset_changed_documents(con: duckdb.DuckDBPyConnection) -> None:
    """Start again: dbt has just built the whole project from every change so far, and its tests passed."""
    con.execute("delete from raw.changed_documents")
    record(con, CHANGED_DOCUMENTS, "0")


def changed_documents(con: duckdb.DuckDBPyConnection) -> int | None:
    """How many documents changed since dbt's last successful build; None before the first one."""
    if recorded(con, CHANGED_DOCUMENTS) is None:
        return None
    return con.execute("select count(*) from raw.changed_documents").fetchone()[0]


def published_state(warehouse_path: Path) -> str | None:
    """The state the published warehouse was built from (the copy carries the build's record)."""
    from pipelines.warehouse.build import connect_reader

    con = connect_reader(warehouse_path)
    try:
        row = con.execute("select state from raw.build_state where name = 'built'").fetchone()
    except duckdb.CatalogException:
        return None
    finally:
        con.close()
    return row[0] if row else None


def _output_file(build_dir: Path, output: str) -> Path:
    return Path(build_dir) / f"{output}.state"


def record_output(build_dir: Path, output: str, state: str | None) -> None:
    """Record, once `output` is in place, the state of the published warehouse it was made from."""
    path = _output_file(build_dir, output)
    if state is None:
        path.unlink(missing_ok=True)
        return
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(state, encoding="utf-8")
    os.replace(tmp, path)


def output_state(build_dir: Path, output: str) -> str | None:
    try:
        return _output_file(build_dir, output).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
