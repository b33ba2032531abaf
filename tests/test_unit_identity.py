"""One unit under every name: a duty written to `各县区` reaches the feed of `各县区人民政府`, and `check`
says which names look like one unit, with the `units:` lines that would merge them."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import icalendar

from .conftest import HAIDONG_MONTHLY, run

Write = Callable[..., Path]


def _due_days(feed: Path) -> set[str]:
    calendar = icalendar.Calendar.from_ical(feed.read_bytes())
    return {
        ev.decoded("DTSTART").isoformat() for ev in calendar.walk("VEVENT") if str(ev["SUMMARY"]).startswith("【截止")
    }


def _check_json(path: Path) -> list[dict[str, object]]:
    result = run("check", str(path), "--json")
    assert result.exit_code == 0, result.output
    items: list[dict[str, object]] = json.loads(result.stdout)
    return items


def test_the_county_governments_feed_holds_every_report_the_plan_asks_of_the_counties(tmp_path: Path) -> None:
    result = run("build", "schedules/haidong-2024.yaml", "-o", str(tmp_path / "site"), "--only", "ics")
    assert result.exit_code == 0, result.output
    due = _due_days(tmp_path / "site" / "haidong-2024" / "units" / "ge-xian-qu-ren-min-zheng-fu.ics")
    assert {"2024-05-10", "2024-09-10", "2024-11-10"} <= due
    assert set(HAIDONG_MONTHLY) <= due
    # no feed of its own for the short name: its duties are the county governments'
    assert not (tmp_path / "site" / "haidong-2024" / "units" / "ge-xian-qu.ics").exists()


def test_check_finds_a_unit_written_two_ways_and_prints_the_alias_lines(write_schedule: Write) -> None:
    path = write_schedule(
        "title: 测试计划\nyear: 2024\ntasks:\n"
        "  - {id: a, when: 6月底前, task: 建设园区, units: 各县区人民政府}\n"
        "  - {id: b, when: 5月10日前, task: 报送进展, units: 各县区}\n"
        "  - {id: c, when: 7月底前, task: 清查台账, units: 市農業農村局}\n"
        "  - {id: d, when: 8月底前, task: 开展培训, units: 市农业农村局}\n"
    )
    result = run("check", str(path))
    assert result.exit_code == 0, result.output
    assert "各县区人民政府: {aliases: [各县区]}" in result.output
    assert "市农业农村局: {aliases: [市農業農村局]}" in result.output
    strict = run("check", str(path), "--strict")
    assert strict.exit_code == 1
    codes = {f["code"] for item in _check_json(path) for f in item["findings"]}  # type: ignore[attr-defined]
    assert "unit-alias" in codes


def test_the_seeds_name_each_unit_one_way() -> None:
    for path in sorted(Path("schedules").glob("*.yaml")):
        items = _check_json(Path(__file__).resolve().parent.parent / path)
        found = [f for item in items for f in item["findings"] if f["code"] == "unit-alias"]  # type: ignore[attr-defined]
        assert found == [], (path, found)


def test_etc_is_not_part_of_a_units_name(write_schedule: Write) -> None:
    path = write_schedule(
        "title: 测试计划\nyear: 2024\ntasks:\n"
        "  - {id: a, when: 6月底前, task: 建设园区, units: 市卫生健康委等}\n"
        "  - {id: b, when: 6月底前, task: 建设园区, units: 市教育局、市民政局等部门}\n"
    )
    items = _check_json(path)
    assert items[0]["units"] == ["市卫生健康委"]
    assert items[1]["units"] == ["市教育局", "市民政局"]


def test_two_collective_names_run_together_are_two_names(write_schedule: Write) -> None:
    path = write_schedule(
        "title: 测试计划\nyear: 2024\ntasks:\n  - {id: a, when: 5月10日前, task: 报送进展, units: 各县区各市直相关部门}\n"
    )
    assert _check_json(path)[0]["units"] == ["各县区", "各市直相关部门"]


def test_every_responsible_unit_means_every_unit_of_the_plan(write_schedule: Write, tmp_path: Path) -> None:
    path = write_schedule(
        "title: 测试计划\nyear: 2024\ntasks:\n"
        "  - {id: a, when: 6月底前, task: 建设园区, units: 市财政局}\n"
        "  - {id: b, when: 8月底前, task: 开展培训, lead: 市农业农村局, support: 市教育局}\n"
        "  - {id: report, when: 每季度末, task: 各责任单位报送进展, units: 各责任单位}\n"
    )
    items = _check_json(path)
    assert items[2]["units"] == ["市财政局", "市农业农村局", "市教育局"]
    messages = [f["message"] for f in items[2]["findings"]]  # type: ignore[attr-defined]
    assert any("各责任单位" in m and "3" in m for m in messages), messages
    site = tmp_path / "site"
    assert run("build", str(path), "-o", str(site), "--only", "ics").exit_code == 0
    quarter_ends = {date(2024, m, d).isoformat() for m, d in ((3, 31), (6, 30), (9, 30), (12, 31))}
    for slug in ("shi-cai-zheng-ju", "shi-nong-ye-nong-cun-ju", "shi-jiao-yu-ju"):
        assert quarter_ends <= _due_days(site / "plan" / "units" / f"{slug}.ics"), slug
    assert not (site / "plan" / "units" / "ge-ze-ren-dan-wei.ics").exists()


def _unit_headings(*args: str) -> set[str]:
    result = run("report", *args, "--by", "unit", "--format", "md")
    assert result.exit_code == 0, result.output
    return {line[3:] for line in result.stdout.splitlines() if line.startswith("## ")}


def test_a_report_across_cities_keeps_each_citys_bureau_apart() -> None:
    plans = ("schedules/anqiu-eco-farm.yaml", "schedules/haidong-2024.yaml")
    headings = _unit_headings(*plans, "--as-of", "2024-06-01", "--within", "400d")
    assert {"市农业农村局（安丘市）", "市农业农村局（海东市）"} <= headings
    assert "市农业农村局" not in headings


def test_a_report_of_one_plan_names_its_units_plainly() -> None:
    headings = _unit_headings("schedules/haidong-2024.yaml", "--as-of", "2024-06-01", "--within", "400d")
    assert "市农业农村局" in headings
