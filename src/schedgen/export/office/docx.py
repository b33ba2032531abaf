"""Word documents an office hands on: the 督办 list and the re-issued 配档表 (rows -> .docx bytes).

The layout follows the official-document habit (GB/T 9704): A4, a 黑体 title, body in 仿宋_GB2312 with
仿宋 named as its substitute (Windows 10 and WPS ship 仿宋, older machines the GB2312 cut), tables in
五号, page numbers `— 1 —` in the footer. Chinese fonts are set as East Asian fonts (`w:eastAsia`), which
is what Word and WPS use for Chinese text; Latin text and digits stay in Times New Roman.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from schedgen.export.office.office import (
    TIMETABLE_HEADERS,
    held,
    merged_runs,
    stable_zip,
    timetable_cells,
    timetable_items,
    used_columns,
)
from schedgen.export.report import first_named, undated_done
from schedgen.model import Role, State, Timeline
from schedgen.view import Milestone, counts

if TYPE_CHECKING:
    from docx.document import Document
    from docx.shared import Length
    from docx.text.paragraph import Paragraph

BODY = "仿宋_GB2312"
HEADING = "黑体"
LATIN = "Times New Roman"
# panose and charset let Word and WPS pick a metric-alike font when the named one is missing
FONTS = {
    "仿宋_GB2312": ("仿宋", "02010609030101010101"),
    "仿宋": ("FangSong", "02010609060101010101"),
    "黑体": ("SimHei", "02010609060101010101"),
    "宋体": ("SimSun", "02010600030101010101"),
}
TITLE_LIMIT = 255
"""Characters a Word document property holds."""
TEXT_WIDTH = 247
"""Millimetres between the margins of A4 landscape."""
PORTRAIT_WIDTH = 160
"""Millimetres between the margins of A4 portrait."""
REPORT_HEADERS = ("序号", "重点任务", "时限", "状态", "完成情况", "督办意见")
REPORT_WIDTHS = (11, 55, 29, 11, 37, 29)
"""Each column's share of the text width: the last two are left blank for the unit and the office; 序号 and
状态 hold two characters and 时限 a date (2023-02-20) on one line."""
TIMETABLE_WIDTHS = (12, 24, 28, 73, 26, 26, 30, 40, 30)
NOTES = ("short", "full", "none")
"""`--notes`: shortened in the table with the full text in an appendix, in full in the table, or left out."""
SHORT_NOTE = 24
"""Characters of a note the table shows before `…` and the appendix's number."""
MOST_OVERDUE = 3
"""Units the summary names as the most overdue."""
GROUPED_BY = {"unit": "单位", "schedule": "计划", "date": "截止日"}
"""What the summary calls the groups of each `--by`."""


