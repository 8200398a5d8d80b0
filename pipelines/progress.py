"""Progress of long steps, for whoever listens: a bar in `make run`, nothing in the UI.

The assets report progress through `report(step, done, total, detail)`. Only a
command-line run installs a listener (`listen(TerminalProgress())`); in the UI,
where runs execute in other processes, reporting costs nothing and the step
logs carry the same figures.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable, Iterator
from typing import TextIO

Listener = Callable[[str, int, int, str], None]
_listeners: list[Listener] = []


def report(step: str, done: int, total: int, detail: str = "") -> None:
    for listener in _listeners:
        listener(step, done, total, detail)


@contextlib.contextmanager
def listen(listener: Listener) -> Iterator[None]:
    _listeners.append(listener)
    try:
        yield
    finally:
        _listeners.remove(listener)


class TerminalProgress:
    """One bar per step, redrawn in place on a terminal; on a pipe, a line per tenth of the way."""

    WIDTH = 30

    def __init__(self, stream: TextIO | None = None, unit: dict[str, str] | None = None):
        self.stream = stream or sys.stderr
        self.unit = unit or {}
        self.started: dict[str, float] = {}
        self.printed_tenths: dict[str, int] = {}
        self.current: str | None = None

    def __call__(self, step: str, done: int, total: int, detail: str = "") -> None:
        now = time.monotonic()
        if step != self.current:
            self.finish()
            self.current = step
            self.started.setdefault(step, now)
        elapsed = max(now - self.started[step], 1e-9)
        line = self.render(step, done, total, elapsed, detail)
        if self.stream.isatty():
            self.stream.write("\r\033[K" + line)
        else:
            tenth = (10 * done // total) if total else 10
            if tenth <= self.printed_tenths.get(step, -1):
                return
            self.printed_tenths[step] = tenth
            self.stream.write(line + "\n")
        self.stream.flush()

    def render(self, step: str, done: int, total: int, elapsed: float, detail: str) -> str:
        fraction = min(done / total, 1.0) if total else 1.0
        filled = round(self.WIDTH * fraction)
        unit = self.unit.get(step, "items")
        # a rate over less than a second says nothing yet
        rate = f"{done / elapsed:,.0f} {unit}/s" if elapsed >= 1 else f"- {unit}/s"
        text = (f"{step:<10} [{'#' * filled}{'-' * (self.WIDTH - filled)}] {done:,}/{total:,} {unit}"
                f"  {rate}  {elapsed:,.1f} s")
        return f"{text}  {detail}" if detail else text

    def finish(self) -> None:
        if self.current is not None and self.stream.isatty():
            self.stream.write("\n")
            self.stream.flush()
        self.current = None
