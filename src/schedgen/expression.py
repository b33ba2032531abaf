"""Time expressions as written, before any year: what `when.parse` reads and `resolve.bind` dates.

A point keeps the parts the text names (a year or 次年, a month, a day, a part of a month or year) and
where it stands in the text, so that an error found while binding still underlines the characters.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from enum import Enum
from typing import ClassVar, Literal

Kind = Literal["deadline", "span", "day", "dates", "every", "ongoing"]
"""The kinds of dated timing, as outputs name them."""
Anchor = Literal["year", "month", "next_month"]
"""What a relative word (今年, 本月, 当月, 下月) takes from the day the document was issued."""


class Freq(str, Enum):
    """Recurrence frequencies, named as in RFC 5545."""

    WEEKLY = "WEEKLY"
    MONTHLY = "MONTHLY"
    YEARLY = "YEARLY"


@dataclass(frozen=True)
class Every:
    """A recurring duty: due each `interval` `freq`, on `monthday` (-1: the last day) or `weekday`.

    `month` anchors the cycle: the first month of the year in which a due day falls
    (3 for quarter ends, 6 for half-year ends, 12 for `每年12月`).
    """

    freq: Freq
    interval: int = 1
    month: int = 1
    monthday: int | None = -1
    weekday: int | None = None
    at: time | None = None
    lag: int = 0
    """Days after each period's end the duty falls due (`季后7日`, `于下月5日前`); 0: on the day itself."""
    workdays: bool = False
    """`lag` counts working days (`每月结束后5个工作日内`)."""
    also: tuple[int, ...] = ()
    """Further due days in the same month of each period (`每月10日、25日前`)."""
    since: Point | None = None
    """The start the recurrence is written with, year-free (`从3月底起，每月13日前`); None: the plan's window."""
    first: date | None = None
    """`since` bound to a year by `resolve.bind`: no due day falls before it."""
    kind: ClassVar[Kind] = "every"


@dataclass(frozen=True)
class Ongoing:
    """Work that runs through the whole plan window with no date of its own (长期坚持)."""

    kind: ClassVar[Kind] = "ongoing"


class MonthPart(Enum):
    """A part of a month, valued by the word plans write for it (月初 is read as 上旬, 月中 as 中旬)."""

    EARLY = "上旬"
    MIDDLE = "中旬"
    LATE = "下旬"
    EARLY_MIDDLE = "上中旬"
    MIDDLE_LATE = "中下旬"
    FIRST_HALF = "上半月"
    SECOND_HALF = "下半月"
    END = "月底"


class YearPart(Enum):
    """A part of a year, valued by the word plans write for it."""

    WHOLE = "年内"
    START = "年初"
    MIDDLE = "年中"
    END = "年底"
    H1 = "上半年"
    H2 = "下半年"
    Q1 = "第一季度"
    Q2 = "第二季度"
    Q3 = "第三季度"
    Q4 = "第四季度"
    Q1_Q3 = "前三季度"
    Q1_START = "一季度初"
    Q2_START = "二季度初"
    Q3_START = "三季度初"
    Q4_START = "四季度初"
    Q1_END = "一季度末"
    Q2_END = "二季度末"
    Q3_END = "三季度末"
    Q4_END = "四季度末"


@dataclass(frozen=True)
class Point:
    """A day, a month, a year or a part of one, as written, with no year filled in.

    `year=None` is the year the expression is bound to, plus `relative_year` (次年 = 1); `years` is a
    five-year plan. `chars` and `day_chars` are [start, end) offsets in the text, so that an error found
    when binding still points at what the user wrote.
    """

    year: int | None = None
    relative_year: int = 0
    month: int | None = None
    day: int | None = None
    part: MonthPart | YearPart | None = None
    years: tuple[int, int] | None = None
    at: time | None = None
    chars: tuple[int, int] = (0, 0)
    day_chars: tuple[int, int] | None = None
    anchor: Anchor | None = None
    """`year`: 今年, the year of the plan's `issued` day; `month`: 本月 / 当月, that day's month."""


@dataclass(frozen=True)
class By:
    """Done by the end of a point: `2月20日前`, `年底前`, `到2025年`."""

    point: Point


@dataclass(frozen=True)
class At:
    """On a point, or through it when it covers more than a day: `5月10日`, `3月上旬`, `年内`."""

    point: Point


@dataclass(frozen=True)
class Between:
    """From one point to another: `3月1日至4月30日`; `start=None` is from the plan's start (即日起)."""

    start: Point | None
    end: Point


@dataclass(frozen=True)
class ByEach:
    """Several deadlines: `5月10日、9月10日、11月10日前`; `words` of a phased cell (`6月底前完成，12月底前见效`)."""

    points: tuple[Point, ...]
    words: tuple[str, ...] = ()


class DurationUnit(Enum):
    """The unit of a duration after a start, valued by its word."""

    DAY = "天"
    WEEK = "周"
    MONTH = "个月"
    YEAR = "年"


@dataclass(frozen=True)
class Lasting:
    """A start and a duration: `自3月20日起100天` runs `count` `unit`s from the first day of `start`."""

    start: Point
    count: int
    unit: DurationUnit


@dataclass(frozen=True)
class Festival:
    """A statutory holiday: `春节前` is by the day before its first day, `元旦、春节期间` runs through its days."""

    names: tuple[str, ...]
    before: bool
    year: int | None = None
    relative_year: int = 0
    chars: tuple[int, int] = (0, 0)


@dataclass(frozen=True)
class Named:
    """A period the schedule defines under `periods:` (汛期): `汛期前` by its start, `汛期内` through it."""

    name: str
    before: bool
    chars: tuple[int, int] = (0, 0)


@dataclass(frozen=True)
class FromIssue:
    """A duration counted from the plan's `issued` day, that day included: `三年内`, `印发之日起30日内`."""

    count: int
    unit: DurationUnit
    chars: tuple[int, int] = (0, 0)


Expression = By | At | Between | ByEach | Lasting | Every | Ongoing | Festival | Named | FromIssue
"""A time expression as read, before any year is bound to it; recurrences and ongoing work need none."""


def points_of(expression: Expression) -> tuple[Point, ...]:
    """The points an expression is made of (none for recurrences, holidays, named periods, durations)."""
    match expression:
        case By(point) | At(point) | Lasting(point, _, _):
            return (point,)
        case Between(start, end):
            return (end,) if start is None else (start, end)
        case ByEach(several, _):
            return several
    return ()


@dataclass(frozen=True)
class Frame:
    """What binding needs beyond the year: the plan's `issued` day and its named `periods` as written."""

    issued: date | None = None
    periods: tuple[tuple[str, str], ...] = ()
