"""Calendar feeds: read back by three independent parsers, stable UIDs, escaping, byte-identical rebuilds."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events
import vobject
from hypothesis import given
from hypothesis import strategies as st

from schedgen.export.feed.ics import escape, fold, prop
from schedgen.expression import Ongoing
from schedgen.model import Span
from schedgen.plans import timelines

from .conftest import HAIDONG_MONTHLY, ROOT, SCHEDULES, run

JS = ROOT / "tests" / "js"
NODE = shutil.which("node")
ICALJS_READY = NODE is not None and (JS / "node_modules" / "ical.js").is_dir()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """The seed schedules copied aside and built once."""
    shutil.copytree(SCHEDULES, tmp_path / "schedules")
    result = run("build", str(tmp_path / "schedules"), "-o", str(tmp_path / "output"), "--only", "ics")
    assert result.exit_code == 0, result.output + result.stderr
    return tmp_path / "output"


def feed_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.ics"))


def by_icalendar(path: Path) -> set[tuple[str, str, str]]:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return {
        (str(e["UID"]), e.decoded("DTSTART").isoformat(), e.decoded("DTEND").isoformat()) for e in cal.walk("VEVENT")
    }


def by_recurring(path: Path) -> set[tuple[str, str, str]]:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    found = recurring_ical_events.of(cal).between(date(2000, 1, 1), date(2100, 1, 1))
    return {(str(e["UID"]), e["DTSTART"].dt.isoformat(), e["DTEND"].dt.isoformat()) for e in found}


def by_vobject(path: Path) -> set[tuple[str, str, str]]:
    """The events as vobject reads them: an independent parser, with its own unfolding and escaping."""
    found = set()
    for cal in vobject.readComponents(path.read_text(encoding="utf-8")):
        for event in cal.vevent_list:
            summary = event.summary.value
            assert isinstance(summary, str) and summary
            found.add((event.uid.value, event.dtstart.value.isoformat(), event.dtend.value.isoformat()))
    return found


def by_icaljs(paths: list[Path]) -> dict[str, dict[str, object]]:
    out = subprocess.run(
        [NODE or "node", str(JS / "parse.mjs"), *map(str, paths)], capture_output=True, text=True, check=True, cwd=JS
    )
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def expected_events(schedule_id: str) -> set[tuple[str, str, str]]:
    """What the resolver says the schedule feed must hold."""
    (timeline,) = [t for t in timelines([SCHEDULES]) if t.schedule.id == schedule_id]
    expected = set()
    for item in timeline.items:
        uid = f"{schedule_id}-{item.task.id}"
        if isinstance(item.timing, Span):
            assert item.start and item.end
            # a span of up to a week over its days; a longer one as its first day (and its end, below)
            last = item.end if (item.end - item.start).days < 7 else item.start
            kind = "span" if last == item.end else "start"
            expected.add((f"{uid}-{kind}@schedgen", item.start.isoformat(), (last + timedelta(days=1)).isoformat()))
        for occ in item.occurrences:
            expected.add((f"{uid}-{occ.key}@schedgen", occ.due.isoformat(), (occ.due + timedelta(days=1)).isoformat()))
    return expected


@pytest.mark.parametrize("schedule_id", ["anqiu-eco-farm", "haidong-2024"])
def test_python_parsers_read_the_resolver_dates(site: Path, schedule_id: str) -> None:
    feed = site / schedule_id / f"{schedule_id}.ics"
    assert by_icalendar(feed) == expected_events(schedule_id)
    assert by_recurring(feed) == expected_events(schedule_id)


def test_vobject_reads_every_feed_like_icalendar(site: Path) -> None:
    files = feed_files(site)
    assert len(files) > 50
    for path in files:
        assert by_vobject(path) == by_icalendar(path), path


@pytest.mark.skipif(
    not ICALJS_READY and not os.environ.get("SCHEDGEN_REQUIRE_ICALJS"),
    reason="ical.js is installed by .ci/run (npm ci in tests/js)",
)
def test_icaljs_reads_every_feed_like_icalendar(site: Path) -> None:
    files = feed_files(site)
    parsed = by_icaljs(files)
    assert len(parsed) == len(files) > 50
    for path in files:
        js_events = {(e["uid"], e["start"], e["end"]) for e in parsed[str(path)]["events"]}  # type: ignore[index]
        assert js_events == by_icalendar(path), path
        assert all(e["allDay"] for e in parsed[str(path)]["events"])  # type: ignore[index]


def test_every_feed_is_well_formed(site: Path) -> None:
    for path in feed_files(site):
        raw = path.read_bytes()
        assert raw.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
        lines = raw.split(b"\r\n")[:-1]
        assert all(b"\n" not in line and b"\r" not in line for line in lines)
        for line in lines:
            assert len(line) <= 75, (path, line)
            line.decode("utf-8")  # a fold never splits a UTF-8 character
        cal = icalendar.Calendar.from_ical(raw)
        uids = [str(e["UID"]) for e in cal.walk("VEVENT")]
        assert len(uids) == len(set(uids)), path
        for event in cal.walk("VEVENT"):
            assert event.decoded("DTEND") > event.decoded("DTSTART")
            assert str(event["TRANSP"]) == "TRANSPARENT"
        for name in ("PRODID", "NAME", "X-WR-CALNAME", "REFRESH-INTERVAL", "X-PUBLISHED-TTL", "DESCRIPTION"):
            assert name in cal, (path, name)
        assert "METHOD" not in cal


def test_haidong_feed_holds_the_reports_and_every_duty(site: Path) -> None:
    cal = icalendar.Calendar.from_ical((site / "haidong-2024" / "haidong-2024.ics").read_bytes())
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    for day in ("2024-05-10", "2024-09-10", "2024-11-10"):
        report = events[f"haidong-2024-progress-reports-{day}@schedgen"]
        assert report.decoded("DTSTART") == date.fromisoformat(day)
        assert report["DTSTART"].params.get("VALUE") == "DATE"
        assert str(report["SUMMARY"]).startswith("【截止】各县区各市直相关部门将工作进展")
        assert "市打造输出地领导小组办公室" in str(report["DESCRIPTION"])
        assert "时间（原文）：5月10日、9月10日、11月10日前" in str(report["DESCRIPTION"])
    assert "提示：截止日 2024-11-10 是星期日" in str(
        events["haidong-2024-progress-reports-2024-11-10@schedgen"]["DESCRIPTION"]
    )

    def days(task_id: str) -> list[str]:
        return sorted(
            e.decoded("DTSTART").isoformat() for u, e in events.items() if u.startswith(f"haidong-2024-{task_id}-")
        )

    assert days("monthly-report") == HAIDONG_MONTHLY
    assert days("quarterly-inspection") == ["2024-06-30", "2024-09-30", "2024-12-31"]
    assert days("half-year-summary") == ["2024-06-30", "2024-12-31"]


def test_unit_feed_holds_only_its_tasks_with_its_role(site: Path) -> None:
    index = json.loads((site / "units.json").read_text(encoding="utf-8"))
    feed = site / index["市农业农村局"]["feeds"]["haidong-2024"]
    cal = icalendar.Calendar.from_ical(feed.read_bytes())
    assert str(cal["X-WR-CALNAME"]) == "市农业农村局 · 2024年海东市打造绿色有机农畜产品输出地工作方案"
    (timeline,) = [t for t in timelines([SCHEDULES]) if t.schedule.id == "haidong-2024"]
    mine = {
        i.task.id
        for i in timeline.items
        if "市农业农村局" in dict(i.task.roles()) and not isinstance(i.timing, Ongoing)
    }
    seen = set()
    for event in cal.walk("VEVENT"):
        if re.match(r"haidong-2024-\d{8}-[0-9a-f]{8}\.", str(event["UID"])):  # a crowded day: one event lists its tasks
            listed = str(event["DESCRIPTION"])
            seen |= {i.task.id for i in timeline.items if i.task.id in mine and f"】{i.task.task[:20]}" in listed}
            continue
        task_id = re.match(r"haidong-2024-(.+?)-(span|start|due|\d{4}-\d\d-\d\d)\.[a-z0-9-]+@", str(event["UID"]))[1]  # type: ignore[index]
        seen.add(task_id)
        role = dict(next(i.task.roles() for i in timeline.items if i.task.id == task_id))["市农业农村局"]
        assert f"【{role.label[:2]}】" in str(event["SUMMARY"])
        assert f"{role.label}：" in str(event["DESCRIPTION"]) and "市农业农村局" in str(event["DESCRIPTION"])
    assert seen == mine and "processing" in seen and "policy-support" not in seen


def test_alias_brings_the_row_into_the_units_feed(site: Path) -> None:
    index = json.loads((site / "units.json").read_text(encoding="utf-8"))
    assert "anqiu-eco-farm" not in index.get("财政局", {}).get("feeds", {})  # Anqiu's 财政局 is 市财政局
    feed = (site / index["市财政局"]["feeds"]["anqiu-eco-farm"]).read_text(encoding="utf-8")
    assert "UID:anqiu-eco-farm-green-loans-due.shi-cai-zheng-ju@schedgen" in feed  # the unit's own UID


def test_unit_slugs_are_safe_ascii(site: Path) -> None:
    index = json.loads((site / "units.json").read_text(encoding="utf-8"))
    assert index["市财政局"]["slug"] == "shi-cai-zheng-ju"
    for entry in index.values():
        assert re.fullmatch(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?", entry["slug"])


def test_two_builds_of_an_unchanged_schedule_are_byte_identical(site: Path, tmp_path: Path) -> None:
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    state = {p.name: p.read_bytes() for p in (site / ".schedgen" / "feed-state").iterdir()}
    assert run("build", str(tmp_path / "schedules"), "-o", str(site), "--only", "ics").exit_code == 0
    second = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert first == second
    assert state == {p.name: p.read_bytes() for p in (site / ".schedgen" / "feed-state").iterdir()}


def snapshot(folder: Path) -> dict[Path, bytes]:
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_the_ledger_lives_with_the_site_and_one_off_feeds_never_write_it(site: Path, tmp_path: Path) -> None:
    schedules = tmp_path / "schedules"
    before, ledger, published = snapshot(schedules), snapshot(site / ".schedgen" / "feed-state"), snapshot(site)
    assert sorted(p.name for p in ledger) == [f"{p.stem}.json" for p in sorted(SCHEDULES.glob("*.yaml"))]
    plan = str(schedules / "anqiu-eco-farm.yaml")
    assert run("ics", plan, "--year", "2025", "-o", str(tmp_path / "x.ics")).exit_code == 0
    assert run("ics", plan, "--no-alarms", "-o", str(tmp_path / "y.ics")).exit_code == 0
    assert run("build", str(schedules), "-o", str(site), "--only", "ics").exit_code == 0
    assert snapshot(schedules) == before  # nothing written beside the schedules
    assert snapshot(site / ".schedgen" / "feed-state") == ledger
    assert snapshot(site) == published  # SEQUENCE and DTSTAMP unmoved by the one-off exports


def test_a_named_state_folder_keeps_the_ledger_outside_the_site(tmp_path: Path) -> None:
    state, out = tmp_path / "state", tmp_path / "out"
    plan = str(SCHEDULES / "haidong-2024.yaml")
    assert run("build", plan, "-o", str(out), "--only", "ics", "--state", str(state)).exit_code == 0
    first = snapshot(out)
    assert [p.name for p in state.iterdir()] == ["haidong-2024.json"] and not (
        out / ".schedgen" / "feed-state"
    ).exists()
    assert run("build", plan, "-o", str(out), "--only", "ics", "--state", str(state)).exit_code == 0
    assert snapshot(out) == first


PLAN = """title: 测试计划
year: 2024
tasks:
{tasks}
"""


def task(task_id: str, when: str, text: str) -> str:
    return f"  - id: {task_id}\n    when: {when}\n    task: {text}\n    units: 市财政局\n"


def stamps(feed: Path) -> dict[str, tuple[int, str]]:
    cal = icalendar.Calendar.from_ical(feed.read_bytes())
    return {str(e["UID"]): (int(e["SEQUENCE"]), e["LAST-MODIFIED"].to_ical().decode()) for e in cal.walk("VEVENT")}


def test_reorder_and_insert_keep_uids_and_an_edit_bumps_only_its_sequence(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    out = tmp_path / "out"
    a, b, c = task("a", "3月1日前", "甲"), task("b", "5月10日、9月10日前", "乙"), task("c", "每季度一督查", "丙")
    plan.write_text(PLAN.format(tasks=a + b + c), encoding="utf-8")
    assert run("build", str(plan), "-o", str(out)).exit_code == 0
    before = stamps(out / "plan" / "plan.ics")
    assert len(before) == 1 + 2 + 4

    plan.write_text(PLAN.format(tasks=c + task("d", "6月底前", "丁") + a + b), encoding="utf-8")
    assert run("build", str(plan), "-o", str(out)).exit_code == 0
    after = stamps(out / "plan" / "plan.ics")
    assert {u: s for u, s in after.items() if u in before} == before
    assert set(after) - set(before) == {"plan-d-due@schedgen"}

    plan.write_text(
        PLAN.format(tasks=c + task("d", "6月底前", "丁") + a + task("b", "5月10日、9月10日前", "乙（改）")),
        encoding="utf-8",
    )
    assert run("build", str(plan), "-o", str(out)).exit_code == 0
    edited = stamps(out / "plan" / "plan.ics")
    changed = {u for u in edited if edited[u] != after[u]}
    assert changed == {"plan-b-2024-05-10@schedgen", "plan-b-2024-09-10@schedgen"}
    for uid in changed:
        assert edited[uid][0] == after[uid][0] + 1 and edited[uid][1] > after[uid][1]


def test_the_ledger_holds_exactly_the_events_of_the_last_build(tmp_path: Path) -> None:
    plan, out = tmp_path / "plan.yaml", tmp_path / "out"
    a, b = task("a", "3月1日前", "甲"), task("b", "5月10日、9月10日前", "乙")
    plan.write_text(PLAN.format(tasks=a + b), encoding="utf-8")
    assert run("build", str(plan), "-o", str(out), "--only", "ics").exit_code == 0
    plan.write_text(PLAN.format(tasks=a), encoding="utf-8")
    assert run("build", str(plan), "-o", str(out), "--only", "ics").exit_code == 0
    ledger = json.loads((out / ".schedgen" / "feed-state" / "plan.json").read_text(encoding="utf-8"))
    assert sorted(ledger) == sorted(stamps(out / "plan" / "plan.ics")) == ["plan-a-due@schedgen"]


def test_a_rebuild_keeps_the_mtime_of_every_file_whose_bytes_did_not_change(tmp_path: Path) -> None:
    plan, out = tmp_path / "plan.yaml", tmp_path / "out"
    a, b = task("a", "3月1日前", "甲"), task("b", "5月10日前", "乙")
    other = tmp_path / "other.yaml"
    other.write_text(PLAN.format(tasks=b).replace("测试计划", "另一计划"), encoding="utf-8")
    plan.write_text(PLAN.format(tasks=a), encoding="utf-8")
    build = ("build", str(plan), str(other), "-o", str(out), "--only", "ics,csv,json", "--as-of", "2024-01-02")
    assert run(*build).exit_code == 0
    old = snapshot(out)
    for path in out.rglob("*"):
        os.utime(path, ns=(1_000_000_000 * 10**9, 1_000_000_000 * 10**9))
    plan.write_text(PLAN.format(tasks=task("a", "3月2日前", "甲")), encoding="utf-8")
    assert run(*build).exit_code == 0
    new = snapshot(out)
    kept = {name for name in new if old.get(name) == new[name]}
    assert Path("other/other.ics") in kept and Path("plan/plan.ics") not in kept
    for name in new:
        assert ((out / name).stat().st_mtime_ns == 1_000_000_000 * 10**9) == (name in kept), name


HOSTILE = (
    "第一行\\nEND:VEVENT\\nBEGIN:VEVENT\\nSUMMARY:伪造；逗号,分号;反斜杠\\\\ \\x01\\x07\\x1b[31m" + "很长的中文行" * 40
)


def test_hostile_text_is_escaped_and_folded(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        f'title: "测试\\nEND:VCALENDAR"\nyear: 2024\ntasks:\n  - id: x\n    when: 5月10日前\n'
        f'    task: "{HOSTILE}"\n    units: "市财政局\\nEND:VEVENT"\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = run("build", str(plan), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    for feed in out.rglob("*.ics"):
        raw = feed.read_bytes()
        lines = raw.decode().split("\r\n")
        assert sum(line == "END:VEVENT" for line in lines) == sum(line == "BEGIN:VEVENT" for line in lines) == 1
        assert sum(line.startswith("END:VCALENDAR") for line in lines) == 1
        assert all(len(line.encode()) <= 75 for line in lines)
        assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", raw)
        event = icalendar.Calendar.from_ical(raw).walk("VEVENT")[0]
        text = str(event["DESCRIPTION"])
        assert "第一行\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:伪造；逗号,分号;反斜杠\\ [31m" in text
        assert str(event["SUMMARY"]).startswith("【截止】") and "\n" not in str(event["SUMMARY"])


@pytest.mark.parametrize("text", ["a" * 200, "中" * 100, "\\n" * 60, "a\\" + "中" * 30, "x" * 74 + "中" * 3])
def test_fold_keeps_characters_and_escapes_whole(text: str) -> None:
    folded = fold("DESCRIPTION:" + text)
    physical = folded.encode().split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in physical)
    assert (
        "".join(line.decode()[1:] if i else line.decode() for i, line in enumerate(physical)) == "DESCRIPTION:" + text
    )
    assert not any(line.endswith(b"\\") and not line.endswith(b"\\\\") for line in physical[:-1])


def test_ics_command_for_one_unit_with_alarms() -> None:
    result = run("ics", "schedules/haidong-2024.yaml", "--unit", "市农业农村局", "--alarm", "3d")
    assert result.exit_code == 0
    cal = icalendar.Calendar.from_ical(result.output.encode())
    assert str(cal["X-WR-CALNAME"]).startswith("市农业农村局")
    triggers = {a["TRIGGER"].to_ical().decode() for a in cal.walk("VALARM")}
    assert triggers == {"-P2DT15H"}  # 09:00 three days before


def test_ics_command_without_alarms_and_default_alarms() -> None:
    assert "VALARM" not in run("ics", "schedules/anqiu-eco-farm.yaml", "--no-alarms").output
    cal = icalendar.Calendar.from_ical(run("ics", "schedules/anqiu-eco-farm.yaml").output.encode())
    assert {a["TRIGGER"].to_ical().decode() for a in cal.walk("VALARM")} == {"-P6DT15H", "-PT15H"}


def test_ics_command_suggests_the_closest_unit() -> None:
    result = run("ics", "schedules/haidong-2024.yaml", "--unit", "农业农村局")
    assert result.exit_code == 2
    assert "no task names the unit `农业农村局`; did you mean 市农业农村局" in result.stderr


def test_ics_command_writes_a_file(tmp_path: Path) -> None:
    shutil.copy(SCHEDULES / "anqiu-eco-farm.yaml", tmp_path / "anqiu.yaml")
    result = run("ics", str(tmp_path / "anqiu.yaml"), "-o", str(tmp_path / "anqiu.ics"), "--unit", "财政局")
    assert result.exit_code == 0
    cal = icalendar.Calendar.from_ical((tmp_path / "anqiu.ics").read_bytes())
    assert {str(e["UID"]).split("@")[0] for e in cal.walk("VEVENT")} == {
        f"{event}.shi-cai-zheng-ju"  # a unit's feed names its events with the unit's slug
        for event in (
            "anqiu-eco-farm-green-loans-due",
            "anqiu-eco-farm-green-loans-start",
            "anqiu-eco-farm-awards-funding-due",
            "anqiu-eco-farm-honours-due",
            "anqiu-eco-farm-honours-start",
        )
    }


def test_stamps_move_forward_even_when_the_clock_does_not() -> None:
    from schedgen.export.feed.ics import Stamp, events
    from schedgen.export.feed.ics import stamps as stamp_events
    from schedgen.load import loads
    from schedgen.resolve import resolve

    timeline = resolve(loads("title: x\nyear: 2024\ntasks: [{id: a, when: 5月10日前, task: 甲}]\n"))
    (event,) = events(timeline, ())
    old = {event.uid: Stamp("other", 4, "20300101T000000Z")}
    new = stamp_events([event], old, datetime(2024, 1, 1, tzinfo=timezone.utc))
    assert new[event.uid] == Stamp(event.digest, 5, "20300101T000001Z")


def fold_points(folded: str) -> tuple[str, list[int]]:
    """The unfolded line, and where in it each fold fell."""
    pieces = folded.removesuffix("\r\n").split("\r\n ")
    points, at = [], 0
    for piece in pieces[:-1]:
        at += len(piece)
        points.append(at)
    return "".join(pieces), points


@given(st.integers(0, 160), st.text(alphabet=st.sampled_from("\\,;:\n a中文，；"), max_size=80))
def test_a_fold_never_falls_inside_an_escape(padding: int, tail: str) -> None:
    text = "a" * padding + tail  # the padding moves escapes across every fold position
    folded = prop("DESCRIPTION", escape(text))
    line, points = fold_points(folded)
    assert line == "DESCRIPTION:" + escape(text)
    assert all(len(part.encode()) <= 75 for part in folded.removesuffix("\r\n").split("\r\n"))
    seconds, i = set(), 0
    while i < len(line):
        if line[i] == "\\":
            seconds.add(i + 1)
            i += 2
        else:
            i += 1
    assert not seconds & set(points), (line, points)


def test_a_rolled_year_has_uids_of_its_own(tmp_path: Path) -> None:
    plan = str(SCHEDULES / "haidong-2024.yaml")
    own = run("ics", plan, "--state", str(tmp_path / "state"))
    rolled = run("ics", plan, "--year", "2025", "--state", str(tmp_path / "state"))
    uids = [set(re.findall(r"^UID:(.+?)\r?$", r.output, re.M)) for r in (own, rolled)]
    assert "haidong-2024-policy-support-start@schedgen" in uids[0]
    assert len(uids[0]) > 20 and len(uids[1]) > 20 and not uids[0] & uids[1]


def test_one_uid_carries_one_content_in_every_feed(site: Path) -> None:
    contents: dict[str, set[bytes]] = {}
    for path in feed_files(site):
        for event in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"):
            contents.setdefault(str(event["UID"]), set()).add(event.to_ical())
    assert len(contents) > 100
    assert {uid: len(found) for uid, found in contents.items() if len(found) > 1} == {}


def test_a_units_contact_in_the_registry_is_in_its_feeds(tmp_path: Path) -> None:
    # `units: {市财政局: {contact: …}}` was read and then shown nowhere, in no feed, page or report
    plans = tmp_path / "plans"
    plans.mkdir()
    for sid, when in (("a", "3月1日前"), ("b", "4月1日前")):
        (plans / f"{sid}.yaml").write_text(
            f"id: {sid}\ntitle: 计划{sid}\norg: 测试市\nyear: 2024\n"
            + ("units:\n  市财政局: {contact: 张三 0536-1234567}\n" if sid == "a" else "")
            + f"tasks:\n  - {{id: t, when: {when}, task: 任务, units: 市财政局}}\n",
            encoding="utf-8",
        )
    site = tmp_path / "site"
    assert run("build", str(plans), "-o", str(site), "--only", "ics").exit_code == 0
    for feed in (
        site / "a" / "units" / "shi-cai-zheng-ju.ics",
        site / "orgs" / "ce-shi-shi" / "units" / "shi-cai-zheng-ju.ics",
    ):
        calendar = icalendar.Calendar.from_ical(feed.read_bytes())
        assert "张三 0536-1234567" in str(calendar["X-WR-CALDESC"]), feed
    # a plan that gives no contact says none
    calendar = icalendar.Calendar.from_ical((site / "b" / "units" / "shi-cai-zheng-ju.ics").read_bytes())
    assert "张三" not in str(calendar["X-WR-CALDESC"])


def test_the_feed_of_a_unit_with_ongoing_work_only_is_a_clear_error(tmp_path: Path) -> None:
    # ongoing work makes no event, so the unit has no feed: `ics --unit` ended in a StopIteration traceback
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "title: 测试计划\nyear: 2024\ntasks:\n"
        "  - {id: a, when: 3月10日前, task: 甲, units: 市财政局}\n"
        "  - {id: b, when: 长期坚持, task: 乙, units: 市发改委}\n"
        "  - {id: c, when: 从2025年3月起每月10日前, task: 丙, units: 市商务局}\n",
        encoding="utf-8",
    )
    for unit, when in (("市发改委", "长期坚持"), ("市商务局", "从2025年3月起每月10日前")):  # no day in the window
        result = run("ics", str(plan), "--unit", unit)
        assert result.exit_code == 2
        assert unit in result.stderr and when in result.stderr and "Traceback" not in result.output


def test_a_reminder_given_twice_rings_once(tmp_path: Path) -> None:
    # `reminders: [7d, 7d, 168h]` (or --alarm 1d --alarm 24h) put three alarms that ring at one moment on each event
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "title: 测试计划\nyear: 2024\nreminders: [7d, 7d, 168h, 1d]\ntasks:\n"
        + "".join(f"  - {{id: t{i}, when: 3月10日前, task: 任务{i}, units: 市财政局}}\n" for i in range(6)),
        encoding="utf-8",
    )
    for args in (("ics", str(plan)), ("ics", str(plan), "--unit", "市财政局")):  # a task's event, a crowded day's
        result = run(*args)
        assert result.exit_code == 0, result.output
        for event in icalendar.Calendar.from_ical(result.stdout_bytes).walk("VEVENT"):
            triggers = [str(alarm["TRIGGER"].to_ical()) for alarm in event.walk("VALARM")]
            assert len(triggers) == len(set(triggers)) == 2, triggers


def test_a_plan_rolled_to_next_year_does_not_carry_last_years_done(tmp_path: Path) -> None:
    """`--year 2025` rolls a 2024 plan whose tasks were done in 2024: the 2025 deadlines are still to do.
    Shown 【已完成】 without reminders, and done in every report, the unit would never be reminded of them;
    a task done within the rolled year (marked on the rolled plan) stays done."""
    plan = tmp_path / "roll.yaml"
    plan.write_text(
        "id: roll\ntitle: 滚动\nyear: 2024\ntasks:\n"
        "  - {id: sent, when: 5月10日前, task: 年度报送, units: 市财政局, status: done, done: 2024-05-08}\n"
        "  - {id: summed, when: 6月10日前, task: 年度总结, units: 市财政局, status: done}\n"
        "  - {id: early, when: 7月10日前, task: 今年已完成, units: 市财政局, status: done, done: 2025-03-01}\n",
        encoding="utf-8",
    )
    made = run("ics", str(plan), "--year", "2025", "-o", str(tmp_path / "roll.ics"))
    assert made.exit_code == 0, made.stderr
    events = {
        str(e["UID"]): e for e in icalendar.Calendar.from_ical((tmp_path / "roll.ics").read_bytes()).walk("VEVENT")
    }
    for task in ("sent", "summed"):
        event = events[f"roll-2025-{task}-due@schedgen"]
        assert str(event["SUMMARY"]).startswith("【截止】") and event.walk("VALARM"), task
    assert str(events["roll-2025-early-due@schedgen"]["SUMMARY"]).startswith("【已完成】")
    listed = run("report", str(plan), "--year", "2025", "--as-of", "2025-05-20", "--format", "json", "--all")
    states = {i["id"]: i["state"] for i in json.loads(listed.output)["items"]}
    assert states == {"sent": "overdue", "summed": "upcoming", "early": "done"}
    said = run("check", str(plan), "--year", "2025")
    assert "sent" in said.output and "2024-05-08" in said.output


def test_a_crowded_days_title_names_an_open_task_and_how_many_are_open(tmp_path: Path) -> None:
    """Seven deadlines of one unit on 31 December are one event in its feed; the first two are done and
    cancelled. A month view shows only the title: it must name a task still to do and say how many are,
    not lead with one finished."""
    rows = [
        "  - {id: t0, when: 12月31日前, task: 已经完成的任务, units: 市财政局, status: done, done: 2024-06-01}",
        "  - {id: t1, when: 12月31日前, task: 已经取消的任务, units: 市财政局, status: cancelled}",
        *(f"  - {{id: t{n}, when: 12月31日前, task: 待办任务{n}, units: 市财政局}}" for n in range(2, 7)),
    ]
    plan = tmp_path / "crowd.yaml"
    plan.write_text("id: crowd\ntitle: 拥挤\nyear: 2024\ntasks:\n" + "\n".join(rows) + "\n", encoding="utf-8")
    made = run("ics", str(plan), "--unit", "市财政局", "-o", str(tmp_path / "u.ics"))
    assert made.exit_code == 0, made.stderr
    (event,) = icalendar.Calendar.from_ical((tmp_path / "u.ics").read_bytes()).walk("VEVENT")
    title = str(event["SUMMARY"])
    assert "待办任务2" in title and "已经完成" not in title and "5 项未完成" in title, title


@pytest.mark.parametrize("rule", ["keep", "previous-workday"])
def test_a_duty_the_plan_postpones_off_holidays_falls_due_after_them(tmp_path: Path, rule: str) -> None:
    """每月5日前（遇节假日顺延）: the plan itself says a 5th on a holiday moves to the next working day. The feed
    put 5 October 2024 (国庆) on the holiday, or moved it back to 30 September with previous-workday, five
    working days before the day the plan gives."""
    plan = tmp_path / "later.yaml"
    plan.write_text(
        f"id: later\ntitle: 顺延\nyear: 2024\ndue_on_holiday: {rule}\ntasks:\n"
        "  - {id: monthly, when: 每月5日前（遇节假日顺延）, task: 报送月报, units: 市统计局}\n",
        encoding="utf-8",
    )
    made = run("ics", str(plan), "-o", str(tmp_path / "later.ics"))
    assert made.exit_code == 0, made.stderr
    days = {e["DTSTART"].dt for e in icalendar.Calendar.from_ical((tmp_path / "later.ics").read_bytes()).walk("VEVENT")}
    assert date(2024, 10, 8) in days and date(2024, 5, 6) in days, sorted(days)
    assert not days & {date(2024, 10, 5), date(2024, 9, 30), date(2024, 5, 5), date(2024, 4, 30)}
    events = icalendar.Calendar.from_ical((tmp_path / "later.ics").read_bytes()).walk("VEVENT")
    (october,) = [e for e in events if e["DTSTART"].dt == date(2024, 10, 8)]
    assert "原定：2024-10-05（星期六），遇节假日顺延" in str(october["DESCRIPTION"])
    said = run("check", str(plan))
    assert "顺延" in said.output and "2024-10-08" in said.output


def test_a_duty_postponed_over_one_holiday_is_moved_over_that_one_only(tmp_path: Path) -> None:
    """遇春节顺延 moves a due day in 春节 to the working day after; one in 国庆 stays where it falls (and is found)."""
    plan = tmp_path / "spring.yaml"
    plan.write_text(
        "id: spring\ntitle: 顺延\nyear: 2024\ntasks:\n"
        "  - {id: monthly, when: 每月12日前，遇春节顺延, task: 报送月报, units: 市统计局}\n",
        encoding="utf-8",
    )
    made = run("ics", str(plan), "-o", str(tmp_path / "spring.ics"))
    assert made.exit_code == 0, made.stderr
    days = {
        e["DTSTART"].dt for e in icalendar.Calendar.from_ical((tmp_path / "spring.ics").read_bytes()).walk("VEVENT")
    }
    assert date(2024, 2, 18) in days and date(2024, 2, 12) not in days  # 春节 2月10日–17日, 18日 is a working Sunday
    assert date(2024, 5, 12) in days  # a Sunday: the plan postpones over 春节 only
