"""The three extraction stages as functions over Polars frames: sentences, mentions, candidate facts.

Each takes the rows of a batch of documents and returns the rows to store;
the Dagster assets only move these frames in and out of the build database.
"""

from __future__ import annotations


import re
from collections import defaultdict

import polars as pl

from pipelines.extract.abstract import Mention
from pipelines.extract.facts import DocumentFacts, SentenceView
from pipelines.extract.mentions import SentenceIn, find_document_mentions, normalise_values, scan_values
from pipelines.extract.mentions import window as window_of
from pipelines.extract.sentences import split_sentences

# A cheap first pass: only sentences with one of these stems are analysed for facts.
CUE_PREFILTER = re.compile(
    r"(?i)\b(?:l[eè]v|rais|invest|capital|particip|stake|tour(?:s)? de table|s[ée]ries?\s|seed|amorçage|round|"
    r"fund|financ|back|led |pump|inject|pay|verser|débours|contrat|contract|sign|ink|remport|décroch|attribu|"
    r"award|client|customer|partenaire|partner|choisi|chose|select|retenu|programme|program|fourni|suppl|"
    r"commande|order|tap|hire|fait appel|fin à|cess|romp|ponts|dos|détourn|abandon|quitt|résili|renouvel|"
    r"sépar|remplac|replac|drop|ditch|end|terminat|ties|cancel|scrap|stop|wound|wind|phas|away|switch|pull|"
    r"walked|perd|lost|lose|même|did the same|followed suit|emboît|valoris|valu|enveloppe|notifi|bascul|migr|"
    r"trim|scal|cut|m[eè]n|boucl|entr|parmi|among|includ|investor|investisseur|compet|command|activity|mov|"
    r"réduit|réduire|reduc|retien|retenu|announc|complet|land|clos|obtien|sécuris|secur)"
)

SENTENCE_SCHEMA = {"document_id": pl.Utf8, "sentence_index": pl.Int32, "paragraph_index": pl.Int32,
                   "char_start": pl.Int32, "char_end": pl.Int32, "text": pl.Utf8, "has_cue": pl.Boolean}
MENTION_SCHEMA = {"document_id": pl.Utf8, "sentence_index": pl.Int32, "mention_index": pl.Int32,
                  "mention_type": pl.Utf8, "char_start": pl.Int32, "char_end": pl.Int32, "text": pl.Utf8,
                  "label": pl.Utf8, "amount": pl.Float64, "amount_low": pl.Float64, "amount_high": pl.Float64,
                  "currency": pl.Utf8, "qualifier": pl.Utf8, "date_value": pl.Date, "date_precision": pl.Utf8}
FACT_SCHEMA = {"candidate_id": pl.Utf8, "document_id": pl.Utf8, "fact_kind": pl.Utf8, "subject_name": pl.Utf8,
               "counterparty_name": pl.Utf8, "round_type": pl.Utf8, "amount": pl.Float64, "amount_low": pl.Float64,
               "amount_high": pl.Float64, "currency": pl.Utf8, "amount_qualifier": pl.Utf8, "stake_pct": pl.Float64,
               "valuation": pl.Float64, "valuation_currency": pl.Utf8, "event_date": pl.Date,
               "event_date_precision": pl.Utf8, "description": pl.Utf8, "sentence_index": pl.Int32,
               "char_start": pl.Int32, "char_end": pl.Int32, "quote": pl.Utf8}
INVESTOR_SCHEMA = {"candidate_id": pl.Utf8, "investor_name": pl.Utf8, "is_lead": pl.Boolean}


def sentences_frame(documents: pl.DataFrame) -> pl.DataFrame:
    """documents(document_id, text) -> raw.sentences rows."""
    rows = []
    for doc_id, text in documents.select("document_id", "text").iter_rows():
        for s in split_sentences(text):
            rows.append((doc_id, s.index, s.paragraph, s.start, s.end, s.text, bool(CUE_PREFILTER.search(s.text))))
    return pl.DataFrame(rows, schema=SENTENCE_SCHEMA, orient="row")


def _group_sentences(sentences: pl.DataFrame) -> dict[str, list[SentenceIn]]:
    grouped: dict[str, list[SentenceIn]] = defaultdict(list)
    for doc_id, idx, para, start, text, cue in sentences.select(
        "document_id", "sentence_index", "paragraph_index", "char_start", "text", "has_cue"
    ).sort("document_id", "sentence_index").iter_rows():
        grouped[doc_id].append(SentenceIn(doc_id, idx, para, start, text, cue))
    return grouped


