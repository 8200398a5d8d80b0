"""The three extraction stages as functions over Polars frames: sentences, mentions, candidate facts.

Each takes the rows of a batch of documents and returns the rows to store;
the Dagster assets only move these frames in and out of the build database.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

import polars as pl

from pipelines.extract.abstract import Mention
from pipelines.extract.collector import without_cycle_collection
from pipelines.extract.facts import DocumentFacts, SentenceView, narrow_cues
from pipelines.extract.mentions import (
    SentenceIn, find_document_mentions, normalise_values, scan_documents, scan_values,
)
from pipelines.extract.mentions import window as window_of
from pipelines.extract.organizations import SpanFilter, span_filters
from pipelines.extract.portable import search_flags
from pipelines.extract.sentences import Sentence, split_sentences

# A cheap first pass: only sentences with one of these stems are analysed for facts.
CUE_PREFILTER = re.compile(
    r"(?i)\b(?:l[eè]v|rais|invest|capital|particip|stake|tour(?:s)? de table|un tour de|tête d['’]un|s[ée]ries?\s|"
    r"seed|amorçage|round|"
    r"fund|financ|back|led |pump|inject|pay|verser|débours|contrat|contract|sign|ink|remport|décroch|attribu|"
    r"award|client|customer|partenaire|partner|choisi|chose|select|retenu|programme|program|fourni|suppl|"
    r"commande|order|tap|hire|fait appel|confi[eé]|fin à|fin au|cess|romp|ponts|dos|détourn|abandon|quitt|résili|"
    r"renouvel|sépar|remplac|replac|drop|ditch|end|terminat|ties|cancel|scrap|stop|wound|wind|phas|away|switch|pull|"
    r"walked|perd|lost|lose|même|did the same|followed suit|emboît|valoris|valu|enveloppe|notifi|bascul|migr|"
    r"trim|scal|cut|m[eè]n|boucl|entr|parmi|among|includ|investor|investisseur|compet|command|activity|mov|"
    r"réduit|réduire|reduc|retien|retenu|announc|complet|land|clos|obtien|sécuris|secur|won|wins?|deal|pick|"
    r"renon|revien|échoi|went|goes|go to|grant|renew|reconduit|prolong|extend|expand|élargi|étend|broaden|halv|"
    r"slash|adds|added|provide|deploy|sélect|opt(?:s|ed) for|opté|opte|dévolu|fait le choix|live with|"
    r"roll(?:s|ed)? out|rolling|ending|plug|se passer|s['’]est passée?|parti(?:e|s|es)? chez|allée?s? chez|in-house|"
    r"internalis|bagged|nabbed|hauled|reeled|drew|attract|a conclu|conclut|clinch|seal|snag|equip|livrera|livreront|"
    r"accord avec|accord-cadre|agreement with|churn|préfér|lots? (?:n°|no|\d)|utilis|uses|using|adopt|"
    r"s['’]équip|est équipé|sont équipé|équipe (?:désormais|déjà|les |la |l['’]|des )|équipent|a équipé|équipera|"
    r"attributaire|no longer|ne fai|ne travaill|rompu|dénonc|déploi|déploy|used by|utilisée? par|renewed|"
    r"mis fin|met fin|mettent fin|nous a|nous ont|nous avait|(?:signed|chose|picked|selected) us)")

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


# The same test for Polars' engine: every stem begins with a letter, so "\b" before it is "at the start or
# after a non-word character", which Rust scans at full speed (its Unicode \b is slow outside ASCII).
_CUE_PREFILTER_RUST = CUE_PREFILTER.pattern.replace(r"(?i)\b(?:", r"(?i)(?:^|\W)(?:", 1)
assert _CUE_PREFILTER_RUST != CUE_PREFILTER.pattern


@without_cycle_collection
def sentences_frame(documents: pl.DataFrame) -> pl.DataFrame:
    """documents(document_id, text) -> raw.sentences rows."""
    return _split(documents)[0]


def _split(documents: pl.DataFrame) -> tuple[pl.DataFrame, list[tuple[str, list[Sentence]]], list[bool]]:
    """The sentences frame, and the same sentences per document with their cue flags, in frame order."""
    split = [(doc_id, split_sentences(text)) for doc_id, text in _rows(documents.select("document_id", "text"))]
    columns: dict[str, list] = {name: [] for name in SENTENCE_SCHEMA if name != "has_cue"}
    for doc_id, sents in split:
        columns["document_id"].extend([doc_id] * len(sents))
        columns["sentence_index"].extend([s.index for s in sents])
        columns["paragraph_index"].extend([s.paragraph for s in sents])
        columns["char_start"].extend([s.start for s in sents])
        columns["char_end"].extend([s.end for s in sents])
        columns["text"].extend([s.text for s in sents])
    has_cue = search_flags(columns["text"], CUE_PREFILTER, _CUE_PREFILTER_RUST)
    frame = pl.DataFrame({**columns, "has_cue": has_cue}, schema=SENTENCE_SCHEMA)
    return frame, split, has_cue


def _frame(rows: list[tuple], schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """A frame from row tuples, built column by column (several times faster than from rows)."""
    if not rows:
        return pl.DataFrame(schema=schema)
    return pl.DataFrame(dict(zip(schema, map(list, zip(*rows)))), schema=schema)


def _rows(frame: pl.DataFrame) -> zip:
    """The rows of a frame as tuples, from its columns (several times faster than `iter_rows`)."""
    return zip(*(column.to_list() for column in frame.get_columns()))


def _group_sentences(sentences: pl.DataFrame) -> dict[str, list[SentenceIn]]:
    grouped: dict[str, list[SentenceIn]] = defaultdict(list)
    for doc_id, idx, para, start, text, cue in _rows(sentences.select(
        "document_id", "sentence_index", "paragraph_index", "char_start", "text", "has_cue"
    ).sort("document_id", "sentence_index")):
        grouped[doc_id].append(SentenceIn(doc_id, idx, para, start, text, cue))
    return grouped


def _group_split(split: list[tuple[str, list[Sentence]]], has_cue: list[bool]) -> dict[str, list[SentenceIn]]:
    """What `_group_sentences` reads back from the frame `_split` made, without the frame."""
    cues = iter(has_cue)
    grouped = {doc_id: [SentenceIn(doc_id, s.index, s.paragraph, s.start, s.text, next(cues)) for s in sents]
               for doc_id, sents in split}
    return {doc_id: grouped[doc_id] for doc_id in sorted(grouped) if grouped[doc_id]}


@without_cycle_collection
def mentions_frame(documents: pl.DataFrame, sentences: pl.DataFrame) -> pl.DataFrame:
    """documents(document_id, published_at) + their sentences -> raw.mentions rows (document offsets)."""
    grouped = _group_sentences(sentences)
    return _mention_frame(grouped, _find_mentions(documents, grouped))


Found = list[tuple[str, "dt.date | None", dict[int, list[Mention]]]]  # per document: id, publication, mentions


def _find_mentions(documents: pl.DataFrame, grouped: dict[str, list[SentenceIn]]) -> Found:
    """The normalised mentions of every sentence of a batch, per document."""
    published = dict(documents.select("document_id", "published_at").iter_rows())
    windows = {doc_id: window_of(sents) for doc_id, sents in grouped.items()}
    keys = [(d, s.index) for d, sents in grouped.items() for s in sents if s.index in windows[d]]
    texts = {(d, s.index): s.text for d, sents in grouped.items() for s in sents}
    values: dict[str, dict[int, tuple[list[str], list[str], bool]]] = defaultdict(dict)
    for (doc_id, index), found in zip(keys, zip(*scan_values([texts[k] for k in keys]))):
        values[doc_id][index] = found
    every = [(d, s.index) for d, sents in grouped.items() for s in sents]
    filters: dict[str, dict[int, SpanFilter]] = defaultdict(dict)
    for (doc_id, index), flags in zip(every, span_filters([texts[k] for k in every])):
        filters[doc_id][index] = flags
    scans = scan_documents([[s.text for s in sents] for sents in grouped.values()])
    batch = []
    for (doc_id, sents), scan in zip(grouped.items(), scans):
        batch.append((doc_id, published.get(doc_id), find_document_mentions(
            sents, published.get(doc_id), values[doc_id], filters[doc_id], scan)))
    normalise_values(batch)
    return batch


def _mention_frame(grouped: dict[str, list[SentenceIn]], batch: Found) -> pl.DataFrame:
    """raw.mentions rows, with offsets in the document."""
    rows = []
    for doc_id, _, by_sentence in batch:
        starts = {s.index: s.start for s in grouped[doc_id]}
        for index, mentions in by_sentence.items():
            base = starts[index]
            for k, m in enumerate(mentions):
                rows.append((doc_id, index, k, m.mention_type, base + m.start, base + m.end, m.text, m.label,
                             m.amount, m.amount_low, m.amount_high, m.currency, m.qualifier, m.date_value,
                             m.date_precision))
    return _frame(rows, MENTION_SCHEMA)


@without_cycle_collection
def candidate_frames(sentences: pl.DataFrame, mentions: pl.DataFrame,
                     titles: dict[str, str | None] | None = None) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Sentences and mentions of a batch of documents (and their titles, by document id) -> (raw.candidate_facts,
    raw.candidate_fact_investors)."""
    by_sentence: dict[tuple[str, int], list[Mention]] = defaultdict(list)
    starts = {(d, i): s for d, i, s in _rows(sentences.select("document_id", "sentence_index", "char_start"))}
    for (doc_id, index, mention_type, char_start, char_end, text, label, amount, amount_low, amount_high, currency,
         qualifier, date_value, date_precision) in _rows(mentions.sort("document_id", "sentence_index", "mention_index").select(
            "document_id", "sentence_index", "mention_type", "char_start", "char_end", "text", "label", "amount",
            "amount_low", "amount_high", "currency", "qualifier", "date_value", "date_precision")):
        base = starts[(doc_id, index)]
        m = Mention(mention_type, char_start - base, char_end - base, text, label=label, amount=amount,
                    amount_low=amount_low, amount_high=amount_high, currency=currency, qualifier=qualifier,
                    date_value=date_value, date_precision=date_precision)
        by_sentence[(doc_id, index)].append(m)
    return _candidates(_group_sentences(sentences), by_sentence, titles or {})


