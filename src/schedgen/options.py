"""The options the commands share, each declared once, and the converters behind them.

Declaring them imports nothing of the pipeline: a value is checked against the model's limits only when
one is given.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from schedgen.commands import DEFAULT_OUTPUT, DEFAULT_SCHEDULES, OUTPUT_KINDS
from schedgen.i18n import _, localize_click

if TYPE_CHECKING:
    from schedgen.model import Reminder

F = TypeVar("F", bound=Callable[..., Any])

localize_click()  # before the first click type is made: it translates its name then

# One instance per kind of path: click translates a type's name when it is made, which is most of what
# declaring the commands costs at start-up.
EXISTING = click.Path(exists=True, path_type=Path)
EXISTING_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)
EXISTING_FOLDER = click.Path(exists=True, file_okay=False, path_type=Path)
FILE = click.Path(dir_okay=False, path_type=Path)
FOLDER = click.Path(file_okay=False, path_type=Path)


def year_option(
    help_text: str | None = None,
) -> Callable[[F], F]:
    """`--year`: the base year for expressions that name none (annual plans roll over)."""
    help_text = help_text or _("Base year for dates without a year (default: the schedule's `year`).")
    return click.option("--year", type=click.INT, default=None, callback=lambda _c, _p, v: _year(v), help=help_text)


def paths_argument(f: F) -> F:
    """PATHS: schedule files or folders of them, `schedules/` by default."""
    return click.argument(
        "paths",
        nargs=-1,
        type=EXISTING,
        callback=lambda _c, _p, v: list(v) or [Path(DEFAULT_SCHEDULES)],
    )(f)


def schedule_argument(f: F) -> F:
    """SCHEDULE: one schedule file."""
    return click.argument("schedule", type=EXISTING_FILE)(f)


def output_folder_option(help_text: str) -> Callable[[F], F]:
    """`-o DIR`: the site's folder, `output/` by default."""
    return click.option(
        "-o",
        "--output",
        type=FOLDER,
        metavar="DIR",  # not the type's translated name, which click's columns would misalign
        default=Path(DEFAULT_OUTPUT),
        show_default=True,
        help=help_text,
    )


def output_file_option(help_text: str, *, required: bool = False) -> Callable[[F], F]:
    """`-o FILE`: where a one-file command writes."""
    return click.option("-o", "--output", type=FILE, metavar="FILE", required=required, help=help_text)


def day_option(*names: str, help_text: str) -> Callable[[F], F]:
    """A day given as YYYY-MM-DD, passed on as a `date`."""
    return click.option(
        *names,
        type=click.DateTime(["%Y-%m-%d"]),
        default=None,
        callback=lambda _c, _p, v: v.date() if v else None,
        help=help_text,
    )


def state_option(f: F) -> F:
    """`--state DIR`: where the feed ledger (UIDs, SEQUENCE) is kept."""
    return click.option(
        "--state",
        type=FOLDER,
        metavar="DIR",
        default=None,
        help=_("The folder of the feed ledger that keeps events' SEQUENCE stable (default: inside the output folder)."),
    )(f)


def templates_option(f: F) -> F:
    """`--templates DIR`: the user's templates first, the shipped ones last."""
    return click.option(
        "--templates",
        type=EXISTING_FOLDER,
        metavar="DIR",
        help=_("A folder of templates that override the shipped ones."),
    )(f)


def base_url_option(help_text: str) -> Callable[[F], F]:
    """`--base-url URL`: where the site is published."""
    return click.option("--base-url", callback=lambda _c, _p, v: _base_url(v), help=help_text)


def holidays_option(f: F) -> F:
    """`--no-holidays`: judge due days by weekends only."""
    return click.option(
        "--holidays/--no-holidays",
        default=True,
        show_default=True,
        help=_("Use China's statutory holidays and 调休 working days."),
    )(f)


def _year(value: int | None) -> int | None:
    """A year a plan can name, checked against the model's limits only when one is given."""
    if value is None:
        return None
    from schedgen.model import FIRST_YEAR, LAST_YEAR

    if not FIRST_YEAR <= value <= LAST_YEAR:
        raise click.BadParameter(
            _("{year} is not a year from {first} to {last}").format(year=value, first=FIRST_YEAR, last=LAST_YEAR)
        )
    return value


def _reminders(values: tuple[str, ...]) -> tuple[Reminder, ...]:
    from schedgen.model import Reminder

    try:
        return tuple(Reminder.parse(value) for value in values)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


MAX_BASE_URL = 1000
"""Characters a `--base-url` may have: a QR code holds some 2,300 bytes, with the feed's path after them."""


