"""discover() and read_document() beyond the awkward corpus: sidecar pairing, limits, the seeds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.ingest import DocumentText, Rejection, discover, read_document

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
TEXT = "Acme Robotics has raised $40 million in a Series B round led by Example Ventures.\n"


def _run(root: Path, **kwargs) -> dict[str, DocumentText | Rejection]:
    return {source.path: outcome for source, outcome in discover(root, **kwargs)}


@pytest.mark.parametrize("name", ["story.txt", "story.md", "story.html", "story.TXT", "story.markdown"])
def test_a_sidecar_serves_every_document_format(tmp_path, name):
    (tmp_path / name).write_text(TEXT, encoding="utf-8")
    (tmp_path / "story.meta.json").write_text(json.dumps({"title": "Acme", "published_at": "2025-01-02"}))
    results = _run(tmp_path)
    assert list(results) == [name]
    assert results[name].title == "Acme" and str(results[name].published_at) == "2025-01-02"


def test_a_sidecar_beside_two_documents_serves_both(tmp_path):
    (tmp_path / "story.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "story.html").write_text(f"<p>{TEXT}</p>", encoding="utf-8")
    (tmp_path / "story.meta.json").write_text(json.dumps({"source": "Wire"}))
    results = _run(tmp_path)
    assert sorted(results) == ["story.html", "story.txt"]
    assert {outcome.source for outcome in results.values()} == {"Wire"}


def test_a_sidecar_only_pairs_within_its_folder(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "story.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "story.meta.json").write_text(json.dumps({"title": "x"}))
    results = _run(tmp_path)
    assert isinstance(results["story.meta.json"], Rejection) and "orphan" in results["story.meta.json"].reason
    assert results["a/story.txt"].title is None


def test_the_size_limit_is_inclusive(tmp_path):
    data = TEXT.encode("utf-8")
    (tmp_path / "a.txt").write_bytes(data)
    assert isinstance(_run(tmp_path, max_bytes=len(data))["a.txt"], DocumentText)
    rejection = _run(tmp_path, max_bytes=len(data) - 1)["a.txt"]
    assert isinstance(rejection, Rejection) and "limit" in rejection.reason


def test_an_oversized_sidecar_is_reported_and_the_document_kept(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps({"title": "x" * 500}))
    results = _run(tmp_path, max_bytes=200)
    assert isinstance(results["a.txt"], DocumentText) and results["a.txt"].title is None
    assert "limit" in results["a.meta.json"].reason


def test_read_document_uses_the_sidecar_beside_the_file(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps({"url": "https://ex.com/a", "published_at": "bad"}))
    document = read_document(tmp_path / "a.txt", 5_000_000)
    assert document.url == "https://ex.com/a" and document.published_at is None


def test_read_document_rejects_what_it_cannot_read(tmp_path):
    assert "not a regular file" in read_document(tmp_path, 1000).reason
    assert "not found" in read_document(tmp_path / "missing.txt", 1000).reason


def test_discover_refuses_a_missing_folder(tmp_path):
    with pytest.raises(NotADirectoryError):
        list(discover(tmp_path / "missing"))


def test_seeds_are_five_french_documents_without_rejection():
    results = _run(SEEDS)
    assert len(results) == 5
    assert all(isinstance(outcome, DocumentText) for outcome in results.values()), results
    assert {outcome.language for outcome in results.values()} == {"fr"}
    assert len({outcome.content_sha256 for outcome in results.values()}) == 5


def test_seed_titles_and_cleaning():
    results = _run(SEEDS)
    headline = "Scale AI Réaffirme Son Indépendance Malgré la Participation de 14,3 Mds$ de Meta"
    seed_004 = results["004_de1e37c537b0cb83.txt"]
    assert seed_004.title == headline
    assert seed_004.text.count(headline) == 1
    assert not seed_004.text.startswith("menu") and "Latest News" not in seed_004.text
    assert results["003_b44937fde8408328.txt"].title == "Scale AI, le pari à 14 milliards $ de Meta"
    assert results["002_862dc5c6db52c670.txt"].title == (
        "Meta et Scale AI\u202f: alliance stratégique ou pari risqué pour l’avenir de l’IA\u202f?"
    )
    assert results["000_263a8862a77593e5.txt"].title is None  # its first line is a sentence
    assert "Akismet" not in results["002_862dc5c6db52c670.txt"].text
    assert "Voir tous les articles" not in results["003_b44937fde8408328.txt"].text


@pytest.mark.parametrize("name", ["a.txt", "A.TXT", ".txt", "..txt", ".a.md", "a.", "a", "...", ".", "x..y",
                                  "notes.tar.gz", "é.HTML", ".hidden", "a b.Md"])
def test_extensions_are_those_of_splitext_lowercased(name):
    import os

    from pipelines.ingest.documents import extension_of

    assert extension_of(name) == os.path.splitext(name)[1].lower()


def test_a_file_that_grows_after_stat_is_read_whole_up_to_the_limit(tmp_path, monkeypatch):
    """load_file reads the size stat gave, then on: a file appended to meanwhile is not cut short."""
    import os

    from pipelines.ingest import documents

    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 100)
    real_stat = Path.stat

    def stale_stat(self, *args, **kwargs):  # what stat said just before the file grew
        info = real_stat(self, *args, **kwargs)
        return os.stat_result((*info[:6], 40, *info[7:])) if self == path else info

    monkeypatch.setattr(Path, "stat", stale_stat)
    assert documents.load_file(path, 1000).data == b"x" * 100
    assert documents.load_file(path, 60).problem.startswith("file too large")
