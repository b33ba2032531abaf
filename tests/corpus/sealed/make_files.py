"""Build the sealed tables s-31, s-33 and s-37 as Word, Excel and PDF files, as a clerk receives them, and those
of d-67 (once s-36, moved to the open corpus with its files by the batch 1 split).

Each file holds the same title lines and table as the document's .txt, cell for cell, and is labelled by the
same yaml (its `files:`). The .txt stays the source: run this again after changing one.

    python tests/corpus/sealed/make_files.py

Needs python-docx, openpyxl, fpdf2 and the Noto Sans CJK font that the mplfonts package ships; fpdf2 and
mplfonts are not dependencies of schedgen, only of this script. Dates inside the files are fixed so that a
rebuild gives the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXED = datetime(2026, 12, 7, tzinfo=timezone.utc)  # the day the files were first built


@dataclass(frozen=True)
class Table:
    """A document's title lines, header rows and body rows; a cell of None is covered by a merge."""

    name: str
    lines: tuple[str, ...]
    header: tuple[tuple[str | None, ...], ...]
    rows: tuple[tuple[str | None, ...], ...]
    widths: tuple[int, ...]  # relative column widths for Word, Excel and PDF
    folder: Path = HERE  # where its .txt is and its files go


def cells_per_line(text: str, columns: int) -> list[list[str]]:
    """A table copied one cell per line (with or without a closing `|`), read back into rows."""
    cells = [cell for line in text.splitlines() if (cell := line.strip().strip("|").strip())]
    return [cells[i : i + columns] for i in range(0, len(cells), columns)]


def s31() -> Table:
    rows = cells_per_line((HERE / "s-31.txt").read_text(encoding="utf-8"), 3)
    return Table("s-31", (), (tuple(rows[0]),), tuple(tuple(r) for r in rows[1:]), (3, 8, 4))


def s33() -> Table:
    rows = cells_per_line((HERE / "s-33.txt").read_text(encoding="utf-8"), 2)
    return Table("s-33", (), (tuple(rows[0]),), tuple(tuple(r) for r in rows[1:]), (2, 9))


def d67() -> Table:
    text = (HERE.parent / "d-67.txt").read_text(encoding="utf-8").splitlines()
    # the copy separates cells by single spaces, as do some cells themselves: the rows are split by hand,
    # each cell verbatim from the .txt
    rows = [
        (
            "1",
            "市政工程",
            "泗港路改建工程",
            "白鹿路至张杨公路,长3500米,宽24米。",
            "因泗港区拆迁影响,工程暂停施工。",
            "2016.03-2018.12",
            "2017.9-",
            "市东城公司",
        ),
        (
            "2",
            None,
            "暨阳东路东延工程",
            "东二环路至农鹿路,长2500米,宽30米。",
            "道路部分:道路面层沥青及人行道铺装完成。桥梁工程:完成桥梁合拢、桥面铺装。",
            "2018.10-2019.12",
            "2018.12.-2020.9",
            "市东城公司",
        ),
        (
            "3",
            None,
            "沙洲东路(东二环至农鹿路)大修工程",
            "东二环路至农鹿路,全长2450米,宽40米。",
            "道路部分:骏马大道至农鹿路段完成雨污水管道施工,东二环至蒋乘路段完成30%的灰土施工,农鹿路西侧半幅箱涵主体完成钢筋绑扎、浇筑。桥梁部分:二干河桥启动桩基工程。",
            "2020.03-2021.06",
            "2020.06-2021.10",
            "市东城公司",
        ),
        (
            "4",
            None,
            "二干河东路",
            "南苑东路-暨阳东路,长1480,宽30米",
            "新乘花苑西门至南苑东路段完成快车道沥青摊铺及东侧慢车道沥青。",
            "2018.12-2019.12",
            "2019.5-2020.9",
            "市东城公司",
        ),
    ]
    for row in rows:  # each hand-split cell must be the .txt's own words
        line = next(line for line in text if line.startswith(row[0] + " "))
        assert all(cell is None or cell in line for cell in row), row
    header = (
        ("序号", "类别", "项目名称", "工程概况", "目 前 进 度 情 况", "时间安排", None, "责任单位"),
        (None, None, None, None, None, "计划起止", "实际起止", None),
    )
    return Table("d-67", (text[0], text[2]), header, tuple(rows), (2, 3, 5, 7, 10, 5, 5, 4), HERE.parent)


def s37() -> Table:
    rows = cells_per_line((HERE / "s-37.txt").read_text(encoding="utf-8"), 4)
    return Table("s-37", (), (tuple(rows[0]),), tuple(tuple(r) for r in rows[1:]), (2, 10, 10, 5))


