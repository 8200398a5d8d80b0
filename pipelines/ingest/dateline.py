"""The publication date an article states in its header: a byline, a dateline, a post header.

Without a sidecar or a page's own date, "this morning", "on Tuesday" and "in September" had nothing to be
resolved against, and the facts they dated stayed undated. Articles copied from the web usually keep the
line that says when they were published: "By Marcus Oyelaran | October 20, 2026", "21 October 2026 · 5 min
read", "Toulouse, le 9 mars 2027 –". Only a full date (day, month, year) in the first lines counts: a
short line anywhere among them, or the opening words of a paragraph (a dateline).
"""

from __future__ import annotations

import datetime as dt
import re

from pipelines.normalise.months import month_number

HEADER_LINES = 12
SHORT_LINE = 150
DATELINE_WORDS = 60  # characters of a long line's opening where a dateline stands

_MONTH = r"([A-Za-zéûÉÛ]{3,9})\.?"
_DAY = r"(\d{1,2})(?:er|st|nd|rd|th)?"
_YEAR = r"((?:19|20)\d\d)"
_FULL_DATE = re.compile(
    rf"\b(?:{_DAY}\s+{_MONTH}\s+{_YEAR}"  # 20 octobre 2026, 21 October 2026
    rf"|{_MONTH}\s+{_DAY},?\s+{_YEAR}"  # October 20, 2026
    rf"|{_YEAR}-(\d\d)-(\d\d))\b"  # 2026-10-20
)


def _date(match: re.Match[str]) -> dt.date | None:
    day, month, year, month2, day2, year2, year3, month3, day3 = match.groups()
    try:
        if year3:
            return dt.date(int(year3), int(month3), int(day3))
        name, day, year = (month, day, year) if year else (month2, day2, year2)
        number = month_number(name)
        return dt.date(int(year), number, int(day)) if number else None
    except ValueError:  # "31 février 2026"
        return None


def header_date(text: str) -> dt.date | None:
    """The first full date of the article's header lines, or None."""
    for line in text.split("\n", HEADER_LINES)[:HEADER_LINES]:
        where = line if len(line) <= SHORT_LINE else line[:DATELINE_WORDS]
        for match in _FULL_DATE.finditer(where):
            found = _date(match)
            if found is not None:
                return found
    return None
