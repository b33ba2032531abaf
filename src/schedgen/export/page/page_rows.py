"""What the schedule page shows of each row: lines for its template and, for a large plan, the same rows
as columns for the page's script.

A large plan's page is parsed by the browser before its first row is painted, so its data is as small as
JSON allows: one list per field instead of an object per task, and a string that rows share (a time as
written, a unit, a date, a state) written once and named by its index.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypedDict

from schedgen.model import State
from schedgen.view import Axis, Chart, Shape, StageRow, TaskRow


@dataclass(frozen=True)
class Bar:
    """A stage's bar, in percent of the lane."""

    left: float
    width: float


@dataclass(frozen=True)
class MarkBox:
    """A mark on a task's lane, in percent of the lane; `width` None for a mark on a day."""

    shape: str
    state: str
    left: float
    width: float | None
    title: str
    date: str


@dataclass(frozen=True)
class StageLine:
    """A stage's heading row."""

    name: str
    label: str
    bar: Bar | None


@dataclass(frozen=True)
class TaskLine:
    """A task's row; `i` indexes its details."""

    i: int
    no: int
    id: str
    task: str
    when: str
    units: tuple[str, ...]
    """Lead units first."""
    state: State
    marks: tuple[MarkBox, ...]


class Detail(TypedDict):
    """What the page's script shows when a task is clicked (JSON in the page)."""

    id: str
    task: str
    when: str
    stage: str | None
    dates: str
    roles: list[list[str]]
    state: str
    status: str
    notes: str | None
    findings: list[str]


def lines(view: Chart) -> tuple[StageLine | TaskLine, ...]:
    """The chart's rows as the page draws them: stage headings with their bars, tasks with their marks."""
    axis = view.axis
    found: list[StageLine | TaskLine] = []
    index = 0
    for row in view.rows:
        if isinstance(row, StageRow):
            bar = None
            if row.span:
                first, last = max(row.span[0], axis.start), min(row.span[1], axis.end)
                if first <= last:
                    bar = Bar(axis.left(first), axis.width(first, last))
            found.append(StageLine(row.name or "", row.label, bar))
            continue
        task = row.task
        marks = _mark_boxes(row, axis)
        found.append(TaskLine(index, row.number, task.id, task.task, task.when, row.units, row.state, marks))
        index += 1
    return tuple(found)


def _mark_boxes(row: TaskRow, axis: Axis) -> tuple[MarkBox, ...]:
    """The row's marks that fall on the axis, cut to it."""
    boxes = []
    for mark in row.marks:
        state = mark.state.value if mark.state else "ongoing"
        if mark.shape in (Shape.BAR, Shape.BAND):
            first = max(mark.first, axis.start)
            if first <= mark.last and axis.inside(first):
                width = axis.width(first, min(mark.last, axis.end))
                title = f"{mark.first} 至 {mark.last}"
                boxes.append(MarkBox(mark.shape.value, state, axis.left(first), width, title, mark.last.isoformat()))
        elif axis.inside(mark.first):
            # a deadline is done by the end of its day: the mark sits in the middle of the day's column
            left = round(axis.left(mark.first) + 50 / axis.days, 3)
            boxes.append(MarkBox(mark.shape.value, state, left, None, f"截止 {mark.first}", mark.first.isoformat()))
    return tuple(boxes)


def detail(row: TaskRow) -> Detail:
    """What the detail panel says of a task."""
    task = row.task
    return {
        "id": task.id,
        "task": task.task,
        "when": task.when,
        "stage": task.stage,
        "dates": row.dates,
        "roles": [[name, role.label] for name, role in task.roles()],
        "state": row.state.label,
        "status": task.status.label + (f"（{task.done}）" if task.done else ""),
        "notes": task.notes,
        "findings": [f.message for f in row.item.findings],
    }


Flat = list[int | float | None]


class Columns(TypedDict):
    """A large plan's rows for the page's script (`schedule-virtual.js` reads them): a list per field,
    one entry per task; an `int` in a word field indexes `words`."""

    asof: float | None
    words: list[str]
    """The strings the fields name, each once, the most used first."""
    states: dict[str, str]
    """A state's class on the page and its label."""
    stages: list[Flat]
    """Each heading: the task it comes before, its name and label (words), its bar's left and width."""
    id: list[str]
    no: list[int]
    task: list[str]
    when: list[int]
    stage: list[int]
    dates: list[int]
    units: list[list[int]]
    """Each task's units as its row lists them (words)."""
    roles: list[list[int]]
    """Each task's units and their roles (words), in pairs."""
    state: list[int]
    status: list[int]
    notes: dict[str, str]
    """The notes of the tasks that have any, by task index."""
    findings: list[list[int]]
    marks: list[Flat]
    """Each task's marks, six entries each: shape, state, left, width or null, title, date (words but left
    and width)."""


def columns(found: tuple[StageLine | TaskLine, ...], details: tuple[Detail, ...], asof: float | None) -> Columns:
    """The rows `found` with their `details` as columns, the as-of line at `asof` percent of a lane."""
    named: list[str] = []

    def name(text: str) -> int:
        named.append(text)
        return 0

    _columns(found, details, asof, name, [])  # only to learn how often each word is named
    # the most used first: a state or a shape, named by every task, costs one digit each time, not five
    ranked = {text: n for n, (text, _) in enumerate(Counter(named).most_common())}
    return _columns(found, details, asof, ranked.__getitem__, list(ranked))


def _columns(
    found: tuple[StageLine | TaskLine, ...],
    details: tuple[Detail, ...],
    asof: float | None,
    word: Callable[[str], int],
    words: list[str],
) -> Columns:
    tasks: list[TaskLine] = []
    stages: list[Flat] = []
    for line in found:
        if isinstance(line, TaskLine):
            tasks.append(line)
        else:
            left, width = (line.bar.left, line.bar.width) if line.bar else (None, None)
            stages.append([len(tasks), word(line.name), word(line.label), left, width])
    return {
        "asof": asof,
        "states": {state.value: state.label for state in State},
        "stages": stages,
        "id": [line.id for line in tasks],
        "no": [line.no for line in tasks],
        "task": [line.task for line in tasks],
        "when": [word(line.when) for line in tasks],
        "stage": [word(details[line.i]["stage"] or "") for line in tasks],
        "dates": [word(details[line.i]["dates"]) for line in tasks],
        "units": [[word(name) for name in line.units] for line in tasks],
        "roles": [[word(part) for role in details[line.i]["roles"] for part in role] for line in tasks],
        "state": [word(line.state.value) for line in tasks],
        "status": [word(details[line.i]["status"]) for line in tasks],
        "notes": {str(line.i): note for line in tasks if (note := details[line.i]["notes"])},
        "findings": [[word(text) for text in details[line.i]["findings"]] for line in tasks],
        "marks": [[part for mark in line.marks for part in _mark(mark, word)] for line in tasks],
        "words": words,
    }


def _mark(mark: MarkBox, word: Callable[[str], int]) -> Flat:
    return [word(mark.shape), word(mark.state), mark.left, mark.width, word(mark.title), word(mark.date)]
