"""One deal's section: a plain-language title, its values, what each source states, and every quote.

The section id is the fact id (`fr_…`, `ct_…`, `cl_…`), which is stable across
runs of the same corpus, so a link into the report keeps pointing at the deal.
"""

from __future__ import annotations

from html import escape

from pipelines.report.formatting import money, name_list, percent, period, usd
from pipelines.report.kinds import CONTRACTS, FUNDING_ROUNDS, Kind
from pipelines.report.queries import Quote
from pipelines.report.quotes import party_names, party_spans, quote_in_context, value_spans


def _amount(amount: float | None, currency: str | None, qualifier: str | None = None) -> str:
    text = money(amount, currency)
    return f"about {text}" if amount is not None and qualifier == "approx" else text


def title(kind: Kind, deal: dict) -> str:
    """'Mistral AI raised €1.7B in a Series C from ASML (9 September 2025)', as plain text."""
    when = f" ({period(deal['event_date'], deal['event_date_precision'])})" if deal.get("event_date") else ""
    stated = deal.get("amount") is not None
    amount = _amount(deal.get("amount"), deal.get("currency"), deal.get("amount_qualifier"))
    if kind is FUNDING_ROUNDS:
        round_type = deal.get("round_type")
        in_round = ""
        if round_type:
            in_round = f" in a {round_type}" if round_type.lower().startswith("series") else f" in a {round_type} round"
        leads = deal.get("lead_investor_names") or []
        investors = [*leads, *(n for n in deal.get("investor_names") or [] if n not in leads)]
        backers = f" from {name_list(investors)}" if investors else ""
        company = deal.get("company_name") or "A company"
        return f"{company} raised {amount if stated else 'an undisclosed amount'}{in_round}{backers}{when}"
    supplier = deal.get("supplier_name") or "A supplier"
    customer = deal.get("customer_name") or "a customer"
    if kind is CONTRACTS:
        what = f"a {amount} contract" if stated else "a contract"
        return f"{supplier} won {what} from {customer}{when}"
    at_stake = f", {amount} at stake" if stated else ""
    return f"{supplier} lost {customer} as a customer{at_stake}{when}"


def parties(deal: dict, candidates: list[dict]) -> list[str]:
    """Names to emphasise in quotes: the resolved names and the names as each article wrote them."""
    names = [deal.get("company_name"), deal.get("supplier_name"), deal.get("customer_name"),
             *(deal.get("investor_names") or [])]
    for c in candidates:
        names += [c.get("subject_name"), c.get("counterparty_name"), *(c.get("investors") or [])]
    return [n for n in names if n]


def _value_rows(kind: Kind, deal: dict) -> list[tuple[str, str]]:
    date = period(deal.get("event_date"), deal.get("event_date_precision"))
    if deal.get("event_date") and deal.get("event_date_precision"):
        date += f" (precision: {deal['event_date_precision']}; stored as {deal['event_date'].isoformat()})"
    amount = _amount(deal.get("amount"), deal.get("currency"), deal.get("amount_qualifier"))
    if deal.get("amount_qualifier") and deal.get("amount_qualifier") != "approx":
        amount += f" ({deal['amount_qualifier']})"
    stated = sorted(set(deal.get("amounts_stated") or []))
    rows: list[tuple[str, str]] = []
    if kind is FUNDING_ROUNDS:
        leads = deal.get("lead_investor_names") or []
        rows += [("Company", deal.get("company_name") or "not stated"),
                 ("Round", deal.get("round_type") or "not stated")]
    else:
        rows += [("Supplier", deal.get("supplier_name") or "not stated"),
                 ("Customer", deal.get("customer_name") or "not stated")]
    rows += [("Amount" if kind is not CONTRACTS else "Contract value", amount)]
    if len(stated) > 1:
        rows.append(("Amounts stated by the sources", ", ".join(money(a, deal.get("currency")) for a in stated)))
    rows.append(("In US dollars", usd(deal.get("amount_usd"))))
    if kind is FUNDING_ROUNDS:
        valuation = money(deal.get("valuation"), deal.get("valuation_currency") or deal.get("currency"))
        if deal.get("valuation_usd") is not None and (deal.get("valuation_currency") or deal.get("currency")) != "USD":
            valuation += f" ({usd(deal['valuation_usd'])})"
        rows += [("Stake", percent(deal.get("stake_pct"))), ("Valuation", valuation),
                 ("Lead investors", ", ".join(leads) or "not stated"),
                 ("Investors", ", ".join(deal.get("investor_names") or []) or "not stated")]
    rows += [("Date", date), ("Sources", str(deal.get("source_count") or 0))]
    if deal.get("has_conflict"):
        fields = ", ".join(deal.get("conflicting_fields") or []) or "yes"
        rows.append(("Sources disagree on", fields))
    return rows


