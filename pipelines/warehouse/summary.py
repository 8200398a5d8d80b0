"""What a run leaves in the warehouse, as the CLI prints it and the UI shows it."""

from __future__ import annotations

import duckdb

# What an analyst looks at first after a run, shown as Markdown tables in the UI.
PREVIEWS = {
    "largest_funding_rounds": "select company_name, round_type, amount, currency, amount_usd, event_date, "
                              "source_count from marts.fct_funding_rounds order by amount_usd desc nulls last, "
                              "company_name limit 10",
    "newest_contracts": "select supplier_name, customer_name, amount, currency, event_date, description "
                        "from marts.fct_contracts order by event_date desc nulls last, supplier_name limit 10",
    "newest_customer_losses": "select supplier_name, customer_name, amount, currency, event_date, reason "
                              "from marts.fct_customer_losses order by event_date desc nulls last, supplier_name "
                              "limit 10",
    "rejected_files": "select source_path, reason from marts.rejected_inputs order by source_path limit 20",
}
# The run's statistics: what the warehouse now holds.
STATISTICS = {
    "documents": "select count(*) from marts.dim_documents",
    "rejected_inputs": "select count(*) from marts.rejected_inputs",
    "funding_rounds": "select count(*) from marts.fct_funding_rounds",
    "contracts": "select count(*) from marts.fct_contracts",
    "customer_losses": "select count(*) from marts.fct_customer_losses",
    "organisations": "select count(*) from marts.dim_organizations",
    "evidence_quotes": "select count(*) from marts.fct_evidence",
    "facts_with_conflicting_sources": "select (select count(*) from marts.fct_funding_rounds where has_conflict)"
                                      " + (select count(*) from marts.fct_contracts where has_conflict)"
                                      " + (select count(*) from marts.fct_customer_losses where has_conflict)",
}


def warehouse_statistics(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {label: con.execute(sql).fetchone()[0] for label, sql in STATISTICS.items()}
