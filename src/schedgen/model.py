"""The data model: a Schedule as written, and the Timeline it resolves to.

Conventions: every date range is inclusive at both ends (`Span(start, end)` covers `end` too);
text fields (`task`, `when`, unit names) are kept verbatim as the plan wrote them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time
from enum import Enum
from functools import lru_cache
from typing import ClassVar

from schedgen.errors import Position
from schedgen.expression import Every, Expression, Kind, Ongoing
from schedgen.i18n import _

FIRST_YEAR, LAST_YEAR = 1949, 2199
"""The years a plan may name: the People's Republic's plans, and far enough ahead for any long-range goal."""
MAX_FILE_BYTES = 5_000_000
"""The largest schedule file read; anything bigger is refused before YAML parses it."""


@dataclass(frozen=True)
class Deadline:
    """Done by the end of `end` (and `at`, when the plan names a clock time)."""

    end: date
    at: time | None = None
    kind: ClassVar[Kind] = "deadline"


@dataclass(frozen=True)
class Span:
    """From `start` to `end`, both inclusive; `start=None` means from the plan's start (即日起)."""

    start: date | None
    end: date
    kind: ClassVar[Kind] = "span"


@dataclass(frozen=True)
class Day:
    """One day (a meeting, an event)."""

    day: date
    at: time | None = None
    kind: ClassVar[Kind] = "day"


@dataclass(frozen=True)
class Dates:
    """Several deadlines, each done by the end of its day; `words` name each phase when the plan does."""

    days: tuple[date, ...]
    words: tuple[str, ...] = ()
    kind: ClassVar[Kind] = "dates"


Timing = Deadline | Span | Day | Dates | Every | Ongoing


class YearSource(Enum):
    """Where the year a plan or an expression is dated for came from."""

    PLAN = "plan"
    GIVEN = "given"
    ASSUMED = "assumed"


class Role(str, Enum):
    """How a unit takes part in a task."""

    LEAD = "lead"
    SUPPORT = "support"
    RESPONSIBLE = "responsible"

    @property
    def label(self) -> str:
        """The Chinese name of the role, as plans write it."""
        return {"lead": "牵头单位", "support": "配合单位", "responsible": "责任单位"}[self.value]


class Status(str, Enum):
    """Progress recorded in the schedule file."""

    TODO = "todo"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        """The status in Chinese, as every output shows it."""
        return {"todo": "未完成", "in_progress": "进行中", "done": "已完成", "cancelled": "已取消"}[self.value]


class ReminderUnit(str, Enum):
    """The unit of a reminder's lead time, as a schedule writes it."""

    WEEK = "w"
    DAY = "d"
    HOUR = "h"
    MINUTE = "m"

    @property
    def minutes(self) -> int:
        """Minutes in one of this unit."""
        return {"w": 7 * 24 * 60, "d": 24 * 60, "h": 60, "m": 1}[self.value]


REMINDER_PATTERN = r"^[1-9][0-9]{0,2}[wdhm]$"
ALARM_HOUR = 9
"""Reminders count back from 09:00 of the due day, so `1d` rings at 09:00 the day before."""


@dataclass(frozen=True)
class Reminder:
    """An alarm `amount` `unit`s before a deadline: `7d`, `1d`, `2h`."""

    amount: int
    unit: ReminderUnit

    @classmethod
    def parse(cls, text: str) -> Reminder:
        """`7d` -> Reminder(7, ReminderUnit.DAY); raises ValueError saying what would have worked."""
        if not re.match(REMINDER_PATTERN, text):
            raise ValueError(
                _("reminder `{value}` must be a number and w, d, h or m, e.g. `7d`, `1d`, `2h`").format(value=text)
            )
        return cls(int(text[:-1]), ReminderUnit(text[-1]))

    def __str__(self) -> str:
        return f"{self.amount}{self.unit.value}"

    @property
    def trigger(self) -> str:
        """The RFC 5545 TRIGGER relative to the start of an all-day event: `1d` rings at 09:00 the day before."""
        minutes = self.amount * self.unit.minutes - ALARM_HOUR * 60
        sign = "-" if minutes > 0 else ""
        days, rest = divmod(abs(minutes), 24 * 60)
        hours, mins = divmod(rest, 60)
        clock = (f"{hours}H" if hours else "") + (f"{mins}M" if mins else "")
        return f"{sign}P{days}D" + (f"T{clock}" if clock else "") if days else f"{sign}PT{clock or '0M'}"


