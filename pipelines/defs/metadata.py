"""Row counts and markdown previews for asset materialisations."""

from __future__ import annotations

import dagster as dg
import duckdb
import polars as pl


def table_metadata(con: duckdb.DuckDBPyConnection, table: str, preview_sql: str | None = None,
                   limit: int = 10) -> dict[str, dg.MetadataValue]:
    count = con.execute(f"select count(*) from {table}").fetchone()[0]
    frame = con.sql(preview_sql or f"select * from {table} limit {limit}").pl()
    for col, dtype in frame.schema.items():
        if dtype == pl.Utf8:
            frame = frame.with_columns(frame[col].str.slice(0, 80))
    return {
        "dagster/row_count": dg.MetadataValue.int(int(count)),
        "preview": dg.MetadataValue.md(markdown_table(frame)),
    }


def markdown_table(frame: pl.DataFrame) -> str:
    """A Polars frame as a Markdown table, for the UI's metadata panel."""
    if frame.height == 0:
        return "_no rows_"
    cols = frame.columns
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for row in frame.iter_rows():
        cells = ["" if v is None else str(v).replace("|", "\\|").replace("\n", " ") for v in row]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
