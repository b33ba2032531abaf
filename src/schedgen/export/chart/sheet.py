"""A printable Gantt chart laid out on pages of plain shapes: the title block and legend, the table of
tasks beside the time axis, the marks of each task and the footer. Positions are in points from a
page's top-left corner; text is placed with the widths of the face it is drawn in."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path
from typing import Literal

from schedgen.errors import BuildError
from schedgen.export.chart.face import Face
from schedgen.export.chart.paper import CONTINUED, FONT_PT, LINE_PT, PAD_PT, Line, lay_out, paginate
from schedgen.export.chart.scene import Hatch, Label, Mark, MarkShape, Page, Rect, Rule, Shape
from schedgen.export.chart.ticks import axis_marks
from schedgen.export.text import ink
from schedgen.i18n import _
from schedgen.model import State, Timeline
from schedgen.view import LEGEND, StageRow, TaskRow, chart
from schedgen.view import Mark as RowMark
from schedgen.view import Shape as MarkKind

PT = 72.0  # points an inch
HEAD, AXIS, FOOT, MARGIN = 0.9 * PT, 0.42 * PT, 0.3 * PT, 0.45 * PT  # title block, axis row, footer, margin
PAPER_MM = {"A4": (297.0, 210.0), "A3": (420.0, 297.0)}
# colour, hatch and edge per state: the hatch keeps the states apart on a black-and-white print
STYLE = {
    State.DONE: ("#9e9e9e", Hatch.DIAGONAL, "#424242"),
    State.IN_PROGRESS: ("#4a7fc1", Hatch.NONE, "#1f3f66"),
    State.DUE: ("#f0a830", Hatch.DOTS, "#7a4e00"),
    State.OVERDUE: ("#d64541", Hatch.CROSS, "#7a1010"),
    State.UPCOMING: ("#ffffff", Hatch.NONE, "#37474f"),
    State.CANCELLED: ("#e0e0e0", Hatch.NONE, "#9e9e9e"),
}
INK, GREY, FRAME, SHADE, STAGE, BAND, GRID = "#000000", "#555555", "#455a64", "#eceff1", "#cfd8dc", "#cfd8dc", "#b0bec5"
AS_OF, DARK = "#c62828", "#37474f"
Gid = str | None
Align = Literal["left", "center", "right"]
DIAMOND = 7.0 * math.sqrt(2)  # a 7 pt square turned on its corner
AS_OF_DASH = (4.07, 1.76)
ARROW_PT = 6.0  # an arrow at the chart's edge: within the room left for a diamond on the first or last day


@dataclass(frozen=True)
class ChartOptions:
    """How to draw: paper, orientation, resolution, the date range and the day the states are judged on."""

    as_of: date
    paper: str = "A3"
    portrait: bool = False
    dpi: int = 150
    start: date | None = None
    end: date | None = None
    unit: str | None = None
    font: Path | None = None
    within: int = 14
    png_max_px: int = 12_000  # a PNG page's height: 3,000 tasks on one page took 2 GB, 12,000 ran out of memory


class Sheets:
    """A timeline laid out on pages of paper, each page's shapes made when asked for."""

    def __init__(self, timeline: Timeline, options: ChartOptions) -> None:
        if options.paper not in PAPER_MM:
            raise BuildError(_("paper {paper!r}: choose A4 or A3").format(paper=options.paper))
        self.view = chart(
            timeline, options.as_of, options.within, start=options.start, end=options.end, unit=options.unit
        )
        self.options = options
        long_mm, short_mm = PAPER_MM[options.paper]
        w_mm, h_mm = (short_mm, long_mm) if options.portrait else (long_mm, short_mm)
        self.width, self.height = w_mm / 25.4 * PT, h_mm / 25.4 * PT
        self.start, self.end = self.view.axis.start, self.view.axis.end
        if self.end < self.start:
            # one end may be the plan's own: name it as such, not as an option the user never gave
            if options.start is None:
                raise BuildError(
                    _("--to {end} is before the plan begins on {start}: give --from as well").format(
                        end=self.end, start=self.start
                    )
                )
            if options.end is None:
                raise BuildError(
                    _("--from {start} is after the plan ends on {end}: give --to as well").format(
                        start=self.start, end=self.end
                    )
                )
            raise BuildError(_("--to {end} is before --from {start}").format(end=self.end, start=self.start))
        usable = self.width - 2 * MARGIN
        self.col = {
            "no": 0.32 * PT,
            "task": usable * (0.27 if not options.portrait else 0.30),
            "units": usable * 0.14,
            "when": usable * 0.09,
        }
        self.table_w = sum(self.col.values())
        self.chart_x = MARGIN + self.table_w
        self.chart_w = usable - self.table_w
        self.inset = 0.05 * PT  # a cell's text starts this far inside its column
        task_em, units_em, when_em = ((self.col[k] - 2 * self.inset) / FONT_PT for k in ("task", "units", "when"))
        self.frame = 2 * MARGIN + HEAD + AXIS + FOOT
        most = int((self.height - self.frame - 2 * PAD_PT) / LINE_PT)  # a row never outgrows a sheet of paper
        self.rows = lay_out(self.view.rows, task_em, units_em, when_em, most)
        pad = max(self.view.axis.days * 0.012, 1.0)  # room for a diamond on the first or last day
        self.lo = self.start.toordinal() - pad
        self.hi = self.end.toordinal() + 1 + pad

    def headings(self) -> tuple[str, str, str]:
        """The title, the unit and source it names, and the plan's dates, as the page heads them."""
        schedule, window = self.view.timeline.schedule, self.view.timeline.window
        named = [f"责任单位：{self.view.unit}"] if self.view.unit else []
        if schedule.source:
            named.append(f"出处：{schedule.source}")
        dates = f"计划期：{window.start} 至 {window.end}　截至 {self.view.as_of}"
        return ink(schedule.title), ink("　".join(named)), dates

    def shortened(self, face: Face) -> list[str]:
        """Each text the chart shows only in part: the title or source line, and each task's cut
        columns, with its id and the full text."""
        found = []
        room = self.width - 2 * MARGIN
        title, named, dates = self.headings()
        if face.width(title, TITLE_SMALLEST) > room:
            found.append(f"标题：{title}")
        if named and face.width(f"{named}　{dates}", SUB_SMALLEST) > room:
            found.append(named)
        for line in self.rows:
            # a stage heading is one line across the table (`_Page._row`), cut with … where the name is longer
            if isinstance(line.row, StageRow) and face.width(line.text[0], STAGE_PT) > self.table_w - 2 * self.inset:
                found.append(f"阶段：{line.text[0]}")
            if isinstance(line.row, TaskRow):
                full = {
                    "重点任务": line.row.task.task,
                    "责任单位": "、".join(line.row.units),
                    "时间": line.row.task.when,
                }
                found += [f"{line.row.task.id} {column}：{full[column]}" for column in line.shortened]
        return found

    def page_height(self, fmt: str) -> float:
        """How tall a page of `fmt` is, in points: a sheet of paper for PDF, the whole plan for SVG, and for
        PNG the whole plan up to `png_max_px`."""
        if fmt == "pdf":
            return self.height
        tall = max(self.height, self.frame + sum(r.height for r in self.rows))
        most = self.options.png_max_px / self.options.dpi * PT
        if fmt == "png" and tall > most:
            return max(self.height, most)
        return tall

    def pages(self, height: float, face: Face, only: int | None = None) -> Iterator[tuple[int, Page]]:
        """The pages up to `height` points tall (or page `only`) and their numbers, each laid out when asked
        for; a page is as tall as its rows need, but never shorter than the paper."""
        pages = paginate(self.rows, height - self.frame)
        for number, rows in enumerate(pages, start=1):
            if only is None or only == number:
                fits = max(self.height, min(height, self.frame + sum(r.height for r in rows)))
                yield number, _Page(self, face, fits).draw(rows, number, len(pages))

    def beyond(self) -> list[str]:
        """Each task whose dates run past the days the chart shows (`--from`/`--to`), as the command names it:
        `id 时间：全在所示期间之前`; on the chart an arrow at that edge of its row says so (`edges`)."""
        found = []
        for row in self.view.rows:
            if isinstance(row, TaskRow) and (sides := self.edges.get(row.task.id)):
                dated = _dated(row)
                if all(m.last < self.start for m in dated):
                    how = "全在所示期间之前"
                elif all(m.first > self.end for m in dated):
                    how = "全在所示期间之后"
                else:
                    how = "，".join(
                        text for side, text in (("◀", "始于所示期间之前"), ("▶", "延续到所示期间之后")) if side in sides
                    )
                found.append(f"{row.task.id} {row.task.when}：{how}")
        return found

    @cached_property
    def edges(self) -> dict[str, str]:
        """The arrows each task's row gets at the chart's edges, by task id (rows with none left out): `◀` where a
        dated mark of it begins before the first day shown, `▶` where one ends after the last, when `--from`/`--to`
        cut the plan's window there or the mark lies wholly outside the window. A span the plan dates from before
        its window (`年内` in a plan issued in April) starts on the window's edge, as the plan means it."""
        window = self.view.timeline.window
        found = {}
        for row in self.view.rows:
            if not isinstance(row, TaskRow):
                continue
            dated = _dated(row)
            before = any(m.first < self.start and (self.start > window.start or m.last < window.start) for m in dated)
            after = any(m.last > self.end and (self.end < window.end or m.first > window.end) for m in dated)
            if before or after:
                found[row.task.id] = ("◀" if before else "") + ("▶" if after else "")
        return found

    def clip(self, first: date, last: date) -> tuple[date, date] | None:
        """The days from `first` to `last` that the chart shows (--from/--to may cut a plan), or None."""
        if last < self.start or first > self.end:
            return None
        return max(first, self.start), min(last, self.end)

    def x(self, day: date) -> float:
        """Where midnight starting `day` is on the page."""
        return self.chart_x + (day.toordinal() - self.lo) / (self.hi - self.lo) * self.chart_w


