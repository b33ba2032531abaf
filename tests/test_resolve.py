"""Dating the seed plans: windows, recurring duties, working-day findings, rolling the year."""

from __future__ import annotations

from datetime import date, time

import pytest

from schedgen.calendar_cn import WorkCalendar
from schedgen.errors import LoadError
from schedgen.expression import Every
from schedgen.load import load, loads
from schedgen.resolve import resolve

from .conftest import HAIDONG_MONTHLY, SCHEDULES, run


def dues(timeline, task_id):  # type: ignore[no-untyped-def]
    item = next(i for i in timeline.items if i.task.id == task_id)
    return [o.due.isoformat() for o in item.occurrences]


def test_haidong_duties_inside_the_plan_window() -> None:
    timeline = resolve(load(SCHEDULES / "haidong-2024.yaml"))
    assert (timeline.window.start, timeline.window.end) == (date(2024, 4, 9), date(2024, 12, 31))
    assert dues(timeline, "progress-reports") == ["2024-05-10", "2024-09-10", "2024-11-10"]
    # issued 9 April: no report for January to March
    assert dues(timeline, "monthly-report") == HAIDONG_MONTHLY
    assert dues(timeline, "quarterly-inspection") == ["2024-06-30", "2024-09-30", "2024-12-31"]
    assert dues(timeline, "half-year-summary") == ["2024-06-30", "2024-12-31"]
    assert dues(timeline, "farmland-backlog") == ["2024-06-30"]
    assert dues(timeline, "training-records") == ["2024-12-31"]


def test_sunday_report_deadline_is_a_finding() -> None:
    timeline = resolve(load(SCHEDULES / "haidong-2024.yaml"))
    found = {(item.task.id, f.day.isoformat() if f.day else "", f.message) for item, f in timeline.findings}
    assert ("progress-reports", "2024-11-10", "截止日 2024-11-10 是星期日") in found
    assert ("monthly-report", "2024-08-31", "截止日 2024-08-31 是星期六") in found


def test_anqiu_holidays_found() -> None:
    timeline = resolve(load(SCHEDULES / "anqiu-eco-farm.yaml"))
    found = {(item.task.id, f.code, f.message) for item, f in timeline.findings}
    assert ("service-association", "holiday", "截止日 2023-04-30 是劳动节") in found
    assert ("summary", "holiday", "截止日 2023-12-31 是元旦") in found
    assert ("first-batch-plans", "weekend", "截止日 2023-03-05 是星期日") in found


def test_national_day_and_tiaoxiu() -> None:
    calendar = WorkCalendar()
    assert calendar.day_off(date(2023, 10, 1)).name == "国庆节"  # type: ignore[union-attr]
    # 2023-10-07 is a Saturday made a working day (调休)
    assert calendar.day_off(date(2023, 10, 7)) is None


def test_move_to_previous_working_day() -> None:
    plan = loads(
        "title: x\nyear: 2024\ndue_on_holiday: previous-workday\ntasks: [{id: r, when: 11月10日前, task: 报送}]\n"
    )
    item = resolve(plan).items[0]
    assert item.occurrences[0].due == date(2024, 11, 8) and item.occurrences[0].planned == date(2024, 11, 10)
    assert item.findings[0].code == "moved"


def test_year_beyond_holiday_tables_falls_back_to_weekends_and_says_so() -> None:
    plan = loads(
        "title: x\nyear: 2031\ntasks: [{id: r, when: 10月1日前, task: 报送}, {id: s, when: 10月4日前, task: 报}]\n"
    )
    timeline = resolve(plan)
    assert timeline.calendar_note and "2031" in timeline.calendar_note and "只按周末判断" in timeline.calendar_note
    codes = {i.task.id: [f.code for f in i.findings] for i in timeline.items}
    assert codes == {"r": [], "s": ["weekend"]}  # 2031-10-01 is a Wednesday; 10-04 a Saturday


def test_rolling_to_another_year() -> None:
    timeline = resolve(load(SCHEDULES / "anqiu-eco-farm.yaml"), year=2024)
    item = next(i for i in timeline.items if i.task.id == "honours")
    assert (item.start, item.end) == (date(2024, 11, 1), date(2024, 12, 25))
    assert timeline.window.end == date(2024, 12, 31)


def test_deadline_outside_the_window() -> None:
    plan = loads(
        "title: x\nyear: 2024\nissued: 2024-04-09\ntasks: [{id: a, when: 3月1日前, task: 甲}, "
        "{id: b, when: 到2025年, task: 乙}]\n"
    )
    codes = [[f.code for f in i.findings] for i in resolve(plan).items]
    assert codes[0] == ["outside-window"] and "outside-window" in codes[1]


