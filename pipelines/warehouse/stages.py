"""Incremental bookkeeping shared by the extraction stages.

Each stage processes only documents it has not seen with the current
extractor version, replaces their rows in one transaction (a run killed
half-way leaves the previous rows or the new ones, never a mix), and retracts
the rows of documents that left the corpus.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import duckdb
import polars as pl

from pipelines.warehouse.build_state import add_changed_documents
from pipelines.warehouse.ids import id_table

STAGE_TABLES = {
    "extraction": ("raw.sentences", "raw.mentions", "raw.candidate_facts", "raw.candidate_fact_investors"),
}


def pending_documents(con: duckdb.DuckDBPyConnection, stage: str, version: str,
                      shards: Sequence[str] | str | None = None) -> list[tuple[str, int]]:
    """(document_id, n_chars) of the documents the stage has not processed with this version, in id order;
    `shards`: first hex digits to keep."""
    return con.execute(
        """
        select d.document_id, d.n_chars
        from raw.documents d
        left join raw.stage_progress p
          on p.stage = ? and p.document_id = d.document_id and p.extractor_version = ?
        where p.document_id is null
          and (?::varchar[] is null or substr(d.document_id, 5, 1) in (select unnest(?::varchar[])))
        order by d.document_id
        """,
        [stage, version, None if shards is None else list(shards), None if shards is None else list(shards)],
    ).fetchall()


def _delete_for_documents(con: duckdb.DuckDBPyConnection, table: str) -> None:
    """Delete the table's rows of the documents in `doc_ids`."""
    if table == "raw.candidate_fact_investors":
        con.execute(
            "delete from raw.candidate_fact_investors where candidate_id in "
            "(select candidate_id from raw.candidate_facts where document_id in (select document_id from doc_ids))"
        )
    else:
        con.execute(f"delete from {table} where document_id in (select document_id from doc_ids)")


def replace_rows(
    con: duckdb.DuckDBPyConnection,
    stage: str,
    version: str,
    document_ids: Sequence[str],
    frames: Mapping[str, pl.DataFrame],
) -> None:
    """Swap the stage's rows for `document_ids` with `frames` and mark them done, atomically."""
    with id_table(con, "doc_ids", document_ids):
        con.execute("begin transaction")
        try:
            # children first: investors are found through their candidate facts
            for table in reversed(STAGE_TABLES[stage]):
                _delete_for_documents(con, table)
            for table in STAGE_TABLES[stage]:
                frame = frames.get(table)
                if frame is not None and frame.height:
                    con.register("stage_frame", frame)
                    cols = ", ".join(frame.columns)
                    con.execute(f"insert into {table} ({cols}) select {cols} from stage_frame")
                    con.unregister("stage_frame")
            con.execute("delete from raw.stage_progress where stage = ? and document_id in "
                        "(select document_id from doc_ids)", [stage])
            con.execute("insert into raw.stage_progress select ?, document_id, ? from doc_ids", [stage, version])
            add_changed_documents(con, "select document_id from doc_ids")
            con.execute("commit")
        except BaseException:
            con.execute("rollback")
            raise


def retract_orphans(con: duckdb.DuckDBPyConnection, stage: str) -> int:
    """Remove the stage's rows whose document is gone; return how many documents were retracted."""
    gone = con.execute(
        "select count(*) from raw.stage_progress where stage = ? and document_id not in (select document_id from raw.documents)",
        [stage],
    ).fetchone()[0]
    if not gone:
        return 0
    con.execute("begin transaction")
    try:
        add_changed_documents(con, "select document_id from raw.stage_progress where stage = ? and document_id "
                                   "not in (select document_id from raw.documents)", [stage])
        for table in reversed(STAGE_TABLES[stage]):
            if table == "raw.candidate_fact_investors":
                con.execute(
                    "delete from raw.candidate_fact_investors where candidate_id in (select candidate_id from "
                    "raw.candidate_facts where document_id not in (select document_id from raw.documents))"
                )
            else:
                con.execute(f"delete from {table} where document_id not in (select document_id from raw.documents)")
        con.execute(
            "delete from raw.stage_progress where stage = ? and document_id not in (select document_id from raw.documents)",
            [stage],
        )
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return gone
