"""HTML pages from Jinja2 templates: a user's folder first, the shipped templates last, autoescaped."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from schedgen.model import STATE_LABELS, STATES, Item, Role, Status, Timeline

if TYPE_CHECKING:
    import jinja2

    from schedgen.report import Milestone


def environment(user_templates: Path | None = None) -> jinja2.Environment:
    """The template environment: `user_templates` overrides any shipped template of the same name."""
    from importlib.resources import files

    import jinja2

    folders = [str(user_templates)] if user_templates is not None else []
    folders.append(str(files("schedgen.templates")))
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def report_page(
    grouped: Sequence[tuple[str, Sequence[Milestone]]],
    counts: Mapping[str, int],
    as_of: date,
    within: int,
    templates: Path | None = None,
) -> str:
    """The 督办 list as a printable page, grouped as asked, overdue items first in each group."""
    groups = [
        (
            key,
            [
                {
                    "state": row.state,
                    "state_label": STATE_LABELS[row.state],
                    "due": row.due.isoformat(),
                    "when": row.task.when,
                    "task": row.task.task,
                    "lead": "、".join(row.task.lead),
                    "units": "、".join(row.task.units),
                    "schedule": row.schedule.title,
                    "notes": row.task.notes or "",
                }
                for row in rows
            ],
        )
        for key, rows in grouped
    ]
    context = {
        "as_of": as_of.isoformat(),
        "within": within,
        "counts": [(STATE_LABELS[state], n) for state, n in counts.items() if n],
        "groups": groups,
    }
    return environment(templates).get_template("report.html").render(context)


STATE_LEGEND = (
    ("done", "已完成"),
    ("in_progress", "进行中"),
    ("due", "临近"),
    ("overdue", "逾期"),
    ("upcoming", "未到期"),
)


@dataclass(frozen=True)
class Feed:
    """A feed to subscribe to: its title, its path in the site, and the site's public address if known."""

    name: str
    path: str


@dataclass(frozen=True)
class PageOptions:
    """What a page needs beyond the timeline: the day states are judged on and where the site lives."""

    as_of: date
    base_url: str | None = None
    within: int = 14
    templates: Path | None = None
    charts: tuple[str, ...] = ()


def schedule_page(timeline: Timeline, feeds: Sequence[Feed], options: PageOptions) -> str:
    """The interactive Gantt page of one schedule: one self-contained file that works offline."""
    css = _read(options.templates, "schedule.css") or files_text("schedule.css")
    script = _read(options.templates, "schedule.js") or files_text("schedule.js")
    axis = _Axis(timeline.window.start, timeline.window.end)
    rows, details = _rows(timeline, axis, options)
    counts = {state: 0 for state in STATE_LABELS}
    for row in rows:
        if row["kind"] == "task":
            counts[row["state"]] += 1
    sid = timeline.schedule.id
    links = [(f"打印版 {fmt.upper()}", f"gantt.{fmt}") for fmt in options.charts]
    context = {
        "title": timeline.schedule.title,
        "source": timeline.schedule.source,
        "window_start": timeline.window.start.isoformat(),
        "window_end": timeline.window.end.isoformat(),
        "as_of": options.as_of.isoformat(),
        "counts": [(s, STATE_LABELS[s], n) for s, n in counts.items() if n],
        "legend": STATE_LEGEND,
        "links": [*links, ("全部索引", "../index.html")],
        "units": sorted({name for item in timeline.items for name, _ in item.task.roles()}),
        "stages": [stage.name for stage in timeline.schedule.stages],
        "ticks": axis.ticks(),
        "rows": rows,
        "as_of_left": axis.left(options.as_of) if axis.inside(options.as_of) else None,
        "details": details,
        "base_url": options.base_url,
        "feeds": [_feed(feed, options.base_url, f"{sid}/") for feed in feeds],
        "css": css,
        "script": script,
        "script_hash": _csp_hash(script),
    }
    return environment(options.templates).get_template("schedule.html").render(context)


