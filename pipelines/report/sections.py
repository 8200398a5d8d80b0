"""Deal sections kept from the last report, so that a run which changed a few deals renders only those.

At 100,000 articles the report shows 7,000 sections: their quotes took three reads of every document's text
and their HTML 2 s to render, after a run that added 10 articles as after one that rebuilt everything. Each
section is kept under its fingerprint (`queries.section_fingerprints`: a digest of everything it shows),
beside the report in a hidden file, with the report's code and the warehouse's extraction versions: when
either changes, nothing is reused. A section found under its fingerprint is the one rendering would give.
The file holds the sections of the last report only, written in one rename like the report.
"""

from __future__ import annotations

import hashlib
import json
import os
from importlib import resources
from pathlib import Path


def code_digest() -> str:
    """A digest of the report package's source: a change of how sections look renders them all again."""
    digest = hashlib.sha256()
    for entry in sorted(resources.files("pipelines.report").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".py"):
            digest.update(entry.name.encode() + b"\0" + entry.read_bytes())
    return digest.hexdigest()


class SectionStore:
    """Sections of the previous report (`get`) and of the one being written (`put`, then `save`)."""

    def __init__(self, path: Path, key: str):
        self.path, self.key = path, key
        self.previous: dict[str, list] = {}
        self.current: dict[str, list] = {}
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return  # none yet, or unreadable: every section is rendered
        if isinstance(stored, dict) and stored.get("key") == key and isinstance(stored.get("sections"), dict):
            self.previous = stored["sections"]

    @staticmethod
    def path_for(report_path: Path) -> Path:
        return report_path.with_name(f".{report_path.name}.sections.json")

    def get(self, fingerprint: str | None) -> tuple[str, int] | None:
        """(HTML, quotes shown) of the section with this fingerprint in the previous report, if any."""
        found = self.previous.get(fingerprint) if fingerprint else None
        return (found[0], found[1]) if found else None

    def put(self, fingerprint: str | None, html: str, quotes: int) -> None:
        if fingerprint:
            self.current[fingerprint] = [html, quotes]

    def save(self) -> None:
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            tmp.write_text(json.dumps({"key": self.key, "sections": self.current}), encoding="utf-8")
            os.replace(tmp, self.path)
        finally:
            tmp.unlink(missing_ok=True)
