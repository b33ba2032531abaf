"""What the Word and Excel outputs share: the columns offices read, and zip files that do not change.

Word and Excel files are zip archives that stamp the time of saving into every member and into their
document properties; `stable_zip` rewrites both from a day the content already holds, so the same
schedule gives the same bytes (and a rebuild is byte-identical, as every other output is).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from datetime import date

from schedgen.model import Item, Timeline
from schedgen.view import dates_text

EPOCH = (1980, 1, 1, 0, 0, 0)
"""The earliest time a zip member can carry: the archive says nothing about when it was made."""

STAMPED = re.compile(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")

TIMETABLE_HEADERS = ("序号", "阶段", "时间", "重点任务", "牵头单位", "配合单位", "责任单位", "解析日期及提示", "备注")
"""The 配档表 as re-issued: the plan's own columns (the importer reads them back) and the dates it means."""


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
