"""Issue: calendar feeds. Prints the time and peak memory to write every feed (per schedule, per unit,
combined) of a generated schedule of 10,000 tasks and 500 units. Goal: under 3 s and 300 MB.

    python bench/bench_feeds.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate import write_plan

CHILD = """
import resource, sys, time
from datetime import date, datetime, timezone
from pathlib import Path
from schedgen.commands.build import build
from schedgen.plans import timelines
start = time.perf_counter()
timelines([Path(sys.argv[1])])
loaded = time.perf_counter() - start
start = time.perf_counter()
result = build([Path(sys.argv[1])], Path(sys.argv[2]), only=("ics",), now=datetime(2024, 1, 1, tzinfo=timezone.utc),
              as_of=date(2024, 5, 1))
elapsed = time.perf_counter() - start
print(elapsed, loaded, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, result.files)
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        plan = write_plan(Path(tmp) / "stress.yaml", 10_000, 500)
        start = time.perf_counter()
        env = {**os.environ, "XDG_CACHE_HOME": str(Path(tmp) / "cache")}  # keep the bench out of ~/.cache
        out = subprocess.run(
            [sys.executable, "-c", CHILD, str(plan), str(Path(tmp) / "out")],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        )
        wall = time.perf_counter() - start
        elapsed, loaded, peak_kb, files = out.stdout.split()
        size = sum(p.stat().st_size for p in (Path(tmp) / "out").rglob("*.ics"))
        events = (Path(tmp) / "out" / "stress" / "stress.ics").read_bytes().count(b"BEGIN:VEVENT")
    print(
        f"10,000 tasks, 500 units: {files} files, {events:,} events in the schedule feed, {size / 1e6:.1f} MB of feeds"
    )
    print(
        f"build (load + resolve + render + write): {float(elapsed):.2f} s (goal < 3 s), of which load + resolve "
        f"{float(loaded):.2f} s and feeds {float(elapsed) - float(loaded):.2f} s; whole process {wall:.2f} s"
    )
    print(f"peak memory (max RSS): {int(peak_kb) / 1024:.0f} MB (goal < 300 MB)")


if __name__ == "__main__":
    main()
