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


def _folder_digest(source_dir, describe) -> str:
    """sha256 over every file in sorted order: its path, then what `describe(path)` yields for it."""
    digest = hashlib.sha256()
    for root, dirs, files in os.walk(source_dir):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            digest.update(os.path.relpath(path, source_dir).encode("utf-8", "surrogateescape"))
            try:
                for part in describe(path):
                    digest.update(part)
            except OSError as exc:
                digest.update(f"unreadable:{exc.errno}".encode())
    return digest.hexdigest()


def _content(path):
    with open(path, "rb") as handle:
        yield from iter(lambda: handle.read(1 << 20), b"")


def _stat(path):
    info = os.stat(path)
    yield f"{info.st_size}:{info.st_mtime_ns}:{info.st_ino}".encode()


def folder_fingerprint(source_dir) -> str:
    """A digest of every file's path and content: it changes when a file is added, edited or removed,
    and not when a file is merely touched."""
    return _folder_digest(source_dir, _content)


def folder_stat_digest(source_dir) -> str:
    """A digest of every file's path, size, modification time and inode: cheap (no file is read), and it
    moves whenever the content may have changed."""
    return _folder_digest(source_dir, _stat)


@dg.sensor(job=dealwire_job, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.RUNNING)
def source_folder_sensor(context: dg.SensorEvaluationContext):
    """Start a run when the source folder's content changes.

    The cursor keeps both digests: while no file's stat moved, no file is read (a folder of 100,000
    articles is not re-read every minute); when one moved, the content digest decides.
    """
    source_dir = load_settings().source_dir
    if not source_dir.is_dir():
        return dg.SkipReason(f"source folder {source_dir} does not exist")
    stats = folder_stat_digest(source_dir)
    last_stats, _, last_content = (context.cursor or "").partition(":")
    if stats == last_stats:
        return dg.SkipReason("no file was added, removed or modified")
    content = folder_fingerprint(source_dir)
    context.update_cursor(f"{stats}:{content}")
    if content == last_content:
        return dg.SkipReason("files were touched but their content is unchanged")
    return dg.RunRequest(run_key=content)


@dg.definitions
def automation_defs() -> dg.Definitions:
    return dg.Definitions(jobs=[dealwire_job], schedules=[daily_reingestion], sensors=[source_folder_sensor])
