"""What `schedgen check` prints: each expression as written beside its resolved dates, and the findings."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from schedgen.errors import visible
from schedgen.export.text import Columns
from schedgen.model import Item, Timeline
from schedgen.view import KIND_LABELS, dates_text


def check_items(timelines: Sequence[Timeline]) -> list[dict[str, object]]:
    """One JSON object per task: the expression as written beside its resolved dates and findings."""
    items: list[dict[str, object]] = []
    for timeline in timelines:
        for item in timeline.items:
            task = item.task
            items.append(
                {
                    "schedule": timeline.schedule.id,
                    "id": task.id,
                    "stage": task.stage,
                    "task": task.task,
                    "when": task.when,
                    "kind": item.timing.kind,
                    "start": _iso(item.start),
                    "end": _iso(item.end),
                    "dates": [o.due.isoformat() for o in item.occurrences],
                    "lead": list(task.lead),
                    "support": list(task.support),
                    "units": list(task.units),
                    "status": task.status.value,
                    "findings": [{"code": f.code, "message": f.message, "date": _iso(f.day)} for f in item.findings],
                }
            )
    return items


NAMED = 10
"""How many of a plan's tasks without a unit the head of `check` names."""


def check_text(timelines: Sequence[Timeline]) -> str:
    """The `schedgen check` report: per schedule a table of tasks, then the findings."""
    blocks = []
    for timeline in timelines:
        schedule = timeline.schedule
        head = (
            f"{schedule.title}（{schedule.path}）\n计划期 {timeline.window.start} – {timeline.window.end}，"
            f"{len(timeline.items)} 项任务"
        )
        unowned = [item.task.id for item in timeline.items if not item.task.roles()]
        if unowned and len(unowned) < len(timeline.items):  # a plan that names no unit at all has no unit feeds
            listed = "、".join(unowned[:NAMED]) + ("等" if len(unowned) > NAMED else "")
            head += (
                f"；其中 {len(unowned)} 项（{listed}）未写责任单位，不在任何单位的订阅中，只在本计划和全部计划的订阅中"
            )
        rows = [
            [
                task.id,
                task.stage or "—",
                task.when,
                KIND_LABELS[item.timing.kind],
                dates_text(item, brief=True),
                _units(item),
                task.task,
            ]
            for item in timeline.items
            for task in [item.task]
        ]
        columns = Columns(
            ["编号", "阶段", "时间（原文）", "类型", "日期", "责任单位", "重点任务"], [22, 14, 30, 8, 50, 24, 36]
        )
        body = columns.table(rows)
        if columns.cut:
            body += "\n\n注：以“…”结尾的文字超出列宽而截断，完整文字见计划文件或 schedgen check --json。"
        notes = [f"  {item.task.id}  {item.task.when}：{f.message}" for item, f in timeline.findings]
        if timeline.calendar_note:
            notes.append(f"  {timeline.calendar_note}")
        tail = ("提示：\n" + "\n".join(notes)) if notes else "无提示。"
        blocks.append(f"{head}\n\n{body}\n\n{tail}")
    return visible("\n\n".join(blocks))  # for a terminal: the heads and findings hold plan text too


def _units(item: Item) -> str:
    """Every unit of the task, lead units first (a cell too narrow for them all ends with …, as every cell does)."""
    return "、".join(name for name, _ in item.task.roles())


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
