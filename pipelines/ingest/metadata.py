"""What a document says about itself besides its text: sidecars and declared fields.

A sidecar `NAME.meta.json` is how a user states the facts that the text
cannot give reliably (date, URL, language). A mistake in it must not cost
the article, so every bad field is ignored on its own and described.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass, fields, replace

from .decoding import NotTextError, decode_bytes
from .normalisation import collapse_spaces

SIDECAR_SUFFIX = ".meta.json"

_LANGUAGE_NAMES = {
    "fr": "fr", "fra": "fr", "fre": "fr", "french": "fr", "français": "fr", "francais": "fr",
    "en": "en", "eng": "en", "english": "en", "anglais": "en",
}


@dataclass(frozen=True)
class Metadata:
    """Fields declared for a document; None means "not stated"."""

    title: str | None = None
    language: str | None = None
    published_at: datetime.date | None = None
    url: str | None = None
    source: str | None = None

    def over(self, other: "Metadata") -> "Metadata":
        """These fields, with the gaps filled from `other`."""
        return replace(self, **{
            f.name: getattr(other, f.name)
            for f in fields(self)
            if getattr(self, f.name) is None
        })


def parse_iso_date(value: object) -> datetime.date | None:
    """An ISO date, or the date part of an ISO timestamp; None otherwise."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.datetime.fromisoformat(text).date()
    except ValueError:
        return None


def normalise_language(value: object) -> str | None:
    """'fr' or 'en' from the usual spellings ('FR', 'fr-FR', 'French'); else None."""
    if not isinstance(value, str):
        return None
    code = value.strip().lower()
    if code in _LANGUAGE_NAMES:
        return _LANGUAGE_NAMES[code]
    primary = re.split(r"[-_]", code, maxsplit=1)[0]
    return {"fr": "fr", "en": "en"}.get(primary)


def clean_field(value: str | None) -> str | None:
    """Whitespace collapsed; an empty string is no value."""
    if value is None:
        return None
    return collapse_spaces(value) or None


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    if value is None:
        return "null"
    return type(value).__name__


def parse_sidecar(data: bytes) -> tuple[Metadata, list[str]]:
    """Read a sidecar's bytes: the usable fields and a list of problems.

    A sidecar that is not a JSON object gives empty metadata and one
    problem starting with "invalid sidecar JSON".
    """
    try:
        text, _ = decode_bytes(data)
    except NotTextError as exc:
        return Metadata(), [f"invalid sidecar JSON: {exc}; the document's metadata is ignored"]
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        return Metadata(), [f"invalid sidecar JSON: {exc}; the document's metadata is ignored"]
    if not isinstance(raw, dict):
        return Metadata(), [
            f"invalid sidecar JSON: expected an object such as {{\"title\": ...}}, found {_describe(raw)}; "
            "the document's metadata is ignored"
        ]

    problems: list[str] = []
    values: dict[str, object] = {}
    for key in ("title", "url", "source", "language", "published_at"):
        value = raw.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            problems.append(f"sidecar field '{key}' must be a string, found {_describe(value)}; ignored")
            continue
        if not value.strip():
            continue
        if key == "published_at":
            date = parse_iso_date(value)
            if date is None:
                problems.append(
                    f"invalid published_at {value!r} in sidecar (expected an ISO date such as 2025-06-13); "
                    "the document is kept without a date"
                )
            values[key] = date
        elif key == "language":
            language = normalise_language(value)
            if language is None:
                problems.append(
                    f"unsupported language {value!r} in sidecar (expected 'fr' or 'en'); "
                    "the language is detected from the text instead"
                )
            values[key] = language
        else:
            values[key] = clean_field(value)
    return Metadata(**values), problems
