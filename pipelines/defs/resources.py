"""Resources shared by the assets: the settings and dbt."""

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import dagster as dg

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


class DealwireDbtResource(dg.ConfigurableResource):
    """dbt, run inside the step's process (pipelines/defs/transformation/dbt_in_process.py): the project,
    its profiles and the target (unset: the profile's default, `dev`)."""

    project_dir: str
    profiles_dir: str
    target: str | None = None

    def build(self, args: list[str], *, context: dg.AssetExecutionContext, target_path: Path,
              exclude: list[str], on_progress: Callable[[str, int, int], None]) -> Iterator:
        """Run `dbt <args>` on the dbt assets and checks `context` selected, less `exclude`; yield their
        Dagster events."""
        from pipelines.defs.transformation import dbt_in_process

        return dbt_in_process.build(args, context=context, project_dir=Path(self.project_dir),
                                    profiles_dir=Path(self.profiles_dir), target_path=target_path,
                                    target=self.target, exclude=exclude, on_progress=on_progress)


@dg.definitions
def resources() -> dg.Definitions:
    return dg.Definitions(
        resources={
            "dealwire": DealwireSettings(),
            "dbt": DealwireDbtResource(project_dir=str(dbt_project().project_dir),
                                       profiles_dir=str(dbt_project().profiles_dir),
                                       # unset: profiles.yml's default target, `dev` (docs/beyond-one-machine.md)
                                       target=os.environ.get("DEALWIRE_DBT_TARGET") or None),
        }
    )
