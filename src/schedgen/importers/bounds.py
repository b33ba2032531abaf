"""What an office file may hold, checked before a library expands it.

A few kB of Word or Excel XML can ask for a billion cells: a merged range over the whole sheet, one
cell at column XFD (every row then reads 16,384 columns), a `gridSpan` of a billion, an entity that
expands a thousandfold. openpyxl and python-docx build what the XML asks for, so the parts are read
here first, as a stream, and a file beyond a 配档表's size is refused with what was found and the limit.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from schedgen.errors import LoadError
from schedgen.i18n import _
from schedgen.importers.wordtext import WordParts, cell_text

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


def word_rows(path: Path, table: Table, number: int, parts: WordParts | None = None) -> list[list[str]]:
    """The text of a Word table's cells, row by row, as python-docx's `row.cells` reads them (a cell spanning
    columns once per column, a vertically merged cell's text on every row it spans), in one pass.

    `row.cells` builds a cell per spanned column before anything can check the span, and finds a merged
    cell's text by recursion up the rows (a RecursionError past ~1,000 rows): here a span is checked first,
    and each row takes the merged texts from the row above."""
    try:
        return _word_rows(path, table, number, parts or WordParts())
    except ValueError as error:  # a span or merge python-docx cannot read as a number or a keyword
        raise LoadError(
            _("{path}: table {number} is not a readable Word table ({error})").format(
                path=path, number=number, error=error
            )
        ) from None


def _word_rows(path: Path, table: Table, number: int, parts: WordParts) -> list[list[str]]:
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
            text = above.get(offset, "") if tc.vMerge == "continue" else cell_text(tc, parts)
            here[offset] = text
            cells += [text] * span
            offset += span
        rows.append(cells)
        above = here
    return rows
