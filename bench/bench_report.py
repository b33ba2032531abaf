"""Issue: milestone reports. Prints the wall time of `schedgen report` over a generated 10,000-task plan
as a whole process (goal: under 1 s), next to a bare interpreter start.

    python bench/bench_report.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate import write_plan


def wall(command: list[str], runs: int = 7, env: dict[str, str] | None = None) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
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
    print(f"python -c pass: {bare * 1000:.0f} ms")


if __name__ == "__main__":
    main()
