"""`schedgen build`: every output of every schedule, rendered into a staging folder and swapped in whole."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import cache, cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard, overload

from schedgen import feedstate
from schedgen.commands import CHART_FORMATS, OUTPUT_KINDS
from schedgen.commands.build_feeds import ALL_LAYOUT, Slugs, SlugsOf, all_layout, feeds
from schedgen.commands.parts import Made, Part, Render, content_key, digest
from schedgen.errors import BuildError, LoadError, SchedgenError
from schedgen.files import RECORDS, Seen, Spliced, Staging, apart, as_seen, json_bytes, listing, staged, write_atomic
from schedgen.i18n import N_, _, chinese
from schedgen.memory import give_back_memory
from schedgen.plans import Broken, Plan, PlanFacts, plan_of, plans, read_all, reading, schedule_files
from schedgen.units import org_split_feeds, split_feeds

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor
    from multiprocessing.context import BaseContext

    from schedgen.export.chart.gantt import ChartOptions
    from schedgen.export.page.html import Feed, IndexPart, PageOptions

CHARTS_LATER_TASKS = 20_000
"""Charts to draw holding this many tasks are drawn after the pages are published unless told otherwise:
drawing the charts of 20,000 tasks takes about 15 s on two cores (1.5 ms a task), and a province's 50,000
about 40."""
MANIFEST = f"{RECORDS}/manifest.json"
"""Each part of the last build: the key of the content that made it and the files it wrote."""
SLUGS = f"{RECORDS}/slugs.json"
SOURCES = f"{RECORDS}/sources"
"""Each plan's schedule file as last published: the version a build keeps publishing while the file is broken."""
SOURCE_INDEX = f"{RECORDS}/sources.json"
"""The units' feed slugs the last build worked out, and the key of the units they are for."""
SEAL = f"{RECORDS}/seal.json"
"""What the last whole build was made from (a key of its inputs) and every file it left, as `files.as_seen`:
a build of the same inputs into a folder still so has nothing to do, and reads no plan."""


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote: how many files, of which how many were rendered and how many reused."""

    output: Path
    schedules: int
    files: int
    rendered: int
    reused: int
    tasks: int = 0
    """How many tasks the plans built hold."""
    deferred: int = 0
    """Chart files left as they were published (out of date), or stood in for, for later: `defer_charts`."""
    pending: tuple[Part, ...] = ()
    """The charts this build deferred, to be drawn into the published site (`commands.later`)."""
    broken: tuple[str, ...] = ()
    """Each schedule file that did not read, as its errors: the rest was published, and of a broken plan
    its last good version (`last_good`)."""
    kept: tuple[str, ...] = ()
    """Files (and empty folders, `name/`) of the output folder that no build wrote, carried into the new one."""
    warnings: tuple[str, ...] = ()
    """What the user should know: each record of the last build that was damaged and read as missing, and
    characters a chart drew as boxes."""
    sealable: tuple[str, Seen] | None = None
    """The key of the inputs of a build whole but for the charts it deferred, and its seal as published: once
    every one is drawn into the site, the site is sealed as of those inputs (`seal_drawn`)."""


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
    defer_charts: bool | None = False,
    superseded: Callable[[], bool] = lambda: False,
    progress: Callable[[str], None] = lambda _: None,
    early: Callable[[str, bytes], None] | None = None,
) -> BuildResult:
    """Render every output of every schedule and swap the result in place of `output`.

    Parts whose content key is unchanged are taken from the previous build; charts render in `jobs`
    worker processes, all the files of one plan's charts from one layout. With `defer_charts`, charts
    that changed keep their published version, recorded as out of date, or, never published, a stand-in
    that says it is being drawn, so that pages and feeds go out at once; they are the result's `pending`,
    drawn after into the published site (what `serve` and `build --charts later` do); None defers them when
    the charts to draw hold CHARTS_LATER_TASKS tasks or more. The feed ledger is read from
    `state` (default: the one inside `output`) and written back with the build: into the staged folder,
    or into `state` just before the new site is swapped in. While it waits for charts, it asks
    `superseded` between plans and, when told yes, raises Superseded and publishes nothing. `early` is
    given each plan's page rendered anew as soon as it is (its path and bytes), before the rest is built.
    """
    kinds = set(only)
    state = _own_state(paths, output, templates, state)
    warnings: list[str] = []
    read = read_all(schedule_files(paths))
    inputs = _inputs(paths, read, year, kinds, as_of, base_url, templates, state)
    sealed = Seal.of(output, warnings.append)
    if sealed is not None and (done := sealed.unchanged(output, inputs, state)) is not None:
        return done
    sealable: tuple[str, Seen] | None = None
    with Drawing(jobs if kinds & {"html", *CHART_FORMATS} else 1) as drawing:
        broken: list[Broken] = []
        found = plans(paths, year=year, broken=broken, as_read=read)
        if not found:  # nothing reads: nothing to publish, and every file's problems said
            raise LoadError(
                _("{count} schedule file(s) do not read").format(count=len(broken)),
                tuple(d for b in broken for d in b.error.diagnostics),
            )
        tasks = sum(plan.facts.tasks for plan in found)
        sources = last_good(found, broken, read, paths, output, year, warnings.append)
        if early is not None:
            early = _of_saved(early, output, sources, read)
        recorded = _manifest(output, warnings.append)
        previous = recorded or {}
        chart_parts = list(charts(found, kinds, as_of))
        if defer_charts is None:
            defer_charts = _tasks_to_draw(found, chart_parts, previous) >= CHARTS_LATER_TASKS
        ledgers: dict[str, bytes] = {}
        slugs_at = output / SLUGS
        stored_slugs = _stored_json(slugs_at, warnings.append)
        slugs = Slugs([p.facts for p in found], stored_slugs, lambda why: warnings.append(_damaged(slugs_at, why)))
        groups: list[tuple[str, Iterable[Part]]] = []
        if "html" in kinds:
            parts_kept = _published(output, previous.get("index.html"))
            groups.append(
                ("html", pages(found, kinds, as_of, base_url, templates, slugs, sources.problems, parts_kept))
            )
        if chart_parts:
            groups.append(("charts", chart_parts))
        manifest: dict[str, Made] = {}
        staging_of: list[Staging] = []  # the staging folder, once there is one

        def staged_file(relative: str) -> str | None:
            """The path of a file as this build publishes it, or None when it has none."""
            if not staging_of:
                return None
            path = staging_of[0].root / relative
            return str(path) if path.is_file() else None

        if "ics" in kinds:
            ledger_folder = feedstate.folder_for(output, state)
            made = feeds(
                found,
                ledger_folder,
                ledgers,
                now=now,
                previous=previous,
                slugs=slugs,
                warn=warnings.append,
                made_now=manifest,
                staged=staged_file,
                all_before=partial(_all_before, output, previous.get("all.ics"), sealed),
            )
            groups.append(("ics", made))
        if kinds & {"csv", "json"}:
            groups.append(("milestones", milestone_files(found, kinds, as_of)))
        drawn_now: set[str] = set()  # the heavy parts drawn by this build, not taken from the last
        pending: list[Part] = []  # the charts deferred: drawn into the published site after it
        rendered = reused = deferred = 0
        with staged(output, sealed.files if sealed is not None else None) as staging:
            staging_of.append(staging)
            for kind, parts in groups:
                give_back_memory()  # what the last group freed (the index page, all.ics): the next peak adds to it
                progress(kind)
                for part in parts:
                    before = previous.get(part.name)
                    unchanged = part.key is not None and before is not None and before.key == part.key
                    if unchanged and before is not None and staging.reuse(output, before.files, before.digests):
                        manifest[part.name] = before
                        reused += _counted(before.files)
                    elif (
                        part.deferrable
                        and defer_charts
                        and before is not None
                        and staging.reuse(output, before.files, before.digests)
                    ):
                        manifest[part.name] = Made(None, before.files, before.digests)  # out of date: drawn next
                        deferred += len(before.files)
                        pending.append(part)
                    elif part.deferrable and defer_charts and part.stand_in is not None:
                        manifest[part.name] = _write(staging, None, part.stand_in())  # says it is being drawn
                        deferred += len(manifest[part.name].files)
                        pending.append(part)
                    elif part.heavy:
                        drawing.add(part)
                        drawn_now.add(part.name)
                    else:
                        manifest[part.name] = _write(staging, part.key, part.render())
                        rendered += _counted(manifest[part.name].files)
                    for drawn, files in drawing.finished(wait=False):
                        manifest[drawn.name] = _write(staging, drawn.key, files)
                        rendered += _counted(files)
                        _show_early(early, drawn.name, files, previous)
            give_back_memory()
            for drawn, files in drawing.finished(wait=True, superseded=superseded):
                manifest[drawn.name] = _write(staging, drawn.key, files)
                rendered += _counted(files)
                _show_early(early, drawn.name, files, previous)
            # each record written only when it changed: an unchanged ledger or source stays the file it was
            for schedule_id, ledger in ledgers.items() if state is None else ():
                staging.put(f"{feedstate.IN_OUTPUT}/{schedule_id}.json", ledger)
            if state is not None:  # before the swap: a ledger that cannot be written leaves the published site
                feedstate.save(state, ledgers)
            carried = staging.carry_over(None if recorded is None else {f for m in recorded.values() for f in m.files})
            staging.put(MANIFEST, json_bytes({n: _recorded(m) for n, m in manifest.items()}, compact=True))
            if (kept := slugs.record()) is not None:
                staging.put(SLUGS, json_bytes(kept))
            for sid, raw in sources.kept.items():
                staging.put(f"{SOURCES}/{sid}.yaml", raw)
            staging.put(SOURCE_INDEX, json_bytes(sources.index))
            repeated = chart_warnings(found) if kinds & set(CHART_FORMATS) else ()
            if "ics" in kinds:  # said on every build, as the charts' are, while the plan writes them so
                repeated += tuple(line for p in found for line in split_feeds(p.id, p.facts.probably_one))
                facts = [(p.id, p.facts.org, p.facts.title, p.facts.registry, p.facts.named) for p in found]
                repeated += tuple(org_split_feeds(facts))
                repeated += tuple(_unowned_warning(p.facts) for p in found if p.facts.unowned)
            total = rendered + reused + deferred
            result = BuildResult(output, len(found), total, 0, total, kept=tuple(carried), warnings=repeated)
            staging.mark()
            # a build with a plan that did not read or charts left to draw is not whole: it lists its files, for
            # the next build to take them unread (a save under serve defers its charts), but names no inputs
            whole = inputs if not broken and not deferred else None
            ledger_digests = {sid: digest(ledger) for sid, ledger in ledgers.items()} if state is not None else {}
            staging.put(SEAL, Seal(whole, staging.listing({SEAL}), result, ledger_digests).encode())
            progress("swap")
            staging.swap()
            if inputs is not None and not broken and deferred:
                sealable = (inputs, as_seen((output / SEAL).stat()))
    warnings.extend(repeated)
    if kinds & set(CHART_FORMATS):
        drawn_now.update(part.name for part in pending)  # drawn after, from this layout: said now
        warnings.extend(shortened_warnings([p for p in found if f"{p.id}/gantt" in drawn_now], as_of))
    said = tuple(d.render() for b in broken for d in b.error.diagnostics)
    return BuildResult(
        output,
        len(found),
        total,
        rendered,
        reused,
        tasks,
        deferred,
        tuple(pending),
        said,
        tuple(carried),
        tuple(warnings),
        sealable,
    )


def seal_drawn(output: Path, sealable: tuple[str, Seen]) -> None:
    """Seal `output`, a site whose deferred charts are now every one drawn, as the whole build of the inputs
    `sealable` names: the next build of them then publishes nothing, as after an eager build. A site another
    build published meanwhile (its seal not the one `sealable` names) is left as it is."""
    inputs, published = sealable
    path = output / SEAL
    try:
        if as_seen(path.stat()) != published:
            return
    except OSError:
        return
    sealed = Seal.of(output, lambda _: None)
    files = listing(output, {SEAL})
    if sealed is not None and sealed.inputs is None and files is not None:
        # a chart drawn taller than its stand-in has more pages: the count the next build repeats is the site's
        count = sealed.result.files + len(files.keys() - sealed.files.keys()) - len(sealed.files.keys() - files.keys())
        result = replace(sealed.result, files=count, reused=count)
        write_atomic(path, Seal(inputs, files, result, sealed.ledgers).encode())


@dataclass(frozen=True)
class Seal:
    """What a whole build (every plan read, no chart left out of date) was made from, the files it left in
    the output folder, and what it said. A build whose inputs have the same key, into a folder whose files
    are still each the very file that build left (and, with `--state`, whose ledgers are those it wrote),
    would make every file anew byte for byte: it publishes nothing and says what that build said. A build
    that was not whole leaves its files only (`inputs` None): the next one takes those unread, and builds."""

    inputs: str | None
    files: dict[str, Seen]
    result: BuildResult
    ledgers: dict[str, str | None]
    """The digest of each schedule's ledger kept outside the site (`--state`), by schedule id."""

    def encode(self) -> bytes:
        said = self.result
        shown = {"schedules": said.schedules, "files": said.files, "kept": said.kept, "warnings": said.warnings}
        record = {"inputs": self.inputs, "files": self.files, "result": shown, "ledgers": self.ledgers}
        return json_bytes(record, compact=True)

    @classmethod
    def of(cls, output: Path, warn: Callable[[str], None]) -> Seal | None:
        """The seal the last build left in `output`, or None (`warn` told when it is damaged)."""
        path = output / SEAL
        found: Any = _stored_json(path, warn)
        if found is None:
            return None
        try:
            said = found["result"]
            files = {str(k): (int(v[0]), int(v[1]), int(v[2])) for k, v in found["files"].items()}
            result = BuildResult(
                output,
                int(said["schedules"]),
                int(said["files"]),
                0,
                int(said["files"]),
                kept=tuple(str(k) for k in said["kept"]),
                warnings=tuple(str(w) for w in said["warnings"]),
            )
            ledgers = {str(k): None if v is None else str(v) for k, v in found["ledgers"].items()}
            inputs = found["inputs"]
            return cls(None if inputs is None else str(inputs), files, result, ledgers)
        except (KeyError, TypeError, ValueError, AttributeError, IndexError):
            warn(_damaged(path, "not a record of a build's inputs and files"))
            return None

    def unchanged(self, output: Path, inputs: str | None, state: Path | None) -> BuildResult | None:
        """What the sealed build said, when a build of `inputs` into `output` would make every file as it is."""
        if inputs is None or self.inputs is None or inputs != self.inputs:
            return None
        if state is not None:
            for sid, kept in self.ledgers.items():
                if digest(feedstate.read_bytes(state, sid)) != kept:
                    return None
        if listing(output, {SEAL}) != self.files:
            return None
        return self.result


