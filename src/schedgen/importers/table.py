"""A 配档表 as rows of cells -> a schedule file.

The header row is found by its column names, in any order; merged or empty stage cells carry the
stage above down; every text is kept verbatim; a row whose time cannot be read is kept as written and
reported with its row number, so nothing is dropped without a word.
"""

from __future__ import annotations

import hashlib
import re
import shlex
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import TYPE_CHECKING, cast

import yaml

from schedgen.errors import LoadError, WhenError, strerror
from schedgen.i18n import _, chinese
from schedgen.importers.bounds import MAX_ROWS, Sheet, refuse_declarations, sheet_bounds, word_rows
from schedgen.importers.columns import YEAR_COLUMN, Layout, compact, layout, name_of, steps, strong_header
from schedgen.importers.dating import page_stamp
from schedgen.importers.scan import readable, scan
from schedgen.importers.wordtext import word_parts, word_text
from schedgen.model import Dates, Day, Deadline, Span, Timing
from schedgen.resolve import dated
from schedgen.units import split_units

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from openpyxl.worksheet.cell_range import CellRange

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
    kept: list[str] = field(default_factory=list)
    """Columns of a table that are no time, task, stage or unit: kept in each task's notes under their names."""
    drafted: int = 0
    """Tasks drafted from the text around a table, put after the table's own tasks."""

    def yaml(self, source: str, draft: bool = False) -> str:
        """The schedule file: a comment on where it came from and what to check, then the YAML."""
        head = [f"# 由 schedgen {'extract' if draft else 'import'} 从 {source} 生成：文字保持原样，请核对后再发布。"]
        if draft:
            head.append(
                "# 这是从正文起草的草稿：请逐条核对时间、任务和单位（未写时限的条目在 notes 里注明了暂定的时间）。"
            )
        if self.drafted:
            head.append(f"# 表格之外的正文里起草了 {self.drafted} 项任务（列在 tasks 的最后），是草稿：请逐条核对。")
        if self.kept:
            head.append(f"# 表中这些列不是时间、任务或单位，已按列名写入每项任务的 notes：{'、'.join(self.kept)}")
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
        raise LoadError(_("{path}: cannot read: {reason}").format(path=path, reason=strerror(error))) from None
    if size == 0:
        raise LoadError(_("{path}: the file is empty").format(path=path))
    if size > MAX_BYTES:
        raise LoadError(
            _("{path}: {size:.0f} MB is too large for {what} (limit {limit} MB)").format(
                path=path, size=size / 1000000.0, what=_(what), limit=MAX_BYTES // 1000000
            )
        )


