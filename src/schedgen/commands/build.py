"""`schedgen build`: every output of every schedule, rendered into a staging folder and swapped in whole."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from schedgen import feedstate
from schedgen.commands import CHART_FORMATS, OUTPUT_KINDS
from schedgen.files import json_bytes, staged
from schedgen.model import Timeline
from schedgen.plans import timelines
from schedgen.units import slugs_for

if TYPE_CHECKING:
    from schedgen.feedstate import Ledger

Render = Callable[[], bytes]
"""A file's content, rendered when asked for: a build writes each file as it goes."""


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote."""

    output: Path
    schedules: int
    files: int


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
    progress: Callable[[str], None] = lambda _: None,
) -> BuildResult:
    """Render every output of every schedule and swap the result in place of `output`.

    The feed ledger is read from `state` (default: the one inside `output`) and written back with the
    build: into the staged folder, or into `state` once the new site is in place.
    """
    found = timelines(paths, year=year)
    kinds = set(only)
    ledger_folder = feedstate.folder_for(output, state)
    ledgers: dict[str, Ledger] = {}
    outputs: list[tuple[str, Iterable[tuple[str, Render]]]] = []
    if "html" in kinds:
        outputs.append(("html", pages(found, kinds, as_of, base_url, templates)))
    if kinds & set(CHART_FORMATS):
        outputs.append(("charts", charts(found, kinds, as_of)))
    if "ics" in kinds:
        outputs.append(("ics", feeds(found, ledger_folder, ledgers, now=now)))
    if kinds & {"csv", "json"}:
        outputs.append(("milestones", milestone_files(found, kinds, as_of)))
    count = 0
    with staged(output) as staging:
        for kind, files in outputs:
            progress(kind)
            for relative, render in files:
                staging.write(relative, render())
                count += 1
        if state is None:
            for schedule_id, ledger in ledgers.items():
                staging.write(f"{feedstate.IN_OUTPUT}/{schedule_id}.json", feedstate.encode(ledger))
        progress("swap")
        staging.swap()
    if state is not None:
        feedstate.save(state, ledgers)
    return BuildResult(output, len(found), count)


def feeds(
    found: Sequence[Timeline],
    ledger_folder: Path,
    ledgers: dict[str, Ledger],
    *,
    now: datetime,
    reminders: Sequence[str] | None = None,
) -> Iterator[tuple[str, Render]]:
    """Every feed of the timelines: per schedule, per unit of a schedule, and all schedules in one.

    There is no unit feed across schedules: plans of different cities name different bodies alike
    (安丘's 市财政局 is not 海东's). Stamps every event first, from the ledger in `ledger_folder`,
    and puts each schedule's new ledger, the stamps of exactly the events built, into `ledgers`.
    """
    from schedgen.export import ics

    slugs = slugs_for(found)
    parts: list[tuple[list[ics.Event], ics.FeedState]] = []
    index: dict[str, dict[str, object]] = {}
    for timeline in found:
        sid, title = timeline.schedule.id, timeline.schedule.title
        old = feedstate.read(ledger_folder, sid)
        chosen = reminders if reminders is not None else (timeline.schedule.reminders or ics.DEFAULT_REMINDERS)
        events = ics.events(timeline, chosen)
        stamps = ics.stamps(events, old, now)
        ledgers[sid] = stamps
        parts.append((events, stamps))
        yield f"{sid}/{sid}.ics", partial(ics.schedule_feed, timeline, events, stamps)
        for name, mine in sorted(ics.by_unit(events).items()):
            relative = f"{sid}/units/{slugs[name]}.ics"
            yield relative, partial(ics.unit_feed, name, title, mine, stamps)
            index.setdefault(name, {"slug": slugs[name], "feeds": {}})["feeds"][sid] = relative  # type: ignore[index]
    yield "all.ics", partial(ics.combined_feed, "全部计划", parts)
    yield "units.json", partial(json_bytes, dict(sorted(index.items())))


def charts(found: Sequence[Timeline], kinds: Iterable[str], as_of: date) -> Iterator[tuple[str, Render]]:
    """`<id>/gantt.png|pdf|svg` for every schedule, states judged on `as_of`."""
    from schedgen.export.gantt import ChartOptions, find_font, render

    wanted = [k for k in CHART_FORMATS if k in kinds]
    if wanted:
        find_font()  # fail before anything is rendered, with the words that say how to get a font
    for timeline in found:
        sid = timeline.schedule.id
        for fmt in wanted:
            yield f"{sid}/gantt.{fmt}", partial(render, timeline, fmt, ChartOptions(as_of=as_of))


def milestone_files(found: Sequence[Timeline], kinds: Iterable[str], as_of: date) -> Iterator[tuple[str, Render]]:
    """`<id>/milestones.csv|json`: every milestone of a schedule and its state on `as_of`."""
    from schedgen import report as rep

    for timeline in found:
        rows = rep.milestones([timeline], as_of, 14)
        sid = timeline.schedule.id
        if "csv" in kinds:
            yield f"{sid}/milestones.csv", partial(rep.report_csv, rows)
        if "json" in kinds:
            yield f"{sid}/milestones.json", partial(lambda r: rep.report_json(r, as_of).encode(), rows)


def pages(
    found: Sequence[Timeline], kinds: Iterable[str], as_of: date, base_url: str | None, templates: Path | None
) -> Iterator[tuple[str, Render]]:
    """`<id>/index.html` for every schedule and the site's `index.html`, linking what the build writes."""
    from schedgen.export.html import Feed, PageOptions, index_page, schedule_page
    from schedgen.model import Ongoing

    kinds = set(kinds)
    options = PageOptions(
        as_of=as_of,
        base_url=base_url,
        templates=templates,
        charts=tuple(k for k in ("pdf", "png", "svg") if k in kinds),
    )
    slugs = slugs_for(found)
    entries = []
    for timeline in found:
        sid = timeline.schedule.id
        feeds: list[Feed] = []
        if "ics" in kinds:
            names = sorted({n for i in timeline.items if not isinstance(i.timing, Ongoing) for n, _ in i.task.roles()})
            feeds = [Feed(f"{timeline.schedule.title}（全部任务）", f"{sid}/{sid}.ics")]
            feeds += [Feed(name, f"{sid}/units/{slugs[name]}.ics") for name in names]
        entries.append((timeline, feeds))
        yield f"{sid}/index.html", partial(lambda t, f: schedule_page(t, f, options).encode(), timeline, feeds)
    all_feed = Feed("全部计划", "all.ics") if "ics" in kinds else None
    yield "index.html", partial(lambda: index_page(entries, all_feed, options).encode())
