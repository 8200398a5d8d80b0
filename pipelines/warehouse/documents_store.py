"""Mirror the source folder into raw.documents, raw.document_paths and raw.rejected_inputs.

Files are streamed in batches into temporary tables and merged in SQL, so the
corpus is never held in memory. A document is keyed by the hash of its cleaned
text: the same text under two paths is one document, an edited file is a new
document (its old facts are retracted), a deleted file's document disappears.
Timestamps of what was already known are kept, so an unchanged folder leaves
every table as it was.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from pipelines.ingest import DocumentText, Rejection, Unchanged, discover
from pipelines.ingest.discovery import MapReads
from pipelines.warehouse.build_state import add_changed_documents
from pipelines.warehouse.ids import id_table

BATCH_FILES = 2000

_DOC_SCHEMA = {
    "document_id": pl.Utf8, "content_sha256": pl.Utf8, "source_path": pl.Utf8, "title": pl.Utf8,
    "language": pl.Utf8, "published_at": pl.Date, "url": pl.Utf8, "source": pl.Utf8,
    "n_chars": pl.Int32, "text": pl.Utf8, "metadata_json": pl.Utf8,
}
_PATH_SCHEMA = {"source_path": pl.Utf8, "document_id": pl.Utf8, "file_sha256": pl.Utf8, "size_bytes": pl.Int64,
                "stat_key": pl.Utf8}
_REJECT_SCHEMA = {"source_path": pl.Utf8, "reason": pl.Utf8, "file_sha256": pl.Utf8, "stat_key": pl.Utf8}


@dataclass(frozen=True)
class SyncStats:
    files: int
    files_unchanged: int
    documents: int
    rejected: int
    added: int
    removed: int
    changed_metadata: int


def document_id_for(content_sha256: str) -> str:
    return f"doc_{content_sha256[:16]}"


def _metadata_json(doc: DocumentText) -> str:
    return json.dumps(
        [doc.title, doc.language, doc.published_at.isoformat() if doc.published_at else None, doc.url, doc.source]
    )


def _flush(con: duckdb.DuckDBPyConnection, docs: list[dict], paths: list[dict], rejects: list[dict]) -> None:
    for name, rows, schema in (
        ("incoming_documents", docs, _DOC_SCHEMA),
        ("incoming_paths", paths, _PATH_SCHEMA),
        ("incoming_rejects", rejects, _REJECT_SCHEMA),
    ):
        if rows:
            frame = pl.DataFrame(rows, schema=schema)
            con.register("batch_frame", frame)
            con.execute(f"insert into {name} select * from batch_frame")
            con.unregister("batch_frame")
        rows.clear()


def sync_documents(
    con: duckdb.DuckDBPyConnection, source_dir: Path, max_bytes: int, extractor_version: str, now: dt.datetime,
    map_reads: MapReads | None = None,
) -> SyncStats:
    """Mirror `source_dir` into the raw tables; `map_reads` (see `discover`) may read the files in worker
    processes while this process stores them."""
    if not source_dir.is_dir():
        raise FileNotFoundError(
            f"source folder {source_dir} does not exist; set DEALWIRE_SOURCE_DIR to the folder of articles"
        )
    con.execute("create or replace temp table incoming_documents (document_id varchar, content_sha256 varchar, "
                "source_path varchar, title varchar, language varchar, published_at date, url varchar, "
                "source varchar, n_chars integer, text varchar, metadata_json varchar)")
    con.execute("create or replace temp table incoming_paths (source_path varchar, document_id varchar, "
                "file_sha256 varchar, size_bytes bigint, stat_key varchar)")
    con.execute("create or replace temp table incoming_rejects (source_path varchar, reason varchar, "
                "file_sha256 varchar, stat_key varchar)")
    con.execute("create or replace temp table unchanged_paths (source_path varchar)")
    docs: list[dict] = []
    paths: list[dict] = []
    rejects: list[dict] = []
    unchanged: list[str] = []
    files = 0
    for source_file, outcome in discover(source_dir, max_bytes, _previous(con), map_reads):
        files += 1
        if isinstance(outcome, Unchanged):
            unchanged.append(source_file.path)
        elif isinstance(outcome, Rejection):
            rejects.append({"source_path": source_file.path, "reason": outcome.reason,
                            "file_sha256": source_file.file_sha256, "stat_key": source_file.stat_key})
        else:
            doc_id = document_id_for(outcome.content_sha256)
            docs.append({
                "document_id": doc_id, "content_sha256": outcome.content_sha256, "source_path": source_file.path,
                "title": outcome.title, "language": outcome.language, "published_at": outcome.published_at,
                "url": outcome.url, "source": outcome.source, "n_chars": len(outcome.text), "text": outcome.text,
                "metadata_json": _metadata_json(outcome),
            })
            paths.append({"source_path": source_file.path, "document_id": doc_id,
                          "file_sha256": source_file.file_sha256, "size_bytes": source_file.size_bytes,
                          "stat_key": source_file.stat_key})
        if len(docs) + len(rejects) >= BATCH_FILES:
            _flush(con, docs, paths, rejects)
    _flush(con, docs, paths, rejects)
    _carry_over(con, unchanged)
    return _merge(con, files, len(unchanged), extractor_version, now)


def _previous(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, bool]]:
    """What the last run recorded of each file: its stat key, and whether it was rejected."""
    rows = con.execute("""
        select source_path, stat_key, false from raw.document_paths where stat_key is not null
        union all
        select source_path, stat_key, true from raw.rejected_inputs where stat_key is not null
    """).fetchall()
    return {path: (key, rejected) for path, key, rejected in rows}


def _carry_over(con: duckdb.DuckDBPyConnection, unchanged: list[str]) -> None:
    """Record the unchanged paths, and stage the stored rows of those that share a document with a path that
    moved (added, edited, removed): that document's name and metadata are decided again below. The rows of
    every other unchanged file stay where they are: a run over a large folder where little changed touches
    little of the tables."""
    if unchanged:
        con.register("unchanged_frame", pl.DataFrame({"source_path": unchanged}, schema={"source_path": pl.Utf8}))
        con.execute("insert into unchanged_paths select source_path from unchanged_frame")
        con.unregister("unchanged_frame")
    # the documents of the paths that were read again or are gone, and those of what was read
    con.execute("""
        create or replace temp table affected_documents as
        select document_id from raw.document_paths
        where source_path not in (select source_path from unchanged_paths)
        union
        select document_id from incoming_documents
    """)
    con.execute("""
        insert into incoming_paths
        select p.source_path, p.document_id, p.file_sha256, p.size_bytes, p.stat_key
        from raw.document_paths p join unchanged_paths u using (source_path)
        where p.document_id in (select document_id from affected_documents)
    """)
    # without the text: the document is stored already
    con.execute("""
        insert into incoming_documents
        select d.document_id, d.content_sha256, p.source_path, d.title, d.language, d.published_at, d.url,
               d.source, d.n_chars, null, null
        from raw.document_paths p join unchanged_paths u using (source_path) join raw.documents d using (document_id)
        where p.document_id in (select document_id from affected_documents)
    """)


def _merge(con: duckdb.DuckDBPyConnection, files: int, files_unchanged: int, extractor_version: str,
           now: dt.datetime) -> SyncStats:
    """Apply what moved; the rows of unchanged files that share no document with a moved one are not touched."""
    con.execute("begin transaction")
    try:
        # one row per distinct text among the affected documents: the first path in sort order names it
        con.execute("""
            create or replace temp table incoming_unique as
            select * exclude (rn) from (
                select *, row_number() over (partition by document_id order by source_path) as rn
                from incoming_documents
            ) where rn = 1
        """)
        # gone: an affected document no path holds any more (or one no path held at all)
        con.execute("""
            create or replace temp table removed_documents as
            select document_id from raw.documents
            where document_id not in (select document_id from incoming_unique)
              and (document_id in (select document_id from affected_documents)
                   or document_id not in (select document_id from raw.document_paths))
        """)
        removed = con.execute("select count(*) from removed_documents").fetchone()[0]
        if removed:
            con.execute("delete from raw.documents where document_id in (select document_id from removed_documents)")
        # same text, other title, date or source: refresh it and extract it again (dates depend on it)
        changed = con.execute("""
            select i.document_id from incoming_unique i join raw.documents d using (document_id)
            where i.source_path <> d.source_path
               or i.title is distinct from d.title or i.language is distinct from d.language
               or i.published_at is distinct from d.published_at or i.url is distinct from d.url
               or i.source is distinct from d.source
        """).fetchall()
        changed_ids = [r[0] for r in changed]
        with id_table(con, "changed_ids", changed_ids):
            if changed_ids:
                con.execute("""
                    update raw.documents d set source_path = i.source_path, title = i.title, language = i.language,
                        published_at = i.published_at, url = i.url, source = i.source
                    from incoming_unique i where d.document_id = i.document_id
                      and d.document_id in (select document_id from changed_ids)
                """)
                con.execute("delete from raw.stage_progress where document_id in (select document_id from changed_ids)")
            # what dbt's next build checks again: the new texts, and the documents whose rows moved or went
            add_changed_documents(con, """
                select document_id from incoming_unique where document_id not in (select document_id from raw.documents)
                union all select document_id from removed_documents
                union all select document_id from changed_ids""")
        added = con.execute("""
            insert into raw.documents
            select document_id, content_sha256, source_path, title, language, published_at, url, source,
                   n_chars, text, ?, ?
            from incoming_unique where document_id not in (select document_id from raw.documents)
        """, [now, extractor_version]).fetchone()[0]
        # paths: those gone or read again are replaced by what was staged (read, or carried over)
        con.execute("""
            delete from raw.document_paths
            where source_path not in (select source_path from unchanged_paths)
               or source_path in (select source_path from incoming_paths)
        """)
        con.execute("insert into raw.document_paths select * from incoming_paths")
        # rejections of unchanged files stay as they are; a file rejected again keeps its first detection time
        # when neither its reason nor its bytes changed
        con.execute("""
            create or replace temp table merged_rejects as
            select i.source_path, i.reason, i.file_sha256, coalesce(r.detected_at, ?::timestamp) as detected_at,
                   i.stat_key
            from incoming_rejects i
            left join raw.rejected_inputs r
              on r.source_path = i.source_path and r.reason = i.reason
             and r.file_sha256 is not distinct from i.file_sha256
        """, [now])
        con.execute("delete from raw.rejected_inputs where source_path not in (select source_path from unchanged_paths)")
        con.execute("insert into raw.rejected_inputs select * from merged_rejects")
        documents = con.execute("select count(*) from raw.documents").fetchone()[0]
        rejected = con.execute("select count(*) from raw.rejected_inputs").fetchone()[0]
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return SyncStats(files=files, files_unchanged=files_unchanged, documents=documents, rejected=rejected, added=added or 0,
                     removed=removed, changed_metadata=len(changed_ids))
