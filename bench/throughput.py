"""Throughput benchmark: generate N articles, run the whole job, print figures.

    python bench/throughput.py --articles 10000

Runs `make run` as a user does (start-up included) and prints articles/s,
MB/s, the peak resident memory of all its processes together, time per stage
(from the Dagster run's step statistics), the re-run time on the unchanged
corpus and after adding 10 articles (and both beyond the fixed start-up; each
the median of --repeats runs, as one run moves by seconds with the host's
load), how many cores each phase of the full run kept busy, and the ratio to
a bare DuckDB scan of the same files (read_text plus one regex), which is the
floor any pipeline pays to read the text.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from corpus import article

ROOT = Path(__file__).resolve().parent.parent


def generate(folder: Path, n: int, seed: int = 7) -> int:
    rng = random.Random(seed)
    total = 0
    for i in range(n):
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        text = article(rng, i, max(1, n // 4))
        (sub / f"article_{i:06d}.txt").write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    return total


def bare_scan(folder: Path) -> float:
    import duckdb

    started = time.perf_counter()
    con = duckdb.connect()
    con.execute(f"select count(*) from read_text('{folder}/**/*.txt') "
                f"where regexp_matches(content, '(?i)(l[eè]ve|raised|contrat|dropped)')").fetchone()
    con.close()
    return time.perf_counter() - started


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


class TreeUsage:
    """Peak memory of a process and all its descendants together (the extraction workers included;
    dbt builds inside the run process), sampled from /proc every 0.1 s. Each process counts its
    proportional set size (PSS): pages shared between processes (libraries, a forked parent's memory)
    are split between them instead of being counted once per process, as summing RSS would.

    The same samples add up the CPU time each role used in each phase, to tell how many of the cores
    a phase kept busy: a process's CPU after its last sample (at most 0.1 s of it) is not counted."""

    def __init__(self, pid: int):
        self.pid, self.peak = pid, 0
        # set from the run's progress bar: dbt builds inside the run process, so no process tells
        self.dbt_building = False
        self.peak_by_role: dict[str, int] = {}
        # per phase of the run, the largest total and its split by role at that moment
        self.peak_by_phase: dict[str, tuple[int, dict[str, int]]] = {}
        self._cpu_seen: dict[int, int] = {}  # clock ticks of each process at its last sample
        self._last_sample: float | None = None
        # per phase: seconds of wall time, and seconds of CPU per role
        self.wall_by_phase: dict[str, float] = {}
        self.cpu_by_phase: dict[str, dict[str, float]] = {}

    @staticmethod
    def _pss(pid: int) -> int:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as handle:
                for line in handle:
                    if line.startswith("Pss:"):
                        return int(line.split()[1]) * 1024
        except OSError:
            pass
        return 0

    @staticmethod
    def _role(pid: int) -> str:
        """Which part of the run a process is: the run itself, a worker, dbt, or make."""
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as handle:
                command = handle.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            return "other"
        if "resource_tracker" in command:  # multiprocessing's bookkeeper, alive until the run ends
            return "other"
        if "multiprocessing" in command:
            return "workers"
        if "dbt" in command.split(" -")[0]:
            return "dbt"
        if "pipelines.cli" in command:
            return "run process"
        return "other"

    def _sample(self) -> int:
        """One sample of the tree: its memory (returned), and the CPU each process used since the last one."""
        children: dict[int, list[int]] = {}
        ticks: dict[int, int] = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry))
            ticks[int(entry)] = int(fields[11]) + int(fields[12])  # utime + stime
        total, stack, roles, cpu = 0, [self.pid], {}, {}
        while stack:
            pid = stack.pop()
            # the role first: a process that exits in between then counts nothing, instead of its memory
            # counting under "other" (its command line gone)
            role = self._role(pid)
            pss = self._pss(pid)
            total += pss
            roles[role] = roles.get(role, 0) + pss
            if pid in ticks:
                cpu[role] = cpu.get(role, 0) + ticks[pid] - self._cpu_seen.get(pid, 0)
                self._cpu_seen[pid] = ticks[pid]
            stack.extend(children.get(pid, []))
        for role, pss in roles.items():
            self.peak_by_role[role] = max(self.peak_by_role.get(role, 0), pss)
        phase = "while dbt runs" if self.dbt_building else self._phase(roles)
        if total > self.peak_by_phase.get(phase, (0, {}))[0]:
            self.peak_by_phase[phase] = (total, roles)
        now = time.perf_counter()
        if self._last_sample is not None:
            self.wall_by_phase[phase] = self.wall_by_phase.get(phase, 0.0) + now - self._last_sample
        self._last_sample = now
        spent = self.cpu_by_phase.setdefault(phase, {})
        for role, used in cpu.items():
            spent[role] = spent.get(role, 0.0) + used / CLOCK_TICKS
        return total

    def busy_cores(self) -> list[tuple[str, float, float, dict[str, float]]]:
        """(phase, seconds, cores busy on average, cores busy per role) of each phase of the run."""
        out = []
        for phase, wall in sorted(self.wall_by_phase.items()):
            if wall > 0:
                spent = self.cpu_by_phase.get(phase, {})
                out.append((phase, wall, sum(spent.values()) / wall,
                            {role: used / wall for role, used in sorted(spent.items()) if used}))
        return out

    @staticmethod
    def _phase(roles: dict[str, int]) -> str:
        """Which part of the run is going on, outside dbt's build, from the processes alive: the worker
        processes (ingestion, extraction), or the run process alone (publication, checks, report, export)."""
        if roles.get("workers"):
            return "while workers run"
        return "run process alone"

    def watch(self, process: subprocess.Popen) -> None:
        while process.poll() is None:
            self.peak = max(self.peak, self._sample())
            time.sleep(0.1)


