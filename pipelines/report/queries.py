"""Everything the report reads from the warehouse, as plain Python values.

The marts are the contract; the report also reads `raw.candidate_facts` (what
each source states, for conflicts) and `raw.mentions` (where the amounts and
dates sit in a quote). Those two are internal tables, so the report looks for
them first and leaves out what it cannot find instead of failing.

Deals are read in chunks of ids and their evidence fetched per chunk with the
surrounding text cut in SQL, so memory stays bounded by the chunk whatever the
size of the warehouse, and no whole document text crosses into Python.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import duckdb

from pipelines.report.charts import MonthFunding, SupplierDeals
from pipelines.report.kinds import KINDS, Kind
from pipelines.report.quotes import CONTEXT_CHARS
from pipelines.warehouse.ids import LOOKUP_IDS, id_table, rows_by_id

# Quotes shown per deal, oldest sources first; the section says how many more fct_evidence holds.
MAX_QUOTES_PER_DEAL = 10

# Ids per evidence query. Each query reads every document's text once to cut the quotes' context, whatever
# the number of ids (0.4 s at 100,000 articles), so chunks are as large as memory allows: 2,500 deals, a
# kind's whole share of the report (MAX_DEALS_PER_KIND plus a quarter), bring about 9,000 quotes of a few
# hundred characters. Chunks of 1,000 made 8 such reads instead of 3: 3.6 s of a 7.5 s report.
CHUNK = 2500
PRECISE = ("day", "month")


@dataclass(frozen=True)
class Schema:
    """Which optional tables and columns this warehouse has."""
    tables: frozenset[str]
    columns: frozenset[str]  # "schema.table.column"

    def has(self, name: str) -> bool:
        return name in self.tables or name in self.columns


def read_schema(con: duckdb.DuckDBPyConnection) -> Schema:
    rows = con.execute("select table_schema, table_name, column_name from information_schema.columns").fetchall()
    return Schema(frozenset(f"{s}.{t}" for s, t, _ in rows), frozenset(f"{s}.{t}.{c}" for s, t, c in rows))


@dataclass
class Quote:
    fact_id: str
    document_id: str
    char_start: int
    char_end: int
    quote: str
    candidate_ids: list[str]
    before: str
    after: str
    before_clipped: bool
    after_clipped: bool
    title: str | None
    source_path: str | None
    published_at: dt.date | None
    source: str | None
    url: str | None
    quotes_of_deal: int  # how many distinct quotes the deal has, shown or not (MAX_QUOTES_PER_DEAL)
    values: list[tuple[int, int, str]] = field(default_factory=list)  # mentions inside, document offsets


@dataclass
class Totals:
    documents: int
    rejected: int
    deals: dict[str, int]  # per kind table
    conflicts: dict[str, int]
    quotes: int
    funding_usd: float
    last_ingested: dt.datetime | None


def _rows(cursor: duckdb.DuckDBPyConnection) -> list[dict]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def totals(con: duckdb.DuckDBPyConnection) -> Totals:
    one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
    return Totals(
        documents=one("select count(*) from marts.dim_documents"),
        rejected=one("select count(*) from marts.rejected_inputs"),
        deals={k.table: one(f"select count(*) from marts.{k.table}") for k in KINDS},
        conflicts={k.table: one(f"select count(*) from marts.{k.table} where has_conflict") for k in KINDS},
        quotes=one("select count(*) from (select distinct fact_id, document_id, char_start, char_end "
                   "from marts.fct_evidence)"),
        funding_usd=one("select coalesce(sum(amount_usd), 0) from marts.fct_funding_rounds"),
        last_ingested=one("select max(ingested_at) from marts.dim_documents"),
    )


@dataclass(frozen=True)
class FundingCalendar:
    months: list[MonthFunding]
    undated_rounds: int
    undated_usd: float
    rounds_without_amount: int


def funding_calendar(con: duckdb.DuckDBPyConnection) -> FundingCalendar:
    months = [MonthFunding(month, precise or 0.0, coarse or 0.0, rounds) for month, precise, coarse, rounds in
              con.execute("""
                  select date_trunc('month', event_date)::date,
                         sum(amount_usd) filter (where event_date_precision in ('day', 'month')),
                         sum(amount_usd) filter (where event_date_precision is null
                                                    or event_date_precision not in ('day', 'month')),
                         count(*)
                  from marts.fct_funding_rounds
                  where event_date is not null
                  group by 1 order by 1""").fetchall()]
    undated, undated_usd, no_amount = con.execute("""
        select count(*) filter (where event_date is null),
               coalesce(sum(amount_usd) filter (where event_date is null), 0),
               count(*) filter (where amount_usd is null)
        from marts.fct_funding_rounds""").fetchone()
    return FundingCalendar(months, undated, undated_usd, no_amount)


def supplier_counts(con: duckdb.DuckDBPyConnection, limit: int) -> tuple[list[SupplierDeals], int]:
    """The `limit` suppliers with the most contracts and losses together, and how many suppliers there are."""
    rows = con.execute("""
        with contracts as (select supplier_name, count(*) as n from marts.fct_contracts group by 1),
             losses as (select supplier_name, count(*) as n from marts.fct_customer_losses group by 1)
        select supplier_name, coalesce(c.n, 0), coalesce(l.n, 0), count(*) over ()
        from contracts as c full join losses as l using (supplier_name)
        where supplier_name is not null
        order by coalesce(c.n, 0) + coalesce(l.n, 0) desc, coalesce(c.n, 0) desc, supplier_name
        limit ?""", [limit]).fetchall()
    return [SupplierDeals(name, contracts, losses) for name, contracts, losses, _ in rows], (rows[0][3] if rows else 0)


def _order(kind: Kind) -> str:
    return f"amount_usd desc nulls last, event_date desc nulls last, {kind.id_column}"


def selected_deals(con: duckdb.DuckDBPyConnection, kind: Kind, cap: int) -> list[dict]:
    """The `cap` largest deals of a kind, plus up to `cap // 4` more that have conflicting sources.

    Only the deals' own rows: the report holds at most 1.25 x cap of them, the index needs them all
    before the first section, and their quotes are fetched later, chunk by chunk.
    """
    return _rows(con.execute(f"""
        with ranked as (
            select *, row_number() over (order by {_order(kind)}) as report_rank from marts.{kind.table}
        ),
        beyond as (
            select *, row_number() over (order by {_order(kind)}) as report_extra
            from ranked where report_rank > $cap and coalesce(has_conflict, false)
        )
        select * exclude (report_rank) from ranked where report_rank <= $cap
        union all by name
        select * exclude (report_rank, report_extra) from beyond where report_extra <= $cap // 4
        order by {_order(kind)}""", {"cap": cap}))


def chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _fact_ids(con: duckdb.DuckDBPyConnection, fact_ids: list[str]):
    """The chunk's ids as a table `chunk_ids(fact_id)` inside the block."""
    return id_table(con, "chunk_ids", fact_ids, column="fact_id")


