"""Issue: milestone reports. Prints the wall time of `schedgen report` over a generated 10,000-task plan
as a whole process (goal: under 1 s), next to a bare interpreter start.

    python bench/bench_report.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate import write_plan


def wall(command: list[str], runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        plan = write_plan(Path(tmp) / "stress.yaml", 10_000, 500)
        bare = wall([sys.executable, "-c", "pass"])
        for fmt in ("table", "json", "csv"):
            took = wall(
                [sys.executable, "-m", "schedgen", "report", str(plan), "--as-of", "2024-05-01", "--format", fmt]
            )
            print(f"schedgen report (10,000 tasks, --format {fmt}): {took:.2f} s (median of 7; goal < 1 s)")
    print(f"python -c pass: {bare * 1000:.0f} ms")


if __name__ == "__main__":
    main()
