"""Nothing lost, nothing locked: killed runs, analysts reading during runs, runs started together."""

from __future__ import annotations

import random
import sys

import duckdb
import pytest

from pipelines.config import PROJECT_ROOT
from tests.conftest import SEEDS_DIR, copy_tree
from tests.pipeline_runner import run_pipeline
from tests.process_helpers import ask, kill_when, pipeline_process, reader_process, sha256
from tests.warehouse_snapshot import marts_snapshot

sys.path.insert(0, str(PROJECT_ROOT / "bench"))
from corpus import article  # noqa: E402  (the benchmark's article generator)


def _more_articles(folder, n, seed=11):
    rng = random.Random(seed)
    for i in range(n):
        (folder / f"generated_{i:04d}.txt").write_text(article(rng, i, max(1, n // 4)), encoding="utf-8")


@pytest.fixture()
def published(workspace):
    """A published warehouse built from the seeds, and a larger folder for the next run."""
    source, warehouse = workspace
    copy_tree(SEEDS_DIR, source)
    run_pipeline()
    _more_articles(source, 300)
    return source, warehouse


@pytest.mark.parametrize("marker, delay", [
    ('STEP_START - Started execution of step "raw_extraction"', 0.2),
    ('STEP_START - Started execution of step "dealwire_dbt_models"', 3.0),
], ids=["during_extraction", "during_dbt"])
def test_a_killed_run_leaves_the_published_warehouse_byte_for_byte(published, marker, delay, monkeypatch):
    source, warehouse = published
    before = sha256(warehouse)
    process = pipeline_process({})
    assert kill_when(process, marker, delay), "the run ended before it could be killed"
    assert sha256(warehouse) == before
    # the next run completes, and a run after it changes nothing: no duplicates were left behind
    run_pipeline()
    after_recovery = marts_snapshot(warehouse)
    run_pipeline()
    assert marts_snapshot(warehouse) == after_recovery
    con = duckdb.connect(str(warehouse), read_only=True)
    assert con.execute("select count(*) from marts.dim_documents").fetchone()[0] == 305
    duplicates = con.execute("select count(*) - count(distinct candidate_id) from marts.fct_evidence").fetchone()[0]
    con.close()
    assert duplicates == 0


def test_an_open_reader_neither_blocks_a_run_nor_sees_half_of_it(published):
    source, warehouse = published
    reader = reader_process(warehouse)
    try:
        assert reader.stdout.readline().split() == ["open", "5"]
        process = pipeline_process({})
        seen = set()
        while process.poll() is None:
            seen.add(ask(reader))
            process.stdout.readline()
        output = process.stdout.read()
        assert process.returncode == 0, output
        seen.add(ask(reader))
        # the open session keeps its complete snapshot; a new session sees the new complete state
        assert seen == {5}
        con = duckdb.connect(str(warehouse), read_only=True)
        assert con.execute("select count(*) from marts.dim_documents").fetchone()[0] == 305
        con.close()
    finally:
        reader.stdin.write("stop\n")
        reader.stdin.flush()
        reader.wait(timeout=30)


def test_two_runs_started_together_queue_and_both_succeed(published):
    source, warehouse = published
    first, second = pipeline_process({}), pipeline_process({})
    out_first, _ = first.communicate(timeout=600)
    out_second, _ = second.communicate(timeout=600)
    assert first.returncode == 0, out_first
    assert second.returncode == 0, out_second
    assert "waiting for it to finish" in out_first + out_second
    snapshot = marts_snapshot(warehouse)
    run_pipeline()
    assert marts_snapshot(warehouse) == snapshot


def test_absurd_and_negative_amounts_never_reach_the_marts(workspace):
    source, warehouse = workspace
    (source / "absurd.txt").write_text(
        "Acme Robotics lève 99999999999999999999 milliards d'euros auprès de Sequoia Capital.\n\n"
        "Zeta Labs raised -5 M$ from Accel.\n\n"
        "Orbital AI raised $40 million in a Series B led by Lightspeed.\n", encoding="utf-8")
    run_pipeline()
    con = duckdb.connect(str(warehouse), read_only=True)
    rows = con.execute("select company_name, amount from marts.fct_funding_rounds order by company_name").fetchall()
    con.close()
    assert ("Orbital AI", 40e6) in rows
    assert all(amount is None or 0 < amount < 1e13 for _, amount in rows)
