"""dbt models (staging -> intermediate -> marts) and the publication of the analysts' warehouse."""


import functools
import os
from collections.abc import Mapping
from typing import Any

import dagster as dg
import duckdb
from dagster_dbt import DagsterDbtTranslator, dbt_assets

from pipelines import progress
from pipelines.defs.metadata import markdown_table
from pipelines.warehouse.summary import PREVIEWS, warehouse_statistics
from pipelines.defs.resources import DealwireDbtResource, DealwireSettings
from pipelines.defs.transformation.dbt_in_process import DbtBuildError
from pipelines.defs.transformation.project import dbt_project
from pipelines.warehouse import build_state
from pipelines.warehouse.build import connect_build, connect_reader, writer_lock
from pipelines.warehouse.publish import publish, remove_stale_temporaries

PUBLISHED_KEY = dg.AssetKey(["warehouse", "dealwire"])
# dbt runs SMALL_BUILD_THREADS nodes at a time when at most this many documents changed since its last build:
# most nodes of such a build are small queries waiting on dbt's own work, whose Python the other threads
# overlap. Adding ten articles to 100,000, dbt's step took 13.9 s with two threads instead of 15.3 with one
# (mean of three runs each, alternated); with four threads 7.3-8.3 s (median 7.4) instead of 7.7-11.2 s
# (median 8.4) with two, faster in each of five alternated pairs. Two big nodes at once share DuckDB's memory
# limit and can exceed it, as the evidence test beside a clustering model did in a full refresh at 100,000
# articles: larger builds run one node at a time.
SMALL_BUILD_THREADS = 4
SMALL_BUILD_DOCUMENTS = 1000
# set to 1 for a small build (dbt runs in this process and reads it when it runs the tests)
CHECK_CHANGED_ONLY = "DEALWIRE_CHECK_CHANGED_DOCUMENTS_ONLY"


def small_build(full_refresh: bool, changed_documents: int | None) -> bool:
    """Whether the build follows a known, small change: it then runs several nodes at a time, and its tests that
    read the texts check only the documents changed since the last successful build (CHECK_CHANGED_ONLY,
    macro changed_documents_only): at 100,000 articles they read 420 MB of text for ten new articles, 1.3 s
    of dbt's work."""
    return not full_refresh and changed_documents is not None and changed_documents <= SMALL_BUILD_DOCUMENTS


def dbt_threads(full_refresh: bool, changed_documents: int | None) -> int:
    """How many nodes dbt runs at a time."""
    return SMALL_BUILD_THREADS if small_build(full_refresh, changed_documents) else 1


