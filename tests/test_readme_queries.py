"""Every SQL example of the README runs against a warehouse built from the default corpus."""

from __future__ import annotations

import re

import duckdb
import pytest

from pipelines.config import PROJECT_ROOT
from tests.conftest import SEEDS_DIR
from tests.pipeline_runner import build_warehouse

QUERIES = re.findall(r"```sql\n(.*?)```", (PROJECT_ROOT / "README.md").read_text(encoding="utf-8"), re.S)


@pytest.fixture(scope="module")
def seeds_warehouse(tmp_path_factory):
    return build_warehouse(tmp_path_factory.mktemp("readme"), SEEDS_DIR)


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
