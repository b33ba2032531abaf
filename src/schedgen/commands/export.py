"""`schedgen export`: a schedule re-issued as the office's own 配档表, in Word or Excel."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from schedgen.commands import EXPORT_SUFFIXES
from schedgen.errors import BuildError
from schedgen.files import write_atomic
from schedgen.plans import timelines


@dataclass(frozen=True)
class ExportResult:
    """The file written and how many task rows its table holds."""

    target: Path
    rows: int


def export_table(path: Path, output: Path, *, year: int | None = None) -> ExportResult:
    """Write the schedule's 配档表 with its resolved dates to `output` (.docx or .xlsx, by the suffix)."""
    suffix = output.suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        raise BuildError(f"{output}: the file name must end in {' or '.join(EXPORT_SUFFIXES)}")
    (timeline,) = timelines([path], year=year)
    if suffix == ".docx":
        from schedgen.export.docx import timetable_docx

        data = timetable_docx(timeline)
    else:
        from schedgen.export.xlsx import timetable_xlsx

        data = timetable_xlsx(timeline)
    write_atomic(output, data)
    return ExportResult(output, len(timeline.items))
