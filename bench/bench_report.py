"""Milestone reports as a whole process, next to a bare interpreter start:

- over a generated 10,000-task plan (goal: under 1 s);
- across a generated province of 500 plans and 50,000 tasks, its plans already read once
  (issue 14's goal: under 2 s), in each text format.

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
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


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
        for fmt in ("table", "csv", "md", "json"):
            took = wall([*command, "--format", fmt], env=env)
            goal = " (goal < 2 s)" if fmt == "table" else ""
            print(f"schedgen report ({plans} plans, --format {fmt}), files unchanged: {took:.2f} s (median of 7){goal}")
    print(f"python -c pass: {bare * 1000:.0f} ms")


if __name__ == "__main__":
    main()
