"""Find the mentions of a batch of documents: money, percentages, dates, organisations, people.

Spans are found with Python regular expressions (offsets are needed for
evidence); their values are normalised in one vectorised Polars pass per batch
(`pipelines.normalise`). Money, percentages and dates are looked for only in
sentences near a deal cue, where facts can use them; organisations in every
sentence, because the document's main subject and the antecedents of "la
start-up" depend on all of them.
"""

from __future__ import annotations

import bisect
import datetime as dt
import operator
import re
from typing import NamedTuple

import polars as pl

from pipelines.extract.abstract import Mention
from pipelines.extract.organizations import SpanFilter, document_runs, find_spans, span_filters
from pipelines.extract.portable import NON_PORTABLE, NON_PORTABLE_LINES
from pipelines.normalise.amounts import MONEY_PATTERN, SPELLED_MONEY, parse_amount
from pipelines.normalise.dates import DATE_PATTERN, MONTH_NAME, parse_date
from pipelines.reference import common_words, first_names, organization_aliases

# marks that open a quotation
QUOTE_MARKS = frozenset("\"«“")
# '"Forecasting is a trust business": Loomwell's Priya Castellan on growth': a headline that opens on a quotation
QUOTED_HEADLINE = re.compile(r'\s*["«“][^"«»“”]{3,160}["»”]\s*:')

# the date pattern swallows a word that begins with a month's name so as to reject it ("en Mayer", and inside
# "Aurélien Marchetti", "en Marchetti"): such a word is a name, not a date, and is left to the names' finder
MONTH_IN_A_NAME = re.compile(rf"(?i)\b{MONTH_NAME}[a-zà-öø-ÿ]+")
PERCENT_RE = re.compile(r"(?<![\w.,])(\d{1,3}(?:[.,]\d+)?)\s?(?:%|pour ?cent|percent|per cent)", re.IGNORECASE)
# Sentences before a cue, and after it, that facts may draw on (dates, investor lists, stakes).
WINDOW_BEFORE, WINDOW_AFTER = 1, 3

_MIDSENTENCE_WORD = re.compile(r"(?<=[a-zà-ÿ,] )([A-ZÀ-Þ][\w&+\-]*[\w+])")
_CAPITALISED = re.compile(r"\b[A-ZÀ-Þ][\w&+\-]*[\w+]")
_PERSON = re.compile(r"\b([A-ZÀ-Þ][a-zà-ÿ\-]+) ([A-ZÀ-Þ][\w'’\-]+)")


class SentenceIn(NamedTuple):
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


class DocumentScan(NamedTuple):
    """What Polars found in a document's sentences joined by line breaks (see `scan_documents`)."""

    capitalised: list[str]  # _CAPITALISED.findall
    people: list[tuple[str, str]]  # _PERSON.findall


def _document_vocabulary(sentences: list[SentenceIn],
                         scan: DocumentScan | None = None) -> tuple[frozenset[str], frozenset[str]]:
    """Capitalised words used mid-sentence or twice (so names, not sentence openers) and surnames of people named.

    The patterns run once over the sentences joined by line breaks, which none of their matches
    can cross or look behind, so they find what they find sentence by sentence, in the same order;
    `scan` holds what two of them found when Polars scanned the document already.
    """
    text = "\n".join(s.text for s in sentences)
    capitalised, people = (scan.capitalised, scan.people) if scan else (_CAPITALISED.findall(text), _PERSON.findall(text))
    words: set[str] = set(_MIDSENTENCE_WORD.findall(text))
    seen: set[str] = set()
    twice: set[str] = set()
    for word in capitalised:
        (twice if word in seen else seen).add(word)
    # a frequent word that opens several sentences ("Question :" in an interview) is still that word
    common = common_words()
    words.update(word for word in twice if word.lower() not in common)
    first = first_names()
    surnames = {last for given, last in people if given in first}
    return frozenset(words), frozenset(surnames)


# The same patterns for Polars. Before a capital letter "\b" is "at the start or after a non-word
# character", except before "×", the one sign among À-Þ, which is left to Python.
_CAPITALISED_RUST = r"(?:^|\W)[A-ZÀ-Þ][\w&+\-]*[\w+]"
_PERSON_RUST = r"(?:^|\W)[A-ZÀ-Þ][a-zà-ÿ\-]+ [A-ZÀ-Þ][\w'’\-]+"
_CAPITAL = frozenset(map(chr, [*range(0x41, 0x5B), *range(0xC0, 0xDF)]))


