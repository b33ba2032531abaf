"""The feeds of a built site: per plan, per unit of a plan, per unit of an org, and all plans in one."""

from __future__ import annotations

import re
from collections import ChainMap
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date, datetime
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING

from schedgen import feedstate
from schedgen.commands.parts import Made, Part, content_key, digest
from schedgen.errors import Diagnostic, LoadError
from schedgen.files import RECORDS, Spliced, json_bytes
from schedgen.i18n import _
from schedgen.model import Reminder, Stamp
from schedgen.plans import Plan, PlanFacts
from schedgen.units import not_reserved, slugify, unit_slugs

if TYPE_CHECKING:
    from schedgen.export.feed.ics import Event, FeedState


class Slugs:
    """The feed slug of each unit the plans name, worked out (by pypinyin, a second to import) only when
    a file that shows one is rendered, or taken from the last build when the units are the same; `key`
    is what they are made of, for the keys of those files.

    A slug a plan gives a unit (`units: {市财政局: {slug: czj}}`) is that unit's address in the plan and,
    for a plan of an org, across the org's plans; other units' slugs come from their names. A slug
    given to two units, a unit given two slugs within one org, and two orgs whose names make one
    folder are refused with the positions of both: one feed file would hold, or lose, another's tasks.
    """

    def __init__(
        self, plans: Sequence[PlanFacts], stored: object = None, damaged: Callable[[str], None] = lambda _: None
    ) -> None:
        self.plans = plans
        self.names = names = sorted({name for plan in plans for name in plan.named})
        given = [(plan.org, unit.name, unit.slug) for plan in plans for unit in plan.registry if unit.slug]
        orgs = sorted({plan.org for plan in plans if plan.org})
        self.key = content_key("slugs", names, given, orgs)
        _refuse_given_clashes(plans)
        self._org_given: dict[str, dict[str, str]] = {}
        for org, name, slug in given:
            if org and slug:
                self._org_given.setdefault(org, {})[name] = slug
        self._stored = _trusted(stored, self.key, names, orgs, damaged)

    @cached_property
    def of(self) -> dict[str, str]:
        """Each unit's slug, by its name, where no plan of its own or of its org gives one."""
        if self._stored is not None:
            return self._stored[0]
        return unit_slugs(self.names, [unit for plan in self.plans for unit in plan.registry])

    @cached_property
    def orgs(self) -> dict[str, str]:
        """Each org's slug, the folder of its feeds (`orgs/<slug>/`); two orgs that make one are refused."""
        if self._stored is not None:
            return self._stored[1]
        found: dict[str, str] = {}
        firsts: dict[str, tuple[str, str]] = {}  # slug -> the org that makes it, and the file that names it first
        problems: list[Diagnostic] = []
        for plan in self.plans:
            if not plan.org or plan.org in found:
                continue
            found[plan.org] = slug = slugify(plan.org)
            other, path = firsts.setdefault(slug, (plan.org, plan.path))
            if other != plan.org:
                there = located(path, ("org",), "").position
                problems.append(
                    located(
                        plan.path,
                        ("org",),
                        _(
                            "org `{org}` publishes its feeds to orgs/{slug}/, as org `{other}` at "
                            "{there} does; one org's feeds would overwrite the other's: write one "
                            "org's name alike in every plan, or give two orgs names that differ"
                        ).format(org=plan.org, slug=slug, other=other, there=there),
                    )
                )
        if problems:
            raise LoadError(_("{count} org(s) clash").format(count=len(problems)), tuple(problems))
        return found

    def in_plan(self, plan: PlanFacts) -> Mapping[str, str]:
        """The slugs of the units' feeds in one plan: its own, else its org's, else the common ones."""
        own = {unit.name: unit.slug for unit in plan.registry if unit.slug}
        return ChainMap(own, self._org_given.get(plan.org or "", {}), self.of)

    def in_org(self, org: str) -> Mapping[str, str]:
        """The slugs of the units' feeds across the plans of `org`."""
        return ChainMap(self._org_given.get(org, {}), self.of)

    def record(self) -> dict[str, object] | None:
        """What a build keeps for the next one to start from: the slugs, when they were worked out or kept."""
        if self._stored is not None:
            return {"key": self.key, "slugs": self._stored[0], "orgs": self._stored[1]}
        if "of" not in self.__dict__:
            return None
        return {"key": self.key, "slugs": self.of, "orgs": self.orgs}  # pypinyin, which slugs orgs, is loaded


