"""dbt runs two nodes at a time only for a small build: the extraction counts the documents whose rows it
changed since dbt's last build, in the transaction that changes them, and the build starts the count again."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from pipelines.config import Settings
from pipelines.defs.transformation.assets import SMALL_BUILD_DOCUMENTS, dbt_threads
from pipelines.extract import EXTRACTOR_VERSION
from pipelines.warehouse import build_state, extraction
from pipelines.warehouse.build import connect_build
from pipelines.warehouse.documents_store import sync_documents

CORPUS = Path(__file__).parent / "corpus" / "articles"


def test_two_nodes_at_a_time_only_for_a_known_small_change_without_full_refresh():
    assert dbt_threads(full_refresh=False, changed_documents=10) == 2
    assert dbt_threads(full_refresh=False, changed_documents=SMALL_BUILD_DOCUMENTS) == 2
    assert dbt_threads(full_refresh=False, changed_documents=SMALL_BUILD_DOCUMENTS + 1) == 1
    assert dbt_threads(full_refresh=True, changed_documents=10) == 1
    assert dbt_threads(full_refresh=False, changed_documents=None) == 1


def _sync(settings: Settings) -> None:
    with connect_build(settings.build_db) as con:
        sync_documents(con, settings.source_dir, settings.max_file_bytes, EXTRACTOR_VERSION, dt.datetime(2026, 1, 1))


def _changed(settings: Settings) -> int | None:
    with connect_build(settings.build_db) as con:
        return build_state.changed_documents(con)


def test_extraction_counts_the_documents_it_extracts_and_retracts_until_a_build_resets_the_count(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    files = sorted(CORPUS.glob("*.txt"))[:4]
    for path in files:
        shutil.copy(path, source / path.name)
    settings = Settings(source_dir=source, warehouse_path=tmp_path / "dealwire.duckdb", max_file_bytes=5_000_000)
    _sync(settings)
    assert _changed(settings) is None  # nothing extracted yet
    assert extraction.run_extraction(settings, EXTRACTOR_VERSION).documents == 4
    assert _changed(settings) == 4
    with connect_build(settings.build_db) as con:  # what the dbt asset records after a successful build
        build_state.reset_changed_documents(con)

    (source / files[0].name).unlink()
    shutil.copy(sorted(CORPUS.glob("*.txt"))[4], source / "added.txt")
    _sync(settings)
    stats = extraction.run_extraction(settings, EXTRACTOR_VERSION)
    assert (stats.documents, stats.retracted) == (1, 1)
    assert _changed(settings) == 2
    # a run with nothing to extract changes nothing
    extraction.run_extraction(settings, EXTRACTOR_VERSION)
    assert _changed(settings) == 2
