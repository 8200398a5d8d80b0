"""A build database made by an earlier release, whose raw tables had primary keys, is moved to today's tables
(no keys: raw_schema.sql says why) once, the first time a run opens it, without losing or changing a row."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

from pipelines.config import Settings
from pipelines.extract import EXTRACTOR_VERSION
from pipelines.warehouse import extraction
from pipelines.warehouse.build import KEYS_RETIRED, connect_build
from pipelines.warehouse.documents_store import sync_documents

CORPUS = Path(__file__).parent / "corpus" / "articles"
# the keys earlier releases declared
FORMER_KEYS = {"raw.documents": "document_id", "raw.document_paths": "source_path",
               "raw.rejected_inputs": "source_path", "raw.candidate_facts": "candidate_id",
               "raw.candidate_fact_investors": "candidate_id, investor_name", "raw.stage_progress": "stage, document_id"}


def _rows(con) -> dict[str, list]:
    return {t: sorted(con.execute(f"select * from {t}").fetchall(), key=repr) for t in FORMER_KEYS}


def _primary_keys(con) -> set[str]:
    return {r[0] for r in con.execute("select schema_name || '.' || table_name from duckdb_constraints() "
                                       "where constraint_type = 'PRIMARY KEY'").fetchall()}


def test_a_build_database_with_the_former_keys_is_moved_to_tables_without_them(tmp_path):
    assert set(KEYS_RETIRED) == set(FORMER_KEYS)
    settings = Settings(source_dir=CORPUS, warehouse_path=tmp_path / "dealwire.duckdb", max_file_bytes=5_000_000)
    with connect_build(settings.build_db) as con:
        sync_documents(con, CORPUS, settings.max_file_bytes, EXTRACTOR_VERSION, dt.datetime(2026, 1, 1))
    extraction.run_extraction(settings, EXTRACTOR_VERSION)
    con = duckdb.connect(str(settings.build_db))
    before = _rows(con)
    assert all(before[t] for t in FORMER_KEYS if t != "raw.rejected_inputs")
    for table, key in FORMER_KEYS.items():  # as an earlier release created them
        ddl = con.execute("select sql from duckdb_tables() where schema_name || '.' || table_name = ?",
                          [table]).fetchone()[0]
        con.execute(f"alter table {table} rename to keyed")
        con.execute(ddl.rstrip().rstrip(";").removesuffix(")") + f", primary key ({key}))")
        con.execute(f"insert into {table} select * from raw.keyed")
        con.execute("drop table raw.keyed")
    assert _primary_keys(con) >= set(FORMER_KEYS)
    con.close()

    with connect_build(settings.build_db) as con:
        assert not _primary_keys(con) & set(FORMER_KEYS)
        assert _rows(con) == before
    # and a run on it finds nothing left to do
    assert extraction.run_extraction(settings, EXTRACTOR_VERSION).documents == 0