@dataclass(frozen=True)
class Unit:
    """A responsible unit from the registry: its name, other names it goes by, its feed slug."""

    name: str
    aliases: tuple[str, ...] = ()
    slug: str | None = None
    contact: str | None = None


@dataclass(frozen=True)
class Task:
    """One row of a 配档表: the verbatim `when` and `task` text, its year-free expression and its units."""

    id: str
    when: str
    expression: Expression
    task: str
    stage: str | None = None
    lead: tuple[str, ...] = ()
    support: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    status: Status = Status.TODO
    done: date | None = None
    notes: str | None = None
    position: Position | None = None
    when_position: Position | None = None
    all_units: str | None = None
    """The collective name (`各责任单位`) read as every unit of the plan, which `units` then lists."""
    unnamed: tuple[str, ...] = ()
    """The unit names written with `等` (`市民政局等部门`): units the plan leaves unnamed share the task."""

    def roles(self) -> tuple[tuple[str, Role], ...]:
        """Every unit with its role, lead first, each unit once."""
        return roles_of(self.lead, self.support, self.units)


@lru_cache(maxsize=1 << 16)
def roles_of(lead: tuple[str, ...], support: tuple[str, ...], units: tuple[str, ...]) -> tuple[tuple[str, Role], ...]:
    """Every unit of a task with these lead, support and responsible units, with its role, lead first, each once."""
    # worked out once for each set of units: a province's 50,000 tasks name 21,000 sets, and every
    # output asks each task's roles, a report for every unit the task names
    seen = dict.fromkeys(lead, Role.LEAD)
    for name in support:
        seen.setdefault(name, Role.SUPPORT)
    for name in units:
        seen.setdefault(name, Role.RESPONSIBLE)
    return tuple(seen.items())


@dataclass(frozen=True)
class Stage:
    """A named stage (阶段) of the plan and the tasks it holds."""

    name: str
    tasks: tuple[Task, ...]


@dataclass(frozen=True)
class Schedule:
    """A schedule file as written, validated but not dated."""

    id: str
    title: str
    year: int
    path: str
    stages: tuple[Stage, ...] = ()
    tasks: tuple[Task, ...] = ()
    issued: date | None = None
    until: date | None = None
    source: str | None = None
    org: str | None = None
    """The city or county whose plans share one unit registry: one feed per unit across its plans."""
    reminders: tuple[Reminder, ...] = ()
    move_off_holidays: bool = False
    calendar_spans: str = "ends"
    """How a feed shows a span longer than a week: `ends` (its start and its end) or `days` (every day)."""
    units: tuple[Unit, ...] = ()
    periods: tuple[tuple[str, str], ...] = ()
    """Named periods (汛期: 6月1日至9月30日) as written, usable in any `when`."""

    def all_tasks(self) -> tuple[Task, ...]:
        """Staged tasks in stage order, then the tasks of no stage."""
        return tuple(t for s in self.stages for t in s.tasks) + self.tasks

    @property
    def scope(self) -> str:
        """Where the plan's unit names mean one body: its `org`, else the place its title or source
        opens with (`安丘市`, `海东市`), else "" (no place named). 安丘's 市农业农村局 is not 海东's; one
        county's plans that open with 全县 and name no place keep its units together."""
        if self.org:
            return self.org
        for text in (self.title, self.source or ""):
            found = _PLACE.match(text.strip())
            if found and not _NOT_A_PLACE.search(found[1]):
                return found[1]
        return ""