def scan_documents(documents: list[list[str]]) -> list[DocumentScan | None]:
    """`DocumentScan`s of many documents (their sentences), from one Polars scan per pattern.

    Done by Python's `re` document by document, these two scans took a tenth of the mentions stage on
    4 KB articles. A document Python must read (see `portable`) gets None.
    """
    texts = pl.Series(["\n".join(sentences) for sentences in documents], dtype=pl.Utf8)
    found = pl.DataFrame({"t": texts}).select(
        pl.col("t").str.extract_all(_CAPITALISED_RUST).alias("capitalised"),
        pl.col("t").str.extract_all(_PERSON_RUST).alias("people"),
        pl.col("t").str.contains(NON_PORTABLE_LINES + "|×").alias("odd"),
    )
    out: list[DocumentScan | None] = []
    for capitalised, people, odd in found.rows():
        if odd:
            out.append(None)
            continue
        # a match comes with the character before it, unless it opens the text
        capitalised = [w if w[0] in _CAPITAL else w[1:] for w in capitalised]
        people = [tuple((p if p[0] in _CAPITAL else p[1:]).split(" ", 1)) for p in people]
        out.append(DocumentScan(capitalised, people))
    return out


def _resolve_short_names(mentions: dict[int, list[Mention]]) -> None:
    """Within a document, "Mistral" after "Mistral AI" is Mistral AI: a name is mapped to the only longer
    name of the document that starts with it."""
    labels = sorted({m.label for ms in mentions.values() for m in ms if m.mention_type == "organization" and m.label})
    mapping = {}
    for label in labels:
        # the names that start with it follow it in sorted order
        prefix = label + " "
        at = bisect.bisect_left(labels, prefix)
        if at < len(labels) and labels[at].startswith(prefix) and not (
                at + 1 < len(labels) and labels[at + 1].startswith(prefix)):
            mapping[label] = labels[at]
    for ms in mentions.values():
        for m in ms:
            if m.label in mapping:
                m.label = mapping[m.label]


# PERCENT_RE for Polars without its look-behind: it matches wherever PERCENT_RE does.
_PERCENT_RUST = "(?i)" + PERCENT_RE.pattern.replace(r"(?<![\w.,])", "", 1)
assert "(?<" not in _PERCENT_RUST


def scan_values(texts: list[str]) -> tuple[list[list[str]], list[list[str]], list[bool]]:
    """Money and date expressions of many sentences at once, with Polars' linear-time regex engine, and
    whether each sentence may hold a percentage (False: PERCENT_RE cannot match it).

    Python's backtracking engine scans the date pattern at about 0.3 MB/s; Polars runs the very same
    pattern (it is written for both) two orders of magnitude faster. Offsets are recovered afterwards.
    """
    if not texts:
        return [], [], []
    frame = pl.DataFrame({"text": texts}, schema={"text": pl.Utf8}).select(
        pl.col("text").str.extract_all(MONEY_PATTERN).alias("money"),
        pl.col("text").str.extract_all(DATE_PATTERN).alias("dates"),
        (pl.col("text").str.contains(_PERCENT_RUST) | pl.col("text").str.contains(NON_PORTABLE)).alias("percent"),
    )
    return frame["money"].to_list(), frame["dates"].to_list(), frame["percent"].to_list()


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
    values: dict[int, tuple[list[str], list[str], bool]] | None = None,
    filters: dict[int, SpanFilter] | None = None, scan: DocumentScan | None = None,
) -> dict[int, list[Mention]]:
    """Mentions per sentence index for one document (values not yet normalised).

    `values` holds the money and date strings found by `scan_values` for the sentences near a cue,
    `filters` the `span_filters` of every sentence and `scan` the `scan_documents` of the document;
    without them they are computed here.
    """
    window_ = window(sentences)
    if values is None:
        chosen = [s for s in sentences if s.index in window_]
        values = {s.index: found for s, found in zip(chosen, zip(*scan_values([s.text for s in chosen])))}
    if filters is None:
        filters = dict(zip([s.index for s in sentences], span_filters([s.text for s in sentences])))
    known_words, known_people = _document_vocabulary(sentences, scan)
    out: dict[int, list[Mention]] = {}
    surnames: set[str] = set()
    paragraph = None
    for s, runs in zip(sentences, document_runs([s.text for s in sentences])):
        # a paragraph opens on its subject too: "Brisemarée met le cap sur l'Europe du Nord. La start-up ..."
        # (a line of one to three words is a masthead or a section's name)
        # '"Forecasting is a trust business": ...': a quotation's first word is capitalised by grammar
        opens_paragraph = (s.paragraph != paragraph and s.text.count(" ") >= 3
                           and s.text.lstrip()[:1] not in QUOTE_MARKS)
        opener_is_subject = (s.has_cue and not QUOTED_HEADLINE.match(s.text)) or opens_paragraph
        paragraph = s.paragraph
        money, dates, percent = values.get(s.index, _NO_VALUES)
        found = _value_mentions(s.text, money, dates, percent) if money or dates or percent else []
        patterns = filters[s.index]
        if runs or patterns != _NO_PATTERN:  # else nothing in it can be a name
            blocked = [(f.start, f.end) for f in found]
            for span in find_spans(s.text, blocked, known_words, known_people,
                                   opener_is_subject=opener_is_subject, patterns=patterns, runs=runs):
                found.append(Mention(span.kind, span.start, span.end, span.text, label=span.name,
                                     org_type=span.org_type))
                if span.kind == "person" and " " in span.text:
                    surnames.add(span.text.rsplit(" ", 1)[-1])
        if len(found) > 1:
            found.sort(key=_START)
        out[s.index] = found
    if surnames:
        _surnames_are_people(out, surnames)
    _resolve_short_names(out)
    return out


