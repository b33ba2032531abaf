"""How long `schedgen --help` takes as a whole process, next to a bare interpreter (goal: within 2x).

    python bench/bench_startup.py

Runs each command alternately so that a noisy machine slows both alike; prints the medians and the
best runs. The CLI declares every command without importing one, so help costs click and no more.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

SCRIPT = Path(sys.executable).with_name("schedgen")
COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "schedgen --help": [str(SCRIPT), "--help"],
    "schedgen build --help": [str(SCRIPT), "build", "--help"],
}


def main(runs: int = 30) -> None:
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(runs):
        for name, command in COMMANDS.items():
            start = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
            times[name].append(time.perf_counter() - start)
    bare = statistics.median(times["python -c pass"])
    for name, found in times.items():
        median = statistics.median(found)
        print(f"{name:24} median {median * 1000:6.1f} ms  best {min(found) * 1000:6.1f} ms  = {median / bare:.2f}x")
    print("goal: schedgen --help within 2x of python -c pass")


if __name__ == "__main__":
    main()
