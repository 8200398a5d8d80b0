"""Resources shared by the assets: the settings and the dbt CLI."""

import importlib.metadata
import os
import shutil
import sys
from functools import cached_property
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliResource
from packaging import version

from pipelines.defs.transformation.project import dbt_project
from pipelines.config import load_settings


class DealwireSettings(dg.ConfigurableResource):
    """Where to read articles from and where to publish the warehouse (from the environment by default)."""

    source_dir: str = ""
    warehouse_path: str = ""

    def settings(self):
        import dataclasses

        base = load_settings()
        return dataclasses.replace(
            base,
            source_dir=Path(self.source_dir).resolve() if self.source_dir else base.source_dir,
            warehouse_path=Path(self.warehouse_path).resolve() if self.warehouse_path else base.warehouse_path,
        )


class DealwireDbtResource(DbtCliResource):
    """The dbt CLI, run as a subprocess and nothing more.

    Before each command, DbtCliResource asks the executable for its version (`dbt --version`, a second
    dbt start-up) and loads the project's macros into a dbt adapter in the calling process, for the
    metadata fetches (row counts, columns) that Dealwire does not use: about 6 s and 90 MB of the run
    process on every build. The version is the installed dbt-core's, the executable being the one
    installed beside it (tests/test_definitions.py checks that they agree)."""

    @cached_property
    def _cli_version(self) -> version.Version:
        return version.parse(importlib.metadata.version("dbt-core"))

    def _initialize_dbt_core_adapter(self, args):
        return None


@dg.definitions
def resources() -> dg.Definitions:
    return dg.Definitions(
        resources={
            "dealwire": DealwireSettings(),
            # the dbt installed beside this interpreter, whether or not the venv is on PATH
            "dbt": DealwireDbtResource(project_dir=dbt_project(),
                                  dbt_executable=shutil.which("dbt") or str(Path(sys.executable).with_name("dbt")),
                                  # unset: profiles.yml's default target, `dev` (docs/beyond-one-machine.md)
                                  target=os.environ.get("DEALWIRE_DBT_TARGET") or None),
        }
    )
