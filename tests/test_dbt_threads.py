"""dbt runs several nodes at a time only for a small build: ingestion and extraction note the documents whose rows
they changed since dbt's last build, in the transaction that changes them, and the build starts again. The
same notes tell a small build's tests that read the texts which documents to check."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from pipelines.config import Settings
from pipelines.defs.transformation.assets import SMALL_BUILD_DOCUMENTS, SMALL_BUILD_THREADS, dbt_threads
from pipelines.extract import EXTRACTOR_VERSION
from pipelines.warehouse import build_state, extraction
from pipelines.warehouse.build import connect_build
from pipelines.warehouse.documents_store import sync_documents

CORPUS = Path(__file__).parent / "corpus" / "articles"


def test_several_nodes_at_a_time_only_for_a_known_small_change_without_full_refresh():
    assert SMALL_BUILD_THREADS > 1
    assert dbt_threads(full_refresh=False, changed_documents=10) == SMALL_BUILD_THREADS
    assert dbt_threads(full_refresh=False, changed_documents=SMALL_BUILD_DOCUMENTS) == SMALL_BUILD_THREADS
    assert dbt_threads(full_refresh=False, changed_documents=SMALL_BUILD_DOCUMENTS + 1) == 1
    assert dbt_threads(full_refresh=True, changed_documents=10) == 1
    assert dbt_threads(full_refresh=False, changed_documents=None) == 1


def _sync(settings: Settings) -> None:
    with connect_build(settings.build_db) as con:
        sync_documents(con, settings.source_dir, settings.max_file_bytes, EXTRACTOR_VERSION, dt.datetime(2026, 1, 1))


def _changed(settings: Settings) -> tuple[int | None, set[str]]:
    """How many documents changed since the last build, and which."""
    with connect_build(settings.build_db) as con:
        ids = {d for (d,) in con.execute("select document_id from raw.changed_documents").fetchall()}
        return build_state.changed_documents(con), ids


def _document_ids(settings: Settings) -> set[str]:
    with connect_build(settings.build_db) as con:
        return {d for (d,) in con.execute("select document_id from raw.documents").fetchall()}


def test_ingestion_and_extraction_note_the_documents_they_change_until_a_build_starts_again(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    files = sorted(CORPUS.glob("*.txt"))[:4]
    for path in files:
        shutil.copy(path, source / path.name)
    settings = Settings(source_dir=source, warehouse_path=tmp_path / "dealwire.duckdb", max_file_bytes=5_000_000)
    _sync(settings)
    first = _document_ids(settings)
    assert len(first) == 4
    # before any build, how much changed is unknown (the first build is a full refresh anyway)
    assert _changed(settings) == (None, first)
    assert extraction.run_extraction(settings, EXTRACTOR_VERSION).documents == 4
    assert _changed(settings) == (None, first)
    with connect_build(settings.build_db) as con:  # what the dbt asset does after a successful build
        build_state.reset_changed_documents(con)
    assert _changed(settings) == (0, set())

    # a file goes, another comes: both documents are noted when the files are read, again when extracted
    (source / files[0].name).unlink()
    shutil.copy(sorted(CORPUS.glob("*.txt"))[4], source / "added.txt")
    _sync(settings)
    (added,) = _document_ids(settings) - first
    (removed,) = first - _document_ids(settings)
    assert _changed(settings) == (2, {added, removed})
    stats = extraction.run_extraction(settings, EXTRACTOR_VERSION)
    assert (stats.documents, stats.retracted) == (1, 1)
    assert _changed(settings) == (2, {added, removed})
    # a run with nothing to read or extract changes nothing
    _sync(settings)
    extraction.run_extraction(settings, EXTRACTOR_VERSION)
    assert _changed(settings) == (2, {added, removed})

    # the same text with another title: its rows are refreshed and extracted again
    with connect_build(settings.build_db) as con:
        build_state.reset_changed_documents(con)
        (moved,) = con.execute("select document_id from raw.documents where source_path = ?",
                               [files[1].name]).fetchone()
    (source / f"{files[1].stem}.meta.json").write_text('{"title": "Another title"}', encoding="utf-8")
    _sync(settings)
    assert extraction.run_extraction(settings, EXTRACTOR_VERSION).documents == 1
    assert _changed(settings) == (1, {moved})
