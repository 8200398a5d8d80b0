"""Incremental dbt models give what a full refresh gives, after files are added, edited and removed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import dagster as dg
import duckdb

from pipelines.config import DBT_PROJECT_DIR
from pipelines.defs.transformation.assets import SMALL_BUILD_THREADS
from tests.conftest import SEEDS_DIR, copy_tree
from tests.pipeline_runner import run_pipeline

INCREMENTAL_MODELS = {"dim_documents": "marts", "int_candidate_facts_clustered": "intermediate",
                      "int_organization_key_misspellings": "intermediate",
                      "int_deal_events_deduplicated": "intermediate",
                      "int_candidate_facts_resolved": "intermediate", "fct_evidence": "marts"}


def _rows(db, table: str) -> list[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return sorted(map(repr, con.execute(f"select * from {INCREMENTAL_MODELS[table]}.{table}").fetchall()))
    finally:
        con.close()


def _misspellings(db, name_key: str) -> list[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("select misspelt_keys from intermediate.int_organization_key_misspellings "
                           "where name_key = ?", [name_key]).fetchone()[0]
    finally:
        con.close()


def _organization_names(db, name_key: str) -> list[str]:
    """The organisation name of every candidate whose company is written `name_key` in some case."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return [n for (n,) in con.execute("select subject_name from intermediate.int_candidate_facts_resolved "
                                          "where lower(subject_raw_name) = ? order by candidate_id",
                                          [name_key]).fetchall()]
    finally:
        con.close()


def _dbt_threads(warehouse) -> int:
    """How many nodes the last dbt build ran at a time, as dbt recorded it."""
    results = warehouse.parent / f".{warehouse.stem}.build" / "dbt_target" / "run_results.json"
    return json.loads(results.read_text(encoding="utf-8"))["args"]["threads"]


def _quotes_checked_in(warehouse) -> str:
    """Which documents the last build's evidence test read: the condition it ran with, as dbt wrote it."""
    run = warehouse.parent / f".{warehouse.stem}.build" / "dbt_target" / "run"
    (sql,) = run.rglob("evidence_quote_matches_text_fct_evidence_quote.sql")
    evidence = sql.read_text(encoding="utf-8").split("with evidence as (", 1)[1].split("\n),", 1)[0]
    return evidence.split(">= 0 and", 1)[1].strip()


def _changed_documents(warehouse) -> set[str]:
    """The documents noted as changed since dbt's last successful build."""
    con = duckdb.connect(str(warehouse.parent / f".{warehouse.stem}.build" / warehouse.name), read_only=True)
    try:
        return {d for (d,) in con.execute("select document_id from raw.changed_documents").fetchall()}
    finally:
        con.close()


def test_incremental_models_equal_a_full_refresh(workspace, tmp_path):
    source, warehouse = workspace
    copy_tree(SEEDS_DIR, source)
    (source / "extra.txt").write_text("Quantiq lève 12 millions d'euros auprès de Elaia.\n", encoding="utf-8")
    (source / "extra.meta.json").write_text(json.dumps({"title": "Quantiq", "published_at": "2025-01-02"}),
                                            encoding="utf-8")
    # names that are typos of one another, for the pairs kept between runs: a partner goes, another comes
    (source / "kestrel.txt").write_text("Kestrel Dynamics lève 5 millions d'euros auprès de Partech.\n",
                                        encoding="utf-8")
    (source / "kestrel gone.txt").write_text("Kestrel Dynamic a signé un contrat avec Airbus.\n", encoding="utf-8")
    (source / "orbital.txt").write_text("Orbital Robotics lève 8 millions d'euros auprès de Eurazeo.\n",
                                        encoding="utf-8")
    # a company written one way, until more articles write it another: its earlier candidate is renamed
    (source / "neuroflow.txt").write_text("Neuroflow lève 6 millions d'euros auprès de Partech.\n", encoding="utf-8")
    run_pipeline()
    assert _dbt_threads(warehouse) == 1  # a full refresh: one node at a time, every test on every row
    assert _quotes_checked_in(warehouse) == "true"
    assert _organization_names(warehouse, "neuroflow") == ["Neuroflow"]
    assert _misspellings(warehouse, "kestrel dynamics") == ["kestrel dynamic"]
    assert _misspellings(warehouse, "orbital robotics") == []

    # a new file, a removed file, a sidecar edited (same text, other metadata), the same text under a second
    # path, a second report of a known deal (its event gains a source)
    first_seed = sorted(source.glob("*.txt"))[0]
    (source / "more.txt").write_text("Quantiq a bouclé une levée de 12 millions d'euros auprès de Elaia en "
                                     "janvier 2025.\n", encoding="utf-8")
    (source / "new.txt").write_text("Orbital AI raised $40 million in a Series B led by Lightspeed.\n",
                                    encoding="utf-8")
    first_seed.unlink()
    (source / "extra.meta.json").write_text(json.dumps({"title": "Quantiq, again", "published_at": "2025-01-03"}),
                                            encoding="utf-8")
    shutil.copy(source / "new.txt", source / "copy of new.txt")
    (source / "kestrel gone.txt").unlink()
    (source / "orbital typo.txt").write_text("Orbital Robotiks a signé un contrat avec Thales.\n", encoding="utf-8")
    for n, customer in enumerate(("Airbus", "Renault")):
        (source / f"neuroflow {n}.txt").write_text(f"NeuroFlow a signé un contrat avec {customer}.\n",
                                                   encoding="utf-8")
    run_pipeline()
    # a few documents changed: several nodes at a time, and the tests that read the texts check those documents
    assert _dbt_threads(warehouse) == SMALL_BUILD_THREADS
    assert _quotes_checked_in(warehouse).startswith("list_contains(['doc_")
    assert _changed_documents(warehouse) == set()
    assert _organization_names(warehouse, "neuroflow") == ["NeuroFlow"] * 3
    assert _misspellings(warehouse, "kestrel dynamics") == []
    assert _misspellings(warehouse, "orbital robotics") == ["orbital robotiks"]

    build = warehouse.parent / f".{warehouse.stem}.build" / warehouse.name
    refreshed = tmp_path / "refresh" / warehouse.name
    refreshed.parent.mkdir()
    shutil.copy(build, refreshed)
    dbt = os.path.join(os.path.dirname(sys.executable), "dbt")
    subprocess.run([dbt, "run", "--full-refresh", "--select", *INCREMENTAL_MODELS, "--profiles-dir", ".",
                    "--project-dir", ".", "--target-path", str(tmp_path / "target"), "--log-path",
                    str(tmp_path / "logs"), "--quiet"],
                   cwd=DBT_PROJECT_DIR, env={**os.environ, "DEALWIRE_DBT_PATH": str(refreshed)}, check=True)
    for model in INCREMENTAL_MODELS:
        incremental = _rows(warehouse, model)
        assert incremental == _rows(refreshed, model), model
    # the two reports of Quantiq's round are one event
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        assert con.execute("select source_count from marts.fct_funding_rounds where company_name = 'Quantiq'"
                           ).fetchall() == [(2,)]
    finally:
        con.close()
    titles = {r for r in _rows(warehouse, "dim_documents") if "extra.txt" in r}
    assert len(titles) == 1 and "Quantiq, again" in titles.pop()
    assert not any(first_seed.name in r for r in _rows(warehouse, "dim_documents"))


