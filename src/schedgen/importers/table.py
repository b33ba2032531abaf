"""A 配档表 as rows of cells -> a schedule file.

The header row is found by its column names, in any order; merged or empty stage cells carry the
stage above down; every text is kept verbatim; a row whose time cannot be read is kept as written and
reported with its row number, so nothing is dropped without a word.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from schedgen.errors import LoadError, WhenError
from schedgen.importers.bounds import MAX_ROWS, refuse_declarations, sheet_bounds, word_rows
from schedgen.resolve import dated
from schedgen.units import split_units

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from openpyxl.worksheet.cell_range import CellRange

COLUMNS = {
    "stage": ("阶段", "工作阶段", "实施阶段", "步骤", "阶段安排"),
    "when": (
        "时间",
        "时间节点",
        "计划完成时间",
        "完成时间节点",
        "时限要求",
        "完成时限",
        "完成时间",
        "时限",
        "时间安排",
        "进度安排",
        "截止时间",
        "完成期限",
        "时间要求",
    ),
    # the most specific first: when a table has two (目标任务 and 工作任务), the other one groups the rows
    "task": (
        "具体任务",
        "工作措施",
        "任务内容",
        "主要内容",
        "工作内容",
        "工作任务",
        "主要任务",
        "工作要点",
        "重点任务",
        "目标任务",
        "任务",
    ),
    "units": ("责任单位", "责任部门", "负责单位", "承办单位", "实施单位"),
    "lead": ("牵头单位", "牵头部门"),
    "support": ("配合单位", "配合部门", "协办单位"),
    "notes": ("备注",),
    "no": ("序号", "编号"),
}
MAX_BYTES = 20_000_000
MAX_UNPACKED = 200_000_000


@dataclass
class Imported:
    """A schedule drafted from a table, and what a person has to look at."""

    document: dict[str, object]
    problems: list[str] = field(default_factory=list)
    rows: int = 0
    unread: list[str] = field(default_factory=list)
    """Sentences of a prose plan with a duty whose time could not be read, each with the reason."""

    def yaml(self, source: str, draft: bool = False) -> str:
        """The schedule file: a comment on where it came from and what to check, then the YAML."""
        head = [f"# 由 schedgen {'extract' if draft else 'import'} 从 {source} 生成：文字保持原样，请核对后再发布。"]
        if draft:
            head.append(
                "# 这是从正文起草的草稿：请逐条核对时间、任务和单位（未写时限的条目在 notes 里注明了暂定的时间）。"
            )
        head += [f"# 请检查：{p}" for p in self.problems]
        # libyaml's emitter when PyYAML has it: the pure-Python one takes a third of a large draft's time; but
        # libyaml writes a character outside the BMP (𠮷, an emoji) as `\U00020BB7`, which a reviewer cannot read
        astral = re.search("[\U00010000-\U0010ffff]", str(self.document)) is not None
        dumper = yaml.SafeDumper if astral else getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        body = yaml.dump(self.document, Dumper=dumper, allow_unicode=True, sort_keys=False, width=10_000)
        # kept as comments so that a reviewer sees them and `check` does not read them as tasks
        tail = ["", "# 以下句子像是有时限的任务，但时间读不懂，没有起草为任务："] if self.unread else []
        tail += [f"# {line}" for line in self.unread]
        return "\n".join(head) + "\n" + body + "".join(f"{line}\n" for line in tail)


def check_size(path: Path, what: str) -> None:
    """Refuse a file that cannot be read, is empty, or is larger than any `what` (a 配档表, a plan) can be."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise LoadError(f"{path}: cannot read: {error.strerror or error}") from None
    if size == 0:
        raise LoadError(f"{path}: the file is empty")
    if size > MAX_BYTES:
        raise LoadError(f"{path}: {size / 1e6:.0f} MB is too large for {what} (limit {MAX_BYTES // 1_000_000} MB)")


