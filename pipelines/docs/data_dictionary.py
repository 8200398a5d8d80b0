"""Write the analysts' data dictionary from dbt's docs, as Markdown, HTML and dbt's own site.

The dictionary is generated, never written by hand: descriptions come from
the YAML beside the models, types from the database, tests from the manifest.
A marts column without a description is a documentation bug, so the result
lists them for the caller to report.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from pipelines.docs import artifacts as dbt_artifacts
from pipelines.docs import dbt_docs, render
from pipelines.warehouse.build import connect_reader


def write_data_dictionary(warehouse_path: Path, out_dir: Path) -> dict:
    """Run `dbt docs generate` on a copy of the published warehouse and write into `out_dir`:
    `data_dictionary.md`, `data_dictionary.html`, and dbt's static site `index.html` with the
    `manifest.json` and `catalog.json` it was made from.

    Returns the paths written ("markdown", "html", "dbt_site", "manifest", "catalog"), the marts
    tables ("marts_models") and, as "model.column" lists, the marts columns without a description
    ("undocumented_columns") and the documented marts columns the table lacks ("untyped_columns").
    """
    warehouse_path = Path(warehouse_path).resolve()
    out_dir = Path(out_dir).resolve()
    with tempfile.TemporaryDirectory(prefix="dealwire-docs-") as work:
        work_dir = Path(work)
        database = dbt_docs.copy_warehouse(warehouse_path, work_dir)
        target = dbt_docs.generate(database, work_dir)
        docs = dbt_artifacts.load(target)
        _count_rows(database, docs.models)
        out_dir.mkdir(parents=True, exist_ok=True)
        written = {
            "markdown": _write(out_dir / "data_dictionary.md", render.markdown(docs, warehouse_path.name)),
            "html": _write(out_dir / "data_dictionary.html", render.html_page(docs, warehouse_path.name)),
            "dbt_site": _copy(target / "static_index.html", out_dir / "index.html"),
            "manifest": _copy(target / "manifest.json", out_dir / "manifest.json"),
            "catalog": _copy(target / "catalog.json", out_dir / "catalog.json"),
        }
    marts = docs.layer("marts")
    undocumented, untyped = dbt_artifacts.undocumented(marts)
    return {
        **written,
        "marts_models": [m.name for m in marts],
        "undocumented_columns": undocumented,
        "untyped_columns": untyped,
    }


def _count_rows(database: Path, models: list[dbt_artifacts.ModelDoc]) -> None:
    """dbt-duckdb's catalog carries no statistics, so count the copy's tables directly."""
    con = connect_reader(database)
    try:
        existing = {(s, t) for s, t in con.execute(
            "select schema_name, table_name from duckdb_tables() where database_name = current_database() "
            "union all select schema_name, view_name from duckdb_views() where database_name = current_database()"
        ).fetchall()}
        for model in models:
            if model.row_count is None and (model.schema, model.name) in existing:
                model.row_count = con.execute(f'select count(*) from "{model.schema}"."{model.name}"').fetchone()[0]
    finally:
        con.close()


def _write(path: Path, text: str) -> Path:
    """Replace in one rename, so that a reader never sees half a file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return path


def _copy(source: Path, path: Path) -> Path:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    shutil.copyfile(source, tmp)
    os.replace(tmp, path)
    return path
