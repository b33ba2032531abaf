"""Schedules in, timelines out: load and resolve many files, each through a cache keyed by what made it."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path
from typing import Protocol, TypeVar

from schedgen.calendar_cn import WorkCalendar
from schedgen.digest import PlanDigest, digest, packed, unpacked
from schedgen.errors import Diagnostic, LoadError, Position
from schedgen.expression import Ongoing
from schedgen.files import read_regular
from schedgen.i18n import _
from schedgen.model import MAX_FILE_BYTES, Reminder, Schedule, Task, Timeline, Unit

CACHE_FROM_BYTES = 500_000
"""Files holding at least this much in all are read through the cache in the user's cache folder, every
file of them whatever its size: parsing and resolving is most of the time a report over a province of
plans (or one plan of 10,000 tasks) takes, and the weekly report reads unchanged files. Below it the
cache's own start-up (platformdirs, reading the entries) costs more than it saves."""

_HOLIDAY_TABLES = ("chinese_calendar", "lunar_python")
"""The libraries whose data decides days off and festival dates: an upgrade (a new year's holiday
table each November) must date every plan anew."""

_READ_ERRORS = (OSError, EOFError, AttributeError, ImportError, IndexError, KeyError, TypeError, ValueError)
"""What reading a damaged or outdated cache entry raises, besides pickle's own UnpicklingError."""


@dataclass(frozen=True)
class PlanFacts:
    """What a build reads of a plan whose outputs it does not render: the keys and names of its parts, its
    feeds' units and reminders, the characters of its chart. Kept in the plan's cache entry before its
    timeline: an edit of one plan of a province reads 500 of these, not 500 timelines (0.45 s of 2)."""

    id: str
    path: str
    title: str
    org: str | None
    reminders: tuple[Reminder, ...]
    registry: tuple[Unit, ...]
    """`Schedule.units`: the units the plan describes, with the slugs it gives them."""
    tasks: int
    named: tuple[str, ...]
    """Every unit its tasks name, in any role, sorted."""
    with_feed: tuple[str, ...]
    """The units of its dated tasks (not 持续推进), sorted: each has a feed of its own."""
    characters: str
    """`Timeline.characters`."""
    unowned: tuple[str, ...] = ()
    """The ids of its dated tasks that name no unit, where others do: they are in no unit's feed."""
    probably_one: tuple[tuple[str, str], ...] = ()
    """(variant, formal) of its unit names that are probably one unit written two ways (`units.probably_one`):
    found once with the plan, not on every build (80 ms a build over a province's 500 plans)."""


def facts_of(timeline: Timeline) -> PlanFacts:
    """What a build reads of `timeline` when it does not render it."""
    schedule = timeline.schedule
    from schedgen.units import probably_one

    dated = [item.task for item in timeline.items if not isinstance(item.timing, Ongoing)]
    named = tuple(sorted(_unit_names(item.task for item in timeline.items)))
    return PlanFacts(
        schedule.id,
        schedule.path,
        schedule.title,
        schedule.org,
        schedule.reminders,
        schedule.units,
        len(timeline.items),
        named,
        tuple(sorted(_unit_names(dated))),
        timeline.characters(),
        _unowned(timeline),
        tuple(probably_one(named)),
    )


def _unowned(timeline: Timeline) -> tuple[str, ...]:
    """The dated tasks of `timeline` that name no unit, where some task names one (a plan naming none has no
    unit feeds to miss)."""
    dated = [item.task for item in timeline.items if not isinstance(item.timing, Ongoing)]
    unowned = tuple(task.id for task in dated if not task.roles())
    return unowned if any(item.task.roles() for item in timeline.items) else ()


def _unit_names(tasks: Iterable[Task]) -> set[str]:
    """Every unit the tasks name, in any role (`Task.roles`, without working out the roles)."""
    found: set[str] = set()
    for task in tasks:
        found.update(task.lead)
        found.update(task.support)
        found.update(task.units)
    return found


