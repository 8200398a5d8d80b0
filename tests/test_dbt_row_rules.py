"""The row_rules generic test (one per model for its not-null, accepted-values and expression rules) fails on
each kind of broken row and names the rule it caught, run by the real dbt CLI on a warehouse the job built."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipelines.config import DBT_PROJECT_DIR
from tests.conftest import SEEDS_DIR
from tests.pipeline_runner import build_warehouse

DBT = Path(sys.executable).with_name("dbt")
SOURCE_COUNT_RULE = "expression is true: source_count = len(document_ids) and source_count >= 1"


@pytest.fixture(scope="module")
def build_db(tmp_path_factory) -> Path:
    warehouse = build_warehouse(tmp_path_factory.mktemp("row_rules"), SEEDS_DIR)
    return warehouse.parent / ".dealwire.build" / "dealwire.duckdb"


def row_rules_of_funding_rounds(build_db: Path, work: Path, breakage: str | None) -> tuple[int, dict[str, int]]:
    """Copy the build database (under its own name: dbt's views name its catalog), apply `breakage`, run the
    funding rounds' row_rules test storing its failures; dbt's exit code and the failing rules."""
    database = work / "dealwire.duckdb"
    shutil.copy(build_db, database)
    if breakage:
        con = duckdb.connect(str(database))
        con.execute(breakage)
        con.close()
    result = subprocess.run(
        [str(DBT), "test", "--select", "fct_funding_rounds,test_name:row_rules", "--store-failures",
         "--profiles-dir", ".", "--project-dir", ".", "--target-path", str(work / "target"),
         "--log-path", str(work / "logs")],
        cwd=DBT_PROJECT_DIR, env={**os.environ, "DEALWIRE_DBT_PATH": str(database)}, capture_output=True, text=True)
    con = duckdb.connect(str(database), read_only=True)
    try:
        (table,) = con.execute("select schema_name || '.' || table_name from duckdb_tables() "
                               "where table_name like 'row_rules_fct_funding_rounds%'").fetchone()
        failing = dict(con.execute(f"select rule, failing_rows from {table}").fetchall())
    finally:
        con.close()
    return result.returncode, failing


def test_row_rules_pass_on_the_built_warehouse(build_db, tmp_path):
    assert row_rules_of_funding_rounds(build_db, tmp_path, None) == (0, {})


def test_row_rules_name_each_broken_rule_and_count_its_rows(build_db, tmp_path):
    code, failing = row_rules_of_funding_rounds(build_db, tmp_path, """
        update marts.fct_funding_rounds set round_type = 'Series Z', company_name = null, source_count = 99
        where funding_round_id = (select min(funding_round_id) from marts.fct_funding_rounds);
        update marts.fct_funding_rounds set amount_qualifier = 'roughly'
        where amount_qualifier is null""")
    with duckdb.connect(str(build_db), read_only=True) as con:
        no_qualifier = con.execute("select count(*) from marts.fct_funding_rounds "
                                   "where amount_qualifier is null").fetchone()[0]
    assert no_qualifier >= 1
    assert code == 1
    assert failing == {"accepted values: round_type": 1, "not null: company_name": 1, SOURCE_COUNT_RULE: 1,
                       "accepted values: amount_qualifier": no_qualifier}
