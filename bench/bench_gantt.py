"""Issue: printable Gantt charts. Prints the time to render the Anqiu chart (goal < 2 s) and a generated
500-task plan as a multi-page PDF (goal < 10 s).

    python bench/bench_gantt.py
"""

from __future__ import annotations

import tempfile
import time
from datetime import date
from pathlib import Path

from generate import write_plan

from schedgen.export.gantt import ChartOptions, render
from schedgen.plans import timelines

ROOT = Path(__file__).resolve().parent.parent


def timed(label: str, timeline, fmt: str, options: ChartOptions) -> None:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    data = render(timeline, fmt, options)
    took = time.perf_counter() - start
    pages = data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") if fmt == "pdf" else 1
    print(f"{label}: {took:.2f} s, {len(data) / 1e6:.1f} MB" + (f", {pages} pages" if fmt == "pdf" else ""))


def main() -> None:
    anqiu = next(t for t in timelines([ROOT / "schedules"]) if t.schedule.id == "anqiu-eco-farm")
    as_of = date(2023, 3, 6)
    render(anqiu, "png", ChartOptions(as_of=as_of, dpi=50))  # warm up matplotlib's imports and font cache
    for fmt in ("png", "pdf", "svg"):
        timed(f"Anqiu A3 {fmt} (goal < 2 s)", anqiu, fmt, ChartOptions(as_of=as_of))
    with tempfile.TemporaryDirectory() as tmp:
        (plan,) = timelines([write_plan(Path(tmp) / "p500.yaml", 500, 40)])
        timed("500 tasks, A3 multi-page PDF (goal < 10 s)", plan, "pdf", ChartOptions(as_of=date(2024, 5, 1)))


if __name__ == "__main__":
    main()
