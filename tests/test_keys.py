"""What a cached reading and a reused output are keyed by: each ingredient, left out, would serve stale dates.

Every test reads or builds twice, changing one ingredient in between, and checks what the user sees
(dates, findings, feed stamps) against a reading or build that starts from nothing.
"""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from schedgen import calendar_cn, plans
from schedgen import resolve as resolving
from schedgen.calendar_cn import DayOff, DayOffReason
from schedgen.commands.build import build

from .conftest import run

PLAN = """title: 甲计划
year: 2024
org: 海东市
tasks:
  - id: a
    when: {when}
    task: 甲任务
    units: 市财政局
  - id: b
    when: 5月10日前
    task: 乙任务
    units: 市农业农村局
"""


@pytest.fixture
def cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache of its own, used for a plan of any size."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("SCHEDGEN_NO_CACHE", raising=False)
    monkeypatch.setattr(plans, "CACHE_FROM_BYTES", 0)
    return tmp_path / "cache" / "schedgen"


def due(path: Path, *args: str) -> list[str]:
    """The due day of each milestone, as `report --format json --all` gives it."""
    result = run("report", str(path), "--as-of", "2024-01-02", "--format", "json", "--all", *args)
    assert result.exit_code == 0, result.output
    return [item["due"] for item in json.loads(result.output)["items"]]


def test_a_cached_reading_is_used_and_an_edited_file_is_read_again(cached: Path, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN.format(when="3月1日前"), encoding="utf-8")
    assert due(plan) == ["2024-03-01", "2024-05-10"]
    assert len(list(cached.rglob("*.pickle"))) == 1
    plan.write_text(PLAN.format(when="3月4日前"), encoding="utf-8")
    assert due(plan) == ["2024-03-04", "2024-05-10"]


def test_a_plan_rolled_to_another_year_is_dated_for_that_year(cached: Path, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN.format(when="3月1日前"), encoding="utf-8")
    assert due(plan) == ["2024-03-01", "2024-05-10"]
    assert due(plan, "--year", "2025") == ["2025-03-01", "2025-05-10"]
    assert due(plan) == ["2024-03-01", "2024-05-10"]
    site = tmp_path / "site"
    for year in ("2024", "2025"):
        assert run("build", str(plan), "-o", str(site), "--only", "json", "--year", year).exit_code == 0
    items = json.loads((site / "plan" / "milestones.json").read_text(encoding="utf-8"))["items"]
    assert [item["due"] for item in items] == ["2025-03-01", "2025-05-10"]


def test_a_reading_without_holidays_is_kept_apart(cached: Path, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN.format(when="2024年10月1日"), encoding="utf-8")  # National Day, a Tuesday
    assert "国庆节" in run("check", str(plan)).output
    without = run("check", str(plan), "--no-holidays").output
    assert "国庆节" not in without and "只按周末判断" in without


