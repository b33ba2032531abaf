"""What a milestone report reads of a dated plan, in plain tuples: its tasks' texts and units, their due
days, and what decides each milestone's state.

A report over a province reads 500 plans from the cache: their timelines are 550,000 objects (every
task's positions, expressions, timings, findings) and took 0.33 s to load of a report's 1.1-1.5 s; their
digests, kept in the same cache entry before the timeline and read without it, load in 0.12 s.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from itertools import repeat
from operator import itemgetter
from typing import NamedTuple

from schedgen.expression import Every
from schedgen.model import Role, Span, State, Status, Timeline, roles_of

NO_UNIT = "（未写明单位）"
"""The group of tasks that name no unit."""


class UnitRoles(NamedTuple):
    """The units of a task as a 督办 list shows them."""

    groups: tuple[str, ...]
    """The groups the task is listed under when grouped by unit: each of its units, lead first, or `NO_UNIT`."""
    labels: dict[str, str]
    """The role of each unit, in Chinese."""
    everyone: str
    """All its units, lead first."""


@lru_cache(maxsize=1 << 16)
def unit_roles(lead: tuple[str, ...], support: tuple[str, ...], units: tuple[str, ...]) -> UnitRoles:
    """The units of a task with these lead, support and responsible units, as a 督办 list shows them.

    Worked out once for each set of units, and kept in each task's digest: a province's report lists each
    of 50,000 tasks under every unit it names, and its tasks name 21,000 sets.
    """
    roles = roles_of(lead, support, units)
    names = tuple(dict(roles))
    labels = dict(zip(names, map(_ROLE_LABELS.__getitem__, map(itemgetter(1), roles)), strict=True))
    return UnitRoles(names or (NO_UNIT,), labels, "、".join(names))


_ROLE_LABELS = {role: role.label for role in Role}


class TaskDigest(NamedTuple):
    """A task as a report shows it: the fields of `model.Task` it lists, by the same names."""

    id: str
    when: str
    task: str
    stage: str | None
    lead: tuple[str, ...]
    support: tuple[str, ...]
    units: tuple[str, ...]
    status: Status
    done: date | None
    notes: str | None
    named: UnitRoles
    """Its units as a 督办 list shows them."""

    def roles(self) -> tuple[tuple[str, Role], ...]:
        """Every unit with its role, lead first, each unit once."""
        return roles_of(self.lead, self.support, self.units)


class ItemDigest(NamedTuple):
    """A dated task as a report counts it: its due days, and what decides each one's state."""

    task: TaskDigest
    dues: tuple[date, ...]
    """The due day of every occurrence, in order."""
    recurring: bool
    """A recurring duty: a report counts its next occurrence (its last one once the plan window has passed)."""
    started: date | None
    """A span's start: it is in progress from that day."""

    def state(self, due: date, as_of: date, within: int = 14) -> State:
        """The state of the milestone due on `due` as of `as_of`, as `model.Item.state` tells it."""
        status = self.task.status
        if status is Status.DONE:
            return State.DONE
        if status is Status.CANCELLED:
            return State.CANCELLED
        if due < as_of:
            return State.OVERDUE
        if (due - as_of).days <= within:
            return State.DUE
        if self.started is not None and self.started <= as_of:
            return State.IN_PROGRESS
        return State.UPCOMING


class PlanDigest(NamedTuple):
    """A plan as a report reads it: what names it, its stages and unit aliases, and its dated tasks."""

    id: str
    title: str
    path: str
    source: str | None
    scope: str
    """`model.Schedule.scope`, worked out once: a report asks it of every row."""
    stages: tuple[str, ...]
    """The names of its stages, for `--stage`."""
    aliases: tuple[tuple[str, str], ...]
    """Each alias of a unit in its registry, and the unit's name, for `--unit`."""
    items: tuple[ItemDigest, ...]


def digest(timeline: Timeline) -> PlanDigest:
    """What a report reads of `timeline`. Equal days and unit lists of its tasks are one object each, so
    that a cache entry holds each once."""
    schedule = timeline.schedule
    days: dict[date, date] = {}
    names: dict[tuple[str, ...], tuple[str, ...]] = {}

    def one(day: date) -> date:
        return days.setdefault(day, day)

    items = []
    for item in timeline.items:
        task = item.task
        lead, support, units = (names.setdefault(n, n) for n in (task.lead, task.support, task.units))
        shown = TaskDigest(
            task.id,
            task.when,
            task.task,
            task.stage,
            lead,
            support,
            units,
            task.status,
            task.done and one(task.done),
            task.notes,
            unit_roles(lead, support, units),
        )
        started = item.start if isinstance(item.timing, Span) and item.start is not None else None
        dues = tuple(one(o.due) for o in item.occurrences)
        items.append(ItemDigest(shown, dues, isinstance(item.timing, Every), started and one(started)))
    return PlanDigest(
        schedule.id,
        schedule.title,
        schedule.path,
        schedule.source,
        schedule.scope,
        tuple(stage.name for stage in schedule.stages),
        tuple((alias, unit.name) for unit in schedule.units for alias in unit.aliases),
        tuple(items),
    )


Packed = tuple[
    tuple[object, ...],
    tuple[tuple[object, ...], ...],
    tuple[tuple[date, ...], ...],
    tuple[bool, ...],
    tuple[date | None, ...],
]
"""A digest as the cache keeps it: the plan's fields, then its tasks' and items' fields as plain tuples (one
tuple of each field of the items), which `unpacked` makes into digests in C: unpickled as named tuples,
a province's 100,000 took half the time its digests load in."""


def packed(plan: PlanDigest) -> Packed:
    """`plan` as the cache keeps it."""
    items = plan.items
    return (
        tuple(plan[:-1]),
        tuple(tuple(item.task) for item in items),
        tuple(item.dues for item in items),
        tuple(item.recurring for item in items),
        tuple(item.started for item in items),
    )


def unpacked(kept: Packed) -> PlanDigest:
    """The digest `packed` kept; raises ValueError for anything else."""
    head, tasks, dues, recurring, started = kept
    if len(head) != len(PlanDigest._fields) - 1 or set(map(len, tasks)) - {len(TaskDigest._fields)}:
        raise ValueError("not a packed digest")
    shown = map(tuple.__new__, repeat(TaskDigest), tasks)
    items = tuple(map(tuple.__new__, repeat(ItemDigest), zip(shown, dues, recurring, started, strict=True)))
    return tuple.__new__(PlanDigest, (*head, items))
