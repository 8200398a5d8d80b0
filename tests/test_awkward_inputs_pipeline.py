"""Every awkward file, through the real pipeline: a document in the warehouse or a rejected input with a reason."""

from __future__ import annotations

import duckdb

from tests.awkward_corpus import build_awkward_corpus
from tests.pipeline_runner import run_pipeline


def test_every_file_is_a_document_or_a_rejected_input(workspace, monkeypatch):
    source, warehouse = workspace
    expected = build_awkward_corpus(source)
    monkeypatch.setenv("DEALWIRE_MAX_FILE_BYTES", "20000")  # the corpus holds one file over this limit
    run_pipeline()
    con = duckdb.connect(str(warehouse), read_only=True)
    documents = {p for (paths,) in con.execute("select source_paths from marts.dim_documents").fetchall() for p in paths}
    rejected = dict(con.execute("select source_path, reason from marts.rejected_inputs").fetchall())
    texts = [t for (t,) in con.execute("select text from marts.dim_documents").fetchall()]
    con.close()
    for path, outcome in expected.items():
        if outcome == "document":
            assert path in documents, path
        elif path.endswith(("loop", "outside_folder", ".hidden_folder")):
            assert path in rejected, path  # folders are reported once, as folders
        else:
            keyword = outcome.split(":", 1)[1]
            assert keyword.lower() in rejected.get(path, "").lower(), (path, rejected.get(path))
    # text that looks like SQL or Jinja is stored as data, never run
    assert any("DROP TABLE" in t or "{{" in t for t in texts)
