"""The static file server behind `schedgen serve`: one event loop, bounded time per request and connection.

The server only ever reads files inside the output folder: the request path is decoded once, split into
names, and the resolved file must lie inside the folder's resolved path, so `..`, encoded dots and
symlinks that point elsewhere all end in 404. Feeds go out as `text/calendar; charset=utf-8` with an
ETag and Last-Modified; a client that already has a feed gets a bodiless 304 (weak ETags match too).

One asyncio loop holds every connection, so an idle socket costs a descriptor and no thread. Nothing may
stall for more than `timeout` seconds, and a request head must arrive whole within one deadline from its
first byte, however slowly it trickles in. A connection answers one request at a time and reads no
further while its client is slow to take the answer, so pipelined requests cannot pile answers up in
memory. At the descriptor limit a half-sent head, then the longest-idle connection, makes room; with
neither, the server stops accepting until a connection ends, so the rebuild always has its descriptors.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import email.utils
import hashlib
import html
import os
import re
import secrets
import socket
import struct
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from urllib.parse import unquote, urlsplit

from schedgen.errors import strerror
from schedgen.i18n import _

CONTENT_TYPES = {
    ".ics": "text/calendar; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".pdf": "application/pdf",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
}
NOT_FOUND = "<!DOCTYPE html><meta charset=utf-8><title>未找到</title><p>未找到这个文件。<a href=/>返回首页</a>".encode()
HTML = "text/html; charset=utf-8"
HEAD_LIMIT = 16_384  # bytes a request line and its headers may take; a feed reader sends a few hundred
ACCEPT_BATCH = 64  # connections accepted in one go before requests get their turn
CACHED_FILES, CACHED_FILE_BYTES = 1024, 1_000_000
"""Files kept in memory between requests, and the largest kept: pages and feeds, not the big charts."""
RESERVED_DESCRIPTORS = 64 + 4 * (os.cpu_count() or 1)
"""Descriptors kept free of connections: the files served, the watcher, the rebuild and its chart workers."""
SEND_APART = 65_536  # bytes of a body sent after its head rather than copied behind it
HEAD_TIMEOUT = 10.0  # seconds a request head may take from its first byte: a client sends it in one go
PREPARE_TIMEOUT = 30.0  # seconds a request may wait for its file to be made (a chart drawn for it)
FULL_NOTICE_INTERVAL = 60.0  # seconds between two log lines saying the connection limit is reached
HOLD = 10.0
"""Seconds an open page's question (which site is served, after the one it shows) is held before it is told
the same site and asks again; a published site answers every question held at once."""


Answer = tuple[bytes, bytes]
"""A response's head and body."""


def resolve_path(root: Path, url_path: str) -> Path | None:
    """The file a request path names inside `root`, or None when it names nothing there."""
    path = unquote(urlsplit(url_path).path)
    if "\x00" in path or "\\" in path:
        return None
    names = [n for n in path.split("/") if n]
    if any(n in (".", "..") for n in names) or _hidden(names):
        return None
    base = root.resolve()
    target = base.joinpath(*names)
    try:
        real = target.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if real.is_dir():
        real = (real / "index.html").resolve()
        if not real.is_file():
            return None
    if not real.is_file() or not real.is_relative_to(base) or _hidden(real.relative_to(base).parts):
        return None
    return real


def _hidden(names: Sequence[str]) -> bool:
    """Whether a path names a dot file or folder: the build's records (`.schedgen/`, `.schedgen-build`) are
    not for readers, as the nginx configuration in deploy/ also says; `.well-known/` is the one exception."""
    return any(n.startswith(".") and not (n == ".well-known" and i < len(names) - 1) for i, n in enumerate(names))


def folder_redirect(root: Path, url_path: str) -> str | None:
    """`/id/` (with the query) for a request of `/id` that names a folder, so its relative links work."""
    parts = urlsplit(url_path)
    if parts.path.endswith("/") or resolve_path(root, url_path) is None:
        return None
    if not root.resolve().joinpath(*[n for n in unquote(parts.path).split("/") if n]).is_dir():
        return None
    return parts.path + "/" + (f"?{parts.query}" if parts.query else "")


