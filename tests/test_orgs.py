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