def _refuse_given_clashes(plans: Sequence[PlanFacts]) -> None:
    """Refuse, with both positions, a slug given to two units, and a unit given two slugs by plans of one org."""
    owners: dict[str, tuple[str, str]] = {}  # slug -> the unit given it first, and that file
    in_org: dict[tuple[str, str], tuple[str, str]] = {}  # (org, unit) -> its slug, and the file that gives it
    problems: list[Diagnostic] = []
    for plan in plans:
        for unit in plan.registry:
            if not unit.slug:
                continue
            where = ("units", unit.name, "slug")
            owner, path = owners.setdefault(unit.slug, (unit.name, plan.path))
            if owner != unit.name:
                there = located(path, ("units", owner, "slug"), "").position
                problems.append(
                    located(
                        plan.path,
                        where,
                        _(
                            "slug `{slug}` of `{name}` is also the slug of `{owner}` at {there}; one "
                            "feed file would hold both units' tasks: give each unit its own"
                        ).format(slug=unit.slug, name=unit.name, owner=owner, there=there),
                    )
                )
            if plan.org:
                slug, path = in_org.setdefault((plan.org, unit.name), (unit.slug, plan.path))
                if slug != unit.slug:
                    there = located(path, where, "").position
                    problems.append(
                        located(
                            plan.path,
                            where,
                            _(
                                "`{name}` has slug `{slug}` here and `{slug2}` at {there}, in "
                                "another plan of {org}; its feed across the org's plans has one "
                                "address: give it one slug"
                            ).format(name=unit.name, slug=unit.slug, slug2=slug, there=there, org=plan.org),
                        )
                    )
    if problems:
        raise LoadError(_("{count} slug clash(es) across schedule files").format(count=len(problems)), tuple(problems))


def located(path: str, where: tuple[str, ...], message: str) -> Diagnostic:
    """`message` at the value `where` names in a schedule file (see `load.located`), read only for an error."""
    from schedgen.load import located as at

    return at(path, where, message)


class SlugsOf(Mapping[str, str]):
    """The slugs of some units in one plan, worked out with all the others when first read; sent to a worker
    process as the plain dict of their slugs, not the plans of the whole site they are worked out from."""

    def __init__(self, slugs: Slugs, names: Sequence[str], plan: PlanFacts) -> None:
        self.slugs, self.names, self.plan = slugs, names, plan

    def __getitem__(self, name: str) -> str:
        return self.slugs.in_plan(self.plan)[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)

    def __reduce__(self) -> tuple[type[dict[str, str]], tuple[dict[str, str]]]:
        return dict, ({name: self[name] for name in self.names},)


def _trusted(
    stored: object, key: str, names: Sequence[str], orgs: Sequence[str], damaged: Callable[[str], None]
) -> tuple[dict[str, str], dict[str, str]] | None:
    """The unit and org slugs a previous build kept, when they are of these units and orgs and each can only
    name a file; `damaged` is told why a record of these units is not used."""
    if stored is None:
        return None
    if not (isinstance(stored, dict) and isinstance(stored.get("key"), str)):
        damaged(_("not a record of slugs"))
        return None
    if stored["key"] != key:
        return None  # the units changed since: their slugs are worked out again
    kept = []
    for part, wanted in (("slugs", names), ("orgs", orgs)):
        slugs = stored.get(part)
        if not isinstance(slugs, dict) or sorted(slugs) != list(wanted) or len(set(slugs.values())) != len(slugs):
            damaged(
                _("not one slug for each of the units") if part == "slugs" else _("not one slug for each of the orgs")
            )
            return None
        if not all(isinstance(s, str) and _SLUG.fullmatch(s) and not_reserved(s) == s for s in slugs.values()):
            damaged(_("a slug that is not a safe file name"))
            return None
        kept.append({str(name): str(slug) for name, slug in slugs.items()})
    return kept[0], kept[1]


