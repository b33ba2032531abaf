"""Printable Gantt charts (PNG, PDF, SVG): a pure `Timeline -> bytes` renderer on matplotlib.

A page is a document, not a plot: the plan's title and source, a table on the left (序号, 重点任务,
责任单位 with the lead unit first, 时间 as written) and a time axis in Chinese on the right. Stages are
group rows with their own span; spans are bars, deadlines diamonds, date lists several diamonds,
recurring duties a row of small marks, ongoing work a faint band. State is told by colour and by a
pattern, so a black-and-white print still tells done, in progress, overdue and upcoming apart.

Every artist that stands for a task carries a `gid` (`task:<id>`, `due:<id>:<date>`), which is how
the tests read positions back from the figure and how the SVG names its elements.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from schedgen.errors import BuildError
from schedgen.export.fonts import check_glyphs, family_of, find_font, truetype
from schedgen.export.paper import paginate
from schedgen.export.sheet import RC, ChartOptions, Sheets
from schedgen.model import Timeline

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "ChartOptions",
    "figures_for",
    "file_names",
    "png_name",
    "render",
    "render_file",
    "render_pages",
    "render_set",
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
            f"the chart is {len(files)} pages as PNG, too tall for one image: write it as .pdf or .svg, "
            f"or run `schedgen build`, which writes {png_name(1)}, {png_name(2)}..."
        )
    return next(iter(files.values())), pages if fmt == "pdf" else 1


def render_set(timeline: Timeline, formats: Sequence[str], options: ChartOptions) -> dict[str, bytes]:
    """Every file of the chart in `formats`, by name (`gantt.pdf`, `gantt.svg`, `gantt.png`, `gantt-2.png`...):
    laid out once, and each figure drawn into every format whose pages it is."""
    return _draw(timeline, formats, options)[0]


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
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    pages = Sheets(timeline, options)
    family = _prepare_font(timeline, options.font)
    # the formats that share a page height share its figures
    heights: dict[float, list[str]] = {}
    for fmt in dict.fromkeys(formats):
        heights.setdefault(pages.page_height(fmt), []).append(fmt)
    files: dict[str, bytes] = {}
    pdf_out = io.BytesIO()
    sheets = 0
    # saving reads these: svg.hashsalt keeps element ids the same every time, and a PDF embeds
    # TrueType outlines as Type 42 but CFF (most .otf) only as Type 3, which every viewer accepts
    saving = {**RC, "pdf.fonttype": 42 if truetype(find_font(options.font)) else 3}
    with contextlib.ExitStack() as stack:
        pdf = None
        if "pdf" in formats:
            metadata = {"Creator": "schedgen", "Producer": None, "CreationDate": None}
            pdf = stack.enter_context(PdfPages(pdf_out, metadata=metadata))
        for height, fmts in heights.items():
            # one page at a time, closed once saved: a long plan's pages never all sit in memory
            for number, figure in pages.figures(height, family, only=page):
                try:
                    with matplotlib.rc_context(saving):
                        for fmt in fmts:
                            if fmt == "pdf" and pdf is not None:
                                pdf.savefig(figure)
                                sheets += 1
                            elif fmt == "svg":
                                files["gantt.svg"] = _saved(figure, "svg", {"Date": None, "Creator": "schedgen"})
                            else:
                                files[png_name(number)] = _saved(
                                    figure, "png", {"Software": "schedgen"}, dpi=options.dpi
                                )
                finally:
                    plt.close(figure)
    if pdf is not None:
        files["gantt.pdf"] = pdf_out.getvalue()
    return files, sheets


def _saved(figure: Figure, fmt: str, metadata: dict[str, str | None], dpi: float | str = "figure") -> bytes:
    out = io.BytesIO()
    figure.savefig(out, format=fmt, metadata=metadata, dpi=dpi)
    return out.getvalue()


def figures_for(timeline: Timeline, options: ChartOptions, *, paged: bool = True) -> Iterator[Figure]:
    """One figure per sheet of paper; unpaged, one page as tall as the plan needs."""
    pages = Sheets(timeline, options)
    family = _prepare_font(timeline, options.font)
    for _, figure in pages.figures(pages.page_height("pdf" if paged else "svg"), family):
        yield figure


def _prepare_font(timeline: Timeline, explicit: Path | None) -> str:
    """The font family to draw with, registered with matplotlib, once it is known to draw all the plan's text."""
    font = find_font(explicit)
    texts = [timeline.schedule.title, timeline.schedule.source or ""]
    for item in timeline.items:
        texts += [item.task.task, item.task.when, item.task.stage or "", *(n for n, _ in item.task.roles())]
    check_glyphs(texts, font)
    return family_of(font)