def read_rows(
    path: Path, sheet: str | None = None, notes: list[str] | None = None
) -> tuple[list[list[str]], list[str]]:
    """The cells of a file's table, and the lines above it (title, 附件 number); where a reader stops at a
    limit, it says so in `notes`."""
    check_size(path, "a 配档表")
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return _docx(path)
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx(path, sheet, [] if notes is None else notes)
    if suffix == ".csv":
        return _csv(path)
    if suffix in (".txt", ".text", ""):
        return _text(path)
    raise LoadError(
        f"{path}: cannot import {suffix or 'this'} files; use .docx, .xlsx, .csv or .txt "
        "(save a .doc or .xls in the newer format first)"
    )


def to_schedule(rows: Sequence[Sequence[str]], above: Sequence[str], *, year: int, stem: str) -> Imported:
    """A schedule document from the rows of one table, or of several one below the other, each with its header."""
    header_at, columns = _header(rows)
    title = _title(above) or stem
    source = next((line for line in above if re.match(r"^附件\s*\d*$", line)), None)
    year = _year(title) or year
    document: dict[str, object] = {
        "id": re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-") or "plan",
        "title": title,
        "year": year,
    }
    if source:
        document["source"] = source
    result = Imported(document)
    stages: list[dict[str, object]] = []
    loose: list[dict[str, object]] = []
    stage_name: str | None = None
    seen_ids: dict[str, int] = {}
    for number, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        header = _columns(row)
        if header is not None:  # the next table, in a layout of its own
            columns, stage_name = header, None
            continue
        cells = {key: _cell(row, index) for key, index in columns.items()}
        if not any(cells.get(k) for k in ("when", "task", "units", "lead", "support")):
            if cells.get("stage"):
                stage_name = cells["stage"]
            continue
        if cells.get("stage"):
            stage_name = cells["stage"]
        task_text, when_text = cells.get("task", ""), cells.get("when", "")
        if not task_text:
            result.problems.append(f"第 {number} 行没有任务内容：{' | '.join(c for c in row if c)}")
            continue
        task: dict[str, object] = {"id": unique_id(f"{stage_name or ''}\n{task_text}", seen_ids)}
        task["when"] = when_text
        task["task"] = task_text
        for key in ("lead", "support", "units"):
            if cells.get(key):
                task[key] = cells[key] if len(split_units(cells[key])) > 1 else split_units(cells[key])[0]
        if cells.get("notes"):
            task["notes"] = cells["notes"]
        if not when_text:
            result.problems.append(f"第 {number} 行没有时间：{task_text[:30]}")
        else:
            try:
                dated(when_text, year)
            except WhenError as error:
                result.problems.append(f"第 {number} 行的时间“{when_text}”读不懂（{error.message}）")
        result.rows += 1
        if stage_name:
            if not stages or stages[-1]["name"] != stage_name:
                stages.append({"name": stage_name, "tasks": []})
            stages[-1]["tasks"].append(task)  # type: ignore[attr-defined]
        else:
            loose.append(task)
    if stages:
        document["stages"] = stages
    if loose:
        document["tasks"] = loose
    if not result.rows:
        raise LoadError("the table has a header but no task rows")
    return result


def unique_id(text: str, seen: dict[str, int]) -> str:
    """`t-` and a hash of the stage and text: stable when rows move; a repeated row gets `-2`, `-3`.

    `seen` counts each hash's rows, so that the 20,000th copy of a row is named at once, not after
    trying the 19,999 names before it (a table of repeated rows took a quadratic time to import)."""
    base = "t-" + hashlib.sha1(text.encode()).hexdigest()[:8]
    n = seen[base] = seen.get(base, 0) + 1
    return base if n == 1 else f"{base}-{n}"


def _header(rows: Sequence[Sequence[str]]) -> tuple[int, dict[str, int]]:
    for at, row in enumerate(rows[:30]):
        columns = _columns(row)
        if columns is not None:
            return at, columns
    wanted = "、".join(COLUMNS["when"][:3] + COLUMNS["task"][:3])
    raise LoadError(f"no table with a header row naming its columns (e.g. {wanted}) was found")