def report_docx(
    rows: Sequence[Milestone],
    grouped: Sequence[tuple[str, Sequence[Milestone]]],
    as_of: date,
    within: int,
    *,
    issuer: str | None = None,
    notes: str = "short",
    landscape: bool = False,
    everything: bool = False,
    done_since: date | None = None,
    by: str = "unit",
) -> bytes:
    """The 督办通报: the title, the issuing office and day, a summary of `rows` (every milestone, counted by
    state), then a table per group of what it lists (`grouped`) with 完成情况 and 督办意见 to fill in, the
    notes' full text in an appendix, page numbers. `everything` says the groups list every milestone;
    `done_since` that they list what was done on or after that day too; `by` what the groups are (unit,
    schedule or date), which the summary names."""
    doc = _document("督办通报", landscape=landscape)
    day = f"{as_of.year}年{as_of.month}月{as_of.day}日"
    _paragraph(doc, "重点任务督办通报", HEADING, 22, center=True)
    _paragraph(doc, "　".join(filter(None, [issuer, day])), BODY, 16, center=True)
    listed = sum(len(members) for _, members in grouped)
    _paragraph(doc, "　　" + _summary(rows, grouped, day, within, listed, everything, done_since, by), BODY, 14)
    width = TEXT_WIDTH if landscape else PORTRAIT_WIDTH
    tables: list[tuple[bytes, bytes]] = []
    appendix: dict[int, tuple[int, Milestone]] = {}  # a task's notes once, however many units list it
    for n, (key, members) in enumerate(grouped, start=1):
        tally = "，".join(f"{state.label} {k} 项" for state, k in counts(m.state for m in members))
        _paragraph(doc, f"{_ordinal(n)}、{key}（{tally}）", HEADING, 14)
        several = len({r.schedule.id for r in members}) > 1  # a unit's tasks of two plans say whose they are
        cells = []
        for number, r in enumerate(members, start=1):
            task = r.task
            lines = [task.task + _role(r, key)] + ([f"（{r.schedule.title}）"] if several else [])
            if by != "unit":  # a table of a day or a plan has no unit for a heading: each row names its own
                lines.append("责任单位：" + "、".join(_with_role(name, role) for name, role in task.roles()))
            if task.notes and notes == "full":
                lines.append(f"备注：{task.notes}")
            elif task.notes and notes == "short":
                mark = appendix.setdefault(id(task), (len(appendix) + 1, r))[0]
                shown = task.notes if len(task.notes) <= SHORT_NOTE else task.notes[:SHORT_NOTE] + "…"
                lines.append(f"备注：{shown}（注{mark}）" if shown != task.notes else f"备注：{shown}")
            when = r.due.isoformat() + (f"\n（{task.when}）" if task.when else "")
            # the day it was done goes where a unit would write it: the 状态 column holds two characters
            done = f"{task.done} 完成" if task.done and r.state is State.DONE else ""
            cells.append((str(number), "\n".join(lines), when, r.state.label, done, ""))
        bold = [(m.state is State.OVERDUE, 3) for m in members]
        tables.append(_table(doc, REPORT_HEADERS, cells, REPORT_WIDTHS, bold=bold, width=width))
    marked = {mark: r for mark, r in appendix.values() if len(r.task.notes or "") > SHORT_NOTE}
    if marked:
        _paragraph(doc, "附：备注全文", HEADING, 14)
        tables.append(_notes(doc, marked))
    return _save(doc, as_of, tables)


def _role(row: Milestone, key: str) -> str:
    """`（牵头）` or `（配合）` when the group's unit leads or supports the task; nothing for the units a plan
    names as responsible, which is what a unit's table means anyway."""
    named = row.task.named
    scope = f"（{row.schedule.scope}）"
    label = named.labels.get(key) or named.labels.get(key.removesuffix(scope), "")
    return f"（{label[:2]}）" if label in (Role.LEAD.label, Role.SUPPORT.label) else ""


def _with_role(name: str, role: Role) -> str:
    """A unit as a row of a day's or a plan's table names it: `市财政局（牵头）`, `市农业局（配合）`, `市商务局`."""
    return f"{name}（{role.label[:2]}）" if role in (Role.LEAD, Role.SUPPORT) else name


def _summary(
    rows: Sequence[Milestone],
    grouped: Sequence[tuple[str, Sequence[Milestone]]],
    day: str,
    within: int,
    listed: int,
    everything: bool,
    done_since: date | None = None,
    by: str = "unit",
) -> str:
    """The 通报's paragraph: the milestones counted by state, the units (or plans) with the most overdue, what
    follows, grouped as `by` says."""
    plans = len({r.schedule.id for r in rows})
    tally = "、".join(f"{state.label} {n} 项" for state, n in counts(r.state for r in rows)) or "无"
    text = f"截至{day}，{plans} 项工作方案共有里程碑 {len(rows)} 个，其中{tally}。"
    overdue = sorted(
        ((sum(m.state is State.OVERDUE for m in members), key) for key, members in grouped),
        key=lambda pair: -pair[0],
    )
    worst = [f"{key}（{n} 项）" for n, key in overdue[:MOST_OVERDUE] if n]
    if worst and by != "date":  # a day is no one's: none is named as the most overdue
        text += f"逾期较多的{GROUPED_BY[by]}：{'、'.join(worst)}。"
    per = f"以下按{GROUPED_BY[by]}列出"
    # a task of three units is listed three times: the count a reader checks against the tables
    if everything:
        return text + f"{per}全部里程碑（共 {listed} 项次），请各单位填写完成情况。"
    ask = "请各单位填写完成情况，于规定时限内报送。"
    if done_since is None:
        return text + f"{per}逾期和 {within} 天内到期的里程碑（共 {listed} 项次），{ask}"
    # each done milestone once, however many units' tables list it
    since = f"{done_since.year}年{done_since.month}月{done_since.day}日"
    done = len({id(m) for _, members in grouped for m in members if m.state is State.DONE})
    listing = f"{per}逾期、{within} 天内到期和{since}以来完成的里程碑（共 {listed} 项次），"
    if undated := undated_done(rows):
        named = first_named(undated)
        text += f"{since}以来完成 {done} 项；另有未记完成日期 {len(undated)} 项（{named}），无法判断完成时间，未列出。"
        return text + f"{listing}{ask}"
    return text + f"{since}以来完成 {done} 项。{listing}{ask}"