def _surnames_are_people(mentions: dict[int, list[Mention]], surnames: set[str]) -> None:
    """"its chief executive, Callum Aitken" ... "Aitken said": the surname alone of a person the document names in
    full (`surnames`) is that person, not an organisation, wherever it is (the given name may be missing from the
    list), unless it is a known organisation's name or told as a firm ("l'armement Kerlédan")."""
    aliases = organization_aliases()  # "Michael Dell" does not make Dell a person
    for found in mentions.values():
        for k, m in enumerate(found):
            if (m.mention_type == "organization" and m.text in surnames and m.text not in aliases
                    and m.org_type != "company"):
                found[k] = Mention("person", m.start, m.end, m.text)


_START = operator.attrgetter("start")
_NO_PATTERN = (False, False, False)
_NO_VALUES = ((), (), False)  # a sentence far from any cue


def _value_mentions(text: str, money: list[str] | None, dates: list[str] | None, percent: bool) -> list[Mention]:
    """Money, percentages and dates of a sentence, from what `scan_values` found in it."""
    found: list[Mention] = []
    for start, end, value in _located(text, money):
        if any(ch.isdigit() for ch in value) or re.search(r"(?i)\b(?:un|une|one|a|an)\s", value) or \
                SPELLED_MONEY.search(value):
            found.append(Mention("money", start, end, value))
    if percent:
        for m in PERCENT_RE.finditer(text):
            if not any(f.start <= m.start() < f.end for f in found):
                found.append(Mention("percent", m.start(), m.end(), m.group(0),
                                     amount=float(m.group(1).replace(",", "."))))
    for start, end, value in _located(text, dates):
        if start and text[start - 1].isalnum():
            # the pattern has no word boundary before its lead word: "Annonce mercredi" holds "ce mercredi"
            cut = value.find(" ") + 1
            start, value = start + cut, value[cut:] if cut else ""
        # a weekday's match ends on the character after it ("jeudi "): the space stays out of the mention, as
        # the cue patterns expect one after a placeholder
        trailing = len(value) - len(value.rstrip())
        end, value = end - trailing, value[:len(value) - trailing]
        if (value.strip() and not any(f.start < end and start < f.end for f in found)
                and not (value[-1].isalpha() and MONTH_IN_A_NAME.search(value))):
            found.append(Mention("date", start, end, value))
    return found


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
        for m, (amount, amount_low, amount_high, currency, qualifier) in zip(money, parsed.rows()):
            m.amount, m.amount_low, m.amount_high = amount, amount_low, amount_high
            m.currency, m.qualifier = currency, qualifier
    if dates:
        _normalise_dates(documents, dates)


def _normalise_dates(documents, dates) -> None:
    frame = pl.DataFrame(
        {"text": [m.text for m, _, _ in dates], "published_at": [p for _, p, _ in dates]},
        schema={"text": pl.Utf8, "published_at": pl.Date},
    )
    first = frame.select(parse_date(pl.col("text"), pl.col("published_at"), pl.lit(None, pl.Date),
                                    anchor_offset=True).alias("v")).unnest("v")
    anchored = set()  # mentions an anchor can date: the rest would come out of the second pass as they are
    for (m, _, _), (value, precision, kind, offset) in zip(dates, first.rows()):
        m.date_value, m.date_precision = value, precision
        m.qualifier = kind
        if offset is not None:
            anchored.add(id(m))
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
                elif m.date_value is None and anchor is not None and id(m) in anchored:
                    pending.append((m, published_at, anchor))
    if pending:
        frame = pl.DataFrame(
            {"text": [m.text for m, _, _ in pending], "published_at": [p for _, p, _ in pending],
             "anchor": [a for _, _, a in pending]},
            schema={"text": pl.Utf8, "published_at": pl.Date, "anchor": pl.Date},
        )
        second = frame.select(parse_date(pl.col("text"), pl.col("published_at"), pl.col("anchor")).alias("v")).unnest("v")
        for (m, _, _), (value, precision, kind) in zip(pending, second.rows()):
            if value is not None:
                m.date_value, m.date_precision, m.qualifier = value, precision, kind
