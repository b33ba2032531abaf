"""`schedgen import`: any document into a schedule file: its table read row by row, or, when it holds no
table, a draft from its prose (`extract`); and the writing both share."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from schedgen.commands import DEFAULT_SCHEDULES
from schedgen.errors import LoadError
from schedgen.files import write_atomic
from schedgen.i18n import _
from schedgen.units import file_slug

# the year a table is read in when neither the text around it nor its rows name one: the import is then refused
_NO_YEAR = 2000


@dataclass(frozen=True)
class ImportResult:
    """The schedule file written, the rows it holds, and the rows that need a person's look."""

    target: Path
    rows: int
    problems: tuple[str, ...]
    review: Path | None = None
    """The review page written beside a draft from prose, if any."""
    kept: tuple[str, ...] = ()
    """The table's columns that are no time, task, stage or unit, kept in each task's notes."""
    draft: bool = False
    """Whether the tasks were drafted from prose, for a person to review."""
    drafted: int = 0
    """Tasks drafted from the text around a table (a notice with its table attached), to review."""


def import_table(
    source: Path, output: Path | None, *, year: int | None, sheet: str | None = None, force: bool = False
) -> ImportResult:
    """Import a document into a schedule file: its table when it has one, else a draft from its prose;
    written only when the import worked and never over a file unless `force`. The year is the document's
    own (its title, the lines above the table, its dates) unless `year` is given; a document that names
    none is refused without it."""
    from schedgen.importers.dating import (
        annotate,
        date_document,
        document_title,
        no_year,
        ordered_season,
        over_new_year,
        title_year,
        windowed,
    )
    from schedgen.importers.documents import read_document
    from schedgen.importers.table import to_schedule

    target = target_for(source, output, force)
    contents = read_document(source, sheet)
    if contents.rows is None:
        from schedgen.commands.extract import extract
        from schedgen.importers.columns import run_together_header

        # a header whose cells run together (a Word table flattened by a site's preview) is no table this can
        # read: its rows are drafted as prose, and the clerk is told so rather than left to think it was read
        names = run_together_header(contents.text)
        unread = (
            [
                f"正文里有一块像是表格（表头“{'、'.join(names)}”），但没有按表格读取（单元格之间没有分隔，或分隔与表头对不上）："
                "下面的任务是从正文起草的，没有逐行的单位；请对照原表核对，或导入原来的 Word、Excel 文件，"
                "或把表格复制成每格之间有“|”或每格一行"
            ]
            if names
            else []
        )
        try:  # what the document itself holds back (revisions read as accepted, hidden parts) is said too
            return extract(source, output, year=year, force=force, problems=[*contents.stopped, *unread])
        except LoadError as error:
            raise LoadError(
                _("{source}: no table with a header row naming its columns was found, and {error}").format(
                    source=source, error=error
                )
            ) from None
    around = contents.around.splitlines()  # a season's year is told by the dates of the text around its table
    # the lines below the table (a covering sentence, the signature under it) name its year as those above it do
    above = {line.strip() for line in contents.above}
    below = [line for line in around if line.strip() and line.strip() not in above]
    seen = [*contents.above, *("  ".join(row) for row in contents.rows), *below]
    dating = date_document(seen, document_title(list(contents.above)), around)
    if dating is None:  # a season's table whose rows run in order over New Year: its first year (over_new_year below)
        dating = ordered_season(seen)
    taken = year if year is not None else dating.year if dating is not None else None
    stem = file_slug(source.stem)
    # the table's own faults are said first; a year its title names is the table's own (to_schedule reads it)
    # a copying site's heading whose year the document's signature belies (see date_document) gives no year
    copied = year is None and dating is not None and dating.over_title
    result = to_schedule(
        contents.rows,
        contents.above,
        year=taken,
        default_year=taken or _NO_YEAR,
        stem=stem,
        name=source.stem,
        title_year=not copied,
        first_row=contents.first_row,
    )
    result.problems[:0] = contents.stopped
    # a year the rows themselves write (a 年度 column's `2023`) dates the table where no line around it does
    if taken is None and title_year(str(result.document["title"])) is None and result.document["year"] == _NO_YEAR:
        raise LoadError(f"{source}: {no_year(seen, around)}")
    if contents.around.strip():
        from schedgen.importers.table import add_drafted

        add_drafted(result, contents.around, stem=stem)
    turned = over_new_year(result.document)
    result.document, comments = windowed(result.document, year, dating)
    comments["year"] += turned.get("year", "")
    text = result.yaml(source.name, draft=False)
    for key, comment in comments.items():
        text = annotate(text, key, comment)
    written = write_schedule(text, target, result.rows, result.problems)
    return replace(written, kept=tuple(result.kept), drafted=result.drafted)


def target_for(source: Path, output: Path | None, force: bool) -> Path:
    """Where an import of `source` writes: `output`, else `schedules/<slug>.yaml`; never over a file unless `force`."""
    target = output or Path(DEFAULT_SCHEDULES) / f"{file_slug(source.stem)}.yaml"
    if target.exists() and not force:
        raise LoadError(_("{target} exists; choose another -o or pass --force to replace it").format(target=target))
    return target


def write_schedule(text: str, target: Path, rows: int, problems: list[str]) -> ImportResult:
    """Write what an importer made; a clean import is first loaded back, so what import writes check accepts."""
    from schedgen.load import loads

    if not problems:
        loads(text, str(target))
    write_atomic(target, text.encode())
    return ImportResult(target, rows, tuple(problems))