def test_span_from_issue_that_ends_before_it() -> None:
    plan = loads("title: x\nyear: 2024\nissued: 2024-04-09\ntasks: [{id: a, when: 即日起至3月31日, task: 甲}]\n")
    item = resolve(plan).items[0]
    assert "ends-before-start" in [f.code for f in item.findings]


def _plan(when: str, extra: str = "") -> str:
    return f"title: 示例\nyear: 2024\n{extra}tasks:\n  - {{id: t, when: '{when}', task: 报送进展}}\n"


def test_a_named_period_is_defined_in_the_schedule_and_usable_in_any_when() -> None:
    periods = "periods: {汛期: 6月1日至9月30日}\n"
    before = resolve(loads(_plan("汛期前", periods))).items[0]
    during = resolve(loads(_plan("汛期内", periods))).items[0]
    assert before.end == date(2024, 5, 31)
    assert (during.start, during.end) == (date(2024, 6, 1), date(2024, 9, 30))


def test_an_undefined_period_says_how_to_define_it_at_its_place() -> None:
    with pytest.raises(LoadError) as caught:
        loads(_plan("汛期前"))
    (problem,) = caught.value.diagnostics
    assert "add periods: {汛期: 6月1日至9月30日} to the schedule" in problem.message
    assert problem.position is not None and problem.position.line == 4


def test_a_duration_counts_from_issued_its_first_day_included() -> None:
    item = resolve(loads(_plan("三年内", "issued: 2024-03-01\n"))).items[0]
    assert (item.timing.kind, item.end) == ("deadline", date(2027, 2, 28))
    rolled = resolve(loads(_plan("印发之日起30日内", "issued: 2024-03-01\n")), year=2025).items[0]
    assert rolled.end == date(2025, 3, 30)
    half = resolve(loads(_plan("半年内", "issued: 2024-03-01\n"))).items[0]
    assert half.end == date(2024, 8, 31)


def test_a_duration_without_issued_asks_for_it() -> None:
    with pytest.raises(LoadError) as caught:
        loads(_plan("用3年时间"))
    assert "add `issued: 2024-03-01`" in caught.value.diagnostics[0].message


def test_a_recurring_duty_keeps_its_clock_time() -> None:
    item = resolve(loads(_plan("每月10日零时"))).items[0]
    assert isinstance(item.timing, Every) and item.timing.at == time(0, 0)
    assert [o.due for o in item.occurrences][:2] == [date(2024, 1, 10), date(2024, 2, 10)]


def test_a_recurring_duty_with_a_start_falls_due_from_it_and_rolls_with_the_plan() -> None:
    item = resolve(loads(_plan("自2024年7月起，每季度末"))).items[0]
    assert (item.start, [o.due for o in item.occurrences]) == (
        date(2024, 7, 1),
        [date(2024, 9, 30), date(2024, 12, 31)],
    )
    rolled = resolve(loads(_plan("从10月起每月20日前")), year=2025).items[0]
    assert [o.due for o in rolled.occurrences] == [date(2025, 10, 20), date(2025, 11, 20), date(2025, 12, 20)]


def test_a_recurring_duty_that_starts_after_the_plan_ends_says_so() -> None:
    item = resolve(loads(_plan("从11月起，每月5日前", "until: 2024-06-30\n"))).items[0]
    assert item.occurrences == () and "outside-window" in [f.code for f in item.findings]


def test_a_holiday_beyond_the_table_is_dated_and_the_timeline_says_the_table_lacks_it() -> None:
    timeline = resolve(loads(_plan("2030年春节前")))
    assert timeline.items[0].end == date(2030, 2, 1)
    assert timeline.calendar_note is not None and "2030" in timeline.calendar_note


def test_the_when_command_shows_the_characters_it_read() -> None:
    result = run("when", "力争2025年底前实现", "--year", "2024")
    assert result.exit_code == 0
    assert "读取: 2025年底前" in result.output and "2025-12-31" in result.output


def _notice(when: str, extra: str = "issued: 2019-01-15\n") -> str:
    """A notice dated January 2019 with one task."""
    return f"title: 通知\nyear: 2019\n{extra}tasks:\n  - {{id: t, when: '{when}', task: 报送进展}}\n"


