"""The Dagster UI in a real browser: the lineage is all there, and "Materialize all" builds the warehouse."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest

from pipelines.config import PROJECT_ROOT
from tests.conftest import SEEDS_DIR, copy_tree

# Every layer of the lineage, as the graph labels its nodes (short names are not truncated there).
LINEAGE_NODES = ["documents", "sentences", "mentions", "candidate_facts", "ref_fx_rates", "stg_raw__documents",
                 "fct_contracts", "fct_evidence", "fct_funding_rounds", "dim_documents", "rejected_inputs",
                 "dealwire"]
RUN_TIMEOUT_S = 900


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _graphql(url: str, query: str) -> dict:
    request = urllib.request.Request(f"{url}/graphql", data=json.dumps({"query": query}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)["data"]


RUNS_QUERY = "{ runsOrError { ... on Runs { results { runId status jobName tags { key value } } } } }"


def _runs(url: str) -> list[dict]:
    return _graphql(url, RUNS_QUERY)["runsOrError"]["results"]


@pytest.fixture()
def dagster_ui(workspace, dagster_home):
    """`dagster dev` as `make ui` starts it, on a free port, over a copy of the seeds."""
    source, warehouse = workspace
    copy_tree(SEEDS_DIR, source)
    port = _free_port()
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    log = open(dagster_home / "dagster_dev.log", "w")
    process = subprocess.Popen([str(bin_dir / "dagster"), "dev", "-m", "pipelines.definitions", "-h", "127.0.0.1",
                                "-p", str(port)], cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while True:
        try:
            urllib.request.urlopen(f"{url}/server_info", timeout=5)
            break
        except OSError:
            assert process.poll() is None, (dagster_home / "dagster_dev.log").read_text()[-3000:]
            assert time.monotonic() < deadline, "the Dagster UI did not start within 180 s"
            time.sleep(1)
    try:
        yield url, warehouse
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def _dismiss_welcome(page) -> None:
    skip = page.get_by_role("button", name="Skip")
    if skip.count():
        skip.first.click()


def test_materialize_all_from_the_ui_builds_the_warehouse(dagster_ui, browser, screenshots_dir):
    url, warehouse = dagster_ui
    page = browser.new_page(viewport={"width": 1800, "height": 1100})

    # the whole lineage, from the raw documents to the published warehouse
    page.goto(f"{url}/assets/warehouse/dealwire?view=lineage&lineageScope=upstream&lineageDepth=30",
              wait_until="networkidle", timeout=120_000)
    _dismiss_welcome(page)
    for name in LINEAGE_NODES:
        page.get_by_text(name, exact=True).first.wait_for(state="visible", timeout=60_000)
    page.screenshot(path=str(screenshots_dir / "dagster_lineage.png"))

    # "Materialize all" on the global graph: one run over every asset
    before = {run["runId"] for run in _runs(url)}
    page.goto(f"{url}/asset-groups", wait_until="networkidle", timeout=120_000)
    _dismiss_welcome(page)
    page.get_by_role("button", name="Materialize all").click()
    deadline = time.monotonic() + 60
    launched = []
    while not launched:
        assert time.monotonic() < deadline, "no run was launched by the button"
        launched = [run for run in _runs(url) if run["runId"] not in before and run["jobName"] == "__ASSET_JOB"]
        time.sleep(1)
    run_id = launched[0]["runId"]

    deadline = time.monotonic() + RUN_TIMEOUT_S
    while True:
        status = next(run["status"] for run in _runs(url) if run["runId"] == run_id)
        if status in ("SUCCESS", "FAILURE", "CANCELED"):
            break
        assert time.monotonic() < deadline, f"run {run_id} still {status} after {RUN_TIMEOUT_S} s"
        time.sleep(3)
    assert status == "SUCCESS", run_id

    # the run's page says so, and the warehouse holds the facts
    page.goto(f"{url}/runs/{run_id}", wait_until="networkidle", timeout=120_000)
    _dismiss_welcome(page)
    page.get_by_text("Success", exact=False).first.wait_for(state="visible", timeout=60_000)
    page.screenshot(path=str(screenshots_dir / "dagster_run.png"))
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        counts = [con.execute(f"select count(*) from marts.{t}").fetchone()[0]
                  for t in ("dim_documents", "fct_funding_rounds", "fct_contracts", "fct_customer_losses")]
    finally:
        con.close()
    assert counts[0] == len(list(SEEDS_DIR.glob("*.txt")))
    assert all(n > 0 for n in counts[1:]), counts

    # the asset page of the published warehouse shows the previews and the checks
    page.goto(f"{url}/assets/warehouse/dealwire", wait_until="networkidle", timeout=120_000)
    _dismiss_welcome(page)
    for label in ("largest_funding_rounds", "newest_contracts", "facts_with_conflicting_sources"):
        page.get_by_text(label).first.wait_for(state="visible", timeout=60_000)
    page.screenshot(path=str(screenshots_dir / "dagster_published_asset.png"), full_page=True)
    page.goto(f"{url}/assets/warehouse/dealwire?view=checks", wait_until="networkidle", timeout=120_000)
    for check in ("every_fact_has_evidence", "no_duplicate_events", "amount_usd_present",
                  "score_on_default_seeds"):
        page.get_by_text(check).first.wait_for(state="visible", timeout=60_000)
    page.screenshot(path=str(screenshots_dir / "dagster_checks.png"), full_page=True)
