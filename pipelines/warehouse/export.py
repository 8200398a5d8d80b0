"""Export the published marts as Parquet that any engine reads: facts partitioned by event month, the documents
in parts by ingestion order, the other tables as single files.

DuckDB's `COPY (...) TO ... (FORMAT parquet, PARTITION_BY (...))` over the published warehouse, opened
read-only, rather than dbt-duckdb's `external` materialisation: an external model turns the `marts` tables
analysts query into views over files, writes while the build holds the writer lock and before dbt's tests have
passed, and needs every model's config changed. Reading the published file exports only what passed the
tests, never blocks a run, and leaves the dbt project and the warehouse as they are.

    <out_dir>/fct_funding_rounds/event_month=2025-06/data_0.parquet    one folder per month (Hive style)
    <out_dir>/fct_funding_rounds/event_month=undated/data_0.parquet    facts the text gives no date for
    <out_dir>/dim_documents/part=00000/data_0.parquet                  10,000 documents per part
    <out_dir>/dim_organizations.parquet                                every other table, one file
    <out_dir>/_fingerprints.json                                       what each file holds, in short

`<out_dir>` is a symbolic link to a folder under `.<out_dir name>.versions/` beside it, named after the
fingerprints of what it holds. An export writes a new folder, checks it against the warehouse, then points the
link at it with one rename: a reader sees the previous complete export or the new one, never a mix and never a
partition that no longer exists. The folder the link pointed to before is kept until the next export, so that
a query already reading it can finish; older ones are deleted.

Incremental: each file's rows are summed up by a fingerprint (their count and the sum of their rows' hashes),
computed in DuckDB without writing anything. A file whose fingerprint is the one the previous export recorded is
hard-linked from it instead of written again; the same warehouse gives the same fingerprints, hence the same
folder, so a re-export writes nothing at all. A run that adds articles rewrites the months their facts fall in
and the last part of the documents, instead of every file (at 100,000 articles, the documents alone took 1.3 s).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from pipelines.warehouse.build import connect_reader, writer_lock

PARTITION_COLUMN = "event_month"
UNDATED = "undated"
FINGERPRINTS = "_fingerprints.json"
# Bumped when the layout or the way files are written changes: an older export's files are then not reused.
LAYOUT_VERSION = 2


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

# The documents: their texts are most of the export's bytes. They are cut into parts of DOCUMENTS_PER_PART in
# the order they were ingested (then by id), so the documents a run adds fall in the last part and the other
# parts keep their rows; a document that leaves the corpus shifts the parts after its own. Rows are written in
# the warehouse's own order, which one thread reads the same way every time, and in small row groups (a row
# group is buffered whole; 1,024 articles are about 4 MB). Sorting them, even by their key alone, carries the
# texts through the sort: at 100,000 articles that ran out of memory under the 256 MB limit.
DOCUMENTS = "dim_documents"
DOCUMENT_PART_COLUMN = "part"
DOCUMENTS_PER_PART = 10_000
TEXT_ROW_GROUP = 1024


@dataclass(frozen=True)
class _Layout:
    """How one table is written: the rows (with the partition column, if any) and the column naming each
    file's folder; `fingerprinted` is what its fingerprint hashes (the same rows, the texts left out when an
    id stands for them)."""
    query: str
    partition: str | None
    fingerprinted: str
    sorted_rows: bool  # written in order of all columns (tables without texts)
    empty_value: str = UNDATED  # the folder of the one empty file an empty table still gets
    row_group: int | None = None
    # a column the partitions are ranges of: writing some partitions only reads the rows from their smallest
    # value on, and DuckDB skips the rest of the table on disk (its texts included) by its row groups' ranges
    range_column: str | None = None


def _document_parts(con: duckdb.DuckDBPyConnection) -> str:
    """The SQL expression giving a document's part: the first (ingested_at, document_id) of each part after
    the first, read from the narrow columns, become the bounds of a `case`."""
    bounds = con.execute(f"""
        select ingested_at::varchar, document_id from (
            select ingested_at, document_id,
                   row_number() over (order by ingested_at, document_id) - 1 as position
            from marts.{DOCUMENTS})
        where position > 0 and position % {DOCUMENTS_PER_PART} = 0
        order by position""").fetchall()
    if not bounds:
        return "'00000'"
    whens = " ".join(
        f"when ingested_at < '{at}'::timestamp or (ingested_at = '{at}'::timestamp and document_id < "
        f"'{_sql_string(doc)}') then '{k:05d}'" for k, (at, doc) in enumerate(bounds))
    return f"case {whens} else '{len(bounds):05d}' end"


def _layouts(con: duckdb.DuckDBPyConnection, names: list[str]) -> dict[str, _Layout]:
    layouts = {}
    for name in names:
        if name in PARTITIONED:
            layouts[name] = _Layout(PARTITIONED[name], PARTITION_COLUMN, PARTITIONED[name], sorted_rows=True)
        elif name == DOCUMENTS:
            part = _document_parts(con)
            layouts[name] = _Layout(f"select *, {part} as {DOCUMENT_PART_COLUMN} from marts.{name}",
                                    DOCUMENT_PART_COLUMN,
                                    f"select * exclude (text), {part} as {DOCUMENT_PART_COLUMN} from marts.{name}",
                                    sorted_rows=False, empty_value="00000", row_group=TEXT_ROW_GROUP,
                                    range_column="ingested_at")
        else:
            layouts[name] = _Layout(f"select * from marts.{name}", None, f"select * from marts.{name}",
                                    sorted_rows=True)
    return layouts


def _fingerprints(con: duckdb.DuckDBPyConnection, layout: _Layout) -> tuple[dict[str, str], dict[str, str]]:
    """{partition value (or "" for a single file): "rows:sum of the rows' hashes"}, and the smallest value of
    the layout's range column in each partition."""
    key = layout.partition or "''"
    low = f"min({layout.range_column})::varchar" if layout.range_column else "null"
    rows = con.execute(f"select {key}, count(*), sum(hash(q)::hugeint), {low} from ({layout.fingerprinted}) as q "
                       "group by all").fetchall()
    return ({str(value): f"{count}:{total}" for value, count, total, _ in rows},
            {str(value): lowest for value, _, _, lowest in rows})


