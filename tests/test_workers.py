"""Chart workers end when told to: a build abandoned (a newer save in serve, an error) must not wait on them."""

from __future__ import annotations

import signal
from collections.abc import Iterator

import pytest

from schedgen.commands.build import Drawing


@pytest.fixture
def serve_handler() -> Iterator[None]:
    # serve turns SIGTERM into KeyboardInterrupt; its chart workers are forked from it and inherit that
    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    before = signal.signal(signal.SIGTERM, interrupted)
    yield
    signal.signal(signal.SIGTERM, before)


def test_a_chart_worker_does_not_keep_the_handler_of_sigterm_it_was_forked_with(serve_handler: None) -> None:
    with Drawing(2) as drawing:
        assert drawing.pool is not None
        assert drawing.pool.submit(signal.getsignal, signal.SIGTERM).result(timeout=60) == signal.SIG_DFL


def test_an_abandoned_drawing_ends_every_worker(serve_handler: None) -> None:
    drawing = Drawing(2)
    assert drawing.pool is not None
    workers = list(drawing.pool._processes.values())
    drawing.close(abandon=True)
    for worker in workers:
        worker.join(timeout=30)
        assert not worker.is_alive()
