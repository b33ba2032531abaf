"""Dating: `bind(expression, year, text) -> Timing` for one expression, `resolve(schedule, ...) -> Timeline`."""

from __future__ import annotations

import calendar as monthcal
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date, timedelta
from functools import cache, lru_cache
from typing import Any, Literal, NotRequired, TypedDict, TypeVar, cast

from dateutil.relativedelta import relativedelta
from dateutil.rrule import MONTHLY, WEEKLY, YEARLY, rrule

from schedgen import when
from schedgen.calendar_cn import DayOff, DayOffReason, WorkCalendar
from schedgen.errors import WhenError
from schedgen.expression import (
    At,
    Between,
    By,
    ByEach,
    DurationUnit,
    Every,
    Expression,
    Festival,
    Frame,
    Freq,
    FromIssue,
    Lasting,
    MonthPart,
    Named,
    Ongoing,
    Point,
    YearPart,
    points_of,
)
from schedgen.holidays import holiday_days
from schedgen.i18n import N_, _
from schedgen.model import (
    Dates,
    Day,
    Deadline,
    Finding,
    Item,
    Occurrence,
    Schedule,
    Span,
    Status,
    Task,
    Timeline,
    Timing,
    Window,
    YearSource,
)

_LAST = -1  # the last day of its month
_NO_FRAME = Frame()
MONTH_NAMES = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)
"""Month names as messages say them (`day 30 is out of range for February 2023`), in the user's language."""
# (month, day) of the first and the last day of each part of a year
_YEAR_PARTS: dict[YearPart, tuple[tuple[int, int], tuple[int, int]]] = {
    YearPart.WHOLE: ((1, 1), (12, 31)),
    YearPart.START: ((1, 1), (1, 31)),
    YearPart.MIDDLE: ((6, 1), (6, 30)),
    YearPart.END: ((12, 31), (12, 31)),
    YearPart.H1: ((1, 1), (6, 30)),
    YearPart.H2: ((7, 1), (12, 31)),
    YearPart.Q1: ((1, 1), (3, 31)),
    YearPart.Q2: ((4, 1), (6, 30)),
    YearPart.Q3: ((7, 1), (9, 30)),
    YearPart.Q4: ((10, 1), (12, 31)),
    YearPart.Q1_Q3: ((1, 1), (9, 30)),
    YearPart.Q1_START: ((1, 1), (1, 10)),
    YearPart.Q2_START: ((4, 1), (4, 10)),
    YearPart.Q3_START: ((7, 1), (7, 10)),
    YearPart.Q4_START: ((10, 1), (10, 10)),
    YearPart.Q1_END: ((3, 31), (3, 31)),
    YearPart.Q2_END: ((6, 30), (6, 30)),
    YearPart.Q3_END: ((9, 30), (9, 30)),
    YearPart.Q4_END: ((12, 31), (12, 31)),
}
# the first and the last day of each part of a month
_MONTH_PARTS: dict[MonthPart | None, tuple[int, int]] = {
    None: (1, _LAST),
    MonthPart.EARLY: (1, 10),
    MonthPart.MIDDLE: (11, 20),
    MonthPart.LATE: (21, _LAST),
    MonthPart.EARLY_MIDDLE: (1, 20),
    MonthPart.MIDDLE_LATE: (11, _LAST),
    MonthPart.FIRST_HALF: (1, 15),
    MonthPart.SECOND_HALF: (16, _LAST),
    MonthPart.END: (_LAST, _LAST),
}