_SLUG = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?")


class PlanFeeds:
    """One plan's events and their stamps from the ledger, made only when a feed that holds them is rendered."""

    def __init__(
        self,
        plan: Plan,
        reminders: Sequence[Reminder],
        ledger: bytes | None,
        where: Path,
        now: datetime,
        warn: Callable[[str], None] = lambda _: None,
    ) -> None:
        self.plan, self.reminders, self.ledger, self.where, self.now = plan, reminders, ledger, where, now
        self.warn = warn

    @cached_property
    def events(self) -> list[Event]:
        """Every event of the plan, in its order."""
        from schedgen.export.feed import ics

        return ics.events(self.plan.timeline, self.reminders)

    @cached_property
    def stamps(self) -> FeedState:
        """Every event's stamp: kept from the ledger when the event is unchanged, else new as of `now`."""
        from schedgen.export.feed import ics

        every = {e.uid: e for e in self.events}
        for events in self.units.values():  # and each unit's crowded days, one event each
            for event in events:
                every.setdefault(event.uid, event)
        return ics.stamps(every.values(), feedstate.decode(self.ledger, self.where, self.warn), self.now)

    @cached_property
    def units(self) -> dict[str, list[Event]]:
        """The events of each unit the plan names, for its unit feeds."""
        from schedgen.export.feed import ics

        return dict(sorted(ics.by_unit(self.events, self.plan.timeline, self.reminders).items()))

    @cached_property
    def apart(self) -> dict[str, list[Event]]:
        """The events of each unit the plan names, every one apart: an org's feed of the unit gathers its
        crowded days across the org's plans."""
        from schedgen.export.feed import ics

        return ics.of_units(self.events)

    def release(self) -> None:
        """Let go of the plan's events once its own feeds are taken, keeping the stamps: a province's events
        were most of a build's memory (0.7 MB a plan of 100 tasks, 370 MB for 500 held to the end), and only
        the feeds of the plan's org need them again, so a plan of an org keeps them. What is asked for again
        (`all.ics` with no staged feed to take its events from, the unit index with no record of the plan's
        unit feeds) is made again, the same events."""
        dropped = ("units",) if self.plan.facts.org else ("units", "events", "apart")
        for name in dropped:
            self.__dict__.pop(name, None)


