"""Dating a schedule: `resolve(schedule, year=..., calendar=...) -> Timeline`."""

from __future__ import annotations

import calendar as monthcal
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, timedelta
from functools import cache
from typing import Literal, TypedDict

from dateutil.relativedelta import relativedelta
from dateutil.rrule import MONTHLY, WEEKLY, YEARLY, rrule

from schedgen import when
from schedgen.calendar_cn import WorkCalendar
from schedgen.model import (
    Dates,
    Day,
    Deadline,
    Every,
    Finding,
    Freq,
    Item,
    Occurrence,
    Ongoing,
    Schedule,
    Span,
    Task,
    Timeline,
    Timing,
    Window,
)


def resolve(schedule: Schedule, *, year: int | None = None, calendar: WorkCalendar | None = None) -> Timeline:
    """Date every task of `schedule` for `year` (default: the schedule's own year).

    Rolling a plan to another year moves `issued`, `until` and every expression that names no
    year; expressions with a year of their own (`到2025年`) stay where they are.

    >>> from schedgen.load import loads
    >>> plan = loads("title: 示例\\nyear: 2024\\ntasks:\\n  - {id: r, when: 11月10日前, task: 报送进展}")
    >>> item = resolve(plan).items[0]
    >>> item.end, [f.message for f in item.findings]
    (datetime.date(2024, 11, 10), ['截止日 2024-11-10 是星期日'])
    """
    calendar = calendar or WorkCalendar()
    year = year or schedule.year
    shift = relativedelta(years=year - schedule.year)
    window = Window(
        schedule.issued + shift if schedule.issued else date(year, 1, 1),
        schedule.until + shift if schedule.until else date(year, 12, 31),
    )
    items = tuple(_item(task, year, schedule, window, calendar) for task in schedule.all_tasks())
    years = {o.due.year for item in items for o in item.occurrences}
    span = (window.end - window.start).days
    days_off = tuple(
        window.start + timedelta(days=n)
        for n in range(span + 1 if span <= 3 * 366 else 0)
        if calendar.day_off(window.start + timedelta(days=n)) is not None
    )
    return Timeline(schedule, year, window, items, calendar.coverage_note(years), days_off)


@cache
def occurrences(every: Every, start: date, end: date) -> tuple[date, ...]:
    """The due days of a recurring duty from `start` to `end`, inclusive.

    A month day past the month's end (每月31日) falls on the month's last day.
    """
    if every.freq is Freq.WEEKLY:
        weeks = rrule(WEEKLY, interval=every.interval, byweekday=every.weekday, dtstart=start, until=end)
        return tuple(d.date() for d in weeks)
    anchor = date(start.year - 1, every.month, 1)
    due = []
    step: Literal[1, 0] = MONTHLY if every.freq is Freq.MONTHLY else YEARLY
    for first in rrule(step, interval=every.interval, dtstart=anchor, until=end):
        last = monthcal.monthrange(first.year, first.month)[1]
        day = last if every.monthday in (None, -1) else min(every.monthday, last)
        d = date(first.year, first.month, day)
        if start <= d <= end:
            due.append(d)
    return tuple(due)


def due_dates(timing: Timing, start: date, end: date) -> list[date]:
    """The days a timing is due on, recurring duties counted from `start` to `end`."""
    if isinstance(timing, (Deadline, Span)):
        return [timing.end]
    if isinstance(timing, Day):
        return [timing.day]
    if isinstance(timing, Dates):
        return list(timing.days)
    if isinstance(timing, Every):
        return list(occurrences(timing, start, end))
    return []


def _item(task: Task, year: int, schedule: Schedule, window: Window, calendar: WorkCalendar) -> Item:
    timing = task.timing if year == schedule.year else when.parse(task.when, year)
    findings: list[Finding] = []
    start: date | None
    end: date | None
    keyed: list[tuple[str, date, date | None]]
    if isinstance(timing, Ongoing):
        return Item(task, timing, window.start, window.end, ())
    if isinstance(timing, Every):
        start, end = window.start, window.end
        keyed = [(d.isoformat(), d, None) for d in occurrences(timing, window.start, window.end)]
    elif isinstance(timing, Span):
        start, end = timing.start or window.start, timing.end
        keyed = [("due", end, start)]
        if end < start:
            findings.append(Finding("ends-before-start", f"结束日 {end} 早于开始日 {start}（计划自 {start} 起）", end))
    elif isinstance(timing, Dates):
        start, end = None, max(timing.days)
        keyed = [(d.isoformat(), d, None) for d in timing.days]
    else:
        day = timing.end if isinstance(timing, Deadline) else timing.day
        start, end = (None if isinstance(timing, Deadline) else day), day
        keyed = [("due", day, start)]
    occ = []
    for key, due, begin in keyed:
        occurrence, found = _on_working_day(Occurrence(key, due, begin), schedule.move_off_holidays, calendar)
        occ.append(occurrence)
        findings.extend(found)
    findings.extend(_outside(timing, start, end, window))
    return Item(task, timing, start, end, tuple(occ), tuple(findings))


def _on_working_day(occ: Occurrence, move: bool, calendar: WorkCalendar) -> tuple[Occurrence, list[Finding]]:
    off = calendar.day_off(occ.due)
    if off is None:
        return occ, []
    what = "节假日" if off.reason == "holiday" else "周末"
    if not move:
        return occ, [Finding(off.reason, f"截止日 {occ.due} 是{off.name}", occ.due)]
    moved = calendar.previous_workday(occ.due)
    return replace(occ, due=moved, planned=occ.due), [
        Finding("moved", f"截止日 {occ.due} 是{off.name}（{what}），提前到工作日 {moved}", moved)
    ]


def _outside(timing: Timing, start: date | None, end: date | None, window: Window) -> Iterable[Finding]:
    if isinstance(timing, Every) or end is None:
        return []
    if end > window.end:
        return [Finding("outside-window", f"截止日 {end} 晚于计划期末 {window.end}", end)]
    if end < window.start:
        return [Finding("outside-window", f"截止日 {end} 早于计划开始 {window.start}", end)]
    return []


class WhenSummary(TypedDict):
    """The JSON object of `schedgen when --json`."""

    text: str
    kind: str
    start: str | None
    end: str | None
    dates: list[str]
    freq: str | None
    interval: int | None


def explain(text: str, year: int) -> WhenSummary:
    """What `schedgen when` prints: the kind, the first and last day, the due days, the recurrence."""
    timing = when.parse(text, year)
    start: date | None = None
    end: date | None = None
    if isinstance(timing, Span):
        start, end = timing.start, timing.end
    elif isinstance(timing, Deadline):
        end = timing.end
    elif isinstance(timing, Day):
        start = end = timing.day
    elif isinstance(timing, Dates):
        start, end = min(timing.days), max(timing.days)
    days = due_dates(timing, date(year, 1, 1), date(year, 12, 31))
    every = timing if isinstance(timing, Every) else None
    return {
        "text": text,
        "kind": timing.kind,
        "start": start.isoformat() if start else None,
        "end": end.isoformat() if end else None,
        "dates": [d.isoformat() for d in days],
        "freq": every.freq.value if every else None,
        "interval": every.interval if every else None,
    }
