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


def _storage_number(path: Path) -> int:
    with open(path, "rb") as handle:
        return int.from_bytes(handle.read(20)[12:20], "little")


def test_a_build_database_in_the_older_storage_format_is_rewritten_compressed_with_every_row(tmp_path):
    settings = Settings(source_dir=CORPUS, warehouse_path=tmp_path / "dealwire.duckdb", max_file_bytes=5_000_000)
    with connect_build(settings.build_db) as con:
        sync_documents(con, CORPUS, settings.max_file_bytes, EXTRACTOR_VERSION, dt.datetime(2026, 1, 1))
        con.execute("create schema if not exists staging")
        con.execute("create view staging.documents_seen as select document_id, title from raw.documents")
    current = _storage_number(settings.build_db)
    # the same database written as earlier releases wrote it (DuckDB's default format)
    older = tmp_path / "older" / "dealwire.duckdb"
    older.parent.mkdir()
    con = duckdb.connect()
    con.execute(f"attach '{settings.build_db}' as dealwire (read_only)")
    con.execute(f"attach '{older}' as older (storage_version 'v1.0.0')")
    con.execute("copy from database dealwire to older")
    con.close()
    assert _storage_number(older) < current
    with duckdb.connect(str(older), read_only=True) as con:
        before = _rows(con), con.execute("select * from staging.documents_seen order by 1").fetchall()

    with connect_build(older) as con:
        after = _rows(con), con.execute("select * from staging.documents_seen order by 1").fetchall()
    assert _storage_number(older) == current
    assert after == before and before[1]
    assert sorted(p.name for p in older.parent.iterdir()) == ["dealwire.duckdb"]  # no copy, no log left over


def test_sentence_texts_stored_by_an_earlier_release_are_dropped_and_the_view_cuts_the_same(tmp_path):
    from pipelines.extract.sentences import split_sentences

    settings = Settings(source_dir=CORPUS, warehouse_path=tmp_path / "dealwire.duckdb", max_file_bytes=5_000_000)
    with connect_build(settings.build_db) as con:
        sync_documents(con, CORPUS, settings.max_file_bytes, EXTRACTOR_VERSION, dt.datetime(2026, 1, 1))
    extraction.run_extraction(settings, EXTRACTOR_VERSION)
    with connect_build(settings.build_db) as con:
        texts = con.execute("select document_id, sentence_index, text from raw.sentence_texts").fetchall()
        documents = dict(con.execute("select document_id, text from raw.documents").fetchall())
        sentences = con.execute("select * exclude (has_cue) from raw.sentences").fetchall()
    expected = {(doc, s.index): s.text for doc, text in documents.items() for s in split_sentences(text)}
    assert len(texts) == len(expected) > 100
    assert {(doc, index): text for doc, index, text in texts} == expected
    # an earlier release's table, with the texts
    con = duckdb.connect(str(settings.build_db))
    con.execute("alter table raw.sentences add column text varchar")
    con.execute("update raw.sentences as s set text = substring(d.text, s.char_start + 1, s.char_end - s.char_start) "
                "from raw.documents as d where d.document_id = s.document_id")
    con.close()
    with connect_build(settings.build_db) as con:
        columns = [c for (c,) in con.execute("select column_name from duckdb_columns() where schema_name = 'raw' "
                                             "and table_name = 'sentences'").fetchall()]
        assert "text" not in columns
        assert con.execute("select * exclude (has_cue) from raw.sentences").fetchall() == sentences
