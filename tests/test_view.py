"""The one view every renderer reads: rows, marks, states and the axis, worked out once."""

from __future__ import annotations

from datetime import date

import pytest

from schedgen.load import loads
from schedgen.model import STATES, State, Timeline
from schedgen.resolve import resolve
from schedgen.view import (
    Axis,
    Scale,
    Shape,
    StageRow,
    TaskRow,
    chart,
    counts,
    dates_text,
    groups,
    milestones,
    summary,
)

PLAN = """\
title: 视图测试
year: 2024
issued: 2024-01-01
until: 2024-12-31
stages:
  - name: 准备阶段
    tasks:
      - {id: group, when: 2月20日前, task: 成立领导小组, lead: [农业局], units: 宣传部、农业局}
      - {id: build, when: 3月1日至10月31日, task: 建设农场, units: 农业局}
  - name: 总结阶段
    tasks:
      - {id: reports, when: 5月10日、9月10日前, task: 上报进展, units: 财政局, status: done}
      - {id: monthly, when: 每月5日前, task: 月报, units: 宣传部}
tasks:
  - {id: always, when: 长期坚持, task: 常态化宣传, units: 宣传部}
"""
AS_OF = date(2024, 3, 6)


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    return resolve(loads(PLAN))


def test_states_are_an_enum_in_the_order_outputs_sort_by() -> None:
    assert [s.value for s in State] == ["overdue", "due", "in_progress", "upcoming", "done", "cancelled"]
    assert [s.label for s in State] == ["逾期", "临近", "进行中", "未到期", "已完成", "已取消"]


def test_item_state_is_a_state(timeline: Timeline) -> None:
    group, build = timeline.items[:2]
    assert group.state(date(2024, 2, 20), AS_OF) is State.OVERDUE
    assert build.state(date(2024, 10, 31), AS_OF) is State.IN_PROGRESS
    assert build.state(date(2024, 10, 31), date(2024, 2, 1)) is State.UPCOMING
    assert build.state(date(2024, 10, 31), date(2024, 10, 20)) is State.DUE


def test_chart_rows_put_each_stage_before_its_tasks(timeline: Timeline) -> None:
    view = chart(timeline, AS_OF)
    kinds = [(type(r).__name__, r.label if isinstance(r, StageRow) else r.task.id) for r in view.rows]
    assert kinds == [
        ("StageRow", "准备阶段"),
        ("TaskRow", "group"),
        ("TaskRow", "build"),
        ("StageRow", "总结阶段"),
        ("TaskRow", "reports"),
        ("TaskRow", "monthly"),
        ("StageRow", "其他任务"),
        ("TaskRow", "always"),
    ]
    first = view.rows[0]
    assert isinstance(first, StageRow) and first.span == (date(2024, 2, 20), date(2024, 10, 31))
    group = view.tasks[0]
    assert group.units == ("农业局", "宣传部")  # the lead unit first
    assert [row.number for row in view.tasks] == [1, 2, 3, 4, 5]


def test_each_timing_gets_its_own_mark(timeline: Timeline) -> None:
    rows = {row.task.id: row for row in chart(timeline, AS_OF).tasks}
    assert [(m.shape, m.state) for m in rows["group"].marks] == [(Shape.DIAMOND, State.OVERDUE)]
    assert [(m.shape, m.first, m.last) for m in rows["build"].marks] == [
        (Shape.BAR, date(2024, 3, 1), date(2024, 10, 31))
    ]
    assert {m.shape for m in rows["monthly"].marks} == {Shape.TICK} and len(rows["monthly"].marks) == 12
    assert [(m.shape, m.state) for m in rows["always"].marks] == [(Shape.BAND, None)]
    assert rows["reports"].state is State.DONE
    assert rows["monthly"].state is State.OVERDUE  # the most pressing of its due days
    assert rows["always"].state is State.IN_PROGRESS  # no due day of its own


