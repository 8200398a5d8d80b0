"""The code location loads, with one lineage from raw files to the published warehouse."""

from __future__ import annotations

import os

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


def _evaluate(cursor: str | None):
    context = dg.build_sensor_context(cursor=cursor)
    return source_folder_sensor(context), context.cursor


def test_sensor_requests_a_run_only_when_content_changes(workspace, tmp_path):
    source, _ = workspace
    (source / "a.txt").write_text("Acme lève 5 millions d'euros.", encoding="utf-8")
    first, cursor = _evaluate(None)
    assert isinstance(first, dg.RunRequest)
    result, cursor = _evaluate(cursor)
    assert isinstance(result, dg.SkipReason)
    (source / "a.txt").touch()  # a new modification time, the same content
    result, cursor = _evaluate(cursor)
    assert isinstance(result, dg.SkipReason) and "touched" in result.skip_message
    (source / "a.txt").write_text("Acme lève 6 millions d'euros.", encoding="utf-8")
    second, cursor = _evaluate(cursor)
    assert isinstance(second, dg.RunRequest) and second.run_key != first.run_key


def test_sensor_reads_no_file_while_no_stat_moved(workspace):
    """Content rewritten behind an unmoved size, mtime and inode goes unnoticed: proof nothing was read."""
    source, _ = workspace
    path = source / "a.txt"
    path.write_text("Acme lève 5 millions d'euros.", encoding="utf-8")
    _, cursor = _evaluate(None)
    info = path.stat()
    with open(path, "r+b") as handle:
        handle.write(b"Z")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    result, _ = _evaluate(cursor)
    assert isinstance(result, dg.SkipReason) and "no file" in result.skip_message


def test_fingerprint_changes_with_a_rename(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    before = folder_fingerprint(tmp_path)
    (tmp_path / "a.txt").rename(tmp_path / "b.txt")
    assert folder_fingerprint(tmp_path) != before
