"""Find date expressions in French and English text and resolve them to dates.

The pattern runs both in Python ``re`` and in Polars (Rust regex): no
look-around, no backreferences, no Unicode ``\\b``. Resolution is pure Polars
so that relative dates are computed against each row's publication date (or
the narrative anchor) and never against today's date.

Every resolved date is the first day of its period. Choices the caller should
know: winter YEAR is January 1 of YEAR (the winter that ends in YEAR's first
months is the one usually meant by "l'hiver 2024"); début/early YEAR is the
first quarter and fin/late YEAR the fourth; mi-/mid-YEAR is only the year;
"03/04/2025" is day-first unless the second number cannot be a month.
"""

from __future__ import annotations

import polars as pl

from pipelines.normalise import chain_fields
from pipelines.normalise.months import MONTH_NUMBERS

__all__ = ["DATE_PATTERN", "MONTH_NAME", "parse_date", "normalise_dates"]

_AP = "['’]"
_YEAR = r"(?:19|20)[0-9]{2}"
_YEAR_BARE = r"(?:199[0-9]|20[0-3][0-9])"
_FR_MONTHS = r"janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre"
_EN_MONTHS = r"january|february|march|april|may|june|july|august|september|october|november|december"
_FULL = rf"(?:{_FR_MONTHS}|{_EN_MONTHS})"
MONTH_NAME = _FULL  # a month's full name, French or English, for the readers of dates outside this module
_ABBR = r"(?:janv|f[ée]vr|f[ée]v|avr|juill?|sept|d[ée]c|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov)\.?"
_MONTH = rf"(?:{_FULL}|{_ABBR})"
_DAY = r"(?:1er|[12][0-9]|3[01]|0?[1-9])(?:er|st|nd|rd|th|e)?"
_DAY_EN = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
# Lead-in words that do not change the meaning but belong to the mention.
_LEAD_WORDS = (
    rf"(?:en|in|dès|depuis|since|during|durant|pendant|until|by|d{_AP}ici|jusqu{_AP}(?:en|à|au))"
)
_MONTH_OF = rf"(?:le\s+)?mois\s+d{_AP}\s*"
_LEAD = rf"(?:(?:{_LEAD_WORDS}|à|au)\s+(?:{_MONTH_OF}|la\s+)?)"
_LETTERS = "[a-zà-öø-ÿ]*"
_MONTH_MOD = (
    r"(?:mi-|mid-|mid\s+|d[ée]but\s+|fin\s+|courant\s+|early\s+|late\s+"
    r"|(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+)"
)
# the first to fourth; "dernier", "last", "final" name the fourth only with a year ("le dernier trimestre 2022")
_ORDINAL_NUMBER = (
    r"(?:premier|1er|first|1st|deuxi[èe]me|2e|2[èe]me|second|2nd|troisi[èe]me|3e|3[èe]me"
    r"|third|3rd|quatri[èe]me|4e|4[èe]me|fourth|4th)"
)
_ORDINAL = rf"(?:{_ORDINAL_NUMBER}|dernier|last|final)"
_COUNT_FR = r"(?:un|une|deux|trois|quatre|cinq|six|dix|[0-9]{1,2})"
_COUNT_EN = r"(?:a|one|two|three|four|five|six|ten|[0-9]{1,2})"

