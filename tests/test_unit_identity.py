"""One unit under every name: a duty written to `各县区` reaches the feed of `各县区人民政府`, and `check`
says which names look like one unit, with the `units:` lines that would merge them."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import icalendar
import pytest

from schedgen.model import Schedule

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
    # the units `等` stands for get no feed: the reader is told so, with the words the plan wrote
    for item, written in zip(items, ("市卫生健康委等", "市民政局等部门"), strict=True):
        said = [f["message"] for f in item["findings"] if f["code"] == "unnamed-units"]  # type: ignore[attr-defined]
        assert len(said) == 1 and f"「{written}」" in said[0], item["findings"]
    result = run("check", str(path))
    assert result.output.count("没有写出名字") == 2, result.output


def test_every_list_ended_with_etc_in_a_task_is_said(write_schedule: Write) -> None:
    path = write_schedule(
        "title: 测试计划\nyear: 2024\ntasks:\n"
        "  - {id: a, when: 6月底前, task: 建设园区, lead: 市财政局等, support: 市教育局、市民政局等部门}\n"
    )
    (item,) = _check_json(path)
    said = [f["message"] for f in item["findings"] if f["code"] == "unnamed-units"]  # type: ignore[attr-defined]
    assert len(said) == 1 and "「市财政局等」" in said[0] and "「市民政局等部门」" in said[0], said


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
    result = run("report", *args, "--by", "unit", "--format", "md", "--all")  # every unit's heading
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


def test_a_plan_that_names_only_every_unit_keeps_the_name(write_schedule: Write, tmp_path: Path) -> None:
    # no other unit to read 各责任单位 as: the task keeps the name and its feed, rather than losing both
    path = write_schedule(
        "title: 测试计划\nyear: 2024\ntasks:\n"
        "  - {id: a, when: 3月31日前, task: 开展自查, units: 各责任单位}\n"
        "  - {id: b, when: 12月20日前, task: 报送总结, units: 各责任单位}\n"
    )
    items = _check_json(path)
    assert [item["units"] for item in items] == [["各责任单位"], ["各责任单位"]]
    assert not any(f["code"] == "all-units" for item in items for f in item["findings"])  # type: ignore[attr-defined]
    site = tmp_path / "site"
    assert run("build", str(path), "-o", str(site), "--only", "ics").exit_code == 0
    assert _due_days(site / "plan" / "units" / "ge-ze-ren-dan-wei.ics") == {"2024-03-31", "2024-12-20"}


def test_a_report_across_cities_names_each_city() -> None:
    # Baicheng's title opens with 关于推动全市: the city is the one its source names
    plans = ("schedules/baicheng-2021.yaml", "schedules/haidong-2024.yaml")
    headings = _unit_headings(*plans, "--as-of", "2024-06-01", "--within", "400d")
    assert "商务局（白城市）" in headings
    assert not [h for h in headings if "关于" in h], headings


@pytest.mark.parametrize(
    ("title", "scope"),
    [
        ("贵州省农业委员会关于做好统计上报的通知", "贵州省"),
        ("朔州市“十四五”推进农业农村现代化规划", "朔州市"),
        ("关于印发甘肃省职业病防治实施方案的通知", "甘肃省"),
        ("沛县秸秆禁烧工作方案", "沛县"),
        ("东城区2024年工作要点", "东城区"),
        # words that end as a place does are no place: the plan names none
        ("社区治理提升三年行动方案", None),
        ("推进城市更新行动方案", None),
        ("开展市场秩序整治方案", None),
        ("大力发展县域经济实施方案", None),
        ("上市公司培育行动方案", None),
        ("关于推动全市特色产业发展的实施方案", None),
    ],
)
def test_the_place_a_title_opens_with(title: str, scope: str | None) -> None:
    schedule = Schedule(id="plan", title=title, year=2024, path="plan.yaml")
    assert schedule.scope == (scope or "")


@pytest.mark.parametrize("title", ["白城市乡村振兴实施方案", "智慧城市建设行动方案"])
def test_a_city_ending_in_cheng_is_a_city_and_a_smart_city_is_not(title: str) -> None:
    scope = Schedule(id="plan", title=title, year=2024, path="plan.yaml").scope
    assert scope == ("白城市" if title.startswith("白城市") else "")


def test_a_party_committee_is_not_its_committee_and_government(write_schedule: Write) -> None:
    # 各县区党委政府 names two bodies, 各县区党委 one of them: no alias to merge them
    path = write_schedule(
        "title: 测试计划\nyear: 2024\ntasks:\n"
        "  - {id: a, when: 6月底前, task: 压实责任, units: 各县区党委政府}\n"
        "  - {id: b, when: 7月底前, task: 研究部署, units: 各县区党委}\n"
    )
    codes = [f["code"] for item in _check_json(path) for f in item["findings"]]  # type: ignore[attr-defined]
    assert "unit-alias" not in codes


@pytest.mark.parametrize(
    ("written", "names"),
    [
        ("各乡镇（街道）各部门", ["各乡镇（街道）", "各部门"]),
        ("各乡镇人民政府各村委会", ["各乡镇人民政府", "各村委会"]),
        ("各街道办事处各社区", ["各街道办事处", "各社区"]),
        ("各县(市、区)人民政府", ["各县(市、区)人民政府"]),
        ("区各街道", ["区各街道"]),
        ("各级各部门", ["各级各部门"]),
    ],
)
def test_collective_names_run_together_after_a_bracket_or_a_full_name(
    written: str, names: list[str], write_schedule: Write
) -> None:
    path = write_schedule(
        f"title: 测试计划\nyear: 2024\ntasks:\n  - {{id: a, when: 6月底前, task: 报送进展, units: {written}}}\n"
    )
    assert _check_json(path)[0]["units"] == names


def test_one_countys_plans_that_name_no_place_keep_its_units_together(write_schedule: Write) -> None:
    # two plans of one county, each opening with 全县: its 应急局 is one group, not one per plan title
    first = write_schedule(
        "title: 2024年全县安全生产工作要点\nyear: 2024\ntasks:\n"
        "  - {id: a, task: 开展检查, when: 6月30日前, units: 县应急局}\n",
        "a.yaml",
    )
    second = write_schedule(
        "title: 2024年全县防汛工作方案\nyear: 2024\ntasks:\n  - {id: a, task: 汛前检查, when: 5月31日前, units: 县应急局}\n",
        "b.yaml",
    )
    headings = _unit_headings(str(first), str(second), "--as-of", "2024-05-01", "--within", "400d")
    assert headings == {"县应急局"}
    # beside a plan that names its place, the county's are still apart from it, and plainly named
    headings = _unit_headings(str(first), "schedules/haidong-2024.yaml", "--as-of", "2024-05-01", "--within", "400d")
    assert "县应急局" in headings and "市农业农村局（海东市）" in headings


def test_a_name_cut_in_two_by_a_separator_is_said_not_read_as_two_units_in_silence(write_schedule: Write) -> None:
    # `市、财政局`: two units, 市 and 财政局, with a feed each; task a never reached the feed of 市财政局, which task b
    # names, and nothing said so
    path = write_schedule(
        "title: 测试计划\nyear: 2024\ntasks:\n"
        "  - {id: a, when: 6月底前, task: 编制预算, units: 市、财政局}\n"
        "  - {id: b, when: 5月10日前, task: 报送进展, units: 市财政局、市发改委}\n"
        "  - {id: c, when: 7月底前, task: 清查台账, units: 县、农业局}\n"
    )
    found = {item["id"]: item["findings"] for item in _check_json(path)}
    said = [f["message"] for f in found["a"] if f["code"] == "unit-split"]  # type: ignore[attr-defined]
    assert said and "「市」" in said[0] and "「财政局」" in said[0] and "「市财政局」" in said[0]
    # a name of one character is no body's name, whether the plan names the whole one elsewhere or not
    assert any(f["code"] == "unit-split" and "「县」" in f["message"] for f in found["c"])  # type: ignore[index]
    # a list of two whole names is two units, and nothing is said of it
    assert not found["b"]
    assert run("check", str(path), "--strict").exit_code == 1


def test_a_bracket_never_closed_in_a_units_cell_is_said(write_schedule: Write) -> None:
    # separators inside brackets stay (各县（市、区）农业农村局 is one name), so a bracket left open swallowed every
    # name after it: 市财政局 and 市发改委 lost the task to one unit 各县（市、区农业农村局、市财政局、市发改委, in silence
    path = write_schedule(
        "title: 测试计划\nyear: 2024\ntasks:\n"
        "  - {id: a, when: 3月1日前, task: 甲, units: '各县（市、区农业农村局、市财政局、市发改委'}\n"
        "  - {id: b, when: 3月1日前, task: 乙, units: '各县（市、区）农业农村局、市财政局'}\n"
    )
    found = {item["id"]: item["findings"] for item in _check_json(path)}
    said = [f["message"] for f in found["a"] if f["code"] == "unit-bracket"]  # type: ignore[attr-defined]
    assert said and "各县（市、区农业农村局、市财政局、市发改委" in said[0] and "）" in said[0]
    assert not found["b"]  # a bracket closed is one name, and nothing is said of it
    assert run("check", str(path), "--strict").exit_code == 1


def test_a_units_name_with_an_invisible_character_is_the_same_unit(write_schedule: Write, tmp_path: Path) -> None:
    # a name copied from a web page often carries a zero-width space, a soft hyphen or a BOM: 市财政局 and
    # 市财政局\u200b looked alike everywhere, yet were two units with a feed each, and check said nothing
    path = write_schedule(
        "title: 测试计划\nyear: 2024\n"
        'units:\n  "市发改委\\u200c": {contact: 李四}\n'
        "tasks:\n"
        '  - {id: a, when: 3月1日前, task: 甲, units: "市财政局\\u200b"}\n'
        '  - {id: b, when: 4月1日前, task: 乙, units: "市财政局"}\n'
        '  - {id: c, when: 4月1日前, task: 丙, units: "市\\u00ad发改委"}\n'
        '  - {id: d, when: 4月1日前, task: 丁, units: "\\ufeff市发改委"}\n'
    )
    assert {name for item in _check_json(path) for name in item["units"]} == {"市财政局", "市发改委"}  # type: ignore[attr-defined]
    site = tmp_path / "site"
    assert run("build", str(path), "-o", str(site), "--only", "ics").exit_code == 0
    assert sorted(p.name for p in (site / "plan" / "units").iterdir()) == ["shi-cai-zheng-ju.ics", "shi-fa-gai-wei.ics"]
    feed = icalendar.Calendar.from_ical((site / "plan" / "units" / "shi-fa-gai-wei.ics").read_bytes())
    assert "李四" in str(feed["X-WR-CALDESC"])  # the registry's entry is the same unit too


def test_a_name_written_whole_in_brackets_is_probably_the_same_unit(write_schedule: Write) -> None:
    # a table cell copied with its brackets, ［市财政局］, was a second unit with a feed of its own, and check
    # said nothing, where a full-width or spaced spelling of a name is found
    path = write_schedule(
        "title: 测试计划\nyear: 2024\ntasks:\n"
        "  - {id: a, when: 3月1日前, task: 甲, units: ［市财政局］}\n"
        "  - {id: b, when: 4月1日前, task: 乙, units: 市财政局}\n"
        "  - {id: c, when: 4月1日前, task: 丙, units: 各县（市、区）}\n"
    )
    result = run("check", str(path))
    assert "市财政局: {aliases: [［市财政局］]}" in result.output
    # the line is one a plan can take as written: a name YAML would read otherwise is quoted
    path.write_text(path.read_text(encoding="utf-8").replace("［市财政局］", "'[市财政局]'"), encoding="utf-8")
    assert '市财政局: {aliases: ["[市财政局]"]}' in run("check", str(path)).output
    found = {item["id"]: item["findings"] for item in _check_json(path)}
    assert not found["c"]  # a bracket inside a name is part of it


def test_a_unit_marked_as_lead_in_its_cell_leads_the_task_and_has_one_feed(tmp_path: Path) -> None:
    # 配档表 cells write the lead unit as `市财政局（牵头）`: read as a name, it was a unit of its own, with a feed
    # nobody subscribes to, while 市财政局's own feed never got the task
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "title: 测试计划\nyear: 2024\ntasks:\n"
        "  - {id: a, when: 6月底前, task: 拨付资金, units: 市财政局（牵头）、市审计局(配合)、市农业农村局}\n"
        "  - {id: b, when: 7月底前, task: 绩效评价, units: 市财政局}\n",
        encoding="utf-8",
    )
    (item,) = [i for i in _check_json(plan) if i["id"] == "a"]
    assert (item["lead"], item["support"], item["units"]) == (["市财政局"], ["市审计局"], ["市农业农村局"])
    result = run("build", str(plan), "-o", str(tmp_path / "site"), "--only", "ics", "--as-of", "2024-01-02")
    assert result.exit_code == 0, result.output
    feeds = sorted(p.name for p in (tmp_path / "site" / "plan" / "units").glob("*.ics"))
    assert feeds == ["shi-cai-zheng-ju.ics", "shi-nong-ye-nong-cun-ju.ics", "shi-shen-ji-ju.ics"]
    assert _due_days(tmp_path / "site" / "plan" / "units" / "shi-cai-zheng-ju.ics") == {"2024-06-30", "2024-07-31"}


def test_a_space_inside_a_units_name_does_not_split_off_its_place(tmp_path: Path) -> None:
    # `市 财政局`, a space copied into the name: split at the space it was two units, 市 and 财政局
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "title: 测试计划\nyear: 2024\ntasks:\n"
        "  - {id: a, when: 6月底前, task: 拨付资金, units: 市 财政局}\n"
        "  - {id: b, when: 7月底前, task: 总结, units: 市农业农村局 市财政局}\n",
        encoding="utf-8",
    )
    units = {i["id"]: i["units"] for i in _check_json(plan)}
    assert units == {"a": ["市财政局"], "b": ["市农业农村局", "市财政局"]}


def test_check_says_a_name_without_its_place_may_be_the_unit_with_it(write_schedule: Write) -> None:
    path = write_schedule(
        "title: 测试计划\nyear: 2024\ntasks:\n"
        "  - {id: a, when: 6月底前, task: 拨付资金, units: 市财政局}\n"
        "  - {id: b, when: 7月底前, task: 绩效评价, units: 财政局}\n"
    )
    result = run("check", str(path))
    assert "「财政局」与「市财政局」可能是同一单位；若是，在 units: 下写 市财政局: {aliases: [财政局]}" in result.output