def to_schedule(
    rows: Sequence[Sequence[str]],
    above: Sequence[str],
    *,
    year: int | None,
    default_year: int,
    stem: str,
    name: str | None = None,
    title_year: bool = True,
    first_row: int = 1,
) -> Imported:
    """A schedule document from the rows of one table, or of several one below the other, each with its header.

    The year is the title's (unless `title_year` is false: the document's dates said the title's year is a copying
    site's), else `year` (given by the user), else the first year the time cells write, else `default_year`; a table
    whose times reach past that year gets a window to its last date. A row is named by its number in the file
    (Excel's, a CSV's record), the first of `rows` being `first_row`.
    """
    found = layout(rows)
    if found is None:
        raise LoadError(
            _(
                "no table with a header row naming its columns (e.g. 时间、工作事项、责任单位) over cells that "
                "read as times was found"
            )
        )
    if found.header_at + 1 < len(rows) and (merged := _with_sub_header(rows[found.header_at : found.header_at + 2])):
        # a header over two rows (时间安排 over 计划起止 | 实际起止, as a PDF leaves a merged name): one header
        rows = [*rows[: found.header_at], merged, *rows[found.header_at + 2 :]]
        found = layout(rows) or found
        first_row += 1  # the rows below are one further down the file than their place here
    title = _title(above) or name or stem  # no title line: the file's own name, as the clerk saved it
    source = next((line for line in above if re.match(r"^附件\s*\d*$", line)), None)
    body = rows[found.header_at + 1 :]
    year = (_year(title) if title_year else None) or year or _first_year(body, found) or default_year
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
    columns, extra, times = found.columns, found.extra, found.times
    header = rows[found.header_at]
    kept: dict[str, None] = {name: None for name, _ in extra}
    reach: list[date] = []
    first_seen: dict[tuple[str | None, ...], int] = {}
    shown_again = False  # the table's header again below it: a page that shows its table twice (a print view)
    opened: tuple[int, str] | None = None  # a row of a stage cell alone, until a task is put under it
    for at, row in enumerate(body, start=found.header_at + 1):
        number = at + first_row  # the row's number as the clerk sees it in the file
        if strong_header(row):  # the next table, in a layout of its own
            again = layout(rows, at)
            if again is not None and again.header_at == at:
                shown_again = shown_again or list(row) == list(rows[found.header_at])
                columns, extra, times, header, stage_name = again.columns, again.extra, again.times, row, None
                kept.update({name: None for name, _ in extra})
                _unfollowed(result, opened)
                opened = None
                continue
        heading = _heading(row)
        if heading is not None and "stage" not in columns:
            # a row of one cell merged across the table (一、准备阶段 over 序号 | 时间 | 工作任务): the rows below
            # are its group, as a stage column's cell would make them
            _unfollowed(result, opened)
            stage_name = heading
            opened = (number, heading)
            continue
        cells = {key: _cell(row, index) for key, index in columns.items()}
        if not any(cells.get(k) for k in ("when", "task", "units", "lead", "support")):
            text = " | ".join(dict.fromkeys(c.strip() for c in row if c.strip()))
            if cells.get("stage"):
                _unfollowed(result, opened)
                stage_name = cells["stage"]
                opened = (number, stage_name)
            elif text and not _ROW_NUMBER.fullmatch(text):
                # text in columns of no role (a remark in the 备注 column alone): said, not lost; a template's
                # numbered row left empty is no text
                result.problems.append(f"第 {number} 行只有“{text}”，不是任务，没有导入")
            continue
        if cells.get("stage"):
            if opened is not None and opened[1] != cells["stage"]:
                _unfollowed(result, opened)  # another stage begins: the one alone on its row had nothing under it
            stage_name = cells["stage"]
        task_text, when_text = cells.get("task", ""), cells.get("when", "")
        row_times = times
        pair = _start_and_end(header, columns, times, extra)
        spanned: tuple[int, ...] = ()  # the columns the row's time was joined from
        if pair is not None and all(_cell(row, index) for index in pair):
            joined = f"{_cell(row, pair[0])}至{_cell(row, pair[1])}"
            # 开工时间 | 完成时间: the row's time runs from the one to the other, where each is a time (待定 | 4月30日
            # reads as a time, by its end, but starts at no time)
            if readable(joined) and all(readable(_cell(row, index)) for index in pair):
                when_text = joined
                row_times = tuple((name, index) for name, index in times if index not in pair)
                spanned = pair
        remark = _TIME_REMARK.fullmatch(when_text)
        if remark and not readable(when_text) and readable(remark[1]):
            when_text = remark[1]  # 3月15日—4月15日（30天）: the time, its remark kept in the notes
            extra_note = f"{name_of(header, columns['when'])}：{cells['when']}"
        else:
            extra_note = ""
        month = _BARE_MONTH.fullmatch(when_text)
        if month and _DUE_COLUMN.search(compact(name_of(header, columns["when"]))):
            # 完成时限 | 6月: done by the month's end (a 时间安排 column's 6月 is the month's span), as written in notes
            extra_note = f"{name_of(header, columns['when'])}：{when_text}"
            when_text = f"{month[1]}月底前"
        if not task_text:
            result.problems.append(f"第 {number} 行没有任务内容：{' | '.join(c for c in row if c)}")
            continue
        # a page that shows its table twice (a print view below it): each row is one duty, drafted once
        earlier = first_seen.setdefault((stage_name, *(c.strip() for c in row)), number)
        if earlier != number and shown_again:
            result.problems.append(f"第 {number} 行与第 {earlier} 行相同（表格重复了一遍？），没有再起草")
            continue
        notes = [cells["notes"]] if cells.get("notes") else []
        notes += [f"{name}：{_cell(row, index)}" for name, index in extra if _cell(row, index) and index not in spanned]
        notes += [extra_note] if extra_note else []
        parts = _parts(
            task_text, when_text, _raw(row, columns.get("task")), _raw(row, columns.get("when")), header, columns
        )
        # a further column of times is a further duty of the row (报名时间 | 准考证打印), each named by its header;
        # where the row leaves the others empty (one time merged across 开始 | 结束), its task is as written
        row_times = tuple((name, index) for name, index in row_times if _cell(row, index))
        if row_times and "when" in columns:
            named = f"{task_text}（{name_of(header, columns['when'])}）"
            parts = [(g, named if t == task_text else t, w, n) for g, t, w, n in parts]
        parts += [(None, f"{task_text}（{name}）", _cell(row, index), None) for name, index in row_times]
        for part_stage, part_task, part_when, part_note in parts:
            task: dict[str, object] = {"id": unique_id(f"{part_stage or stage_name or ''}\n{part_task}", seen_ids)}
            task["when"] = part_when
            task["task"] = part_task
            for key in ("lead", "support", "units"):
                if cells.get(key):
                    names = split_units(cells[key])
                    task[key] = cells[key] if len(names) > 1 else names[0]
            if notes or part_note:
                task["notes"] = "；".join([*notes, *([part_note] if part_note else [])])
            if not part_when:
                result.problems.append(f"第 {number} 行没有时间：{part_task[:30]}")
            else:
                try:
                    with chinese():  # its reason goes into the draft
                        reach += _reach(dated(part_when, year))
                except WhenError as error:
                    result.problems.append(
                        f"第 {number} 行的时间“{part_when}”读不懂（{error.message}）{_serial_hint(part_when)}"
                    )
            result.rows += 1
            opened = None
            group = part_stage or stage_name
            if group:
                if not stages or stages[-1]["name"] != group:
                    stages.append({"name": group, "tasks": []})
                stages[-1]["tasks"].append(task)  # type: ignore[attr-defined]
            else:
                loose.append(task)
    _unfollowed(result, opened)
    if reach and max(reach) > date(year, 12, 31):
        document["until"] = max(reach)  # a multi-year table: its window runs to the last date it names
    if stages:
        document["stages"] = stages
    if loose:
        document["tasks"] = loose
    if not result.rows:
        raise LoadError(_("the table has a header but no task rows"))
    result.kept = list(kept)
    return result


