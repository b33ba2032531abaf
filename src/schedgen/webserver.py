"""The static file server behind `schedgen serve`: one event loop, bounded time per request and connection.

The server only ever reads files inside the output folder: the request path is decoded once, split into
names, and the resolved file must lie inside the folder's resolved path, so `..`, encoded dots and
symlinks that point elsewhere all end in 404. Feeds go out as `text/calendar; charset=utf-8` with an
ETag and Last-Modified; a client that already has a feed gets a bodiless 304 (weak ETags match too).

One asyncio loop holds every connection, so an idle socket costs a descriptor and no thread; nothing may
stall for more than `timeout` seconds, and at the descriptor limit the longest-idle connection makes room.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import hashlib
import html
import os
import socket
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from urllib.parse import unquote, urlsplit

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
RESERVED_DESCRIPTORS = 64  # kept free of connections: for the files served, the watcher, the rebuild


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
        timeout: float = 15.0,
        max_connections: int | None = None,
    ) -> None:
        self.root = root
        self.log = log
        self.timeout = timeout
        self.max_connections = max_connections or _descriptor_budget()
        self.socket = socket.create_server(address, backlog=4096)  # the system caps it (somaxconn)
        self.server_address: tuple[str, int] = self.socket.getsockname()[:2]
        self.connections: set[Connection] = set()
        self.idle: dict[Connection, None] = {}  # in the order they fell idle: the first goes first
        self.tasks: set[asyncio.Task[object]] = set()
        self.files: dict[Path, tuple[tuple[int, int, int], bytes, str]] = {}
        self.stopping = threading.Event()
        self.stopped = threading.Event()
        self.notice: str | None = None
        """Why the last rebuild failed: every page says so above the last good build, until one succeeds."""

    def serve_forever(self, poll_interval: float = 0.2) -> None:
        """Serve until `shutdown()`."""
        self.stopped.clear()
        try:
            asyncio.run(self._serve(poll_interval))
        finally:
            self.stopped.set()

    def shutdown(self) -> None:
        """Stop `serve_forever` and wait for it to return."""
        self.stopping.set()
        self.stopped.wait()

    def server_close(self) -> None:
        """Close the listening socket."""
        self.socket.close()

    async def _serve(self, poll_interval: float) -> None:
        loop = asyncio.get_running_loop()
        loop.set_exception_handler(lambda _, context: self.log(f"server: {context.get('message')}"))
        self.socket.setblocking(False)
        accepting = loop.create_task(self._accept())
        while not self.stopping.is_set():
            await asyncio.sleep(poll_interval)
        accepting.cancel()
        for connection in list(self.connections):
            connection.transport.abort()
        await asyncio.sleep(0)  # the transports finish closing before the loop does

    async def _accept(self) -> None:
        """Accept connections, draining the queue in one go when a crowd arrives (a full queue makes the
        kernel drop handshakes, which clients retry only after 1, 3, 7 s), making room before each."""
        loop = asyncio.get_running_loop()
        while True:
            try:
                self._make_room()
                self._start((await loop.sock_accept(self.socket))[0])
                for _ in range(ACCEPT_BATCH):
                    self._make_room()
                    self._start(self.socket.accept()[0])
            except (BlockingIOError, InterruptedError):
                continue
            except OSError as error:  # EMFILE and the like: say so, wait for descriptors to come back
                self.log(f"server: cannot accept a connection: {error.strerror or error}")
                await asyncio.sleep(0.1)

    def _make_room(self) -> None:
        """At the connection limit, close the longest-idle connection: idle sockets lock no one out."""
        if len(self.connections) + len(self.tasks) >= self.max_connections and self.idle:
            oldest = next(iter(self.idle))
            del self.idle[oldest]
            oldest.transport.abort()

    def _start(self, sock: socket.socket) -> None:
        made = asyncio.get_running_loop().connect_accepted_socket(lambda: Connection(self), sock)
        task: asyncio.Task[object] = asyncio.ensure_future(made)
        self.tasks.add(task)  # the loop keeps only a weak reference to a task
        task.add_done_callback(self.tasks.discard)

    def respond(self, head: bytes, peer: str) -> tuple[bytes, bool]:
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
            self.log(f"error serving {request.target} to {peer}: {type(error).__name__}: {error}")
            return _response(HTTPStatus.INTERNAL_SERVER_ERROR, b"", None, False, False), False
        return _response(status, data, kind, request.method == "GET", keep_alive, headers), keep_alive

    def answer(self, request: Request) -> tuple[HTTPStatus, bytes, str | None, dict[str, str]]:
        """Status, body, content type and headers for a GET or HEAD."""
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
            return HTTPStatus.OK, _with_notice(data, notice), HTML, {"Cache-Control": "no-store"}
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
    """One client: request heads in, whole responses out, closed after `timeout` without progress."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.buffer = bytearray()
        self.peer = "a client"
        self.timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        peer = transport.get_extra_info("peername")
        self.peer = f"{peer[0]}:{peer[1]}" if isinstance(peer, tuple) else str(peer)
        self.server.connections.add(self)
        self.idle()

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        self.server.idle.pop(self, None)
        while (end := self.buffer.find(b"\r\n\r\n", 0, HEAD_LIMIT)) >= 0:
            head = bytes(self.buffer[: end + 4])
            del self.buffer[: end + 4]
            response, keep_alive = self.server.respond(head, self.peer)
            self.transport.write(response)
            if not keep_alive:
                self.buffer.clear()
                self.transport.close()  # after what is written has gone out
                return
        if len(self.buffer) > HEAD_LIMIT:
            self.transport.write(_response(HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, b"", None, False, False))
            self.transport.close()
            return
        self.idle()

    def pause_writing(self) -> None:
        self.transport.pause_reading()  # no new requests while a client is slow to take its answers

    def resume_writing(self) -> None:
        self.transport.resume_reading()
        self.arm()

    def connection_lost(self, error: Exception | None) -> None:
        self.server.connections.discard(self)
        self.server.idle.pop(self, None)
        if self.timer is not None:
            self.timer.cancel()
        if error is not None:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else type(error).__name__
            self.server.log(f"client {self.peer} went away: {reason}")

    def idle(self) -> None:
        """Waiting for the next request head: first in line to make room, and timed."""
        if not self.buffer:
            self.server.idle[self] = None
        self.arm()

    def arm(self) -> None:
        """Close the connection when nothing moves for `timeout` seconds."""
        if self.timer is not None:
            self.timer.cancel()
        self.timer = asyncio.get_running_loop().call_later(self.server.timeout, self.expire)

    def expire(self) -> None:
        if self.transport.get_write_buffer_size():
            self.server.log(f"client {self.peer} went away: took more than {self.server.timeout:g} s to read")
        self.transport.abort()