class _Later:
    """A plan's timeline, read from its cache entry when first asked for, or made again from the file's bytes
    where the entry no longer holds it (another process rewrote it since); sent to a worker process as the
    timeline itself."""

    def __init__(
        self,
        timeline: Timeline | None = None,
        read: Callable[[], Timeline | None] | None = None,
        make: Callable[[], Timeline] | None = None,
    ) -> None:
        self._timeline, self._read, self._make = timeline, read, make

    def __call__(self) -> Timeline:
        # two threads may ask at once (a pool's feeder thread pickles a plan's page while the build renders
        # its feeds): the ways to it are taken before the timeline is looked at, and the timeline is set
        # before they are let go, so that a thread that finds them gone finds the timeline
        read, make = self._read, self._make
        timeline = self._timeline
        if timeline is None:
            assert make is not None
            timeline = self._timeline = (read and read()) or make()
            self._read = self._make = None  # and the file's bytes with them
        return timeline

    def __getstate__(self) -> dict[str, object]:
        return {"_timeline": self(), "_read": None, "_make": None}


@dataclass(frozen=True)
class Plan:
    """A schedule file dated, and a key: a digest of everything its timeline was made from (the file's
    bytes and path, the year it was rolled to, the working calendar, the program's own code). The timeline
    of a plan read from the cache is read when first asked for: `facts` tells what a build needs of the others."""

    facts: PlanFacts
    key: str
    later: _Later = field(compare=False, repr=False)

    @classmethod
    def of(cls, timeline: Timeline, key: str) -> Plan:
        return cls(facts_of(timeline), key, _Later(timeline))

    @property
    def timeline(self) -> Timeline:
        return self.later()

    @property
    def id(self) -> str:
        return self.facts.id


def timelines(paths: Sequence[Path], *, year: int | None = None, holidays: bool = True) -> list[Timeline]:
    """Every schedule under `paths`, dated; raises LoadError with the problems of all files."""
    return [plan.timeline for plan in plans(paths, year=year, holidays=holidays)]


def digests(paths: Sequence[Path], *, year: int | None = None, holidays: bool = True) -> list[PlanDigest]:
    """What a report reads of every schedule under `paths` (`digest.digest` of each timeline); raises
    LoadError as `plans` does.

    Where every file has an entry in the cache, only the digests are read from it, not the timelines
    after them; else the plans are read as `plans` reads them, and the entries whose digest did not read
    are written again."""
    files = schedule_files(paths)
    raw = read_all(files)
    folder = cache_folder() if sum(map(len, raw.values())) >= CACHE_FROM_BYTES else None
    damaged: set[Path] = set()
    if folder is not None and files and len(raw) == len(files):
        context = reading(year, holidays)
        keys = {path: _key(data, path, context) for path, data in raw.items()}
        found = []
        for path in files:
            kept = _cached_digest(_entry(folder, path, year, holidays), keys[path], damaged)
            if kept is None:
                break
            found.append(kept)
        else:
            if len({plan.id for plan in found}) == len(found):  # else `plans` says which files share an id
                return found
    made = plans(paths, year=year, holidays=holidays, as_read=raw)
    for plan in made:
        entry = _entry(folder, Path(plan.facts.path), year, holidays) if folder else None
        if entry in damaged:
            _keep(entry, plan)
    return [digest(plan.timeline) for plan in made]


@dataclass(frozen=True)
class Broken:
    """A schedule file that does not read, and why."""

    path: Path
    error: LoadError