_REL_ANCHOR = (
    rf"l{_AP}ann[ée]e\s+(?:suivante|pr[ée]c[ée]dente|d{_AP}apr[èe]s|d{_AP}avant)"
    r"|the\s+(?:following|next|previous|preceding|prior)\s+year|the\s+year\s+(?:after|before)"
    rf"|{_COUNT_EN}\s+years?\s+(?:later|earlier)"
    rf"|{_COUNT_FR}\s+ans?\s+(?:plus\s+tard|plus\s+t[ôo]t|auparavant)"
)
_REL_NOW = (
    rf"l{_AP}an\s+(?:dernier|pass[ée])"
    rf"|l{_AP}ann[ée]e\s+(?:derni[èe]re|pass[ée]e|en\s+cours|prochaine)"
    r"|(?:plus\s+t[ôo]t\s+)?cette\s+ann[ée]e|(?:earlier\s+)?this\s+(?:year|month)"
    r"|(?:last|next)\s+(?:year|month)"
    rf"|il\s+y\s+a\s+{_COUNT_FR}\s+(?:ans?|ann[ée]es?|mois)"
    rf"|{_COUNT_EN}\s+(?:years?|months?)\s+ago"
    r"|(?:au\s+cours\s+des\s+|ces\s+)derniers\s+mois"
    r"|(?:in|over\s+the)\s+(?:recent|past|last)\s+(?:few\s+)?months"
    r"|le\s+mois\s+(?:dernier|pass[ée])|ce\s+mois-ci"
    # "hier" swallows its whole word so that "fichier" is found, then rejected.
    rf"|avant[- ]hier|{_LETTERS}hier{_LETTERS}|yesterday|aujourd{_AP}hui|today"
)
_NUMERIC = (
    rf"{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
    rf"|[0-3]?[0-9][/.-][0-3]?[0-9][/.-]{_YEAR}"
)
_PERIOD = (
    rf"(?:{_LEAD}|(?:in\s+|during\s+)?the\s+|(?:du|le)\s+)?{_ORDINAL}\s+"
    rf"(?:trimestre|quarter|semestre|half)\s+(?:de\s+l{_AP}ann[ée]e\s+|de\s+|d{_AP}|of\s+)?"
    rf"(?:fiscal\s+)?{_YEAR}"
    rf"|{_LEAD}?[TQHS][1-4]\s*{_YEAR}"
)
# A quarter or a half without a year is the latest one begun by publication ("au premier trimestre" in May;
# "in the fourth quarter" in February is last year's); "le dernier trimestre" alone is left out.
_PERIOD_NOW = (
    rf"(?:{_LEAD}|(?:in\s+|during\s+)?the\s+|(?:du|le|au)\s+)?{_ORDINAL_NUMBER}\s+(?:trimestre|quarter|semestre|half)"
)
_SEASON = (
    rf"(?:{_LEAD}|(?:in\s+|during\s+)?the\s+)?"
    rf"(?:l{_AP}(?:été|ete|automne|hiver)|(?:le\s+)?printemps|été|automne|hiver"
    rf"|summer|autumn|fall|winter|spring)\s+(?:de\s+|d{_AP}|of\s+)?{_YEAR}"
)
# A season without a year is the latest one begun by publication ("cet été" in October; "last summer").
_SEASON_NOW = (
    rf"(?:cet|ce|this|last|l{_AP})\s*(?:été|ete|automne|hiver|printemps|summer|autumn|fall|winter|spring)"
    r"(?:\s+derni(?:er|ère))?"
)
# a weekday before a date is part of it: "mardi 10 août", "Tuesday, August 10"
_WEEKDAY_NAME = (r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|"
                 r"saturday|sunday)")
_DAY_MONTH = (
    rf"(?:(?:le|the|on|du|au)\s+)?(?:{_WEEKDAY_NAME},?\s+)?{_DAY}\s+(?:of\s+)?"
    rf"(?:{_FULL}(?:,?\s+{_YEAR})?|{_ABBR}\s+{_YEAR})"
)
_MONTH_FORMS = (
    rf"{_LEAD}?{_MONTH_MOD}?{_MONTH}\s+(?:de\s+l{_AP}ann[ée]e\s+|of\s+)?{_YEAR}"
    # Without a year the month needs a lead-in, and swallows the rest of its
    # word so that "en Mayer" or "à maintenir" is found, then rejected.
    rf"|(?:{_LEAD_WORDS}\s+(?:{_MONTH_OF})?{_MONTH_MOD}?|(?:à|au)\s+(?:la\s+)?{_MONTH_MOD}"
    rf"|(?:au|le)\s+{_MONTH_OF}|{_MONTH_MOD}|last\s+){_FULL}{_LETTERS}(?:\s+derni(?:er|ère))?"
    rf"|{_FULL}\s+dernier"
)
_MONTH_DAY = (rf"(?:(?:on\s+)?{_WEEKDAY_NAME},?\s+)?(?:{_EN_MONTHS})\s+{_DAY_EN}(?:,?\s+{_YEAR})?"
              rf"|{_MONTH}\s+{_DAY_EN},?\s+{_YEAR}")
