"""`schedgen serve`: build, serve the site for preview and subscribing, rebuild when a schedule changes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path

from schedgen.errors import BuildError


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
) -> None:
    """Serve `output` until interrupted; `clock` gives the moment and the day each rebuild stamps and judges by."""
    from schedgen.commands.build import build
    from schedgen.serve import serve as run_server

    address = base_url or f"http://{host}:{port}"

    def rebuild() -> None:
        now, today = clock()
        build(paths, output, year=year, now=now, as_of=today, base_url=address)

    try:
        run_server(paths, output, host=host, port=port, rebuild=rebuild, report=report, ready=ready)
    except OSError as error:
        raise BuildError(f"cannot serve on {host}:{port}: {error.strerror or error}") from None
