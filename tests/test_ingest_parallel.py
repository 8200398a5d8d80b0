"""Files read by worker processes give exactly what one process gives, in the same order."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from pipelines.ingest import discover
from pipelines.ingest.discovery import WINDOW_FILES
from pipelines.workers import LazyPool
from tests.awkward_corpus import AWKWARD_MAX_BYTES, build_awkward_corpus

CORPUS = Path(__file__).parent / "corpus" / "articles"


def _folder(root: Path) -> Path:
    """The awkward files, our annotated corpus several times over (more than two windows of reads)
    and sidecars, so that sidecars, rejections and documents fall on window boundaries."""
    build_awkward_corpus(root)
    copies = 2 * WINDOW_FILES // len(list(CORPUS.glob("*.txt"))) + 2
    for copy in range(copies):
        target = root / f"copy_{copy}"
        shutil.copytree(CORPUS, target)
        for index, article in enumerate(sorted(target.glob("*.txt"))):
            if index % 3 == copy % 3:
                (target / f"{article.stem}.meta.json").write_text(
                    json.dumps({"title": f"Copy {copy} of {article.stem}", "published_at": "2025-0%d-01" % (1 + copy % 9)}),
                    encoding="utf-8")
    return root


def test_a_pool_reads_the_folder_as_one_process_does(tmp_path):
    folder = _folder(tmp_path / "source")
    alone = list(discover(folder, AWKWARD_MAX_BYTES))
    with LazyPool(workers=2, parallel_from=1) as pool:
        pooled = list(discover(folder, AWKWARD_MAX_BYTES, map_reads=pool.map))
        assert pool.started
    assert len(alone) > 2 * WINDOW_FILES
    assert pooled == alone
    # the sidecars' titles reached the documents read by the workers
    titles = {outcome.title for _, outcome in pooled if hasattr(outcome, "title")}
    assert "Copy 1 of " + sorted(CORPUS.glob("*.txt"))[1].stem in titles


def test_a_few_files_are_read_in_process(tmp_path):
    folder = tmp_path / "source"
    folder.mkdir()
    (folder / "a.txt").write_text("Acme lève 5 millions d'euros auprès de Elaia.\n", encoding="utf-8")
    with LazyPool(workers=2, parallel_from=64) as pool:
        assert len(list(discover(folder, map_reads=pool.map))) == 1
        assert not pool.started
