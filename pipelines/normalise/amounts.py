"""Find money mentions in French and English text and turn them into numbers.

The pattern has to run both in Python ``re`` and in Polars (Rust regex), so it
uses no look-around, no backreferences and no Unicode ``\\b`` (which makes the
Rust engine fall back to a slow matcher). Parsing is pure Polars expressions so
that it scales to millions of mentions.
"""

from __future__ import annotations

import re

import polars as pl

from pipelines.normalise import chain_fields

__all__ = ["MONEY_PATTERN", "SPELLED_MONEY", "parse_amount", "normalise_amounts"]

_AP = "['’]"
_SEP = "[ \u00a0\u202f]"

# A number with optional thousands groups, or a plain integer/decimal.
_NUM = rf"(?:[0-9]{{1,3}}(?:(?:{_SEP}|[.,])[0-9]{{3}})+(?:[.,][0-9]+)?|[0-9]+(?:[.,][0-9]+)?)"

# Scale words that are safe without a currency ("200 millions", "2.1bn").
_SCALE_WORD = r"(?:milliards?|millions?|billions?|trillions?|bn|bln|mds|md|mrds|mrd|mln)"
# Scale abbreviations that are only money when a currency is present
# ("5 mn" is five minutes, "30 mille" is usually a head count).
_SCALE_CUR = r"(?:milliers?|mille|mn)"
# Single letters must be glued to the number ("$5m") or followed by a
# currency ("4,5 M$"): "$5 more" must not become five million.
_SCALE_LETTER = r"[kmb]"
# Swallowed after a bare scale word so that "3 milliardaires" is found whole,
# then rejected by the parser, instead of reading as "3 milliard".
_LETTERS = "[a-zà-öø-ÿ]*"

# Codes are matched in upper case only so that "leur", "cadre" never count.
_CODE = r"(?-i:USD|EUR|GBP|CHF|JPY|CNY|CAD|RMB)"
_SYMBOL = r"(?:(?-i:US|CA|C)?\$|€|£|¥)"
_PRE_CUR = rf"(?:{_SYMBOL}|{_CODE})"
_POST_CUR = (
    rf"(?:(?:de\s+|d{_AP}\s*)?"
    r"(?:dollars?(?:\s+(?:am[ée]ricains?|canadiens?|(?-i:US)))?|euros?"
    r"|livres?(?:\s+sterling)?|francs?\s+suisses|yens?|yuans?|renminbi)"
    r"|(?:(?-i:US)|canadian)\s+dollars?|pounds?(?:\s+sterling)?|swiss\s+francs?"
    rf"|{_SYMBOL}|{_CODE})"
)
_NEG = "[-−]?"

_FORM_PRE = (
    rf"{_PRE_CUR}\s*{_NEG}{_NUM}"
    rf"(?:\s*(?:{_SCALE_WORD}|{_SCALE_CUR})|{_SCALE_LETTER})?"
)
_FORM_SCALE_CUR = rf"{_NUM}\s*(?:{_SCALE_WORD}|{_SCALE_CUR}|{_SCALE_LETTER})\s*{_POST_CUR}"
_FORM_CUR = rf"{_NUM}\s*{_POST_CUR}"
_FORM_SCALE = rf"{_NUM}\s*{_SCALE_WORD}{_LETTERS}"
_FORM_WORD = (
    rf"(?:une|un|one|an|a)\s+(?:milliards?|millions?|billions?|trillions?){_LETTERS}(?:\s*{_POST_CUR})?"
)

# Numbers said in words, as radio transcripts and some papers write them ("quinze millions d'euros", "two
# hundred million dollars"): only with a scale word and a currency, so "deux millions de visiteurs" is no money.
_UNITS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
    "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20,
    "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_HUNDRED = ("cents", "cent", "hundred")
_NUMBER_WORD = "|".join(sorted([*_UNITS, *_HUNDRED], key=len, reverse=True))
_NUMBER_WORDS = rf"(?:{_NUMBER_WORD})(?:[- ](?:et[- ]|and[- ])?(?:{_NUMBER_WORD}))*"
_FORM_SPELLED = rf"{_NUMBER_WORDS}\s+(?:milliards?|millions?|billions?|mille|thousand)\s*{_POST_CUR}"

