"""Hard-wrapped lines (PDF extracts, plain-text e-mails) are joined into their paragraphs."""

from __future__ import annotations

import pytest

from pipelines.ingest.documents import document_from_bytes
from pipelines.ingest.line_wraps import unwrap_lines


@pytest.mark.parametrize("wrapped, unwrapped", [
    # a sentence broken in lowercase, after a comma and before a number or a bracket
    ("retenue par la Caisse\nnationale de l'assurance maladie", "retenue par la Caisse nationale de l'assurance maladie"),
    ("les pannes sur le réseau fixe, soit un manque à gagner estimé à\n0,7 M€.",
     "les pannes sur le réseau fixe, soit un manque à gagner estimé à 0,7 M€."),
    ("- En mars 2026, acquisition de 100 % du capital de la société Lisio\n(Nantes), éditeur",
     "- En mars 2026, acquisition de 100 % du capital de la société Lisio (Nantes), éditeur"),
    # a heading before a date or a figure stays apart
    ("Obsidio moves model training to Nebius\n7 May 2027", "Obsidio moves model training to Nebius\n7 May 2027"),
    # a word hyphenated across the break is one word again; a compound of two words keeps its hyphen
    ("par voie de place-\nment privé", "par voie de placement privé"),
    ("un contrat-\ncadre de cinq ans", "un contrat-cadre de cinq ans"),
    ("la Métropole Aix-\nMarseille-Provence", "la Métropole Aix-Marseille-Provence"),
    # paragraphs, headings, list items and sentences that end stay on their own lines
    ("Activité commerciale\n\n- Signature d'un contrat", "Activité commerciale\n\n- Signature d'un contrat"),
    ("Le contrat est signé.\nil court", "Le contrat est signé.\nil court"),
    ("Faits marquants\nSignature d'un contrat", "Faits marquants\nSignature d'un contrat"),
    ("Prochaines étapes :\nla signature", "Prochaines étapes :\nla signature"),
])
def test_wrapped_lines_are_joined(wrapped, unwrapped):
    assert unwrap_lines(wrapped) == unwrapped


def test_a_wrapped_text_file_is_read_unwrapped():
    data = ("Rapport annuel\n\nEn février 2027, la société a été retenue par la Caisse\nnationale de l'assurance "
            "maladie pour un montant de 3,4 M€ sur trois ans, soit une hausse de 12 % de son carnet de commandes "
            "de l'exercice.\n").encode("utf-8")
    document = document_from_bytes(data, "rapport.txt")
    assert "la Caisse nationale de l'assurance maladie" in document.text
    assert document.text.startswith("Rapport annuel\n\nEn février 2027")
