"""`schedgen extract`: a draft schedule from a plan written as prose, for a person to review."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from schedgen.commands.import_ import ImportResult, target_for, write_schedule
from schedgen.errors import LoadError
from schedgen.files import write_atomic
from schedgen.i18n import _
from schedgen.units import file_slug

if TYPE_CHECKING:
    from schedgen.importers.prose import Draft


def extract(
    source: Path,
    output: Path | None,
    *,
    year: int | None = None,
    force: bool = False,
    review: bool = True,
    problems: Sequence[str] = (),
) -> ImportResult:
    """Draft one task per dated duty of a prose plan into a schedule file, and its review page beside it
    (unless not `review`); write nothing when none is found. The year is the document's own (its 文号,
    title, signature or text) unless `year` is given. `problems` are said first (what the caller saw in the
    document and could not read)."""
    from schedgen.importers.documents import plan_text
    from schedgen.importers.prose import extract as draft

    target = target_for(source, output, force)
    text = plan_text(source)
    try:
        result = draft(text, year=year, stem=file_slug(source.stem), name=source.stem)
    except LoadError as error:  # the document names no year: said with its path
        raise LoadError(f"{source}: {error}") from None
    if not result.rows:
        unread = "".join(f"\n  {line}" for line in result.unread)
        raise LoadError(
            f"{source}: "
            + _("no dated duty was found, so nothing was written")
            + (_("; these sentences have a time that could not be read:") + unread if unread else "")
        )
    result.problems[:0] = problems
    written = write_schedule(result.yaml(source.name, draft=True), target, result.rows, result.problems)
    written = replace(written, draft=True)
    return replace(written, review=write_review(result, source, target)) if review else written


def write_review(result: Draft, source: Path, target: Path) -> Path:
    """The review page beside the draft (`NAME.review.html`): the document with what was read and why not."""
    from schedgen.importers.review import review_page

    page = target.with_name(f"{target.stem}.review.html")
    write_atomic(page, review_page(result, source=source.name).encode())
    return page
