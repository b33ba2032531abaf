"""Reading is year-free, dating binds a year: `when.parse(text)` then `resolve.bind(expression, year, text)`."""

from __future__ import annotations

import dataclasses
import doctest
import json
from datetime import date

import pytest

from schedgen import resolve as resolve_module
from schedgen import when
from schedgen.calendar_cn import DayOffReason, WorkCalendar
from schedgen.errors import LoadError, WhenError
from schedgen.expression import At, Between, By, ByEach, DurationUnit, Lasting, MonthPart, Point, YearPart
from schedgen.load import load, loads
from schedgen.model import Dates, Deadline, Span, YearSource
from schedgen.resolve import bind, explain, resolve

from .conftest import SCHEDULES

# text, the expression it reads as: what the plan wrote, with no year filled in
EXPRESSIONS = [
    ("2月20日前", By(Point(month=2, day=20, chars=(0, 5), day_chars=(2, 4)))),
    ("年底前", By(Point(part=YearPart.END, chars=(0, 2)))),
    ("到2025年", By(Point(year=2025, part=YearPart.WHOLE, chars=(1, 6)))),
    ("三季度末", By(Point(part=YearPart.Q3_END, chars=(0, 4)))),
    ("10月中下旬", At(Point(month=10, part=MonthPart.MIDDLE_LATE, chars=(0, 6)))),
    ("“十四五”时期", At(Point(years=(2021, 2025), chars=(1, 7)))),
    (
        "12月1日至次年1月31日",
        Between(
            Point(month=12, day=1, chars=(0, 5), day_chars=(3, 4)),
            Point(relative_year=1, month=1, day=31, chars=(6, 13), day_chars=(10, 12)),
        ),
    ),
    ("即日起至6月30日", Between(None, Point(month=6, day=30, chars=(4, 9), day_chars=(6, 8)))),
    (
        "5月10日、20日",
        ByEach(
            (
                Point(month=5, day=10, chars=(0, 5), day_chars=(2, 4)),
                Point(month=5, day=20, chars=(6, 9), day_chars=(6, 8)),
            )
        ),
    ),
    ("自3月20日起100天", Lasting(Point(month=3, day=20, chars=(1, 6), day_chars=(3, 5)), 100, DurationUnit.DAY)),
]


@pytest.mark.parametrize(("text", "expression"), EXPRESSIONS)
def test_parse_reads_what_is_written_and_no_year(text: str, expression: object) -> None:
    assert when.parse(text) == expression


def test_one_expression_binds_to_any_year() -> None:
    expression = when.parse("2月底前")
    assert bind(expression, 2023, "2月底前") == Deadline(date(2023, 2, 28))
    assert bind(expression, 2024, "2月底前") == Deadline(date(2024, 2, 29))


def test_a_point_with_its_own_year_keeps_it() -> None:
    expression = when.parse("2023年12月1日至次年1月31日")
    assert bind(expression, 2030, "2023年12月1日至次年1月31日") == Span(date(2023, 12, 1), date(2024, 1, 31))


def test_a_leap_day_is_read_and_refused_only_for_a_year_without_it() -> None:
    expression = when.parse("2月29日前")
    assert bind(expression, 2024, "2月29日前") == Deadline(date(2024, 2, 29))
    with pytest.raises(WhenError) as caught:
        bind(expression, 2023, "2月29日前")
    assert caught.value.message == "day 29 is out of range for February 2023 (it has 28 days)"
    assert caught.value.offending == "29"


def test_binding_errors_point_at_the_characters_as_written() -> None:
    text = " 2 月 30 日前"  # spaces the grammar drops: the caret still lands on `30`
    with pytest.raises(WhenError) as caught:
        bind(when.parse(text), 2023, text)
    assert caught.value.offending == "30"


def test_errors_no_year_can_mend_are_raised_by_parse() -> None:
    with pytest.raises(WhenError, match="month 13 does not exist"):
        when.parse("13月1日")
    with pytest.raises(WhenError, match="a bare number needs a unit"):
        when.parse("2024")


def test_parse_is_cached_on_the_text_alone() -> None:
    assert when.parse("11月1日至12月25日前") is when.parse("11月1日至12月25日前")


def test_a_point_in_a_list_takes_what_it_leaves_out_from_the_one_before() -> None:
    # read one step back only, the third day fell in the whole year and the third date in the plan's year
    assert explain("5月10日、20日、25日", 2024)["dates"] == ["2024-05-10", "2024-05-20", "2024-05-25"]
    got = explain("2023年5月10日、9月10日、11月10日前", 2024)
    assert got["dates"] == ["2023-05-10", "2023-09-10", "2023-11-10"]


