"""Printable Gantt charts (PNG, PDF, SVG): a pure `Timeline -> bytes` renderer.

A page is a document, not a plot: the plan's title and source, a table on the left (序号, 重点任务,
责任单位 with the lead unit first, 时间 as written) and a time axis in Chinese on the right. Stages are
group rows with their own span; spans are bars, deadlines diamonds, date lists several diamonds,
recurring duties a row of small marks, ongoing work a faint band. State is told by colour and by a
pattern, so a black-and-white print still tells done, in progress, overdue and upcoming apart.

A chart is laid out once as pages of plain shapes (`sheet`), in a font read once a process (`face`),
and each format is written from the same pages: PNG by Pillow, SVG and PDF by hand. Every shape that
stands for a task carries a `gid` (`task:<id>`, `due:<id>:<date>`), which the SVG keeps as its id.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from schedgen.errors import BuildError
from schedgen.export.chart.face import Face, face
from schedgen.export.chart.fonts import find_font, undrawable
from schedgen.export.chart.paper import paginate
from schedgen.export.chart.scene import Page
from schedgen.export.chart.sheet import ChartOptions, Sheets
from schedgen.i18n import _
from schedgen.model import Timeline

__all__ = [
    "ChartOptions",
    "file_names",
    "pages_for",
    "placeholder_set",
    "png_name",
    "render",
    "render_file",
    "render_pages",
    "render_set",
    "shortened",
    "undrawn",
]


def png_name(page: int) -> str:
    """The file name of a PNG page as a build publishes it: `gantt.png`, then `gantt-2.png`, `gantt-3.png`..."""
    return "gantt.png" if page == 1 else f"gantt-{page}.png"


def render(timeline: Timeline, fmt: str, options: ChartOptions) -> bytes:
    """The chart as PNG, PDF (one page per sheet of paper) or SVG bytes, the same bytes for the same input."""
    return render_pages(timeline, fmt, options)[0]


def render_pages(timeline: Timeline, fmt: str, options: ChartOptions) -> tuple[bytes, int]:
    """The chart's bytes in one file and how many pages they hold; a PNG must fit on one page."""
    files, pages = _draw(timeline, (fmt,), options)
    if len(files) > 1:
        raise BuildError(
            _(
                "the chart is {count} pages as PNG, too tall for one image: write it as .pdf or "
                ".svg, or run `schedgen build`, which writes {png_name}, {png_name2}..."
            ).format(count=len(files), png_name=png_name(1), png_name2=png_name(2))
        )
    return next(iter(files.values())), pages if fmt == "pdf" else 1


def render_set(timeline: Timeline, formats: Sequence[str], options: ChartOptions) -> dict[str, bytes]:
    """Every file of the chart in `formats`, by name (`gantt.pdf`, `gantt.svg`, `gantt.png`, `gantt-2.png`...):
    laid out once, and each page written in every format whose pages it is."""
    return _draw(timeline, formats, options)[0]


def shortened(timeline: Timeline, options: ChartOptions) -> list[str]:
    """Each text the chart shows only in part (`task-id 列：full text`), for the command to name."""
    return Sheets(timeline, options).shortened(face(find_font(options.font)))


def described(timeline: Timeline, options: ChartOptions) -> tuple[list[str], tuple[date, date], list[str]]:
    """What `schedgen gantt` says of a chart it wrote, from one layout: each text shown only in part (`shortened`),
    the first and last day shown, and each task whose dates run past them (`Sheets.beyond`)."""
    sheets = Sheets(timeline, options)
    return sheets.shortened(face(find_font(options.font))), (sheets.start, sheets.end), sheets.beyond()


def file_names(timeline: Timeline, formats: Sequence[str], options: ChartOptions) -> list[str]:
    """The names of the files `render_set` gives, found by laying the chart out without drawing it."""
    pages = Sheets(timeline, options)
    names = []
    for fmt in dict.fromkeys(formats):
        if fmt == "png":
            count = len(paginate(pages.rows, pages.page_height("png") - pages.frame))
            names += [png_name(n) for n in range(1, count + 1)]
        else:
            names.append(f"gantt.{fmt}")
    return names