def test_a_units_chart_numbers_only_its_tasks(timeline: Timeline) -> None:
    view = chart(timeline, AS_OF, unit="宣传部")
    assert [(row.number, row.task.id) for row in view.tasks] == [(1, "group"), (2, "monthly"), (3, "always")]
    assert view.unit == "宣传部"


def test_dates_text_long_for_pages_brief_for_the_terminal(timeline: Timeline) -> None:
    _, build, reports, monthly, always = timeline.items
    assert dates_text(build) == "2024-03-01 至 2024-10-31"
    assert dates_text(build, brief=True) == "2024-03-01 – 2024-10-31"
    assert dates_text(always, brief=True) == "计划期内 2024-01-01 – 2024-12-31"
    assert dates_text(reports) == "2024-05-10、2024-09-10"
    assert dates_text(monthly, brief=True).endswith(" 等12次")
    assert dates_text(monthly).count("、") == 11


@pytest.mark.parametrize(
    ("days", "scale"),
    [(120, Scale.WEEK), (121, Scale.MONTH), (800, Scale.MONTH), (801, Scale.QUARTER), (1098, Scale.QUARTER)],
)
def test_one_set_of_thresholds_picks_the_scale(days: int, scale: Scale) -> None:
    start = date(2024, 1, 1)
    assert Axis(start, date.fromordinal(start.toordinal() + days - 1)).scale is scale


def test_year_ticks_keep_to_about_fourteen_labels() -> None:
    assert Axis(date(2021, 1, 1), date(2035, 12, 31)).scale is Scale.YEAR
    assert Axis(date(2022, 1, 1), date(2035, 12, 31)).years_per_tick == 1
    assert Axis(date(2021, 1, 1), date(2050, 12, 31)).years_per_tick == 3
    labels = [t.label for t in Axis(date(2021, 1, 1), date(2050, 12, 31)).ticks()]
    # every third year from a year the step divides, as the printed chart's grid: 2021 is a part column
    assert labels[:4] == ["2021年", "2022年", "2025年", "2028年"]


def test_ticks_name_the_year_on_the_first_tick_and_in_january() -> None:
    months = Axis(date(2023, 11, 15), date(2024, 6, 30)).ticks()
    assert [t.label for t in months][:4] == ["2023年\n11月", "12月", "2024年\n1月", "2月"]
    assert months[0].day == date(2023, 11, 15)  # the first month starts where the axis does
    weeks = Axis(date(2024, 3, 6), date(2024, 4, 6)).ticks()
    assert [t.label for t in weeks] == ["3/11", "3/18", "3/25", "4/1"]


def test_milestones_groups_and_counts_carry_states(timeline: Timeline) -> None:
    rows = milestones([timeline], AS_OF, 14)
    assert all(isinstance(r.state, State) for r in rows)
    assert [r.state for r in rows] == sorted((r.state for r in rows), key=STATES.index)
    assert counts(r.state for r in rows) == (
        (State.OVERDUE, 1),
        (State.IN_PROGRESS, 1),
        (State.UPCOMING, 1),
        (State.DONE, 2),
    )
    by_unit = groups(rows, "unit")
    assert by_unit[0][0] == "农业局"  # the units with the most overdue come first


def test_summary_counts_every_due_day_and_lists_the_next_open_ones(timeline: Timeline) -> None:
    glance = summary(timeline, AS_OF, 14)
    assert glance.counts == ((State.OVERDUE, 4), (State.IN_PROGRESS, 1), (State.UPCOMING, 9), (State.DONE, 2))
    assert [(due.isoformat(), task.id) for due, task in glance.upcoming] == [
        ("2024-04-05", "monthly"),
        ("2024-05-05", "monthly"),
        ("2024-06-05", "monthly"),
    ]


def test_task_rows_are_frozen(timeline: Timeline) -> None:
    row = chart(timeline, AS_OF).tasks[0]
    assert isinstance(row, TaskRow)
    with pytest.raises(AttributeError):
        row.number = 2  # type: ignore[misc]
