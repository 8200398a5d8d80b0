"""Re-ingestion that means it: new files add facts, edited files replace them, deleted files retract them."""

from __future__ import annotations

import shutil

import dagster as dg
import duckdb

from tests.pipeline_runner import run_pipeline

FIRST = "Quantiq lève 12 millions d'euros auprès de Elaia.\n"
SECOND = "Orbital AI raised $40 million in a Series B led by Lightspeed.\n"


def _rounds(warehouse) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute("select company_name, amount, source_count from marts.fct_funding_rounds "
                           "order by company_name").fetchall()
    finally:
        con.close()


def test_add_edit_delete_and_duplicate_files(workspace):
    source, warehouse = workspace
    (source / "one.txt").write_text(FIRST, encoding="utf-8")
    run_pipeline()
    assert _rounds(warehouse) == [("Quantiq", 12e6, 1)]

    (source / "two.txt").write_text(SECOND, encoding="utf-8")
    (source / "copy of one.txt").write_text(FIRST, encoding="utf-8")  # same text: one document, two paths
    run_pipeline()
    assert _rounds(warehouse) == [("Orbital AI", 40e6, 1), ("Quantiq", 12e6, 1)]
    con = duckdb.connect(str(warehouse), read_only=True)
    assert con.execute("select count(*) from marts.dim_documents").fetchone()[0] == 2
    con.close()

    (source / "one.txt").write_text(FIRST.replace("12", "15"), encoding="utf-8")
    (source / "copy of one.txt").unlink()
    run_pipeline()
    assert _rounds(warehouse) == [("Orbital AI", 40e6, 1), ("Quantiq", 15e6, 1)]

    (source / "two.txt").unlink()
    run_pipeline()
    assert _rounds(warehouse) == [("Quantiq", 15e6, 1)]


def test_unchanged_folder_is_not_extracted_again(workspace):
    source, warehouse = workspace
    (source / "one.txt").write_text(FIRST, encoding="utf-8")
    run_pipeline()
    build = warehouse.parent / f".{warehouse.stem}.build" / warehouse.name
    con = duckdb.connect(str(build), read_only=True)
    before = con.execute("select * from raw.candidate_facts order by candidate_id").fetchall()
    ingested = con.execute("select ingested_at from raw.documents").fetchall()
    con.close()
    run_pipeline()
    con = duckdb.connect(str(build), read_only=True)
    assert con.execute("select * from raw.candidate_facts order by candidate_id").fetchall() == before
    assert con.execute("select ingested_at from raw.documents").fetchall() == ingested
    con.close()


def test_a_document_extracted_again_keeps_one_row_per_sentence_and_mention(workspace):
    """raw.sentences and raw.mentions have no index: replacing a document's rows whole keeps them unique."""
    source, warehouse = workspace
    (source / "one.txt").write_text(FIRST + SECOND, encoding="utf-8")
    run_pipeline()
    build = warehouse.parent / f".{warehouse.stem}.build" / warehouse.name

    def counts():
        con = duckdb.connect(str(build), read_only=True)
        try:
            return con.execute("""
                select (select count(*) from raw.sentences),
                       (select count(distinct (document_id, sentence_index)) from raw.sentences),
                       (select count(*) from raw.mentions),
                       (select count(distinct (document_id, sentence_index, mention_index)) from raw.mentions)
            """).fetchone()
        finally:
            con.close()

    first = counts()
    assert first[0] >= 2 and first[2] >= 4
    # new metadata for the same text: the document is extracted again (its dates depend on it)
    (source / "one.meta.json").write_text('{"published_at": "2025-02-03"}', encoding="utf-8")
    run_pipeline()
    again = counts()
    assert again == first
    assert again[0] == again[1] and again[2] == again[3]


def test_outputs_whose_step_failed_after_publication_are_made_by_the_next_run(workspace):
    """The report and the Parquet export are made from the published copy: when their step fails after a
    publication, the next run makes them even though the folder has not changed since."""
    from pipelines.definitions import defs

    source, warehouse = workspace
    (source / "one.txt").write_text(FIRST, encoding="utf-8")
    run_pipeline()
    report, parquet = warehouse.parent / "evidence_report.html", warehouse.parent / "parquet"
    assert report.is_file() and parquet.is_symlink()

    # a folder where each output goes: both steps fail, after the warehouse is published
    (source / "two.txt").write_text(SECOND, encoding="utf-8")
    report.unlink()
    parquet.unlink()
    for blocked in (report, parquet):
        blocked.mkdir()
        (blocked / "mine.txt").write_text("not an output\n", encoding="utf-8")
    result = defs().resolve_job_def("dealwire_job").execute_in_process(instance=dg.DagsterInstance.get(),
                                                                     raise_on_error=False)
    assert not result.success
    assert _rounds(warehouse) == [("Orbital AI", 40e6, 1), ("Quantiq", 12e6, 1)]

    shutil.rmtree(report)
    shutil.rmtree(parquet)
    run_pipeline()  # the folder is as the failed run left it
    assert "Orbital AI" in report.read_text(encoding="utf-8")
    con = duckdb.connect()
    try:
        names = con.execute("select company_name from read_parquet(?, hive_partitioning = true) order by 1",
                            [str(parquet / "fct_funding_rounds" / "**" / "*.parquet")]).fetchall()
    finally:
        con.close()
    assert names == [("Orbital AI",), ("Quantiq",)]

    # once both are made, an unchanged folder is skipped again
    result = run_pipeline()
    assert not [e for e in result.all_events if e.event_type_value == "ASSET_MATERIALIZATION"
                and e.asset_key == dg.AssetKey(["warehouse", "evidence_report"])]
