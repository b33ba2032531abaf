"""Excel workbooks an office hands on: the 督办 list, one sheet per plan, and the re-issued 配档表.

Both print as an office files them: a title row above a bordered table of Chinese headers, A4 landscape,
every column on one page wide (the pages run down, never across), the header rows on every page, and
each row as high as its longest wrapped cell (Excel and LibreOffice do not size a row a program wrote).

Every text cell is written as text (a cell starting with `=` is never a formula) and the report's cells
go through the same `safe_cell` as its CSV, so a copy pasted on into another sheet stays inert too.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from schedgen.errors import display_width
from schedgen.export.office.office import (
    TIMETABLE_HEADERS,
    cell_text,
    held,
    merged_runs,
    stable_zip,
    timetable_cells,
    timetable_items,
    used_columns,
)
from schedgen.export.report import CSV_HEADERS, csv_cells, safe_cell
from schedgen.model import STATES, State, Timeline
from schedgen.view import Milestone

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

STATE_FILLS = {
    State.OVERDUE: "F4C7C3",
    State.DUE: "FCE8B2",
    State.IN_PROGRESS: "C9DAF8",
    State.UPCOMING: "FFFFFF",
    State.DONE: "B7E1CD",
    State.CANCELLED: "D9D9D9",
}
"""The 状态 cell's background: red overdue, amber due, blue in progress, green done (the charts' hues)."""
WIDTHS = {"计划": 40, "重点任务": 60, "备注": 40, "时间（原文）": 24, "时间": 24, "解析日期及提示": 36, "责任单位": 28}
"""Column widths in characters; the rest get `NARROW`."""
NARROW = 14
SMALL = {"序号": 6, "状态": 8, "进度": 8, **{state.label: 8 for state in State}, "合计": 8, "本清单列出": 10}
"""Columns whose cells are a word or a number."""
REPORT_HEADERS = ("序号", *(h for h in CSV_HEADERS if h not in ("计划", "编号")))
"""The CSV's columns less the plan (the sheet and its title name it) and the task's id (a word in
English, for `schedgen done`, not for a clerk), with a 序号 first."""
TITLE_LINE = 22.0
"""Points per line of the 16-point title."""
LINE_HEIGHT = 15.0
"""Points per wrapped line of 11-point text (Chinese fonts set a little taller than the default 14.4)."""
ROW_MOST = 409
"""The tallest an Excel row can be, in points: a row whose text wraps taller is held there and named
(`Workbook.tall`), its whole text still in the cell."""
BAD_TITLE = str.maketrans({c: "_" for c in "[]:*?/\\"})


@dataclass(frozen=True)
class Book:
    """A workbook's bytes, and the tasks whose rows are held at `ROW_MOST`: (the plan's file, the task's id)."""

    data: bytes
    tall: tuple[tuple[str, str], ...] = ()


SUMMARY_HEADERS = ("序号", "计划", *(state.label for state in STATES), "合计", "本清单列出")


def report_xlsx(rows: Sequence[Milestone], listed: Sequence[Milestone], as_of: date, note: str = "") -> Book:
    """The 督办 list as a workbook: first a summary of every plan of `rows` (its milestones by state, and how
    many the list holds, `note` saying what it leaves out), then a sheet per plan with `listed` rows, header
    frozen, filters on, the 状态 cell coloured."""
    stamp = f"截至 {as_of}"
    book = _workbook(f"督办清单（{stamp}）")
    _summary(book, rows, listed, stamp, note)
    plans: dict[str, list[Milestone]] = {}
    for row in listed:
        plans.setdefault(row.schedule.id, []).append(row)
    due_column = REPORT_HEADERS.index("截止日")
    state_column = REPORT_HEADERS.index("状态")
    dropped = (CSV_HEADERS.index("计划"), CSV_HEADERS.index("编号"))
    tall: dict[tuple[str, str], None] = {}  # a task listed at each of its milestones is named once
    for members in plans.values():  # a plan with nothing listed has its row in the summary only
        plan = members[0].schedule.title
        sheet = book.create_sheet(_sheet_title(book, plan))
        widths = _header(sheet, REPORT_HEADERS, row=2, page_header=stamp)
        _title(sheet, f"{plan}督办清单（{stamp}）", widths)
        for r, member in enumerate(members, start=3):
            cells = [str(r - 2)] + [v for i, v in enumerate(csv_cells(member)) if i not in dropped]
            for c, value in enumerate(cells):
                _text(sheet, r, c, safe_cell(value))
            due = sheet.cell(r, due_column + 1, member.due)
            due.number_format = "yyyy-mm-dd"
            _fill(sheet.cell(r, state_column + 1), STATE_FILLS[member.state])
            if not _fit_row(sheet, r, cells, widths):
                tall[str(member.schedule.path), member.task.id] = None
        sheet.auto_filter.ref = f"A2:{sheet.cell(max(sheet.max_row, 2), len(REPORT_HEADERS)).coordinate}"
        _borders(sheet)
    return Book(_save(book, as_of), tuple(tall))


