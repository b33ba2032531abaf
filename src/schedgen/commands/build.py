"""`schedgen build`: every output of every schedule, rendered into a staging folder and swapped in whole."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING

from schedgen import __version__, feedstate
from schedgen.commands import CHART_FORMATS, OUTPUT_KINDS
from schedgen.files import Staging, json_bytes, staged
from schedgen.model import Reminder, Timeline
from schedgen.plans import Plan, plans
from schedgen.units import slugify, slugs_for

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

    from schedgen.export.gantt import ChartOptions
    from schedgen.export.ics import Event, FeedState

Render = Callable[[], dict[str, bytes]]
"""A part's files, rendered when asked for: a build writes each part as it goes."""

MANIFEST = ".schedgen/manifest.json"
"""Each part of the last build: the key of the content that made it and the files it wrote."""


@dataclass(frozen=True)
class Part:
    """One unit of work of the site: the files it renders, by path, and what decides their content.

    `name` tells the unit from one build to the next (a file's path, or `<id>/gantt` for the charts of
    a plan). A part with a `key` is reused whole from the previous build when the key is the same, its
    files the ones the previous build's manifest lists under the name; one without is always rendered.
    A `heavy` part is CPU-bound and renders in a worker process when there are several.
    """

    name: str
    render: Render
    key: str | None = None
    heavy: bool = False


@dataclass(frozen=True)
class Made:
    """What a build recorded of a part: the key its files were rendered from (None: out of date) and their paths."""

    key: str | None
    files: tuple[str, ...]


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote: how many files, of which how many were rendered and how many reused."""

    output: Path
    schedules: int
    files: int
    rendered: int
    reused: int
    deferred: int = 0
    """Charts left as they were published (out of date) for a build that follows: `defer_charts`."""


def build(
    paths: Sequence[Path],
    output: Path,
    *,
    now: datetime,
    as_of: date,
    year: int | None = None,
    only: Iterable[str] = OUTPUT_KINDS,
    base_url: str | None = None,
    templates: Path | None = None,
    state: Path | None = None,
    jobs: int = 1,
    defer_charts: bool = False,
    progress: Callable[[str], None] = lambda _: None,
) -> BuildResult:
    """Render every output of every schedule and swap the result in place of `output`.

    Parts whose content key is unchanged are taken from the previous build; charts render in `jobs`
    worker processes, all the files of one plan's charts from one layout. With `defer_charts`, charts
    that changed keep their published version, recorded as out of date, so that pages and feeds go out
    at once and the next build draws them (what `serve` does on a save). The feed ledger is read from
    `state` (default: the one inside `output`) and written back with the build: into the staged folder,
    or into `state` just before the new site is swapped in.
    """
    found = plans(paths, year=year)
    kinds = set(only)
    previous = _manifest(output)
    ledgers: dict[str, bytes] = {}
    slugs = slugs_for([plan.timeline for plan in found])
    groups: list[tuple[str, Iterable[Part]]] = []
    if "html" in kinds:
        groups.append(("html", pages(found, kinds, as_of, base_url, templates, slugs)))
    if kinds & set(CHART_FORMATS):
        groups.append(("charts", charts(found, kinds, as_of)))
    if "ics" in kinds:
        ledger_folder = feedstate.folder_for(output, state)
        groups.append(("ics", feeds(found, ledger_folder, ledgers, now=now, previous=previous, slugs=slugs)))
    if kinds & {"csv", "json"}:
        groups.append(("milestones", milestone_files(found, kinds, as_of)))
    manifest: dict[str, Made] = {}
    rendered = reused = deferred = 0
    with staged(output) as staging:
        heavy: list[Part] = []
        for kind, parts in groups:
            progress(kind)
            for part in parts:
                before = previous.get(part.name)
                unchanged = part.key is not None and before is not None and before.key == part.key
                if unchanged and before is not None and staging.reuse(output, before.files):
                    manifest[part.name] = before
                    reused += len(before.files)
                elif part.heavy and defer_charts and before is not None and staging.reuse(output, before.files):
                    manifest[part.name] = Made(None, before.files)  # out of date: the next build draws it
                    deferred += len(before.files)
                elif part.heavy:
                    heavy.append(part)
                else:
                    manifest[part.name] = _write(staging, part.key, part.render())
                    rendered += len(manifest[part.name].files)
        for part, files in zip(heavy, render_all([p.render for p in heavy], jobs), strict=True):
            manifest[part.name] = _write(staging, part.key, files)
            rendered += len(files)
        for schedule_id, ledger in ledgers.items() if state is None else ():
            staging.write(f"{feedstate.IN_OUTPUT}/{schedule_id}.json", ledger)
        if state is not None:  # before the swap: a ledger that cannot be written leaves the published site as it was
            feedstate.save(state, ledgers)
        staging.write(MANIFEST, json_bytes({name: {"key": m.key, "files": m.files} for name, m in manifest.items()}))
        progress("swap")
        staging.swap()
    return BuildResult(output, len(found), rendered + reused + deferred, rendered, reused, deferred)


def _write(staging: Staging, key: str | None, files: Mapping[str, bytes]) -> Made:
    """Write a part's files into the staging folder; what the manifest records of them."""
    for relative, data in files.items():
        staging.write(relative, data)
    return Made(key, tuple(files))


