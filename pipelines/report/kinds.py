"""The three kinds of deal the report has a part for, and where each lives in the marts."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    table: str  # in schema marts
    id_column: str
    fact_kind: str  # raw.candidate_facts.fact_kind
    heading: str
    singular: str
    anchor: str  # HTML id of the kind's part of the page


FUNDING_ROUNDS = Kind("fct_funding_rounds", "funding_round_id", "funding_round", "Funding rounds",
                      "funding round", "funding-rounds")
CONTRACTS = Kind("fct_contracts", "contract_id", "contract", "Contracts", "contract", "contracts")
CUSTOMER_LOSSES = Kind("fct_customer_losses", "customer_loss_id", "customer_loss", "Customer losses",
                       "customer loss", "customer-losses")
KINDS = (FUNDING_ROUNDS, CONTRACTS, CUSTOMER_LOSSES)