def _summary(book: Workbook, rows: Sequence[Milestone], listed: Sequence[Milestone], stamp: str, note: str) -> None:
    """The `汇总` sheet: a row per plan, so that a plan with nothing listed, and so no sheet, is still there."""
    from openpyxl.styles import Alignment

    sheet = book.create_sheet("汇总")
    widths = _header(sheet, SUMMARY_HEADERS, row=2, page_header=stamp)
    _title(sheet, f"督办清单汇总（{stamp}）", widths)
    titles = {row.schedule.id: row.schedule.title for row in rows}
    states: dict[str, Counter[State]] = {sid: Counter() for sid in titles}
    for row in rows:
        states[row.schedule.id][row.state] += 1
    shown = Counter(row.schedule.id for row in listed)
    r = 2
    for r, (sid, title) in enumerate(titles.items(), start=3):
        counts = [states[sid][state] for state in STATES]
        numbers = [r - 2, *counts, sum(counts), shown[sid]]
        _text(sheet, r, 1, safe_cell(title))
        for c, value in zip((0, *range(2, len(SUMMARY_HEADERS))), numbers, strict=True):
            sheet.cell(r, c + 1, value).alignment = Alignment(vertical="top")  # level with the plan's first line
        _fit_row(sheet, r, [str(numbers[0]), title], widths[:2])
    if note:  # what the list leaves out, under the table
        _text(sheet, r + 1, 0, "注：" + note)
        sheet.merge_cells(start_row=r + 1, start_column=1, end_row=r + 1, end_column=len(widths))
        _fit_row(sheet, r + 1, [note], [sum(widths)])
    _borders(sheet)


def timetable_xlsx(timeline: Timeline) -> Book:
    """The 配档表 re-issued as a sheet: the title above, merged stage cells, the dates each row means."""
    schedule = timeline.schedule
    book = _workbook(schedule.title)
    sheet = book.create_sheet(_sheet_title(book, "配档表"))
    items = timetable_items(timeline)
    cells = [timetable_cells(n, item) for n, item in enumerate(items, start=1)]
    keep = used_columns(cells)
    window = f"计划期 {timeline.window.start} 至 {timeline.window.end}"
    widths = _header(sheet, [TIMETABLE_HEADERS[i] for i in keep], row=2, page_header=window)
    _title(sheet, schedule.title, widths)
    tall = []
    for r, (values, item) in enumerate(zip(cells, items, strict=True), start=3):
        kept = [values[i] for i in keep]
        for c, value in enumerate(kept):
            _text(sheet, r, c, value)
        if not _fit_row(sheet, r, kept, widths):
            tall.append((str(schedule.path), item.task.id))
    stage = keep.index(1) + 1
    for first, last in merged_runs([item.task.stage for item in items]):
        sheet.merge_cells(start_row=3 + first, start_column=stage, end_row=3 + last, end_column=stage)
    _borders(sheet)
    return Book(_save(book, timeline.window.start), tuple(tall))


def _workbook(title: str) -> Workbook:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    book.properties.title, book.properties.creator, book.properties.lastModifiedBy = held(title), "schedgen", "schedgen"
    return book


