"""Date mentions: what the pattern finds in text and how each resolves."""

from __future__ import annotations

import re
from datetime import date

import polars as pl
import pytest

from pipelines.normalise.dates import DATE_PATTERN, normalise_dates, parse_date

DATE_RE = re.compile(DATE_PATTERN)
PUBLISHED = date(2025, 3, 15)
ANCHOR = date(2017, 6, 1)


def found(text: str) -> list[str]:
    """Mentions found by Python ``re``, checked to be the same as Polars finds."""
    in_python = [m.group() for m in DATE_RE.finditer(text)]
    in_polars = pl.select(pl.lit(text).str.extract_all(DATE_PATTERN)).item().to_list()
    assert in_python == in_polars
    return in_python


def parsed(text: str, published_at: date | None = PUBLISHED, anchor: date | None = ANCHOR) -> tuple:
    """(date, precision, kind) for the first mention the pattern finds in ``text``."""
    df = pl.DataFrame(
        {"text": [text], "pub": [published_at], "anchor": [anchor]},
        schema={"text": pl.String, "pub": pl.Date, "anchor": pl.Date},
    )
    mention = pl.col("text").str.extract(DATE_PATTERN, 0)
    result = df.select(parse_date(mention, pl.col("pub"), pl.col("anchor")).alias("r")).item()
    return result["date"], result["precision"], result["kind"]


NOTHING = (None, None, None)


# --------------------------------------------------------------- finding --

@pytest.mark.parametrize(
    "text",
    [
        "juin 2025", "en juin 2025", "le 12 juin 2025", "12/06/2025", "2025-06-12", "June 12, 2025",
        "12 June 2025", "June 2025", "fevrier 2024", "février 2024", "aout 2023", "août 2023",
        "decembre 2022", "janv. 2025", "févr. 2025", "Sept. 2024", "Jan. 2025", "l'été 2017",
        "à l'automne 2024", "summer 2017", "mi-juin", "mi-juin 2025", "mid-June", "début 2025", "fin 2025",
        "early 2025", "late 2024", "au premier trimestre 2024", "T1 2024", "Q1 2024",
        "the first quarter of 2024", "premier semestre 2023", "H2 2023", "S1 2023", "en 2019",
        "depuis 2019", "since 2019", "in 2019", "2024", "l'an dernier", "l'année dernière", "l'an passé",
        "last year", "il y a un an", "a year ago", "il y a deux ans", "cette année", "this year",
        "l'année suivante", "the following year", "the next year", "l'année précédente",
        "ces derniers mois", "in recent months", "le mois dernier", "last month", "hier", "yesterday",
        "aujourd'hui", "aujourd’hui", "today", "last March", "en mars dernier", "earlier this year",
        "deux ans plus tard", "en avril", "l’année suivante",
    ],
)
def test_pattern_finds_the_whole_listed_expression(text):
    assert found(text) == [text]


@pytest.mark.parametrize(
    "text",
    ["Llama 2", "GPT-3.5", "900 personnes", "1 500 salariés", "49 %", "mai 68", "Il peine à maintenir son rang",
     "Scale AI", "version 3.12", "en 1850"],
)
def test_pattern_ignores_model_names_counts_and_plain_numbers(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "sentence, mentions",
    [
        ("Dans le cadre de l'accord annoncé en juin 2025, le fondateur quittera ses fonctions.",
         ["en juin 2025"]),
        ("Le lancement de Llama 4 en avril n'a pas convaincu, et GPT-3.5 reste utilisé par 900 personnes.",
         ["en avril"]),
        ("Il y a un an, la société valait 14 milliards ; l'année suivante, tout a changé.",
         ["Il y a un an", "l'année suivante"]),
        ("The deal closed on June 12, 2025, after talks that began in the first quarter of 2024.",
         ["June 12, 2025", "in the first quarter of 2024"]),
        ("Fondée en 2016, Scale AI a connu ces derniers mois une croissance record, à la mi-juin.",
         ["en 2016", "ces derniers mois", "à la mi-juin"]),
        ("Le tour, bouclé mardi 10 août, associe aussi AXA Venture Partners.", ["mardi 10 août"]),
    ],
)
def test_pattern_finds_mentions_inside_sentences_at_the_right_offsets(sentence, mentions):
    assert found(sentence) == mentions
    spans = [m.span() for m in DATE_RE.finditer(sentence)]
    expected, start = [], 0
    for mention in mentions:
        begin = sentence.index(mention, start)
        expected.append((begin, begin + len(mention)))
        start = begin + len(mention)
    assert spans == expected