@lru_cache(maxsize=4096)
def bind(expression: Expression, year: int, text: str, frame: Frame = _NO_FRAME) -> Timing:
    """Date a year-free expression for `year`; `text` is what it was read from, for the caret of an error.

    `frame` holds what some expressions need beyond the year: the plan's `issued` day (`三年内`) and
    its named `periods` (`汛期前`).

    >>> bind(when.parse("2月20日前"), 2023, "2月20日前")
    Deadline(end=datetime.date(2023, 2, 20), at=None)
    >>> bind(when.parse("11月1日至12月25日前"), 2024, "11月1日至12月25日前")
    Span(start=datetime.date(2024, 11, 1), end=datetime.date(2024, 12, 25))
    >>> bind(when.parse("2月29日前"), 2023, "2月29日前")
    Traceback (most recent call last):
    ...
    schedgen.errors.WhenError: day 29 is out of range for February 2023 (it has 28 days)
    """
    # cached: a plan binds a handful of expressions many times, once per resolve and once when loaded
    match expression:
        case Every(since=since) if since is not None:  # 从3月底起，每月13日前: due from that start on
            return replace(expression, since=None, first=_bounds(since, year, text, frame)[0])
        case Every() | Ongoing():
            return expression
        case By(point):
            return Deadline(_bounds(point, year, text, frame)[1], point.at)
        case At(point):
            start, end = _bounds(point, year, text, frame)
            return Day(end, point.at) if start == end else Span(start, end)
        case ByEach(points, words):
            return Dates(tuple(_bounds(p, year, text, frame)[1] for p in points), words)
        case Lasting(first, count, unit):
            start = _bounds(first, year, text, frame)[0]
            return Span(start, start + _duration(count, unit) - timedelta(days=1))
        case Between(first, last):
            begin = None if first is None else _bounds(first, year, text, frame)[0]
            end = _bounds(last, year, text, frame)[1]
            if begin is not None and end < begin:
                raise WhenError(
                    _(
                        "the span ends ({end}) before it starts ({start}); write 次年 if it runs "
                        "into the next year, e.g. 12月1日至次年1月31日"
                    ).format(end=end.isoformat(), start=begin.isoformat()),
                    text,
                    *last.chars,
                )
            return Span(begin, end)
        case Festival() | Named() | FromIssue():
            return _bind_named(expression, year, text, frame)


def _bind_named(expression: Festival | Named | FromIssue, year: int, text: str, frame: Frame) -> Timing:
    """Holidays, named periods and durations from `issued`: the expressions that name no date themselves."""
    match expression:
        case FromIssue(count, unit, chars):
            if frame.issued is None:
                raise WhenError(
                    _(
                        "a duration like this counts from the day the plan was issued: add `issued: "
                        "2024-03-01` (印发日期) to the schedule"
                    ),
                    text,
                    *chars,
                )
            return Deadline(frame.issued + _duration(count, unit) - timedelta(days=1))
        case Festival(names, before, own_year, relative, _):
            on = own_year if own_year is not None else year + relative
            first, last = holiday_days(names[0], on).first, holiday_days(names[-1], on).last
            return Deadline(first - timedelta(days=1)) if before else Span(first, last)
        case Named(name, before, chars):
            periods = {when.normalised(key): value for key, value in frame.periods}
            if name not in periods:
                raise WhenError(
                    _(
                        "`{name}` is not a date the grammar knows; if it is a period of this place, "
                        "define it: add periods: {{{name}: 6月1日至9月30日}} to the schedule"
                    ).format(name=name),
                    text,
                    *chars,
                )
            try:
                period = dated(periods[name], year)
            except WhenError as error:
                message = _("the period `{name}: {period}` cannot be read: {reason}").format(
                    name=name, period=periods[name], reason=error.message
                )
                raise WhenError(message, text, *chars) from None
            start, end = _first_last(period)
            return Deadline(start - timedelta(days=1)) if before else Span(start, end)


def _first_last(timing: Timing) -> tuple[date, date]:
    """The first and the last day of a dated period."""
    if isinstance(timing, Span):
        return timing.start or date(timing.end.year, 1, 1), timing.end
    if isinstance(timing, Day):
        return timing.day, timing.day
    if isinstance(timing, Deadline):
        return timing.end, timing.end
    raise ValueError(f"a period is a span of days, not {timing.kind}")


def dated(text: str, year: int, frame: Frame = _NO_FRAME) -> Timing:
    """What `text` means in `year`: parsed, then bound."""
    return bind(when.parse(text), year, text, frame)


