"""`schedgen ics`: one schedule's feed, or one unit's, as a one-off file."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from schedgen import feedstate
from schedgen.commands import DEFAULT_OUTPUT
from schedgen.commands.build_feeds import feeds
from schedgen.errors import LoadError
from schedgen.files import whole, write_atomic
from schedgen.i18n import _
from schedgen.model import Reminder
from schedgen.plans import plans, refuse_writing_over
from schedgen.units import find_unit, other_spellings, slugs_for


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
    named = None if unit is None else find_unit(found, unit)
    for line in other_spellings(named, ((i.task for i in t.items) for t in found)) if named else ():
        warn(_("warning") + f": {line}")
    wanted = f"{sid}/{sid}.ics" if named is None else f"{sid}/units/{slugs_for(found)[named]}.ics"
    ledger_folder = feedstate.folder_for(Path(DEFAULT_OUTPUT), state)
    rendered = feeds(planned, ledger_folder, {}, now=now, reminders=reminders, warn=warn)
    made = next((files[wanted] for part in rendered if wanted in (files := part.render())), None)
    if made is None:  # ongoing work, or a duty that falls due outside the window, makes no event
        tasks = [f"{i.task.id} ({i.task.when})" for i in found[0].items if named in dict(i.task.roles())]
        raise LoadError(
            _(
                "the unit `{unit}` has no feed: none of its tasks has a day in the plan's window (ongoing work "
                "makes no event): {tasks}"
            ).format(unit=named, tasks=", ".join(tasks))
        )
    data = whole(made)
    if output is not None:
        write_atomic(output, data)
    return data
