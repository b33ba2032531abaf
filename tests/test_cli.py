"""The command line itself: thin, fast to start, the same options everywhere."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, run

PIPELINE = {"yaml", "dateutil", "schedgen.load", "schedgen.when", "schedgen.resolve", "schedgen.plans"}


def test_help_imports_neither_yaml_nor_the_pipeline() -> None:
    code = (
        "import sys\n"
        "from schedgen.cli import cli\n"
        "for args in (['--help'], ['build', '--help'], ['report', '--help'], ['check', '--help']):\n"
        "    try:\n"
        "        cli(args)\n"
        "    except SystemExit:\n"
        "        pass\n"
        f"print(sorted(set({sorted(PIPELINE)!r}) & set(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_every_command_that_takes_a_year_refuses_the_same_years() -> None:
    for command in (["check"], ["when", "2月20日前"], ["report"], ["build", "--only", "json"]):
        result = run(*command, "--year", "1800")
        assert result.exit_code == 2 and "1800 is not a year from 1949 to 2199" in result.output, command


def test_when_without_a_year_says_which_year_it_assumed() -> None:
    from schedgen.options import today

    assumed = run("when", "6月底前")
    assert assumed.exit_code == 0
    assert f"结束: {today().year}-06-30" in assumed.output
    assert f"年份: 未注明，按{today().year}年计" in assumed.output
    assert "年份" not in run("when", "6月底前", "--year", "2024").output


def test_a_chart_range_beyond_the_years_a_plan_can_name_is_a_clear_error(tmp_path: Path) -> None:
    out = tmp_path / "x.svg"
    plan = "schedules/anqiu-eco-farm.yaml"
    result = run("gantt", plan, "-o", str(out), "--from", "0001-01-01", "--to", "9999-12-31")
    assert result.exit_code == 2 and "--from 0001-01-01 is outside the years 1949 to 2199" in result.stderr
    result = run("gantt", plan, "-o", str(out), "--from", "2023-06-01", "--to", "2023-05-01")
    assert result.exit_code == 2 and "--to 2023-05-01 is before --from 2023-06-01" in result.stderr
    assert not out.exists()


def test_every_package_of_the_source_is_installed_by_pip() -> None:
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        "schedgen" + "".join(f".{part}" for part in init.parent.relative_to(ROOT / "src" / "schedgen").parts)
        for init in (ROOT / "src" / "schedgen").rglob("__init__.py")
    }
    assert found <= listed, f"pyproject.toml does not install {sorted(found - listed)}"


def test_a_command_that_ends_at_once_has_printed_and_written_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a successful command ends without freeing what it read: its output must be whole all the same
    monkeypatch.setenv("COLUMNS", "120")
    command = [sys.executable, "-m", "schedgen", "report", "--as-of", "2024-05-01"]
    printed = subprocess.run(command, cwd=ROOT, capture_output=True, check=False)
    assert printed.returncode == 0 and printed.stderr == b""
    assert printed.stdout.decode() == run("report", "--as-of", "2024-05-01").output
    assert printed.stdout.count(b"\n") > 100
    written = subprocess.run([*command, "--format", "csv", "-o", str(tmp_path / "督办.csv")], cwd=ROOT, check=False)
    assert written.returncode == 0
    assert run("report", "--as-of", "2024-05-01", "--format", "csv", "-o", str(tmp_path / "again.csv")).exit_code == 0
    assert (tmp_path / "督办.csv").read_bytes() == (tmp_path / "again.csv").read_bytes()
    late = subprocess.run([*command, "--fail-on-overdue"], cwd=ROOT, capture_output=True, check=False)
    assert late.returncode == 1 and late.stdout == printed.stdout and b"overdue" in late.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("report", "{plan}", "--format", "md", "-o", "{plan}"),
        ("report", "{folder}", "--format", "csv", "-o", "{plan}"),
        ("ics", "{plan}", "-o", "{link}"),
    ],
)
def test_a_file_written_over_the_plan_it_reads_is_refused(tmp_path: Path, args: tuple[str, ...]) -> None:
    # `-o` given the plan's own name (a slip of tab completion) replaced the plan with the report, exit 0
    folder = tmp_path / "plans"
    folder.mkdir()
    plan = folder / "plan.yaml"
    text = "title: 测试计划\nyear: 2024\ntasks:\n  - {id: a, when: 3月10日前, task: 甲, units: 市财政局}\n"
    plan.write_text(text, encoding="utf-8")
    (tmp_path / "link.yaml").symlink_to(plan)
    names = {"plan": str(plan), "folder": str(folder), "link": str(tmp_path / "link.yaml")}
    result = run(*(a.format(**names) for a in args))
    assert result.exit_code == 2, result.output
    assert "error:" in result.stderr and str(plan) in result.stderr and "Traceback" not in result.output
    assert plan.read_text(encoding="utf-8") == text


def test_a_plan_named_twice_on_the_command_line_is_read_once(tmp_path: Path) -> None:
    # `check plans plans/plan.yaml` (a folder and a file in it, or two globs that overlap) refused the plan as
    # "schedule id `plan` is also used by plans/plan.yaml": itself
    folder = tmp_path / "plans"
    folder.mkdir()
    plan = folder / "plan.yaml"
    plan.write_text(
        "title: 测试计划\nyear: 2024\ntasks:\n  - {id: a, when: 3月10日前, task: 甲, units: 市财政局}\n", "utf-8"
    )
    for args in (
        ("check", str(folder), str(plan)),
        ("report", str(plan), str(tmp_path / "plans" / ".." / "plans" / "plan.yaml")),
    ):
        result = run(*args)
        assert result.exit_code == 0, result.output
    assert run("check", str(folder), str(plan)).output.count("测试计划（") == 1
