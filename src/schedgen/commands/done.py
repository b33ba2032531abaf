"""`schedgen done`: a task recorded as done in its schedule file."""

from __future__ import annotations

from datetime import date
from pathlib import Path


def done(schedule: Path, task_id: str, on: date, note: str | None) -> None:
    """Set the task's status lines in `schedule`, changing nothing else of the file."""
    from schedgen.edit import mark_done
    from schedgen.files import write_atomic

    write_atomic(schedule, mark_done(schedule, task_id, on, note).encode())
