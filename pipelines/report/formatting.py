"""How the report writes amounts, periods and lists of names, so every section reads the same way.

Dates in the warehouse are the first day of the period the text gives; printing
them at their stated precision ("Q3 2025", not "2025-07-01") keeps the report
from claiming more than the articles said.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
# The normaliser puts a season on the month it starts: spring 3, summer 6, autumn 9, winter 12.
SEASONS = {3: "spring", 6: "summer", 9: "autumn", 12: "winter"}
SCALES = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")]


def short_number(value: float) -> str:
    """1_700_000_000 -> '1.7B', 11_000_000 -> '11M', 1_250_000 -> '1.25M', 950 -> '950'."""
    for size, suffix in SCALES:
        if abs(value) >= size:
            scaled = f"{value / size:.2f}".rstrip("0").rstrip(".")
            return f"{scaled}{suffix}"
    return f"{value:.2f}".rstrip("0").rstrip(".")


def money(amount: float | None, currency: str | None) -> str:
    """An amount with its currency symbol, or its ISO code when it has no common symbol."""
    if amount is None:
        return "not stated"
    number = short_number(amount)
    code = (currency or "").upper()
    if code in CURRENCY_SYMBOLS:
        return f"{CURRENCY_SYMBOLS[code]}{number}"
    return f"{code} {number}".strip()


def usd(amount: float | None) -> str:
    return money(amount, "USD")


def period(date: dt.date | None, precision: str | None) -> str:
    """A date written at the precision the article gave it."""
    if date is None:
        return "date not stated"
    if precision == "day":
        return f"{date.day} {MONTHS[date.month - 1]} {date.year}"
    if precision == "month":
        return f"{MONTHS[date.month - 1]} {date.year}"
    if precision == "quarter":
        return f"Q{(date.month - 1) // 3 + 1} {date.year}"
    if precision == "half":
        return f"H{1 if date.month <= 6 else 2} {date.year}"
    if precision == "season":
        return f"{SEASONS.get(date.month, 'season of')} {date.year}"
    if precision == "year":
        return str(date.year)
    return date.isoformat()


def name_list(names: Sequence[str], limit: int = 3) -> str:
    """'A', 'A and B', 'A, B and C', 'A, B, C and 4 others'."""
    names = [name for name in names if name]
    if len(names) <= 1:
        return "".join(names)
    if len(names) <= limit:
        return f"{', '.join(names[:-1])} and {names[-1]}"
    rest = len(names) - limit
    return f"{', '.join(names[:limit])} and {rest} other{'s' if rest > 1 else ''}"


def percent(value: float | None) -> str:
    return "not stated" if value is None else f"{value:g}%"


def count(value: int) -> str:
    """Thousands separated, as the header and notes print counts."""
    return f"{value:,}"
