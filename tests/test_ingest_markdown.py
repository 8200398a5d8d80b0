"""Markdown to text: the prose stays, the markup goes."""

from __future__ import annotations

import datetime

import pytest

from pipelines.ingest.markdown_to_text import markdown_to_text, split_front_matter, strip_inline
from pipelines.ingest.normalisation import normalise_text


def _text(markdown: str) -> str:
    return normalise_text(markdown_to_text(markdown).text)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("**Acme** a levé *5 M€* auprès de __Globex__ et _Initech_.", "Acme a levé 5 M€ auprès de Globex et Initech."),
        ("***Très*** ~~faux~~ `code`", "Très faux code"),
        ("Voir [le communiqué](https://ex.com/a \"titre\") et [ref][1].", "Voir le communiqué et ref."),
        ("![logo](https://ex.com/logo.png)Acme", "Acme"),
        ("snake_case_name and 2 * 3 * 4 stay", "snake_case_name and 2 * 3 * 4 stay"),
        ("Prix\\*: 5 \\_net\\_", "Prix*: 5 _net_"),
        ("Lien <https://ex.com/x> et <br/>balise", "Lien https://ex.com/x et balise"),
    ],
)
def test_inline_markup_is_reduced_to_words(line, expected):
    assert strip_inline(line) == expected


def test_headings_lists_quotes_and_rules():
    markdown = (
        "# Titre principal #\n\nIntro.\n\n## Sous-titre\n\n- premier point\n* second point\n"
        "+ troisième\n1. numéroté\n\n> Une citation.\n\n---\n\nTitre setext\n============\n\nFin."
    )
    assert _text(markdown) == (
        "Titre principal\n\nIntro.\n\nSous-titre\n\npremier point\nsecond point\ntroisième\n1. numéroté"
        "\n\nUne citation.\n\nTitre setext\n\nFin."
    )


def test_code_fences_keep_their_content_verbatim():
    markdown = "Avant.\n\n```python\nx = **not_bold** + [a](b)\n```\n\nAprès."
    assert _text(markdown) == "Avant.\n\nx = **not_bold** + [a](b)\n\nAprès."


def test_link_definitions_and_table_rules_are_dropped():
    markdown = "| Société | Montant |\n|---|---:|\n| Acme | 5 M€ |\n\n[1]: https://ex.com/ref"
    assert _text(markdown) == "Société | Montant\nAcme | 5 M€"


def test_front_matter_gives_title_and_date():
    document = markdown_to_text("---\ntitle: 'Acme lève 5 M€'\ndate: 2025-06-13 10:00:00\nlang: fr\n---\nCorps.")
    assert document.metadata.title == "Acme lève 5 M€"
    assert document.metadata.published_at == datetime.date(2025, 6, 13)
    assert document.metadata.language == "fr"
    assert normalise_text(document.text) == "Corps."


def test_first_level_one_heading_is_the_title_without_front_matter():
    document = markdown_to_text("Intro\n\n## Pas celui-ci\n\n# Le **vrai** titre\n\n# Un autre")
    assert document.metadata.title == "Le vrai titre"


def test_an_unclosed_front_matter_fence_is_a_rule_not_metadata():
    values, rest = split_front_matter("---\ntitle: x\nCorps sans fin de bloc.")
    assert values == {}
    assert rest.startswith("---\ntitle: x")


def test_toml_front_matter():
    values, rest = split_front_matter('+++\ntitle = "Acme"\ndate = 2025-01-02\n+++\nCorps.')
    assert values == {"title": "Acme", "date": "2025-01-02"}
    assert rest == "Corps."
