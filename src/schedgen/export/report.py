"""Milestone reports (督办清单) for the terminal, for Markdown notices and for scripts: rows -> text or bytes."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from datetime import date
from itertools import chain, repeat
from operator import attrgetter, contains
from typing import Any, TypeVar

from schedgen.errors import visible
from schedgen.export.text import Columns
from schedgen.model import STATES, State, Status
from schedgen.view import Milestone, counts

CSV_HEADERS = (
    "计划",
    "编号",
    "阶段",
    "重点任务",
    "时间（原文）",
    "截止日",
    "状态",
    "牵头单位",
    "配合单位",
    "责任单位",
    "进度",
    "备注",
)

Grouped = Sequence[tuple[str, Sequence[Milestone]]]


def report_json(rows: Sequence[Milestone], as_of: date, scope: Mapping[str, object] | None = None) -> str:
    """`{"as_of": DATE, ...scope, "items": [...]}`, as `json.dumps(..., ensure_ascii=False, indent=2)` writes it.

    The items are written by hand: with an indent, Python's json encodes in Python, not C, and a
    province's report (53,000 items) took 1 s. A task's fields before and after its due day and state are
    encoded once, however many milestones it has; each string goes through the C encoder json uses itself.
    """
    head = {"as_of": as_of.isoformat(), **(scope or {})}
    if not rows:
        return json.dumps({**head, "items": []}, ensure_ascii=False, indent=2) + "\n"
    # the head as json writes it, up to the items; the items are the last key
    opening = json.dumps({**head, "items": [0]}, ensure_ascii=False, indent=2).removesuffix("    0\n  ]\n}")
    text = json.encoder.encode_basestring  # the C encoder, where there is one: what json.dumps calls
    parts: dict[int, tuple[str, str]] = {}
    lists: dict[tuple[str, ...], str] = {}  # a province's tasks name a few thousand lists of units
    states = {state: state.value for state in State}
    statuses = {status: text(status.value) for status in Status}
    items = []
    for row in rows:
        found = parts.get(id(row.item))
        if found is None:
            task = row.task
            done = f'"{task.done.isoformat()}"' if task.done else "null"
            lead, support, units = (
                lists.get(names) or lists.setdefault(names, _json_list(names))
                for names in (task.lead, task.support, task.units)
            )
            found = parts[id(row.item)] = (
                f'    {{\n      "schedule": {text(row.schedule.id)},\n      "id": {text(task.id)},\n'
                f'      "stage": {_json_or_null(task.stage)},\n      "task": {text(task.task)},\n'
                f'      "when": {text(task.when)},\n      "due": "',
                f'\n      "lead": {lead},\n      "support": {support},\n'
                f'      "units": {units},\n      "status": {statuses[task.status]},\n'
                f'      "done": {done},\n      "notes": {_json_or_null(task.notes)}\n    }}',
            )
        items.append(f'{found[0]}{row.due.isoformat()}",\n      "state": "{states[row.state]}",{found[1]}')
    # one copy of the items joined, not three: a province's report is 28 MB
    items[0] = opening + items[0]
    items[-1] += "\n  ]\n}\n"
    return ",\n".join(items)


def _json_or_null(text: str | None) -> str:
    return "null" if text is None else json.encoder.encode_basestring(text)


def _json_list(texts: Sequence[str]) -> str:
    """A list of strings at the depth of an item's fields, as `indent=2` lays it out."""
    if not texts:
        return "[]"
    return "[\n" + ",\n".join("        " + json.encoder.encode_basestring(t) for t in texts) + "\n      ]"


def headline(rows: Sequence[Milestone], as_of: date, within: int, note: str = "") -> str:
    """`截至 2024-06-01（临近：14 天内）：逾期 23，进行中 40，未到期 95`: every row counted, then `note`."""
    head = f"截至 {as_of}（临近：{within} 天内）：" + "，".join(
        f"{state.label} {n}" for state, n in counts(r.state for r in rows)
    )
    return f"{head}；{note}" if note else head


def scope_note(rows: Sequence[Milestone], listed: Sequence[Milestone], done_since: date | None) -> str:
    """What a report lists beyond what needs action, and what it leaves out, as its header says it:
    `列出 2024-05-25 以来完成 1 项；未列出 进行中 40、未到期 95 项（--all 列出全部）`; empty when it lists all."""
    left = _left_out(rows, listed)
    parts = [f"列出 {done_since} 以来完成 {_count(listed, State.DONE)} 项"] if done_since else []
    if done_since and (undated := undated_done(rows)):
        parts.append(f"未记完成日期 {len(undated)} 项（{first_named(undated)}），无法判断是否在此以来完成，未列出")
    if left:
        parts.append("未列出 " + "、".join(f"{state.label} {n}" for state, n in left) + " 项（--all 列出全部）")
    return "；".join(parts)


def scope_json(rows: Sequence[Milestone], listed: Sequence[Milestone], done_since: date | None) -> dict[str, object]:
    """The scope of a JSON report: `done_since`, and `not_listed` (how many of each state it leaves out)."""
    scope: dict[str, object] = {"done_since": done_since.isoformat()} if done_since else {}
    if done_since and (undated := undated_done(rows)):
        scope["done_undated"] = undated
    if left := _left_out(rows, listed):
        scope["not_listed"] = {state.value: n for state, n in left}
    return scope


