"""`schedgen ics`: one schedule's feed, or one unit's, as a one-off file."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from schedgen import feedstate
from schedgen.commands import DEFAULT_OUTPUT
from schedgen.commands.build_feeds import feeds
from schedgen.files import whole, write_atomic
from schedgen.model import Reminder
from schedgen.plans import plans, refuse_writing_over
from schedgen.units import find_unit, slugs_for


def ics_file(
    path: Path,
    *,
    year: int | None,
    now: datetime,
    reminders: Sequence[Reminder] | None,
    unit: str | None,
    output: Path | None,
    state: Path | None = None,
    warn: Callable[[str], None] = lambda _: None,
) -> bytes:
    """One schedule's feed, or one unit's; written atomically to `output` when given.

    Events carry the stamps of the published site (the ledger in `state`, or the one inside the default
    output folder), so a one-off file agrees with what subscribers have; the ledger is never written.
    A damaged ledger is read as none, and `warn` told so.
    """
    refuse_writing_over(output, [path])
    planned = plans([path], year=year)
    found = [plan.timeline for plan in planned]
    sid = found[0].schedule.id
    wanted = f"{sid}/{sid}.ics" if unit is None else f"{sid}/units/{slugs_for(found)[find_unit(found, unit)]}.ics"
    ledger_folder = feedstate.folder_for(Path(DEFAULT_OUTPUT), state)
    rendered = feeds(planned, ledger_folder, {}, now=now, reminders=reminders, warn=warn)
    data = whole(next(files[wanted] for part in rendered if wanted in (files := part.render())))
    if output is not None:
        write_atomic(output, data)
    return data