def _inputs(
    paths: Sequence[Path],
    read: Mapping[Path, bytes],
    year: int | None,
    kinds: set[str],
    as_of: date,
    base_url: str | None,
    templates: Path | None,
    state: Path | None,
) -> str | None:
    """A key of everything a build's files are made from but the output folder itself (the last build's
    records and ledgers): each schedule file's path and bytes, how they are read, the options, the user's
    templates, the fonts and the program's code; None when a file does not read (a build with a broken
    plan is never whole, see `Seal`)."""
    import os

    files = schedule_files(paths)
    if any(path not in read for path in files):
        return None
    named = [(str(p), os.path.abspath(p), hashlib.sha256(read[p]).hexdigest()) for p in files]
    fonts: list[object] = []
    try:
        if "html" in kinds:
            fonts.append(_page_font())
        if kinds & set(CHART_FORMATS):
            fonts.append(_chart_font())
    except (SchedgenError, OSError):  # no font: the build itself says so, and is not sealed
        return None
    where = None if state is None else os.path.realpath(state)
    options = (sorted(kinds), as_of, base_url, folder_digest(templates), where)
    return content_key("seal", named, reading(year), options, fonts)


@dataclass(frozen=True)
class Problems:
    """What the pages say of schedule files that did not read."""

    stale: tuple[tuple[str, str], ...] = ()
    """Plans published in their last good version: the plan's id and the file's first problem."""
    unpublished: tuple[tuple[str, str], ...] = ()
    """Files never published: the file and its first problem."""