def test_a_new_holiday_table_dates_every_plan_anew(
    cached: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = tmp_path / "lib" / "fake_holidays"
    table.mkdir(parents=True)
    (table / "__init__.py").write_text("holidays = {}\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "lib"))
    monkeypatch.setattr(plans, "_HOLIDAY_TABLES", ("fake_holidays",))
    plans._calendar_digest.cache_clear()
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN.format(when="2024年3月1日"), encoding="utf-8")  # a Friday
    assert "2024-03-01 是" not in run("check", str(plan)).output

    # next November's upgrade: the table's files change, and with them what a day is
    (table / "__init__.py").write_text("holidays = {'2024-03-01': 'Labour Day'}\n", encoding="utf-8")
    plans._calendar_digest.cache_clear()
    real = calendar_cn._day_off

    def upgraded(day: date, holidays: bool) -> DayOff | None:
        return DayOff(day, DayOffReason.HOLIDAY, "劳动节") if day == date(2024, 3, 1) else real(day, holidays)

    monkeypatch.setattr(calendar_cn, "_day_off", upgraded)
    assert "2024-03-01 是劳动节" in run("check", str(plan)).output
    plans._calendar_digest.cache_clear()


def test_new_code_reads_every_plan_anew(cached: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN.format(when="3月1日前"), encoding="utf-8")
    assert due(plan) == ["2024-03-01", "2024-05-10"]
    # a resolver that rolls every plan a year on, as a new release might date something differently
    real = resolving.resolve
    monkeypatch.setattr(resolving, "resolve", lambda schedule, **kw: real(schedule, year=schedule.year + 1))
    assert due(plan) == ["2024-03-01", "2024-05-10"]  # the same code, as far as the key knows: the cache
    (tmp_path / "package").mkdir()
    (tmp_path / "package" / "resolve.py").write_text("# the new release\n", encoding="utf-8")
    monkeypatch.setattr(plans, "__file__", str(tmp_path / "package" / "plans.py"))
    plans._code_digest.cache_clear()
    assert due(plan) == ["2025-03-01", "2025-05-10"]
    plans._code_digest.cache_clear()


NOW = datetime(2024, 1, 2, 8, 0, tzinfo=timezone.utc)
LATER = datetime(2024, 2, 3, 9, 30, tzinfo=timezone.utc)
LAST = datetime(2024, 3, 4, 10, 15, tzinfo=timezone.utc)


def feeds_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.suffix == ".ics"} | {
        "units.json": (folder / "units.json").read_bytes()
    }


def test_a_feed_is_reused_only_with_the_ledger_it_was_stamped_from(tmp_path: Path) -> None:
    schedules, state, backup = tmp_path / "schedules", tmp_path / "state", tmp_path / "backup"
    schedules.mkdir()
    (schedules / "one.yaml").write_text(PLAN.format(when="3月1日前"), encoding="utf-8")
    site, as_of, only = tmp_path / "site", date(2024, 1, 2), ("ics",)
    build([schedules], site, now=NOW, as_of=as_of, only=only, state=state)
    shutil.copytree(state, backup)
    (schedules / "one.yaml").write_text(PLAN.format(when="3月8日前"), encoding="utf-8")
    build([schedules], site, now=LATER, as_of=as_of, only=only, state=state)

    # the ledger is put back from before the edit: the edited event is new to it, stamped now
    shutil.rmtree(state)
    shutil.copytree(backup, state)
    again = build([schedules], site, now=LAST, as_of=as_of, only=only, state=state)
    fresh = build([schedules], tmp_path / "fresh", now=LAST, as_of=as_of, only=only, state=backup)
    assert again.reused == 1 and fresh.reused == 0  # no feed: only the unit index, whose units are the same
    assert feeds_of(site) == feeds_of(tmp_path / "fresh")
    assert "LAST-MODIFIED:20240304T101500Z" in (site / "one" / "one.ics").read_text(encoding="utf-8")


def test_after_an_edit_every_feed_is_what_a_full_render_gives(tmp_path: Path) -> None:
    schedules = tmp_path / "schedules"
    schedules.mkdir()
    (schedules / "one.yaml").write_text(PLAN.format(when="3月1日前"), encoding="utf-8")
    (schedules / "two.yaml").write_text(PLAN.format(when="4月1日前").replace("甲计划", "乙计划"), encoding="utf-8")
    site, as_of, only = tmp_path / "site", date(2024, 1, 2), ("ics",)
    build([schedules], site, now=NOW, as_of=as_of, only=only)
    ledger = tmp_path / "ledger"
    shutil.copytree(site / ".schedgen" / "feed-state", ledger)

    (schedules / "one.yaml").write_text(PLAN.format(when="3月8日前"), encoding="utf-8")
    edited = build([schedules], site, now=LATER, as_of=as_of, only=only)
    full = build([schedules], tmp_path / "full", now=LATER, as_of=as_of, only=only, state=ledger)
    # the second plan's feed and its two units' feeds, and the unit index: the edit changed no plan's units
    assert edited.reused == 4 and full.reused == 0
    published = feeds_of(site)
    assert published == feeds_of(tmp_path / "full")
    assert b"DTSTART;VALUE=DATE:20240308" in published["all.ics"]
    assert b"DTSTART;VALUE=DATE:20240308" in published["orgs/hai-dong-shi/units/shi-cai-zheng-ju.ics"]