def _bounds(point: Point, year: int, text: str, frame: Frame = _NO_FRAME) -> tuple[date, date]:
    """The first and last day a point covers in `year` (今年, 本月: at the plan's `issued` day, see `frame`)."""
    if point.anchor is not None:
        point = _at_anchor(point, year, text, frame)
    if point.years is not None:
        return date(point.years[0], 1, 1), date(point.years[1], 12, 31)
    year = point.year if point.year is not None else year + point.relative_year
    if point.month is None:
        part = point.part if isinstance(point.part, YearPart) else YearPart.WHOLE
        (first_month, first_day), (last_month, last_day) = _YEAR_PARTS[part]
        return date(year, first_month, first_day), date(year, last_month, last_day)
    last = monthcal.monthrange(year, point.month)[1]
    if point.day is not None:
        if not 1 <= point.day <= last:
            month_word = _(MONTH_NAMES[point.month - 1])
            raise WhenError(
                _("day {day} is out of range for {month_word} {year} (it has {last} days)").format(
                    day=point.day, month_word=month_word, year=year, last=last
                ),
                text,
                *(point.day_chars or point.chars),
            )
        day = date(year, point.month, point.day)
        return day, day
    first_day, last_day = (
        last if d == _LAST else d for d in _MONTH_PARTS[point.part if isinstance(point.part, MonthPart) else None]
    )
    return date(year, point.month, first_day), date(year, point.month, last_day)


def _at_anchor(point: Point, year: int, text: str, frame: Frame) -> Point:
    """A point of 今年 / 本月 / 当月 with the year, and the month, of the day the document was issued.

    Without an issue day 今年 is the plan's year; 本月 has no month to take and asks for one.
    """
    if frame.issued is None:
        if point.anchor in ("month", "next_month"):
            raise WhenError(
                _(
                    "本月 and 当月 are the month the document was dated, 下月 the month after: "
                    "add `issued: 2024-03-01` (印发日期) to the schedule"
                ),
                text,
                *point.chars,
            )
        return replace(point, year=year, anchor=None)
    if point.anchor == "next_month":  # 下月 of a December document is January of the next year
        after = frame.issued.replace(day=1) + relativedelta(months=1)
        return replace(point, year=after.year, month=after.month, anchor=None)
    month = frame.issued.month if point.anchor == "month" else point.month
    return replace(point, year=frame.issued.year, month=month, anchor=None)


def anchored(expression: Expression) -> bool:
    """Whether the expression holds a word read against the document's date (今年, 本月, 当月)."""
    return any(point.anchor is not None for point in points_of(expression))


def _anchor_finding(task: Task, year: int, frame: Frame) -> Finding:
    """Which day a relative word was read against, for the reader to check."""
    found = re.search(r"今年|[本当當下]月", task.when)
    word = found.group() if found else "今年"
    if frame.issued is not None:
        return Finding("anchor", f"“{task.when}”中的{word}按印发日期 {frame.issued} 读取")
    return Finding("anchor", f"“{task.when}”中的{word}按计划年份 {year} 年读取（计划没有写印发日期 issued）")


def _duration(count: int, unit: DurationUnit) -> relativedelta:
    if unit is DurationUnit.DAY:
        return relativedelta(days=count)
    if unit is DurationUnit.WEEK:
        return relativedelta(weeks=count)
    return relativedelta(months=count) if unit is DurationUnit.MONTH else relativedelta(years=count)


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
    source = YearSource.PLAN if year is None else YearSource.GIVEN
    year = year or schedule.year
    shift = relativedelta(years=year - schedule.year)
    window = Window(
        schedule.issued + shift if schedule.issued else date(year, 1, 1),
        schedule.until + shift if schedule.until else date(year, 12, 31),
    )
    frame = Frame(window.start if schedule.issued else None, schedule.periods)
    # equal dates, findings and timings of different tasks become one object: a plan's tasks share
    # deadlines and recurring duties, and a province's cached timelines load a quarter faster for it
    values: dict[Any, Any] = {}
    items = tuple(_item(task, year, schedule, window, calendar, frame, values) for task in schedule.all_tasks())
    items = _with_unit_findings(items)
    years = {o.due.year for item in items for o in item.occurrences}
    span = (window.end - window.start).days
    days_off = tuple(
        window.start + timedelta(days=n)
        for n in range(span + 1 if span <= 3 * 366 else 0)
        if calendar.day_off(window.start + timedelta(days=n)) is not None
    )
    return Timeline(schedule, year, window, items, calendar.coverage_note(years), days_off, year_source=source)


