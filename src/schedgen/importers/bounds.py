"""What an office file may hold, checked before a library expands it.

A few kB of Word or Excel XML can ask for a billion cells: a merged range over the whole sheet, one
cell at column XFD (every row then reads 16,384 columns), a `gridSpan` of a billion, an entity that
expands a thousandfold. openpyxl and python-docx build what the XML asks for, so the parts are read
here first, as a stream, and a file beyond a 配档表's size is refused with what was found and the limit.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, cast

from schedgen.errors import LoadError
from schedgen.i18n import _

if TYPE_CHECKING:
    from docx.table import Table

MAX_ROWS = 20_000
"""Rows of a sheet read: far more than any 配档表; a longer sheet is read this far, with a warning."""
MAX_COLUMNS = 100
"""Columns of a table: a 配档表 has about ten."""
SHEET = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REFERENCE = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")


class _Root(Exception):
    """The parser reached the root element: the prolog, where a DTD would be, is over."""


class _Prolog:
    """An lxml parser target that notes a DOCTYPE and stops at the first element."""

    declared = False

    def doctype(self, *_: object) -> None:
        self.declared = True

    def start(self, *_: object) -> None:
        raise _Root

    def end(self, *_: object) -> None: ...

    def data(self, *_: object) -> None: ...

    def close(self) -> None: ...


def refuse_declarations(path: Path, archive: zipfile.ZipFile, kind: str) -> None:
    """Refuse a package whose XML declares a DTD. Office files never do; one that does is made to expand
    entities (a billion laughs) or to read other files (external entities), and the libraries' parsers
    stop such a file with an error of their own, or not at all."""
    from lxml import etree

    for name in archive.namelist():
        if not name.endswith((".xml", ".rels")):
            continue
        prolog = _Prolog()
        parser = etree.XMLParser(target=prolog, resolve_entities=False, load_dtd=False, no_network=True)
        try:
            with archive.open(name) as part:
                while not prolog.declared and (chunk := part.read(65_536)):
                    parser.feed(chunk)
        except _Root:
            pass
        except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError) as error:
            if not prolog.declared:
                raise LoadError(
                    _("{path}: not a readable {kind} file ({name}: {error})").format(
                        path=path, kind=kind, name=name, error=error
                    )
                ) from None
        if prolog.declared:
            raise LoadError(
                _(
                    "{path}: {name} declares a DTD (<!DOCTYPE …>), which {kind} files never do; it "
                    "may expand entities or read other files, so it is not opened"
                ).format(path=path, name=name, kind=kind)
            )


@dataclass(frozen=True)
class Sheet:
    """What a worksheet holds, from its XML: how far its values go and its merged ranges, bounded."""

    rows: int
    """The last row holding a value."""
    columns: int
    """The last column holding a value, within the rows that are read."""
    merged: tuple[str, ...]
    uncached: tuple[str, ...] = ()
    """The cells (`B3`) holding a formula saved without its value, which reads as an empty cell: the first few."""
    hidden_rows: tuple[int, ...] = ()
    """The rows holding a value that Excel hides (a row struck off by hiding it): the first few."""
    hidden_count: int = 0
    """How many rows holding a value Excel hides."""
    hidden_columns: tuple[int, ...] = ()
    """The columns holding a value that Excel hides, by number."""


def sheet_bounds(path: Path, archive: zipfile.ZipFile, part: str, title: str) -> Sheet:
    """Stream a worksheet's XML once and refuse what no 配档表 holds: a value beyond column `MAX_COLUMNS`,
    a merged range wider than that, or merged ranges that would fill more cells than the sheet can hold."""
    from lxml import etree

    where = f"{path}: sheet `{title}`"
    try:
        return _sheet_bounds(where, archive, part)
    except etree.XMLSyntaxError as error:
        raise LoadError(_("{where}: not a readable worksheet ({error})").format(where=where, error=error)) from None


def _sheet_bounds(where: str, archive: zipfile.ZipFile, part: str) -> Sheet:
    from lxml import etree
    from openpyxl.utils import column_index_from_string, get_column_letter

    last_row = last_column = filled = 0
    merged: list[str] = []
    uncached: list[str] = []
    hidden_rows: list[int] = []
    hidden_spans: list[tuple[int, int]] = []
    valued: set[int] = set()  # the columns holding a value
    row_valued = False
    hidden_count = 0
    row_number = ended = cell_column = 0
    with archive.open(part.lstrip("/")) as stream:
        events = etree.iterparse(
            stream,
            events=("end",),
            tag=(f"{SHEET}row", f"{SHEET}c", f"{SHEET}mergeCell", f"{SHEET}col"),
            resolve_entities=False,
            no_network=True,
        )
        for _event, element in events:
            tag = element.tag[len(SHEET) :]
            if tag == "c":
                found = _REFERENCE.fullmatch(element.get("r") or "")
                if found:
                    cell_column, row_number = column_index_from_string(found[1]), int(found[2])
                else:  # `r` may be left out: the next cell of its row
                    cell_column += 1
                    row_number = _number(element.getparent().get("r"), ended + 1)
                if len(element) and row_number <= MAX_ROWS:  # a <v> or an <is>: a value, not a style alone
                    if cell_column > MAX_COLUMNS:
                        reference = element.get("r") or _("column {column} of row {row}").format(
                            column=cell_column, row=row_number
                        )
                        raise LoadError(
                            _(
                                "{where}: cell {reference} is in column {cell_column:,}; a 配档表 has "
                                "at most {max_columns} columns"
                            ).format(where=where, reference=reference, cell_column=cell_column, max_columns=MAX_COLUMNS)
                        )
                    last_column = max(last_column, cell_column)
                if len(element):
                    last_row = max(last_row, row_number)
                    valued.add(min(cell_column, MAX_COLUMNS + 1))
                    row_valued = True
                    if len(uncached) < _UNCACHED and row_number <= MAX_ROWS and _uncached(element):
                        uncached.append(element.get("r") or f"{get_column_letter(cell_column)}{row_number}")
            elif tag == "row":
                ended = _number(element.get("r"), ended + 1)
                if row_valued and _on(element.get("hidden")) and ended <= MAX_ROWS:
                    hidden_count += 1
                    hidden_rows += [ended] if len(hidden_rows) < _UNCACHED else []
                cell_column, row_valued = 0, False
                # the cells are counted: drop the row, so that a long sheet is read in little memory
                element.clear()
                while element.getprevious() is not None:
                    del element.getparent()[0]
            elif tag == "col":
                if _on(element.get("hidden")):
                    low, high = _number(element.get("min"), 1), _number(element.get("max"), 1)
                    hidden_spans.append((low, min(high, MAX_COLUMNS)))
            else:
                reference = element.get("ref") or ""
                ends = [_REFERENCE.fullmatch(end) for end in reference.split(":")]
                if len(ends) != 2 or not all(ends):
                    continue
                (first, top), (last, bottom) = (
                    (column_index_from_string(m[1]), int(m[2])) for m in ends if m is not None
                )
                if last - first + 1 > MAX_COLUMNS:
                    raise LoadError(
                        _(
                            "{where}: merged range {reference} spans {columns:,} columns and "
                            "{rows:,} rows; a 配档表 has at most {max_columns} columns"
                        ).format(
                            where=where,
                            reference=reference,
                            columns=last - first + 1,
                            rows=bottom - top + 1,
                            max_columns=MAX_COLUMNS,
                        )
                    )
                if bottom > top and top <= MAX_ROWS:
                    # each row of a vertical merge is given the merged text: bounded by the cells read
                    filled += min(bottom, MAX_ROWS) - top
                    if filled > MAX_ROWS * MAX_COLUMNS:
                        raise LoadError(
                            _(
                                "{where}: merged ranges up to {reference} cover more than {limit:,} "
                                "cells; they overlap, which Excel does not write"
                            ).format(where=where, reference=reference, limit=MAX_ROWS * MAX_COLUMNS)
                        )
                merged.append(reference)
                element.clear()
    hidden_columns = sorted({c for low, high in hidden_spans for c in range(low, high + 1)} & valued)
    return Sheet(
        last_row, last_column, tuple(merged), tuple(uncached), tuple(hidden_rows), hidden_count, tuple(hidden_columns)
    )


def _on(flag: str | None) -> bool:
    """An XML boolean attribute that is set (`1` or `true`)."""
    return flag in ("1", "true")


_UNCACHED = 10


def _uncached(cell: object) -> bool:
    """Whether a cell holds a formula and no value (no `<v>`, or an empty one where the cell is no text: Excel
    writes a formula's empty text as `t="str"` and `<v></v>`): a program wrote it without calculating it."""
    values = {child.tag: child.text for child in cell}  # type: ignore[attr-defined]
    if f"{SHEET}f" not in values:
        return False
    return f"{SHEET}v" not in values or (not values[f"{SHEET}v"] and cell.get("t") != "str")  # type: ignore[attr-defined]


def _number(text: str | None, otherwise: int) -> int:
    return int(text) if text and text.isdigit() else otherwise


def word_rows(path: Path, table: Table, number: int, notes: dict[str, str] | None = None) -> list[list[str]]:
    """The text of a Word table's cells, row by row, as python-docx's `row.cells` reads them (a cell spanning
    columns once per column, a vertically merged cell's text on every row it spans), in one pass.

    `row.cells` builds a cell per spanned column before anything can check the span, and finds a merged
    cell's text by recursion up the rows (a RecursionError past ~1,000 rows): here a span is checked first,
    and each row takes the merged texts from the row above."""
    try:
        return _word_rows(path, table, number, notes or {})
    except ValueError as error:  # a span or merge python-docx cannot read as a number or a keyword
        raise LoadError(
            _("{path}: table {number} is not a readable Word table ({error})").format(
                path=path, number=number, error=error
            )
        ) from None


def _word_rows(path: Path, table: Table, number: int, notes: dict[str, str]) -> list[list[str]]:
    rows: list[list[str]] = []
    above: dict[int, str] = {}
    for row_number, tr in enumerate(table._tbl.tr_lst, start=1):
        cells: list[str] = []
        here: dict[int, str] = {}
        offset = tr.grid_before
        for tc in tr.tc_lst:
            span = tc.grid_span
            if len(cells) + span > MAX_COLUMNS:
                what = (
                    _("a cell spans {count:,} columns").format(count=span)
                    if span > MAX_COLUMNS
                    else _("it has over {count} columns").format(count=MAX_COLUMNS)
                )
                raise LoadError(
                    _(
                        "{path}: table {number}, row {row_number}: {what}; a 配档表 has at most {max_columns} columns"
                    ).format(path=path, number=number, row_number=row_number, what=what, max_columns=MAX_COLUMNS)
                )
            # the second and later rows of a vertical merge hold nothing: the text is the row above's
            text = above.get(offset, "") if tc.vMerge == "continue" else cell_text(tc, notes)
            here[offset] = text
            cells += [text] * span
            offset += span
        rows.append(cells)
        above = here
    return rows


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_NOTE_MARKS = {f"{_W}footnoteReference": "footnote", f"{_W}endnoteReference": "endnote"}
_CHARACTERS = {f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n"}


def cell_text(tc: object, notes: dict[str, str] | None = None) -> str:
    """A Word cell's text as Word shows it, its paragraphs one a line: the text a tracked change inserted
    (`w:ins`, which python-docx's `cell.text` leaves out) and not the text it deleted (`w:delText`), the text of a
    content control or a hyperlink, and the text of a footnote or an endnote in brackets where its mark is (`notes`,
    by the mark's tag and id); not the text of a table inside the cell, which is a table of its own."""
    lines: list[str] = []
    line: list[str] = []
    stack = list(reversed(list(tc)))  # type: ignore[call-overload]
    while stack:  # walked without recursion, and without going into a table inside the cell
        element = stack.pop()
        if element is None:
            lines.append("".join(line))
            line = []
            continue
        tag = element.tag
        if tag == f"{_W}tbl" or tag == _FALLBACK:
            continue  # a table of its own; a text box's copy for old Word (its text is read once, in mc:Choice)
        if tag == f"{_W}t":
            line.append(element.text or "")
        elif tag in _CHARACTERS:
            line.append(_CHARACTERS[tag])
        elif tag in _NOTE_MARKS and (note := (notes or {}).get(f"{_NOTE_MARKS[tag]}{element.get(f'{_W}id')}")):
            line.append(f"（注：{note}）")
        if tag == f"{_W}p":
            stack.append(None)  # the paragraph's end, once its children are walked
        stack.extend(reversed(list(element)))
    return "\n".join(lines).strip()


@lru_cache(maxsize=1)
def _shown() -> Callable[[object], list[object]]:
    """The XPath of the text Word shows (compiled once, when a Word file is first read: lxml is not loaded before)."""
    from lxml import etree

    names = {"w": _W[1:-1], "mc": _FALLBACK[1 : _FALLBACK.index("}")]}
    return cast("Callable[[object], list[object]]", etree.XPath(".//w:t[not(ancestor::mc:Fallback)]", namespaces=names))


def word_text(element: object) -> str:
    """The text of a Word paragraph, row or cell, run together as it reads: inserted text and not deleted text,
    and a text box's once (Word writes it for itself and again, in mc:Fallback, for old versions)."""
    return "".join(t.text or "" for t in _shown()(element))  # type: ignore[attr-defined]


def word_notes(part: object) -> dict[str, str]:
    """The footnotes and endnotes of a Word document part, by kind and id (`footnote1`), as text."""
    from lxml import etree

    notes: dict[str, str] = {}
    for relationship in part.rels.values():  # type: ignore[attr-defined]
        kind = relationship.reltype.rsplit("/", 1)[-1]
        if kind not in ("footnotes", "endnotes") or relationship.is_external:
            continue
        root = etree.fromstring(relationship.target_part.blob, etree.XMLParser(resolve_entities=False, no_network=True))
        for note in root.iterchildren(f"{_W}{kind[:-1]}"):
            text = " ".join(word_text(note).split())
            if text:
                notes[f"{kind[:-1]}{note.get(f'{_W}id')}"] = text
    return notes
