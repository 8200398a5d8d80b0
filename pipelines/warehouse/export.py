"""Export the published marts as Parquet that any engine reads: facts partitioned by event month, the other
tables as single files.

DuckDB's `COPY (...) TO ... (FORMAT parquet, PARTITION_BY (...))` over the published warehouse, opened
read-only, rather than dbt-duckdb's `external` materialisation: an external model turns the `marts` tables
analysts query into views over files, writes while the build holds the writer lock and before dbt's tests have
passed, and needs every model's config changed. Reading the published file exports only what passed the
tests, never blocks a run, and leaves the dbt project and the warehouse as they are.

    <out_dir>/fct_funding_rounds/event_month=2025-06/data_0.parquet    one folder per month (Hive style)
    <out_dir>/fct_funding_rounds/event_month=undated/data_0.parquet    facts the text gives no date for
    <out_dir>/dim_organizations.parquet                                every other table, one file

`<out_dir>` is a symbolic link to a folder named after the digest of its content, under
`.<out_dir name>.versions/` beside it. An export writes a new folder, checks it against the warehouse, then
points the link at it with one rename: a reader sees the previous complete export or the new one, never a mix
and never a partition that no longer exists. The same warehouse gives the same bytes, so the same folder: a
re-export changes nothing. The folder the link pointed to before is kept until the next export, so that a
query already reading it can finish; older ones are deleted.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from pipelines.warehouse.build import connect_reader, writer_lock

PARTITION_COLUMN = "event_month"
UNDATED = "undated"


def _month(date_expr: str) -> str:
    return f"coalesce(strftime({date_expr}, '%Y-%m'), '{UNDATED}')"


_FACT_DATES = """(
    select funding_round_id as fact_id, event_date from marts.fct_funding_rounds
    union all
    select contract_id, event_date from marts.fct_contracts
    union all
    select customer_loss_id, event_date from marts.fct_customer_losses
)"""

# Facts, with the month they fall in; rows that have no date of their own take their fact's.
PARTITIONED = {
    "fct_funding_rounds": f"select t.*, {_month('t.event_date')} as {PARTITION_COLUMN} "
                          "from marts.fct_funding_rounds as t",
    "fct_contracts": f"select t.*, {_month('t.event_date')} as {PARTITION_COLUMN} from marts.fct_contracts as t",
    "fct_customer_losses": f"select t.*, {_month('t.event_date')} as {PARTITION_COLUMN} "
                           "from marts.fct_customer_losses as t",
    "fct_funding_round_investors": f"select i.*, {_month('r.event_date')} as {PARTITION_COLUMN} "
                                   "from marts.fct_funding_round_investors as i "
                                   "left join marts.fct_funding_rounds as r using (funding_round_id)",
    "fct_evidence": f"select e.*, {_month('f.event_date')} as {PARTITION_COLUMN} "
                    f"from marts.fct_evidence as e left join {_FACT_DATES} as f using (fact_id)",
}


# Tables whose rows carry a whole article: written in the warehouse's own order, which one thread reads the
# same way every time, and in small row groups (a row group is buffered whole; 1,024 articles are about 4 MB).
# Sorting them, even by their key alone, carries the texts through the sort: at 100,000 articles that ran out
# of memory under the 256 MB limit, and under 512 MB it made the export the peak of a small run.
TEXT_TABLES = ("dim_documents",)
TEXT_ROW_GROUP = 1024


def export_parquet(warehouse_path: Path, out_dir: Path, log=None) -> dict:
    """Write every table of the schema `marts` of `warehouse_path` under `out_dir` and swap it in atomically.

    Returns, per table, `{"rows": int, "files": int, "partitions": [event months]}` (no partitions for the
    single-file tables). `log` hears about a concurrent export being waited for."""
    warehouse_path = Path(warehouse_path).resolve()
    out_dir = Path(out_dir).absolute().parent.resolve() / Path(out_dir).name
    if not warehouse_path.is_file():
        raise FileNotFoundError(f"no warehouse at {warehouse_path}: run the pipeline first")
    if out_dir.exists() and not out_dir.is_symlink() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise FileExistsError(f"{out_dir} exists and is not an earlier export; move it or export elsewhere")
    versions = out_dir.parent / f".{out_dir.name}.versions"
    with writer_lock(versions, log):
        staging = versions / f"tmp-{os.getpid()}"
        _remove_leftovers(out_dir, versions)
        staging.mkdir()
        try:
            tables = _write(warehouse_path, staging)
            _fsync_tree(staging)
            version = versions / _digest(staging)
            if not version.exists():  # otherwise an earlier export wrote the same bytes: keep that one
                staging.rename(version)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        previous = _swap_link(out_dir, version)
        for old in versions.iterdir():
            if old.is_dir() and old not in (version, previous):
                shutil.rmtree(old)
    return tables


def _write(warehouse_path: Path, staging: Path) -> dict:
    con = connect_reader(warehouse_path)
    try:
        # one thread and sorted rows (text tables: read in order): the same warehouse always gives the same
        # bytes, one file per partition
        con.execute("set threads = 1")
        names = [name for (name,) in con.execute(
            "select table_name from duckdb_tables() where schema_name = 'marts' and database_name = "
            "current_database() order by table_name").fetchall()]
        missing = sorted(set(PARTITIONED) - set(names))
        if missing:
            raise LookupError(f"{warehouse_path} has no marts.{', marts.'.join(missing)}")
        tables = {}
        for name in names:
            expected = con.execute(f"select count(*) from marts.{name}").fetchone()[0]
            if name in PARTITIONED:
                target = staging / name
                con.execute(f"copy ({PARTITIONED[name]} order by all) to '{_sql_path(target)}' "
                            f"(format parquet, partition_by ({PARTITION_COLUMN}))")
                files = sorted(target.rglob("*.parquet"))
                if not files:  # no rows: one empty file still gives readers the columns
                    empty = target / f"{PARTITION_COLUMN}={UNDATED}" / "data_0.parquet"
                    empty.parent.mkdir(parents=True, exist_ok=True)
                    con.execute(f"copy (select * exclude ({PARTITION_COLUMN}) from ({PARTITIONED[name]}) limit 0) "
                                f"to '{_sql_path(empty)}' (format parquet)")
                    files = [empty]
                partitions = sorted({f.parent.name.split("=", 1)[1] for f in files})
            else:
                target = staging / f"{name}.parquet"
                query, options = (f"select * from marts.{name}", f", row_group_size {TEXT_ROW_GROUP}") \
                    if name in TEXT_TABLES else (f"select * from marts.{name} order by all", "")
                con.execute(f"copy ({query}) to '{_sql_path(target)}' (format parquet{options})")
                files, partitions = [target], []
            written = con.execute("select count(*) from read_parquet(?)",
                                  [[str(f) for f in files]]).fetchone()[0]
            if written != expected:
                raise RuntimeError(f"marts.{name}: {expected} rows in the warehouse, {written} in the Parquet files")
            tables[name] = {"rows": written, "files": len(files), "partitions": partitions}
        return tables
    finally:
        con.close()


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def _digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    return digest.hexdigest()[:16]


def _fsync_tree(root: Path) -> None:
    """Data on disk before the link points at it: a power cut after the swap must not leave empty files."""
    for path in [*root.rglob("*"), root]:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _swap_link(out_dir: Path, version: Path) -> Path | None:
    """Point `out_dir` at `version` with one rename; return the folder it pointed at before."""
    previous = out_dir.resolve() if out_dir.is_symlink() else None
    if out_dir.is_dir() and not out_dir.is_symlink():
        out_dir.rmdir()  # empty, checked above
    link = out_dir.with_name(f".{out_dir.name}.{os.getpid()}.link")
    link.unlink(missing_ok=True)
    os.symlink(os.path.relpath(version, out_dir.parent), link)
    os.replace(link, out_dir)
    dir_fd = os.open(out_dir.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
    return previous


def _remove_leftovers(out_dir: Path, versions: Path) -> None:
    """Folders and links left by an export that was killed half-way."""
    for leftover in versions.glob("tmp-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    for leftover in out_dir.parent.glob(f".{out_dir.name}.*.link"):
        leftover.unlink(missing_ok=True)