@dataclass(frozen=True)
class Sources:
    """The schedule files a build publishes from: each plan's bytes (kept in the site for when the file
    breaks), which file each plan was read from, and what is wrong with the files that broke."""

    kept: dict[str, bytes]
    index: dict[str, str]
    problems: Problems


def last_good(
    found: list[Plan],
    broken: Sequence[Broken],
    read: Mapping[Path, bytes],
    paths: Sequence[Path],
    output: Path,
    year: int | None,
    warn: Callable[[str], None],
) -> Sources:
    """The sources of this build (`read`: the files as `plans` read them), `found` joined by the last good
    version of each broken plan that the site keeps (in the order of the files), and each broken file's
    first problem, by plan or by file."""
    import os

    stored = _stored_json(output / SOURCE_INDEX, warn)
    index = (
        {k: v for k, v in stored.items() if isinstance(k, str) and isinstance(v, str)}
        if isinstance(stored, dict)
        else {}
    )
    # each plan's bytes as `plans` read them, not read again
    as_read = {str(path): data for path, data in read.items()}
    kept = {plan.id: as_read[plan.facts.path] for plan in found}
    stale: list[tuple[str, str]] = []
    unpublished: list[tuple[str, str]] = []
    taken = {plan.id for plan in found}
    for fault in broken:
        first = _first_problem(fault, read, year)
        sid = index.get(os.path.abspath(fault.path))
        last: Plan | None = None
        raw = b""
        if sid is not None and sid not in taken:
            with contextlib.suppress(LoadError, OSError):
                raw = (output / SOURCES / f"{sid}.yaml").read_bytes()
                last = plan_of(raw, fault.path, year=year)
        if last is None or sid is None or last.id != sid:
            unpublished.append((str(fault.path), first))
            continue
        # its pages say what is wrong, so they are made again: the key names the problem
        found.append(replace(last, key=content_key(last.key, first)))
        kept[sid] = raw
        stale.append((sid, first))
        taken.add(sid)
    order = {str(path): n for n, path in enumerate(schedule_files(paths))}
    found.sort(key=lambda plan: order.get(plan.facts.path, len(order)))
    where = {p.id: os.path.abspath(p.facts.path) for p in found}
    return Sources(kept, {where[sid]: sid for sid in kept}, Problems(tuple(stale), tuple(unpublished)))


