"""`schedgen serve`: build, serve the site for preview and subscribing, rebuild when a schedule changes."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path

from schedgen.errors import BuildError, strerror
from schedgen.i18n import _


def serve(
    paths: Sequence[Path],
    output: Path,
    *,
    host: str,
    port: int,
    base_url: str | None,
    year: int | None,
    clock: Callable[[], tuple[datetime, date]],
    report: Callable[[str], None],
    ready: Callable[[str], None],
    stop: threading.Event | None = None,
) -> None:
    """Serve `output` until interrupted (or `stop`); `clock` gives the moment and the day each rebuild stamps
    and judges by. A save publishes the changed plan's page and feeds first, its charts when they are drawn."""
    from schedgen.commands.build import Superseded, build
    from schedgen.commands.later import Later
    from schedgen.serve import serve as run_server

    shown, hint = reachable(host) if base_url is None else (host, None)
    address = base_url or f"http://{shown}:{port}"
    stop = stop or threading.Event()

    def say(line: str) -> None:  # once stopping, nothing more: Ctrl-C ends with the CLI's one line
        if not stop.is_set():
            report(line)

    waiting: list[Later] = []  # the served site's charts not drawn yet
    started: list[bool] = []  # whether the first build is done

    def rebuild(early: Callable[[str, bytes], None] | None) -> Callable[[Callable[[], bool]], None] | None:
        for charts in waiting:  # the site is about to be replaced: nothing more is drawn into it
            charts.close()
        now, today = clock()
        first = build(paths, output, year=year, now=now, as_of=today, base_url=address, defer_charts=True, early=early)
        for line in (*first.broken, *first.warnings):
            say(line)
        waiting[:] = [Later.of(first)] if first.pending else []
        if not started:
            started.append(True)
            if not waiting:
                return read_ahead
        if not waiting:
            return None
        charts = waiting[0]

        def draw_charts(superseded: Callable[[], bool]) -> None:
            say(
                _(
                    "drawing the charts of {plans} plan(s); until then each says so, and one asked for comes first"
                ).format(plans=len(charts))
            )
            try:
                drawn = charts.draw_all(os.cpu_count() or 1, superseded=superseded)
            except Superseded:
                say(_("a schedule changed while its charts were drawn: publishing that change first"))
                return
            say(_("drew the charts of {drawn} plan(s)").format(drawn=drawn))

        return draw_charts

    def read_ahead(superseded: Callable[[], bool]) -> None:
        """Read the plans and load what a rebuild renders with, while serve waits for the first save: a site
        published and unchanged is served without reading a plan, and the first save then read every plan of
        a province (1.3 s of its 2.1 s) where a later one reads only the saved file."""
        from schedgen.errors import SchedgenError
        from schedgen.export.feed import ics  # noqa: F401
        from schedgen.export.page import html  # noqa: F401
        from schedgen.plans import plans

        if not superseded():
            with contextlib.suppress(SchedgenError):
                plans(paths, year=year, broken=[])

    def prepare(path: str) -> Callable[[], None] | None:
        return next((job for charts in list(waiting) if (job := charts.job(path)) is not None), None)

    if hint is not None:
        report(hint)
    try:
        run_server(
            paths, output, host=host, port=port, rebuild=rebuild, report=say, ready=ready, stop=stop, prepare=prepare
        )
    except OSError as error:
        raise BuildError(
            _("cannot serve on {host}:{port}: {reason}").format(host=host, port=port, reason=strerror(error))
        ) from None


WILDCARDS = ("0.0.0.0", "::", "")
"""Hosts that mean every interface: no address a phone can open."""


def reachable(host: str) -> tuple[str, str | None]:
    """The address the site's links and QR codes name for a server listening on `host`, and what to say
    when it is no address a phone can reach: on every interface, this machine's own on its network (found
    from its name, no packet sent); when it has none but loopback, 127.0.0.1 and a hint to give --base-url."""
    if host not in WILDCARDS:
        return host, None
    import socket

    try:
        found = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET, socket.SOCK_STREAM)
    except OSError:
        found = []
    for *_rest, where in found:
        if not str(where[0]).startswith("127."):
            return str(where[0]), None
    return "127.0.0.1", _(
        "links and QR codes name 127.0.0.1, which only this machine can open: give --base-url "
        "http://ADDRESS:PORT with this machine's address on the network so that phones can subscribe"
    )
