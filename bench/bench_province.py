"""Issue 14: a province in one build. Generates PLANS plans holding TASKS tasks in all (default 500 and
50,000) and prints, each next to `python -c pass` measured in the same run:

- the full build, all formats, cold (goal: under 5 minutes), and its peak memory over all its
  processes (goal: under 1.5 GB);
- the same build without charts, which says how much of the time the charts take;
- a rebuild with nothing changed (goal: under 10 s);
- `report` across all the plans (goal: under 2 s).

The cache of parsed plans starts empty, in a folder of the run's own: the cold builds fill it. schedgen
runs as installed, its modules compiled to bytecode first (see installed.py).
`--only KINDS` (e.g. `--only html,ics,csv,json`) builds only those outputs, and leaves out the full build.

    python bench/bench_province.py [PLANS] [TASKS] [--only KINDS]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from generate import write_province
from installed import compile_bytecode

AS_OF = "2024-05-01"
PAGE = 4096
ENV = dict(os.environ)


def tree_rss(root: int) -> int:
    """The resident memory of process `root` and all its descendants, in bytes (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(stat.parent.name)
        children.setdefault(int(fields[1]), []).append(pid)
        rss[pid] = int(fields[21]) * PAGE
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total


def measured(command: Sequence[str]) -> tuple[float, int]:
    """Seconds `command` takes and the peak resident memory of its process tree, sampled every 50 ms."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, env=ENV)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.05):
            peak = max(peak, tree_rss(process.pid))

    sampler = threading.Thread(target=sample)
    sampler.start()
    code = process.wait()
    took = time.perf_counter() - start
    done.set()
    sampler.join()
    if code != 0:
        raise SystemExit(f"{' '.join(command)} failed with exit code {code}")
    return took, peak


def main() -> None:
    args = sys.argv[1:]
    only = args.pop(args.index("--only") + 1) if "--only" in args else None
    args = [a for a in args if a != "--only"]
    plans = int(args[0]) if args else 500
    tasks = int(args[1]) if len(args) > 1 else 50_000
    schedgen = [sys.executable, "-m", "schedgen"]
    compile_bytecode()
    with tempfile.TemporaryDirectory() as tmp:
        ENV["XDG_CACHE_HOME"] = str(Path(tmp) / "cache")  # keep the bench out of ~/.cache, and start it empty
        folder = Path(tmp) / "schedules"
        write_province(folder, plans, tasks)
        bare, _ = measured([sys.executable, "-c", "pass"])
        print(f"{plans} plans, {tasks} tasks; python -c pass: {bare:.3f} s")
        build = [*schedgen, "build", str(folder), "--as-of", AS_OF, "-o"]
        took, peak = measured([*build, str(Path(tmp) / "no-charts"), "--only", "html,ics,csv,json"])
        print(f"build without charts, cold: {took:.1f} s, peak memory {peak / 2**20:.0f} MB")
        site = [*build, str(Path(tmp) / "site"), *(["--only", only] if only else [])]
        if only is None:
            took, peak = measured(site)
            print(f"full build, all formats, cold: {took:.1f} s (goal < 300 s)")
            print(f"  its peak memory over all its processes: {peak / 2**20:.0f} MB (goal < 1536 MB)")
        else:
            measured(site)
        took, peak = measured(site)
        what = f"--only {only}" if only else "all formats"
        print(f"rebuild, nothing changed ({what}): {took:.1f} s (goal < 10 s), peak memory {peak / 2**20:.0f} MB")
        took, peak = measured([*schedgen, "report", str(folder), "--as-of", AS_OF])
        print(f"report across all plans: {took:.2f} s (goal < 2 s), peak memory {peak / 2**20:.0f} MB")
        bare, _ = measured([sys.executable, "-c", "pass"])
        print(f"python -c pass, again: {bare:.3f} s")


if __name__ == "__main__":
    main()
