"""dbt runs inside the run's process: Dagster gets every node's result as before, a subset picked in the UI
builds only that subset, a failing dbt test fails the step with dbt's words, Ctrl-C stops dbt, and the
build database is closed again once dbt is done."""

from __future__ import annotations

import json
import os
import random
import re
import signal
import sys
import threading

import dagster as dg
import duckdb

from pipelines.config import PROJECT_ROOT
from pipelines.defs.transformation.assets import dbt_models_def
from tests.conftest import SEEDS_DIR, copy_tree
from tests.pipeline_runner import run_pipeline
from tests.process_helpers import pipeline_process, sha256

sys.path.insert(0, str(PROJECT_ROOT / "bench"))
from corpus import article  # noqa: E402  (the benchmark's article generator)

FUNDING_ROUNDS = dg.AssetKey(["marts", "fct_funding_rounds"])
STAGED_CANDIDATES = dg.AssetKey(["staging", "stg_raw__candidate_facts"])


def _build_db(warehouse):
    return warehouse.parent / f".{warehouse.stem}.build" / f"{warehouse.stem}.duckdb"


def _run_results(warehouse) -> list[dict]:
    path = warehouse.parent / f".{warehouse.stem}.build" / "dbt_target" / "run_results.json"
    return json.loads(path.read_text(encoding="utf-8"))["results"]


def _run_subset(*keys: dg.AssetKey) -> dg.ExecuteInProcessResult:
    from pipelines.definitions import defs

    job = defs().resolve_job_def("dealwire_job")
    return job.execute_in_process(instance=dg.DagsterInstance.get(), raise_on_error=False, asset_selection=list(keys))


def test_every_node_of_the_build_reaches_dagster_and_the_database_is_closed_after(workspace):
    source, warehouse = workspace
    copy_tree(SEEDS_DIR, source)
    result = run_pipeline()  # the first run: a full refresh of the whole project
    materialised = {event.asset_key for event in result.get_asset_materialization_events()}
    assert set(dbt_models_def().keys) <= materialised
    evaluations = [event for event in result.all_events if event.event_type_value == "ASSET_CHECK_EVALUATION"]
    dbt_checks = {key for key in dbt_models_def().check_keys}
    assert {event.event_specific_data.asset_check_key for event in evaluations} >= dbt_checks
    assert all(event.event_specific_data.passed for event in evaluations)
    tests_run = [r for r in _run_results(warehouse) if r["unique_id"].startswith("test.")]
    assert len(tests_run) >= len(dbt_checks)
    # dbt's thread is gone and its DuckDB closed: this process opens the build database with other settings
    assert not [thread for thread in threading.enumerate() if thread.name == "dbt"]
    con = duckdb.connect(str(_build_db(warehouse)), read_only=True)
    con.close()
    # the new warehouse's dbt started from the project's parse state (parse_state.py), not from nothing
    log = (warehouse.parent / f".{warehouse.stem}.build" / "dbt_target" / "dbt.log").read_text(encoding="utf-8")
    assert "Unable to do partial parsing" not in log


def test_a_subset_builds_only_its_models_and_runs_only_their_tests(workspace):
    source, warehouse = workspace
    copy_tree(SEEDS_DIR, source)
    run_pipeline()
    result = _run_subset(FUNDING_ROUNDS)
    assert result.success
    assert {event.asset_key for event in result.get_asset_materialization_events()} == {FUNDING_ROUNDS}
    built = {r["unique_id"] for r in _run_results(warehouse)}
    assert {uid for uid in built if uid.startswith("model.")} == {"model.dealwire.fct_funding_rounds"}
    checked = {event.event_specific_data.asset_check_key.asset_key for event in result.all_events
               if event.event_type_value == "ASSET_CHECK_EVALUATION"}
    assert checked == {FUNDING_ROUNDS}


