"""A chart's rows laid out on paper: cells wrapped to their columns, rows split over pages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from schedgen.export.text import ink, wrap
from schedgen.view import Row, StageRow, TaskRow

FONT_PT = 8.0
LINE_PT = FONT_PT * 1.26
PAD_PT = 2.88
CONTINUED = "（续）"
"""Added to a stage's heading repeated at the top of a page that starts inside the stage."""


@dataclass(frozen=True)
class Line:
    """A row of the view laid out on paper: its cells wrapped to their columns, `lines` tall."""

    row: Row
    lines: int
    text: tuple[str, ...]
    units: tuple[str, ...] = ()
    when: tuple[str, ...] = ()

    @property
    def height(self) -> float:
        """The row's height in points."""
        return self.lines * LINE_PT + 2 * PAD_PT


def lay_out(rows: Sequence[Row], task_em: float, units_em: float, when_em: float) -> list[Line]:
    """Each row with its task, units and time wrapped to columns of these widths (in ems)."""
    lines: list[Line] = []
    for row in rows:
        if isinstance(row, StageRow):
            lines.append(Line(row, 1, (ink(row.label),)))
            continue
        text = wrap(ink(row.task.task), task_em, 5)
        units = wrap(ink("、".join(row.units)), units_em, 5)
        when = wrap(ink(row.task.when), when_em, 3)
        lines.append(Line(row, max(len(text), len(units), len(when)), tuple(text), tuple(units), tuple(when)))
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
