"""The publication date an article states in its header (pipelines/ingest/dateline.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from pipelines.ingest.dateline import header_date
from pipelines.ingest.documents import document_from_bytes
from pipelines.ingest.metadata import Metadata


@pytest.mark.parametrize("text, expected", [
    ("TRADE WEEKLY\n\nVendor lands a brewer\n\nBy Ana Ruiz | March 3, 2027\n\nThe vendor said...", dt.date(2027, 3, 3)),
    ("Company news\n\nOur Series A\n\n21 October 2026 · Jane Roe, CEO · 5 min read\n\nToday we...", dt.date(2026, 10, 21)),
    ("Toulouse, le 9 mars 2027 – Ardentis annonce une levée de fonds de 12 millions d'euros auprès de "
     "plusieurs fonds régionaux et nationaux, dont Irdi et Bpifrance, pour accélérer son développement.",
     dt.date(2027, 3, 9)),
    ("Publié le 1er février 2027\n\nTitre", dt.date(2027, 2, 1)),
    ("Posted 2026-11-13\n\nTitle", dt.date(2026, 11, 13)),
    # no full date in the header: a month, a year, or a date far down in a long paragraph
    ("Acme raises $5M\n\nAcme, founded in 2019, raised money in September 2026.", None),
    ("Acme raises $5M\n\n" + "A long opening paragraph that goes on and on " * 3 + "and ends on 3 March 2026.", None),
    ("Le 31 février 2026 n'existe pas.", None),
])
def test_header_date(text, expected):
    assert header_date(text) == expected


def test_a_sidecar_date_wins_over_the_header_and_the_header_dates_an_article_without_one():
    data = "Vendor lands a brewer\n\nBy Ana Ruiz | March 3, 2027\n\nHeineken signed with Corbelline.\n".encode()
    assert document_from_bytes(data, "a.txt").published_at == dt.date(2027, 3, 3)
    assert document_from_bytes(data, "a.txt", Metadata(published_at=dt.date(2027, 3, 4))).published_at == dt.date(
        2027, 3, 4)