def _first_problem(fault: Broken, read: Mapping[Path, bytes], year: int | None) -> str:
    """A broken file's first problem with its line and caret, as its pages show it: read again in Chinese,
    as everything on a page is, while the command line said it in the user's language."""
    error: SchedgenError = fault.error
    raw = read.get(fault.path)
    if raw is not None:
        with chinese():
            try:
                plan_of(raw, fault.path, year=year)
            except SchedgenError as again:
                error = again
    return error.diagnostics[0].render() if error.diagnostics else str(error)


def _own_state(paths: Sequence[Path], output: Path, templates: Path | None, state: Path | None) -> Path | None:
    """The ledger folder the user named, refusing an output folder that would take with it what the build
    reads; None (the ledger inside the site) for the ledger's own place in the output folder."""
    import os

    if state is not None and os.path.realpath(state) == os.path.realpath(feedstate.folder_for(output, None)):
        return None
    if state is not None and os.path.realpath(state).startswith(os.path.realpath(output).rstrip(os.sep) + os.sep):
        raise BuildError(
            _(
                "--state {state} lies inside the output folder {output}, which each build replaces, "
                "so the feed ledger would be lost with it; keep it outside, or leave out --state: "
                "the ledger then lives in {value} and goes with the site"
            ).format(state=state, output=output, value=feedstate.folder_for(output, None))
        )
    inputs = [(N_("the schedule folder") if p.is_dir() else N_("the schedule file"), p) for p in paths]
    inputs += [(N_("the schedule file"), p) for p in schedule_files(paths) if p not in paths]
    inputs += [(option, p) for option, p in (("--templates", templates), ("--state", state)) if p is not None]
    apart(output, inputs, shallow=[p for p in paths if p.is_dir()])
    return state


class Superseded(Exception):
    """A build given up for a newer one: a schedule changed while it waited for its charts."""


class Drawing:
    """Heavy parts rendered over `jobs` worker processes while the build goes on, their files taken as they come.

    Forked workers start with their parent's memory and each counts it again, so they are forked first,
    before the plans are loaded; with one job, the parts render in this process: the pages as they come (a
    saved plan's first, which `serve` shows before the rest is built), the charts once all are known, each
    after asking whether a newer save has made them moot.
    """

    def __init__(self, jobs: int, *, fresh: bool = False) -> None:
        self.jobs = jobs
        self.fresh = fresh
        self.pool: ProcessPoolExecutor | None = None
        self.pending: list[tuple[Part, Future[Mapping[str, bytes | Spliced]] | None]] = []
        if jobs > 1:
            from concurrent.futures import ProcessPoolExecutor

            context = _workers(fresh)
            with _interrupts_held():
                self.pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_ignore_interrupts)
                if context.get_start_method() == "fork":
                    self.pool.submit(int)  # a first task forks every worker now

    def __enter__(self) -> Drawing:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        self.close(abandon=kind is not None)

    def add(self, part: Part) -> None:
        """Start rendering `part`."""
        if self.pool is None:
            self.pending.append((part, None))
            return
        with _interrupts_held():  # a worker may start now
            self.pending.append((part, self.pool.submit(_call, part.render)))

    def finished(
        self, *, wait: bool, superseded: Callable[[], bool] = lambda: False
    ) -> Iterator[tuple[Part, Mapping[str, bytes | Spliced]]]:
        """The parts rendered so far and their files, in the order they were added (with one job, a page is
        rendered now); with `wait`, all of them, unless `superseded` says, before each, that they are no longer
        wanted."""
        while self.pending:
            part, future = self.pending[0]
            ready = future.done() if future is not None else not part.deferrable  # one job: a page now, charts last
            if not wait and not ready:
                return
            if wait and superseded():
                raise Superseded(_("a schedule changed while the charts were drawn; the next build draws them"))
            while future is not None and not future.done():  # asking now and then, as a chart may take a while
                from concurrent.futures import wait as wait_for

                wait_for([future], timeout=SUPERSEDED_POLL)
                if not future.done() and superseded():
                    raise Superseded(_("a schedule changed while the charts were drawn; the next build draws them"))
            self.pending.pop(0)
            yield part, self._result(part, future) if future is not None else part.render()

    def _result(self, part: Part, future: Future[Mapping[str, bytes | Spliced]]) -> Mapping[str, bytes | Spliced]:
        """A part's files from its worker; drawn again alone when a worker died (the OOM killer, a crash),
        which breaks the pool and every part it was drawing: the part that kills a worker of its own is named."""
        from concurrent.futures.process import BrokenProcessPool

        try:
            return future.result()
        except BrokenProcessPool:
            pass
        if self.pool is not None and self.jobs != 1:  # from now on one worker, one part at a time
            self.pool.shutdown(cancel_futures=True)
            self.pool, self.jobs = None, 1
        if self.pool is None:
            from concurrent.futures import ProcessPoolExecutor

            with _interrupts_held():  # as every worker: Ctrl-C is the build's to handle
                self.pool = ProcessPoolExecutor(
                    max_workers=1, mp_context=_workers(self.fresh), initializer=_ignore_interrupts
                )
        try:
            with _interrupts_held():
                again = self.pool.submit(_call, part.render)
            return again.result()
        except BrokenProcessPool:
            self.close()
            self.pool = None
            raise BuildError(
                _(
                    "the worker process drawing {name} died (killed, perhaps for want of memory, or "
                    "crashed), and died again when it was drawn alone; nothing was published"
                ).format(name=part.name)
            ) from None

    def close(self, *, abandon: bool = False) -> None:
        """Stop the workers, dropping what a failed build left unrendered; when the build is abandoned
        (Ctrl-C, a newer save, an error), without waiting for the charts being drawn."""
        if self.pool is None:
            return
        if abandon:
            _end_workers(self.pool)
        self.pool.shutdown(cancel_futures=True)


