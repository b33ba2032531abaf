"""`schedgen extract`: a draft schedule from a plan written as prose, for a person to review."""

from __future__ import annotations

from pathlib import Path

from schedgen.commands.import_ import ImportResult, target_for, write_schedule
from schedgen.errors import LoadError
from schedgen.units import file_slug


def extract(source: Path, output: Path | None, *, year: int, force: bool = False) -> ImportResult:
    """Draft one task per dated duty of a prose plan into a schedule file."""
    from schedgen.importers.prose import extract as draft
    from schedgen.importers.table import decode_text

    target = target_for(source, output, force)
    if not source.is_file() or source.stat().st_size == 0:
        raise LoadError(f"{source}: the file is empty or missing")
    result = draft(decode_text(source.read_bytes(), source), year=year, stem=file_slug(source.stem))
    return write_schedule(result.yaml(source.name, draft=True), target, result.rows, result.problems)
