"""One canonical shape for text, so offsets and hashes do not depend on the editor.

The same article saved on Windows or on a Mac, or with decomposed accents,
must give the same text and therefore the same content hash. No-break
spaces (U+00A0, U+202F) are kept: French number and currency parsing relies
on them.
"""

from __future__ import annotations

import re
import unicodedata

# Invisible characters that only get in the way of matching words.
_INVISIBLE_CHARACTERS = ("\u200b", "\u2060", "\ufeff", "\u00ad")
_INVISIBLE = str.maketrans(dict.fromkeys(_INVISIBLE_CHARACTERS))
_BLANK_RUN = re.compile(r"\n{3,}")
_ASCII_SPACE_RUN = re.compile(r"[ \t\n\r\f\v]+")


def normalise_text(text: str) -> str:
    """CRLF/CR to LF, NFC, lines stripped, at most one blank line in a row."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    # str.translate walks the text in Python-level steps; four substring searches run in C
    if any(character in text for character in _INVISIBLE_CHARACTERS):
        text = text.translate(_INVISIBLE)
    lines = [line.strip() for line in text.split("\n")]
    text = "\n".join(lines)
    return _BLANK_RUN.sub("\n\n", text).strip("\n")


def collapse_spaces(text: str) -> str:
    """One line with single spaces; no-break spaces inside are kept, unlike str.split().

    Most lines have nothing to collapse: six substring searches in C find that about 15 times faster than
    the substitution, which matches every single space (it ran twice per line of every article)."""
    if "  " in text or "\t" in text or "\n" in text or "\r" in text or "\f" in text or "\v" in text:
        return _ASCII_SPACE_RUN.sub(" ", text).strip()
    return text.strip()
