"""`schedgen build`: every output of every schedule, rendered into a staging folder and swapped in whole."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING

from schedgen import __version__, feedstate
from schedgen.commands import CHART_FORMATS, OUTPUT_KINDS
from schedgen.files import json_bytes, staged
from schedgen.model import Reminder, Timeline
from schedgen.plans import timelines
from schedgen.units import slugify, slugs_for

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

    from schedgen.feedstate import Ledger

Render = Callable[[], bytes]
"""A file's content, rendered when asked for: a build writes each file as it goes."""

MANIFEST = ".schedgen/manifest.json"
"""Each keyed file of the last build and the key of the content that made it."""


@dataclass(frozen=True)
class Part:
    """One file of the site: where it goes, how to render it, and what decides its content.

    A part with a `key` is reused from the previous build when the key is the same; one without is
    always rendered (the feeds, whose stamps come from the ledger, and the pages that list every plan).
    A `heavy` part is CPU-bound and renders in a worker process when there are several.
    """

    relative: str
    render: Render
    key: str | None = None
    heavy: bool = False


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

    Files whose content key is unchanged are copied from the previous build; charts render in `jobs`
    worker processes. With `defer_charts`, a chart that changed keeps its published version, unrecorded,
    so that pages and feeds go out at once and the next build draws it (what `serve` does on a save).
    The feed ledger is read from `state` (default: the one inside `output`) and written back with the
    build: into the staged folder, or into `state` just before the new site is swapped in.
    """
    found = timelines(paths, year=year)
    kinds = set(only)
    ledger_folder = feedstate.folder_for(output, state)
    ledgers: dict[str, Ledger] = {}
    groups: list[tuple[str, Iterable[Part]]] = []
    if "html" in kinds:
        groups.append(("html", pages(found, kinds, as_of, base_url, templates)))
    if kinds & set(CHART_FORMATS):
        groups.append(("charts", charts(found, kinds, as_of)))
    if "ics" in kinds:
        groups.append(("ics", feeds(found, ledger_folder, ledgers, now=now)))
    if kinds & {"csv", "json"}:
        groups.append(("milestones", milestone_files(found, kinds, as_of)))
    previous = _manifest(output)
    manifest: dict[str, str] = {}
    rendered = reused = deferred = 0
    with staged(output) as staging:
        heavy: list[Part] = []
        for kind, parts in groups:
            progress(kind)
            for part in parts:
                if part.key is not None:
                    manifest[part.relative] = part.key
                    if previous.get(part.relative) == part.key and staging.reuse(output, part.relative):
                        reused += 1
                        continue
                if part.heavy and defer_charts and staging.reuse(output, part.relative):
                    manifest.pop(part.relative, None)  # out of date: the next build draws it
                    deferred += 1
                    continue
                if part.heavy:
                    heavy.append(part)
                else:
                    staging.write(part.relative, part.render())
                rendered += 1
        for part, data in zip(heavy, render_all([p.render for p in heavy], jobs), strict=True):
            staging.write(part.relative, data)
        if state is None:
            for schedule_id, ledger in ledgers.items():
                staging.write(f"{feedstate.IN_OUTPUT}/{schedule_id}.json", feedstate.encode(ledger))
        else:  # before the swap: a ledger that cannot be written leaves the published site as it was
            feedstate.save(state, ledgers)
        staging.write(MANIFEST, json_bytes(manifest))
        progress("swap")
        staging.swap()
    return BuildResult(output, len(found), rendered + reused + deferred, rendered, reused, deferred)


def render_all(renders: Sequence[Render], jobs: int) -> list[bytes]:
    """Every render's bytes in order, over `jobs` worker processes when there is more than one to do."""
    if jobs < 2 or len(renders) < 2:
        return [render() for render in renders]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=min(jobs, len(renders)), mp_context=_workers()) as pool:
        return list(pool.map(_call, renders))


def _call(render: Render) -> bytes:
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


