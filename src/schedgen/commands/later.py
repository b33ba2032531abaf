"""Charts drawn into a site already published: `build --charts later` draws them after the pages and feeds
are out, and `serve` draws each one when it is first asked for.

A build that defers its charts (`defer_charts`) publishes, in place of each, its last version or a stand-in
that says it is being drawn, recorded as out of date in the site's manifest, and hands over the parts as
`pending`. Each part drawn here replaces those files in the published folder, one file at a time and each
whole (a rename), and the manifest records it as drawn, so the next build takes it as it is. What is not
drawn (Ctrl-C, a newer save) stays recorded as out of date, and the next build draws it.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from schedgen.commands.build import MANIFEST, BuildResult, Drawing, _recorded, seal_drawn
from schedgen.commands.parts import Part
from schedgen.files import Seen, Spliced, inside, json_bytes, spare_of, whole, write_atomic

FLUSH_SECONDS = 10.0
"""How often the manifest is written while charts are drawn: each write is the whole record of a province's
site, and what it has not recorded yet is only drawn again."""


class Later:
    """The deferred charts of a published site, drawn all in turn (`draw_all`) or one when asked (`draw_now`)."""

    def __init__(self, output: Path, parts: Sequence[Part], sealable: tuple[str, Seen] | None = None) -> None:
        self.output = output
        self.sealable = sealable
        """The build's inputs, to seal the site with once every chart is drawn (`BuildResult.sealable`)."""
        self.waiting: dict[str, Part] = {part.name: part for part in parts}
        """The parts nobody has begun to draw, by name, in the order the build deferred them."""
        self.undrawn = set(self.waiting)
        """The parts not published yet: one whose drawing failed stays, and the site is not sealed."""
        self.busy: dict[str, threading.Event] = {}
        """The parts being drawn, each with the event set once its files are in the site."""
        self.lock = threading.Lock()
        self.closed = False
        self.records: dict[str, object] | None = None
        self.flushed = time.monotonic()
        self.dirty = False

    @classmethod
    def of(cls, result: BuildResult) -> Later:
        """The charts `result`'s build deferred."""
        return cls(result.output, result.pending, result.sealable)

    def __len__(self) -> int:
        return len(self.waiting) + len(self.busy)

    def draw_all(
        self,
        jobs: int,
        *,
        superseded: Callable[[], bool] = lambda: False,
        drawn: Callable[[str], None] = lambda _: None,
    ) -> int:
        """Draw every part still waiting over `jobs` fresh worker processes, each published as it comes
        (`drawn` told its name); how many. Raises Superseded when `superseded` says so between two parts."""
        count = 0
        try:
            with Drawing(jobs, fresh=True) as drawing:
                in_flight = 0
                while True:
                    while in_flight < max(jobs, 1) and (part := self._take()) is not None:
                        drawing.add(part)
                        in_flight += 1
                    if not in_flight:
                        break
                    part, files = next(drawing.finished(wait=True, superseded=superseded))
                    in_flight -= 1
                    if self._publish(part, files):
                        count += 1
                        drawn(part.name)
        except BaseException:  # stopped: what was being drawn will not come
            self._let_go()
            raise
        finally:
            self.flush(force=True)
        self._seal_if_whole()
        return count

    def draw_now(self, relative: str) -> None:
        """Draw the chart that holds `relative` (a path in the site, as a request names it) if it is still
        waiting, in this thread; wait for it if it is being drawn. Anything else: nothing to do."""
        job = self.job(relative)
        if job is not None:
            job()

    def job(self, relative: str) -> Callable[[], None] | None:
        """What a request for `relative` must wait for: drawing its chart if it is still waiting (taken now, so
        nobody else begins it), or the drawing under way; None when its file is as drawn as it gets."""
        name = _part_name(relative)
        if name is None:
            return None
        with self.lock:
            part = None if self.closed else self.waiting.pop(name, None)
            busy = self.busy.get(name)
            if part is not None:
                busy = self.busy[name] = threading.Event()
        if part is not None:
            return lambda: self._draw(part)
        if busy is not None:
            return functools.partial(busy.wait, CHART_WAIT)  # type: ignore[return-value]
        return None

    def _draw(self, part: Part) -> None:
        try:
            self._publish(part, part.render())
        except BaseException:  # the request fails, with the stand-in still there; nobody waits for it
            with self.lock:
                failed = self.busy.pop(part.name, None)
            if failed is not None:
                failed.set()
            raise
        finally:
            self.flush(force=True)
        self._seal_if_whole()  # a chart asked for may be the last one in, after `draw_all` ended

    def _seal_if_whole(self) -> None:
        """Seal the site once, when every chart is drawn: it is then the one an eager build of the same
        inputs leaves."""
        with self.lock:
            sealable = None if self.closed or self.undrawn else self.sealable
            if sealable is not None:
                self.sealable = None
        if sealable is not None:
            seal_drawn(self.output, sealable)

    def close(self) -> None:
        """Draw and publish nothing more: a newer build is about to replace the site."""
        with self.lock:
            self.closed = True
            self.waiting.clear()
        self._let_go()

    def _let_go(self) -> None:
        """Tell whoever waits for a part being drawn that it will not come (the drawing stopped)."""
        with self.lock:
            for done in self.busy.values():
                done.set()
            self.busy.clear()

    def _take(self) -> Part | None:
        with self.lock:
            if self.closed or not self.waiting:
                return None
            name = next(iter(self.waiting))
            self.busy[name] = threading.Event()
            return self.waiting.pop(name)

    def _publish(self, part: Part, drawn: Mapping[str, bytes | Spliced]) -> bool:
        """Put a part's files into the published site and record them as drawn; False once closed."""
        import hashlib

        files = {relative: whole(data) for relative, data in drawn.items()}
        with self.lock:
            done = self.busy.pop(part.name, None)
            try:
                if self.closed:
                    return False
                records = self._records()
                before = records.get(part.name)
                old = before.get("files", []) if isinstance(before, dict) else []
                old = [f for f in old if isinstance(f, str)]
                if not set(files) <= set(old):  # named before they exist, or the next build takes them for a stranger's
                    records[part.name] = {"key": None, "files": sorted({*old, *files}), "digests": None}
                    self.dirty = True
                    self.flush(force=True, locked=True)
                for relative, data in files.items():
                    write_atomic(inside(self.output, relative), data)
                    _into_spare(self.output, relative)
                for gone in set(old) - set(files):  # a page of a longer version, no longer part of the chart
                    with contextlib.suppress(FileNotFoundError):
                        inside(self.output, gone).unlink()
                digests = tuple(hashlib.sha256(data).hexdigest() for data in files.values())
                records[part.name] = _recorded_made(part.key, tuple(files), digests)
                self.undrawn.discard(part.name)
                self.dirty = True
                self.flush(locked=True)
                return True
            finally:
                if done is not None:
                    done.set()

    def _records(self) -> dict[str, object]:
        """The site's manifest as read once, updated in memory as parts are published."""
        if self.records is None:
            try:
                found = json.loads((self.output / MANIFEST).read_bytes())
            except (OSError, ValueError, RecursionError):
                found = None
            self.records = found if isinstance(found, dict) else {}
        return self.records

    def flush(self, *, force: bool = False, locked: bool = False) -> None:
        """Write the manifest if it changed, at most every FLUSH_SECONDS unless `force`."""
        with contextlib.nullcontext() if locked else self.lock:
            if not self.dirty or self.records is None or self.closed:
                return
            if not force and time.monotonic() - self.flushed < FLUSH_SECONDS:
                return
            write_atomic(self.output / MANIFEST, json_bytes(self.records))
            self.flushed = time.monotonic()
            self.dirty = False


