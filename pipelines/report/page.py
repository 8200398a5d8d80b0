"""The page around the deal sections: style, header with totals, navigation, charts, list of conflicts.

The style is inline and the page has no script, so the file opens the same
offline, from a mail attachment or from a file share.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from pipelines.report.charts import SupplierDeals, funding_by_month_svg, suppliers_svg
from pipelines.report.deals import title
from pipelines.report.formatting import count, usd
from pipelines.report.kinds import KINDS, Kind
from pipelines.report.queries import FundingCalendar, Totals

STYLE = """
:root { --ink: #1a202c; --muted: #4a5568; --line: #e2e8f0; --accent: #2b6cb0; --warn: #c05621; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       background: #f7fafc; }
header, main { max-width: 1040px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 24px; }
h1 { margin: 0 0 4px; font-size: 28px; }
h2 { margin: 36px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
h3 { margin: 0 0 8px; font-size: 18px; }
h3 a { color: inherit; text-decoration: none; }
h4 { margin: 14px 0 6px; font-size: 14px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
a { color: var(--accent); }
code { font-size: 12px; }
.lede, .note, .meta, .cite, .fact-id { color: var(--muted); }
.totals { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 8px; margin: 16px 0; }
.totals div { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; }
.totals dt { font-size: 12px; color: var(--muted); }
.totals dd { margin: 0; font-size: 20px; font-weight: 600; }
nav { position: sticky; top: 0; z-index: 1; background: var(--ink); }
nav ul { max-width: 1040px; margin: 0 auto; padding: 8px 20px; list-style: none; display: flex; flex-wrap: wrap;
         gap: 4px 18px; }
nav a { color: #fff; text-decoration: none; }
figure { margin: 16px 0; background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 12px; }
figcaption { color: var(--muted); margin-bottom: 6px; }
svg.chart { display: block; max-width: 100%; height: auto; }
section[id] { scroll-margin-top: 48px; }  /* below the sticky navigation bar */
.deal { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 14px 16px; margin: 14px 0; }
/* Large pages only: the browser lays out the sections near the screen, not all of them. */
.large .deal { content-visibility: auto; contain-intrinsic-size: auto 600px; }
.deal:target { outline: 3px solid var(--accent); }
table { border-collapse: collapse; }
.values th, .values td { text-align: left; padding: 2px 14px 2px 0; vertical-align: top; }
.values th { color: var(--muted); font-weight: 500; white-space: nowrap; }
.sources, .index table { width: 100%; font-size: 13px; }
.sources th, .sources td, .index td, .index th { border: 1px solid var(--line); padding: 4px 6px; text-align: left;
                                                vertical-align: top; }
.sources thead th, .index thead th { background: #edf2f7; }
.sources .differs { background: #fffaf0; color: var(--warn); font-weight: 600; }
.num { text-align: right; white-space: nowrap; }
.badge { display: inline-block; font-size: 11px; font-weight: 600; color: #fff; background: var(--warn);
         border-radius: 10px; padding: 1px 8px; vertical-align: middle; }
.quotes { padding-left: 22px; }
.quotes li { margin-bottom: 10px; }
.in-context { margin: 0; }
.ctx { color: #718096; }
mark { background: #fefcbf; color: var(--ink); padding: 1px 2px; }
mark strong { font-weight: 700; }
mark .v-money { color: #22543d; }
mark .v-date { color: #2a4365; }
mark .v-party { text-decoration: underline; text-decoration-color: #b7791f; text-underline-offset: 2px; }
.cite { margin: 2px 0 0; font-size: 12px; }
.fact-id { font-size: 12px; margin: 10px 0 0; }
details.index { margin: 8px 0 16px; }
details.index summary { cursor: pointer; color: var(--accent); }
.conflicts li { margin: 4px 0; }
@media print { nav { position: static; } .deal { break-inside: avoid; content-visibility: visible; } }
"""


# Sections past which the page asks the browser to skip laying out those off screen: a page of
# 8,000 sections (20 MB) took 19 s to load in headless Chromium, 2 s with the skipping (measured).
LARGE_PAGE_SECTIONS = 300


def head(warehouse_path: Path, sections: int) -> str:
    body = '<body class="large">' if sections > LARGE_PAGE_SECTIONS else "<body>"
    return ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>Dealwire evidence report: {escape(warehouse_path.name)}</title>"
            f"<style>{STYLE}</style></head>{body}")


def header(warehouse_path: Path, totals: Totals) -> str:
    conflicts = sum(totals.conflicts.values())
    figures = [("documents", count(totals.documents)), ("rejected inputs", count(totals.rejected)),
               *((k.heading.lower(), count(totals.deals[k.table])) for k in KINDS),
               ("quotes", count(totals.quotes)), ("deals whose sources disagree", count(conflicts)),
               ("funding in US dollars", usd(totals.funding_usd))]
    cells = "".join(f"<div><dt>{escape(label)}</dt><dd>{escape(value)}</dd></div>" for label, value in figures)
    ingested = (f" · last document ingested {totals.last_ingested:%Y-%m-%d %H:%M}"
                if totals.last_ingested else "")
    return (f'<header id="top"><h1>Dealwire evidence report</h1>'
            f'<p class="lede">The deals in <code>{escape(str(warehouse_path))}</code> with the sentences that '
            f"support them{escape(ingested)}.</p><dl class=\"totals\">{cells}</dl></header>")


def nav(totals: Totals) -> str:
    links = [("charts", "Charts"), ("conflicts", f"Conflicts ({count(sum(totals.conflicts.values()))})"),
             *((k.anchor, f"{k.heading} ({count(totals.deals[k.table])})") for k in KINDS)]
    items = "".join(f'<li><a href="#{anchor}">{escape(label)}</a></li>' for anchor, label in links)
    return f'<nav aria-label="Contents"><ul>{items}</ul></nav><main>'


def charts(calendar: FundingCalendar, suppliers: list[SupplierDeals], supplier_total: int) -> str:
    dated = sum(m.rounds for m in calendar.months)
    notes = [f"{count(dated)} dated round{'s' if dated != 1 else ''}."] if dated else []
    if calendar.undated_rounds:
        notes.append(f"{count(calendar.undated_rounds)} round{'s' if calendar.undated_rounds != 1 else ''} "
                     f"with no date ({usd(calendar.undated_usd)}) are not shown.")
    if calendar.rounds_without_amount:
        notes.append(f"{count(calendar.rounds_without_amount)} round"
                     f"{'s' if calendar.rounds_without_amount != 1 else ''} with no amount count as $0.")
    if dated:
        notes.append("A round dated only to a quarter, half, season or year sits on the period's first month.")
    funding = funding_by_month_svg(calendar.months) or '<p class="note">No dated funding round.</p>'
    shown = (f"The {len(suppliers)} suppliers with the most contracts and customer losses, of {count(supplier_total)}."
             if supplier_total > len(suppliers) else f"All {len(suppliers)} suppliers." if suppliers else "")
    per_supplier = suppliers_svg(suppliers) or '<p class="note">No contract and no customer loss.</p>'
    return ('<section id="charts"><h2>Charts</h2>'
            f'<figure><figcaption><strong>Funding per month</strong> (sum of <code>amount_usd</code> by month of '
            f"<code>event_date</code>). {escape(' '.join(notes))}</figcaption>{funding}</figure>"
            f"<figure><figcaption><strong>Contracts and customer losses per supplier.</strong> {escape(shown)}"
            f"</figcaption>{per_supplier}</figure></section>")


def conflicts(selected: dict[Kind, list[dict]], totals: Totals) -> str:
    items = []
    for kind in KINDS:
        for deal in selected[kind]:
            if deal.get("has_conflict"):
                fields = ", ".join(deal.get("conflicting_fields") or [])
                on = f" — {escape(fields)}" if fields else ""
                fact_id = escape(str(deal[kind.id_column]))
                items.append(f'<li>{escape(kind.singular.capitalize())}: <a href="#{fact_id}">'
                             f"{escape(title(kind, deal))}</a>{on}</li>")
    total = sum(totals.conflicts.values())
    intro = (f"{count(total)} deal{'s' if total != 1 else ''} whose sources disagree on a value; each section "
             "shows every source's values side by side.")
    if len(items) < total:
        intro += f" {count(total - len(items))} of them are beyond this page's limit."
    body = f'<ul class="conflicts">{"".join(items)}</ul>' if items else ""
    return f'<section id="conflicts"><h2>Conflicts</h2><p class="note">{escape(intro)}</p>{body}</section>'


def kind_opening(kind: Kind, deals: list[dict], total: int, cap: int, index_rows: list[str]) -> str:
    if not total:
        return (f'<section class="kind" id="{kind.anchor}"><h2>{escape(kind.heading)}</h2>'
                f'<p class="note">No {escape(kind.singular)} in this warehouse.</p>')
    note = f"Largest first (amount in US dollars, then most recent). {count(total)} in the warehouse."
    if len(deals) < total:
        extra = len(deals) - min(cap, total)
        note += (f" This page shows the {count(min(cap, total))} largest"
                 + (f" and {count(extra)} more whose sources disagree" if extra > 0 else "")
                 + f"; {count(total - len(deals))} {'is' if total - len(deals) == 1 else 'are'} left out"
                 f" (all are in marts.{kind.table}).")
    index = ""
    if deals:
        what = kind.singular if len(deals) == 1 else kind.heading.lower()
        index = (f'<details class="index"{" open" if len(deals) <= 60 else ""}><summary>Index of {count(len(deals))} '
                 f'{escape(what)}</summary><table><thead><tr><th>Deal</th><th>US dollars</th>'
                 f'<th>Date</th><th>Sources</th></tr></thead><tbody>{"".join(index_rows)}</tbody></table></details>')
    return (f'<section class="kind" id="{kind.anchor}"><h2>{escape(kind.heading)}</h2>'
            f'<p class="note">{escape(note)}</p>{index}')


def kind_closing() -> str:
    return "</section>"


def foot() -> str:
    return "</main></body></html>\n"
