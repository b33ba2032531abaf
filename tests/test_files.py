"""The file system edges of a build: modes a web server can read, leftovers of killed builds, safe names."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import SCHEDULES, run


def test_the_built_folder_has_the_mode_a_plain_mkdir_gives(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("build", str(SCHEDULES / "anqiu-eco-farm.yaml"), "-o", str(out), "--only", "ics").exit_code == 0
    (tmp_path / "plain").mkdir()
    assert out.stat().st_mode & 0o777 == (tmp_path / "plain").stat().st_mode & 0o777


def test_a_build_removes_the_staging_folders_that_killed_builds_left(tmp_path: Path) -> None:
    out = tmp_path / "out"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f".out.building-{dead.stdout.strip()}-abc123"
    (stale / "anqiu-eco-farm").mkdir(parents=True)
    alive = tmp_path / f".out.building-{os.getpid()}-def456"  # a build still running: left alone
    alive.mkdir()
    assert run("build", str(SCHEDULES / "anqiu-eco-farm.yaml"), "-o", str(out), "--only", "ics").exit_code == 0
    assert not stale.exists() and alive.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([alive.name, "out"])


def test_a_file_written_by_a_command_has_the_mode_a_plain_open_gives(tmp_path: Path) -> None:
    target = tmp_path / "督办.csv"
    assert run("report", str(SCHEDULES), "--format", "csv", "--as-of", "2024-05-01", "-o", str(target)).exit_code == 0
    (tmp_path / "plain").write_text("")
    assert target.stat().st_mode & 0o777 == (tmp_path / "plain").stat().st_mode & 0o777
    target.chmod(0o640)  # a mode the user chose survives a rewrite
    assert run("report", str(SCHEDULES), "--format", "csv", "--as-of", "2024-05-01", "-o", str(target)).exit_code == 0
    assert target.stat().st_mode & 0o777 == 0o640


def test_a_full_disk_is_a_clear_error_and_the_previous_site_stays(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import errno

    from schedgen import files

    out, plan = tmp_path / "out", str(SCHEDULES / "anqiu-eco-farm.yaml")
    assert run("build", plan, "-o", str(out), "--only", "ics").exit_code == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def full(self: object, relative: str, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", relative)

    monkeypatch.setattr(files.Staging, "write", full)
    result = run("build", plan, "-o", str(out), "--only", "ics")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and "No space left on device" in result.stderr
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_no_output_takes_a_name_windows_reserves(tmp_path: Path) -> None:
    from schedgen.units import file_slug, slugify

    assert slugify("CON") == "con-1" and slugify("Lpt1") == "lpt1-1" and slugify("市财政局") == "shi-cai-zheng-ju"
    assert file_slug("nul") == "nul-1" and file_slug("aux.plan") == "aux-plan"
    for key, value, flag in (("id", "CON", "id `CON`"), ("units", "{市财政局: {slug: lpt1}}", "slug `lpt1`")):
        plan = tmp_path / f"{key}.yaml"
        plan.write_text(
            f"title: 计划\nyear: 2024\n{key}: {value}\ntasks:\n  - {{when: 年内, task: 甲, units: 市财政局}}\n"
        )
        result = run("check", str(plan))
        assert result.exit_code == 2 and flag in result.stderr and "Windows" in result.stderr, result.stderr