def quotes_for(con: duckdb.DuckDBPyConnection, schema: Schema, fact_ids: list[str]) -> dict[str, list[Quote]]:
    """Each deal's distinct quotes, oldest source first, with the text around them; at most
    MAX_QUOTES_PER_DEAL of them (a deal of a busy company can be reported hundreds of times). The quotes are
    ranked and cut on the documents' dates alone, and only those kept join the texts to cut their context
    (at 100,000 articles: 3.8 s to 3.0 s for the whole report's quotes, same rows)."""
    candidate = "e.candidate_id" if schema.has("marts.fct_evidence.candidate_id") else "null::varchar"
    with _fact_ids(con, fact_ids), _quoted_documents(con) as documents:
        rows = _rows(con.execute(f"""
        with quotes as (
            select e.fact_id, e.document_id, e.char_start, e.char_end, any_value(e.quote) as quote,
                   list(distinct {candidate}) filter (where {candidate} is not null) as candidate_ids
            from marts.fct_evidence as e semi join chunk_ids using (fact_id)
            group by all
        ),
        kept as (
            select q.*, count(*) over (partition by q.fact_id) as quotes_of_deal
            from quotes as q left join (select document_id, published_at from marts.dim_documents) as d
                using (document_id)
            qualify row_number() over (partition by q.fact_id
                                       order by d.published_at nulls last, q.document_id, q.char_start) <= $max
        )
        select k.* exclude (quotes_of_deal),
               substring(d.text, greatest(k.char_start - $w, 0) + 1, k.char_start - greatest(k.char_start - $w, 0))
                   as before,
               substring(d.text, k.char_end + 1, $w) as after,
               k.char_start > $w as before_clipped,
               length(d.text) > k.char_end + $w as after_clipped,
               d.title, d.source_path, d.published_at,
               {"d.source" if schema.has("marts.dim_documents.source") else "null"} as source,
               {"d.url" if schema.has("marts.dim_documents.url") else "null"} as url,
               k.quotes_of_deal
        from kept as k left join {documents} as d using (document_id)
        order by k.fact_id, d.published_at nulls last, k.document_id, k.char_start""",
                                 {"w": CONTEXT_CHARS, "max": MAX_QUOTES_PER_DEAL}))
    found: dict[str, list[Quote]] = defaultdict(list)
    for row in rows:
        row["candidate_ids"] = row["candidate_ids"] or []
        row["before"], row["after"] = row["before"] or "", row["after"] or ""
        found[row["fact_id"]].append(Quote(**row))
    if schema.has("raw.mentions"):
        _attach_values(con, fact_ids, found)
    return found


