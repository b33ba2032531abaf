"""Milestone reports as a whole process, next to a bare interpreter start:

- over a generated 10,000-task plan (goal: under 1 s);
- across a generated province of 500 plans and 50,000 tasks, its plans already read once, in each
  text format (issue 24's goal: under 1 s each), with `--all` where the report takes it (every
  milestone, the most a report prints), and the peak memory of each (goal: under 1 GB);
- the Word and Excel reports of the province, once each (they are to grow linearly with its rows: run the
  bench at two sizes, e.g. `500 10000` and `500 50000`).

schedgen runs as installed, its modules compiled to bytecode first (see installed.py).

    python bench/bench_report.py [PLANS] [TASKS]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate import write_plan, write_province
from installed import compile_bytecode


def wall(command: list[str], runs: int = 7, env: dict[str, str] | None = None) -> float:
    return measured(command, runs, env)[0]


def measured(command: list[str], runs: int = 7, env: dict[str, str] | None = None) -> tuple[float, int]:
    """The median seconds of `runs` runs of `command`, and the most memory one of them held (bytes)."""
    times, peak = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        # what a report says on stderr (that a CSV lists only what needs action) is not the bench's output
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        times.append(time.perf_counter() - start)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            raise SystemExit(f"{' '.join(command)} failed with exit code {process.returncode}")
        peak = max(peak, usage.ru_maxrss * 1024)  # Linux counts it in kB
    return statistics.median(times), peak


def main() -> None:
    compile_bytecode()
    with tempfile.TemporaryDirectory() as tmp:
        plan = write_plan(Path(tmp) / "stress.yaml", 10_000, 500)
        env = {**os.environ, "XDG_CACHE_HOME": str(Path(tmp) / "cache")}
        bare = wall([sys.executable, "-c", "pass"])
        command = [sys.executable, "-m", "schedgen", "report", str(plan), "--as-of", "2024-05-01"]
        cold = wall([*command, "--format", "json"], runs=1, env=env)
        print(f"schedgen report (10,000 tasks), first run, parsing the YAML: {cold:.2f} s")
        for fmt in ("table", "json", "csv"):
            took = wall([*command, "--format", fmt], env=env)
            print(
                f"schedgen report (10,000 tasks, --format {fmt}), file unchanged: {took:.2f} s "
                "(median of 7; goal < 1 s)"
            )
        plans = int(sys.argv[1]) if len(sys.argv) > 1 else 500
        tasks = int(sys.argv[2]) if len(sys.argv) > 2 else 50_000
        folder = Path(tmp) / "province"
        write_province(folder, plans, tasks)
        command = [sys.executable, "-m", "schedgen", "report", str(folder), "--as-of", "2024-05-01"]
        cold = wall(command, runs=1, env=env)
        print(f"schedgen report ({plans} plans, {tasks} tasks), first run, parsing the YAML: {cold:.2f} s")
        # every milestone, where the report lists only what needs action unless asked for everything
        everything = ["--all"] if accepts([*command, "--all"], env) else []
        for fmt in ("table", "csv", "md", "json"):
            took, peak = measured([*command, *everything, "--format", fmt], env=env)
            print(
                f"schedgen report ({plans} plans, --format {fmt}{' --all' if everything else ''}), files unchanged: "
                f"{took:.2f} s (median of 7; goal < 1 s), peak memory {peak / 2**20:.0f} MB (goal < 1024 MB)"
            )
        # the files an office circulates: linear in their rows (compare two sizes), and within the memory goal
        for fmt in ("docx", "xlsx"):
            took, peak = measured([*command, "--format", fmt, "-o", str(Path(tmp) / f"report.{fmt}")], runs=1, env=env)
            print(
                f"schedgen report ({plans} plans, {tasks} tasks, --format {fmt}, what needs action): {took:.2f} s, "
                f"peak memory {peak / 2**20:.0f} MB (goal < 1024 MB)"
            )
    print(f"python -c pass: {bare * 1000:.0f} ms")


def accepts(command: list[str], env: dict[str, str]) -> bool:
    """Whether `command` runs without a usage error."""
    return subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env).returncode == 0


if __name__ == "__main__":
    main()