def etag_matches(header: str, etag: str) -> bool:
    """`If-None-Match` by the weak comparison RFC 9110 asks for: `W/"x"` matches `"x"`."""
    if header.strip() == "*":
        return True
    return etag.removeprefix("W/") in (tag.strip().removeprefix("W/") for tag in header.split(","))


@dataclass(frozen=True)
class Request:
    """What a request head says, as far as a static server cares."""

    method: str
    target: str
    headers: dict[str, str]
    keep_alive: bool
    has_body: bool


def parse_head(head: bytes) -> Request | None:
    """The request in a head ending with a blank line, or None when it is not HTTP/1.x."""
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ")
    if len(parts) != 3 or parts[2] not in ("HTTP/1.0", "HTTP/1.1"):
        return None
    headers: dict[str, str] = {}
    for line in filter(None, lines[1:]):
        name, colon, value = line.partition(":")
        if not colon or not name or name != name.strip():
            return None
        key = name.lower()
        headers[key] = f"{headers[key]}, {value.strip()}" if key in headers else value.strip()
    connection = headers.get("connection", "").lower()
    keep_alive = "close" not in connection and (parts[2] == "HTTP/1.1" or "keep-alive" in connection)
    has_body = headers.get("content-length", "0").strip() != "0" or "transfer-encoding" in headers
    return Request(parts[0], parts[1], headers, keep_alive, has_body)