def index_page(entries: Sequence[tuple[Timeline, Sequence[Feed]]], all_feed: Feed | None, options: PageOptions) -> str:
    """`output/index.html`: every schedule with its window, counts and what is due next; every unit's feeds."""
    schedules = []
    directory: dict[str, list[tuple[str, dict[str, object]]]] = {}
    for timeline, feeds in entries:
        sid = timeline.schedule.id
        states: dict[str, int] = {}
        upcoming: list[tuple[date, str, str]] = []
        for item in timeline.items:
            for occ in item.occurrences:
                state = item.state(occ.due, options.as_of, options.within)
                states[state] = states.get(state, 0) + 1
                if occ.due >= options.as_of and state not in ("done", "cancelled"):
                    upcoming.append((occ.due, item.task.task, item.task.when))
        upcoming.sort()
        schedules.append(
            {
                "id": sid,
                "title": timeline.schedule.title,
                "window": f"{timeline.window.start} 至 {timeline.window.end}",
                "tasks": len(timeline.items),
                "counts": [(STATE_LABELS[s], states[s]) for s in STATE_LABELS if states.get(s)],
                "next": [{"due": d.isoformat(), "task": t, "when": w} for d, t, w in upcoming[:3]],
                "charts": [(fmt.upper(), f"{sid}/gantt.{fmt}") for fmt in options.charts],
                "feed": _feed(feeds[0], options.base_url, "") if feeds else None,
            }
        )
        for feed in feeds[1:]:
            directory.setdefault(feed.name, []).append((timeline.schedule.title, _feed(feed, options.base_url, "")))
    context = {
        "as_of": options.as_of.isoformat(),
        "schedules": schedules,
        "units": sorted(directory.items()),
        "all_feed": _feed(all_feed, options.base_url, "") if all_feed else None,
        "base_url": options.base_url,
        "css": _read(options.templates, "schedule.css") or files_text("schedule.css"),
    }
    return environment(options.templates).get_template("index.html").render(context)


def files_text(name: str) -> str:
    """A shipped template file's text."""
    from importlib.resources import files

    return files("schedgen.templates").joinpath(name).read_text(encoding="utf-8")


def _read(folder: Path | None, name: str) -> str | None:
    if folder is not None and (folder / name).is_file():
        return (folder / name).read_text(encoding="utf-8")
    return None


def _csp_hash(script: str) -> str:
    """The Content-Security-Policy source that lets this script, and no other, run."""
    digest = hashlib.sha256(script.encode()).digest()
    return "sha256-" + base64.b64encode(digest).decode()


def _feed(feed: Feed, base_url: str | None, prefix_to_strip: str) -> dict[str, object]:
    """Links to a feed: relative within the site, and webcal/https with a QR code when the site's address is known."""
    href = feed.path[len(prefix_to_strip) :] if prefix_to_strip and feed.path.startswith(prefix_to_strip) else feed.path
    result: dict[str, object] = {"name": feed.name, "href": href, "webcal": None, "qr": None}
    if base_url:
        import segno
        from markupsafe import Markup

        url = base_url.rstrip("/") + "/" + quote(feed.path)
        webcal = re.sub(r"^https?://", "webcal://", url)
        result.update(href=url, webcal=webcal, qr=Markup(segno.make(webcal, error="m").svg_inline(scale=2)))
    return result


