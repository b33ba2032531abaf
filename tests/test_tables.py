"""Tables as they come: one table read from every kind of file a clerk is handed gives the same tasks,
times and units; columns are told by what their cells hold; nothing in a table is dropped without a word."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import yaml
from click.testing import Result

from schedgen.model import Item
from schedgen.plans import timelines

from .conftest import ROOT, run

CORPUS = ROOT / "tests" / "corpus"

# the first rows of a real schedule (tests/corpus/t-01: a 2003 secondary-school admissions timetable)
HEADER = ["时间", "工作内容", "负责单位"]
ROWS = [
    ["3月中旬-4月中旬", "编制中专计划", "省教育厅、省招考办"],
    ["4月中旬前", "艺术类专业加试工作", "有关学校"],
    ["4月20日前", "中专报名", "各市、县(区)招考办"],
    ["5月下旬", "师范学校通知考生及市招考办加试成绩及面试合格名单", "各市招考办、有关学校"],
    ["6月28日-30日", "考试", "各市招考办"],
    ["7月14日前", "评卷、公布成绩", "各市招考办"],
    ["8月6日-15日", "录取", "省招考办"],
]
TITLE = "2003年普通中专招生工作日程安排"


def seen(path: Path, *extra: str) -> list[tuple[object, ...]]:
    """Import `path` and return what a reader of the timeline sees: task, time, units and dates."""
    target = path.with_name(path.name + ".yaml")
    result = run("import", str(path), "-o", str(target), *extra)
    assert result.exit_code == 0, result.output + result.stderr
    assert "wrote" in result.output and "draft" not in result.output
    (timeline,) = timelines([target])
    return [(i.task.task, i.task.when, i.task.units, i.start, i.end) for i in timeline.items]


def import_text(tmp_path: Path, name: str, text: str, *extra: str) -> tuple[Result, list[Item]]:
    """Write `text` as the file `name`, import it as a user would, and return the output and the tasks."""
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    return import_file(source, *extra)


def import_file(source: Path, *extra: str) -> tuple[Result, list[Item]]:
    """Import `source` beside it as a user would; the output and the tasks, dated."""
    target = source.with_name("out.yaml")
    result = run("import", str(source), "-o", str(target), *extra)
    assert result.exit_code == 0, result.stderr
    (timeline,) = timelines([target])
    return result, list(timeline.items)


def _table() -> list[list[str]]:
    return [HEADER, *ROWS]


def pipes(path: Path) -> Path:
    path.write_text("\n".join([TITLE, *(" | ".join(row) for row in _table())]) + "\n", encoding="utf-8")
    return path


def spaces(path: Path) -> Path:
    path.write_text("\n".join([TITLE, *("    ".join(row) for row in _table())]) + "\n", encoding="utf-8")
    return path


def cell_per_line(path: Path) -> Path:
    path.write_text("\n".join([TITLE, *(cell for row in _table() for cell in row)]) + "\n", encoding="utf-8")
    return path


def web_copy(path: Path) -> Path:
    """Each cell closed by `|` on its line, as the text of a saved web page's table reads."""
    path.write_text(TITLE + "\n" + "".join(f"{cell} |\n" for row in _table() for cell in row), encoding="utf-8")
    return path