def values_table(kind: Kind, deal: dict) -> str:
    cells = "".join(f"<tr><th>{escape(label)}</th><td>{escape(value)}</td></tr>"
                    for label, value in _value_rows(kind, deal))
    return f'<table class="values">{cells}</table>'


def _candidate_cells(kind: Kind, c: dict) -> dict[str, str]:
    low, high = c.get("amount_low"), c.get("amount_high")
    if c.get("amount") is None:
        amount = "—"
    elif low is not None and high is not None and low != high:
        amount = f"{money(low, c.get('currency'))}–{money(high, c.get('currency'))}"
    else:
        amount = _amount(c.get("amount"), c.get("currency"), c.get("amount_qualifier"))
    date = period(c.get("event_date"), c.get("event_date_precision")) if c.get("event_date") else "—"
    cells = {"amount": amount, "currency": c.get("currency") or "—", "event_date": date}
    if kind is FUNDING_ROUNDS:
        cells |= {"round_type": c.get("round_type") or "—",
                  "stake_pct": percent(c["stake_pct"]) if c.get("stake_pct") is not None else "—",
                  "valuation": money(c["valuation"], c.get("valuation_currency") or c.get("currency"))
                  if c.get("valuation") is not None else "—",
                  "investors": ", ".join(c.get("investors") or []) or "—"}
    else:
        cells |= {"subject_name": c.get("subject_name") or "—",
                  "counterparty_name": c.get("counterparty_name") or "—"}
    return cells


ROUND_COLUMNS = [("amount", "Amount stated"), ("currency", "Currency"), ("round_type", "Round"),
                 ("stake_pct", "Stake"), ("valuation", "Valuation"), ("event_date", "Date"), ("investors", "Investors")]
PARTY_COLUMNS = [("subject_name", "Supplier as written"), ("counterparty_name", "Customer as written"),
                 ("amount", "Amount stated"), ("currency", "Currency"), ("event_date", "Date")]
DIFFERS = ' class="differs"'


# conflicting_fields names a field as the deduplication model does; the table's column for it.
FIELD_COLUMNS = {"counterparty": "counterparty_name"}


def _disputed(columns: list[tuple[str, str]], deal: dict, rows: list[dict[str, str]]) -> set[str]:
    """The columns the warehouse says the sources disagree on; without that list, those whose values differ."""
    if "conflicting_fields" in deal:
        return {FIELD_COLUMNS.get(f, f) for f in deal.get("conflicting_fields") or []}
    return {key for key, _ in columns if len({r[key] for r in rows if r[key] != "—"}) > 1}


# Sources named beside a statement; the others are counted.
SOURCES_NAMED = 3


def _source_cell(sources: list[dict]) -> str:
    named = []
    for c in sources[:SOURCES_NAMED]:
        published = c.get("published_at")
        meta = escape(c.get("source_path") or c.get("document_id") or "") + (
            f" · {published.isoformat()}" if published else "")
        named.append(f'{escape(c.get("title") or c.get("source_path") or "")}<br><span class="meta">{meta}</span>')
    more = len(sources) - len(named)
    if more:
        named.append(f'<span class="meta">and {more:,} more source{"s" if more != 1 else ""}</span>')
    return "<br>".join(named)