class _Axis:
    """Positions on the time axis of a page, in percent of the lane's width."""

    def __init__(self, start: date, end: date) -> None:
        self.start = start
        self.days = (end - start).days + 1

    def left(self, day: date) -> float:
        return round(100 * (day - self.start).days / self.days, 3)

    def width(self, first: date, last: date) -> float:
        return round(100 * ((last - first).days + 1) / self.days, 3)

    def inside(self, day: date) -> bool:
        return 0 <= (day - self.start).days < self.days

    def ticks(self) -> list[dict[str, object]]:
        end = self.start + timedelta(days=self.days)
        ticks: list[dict[str, object]] = []
        if self.days <= 120:
            day = self.start + timedelta(days=(7 - self.start.weekday()) % 7)
            while day < end:
                ticks.append({"left": self.left(day), "label": f"{day.month}/{day.day}"})
                day += timedelta(days=7)
            return ticks
        step = 1 if self.days <= 800 else 3 if self.days <= 3 * 366 else 12 * max(1, self.days // (366 * 12))
        month = date(self.start.year, self.start.month, 1)
        first = True
        while month < end:
            if month >= self.start or first:
                shown = max(month, self.start)
                label = (
                    f"{month.year}年"
                    if step >= 12
                    else (f"{month.year}年\n{month.month}月" if first or month.month == 1 else f"{month.month}月")
                )
                ticks.append({"left": self.left(shown), "label": label})
                first = False
            month = _add_months(month, step)
        return ticks


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _rows(timeline: Timeline, axis: _Axis, options: PageOptions) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rows: list[dict[str, Any]] = []
    details: list[dict[str, Any]] = []
    stage: str | None = None
    for number, item in enumerate(timeline.items, start=1):
        task = item.task
        if task.stage != stage:
            stage = task.stage
            members = [i for i in timeline.items if i.task.stage == stage]
            days = [d for i in members for d in (i.start, i.end, *(o.due for o in i.occurrences)) if d]
            bar = None
            if days:
                first, last = max(min(days), axis.start), min(max(days), timeline.window.end)
                if first <= last:
                    bar = {"left": axis.left(first), "width": axis.width(first, last)}
            rows.append({"kind": "stage", "name": stage or "", "label": stage or "其他任务", "bar": bar})
        index = len(details)
        state = _row_state(item, options)
        roles = task.roles()
        lead_first = [n for n, r in roles if r is Role.LEAD] + [n for n, r in roles if r is not Role.LEAD]
        rows.append(
            {
                "kind": "task",
                "i": index,
                "no": number,
                "id": task.id,
                "task": task.task,
                "when": task.when,
                "units": "、".join(lead_first),
                "state": state,
                "marks": _marks(item, axis, options),
            }
        )
        details.append(
            {
                "id": task.id,
                "task": task.task,
                "when": task.when,
                "stage": task.stage,
                "dates": _dates_text(item),
                "roles": [[name, role.label] for name, role in roles],
                "state": STATE_LABELS[state],
                "status": task.status.label + (f"（{task.done}）" if task.done else ""),
                "notes": task.notes,
                "findings": [f.message for f in item.findings],
            }
        )
    return rows, details


def _row_state(item: Item, options: PageOptions) -> str:
    """The most pressing state among the item's milestones."""
    if not item.occurrences:
        return "done" if item.task.status is Status.DONE else "in_progress"
    return min((item.state(o.due, options.as_of, options.within) for o in item.occurrences), key=STATES.index)


def _marks(item: Item, axis: _Axis, options: PageOptions) -> list[dict[str, object]]:
    kind = item.timing.kind
    marks: list[dict[str, object]] = []
    if kind in ("ongoing", "span") and item.start and item.end:
        first, last = max(item.start, axis.start), item.end
        if first <= last and axis.inside(first):
            state = "ongoing" if kind == "ongoing" else item.state(item.end, options.as_of, options.within)
            marks.append(
                {
                    "shape": "band" if kind == "ongoing" else "bar",
                    "state": state,
                    "left": axis.left(first),
                    "width": axis.width(first, min(last, axis.start + timedelta(days=axis.days - 1))),
                    "title": f"{item.start} 至 {item.end}",
                    "date": item.end.isoformat(),
                }
            )
        return marks
    for occ in item.occurrences:
        if axis.inside(occ.due):
            marks.append(
                {
                    "shape": "tick-mark" if kind == "every" else "diamond",
                    "state": item.state(occ.due, options.as_of, options.within),
                    "left": round(axis.left(occ.due) + 50 / axis.days, 3),
                    "width": None,
                    "title": f"截止 {occ.due}",
                    "date": occ.due.isoformat(),
                }
            )
    return marks


def _dates_text(item: Item) -> str:
    dues = [o.due.isoformat() for o in item.occurrences]
    if item.timing.kind in ("span", "ongoing"):
        return f"{item.start} 至 {item.end}"
    return "、".join(dues) if dues else "计划期内无"