def _columns(row: Sequence[str]) -> dict[str, int] | None:
    """The column of each key when `row` is a header row (a task column, and a time or a stage column)."""
    found: dict[str, list[tuple[int, int]]] = {}  # key -> (rank of the name, column)
    for index, cell in enumerate(row):
        name = re.sub(r"\s+", "", cell)
        if len(name) > 12:
            continue  # a title or a task typed into the table, not a column name
        for key, names in COLUMNS.items():
            # 完成时限（时间节点）, 责任单位（部门）: a column name with a remark of its own
            rank = next((n for n, known in enumerate(names) if name == known or name.startswith(known)), None)
            if rank is not None:
                found.setdefault(key, []).append((rank, index))
                break
    tasks = sorted(found.get("task", []))
    if not tasks or not ("when" in found or "stage" in found):
        return None
    columns = {key: min(places)[1] for key, places in found.items()}
    if len(tasks) > 1 and "stage" not in columns:
        columns["stage"] = min(index for _, index in tasks[1:])  # 目标任务 over 工作任务: the rows' group
    return columns


def _cell(row: Sequence[str], index: int) -> str:
    return " ".join(row[index].split()) if index < len(row) else ""


def _title(lines: Iterable[str]) -> str | None:
    candidates = [line for line in lines if line and not re.match(r"^附件\s*\d*$", line)]
    preferred = [line for line in candidates if re.search(r"(表|方案|计划|安排)$", line)]
    chosen = preferred or candidates
    return chosen[-1] if chosen else None


def _year(title: str) -> int | None:
    m = re.search(r"(20\d\d)\s*年", title)
    return int(m[1]) if m else None


# ----- readers ---------------------------------------------------------------------------------------


def _text(path: Path) -> tuple[list[list[str]], list[str]]:
    """Text copied out of a Word table: each cell on a line of its own starting with a tab, rows
    separated by a blank line; lines without the tab are outside the table."""
    text = decode_text(path.read_bytes(), path)
    rows: list[list[str]] = []
    above: list[str] = []
    current: list[str] | None = None
    for line in text.splitlines():
        if line.startswith("\t"):
            if current is None:
                current = []
                rows.append(current)
            current.append(line.strip())
        else:
            current = None
            if not rows and line.strip():
                above.append(line.strip())
    if not rows:
        # no tab-separated cells: one row per line, cells split on tabs or runs of 2+ spaces
        rows = [re.split(r"\t|\s{2,}", line.strip()) for line in text.splitlines() if line.strip()]
    return rows, above


def _csv(path: Path) -> tuple[list[list[str]], list[str]]:
    import csv
    import io

    # the file is at most MAX_BYTES, so no cell is larger: the csv module's own limit (131,072) would
    # refuse a long cell that Excel writes without complaint
    csv.field_size_limit(max(csv.field_size_limit(), MAX_BYTES))
    rows = list(csv.reader(io.StringIO(decode_text(path.read_bytes(), path))))
    return _split_above(rows)


# control characters (a NUL from a broken export) are no part of a plan's text and would land in the YAML
# as escapes; the ones Python counts as whitespace (tab, form feed…) stay, to break lines and cells as before
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")


def decode_text(raw: bytes, path: Path) -> str:
    """Text from UTF-8 (with or without BOM) or GB18030."""
    # Word and Excel on Chinese Windows save text as GB18030 unless told otherwise
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return _CONTROLS.sub("", raw.decode(encoding))
        except UnicodeDecodeError:
            continue
    raise LoadError(f"{path}: the text is neither UTF-8 nor GB18030")


def _split_above(rows: list[list[str]]) -> tuple[list[list[str]], list[str]]:
    """Rows, and the one-cell lines above the header (a title typed into the first cell)."""
    try:
        at, _ = _header(rows)
    except LoadError:
        return rows, []
    above = [" ".join(c for c in row if c).strip() for row in rows[:at]]
    return rows[at:], [a for a in above if a]


def check_zip(path: Path, kind: str) -> None:
    """Refuse a file that is not a zip archive, or one that unpacks to more than `MAX_UNPACKED` bytes."""
    if not zipfile.is_zipfile(path):
        raise LoadError(f"{path}: not a {kind} file (it may be password-protected, an old .doc/.xls, or damaged)")
    with zipfile.ZipFile(path) as archive:
        if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
            raise LoadError(f"{path}: unpacks to more than {MAX_UNPACKED // 1_000_000} MB; refusing to open it")
        refuse_declarations(path, archive, kind)


