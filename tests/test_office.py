"""What an office hands on: the 督办 list as Word and Excel, and the 配档表 re-issued and read back."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import docx
import openpyxl
import pandas
import pytest
from docx.oxml.ns import qn

from schedgen.load import load
from schedgen.model import Schedule

from .conftest import ROOT, SCHEDULES, run

ANQIU, HAIDONG = "schedules/anqiu-eco-farm.yaml", "schedules/haidong-2024.yaml"
SEEDS = sorted(SCHEDULES.glob("*.yaml"))


def made(tmp_path: Path, name: str, *args: str) -> bytes:
    target = tmp_path / name
    result = run(*args, "-o", str(target))
    assert result.exit_code == 0, result.stderr
    return target.read_bytes()


def json_report(*args: str) -> list[dict[str, str]]:
    return json.loads(run("report", *args, "--format", "json").output)["items"]  # type: ignore[no-any-return]


def east_asian(element: object) -> str | None:
    fonts = element.find(qn("w:rPr")).find(qn("w:rFonts"))  # type: ignore[attr-defined]
    return fonts.get(qn("w:eastAsia"))  # type: ignore[no-any-return]


# ----- the 督办 list in Word ---------------------------------------------------------------------------


def test_word_report_reads_as_an_official_list(tmp_path: Path) -> None:
    args = ("report", ANQIU, HAIDONG, "--as-of", "2024-05-01", "--format", "docx")
    data = made(tmp_path, "督办通报.docx", *args)
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4 portrait
    title, day = (p.text for p in document.paragraphs[:2])
    assert title == "重点任务督办通报" and day == "2024年5月1日"
    # one table per unit, each headed by the unit; the unit with most overdue first, as in the terminal
    body = _body_in_order(document)
    headings = [body[n - 1][1].text for n, (kind, _) in enumerate(body) if kind == "t"]  # type: ignore[attr-defined]
    table_text = run("report", ANQIU, HAIDONG, "--as-of", "2024-05-01").output
    assert headings[0].startswith("一、" + table_text.split("\n\n")[1].splitlines()[0] + "（逾期 ")
    # 安丘's 市农业农村局 is not 海东's: a report across the two cities lists each apart
    at = next(n for n, h in enumerate(headings) if "、市农业农村局（安丘市）（" in h)
    rows = [[c.text for c in r.cells] for r in document.tables[at].rows]
    named = [
        i
        for i in json_report(ANQIU, HAIDONG, "--as-of", "2024-05-01")
        if "市农业农村局" in _roles(i) and i["schedule"] == "anqiu-eco-farm" and i["state"] in ("overdue", "due")
    ]
    assert [(r[2].split("\n")[0], re.sub("（(牵头|配合)）$", "", r[1])) for r in rows[1:]] == [
        (i["due"], i["task"]) for i in named
    ]
    assert rows[1][3] == "逾期" and rows[1][2] == "2023-02-20\n（2月20日前）"
    # Chinese set as East Asian fonts that Word and WPS have; the page number is a field
    assert east_asian(document.paragraphs[0].runs[0]._r) == "黑体"
    assert east_asian(document.styles["Normal"].element) == "仿宋_GB2312"
    footer = section.footer.paragraphs[0]
    assert [t.text for t in footer._p.iter(qn("w:instrText"))] == [" PAGE "] and footer.text.startswith("— ")
    assert b'w:altName w:val="\xe4\xbb\xbf\xe5\xae\x8b"' in _member(data, "word/fontTable.xml")  # 仿宋
    assert all(t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None for t in document.tables)  # repeats
    assert made(tmp_path, "again.docx", *args) == data


def _roles(item: dict[str, str]) -> list[str]:
    return [*item["lead"], *item["support"], *item["units"]]


def _member(data: bytes, name: str) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name)


def test_word_and_excel_need_a_file_name() -> None:
    result = run("report", ANQIU, "--format", "xlsx")
    assert result.exit_code == 2 and "-o 督办清单.xlsx" in result.stderr


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")), reason="LibreOffice and poppler")
def test_libreoffice_prints_the_word_report_on_a4(tmp_path: Path) -> None:
    made(
        tmp_path, "list.docx", "report", ANQIU, "--as-of", "2023-03-06", "--format", "docx", "--unit", "财政局", "--all"
    )
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    convert = ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "list.docx")]
    subprocess.run(convert, check=True, capture_output=True, env=env, timeout=180)
    info = subprocess.run(["pdfinfo", str(tmp_path / "list.pdf")], check=True, capture_output=True, text=True).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert size is not None and abs(float(size[1]) - 595.3) < 0.5 and abs(float(size[2]) - 841.9) < 0.5  # A4 portrait
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "list.pdf"), "-"], capture_output=True, text=True)
    assert "督办通报" in text.stdout and re.search(r"—\s*1\s*—", text.stdout)
    assert "2023-10-31" in text.stdout and "开辟绿色贷款通道" in text.stdout  # the first row of 市财政局


# ----- the 督办 list in Excel --------------------------------------------------------------------------


def test_excel_report_has_a_sheet_per_plan(tmp_path: Path) -> None:
    args = ("report", ANQIU, HAIDONG, "--as-of", "2024-05-01", "--format", "xlsx")
    data = made(tmp_path, "督办清单.xlsx", *args)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["汇总", "安丘市生态农场建设工作配档表", "2024年海东市打造绿色有机农畜产品输出地工作方案"]
    sheet = book["安丘市生态农场建设工作配档表"]
    assert sheet["A1"].value == "安丘市生态农场建设工作配档表督办清单（截至 2024-05-01）"
    header = [c.value for c in sheet[2]]
    assert header[:6] == ["序号", "阶段", "重点任务", "时间（原文）", "截止日", "状态"]
    assert sheet.freeze_panes == "A3" and sheet.auto_filter.ref == sheet.dimensions.replace("A1", "A2")
    assert sheet.column_dimensions["C"].width == 60
    first = [c.value for c in sheet[3]]
    assert first[0] == "1" and first[4].date() == date(2023, 2, 20) and first[5] == "逾期"
    assert sheet.cell(3, 6).fill.start_color.rgb.endswith("F4C7C3")  # overdue in red
    # the same rows a spreadsheet reader gets from the CSV, with the due day a real date
    sheets = pandas.read_excel(io.BytesIO(data), sheet_name=None, dtype=str, header=1)
    del sheets["汇总"]
    csv = pandas.read_csv(
        io.BytesIO(run("report", ANQIU, HAIDONG, "--as-of", "2024-05-01", "--format", "csv").stdout_bytes),
        encoding="utf-8-sig",
        dtype=str,
    )
    together = pandas.concat(sheets.values())
    sheet_rows = zip(together["重点任务"], together["截止日"].str[:10], strict=True)
    assert sorted(sheet_rows) == sorted(zip(csv["重点任务"], csv["截止日"], strict=True))
    haidong = sheets["2024年海东市打造绿色有机农畜产品输出地工作方案"]
    assert set(haidong["责任单位"]) >= {"各县区人民政府、市政府有关部门"}
    assert made(tmp_path, "again.xlsx", *args) == data


def test_no_excel_cell_is_a_formula(tmp_path: Path) -> None:
    from .test_report import HOSTILE

    plan = tmp_path / "hostile.yaml"
    plan.write_text(HOSTILE, encoding="utf-8")
    book = openpyxl.load_workbook(io.BytesIO(made(tmp_path, "x.xlsx", "report", str(plan), "--format", "xlsx")))
    summary, sheet = book.worksheets
    cells = [c for s in (summary, sheet) for row in s.iter_rows(min_row=1) for c in row]
    assert all(c.data_type in ("s", "d", "n") and not str(c.value or "").startswith("=") for c in cells)
    values = {c.value for c in cells}
    assert {"'+SUM(1)", "'-2+3", "'@cmd", "'=1+1", "'-1"} <= values
    assert sheet["A1"].value.startswith('\'=HYPERLINK("http://x")')  # the plan's title, in the title row
    assert summary["B3"].value.startswith('\'=HYPERLINK("http://x")')  # and in the summary's row


def test_other_formats_import_neither_word_nor_excel() -> None:
    code = (
        "import sys\n"
        "from schedgen.cli import cli\n"
        "for fmt in ('table', 'md', 'csv', 'json', 'html'):\n"
        "    try:\n"
        "        cli(['report', '--as-of', '2024-05-01', '--format', fmt])\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(sorted({'docx', 'openpyxl'} & set(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


# ----- the 配档表 re-issued, and read back -------------------------------------------------------------


def table_of(schedule: Schedule) -> list[tuple[object, ...]]:
    """What a 配档表 says: each task's stage, time, text, units and notes, in the plan's order.

    The importer joins the lines of a cell with a space (a table cell's line breaks are layout), so
    a note of two paragraphs (Haidong's business-entities) comes back as one line.
    """
    return [
        (t.stage, t.when, t.task, t.lead, t.support, t.units, t.notes and " ".join(t.notes.split()))
        for t in sorted(schedule.all_tasks(), key=lambda t: t.stage is not None)
    ]


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
@pytest.mark.parametrize("seed", SEEDS, ids=[p.stem for p in SEEDS])
def test_export_then_import_gives_the_same_schedule(tmp_path: Path, seed: Path, suffix: str) -> None:
    original = load(seed)
    exported = tmp_path / f"配档表{suffix}"
    result = run("export", str(seed), "-o", str(exported))
    assert result.exit_code == 0, result.stderr
    assert f"({len(original.all_tasks())} task rows)" in result.output
    back = tmp_path / "back.yaml"
    imported = run("import", str(exported), "-o", str(back), "--year", str(original.year))
    assert imported.exit_code == 0, imported.stderr
    again = load(back)
    assert again.title == original.title
    assert [s.name for s in again.stages] == [s.name for s in original.stages]
    assert table_of(again) == table_of(original)


def test_exported_word_table_merges_stages_and_shows_the_dates(tmp_path: Path) -> None:
    data = made(tmp_path, "安丘.docx", "export", ANQIU)
    document = docx.Document(io.BytesIO(data))
    assert document.paragraphs[0].text == "安丘市生态农场建设工作配档表"
    (table,) = document.tables
    header = [c.text for c in table.rows[0].cells]
    assert header == ["序号", "阶段", "时间", "重点任务", "责任单位", "解析日期及提示"]
    stage_cells = [row.cells[1] for row in table.rows[1:]]
    # one merged cell per stage, as the plan prints it: 2 + 18 + 2 rows
    assert len({id(c._tc) for c in stage_cells}) == 3
    assert [c.text for c in stage_cells][:3] == ["准备发动阶段", "准备发动阶段", "实施推进阶段"]
    row = [c.text for c in table.rows[3].cells]
    assert row[2:4] == ["3月5日前", "指导首批拟创建农场提报建设方案"]
    assert row[5].startswith("2023-03-05（截止日 2023-03-05 是星期日")
    assert made(tmp_path, "again.docx", "export", ANQIU) == data


def test_exported_excel_sheet_merges_stages(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(io.BytesIO(made(tmp_path, "海东.xlsx", "export", HAIDONG)))
    sheet = book.active
    assert sheet["A1"].value == "2024年海东市打造绿色有机农畜产品输出地工作方案"
    assert [c.value for c in sheet[2]] == list(
        ("序号", "阶段", "时间", "重点任务", "牵头单位", "配合单位", "责任单位", "解析日期及提示", "备注")
    )
    assert any(r.min_col == 2 and r.max_row > r.min_row for r in sheet.merged_cells.ranges)
    assert sheet["C3"].value == "5月10日、9月10日、11月10日前"  # tasks of no stage first, the stage cell empty
    assert sheet["H3"].value.startswith("2024-05-10、2024-09-10、2024-11-10")


def test_export_names_the_formats_it_writes(tmp_path: Path) -> None:
    result = run("export", ANQIU, "-o", str(tmp_path / "x.pdf"))
    assert result.exit_code == 2 and ".docx or .xlsx" in result.stderr
    assert "schedgen export schedules/anqiu-eco-farm.yaml -o" in run("export", "--help").output


# ----- what Word and Excel cannot hold, and tables of any length -------------------------------------

CONTROLS = 'title: "督办\\x1b[31m计划"\nyear: 2024\ntasks:\n  - id: ctl\n    when: 5月10日前\n'
CONTROLS += '    task: "吉\\v野\\x1b家"\n    units: 市财政局\n    notes: "备\\x01注"\n'


@pytest.mark.parametrize(
    ("command", "suffix"), [("export", "xlsx"), ("export", "docx"), ("report", "xlsx"), ("report", "docx")]
)
def test_control_characters_are_left_out_of_office_files_with_a_warning(
    tmp_path: Path, command: str, suffix: str
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(CONTROLS, encoding="utf-8")
    target = tmp_path / f"out.{suffix}"
    extra = ("--format", suffix, "--as-of", "2024-05-01") if command == "report" else ()
    result = run(command, str(plan), *extra, "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert f"{plan}: task `ctl`: " in result.stderr and "control characters" in result.stderr
    if suffix == "xlsx":
        texts = [str(c.value) for s in openpyxl.load_workbook(target).worksheets for r in s.iter_rows() for c in r]
    else:
        document = docx.Document(str(target))
        texts = [c.text.split("\n备注")[0] for t in document.tables for r in t.rows for c in r.cells]
    assert "吉\n野家" in texts  # a vertical tab is Word's line break: it stays one
    assert not any(ch in text for text in texts for ch in "\x1b\x01\v")


def test_a_title_longer_than_words_property_limit_is_exported(tmp_path: Path) -> None:
    title = "关于" + "加快推进高标准农田建设" * 30 + "的工作方案"
    plan = tmp_path / "plan.yaml"
    plan.write_text(f"title: {title}\nyear: 2024\ntasks:\n  - when: 5月10日前\n    task: 甲\n", encoding="utf-8")
    result = run("export", str(plan), "-o", str(tmp_path / "out.docx"))
    assert result.exit_code == 0, result.stderr
    document = docx.Document(str(tmp_path / "out.docx"))
    assert document.paragraphs[0].text == title  # the heading holds it all
    assert document.core_properties.title == title[:255]
    assert "255" in result.stderr


def timeline_of(tmp_path: Path, tasks: int) -> object:
    from schedgen.plans import timelines

    lines = ["title: 长表", "year: 2024", "stages:"]
    for n in range(tasks):
        if n % 50 == 0:
            lines += [f"  - name: 第{n // 50 + 1}阶段", "    tasks:"]
        lines += [
            f"      - id: t{n}",
            "        when: 5月10日前",
            f"        task: 第{n}项任务",
            "        units: 市财政局",
        ]
    path = tmp_path / f"long{tasks}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (timeline,) = timelines([path])
    return timeline


@pytest.mark.parametrize("writer", ["timetable_docx", "report_docx"])
def test_word_tables_are_written_in_linear_time(tmp_path: Path, writer: str) -> None:
    from schedgen.export.office import docx as word
    from schedgen.view import milestones

    def written(size: int) -> float:
        timeline = timeline_of(tmp_path, size)
        start = time.perf_counter()
        if writer == "timetable_docx":
            data = word.timetable_docx(timeline)  # type: ignore[arg-type]
        else:
            rows = milestones([timeline], date(2024, 5, 1), 7)  # type: ignore[list-item]
            data = word.report_docx(rows, [("市财政局", rows)], date(2024, 5, 1), 7)
        spent = time.perf_counter() - start
        (table,) = docx.Document(io.BytesIO(data)).tables
        assert len(table.rows) == size + 1
        return spent

    n = 1_000
    assert min(written(2 * n) for _ in range(2)) / min(written(n) for _ in range(2)) < 3


# ----- workbooks that print: borders, a title, Chinese headers, one page wide --------------------------


def _edges(sheet: object, cell: object) -> list[str]:
    """The sides of `cell` that print: inside a merged range, only those on the range's edge."""
    r, c = cell.row, cell.column  # type: ignore[attr-defined]
    for merged in sheet.merged_cells.ranges:  # type: ignore[attr-defined]
        if merged.min_row <= r <= merged.max_row and merged.min_col <= c <= merged.max_col:
            edges = {"left": c == merged.min_col, "right": c == merged.max_col}
            edges |= {"top": r == merged.min_row, "bottom": r == merged.max_row}
            return [side for side, on in edges.items() if on]
    return ["left", "right", "top", "bottom"]


def _prints_well(sheet: object, header_row: int) -> None:
    """Every used cell bordered, landscape, all columns on one page wide, the header rows on every page."""
    used = [c for row in sheet.iter_rows() for c in row]  # type: ignore[attr-defined]
    unbordered = [c.coordinate for c in used if not all(getattr(c.border, s).style for s in _edges(sheet, c))]
    assert not unbordered, unbordered[:10]
    setup = sheet.page_setup  # type: ignore[attr-defined]
    assert setup.orientation == "landscape" and setup.fitToWidth == 1 and setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage  # type: ignore[attr-defined]
    assert sheet.print_title_rows.replace("$", "") == f"1:{header_row}"  # type: ignore[attr-defined]
    headers = [c.value for c in sheet[header_row]]  # type: ignore[index]
    assert all(re.search(r"[\u4e00-\u9fff]", str(h)) for h in headers), headers
    # a wrapped row is as high as its longest cell: no row overlaps the next in LibreOffice
    for r in range(header_row + 1, sheet.max_row + 1):  # type: ignore[attr-defined]
        assert (sheet.row_dimensions[r].height or 0) >= 15  # type: ignore[attr-defined]


def test_report_workbook_prints_with_borders_a_title_and_the_date(tmp_path: Path) -> None:
    data = made(tmp_path, "r.xlsx", "report", *map(str, SEEDS), "--as-of", "2024-06-01", "--format", "xlsx")
    book = openpyxl.load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        assert "截至 2024-06-01" in sheet["A1"].value and sheet.title[:10] in sheet["A1"].value
        assert "编号" not in [c.value for c in sheet[2]]
        _prints_well(sheet, 2)
        assert "截至 2024-06-01" in sheet.oddHeader.center.text
    cells = [c for s in book.worksheets for row in s.iter_rows(min_row=3) for c in row]
    longest = max(cells, key=lambda c: len(str(c.value or "")))
    assert longest.parent.row_dimensions[longest.row].height > 3 * 15  # a long note gets the lines it needs


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_exported_workbook_prints_with_borders(tmp_path: Path, seed: Path) -> None:
    book = openpyxl.load_workbook(io.BytesIO(made(tmp_path, "x.xlsx", "export", str(seed))))
    _prints_well(book.active, 2)


# ----- the 督办通报 in Word: what needs action, in the layout an office sends --------------------------


def _body_in_order(document: object) -> list[tuple[str, object]]:
    """The body's paragraphs and tables in order, as `("p", paragraph)` and `("t", table)`."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    body = document.element.body  # type: ignore[attr-defined]
    found: list[tuple[str, object]] = []
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            found.append(("p", Paragraph(child, document)))  # type: ignore[arg-type]
        elif child.tag == qn("w:tbl"):
            found.append(("t", Table(child, document)))  # type: ignore[arg-type]
    return found


def _lines(text: str, width_pt: float, size_pt: float) -> int:
    """Lines `text` takes at `size_pt` in `width_pt`: a Chinese character is a square, Latin half of one."""
    import unicodedata

    total = 0
    for line in text.split("\n") or [""]:
        wide = sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.55 for ch in line)
        total += max(1, -(-int(wide * size_pt) // max(int(width_pt), 1)))
    return total


def estimated_pages(document: object) -> float:
    """Pages the document takes, reckoned from its text as Word sets it (LibreOffice is not everywhere):
    each paragraph's lines at 1.4 times its size, each table row as high as its tallest cell."""
    section = document.sections[0]  # type: ignore[attr-defined]
    usable = (section.page_height - section.top_margin - section.bottom_margin) / 12700  # EMU -> pt
    text_width = (section.page_width - section.left_margin - section.right_margin) / 12700
    height = 0.0
    for kind, element in _body_in_order(document):
        if kind == "p":
            sizes = [r.font.size.pt for r in element.runs if r.font.size] or [10.5]  # type: ignore[attr-defined]
            height += _lines(element.text, text_width, max(sizes)) * max(sizes) * 1.4 + 6  # type: ignore[attr-defined]
            continue
        for row in element.rows:  # type: ignore[attr-defined]
            tallest = 1
            for cell in row.cells:
                width = int(cell._tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) / 20 - 11  # twips -> pt, less padding
                tallest = max(tallest, _lines(cell.text, width, 10.5))
            height += tallest * 10.5 * 1.4 + 4
    return height / usable


def test_word_notice_lists_what_needs_action_in_at_most_15_pages(tmp_path: Path) -> None:
    seeds = [str(s) for s in SEEDS]
    data = made(tmp_path, "通报.docx", "report", *seeds, "--as-of", "2024-06-01", "--format", "docx")
    document = docx.Document(io.BytesIO(data))
    pages = estimated_pages(document)
    assert pages <= 15, pages
    body = _body_in_order(document)
    tables = [(body[n - 1][1].text, t) for n, (kind, t) in enumerate(body) if kind == "t"]  # type: ignore[attr-defined]
    assert tables
    for _, table in tables:
        assert [c.text for c in table.rows[0].cells] == ["序号", "重点任务", "时限", "状态", "完成情况", "督办意见"]
        assert all(row.cells[4].text == row.cells[5].text == "" for row in table.rows[1:])  # to fill in
    # every overdue milestone once under each of its units; nothing upcoming listed
    overdue = [i for i in json_report(*seeds, "--as-of", "2024-06-01") if i["state"] == "overdue"]
    assert overdue
    listed: dict[tuple[str, str], list[str]] = {}
    for heading, table in tables:
        for row in table.rows[1:]:
            cells = [c.text for c in row.cells]
            assert cells[3] in ("逾期", "临近")
            task = re.sub("（(牵头|配合)）$", "", cells[1].split("\n")[0])
            listed.setdefault((task, cells[2].split("\n")[0]), []).append(heading)
    for item in overdue:
        units = list(dict.fromkeys(_roles(item))) or ["（未写明单位）"]
        headings = listed.get((item["task"], item["due"]), [])
        assert len(headings) == len(units), (item["task"], headings)
        assert all(any(u in h for h in headings) for u in units)
    # the 通报's head: title, date, a summary that counts by state and names the units most overdue
    texts = [p.text for p in document.paragraphs]
    assert "督办通报" in texts[0] and any("2024年6月1日" in t for t in texts[:3])
    summary = next(t for t in texts if t.startswith("　　截至"))
    assert f"逾期 {len(overdue)} 项" in summary and "逾期较多的单位" in summary
    first_unit = tables[0][0]
    assert first_unit.split("、", 1)[-1].split("（逾期")[0] in summary


def test_word_notice_options(tmp_path: Path) -> None:
    args = ("report", ANQIU, HAIDONG, "--as-of", "2024-06-01", "--format", "docx")
    short = docx.Document(io.BytesIO(made(tmp_path, "a.docx", *args, "--issuer", "安丘市委督查室")))
    assert any(p.text.startswith("安丘市委督查室") for p in short.paragraphs[:3])
    section = short.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4 portrait
    wide = docx.Document(io.BytesIO(made(tmp_path, "b.docx", *args, "--orientation", "landscape")))
    assert round(wide.sections[0].page_width.mm) == 297
    everything = docx.Document(io.BytesIO(made(tmp_path, "c.docx", *args, "--all")))
    rows = sum(len(t.rows) - 1 for t in everything.tables)
    assert rows > sum(len(t.rows) - 1 for t in short.tables)
    assert {r.cells[3].text for t in everything.tables for r in t.rows[1:]} >= {"逾期", "未到期"}


def test_word_notice_shortens_notes_and_gives_them_in_full_after(tmp_path: Path) -> None:
    note = "请于每月5日前报送进展情况，" * 8
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        f"title: 测试\nyear: 2024\ntasks:\n  - when: 5月10日前\n    task: 甲\n    units: 市财政局\n    notes: {note}\n",
        encoding="utf-8",
    )
    args = ("report", str(plan), "--as-of", "2024-06-01", "--format", "docx")
    document = docx.Document(io.BytesIO(made(tmp_path, "a.docx", *args)))
    (table,) = document.tables
    cell = table.rows[1].cells[1].text
    assert cell.startswith("甲") and "…" in cell and len(cell) < len(note)
    assert any(note in p.text for p in document.paragraphs)  # in full, in the appendix
    bare = docx.Document(io.BytesIO(made(tmp_path, "b.docx", *args, "--notes", "none")))
    assert bare.tables[0].rows[1].cells[1].text == "甲"
    assert not any("请于每月5日前" in p.text for p in bare.paragraphs)


def test_word_only_options_are_refused_for_other_formats() -> None:
    for extra in (("--issuer", "督查室"), ("--notes", "none"), ("--orientation", "landscape")):
        result = run("report", ANQIU, "--format", "md", *extra)
        assert result.exit_code == 2 and "--format docx" in result.stderr and extra[0] in result.stderr


def test_a_long_title_row_is_as_high_as_its_lines(tmp_path: Path) -> None:
    title = "关于" + "加快推进高标准农田建设" * 30 + "的工作方案"
    plan = tmp_path / "plan.yaml"
    plan.write_text(f"title: {title}\nyear: 2024\ntasks:\n  - when: 5月10日前\n    task: 甲\n", encoding="utf-8")
    sheet = openpyxl.load_workbook(io.BytesIO(made(tmp_path, "x.xlsx", "export", str(plan)))).active
    assert sheet["A1"].value == title and sheet.row_dimensions[1].height > 3 * 20  # 336 characters: lines of them


@pytest.mark.parametrize(("by", "groups"), [("schedule", "计划"), ("date", "截止日")])
def test_a_notice_grouped_by_plan_or_day_says_so_and_calls_no_day_a_unit(tmp_path: Path, by: str, groups: str) -> None:
    # grouped by day, the summary named "the units most overdue" as 2024-05-31（3 项）… and said the tables
    # below went unit by unit, which they do not
    args = ("report", ANQIU, HAIDONG, "--as-of", "2024-06-01", "--format", "docx", "--by", by)
    document = docx.Document(io.BytesIO(made(tmp_path, f"{by}.docx", *args)))
    summary = next(p.text for p in document.paragraphs if p.text.startswith("　　截至"))
    assert "按单位列出" not in summary and f"按{groups}列出" in summary
    assert "逾期较多的单位" not in summary
    if by == "schedule":  # the plans most overdue are named as plans
        assert "逾期较多的计划" in summary


@pytest.mark.parametrize("command", ["export", "report"])
def test_a_text_longer_than_an_excel_cell_is_cut_with_a_mark_and_a_warning(tmp_path: Path, command: str) -> None:
    # Excel holds 32,767 characters a cell: openpyxl cut a longer note there, with no mark in the cell and no
    # word from the command
    notes = "很长的备注。" * 6000  # 36,000 characters
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        f"title: 长备注\nyear: 2024\ntasks:\n  - {{id: long, when: 5月10日前, task: 任务, units: 市财政局, notes: {notes}}}\n",
        encoding="utf-8",
    )
    target = tmp_path / "out.xlsx"
    extra = ("--format", "xlsx", "--as-of", "2024-05-01") if command == "report" else ()
    result = run(command, str(plan), *extra, "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert f"{plan}: task `long`: " in result.stderr and "36,000 characters" in result.stderr, result.stderr
    assert "32,767" in result.stderr
    cells = [c.value for s in openpyxl.load_workbook(target).worksheets for r in s.iter_rows() for c in r]
    (cut,) = [c for c in cells if isinstance(c, str) and c.startswith("很长的备注")]
    assert len(cut) == 32_767 and cut.endswith("…") and notes.startswith(cut[:-1])


@pytest.mark.parametrize("command", ["export", "report"])
def test_a_row_taller_than_excel_allows_is_held_at_409_points_and_named(tmp_path: Path, command: str) -> None:
    # a task of 3,000 characters wrapped to some 110 lines: its row was written 1,600 pt tall, past the 409 pt
    # an Excel row can be, and nothing said that the row shows only part of its text
    text = "推进高标准农田建设。" * 300
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        f"title: 长任务\nyear: 2024\ntasks:\n  - {{id: tall, when: 5月10日前, task: {text}, units: 市财政局}}\n"
        "  - {id: short, when: 5月20日前, task: 短任务, units: 市财政局}\n",
        encoding="utf-8",
    )
    target = tmp_path / "out.xlsx"
    extra = ("--format", "xlsx", "--as-of", "2024-05-01") if command == "report" else ()
    result = run(command, str(plan), *extra, "-o", str(target))
    assert result.exit_code == 0, result.stderr
    sheet = openpyxl.load_workbook(target).worksheets[-1]
    heights = {
        row[0].row: sheet.row_dimensions[row[0].row].height
        for row in sheet.iter_rows(min_row=3)
        if any(c.value == text for c in row)
    }
    assert list(heights.values()) == [409]  # the whole text is still in the cell
    assert f"{plan}: task `tall`: " in result.stderr and "409" in result.stderr, result.stderr
    assert "`short`" not in result.stderr