def test_a_new_as_of_day_judges_every_page_and_milestone_anew(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN.format(when="3月1日前"), encoding="utf-8")
    site = tmp_path / "site"
    for day in ("2024-01-02", "2024-04-01"):
        assert run("build", str(plan), "-o", str(site), "--only", "html,json", "--as-of", day).exit_code == 0
    states = {i["id"]: i["state"] for i in json.loads((site / "plan" / "milestones.json").read_text("utf-8"))["items"]}
    assert states == {"a": "overdue", "b": "upcoming"}
    assert "2024-04-01" in (site / "plan" / "index.html").read_text(encoding="utf-8")


def test_a_slug_named_in_another_plan_renames_this_plans_feed_and_link(tmp_path: Path) -> None:
    one, two = tmp_path / "one.yaml", tmp_path / "two.yaml"
    one.write_text(PLAN.format(when="3月1日前"), encoding="utf-8")
    registry = "units:\n  市财政局: {{slug: {slug}}}\n"
    two.write_text(PLAN.format(when="4月1日前") + registry.format(slug="czj"), encoding="utf-8")
    site, fresh = tmp_path / "site", tmp_path / "fresh"
    build_args = ["--only", "html,ics", "--as-of", "2024-01-02"]
    assert run("build", str(one), str(two), "-o", str(site), *build_args).exit_code == 0
    assert (site / "one" / "units" / "czj.ics").is_file()

    two.write_text(PLAN.format(when="4月1日前") + registry.format(slug="cai-zheng"), encoding="utf-8")
    assert run("build", str(one), str(two), "-o", str(site), *build_args).exit_code == 0
    assert sorted(p.name for p in (site / "one" / "units").iterdir()) == [
        "cai-zheng.ics",
        "shi-nong-ye-nong-cun-ju.ics",
    ]
    assert "units/cai-zheng.ics" in (site / "one" / "index.html").read_text(encoding="utf-8")
    assert run("build", str(one), str(two), "-o", str(fresh), *build_args).exit_code == 0
    assert (site / "one" / "index.html").read_bytes() == (fresh / "one" / "index.html").read_bytes()
    assert (site / "index.html").read_bytes() == (fresh / "index.html").read_bytes()


def test_plans_left_out_of_the_cycle_collector_are_freed_once_others_are_read(cached: Path, tmp_path: Path) -> None:
    # serve reads every plan again on each save: a frozen plan that held a reference cycle would never be
    # freed, nor one the process kept longer than till the next reading
    import gc
    import weakref

    one, two = tmp_path / "one.yaml", tmp_path / "two.yaml"
    for path in (one, two):
        path.write_text(PLAN.format(when="3月1日前"), encoding="utf-8")
    for _ in range(2):  # read, then read from the cache
        found = plans.plans([one])
        timeline, task = weakref.ref(found[0].timeline), weakref.ref(found[0].timeline.items[0].task)
        assert gc.get_freeze_count() > 0
        del found
        plans.plans([two])
        assert timeline() is None and task() is None


def test_a_plan_read_again_in_one_process_is_kept_until_its_file_changes(cached: Path, tmp_path: Path) -> None:
    # serve reads every plan again on each save, and only the saved one has changed
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN.format(when="3月1日前"), encoding="utf-8")
    first = plans.timelines([plan])[0]
    assert plans.timelines([plan])[0] is first
    assert plans.timelines([plan], year=2025)[0].items[0].end == date(2025, 3, 1)
    plan.write_text(PLAN.format(when="3月4日前"), encoding="utf-8")
    again = plans.timelines([plan])[0]
    assert again is not first and again.items[0].end == date(2024, 3, 4)