_YEAR_MOD = (
    rf"{_LEAD}?(?:la\s+)?(?:d[ée]but|fin|milieu|courant|early|late|mi-|mid-"
    r"|(?:the\s+)?(?:end|beginning|start|middle)\s+of)\s*"
    rf"(?:(?:de\s+)?l{_AP}ann[ée]e\s+|d{_AP}ann[ée]e\s+|de\s+|of\s+)?{_YEAR}"
)
_YEAR_FORM = (
    rf"(?:(?:en|in|depuis|since|dès|courant|durant|pendant|during|until|by|d{_AP}ici"
    rf"|jusqu{_AP}en|l{_AP}ann[ée]e|the\s+year|fiscal(?:\s+year)?|exercice)\s+|fy\s*)?"
    # Digits on either side are swallowed so that "12000" is found, then rejected.
    rf"[0-9]*{_YEAR_BARE}[0-9]*"
)

# A weekday ("lundi", "on Wednesday") is the latest such day on or before publication.
_WEEKDAY = (
    r"(?:(?:on|last|this|ce|le)\s+)?"
    rf"{_WEEKDAY_NAME}"
    r"(?:\s+dernier)?(?:[^a-z0-9]|$)"
)

DATE_PATTERN: str = (
    rf"(?i)(?:{_REL_ANCHOR}|{_REL_NOW}|{_NUMERIC}|{_PERIOD}|{_PERIOD_NOW}|{_SEASON}|{_SEASON_NOW}|{_DAY_MONTH}"
    rf"|{_MONTH_FORMS}|{_MONTH_DAY}|{_YEAR_MOD}|{_YEAR_FORM}|{_WEEKDAY})"
)

# ---------------------------------------------------------------- parsing --
# The parser works on lower-cased text without accents or curly apostrophes.

_ACCENTS = {"à": "a", "â": "a", "ä": "a", "é": "e", "è": "e", "ê": "e", "ë": "e", "î": "i",
            "ï": "i", "ô": "o", "ö": "o", "ù": "u", "û": "u", "ü": "u", "ç": "c", "’": "'",
            "\u00a0": " ", "\u202f": " "}
_MONTH_TOKEN = "(" + "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True)) + ")"
_ORDINALS = {
    **dict.fromkeys(["premier", "1er", "first", "1st"], 1),
    **dict.fromkeys(["deuxieme", "2e", "2eme", "second", "2nd"], 2),
    **dict.fromkeys(["troisieme", "3e", "3eme", "third", "3rd"], 3),
    **dict.fromkeys(["quatrieme", "4e", "4eme", "fourth", "4th"], 4),
    **dict.fromkeys(["dernier", "last", "final"], -1),
}
_ORDINAL_TOKEN = "(" + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + ")"
_COUNTS = {"un": 1, "une": 1, "a": 1, "one": 1, "deux": 2, "two": 2, "trois": 3, "three": 3,
           "quatre": 4, "four": 4, "cinq": 5, "five": 5, "six": 6, "dix": 10, "ten": 10}
_SEASONS = {"printemps": 3, "spring": 3, "ete": 6, "summer": 6, "automne": 9, "autumn": 9,
            "fall": 9, "hiver": 1, "winter": 1}
_WEEKDAYS = {"lundi": 0, "monday": 0, "mardi": 1, "tuesday": 1, "mercredi": 2, "wednesday": 2, "jeudi": 3,
             "thursday": 3, "vendredi": 4, "friday": 4, "samedi": 5, "saturday": 5, "dimanche": 6, "sunday": 6}
_WEEKDAY_TOKEN = "(" + "|".join(_WEEKDAYS) + ")"
_COUNT = r"(un|une|a|one|deux|two|trois|three|quatre|four|cinq|five|six|dix|ten|[0-9]{1,2})"
_W = "(?:^|[^a-z])"
_E = "(?:[^a-z]|$)"


