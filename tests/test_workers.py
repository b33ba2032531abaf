"""Chart workers end when told to: a build abandoned (a newer save in serve, an error) must not wait on them."""

from __future__ import annotations

import os
import signal
import threading
import time
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


def _big(size: int) -> bytes:
    return b"\0" * size


def test_a_drawing_abandoned_while_a_worker_sends_its_charts_ends(monkeypatch: pytest.MonkeyPatch) -> None:
    # serve stopped (SIGTERM) as a worker was half way through sending a chart's files: the pool's reader
    # waited for the rest from the killed worker for good, and serve outlived its stop by ten seconds
    from multiprocessing import connection

    parent = os.getpid()
    send = connection.Connection._send  # type: ignore[attr-defined]

    def stalled(self: connection.Connection, buffer: bytes, *rest: object) -> None:
        if os.getpid() != parent and len(buffer) > 100_000:  # a worker (forked: it has this patch) stops midway
            send(self, buffer[: len(buffer) // 2], *rest)
            os.kill(os.getpid(), signal.SIGSTOP)
        send(self, buffer, *rest)

    monkeypatch.setattr(connection.Connection, "_send", stalled)
    drawing = Drawing(2)
    assert drawing.pool is not None
    sent = drawing.pool.submit(_big, 1_000_000)
    worker = next(iter(drawing.pool._processes.values()))
    while not sent.running():
        time.sleep(0.01)
    time.sleep(0.5)  # the worker is stopped midway through the sending
    closing = threading.Thread(target=drawing.close, kwargs={"abandon": True}, daemon=True)
    closing.start()
    closing.join(timeout=30)
    if closing.is_alive():  # left waiting, the pool would hold pytest at its exit: let its reader go
        worker.kill()
        drawing.pool._result_queue._writer.close()
    assert not closing.is_alive(), "the abandoned drawing still waits for the files of a killed worker"