def test_a_damaged_font_cut_in_the_cache_is_made_again_not_embedded(cached: Path, tmp_path: Path) -> None:
    from schedgen.export.page import webfont

    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN.format(when="3月1日前"), encoding="utf-8")
    build = ["build", str(plan), "--only", "html", "--as-of", "2024-01-02"]
    assert run(*build, "-o", str(tmp_path / "one")).exit_code == 0
    page = (tmp_path / "one" / "plan" / "index.html").read_bytes()
    entries = list(cached.glob("webfont-*")) + list(cached.glob("common-*"))
    assert sorted({entry.name.split("-")[0] for entry in entries}) == ["common", "webfont"]
    for entry in entries:  # a garbage cut, and an emptied cut of the common characters
        entry.write_bytes(b"" if entry.name.startswith("common-") else b"garbage" * 100)
    webfont.font_css.cache_clear()  # as a new process starts
    result = run(*build, "-o", str(tmp_path / "two"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "two" / "plan" / "index.html").read_bytes() == page
    # new characters are cut from the common characters' font, which was emptied: made again, not a traceback
    plan.write_text(PLAN.format(when="3月1日前").replace("甲任务", "新的任务文字"), encoding="utf-8")
    result = run(*build, "-o", str(tmp_path / "three"))
    assert result.exit_code == 0, result.output
    assert "新的任务文字" in (tmp_path / "three" / "plan" / "index.html").read_text(encoding="utf-8")
    assert all(entry.stat().st_size > 1000 for entry in cached.glob("common-*"))


def test_pages_are_cut_anew_when_the_font_they_embed_changes(
    cached: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from schedgen.export.chart.fonts import bundled_font
    from schedgen.export.page import webfont

    noto = bundled_font()
    assert noto is not None
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN.format(when="3月1日前"), encoding="utf-8")
    build = ["build", str(plan), "--only", "html", "--as-of", "2024-01-02"]
    assert run(*build, "-o", str(tmp_path / "out")).exit_code == 0
    before = (tmp_path / "out" / "plan" / "index.html").read_text(encoding="utf-8")
    # a new version of the font: here one that lacks most of the plan's characters
    smaller = tmp_path / "smaller.otf"
    smaller.write_bytes(webfont._subset(noto, "甲计划", None))
    from schedgen.export.chart import fonts

    for module in (fonts, webfont):
        monkeypatch.setattr(module, "bundled_font", lambda: smaller)
    webfont.font_css.cache_clear()
    assert run(*build, "-o", str(tmp_path / "out")).exit_code == 0
    assert run(*build, "-o", str(tmp_path / "fresh")).exit_code == 0
    after = (tmp_path / "out" / "plan" / "index.html").read_text(encoding="utf-8")
    assert after != before and after == (tmp_path / "fresh" / "plan" / "index.html").read_text(encoding="utf-8")


def test_a_published_file_damaged_after_the_build_is_rendered_again_not_reused(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN.format(when="3月1日前"), encoding="utf-8")
    out = tmp_path / "out"
    build = ["build", str(plan), "-o", str(out), "--only", "ics,html,svg", "--as-of", "2024-01-02"]
    assert run(*build).exit_code == 0
    published = {p: p.read_bytes() for p in out.rglob("*") if p.is_file() and ".schedgen" not in p.parts}
    for damaged in (out / "plan" / "plan.ics", out / "plan" / "index.html", out / "plan" / "gantt.svg"):
        damaged.write_bytes(damaged.read_bytes()[:100])
    result = run(*build)
    assert result.exit_code == 0, result.output
    assert {p: p.read_bytes() for p in published} == published


def test_a_new_version_of_a_rendering_library_renders_every_output_anew(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from importlib import metadata

    from schedgen.commands import parts

    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN.format(when="3月1日前"), encoding="utf-8")
    build = ["build", str(plan), "-o", str(tmp_path / "out"), "--only", "html,svg", "--as-of", "2024-01-02"]
    assert run(*build).exit_code == 0
    assert "(0 rendered, " in run(*build).output
    real = metadata.version
    monkeypatch.setattr(metadata, "version", lambda name: "99.0" if name == "zxing-cpp" else real(name))
    monkeypatch.setattr(parts, "_code_digest", parts._code_digest.__wrapped__)  # as a new process reads it
    assert ", 0 reused)" in run(*build).output
