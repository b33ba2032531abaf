"""`schedgen import`: a 配档表 from Word, Excel, CSV or text into a schedule file (and `extract`'s writing)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from schedgen.commands import DEFAULT_SCHEDULES
from schedgen.errors import LoadError
from schedgen.files import write_atomic
from schedgen.units import file_slug


@dataclass(frozen=True)
class ImportResult:
    """The schedule file written, the rows it holds, and the rows that need a person's look."""

    target: Path
    rows: int
    problems: tuple[str, ...]
    review: Path | None = None
    """The review page written beside a draft from prose, if any."""


def import_table(
    source: Path, output: Path | None, *, year: int | None, sheet: str | None = None, force: bool = False
) -> ImportResult:
    """Import a 配档表 into a schedule file, written only when the import worked and never over a file
    unless `force`. The year is the table's own (its title, the lines above it, its dates) unless `year` is
    given; a table that names none is refused without it."""
    from schedgen.importers.dating import NO_YEAR, annotate, date_document, document_title, title_year, windowed
    from schedgen.importers.table import read_rows, to_schedule

    target = target_for(source, output, force)
    stopped: list[str] = []  # where a reader stopped at a limit: the first thing a reviewer must know
    rows, above = read_rows(source, sheet, stopped)
    dating = date_document([*above, *("  ".join(row) for row in rows)], document_title(list(above)))
    taken = year if year is not None else dating.year if dating is not None else None
    # the table's own faults are said first; a year its title names is the table's own (to_schedule reads it)
    result = to_schedule(rows, above, year=taken or 2000, stem=file_slug(source.stem))
    result.problems[:0] = stopped
    if taken is None and title_year(str(result.document["title"])) is None:
        raise LoadError(f"{source}: {NO_YEAR}")
    result.document, comments = windowed(result.document, year, dating)
    text = result.yaml(source.name, draft=False)
    for key, comment in comments.items():
        text = annotate(text, key, comment)
    return write_schedule(text, target, result.rows, result.problems)


def target_for(source: Path, output: Path | None, force: bool) -> Path:
    """Where an import of `source` writes: `output`, else `schedules/<slug>.yaml`; never over a file unless `force`."""
    target = output or Path(DEFAULT_SCHEDULES) / f"{file_slug(source.stem)}.yaml"
    if target.exists() and not force:
        raise LoadError(f"{target} exists; choose another -o or pass --force to replace it")
    return target


def write_schedule(text: str, target: Path, rows: int, problems: list[str]) -> ImportResult:
    """Write what an importer made; a clean import is first loaded back, so what import writes check accepts."""
    from schedgen.load import loads

    if not problems:
        loads(text, str(target))
    write_atomic(target, text.encode())
    return ImportResult(target, rows, tuple(problems))
