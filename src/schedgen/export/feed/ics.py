"""iCalendar feeds (RFC 5545, with the RFC 7986 feed properties): a pure `Timeline -> bytes` renderer.

The mapping, chosen for how subscribed calendars behave:

- Deadlines, days, each date of a date list and each occurrence of a recurring duty are all-day
  events (`DTSTART;VALUE=DATE`, exclusive `DTEND`, `TRANSP:TRANSPARENT`) whose summary starts with
  【截止】, so a deadline shows even in clients that drop alarms from subscriptions (Google does).
- A span of up to a week is an all-day event over its days, plus its end as a 【截止】 event of its own;
  a longer one (上半年, 年内, 3月1日至6月30日) is a 【开始】 event on its first day and the 【截止】 event,
  so months of work do not fill every day of a month view (`calendar_spans: days` asks for the days).
- A unit's feed shows at most `CROWDED` deadlines on a day; more are one event that lists them all.
- Ongoing work (长期坚持) has no date of its own and makes no event.
- An event's UID is `schedule-task-occurrence@schedgen`, never a position, so inserting or reordering
  tasks leaves every other UID alone. `SEQUENCE`, `LAST-MODIFIED` and `DTSTAMP` come from a small
  state kept beside the schedules: they move only when an event's content changes.
- No iTIP `METHOD`: a published feed is not a scheduling message.

The writer is small on purpose: events are rendered once and shared by the schedule feed, each unit's
feed and the combined feed, which keeps 10,000 tasks and 500 units well inside a few seconds.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from schedgen import __version__
from schedgen.expression import Ongoing
from schedgen.model import Deadline, Item, Reminder, Role, Span, Stamp, Status, Timeline

PRODID = f"-//schedgen//schedgen {__version__}//ZH"
REFRESH = "PT6H"
DEFAULT_REMINDERS = (Reminder.parse("7d"), Reminder.parse("1d"))
WEEKDAYS = "一二三四五六日"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029]")
WEEK_SPAN = 7
"""The longest span drawn over its days; a longer one is its start and its end."""
CROWDED = 5
"""The most deadlines a unit's feed shows apart on one day: a month view shows about five events in a
day's cell and hides the rest behind "+N", so a sixth makes the day one event that lists them all."""


FeedState = dict[str, Stamp]


@dataclass(frozen=True)
class Event:
    """One VEVENT, rendered but for its stamp lines.

    `summaries` holds its SUMMARY: under None as the schedule feed shows it, and under each role as a
    unit's feed shows it (【截止】【牵头】…); the DESCRIPTION lists every unit with its role, so it is
    shared. `roles` gives each unit's role. A unit's feed shows the event under a UID of its own
    (`<uid>.<unit slug>@schedgen`): clients that merge calendars by UID must never meet one UID with
    two contents.
    """

    uid: str
    digest: str
    dates: str
    summaries: Mapping[Role | None, str]
    tail: str
    roles: Mapping[str, Role]
    day: date | None = None
    """The one day the event shows (a deadline's or a start's); None for a span over several."""
    short: str = ""
    mark: str = ""
    alarmed: bool = False
    """Whether it rings: a deadline of a task not done or cancelled."""
    detail: str = ""
    """What a crowded day's event says of it under its line: the task's whole text where the title cuts it,
    its stage, its time as written and its notes, which the day's one event would otherwise leave out."""

    def render(self, stamp: Stamp, unit: str | None = None, slug: str | None = None) -> str:
        """The folded VEVENT text, for the schedule's feed or for one unit's (named with its feed slug)."""
        uid = self.uid if unit is None else self.uid.replace("@", f".{slug}@", 1)
        stamp_lines = f"DTSTAMP:{stamp.modified}\r\nLAST-MODIFIED:{stamp.modified}\r\nSEQUENCE:{stamp.sequence}\r\n"
        summary = self.summaries[self.roles[unit] if unit else None]
        return "BEGIN:VEVENT\r\n" + prop("UID", uid) + self.dates + stamp_lines + summary + self.tail


