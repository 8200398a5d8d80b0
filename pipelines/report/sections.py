"""Deal sections kept from the last report, so that a run which changed a few deals renders only those.

At 100,000 articles the report shows 7,000 sections: their quotes took three reads of every document's text
and their HTML 2 s to render, after a run that added 10 articles as after one that rebuilt everything. Each
section is kept under its fingerprint (`queries.section_fingerprints`: a digest of everything it shows). A
section found under its fingerprint is the one rendering would give.

The previous report holds the sections already: a small index beside it, in a hidden file, gives each one's
byte range in it, and the next report copies those bytes. (A copy of every section's HTML in the index made
it as large as the report, 21 MB at 100,000 articles, read and written again by every run.) The index also
records the report's code, the warehouse's extraction versions, and the size, modification time and inode of
the report file it was made with: when any of them changed (a new version, a report edited or replaced by
hand), nothing is reused. The index holds the sections of the last report only, written in one rename after
the report's.
"""

from __future__ import annotations

import hashlib
import json
import mmap
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


def file_identity(stat: os.stat_result) -> list[int]:
    """What tells one version of the report file from another: size, modification time, inode."""
    return [stat.st_size, stat.st_mtime_ns, stat.st_ino]


class SectionStore:
    """Sections of the previous report (`get`) and the byte ranges of those of the report being written
    (`put`, then `save`); `close` lets go of the previous report."""

    def __init__(self, path: Path, key: str, report_path: Path):
        self.path, self.key = path, key
        self.previous: dict[str, list] = {}
        self.current: dict[str, list[int]] = {}
        self._report: mmap.mmap | None = None
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return  # none yet, or unreadable: every section is rendered
        if not (isinstance(stored, dict) and stored.get("key") == key and isinstance(stored.get("sections"), dict)):
            return
        try:
            with open(report_path, "rb") as handle:
                if stored.get("report") != file_identity(os.fstat(handle.fileno())):
                    return  # not the report this index was made with
                self._report = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):
            return  # gone, or empty
        self.previous = stored["sections"]

    @staticmethod
    def path_for(report_path: Path) -> Path:
        return report_path.with_name(f".{report_path.name}.sections.json")

    def get(self, fingerprint: str | None) -> tuple[bytes, int] | None:
        """(HTML, quotes shown) of the section with this fingerprint in the previous report, if any."""
        found = self.previous.get(fingerprint) if fingerprint and self._report is not None else None
        if not (isinstance(found, list) and len(found) == 3 and all(isinstance(n, int) for n in found)):
            return None
        offset, length, quotes = found
        if offset < 0 or length <= 0 or offset + length > len(self._report):
            return None
        return self._report[offset:offset + length], quotes

    def put(self, fingerprint: str | None, offset: int, length: int, quotes: int) -> None:
        """A section of the report being written: `length` bytes from `offset`."""
        if fingerprint:
            self.current[fingerprint] = [offset, length, quotes]

    def save(self, report: os.stat_result) -> None:
        """Write the index of the report just written, whose file `report` describes."""
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            tmp.write_text(json.dumps({"key": self.key, "report": file_identity(report),
                                       "sections": self.current}), encoding="utf-8")
            os.replace(tmp, self.path)
        finally:
            tmp.unlink(missing_ok=True)

    def close(self) -> None:
        """Let go of the previous report (`get` hands out copies of its bytes, never views)."""
        if self._report is not None:
            self._report.close()
            self._report = None
