"""The project's own generic tests fail on the broken rows they are written for, run by the real dbt CLI on a
copy of a warehouse the job built: row_rules (one per model for its not-null, accepted-values and expression
rules) names the rule it caught; evidence_quote_matches_text catches a quote that is not its document's span. In
a small build (DEALWIRE_CHECK_CHANGED_DOCUMENTS_ONLY=1), the tests that read the texts check only the documents
the Python side noted as changed."""

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


def failures_of(build_db: Path, work: Path, breakage: str | None, select: str, test_name: str,
                small_build: bool = False) -> tuple[int, str]:
    """Copy the build database (under its own name: dbt's views name its catalog), apply `breakage`, run the
    tests `select` picks storing their failures (as a small build runs them, or every row); dbt's exit code
    and the table of the failures of the test whose name starts with `test_name`."""
    database = work / "dealwire.duckdb"
    work.mkdir(parents=True, exist_ok=True)
    shutil.copy(build_db, database)
    if breakage:
        con = duckdb.connect(str(database))
        con.execute(breakage)
        con.close()
    result = subprocess.run(
        [str(DBT), "test", "--select", *select.split(), "--store-failures",
         "--profiles-dir", ".", "--project-dir", ".", "--target-path", str(work / "target"),
         "--log-path", str(work / "logs")],
        cwd=DBT_PROJECT_DIR, capture_output=True, text=True,
        env={**os.environ, "DEALWIRE_DBT_PATH": str(database),
             "DEALWIRE_CHECK_CHANGED_DOCUMENTS_ONLY": "1" if small_build else "0"})
    with duckdb.connect(str(database), read_only=True) as con:
        (table,) = con.execute("select schema_name || '.' || table_name from duckdb_tables() "
                               "where starts_with(table_name, ?)", [test_name]).fetchone()
    return result.returncode, table


def row_rules_of_funding_rounds(build_db: Path, work: Path, breakage: str | None) -> tuple[int, dict[str, int]]:
    """dbt's exit code and the failing rules of the funding rounds' row_rules test."""
    code, table = failures_of(build_db, work, breakage, "fct_funding_rounds,test_name:row_rules",
                              "row_rules_fct_funding_rounds")
    with duckdb.connect(str(work / "dealwire.duckdb"), read_only=True) as con:
        failing = dict(con.execute(f"select rule, failing_rows from {table}").fetchall())
    return code, failing


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


def quote_failures(build_db: Path, work: Path, breakage: str | None,
                   small_build: bool = False) -> tuple[int, list[tuple]]:
    """dbt's exit code and the (document, start, end, has_document) of the failing rows of the evidence test."""
    code, table = failures_of(build_db, work, breakage, "fct_evidence,test_name:evidence_quote_matches_text",
                              "evidence_quote_matches_text_f", small_build)
    with duckdb.connect(str(work / "dealwire.duckdb"), read_only=True) as con:
        rows = con.execute(f"select document_key, char_start, char_end, has_document from {table} "
                           "order by all").fetchall()
    return code, rows


def test_evidence_quotes_pass_on_the_built_warehouse(build_db, tmp_path):
    assert quote_failures(build_db, tmp_path, None) == (0, [])


def test_evidence_quote_test_catches_a_shifted_span_a_missing_quote_and_a_missing_document(build_db, tmp_path):
    with duckdb.connect(str(build_db), read_only=True) as con:
        rows = con.execute("select document_id, char_start, char_end from marts.fct_evidence "
                           "order by document_id, char_start limit 3").fetchall()
        other_documents = con.execute("select count(*) from marts.dim_documents").fetchone()[0]
    assert len(rows) == 3 and other_documents > 1
    (shifted_doc, shifted_start, shifted_end), (null_doc, null_start, null_end), (gone_doc, gone_start, gone_end) = rows
    code, failing = quote_failures(build_db, tmp_path, f"""
        update marts.fct_evidence set char_start = char_start + 1, char_end = char_end + 1
        where document_id = '{shifted_doc}' and char_start = {shifted_start};
        update marts.fct_evidence set quote = null where document_id = '{null_doc}' and char_start = {null_start};
        update marts.fct_evidence set document_id = 'doc_missing' where document_id = '{gone_doc}'
        and char_start = {gone_start};""")
    assert code == 1
    assert failing == sorted([(shifted_doc, shifted_start + 1, shifted_end + 1, True),
                              (null_doc, null_start, null_end, True),
                              ("doc_missing", gone_start, gone_end, False)])


def _break_two_documents(build_db: Path) -> tuple[str, str, str]:
    """Breakage that shifts a quote and miscounts the text of two documents, of which only the first is noted
    as changed since the last build; and the two documents."""
    with duckdb.connect(str(build_db), read_only=True) as con:
        changed, unchanged = (d for (d,) in con.execute(
            "select distinct document_id from marts.fct_evidence order by 1 limit 2").fetchall())
    return f"""
        update marts.fct_evidence set quote = quote || ' ' where document_id in ('{changed}', '{unchanged}');
        update marts.dim_documents set n_chars = n_chars + 1 where document_id in ('{changed}', '{unchanged}');
        delete from raw.changed_documents;
        insert into raw.changed_documents values ('{changed}');""", changed, unchanged


def test_a_small_build_checks_the_evidence_of_the_documents_it_changed(build_db, tmp_path):
    breakage, changed, unchanged = _break_two_documents(build_db)
    code, failing = quote_failures(build_db, tmp_path / "small", breakage, small_build=True)
    assert code == 1 and failing and {doc for doc, *_ in failing} == {changed}
    code, failing = quote_failures(build_db, tmp_path / "full", breakage)
    assert code == 1 and {doc for doc, *_ in failing} == {changed, unchanged}


def test_a_small_build_checks_the_length_of_the_texts_it_changed(build_db, tmp_path):
    breakage, _, _ = _break_two_documents(build_db)
    rule = "expression is true: n_chars = length(text)"
    for work, small_build, documents in ((tmp_path / "small", True, 1), (tmp_path / "full", False, 2)):
        code, table = failures_of(build_db, work, breakage, "dim_documents,test_name:row_rules",
                                  "row_rules_dim_documents_text_length", small_build)
        with duckdb.connect(str(work / "dealwire.duckdb"), read_only=True) as con:
            assert (code, con.execute(f"select rule, failing_rows from {table}").fetchall()) == (1, [(rule, documents)])