@pytest.mark.parametrize(
    "sentence, swallowed",
    [
        ("Le départ de Ruben Mayer inquiète.", "en Mayer"),
        ("Le fichier a fuité.", "fichier"),
        ("Elle emploie 12000 personnes.", "12000"),
    ],
)
def test_lookalike_words_are_swallowed_whole_then_rejected_by_the_parser(sentence, swallowed):
    assert found(sentence) == [swallowed]
    assert parsed(sentence) == NOTHING


# --------------------------------------------------------------- parsing --

@pytest.mark.parametrize(
    "text, expected",
    [
        ("le 12 juin 2025", date(2025, 6, 12)),
        ("12/06/2025", date(2025, 6, 12)),
        ("06/13/2025", date(2025, 6, 13)),
        ("12.06.2025", date(2025, 6, 12)),
        ("2025-06-12", date(2025, 6, 12)),
        ("June 12, 2025", date(2025, 6, 12)),
        ("12 June 2025", date(2025, 6, 12)),
        ("le 1er juin 2025", date(2025, 6, 1)),
        ("the 3rd of March 2024", date(2024, 3, 3)),
        ("Jan. 5, 2025", date(2025, 1, 5)),
        # a weekday before the date is part of it
        ("mardi 10 août 2027", date(2027, 8, 10)),
        ("on Tuesday, August 10, 2027", date(2027, 8, 10)),
    ],
)
def test_full_dates_have_day_precision(text, expected):
    assert parsed(text) == (expected, "day", "absolute")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("juin 2025", date(2025, 6, 1)),
        ("en juin 2025", date(2025, 6, 1)),
        ("June 2025", date(2025, 6, 1)),
        ("fevrier 2024", date(2024, 2, 1)),
        ("février 2024", date(2024, 2, 1)),
        ("aout 2023", date(2023, 8, 1)),
        ("août 2023", date(2023, 8, 1)),
        ("decembre 2022", date(2022, 12, 1)),
        ("janv. 2025", date(2025, 1, 1)),
        ("févr. 2025", date(2025, 2, 1)),
        ("Sept. 2024", date(2024, 9, 1)),
        ("Jan. 2025", date(2025, 1, 1)),
        ("mi-juin 2025", date(2025, 6, 1)),
        ("fin juin 2025", date(2025, 6, 1)),
        ("MAI 2024", date(2024, 5, 1)),
    ],
)
def test_month_and_year_give_first_of_month(text, expected):
    assert parsed(text) == (expected, "month", "absolute")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("l'été 2017", date(2017, 6, 1)),
        ("à l'automne 2024", date(2024, 9, 1)),
        ("summer 2017", date(2017, 6, 1)),
        ("au printemps 2024", date(2024, 3, 1)),
        ("fall 2023", date(2023, 9, 1)),
        ("l’hiver 2024", date(2024, 1, 1)),
        ("winter 2024", date(2024, 1, 1)),
    ],
)
def test_seasons_start_on_their_first_month_and_winter_on_january(text, expected):
    assert parsed(text) == (expected, "season", "absolute")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("début 2025", date(2025, 1, 1)),
        ("early 2025", date(2025, 1, 1)),
        ("fin 2025", date(2025, 10, 1)),
        ("late 2024", date(2024, 10, 1)),
        ("d'ici fin 2025", date(2025, 10, 1)),
        ("the end of 2024", date(2024, 10, 1)),
        ("fin de l'année 2023", date(2023, 10, 1)),
        ("au premier trimestre 2024", date(2024, 1, 1)),
        ("T1 2024", date(2024, 1, 1)),
        ("Q1 2024", date(2024, 1, 1)),
        ("Q3 2024", date(2024, 7, 1)),
        ("the first quarter of 2024", date(2024, 1, 1)),
        ("au troisième trimestre 2023", date(2023, 7, 1)),
        ("le dernier trimestre 2022", date(2022, 10, 1)),
        ("the fourth quarter of 2021", date(2021, 10, 1)),
    ],
)
def test_quarters_and_early_or_late_year_have_quarter_precision(text, expected):
    assert parsed(text) == (expected, "quarter", "absolute")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("premier semestre 2023", date(2023, 1, 1)),
        ("second semestre 2023", date(2023, 7, 1)),
        ("H1 2023", date(2023, 1, 1)),
        ("H2 2023", date(2023, 7, 1)),
        ("S1 2023", date(2023, 1, 1)),
        ("S2 2023", date(2023, 7, 1)),
        ("the second half of 2022", date(2022, 7, 1)),
    ],
)
def test_halves_start_in_january_or_july(text, expected):
    assert parsed(text) == (expected, "half", "absolute")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("en 2019", date(2019, 1, 1)),
        ("depuis 2019", date(2019, 1, 1)),
        ("since 2019", date(2019, 1, 1)),
        ("in 2019", date(2019, 1, 1)),
        ("2024", date(2024, 1, 1)),
        ("courant 2025", date(2025, 1, 1)),
        ("mi-2025", date(2025, 1, 1)),
        ("l'année 2021", date(2021, 1, 1)),
        ("Jusqu'en 2021", date(2021, 1, 1)),
    ],
)
def test_year_alone_has_year_precision(text, expected):
    assert parsed(text) == (expected, "year", "absolute")


