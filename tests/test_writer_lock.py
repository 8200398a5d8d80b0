"""One writer at a time: a second writer waits, and says who holds the lock when it gives up."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pipelines.warehouse.build import writer_lock

HOLDER = """
import sys, time
from pathlib import Path
from pipelines.warehouse.build import writer_lock
with writer_lock(Path(sys.argv[1])):
    print("held", flush=True)
    sys.stdin.readline()
"""


def test_a_second_writer_waits_then_names_the_holder(tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(tmp_path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        messages = []
        with pytest.raises(TimeoutError) as error:
            with writer_lock(tmp_path, messages.append, timeout_s=1.5):
                pass
        assert f"pid {holder.pid}" in str(error.value)
        assert str(tmp_path / "writer.lock") in str(error.value)
        assert messages and "waiting for it to finish" in messages[0]
    finally:
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(timeout=10)
    with writer_lock(tmp_path, timeout_s=1.5):  # released with its process: free again
        pass
