"""Sentences, mentions and candidate facts of the documents not yet extracted, in one step.

The three tables are computed together by worker processes (one per core) and
stored by this step alone; see pipelines/warehouse/extraction.py. The step can
also be partitioned by the first hex digit of the document hash
(`extraction_assets(SHARD_PARTITIONS)`), which is how the scale-out code
location (pipelines/scaleout.py) runs it.
"""

import dagster as dg

from pipelines import progress

from pipelines.defs.metadata import table_metadata
from pipelines.defs.resources import DealwireSettings
from pipelines.extract import EXTRACTOR_VERSION
from pipelines.warehouse.build import connect_build, writer_lock
from pipelines.warehouse.extraction import SHARDS, run_extraction

SHARD_PARTITIONS = dg.StaticPartitionsDefinition(list(SHARDS))

# Each table is computed from the previous one; all four come out of one step.
UPSTREAM = {"sentences": ["raw", "documents"], "mentions": ["raw", "sentences"],
            "candidate_facts": ["raw", "mentions"], "candidate_fact_investors": ["raw", "mentions"]}

EXTRACTION_SPECS = {
    "sentences": ("Sentences with their offsets in the cleaned text; `has_cue` marks the few worth analysing. "
                  "Their text is cut from the document's by the view `raw.sentence_texts`.",
                  # the ten sentences first, then their texts: through the view, every text is read (0.8 s)
                  "select s.document_id, s.sentence_index, s.has_cue, "
                  "substring(d.text, s.char_start + 1, s.char_end - s.char_start) as text "
                  "from (select * from raw.sentences where has_cue order by document_id, sentence_index limit 10) "
                  "as s join raw.documents as d using (document_id) order by s.document_id, s.sentence_index"),
    "mentions": ("Money, percentages, dates (normalised with Polars), organisations, people and anaphors.",
                 "select mention_type, count(*) as mentions from raw.mentions group by all order by mentions desc"),
    "candidate_facts": ("Facts as each sentence states them, with the evidence span; not yet deduplicated "
                        "across articles.",
                        "select fact_kind, subject_name, counterparty_name, amount, currency, event_date "
                        "from raw.candidate_facts order by candidate_id limit 15"),
    "candidate_fact_investors": ("Investors named for each candidate funding round.", None),
}


def _specs() -> list[dg.AssetSpec]:
    return [dg.AssetSpec(["raw", name], deps=[UPSTREAM[name]], group_name="extraction",
                         kinds={"python", "polars", "duckdb"}, description=description)
            for name, (description, _) in EXTRACTION_SPECS.items()]


def extraction_assets(partitions_def: dg.PartitionsDefinition | None = None) -> dg.AssetsDefinition:
    """The extraction step, whole or partitioned by document-hash shard."""

    @dg.multi_asset(name="raw_extraction" if partitions_def is None else "raw_extraction_by_shard",
                    specs=_specs(), partitions_def=partitions_def,
                    description="Cue patterns assign parties, amounts and dates; hypothetical and negated "
                                "statements are left out.")
    def raw_extraction(context: dg.AssetExecutionContext, dealwire: DealwireSettings):
        settings = dealwire.settings()
        shards = context.partition_keys if context.has_partition_key else SHARDS
        stats = run_extraction(settings, EXTRACTOR_VERSION, shards, log=context.log.info,
                               progress=lambda done, total: progress.report("extraction", done, total))
        context.log.info(f"extraction: {stats.documents} documents in {stats.seconds:.1f} s with {stats.workers} "
                         f"worker(s), {stats.retracted} retracted")
        run_stats = {
            "documents_extracted": stats.documents,
            "documents_retracted": stats.retracted,
            "workers": stats.workers,
            "seconds": round(stats.seconds, 2),
            "documents_per_second": round(stats.documents_per_second, 1),
            **{f"candidates_{kind}": n for kind, n in sorted(stats.facts_per_kind.items())},
        }
        with writer_lock(settings.build_dir, context.log.info), connect_build(settings.build_db) as con:
            for name, (_, preview) in EXTRACTION_SPECS.items():
                metadata = table_metadata(con, f"raw.{name}", preview)
                if name == "candidate_facts":
                    metadata.update(run_stats)
                yield dg.MaterializeResult(asset_key=["raw", name], metadata=metadata)

    return raw_extraction


@dg.definitions
def extraction_defs() -> dg.Definitions:
    return dg.Definitions(assets=[extraction_assets()])
