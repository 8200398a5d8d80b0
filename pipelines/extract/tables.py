"""Deal tables: a header row that names its columns, then one funding round per row.

VC barometers, weekly roundups and saved web pages list rounds in tables ("Société | Montant | Tour |
Investisseurs | Annonce"). A row is no sentence: read as one, its first capitalised word (a sector, a town)
became the company and its investors were lost. Here the header says which cell holds what, and each row
gives a round from its own cells. Cells are separated by "|" (plain text and Markdown tables) or by tabs
(HTML tables, `pipelines/ingest/html_to_text.py`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from pipelines.extract.abstract import Mention
from pipelines.normalise.months import month_number

CELL_SEPARATOR = re.compile(r"[ \t]*\|[ \t]*| *\t *")
RULE_ROW = re.compile(r"^[\s|:\-+=]+$")
# A header cell's role, tried in this order: "Lead investor" is an investors column, "Montant levé" an amount.
HEADER_ROLES = (
    ("investors", re.compile(r"(?i)investisseur|investor|backer|\blead\b|chef de file|participant|\bfonds\b|\bfunds?\b")),
    ("company", re.compile(r"(?i)soci[ée]t[ée]|entreprise|start-?up|company|companies|\bnom\b|\bname\b|"
                           r"b[ée]n[ée]ficiaire|\bcible\b|\bsociety\b")),
    ("round", re.compile(r"(?i)\btour\b|\bround\b|s[ée]rie|\bstage\b|[ée]tape|\btype\b|\bphase\b")),
    ("amount", re.compile(r"(?i)montant|amount|\bsize\b|\braised\b|lev[ée]e?s?\b|\btotal\b|\bsomme\b|\btaille\b|"
                          r"\((?:m|k|md)?[€$£]\)|\bm[€$£]")),
    ("date", re.compile(r"(?i)\bdate\b|annonce|announced|\bmois\b|\bmonth\b|\bquand\b|\bwhen\b|\bclosed\b|"
                        r"p[ée]riode|\bperiod\b")),
)
LEAD_MARK = re.compile(r"\s*(?:\*+|\((?:lead|chef de file|leader|meneur)\))\s*$", re.IGNORECASE)
LIST_SEPARATOR = re.compile(r"\s*(?:[,;/+]|\bet\b|\band\b)\s*", re.IGNORECASE)
STRATEGIC = re.compile(r"(?i)strat[ée]gi|corporate|minorit")
NOT_EQUITY = re.compile(r"(?i)\b(?:pr[êe]t|loan|debt|dette|obligat\w*|bond|subvention|grant|ipo|introduction)\b")
NOT_STATED = re.compile(r"(?i)^(?:n\.?\s?c\.?|n/?a|nd|n\.d\.|non communiqu[ée]|undisclosed|-+|—|–|\?)?$")
MONTH_CELL = re.compile(r"(?i)^(?:(?:en|in|début|mi-?|fin|early|mid-?|late)\s+)?([a-zéû]+)\.?(?:\s+((?:19|20)\d\d))?$")


@dataclass
class TableRound:
    """What one row of a deal table says."""

    company: str
    investors: dict[str, bool] = field(default_factory=dict)  # name -> is lead
    round_cell: str = ""
    amount: Mention | None = None
    date: Mention | None = None


@dataclass
class _Layout:
    roles: dict[str, int]  # role -> cell position
    cells: int


def cells_of(text: str) -> list[tuple[int, int]]:
    """The spans of a row's cells in `text`, leading and trailing pipes left out; one span when no separator."""
    spans, start = [], 0
    for sep in CELL_SEPARATOR.finditer(text):
        spans.append((start, sep.start()))
        start = sep.end()
    spans.append((start, len(text.rstrip())))
    if spans and spans[0][0] == spans[0][1] and text[:spans[0][1] + 1].strip() in ("", "|"):
        spans = spans[1:]  # "| a | b |": the pipe that opens the row
    if spans and spans[-1][0] >= spans[-1][1]:
        spans = spans[:-1]
    return spans


