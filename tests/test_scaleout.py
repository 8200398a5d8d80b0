"""The scale-out location: shards extracted by separate partition runs under the multiprocess executor
give the same marts as one ordinary run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import dagster as dg
import duckdb

from pipelines.defs.extraction.assets import SHARD_PARTITIONS
from tests.conftest import CORPUS_DIR, copy_tree
from tests.pipeline_runner import run_pipeline
from tests.warehouse_snapshot import marts_snapshot


def _dagster(*args: str) -> subprocess.Popen:
    """The dagster CLI of this environment, as a user runs it; every job runs with its own executor."""
    cli = Path(sys.executable).with_name("dagster")
    return subprocess.Popen([str(cli), "job", "execute", "-m", "pipelines.scaleout", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _finish(process: subprocess.Popen) -> None:
    output, _ = process.communicate(timeout=600)
    assert process.returncode == 0, output[-3000:]


def test_partitioned_runs_under_the_multiprocess_executor_match_one_run(workspace, tmp_path, monkeypatch):
    source, warehouse = workspace
    copy_tree(CORPUS_DIR / "articles", source)
    run_pipeline()
    single = marts_snapshot(warehouse, ignore_clock=True)

    sharded = tmp_path / "sharded" / "dealwire.duckdb"
    monkeypatch.setenv("DEALWIRE_WAREHOUSE", str(sharded))
    _finish(_dagster("-j", "ingest_documents"))
    # two partition runs at a time, each in its own processes under the multiprocess executor
    keys = SHARD_PARTITIONS.get_partition_keys()
    for pair in (keys[i:i + 2] for i in range(0, len(keys), 2)):
        for process in [_dagster("-j", "extract_shards", "--tags", json.dumps({"dagster/partition": key}))
                        for key in pair]:
            _finish(process)
    _finish(_dagster("-j", "build_warehouse"))

    instance = dg.DagsterInstance.get()

    runs = instance.get_runs(dg.RunsFilter(job_name="extract_shards"))
    assert sorted(r.tags["dagster/partition"] for r in runs) == SHARD_PARTITIONS.get_partition_keys()
    assert all(r.status == dg.DagsterRunStatus.SUCCESS for r in runs)
    for run in runs:
        messages = [e.message or "" for e in instance.all_logs(run.run_id)]
        assert any("multiprocess executor" in m for m in messages), messages[:5]
    build = sharded.parent / ".dealwire.build" / "dealwire.duckdb"
    con = duckdb.connect(str(build), read_only=True)
    shards = con.execute("select count(distinct substr(document_id, 5, 1)) from raw.candidate_facts").fetchone()[0]
    con.close()
    assert shards > 8, "the corpus should spread over many shards for this test to mean something"
    assert marts_snapshot(sharded, ignore_clock=True) == single
