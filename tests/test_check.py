"""`schedgen check` as the clerk and a script see it."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from schedgen.errors import display_width

from .conftest import ROOT, run

Write = Callable[..., Path]


def test_check_on_the_seeds_shows_expressions_beside_dates() -> None:
    result = run("check")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "安丘市生态农场建设工作配档表" in out and "2024年海东市打造绿色有机农畜产品输出地工作方案" in out
    row = next(line for line in out.splitlines() if line.startswith("honours "))
    assert "11月1日至12月25日前" in row and "2023-11-01 – 2023-12-25" in row
    assert "progress-reports  5月10日、9月10日、11月10日前：截止日 2024-11-10 是星期日" in out
    assert "截止日 2023-04-30 是劳动节" in out


def test_table_columns_line_up_by_display_width() -> None:
    lines = run("check", "schedules/anqiu-eco-farm.yaml").output.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("编号"))
    rows = lines[header + 2 : header + 24]
    date_column = display_width(lines[header][: lines[header].index("日期")])
    for row in rows:
        prefix_cols = [display_width(row[:i]) for i in range(len(row))]
        assert date_column in prefix_cols, row
        assert row[prefix_cols.index(date_column)] == "2", row


def test_json_items() -> None:
    result = run("check", "--json")
    items = json.loads(result.output)
    counts = {s: sum(i["schedule"] == s for i in items) for s in {i["schedule"] for i in items}}
    assert counts == {
        "anqiu-eco-farm": 22,
        "haidong-2024": 22,
        "baicheng-2021": 19,
        "miyun-2024": 22,
        "shuozhou-2022": 71,
    }
    report = next(i for i in items if i["id"] == "progress-reports")
    assert set(report) == {
        "schedule",
        "id",
        "stage",
        "task",
        "when",
        "kind",
        "start",
        "end",
        "dates",
        "lead",
        "support",
        "units",
        "status",
        "findings",
    }
    assert report["dates"] == ["2024-05-10", "2024-09-10", "2024-11-10"]
    assert report["findings"] == [{"code": "weekend", "message": "截止日 2024-11-10 是星期日", "date": "2024-11-10"}]
    farmland = next(i for i in items if i["id"] == "farmland")
    assert farmland["lead"] == ["市农业农村局", "市自然资源规划局"] and farmland["units"] == ["各县区人民政府"]


def test_strict_exits_1_on_findings() -> None:
    assert run("check", "--strict").exit_code == 1


def test_year_rolls_the_plan() -> None:
    items = json.loads(run("check", "schedules/anqiu-eco-farm.yaml", "--year", "2024", "--json").output)
    assert items[0]["dates"] == ["2024-02-20"]


def test_bad_files_exit_2_with_every_error_and_no_traceback(write_schedule: Write, tmp_path: Path) -> None:
    write_schedule("title: 甲\nyear: 2024\ntasks:\n  - when: 2月30日前\n    task: 一\n", "a.yaml")
    write_schedule("title: 乙\nyear: 2024\ntasks:\n  - when: 下个月\n    task: 二\n", "b.yaml")
    result = run("check", str(tmp_path))
    assert result.exit_code == 2
    assert f"{tmp_path / 'a.yaml'}:4:13: error: `30`: day 30 is out of range" in result.stderr
    assert f"{tmp_path / 'b.yaml'}:4:11: error: `下个月`: cannot read" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    assert run("check", str(tmp_path / "nope.yaml")).exit_code == 2
    result = run("check", str(tmp_path))
    assert result.exit_code == 2 and "no schedule files" in result.stderr


def test_help_shows_a_real_example() -> None:
    assert "schedgen check schedules/anqiu-eco-farm.yaml --year 2024" in run("check", "--help").output
    assert "每季度一督查" in run("when", "--help").output


def test_check_when_and_report_do_not_import_heavy_libraries() -> None:
    code = (
        "import sys\n"
        "from schedgen.cli import cli\n"
        "for args in (['check'], ['when', '2月20日前'], ['check', '--json'], ['report', '--as-of', '2024-05-01'],\n"
        "             ['report', '--format', 'csv', '--as-of', '2024-05-01']):\n"
        "    try:\n"
        "        cli(args)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "heavy = {'matplotlib', 'jinja2', 'icalendar', 'docx', 'openpyxl', 'pypinyin'} & set(sys.modules)\n"
        "print(sorted(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_schema_command_prints_the_schema() -> None:
    schema = json.loads(run("schema").output)
    assert schema["properties"]["stages"]["items"] == {"$ref": "#/$defs/stage"}


def test_the_units_column_names_every_unit_of_a_task_lead_first(write_schedule: Write) -> None:
    # the column 责任单位 showed the lead units alone where a plan names a lead: the units responsible and
    # supporting were left out of the row without a mark, as if the task were not theirs
    path = write_schedule(
        "title: 测试计划\nyear: 2024\ntasks:\n"
        "  - {id: a, when: 3月10日前, task: 甲任务, lead: 牵头局, support: 配合局, units: 责任局}\n"
    )
    result = run("check", str(path))
    assert result.exit_code == 0, result.output
    row = next(line for line in result.output.splitlines() if line.startswith("a "))
    assert "牵头局、配合局、责任局" in row


def test_a_direction_override_in_a_plan_does_not_reach_the_terminal(write_schedule: Write) -> None:
    # a terminal that lays out bidirectional text (GNOME Terminal, Konsole) shows the rest of a line after U+202E
    # right to left: a stage named so turned the dates beside it around in `check` and the report's table
    path = write_schedule(
        'title: 测试计划\nyear: 2024\nstages:\n  - name: "阶段\\u202e甲"\n    tasks:\n'
        '      - {id: a, when: 3月10日前, task: "任务\\u2067乙\\u2069", units: "市财政局\\u202d"}\n'
    )
    for args in (("check", str(path)), ("report", str(path), "--as-of", "2024-03-01")):
        result = run(*args)
        assert result.exit_code == 0, result.output
        assert "2024-03-10" in result.output
        assert not any(ch in result.output for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"), args


def test_check_says_when_its_table_cut_a_text_and_where_the_whole_one_is(tmp_path: Path) -> None:
    # the clerk checks a draft against the plan: a task or a unit list cut with `…` must say that it was cut,
    # or a row that lost its end reads like a row that never had one
    units = "市农业农村局、市财政局、市发展改革委、市自然资源和规划局、市水利局"
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "title: 验收\nyear: 2024\ntasks:\n"
        f"  - {{id: a, when: 3月1日前, task: 组织全市各县区开展高标准农田建设项目竣工验收并报备案工作, units: {units}}}\n",
        encoding="utf-8",
    )
    cut = run("check", str(plan))
    assert cut.exit_code == 0, cut.output
    assert units not in cut.output and "…" in cut.output
    assert "注：以“…”结尾的文字超出列宽而截断，完整文字见计划文件或 schedgen check --json。" in cut.output
    plan.write_text(
        "title: 验收\nyear: 2024\ntasks:\n  - {id: a, when: 3月1日前, task: 验收, units: 市财政局}\n", encoding="utf-8"
    )
    whole = run("check", str(plan))
    assert "截断" not in whole.output


def test_check_counts_the_tasks_that_name_no_unit_and_so_are_in_no_units_feed(tmp_path: Path) -> None:
    # a unit subscribes to its own feed: a task that names no unit is in none of them, only in the plan's
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "title: 验收\nyear: 2024\ntasks:\n  - {id: a, when: 3月1日前, task: 验收, units: 市财政局}\n"
        "  - {id: b, when: 3月2日前, task: 总结}\n  - {id: c, when: 3月3日前, task: 报送}\n",
        encoding="utf-8",
    )
    out = run("check", str(plan)).output
    assert "3 项任务；其中 2 项（b、c）未写责任单位，不在任何单位的订阅中，只在本计划和全部计划的订阅中" in out
    plan.write_text(
        "title: 验收\nyear: 2024\ntasks:\n  - {id: a, when: 3月1日前, task: 验收, units: 市财政局}\n", encoding="utf-8"
    )
    assert "未写责任单位" not in run("check", str(plan)).output


def test_words_of_a_time_that_are_not_read_are_said_where_the_unit_reads(tmp_path: Path) -> None:
    """每季度末（第四季度除外）: the time is read as every quarter's end and 第四季度除外 is not read, so the
    feed holds a 31 December deadline the plan excludes. `check` and the event's description must say which
    words were not read, or no one knows the dates may be wrong."""
    import icalendar

    plan = tmp_path / "except.yaml"
    plan.write_text(
        "id: except\ntitle: 例外\nyear: 2024\ntasks:\n"
        "  - {id: quarterly, when: 每季度末（第四季度除外）, task: 季报, units: 市统计局}\n"
        "  - {id: plain, when: 每季度末, task: 季度分析, units: 市统计局}\n"
        "  - {id: later, when: 每月5日前（遇节假日顺延）, task: 月报, units: 市统计局}\n",
        encoding="utf-8",
    )
    said = run("check", str(plan))
    assert said.exit_code == 0, said.stderr
    lines = [line for line in said.output.splitlines() if "第四季度除外" in line and "没有读" in line]
    assert lines and lines[0].split()[0] == "quarterly", said.output
    assert not [line for line in said.output.splitlines() if "没有读" in line and line.split()[0] != "quarterly"]
    assert run("ics", str(plan), "-o", str(tmp_path / "q.ics")).exit_code == 0
    events = icalendar.Calendar.from_ical((tmp_path / "q.ics").read_bytes()).walk("VEVENT")
    december = [e for e in events if str(e["UID"]) == "except-quarterly-2024-12-31@schedgen"]
    assert december and "第四季度除外" in str(december[0]["DESCRIPTION"]).split("时间（原文）")[1].split("\n", 1)[1]
