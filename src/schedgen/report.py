"""Rows for the terminal and for scripts: `check` items, and tables aligned by display width."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from schedgen.errors import display_width
from schedgen.model import Item, Role, Timeline

KIND_LABELS = {
    "deadline": "截止",
    "span": "时段",
    "day": "当日",
    "dates": "多个节点",
    "every": "周期",
    "ongoing": "长期",
}


def fit(text: str, width: int) -> str:
    """`text` cut to `width` display columns, with `…` where it was cut."""
    if display_width(text) <= width:
        return text
    used = 0
    for i, ch in enumerate(text):
        used += display_width(ch)
        if used > width - 1:
            return text[:i] + "…"
    return text


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int | None] = ()) -> str:
    """A plain-text table whose columns line up for Chinese text (a CJK character is two columns)."""
    limits = list(widths) + [None] * (len(headers) - len(widths))
    cells = [[fit(c, w) if w else c for c, w in zip(row, limits, strict=True)] for row in [list(headers), *rows]]
    sizes = [max(display_width(row[i]) for row in cells) for i in range(len(headers))]
    lines = []
    for n, row in enumerate(cells):
        padded = [c + " " * (sizes[i] - display_width(c)) for i, c in enumerate(row)]
        lines.append("  ".join(padded).rstrip())
        if n == 0:
            lines.append("  ".join("-" * s for s in sizes))
    return "\n".join(lines)


def dates_text(item: Item) -> str:
    """The resolved dates of an item as a reader checks them against the expression."""
    kind = item.task.timing.kind
    due = [o.due for o in item.occurrences]
    if kind == "ongoing":
        return f"计划期内 {_iso(item.start)} – {_iso(item.end)}"
    if kind == "span":
        return f"{_iso(item.start)} – {_iso(item.end)}"
    if kind in ("dates", "every"):
        shown = "、".join(d.isoformat() for d in due[:4])
        more = f" 等{len(due)}次" if len(due) > 4 else ""
        return (shown + more) if due else "计划期内无"
    return _iso(due[0]) if due else _iso(item.end)


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
                    "kind": task.timing.kind,
                    "start": _iso(item.start) or None,
                    "end": _iso(item.end) or None,
                    "dates": [o.due.isoformat() for o in item.occurrences],
                    "lead": list(task.lead),
                    "support": list(task.support),
                    "units": list(task.units),
                    "status": task.status.value,
                    "findings": [
                        {"code": f.code, "message": f.message, "date": _iso(f.day) or None} for f in item.findings
                    ],
                }
            )
    return items


def check_text(timelines: Sequence[Timeline]) -> str:
    """The `schedgen check` report: per schedule a table of tasks, then the findings."""
    blocks = []
    for timeline in timelines:
        schedule = timeline.schedule
        head = (
            f"{schedule.title}（{schedule.path}）\n计划期 {timeline.window.start} – {timeline.window.end}，"
            f"{len(timeline.items)} 项任务"
        )
        rows = [
            [
                task.id,
                task.stage or "—",
                task.when,
                KIND_LABELS[task.timing.kind],
                dates_text(item),
                _lead(item),
                task.task,
            ]
            for item in timeline.items
            for task in [item.task]
        ]
        body = table(
            ["编号", "阶段", "时间（原文）", "类型", "日期", "责任单位", "重点任务"],
            rows,
            [22, 14, 30, 8, 50, 24, 36],
        )
        notes = [f"  {item.task.id}  {item.task.when}：{f.message}" for item, f in timeline.findings]
        if timeline.calendar_note:
            notes.append(f"  {timeline.calendar_note}")
        tail = ("提示：\n" + "\n".join(notes)) if notes else "无提示。"
        blocks.append(f"{head}\n\n{body}\n\n{tail}")
    return "\n\n".join(blocks)


def _lead(item: Item) -> str:
    roles = item.task.roles()
    names = [name for name, role in roles if role is Role.LEAD] or [name for name, _ in roles]
    return "、".join(names)


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""