@cache
def occurrences(every: Every, start: date, end: date) -> tuple[date, ...]:
    """The due days of a recurring duty from `start` to `end`, inclusive.

    A month day past the month's end (每月31日) falls on the month's last day. A duty due some days
    after each period (`季后7日`) counts the periods that end from `start` and falls due by `end`.
    """
    if every.first is not None:
        start = max(start, every.first)
    if every.freq is Freq.WEEKLY:
        weeks = rrule(WEEKLY, interval=every.interval, byweekday=every.weekday, dtstart=start, until=end)
        return tuple(d.date() for d in weeks)
    anchor = date(start.year - 1, every.month, 1)
    due = []
    step: Literal[1, 0] = MONTHLY if every.freq is Freq.MONTHLY else YEARLY
    for first in rrule(step, interval=every.interval, dtstart=anchor, until=end):
        last = monthcal.monthrange(first.year, first.month)[1]
        days = (
            last if every.monthday in (None, -1) else min(every.monthday, last),
            *(min(d, last) for d in every.also),
        )
        for day in days:
            d = date(first.year, first.month, day)
            when = _after(d, every.lag, every.workdays)
            if start <= d and when <= end:
                due.append(when)
    return tuple(due)


def _after(day: date, lag: int, workdays: bool) -> date:
    """`lag` days, or working days, after `day`."""
    if not workdays:
        return day + timedelta(days=lag)
    calendar = WorkCalendar()
    for _day in range(lag):
        day += timedelta(days=1)
        while calendar.day_off(day) is not None:
            day += timedelta(days=1)
    return day


def due_dates(timing: Timing, start: date, end: date) -> list[date]:
    """The days a timing is due on, each once, recurring duties counted from `start` to `end`."""
    if isinstance(timing, (Deadline, Span)):
        return [timing.end]
    if isinstance(timing, Day):
        return [timing.day]
    if isinstance(timing, Dates):
        return list(dict.fromkeys(timing.days))
    if isinstance(timing, Every):
        return list(dict.fromkeys(occurrences(timing, start, end)))
    return []


def _with_unit_findings(items: tuple[Item, ...]) -> tuple[Item, ...]:
    """The items, each with what `units.identity_findings` says of its units."""
    from schedgen.units import identity_findings

    tasks = [item.task for item in items]
    everyone = tuple(dict.fromkeys(n for t in tasks for n, _ in t.roles() if t.all_units is None))
    found = identity_findings(tasks, everyone)
    if not found:
        return items
    return tuple(
        replace(item, findings=item.findings + found[item.task.id]) if item.task.id in found else item for item in items
    )