def render_all(renders: Sequence[Render], jobs: int) -> list[dict[str, bytes]]:
    """Every render's bytes in order, over `jobs` worker processes when there is more than one to do."""
    if jobs < 2 or len(renders) < 2:
        return [render() for render in renders]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=min(jobs, len(renders)), mp_context=_workers()) as pool:
        return list(pool.map(_call, renders))


def _call(render: Render) -> dict[str, bytes]:
    return render()


def _workers() -> BaseContext:
    """Forked workers start at once with what the build has imported; fork only a process with one thread
    (`serve` rebuilds from a watcher thread), else start fresh interpreters."""
    import multiprocessing
    import sys
    import threading

    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def content_key(*parts: object) -> str:
    """A key for what makes a file: the program's own code and the values the file is rendered from."""
    return hashlib.sha256(_code_digest() + repr(parts).encode()).hexdigest()


@cache
def _code_digest() -> bytes:
    """The program's code and shipped templates: a new version renders anew."""
    from importlib.resources import files

    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*.py")) + sorted(package.glob("*.json")):
        digest.update(path.read_bytes())
    for entry in sorted(files("schedgen.templates").iterdir(), key=lambda e: e.name):
        if entry.is_file():
            digest.update(entry.name.encode() + entry.read_bytes())
    return digest.digest()


