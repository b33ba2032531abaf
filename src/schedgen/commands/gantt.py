"""`schedgen gantt`: one schedule's printable chart."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from schedgen.commands import CHART_FORMATS
from schedgen.errors import BuildError
from schedgen.files import write_atomic
from schedgen.i18n import _
from schedgen.model import FIRST_YEAR, LAST_YEAR
from schedgen.plans import timelines
from schedgen.units import find_unit, other_spellings


@dataclass(frozen=True)
class Drawn:
    """A chart written: how many pages it holds, and the characters its font drew as boxes."""

    pages: int
    font: Path
    undrawn: str
    shortened: tuple[str, ...] = ()
    """Each text the chart shows only in part, with its task id and full text."""
    beyond: tuple[str, ...] = ()
    """Each task whose dates run past the days the chart shows (`--from`/`--to`), and how."""
    shown: tuple[date, date] | None = None
    """The first and last day the chart shows."""
    kin: tuple[str, ...] = ()
    """What `--unit` leaves out that the plan probably writes of that unit under another name."""


def gantt_file(
    path: Path,
    output: Path,
    *,
    year: int | None,
    as_of: date,
    paper: str = "A3",
    portrait: bool = False,
    dpi: int = 200,
    start: date | None = None,
    end: date | None = None,
    unit: str | None = None,
    font: Path | None = None,
) -> Drawn:
    """Draw one schedule's chart into `output` (its format from the suffix)."""
    from schedgen.export.chart.fonts import find_font
    from schedgen.export.chart.gantt import ChartOptions, described, render_pages, undrawn

    fmt = output.suffix.lower().lstrip(".")
    if fmt not in CHART_FORMATS:
        raise BuildError(_("{output}: the file name must end in .png, .pdf or .svg").format(output=output))
    for flag, day in (("--from", start), ("--to", end)):
        if day is not None and not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise BuildError(
                _("{flag} {day} is outside the years {first_year} to {last_year} a plan can name").format(
                    flag=flag, day=day, first_year=FIRST_YEAR, last_year=LAST_YEAR
                )
            )
    if start is not None and end is not None and end < start:
        raise BuildError(_("--to {end} is before --from {start}").format(end=end, start=start))
    found = timelines([path], year=year)
    options = ChartOptions(
        as_of=as_of,
        paper=paper.upper(),
        portrait=portrait,
        dpi=dpi,
        start=start,
        end=end,
        unit=find_unit(found, unit) if unit else None,
        font=font,
    )
    kin = other_spellings(options.unit, [[i.task for i in found[0].items]]) if options.unit else []
    data, pages = render_pages(found[0], fmt, options)
    write_atomic(output, data)
    drawn_with = find_font(font)
    cut, shown, past = described(found[0], options)
    return Drawn(pages, drawn_with, undrawn(found[0], drawn_with), tuple(cut), tuple(past), shown, tuple(kin))
