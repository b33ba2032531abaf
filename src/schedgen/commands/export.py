"""`schedgen export`: a schedule re-issued as the office's own 配档表, in Word or Excel."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from schedgen.commands import EXPORT_SUFFIXES
from schedgen.errors import BuildError
from schedgen.files import write_atomic
from schedgen.i18n import _
from schedgen.plans import timelines


@dataclass(frozen=True)
class ExportResult:
    """The file written and how many task rows its table holds."""

    target: Path
    rows: int
    warnings: tuple[str, ...] = ()
    """What the file could not hold as written (control characters, a title past Word's limit)."""


def export_table(path: Path, output: Path, *, year: int | None = None) -> ExportResult:
    """Write the schedule's 配档表 with its resolved dates to `output` (.docx or .xlsx, by the suffix)."""
    suffix = output.suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        raise BuildError(
            _("{output}: the file name must end in {names}").format(
                output=output, names=_(" or ").join(EXPORT_SUFFIXES)
            )
        )
    from schedgen.export.office.office import unheld

    (timeline,) = timelines([path], year=year)
    schedule = timeline.schedule
    warnings = unheld([schedule], [(schedule, item.task) for item in timeline.items], excel=suffix == ".xlsx")
    if suffix == ".docx":
        from schedgen.export.office.docx import TITLE_LIMIT, timetable_docx

        if len(schedule.title) > TITLE_LIMIT:
            warnings.append(
                f"{schedule.path}: "
                + _(
                    "the title has {count} characters; the Word file's title property holds the first {limit} "
                    "(Word's limit), its heading the whole title"
                ).format(count=len(schedule.title), limit=TITLE_LIMIT)
            )
        data = timetable_docx(timeline)
    else:
        from schedgen.export.office.office import tall_rows
        from schedgen.export.office.xlsx import ROW_MOST, timetable_xlsx

        book = timetable_xlsx(timeline)
        data = book.data
        warnings += tall_rows(book.tall, ROW_MOST)
    write_atomic(output, data)
    return ExportResult(output, len(timeline.items), tuple(warnings))
