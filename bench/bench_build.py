"""Issue 14: the seed build, cold, with the code at a git ref and with this checkout, and the edit loop.

    python bench/bench_build.py [REF] [ROUNDS]     # default REF: 1a7b57f (before the redesign), 3 rounds

Each round builds the five seeds into a fresh output folder once with each code, alternately, so that
a busy machine slows both alike; prints both medians, their ratio (goal: this checkout at least 2x
faster) and `python -c pass` measured in the same run. Then edits one task of one seed and builds
again over the last build (goal: within 1.5 s).
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from same_outputs import AS_OF, ROOT, ref_tree


def timed(command: Sequence[str], cwd: Path) -> float:
    """Seconds `command` takes; it must succeed."""
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=cwd, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def build_command(code: Path | None, schedules: Path, output: Path) -> list[str]:
    """`schedgen build` of `schedules` into `output` by the code under `code` (None: this checkout)."""
    args = ["build", str(schedules), "-o", str(output), "--as-of", AS_OF]
    output.parent.mkdir(parents=True, exist_ok=True)
    if code is None:
        return [sys.executable, "-m", "schedgen", *args]
    boot = "import sys; sys.path.insert(0, sys.argv.pop(1)); import schedgen.cli as c; c.main()"
    return [sys.executable, "-c", boot, str(code / "src"), *args]


def edit_one_task(schedules: Path) -> None:
    """Change the text of the first task of the Anqiu plan, as a clerk fixing one cell would."""
    path = schedules / "anqiu-eco-farm.yaml"
    text = path.read_text(encoding="utf-8")
    head, sep, tail = text.partition("task: ")
    path.write_text(head + sep + "（已修改）" + tail, encoding="utf-8")


def main() -> None:
    ref = sys.argv[1] if len(sys.argv) > 1 else "1a7b57f"
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "ref").mkdir()
        old_code = ref_tree(ref, work / "ref")
        schedules = work / "schedules"
        shutil.copytree(ROOT / "schedules", schedules, ignore=shutil.ignore_patterns("feed-state"))
        bare, old, new = [], [], []
        for n in range(rounds):
            bare.append(timed([sys.executable, "-c", "pass"], work))
            old.append(timed(build_command(old_code, schedules, work / f"old-{n}" / "output"), work))
            new.append(timed(build_command(None, schedules, work / f"new-{n}" / "output"), work))
        print(f"python -c pass: {statistics.median(bare):.3f} s")
        print(f"seed build, cold, at {ref}: median {statistics.median(old):.2f} s of {rounds} ({_list(old)})")
        print(f"seed build, cold, this checkout: median {statistics.median(new):.2f} s of {rounds} ({_list(new)})")
        print(f"speed-up: {statistics.median(old) / statistics.median(new):.2f}x (goal: at least 2x)")
        last = work / f"new-{rounds - 1}" / "output"
        unchanged = timed(build_command(None, schedules, last), work)
        edit_one_task(schedules)
        edited = timed(build_command(None, schedules, last), work)
        print(f"rebuild, nothing changed: {unchanged:.2f} s")
        print(f"edit one task of one seed, then build: {edited:.2f} s (goal: within 1.5 s)")


def _list(times: Sequence[float]) -> str:
    return ", ".join(f"{t:.2f}" for t in times)


if __name__ == "__main__":
    main()
