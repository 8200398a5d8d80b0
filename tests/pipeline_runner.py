"""Materialise the whole asset graph the way the job does, for tests."""

from __future__ import annotations

import dagster as dg


def run_pipeline() -> dg.ExecuteInProcessResult:
    from pipelines.definitions import defs

    job = defs().resolve_job_def("dealwire_job")
    result = job.execute_in_process(instance=dg.DagsterInstance.get(), raise_on_error=False)
    assert result.success, [e.message for e in result.all_events if e.is_failure]
    return result
