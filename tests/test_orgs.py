"""Plans of one org share a unit registry and give each unit one feed across all of them."""

from __future__ import annotations

import json
from pathlib import Path

import icalendar

from .conftest import run

PLAN = """title: {title}
year: 2024
org: {org}
tasks:
  - id: {task}
    when: {when}
    task: {title}的任务
    units: 市农业农村局、市财政局
"""


def uids(path: Path) -> set[str]:
    return {str(e["UID"]) for e in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")}


def test_one_feed_per_unit_across_the_plans_of_an_org_and_never_across_orgs(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "a.yaml").write_text(PLAN.format(title="海东甲", org="海东市", task="x", when="3月1日前"), "utf-8")
    (plans / "b.yaml").write_text(PLAN.format(title="海东乙", org="海东市", task="y", when="5月10日前"), "utf-8")
    (plans / "c.yaml").write_text(PLAN.format(title="安丘丙", org="安丘市", task="z", when="6月1日前"), "utf-8")
    out = tmp_path / "out"
    assert run("build", str(plans), "-o", str(out), "--only", "ics").exit_code == 0

    haidong = out / "orgs" / "hai-dong-shi" / "units" / "shi-nong-ye-nong-cun-ju.ics"
    anqiu = out / "orgs" / "an-qiu-shi" / "units" / "shi-nong-ye-nong-cun-ju.ics"
    plan_feeds = [out / sid / "units" / "shi-nong-ye-nong-cun-ju.ics" for sid in ("a", "b", "c")]
    assert uids(haidong) == uids(plan_feeds[0]) | uids(plan_feeds[1])  # the same UIDs as the plans' own feeds
    assert uids(anqiu) == uids(plan_feeds[2]) and not uids(anqiu) & uids(haidong)
    assert "X-WR-CALNAME:市农业农村局 · 海东市" in haidong.read_text(encoding="utf-8")
    index = json.loads((out / "units.json").read_text(encoding="utf-8"))
    assert index["市农业农村局"]["orgs"] == {
        "海东市": "orgs/hai-dong-shi/units/shi-nong-ye-nong-cun-ju.ics",
        "安丘市": "orgs/an-qiu-shi/units/shi-nong-ye-nong-cun-ju.ics",
    }

    again = run("build", str(plans), "-o", str(out), "--only", "ics")  # stable across rebuilds
    assert again.exit_code == 0 and uids(haidong) == uids(plan_feeds[0]) | uids(plan_feeds[1])


def test_plans_without_an_org_have_no_org_feeds(tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text(PLAN.format(title="无", org="", task="x", when="3月1日前").replace("org: \n", ""), "utf-8")
    out = tmp_path / "out"
    assert run("build", str(plan), "-o", str(out), "--only", "ics").exit_code == 0
    assert not (out / "orgs").exists()


def test_the_index_offers_each_units_org_feed(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "a.yaml").write_text(PLAN.format(title="海东甲", org="海东市", task="x", when="3月1日前"), "utf-8")
    (plans / "b.yaml").write_text(PLAN.format(title="海东乙", org="海东市", task="y", when="5月10日前"), "utf-8")
    out = tmp_path / "out"
    assert run("build", str(plans), "-o", str(out), "--only", "html,ics").exit_code == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    link = 'href="orgs/hai-dong-shi/units/shi-nong-ye-nong-cun-ju.ics"'
    assert "海东市全部计划" in index and link in index
    assert (out / "orgs/hai-dong-shi/units/shi-nong-ye-nong-cun-ju.ics").is_file()


def test_two_orgs_that_would_share_one_feed_folder_are_refused_with_both_positions(tmp_path: Path) -> None:
    # 海东市 and 海東市 (or Haidong and haidong) give one slug: the second org's feeds overwrote the first's
    for first, second in (("海东市", "海東市"), ("Haidong", "haidong")):
        plans = tmp_path / first
        plans.mkdir()
        (plans / "a.yaml").write_text(PLAN.format(title="甲", org=first, task="x", when="3月1日前"), "utf-8")
        (plans / "b.yaml").write_text(PLAN.format(title="乙", org=second, task="y", when="5月10日前"), "utf-8")
        out = tmp_path / f"out-{first}"
        result = run("build", str(plans), "-o", str(out), "--only", "ics")
        assert result.exit_code == 2, result.output
        assert f"{plans / 'a.yaml'}:3:6" in result.stderr and f"{plans / 'b.yaml'}:3:6" in result.stderr, result.stderr
        assert not out.exists()


def test_one_slug_given_to_two_units_by_two_plans_is_refused_with_both_positions(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    registry = "units:\n  {name}: {{slug: czj}}\n"
    for name, unit, org in (("a", "市财政局", "海东市"), ("b", "市农业农村局", "安丘市")):
        text = PLAN.format(title=name, org=org, task="x", when="3月1日前") + registry.format(name=unit)
        (plans / f"{name}.yaml").write_text(text, "utf-8")
    result = run("build", str(plans), "-o", str(tmp_path / "out"), "--only", "ics")
    assert result.exit_code == 2, result.output
    assert f"{plans / 'a.yaml'}:10:16" in result.stderr and f"{plans / 'b.yaml'}:10:18" in result.stderr, result.stderr
    assert "czj" in result.stderr and not (tmp_path / "out").exists()


def test_a_plans_own_slug_is_the_address_of_its_units_feed_whatever_other_plans_say(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    for name, org, slug in (("a", "海东市", "czj"), ("b", "安丘市", "caizheng")):
        text = PLAN.format(title=name, org=org, task="x", when="3月1日前") + f"units:\n  市财政局: {{slug: {slug}}}\n"
        (plans / f"{name}.yaml").write_text(text, "utf-8")
    out = tmp_path / "out"
    assert run("build", str(plans), "-o", str(out), "--only", "html,ics").exit_code == 0
    assert (out / "a" / "units" / "czj.ics").is_file() and (out / "b" / "units" / "caizheng.ics").is_file()
    assert (out / "orgs" / "hai-dong-shi" / "units" / "czj.ics").is_file()
    assert (out / "orgs" / "an-qiu-shi" / "units" / "caizheng.ics").is_file()
    feeds = json.loads((out / "units.json").read_text(encoding="utf-8"))["市财政局"]
    assert feeds["feeds"] == {"a": "a/units/czj.ics", "b": "b/units/caizheng.ics"}
    assert feeds["orgs"] == {
        "海东市": "orgs/hai-dong-shi/units/czj.ics",
        "安丘市": "orgs/an-qiu-shi/units/caizheng.ics",
    }
    assert 'href="units/caizheng.ics"' in (out / "b" / "index.html").read_text(encoding="utf-8")
    assert 'href="orgs/an-qiu-shi/units/caizheng.ics"' in (out / "index.html").read_text(encoding="utf-8")


def _alias_in_one_plan(tmp_path: Path) -> Path:
    """Two plans of 海东市: a says 财政局 is 市财政局, b writes 财政局 and says nothing."""
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "a.yaml").write_text(
        "id: a\ntitle: 甲计划\norg: 海东市\nyear: 2024\nunits:\n  市财政局: {aliases: [财政局]}\n"
        "tasks:\n  - {id: t, when: 3月1日前, task: 甲任务, units: 市财政局}\n",
        encoding="utf-8",
    )
    (plans / "b.yaml").write_text(
        "id: b\ntitle: 乙计划\norg: 海东市\nyear: 2024\ntasks:\n  - {id: t, when: 4月1日前, task: 乙任务, units: 财政局}\n",
        encoding="utf-8",
    )
    return plans


def test_an_alias_another_plan_of_the_org_gives_is_said_where_a_plan_writes_it_alone(tmp_path: Path) -> None:
    # plan a of 海东市 says 财政局 is 市财政局; plan b of the same org writes 财政局 and says nothing: its task went
    # to an org feed of 财政局 of its own, never the 市财政局 feed of the org, and check said nothing
    plans = _alias_in_one_plan(tmp_path)
    result = run("check", str(plans), "--json")
    assert result.exit_code == 0, result.output
    found = {(i["schedule"], i["id"]): i["findings"] for i in json.loads(result.output)}
    said = [f["message"] for f in found[("b", "t")] if f["code"] == "org-alias"]
    assert said and "市财政局: {aliases: [财政局]}" in said[0] and "甲计划" in said[0]
    assert not found[("a", "t")]
    assert run("check", str(plans), "--strict").exit_code == 1


def test_build_says_where_a_plan_of_an_org_writes_an_alias_another_gives(tmp_path: Path) -> None:
    """As above, the build publishes 乙计划's 财政局 task in an org feed of its own, never in 海东市's 市财政局
    feed its subscribers read: the clerk who publishes must be told, with the line that makes them one."""
    plans = _alias_in_one_plan(tmp_path)
    result = run("build", str(plans), "-o", str(tmp_path / "site"), "--only", "ics", "--as-of", "2024-02-01")
    assert result.exit_code == 0, result.stderr
    assert "b: " in result.stderr and "「财政局」" in result.stderr and "市财政局: {aliases: [财政局]}" in result.stderr
    assert "a: " not in result.stderr
