"""Resources shared by the assets: the settings and the dbt CLI."""

import os
import shutil
import sys
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliResource

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


@dg.definitions
def resources() -> dg.Definitions:
    return dg.Definitions(
        resources={
            "dealwire": DealwireSettings(),
            # the dbt installed beside this interpreter, whether or not the venv is on PATH
            "dbt": DbtCliResource(project_dir=dbt_project(),
                                  dbt_executable=shutil.which("dbt") or str(Path(sys.executable).with_name("dbt")),
                                  # unset: profiles.yml's default target, `dev` (docs/beyond-one-machine.md)
                                  target=os.environ.get("DEALWIRE_DBT_TARGET") or None),
        }
    )