def escape(value: str) -> str:
    """A TEXT value: control characters dropped, line breaks unified, `\\ ; , newline` escaped."""
    value = _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """A content line folded at 75 octets, never inside a UTF-8 character or a backslash escape."""
    raw = line.encode()
    if len(raw) <= 75:
        return line + "\r\n"
    parts = []
    start, limit = 0, 75
    while len(raw) - start > limit:
        cut = start + limit
        while raw[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: cut before its character
            cut -= 1
        run = cut
        while run > start and raw[run - 1] == 0x5C:
            run -= 1
        if (cut - run) % 2 and (cut - start) > 1:  # an odd run of `\` ends in an escape's first half
            cut -= 1
        parts.append(raw[start:cut])
        start, limit = cut, 74  # a continuation line starts with a space
    parts.append(raw[start:])
    return b"\r\n ".join(parts).decode() + "\r\n"


def prop(name: str, value: str) -> str:
    """`NAME:value`, folded."""
    return fold(f"{name}:{value}")


def events(timeline: Timeline, reminders: Sequence[Reminder]) -> list[Event]:
    """Every event of a timeline, in the timeline's order."""
    found: list[Event] = []
    every_day = timeline.schedule.calendar_spans == "days"
    for item in timeline.items:
        if isinstance(item.timing, Ongoing):
            continue
        text = _TaskText.of(timeline, item, reminders)
        if isinstance(item.timing, Span) and item.start is not None and item.end is not None:
            days = [f"时段：{_day(item.start)} 至 {_day(item.end)}"]
            if every_day or (item.end - item.start).days < WEEK_SPAN:
                found.append(text.event("span", item.start, item.end, days))
            else:
                found.append(text.event("start", item.start, item.start, days))
        for occ in item.occurrences:
            lines = [f"截止日：{_day(occ.due)}"]
            if occ.planned is not None:
                lines.append(f"原定：{_day(occ.planned)}，遇节假日{'顺延' if occ.due > occ.planned else '提前'}")
            # the task's own findings (words of its time not read, last year's done not carried) with each day's
            lines.extend(f"提示：{f.message}" for f in item.findings if f.day is None or f.day == occ.due)
            found.append(text.event(occ.key, occ.due, occ.due, lines))
    return found


def stamps(found: Iterable[Event], state: Mapping[str, Stamp], now: datetime) -> FeedState:
    """The stamp of every event: kept when its digest is unchanged, else SEQUENCE + 1 and now.

    `now` enters from the command line; an unchanged schedule never reads it, which is what makes
    rebuilds byte-identical.
    """
    clock = now.astimezone(timezone.utc).replace(microsecond=0)
    result: FeedState = {}
    for event in found:
        old = state.get(event.uid)
        if old is not None and old.digest == event.digest:
            result[event.uid] = old
            continue
        when = clock
        if old is not None:
            before = datetime.strptime(old.modified + "+0000", "%Y%m%dT%H%M%SZ%z")
            when = max(clock, before + timedelta(seconds=1))
        sequence = old.sequence + 1 if old is not None else 0
        result[event.uid] = Stamp(event.digest, sequence, when.strftime("%Y%m%dT%H%M%SZ"))
    return result


def calendar(name: str, description: str, body: Iterable[str]) -> bytes:
    """A VCALENDAR around rendered events, with the properties subscribing clients read."""
    head = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
        + prop("PRODID", PRODID)
        + "CALSCALE:GREGORIAN\r\n"
        + prop("NAME", escape(name))
        + prop("X-WR-CALNAME", escape(name))
        + prop("DESCRIPTION", escape(description))
        + prop("X-WR-CALDESC", escape(description))
        + "X-WR-TIMEZONE:Asia/Shanghai\r\n"
        + f"REFRESH-INTERVAL;VALUE=DURATION:{REFRESH}\r\nX-PUBLISHED-TTL:{REFRESH}\r\n"
    )
    return (head + "".join(body) + "END:VCALENDAR\r\n").encode()


def schedule_feed(timeline: Timeline, found: Sequence[Event], state: Mapping[str, Stamp]) -> bytes:
    """The feed of every task of one schedule."""
    schedule = timeline.schedule
    description = f"{schedule.title}：全部任务的截止日与时段" + (f"（{schedule.source}）" if schedule.source else "")
    return calendar(schedule.title, description, (e.render(state[e.uid]) for e in found))


def by_unit(found: Iterable[Event], timeline: Timeline, reminders: Sequence[Reminder]) -> dict[str, list[Event]]:
    """The events of each unit, in feed order; a day with more than `CROWDED` of its deadlines and
    starts is one event listing them, where the first of them stood."""
    schedule = timeline.schedule
    # a plan rolled to another year names its days apart from the plan year's
    rolled = "" if timeline.year == schedule.year else f"{timeline.year}-"
    return {
        unit: crowded(unit, mine, f"{schedule.id}-{rolled}", f"{unit}在《{schedule.title}》中", reminders)
        for unit, mine in of_units(found).items()
    }


def of_units(found: Iterable[Event]) -> dict[str, list[Event]]:
    """The events of each unit, in feed order, every one apart."""
    index: dict[str, list[Event]] = {}
    for event in found:
        for unit in event.roles:
            index.setdefault(unit, []).append(event)
    return index


FINISHED = {Status.DONE: "【已完成】", Status.CANCELLED: "【已取消】"}
"""The mark that begins the title of a done or cancelled task's event, in place of 【截止】 or 【开始】."""


