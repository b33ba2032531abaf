"""A report over plans kept in the cache reads only what it lists of them (each plan's digest, kept before
its timeline), and says what a report read from the YAML says; an entry that does not read is made again."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest

from schedgen import plans
from schedgen.model import Timeline

from .conftest import SCHEDULES, run

FORMATS = ("table", "md", "csv", "json", "html")
CASES = (
    ["--all"],
    ["--by", "schedule", "--all"],
    ["--unit", "财政局"],  # an alias, in one plan's registry
    ["--stage", "政策保障", "--all"],
    ["--done-since", "2024-04-01"],
)
PLAN = """title: 甲计划
year: 2024
org: 海东市
units:
  市财政局: {aliases: [财政局]}
stages:
  - name: 第一阶段
    tasks:
      - id: a
        when: 3月1日至6月30日
        task: 甲任务
        lead: 市财政局
        units: 市农业农村局
      - id: b
        when: 每季度末
        task: 乙任务
        units: 市农业农村局
        status: done
        done: 2024-04-02
tasks:
  - id: c
    when: 5月10日、9月10日前
    task: 丙任务
    units: 市财政局
"""


@pytest.fixture
def cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache of its own, used for plans of any size, and no plan kept in this process."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("SCHEDGEN_NO_CACHE", raising=False)
    monkeypatch.setattr(plans, "CACHE_FROM_BYTES", 0)
    plans._last.clear()
    return tmp_path / "cache" / "schedgen"


def report(paths: list[Path], fmt: str, *args: str) -> str:
    result = run("report", *map(str, paths), "--as-of", "2024-05-01", "--format", fmt, *args)
    assert result.exit_code == 0, result.output
    plans._last.clear()  # as a new process starts
    return result.stdout


def test_a_report_read_from_the_cache_is_the_report_read_from_the_yaml(
    cached: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = [SCHEDULES, tmp_path / "plan.yaml"]
    paths[1].write_text(PLAN, encoding="utf-8")
    monkeypatch.setenv("SCHEDGEN_NO_CACHE", "1")
    parsed = {(fmt, *args): report(paths, fmt, *args) for fmt in FORMATS for args in CASES}
    monkeypatch.delenv("SCHEDGEN_NO_CACHE")
    assert report(paths, "table") and len(list(cached.rglob("*.pickle"))) == 6  # each plan parsed, and kept

    def unread(*args: object, **kwargs: object) -> list[plans.Plan]:
        raise AssertionError("a plan was read again, or its timeline, where its digest was kept")

    monkeypatch.setattr(plans, "plans", unread)
    for (fmt, *args), expected in parsed.items():
        assert report(paths, fmt, *args) == expected, (fmt, args)


def test_plans_that_share_an_id_are_refused_though_each_is_kept(cached: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one.yaml", tmp_path / "two.yaml"
    one.write_text("id: same\n" + PLAN, encoding="utf-8")
    two.write_text("id: same\n" + PLAN.replace("乙任务", "丁任务"), encoding="utf-8")
    report([one], "json")
    report([two], "json")
    result = run("report", str(one), str(two), "--as-of", "2024-05-01")
    assert result.exit_code == 2 and f"schedule id `same` is also used by {one}" in result.stderr, result.output


@pytest.mark.parametrize("damage", ["old layout", "cut short", "digest unreadable", "timeline unreadable"])
def test_a_cache_entry_that_does_not_read_is_read_as_missing_and_made_again(
    cached: Path, tmp_path: Path, damage: str
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    expected = report([plan], "json", "--all")
    (entry,) = cached.rglob("*.pickle")
    whole = entry.read_bytes()
    key = whole[:64].decode()
    timeline = plans._cached_timeline(entry, key)
    assert timeline is not None and plans._cached_digest(entry, key, set()) is not None
    head = len(whole) - len(pickle.dumps(timeline, protocol=pickle.HIGHEST_PROTOCOL))
    damaged = {
        "old layout": key.encode() + pickle.dumps(timeline, protocol=pickle.HIGHEST_PROTOCOL),
        "cut short": whole[: head // 2],
        "digest unreadable": whole[: plans._HEAD] + b"\0" * (head - plans._HEAD) + whole[head:],
        "timeline unreadable": whole[:head] + b"\0" * (len(whole) - head),
    }[damage]
    entry.write_bytes(damaged)
    assert report([plan], "json", "--all") == expected
    result = run("build", str(plan), "-o", str(tmp_path / "site"), "--only", "json", "--as-of", "2024-05-01")
    assert result.exit_code == 0, result.output
    assert plans._cached_timeline(entry, key) == timeline and plans._cached_digest(entry, key, set()) is not None
    assert report([plan], "json", "--all") == expected


def _plans_and_sites(tmp_path: Path, org: str | None) -> tuple[Path, Path, Path]:
    folder = tmp_path / "plans"
    folder.mkdir()
    for n, title in enumerate(("甲计划", "乙计划", "丙计划")):
        text = PLAN.replace("甲计划", title).replace("org: 海东市\n", f"org: {org}\n" if org else "")
        (folder / f"p{n}.yaml").write_text(text, encoding="utf-8")
    return folder, tmp_path / "site", tmp_path / "cold"


@pytest.mark.parametrize("org", [None, "海东市"])
def test_a_build_after_one_edit_reads_only_the_timelines_it_renders_and_publishes_what_a_cold_build_does(
    cached: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, org: str | None
) -> None:
    # an edit of one plan of a province read all 500 timelines from the cache (0.45 s of a 2 s rebuild) to
    # render one plan's outputs: the others' parts are kept, and what a build needs of them is kept apart
    from datetime import date, datetime, timezone

    from schedgen.commands.build import build

    moment = {"now": datetime(2024, 1, 2, tzinfo=timezone.utc), "as_of": date(2024, 5, 1)}
    folder, site, cold = _plans_and_sites(tmp_path, org)
    build([folder], site, **moment)
    plans._last.clear()  # as a new process starts
    read: list[str] = []  # each timeline unpickled from the cache, by its plan's id
    real = pickle.loads

    def loads(data: bytes, **options: object) -> object:
        found = real(data, **options)  # type: ignore[arg-type]
        if isinstance(found, Timeline):
            read.append(found.schedule.id)
        return found

    monkeypatch.setattr(pickle, "loads", loads)
    edited = folder / "p1.yaml"
    edited.write_text(edited.read_text(encoding="utf-8").replace("9月10日前", "9月20日前"), encoding="utf-8")
    build([folder], site, **moment)
    # an org's feeds of a unit gather its events across the org's plans: those plans' timelines are read
    assert read == ([] if org is None else ["p0", "p2"])
    assert "2024-09-20" in (site / "p1" / "milestones.json").read_text(encoding="utf-8")
    monkeypatch.setenv("SCHEDGEN_NO_CACHE", "1")
    plans._last.clear()
    build([folder], cold, **moment)
    # the edited plan's events go out as changed (a later stamp, SEQUENCE:1) where a cold build first publishes them
    made, fresh = (
        {
            p.relative_to(s): re.sub(rb"(SEQUENCE|DTSTAMP|LAST-MODIFIED):\w+", b"", p.read_bytes())
            for p in s.rglob("*")
            if p.is_file() and ".schedgen" not in p.parts
        }
        for s in (site, cold)
    )
    assert made == fresh


def _read_from_the_cache(tmp_path: Path) -> tuple[Path, Timeline, plans.Plan]:
    """A plan's file, its timeline as first made and kept, and the plan as a new process reads it (its facts)."""
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    expected = plans.plans([path])[0].timeline
    plans._last.clear()
    (found,) = plans.plans([path])
    return path, expected, found