def feeds(
    found: Sequence[Plan],
    ledger_folder: Path,
    ledgers: dict[str, bytes],
    *,
    now: datetime,
    reminders: Sequence[Reminder] | None = None,
    previous: Mapping[str, Made] | None = None,
    slugs: Slugs | None = None,
    warn: Callable[[str], None] = lambda _: None,
    made_now: Mapping[str, Made] | None = None,
    staged: Callable[[str], str | None] = lambda _: None,
    all_before: Callable[[], tuple[str, dict[str, tuple[str, int, int]]] | None] = lambda: None,
) -> Iterator[Part]:
    """Every feed of the plans: per schedule, per unit of a schedule, per unit of an org, and all in one.

    There is no unit feed across orgs: plans of different cities name different bodies alike (安丘's
    市财政局 is not 海东's). A plan's feeds are one part, keyed by the plan and by the ledger its stamps
    come from. A ledger written by the build that rendered the same plan's feeds gives them back
    byte for byte, events and stamps alike, so those are reused without making a single event; any
    other ledger (none yet, edited, another build's) stamps the events first and keys them by the
    ledger that makes. Each schedule's new ledger, the stamps of exactly the events built, goes into
    `ledgers`. A damaged ledger is read as none, and `warn` told so.

    The parts are made one after another, each taken (rendered or reused) before the next is asked for:
    `all.ics` then holds each plan's feed as `staged` gives it (a file as this build publishes it), or, while
    unchanged, as the published `all.ics` holds it (`all_before`, see `_all_feed`), and the unit index is
    keyed by the unit feeds each plan has in `made_now` (what this build has taken so far), so that one
    edited plan does not make the events of every other again.
    """
    from schedgen.export.feed import ics

    previous = previous or {}
    slugs = slugs if slugs is not None else Slugs([plan.facts for plan in found])
    made: list[tuple[PlanFeeds, str]] = []
    for plan in found:
        sid = plan.id
        chosen = reminders if reminders is not None else (plan.facts.reminders or ics.DEFAULT_REMINDERS)
        ledger = feedstate.read_bytes(ledger_folder, sid)
        mine = PlanFeeds(plan, chosen, ledger, ledger_folder / f"{sid}.json", now, warn)
        made_of = ("feeds", plan.key, chosen, slugs.key)
        key = content_key(*made_of, digest(mine.ledger))
        before = previous.get(f"{sid}/feeds")
        if mine.ledger is not None and before is not None and before.key == key:
            ledgers[sid] = mine.ledger
        else:
            ledgers[sid] = feedstate.encode(mine.stamps)
            key = content_key(*made_of, digest(ledgers[sid]))
        made.append((mine, key))
        yield Part(f"{sid}/feeds", partial(_plan_feeds, mine, slugs), key)
        mine.release()  # taken: its events are in its feed files now
    orgs: dict[str, list[tuple[PlanFeeds, str]]] = {}
    for mine, key in made:
        if mine.plan.facts.org:
            orgs.setdefault(mine.plan.facts.org, []).append((mine, key))
    for org, members in sorted(orgs.items()):
        key = content_key("org feeds", org, [key for _, key in members])
        yield Part(f"orgs/{org}/units", partial(_org_feeds, org, [m for m, _ in members], slugs), key)
    every = [key for _, key in made]
    yield Part("all.ics", partial(_all_feed, made, staged, all_before), content_key("all feeds", every))
    taken = made_now or {}
    plans = [m for m, _ in made]
    feed_files = [_unit_feed_files(m, taken) for m in plans]
    key = content_key("unit index", [(m.plan.facts.org, f) for m, f in zip(plans, feed_files, strict=True)])
    yield Part("units.json", partial(_unit_index, plans, slugs, feed_files), content_key(key, slugs.key))


def _unit_feed_files(mine: PlanFeeds, taken: Mapping[str, Made]) -> tuple[str, ...] | None:
    """The unit feeds of a plan as this build took them (`<id>/units/<slug>.ics`), or None when not known."""
    sid = mine.plan.id
    part = taken.get(f"{sid}/feeds")
    if part is None:
        return None
    return tuple(sorted(f for f in part.files if f.startswith(f"{sid}/units/")))


def _plan_feeds(mine: PlanFeeds, units: Slugs) -> dict[str, bytes]:
    """`<id>/<id>.ics` and `<id>/units/<slug>.ics` for each unit of the plan."""
    from schedgen.export.feed import ics

    slugs = units.in_plan(mine.plan.facts)
    timeline, stamps = mine.plan.timeline, mine.stamps
    sid, title = timeline.schedule.id, timeline.schedule.title
    files = {f"{sid}/{sid}.ics": ics.schedule_feed(timeline, mine.events, stamps)}
    contacts = {unit.name: unit.contact for unit in mine.plan.facts.registry if unit.contact}
    for name, events in mine.units.items():
        feed = ics.unit_feed(name, slugs[name], title, events, stamps, contacts.get(name))
        files[f"{sid}/units/{slugs[name]}.ics"] = feed
    return files


