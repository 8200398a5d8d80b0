"""Walk the source folder and account for every file in it.

Users drop whatever they have into the folder; the warehouse must show
each file either as a document or as a rejected input with a reason, in
the same order on every run. Links are followed only while they stay
inside the folder, so a link cannot pull in, or loop over, files the
user did not mean to share.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from .documents import (
    ACCEPTED_EXTENSIONS,
    DEFAULT_MAX_BYTES,
    LoadedFile,
    extension_of,
    load_file,
    read_and_clean,
)
from .metadata import SIDECAR_SUFFIX, Metadata, parse_sidecar
from .records import DocumentText, Rejection, SourceFile, Unchanged

# path -> (stat key, whether it was rejected), as the previous run recorded them
Previous = Mapping[str, tuple[str, bool]]
Outcome = DocumentText | Rejection | Unchanged

# map(function, *iterables): the builtin, or one that runs the reads in worker processes
MapReads = Callable[..., Iterator]

# Tool folders that are nobody's documents: skipped without a trace.
PRUNED_FOLDERS = frozenset({".git", "__pycache__"})
# Files whose reads are handed out together; the next window is handed out while one is yielded.
WINDOW_FILES = 256


class _Entry:
    """A path found by the walk; `problem` is set when it cannot be read as a file.

    Plain strings with the name, folder and kind worked out once: a folder of 100,000 files that did
    not change costs only the walk and one stat per file, and pathlib objects were most of that cost."""

    __slots__ = ("rel", "path", "problem", "name", "folder", "is_sidecar", "stem")

    def __init__(self, rel: str, path: str, problem: str | None = None) -> None:
        self.rel, self.path, self.problem = rel, path, problem
        folder, _, self.name = rel.rpartition("/")
        self.folder = folder
        self.is_sidecar = self.name.lower().endswith(SIDECAR_SUFFIX)
        extension = extension_of(self.name)
        self.stem = ((folder, self.name[: -len(extension)])
                     if extension in ACCEPTED_EXTENSIONS and not self.name.startswith(".") else None)


def _inside(target: str, root: str) -> bool:
    return target == root or os.path.commonpath([target, root]) == root


def _displayable(rel: str) -> str:
    """The path with any bytes that are not UTF-8 shown as \\xNN escapes."""
    if rel.isascii():  # most paths: nothing to escape, and no need to encode them again
        return rel
    return os.fsencode(rel).decode("utf-8", "backslashreplace")


def _count_files(folder: str) -> int:
    return sum(len(files) for _, _, files in os.walk(folder))


def _walk(folder: str, rel_prefix: str, root: str, ancestors: frozenset[str]) -> Iterator[_Entry]:
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield _Entry(rel_prefix or ".", folder, f"could not list the folder: {exc.strerror or exc}")
        return
    for entry in entries:
        rel = f"{rel_prefix}/{entry.name}" if rel_prefix else entry.name
        path = entry.path
        is_link = entry.is_symlink()
        if entry.name in PRUNED_FOLDERS and entry.is_dir(follow_symlinks=False):
            continue
        if entry.name.startswith("."):
            if entry.is_dir(follow_symlinks=False):
                count = _count_files(entry.path)
                yield _Entry(rel, path, f"hidden folder, ignored ({count} file{'s' if count != 1 else ''} inside)")
            else:
                yield _Entry(rel, path, "hidden file, ignored")
            continue
        if is_link:
            target = os.path.realpath(entry.path)
            if not os.path.exists(target):
                yield _Entry(rel, path, "broken symbolic link: its target does not exist")
                continue
            if not _inside(target, root):
                yield _Entry(rel, path, "symbolic link pointing outside the source folder, not followed")
                continue
            if os.path.isdir(target):
                if target in ancestors:
                    yield _Entry(rel, path, "symbolic link to a folder that contains it (a loop), not followed")
                else:
                    yield from _walk(path, rel, root, ancestors | {target})
                continue
            yield _Entry(rel, path)
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(path, rel, root, ancestors | {os.path.realpath(entry.path)})
            continue
        yield _Entry(rel, path)


@dataclass(frozen=True)
class _Read:
    """A document file that has to be read and cleaned: the expensive step, done by `read_and_clean`."""

    entry: _Entry
    key: str | None
    metadata: Metadata


def _sidecar_stem(entry: _Entry) -> tuple[str, str]:
    return entry.folder, entry.name[: -len(SIDECAR_SUFFIX)]


class _Run:
    """The state of one discover() call: sidecars, and outcomes computed ahead of their turn."""

    def __init__(self, entries: list[_Entry], max_bytes: int, previous: Previous | None = None) -> None:
        self.max_bytes = max_bytes
        self.previous = previous or {}
        self.documents_by_stem: dict[tuple[str, str], list[_Entry]] = {}
        self.sidecar_by_stem: dict[tuple[str, str], _Entry] = {}
        for entry in entries:
            if entry.problem is not None:
                stem = entry.stem
                if stem:  # a broken link named like a document still claims its sidecar
                    self.documents_by_stem.setdefault(stem, []).append(entry)
                continue
            if entry.is_sidecar:
                self.sidecar_by_stem[_sidecar_stem(entry)] = entry
            else:
                stem = entry.stem
                if stem:
                    self.documents_by_stem.setdefault(stem, []).append(entry)
        self._sidecars: dict[str, tuple[LoadedFile, Metadata, list[str]]] = {}
        self._outcomes: dict[str, tuple[SourceFile, DocumentText | Rejection]] = {}
        self._rejected: dict[str, bool] = {}  # outcome of documents already yielded

    def sidecar(self, entry: _Entry) -> tuple[LoadedFile, Metadata, list[str]]:
        if entry.rel not in self._sidecars:
            loaded = load_file(Path(entry.path), self.max_bytes)
            if loaded.data is None:
                parsed: tuple[Metadata, list[str]] = (Metadata(), [])
            else:
                parsed = parse_sidecar(loaded.data)
            self._sidecars[entry.rel] = (loaded, *parsed)
        return self._sidecars[entry.rel]

    def outcome(self, entry: _Entry) -> tuple[SourceFile, DocumentText | Rejection] | None:
        """What to yield for an entry; None for a sidecar consumed by its document."""
        if entry.rel not in self._outcomes:
            result = self._compute(entry)
            if result is None:
                return None
            self._outcomes[entry.rel] = result
        return self._outcomes[entry.rel]

    def forget(self, entry: _Entry) -> None:
        """Drop a yielded outcome from memory, remembering only whether it was rejected."""
        result = self._outcomes.pop(entry.rel, None)
        if result is not None:
            outcome = result[1]
            self._rejected[entry.rel] = outcome.was_rejected if isinstance(outcome, Unchanged) \
                else isinstance(outcome, Rejection)

    def is_rejected(self, entry: _Entry) -> bool:
        if entry.rel in self._rejected:
            return self._rejected[entry.rel]
        result = self.outcome(entry)
        if result is not None and isinstance(result[1], Unchanged):
            return result[1].was_rejected
        return result is not None and isinstance(result[1], Rejection)

    def _compute(self, entry: _Entry) -> tuple[SourceFile, DocumentText | Rejection] | None:
        planned = self._plan(entry)
        if isinstance(planned, _Read):
            return self._finish(planned, read_and_clean(entry.path, entry.name, planned.metadata,
                                                        self.max_bytes))
        return planned

    def _plan(self, entry: _Entry) -> tuple[SourceFile, DocumentText | Rejection] | _Read | None:
        """The outcome when it is known without reading the file, else the read to do."""
        rel = _displayable(entry.rel)
        if entry.problem is not None:
            return SourceFile(rel, 0, None), Rejection(entry.problem)
        if rel != entry.rel:
            return SourceFile(rel, 0, None), Rejection(
                "file name is not valid UTF-8 (shown with \\x escapes); rename the file to ingest it"
            )
        if entry.is_sidecar:
            return self._sidecar_outcome(entry)

        metadata = Metadata()
        stem = entry.stem
        sidecar = self.sidecar_by_stem.get(stem) if stem else None
        key = stat_key(entry.path, sidecar.path if sidecar else None)
        known = self.previous.get(entry.rel)
        if key is not None and known is not None and known[0] == key:
            return SourceFile(entry.rel, 0, None, key), _UNCHANGED[known[1]]
        if sidecar is not None:
            _, metadata, _ = self.sidecar(sidecar)
        return _Read(entry, key, metadata)

    @staticmethod
    def _finish(read: _Read, result: tuple[int, str | None, DocumentText | Rejection]
                ) -> tuple[SourceFile, DocumentText | Rejection]:
        size_bytes, sha256, outcome = result
        return SourceFile(read.entry.rel, size_bytes, sha256, read.key), outcome

    def submit(self, window: list[_Entry], map_reads: MapReads) -> list[tuple[list[_Read], Iterator]]:
        """Hand out the reads of a window's documents (sidecars are read here, in order)."""
        reads = []
        for entry in window:
            if entry.rel in self._outcomes or entry.problem is not None or entry.is_sidecar:
                continue
            planned = self._plan(entry)
            if isinstance(planned, _Read):
                reads.append(planned)
            elif planned is not None:
                self._outcomes[entry.rel] = planned
        if not reads:
            return []
        results = map_reads(read_and_clean, [r.entry.path for r in reads], [r.entry.name for r in reads],
                            [r.metadata for r in reads], [self.max_bytes] * len(reads))
        return [(reads, results)]

    def collect(self, submitted: list[tuple[list[_Read], Iterator]]) -> None:
        for reads, results in submitted:
            for read, result in zip(reads, results):
                # a sidecar's outcome may have needed its document before the window came
                self._outcomes.setdefault(read.entry.rel, self._finish(read, result))

    def _sidecar_outcome(self, entry: _Entry) -> tuple[SourceFile, DocumentText | Rejection] | None:
        loaded, _, problems = self.sidecar(entry)
        source_file = SourceFile(entry.rel, loaded.size_bytes, loaded.sha256)
        stem_name = _sidecar_stem(entry)[1]
        documents = self.documents_by_stem.get(_sidecar_stem(entry), [])
        if not documents:
            return source_file, Rejection(
                f"orphan sidecar: no document named {stem_name}.txt, .md or .html beside it"
            )
        if loaded.data is None:
            return source_file, Rejection(f"sidecar not read: {loaded.problem}; the document's metadata is ignored")
        if problems:
            return source_file, Rejection("; ".join(problems))
        if all(self.is_rejected(document) for document in documents):
            return source_file, Rejection("sidecar of a rejected document, ignored")
        return None


