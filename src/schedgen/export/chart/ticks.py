"""The printed chart's time axis in days: where its grid lines fall and where each label is centred."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from schedgen.view import Axis, Scale, month_label


@dataclass(frozen=True)
class AxisMarks:
    """Grid lines (each with a tick above the chart) and labels (`\\n` breaks one over two lines)."""

    grid: tuple[date, ...]
    labels: tuple[tuple[date, str], ...]


def axis_marks(axis: Axis, first: date, last: date) -> AxisMarks:
    """The grid and labels of `axis` that fall from `first` to `last`: Mondays on a week scale (the
    first naming its year; the plan's first day when none falls in it); else lines where a month,
    quarter or year begins and its name centred on it."""
    scale = axis.scale
    if scale is Scale.WEEK:
        mondays = [d for d in _days(first, last, 1) if d.weekday() == 0]
        if not any(axis.start <= d <= axis.end for d in mondays):
            # a plan of a few days without a Monday still names a day, its first, so that a reader can date it
            mondays = [axis.start]
        labels = [(d, f"{d.month}月{d.day}日") for d in mondays]
        if labels:
            labels[0] = (mondays[0], f"{mondays[0].year}年{labels[0][1]}")
        return AxisMarks(tuple(mondays), tuple(labels))
    months = {Scale.MONTH: 1, Scale.QUARTER: 3}.get(scale, 12 * axis.years_per_tick)
    starts = list(_periods(first, last, months))
    if scale is Scale.YEAR:
        # a year's name on 2 July, the middle of its year: a goal `到2025年` (2025-12-31) ends at the
        # right of 2025年, not under the next year's name
        middles = [(date(d.year, 7, 2), f"{d.year}年") for d in _periods(first - timedelta(days=366), last, months)]
    else:
        middles = [
            (middle, month_label(start, False) if months == 1 else _quarter(start))
            for start in _periods(first - timedelta(days=31 * months), last, months)
            for middle in [_middle(start, months)]
        ]
    shown = [(d, text) for d, text in middles if first <= d <= last]
    if shown and scale is not Scale.YEAR:
        # the first label names its year, as every January does
        day, _ = shown[0]
        start = date(day.year, day.month - (day.month - 1) % months, 1)
        shown[0] = (day, month_label(start, True) if months == 1 else _quarter(start, first=True))
    return AxisMarks(tuple(starts), tuple(shown))


def _quarter(start: date, *, first: bool = False) -> str:
    quarter = f"{(start.month - 1) // 3 + 1}季度"
    return f"{start.year}年\n{quarter}" if first or start.month == 1 else quarter


def _middle(start: date, months: int) -> date:
    """The 16th of a month; a quarter's middle month's 16th."""
    return date(start.year, start.month + months // 2, 16)


def _periods(first: date, last: date, months: int) -> Iterator[date]:
    """The first days of every `months` months (counted from January, years from a multiple of the step)."""
    index = first.year * 12 + first.month - 1
    index += -index % months
    while (day := date(index // 12, index % 12 + 1, 1)) <= last:
        if day >= first:
            yield day
        index += months


def _days(first: date, last: date, step: int) -> Iterator[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=step)