def _response(
    status: HTTPStatus,
    data: bytes,
    kind: str | None,
    body: bool,
    keep_alive: bool,
    headers: dict[str, str] | None = None,
) -> bytes:
    """Status line, headers and (for GET) the body, as bytes to send."""
    lines = [f"HTTP/1.1 {status.value} {status.phrase}", "Server: schedgen"]
    lines.append(f"Date: {email.utils.formatdate(time.time(), usegmt=True)}")
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    if kind is not None:
        lines += [f"Content-Type: {kind}", f"Content-Length: {len(data)}", "X-Content-Type-Options: nosniff"]
    elif status is not HTTPStatus.NOT_MODIFIED:
        lines.append("Content-Length: 0")
    if not keep_alive:
        lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + (data if body else b"")


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
    """Connections this process can hold: its descriptor limit less a reserve (10,000 where unknown)."""
    if sys.platform == "win32":
        return 10_000
    import resource

    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    return max(soft - RESERVED_DESCRIPTORS, 16) if soft != resource.RLIM_INFINITY else 10_000


def raise_descriptor_limit() -> None:
    """Raise this process's soft limit on open files to its hard limit (POSIX): each connection is one."""
    if sys.platform == "win32":
        return
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and (hard == resource.RLIM_INFINITY or soft < hard):
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 1 << 16), hard))
