"""Month names of French and English, with their usual abbreviations, and their numbers.

One table for every reader of months: the Polars date parser (`pipelines.normalise.dates`, on text whose
accents it has removed) and the plain-Python readers of dates in fixed places (a table's date cell, a
byline's date), through `month_number`.
"""

from __future__ import annotations

import unicodedata

MONTH_NUMBERS: dict[str, int] = {
    **dict.fromkeys(["january", "janvier", "janv", "jan"], 1),
    **dict.fromkeys(["february", "fevrier", "fevr", "fev", "feb"], 2),
    **dict.fromkeys(["march", "mars", "mar"], 3),
    **dict.fromkeys(["april", "avril", "avr", "apr"], 4),
    **dict.fromkeys(["may", "mai"], 5),
    **dict.fromkeys(["june", "juin", "jun"], 6),
    **dict.fromkeys(["july", "juillet", "juill", "juil", "jul"], 7),
    **dict.fromkeys(["august", "aout", "aug"], 8),
    **dict.fromkeys(["september", "septembre", "sept", "sep"], 9),
    **dict.fromkeys(["october", "octobre", "oct"], 10),
    **dict.fromkeys(["november", "novembre", "nov"], 11),
    **dict.fromkeys(["december", "decembre", "dec"], 12),
}


def month_number(word: str) -> int | None:
    """1-12 for a month's name or abbreviation in any case, with or without accents and a final dot."""
    plain = unicodedata.normalize("NFKD", word.strip().rstrip(".").lower())
    return MONTH_NUMBERS.get("".join(ch for ch in plain if not unicodedata.combining(ch)))