UNDATED_NAMED = 10
"""How many tasks done without a day a report's header names by id (it counts them all)."""


def undated_done(rows: Sequence[Milestone]) -> list[str]:
    """The ids of the tasks marked done without the day they were done: `--done-since` cannot place them."""
    return list(dict.fromkeys(r.task.id for r in rows if r.state is State.DONE and not r.task.done))


def first_named(ids: Sequence[str]) -> str:
    """The first `UNDATED_NAMED` of `ids`, and 等 where there are more (the text around them counts them)."""
    return "、".join(ids[:UNDATED_NAMED]) + ("等" if len(ids) > UNDATED_NAMED else "")


def _left_out(rows: Sequence[Milestone], listed: Sequence[Milestone]) -> list[tuple[State, int]]:
    if len(listed) == len(rows):
        return []
    every, shown = [r.state for r in rows], [r.state for r in listed]
    return [(state, n) for state in STATES if (n := every.count(state) - shown.count(state))]


def _count(rows: Sequence[Milestone], state: State) -> int:
    return sum(r.state is state for r in rows)


def state_text(row: Milestone) -> str:
    """The state of a row as a 督办 list shows it: `已完成（2024-05-28）` with the day `schedgen done` recorded."""
    if row.state is not State.DONE:
        return row.state.label
    done = row.item.task.done
    return f"{row.state.label}（{done}）" if done else row.state.label


def report_csv(rows: Sequence[Milestone]) -> bytes:
    """CSV for Excel: UTF-8 with a byte-order mark, so Chinese opens intact; CRLF line ends."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADERS)
    writer.writerows(zip(*_csv_columns(rows), strict=True))
    return ("\ufeff" + out.getvalue()).encode()


def _csv_columns(rows: Sequence[Milestone]) -> list[list[str]]:
    """The cells of `csv_cells` a column at a time, each distinct value made safe once and looked up in C:
    a province's report is 54,000 rows of 12 cells, and most of its columns repeat a few dozen values."""
    tasks = list(map(attrgetter("item.task"), rows))

    def get(name: str) -> list[Any]:
        return list(map(attrgetter(name), tasks))

    return [
        _safe_column(list(map(attrgetter("schedule.title"), rows)), str),
        _safe_column(get("id"), str),
        _safe_column(get("stage"), _or_nothing),
        _safe_column(get("task"), str),
        _safe_column(get("when"), str),
        list(map(date.isoformat, map(attrgetter("due"), rows))),  # digits: nothing to make safe
        list(map(_STATE_LABELS.__getitem__, map(attrgetter("state"), rows))),
        _safe_column(get("lead"), "、".join),
        _safe_column(get("support"), "、".join),
        _safe_column(get("units"), "、".join),
        _safe_column(list(zip(get("status"), get("done"), strict=True)), _progress),
        _safe_column(get("notes"), _or_nothing),
    ]


def _safe_column(values: Sequence[_V], cell: Callable[[_V], str]) -> list[str]:
    """The cell of each of `values`, made safe: each distinct value once."""
    made = {value: safe_cell(cell(value)) for value in set(values)}
    return list(map(made.__getitem__, values))


_V = TypeVar("_V", bound=Hashable)
_STATE_LABELS = {state: state.label for state in State}


def _or_nothing(text: str | None) -> str:
    return text or ""


def _progress(status_done: tuple[Status, date | None]) -> str:
    status, done = status_done
    return f"{status.label}（{done}）" if done else status.label


def csv_cells(row: Milestone) -> tuple[str, ...]:
    """A milestone's cells under `CSV_HEADERS`, as written (the spreadsheet outputs neutralise them)."""
    task = row.task
    return (
        row.schedule.title,
        task.id,
        task.stage or "",
        task.task,
        task.when,
        row.due.isoformat(),
        row.state.label,
        "、".join(task.lead),
        "、".join(task.support),
        "、".join(task.units),
        f"{task.status.label}（{task.done}）" if task.done else task.status.label,
        task.notes or "",
    )


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
"""What makes a spreadsheet read a cell as a formula (OWASP, CSV injection)."""


