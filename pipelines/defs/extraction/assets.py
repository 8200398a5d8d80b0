"""Sentences -> mentions -> candidate facts, computed only for documents not yet extracted."""


import dagster as dg
import polars as pl

from pipelines.defs.metadata import table_metadata
from pipelines.defs.resources import DealwireSettings
from pipelines.extract import EXTRACTOR_VERSION
from pipelines.extract.pipeline import candidate_frames, mentions_frame, sentences_frame
from pipelines.warehouse.build import connect_build, writer_lock
from pipelines.warehouse.stages import pending_documents, replace_rows, retract_orphans

# Documents per transaction: bounds memory, and a killed run keeps the batches it finished.
BATCH_DOCUMENTS = 1000


def _batches(ids: list[str]):
    for i in range(0, len(ids), BATCH_DOCUMENTS):
        yield ids[i:i + BATCH_DOCUMENTS]


def _run_stage(context, dealwire: DealwireSettings, stage: str, compute, describe) -> dict:
    """Process the stage's pending documents in batches, then describe the result, all under the writer lock."""
    settings = dealwire.settings()
    with writer_lock(settings.build_dir, context.log.info), connect_build(settings.build_db) as con:
        retracted = retract_orphans(con, stage)
        pending = pending_documents(con, stage, EXTRACTOR_VERSION)
        for batch in _batches(pending):
            ids = pl.DataFrame({"document_id": batch})
            con.register("batch_ids", ids)
            frames = compute(con)
            con.unregister("batch_ids")
            replace_rows(con, stage, EXTRACTOR_VERSION, batch, frames)
        context.log.info(f"{stage}: {len(pending)} documents processed, {retracted} retracted")
        return {**describe(con), "documents_processed": len(pending), "documents_retracted": retracted}


@dg.asset(key=["raw", "sentences"], deps=[["raw", "documents"]], group_name="extraction",
          kinds={"python", "duckdb"})
def raw_sentences(context: dg.AssetExecutionContext, dealwire: DealwireSettings) -> dg.MaterializeResult:
    """Sentences with their offsets in the cleaned text; `has_cue` marks the few worth analysing."""
    def compute(con):
        docs = con.sql("select document_id, text from raw.documents where document_id in "
                           "(select document_id from batch_ids)").pl()
        return {"raw.sentences": sentences_frame(docs)}

    def describe(con):
        return table_metadata(con, "raw.sentences", "select document_id, sentence_index, has_cue, text "
                              "from raw.sentences where has_cue order by document_id, sentence_index limit 10")

    return dg.MaterializeResult(metadata=_run_stage(context, dealwire, "sentences", compute, describe))


@dg.asset(key=["raw", "mentions"], deps=[["raw", "sentences"]], group_name="extraction",
          kinds={"python", "polars", "duckdb"})
def raw_mentions(context: dg.AssetExecutionContext, dealwire: DealwireSettings) -> dg.MaterializeResult:
    """Money, percentages, dates (normalised with Polars), organisations, people and anaphors."""
    def compute(con):
        docs = con.sql("select document_id, published_at from raw.documents where document_id in "
                           "(select document_id from batch_ids)").pl()
        sents = con.sql("select * from raw.sentences where document_id in (select document_id from batch_ids)").pl()
        return {"raw.mentions": mentions_frame(docs, sents)}

    def describe(con):
        return table_metadata(con, "raw.mentions", "select mention_type, count(*) as mentions from raw.mentions "
                              "group by all order by mentions desc")

    return dg.MaterializeResult(metadata=_run_stage(context, dealwire, "mentions", compute, describe))


@dg.multi_asset(
    specs=[
        dg.AssetSpec(["raw", "candidate_facts"], deps=[["raw", "mentions"]], group_name="extraction",
                     kinds={"python", "duckdb"},
                     description="Facts as each sentence states them, with the evidence span; not yet "
                                 "deduplicated across articles."),
        dg.AssetSpec(["raw", "candidate_fact_investors"], deps=[["raw", "mentions"]], group_name="extraction",
                     kinds={"duckdb"}, description="Investors named for each candidate funding round."),
    ],
)
def raw_candidate_facts(context: dg.AssetExecutionContext, dealwire: DealwireSettings):
    """Cue patterns assign parties, amounts and dates; hypothetical and negated statements are left out."""
    def compute(con):
        sents = con.sql("select * from raw.sentences where document_id in (select document_id from batch_ids)").pl()
        ments = con.sql("select * from raw.mentions where document_id in (select document_id from batch_ids)").pl()
        facts, investors = candidate_frames(sents, ments)
        return {"raw.candidate_facts": facts, "raw.candidate_fact_investors": investors}

    def describe(con):
        return {
            "facts": table_metadata(con, "raw.candidate_facts",
                                    "select fact_kind, subject_name, counterparty_name, amount, currency, "
                                    "event_date from raw.candidate_facts order by candidate_id limit 15"),
            "investors": table_metadata(con, "raw.candidate_fact_investors"),
        }

    info = _run_stage(context, dealwire, "candidate_facts", compute, describe)
    counts = {k: v for k, v in info.items() if k.startswith("documents_")}
    yield dg.MaterializeResult(asset_key=["raw", "candidate_facts"], metadata={**info["facts"], **counts})
    yield dg.MaterializeResult(asset_key=["raw", "candidate_fact_investors"], metadata=info["investors"])