SUPERSEDED_POLL = 0.25  # seconds between two questions whether the charts being drawn are still wanted


@contextlib.contextmanager
def _interrupts_held() -> Iterator[None]:
    """SIGINT held back from this thread meanwhile (POSIX), and from every process it starts, for good.

    Ctrl-C reaches every process of the terminal's process group: a chart worker it hits while the worker
    starts dies with "Fatal Python error" and a traceback. A worker started now inherits SIGINT held and
    then ignores it; this thread gets a Ctrl-C made meanwhile as soon as the block ends, and stops them.
    """
    import signal

    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _ignore_interrupts() -> None:
    """A chart worker ignores Ctrl-C: the build that started it stops it. A handler of SIGTERM forked with it
    (serve's, which raises KeyboardInterrupt) is dropped: a worker asked to end ends, and at once."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _end_workers(pool: ProcessPoolExecutor) -> None:
    """End the pool's workers now: what they draw is no longer wanted, and they write nothing themselves."""
    end = getattr(pool, "kill_workers", None)  # Python 3.14
    if end is not None:
        end()
    else:
        # killed, not asked: a worker ended while it holds the pool's queue lock leaves that lock held, so
        # every worker goes, and none can be left waiting on it for the shutdown to wait on in turn
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.kill()
    # a worker killed half way through sending its files left the pool reading the rest for good, as this
    # process holds the results pipe's writing end too: with it closed, the read ends (EOF) once they are gone
    results = getattr(getattr(pool, "_result_queue", None), "_writer", None)
    if results is not None:
        results.close()


def _write(staging: Staging, key: str | None, files: Mapping[str, bytes | Spliced]) -> Made:
    """Write a part's files into the staging folder, each only when its bytes changed; what the manifest
    records of them (no digest of a file spliced from others': its bytes are never read)."""
    for relative, data in files.items():
        staging.put(relative, data)
    digests = tuple(None if isinstance(data, Spliced) else hashlib.sha256(data).hexdigest() for data in files.values())
    return Made(key, tuple(files), digests)


def _show_early(
    early: Callable[[str, bytes], None] | None,
    name: str,
    files: Mapping[str, bytes | Spliced],
    previous: Mapping[str, Made],
) -> None:
    """Give `early` a plan's page (`<id>/index.html`) just rendered: `serve` shows a saved plan's page at once.
    Only a page the last build published (`previous`) is replaced: a new plan's page put into the published
    folder would be a file no build wrote, which the build then refuses to write over (`carry_over`), and a
    file of that name someone put there is theirs."""
    page, before = files.get(name), previous.get(name)
    published = before is not None and name in before.files
    if early is not None and name.endswith("/index.html") and isinstance(page, bytes) and published:
        early(name, page)


def _of_saved(
    early: Callable[[str, bytes], None], output: Path, sources: Sources, read: Mapping[Path, bytes]
) -> Callable[[str, bytes], None]:
    """`early`, given only the pages of plans saved since the site was published (their schedule file no
    longer the one the site keeps): the first save of a day renders every page anew, and each shown early
    reloaded the open pages again, 500 times for a province."""
    import os

    files = {sid: path for path, sid in sources.index.items()}
    as_read = {os.path.abspath(path): data for path, data in read.items()}

    def shown(name: str, page: bytes) -> None:
        sid = name.rpartition("/")[0]
        try:
            saved = (output / SOURCES / f"{sid}.yaml").read_bytes() != as_read.get(files.get(sid, ""))
        except OSError:
            saved = True
        if saved:
            early(name, page)

    return shown


def _counted(files: Iterable[str]) -> int:
    """How many of a part's files a build says it rendered or reused: its records (a plan's part of the index,
    where each plan's events lie in `all.ics`) are not counted."""
    return sum(not relative.startswith(f"{RECORDS}/") for relative in files)


def _recorded(made: Made) -> dict[str, object]:
    """A part as the manifest keeps it."""
    return {"key": made.key, "files": made.files, "digests": made.digests}