def _serial_hint(text: str) -> str:
    """What a time cell of a 5-digit number is: Excel's number of a day (45382), shown so where the cell lost its
    date format; the day it stands for, and how to show it."""
    if not re.fullmatch(r"\d{5}", text) or not _SERIALS[0] <= int(text) <= _SERIALS[1]:
        return ""
    day = date(1899, 12, 30) + timedelta(days=int(text))  # Excel counts from 1900 with its 29 Feb 1900
    return f"：这像是 Excel 的日期序号，即 {day.isoformat()}；请在 Excel 里把这一格设为日期格式，或写成文字"


_SERIALS = (20_000, 80_000)  # 1954 to 2119: a plan's days; a 5-digit number outside is no day


def _heading(row: Sequence[str]) -> str | None:
    """The text of a row that is one cell merged across the table from its first column, as a group's heading
    is written: Word reads it in every column it spans, Excel and a page in the first alone. None for a row of
    cells of their own, and for a time (a row of 长期坚持 across its cells is a time, not a group)."""
    texts = [" ".join(c.split()) for c in row]
    filled = [i for i, text in enumerate(texts) if text]
    if len(texts) < 3 or not filled or filled[0] != 0 or len(set(texts[i] for i in filled)) != 1:
        return None
    spanned = len(filled) == 1 or filled == list(range(len(filled)))  # alone, or repeated from the first on
    numbered = _ROW_NUMBER.fullmatch(texts[0]) is not None  # a template's numbered row left empty: no heading
    return texts[0] if spanned and not numbered and not readable(texts[0]) else None


