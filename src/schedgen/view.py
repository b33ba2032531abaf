"""What every output shows, worked out once: typed rows from a Timeline and the day states are judged on.

The renderers (gantt, html, the reports) draw or print these rows; none of them works out a state,
a stage's span, the order of units, the text of dates or the scale of an axis on its own.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from operator import attrgetter, itemgetter
from typing import NamedTuple

from schedgen.digest import ItemDigest, PlanDigest, TaskDigest, digest
from schedgen.expression import Every, Ongoing
from schedgen.model import STATES, Item, Role, Span, State, Status, Task, Timeline

KIND_LABELS = {
    "deadline": "截止",
    "span": "时段",
    "day": "当日",
    "dates": "多个节点",
    "every": "周期",
    "ongoing": "长期",
}
"""The Chinese name of each kind of timing, as `check` and `when` print it."""


# ----- the time axis -------------------------------------------------------------------------------


class Scale(Enum):
    """How far apart an axis's ticks are: weeks, months, quarters or years."""

    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


@dataclass(frozen=True)
class Tick:
    """A labelled point of an axis; `\\n` breaks a label over two lines."""

    day: date
    label: str


@dataclass(frozen=True)
class Axis:
    """The days a chart shows, `start` to `end` inclusive, and the one rule for spacing its ticks."""

    start: date
    end: date

    @property
    def days(self) -> int:
        """How many days the axis shows."""
        return (self.end - self.start).days + 1

    @property
    def scale(self) -> Scale:
        """Weeks up to four months, months up to about two years, quarters up to three, years beyond."""
        if self.days <= 120:
            return Scale.WEEK
        if self.days <= 800:
            return Scale.MONTH
        if self.days <= 3 * 366:
            return Scale.QUARTER
        return Scale.YEAR

    @property
    def years_per_tick(self) -> int:
        """On a year scale, the step that keeps the axis to about fourteen labels."""
        return max(1, math.ceil(self.days / 366 / 14))

    def left(self, day: date) -> float:
        """Where `day` begins, in percent of the axis's width."""
        return round(100 * (day - self.start).days / self.days, 3)

    def width(self, first: date, last: date) -> float:
        """How wide the days `first` to `last` are, in percent of the axis's width."""
        return round(100 * ((last - first).days + 1) / self.days, 3)

    def inside(self, day: date) -> bool:
        """Whether the axis shows `day`."""
        return self.start <= day <= self.end

    def ticks(self) -> tuple[Tick, ...]:
        """Ticks for a screen: Mondays (`M/D`), else the first of every month, quarter or years step."""
        end = self.end + timedelta(days=1)
        if self.scale is Scale.WEEK:
            day = self.start + timedelta(days=(7 - self.start.weekday()) % 7)
            weeks = []
            while day < end:
                weeks.append(Tick(day, f"{day.month}/{day.day}"))
                day += timedelta(days=7)
            return tuple(weeks)
        step = {Scale.MONTH: 1, Scale.QUARTER: 3}.get(self.scale, 12 * self.years_per_tick)
        ticks: list[Tick] = []
        # periods begin on the calendar's boundaries (a year on 1 January, a quarter on its first month, two
        # years on an even year), as the printed chart's do; a plan issued in November has a short first
        # year, not a year from November, and its first tick names the month and year it stands in
        index = self.start.year * 12 + self.start.month - 1
        index -= index % step
        month = date(index // 12, index % 12 + 1, 1)
        while month < end:
            if month >= self.start or not ticks:
                shown = max(month, self.start)
                label = month_label(shown.replace(day=1), not ticks)
                ticks.append(Tick(shown, f"{shown.year}年" if step >= 12 else label))
            month = _add_months(month, step)
        return tuple(ticks)


def month_label(day: date, first: bool) -> str:
    """A month's tick label: the first tick and every January also name the year."""
    return f"{day.year}年\n{day.month}月" if first or day.month == 1 else f"{day.month}月"


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


# ----- chart rows ----------------------------------------------------------------------------------


class Shape(Enum):
    """How a mark is drawn: a span is a bar, ongoing work a band, a deadline a diamond, a duty a tick."""

    BAR = "bar"
    BAND = "band"
    DIAMOND = "diamond"
    TICK = "tick-mark"


@dataclass(frozen=True)
class Mark:
    """A bar or band from `first` to `last`, or a mark on a due day (`first == last`)."""

    shape: Shape
    first: date
    last: date
    state: State | None
    """None for ongoing work, which has no date of its own to be judged on."""


@dataclass(frozen=True)
class StageRow:
    """A stage's heading row: its name as written (`None` for the tasks of no stage) and its span."""

    name: str | None
    span: tuple[date, date] | None

    @property
    def label(self) -> str:
        """What the heading says."""
        return self.name or "其他任务"


@dataclass(frozen=True)
class TaskRow:
    """A task's row: its number, its most pressing state, its units lead first, its dates and marks."""

    number: int
    item: Item
    state: State
    units: tuple[str, ...]
    dates: str
    marks: tuple[Mark, ...]

    @property
    def task(self) -> Task:
        """The task of the row."""
        return self.item.task


Row = StageRow | TaskRow

LEGEND = (State.DONE, State.IN_PROGRESS, State.DUE, State.OVERDUE, State.UPCOMING)
"""The states a chart's legend explains, in its order."""


@dataclass(frozen=True)
class Chart:
    """One schedule as a chart shows it: the axis, then the rows, each stage's heading before its tasks."""

    timeline: Timeline
    as_of: date
    axis: Axis
    rows: tuple[Row, ...]
    unit: str | None = None

    @property
    def tasks(self) -> tuple[TaskRow, ...]:
        """The task rows, without the headings."""
        return tuple(r for r in self.rows if isinstance(r, TaskRow))


def chart(
    timeline: Timeline,
    as_of: date,
    within: int = 14,
    *,
    start: date | None = None,
    end: date | None = None,
    unit: str | None = None,
) -> Chart:
    """The rows of a chart from `start` to `end` (default: the plan window, widened to every date a task
    names), of one unit's tasks if given."""
    items = [i for i in timeline.items if unit is None or unit in dict(i.task.roles())]
    rows: list[Row] = []
    stage: str | None = None
    for number, item in enumerate(items, start=1):
        if item.task.stage != stage:  # tasks of no stage before the first stage get no heading
            stage = item.task.stage
            rows.append(StageRow(stage, _span([i for i in items if i.task.stage == stage])))
        rows.append(
            TaskRow(
                number,
                item,
                _row_state(item, as_of, within),
                lead_first(item.task),
                dates_text(item),
                _marks(item, as_of, within),
            )
        )
    # a due day outside the plan window (a finding of its own) widens the axis rather than leaving its row
    # empty; a span that began before the plan was issued (上半年 in April) starts on the window's edge
    marked = [mark.last for row in rows if isinstance(row, TaskRow) for mark in row.marks]
    first = min([timeline.window.start, *marked])
    last = max([timeline.window.end, *marked])
    axis = Axis(start or first, end or last)
    return Chart(timeline, as_of, axis, tuple(rows), unit)


def lead_first(task: Task) -> tuple[str, ...]:
    """The task's units, lead units first."""
    roles = task.roles()
    return tuple(n for n, r in roles if r is Role.LEAD) + tuple(n for n, r in roles if r is not Role.LEAD)


def dates_text(item: Item, *, brief: bool = False) -> str:
    """The resolved dates of an item, to check against the expression; `brief` fits a terminal column."""
    if isinstance(item.timing, (Span, Ongoing)):
        if not brief:
            return f"{item.start} 至 {item.end}"
        whole = "计划期内 " if isinstance(item.timing, Ongoing) else ""
        return f"{whole}{_iso(item.start)} – {_iso(item.end)}"
    dues = [o.due.isoformat() for o in item.occurrences]
    if brief and len(dues) > 4:
        return "、".join(dues[:4]) + f" 等{len(dues)}次"
    return "、".join(dues) or "计划期内无"


def _span(items: Sequence[Item]) -> tuple[date, date] | None:
    days = [d for i in items for d in (i.start, i.end, *(o.due for o in i.occurrences)) if d]
    return (min(days), max(days)) if days else None


def _row_state(item: Item, as_of: date, within: int) -> State:
    """The most pressing state among the item's milestones."""
    if not item.occurrences:
        return State.DONE if item.task.status is Status.DONE else State.IN_PROGRESS
    return min((item.state(o.due, as_of, within) for o in item.occurrences), key=STATES.index)


def _marks(item: Item, as_of: date, within: int) -> tuple[Mark, ...]:
    if isinstance(item.timing, (Span, Ongoing)) and item.start and item.end:
        if isinstance(item.timing, Ongoing):
            return (Mark(Shape.BAND, item.start, item.end, None),)
        return (Mark(Shape.BAR, item.start, item.end, item.state(item.end, as_of, within)),)
    shape = Shape.TICK if isinstance(item.timing, Every) else Shape.DIAMOND
    return tuple(Mark(shape, o.due, o.due, item.state(o.due, as_of, within)) for o in item.occurrences)


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


# ----- milestones ----------------------------------------------------------------------------------


class Milestone(NamedTuple):
    """One dated due point of a task and its state as of a day (a tuple: a province's report makes 54,000)."""

    schedule: PlanDigest
    item: ItemDigest
    due: date
    state: State

    @property
    def task(self) -> TaskDigest:
        """The task the milestone belongs to."""
        return self.item.task


def milestones(plans: Sequence[PlanDigest | Timeline], as_of: date, within: int) -> list[Milestone]:
    """Every dated milestone of the plans (timelines, or what a report reads of them) with its state as of
    `as_of`, `within` days counting as due.

    A date list counts each date; a recurring duty counts its next occurrence (or its last one, once
    the window has passed); ongoing work has no milestone.
    """
    # rows are made in the order the plans were given in and each plan's own order of tasks, which a stable
    # sort keeps among same-day rows of a state: the key is one number, state and day
    rank = {state: n * _DAYS for n, state in enumerate(STATES)}
    found: list[tuple[int, Milestone]] = []
    for plan in map(_digested, plans):
        for item in plan.items:
            dues = item.dues
            if not dues:
                continue
            if item.recurring:
                dues = (next((due for due in dues if due >= as_of), dues[-1]),)
            for due in dues:
                state = item.state(due, as_of, within)
                found.append((rank[state] + due.toordinal(), Milestone(plan, item, due, state)))
    found.sort(key=itemgetter(0))
    return list(map(itemgetter(1), found))


_DAYS = date.max.toordinal() + 1


def _digested(plan: PlanDigest | Timeline) -> PlanDigest:
    return plan if isinstance(plan, PlanDigest) else digest(plan)


def groups(rows: Sequence[Milestone], by: str) -> list[tuple[str, list[Milestone]]]:
    """Rows grouped for a 督办 list: by unit (each unit's overdue first), by due date or by schedule."""
    grouped: dict[str, list[Milestone]] = {}
    if by == "unit":
        # one name in two cities is two units: across scopes, a group says whose unit it is, and the rows of
        # each scope are grouped by their units' names as written, each group named once
        scopes = {id(s): s.scope for s in {id(row.schedule): row.schedule for row in rows}.values()}
        if len(set(scopes.values())) > 1:
            joined: set[str] = set()
            for scope, members in _grouped(rows, [(scopes[id(row.schedule)],) for row in rows]).items():
                for unit, listed in _grouped(members, list(map(_GROUPS, members))).items():
                    name = f"{unit}（{scope}）" if scope else unit
                    # `甲（乙市）` as written in a plan with no place, and `甲` in 乙市's: one group
                    if name in grouped:
                        grouped[name] += listed
                        joined.add(name)
                    else:
                        grouped[name] = listed
            if joined:  # put in the rows' order once, however many groups were joined
                at = {id(row): n for n, row in enumerate(rows)}
                for name in joined:
                    grouped[name].sort(key=lambda row: at[id(row)])
        else:
            grouped = _grouped(rows, list(map(_GROUPS, rows)))
    elif by == "date":
        grouped = _grouped(rows, [(row.due.isoformat(),) for row in rows])
    else:
        named = _plan_names(rows)
        grouped = _grouped(rows, [(named[id(row.schedule)],) for row in rows])
    if by == "unit":
        state = attrgetter("state")
        overdue = {key: list(map(state, members)).count(State.OVERDUE) for key, members in grouped.items()}
        order = sorted(grouped, key=lambda k: (-overdue[k], k))
    else:
        order = sorted(grouped)
    return [(key, grouped[key]) for key in order]


_GROUPS = attrgetter("item.task.named.groups")


def _plan_names(rows: Sequence[Milestone]) -> dict[int, str]:
    """Each plan's group by schedule, by the plan's id(): its title, with its place (else its id) where
    another plan has that title: two towns' 工作配档表 are two tables."""
    plans = {id(row.schedule): row.schedule for row in rows}
    titles = Counter(plan.title for plan in plans.values())
    places = Counter((plan.title, plan.scope) for plan in plans.values())

    def name(plan: PlanDigest) -> str:
        if titles[plan.title] == 1:
            return plan.title
        return f"{plan.title}（{plan.scope if plan.scope and places[plan.title, plan.scope] == 1 else plan.id}）"

    return {key: name(plan) for key, plan in plans.items()}


def _grouped(rows: Sequence[Milestone], keys: Sequence[tuple[str, ...]]) -> dict[str, list[Milestone]]:
    """Each row in the group of each of its keys, in the rows' order."""
    grouped: defaultdict[str, list[Milestone]] = defaultdict(list)
    for row, named in zip(rows, keys, strict=True):
        for key in named:
            grouped[key].append(row)
    return grouped


def counts(states: Iterable[State]) -> tuple[tuple[State, int], ...]:
    """How many of each state, most pressing first, states that do not occur left out."""
    seen = list(states)
    return tuple((s, n) for s in STATES if (n := seen.count(s)))


@dataclass(frozen=True)
class Summary:
    """A schedule at a glance: its due points and its tasks counted by state, and what is due next."""

    counts: tuple[tuple[State, int], ...]
    upcoming: tuple[tuple[date, Task], ...]
    tasks: tuple[tuple[State, int], ...] = ()
    """Each task once, in its most pressing state: what the schedule's own page and chart count."""


def summary(timeline: Timeline, as_of: date, within: int, upcoming: int = 3) -> Summary:
    """Every due point and every task of the schedule counted by state, and the next `upcoming` open ones."""
    states: list[State] = []
    ahead: list[tuple[date, Task]] = []
    for item in timeline.items:
        for occ in item.occurrences:
            state = item.state(occ.due, as_of, within)
            states.append(state)
            if occ.due >= as_of and state not in (State.DONE, State.CANCELLED):
                ahead.append((occ.due, item.task))
    ahead.sort(key=lambda pair: (pair[0], pair[1].task, pair[1].when))
    tasks = counts(_row_state(item, as_of, within) for item in timeline.items)
    return Summary(counts(states), tuple(ahead[:upcoming]), tasks)