# the two outcomes of an unchanged file, made once: a folder of 100,000 files yields one per file
_UNCHANGED = {False: Unchanged(was_rejected=False), True: Unchanged(was_rejected=True)}


def _reader_version() -> str:
    """A digest of the code that reads and cleans files: when it changes (a table header is no longer taken for
    a menu), every file is read again, and only the documents whose text changed are extracted again."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for path in [*sorted(here.glob("*.py")), here.parent / "normalise" / "months.py"]:  # months: header dates
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


READER_VERSION = _reader_version()


def stat_key(path: str, sidecar: str | None) -> str | None:
    """Size, modification time and inode of a file and of its sidecar, and the reader's version: when none of
    them moved, the file is taken to be as it was (as make and git do), and a large folder is not read again
    on every run."""
    parts = [READER_VERSION]
    for item in (path, sidecar):
        if item is None:
            parts.append("-")
            continue
        try:
            info = os.stat(item)
        except OSError:
            return None
        parts.append(f"{info.st_size}:{info.st_mtime_ns}:{info.st_ino}")
    return "|".join(parts)


def discover(
    source_dir: Path | str, max_bytes: int = DEFAULT_MAX_BYTES, previous: Previous | None = None,
    map_reads: MapReads | None = None,
) -> Iterator[tuple[SourceFile, Outcome]]:
    """Every file under `source_dir`, in sorted path order, as a document or a rejection.

    With `previous` (path -> (stat key, was rejected) of the last run), a
    document file whose stat key has not moved is yielded as `Unchanged`
    without being read.

    Sidecars (`NAME.meta.json`) are read as metadata for `NAME.txt`,
    `NAME.md` or `NAME.html` and not yielded, unless something is wrong
    with them. Only `.git` and `__pycache__` folders are skipped unreported.

    With `map_reads` (a map function, such as a worker pool's), the files
    are read and cleaned by it, a window of files at a time, the next
    window handed out while one is yielded; the outcomes are the same.
    """
    root_path = Path(source_dir)
    if not root_path.is_dir():
        raise NotADirectoryError(f"source folder not found or not a folder: {root_path}")
    root = os.path.realpath(root_path)
    entries = sorted(_walk(str(root_path), "", root, frozenset({root})), key=lambda entry: entry.rel)
    run = _Run(entries, max_bytes, previous)
    windows = [entries[i:i + WINDOW_FILES] for i in range(0, len(entries), WINDOW_FILES)]
    submitted = run.submit(windows[0], map_reads) if map_reads and windows else []
    for index, window in enumerate(windows):
        following = run.submit(windows[index + 1], map_reads) if map_reads and index + 1 < len(windows) else []
        run.collect(submitted)
        for entry in window:
            result = run.outcome(entry)
            run.forget(entry)
            if result is not None:
                yield result
        submitted = following
