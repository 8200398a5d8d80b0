"""Inline SVG bar charts drawn from plain numbers, so the report needs no script and no network.

Two charts: funding per month (a time axis with every month present, empty
ones included, so gaps read as gaps) and contracts against customer losses per
supplier (horizontal bars, because supplier names are long). Every bar carries
a <title> tooltip with its exact figures.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from html import escape

from pipelines.report.formatting import MONTHS, usd

FUNDING_PRECISE = "#2f855a"
FUNDING_COARSE = "#9ae6b4"
CONTRACTS = "#2b6cb0"
LOSSES = "#c53030"
AXIS = "#4a5568"


@dataclass(frozen=True)
class MonthFunding:
    month: dt.date
    usd_precise: float  # rounds dated to the day or the month
    usd_coarse: float  # rounds dated to a quarter, half, season or year, placed on its first month
    rounds: int


@dataclass(frozen=True)
class SupplierDeals:
    supplier: str
    contracts: int
    losses: int


def nice_step(top: float, ticks: int = 4) -> float:
    """A 1, 2 or 5 times a power of ten that divides `top` into about `ticks` intervals."""
    if top <= 0:
        return 1.0
    raw = top / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return factor * power
    return 10 * power


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(dt.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _text(x: float, y: float, label: str, anchor: str = "middle", size: int = 11, extra: str = "") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" fill="{AXIS}"{extra}>'
            f"{escape(label)}</text>")


def _legend(x: float, y: float, items: list[tuple[str, str]]) -> str:
    parts = []
    for colour, label in items:
        parts.append(f'<rect x="{x:.1f}" y="{y - 9:.1f}" width="12" height="12" fill="{colour}"/>')
        parts.append(_text(x + 17, y + 1, label, anchor="start"))
        x += 24 + 7 * len(label)
    return "".join(parts)


def funding_by_month_svg(rows: list[MonthFunding], width: int = 960, height: int = 360) -> str:
    """Stacked bars of US dollars per month: rounds dated to the month or day, and coarser dates on top."""
    if not rows:
        return ""
    by_month = {row.month: row for row in rows}
    months = months_between(min(by_month), max(by_month))
    left, right, top, bottom = 78, 16, 34, 70
    plot_w, plot_h = width - left - right, height - top - bottom
    highest = max(row.usd_precise + row.usd_coarse for row in rows)
    step = nice_step(highest)
    y_max = step * max(1, math.ceil(highest / step))
    slot = plot_w / len(months)
    bar_w = min(48.0, max(1.0, slot * 0.78))
    label_every = max(1, math.ceil(len(months) / 16))
    # Every bar's value when they fit; otherwise the five largest months, the ones a reader looks for.
    labelled = set(by_month) if len(months) <= 24 else {
        r.month for r in sorted(rows, key=lambda r: r.usd_precise + r.usd_coarse, reverse=True)[:5]}
    out = [f'<svg class="chart" id="chart-funding" xmlns="http://www.w3.org/2000/svg" role="img" '
           f'viewBox="0 0 {width} {height}" width="100%" aria-labelledby="chart-funding-title">',
           '<title id="chart-funding-title">Funding raised per month, in US dollars</title>',
           _legend(left, 16, [(FUNDING_PRECISE, "dated to the day or month"),
                              (FUNDING_COARSE, "dated to a quarter, half, season or year (first month)")])]
    tick = 0.0
    while tick <= y_max + step / 2:
        y = top + plot_h - plot_h * tick / y_max
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e2e8f0"/>')
        out.append(_text(left - 6, y + 4, usd(tick) if tick else "$0", anchor="end"))
        tick += step
    for i, month in enumerate(months):
        row = by_month.get(month)
        x = left + i * slot + (slot - bar_w) / 2
        if row is not None and row.rounds:
            base = top + plot_h
            tip = (f"{MONTHS[month.month - 1]} {month.year}: {usd(row.usd_precise + row.usd_coarse)} "
                   f"from {row.rounds} round{'s' if row.rounds != 1 else ''}"
                   + (f", {usd(row.usd_coarse)} of it dated only to a longer period" if row.usd_coarse else ""))
            out.append(f'<g class="bar"><title>{escape(tip)}</title>')
            for value, colour in ((row.usd_precise, FUNDING_PRECISE), (row.usd_coarse, FUNDING_COARSE)):
                h = plot_h * value / y_max
                if h > 0:
                    out.append(f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                               f'fill="{colour}"/>')
                    base -= h
            if month in labelled and row.usd_precise + row.usd_coarse > 0:
                out.append(_text(x + bar_w / 2, base - 4, usd(row.usd_precise + row.usd_coarse), size=10))
            out.append("</g>")
        if i % label_every == 0:
            label = f"{MONTHS[month.month - 1][:3]} {month.year}"
            lx, ly = x + bar_w / 2, top + plot_h + 14
            out.append(_text(lx, ly, label, anchor="end", size=10,
                             extra=f' transform="rotate(-40 {lx:.1f} {ly:.1f})"'))
    out.append(f'<line x1="{left}" x2="{width - right}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="{AXIS}"/>')
    out.append(_text(left + plot_w / 2, height - 4, "month of the round (event_date)"))
    middle = top + plot_h / 2
    out.append(_text(14, middle, "US dollars raised", extra=f' transform="rotate(-90 14 {middle:.1f})"'))
    out.append("</svg>")
    return "".join(out)


def suppliers_svg(rows: list[SupplierDeals], width: int = 960) -> str:
    """Two bars per supplier: contracts won and customers lost, with the counts written at the bar ends."""
    if not rows:
        return ""
    left, right, top, bottom = 230, 40, 34, 40
    bar_h, gap = 12, 12
    row_h = 2 * bar_h + gap
    height = top + bottom + row_h * len(rows)
    plot_w = width - left - right
    highest = max(max(row.contracts, row.losses) for row in rows)
    step = max(1, int(nice_step(highest)))
    x_max = step * max(1, math.ceil(highest / step))
    out = [f'<svg class="chart" id="chart-suppliers" xmlns="http://www.w3.org/2000/svg" role="img" '
           f'viewBox="0 0 {width} {height}" width="100%" aria-labelledby="chart-suppliers-title">',
           '<title id="chart-suppliers-title">Contracts won and customers lost per supplier</title>',
           _legend(left, 16, [(CONTRACTS, "contracts won"), (LOSSES, "customers lost")])]
    plot_bottom = top + row_h * len(rows)
    for tick in range(0, x_max + 1, step):
        x = left + plot_w * tick / x_max
        out.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{plot_bottom}" stroke="#e2e8f0"/>')
        out.append(_text(x, plot_bottom + 14, str(tick)))
    for i, row in enumerate(rows):
        y = top + i * row_h + gap / 2
        name = row.supplier if len(row.supplier) <= 32 else row.supplier[:31] + "…"
        out.append(_text(left - 8, y + bar_h + 4, name, anchor="end", size=12))
        for j, (value, colour, noun) in enumerate(((row.contracts, CONTRACTS, ("contract", "won")),
                                                   (row.losses, LOSSES, ("customer", "lost")))):
            w = plot_w * value / x_max
            by = y + j * bar_h
            tip = f"{row.supplier}: {value} {noun[0]}{'' if value == 1 else 's'} {noun[1]}"
            out.append(f'<g class="bar"><title>{escape(tip)}</title>'
                       f'<rect x="{left}" y="{by:.1f}" width="{w:.1f}" height="{bar_h - 1}" fill="{colour}"/>'
                       + _text(left + w + 4, by + bar_h - 2, str(value), anchor="start", size=10) + "</g>")
    out.append(f'<line x1="{left}" x2="{left}" y1="{top}" y2="{plot_bottom}" stroke="{AXIS}"/>')
    out.append(_text(left + plot_w / 2, height - 6, "number of deals"))
    out.append("</svg>")
    return "".join(out)