def _item(
    task: Task,
    year: int,
    schedule: Schedule,
    window: Window,
    calendar: WorkCalendar,
    frame: Frame,
    values: dict[Any, Any],
) -> Item:
    timing = bind(task.expression, year, task.when, frame)
    findings: list[Finding] = [_anchor_finding(task, year, frame)] if anchored(task.expression) else []
    if unread := _unread(task.when):
        findings.append(
            Finding(
                "unread-words",
                f"时间中的「{unread}」没有读，日期只按其余文字推算；若它改动了日期（除外、改到某日），"
                "请改写时间或拆成几项任务",
            )
        )
    if year != schedule.year and task.status is Status.DONE and (task.done is None or task.done < window.start):
        # the file records the progress of its own year: carried over, the new year's deadlines would show done
        # and remind no one
        findings.append(
            Finding(
                "rolled-done",
                f"计划按 {year} 年展开；文件记的完成（{task.done or '未记日期'}）属于 {schedule.year} 年，"
                f"这里按未完成处理，照常提醒",
            )
        )
        task = replace(task, status=Status.TODO, done=None)
    if task.done is not None and task.status is not Status.DONE:  # the day is kept, and shown beside the status
        label = task.status.label
        findings.append(
            Finding(
                "done-status",
                f"写了完成日期 {task.done}，但状态是「{label}」：按「{label}」处理；"
                "若已完成，请把 status 改为 done（或删去 status）",
            )
        )
    start: date | None
    end: date | None
    keyed: list[tuple[str, date, date | None]]
    if isinstance(timing, Ongoing):
        return Item(task, _one(values, timing), window.start, window.end, (), _one(values, tuple(findings)))
    if isinstance(timing, Every):
        start, end = max(window.start, timing.first or window.start), window.end
        if start > end:  # 从11月起 in a plan that ends in June: nothing falls due, and the reviewer is told
            findings.append(Finding("outside-window", f"开始日 {start} 晚于计划期末 {window.end}", start))
        keyed = _once(occurrences(timing, window.start, window.end), findings)
    elif isinstance(timing, Span):
        start, end = timing.start or window.start, timing.end
        keyed = [("due", end, start)]
        if end < start:
            findings.append(Finding("ends-before-start", f"结束日 {end} 早于开始日 {start}（计划自 {start} 起）", end))
    elif isinstance(timing, Dates):
        start, end = None, max(timing.days)
        keyed = _once(timing.days, findings)
    else:
        day = timing.end if isinstance(timing, Deadline) else timing.day
        start, end = (None if isinstance(timing, Deadline) else day), day
        keyed = [("due", day, start)]
    occ = []
    later = _postponed(task.when)
    for key, due, begin in keyed:
        occurrence, found = _on_working_day(Occurrence(key, due, begin), schedule.move_off_holidays, later, calendar)
        occ.append(_one(values, occurrence))
        findings.extend(found)
    findings.extend(_outside(timing, start, end, window))
    shared = tuple(_one(values, finding) for finding in findings)
    return Item(task, _one(values, timing), start, end, _one(values, tuple(occ)), _one(values, shared))


def _once(days: Sequence[date], findings: list[Finding]) -> list[tuple[str, date, date | None]]:
    """Each due day once, keyed by its date (a day is one event, with one UID), and a finding (`same-day`) for
    the days written more than once (`5月10日、5月10日前`, `每月10日、10日前`)."""
    once = dict.fromkeys(days)
    if len(once) < len(days):
        twice = sorted({day for day in days if days.count(day) > 1})
        shown = "、".join(map(str, twice[:3])) + (f" 等 {len(twice)} 天" if len(twice) > 3 else "")
        findings.append(Finding("same-day", f"{shown} 写了不止一次，每天只算一个截止日", twice[0]))
    return [(day.isoformat(), day, None) for day in once]


Value = TypeVar("Value")


def _one(values: dict[Any, Any], value: Value) -> Value:
    """`value`, or the equal value met before: frozen values can be one object wherever they are equal."""
    return cast(Value, values.setdefault(value, value))


POSTPONED = re.compile(r"(?:遇(?P<what>[^，,。；;（）()、\s]{0,8}?)(?:则|即|时)?)?顺延")
"""A time that says its due days move past the days off it names (`每月5日前（遇节假日顺延）`, `遇春节顺延`): the
plan's own rule for that task, which a plan-wide previous-workday would turn around (five working days early
after 国庆)."""
_ALL_OFF = ("节假日", "假日", "休息日", "假期")
_WEEKENDS = ("周末", "双休", "星期六", "星期日", "周六", "周日")


