"""Checks on the published warehouse that dbt's tests do not express, and the bundled scorer.

The repository's `gold/` folder ships the scorer (`score.py`) and the annotated
facts of the default corpus (`seeds.jsonl`, format in `FORMAT.md`), so a run on
`seeds/` can say how close it is to the truth.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pipelines.config import PROJECT_ROOT

GOLD_DIR = PROJECT_ROOT / "gold"
SCORER = GOLD_DIR / "score.py"
SEEDS_GOLD = GOLD_DIR / "seeds.jsonl"
CORE_KINDS = ("funding_round", "contract", "customer_loss")


def score(warehouse: Path, gold: Path = SEEDS_GOLD) -> dict:
    """Run the scorer on a warehouse; its JSON report (precision, recall, F1 per kind, micro F1)."""
    out = subprocess.run([sys.executable, str(SCORER), str(warehouse), str(gold), "--json"],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


# Each query returns the rows that break the rule; an empty result passes.
RULES = {
    # Whether each quote is exactly the text at its offsets is dbt's test `evidence_quote_matches_text` on
    # fct_evidence, which passes before anything is published (the published file is a copy of what it
    # tested): checking it again here read every document's text a second time, 1.2 s of each run at 100,000
    # articles.
    "every_fact_has_evidence": (
        "Every funding round, contract and customer loss has at least one evidence row (that each quote is the "
        "text at its offsets is dbt's test evidence_quote_matches_text on fct_evidence).",
        """
        with facts as (
            select funding_round_id as fact_id, 'fct_funding_rounds' as fact_table from marts.fct_funding_rounds
            union all select contract_id, 'fct_contracts' from marts.fct_contracts
            union all select customer_loss_id, 'fct_customer_losses' from marts.fct_customer_losses
        )
        select f.fact_table, f.fact_id, 'no evidence' as problem
        from facts f anti join marts.fct_evidence e using (fact_id)
        """,
    ),
    "no_duplicate_events": (
        "No two rows of a fact table describe the same event: same parties, same amount and same date.",
        """
        select 'fct_funding_rounds' as fact_table, company_name || ' ' || coalesce(amount::varchar, '') as event,
               count(*) as rows
        from marts.fct_funding_rounds
        group by company_id, round_type, amount, currency, event_date, company_name having count(*) > 1
        union all
        select 'fct_contracts', supplier_name || ' / ' || customer_name, count(*)
        from marts.fct_contracts
        group by supplier_id, customer_id, amount, currency, event_date, supplier_name, customer_name
        having count(*) > 1
        union all
        select 'fct_customer_losses', supplier_name || ' / ' || customer_name, count(*)
        from marts.fct_customer_losses
        group by supplier_id, customer_id, amount, currency, event_date, supplier_name, customer_name
        having count(*) > 1
        """,
    ),
    "amount_usd_present": (
        "Every fact with an amount and a currency has its amount in US dollars.",
        """
        select 'fct_funding_rounds' as fact_table, funding_round_id as fact_id, amount, currency
        from marts.fct_funding_rounds where amount is not null and currency is not null and amount_usd is null
        union all
        select 'fct_contracts', contract_id, amount, currency
        from marts.fct_contracts where amount is not null and currency is not null and amount_usd is null
        union all
        select 'fct_customer_losses', customer_loss_id, amount, currency
        from marts.fct_customer_losses where amount is not null and currency is not null and amount_usd is null
        """,
    ),
}
