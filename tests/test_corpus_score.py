"""The extractor on our own annotated articles, scored with floors.

`tests/corpus`, `tests/heldout` and `tests/heldout2` are development sets: the extractor's rules were written while
reading their errors, so their scores are optimistic. `tests/heldout3` and `tests/heldout4` were written and annotated
without reading the extractor, and their errors are not read: their scores are the figures for unseen articles (their
READMEs say how to keep them so). The third set was asked for with the error classes then known in mind (passives,
clefts, non-renewals...), so it flatters rules written for those classes; the fourth was asked for in plain terms
(realistic, varied news) and is the honest figure."""

from __future__ import annotations

import pytest

from pipelines.quality import score
from tests.conftest import CORPUS_DIR, copy_tree
from tests.pipeline_runner import run_pipeline

# Measured 0.922 micro-F1 on the 51 articles (0.818 when articles 144-151 were added, before the extractor was
# changed for them); the floors guard against regressions, the closing note of each change reports the figures.
CORPUS_MICRO_F1_FLOOR = 0.88
# Measured 0.658 on the first 14 held-out articles when they were added, 0.757 once tuned on.
HELDOUT_MICRO_F1_FLOOR = 0.7
HELDOUT_DIR = CORPUS_DIR.parent / "heldout"
# Measured 0.619 on the second set's 12 articles when it was added, 0.732 once tuned on.
HELDOUT2_MICRO_F1_FLOOR = 0.68
HELDOUT2_DIR = CORPUS_DIR.parent / "heldout2"
# Measured 0.575 on the third set's 14 articles when it was added, with the extractor of that time,
# and 0.581 with the rules that the second set's errors then led to.
HELDOUT3_MICRO_F1_FLOOR = 0.53
HELDOUT3_DIR = CORPUS_DIR.parent / "heldout3"
# Measured 0.467 on the fourth set's 12 articles with the extractor of the session that added it, before its rules,
# and 0.517 after them.
HELDOUT4_MICRO_F1_FLOOR = 0.47
HELDOUT4_DIR = CORPUS_DIR.parent / "heldout4"


@pytest.mark.parametrize("corpus, floor", [(CORPUS_DIR, CORPUS_MICRO_F1_FLOOR), (HELDOUT_DIR, HELDOUT_MICRO_F1_FLOOR),
                                           (HELDOUT2_DIR, HELDOUT2_MICRO_F1_FLOOR),
                                           (HELDOUT3_DIR, HELDOUT3_MICRO_F1_FLOOR), (HELDOUT4_DIR, HELDOUT4_MICRO_F1_FLOOR)],
                         ids=["development", "first held-out", "second held-out", "third held-out", "held-out"])
def test_corpus_score_floor(workspace, corpus, floor):
    source, warehouse = workspace
    copy_tree(corpus / "articles", source)
    run_pipeline()
    report = score(warehouse, corpus / "gold.jsonl")
    assert report["micro_f1_core"] >= floor, report