def _unfollowed(result: Imported, opened: tuple[int, str] | None) -> None:
    """Say that a row of a stage cell alone had no task under it (a remark merged across the foot of the table,
    a stage heading over nothing): it names no stage of the schedule, and would be lost without a word."""
    if opened is not None:
        number, text = opened
        result.problems.append(f"第 {number} 行“{text}”下面没有任务，没有导入（若是备注，请写进有关任务的 notes）")


def add_drafted(result: Imported, text: str, *, stem: str) -> None:
    """Add to a table's schedule the duties the text around the table names itself (a notice that asks for
    the table's plan by a date), drafted from prose after the table's own tasks; its unread sentences too."""
    from schedgen.importers.prose import extract as draft

    # the line `schedgen export` writes under its table says how it was dated (计划期 … 至 …，按 … 年解析): no duty
    text = "\n".join(line for line in text.splitlines() if not _EXPORT_WINDOW.search(line))
    year = result.document["year"]
    assert isinstance(year, int)
    prose = draft(text, year=year, stem=stem)
    stages = cast("list[dict[str, list[dict[str, object]]]]", prose.document.get("stages", []))
    tasks = [t for stage in stages for t in stage["tasks"]]
    tasks += cast("list[dict[str, object]]", prose.document.get("tasks", []))
    if not tasks:
        return
    document = result.document
    own = cast("list[dict[str, list[dict[str, object]]]]", document.get("stages", []))
    loose = cast("list[dict[str, object]]", document.pop("tasks", []))
    taken = {str(t["id"]): 1 for t in [*(t for stage in own for t in stage["tasks"]), *loose]}
    for task in tasks:
        if str(task["id"]) in taken:  # the same id from the table and the text: the text's gets another
            task["id"] = unique_id(f"{task['id']}\n{task['task']}", taken)
        taken.setdefault(str(task["id"]), 1)
    document["tasks"] = [*loose, *tasks]
    result.rows += len(tasks)
    result.drafted = len(tasks)
    result.unread += prose.unread


def _raw(row: Sequence[str], index: int | None) -> str:
    return row[index] if index is not None and index < len(row) else ""


def _parts(
    task: str, when: str, raw_task: str, raw_when: str, header: Sequence[str], columns: dict[str, int]
) -> list[tuple[str | None, str, str, str | None]]:
    """The tasks one row holds, each as (group, task, time, note): one, or one per numbered step of a cell
    (`①2月上旬前，完成设计招标。②3月底前，…`), or one per line of a time cell whose lines pair with the
    numbered items of the task cell (`一、准备法律文件` over `1、…` `2、…` beside `2005.1—4` `2005.2—4`)."""
    when_lines = [" ".join(line.split()) for line in raw_when.splitlines() if line.strip()]
    task_lines = [" ".join(line.split()) for line in raw_task.splitlines() if line.strip()]
    if len(when_lines) > 1 and all(readable(line) for line in when_lines):
        items = [line for line in task_lines if _ITEM.match(line)]
        if len(items) == len(when_lines):
            heading = " ".join(line for line in task_lines[: task_lines.index(items[0])]) or None
            return [(heading, item, time, None) for item, time in zip(items, when_lines, strict=True)]
    stepped = steps(when) or (steps(task) if not when or not readable(when) else [])
    if stepped:
        name = compact(header[columns["when"]]) if "when" in columns and steps(when) else None
        head = task if steps(when) else ""
        parts: list[tuple[str | None, str, str, str | None]] = []
        for step in stepped:
            time = scan(step)[0].text
            text = f"{head}：{step}" if head else step
            parts.append((None, text, time, f"{name}：{when}" if name else None))
        return parts
    return [(None, task, when, None)]


_ROW_NUMBER = re.compile(r"[\d.．、]+")
_STARTS_NAME = re.compile(r"开始|开工|启动|起始|起")
_ENDS_NAME = re.compile(r"结束|完成|完工|竣工|截止|止")
# a column's name that is a start's or an end's and nothing else (开始时间, 计划完成日期; not 完成情况)
_PAIR_NAME = re.compile(r"(?:计划)?(?:开始|起始|开工|启动|结束|完成|完工|竣工|截止)(?:时间|日期)")
# a time cell with a remark in brackets after it: 3月15日—4月15日（30天）, 6月底（视进度调整）
_TIME_REMARK = re.compile(r"(.+?)\s*[(（]([^()（）]{1,40})[)）]")