def safe_cell(text: str) -> str:
    """A text cell a spreadsheet shows as text: a leading quote before a formula's first character."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def report_table(
    rows: Sequence[Milestone], grouped: Grouped, as_of: date, within: int, width: int, note: str = ""
) -> str:
    """The terminal report, a line each: every row counted in the header, then one aligned table per group,
    the task column fitted to `width`; `note` says what the groups leave out."""
    head = headline(rows, as_of, within, note)
    if not rows:
        return head + "无里程碑。\n"
    # one list of lines joined once, not a string per table joined again: a province's report is 19 MB
    lines = [head]
    # `已完成（2024-05-28）` is 20 columns: as wide as that only where a table lists one
    dated = (
        State.DONE in map(_STATE, rows)
        and any(r.task.done for r in rows if r.state is State.DONE)
        and any(m.task.done for _, members in grouped for m in members if m.state is State.DONE)
    )
    fixed = [20 if dated else 6, 10, 28, 24, 16]
    columns = Columns(
        ["状态", "截止日", "时间（原文）", "单位", "计划", "重点任务"],
        [*fixed, max(width - sum(fixed) - 2 * len(fixed), 16)],
    )
    labels = {state: state.label for state in State}
    # a milestone's cells but its unit, worked out once however many units' tables it is in;
    # the plan's id: short, unique, and what names the file on the command line
    shared = {
        id(r): (
            labels[r.state] if r.state is not State.DONE else state_text(r),
            r.due.isoformat(),
            task.when,
            task.named.labels,
            task.named.everyone,
            r.schedule.id,
            task.task,
            f"（{r.schedule.scope}）",
        )
        for r in listed_once(grouped)  # what is listed, not all counted
        for task in (r.item.task,)
    }
    for key, members in grouped:
        state, due, when, roles, everyone, plan, task, place = zip(
            *map(shared.__getitem__, map(id, members)), strict=True
        )
        # across places a unit's table is named with its place (`市农业农村局（安丘市）`), its roles without
        plain = key.removesuffix(place[0])
        if place.count(place[0]) == len(place) and (plain == key or not any(map(contains, roles, repeat(key)))):
            # in C, a row's role or all its units: a province's table has 155,000 rows
            unit: list[str] = list(map(dict.get, roles, repeat(plain), everyone))
        else:
            unit = [
                found.get(key) or found.get(key.removesuffix(where), whole)
                for found, whole, where in zip(roles, everyone, place, strict=True)
            ]
        lines += ["", visible(key), *columns.lines_of((state, due, when, unit, plan, task))]
    if columns.cut:
        lines += ["", CUT_NOTE]
    lines.append("")
    return "\n".join(lines)


CUT_NOTE = "注：以“…”结尾的文字超出列宽而截断，完整文字见 --format md、csv、json 或 html。"
"""Under a terminal report that cut a text to its column: that it did, and where the whole text is."""


_STATE = attrgetter("state")


def listed_once(grouped: Grouped) -> Iterable[Milestone]:
    """Each row of the groups once (a task is in the group of each of its units), found in C."""
    every = list(chain.from_iterable(members for _, members in grouped))
    return dict(zip(map(id, every), every, strict=True)).values()


def report_markdown(grouped: Grouped, as_of: date, within: int, head: str = "") -> str:
    """Markdown to paste into a notice: a heading, `head` (what is counted and left out), a table per group."""
    lines = [f"# 督办清单（截至 {as_of}，临近 {within} 天）", ""] + ([_md(head), ""] if head else [])
    header = "| 状态 | 截止日 | 时间（原文） | 重点任务 | 牵头单位 | 配合单位 | 责任单位 | 计划 | 备注 |"
    # a milestone's line is the same in every group it is listed in, and its task's cells the same for
    # every milestone of the task: each is made once (a province lists 53,000 milestones 155,000 times)
    states = {state: f"**{_md(state.label)}**" if state is State.OVERDUE else _md(state.label) for state in State}
    made: dict[int, str] = {}
    tasks: dict[int, str] = {}
    for r in listed_once(grouped):
        cells = tasks.get(id(r.item))
        if cells is None:
            task = r.task
            lead, support, units = "、".join(task.lead), "、".join(task.support), "、".join(task.units)
            texts = (task.when, task.task, lead, support, units, r.schedule.title, task.notes or "")
            joined = " | ".join(texts)
            # one search for the whole line (most have nothing to escape), not one for each cell
            if _MD_SPECIAL.search("".join(texts)) is not None:
                joined = " | ".join(map(_md, texts))
            cells = tasks[id(r.item)] = joined + " |"
        state = states[r.state] if r.state is not State.DONE else _md(state_text(r))
        made[id(r)] = f"| {state} | {r.due.isoformat()} | {cells}"
    for key, members in grouped:
        lines += [f"## {_md(key)}", "", header, "|---|---|---|---|---|---|---|---|---|"]
        lines += map(made.__getitem__, map(id, members))
        lines.append("")
    return "\n".join(lines)


def _md(text: str) -> str:
    if _MD_SPECIAL.search(text) is None:  # most cells: no search is a tenth of escaping
        return text
    return _MD_MARKS.sub(r"\\\g<0>", html.escape(text.translate(_LINE_BREAKS), quote=False))


_LINE_BREAKS = dict.fromkeys(map(ord, "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"), " ")
"""Every character that ends a line (`str.splitlines`): in a table's cell a space, or the row is cut in two."""
_MD_SPECIAL = re.compile(r"[&<>|\\`*_\[\]" + "".join(map(chr, _LINE_BREAKS)) + "]")
"""What `_md` changes: HTML's special characters, line breaks, and `_MD_MARKS`."""
_MD_MARKS = re.compile(r"[|\\`*_\[\]]")
"""A table's cell separator and the marks of Markdown's links, emphasis and code, each shown as written (a
backslash before it), so that a task's `[报名](http://…)` or `**务必**` is text in the notice, not a link or bold."""
