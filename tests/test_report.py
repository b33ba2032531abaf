"""`schedgen report` as the supervising office uses it, and `schedgen done` on a commented file."""

from __future__ import annotations

import difflib
import io
import json
import re
import shutil
from pathlib import Path

import pandas
import pytest

from schedgen.model import Schedule

from .conftest import SCHEDULES, run


def report(*args: str) -> dict[str, object]:
    """The JSON report of every milestone (`--all`), whatever its state."""
    result = run("report", *args, "--format", "json", "--all")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.output)  # type: ignore[no-any-return]


def items(data: dict[str, object], task_id: str) -> list[dict[str, object]]:
    return [i for i in data["items"] if i["id"] == task_id]  # type: ignore[union-attr,index]


def test_haidong_report_due_in_the_next_fortnight() -> None:
    data = report("schedules/haidong-2024.yaml", "--as-of", "2024-05-01", "--within", "14d")
    assert data["as_of"] == "2024-05-01"
    (may,) = [i for i in items(data, "progress-reports") if i["due"] == "2024-05-10"]
    assert may["state"] == "due"
    assert may["units"] == ["各县区人民政府", "市政府有关部门"]
    assert may["when"] == "5月10日、9月10日、11月10日前"
    assert set(may) == {
        "schedule",
        "id",
        "stage",
        "task",
        "when",
        "due",
        "state",
        "lead",
        "support",
        "units",
        "status",
        "done",
        "notes",
    }
    # a date list counts each date; a duty counts its next occurrence
    assert [i["state"] for i in items(data, "progress-reports")] == ["due", "upcoming", "upcoming"]
    assert [(i["due"], i["state"]) for i in items(data, "monthly-report")] == [("2024-05-31", "upcoming")]


def test_overdue_after_the_day_unless_done(tmp_path: Path) -> None:
    data = report("schedules/haidong-2024.yaml", "--as-of", "2024-05-11")
    assert items(data, "progress-reports")[0] == {
        **items(data, "progress-reports")[0],
        "due": "2024-05-10",
        "state": "overdue",
    }
    shutil.copy(SCHEDULES / "haidong-2024.yaml", tmp_path / "haidong.yaml")
    assert run("done", str(tmp_path / "haidong.yaml"), "progress-reports", "--on", "2024-05-09").exit_code == 0
    after = report(str(tmp_path / "haidong.yaml"), "--as-of", "2024-05-11")
    assert {i["state"] for i in items(after, "progress-reports")} == {"done"}


def test_anqiu_overdue_and_in_progress() -> None:
    data = report("schedules/anqiu-eco-farm.yaml", "--as-of", "2023-03-06")
    assert items(data, "first-batch-plans")[0]["state"] == "overdue"
    assert items(data, "first-batch-plans")[0]["when"] == "3月5日前"
    assert items(data, "service-association")[0]["state"] == "in_progress"
    assert items(data, "honours")[0]["state"] == "upcoming"
    states = [i["state"] for i in data["items"]]  # type: ignore[union-attr]
    assert states == sorted(states, key=["overdue", "due", "in_progress", "upcoming", "done", "cancelled"].index)


def test_unit_and_stage_filters() -> None:
    data = report("schedules/anqiu-eco-farm.yaml", "--as-of", "2023-03-06", "--unit", "财政局")
    assert {i["id"] for i in data["items"]} == {"green-loans", "awards-funding", "honours"}  # type: ignore[union-attr]
    data = report("--as-of", "2023-03-06", "--stage", "准备发动阶段")
    assert {i["id"] for i in data["items"]} == {"leading-group", "candidate-list"}  # type: ignore[union-attr]
    bad = run("report", "--stage", "第九阶段")
    assert bad.exit_code == 2 and "no stage `第九阶段`; the stages are:" in bad.stderr