def render_file(timeline: Timeline, name: str, options: ChartOptions) -> bytes:
    """One file of `render_set` by its name, drawing only the page it holds."""
    fmt = name.rpartition(".")[2]
    stem = name.rpartition(".")[0]
    page = int(stem.rpartition("-")[2]) if fmt == "png" and "-" in stem else 1
    return _draw(timeline, (fmt,), options, page=page if fmt == "png" else None)[0][name]


def _draw(
    timeline: Timeline, formats: Sequence[str], options: ChartOptions, *, page: int | None = None
) -> tuple[dict[str, bytes], int]:
    """The files of `render_set` (only PNG page `page` when given) and the number of sheets of paper."""
    sheets = Sheets(timeline, options)
    font = find_font(options.font)
    drawn = face(font)
    # the formats that share a page height share its pages
    heights: dict[float, list[str]] = {}
    for fmt in dict.fromkeys(formats):
        heights.setdefault(sheets.page_height(fmt), []).append(fmt)
    files: dict[str, bytes] = {}
    sheets_of_paper = 0
    for height, fmts in heights.items():
        pages = list(sheets.pages(height, drawn, only=page))
        for fmt in fmts:
            if fmt == "pdf":
                files["gantt.pdf"] = _pdf([p for _, p in pages], drawn, timeline.schedule.title)
                sheets_of_paper = len(pages)
            elif fmt == "svg":
                from schedgen.export.chart.svg import svg_page

                files["gantt.svg"] = svg_page(pages[0][1], drawn, title=timeline.schedule.title)
            else:
                from schedgen.export.chart.png import png_page

                for number, one in pages:
                    files[png_name(number)] = png_page(one, drawn, options.dpi)
    drawn.keep()
    return files, sheets_of_paper


def _pdf(pages: list[Page], drawn: Face, title: str) -> bytes:
    from schedgen.export.chart.pdf import pdf_document

    return pdf_document(pages, drawn, title=title)


PLACEHOLDER = ("甘特图正在绘制", "绘制完成后刷新本页即可查看；若一直未完成，请再次运行 schedgen build。")
"""What a chart's file says while the site links to it and the chart is not drawn yet."""


def placeholder_set(formats: Sequence[str], options: ChartOptions) -> dict[str, bytes]:
    """A chart's files (`gantt.png`, `gantt.pdf`, `gantt.svg` of `formats`) while it is not drawn yet: one
    small page in each format that says so, so that a page's link to its chart is never a dead one."""
    from schedgen.export.chart.scene import Label

    drawn = face(find_font(options.font))
    heading, hint = PLACEHOLDER
    page = Page(420.0, 90.0, (Label(24.0, 40.0, heading, 16.0), Label(24.0, 66.0, hint, 10.0, "#555555")))
    files: dict[str, bytes] = {}
    for fmt in dict.fromkeys(formats):
        if fmt == "pdf":
            files["gantt.pdf"] = _pdf([page], drawn, heading)
        elif fmt == "svg":
            from schedgen.export.chart.svg import svg_page

            files["gantt.svg"] = svg_page(page, drawn, title=heading)
        else:
            from schedgen.export.chart.png import png_page

            files[png_name(1)] = png_page(page, drawn, options.dpi)
    return files


def pages_for(timeline: Timeline, options: ChartOptions, *, paged: bool = True) -> list[Page]:
    """The chart's pages as shapes: one per sheet of paper; unpaged, one page as tall as the plan needs."""
    sheets = Sheets(timeline, options)
    drawn = face(find_font(options.font))
    return [p for _, p in sheets.pages(sheets.page_height("pdf" if paged else "svg"), drawn)]


def undrawn(timeline: Timeline, font: Path) -> str:
    """The characters of the plan's text that `font` cannot draw, each drawn as a box on its chart."""
    return undrawable(timeline.characters(), font)
