"""`python -m pipelines.cli run`: materialise every asset, then print what the warehouse holds.

The run goes through the Dagster instance in DAGSTER_HOME, so it appears in
the UI's run history like a run launched there.
"""

from __future__ import annotations

import argparse
import sys
import time

import dagster as dg
import duckdb

from pipelines.config import load_settings

SUMMARY_SQL = {
    "documents read": "select count(*) from marts.dim_documents",
    "rejected inputs": "select count(*) from marts.rejected_inputs",
    "funding rounds": "select count(*) from marts.fct_funding_rounds",
    "contracts": "select count(*) from marts.fct_contracts",
    "customer losses": "select count(*) from marts.fct_customer_losses",
    "organisations": "select count(*) from marts.dim_organizations",
    "facts with conflicting sources": "select (select count(*) from marts.fct_funding_rounds where has_conflict)"
                                      " + (select count(*) from marts.fct_contracts where has_conflict)"
                                      " + (select count(*) from marts.fct_customer_losses where has_conflict)",
}


def summary(warehouse_path) -> list[tuple[str, int]]:
    con = duckdb.connect(str(warehouse_path), read_only=True)
    try:
        return [(label, con.execute(sql).fetchone()[0]) for label, sql in SUMMARY_SQL.items()]
    finally:
        con.close()


def run() -> int:
    from pipelines.definitions import defs

    settings = load_settings()
    started = time.monotonic()
    job = defs().resolve_job_def("dealwire_job")
    result = job.execute_in_process(instance=dg.DagsterInstance.get(), raise_on_error=False)
    elapsed = time.monotonic() - started
    if not result.success:
        print(f"Dealwire run failed after {elapsed:.1f} s; the published warehouse was left as it was.",
              file=sys.stderr)
        return 1
    print(f"\nDealwire: {settings.source_dir} -> {settings.warehouse_path}")
    width = max(len(label) for label in SUMMARY_SQL)
    for label, value in summary(settings.warehouse_path):
        print(f"  {label:<{width}}  {value:>8}")
    print(f"  {'time taken':<{width}}  {elapsed:>7.1f}s")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="dealwire")
    parser.add_argument("command", choices=["run"])
    parser.parse_args(argv)
    return run()


if __name__ == "__main__":
    sys.exit(main())
