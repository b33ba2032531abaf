"""Any document a clerk is handed -> its table (the rows from the header on, and the lines above it) or its
text, for `import` to read as a 配档表 or to draft from as prose.

.txt, .docx, .xlsx, .csv, .html (a saved web page) and .pdf (its text layer) are read; each reader gives
the file's own tables where the format has them (Word, Excel, HTML, a PDF's ruled tables) and its text,
and a table is looked for in the text too (copied with `|`, tabs, runs of spaces or one cell a line).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import groupby
from pathlib import Path

from schedgen.errors import LoadError
from schedgen.i18n import N_, _
from schedgen.importers.columns import layout
from schedgen.importers.scan import readable
from schedgen.importers.table import check_size, decode_text, open_docx, read_csv, read_docx, read_xlsx
from schedgen.importers.textgrid import text_table
from schedgen.importers.wordtext import revised, word_text

Rows = list[list[str]]
TEXT = (".txt", ".text", "")
HTML = (".html", ".htm", ".xhtml", ".mhtml")
_SAID = 5  # the hidden parts of a page named one by one; past these, how many more
KINDS = N_(".txt, .docx, .xlsx, .csv, .html or .pdf")


@dataclass(frozen=True)
class Contents:
    """What a document holds: the rows of its table (None when it has none) and the lines above them,
    and its whole text, for drafting from prose."""

    rows: Rows | None
    above: tuple[str, ...]
    text: str
    around: str = ""
    """The text outside the table (a notice with its table attached), for the duties it names itself."""
    stopped: tuple[str, ...] = ()
    """Where a reader stopped at a limit (the rows read, the rows left): the first thing a reviewer must know."""
    first_row: int = 1
    """The row number in the file of the table's first row (its header), where the file numbers its rows."""


def read_document(path: Path, sheet: str | None = None) -> Contents:
    """The table and the text of a document of any kind schedgen reads."""
    check_size(path, N_("the text of a plan"))
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        stopped: list[str] = []
        rows, above, first = read_xlsx(path, sheet, stopped)
        return Contents(rows, tuple(above), "", stopped=tuple(stopped), first_row=first)
    if suffix == ".csv":
        rows, above, first = read_csv(path)
        return Contents(rows, tuple(above), "", first_row=first)
    if suffix == ".docx":
        document = open_docx(path)
        grids, paragraphs = read_docx(document, path)
        found = _stacked(grids, [], paragraphs)
        text = _docx_text(document)
        read = _contents(found, text, _docx_text(document, tables=False))
        return replace(read, stopped=revised(document.element.body))
    if suffix in HTML:
        from schedgen.importers.html import read_html

        hidden: list[str] = []
        tables, text, around = read_html(path.read_bytes(), path, hidden)
        read = _contents(_stacked(tables, text.splitlines()), text, around)
        said = [f"网页里隐藏的内容没有导入（读者看不到）：“{words[:60]}”" for words in hidden[:_SAID]]
        said += [f"另有 {len(hidden) - _SAID} 处隐藏的内容没有导入"] if len(hidden) > _SAID else []
        return replace(read, stopped=tuple(said))
    if suffix == ".pdf":
        from schedgen.importers.pdf import read_pdf

        grids, text = read_pdf(path)
        return _contents(_stacked(grids, []), text)
    if suffix in TEXT:
        return _contents(None, decode_text(path.read_bytes(), path))
    raise LoadError(
        _(
            "{path}: cannot read {suffix} files; use {kinds} (save a .doc, .xls or .wps in the newer format first)"
        ).format(path=path, suffix=suffix, kinds=_(KINDS))
    )


def plan_text(path: Path) -> str:
    """The text of a plan, for drafting from prose (a text file is not searched for a table: `extract` drafts
    from prose whatever the text holds)."""
    if path.suffix.lower() in TEXT:
        check_size(path, N_("the text of a plan"))
        return decode_text(path.read_bytes(), path)
    contents = read_document(path)
    if not contents.text:
        raise LoadError(_("{path}: has no text to draft from; `schedgen import` reads its table").format(path=path))
    return contents.text


def _contents(found: tuple[Rows, list[str]] | None, text: str, around: str | None = None) -> Contents:
    """The file's own table when it has one, else a table written in its text, else its text alone; and the
    text around the table (the lines above it, unless the format tells its paragraphs from its tables)."""
    if found is None:
        read = text_table(text)
        if read is None:
            return Contents(None, (), text)
        rows, above, below = read  # a text's table: the lines above it and below it are the text around it
        return Contents(rows, tuple(above), text, "\n".join([*above, *below]) if around is None else around)
    rows, above = found
    return Contents(rows, tuple(above), text, "\n".join(above) if around is None else around)


def _stacked(
    tables: list[Rows], lines: list[str], paragraphs: list[list[str]] | None = None
) -> tuple[Rows, list[str]] | None:
    """The tables with a header, one below the other from the first one's header on, and the lines above
    it (the title: the `paragraphs` above it where the format has paragraphs apart from its tables); a ruled
    PDF page or a Word table carries its lines above as rows of one cell, and a table of as many columns with
    no header of its own, whose time column reads as times, goes on from the one before (the next page of it,
    which Word keeps as a table of its own where a page break splits it)."""
    found: Rows = []
    above: list[str] = []
    width = 0
    when: int | None = None
    for number, table in enumerate(tables):
        at = layout(table)
        if at is None:
            rows = [row for row in table if len(row) == width]
            timed = when is None or any(readable(" ".join(row[when].split())) for row in rows if row[when].strip())
            if found and rows and timed and len(rows) >= len(table) - 3:
                found += rows  # the table goes on over the page (a running head above it), its header not repeated
            continue
        width = len(table[at.header_at])
        when = at.columns.get("when")
        if not found:
            # a title row merged across the table reads once per column it spans (Word, a page's colspan): once
            above = [" ".join(c for c, _ in groupby(row) if c.strip()) for row in table[: at.header_at]]
            above = [line for line in above if line] or _title_lines(lines, table[at.header_at])
            if paragraphs is not None:
                above = [*paragraphs[number], *above]
        found += table[at.header_at :]
    return (found, above) if found else None


def _title_lines(lines: list[str], header: list[str]) -> list[str]:
    """The page's lines above a table's header (its first cell's text found in the page's text)."""
    first = next((c for c in header if c.strip()), "")
    for index, line in enumerate(lines):
        if first and first in line:
            return lines[max(0, index - 5) : index]
    return []


def _docx_text(document: object, *, tables: bool = True) -> str:
    """A Word file's paragraphs, one a line, and (unless `tables` is false) its tables' rows."""
    lines: list[str] = []
    for child in document.element.body.iterchildren():  # type: ignore[attr-defined]
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(word_text(child))
        elif tag == "tbl" and tables:
            # a table inside a prose plan: each row a line, its cells joined as a sentence would run
            for row in child.iter():
                if row.tag.endswith("}tr"):
                    cells = [word_text(cell) for cell in row]
                    lines.append("，".join(c.strip() for c in cells if c.strip()))
    return "\n".join(lines)