@pytest.mark.parametrize(
    "text, published_at, expected",
    [
        ("en avril", date(2025, 3, 15), date(2024, 4, 1)),
        ("en mars", date(2025, 3, 15), date(2025, 3, 1)),
        ("en février", date(2025, 3, 15), date(2025, 2, 1)),
        ("mi-juin", date(2025, 3, 15), date(2024, 6, 1)),
        ("mid-June", date(2025, 7, 2), date(2025, 6, 1)),
        ("last March", date(2025, 6, 1), date(2025, 3, 1)),
        ("last March", date(2025, 3, 20), date(2024, 3, 1)),
        ("en mars dernier", date(2025, 3, 20), date(2024, 3, 1)),
        ("en mars dernier", date(2025, 9, 1), date(2025, 3, 1)),
        ("in early June", date(2025, 8, 1), date(2025, 6, 1)),
        ("depuis décembre", date(2025, 1, 10), date(2024, 12, 1)),
    ],
)
def test_yearless_month_takes_latest_such_month_not_after_publication(text, published_at, expected):
    assert parsed(text, published_at) == (expected, "month", "relative_now")


@pytest.mark.parametrize(
    "text, published_at, expected",
    [
        ("le groupe est parti chez un concurrent cet été", date(2026, 10, 20), date(2026, 6, 1)),
        ("this summer", date(2026, 7, 2), date(2026, 6, 1)),
        ("l'été dernier", date(2026, 10, 2), date(2026, 6, 1)),
        ("last summer", date(2026, 3, 2), date(2025, 6, 1)),
        ("cet automne", date(2026, 11, 3), date(2026, 9, 1)),
        ("cet hiver", date(2026, 2, 1), date(2026, 1, 1)),
    ],
)
def test_yearless_season_is_the_latest_begun_by_publication(text, published_at, expected):
    assert parsed(text, published_at) == (expected, "season", "relative_now")


