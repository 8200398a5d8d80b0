"""The Parquet export: facts by event month, every row as in the warehouse, readable by other engines, and a
re-export that changes nothing or swaps the whole folder at once."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import dagster as dg
import duckdb
import polars as pl
import pyarrow.dataset as ds
import pytest

from pipelines.warehouse import export
from pipelines.warehouse.export import DOCUMENT_PART_COLUMN, DOCUMENTS, PARTITION_COLUMN, PARTITIONED, export_parquet
from tests.conftest import CORPUS_DIR
from tests.pipeline_runner import build_warehouse

FACTS = ["fct_funding_rounds", "fct_contracts", "fct_customer_losses"]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    """The test corpus through the whole job once: facts over many months, and some with no date."""
    return build_warehouse(tmp_path_factory.mktemp("export"), CORPUS_DIR / "articles")


@pytest.fixture(scope="module")
def exported(warehouse, tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("exported") / "parquet"
    return out, export_parquet(warehouse, out)


def marts_tables(warehouse: Path) -> list[str]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return [t for (t,) in con.execute("select table_name from duckdb_tables() where schema_name = 'marts' "
                                          "order by 1").fetchall()]
    finally:
        con.close()


def files_digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def partition_column(table: str) -> str | None:
    return PARTITION_COLUMN if table in PARTITIONED else DOCUMENT_PART_COLUMN if table == DOCUMENTS else None


def parquet_of(out: Path, table: str) -> str:
    return f"'{out}/{table}/*/*.parquet'" if partition_column(table) else f"'{out}/{table}.parquet'"


def exported_rows(out: Path, table: str) -> str:
    """The table as read back from its files, without the column its folders add."""
    column = partition_column(table)
    return f"(select * exclude ({column}) from read_parquet({parquet_of(out, table)}))" if column \
        else f"read_parquet({parquet_of(out, table)})"


def test_facts_sit_in_one_folder_per_event_month_and_undated_facts_in_their_own(warehouse, exported):
    out, tables = exported
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        for table in FACTS:
            months = {m for (m,) in con.execute(
                f"select coalesce(strftime(event_date, '%Y-%m'), 'undated') from marts.{table}").fetchall()}
            assert "undated" in months and len(months) > 3, (table, months)  # the corpus has both kinds
            folders = {p.name for p in (out / table).iterdir()}
            assert folders == {f"event_month={m}" for m in months}, table
            assert tables[table]["partitions"] == sorted(months)
            assert tables[table]["files"] == len(months)
            # every row's date falls in the month its folder names
            wrong = con.execute(
                f"select count(*) from read_parquet('{out}/{table}/*/*.parquet', hive_partitioning = true) "
                "where coalesce(strftime(event_date, '%Y-%m'), 'undated') <> event_month").fetchone()[0]
            assert wrong == 0, table
    finally:
        con.close()


def test_every_table_comes_back_row_for_row(warehouse, exported):
    out, tables = exported
    names = marts_tables(warehouse)
    assert set(FACTS) | {"dim_organizations", "dim_documents", "fct_evidence"} <= set(names)
    assert sorted(tables) == names
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        for table in names:
            rows = exported_rows(out, table)
            for a, b in ((f"marts.{table}", rows), (rows, f"marts.{table}")):
                extra = con.execute(f"select count(*) from (select * from {a} except all select * from {b})")
                assert extra.fetchone()[0] == 0, (table, a)
            count = con.execute(f"select count(*) from marts.{table}").fetchone()[0]
            assert tables[table]["rows"] == count
            assert table == "rejected_inputs" or count > 0, table  # an empty comparison would prove nothing
    finally:
        con.close()


def test_investors_and_evidence_are_filed_under_their_fact_month(warehouse, exported):
    out, _ = exported
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        misfiled = con.execute(f"""
            select count(*) from read_parquet('{out}/fct_funding_round_investors/*/*.parquet') as i
            join marts.fct_funding_rounds as r using (funding_round_id)
            where i.event_month <> coalesce(strftime(r.event_date, '%Y-%m'), 'undated')""").fetchone()[0]
        assert misfiled == 0
        misfiled = con.execute(f"""
            with facts as (
                select funding_round_id as fact_id, event_date from marts.fct_funding_rounds
                union all select contract_id, event_date from marts.fct_contracts
                union all select customer_loss_id, event_date from marts.fct_customer_losses
            )
            select count(*) from read_parquet('{out}/fct_evidence/*/*.parquet') as e
            left join facts as f using (fact_id)
            where f.fact_id is null or e.event_month <> coalesce(strftime(f.event_date, '%Y-%m'), 'undated')
            """).fetchone()[0]
        assert misfiled == 0
    finally:
        con.close()


def test_polars_and_arrow_read_the_partitions_as_a_column(exported):
    out, tables = exported
    frame = pl.scan_parquet(out / "fct_funding_rounds" / "**" / "*.parquet", hive_partitioning=True).collect()
    assert frame.height == tables["fct_funding_rounds"]["rows"]
    assert frame.schema["event_month"] == pl.String
    assert sorted(frame["event_month"].unique().to_list()) == tables["fct_funding_rounds"]["partitions"]
    assert frame.schema["investor_names"] == pl.List(pl.String)
    table = ds.dataset(out / "fct_contracts", format="parquet", partitioning="hive").to_table()
    assert table.num_rows == tables["fct_contracts"]["rows"]
    assert pl.read_parquet(out / "dim_organizations.parquet").height == tables["dim_organizations"]["rows"]


def test_a_second_export_of_the_same_warehouse_writes_the_same_bytes(warehouse, tmp_path):
    out = tmp_path / "parquet"
    export_parquet(warehouse, out)
    first_target, first = os.readlink(out), files_digest(out)
    export_parquet(warehouse, out)
    assert os.readlink(out) == first_target
    assert files_digest(out) == first
    assert sorted(p.name for p in (tmp_path / ".parquet.versions").iterdir() if p.is_dir()) == \
        [Path(first_target).name]


def test_a_month_that_disappears_leaves_no_stale_partition(warehouse, tmp_path):
    copy = tmp_path / "copy" / "dealwire.duckdb"
    copy.parent.mkdir()
    shutil.copy(warehouse, copy)
    out, versions = tmp_path / "parquet", tmp_path / ".parquet.versions"
    export_parquet(copy, out)
    original = Path(os.readlink(out)).name
    seen = [original]
    for _ in range(2):  # two months go, one export each
        con = duckdb.connect(str(copy))
        try:
            month = con.execute("select strftime(min(event_date), '%Y-%m') from marts.fct_funding_rounds").fetchone()[0]
            con.execute(f"delete from marts.fct_funding_rounds where strftime(event_date, '%Y-%m') = '{month}'")
        finally:
            con.close()
        assert (out / "fct_funding_rounds" / f"event_month={month}").is_dir()
        tables = export_parquet(copy, out)
        assert not (out / "fct_funding_rounds" / f"event_month={month}").exists()
        assert month not in tables["fct_funding_rounds"]["partitions"]
        seen.append(Path(os.readlink(out)).name)
        # the export readers were on is kept for one round, older ones go
        assert {p.name for p in versions.iterdir() if p.is_dir()} == set(seen[-2:])
    shutil.copy(warehouse, copy)
    export_parquet(copy, out)
    assert Path(os.readlink(out)).name == original  # the same warehouse, the same folder again
    assert {p.name for p in versions.iterdir() if p.is_dir()} == {original, seen[-1]}


def test_an_empty_fact_table_still_gives_readers_its_columns(warehouse, tmp_path):
    copy = tmp_path / "dealwire.duckdb"
    shutil.copy(warehouse, copy)
    con = duckdb.connect(str(copy))
    try:
        con.execute("delete from marts.fct_contracts")
        columns = [c for (c,) in con.execute("select column_name from duckdb_columns() where schema_name = 'marts' "
                                             "and table_name = 'fct_contracts' order by column_index").fetchall()]
    finally:
        con.close()
    tables = export_parquet(copy, tmp_path / "parquet")
    assert tables["fct_contracts"] == {"rows": 0, "files": 1, "partitions": ["undated"], "written": 1}
    frame = pl.read_parquet(tmp_path / "parquet" / "fct_contracts" / "event_month=undated" / "data_0.parquet")
    assert frame.height == 0 and frame.columns == columns


def test_the_export_opens_the_warehouse_read_only_and_leaves_it_as_it_was(warehouse, tmp_path):
    before = hashlib.sha256(warehouse.read_bytes()).hexdigest()
    # another process holds a read-only session, as an analyst would: a writer could not open the file now
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1], read_only=True); "
                               "print('open', flush=True); sys.stdin.read()", str(warehouse)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(duckdb.IOException):
            duckdb.connect(str(warehouse)).close()  # proves the lock bites
        assert export_parquet(warehouse, tmp_path / "parquet")["fct_funding_rounds"]["rows"] > 0
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    assert hashlib.sha256(warehouse.read_bytes()).hexdigest() == before


def test_a_folder_that_is_not_an_export_is_left_alone(warehouse, tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(FileExistsError):
        export_parquet(warehouse, out)
    assert (out / "notes.txt").read_text(encoding="utf-8") == "keep me" and not out.is_symlink()


def test_leftovers_of_a_killed_export_are_cleared(warehouse, tmp_path):
    out = tmp_path / "parquet"
    export_parquet(warehouse, out)
    versions = tmp_path / ".parquet.versions"
    (versions / "tmp-999999" / "fct_contracts").mkdir(parents=True)
    os.symlink("nowhere", tmp_path / ".parquet.999999.link")
    export_parquet(warehouse, out)
    assert not (versions / "tmp-999999").exists()
    assert not (tmp_path / ".parquet.999999.link").is_symlink()


def test_the_asset_exports_beside_the_published_warehouse(warehouse, monkeypatch):
    from pipelines.definitions import defs

    monkeypatch.setenv("DEALWIRE_WAREHOUSE", str(warehouse))

    definitions = defs()
    key = dg.AssetKey(["warehouse", "parquet_export"])
    node = definitions.resolve_asset_graph().get(key)
    assert node.parent_keys == {dg.AssetKey(["warehouse", "dealwire"])}
    assert node.group_name == "publication"
    result = dg.materialize([definitions.resolve_assets_def(key)], instance=dg.DagsterInstance.ephemeral())
    assert result.success
    metadata = result.asset_materializations_for_node("warehouse__parquet_export")[0].metadata
    out = warehouse.parent / "parquet"
    assert metadata["path"].value == str(out)
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        for table in marts_tables(warehouse):
            assert metadata[f"rows_{table}"].value == con.execute(f"select count(*) from marts.{table}").fetchone()[0]
    finally:
        con.close()
    assert set(metadata["partitions"].value) == {*PARTITIONED, DOCUMENTS}
    assert pl.read_parquet(out / "dim_documents" / "*" / "*.parquet").height == metadata["rows_dim_documents"].value


def _edit(db: Path, *statements: str) -> None:
    con = duckdb.connect(str(db))
    try:
        for statement in statements:
            con.execute(statement)
    finally:
        con.close()


def _files(root: Path) -> dict[str, Path]:
    return {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*.parquet"))}


def test_an_export_after_a_change_rewrites_only_what_changed_and_equals_a_fresh_one(warehouse, tmp_path,
                                                                                     monkeypatch):
    monkeypatch.setattr(export, "DOCUMENTS_PER_PART", 10)  # the corpus's documents in several parts
    copy = tmp_path / "copy" / "dealwire.duckdb"
    copy.parent.mkdir()
    shutil.copy(warehouse, copy)
    out = tmp_path / "parquet"
    first = export_parquet(copy, out)
    before = {name: path.stat().st_ino for name, path in _files(out).items()}
    assert first[DOCUMENTS]["files"] > 2
    # a run adds a document (ingested last) and a contract in a month of its own; a contract's amount moves
    _edit(copy,
          "insert into marts.dim_documents select * replace ('doc_added' as document_id, "
          "ingested_at + interval 1 day as ingested_at) from marts.dim_documents "
          "where document_id = (select max(document_id) from marts.dim_documents)",
          "insert into marts.fct_contracts select * replace ('ct_added' as contract_id, date '1999-01-05' as "
          "event_date) from marts.fct_contracts limit 1",
          "update marts.fct_contracts set amount = coalesce(amount, 0) + 1 where contract_id = "
          "(select min(contract_id) from marts.fct_contracts where strftime(event_date, '%Y-%m') = "
          "(select max(strftime(event_date, '%Y-%m')) from marts.fct_contracts))")
    second = export_parquet(copy, out)
    after = _files(out)
    rewritten = {name for name, path in after.items() if before.get(name) != path.stat().st_ino}
    latest = max(m for m in first["fct_contracts"]["partitions"] if m != "undated")
    last_part = max(second[DOCUMENTS]["partitions"])
    assert {n for n in rewritten if n.startswith("dim_documents/")} == {
        f"dim_documents/part={last_part}/data_0.parquet"}
    assert {n for n in rewritten if n.startswith("fct_contracts/")} == {
        "fct_contracts/event_month=1999-01/data_0.parquet", f"fct_contracts/event_month={latest}/data_0.parquet"}
    assert second["fct_contracts"]["written"] == 2 and second["fct_funding_rounds"]["written"] == 0
    # what a fresh export of the changed warehouse holds: the same folder name, the same rows in every file
    fresh = tmp_path / "fresh" / "parquet"
    fresh.parent.mkdir()
    export_parquet(copy, fresh)
    assert Path(os.readlink(fresh)).name == Path(os.readlink(out)).name
    assert _files(fresh).keys() == after.keys()
    con = duckdb.connect()
    try:
        for name, path in after.items():
            query = "select * from read_parquet('{}', hive_partitioning = false)"
            for a, b in ((path, _files(fresh)[name]), (_files(fresh)[name], path)):
                extra = con.execute(f"select count(*) from ({query.format(a)} except all {query.format(b)})")
                assert extra.fetchone()[0] == 0, name
    finally:
        con.close()


def test_files_of_an_earlier_layout_are_not_reused(warehouse, tmp_path, monkeypatch):
    out = tmp_path / "parquet"
    export_parquet(warehouse, out)
    monkeypatch.setattr(export, "LAYOUT_VERSION", export.LAYOUT_VERSION + 1)
    tables = export_parquet(warehouse, out)
    assert all(table["written"] == table["files"] for table in tables.values())
