"""HTML pages from Jinja2 templates: a user's folder first, the shipped templates last, autoescaped."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2

    from schedgen.report import Milestone


def environment(user_templates: Path | None = None) -> jinja2.Environment:
    """The template environment: `user_templates` overrides any shipped template of the same name."""
    from importlib.resources import files

    import jinja2

    folders = [str(user_templates)] if user_templates is not None else []
    folders.append(str(files("schedgen.templates")))
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def report_page(
    grouped: Sequence[tuple[str, Sequence[Milestone]]],
    counts: Mapping[str, int],
    as_of: date,
    within: int,
    templates: Path | None = None,
) -> str:
    """The 督办 list as a printable page, grouped as asked, overdue items first in each group."""
    from schedgen.report import STATE_LABELS

    groups = [
        (
            key,
            [
                {
                    "state": row.state,
                    "state_label": STATE_LABELS[row.state],
                    "due": row.due.isoformat(),
                    "when": row.task.when,
                    "task": row.task.task,
                    "lead": "、".join(row.task.lead),
                    "units": "、".join(row.task.units),
                    "schedule": row.schedule.title,
                    "notes": row.task.notes or "",
                }
                for row in rows
            ],
        )
        for key, rows in grouped
    ]
    context = {
        "as_of": as_of.isoformat(),
        "within": within,
        "counts": [(STATE_LABELS[state], n) for state, n in counts.items() if n],
        "groups": groups,
    }
    return environment(templates).get_template("report.html").render(context)