def crowded(
    unit: str, mine: Sequence[Event], uid_prefix: str, whose: str, reminders: Sequence[Reminder]
) -> list[Event]:
    """A unit's events (`mine`), each day with more than `CROWDED` deadlines and starts one event that
    lists them (`whose` tasks: 某单位在《计划》中), with a UID of `uid_prefix`, the day and the unit."""
    on: dict[date, list[Event]] = {}
    for event in mine:
        if event.day is not None:
            on.setdefault(event.day, []).append(event)
    days = {day: due for day, due in on.items() if len(due) > CROWDED}
    if not days:
        return list(mine)
    # each day's events gathered once: a province's units have thousands of crowded days
    shown: list[Event] = []
    for event in mine:
        due = days.get(event.day) if event.day is not None else None
        if due is None:
            shown.append(event)
        elif due[0] is event:
            shown.append(_day_event(unit, due, uid_prefix, whose, reminders))
    return shown


def _day_event(unit: str, due: Sequence[Event], uid_prefix: str, whose: str, reminders: Sequence[Reminder]) -> Event:
    """One event for the deadlines and starts (`due`) a unit has on one day, each named with its mark and
    the unit's role in it."""
    day = due[0].day
    assert day is not None  # `crowded` gathers only the events of one day
    # the unit's name is in the UID before its slug is: the ledger keeps one stamp per unit's day
    uid = f"{uid_prefix}{day:%Y%m%d}-{hashlib.sha1(unit.encode()).hexdigest()[:8]}@schedgen"
    deadlines = sum(e.mark != "【开始】" for e in due)
    what = "到期" if deadlines == len(due) else "开始" if not deadlines else "到期或开始"
    mark = "【截止】" if deadlines == len(due) else "【开始】" if not deadlines else "【截止·开始】"
    # a month view shows only the title: it names a task still to do, and how many are, where some are done
    open_ = [e for e in due if e.mark not in FINISHED.values()]
    tally = f"（{len(open_)} 项未完成）" if open_ and len(open_) < len(due) else ""
    summary = prop("SUMMARY", escape(f"{mark}{len(due)} 项任务{tally}：{(open_ or due)[0].short} 等"))
    listed = [f"{n}. {e.mark}【{e.roles[unit].label[:2]}】{e.short}{e.detail}" for n, e in enumerate(due, 1)]
    text = [f"{whose} {_day(day)} {what}的 {len(due)} 项任务：", *listed]
    text.append(f"（同一天的任务多于 {CROWDED} 项，合为一项，以免月视图只显示其中几项）")
    dates = due[0].dates
    alarms = ""
    if ringing := sum(e.alarmed for e in due):  # a done or cancelled task's deadline rings for no one
        alarm_text = prop("DESCRIPTION", escape(f"【截止】{ringing} 项任务未完成"))
        alarms = "".join(
            f"BEGIN:VALARM\r\nACTION:DISPLAY\r\n{alarm_text}TRIGGER:{trigger}\r\nEND:VALARM\r\n"
            for trigger in _triggers(reminders)
        )
    tail = prop("DESCRIPTION", escape("\n".join(text))) + "TRANSP:TRANSPARENT\r\n" + alarms + "END:VEVENT\r\n"
    digest = hashlib.sha1(("BEGIN:VEVENT\r\n" + prop("UID", uid) + dates + summary + tail).encode())
    role = due[0].roles[unit]
    return Event(uid, digest.hexdigest(), dates, {None: summary, role: summary}, tail, {unit: role}, day)


def unit_feed(
    unit: str, slug: str, title: str, mine: Sequence[Event], state: Mapping[str, Stamp], contact: str | None = None
) -> bytes:
    """The feed of one responsible unit in one plan: only its tasks (`mine`), each saying the unit's role; its
    description names the unit's `contact` where the plan's registry gives one."""
    description = f"{unit}在《{title}》中牵头、配合或负责的任务" + _contact(contact)
    return calendar(f"{unit} · {title}", description, (e.render(state[e.uid], unit, slug) for e in mine))


def org_unit_feed(
    unit: str, slug: str, org: str, mine: Sequence[Event], state: Mapping[str, Stamp], contact: str | None = None
) -> bytes:
    """The feed of one responsible unit across every plan of its org, with the same events as the plans' feeds."""
    description = f"{unit}在{org}各项计划中牵头、配合或负责的任务" + _contact(contact)
    return calendar(f"{unit} · {org}", description, (e.render(state[e.uid], unit, slug) for e in mine))


def _contact(contact: str | None) -> str:
    return f"；联系方式：{contact}" if contact else ""


def combined_feed(name: str, parts: Sequence[tuple[Sequence[Event], Mapping[str, Stamp]]]) -> bytes:
    """One feed of several schedules."""
    return calendar(name, "所有计划的全部任务", (e.render(state[e.uid]) for found, state in parts for e in found))


