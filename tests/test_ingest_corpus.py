"""discover() over the awkward corpus: every file accounted for, each with the right outcome."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import pytest

from tests.awkward_corpus import (
    ARTICLE_SENTENCES,
    AWKWARD_MAX_BYTES,
    CP1252_TEXT,
    ENGLISH,
    FRENCH,
    LATIN1_TEXT,
    SQL_AND_JINJA,
    build_awkward_corpus,
    outcome_matches,
)
from pipelines.ingest import DocumentText, Rejection, SourceFile, discover


def _expected_cases() -> dict[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        return build_awkward_corpus(Path(tmp) / "corpus")


EXPECTED = _expected_cases()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("awkward") / "corpus"
    build_awkward_corpus(root)
    return root


@pytest.fixture(scope="module")
def results(corpus: Path) -> list[tuple[SourceFile, DocumentText | Rejection]]:
    return list(discover(corpus, max_bytes=AWKWARD_MAX_BYTES))


@pytest.fixture(scope="module")
def by_path(results) -> dict[str, tuple[SourceFile, DocumentText | Rejection]]:
    return {source.path: (source, outcome) for source, outcome in results}


def _document(by_path, path: str) -> DocumentText:
    outcome = by_path[path][1]
    assert isinstance(outcome, DocumentText), f"{path}: {outcome}"
    return outcome


def test_corpus_has_enough_awkward_cases():
    assert len(EXPECTED) >= 28
    assert any(v == "document" for v in EXPECTED.values())
    assert any(v.startswith("rejected:") for v in EXPECTED.values())


@pytest.mark.parametrize("path", sorted(EXPECTED))
def test_each_file_gets_its_expected_outcome(by_path, path):
    assert path in by_path, f"{path} was not yielded"
    outcome = by_path[path][1]
    assert outcome_matches(EXPECTED[path], outcome), f"{path}: expected {EXPECTED[path]}, got {outcome}"


def test_every_file_is_yielded_exactly_once_and_nothing_else(results):
    paths = [source.path for source, _ in results]
    assert len(paths) == len(set(paths))
    assert set(paths) == set(EXPECTED)


def test_paths_are_relative_posix_and_in_sorted_order(results):
    paths = [source.path for source, _ in results]
    assert paths == sorted(paths)
    assert all(not p.startswith("/") and "\\" not in p.replace("\\x", "") for p in paths)
    assert "nested/level1/level2/deep.txt" in paths


def test_two_runs_give_identical_results(corpus, results):
    assert list(discover(corpus, max_bytes=AWKWARD_MAX_BYTES)) == results


def test_pruned_tool_folders_are_not_reported(by_path):
    assert not any(p.startswith((".git", "__pycache__")) for p in by_path)


def test_consumed_sidecar_is_not_yielded_and_its_metadata_applies(by_path):
    assert "sidecars/with_meta.meta.json" not in by_path
    document = _document(by_path, "sidecars/with_meta.txt")
    assert document.title == "Acme raises $40M"
    assert document.url == "https://example.com/acme"
    assert document.source == "Example Wire"
    assert document.language == "en"
    assert str(document.published_at) == "2025-06-13"


def test_document_beside_a_bad_sidecar_is_kept_without_its_metadata(by_path):
    for path in ("sidecars/bad_json.txt", "sidecars/bad_date.txt"):
        document = _document(by_path, path)
        assert document.published_at is None
        assert document.text == ENGLISH.strip()


def test_same_text_in_every_encoding_gives_the_same_document(by_path):
    same = [
        "encodings/utf8.txt", "encodings/utf8_bom.txt", "encodings/utf16_le_bom.txt",
        "encodings/utf16_be_bom.txt", "encodings/utf16_le_no_bom.txt", "encodings/utf16_be_no_bom.txt",
        "encodings/crlf.txt", "names/accentué é à ç.txt", "nested/level1/level2/deep.txt",
    ]
    texts = {path: _document(by_path, path).text for path in same}
    assert set(texts.values()) == {FRENCH.strip()}
    assert len({_document(by_path, path).content_sha256 for path in same}) == 1


def test_legacy_encodings_are_decoded(by_path):
    assert _document(by_path, "encodings/windows1252.txt").text == CP1252_TEXT.strip()
    assert _document(by_path, "encodings/latin1.txt").text == LATIN1_TEXT.strip()
    assert _document(by_path, "encodings/old_mac_cr.txt").text == ENGLISH.strip()


def test_no_carriage_return_or_bom_survives(by_path):
    for path, (_, outcome) in by_path.items():
        if isinstance(outcome, DocumentText):
            assert "\r" not in outcome.text and "\ufeff" not in outcome.text, path


def test_content_sha256_is_the_hash_of_the_text(by_path):
    documents = [o for _, o in by_path.values() if isinstance(o, DocumentText)]
    assert documents
    for document in documents:
        assert document.content_sha256 == hashlib.sha256(document.text.encode("utf-8")).hexdigest()


def test_identical_files_share_their_hashes(by_path):
    a_source, a = by_path["duplicates/copy_a.txt"]
    b_source, b = by_path["duplicates/copy_b.txt"]
    assert a.content_sha256 == b.content_sha256
    assert a_source.file_sha256 == b_source.file_sha256


def test_file_sha256_is_the_hash_of_the_bytes(corpus, by_path):
    source, _ = by_path["encodings/windows1252.txt"]
    data = (corpus / "encodings/windows1252.txt").read_bytes()
    assert source.file_sha256 == hashlib.sha256(data).hexdigest()
    assert source.size_bytes == len(data)


@pytest.mark.parametrize("path", [
    "empty/too_big.txt", "links/outside.txt", "links/broken.txt", ".hidden.txt", "binary/pipe.txt",
])
def test_files_not_read_have_no_file_hash(by_path, path):
    if path not in by_path:
        pytest.skip("not created on this platform")
    assert by_path[path][0].file_sha256 is None


def test_too_big_file_reports_both_sizes(by_path):
    source, rejection = by_path["empty/too_big.txt"]
    assert source.size_bytes > AWKWARD_MAX_BYTES
    assert f"{source.size_bytes:,}" in rejection.reason and f"{AWKWARD_MAX_BYTES:,}" in rejection.reason


def test_links_inside_the_folder_are_followed(by_path):
    target = _document(by_path, "encodings/utf8.txt")
    assert _document(by_path, "links/inside.txt").content_sha256 == target.content_sha256
    assert _document(by_path, "links/nested_again/level1/level2/deep.txt").text == target.text


def test_sql_and_jinja_are_kept_as_plain_text(by_path):
    assert _document(by_path, "names/sql_and_jinja.txt").text == SQL_AND_JINJA.strip()
    assert _document(by_path, "names/'; DROP TABLE x; --.txt").text == ENGLISH.strip()
    assert _document(by_path, "names/{{ jinja }}.txt").text == ENGLISH.strip()


def test_html_page_keeps_the_article_and_drops_the_page_furniture(by_path):
    document = _document(by_path, "formats/page.html")
    for noise in ("SCRIPT TEXT", "STYLE TEXT", "COMMENT TEXT", "NOSCRIPT TEXT", "IFRAME TEXT", "SVG TEXT",
                  "Markets", "We use cookies", "Accept all", "All rights reserved", "Related:",
                  "Subscribe", "Your email", "Privacy", "<", ">"):
        assert noise not in document.text, noise
    assert "led by Example\u00a0Ventures." in document.text
    assert "worth $12\u202fmillion." in document.text
    assert "Café & thé are not part of the deal." in document.text
    assert "expand its factory in Ohio.\nAcme also signed" in document.text
    assert document.title == "Acme Robotics raises $40 million"
    assert document.language == "en"
    assert str(document.published_at) == "2025-03-04"
    assert document.url == "https://example.com/acme-40m"
    assert _document(by_path, "formats/UPPER CASE.HTM").text == document.text


def test_malformed_html_still_gives_its_text(by_path):
    text = _document(by_path, "formats/malformed.html").text
    assert "Globex a remporté un contrat de 8 millions d'euros avec la SNCF." in text
    assert "Dernière phrase sans fermeture" in text
    assert "<" not in text


def test_markdown_front_matter_and_markup(by_path):
    document = _document(by_path, "formats/article.md")
    assert document.title == "Acme lève 40 millions"
    assert str(document.published_at) == "2025-03-04"
    assert "Acme Robotics a levé 40 millions de dollars auprès d'Example Ventures." in document.text
    assert "La société va agrandir son usine." in document.text.split("\n")
    assert 'code_block = "gardé tel quel"' in document.text
    for markup in ("**", "](", "logo.png", "# ", "---", "tags:", "_Globex_"):
        assert markup not in document.text, markup


def test_boilerplate_heavy_page_keeps_every_article_sentence(by_path):
    document = _document(by_path, "formats/boilerplate_heavy.txt")
    for sentence in ARTICLE_SENTENCES:
        assert sentence in document.text
    assert document.text.startswith("Acme Robotics raises $40 million\n")
    for noise in ("menu", "close", "cookies", "Accepter", "Refuser", "robotic arm", "Crédit photo",
                  "RoboticsFundingStartups", "\n12\n", "Lire aussi", "newsletter", "Source", "Leave a comment",
                  "will not be published", "Save my name", "Akismet", "Latest News", "Read more", "©",
                  "Partager", "Tweet", "Accueil", "Sur le même thème", "Initech", "pénurie", "Commentaires",
                  "Jean D.", "1 milliard", "Bravo", "Privacy policy", "Facebook"):
        assert noise not in document.text, noise