class Server:
    """A static file server over `root`: one event loop, bounded time per request, bounded connections."""

    def __init__(
        self,
        address: tuple[str, int],
        root: Path,
        *,
        log: Callable[[str], None] = lambda _: None,
        prepare: Callable[[str], Callable[[], None] | None] = lambda _: None,
        timeout: float = 15.0,
        head_timeout: float | None = None,
        max_connections: int | None = None,
        hold: float = HOLD,
    ) -> None:
        self.root = root
        self.log = log
        self.prepare = prepare
        """Told each request's path in the site before its file is read; gives back what must be done first (draw
        a chart not drawn yet, or wait for it), which runs off the event loop so that other clients are answered."""
        self.timeout = timeout
        self.head_timeout = min(timeout, HEAD_TIMEOUT) if head_timeout is None else head_timeout
        self.hold = hold
        self.socket = socket.create_server(address, backlog=4096)  # the system caps it (somaxconn)
        self.max_connections = max_connections or _descriptor_budget()
        self.server_address: tuple[str, int] = self.socket.getsockname()[:2]
        self.connections: set[Connection] = set()
        # the connections that may be closed to make room, each in the order it got there: the first goes first
        self.heads: dict[Connection, None] = {}  # a request head begun and not yet whole
        self.idle: dict[Connection, None] = {}  # waiting for the next request
        self.held: dict[Connection, bytes] = {}  # a page's question held until the next site (`publish`)
        self.tasks: set[asyncio.Task[object]] = set()
        self.room: asyncio.Event | None = None
        self.said_full = -FULL_NOTICE_INTERVAL
        self.files: dict[Path, tuple[tuple[int, int, int], bytes, str]] = {}
        self.stopping = threading.Event()
        self.stopped = threading.Event()
        self.notice: str | None = None
        """Why the last rebuild failed: every page says so above the last good build, until one succeeds."""
        self.site = 0
        """How many sites have been published: an open page asks for it and reloads when it has moved."""
        self.serving = secrets.token_hex(4)
        """Which serve this is: its sites are counted from 0 again, and a page still open from an earlier one
        must not take them for those it showed."""
        self.loop: asyncio.AbstractEventLoop | None = None
        self.reloading: dict[tuple[str, int], bytes] = {}
        """Each page as served, with its reloading script, by its ETag and the site it names."""

    def serve_forever(self, poll_interval: float = 0.2) -> None:
        """Serve until `shutdown()`."""
        self.stopped.clear()
        try:
            asyncio.run(self._serve(poll_interval))
        finally:
            self.stopped.set()

    def publish(self) -> None:
        """Say that a new site is published (or that a save could not be, `notice`): the open pages reload.
        Called from any thread."""
        self.site += 1
        loop = self.loop
        if loop is not None:
            with contextlib.suppress(RuntimeError):  # the loop has closed: no page is waiting
                loop.call_soon_threadsafe(self._answer_held)

    @property
    def shown(self) -> str:
        """The site served now, as a page names it: this serve's, and how many it has published."""
        return f"{self.serving}.{self.site}"

    def _answer_held(self) -> None:
        held, self.held = self.held, {}
        for connection, head in held.items():
            connection.unhold(head)

    def holds(self, head: bytes) -> bool:
        """Whether a request is a page's question about the site that names the one served now: it is then
        answered when the next is published, or after `hold` seconds."""
        request = parse_head(head)
        if request is None or request.method != "GET":
            return False
        path, _, query = request.target.partition("?")
        return path == SITE_PATH and query == f"after={self.shown}"

    def shutdown(self) -> None:
        """Stop `serve_forever` and wait for it to return."""
        self.stopping.set()
        self.stopped.wait()

    def server_close(self) -> None:
        """Close the listening socket."""
        self.socket.close()

    async def _serve(self, poll_interval: float) -> None:
        loop = self.loop = asyncio.get_running_loop()
        loop.set_exception_handler(lambda _, context: self.log(f"server: {context.get('message')}"))
        self.socket.setblocking(False)
        self.room = asyncio.Event()
        accepting = loop.create_task(self._accept())
        try:
            while not self.stopping.is_set():
                await asyncio.sleep(poll_interval)
        finally:  # also when Ctrl-C cancels the loop: no connection is left to the garbage collector
            accepting.cancel()
            for connection in list(self.connections):
                connection.transport.abort()
            await asyncio.sleep(0)  # the transports finish closing before the loop does

    async def _accept(self) -> None:
        """Accept connections, draining the queue in one go when a crowd arrives (a full queue makes the
        kernel drop handshakes, which clients retry only after 1, 3, 7 s), while there is room for them."""
        loop = asyncio.get_running_loop()
        assert self.room is not None
        while True:
            try:
                if not self._has_room():  # the kernel keeps the next clients queued meanwhile
                    await self._knock()
                    self.room.clear()
                    if not self._has_room():
                        self._make_room()
                        await self.room.wait()
                    continue
                self._start((await loop.sock_accept(self.socket))[0])
                for _more in range(ACCEPT_BATCH):
                    if not self._has_room():
                        break
                    self._start(self.socket.accept()[0])
            except (BlockingIOError, InterruptedError):
                continue
            except OSError as error:  # EMFILE and the like: say so, wait for descriptors to come back
                self._say_full(_("cannot accept a connection: {reason}").format(reason=strerror(error)))
                self.room.clear()
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(self.room.wait(), 1.0)

    async def _knock(self) -> None:
        """Return once a client waits to be accepted."""
        loop = asyncio.get_running_loop()
        knocked: asyncio.Future[None] = loop.create_future()

        def knock() -> None:
            if not knocked.done():
                knocked.set_result(None)

        loop.add_reader(self.socket.fileno(), knock)
        try:
            await knocked
        finally:
            loop.remove_reader(self.socket.fileno())

    def _has_room(self) -> bool:
        """Whether another connection fits in the descriptors this process may give connections."""
        starting = sum(not task.done() for task in self.tasks)  # a task done is in `connections` already
        return len(self.connections) + starting < self.max_connections

    def _make_room(self) -> None:
        """At the limit, with a client waiting: close a half-sent head (a client trickling one in holds a
        descriptor for nothing), else the longest-idle connection, else the longest-held question about the
        site (its page asks again a second later); its descriptor is free once the loop has turned, and `room`
        says so. With none, `room` waits for a connection to end."""
        self._say_full(
            _(
                "{count} connections open, the most this process can hold: closing half-sent "
                "requests and idle connections first, and accepting new ones only as others end"
            ).format(count=self.max_connections)
        )
        waiting = self.heads or self.idle or self.held  # a page whose question is cut off asks again
        if waiting:
            next(iter(waiting)).evict()

    def _say_full(self, message: str) -> None:
        """Say, at most once a minute, that connections are being refused or closed for want of descriptors."""
        if time.monotonic() - self.said_full >= FULL_NOTICE_INTERVAL:
            self.said_full = time.monotonic()
            self.log(f"server: {message}")

    def _start(self, sock: socket.socket) -> None:
        made = asyncio.get_running_loop().connect_accepted_socket(lambda: Connection(self), sock)
        task: asyncio.Task[object] = asyncio.ensure_future(made)
        self.tasks.add(task)  # the loop keeps only a weak reference to a task
        task.add_done_callback(self._started)

    def _started(self, task: asyncio.Task[object]) -> None:
        self.tasks.discard(task)
        if task.cancelled() or task.exception() is not None:  # its socket is closed: room for another
            self.connection_ended()

    def connection_ended(self) -> None:
        """A connection ended (or never began): its descriptor is free for another."""
        if self.room is not None:
            self.room.set()

    def respond(self, head: bytes, peer: str) -> tuple[Answer, bool]:
        """The whole response to one request head, and whether the connection may carry another."""
        request = parse_head(head)
        if request is None:
            return _response(HTTPStatus.BAD_REQUEST, b"", None, False, False), False
        keep_alive = request.keep_alive and not request.has_body  # a body we do not read would be taken as a request
        if request.method not in ("GET", "HEAD"):
            return _response(HTTPStatus.METHOD_NOT_ALLOWED, b"", None, False, False, {"Allow": "GET, HEAD"}), False
        try:
            status, data, kind, headers = self.answer(request)
        except Exception as error:  # a bug must cost one request and one line, never the server
            self.log(
                _("error serving {target} to {peer}: {error}").format(
                    target=request.target, peer=peer, error=f"{type(error).__name__}: {error}"
                )
            )
            return _response(HTTPStatus.INTERNAL_SERVER_ERROR, b"", None, False, False), False
        return _response(status, data, kind, request.method == "GET", keep_alive, headers), keep_alive

    def preparation(self, head: bytes) -> Callable[[], None] | None:
        """What must be done before a request for a file can be answered, if anything."""
        request = parse_head(head)
        if request is None or request.method not in ("GET", "HEAD") or request.target.split("?", 1)[0] == SITE_PATH:
            return None
        return self.prepare(unquote(urlsplit(request.target).path).lstrip("/"))

    def answer(self, request: Request) -> tuple[HTTPStatus, bytes, str | None, dict[str, str]]:
        """Status, body, content type and headers for a GET or HEAD."""
        if request.target.split("?", 1)[0] == SITE_PATH:
            return HTTPStatus.OK, self.shown.encode(), "text/plain; charset=utf-8", {"Cache-Control": "no-store"}
        path = resolve_path(self.root, request.target)
        location = folder_redirect(self.root, request.target) if path and path.name == "index.html" else None
        if location is not None:
            return HTTPStatus.MOVED_PERMANENTLY, b"", None, {"Location": location}
        missing: tuple[HTTPStatus, bytes, str | None, dict[str, str]] = (HTTPStatus.NOT_FOUND, NOT_FOUND, HTML, {})
        if path is None:
            return missing
        try:
            stat, data, etag = self._file(path)
        except OSError:  # gone since it was resolved: a rebuild swapped the folder
            return missing
        headers = {
            "ETag": etag,
            "Last-Modified": email.utils.formatdate(stat.st_mtime, usegmt=True),
            "Cache-Control": "no-cache",
        }
        notice = self.notice
        if notice is not None and path.suffix == ".html":
            warned = _reloading(_with_notice(data, notice), self.shown)
            return HTTPStatus.OK, warned, HTML, {"Cache-Control": "no-store"}
        if path.suffix == ".html":  # a preview reloads itself when a save publishes a new site
            key = (etag, self.site)
            page = self.reloading.get(key)
            if page is None:  # made once a page and site: a 2 MB page is not searched for every request
                if len(self.reloading) > 64:
                    self.reloading.clear()
                page = self.reloading[key] = _reloading(data, self.shown)
            return HTTPStatus.OK, page, HTML, {"Cache-Control": "no-store"}
        if _not_modified(request.headers, etag, stat.st_mtime):
            return HTTPStatus.NOT_MODIFIED, b"", None, headers
        return HTTPStatus.OK, data, CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream"), headers

    def _file(self, path: Path) -> tuple[os.stat_result, bytes, str]:
        """A file's stat, bytes and ETag; a small file is kept while its inode, size and mtime stay (builds
        write new files, never change one in place)."""
        stat = path.stat()
        key = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
        cached = self.files.get(path)
        if cached is not None and cached[0] == key:
            return stat, cached[1], cached[2]
        with path.open("rb") as stream:  # one open file: its bytes and its stat cannot come from two builds
            stat = os.fstat(stream.fileno())
            data = stream.read()
        etag = '"' + hashlib.sha1(data).hexdigest()[:20] + '"'
        if len(self.files) >= CACHED_FILES:
            self.files.clear()
        if len(data) <= CACHED_FILE_BYTES:
            self.files[path] = ((stat.st_ino, stat.st_size, stat.st_mtime_ns), data, etag)
        return stat, data, etag


