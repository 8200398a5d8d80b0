"""The extractor on our own annotated articles, scored with floors.

`tests/corpus` and `tests/heldout` to `tests/heldout8` are development sets: the extractor's rules were written
while reading their errors (or may be from now on), so their scores are optimistic. `tests/heldout9` was written and
annotated without reading the extractor, asked for in plain terms (realistic, varied news), and its errors are not
read: its score is the honest figure for unseen articles (its README says how to keep it so)."""

from __future__ import annotations

import pytest

from pipelines.quality import score
from tests.conftest import CORPUS_DIR, copy_tree
from tests.pipeline_runner import run_pipeline

# Measured 0.939 micro-F1 on the 51 articles (0.818 when articles 144-151 were added, before the extractor was
# changed for them); the floors guard against regressions, the closing note of each change reports the figures.
CORPUS_MICRO_F1_FLOOR = 0.9
# Measured 0.658 on the first set's 14 articles when they were added, 0.838 once tuned on, 0.937 later.
HELDOUT_MICRO_F1_FLOOR = 0.88
HELDOUT_DIR = CORPUS_DIR.parent / "heldout"
# Measured 0.619 on the second set's 12 articles when it was added, 0.918 once tuned on.
HELDOUT2_MICRO_F1_FLOOR = 0.85
HELDOUT2_DIR = CORPUS_DIR.parent / "heldout2"
# Measured 0.575 on the third set's 14 articles when it was added, 0.766 with rules written for the error classes
# it had been asked for with (before its output was read), 0.929 once tuned on, 0.960 later.
HELDOUT3_MICRO_F1_FLOOR = 0.9
HELDOUT3_DIR = CORPUS_DIR.parent / "heldout3"
# Measured 0.467 on the fourth set's 12 articles with the extractor of the session that added it, before that
# session's rules, and 0.517 after them; then its errors were read (it is now a development set): 0.851, then 0.867.
HELDOUT4_MICRO_F1_FLOOR = 0.82
HELDOUT4_DIR = CORPUS_DIR.parent / "heldout4"
# Measured 0.523 on the fifth set's 12 articles when it was added, 0.539 after the rules written that session
# from the fourth set's errors and from sentences of our own (its output not read); then its errors were read: 0.82.
HELDOUT5_MICRO_F1_FLOOR = 0.76
HELDOUT5_DIR = CORPUS_DIR.parent / "heldout5"
# Measured 0.518 on the sixth set's 12 articles when it was added, 0.536 after the rules of that session (written
# from the fifth set's errors and sentences of our own; its output not read); then its errors were read: 0.782.
HELDOUT6_MICRO_F1_FLOOR = 0.72
HELDOUT6_DIR = CORPUS_DIR.parent / "heldout6"
# Measured 0.562 on the seventh set's 12 articles when it was added (mostly ordinary news: a roundup of ten
# rounds, wire briefs, a feature, an interview, press releases, a saved web page); once the ninth set existed its
# errors were read: 0.731.
HELDOUT7_MICRO_F1_FLOOR = 0.68
HELDOUT7_DIR = CORPUS_DIR.parent / "heldout7"
# The eighth set is a development set from the start (ordinary news: roundups, digests, wire briefs, interviews),
# written after the seventh to have errors of that kind to read: 0.609 when it was added, 0.825 once read, 0.857
# later.
HELDOUT8_MICRO_F1_FLOOR = 0.8
HELDOUT8_DIR = CORPUS_DIR.parent / "heldout8"
# Measured 0.459 on the ninth set's 12 articles when it was added (ordinary news again, October-November 2027), 0.477
# after the rules of that session (written from the seventh and eighth sets' errors; its output not read).
HELDOUT9_MICRO_F1_FLOOR = 0.42
HELDOUT9_DIR = CORPUS_DIR.parent / "heldout9"


@pytest.mark.parametrize("corpus, floor", [(CORPUS_DIR, CORPUS_MICRO_F1_FLOOR), (HELDOUT_DIR, HELDOUT_MICRO_F1_FLOOR),
                                           (HELDOUT2_DIR, HELDOUT2_MICRO_F1_FLOOR),
                                           (HELDOUT3_DIR, HELDOUT3_MICRO_F1_FLOOR),
                                           (HELDOUT4_DIR, HELDOUT4_MICRO_F1_FLOOR),
                                           (HELDOUT5_DIR, HELDOUT5_MICRO_F1_FLOOR),
                                           (HELDOUT6_DIR, HELDOUT6_MICRO_F1_FLOOR),
                                           (HELDOUT7_DIR, HELDOUT7_MICRO_F1_FLOOR),
                                           (HELDOUT8_DIR, HELDOUT8_MICRO_F1_FLOOR),
                                           (HELDOUT9_DIR, HELDOUT9_MICRO_F1_FLOOR)],
                         ids=["development", "first held-out", "second held-out", "third held-out", "fourth held-out",
                              "fifth held-out", "sixth held-out", "seventh held-out", "eighth development", "held-out"])
def test_corpus_score_floor(workspace, corpus, floor):
    source, warehouse = workspace
    copy_tree(corpus / "articles", source)
    run_pipeline()
    report = score(warehouse, corpus / "gold.jsonl")
    assert report["micro_f1_core"] >= floor, report
