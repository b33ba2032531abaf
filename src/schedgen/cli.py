"""The command line: click commands only; each parses options, calls one function and prints."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

import click

from schedgen import __version__
from schedgen.build import OUTPUT_KINDS
from schedgen.errors import BuildError, FindingsError, SchedgenError
from schedgen.export.report import FORMATS, GROUPINGS

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


def output_folder_option(help_text: str) -> Callable[[F], F]:
    """`-o DIR`: the site's folder, `output/` by default."""
    return click.option(
        "-o",
        "--output",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path("output"),
        show_default=True,
        help=help_text,
    )


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


def _now() -> datetime:
    """The moment a changed calendar event is stamped with (UTC)."""
    return datetime.now(timezone.utc).replace(microsecond=0)


def _check_alarms(values: tuple[str, ...]) -> tuple[str, ...]:
    import re

    from schedgen.load import REMINDER_PATTERN

    for value in values:
        if not re.match(REMINDER_PATTERN, value):
            raise click.BadParameter(f"`{value}` is not a reminder; write a number and w, d, h or m, e.g. 3d")
    return values


def _base_url(value: str | None) -> str | None:
    if value is None:
        return None
    from urllib.parse import urlsplit

    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c in value for c in "\"'<> "):
        raise click.BadParameter(f"`{value}` is not an http(s) address, e.g. https://example.gov.cn/plans/")
    return value.rstrip("/")


def _days(value: str) -> int:
    import re

    m = re.fullmatch(r"(\d{1,4})([dw]?)", value.strip())
    if not m:
        raise click.BadParameter(f"`{value}` is not a number of days; write e.g. 14d or 2w")
    return int(m[1]) * (7 if m[2] == "w" else 1)


def _kinds(value: str) -> tuple[str, ...]:
    kinds = tuple(k.strip() for k in value.split(",") if k.strip())
    unknown = [k for k in kinds if k not in OUTPUT_KINDS]
    if unknown or not kinds:
        raise click.BadParameter(f"choose from {', '.join(OUTPUT_KINDS)}")
    return kinds


@contextmanager
def _progress(length: int, label: str) -> Iterator[Callable[[str], None]]:
    """A progress bar on a terminal; silence when stderr is a file or a pipe."""
    if not sys.stderr.isatty():
        yield lambda _: None
        return
    with click.progressbar(length=length, label=label, file=sys.stderr) as bar:
        yield lambda _: bar.update(1)


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
      schedgen build                                   # schedules/ into output/: pages, charts, feeds
      schedgen check schedules/
      schedgen when "5月10日、9月10日、11月10日前" --year 2024
      schedgen report --as-of 2024-05-01 --within 14d --unit 市农业农村局
      schedgen import 配档表.docx -o schedules/anqiu.yaml --year 2023
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
    from schedgen.view import KIND_LABELS

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
    from schedgen.export.check import check_items, check_text

    resolved = timelines(_paths(paths), year=year, holidays=holidays)
    if as_json:
        _print_json(check_items(resolved))
    else:
        click.echo(check_text(resolved))
    count = sum(len(t.findings) for t in resolved)
    if strict and count:
        raise FindingsError(f"{count} finding(s) under --strict")


@cli.command()
@click.argument("schedule", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE (default: stdout)."
)
@click.option("--unit", help="Only this unit's tasks (a name or an alias), each saying its role.")
@year_option
@click.option("--no-alarms", is_flag=True, help="No reminders.")
@click.option(
    "--alarm",
    "alarms",
    multiple=True,
    metavar="3d",
    type=click.STRING,
    callback=lambda _c, _p, v: _check_alarms(v),
    help="A reminder before each deadline (w, d, h, m), repeatable; replaces the schedule's `reminders`.",
)
def ics(
    schedule: Path, output: Path | None, unit: str | None, year: int | None, no_alarms: bool, alarms: tuple[str, ...]
) -> None:
    """Write the calendar feed (.ics) of a schedule, or of one responsible unit.

    \b
    Examples:
      schedgen ics schedules/haidong-2024.yaml -o haidong.ics
      schedgen ics schedules/haidong-2024.yaml --unit 市农业农村局 --alarm 3d --alarm 1d
      schedgen ics schedules/anqiu-eco-farm.yaml --unit 财政局 --no-alarms > czj.ics
    """
    from schedgen.build import ics_file

    reminders = () if no_alarms else (alarms or None)
    data = ics_file(schedule, year=year, now=_now(), reminders=reminders, unit=unit, output=output)
    if output is None:
        click.echo(data.decode(), nl=False)
    else:
        click.echo(f"wrote {output} ({data.count(b'BEGIN:VEVENT')} events)", err=True)


