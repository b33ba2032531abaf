"""Issue 14: charts fast enough for a province. Prints, next to `python -c pass`, the time to render the
Anqiu chart in each format and in all three at once, a generated 500-task plan as a multi-page PDF, and
the time per task of all three formats of a 300-task plan (goal: <= 5 ms a task).

    python bench/bench_gantt.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from generate import write_plan

from schedgen.export.chart.gantt import ChartOptions, render, render_set
from schedgen.plans import timelines

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("png", "pdf", "svg")


def timed(label: str, work: Callable[[], object], per: int = 0) -> None:
    """Print the best of three runs of `work` (and its share per `per` tasks), in wall-clock and CPU time:
    on a machine shared with other work the CPU time is what the chart itself costs."""
    took = []
    for _ in range(3):
        start, cpu = time.perf_counter(), time.process_time()
        work()
        took.append((time.perf_counter() - start, time.process_time() - cpu))
    wall, cpu = min(took)
    share = f", {wall / per * 1000:.2f} ms a task ({cpu / per * 1000:.2f} ms CPU)" if per else ""
    print(f"{label}: {wall:.3f} s ({cpu:.3f} s CPU){share}")


def main() -> None:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    print(f"python -c pass: {time.perf_counter() - start:.3f} s (load average {os.getloadavg()[0]:.1f})")
    anqiu = next(t for t in timelines([ROOT / "schedules"]) if t.schedule.id == "anqiu-eco-farm")
    options = ChartOptions(as_of=date(2023, 3, 6))
    start = time.perf_counter()
    render(anqiu, "png", ChartOptions(as_of=options.as_of, dpi=50))
    print(f"first chart of a process (imports, font): {time.perf_counter() - start:.3f} s")
    for fmt in FORMATS:
        timed(f"Anqiu A3 {fmt}", lambda fmt=fmt: render(anqiu, fmt, options))  # type: ignore[misc]
    timed("Anqiu A3 png+pdf+svg (render_set)", lambda: render_set(anqiu, FORMATS, options))
    with tempfile.TemporaryDirectory() as tmp:
        (p500,) = timelines([write_plan(Path(tmp) / "p500.yaml", 500, 40)])
        (p300,) = timelines([write_plan(Path(tmp) / "p300.yaml", 300, 40)])
    later = ChartOptions(as_of=date(2024, 5, 1))
    pdf = render(p500, "pdf", later)
    pages = pdf.count(b"/MediaBox")  # one a page, whichever writer wrote it
    timed(f"500 tasks, A3 multi-page PDF ({pages} pages)", lambda: render(p500, "pdf", later))
    timed("300 tasks, png+pdf+svg (goal <= 5 ms a task)", lambda: render_set(p300, FORMATS, later), per=300)


if __name__ == "__main__":
    main()
