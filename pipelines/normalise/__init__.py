"""Normalisers that turn money and date mentions into typed values."""

from __future__ import annotations

import polars as pl


def chain_fields(*stages: dict[str, pl.Expr], out: dict[str, pl.Expr]) -> pl.Expr:
    """Compute named intermediate values once, stage by stage, and return the ``out`` struct.

    A plain Polars expression tree re-evaluates every shared sub-expression at
    each place it is used; storing intermediates as struct fields (read back
    with ``pl.field``) keeps a long parse linear instead of exponential.
    """
    expr = pl.struct(**stages[0])
    for stage in stages[1:]:
        expr = expr.struct.with_fields(**stage)
    return expr.struct.with_fields(__out=pl.struct(**out)).struct.field("__out")
