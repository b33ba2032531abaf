"""Rows for the terminal and for scripts: `check` items, milestone reports, tables aligned by display width."""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from schedgen.errors import char_width, display_width
from schedgen.model import STATE_LABELS, STATES, Item, Role, Schedule, Task, Timeline

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
    if len(text) * 2 <= width or display_width(text) <= width:
        return text
    used = 0
    for i, columns in enumerate(map(char_width, text)):
        used += columns
        if used > width - 1:
            return text[:i] + "…"
    return text


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int | None] = ()) -> str:
    """A plain-text table whose columns line up for Chinese text (a CJK character is two columns)."""
    limits = list(widths) + [None] * (len(headers) - len(widths))
    cells = [[fit(c, w) if w else c for c, w in zip(row, limits, strict=True)] for row in [list(headers), *rows]]
    measured = [[display_width(c) for c in row] for row in cells]
    sizes = [max(row[i] for row in measured) for i in range(len(headers))]
    lines = []
    for n, (row, row_widths) in enumerate(zip(cells, measured, strict=True)):
        padded = [c + " " * (sizes[i] - row_widths[i]) for i, c in enumerate(row)]
        lines.append("  ".join(padded).rstrip())
        if n == 0:
            lines.append("  ".join("-" * s for s in sizes))
    return "\n".join(lines)


def dates_text(item: Item) -> str:
    """The resolved dates of an item as a reader checks them against the expression."""
    kind = item.timing.kind
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
                    "kind": item.timing.kind,
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
                KIND_LABELS[item.timing.kind],
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


# ----- milestone reports ---------------------------------------------------------------------------

GROUPINGS = ("unit", "date", "schedule")
FORMATS = ("table", "md", "csv", "json", "html")
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


@dataclass(frozen=True)
class Milestone:
    """One dated due point of a task and its state as of a day."""

    schedule: Schedule
    item: Item
    due: date
    state: str

    @property
    def task(self) -> Task:
        """The task the milestone belongs to."""
        return self.item.task

    def as_json(self) -> dict[str, object]:
        """The JSON object of `schedgen report --format json`."""
        task = self.task
        return {
            "schedule": self.schedule.id,
            "id": task.id,
            "stage": task.stage,
            "task": task.task,
            "when": task.when,
            "due": self.due.isoformat(),
            "state": self.state,
            "lead": list(task.lead),
            "support": list(task.support),
            "units": list(task.units),
            "status": task.status.value,
            "notes": task.notes,
        }


def milestones(timelines: Sequence[Timeline], as_of: date, within: int) -> list[Milestone]:
    """Every dated milestone with its state as of `as_of`, `within` days counting as due.

    A date list counts each date; a recurring duty counts its next occurrence (or its last one, once
    the window has passed); ongoing work has no milestone.
    """
    found: list[Milestone] = []
    for timeline in timelines:
        for item in timeline.items:
            dues = [o.due for o in item.occurrences]
            if not dues:
                continue
            if item.timing.kind == "every":
                upcoming = [d for d in dues if d >= as_of]
                dues = [upcoming[0] if upcoming else dues[-1]]
            for due in dues:
                found.append(Milestone(timeline.schedule, item, due, item.state(due, as_of, within)))
    return sorted(found, key=lambda m: (STATES.index(m.state), m.due, m.schedule.id, m.task.id))


def groups(rows: Sequence[Milestone], by: str) -> list[tuple[str, list[Milestone]]]:
    """Rows grouped for a 督办 list: by unit (each unit's overdue first), by due date or by schedule."""
    grouped: dict[str, list[Milestone]] = {}
    for row in rows:
        if by == "unit":
            keys = [name for name, _ in row.task.roles()] or ["（未写明单位）"]
        elif by == "date":
            keys = [row.due.isoformat()]
        else:
            keys = [row.schedule.title]
        for key in keys:
            grouped.setdefault(key, []).append(row)
    if by == "unit":
        order = sorted(grouped, key=lambda k: (-sum(r.state == "overdue" for r in grouped[k]), k))
    else:
        order = sorted(grouped)
    return [(key, grouped[key]) for key in order]


def report_json(rows: Sequence[Milestone], as_of: date) -> str:
    """`{"as_of": DATE, "items": [...]}`."""
    return (
        json.dumps({"as_of": as_of.isoformat(), "items": [r.as_json() for r in rows]}, ensure_ascii=False, indent=2)
        + "\n"
    )


def report_csv(rows: Sequence[Milestone]) -> bytes:
    """CSV for Excel: UTF-8 with a byte-order mark, so Chinese opens intact; CRLF line ends."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADERS)
    for row in rows:
        task = row.task
        writer.writerow(
            [
                row.schedule.title,
                task.id,
                task.stage or "",
                _cell(task.task),
                task.when,
                row.due.isoformat(),
                STATE_LABELS[row.state],
                "、".join(task.lead),
                "、".join(task.support),
                "、".join(task.units),
                task.status.label,
                _cell(task.notes or ""),
            ]
        )
    return ("\ufeff" + out.getvalue()).encode()


Grouped = Sequence[tuple[str, Sequence[Milestone]]]


def report_table(rows: Sequence[Milestone], grouped: Grouped, as_of: date, within: int, width: int) -> str:
    """The terminal report: one aligned table per group, the task column fitted to `width`."""
    head = f"截至 {as_of}（临近：{within} 天内）：" + "，".join(
        f"{STATE_LABELS[s]} {n}" for s in STATES if (n := sum(r.state == s for r in rows))
    )
    if not rows:
        return head + "无里程碑。"
    blocks = [head]
    for key, members in grouped:
        cells = [[STATE_LABELS[r.state], r.due.isoformat(), r.task.when, _units(r, key), r.task.task] for r in members]
        fixed = [6, 10, 28, 24]
        task_width = max(width - sum(fixed) - 2 * len(fixed), 16)
        blocks.append(
            f"{key}\n" + table(["状态", "截止日", "时间（原文）", "单位", "重点任务"], cells, [*fixed, task_width])
        )
    return "\n\n".join(blocks)


def report_markdown(grouped: Grouped, as_of: date, within: int) -> str:
    """Markdown to paste into a notice: a heading and a table per group."""
    lines = [f"# 督办清单（截至 {as_of}，临近 {within} 天）", ""]
    for key, members in grouped:
        lines += [
            f"## {_md(key)}",
            "",
            "| 状态 | 截止日 | 时间（原文） | 重点任务 | 牵头单位 | 责任单位 | 备注 |",
            "|---|---|---|---|---|---|---|",
        ]
        for r in members:
            lines.append(
                "| "
                + " | ".join(
                    _md(c)
                    for c in (
                        f"**{STATE_LABELS[r.state]}**" if r.state == "overdue" else STATE_LABELS[r.state],
                        r.due.isoformat(),
                        r.task.when,
                        r.task.task,
                        "、".join(r.task.lead),
                        "、".join(r.task.units),
                        r.task.notes or "",
                    )
                )
                + " |"
            )
        lines.append("")
    return "\n".join(lines)


def _units(row: Milestone, key: str) -> str:
    """The unit's role when grouped by unit, else every unit."""
    roles = row.task.roles()
    role = next((role.label for name, role in roles if name == key), None)
    return role or "、".join(name for name, _ in roles)


def _cell(text: str) -> str:
    # a cell starting with = + - @ is a formula to Excel; a quote makes it plain text
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _md(text: str) -> str:
    return html.escape(text.replace("\n", " "), quote=False).replace("|", "\\|")
