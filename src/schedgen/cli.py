"""The command line: click declarations only. Each command parses its options, calls one function of
`schedgen.commands` (imported when the command runs, so `--help` loads no pipeline) and prints."""

from __future__ import annotations

import codecs
import os
import sys
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from schedgen import __version__
from schedgen.commands import GROUPINGS, REPORT_FORMATS
from schedgen.i18n import _, ngettext
from schedgen.options import (
    FILE,
    alarm_options,
    base_url_option,
    day_option,
    done_since_option,
    holidays_option,
    import_options,
    jobs_option,
    now,
    only_option,
    output_file_option,
    output_folder_option,
    paths_argument,
    progress,
    schedule_argument,
    state_option,
    templates_option,
    today,
    within_option,
    year_option,
)

if TYPE_CHECKING:
    from schedgen.commands.build import BuildResult
    from schedgen.model import Reminder

F = TypeVar("F", bound=Callable[..., Any])


class _Group(click.Group):
    """Turns the project's own errors into `path:line:col: error: ...` on stderr and their exit code, and the
    system's (a full disk, a read-only folder) into one line and exit 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except Exception as error:
            from schedgen.errors import SchedgenError

            if isinstance(error, OSError):  # a full disk, a read-only folder: the system's words, no traceback
                from schedgen.errors import system_error

                click.echo(system_error(error), err=True)
                sys.exit(2)
            if not isinstance(error, SchedgenError):
                raise
            click.echo(error.render(), err=True)
            sys.exit(error.exit_code)


def _findings(message: str) -> Exception:
    """Findings under `--strict` or `--fail-on-overdue`: exit 1."""
    from schedgen.errors import FindingsError

    return FindingsError(message)


@click.group(
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    help=_(
        "schedgen: 配档表 (staged work timetables) to dated milestones, feeds, charts and reports.\n"
        "\n"
        "\b\n"
        "Examples:\n"
        "  schedgen build                                   # schedules/ into output/: pages, charts, feeds\n"
        "  schedgen check schedules/\n"
        '  schedgen when "5月10日、9月10日、11月10日前" --year 2024\n'
        "  schedgen report --as-of 2024-05-01 --within 14d --unit 市农业农村局\n"
        "  schedgen import 配档表.docx -o schedules/anqiu.yaml --year 2023"
    ),
)
@click.version_option(__version__, prog_name="schedgen")
def cli() -> None:
    pass


@cli.command(
    "when",
    help=_(
        "Show how a time expression is read.\n"
        "\n"
        "\b\n"
        "Examples:\n"
        "  schedgen when 2月20日前 --year 2023\n"
        '  schedgen when "11月1日至12月25日前" --year 2023\n'
        "  schedgen when 每季度一督查 --year 2024 --json"
    ),
)
@click.argument("expr")
@year_option(_("Base year for dates without a year (default: this year)."))
@click.option("--json", "as_json", is_flag=True, help=_("Print one JSON object."))
def when_command(expr: str, year: int | None, as_json: bool) -> None:
    from schedgen.commands.when import when

    click.echo(when(expr, year, today=today(), as_json=as_json))


@cli.command(
    help=_(
        "Validate schedules and show every expression beside its resolved dates.\n"
        "\n"
        "\b\n"
        "Examples:\n"
        "  schedgen check                      # every file in schedules/\n"
        "  schedgen check schedules/anqiu-eco-farm.yaml --year 2024\n"
        "  schedgen check --json --strict"
    )
)
@paths_argument
@year_option()
@holidays_option
@click.option("--json", "as_json", is_flag=True, help=_("Print a JSON list of tasks."))
@click.option("--strict", is_flag=True, help=_("Exit 1 when there are findings (holidays, dates outside the window)."))
def check(paths: list[Path], year: int | None, holidays: bool, as_json: bool, strict: bool) -> None:
    from schedgen.commands.check import check as run_check

    result = run_check(paths, year=year, holidays=holidays, as_json=as_json)
    click.echo(result.text)
    if strict and result.findings:
        raise _findings(_("{count} finding(s) under --strict").format(count=result.findings))


@cli.command(
    help=_(
        "Write the calendar feed (.ics) of a schedule, or of one responsible unit.\n"
        "\n"
        "\b\n"
        "Examples:\n"
        "  schedgen ics schedules/haidong-2024.yaml -o haidong.ics\n"
        "  schedgen ics schedules/haidong-2024.yaml --unit 市农业农村局 --alarm 3d --alarm 1d\n"
        "  schedgen ics schedules/anqiu-eco-farm.yaml --unit 财政局 --no-alarms > czj.ics"
    )
)
@schedule_argument
@output_file_option(_("Write to FILE (default: stdout)."))
@click.option("--unit", help=_("Only this unit's tasks (a name or an alias), each saying its role."))
@year_option()
@alarm_options
@state_option
def ics(
    schedule: Path,
    output: Path | None,
    unit: str | None,
    year: int | None,
    no_alarms: bool,
    alarms: tuple[Reminder, ...],
    state: Path | None,
) -> None:
    from schedgen.commands.ics import ics_file

    reminders = () if no_alarms else (alarms or None)
    data = ics_file(
        schedule,
        year=year,
        now=now(),
        reminders=reminders,
        unit=unit,
        output=output,
        state=state,
        warn=partial(click.echo, err=True),
    )
    if output is None:
        click.echo(data.decode(), nl=False)
    else:
        click.echo(_("wrote {path} ({count} events)").format(path=output, count=data.count(b"BEGIN:VEVENT")), err=True)


@cli.command(
    help=_(
        "Build every output of every schedule into one folder (default: schedules/ into output/).\n"
        "\n"
        "\b\n"
        "Examples:\n"
        "  schedgen build\n"
        "  schedgen build schedules/haidong-2024.yaml -o site --only ics\n"
        "  schedgen build --charts later        # a province: its pages first"
    )
)
@paths_argument
@output_folder_option(_("The folder to build into; replaced whole on success."))
@year_option()
@only_option
@day_option("--as-of", help_text=_("The day charts and milestone files judge states on (default: today)."))
@base_url_option(_("Where the site will be published (https://...): subscribe links and QR codes use it."))
@templates_option
@state_option
@jobs_option
@click.option(
    "--charts",
    type=click.Choice(["auto", "now", "later"]),
    default="auto",
    show_default=True,
    help=_(
        "later: publish pages and feeds first, each chart saying it is being drawn, then draw the charts;"
        " auto: later when the charts to draw hold 20,000 tasks or more."
    ),
)
def build(
    paths: list[Path],
    output: Path,
    year: int | None,
    only: tuple[str, ...],
    as_of: date | None,
    base_url: str | None,
    templates: Path | None,
    state: Path | None,
    jobs: int | None,
    charts: str,
) -> None:
    from schedgen.commands.later import build_then_draw

    def published(result: BuildResult) -> None:
        for warning in result.warnings:
            click.echo(warning, err=True)
        click.echo(
            _(
                "built {schedules} schedule(s), {files} files into {output}/ ({rendered} rendered, {reused} reused)"
            ).format(
                schedules=result.schedules,
                files=result.files,
                output=result.output,
                rendered=result.rendered,
                reused=result.reused,
            )
        )
        if result.pending:
            plans = len(result.pending)
            if charts == "auto":
                line = _(
                    "published; drawing the charts of {plans} plan(s) now (the plans hold {tasks} tasks; --charts"
                    " now draws them first): until each is drawn, its files say so (Ctrl-C leaves the rest to the"
                    " next build)"
                ).format(plans=plans, tasks=result.tasks)
            else:
                line = _(
                    "published; drawing the charts of {plans} plan(s) now: until each is drawn, its files say so"
                    " (Ctrl-C leaves the rest to the next build)"
                ).format(plans=plans)
            click.echo(line)

    with progress(len(only) + 1, _("building")) as step:
        result, drawn = build_then_draw(
            published,
            paths=paths,
            output=output,
            year=year,
            only=only,
            now=now(),
            as_of=as_of or today(),
            base_url=base_url,
            templates=templates,
            state=state,
            jobs=jobs or os.cpu_count() or 1,
            defer_charts=None if charts == "auto" else charts == "later",
            progress=step,
        )
    if result.pending:
        click.echo(_("drew the charts of {drawn} plan(s) into {output}/").format(drawn=drawn, output=result.output))
    if result.kept:
        shown = ", ".join(result.kept[:10])
        if len(result.kept) > 10:
            shown += _(" and {count} more").format(count=len(result.kept) - 10)
        click.echo(
            _("kept {count} file(s) schedgen did not write in {output}/: {files}").format(
                count=len(result.kept), output=result.output, files=shown
            ),
            err=True,
        )
    if result.broken:
        # published all the same: every other plan, and each broken one as it was last published
        click.echo("\n".join(result.broken), err=True)
        click.echo(
            _("error")
            + ": "
            + _("the plans above do not read; the others were published, and each of these as last published"),
            err=True,
        )
        raise SystemExit(2)


@cli.command(
    help=_(
        "Draw a printable Gantt chart of a schedule (PNG, PDF or SVG, from the file name).\n"
        "\n"
        "\b\n"
        "Examples:\n"
        "  schedgen gantt schedules/anqiu-eco-farm.yaml -o 安丘配档表.pdf --paper A3\n"
        "  schedgen gantt schedules/haidong-2024.yaml -o 海东.png --as-of 2024-05-01 --dpi 300\n"
        "  schedgen gantt schedules/haidong-2024.yaml -o 农业农村局.pdf --unit 市农业农村局 --paper A4"
    )
)
@schedule_argument
@output_file_option(_("FILE.png, FILE.pdf or FILE.svg."), required=True)
@click.option("--paper", type=click.Choice(["A4", "A3"], case_sensitive=False), default="A3", show_default=True)
@click.option("--portrait", is_flag=True, help=_("Portrait instead of landscape."))
@click.option("--dpi", type=click.IntRange(50, 1200), default=200, show_default=True, help=_("PNG resolution."))
@day_option("--from", "start", help_text=_("First day shown."))
@day_option("--to", "end", help_text=_("Last day shown."))
@day_option("--as-of", help_text=_("Judge states on this day (default: today)."))
@click.option("--unit", help=_("Only this unit's tasks (a name or an alias)."))
@click.option("--font", type=FILE, metavar="FILE", default=None, help=_("A .ttf/.otf/.ttc font with Chinese."))
@year_option()
def gantt(
    schedule: Path,
    output: Path,
    paper: str,
    portrait: bool,
    dpi: int,
    start: date | None,
    end: date | None,
    as_of: date | None,
    unit: str | None,
    font: Path | None,
    year: int | None,
) -> None:
    from schedgen.commands.gantt import gantt_file

    drawn = gantt_file(
        schedule,
        output,
        year=year,
        as_of=as_of or today(),
        paper=paper,
        portrait=portrait,
        dpi=dpi,
        start=start,
        end=end,
        unit=unit,
        font=font,
    )
    if drawn.undrawn:
        from schedgen.export.chart.fonts import undrawable_warning

        click.echo(undrawable_warning(drawn.font, drawn.undrawn), err=True)
    click.echo(
        ngettext("wrote {path} ({count} page)", "wrote {path} ({count} pages)", drawn.pages).format(
            path=output, count=drawn.pages
        )
    )
    if drawn.shortened:
        click.echo(
            _("warning")
            + ": "
            + _("{count} text(s) shortened on the chart to fit a row; in full:").format(count=len(drawn.shortened)),
            err=True,
        )
        click.echo("\n".join(f"  {line}" for line in drawn.shortened), err=True)
    if drawn.beyond and drawn.shown:
        first, last = drawn.shown
        click.echo(
            _("warning")
            + ": "
            + _(
                "{count} task(s) have dates outside the days the chart shows ({first} to {last}), "
                "each marked by an arrow at the chart's edge:"
            ).format(count=len(drawn.beyond), first=first, last=last),
            err=True,
        )
        click.echo("\n".join(f"  {line}" for line in drawn.beyond), err=True)
    for line in drawn.kin:
        click.echo(_("warning") + f": {line}", err=True)


@cli.command(
    help=_(
        "What is overdue, what is due soon, and who has to do it.\n"
        "\n"
        "Lists the overdue and what falls due within --within; the first line counts every milestone and says"
        " what is not listed. --done-since adds what was marked done since then, --all lists everything.\n"
        "\n"
        "\b\n"
        "Examples:\n"
        "  schedgen report                                   # as of today, 14 days ahead, by unit\n"
        "  schedgen report --as-of 2024-05-01 --unit 市农业农村局\n"
        "  schedgen report --format csv -o 督办.csv\n"
        "  schedgen report --format html -o 督办.html --by unit\n"
        "  schedgen report --format docx -o 督办通报.docx --issuer 市委督查室   # Word: the 督办通报\n"
        "  schedgen report --format xlsx -o 督办清单.xlsx     # Excel: one sheet per plan, filters on\n"
        "  schedgen report --fail-on-overdue --format md     # from cron: exit 1 when anything is overdue\n"
        "  schedgen report --done-since 7d                   # and what was done since last week's report\n"
        "  schedgen report --all                             # every milestone, in progress and not yet due too"
    )
)
@paths_argument
@day_option("--as-of", help_text=_("The day to report on (default: today)."))
@within_option
@click.option("--unit", help=_("Only this unit's milestones (a name or an alias)."))
@click.option("--stage", help=_("Only this stage."))
@click.option("--by", type=click.Choice(GROUPINGS), default="unit", show_default=True, help=_("Group rows by."))
@click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS), default="table", show_default=True)
@output_file_option(_("Write to FILE."))
@templates_option
@year_option()
@click.option("--fail-on-overdue", is_flag=True, help=_("Exit 1 when anything is overdue (for cron and CI)."))
@click.option("--issuer", help=_("Word: the issuing office, named under the title (e.g. 市委督查室)."))
@click.option(
    "--notes",
    type=click.Choice(("short", "full", "none")),
    default="short",
    show_default=True,
    help=_("Word: notes shortened in the table with the full text in an appendix, in full, or left out."),
)
@click.option(
    "--orientation",
    type=click.Choice(("portrait", "landscape")),
    default="portrait",
    show_default=True,
    help=_("Word: A4 so."),
)
@click.option(
    "--all",
    "everything",
    is_flag=True,
    help=_(
        "List every milestone (in progress, not yet due, done), not only the overdue and those due within --within."
    ),
)
@done_since_option
def report(
    paths: list[Path],
    as_of: date | None,
    within: int,
    unit: str | None,
    stage: str | None,
    by: str,
    fmt: str,
    output: Path | None,
    templates: Path | None,
    year: int | None,
    fail_on_overdue: bool,
    issuer: str | None,
    notes: str,
    orientation: str,
    everything: bool,
    done_since: date | int | None,
) -> None:
    import shutil

    from schedgen.commands.report import report as make_report

    day = as_of or today()
    result = make_report(
        paths,
        as_of=day,
        within=within,
        year=year,
        unit=unit,
        stage=stage,
        by=by,
        fmt=fmt,
        width=shutil.get_terminal_size((120, 40)).columns,
        templates=templates,
        output=output,
        issuer=issuer,
        notes=notes,
        landscape=orientation == "landscape",
        everything=everything,
        done_since=done_since,
    )
    for warning in result.warnings:
        click.echo(_("warning") + f": {warning}", err=True)
    if fmt in ("csv", "xlsx") and result.listed < result.total:  # the other formats say so in their header
        click.echo(
            _("note: listed {listed} of {total} milestone(s), those that need action; --all lists every one").format(
                listed=result.listed, total=result.total
            ),
            err=True,
        )
    if fmt == "csv" and result.undated:  # the other formats say so in their header or summary
        click.echo(
            _(
                "note: {count} task(s) marked done without a day are not listed, as --done-since cannot place "
                "them: {ids}"
            ).format(count=len(result.undated), ids=", ".join(result.undated)),
            err=True,
        )
    if output is None:
        # the bytes as made, less a CSV's byte-order mark: a province's report is 19 MB to decode and encode again
        click.echo(result.data.removeprefix(codecs.BOM_UTF8), nl=False)
    if fail_on_overdue and result.overdue:
        raise _findings(_("{count} milestone(s) overdue as of {day}").format(count=result.overdue, day=day))


@cli.command(
    help=_(
        "Re-issue a schedule as the office's own 配档表 (Word or Excel), with the dates each row means.\n"
        "\n"
        "The table has the plan's columns (序号, 阶段 merged over its rows, 时间, 重点任务, 牵头/配合/责任单位,\n"
        "备注) and one more with the resolved dates and findings; `schedgen import` reads it back.\n"
        "\n"
        "\b\n"
        "Examples:\n"
        "  schedgen export schedules/anqiu-eco-farm.yaml -o 安丘市生态农场建设工作配档表.docx\n"
        "  schedgen export schedules/haidong-2024.yaml -o 海东配档表.xlsx --year 2025"
    )
)
@schedule_argument
@output_file_option(_("配档表.docx or 配档表.xlsx."), required=True)
@year_option()
def export(schedule: Path, output: Path, year: int | None) -> None:
    from schedgen.commands.export import export_table

    result = export_table(schedule, output, year=year)
    for warning in result.warnings:
        click.echo(_("warning") + f": {warning}", err=True)
    click.echo(_("wrote {path} ({count} task rows)").format(path=result.target, count=result.rows))


@cli.command(
    help=_(
        "Record a task as done in its schedule file, leaving the rest of the file as it was.\n"
        "\n"
        "\b\n"
        "Examples:\n"
        "  schedgen done schedules/anqiu-eco-farm.yaml leading-group --on 2023-02-18\n"
        "  schedgen done schedules/haidong-2024.yaml progress-reports --note 已报送5月进展"
    )
)
@schedule_argument
@click.argument("task_id", metavar="TASK-ID")
@day_option("--on", help_text=_("The day it was done (default: today)."))
@click.option("--note", help=_("A note to keep with the task (replaces its `notes`)."))
def done(schedule: Path, task_id: str, on: date | None, note: str | None) -> None:
    from schedgen.commands.done import done as mark_done
    from schedgen.errors import visible

    day = on or today()
    said = mark_done(schedule, task_id, day, note)
    click.echo(_("{path}: {task} done on {day}").format(path=schedule, task=task_id, day=day))
    for warning in said:
        click.echo(_("warning") + ": " + visible(warning), err=True)


@cli.command(
    help=_(
        "Build the site and serve it for preview and for subscribing, rebuilding when a schedule changes.\n"
        "\n"
        "\b\n"
        "Examples:\n"
        "  schedgen serve                              # http://127.0.0.1:8000/\n"
        "  schedgen serve --host 0.0.0.0 --port 8080 --base-url http://192.168.1.20:8080"
    )
)
@paths_argument
@output_folder_option(_("The folder to build into and serve."))
@click.option("--host", default="127.0.0.1", show_default=True, help=_("0.0.0.0 lets phones on the network subscribe."))
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@base_url_option(_("The address subscribers use (default: http://HOST:PORT)."))
@year_option()
def serve(paths: list[Path], output: Path, host: str, port: int, base_url: str | None, year: int | None) -> None:
    import signal

    from schedgen.commands.serve import serve as run_serve

    before = signal.signal(signal.SIGTERM, _interrupted)  # a service manager's stop ends the chart workers too
    try:
        run_serve(
            paths,
            output,
            host=host,
            port=port,
            base_url=base_url,
            year=year,
            clock=lambda: (now(), today()),
            report=lambda m: click.echo(m, err=True),
            ready=lambda url: click.echo(
                _("serving {output}/ at {url} (Ctrl+C to stop)").format(output=output, url=url), err=True
            ),
        )
    except KeyboardInterrupt:
        click.echo(_("stopped"), err=True)
    finally:
        signal.signal(signal.SIGTERM, before)


def _interrupted(*_: object) -> None:
    raise KeyboardInterrupt


@cli.command(
    "import",
    help=_(
        "Import a 配档表 or a plan from .txt, .docx, .xlsx, .csv, .html (a saved page) or .pdf (its text).\n"
        "\n"
        "The columns are told by what their cells hold; a column that is no time, task, stage or unit is\n"
        "kept in each task's notes. A document without a table is drafted from its prose, as `extract` does.\n"
        "\n"
        "\b\n"
        "Examples:\n"
        "  schedgen import 安丘市生态农场建设工作配档表.docx -o schedules/anqiu.yaml --year 2023\n"
        "  schedgen import 配档表.xlsx --sheet Sheet1\n"
        "  schedgen import 附件2.txt -o schedules/anqiu.yaml --year 2023\n"
        "  schedgen import 工作安排.html\n"
        "  schedgen import 配档表.pdf --year 2024"
    ),
)
@import_options
@click.option("--sheet", help=_("The Excel sheet holding the table (default: the first with a header row)."))
def import_command(source: Path, output: Path | None, year: int | None, force: bool, sheet: str | None) -> None:
    from schedgen.commands.import_ import import_table

    # never today's year in silence: the document's own, or the one given
    result = import_table(source, output, year=year, sheet=sheet, force=force)
    _imported(result, draft=result.draft)


@cli.command(
    help=_(
        "Draft a schedule from a plan written as prose (numbered items, 牵头单位/责任单位 lines, deadlines).\n"
        "\n"
        "\b\n"
        "Examples:\n"
        "  schedgen extract 海东市工作方案.txt -o schedules/haidong-draft.yaml\n"
        "  schedgen extract 朔州十四五规划.txt --year 2022 -o schedules/shuozhou-draft.yaml\n"
        "\n"
        "The year is the document's own (its 文号, title, signature or dates); a document that names none\n"
        "needs --year."
    )
)
@import_options
def extract(source: Path, output: Path | None, year: int | None, force: bool) -> None:
    from schedgen.commands.extract import extract as draft

    # never today's year in silence: the document's own, or the one given
    _imported(draft(source, output, year=year, force=force), draft=True)


def _imported(result: Any, *, draft: bool) -> None:
    """Say what an import wrote and which rows need a look."""
    wrote = _("wrote {path}: {count} task(s)").format(path=result.target, count=result.rows)
    click.echo(wrote + (_(" (a draft: review every task)") if draft else ""))
    if getattr(result, "review", None) is not None:
        click.echo(_("wrote {path}: the document with each time read, linked to its task").format(path=result.review))
    if getattr(result, "drafted", 0):
        click.echo(
            _("{count} of them drafted from the text around the table (a draft: review them)").format(
                count=result.drafted
            )
        )
    if getattr(result, "kept", ()):
        names = "、".join(result.kept)
        click.echo(
            _("kept in each task's notes, with their names: {names} (columns that are no time, task or unit)").format(
                names=names
            )
        )
    for problem in result.problems:
        click.echo(f"{result.target}: " + _("warning") + f": {problem}", err=True)
    if result.problems:
        raise _findings(
            _("{count} row(s) need a look; they are kept in {path} as written").format(
                count=len(result.problems), path=result.target
            )
        )


@cli.command(
    help=_(
        "Print the JSON Schema of schedule files (for editors: yaml-language-server, VS Code).\n"
        "\n"
        "\b\n"
        "Example:\n"
        "  schedgen schema > schedule.schema.json"
    )
)
def schema() -> None:
    from importlib.resources import files

    click.echo(files("schedgen").joinpath("schema.json").read_text(encoding="utf-8"), nl=False)


def main() -> None:
    """Console entry point.

    A command that succeeded ends the process without freeing, object by object, what it read, as mypy
    does: after a report across a province that is a million objects and 0.15 s. Its output is flushed
    first; when that fails (a closed pipe), or the command failed, the process ends the usual way.
    """
    try:
        cli()
    except SystemExit as end:
        if not end.code and _flushed():
            os._exit(0)
        raise


def _flushed() -> bool:
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe or stream
        return False
    return True
