"""The days of China's statutory holidays in any year: from the State Council's table where
`chinesecalendar` has it, beyond that from the festival's own date (a lunar calendar for 春节, 端午
and 中秋, the 清明 solar term) and the usual length of the holiday.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

# the holiday's name in plans -> (its name in chinesecalendar, (lunar month, day) or None, usual days)
_FESTIVALS: dict[str, tuple[str, tuple[int, int] | None, int]] = {
    "元旦": ("New Year's Day", None, 1),
    "春节": ("Spring Festival", (1, 1), 8),
    "清明节": ("Tomb-sweeping Day", None, 3),
    "劳动节": ("Labour Day", None, 5),
    "端午节": ("Dragon Boat Festival", (5, 5), 3),
    "中秋节": ("Mid-autumn Festival", (8, 15), 3),
    "国庆节": ("National Day", None, 7),
}
NAMES = {
    "元旦": "元旦",
    "春节": "春节",
    "清明": "清明节",
    "清明节": "清明节",
    "五一": "劳动节",
    "劳动节": "劳动节",
    "五一劳动节": "劳动节",
    "端午": "端午节",
    "端午节": "端午节",
    "中秋": "中秋节",
    "中秋节": "中秋节",
    "国庆": "国庆节",
    "国庆节": "国庆节",
}
"""The words plans write for each holiday, to the holiday's name."""
_FIXED = {"元旦": (1, 1), "劳动节": (5, 1), "国庆节": (10, 1)}


@dataclass(frozen=True)
class HolidayDays:
    """The first and the last day off of one holiday, and whether the State Council's table gave them."""

    first: date
    last: date
    from_table: bool


def festival_day(name: str, year: int) -> date:
    """The festival's own date in `year` (正月初一 for 春节, the 清明 solar term, 1 May ...)."""
    if name in _FIXED:
        return date(year, *_FIXED[name])
    from lunar_python import Lunar

    lunar_day = _FESTIVALS[name][1]
    if lunar_day is None:  # 清明: the solar term, around 4 or 5 April
        term = Lunar.fromYmd(year, 3, 1).getJieQiTable()["清明"]
        return date(term.getYear(), term.getMonth(), term.getDay())
    solar = Lunar.fromYmd(year, *lunar_day).getSolar()
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


@cache
def holiday_days(name: str, year: int) -> HolidayDays:
    """The days off of holiday `name` (元旦, 春节, 清明节, 劳动节, 端午节, 中秋节, 国庆节) in `year`."""
    from chinese_calendar.constants import holidays, workdays

    day = festival_day(name, year)
    english, _, usual = _FESTIVALS[name]
    # the table lists the weekdays off; a weekend next to them belongs to the holiday unless it is a 调休 workday
    near = [day + timedelta(days=d) for d in (0, -1, 1, -2, 2, -3, 3)]
    named = [d for d in near if holidays.get(d) == english]
    if named:

        def off(d: date) -> bool:
            return holidays.get(d) == english or (d.weekday() >= 5 and d not in workdays and d not in holidays)

        first = last = named[0]
        while off(first - timedelta(days=1)):
            first -= timedelta(days=1)
        while off(last + timedelta(days=1)):
            last += timedelta(days=1)
        return HolidayDays(first, last, True)
    # beyond the table: since 2025 the Spring Festival holiday starts on New Year's Eve
    first = day - timedelta(days=1) if name == "春节" else day
    return HolidayDays(first, first + timedelta(days=usual - 1), False)