@contextmanager
def _quoted_documents(con: duckdb.DuckDBPyConnection) -> Iterator[str]:
    """What to join for the documents the chunk quotes (`chunk_ids` is registered): those documents,
    looked up one by one, when there are few (a report after a small run renders a handful of sections;
    `pipelines.warehouse.ids` says why), else the documents table."""
    documents = [d for (d,) in con.execute(
        "select distinct document_id from marts.fct_evidence semi join chunk_ids using (fact_id)").fetchall()]
    if len(documents) > LOOKUP_IDS:
        yield "marts.dim_documents"
        return
    con.register("quoted_documents", rows_by_id(con, "marts.dim_documents", "*", documents))
    try:
        yield "quoted_documents"
    finally:
        con.unregister("quoted_documents")


def _attach_values(con: duckdb.DuckDBPyConnection, fact_ids: list[str], found: dict[str, list[Quote]]) -> None:
    with _fact_ids(con, fact_ids):
        rows = con.execute("""
        with spans as (select distinct document_id, char_start, char_end
                       from marts.fct_evidence semi join chunk_ids using (fact_id))
        select s.document_id, s.char_start, s.char_end, m.char_start, m.char_end, m.mention_type
        from spans as s join raw.mentions as m
          on m.document_id = s.document_id and m.char_start >= s.char_start and m.char_end <= s.char_end
        where m.mention_type in ('money', 'percent', 'date')""").fetchall()
    values: dict[tuple, list] = defaultdict(list)
    for doc, start, end, m_start, m_end, m_type in rows:
        values[(doc, start, end)].append((m_start, m_end, m_type))
    for quotes in found.values():
        for q in quotes:
            q.values = values.get((q.document_id, q.char_start, q.char_end), [])