def plans(
    paths: Sequence[Path],
    *,
    year: int | None = None,
    holidays: bool = True,
    broken: list[Broken] | None = None,
    as_read: dict[Path, bytes] | None = None,
) -> list[Plan]:
    """Every schedule under `paths`, dated and keyed; raises LoadError with the problems of all files, or,
    given `broken`, leaves out each file that does not read and adds it there (a build publishes the rest).
    Given `as_read`, each file's bytes as read go there (a build keeps them in the site), and the files it
    holds already are not read again (a build read them first, to tell whether anything changed)."""
    calendar = WorkCalendar(holidays=holidays)
    files = schedule_files(paths)
    if not files:
        raise LoadError(_("no schedule files (*.yaml) in {names}").format(names=", ".join(str(p) for p in paths)))
    raw = read_all(files, as_read)
    if as_read is not None:
        as_read.update(raw)
    context = reading(year, holidays)
    keys = {path: _key(data, path, context) for path, data in raw.items()}
    folder = cache_folder() if sum(map(len, raw.values())) >= CACHE_FROM_BYTES else None
    kept: dict[Path, Plan] = {}

    def read(path: Path) -> Plan | None:
        held = _last.get((path, year, holidays))
        if held is not None and held.key == keys.get(path):
            return held
        if folder is None or path not in keys:
            return None
        entry = _entry(folder, path, year, holidays)
        return _cached(entry, keys[path], partial(_made_again, raw[path], path, year, calendar, entry, keys[path]))

    def loader(path: Path) -> Schedule | PlanFacts:
        found = read(path)
        if found is not None:
            kept[path] = found
            return found.facts
        from schedgen.load import load, loads

        return loads(raw[path], str(path)) if path in raw else load(path)

    made: list[Plan] = []
    loaded: list[Path] = []
    skip = None if broken is None else (lambda path, error: broken.append(Broken(path, error)))
    with uncollected():
        for path, schedule in load_all(files, loader, skip):
            loaded.append(path)
            plan = kept.get(path)
            if plan is None:
                assert isinstance(schedule, Schedule)
                from schedgen.resolve import resolve

                plan = Plan.of(resolve(schedule, year=year, calendar=calendar), keys[path])
                if folder is not None:
                    _keep(_entry(folder, path, year, holidays), plan)
            made.append(plan)
    _last.clear()
    _last.update(((path, year, holidays), plan) for path, plan in zip(loaded, made, strict=True))
    return made


def _made_again(raw: bytes, path: Path, year: int | None, calendar: WorkCalendar, entry: Path, key: str) -> Timeline:
    """A plan's timeline made from its bytes as read, where its cache entry no longer holds it; kept there again
    when the entry is still of this reading of the file (its timeline damaged), not one another process wrote since."""
    from schedgen.load import loads
    from schedgen.resolve import resolve

    with uncollected():
        timeline = resolve(loads(raw, str(path)), year=year, calendar=calendar)
    try:
        with entry.open("rb") as file:
            ours = _lengths(file.read(_HEAD), key) is not None
    except OSError:
        ours = False
    if ours:
        _keep(entry, Plan.of(timeline, key))
    return timeline


def read_all(files: Sequence[Path], given: Mapping[Path, bytes] | None = None) -> dict[Path, bytes]:
    """The bytes of each of `files` that reads (the loader says what is wrong with the others), taken from
    `given` where it holds them."""
    raw: dict[Path, bytes] = {}
    for path in files:
        if given is not None and path in given:
            raw[path] = given[path]
            continue
        with contextlib.suppress(LoadError):
            raw[path] = read_regular(path, MAX_FILE_BYTES)
    return raw


def reading(year: int | None, holidays: bool = True) -> bytes:
    """What besides its bytes and path decides what a file reads as: the year it is rolled to, the working
    calendar and the program's code."""
    return f"{year}\0{holidays}\0".encode() + _code_digest() + _calendar_digest()


def plan_of(raw: bytes, path: Path, *, year: int | None = None, holidays: bool = True) -> Plan:
    """One schedule from its bytes as read from `path` (a version kept of it), dated and keyed."""
    from schedgen.load import loads
    from schedgen.resolve import resolve

    context = reading(year, holidays)
    timeline = resolve(loads(raw, str(path)), year=year, calendar=WorkCalendar(holidays=holidays))
    return Plan.of(timeline, _key(raw, path, context))


_last: dict[tuple[Path, int | None, bool], Plan] = {}
"""The plans read last in this process, by file and reading. `serve` reads every plan again on each
save, and only the saved one has changed; and a report's process ends without freeing them (`cli.main`)."""