def _base_url(value: str | None) -> str | None:
    if value is None:
        return None
    from urllib.parse import urlsplit

    if len(value) > MAX_BASE_URL:
        raise click.BadParameter(
            _(
                "the address is {length} characters, at most {limit}: each feed's address is the site's "
                "address and the feed's path, and it must fit in a QR code and a calendar app's subscription"
            ).format(length=len(value), limit=MAX_BASE_URL)
        )
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c in value for c in "\"'<> "):
        raise click.BadParameter(
            _("`{value}` is not an http(s) address, e.g. https://example.gov.cn/plans/").format(value=value)
        )
    return value.rstrip("/")


def _days(value: str) -> int:
    import re

    m = re.fullmatch(r"(\d{1,4})([dw]?)", value.strip())
    if not m:
        raise click.BadParameter(_("`{value}` is not a number of days; write e.g. 14d or 2w").format(value=value))
    return int(m[1]) * (7 if m[2] == "w" else 1)


def _kinds(value: str) -> tuple[str, ...]:
    kinds = tuple(k.strip() for k in value.split(",") if k.strip())
    unknown = [k for k in kinds if k not in OUTPUT_KINDS]
    if unknown or not kinds:
        raise click.BadParameter(_("choose from {kinds}").format(kinds=", ".join(OUTPUT_KINDS)))
    return kinds


def only_option(f: F) -> F:
    """`--only html,ics`: which outputs a build writes."""
    return click.option(
        "--only",
        default=",".join(OUTPUT_KINDS),
        show_default=True,
        callback=lambda _c, _p, v: _kinds(v),
        help=_("Comma-separated outputs to build."),
    )(f)


def jobs_option(f: F) -> F:
    """`--jobs N`: worker processes for CPU-bound outputs."""
    return click.option(
        "--jobs",
        type=click.IntRange(1, 64),
        default=None,
        help=_("Worker processes for the charts (default: the number of cores)."),
    )(f)


def within_option(f: F) -> F:
    """`--within 14d`: how far ahead counts as due."""
    return click.option(
        "--within",
        default="14d",
        show_default=True,
        callback=lambda _c, _p, v: _days(v),
        help=_("Due within this many days counts as due (14d, 2w)."),
    )(f)


def done_since_option(f: F) -> F:
    """`--done-since DATE|7d`: also list what was marked done on or after a day, or that many days before
    the report's day (the day of the last report, in a weekly cron job)."""
    return click.option(
        "--done-since",
        metavar="DATE|7d",
        callback=lambda _c, _p, v: None if v is None else _day_or_days(v),
        help=_(
            "Also list the milestones marked done on or after this day (YYYY-MM-DD), or this many days "
            "before --as-of (7d, 2w: since the last weekly report)."
        ),
    )(f)


def _day_or_days(value: str) -> date | int:
    """A day, or a number of days to count back from the report's day."""
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        pass
    try:
        return _days(value)
    except click.BadParameter:
        raise click.BadParameter(
            _("`{value}` is neither a day (YYYY-MM-DD) nor a number of days; write e.g. 2024-05-25 or 7d").format(
                value=value
            )
        ) from None


def alarm_options(f: F) -> F:
    """`--no-alarms` and `--alarm 3d` (repeatable): the reminders of a feed."""
    f = click.option(
        "--alarm",
        "alarms",
        multiple=True,
        metavar="3d",
        type=click.STRING,
        callback=lambda _c, _p, v: _reminders(v),
        help=_("A reminder before each deadline (w, d, h, m), repeatable; replaces the schedule's `reminders`."),
    )(f)
    return click.option("--no-alarms", is_flag=True, help=_("No reminders."))(f)


def import_options(f: F) -> F:
    """Options shared by `import` and `extract`."""
    for option in reversed(
        [
            click.argument("source", type=EXISTING_FILE),
            output_file_option(_("The schedule file to write (default: schedules/NAME.yaml).")),
            year_option(
                _(
                    "The plan's year (default: the one the document names in its 文号, title, signature or "
                    "dates; a document that names none needs it)."
                )
            ),
            click.option("--force", is_flag=True, help=_("Replace the output file if it exists.")),
        ]
    ):
        f = option(f)
    return f


def today() -> date:
    """Today in China, where the plans run: the only place the clock is read."""
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo("Asia/Shanghai")).date()


def now() -> datetime:
    """The moment a changed calendar event is stamped with (UTC)."""
    return datetime.now(timezone.utc).replace(microsecond=0)


@contextmanager
def progress(length: int, label: str) -> Iterator[Callable[[str], None]]:
    """A progress bar on a terminal; silence when stderr is a file or a pipe."""
    if not sys.stderr.isatty():
        yield lambda _: None
        return
    with click.progressbar(length=length, label=label, file=sys.stderr) as bar:
        yield lambda _: bar.update(1)
