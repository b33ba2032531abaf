"""`schedgen extract`: a draft schedule from a plan written as prose, for a person to review."""

from __future__ import annotations

from pathlib import Path

from schedgen.commands.import_ import ImportResult, target_for, write_schedule
from schedgen.errors import LoadError
from schedgen.units import file_slug


def extract(source: Path, output: Path | None, *, year: int, force: bool = False) -> ImportResult:
    """Draft one task per dated duty of a prose plan into a schedule file; write nothing when none is found."""
    from schedgen.importers.documents import plan_text
    from schedgen.importers.prose import extract as draft

    target = target_for(source, output, force)
    result = draft(plan_text(source), year=year, stem=file_slug(source.stem))
    if not result.rows:
        unread = "".join(f"\n  {line}" for line in result.unread)
        raise LoadError(
            f"{source}: no dated duty was found, so nothing was written"
            + (f"; these sentences have a time that could not be read:{unread}" if unread else "")
        )
    written = write_schedule(result.yaml(source.name, draft=True), target, result.rows, result.problems)
    return ImportResult(written.target, written.rows, written.problems, draft=True)