def _ordinal(n: int) -> str:
    """`n` in Chinese numerals, as a 通报 numbers its parts (一、二 … 九十九), digits beyond."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 100:
        return ("" if n < 20 else digits[n // 10]) + "十" + (digits[n % 10] if n % 10 else "")
    return str(n)


def _notes(doc: Document, marked: dict[int, Milestone]) -> tuple[bytes, bytes]:
    """The appendix's paragraphs, one a note, as XML text in place of a marker at the body's end."""
    from lxml import etree

    marker = "schedgen-notes"
    doc.element.body.sectPr.addprevious(etree.Comment(marker))
    out = [f"<w:p>{_run(held(f'注{mark}　{r.task.task}：{r.task.notes}'))}</w:p>" for mark, r in sorted(marked.items())]
    return f"<!--{marker}-->".encode(), "".join(out).encode()


def timetable_docx(timeline: Timeline) -> bytes:
    """The 配档表 re-issued: the title, the table with merged stage cells and the dates each row means."""
    schedule = timeline.schedule
    doc = _document(schedule.title)
    _paragraph(doc, schedule.title, HEADING, 22, center=True)
    items = timetable_items(timeline)
    cells = [timetable_cells(n, item) for n, item in enumerate(items, start=1)]
    keep = used_columns(cells)
    table = _table(
        doc,
        [TIMETABLE_HEADERS[i] for i in keep],
        [[row[i] for i in keep] for row in cells],
        [TIMETABLE_WIDTHS[i] for i in keep],
        merged=(keep.index(1), merged_runs([item.task.stage for item in items])),
    )
    window = f"计划期 {timeline.window.start} 至 {timeline.window.end}，按 {timeline.year} 年解析"
    _paragraph(
        doc, "　　" + "；".join(filter(None, [schedule.source and f"出处：{schedule.source}", window])) + "。", BODY, 12
    )
    return _save(doc, timeline.window.start, [table])


def _document(title: str, *, landscape: bool = True) -> Document:
    """An empty A4 document whose Normal style is 仿宋_GB2312, with page numbers."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    doc = docx.Document()
    section = doc.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(25)
    section.left_margin = section.right_margin = Mm(25)
    normal = doc.styles["Normal"]
    _fonts(normal.element.get_or_add_rPr(), BODY)
    normal.font.size = _pt(10.5)
    props = doc.core_properties
    # Word's properties hold 255 characters (python-docx refuses more): the heading holds the whole title
    props.title, props.author, props.last_modified_by, props.revision = (
        held(title)[:TITLE_LIMIT],
        "schedgen",
        "schedgen",
        1,
    )
    props.comments = "schedgen"
    _page_numbers(section.footer.paragraphs[0])
    return doc


def _paragraph(doc: Document, text: str, font: str, size: float, *, center: bool = False) -> Paragraph:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = doc.add_paragraph()
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(held(text))
    _fonts(run._r.get_or_add_rPr(), font)
    run.font.size = _pt(size)
    return paragraph


