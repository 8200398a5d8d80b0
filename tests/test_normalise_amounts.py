"""Money mentions: what the pattern finds in text and what the parser makes of it."""

from __future__ import annotations

import re

import polars as pl
import pytest

from pipelines.normalise.amounts import MONEY_PATTERN, normalise_amounts, parse_amount

MONEY_RE = re.compile(MONEY_PATTERN)


def found(text: str) -> list[str]:
    """Mentions found by Python ``re``, checked to be the same as Polars finds."""
    in_python = [m.group() for m in MONEY_RE.finditer(text)]
    in_polars = pl.select(pl.lit(text).str.extract_all(MONEY_PATTERN)).item().to_list()
    assert in_python == in_polars
    return in_python


def parsed(text: str) -> dict:
    """Parse of the first mention the pattern finds in ``text``."""
    mention = pl.lit(text).str.extract(MONEY_PATTERN, 0)
    return pl.select(parse_amount(mention).alias("r")).item()


def assert_amount(result: dict, low: float | None, high: float | None, currency, qualifier) -> None:
    for key, expected in (("amount", low), ("amount_low", low), ("amount_high", high)):
        if expected is None:
            assert result[key] is None, key
        else:
            assert result[key] == pytest.approx(expected, rel=1e-12), key
    assert result["currency"] == currency
    assert result["qualifier"] == qualifier


# --------------------------------------------------------------- finding --

@pytest.mark.parametrize(
    "text, mention",
    [
        ("14,3 Md$", "14,3 Md$"),
        ("14,3 Mds$", "14,3 Mds$"),
        ("4,5 M$", "4,5 M$"),
        ("1,7 milliard d'euros", "1,7 milliard d'euros"),
        ("14,8 milliards de dollars", "14,8 milliards de dollars"),
        ("$4.5M", "$4.5M"),
        ("$4.5 million", "$4.5 million"),
        ("€300 million", "€300 million"),
        ("300 millions d'euros", "300 millions d'euros"),
        ("2.1bn", "2.1bn"),
        ("£50m", "£50m"),
        ("USD 25 million", "USD 25 million"),
        ("25 millions USD", "25 millions USD"),
        ("30 000 euros", "30 000 euros"),
        ("30\u00a0000 euros", "30\u00a0000 euros"),
        ("30\u202f000 euros", "30\u202f000 euros"),
        ("1.200.000 €", "1.200.000 €"),
        ("$1,200,000", "$1,200,000"),
        ("un milliard de dollars", "un milliard de dollars"),
        ("d'un milliard de dollars", "un milliard de dollars"),
        ("environ 200 millions de dollars", "environ 200 millions de dollars"),
        ("près de 200 millions", "près de 200 millions"),
        ("plus de 1 milliard", "plus de 1 milliard"),
        ("jusqu'à 65 milliards", "jusqu'à 65 milliards"),
        ("entre 10 et 15 millions d'euros", "entre 10 et 15 millions d'euros"),
        ("between $10M and $15M", "between $10M and $15M"),
        ("14 milliards $", "14 milliards $"),
        ("$2 billion", "$2 billion"),
        ("2 Mrd €", "2 Mrd €"),
        ("500k€", "500k€"),
        ("500 000 $", "500 000 $"),
        ("1,5 million de livres", "1,5 million de livres"),
        ("jusqu’à 65 milliards d’euros", "jusqu’à 65 milliards d’euros"),
        ("plus d'un milliard de dollars", "plus d'un milliard de dollars"),
    ],
)
def test_pattern_finds_the_whole_listed_mention(text, mention):
    assert found(text) == [mention]


