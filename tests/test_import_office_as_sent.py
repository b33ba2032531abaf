"""Office files as a clerk is sent them (review 6): a sheet or table laid out as Word, Excel, a CSV export or a
saved page writes it, and what the draft holds: every row read, or the row, sheet or table named that was not."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from click.testing import Result

from .conftest import run

HEADER = ["阶段", "时间", "工作任务", "责任单位"]
TOP = [["2024年工作配档表"], HEADER]
"""A sheet's first rows: its title and the header."""


def imported(source: Path, *extra: str) -> tuple[Result, list[tuple[str, str, str]]]:
    """Import `source` as a user would: the command's result and the (stage, time, task) of each task written."""
    target = source.with_suffix(".yaml")
    result = run("import", str(source), "-o", str(target), *extra)
    assert "Traceback" not in result.stderr
    if not target.exists():
        return result, []
    written = yaml.safe_load(target.read_text(encoding="utf-8"))
    tasks = [(s["name"], t["when"], t["task"]) for s in written.get("stages", []) for t in s["tasks"]]
    return result, tasks + [("", t["when"], t["task"]) for t in written.get("tasks", [])]


def workbook(**sheets: Sequence[Sequence[object]]) -> Any:
    """An Excel workbook of the sheets named, in order, each holding its rows from the first row on; the first
    is the active one."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    return book


def web_page(folder: Path, rows: str) -> Path:
    """A saved web page under the title of a plan, its table of `rows` (HTML `<tr>`s)."""
    path = folder / "配档表.html"
    path.write_text(
        '<html><head><meta charset="utf-8"></head><body><h1>2024年工作配档表</h1>'
        f'<table border="1">{rows}</table></body></html>',
        encoding="utf-8",
    )
    return path


def saved(document: Any, path: Path) -> Path:
    """`path`, where a workbook or a Word document is saved."""
    document.save(str(path))
    return path


def revise(paragraph: Any, struck: str, written: str) -> None:
    """Add to a Word paragraph (its `w:p`) a tracked change not yet accepted: `struck` deleted, `written` inserted."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for number, (kind, text_tag, text) in enumerate((("w:del", "w:delText", struck), ("w:ins", "w:t", written)), 1):
        change, run_, words = OxmlElement(kind), OxmlElement("w:r"), OxmlElement(text_tag)
        change.set(qn("w:id"), str(number))
        change.set(qn("w:author"), "审核人")
        words.text = text
        run_.append(words)
        change.append(run_)
        paragraph.append(change)


def word_table(document: object, rows: Sequence[Sequence[str]]) -> object:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))  # type: ignore[attr-defined]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    return table