def _start_and_end(
    header: Sequence[str],
    columns: dict[str, int],
    times: Sequence[tuple[str, int]],
    extra: Sequence[tuple[str, int]] = (),
) -> tuple[int, int] | None:
    """The time column and a further column of times when one starts what the other ends (开工时间 | 完成时间,
    开始日期 | 结束日期), in that order: the two are one span, not two duties. A column kept in notes whose name is
    only a start's or an end's (开始时间, as a few cells that are no time can leave it) is such a column too."""
    paired = [(name, i) for name, i in extra if _PAIR_NAME.fullmatch(name)]
    if "when" not in columns or not (times or paired):
        return None
    named = [(name_of(header, columns["when"]), columns["when"]), *times, *paired]
    starts = [i for name, i in named if _STARTS_NAME.search(name) and not _ENDS_NAME.search(name)]
    ends = [i for name, i in named if _ENDS_NAME.search(name) and not _STARTS_NAME.search(name)]
    if starts and ends and columns["when"] in (starts[0], ends[0]):
        return starts[0], ends[0]
    return None


def _reach(timing: Timing) -> list[date]:
    """The days a dated time names, for the plan's window."""
    if isinstance(timing, Span):
        return [d for d in (timing.start, timing.end) if d is not None]
    if isinstance(timing, Day):
        return [timing.day]
    if isinstance(timing, Deadline):
        return [timing.end]
    if isinstance(timing, Dates):
        return list(timing.days)
    return []


def _first_year(body: Sequence[Sequence[str]], found: Layout) -> int | None:
    """The first year the time cells write (`2005.1—4`, `2024年6月底前`), else the first of a year column's (年度 |
    `2023`: the time cells then name only months)."""
    index = found.columns.get("when")
    cells = [row[index] for row in body if index is not None and index < len(row)]
    years = [int(y) for cell in cells for y in re.findall(r"(?<!\d)((?:19|20)\d\d)(?=\s*[年.．\-/—–])", cell)]
    if not years:
        columns = [i for name, i in found.extra if compact(name) in YEAR_COLUMN]
        found_years = (re.fullmatch(r"((?:19|20)\d\d)\s*(?:年度?)?", _cell(row, i)) for row in body for i in columns)
        years = [int(y[1]) for y in found_years if y]
    return min(years) if years else None


def unique_id(text: str, seen: dict[str, int]) -> str:
    """`t-` and a hash of the stage and text: stable when rows move; a repeated row gets `-2`, `-3`.

    `seen` counts each hash's rows, so that the 20,000th copy of a row is named at once, not after
    trying the 19,999 names before it (a table of repeated rows took a quadratic time to import)."""
    base = "t-" + hashlib.sha1(text.encode()).hexdigest()[:8]
    n = seen[base] = seen.get(base, 0) + 1
    return base if n == 1 else f"{base}-{n}"


_EXPORT_WINDOW = re.compile(r"计划期 \d{4}-\d\d-\d\d 至 \d{4}-\d\d-\d\d，按 \d{4} 年解析。")
_ITEM = re.compile(r"^\d{1,2}\s*[、.．]\s*\S")
# a month alone in a time cell (6月, 9月份, 2024年6月), and a time column's name that says its times are deadlines
_BARE_MONTH = re.compile(r"((?:(?:19|20)\d\d\s*年\s*)?\d{1,2})\s*月份?")
_DUE_COLUMN = re.compile(r"时限|期限|截止|完成时间|完成日期|办结")
_SUB_NAME = 8  # the longest name in a header's second row (计划起止, 实际完成时间)


def _cell(row: Sequence[str], index: int) -> str:
    return " ".join(row[index].split()) if index < len(row) else ""