class Connection(asyncio.Protocol):
    """One client: request heads in, whole responses out, one at a time.

    Waiting for a request, it is closed after `timeout` seconds; a head begun must be whole within
    `head_timeout` of its first byte; an answer the client is slow to take, after `timeout` seconds
    without progress. A page's question about the site (`Server.holds`) is answered when the next site is
    published, after `hold` seconds, or as soon as the client sends anything more.
    """

    def __init__(self, server: Server) -> None:
        self.server = server
        self.buffer = bytearray()
        self.peer = "a client"
        self.timer: asyncio.TimerHandle | None = None
        self.in_head = False  # the head begun has its deadline: no byte moves it
        self.writing_paused = False
        self.closing = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        peer = transport.get_extra_info("peername")
        self.peer = f"{peer[0]}:{peer[1]}" if isinstance(peer, tuple) else str(peer)
        self.server.connections.add(self)
        self.wait_for_request()

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        held = self.server.held.get(self)
        if held is not None:  # a client that asks more is not a page waiting for a save: it is told the site now
            self.unhold(held)
            return
        self.answer_next()

    def answer_next(self) -> None:
        """Answer the first whole request in the buffer, and the next on the loop's next turn (other clients
        go in between); none while the client has not taken the last answer."""
        if self.writing_paused or self.closing:
            return
        end = self.buffer.find(b"\r\n\r\n", 0, HEAD_LIMIT)
        if end < 0:
            if len(self.buffer) > HEAD_LIMIT:
                self.finish(_response(HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, b"", None, False, False))
            else:
                self.transport.resume_reading()
                self.wait_for_request()
            return
        head = bytes(self.buffer[: end + 4])
        del self.buffer[: end + 4]
        self.in_head = False
        self.server.heads.pop(self, None)
        self.server.idle.pop(self, None)
        if not self.buffer and self.server.holds(head):
            # read on while it waits: a page that goes away (a link followed, the tab closed) frees its
            # connection at once, and a request sent behind the question has it answered (`data_received`)
            self.transport.resume_reading()
            self.server.held[self] = head
            self.timer_for(self.server.hold, lambda: self.unhold(head))
            return
        first = self.server.preparation(head)
        if first is None:
            self.respond(head)
            return
        self.transport.pause_reading()
        self.arm(self.server.timeout + PREPARE_TIMEOUT)  # the timer must not cut the client off while it waits
        done = asyncio.get_running_loop().run_in_executor(None, first)
        done.add_done_callback(lambda finished: self.prepared(head, finished))

    def prepared(self, head: bytes, finished: asyncio.Future[None]) -> None:
        """Answer a request once what it waited for is done (or failed: the file as it is then is served)."""
        if finished.cancelled():  # the server is stopping
            return
        error = finished.exception()
        if error is not None:
            self.server.log(
                _("drawing what {peer} asked for failed ({error}); it gets the file as it is").format(
                    peer=self.peer, error=f"{type(error).__name__}: {error}"
                )
            )
        if not self.closing:
            self.transport.resume_reading()  # paused while it waited; a pipelined request pauses it again
            self.respond(head)

    def unhold(self, head: bytes) -> None:
        """Answer a page's question held (a new site, or `hold` seconds passed)."""
        self.server.held.pop(self, None)
        if not self.closing:
            self.respond(head)

    def respond(self, head: bytes) -> None:
        """Send the answer to one whole request head, and go on to the next."""
        response, keep_alive = self.server.respond(head, self.peer)
        if not keep_alive:
            self.finish(response)
            return
        self.arm(self.server.timeout)  # the answer must get going; taking it pauses this connection
        self.send(response)
        if self.buffer:  # pipelined requests: no more read until these are answered
            self.transport.pause_reading()
            asyncio.get_running_loop().call_soon(self.answer_next)
        elif not self.writing_paused:
            self.wait_for_request()

    def wait_for_request(self) -> None:
        """Waiting for a request: first in line to make room, and timed; a head begun is timed from its first
        byte and goes first of all."""
        if not self.buffer:
            self.server.idle[self] = None
            self.arm(self.server.timeout)
        elif not self.in_head:
            self.in_head = True
            self.server.idle.pop(self, None)
            self.server.heads[self] = None
            self.arm(self.server.head_timeout, head=True)

    def send(self, answer: Answer) -> None:
        """Write an answer: a small one in one piece, a large body after its head, uncopied."""
        head, body = answer
        if len(body) < SEND_APART:
            self.transport.write(head + body)
        else:
            self.transport.write(head)
            self.transport.write(body)

    def finish(self, response: Answer) -> None:
        """Send a last answer and close once it is out (abort if the client does not take it in time)."""
        self.closing = True
        self.buffer.clear()
        self.forget()
        self.send(response)
        self.transport.close()
        self.arm(self.server.timeout)

    def evict(self) -> None:
        """Close at once to make room for another connection."""
        self.forget()
        self.closing = True
        self.transport.abort()

    def pause_writing(self) -> None:
        self.writing_paused = True
        self.transport.pause_reading()  # no new requests while a client is slow to take its answers

    def resume_writing(self) -> None:
        self.writing_paused = False
        self.arm(self.server.timeout)
        self.answer_next()

    def connection_lost(self, error: Exception | None) -> None:
        self.closing = True
        self.server.connections.discard(self)
        self.forget()
        self.server.connection_ended()
        if self.timer is not None:
            self.timer.cancel()
        if error is not None:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else type(error).__name__
            self.server.log(_("client {peer} went away: {reason}").format(peer=self.peer, reason=reason))

    def forget(self) -> None:
        """Take the connection off the server's lists of those that wait."""
        for waiting in (self.server.heads, self.server.idle, self.server.held):
            waiting.pop(self, None)

    def arm(self, seconds: float, *, head: bool = False) -> None:
        """Close the connection when `seconds` pass before the next step."""
        self.timer_for(seconds, lambda: self.expire(head))

    def timer_for(self, seconds: float, then: Callable[[], None]) -> None:
        """Do `then` when `seconds` pass before the next step."""
        if self.timer is not None:
            self.timer.cancel()
        self.timer = asyncio.get_running_loop().call_later(seconds, then)

    def expire(self, head: bool) -> None:
        if head and not self.closing:  # a client that took this long may still read why it is cut off
            self.finish(_response(HTTPStatus.REQUEST_TIMEOUT, b"", None, False, False))
            self.arm(1.0)
            return
        if self.transport.get_write_buffer_size():
            self.server.log(
                _("client {peer} went away: took more than {seconds:g} s to read").format(
                    peer=self.peer, seconds=self.server.timeout
                )
            )
            # reset, not closed: the kernel would otherwise keep the unsent answer and keep offering it
            sock = self.transport.get_extra_info("socket")
            with contextlib.suppress(OSError, AttributeError):
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.transport.abort()