@pytest.mark.parametrize(
    "text",
    ["900 personnes", "2024", "en 2024", "Llama 2", "GPT-3.5", "49 %", "30 ans", "5 mn de trajet",
     "50 m de haut", "leur 5 salariés", "1 500 salariés", "version 4.5"],
)
def test_pattern_ignores_numbers_without_currency_or_scale_word(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "sentence, mentions",
    [
        ("Meta a accepté de payer 14,8 milliards de dollars pour une participation de 49 % dans Scale AI.",
         ["14,8 milliards de dollars"]),
        ("The startup raised $4.5M in 2023 and between $10M and $15M last year, with 900 employees.",
         ["$4.5M", "between $10M and $15M"]),
        ("La société, qui compte 1 500 salariés, a levé environ 200 millions de dollars en 2024.",
         ["environ 200 millions de dollars"]),
        ("Meta investit 14,3 Md$ dans Scale, valorisée environ 29 Md$, contre 4,5 M$ en 2019.",
         ["14,3 Md$", "environ 29 Md$", "4,5 M$"]),
        ("OpenAI pourrait investir jusqu’à 65 milliards d’euros, après un apport d'un milliard de dollars.",
         ["jusqu’à 65 milliards d’euros", "un milliard de dollars"]),
        ("Le ticket moyen atteint 30\u202f000 euros pour 900 personnes.", ["30\u202f000 euros"]),
        ("Il est devenu l'un des 3 milliardaires les plus jeunes, avec 2.1bn de fortune.",
         ["3 milliardaires", "2.1bn"]),
    ],
)
def test_pattern_finds_mentions_inside_sentences_at_the_right_offsets(sentence, mentions):
    assert found(sentence) == mentions
    spans = [m.span() for m in MONEY_RE.finditer(sentence)]
    expected, start = [], 0
    for mention in mentions:
        begin = sentence.index(mention, start)
        expected.append((begin, begin + len(mention)))
        start = begin + len(mention)
    assert spans == expected


# --------------------------------------------------------------- parsing --

@pytest.mark.parametrize(
    "text, value, currency",
    [
        ("14,3 Md$", 14.3e9, "USD"),
        ("14,3 Mds$", 14.3e9, "USD"),
        ("4,5 M$", 4.5e6, "USD"),
        ("2 Mrd €", 2e9, "EUR"),
        ("3,2 Mrds €", 3.2e9, "EUR"),
        ("2,5 Md€", 2.5e9, "EUR"),
        ("12 M€", 12e6, "EUR"),
    ],
)
def test_french_decimal_comma_with_scale_abbreviation(text, value, currency):
    assert_amount(parsed(text), value, value, currency, None)


@pytest.mark.parametrize(
    "text, value, currency",
    [
        ("1,7 milliard d'euros", 1.7e9, "EUR"),
        ("14,8 milliards de dollars", 14.8e9, "USD"),
        ("300 millions d'euros", 300e6, "EUR"),
        ("1,5 million de livres", 1.5e6, "GBP"),
        ("2 millions de livres sterling", 2e6, "GBP"),
        ("14 milliards $", 14e9, "USD"),
        ("25 millions USD", 25e6, "USD"),
        ("3 millions de francs suisses", 3e6, "CHF"),
        ("40 millions de dollars canadiens", 40e6, "CAD"),
        ("5 milliards de yens", 5e9, "JPY"),
        ("8 milliards de yuans", 8e9, "CNY"),
        ("1 milliard d’euros", 1e9, "EUR"),
    ],
)
def test_french_scale_word_then_currency_word(text, value, currency):
    assert_amount(parsed(text), value, value, currency, None)


@pytest.mark.parametrize(
    "text, value, currency",
    [
        ("$4.5M", 4.5e6, "USD"),
        ("$4.5 million", 4.5e6, "USD"),
        ("€300 million", 300e6, "EUR"),
        ("£50m", 50e6, "GBP"),
        ("$2 billion", 2e9, "USD"),
        ("USD 25 million", 25e6, "USD"),
        ("US$ 3bn", 3e9, "USD"),
        ("C$ 40 million", 40e6, "CAD"),
        ("CHF 3 millions", 3e6, "CHF"),
        ("¥500 million", 500e6, "JPY"),
        ("$5mn", 5e6, "USD"),
        ("$7 mln", 7e6, "USD"),
        ("EUR 12m", 12e6, "EUR"),
    ],
)
def test_english_currency_symbol_or_code_before_number(text, value, currency):
    assert_amount(parsed(text), value, value, currency, None)


@pytest.mark.parametrize(
    "text, value, currency",
    [
        ("500k€", 500e3, "EUR"),
        ("$500K", 500e3, "USD"),
        ("30 mille euros", 30e3, "EUR"),
        ("2 milliers d'euros", 2e3, "EUR"),
    ],
)
def test_thousand_scale_words_and_k(text, value, currency):
    assert_amount(parsed(text), value, value, currency, None)


@pytest.mark.parametrize(
    "text, value, currency",
    [
        ("30 000 euros", 30_000, "EUR"),
        ("30\u00a0000 euros", 30_000, "EUR"),
        ("30\u202f000 euros", 30_000, "EUR"),
        ("1.200.000 €", 1_200_000, "EUR"),
        ("$1,200,000", 1_200_000, "USD"),
        ("500 000 $", 500_000, "USD"),
        ("1 500 000 dollars", 1_500_000, "USD"),
        ("$1,200", 1_200, "USD"),
        ("1.200 €", 1_200, "EUR"),
        ("1.200,50 €", 1_200.5, "EUR"),
        ("$1,200.50", 1_200.5, "USD"),
    ],
)
def test_thousands_separators_are_removed(text, value, currency):
    assert_amount(parsed(text), value, value, currency, None)