def _call(render: Render) -> Mapping[str, bytes | Spliced]:
    """A part rendered in a worker, which then gives back what the rendering freed: a page's font cut takes
    some 60 MB for a moment, and two workers kept up to 200 MB each by the end of a province's pages."""
    try:
        return render()
    finally:
        give_back_memory()


def _workers(fresh: bool = False) -> BaseContext:
    """Forked workers start at once with what the build has imported; fork only a process with one thread
    (`serve` rebuilds from a watcher thread), else, or when asked for `fresh` ones (a process holding a
    whole province, whose every forked worker would count its memory again), start fresh interpreters."""
    import multiprocessing
    import sys
    import threading

    if not fresh and sys.platform.startswith("linux") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _stored_json(path: Path, warn: Callable[[str], None]) -> object:
    """What a JSON file the previous build kept holds, or None when it is missing or damaged (`warn` told so)."""
    import json

    try:
        return json.loads(path.read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, ValueError, RecursionError) as error:
        warn(_damaged(path, _("nested too deep") if isinstance(error, RecursionError) else str(error)))
        return None


def _damaged(path: Path, why: str) -> str:
    """The line that says a record of the last build is damaged and read as missing."""
    return f"{path}: " + _("warning: damaged ({why}); read as missing, and what it recorded is made again").format(
        why=why
    )


def _manifest(output: Path, warn: Callable[[str], None]) -> dict[str, Made] | None:
    """What the previous build made, by part, or None when there is no readable previous build."""
    path = output / MANIFEST
    found = _stored_json(path, warn)
    if found is None:
        return None
    made: dict[str, Made] = {}
    for name, entry in found.items() if isinstance(found, dict) else [("", None)]:
        entry = entry if isinstance(entry, dict) else {"key": 0}
        key, files, digests = entry.get("key"), entry.get("files"), entry.get("digests")
        if not (
            isinstance(key, str | None)
            and _texts(files)
            and (digests is None or (_digests(digests) and len(digests) == len(files)))
        ):
            warn(_damaged(path, _("not a record of the parts of a site, at {name!r}").format(name=str(name)[:60])))
            return None
        made[name] = Made(key, tuple(files), None if digests is None else tuple(digests))
    return made


def _texts(found: object) -> TypeGuard[list[str]]:
    return isinstance(found, list) and all(isinstance(f, str) for f in found)


def _digests(found: object) -> TypeGuard[list[str | None]]:
    return isinstance(found, list) and all(f is None or isinstance(f, str) for f in found)


def charts(found: Sequence[Plan], kinds: Iterable[str], as_of: date) -> Iterator[Part]:
    """`<id>/gantt.png|pdf|svg` (and `gantt-2.png`... for a tall plan) for every schedule, states judged on `as_of`:
    one part per plan, laid out once and drawn into every format."""
    from schedgen.export.chart.gantt import ChartOptions

    wanted = tuple(k for k in CHART_FORMATS if k in kinds)
    if not wanted:
        return
    drawn_with = _chart_font()  # fails before anything is rendered, with the words that say how to get a font
    options = ChartOptions(as_of=as_of)
    # the largest plans first, so that no worker is left drawing a large chart alone at the end
    for plan in sorted(found, key=lambda p: p.facts.tasks, reverse=True):
        key = content_key("charts", plan.key, wanted, options, drawn_with)
        sid = plan.id
        draw = partial(_chart_files, plan, wanted, options)
        stand_in = partial(_stand_in_files, sid, wanted, options)
        yield Part(f"{sid}/gantt", draw, key, heavy=True, deferrable=True, stand_in=stand_in)


def _chart_font() -> tuple[str, int, int]:
    """The font the charts are drawn with, as their keys name it: a chart is drawn anew when it changes."""
    from schedgen.export.chart.fonts import find_font

    font = find_font()
    stat = font.stat()
    return str(font), stat.st_size, stat.st_mtime_ns


def _tasks_to_draw(found: Sequence[Plan], chart_parts: Iterable[Part], previous: Mapping[str, Made]) -> int:
    """How many tasks the charts a build must draw hold: those of plans whose charts the last build did not
    draw from the same content. One edited plan of a province is drawn in a tenth of a second by the build's
    own workers, where putting it off to after publishing started fresh processes for it (a second)."""
    held = {f"{plan.id}/gantt": plan.facts.tasks for plan in found}
    return sum(
        held[part.name] for part in chart_parts if (before := previous.get(part.name)) is None or before.key != part.key
    )


def _unowned_warning(plan: PlanFacts) -> str:
    """What a build says of a plan's dated tasks that name no unit: no unit's feed holds them (the first ten
    by id, as `check` names them)."""
    from schedgen.export.report import first_named

    return (
        f"{plan.id}: "
        + _("warning")
        + ": "
        + _(
            "{count} task(s) name no unit, so no unit's feed holds them, only the plan's and all.ics: {ids}; "
            "write their 责任单位 (`check` lists them)"
        ).format(count=len(plan.unowned), ids=first_named(plan.unowned))
    )


def chart_warnings(found: Sequence[Plan]) -> tuple[str, ...]:
    """A warning for each plan with characters its chart's font draws as boxes: said on every build, drawn or
    reused, as long as the plan holds them."""
    from schedgen.export.chart.fonts import find_font, undrawable, undrawable_warning

    font = find_font()
    face = (str(font), font.stat().st_size, font.stat().st_mtime_ns)
    gaps = []
    for plan in found:
        missing = _undrawn.get((plan.key, face))
        if missing is None:
            missing = _undrawn[plan.key, face] = undrawable(plan.facts.characters, font)
        gaps.append((plan.id, missing))
    return tuple(undrawable_warning(font, missing, f"{sid}/gantt: ") for sid, missing in gaps if missing)


