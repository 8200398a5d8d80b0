"""`make run`'s face: progress bars for extraction and dbt, then the summary table, and nothing of dbt's log."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import duckdb

from pipelines.config import DBT_PROJECT_DIR, PROJECT_ROOT
from tests.conftest import SEEDS_DIR, copy_tree


def test_run_shows_progress_then_a_summary_that_matches_the_warehouse(workspace):
    source, warehouse = workspace
    copy_tree(SEEDS_DIR, source)
    result = subprocess.run([sys.executable, "-m", "pipelines.cli", "run"], cwd=PROJECT_ROOT, capture_output=True,
                            text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    bars = result.stderr
    extraction = re.findall(r"extraction +\[[#-]{30}\] (\d+)/(\d+) articles +(?:[\d,]+|-) articles/s", bars)
    assert extraction and extraction[-1] == ("5", "5"), bars
    dbt = re.findall(r"dbt build +\[[#-]{30}\] (\d+)/(\d+) steps", bars)
    assert dbt and dbt[-1][0] == dbt[-1][1], bars
    results = warehouse.parent / ".dealwire.build" / "dbt_target" / "run_results.json"
    assert int(dbt[-1][1]) == len(json.loads(results.read_text(encoding="utf-8"))["results"])  # every node dbt ran
    test_result = re.compile(r"^\d+ of \d+ (?:PASS|FAIL|WARN|ERROR) ", flags=re.M)
    assert not test_result.search(result.stdout + bars)  # dbt's own lines went to the log file
    # the first run is a full refresh: every data test of the project ran, each logged in the file
    manifest = json.loads((DBT_PROJECT_DIR / "target" / "manifest.json").read_text(encoding="utf-8"))
    data_tests = sum(1 for node in manifest["nodes"].values() if node["resource_type"] == "test")
    assert data_tests > 50
    assert len(test_result.findall((warehouse.parent / ".dealwire.build" / "last_run.log").read_text())) == data_tests

    summary = dict(re.findall(r"^  ([a-z ]+?)  +([\d,.]+)(?: s)?$", result.stdout, flags=re.M))
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        assert int(summary["documents read"]) == con.execute("select count(*) from marts.dim_documents").fetchone()[0]
        assert int(summary["funding rounds"]) == con.execute(
            "select count(*) from marts.fct_funding_rounds").fetchone()[0]
        assert int(summary["contracts"]) == con.execute("select count(*) from marts.fct_contracts").fetchone()[0]
    finally:
        con.close()
    assert float(summary["time taken"]) > 0


def test_dbt_out_of_memory_says_which_variable_to_raise(workspace, monkeypatch):
    source, warehouse = workspace
    copy_tree(SEEDS_DIR, source)
    monkeypatch.setenv("DEALWIRE_DBT_MEMORY_LIMIT", "1MB")  # below one block of DuckDB's buffer manager
    result = subprocess.run([sys.executable, "-m", "pipelines.cli", "run"], cwd=PROJECT_ROOT, capture_output=True,
                            text=True, timeout=900)
    assert result.returncode == 1, result.stdout[-2000:]
    assert "ran out of memory under its limit of 1MB: raise DEALWIRE_DBT_MEMORY_LIMIT" in result.stderr, \
        result.stderr[-3000:]
    assert not warehouse.exists()  # nothing published


def test_the_command_ends_with_its_code_after_the_exit_handlers_and_the_buffered_output():
    """The command skips Python's module teardown at exit (`exit_now`), but not what a normal exit runs first."""
    script = ("import atexit, sys\n"
              "from pipelines.cli import exit_now\n"
              "atexit.register(lambda: print('exit handler ran'))\n"
              "print('buffered line')\n"
              "print('buffered error', file=sys.stderr)\n"
              "exit_now(3)\n"
              "print('never printed')\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=PROJECT_ROOT, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 3
    assert result.stdout == "buffered line\nexit handler ran\n"
    assert result.stderr == "buffered error\n"