def test_a_failing_dbt_test_fails_the_step_with_dbt_s_error(workspace):
    source, warehouse = workspace
    copy_tree(SEEDS_DIR, source)
    run_pipeline()
    con = duckdb.connect(str(_build_db(warehouse)))
    try:  # one candidate twice: the staging model's key is no longer unique
        con.execute("insert into raw.candidate_facts select * from raw.candidate_facts limit 1")
    finally:
        con.close()
    result = _run_subset(STAGED_CANDIDATES)
    assert not result.success
    failure = next(event for event in result.all_events if event.is_step_failure)
    message = failure.event_specific_data.error.message
    assert "dbt build failed" in message and "unique_stg_raw__candidate_facts_candidate_id" in message, message
    evaluations = {event.event_specific_data.asset_check_key.name: event.event_specific_data.passed
                   for event in result.all_events if event.event_type_value == "ASSET_CHECK_EVALUATION"}
    assert evaluations["unique_stg_raw__candidate_facts_candidate_id"] is False
    # the database is closed after a failed build too
    duckdb.connect(str(_build_db(warehouse)), read_only=True).close()


def test_ctrl_c_during_dbt_stops_the_run_and_publishes_nothing(workspace):
    source, warehouse = workspace
    copy_tree(SEEDS_DIR, source)
    run_pipeline()
    before = sha256(warehouse)
    rng = random.Random(5)
    for i in range(300):
        (source / f"generated_{i:04d}.txt").write_text(article(rng, i, 75), encoding="utf-8")
    process = pipeline_process({})
    node_finished = re.compile(r"^(\d+) of (\d+) (?:OK|PASS|ERROR|FAIL|SKIP)", flags=re.M)
    output = []
    for line in process.stdout:
        output.append(line)
        if node_finished.match(line):  # dbt is building
            os.killpg(process.pid, signal.SIGINT)
            break
    else:
        raise AssertionError("the run ended before dbt built anything:\n" + "".join(output[-40:]))
    rest, _ = process.communicate(timeout=120)  # dbt stopped: the run ends instead of building on
    assert process.returncode != 0, rest[-3000:]
    done = [(int(n), int(total)) for n, total in node_finished.findall("".join(output) + rest)]
    assert max(n for n, _ in done) < done[0][1]  # dbt did not build on to its last node
    log = (warehouse.parent / f".{warehouse.stem}.build" / "dbt_target" / "dbt.log").read_text(encoding="utf-8")
    assert "Exited because of keyboard interrupt" in log  # stopped as its CLI stops on Ctrl-C
    assert sha256(warehouse) == before
    run_pipeline()  # nothing left locked or half-written: the next run builds and publishes
    assert sha256(warehouse) != before


def test_cancelling_a_connection_closed_meanwhile_does_nothing(tmp_path):
    """The race behind a Ctrl-C that ended in dbt's traceback: a node's connection whose handle is closed
    but not yet marked closed, cancelled by dbt's Ctrl-C handling."""
    from dbt.adapters.contracts.connection import Connection, ConnectionState
    from dbt.adapters.duckdb import environments
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager
    from dbt.adapters.duckdb.credentials import DuckDBCredentials

    from pipelines.defs.transformation.dbt_in_process import tolerate_closed_connections_when_cancelling

    credentials = DuckDBCredentials(database="cancel", schema="main", path=str(tmp_path / "cancel.duckdb"))
    environment = environments.create(credentials)
    handle = environment.handle()
    handle.close()
    connection = Connection(type="duckdb", name="node", state=ConnectionState.OPEN, handle=handle,
                            credentials=credentials)
    previous = DuckDBConnectionManager._ENV
    DuckDBConnectionManager._ENV = environment
    try:
        tolerate_closed_connections_when_cancelling()
        tolerate_closed_connections_when_cancelling()  # applied once
        DuckDBConnectionManager.cancel(DuckDBConnectionManager, connection)
        # an open connection is still interrupted: a query running on it stops
        running = environment.handle()
        open_connection = Connection(type="duckdb", name="running", state=ConnectionState.OPEN, handle=running,
                                     credentials=credentials)
        stopped = threading.Event()

        def long_query() -> None:
            try:
                running.cursor().execute("select count(*) from range(10000000000) as a, range(10) as b")
            except duckdb.InterruptException:
                stopped.set()

        query = threading.Thread(target=long_query)
        query.start()
        while not stopped.is_set() and query.is_alive():
            DuckDBConnectionManager.cancel(DuckDBConnectionManager, open_connection)
            query.join(0.2)
        assert stopped.is_set()
    finally:
        DuckDBConnectionManager._ENV = previous
        environment.close()
