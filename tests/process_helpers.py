"""Start the pipeline and readers as real processes, the way users and schedulers do."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from pipelines.config import PROJECT_ROOT

READER = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
print("open", con.execute("select count(*) from marts.dim_documents").fetchone()[0], flush=True)
for line in sys.stdin:
    if line.strip() == "stop":
        break
    print("count", con.execute("select count(*) from marts.dim_documents").fetchone()[0], flush=True)
con.close()
"""


def pipeline_process(env_overrides: dict[str, str]) -> subprocess.Popen:
    """`--verbose`: the tests wait for lines of Dagster's own log, which the progress bars replace otherwise."""
    env = {**os.environ, **env_overrides}
    return subprocess.Popen([sys.executable, "-m", "pipelines.cli", "run", "--verbose"], cwd=PROJECT_ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)


def kill_when(process: subprocess.Popen, marker: str, delay_s: float = 0.0, timeout_s: float = 300) -> bool:
    """SIGKILL the process group once `marker` appears in its output; False when it ended first."""
    deadline = time.monotonic() + timeout_s
    for line in process.stdout:
        if marker in line:
            time.sleep(delay_s)
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return True
        if time.monotonic() > deadline:
            break
    process.wait()
    return False


def reader_process(warehouse: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", READER, str(warehouse)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def ask(reader: subprocess.Popen) -> int:
    reader.stdin.write("count\n")
    reader.stdin.flush()
    line = reader.stdout.readline().split()
    assert line and line[0] == "count", line
    return int(line[1])


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
