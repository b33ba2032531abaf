"""Milestone reports (督办清单) for the terminal, for Markdown notices and for scripts: rows -> text or bytes."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Sequence
from datetime import date

from schedgen.errors import visible
from schedgen.export.text import Columns
from schedgen.model import State, Status
from schedgen.view import Milestone, counts, unit_roles

CSV_HEADERS = (
    "计划",
    "编号",
    "阶段",
    "重点任务",
    "时间（原文）",
    "截止日",
    "状态",
    "牵头单位",
    "配合单位",
    "责任单位",
    "进度",
    "备注",
)

Grouped = Sequence[tuple[str, Sequence[Milestone]]]


def report_json(rows: Sequence[Milestone], as_of: date) -> str:
    """`{"as_of": DATE, "items": [...]}`, as `json.dumps(..., ensure_ascii=False, indent=2)` writes it.

    Written by hand: with an indent, Python's json encodes in Python, not C, and a province's report
    (53,000 items) took 1.8 s. A task's fields before and after its due day and state are encoded once,
    however many milestones it has; each string goes through the C encoder json uses itself.
    """
    if not rows:
        return json.dumps({"as_of": as_of.isoformat(), "items": []}, ensure_ascii=False, indent=2) + "\n"
    text = json.encoder.encode_basestring  # the C encoder, where there is one: what json.dumps calls
    parts: dict[int, tuple[str, str]] = {}
    items = []
    for row in rows:
        found = parts.get(id(row.item))
        if found is None:
            task = row.task
            found = parts[id(row.item)] = (
                f'    {{\n      "schedule": {text(row.schedule.id)},\n      "id": {text(task.id)},\n'
                f'      "stage": {_json_or_null(task.stage)},\n      "task": {text(task.task)},\n'
                f'      "when": {text(task.when)},\n      "due": "',
                f'\n      "lead": {_json_list(task.lead)},\n      "support": {_json_list(task.support)},\n'
                f'      "units": {_json_list(task.units)},\n      "status": {text(task.status.value)},\n'
                f'      "notes": {_json_or_null(task.notes)}\n    }}',
            )
        items.append(f'{found[0]}{row.due.isoformat()}",\n      "state": "{row.state.value}",{found[1]}')
    return f'{{\n  "as_of": "{as_of.isoformat()}",\n  "items": [\n' + ",\n".join(items) + "\n  ]\n}\n"


def _json_or_null(text: str | None) -> str:
    return "null" if text is None else json.encoder.encode_basestring(text)


def _json_list(texts: Sequence[str]) -> str:
    """A list of strings at the depth of an item's fields, as `indent=2` lays it out."""
    if not texts:
        return "[]"
    return "[\n" + ",\n".join("        " + json.encoder.encode_basestring(t) for t in texts) + "\n      ]"


def report_csv(rows: Sequence[Milestone]) -> bytes:
    """CSV for Excel: UTF-8 with a byte-order mark, so Chinese opens intact; CRLF line ends."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADERS)
    states = {state: state.label for state in State}
    statuses = {status: status.label for status in Status}
    formula = _FORMULA_CELL.search

    def cells(row: Milestone) -> list[str]:
        task = row.item.task
        found = [
            row.schedule.title,
            task.id,
            task.stage or "",
            task.task,
            task.when,
            row.due.isoformat(),
            states[row.state],
            "、".join(task.lead),
            "、".join(task.support),
            "、".join(task.units),
            statuses[task.status],
            task.notes or "",
        ]
        # one search of the row for a cell that starts as a formula does (few do), not one per cell
        return found if formula("\0".join(found)) is None else list(map(safe_cell, found))

    writer.writerows(map(cells, rows))  # row by row: 53,000 rows of a province are not all held at once
    return out.getvalue().encode()


def csv_cells(row: Milestone) -> tuple[str, ...]:
    """A milestone's cells under `CSV_HEADERS`, as written (the spreadsheet outputs neutralise them)."""
    task = row.task
    return (
        row.schedule.title,
        task.id,
        task.stage or "",
        task.task,
        task.when,
        row.due.isoformat(),
        row.state.label,
        "、".join(task.lead),
        "、".join(task.support),
        "、".join(task.units),
        task.status.label,
        task.notes or "",
    )


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
"""What makes a spreadsheet read a cell as a formula (OWASP, CSV injection)."""