@cli.command()
@paths_argument
@output_folder_option("The folder to build into; replaced whole on success.")
@year_option
@click.option(
    "--only",
    default=",".join(OUTPUT_KINDS),
    show_default=True,
    callback=lambda _c, _p, v: _kinds(v),
    help="Comma-separated outputs to build.",
)
@click.option(
    "--as-of",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="The day charts and milestone files judge states on (default: today).",
)
@click.option(
    "--base-url",
    callback=lambda _c, _p, v: _base_url(v),
    help="Where the site will be published (https://...): subscribe links and QR codes use it.",
)
@click.option(
    "--templates",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A folder of templates that override the shipped ones.",
)
def build(
    paths: tuple[Path, ...],
    output: Path,
    year: int | None,
    only: tuple[str, ...],
    as_of: datetime | None,
    base_url: str | None,
    templates: Path | None,
) -> None:
    """Build every output of every schedule into one folder (default: schedules/ into output/).

    \b
    Examples:
      schedgen build
      schedgen build schedules/haidong-2024.yaml -o site --only ics
    """
    from schedgen.build import build as run_build

    with _progress(len(only) + 1, "building") as step:
        result = run_build(
            _paths(paths),
            output,
            year=year,
            only=only,
            now=_now(),
            as_of=as_of.date() if as_of else today(),
            base_url=base_url,
            templates=templates,
            progress=step,
        )
    click.echo(f"built {result.schedules} schedule(s), {result.files} files into {result.output}/")


@cli.command()
@click.argument("schedule", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="FILE.png, FILE.pdf or FILE.svg.",
)
@click.option("--paper", type=click.Choice(["A4", "A3"], case_sensitive=False), default="A3", show_default=True)
@click.option("--portrait", is_flag=True, help="Portrait instead of landscape.")
@click.option("--dpi", type=click.IntRange(50, 1200), default=200, show_default=True, help="PNG resolution.")
@click.option("--from", "start", type=click.DateTime(["%Y-%m-%d"]), default=None, help="First day shown.")
@click.option("--to", "end", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Last day shown.")
@click.option(
    "--as-of", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Judge states on this day (default: today)."
)
@click.option("--unit", help="Only this unit's tasks (a name or an alias).")
@click.option("--font", type=click.Path(path_type=Path), default=None, help="A .ttf/.otf/.ttc font with Chinese.")
@year_option
def gantt(
    schedule: Path,
    output: Path,
    paper: str,
    portrait: bool,
    dpi: int,
    start: datetime | None,
    end: datetime | None,
    as_of: datetime | None,
    unit: str | None,
    font: Path | None,
    year: int | None,
) -> None:
    """Draw a printable Gantt chart of a schedule (PNG, PDF or SVG, from the file name).

    \b
    Examples:
      schedgen gantt schedules/anqiu-eco-farm.yaml -o 安丘配档表.pdf --paper A3
      schedgen gantt schedules/haidong-2024.yaml -o 海东.png --as-of 2024-05-01 --dpi 300
      schedgen gantt schedules/haidong-2024.yaml -o 农业农村局.pdf --unit 市农业农村局 --paper A4
    """
    from schedgen.build import gantt_file
    from schedgen.export.gantt import ChartOptions

    options = ChartOptions(
        as_of=as_of.date() if as_of else today(),
        paper=paper.upper(),
        portrait=portrait,
        dpi=dpi,
        start=start.date() if start else None,
        end=end.date() if end else None,
        unit=unit,
        font=font,
    )
    pages = gantt_file(schedule, output, year=year, options=options)
    click.echo(f"wrote {output} ({pages} page{'s' if pages > 1 else ''})")


@cli.command()
@paths_argument
@click.option("--as-of", type=click.DateTime(["%Y-%m-%d"]), default=None, help="The day to report on (default: today).")
@click.option(
    "--within",
    default="14d",
    show_default=True,
    callback=lambda _c, _p, v: _days(v),
    help="Due within this many days counts as due (14d, 2w).",
)
@click.option("--unit", help="Only this unit's milestones (a name or an alias).")
@click.option("--stage", help="Only this stage.")
@click.option("--by", type=click.Choice(GROUPINGS), default="unit", show_default=True, help="Group rows by.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE.")
@click.option(
    "--templates",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A folder of templates that override the shipped ones (html).",
)
@year_option
@click.option("--fail-on-overdue", is_flag=True, help="Exit 1 when anything is overdue (for cron and CI).")
def report(
    paths: tuple[Path, ...],
    as_of: datetime | None,
    within: int,
    unit: str | None,
    stage: str | None,
    by: str,
    fmt: str,
    output: Path | None,
    templates: Path | None,
    year: int | None,
    fail_on_overdue: bool,
) -> None:
    """What is overdue, what is due soon, and who has to do it.

    \b
    Examples:
      schedgen report                                   # as of today, 14 days ahead, by unit
      schedgen report --as-of 2024-05-01 --unit 市农业农村局
      schedgen report --format csv -o 督办.csv
      schedgen report --format html -o 督办.html --by unit
      schedgen report --fail-on-overdue --format md     # from cron: exit 1 when anything is overdue
    """
    from schedgen.build import report as make_report
    from schedgen.build import write_atomic

    day = as_of.date() if as_of else today()
    width = shutil.get_terminal_size((120, 40)).columns
    data, overdue = make_report(
        _paths(paths),
        as_of=day,
        within=within,
        year=year,
        unit=unit,
        stage=stage,
        by=by,
        fmt=fmt,
        width=width,
        templates=templates,
    )
    if output is not None:
        write_atomic(output, data)
    else:
        click.echo(data.decode("utf-8-sig"), nl=False)
    if fail_on_overdue and overdue:
        raise FindingsError(f"{overdue} milestone(s) overdue as of {day}")


@cli.command()
@click.argument("schedule", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("task_id", metavar="TASK-ID")
@click.option("--on", type=click.DateTime(["%Y-%m-%d"]), default=None, help="The day it was done (default: today).")
@click.option("--note", help="A note to keep with the task (replaces its `notes`).")
def done(schedule: Path, task_id: str, on: datetime | None, note: str | None) -> None:
    """Record a task as done in its schedule file, leaving the rest of the file as it was.

    \b
    Examples:
      schedgen done schedules/anqiu-eco-farm.yaml leading-group --on 2023-02-18
      schedgen done schedules/haidong-2024.yaml progress-reports --note 已报送5月进展
    """
    from schedgen.build import write_atomic
    from schedgen.edit import mark_done

    day = on.date() if on else today()
    write_atomic(schedule, mark_done(schedule, task_id, day, note).encode())
    click.echo(f"{schedule}: {task_id} done on {day}")


@cli.command()
@paths_argument
@output_folder_option("The folder to build into and serve.")
@click.option("--host", default="127.0.0.1", show_default=True, help="0.0.0.0 lets phones on the network subscribe.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--base-url",
    callback=lambda _c, _p, v: _base_url(v),
    help="The address subscribers use (default: http://HOST:PORT).",
)
@year_option
def serve(paths: tuple[Path, ...], output: Path, host: str, port: int, base_url: str | None, year: int | None) -> None:
    """Build the site and serve it for preview and for subscribing, rebuilding when a schedule changes.

    \b
    Examples:
      schedgen serve                              # http://127.0.0.1:8000/
      schedgen serve --host 0.0.0.0 --port 8080 --base-url http://192.168.1.20:8080
    """
    from schedgen.build import build as run_build
    from schedgen.serve import serve as run_serve

    where = _paths(paths)
    address = base_url or f"http://{host}:{port}"

    def rebuild() -> None:
        run_build(where, output, year=year, now=_now(), as_of=today(), base_url=address)

    try:
        run_serve(
            where,
            output,
            host=host,
            port=port,
            rebuild=rebuild,
            report=lambda m: click.echo(m, err=True),
            ready=lambda url: click.echo(f"serving {output}/ at {url} (Ctrl+C to stop)", err=True),
        )
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    except OSError as error:
        raise BuildError(f"cannot serve on {host}:{port}: {error.strerror or error}") from None


def _import_options(f: F) -> F:
    """Options shared by `import` and `extract`."""
    for option in reversed(
        [
            click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path)),
            click.option(
                "-o",
                "--output",
                type=click.Path(dir_okay=False, path_type=Path),
                default=None,
                help="The schedule file to write (default: schedules/NAME.yaml).",
            ),
            click.option(
                "--year",
                type=click.IntRange(1949, 2199),
                default=None,
                help="The plan's year when its title names none (default: this year).",
            ),
            click.option("--force", is_flag=True, help="Replace the output file if it exists."),
        ]
    ):
        f = option(f)
    return f


