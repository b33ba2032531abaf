"""`schedgen report`: what is overdue, what is due soon, and who has to do it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING

from schedgen.commands import BINARY_FORMATS
from schedgen.errors import LoadError
from schedgen.files import write_atomic
from schedgen.i18n import _
from schedgen.model import State
from schedgen.plans import digests, refuse_writing_over, uncollected
from schedgen.units import other_spellings, unit_named

if TYPE_CHECKING:
    from schedgen.view import Milestone

ACTION = (State.OVERDUE, State.DUE)
"""What a 督办 report lists by default: the overdue and what falls due within `--within`. A span in
progress whose end is further off is counted, not listed: it asks nothing of anyone yet, and comes in
as 临近 once its end is within `--within`."""


UNGROUPED = ("json", "csv", "xlsx")
"""The formats that list the rows as they come, not by unit, date or plan."""


@dataclass(frozen=True)
class ReportResult:
    """The report's bytes, and how many milestones are overdue."""

    data: bytes
    overdue: int
    warnings: tuple[str, ...] = ()
    """What a Word or Excel report could not hold as written (control characters)."""
    listed: int = 0
    total: int = 0
    """How many milestones the report lists, of how many: CSV and Excel cannot say it themselves."""
    undated: tuple[str, ...] = ()
    """The tasks done without a day that `--done-since` cannot place and leaves out: CSV cannot say it."""


@uncollected()  # its rows are 155,000 small objects for a province, and no cycles: 0.2 s of collector rounds
def report(
    paths: Sequence[Path],
    *,
    as_of: date,
    within: int,
    year: int | None = None,
    unit: str | None = None,
    stage: str | None = None,
    by: str = "unit",
    fmt: str = "table",
    width: int = 120,
    templates: Path | None = None,
    output: Path | None = None,
    issuer: str | None = None,
    notes: str = "short",
    landscape: bool = False,
    everything: bool = False,
    done_since: date | int | None = None,
) -> ReportResult:
    """The milestone report of the schedules under `paths` in a format; written to `output` when given.

    It lists what needs action (`ACTION`) and what was marked done on or after `done_since` (a day, or a
    number of days before `as_of`), or every milestone with `everything`; it counts every milestone."""
    from schedgen.export import report as rep
    from schedgen.view import groups, milestones

    if fmt in BINARY_FORMATS and output is None:
        raise LoadError(
            _("--format {fmt} makes a file, not text: give it a name, e.g. -o 督办清单.{fmt}").format(fmt=fmt)
        )
    word_only = {"--issuer": issuer, "--notes": notes != "short", "--orientation": landscape}
    if fmt != "docx" and (given := [option for option, value in word_only.items() if value]):
        raise LoadError(_("{names}: only for the Word 督办通报 (--format docx)").format(names=", ".join(given)))
    # 9999d before 0001-01-05 is the first day there is, not an overflow
    back = min(done_since, (as_of - date.min).days) if isinstance(done_since, int) else 0
    since = as_of - timedelta(days=back) if isinstance(done_since, int) else done_since
    if since is not None and since > as_of:
        raise LoadError(
            _("--done-since {since} is after the report's day {as_of}: give a day on or before it").format(
                since=since, as_of=as_of
            )
        )
    refuse_writing_over(output, paths)
    found = digests(paths, year=year)
    rows = milestones(found, as_of, within)
    name = None
    kin: list[str] = []
    if unit:
        names = {n for plan in found for item in plan.items for n, _ in item.task.roles()}
        name = unit_named(unit, names, dict(pair for plan in found for pair in plan.aliases))
        rows = [r for r in rows if name in dict(r.task.roles())]
        kin = other_spellings(name, ((item.task for item in plan.items) for plan in found))
    if stage:
        stages = sorted({s for plan in found for s in plan.stages})
        if stage not in stages:
            raise LoadError(
                _("no stage `{stage}`; the stages are: {names}").format(stage=stage, names="、".join(stages))
            )
        rows = [r for r in rows if r.task.stage == stage]
    # every format lists what needs action, unless asked for everything; its header counts every row
    since = None if everything else since
    listed = rows if everything else needs_action(rows, since)
    note = rep.scope_note(rows, listed, since)
    # json, csv and Excel list the rows ungrouped: grouping a province's 53,000 by unit is 0.3 s
    # the asked unit's groups: across places each is named with its place, 市农业农村局（安丘市）
    asked = {name, *(f"{name}（{r.schedule.scope}）" for r in listed if r.schedule.scope)} if name else set()
    grouped = (
        [] if fmt in UNGROUPED else [(k, v) for k, v in groups(listed, by) if not asked or by != "unit" or k in asked]
    )
    tall: tuple[tuple[str, str], ...] = ()  # the tasks whose Excel rows are held at the tallest a row can be
    if fmt == "json":
        data = rep.report_json(listed, as_of, rep.scope_json(rows, listed, since)).encode()
    elif fmt == "csv":
        data = rep.report_csv(listed)
    elif fmt == "md":
        data = rep.report_markdown(grouped, as_of, within, rep.headline(rows, as_of, within, note)).encode()
    elif fmt == "docx":
        from schedgen.export.office.docx import report_docx

        data = report_docx(
            rows,
            grouped,
            as_of,
            within,
            issuer=issuer,
            notes=notes,
            landscape=landscape,
            everything=everything,
            done_since=since,
            by=by,
        )
    elif fmt == "xlsx":
        from schedgen.export.office.xlsx import report_xlsx

        book = report_xlsx(rows, listed, as_of, note)
        data, tall = book.data, book.tall
    elif fmt == "html":
        from schedgen.export.page.html import report_page

        data = report_page(rows, grouped, as_of, within, templates, note)
    else:
        data = rep.report_table(rows, grouped, as_of, within, width, note).encode()
    warnings = list(kin)
    if fmt in ("docx", "xlsx"):
        from schedgen.export.office.office import unheld

        tasks = {id(r.task): (r.schedule, r.task) for r in rows}
        warnings = unheld({id(r.schedule): r.schedule for r in rows}.values(), tasks.values(), excel=fmt == "xlsx")
        if fmt == "xlsx":
            from schedgen.export.office.office import tall_rows
            from schedgen.export.office.xlsx import ROW_MOST

            warnings += tall_rows(tall, ROW_MOST)
    if output is not None:
        write_atomic(output, data)
    overdue = list(map(attrgetter("state"), rows)).count(State.OVERDUE)
    undated = tuple(rep.undated_done(rows)) if since is not None else ()
    return ReportResult(data, overdue, tuple(warnings), len(listed), len(rows), undated)


def needs_action(rows: list[Milestone], done_since: date | None) -> list[Milestone]:
    """The rows that need action (`ACTION`), and those marked done on or after `done_since`: a task done
    with no day recorded cannot be placed in a period and stays out."""
    if done_since is None:
        return [r for r in rows if r.state in ACTION]
    since = done_since
    return [r for r in rows if r.state in ACTION or (r.state is State.DONE and r.task.done and r.task.done >= since)]
