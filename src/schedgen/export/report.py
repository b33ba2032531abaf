"""Milestone reports (督办清单) for the terminal, for Markdown notices and for scripts: rows -> text or bytes."""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Mapping, Sequence
from datetime import date

from schedgen.errors import visible
from schedgen.export.text import Columns
from schedgen.model import STATES, State
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


def report_json(rows: Sequence[Milestone], as_of: date, scope: Mapping[str, object] | None = None) -> str:
    """`{"as_of": DATE, ...scope, "items": [...]}`."""
    head = {"as_of": as_of.isoformat(), **(scope or {})}
    return json.dumps({**head, "items": [_as_json(r) for r in rows]}, ensure_ascii=False, indent=2) + "\n"


def headline(rows: Sequence[Milestone], as_of: date, within: int, note: str = "") -> str:
    """`截至 2024-06-01（临近：14 天内）：逾期 23，进行中 40，未到期 95`: every row counted, then `note`."""
    head = f"截至 {as_of}（临近：{within} 天内）：" + "，".join(
        f"{state.label} {n}" for state, n in counts(r.state for r in rows)
    )
    return f"{head}；{note}" if note else head


def scope_note(rows: Sequence[Milestone], listed: Sequence[Milestone], done_since: date | None) -> str:
    """What a report lists beyond what needs action, and what it leaves out, as its header says it:
    `列出 2024-05-25 以来完成 1 项；未列出 进行中 40、未到期 95 项（--all 列出全部）`; empty when it lists all."""
    left = _left_out(rows, listed)
    parts = [f"列出 {done_since} 以来完成 {_count(listed, State.DONE)} 项"] if done_since else []
    if left:
        parts.append("未列出 " + "、".join(f"{state.label} {n}" for state, n in left) + " 项（--all 列出全部）")
    return "；".join(parts)


def scope_json(rows: Sequence[Milestone], listed: Sequence[Milestone], done_since: date | None) -> dict[str, object]:
    """The scope of a JSON report: `done_since`, and `not_listed` (how many of each state it leaves out)."""
    scope: dict[str, object] = {"done_since": done_since.isoformat()} if done_since else {}
    if left := _left_out(rows, listed):
        scope["not_listed"] = {state.value: n for state, n in left}
    return scope


def _left_out(rows: Sequence[Milestone], listed: Sequence[Milestone]) -> list[tuple[State, int]]:
    if len(listed) == len(rows):
        return []
    every, shown = [r.state for r in rows], [r.state for r in listed]
    return [(state, n) for state in STATES if (n := every.count(state) - shown.count(state))]


def _count(rows: Sequence[Milestone], state: State) -> int:
    return sum(r.state is state for r in rows)


def state_text(row: Milestone) -> str:
    """The state of a row as a 督办 list shows it: `已完成（2024-05-28）` with the day `schedgen done` recorded."""
    if row.state is not State.DONE:
        return row.state.label
    done = row.item.task.done
    return f"{row.state.label}（{done}）" if done else row.state.label


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
        f"{task.status.label}（{task.done}）" if task.done else task.status.label,
        task.notes or "",
    )


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
"""What makes a spreadsheet read a cell as a formula (OWASP, CSV injection)."""


def safe_cell(text: str) -> str:
    """A text cell a spreadsheet shows as text: a leading quote before a formula's first character."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def report_table(
    rows: Sequence[Milestone], grouped: Grouped, as_of: date, within: int, width: int, note: str = ""
) -> str:
    """The terminal report, a line each: every row counted in the header, then one aligned table per group,
    the task column fitted to `width`; `note` says what the groups leave out."""
    head = headline(rows, as_of, within, note)
    if not rows:
        return head + "无里程碑。\n"
    # one list of lines joined once, not a string per table joined again: a province's report is 19 MB
    lines = [head]
    # `已完成（2024-05-28）` is 20 columns: as wide as that only where a table lists one
    dated = any(r.task.done for r in rows if r.state is State.DONE) and any(
        m.task.done for _, members in grouped for m in members if m.state is State.DONE
    )
    fixed = [20 if dated else 6, 10, 28, 24, 16]
    columns = Columns(
        ["状态", "截止日", "时间（原文）", "单位", "计划", "重点任务"],
        [*fixed, max(width - sum(fixed) - 2 * len(fixed), 16)],
    )
    labels = {state: state.label for state in State}
    # a milestone's cells but its unit, worked out once however many units' tables it is in;
    # the plan's id: short, unique, and what names the file on the command line
    shared = {
        id(r): (
            labels[r.state] if r.state is not State.DONE else state_text(r),
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


def report_markdown(grouped: Grouped, as_of: date, within: int, head: str = "") -> str:
    """Markdown to paste into a notice: a heading, `head` (what is counted and left out), a table per group."""
    lines = [f"# 督办清单（截至 {as_of}，临近 {within} 天）", ""] + ([_md(head), ""] if head else [])
    shown = {state: f"**{state.label}**" if state is State.OVERDUE else state.label for state in State}
    for key, members in grouped:
        lines += [
            f"## {_md(key)}",
            "",
            "| 状态 | 截止日 | 时间（原文） | 重点任务 | 牵头单位 | 责任单位 | 计划 | 备注 |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for r in members:
            cells = (
                shown[r.state] if r.state is not State.DONE else state_text(r),
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
        "done": task.done.isoformat() if task.done else None,
        "notes": task.notes,
    }


def _md(text: str) -> str:
    return html.escape(text.replace("\n", " "), quote=False).replace("|", "\\|")
