"""Worker processes for the stages that are pure computation: cleaning files and extracting facts.

Workers compute; the calling process alone writes to the build database. The
pool is spawned, not forked: the parent holds DuckDB and Polars thread pools,
which do not survive a fork.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor


def worker_count() -> int:
    """DEALWIRE_EXTRACT_WORKERS (it sizes both stages), by default one per core."""
    value = os.environ.get("DEALWIRE_EXTRACT_WORKERS")
    return max(1, int(value)) if value else (os.cpu_count() or 1)


def worker_pool(workers: int) -> Executor:
    """A spawned pool whose workers use one Polars thread each: together they already fill the cores."""
    os.environ.setdefault("POLARS_MAX_THREADS", "1")
    try:
        return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
    finally:
        if os.environ.get("POLARS_MAX_THREADS") == "1":
            del os.environ["POLARS_MAX_THREADS"]


class LazyPool:
    """`map` that runs in this process until one call brings `parallel_from` items or more, then in a
    pool started by that call and kept for the following ones: starting processes costs about a
    second, which a handful of new files does not repay.

    Like Executor.map, a pooled call submits everything at once and its results come back in order,
    so the caller can submit the next window before it consumes the current one.
    """

    def __init__(self, workers: int | None = None, parallel_from: int = 64, chunksize: int = 16) -> None:
        self.workers = worker_count() if workers is None else workers
        self.parallel_from = parallel_from
        self.chunksize = chunksize
        self._pool: Executor | None = None

    @property
    def started(self) -> bool:
        return self._pool is not None

    def map(self, function: Callable, *iterables: Iterable) -> Iterator:
        columns = [list(items) for items in iterables]
        size = len(columns[0]) if columns else 0
        if self._pool is None and self.workers > 1 and size >= self.parallel_from:
            self._pool = worker_pool(self.workers)
        if self._pool is None:
            return map(function, *columns)
        return self._pool.map(function, *columns, chunksize=self.chunksize)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def __enter__(self) -> LazyPool:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()