def _with_sub_header(pair: Sequence[Sequence[str]]) -> list[str] | None:
    """The one header that a header row and the row of names under it make, where the names below stand only under
    a name that spans empty cells to its right (`时间安排 | ` over `计划起止 | 实际起止`, as a PDF or a web page leaves
    a merged cell): each spanned column takes the name below it, or the spanning name where it has none. None where
    the second row is no such row of names (a row of the table, a header of its own)."""
    top, below = [c.strip() for c in pair[0]], [c.strip() for c in pair[1]]
    # a name has no digit (计划工期 reads as a time by its words, 2021.10 by its digits)
    if not any(below) or any(re.search(r"\d", c) or len(compact(c)) > _SUB_NAME for c in below):
        return None
    top += [""] * (len(below) - len(top))
    merged, column = [], 0
    while column < len(top):
        end = column + 1
        while end < len(top) and not top[end]:
            end += 1
        spanned = [below[c] if c < len(below) else "" for c in range(column, end)]
        if end - column < 2 or not top[column]:
            if any(spanned):
                return None  # a name below a column of its own, or below no name: not a sub-header
            merged += top[column:end]
        else:
            merged += [name or top[column] for name in spanned]
        column = end
    return merged if merged != top else None


def _title(lines: Iterable[str]) -> str | None:
    # a sentence of the notice above a table (。) is no title, nor a page's stamp line (发布时间: … 来源: …)
    candidates = [
        line
        for line in lines
        if line and not re.match(r"^附件\s*\d*$", line) and "。" not in line and not page_stamp(line)
    ]
    preferred = [line for line in candidates if re.search(r"(表|方案|计划|安排|清单|通知|要点)$", line)]
    chosen = preferred or candidates
    return chosen[-1] if chosen else None


def _year(title: str) -> int | None:
    """The year a title names, as a prose draft reads it: the first of a range (`2022—2023年…推进计划表`: 2022)."""
    from schedgen.importers.dating import title_year

    return title_year(title)


# ----- readers ---------------------------------------------------------------------------------------


def read_csv(path: Path) -> tuple[list[list[str]], list[str], int]:
    import csv
    import io

    # the file is at most MAX_BYTES, so no cell is larger: the csv module's own limit (131,072) would
    # refuse a long cell that Excel writes without complaint
    csv.field_size_limit(max(csv.field_size_limit(), MAX_BYTES))
    text = decode_text(path.read_bytes(), path)
    # the separator is Excel's list separator where the file was saved (`;` in many locales) or a tab (its
    # Unicode text): the one under which a header names the columns; a comma where none does, as before
    tables = (list(csv.reader(io.StringIO(text), delimiter=d)) for d in _SEPARATORS)
    found = [rows for rows in tables if layout(rows) is not None]
    return _split_above(found[0] if found else list(csv.reader(io.StringIO(text))))


# control characters (a NUL from a broken export) are no part of a plan's text and would land in the YAML
# as escapes; the ones Python counts as whitespace (tab, form feed…) stay, to break lines and cells as before
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")


_SEPARATORS = (",", ";", "\t")
_UTF16 = (b"\xff\xfe", b"\xfe\xff")


def decode_text(raw: bytes, path: Path) -> str:
    """Text from UTF-8 (with or without BOM), UTF-16 with its BOM (Excel's and Notepad's 'Unicode') or GB18030."""
    # Word and Excel on Chinese Windows save text as GB18030 unless told otherwise; as UTF-16 when told Unicode,
    # which GB18030 would read as other characters without an error
    encodings = ("utf-16",) if raw.startswith(_UTF16) else ("utf-8-sig", "gb18030")
    for encoding in encodings:
        try:
            return _CONTROLS.sub("", raw.decode(encoding))
        except UnicodeDecodeError:
            continue
    raise LoadError(_("{path}: the text is neither UTF-8, UTF-16 nor GB18030").format(path=path))


def _split_above(rows: list[list[str]]) -> tuple[list[list[str]], list[str], int]:
    """Rows from the header on, the one-cell lines above the header (a title typed into the first cell), and
    the header's row number in the file."""
    found = layout(rows)
    if found is None:
        return rows, [], 1
    at = found.header_at
    above = [" ".join(c for c in row if c).strip() for row in rows[:at]]
    return rows[at:], [a for a in above if a], at + 1


