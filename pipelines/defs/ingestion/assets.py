"""Raw documents: every file of the source folder becomes a document or a rejected input."""


import datetime as dt

import dagster as dg

from pipelines.defs.metadata import table_metadata
from pipelines.defs.resources import DealwireSettings
from pipelines.extract import EXTRACTOR_VERSION
from pipelines.warehouse.build import connect_build, writer_lock
from pipelines.warehouse.documents_store import sync_documents
from pipelines.workers import LazyPool



@dg.multi_asset(
    specs=[
        dg.AssetSpec(["raw", "documents"], group_name="ingestion", kinds={"python", "duckdb"},
                     description="One row per distinct cleaned text found under the source folder: decoded, "
                                 "stripped of markup and page furniture, with its sidecar metadata."),
        dg.AssetSpec(["raw", "document_paths"], group_name="ingestion", kinds={"duckdb"},
                     description="Every file that became a document, with the document it holds."),
        dg.AssetSpec(["raw", "rejected_inputs"], group_name="ingestion", kinds={"duckdb"},
                     description="Every file that could not be read as an article, with the reason."),
    ],
)
def raw_documents(context: dg.AssetExecutionContext, dealwire: DealwireSettings):
    """Mirror the source folder: new files are added, edited ones replaced, deleted ones retracted."""
    settings = dealwire.settings()
    with (writer_lock(settings.build_dir, context.log.info), connect_build(settings.build_db) as con,
          LazyPool() as workers):
        stats = sync_documents(con, settings.source_dir, settings.max_file_bytes, EXTRACTOR_VERSION,
                               dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0), workers.map)
        context.log.info(f"{stats}; files read by {workers.workers if workers.started else 1} process(es)")
        yield dg.MaterializeResult(
            asset_key=["raw", "documents"],
            metadata={**table_metadata(con, "raw.documents",
                                       "select document_id, source_path, title, language, n_chars from raw.documents "
                                       "order by source_path limit 10"),
                      "files_seen": stats.files, "files_unchanged_not_read": stats.files_unchanged,
                      "documents_added": stats.added, "documents_removed": stats.removed,
                      "rejected_inputs": stats.rejected,
                      "source_dir": str(settings.source_dir)},
        )
        yield dg.MaterializeResult(asset_key=["raw", "document_paths"],
                                   metadata=table_metadata(con, "raw.document_paths"))
        yield dg.MaterializeResult(
            asset_key=["raw", "rejected_inputs"],
            metadata=table_metadata(con, "raw.rejected_inputs",
                                    "select source_path, reason from raw.rejected_inputs order by source_path limit 20"),
        )