def test_rolling_a_plan_binds_its_expressions_again_without_reading_text(monkeypatch: pytest.MonkeyPatch) -> None:
    plan = load(SCHEDULES / "anqiu-eco-farm.yaml")
    assert all(task.expression == when.parse(task.when) for task in plan.all_tasks())

    def no_reading(text: str) -> None:
        raise AssertionError(f"read `{text}` again")

    monkeypatch.setattr(resolve_module.when, "parse", no_reading)
    item = next(i for i in resolve(plan, year=2024).items if i.task.id == "honours")
    assert (item.start, item.end) == (date(2024, 11, 1), date(2024, 12, 25))


def test_timeline_says_where_its_year_came_from() -> None:
    plan = loads("title: x\nyear: 2024\ntasks: [{id: r, when: 11月10日前, task: 报送}]\n")
    assert resolve(plan).year_source is YearSource.PLAN
    rolled = resolve(plan, year=2025)
    assert (rolled.year, rolled.year_source) == (2025, YearSource.GIVEN)


def test_explain_without_a_year_assumes_the_one_of_today_and_says_so() -> None:
    got = explain("2月20日前", None, today=date(2026, 11, 30))
    assert (got["year"], got["year_source"], got["end"]) == (2026, "assumed", "2026-02-20")
    given = explain("2月20日前", 2023)
    assert (given["year"], given["year_source"]) == (2023, "given")
    with pytest.raises(ValueError, match="needs a year"):
        explain("2月20日前", None)


def test_the_kind_of_a_timing_belongs_to_its_class() -> None:
    deadline = Deadline(date(2024, 2, 20))
    assert deadline.kind == Deadline.kind == "deadline"
    assert "kind" not in {f.name for f in dataclasses.fields(deadline)}


def test_a_day_off_says_why_in_a_word_and_in_chinese() -> None:
    national_day = WorkCalendar().day_off(date(2023, 10, 1))
    sunday = WorkCalendar().day_off(date(2024, 11, 10))
    assert national_day is not None and national_day.reason is DayOffReason.HOLIDAY
    assert sunday is not None and (sunday.reason, sunday.reason.label) == (DayOffReason.WEEKEND, "周末")
    plan = loads("title: x\nyear: 2024\ntasks: [{id: r, when: 11月10日前, task: 报送}]\n")
    finding = resolve(plan).items[0].findings[0]
    assert json.dumps(finding.code) == '"weekend"'


def test_a_moved_deadline_names_the_kind_of_day_off() -> None:
    plan = loads(
        "title: x\nyear: 2024\ndue_on_holiday: previous-workday\ntasks: [{id: r, when: 11月10日前, task: 报送}]\n"
    )
    finding = resolve(plan).items[0].findings[0]
    assert finding.message == "截止日 2024-11-10 是星期日（周末），提前到工作日 2024-11-08"


@pytest.mark.parametrize("module", [when, resolve_module])
def test_doctests_hold(module: object) -> None:
    failed, tried = doctest.testmod(module)  # type: ignore[arg-type]
    assert tried and not failed


def test_the_loader_reports_an_error_of_the_plans_year_at_its_place_in_the_file() -> None:
    with pytest.raises(LoadError) as caught:
        loads("title: x\nyear: 2023\ntasks:\n  - {id: a, when: 2月29日前, task: 甲}\n", "plan.yaml")
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.render().splitlines()[0] == (
        "plan.yaml:4:21: error: `29`: day 29 is out of range for February 2023 (it has 28 days)"
    )
    assert loads("title: x\nyear: 2024\ntasks:\n  - {id: a, when: 2月29日前, task: 甲}\n").year == 2024


def test_a_phased_cell_keeps_the_words_of_each_deadline() -> None:
    timing = resolve_module.dated("2024年6月底前完成，12月底前见效", 2024)
    assert timing == Dates((date(2024, 6, 30), date(2024, 12, 31)), ("完成", "见效"))
    plain = resolve_module.dated("5月10日、9月10日前", 2024)
    assert plain == Dates((date(2024, 5, 10), date(2024, 9, 10)))


def test_scan_finds_each_time_in_a_text_with_its_characters() -> None:
    text = "各地于5月20日至6月30日开展自查，每季度结束后10日内报送进展，2024年底前完成验收。"
    found = [(text[m.start : m.end], type(m.expression).__name__) for m in when.scan(text)]
    assert found == [("5月20日至6月30日", "Between"), ("每季度结束后10日内", "Every"), ("2024年底前", "By")]