def check_zip(path: Path, kind: str) -> None:
    """Refuse a file that is not a zip archive, or one that unpacks to more than `MAX_UNPACKED` bytes."""
    if not zipfile.is_zipfile(path):
        raise LoadError(
            _("{path}: not a {kind} file (it may be password-protected, an old .doc/.xls, or damaged)").format(
                path=path, kind=kind
            )
        )
    with zipfile.ZipFile(path) as archive:
        if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
            raise LoadError(
                _("{path}: unpacks to more than {limit} MB; refusing to open it").format(
                    path=path, limit=MAX_UNPACKED // 1000000
                )
            )
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
        raise LoadError(_("{path}: not a readable Word .docx file ({error})").format(path=path, error=error)) from None


def read_docx(document: DocxDocument, path: Path) -> tuple[list[list[list[str]]], list[list[str]]]:
    """The rows of each of a Word file's tables, in order, and the paragraphs above each of them: which tables
    hold the plan (one with a header, and one that goes on from it over a page) is for the caller to say."""
    from docx.table import Table

    grids: list[list[list[str]]] = []
    above: list[list[str]] = [[]]
    parts = word_parts(document.part)  # a cell's footnote is read where its mark is, a list's number counted on
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = word_text(child).strip()
            if text:
                above[-1].append(text)
        elif tag == "tbl":
            # the table, then each table inside its cells (a template's frame around the plan): a cell's text
            # leaves out the tables inside it, so each is read once, as a table; a vertically merged cell reads
            # as its text on every row it spans
            shared = above[-1]  # the paragraphs above the frame are above each table in it
            for table in child.iter(child.tag):
                grids.append(word_rows(path, Table(table, document), len(grids) + 1, parts))
                above.append(shared)
            above[-1] = []
    return grids, above


def read_xlsx(path: Path, sheet: str | None, notes: list[str] | None = None) -> tuple[list[list[str]], list[str], int]:
    """The rows of the first sheet with a header (or `sheet`) from the header on, the lines above it and the
    header's row number; where the sheet is longer than `MAX_ROWS`, the rows read and where they stopped are
    said in `notes`."""
    check_zip(path, "Excel .xlsx")
    import openpyxl

    try:
        # read-only: a full load makes a cell object for every cell of a merged range, however large; the
        # merged ranges and how far the values go are read from the sheet's XML by `sheet_bounds` instead
        book = openpyxl.load_workbook(str(path), data_only=True, read_only=True)
    except (KeyError, ValueError, OSError, zipfile.BadZipFile) as error:
        raise LoadError(_("{path}: not a readable Excel .xlsx file ({error})").format(path=path, error=error)) from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise LoadError(
                _("{path}: no sheet `{sheet}`; the sheets are: {names}").format(
                    path=path, sheet=sheet, names=", ".join(book.sheetnames)
                )
            )
        # the sheets a clerk sees first: a hidden one (last year's version, a lookup list) is read only where no
        # shown sheet holds a table, and said to be hidden
        worksheets = [book[sheet]] if sheet else sorted(book.worksheets, key=lambda w: w.sheet_state != "visible")
        read: tuple[list[list[str]], list[str], int] | None = None
        with zipfile.ZipFile(path) as archive:
            for worksheet in worksheets:
                bounds = sheet_bounds(path, archive, worksheet._worksheet_path, worksheet.title)
                rows = _sheet_rows(worksheet, bounds) if bounds.columns else []
                if not rows or layout(rows) is None:
                    continue  # no value in the rows read (a 0 would have openpyxl read every column), or no table
                hidden = "隐藏的" if worksheet.sheet_state != "visible" else ""
                if read is not None:
                    # a workbook of a plan a sheet (a quarter, a town each): one schedule is one plan, so the
                    # others are named with the way to import each, not taken in nor left without a word
                    if notes is not None:
                        notes.append(
                            f"{hidden}工作表“{worksheet.title}”也有一张表格，没有导入："
                            f"请用 --sheet {_argument(worksheet.title)} 另行导入"
                        )
                    continue
                if hidden and sheet is None and notes is not None:
                    notes.append(
                        f"工作表“{worksheet.title}”在 Excel 里是隐藏的（只有它有表格）：请确认它是要导入的那一张"
                    )
                if notes is not None:
                    notes += _hidden(worksheet.title, bounds, rows)
                if bounds.uncached and notes is not None:
                    notes.append(
                        f"工作表“{worksheet.title}”的 {'、'.join(bounds.uncached)} 是公式，文件里没有保存计算结果，"
                        "读作空白：请在 Excel 里打开并保存一次（让它算出结果）再导入"
                    )
                if bounds.rows > MAX_ROWS and notes is not None:
                    notes.append(
                        f"只读了工作表“{worksheet.title}”的前 {MAX_ROWS} 行：第 {MAX_ROWS + 1} 至 {bounds.rows} 行"
                        f"没有导入（上限 {MAX_ROWS} 行），请把表格拆开分别导入"
                    )
                read = _split_above(rows)
        if read is not None:
            return read
    finally:
        book.close()
    raise LoadError(
        _("{path}: no sheet has a header row (阶段 / 时间 / 重点任务 / 责任单位 …); choose one with --sheet").format(
            path=path
        )
    )