_undrawn: dict[tuple[str, tuple[str, int, int]], str] = {}
"""The characters each plan's chart font cannot draw, by the plan's key and the font: `serve` asks on every
save for a province's 500 plans (0.17 s), of which one changed."""


def shortened_warnings(drawn: Sequence[Plan], as_of: date) -> tuple[str, ...]:
    """A warning for each chart drawn with a text it shows only in part, naming each such text in full."""
    from schedgen.export.chart.gantt import ChartOptions, shortened

    found = ((plan.id, shortened(plan.timeline, ChartOptions(as_of=as_of))) for plan in drawn)
    return tuple(
        f"{sid}/gantt: "
        + _("warning")
        + ": "
        + _("{count} text(s) shortened on the chart to fit a row; in full:").format(count=len(cut))
        + "\n"
        + "\n".join(f"  {line}" for line in cut)
        for sid, cut in found
        if cut
    )


def _chart_files(plan: Plan, formats: Sequence[str], options: ChartOptions) -> dict[str, bytes]:
    """A plan's chart files under the plan's folder."""
    from schedgen.export.chart.gantt import render_set

    return {f"{plan.id}/{name}": data for name, data in render_set(plan.timeline, formats, options).items()}


def _stand_in_files(sid: str, formats: tuple[str, ...], options: ChartOptions) -> dict[str, bytes]:
    """A plan's chart files while its chart is not drawn yet, each saying so."""
    return {f"{sid}/{name}": data for name, data in _stand_in(formats, options).items()}


@cache
def _stand_in(formats: tuple[str, ...], options: ChartOptions) -> dict[str, bytes]:
    from schedgen.export.chart.gantt import placeholder_set

    return placeholder_set(formats, options)


def milestone_files(found: Sequence[Plan], kinds: Iterable[str], as_of: date) -> Iterator[Part]:
    """`<id>/milestones.csv|json`: every milestone of a schedule and its state on `as_of`."""
    for plan in found:
        for fmt in ("csv", "json"):
            if fmt in kinds:
                relative = f"{plan.id}/milestones.{fmt}"
                key = content_key(fmt, plan.key, as_of)
                yield Part(relative, partial(_milestones, relative, plan, as_of), key)


def _milestones(relative: str, plan: Plan, as_of: date) -> dict[str, bytes]:
    from schedgen.export import report as rep
    from schedgen.view import milestones

    rows = milestones([plan.timeline], as_of, 14)
    return {relative: rep.report_csv(rows) if relative.endswith(".csv") else rep.report_json(rows, as_of).encode()}


def pages(
    found: Sequence[Plan],
    kinds: Iterable[str],
    as_of: date,
    base_url: str | None,
    templates: Path | None,
    slugs: Slugs,
    problems: Problems | None = None,
    kept: Callable[[str], bytes | None] = lambda _: None,
) -> Iterator[Part]:
    """`<id>/index.html` for every schedule and the site's `index.html`, linking what the build writes,
    and saying which plans are shown as last published because their files do not read (`problems`); the
    index is put together from the plans' parts the last build kept (`kept`, see `_index_page`)."""
    from schedgen.export.page.html import PageOptions

    kinds = set(kinds)
    problems = problems or Problems()
    stale = dict(problems.stale)
    options = PageOptions(
        as_of=as_of,
        base_url=base_url,
        templates=templates,
        charts=tuple(k for k in ("pdf", "png", "svg") if k in kinds),
    )
    own_templates = folder_digest(templates)
    # the page links each PNG page of a tall plan's chart: how many there are depends on the chart's font
    font = (_page_font(), _chart_font() if "png" in kinds else None)
    entries: list[tuple[Plan, Sequence[str] | None, str]] = []  # each plan, the units with a feed of their own, its key
    made = []
    for plan in found:
        sid = plan.id
        names = plan.facts.with_feed if "ics" in kinds else None
        key = content_key("page", plan.key, names, slugs.key, options, own_templates, font, stale.get(sid))
        entries.append((plan, names, key))
        made.append(key)
        # a page embeds its own cut of the CJK font, which takes most of a second: pages draw in workers too
        of = SlugsOf(slugs, names or (), plan.facts)
        render = partial(_schedule_page, plan, names, of, options, stale.get(sid))
        yield Part(f"{sid}/index.html", render, key, heavy=True)
    key = content_key("index", made, options, own_templates, problems)
    yield Part("index.html", partial(_index_page, entries, slugs, options, problems, kept), key)


def _page_font() -> tuple[object, ...] | None:
    """What the font cut a page embeds is made from (the font file, the subsetter, WOFF2 or WOFF): a page is
    cut anew when any of it changes."""
    from schedgen.export.chart import fonts
    from schedgen.export.page import webfont

    font = fonts.bundled_font()  # the font webfont embeds
    if font is None:
        return None
    import fontTools

    stat = font.stat()
    return (str(font), stat.st_size, stat.st_mtime_ns, fontTools.version, webfont._has_brotli())


def _feed_list(plan: PlanFacts, names: Sequence[str] | None, slugs: Mapping[str, str]) -> list[Feed]:
    """A plan's feeds as its page lists them: all its tasks, then each unit's; none when the build makes none."""
    from schedgen.export.page.html import Feed

    if names is None:
        return []
    sid = plan.id
    return [Feed(f"{plan.title}（全部任务）", f"{sid}/{sid}.ics")] + [
        Feed(name, f"{sid}/units/{slugs[name]}.ics") for name in names
    ]