def word(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph(TITLE)
    table = document.add_table(rows=len(_table()), cols=len(HEADER))
    for r, row in enumerate(_table()):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.save(str(path))
    return path


def excel(path: Path) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([TITLE])
    for row in _table():
        sheet.append(row)
    book.save(str(path))
    return path


def web_page(path: Path) -> Path:
    cells = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>\n" for row in _table())
    page = f'<html><head><meta charset="gb2312"><title>{TITLE}</title></head><body><h1>{TITLE}</h1><table>{cells}</table></body></html>'
    path.write_bytes(page.encode("gb18030"))
    return path


def pdf_table(rows: list[list[str]], title: str, widths: tuple[float, ...]) -> bytes:
    """A ruled table as a PDF with a text layer, written with schedgen's own PDF writer (cells boxed,
    text wrapped inside its cell, as Word prints a table)."""
    from schedgen.export.chart.face import face
    from schedgen.export.chart.fonts import bundled_font
    from schedgen.export.chart.pdf import pdf_document
    from schedgen.export.chart.scene import Label, Page, Rect, Shape

    font = bundled_font()
    assert font is not None, "the test extra installs mplfonts, which bundles Noto Sans CJK SC"
    drawn = face(font)
    size, lead = 9.0, 12.0
    shapes: list[Shape] = [Label(40, 50, title, 12)]
    pages: list[Page] = []
    y = 70.0
    for row in rows:
        wrapped = [_wrap(drawn, cell, size, width - 8) for cell, width in zip(row, widths, strict=True)]
        height = max(len(lines) for lines in wrapped) * lead + 6
        if y + height > 800:  # the table goes on over the next page, its header not repeated
            pages.append(Page(595.28, 841.89, tuple(shapes)))
            shapes, y = [], 40.0
        x = 40.0
        for lines, width in zip(wrapped, widths, strict=True):
            shapes.append(Rect(x, y, width, height, stroke="#000000", line_width=0.5))
            shapes += [Label(x + 4, y + 3 + lead * (n + 1) - 3, line, size) for n, line in enumerate(lines)]
            x += width
        y += height
    pages.append(Page(595.28, 841.89, tuple(shapes)))
    return pdf_document(pages, drawn, title=title)


def _wrap(drawn: object, text: str, size: float, width: float) -> list[str]:
    """The lines a cell's text takes: its own lines, each broken where the next character would not fit."""
    lines: list[str] = []
    for own in text.split("\n"):
        lines.append("")
        for char in own:
            if lines[-1] and drawn.width(lines[-1] + char, size) > width:  # type: ignore[attr-defined]
                lines.append("")
            lines[-1] += char
    return lines


def pdf(path: Path) -> Path:
    path.write_bytes(pdf_table(_table(), TITLE, (90, 300, 150)))
    return path


FORMATS: dict[str, tuple[str, Callable[[Path], Path]]] = {
    "pipes": (".txt", pipes),
    "spaces": (".txt", spaces),
    "one cell a line": (".txt", cell_per_line),
    "web copy": (".txt", web_copy),
    "docx": (".docx", word),
    "xlsx": (".xlsx", excel),
    "html": (".html", web_page),
    "pdf": (".pdf", pdf),
}


def expected() -> list[tuple[object, ...]]:
    """The table's tasks as a reader dates them in 2003 (a deadline has no first day), units as the cell lists them."""
    return [
        ("编制中专计划", "3月中旬-4月中旬", ("省教育厅", "省招考办"), date(2003, 3, 11), date(2003, 4, 20)),
        ("艺术类专业加试工作", "4月中旬前", ("有关学校",), None, date(2003, 4, 20)),
        ("中专报名", "4月20日前", ("各市", "县(区)招考办"), None, date(2003, 4, 20)),
        (ROWS[3][1], "5月下旬", ("各市招考办", "有关学校"), date(2003, 5, 21), date(2003, 5, 31)),
        ("考试", "6月28日-30日", ("各市招考办",), date(2003, 6, 28), date(2003, 6, 30)),
        ("评卷、公布成绩", "7月14日前", ("各市招考办",), None, date(2003, 7, 14)),
        ("录取", "8月6日-15日", ("省招考办",), date(2003, 8, 6), date(2003, 8, 15)),
    ]


@pytest.mark.parametrize("kind", list(FORMATS))
def test_the_same_table_from_every_kind_of_file_gives_the_same_tasks(tmp_path: Path, kind: str) -> None:
    suffix, make = FORMATS[kind]
    source = make(tmp_path / f"日程{suffix}")
    assert seen(source) == expected()
    document = yaml.safe_load(source.with_name(source.name + ".yaml").read_text(encoding="utf-8"))
    assert document["year"] == 2003 and document["title"] == TITLE


def test_an_excel_column_of_lead_units_is_read_and_the_other_columns_are_kept_in_notes(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["2024年政府工作报告重点工作任务分解表"])
    sheet.append(["序号", "工作任务", "牵头责任单位", "责任领导", "完成时限", "进展情况"])
    sheet.append([1, "新建城市书房3处", "区文化和旅游局", "王副区长", "9月底前", "已完成选址"])
    sheet.append([2, "完成老旧小区改造12个", "区住建局", "李副区长", "11月底前", "正在施工"])
    path = tmp_path / "分解表.xlsx"
    book.save(str(path))
    result, items = import_file(path)
    assert "责任领导、进展情况" in result.output
    assert [(i.task.lead, i.task.notes, i.end) for i in items] == [
        (("区文化和旅游局",), "责任领导：王副区长；进展情况：已完成选址", date(2024, 9, 30)),
        (("区住建局",), "责任领导：李副区长；进展情况：正在施工", date(2024, 11, 30)),
    ]
    assert "# 表中这些列不是时间、任务或单位，已按列名写入每项任务的 notes：责任领导、进展情况" in (
        tmp_path / "out.yaml"
    ).read_text(encoding="utf-8")


def test_numbered_steps_in_one_cell_are_one_task_each_with_the_steps_text(tmp_path: Path) -> None:
    result, items = import_text(
        tmp_path,
        "进度.txt",
        "2024年民生实事项目进度安排\n"
        "工作事项 | 进度安排 | 进展情况\n"
        "建设城市书房 | ①2月上旬前，完成设计招标。②3月底前，完成主体施工并投入使用。 | 已完成招标\n"
        "完善养老服务设施 | 6月底前 | 正在推进\n",
    )
    assert [(i.task.task, i.task.when, i.end) for i in items] == [
        ("建设城市书房：①2月上旬前，完成设计招标。", "2月上旬前", date(2024, 2, 10)),
        ("建设城市书房：②3月底前，完成主体施工并投入使用。", "3月底前", date(2024, 3, 31)),
        ("完善养老服务设施", "6月底前", date(2024, 6, 30)),
    ]
    assert items[0].task.notes == (
        "进展情况：已完成招标；进度安排：①2月上旬前，完成设计招标。②3月底前，完成主体施工并投入使用。"
    )
    assert "进展情况" in result.output


def test_the_census_schedule_copied_from_a_web_page_gets_its_years_and_a_multi_year_window(tmp_path: Path) -> None:
    source = tmp_path / "普查.txt"
    source.write_bytes((CORPUS / "a-22.txt").read_bytes())
    target = tmp_path / "out.yaml"
    result = run("import", str(source), "-o", str(target))  # no --year: the table names its years
    assert result.exit_code == 0, result.stderr
    document = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert document["year"] == 2005 and document["until"] == date(2007, 6, 30)
    assert document["stages"][0]["name"] == "一、准备法律文件"
    (timeline,) = timelines([target])
    items = timeline.items
    assert len(items) == 29
    first, last = items[0], items[-1]
    assert (first.task.task, first.start, first.end) == ("1、 起草给国务院的报告", date(2005, 1, 1), date(2005, 4, 30))
    assert (last.task.task, last.start, last.end) == (
        "29、开展各层次各种形式的宣传活动",
        date(2006, 1, 1),
        date(2006, 12, 31),
    )
    # every task lies inside the window: the chart shows the tasks of 2006 and 2007 too
    assert timeline.window.end == date(2007, 6, 30)
    assert not [f for i in items for f in i.findings if f.code == "outside-window"]


def test_columns_are_told_by_their_cells_when_the_header_names_are_unknown(tmp_path: Path) -> None:
    _, items = import_text(
        tmp_path,
        "安排.csv",
        "序号,具体安排,节点,承担\n1,开展汛前隐患排查并建立台账,4月15日前,县水利局\n2,完成山洪灾害预警设施检修,5月底前,各乡镇人民政府\n",
        "--year",
        "2024",
    )
    assert [(i.task.task, i.task.units, i.end) for i in items] == [
        ("开展汛前隐患排查并建立台账", ("县水利局",), date(2024, 4, 15)),
        ("完成山洪灾害预警设施检修", ("各乡镇人民政府",), date(2024, 5, 31)),
    ]


def test_a_saved_web_page_with_merged_stage_cells(tmp_path: Path) -> None:
    page = """<html><head><meta charset="utf-8"><title>2024年创建工作安排</title></head><body>
    <div class="nav"><table><tr><td>首页</td><td>政务公开</td></tr></table></div>
    <p>2024年创建工作安排</p>
    <table border="1">
      <tr><th>阶段</th><th>时间安排</th><th>工作内容</th><th>责任单位</th></tr>
      <tr><td rowspan="2">动员部署</td><td>3月10日前</td><td>召开动员大会<br>印发实施方案</td><td>市文明办</td></tr>
      <tr><td>3月底前</td><td>完成任务分解</td><td>各区人民政府</td></tr>
      <tr><td>集中整治</td><td>4月1日至9月30日</td><td>开展背街小巷整治</td><td>市城管局、各区人民政府</td></tr>
    </table><script>var x = "<td>9月</td>";</script></body></html>"""
    _, items = import_text(tmp_path, "安排.html", page, "--year", "2024")
    assert [(i.task.stage, i.task.task, i.task.units, i.end) for i in items] == [
        ("动员部署", "召开动员大会 印发实施方案", ("市文明办",), date(2024, 3, 10)),
        ("动员部署", "完成任务分解", ("各区人民政府",), date(2024, 3, 31)),
        ("集中整治", "开展背街小巷整治", ("市城管局", "各区人民政府"), date(2024, 9, 30)),
    ]


def test_a_scanned_pdf_without_text_is_refused_saying_so(tmp_path: Path) -> None:
    from schedgen.export.chart.face import face
    from schedgen.export.chart.fonts import bundled_font
    from schedgen.export.chart.pdf import pdf_document
    from schedgen.export.chart.scene import Page, Rect

    font = bundled_font()
    assert font is not None
    # a page with only a picture on it (a scan): shapes, no text
    data = pdf_document([Page(595, 842, (Rect(40, 40, 500, 700, fill="#dddddd"),))], face(font), title="扫描件")
    path = tmp_path / "扫描件.pdf"
    path.write_bytes(data)
    result = run("import", str(path), "-o", str(tmp_path / "out.yaml"))
    assert result.exit_code == 2 and "has no text layer" in result.stderr and "OCR" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out.yaml").exists()


def test_a_document_without_a_table_is_drafted_from_its_prose(tmp_path: Path) -> None:
    result, items = import_text(
        tmp_path,
        "通知.txt",
        "关于做好2024年秋冬种工作的通知\n各乡镇：\n一、抓好秋收。各乡镇要在10月31日前完成秋收，并报县农业农村局。\n",
    )
    assert "a draft: review every task" in result.output
    assert [i.end for i in items] == [date(2024, 10, 31)]


def corpus_tables() -> list[Path]:
    return sorted(p for p in CORPUS.glob("*.yaml") if "table" in yaml.safe_load(p.read_text(encoding="utf-8")))


@pytest.mark.parametrize("labels", corpus_tables(), ids=lambda p: p.stem)
def test_the_corpus_tables_are_read_row_by_row(tmp_path: Path, labels: Path) -> None:
    """Each real table of the corpus: the rows it has, the times and units of those rows."""
    doc = yaml.safe_load(labels.read_text(encoding="utf-8"))
    want = doc["table"]
    source = tmp_path / doc["text"]
    source.write_bytes((CORPUS / doc["text"]).read_bytes())
    target = tmp_path / "out.yaml"
    result = run("import", str(source), "-o", str(target), "--year", str(doc["year"]))
    assert result.exit_code in (0, 1), result.stderr  # 1: rows whose time needs a look, kept as written
    written = yaml.safe_load(target.read_text(encoding="utf-8"))
    tasks = [t for s in written.get("stages", []) for t in s["tasks"]] + written.get("tasks", [])
    assert len(tasks) == want["rows"]
    assert [t["when"] for t in tasks][: len(want["first"])] == want["first"]
    assert sum(bool(t.get("units") or t.get("lead")) for t in tasks) == want.get("with_units", 0)


def _render(kind: str, rows: list[list[str]], title: str, path: Path) -> Path:
    """The rows of a table written as a Word, Excel, PDF or HTML file, the title above it."""
    if kind == "docx":
        import docx

        document = docx.Document()
        document.add_paragraph(title)
        table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        document.save(str(path))
    elif kind == "xlsx":
        import openpyxl

        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append([title])
        for row in rows:
            sheet.append(row)
        book.save(str(path))
    elif kind == "html":
        from html import escape

        body = "".join(
            "<tr>" + "".join(f"<td>{escape(c).replace(chr(10), '<br>')}</td>" for c in row) + "</tr>" for row in rows
        )
        path.write_text(f"<html><body><p>{escape(title)}</p><table>{body}</table></body></html>", encoding="utf-8")
    else:
        columns = max(len(r) for r in rows)
        longest = [
            max(max((len(line) for line in (r[c] if c < len(r) else "").splitlines()), default=1) for r in rows)
            for c in range(columns)
        ]
        # short columns as wide as their longest cell, as a clerk sizes them; the long ones share the rest
        short = [n * 9.5 + 12 if n <= 16 else 0.0 for n in longest]
        rest = max(515 - sum(short), 100)
        widths = tuple(w or rest * n / sum(m for m in longest if m > 16) for w, n in zip(short, longest, strict=True))
        scale = min(1.0, 515 / sum(widths))
        path.write_bytes(pdf_table(rows, title, tuple(w * scale for w in widths)))
    return path


@pytest.mark.parametrize("kind", ["docx", "xlsx", "html", "pdf"])
@pytest.mark.parametrize("labels", corpus_tables(), ids=lambda p: p.stem)
def test_each_corpus_table_reads_the_same_from_word_excel_a_web_page_and_a_pdf(
    tmp_path: Path, labels: Path, kind: str
) -> None:
    """The corpus's real tables as their pages copy out, and the same rows typed into Word, Excel, a web
    page and a PDF: the same tasks, times, units and dates."""
    from schedgen.importers.documents import read_document

    doc = yaml.safe_load(labels.read_text(encoding="utf-8"))
    text = tmp_path / doc["text"]
    text.write_bytes((CORPUS / doc["text"]).read_bytes())
    rows = read_document(text).rows
    assert rows is not None
    year = str(doc["year"])

    def story(path: Path) -> dict[str, object]:
        """The schedule written: its year, window, stages and tasks (each with its time, units, notes)."""
        target = path.with_name(path.name + ".yaml")
        result = run("import", str(path), "-o", str(target), "--year", year)
        assert result.exit_code in (0, 1), result.stderr  # 1: a time that needs a look, kept as written
        written = yaml.safe_load(target.read_text(encoding="utf-8"))
        return {k: v for k, v in written.items() if k not in ("id", "title")}

    want = story(text)
    tasks = [t for s in want.get("stages", []) for t in s["tasks"]] + want.get("tasks", [])  # type: ignore[attr-defined]
    assert len(tasks) == doc["table"]["rows"]
    assert story(_render(kind, rows, "表", tmp_path / f"table.{kind}")) == want


def test_each_further_column_of_times_is_a_duty_of_the_row_named_by_its_header(tmp_path: Path) -> None:
    source = tmp_path / "考试.txt"
    source.write_bytes((CORPUS / "t-06.txt").read_bytes())
    target = tmp_path / "out.yaml"
    result = run("import", str(source), "-o", str(target))
    assert result.exit_code == 0, result.stderr
    (timeline,) = timelines([target])
    assert [(i.task.task, i.start, i.end) for i in timeline.items[:2]] == [
        ("第一期考试时间4月8—30日（报名时间）", date(2015, 3, 1), date(2015, 3, 3)),
        ("第一期考试时间4月8—30日（准考证打印）", date(2015, 4, 1), date(2015, 4, 7)),
    ]
    assert len(timeline.items) == 10 and "kept in each task's notes" not in result.output


def test_a_notice_with_its_table_gives_the_tables_rows_and_the_duties_its_text_names(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("关于做好2024年汛前准备工作的通知")
    document.add_paragraph(
        "各乡镇：现将汛前准备工作安排印发给你们。请于3月10日前将本乡镇防汛责任人名单报县应急管理局。"
    )
    rows = [["时间", "工作内容", "责任单位"], ["4月15日前", "完成汛前隐患排查", "各乡镇人民政府"]]
    table = document.add_table(rows=2, cols=3)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    path = tmp_path / "通知.docx"
    document.save(str(path))
    result, items = import_file(path)
    assert "1 of them drafted from the text around the table" in result.output
    assert [(i.task.when, i.end) for i in items] == [
        ("4月15日前", date(2024, 4, 15)),
        ("3月10日前", date(2024, 3, 10)),
    ]
    assert "# 表格之外的正文里起草了 1 项任务" in (tmp_path / "out.yaml").read_text(encoding="utf-8")


def test_a_web_page_whose_merged_cells_multiply_is_refused(tmp_path: Path) -> None:
    row = '<tr><td rowspan="1000" colspan="1000">时间</td><td>工作内容</td></tr>'
    page = f"<html><body><table>{row * 50}</table></body></html>"
    path = tmp_path / "bomb.html"
    path.write_text(page, encoding="utf-8")
    start = time.perf_counter()
    result = run("import", str(path), "-o", str(tmp_path / "out.yaml"))
    assert result.exit_code == 2 and "cells (limit 1,000,000)" in result.stderr, result.stderr
    assert time.perf_counter() - start < 20 and not (tmp_path / "out.yaml").exists()