def _manifest(output: Path) -> dict[str, str]:
    """The previous build's keys, or none when there is no readable previous build."""
    import json

    try:
        found = json.loads((output / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return (
        {k: v for k, v in found.items() if isinstance(k, str) and isinstance(v, str)} if isinstance(found, dict) else {}
    )


def feeds(
    found: Sequence[Timeline],
    ledger_folder: Path,
    ledgers: dict[str, Ledger],
    *,
    now: datetime,
    reminders: Sequence[Reminder] | None = None,
) -> Iterator[Part]:
    """Every feed of the timelines: per schedule, per unit of a schedule, and all schedules in one.

    There is no unit feed across schedules: plans of different cities name different bodies alike
    (安丘's 市财政局 is not 海东's). Stamps every event first, from the ledger in `ledger_folder`,
    and puts each schedule's new ledger, the stamps of exactly the events built, into `ledgers`.
    """
    from schedgen.export import ics

    slugs = slugs_for(found)
    parts: list[tuple[list[ics.Event], ics.FeedState]] = []
    plan_feeds: dict[str, dict[str, str]] = {}  # unit -> schedule id -> its feed in that plan
    org_feeds: dict[str, dict[str, str]] = {}  # unit -> org -> its feed across the org's plans
    across: dict[str, dict[str, list[ics.Event]]] = {}  # org -> unit -> its events in every plan of the org
    stamped: ics.FeedState = {}
    for timeline in found:
        sid, title = timeline.schedule.id, timeline.schedule.title
        old = feedstate.read(ledger_folder, sid)
        chosen = reminders if reminders is not None else (timeline.schedule.reminders or ics.DEFAULT_REMINDERS)
        events = ics.events(timeline, chosen)
        stamps = ics.stamps(events, old, now)
        ledgers[sid] = stamps
        stamped.update(stamps)
        parts.append((events, stamps))
        yield Part(f"{sid}/{sid}.ics", partial(ics.schedule_feed, timeline, events, stamps))
        for name, mine in sorted(ics.by_unit(events).items()):
            relative = f"{sid}/units/{slugs[name]}.ics"
            yield Part(relative, partial(ics.unit_feed, name, slugs[name], title, mine, stamps))
            plan_feeds.setdefault(name, {})[sid] = relative
            if timeline.schedule.org:
                across.setdefault(timeline.schedule.org, {}).setdefault(name, []).extend(mine)
    for org, units in sorted(across.items()):
        for name, mine in sorted(units.items()):
            relative = f"orgs/{slugify(org)}/units/{slugs[name]}.ics"
            yield Part(relative, partial(ics.org_unit_feed, name, slugs[name], org, mine, stamped))
            org_feeds.setdefault(name, {})[org] = relative
    yield Part("all.ics", partial(ics.combined_feed, "全部计划", parts))
    index = {
        name: {"slug": slugs[name], "feeds": feeds, **({"orgs": org_feeds[name]} if name in org_feeds else {})}
        for name, feeds in sorted(plan_feeds.items())
    }
    yield Part("units.json", partial(json_bytes, index))


def charts(found: Sequence[Timeline], kinds: Iterable[str], as_of: date) -> Iterator[Part]:
    """`<id>/gantt.png|pdf|svg` (and `gantt-2.png`... for a tall plan) for every schedule, states judged on `as_of`."""
    from schedgen.export.fonts import find_font
    from schedgen.export.gantt import ChartOptions, file_names, render_file

    wanted = [k for k in CHART_FORMATS if k in kinds]
    if not wanted:
        return
    font = find_font()  # fail before anything is rendered, with the words that say how to get a font
    drawn_with = (str(font), font.stat().st_size, font.stat().st_mtime_ns)
    options = ChartOptions(as_of=as_of)
    # the largest plans first, so that no worker is left drawing a large chart alone at the end
    for timeline in sorted(found, key=lambda t: len(t.items), reverse=True):
        sid, made_of = timeline.schedule.id, timeline_digest(timeline)
        # a PNG too tall for one image continues on gantt-2.png...: each page is a file of its own
        for name in file_names(timeline, wanted, options):
            key = content_key("chart", name, made_of, options, drawn_with)
            yield Part(f"{sid}/{name}", partial(render_file, timeline, name, options), key, heavy=True)


def milestone_files(found: Sequence[Timeline], kinds: Iterable[str], as_of: date) -> Iterator[Part]:
    """`<id>/milestones.csv|json`: every milestone of a schedule and its state on `as_of`."""
    from schedgen.export import report as rep
    from schedgen.view import milestones

    for timeline in found:
        rows = milestones([timeline], as_of, 14)
        sid, made_of = timeline.schedule.id, timeline_digest(timeline)
        if "csv" in kinds:
            key = content_key("csv", made_of, as_of)
            yield Part(f"{sid}/milestones.csv", partial(rep.report_csv, rows), key)
        if "json" in kinds:
            key = content_key("json", made_of, as_of)
            yield Part(f"{sid}/milestones.json", partial(lambda r: rep.report_json(r, as_of).encode(), rows), key)


def pages(
    found: Sequence[Timeline], kinds: Iterable[str], as_of: date, base_url: str | None, templates: Path | None
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
    slugs = slugs_for(found)
    own_templates = folder_digest(templates)
    entries = []
    for timeline in found:
        sid = timeline.schedule.id
        feeds: list[Feed] = []
        if "ics" in kinds:
            names = sorted({n for i in timeline.items if not isinstance(i.timing, Ongoing) for n, _ in i.task.roles()})
            feeds = [Feed(f"{timeline.schedule.title}（全部任务）", f"{sid}/{sid}.ics")]
            feeds += [Feed(name, f"{sid}/units/{slugs[name]}.ics") for name in names]
        entries.append((timeline, feeds))
        key = content_key("page", timeline_digest(timeline), feeds, options, own_templates)
        yield Part(
            f"{sid}/index.html", partial(lambda t, f: schedule_page(t, f, options).encode(), timeline, feeds), key
        )
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
    yield Part("index.html", partial(lambda: index_page(entries, all_feed, options, org_feeds).encode()))


def timeline_digest(timeline: Timeline) -> str:
    """A digest of everything a timeline holds: the text of every task, its dates, states and findings."""
    return hashlib.sha256(repr(timeline).encode()).hexdigest()


def folder_digest(folder: Path | None) -> str | None:
    """A digest of the files in a user's templates folder, so that editing a template renders anew."""
    if folder is None:
        return None
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
