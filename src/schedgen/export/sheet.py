"""One page of a printable Gantt chart drawn as a matplotlib figure: the title block, the table of tasks
beside the time axis, the marks of each task and the footer; and the chart's rows laid out on pages."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from schedgen.errors import BuildError
from schedgen.export.paper import FONT_PT, PAD_IN, Line, lay_out, paginate
from schedgen.export.text import ink
from schedgen.model import State, Timeline
from schedgen.view import LEGEND, Scale, Shape, StageRow, TaskRow, chart, month_label

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter
    from matplotlib.typing import RcKeyType

HEAD_IN, AXIS_IN, FOOT_IN = 0.9, 0.42, 0.3  # a page's title block, its axis row and its footer
PAPER_MM = {"A4": (297.0, 210.0), "A3": (420.0, 297.0)}
# colour, hatch and edge per state: the hatch keeps the states apart on a black-and-white print
STYLE = {
    State.DONE: ("#9e9e9e", "////", "#424242"),
    State.IN_PROGRESS: ("#4a7fc1", "", "#1f3f66"),
    State.DUE: ("#f0a830", "....", "#7a4e00"),
    State.OVERDUE: ("#d64541", "xxxx", "#7a1010"),
    State.UPCOMING: ("#ffffff", "", "#37474f"),
    State.CANCELLED: ("#e0e0e0", "", "#9e9e9e"),
}
RC: dict[RcKeyType, Any] = {"svg.hashsalt": "schedgen", "svg.fonttype": "path", "axes.unicode_minus": False}


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
    """A timeline laid out on pages of paper, and each page drawn when asked for."""

    def __init__(self, timeline: Timeline, options: ChartOptions) -> None:
        if options.paper not in PAPER_MM:
            raise BuildError(f"paper {options.paper!r}: choose A4 or A3")
        self.view = chart(
            timeline, options.as_of, options.within, start=options.start, end=options.end, unit=options.unit
        )
        self.options = options
        long_mm, short_mm = PAPER_MM[options.paper]
        w_mm, h_mm = (short_mm, long_mm) if options.portrait else (long_mm, short_mm)
        self.width, self.height = w_mm / 25.4, h_mm / 25.4
        self.margin = 0.45
        self.start, self.end = self.view.axis.start, self.view.axis.end
        if self.end < self.start:
            raise BuildError(f"--to {self.end} is before --from {self.start}")
        usable = self.width - 2 * self.margin
        self.col = {
            "no": 0.32,
            "task": usable * (0.27 if not options.portrait else 0.30),
            "units": usable * 0.14,
            "when": usable * 0.09,
        }
        self.table_w = sum(self.col.values())
        self.chart_w = usable - self.table_w
        em = FONT_PT / 72
        self.rows = lay_out(self.view.rows, *((self.col[k] - 0.1) / em for k in ("task", "units", "when")))
        self.frame = 2 * self.margin + HEAD_IN + AXIS_IN + FOOT_IN

    # ----- layout -------------------------------------------------------------------------------

    # ----- drawing ------------------------------------------------------------------------------

    def page_height(self, fmt: str) -> float:
        """How tall a page of `fmt` is, in inches: a sheet of paper for PDF, the whole plan for SVG, and for
        PNG the whole plan up to `png_max_px`."""
        if fmt == "pdf":
            return self.height
        tall = max(self.height, self.frame + sum(r.height for r in self.rows))
        if fmt == "png" and tall * self.options.dpi > self.options.png_max_px:
            return max(self.height, self.options.png_max_px / self.options.dpi)
        return tall

    def figures(self, height: float, family: str, only: int | None = None) -> Iterator[tuple[int, Figure]]:
        """The pages `height` inches tall (or page `only`) and their numbers, each drawn when asked for."""
        import matplotlib

        pages = paginate(self.rows, height - self.frame)
        for number, rows in enumerate(pages, start=1):
            if only is None or only == number:
                with matplotlib.rc_context({**RC, "font.family": family, "pdf.fonttype": 42}):
                    figure = self._page(rows, number, len(pages), height)
                yield number, figure

    def _page(self, rows: list[Line], page: int, pages: int, height: float) -> Figure:
        from matplotlib.figure import Figure

        head_h, axis_h, foot_h = HEAD_IN, AXIS_IN, FOOT_IN
        figure = Figure(figsize=(self.width, height))
        w, h, m = self.width, height, self.margin
        body_top = h - m - head_h - axis_h
        body_h = sum(r.height for r in rows)
        body_bottom = body_top - body_h
        table = figure.add_axes((m / w, body_bottom / h, self.table_w / w, body_h / h))
        chart = figure.add_axes(((m + self.table_w) / w, body_bottom / h, self.chart_w / w, body_h / h), sharey=table)
        for ax in (table, chart):
            ax.set_ylim(body_h, 0)
            for spine in ax.spines.values():
                spine.set_linewidth(0.6)
        table.set_xlim(0, self.table_w)
        table.set_xticks([])
        table.tick_params(left=False, labelleft=False)
        chart.tick_params(left=False, labelleft=False)
        self._title(figure, head_h)
        self._table_header(figure, body_top, axis_h)
        self._axis(chart)
        y = 0.0
        for row in rows:
            rh = row.height
            self._draw_row(table, chart, row, y, rh)
            y += rh
        self._as_of_line(chart, body_h)
        self._footer(figure, page, pages, foot_h)
        return figure

    def _title(self, figure: Figure, head_h: float) -> None:
        s, window = self.view.timeline.schedule, self.view.timeline.window
        w, h, m = self.width, figure.get_figheight(), self.margin
        figure.text(m / w, (h - m - 0.22) / h, ink(s.title), fontsize=16, va="center", ha="left")
        sub = [f"计划期：{window.start} 至 {window.end}", f"截至 {self.view.as_of}"]
        if s.source:
            sub.insert(0, f"出处：{s.source}")
        if self.view.unit:
            sub.insert(0, f"责任单位：{self.view.unit}")
        figure.text(m / w, (h - m - 0.55) / h, ink("　".join(sub)), fontsize=9, va="center", ha="left", color="#333333")
        self._legend(figure, (h - m - 0.8) / h)

    def _legend(self, figure: Figure, y: float) -> None:
        from matplotlib.lines import Line2D
        from matplotlib.patches import Patch

        handles: list[Artist] = [
            Patch(facecolor=face, hatch=hatch, edgecolor=edge, linewidth=0.6, label=_legend_label(state))
            for state in LEGEND
            for face, hatch, edge in [STYLE[state]]
        ]
        handles += [
            Line2D(
                [],
                [],
                marker="D",
                linestyle="none",
                markerfacecolor="white",
                markeredgecolor="#37474f",
                markersize=6,
                label="截止日",
            ),
            Line2D([], [], marker="|", linestyle="none", color="#37474f", markersize=8, label="周期节点"),
            Patch(facecolor="#cfd8dc", alpha=0.5, edgecolor="none", label="长期/常态化"),
            Line2D([], [], color="#c62828", linestyle="--", linewidth=1.2, label=f"截至 {self.view.as_of}"),
        ]
        figure.legend(
            handles=handles,
            loc="center left",
            bbox_to_anchor=(self.margin / self.width, y),
            ncol=len(handles),
            frameon=False,
            fontsize=8,
            handlelength=1.6,
            columnspacing=1.2,
            handletextpad=0.5,
        )

    def _table_header(self, figure: Figure, body_top: float, axis_h: float) -> None:
        w, h = self.width, figure.get_figheight()
        x = self.margin
        y = (body_top + axis_h / 2) / h
        for key, label in (("no", "序号"), ("task", "重点任务"), ("units", "责任单位"), ("when", "时间")):
            figure.text((x + 0.05) / w, y, label, fontsize=9, va="center", ha="left")
            x += self.col[key]
        from matplotlib.patches import Rectangle

        figure.patches.append(
            Rectangle(
                (self.margin / w, body_top / h),
                self.table_w / w,
                axis_h / h,
                transform=figure.transFigure,
                facecolor="#eceff1",
                edgecolor="#455a64",
                linewidth=0.6,
                zorder=-1,
            )
        )

    def _axis(self, ax: Axes) -> None:
        import matplotlib.dates as mdates

        start = self.start
        end = self.end + timedelta(days=1)
        days = self.view.axis.days
        scale = self.view.axis.scale
        pad = max(days * 0.012, 1.0)  # room for a diamond on the first or last day
        ax.set_xlim(mdates.date2num(start) - pad, mdates.date2num(end) + pad)
        ax.xaxis.tick_top()
        ax.tick_params(axis="x", labelsize=8, length=3, pad=2)
        if scale is Scale.WEEK:
            ax.xaxis.set_major_locator(mdates.WeekdayLocator(byweekday=mdates.MO))
            ax.xaxis.set_major_formatter(
                _formatter(lambda d, first: f"{d.year}年{d.month}月{d.day}日" if first else f"{d.month}月{d.day}日")
            )
        elif scale is Scale.MONTH:
            # grid lines at month boundaries, each month's name in the middle of its column
            ax.xaxis.set_major_locator(mdates.MonthLocator())
            ax.xaxis.set_major_formatter(_formatter(lambda _d, _f: ""))
            ax.xaxis.set_minor_locator(mdates.MonthLocator(bymonthday=16))
            ax.xaxis.set_minor_formatter(_formatter(month_label))
            ax.tick_params(axis="x", which="minor", length=0, labelsize=8, pad=4)
        elif scale is Scale.QUARTER:
            ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
            ax.xaxis.set_major_formatter(
                _formatter(lambda d, _: f"{d.year}年" if d.month == 1 else f"{(d.month - 1) // 3 + 1}季度")
            )
        else:
            # grid lines on 1 January, each year's name in the middle of its year: a goal `到2025年`
            # (2025-12-31) ends at the right of 2025年, not under the next year's name
            step = self.view.axis.years_per_tick
            ax.xaxis.set_major_locator(mdates.YearLocator(step))
            ax.xaxis.set_major_formatter(_formatter(lambda _d, _f: ""))
            ax.xaxis.set_minor_locator(mdates.YearLocator(step, month=7, day=2))
            ax.xaxis.set_minor_formatter(_formatter(lambda d, _: f"{d.year}年"))
            ax.tick_params(axis="x", which="minor", length=0, labelsize=8, pad=4)
        ax.grid(axis="x", color="#b0bec5", linewidth=0.4)
        ax.set_axisbelow(True)
        if self.chart_w / max(days, 1) >= 0.035:  # a day at least ~2.5 pt wide: shade days off
            for day in self.view.timeline.days_off:
                if start <= day < end:
                    ax.axvspan(
                        mdates.date2num(day),
                        mdates.date2num(day + timedelta(days=1)),
                        color="#eceff1",
                        linewidth=0,
                        zorder=0,
                    )

    def _draw_row(self, tab: Axes, ax: Axes, line: Line, y: float, rh: float) -> None:
        import matplotlib.dates as mdates
        from matplotlib.patches import Rectangle

        row = line.row
        if isinstance(row, StageRow):
            tab.add_patch(Rectangle((0, y), self.table_w, rh, facecolor="#cfd8dc", edgecolor="none"))
            tab.text(0.05, y + rh / 2, line.text[0], fontsize=9, va="center", ha="left")
            ax.axhspan(y, y + rh, facecolor="#eceff1", edgecolor="none", zorder=0)
            if row.span:
                a, b = row.span
                ax.add_patch(
                    Rectangle(
                        (mdates.date2num(a), y + rh * 0.35),
                        mdates.date2num(b + timedelta(days=1)) - mdates.date2num(a),
                        rh * 0.3,
                        facecolor="#455a64",
                        edgecolor="none",
                        gid=f"stage:{line.text[0]}",
                    )
                )
            return
        x = 0.0
        for key, lines in (("no", (str(row.number),)), ("task", line.text), ("units", line.units), ("when", line.when)):
            tab.text(
                x + 0.05,
                y + PAD_IN,
                "\n".join(lines),
                fontsize=FONT_PT,
                va="top",
                ha="left",
                linespacing=1.26,
            )
            x += self.col[key]
        for ax_ in (tab, ax):
            ax_.axhline(y + rh, color="#cfd8dc", linewidth=0.4)
        self._marks(ax, row, y, rh)

    def _marks(self, a: Axes, row: TaskRow, y: float, rh: float) -> None:
        import matplotlib.dates as mdates
        from matplotlib.patches import Rectangle

        task_id = row.task.id
        mid = y + rh / 2
        for mark in row.marks:
            left = mdates.date2num(mark.first)
            days = mdates.date2num(mark.last + timedelta(days=1)) - left
            if mark.shape is Shape.BAND or mark.state is None:
                a.add_patch(
                    Rectangle(
                        (left, y + rh * 0.3),
                        days,
                        rh * 0.4,
                        facecolor="#cfd8dc",
                        alpha=0.5,
                        edgecolor="none",
                        gid=f"task:{task_id}",
                    )
                )
                continue
            face, hatch, edge = STYLE[mark.state]
            if mark.shape is Shape.BAR:
                bar_h = min(rh * 0.5, 0.16)
                a.add_patch(
                    Rectangle(
                        (left, mid - bar_h / 2),
                        days,
                        bar_h,
                        facecolor=face,
                        hatch=hatch,
                        edgecolor=edge,
                        linewidth=0.7,
                        gid=f"task:{task_id}",
                    )
                )
                continue
            # a deadline is done by the end of its day: the mark sits at the day's end
            x = left + days
            gid = f"due:{task_id}:{mark.first.isoformat()}"
            if mark.shape is Shape.TICK:
                a.plot([x], [mid], marker="|", markersize=9, markeredgewidth=1.4, color=edge, linestyle="none", gid=gid)
            else:
                a.plot(
                    [x],
                    [mid],
                    marker="D",
                    markersize=7.0,
                    markerfacecolor=face,
                    markeredgecolor=edge,
                    markeredgewidth=0.9,
                    linestyle="none",
                    gid=gid,
                )

    def _as_of_line(self, chart: Axes, body_h: float) -> None:
        import matplotlib.dates as mdates

        day = self.view.as_of
        if self.start <= day <= self.end:
            chart.axvline(mdates.date2num(day), color="#c62828", linestyle="--", linewidth=1.1, zorder=5, gid="as-of")

    def _footer(self, figure: Figure, page: int, pages: int, foot_h: float) -> None:
        w, m = self.width, self.margin
        y = (m + foot_h / 3) / figure.get_figheight()
        figure.text(m / w, y, f"schedgen 生成于 {self.view.as_of}", fontsize=8, ha="left", va="center", color="#555555")
        title = ink(self.view.timeline.schedule.title)
        figure.text(0.5, y, title, fontsize=8, ha="center", va="center", color="#555555")
        figure.text(1 - m / w, y, f"第 {page} 页 / 共 {pages} 页", fontsize=8, ha="right", va="center", color="#555555")


def _legend_label(state: State) -> str:
    # a bar that has not started yet is upcoming too, so the chart names both
    return "未开始/未到期" if state is State.UPCOMING else state.label


def _formatter(label: Callable[[date, bool], str]) -> FuncFormatter:
    """Tick labels from a date; the first tick also names the year, as does every January."""
    from matplotlib.dates import num2date
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda x, pos: label(num2date(x).date(), pos == 0))
