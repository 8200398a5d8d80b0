"""Bytes to text: tell binary files apart, then find the encoding.

Articles arrive in whatever encoding the tool that saved them used, so the
order of guesses matters: a byte-order mark is certain, UTF-16 leaves a
tell-tale pattern of NUL bytes, strict UTF-8 almost never succeeds by
accident, and Windows-1252 is what French text saved on Windows is in.
"""

from __future__ import annotations

import codecs
import re

# Signatures of the binary formats most likely to be dropped in a news folder.
MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive, e.g. .docx, .xlsx, .odt"),
    (b"PK\x05\x06", "ZIP archive, e.g. .docx, .xlsx, .odt"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Microsoft Office document"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "executable program"),
    (b"SQLite format 3\x00", "SQLite database"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Above this share of control or replacement characters the "text" is noise.
MAX_BAD_CHAR_RATIO = 0.02

# Control characters (Unicode category Cc) that are really line breaks, and the
# ones that are noise; with U+FFFD, the noise is what betrays a wrong decoding.
_LINE_BREAK_CONTROLS = re.compile("[\f\v\x1c-\x1e\x85]")
_NOISE_CONTROLS = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")
_BAD_CHARS = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ufffd]")

_DECLARED_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# WHATWG: pages that declare Latin-1 or ASCII are decoded as Windows-1252.
_CHARSET_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252"}


class NotTextError(ValueError):
    """The bytes are not an article: the message is the rejection reason."""


def sniff_binary_kind(data: bytes) -> str | None:
    """Name the binary format the bytes start with, if it is a known one."""
    for magic, kind in MAGIC_NUMBERS:
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WebP image"
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """Guess UTF-16 from NUL bytes sitting on one parity only.

    Latin-script text in UTF-16 has a NUL high byte for almost every
    character, so NULs pile up at odd offsets (little-endian) or even
    offsets (big-endian) and hardly ever at the other parity.
    """
    sample = data[:8192]
    if len(sample) < 2:
        return None
    even = sample[0::2]
    odd = sample[1::2]
    even_nuls = even.count(0) / len(even)
    odd_nuls = odd.count(0) / len(odd) if odd else 0.0
    if odd_nuls >= 0.3 and even_nuls <= 0.05:
        return "utf-16-le"
    if even_nuls >= 0.3 and odd_nuls <= 0.05:
        return "utf-16-be"
    return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag, if Python knows it."""
    match = _DECLARED_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace").lower()
    name = _CHARSET_ALIASES.get(name, name)
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    if codec.startswith(("utf-16", "utf-32")):
        return None  # a UTF-16 page would have been recognised by its bytes
    return codec


def _clean_controls(text: str) -> str:
    """Turn control characters that mean a break into newlines, drop the rest."""
    return _NOISE_CONTROLS.sub("", _LINE_BREAK_CONTROLS.sub("\n", text))


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return (text, encoding name) or raise NotTextError with the reason.

    `declared` is an encoding the file itself claims (an HTML meta charset);
    it is only trusted when the bytes are not valid UTF-8, because pages
    that declare Latin-1 while being UTF-8 are common.
    """
    kind = sniff_binary_kind(data)
    if kind:
        raise NotTextError(f"binary file ({kind}), not text")

    encoding: str | None = None
    body = data
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding, body = name, data[len(bom):]
            break
    if encoding is None:
        encoding = _utf16_without_bom(data)
    if encoding is None and b"\x00" in data:
        raise NotTextError("binary file (contains NUL bytes), not text")

    if encoding is not None:
        if encoding.startswith("utf-16") and len(body) % 2:
            body = body[:-1]  # a truncated last character, not a reason to give up
        text = body.decode(encoding, errors="replace")
    else:
        text = None
        candidates = ["utf-8"]
        if declared and declared != "utf-8":
            candidates.append(declared)
        candidates += ["cp1252", "latin-1"]
        for name in candidates:
            try:
                text = data.decode(name)
            except UnicodeDecodeError:
                continue
            encoding = name
            break
        assert text is not None and encoding is not None  # latin-1 decodes any bytes

    text = text.lstrip("\ufeff").rstrip("\x1a")  # stray BOM, DOS end-of-file mark
    bad = len(_BAD_CHARS.findall(text))
    if text and bad >= 2 and bad > MAX_BAD_CHAR_RATIO * len(text):
        raise NotTextError(
            f"not decodable as text: {bad} control or replacement characters "
            f"out of {len(text)} when read as {encoding}"
        )
    return _clean_controls(text), encoding
