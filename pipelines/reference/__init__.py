"""General reference data: organisation aliases (shared with dbt), given names, common words, non-name words."""

from __future__ import annotations

import csv
import functools
from pathlib import Path

from pipelines.config import DBT_PROJECT_DIR

ORGANIZATION_ALIASES_CSV = DBT_PROJECT_DIR / "seeds" / "ref_organization_aliases.csv"
_HERE = Path(__file__).resolve().parent


@functools.cache
def organization_aliases() -> dict[str, tuple[str, str]]:
    """alias as written -> (canonical name, organisation type); the dbt seed is the one source."""
    if not ORGANIZATION_ALIASES_CSV.exists():
        return {}
    out: dict[str, tuple[str, str]] = {}
    with open(ORGANIZATION_ALIASES_CSV, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for name in (row["alias"], row["organization_name"]):
                if name:
                    out.setdefault(name.strip(), (row["organization_name"].strip(), row.get("organization_type") or ""))
    return out


@functools.cache
def first_names() -> frozenset[str]:
    text = (_HERE / "first_names.txt").read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())


@functools.cache
def common_words() -> frozenset[str]:
    """The most frequent English and French words, in lowercase: a capitalised one that opens a sentence is
    that word, not a name, unless the text also uses it mid-sentence (see common_words.txt)."""
    text = (_HERE / "common_words.txt").read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())
