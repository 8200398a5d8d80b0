"""Bytes to text: binary sniffing, encoding detection, text normalisation."""

from __future__ import annotations

import codecs
import gzip

import pytest

from pipelines.ingest.decoding import NotTextError, declared_charset, decode_bytes, sniff_binary_kind
from pipelines.ingest.normalisation import normalise_text

SAMPLE = "Le géant a levé 14,3 milliards d’euros « pour l’IA » – coût : 5 € l’unité.\nSecond line."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16-be"),
        (SAMPLE.encode("utf-16-le"), "utf-16-le"),
        (SAMPLE.encode("utf-16-be"), "utf-16-be"),
        (SAMPLE.encode("cp1252"), "cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le-nobom", "utf16be-nobom", "cp1252"],
)
def test_encodings_are_recognised(data, encoding):
    text, found = decode_bytes(data)
    assert found == encoding
    assert text == SAMPLE


def test_latin1_without_windows_1252_meaning_falls_back_to_latin1():
    # 0x81 is undefined in Windows-1252: only Latin-1 can read these bytes.
    data = "Société".encode("latin-1") + b"\x81" + " générale, fondée en 1864, a signé un accord.".encode("latin-1")
    text, found = decode_bytes(data)
    assert found == "latin-1"
    assert text == "Société générale, fondée en 1864, a signé un accord."  # the stray control is dropped


def test_utf16_with_odd_length_is_not_rejected():
    text, found = decode_bytes(codecs.BOM_UTF16_LE + "Bonjour à tous".encode("utf-16-le") + b"!")
    assert (text, found) == ("Bonjour à tous", "utf-16-le")


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(50), "PNG image"),
        (b"\xff\xd8\xff\xe0" + bytes(50), "JPEG image"),
        (b"GIF89a" + bytes(50), "GIF image"),
        (b"%PDF-1.7\n", "PDF document"),
        (b"PK\x03\x04" + bytes(50), "ZIP archive"),
        (gzip.compress(b"hello world"), "gzip archive"),
    ],
)
def test_binary_formats_are_named(data, kind):
    assert kind in (sniff_binary_kind(data) or "")
    with pytest.raises(NotTextError, match=kind):
        decode_bytes(data)


def test_nul_bytes_outside_utf16_mean_binary():
    with pytest.raises(NotTextError, match="binary"):
        decode_bytes(b"plain words\x00\x00\x00 and \x00 more \x01\x02 bytes here and there")


def test_control_character_soup_is_not_text():
    with pytest.raises(NotTextError, match="not decodable as text"):
        decode_bytes(bytes(range(1, 32)) * 10 + b"some letters")


def test_a_stray_control_character_is_dropped_not_fatal():
    text, _ = decode_bytes(b"Acme signed a contract with Globex\x07 worth $5 million, the company said.\x1a")
    assert text == "Acme signed a contract with Globex worth $5 million, the company said."


def test_declared_charset_is_used_only_for_non_utf8_bytes():
    page = '<meta charset="iso-8859-15"><p>Prix : 5 € HT</p>'
    assert declared_charset(page.encode("iso-8859-15")) == "iso8859-15"
    text, found = decode_bytes(page.encode("iso-8859-15"), declared="iso8859-15")
    assert "5 € HT" in text and found == "iso8859-15"
    # A page that claims Latin-1 but is really UTF-8 is read as UTF-8.
    lying = '<meta charset="iso-8859-1"><p>Société</p>'.encode("utf-8")
    assert declared_charset(lying) == "cp1252"
    assert "Société" in decode_bytes(lying, declared=declared_charset(lying))[0]


def test_normalise_line_endings_and_blank_lines():
    raw = "Titre  \r\n\r\n\r\n\r\nPremière ligne.\rDeuxième ligne.\t\n\n\n\nFin. "
    assert normalise_text(raw) == "Titre\n\nPremière ligne.\nDeuxième ligne.\n\nFin."


def test_normalise_composes_accents_and_keeps_no_break_spaces():
    decomposed = "Ce\u0301dric a leve\u0301 14,3\u00a0milliards\u202f€ de\u00adpuis\u200b Paris"
    text = normalise_text(decomposed)
    assert text == "Cédric a levé 14,3\u00a0milliards\u202f€ depuis Paris"


def test_normalise_keeps_single_line_breaks_and_one_blank_line():
    assert normalise_text("a\nb\n\nc") == "a\nb\n\nc"
    assert normalise_text("\n\n  \nA\n \t\n  \nB\n\n") == "A\n\nB"
