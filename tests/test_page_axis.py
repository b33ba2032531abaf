"""The page's time axis is the printed chart's: a year column is as wide as the part of the year the plan
covers, so each year label stands where the PDF chart puts it."""

from __future__ import annotations

from datetime import date

import pytest

from schedgen.export.html import _ticks
from schedgen.export.ticks import axis_marks
from schedgen.plans import timelines
from schedgen.view import chart

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
