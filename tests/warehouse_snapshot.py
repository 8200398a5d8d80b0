"""Every row of every contract table, comparable across two warehouses built from the same folder."""

from __future__ import annotations

import duckdb

CONTRACT_TABLES = ["fct_funding_rounds", "fct_funding_round_investors", "fct_contracts", "fct_customer_losses",
                   "dim_organizations", "dim_documents", "fct_evidence", "rejected_inputs"]
# When the rows were first seen: two separate builds differ there by design.
CLOCK_COLUMNS = {"ingested_at", "detected_at"}


def marts_snapshot(warehouse, ignore_clock: bool = False) -> dict[str, list[str]]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        out = {}
        for table in CONTRACT_TABLES:
            cols = [r[0] for r in con.execute(
                "select column_name from information_schema.columns where table_schema='marts' and table_name=? "
                "order by ordinal_position", [table]).fetchall()]
            if ignore_clock:
                cols = [c for c in cols if c not in CLOCK_COLUMNS]
            out[table] = sorted(map(repr, con.execute(f"select {', '.join(cols)} from marts.{table}").fetchall()))
        return out
    finally:
        con.close()