def test_the_excel_report_sums_up_every_plan_first_those_with_nothing_listed_too(tmp_path: Path) -> None:
    # three of the five seeds have nothing overdue or due on 2024-06-01: the workbook had a sheet for each of the
    # other two and no word of the three, nor of how many milestones each plan holds and the list leaves out
    args = ("report", *map(str, SEEDS), "--as-of", "2024-06-01", "--format", "xlsx")
    book = openpyxl.load_workbook(io.BytesIO(made(tmp_path, "督办清单.xlsx", *args)))
    summary = book.worksheets[0]
    assert summary.title == "汇总" and summary["A1"].value == "督办清单汇总（截至 2024-06-01）"
    header = [c.value for c in summary[2]]
    assert header == ["序号", "计划", "逾期", "临近", "进行中", "未到期", "已完成", "已取消", "合计", "本清单列出"]
    rows = {r[1]: r for r in summary.iter_rows(min_row=3, values_only=True) if r[0] and str(r[0]).isdigit()}
    plans = [load(seed) for seed in SEEDS]
    assert set(rows) == {plan.title for plan in plans}
    every = json.loads(run("report", *map(str, SEEDS), "--as-of", "2024-06-01", "--all", "--format", "json").output)
    for plan in plans:
        items = [i for i in every["items"] if i["schedule"] == plan.id]
        row = rows[plan.title]
        assert row[8] == len(items)
        assert row[2] == sum(i["state"] == "overdue" for i in items)
        assert row[9] == sum(i["state"] in ("overdue", "due") for i in items)
        # a plan with nothing listed has no sheet of its own, and the summary says so
        assert (row[9] > 0) == any(s["A1"].value.startswith(plan.title) for s in book.worksheets[1:])
    note = [r[0] for r in summary.iter_rows(min_row=3, values_only=True) if r[0] and not str(r[0]).isdigit()]
    assert any("未列出" in str(n) and "--all" in str(n) for n in note), note
    _prints_well(summary, 2)
