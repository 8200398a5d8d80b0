"""The code location loads, with one lineage from raw files to the published warehouse."""

from __future__ import annotations

import dagster as dg

from pipelines.definitions import defs
from pipelines.defs.automation.jobs import folder_fingerprint, source_folder_sensor


def test_all_definitions_load_with_job_schedule_and_sensor():
    definitions = defs()
    assert definitions.resolve_job_def("dealwire_job") is not None
    assert definitions.resolve_schedule_def("daily_reingestion").cron_schedule == "0 6 * * *"
    assert definitions.resolve_sensor_def("source_folder_sensor") is not None


def test_lineage_runs_from_raw_documents_to_the_published_warehouse():
    graph = defs().resolve_asset_graph()
    published = dg.AssetKey(["warehouse", "dealwire"])
    upstream = graph.get(published).parent_keys
    ancestors = set()
    frontier = set(upstream)
    while frontier:
        key = frontier.pop()
        if key in ancestors:
            continue
        ancestors.add(key)
        frontier |= set(graph.get(key).parent_keys)
    for key in (["raw", "documents"], ["raw", "sentences"], ["raw", "mentions"], ["raw", "candidate_facts"],
                ["marts", "fct_funding_rounds"], ["marts", "fct_contracts"], ["marts", "fct_customer_losses"],
                ["marts", "fct_evidence"]):
        assert dg.AssetKey(key) in ancestors, key


def test_dbt_tests_are_asset_checks():
    checks = {key.name for key in defs().resolve_asset_graph().asset_check_keys}
    assert any(name.startswith("unique_fct_funding_rounds") for name in checks)


def test_sensor_requests_a_run_only_when_content_changes(workspace, tmp_path):
    source, _ = workspace
    (source / "a.txt").write_text("Acme lève 5 millions d'euros.", encoding="utf-8")
    context = dg.build_sensor_context()
    first = source_folder_sensor(context)
    assert isinstance(first, dg.RunRequest)
    context = dg.build_sensor_context(cursor=first.run_key)
    assert isinstance(source_folder_sensor(context), dg.SkipReason)
    (source / "a.txt").touch()  # a new modification time, the same content
    assert isinstance(source_folder_sensor(dg.build_sensor_context(cursor=first.run_key)), dg.SkipReason)
    (source / "a.txt").write_text("Acme lève 6 millions d'euros.", encoding="utf-8")
    second = source_folder_sensor(dg.build_sensor_context(cursor=first.run_key))
    assert isinstance(second, dg.RunRequest) and second.run_key != first.run_key


def test_fingerprint_changes_with_a_rename(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    before = folder_fingerprint(tmp_path)
    (tmp_path / "a.txt").rename(tmp_path / "b.txt")
    assert folder_fingerprint(tmp_path) != before
