"""A PDF's text layer: its ruled tables as rows of cells, and its text as lines.

pypdfium2 (PDFium, the engine of Chrome's viewer, with wheels for every platform) gives the text in
runs, each with its box, and the page's drawn paths. A table's cells are where its rules are: the edges
of the drawn lines and boxes cut the page into columns and rows, each run of text goes to the cell it
sits in, and a cell with no rule above it (a merged cell) belongs to the row above. A page without rules
is read as lines, its runs apart by tabs where a gap separates them, for the plain-text readers.
A PDF with no text at all is a scan: refused, since schedgen reads no images.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from schedgen.errors import LoadError
from schedgen.i18n import _

Rows = list[list[str]]
MAX_PAGES = 500
_THIN = 3.0  # a path this thin (in points) is a rule
_NEAR = 2.0  # edges this close are one edge


@dataclass(frozen=True)
class _Run:
    """A run of text and its box (PDF points, y up)."""

    left: float
    bottom: float
    right: float
    top: float
    text: str

    @property
    def middle(self) -> tuple[float, float]:
        return (self.left + self.right) / 2, (self.bottom + self.top) / 2


@dataclass(frozen=True)
class _Edge:
    """A horizontal edge at `at` from `low` to `high` (or a vertical one: x, y from low to high)."""

    at: float
    low: float
    high: float


def read_pdf(path: Path) -> tuple[list[Rows], str]:
    """The PDF's ruled tables (the lines above each as one-cell rows) and its text, page by page."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        raise LoadError(
            _("{path}: not a readable PDF ({error}; a PDF with a password must be opened first)").format(
                path=path, error=error
            )
        ) from None
    try:
        if len(document) > MAX_PAGES:
            raise LoadError(
                _("{path}: {count} pages is more than a plan has (limit {max_pages})").format(
                    path=path, count=len(document), max_pages=MAX_PAGES
                )
            )
        grids: list[Rows] = []
        texts: list[str] = []
        chars = 0
        for page in document:
            textpage = page.get_textpage()
            chars += textpage.count_chars()
            runs = []
            for index in range(textpage.count_rects()):
                left, bottom, right, top = textpage.get_rect(index)
                # spaces kept: `省出台文件后 2 个月完成` is written so; a line's ends are trimmed with its cell
                text = textpage.get_text_bounded(left, bottom, right, top)
                if text.strip():
                    runs.append(_Run(left, bottom, right, top, text))
            boxes = [obj.get_bounds() for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=4)]
            grid = _grid(runs, boxes)
            if grid:
                grids.append(grid)
            texts.append("\n".join(_lines(runs)))
    finally:
        document.close()
    if not chars:
        raise LoadError(
            _(
                "{path}: the PDF has no text layer (a scanned image?); schedgen reads a PDF's text "
                "only: run OCR on it first, or type its table into a .docx, .xlsx or .txt"
            ).format(path=path)
        )
    return grids, "\n".join(texts)


def _lines(runs: Iterable[_Run]) -> list[str]:
    """The runs as lines, top down: runs on one baseline joined, a tab where a gap of a character or more
    lies between them (cells of a table without rules)."""
    return [_line_text(line) for line in _baselines(runs)]


def _baselines(runs: Iterable[_Run]) -> list[list[_Run]]:
    """The runs grouped by the line they sit on, top down, each line left to right."""
    lines: list[list[_Run]] = []
    for run in sorted(runs, key=lambda r: (-r.top, r.left)):
        if lines and abs(lines[-1][0].middle[1] - run.middle[1]) < (run.top - run.bottom) / 2:
            lines[-1].append(run)
        else:
            lines.append([run])
    for line in lines:
        line.sort(key=lambda r: r.left)
    return lines


def _line_text(line: list[_Run]) -> str:
    text = line[0].text
    for before, run in pairwise(line):
        gap = run.left - before.right
        text += ("\t" if gap > (run.top - run.bottom) * 0.9 else "") + run.text
    return text


def _cell_text(runs: list[_Run], right: float) -> str:
    """A cell's text: a line that runs to the cell's right edge was wrapped there and goes on in the next
    line without a break; a line that stops short ends where its writer ended it (a heading over its items,
    one time a line)."""
    text = ""
    previous_right = 0.0
    for line in _baselines(runs):
        if text:
            size = line[0].top - line[0].bottom
            text += "" if previous_right >= right - 2.5 * size else "\n"
        text += _line_text(line)
        previous_right = line[-1].right
    return text


def _grid(runs: list[_Run], boxes: list[tuple[float, float, float, float]]) -> Rows:
    """The rows of the page's ruled table, with the lines of text above it first; [] without one."""
    across: list[_Edge] = []  # horizontal edges
    down: list[_Edge] = []  # vertical edges
    for left, bottom, right, top in boxes:
        if right - left < 1 and top - bottom < 1:
            continue
        if top - bottom <= _THIN:
            across.append(_Edge((top + bottom) / 2, left, right))
        elif right - left <= _THIN:
            down.append(_Edge((left + right) / 2, bottom, top))
        else:
            across += [_Edge(top, left, right), _Edge(bottom, left, right)]
            down += [_Edge(left, bottom, top), _Edge(right, bottom, top)]
    ys = sorted(_cluster(e.at for e in across), reverse=True)
    xs = sorted(_cluster(e.at for e in down))
    if len(ys) < 3 or len(xs) < 3:
        return []
    cells: dict[tuple[int, int], list[_Run]] = {}
    above: list[_Run] = []
    for run in runs:
        x, y = run.middle
        if y > ys[0]:
            above.append(run)
            continue
        column = next((i for i in range(len(xs) - 1) if xs[i] <= x < xs[i + 1]), None)
        row = next((j for j in range(len(ys) - 1) if ys[j] >= y > ys[j + 1]), None)
        if column is None or row is None:
            continue
        # a merged cell: no rule over it in its column, so it belongs to the row above
        while row > 0 and not _ruled(across, ys[row], xs[column], xs[column + 1]):
            row -= 1
        cells.setdefault((row, column), []).append(run)
    if not cells:
        return []
    rows: Rows = [[line] for line in _lines(above)]
    for j in range(len(ys) - 1):
        cells_of_row = [_cell_text(cells.get((j, i), []), xs[i + 1]) for i in range(len(xs) - 1)]
        if any(cells_of_row):
            rows.append(cells_of_row)
    return rows


def _ruled(edges: list[_Edge], y: float, left: float, right: float) -> bool:
    """Whether a horizontal edge at `y` runs over the middle of the column from `left` to `right`."""
    middle = (left + right) / 2
    return any(abs(e.at - y) <= _NEAR and e.low - _NEAR <= middle <= e.high + _NEAR for e in edges)


def _cluster(values: Iterable[float]) -> list[float]:
    """Coordinates closer than `_NEAR` taken as one."""
    out: list[float] = []
    for value in sorted(values):
        if out and value - out[-1] <= _NEAR:
            continue
        out.append(value)
    return out