def _count(t: pl.Expr, suffix: str) -> pl.Expr:
    """Integer of the count word or digits placed just before ``suffix``."""
    token = t.str.extract(rf"{_W}{_COUNT}\s+{suffix}", 1)
    return token.replace_strict(_COUNTS, default=None, return_dtype=pl.Int32).fill_null(
        token.cast(pl.Int32, strict=False)
    )


def _offset(t: pl.Expr, rules: list[tuple[str, int | pl.Expr]]) -> pl.Expr:
    """Offset of the first (regex, offset) rule matching ``t``; null when none does."""
    return _first([(t.str.contains(regex), value) for regex, value in rules]).cast(pl.Int32)


def _relative_offsets(t: pl.Expr) -> tuple[pl.Expr, pl.Expr, pl.Expr, pl.Expr]:
    """Offsets against the anchor (years) and against publication (days, months, years)."""
    anchor_years = _offset(t, [
        (r"l'annee (?:suivante|d'apres)|the (?:following|next) year|the year after", 1),
        (r"l'annee (?:precedente|d'avant)|the (?:previous|preceding|prior) year|the year before", -1),
        (r"ans? plus tard|years? later", _count(t, r"(?:ans?|years?)")),
        (r"ans? (?:plus tot|auparavant)|years? earlier", -_count(t, r"(?:ans?|years?)")),
    ])
    days = _offset(t, [(r"^avant[- ]hier$", -2), (r"^(?:hier|yesterday)$", -1),
                       (r"^(?:aujourd'hui|today)$", 0)])
    months = _offset(t, [
        (r"le mois (?:dernier|passe)|last month(?:[^s]|$)", -1),
        (r"ce mois-ci|this month|derniers mois|(?:recent|past|last) (?:few )?months", 0),
        (r"il y a .* mois|months? ago", -_count(t, r"(?:mois|months?)")),
    ])
    years = _offset(t, [
        (r"l'an (?:dernier|passe)|l'annee (?:derniere|passee)|last year", -1),
        (r"cette annee|this year|l'annee en cours", 0),
        (r"l'annee prochaine|next year", 1),
        (r"il y a |years? ago", -_count(t, r"(?:ans?|annees?|years?)")),
    ])
    return anchor_years, days, months, years


def _first(rules: list[tuple[pl.Expr, object]]) -> pl.Expr:
    """Value of the first (condition, value) rule whose condition holds."""
    expr = pl.when(False).then(None)
    for condition, value in rules:
        expr = expr.when(condition).then(pl.lit(value) if isinstance(value, (int, str)) else value)
    return expr