def build_then_draw(announce: Callable[[BuildResult], None], *, jobs: int, **options: Any) -> tuple[BuildResult, int]:
    """`build(jobs=jobs, **options)`, `announce` told what it published, then the charts it deferred drawn
    into the published site; the result and how many plans' charts were drawn.

    The charts are drawn by fresh worker processes, once the build's own have ended and this process has
    given back what the build freed: those drew the pages, and with their heaps a cold build of 100
    province plans peaked at 907 MB against 852 MB.
    """
    from schedgen.commands.build import build
    from schedgen.memory import give_back_memory

    result = build(jobs=jobs, **options)
    announce(result)
    if not result.pending:
        return result, 0
    give_back_memory()
    return result, Later.of(result).draw_all(jobs)


CHART_WAIT = 10.0
"""Seconds a request for a chart being drawn in the background waits for it before it gets what is there
(the stand-in): the server answers no other request meanwhile, and a plan's charts take well under that."""


def _into_spare(output: Path, relative: str) -> None:
    """Link a file just drawn into the published site into the spare site (`files.spare_of`) too, by a rename:
    the next build starts from the spare, and a chart not in it was linked again there, file by file (a
    province's 4,000 chart files at the first edit after every build that put its charts off)."""
    spare = spare_of(output)
    if spare.is_symlink() or not spare.is_dir():
        return
    with contextlib.suppress(OSError):  # no such folder in the spare, another build took it: it only costs time
        target = inside(spare, relative)
        if any(folder.is_symlink() for folder in target.parents[: len(target.parents) - len(spare.parents) - 1]):
            return  # a link someone put there leads out of the spare: a build removes it, and writes not through it
        linking = target.with_name(f".{target.name}.{os.getpid()}-{os.urandom(4).hex()}")
        os.link(inside(output, relative), linking)
        try:
            os.replace(linking, target)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(linking)


def _part_name(relative: str) -> str | None:
    """The chart part a site path belongs to (`<id>/gantt` for `<id>/gantt.png`, `gantt-2.png`, `.pdf`, `.svg`)."""
    folder, _, name = relative.strip("/").rpartition("/")
    if not folder or "/" in folder or not name.startswith("gantt"):
        return None
    return f"{folder}/gantt"


def _recorded_made(key: str | None, files: tuple[str, ...], digests: tuple[str, ...]) -> dict[str, object]:
    from schedgen.commands.parts import Made

    return _recorded(Made(key, files, digests))