def candidates_for(con: duckdb.DuckDBPyConnection, schema: Schema, fact_ids: list[str]) -> dict[str, list[dict]]:
    """What each source states about each deal: one row per candidate fact, with its document."""
    if not (schema.has("raw.candidate_facts") and schema.has("marts.fct_evidence.candidate_id")):
        return {}
    investors = ("""left join (select candidate_id,
                          list(investor_name order by is_lead desc, investor_name) as investors,
                          list(investor_name order by investor_name) filter (where is_lead) as leads
                   from raw.candidate_fact_investors semi join links using (candidate_id)
                   group by 1) as i using (candidate_id)"""
                 if schema.has("raw.candidate_fact_investors") else "")
    with _fact_ids(con, fact_ids):
        rows = _rows(con.execute(f"""
        with links as (select distinct fact_id, candidate_id
                       from marts.fct_evidence semi join chunk_ids using (fact_id))
        select links.fact_id, c.*,
               {"i.investors, i.leads" if investors else "null as investors, null as leads"},
               d.title, d.source_path, d.published_at
        from links join raw.candidate_facts as c using (candidate_id)
        {investors}
        left join marts.dim_documents as d on d.document_id = c.document_id
        order by links.fact_id, d.published_at nulls last, c.document_id, c.char_start, c.candidate_id"""))
    found: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        found[row["fact_id"]].append(row)
    return found


def can_fingerprint(schema: Schema) -> bool:
    """Whether this warehouse has what a section's fingerprint sums up: the candidates behind each quote and
    the extraction versions its documents were read with."""
    return all(schema.has(name) for name in (
        "marts.fct_evidence.candidate_id", "raw.candidate_facts", "raw.candidate_fact_investors",
        "raw.stage_progress", "marts.dim_documents.source", "marts.dim_documents.url"))


def extraction_versions(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The extractor versions the documents were read with: the amounts and dates marked in a quote
    (raw.mentions) are those of its document's version."""
    return [v for (v,) in con.execute(
        "select distinct extractor_version from raw.stage_progress order by 1").fetchall()]


def section_fingerprints(con: duckdb.DuckDBPyConnection, kind: Kind, fact_ids: list[str]) -> dict[str, str]:
    """Per deal, a digest of everything its section shows: the deal's row, its evidence rows with their
    documents' metadata, and the rows of its candidates with their investors. A quote's surrounding text is
    its document's, whose id is the hash of its text, so the offsets stand for it (no text is read here).
    Only for warehouses where `can_fingerprint`."""
    with _fact_ids(con, fact_ids):
        rows = con.execute(f"""
        with documents as (
            select document_id, title, source_path, published_at, source, url from marts.dim_documents
        ),
        deals as (
            select t.{kind.id_column} as fact_id, hash(t) as deal_hash
            from marts.{kind.table} as t semi join chunk_ids on chunk_ids.fact_id = t.{kind.id_column}
        ),
        evidence as (
            select e.fact_id,
                   sum(hash(e.document_id, e.char_start, e.char_end, e.quote, e.candidate_id, d)::hugeint)
                       as evidence_hash
            from marts.fct_evidence as e semi join chunk_ids using (fact_id)
            left join documents as d using (document_id)
            group by e.fact_id
        ),
        links as (
            select distinct fact_id, candidate_id from marts.fct_evidence semi join chunk_ids using (fact_id)
        ),
        investors as (
            select candidate_id, sum(hash(i)::hugeint) as investors_hash
            from raw.candidate_fact_investors as i semi join links using (candidate_id)
            group by candidate_id
        ),
        candidates as (
            select l.fact_id, sum(hash(c, i.investors_hash, d)::hugeint) as candidates_hash
            from links as l
            join raw.candidate_facts as c using (candidate_id)
            left join investors as i using (candidate_id)
            left join documents as d on d.document_id = c.document_id
            group by l.fact_id
        )
        select deals.fact_id,
               concat_ws(':', deals.deal_hash, coalesce(evidence.evidence_hash, 0),
                         coalesce(candidates.candidates_hash, 0))
        from deals
        left join evidence using (fact_id)
        left join candidates using (fact_id)""").fetchall()
    return dict(rows)