def _relative_file(name: str, layout: _Layout, value: str) -> str:
    return f"{name}/{layout.partition}={value}/data_0.parquet" if layout.partition else f"{name}.parquet"


def export_parquet(warehouse_path: Path, out_dir: Path, log=None) -> dict:
    """Write every table of the schema `marts` of `warehouse_path` under `out_dir` and swap it in atomically.

    Returns, per table, `{"rows": int, "files": int, "partitions": [values of its partition column],
    "written": int}`: no partitions for the single-file tables; `written` counts the files written rather than
    linked from the previous export. `log` hears about a concurrent export being waited for."""
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
        con = connect_reader(warehouse_path)
        try:
            # one thread and sorted rows (documents: read in order): the same warehouse gives the same files
            con.execute("set threads = 1")
            plan = _plan(con, warehouse_path)
            version = versions / plan.digest
            written: dict[str, int] = {}
            if not version.exists():  # otherwise an earlier export holds exactly these rows: keep that one
                staging.mkdir()
                try:
                    written = _write(con, plan, staging,
                                     _Previous.read(out_dir.resolve() if out_dir.is_symlink() else None))
                    _fsync_tree(staging)
                    staging.rename(version)
                finally:
                    shutil.rmtree(staging, ignore_errors=True)
        finally:
            con.close()
        previous = _swap_link(out_dir, version)
        for old in versions.iterdir():
            if old.is_dir() and old not in (version, previous):
                shutil.rmtree(old)
    return {name: {**table, "written": written.get(name, 0)} for name, table in plan.tables.items()}


@dataclass
class _Plan:
    layouts: dict[str, _Layout]
    fingerprints: dict[str, dict[str, str]]
    lows: dict[str, dict[str, str]]  # per table and partition, the smallest value of its range column
    counts: dict[str, int]
    manifest: dict

    @property
    def digest(self) -> str:
        return hashlib.sha256(json.dumps(self.manifest, sort_keys=True).encode()).hexdigest()[:16]

    @property
    def tables(self) -> dict:
        return {name: {"rows": self.counts[name], "files": len(self.fingerprints[name]) or 1,
                       "partitions": (sorted(self.fingerprints[name]) or [layout.empty_value])
                       if layout.partition else []}
                for name, layout in self.layouts.items()}


def _plan(con: duckdb.DuckDBPyConnection, warehouse_path: Path) -> _Plan:
    names = [name for (name,) in con.execute(
        "select table_name from duckdb_tables() where schema_name = 'marts' and database_name = "
        "current_database() order by table_name").fetchall()]
    missing = sorted(set(PARTITIONED) - set(names))
    if missing:
        raise LookupError(f"{warehouse_path} has no marts.{', marts.'.join(missing)}")
    layouts = _layouts(con, names)
    fingerprinted = {name: _fingerprints(con, layout) for name, layout in layouts.items()}
    fingerprints = {name: prints for name, (prints, _) in fingerprinted.items()}
    counts = {name: con.execute(f"select count(*) from marts.{name}").fetchone()[0] for name in names}
    manifest = {"layout": LAYOUT_VERSION, "duckdb": duckdb.__version__,
                "columns": {name: [list(c) for c in con.execute(
                    "select column_name, data_type from duckdb_columns() where schema_name = 'marts' and "
                    "table_name = ? and database_name = current_database() order by column_index",
                    [name]).fetchall()] for name in names},
                "files": {name: {_relative_file(name, layouts[name], value): fp for value, fp in fps.items()}
                          for name, fps in fingerprints.items()}}
    return _Plan(layouts, fingerprints, {name: lows for name, (_, lows) in fingerprinted.items()}, counts, manifest)


