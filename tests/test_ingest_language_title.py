"""Language detection and title choice."""

from __future__ import annotations

import pytest

from pipelines.ingest.documents import document_from_bytes
from pipelines.ingest.language import detect_language
from pipelines.ingest.metadata import Metadata
from pipelines.ingest.title import guess_title

FRENCH = "Meta a investi 14,3 milliards de dollars dans Scale AI, une start-up qui fournit des données pour l'IA."
ENGLISH = "Meta has invested $14.3 billion in Scale AI, a start-up that supplies data for the training of AI models."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (FRENCH, "fr"),
        (ENGLISH, "en"),
        ("Scale AI", None),
        ("", None),
        ("Meta Scale AI Google OpenAI Wang Droege 14,3 Mds$ 49 %", None),
        (FRENCH + " " + ENGLISH, None),
        ("Le PDG de Meta, Mark Zuckerberg, a confirmé l'accord avec the board of Scale.", "fr"),
    ],
)
def test_detect_language(text, expected):
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Acme lève 5 M€\n\nAcme a levé 5 M€.", "Acme lève 5 M€"),
        ("\n\n  Meta et Scale AI : alliance ou pari risqué ?\nCorps.", "Meta et Scale AI : alliance ou pari risqué ?"),
        ("Acme a levé 5 millions d'euros auprès de Globex.\nSuite.", None),
        ("x" * 150 + "\nSuite.", None),
        ("2025\nSuite.", None),
        ("", None),
    ],
)
def test_guess_title(text, expected):
    assert guess_title(text) == expected


def test_title_precedence_sidecar_then_markup_then_first_line():
    page = b"<title>Titre de la page</title><p>Premier paragraphe court</p><p>Acme a lev\xc3\xa9 5 M\xe2\x82\xac.</p>"
    assert document_from_bytes(page, "a.html", Metadata(title="Titre du sidecar")).title == "Titre du sidecar"
    assert document_from_bytes(page, "a.html").title == "Titre de la page"
    assert document_from_bytes(b"Premier paragraphe court\nAcme a lev\xc3\xa9 5 M\xe2\x82\xac.", "a.txt").title == (
        "Premier paragraphe court"
    )


def test_language_precedence_sidecar_then_text_then_declared():
    assert document_from_bytes(FRENCH.encode(), "a.txt", Metadata(language="en")).language == "en"
    assert document_from_bytes(f'<html lang="en"><p>{FRENCH}</p>'.encode(), "a.html").language == "fr"
    assert document_from_bytes(b'<html lang="en"><p>Scale AI</p>', "a.html").language == "en"
    assert document_from_bytes(b"Scale AI", "a.txt").language is None
