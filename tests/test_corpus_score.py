"""The extractor on articles it was not written against: our own annotated corpus, scored with a floor."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import CORPUS_DIR, SHARED_GOLD, copy_tree
from tests.pipeline_runner import run_pipeline

# Measured 0.875 micro-F1 on the 43 articles; the floor guards against regressions, the closing note
# of each change reports the current figure.
CORPUS_MICRO_F1_FLOOR = 0.84


@pytest.mark.skipif(not (SHARED_GOLD / "score.py").exists(), reason="the scorer is not beside the repository")
def test_own_corpus_score_floor(workspace):
    source, warehouse = workspace
    copy_tree(CORPUS_DIR / "articles", source)
    run_pipeline()
    out = subprocess.run([sys.executable, str(SHARED_GOLD / "score.py"), str(warehouse),
                          str(CORPUS_DIR / "gold.jsonl"), "--json"], capture_output=True, text=True, check=True)
    report = json.loads(out.stdout)
    assert report["micro_f1_core"] >= CORPUS_MICRO_F1_FLOOR, report