@dataclass(frozen=True)
class _TaskText:
    """What every event of one task shares, rendered once per task rather than once per event."""

    uid_prefix: str
    short: str
    deadline_mark: str
    head_lines: str
    tail_lines: str
    roles: dict[str, Role]
    closing: str
    alarms: str
    still_open: bool
    detail: str

    @classmethod
    def of(cls, timeline: Timeline, item: Item, reminders: Sequence[Reminder]) -> _TaskText:
        schedule, task = timeline.schedule, item.task
        mark = "【截止】"
        if isinstance(item.timing, Deadline) and item.timing.at is not None:
            mark = f"【截止 {item.timing.at:%H:%M}】"
        mark = FINISHED.get(task.status, mark)
        roles = dict(task.roles())
        head = [task.task, "", f"计划：{schedule.title}"]
        if task.stage:
            head.append(f"阶段：{task.stage}")
        head.append(f"时间（原文）：{task.when}")
        tail = [
            f"{role.label}：{'、'.join(n for n, r in roles.items() if r is role)}"
            for role in Role
            if role in roles.values()
        ]
        tail.append("状态：" + task.status.label + (f"（{task.done}）" if task.done else ""))
        if task.notes:
            tail.append(f"备注：{task.notes}")
        if schedule.source:
            tail.append(f"出处：{schedule.source}")
        short = _short(task.task)
        closing = (
            (prop("CATEGORIES", escape(task.stage)) if task.stage else "")
            + "TRANSP:TRANSPARENT\r\n"
            + ("STATUS:CANCELLED\r\n" if task.status is Status.CANCELLED else "")
        )
        alarms = ""
        if task.status not in (Status.DONE, Status.CANCELLED):
            alarm_text = prop("DESCRIPTION", escape(mark + short))
            alarms = "".join(
                f"BEGIN:VALARM\r\nACTION:DISPLAY\r\n{alarm_text}TRIGGER:{trigger}\r\nEND:VALARM\r\n"
                for trigger in _triggers(reminders)
            )
        # a plan rolled to another year publishes new events beside the plan year's, never moves them
        rolled = "" if timeline.year == schedule.year else f"{timeline.year}-"
        prefix = f"{schedule.id}-{rolled}{task.id}-"
        still_open = task.status not in (Status.DONE, Status.CANCELLED)
        detail = [f"全文：{task.task}"] if short != task.task else []
        detail += [f"阶段：{task.stage}"] if task.stage else []
        detail.append(f"时间（原文）：{task.when}")
        detail += [f"备注：{task.notes}"] if task.notes else []
        listed = "".join(f"\n   {line}" for line in detail)
        return cls(prefix, short, mark, "\n".join(head), "\n".join(tail), roles, closing, alarms, still_open, listed)

    def event(self, key: str, first: date, last: date, dated: list[str]) -> Event:
        """The event `key` (a span, or one due day with its alarms) of this task."""
        uid = f"{self.uid_prefix}{key}@schedgen"
        deadline = key not in ("span", "start")
        mark = self.deadline_mark if deadline else "【开始】" if key == "start" else ""
        dates = f"DTSTART;VALUE=DATE:{first:%Y%m%d}\r\nDTEND;VALUE=DATE:{last + timedelta(days=1):%Y%m%d}\r\n"
        description = prop("DESCRIPTION", escape("\n".join([self.head_lines, *dated, self.tail_lines])))
        summaries: dict[Role | None, str] = {None: prop("SUMMARY", escape(mark + self.short))}
        for role in Role:
            if role in self.roles.values():
                summaries[role] = prop("SUMMARY", escape(f"{mark}【{role.label[:2]}】{self.short}"))
        tail = description + self.closing + (self.alarms if deadline else "") + "END:VEVENT\r\n"
        digest = hashlib.sha1(("BEGIN:VEVENT\r\n" + prop("UID", uid) + dates + summaries[None] + tail).encode())
        alarmed = deadline and self.still_open
        day = first if first == last else None
        return Event(
            uid, digest.hexdigest(), dates, summaries, tail, self.roles, day, self.short, mark, alarmed, self.detail
        )


def _triggers(reminders: Sequence[Reminder]) -> list[str]:
    """Each moment the reminders ring, once: `[7d, 7d]`, or `7d` and `168h`, is one alarm, not two at one time."""
    return list(dict.fromkeys(r.trigger for r in reminders))


def _short(text: str, limit: int = 48) -> str:
    first = text.strip().splitlines()[0] if text.strip() else text
    return first if len(first) <= limit else first[: limit - 1] + "…"


def _day(day: date) -> str:
    return f"{day.isoformat()}（星期{WEEKDAYS[day.weekday()]}）"