def _hidden(title: str, bounds: Sheet, rows: list[list[str]]) -> list[str]:
    """What Excel hides of a sheet that is read (rows and columns hidden rather than deleted, an internal remark):
    imported as the file holds them, and named, so that nothing the clerk never saw is published unread."""
    from openpyxl.utils import get_column_letter

    said = []
    if bounds.hidden_rows:
        numbers = "、".join(str(n) for n in bounds.hidden_rows)
        numbers += f" 等 {bounds.hidden_count} 行" if bounds.hidden_count > len(bounds.hidden_rows) else ""
        said.append(f"工作表“{title}”的第 {numbers} 行在 Excel 里是隐藏的，已照样导入：若是作废的行，请从草稿里删去")
    layout_ = layout(rows)
    header = rows[layout_.header_at] if layout_ is not None else []
    for column in bounds.hidden_columns:
        name = header[column - 1].strip() if column - 1 < len(header) else ""
        said.append(
            f"工作表“{title}”的 {get_column_letter(column)} 列{f'（{name}）' if name else ''}在 Excel 里是隐藏的，"
            "已照样导入：若不该公开，请从草稿里删去"
        )
    return said


def _argument(text: str) -> str:
    """`text` as a shell takes it as one argument: quoted only where it holds what a shell reads (a space, a
    quote), as shlex quotes every character outside ASCII (a sheet named 二季度 is typed as it is)."""
    return shlex.quote(text) if re.search(r"[\s'\"\\$`!*?;&|<>()#~{}\[\]]", text) else text


def _sheet_rows(worksheet: object, bounds: Sheet) -> list[list[str]]:
    """A worksheet's cells as text, row by row, as far as `bounds` says its values go, merged cells filled in."""
    from openpyxl.worksheet.cell_range import CellRange

    rows = [
        [_value(cell.value, getattr(cell, "number_format", "")) for cell in row]
        for row in worksheet.iter_rows(  # type: ignore[attr-defined]
            max_row=min(bounds.rows, MAX_ROWS), max_col=bounds.columns
        )
    ]
    _fill_merged(rows, [CellRange(reference) for reference in bounds.merged])
    return rows


def _value(value: object, number_format: str = "") -> str:
    """A cell's text as the sheet shows it: a date typed as an Excel date is that day (`2023-06-30`), not the
    midnight of it (`2023-06-30 00:00:00`); a date the sheet shows without its year or its day is what it shows
    (`3月1日`, `2024年6月`), not the year it was typed in nor the first of the month Excel keeps."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        shown = _DATE_LITERALS.sub("", number_format).lower()
        year, day = "y" in shown or "e" in shown, "d" in shown
        if "m" in shown and not (year and day) and (year or day):
            hour = f" {value.hour}:{value.minute:02d}" if day and value.time() != clock(0, 0) else ""
            return f"{value.year}年{value.month}月" if year else f"{value.month}月{value.day}日{hour}"
        if value.time() == clock(0, 0):
            return value.date().isoformat()
    return str(value).strip()


# what a number format shows as written, not as a part of the date: "年", \-, [$-804], [DBNum1], _) and *-
_DATE_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|[_*].')


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
