"""What the Word and Excel outputs share: the columns offices read, and zip files that do not change.

Word and Excel files are zip archives that stamp the time of saving into every member and into their
document properties; `stable_zip` rewrites both from a day the content already holds, so the same
schedule gives the same bytes (and a rebuild is byte-identical, as every other output is).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from schedgen.digest import PlanDigest, TaskDigest
from schedgen.i18n import _
from schedgen.model import Item, Schedule, Task, Timeline
from schedgen.view import dates_text

EPOCH = (1980, 1, 1, 0, 0, 0)
"""The earliest time a zip member can carry: the archive says nothing about when it was made."""

STAMPED = re.compile(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")

TIMETABLE_HEADERS = ("序号", "阶段", "时间", "重点任务", "牵头单位", "配合单位", "责任单位", "解析日期及提示", "备注")
"""The 配档表 as re-issued: the plan's own columns (the importer reads them back) and the dates it means."""


UNHELD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""What XML 1.0, and so Word and Excel, cannot hold: control characters other than tab and newlines,
lone surrogates and the two non-characters."""
BREAKS = str.maketrans({"\v": "\n", "\f": "\n"})
"""A vertical tab is Word's own line break (a text copied out of Word holds them): it stays a break."""


def held(text: str) -> str:
    """`text` as Word and Excel can hold it: a vertical tab or form feed a line break, the rest of `UNHELD`
    left out (`unheld` says which tasks lost what)."""
    return UNHELD.sub("", text.translate(BREAKS)) if UNHELD.search(text) else text


EXCEL_CELL = 32_767
"""The most characters an Excel cell holds: a longer text is cut to it, ending in `…` (`cell_text`)."""


def cell_text(text: str) -> str:
    """`text` as an Excel cell holds it (`held`), cut to `EXCEL_CELL` characters with `…` where it is longer."""
    text = held(text)
    return text if len(text) <= EXCEL_CELL else text[: EXCEL_CELL - 1] + "…"


def unheld(
    schedules: Iterable[Schedule | PlanDigest],
    tasks: Iterable[tuple[Schedule | PlanDigest, Task | TaskDigest]],
    *,
    excel: bool = False,
) -> list[str]:
    """A warning for each title and task with characters `held` changes, naming where it is and what, and, for
    an `excel` file, for each of a task's texts longer than a cell holds (`cell_text`)."""

    def which(texts: Iterable[str | None]) -> str:
        found = sorted({ch for text in texts if text for ch in UNHELD.findall(text)})
        return ", ".join(repr(ch)[1:-1] for ch in found)

    note = _(
        "control characters Word and Excel cannot hold ({chars}): a \\v or \\f became a line break, "
        "the others were left out"
    )
    warnings = [
        f"{s.path}: " + _("the title has {note}").format(note=note.format(chars=chars))
        for s in schedules
        if (chars := which([s.title, s.source]))
    ]
    for schedule, task in tasks:
        chars = which([task.task, task.when, task.notes, task.stage, *task.lead, *task.support, *task.units])
        where = f"{schedule.path}: " + _("task `{id}`").format(id=task.id)
        if chars:
            warnings.append(f"{where}: {note.format(chars=chars)}")
        texts = {"task": task.task, "when": task.when, "notes": task.notes or ""}
        texts.update({role: "、".join(getattr(task, role)) for role in ("lead", "support", "units")})
        for field, text in texts.items() if excel else ():
            if len(text) > EXCEL_CELL:
                warnings.append(
                    f"{where}: "
                    + _(
                        "`{field}` has {count:,} characters, more than an Excel cell holds ({limit:,}): "
                        "its cell shows the first {shown:,} and …"
                    ).format(field=field, count=len(text), limit=EXCEL_CELL, shown=EXCEL_CELL - 1)
                )
    return warnings


def tall_rows(tall: Iterable[tuple[str, str]], most: int) -> list[str]:
    """A warning for each task whose Excel row is held at `most` points (`xlsx.Book.tall`)."""
    return [
        f"{path}: "
        + _("task `{id}`").format(id=task)
        + ": "
        + _(
            "its text wraps taller than an Excel row can be ({most} pt): the row shows its first lines, "
            "the whole text is in the cell"
        ).format(most=most)
        for path, task in tall
    ]


def stable_zip(data: bytes, stamp: date, replace: Mapping[str, bytes] | None = None) -> bytes:
    """The archive `data` with fixed member times, `stamp` as its created/modified day, members replaced."""
    out = io.BytesIO()
    iso = f"{stamp.isoformat()}T00:00:00Z"
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            blob = (replace or {}).get(info.filename) or source.read(info.filename)
            if info.filename == "docProps/core.xml":
                blob = STAMPED.sub(lambda m: m[1] + iso + m[2], blob.decode()).encode()
            target.writestr(zipfile.ZipInfo(info.filename, EPOCH), blob, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def timetable_items(timeline: Timeline) -> list[Item]:
    """The plan's items, tasks of no stage first: read back, an empty stage cell above every stage means
    no stage, while one below a stage would be carried down into it."""
    return [i for i in timeline.items if i.task.stage is None] + [i for i in timeline.items if i.task.stage]


def timetable_cells(number: int, item: Item) -> tuple[str, ...]:
    """One row of the re-issued 配档表 under `TIMETABLE_HEADERS`: the text as written, then the dates."""
    task = item.task
    findings = "；".join(f.message for f in item.findings)
    return (
        str(number),
        task.stage or "",
        task.when,
        task.task,
        "、".join(task.lead),
        "、".join(task.support),
        "、".join(task.units),
        dates_text(item) + (f"（{findings}）" if findings else ""),
        task.notes or "",
    )


def merged_runs(keys: Sequence[str | None]) -> list[tuple[int, int]]:
    """The `(first, last)` indexes of each run of two or more equal keys: a stage's cells, merged into one."""
    runs, start = [], 0
    for end in range(1, len(keys) + 1):
        if end == len(keys) or keys[end] != keys[start]:
            if end - start > 1 and keys[start]:
                runs.append((start, end - 1))
            start = end
    return runs


def used_columns(rows: list[tuple[str, ...]]) -> list[int]:
    """The columns worth printing: the plan's own (序号 to 责任单位, the dates) and any other that has text."""
    always = {0, 1, 2, 3, 6, 7}
    return [i for i in range(len(TIMETABLE_HEADERS)) if i in always or any(row[i] for row in rows)]
