"""Ids handed to DuckDB: lookups for a few, a join for many, the same rows either way."""

from __future__ import annotations

import duckdb
import pytest

from pipelines.warehouse.ids import LOOKUP_IDS, id_table, rows_by_id


@pytest.fixture()
def con():
    con = duckdb.connect()
    con.execute("create table docs as select 'doc_' || lpad(i::varchar, 4, '0') as document_id, "
                "repeat('x', i) as text, date '2025-01-01' + i::integer as published_at from range(200) t(i)")
    yield con
    con.close()


@pytest.mark.parametrize("count", [0, 1, 3, LOOKUP_IDS, LOOKUP_IDS + 1, 90])
def test_rows_by_id_are_those_a_filter_selects_in_id_order(con, count):
    ids = [f"doc_{i:04d}" for i in range(199, 199 - 2 * count, -2)] + ["doc_absent"]  # unsorted, one unknown
    ids += ids[:1]  # and one given twice
    found = rows_by_id(con, "docs", "document_id, text, published_at", ids)
    with id_table(con, "wanted", ids):
        expected = con.execute("select * from docs where document_id in (select document_id from wanted) "
                               "order by document_id").pl()
    assert found.equals(expected) and found.height == count
    assert found.columns == ["document_id", "text", "published_at"]