def _materialised(result: dg.ExecuteInProcessResult) -> set[dg.AssetKey]:
    return {event.asset_key for event in result.get_asset_materialization_events()}


def test_runs_after_the_first_leave_the_reference_data_out_until_it_changes(workspace, tmp_path):
    from pipelines.warehouse.build_state import dbt_project_digest

    source, _ = workspace
    (source / "a.txt").write_text("Quantiq lève 12 millions d'euros auprès de Elaia.\n", encoding="utf-8")
    reference = {dg.AssetKey(["reference", "ref_fx_rates"]), dg.AssetKey(["reference", "ref_organization_aliases"])}
    first = _materialised(run_pipeline())
    assert reference <= first
    (source / "b.txt").write_text("Orbital AI raised $40 million in a Series B led by Lightspeed.\n",
                                  encoding="utf-8")
    second = _materialised(run_pipeline())
    assert not reference & second and dg.AssetKey(["marts", "fct_funding_rounds"]) in second
    # a change of a seed is a change of the project: the next run is a full refresh, reference data included
    project = tmp_path / "project"
    shutil.copytree(DBT_PROJECT_DIR, project, ignore=shutil.ignore_patterns("target", "logs"))
    before = dbt_project_digest(project)
    with open(project / "seeds" / "ref_fx_rates.csv", "a", encoding="utf-8") as handle:
        handle.write("EUR,1990,1.2,test\n")
    assert dbt_project_digest(project) != before


def test_documents_changed_before_a_failed_build_are_checked_by_the_next_one(workspace, monkeypatch):
    from pipelines.definitions import defs

    source, warehouse = workspace
    (source / "a.txt").write_text("Quantiq lève 12 millions d'euros auprès de Elaia.\n", encoding="utf-8")
    run_pipeline()
    assert _changed_documents(warehouse) == set()
    (source / "b.txt").write_text("Orbital AI raised $40 million in a Series B led by Lightspeed.\n",
                                  encoding="utf-8")
    monkeypatch.setenv("DEALWIRE_DBT_MEMORY_LIMIT", "1MB")  # dbt's build fails
    failed = defs().resolve_job_def("dealwire_job").execute_in_process(instance=dg.DagsterInstance.get(),
                                                                       raise_on_error=False)
    assert not failed.success
    (new,) = _changed_documents(warehouse)
    monkeypatch.delenv("DEALWIRE_DBT_MEMORY_LIMIT")
    run_pipeline()  # nothing new to read or extract: the notes of the failed run are what it checks
    assert _quotes_checked_in(warehouse) == f"list_contains(['{new}']::varchar[], document_id)"
    assert _changed_documents(warehouse) == set()
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        assert new in {d for (d,) in con.execute("select document_id from marts.fct_evidence").fetchall()}
    finally:
        con.close()