def _org_feeds(org: str, members: Sequence[PlanFeeds], units: Slugs) -> dict[str, bytes]:
    """`orgs/<org>/units/<slug>.ics`: each unit's events in every plan of the org."""
    from schedgen.export.feed import ics

    slugs = units.in_org(org)
    across: dict[str, list[Event]] = {}
    stamped: FeedState = {}
    for mine in members:
        stamped.update(mine.stamps)
        for name, events in mine.apart.items():
            across.setdefault(name, []).extend(events)
    reminders = tuple(dict.fromkeys(r for mine in members for r in mine.reminders))
    # the org's one registry: a unit's contact as the first of its plans that gives one gives it
    contacts: dict[str, str] = {}
    for mine in members:
        for unit in mine.plan.facts.registry:
            if unit.contact:
                contacts.setdefault(unit.name, unit.contact)
    files = {}
    for name, events in sorted(across.items()):
        # four deadlines a day in each of two plans are eight in the org's feed: its crowded days are its own
        # (`org.` cannot begin a schedule's id), stamped as the latest of the events they list, which a
        # rebuild of unchanged plans keeps
        shown = ics.crowded(name, events, f"org.{units.orgs[org]}.", f"{name}在{org}各项计划中", reminders)
        on: dict[date | None, list[Stamp]] = {}
        for event in events:
            on.setdefault(event.day, []).append(stamped[event.uid])
        for event in shown:
            if event.uid not in stamped:
                listed = on[event.day]
                latest = max(listed, key=lambda stamp: (stamp.modified, stamp.sequence))
                stamped[event.uid] = Stamp(event.digest, max(s.sequence for s in listed), latest.modified)
        feed = ics.org_unit_feed(name, slugs[name], org, shown, stamped, contacts.get(name))
        files[f"orgs/{units.orgs[org]}/units/{slugs[name]}.ics"] = feed
    return files


def _all_feed(
    made: Sequence[tuple[PlanFeeds, str]],
    staged: Callable[[str], str | None],
    before: Callable[[], tuple[str, dict[str, tuple[str, int, int]]] | None],
) -> dict[str, bytes | Spliced]:
    """`all.ics`, plan by plan, and where each plan's events lie in it (ALL_LAYOUT), for the next build.

    A plan's events are the ones its own feed holds, byte for byte (the same events, the same stamps). Those
    of a plan whose feeds are unchanged (the same key) are taken from the published `all.ics` (`before`: its
    path and each plan's key and range, while it is the file the last build left), copied by the kernel: a
    province's feed is 200 MB, of which an edit changes one plan's. Any other plan's come from its feed as
    this build publishes it (`staged`: its path), as a range of that file, and are rendered only where that
    cannot be had. Made as one text first, a province's feed took several times its size in memory at the
    build's peak; held as its plans' bytes, 180 MB of it."""
    from schedgen.export.feed import ics

    end = b"END:VCALENDAR\r\n"
    head = ics.calendar("全部计划", "所有计划的全部任务", ()).removesuffix(end)
    published, ranges = before() or ("", {})
    pieces: list[bytes | tuple[str, int, int]] = [head]
    layout: list[tuple[str, str, int, int]] = []
    at = len(head)
    for mine, key in made:
        sid = mine.plan.id
        kept = ranges.get(sid)
        if kept is not None and kept[0] == key:
            last = pieces[-1]
            if isinstance(last, tuple) and last[1] + last[2] == kept[1]:  # right after the last range: one copy
                pieces[-1] = (published, last[1], last[2] + kept[2])
            else:
                pieces.append((published, kept[1], kept[2]))
            length = kept[2]
        else:
            kept_range = _events_in(staged(f"{sid}/{sid}.ics"), end)
            piece: bytes | tuple[str, int, int] = (
                kept_range
                if kept_range is not None
                else "".join(e.render(mine.stamps[e.uid]) for e in mine.events).encode()
            )
            pieces.append(piece)
            length = len(piece) if isinstance(piece, bytes) else piece[2]
        layout.append((sid, key, at, length))
        at += length
    pieces.append(end)
    return {"all.ics": Spliced(tuple(pieces)), ALL_LAYOUT: json_bytes({"plans": layout}, compact=True)}


