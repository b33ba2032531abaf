"""The 督办 report lists what needs action by default (issue 23 item 1): the overdue, what falls due
within `--within`, what was done since `--done-since`; `--all` lists everything; the header counts
everything and says what it leaves out."""

from __future__ import annotations

import io
import json
import re
import shutil
import zipfile
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pandas
import pytest

from schedgen.model import State, Status
from schedgen.plans import timelines
from schedgen.view import Milestone, milestones

from .conftest import SCHEDULES, run

AS_OF = date(2024, 6, 1)
SEED_FILES = sorted(SCHEDULES.glob("*.yaml"))


def every_row(paths: list[Path], within: int = 14) -> list[Milestone]:
    return milestones(timelines(paths), AS_OF, within)


def needs_action(rows: list[Milestone], within: int) -> list[Milestone]:
    """Worked out from the dates, not from the states the report sorts by: not done or cancelled, and due
    before the end of the `within` days."""
    last = AS_OF + timedelta(days=within)
    return [r for r in rows if r.task.status not in (Status.DONE, Status.CANCELLED) and r.due <= last]


def ok(*args: str) -> str:
    result = run("report", *args)
    assert result.exit_code == 0, result.stderr
    return result.output


def table_rows(text: str, ids: set[str]) -> Counter[tuple[str, str, str]]:
    """(state, plan id, due) of each row of the terminal table."""
    found: Counter[tuple[str, str, str]] = Counter()
    for line in text.splitlines()[1:]:
        cells = line.split()
        if len(cells) > 2 and re.fullmatch(r"\d{4}-\d\d-\d\d", cells[1]):
            (plan,) = [c for c in cells if c in ids]
            found[(cells[0], plan, cells[1])] += 1
    return found