def _candidates(grouped: dict[str, list[SentenceIn]], by_sentence: dict[tuple[str, int], list[Mention]],
                titles: dict[str, str | None]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Candidate facts and their investors from the sentences and mentions of a batch; a document's title may
    say which company publishes it (facts.publisher_of)."""
    documents = [(doc_id, [SentenceView(s.index, s.paragraph, s.start, s.text, by_sentence.get((doc_id, s.index), []),
                                        s.has_cue) for s in sents])
                 for doc_id, sents in grouped.items()]
    narrow_cues([view for _, views in documents for view in views])
    facts, investors = [], []
    for doc_id, views in documents:
        for n, cand in enumerate(DocumentFacts(views, titles.get(doc_id)).run()):
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
    return (_frame(facts, FACT_SCHEMA),
            _frame(investors, INVESTOR_SCHEMA).unique(["candidate_id", "investor_name"]))


def _titles(documents: pl.DataFrame) -> dict[str, str | None]:
    """The documents' titles by id, when the frame has them (its `title` column is optional)."""
    if "title" not in documents.columns:
        return {}
    return dict(documents.select("document_id", "title").iter_rows())


@without_cycle_collection
def extract_all(documents: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """All three stages at once, for tests, benchmarks and extraction workers: documents(document_id, text,
    published_at, and optionally title) -> (sentences, mentions, facts, investors).

    The same as calling the three stages in turn, without reading the sentences and mentions back from
    their frames: facts are handed the mentions found, as `candidate_frames` would rebuild them.
    """
    sentences, split, has_cue = _split(documents)
    ids = documents["document_id"]
    if ids.null_count() or not ids.is_unique().all():  # the stages would merge rows of one id: their way
        mentions = mentions_frame(documents, sentences)
        return (sentences, mentions, *candidate_frames(sentences, mentions, _titles(documents)))
    grouped = _group_split(split, has_cue)
    batch = _find_mentions(documents, grouped)
    mentions = _mention_frame(grouped, batch)
    by_sentence = {}
    for doc_id, _, found in batch:
        for index, sentence_mentions in found.items():
            for m in sentence_mentions:
                m.org_type = ""  # raw.mentions does not keep it, so `candidate_frames` never sees it
            by_sentence[(doc_id, index)] = sentence_mentions
    facts, investors = _candidates(grouped, by_sentence, _titles(documents))
    return sentences, mentions, facts, investors