def test_a_word_table_split_by_a_page_break_is_read_on_after_the_break(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("2024年工作配档表")
    word_table(document, [HEADER, ["准备", "3月底前", "制定方案", "市农业局"]])
    document.add_page_break()  # the rest of the table, its header not repeated: a table of its own in Word
    word_table(document, [["实施", "6月底前", "开展检查", "市财政局"], ["实施", "9月底前", "总结验收", "市财政局"]])
    path = saved(document, tmp_path / "配档表.docx")
    result, tasks = imported(path)
    assert result.exit_code == 0, result.stderr
    assert tasks == [
        ("准备", "3月底前", "制定方案"),
        ("实施", "6月底前", "开展检查"),
        ("实施", "9月底前", "总结验收"),
    ]


def test_a_title_merged_across_the_first_row_of_a_word_table_is_the_plans_title(tmp_path: Path) -> None:
    import docx

    document = docx.Document()  # no paragraph above: the title is the table's first row, merged across it
    rows = [["", "", "", ""], HEADER, ["准备", "3月底前", "制定方案", "市农业局"]]
    table = word_table(document, rows)
    table.cell(0, 0).merge(table.cell(0, 3)).text = "2024年安全生产工作配档表"  # type: ignore[attr-defined]
    path = saved(document, tmp_path / "配档表.docx")
    result, tasks = imported(path)
    assert result.exit_code == 0, result.stderr
    written = yaml.safe_load(path.with_suffix(".yaml").read_text(encoding="utf-8"))
    assert (written["title"], written["year"]) == ("2024年安全生产工作配档表", 2024)
    assert tasks == [("准备", "3月底前", "制定方案")]


def test_a_workbook_with_a_plan_on_each_sheet_names_the_sheets_not_imported(tmp_path: Path) -> None:
    book = workbook(
        一季度=[["2024年一季度工作配档表"], HEADER, ["准备", "3月底前", "制定方案", "市农业局"]],
        二季度=[["2024年二季度工作配档表"], HEADER, ["实施", "6月底前", "开展检查", "市财政局"]],
    )
    path = saved(book, tmp_path / "配档表.xlsx")
    result, tasks = imported(path)
    assert tasks == [("准备", "3月底前", "制定方案")]
    # the second sheet's plan is not taken in silently, nor lost without a word: the clerk is told how to import it
    assert result.exit_code == 1
    assert "工作表“二季度”" in result.stderr and "--sheet 二季度" in result.stderr
    written = path.with_suffix(".yaml").read_text(encoding="utf-8")
    assert "# 请检查：" in written and "--sheet 二季度" in written
    result, tasks = imported(path, "--sheet", "二季度", "--force")
    assert (result.exit_code, tasks) == (0, [("实施", "6月底前", "开展检查")])


def test_a_hidden_sheet_is_not_imported_before_the_sheet_the_clerk_sees(tmp_path: Path) -> None:
    book = workbook(
        旧版=[["2023年工作配档表"], HEADER, ["准备", "3月底前", "旧的任务", "市农业局"]],
        配档表=[*TOP, ["准备", "4月底前", "新的任务", "市农业局"]],
    )
    book["旧版"].sheet_state = "hidden"  # last year's version, hidden rather than deleted
    path = saved(book, tmp_path / "配档表.xlsx")
    result, tasks = imported(path)
    assert tasks == [("准备", "4月底前", "新的任务")]
    assert "隐藏的工作表“旧版”" in result.stderr and "--sheet 旧版" in result.stderr


def test_a_plan_only_on_a_hidden_sheet_is_imported_and_said_to_be_hidden(tmp_path: Path) -> None:
    book = workbook(说明=[["本表由各单位填报"]], 数据=[*TOP, ["准备", "4月底前", "新的任务", "市农业局"]])
    book["数据"].sheet_state = "hidden"
    path = saved(book, tmp_path / "配档表.xlsx")
    result, tasks = imported(path)
    assert tasks == [("准备", "4月底前", "新的任务")]
    assert "工作表“数据”在 Excel 里是隐藏的" in result.stderr


def test_a_time_changed_with_track_changes_on_is_read_as_changed(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("2024年工作配档表")
    table = word_table(document, [HEADER, ["准备", "", "制定方案", "市农业局"]])
    paragraph = table.cell(1, 1).paragraphs[0]._p  # type: ignore[attr-defined]
    # the reviser struck 3月底前 and wrote 6月底前: the file shows (and prints) 6月底前 until the change is refused
    revise(paragraph, "3月底前", "6月底前")
    path = saved(document, tmp_path / "配档表.docx")
    result, tasks = imported(path)
    assert tasks == [("准备", "6月底前", "制定方案")], result.stderr
    # the changes are not yet accepted: the clerk is told the draft reads them as accepted
    assert "修订" in result.stderr and "按接受全部修订后的文字导入" in result.stderr


def test_a_notice_in_word_with_track_changes_and_no_table_says_they_were_read_as_accepted(tmp_path: Path) -> None:
    # the tracked-changes warning was said only of a table: a notice drafted from its paragraphs was read with the
    # reviser's changes accepted and the clerk was told nothing of it
    import docx
    from docx.oxml import OxmlElement

    document = docx.Document()
    document.add_paragraph("关于做好2024年春季植树工作的通知")
    paragraph = document.add_paragraph("一、各村要在")._p  # type: ignore[attr-defined]
    revise(paragraph, "3月底前", "6月底前")
    run_, words = OxmlElement("w:r"), OxmlElement("w:t")
    words.text = "完成植树任务。"
    run_.append(words)
    paragraph.append(run_)
    document.add_paragraph("XX镇人民政府")
    document.add_paragraph("2024年3月1日")
    path = saved(document, tmp_path / "通知.docx")
    target = tmp_path / "通知.yaml"
    result = run("import", str(path), "-o", str(target))
    assert result.exit_code in (0, 1), result.stderr
    written = yaml.safe_load(target.read_text(encoding="utf-8"))
    tasks = written.get("tasks", []) + [t for stage in written.get("stages", []) for t in stage["tasks"]]
    assert [t["when"] for t in tasks] == ["6月底前"]
    assert "按接受全部修订后的文字导入" in result.stderr


def test_a_formula_saved_without_its_value_is_named_by_sheet_and_cell(tmp_path: Path) -> None:
    # a workbook written by a program (or saved by one that does not calculate): its formulas hold no value yet
    book = workbook(
        配档表=[
            *TOP,
            ["准备", '="3月"&"底前"', "制定方案", "市农业局"],
            ["实施", "6月底前", '=A3&"检查"', "市财政局"],
        ]
    )
    path = saved(book, tmp_path / "配档表.xlsx")
    result, _ = imported(path)
    assert result.exit_code == 1
    # the clerk is told which cells are formulas with nothing to read, and what to do, not only that a row is empty
    assert "工作表“配档表”的 B3、C4 是公式" in result.stderr
    assert "在 Excel 里打开并保存" in result.stderr


def test_a_row_needing_a_look_is_named_by_the_row_number_excel_shows(tmp_path: Path) -> None:
    rows = [
        ["2024年工作配档表"],  # row 1: the title
        ["填报单位：市农业局", "", "填报日期：2024年1月5日"],
        ["阶段", "工作任务", "时间", "", "责任单位"],  # rows 3 and 4: 时间 merged over 开始 | 结束
        ["", "", "开始", "结束", ""],
        ["准备", "制定方案", "3月1日", "3月20日", "市农业局"],  # row 5
        ["实施", "开展检查", "4月1日", "6月30日", "市财政局"],
        ["实施", "召开会议", "7月1日", "7月32日", "市财政局"],  # row 7: a day no month has
        ["总结", "总结验收", "11月1日", "11月30日", "市农业局"],
    ]
    book = workbook(配档表=rows)
    book.active.merge_cells("C3:D3")
    path = saved(book, tmp_path / "配档表.xlsx")
    result, tasks = imported(path)
    assert [t[2] for t in tasks] == ["制定方案", "开展检查", "召开会议", "总结验收"]
    assert tasks[0][1] == "3月1日至3月20日"
    assert "第 7 行的时间“7月1日至7月32日”读不懂" in result.stderr


def test_a_csv_row_needing_a_look_is_named_by_its_row_under_a_title(tmp_path: Path) -> None:
    path = tmp_path / "配档表.csv"
    path.write_text(
        "2024年工作配档表,,,\n" + ",".join(HEADER) + "\n准备,3月底前,制定方案,市农业局\n准备,,召开会议,市农业局\n"
    )
    result, tasks = imported(path)
    assert [t[2] for t in tasks] == ["制定方案", "召开会议"]
    assert "第 4 行没有时间：召开会议" in result.stderr


def test_a_remark_row_under_the_table_is_not_dropped_without_a_word(tmp_path: Path) -> None:
    book = workbook(
        配档表=[
            *TOP,
            ["准备", "3月底前", "制定方案", "市农业局"],
            ["备注：各单位于每月25日前报送工作进展情况。"],  # row 4, merged across the table
        ]
    )
    book.active.merge_cells("A4:D4")
    path = saved(book, tmp_path / "配档表.xlsx")
    result, tasks = imported(path)
    assert tasks[0] == ("准备", "3月底前", "制定方案")
    # the remark names a duty of its own: drafted, or named with its row, never a stage with nothing in it
    remarked = (
        any("每月25日前" in t[1] for t in tasks)
        or "第 4 行“备注：各单位于每月25日前报送工作进展情况。”" in result.stderr
    )
    assert remarked, (tasks, result.stderr)


def test_a_csv_apart_by_semicolons_or_tabs_is_read_as_its_table(tmp_path: Path) -> None:
    rows = [HEADER, ["准备", "3月底前", "制定方案；报审", "市农业局"], ["实施", "6月底前", "开展检查", "市财政局"]]
    # Excel where the list separator is `;`, and a tab-separated export (Excel's Unicode text, in UTF-16)
    for name, separator, encoding in (("分号.csv", ";", "gb18030"), ("制表符.csv", "\t", "utf-16")):
        path = tmp_path / name
        text = "2024年工作配档表\r\n" + "".join(separator.join(row) + "\r\n" for row in rows)
        path.write_bytes(text.encode(encoding))
        result, tasks = imported(path)
        assert (result.exit_code, tasks) == (
            0,
            [("准备", "3月底前", "制定方案；报审"), ("实施", "6月底前", "开展检查")],
        ), (name, result.stderr)


def test_a_time_merged_across_a_start_and_an_end_column_keeps_the_task_as_written(tmp_path: Path) -> None:
    result, tasks = imported(
        web_page(
            tmp_path,
            '<tr><th rowspan="2">阶段</th><th colspan="2">时间</th><th rowspan="2">工作任务</th>'
            '<th rowspan="2">责任单位</th></tr><tr><th>开始</th><th>结束</th></tr>'
            "<tr><td>准备</td><td>3月1日</td><td>3月20日</td><td>制定方案</td><td>市农业局</td></tr>"
            '<tr><td>实施</td><td colspan="2">6月底前</td><td>开展检查</td><td>市财政局</td></tr>',
        )
    )
    # one time across both columns is the row's time: the task is as written, not named after one column
    assert (result.exit_code, tasks) == (0, [("准备", "3月1日至3月20日", "制定方案"), ("实施", "6月底前", "开展检查")])


def test_a_plan_table_inside_a_layout_table_of_a_word_file_is_read_as_a_table(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("2024年工作配档表")
    frame = document.add_table(rows=1, cols=1)  # a frame around the page's content, as a template lays it out
    rows = [HEADER, ["准备", "3月底前", "制定方案", "市农业局"], ["实施", "6月底前", "开展检查", "市财政局"]]
    word_table(frame.cell(0, 0), rows)
    path = saved(document, tmp_path / "配档表.docx")
    result, tasks = imported(path)
    assert (result.exit_code, tasks) == (0, [("准备", "3月底前", "制定方案"), ("实施", "6月底前", "开展检查")])
    assert yaml.safe_load(path.with_suffix(".yaml").read_text(encoding="utf-8"))["title"] == "2024年工作配档表"


def test_hidden_rows_and_columns_of_a_sheet_are_said_to_be_imported(tmp_path: Path) -> None:
    book = workbook(
        配档表=[
            ["2024年工作配档表"],
            [*HEADER, "内部意见"],
            ["准备", "3月底前", "制定方案", "市农业局", "不公开"],
            ["准备", "4月底前", "作废的任务", "市农业局"],  # row 4, hidden rather than deleted
            ["实施", "6月底前", "开展检查", "市财政局"],
        ]
    )
    sheet = book.active
    sheet.row_dimensions[4].hidden = True
    sheet.column_dimensions["E"].hidden = True
    path = saved(book, tmp_path / "配档表.xlsx")
    result, tasks = imported(path)
    # what the clerk never saw on screen is not published without a word: the draft names the rows and columns
    assert "作废的任务" in [t[2] for t in tasks]
    assert "工作表“配档表”的第 4 行在 Excel 里是隐藏的" in result.stderr
    assert "工作表“配档表”的 E 列（内部意见）在 Excel 里是隐藏的" in result.stderr


def test_a_row_a_web_page_hides_is_not_imported_and_is_named(tmp_path: Path) -> None:
    result, tasks = imported(
        web_page(
            tmp_path,
            "<tr><th>阶段</th><th>时间</th><th>工作任务</th><th>责任单位</th></tr>"
            "<tr><td>准备</td><td>3月底前</td><td>制定方案</td><td>市农业局</td></tr>"
            '<tr style="display: none"><td>准备</td><td>1月底前</td><td>旧的任务</td><td>市农业局</td></tr>'
            "<tr><td>实施</td><td>6月底前</td><td>开展检查<span hidden>（内部）</span></td><td>市财政局</td></tr>",
        )
    )
    # the draft holds what a reader of the page sees, and says what the page hides
    assert tasks == [("准备", "3月底前", "制定方案"), ("实施", "6月底前", "开展检查")]
    assert "旧的任务" in result.stderr and "隐藏" in result.stderr


def test_a_title_in_a_word_text_box_is_read_once(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    # Word writes a text box twice: for itself (mc:Choice) and for old versions (mc:Fallback)
    names = (
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml"'
    )
    box = "<w:txbxContent><w:p><w:r><w:t>2024年安全生产工作配档表</w:t></w:r></w:p></w:txbxContent>"
    document.add_paragraph()._p.append(
        parse_xml(
            f'<w:r {names}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>{box}</wps:txbx>'
            f"</w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>{box}</v:textbox></w:pict></mc:Fallback>"
            "</mc:AlternateContent></w:r>"
        )
    )
    word_table(document, [HEADER, ["准备", "3月底前", "制定方案", "市农业局"]])
    path = saved(document, tmp_path / "配档表.docx")
    result, tasks = imported(path)
    assert (result.exit_code, tasks) == (0, [("准备", "3月底前", "制定方案")]), result.stderr
    assert yaml.safe_load(path.with_suffix(".yaml").read_text(encoding="utf-8"))["title"] == "2024年安全生产工作配档表"


def test_an_excel_date_shown_without_its_year_or_day_is_read_as_the_sheet_shows_it(tmp_path: Path) -> None:
    import datetime

    book = workbook(
        配档表=[
            ["2024年工作配档表"],
            ["阶段", "完成时间", "工作任务", "责任单位"],
            # typed in December 2023 as 3月1日: Excel keeps the day of the year it was typed in, and shows 3月1日
            ["准备", datetime.date(2023, 3, 1), "制定方案", "市农业局"],
            # typed as 2024年6月: Excel keeps the month's first day, and shows 2024年6月 (完成时间: by its end)
            ["实施", datetime.date(2024, 6, 1), "开展检查", "市财政局"],
            ["总结", datetime.date(2024, 11, 30), "总结验收", "市农业局"],  # a whole date: that day
        ]
    )
    sheet = book.active
    sheet["B3"].number_format = 'm"月"d"日"'
    sheet["B4"].number_format = 'yyyy"年"m"月"'
    sheet["B5"].number_format = "yyyy/m/d"
    path = saved(book, tmp_path / "配档表.xlsx")
    result, tasks = imported(path)
    assert (result.exit_code, tasks) == (
        0,
        [("准备", "3月1日", "制定方案"), ("实施", "2024年6月底前", "开展检查"), ("总结", "2024-11-30", "总结验收")],
    ), result.stderr


def with_footnote(path: Path, marked: str, note: str) -> None:
    """Give the Word file at `path` a footnote `note`, its mark after the cell text `marked`, as Word writes one."""
    import zipfile

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    body = parts["word/document.xml"].decode()
    mark = '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'
    parts["word/document.xml"] = body.replace(
        f"<w:t>{marked}</w:t></w:r>", f"<w:t>{marked}</w:t></w:r>{mark}", 1
    ).encode()
    parts["word/footnotes.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {w}>'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        f'<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {note}</w:t></w:r></w:p>'
        "</w:footnote></w:footnotes>"
    ).encode()
    # the part is named by the document's relationships and given its type
    for name, closing, entry in (
        (
            "word/_rels/document.xml.rels",
            "</Relationships>",
            '<Relationship Id="rIdNote" Target="footnotes.xml" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"/>',
        ),
        (
            "[Content_Types].xml",
            "</Types>",
            '<Override PartName="/word/footnotes.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>',
        ),
    ):
        parts[name] = parts[name].decode().replace(closing, entry + closing).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_a_footnote_on_a_word_table_cell_is_kept_with_its_task(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("2024年工作配档表")
    word_table(document, [HEADER, ["准备", "3月31日前", "制定方案", "市农业局"]])
    path = saved(document, tmp_path / "配档表.docx")
    with_footnote(path, "3月31日前", "遇法定节假日顺延至节后第一个工作日。")
    result, tasks = imported(path)
    assert (result.exit_code, tasks) == (0, [("准备", "3月31日前", "制定方案")]), result.stderr
    written = yaml.safe_load(path.with_suffix(".yaml").read_text(encoding="utf-8"))
    assert "遇法定节假日顺延至节后第一个工作日。" in written["stages"][0]["tasks"][0]["notes"]


def test_duties_numbered_by_word_in_a_cell_pair_with_the_times_beside_them(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("2024年工作配档表")
    table = word_table(document, [HEADER, ["准备", "", "", "市农业局"]])
    # the numbers are Word's (the numbering button: a list of decimal numbers with 、), not in the text
    numbering = document.part.numbering_part.element
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    numbering.append(
        parse_xml(
            f'<w:abstractNum {w} w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>'
        )
    )
    numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    duties, times = table.cell(1, 2), table.cell(1, 1)  # type: ignore[attr-defined]
    duties.paragraphs[0].text = "制定方案"
    duties.add_paragraph("召开会议")
    for paragraph in duties.paragraphs:
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {w}><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>')
        )
    times.paragraphs[0].text = "3月底前"
    times.add_paragraph("4月底前")
    path = saved(document, tmp_path / "配档表.docx")
    result, tasks = imported(path)
    assert (result.exit_code, tasks) == (0, [("准备", "3月底前", "1、制定方案"), ("准备", "4月底前", "2、召开会议")]), (
        result.stderr
    )


SECTIONED = [
    ["序号", "时间", "工作任务", "责任单位"],
    ["一、准备阶段", "", "", ""],  # a heading row, its cell merged across the table
    ["1", "3月底前", "制定方案", "市农业局"],
    ["2", "4月底前", "召开会议", "市农业局"],
    ["二、实施阶段", "", "", ""],
    ["3", "6月底前", "开展检查", "市财政局"],
]
SECTIONS = [
    ("一、准备阶段", "3月底前", "制定方案"),
    ("一、准备阶段", "4月底前", "召开会议"),
    ("二、实施阶段", "6月底前", "开展检查"),
]


def test_a_heading_row_merged_across_a_word_table_groups_the_rows_below_it(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("2024年工作配档表")
    table = word_table(document, SECTIONED)
    for row in (1, 4):
        table.cell(row, 0).merge(table.cell(row, 3)).text = SECTIONED[row][0]  # type: ignore[attr-defined]
    result, tasks = imported(saved(document, tmp_path / "配档表.docx"))
    assert (result.exit_code, tasks) == (0, SECTIONS), result.stderr


def test_a_heading_row_merged_across_a_sheet_groups_the_rows_below_it(tmp_path: Path) -> None:
    book = workbook(配档表=[["2024年工作配档表"], *SECTIONED])
    for row in (3, 6):
        book.active.merge_cells(f"A{row}:D{row}")
    result, tasks = imported(saved(book, tmp_path / "配档表.xlsx"))
    assert (result.exit_code, tasks) == (0, SECTIONS), result.stderr


def test_the_numbered_empty_rows_of_a_template_are_no_headings_and_no_warnings(tmp_path: Path) -> None:
    book = workbook(配档表=[["2024年工作配档表"], *SECTIONED, ["4"], ["5"]])
    for row in (3, 6):
        book.active.merge_cells(f"A{row}:D{row}")
    result, tasks = imported(saved(book, tmp_path / "配档表.xlsx"))
    assert (result.exit_code, tasks) == (0, SECTIONS), result.stderr


def test_words_moved_with_track_changes_on_are_read_once_where_they_went(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("2024年工作配档表")
    table = word_table(document, [HEADER, ["准备", "3月底前", "", "市农业局"]])
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    # the reviser moved 抓紧 from the end of the duty to its start: Word shows it where it went
    paragraph = table.cell(1, 2).paragraphs[0]._p  # type: ignore[attr-defined]
    for xml in (
        f'<w:moveTo {w} w:id="1" w:author="审核人"><w:r><w:t>抓紧</w:t></w:r></w:moveTo>',
        f"<w:r {w}><w:t>制定方案</w:t></w:r>",
        f'<w:moveFrom {w} w:id="2" w:author="审核人"><w:r><w:t>抓紧</w:t></w:r></w:moveFrom>',
    ):
        paragraph.append(parse_xml(xml))
    result, tasks = imported(saved(document, tmp_path / "配档表.docx"))
    assert tasks == [("准备", "3月底前", "抓紧制定方案")], result.stderr


def test_an_excel_date_number_shown_as_a_number_is_said_to_be_one(tmp_path: Path) -> None:
    # a date cell whose format was cleared (or pasted as values): the sheet shows Excel's day number, 45382
    book = workbook(配档表=[*TOP, ["准备", 45382, "制定方案", "市农业局"]])
    result, tasks = imported(saved(book, tmp_path / "配档表.xlsx"))
    assert tasks == [("准备", "45382", "制定方案")]
    assert "第 3 行的时间“45382”读不懂" in result.stderr and "2024-03-31" in result.stderr


def test_a_tables_footer_written_before_its_body_is_read_at_the_foot_as_a_browser_shows_it(tmp_path: Path) -> None:
    result, tasks = imported(
        web_page(
            tmp_path,
            "<thead><tr><th>序号</th><th>时间</th><th>工作任务</th><th>责任单位</th></tr></thead>"
            '<tfoot><tr><td colspan="4">注：以上任务由县政府督查室跟踪督办。</td></tr></tfoot>'  # HTML 4's place for it
            "<tbody><tr><td>1</td><td>3月底前</td><td>制定方案</td><td>市农业局</td></tr>"
            "<tr><td>2</td><td>6月底前</td><td>开展检查</td><td>市财政局</td></tr></tbody>",
        )
    )
    # the footer is no heading over the rows: they are the table's own, and the footer is named below them
    assert tasks == [("", "3月底前", "制定方案"), ("", "6月底前", "开展检查")]
    assert "第 4 行“注：以上任务由县政府督查室跟踪督办。”下面没有任务" in result.stderr


def test_a_start_column_with_a_cell_that_is_no_time_still_starts_the_other_rows_spans(tmp_path: Path) -> None:
    book = workbook(
        配档表=[
            ["2024年工作配档表"],
            ["阶段", "工作任务", "开始时间", "结束时间", "责任单位"],
            ["准备", "制定方案", "3月1日", "3月20日", "市农业局"],
            ["准备", "召开会议", "待定", "4月30日", "市农业局"],  # its start not yet fixed
        ]
    )
    _, tasks = imported(saved(book, tmp_path / "配档表.xlsx"))
    # the first row runs from its start to its end; the second, whose start is no time, is due by its end, and its
    # start is kept in its notes
    assert tasks == [("准备", "3月1日至3月20日", "制定方案"), ("准备", "4月30日", "召开会议")]
    written = yaml.safe_load((tmp_path / "配档表.yaml").read_text(encoding="utf-8"))
    assert [t.get("notes") for t in written["stages"][0]["tasks"]] == [None, "开始时间：待定"]