@pytest.mark.parametrize("within", [14, 30])
def test_every_format_lists_the_overdue_and_the_due_by_default(within: int) -> None:
    rows = every_row(SEED_FILES, within)
    wanted = needs_action(rows, within)
    assert any(r.due < AS_OF for r in wanted)
    if within == 30:  # the Haidong half-year items fall due on 30 June
        assert any(r.due >= AS_OF for r in wanted)
    # in progress but due after the `within` days: counted in the header, not listed
    assert any(r.state is State.IN_PROGRESS for r in rows if r not in wanted)
    args = ("--as-of", AS_OF.isoformat(), "--within", f"{within}d")
    ids = {r.schedule.id for r in rows}
    titles = {r.schedule.title: r.schedule.id for r in rows}
    expected = Counter((r.schedule.id, r.task.id, r.due.isoformat()) for r in wanted)

    items = json.loads(ok(*args, "--format", "json"))["items"]
    assert Counter((i["schedule"], i["id"], i["due"]) for i in items) == expected
    assert {i["state"] for i in items} <= {"overdue", "due"}

    csv = run("report", *args, "--format", "csv")
    assert f"note: listed {len(wanted)} of {len(rows)} milestone(s), those that need action;" in csv.stderr
    frame = pandas.read_csv(io.BytesIO(csv.stdout_bytes), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert Counter(zip(map(titles.get, frame["计划"]), frame["编号"], frame["截止日"], strict=True)) == expected

    table = table_rows(ok(*args, "--by", "schedule"), ids)
    assert Counter({(plan, due): n for (_, plan, due), n in table.items()}) == Counter(
        (plan, due) for plan, _, due in expected.elements()
    )
    assert {state for state, _, _ in table} <= {"逾期", "临近"}

    md = ok(*args, "--by", "schedule", "--format", "md")
    cells = [line.split(" | ") for line in md.splitlines() if line.startswith("| ") and " | 20" in line]
    assert Counter((titles[c[7]], c[1]) for c in cells) == Counter((plan, due) for plan, _, due in expected.elements())


def test_all_lists_every_milestone_in_every_format(tmp_path: Path) -> None:
    rows = every_row(SEED_FILES)
    args = ("--as-of", AS_OF.isoformat(), "--all")
    items = json.loads(ok(*args, "--format", "json"))["items"]
    assert Counter((i["schedule"], i["id"], i["due"]) for i in items) == Counter(
        (r.schedule.id, r.task.id, r.due.isoformat()) for r in rows
    )
    raw = run("report", *args, "--format", "csv").stdout_bytes
    assert len(pandas.read_csv(io.BytesIO(raw), encoding="utf-8-sig", dtype=str)) == len(rows)
    assert sum(table_rows(ok(*args, "--by", "schedule"), {r.schedule.id for r in rows}).values()) == len(rows)
    assert ok(*args, "--by", "date", "--format", "md").count("\n| ") == len(rows) + len(
        {r.due for r in rows}
    )  # a header row per date
    html = ok(*args, "--by", "schedule", "--format", "html")
    assert html.count("<tr class=") == len(rows)
    said = ok(*args, "--format", "xlsx", "-o", str(tmp_path / "all.xlsx")).splitlines()
    assert all("taller than an Excel row can be (409 pt)" in line for line in said), said  # 海东's long notes
    book = openpyxl.load_workbook(tmp_path / "all.xlsx")
    assert sum(sheet.max_row - 2 for sheet in book.worksheets[1:]) == len(rows)


def test_the_header_counts_everything_and_says_what_is_not_listed() -> None:
    rows = every_row(SEED_FILES)
    tally = Counter(r.state for r in rows)
    counted = "，".join(f"{s.label} {tally[s]}" for s in State if tally[s])
    left = "、".join(f"{s.label} {tally[s]}" for s in State if tally[s] and s not in (State.OVERDUE, State.DUE))
    assert left  # the seeds have milestones in progress and not yet due as of that day
    head = f"截至 {AS_OF}（临近：14 天内）：{counted}"
    note = f"未列出 {left} 项（--all 列出全部）"
    assert ok("--as-of", AS_OF.isoformat()).splitlines()[0] == f"{head}；{note}"
    assert ok("--as-of", AS_OF.isoformat(), "--all").splitlines()[0] == head
    md = ok("--as-of", AS_OF.isoformat(), "--format", "md")
    assert f"\n\n{head}；{note}\n" in md
    assert note not in ok("--as-of", AS_OF.isoformat(), "--format", "md", "--all")
    assert note in ok("--as-of", AS_OF.isoformat(), "--format", "html")
    data = json.loads(ok("--as-of", AS_OF.isoformat(), "--format", "json"))
    assert data["not_listed"] == {s.value: tally[s] for s in State if tally[s] and s not in (State.OVERDUE, State.DUE)}
    assert "not_listed" not in json.loads(ok("--as-of", AS_OF.isoformat(), "--format", "json", "--all"))


def test_a_unit_report_lists_that_units_overdue_and_counts_its_own() -> None:
    path = SCHEDULES / "haidong-2024.yaml"
    rows = [r for r in every_row([path], 30) if "市农业农村局" in dict(r.task.roles())]
    wanted = needs_action(rows, 30)
    assert wanted and len(wanted) < len(rows)
    args = (str(path), "--as-of", AS_OF.isoformat(), "--within", "30d", "--unit", "市农业农村局")
    items = json.loads(ok(*args, "--format", "json"))["items"]
    assert Counter((i["id"], i["due"]) for i in items) == Counter((r.task.id, r.due.isoformat()) for r in wanted)
    head = ok(*args).splitlines()[0]
    tally = Counter(r.state for r in rows)
    counted = "，".join(f"{s.label} {tally[s]}" for s in State if tally[s])
    left = "、".join(f"{s.label} {tally[s]}" for s in State if tally[s] and s not in (State.OVERDUE, State.DUE))
    assert head == f"截至 {AS_OF}（临近：30 天内）：{counted}；未列出 {left} 项（--all 列出全部）"


def marked_done(tmp_path: Path) -> Path:
    """A copy of the Anqiu seed with one overdue task marked done, by `schedgen done`, on 28 May 2024."""
    plan = tmp_path / "anqiu.yaml"
    shutil.copy(SCHEDULES / "anqiu-eco-farm.yaml", plan)
    assert run("done", str(plan), "first-batch-plans", "--on", "2024-05-28").exit_code == 0
    return plan


def json_ids(plan: Path, *args: str) -> dict[str, list[tuple[str, str | None]]]:
    items = json.loads(ok(str(plan), "--as-of", AS_OF.isoformat(), "--format", "json", *args))["items"]
    found: dict[str, list[tuple[str, str | None]]] = {}
    for i in items:
        found.setdefault(i["id"], []).append((i["state"], i["done"]))
    return found


def test_done_since_adds_what_was_marked_done_in_the_period(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = json_ids(SCHEDULES / "anqiu-eco-farm.yaml")
    assert before["first-batch-plans"] == [("overdue", None)]
    plan = marked_done(tmp_path)
    assert "first-batch-plans" not in json_ids(plan)
    for since in ("2024-05-28", "2024-05-25", "7d", "1w", "4d"):
        found = json_ids(plan, "--done-since", since)
        assert found.pop("first-batch-plans") == [("done", "2024-05-28")], since
        assert found == {k: v for k, v in before.items() if k != "first-batch-plans"}
    for since in ("2024-05-29", "3d", "0d"):
        assert "first-batch-plans" not in json_ids(plan, "--done-since", since), since
    # a done row left out leaves the task column as wide as ever: the width less 5 columns and their gaps
    monkeypatch.setenv("COLUMNS", "160")
    rules = [line for line in ok(str(plan), "--as-of", AS_OF.isoformat()).splitlines() if line.startswith("-")]
    assert max(len(line.split()[-1]) for line in rules) == 160 - (6 + 10 + 28 + 24 + 16) - 2 * 5

    args = (str(plan), "--as-of", AS_OF.isoformat(), "--done-since", "2024-05-25")
    table = ok(*args, "--by", "schedule")
    (line,) = [line for line in table.splitlines() if line.startswith("已完成")]
    assert line.split()[:2] == ["已完成（2024-05-28）", "2023-03-05"]
    assert table.splitlines()[0].endswith("，已完成 1；列出 2024-05-25 以来完成 1 项")  # the rest is all listed
    assert "| 已完成（2024-05-28） | 2023-03-05 | 3月5日前 |" in ok(*args, "--format", "md")
    assert '<tr class="done"><td class="state">已完成（2024-05-28）</td>' in ok(*args, "--format", "html")
    raw = run("report", *args, "--format", "csv").stdout_bytes
    frame = pandas.read_csv(io.BytesIO(raw), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    (row,) = frame[frame["编号"] == "first-batch-plans"].to_dict("records")
    assert (row["状态"], row["进度"]) == ("已完成", "已完成（2024-05-28）")

    ok(*args, "--format", "xlsx", "-o", str(tmp_path / "r.xlsx"))
    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx").worksheets[1]
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    (done,) = [v for v in values if "已完成（2024-05-28）" in v]
    assert "first-batch-plans" not in done and "已完成" in done  # the 进度 cell dated, the 状态 cell as ever


def test_the_word_report_counts_what_was_done_in_the_period(tmp_path: Path) -> None:
    plan = marked_done(tmp_path)
    target = tmp_path / "通报.docx"
    ok(str(plan), "--as-of", AS_OF.isoformat(), "--done-since", "2024-05-25", "--format", "docx", "-o", str(target))
    with zipfile.ZipFile(target) as docx:
        xml = docx.read("word/document.xml").decode()
    text = re.sub(r"<[^>]+>", "", xml.replace("</w:p>", "\n").replace("<w:br/>", "\n"))
    (summary,) = [line for line in text.splitlines() if line.lstrip("　").startswith("截至")]
    assert "已完成 1 项" in summary and "2024年5月25日以来完成 1 项" in summary
    import docx

    rows = [[c.text for c in row.cells] for table in docx.Document(str(target)).tables for row in table.rows]
    done = [row for row in rows if row[3] == "已完成"]  # under each of its units
    (task,) = [t for t in timelines([plan])[0].schedule.all_tasks() if t.id == "first-batch-plans"]
    assert len(done) == len(task.roles()) == 2
    for row in done:
        assert row[1].startswith("指导首批拟创建农场提报建设方案") and row[4:] == ["2024-05-28 完成", ""]


@pytest.mark.parametrize(
    ("since", "message"),
    [
        ("2024-06-02", "--done-since 2024-06-02 is after the report's day 2024-06-01"),
        ("soon", "`soon` is neither a day (YYYY-MM-DD) nor a number of days"),
    ],
)
def test_a_done_since_that_cannot_be_is_refused(since: str, message: str) -> None:
    result = run("report", "--as-of", AS_OF.isoformat(), "--done-since", since)
    assert result.exit_code == 2 and message in result.stderr, result.stderr


@pytest.mark.parametrize("listing", [(), ("--all",), ("--done-since", "7d")])
def test_fail_on_overdue_counts_every_overdue_milestone_whatever_is_listed(listing: tuple[str, ...]) -> None:
    overdue = sum(r.state is State.OVERDUE for r in every_row(SEED_FILES))
    result = run("report", "--as-of", AS_OF.isoformat(), "--fail-on-overdue", "--format", "md", *listing)
    assert result.exit_code == 1
    assert f"{overdue} milestone(s) overdue as of {AS_OF}" in result.stderr
    quiet = run("report", str(SCHEDULES / "haidong-2024.yaml"), "--as-of", "2024-04-10", "--fail-on-overdue", *listing)
    assert quiet.exit_code == 0, quiet.stderr