# a place opens a title, after a year or 关于印发《; `市场` and `县域` are words, not a place and a word
_PLACE = re.compile(
    r"(?:\d{4}年)?(?:关于|關于)?(?:印发|转发|印發|轉發)?[《“\"]?"
    r"([\u4e00-\u9fff]{1,6}?(?:自治区|自治州|州[市省]?|省|市|盟|县|区|旗))(?![场域])"
)
# what no place name holds: 全市/本市/各县, a verb first (推进城市), a phrase ending as a place does (社区 and
# 上市, one character and 市 or 区, where 沛县 is a county; 智慧城市, where 白城市 is a city)
_NOT_A_PLACE = re.compile(
    r"[全本我各该]|^(?:推进|推动|加快|开展|加强|深入|实施|做好|建设|打造|促进|深化|大力|持续|提升|发展|创建)"
    r"|^.[市区]$|..城市$"
)


@dataclass(frozen=True)
class Finding:
    """Something a reader should look at: a due day on a holiday, a date outside the window."""

    code: str
    message: str
    day: date | None = None


@dataclass(frozen=True)
class Occurrence:
    """One dated due point of a task; `key` tells apart the occurrences of one task, stably
    (`due` for a single deadline, the planned date for a date list or a recurring duty)."""

    key: str
    due: date
    start: date | None = None
    planned: date | None = None
    """The date as written, when a holiday policy moved `due` off it."""


class State(str, Enum):
    """A milestone's state as of a day, most pressing first: outputs sort and summarise in this order."""

    OVERDUE = "overdue"
    DUE = "due"
    IN_PROGRESS = "in_progress"
    UPCOMING = "upcoming"
    DONE = "done"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        """What every output calls the state."""
        return {
            "overdue": "逾期",
            "due": "临近",
            "in_progress": "进行中",
            "upcoming": "未到期",
            "done": "已完成",
            "cancelled": "已取消",
        }[self.value]


STATES = tuple(State)
"""Every state, most pressing first; `STATES.index` is the order outputs sort by."""


@dataclass(frozen=True)
class Item:
    """A task with its dates resolved for one year and one working calendar."""

    task: Task
    timing: Timing
    """The task's timing dated for the timeline's year."""
    start: date | None
    end: date | None
    occurrences: tuple[Occurrence, ...]
    findings: tuple[Finding, ...] = ()

    def state(self, due: date, as_of: date, within: int = 14) -> State:
        """The state of the milestone due on `due`, as of `as_of`.

        Due before `as_of` and not done is overdue; due within `within` days is due; a span that has
        started is in progress; anything later is upcoming. Status in the file wins for done/cancelled.
        """
        if self.task.status is Status.DONE:
            return State.DONE
        if self.task.status is Status.CANCELLED:
            return State.CANCELLED
        if due < as_of:
            return State.OVERDUE
        if (due - as_of).days <= within:
            return State.DUE
        if isinstance(self.timing, Span) and self.start is not None and self.start <= as_of:
            return State.IN_PROGRESS
        return State.UPCOMING


@dataclass(frozen=True)
class Window:
    """The plan window, inclusive at both ends."""

    start: date
    end: date


@dataclass(frozen=True)
class Timeline:
    """A schedule with every task dated: what every output reads."""

    schedule: Schedule
    year: int
    window: Window
    items: tuple[Item, ...]
    calendar_note: str | None = None
    days_off: tuple[date, ...] = ()
    """Weekends and holidays inside the window (for charts that shade them); 调休 days are working days."""
    year_source: YearSource = YearSource.PLAN

    @property
    def findings(self) -> tuple[tuple[Item, Finding], ...]:
        """Every finding with the item it belongs to."""
        return tuple((item, f) for item in self.items for f in item.findings)

    def characters(self) -> str:
        """Every character a chart of the plan shows, each once, in order: a build asks which of them its font
        cannot draw on every build, drawn or reused."""
        # each distinct text once: a plan's 10,000 tasks repeat their times and units
        texts = {self.schedule.title, self.schedule.source or ""}
        for item in self.items:
            task = item.task
            texts.update((task.task, task.when, task.stage or ""), task.lead, task.support, task.units)
        return "".join(sorted(set("".join(texts))))


@dataclass(frozen=True)
class Stamp:
    """The change record of one published event: its content digest, SEQUENCE and last change (UTC, `...Z`)."""

    digest: str
    sequence: int
    modified: str
