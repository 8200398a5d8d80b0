"""One job that refreshes everything, a daily schedule, and a sensor on the source folder's content."""

from __future__ import annotations

import hashlib
import os

import dagster as dg

from pipelines.config import load_settings

# One run at a time writes the warehouse: the queue holds the others (see .dagster_home/dagster.yaml).
RUN_TAGS = {"dealwire/writer": "warehouse"}

dealwire_job = dg.define_asset_job("dealwire_job", selection=dg.AssetSelection.all(), tags=RUN_TAGS,
                                   description="Ingest the source folder, extract, build and publish the warehouse.")

daily_reingestion = dg.ScheduleDefinition(name="daily_reingestion", job=dealwire_job, cron_schedule="0 6 * * *",
                                          default_status=dg.DefaultScheduleStatus.RUNNING)


def folder_fingerprint(source_dir) -> str:
    """A digest of every file's path and content: it changes when a file is added, edited or removed,
    and not when a file is merely touched."""
    digest = hashlib.sha256()
    for root, dirs, files in os.walk(source_dir):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            digest.update(os.path.relpath(path, source_dir).encode("utf-8", "surrogateescape"))
            try:
                with open(path, "rb") as handle:
                    for chunk in iter(lambda: handle.read(1 << 20), b""):
                        digest.update(chunk)
            except OSError as exc:
                digest.update(f"unreadable:{exc.errno}".encode())
    return digest.hexdigest()


@dg.sensor(job=dealwire_job, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.RUNNING)
def source_folder_sensor(context: dg.SensorEvaluationContext):
    """Start a run when the source folder's content changes."""
    source_dir = load_settings().source_dir
    if not source_dir.is_dir():
        return dg.SkipReason(f"source folder {source_dir} does not exist")
    fingerprint = folder_fingerprint(source_dir)
    if fingerprint == context.cursor:
        return dg.SkipReason("source folder unchanged")
    context.update_cursor(fingerprint)
    return dg.RunRequest(run_key=fingerprint)


@dg.definitions
def automation_defs() -> dg.Definitions:
    return dg.Definitions(jobs=[dealwire_job], schedules=[daily_reingestion], sensors=[source_folder_sensor])