_FORMULA_CELL = re.compile("(?:^|\0)[" + re.escape("".join(FORMULA_STARTS)) + "]")
"""A cell of a row joined by NUL that starts as a formula does."""


def safe_cell(text: str) -> str:
    """A text cell a spreadsheet shows as text: a leading quote before a formula's first character."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def report_table(rows: Sequence[Milestone], grouped: Grouped, as_of: date, within: int, width: int) -> str:
    """The terminal report, a line each: one aligned table per group, the task column fitted to `width`."""
    head = f"截至 {as_of}（临近：{within} 天内）：" + "，".join(
        f"{state.label} {n}" for state, n in counts(r.state for r in rows)
    )
    if not rows:
        return head + "无里程碑。\n"
    # one list of lines joined once, not a string per table joined again: a province's report is 19 MB
    lines = [head]
    fixed = [6, 10, 28, 24, 16]
    columns = Columns(
        ["状态", "截止日", "时间（原文）", "单位", "计划", "重点任务"],
        [*fixed, max(width - sum(fixed) - 2 * len(fixed), 16)],
    )
    labels = {state: state.label for state in State}
    # a milestone's cells but its unit, worked out once however many units' tables it is in;
    # the plan's id: short, unique, and what names the file on the command line
    shared = {
        id(r): (
            labels[r.state],
            r.due.isoformat(),
            task.when,
            unit_roles(task.lead, task.support, task.units),
            r.schedule.id,
            task.task,
        )
        for r in rows
        for task in (r.item.task,)
    }
    for key, members in grouped:
        state, due, when, named, plan, task = zip(*map(shared.__getitem__, map(id, members)), strict=True)
        unit = [roles.get(key, everyone) for _, roles, everyone in named]
        lines += ["", visible(key), *columns.lines_of((state, due, when, unit, plan, task))]
    lines.append("")
    return "\n".join(lines)


def report_markdown(grouped: Grouped, as_of: date, within: int) -> str:
    """Markdown to paste into a notice: a heading and a table per group."""
    lines = [f"# 督办清单（截至 {as_of}，临近 {within} 天）", ""]
    head = "| 状态 | 截止日 | 时间（原文） | 重点任务 | 牵头单位 | 责任单位 | 计划 | 备注 |"
    # a milestone's line is the same in every group it is listed in, and its task's cells the same for
    # every milestone of the task: each is made once (a province lists 53,000 milestones 155,000 times)
    states = {state: _md(f"**{state.label}**" if state is State.OVERDUE else state.label) for state in State}
    made: dict[int, str] = {}
    tasks: dict[int, str] = {}
    for r in {id(r): r for _, members in grouped for r in members}.values():
        cells = tasks.get(id(r.item))
        if cells is None:
            task = r.task
            lead, units = "、".join(task.lead), "、".join(task.units)
            texts = (task.when, task.task, lead, units, r.schedule.title, task.notes or "")
            joined = " | ".join(texts)
            # one search for the whole line (most have nothing to escape), not one for each cell
            if _MD_SPECIAL.search("".join(texts)) is not None:
                joined = " | ".join(map(_md, texts))
            cells = tasks[id(r.item)] = joined + " |"
        made[id(r)] = f"| {states[r.state]} | {r.due.isoformat()} | {cells}"
    for key, members in grouped:
        lines += [f"## {_md(key)}", "", head, "|---|---|---|---|---|---|---|---|"]
        lines += map(made.__getitem__, map(id, members))
        lines.append("")
    return "\n".join(lines)


def _md(text: str) -> str:
    if _MD_SPECIAL.search(text) is None:  # most cells: no search is a tenth of escaping
        return text
    return html.escape(text.replace("\n", " "), quote=False).replace("|", "\\|")


_MD_SPECIAL = re.compile(r"[&<>|\n]")
"""What `_md` changes: HTML's special characters, a table's cell separator and line breaks."""