def _postponed(when_text: str) -> Callable[[DayOff], bool] | None:
    """Which days off the time `when_text` says a due day moves past (顺延), or None where it says nothing so:
    every day off (`遇节假日顺延`, a bare 顺延), weekends (`遇周末顺延`), or the holiday it names (`遇春节顺延`)."""
    said = POSTPONED.search(when_text)
    if said is None:
        return None
    what = said.group("what") or ""
    if not what or any(word in what for word in _ALL_OFF):
        return lambda off: True
    weekends = any(word in what for word in _WEEKENDS)
    named = what.removesuffix("节")
    return lambda off: (
        (weekends and off.reason is DayOffReason.WEEKEND)
        or (off.reason is DayOffReason.HOLIDAY and bool(named) and not weekends and named in off.name)
    )


def _unread(when_text: str) -> str:
    """The words of `when_text` before or after the time read from it, where they hold more than punctuation
    and a 顺延 rule (which `_postponed` reads): `第四季度除外` of `每季度末（第四季度除外）` changes the dates, and
    `schedgen when` is the only place that said it was not read."""
    try:
        match = when.read(when_text)
    except WhenError:  # a time that does not read at all was refused where the plan was loaded
        return ""
    outside = [when_text[: match.start], when_text[match.end :]]
    words = [POSTPONED.sub("", part).strip(" \t，,。；;：:、（）()【】[]“”\"'") for part in outside]
    return "…".join(word for word in words if re.search(r"\w", word))


def _on_working_day(
    occ: Occurrence, move: bool, later: Callable[[DayOff], bool] | None, calendar: WorkCalendar
) -> tuple[Occurrence, list[Finding]]:
    """`occ` on a working day: moved past a day off the task's own time postpones it over (`later`), else to
    the working day before where the plan says so (`move`), else kept, with a finding either way."""
    off = calendar.day_off(occ.due)
    if off is None:
        return occ, []
    if later is not None and later(off):
        moved = calendar.next_workday(occ.due)
        how = "按计划所写顺延到工作日"
    elif move:
        moved = calendar.previous_workday(occ.due)
        how = "提前到工作日"
    else:
        return occ, [Finding(off.reason.value, f"截止日 {occ.due} 是{off.name}", occ.due)]
    return replace(occ, due=moved, planned=occ.due), [
        Finding("moved", f"截止日 {occ.due} 是{off.name}（{off.reason.label}），{how} {moved}", moved)
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
    year: int
    year_source: str
    """`given`, or `assumed` when no year was given and the one of `today` was taken."""
    at: NotRequired[str]
    """The clock time written with the day (`16:05`), when there is one."""
    read: NotRequired[str]
    """The characters read as the time, when the text held more (`力争2025年底前实现` -> `2025年底前`)."""


def explain(text: str, year: int | None, *, today: date | None = None) -> WhenSummary:
    """What `schedgen when` prints: the kind, the first and last day, the due days, the recurrence.

    Without a `year` the expression is read in the year of `today`, and the result says it assumed so.
    """
    source = YearSource.GIVEN
    if year is None:
        if today is None:
            raise ValueError("explain() needs a year, or today to take the year from")
        year, source = today.year, YearSource.ASSUMED
    match = when.read(text)
    timing = bind(match.expression, year, text)
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
    elif isinstance(timing, Every):
        start = timing.first
    days = due_dates(timing, date(year, 1, 1), date(year, 12, 31))
    every = timing if isinstance(timing, Every) else None
    summary: WhenSummary = {
        "text": text,
        "kind": timing.kind,
        "start": start.isoformat() if start else None,
        "end": end.isoformat() if end else None,
        "dates": [d.isoformat() for d in days],
        "freq": every.freq.value if every else None,
        "interval": every.interval if every else None,
        "year": year,
        "year_source": source.value,
    }
    at = timing.at if isinstance(timing, (Deadline, Day, Every)) else None
    if at is not None:
        summary["at"] = at.strftime("%H:%M")
    if match.read_text(text) != text:
        summary["read"] = match.read_text(text)
    return summary
