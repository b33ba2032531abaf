"""Milestone reports (督办清单) for the terminal, for Markdown notices and for scripts: rows -> text or bytes."""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Sequence
from datetime import date

from schedgen.errors import visible
from schedgen.export.text import Columns
from schedgen.model import State
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
    """`{"as_of": DATE, "items": [...]}`."""
    return (
        json.dumps({"as_of": as_of.isoformat(), "items": [_as_json(r) for r in rows]}, ensure_ascii=False, indent=2)
        + "\n"
    )


def report_csv(rows: Sequence[Milestone]) -> bytes:
    """CSV for Excel: UTF-8 with a byte-order mark, so Chinese opens intact; CRLF line ends."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADERS)
    writer.writerows([safe_cell(c) for c in csv_cells(row)] for row in rows)
    return ("\ufeff" + out.getvalue()).encode()


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
    for key, members in grouped:
        lines += [
            f"## {_md(key)}",
            "",
            "| 状态 | 截止日 | 时间（原文） | 重点任务 | 牵头单位 | 责任单位 | 计划 | 备注 |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for r in members:
            cells = (
                f"**{r.state.label}**" if r.state is State.OVERDUE else r.state.label,
                r.due.isoformat(),
                r.task.when,
                r.task.task,
                "、".join(r.task.lead),
                "、".join(r.task.units),
                r.schedule.title,
                r.task.notes or "",
            )
            lines.append("| " + " | ".join(_md(c) for c in cells) + " |")
        lines.append("")
    return "\n".join(lines)


def _as_json(row: Milestone) -> dict[str, object]:
    """The JSON object of a milestone in `schedgen report --format json` and `milestones.json`."""
    task = row.task
    return {
        "schedule": row.schedule.id,
        "id": task.id,
        "stage": task.stage,
        "task": task.task,
        "when": task.when,
        "due": row.due.isoformat(),
        "state": row.state.value,
        "lead": list(task.lead),
        "support": list(task.support),
        "units": list(task.units),
        "status": task.status.value,
        "notes": task.notes,
    }


def _md(text: str) -> str:
    return html.escape(text.replace("\n", " "), quote=False).replace("|", "\\|")