def mentions_frame(documents: pl.DataFrame, sentences: pl.DataFrame) -> pl.DataFrame:
    """documents(document_id, published_at) + their sentences -> raw.mentions rows (document offsets)."""
    published = dict(documents.select("document_id", "published_at").iter_rows())
    batch = []
    grouped = _group_sentences(sentences)
    windows = {doc_id: window_of(sents) for doc_id, sents in grouped.items()}
    keys = [(d, s.index) for d, sents in grouped.items() for s in sents if s.index in windows[d]]
    texts = {(d, s.index): s.text for d, sents in grouped.items() for s in sents}
    money, dates = scan_values([texts[k] for k in keys])
    values: dict[str, dict[int, tuple[list[str], list[str]]]] = defaultdict(dict)
    for (doc_id, index), mo, da in zip(keys, money, dates):
        values[doc_id][index] = (mo, da)
    for doc_id, sents in grouped.items():
        batch.append((doc_id, published.get(doc_id),
                      find_document_mentions(sents, published.get(doc_id), values[doc_id])))
    normalise_values(batch)
    rows = []
    for doc_id, _, by_sentence in batch:
        starts = {s.index: s.start for s in grouped[doc_id]}
        for index, mentions in by_sentence.items():
            base = starts[index]
            for k, m in enumerate(mentions):
                rows.append((doc_id, index, k, m.mention_type, base + m.start, base + m.end, m.text, m.label,
                             m.amount, m.amount_low, m.amount_high, m.currency, m.qualifier, m.date_value,
                             m.date_precision))
    return pl.DataFrame(rows, schema=MENTION_SCHEMA, orient="row")


def candidate_frames(sentences: pl.DataFrame, mentions: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Sentences and mentions of a batch of documents -> (raw.candidate_facts, raw.candidate_fact_investors)."""
    by_sentence: dict[tuple[str, int], list[Mention]] = defaultdict(list)
    starts = {(d, i): s for d, i, s in sentences.select("document_id", "sentence_index", "char_start").iter_rows()}
    for row in mentions.sort("document_id", "sentence_index", "mention_index").iter_rows(named=True):
        base = starts[(row["document_id"], row["sentence_index"])]
        m = Mention(row["mention_type"], row["char_start"] - base, row["char_end"] - base, row["text"],
                    label=row["label"], amount=row["amount"], amount_low=row["amount_low"],
                    amount_high=row["amount_high"], currency=row["currency"], qualifier=row["qualifier"],
                    date_value=row["date_value"], date_precision=row["date_precision"])
        by_sentence[(row["document_id"], row["sentence_index"])].append(m)
    facts, investors = [], []
    for doc_id, sents in _group_sentences(sentences).items():
        views = [SentenceView(s.index, s.paragraph, s.start, s.text, by_sentence.get((doc_id, s.index), []), s.has_cue)
                 for s in sents]
        for n, cand in enumerate(DocumentFacts(views).run()):
            sent = next(v for v in views if v.index == cand.sentence_index)
            cid = f"{doc_id}:{n:04d}"
            amount, valuation, date = cand.amount, cand.valuation, cand.date
            facts.append((
                cid, doc_id, cand.kind, cand.subject, cand.counterparty, cand.round_type,
                amount.amount if amount else None, amount.amount_low if amount else None,
                amount.amount_high if amount else None, amount.currency if amount else None,
                amount.qualifier if amount else None, cand.stake_pct,
                valuation.amount if valuation else None, valuation.currency if valuation else None,
                date.date_value if date else None, date.date_precision if date else None,
                cand.description if cand.kind != "funding_round" else None,
                sent.index, sent.start, sent.start + len(sent.text), sent.text,
            ))
            for name, lead in cand.investors.items():
                investors.append((cid, name, lead))
    return (pl.DataFrame(facts, schema=FACT_SCHEMA, orient="row"),
            pl.DataFrame(investors, schema=INVESTOR_SCHEMA, orient="row").unique(["candidate_id", "investor_name"]))


def extract_all(documents: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """All three stages at once, for tests and benchmarks: (sentences, mentions, facts, investors)."""
    sentences = sentences_frame(documents)
    mentions = mentions_frame(documents, sentences)
    facts, investors = candidate_frames(sentences, mentions)
    return sentences, mentions, facts, investors