def _table(
    doc: Document,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[int],
    *,
    bold: Sequence[tuple[bool, int]] = (),
    merged: tuple[int, Sequence[tuple[int, int]]] | None = None,
    width: int = TEXT_WIDTH,
) -> tuple[bytes, bytes]:
    """A bordered table in 五号 with a 黑体 header row that repeats on every page; `bold` makes a row's cell
    bold, `merged` merges a column over runs of rows (a stage's cells, as a 配档表 prints them).

    python-docx makes the table and its header; the rows are returned as the XML text to put in place of
    the marker the table holds, for `_save`. python-docx finds a row or a cell by going through the table
    from its start (filling a table cell by cell is quadratic: 50,000 tasks took over 7 minutes), and an
    element tree of a million cells takes gigabytes where their text takes a few hundred megabytes."""
    from docx.oxml import OxmlElement
    from docx.shared import Mm
    from lxml import etree

    table = doc.add_table(rows=1, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    # the widths are proportions of the text width: the grid LibreOffice and WPS lay out by, and Word's cells
    sizes = [Mm(width * w / sum(widths)) for w in widths]
    for column, size in zip(table.columns, sizes, strict=True):
        column.width = size
    for cell, value, size in zip(table.rows[0].cells, headers, sizes, strict=True):
        cell.width = size
        _fonts(cell.paragraphs[0].add_run(held(value))._r.get_or_add_rPr(), HEADING)
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    marker = f"schedgen-rows-{len(doc.tables)}"
    table._tbl.append(etree.Comment(marker))
    starts = [f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{size.twips}"/>' for size in sizes]
    column, runs = merged if merged is not None else (-1, ())
    within = {r: r == first for first, last in runs for r in range(first, last + 1)}  # row -> opens the run
    bold_at = dict(enumerate(bold))
    out: list[str] = []
    for r, values in enumerate(rows):
        out.append("<w:tr>")
        flag = bold_at.get(r)
        for c, (start, value) in enumerate(zip(starts, values, strict=True)):
            out.append(start)
            if c == column and r in within:
                out.append('<w:vMerge w:val="restart"/>' if within[r] else "<w:vMerge/>")
                if not within[r]:
                    out.append("</w:tcPr><w:p/></w:tc>")  # the merged cell shows its text once, in its first row
                    continue
            out.append("</w:tcPr><w:p>")
            out.append(_run(held(value), bold=bool(flag and flag[0] and flag[1] == c)))
            out.append("</w:p></w:tc>")
        out.append("</w:tr>")
    return f"<!--{marker}-->".encode(), "".join(out).encode()


def _run(text: str, *, bold: bool = False) -> str:
    """The XML of a run of `text`: a line break for each newline and a tab for each tab, as python-docx
    writes one."""
    parts = ["<w:r><w:rPr><w:b/></w:rPr>" if bold else "<w:r>"]
    for n, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        if n:
            parts.append("<w:br/>")
        for m, piece in enumerate(line.split("\t")):
            if m:
                parts.append("<w:tab/>")
            if piece:
                space = ' xml:space="preserve"' if piece != piece.strip() else ""
                parts.append(f"<w:t{space}>{escape(piece)}</w:t>")
    parts.append("</w:r>")
    return "".join(parts)


def _page_numbers(paragraph: Paragraph) -> None:
    """`— PAGE —` centred, in 宋体 四号, as official documents number their pages."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    parts: list[tuple[str, str | None]] = [("text", "— "), ("begin", None), ("instr", " PAGE "), ("separate", None)]
    parts += [("text", "1"), ("end", None), ("text", " —")]
    for kind, value in parts:
        run = paragraph.add_run()
        _fonts(run._r.get_or_add_rPr(), "宋体")
        run.font.size = _pt(14)
        if kind == "text":
            run.text = value or ""
        elif kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = value
            run._r.append(instr)
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)


def _fonts(rpr: object, east_asian: str) -> None:
    """Chinese text in `east_asian`, Latin text and digits in Times New Roman."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    fonts = rpr.find(qn("w:rFonts"))  # type: ignore[attr-defined]
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)  # type: ignore[attr-defined]
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for slot, name in (("w:ascii", LATIN), ("w:hAnsi", LATIN), ("w:eastAsia", east_asian), ("w:cs", LATIN)):
        fonts.set(qn(slot), name)
    fonts.set(qn("w:hint"), "eastAsia")


def _pt(size: float) -> Length:
    from docx.shared import Pt

    return Pt(size)


def _font_table() -> bytes:
    """A font table that names each Chinese font's substitute, in place of the template's Japanese fonts."""
    entries = "".join(
        f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:panose1 w:val="{panose}"/>'
        '<w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>'
        for name, (alt, panose) in FONTS.items()
    )
    latin = (
        f'<w:font w:name="{LATIN}"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/>'
        '<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>'
    )
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"{latin}{entries}</w:fonts>"
    ).encode()


def _save(doc: Document, stamp: date, tables: Sequence[tuple[bytes, bytes]]) -> bytes:
    """The document's bytes, each table's rows put in place of its marker."""
    out = io.BytesIO()
    doc.save(out)
    data = out.getvalue()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body = package.read("word/document.xml")
    pieces = []
    for marker, rows in tables:
        before, body = body.split(marker, 1)
        pieces += [before, rows]
    document = b"".join([*pieces, body])
    return stable_zip(data, stamp, {"word/fontTable.xml": _font_table(), "word/document.xml": document})
