"""Find the mentions of a batch of documents: money, percentages, dates, organisations, people.

Spans are found with Python regular expressions (offsets are needed for
evidence); their values are normalised in one vectorised Polars pass per batch
(`pipelines.normalise`). Money, percentages and dates are looked for only in
sentences near a deal cue, where facts can use them; organisations in every
sentence, because the document's main subject and the antecedents of "la
start-up" depend on all of them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import polars as pl

from pipelines.extract.abstract import Mention
from pipelines.extract.organizations import find_spans
from pipelines.normalise.amounts import MONEY_PATTERN, parse_amount
from pipelines.normalise.dates import DATE_PATTERN, parse_date
from pipelines.reference import first_names

PERCENT_RE = re.compile(r"(?<![\w.,])(\d{1,3}(?:[.,]\d+)?)\s?(?:%|pour ?cent|percent|per cent)", re.IGNORECASE)
# Sentences before a cue, and after it, that facts may draw on (dates, investor lists, stakes).
WINDOW_BEFORE, WINDOW_AFTER = 1, 3

_MIDSENTENCE_WORD = re.compile(r"(?<=[a-zà-ÿ,] )([A-ZÀ-Þ][\w&+\-]*[\w+])")
_CAPITALISED = re.compile(r"\b[A-ZÀ-Þ][\w&+\-]*[\w+]")
_PERSON = re.compile(r"\b([A-ZÀ-Þ][a-zà-ÿ\-]+) ([A-ZÀ-Þ][\w'’\-]+)")


@dataclass(frozen=True)
class SentenceIn:
    document_id: str
    index: int
    paragraph: int
    start: int
    text: str
    has_cue: bool


def window(sentences: list[SentenceIn]) -> set[int]:
    cues = [s.index for s in sentences if s.has_cue]
    keep: set[int] = set()
    for i in cues:
        keep.update(range(i - WINDOW_BEFORE, i + WINDOW_AFTER + 1))
    return keep


def _document_vocabulary(sentences: list[SentenceIn]) -> tuple[frozenset[str], frozenset[str]]:
    """Capitalised words used mid-sentence (so names, not sentence openers) and surnames of people named."""
    words: set[str] = set()
    seen: set[str] = set()
    surnames: set[str] = set()
    names = first_names()
    for s in sentences:
        words.update(_MIDSENTENCE_WORD.findall(s.text))
        for word in _CAPITALISED.findall(s.text):
            (words if word in seen else seen).add(word)
        for first, last in _PERSON.findall(s.text):
            if first in names:
                surnames.add(last)
    return frozenset(words), frozenset(surnames)


def _resolve_short_names(mentions: dict[int, list[Mention]]) -> None:
    """Within a document, "Mistral" after "Mistral AI" is Mistral AI: a name is mapped to the only longer
    name of the document that starts with it."""
    labels = {m.label for ms in mentions.values() for m in ms if m.mention_type == "organization" and m.label}
    mapping = {}
    for label in labels:
        longer = [o for o in labels if o != label and o.startswith(label + " ")]
        if len(longer) == 1:
            mapping[label] = longer[0]
    for ms in mentions.values():
        for m in ms:
            if m.label in mapping:
                m.label = mapping[m.label]


def scan_values(texts: list[str]) -> tuple[list[list[str]], list[list[str]]]:
    """Money and date expressions of many sentences at once, with Polars' linear-time regex engine.

    Python's backtracking engine scans the date pattern at about 0.3 MB/s; Polars runs the very same
    pattern (it is written for both) two orders of magnitude faster. Offsets are recovered afterwards.
    """
    if not texts:
        return [], []
    frame = pl.DataFrame({"text": texts}, schema={"text": pl.Utf8}).select(
        pl.col("text").str.extract_all(MONEY_PATTERN).alias("money"),
        pl.col("text").str.extract_all(DATE_PATTERN).alias("dates"),
    )
    return frame["money"].to_list(), frame["dates"].to_list()


def _located(text: str, matches: list[str] | None) -> list[tuple[int, int, str]]:
    """Offsets of non-overlapping matches listed in order of appearance."""
    out, pos = [], 0
    for found in matches or ():
        start = text.find(found, pos)
        if start < 0:
            continue
        out.append((start, start + len(found), found))
        pos = start + len(found)
    return out


def find_document_mentions(
    sentences: list[SentenceIn], published_at: dt.date | None,
    values: dict[int, tuple[list[str], list[str]]] | None = None,
) -> dict[int, list[Mention]]:
    """Mentions per sentence index for one document (values not yet normalised).

    `values` holds the money and date strings found by `scan_values` for the sentences near a cue;
    without it they are scanned here.
    """
    window_ = window(sentences)
    if values is None:
        chosen = [s for s in sentences if s.index in window_]
        money, dates = scan_values([s.text for s in chosen])
        values = {s.index: (mo, da) for s, mo, da in zip(chosen, money, dates)}
    known_words, known_people = _document_vocabulary(sentences)
    out: dict[int, list[Mention]] = {}
    for s in sentences:
        found: list[Mention] = []
        if s.index in values:
            money, dates = values[s.index]
            for start, end, text in _located(s.text, money):
                if any(ch.isdigit() for ch in text) or re.search(r"(?i)\b(?:un|une|one|a|an)\s", text):
                    found.append(Mention("money", start, end, text))
            for m in PERCENT_RE.finditer(s.text):
                if not any(f.start <= m.start() < f.end for f in found):
                    found.append(Mention("percent", m.start(), m.end(), m.group(0),
                                         amount=float(m.group(1).replace(",", "."))))
            for start, end, text in _located(s.text, dates):
                if text.strip() and not any(f.start < end and start < f.end for f in found):
                    found.append(Mention("date", start, end, text))
        blocked = [(f.start, f.end) for f in found]
        for span in find_spans(s.text, blocked, known_words, known_people, opener_is_subject=s.has_cue):
            found.append(Mention(span.kind, span.start, span.end, span.text, label=span.name, org_type=span.org_type))
        found.sort(key=lambda m: m.start)
        out[s.index] = found
    _resolve_short_names(out)
    return out


def normalise_values(documents: list[tuple[str, dt.date | None, dict[int, list[Mention]]]]) -> None:
    """Fill amounts and dates of every money and date mention of a batch, in place, with Polars."""
    money: list[Mention] = []
    dates: list[tuple[Mention, dt.date | None, int]] = []
    for _, published_at, by_sentence in documents:
        for index in sorted(by_sentence):
            for m in by_sentence[index]:
                if m.mention_type == "money":
                    money.append(m)
                elif m.mention_type == "date":
                    dates.append((m, published_at, index))
    if money:
        parsed = pl.DataFrame({"text": [m.text for m in money]}).select(
            parse_amount(pl.col("text")).alias("v")).unnest("v")
        for m, row in zip(money, parsed.iter_rows(named=True)):
            m.amount, m.amount_low, m.amount_high = row["amount"], row["amount_low"], row["amount_high"]
            m.currency, m.qualifier = row["currency"], row["qualifier"]
    if dates:
        _normalise_dates(documents, dates)


def _normalise_dates(documents, dates) -> None:
    frame = pl.DataFrame(
        {"text": [m.text for m, _, _ in dates], "published_at": [p for _, p, _ in dates]},
        schema={"text": pl.Utf8, "published_at": pl.Date},
    )
    first = frame.select(parse_date(pl.col("text"), pl.col("published_at"), pl.lit(None, pl.Date)).alias("v")).unnest("v")
    for (m, _, _), row in zip(dates, first.iter_rows(named=True)):
        m.date_value, m.date_precision = row["date"], row["precision"]
        m.qualifier = row["kind"]
    # "l'année suivante": relative to the last explicit date told before it in the same document
    pending = []
    for _, published_at, by_sentence in documents:
        anchor = None
        for index in sorted(by_sentence):
            for m in by_sentence[index]:
                if m.mention_type != "date":
                    continue
                if m.qualifier == "absolute" and m.date_value is not None:
                    anchor = m.date_value
                elif m.date_value is None and anchor is not None:
                    pending.append((m, published_at, anchor))
    if pending:
        frame = pl.DataFrame(
            {"text": [m.text for m, _, _ in pending], "published_at": [p for _, p, _ in pending],
             "anchor": [a for _, _, a in pending]},
            schema={"text": pl.Utf8, "published_at": pl.Date, "anchor": pl.Date},
        )
        second = frame.select(parse_date(pl.col("text"), pl.col("published_at"), pl.col("anchor")).alias("v")).unnest("v")
        for (m, _, _), row in zip(pending, second.iter_rows(named=True)):
            if row["date"] is not None:
                m.date_value, m.date_precision, m.qualifier = row["date"], row["precision"], row["kind"]
