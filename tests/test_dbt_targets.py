"""The dbt target switch: the same models, built by the real dbt CLI under the `attached` target into another
file while reading the raw tables from the build database attached read-only, give the same marts."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipelines.config import DBT_PROJECT_DIR
from tests.conftest import CORPUS_DIR
from tests.pipeline_runner import build_warehouse

DBT = Path(sys.executable).with_name("dbt")


def dbt(*args: str, env: dict[str, str], work: Path) -> subprocess.CompletedProcess:
    """dbt from the project folder, with its own target and log folders (the shared ones belong to other runs)."""
    return subprocess.run([str(DBT), *args, "--profiles-dir", ".", "--project-dir", ".",
                           "--target-path", str(work / "target"), "--log-path", str(work / "logs")],
                          cwd=DBT_PROJECT_DIR, env=env, capture_output=True, text=True)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def build_db(tmp_path_factory) -> Path:
    """The whole job once under the default target: raw tables and marts in the build database."""
    warehouse = build_warehouse(tmp_path_factory.mktemp("targets"), CORPUS_DIR / "articles",
                                env={"DEALWIRE_DBT_TARGET": None})
    return warehouse.parent / ".dealwire.build" / "dealwire.duckdb"


@pytest.fixture(scope="module")
def attached(build_db, tmp_path_factory) -> dict:
    """`dbt build --target attached` into another file, with the build database's bytes before and after."""
    work = tmp_path_factory.mktemp("attached")
    marts_db = work / "marts_elsewhere.duckdb"
    before = sha256(build_db)
    env = {**os.environ, "DEALWIRE_DBT_PATH": str(build_db), "DEALWIRE_DBT_MARTS_PATH": str(marts_db)}
    result = dbt("build", "--target", "attached", env=env, work=work)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    return {"marts_db": marts_db, "work": work, "before": before, "after": sha256(build_db),
            "stdout": result.stdout}


def tables(con: duckdb.DuckDBPyConnection, catalog: str, schema: str) -> list[str]:
    return [t for (t,) in con.execute("select table_name from duckdb_tables() where database_name = ? "
                                      "and schema_name = ? order by 1", [catalog, schema]).fetchall()]


def test_every_mart_is_the_same_under_both_targets(build_db, attached):
    con = duckdb.connect(str(attached["marts_db"]), read_only=True)
    try:
        con.execute(f"attach '{build_db}' as default_target (read_only)")
        expected = tables(con, "default_target", "marts")
        assert {"fct_funding_rounds", "fct_contracts", "fct_customer_losses", "fct_evidence",
                "fct_funding_round_investors", "dim_organizations", "dim_documents", "rejected_inputs"} <= set(expected)
        assert tables(con, "marts_elsewhere", "marts") == expected
        for table in expected:
            here, there = f"marts_elsewhere.marts.{table}", f"default_target.marts.{table}"
            for a, b in ((here, there), (there, here)):
                extra = con.execute(f"select count(*) from (select * from {a} except all select * from {b})")
                assert extra.fetchone()[0] == 0, (table, a)
            columns = "select column_name, data_type from duckdb_columns() where database_name = ? " \
                      "and schema_name = 'marts' and table_name = ? order by column_index"
            assert con.execute(columns, ["marts_elsewhere", table]).fetchall() == \
                con.execute(columns, ["default_target", table]).fetchall(), table
        for table in ("fct_funding_rounds", "fct_contracts", "fct_customer_losses", "fct_evidence"):
            assert con.execute(f"select count(*) from marts_elsewhere.marts.{table}").fetchone()[0] > 0, table
    finally:
        con.close()


def test_the_attached_target_reads_raw_from_the_build_database_and_never_writes_it(attached):
    assert attached["after"] == attached["before"]
    compiled = attached["work"] / "target" / "compiled" / "dealwire" / "models" / "staging" / "stg_raw__documents.sql"
    assert '"dealwire_raw"."raw"."documents"' in compiled.read_text(encoding="utf-8")
    con = duckdb.connect(str(attached["marts_db"]), read_only=True)
    try:
        assert tables(con, "marts_elsewhere", "raw") == []  # raw stays where Python wrote it
        assert tables(con, "marts_elsewhere", "reference")  # seeds land with the models
    finally:
        con.close()


def test_the_default_target_reads_raw_from_its_own_database(tmp_path):
    """Unchanged default: sources are `<build database>.raw.<table>`, as before the switch existed."""
    env = {k: v for k, v in os.environ.items() if k != "DEALWIRE_DBT_TARGET"}
    env["DEALWIRE_DBT_PATH"] = str(tmp_path / "some_build.duckdb")
    result = dbt("parse", env=env, work=tmp_path)
    assert result.returncode == 0, result.stdout[-4000:]
    manifest = json.loads((tmp_path / "target" / "manifest.json").read_text(encoding="utf-8"))
    sources = {s["name"]: s["relation_name"] for s in manifest["sources"].values()}
    assert sources["documents"] == '"some_build"."raw"."documents"'
    assert all(name.startswith('"some_build"."raw".') for name in sources.values())


def test_dagster_runs_dbt_with_the_target_named_by_the_environment(monkeypatch):
    from pipelines.definitions import defs

    monkeypatch.delenv("DEALWIRE_DBT_TARGET", raising=False)
    assert defs().resources["dbt"].target is None  # no --target at all: the command is what it was
    monkeypatch.setenv("DEALWIRE_DBT_TARGET", "attached")
    assert defs().resources["dbt"].target == "attached"


def test_the_attached_marts_file_is_written_in_the_compressed_storage_format(attached):
    from pipelines.warehouse.build import _FIRST_COMPRESSED_STORAGE

    with open(attached["marts_db"], "rb") as handle:
        assert int.from_bytes(handle.read(20)[12:20], "little") >= _FIRST_COMPRESSED_STORAGE
