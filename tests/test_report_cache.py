"""A report over plans kept in the cache reads only what it lists of them (each plan's digest, kept before
its timeline), and says what a report read from the YAML says; an entry that does not read is made again."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from schedgen import plans

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
    timeline = plans._cached(entry, key)
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
    assert plans._cached(entry, key) == timeline and plans._cached_digest(entry, key, set()) is not None
    assert report([plan], "json", "--all") == expected