def open_docx(path: Path) -> DocxDocument:
    """A Word file, or a clear error for one that is damaged, not Word, or hostile (an entity bomb, an
    external entity: lxml refuses both, and that refusal must not surface as a traceback)."""
    check_zip(path, "Word .docx")
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import LxmlError

    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, LxmlError) as error:
        raise LoadError(f"{path}: not a readable Word .docx file ({error})") from None


def _docx(path: Path) -> tuple[list[list[str]], list[str]]:
    document = open_docx(path)
    tables = {table._tbl: table for table in document.tables}
    above: list[str] = []
    found: list[list[str]] = []
    number = 0
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "tbl":
            number += 1
        if tag == "p" and not found:
            text = "".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")).strip()
            if text:
                above.append(text)
        elif tag == "tbl":
            # a vertically merged cell reads as its text on every row it spans
            rows = word_rows(path, tables[child], number)
            try:
                at, _ = _header(rows)
            except LoadError:
                continue
            found += rows[at:]  # every table with a header, one below the other
    if found:
        return found, above
    raise LoadError(f"{path}: the document has no table with a header row (阶段 / 时间 / 重点任务 / 责任单位 …)")


def _xlsx(path: Path, sheet: str | None, notes: list[str]) -> tuple[list[list[str]], list[str]]:
    check_zip(path, "Excel .xlsx")
    import openpyxl
    from openpyxl.worksheet.cell_range import CellRange

    try:
        # read-only: a full load makes a cell object for every cell of a merged range, however large; the
        # merged ranges and how far the values go are read from the sheet's XML by `sheet_bounds` instead
        book = openpyxl.load_workbook(str(path), data_only=True, read_only=True)
    except (KeyError, ValueError, OSError, zipfile.BadZipFile) as error:
        raise LoadError(f"{path}: not a readable Excel .xlsx file ({error})") from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise LoadError(f"{path}: no sheet `{sheet}`; the sheets are: {', '.join(book.sheetnames)}")
        worksheets = [book[sheet]] if sheet else list(book.worksheets)
        with zipfile.ZipFile(path) as archive:
            for worksheet in worksheets:
                bounds = sheet_bounds(path, archive, worksheet._worksheet_path, worksheet.title)
                if not bounds.columns:
                    continue  # no value in the rows read (a 0 would have openpyxl read every column)
                rows = [
                    ["" if v is None else str(v).strip() for v in row]
                    for row in worksheet.iter_rows(
                        values_only=True, max_row=min(bounds.rows, MAX_ROWS), max_col=bounds.columns
                    )
                ]
                _fill_merged(rows, [CellRange(reference) for reference in bounds.merged])
                try:
                    _header(rows)
                except LoadError:
                    continue
                if bounds.rows > MAX_ROWS:
                    notes.append(
                        f"只读了工作表“{worksheet.title}”的前 {MAX_ROWS} 行：第 {MAX_ROWS + 1} 至 {bounds.rows} 行"
                        f"没有导入（上限 {MAX_ROWS} 行），请把表格拆开分别导入"
                    )
                return _split_above(rows)
    finally:
        book.close()
    raise LoadError(f"{path}: no sheet has a header row (阶段 / 时间 / 重点任务 / 责任单位 …); choose one with --sheet")


def _fill_merged(rows: list[list[str]], merged: Iterable[CellRange]) -> None:
    """Give each row of a vertically merged cell the merged cell's text, as Word's tables read."""
    for cells in merged:
        if cells.min_row == cells.max_row or cells.min_row > len(rows):
            continue  # a title merged across columns stays one cell
        column = cells.min_col - 1
        text = rows[cells.min_row - 1][column] if column < len(rows[cells.min_row - 1]) else ""
        for row in rows[cells.min_row : min(cells.max_row, len(rows))]:
            if column < len(row):
                row[column] = text
