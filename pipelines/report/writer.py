"""Write the report file: read the warehouse read-only, stream the page into a temporary file, rename it.

Read-only, because the report must never take the writer's lock or block a
run. Streamed, because deal sections are written chunk by chunk as their quotes
arrive. Renamed over the old file in one step, so a browser or a file share
never sees half a page.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipelines.report import deals as render
from pipelines.report import page
from pipelines.report.kinds import KINDS, Kind
from pipelines.report.queries import (
    Schema,
    can_fingerprint,
    candidates_for,
    chunks,
    extraction_versions,
    funding_calendar,
    quotes_for,
    read_schema,
    section_fingerprints,
    selected_deals,
    supplier_counts,
    totals,
)
from pipelines.report.sections import SectionStore, code_digest
from pipelines.warehouse.build import connect_reader

# Deal sections per kind. A section with its quotes is about 2.4 KB of HTML: on a synthetic warehouse of
# 100,000 documents and 50,000 deals, 7,306 sections made 17.6 MB, written in 4 s and opened by headless
# Chromium in 2 s (measured). Past that the page is a database dump and the warehouse is the better tool.
MAX_DEALS_PER_KIND = 2000
TOP_SUPPLIERS = 15


@dataclass(frozen=True)
class _Section:
    """A deal's section as written: its UTF-8 bytes, what identifies its content, the quotes it shows."""
    html: bytes
    fingerprint: str | None
    quotes: int


def _page(con: duckdb.DuckDBPyConnection, schema: Schema, warehouse_path: Path, cap: int, counts: dict,
          store: SectionStore | None) -> Iterator[str | _Section]:
    total = totals(con)
    selected: dict[Kind, list[dict]] = {kind: selected_deals(con, kind, cap) for kind in KINDS}
    suppliers, supplier_total = supplier_counts(con, TOP_SUPPLIERS)
    yield page.head(warehouse_path, sum(len(deals) for deals in selected.values()))
    yield page.header(warehouse_path, total)
    yield page.nav(total)
    yield page.charts(funding_calendar(con), suppliers, supplier_total)
    yield page.conflicts(selected, total)
    for kind in KINDS:
        chosen = selected[kind]
        yield page.kind_opening(kind, chosen, total.deals[kind.table], cap,
                                [render.index_row(kind, deal) for deal in chosen])
        for chunk in chunks(chosen):
            ids = [deal[kind.id_column] for deal in chunk]
            fingerprints = section_fingerprints(con, kind, ids) if store is not None else {}
            kept = {i: store.get(fingerprints.get(i)) for i in ids} if store is not None else {}
            to_render = [i for i in ids if not kept.get(i)]
            quotes, candidates = (quotes_for(con, schema, to_render), candidates_for(con, schema, to_render)) \
                if to_render else ({}, {})
            for deal in chunk:
                fact_id = deal[kind.id_column]
                if kept.get(fact_id):
                    html, shown = kept[fact_id]
                    counts["sections_reused"] += 1
                else:
                    html = render.section(kind, deal, quotes.get(fact_id, []),
                                          candidates.get(fact_id, [])).encode("utf-8")
                    shown = len(quotes.get(fact_id, []))
                yield _Section(html, fingerprints.get(fact_id), shown)
                counts["deals"] += 1
                counts["quotes"] += shown
                counts["conflicts"] += bool(deal.get("has_conflict"))
        yield page.kind_closing()
    counts["deals_left_out"] = sum(total.deals.values()) - counts["deals"]
    yield page.foot()


def write_report(warehouse_path: Path, out_path: Path, *, max_deals_per_kind: int = MAX_DEALS_PER_KIND,
                 reuse_sections: bool = True) -> dict:
    """Write the evidence report of `warehouse_path` to `out_path`; return what it holds.

    Returns {"deals", "quotes", "conflicts", "deals_left_out", "sections_reused", "bytes"}: the deal sections
    written, the quotes shown in them, how many of those deals have conflicting sources, the deals beyond the
    per-kind limit, the sections taken as they were from the previous report (`reuse_sections`; see
    `pipelines.report.sections`), and the size of the file.
    """
    warehouse_path, out_path = Path(warehouse_path), Path(out_path)
    if not warehouse_path.is_file():
        raise FileNotFoundError(f"no warehouse at {warehouse_path}: run the pipeline first (make run)")
    out_path.parent.mkdir(parents=True, exist_ok=True)
    counts = {"deals": 0, "quotes": 0, "conflicts": 0, "deals_left_out": 0, "sections_reused": 0}
    tmp = out_path.with_name(f".{out_path.name}.{os.getpid()}.tmp")
    con = connect_reader(warehouse_path)
    store = None
    try:
        schema = read_schema(con)
        if reuse_sections and can_fingerprint(schema):
            key = f"{code_digest()}|{','.join(extraction_versions(con))}"
            store = SectionStore(SectionStore.path_for(out_path), key, out_path)
        # bytes, so that a section's place in the file is known as it is written (the store keeps it)
        with open(tmp, "wb") as handle:
            position = 0
            for part in _page(con, schema, warehouse_path, max_deals_per_kind, counts, store):
                data = part.html if isinstance(part, _Section) else part.encode("utf-8")
                handle.write(data)
                if store is not None and isinstance(part, _Section):
                    store.put(part.fingerprint, position, len(data), part.quotes)
                position += len(data)
            handle.flush()
            os.fsync(handle.fileno())
            written = os.fstat(handle.fileno())  # the file renamed below, whoever renames another after
        os.replace(tmp, out_path)
        if store is not None:
            store.save(written)
    finally:
        if store is not None:
            store.close()
        con.close()
        tmp.unlink(missing_ok=True)
    counts["bytes"] = out_path.stat().st_size
    return counts
