"""A schedule nested deeper than any 配档表 needs is refused before the YAML parser sees it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from schedgen.depth import MAX_DEPTH
from schedgen.errors import LoadError
from schedgen.load import loads

DEEP = 25_000


def message(text: str | bytes) -> str:
    with pytest.raises(LoadError) as caught:
        loads(text, "deep.yaml")
    return caught.value.render()


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("title: x\nyear: 2024\ntasks: " + "[" * DEEP + "]" * DEEP + "\n", "deep.yaml:3:27:"),
        ("title: x\nyear: 2024\nunits: " + "{a: " * DEEP + "b" + "}" * DEEP + "\n", "deep.yaml:3:84:"),
        ("title: x\nyear: 2024\ntasks:\n" + "- " * DEEP + "x\n", "deep.yaml:4:39:"),
        ("title: x\nyear: 2024\ntasks:\n" + "".join(" " * n + "- \n" for n in range(40)), "deep.yaml:23:20:"),
    ],
    ids=["flow-sequences", "flow-mappings", "compact-block-lists", "indented-block-lists"],
)
def test_deep_nesting_is_refused_at_the_level_past_the_limit(text: str, where: str) -> None:
    rendered = message(text)
    assert rendered.startswith(where), rendered
    assert f"nested more than {MAX_DEPTH} levels deep" in rendered
    assert message(text.encode()) == rendered


def test_nesting_up_to_the_limit_is_left_to_the_loader() -> None:
    inner = "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)  # the document's mapping is the first level
    assert "nested more than" not in message(f"title: x\nyear: 2024\ntasks: {inner}\n")


def test_brackets_in_text_do_not_count(tmp_path: Path) -> None:
    tasks = "".join(f"  - {{id: t{n}, when: 3月1日前, task: '见[附件{n}'}}\n" for n in range(100))
    plan = loads(f"title: x\nyear: 2024\ntasks:\n{tasks}")
    assert len(plan.tasks) == 100


def test_check_on_25000_brackets_exits_2_without_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("title: x\nyear: 2024\ntasks: " + "[" * DEEP + "]" * DEEP + "\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "schedgen", "check", str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2 and f"{path}:3:" in result.stderr and "Traceback" not in result.stderr