def test_table_groups_by_unit_with_overdue_first() -> None:
    result = run("report", "schedules/anqiu-eco-farm.yaml", "--as-of", "2023-03-06", "--all")
    out = result.output
    assert out.startswith("截至 2023-03-06（临近：14 天内）：逾期 3")
    block = out.split("\n\n市农业农村局\n")[1].split("\n\n")[0].splitlines()
    assert block[2].split()[:3] == ["逾期", "2023-02-20", "2月20日前"]
    assert [line.split()[0] for line in block[2:]][:4] == ["逾期", "逾期", "逾期", "进行中"]


def test_markdown_for_a_notice() -> None:
    result = run("report", "schedules/haidong-2024.yaml", "--as-of", "2024-05-11", "--format", "md", "--unit", "各县区")
    assert result.output.startswith(
        "# 督办清单（截至 2024-05-11，临近 14 天）\n\n截至 2024-05-11（临近：14 天内）：逾期 1，"
    )
    assert "（--all 列出全部）\n\n## 各县区人民政府\n" in result.output
    assert "| **逾期** | 2024-05-10 | 5月10日、9月10日、11月10日前 |" in result.output


def test_csv_opens_as_utf8_in_a_spreadsheet_reader(tmp_path: Path) -> None:
    target = tmp_path / "督办.csv"
    assert run("report", "--as-of", "2023-03-06", "--format", "csv", "-o", str(target), "--all").exit_code == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to read UTF-8
    frame = pandas.read_csv(io.BytesIO(raw), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(frame.columns)[:6] == ["计划", "编号", "阶段", "重点任务", "时间（原文）", "截止日"]
    row = frame[frame["编号"] == "honours"].iloc[0]
    assert row["时间（原文）"] == "11月1日至12月25日前"
    assert row["重点任务"].startswith("对发展质量高、带动能力强的农场负责人")
    assert row["责任单位"] == "市财政局、市人社局、市总工会、市农业农村局"


def test_html_report_is_printable_and_escaped(tmp_path: Path) -> None:
    plan = tmp_path / "x.yaml"
    plan.write_text(
        "title: 测试\nyear: 2024\ntasks:\n  - {id: a, when: 3月1日前, task: '<script>alert(1)</script>', "
        "units: 市财政局}\n",
        encoding="utf-8",
    )
    result = run("report", str(plan), "--as-of", "2024-03-05", "--format", "html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in result.output and "<script>" not in result.output
    assert '<tr class="overdue"><td class="state">逾期</td>' in result.output and "@media print" in result.output


def test_templates_folder_overrides_the_shipped_template(tmp_path: Path) -> None:
    (tmp_path / "report.html").write_text("自定义 {{ as_of }} {{ groups|length }}", encoding="utf-8")
    result = run("report", "--as-of", "2023-03-06", "--format", "html", "--templates", str(tmp_path))
    assert result.output.startswith("自定义 2023-03-06 ")


def test_a_users_template_reads_the_typed_rows(tmp_path: Path) -> None:
    (tmp_path / "report.html").write_text(
        "{% for key, rows in groups %}{% for r in rows %}{{ r.state.value }}/{{ r.state.label }} {{ r.due }} "
        "{{ r.task.id }}|{% endfor %}{% endfor %}",
        encoding="utf-8",
    )
    plan = "schedules/anqiu-eco-farm.yaml"
    result = run("report", plan, "--as-of", "2023-03-06", "--format", "html", "--templates", str(tmp_path))
    assert result.output.startswith("overdue/逾期 2023-02-20 leading-group|")


def test_fail_on_overdue_exits_1() -> None:
    assert run("report", "--as-of", "2023-03-06", "--fail-on-overdue").exit_code == 1
    assert run("report", "--as-of", "2023-01-01", "--fail-on-overdue", "schedules/anqiu-eco-farm.yaml").exit_code == 0


COMMENTED = """# 测试计划（注释要留下）
title: 测试计划
year: 2024
tasks:
  # 第一项
  - id: first
    when: 3月1日前   # 行尾注释
    task: 甲
    units: 市财政局
  - id: second
    when: 5月10日前
    task: 乙
    status: in_progress
    notes: 进行中
  - {id: third, when: 6月底前, task: 丙}
"""


def test_done_changes_only_the_status_lines(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    assert run("done", str(path), "first", "--on", "2024-02-28").exit_code == 0
    diff = [
        line
        for line in difflib.unified_diff(
            COMMENTED.splitlines(), path.read_text(encoding="utf-8").splitlines(), lineterm="", n=0
        )
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert diff == ["+    status: done", "+    done: 2024-02-28"]

    before = path.read_text(encoding="utf-8")
    assert run("done", str(path), "second", "--on", "2024-05-08", "--note", "已报送：见附件 #3").exit_code == 0
    diff = [
        line
        for line in difflib.unified_diff(
            before.splitlines(), path.read_text(encoding="utf-8").splitlines(), lineterm="", n=0
        )
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert diff == [
        "-    status: in_progress",
        "-    notes: 进行中",
        "+    status: done",
        '+    notes: "已报送：见附件 #3"',
        "+    done: 2024-05-08",
    ]

    assert run("done", str(path), "third", "--on", "2024-06-30").exit_code == 0
    assert "  - {id: third, when: 6月底前, task: 丙, status: done, done: 2024-06-30}\n" in path.read_text(
        encoding="utf-8"
    )
    data = report(str(path), "--as-of", "2024-07-01")
    assert {i["id"]: i["state"] for i in data["items"]} == {"first": "done", "second": "done", "third": "done"}  # type: ignore[union-attr]
    assert items(data, "second")[0]["notes"] == "已报送：见附件 #3"


def test_done_on_an_unknown_task_lists_the_ids(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    result = run("done", str(path), "fourth")
    assert result.exit_code == 2 and "no task with id `fourth`; the ids are: first, second, third" in result.stderr
    assert path.read_text(encoding="utf-8") == COMMENTED


def test_large_schedules_are_parsed_once(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from generate import write_plan

    from schedgen.plans import timelines

    def cached_load(path: Path) -> Schedule:
        return timelines([path])[0].schedule

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    plan = write_plan(tmp_path / "big.yaml", 2_000, 50)
    assert plan.stat().st_size >= 500_000
    first = cached_load(plan)
    (entry,) = (tmp_path / "cache" / "schedgen").rglob("*.pickle")
    assert cached_load(plan) == first
    entry.write_bytes(b"not a pickle")  # a damaged entry is parsed again, not trusted
    assert cached_load(plan) == first
    plan.write_text(plan.read_text(encoding="utf-8").replace("第0项重点任务", "第零项重点任务"), encoding="utf-8")
    changed = cached_load(plan)
    assert changed.all_tasks()[0].task.startswith("第零项重点任务")
    assert len(list((tmp_path / "cache" / "schedgen").rglob("*.pickle"))) == 1


# ----- plans told apart, in their own order (issue 13 item 3) ----------------------------------------

TWO_PLANS = {
    "anqiu.yaml": """id: anqiu
title: 安丘市生态农场建设工作配档表
year: 2024
tasks:
  - {id: zz-first, when: 3月1日前, task: 安丘第一项, units: 市农业农村局}
  - {id: aa-second, when: 3月1日前, task: 安丘第二项, units: 市农业农村局}
""",
    "haidong.yaml": """id: haidong
title: 2024年海东市打造绿色有机农畜产品输出地工作方案
year: 2024
tasks:
  - {id: mm-third, when: 3月1日前, task: 海东第一项, units: 市农业农村局}
  - {id: bb-fourth, when: 2月20日前, task: 海东较早一项, units: 市农业农村局}
""",
}


def two_plans(tmp_path: Path) -> list[str]:
    for name, text in TWO_PLANS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return [str(tmp_path / name) for name in TWO_PLANS]


def test_rows_follow_due_day_then_the_plans_own_order(tmp_path: Path) -> None:
    data = report(*two_plans(tmp_path), "--as-of", "2024-01-02")
    assert [i["id"] for i in data["items"]] == ["bb-fourth", "zz-first", "aa-second", "mm-third"]  # type: ignore[union-attr]


def test_every_format_names_the_plan_of_each_row(tmp_path: Path) -> None:
    paths = [*two_plans(tmp_path), "--all"]  # as of 2 January, every row is not yet due
    table = run("report", *paths, "--as-of", "2024-01-02").output
    rows = [line for line in table.splitlines() if "3月1日前" in line]
    assert len(rows) == 3
    assert [("anqiu" in r, "haidong" in r) for r in rows] == [(True, False), (True, False), (False, True)]
    md = run("report", *paths, "--as-of", "2024-01-02", "--format", "md").output
    rows = [line for line in md.splitlines() if "3月1日前" in line]
    assert ["安丘市生态农场建设工作配档表" in r for r in rows] == [True, True, False]
    assert ["2024年海东市打造绿色有机农畜产品输出地工作方案" in r for r in rows] == [False, False, True]
    html = run("report", *paths, "--as-of", "2024-01-02", "--format", "html").output
    assert html.index("安丘第一项") < html.index("安丘第二项") < html.index("海东第一项")
    frame = pandas.read_csv(
        io.BytesIO(run("report", *paths, "--as-of", "2024-01-02", "--format", "csv").stdout_bytes),
        encoding="utf-8-sig",
        dtype=str,
    )
    assert list(frame["计划"]) == [
        "2024年海东市打造绿色有机农畜产品输出地工作方案",
        "安丘市生态农场建设工作配档表",
        "安丘市生态农场建设工作配档表",
        "2024年海东市打造绿色有机农畜产品输出地工作方案",
    ]


# ----- formula injection (issue 12 item 5) -------------------------------------------------------------

HOSTILE = """id: hostile
title: "=HYPERLINK(\\"http://x\\")"
year: 2024
stages:
  - name: "+SUM(1)"
    tasks:
      - id: a
        when: 3月1日前
        task: 甲
        lead: ["-2+3"]
        support: ["@cmd"]
        units: ["=1+1"]
        notes: "-1"
"""


def test_no_text_cell_of_a_csv_is_a_formula(tmp_path: Path) -> None:
    plan = tmp_path / "hostile.yaml"
    plan.write_text(HOSTILE, encoding="utf-8")
    reported = run("report", str(plan), "--as-of", "2024-01-02", "--format", "csv", "--all").stdout_bytes
    assert run("build", str(plan), "-o", str(tmp_path / "out"), "--only", "csv", "--as-of", "2024-01-02").exit_code == 0
    built = (tmp_path / "out" / "hostile" / "milestones.csv").read_bytes()
    for raw in (reported, built):
        frame = pandas.read_csv(io.BytesIO(raw), encoding="utf-8-sig", dtype=str, keep_default_na=False)
        (row,) = frame.to_dict("records")
        assert row["计划"] == '\'=HYPERLINK("http://x")'
        assert (row["阶段"], row["牵头单位"], row["配合单位"], row["责任单位"]) == (
            "'+SUM(1)",
            "'-2+3",
            "'@cmd",
            "'=1+1",
        )
        assert row["备注"] == "'-1"
        assert row["截止日"] == "2024-03-01"


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "\n=1"])
def test_a_cell_a_spreadsheet_would_calculate_is_shown_as_text(text: str) -> None:
    from schedgen.export.report import safe_cell

    assert safe_cell(text) == "'" + text
    assert safe_cell("市" + text) == "市" + text


def test_a_cut_cell_is_as_wide_as_its_column_allows_whatever_its_characters() -> None:
    # the terminal table cuts 50,000 task texts; a run of Chinese is cut without reading each character
    import random

    from schedgen.errors import display_width
    from schedgen.export.text import fit

    def by_hand(text: str, width: int) -> str:
        if display_width(text) <= width:
            return text
        kept = ""
        for ch in text:
            if display_width(kept + ch) > width - 1:
                break
            kept += ch
        return kept + "…"

    pick = random.Random(14)
    letters = "落实责任单位，（一）、。「」ＡＢ１２ab12 -…\u0301\u200b\u3000\u302a"
    texts = ["".join(pick.choice(letters) for _ in range(pick.randrange(0, 40))) for _ in range(3000)]
    texts += ["开辟绿色贷款通道，对符合条件的经营主体给予支持", "2024年5月10日前", "ＡＢＣ全角"]
    for text in texts:
        for width in range(0, 34):
            assert fit(text, width) == by_hand(text, width), (text, width)


def test_table_lines_end_at_their_last_character_and_columns_line_up() -> None:
    # the last column is left unpadded for speed; a cell that is empty or ends in spaces must still not
    # leave spaces at the end of its line
    from schedgen.export.text import Columns

    def table(headers: list[str], rows: list[tuple[str, str]]) -> str:
        return Columns(headers).table(rows)

    rows = [("逾期", "任务甲"), ("临近", ""), ("未到期", "结尾有空格  "), ("进行中", "\u3000全角空格\u3000")]
    assert table(["状态", "重点任务"], rows).split("\n") == [
        "状态    重点任务",
        "------  ------------",
        "逾期    任务甲",
        "临近",
        "未到期  结尾有空格",
        "进行中  \u3000全角空格",
    ]
    assert table(["状态", "重点任务"], [("逾期", "任务甲")]).split("\n")[2] == "逾期  任务甲"


def test_a_report_across_places_shows_each_units_role_in_its_own_table() -> None:
    # a unit's table says what the unit is to each task (责任单位, 牵头单位…), as a one-place report does;
    # across places the tables are named with the place, and the column listed every unit of the task
    one = run("report", str(SCHEDULES / "anqiu-eco-farm.yaml"), "--as-of", "2024-06-01").stdout
    every = run("report", str(SCHEDULES), "--as-of", "2024-06-01").stdout

    def first_rows(text: str, heading: str) -> list[str]:
        lines = text.splitlines()
        start = lines.index(heading) + 3  # the heading, the column names, the rule
        return lines[start : start + 3]

    alone = first_rows(one, "市农业农村局")
    across = first_rows(every, "市农业农村局（安丘市）")
    assert [row.split()[3] for row in across] == [row.split()[3] for row in alone] == ["责任单位"] * 3


def test_a_unit_written_with_its_place_shares_the_table_of_that_places_unit(tmp_path: Path) -> None:
    # a plan that names no place may write `市农业农村局（安丘市）`, which is 安丘's 市农业农村局 of another
    # plan: one table lists both plans' rows, in the report's order (overdue first, then by due day)
    (tmp_path / "anqiu.yaml").write_text(
        "id: anqiu\ntitle: 安丘市春耕工作配档表\nyear: 2024\nstages:\n  - name: 准备\n    tasks:\n"
        "      - {id: a1, when: 3月1日前, task: 安丘任务一, units: 市农业农村局}\n"
        "      - {id: a2, when: 5月20日前, task: 安丘任务二, units: 市农业农村局}\n",
        encoding="utf-8",
    )
    (tmp_path / "county.yaml").write_text(
        "id: county\ntitle: 全县秋收工作配档表\nyear: 2024\nstages:\n  - name: 准备\n    tasks:\n"
        "      - {id: c1, when: 5月10日前, task: 全县任务一, units: 市农业农村局（安丘市）}\n"
        "      - {id: c2, when: 2月1日前, task: 全县任务二, units: 市农业农村局（安丘市）}\n",
        encoding="utf-8",
    )
    (tmp_path / "other.yaml").write_text(
        "id: other\ntitle: 海东市工作配档表\nyear: 2024\nstages:\n  - name: 准备\n    tasks:\n"
        "      - {id: o1, when: 5月12日前, task: 海东任务, units: 市农业农村局}\n",
        encoding="utf-8",
    )
    result = run("report", str(tmp_path), "--as-of", "2024-05-08", "--format", "md")
    assert result.exit_code == 0, result.stderr
    tables = result.output.split("\n## ")
    (anqiu,) = [t for t in tables if t.startswith("市农业农村局（安丘市）\n")]
    assert [line.split(" | ")[3] for line in anqiu.splitlines() if line.startswith("| **逾期**") or "临近" in line] == [
        "全县任务二",
        "安丘任务一",
        "全县任务一",
        "安丘任务二",
    ]
    assert "海东任务" not in anqiu and any(t.startswith("市农业农村局（海东市）\n") for t in tables)


def test_units_written_with_their_place_in_a_plan_with_no_place_are_grouped_in_linear_time(tmp_path: Path) -> None:
    # a county's plan that names no place writes 200 towns' 50 units each with its town (`单位3（地7市）`), each
    # town's own plan names them plainly: 10,000 tables each joining two plans' rows, which must not cost the
    # whole report's rows each (that was 10,000 x 7,000 steps, some seconds, for a report that takes a second)
    import time

    units = "、".join(f"单位{u}" for u in range(50))
    for town in range(200):
        (tmp_path / f"town{town}.yaml").write_text(
            f"id: town{town}\ntitle: 工作配档表\norg: 地{town}市\nyear: 2024\n"
            f"tasks:\n  - {{id: t, when: 5月10日前, task: 镇任务{town}, units: '{units}'}}\n",
            encoding="utf-8",
        )
    days = "、".join(f"{month}月{day}日" for month in range(1, 13) for day in range(1, 29))
    tasks = [
        f"  - {{id: c{town}, when: 5月12日前, task: 全县任务{town}, units: '"
        + "、".join(f"单位{u}（地{town}市）" for u in range(50))
        + "'}\n"
        for town in range(200)
    ]
    tasks += [f"  - {{id: r{n}, when: '{days}', task: 例行任务{n}, units: 办公室}}\n" for n in range(20)]
    (tmp_path / "county.yaml").write_text(
        "id: county\ntitle: 全县秋收工作配档表\nyear: 2024\ntasks:\n" + "".join(tasks), encoding="utf-8"
    )
    run("check", str(tmp_path))  # the plans read once: what follows times the report
    started = time.perf_counter()
    result = run("report", str(tmp_path), "--as-of", "2024-05-08", "--format", "md", "--all")
    took = time.perf_counter() - started
    assert result.exit_code == 0, result.stderr
    table = result.output.split("\n## 单位3（地7市）\n", 1)[1].split("\n## ", 1)[0]
    tasks_listed = [line.split(" | ")[3] for line in table.splitlines() if line.startswith("| ")]
    assert tasks_listed[-2:] == ["镇任务7", "全县任务7"]  # both plans' rows, in the report's order
    assert took < 2.5, f"{took:.1f} s"


def test_two_plans_of_one_title_are_two_tables_by_schedule(tmp_path: Path) -> None:
    # two towns' offices each file a plan titled plainly 工作配档表 (their place in `org`): a list by schedule
    # gives each its own table, named with its place, not one table of both whose rows cannot be told apart
    for town in (1, 2):
        (tmp_path / f"town{town}.yaml").write_text(
            f"id: town{town}\ntitle: 工作配档表\norg: 地{town}市\nyear: 2024\n"
            f"tasks:\n  - {{id: t, when: 5月10日前, task: 镇任务{town}, units: 办公室}}\n",
            encoding="utf-8",
        )
    result = run("report", str(tmp_path), "--as-of", "2024-05-08", "--format", "md", "--by", "schedule")
    assert result.exit_code == 0, result.stderr
    tables = {t.split("\n", 1)[0]: t for t in result.output.split("\n## ")[1:]}
    assert sorted(tables) == ["工作配档表（地1市）", "工作配档表（地2市）"]
    assert "镇任务1" in tables["工作配档表（地1市）"] and "镇任务2" not in tables["工作配档表（地1市）"]


@pytest.mark.parametrize("by", ["date", "schedule", "unit"])
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_supporting_unit_is_named_in_every_row_of_markdown_and_html(tmp_path: Path, fmt: str, by: str) -> None:
    # Markdown and the HTML page had the columns 牵头单位 and 责任单位 and none for 配合单位: grouped by day or by
    # plan, a unit that only supports a task was in no row of the report at all
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "title: 测试计划\nyear: 2024\ntasks:\n"
        "  - {id: a, when: 3月10日前, task: 甲任务, lead: 牵头局, support: 配合局, units: 责任局}\n",
        encoding="utf-8",
    )
    out = tmp_path / f"report.{fmt}"
    result = run("report", str(plan), "--as-of", "2024-03-01", "--by", by, "--format", fmt, "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if "甲任务" in line)
    assert "牵头局" in row and "配合局" in row and "责任局" in row
    assert "配合单位" in text


@pytest.mark.parametrize("fmt", ["table", "md"])
def test_a_unit_asked_for_across_two_places_is_listed_from_both(fmt: str) -> None:
    # 市农业农村局 is a unit of Anqiu and of Haidong: across the two its groups are named 市农业农村局（安丘市）
    # and （海东市）, and `--unit 市农业农村局` kept only a group named exactly so: with --all the report counted
    # 35 milestones and listed none, the Word 通报 "共 0 项次"
    args = ("report", "schedules/anqiu-eco-farm.yaml", "schedules/haidong-2024.yaml", "--as-of", "2024-06-01")
    result = run(*args, "--unit", "市农业农村局", "--all", "--format", fmt)
    assert result.exit_code == 0, result.output
    listed = json.loads(run(*args, "--unit", "市农业农村局", "--all", "--format", "json").output)["items"]
    assert len(listed) == 35
    assert "市农业农村局（安丘市）" in result.output and "市农业农村局（海东市）" in result.output
    row = r"^\| [^|]+ \| 20\d\d-\d\d-\d\d \|" if fmt == "md" else r"^\S+\s+20\d\d-\d\d-\d\d\s"
    rows = [line for line in result.output.splitlines() if re.match(row, line)]
    assert len(rows) == len(listed)


def test_a_table_report_that_cuts_a_task_to_its_column_says_where_the_full_text_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a terminal's table cuts a long task to its column with `…`: the report says so once, and where the whole
    # text is, rather than leaving the office to guess whether the duty said more
    plan = tmp_path / "plan.yaml"
    long_task = "组织全市各县区开展高标准农田建设项目竣工验收并将验收结果报市农业农村局备案" * 2
    plan.write_text(
        "title: 验收\nyear: 2024\ntasks:\n"
        f"  - {{id: a, when: 3月1日前, task: {long_task}, units: 市农业农村局}}\n"
        "  - {id: b, when: 3月2日前, task: 报送, units: 市财政局}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("COLUMNS", "100")
    cut = run("report", str(plan), "--as-of", "2024-02-25")
    assert cut.exit_code == 0, cut.stderr
    assert long_task not in cut.output and "…" in cut.output
    assert "以“…”结尾的文字超出列宽而截断，完整文字见 --format md、csv、json 或 html" in cut.output
    monkeypatch.setenv("COLUMNS", "400")
    whole = run("report", str(plan), "--as-of", "2024-02-25")
    assert long_task in whole.output and "截断" not in whole.output


def test_markdown_report_shows_a_tasks_link_and_emphasis_marks_as_written(tmp_path: Path) -> None:
    # a task written `[点此报名](http://x.example)` or `**务必**` was a live link and bold type in the notice the
    # office pastes the Markdown into: the cell must show what the plan says, not what it would render as
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "title: 报名\nyear: 2024\ntasks:\n"
        "  - {id: a, when: 3月1日前, task: '[点此报名](http://x.example) **务必** _按时_ `代码` 反斜杠\\', units: 市财政局}\n",
        encoding="utf-8",
    )
    result = run("report", str(plan), "--as-of", "2024-02-25", "--format", "md")
    assert result.exit_code == 0, result.stderr
    row = next(line for line in result.output.splitlines() if "点此报名" in line)
    assert "\\[点此报名\\](http://x.example) \\*\\*务必\\*\\* \\_按时\\_ \\`代码\\` 反斜杠\\\\" in row


KIN_PLAN = """\
id: kin
title: 测试市工作配档表
year: 2024
stages:
  - name: 第一阶段
    tasks:
      - id: own
        when: 5月10日前
        task: 市财政局自己的任务
        units: 市财政局
      - id: led
        when: 5月12日前
        task: 写作财政局的牵头任务
        lead: 财政局
        support: [市审计局]
"""


def test_one_units_report_feed_and_chart_say_which_tasks_another_spelling_of_it_holds(tmp_path: Path) -> None:
    """The office asks for 市财政局; the plan writes it 财政局 where it leads a task, which `check` reads as
    probably one unit. The report, the feed and the chart of 市财政局 leave that task out: each must say so,
    with the line that merges them, or the office never sees the task it leads."""
    plan = tmp_path / "kin.yaml"
    plan.write_text(KIN_PLAN, encoding="utf-8")
    said = run("report", str(plan), "--as-of", "2024-05-01", "--unit", "市财政局")
    assert said.exit_code == 0, said.stderr
    assert "市财政局自己的任务" in said.output and "写作财政局的牵头任务" not in said.output
    assert "「财政局」" in said.stderr and "市财政局: {aliases: [财政局]}" in said.stderr and "led" in said.stderr
    feed = run("ics", str(plan), "--unit", "市财政局", "-o", str(tmp_path / "u.ics"))
    assert feed.exit_code == 0, feed.stderr
    assert "「财政局」" in feed.stderr and "市财政局: {aliases: [财政局]}" in feed.stderr
    chart = run("gantt", str(plan), "--unit", "市财政局", "-o", str(tmp_path / "u.svg"))
    assert chart.exit_code == 0, chart.stderr
    assert "「财政局」" in chart.stderr and "市财政局: {aliases: [财政局]}" in chart.stderr
    # the spelling that leads a task is told of the formal name too; a plan with one spelling says nothing
    other = run("report", str(plan), "--as-of", "2024-05-01", "--unit", "财政局")
    assert "「市财政局」" in other.stderr and "own" in other.stderr
    alone = run("report", str(plan), "--as-of", "2024-05-01", "--unit", "市审计局")
    assert alone.exit_code == 0 and "「" not in alone.stderr


def test_done_since_says_how_many_done_tasks_have_no_day_to_place(tmp_path: Path) -> None:
    """`--done-since` lists what was done since a day; a task marked done without its day cannot be placed,
    so it is not listed: the header must say that it is such a task, not count it with the done of before."""
    plan = tmp_path / "done.yaml"
    plan.write_text(
        "id: done\ntitle: 测试\nyear: 2024\ntasks:\n"
        "  - {id: dated, when: 5月10日前, task: 有日期的, units: 市财政局, status: done, done: 2024-05-08}\n"
        "  - {id: undated, when: 5月12日前, task: 没有日期的, units: 市财政局, status: done}\n"
        "  - {id: before, when: 3月12日前, task: 早就完成的, units: 市财政局, status: done, done: 2024-03-01}\n",
        encoding="utf-8",
    )
    table = run("report", str(plan), "--as-of", "2024-05-20", "--done-since", "2024-05-01")
    assert table.exit_code == 0, table.stderr
    assert "有日期的" in table.output and "没有日期的" not in table.output
    assert "未记完成日期 1 项（undated）" in table.output
    data = json.loads(
        run("report", str(plan), "--as-of", "2024-05-20", "--done-since", "2024-05-01", "--format", "json").output
    )
    assert data["done_undated"] == ["undated"]
    word = tmp_path / "周报.docx"
    made = run(
        "report", str(plan), "--as-of", "2024-05-20", "--done-since", "2024-05-01", "--format", "docx", "-o", str(word)
    )
    assert made.exit_code == 0, made.stderr
    import docx

    summary = "".join(p.text for p in docx.Document(str(word)).paragraphs)
    assert "未记完成日期 1 项（undated）" in summary
    # CSV has no header line to say it in: stderr does, as it says what else the file leaves out
    sheet = run("report", str(plan), "--as-of", "2024-05-20", "--done-since", "2024-05-01", "--format", "csv")
    assert "没有的" not in sheet.output and "undated" in sheet.stderr
