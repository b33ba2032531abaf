"""Today's report, pinned: a change that makes a report faster must not change what a user sees.

A small case of two plans (a generated plan of the province bench, `report_pins/plan.yaml`, and the plan of
hostile text `bench/same_reports.py` compares reports on) is printed as a table and as Markdown and compared
to the bytes these formats printed when they were pinned (`report_pins/*.txt`). The HTML page is compared
to what the plain template writes (`report_pins/report.html`: the shipped template as it was, a Jinja loop
over every row), given as a user's template: the same page, to the byte, and the same characters in its
font.
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
def test_the_html_page_is_what_the_plain_template_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    # the font as the characters it is cut to: a cut takes seconds, and the characters are what must agree
    monkeypatch.setattr(webfont, "font_css", lambda characters: f"/* font of {characters} */")
    # text that spells characters as JSON escapes: the font holds what `\u5b57` spells, not what `\\u5b58` does
    escapes = tmp_path / "escapes.yaml"
    escapes.write_text(
        "title: 转义\nyear: 2024\ntasks:\n  - {id: e, when: 5月10日前, task: '写作 \\u5b57 与 \\\\u5b58', units: 市农业局}\n",
        encoding="utf-8",
    )
    every = [*plans(tmp_path), str(escapes)]
    for paths in (every, every[1:2]):  # the hostile plan alone: its page has no 、 but between units
        same_page(paths, args)


def same_page(paths: list[str], args: list[str]) -> None:
    shipped = run("report", *paths, "--as-of", "2024-05-01", "--format", "html", *args)
    plain = run("report", *paths, "--as-of", "2024-05-01", "--format", "html", "--templates", str(PINS), *args)
    assert shipped.exit_code == plain.exit_code == 0, shipped.output + plain.output
    assert "&lt;i&gt;斜&lt;/i&gt;" in plain.output or "--unit" in args or "--stage" in args, plain.output
    assert "/* font of " in plain.output
    if "--stage" not in args and len(paths) > 2:
        assert "字" in plain.output.split("/* font of ")[1].split(" */")[0]
    assert shipped.output == plain.output


def test_a_title_holding_the_mark_where_the_rows_go_is_shown_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(webfont, "font_css", lambda characters: f"/* font of {characters} */")
    plan = tmp_path / "mark.yaml"
    plan.write_text(
        'title: "标记\\0schedgen: rows\\0"\nyear: 2024\ntasks:\n  - {id: m, when: 5月10日前, task: 任务, units: 单位}\n',
        encoding="utf-8",
    )
    args = ["report", str(plan), "--as-of", "2024-05-01", "--format", "html", "--by", "schedule"]
    shipped, plain = run(*args), run(*args, "--templates", str(PINS))
    assert shipped.exit_code == plain.exit_code == 0, shipped.output + plain.output
    assert "<h2>标记\0schedgen: rows\0</h2>" in shipped.output
    assert shipped.output == plain.output
