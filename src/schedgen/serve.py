"""`schedgen serve`: a build into the output folder, the static server on it, and a rebuild when a schedule
changes; no error stops the watching, and a failed rebuild is said on every page until one succeeds."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from schedgen.errors import SchedgenError
from schedgen.plans import schedule_files
from schedgen.webserver import Server, raise_descriptor_limit


@dataclass
class Watcher:
    """Rebuilds when a schedule file appears, disappears or changes; no error stops it."""

    paths: Sequence[Path]
    rebuild: Callable[[], None]
    report: Callable[[str], None]
    interval: float = 0.25  # a stat per schedule file: cheap enough to notice a save at once
    seen: dict[Path, tuple[float, int]] = field(default_factory=dict)
    """The files as they were when the last rebuild began."""

    def snapshot(self) -> dict[Path, tuple[float, int]]:
        """Modification time and size of every schedule file."""
        found: dict[Path, tuple[float, int]] = {}
        for path in schedule_files(self.paths):
            try:
                stat = path.stat()
            except OSError:
                continue
            found[path] = (stat.st_mtime, stat.st_size)
        return found

    def changed(self) -> bool:
        """Whether a schedule file changed since the last rebuild began."""
        return self.snapshot() != self.seen

    def run(self, stop: threading.Event, seen: dict[Path, tuple[float, int]] | None = None) -> None:
        """Poll until `stop` is set, changes counted from `seen` (default: now); a failed rebuild keeps the
        previous build online and is one message."""
        self.seen = self.snapshot() if seen is None else seen
        while not stop.wait(self.interval):
            try:
                now = self.snapshot()
                if now == self.seen:
                    continue
                self.seen = now
                self.rebuild()
                self.report("rebuilt after a schedule changed")
            except SchedgenError as error:
                self.report("rebuild failed; still serving the previous build:\n" + error.render())
            except Exception as error:  # a renderer bug or EMFILE must not end the watching: log, keep serving
                self.report(f"rebuild failed ({type(error).__name__}: {error}); still serving the previous build")


def serve(
    paths: Sequence[Path],
    output: Path,
    *,
    host: str,
    port: int,
    rebuild: Callable[[], Callable[[Callable[[], bool]], object] | None],
    report: Callable[[str], None],
    ready: Callable[[str], None] = lambda _: None,
    stop: threading.Event | None = None,
) -> None:
    """Build, then serve `output` until stopped, rebuilding when a schedule changes.

    `rebuild` publishes a new site and may return what completes it (the charts), run right after and
    told whether a newer save has come meanwhile, so that it can give way to it.
    """
    stop = stop or threading.Event()

    def rebuild_or_say_why() -> None:
        try:
            follow_up = rebuild()
        except Exception as error:
            httpd.notice = error.render() if isinstance(error, SchedgenError) else f"{type(error).__name__}: {error}"
            raise
        httpd.notice = None  # the new site is out; what follows (drawing charts) only completes it
        if follow_up is not None:
            follow_up(watcher.changed)

    watcher = Watcher(paths, rebuild_or_say_why, report)
    seen = watcher.seen = watcher.snapshot()  # before the first build: a save made while it runs is rebuilt after it
    follow_up = rebuild()
    if follow_up is not None:
        follow_up(watcher.changed)
    raise_descriptor_limit()
    httpd = Server((host, port), output, log=report)
    thread = threading.Thread(target=watcher.run, args=(stop, seen), daemon=True)
    thread.start()
    ready(f"http://{host}:{httpd.server_address[1]}/")

    def close_when_stopped() -> None:
        stop.wait()
        httpd.shutdown()

    threading.Thread(target=close_when_stopped, daemon=True).start()
    try:
        httpd.serve_forever(poll_interval=0.2)
    finally:
        stop.set()
        httpd.server_close()
