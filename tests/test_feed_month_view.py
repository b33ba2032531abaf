"""Calendars that show deadlines: a unit's feed stays readable in a month view.

A span of months is its start and its end, not an all-day event on every day it covers, and a day on
which a unit has more deadlines than a month view shows is one event that lists them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import icalendar
import recurring_ical_events

from .conftest import run

Write = Callable[..., Path]


def _events(feed: Path) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(feed.read_bytes()).walk("VEVENT"))


def _plan_events(path: Path, tmp_path: Path) -> dict[str, icalendar.Event]:
    """The events of the feed `build` writes for the plan at `path`, by UID."""
    site = tmp_path / "site"
    assert run("build", str(path), "-o", str(site), "--only", "ics").exit_code == 0
    return {str(e["UID"]): e for e in _events(site / "plan" / "plan.ics")}


def _busiest_day(feed: Path) -> tuple[int, date | None]:
    """The most events any day of 2020–2036 shows in a month view, read by recurring-ical-events."""
    calendar = icalendar.Calendar.from_ical(feed.read_bytes())
    per_day: Counter[date] = Counter()
    for event in recurring_ical_events.of(calendar).between(date(2020, 1, 1), date(2036, 1, 1)):
        first, end = event.decoded("DTSTART"), event.decoded("DTEND")
        for n in range((end - first).days):
            per_day[first + timedelta(days=n)] += 1
    return max(((count, day) for day, count in per_day.items()), default=(0, None))


def test_no_seed_units_feed_shows_more_than_five_events_on_a_day(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert run("build", "-o", str(site), "--only", "ics").exit_code == 0
    feeds = sorted(site.glob("*/units/*.ics")) + sorted(site.glob("orgs/*/units/*.ics"))
    assert len(feeds) > 50
    for feed in feeds:
        count, day = _busiest_day(feed)
        assert count <= 5, (feed.relative_to(site), day, count)


def test_a_crowded_day_is_one_event_that_lists_every_deadline(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert run("build", "schedules/haidong-2024.yaml", "-o", str(site), "--only", "ics").exit_code == 0
    feed = site / "haidong-2024" / "units" / "ge-xian-qu-ren-min-zheng-fu.ics"
    year_end = [e for e in _events(feed) if e.decoded("DTSTART") == date(2024, 12, 31)]
    assert len(year_end) == 1
    (crowded,) = year_end
    assert str(crowded["SUMMARY"]).startswith("【截止】")
    description = str(crowded["DESCRIPTION"])
    # every task of the county governments due that day is named in it, and its alarms still ring
    plan = (site / "haidong-2024" / "haidong-2024.ics").read_bytes()
    own = [
        e
        for e in icalendar.Calendar.from_ical(plan).walk("VEVENT")
        if e.decoded("DTSTART") == date(2024, 12, 31) and "各县区人民政府" in str(e["DESCRIPTION"])
    ]
    assert len(own) > 5
    for event in own:
        assert str(event["SUMMARY"]).removeprefix("【截止】") in description
    assert crowded.walk("VALARM")


def test_a_span_of_months_is_its_start_and_its_end(write_schedule: Write, tmp_path: Path) -> None:
    path = write_schedule(
        "title: 测试计划\nyear: 2024\ntasks:\n"
        "  - {id: spring, when: 3月1日至6月30日, task: 春季造林, units: 市林业局}\n"
        "  - {id: holiday, when: 国庆期间, task: 值班值守, units: 市林业局}\n"
    )
    events = _plan_events(path, tmp_path)
    start = events["plan-spring-start@schedgen"]
    assert str(start["SUMMARY"]).startswith("【开始】")
    assert (start.decoded("DTSTART"), start.decoded("DTEND")) == (date(2024, 3, 1), date(2024, 3, 2))
    assert events["plan-spring-due@schedgen"].decoded("DTSTART") == date(2024, 6, 30)
    assert "plan-spring-span@schedgen" not in events
    # a week stays a week: it fits a month view and shows the days it takes
    week = events["plan-holiday-span@schedgen"]
    assert (week.decoded("DTSTART"), week.decoded("DTEND")) == (date(2024, 10, 1), date(2024, 10, 8))


def test_a_schedule_can_ask_for_every_day_of_its_spans(write_schedule: Write, tmp_path: Path) -> None:
    path = write_schedule(
        "title: 测试计划\nyear: 2024\ncalendar_spans: days\ntasks:\n"
        "  - {id: spring, when: 3月1日至6月30日, task: 春季造林, units: 市林业局}\n"
    )
    events = _plan_events(path, tmp_path)
    span = events["plan-spring-span@schedgen"]
    assert (span.decoded("DTSTART"), span.decoded("DTEND")) == (date(2024, 3, 1), date(2024, 7, 1))
    assert "plan-spring-start@schedgen" not in events


def test_a_units_feed_across_its_orgs_plans_shows_a_crowded_day_as_one_event(
    write_schedule: Write, tmp_path: Path
) -> None:
    # four deadlines on 30 June in each of two plans: each plan's feed shows four, the org's feed eight
    paths = [
        write_schedule(
            f"title: 安丘市计划{n}\nyear: 2024\norg: 安丘市\ntasks:\n"
            + "".join(f"  - {{id: {n}{i}, when: 6月30日前, task: 任务{n}{i}, units: 市财政局}}\n" for i in range(4)),
            f"{n}.yaml",
        )
        for n in "ab"
    ]
    site, state = tmp_path / "site", tmp_path / "state"
    assert run("build", *map(str, paths), "-o", str(site), "--only", "ics", "--state", str(state)).exit_code == 0
    feed = site / "orgs" / "an-qiu-shi" / "units" / "shi-cai-zheng-ju.ics"
    assert _busiest_day(feed) == (1, date(2024, 6, 30))
    (crowded,) = _events(feed)
    assert str(crowded["SUMMARY"]).startswith("【截止】8 项任务")
    assert all(f"任务{n}{i}" in str(crowded["DESCRIPTION"]) for n in "ab" for i in range(4))
    assert crowded.walk("VALARM")
    # each plan's own feed of the unit still shows its four
    assert _busiest_day(site / "a" / "units" / "shi-cai-zheng-ju.ics") == (4, date(2024, 6, 30))
    # a new build of unchanged plans, with their ledger, gives the same bytes, stamps and all
    again = tmp_path / "again"
    assert run("build", *map(str, paths), "-o", str(again), "--only", "ics", "--state", str(state)).exit_code == 0
    assert (again / feed.relative_to(site)).read_bytes() == feed.read_bytes()


def test_a_crowded_days_alarm_counts_only_the_deadlines_still_open(write_schedule: Write, tmp_path: Path) -> None:
    path = write_schedule(
        "title: 测试计划\nyear: 2024\ntasks:\n"
        + "".join(
            f"  - {{id: t{i}, when: 6月30日前, task: 任务{i}, units: 市财政局{', status: done' if i < 4 else ''}}}\n"
            for i in range(6)
        )
    )
    site = tmp_path / "site"
    assert run("build", str(path), "-o", str(site), "--only", "ics").exit_code == 0
    (crowded,) = _events(site / "plan" / "units" / "shi-cai-zheng-ju.ics")
    assert "6 项任务" in str(crowded["SUMMARY"])
    assert {str(alarm["DESCRIPTION"]) for alarm in crowded.walk("VALARM")} == {"【截止】2 项任务未完成"}


def test_a_crowded_day_keeps_each_tasks_whole_text_and_notes(write_schedule: Write, tmp_path: Path) -> None:
    # the one event of a crowded day listed each task's title cut to 48 characters and nothing else: in the
    # unit's feed, the only one its subscribers read, a long task's words and every task's notes were gone
    long = "组织开展" + "农村人居环境整治" * 10 + "末尾的话"
    path = write_schedule(
        "title: 测试计划\nyear: 2024\nstages:\n  - name: 第一阶段\n    tasks:\n"
        + "".join(
            f"      - {{id: t{i}, when: 6月30日前, task: {long if i == 0 else f'任务{i}'}, units: 市财政局,"
            f" notes: 备注{i}号}}\n"
            for i in range(6)
        )
    )
    site = tmp_path / "site"
    assert run("build", str(path), "-o", str(site), "--only", "ics").exit_code == 0
    (crowded,) = _events(site / "plan" / "units" / "shi-cai-zheng-ju.ics")
    description = str(crowded["DESCRIPTION"])
    assert long in description
    assert all(f"备注{i}号" in description for i in range(6))
    assert "第一阶段" in description and "6月30日前" in description
