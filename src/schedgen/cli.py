"""The command line: click commands only; each parses options, calls one function and prints."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

import click

from schedgen import __version__
from schedgen.errors import FindingsError, SchedgenError

F = TypeVar("F", bound=Callable[..., Any])


class _Group(click.Group):
    """Turns the project's own errors into `path:line:col: error: ...` on stderr and their exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SchedgenError as error:
            click.echo(error.render(), err=True)
            sys.exit(error.exit_code)


def year_option(f: F) -> F:
    """`--year`: the base year for expressions that name none (annual plans roll over)."""
    return click.option(
        "--year",
        type=click.IntRange(1949, 2199),
        default=None,
        help="Base year for dates without a year (default: the schedule's `year`).",
    )(f)


def paths_argument(f: F) -> F:
    """PATHS: schedule files or folders of them, `schedules/` by default."""
    return click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))(f)


def holidays_option(f: F) -> F:
    """`--no-holidays`: judge due days by weekends only."""
    return click.option(
        "--holidays/--no-holidays",
        default=True,
        show_default=True,
        help="Use China's statutory holidays and 调休 working days.",
    )(f)


def today() -> date:
    """Today in China, where the plans run: the only place the clock is read."""
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo("Asia/Shanghai")).date()


def _print_json(value: object) -> None:
    import json

    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


def _paths(paths: Sequence[Path]) -> list[Path]:
    return list(paths) or [Path("schedules")]


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="schedgen")
def cli() -> None:
    """schedgen: 配档表 (staged work timetables) to dated milestones, feeds, charts and reports.

    \b
    Examples:
      schedgen when "5月10日、9月10日、11月10日前" --year 2024
      schedgen check schedules/
      schedgen check schedules/haidong-2024.yaml --json --strict
    """


@cli.command("when")
@click.argument("expr")
@click.option(
    "--year",
    type=click.IntRange(1949, 2199),
    default=None,
    help="Base year for dates without a year (default: this year).",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def when_command(expr: str, year: int | None, as_json: bool) -> None:
    """Show how a time expression is read.

    \b
    Examples:
      schedgen when 2月20日前 --year 2023
      schedgen when "11月1日至12月25日前" --year 2023
      schedgen when 每季度一督查 --year 2024 --json
    """
    from schedgen.resolve import explain

    result = explain(expr, year or today().year)
    if as_json:
        _print_json(result)
        return
    from schedgen.report import KIND_LABELS

    click.echo(f"{expr}\n  类型: {result['kind']}（{KIND_LABELS[result['kind']]}）")
    if result["start"]:
        click.echo(f"  开始: {result['start']}")
    if result["end"]:
        click.echo(f"  结束: {result['end']}")
    if result["freq"]:
        click.echo(f"  周期: {result['freq']} ×{result['interval']}")
    if result["dates"]:
        click.echo(f"  截止日: {'、'.join(result['dates'])}")


@cli.command()
@paths_argument
@year_option
@holidays_option
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of tasks.")
@click.option("--strict", is_flag=True, help="Exit 1 when there are findings (holidays, dates outside the window).")
def check(paths: tuple[Path, ...], year: int | None, holidays: bool, as_json: bool, strict: bool) -> None:
    """Validate schedules and show every expression beside its resolved dates.

    \b
    Examples:
      schedgen check                      # every file in schedules/
      schedgen check schedules/anqiu-eco-farm.yaml --year 2024
      schedgen check --json --strict
    """
    from schedgen.build import timelines
    from schedgen.report import check_items, check_text

    resolved = timelines(_paths(paths), year=year, holidays=holidays)
    if as_json:
        _print_json(check_items(resolved))
    else:
        click.echo(check_text(resolved))
    count = sum(len(t.findings) for t in resolved)
    if strict and count:
        raise FindingsError(f"{count} finding(s) under --strict")


@cli.command()
def schema() -> None:
    """Print the JSON Schema of schedule files (for editors: yaml-language-server, VS Code).

    \b
    Example:
      schedgen schema > schedule.schema.json
    """
    from importlib.resources import files

    click.echo(files("schedgen").joinpath("schema.json").read_text(encoding="utf-8"), nl=False)


def main() -> None:
    """Console entry point."""
    cli()