@pytest.mark.parametrize(
    "text, published_at, expected, precision",
    [
        ("au premier trimestre", date(2026, 5, 20), date(2026, 1, 1), "quarter"),
        ("in the fourth quarter", date(2026, 2, 3), date(2025, 10, 1), "quarter"),
        ("au deuxième trimestre", date(2026, 4, 1), date(2026, 4, 1), "quarter"),
        ("in the second half", date(2026, 3, 1), date(2025, 7, 1), "half"),
        ("au premier semestre", date(2026, 9, 1), date(2026, 1, 1), "half"),
    ],
)
def test_yearless_quarter_or_half_is_the_latest_begun_by_publication(text, published_at, expected, precision):
    assert parsed(text, published_at) == (expected, precision, "relative_now")


def test_yearless_last_quarter_is_left_undated():
    assert parsed("au dernier trimestre", date(2026, 5, 20)) == (None, None, None)


def test_yearless_day_and_month_resolves_like_the_month():
    assert parsed("le 12 juin", date(2025, 3, 15)) == (date(2024, 6, 12), "day", "relative_now")


@pytest.mark.parametrize(
    "text, expected, precision",
    [
        ("l'an dernier", date(2024, 1, 1), "year"),
        ("l'année dernière", date(2024, 1, 1), "year"),
        ("l'an passé", date(2024, 1, 1), "year"),
        ("last year", date(2024, 1, 1), "year"),
        ("il y a un an", date(2024, 1, 1), "year"),
        ("a year ago", date(2024, 1, 1), "year"),
        ("il y a deux ans", date(2023, 1, 1), "year"),
        ("three years ago", date(2022, 1, 1), "year"),
        ("cette année", date(2025, 1, 1), "year"),
        ("this year", date(2025, 1, 1), "year"),
        ("earlier this year", date(2025, 1, 1), "year"),
        ("l'année prochaine", date(2026, 1, 1), "year"),
        ("ces derniers mois", date(2025, 3, 1), "month"),
        ("in recent months", date(2025, 3, 1), "month"),
        ("le mois dernier", date(2025, 2, 1), "month"),
        ("last month", date(2025, 2, 1), "month"),
        ("il y a six mois", date(2024, 9, 1), "month"),
        ("hier", date(2025, 3, 14), "day"),
        ("yesterday", date(2025, 3, 14), "day"),
        ("avant-hier", date(2025, 3, 13), "day"),
        ("aujourd'hui", date(2025, 3, 15), "day"),
        ("aujourd’hui", date(2025, 3, 15), "day"),
        ("today", date(2025, 3, 15), "day"),
    ],
)
def test_relative_to_now_resolves_against_publication_date(text, expected, precision):
    assert parsed(text) == (expected, precision, "relative_now")


@pytest.mark.parametrize(
    "text, published_at, expected",
    [
        ("hier", date(2025, 1, 1), date(2024, 12, 31)),
        ("le mois dernier", date(2025, 1, 10), date(2024, 12, 1)),
        ("il y a six mois", date(2025, 3, 1), date(2024, 9, 1)),
    ],
)
def test_relative_to_now_crosses_year_boundaries(text, published_at, expected):
    assert parsed(text, published_at)[0] == expected


@pytest.mark.parametrize(
    "text",
    ["l'an dernier", "last year", "il y a un an", "cette année", "ces derniers mois", "le mois dernier",
     "hier", "yesterday", "today", "earlier this year", "en avril", "mi-juin", "last March", "en mars dernier"],
)
def test_relative_to_now_is_null_without_publication_date(text):
    assert parsed(text, published_at=None) == NOTHING


@pytest.mark.parametrize(
    "text, anchor, expected",
    [
        ("l'année suivante", date(2017, 6, 1), date(2018, 1, 1)),
        ("L’année suivante", date(2023, 2, 1), date(2024, 1, 1)),
        ("the following year", date(2017, 6, 1), date(2018, 1, 1)),
        ("the next year", date(2017, 6, 1), date(2018, 1, 1)),
        ("l'année précédente", date(2017, 6, 1), date(2016, 1, 1)),
        ("the previous year", date(2017, 6, 1), date(2016, 1, 1)),
        ("deux ans plus tard", date(2017, 6, 1), date(2019, 1, 1)),
        ("two years later", date(2017, 6, 1), date(2019, 1, 1)),
        ("a year earlier", date(2017, 6, 1), date(2016, 1, 1)),
    ],
)
def test_relative_to_narrative_resolves_against_anchor_year(text, anchor, expected):
    assert parsed(text, anchor=anchor) == (expected, "year", "relative_anchor")


