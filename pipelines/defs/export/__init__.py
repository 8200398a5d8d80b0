"""The published marts as Parquet files partitioned by month, for engines other than DuckDB."""