def _layout(text: str) -> _Layout | None:
    """The columns of a header row, when it names a company column and two of amount, round, investors."""
    spans = cells_of(text)
    if len(spans) < 3:
        return None
    roles: dict[str, int] = {}
    for position, (a, b) in enumerate(spans):
        cell = text[a:b]
        if len(cell) > 40:
            return None  # a header names its columns in a few words
        for role, pattern in HEADER_ROLES:
            if role not in roles and pattern.search(cell):
                roles[role] = position
                break
    if "company" not in roles or sum(role in roles for role in ("amount", "round", "investors")) < 2:
        return None
    return _Layout(roles, len(spans))


def _investors(cell: str) -> dict[str, bool]:
    found: dict[str, bool] = {}
    for piece in LIST_SEPARATOR.split(cell):
        lead = bool(LEAD_MARK.search(piece))
        name = LEAD_MARK.sub("", piece).strip(" .*")
        if name and not NOT_STATED.match(name) and name[0].isalnum():
            found[name] = found.get(name, False) or lead
    return found


def _month(cell: str, start: int, anchor: dt.date | None) -> Mention | None:
    """A month named alone ("juillet", "Sept. 2026"), dated in the anchor's year when it gives none."""
    m = MONTH_CELL.match(cell.strip())
    month = month_number(m.group(1)) if m else None
    if month is None:
        return None
    year = int(m.group(2)) if m.group(2) else anchor.year if anchor else None
    if year is None:
        return None
    return Mention("date", start, start + len(cell), cell, date_value=dt.date(year, month, 1), date_precision="month")


def table_rounds(sentences: list) -> dict[int, TableRound | None]:
    """The rows of the deal tables of a document, by sentence index: the round each row gives, or None for a
    row that gives none (a loan, an empty company cell), so that no sentence rule reads it either.

    `sentences` are the document's sentence views (index, text, mentions) in order. A month alone in a date
    cell takes the year of the document's first date (a dateline, a report's period in its heading: "3e
    trimestre 2026"), not of the last one before the table, which is often a comparison ("contre 855 M€ au
    troisième trimestre 2025")."""
    rows: dict[int, TableRound | None] = {}
    layout: _Layout | None = None
    anchor: dt.date | None = None
    for position, s in enumerate(sentences):
        text = s.text
        if "|" not in text and "\t" not in text:
            layout = None  # most sentences of most documents: no cell in them
            continue
        text = text.strip("\n")
        if layout is not None:
            if RULE_ROW.match(text):
                rows[s.index] = None
                continue
            spans = cells_of(text)
            if len(spans) >= max(layout.roles.values()) + 1 and len(spans) <= layout.cells + 1:
                rows[s.index] = _row(s, spans, layout, anchor)
                continue
        layout = _layout(text)
        if layout is not None:
            rows[s.index] = None
            if anchor is None:
                anchor = next((m.date_value for earlier in sentences[:position] for m in earlier.mentions
                               if m.mention_type == "date" and m.date_value), None)
    return rows


def _row(s, spans: list[tuple[int, int]], layout: _Layout, anchor: dt.date | None) -> TableRound | None:
    def cell(role: str) -> tuple[str, int, int]:
        position = layout.roles.get(role)
        if position is None or position >= len(spans):
            return "", 0, 0
        a, b = spans[position]
        return s.text[a:b].strip(), a, b

    company, _, _ = cell("company")
    company = LEAD_MARK.sub("", company).strip(" *")
    round_cell, _, _ = cell("round")
    if not company or NOT_STATED.match(company) or NOT_EQUITY.search(round_cell):
        return None
    found = TableRound(company, round_cell=round_cell)
    investors, _, _ = cell("investors")
    found.investors = {name: lead for name, lead in _investors(investors).items() if name != company}
    amount_text, a, b = cell("amount")
    if amount_text and not NOT_STATED.match(amount_text):
        found.amount = next((m for m in s.mentions if m.mention_type == "money" and a <= m.start < b), None)
    date_text, a, b = cell("date")
    if date_text:
        found.date = next((m for m in s.mentions if m.mention_type == "date" and m.date_value is not None
                           and a <= m.start < b), None) or _month(date_text, a, anchor)
    return found
