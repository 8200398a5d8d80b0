"""dbt run inside the step's own process, its results turned into Dagster events by dagster-dbt.

A dbt subprocess imports dbt again before it runs a single node: about 2.5 s, mostly mashumaro building
the artifact schemas, which dagster-dbt has already paid for in this process when it loaded the
definitions. On a small increment that start-up was a third of the dbt step.

dbt runs in a thread of its own while the step's thread hands each finished node to Dagster, as it
comes: the UI shows materialisations and check results during the build, and Dagster's writes go on
beside dbt's work (sharing the GIL with it, where the subprocess had a core of its own). When the step is interrupted (Ctrl-C, Dagster terminating
the run) or fails, dbt is stopped as its CLI stops on Ctrl-C: its running queries are cancelled and a
KeyboardInterrupt is raised in its thread.

The selection (a subset of the models picked in the UI, the checks selected with them) and the
translation of dbt's result events are dagster-dbt's own, the same as for its subprocess.
"""

from __future__ import annotations

import contextlib
import ctypes
import dataclasses
import gc
import queue
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator
from dagster_dbt.asset_utils import get_updated_cli_invocation_params_for_context
from dagster_dbt.core.dbt_cli_event import DbtCoreCliEventMessage

from pipelines.defs.transformation.parse_state import accept_parse_state_of_another_path, seed_parse_state

# dbt's events for a finished node: what dagster-dbt turns into materialisations and check results
RESULT_EVENTS = frozenset({"LogSeedResult", "LogModelResult", "LogSnapshotResult", "LogTestResult"})
STOP_TIMEOUT_SECONDS = 30
_FINISHED = object()


class DbtBuildError(dg.Failure):
    """dbt reported errors: a node failed, a test found failing rows, or dbt itself could not run."""


@dataclasses.dataclass
class _Collector:
    """Receives dbt's events in dbt's threads: passes the result events on, keeps the error messages, and
    reports progress: the number of nodes dbt announces before its first one, then each finished node."""

    on_progress: Callable[[str, int, int], None]
    results: queue.SimpleQueue = dataclasses.field(default_factory=queue.SimpleQueue)
    errors: list[str] = dataclasses.field(default_factory=list)
    lock: threading.Lock = dataclasses.field(default_factory=threading.Lock)
    nodes: int = 0
    finished: int = 0

    def __call__(self, event) -> None:
        name, level = event.info.name, event.info.level
        if name == "ConcurrencyLine":
            self.nodes = event.data.node_count
            self.on_progress("", 0, self.nodes)
        if name not in RESULT_EVENTS and level != "error":
            return
        from dbt_common.events.functions import msg_to_dict

        raw = msg_to_dict(event)
        with self.lock:
            if level == "error":
                self.errors.append(raw["info"]["msg"])
            if name in RESULT_EVENTS:
                self.results.put(raw)
                sys.stdout.write(raw["info"]["msg"] + "\n")
                self.finished += 1
                self.on_progress(raw["data"].get("node_info", {}).get("unique_id", ""), self.finished,
                                 max(self.nodes, self.finished))


def dbt_command(args: Sequence[str], *, context: dg.AssetExecutionContext, project_dir: Path, profiles_dir: Path,
                target_path: Path, target: str | None, exclude: Sequence[str] = ()) -> tuple[list[str], Any]:
    """dbt's arguments for the assets and checks selected in `context`, and dagster-dbt's invocation
    parameters: the manifest, translator and project of the dbt assets `context` runs."""
    params = get_updated_cli_invocation_params_for_context(context, {}, DagsterDbtTranslator(),
                                                           runtime_excludes=list(exclude))
    if params.dbt_project is not None:
        project_dir = Path(params.dbt_project.project_dir)
    return [*args, *params.selection_args,
            *(["--indirect-selection", params.indirect_selection] if params.indirect_selection else []),
            *(["--target", target] if target else []),
            "--project-dir", str(project_dir), "--profiles-dir", str(profiles_dir),
            "--target-path", str(target_path), "--log-path", str(target_path),
            "--no-send-anonymous-usage-stats", "--no-use-colors", "--quiet"], params


def _close_database() -> None:
    """dbt-duckdb keeps its DuckDB database open for the life of the process (its `keep_open`, so that
    every node does not open the file again): closed here, the steps after dbt can open the build
    database with their own settings, and DuckDB's memory is given back."""
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    with DuckDBConnectionManager._LOCK:
        environment = DuckDBConnectionManager._ENV
        DuckDBConnectionManager.close_all_connections()
    if environment is not None:
        environment.close()


