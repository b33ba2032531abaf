"""Incremental and parallel builds: what a rebuild renders, what it reuses, and that the bytes never differ."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from schedgen import feedstate
from schedgen.commands.build import build as build_site

from .conftest import run

PLAN = """title: {title}
year: 2024
tasks:
  - id: a
    when: {when}
    task: 甲任务
    units: 市财政局
  - id: b
    when: 每季度一督查
    task: 乙任务
    units: 市农业农村局
"""


def counts(output: str) -> tuple[int, int]:
    found = re.search(r"\((\d+) rendered, (\d+) reused\)", output)
    assert found, output
    return int(found[1]), int(found[2])


def snapshot(folder: Path) -> dict[Path, bytes]:
    """Every file of a site, but the seal, which records the identity (inode, time) of each file."""
    files = {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    return {p: data for p, data in files.items() if p != Path(".schedgen/seal.json")}


def test_a_rebuild_renders_only_the_outputs_whose_content_changed(tmp_path: Path) -> None:
    one, two = tmp_path / "one.yaml", tmp_path / "two.yaml"
    one.write_text(PLAN.format(title="甲计划", when="3月1日前"), encoding="utf-8")
    two.write_text(PLAN.format(title="乙计划", when="5月10日前"), encoding="utf-8")
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    options = ["--only", "svg,html,csv,json,ics", "--as-of", "2024-01-02"]
    build = ["build", str(one), str(two), "-o", str(out), *options]

    first = run(*build)
    assert first.exit_code == 0, first.output
    rendered, reused = counts(first.output)
    assert reused == 0 and rendered == len([p for p in snapshot(out) if p.parts[0] != ".schedgen"]) - 1
    before = snapshot(out)

    again = run(*build)
    # every file: the feeds too, since their ledger is the one this build wrote with them
    assert counts(again.output) == (0, rendered)
    assert snapshot(out) == before

    one.write_text(PLAN.format(title="甲计划", when="3月2日前"), encoding="utf-8")
    edited = run(*build)
    second = [p for p in snapshot(out) if p.parts[0] == "two"]
    assert len(second) == 4 + 3  # svg, page, csv, json; its feed and its two units' feeds
    # only the second plan's, and the unit index: the edit changed no plan's units
    assert counts(edited.output) == (rendered - len(second) - 1, len(second) + 1)
    assert run("build", str(one), str(two), "-o", str(fresh), *options).exit_code == 0

    def rendered_alike(folder: Path) -> dict[Path, bytes]:  # the feeds carry the edit's SEQUENCE and stamp
        return {p: data for p, data in snapshot(folder).items() if p.suffix != ".ics" and p.parts[0] != ".schedgen"}

    assert rendered_alike(out) == rendered_alike(fresh)


def test_charts_and_pages_render_the_same_bytes_in_parallel_as_in_one_process(tmp_path: Path) -> None:
    one, two = tmp_path / "one.yaml", tmp_path / "two.yaml"
    one.write_text(PLAN.format(title="甲计划", when="3月1日前"), encoding="utf-8")
    two.write_text(PLAN.format(title="乙计划", when="5月10日前"), encoding="utf-8")
    # one clock for both: two builds a second apart stamp new feed events a second apart
    moment = {"now": datetime(2024, 1, 2, tzinfo=timezone.utc), "as_of": date(2024, 1, 2)}
    only = ("svg", "pdf", "html", "ics")
    build_site([one, two], tmp_path / "serial", only=only, jobs=1, **moment)
    build_site([one, two], tmp_path / "parallel", only=only, jobs=2, **moment)
    assert snapshot(tmp_path / "serial") == snapshot(tmp_path / "parallel")


def test_a_plans_charts_are_reused_or_drawn_together(tmp_path: Path) -> None:
    one, two = tmp_path / "one.yaml", tmp_path / "two.yaml"
    one.write_text(PLAN.format(title="甲计划", when="3月1日前"), encoding="utf-8")
    two.write_text(PLAN.format(title="乙计划", when="5月10日前"), encoding="utf-8")
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    common = ["--only", "png,pdf,svg", "--as-of", "2024-01-02", "--jobs", "2"]
    assert counts(run("build", str(one), str(two), "-o", str(out), *common).output) == (6, 0)
    one.write_text(PLAN.format(title="甲计划", when="3月2日前"), encoding="utf-8")
    assert counts(run("build", str(one), str(two), "-o", str(out), *common).output) == (3, 3)
    assert run("build", str(one), str(two), "-o", str(fresh), *common).exit_code == 0
    charts = {p: data for p, data in snapshot(out).items() if p.name.startswith("gantt")}
    assert sorted(map(str, charts)) == [f"{sid}/gantt.{fmt}" for sid in ("one", "two") for fmt in ("pdf", "png", "svg")]
    assert charts == {p: data for p, data in snapshot(fresh).items() if p.name.startswith("gantt")}


def test_all_ics_made_plan_by_plan_is_the_one_feed_of_every_event(tmp_path: Path) -> None:
    from schedgen.export.feed import ics
    from schedgen.plans import timelines

    from .conftest import SCHEDULES

    now = datetime(2024, 1, 2, tzinfo=timezone.utc)
    assert run("build", str(SCHEDULES), "-o", str(tmp_path / "site"), "--only", "ics").exit_code == 0
    parts = []
    for timeline in timelines([SCHEDULES]):
        events = ics.events(timeline, timeline.schedule.reminders or ics.DEFAULT_REMINDERS)
        ledger = tmp_path / "site" / ".schedgen" / "feed-state" / f"{timeline.schedule.id}.json"
        parts.append((events, ics.stamps(events, feedstate.decode(ledger.read_bytes(), ledger), now)))
    assert (tmp_path / "site" / "all.ics").read_bytes() == ics.combined_feed("全部计划", parts)


def test_a_file_missing_from_the_published_site_is_rendered_again_with_its_part(tmp_path: Path) -> None:
    one = tmp_path / "one.yaml"
    one.write_text(PLAN.format(title="甲计划", when="3月1日前"), encoding="utf-8")
    out = tmp_path / "out"
    build = ["build", str(one), "-o", str(out), "--only", "ics", "--as-of", "2024-01-02"]
    assert run(*build).exit_code == 0
    before = snapshot(out)
    (out / "one" / "units" / "shi-cai-zheng-ju.ics").unlink()
    again = run(*build)
    assert counts(again.output) == (3, 2)  # its feed and its two units' feeds, whole; all.ics and units.json reused
    assert snapshot(out) == before


def test_a_chart_build_overtaken_by_a_newer_save_publishes_nothing(tmp_path: Path) -> None:
    # serve draws the charts after publishing a save; a save made meanwhile must not wait for them
    from schedgen.commands.build import Superseded

    one = tmp_path / "one.yaml"
    one.write_text(PLAN.format(title="甲计划", when="3月1日前"), encoding="utf-8")
    out = tmp_path / "out"
    moment = {"now": datetime(2024, 1, 2, tzinfo=timezone.utc), "as_of": date(2024, 1, 2)}
    build_site([one], out, **moment)
    before = snapshot(out)
    one.write_text(PLAN.format(title="甲计划", when="4月1日前"), encoding="utf-8")
    asked = []
    with pytest.raises(Superseded):
        build_site([one], out, superseded=lambda: not asked.append(True), **moment)
    assert asked and snapshot(out) == before
    assert {p.name for p in tmp_path.iterdir()} == {".out.spare", "one.yaml", "out"}  # no staging folder left behind


def test_a_rebuild_with_the_same_units_takes_their_slugs_from_the_last_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # working slugs out imports pypinyin, a third of an edit's rebuild; the same units keep the same slugs
    from schedgen import units

    one = tmp_path / "one.yaml"
    one.write_text(PLAN.format(title="甲计划", when="3月1日前"), encoding="utf-8")
    out = tmp_path / "out"
    build = ["build", str(one), "-o", str(out), "--only", "html,ics", "--as-of", "2024-01-02"]
    assert run(*build).exit_code == 0
    names = sorted(p.name for p in (out / "one" / "units").iterdir())
    one.write_text(PLAN.format(title="甲计划（修订）", when="3月1日前"), encoding="utf-8")

    def slugify(name: str) -> str:
        raise AssertionError(f"slug of {name} worked out again")

    monkeypatch.setattr(units, "slugify", slugify)
    result = run(*build)
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (out / "one" / "units").iterdir()) == names
    assert "甲计划（修订）" in (out / "one" / "index.html").read_text(encoding="utf-8")
    # a slug file edited to point outside the site is not trusted
    stored = out / ".schedgen" / "slugs.json"
    stored.write_text(stored.read_text(encoding="utf-8").replace('"shi-cai-zheng-ju"', '"../../evil"'), "utf-8")
    monkeypatch.undo()
    one.write_text(PLAN.format(title="甲计划", when="3月1日前"), encoding="utf-8")
    assert run(*build).exit_code == 0
    assert sorted(p.name for p in (out / "one" / "units").iterdir()) == names
    assert not (tmp_path / "evil.ics").exists() and not (out / "evil.ics").exists()


def test_a_page_sent_to_a_worker_carries_its_own_plan_not_the_whole_site(tmp_path: Path) -> None:
    # a province's 500 pages each pickled every plan of the site for its worker: minutes of a cold build
    import pickle

    from schedgen.commands.build import pages
    from schedgen.commands.build_feeds import Slugs
    from schedgen.plans import plans

    one, two = tmp_path / "one.yaml", tmp_path / "two.yaml"
    one.write_text(PLAN.format(title="甲计划", when="3月1日前"), encoding="utf-8")
    two.write_text(PLAN.format(title="乙计划", when="5月10日前").replace("甲任务", "只在乙计划里的任务"), "utf-8")
    found = plans([one, two])
    slugs = Slugs([p.facts for p in found])
    parts = {p.name: p for p in pages(found, {"html", "ics"}, date(2024, 1, 2), None, None, slugs)}
    sent = pickle.dumps(parts["one/index.html"].render)
    assert "甲计划".encode() in sent and "只在乙计划里的任务".encode() not in sent
    assert parts["one/index.html"].render() == pickle.loads(sent)()


@pytest.mark.parametrize(
    ("record", "damage"),
    [
        (".schedgen/manifest.json", "[" * 100_000 + "]" * 100_000),
        (".schedgen/slugs.json", "[" * 100_000 + "]" * 100_000),
        (".schedgen/manifest.json", '{"one/index.html": {"key": 1e400, "files": [2]}}'),
        (".schedgen/slugs.json", '{"key": [], "slugs": "x"}'),
        (".schedgen/feed-state/one.json", "[" * 100_000 + "]" * 100_000),
    ],
)
def test_a_damaged_build_record_is_read_as_missing_and_said(tmp_path: Path, record: str, damage: str) -> None:
    one = tmp_path / "one.yaml"
    one.write_text(PLAN.format(title="甲计划", when="3月1日前"), encoding="utf-8")
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    build = ["build", str(one), "--only", "html,ics", "--as-of", "2024-01-02"]
    assert run(*build, "-o", str(out)).exit_code == 0
    (out / record).write_text(damage, encoding="utf-8")
    result = run(*build, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stderr.count("warning") == 1 and f"{out / record}: warning: " in result.stderr, result.stderr
    assert run(*build, "-o", str(fresh)).exit_code == 0
    alike = {p: data for p, data in snapshot(fresh).items() if p.suffix != ".ics" and p.parts[0] != ".schedgen"}
    assert {p: data for p, data in snapshot(out).items() if p in alike} == alike
    assert run(*build, "-o", str(out)).stderr == ""  # the build wrote the record anew


@pytest.mark.parametrize(
    "stamp",
    [
        '"sequence": 1e400, "modified": "20240102T000000Z"',
        '"sequence": -5, "modified": "20240102T000000Z"',
        '"sequence": 1000000000000000000000000000000, "modified": "20240102T000000Z"',
        '"sequence": 3, "modified": "yesterday"',
        '"sequence": true, "modified": "20240102T000000Z"',
    ],
)
def test_a_damaged_feed_ledger_starts_afresh_and_publishes_no_wild_sequence(tmp_path: Path, stamp: str) -> None:
    one = tmp_path / "one.yaml"
    one.write_text(PLAN.format(title="甲计划", when="3月1日前"), encoding="utf-8")
    out = tmp_path / "out"
    build = ["build", str(one), "-o", str(out), "--only", "ics", "--as-of", "2024-01-02"]
    assert run(*build).exit_code == 0
    ledger = out / ".schedgen" / "feed-state" / "one.json"
    stamps = json.loads(ledger.read_text(encoding="utf-8"))
    damaged = ",\n".join(f'"{uid}": {{"digest": "{s["digest"]}", {stamp}}}' for uid, s in stamps.items())
    ledger.write_text("{" + damaged + "}", encoding="utf-8")
    one.write_text(PLAN.format(title="甲计划", when="3月2日前"), encoding="utf-8")  # every event changes
    result = run(*build)
    assert result.exit_code == 0, result.output
    assert f"{ledger}: warning: " in result.stderr, result.stderr
    sequences = set(re.findall(r"SEQUENCE:(\S*)", (out / "one" / "one.ics").read_text(encoding="utf-8")))
    assert sequences == {"0"}


def _chart_or_die(plan, formats, options):  # type: ignore[no-untyped-def]
    """A chart render whose worker dies as the OOM killer kills it: for plan `two` always, for `once` the first time."""
    import os

    from schedgen.commands import build as building

    sid = plan.id
    marker = Path(os.environ["DIE_MARKER"])
    if sid == "two" or (sid == "once" and not marker.exists()):
        marker.touch()
        os._exit(9)
    return building._chart_files.__wrapped__(plan, formats, options)  # type: ignore[attr-defined]


def _dying_charts(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import functools

    from schedgen.commands import build as building

    monkeypatch.setenv("DIE_MARKER", str(tmp_path / "died"))
    monkeypatch.setattr(building, "_chart_files", functools.wraps(building._chart_files)(_chart_or_die))


MOMENT = {"now": datetime(2024, 1, 2, tzinfo=timezone.utc), "as_of": date(2024, 1, 2)}


def _two_plans(tmp_path: Path, second: str) -> tuple[Path, Path]:
    one, other = tmp_path / "one.yaml", tmp_path / f"{second}.yaml"
    one.write_text(PLAN.format(title="甲计划", when="3月1日前"), encoding="utf-8")
    other.write_text(PLAN.format(title="乙计划", when="5月10日前"), encoding="utf-8")
    return one, other


def test_a_killed_chart_worker_names_its_plan_and_publishes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from schedgen.errors import BuildError

    one, two = _two_plans(tmp_path, "two")
    moment, out = MOMENT, tmp_path / "out"
    build_site([one], out, only=("svg", "ics"), **moment)
    before = snapshot(out)
    _dying_charts(monkeypatch, tmp_path)
    with pytest.raises(BuildError, match=r"two/gantt.*nothing was published"):
        build_site([one, two], out, only=("svg", "ics"), jobs=2, **moment)
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.spare", "died", "one.yaml", "out", "two.yaml"]


def test_a_chart_worker_killed_once_is_drawn_again_and_the_build_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one, once = _two_plans(tmp_path, "once")
    moment = MOMENT
    build_site([one, once], tmp_path / "calm", only=("svg", "html"), jobs=1, **moment)
    _dying_charts(monkeypatch, tmp_path)
    build_site([one, once], tmp_path / "out", only=("svg", "html"), jobs=2, **moment)
    assert (tmp_path / "died").exists()
    assert snapshot(tmp_path / "out") == snapshot(tmp_path / "calm")


def two_plans(folder: Path, first: tuple[str, str], second: tuple[str, str]) -> Path:
    """A folder of two plans, each given as (file name, id)."""
    folder.mkdir()
    for (name, sid), title, when in ((first, "甲计划", "3月1日前"), (second, "乙计划", "4月1日前")):
        (folder / name).write_text(f"id: {sid}\n" + PLAN.format(title=title, when=when), encoding="utf-8")
    return folder


def test_plan_ids_that_differ_only_in_case_are_refused_as_one_folder(tmp_path: Path) -> None:
    # `p/` and `P/` are two folders here and one on Windows and macOS, where the second plan's page, chart and
    # feeds were written over the first's without a word (unit slugs and org folders are refused so already)
    plans = two_plans(tmp_path / "plans", ("a.yaml", "p"), ("b.yaml", "P"))
    result = run("build", str(plans), "-o", str(tmp_path / "site"), "--only", "ics")
    assert result.exit_code == 2
    assert f"{plans / 'b.yaml'}:1:1: error: schedule id `P`" in result.stderr and str(plans / "a.yaml") in result.stderr
    # the first is published; the second is named with its error
    assert (tmp_path / "site" / "p" / "p.ics").is_file() and not (tmp_path / "site" / "P").exists()


def test_a_plan_whose_name_ends_in_upper_case_yaml_is_read_from_its_folder(tmp_path: Path) -> None:
    # a file saved on Windows as 计划.YAML was left out of build, check and report of its folder, without a word
    plans = two_plans(tmp_path / "plans", ("UP.YAML", "up"), ("low.Yml", "low"))
    result = run("build", str(plans), "-o", str(tmp_path / "site"), "--only", "ics")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "site" / "up" / "up.ics").is_file() and (tmp_path / "site" / "low" / "low.ics").is_file()
    assert "甲计划" in run("check", str(plans)).output


def test_build_says_which_feeds_split_one_unit_written_two_ways(tmp_path: Path) -> None:
    """A plan writes 各县区 in one task and 各县区人民政府 in another: the build publishes a feed for each, so the
    county that subscribes to one never gets the other's deadlines. `check` says so, but the clerk who only
    publishes must be told too, with the line that makes them one feed."""
    plan = tmp_path / "two.yaml"
    plan.write_text(
        "id: two\ntitle: 测试\nyear: 2024\ntasks:\n"
        "  - {id: month, when: 5月10日前, task: 上报进展, units: 各县区}\n"
        "  - {id: sum, when: 6月30日前, task: 总结, units: 各县区人民政府}\n"
        "  - {id: own, when: 6月30日前, task: 审计, units: 市审计局}\n",
        encoding="utf-8",
    )
    out = tmp_path / "site"
    result = run("build", str(plan), "-o", str(out), "--only", "ics", "--as-of", "2024-05-01")
    assert result.exit_code == 0, result.stderr
    assert (out / "two/units/ge-xian-qu.ics").is_file() and (
        out / "two/units/ge-xian-qu-ren-min-zheng-fu.ics"
    ).is_file()
    assert "「各县区」" in result.stderr and "各县区人民政府: {aliases: [各县区]}" in result.stderr
    assert "市审计局" not in result.stderr


def test_build_names_the_tasks_no_units_feed_holds(tmp_path: Path) -> None:
    """A task with no unit, where the others name theirs, is in no unit's feed, only the plan's: the clerk who
    publishes the unit feeds must be told which tasks no unit will be reminded of."""
    plan = tmp_path / "none.yaml"
    plan.write_text(
        "id: none\ntitle: 测试\nyear: 2024\ntasks:\n"
        "  - {id: owned, when: 5月10日前, task: 上报进展, units: 市财政局}\n"
        "  - {id: orphan, when: 6月30日前, task: 无人负责的总结}\n",
        encoding="utf-8",
    )
    result = run("build", str(plan), "-o", str(tmp_path / "site"), "--only", "ics", "--as-of", "2024-05-01")
    assert result.exit_code == 0, result.stderr
    assert "none: " in result.stderr and "orphan" in result.stderr and "owned" not in result.stderr