DBT_BAR = re.compile(r"dbt build +\[[#-]+\] (\d+)/(\d+)")


def make_run(label: str) -> tuple[float, TreeUsage]:
    """`make run` as a user types it (dbt parse, start-up, the run); wall time and peak tree memory."""
    started = time.perf_counter()
    process = subprocess.Popen(["make", "--no-print-directory", "run"], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    memory = TreeUsage(process.pid)
    watcher = threading.Thread(target=memory.watch, args=(process,))
    watcher.start()
    lines = []
    for line in process.stdout:
        lines.append(line)
        bar = DBT_BAR.match(line)
        if bar:
            memory.dbt_building = bar.group(1) != bar.group(2)
    process.wait()
    output = "".join(lines)
    watcher.join()
    elapsed = time.perf_counter() - started
    if process.returncode:
        raise SystemExit(f"make run failed ({label}):\n{output[-3000:]}")
    return elapsed, memory


def startup() -> float:
    """The fixed cost of any run: dbt parse (make's first step), imports and loading the definitions."""
    started = time.perf_counter()
    subprocess.run(["make", "--no-print-directory", "parse"], cwd=ROOT, check=True, capture_output=True)
    subprocess.run([sys.executable, "-c", "from pipelines.definitions import defs; "
                    "defs().resolve_job_def('dealwire_job')"], cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - started


def last_run_stages() -> dict[str, float]:
    import dagster as dg

    instance = dg.DagsterInstance.get()
    run = instance.get_runs(limit=1)[0]
    # steps skipped (nothing to rebuild) have no end time
    return {s.step_key: s.end_time - s.start_time for s in instance.get_run_step_stats(run.run_id)
            if s.start_time and s.end_time}


def median_run(runs: list[tuple[float, TreeUsage, dict[str, float]]]) -> tuple[float, TreeUsage, dict[str, float]]:
    """The run of median wall time (the lower middle one of an even number)."""
    return sorted(runs, key=lambda run: run[0])[(len(runs) - 1) // 2]


def spread(runs: list[tuple[float, TreeUsage, dict[str, float]]]) -> str:
    """Every run's time, in the order they ran: a drift from round to round shows."""
    times = [run[0] for run in runs]
    return f"median of {len(times)} runs: " + ", ".join(f"{t:.1f}" for t in times) if len(times) > 1 else "one run"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--repeats", type=int, default=3,
                        help="re-runs of each kind (unchanged, +10 articles); their median is printed, since one "
                             "run moves by seconds with the host's load")
    parser.add_argument("--keep", action="store_true", help="keep the generated folder")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="dealwire-bench-"))
    source, warehouse = work / "source", work / "warehouse" / "dealwire.duckdb"
    os.environ["DEALWIRE_SOURCE_DIR"] = str(source)
    os.environ["DEALWIRE_WAREHOUSE"] = str(warehouse)
    home = work / "dagster_home"
    home.mkdir()
    shutil.copy(ROOT / ".dagster_home" / "dagster.yaml", home / "dagster.yaml")
    os.environ["DAGSTER_HOME"] = str(home)
    size = generate(source, args.articles)
    scan = bare_scan(source)
    fixed = startup()
    elapsed, memory = make_run("full")
    stages = last_run_stages()
    unchanged_runs, plus_ten_runs = [], []
    rng = random.Random(11)
    for round_ in range(max(1, args.repeats)):
        unchanged_runs.append((*make_run("unchanged"), last_run_stages()))
        added = source / f"added_{round_}"
        added.mkdir()
        for i in range(10):
            n = args.articles + 10 * round_ + i
            (added / f"new_{i}.txt").write_text(article(rng, n, max(1, args.articles // 4)), encoding="utf-8")
        plus_ten_runs.append((*make_run("plus ten"), last_run_stages()))
    unchanged, _, unchanged_stages = median_run(unchanged_runs)
    plus_ten, plus_ten_memory, plus_ten_stages = median_run(plus_ten_runs)
    print(f"articles                 {args.articles}")
    print(f"corpus                   {size / 1e6:.1f} MB")
    print(f"make run, end-to-end     {elapsed:.1f} s  ({args.articles / elapsed:.0f} articles/s, "
          f"{size / 1e6 / elapsed:.2f} MB/s)")
    print(f"bare DuckDB scan         {scan:.2f} s  (make run is {elapsed / scan:.0f}x the floor)")
    print(f"fixed start-up           {fixed:.1f} s  (dbt parse, imports, definitions)")
    print(f"re-run, unchanged        {unchanged:.1f} s  ({unchanged - fixed:+.1f} s beyond start-up; "
          f"{spread(unchanged_runs)})")
    print(f"re-run, +10 articles     {plus_ten:.1f} s  ({plus_ten - fixed:+.1f} s beyond start-up; "
          f"{spread(plus_ten_runs)})")
    print(f"peak memory (all procs)  {memory.peak / 2**20:.0f} MiB  (+10 run: {plus_ten_memory.peak / 2**20:.0f} MiB)")
    for role, pss in sorted(memory.peak_by_role.items()):
        print(f"  peak of {role:<16} {pss / 2**20:7.0f} MiB")
    for phase, (total, roles) in sorted(memory.peak_by_phase.items()):
        split = ", ".join(f"{role} {pss / 2**20:.0f}" for role, pss in sorted(roles.items()) if pss)
        print(f"  peak {phase:<20} {total / 2**20:5.0f} MiB  ({split})")
    print(f"cores busy (full run, {os.cpu_count()} cores)")
    for phase, wall, cores, by_role in memory.busy_cores():
        split = ", ".join(f"{role} {used:.2f}" for role, used in by_role.items())
        print(f"  {phase:<22} {cores:4.2f} over {wall:5.1f} s  ({split})")
    print(f"{'stage (seconds; re-runs: the median run)':<46} {'full':>7} {'same':>7} {'+10':>7}")
    for step in dict.fromkeys([*stages, *unchanged_stages, *plus_ten_stages]):
        row = [runs.get(step) for runs in (stages, unchanged_stages, plus_ten_stages)]
        print(f"  {step:<44} " + " ".join(f"{v:7.1f}" if v is not None else f"{'-':>7}" for v in row))
    if not args.keep:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
