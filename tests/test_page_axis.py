"""The page's time axis is the printed chart's: a year column is as wide as the part of the year the plan
covers, so each year label stands where the PDF chart puts it."""

from __future__ import annotations

from datetime import date

import pytest

from schedgen.export.chart.ticks import axis_marks
from schedgen.export.page.html import _ticks
from schedgen.plans import timelines
from schedgen.view import Axis, chart

from .conftest import SCHEDULES


@pytest.mark.parametrize("schedule", ["baicheng-2021.yaml", "shuozhou-2022.yaml"])
def test_each_year_label_of_the_page_stands_where_the_chart_puts_it(schedule: str) -> None:
    (timeline,) = timelines([SCHEDULES / schedule])
    axis = chart(timeline, date(2024, 6, 1)).axis
    # every whole year of the plan (a partial first or last year is labelled inside the part shown)
    printed = {
        text: axis.left(day)
        for day, text in axis_marks(axis, axis.start, axis.end).labels
        if axis.start <= date(day.year, 1, 1) and date(day.year, 12, 31) <= axis.end
    }
    shown = {tick.label: tick for tick in _ticks(axis)}
    assert len(printed) >= 3 and set(printed) <= set(shown)
    for label, at in printed.items():
        tick = shown[label]
        assert tick.width is not None  # a year's label is centred over its column, as the chart's is
        assert abs(tick.left + tick.width / 2 - at) <= 100 / axis.days, (label, tick, at)


def test_a_tick_names_the_month_it_stands_in() -> None:
    # a quarter scale from 15 November: the first tick stands on 15 November and says so, not 10月
    axis = Axis(date(2022, 11, 15), date(2025, 6, 30))
    first = axis.ticks()[0]
    assert (first.day, first.label) == (date(2022, 11, 15), "2022年\n11月")
    assert all(tick.label.rstrip("月").split("\n")[-1] == str(tick.day.month) for tick in axis.ticks())


def test_a_long_plans_year_columns_are_the_printed_charts() -> None:
    # fifteen years take a tick every two years: the page's columns begin where the chart's grid lines are
    axis = Axis(date(2021, 11, 15), date(2035, 12, 31))
    assert axis.years_per_tick == 2
    grid = set(axis_marks(axis, axis.start, axis.end).grid)
    ticks = axis.ticks()
    assert ticks[0].day == axis.start and ticks[0].label == "2021年"
    assert [t.day for t in ticks[1:]] == sorted(grid), (ticks, grid)
    assert all(t.label == f"{t.day.year}年" for t in ticks)