@dataclass(frozen=True)
class _Previous:
    """The export the link points at: its folder, its tables' columns and its files' fingerprints."""
    folder: Path
    columns: dict[str, list]
    files: dict[str, dict[str, str]]

    @classmethod
    def read(cls, folder: Path | None) -> _Previous | None:
        """None when there is none, or when its files cannot be reused (another layout or DuckDB version)."""
        if folder is None:
            return None
        try:
            manifest = json.loads((folder / FINGERPRINTS).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if manifest.get("layout") != LAYOUT_VERSION or manifest.get("duckdb") != duckdb.__version__:
            return None
        return cls(folder, manifest.get("columns", {}), manifest.get("files", {}))

    def reusable(self, name: str, relative: str, fingerprint: str, columns: list) -> Path | None:
        source = self.folder / relative
        if self.columns.get(name) == columns and self.files.get(name, {}).get(relative) == fingerprint \
                and source.is_file():
            return source
        return None


def _write(con: duckdb.DuckDBPyConnection, plan: _Plan, staging: Path, previous: _Previous | None) -> dict[str, int]:
    """Link the files whose fingerprint the previous export has, write the others; return how many files of
    each table were written."""
    written = {}
    for name, layout in plan.layouts.items():
        to_write = []
        for value, fingerprint in plan.fingerprints[name].items():
            relative = _relative_file(name, layout, value)
            source = previous and previous.reusable(name, relative, fingerprint, plan.manifest["columns"][name])
            if source:
                (staging / relative).parent.mkdir(parents=True, exist_ok=True)
                os.link(source, staging / relative)
            else:
                to_write.append(value)
        lowest = min((plan.lows[name][value] for value in to_write if plan.lows[name][value] is not None),
                     default=None)
        written[name] = _copy(con, name, layout, staging, to_write, lowest, empty=not plan.fingerprints[name])
        files = sorted((staging / name).rglob("*.parquet")) if layout.partition else [staging / f"{name}.parquet"]
        in_files = con.execute("select count(*) from read_parquet(?)", [[str(f) for f in files]]).fetchone()[0]
        if in_files != plan.counts[name]:
            raise RuntimeError(f"marts.{name}: {plan.counts[name]} rows in the warehouse, {in_files} in the "
                               "Parquet files")
    (staging / FINGERPRINTS).write_text(json.dumps(plan.manifest, sort_keys=True, indent=1), encoding="utf-8")
    return written


def _copy(con: duckdb.DuckDBPyConnection, name: str, layout: _Layout, staging: Path, values: list[str],
          lowest: str | None, empty: bool) -> int:
    """Write the files of `values` (partition values; [""] for a single file) in one COPY; `lowest`: the
    smallest value of the layout's range column among them."""
    options = f", row_group_size {layout.row_group}" if layout.row_group else ""
    order = " order by all" if layout.sorted_rows else ""
    if layout.partition is None:
        if values or empty:
            con.execute(f"copy ({layout.query}{order}) to '{_sql_path(staging / f'{name}.parquet')}' "
                        f"(format parquet{options})")
            return 1
        return 0
    if empty:  # no rows: one empty file still gives readers the columns
        target = staging / _relative_file(name, layout, layout.empty_value)
        target.parent.mkdir(parents=True, exist_ok=True)
        con.execute(f"copy (select * exclude ({layout.partition}) from ({layout.query}) limit 0) "
                    f"to '{_sql_path(target)}' (format parquet)")
        return 1
    if not values:
        return 0
    in_range = f" and {layout.range_column} >= '{_sql_string(lowest)}'" if layout.range_column and lowest else ""
    con.register("export_partitions", pa.table({"value": pa.array(values, pa.string())}))
    try:
        con.execute(f"copy (select * from ({layout.query}) where {layout.partition} in "
                    f"(select value from export_partitions){in_range}{order}) to '{_sql_path(staging / name)}' "
                    f"(format parquet, partition_by ({layout.partition}), overwrite_or_ignore{options})")
    finally:
        con.unregister("export_partitions")
    return len(values)


def _sql_string(value: str) -> str:
    return value.replace("'", "''")


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


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
