"""Settings read from the environment, shared by `make run`, the Dagster code location and the CLI.

Paths given by the user are taken relative to the working directory; the
defaults are relative to the repository, so the UI and `make run` agree.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"

# Large enough for any article or long report; small enough that a stray
# video or database dump is refused before it is read.
DEFAULT_MAX_FILE_BYTES = 5_000_000


def _path_from_env(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value).expanduser().resolve() if value else default.resolve()


@dataclass(frozen=True)
class Settings:
    source_dir: Path
    warehouse_path: Path
    max_file_bytes: int

    @property
    def build_dir(self) -> Path:
        """Private folder beside the published file: the build database, its lock, the cache."""
        return self.warehouse_path.parent / f".{self.warehouse_path.stem}.build"

    @property
    def build_db(self) -> Path:
        """Same file name as the published warehouse: DuckDB names a database after its file, and dbt's
        views refer to that name, so the published copy's views resolve only if the names agree."""
        return self.build_dir / self.warehouse_path.name


def load_settings() -> Settings:
    max_bytes = os.environ.get("DEALWIRE_MAX_FILE_BYTES")
    return Settings(
        source_dir=_path_from_env("DEALWIRE_SOURCE_DIR", PROJECT_ROOT / "seeds"),
        warehouse_path=_path_from_env("DEALWIRE_WAREHOUSE", PROJECT_ROOT / "warehouse" / "dealwire.duckdb"),
        max_file_bytes=int(max_bytes) if max_bytes else DEFAULT_MAX_FILE_BYTES,
    )
