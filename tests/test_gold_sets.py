"""Our annotated sets are well formed: a mistyped date or an evidence quote that is not in its article would
score the extractor against a gold that is wrong, and nothing else would say so."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.conftest import CORPUS_DIR

GOLD_SETS = sorted(p.parent for p in CORPUS_DIR.parent.glob("*/gold.jsonl"))
KINDS = {"funding_round", "contract", "customer_loss", "acquisition", "leadership_change"}


def _problems(event: dict, articles: Path) -> list[str]:
    problems = []
    if event.get("kind") not in KINDS:
        problems.append(f"kind {event.get('kind')!r}")
    if not event.get("company") or not all(isinstance(name, str) and name for name in event["company"]):
        problems.append("company")
    if not all(isinstance(party, list) and party and all(isinstance(name, str) and name for name in party)
               for party in event.get("counterparties", [])):
        problems.append("counterparties")
    dates = [event.get("date_from"), event.get("date_to")]
    if (dates[0] is None) != (dates[1] is None):
        problems.append("one date of the range missing")
    elif dates[0] is not None:
        try:
            start, end = (dt.date.fromisoformat(d) for d in dates)
            if start > end:
                problems.append("date_from after date_to")
        except (TypeError, ValueError):
            problems.append(f"dates {dates}")
    docs = event.get("docs") or []
    missing = [doc for doc in docs if not (articles / doc).is_file()]
    if not docs or missing:
        problems.append(f"documents {missing or 'none'}")
    elif event.get("evidence", "") not in _text(articles / docs[0]):
        problems.append(f"evidence not in {docs[0]}")
    return problems


def _text(path: Path) -> str:
    """The raw text; a set may hold an article saved in Windows-1252 on purpose (tests/corpus)."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252")


@pytest.mark.parametrize("gold_set", GOLD_SETS, ids=[p.name for p in GOLD_SETS])
def test_gold_set_is_well_formed(gold_set):
    lines = (gold_set / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    events = [json.loads(line) for line in lines if line.strip()]
    ids = [event["id"] for event in events]
    assert len(ids) == len(set(ids)), "an id is given twice"
    problems = {event["id"]: p for event in events if (p := _problems(event, gold_set / "articles"))}
    assert not problems, problems


def test_every_set_is_found():
    # the glob above is what puts a set under test: a set moved or renamed would silently leave it
    assert {"corpus", "heldout", "heldout6", "heldout7"} <= {p.name for p in GOLD_SETS}
