"""Importing 配档表 from Word, Excel, CSV and text, and drafting schedules from prose plans."""

from __future__ import annotations

import gc
import itertools
import re
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import yaml

from schedgen.load import load
from schedgen.plans import timelines

from .conftest import SCHEDULES, SEEDS, run

ANQIU_TEXT = next(SEEDS.glob("000_*.txt"), None) if SEEDS.is_dir() else None
HAIDONG_TEXT = next(SEEDS.glob("001_*.txt"), None) if SEEDS.is_dir() else None
needs_seeds = pytest.mark.skipif(ANQIU_TEXT is None, reason="the seed plans live in ../shared/seeds")


def anqiu_table() -> list[list[str]]:
    """The Anqiu table as rows (stage cell empty below its first row, as merged cells read)."""
    plan = load(SCHEDULES / "anqiu-eco-farm.yaml")
    raw = yaml.safe_load((SCHEDULES / "anqiu-eco-farm.yaml").read_text(encoding="utf-8"))
    rows = [["阶段", "时间", "重点任务", "责任单位"]]
    for stage, raw_stage in zip(plan.stages, raw["stages"], strict=True):
        for n, raw_task in enumerate(raw_stage["tasks"]):
            rows.append([stage.name if n == 0 else "", raw_task["when"], raw_task["task"], raw_task["units"]])
    return rows


def story(path: Path) -> list[tuple[object, ...]]:
    """What a reader of the timeline sees for each task, units read through the hand-written registry."""
    aliases = {"财政局": "市财政局"}
    (timeline,) = timelines([path])
    return [
        (
            i.task.stage,
            i.task.task,
            i.task.when,
            tuple(aliases.get(u, u) for u in i.task.units),
            i.start,
            i.end,
            tuple(o.due for o in i.occurrences),
        )
        for i in timeline.items
    ]


def imported(tmp_path: Path, source: Path, *extra: str) -> Path:
    target = tmp_path / "out.yaml"
    result = run("import", str(source), "-o", str(target), "--year", "2023", *extra)
    assert result.exit_code == 0, result.stderr
    assert "wrote" in result.output and "22 task(s)" in result.output
    assert run("check", str(target)).exit_code == 0
    return target


@needs_seeds
def test_text_import_gives_the_hand_written_timeline(tmp_path: Path) -> None:
    target = imported(tmp_path, ANQIU_TEXT)  # type: ignore[arg-type]
    assert story(target) == story(SCHEDULES / "anqiu-eco-farm.yaml")
    document = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert document["title"] == "安丘市生态农场建设工作配档表" and document["source"] == "附件2"
    assert [s["name"] for s in document["stages"]] == ["准备发动阶段", "实施推进阶段", "总结验收阶段"]


def test_docx_with_merged_stage_cells(tmp_path: Path) -> None:
    import docx

    rows = anqiu_table()
    document = docx.Document()
    document.add_paragraph("附件2")
    document.add_paragraph("安丘市生态农场建设工作配档表")
    table = document.add_table(rows=len(rows), cols=4)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    starts = [r for r, row in enumerate(rows) if r and row[0]] + [len(rows)]
    for first, nxt in itertools.pairwise(starts):
        merged = table.cell(first, 0).merge(table.cell(nxt - 1, 0))
        merged.text = rows[first][0]
    path = tmp_path / "安丘配档表.docx"
    document.save(str(path))
    assert story(imported(tmp_path, path)) == story(SCHEDULES / "anqiu-eco-farm.yaml")


