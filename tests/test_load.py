"""Schedule files: what loads, and every problem reported at once with path:line:col."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from schedgen.errors import LoadError
from schedgen.load import load, loads
from schedgen.model import Role, Status

from .conftest import SCHEDULES, run

Write = Callable[..., Path]


def problems(text: str) -> list[str]:
    with pytest.raises(LoadError) as caught:
        loads(text.encode(), "plan.yaml")
    return [d.render() for d in caught.value.diagnostics]


def test_anqiu_loads_all_rows_in_three_stages() -> None:
    plan = load(SCHEDULES / "anqiu-eco-farm.yaml")
    assert [s.name for s in plan.stages] == ["准备发动阶段", "实施推进阶段", "总结验收阶段"]
    assert [len(s.tasks) for s in plan.stages] == [2, 16, 4]
    first = plan.stages[0].tasks[0]
    assert (first.id, first.when, first.units) == (
        "leading-group",
        "2月20日前",
        ("市农业农村局", "市委宣传部", "市融媒体中心"),
    )
    assert plan.stages[0].tasks[1].units == ("市农业农村局", "各镇街区")


def test_haidong_roles_are_kept() -> None:
    plan = load(SCHEDULES / "haidong-2024.yaml")
    farmland = next(t for t in plan.all_tasks() if t.id == "farmland")
    assert farmland.roles() == (
        ("市农业农村局", Role.LEAD),
        ("市自然资源规划局", Role.LEAD),
        ("市生态环境局", Role.SUPPORT),
        ("市水务局", Role.SUPPORT),
        ("各县区人民政府", Role.RESPONSIBLE),
    )
    assert str(plan.issued) == "2024-04-09"


def test_all_problems_of_a_file_at_once() -> None:
    found = problems(
        "title: 测试\n"
        "year: 2024\n"
        "stages:\n"
        "  - name: 一\n"
        "    tasks:\n"
        "      - id: a\n"
        "        when: 2月30日前\n"
        "        task: 甲\n"
        "      - id: a\n"
        "        when: 3月1日前\n"
        "        task: 乙\n"
        "        unit: 市财政局\n"
        "      - id: c\n"
        "        task: 丙\n"
    )
    assert found[0].startswith("plan.yaml:7:17: error: `30`: day 30 is out of range for February 2024")
    assert found[1].startswith("plan.yaml:9:13: error: duplicate task id `a` (first used on line 6)")
    assert found[2].startswith("plan.yaml:12:9: error: unknown key `unit` in task; did you mean `units`?")
    assert found[3].startswith("plan.yaml:13:9: error: missing `when`")
    assert len(found) == 4


def test_caret_under_the_offending_characters_of_a_file() -> None:
    (found,) = problems("title: 测试\nyear: 2024\ntasks:\n  - {id: a, when: '5月10日、9月31日前', task: 报送}\n")
    lines = found.splitlines()
    assert lines[0].startswith("plan.yaml:4:28: error: `31`: day 31 is out of range for September 2024")
    assert lines[1].strip() == "- {id: a, when: '5月10日、9月31日前', task: 报送}"
    assert lines[2].strip() == "^~"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title: [unclosed\n", "plan.yaml:2:1: error: malformed YAML"),
        ("", "error: the file is empty"),
        ("- a\n- b\n", "plan.yaml:1:1: error: a schedule must be a mapping"),
        ("title: x\nyear: twenty\ntasks: []\n", "plan.yaml:2:7: error: expected a whole number"),
        (
            "title: x\nyear: 2024\nissued: 2024-02-30\ntasks: [{when: 年内, task: a}]\n",
            "plan.yaml:3:9: error: `2024-02-30` is not a date",
        ),
        ("title: x\nyear: 2024\ntasks: {when: 年内}\n", "plan.yaml:3:8: error: expected a list"),
        ("title: x\nyear: 2024\ntasks: [{when: 年内, task: a, id: ../etc}]\n", "id `../etc` must be ASCII"),
        (
            "title: x\nyear: 2024\ntasks: [{when: 年内, task: a, status: finished}]\n",
            "`finished` is not one of: todo, in_progress, done, cancelled",
        ),
        ("title: x\nyear: 2024\nreminders: [soon]\ntasks: [{when: 年内, task: a}]\n", "reminder `soon`"),
        (
            "title: x\nyear: 2024\nunits: {市财政局: {slug: ../czj}}\ntasks: [{when: 年内, task: a}]\n",
            "slug `../czj` must be lower-case ASCII",
        ),
        ("title: x\nyear: 2024\ntasks: []\n", "the schedule has no tasks"),
        ("title: x\ntasks: [{when: 年内, task: a}]\n", "missing `year`"),
        ("title: x\nyear: 2024\ntitle: y\ntasks: [{when: 年内, task: a}]\n", "key `title` appears twice"),
        ("a: &x [1]\nb: *x\n", "aliases"),
    ],
)
def test_bad_input_gets_a_clear_error(text: str, expected: str) -> None:
    assert any(expected in p for p in problems(text)), problems(text)


def test_not_utf8_is_reported_with_its_line() -> None:
    with pytest.raises(LoadError) as caught:
        loads("title: 测试\nyear: 2024\n".encode() + "tasks: 年内\n".encode("gbk"), "plan.yaml")
    assert caught.value.render().startswith("plan.yaml:3:1: error: file is not UTF-8")


def test_units_split_and_aliases_resolved() -> None:
    plan = loads(
        "title: x\nyear: 2023\nunits: {市财政局: {aliases: [财政局], slug: czj}}\n"
        "tasks:\n  - {id: a, when: 年内, task: 补贴, units: '市地方金融监管局、财政局；市农安中心,市农业农村局'}\n"
    )
    assert plan.tasks[0].units == ("市地方金融监管局", "市财政局", "市农安中心", "市农业农村局")
    assert plan.units[0].slug == "czj"


def test_progress_fields() -> None:
    plan = loads("title: x\nyear: 2023\ntasks: [{id: a, when: 年内, task: b, done: 2023-05-02, notes: 已完成}]\n")
    task = plan.tasks[0]
    assert (task.status, str(task.done), task.notes) == (Status.DONE, "2023-05-02", "已完成")


def test_default_task_id_survives_reordering() -> None:
    one = loads("title: x\nyear: 2023\ntasks: [{when: 年内, task: 甲}, {when: 年内, task: 乙}]\n")
    two = loads("title: x\nyear: 2023\ntasks: [{when: 年内, task: 乙}, {when: 年内, task: 甲}]\n")
    assert {t.task: t.id for t in one.tasks} == {t.task: t.id for t in two.tasks}


def test_task_text_kept_verbatim(write_schedule: Write) -> None:
    hostile = "<script>alert(1)</script>\\nEND:VEVENT；“引号”"
    path = write_schedule(f"title: x\nyear: 2023\ntasks:\n  - when: 年内\n    task: '{hostile}'\n")
    assert load(path).tasks[0].task == hostile


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title: x\nyear: 2024\ntasks:\n  - when:\n    task: a\n", "plan.yaml:4:10: error: missing `when`"),
        (
            "title: x\nyear: 2024\nissued: 2024\ntasks: [{when: 年内, task: a}]\n",
            "plan.yaml:3:9: error: `2024` is not a date",
        ),
        (
            "title: x\nyear: 1900\ntasks: [{when: 年内, task: a}]\n",
            "plan.yaml:2:7: error: expected a year between 1949",
        ),
        (
            "title: ''\nyear: 2024\ntasks: [{when: 年内, task: a}]\n",
            "plan.yaml:1:8: error: expected text, found nothing",
        ),
        (
            "title: x\nyear: 2024\nunits: {'': {slug: a}}\ntasks: [{when: 年内, task: a}]\n",
            "plan.yaml:3:9: error: expected text",
        ),
        (
            "title: x\nyear: 2024\nunits: {市财政局: [czj]}\ntasks: [{when: 年内, task: a}]\n",
            "plan.yaml:3:15: error: a unit must be a mapping of keys (aliases, slug, contact)",
        ),
        (
            "title: x\nyear: 2024\nstages:\n  - name: 一\n    tasks: [{when: 年内, task: a, lead: {a: b}}]\n",
            "plan.yaml:5:39: error: expected a list",
        ),
        ("title: x\nyear: 2024\ntasks: [{when: 年内, task: a, zzz: 1}]\n", "known keys: id, when, task, units"),
        ("title: x\nyear: 2024\nissued: 2024-05-01\nuntil: 2024-04-01\ntasks: [{when: 年内, task: a}]\n", "`until`"),
    ],
)
def test_schema_rules_point_at_the_key_or_value(text: str, expected: str) -> None:
    assert any(p.startswith(expected) or expected in p for p in problems(text)), problems(text)


def test_numbers_and_dates_stay_as_written() -> None:
    plan = loads("title: 2024\nyear: 2024\ntasks: [{id: 007, when: 2024-12-31, task: 12, units: 3}]\n")
    task = plan.tasks[0]
    assert (plan.title, task.id, task.when, task.task, task.units) == ("2024", "007", "2024-12-31", "12", ("3",))


def test_two_units_with_one_registry_slug_are_refused_with_both_positions() -> None:
    text = (
        "title: 计划\nyear: 2024\ntasks:\n  - {when: 年内, task: 甲, units: 市财政局、市农业局}\n"
        "units:\n  市财政局: {slug: czj}\n  市农业局:\n    slug: czj\n"
    )
    with pytest.raises(LoadError) as caught:
        loads(text, "plan.yaml")
    (message,) = [d.render() for d in caught.value.diagnostics]
    assert message.startswith("plan.yaml:8:11: error: slug `czj` is also the slug of `市财政局` (line 6)")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("    when：2月21日前", "5:9: error: a full-width colon `：` after `when`"),
        ("\twhen: 2月21日前", "5:1: error: a tab in the indentation"),
        ("    when:2月21日前", "5:9: error: no space after `when:`"),
        ("\u3000\u3000when: 2月21日前", "5:1: error: a full-width space `\u3000` (U+3000) in the indentation"),
    ],
    ids=["full-width colon", "tab", "no space", "full-width space"],
)
def test_the_yaml_slips_a_clerk_makes_are_named_where_they_are(line: str, expected: str, write_schedule: Write) -> None:
    path = write_schedule(f"title: T\nyear: 2024\ntasks:\n  - id: a\n{line}\n    task: 做事\n")
    result = run("check", str(path))
    assert result.exit_code == 2
    assert f"{path}:{expected}" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_a_paragraph_indented_in_chinese_style_is_not_a_slip(write_schedule: Write) -> None:
    # a note's paragraph opens with two full-width spaces and a line may start `PPP：`: both are text of a
    # block scalar, not slips, and the misspelt key two tasks later is what the clerk must be told of
    path = write_schedule(
        "title: T\nyear: 2024\ntasks:\n"
        "  - task: 开展自查\n    when: 3月31日前\n    notes: |\n"
        "      \u3000\u3000各单位要加强领导。\n      PPP：模式推进\n"
        "  - task: 报送总结\n    whne: 12月20日前\n"
    )
    result = run("check", str(path))
    assert result.exit_code == 2
    assert f"{path}:10:5: error:" in result.stderr and "whne" in result.stderr, result.stderr
    assert "full-width" not in result.stderr, result.stderr


def test_a_named_pipe_or_a_device_is_refused_without_reading_it(tmp_path: Path) -> None:
    import subprocess
    import sys

    fifo = tmp_path / "plan.yaml"
    os.mkfifo(fifo)
    for args in (["check", str(fifo)], ["build", str(fifo), "-o", str(tmp_path / "out")], ["done", str(fifo), "a"]):
        # in a process of its own: a FIFO with no writer blocked the reader forever
        result = subprocess.run(
            [sys.executable, "-m", "schedgen", *args], capture_output=True, text=True, timeout=60, cwd=tmp_path
        )
        assert result.returncode == 2, (args, result.stderr)
        assert f"{fifo}: not a regular file (a named pipe)" in result.stderr, result.stderr
    zero = run("check", "/dev/zero")
    assert zero.exit_code == 2 and "/dev/zero: not a regular file (a character device)" in zero.stderr


def test_a_file_too_large_is_refused_by_its_size_before_it_is_read(tmp_path: Path) -> None:
    import resource
    import subprocess
    import sys

    big = tmp_path / "big.yaml"
    with big.open("wb") as stream:
        stream.truncate(3_000_000_000)  # sparse: 3 GB that reading whole would take in memory

    def small_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))

    for args in (["check", str(big)], ["done", str(big), "a"]):
        result = subprocess.run(
            [sys.executable, "-m", "schedgen", *args],
            capture_output=True,
            text=True,
            timeout=120,
            preexec_fn=small_memory,
        )
        assert result.returncode == 2, result.stderr[-500:]
        assert f"{big}: file is larger than 5 MB" in result.stderr


def test_an_id_or_slug_too_long_is_told_its_limit() -> None:
    # an id of 300 letters was refused as not "ASCII letters, digits, - or _", which it was: the limit it broke,
    # 64 characters, was said nowhere
    found = problems("title: x\nyear: 2024\ntasks: [{when: 年内, task: a, id: " + "a" * 65 + "}]\n")
    assert any("64" in p for p in found), found
    found = problems(
        "title: x\nyear: 2024\nunits: {市财政局: {slug: " + "c" * 65 + "}}\ntasks: [{when: 年内, task: a}]\n"
    )
    assert any("64" in p for p in found), found
    assert loads("title: x\nyear: 2024\ntasks: [{when: 年内, task: a, id: " + "a" * 64 + "}]\n").all_tasks()


def test_an_alias_that_names_another_unit_or_two_units_is_refused() -> None:
    # `市财政局: {aliases: [市发改委]}` beside `市发改委: {...}` read every task of 市发改委 as 市财政局's, and an alias
    # two units claimed went to the last, both without a word
    text = (
        "title: x\nyear: 2024\nunits:\n"
        "  市财政局: {aliases: [财政局, 市发改委]}\n"
        "  市发改委: {slug: fgw}\n"
        "  市商务局: {aliases: [财政局]}\n"
        "tasks: [{when: 年内, task: a, units: 市发改委}]\n"
    )
    found = problems(text)
    assert any(p.startswith("plan.yaml:4:25: error: ") and "市发改委" in p for p in found), found
    assert any(p.startswith("plan.yaml:6:20: error: ") and "财政局" in p and "市财政局" in p for p in found), found


@pytest.mark.parametrize(("name", "col"), [("国庆", 11), ("上半年", 11)])
def test_a_period_named_as_a_time_the_language_reads_is_refused(name: str, col: int) -> None:
    # `periods: {国庆: 10月1日至10月3日}`: 国庆期间 went on meaning the holiday's seven days off, and the plan's own
    # definition was never used, without a word
    found = problems(f"title: x\nyear: 2024\nperiods: {{{name}: 10月1日至10月3日}}\ntasks: [{{when: 年内, task: a}}]\n")
    assert any(p.startswith(f"plan.yaml:3:{col}: error: ") and name in p for p in found), found
    # a period of a name of its own is read
    assert loads("title: x\nyear: 2024\nperiods: {汛期: 6月1日至9月30日}\ntasks: [{when: 汛期前, task: a}]\n").periods


def test_a_period_that_cannot_be_read_is_an_error_where_it_is_defined() -> None:
    # a period no task used was never read: `汛期: 12月1日至1月31日` (an end before its start) passed check in silence
    found = problems("title: x\nyear: 2024\nperiods: {汛期: 12月1日至1月31日}\ntasks: [{when: 年内, task: a}]\n")
    assert any(p.startswith("plan.yaml:3:") and "12月1日至次年1月31日" in p for p in found), found


def test_a_year_in_quotes_is_told_to_lose_its_quotes() -> None:
    # `year: "2024"` was refused as "expected a whole number, e.g. `2024`": the clerk had written 2024
    (found,) = problems('title: x\nyear: "2024"\ntasks: [{when: 年内, task: a}]\n')
    assert found.startswith("plan.yaml:2:7: error: ") and "quotes" in found.splitlines()[0]
