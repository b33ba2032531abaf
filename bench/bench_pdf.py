"""Issue 14: the PDF writer alone, on a chart scene built by hand from the seed plans' own text (300 and
500 tasks on A3 pages, ~1,200 distinct characters). Goal: at most ~2 ms a task.

    python bench/bench_pdf.py

"cold" is a fresh process's first chart: the font file read and every glyph's outline decoded; "warm"
is each chart after it in the same process, as in a build that writes many. Both next to `python -c pass`.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from itertools import cycle, islice
from pathlib import Path

import yaml

from schedgen.export.chart.face import Face
from schedgen.export.chart.fonts import bundled_font
from schedgen.export.chart.pdf import pdf_document
from schedgen.export.chart.scene import Hatch, Label, Mark, MarkShape, Page, Rect, Rule, Shape

ROOT = Path(__file__).resolve().parent.parent
WIDTH, HEIGHT = 1190.55, 841.89  # A3 landscape
TOP, ROW, ROWS = 90.0, 24.0, 30
CHART_X = 640.0
STATES = [
    ("#9e9e9e", Hatch.DIAGONAL, "#424242"),
    ("#4a7fc1", Hatch.NONE, "#1f3f66"),
    ("#f0a830", Hatch.DOTS, "#7a4e00"),
    ("#d64541", Hatch.CROSS, "#7a1010"),
    ("#ffffff", Hatch.NONE, "#37474f"),
]


def seed_rows() -> list[tuple[str, str, str]]:
    """(task, units, when) of every task of the five seed plans."""
    rows = []
    for path in sorted((ROOT / "schedules").glob("*.yaml")):
        plan = yaml.safe_load(path.read_text(encoding="utf-8"))
        tasks = [task for stage in plan.get("stages") or [] for task in stage["tasks"]] + (plan.get("tasks") or [])
        for task in tasks:
            units = task.get("units") or task.get("lead") or ""
            rows.append((task["task"], units if isinstance(units, str) else "、".join(units), task["when"]))
    return rows


def scene(tasks: int) -> list[Page]:
    """A chart of `tasks` rows, 30 a page, drawn the way the chart lays one out."""
    rows = list(islice(cycle(seed_rows()), tasks))
    pages = []
    for first in range(0, tasks, ROWS):
        shapes: list[Shape] = [Label(30, 40, "安丘市生态农场建设工作配档表 · 截至 2023-03-06", 16)]
        for month in range(12):
            x = CHART_X + month * (WIDTH - CHART_X - 30) / 12
            shapes.append(Rule(x, TOP - 10, x, HEIGHT - 40, "#e0e0e0", 0.5))
            shapes.append(Label(x + 4, TOP - 14, f"{month + 1}月", 8, "#455a64"))
        for i, (task, units, when) in enumerate(rows[first : first + ROWS]):
            n, y = first + i, TOP + i * ROW
            fill, hatch, edge = STATES[n % len(STATES)]
            start = CHART_X + (n * 37) % 300
            if i % 2:
                shapes.append(Rect(30, y, WIDTH - 60, ROW, fill="#f5f5f5"))
            shapes += [
                Label(32, y + 15, str(n + 1), 8),
                Label(52, y + 15, task[:34], 8),
                Label(400, y + 15, units[:16], 8, "#37474f"),
                Label(540, y + 15, when[:12], 8, "#37474f"),
                Rect(start, y + 6, 120, ROW - 12, fill=fill, stroke=edge, line_width=0.6, hatch=hatch, opacity=0.9),
                Mark(start + 120, y + ROW / 2, MarkShape.DIAMOND, 7, edge, 0.9, fill=fill),
                Mark(start + 160, y + ROW / 2, MarkShape.TICK, 9, edge, 1.4),
            ]
        shapes.append(Rule(CHART_X + 200, TOP - 10, CHART_X + 200, HEIGHT - 40, "#c62828", 1.1, dash=(4, 2)))
        shapes.append(Label(30, HEIGHT - 20, f"第 {first // ROWS + 1} 页", 8))
        pages.append(Page(WIDTH, HEIGHT, tuple(shapes)))
    return pages


def bare_python(runs: int = 10) -> float:
    """The median time of `python -c pass`, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    font = bundled_font()
    if font is None:
        sys.exit("install the fonts extra: pip install 'schedgen[fonts]'")
    bare = bare_python()
    start = time.perf_counter()
    Face(font)
    opened = time.perf_counter() - start
    print(f"python -c pass: {bare * 1000:.0f} ms; opening the font: {opened * 1000:.0f} ms")
    for tasks in (300, 500):
        pages = scene(tasks)
        face = Face(font)  # a fresh face: none of its outlines decoded yet
        start = time.perf_counter()
        chars = {char for page in pages for shape in page.shapes if isinstance(shape, Label) for char in shape.text}
        glyphs = {name for name in map(face.glyph, chars) if name is not None}
        for name in glyphs:
            face.outline(name)
        decoded = time.perf_counter() - start
        runs = []
        for _ in range(6):
            start = time.perf_counter()
            data = pdf_document(pages, face, title=f"{tasks} 项任务")
            runs.append(time.perf_counter() - start)
        cold, warm = decoded + runs[0], statistics.median(runs[1:])
        print(
            f"{tasks} tasks, {len(pages)} pages, {len(glyphs)} glyphs, {len(data) / 1e3:.0f} kB: "
            f"cold {cold * 1000:.0f} ms = {cold / tasks * 1000:.2f} ms a task "
            f"(decoding outlines in Face {decoded * 1000:.0f} ms, writing {runs[0] * 1000:.0f} ms); "
            f"warm {warm * 1000:.0f} ms = {warm / tasks * 1000:.2f} ms a task = {warm / bare:.1f}x python -c pass"
        )
    print("goal: at most ~2 ms a task")


if __name__ == "__main__":
    main()