def _response(
    status: HTTPStatus,
    data: bytes,
    kind: str | None,
    body: bool,
    keep_alive: bool,
    headers: dict[str, str] | None = None,
) -> Answer:
    """Status line and headers, and (for GET) the body: two pieces, so that a file kept in memory is sent
    as it is kept, not copied behind its head for every client."""
    lines = [f"HTTP/1.1 {status.value} {status.phrase}", "Server: schedgen"]
    lines.append(f"Date: {email.utils.formatdate(time.time(), usegmt=True)}")
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    if kind is not None:
        lines += [f"Content-Type: {kind}", f"Content-Length: {len(data)}", "X-Content-Type-Options: nosniff"]
    elif status is not HTTPStatus.NOT_MODIFIED:
        lines.append("Content-Length: 0")
    if not keep_alive:
        lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"), data if body else b""


SITE_PATH = "/.well-known/schedgen-site"
"""Where an open page asks which site the preview serves (which serve, and how many sites it has published)."""
RETRY_MS = 1000
"""How long an open page waits to ask again when the server does not answer (stopped, or restarting)."""
_RELOAD = (
    '(function () {{ var shown = "{site}", asking = false; function ask() {{'
    " if (asking || document.hidden) return; asking = true;"
    ' fetch("' + SITE_PATH + '?after=" + shown, {{cache: "no-store"}})'
    ".then(function (r) {{ if (!r.ok) throw r; return r.text(); }})"
    ".then(function (site) {{ asking = false; if (site !== shown) location.reload(); else ask(); }})"
    ".catch(function () {{ setTimeout(function () {{ asking = false; ask(); }}, " + str(RETRY_MS) + "); }}); }}"
    ' document.addEventListener("visibilitychange", ask); ask(); }})();'
)
"""An open page's question, held by the server until the next site is published (`HOLD`): a save is on screen
as soon as it is out, where a page asking every 0.25 s showed it 0.125 s later on average. Only a page in
sight asks: a browser opens six connections to a server at most, and six tabs each holding one would leave
a seventh none; a tab brought back into sight asks at once, and reloads if a save came meanwhile."""
_POLICY = re.compile(rb'(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")')


