"""One file to one cleaned document, or to the reason it is not one.

The steps run in a fixed order (size, type, binary sniffing, decoding,
markup, boilerplate) so that the first problem found is the one
reported, and the cheap checks spare the expensive ones.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .boilerplate import remove_boilerplate
from .dateline import header_date
from .decoding import NotTextError, declared_charset, decode_bytes, sniff_binary_kind
from .feed_to_text import feed_to_text, looks_like_feed
from .html_to_text import html_to_text
from .line_wraps import unwrap_lines
from .language import detect_language
from .markdown_to_text import markdown_to_text
from .metadata import SIDECAR_SUFFIX, Metadata, parse_sidecar
from .normalisation import normalise_text
from .records import DocumentText, Rejection
from .title import guess_title

DEFAULT_MAX_BYTES = 5_000_000
TEXT_EXTENSIONS = frozenset({".txt"})
MARKDOWN_EXTENSIONS = frozenset({".md", ".markdown"})
HTML_EXTENSIONS = frozenset({".html", ".htm"})
FEED_EXTENSIONS = frozenset({".xml", ".rss", ".atom"})
ACCEPTED_EXTENSIONS = TEXT_EXTENSIONS | MARKDOWN_EXTENSIONS | HTML_EXTENSIONS | FEED_EXTENSIONS
_ACCEPTED_LIST = ", ".join(sorted(ACCEPTED_EXTENSIONS))


@dataclass(frozen=True)
class LoadedFile:
    """A file's bytes, or why they were not read."""

    size_bytes: int
    data: bytes | None
    problem: str | None

    @property
    def sha256(self) -> str | None:
        return hashlib.sha256(self.data).hexdigest() if self.data is not None else None


def _file_kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def load_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedFile:
    """Read a file's bytes, checking its size from stat before reading anything."""
    try:
        info = path.stat()
    except FileNotFoundError:
        if os.path.islink(path):
            return LoadedFile(0, None, "broken symbolic link: its target does not exist")
        return LoadedFile(0, None, "file not found (removed while the folder was read?)")
    except OSError as exc:
        return LoadedFile(0, None, f"could not read the file: {exc.strerror or exc}")
    if not stat.S_ISREG(info.st_mode):
        return LoadedFile(0, None, f"not a regular file ({_file_kind(info.st_mode)})")
    if info.st_size > max_bytes:
        return LoadedFile(
            info.st_size, None,
            f"file too large: {info.st_size:,} bytes, over the {max_bytes:,}-byte limit",
        )
    try:
        with open(path, "rb") as handle:
            # asking for the size stat gave, not for the limit: `read(n)` allocates n bytes first, and a
            # 5 MB buffer per 4 KB article cost more than the read itself
            data = handle.read(info.st_size + 1)
            if len(data) > info.st_size:  # it grew after stat: read on, up to the limit
                data += handle.read(max_bytes + 1 - len(data))
    except OSError as exc:
        return LoadedFile(info.st_size, None, f"could not read the file: {exc.strerror or exc}")
    if len(data) > max_bytes:  # it grew after stat
        return LoadedFile(
            len(data), None,
            f"file too large: more than {max_bytes:,} bytes, over the {max_bytes:,}-byte limit",
        )
    return LoadedFile(len(data), data, None)


def extension_of(name: str) -> str:
    """The lowercased extension, '' when there is none: os.path.splitext's, for a name without a folder
    (leading dots do not start one), without its generic path handling, which the walk of a large folder
    paid once per file."""
    stem = name.lstrip(".")
    dot = stem.rfind(".")
    return stem[dot:].lower() if dot > 0 else ""


def document_from_bytes(data: bytes, name: str, metadata: Metadata = Metadata()) -> DocumentText | Rejection:
    """Clean an in-memory file; `name` gives its type, `metadata` overrides what the file declares."""
    extension = extension_of(name)
    if extension not in ACCEPTED_EXTENSIONS:
        kind = sniff_binary_kind(data)
        shown = f"'{extension}'" if extension else "(no extension)"
        return Rejection(
            f"unsupported file type {shown}{f' ({kind})' if kind else ''}; accepted: {_ACCEPTED_LIST}"
        )
    if not data:
        return Rejection("empty file (0 bytes)")
    is_html = extension in HTML_EXTENSIONS
    try:
        raw_text, _ = decode_bytes(data, declared_charset(data) if is_html else None)
    except NotTextError as exc:
        return Rejection(str(exc))
    raw_text = normalise_text(raw_text)
    if not raw_text:
        return Rejection("empty: the file contains only whitespace")

    declared = Metadata()
    # a feed saved as a text file is still a feed; what is not a well-formed feed is read as a page
    feed = (feed_to_text(raw_text) if extension in FEED_EXTENSIONS
            or (extension in TEXT_EXTENSIONS and looks_like_feed(raw_text)) else None)
    if feed is not None:
        body, declared = feed
    elif is_html or extension in FEED_EXTENSIONS:
        page = html_to_text(raw_text)
        body, declared = page.text, page.metadata
    elif extension in MARKDOWN_EXTENSIONS:
        markdown = markdown_to_text(raw_text)
        body, declared = markdown.text, markdown.metadata
    else:
        body = raw_text

    body = normalise_text(body)
    # page furniture goes line by line first; the wrapped lines of what remains are then joined
    text = unwrap_lines(remove_boilerplate(body, titles=(metadata.title, declared.title)))
    if not text:
        what = "markup and boilerplate" if extension not in TEXT_EXTENSIONS else "boilerplate"
        return Rejection(f"empty after cleaning: no article text left once {what} were removed")

    known = metadata.over(declared)
    return DocumentText(
        text=text,
        content_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        title=known.title or guess_title(text),
        # Declared page languages are often template defaults: the text comes first.
        language=metadata.language or detect_language(text) or declared.language,
        published_at=known.published_at or header_date(text),
        url=known.url,
        source=known.source,
    )


def sidecar_path(path: Path) -> Path:
    """Where the sidecar of a document would be: NAME.meta.json beside NAME.txt."""
    return path.with_name(path.stem + SIDECAR_SUFFIX)


def read_document(
    path: Path, max_bytes: int = DEFAULT_MAX_BYTES, *, metadata: Metadata | None = None
) -> DocumentText | Rejection:
    """Read and clean one file.

    Without `metadata`, a sidecar beside the file is read and its valid
    fields used; its problems are only reported by `discover`, which also
    passes the metadata in so that the sidecar is read once.
    """
    path = Path(path)
    if metadata is None:
        metadata = Metadata()
        sidecar = sidecar_path(path)
        if not path.name.lower().endswith(SIDECAR_SUFFIX) and sidecar.is_file():
            loaded_sidecar = load_file(sidecar, max_bytes)
            if loaded_sidecar.data is not None:
                metadata, _ = parse_sidecar(loaded_sidecar.data)
    return read_and_clean(str(path), path.name, metadata, max_bytes)[2]


def read_and_clean(
    path: str, name: str, metadata: Metadata, max_bytes: int
) -> tuple[int, str | None, DocumentText | Rejection]:
    """(size, sha256 of the bytes, outcome) of one file: a plain function of plain values, so that
    worker processes can run it."""
    loaded = load_file(Path(path), max_bytes)
    if loaded.data is None:
        return loaded.size_bytes, None, Rejection(loaded.problem or "could not read the file")
    return loaded.size_bytes, loaded.sha256, document_from_bytes(loaded.data, name, metadata)
