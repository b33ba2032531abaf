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
from schedgen.export.report import unit_cell
from schedgen.model import State, Timeline
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
REPORT_HEADERS = ("序号", "状态", "截止日", "时间（原文）", "重点任务", "单位", "计划", "备注")
REPORT_WIDTHS = (12, 12, 27, 32, 68, 28, 40, 28)
"""Each column's share of the text width."""
TIMETABLE_WIDTHS = (12, 24, 28, 73, 26, 26, 30, 40, 30)


def report_docx(
    rows: Sequence[Milestone], grouped: Sequence[tuple[str, Sequence[Milestone]]], as_of: date, within: int
) -> bytes:
    """The 督办 list as a Word document: a title, the 截至 line, one table per group, page numbers."""
    doc = _document("督办清单")
    _paragraph(doc, "督办清单", HEADING, 22, center=True)
    tally = "，".join(f"{state.label} {n}" for state, n in counts(r.state for r in rows)) or "无里程碑"
    _paragraph(doc, f"截至 {as_of}（临近：{within} 天内）：{tally}", BODY, 16, center=True)
    tables: list[tuple[bytes, bytes]] = []
    for key, members in grouped:
        _paragraph(doc, key, HEADING, 16)
        cells = [
            (
                str(n),
                r.state.label,
                r.due.isoformat(),
                r.task.when,
                r.task.task,
                unit_cell(r, key),
                r.schedule.title,
                r.task.notes or "",
            )
            for n, r in enumerate(members, start=1)
        ]
        bold = [(m.state is State.OVERDUE, 1) for m in members]
        tables.append(_table(doc, REPORT_HEADERS, cells, REPORT_WIDTHS, bold=bold))
    return _save(doc, as_of, tables)


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


def _document(title: str) -> Document:
    """An empty A4 landscape document whose Normal style is 仿宋_GB2312, with page numbers."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    doc = docx.Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
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
    sizes = [Mm(TEXT_WIDTH * w / sum(widths)) for w in widths]
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