def _schedule_page(
    plan: Plan,
    names: Sequence[str] | None,
    slugs: Mapping[str, str],
    options: PageOptions,
    problem: str | None = None,
) -> dict[str, bytes]:
    from schedgen.export.page.html import schedule_page

    pages = 1
    if "png" in options.charts:  # a plan too tall for one PNG is drawn as gantt.png, gantt-2.png...: link each
        from schedgen.export.chart.gantt import ChartOptions, file_names

        pages = len(file_names(plan.timeline, ["png"], ChartOptions(as_of=options.as_of)))
    page = schedule_page(plan.timeline, _feed_list(plan.facts, names, slugs), options, problem, pages)
    return {f"{plan.id}/index.html": page.encode()}


class _Feeds(Sequence["Feed"]):
    """A plan's feeds as `_feed_list` lists them, counted at once and listed only when read: the index of a
    province reads those of the plans whose parts it renders anew, and counts the others' 30,000."""

    def __init__(self, plan: PlanFacts, names: Sequence[str] | None, slugs: Slugs) -> None:
        self.plan, self.names, self.slugs = plan, names, slugs

    def __len__(self) -> int:
        return 0 if self.names is None else 1 + len(self.names)

    @cached_property
    def listed(self) -> list[Feed]:
        return _feed_list(self.plan, self.names, self.slugs.in_plan(self.plan))

    @overload
    def __getitem__(self, index: int) -> Feed: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Feed]: ...

    def __getitem__(self, index: int | slice) -> Feed | Sequence[Feed]:
        return self.listed[index]


def _index_page(
    entries: Sequence[tuple[Plan, Sequence[str] | None, str]],
    slugs: Slugs,
    options: PageOptions,
    problems: Problems,
    kept: Callable[[str], bytes | None] = lambda _: None,
) -> dict[str, bytes]:
    """`index.html`, put together from each plan's part: the part the last build kept for it in INDEX_PARTS
    (`kept`: a file as the last build published it), where it was made from the same page key and QR codes,
    else rendered anew; and each plan's part, kept for the next build."""
    from schedgen.export.page.html import Feed, index_codes, index_page

    listed = [(plan, _Feeds(plan.facts, names, slugs)) for plan, names, _ in entries]
    across: dict[str, set[str]] = {}  # org -> the units with a feed across its plans
    for plan, names, _key in entries:
        if plan.facts.org and names is not None:
            across.setdefault(plan.facts.org, set()).update(names)
    org_feeds = [
        (org, Feed(name, f"orgs/{slugs.orgs[org]}/units/{slugs.in_org(org)[name]}.ics"))
        for org, names in sorted(across.items())
        for name in sorted(names)
    ]
    all_feed = Feed("全部计划", "all.ics") if any(names is not None for _t, names, _k in entries) else None
    code = index_codes(sum(len(feeds) for _, feeds in listed) + len(org_feeds) + (all_feed is not None), options)
    keys = {plan.id: content_key("index part", key, code) for plan, _, key in entries}
    records = {sid: kept(_part_file(sid)) for sid in keys}
    parts = {sid: part for sid, key in keys.items() if (part := _index_part(records[sid], key)) is not None}
    made: dict[str, IndexPart] = {}
    page = index_page(listed, all_feed, options, org_feeds, dict(problems.stale), problems.unpublished, parts, made)
    files = {"index.html": page.encode()}
    for sid, part in made.items():
        record = {"key": keys[sid], "card": part.card, "units": part.units, "shown": part.shown}
        raw = records[sid] if sid in parts else None  # a part kept: its record as it was
        files[_part_file(sid)] = raw if raw is not None else json_bytes(record, compact=True)
    return files


def _all_before(
    output: Path, made: Made | None, sealed: Seal | None
) -> tuple[str, dict[str, tuple[str, int, int]]] | None:
    """The published `all.ics` and where each plan's events lie in it, by the record the last build kept, while
    it is the very file that build left (by its seal); None when either cannot be told."""
    import os

    layout = all_layout(_published(output, made)(ALL_LAYOUT))
    path = output / "all.ics"
    if layout is None or sealed is None:
        return None
    try:
        found = os.lstat(path)
    except OSError:
        return None
    return (str(path), layout) if sealed.files.get("all.ics") == as_seen(found) else None


INDEX_PARTS = f"{RECORDS}/index"
"""Each plan's part of the index page as rendered (`html.IndexPart`) and the key it was made from: an edit
renders the index of a province anew from its plans' parts and the edited one's (3 s of a 5 s edit, before)."""


def _part_file(sid: str) -> str:
    return f"{INDEX_PARTS}/{sid}.json"


def _index_part(record: bytes | None, key: str) -> IndexPart | None:
    """A plan's part of the index page as kept in `record`, when it was made from `key`."""
    import json

    from schedgen.export.page.html import IndexPart

    if record is None:
        return None
    try:
        found = json.loads(record)
        if found["key"] != key:
            return None
        units = tuple((name, row) for name, row in found["units"])
        card, shown = found["card"], found["shown"]
        if not (isinstance(card, str) and isinstance(shown, str) and all(type(n) is type(r) is str for n, r in units)):
            return None
        return IndexPart(card, units, shown)
    except (ValueError, KeyError, TypeError):  # not a record of a part: rendered anew
        return None


def _published(output: Path, made: Made | None) -> Callable[[str], bytes | None]:
    """The files of a part the last build made (`made`), each as published while it still holds the bytes that
    build wrote (the digest the manifest recorded), else None."""
    digests = dict(zip(made.files, made.digests, strict=True)) if made is not None and made.digests else {}

    def read(relative: str) -> bytes | None:
        expected = digests.get(relative)
        if expected is None:
            return None
        try:
            data = (output / relative).read_bytes()
        except OSError:
            return None
        return data if hashlib.sha256(data).hexdigest() == expected else None

    return read


def folder_digest(folder: Path | None) -> str | None:
    """A digest of the files in a user's templates folder, so that editing a template renders anew."""
    if folder is None:
        return None
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
