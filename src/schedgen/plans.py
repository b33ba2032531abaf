"""Schedules in, timelines out: load and resolve many files, through a parse cache for large ones."""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from schedgen.calendar_cn import WorkCalendar
from schedgen.load import load, load_all
from schedgen.model import Schedule, Timeline
from schedgen.resolve import resolve

CACHE_FROM_BYTES = 500_000
"""Schedules at least this large are kept, parsed, in the user's cache: YAML parsing is most of the
time a report over a 10,000-task plan takes, and the weekly report reads an unchanged file."""

_LOADER_CODE = (
    "model.py",
    "expression.py",
    "when.py",
    "when_words.py",
    "when_reader.py",
    "when_every.py",
    "when_named.py",
    "when_points.py",
    "holidays.py",
    "resolve.py",
    "load.py",
    "schema.py",
    "depth.py",
    "units.py",
    "schema.json",
)
"""The files whose content decides what a schedule file parses to."""


def timelines(paths: Sequence[Path], *, year: int | None = None, holidays: bool = True) -> list[Timeline]:
    """Every schedule under `paths`, dated; raises LoadError with the problems of all files."""
    calendar = WorkCalendar(holidays=holidays)
    return [resolve(schedule, year=year, calendar=calendar) for schedule in load_all(paths, load_cached)]


def load_cached(path: Path) -> Schedule:
    """`load(path)`, through a cache keyed by the file's bytes, its path and the loader's own code."""
    import pickle

    try:
        raw = path.read_bytes()
    except OSError:
        return load(path)  # the loader says what is wrong with it
    if len(raw) < CACHE_FROM_BYTES:
        return load(path)
    folder = cache_folder()
    if folder is None:
        return load(path)
    prefix = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:12]
    key = hashlib.sha256(raw + str(path).encode() + _loader_digest()).hexdigest()[:24]
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
        from schedgen.files import write_atomic

        for old in folder.glob(f"{prefix}-*.pickle"):
            old.unlink()
        write_atomic(entry, pickle.dumps(schedule, protocol=pickle.HIGHEST_PROTOCOL))
    return schedule


def cache_folder() -> Path | None:
    """The user's cache folder for schedgen, or None when `SCHEDGEN_NO_CACHE` is set."""
    if os.environ.get("SCHEDGEN_NO_CACHE"):
        return None
    from platformdirs import user_cache_path

    return user_cache_path("schedgen", appauthor=False)


@cache
def _loader_digest() -> bytes:
    """A digest of the loader's code: a cached parse is only as good as the code that made it."""
    here = Path(__file__).parent
    return hashlib.sha256(b"".join((here / name).read_bytes() for name in _LOADER_CODE)).digest()