def schedule_files(paths: Sequence[Path]) -> list[Path]:
    """The schedule files named by `paths`: files as given, directories by their `*.yaml`/`*.yml`; a file named
    twice (a folder and a file in it, two globs that overlap) once, where it is first named."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.suffix.lower() in (".yaml", ".yml") and p.is_file()))
        else:
            found.append(path)
    if len(paths) < 2:  # one folder lists each file once: no resolving of a province's 500 paths
        return found
    once: dict[str, Path] = {}
    for path in found:
        once.setdefault(os.path.realpath(path), path)
    return list(once.values())


def refuse_writing_over(output: Path | None, paths: Sequence[Path]) -> None:
    """Refuse an `-o` that names a schedule file the command reads (through a link too): writing the report
    or the feed there would replace the plan (a slip of tab completion)."""
    if output is None:
        return
    for path in schedule_files(paths):
        try:
            same = output.exists() and os.path.samefile(output, path)
        except OSError:
            same = False
        if same:
            raise LoadError(
                _("-o {output} is the schedule file {path}, which this command reads: choose another file name").format(
                    output=output, path=path
                )
            )


class _Named(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def path(self) -> str: ...


Read = TypeVar("Read", bound=_Named)


def load_all(
    files: Sequence[Path],
    loader: Callable[[Path], Read],
    skip: Callable[[Path, LoadError], None] | None = None,
) -> list[tuple[Path, Read]]:
    """Every schedule file of `files`, each read by `loader` (a schedule, or what the cache keeps of one);
    raises one LoadError holding the problems of all, or, given `skip`, hands it each file that does not read
    and goes on without it."""
    schedules: list[tuple[Path, Read]] = []
    problems: list[Diagnostic] = []
    # by the id in lower case: `p/` and `P/` are one folder on Windows and macOS
    ids: dict[str, tuple[str, str]] = {}
    for path in files:
        try:
            schedule = loader(path)
            if (owner := ids.get(schedule.id.lower())) is not None:
                other, there = owner
                clash = (
                    _("schedule id `{id}` is also used by {path}").format(id=schedule.id, path=there)
                    if other == schedule.id
                    else _(
                        "schedule id `{id}` names the folder of `{other}` in {path} where a file system does not "
                        "tell case apart (Windows, macOS); give each plan an id of its own"
                    ).format(id=schedule.id, other=other, path=there)
                )
                raise LoadError(clash, (Diagnostic(Position(schedule.path, 1, 1), clash),))
        except LoadError as error:
            if skip is None:
                problems.extend(error.diagnostics)
            else:
                skip(path, error)
            continue
        ids[schedule.id.lower()] = (schedule.id, schedule.path)
        schedules.append((path, schedule))
    if problems:
        raise LoadError(_("{count} problem(s) in schedule files").format(count=len(problems)), tuple(problems))
    return schedules


@contextlib.contextmanager
def uncollected() -> Iterator[None]:
    """Plans (or anything else made of many small objects and no cycles) made without the cycle
    collector, and left out of its later rounds.

    A province's 50,000 tasks are millions of objects: the collector walked them again and again while
    they were made, and again on every later round while a report or a build made its rows, which was
    40 % of a province's report (2.3 s of 5.4). Freezing them still frees them when the last reference goes.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_on:
            gc.enable()


def cache_folder() -> Path | None:
    """The user's cache folder for schedgen, or None when `SCHEDGEN_NO_CACHE` is set."""
    if os.environ.get("SCHEDGEN_NO_CACHE"):
        return None
    from platformdirs import user_cache_path

    return user_cache_path("schedgen", appauthor=False)


def _key(raw: bytes, path: Path, context: bytes) -> str:
    # the path is part of what a file parses to: every position in the timeline names it
    return hashlib.sha256(context + str(path).encode() + b"\0" + raw).hexdigest()


def _entry(folder: Path, path: Path, year: int | None, holidays: bool) -> Path:
    """One entry per file and reading of it: a changed file replaces its entry instead of adding one."""
    # absolute, not resolved: following links costs a system call for each folder of each of 500 paths
    slot = hashlib.sha1(f"{os.path.abspath(path)}\0{year}\0{holidays}".encode()).hexdigest()[:20]
    return folder / "timelines" / f"{slot}.pickle"