_SINGLE = rf"(?:{_NEG}(?:{_FORM_PRE}|{_FORM_SCALE_CUR}|{_FORM_CUR}|{_FORM_SCALE})|{_FORM_WORD}|{_FORM_SPELLED})"
_SINGLE_POS = rf"(?:{_FORM_PRE}|{_FORM_SCALE_CUR}|{_FORM_CUR}|{_FORM_SCALE}|{_FORM_WORD}|{_FORM_SPELLED})"
# The low end of a range may omit scale and currency ("entre 10 et 15 millions").
_LOW = (
    rf"(?:{_PRE_CUR}\s*)?{_NUM}"
    rf"(?:\s*(?:{_SCALE_WORD}|{_SCALE_CUR})|{_SCALE_LETTER})?(?:\s*{_POST_CUR})?"
)
_RANGE = (
    rf"(?:(?:entre|between)\s+{_LOW}\s+(?:et|and)\s+{_SINGLE_POS}"
    rf"|from\s+{_LOW}\s+to\s+{_SINGLE_POS}"
    rf"|de\s+{_LOW}\s+à\s+{_SINGLE_POS}"
    rf"|{_LOW}(?:\s+(?:à|to)\s+|[-–—]){_SINGLE_POS})"
)
_QUALIFIER = (
    r"(?:(?:environ|approximativement|quelques?|about|around|roughly|nearly|approximately"
    r"|almost|presque|some|circa|at\s+least|at\s+most|au\s+moins|au\s+plus|au\s+maximum"
    r"|up\s+to|over|under|upwards\s+of|in\s+excess\s+of|(?:more|less|fewer)\s+than)\s+"
    rf"|~\s*|(?:près|pres|autour|plus|moins|au[- ]delà|de\s+l{_AP}ordre)\s+d(?:e\s+|{_AP}\s*)"
    rf"|jusqu{_AP}\s*(?:à|a)\s+)"
)

MONEY_PATTERN: str = rf"(?i)(?:{_QUALIFIER})?(?:{_RANGE}|{_SINGLE})"

# ---------------------------------------------------------------- parsing --

_P_SCALE = (
    r"milliards?|milliers?|millions?|mille|billions?|trillions?|bn|bln|mds|md|mrds|mrd|mln|mn|m|k|b"
)
_P_NUM = r"[0-9]+(?:[ .,][0-9]+)*"
# A scale token counts only when no letter follows it ("milliardaire" is no scale).
_P_AFTER_SCALE = "(?:[^a-zà-ÿ0-9]|$)"
_P_PARTS = (
    rf"^[^0-9]*?({_P_NUM})\s*(?:({_P_SCALE}){_P_AFTER_SCALE})?[^0-9]*?"
    rf"(?:({_P_NUM})\s*(?:({_P_SCALE}){_P_AFTER_SCALE})?)?[^0-9]*$"
)
_SCALES = {
    **dict.fromkeys(["milliard", "milliards", "md", "mds", "mrd", "mrds"], 1e9),
    **dict.fromkeys(["billion", "billions", "bn", "bln", "b"], 1e9),
    **dict.fromkeys(["trillion", "trillions"], 1e12),
    **dict.fromkeys(["million", "millions", "mn", "mln", "m"], 1e6),
    **dict.fromkeys(["millier", "milliers", "mille", "k"], 1e3),
}
_CURRENCIES = [  # first match wins: specific dollars before the bare "$"
    ("CAD", r"c\$|ca\$|cad|dollars?\s+canadiens?|canadian\s+dollars?"),
    ("USD", r"us\$|usd|dollars?\s+(?:am[ée]ricains?|us)|us\s+dollars?"),
    ("CHF", r"chf|francs?\s+suisses|swiss\s+francs?"),
    ("CNY", r"cny|rmb|yuans?|renminbi"),
    ("JPY", r"¥|jpy|yens?"),
    ("EUR", r"€|eur"),
    ("GBP", r"£|gbp|livres?|pounds?|sterling"),
    ("USD", r"\$|dollars?"),
]
_QUALIFIERS = [  # tested on the words before the first digit only
    ("approx", r"environ|pr[eè]s\s+d|quelque|about|around|~|roughly|nearly|approx|almost"
               r"|presque|some|circa|autour|ordre"),
    ("at_least", r"plus\s+d|more\s+than|over|au\s+moins|at\s+least|au-del|au\s+del|upwards|in\s+excess"),
    ("at_most", r"jusqu|up\s+to|moins\s+d|less\s+than|fewer|under|at\s+most|au\s+plus|au\s+maximum"),
]
_ENGLISH = (
    r"^[^0-9]*(?:\$|£|€|¥|usd|eur|gbp|chf|jpy|cny|cad)|billion|bn|bln|between|from|about"
    r"|around|roughly|nearly|over|more than|less than|up to|at least|pounds"
)
_MAX_DIGITS = 15
_MAX_VALUE = 1e13