def test_a_plan_whose_cache_entry_is_rewritten_before_its_timeline_is_read_is_made_again(
    cached: Path, tmp_path: Path
) -> None:
    # another process (serve, a second build) may replace an entry between its facts and its timeline
    _path, expected, found = _read_from_the_cache(tmp_path)
    (entry,) = cached.rglob("*.pickle")
    entry.write_bytes(b"rewritten")
    assert found.timeline == expected and found.timeline.items[2].occurrences[1].due.isoformat() == "2024-09-10"


@pytest.mark.parametrize("paused_at", range(8))
def test_a_plan_whose_timeline_two_threads_ask_for_at_once_gives_both_its_timeline(
    cached: Path, tmp_path: Path, paused_at: int
) -> None:
    # a build with workers pickles a plan's page in its pool's feeder thread while it renders that plan's
    # milestones and feeds: both ask for the timeline of a plan read from the cache. One thread is stopped
    # at each line of the reading in turn while the other reads it whole.
    import sys
    import threading

    _path, expected, found = _read_from_the_cache(tmp_path)
    paused, go_on = threading.Event(), threading.Event()
    lines = 0

    def in_reading(frame, event, arg):  # type: ignore[no-untyped-def]
        nonlocal lines
        if event == "line":
            lines += 1
            if lines == paused_at + 1:
                paused.set()
                go_on.wait(10)
        return in_reading

    def tracer(frame, event, arg):  # type: ignore[no-untyped-def]
        return in_reading if frame.f_code.co_qualname.startswith("_Later.") else None

    got: list[object] = []

    def ask() -> None:
        sys.settrace(tracer)
        try:
            got.append(found.timeline)
        except Exception as error:  # what the build would have seen
            got.append(error)
        finally:
            sys.settrace(None)
            paused.set()

    other = threading.Thread(target=ask)
    other.start()
    paused.wait(10)
    first = found.timeline
    go_on.set()
    other.join(10)
    assert first == expected and got == [expected]


def test_a_plan_whose_cached_timeline_does_not_read_is_kept_again_unless_another_process_rewrote_its_entry(
    cached: Path, tmp_path: Path
) -> None:
    # a build that met an entry whose facts read but whose timeline does not made it from the file on every
    # build after; an entry another process has since written for the file as it is now stays as it is
    path, expected, found = _read_from_the_cache(tmp_path)
    (entry,) = cached.rglob("*.pickle")
    whole = entry.read_bytes()
    key = whole[:64].decode()
    lengths = plans._lengths(whole[: plans._HEAD], key)
    assert lengths is not None
    entry.write_bytes(whole[: len(whole) - lengths[2]] + b"\0" * lengths[2])
    assert found.timeline == expected and plans._cached_timeline(entry, key) == expected
    plans._last.clear()
    (found,) = plans.plans([path])
    newer = PLAN.replace("9月10日前", "9月20日前")
    path.write_text(newer, encoding="utf-8")
    plans._last.clear()
    plans.plans([path])  # another process reads the file as it is now
    rewritten = entry.read_bytes()
    assert rewritten[:64] != key.encode() and found.timeline == expected and entry.read_bytes() == rewritten