STAGE_PT = 9.0
"""The size of a stage's heading."""
TITLE_SMALLEST, SUB_SMALLEST = 10.0, 7.0
"""The smallest type a long title and the line under it shrink to before they are shortened."""


def heading_size(face: Face, text: str, room: float, largest: float, smallest: float) -> float:
    """The largest size from `largest` down to `smallest`, in half points, at which `text` fits `room`."""
    size = largest
    while size > smallest and face.width(text, size) > room:
        size -= 0.5
    return size


class _Page:
    """One page's shapes, collected in drawing order: fills, then grid and rows, then marks, then text."""

    def __init__(self, sheets: Sheets, face: Face, height: float) -> None:
        self.s, self.face, self.height = sheets, face, height
        self.under: list[Shape] = []
        self.lines: list[Shape] = []
        self.marks: list[Shape] = []
        self.text: list[Shape] = []

    def draw(self, rows: list[Line], page: int, pages: int) -> Page:
        s = self.s
        body_top = MARGIN + HEAD + AXIS
        body_h = sum(r.height for r in rows)
        self._title()
        self._table_header(body_top)
        self._axis(body_top, body_h)
        y = body_top
        for row in rows:
            self._row(row, y)
            y += row.height
        for x, w, gid in ((MARGIN, s.table_w, "table"), (s.chart_x, s.chart_w, "chart")):
            self.lines.append(Rect(x, body_top, w, body_h, stroke=INK, line_width=0.6, gid=gid))
        if s.start <= s.view.as_of <= s.end:
            x = s.x(s.view.as_of)
            self.marks.append(Rule(x, body_top, x, body_top + body_h, AS_OF, 1.1, AS_OF_DASH, gid="as-of"))
        self._footer(page, pages)
        return Page(s.width, self.height, (*self.under, *self.lines, *self.marks, *self.text))

    # ----- text ---------------------------------------------------------------------------------

    def label(
        self, x: float, middle: float, text: str, size: float, color: str = INK, align: Align = "left", gid: Gid = None
    ) -> None:
        """`text` on one line vertically centred on `middle`, starting, centred or ending at `x`."""
        self.place(x, middle + (self.face.ascent - self.face.descent) / 2 * size, text, size, color, align, gid)

    def fit(self, text: str, size: float, room: float, tail: str = "") -> str:
        """`text` and `tail` as one line no wider than `room` points: a title or name too long for its
        room is cut with `…` (and keeps `tail`), as it would otherwise run off the page or over its neighbours."""
        if self.face.width(text + tail, size) <= room:
            return text + tail
        room -= self.face.width("…" + tail, size)
        used = 0.0
        for n, ch in enumerate(text):
            used += self.face.advance(ch) * size
            if used > room:
                return text[:n] + "…" + tail
        return text + tail

    def place(
        self,
        x: float,
        baseline: float,
        text: str,
        size: float,
        color: str = INK,
        align: Align = "left",
        gid: Gid = None,
    ) -> None:
        """`text` on one line on `baseline`, starting, centred or ending at `x`."""
        width = self.face.width(text, size)
        left = {"left": x, "center": x - width / 2, "right": x - width}[align]
        self.text.append(Label(left, baseline, text, size, color, gid))

    def _title(self) -> None:
        s = self.s
        room = s.width - 2 * MARGIN
        title, named, dates = s.headings()
        size = heading_size(self.face, title, room, 16, TITLE_SMALLEST)
        self.label(MARGIN, MARGIN + 0.22 * PT, self.fit(title, size, room), size)
        size = heading_size(self.face, f"{named}　{dates}", room, 9, SUB_SMALLEST)
        # a source too long even in small type is cut, not the dates after it, which a reader needs
        sub = self.fit(named, size, room, "　" + dates) if named else dates
        self.label(MARGIN, MARGIN + 0.55 * PT, sub, size, "#333333")
        self._legend(MARGIN + 0.8 * PT)

    def _legend(self, mid: float) -> None:
        size, handle = 8.0, 1.6 * 8.0
        x = MARGIN
        swatch_h = 0.7 * size
        entries: list[tuple[str, Shape]] = []
        for state in LEGEND:
            fill, hatch, edge = STYLE[state]
            rect = Rect(0, mid - swatch_h / 2, handle, swatch_h, fill, edge, 0.6, hatch)
            entries.append((_legend_label(state), rect))
        entries += [
            ("截止日", Mark(handle / 2, mid, MarkShape.DIAMOND, 6.0 * math.sqrt(2), DARK, 1.0, "#ffffff")),
            ("周期节点", Mark(handle / 2, mid, MarkShape.TICK, 8.0, DARK, 1.0)),
            ("长期/常态化", Rect(0, mid - swatch_h / 2, handle, swatch_h, BAND, opacity=0.5)),
            (f"截至 {self.s.view.as_of}", Rule(0, mid, handle, mid, AS_OF, 1.2, AS_OF_DASH)),
        ]
        if self.s.edges:
            baseline = mid + (self.face.ascent - self.face.descent) / 2 * ARROW_PT
            entries.append(("日期超出图示期间", Label(0, baseline, "◀▶", ARROW_PT, DARK)))
        for n, (text, shape) in enumerate(entries, start=1):
            self.text.append(_moved(shape, x, f"legend:{n}"))
            self.label(x + handle + 0.5 * size, mid, text, size, gid=f"legend:{n}:text")
            x += handle + 0.5 * size + self.face.width(text, size) + 1.2 * size

    def _table_header(self, body_top: float) -> None:
        s = self.s
        top = body_top - AXIS
        self.under.append(Rect(MARGIN, top, s.table_w, AXIS, SHADE, FRAME, 0.6))
        x = MARGIN
        for key, text in (("no", "序号"), ("task", "重点任务"), ("units", "责任单位"), ("when", "时间")):
            self.label(x + s.inset, top + AXIS / 2, text, 9)
            x += s.col[key]

    def _footer(self, page: int, pages: int) -> None:
        s = self.s
        mid = self.height - MARGIN - FOOT / 3
        left, right = f"schedgen 生成于 {s.view.as_of}", f"第 {page} 页 / 共 {pages} 页"
        self.label(MARGIN, mid, left, 8, GREY)
        # the title centred between the other two, a space wide clear of each
        half = s.width / 2 - MARGIN - max(self.face.width(left, 8), self.face.width(right, 8)) - 8
        self.label(s.width / 2, mid, self.fit(ink(s.view.timeline.schedule.title), 8, 2 * half), 8, GREY, "center")
        self.label(s.width - MARGIN, mid, right, 8, GREY, "right")

    # ----- the time axis ------------------------------------------------------------------------

    def _axis(self, top: float, body_h: float) -> None:
        s = self.s
        first = date.fromordinal(math.ceil(s.lo))
        last = date.fromordinal(math.floor(s.hi))
        marks = axis_marks(s.view.axis, first, last)
        for day in marks.grid:
            x = s.x(day)
            self.under.append(Rule(x, top, x, top + body_h, GRID, 0.4, gid=f"grid:{day.isoformat()}"))
            self.lines.append(Rule(x, top, x, top - 3.0, INK, 0.8))
        size = 8.0
        # a label's last line stands 5 pt above the chart, its descenders included
        baseline = top - 5.0 - self.face.descent * size
        named_to = -math.inf  # where the last label drawn ends
        for day, text in marks.labels:
            lines = text.split("\n")
            half = max(self.face.width(line, size) for line in lines) / 2
            if not s.chart_x <= s.x(day) - half <= s.x(day) + half <= s.chart_x + s.chart_w:
                continue  # a partial period at either end keeps its name off the table and the margin
            if s.x(day) - half < named_to + size / 2:
                continue  # on narrow paper a label that would run into the one before is left to its grid line
            named_to = s.x(day) + half
            for n, line in enumerate(reversed(lines)):
                self.place(s.x(day), baseline - n * 1.2 * size, line, size, align="center")
        if s.chart_w / max(s.view.axis.days, 1) >= 2.5:  # a day at least 2.5 pt wide: shade days off
            for day in s.view.timeline.days_off:
                if s.start <= day <= s.end:
                    x = s.x(day)
                    self.under.insert(0, Rect(x, top, s.x(day + timedelta(days=1)) - x, body_h, SHADE))

    # ----- rows ---------------------------------------------------------------------------------

    def _row(self, line: Line, y: float) -> None:
        s, rh = self.s, line.height
        row = line.row
        if isinstance(row, StageRow):
            self.under.append(Rect(MARGIN, y, s.table_w, rh, STAGE))
            self.under.append(Rect(s.chart_x, y, s.chart_w, rh, SHADE))
            name = line.text[0]
            more = CONTINUED if name.endswith(CONTINUED) else ""
            room = s.table_w - 2 * s.inset
            self.label(MARGIN + s.inset, y + rh / 2, self.fit(name.removesuffix(more), STAGE_PT, room, more), STAGE_PT)
            shown = s.clip(*row.span) if row.span else None
            if shown:
                a, b = shown
                left = s.x(a)
                width = s.x(b + timedelta(days=1)) - left
                self.marks.append(Rect(left, y + rh * 0.35, width, rh * 0.3, FRAME, gid=f"stage:{line.text[0]}"))
            return
        x = MARGIN
        for key, cell in (("no", (str(row.number),)), ("task", line.text), ("units", line.units), ("when", line.when)):
            for n, text in enumerate(cell):
                self.label(x + s.inset, y + PAD_PT + (n + 0.5) * LINE_PT, text, FONT_PT)
            x += s.col[key]
        self.lines.append(Rule(MARGIN, y + rh, s.chart_x + s.chart_w, y + rh, STAGE, 0.4))
        for mark in row.marks:
            self._mark(row, mark, y, rh)
        edges = s.edges.get(row.task.id, "")
        if edges:  # dates past an edge: the row is not empty, nor does its bar end with the chart
            color = STYLE[row.state][2] if row.state in STYLE else DARK
            if "◀" in edges:
                self.label(s.chart_x + 1.0, y + rh / 2, "◀", ARROW_PT, color, gid=f"before:{row.task.id}")
            if "▶" in edges:
                self.label(
                    s.chart_x + s.chart_w - 1.0, y + rh / 2, "▶", ARROW_PT, color, "right", f"after:{row.task.id}"
                )

    def _mark(self, row: TaskRow, mark: RowMark, y: float, rh: float) -> None:
        s = self.s
        shown = s.clip(mark.first, mark.last)
        if shown is None:
            return
        left = s.x(shown[0])
        right = s.x(shown[1] + timedelta(days=1))
        mid = y + rh / 2
        task = f"task:{row.task.id}"
        if mark.shape is MarkKind.BAND or mark.state is None:
            self.marks.append(Rect(left, y + rh * 0.3, right - left, rh * 0.4, BAND, opacity=0.5, gid=task))
            return
        fill, hatch, edge = STYLE[mark.state]
        if mark.shape is MarkKind.BAR:
            bar_h = min(rh * 0.5, 0.16 * PT)
            self.marks.append(Rect(left, mid - bar_h / 2, right - left, bar_h, fill, edge, 0.7, hatch, gid=task))
            return
        # a deadline is done by the end of its day: the mark sits at the day's end
        gid = f"due:{row.task.id}:{mark.first.isoformat()}"
        if mark.shape is MarkKind.TICK:
            self.marks.append(Mark(right, mid, MarkShape.TICK, 9.0, edge, 1.4, gid=gid))
        else:
            self.marks.append(Mark(right, mid, MarkShape.DIAMOND, DIAMOND, edge, 0.9, fill, gid=gid))


def _dated(row: TaskRow) -> list[RowMark]:
    """The row's marks that are dated (an ongoing band is the plan's window itself, cut as it is)."""
    return [m for m in row.marks if m.state is not None and m.shape is not MarkKind.BAND]


def _moved(shape: Shape, dx: float, gid: str) -> Shape:
    """A legend handle drawn at `dx` from where it was made, named `gid`."""
    if isinstance(shape, Rule):
        return replace(shape, x0=shape.x0 + dx, x1=shape.x1 + dx, gid=gid)
    return replace(shape, x=shape.x + dx, gid=gid)


def _legend_label(state: State) -> str:
    # a bar that has not started yet is upcoming too, so the chart names both
    return "未开始/未到期" if state is State.UPCOMING else state.label
