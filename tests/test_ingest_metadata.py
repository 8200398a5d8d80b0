"""Sidecar metadata: good fields used, bad ones ignored and described."""

from __future__ import annotations

import codecs
import datetime
import json

import pytest

from pipelines.ingest.metadata import Metadata, normalise_language, parse_iso_date, parse_sidecar


def _parse(value: object) -> tuple[Metadata, list[str]]:
    return parse_sidecar(json.dumps(value).encode("utf-8"))


def test_a_complete_sidecar():
    metadata, problems = _parse({
        "published_at": "2025-06-13", "url": " https://ex.com/a ", "source": "Le  Journal",
        "title": "Acme lève 5 M€", "language": "FR", "extra": [1, 2],
    })
    assert problems == []
    assert metadata == Metadata(
        title="Acme lève 5 M€", language="fr", published_at=datetime.date(2025, 6, 13),
        url="https://ex.com/a", source="Le Journal",
    )


def test_an_invalid_date_is_named_and_the_other_fields_kept():
    metadata, problems = _parse({"published_at": "13/06/2025", "title": "Acme"})
    assert metadata.published_at is None and metadata.title == "Acme"
    assert len(problems) == 1 and "'13/06/2025'" in problems[0] and "published_at" in problems[0]


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b'{"title": "x",}', "invalid sidecar JSON"),
        (b"", "invalid sidecar JSON"),
        (b'["a list"]', "found a list"),
        (b"\x89PNG\r\n\x1a\n", "invalid sidecar JSON"),
    ],
)
def test_malformed_sidecars(data, fragment):
    metadata, problems = parse_sidecar(data)
    assert metadata == Metadata()
    assert len(problems) == 1 and fragment in problems[0] and problems[0].startswith("invalid sidecar JSON")


def test_wrong_types_and_unknown_language_are_reported():
    metadata, problems = _parse({"title": 12, "language": "de", "url": "https://ex.com", "source": ""})
    assert metadata == Metadata(url="https://ex.com")
    assert any("'title'" in p and "number" in p for p in problems)
    assert any("'de'" in p for p in problems)


def test_sidecar_with_bom_is_read():
    metadata, problems = parse_sidecar(codecs.BOM_UTF8 + b'{"title": "Acme"}')
    assert (metadata.title, problems) == ("Acme", [])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-06-13", datetime.date(2025, 6, 13)),
        ("2025-06-13T08:30:00Z", datetime.date(2025, 6, 13)),
        ("2025-06-13T23:30:00+02:00", datetime.date(2025, 6, 13)),
        ("2025-13-45", None),
        ("juin 2025", None),
        (20250613, None),
    ],
)
def test_parse_iso_date(value, expected):
    assert parse_iso_date(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("fr", "fr"), ("FR-fr", "fr"), ("fr_CA", "fr"), ("French", "fr"), ("en-US", "en"), ("anglais", "en"),
     ("de", None), ("", None), (None, None)],
)
def test_normalise_language(value, expected):
    assert normalise_language(value) == expected


def test_metadata_over_fills_only_the_gaps():
    merged = Metadata(title="A").over(Metadata(title="B", url="u"))
    assert (merged.title, merged.url, merged.source) == ("A", "u", None)