def conflict_table(kind: Kind, deal: dict, candidates: list[dict]) -> str:
    """What the sources state, one row per distinct statement with the sources that make it (oldest first);
    disputed columns highlighted. A deal reported by two hundred articles shows its few distinct statements,
    not two hundred rows, and every disagreeing value still has its row."""
    if not candidates:
        stated = sorted(set(deal.get("amounts_stated") or []))
        listed = ", ".join(money(a, deal.get("currency")) for a in stated) or "not recorded"
        return (f'<div class="conflict"><h4>What the sources state</h4><p>Amounts stated: {escape(listed)}. '
                "Per-source values are not in this warehouse.</p></div>")
    columns = ROUND_COLUMNS if kind is FUNDING_ROUNDS else PARTY_COLUMNS
    statements: dict[tuple[str, ...], tuple[dict[str, str], list[dict]]] = {}
    for c in candidates:
        cells = _candidate_cells(kind, c)
        _, sources = statements.setdefault(tuple(cells[key] for key, _ in columns), (cells, []))
        if not sources or sources[-1].get("document_id") != c.get("document_id"):
            sources.append(c)
    disputed = _disputed(columns, deal, [cells for cells, _ in statements.values()])
    head = "".join(f"<th{DIFFERS if key in disputed else ''}>{escape(label)}</th>" for key, label in columns)
    body = []
    for cells, sources in statements.values():
        tds = "".join(f"<td{DIFFERS if key in disputed else ''}>{escape(cells[key])}</td>" for key, _ in columns)
        body.append(f"<tr><th>{_source_cell(sources)}</th>{tds}</tr>")
    return (f'<div class="conflict"><h4>What the sources state</h4>'
            f'<table class="sources"><thead><tr><th>Sources</th>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></div>')


def _safe_url(url: str | None) -> str | None:
    return url if url and url.lower().startswith(("http://", "https://")) else None


def quote_item(q: Quote, names: frozenset[str]) -> str:
    spans = value_spans(q.char_start, q.char_end, q.values) + party_spans(q.quote, names)
    text = quote_in_context(q.before, q.quote, q.after, spans,
                            before_clipped=q.before_clipped, after_clipped=q.after_clipped)
    cite = [f"<cite>{escape(q.title or q.source_path or q.document_id)}</cite>"]
    if q.source:
        cite.append(escape(q.source))
    cite.append(f"published {q.published_at.isoformat()}" if q.published_at else "publication date not given")
    if q.source_path:
        cite.append(f"<code>{escape(q.source_path)}</code>")
    if url := _safe_url(q.url):
        cite.append(f'<a href="{escape(url)}" rel="noopener noreferrer">{escape(url)}</a>')
    cite.append(f"characters {q.char_start:,}–{q.char_end:,}")
    return f'<li><p class="in-context">{text}</p><p class="cite">{" · ".join(cite)}</p></li>'


def section(kind: Kind, deal: dict, quotes: list[Quote], candidates: list[dict]) -> str:
    fact_id = escape(str(deal[kind.id_column]))
    names = party_names(parties(deal, candidates))
    badge = ' <span class="badge">sources disagree</span>' if deal.get("has_conflict") else ""
    parts = [f'<section class="deal" id="{fact_id}" data-kind="{kind.fact_kind}">',
             f'<h3><a href="#{fact_id}">{escape(title(kind, deal))}</a>{badge}</h3>',
             values_table(kind, deal)]
    if deal.get("has_conflict"):
        parts.append(conflict_table(kind, deal, candidates))
    if quotes:
        total = quotes[0].quotes_of_deal
        shown = f"{len(quotes)} of {total:,} quotes" if total > len(quotes) else \
            f'{len(quotes)} quote{"s" if len(quotes) != 1 else ""}'
        parts.append(f'<h4>Evidence ({shown})</h4>'
                     f'<ol class="quotes">{"".join(quote_item(q, names) for q in quotes)}</ol>')
        if total > len(quotes):
            parts.append(f'<p class="note">The oldest {len(quotes)} sources are shown; all {total:,} quotes are in '
                         f'<code>marts.fct_evidence</code> where <code>fact_id = \'{fact_id}\'</code>.</p>')
    else:
        parts.append('<p class="note">No quote recorded for this deal.</p>')
    parts.append(f'<p class="fact-id">{fact_id} · <a href="#{kind.anchor}">back to {escape(kind.heading.lower())}</a>'
                 ' · <a href="#top">top</a></p></section>')
    return "".join(parts)


def index_row(kind: Kind, deal: dict) -> str:
    fact_id = escape(str(deal[kind.id_column]))
    flag = '<span class="badge">disagree</span>' if deal.get("has_conflict") else ""
    amount = usd(deal["amount_usd"]) if deal.get("amount_usd") is not None else "—"
    when = period(deal.get("event_date"), deal.get("event_date_precision")) if deal.get("event_date") else "—"
    return (f'<tr><td><a href="#{fact_id}">{escape(title(kind, deal))}</a> {flag}</td>'
            f'<td class="num">{escape(amount)}</td><td>{escape(when)}</td>'
            f'<td class="num">{deal.get("source_count") or 0}</td></tr>')
