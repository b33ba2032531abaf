"""`schedgen done` marks exactly the task it is told, in any layout, and never loses an edit."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from schedgen.load import loads
from schedgen.model import Status

from .conftest import run

BLOCK_LIST_LAST = """\
title: T
year: 2024
tasks:
  - id: a
    when: 2月20日前
    task: 甲
    units:
      - 市财政局
      - 市农业局
  - id: b
    when: 3月1日前
    task: 乙
"""

INDENTLESS_AND_WIDE = """\
title: T
year: 2024
tasks:
-   id: a
    when: 2月20日前
    task: 甲
    support:
    - 市财政局
    - 市农业局   # 配合
-   id: b
    when: 3月1日前
    task: 乙
    notes:
"""


def states(path: Path) -> dict[str, tuple[Status, str | None]]:
    plan = loads(path.read_bytes(), str(path))
    return {t.id: (t.status, str(t.done) if t.done else None) for t in plan.all_tasks()}


def test_a_task_ending_in_a_block_list_is_the_one_marked(write_schedule) -> None:  # type: ignore[no-untyped-def]
    path = write_schedule(BLOCK_LIST_LAST)
    assert run("done", str(path), "a", "--on", "2024-02-01").exit_code == 0
    assert states(path) == {"a": (Status.DONE, "2024-02-01"), "b": (Status.TODO, None)}
    assert path.read_text(encoding="utf-8") == BLOCK_LIST_LAST.replace(
        "      - 市农业局\n", "      - 市农业局\n    status: done\n    done: 2024-02-01\n"
    )


def test_indentless_lists_wide_indents_and_empty_values(write_schedule) -> None:  # type: ignore[no-untyped-def]
    path = write_schedule(INDENTLESS_AND_WIDE)
    assert run("done", str(path), "a", "--on", "2024-02-01").exit_code == 0
    assert run("done", str(path), "b", "--on", "2024-02-02", "--note", "已报送").exit_code == 0
    assert states(path) == {"a": (Status.DONE, "2024-02-01"), "b": (Status.DONE, "2024-02-02")}
    assert path.read_text(encoding="utf-8") == (
        INDENTLESS_AND_WIDE.replace("# 配合\n", "# 配合\n    status: done\n    done: 2024-02-01\n").replace(
            "    notes:\n", "    notes: 已报送\n    status: done\n    done: 2024-02-02\n"
        )
    )


def test_line_endings_mode_and_symlink_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "real.yaml"
    target.write_bytes(BLOCK_LIST_LAST.replace("\n", "\r\n").encode())
    target.chmod(0o640)
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    assert run("done", str(link), "b", "--on", "2024-02-01").exit_code == 0
    assert link.is_symlink() and link.resolve() == target
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    data = target.read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n") == BLOCK_LIST_LAST.count("\n") + 2
    assert states(target)["b"] == (Status.DONE, "2024-02-01")


def test_a_killed_run_leaves_no_temporary_behind_for_long(write_schedule) -> None:  # type: ignore[no-untyped-def]
    path = write_schedule(BLOCK_LIST_LAST)
    stale = path.with_name(".plan.yaml.done-k1ll3d")
    stale.write_text("half", encoding="utf-8")
    assert run("done", str(path), "a", "--on", "2024-02-01").exit_code == 0
    assert sorted(p.name for p in path.parent.iterdir()) == ["plan.yaml"]


def test_an_edit_saved_during_the_run_is_not_overwritten(write_schedule, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from schedgen import edit

    path = write_schedule(BLOCK_LIST_LAST)
    by_hand = BLOCK_LIST_LAST.replace("task: 乙", "task: 乙（已改）")
    real = edit.set_done

    def meanwhile(*args, **kwargs):  # type: ignore[no-untyped-def]
        path.write_text(by_hand, encoding="utf-8")  # a clerk saves the file while `done` is working
        return real(*args, **kwargs)

    monkeypatch.setattr(edit, "set_done", meanwhile)
    result = run("done", str(path), "a", "--on", "2024-02-01")
    assert result.exit_code == 2 and "changed since it was read" in result.stderr
    assert path.read_text(encoding="utf-8") == by_hand


def test_an_edit_that_touches_another_task_is_undone(write_schedule, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from schedgen import edit

    path = write_schedule(BLOCK_LIST_LAST)
    monkeypatch.setattr(edit, "set_done", lambda text, *args, **kwargs: text + "    status: done\n")
    result = run("done", str(path), "a", "--on", "2024-02-01")
    assert result.exit_code == 2 and "changed more than it should (task `a`, task `b`)" in result.stderr
    assert path.read_text(encoding="utf-8") == BLOCK_LIST_LAST


def test_ten_concurrent_runs_lose_nothing(tmp_path: Path) -> None:
    tasks = "".join(f"  - id: t{n}\n    when: 3月{n + 1}日前\n    task: 任务{n}\n" for n in range(10))
    path = tmp_path / "plan.yaml"
    path.write_text(f"title: T\nyear: 2024\ntasks:\n{tasks}", encoding="utf-8")
    command = [sys.executable, "-m", "schedgen", "done", str(path)]

    def mark(n: int) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*command, f"t{n}", "--on", "2024-02-01"], capture_output=True, text=True, check=False)

    with ThreadPoolExecutor(max_workers=10) as pool:
        results = list(pool.map(mark, range(10)))
    marked = {k for k, (status, _) in states(path).items() if status is Status.DONE}
    for n, result in enumerate(results):
        if result.returncode == 0:
            assert f"t{n}" in marked
        else:
            assert result.returncode == 2 and "changed since it was read" in result.stderr
    assert marked == {f"t{n}" for n, r in enumerate(results) if r.returncode == 0}
    assert len(marked) == 10, [r.stderr for r in results]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="POSIX lock")
def test_a_held_lock_makes_done_wait(write_schedule) -> None:  # type: ignore[no-untyped-def]
    from schedgen.commands.done import locked

    path = write_schedule(BLOCK_LIST_LAST)
    with locked(path):
        waiting = subprocess.Popen(
            [sys.executable, "-m", "schedgen", "done", str(path), "a", "--on", "2024-02-01"],
            stderr=subprocess.DEVNULL,
        )
        with pytest.raises(subprocess.TimeoutExpired):
            waiting.wait(1.0)
        assert path.read_text(encoding="utf-8") == BLOCK_LIST_LAST
    assert waiting.wait(20) == 0
    assert states(path)["a"] == (Status.DONE, "2024-02-01")


def test_a_block_note_is_replaced_whole(write_schedule) -> None:  # type: ignore[no-untyped-def]
    text = "title: T\nyear: 2024\ntasks:\n  - id: a\n    when: 2月20日前\n    task: 甲\n    notes: |\n      第一行\n      第二行\n\n  - id: b\n    when: 3月1日前\n    task: 乙\n"
    path = write_schedule(text)
    assert run("done", str(path), "a", "--on", "2024-02-01", "--note", "已完成").exit_code == 0
    assert path.read_text(encoding="utf-8") == text.replace(
        "    notes: |\n      第一行\n      第二行\n", "    notes: 已完成\n    status: done\n    done: 2024-02-01\n"
    )


def test_a_save_right_after_the_write_is_not_undone(write_schedule, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from schedgen.commands import done

    path = write_schedule(BLOCK_LIST_LAST)
    by_hand = BLOCK_LIST_LAST.replace("task: 乙", "task: 乙（已改）")
    real = done.replace

    def then_a_clerk_saves(*args, **kwargs):  # type: ignore[no-untyped-def]
        real(*args, **kwargs)
        path.write_text(by_hand, encoding="utf-8")

    monkeypatch.setattr(done, "replace", then_a_clerk_saves)
    result = run("done", str(path), "a", "--on", "2024-02-01")
    assert result.exit_code == 2 and "saved by someone else" in result.stderr
    assert path.read_text(encoding="utf-8") == by_hand


@pytest.mark.parametrize(
    "note",
    ["\x1b[31m", "红\x1b[0m", "甲\x0b乙", "甲\x85乙", "甲\u2028乙", "\x7f", "吉𠮷野家😀", "- 甲: 乙", "  前后  "],
)
def test_a_note_with_control_characters_is_written_escaped_and_reads_back(write_schedule, note: str) -> None:  # type: ignore[no-untyped-def]
    path = write_schedule("title: x\nyear: 2024\ntasks:\n  - id: a\n    when: 3月1日前\n    task: 甲\n")
    result = run("done", str(path), "a", "--on", "2024-02-01", "--note", note)
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    assert all(ch.isprintable() or ch == "\n" for ch in text), repr(text)  # no raw control character in the file
    assert loads(text).tasks[0].notes == note.strip()


def test_a_note_that_is_not_text_is_refused(write_schedule) -> None:  # type: ignore[no-untyped-def]
    path = write_schedule("title: x\nyear: 2024\ntasks:\n  - id: a\n    when: 3月1日前\n    task: 甲\n")
    before = path.read_bytes()
    # `--note $'\xff'`: bytes that are not UTF-8 reach Python as a lone surrogate
    result = run("done", str(path), "a", "--on", "2024-02-01", "--note", "甲\udcff")
    assert result.exit_code == 2, result.output
    assert "--note" in result.stderr and "UTF-8" in result.stderr and "Traceback" not in result.output
    assert path.read_bytes() == before


def test_marking_one_of_several_due_days_says_which_later_ones_it_marks_too(write_schedule) -> None:  # type: ignore[no-untyped-def]
    # the README's own example: a duty due three times, done once; `status: done` is the whole task's, so the
    # September and November reports would stop reminding anyone, and leave every report, without a word
    path = write_schedule(
        "title: T\nyear: 2024\ntasks:\n  - id: reports\n    when: 5月10日、9月10日、11月10日前\n    task: 报送进展\n"
        "    notes: 报送至 hdncpjg@126.com\n"
    )
    result = run("done", str(path), "reports", "--on", "2024-05-09", "--note", "已报送5月进展")
    assert result.exit_code == 0
    assert states(path)["reports"] == (Status.DONE, "2024-05-09")
    warning = result.stderr
    # the day reported is the one nearest the day done; the later ones are named, every one
    assert "after 2024-05-10" in warning and "2024-09-10, 2024-11-10" in warning
    # the plan's own note it replaced is shown, so that it can be put back
    assert "报送至 hdncpjg@126.com" in warning


def test_a_single_deadline_done_says_nothing_more(write_schedule) -> None:  # type: ignore[no-untyped-def]
    path = write_schedule("title: T\nyear: 2024\ntasks:\n  - id: a\n    when: 2月20日前\n    task: 甲\n")
    result = run("done", str(path), "a", "--on", "2024-02-01")
    assert result.exit_code == 0 and result.stderr == ""


def test_done_says_what_it_replaced_a_cancellation_or_an_earlier_done_day(tmp_path: Path) -> None:
    """`done` with a mistyped id can turn a cancelled task into a done one, or move the day a task was done on:
    either changes what every report and feed says of it, and the clerk must be told what was there before."""
    path = tmp_path / "plan.yaml"
    path.write_text(
        "title: 测试\nyear: 2024\ntasks:\n"
        "  - {id: dropped, when: 6月30日前, task: 取消的, units: 市财政局, status: cancelled}\n"
        "  - {id: early, when: 3月31日前, task: 早完成的, units: 市财政局, status: done, done: 2024-03-20}\n"
        "  - {id: open, when: 5月31日前, task: 未完成的, units: 市财政局}\n",
        encoding="utf-8",
    )
    cancelled = run("done", str(path), "dropped", "--on", "2024-05-01")
    assert cancelled.exit_code == 0, cancelled.stderr
    assert "`dropped`" in cancelled.stderr and "cancelled" in cancelled.stderr
    moved = run("done", str(path), "early", "--on", "2024-05-01")
    assert moved.exit_code == 0, moved.stderr
    assert "`early`" in moved.stderr and "2024-03-20" in moved.stderr
    plain = run("done", str(path), "open", "--on", "2024-05-01")
    assert plain.exit_code == 0 and plain.stderr == ""
