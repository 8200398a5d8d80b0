"""The Parquet export of the published warehouse: what Spark, Polars or another DuckDB read without the file."""

from pathlib import Path

import dagster as dg

from pipelines.defs.resources import DealwireSettings
from pipelines.defs.transformation.assets import PUBLISHED_KEY
from pipelines.warehouse import build_state
from pipelines.warehouse.export import export_parquet

PARQUET_EXPORT_KEY = dg.AssetKey(["warehouse", "parquet_export"])


class ParquetExportConfig(dg.Config):
    out_dir: str = ""
    """Where to export (a link to the current export); empty: `parquet/` beside the published warehouse."""


@dg.asset(key=PARQUET_EXPORT_KEY, deps=[PUBLISHED_KEY], group_name="publication", kinds={"duckdb", "parquet"})
def parquet_export(context: dg.AssetExecutionContext, config: ParquetExportConfig,
                   dealwire: DealwireSettings) -> dg.MaterializeResult:
    """Every table of `marts`, read from the published warehouse (read-only, so it never waits for a run):
    facts in one folder per event month (`event_month=2025-06/`, `event_month=undated/`), the documents in parts
    by ingestion order, the other tables as single files, swapped in at once so that a reader never sees half
    an export. Files whose rows did not change are linked from the previous export, not written again."""
    settings = dealwire.settings()
    out_dir = Path(config.out_dir).expanduser().absolute() if config.out_dir else \
        settings.warehouse_path.parent / "parquet"
    made_from = build_state.published_state(settings.warehouse_path)
    tables = export_parquet(settings.warehouse_path, out_dir, log=context.log.info)
    build_state.record_output(settings.build_dir, "parquet_export", made_from)
    rows = "\n".join(f"| {name} | {t['rows']} | {t['files']} | {t['written']} | {len(t['partitions'])} |"
                     for name, t in tables.items())
    return dg.MaterializeResult(metadata={
        "path": dg.MetadataValue.path(str(out_dir)),
        "tables": dg.MetadataValue.md("| table | rows | files | files written | partitions |\n"
                                      "|---|---|---|---|---|\n" + rows),
        "files_written": sum(t["written"] for t in tables.values()),
        **{f"rows_{name}": t["rows"] for name, t in tables.items()},
        "partitions": dg.MetadataValue.json({name: t["partitions"] for name, t in tables.items()
                                             if t["partitions"]}),
    })