_FORMAT = b"\0schedgen plan 3\0"
"""What follows an entry's key: its layout, the lengths of its facts, digest and timeline (8 bytes each), then
those three. An entry of another layout (an older program's) is read as missing."""
_HEAD = 64 + len(_FORMAT) + 24


def _lengths(head: bytes, key: str) -> tuple[int, int, int] | None:
    """The lengths of the facts, the digest and the timeline an entry's `head` announces, when it was made
    from what `key` says and in this layout."""
    if len(head) != _HEAD or head[:64] != key.encode() or head[64:-24] != _FORMAT:
        return None
    facts, shown, whole = (int.from_bytes(head[at : at + 8], "little") for at in range(_HEAD - 24, _HEAD, 8))
    return facts, shown, whole


def _cached(entry: Path, key: str, again: Callable[[], Timeline]) -> Plan | None:
    """The plan kept in `entry` when it was made from what `key` says, else None: its facts read now, its
    timeline when first asked for (`again` makes it where the entry no longer holds it)."""
    import pickle

    try:
        with entry.open("rb") as file:
            lengths = _lengths(file.read(_HEAD), key)
            if lengths is None or os.fstat(file.fileno()).st_size != _HEAD + sum(lengths):  # cut short?
                return None
            facts = pickle.loads(file.read(lengths[0]))
    except (*_READ_ERRORS, pickle.UnpicklingError):
        return None
    if not isinstance(facts, PlanFacts):
        return None
    return Plan(facts, key, _Later(read=partial(_cached_timeline, entry, key), make=again))


def _cached_timeline(entry: Path, key: str) -> Timeline | None:
    """The timeline kept in `entry` when it was made from what `key` says, else None."""
    import pickle

    try:
        data = entry.read_bytes()
    except OSError:
        return None
    lengths = _lengths(data[:_HEAD], key)
    if lengths is None or len(data) != _HEAD + sum(lengths):  # rewritten since its facts were read
        return None
    try:
        with uncollected():
            found = pickle.loads(memoryview(data)[_HEAD + lengths[0] + lengths[1] :])
    except (*_READ_ERRORS, pickle.UnpicklingError):
        return None
    return found if isinstance(found, Timeline) else None


def _cached_digest(entry: Path, key: str, damaged: set[Path]) -> PlanDigest | None:
    """The digest kept in `entry` when it was made from what `key` says, read without the timeline after
    it, else None; an entry of that key whose digest does not read goes into `damaged`."""
    import pickle

    try:
        with entry.open("rb") as file:
            lengths = _lengths(file.read(_HEAD), key)
            if lengths is None:
                return None
            file.seek(lengths[0], os.SEEK_CUR)
            data = file.read(lengths[1])
    except OSError:
        return None
    try:
        return unpacked(pickle.loads(data))
    except (*_READ_ERRORS, pickle.UnpicklingError):
        damaged.add(entry)
        return None


def _keep(entry: Path, plan: Plan) -> None:
    """Keep `plan`'s facts, digest and timeline under its key; a cache that cannot be written is only slower."""
    import pickle

    from schedgen.files import write_atomic

    parts = [
        pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL)
        for part in (plan.facts, packed(digest(plan.timeline)), plan.timeline)
    ]
    head = plan.key.encode() + _FORMAT + b"".join(len(part).to_bytes(8, "little") for part in parts)
    with contextlib.suppress(OSError):
        write_atomic(entry, head + b"".join(parts))


@cache
def _code_digest() -> bytes:
    """The loader's and resolver's code, and the rest of the package's top level with it: a cached
    timeline is only as good as the code that made it."""
    from schedgen import __version__

    here = Path(__file__).parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted([*here.glob("*.py"), *here.glob("*.json")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.digest()


@cache
def _calendar_digest() -> bytes:
    """The installed holiday tables, by their files' names, sizes and times (found without importing them)."""
    from importlib.util import find_spec

    digest = hashlib.sha256()
    for name in _HOLIDAY_TABLES:
        spec = find_spec(name)
        for folder in (spec.submodule_search_locations or []) if spec else []:
            for path in sorted(Path(folder).glob("*.py")):
                stat = path.stat()
                digest.update(f"{name}/{path.name}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.digest()
