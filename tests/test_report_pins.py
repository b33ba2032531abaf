"""Today's report, pinned: a change that makes a report faster must not change what a user sees.

A small case of two plans (a generated plan of the province bench, `report_pins/plan.yaml`, and the plan of
hostile text `bench/same_reports.py` compares reports on) is printed as a table and as Markdown and compared
to the bytes these formats printed when they were pinned (`report_pins/*.txt`). The HTML page is compared
to what the plain template writes (the shipped template with its rows written as it wrote them, a Jinja
loop over every row), given as a user's template: the same page, to the byte, and the same characters in
its font.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from schedgen.export.page import webfont

from .conftest import run

# the plan of hostile text bench/same_reports.py compares reports on
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from same_reports import HOSTILE

PINS = Path(__file__).resolve().parent / "report_pins"

CASES = [
    ("table", ["--by", "unit"]),
    ("table", ["--by", "date", "--all"]),
    ("md", ["--by", "unit"]),
    ("md", ["--by", "schedule", "--all"]),
]


def plans(folder: Path) -> list[str]:
    hostile = folder / "hostile.yaml"
    hostile.write_text(HOSTILE, encoding="utf-8")
    return [str(PINS / "plan.yaml"), str(hostile)]


def pinned(fmt: str, args: list[str]) -> Path:
    return PINS / f"{fmt}{''.join(args)}.txt"


@pytest.mark.parametrize(("fmt", "args"), CASES)
def test_table_and_markdown_print_what_they_printed_when_pinned(tmp_path: Path, fmt: str, args: list[str]) -> None:
    result = run("report", *plans(tmp_path), "--as-of", "2024-05-01", "--format", fmt, *args)
    assert result.exit_code == 0, result.output
    assert result.output == pinned(fmt, args).read_bytes().decode()


PLAIN_ROWS = """{% for row in rows %}
<tr class="{{ row.state.value }}"><td class="state">{{ row.state.label }}{% if row.state.value == "done" and row.task.done %}（{{ row.task.done }}）{% endif %}</td><td class="date">{{ row.due }}</td><td>{{ row.task.when }}</td><td>{{ row.task.task }}</td><td>{{ row.task.lead|join("、") }}</td><td>{{ row.task.support|join("、") }}</td><td>{{ row.task.units|join("、") }}</td><td>{{ row.schedule.title }}</td><td>{{ row.task.notes or "" }}</td></tr>
{% endfor %}"""
"""The rows of the report page as the shipped template wrote them, a Jinja loop over every row."""


@pytest.fixture
def plain(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding the shipped report page with its rows written by `PLAIN_ROWS`; the page's font shown
    as the characters it is cut to (a cut takes seconds, and the characters are what must agree)."""
    monkeypatch.setattr(webfont, "font_css", lambda characters: f"/* font of {characters} */")
    shipped = (Path(__file__).resolve().parent.parent / "templates" / "report.html").read_text(encoding="utf-8")
    head, rest = shipped.split("<tbody>\n", 1)
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "report.html").write_text(
        f"{head}<tbody>\n{PLAIN_ROWS}\n</tbody>{rest.split('</tbody>', 1)[1]}", encoding="utf-8"
    )
    return folder


def same_page(paths: list[str], args: list[str], plain: Path) -> str:
    """The page `report --format html` writes, once it is checked to be the plain template's to the byte."""
    shipped = run("report", *paths, "--as-of", "2024-05-01", "--format", "html", *args)
    written = run("report", *paths, "--as-of", "2024-05-01", "--format", "html", "--templates", str(plain), *args)
    assert shipped.exit_code == written.exit_code == 0, shipped.output + written.output
    assert "/* font of " in written.output and "{%" not in written.output
    assert shipped.output == written.output
    return shipped.output


@pytest.mark.parametrize(
    "args",
    [
        ["--by", "unit"],
        ["--by", "date", "--all"],
        ["--by", "schedule", "--done-since", "2024-04-01"],
        ["--unit", "市农业局"],
        ["--stage", "阶段|一"],
    ],
)
def test_the_html_page_is_what_the_plain_template_writes(tmp_path: Path, plain: Path, args: list[str]) -> None:
    # text that spells characters as JSON escapes: the font holds what `\u5b57` spells, not what `\\u5b58` does
    escapes = tmp_path / "escapes.yaml"
    escapes.write_text(
        "title: 转义\nyear: 2024\ntasks:\n  - {id: e, when: 5月10日前, task: '写作 \\u5b57 与 \\\\u5b58', units: 市农业局}\n",
        encoding="utf-8",
    )
    every = [*plans(tmp_path), str(escapes)]
    page = same_page(every, args, plain)
    if "--stage" not in args:
        assert "字" in page.split("/* font of ")[1].split(" */")[0]
    hostile = same_page(every[1:2], args, plain)  # the hostile plan alone: its page has no 、 but between units
    assert "&lt;i&gt;斜&lt;/i&gt;" in hostile or "--unit" in args or "--stage" in args


def test_a_title_holding_the_mark_where_the_rows_go_is_shown_as_written(tmp_path: Path, plain: Path) -> None:
    plan = tmp_path / "mark.yaml"
    plan.write_text(
        'title: "标记\\0schedgen: rows\\0"\nyear: 2024\ntasks:\n  - {id: m, when: 5月10日前, task: 任务, units: 单位}\n',
        encoding="utf-8",
    )
    page = same_page([str(plan)], ["--by", "schedule"], plain)
    assert "<h2>标记\0schedgen: rows\0</h2>" in page
