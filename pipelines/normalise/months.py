"""Month names of French and English, with their usual abbreviations, and their numbers.

For the plain-Python readers of dates in fixed places (a table's date cell, a byline's date); running text
is read by the Polars patterns of `pipelines.normalise.dates`.
"""

from __future__ import annotations

MONTH_NUMBERS: dict[str, int] = {name: number for number, names in enumerate((
    ("janvier", "january", "janv", "jan"), ("février", "fevrier", "february", "févr", "fevr", "fév", "feb"),
    ("mars", "march", "mar"), ("avril", "april", "avr", "apr"), ("mai", "may"), ("juin", "june", "jun"),
    ("juillet", "july", "juil", "jul"), ("août", "aout", "august", "aug"),
    ("septembre", "september", "sept", "sep"), ("octobre", "october", "oct"),
    ("novembre", "november", "nov"), ("décembre", "decembre", "december", "déc", "dec")), start=1)
    for name in names}