ALL_LAYOUT = f"{RECORDS}/all.json"
"""Where each plan's events lie in `all.ics`, and the key of the plan's feeds they are: the next build copies
the unchanged ones from it."""


def all_layout(record: bytes | None) -> dict[str, tuple[str, int, int]] | None:
    """Each plan's key and range in `all.ics`, as ALL_LAYOUT `record` keeps them; None when it does not read."""
    import json

    if record is None:
        return None
    try:
        found = json.loads(record)["plans"]
        return {str(sid): (str(key), int(start), int(length)) for sid, key, start, length in found}
    except (ValueError, KeyError, TypeError):
        return None


def _events_in(path: str | None, end: bytes) -> tuple[str, int, int] | None:
    """Where the events of the feed file `path` lie in it (see `_events_of`), or None for no feed."""
    if path is None:
        return None
    try:
        with open(path, "rb") as feed:
            whole = feed.read()
    except OSError:
        return None
    events = _events_of(whole, end)
    if not events:  # no feed, or no event: nothing to copy
        return None
    return (path, len(whole) - len(end) - len(events), len(events))


def _events_of(feed: bytes | None, end: bytes) -> bytes | None:
    """The events of a feed file, from its first BEGIN:VEVENT line to its END:VCALENDAR (never in its head:
    a folded line goes on with a space), or None for no feed."""
    if feed is None or not feed.endswith(end):
        return None
    start = feed.find(b"\r\nBEGIN:VEVENT\r\n")
    return b"" if start < 0 else feed[start + 2 : -len(end)]


def _named(mine: PlanFeeds, files: Sequence[str], slugs: Mapping[str, str]) -> Sequence[str]:
    """The units whose feeds `files` (`<id>/units/<slug>.ics`) are, told by their slugs among the units the
    plan names; the units of its events where one cannot be told."""
    prefix = f"{mine.plan.id}/units/"
    by_slug = {slugs[name]: name for name in mine.plan.facts.named}
    found = [by_slug.get(f.removeprefix(prefix).removesuffix(".ics")) for f in files]
    return list(mine.units) if None in found else [name for name in found if name is not None]


def _unit_index(
    made: Sequence[PlanFeeds], units: Slugs, feed_files: Sequence[tuple[str, ...] | None]
) -> dict[str, bytes]:
    """`units.json`: every unit's slug and its feeds, per plan and per org; a plan's units are those of its
    unit feeds (`feed_files`), read back from their slugs, or, where not known, of its events."""
    plan_feeds: dict[str, dict[str, str]] = {}  # unit -> plan id -> its feed in that plan
    org_feeds: dict[str, dict[str, str]] = {}  # unit -> org -> its feed across the org's plans
    for mine, files in zip(made, feed_files, strict=True):
        plan = mine.plan.facts
        slugs = units.in_plan(plan)
        for name in mine.units if files is None else _named(mine, files, slugs):
            plan_feeds.setdefault(name, {})[plan.id] = f"{plan.id}/units/{slugs[name]}.ics"
            if plan.org:
                across = f"orgs/{units.orgs[plan.org]}/units/{units.in_org(plan.org)[name]}.ics"
                org_feeds.setdefault(name, {})[plan.org] = across
    index = {
        name: {"slug": units.of[name], "feeds": feeds, **({"orgs": org_feeds[name]} if name in org_feeds else {})}
        for name, feeds in sorted(plan_feeds.items())
    }
    return {"units.json": json_bytes(index)}
