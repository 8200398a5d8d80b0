"""Extraction of the pending documents: worker processes compute, one process writes.

The pending documents are listed once, then taken in waves of about
`WAVE_CHARS` characters of text. For each wave the writer lock is held
twice, briefly: once to read its texts, once to store what was extracted from
them. In between, without the lock, the documents are extracted in batches by
a pool of worker processes (both cores on this machine), and the workers
already extract the next wave while one is stored.

The documents are also split by the first hex digit of their content hash
into sixteen shards, which a partitioned Dagster run takes some of
(`shards`): partitions running at once on several processes or machines
then only queue for the short reads and writes.

Waves bound memory and the number of stores. The run process holds at most
two waves' texts and extracted rows (the one being stored, the next one
coming back from the workers), and those rows grow with the text, not with
the number of documents: a wave is measured in characters. Each store closes
the build database (so that partitions running at once can take turns), and
a close is a checkpoint, so waves are not made smaller than memory needs, and
ten new articles are stored once, not once per shard they fall in.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import polars as pl

from pipelines.config import Settings
from pipelines.warehouse.build import connect_build, writer_lock
from pipelines.warehouse.ids import id_table, rows_by_id
from pipelines.warehouse.stages import pending_documents, replace_rows, retract_orphans
from pipelines.workers import worker_count, worker_pool

STAGE = "extraction"
SHARDS = tuple("0123456789abcdef")
# Documents per task sent to a worker. A worker's memory grows with its batch (two workers at 100,000
# articles: about 340 MB with 500 documents, 260 with 250).
BATCH_DOCUMENTS = 250
# Characters of text read, extracted and stored together: about 1,250 articles of 4 KB, whose rows
# (sentences, mentions, facts) take about 50 MB in the run process; two waves are held at once. Halving
# the wave from 10 million characters lowered the run process's peak by about 50 MB, at no measurable cost.
WAVE_CHARS = 5_000_000
# Below this many pending documents, starting worker processes costs more than it saves.
PARALLEL_FROM_DOCUMENTS = 400


def shard_of(document_id: str) -> str:
    """'doc_' + hex digest: the first hex digit names the shard."""
    return document_id[4]


def extract_batch(documents: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """documents(document_id, text, published_at, title) -> the rows of the four extraction tables."""
    from pipelines.extract.pipeline import extract_all

    sentences, mentions, facts, investors = extract_all(documents)
    # a sentence's text is its document's, between its offsets (the view raw.sentence_texts)
    return {"raw.sentences": sentences.drop("text"), "raw.mentions": mentions, "raw.candidate_facts": facts,
            "raw.candidate_fact_investors": investors}


@dataclass
class ExtractionStats:
    documents: int = 0
    retracted: int = 0
    sentences: int = 0
    candidate_facts: int = 0
    facts_per_kind: dict[str, int] = field(default_factory=dict)
    workers: int = 1
    seconds: float = 0.0

    @property
    def documents_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


def _waves(pending: list[tuple[str, int]]) -> list[list[str]]:
    """Consecutive runs of documents of about WAVE_CHARS characters; a longer document is a wave alone."""
    waves: list[list[str]] = [[]]
    chars = 0
    for document_id, n_chars in pending:
        if waves[-1] and chars + n_chars > WAVE_CHARS:
            waves.append([])
            chars = 0
        waves[-1].append(document_id)
        chars += n_chars
    return [wave for wave in waves if wave]


def _batches(frame: pl.DataFrame) -> list[pl.DataFrame]:
    return [frame.slice(i, BATCH_DOCUMENTS) for i in range(0, frame.height, BATCH_DOCUMENTS)]


def _read_documents(settings: Settings, ids: list[str], log) -> pl.DataFrame:
    with writer_lock(settings.build_dir, log), connect_build(settings.build_db) as con:
        return rows_by_id(con, "raw.documents", "document_id, text, published_at, title", ids)


def _keep_documents(frames: dict[str, pl.DataFrame], ids: list[str]) -> dict[str, pl.DataFrame]:
    keep = pl.col("document_id").is_in(ids)
    # investors carry only their candidate_id, which begins with the document_id
    by_candidate = pl.col("candidate_id").str.split(":").list.first().is_in(ids)
    return {t: f.filter(keep if "document_id" in f.columns else by_candidate) for t, f in frames.items()}


def _store(settings: Settings, version: str, results: list[tuple[list[str], dict]], stats: ExtractionStats,
           log) -> None:
    """Store a wave's batches in one transaction. DuckDB's appends (and the checkpoints they trigger) cost
    memory beyond what they append: measured on a 100,000-article build database, a wave of 1,250 documents
    took about 170 MB beyond the process's baseline in one transaction and 200 MB in five (one per batch of
    250), and re-extracting every document took 225 s instead of about 260 (one run each)."""
    ids = [document_id for batch_ids, _ in results for document_id in batch_ids]
    frames = {table: pl.concat([batch[table] for _, batch in results], rechunk=False) for table in results[0][1]}
    with writer_lock(settings.build_dir, log), connect_build(settings.build_db) as con:
        # a document removed from the corpus while it was being extracted is not stored
        with id_table(con, "wave", ids):
            present = {r[0] for r in con.execute("select document_id from raw.documents "
                                                  "semi join wave using (document_id)").fetchall()}
        if len(present) < len(ids):
            ids = [i for i in ids if i in present]
            frames = _keep_documents(frames, ids)
        replace_rows(con, STAGE, version, ids, frames)
    stats.documents += len(ids)
    stats.sentences += frames["raw.sentences"].height
    facts = frames["raw.candidate_facts"]
    stats.candidate_facts += facts.height
    for kind, n in facts.group_by("fact_kind").len().iter_rows():
        stats.facts_per_kind[kind] = stats.facts_per_kind.get(kind, 0) + n


def run_extraction(settings: Settings, version: str, shards: Sequence[str] = SHARDS,
                   log: Callable[[str], None] | None = None,
                   progress: Callable[[int, int], None] | None = None) -> ExtractionStats:
    """Extract every pending document of `shards`; `progress(done, total)` is called after each wave."""
    started = time.monotonic()
    log = log or (lambda message: None)
    stats = ExtractionStats(workers=worker_count())
    with writer_lock(settings.build_dir, log), connect_build(settings.build_db) as con:
        stats.retracted = retract_orphans(con, STAGE)
        con.execute("delete from raw.stage_progress where stage <> ?", [STAGE])  # stages of older versions
        pending = pending_documents(con, STAGE, version, shards)
    total = len(pending)
    waves = _waves(pending)
    pool = worker_pool(stats.workers) if stats.workers > 1 and total >= PARALLEL_FROM_DOCUMENTS else None
    stats.workers = stats.workers if pool else 1

    def start(ids: list[str]):
        batches = _batches(_read_documents(settings, ids, log))
        if pool:
            return batches, [pool.submit(extract_batch, b) for b in batches]
        return batches, None

    if progress:
        progress(0, total)
    try:
        queued = None
        for wave in [*waves, None]:
            following = start(wave) if wave is not None else None
            if queued and queued[0]:
                batches, futures = queued
                outputs = [f.result() for f in futures] if futures else [extract_batch(b) for b in batches]
                _store(settings, version, [(b["document_id"].to_list(), out) for b, out in zip(batches, outputs)],
                       stats, log)
                if progress:
                    progress(stats.documents, total)
            queued = following
    finally:
        if pool:
            pool.shutdown(cancel_futures=True)
    stats.seconds = time.monotonic() - started
    return stats