@pytest.mark.parametrize(
    "text, value",
    [
        ("14,3 milliards de dollars", 14.3e9),
        ("0,5 milliard d'euros", 0.5e9),
        ("$1,200 million", 1.2e9),
        ("1,200 milliard d'euros", 1.2e9),
        ("$1.250 billion", 1.25e9),
        ("2.1bn", 2.1e9),
    ],
)
def test_decimal_mark_is_told_apart_from_thousands_mark(text, value):
    assert parsed(text)["amount"] == pytest.approx(value, rel=1e-12)


@pytest.mark.parametrize(
    "text, value, currency",
    [
        ("un milliard de dollars", 1e9, "USD"),
        ("d'un milliard de dollars", 1e9, "USD"),
        ("a billion dollars", 1e9, "USD"),
        ("one million", 1e6, None),
        ("un million d'euros", 1e6, "EUR"),
    ],
)
def test_number_word_one_counts_as_one(text, value, currency):
    assert_amount(parsed(text), value, value, currency, None)


@pytest.mark.parametrize(
    "sentence, mention, value, currency",
    [
        ("une série A de quinze millions d'euros.", "quinze millions d'euros", 15e6, "EUR"),
        ("un tour de trente-deux millions d'euros", "trente-deux millions d'euros", 32e6, "EUR"),
        ("soit quatre-vingt-dix millions d'euros", "quatre-vingt-dix millions d'euros", 90e6, "EUR"),
        ("à peu près quatre cent mille euros par an", "quatre cent mille euros", 400e3, "EUR"),
        ("vingt et un millions d'euros", "vingt et un millions d'euros", 21e6, "EUR"),
        ("raised two hundred fifty million dollars", "two hundred fifty million dollars", 250e6, "USD"),
        ("Twenty-five million pounds, said the firm", "Twenty-five million pounds", 25e6, "GBP"),
    ],
)
def test_a_number_said_in_words_with_a_scale_and_a_currency(sentence, mention, value, currency):
    assert found(sentence) == [mention]
    assert_amount(parsed(mention), value, value, currency, None)


@pytest.mark.parametrize("sentence", ["deux millions de visiteurs", "trente pour cent", "two million users",
                                      "les deux millions d'abonnés"])
def test_a_number_said_in_words_without_a_currency_is_no_money(sentence):
    assert found(sentence) == []


@pytest.mark.parametrize(
    "text, value",
    [("près de 200 millions", 200e6), ("2.1bn", 2.1e9), ("14,3 Md", 14.3e9), ("plus de 1 milliard", 1e9)],
)
def test_scale_word_without_currency_keeps_amount_with_null_currency(text, value):
    result = parsed(text)
    assert result["amount"] == pytest.approx(value, rel=1e-12)
    assert result["currency"] is None


@pytest.mark.parametrize(
    "text, value, qualifier",
    [
        ("environ 200 millions de dollars", 200e6, "approx"),
        ("près de 200 millions", 200e6, "approx"),
        ("près d'un milliard d'euros", 1e9, "approx"),
        ("about $5 million", 5e6, "approx"),
        ("around €3bn", 3e9, "approx"),
        ("~$5M", 5e6, "approx"),
        ("roughly $40 million", 40e6, "approx"),
        ("nearly $1 billion", 1e9, "approx"),
        ("quelque 30 millions d'euros", 30e6, "approx"),
        ("plus de 1 milliard", 1e9, "at_least"),
        ("more than $2 billion", 2e9, "at_least"),
        ("over $500 million", 500e6, "at_least"),
        ("au moins 10 millions d'euros", 10e6, "at_least"),
        ("au-delà de 5 M€", 5e6, "at_least"),
        ("jusqu'à 65 milliards", 65e9, "at_most"),
        ("jusqu’à 65 milliards d’euros", 65e9, "at_most"),
        ("up to $100 million", 100e6, "at_most"),
        ("moins de 5 millions d'euros", 5e6, "at_most"),
        ("less than $1 million", 1e6, "at_most"),
    ],
)
def test_qualifier_words_before_the_amount(text, value, qualifier):
    result = parsed(text)
    assert result["amount"] == pytest.approx(value, rel=1e-12)
    assert result["amount_high"] == pytest.approx(value, rel=1e-12)
    assert result["qualifier"] == qualifier


