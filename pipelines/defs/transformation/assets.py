"""dbt models (staging -> intermediate -> marts) and the publication of the analysts' warehouse."""


import functools
import os
from collections.abc import Mapping
from typing import Any

import dagster as dg
import duckdb
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from pipelines.defs.metadata import table_metadata
from pipelines.defs.resources import DealwireSettings
from pipelines.defs.transformation.project import dbt_project
from pipelines.warehouse.build import connect_build, writer_lock
from pipelines.warehouse.publish import publish, remove_stale_temporaries

PUBLISHED_KEY = dg.AssetKey(["warehouse", "dealwire"])


class DealwireTranslator(DagsterDbtTranslator):
    """dbt sources keep dbt's keys (raw/<table>) so the Python assets that write them join the same graph;
    models are grouped by layer (staging, intermediate, marts, reference)."""

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props["resource_type"] == "seed":
            return "reference"
        fqn = dbt_resource_props.get("fqn", [])
        return fqn[1] if len(fqn) > 2 else "dbt"


def dbt_environment(build_db) -> dict[str, str]:
    return {**os.environ, "DEALWIRE_DBT_PATH": str(build_db)}


@functools.cache
def dbt_models_def() -> dg.AssetsDefinition:
    project = dbt_project()

    @dbt_assets(manifest=project.manifest_path, project=project, dagster_dbt_translator=DealwireTranslator())
    def dealwire_dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, dealwire: DealwireSettings):
        """Deduplicate, resolve and convert the candidate facts into the contract's marts; dbt tests run as checks."""
        settings = dealwire.settings()
        with writer_lock(settings.build_dir, context.log.info):
            with connect_build(settings.build_db):
                pass  # the raw schema exists even before the first extraction
            os.environ["DEALWIRE_DBT_PATH"] = str(settings.build_db)
            yield from dbt.cli(["build"], context=context).stream()

    return dealwire_dbt_models


def _mart_keys() -> list[dg.AssetKey]:
    return [key for key in dbt_models_def().keys if "marts" in dbt_models_def().specs_by_key[key].group_name]


@functools.cache
def published_warehouse_def() -> dg.AssetsDefinition:
    @dg.asset(key=PUBLISHED_KEY, deps=_mart_keys(), group_name="publication", kinds={"duckdb"})
    def dealwire_warehouse(context: dg.AssetExecutionContext, dealwire: DealwireSettings) -> dg.MaterializeResult:
        """The DuckDB file analysts query: a copy of the finished build, swapped in with one atomic rename, so an
        open session sees the previous complete state until it reconnects and never blocks the run."""
        settings = dealwire.settings()
        with writer_lock(settings.build_dir, context.log.info):
            remove_stale_temporaries(settings.warehouse_path)
            size = publish(settings.build_db, settings.warehouse_path)
            con = duckdb.connect(str(settings.warehouse_path), read_only=True)
        try:
            counts = {t: con.execute(f"select count(*) from marts.{t}").fetchone()[0]
                      for t in ("fct_funding_rounds", "fct_contracts", "fct_customer_losses", "dim_documents",
                                "rejected_inputs")}
            meta = table_metadata(
                con, "marts.fct_funding_rounds",
                "select company_name, round_type, amount, currency, amount_usd, event_date, source_count "
                "from marts.fct_funding_rounds order by amount_usd desc nulls last limit 10")
        finally:
            con.close()
        return dg.MaterializeResult(metadata={**meta, **{f"rows_{k}": v for k, v in counts.items()},
                                              "path": str(settings.warehouse_path), "bytes": size})

    return dealwire_warehouse


@dg.definitions
def transformation_defs() -> dg.Definitions:
    return dg.Definitions(assets=[dbt_models_def(), published_warehouse_def()])
