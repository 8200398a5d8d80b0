"""The dbt project, built lazily: nothing runs at import time."""

import functools

from dagster_dbt import DbtProject

from pipelines.config import DBT_PROJECT_DIR


@functools.cache
def dbt_project() -> DbtProject:
    project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
    project.prepare_if_dev()
    return project
