"""Shared helpers: the real CLI, the seed plans, and a place to write schedule files."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

# the tests read English messages whatever the machine's locale (test_i18n chooses Chinese where it means to);
# set before the CLI is imported, as click's help texts are translated when they are declared
os.environ["SCHEDGEN_LANG"] = "en"

from schedgen.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SCHEDULES = ROOT / "schedules"
# the Haidong plan was issued on 9 April 2024: its monthly reports fall due on these month ends
HAIDONG_MONTHLY = [
    "2024-04-30",
    "2024-05-31",
    "2024-06-30",
    "2024-07-31",
    "2024-08-31",
    "2024-09-30",
    "2024-10-31",
    "2024-11-30",
    "2024-12-31",
]
SEEDS = Path(os.environ.get("SCHEDGEN_SEEDS", ROOT.parent / "shared" / "seeds"))


def run(*args: str, cwd: Path | None = None) -> Result:
    """Run `schedgen ARGS...` as a user would, in `cwd` (default: the repository)."""
    runner = CliRunner()
    old = Path.cwd()
    os.chdir(cwd or ROOT)
    try:
        result = runner.invoke(cli, list(args), catch_exceptions=False)
        if result.exit_code == 2 and os.environ.get("SCHEDGEN_TEST_CHINESE"):
            _said_in_chinese(runner, args, Path(os.environ["SCHEDGEN_TEST_CHINESE"]))
        return result
    finally:
        os.chdir(old)


def _said_in_chinese(runner: CliRunner, args: tuple[str, ...], log: Path) -> None:
    """With SCHEDGEN_TEST_CHINESE=FILE, every error a test makes through `run` is made again in Chinese, and
    each one that still holds an English sentence is written to FILE: a run of the whole suite so walks every
    error of the error tests (README: Language). A test's own state may change what the second run says."""
    from schedgen import i18n

    from .test_i18n import english

    os.environ["SCHEDGEN_LANG"] = "zh_CN"
    i18n.reset()
    try:
        again = runner.invoke(cli, list(args), catch_exceptions=True)
    finally:
        os.environ["SCHEDGEN_LANG"] = "en"
        i18n.reset()
    if again.exit_code == 2 and (found := english(again.stderr)):
        with log.open("a", encoding="utf-8") as out:
            out.write(f"schedgen {' '.join(args)}\n{again.stderr}  English: {found}\n\n")


@pytest.fixture
def write_schedule(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write a schedule file into a fresh folder and return its path."""

    def write(text: str, name: str = "plan.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
