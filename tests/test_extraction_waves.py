"""Extraction in waves: many small waves, extracted by worker processes while the previous one is stored,
store exactly what one wave extracted in this process stores."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

from pipelines.config import Settings
from pipelines.extract import EXTRACTOR_VERSION
from pipelines.warehouse import extraction
from pipelines.warehouse.build import connect_build
from pipelines.warehouse.documents_store import sync_documents
from pipelines.warehouse.stages import STAGE_TABLES

CORPUS = Path(__file__).parent / "corpus" / "articles"


def _extract(root: Path) -> dict[str, list]:
    settings = Settings(source_dir=CORPUS, warehouse_path=root / "dealwire.duckdb", max_file_bytes=5_000_000)
    with connect_build(settings.build_db) as con:
        sync_documents(con, CORPUS, settings.max_file_bytes, EXTRACTOR_VERSION, dt.datetime(2026, 1, 1))
    stats = extraction.run_extraction(settings, EXTRACTOR_VERSION)
    con = duckdb.connect(str(settings.build_db), read_only=True)
    try:
        rows = {t: sorted(con.execute(f"select * from {t}").fetchall(), key=repr) for t in STAGE_TABLES["extraction"]}
        rows["progress"] = sorted(con.execute("select * from raw.stage_progress").fetchall())
    finally:
        con.close()
    return {"stats": (stats.documents, stats.candidate_facts, stats.workers), **rows}


def test_small_waves_on_workers_store_what_one_wave_stores(tmp_path, monkeypatch):
    one_wave = _extract(tmp_path / "one")
    documents = one_wave["stats"][0]
    assert documents > 12 and one_wave["raw.candidate_facts"]
    monkeypatch.setattr(extraction, "WAVE_CHARS", 5000)  # a dozen waves and more over this corpus
    monkeypatch.setattr(extraction, "BATCH_DOCUMENTS", 3)
    monkeypatch.setattr(extraction, "PARALLEL_FROM_DOCUMENTS", 1)
    monkeypatch.setenv("DEALWIRE_EXTRACT_WORKERS", "2")
    waves = _extract(tmp_path / "waves")
    assert waves["stats"] == (documents, one_wave["stats"][1], 2)
    assert waves == {**one_wave, "stats": waves["stats"]}


def test_waves_follow_the_text_size_and_keep_every_document_in_order(monkeypatch):
    monkeypatch.setattr(extraction, "WAVE_CHARS", 100)
    pending = [("doc_a", 40), ("doc_b", 50), ("doc_c", 20), ("doc_d", 250), ("doc_e", 10), ("doc_f", 100)]
    assert extraction._waves(pending) == [["doc_a", "doc_b"], ["doc_c"], ["doc_d"], ["doc_e"], ["doc_f"]]
    assert extraction._waves([]) == []


def test_a_document_removed_while_its_wave_is_extracted_is_not_stored(tmp_path, monkeypatch):
    """Between reading a wave and storing it, the build database is free: an ingestion run may remove one
    of its documents meanwhile. Its rows are then left out; the rest of the wave is stored."""
    settings = Settings(source_dir=CORPUS, warehouse_path=tmp_path / "dealwire.duckdb", max_file_bytes=5_000_000)
    with connect_build(settings.build_db) as con:
        sync_documents(con, CORPUS, settings.max_file_bytes, EXTRACTOR_VERSION, dt.datetime(2026, 1, 1))
        total = con.execute("select count(*) from raw.documents").fetchone()[0]
    monkeypatch.setattr(extraction, "WAVE_CHARS", 20_000)  # several waves
    removed: list[str] = []
    extract_batch = extraction.extract_batch

    def extract_while_a_document_goes(batch):
        found = extract_batch(batch)
        if not removed and found["raw.candidate_facts"].height:
            victim = found["raw.candidate_facts"]["document_id"][0]
            with connect_build(settings.build_db) as con:  # what a concurrent ingestion run would do
                con.execute("delete from raw.documents where document_id = ?", [victim])
            removed.append(victim)
        return found

    monkeypatch.setattr(extraction, "extract_batch", extract_while_a_document_goes)
    stats = extraction.run_extraction(settings, EXTRACTOR_VERSION)
    assert removed and stats.documents == total - 1
    con = duckdb.connect(str(settings.build_db), read_only=True)
    try:
        for table in STAGE_TABLES["extraction"]:
            column = "split_part(candidate_id, ':', 1)" if table == "raw.candidate_fact_investors" else "document_id"
            documents = {d for (d,) in con.execute(f"select distinct {column} from {table}").fetchall()}
            assert removed[0] not in documents, table
        done = {d for (d,) in con.execute("select document_id from raw.stage_progress").fetchall()}
        assert len(done) == total - 1 and removed[0] not in done
    finally:
        con.close()
