"""Nothing cut from a chart without a word: task texts and unit lists wrap onto more lines at every paper
size, and a text that must still be shortened is named by the command."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from schedgen.plans import timelines
from schedgen.view import TaskRow, chart

from .conftest import SCHEDULES, run

Write = Callable[..., Path]
AS_OF = "2024-06-01"


def _pdf_text(path: Path) -> str:
    """Every page's text as a PDF reader extracts it, without the line breaks and spaces of the layout."""
    document = pdfium.PdfDocument(path)
    text = "".join(page.get_textpage().get_text_range() for page in document)
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("paper", [("A4", "--portrait"), ("A3",)], ids=["A4-portrait", "A3"])
@pytest.mark.parametrize("schedule", sorted(p.name for p in SCHEDULES.glob("*.yaml")))
def test_every_unit_of_every_task_prints_in_full(schedule: str, paper: tuple[str, ...], tmp_path: Path) -> None:
    target = tmp_path / "chart.pdf"
    result = run("gantt", str(SCHEDULES / schedule), "-o", str(target), "--as-of", AS_OF, "--paper", *paper)
    assert result.exit_code == 0, result.output
    text = _pdf_text(target)
    (timeline,) = timelines([SCHEDULES / schedule])
    rows = [row for row in chart(timeline, date.fromisoformat(AS_OF), 14).rows if isinstance(row, TaskRow)]
    assert rows
    for row in rows:
        if row.units:
            assert "、".join(row.units).replace(" ", "") in text, (row.task.id, row.units)
        assert re.sub(r"\s+", "", row.task.when) in text, (row.task.id, row.task.when)
    # the title heads the page in full (the footer repeats it, shortened where it must be)
    assert re.sub(r"\s+", "", timeline.schedule.title) in text
    assert "shortened" not in result.output


def test_a_text_too_long_for_its_row_is_named(write_schedule: Write, tmp_path: Path) -> None:
    long_task = "建设高标准农田并完善配套设施" * 60
    path = write_schedule(
        f"title: 测试计划\nyear: 2024\ntasks:\n  - {{id: fields, when: 6月底前, task: {long_task}, units: 市农业农村局}}\n"
    )
    result = run("gantt", str(path), "-o", str(tmp_path / "chart.pdf"), "--as-of", AS_OF, "--paper", "A4")
    assert result.exit_code == 0, result.output
    assert "fields" in result.output and "shortened" in result.output


def test_a_date_outside_the_plan_window_is_drawn_and_found(write_schedule: Write, tmp_path: Path) -> None:
    path = write_schedule(
        "title: 测试计划\nyear: 2005\ntasks:\n"
        "  - {id: build, when: 2005年6月底前, task: 建设园区, units: 市农业农村局}\n"
        "  - {id: accept, when: 2006年3月底前, task: 总结验收, units: 市农业农村局}\n"
    )
    check = run("check", str(path))
    assert "accept" in check.output and "晚于计划期末 2005-12-31" in check.output
    target = tmp_path / "chart.svg"
    assert run("gantt", str(path), "-o", str(target), "--as-of", "2005-03-01").exit_code == 0
    svg = target.read_text(encoding="utf-8")
    assert 'id="due:accept:2006-03-31"' in svg and 'id="due:build:2005-06-30"' in svg


def test_build_names_a_text_its_chart_shortens(write_schedule: Write, tmp_path: Path) -> None:
    long_task = "建设高标准农田并完善配套设施" * 60
    path = write_schedule(
        f"title: 测试计划\nyear: 2024\ntasks:\n  - {{id: fields, when: 6月底前, task: {long_task}, units: 市农业农村局}}\n"
    )
    result = run("build", str(path), "-o", str(tmp_path / "site"), "--only", "pdf", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert "plan/gantt" in result.stderr and "shortened" in result.stderr and "fields 重点任务" in result.stderr


def test_a_stage_name_too_long_for_its_heading_is_named(write_schedule: Write, tmp_path: Path) -> None:
    """A stage heading is one line across the table; a name longer than that ends in … on the printed
    chart, and the clerk must be told which stage and its whole name, as for a task's text."""
    stage = "第一阶段：全面动员部署并完成摸底调查建档立卡和问题清单整改销号工作" * 3
    path = write_schedule(
        f"title: 测试计划\nyear: 2024\nstages:\n  - name: {stage}\n    tasks:\n"
        "      - {id: fields, when: 6月底前, task: 建设农田, units: 市农业农村局}\n"
    )
    result = run("gantt", str(path), "-o", str(tmp_path / "chart.pdf"), "--as-of", AS_OF, "--paper", "A4")
    assert result.exit_code == 0, result.output
    assert stage not in _pdf_text(tmp_path / "chart.pdf")  # the heading is cut on paper
    assert "shortened" in result.stderr and stage in result.stderr
    short = write_schedule(
        "title: 测试计划\nyear: 2024\nstages:\n  - name: 第一阶段\n    tasks:\n"
        "      - {id: fields, when: 6月底前, task: 建设农田, units: 市农业农村局}\n"
    )
    fits = run("gantt", str(short), "-o", str(tmp_path / "short.pdf"), "--as-of", AS_OF, "--paper", "A4")
    assert "shortened" not in fits.stderr
