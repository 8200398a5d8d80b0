"""`python -m pipelines.cli run|report|docs`: the command-line face of Dealwire.

`run` materialises every asset through the Dagster instance in DAGSTER_HOME,
so the run appears in the UI's history like one launched there. It shows a
progress bar for extraction (articles/s) and for dbt's steps, then a summary
of what the warehouse holds; `--verbose` shows Dagster's own log instead.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import gc
import logging
import os
import sys
import time
from pathlib import Path
from typing import NoReturn

from pipelines import progress
from pipelines.config import load_settings
from pipelines.warehouse.build import connect_reader
from pipelines.warehouse.summary import STATISTICS, warehouse_statistics

LABELS = {
    "documents": "documents read",
    "rejected_inputs": "rejected inputs",
    "funding_rounds": "funding rounds",
    "contracts": "contracts",
    "customer_losses": "customer losses",
    "organisations": "organisations",
    "evidence_quotes": "evidence quotes",
    "facts_with_conflicting_sources": "facts with conflicting sources",
}
assert set(LABELS) == set(STATISTICS)


def summary(warehouse_path: Path) -> list[tuple[str, int]]:
    con = connect_reader(warehouse_path)
    try:
        return [(LABELS[key], value) for key, value in warehouse_statistics(con).items()]
    finally:
        con.close()


def _print_table(title: str, rows: list[tuple[str, str]]) -> None:
    width = max(len(label) for label, _ in rows)
    print(f"\n{title}")
    for label, value in rows:
        print(f"  {label:<{width}}  {value:>10}")


def run(verbose: bool = False) -> int:
    # Dagster is imported here, not at the top: the extraction workers are spawned, and a spawned process
    # imports the parent's main module, this one; each worker would otherwise carry Dagster (about 45 MB).
    # The modules and definitions loaded now live as long as the process: the cycle collector's full passes
    # over them while they load (0.35 s of a run) and after (each pass traverses them all) free nothing.
    gc.disable()
    try:
        import dagster as dg

        from pipelines.definitions import defs

        settings = load_settings()
        started = time.monotonic()
        job = defs().resolve_job_def("dealwire_job")
    finally:
        gc.freeze()
        gc.enable()
    # Dagster's console log would scroll the bar away; the full log is in the run's page in the UI.
    run_config = {} if verbose else {"loggers": {"console": {"config": {"log_level": "ERROR"}}}}
    if not verbose:
        # when dbt is skipped (nothing changed), Dagster warns once per dbt test that gave no result
        logging.getLogger("dagster._core.execution.plan.active").setLevel(logging.ERROR)
    bar = progress.TerminalProgress(unit={"extraction": "articles", "dbt build": "steps"})
    settings.build_dir.mkdir(parents=True, exist_ok=True)
    log_path = settings.build_dir / "last_run.log"
    # dbt's own lines go to a file: the bar stands for them, and the file says what happened in detail.
    with progress.listen(bar), open(log_path, "w", encoding="utf-8") as log, \
            contextlib.redirect_stdout(sys.stdout if verbose else log):
        result = job.execute_in_process(instance=dg.DagsterInstance.get(), raise_on_error=False,
                                        run_config=run_config)
    bar.finish()
    elapsed = time.monotonic() - started
    if not result.success:
        for event in result.all_events:
            if event.is_failure and event.message:
                print(event.message, file=sys.stderr)
        print(f"Dealwire run failed after {elapsed:.1f} s (dbt's log: {log_path}). Publication happens only "
              "after dbt's tests pass: unless the failure came after it, the published warehouse is as it was.",
              file=sys.stderr)
        return 1
    rows = [(label, f"{value:,}") for label, value in summary(settings.warehouse_path)]
    _print_table(f"Dealwire: {settings.source_dir} -> {settings.warehouse_path}",
                 [*rows, ("time taken", f"{elapsed:.1f} s")])
    return 0


def _published(settings) -> bool:
    """Whether there is a warehouse to read; if not, say how to get one."""
    if settings.warehouse_path.exists():
        return True
    print(f"{settings.warehouse_path} does not exist yet: run `make run` first.", file=sys.stderr)
    return False


def report() -> int:
    from pipelines.defs.report.assets import REPORT_FILE
    from pipelines.report import write_report

    settings = load_settings()
    if not _published(settings):
        return 1
    out = settings.warehouse_path.parent / REPORT_FILE
    counts = write_report(settings.warehouse_path, out)
    _print_table(f"Evidence report: {out}", [(k, f"{v:,}") for k, v in counts.items()])
    return 0


def docs() -> int:
    from pipelines.docs import write_data_dictionary

    settings = load_settings()
    if not _published(settings):
        return 1
    out_dir = settings.warehouse_path.parent / "docs"
    result = write_data_dictionary(settings.warehouse_path, out_dir)
    print(f"Data dictionary: {result['markdown']}\n                 {result['html']}\n"
          f"dbt docs site:   {result['dbt_site']}")
    gaps = [*result["undocumented_columns"], *result["untyped_columns"]]
    if gaps:
        print("columns without a description or a type: " + ", ".join(gaps), file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="dealwire")
    parser.add_argument("command", choices=["run", "report", "docs"])
    parser.add_argument("--verbose", action="store_true", help="run: show Dagster's log instead of the bars")
    args = parser.parse_args(argv)
    if args.command == "run":
        return run(args.verbose)
    return report() if args.command == "report" else docs()


def exit_now(code: int) -> NoReturn:
    """End the process as `sys.exit(code)` would, without Python's teardown of every module.

    After a run, that teardown (freeing the objects of Dagster's and dbt's modules) took about a second
    (at 10,000 articles: 1.0 s, against 0.03 s with this), and nothing needs it. The exit handlers (logging's
    flush, multiprocessing's clean-up, temporary files) and the buffered output still go first."""
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe or stream: nothing left to show
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    exit_now(main())
