"""The values that ingestion hands to the rest of the pipeline.

They are frozen so that a document read once can be shared between assets
without anyone changing it behind the others' backs.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class SourceFile:
    """One file found under the source folder."""

    path: str  # relative to the source folder, POSIX separators
    size_bytes: int
    file_sha256: str | None  # None when the file was not read (too big, bad link, hidden, unchanged)
    stat_key: str | None = None  # size, mtime and inode of the file and its sidecar: see discover()


@dataclass(frozen=True)
class DocumentText:
    """The cleaned text of an article and what is known about it."""

    text: str  # the text every evidence offset refers to
    content_sha256: str  # sha256 of text.encode('utf-8')
    title: str | None
    language: str | None  # 'fr', 'en' or None
    published_at: datetime.date | None
    url: str | None
    source: str | None


@dataclass(frozen=True)
class Rejection:
    """Why a file did not become a document, in words a person understands."""

    reason: str


@dataclass(frozen=True)
class Unchanged:
    """A file (and its sidecar) as the previous run saw it: not read again, its rows are carried over."""

    was_rejected: bool