def _number(num: pl.Expr, has_scale: pl.Expr, english: pl.Expr) -> pl.Expr:
    """Read one number, guessing whether "," and "." are decimal or thousands marks.

    Three digits after a single mark are thousands unless a scale word follows
    (then "1,200 milliard" is French 1.2) - except "," in English text.
    """
    s = num.str.replace_all(_SEP, "")
    commas = s.str.count_matches(",", literal=True)
    dots = s.str.count_matches(".", literal=True)
    grouped = s.str.contains(r"^[0-9]{1,3}[.,][0-9]{3}$")
    no_commas = s.str.replace_all(",", "", literal=True)
    no_dots = s.str.replace_all(".", "", literal=True)
    comma_decimal = no_dots.str.replace(",", ".", literal=True)
    text = (
        pl.when((commas > 0) & (dots > 0))
        .then(pl.when(s.str.contains(r",[0-9]*$")).then(comma_decimal).otherwise(no_commas))
        .when(commas > 1)
        .then(no_commas)
        .when(dots > 1)
        .then(no_dots)
        .when(commas == 1)
        .then(pl.when(grouped & (~has_scale | english)).then(no_commas).otherwise(comma_decimal))
        .when(dots == 1)
        .then(pl.when(grouped & ~has_scale).then(no_dots).otherwise(s))
        .otherwise(s)
    )
    too_long = s.str.replace_all("[^0-9]", "").str.strip_chars_start("0").str.len_chars() > _MAX_DIGITS
    return pl.when(too_long).then(None).otherwise(text.cast(pl.Float64, strict=False))


def _first_match(text: pl.Expr, table: list[tuple[str, str]]) -> pl.Expr:
    """Label of the first (label, regex) pair whose regex occurs in text."""
    expr = pl.when(text.str.contains(table[0][1])).then(pl.lit(table[0][0]))
    for label, regex in table[1:]:
        expr = expr.when(text.str.contains(regex)).then(pl.lit(label))
    return expr.otherwise(pl.lit(None, dtype=pl.String))


_SPELLED = re.compile(rf"(?<![a-zà-ÿ]){_NUMBER_WORDS}(?![a-zà-ÿ])")
# a money mention that says its number in words
SPELLED_MONEY = re.compile(rf"(?i){_FORM_SPELLED}")
_DIGIT = re.compile(r"[0-9]")


def _spelled_value(words: str) -> int:
    """"trente-deux" = 32, "quatre-vingt-dix" = 90, "two hundred fifty" = 250."""
    value = 0
    for token in re.split(r"[- ]+", words):
        if token in _HUNDRED:
            value = (value or 1) * 100
        elif token.startswith("vingt") and value % 100 == 4:  # quatre-vingt(s)
            value += 76
        elif token not in ("et", "and"):
            value += _UNITS[token]
    return value


def _spelled_to_digits(texts: pl.Series) -> pl.Series:
    """The lower-cased mentions with a number said in words written in digits; the others as they are."""
    def digits(text: str | None) -> str | None:
        if text is None or _DIGIT.search(text):
            return text
        return _SPELLED.sub(lambda m: str(_spelled_value(m.group(0))), text, 1)

    return pl.Series([digits(t) for t in texts.to_list()], dtype=pl.Utf8)


