"""The scale-out code location: the same assets, with extraction partitioned by document-hash shard.

Use it when one process per run is not enough: each of the sixteen shards
(first hex digit of the document hash) is a partition that any Dagster
executor can run on its own — the multiprocess executor here, the Celery or
Kubernetes executors on a cluster — while the warehouse keeps one writer at a
time (see pipelines/warehouse/extraction.py). Three jobs, run in order:

    dagster job execute -m pipelines.scaleout -j ingest_documents
    for shard in 0 1 2 3 4 5 6 7 8 9 a b c d e f; do      # in parallel, on as many hosts as you like
      dagster job execute -m pipelines.scaleout -j extract_shards --tags "{\"dagster/partition\": \"$shard\"}"
    done
    dagster job execute -m pipelines.scaleout -j build_warehouse

or, in the UI of this location, a backfill of `extract_shards` over all partitions.

The marts are the same as those of one `make run` on the same folder
(tests/test_scaleout.py checks it).
"""

import dagster as dg

from pipelines.defs.extraction.assets import SHARD_PARTITIONS, extraction_assets
from pipelines.defs.ingestion.assets import raw_documents
from pipelines.defs import resources as shared_resources
from pipelines.defs.transformation.assets import dbt_models_def, published_warehouse_def

EXTRACTION = extraction_assets(SHARD_PARTITIONS)

ingest_documents = dg.define_asset_job(
    "ingest_documents", selection=dg.AssetSelection.assets(raw_documents),
    description="Mirror the source folder into raw.documents.")
extract_shards = dg.define_asset_job(
    "extract_shards", selection=dg.AssetSelection.assets(EXTRACTION), partitions_def=SHARD_PARTITIONS,
    executor_def=dg.multiprocess_executor,
    description="Extract one shard of the documents (a partition per first hex digit of the document hash).")
build_warehouse = dg.define_asset_job(
    "build_warehouse", selection=dg.AssetSelection.assets(dbt_models_def(), published_warehouse_def()),
    description="dbt build over every shard's rows, then publish the warehouse.")


@dg.definitions
def defs() -> dg.Definitions:
    return dg.Definitions.merge(
        shared_resources.resources(),
        dg.Definitions(assets=[raw_documents, EXTRACTION, dbt_models_def(), published_warehouse_def()],
                       jobs=[ingest_documents, extract_shards, build_warehouse]),
    )


def extract_shards_job() -> dg.JobDefinition:
    """For `dg.reconstructable`: executors that start new processes rebuild the job from this function."""
    return defs().resolve_job_def("extract_shards")