def tolerate_closed_connections_when_cancelling() -> None:
    """Make dbt-duckdb's cancel of a connection a no-op when the connection's cursor is already closed.

    On Ctrl-C, dbt cancels every connection its threads hold; dbt-duckdb does it by opening a cursor on the
    connection's handle and interrupting it. A node thread that is closing its connection at that moment
    has closed the handle but not yet marked the connection closed, and opening the cursor raises
    `ConnectionException: Connection already closed`: dbt's Ctrl-C handling then ends with that traceback
    instead of stopping cleanly. Nothing runs on a closed connection, so there is nothing to cancel."""
    import duckdb
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    cancel = DuckDBConnectionManager.cancel
    if getattr(cancel, "tolerates_closed_connections", False):
        return

    def tolerant_cancel(self, connection) -> None:
        try:
            cancel(self, connection)
        except duckdb.ConnectionException:
            pass  # closed meanwhile

    tolerant_cancel.tolerates_closed_connections = True  # type: ignore[attr-defined]
    DuckDBConnectionManager.cancel = tolerant_cancel


def _stop(worker: threading.Thread) -> None:
    """Stop dbt's thread: cancel the queries dbt's adapter has open, whose nodes then fail at once, and
    raise KeyboardInterrupt in the thread, which dbt handles as its CLI handles Ctrl-C. The step is being
    interrupted or has failed: waiting for dbt's remaining nodes would only delay it."""
    from dbt.adapters.factory import FACTORY

    if worker.ident is None or not worker.is_alive():
        return
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(worker.ident), ctypes.py_object(KeyboardInterrupt))
    for adapter in list(FACTORY.adapters.values()):
        adapter.cancel_open_connections()
    worker.join(STOP_TIMEOUT_SECONDS)


def _exclude_from_collection() -> None:
    """Leave what the process holds before dbt starts (Dagster's definitions, dagster-dbt's manifest) out of
    the cycle collector's scans: dbt allocates so much that the collector makes full passes during the build,
    and each traversed every object of the process (measured on a ten-article increment: 9 full passes, 1.3 s
    of the run, which shared the GIL with dbt's threads). Frozen objects are still freed when their last
    reference goes; only a cycle among them would stay, and they live as long as the step."""
    gc.freeze()


def _release_memory() -> None:
    """Give back to the system what dbt's build held (its manifest, DuckDB's buffers): the steps after
    it (publication, report) then start from what the process held before dbt, not from dbt's peak."""
    gc.collect()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6").malloc_trim(0)


def build(args: Sequence[str], *, context: dg.AssetExecutionContext, project_dir: Path, profiles_dir: Path,
          target_path: Path, target: str | None = None, exclude: Sequence[str] = (),
          on_progress: Callable[[str, int, int], None]) -> Iterator[Any]:
    """Run a dbt command in this process; yield the Dagster events of its finished nodes, then raise
    DbtBuildError if dbt reported errors. `on_progress(unique_id, done, total)` hears how many nodes dbt
    will run (unique_id empty, done 0), then of each finished node."""
    from dbt.cli.main import dbtRunner

    command, params = dbt_command(args, context=context, project_dir=project_dir, profiles_dir=profiles_dir,
                                  target_path=target_path, target=target, exclude=exclude)
    seed_parse_state(project_dir, target_path)
    accept_parse_state_of_another_path()
    tolerate_closed_connections_when_cancelling()
    collector = _Collector(on_progress)
    context.log.info(f"dbt {' '.join(command)}")
    outcome: list = []

    def run() -> None:
        try:
            outcome.append(dbtRunner(callbacks=[collector]).invoke(command))
        finally:
            _close_database()
            collector.results.put(_FINISHED)

    worker = threading.Thread(target=run, name="dbt", daemon=True)
    _exclude_from_collection()
    worker.start()
    try:
        while (raw := collector.results.get()) is not _FINISHED:
            yield from DbtCoreCliEventMessage(raw_event=raw, event_history_metadata={}).to_default_asset_events(
                manifest=params.manifest, dagster_dbt_translator=params.dagster_dbt_translator, context=context,
                target_path=target_path, project=params.dbt_project)
    except BaseException:
        _stop(worker)
        raise
    finally:
        sys.stdout.flush()
    worker.join()
    _release_memory()
    result = outcome[0] if outcome else None
    if result is None or not result.success:
        messages = collector.errors or [str(getattr(result, "exception", None) or "dbt stopped without a message")]
        raise DbtBuildError(description="dbt build failed; its errors:\n\n" + "\n\n".join(messages)
                            + f"\n\ndbt's log: {target_path / 'dbt.log'}")