def parse_amount(text: pl.Expr) -> pl.Expr:
    """Struct of amount, amount_low, amount_high, currency, qualifier for a money mention.

    A range's low end borrows the high end's scale only when its own number is
    not larger ("entre 10 et 15 millions" vs "entre 500 000 et 2 millions").
    Absurd or negative values give null amounts but keep currency and qualifier.
    """
    f = pl.field
    cleaned = (text.str.to_lowercase().str.replace_all("’", "'", literal=True).str.replace_all(_SEP, " ")
               .map_batches(_spelled_to_digits, return_dtype=pl.Utf8))
    scale = {"default": None, "return_dtype": pl.Float64}
    return chain_fields(
        {"t": cleaned},
        {
            "parts": f("t").str.extract_groups(_P_PARTS),
            "english": f("t").str.contains(_ENGLISH),
            "word_one": f("t").str.contains(
                r"(?:^|[^a-z])(?:une|un|one|an|a)\s+(?:milliards?|millions?|billions?|trillions?)(?:[^a-z]|$)"),
            "word_factor": f("t").str.extract(rf"(milliards?|millions?|billions?|trillions?){_P_AFTER_SCALE}", 1)
            .replace_strict(_SCALES, **scale),
            "negative": f("t").str.contains(r"^[^0-9]*[-−][^0-9a-z]*[0-9]"),
            "currency": _first_match(f("t"), _CURRENCIES),
            "said": _first_match(f("t").str.extract(r"^([^0-9]*)", 1), _QUALIFIERS),
            "keyword_range": f("t").str.contains(r"^(?:entre|between|from)\s"),
        },
        {
            "n1": f("parts").struct.field("1"),
            "n2": f("parts").struct.field("3"),
            "f1": f("parts").struct.field("2").replace_strict(_SCALES, **scale),
            "f2": f("parts").struct.field("4").replace_strict(_SCALES, **scale),
        },
        {
            "v1": _number(f("n1"), f("f1").is_not_null() | f("f2").is_not_null(), f("english")),
            "v2": _number(f("n2"), f("f2").is_not_null(), f("english")),
            "is_range": f("n2").is_not_null(),
        },
        {
            "value1": pl.when(f("n1").is_null() & f("word_one")).then(1.0).otherwise(f("v1")),
            "factor1": pl.when(f("n1").is_null()).then(f("word_factor"))
            .when(f("f1").is_null() & f("is_range") & (f("v1") <= f("v2"))).then(f("f2"))
            .otherwise(f("f1")).fill_null(1.0),
        },
        {
            "first": f("value1") * f("factor1"),
            "second": f("v2") * f("f2").fill_null(1.0),
            # Neither currency nor scale: a head count or a year, not money.
            "unitless": f("currency").is_null() & f("f1").is_null() & f("f2").is_null()
            & f("word_factor").is_null(),
        },
        {
            "low": pl.when(f("is_range")).then(pl.min_horizontal(f("first"), f("second"))).otherwise(f("first")),
            "high": pl.when(f("is_range")).then(pl.max_horizontal(f("first"), f("second"))).otherwise(f("first")),
        },
        {
            "broken": f("negative") | f("first").is_null() | (f("is_range") & f("second").is_null())
            | (f("high") > _MAX_VALUE) | f("unitless"),
        },
        out={
            "amount": pl.when(~f("broken")).then(f("low")),
            "amount_low": pl.when(~f("broken")).then(f("low")),
            "amount_high": pl.when(~f("broken")).then(f("high")),
            "currency": f("currency"),
            "qualifier": pl.when(f("is_range") | f("keyword_range")).then(pl.lit("range"))
            .otherwise(f("said")),
        },
    )


def normalise_amounts(df: pl.DataFrame, column: str) -> pl.DataFrame:
    """Add the parsed amount fields right after ``column`` (which holds mentions)."""
    fields = ["amount", "amount_low", "amount_high", "currency", "qualifier"]
    parsed = df.with_columns(parse_amount(pl.col(column)).alias("__amount")).unnest("__amount")
    at = df.columns.index(column) + 1
    order = df.columns[:at] + fields + df.columns[at:]
    return parsed.select(order)
