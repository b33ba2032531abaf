"""The pipeline end to end: load -> resolve -> exporters, written to a staging folder and swapped in.

Only this module and the CLI touch files. A build renders everything in memory, writes it into a
staging folder beside the output folder, and exchanges the two in one step, so a failed build leaves
the previous output whole and a subscriber never downloads half a feed.
"""

from __future__ import annotations

import contextlib
import ctypes
import difflib
import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from schedgen.calendar_cn import WorkCalendar
from schedgen.errors import BuildError, LoadError
from schedgen.load import load_all, loads
from schedgen.model import STATES, Schedule, Timeline, Unit
from schedgen.resolve import resolve

if TYPE_CHECKING:
    from schedgen.export.gantt import ChartOptions
    from schedgen.export.ics import Stamp

OUTPUT_KINDS = ("html", "png", "pdf", "svg", "ics", "csv", "json")
MARKER = ".schedgen-build"
STATE_DIR = "feed-state"


def timelines(paths: Sequence[Path], *, year: int | None = None, holidays: bool = True) -> list[Timeline]:
    """Every schedule under `paths`, dated; raises LoadError with the problems of all files."""
    calendar = WorkCalendar(holidays=holidays)
    return [resolve(schedule, year=year, calendar=calendar) for schedule in load_all(paths, cached_load)]


CACHE_FROM_BYTES = 500_000
"""Schedules at least this large are kept, parsed, in the user's cache: YAML parsing is most of the
time a report over a 10,000-task plan takes, and the weekly report reads an unchanged file."""


def cached_load(path: Path) -> Schedule:
    """`load(path)`, through a cache keyed by the file's bytes, its path and the loader's own code."""
    import pickle

    from schedgen.load import load

    try:
        raw = path.read_bytes()
    except OSError:
        return load(path)  # the loader says what is wrong with it
    folder = _cache_folder()
    if len(raw) < CACHE_FROM_BYTES or folder is None:
        return load(path)
    code = Path(__file__).parent
    fingerprint = "".join(
        f"{(code / m).stat().st_mtime_ns}:{(code / m).stat().st_size};"
        for m in ("model.py", "when.py", "when_words.py", "load.py", "units.py")
    )
    prefix = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:12]
    key = hashlib.sha256(raw + str(path).encode() + fingerprint.encode()).hexdigest()[:24]
    entry = folder / f"{prefix}-{key}.pickle"
    try:
        with entry.open("rb") as stream:
            cached = pickle.load(stream)
        if isinstance(cached, Schedule):
            return cached
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass
    schedule = load(path)
    with contextlib.suppress(OSError):
        for old in folder.glob(f"{prefix}-*.pickle"):
            old.unlink()
        write_atomic(entry, pickle.dumps(schedule, protocol=pickle.HIGHEST_PROTOCOL))
    return schedule


