"""Excel workbooks an office hands on: the 督办 list, one sheet per plan, and the re-issued 配档表.

Every text cell is written as text (a cell starting with `=` is never a formula) and the report's cells
go through the same `safe_cell` as its CSV, so a copy pasted on into another sheet stays inert too.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from schedgen.export.office.office import (
    TIMETABLE_HEADERS,
    held,
    merged_runs,
    stable_zip,
    timetable_cells,
    timetable_items,
    used_columns,
)
from schedgen.export.report import CSV_HEADERS, csv_cells, safe_cell
from schedgen.model import State, Timeline
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
WIDTHS = {"重点任务": 60, "备注": 40, "计划": 30, "时间（原文）": 24, "解析日期及提示": 36, "责任单位": 28}
"""Column widths in characters; the rest get `NARROW`."""
NARROW = 14
BAD_TITLE = str.maketrans({c: "_" for c in "[]:*?/\\"})


def report_xlsx(rows: Sequence[Milestone], as_of: date) -> bytes:
    """The 督办 list as a workbook: a sheet per plan, header frozen, filters on, the 状态 cell coloured."""
    book = _workbook(f"督办清单（截至 {as_of}）")
    plans: dict[str, list[Milestone]] = {}
    for row in rows:
        plans.setdefault(row.schedule.id, []).append(row)
    due_column = CSV_HEADERS.index("截止日")
    state_column = CSV_HEADERS.index("状态")
    for members in plans.values() or [[]]:
        sheet = book.create_sheet(_sheet_title(book, members[0].schedule.title if members else "督办清单"))
        _header(sheet, CSV_HEADERS)
        for r, member in enumerate(members, start=2):
            for c, value in enumerate(csv_cells(member)):
                _text(sheet, r, c, safe_cell(value))
            due = sheet.cell(r, due_column + 1, member.due)
            due.number_format = "yyyy-mm-dd"
            _fill(sheet.cell(r, state_column + 1), STATE_FILLS[member.state])
        sheet.auto_filter.ref = sheet.dimensions
    return _save(book, as_of)


def timetable_xlsx(timeline: Timeline) -> bytes:
    """The 配档表 re-issued as a sheet: the title above, merged stage cells, the dates each row means."""
    schedule = timeline.schedule
    book = _workbook(schedule.title)
    sheet = book.create_sheet(_sheet_title(book, "配档表"))
    items = timetable_items(timeline)
    cells = [timetable_cells(n, item) for n, item in enumerate(items, start=1)]
    keep = used_columns(cells)
    _text(sheet, 1, 0, schedule.title).font = _bold(16)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(keep))
    _header(sheet, [TIMETABLE_HEADERS[i] for i in keep], row=2)
    for r, values in enumerate(cells, start=3):
        for c, index in enumerate(keep):
            _text(sheet, r, c, values[index])
    stage = keep.index(1) + 1
    for first, last in merged_runs([item.task.stage for item in items]):
        sheet.merge_cells(start_row=3 + first, start_column=stage, end_row=3 + last, end_column=stage)
    return _save(book, timeline.window.start)


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


def _header(sheet: Worksheet, headers: Sequence[str], row: int = 1) -> None:
    """A bold header row that stays in view, with widths set and A4 landscape printing it on every page."""
    from openpyxl.utils import get_column_letter

    for c, name in enumerate(headers):
        _text(sheet, row, c, name).font = _bold(11)
        sheet.column_dimensions[get_column_letter(c + 1)].width = WIDTHS.get(name, NARROW)
    sheet.freeze_panes = sheet.cell(row + 1, 1)
    sheet.print_title_rows = f"{row}:{row}"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"


def _text(sheet: Worksheet, row: int, column: int, value: str) -> Cell:
    """A cell holding `value` as text, wrapped at its column's width."""
    from openpyxl.styles import Alignment

    cell = sheet.cell(row, column + 1)
    cell.value = held(value)
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
