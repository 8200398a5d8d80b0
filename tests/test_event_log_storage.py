"""The event log storage that keeps its SQLite connections open: Dagster's files and tables, read back by
Dagster's own storage, with a bounded number of connections, across a wipe and a fork."""

from __future__ import annotations

import logging
import multiprocessing
import sys
import time
import uuid

import dagster as dg
import pytest
from dagster._core.events.log import EventLogEntry
from dagster._core.storage.event_log import SqliteEventLogStorage

from pipelines.event_log_storage import KEPT_RUN_SHARDS, PooledSqliteEventLogStorage


def _log(run_id: str, message: str) -> EventLogEntry:
    return EventLogEntry(error_info=None, level=logging.INFO, user_message=message, run_id=run_id,
                         timestamp=time.time(), step_key=None, job_name=None, dagster_event=None)


def _messages(storage, run_id: str) -> list[str]:
    return [entry.user_message for entry in storage.get_logs_for_run(run_id)]


@dg.asset
def counted() -> dg.MaterializeResult:
    return dg.MaterializeResult(metadata={"rows": 3})


@dg.asset_check(asset=counted)
def counted_has_rows() -> dg.AssetCheckResult:
    return dg.AssetCheckResult(passed=True)


def test_the_shipped_instance_stores_events_that_dagsters_own_storage_reads(dagster_home):
    instance = dg.DagsterInstance.get()
    assert isinstance(instance.event_log_storage, PooledSqliteEventLogStorage)
    results = [dg.materialize([counted, counted_has_rows], instance=instance) for _ in range(2)]
    assert all(result.success for result in results)

    plain = SqliteEventLogStorage(str(dagster_home / "history" / "runs"))
    for result in results:
        stored = plain.get_logs_for_run(result.run_id)
        assert [e.dagster_event_type for e in stored] == [e.dagster_event_type
                                                          for e in instance.all_logs(result.run_id)]
        assert dg.DagsterEventType.ASSET_CHECK_EVALUATION in {e.dagster_event_type for e in stored}
    # the cross-run index: both materialisations, and the check's latest result
    records = plain.fetch_materializations(dg.AssetKey("counted"), limit=10).records
    assert sorted(r.run_id for r in records) == sorted(r.run_id for r in results)
    check = dg.AssetCheckKey(dg.AssetKey("counted"), "counted_has_rows")
    assert plain.get_latest_asset_check_execution_by_key([check])[check].run_id == results[-1].run_id


def test_it_keeps_a_connection_for_the_index_and_for_the_last_runs_only(tmp_path):
    storage = PooledSqliteEventLogStorage(str(tmp_path / "runs"))
    runs = [str(uuid.uuid4()) for _ in range(KEPT_RUN_SHARDS + 3)]
    for run_id in runs:
        storage.store_event(_log(run_id, f"first of {run_id}"))
    kept = [shard for shard in storage._engines if shard != "index"]
    assert kept == runs[-KEPT_RUN_SHARDS:]
    # a run whose connection was closed is opened again
    storage.store_event(_log(runs[0], "second"))
    assert _messages(storage, runs[0]) == [f"first of {runs[0]}", "second"]
    assert len([shard for shard in storage._engines if shard != "index"]) == KEPT_RUN_SHARDS
    storage.dispose()
    assert not storage._engines


def test_a_wipe_deletes_the_runs_and_the_storage_goes_on(tmp_path):
    storage = PooledSqliteEventLogStorage(str(tmp_path / "runs"))
    run_id = str(uuid.uuid4())
    storage.store_event(_log(run_id, "before"))
    storage.wipe()
    assert _messages(storage, run_id) == []
    storage.store_event(_log(run_id, "after"))
    assert _messages(storage, run_id) == ["after"]


def _store_in_child(storage: PooledSqliteEventLogStorage, run_id: str) -> None:
    storage.store_event(_log(run_id, "child"))


@pytest.mark.skipif(sys.platform != "linux", reason="fork is the start method that shares the storage object")
def test_a_forked_process_opens_its_own_connection(tmp_path):
    storage = PooledSqliteEventLogStorage(str(tmp_path / "runs"))
    run_id = str(uuid.uuid4())
    storage.store_event(_log(run_id, "parent, before"))
    inherited = storage._engines[run_id]
    child = multiprocessing.get_context("fork").Process(target=_store_in_child, args=(storage, run_id))
    child.start()
    child.join(60)
    assert child.exitcode == 0
    storage.store_event(_log(run_id, "parent, after"))
    assert storage._engines[run_id] is inherited  # the parent's connection was left alone
    assert _messages(storage, run_id) == ["parent, before", "child", "parent, after"]
