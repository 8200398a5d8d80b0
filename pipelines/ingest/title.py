"""A headline for a document that was not given one.

Pasted articles usually start with their headline on a line of its own;
a first line that is long or ends with a full stop is the first sentence
of the body instead, and then there is no title to give.
"""

from __future__ import annotations

from .normalisation import collapse_spaces

MAX_TITLE_CHARS = 150


def guess_title(text: str) -> str | None:
    """The first non-empty line when it looks like a headline, else None."""
    for line in text.split("\n"):
        line = collapse_spaces(line)
        if not line:
            continue
        if len(line) < MAX_TITLE_CHARS and not line.endswith(".") and any(c.isalpha() for c in line):
            return line
        return None
    return None
