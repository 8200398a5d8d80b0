"""Every SQL example of the README runs against a warehouse built from the default corpus."""

from __future__ import annotations

import re

import duckdb
import pytest

from pipelines.config import PROJECT_ROOT
from tests.conftest import SEEDS_DIR, copy_tree
from tests.pipeline_runner import run_pipeline

QUERIES = re.findall(r"```sql\n(.*?)```", (PROJECT_ROOT / "README.md").read_text(encoding="utf-8"), re.S)


@pytest.fixture(scope="module")
def seeds_warehouse(tmp_path_factory):
    root = tmp_path_factory.mktemp("readme")
    source, warehouse = root / "source", root / "warehouse" / "dealwire.duckdb"
    copy_tree(SEEDS_DIR, source)
    home = root / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text((PROJECT_ROOT / ".dagster_home" / "dagster.yaml").read_text())
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DAGSTER_HOME", str(home))
        patch.setenv("DEALWIRE_SOURCE_DIR", str(source))
        patch.setenv("DEALWIRE_WAREHOUSE", str(warehouse))
        run_pipeline()
    return warehouse


def test_readme_has_at_least_ten_queries():
    assert len(QUERIES) >= 10


@pytest.mark.parametrize("sql", QUERIES, ids=[f"query_{i}" for i in range(len(QUERIES))])
def test_readme_query_runs(seeds_warehouse, sql):
    con = duckdb.connect(str(seeds_warehouse), read_only=True)
    try:
        rows = con.execute(sql).fetchall()
    finally:
        con.close()
    assert isinstance(rows, list)


def test_readme_story_query_finds_the_default_corpus_company(seeds_warehouse):
    story = next(q for q in QUERIES if "whole story" in q or "'customer loss'" in q and "Scale AI" in q)
    con = duckdb.connect(str(seeds_warehouse), read_only=True)
    kinds = {row[0] for row in con.execute(story).fetchall()}
    con.close()
    assert kinds == {"funding round", "contract", "customer loss"}