@cli.command("import")
@_import_options
@click.option("--sheet", help="The Excel sheet holding the table (default: the first with a header row).")
def import_command(source: Path, output: Path | None, year: int | None, force: bool, sheet: str | None) -> None:
    """Import a 配档表 from Word (.docx), Excel (.xlsx), CSV or text copied out of a Word table.

    \b
    Examples:
      schedgen import 安丘市生态农场建设工作配档表.docx -o schedules/anqiu.yaml --year 2023
      schedgen import 配档表.xlsx --sheet Sheet1
      schedgen import 附件2.txt -o schedules/anqiu.yaml
    """
    _report_import(source, output, year, force, sheet=sheet, prose=False)


@cli.command()
@_import_options
def extract(source: Path, output: Path | None, year: int | None, force: bool) -> None:
    """Draft a schedule from a plan written as prose (numbered items, 牵头单位/责任单位 lines, deadlines).

    \b
    Examples:
      schedgen extract 海东市工作方案.txt -o schedules/haidong-draft.yaml
      schedgen extract 朔州十四五规划.txt --year 2022 -o schedules/shuozhou-draft.yaml
    """
    _report_import(source, output, year, force, sheet=None, prose=True)


def _report_import(
    source: Path, output: Path | None, year: int | None, force: bool, *, sheet: str | None, prose: bool
) -> None:
    from schedgen.build import import_file

    target, problems, rows = import_file(
        source, output, year=year or today().year, sheet=sheet, force=force, prose=prose
    )
    click.echo(f"wrote {target}: {rows} task(s)" + (" (a draft: review every task)" if prose else ""))
    for problem in problems:
        click.echo(f"{target}: warning: {problem}", err=True)
    if problems:
        raise FindingsError(f"{len(problems)} row(s) need a look; they are kept in {target} as written")


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