def test_xlsx_with_a_title_row_and_merged_cells(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "配档表"
    sheet.append(["安丘市生态农场建设工作配档表"])
    rows = anqiu_table()
    for row in rows:
        sheet.append(row)
    starts = [r for r, row in enumerate(rows) if r and row[0]] + [len(rows)]
    for first, nxt in itertools.pairwise(starts):
        sheet.merge_cells(start_row=first + 2, start_column=1, end_row=nxt + 1, end_column=1)
    path = tmp_path / "anqiu.xlsx"
    book.save(str(path))
    target = imported(tmp_path, path, "--sheet", "配档表")
    assert story(target) == story(SCHEDULES / "anqiu-eco-farm.yaml")
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["title"] == "安丘市生态农场建设工作配档表"


def test_csv_in_gb18030_with_columns_in_another_order(tmp_path: Path) -> None:
    import csv
    import io

    rows = [[r[2], r[3], r[1], r[0]] for r in anqiu_table()]
    rows[0] = ["工作任务", "责任单位", "完成时限", "阶段"]
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    path = tmp_path / "anqiu.csv"
    path.write_bytes(out.getvalue().encode("gb18030"))
    assert story(imported(tmp_path, path)) == story(SCHEDULES / "anqiu-eco-farm.yaml")


def test_unreadable_time_is_kept_and_reported_by_row(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text(
        "阶段,时间,重点任务,责任单位\n准备,2月20日前,甲,市农业农村局\n,下个月,乙,市财政局\n,2月30日前,丙,\n",
        encoding="utf-8",
    )
    target = tmp_path / "plan.yaml"
    result = run("import", str(path), "-o", str(target), "--year", "2023")
    assert result.exit_code == 1
    assert "第 3 行的时间“下个月”读不懂" in result.stderr and "第 4 行的时间“2月30日前”读不懂" in result.stderr
    tasks = yaml.safe_load(target.read_text(encoding="utf-8"))["stages"][0]["tasks"]
    assert [t["when"] for t in tasks] == ["2月20日前", "下个月", "2月30日前"]
    assert "# 请检查：第 3 行" in target.read_text(encoding="utf-8")


def test_a_csv_cell_over_the_csv_modules_field_limit_is_imported(tmp_path: Path) -> None:
    long_task = "完成高标准农田建设" * 20_000  # 180,000 characters: over the csv module's 131,072
    path = tmp_path / "plan.csv"
    path.write_text(f"时间,重点任务,责任单位\n3月1日前,{long_task},市农业农村局\n", encoding="utf-8")
    target = tmp_path / "plan.yaml"
    result = run("import", str(path), "-o", str(target), "--year", "2024")
    assert result.exit_code == 0, result.stderr
    (task,) = yaml.safe_load(target.read_text(encoding="utf-8"))["tasks"]
    assert (task["when"], task["task"], task["units"]) == ("3月1日前", long_task, "市农业农村局")


def test_control_characters_in_a_csv_cell_are_not_imported(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text("时间,重点任务,责任单位\n3月1日\0前,成立\x07领导\0小组,市农业\x1b农村局\n", encoding="utf-8")
    target = tmp_path / "plan.yaml"
    result = run("import", str(path), "-o", str(target), "--year", "2024")
    assert result.exit_code == 0, result.stderr
    written = target.read_text(encoding="utf-8")
    (task,) = yaml.safe_load(written)["tasks"]
    assert (task["when"], task["task"], task["units"]) == ("3月1日前", "成立领导小组", "市农业农村局")
    assert "\\0" not in written and "\\a" not in written and "\\e" not in written


def test_refuses_to_overwrite_unless_forced(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text("时间,重点任务\n3月1日前,甲\n", encoding="utf-8")
    target = tmp_path / "plan.yaml"
    target.write_text("# 手写的计划\n", encoding="utf-8")
    result = run("import", str(path), "-o", str(target), "--year", "2024")
    assert result.exit_code == 2 and "exists" in result.stderr
    assert target.read_text(encoding="utf-8") == "# 手写的计划\n"
    assert run("import", str(path), "-o", str(target), "--year", "2024", "--force").exit_code == 0


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.docx", b"", "the file is empty"),
        ("notes.txt", "这只是一段说明文字。\n没有表格。\n".encode(), "no table with a header row"),
        ("locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2000, "password-protected"),
        ("broken.xlsx", b"PK\x03\x04 not really a zip", "not a Excel .xlsx file"),
        ("plan.pdf", b"%PDF-1.4", "not a readable PDF"),
        ("plan.doc", b"\xd0\xcf\x11\xe0", "cannot read .doc files; use .txt, .docx, .xlsx, .csv, .html or .pdf"),
    ],
)
def test_bad_files_fail_clearly_and_write_nothing(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    target = tmp_path / "out.yaml"
    result = run("import", str(source), "-o", str(target))
    assert result.exit_code == 2 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and not target.exists()


def test_a_50_mb_sheet_is_refused_quickly(tmp_path: Path) -> None:
    source = tmp_path / "huge.xlsx"
    with source.open("wb") as f:
        f.truncate(50_000_000)
    start = time.perf_counter()
    result = run("import", str(source), "-o", str(tmp_path / "out.yaml"))
    assert result.exit_code == 2 and "too large" in result.stderr
    assert time.perf_counter() - start < 2 and not (tmp_path / "out.yaml").exists()


def test_a_zip_bomb_is_refused(tmp_path: Path) -> None:
    import zipfile

    source = tmp_path / "bomb.docx"
    with zipfile.ZipFile(source, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * 250_000_000)
    result = run("import", str(source), "-o", str(tmp_path / "out.yaml"))
    assert result.exit_code == 2 and "unpacks to more than" in result.stderr


@pytest.mark.skipif(HAIDONG_TEXT is None, reason="the seed plans live in ../shared/seeds")
def test_extract_haidong_finds_reports_and_key_tasks(tmp_path: Path) -> None:
    target = tmp_path / "haidong.yaml"
    result = run("extract", str(HAIDONG_TEXT), "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert run("check", str(target)).exit_code == 0
    document = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert document["year"] == 2024
    loose = document["tasks"]
    (reports,) = [t for t in loose if t["when"] == "5月10日、9月10日、11月10日前"]
    assert reports["notes"] == "报送至市打造输出地领导小组办公室"
    assert "各县区各市直相关部门" in reports["units"]
    assert {t["when"] for t in loose} >= {"一月一上报", "每季度一督查", "半年一总结"}
    staged = {t["task"]: t for s in document["stages"] for t in s["tasks"]}
    farmland = staged["2. 加强耕地保护和建设。"]
    assert (farmland["lead"], farmland["support"], farmland["units"]) == (
        "市农业农村局、市自然资源规划局",
        "市生态环境局、市水务局",
        "各县区人民政府",
    )
    assert staged["15. 强化科技支撑能力。"]["when"] == "年底前"
    names = [s["name"] for s in document["stages"]]
    assert names[:3] == ["政策保障", "基础性工作", "重点突破性工作"]


def imported_tasks(tmp_path: Path, source: Path) -> list[tuple[object, ...]]:
    """Import a table and return what a reader of the timeline sees: stage, task, when, roles, due day."""
    target = tmp_path / "imported.yaml"
    result = run("import", str(source), "-o", str(target), "--year", "2024")
    assert result.exit_code == 0, result.stderr
    (timeline,) = timelines([target])
    return [
        (i.task.stage, i.task.task, i.task.when, i.task.lead, i.task.support, i.task.units, i.end)
        for i in timeline.items
    ]


def test_docx_with_target_and_work_columns_and_a_merged_target(tmp_path: Path) -> None:
    import docx

    rows = [
        ["序号", "目标任务", "工作任务", "牵头单位", "配合单位", "完成时限"],
        ["1", "农田建设", "完成高标准农田建设5万亩", "市农业农村局", "市财政局", "10月底前"],
        ["2", "", "完成农田建设项目验收", "市农业农村局", "", "12月20日前"],
        ["3", "品牌培育", "评定市级示范社40家", "市农业农村局", "市市场监管局", "11月30日前"],
    ]
    document = docx.Document()
    document.add_paragraph("2024年农业重点工作任务分解表")
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(1, 1).merge(table.cell(2, 1)).text = "农田建设"
    path = tmp_path / "分解表.docx"
    document.save(str(path))
    assert imported_tasks(tmp_path, path) == [
        ("农田建设", "完成高标准农田建设5万亩", "10月底前", ("市农业农村局",), ("市财政局",), (), date(2024, 10, 31)),
        ("农田建设", "完成农田建设项目验收", "12月20日前", ("市农业农村局",), (), (), date(2024, 12, 20)),
        ("品牌培育", "评定市级示范社40家", "11月30日前", ("市农业农村局",), ("市市场监管局",), (), date(2024, 11, 30)),
    ]


def test_docx_with_two_tables_in_different_layouts(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("2024年乡村振兴重点工作安排")
    for rows in (
        [["序号", "重点任务", "责任单位", "计划完成时间"], ["1", "建成村级综合服务站12个", "各镇街", "9月30日前"]],
        [["时间节点", "工作内容", "牵头单位"], ["6月底前", "完成农村改厕任务", "区农业农村局"]],
    ):
        document.add_paragraph("附表")
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
    path = tmp_path / "安排.docx"
    document.save(str(path))
    assert imported_tasks(tmp_path, path) == [
        (None, "建成村级综合服务站12个", "9月30日前", (), (), ("各镇街",), date(2024, 9, 30)),
        (None, "完成农村改厕任务", "6月底前", ("区农业农村局",), (), (), date(2024, 6, 30)),
    ]


def test_xlsx_with_stacked_tables_and_a_time_merged_over_rows(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["2024年水利工作任务清单"])
    sheet.append(["序号", "主要内容", "时间安排", "责任单位", "配合单位"])
    sheet.append([1, "完成水毁工程修复", "5月31日前", "县水利局", "各乡镇"])
    sheet.append([2, "完成河道清淤", None, "县水利局", None])
    sheet.append([])
    sheet.append(["工作任务", "责任单位", "时间节点"])
    sheet.append(["开展汛前检查", "县应急管理局", "4月15日前"])
    sheet.merge_cells("C3:C4")
    path = tmp_path / "清单.xlsx"
    book.save(str(path))
    assert imported_tasks(tmp_path, path) == [
        (None, "完成水毁工程修复", "5月31日前", (), ("各乡镇",), ("县水利局",), date(2024, 5, 31)),
        (None, "完成河道清淤", "5月31日前", (), (), ("县水利局",), date(2024, 5, 31)),
        (None, "开展汛前检查", "4月15日前", (), (), ("县应急管理局",), date(2024, 4, 15)),
    ]


def hostile_docx(path: Path) -> Path:
    """A Word table whose XML declares an entity bomb and an external entity."""
    import zipfile

    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=4)
    for row, cells in enumerate((("阶段", "时间", "重点任务", "责任单位"), ("准备", "2月20日前", "任务", "市财政局"))):
        for column, text in enumerate(cells):
            table.cell(row, column).text = text
    plain = path.with_name("plain.docx")
    document.save(str(plain))
    with zipfile.ZipFile(plain) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {b} "{("&" + a + ";") * 10}">' for a, b in zip("abcde", "bcdef", strict=True)
    )
    head = f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE w:document [{entities}<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    body = parts["word/document.xml"].decode().split("?>", 1)[1].replace("任务", "&f;&x;", 1)
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, (head + body).encode() if name == "word/document.xml" else data)
    return path


@pytest.mark.parametrize("command", ["import", "extract"])
def test_a_hostile_word_file_is_refused_clearly(tmp_path: Path, command: str) -> None:
    source = hostile_docx(tmp_path / "bomb.docx")
    result = run(command, str(source), "-o", str(tmp_path / "out.yaml"), "--year", "2024")
    assert result.exit_code == 2 and "declares a DTD" in result.stderr
    assert not (tmp_path / "out.yaml").exists()


# ----- hostile office files: bounded before they are expanded, refused with a clear error ------------

HEADER = ("阶段", "时间", "重点任务", "责任单位")


def rezipped(made: bytes, path: Path, part: str, edit: Callable[[str], str]) -> Path:
    """The office file `made` with one XML part rewritten by `edit`: hostile files are built here, not committed."""
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(made)) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            data = source.read(name)
            target.writestr(name, edit(data.decode()).encode() if name == part else data)
    return path


def small_xlsx(path: Path, edit: Callable[[str], str]) -> Path:
    import io

    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "任务表"
    book.active.append(HEADER)
    book.active.append(("准备", "2月20日前", "任务", "市财政局"))
    out = io.BytesIO()
    book.save(out)
    return rezipped(out.getvalue(), path, "xl/worksheets/sheet1.xml", edit)


def small_docx(path: Path, edit: Callable[[str], str]) -> Path:
    import io

    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=4)
    for row, cells in enumerate((HEADER, ("准备", "2月20日前", "任务", "市财政局"))):
        for column, text in enumerate(cells):
            table.cell(row, column).text = text
    out = io.BytesIO()
    document.save(out)
    return rezipped(out.getvalue(), path, "word/document.xml", edit)


def with_prolog(declaration: str) -> Callable[[str], str]:
    """Put a DOCTYPE before the root element (after the XML declaration when there is one)."""

    def edit(xml: str) -> str:
        if xml.startswith("<?"):
            head, body = xml.split("?>", 1)
            return f"{head}?>{declaration}{body}"
        return declaration + xml

    return edit


def inline_cell(reference: str) -> Callable[[str], str]:
    return lambda xml: xml.replace("</row>", f'<c r="E1" t="inlineStr"><is><t>{reference}</t></is></c></row>', 1)


LAUGHS = '<!ENTITY a "aaaaaaaaaa">' + "".join(
    f'<!ENTITY {b} "{("&" + a + ";") * 10}">' for a, b in zip("abcdefgh", "bcdefghi", strict=True)
)


def import_fails(tmp_path: Path, source: Path, *words: str, command: str = "import") -> str:
    """Import `source` under a memory cap: it must fail with exit 2, a message holding `words`, no file."""
    import resource

    target = tmp_path / "out.yaml"
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    # a regression must fail this test, not take the machine: 3 GB is far above what a 10 kB file needs
    resource.setrlimit(resource.RLIMIT_AS, (3_000_000_000, hard))
    try:
        result = run(command, str(source), "-o", str(target), "--year", "2024")
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    assert result.exit_code == 2, result.stderr
    assert "Traceback" not in result.stderr and not target.exists()
    for word in (str(source), *words):
        assert word in result.stderr, result.stderr
    return result.stderr


def test_an_excel_merge_over_the_whole_sheet_is_refused_before_it_is_expanded(tmp_path: Path) -> None:
    merge = '</sheetData><mergeCells count="1"><mergeCell ref="A40:XFD1048576"/></mergeCells>'
    source = small_xlsx(tmp_path / "merge.xlsx", lambda xml: xml.replace("</sheetData>", merge))
    assert source.stat().st_size < 10_000
    import_fails(tmp_path, source, "sheet `任务表`", "A40:XFD1048576", "16,384 columns", "at most 100")


def test_an_excel_cell_at_the_last_column_is_refused(tmp_path: Path) -> None:
    source = small_xlsx(tmp_path / "wide.xlsx", lambda xml: xml.replace("</row>", '<c r="XFD1"><v>1</v></c></row>', 1))
    import_fails(tmp_path, source, "sheet `任务表`", "XFD1", "column 16,384", "at most 100")


def test_an_empty_styled_cell_far_right_does_not_stop_an_excel_import(tmp_path: Path) -> None:
    source = small_xlsx(tmp_path / "styled.xlsx", lambda xml: xml.replace("</row>", '<c r="XFD1" s="0"/></row>', 1))
    assert imported_tasks(tmp_path, source) == [("准备", "任务", "2月20日前", (), (), ("市财政局",), date(2024, 2, 20))]


def test_a_word_cell_spanning_a_billion_columns_is_refused(tmp_path: Path) -> None:
    span = '<w:tcPr><w:gridSpan w:val="1000000000"/>'
    source = small_docx(tmp_path / "span.docx", lambda xml: xml.replace("<w:tcPr>", span, 1))
    import_fails(tmp_path, source, "table 1", "row 1", "1,000,000,000 columns", "at most 100")


def test_a_word_stage_merged_over_3000_rows_is_read(tmp_path: Path) -> None:
    """python-docx read a merged cell by recursion up its rows: a RecursionError past about 1,000."""

    def merged(xml: str) -> str:
        head, rest = xml.split("<w:tr>", 1)
        header, rest = rest.split("</w:tr>", 1)
        row, tail = rest.split("</w:tr>", 1)
        first = row.replace("<w:tcPr>", '<w:tcPr><w:vMerge w:val="restart"/>', 1)
        below = row.replace("<w:tcPr>", "<w:tcPr><w:vMerge/>", 1).replace("<w:t>准备</w:t>", "", 1)
        below = below.replace("<w:t>任务</w:t>", "<w:t>续办</w:t>", 1)
        return f"{head}<w:tr>{header}</w:tr>{first}</w:tr>" + f"{below}</w:tr>" * 2_999 + tail

    source = small_docx(tmp_path / "long.docx", merged)
    target = tmp_path / "out.yaml"
    result = run("import", str(source), "-o", str(target), "--year", "2024")
    assert result.exit_code == 0, result.stderr
    assert "3000 task(s)" in result.output
    document = yaml.safe_load(target.read_text(encoding="utf-8"))
    ((stage),) = document["stages"]
    assert stage["name"] == "准备" and len(stage["tasks"]) == 3_000
    assert stage["tasks"][-1]["task"] == "续办"


XXE_SHEET = '<!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
XXE_WORD = '<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'


@pytest.mark.parametrize(
    ("name", "edit", "command"),
    [
        ("xxe.xlsx", [with_prolog(XXE_SHEET), inline_cell("&x;")], "import"),
        ("laughs.xlsx", [with_prolog(f"<!DOCTYPE worksheet [{LAUGHS}]>"), inline_cell("&i;")], "import"),
        ("xxe.docx", [with_prolog(XXE_WORD)], "import"),
        ("xxe.docx", [with_prolog(XXE_WORD)], "extract"),  # extract reads .txt and .docx
    ],
)
def test_office_files_declaring_entities_are_refused(
    tmp_path: Path, name: str, edit: list[Callable[[str], str]], command: str
) -> None:
    def hostile(xml: str) -> str:
        for step in edit:
            xml = step(xml)
        return xml.replace("<w:t>任务</w:t>", "<w:t>&x;</w:t>", 1)

    source = (small_docx if name.endswith(".docx") else small_xlsx)(tmp_path / name, hostile)
    import_fails(tmp_path, source, "declares a DTD", command=command)


# ----- imports take a time linear in their input ---------------------------------------------------


def doubling(work: Callable[[int], object], n: int) -> float:
    """How much longer `work` takes on an input twice as large: about 2 when linear, 4 when quadratic."""

    work(n)  # the first run compiles patterns and fills caches: not part of the measure

    def best(size: int) -> float:
        times = []
        for _ in range(5):  # the best of five: a busy machine slows a run, it never speeds one up
            start = time.perf_counter()
            work(size)
            times.append(time.perf_counter() - start)
        return min(times)

    # the collector's rounds depend on what earlier tests left in the process, not on this input
    gc.collect()
    gc.disable()
    try:
        return best(2 * n) / best(n)
    finally:
        gc.enable()


def test_a_table_of_repeated_rows_imports_in_linear_time() -> None:
    from schedgen.importers.table import to_schedule

    def imported(size: int) -> object:
        rows = [["时间", "重点任务", "责任单位"]] + [["3月1日前", "报送进展情况", "市财政局"]] * size
        result = to_schedule(rows, [], year=2024, default_year=2024, stem="same")
        tasks = result.document["tasks"]
        assert isinstance(tasks, list) and len({t["id"] for t in tasks}) == size  # every row kept, each named
        return result

    assert doubling(imported, 3_000) < 3


def test_extract_of_a_page_of_blank_lines_takes_linear_time() -> None:
    from schedgen.importers.prose import extract

    def drafted(size: int) -> object:
        text = "关于做好工作的通知\n" + "\n" * size + "一、工作要求\n5月10日前报送市政府。\n"
        result = extract(text, year=2024, stem="blank")
        assert result.rows == 1
        return result

    assert doubling(drafted, 40_000) < 3


def test_an_excel_sheet_longer_than_the_limit_is_read_to_it_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from schedgen.importers import bounds, table

    monkeypatch.setattr(bounds, "MAX_ROWS", 50)  # 20,000 in use: the same code, a smaller sheet
    monkeypatch.setattr(table, "MAX_ROWS", 50)
    rows = "".join(
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>3月1日前</t></is></c>'
        f'<c r="B{n}" t="inlineStr"><is><t>任务{n}</t></is></c></row>'
        for n in range(2, 62)
    )
    header = '<row r="1"><c r="A1" t="inlineStr"><is><t>时间</t></is></c><c r="B1" t="inlineStr"><is><t>重点任务</t></is></c></row>'
    data = f"<sheetData>{header}{rows}</sheetData>"
    source = small_xlsx(tmp_path / "long.xlsx", lambda xml: re.sub("<sheetData>.*</sheetData>", data, xml))
    target = tmp_path / "out.yaml"
    result = run("import", str(source), "-o", str(target), "--year", "2024")
    assert result.exit_code == 1, result.stderr
    assert "只读了工作表“任务表”的前 50 行：第 51 至 61 行没有导入" in result.stderr
    document = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert [t["task"] for t in document["tasks"]] == [f"任务{n}" for n in range(2, 51)]
    assert "# 请检查：只读了工作表“任务表”的前 50 行" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "edit", "message"),
    [
        (
            "span.docx",
            lambda xml: xml.replace("<w:tcPr>", '<w:tcPr><w:gridSpan w:val="x"/>', 1),
            "table 1 is not a readable",
        ),
        (
            "broken.xlsx",
            lambda xml: xml.replace("</sheetData>", "</sheetDat>"),
            "sheet `任务表`: not a readable worksheet",
        ),
        (
            "far.xlsx",
            lambda xml: re.sub(r' r="([A-Z]*)(\d)"', r' r="\g<1>90000\2"', xml),
            "no sheet has a header row",
        ),
    ],
)
def test_damaged_office_tables_are_refused_clearly(
    tmp_path: Path, name: str, edit: Callable[[str], str], message: str
) -> None:
    source = (small_docx if name.endswith(".docx") else small_xlsx)(tmp_path / name, edit)
    import_fails(tmp_path, source, message)