def _cache_folder() -> Path | None:
    if os.environ.get("SCHEDGEN_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "schedgen"


Render = Callable[[], bytes]
"""A file's content, rendered when asked for: a build writes each file as it goes."""


def slugs_for(found: Sequence[Timeline]) -> dict[str, str]:
    """The feed slug of every unit named in any of the timelines."""
    from schedgen.units import unit_slugs

    names = {name for t in found for item in t.items for name, _ in item.task.roles()}
    registry: list[Unit] = [u for t in found for u in t.schedule.units]
    return unit_slugs(names, registry)


def state_path(timeline: Timeline) -> Path:
    """Where a schedule's feed state lives: beside the schedule file, under version control."""
    return Path(timeline.schedule.path).parent / STATE_DIR / f"{timeline.schedule.id}.json"


def read_state(path: Path) -> dict[str, Stamp]:
    """A feed state file, or an empty state when there is none yet."""
    from schedgen.export.ics import Stamp

    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        raise BuildError(f"{path}: cannot read the feed state ({error}); delete it to start afresh") from None
    try:
        return {uid: Stamp(v["digest"], int(v["sequence"]), v["modified"]) for uid, v in raw.items()}
    except (KeyError, TypeError, ValueError, AttributeError):
        raise BuildError(f"{path}: the feed state is damaged; delete it to start afresh") from None


def feeds(
    found: Sequence[Timeline],
    states: dict[Path, dict[str, Stamp]],
    *,
    now: datetime,
    reminders: Sequence[str] | None = None,
) -> Iterator[tuple[str, Render]]:
    """Every feed of the timelines: per schedule, per unit of a schedule, and all schedules in one.

    There is no unit feed across schedules: plans of different cities name different bodies alike
    (安丘's 市财政局 is not 海东's).

    Stamps every event first and puts each schedule's new feed state into `states`.
    """
    from schedgen.export import ics

    slugs = slugs_for(found)
    parts: list[tuple[list[ics.Event], ics.FeedState]] = []
    index: dict[str, dict[str, object]] = {}
    for timeline in found:
        path = state_path(timeline)
        old = read_state(path)
        chosen = reminders if reminders is not None else (timeline.schedule.reminders or ics.DEFAULT_REMINDERS)
        events = ics.events(timeline, chosen)
        stamps = ics.stamps(events, old, now)
        states[path] = {**old, **stamps}
        parts.append((events, stamps))
        sid, title = timeline.schedule.id, timeline.schedule.title
        yield f"{sid}/{sid}.ics", partial(ics.schedule_feed, timeline, events, stamps)
        for name, mine in sorted(ics.by_unit(events).items()):
            relative = f"{sid}/units/{slugs[name]}.ics"
            yield relative, partial(ics.unit_feed, name, title, mine, stamps)
            index.setdefault(name, {"slug": slugs[name], "feeds": {}})["feeds"][sid] = relative  # type: ignore[index]
    yield "all.ics", partial(ics.combined_feed, "全部计划", parts)
    yield "units.json", partial(_json, dict(sorted(index.items())))


def find_unit(found: Sequence[Timeline], name: str) -> str:
    """The unit a user means by `name` (its name or an alias), or an error listing the closest."""
    names = {n for t in found for item in t.items for n, _ in item.task.roles()}
    aliases = {a: u.name for t in found for u in t.schedule.units for a in u.aliases}
    if name in names:
        return name
    if aliases.get(name) in names:
        return aliases[name]
    near = difflib.get_close_matches(name, sorted(names), n=3, cutoff=0.3)
    hint = f"; did you mean {'、'.join(near)}?" if near else ""
    raise LoadError(f"no task names the unit `{name}`{hint}")


def ics_file(
    path: Path,
    *,
    year: int | None,
    now: datetime,
    reminders: Sequence[str] | None,
    unit: str | None,
    output: Path | None,
) -> bytes:
    """One schedule's feed, or one unit's; written atomically to `output` (with its state) when given."""
    found = timelines([path], year=year)
    sid = found[0].schedule.id
    wanted = f"{sid}/{sid}.ics" if unit is None else f"{sid}/units/{slugs_for(found)[find_unit(found, unit)]}.ics"
    states: dict[Path, dict[str, Stamp]] = {}
    data = next(
        render() for relative, render in feeds(found, states, now=now, reminders=reminders) if relative == wanted
    )
    if output is not None:
        write_atomic(output, data)
        _save_states(states)
    return data


def report(
    paths: Sequence[Path],
    *,
    as_of: date,
    within: int,
    year: int | None = None,
    unit: str | None = None,
    stage: str | None = None,
    by: str = "unit",
    fmt: str = "table",
    width: int = 120,
    templates: Path | None = None,
) -> tuple[bytes, int]:
    """The milestone report in a format, and how many milestones are overdue."""
    from schedgen import report as rep

    found = timelines(paths, year=year)
    rows = rep.milestones(found, as_of, within)
    name = find_unit(found, unit) if unit else None
    if name:
        rows = [r for r in rows if name in dict(r.task.roles())]
    if stage:
        stages = sorted({s.name for t in found for s in t.schedule.stages})
        if stage not in stages:
            raise LoadError(f"no stage `{stage}`; the stages are: {'、'.join(stages)}")
        rows = [r for r in rows if r.task.stage == stage]
    grouped = [(k, v) for k, v in rep.groups(rows, by) if name is None or by != "unit" or k == name]
    overdue = sum(r.state == "overdue" for r in rows)
    if fmt == "json":
        return rep.report_json(rows, as_of).encode(), overdue
    if fmt == "csv":
        return rep.report_csv(rows), overdue
    if fmt == "md":
        return rep.report_markdown(grouped, as_of, within).encode(), overdue
    if fmt == "html":
        from schedgen.export.html import report_page

        counts = {s: sum(r.state == s for r in rows) for s in STATES}
        return report_page(grouped, counts, as_of, within, templates).encode(), overdue
    return (rep.report_table(rows, grouped, as_of, within, width) + "\n").encode(), overdue


def import_file(
    source: Path,
    output: Path | None,
    *,
    year: int,
    sheet: str | None = None,
    force: bool = False,
    prose: bool = False,
) -> tuple[Path, list[str], int]:
    """Import a 配档表 (or draft from a prose plan) into a schedule file; returns it, its problems, its rows.

    The file is written only when the import worked, and never over an existing file unless `force`.
    """
    from schedgen.importers.table import read_rows, to_schedule
    from schedgen.units import slugify

    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", source.stem).strip("-") or slugify(source.stem)
    target = output or Path("schedules") / f"{stem}.yaml"
    if target.exists() and not force:
        raise LoadError(f"{target} exists; choose another -o or pass --force to replace it")
    if prose:
        from schedgen.importers.prose import extract
        from schedgen.importers.table import decode_text

        if not source.is_file() or source.stat().st_size == 0:
            raise LoadError(f"{source}: the file is empty or missing")
        result = extract(decode_text(source.read_bytes(), source), year=year, stem=stem)
    else:
        rows, above = read_rows(source, sheet)
        result = to_schedule(rows, above, year=year, stem=stem)
    text = result.yaml(source.name, draft=prose)
    if not result.problems:
        loads(text, str(target))  # what import writes, check accepts
    write_atomic(target, text.encode())
    return target, result.problems, result.rows


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote."""

    output: Path
    schedules: int
    files: int


def charts(found: Sequence[Timeline], kinds: Iterable[str], as_of: date) -> Iterator[tuple[str, Render]]:
    """`<id>/gantt.png|pdf|svg` for every schedule, states judged on `as_of`."""
    from schedgen.export.gantt import ChartOptions, find_font, render

    wanted = [k for k in ("png", "pdf", "svg") if k in kinds]
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
            names = sorted({n for i in timeline.items if i.timing.kind != "ongoing" for n, _ in i.task.roles()})
            feeds = [Feed(f"{timeline.schedule.title}（全部任务）", f"{sid}/{sid}.ics")]
            feeds += [Feed(name, f"{sid}/units/{slugs[name]}.ics") for name in names]
        entries.append((timeline, feeds))
        yield f"{sid}/index.html", partial(lambda t, f: schedule_page(t, f, options).encode(), timeline, feeds)
    all_feed = Feed("全部计划", "all.ics") if "ics" in kinds else None
    yield "index.html", partial(lambda: index_page(entries, all_feed, options).encode())


def gantt_file(path: Path, output: Path, *, year: int | None, options: ChartOptions) -> int:
    """Draw one schedule's chart into `output` (its format from the suffix); returns the page count."""
    from schedgen.export.gantt import FORMATS, render

    fmt = output.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise BuildError(f"{output}: the file name must end in .png, .pdf or .svg")
    found = timelines([path], year=year)
    if options.unit:
        options = replace(options, unit=find_unit(found, options.unit))
    data = render(found[0], fmt, options)
    write_atomic(output, data)
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", data)) if fmt == "pdf" else 1


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
    progress: Callable[[str], None] = lambda _: None,
) -> BuildResult:
    """Render every output of every schedule and swap the result in place of `output`."""
    found = timelines(paths, year=year)
    kinds = set(only)
    states: dict[Path, dict[str, Stamp]] = {}
    outputs: list[tuple[str, Iterable[tuple[str, Render]]]] = []
    if "html" in kinds:
        outputs.append(("html", pages(found, kinds, as_of, base_url, templates)))
    if kinds & {"png", "pdf", "svg"}:
        outputs.append(("charts", charts(found, kinds, as_of)))
    if "ics" in kinds:
        outputs.append(("ics", feeds(found, states, now=now)))
    if kinds & {"csv", "json"}:
        outputs.append(("milestones", milestone_files(found, kinds, as_of)))
    _guard(output)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.building-", dir=output.resolve().parent))
    count = 0
    try:
        for kind, files in outputs:
            progress(kind)
            for relative, render in files:
                target = _inside(staging, relative)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(render())
                count += 1
        (staging / MARKER).write_text("written by schedgen build; the whole folder is replaced on each build\n")
        progress("swap")
        _swap(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _save_states(states)
    return BuildResult(output, len(found), count)


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file whole or not at all: a temporary file in the same folder, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _save_states(states: Mapping[Path, Mapping[str, Stamp]]) -> None:
    for path, state in states.items():
        data = _json(
            {
                uid: {"digest": st.digest, "sequence": st.sequence, "modified": st.modified}
                for uid, st in sorted(state.items())
            }
        )
        if not path.exists() or path.read_bytes() != data:
            write_atomic(path, data)


def _json(value: object) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


def _inside(root: Path, relative: str) -> Path:
    """`root/relative`, refusing anything that would land outside `root`."""
    target = (root / relative).resolve()
    if not target.is_relative_to(root.resolve()):
        raise BuildError(f"refusing to write {relative!r} outside the output folder")
    return target


def _guard(output: Path) -> None:
    """Refuse to replace a folder that a build did not make (`-o ~/Documents` must not wipe it)."""
    if output.is_symlink() or (output.exists() and not output.is_dir()):
        raise BuildError(f"{output} is not a folder; choose another output with -o")
    if output.is_dir() and any(output.iterdir()) and not (output / MARKER).exists():
        raise BuildError(f"{output} holds files schedgen did not write; choose an empty or new folder with -o")


def _swap(staging: Path, output: Path) -> None:
    """Put `staging` where `output` is, in one step where the system allows it."""
    if not output.exists():
        staging.rename(output)
        return
    if _exchange(staging, output):
        shutil.rmtree(staging)
        return
    old = output.with_name(f".{output.name}.old-{os.getpid()}")
    output.rename(old)
    staging.rename(output)
    shutil.rmtree(old)


def _exchange(a: Path, b: Path) -> bool:
    """Linux `renameat2(RENAME_EXCHANGE)`: both folders trade places atomically. False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return bool(result == 0)