@pytest.mark.parametrize(
    ("when", "word", "kind", "start", "end"),
    [
        ("今年", "今年", "span", date(2019, 1, 1), date(2019, 12, 31)),
        ("今年6月底前", "今年", "deadline", None, date(2019, 6, 30)),
        ("本月内", "本月", "span", date(2019, 1, 1), date(2019, 1, 31)),
        ("当月下旬", "当月", "span", date(2019, 1, 21), date(2019, 1, 31)),
        ("本月底前", "本月", "deadline", None, date(2019, 1, 31)),
        ("本月25日前", "本月", "deadline", None, date(2019, 1, 25)),
    ],
)
def test_relative_words_read_against_the_issue_date_and_say_so(
    when: str, word: str, kind: str, start: date | None, end: date
) -> None:
    item = resolve(loads(_notice(when))).items[0]
    assert (item.timing.kind, item.start, item.end) == (kind, start, end)
    assert [f.message for f in item.findings if f.code == "anchor"] == [f"“{when}”中的{word}按印发日期 2019-01-15 读取"]


def test_relative_words_roll_with_the_plan_and_without_an_issue_date_take_the_plan_year() -> None:
    rolled = resolve(loads(_notice("当月下旬")), year=2020).items[0]
    assert (rolled.start, rolled.end) == (date(2020, 1, 21), date(2020, 1, 31))
    plain = resolve(loads(_notice("今年", extra=""))).items[0]
    assert (plain.start, plain.end) == (date(2019, 1, 1), date(2019, 12, 31))
    assert [f.message for f in plain.findings] == ["“今年”中的今年按计划年份 2019 年读取（计划没有写印发日期 issued）"]


def test_this_month_without_an_issue_date_asks_for_it() -> None:
    with pytest.raises(LoadError) as caught:
        loads(_notice("本月内", extra=""))
    assert "add `issued: 2024-03-01`" in caught.value.diagnostics[0].message


def test_check_prints_which_day_a_relative_word_was_read_against(tmp_path) -> None:  # type: ignore[no-untyped-def]
    plan = tmp_path / "notice.yaml"
    plan.write_text(_notice("当月下旬"), encoding="utf-8")
    result = run("check", str(plan))
    assert result.exit_code == 0, result.stderr
    assert "2019-01-21 – 2019-01-31" in result.output
    assert "“当月下旬”中的当月按印发日期 2019-01-15 读取" in result.output


@pytest.mark.parametrize("status", ["todo", "in_progress", "cancelled"])
def test_a_done_day_under_another_status_is_a_finding(status: str) -> None:
    # `status: todo` with `done: 2024-02-01`: the day was read and dropped, the task shown overdue, and check said
    # nothing of the day the plan gives
    plan = loads(
        "title: 测试\nyear: 2024\ntasks:\n"
        f"  - {{id: a, when: 3月1日前, task: 甲, status: {status}, done: 2024-02-01}}\n"
        "  - {id: b, when: 长期坚持, task: 乙, status: todo, done: 2024-02-01}\n"
        "  - {id: c, when: 3月1日前, task: 丙, done: 2024-02-01}\n"
    )
    found = {item.task.id: [f for f in item.findings if f.code == "done-status"] for item in resolve(plan).items}
    assert found["a"] and "2024-02-01" in found["a"][0].message and found["b"]
    assert not found["c"]  # a done day alone means done


def test_a_day_written_twice_in_a_list_is_one_due_day_and_a_finding() -> None:
    # `5月10日、5月10日前` gave two occurrences of one key: the feed held two events with one UID, which RFC 5545
    # forbids and calendars resolve by keeping either, and check said nothing
    plan = loads(
        "title: 测试\nyear: 2024\ntasks:\n  - {id: a, when: 5月10日、2024年5月10日、9月10日前, task: 甲, units: 市财政局}\n"
    )
    (item,) = resolve(plan).items
    assert [o.key for o in item.occurrences] == ["2024-05-10", "2024-09-10"]
    assert any(f.code == "same-day" and "2024-05-10" in f.message for f in item.findings)


def test_a_day_written_twice_in_a_recurring_duty_is_one_due_day_and_a_finding() -> None:
    plan = loads("title: 测试\nyear: 2024\ntasks:\n  - {id: a, when: 每月10日、10日前, task: 甲, units: 市财政局}\n")
    (item,) = resolve(plan).items
    assert [o.key for o in item.occurrences] == [f"2024-{m:02}-10" for m in range(1, 13)]
    assert any(f.code == "same-day" and "等 12 天" in f.message for f in item.findings)


def test_when_shows_a_day_written_twice_once() -> None:
    # `schedgen when 5月10日、5月10日前` printed 截止日: 2024-05-10、2024-05-10, two due days where a plan has one
    from schedgen.resolve import explain

    assert explain("5月10日、5月10日、9月10日前", 2024)["dates"] == ["2024-05-10", "2024-09-10"]
    assert len(explain("每月10日、10日前", 2024)["dates"]) == 12