@pytest.mark.parametrize("text", ["l'année suivante", "the following year", "deux ans plus tard"])
def test_relative_to_narrative_is_null_without_anchor(text):
    assert parsed(text, anchor=None) == NOTHING


def test_relative_to_narrative_ignores_publication_date():
    assert parsed("l'année suivante", published_at=None, anchor=date(2010, 1, 1))[0] == date(2011, 1, 1)


@pytest.mark.parametrize("text", ["31 février 2025", "fichier", "12000", "Thierry", "", "rien"])
def test_impossible_or_unparseable_mentions_give_all_null(text):
    df = pl.DataFrame({"m": [text], "p": [PUBLISHED]})
    result = df.select(parse_date(pl.col("m"), pl.col("p"), pl.col("p")).alias("r")).item()
    assert result == {"date": None, "precision": None, "kind": None}


# ------------------------------------------------------------- frames --

def test_normalise_dates_puts_fields_right_after_the_column():
    df = pl.DataFrame(
        {
            "id": [1, 2, 3],
            "mention": ["en juin 2025", "l'an dernier", "l'année suivante"],
            "published_at": [date(2025, 7, 1), date(2025, 7, 1), None],
            "anchor": [None, None, date(2019, 4, 1)],
        }
    )
    out = normalise_dates(df, "mention", published_at="published_at", anchor="anchor")
    assert out.columns == ["id", "mention", "date", "precision", "kind", "published_at", "anchor"]
    assert out["date"].to_list() == [date(2025, 6, 1), date(2024, 1, 1), date(2020, 1, 1)]
    assert out["precision"].to_list() == ["month", "year", "year"]
    assert out["kind"].to_list() == ["absolute", "relative_now", "relative_anchor"]


def test_normalise_dates_without_reference_columns_leaves_relative_dates_null():
    df = pl.DataFrame({"mention": ["juin 2025", "hier", "l'année suivante"]})
    out = normalise_dates(df, "mention")
    assert out["date"].to_list() == [date(2025, 6, 1), None, None]
    assert out.schema["date"] == pl.Date


@pytest.mark.parametrize("text, published, expected", [
    ("lundi", date(2025, 6, 4), date(2025, 6, 2)),          # a Wednesday: the Monday before
    ("on Wednesday", date(2025, 6, 4), date(2025, 6, 4)),   # the day itself
    ("jeudi dernier", date(2025, 6, 4), date(2025, 5, 29)),
    ("on Friday", date(2025, 6, 9), date(2025, 6, 6)),
])
def test_weekday_is_the_latest_such_day_up_to_publication(text, published, expected):
    out = pl.DataFrame({"t": [text], "p": [published]}).select(
        parse_date(pl.col("t"), pl.col("p"), pl.lit(None, pl.Date)).alias("v")).unnest("v")
    assert out.row(0) == (expected, "day", "relative_now")


def test_weekday_without_publication_date_is_null():
    out = pl.DataFrame({"t": ["mardi"], "p": [None]}, schema={"t": pl.Utf8, "p": pl.Date}).select(
        parse_date(pl.col("t"), pl.col("p"), pl.lit(None, pl.Date)).alias("v")).unnest("v")
    assert out.row(0) == (None, None, None)


def test_weekdays_are_found_in_a_sentence_but_not_inside_words():
    sentence = "Acme a annoncé lundi une levée de 5 M€; the company said on Thursday. Lundivers est un nom."
    found = [f.strip(" .") for f in re.findall(DATE_PATTERN, sentence)]
    assert found == ["lundi", "on Thursday"]
