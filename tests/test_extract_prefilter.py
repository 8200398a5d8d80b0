"""The cheap cue pre-pass must never hide a sentence that a cue pattern would read."""

from __future__ import annotations

import polars as pl
import pytest

from pipelines.extract.cues import CUES
from pipelines.extract.pipeline import sentences_frame
from pipelines.ingest import Rejection, discover
from tests.conftest import CORPUS_DIR, SEEDS_DIR


@pytest.mark.parametrize("folder", [SEEDS_DIR, CORPUS_DIR / "articles"], ids=["seeds", "corpus"])
def test_every_sentence_a_cue_matches_passes_the_prefilter(folder):
    rows = [{"document_id": f.path, "text": out.text}
            for f, out in discover(folder) if not isinstance(out, Rejection)]
    sentences = sentences_frame(pl.DataFrame(rows))
    hidden = [text for text, has_cue in sentences.select("text", "has_cue").iter_rows()
              if not has_cue and any(c.pattern.search(text) for c in CUES)]
    assert hidden == []
