"""`schedgen serve`: a build into the output folder, the static server on it, and a rebuild when a schedule
changes; no error stops the watching, and a failed rebuild is said on every page until one succeeds."""

from __future__ import annotations

import contextlib
import hashlib
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from schedgen.errors import SchedgenError
from schedgen.files import inside, write_atomic
from schedgen.i18n import _
from schedgen.memory import give_back_memory
from schedgen.plans import schedule_files
from schedgen.webserver import Server, raise_descriptor_limit

RACY_SECONDS = 3.0
"""How recent a file's change may be for a save to leave its stat as it was: file systems keep times to a
clock tick, some to 1 or 2 seconds, so a second save within that tick can keep size, times and inode."""


@dataclass(frozen=True)
class Seen:
    """A schedule file as the watcher saw it: its stat, and its content's hash while a save could leave
    that stat as it is."""

    stat: tuple[int, int, int, int]  # inode, size, modification and change times (ns)
    digest: bytes | None


@dataclass
class Watcher:
    """Rebuilds when a schedule file appears, disappears or changes; no error stops it.

    A save is seen by the file's inode, size, modification time or change time: `cp -p`, `rsync -t` and
    `tar x` give the old modification time back, never the old change time. Within a clock tick of a
    change even those can stay the same, so a file changed that recently is compared by its content.
    """

    paths: Sequence[Path]
    rebuild: Callable[[], None]
    report: Callable[[str], None]
    interval: float = 0.1  # a stat per schedule file (a province's 500: 1 ms): a save is noticed at once
    seen: dict[Path, Seen] = field(default_factory=dict)
    """The files as they were when the last rebuild began."""

    def snapshot(self) -> dict[Path, Seen]:
        """Every schedule file's stat, and the hash of those changed too recently for their stat to tell."""
        found: dict[Path, Seen] = {}
        now = time.time_ns()
        for path in schedule_files(self.paths):
            try:
                stat = path.stat()
                recent = now - max(stat.st_mtime_ns, stat.st_ctime_ns) < RACY_SECONDS * 1e9
                digest = _digest(path) if recent else None
            except OSError:
                continue
            found[path] = Seen((stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns), digest)
        return found

    def changed(self) -> bool:
        """Whether a schedule file changed since the last rebuild began."""
        return _differ(self.seen, self.snapshot())

    def run(
        self,
        stop: threading.Event,
        seen: dict[Path, Seen] | None = None,
        first: Callable[[Callable[[], bool]], object] | None = None,
        superseded: Callable[[], bool] = lambda: False,
    ) -> None:
        """Poll until `stop` is set, changes counted from `seen` (default: now), after doing `first` (the
        first build's charts, told `superseded`); a failed rebuild keeps the previous build online and is
        one message."""
        self.seen = self.snapshot() if seen is None else seen
        if first is not None:
            try:
                first(superseded)
            except Exception as error:  # as a rebuild's: said, and the watching goes on
                self.report(
                    _("drawing the charts failed ({error}); the next save draws them").format(
                        error=f"{type(error).__name__}: {error}"
                    )
                )
            finally:
                give_back_memory()
        while not stop.wait(self.interval):
            try:
                now = self.snapshot()
                if not _differ(self.seen, now):
                    self.seen = now  # the same files: a hash taken while they were recent is needed no more
                    continue
                self.seen = now
                try:
                    self.rebuild()
                finally:
                    give_back_memory()
                self.report(_("rebuilt after a schedule changed"))
            except SchedgenError as error:
                self.report(_("rebuild failed; still serving the previous build:") + "\n" + error.render())
            except Exception as error:  # a renderer bug or EMFILE must not end the watching: log, keep serving
                self.report(
                    _("rebuild failed ({error}); still serving the previous build").format(
                        error=f"{type(error).__name__}: {error}"
                    )
                )


def _differ(before: dict[Path, Seen], now: dict[Path, Seen]) -> bool:
    """Whether the files differ: other files, another stat, or, for a file hashed before, other content."""
    if before.keys() != now.keys():
        return True
    for path, then in before.items():
        current = now[path]
        if current.stat != then.stat:
            return True
        if then.digest is not None and (current.digest or _digest_or_none(path)) != then.digest:
            return True
    return False


def _digest(path: Path) -> bytes:
    return hashlib.blake2b(path.read_bytes(), digest_size=16).digest()


def _digest_or_none(path: Path) -> bytes | None:
    try:
        return _digest(path)
    except OSError:
        return None


STOP_WAIT = 10.0  # seconds a stopping server waits for a rebuild under way to give up


def serve(
    paths: Sequence[Path],
    output: Path,
    *,
    host: str,
    port: int,
    rebuild: Callable[[Callable[[str, bytes], None] | None], Callable[[Callable[[], bool]], object] | None],
    report: Callable[[str], None],
    ready: Callable[[str], None] = lambda _: None,
    stop: threading.Event | None = None,
    prepare: Callable[[str], Callable[[], None] | None] = lambda _: None,
) -> None:
    """Build, then serve `output` until stopped, rebuilding when a schedule changes.

    `rebuild` publishes a new site and may return what completes it (the charts), run right after (for the
    first build, once the site is served) and told whether a newer save has come meanwhile, so that it can
    give way to it; after a save it is given what shows a plan's page rendered anew at once (`show_early`).
    `prepare` is told each request's path before its file is read, and gives back what must be done first (a
    chart drawn).
    """
    stop = stop or threading.Event()

    def superseded() -> bool:
        return stop.is_set() or watcher.changed()

    def show_early(relative: str, page: bytes) -> None:
        """A saved plan's page, put whole (by a rename) into the served site before the rest of it is built:
        the clerk looks at that page, and on a province the rest of a rebuild is most of a second more."""
        with contextlib.suppress(OSError):  # a new plan's folder is not there yet: its page comes with the site
            write_atomic(inside(output, relative), page)
            httpd.publish()

    def rebuild_or_say_why() -> None:
        try:
            follow_up = rebuild(show_early)
        except Exception as error:
            httpd.notice = error.render() if isinstance(error, SchedgenError) else f"{type(error).__name__}: {error}"
            httpd.publish()  # open pages reload to say why the save is not out
            raise
        httpd.notice = None  # the new site is out; what follows (drawing charts) only completes it
        httpd.publish()  # open pages reload to show it
        if follow_up is not None:
            follow_up(superseded)

    watcher = Watcher(paths, rebuild_or_say_why, report)
    seen = watcher.seen = watcher.snapshot()  # before the first build: a save made while it runs is rebuilt after it
    follow_up = rebuild(None)
    give_back_memory()
    raise_descriptor_limit()
    httpd = Server((host, port), output, log=report, prepare=prepare)
    ready(f"http://{host}:{httpd.server_address[1]}/")
    # the first build's charts are drawn while the site is served, by the thread that rebuilds after a save
    thread = threading.Thread(target=watcher.run, args=(stop, seen, follow_up, superseded), daemon=True)
    thread.start()

    def close_when_stopped() -> None:
        stop.wait()
        httpd.shutdown()

    threading.Thread(target=close_when_stopped, daemon=True).start()
    try:
        httpd.serve_forever(poll_interval=0.2)
    finally:
        stop.set()
        httpd.server_close()
        thread.join(STOP_WAIT)  # a rebuild under way gives up its charts and stops their workers
