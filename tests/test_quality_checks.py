"""The Python asset checks on the published warehouse: they pass on a good build and catch a broken one."""

from __future__ import annotations

import shutil

import dagster as dg
import duckdb
import pytest

from tests.conftest import SEEDS_DIR
from tests.pipeline_runner import run_pipeline

PUBLISHED = dg.AssetKey(["warehouse", "dealwire"])


@pytest.fixture()
def default_seeds_run(workspace, monkeypatch):
    """The default corpus itself (read only), with a private warehouse."""
    _, warehouse = workspace
    monkeypatch.setenv("DEALWIRE_SOURCE_DIR", str(SEEDS_DIR))
    return warehouse, run_pipeline()


def _evaluations(result: dg.ExecuteInProcessResult) -> dict[str, dg.AssetCheckEvaluation]:
    return {e.check_name: e for e in result.get_asset_check_evaluations()}


def test_checks_pass_on_the_default_seeds_and_the_scorer_reports_per_kind(default_seeds_run):
    _, result = default_seeds_run
    evaluations = _evaluations(result)
    assert {"every_fact_has_evidence", "no_duplicate_events", "amount_usd_present",
            "score_on_default_seeds"} <= set(evaluations)
    assert all(e.passed for e in evaluations.values())
    score = evaluations["score_on_default_seeds"].metadata
    assert score["applicable"].value is True
    assert score["micro_f1"].value >= 0.95
    for kind in ("funding_round", "contract", "customer_loss"):
        assert 0 <= score[f"{kind}_precision"].value <= 1 and 0 <= score[f"{kind}_recall"].value <= 1


def test_rule_checks_catch_a_tampered_warehouse(default_seeds_run, tmp_path, monkeypatch):
    from pipelines.definitions import defs

    tampered = tmp_path / "tampered" / "dealwire.duckdb"
    tampered.parent.mkdir()
    shutil.copy(default_seeds_run[0], tampered)
    con = duckdb.connect(str(tampered))
    con.execute("delete from marts.fct_evidence where fact_id = (select min(contract_id) from marts.fct_contracts)")
    con.execute("update marts.fct_funding_rounds set amount_usd = null where amount is not null and currency is not null")
    con.execute("insert into marts.fct_contracts select * replace ('ct_duplicate' as contract_id) "
                "from marts.fct_contracts limit 1")
    con.close()
    monkeypatch.setenv("DEALWIRE_WAREHOUSE", str(tampered))
    result = dg.materialize(list(defs().asset_checks), selection=dg.AssetSelection.all_asset_checks(),
                            instance=dg.DagsterInstance.ephemeral(),
                            resources=defs().resources, raise_on_error=False)
    evaluations = _evaluations(result)
    for name in ("every_fact_has_evidence", "no_duplicate_events", "amount_usd_present"):
        assert not evaluations[name].passed, name
        assert evaluations[name].metadata["failing_rows"].value > 0