def _manifest(output: Path) -> dict[str, Made]:
    """What the previous build made, by part, or nothing when there is no readable previous build."""
    import json

    try:
        found = json.loads((output / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    made: dict[str, Made] = {}
    for name, entry in found.items() if isinstance(found, dict) else ():
        key, files = (entry.get("key"), entry.get("files")) if isinstance(entry, dict) else (None, None)
        if isinstance(key, str | None) and isinstance(files, list) and all(isinstance(f, str) for f in files):
            made[name] = Made(key, tuple(files))
    return made


class PlanFeeds:
    """One plan's events and their stamps from the ledger, made only when a feed that holds them is rendered."""

    def __init__(
        self, plan: Plan, reminders: Sequence[Reminder], ledger: bytes | None, where: Path, now: datetime
    ) -> None:
        self.plan, self.reminders, self.ledger, self.where, self.now = plan, reminders, ledger, where, now

    @cached_property
    def events(self) -> list[Event]:
        """Every event of the plan, in its order."""
        from schedgen.export import ics

        return ics.events(self.plan.timeline, self.reminders)

    @cached_property
    def stamps(self) -> FeedState:
        """Every event's stamp: kept from the ledger when the event is unchanged, else new as of `now`."""
        from schedgen.export import ics

        return ics.stamps(self.events, feedstate.decode(self.ledger, self.where), self.now)

    @cached_property
    def units(self) -> dict[str, list[Event]]:
        """The events of each unit the plan names, for its unit feeds."""
        from schedgen.export import ics

        return dict(sorted(ics.by_unit(self.events).items()))


def feeds(
    found: Sequence[Plan],
    ledger_folder: Path,
    ledgers: dict[str, bytes],
    *,
    now: datetime,
    reminders: Sequence[Reminder] | None = None,
    previous: Mapping[str, Made] | None = None,
    slugs: Mapping[str, str] | None = None,
) -> Iterator[Part]:
    """Every feed of the plans: per schedule, per unit of a schedule, per unit of an org, and all in one.

    There is no unit feed across orgs: plans of different cities name different bodies alike (安丘's
    市财政局 is not 海东's). A plan's feeds are one part, keyed by the plan and by the ledger its stamps
    come from. A ledger written by the build that rendered the same plan's feeds gives them back
    byte for byte, events and stamps alike, so those are reused without making a single event; any
    other ledger (none yet, edited, another build's) stamps the events first and keys them by the
    ledger that makes. Each schedule's new ledger, the stamps of exactly the events built, goes into
    `ledgers`.
    """
    from schedgen.export import ics

    previous = previous or {}
    slugs = slugs if slugs is not None else slugs_for([plan.timeline for plan in found])
    made: list[tuple[PlanFeeds, str]] = []
    for plan in found:
        sid = plan.timeline.schedule.id
        chosen = reminders if reminders is not None else (plan.timeline.schedule.reminders or ics.DEFAULT_REMINDERS)
        names = sorted({name for item in plan.timeline.items for name, _ in item.task.roles()})
        mine = PlanFeeds(plan, chosen, feedstate.read_bytes(ledger_folder, sid), ledger_folder / f"{sid}.json", now)
        made_of = ("feeds", plan.key, chosen, [slugs[n] for n in names])
        key = content_key(*made_of, _digest(mine.ledger))
        before = previous.get(f"{sid}/feeds")
        if mine.ledger is not None and before is not None and before.key == key:
            ledgers[sid] = mine.ledger
        else:
            ledgers[sid] = feedstate.encode(mine.stamps)
            key = content_key(*made_of, _digest(ledgers[sid]))
        made.append((mine, key))
        yield Part(f"{sid}/feeds", partial(_plan_feeds, mine, slugs), key)
    orgs: dict[str, list[tuple[PlanFeeds, str]]] = {}
    for mine, key in made:
        if mine.plan.timeline.schedule.org:
            orgs.setdefault(mine.plan.timeline.schedule.org, []).append((mine, key))
    for org, members in sorted(orgs.items()):
        key = content_key("org feeds", org, [key for _, key in members])
        yield Part(f"orgs/{slugify(org)}/units", partial(_org_feeds, org, [m for m, _ in members], slugs), key)
    every = [key for _, key in made]
    yield Part("all.ics", partial(_all_feed, [m for m, _ in made]), content_key("all feeds", every))
    yield Part("units.json", partial(_unit_index, [m for m, _ in made], slugs), content_key("unit index", every))


def _plan_feeds(mine: PlanFeeds, slugs: Mapping[str, str]) -> dict[str, bytes]:
    """`<id>/<id>.ics` and `<id>/units/<slug>.ics` for each unit of the plan."""
    from schedgen.export import ics

    timeline, stamps = mine.plan.timeline, mine.stamps
    sid, title = timeline.schedule.id, timeline.schedule.title
    files = {f"{sid}/{sid}.ics": ics.schedule_feed(timeline, mine.events, stamps)}
    for name, events in mine.units.items():
        files[f"{sid}/units/{slugs[name]}.ics"] = ics.unit_feed(name, slugs[name], title, events, stamps)
    return files


def _org_feeds(org: str, members: Sequence[PlanFeeds], slugs: Mapping[str, str]) -> dict[str, bytes]:
    """`orgs/<org>/units/<slug>.ics`: each unit's events in every plan of the org."""
    from schedgen.export import ics

    across: dict[str, list[Event]] = {}
    stamped: FeedState = {}
    for mine in members:
        stamped.update(mine.stamps)
        for name, events in mine.units.items():
            across.setdefault(name, []).extend(events)
    return {
        f"orgs/{slugify(org)}/units/{slugs[name]}.ics": ics.org_unit_feed(name, slugs[name], org, events, stamped)
        for name, events in sorted(across.items())
    }


def _all_feed(made: Sequence[PlanFeeds]) -> dict[str, bytes]:
    from schedgen.export import ics

    return {"all.ics": ics.combined_feed("全部计划", [(mine.events, mine.stamps) for mine in made])}


def _unit_index(made: Sequence[PlanFeeds], slugs: Mapping[str, str]) -> dict[str, bytes]:
    """`units.json`: every unit's slug and its feeds, per plan and per org."""
    plan_feeds: dict[str, dict[str, str]] = {}  # unit -> schedule id -> its feed in that plan
    org_feeds: dict[str, dict[str, str]] = {}  # unit -> org -> its feed across the org's plans
    for mine in made:
        schedule = mine.plan.timeline.schedule
        for name in mine.units:
            plan_feeds.setdefault(name, {})[schedule.id] = f"{schedule.id}/units/{slugs[name]}.ics"
            if schedule.org:
                org_feeds.setdefault(name, {})[schedule.org] = f"orgs/{slugify(schedule.org)}/units/{slugs[name]}.ics"
    index = {
        name: {"slug": slugs[name], "feeds": feeds, **({"orgs": org_feeds[name]} if name in org_feeds else {})}
        for name, feeds in sorted(plan_feeds.items())
    }
    return {"units.json": json_bytes(index)}


def charts(found: Sequence[Plan], kinds: Iterable[str], as_of: date) -> Iterator[Part]:
    """`<id>/gantt.png|pdf|svg` (and `gantt-2.png`... for a tall plan) for every schedule, states judged on `as_of`:
    one part per plan, laid out once and drawn into every format."""
    from schedgen.export.fonts import find_font
    from schedgen.export.gantt import ChartOptions

    wanted = tuple(k for k in CHART_FORMATS if k in kinds)
    if not wanted:
        return
    font = find_font()  # fail before anything is rendered, with the words that say how to get a font
    drawn_with = (str(font), font.stat().st_size, font.stat().st_mtime_ns)
    options = ChartOptions(as_of=as_of)
    # the largest plans first, so that no worker is left drawing a large chart alone at the end
    for plan in sorted(found, key=lambda p: len(p.timeline.items), reverse=True):
        key = content_key("charts", plan.key, wanted, options, drawn_with)
        draw = partial(_chart_files, plan.timeline, wanted, options)
        yield Part(f"{plan.timeline.schedule.id}/gantt", draw, key, heavy=True)


def _chart_files(timeline: Timeline, formats: Sequence[str], options: ChartOptions) -> dict[str, bytes]:
    """A plan's chart files under the plan's folder."""
    from schedgen.export.gantt import render_set

    sid = timeline.schedule.id
    return {f"{sid}/{name}": data for name, data in render_set(timeline, formats, options).items()}


def milestone_files(found: Sequence[Plan], kinds: Iterable[str], as_of: date) -> Iterator[Part]:
    """`<id>/milestones.csv|json`: every milestone of a schedule and its state on `as_of`."""
    for plan in found:
        sid = plan.timeline.schedule.id
        for fmt in ("csv", "json"):
            if fmt in kinds:
                relative = f"{sid}/milestones.{fmt}"
                key = content_key(fmt, plan.key, as_of)
                yield Part(relative, partial(_milestones, relative, plan.timeline, as_of), key)


def _milestones(relative: str, timeline: Timeline, as_of: date) -> dict[str, bytes]:
    from schedgen.export import report as rep
    from schedgen.view import milestones

    rows = milestones([timeline], as_of, 14)
    return {relative: rep.report_csv(rows) if relative.endswith(".csv") else rep.report_json(rows, as_of).encode()}


def pages(
    found: Sequence[Plan],
    kinds: Iterable[str],
    as_of: date,
    base_url: str | None,
    templates: Path | None,
    slugs: Mapping[str, str],
) -> Iterator[Part]:
    """`<id>/index.html` for every schedule and the site's `index.html`, linking what the build writes."""
    from schedgen.export.html import Feed, PageOptions, index_page, schedule_page
    from schedgen.expression import Ongoing

    kinds = set(kinds)
    options = PageOptions(
        as_of=as_of,
        base_url=base_url,
        templates=templates,
        charts=tuple(k for k in ("pdf", "png", "svg") if k in kinds),
    )
    own_templates = folder_digest(templates)
    entries = []
    made = []
    for plan in found:
        timeline, sid = plan.timeline, plan.timeline.schedule.id
        feeds: list[Feed] = []
        if "ics" in kinds:
            names = sorted({n for i in timeline.items if not isinstance(i.timing, Ongoing) for n, _ in i.task.roles()})
            feeds = [Feed(f"{timeline.schedule.title}（全部任务）", f"{sid}/{sid}.ics")]
            feeds += [Feed(name, f"{sid}/units/{slugs[name]}.ics") for name in names]
        entries.append((timeline, feeds))
        key = content_key("page", plan.key, feeds, options, own_templates)
        made.append(key)
        relative = f"{sid}/index.html"
        page = partial(lambda r, t, f: {r: schedule_page(t, f, options).encode()}, relative, timeline, feeds)
        yield Part(relative, page, key)
    all_feed = Feed("全部计划", "all.ics") if "ics" in kinds else None
    across: dict[str, set[str]] = {}  # org -> the units with a feed across its plans
    for timeline, feeds in entries:
        if timeline.schedule.org:
            across.setdefault(timeline.schedule.org, set()).update(feed.name for feed in feeds[1:])
    org_feeds = [
        (org, Feed(name, f"orgs/{slugify(org)}/units/{slugs[name]}.ics"))
        for org, names in sorted(across.items())
        for name in sorted(names)
    ]
    key = content_key("index", made, all_feed, options, org_feeds, own_templates)
    yield Part("index.html", lambda: {"index.html": index_page(entries, all_feed, options, org_feeds).encode()}, key)


def folder_digest(folder: Path | None) -> str | None:
    """A digest of the files in a user's templates folder, so that editing a template renders anew."""
    if folder is None:
        return None
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _digest(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()
