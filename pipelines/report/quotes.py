"""A source quote shown in its paragraph: neighbouring text, the quote marked, its key values emphasised.

Evidence offsets are 0-based, end-exclusive positions in the document's cleaned
text, so the text before and after a quote comes from the same string the
offsets count in. Context stops at a paragraph break: the paragraph before is
usually about another deal. Everything that comes from an article is escaped
here and nowhere else builds HTML from article text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

# Characters of neighbouring text fetched on each side of a quote: about two sentences.
CONTEXT_CHARS = 280
# Mention types worth emphasising inside a quote, with the CSS class each gets.
VALUE_CLASSES = {"money": "v-money", "percent": "v-money", "date": "v-date"}


@dataclass(frozen=True)
class Span:
    start: int  # relative to the quote
    end: int
    css: str


def lead_in(text: str, clipped: bool) -> str:
    """The text before a quote, from the start of its paragraph or from a word boundary of the window."""
    cut = text.rfind("\n")
    if cut >= 0:
        return text[cut + 1:]
    if clipped:
        space = text.find(" ")
        return "…" + text[space + 1:] if space >= 0 else ""
    return text


def follow_on(text: str, clipped: bool) -> str:
    """The text after a quote, up to the end of its paragraph or to a word boundary of the window."""
    cut = text.find("\n")
    if cut >= 0:
        return text[:cut]
    if clipped:
        space = text.rfind(" ")
        return text[:space] + "…" if space >= 0 else ""
    return text


def value_spans(quote_start: int, quote_end: int, mentions: Iterable[tuple[int, int, str]]) -> list[Span]:
    """Amounts, percentages and dates the extractor found inside the quote (document offsets in)."""
    spans = []
    for start, end, mention_type in mentions:
        css = VALUE_CLASSES.get(mention_type)
        if css and quote_start <= start < end <= quote_end:
            spans.append(Span(start - quote_start, end - quote_start, css))
    return spans


def _is_word_char(text: str, at: int) -> bool:
    return 0 <= at < len(text) and (text[at].isalnum() or text[at] == "_")


def party_names(names: Iterable[str | None]) -> frozenset[str]:
    """The names `party_spans` looks for, prepared once per deal (a deal may have hundreds of quotes)."""
    return frozenset(n.strip().lower() for n in names if n and len(n.strip()) >= 2)


def party_spans(quote: str, names: frozenset[str]) -> list[Span]:
    """Every whole-word, case-blind occurrence of a party's name (as resolved or as the article wrote it);
    `names` comes from `party_names`.

    Plain `str.find` on lowered text: a regex compiled per deal cost 0.3 ms a deal (measured), most of
    the report's time. Lowering that changes the length (rare letters) falls back to a regex.
    """
    lowered = quote.lower()
    if len(lowered) != len(quote):
        alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        return [Span(m.start(), m.end(), "v-party")
                for m in re.finditer(rf"(?<!\w)(?:{alternatives})(?!\w)", quote, re.IGNORECASE)] if names else []
    spans = []
    for name in names:
        at = lowered.find(name)
        while at >= 0:
            end = at + len(name)
            if not _is_word_char(lowered, at - 1) and not _is_word_char(lowered, end):
                spans.append(Span(at, end, "v-party"))
            at = lowered.find(name, at + 1)
    return spans


def without_overlaps(spans: Iterable[Span]) -> list[Span]:
    """Longest span first where two overlap, then in text order."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept


def marked_quote(quote: str, spans: Iterable[Span]) -> str:
    """The quote as HTML inside <mark>, its key values in <strong class=...>."""
    parts, at = ["<mark>"], 0
    for span in without_overlaps(spans):
        parts.append(escape(quote[at:span.start]))
        parts.append(f'<strong class="{span.css}">{escape(quote[span.start:span.end])}</strong>')
        at = span.end
    parts.append(escape(quote[at:]))
    parts.append("</mark>")
    return "".join(parts)


def quote_in_context(before: str, quote: str, after: str, spans: Iterable[Span], *,
                     before_clipped: bool, after_clipped: bool) -> str:
    return (f'<span class="ctx">{escape(lead_in(before, before_clipped))}</span>'
            f"{marked_quote(quote, spans)}"
            f'<span class="ctx">{escape(follow_on(after, after_clipped))}</span>')
