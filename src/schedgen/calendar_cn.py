"""Working days in mainland China: weekends, statutory holidays and 调休 working weekends.

Holiday tables come from `chinesecalendar`, which the State Council's notice each November
extends by one year. For a year the library does not know yet, only weekends count as days off,
and `coverage_note` says so once instead of pretending.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from functools import cache

WEEKDAY_NAMES = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
_HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


class DayOffReason(str, Enum):
    """Why a day is off: its value is the finding code, its label the Chinese word."""

    WEEKEND = "weekend"
    HOLIDAY = "holiday"

    @property
    def label(self) -> str:
        """The reason in Chinese, as findings spell it."""
        return {"weekend": "周末", "holiday": "节假日"}[self.value]


@dataclass(frozen=True)
class DayOff:
    """Why a day is not a working day, in words a reader of the plan uses."""

    day: date
    reason: DayOffReason
    name: str  # 星期日, 国庆节 ...


@cache
def _day_off(day: date, holidays: bool) -> DayOff | None:
    # cached: the library scans its whole table on every call, and a plan asks about few distinct days
    if holidays:
        from chinese_calendar import get_holiday_detail

        is_holiday, name = get_holiday_detail(day)
        if not is_holiday:
            return None
        if name:
            return DayOff(day, DayOffReason.HOLIDAY, _HOLIDAY_NAMES.get(name, name))
    elif day.weekday() < 5:
        return None
    return DayOff(day, DayOffReason.WEEKEND, WEEKDAY_NAMES[day.weekday()])


@cache
def covered_years() -> tuple[int, int]:
    """The first and last year the holiday library has tables for."""
    from chinese_calendar.constants import holidays

    years = [d.year for d in holidays]
    return min(years), max(years)


@dataclass(frozen=True)
class WorkCalendar:
    """The working calendar a schedule is resolved against; `holidays=False` uses weekends only."""

    holidays: bool = True

    def day_off(self, day: date) -> DayOff | None:
        """The reason `day` is not a working day, or None if it is one (调休 Saturdays are)."""
        return _day_off(day, self.holidays and self.covers(day.year))

    def previous_workday(self, day: date) -> date:
        """The last working day on or before `day`."""
        while self.day_off(day) is not None:
            day -= timedelta(days=1)
        return day

    def next_workday(self, day: date) -> date:
        """The first working day on or after `day`."""
        while self.day_off(day) is not None:
            day += timedelta(days=1)
        return day

    def covers(self, year: int) -> bool:
        """Whether the holiday tables know `year`."""
        first, last = covered_years()
        return first <= year <= last

    def coverage_note(self, years: Iterable[int]) -> str | None:
        """One sentence for the years outside the holiday tables, or None when all are covered."""
        if not self.holidays:
            return "未使用法定节假日数据：只按周末判断。"
        missing = sorted({y for y in years if not self.covers(y)})
        if not missing:
            return None
        first, last = covered_years()
        listed = "、".join(str(y) for y in missing)
        return f"节假日数据只覆盖{first}–{last}年；{listed}年的法定节假日和调休尚未公布，只按周末判断。"