def _reloading(page: bytes, site: str) -> bytes:
    """A page that reloads itself once a save has published a new site, asking the server (which the page's
    own policy is widened to allow, for this one script) and never reloading while nothing changed."""
    script = _RELOAD.format(site=site)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()

    def allow(found: re.Match[bytes]) -> bytes:
        policy = found[2].decode()
        if "script-src " in policy:  # a directive given twice counts once: the script joins the page's own
            policy = policy.replace("script-src ", f"script-src 'sha256-{digest}' ", 1)
        else:
            policy += f"; script-src 'sha256-{digest}'"
        return found[1] + f"{policy}; connect-src 'self'".encode() + found[3]

    page, allowed = _POLICY.subn(allow, page, count=1)
    if not allowed:
        return page
    at = page.rfind(b"</body>")
    at = at if at >= 0 else len(page)
    return page[:at] + f"<script>{script}</script>".encode() + page[at:]


def _with_notice(page: bytes, notice: str) -> bytes:
    """The page with a banner saying the last save could not be published, and why (escaped)."""
    banner = (
        '<div role="alert" style="background:#fde8e8;border:2px solid #b42318;padding:8px 14px;margin:0">'
        "<b>更新失败：最近一次保存的计划有错误，下面仍是上次成功生成的版本。</b>"
        f'<pre style="white-space:pre-wrap;margin:6px 0 0">{html.escape(notice)}</pre></div>'
    ).encode()
    at = page.find(b"<body")
    at = page.find(b">", at) + 1 if at >= 0 else 0
    return page[:at] + banner + page[at:]


def _not_modified(headers: dict[str, str], etag: str, modified: float) -> bool:
    match = headers.get("if-none-match")
    if match is not None:
        return etag_matches(match, etag)
    since = headers.get("if-modified-since")
    if since:
        try:
            parsed = email.utils.parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
        return int(modified) <= parsed.timestamp()
    return False


def _descriptor_budget() -> int:
    """Connections this process can hold: its descriptor limit less those already open and a reserve (10,000
    where unknown)."""
    if sys.platform == "win32":
        return 10_000
    import resource

    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return 10_000
    try:
        held = len(os.listdir("/proc/self/fd" if os.path.isdir("/proc/self/fd") else "/dev/fd"))
    except OSError:
        held = 16
    return max(soft - held - RESERVED_DESCRIPTORS, 16)


def raise_descriptor_limit() -> None:
    """Raise this process's soft limit on open files to its hard limit (POSIX): each connection is one."""
    if sys.platform == "win32":
        return
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and (hard == resource.RLIM_INFINITY or soft < hard):
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 1 << 16), hard))