def warehouse_metadata(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Statistics, row count and previews of the published warehouse."""
    stats = warehouse_statistics(con)
    previews = {name: dg.MetadataValue.md(markdown_table(con.sql(sql).pl())) for name, sql in PREVIEWS.items()}
    return {"dagster/row_count": dg.MetadataValue.int(stats["funding_rounds"] + stats["contracts"]
                                                      + stats["customer_losses"]),
            **stats, **previews}


class DealwireTranslator(DagsterDbtTranslator):
    """dbt sources keep dbt's keys (raw/<table>) so the Python assets that write them join the same graph;
    models are grouped by layer (staging, intermediate, marts, reference)."""

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props["resource_type"] == "seed":
            return "reference"
        fqn = dbt_resource_props.get("fqn", [])
        return fqn[1] if len(fqn) > 2 else "dbt"


def out_of_memory_advice(error: str) -> str:
    """What to do when dbt's DuckDB runs out of memory: DuckDB's own advice names settings a user of
    Dealwire does not set directly."""
    limit = os.environ.get("DEALWIRE_DBT_MEMORY_LIMIT", "the default of dbt_project/profiles.yml")
    return (f"dbt's DuckDB ran out of memory under its limit of {limit}: raise DEALWIRE_DBT_MEMORY_LIMIT "
            f"(for instance to 1GB) and run again; nothing was published. dbt said: {error.strip()[:600]}")


def _node_label(unique_id: str) -> str:
    """model.dealwire.fct_contracts -> fct_contracts"""
    parts = unique_id.split(".")
    return parts[2] if len(parts) > 2 else unique_id


@functools.cache
def dbt_models_def() -> dg.AssetsDefinition:
    project = dbt_project()

    @dbt_assets(manifest=project.manifest_path, project=project, dagster_dbt_translator=DealwireTranslator())
    def dealwire_dbt_models(context: dg.AssetExecutionContext, dbt: DealwireDbtResource, dealwire: DealwireSettings):
        """Deduplicate, resolve and convert the candidate facts into the contract's marts; dbt tests run as checks."""
        settings = dealwire.settings()
        # a run of some models sees a subsetted definition: the whole project is the definition's full key set
        whole_project = context.selected_asset_keys == set(dbt_models_def().keys)
        with writer_lock(settings.build_dir, context.log.info):
            with connect_build(settings.build_db) as con:  # the raw schema exists even before any extraction
                state = build_state.current_state(con)
                # an output of this run made from an older copy (its step failed after the last publication)
                stale = [output for output in build_state.PUBLISHED_OUTPUTS
                         if dg.AssetKey(["warehouse", output]) in context.job_def.asset_layer.selected_asset_keys
                         and build_state.output_state(settings.build_dir, output) != state]
                published = build_state.recorded(con, "published") == state
                up_to_date = whole_project and settings.warehouse_path.exists() and published and not stale
                # incremental models hold what an earlier version of the project computed: when the project
                # changed, they are rebuilt from scratch
                project = build_state.dbt_project_digest()
                full_refresh = build_state.recorded(con, "dbt_project") != project
                changed = build_state.changed_documents(con)
                small = small_build(full_refresh, changed)
                threads = dbt_threads(full_refresh, changed)
            if up_to_date:
                # nothing to materialise: the steps downstream (publication, export, report) are skipped too
                context.log.info("the raw tables and the dbt project are as the published warehouse was built "
                                 "from: nothing to rebuild")
                progress.report("dbt build", 0, 0, "up to date, skipped")
                return
            if stale and published:
                context.log.info(f"not made from the published warehouse: {', '.join(stale)}; building and "
                                 "publishing again to make them")
            os.environ["DEALWIRE_DBT_PATH"] = str(settings.build_db)
            if full_refresh:
                context.log.info("the dbt project changed since the last build: full refresh")
            context.log.info(f"dbt runs {threads} node{'s' if threads > 1 else ''} at a time")
            if small:
                context.log.info(f"the tests that read the texts check the {changed} document"
                                 f"{'s' if changed != 1 else ''} changed since the last build")
            # unit tests check the models' SQL, not the data: they run in `make test` (tests/test_dbt_unit_tests.py),
            # as dbt advises, and not on every run. dbt.log keeps one line per node and the errors: at debug level
            # it also writes every statement, a third of a run's time on a small increment.
            # the reference data (seeds, their views and tests: tag `reference`) is part of the project, so it
            # can only have changed in a full refresh; other runs leave its 22 nodes out (0.7 s at any size)
            args = ["build", "--exclude-resource-type", "unit_test", "--log-level-file", "info",
                    "--threads", str(threads), *(["--full-refresh"] if full_refresh else [])]
            os.environ[CHECK_CHANGED_ONLY] = "1" if small else "0"
            exclude = [] if full_refresh else ["tag:reference"]

            def on_progress(unique_id: str, done: int, nodes: int) -> None:
                progress.report("dbt build", done, nodes, _node_label(unique_id) if unique_id else "")

            # one target folder per warehouse, kept between runs: dbt re-parses only what changed (partial
            # parsing), and runs do not pile up folders; runs on one warehouse never overlap (writer lock)
            try:
                yield from dbt.build(args, context=context, target_path=settings.build_dir / "dbt_target",
                                     exclude=exclude, on_progress=on_progress)
            except DbtBuildError as error:
                if "Out of Memory Error" in str(error.description):
                    raise dg.Failure(description=out_of_memory_advice(str(error.description))) from error
                raise
            finally:
                os.environ.pop(CHECK_CHANGED_ONLY, None)  # not for a dbt run by hand from this process
            with connect_build(settings.build_db) as con:
                build_state.record(con, "built", state if whole_project else None)
                if whole_project:
                    build_state.record(con, "dbt_project", project)
                    build_state.reset_changed_documents(con)

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
            with connect_build(settings.build_db) as con:
                built = build_state.recorded(con, "built")
            size = publish(settings.build_db, settings.warehouse_path)
            with connect_build(settings.build_db) as con:
                build_state.record(con, "published", built)
            con = connect_reader(settings.warehouse_path)
        try:
            metadata = warehouse_metadata(con)
        finally:
            con.close()
        return dg.MaterializeResult(metadata={**metadata, "path": str(settings.warehouse_path), "bytes": size})

    return dealwire_warehouse


@dg.definitions
def transformation_defs() -> dg.Definitions:
    return dg.Definitions(assets=[dbt_models_def(), published_warehouse_def()])