def _sheet_title(book: Workbook, title: str) -> str:
    """A sheet name Excel accepts (31 characters, none of `[]:*?/\\`) and no other sheet has."""
    base = held(title).translate(BAD_TITLE)[:31]
    name, n = base, 1
    while name in book.sheetnames:
        n += 1
        name = f"{base[: 31 - len(str(n)) - 1]}-{n}"
    return name


def _title(sheet: Worksheet, text: str, widths: Sequence[float]) -> None:
    """The sheet's title in row 1, merged over the table's width and high enough for its lines."""
    from openpyxl.styles import Alignment

    cell = _text(sheet, 1, 0, safe_cell(text))
    cell.font = _bold(16)
    cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(len(widths), 1))
    # 16-point text: a character takes 16/11 of the width it takes in the table
    sheet.row_dimensions[1].height = TITLE_LINE * _lines(text, sum(widths) * 11 / 16) + 8


def _header(sheet: Worksheet, headers: Sequence[str], *, row: int, page_header: str) -> list[float]:
    """A bold header row that stays in view, and A4 landscape printing every column on one page wide with
    the rows down to the header on every page and `page_header` above; the column widths set are returned."""
    from openpyxl.utils import get_column_letter

    widths = [float(SMALL.get(name, WIDTHS.get(name, NARROW))) for name in headers]
    for c, (name, width) in enumerate(zip(headers, widths, strict=True)):
        _text(sheet, row, c, name).font = _bold(11)
        sheet.column_dimensions[get_column_letter(c + 1)].width = width
    _fit_row(sheet, row, headers, widths)
    sheet.freeze_panes = sheet.cell(row + 1, 1)
    sheet.print_title_rows = f"1:{row}"
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = "landscape"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    setup.fitToWidth, setup.fitToHeight = 1, 0  # one page wide, as many pages down as it takes
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.oddHeader.center.text = held(page_header)
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    return widths


def _fit_row(sheet: Worksheet, row: int, values: Sequence[str], widths: Sequence[float]) -> bool:
    """Row `row` as high as the most lines one of its cells wraps to at its column's width, up to `ROW_MOST`;
    whether that held them all."""
    lines = max((_lines(value, width) for value, width in zip(values, widths, strict=True)), default=1)
    height = LINE_HEIGHT * lines + 3
    sheet.row_dimensions[row].height = min(height, ROW_MOST)
    return height <= ROW_MOST


def _lines(text: str, width: float) -> int:
    """The lines `text` wraps to in a column `width` characters wide (a Chinese character takes two)."""
    room = max(width - 1, 1)  # the cell's padding
    return sum(max(-(-display_width(line) // int(room)), 1) for line in held(text).splitlines() or [""])


def _borders(sheet: Worksheet) -> None:
    """A thin border on every used cell, the title's too, so the table prints as a grid; set after merging,
    as merging gives the covered cells only the outer sides of the first (Excel shows a merged cell's edge
    from whichever cell it lies on)."""
    from openpyxl.styles import Border, Side

    thin = Side(style="thin", color="000000")
    grid = Border(left=thin, right=thin, top=thin, bottom=thin)
    for line in sheet.iter_rows(min_row=1, max_row=sheet.max_row, max_col=sheet.max_column):
        for cell in line:
            cell.border = grid


def _text(sheet: Worksheet, row: int, column: int, value: str) -> Cell:
    """A cell holding `value` as text, wrapped at its column's width."""
    from openpyxl.styles import Alignment

    cell = sheet.cell(row, column + 1)
    cell.value = cell_text(value)
    cell.data_type = "s"  # never a formula, whatever the text starts with
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _fill(cell: object, colour: str) -> None:
    from openpyxl.styles import PatternFill

    cell.fill = PatternFill("solid", start_color=colour, end_color=colour)  # type: ignore[attr-defined]


def _bold(size: int) -> object:
    from openpyxl.styles import Font

    return Font(bold=True, size=size)


def _save(book: Workbook, stamp: date) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return stable_zip(out.getvalue(), stamp)
