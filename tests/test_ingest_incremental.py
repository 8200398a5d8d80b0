"""An unchanged file is not read again: its size, mtime and inode (and its sidecar's) say it is as it was."""

from __future__ import annotations

import datetime as dt
import json
import os

from pipelines.warehouse.build import connect_build
from pipelines.warehouse.documents_store import sync_documents

NOW = dt.datetime(2026, 1, 1)
TABLES = ("raw.documents", "raw.document_paths", "raw.rejected_inputs")


def _sync(build_db, source):
    with connect_build(build_db) as con:
        stats = sync_documents(con, source, 5_000_000, "v1", NOW)
        rows = {t: sorted(con.execute(f"select * from {t}").fetchall()) for t in TABLES}
    return stats, rows


def _folder(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    (source / "a.txt").write_text("Acme lève 5 millions d'euros auprès de Elaia.\n", encoding="utf-8")
    (source / "b.md").write_text("# Orbital\n\nOrbital AI raised $40 million.\n", encoding="utf-8")
    (source / "b.meta.json").write_text(json.dumps({"published_at": "2025-06-03"}), encoding="utf-8")
    (source / "c.pdf").write_bytes(b"%PDF-1.4 not an article")
    return source


def test_an_unchanged_folder_is_carried_over_without_reading(tmp_path):
    source = _folder(tmp_path)
    build = tmp_path / "build.duckdb"
    first, before = _sync(build, source)
    assert first.files_unchanged == 0
    second, after = _sync(build, source)
    assert second.files == first.files
    assert second.files_unchanged == 3  # a.txt, b.md and the rejected c.pdf; sidecars are always read
    assert after == before


def test_a_file_rewritten_behind_an_unmoved_stat_is_not_read(tmp_path):
    """Proof that the bytes are not read: same size, same mtime, same inode, other content — kept as it was."""
    source = _folder(tmp_path)
    build = tmp_path / "build.duckdb"
    _, before = _sync(build, source)
    path = source / "a.txt"
    info = path.stat()
    with open(path, "r+b") as handle:  # in place: same inode, same size
        handle.write(b"Z")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    _, after = _sync(build, source)
    assert after == before


def test_edits_to_a_file_or_its_sidecar_are_read(tmp_path):
    source = _folder(tmp_path)
    build = tmp_path / "build.duckdb"
    _sync(build, source)
    (source / "a.txt").write_text("Acme lève 7 millions d'euros auprès de Elaia.\n", encoding="utf-8")
    (source / "b.meta.json").write_text(json.dumps({"published_at": "2024-01-09"}), encoding="utf-8")
    stats, rows = _sync(build, source)
    assert stats.files_unchanged == 1  # only c.pdf
    texts = [r for r in rows["raw.documents"] if r[2] == "a.txt"]
    assert "7 millions" in texts[0][9]
    dates = [r[5] for r in rows["raw.documents"] if r[2] == "b.md"]
    assert dates == [dt.date(2024, 1, 9)]


def test_a_removed_file_is_retracted_and_a_new_one_read(tmp_path):
    source = _folder(tmp_path)
    build = tmp_path / "build.duckdb"
    _sync(build, source)
    (source / "a.txt").unlink()
    (source / "d.txt").write_text("Nimbus signe un contrat avec Thales.\n", encoding="utf-8")
    stats, rows = _sync(build, source)
    assert sorted(r[0] for r in rows["raw.document_paths"]) == ["b.md", "d.txt"]
    assert stats.files_unchanged == 2  # b.md and c.pdf


def test_a_run_over_changes_equals_a_run_from_scratch(tmp_path):
    """Only what moved is merged; the tables must still be those a first run over the final folder gives:
    a copy named before the document's first path, the first path removed, a document turned into a
    rejection and a rejection turned into a document."""
    source = _folder(tmp_path)
    (source / "m.txt").write_text("Nimbus signe un contrat avec Thales.\n", encoding="utf-8")
    (source / "n.txt").write_text("Nimbus signe un contrat avec Thales.\n", encoding="utf-8")
    (source / "p.txt").write_text("Vantor raised $12 million from Accel.\n", encoding="utf-8")
    (source / "r.txt").write_bytes(b"\x00\x01\x02 not text")
    build = tmp_path / "build.duckdb"
    _sync(build, source)
    (source / "0.txt").write_text("Vantor raised $12 million from Accel.\n", encoding="utf-8")  # p.txt's text
    (source / "m.txt").unlink()  # n.txt now names the Nimbus document
    (source / "a.txt").write_bytes(b"\x00\x01\x02 not text")
    (source / "r.txt").write_text("Helix lève 3 millions d'euros.\n", encoding="utf-8")
    stats, incremental = _sync(build, source)
    assert stats.files_unchanged == 4  # b.md, c.pdf, n.txt, p.txt
    _, scratch = _sync(tmp_path / "scratch.duckdb", source)
    assert incremental == scratch
    names = {r[9].split()[0]: r[2] for r in incremental["raw.documents"]}
    assert (names["Nimbus"], names["Vantor"], names["Helix"]) == ("n.txt", "0.txt", "r.txt")



def test_a_new_reader_reads_every_file_again(tmp_path, monkeypatch):
    """The code that cleans files changed (an upgrade): the texts it gives may differ, so nothing is carried over."""
    from pipelines.ingest import discovery

    source = _folder(tmp_path)
    build = tmp_path / "build.duckdb"
    _, before = _sync(build, source)
    monkeypatch.setattr(discovery, "READER_VERSION", "another")
    again, after = _sync(build, source)
    assert again.files_unchanged == 0
    assert after["raw.documents"] == before["raw.documents"]  # the same cleaning gives the same documents
    third, _ = _sync(build, source)
    assert third.files_unchanged == 3
