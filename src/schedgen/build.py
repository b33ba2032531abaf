"""The pipeline end to end: load -> resolve -> exporters."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from schedgen.calendar_cn import WorkCalendar
from schedgen.load import load_all
from schedgen.model import Timeline
from schedgen.resolve import resolve


def timelines(paths: Sequence[Path], *, year: int | None = None, holidays: bool = True) -> list[Timeline]:
    """Every schedule under `paths`, dated; raises LoadError with the problems of all files."""
    calendar = WorkCalendar(holidays=holidays)
    return [resolve(schedule, year=year, calendar=calendar) for schedule in load_all(paths)]
