"""A chart's rows laid out on paper: cells wrapped to their columns, rows split over pages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from schedgen.export.text import ink, shorten, wrap
from schedgen.view import Row, StageRow, TaskRow

FONT_PT = 8.0
LINE_PT = FONT_PT * 1.26
PAD_PT = 2.88
CONTINUED = "（续）"
"""Added to a stage's heading repeated at the top of a page that starts inside the stage."""
TASK_LINES, WHEN_LINES = 12, 6
"""The most lines a task's text and its time take in a row; a longer one is shortened, and named
(`Line.shortened`). A row's units always print in full: they say who must act."""


@dataclass(frozen=True)
class Line:
    """A row of the view laid out on paper: its cells wrapped to their columns, `lines` tall."""

    row: Row
    lines: int
    text: tuple[str, ...]
    units: tuple[str, ...] = ()
    when: tuple[str, ...] = ()
    shortened: tuple[str, ...] = ()
    """The columns (重点任务, 时间) whose text the row shows only in part."""

    @property
    def height(self) -> float:
        """The row's height in points."""
        return self.lines * LINE_PT + 2 * PAD_PT


def lay_out(rows: Sequence[Row], task_em: float, units_em: float, when_em: float, most: int) -> list[Line]:
    """Each row with its task, units and time wrapped to columns of these widths (in ems), at most `most`
    lines (what a page holds)."""
    lines: list[Line] = []
    for row in rows:
        if isinstance(row, StageRow):
            lines.append(Line(row, 1, (ink(row.label),)))
            continue
        text = wrap(ink(row.task.task), task_em)
        units = wrap(ink("、".join(row.units)), units_em)
        when = wrap(ink(row.task.when), when_em)
        limits = (("重点任务", text, min(TASK_LINES, most)), ("责任单位", units, most), ("时间", when, WHEN_LINES))
        shortened = tuple(name for name, cell, limit in limits if len(cell) > limit)
        text, units, when = (shorten(cell, limit) for _, cell, limit in limits)
        height = max(len(text), len(units), len(when))
        lines.append(Line(row, height, tuple(text), tuple(units), tuple(when), shortened))
    return lines


def paginate(lines: Sequence[Line], body_h: float) -> list[list[Line]]:
    """Rows split over pages `body_h` points tall: a stage heading never ends a page, and a page that
    starts inside a stage repeats its heading (续)."""
    body_h += 1e-6  # a page that holds exactly its rows must not spill its last one
    pages: list[list[Line]] = [[]]
    used = 0.0
    heading: Line | None = None
    for line in lines:
        if used + line.height > body_h and pages[-1]:
            carried: list[Line] = []
            if isinstance(pages[-1][-1].row, StageRow):
                carried = [pages[-1].pop()]
            elif heading is not None and isinstance(line.row, TaskRow):
                carried = [replace(heading, text=(heading.text[0] + CONTINUED,))]
            pages.append(carried)
            used = sum(r.height for r in carried)
        if isinstance(line.row, StageRow):
            heading = line
        pages[-1].append(line)
        used += line.height
    return pages
