"""Shared helpers: the real CLI, the seed plans, and a place to write schedule files."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from schedgen.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SCHEDULES = ROOT / "schedules"
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