def parse_date(text: pl.Expr, published_at: pl.Expr, anchor: pl.Expr, *, anchor_offset: bool = False) -> pl.Expr:
    """Struct of date (first day of the period), precision and kind for a date mention.

    Year-less months take the latest such month not after publication; with
    "dernier"/"last" the month must be strictly before the publication month.
    Whenever the date is null, precision and kind are null too. With
    `anchor_offset`, the struct also holds `anchor_years`, the years an anchor
    date is shifted by: where it is null, the anchor changes nothing.
    """
    f = pl.field
    cleaned = (
        text.str.to_lowercase()
        .str.replace_many(list(_ACCENTS), list(_ACCENTS.values()))
        .str.replace_all(r"\s+", " ")
        .str.strip_chars()
    )
    months_map = {"default": None, "return_dtype": pl.Int32}
    anchor_years, days, months, years = _relative_offsets(f("t"))
    features = {
        "iso": f("t").str.extract_groups(
            r"(?:^|[^0-9])((?:19|20)[0-9]{2})-([0-9]{1,2})-([0-9]{1,2})(?:[^0-9]|$)"),
        "dmy": f("t").str.extract_groups(
            r"(?:^|[^0-9])([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]((?:19|20)[0-9]{2})(?:[^0-9]|$)"),
        "year": f("t").str.extract(r"(?:^|[^0-9])((?:19|20)[0-9]{2})(?:[^0-9]|$)", 1).cast(pl.Int32),
        "month": f("t").str.extract(rf"{_W}{_MONTH_TOKEN}{_E}", 1).replace_strict(MONTH_NUMBERS, **months_map),
        "day": pl.coalesce(
            f("t").str.extract(
                rf"(?:^|[^0-9])([0-9]{{1,2}})(?:er|st|nd|rd|th|e)?\s+(?:of\s+)?{_MONTH_TOKEN}{_E}", 1),
            f("t").str.extract(rf"{_W}{_MONTH_TOKEN}\.?\s+([0-9]{{1,2}})(?:st|nd|rd|th)?(?:[^0-9]|$)", 2),
        ).cast(pl.Int32),
        "ordinal": f("t").str.extract(rf"{_W}{_ORDINAL_TOKEN}\s+(?:trimestre|quarter|semestre|half){_E}", 1)
        .replace_strict(_ORDINALS, **months_map),
        "is_half": f("t").str.contains(r"semestre|half|(?:^|[^a-z])[hs][12]\s*[0-9]"),
        "quarter_code": f("t").str.extract(r"(?:^|[^a-z])[tq]([1-4])\s*[0-9]", 1).cast(pl.Int32),
        "half_code": f("t").str.extract(r"(?:^|[^a-z])[hs]([12])\s*[0-9]", 1).cast(pl.Int32),
        "season": f("t").str.extract(rf"{_W}(printemps|spring|ete|summer|automne|autumn|fall|hiver|winter){_E}", 1)
        .replace_strict(_SEASONS, **months_map),
        "early": f("t").str.contains(rf"{_W}(?:debut|early|beginning|start){_E}"),
        "late": f("t").str.contains(rf"{_W}(?:fin|late|end){_E}"),
        "strictly_before": f("t").str.contains(rf"{_W}(?:last|dernier|derniere){_E}"),
        "weekday": f("t").str.extract(rf"{_W}{_WEEKDAY_TOKEN}{_E}", 1).replace_strict(_WEEKDAYS, **months_map),
        "anchor_years": anchor_years,
        "days": days,
        "months": months,
        "years": years,
    }
    derived = {
        "n1": f("dmy").struct.field("1").cast(pl.Int32),
        "n2": f("dmy").struct.field("2").cast(pl.Int32),
        "dmy_y": f("dmy").struct.field("3").cast(pl.Int32),
        "iso_y": f("iso").struct.field("1").cast(pl.Int32),
        "iso_m": f("iso").struct.field("2").cast(pl.Int32),
        "iso_d": f("iso").struct.field("3").cast(pl.Int32),
        "quarter": pl.coalesce(f("quarter_code"), pl.when(~f("is_half")).then(f("ordinal").replace(-1, 4))),
        "half": pl.coalesce(
            f("half_code"), pl.when(f("is_half") & (f("ordinal") <= 2)).then(f("ordinal").replace(-1, 2))),
        "pub_y": f("pub").dt.year().cast(pl.Int32),
        "pub_m": f("pub").dt.month().cast(pl.Int32),
        "shifted": f("pub") + pl.duration(days=f("days")),
        "on_weekday": f("pub") - pl.duration(days=(f("pub").dt.weekday().cast(pl.Int32) - 1 - f("weekday")) % 7),
    }
    calendar = {
        "month_first": (f("n2") > 12) & (f("n1") <= 12),
        "month_index": f("pub_y") * 12 + f("pub_m") - 1 + f("months"),
        "yearless_y": pl.when((f("month") < f("pub_m")) | ((f("month") == f("pub_m")) & ~f("strictly_before")))
        .then(f("pub_y")).otherwise(f("pub_y") - 1),
        "quarter_y": pl.when(f("quarter") * 3 - 2 <= f("pub_m")).then(f("pub_y")).otherwise(f("pub_y") - 1),
        "half_y": pl.when(f("half") * 6 - 5 <= f("pub_m")).then(f("pub_y")).otherwise(f("pub_y") - 1),
        "season_y": pl.when((f("season") < f("pub_m")) | ((f("season") == f("pub_m")) & ~f("strictly_before")))
        .then(f("pub_y")).otherwise(f("pub_y") - 1),
    }
    year, month, day = f("year"), f("month"), f("day")
    # (condition, year, month, day, precision, kind), first match wins.
    rules = [
        (f("iso_y").is_not_null(), f("iso_y"), f("iso_m"), f("iso_d"), "day", "absolute"),
        (f("dmy_y").is_not_null(), f("dmy_y"), pl.when(f("month_first")).then(f("n1")).otherwise(f("n2")),
         pl.when(f("month_first")).then(f("n2")).otherwise(f("n1")), "day", "absolute"),
        (f("anchor_years").is_not_null(), f("anchor").dt.year() + f("anchor_years"), 1, 1,
         "year", "relative_anchor"),
        (f("days").is_not_null(), f("shifted").dt.year(), f("shifted").dt.month(), f("shifted").dt.day(),
         "day", "relative_now"),
        (f("months").is_not_null(), f("month_index") // 12, f("month_index") % 12 + 1, 1,
         "month", "relative_now"),
        (f("weekday").is_not_null() & month.is_null() & year.is_null(), f("on_weekday").dt.year(),
         f("on_weekday").dt.month(), f("on_weekday").dt.day(), "day", "relative_now"),
        (f("years").is_not_null(), f("pub_y") + f("years"), 1, 1, "year", "relative_now"),
        (f("quarter").is_not_null() & year.is_not_null(), year, f("quarter") * 3 - 2, 1, "quarter", "absolute"),
        (f("half").is_not_null() & year.is_not_null(), year, f("half") * 6 - 5, 1, "half", "absolute"),
        (f("quarter").is_not_null() & f("pub").is_not_null(), f("quarter_y"), f("quarter") * 3 - 2, 1, "quarter",
         "relative_now"),
        (f("half").is_not_null() & f("pub").is_not_null(), f("half_y"), f("half") * 6 - 5, 1, "half", "relative_now"),
        (f("season").is_not_null() & year.is_not_null(), year, f("season"), 1, "season", "absolute"),
        (f("season").is_not_null(), f("season_y"), f("season"), 1, "season", "relative_now"),
        (month.is_not_null() & year.is_not_null() & day.is_not_null(), year, month, day, "day", "absolute"),
        (month.is_not_null() & year.is_not_null(), year, month, 1, "month", "absolute"),
        (month.is_not_null() & day.is_not_null(), f("yearless_y"), month, day, "day", "relative_now"),
        (month.is_not_null(), f("yearless_y"), month, 1, "month", "relative_now"),
        (year.is_not_null() & f("early"), year, 1, 1, "quarter", "absolute"),
        (year.is_not_null() & f("late"), year, 10, 1, "quarter", "absolute"),
        (year.is_not_null(), year, 1, 1, "year", "absolute"),
    ]
    names = ["y", "m", "d", "precision", "kind"]
    picked = {name: _first([(rule[0], rule[i + 1]) for rule in rules]) for i, name in enumerate(names)}
    # Impossible dates (31 February) become null instead of raising.
    made = {"date": pl.format("{}-{}-{}", f("y"), f("m"), f("d")).str.to_date("%Y-%m-%d", strict=False)}
    return chain_fields(
        {"t": cleaned, "pub": published_at, "anchor": anchor},
        features,
        derived,
        calendar,
        picked,
        made,
        out={
            "date": f("date"),
            "precision": pl.when(f("date").is_not_null()).then(f("precision")),
            "kind": pl.when(f("date").is_not_null()).then(f("kind")),
            **({"anchor_years": f("anchor_years")} if anchor_offset else {}),
        },
    )


def normalise_dates(
    df: pl.DataFrame,
    column: str,
    published_at: str | None = None,
    anchor: str | None = None,
) -> pl.DataFrame:
    """Add date, precision and kind right after ``column`` (which holds mentions).

    ``published_at`` and ``anchor`` name Date columns; when omitted, relative
    expressions resolve to null.
    """
    no_date = pl.lit(None, dtype=pl.Date)
    pub = pl.col(published_at) if published_at else no_date
    anc = pl.col(anchor) if anchor else no_date
    parsed = df.with_columns(parse_date(pl.col(column), pub, anc).alias("__date")).unnest("__date")
    at = df.columns.index(column) + 1
    return parsed.select(df.columns[:at] + ["date", "precision", "kind"] + df.columns[at:])
