"""HTML pages from Jinja2 templates: a user's folder first, the shipped templates last, autoescaped.

Each template gets one typed context below, built from the rows of `schedgen.view`.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Protocol
from urllib.parse import quote

from schedgen.errors import BuildError, Diagnostic, Position
from schedgen.export.page.page_rows import Detail, StageLine, TaskLine, columns, detail, lines
from schedgen.i18n import _
from schedgen.model import State, Task, Timeline
from schedgen.view import LEGEND, Axis, Milestone, Scale, chart, counts, summary

if TYPE_CHECKING:
    import jinja2
    from markupsafe import Markup


class ListedPlan(Protocol):
    """A plan as the index page lists it: its id, and its timeline, read only when its part is rendered (the
    index of a province renders anew the parts of the plans that changed, and takes the others' as kept)."""

    @property
    def id(self) -> str: ...

    @property
    def timeline(self) -> Timeline: ...


@dataclass(frozen=True)
class Feed:
    """A feed to subscribe to: its title and its path in the site."""

    name: str
    path: str


@dataclass(frozen=True)
class PageOptions:
    """What a page needs beyond the timeline: the day states are judged on and where the site lives."""

    as_of: date
    base_url: str | None = None
    within: int = 14
    templates: Path | None = None
    charts: tuple[str, ...] = ()


@dataclass(frozen=True)
class FeedLink:
    """Links to a feed: relative within the site, or https and webcal with a QR code when the address is known."""

    name: str
    href: str
    label: str = "下载 .ics"
    """What the plain link says: a download within the site, or the scheme of the published address."""
    webcal: str | None = None
    qr: str | None = None
    """An inline SVG, already marked safe for the template."""


# ----- report.html ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportContext:
    """The context of `report.html`."""

    as_of: str
    within: int
    counts: tuple[tuple[State, int], ...]
    groups: tuple[tuple[str, tuple[Milestone, ...]], ...]
    note: str = ""
    """What the groups list beyond what needs action and what they leave out, after the counts."""
    tables: tuple[Markup, ...] = ()
    """Each group's rows as the shipped template lays them out, a `<tr>` line each, made in Python: Jinja
    took 4-6 s for a province's 155,000 rows. A template of the user's may list `groups` itself."""


def report_page(
    rows: Sequence[Milestone],
    grouped: Sequence[tuple[str, Sequence[Milestone]]],
    as_of: date,
    within: int,
    templates: Path | None = None,
    note: str = "",
) -> bytes:
    """The 督办 list as a printable page (UTF-8), grouped as asked, overdue items first in each group; every
    row counted, `note` saying what the groups leave out."""
    from markupsafe import Markup

    from schedgen.export.page.webfont import fill, shown

    tables, cells = report_rows(grouped)
    context = ReportContext(
        as_of=as_of.isoformat(),
        within=within,
        counts=counts(r.state for r in rows),
        groups=tuple((key, tuple(members)) for key, members in grouped),
        note=note,
    )
    if _read(templates, "report.html") is None:  # the shipped page: its frame, the rows put in after
        marked = replace(context, tables=(Markup(_ROWS),) * len(tables))
        frame = _template_text("report.html", vars(marked), templates)
        parts = frame.split(_ROWS)
        if len(parts) == len(tables) + 1:  # else a text of the page holds the mark
            # the font is cut to the characters of the frame and of each distinct cell, not looked for in
            # every row: a province's page is 57 MB. No `\\uXXXX` escape spans a cell's edge: a tag.
            parts[0] = fill(parts[0], shown("\n".join([frame, *cells])))  # the font's slot is in the head
            # encoded a piece at a time and joined once: the page's text is 57 MB, twice that as a str
            pieces = [parts[0].encode()]
            for table, part in zip(tables, parts[1:], strict=True):
                pieces += table
                pieces.append(part.encode())
            return b"".join(pieces)
    # a page of the user's own: the font is found in all of it
    texts = tuple(Markup(b"".join(table).decode()) for table in tables)
    return _render("report.html", replace(context, tables=texts), templates).encode()


_ROWS = "\0schedgen: rows\0"
"""Where the shipped report page's rows go: each group's, made apart (`report_rows`)."""


def report_rows(grouped: Sequence[tuple[str, Sequence[Milestone]]]) -> tuple[list[Iterable[bytes]], Iterable[str]]:
    """Each group's rows as `report.html` lists them (a row: a line break, `<tr>…</tr>`, a line break), in
    pieces of UTF-8, each text escaped as Jinja escapes it, and every distinct cell so escaped (each list of
    units as a cell). A milestone's line is the same in every group it is listed in, and its task's cells
    the same for every milestone of the task: each is made once, and each distinct text escaped once (a
    province lists 53,000 milestones 155,000 times)."""
    from markupsafe import escape

    from schedgen.export.report import listed_once

    cells = _Escaped()
    lists = _Listed(cells)
    heads: dict[tuple[State, date | None], bytes] = {}  # a row's cells up to its due day, by state (and day done)
    tasks: dict[int, bytes] = {}
    days: dict[date, bytes] = {}
    made: dict[int, tuple[bytes, bytes, bytes]] = {}
    for r in listed_once(grouped):
        after = tasks.get(id(r.item))
        if after is None:
            task = r.item.task
            after = tasks[id(r.item)] = (
                f"</td><td>{cells[task.when]}</td><td>{cells[task.task]}</td><td>{lists[task.lead]}</td>"
                f"<td>{lists[task.support]}</td><td>{lists[task.units]}</td><td>{cells[r.schedule.title]}</td>"
                f"<td>{cells[task.notes] if task.notes else ''}</td></tr>\n"
            ).encode()
        key = (r.state, r.item.task.done if r.state is State.DONE else None)
        head = heads.get(key)
        if head is None:
            label = cells[f"{r.state.label}（{key[1]}）" if key[1] else r.state.label]
            head = heads[key] = (
                f'\n<tr class="{escape(r.state.value)}"><td class="state">{label}</td><td class="date">'.encode()
            )
        day = days.get(r.due) or days.setdefault(r.due, r.due.isoformat().encode())
        made[id(r)] = (head, day, after)
    tables: list[Iterable[bytes]] = [
        chain.from_iterable(map(made.__getitem__, map(id, members))) for _, members in grouped
    ]
    return tables, chain(cells.values(), lists.values())  # the lists: 、 is between units, in no unit


class _Escaped(dict[str, str]):
    """Each text escaped as Jinja escapes it, the first time it is asked for (a hit is a lookup in C)."""

    def __missing__(self, text: str) -> str:
        from markupsafe import escape

        made = self[text] = str(escape(text))
        return made


class _Listed(dict[tuple[str, ...], str]):
    """Each list of units as a cell shows it, its names escaped (a province's tasks name a few thousand)."""

    def __init__(self, escaped: _Escaped) -> None:
        super().__init__()
        self.escaped = escaped

    def __missing__(self, units: tuple[str, ...]) -> str:
        made = self[units] = "、".join(map(self.escaped.__getitem__, units))
        return made


# ----- schedule.html -------------------------------------------------------------------------------


VIRTUAL_ROWS = 500
"""A plan with more task rows than this gets a page whose script draws only the rows in view."""


@dataclass(frozen=True)
class TickMark:
    """A tick of the page's axis; a year's tick spans its year (`width`) and centres its name on it."""

    left: float
    label: str
    width: float | None = None


@dataclass(frozen=True)
class ScheduleContext:
    """The context of `schedule.html`."""

    title: str
    source: str | None
    window_start: str
    window_end: str
    as_of: str
    counts: tuple[tuple[State, int], ...]
    legend: tuple[State, ...]
    links: tuple[tuple[str, str], ...]
    units: tuple[str, ...]
    stages: tuple[str, ...]
    ticks: tuple[TickMark, ...]
    print_step: int
    """On paper every `print_step`-th tick is labelled (see `_print_step`)."""
    rows: tuple[StageLine | TaskLine, ...]
    as_of_left: float | None
    details: tuple[Detail, ...]
    base_url: str | None
    feeds: tuple[FeedLink, ...]
    feedless: tuple[str, ...]
    """Each unit the plan names that has no feed (its work ongoing or due outside the window), with its tasks."""
    css: str
    script: str
    script_hash: str
    virtual: bool
    virtual_css: str
    plan_json: Markup | None
    problem: str | None = None
    """What is wrong with the plan's file, when the page shows its last good version."""


def schedule_page(
    timeline: Timeline, feeds: Sequence[Feed], options: PageOptions, problem: str | None = None, png_pages: int = 1
) -> str:
    """The interactive Gantt page of one schedule: one self-contained file that works offline; `problem`
    says what is wrong with the file when the page shows the plan's last good version; a chart too tall for
    one PNG is linked a page at a time (`png_pages`)."""
    view = chart(timeline, options.as_of, options.within)
    axis = view.axis
    found = lines(view)
    as_of_left = axis.left(options.as_of) if axis.inside(options.as_of) else None
    virtual = len(view.tasks) > VIRTUAL_ROWS
    context_details = tuple(detail(row) for row in view.tasks)
    script_name = "schedule-virtual.js" if virtual else "schedule.js"
    script = "\n".join(
        _read(options.templates, name) or files_text(name) for name in ("schedule-panel.js", script_name)
    )
    links = tuple(link for fmt in options.charts for link in _chart_links(fmt, png_pages))
    context = ScheduleContext(
        title=timeline.schedule.title,
        source=timeline.schedule.source,
        window_start=timeline.window.start.isoformat(),
        window_end=timeline.window.end.isoformat(),
        as_of=options.as_of.isoformat(),
        counts=counts(row.state for row in view.tasks),
        legend=LEGEND,
        links=(*links, ("全部索引", "../index.html")),
        units=in_pinyin_order({name for item in timeline.items for name, _ in item.task.roles()}),
        stages=tuple(stage.name for stage in timeline.schedule.stages),
        ticks=(ticks := _ticks(axis)),
        print_step=_print_step(ticks),
        rows=() if virtual else found,
        as_of_left=as_of_left,
        details=context_details,
        base_url=options.base_url,
        feeds=_feed_links(feeds, options.base_url, f"{timeline.schedule.id}/"),
        feedless=_feedless(timeline, feeds),
        css=_css(options.templates),
        script=script,
        script_hash=_csp_hash(script),
        virtual=virtual,
        virtual_css=(_read(options.templates, "schedule-virtual.css") or files_text("schedule-virtual.css"))
        if virtual
        else "",
        plan_json=_script_json(columns(found, context_details, as_of_left)) if virtual else None,
        problem=problem,
    )
    return _render("schedule.html", context, options.templates)


def _feedless(timeline: Timeline, feeds: Sequence[Feed]) -> tuple[str, ...]:
    """Each unit of `timeline` with no feed among `feeds`, as the page names it: `市林业局：keep（长期坚持）`."""
    fed = {feed.name for feed in feeds}
    tasks: dict[str, list[str]] = {}
    for item in timeline.items:
        for name, _role in item.task.roles():
            if name not in fed:
                tasks.setdefault(name, []).append(f"{item.task.id}（{item.task.when}）")
    return tuple(f"{name}：{'、'.join(tasks[name])}" for name in in_pinyin_order(tasks))


def _chart_links(fmt: str, png_pages: int) -> list[tuple[str, str]]:
    """The page's links to one format of its chart: every PNG page of a tall plan, or the file."""
    from schedgen.export.chart.gantt import png_name

    if fmt != "png" or png_pages == 1:
        return [(f"打印版 {fmt.upper()}", f"gantt.{fmt}")]
    first = (f"打印版 PNG（第1页，共{png_pages}页）", png_name(1))
    return [first, *((f"第{n}页", png_name(n)) for n in range(2, png_pages + 1))]


def _ticks(axis: Axis) -> tuple[TickMark, ...]:
    """The axis's ticks; on a scale of years each spans to the next, so that a goal `到2025年` ends under
    the right edge of 2025年 rather than at the start of 2026年."""
    lefts = [axis.left(t.day) for t in axis.ticks()]
    if axis.scale is not Scale.YEAR:
        return tuple(TickMark(left, t.label) for left, t in zip(lefts, axis.ticks(), strict=True))
    ends = [*lefts[1:], 100.0]
    return tuple(
        TickMark(left, t.label, round(end - left, 3)) for left, end, t in zip(lefts, ends, axis.ticks(), strict=True)
    )


PRINT_LANE = 260
"""The printed lane's width in CSS pixels on A4 portrait, the narrowest paper schedule.css prints on
(A4 landscape gives it about 400)."""
PRINT_EM = 6.5 * 96 / 72
"""A printed axis label's em in CSS pixels (6.5pt, schedule.css)."""


def _print_step(ticks: Sequence[TickMark]) -> int:
    """Label every how many ticks on paper, so that no two printed labels overlap.

    A phone's page hides the labels that collide as it lays them out; a sheet is laid out only as it
    prints, too late for the page's script, so the labels it keeps are chosen here, from the widths of
    their characters (a Chinese character 1 em, a digit about 0.6 em). A label's lines stand on the axis's
    foot: the year over a year's first month (`2023年` over `1月`) collides only with another year."""

    def extents(tick: TickMark) -> list[tuple[float, float]]:
        """Each line of the label, the lowest first: where it starts and ends on the lane."""
        found = []
        for line in reversed(tick.label.split("\n")):
            width = sum(1.0 if ord(ch) > 0x2E80 else 0.6 for ch in line) * PRINT_EM
            if tick.width is None:
                start = tick.left / 100 * PRINT_LANE + 3  # the tick's padding
            else:
                start = (tick.left + tick.width / 2) / 100 * PRINT_LANE - width / 2
            found.append((start, start + width))
        return found

    def apart(a: list[tuple[float, float]], b: list[tuple[float, float]]) -> bool:
        return all(ra + 2 <= lb or rb + 2 <= la for (la, ra), (lb, rb) in zip(a, b, strict=False))

    lines = [extents(tick) for tick in ticks]
    for step in range(1, len(lines)):
        kept = lines[::step]
        if all(apart(a, b) for n, a in enumerate(kept) for b in kept[n + 1 :]):
            return step
    return max(1, len(lines))


def _script_json(value: object) -> Markup:
    """JSON to embed in a page's `<script>`: compact and in UTF-8 (half the bytes of `tojson`'s \\u escapes),
    with `<`, `>`, `&` and `'` escaped as `tojson` does, so that no text can close the script element."""
    import json

    from markupsafe import Markup

    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for ch, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027")):
        text = text.replace(ch, escaped)
    return Markup(text)


# ----- index.html ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanCard:
    """One schedule on the site's index page."""

    id: str
    title: str
    window: str
    tasks: int
    counts: tuple[tuple[State, int], ...]
    next: tuple[tuple[date, Task], ...]
    charts: tuple[tuple[str, str], ...]
    feed: FeedLink | None
    problem: str | None = None
    """What is wrong with the plan's file, when the site shows its last good version."""


@dataclass(frozen=True)
class IndexContext:
    """The context of `index.html`."""

    as_of: str
    schedules: tuple[PlanCard | Markup, ...]
    """Each plan's card, or its piece rendered apart (`index-plan.html`), or the mark where that goes."""
    units: tuple[tuple[str, tuple[tuple[str | None, FeedLink | Markup], ...]], ...]
    """Each unit and its feeds (the plan's title and the feed), or its rows rendered apart (`index-unit.html`)."""
    all_feed: FeedLink | None
    base_url: str | None
    css: str
    unpublished: tuple[tuple[str, str], ...] = ()
    """Schedule files that do not read and were never published: the file and its first problem."""
    codes_left_out: str | None = None
    """Why the index shows no QR code beside its plans' and units' feeds (more than INDEX_QR_LIMIT)."""


@dataclass(frozen=True)
class IndexPart:
    """One plan's part of the index page, rendered (`index-plan.html`, `index-unit.html`): its card, a row for
    each of its units' feeds in the units' table (the unit's name and the row), and the characters they show,
    for the page's font. A build keeps it by the plan, so that an edit renders only the edited plan's."""

    card: str
    units: tuple[tuple[str, str], ...]
    shown: str


def index_codes(listed: int, options: PageOptions) -> bool:
    """Whether the index draws a QR code beside each of the `listed` feeds it links."""
    return not options.base_url or listed <= INDEX_QR_LIMIT


def index_page(
    entries: Sequence[tuple[ListedPlan, Sequence[Feed]]],
    all_feed: Feed | None,
    options: PageOptions,
    org_feeds: Sequence[tuple[str, Feed]] = (),
    stale: Mapping[str, str] | None = None,
    unpublished: Sequence[tuple[str, str]] = (),
    kept: Mapping[str, IndexPart] | None = None,
    made: dict[str, IndexPart] | None = None,
) -> str:
    """`output/index.html`: every schedule with its window, counts and what is due next; every unit's feeds,
    its feed across all plans of its org (`org_feeds`: the org and the unit's feed) first. A plan whose
    file does not read is shown as last published with its problem (`stale`, by plan id); a file that never
    read is listed with its problem (`unpublished`).

    The page is put together from each plan's part (`IndexPart`): `kept` holds the parts rendered before that
    are still right, by plan id, and each plan's part goes into `made`. Not with an `index.html` of the
    user's own, which is rendered whole from every plan's card, as it always was."""
    from markupsafe import Markup

    from schedgen.export.page.webfont import fill, shown

    stale = stale or {}
    listed = sum(len(feeds) for _, feeds in entries) + len(org_feeds) + (all_feed is not None)
    code = index_codes(listed, options)
    if options.templates is not None and (options.templates / "index.html").is_file():
        return _whole_index(entries, all_feed, options, org_feeds, stale, unpublished, code)
    kept = kept or {}
    if options.base_url:  # the index's own codes: all plans' feed, and each org's unit feeds when drawn
        own = [all_feed] if all_feed else []
        _kept_codes([_webcal(feed, options.base_url) for feed in [*own, *(f for _, f in org_feeds if code)]])
    parts = []
    for plan, feeds in entries:
        part = kept.get(plan.id) or index_part(plan.timeline, feeds, options, code=code, problem=stale.get(plan.id))
        if made is not None:
            made[plan.id] = part
        parts.append(part)
    rows: dict[str, list[str]] = {}
    for part in parts:
        for name, row in part.units:
            rows.setdefault(name, []).append(row)
    ahead = []
    for org, feed in reversed(org_feeds):
        ahead.append(_unit_row(f"{org}全部计划", _feed(feed, options.base_url, "", code=code), options))
        rows.setdefault(feed.name, []).insert(0, ahead[-1])
    names = in_pinyin_order(rows)
    mark = Markup(MARK)
    marks = [(name, ((None, mark),)) for name in names]
    context = _index_context(options, [mark] * len(parts), marks, all_feed, unpublished, listed, code)
    frame = _template_text("index.html", context, options.templates, assembling=True).split(MARK)
    pieces = [part.card for part in parts] + ["".join(rows[name]) for name in names]
    if len(frame) != len(pieces) + 1:  # a mark in the page's own text: the pieces put in, the page read whole
        whole = {**context, **_pieces(pieces, len(parts), names)}
        return fill(_template_text("index.html", whole, options.templates, assembling=True))
    shown_there = set(shown("".join(frame)))
    for text in (*(part.shown for part in parts), shown("\0".join(ahead))):
        shown_there.update(text)
    page = "".join(piece for pair in zip(frame, [*pieces, ""], strict=True) for piece in pair)
    return fill(page, "".join(sorted(shown_there)))


MARK = "\0"
"""Where the page frame takes a plan's card or a unit's row: no schedule file's text holds it (YAML refuses it
unescaped), and a page that does is put together the slow way."""


def _pieces(pieces: Sequence[str], cards: int, names: Sequence[str]) -> dict[str, object]:
    from markupsafe import Markup

    return {
        "schedules": tuple(Markup(card) for card in pieces[:cards]),
        "units": tuple((name, ((None, Markup(row)),)) for name, row in zip(names, pieces[cards:], strict=True)),
    }


def index_part(
    timeline: Timeline, feeds: Sequence[Feed], options: PageOptions, *, code: bool, problem: str | None = None
) -> IndexPart:
    """One plan's part of the index page: its card and its units' rows, QR codes beside them when `code`."""
    from schedgen.export.page.webfont import shown

    if code and options.base_url:  # the same codes as the plan's own page: kept once for both
        _kept_codes([_webcal(feed, options.base_url) for feed in feeds])
    card = _template_text(
        "index-plan.html",
        {**_common(options), "plan": _card(timeline, feeds, options, code, problem)},
        options.templates,
    )
    title = timeline.schedule.title
    units = tuple(
        (feed.name, _unit_row(title, _feed(feed, options.base_url, "", code=code), options)) for feed in feeds[1:]
    )
    return IndexPart(card, units, shown("\0".join([card, *(row for _, row in units)])))


def _unit_row(title: str, feed: FeedLink, options: PageOptions) -> str:
    return _template_text("index-unit.html", {**_common(options), "title": title, "feed": feed}, options.templates)


def _common(options: PageOptions) -> dict[str, object]:
    """What every part of the index page may show besides its own: the day and the site's address."""
    return {"as_of": options.as_of.isoformat(), "base_url": options.base_url}


def _card(timeline: Timeline, feeds: Sequence[Feed], options: PageOptions, code: bool, problem: str | None) -> PlanCard:
    sid = timeline.schedule.id
    glance = summary(timeline, options.as_of, options.within)
    return PlanCard(
        id=sid,
        title=timeline.schedule.title,
        window=f"{timeline.window.start} 至 {timeline.window.end}",
        tasks=len(timeline.items),
        counts=glance.tasks,  # as the plan's own page counts: each task once, not each due point
        next=glance.upcoming,
        charts=tuple((fmt.upper(), f"{sid}/gantt.{fmt}") for fmt in options.charts),
        feed=_feed(feeds[0], options.base_url, "", code=code) if feeds else None,
        problem=problem,
    )


def _index_context(
    options: PageOptions,
    schedules: Sequence[PlanCard | Markup],
    units: Sequence[tuple[str, Sequence[tuple[str | None, FeedLink | Markup]]]],
    all_feed: Feed | None,
    unpublished: Sequence[tuple[str, str]],
    listed: int,
    code: bool,
) -> dict[str, object]:
    """What `index.html` is rendered with: its cards and units' rows (as pieces rendered apart, or marks where
    they go), and the rest of the page."""
    context = IndexContext(
        as_of=options.as_of.isoformat(),
        schedules=tuple(schedules),
        units=tuple((name, tuple(feeds)) for name, feeds in units),
        all_feed=_feed(all_feed, options.base_url, "") if all_feed else None,
        base_url=options.base_url,
        css=_css(options.templates),
        unpublished=tuple(unpublished),
        codes_left_out=None if code else _codes_left_out(listed),
    )
    return vars(context)


def _codes_left_out(listed: int) -> str:
    return f"本页列出 {listed} 个订阅，超过 {INDEX_QR_LIMIT} 个，不在本页逐一显示二维码：二维码在各计划的页面上。"


def _whole_index(
    entries: Sequence[tuple[ListedPlan, Sequence[Feed]]],
    all_feed: Feed | None,
    options: PageOptions,
    org_feeds: Sequence[tuple[str, Feed]],
    stale: Mapping[str, str],
    unpublished: Sequence[tuple[str, str]],
    code: bool,
) -> str:
    """The index page rendered whole from every plan's card, for an `index.html` of the user's own."""
    from schedgen.export.page.webfont import fill

    cards = []
    directory: dict[str, list[tuple[str, FeedLink]]] = {}
    for plan, feeds in entries:
        timeline = plan.timeline
        cards.append(_card(timeline, feeds, options, code, stale.get(plan.id)))
        for feed in feeds[1:]:
            link = _feed(feed, options.base_url, "", code=code)
            directory.setdefault(feed.name, []).append((timeline.schedule.title, link))
    for org, feed in reversed(org_feeds):
        directory.setdefault(feed.name, []).insert(0, (f"{org}全部计划", _feed(feed, options.base_url, "", code=code)))
    units = [(name, directory[name]) for name in in_pinyin_order(directory)]
    listed = sum(len(feeds) for _, feeds in entries) + len(org_feeds) + (all_feed is not None)
    context = _index_context(options, cards, units, all_feed, unpublished, listed, code)
    return fill(_template_text("index.html", context, options.templates))


def in_pinyin_order(names: Iterable[str]) -> tuple[str, ...]:
    """`names` as a clerk looks a unit up, in a dictionary's order: by the pinyin of the first character
    where two differ (发改委, 教育局, 市财政局), not by code point, which puts 市 (U+5E02) before 教 (U+6559)."""
    found = set(names)
    keys = {name: _gb2312_key(name) for name in found}
    if any(key is None for key in keys.values()):
        keys = {name: _pinyin_key(name) for name in found}
    return tuple(sorted(found, key=lambda name: (keys[name], name)))


def _gb2312_key(name: str) -> tuple[str, ...] | None:
    """The name's characters as GB 2312 codes, whose first level (3,755 characters, rows 16 to 55) is in
    pinyin order, homophones by strokes, as in a dictionary (a character read two ways, 长, stands at
    one reading); None for a character outside it.

    Comparing codes needs no pypinyin: its dictionaries take half a second to load, which a first save
    in `serve` felt (1.9 s against 0.5 s from the save to the page showing it)."""
    codes = []
    for ch in name:
        try:
            code = ch.encode("gb2312")
        except UnicodeEncodeError:
            return None
        if len(code) == 2 and code[0] >= 0xD8:  # the second level is ordered by radical, not by sound
            return None
        codes.append(code.hex())
    return tuple(codes)


def _pinyin_key(name: str) -> tuple[str, ...]:
    """The pinyin of each character (the character itself for any other), for names GB 2312's first level
    does not hold."""
    from pypinyin import Style, lazy_pinyin

    # each character's reading in its word (畜牧 xumu), any other character itself: pypinyin takes a
    # callable that returns a list of them, which its type hints do not say
    sounds = lazy_pinyin(name, style=Style.NORMAL, errors=list)  # type: ignore[arg-type]
    return tuple(f"{sound} {ch}" for sound, ch in zip(sounds, name, strict=False))


# ----- templates -----------------------------------------------------------------------------------


@cache
def environment(user_templates: Path | None = None) -> jinja2.Environment:
    """The template environment: `user_templates` overrides any shipped template of the same name.

    One a process: compiling the templates took a third of a rebuild in `serve`, and a template edited
    on disk is still read again (the loader checks the file's time)."""
    from importlib.resources import files

    import jinja2

    folders = [str(user_templates)] if user_templates is not None else []
    folders.append(str(files("schedgen.templates")))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.tests["stage"] = lambda row: isinstance(row, StageLine)
    # `tojson` writes characters, not `\\uXXXX` escapes: half the bytes, and a character outside the Basic
    # Multilingual Plane stays one code point rather than two surrogates the page's font cut must pair again
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    return env


def _render(name: str, context: ReportContext | ScheduleContext | IndexContext, templates: Path | None) -> str:
    from schedgen.export.page.webfont import fill

    return fill(_template_text(name, vars(context), templates))


def _template_text(
    name: str, context: Mapping[str, object], templates: Path | None, *, assembling: bool = False
) -> str:
    """A template rendered, its font slot left to fill; `assembling`: the index page's frame, each plan's card
    and each unit's row a mark where the piece rendered apart goes (`index_page`)."""
    from schedgen.export.page.webfont import SLOT

    env = environment(templates)
    if assembling:
        env = _assembling(env)
    if templates is None:  # the shipped templates: an error in them is the program's, with its traceback
        return env.get_template(name).render(context, webfont=SLOT)
    try:
        return env.get_template(name).render(context, webfont=SLOT)
    except Exception as error:  # a user's template raises whatever its expressions do
        raise _template_error(error, name, templates) from None


_PIECES = {"index-plan.html": "{{ plan }}", "index-unit.html": "{{ feed }}"}
"""The index page's pieces, as its frame is rendered: each shows what it is given, rendered apart."""


@cache
def _assembling(env: jinja2.Environment) -> jinja2.Environment:
    """`env` with the index page's pieces taken as given (`_PIECES`)."""
    import jinja2

    assert env.loader is not None
    return env.overlay(loader=jinja2.ChoiceLoader([jinja2.DictLoader(_PIECES), env.loader]))


def _template_error(error: Exception, name: str, folder: Path) -> BuildError:
    """A user's template that cannot be read or rendered, as `file:line:1: error: …` with the line under it."""
    import traceback

    import jinja2

    if isinstance(error, jinja2.TemplateSyntaxError):  # unknown filters and tests are found when compiling
        where: tuple[str, int] | None = (error.filename or str(folder / (error.name or name)), error.lineno)
        message = _("the template cannot be used: {reason}").format(reason=error.message or str(error))
    else:
        mine = folder.resolve()
        frames = [
            (frame.filename, frame.lineno or 1)
            for frame in traceback.extract_tb(error.__traceback__)
            if frame.filename.endswith(".html") and Path(frame.filename).resolve().is_relative_to(mine)
        ]
        if isinstance(error, RecursionError):
            where = frames[0] if frames else None  # the first `extends` or `include` of the cycle
            message = _("the template extends or includes itself (directly or through another one)")
        else:
            where = frames[-1] if frames else None  # where the error was raised, innermost
            message = _("the template cannot be used: {reason}").format(reason=f"{type(error).__name__}: {error}")
    if where is None:
        return BuildError(_("template {path}: {message}").format(path=folder / name, message=message))
    path, line = where
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        lines = []
    shown = lines[line - 1] if 0 < line <= len(lines) else None
    return BuildError(message, (Diagnostic(Position(path, line, 1), message, source_line=shown),))


def files_text(name: str) -> str:
    """A shipped template file's text."""
    from importlib.resources import files

    return files("schedgen.templates").joinpath(name).read_text(encoding="utf-8")


def _read(folder: Path | None, name: str) -> str | None:
    if folder is not None and (folder / name).is_file():
        return (folder / name).read_text(encoding="utf-8")
    return None


def _css(folder: Path | None) -> str:
    return _read(folder, "schedule.css") or files_text("schedule.css")


def _csp_hash(script: str) -> str:
    """The Content-Security-Policy source that lets this script, and no other, run."""
    digest = hashlib.sha256(script.encode()).digest()
    return "sha256-" + base64.b64encode(digest).decode()


def _feed_links(feeds: Sequence[Feed], base_url: str | None, prefix_to_strip: str) -> tuple[FeedLink, ...]:
    """A plan page's links to its feeds, their QR codes taken from the cache where it keeps them."""
    if base_url:
        _kept_codes([_webcal(feed, base_url) for feed in feeds])
    return tuple(_feed(feed, base_url, prefix_to_strip) for feed in feeds)


def _webcal(feed: Feed, base_url: str) -> str:
    return "webcal://" + _address(feed, base_url).split("://", 1)[1]


def _address(feed: Feed, base_url: str) -> str:
    return base_url.rstrip("/") + "/" + quote(feed.path)


def _feed(feed: Feed, base_url: str | None, prefix_to_strip: str, *, code: bool = True) -> FeedLink:
    """Links to a feed: relative within the site, or webcal and http(s) with a QR code (unless not `code`)
    when the address is known."""
    href = feed.path[len(prefix_to_strip) :] if prefix_to_strip and feed.path.startswith(prefix_to_strip) else feed.path
    if not base_url:
        return FeedLink(feed.name, href)
    from markupsafe import Markup

    url = _address(feed, base_url)
    scheme = url.split("://", 1)[0]
    webcal = _webcal(feed, base_url)
    return FeedLink(feed.name, url, f"{scheme} 链接", webcal, Markup(_qr(webcal)) if code else None)


INDEX_QR_LIMIT = 500
"""Feeds the index draws a QR code beside: a province's index lists some 30,000, whose codes took minutes on
every rebuild and made the page tens of MB; past it, each plan's page has its feeds' codes."""


def _qr(address: str) -> str:
    """The QR code of `address` as inline SVG, made once in a process (`_CODES`): serve makes the index and
    every plan's page again on each save, and their 90 QR codes were 0.7 s of the 0.9 s before the seeds' edit
    showed."""
    found = _CODES.get(address)
    if found is None:
        if len(_CODES) >= _CODES_HELD:
            _CODES.clear()
        found = _CODES[address] = _made_qr(address)
    return found


def _made_qr(address: str) -> str:
    """The QR code of `address`, at error correction M, drawn as segno drew it: one module 2 px, a quiet zone of
    four, each row's runs of dark modules one stroke of a path. zxing-cpp (its writer is Zint's C) encodes it:
    segno, in Python, took 8-10 ms a code, most of it choosing the best of the eight masks, and a province's
    30,000 codes were most of its cold build; zxing-cpp takes 0.5 ms, choosing by the same rules."""
    import numpy as np
    import zxingcpp

    try:
        code = zxingcpp.create_barcode(address, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    except ValueError:  # too long for a QR code: the page still links the address, and says why there is no code
        return f'<span class="qr-none">地址过长（{len(address)} 个字符），无法生成二维码，请用链接订阅</span>'
    dark = np.asarray(code.to_image(scale=1, add_quiet_zones=False)) < 128
    size = dark.shape[0]
    edges = np.diff(np.pad(dark.view(np.int8), ((0, 0), (1, 1))), axis=1)
    rows, starts = np.nonzero(edges == 1)
    ends = np.nonzero(edges == -1)[1]
    strokes: list[str] = []
    x = y = 0  # where the last stroke ended: each stroke moves on from it, as segno's paths do
    for row, start, end in zip(rows.tolist(), starts.tolist(), ends.tolist(), strict=True):
        move = f"m{start - x} {row - y}" if strokes else f"M{start + QR_QUIET} {row + QR_QUIET}.5"
        strokes.append(f"{move}h{end - start}")
        x, y = end, row
    side = (size + 2 * QR_QUIET) * 2
    path = f'<path transform="scale(2)" stroke="#000" d="{"".join(strokes)}"/>'
    return f'<svg width="{side}" height="{side}" class="qr">{path}</svg>'


QR_QUIET = 4
"""The blank modules around a QR code that a reader needs to find it."""


_CODES: dict[str, str] = {}
_CODES_HELD = 1 << 13


def _kept_codes(addresses: Sequence[str]) -> None:
    """Put the QR codes of a page's feed `addresses` into `_CODES`: from the user's cache folder, where the
    last build that made that page kept them, else made and kept there.

    A plan's page is made again every day (it shows what is overdue that day), with its feeds' codes: 30,000
    codes for a province, every morning (segno's took two minutes on two cores, zxing-cpp's some 15 s). An
    entry holds the codes of one page's addresses, its name the digest of those and of how a code is drawn
    (`_drawing`), and is checked by its bytes (`kept`) before it is used."""
    wanted = sorted(set(addresses))
    if not wanted or all(address in _CODES for address in wanted):
        return
    import contextlib
    import json
    import zlib

    from schedgen.files import json_bytes, keep_verified, kept
    from schedgen.plans import cache_folder

    folder = cache_folder()
    identity = "\0".join([_drawing(), *wanted])
    path = folder / f"qr-{hashlib.sha256(identity.encode()).hexdigest()[:24]}.zz" if folder else None
    entry = kept(path) if path is not None else None
    if entry is not None:
        try:
            found = json.loads(zlib.decompress(entry.read_bytes()))
        except (OSError, ValueError, zlib.error):
            found = None
        if isinstance(found, dict) and all(isinstance(found.get(address), str) for address in wanted):
            if len(_CODES) + len(wanted) > _CODES_HELD:
                _CODES.clear()
            _CODES.update((address, found[address]) for address in wanted)
            return
        with contextlib.suppress(OSError):  # not this page's codes: it would be read, and passed over, every build
            entry.unlink()
    made = {address: _qr(address) for address in wanted}
    if path is not None:
        keep_verified(path, zlib.compress(json_bytes(made, compact=True)), QR_KEPT)


@cache
def _drawing() -> str:
    """What a QR code's drawing depends on besides its address: zxing-cpp's version, and schedgen's and its own
    code (`_made_qr`: its error correction, its scale, its quiet zone, its words for an address too long): a
    code kept by another is drawn again, so that a page is the same from a warm cache as from none."""
    from importlib.metadata import version

    from schedgen import __version__

    code = _made_qr.__code__
    own = hashlib.sha256(code.co_code + repr((code.co_consts, code.co_names)).encode()).hexdigest()[:16]
    return f"zxing-cpp {version('zxing-cpp')} schedgen {__version__} {own} quiet {QR_QUIET}"


QR_KEPT = 4_000
"""Pages whose QR codes the cache keeps, the newest written: a province's 500 plans served at eight addresses
(each address its own codes); an entry is 3-10 kB (the seeds' pages, and a generated province's)."""