@pytest.mark.parametrize(
    "text, low, high, currency",
    [
        ("entre 10 et 15 millions d'euros", 10e6, 15e6, "EUR"),
        ("between $10M and $15M", 10e6, 15e6, "USD"),
        ("from $500k to $2M", 500e3, 2e6, "USD"),
        ("de 10 à 15 millions de dollars", 10e6, 15e6, "USD"),
        ("10-15 millions", 10e6, 15e6, None),
        ("10 to 15 million dollars", 10e6, 15e6, "USD"),
        ("entre 500 000 et 2 millions d'euros", 500e3, 2e6, "EUR"),
        ("entre 1 et 1,5 milliard de dollars", 1e9, 1.5e9, "USD"),
        ("$10M-$15M", 10e6, 15e6, "USD"),
    ],
)
def test_range_gives_low_and_high_bounds(text, low, high, currency):
    assert found(text) == [text]
    assert_amount(parsed(text), low, high, currency, "range")


@pytest.mark.parametrize(
    "text, currency",
    [
        ("5 millions d'euros", "EUR"), ("5 M€", "EUR"), ("EUR 5m", "EUR"),
        ("5 millions de dollars", "USD"), ("US$5m", "USD"), ("5 millions de dollars américains", "USD"),
        ("£5m", "GBP"), ("5 millions de livres", "GBP"), ("5 million pounds", "GBP"),
        ("CHF 5m", "CHF"), ("C$5m", "CAD"), ("CAD 5 million", "CAD"),
        ("5 milliards de yens", "JPY"), ("CNY 5 million", "CNY"), ("5 millions", None),
    ],
)
def test_currency_is_reported_as_iso_code(text, currency):
    assert parsed(text)["currency"] == currency


@pytest.mark.parametrize(
    "text, currency",
    [
        ("-5 M$", "USD"),
        ("$-5M", "USD"),
        ("-$5M", "USD"),
        ("1 000 000 000 000 000 000 €", "EUR"),
        ("9999999999999999 €", "EUR"),
        ("20 000 milliards de dollars", "USD"),
        ("3 milliardaires", None),
        ("un milliardaire", None),
    ],
)
def test_negative_absurd_or_unitless_values_give_null_amount(text, currency):
    assert_amount(parsed(text), None, None, currency, None)


def test_largest_accepted_value_is_ten_thousand_billions():
    assert parsed("10 000 milliards de dollars")["amount"] == pytest.approx(1e13)


@pytest.mark.parametrize("value", [None, "", "rien à voir", "12"])
def test_null_or_unparseable_input_gives_null_struct_fields(value):
    result = pl.DataFrame({"m": [value]}, schema={"m": pl.String}).select(parse_amount(pl.col("m"))).item()
    assert result == {"amount": None, "amount_low": None, "amount_high": None,
                      "currency": None, "qualifier": None}


# ------------------------------------------------------------- frames --

def test_normalise_amounts_puts_fields_right_after_the_column():
    df = pl.DataFrame({"id": [1, 2], "mention": ["14,3 Md$", "près de 200 millions"], "tail": ["a", "b"]})
    out = normalise_amounts(df, "mention")
    assert out.columns == ["id", "mention", "amount", "amount_low", "amount_high", "currency", "qualifier", "tail"]
    assert out["amount"].to_list() == pytest.approx([14.3e9, 200e6], rel=1e-12)
    assert out["currency"].to_list() == ["USD", None]
    assert out["qualifier"].to_list() == [None, "approx"]
    assert out.schema["amount"] == pl.Float64


def test_parse_amount_is_vectorised_over_200k_rows():
    mentions = ["14,3 Md$", "entre 10 et 15 millions d'euros", "$1,200,000", "environ 200 millions de dollars",
                "-5 M$"]
    df = pl.DataFrame({"m": mentions * 40_000})
    out = df.with_columns(parse_amount(pl.col("m")).alias("p")).unnest("p")
    assert out.height == 200_000
    sample = out.slice(199_995, 5)
    assert sample["m"].to_list() == mentions
    assert sample["amount"].to_list()[:4] == pytest.approx([14.3e9, 10e6, 1.2e6, 200e6], rel=1e-12)
    assert sample["amount"].to_list()[4] is None
    assert sample["amount_high"].to_list()[1] == pytest.approx(15e6)
    assert sample["currency"].to_list() == ["USD", "EUR", "USD", "USD", "USD"]
    assert sample["qualifier"].to_list() == [None, "range", None, "approx", None]
    assert out["amount"].null_count() == 40_000
