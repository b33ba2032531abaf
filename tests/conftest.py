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
        return runner.invoke(cli, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)


@pytest.fixture
def write_schedule(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write a schedule file into a fresh folder and return its path."""

    def write(text: str, name: str = "plan.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