def merges(grid: list[tuple[str | None, ...]]) -> list[tuple[int, int, int, int]]:
    """The merged ranges (first row, first column, last row, last column) that the None cells stand for:
    a None under a cell of its own column lengthens that cell, any other None widens the cell on its left."""
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            if cell is not None:
                owner[r, c] = (r, c)
            elif r > 0 and owner[r - 1, c][1] == c:
                owner[r, c] = owner[r - 1, c]
            else:
                owner[r, c] = owner[r, c - 1]
    boxes: dict[tuple[int, int], tuple[int, int]] = {}
    for (r, c), first in owner.items():
        last = boxes.get(first, first)
        boxes[first] = (max(last[0], r), max(last[1], c))
    return [(r1, c1, r2, c2) for (r1, c1), (r2, c2) in sorted(boxes.items()) if (r1, c1) != (r2, c2)]


def settle(path: Path) -> None:
    """Rewrite a Word or Excel file's zip with fixed entry times, and the saving time that openpyxl writes
    whatever it is told, both of which the libraries take from the clock, so that a rebuild gives the same bytes."""
    import re
    from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

    with ZipFile(path) as archive:
        entries = [(item.filename, archive.read(item)) for item in archive.infolist()]
    stamp = FIXED.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    entries = [
        (
            name,
            re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, data)
            if name == "docProps/core.xml"
            else data,
        )
        for name, data in entries
    ]
    with ZipFile(path, "w") as archive:
        for name, data in entries:
            archive.writestr(ZipInfo(name, date_time=FIXED.timetuple()[:6]), data, compress_type=ZIP_DEFLATED)


def word(table: Table) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    if len(table.widths) > 4:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for line in table.lines:
        document.add_paragraph(line)
    grid = list(table.header) + list(table.rows)
    sheet = document.add_table(rows=len(grid), cols=len(table.widths))
    sheet.style = "Table Grid"
    usable = (section.page_width - section.left_margin - section.right_margin) / Cm(1)
    for c, width in enumerate(table.widths):
        for cell in sheet.columns[c].cells:
            cell.width = Cm(usable * width / sum(table.widths))
    for r1, c1, r2, c2 in merges(grid):
        sheet.cell(r1, c1).merge(sheet.cell(r2, c2))
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            if text is not None:
                sheet.cell(r, c).text = text
                for run in sheet.cell(r, c).paragraphs[0].runs:
                    run.font.size = Pt(9)
    properties = document.core_properties
    properties.created = properties.modified = FIXED.replace(tzinfo=None)
    properties.author = properties.last_modified_by = "schedgen corpus"
    properties.revision = 1
    document.save(table.folder / f"{table.name}.docx")
    settle(table.folder / f"{table.name}.docx")


def excel(table: Table) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    book = Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    top = 1
    for line in table.lines:  # a title line sits in the first rows, across the table, as in most sheets
        sheet.cell(top, 1, line)
        sheet.merge_cells(start_row=top, start_column=1, end_row=top, end_column=len(table.widths))
        top += 1
    grid = list(table.header) + list(table.rows)
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            if text is not None:
                cell = sheet.cell(top + r, c + 1, text)
                cell.alignment = Alignment(wrap_text=True, vertical="center")
    for r1, c1, r2, c2 in merges(grid):
        sheet.merge_cells(start_row=top + r1, start_column=c1 + 1, end_row=top + r2, end_column=c2 + 1)
    for c, width in enumerate(table.widths):
        sheet.column_dimensions[chr(ord("A") + c)].width = width * 4
    book.properties.created = book.properties.modified = FIXED.replace(tzinfo=None)
    book.properties.creator = book.properties.lastModifiedBy = "schedgen corpus"
    book.save(table.folder / f"{table.name}.xlsx")
    settle(table.folder / f"{table.name}.xlsx")


def font() -> Path:
    import mplfonts

    return Path(mplfonts.__file__).parent / "fonts" / "NotoSansCJKsc-Regular.otf"


def pdf(table: Table) -> None:
    from fpdf import FPDF

    document = FPDF(orientation="L" if len(table.widths) > 4 else "P", format="A4")
    document.set_creation_date(FIXED)
    document.set_author("schedgen corpus")
    document.add_font("NotoSansCJK", fname=str(font()))
    document.set_font("NotoSansCJK", size=9)
    document.add_page()
    for line in table.lines:
        document.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    grid = list(table.header) + list(table.rows)
    spans = {(r1, c1): (r2 - r1 + 1, c2 - c1 + 1) for r1, c1, r2, c2 in merges(grid)}
    with document.table(
        col_widths=table.widths,
        first_row_as_headings=False,
        line_height=5,
        text_align="LEFT",
    ) as sheet:
        for r, row in enumerate(grid):
            line = sheet.row()
            for c, text in enumerate(row):
                if text is None:
                    continue
                rowspan, colspan = spans.get((r, c), (1, 1))
                line.cell(text, rowspan=rowspan, colspan=colspan)
    document.output(str(table.folder / f"{table.name}.pdf"))


def main() -> None:
    for build in (s31, s33, d67, s37):
        table = build()
        word(table)
        excel(table)
        pdf(table)
        sizes = ", ".join(
            f"{suffix} {(table.folder / f'{table.name}.{suffix}').stat().st_size // 1024} kB"
            for suffix in ("docx", "xlsx", "pdf")
        )
        print(f"{table.name}: {len(table.rows)} rows; {sizes}")  # noqa: T201


if __name__ == "__main__":
    main()
