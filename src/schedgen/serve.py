"""`schedgen serve`: a build into the output folder, a static server on it, and a rebuild when a schedule changes.

The server only ever reads files inside the output folder: the request path is decoded once, split into
names, and the resolved file must lie inside the folder's resolved path, so `..`, encoded dots and
symlinks that point elsewhere all end in 404. Feeds go out as `text/calendar; charset=utf-8` with an
ETag and Last-Modified; a client that already has a feed gets a bodiless 304.
"""

from __future__ import annotations

import email.utils
import hashlib
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from schedgen.errors import SchedgenError
from schedgen.load import schedule_files

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


def resolve_path(root: Path, url_path: str) -> Path | None:
    """The file a request path names inside `root`, or None when it names nothing there."""
    path = unquote(urlsplit(url_path).path)
    if "\x00" in path or "\\" in path:
        return None
    names = [n for n in path.split("/") if n]
    if any(n in (".", "..") for n in names):
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
    if not real.is_file() or not real.is_relative_to(base):
        return None
    return real


def make_handler(root: Path) -> type[BaseHTTPRequestHandler]:
    """A request handler serving the files under `root`, read-only."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive: a phone refreshing several feeds reuses one connection

        def version_string(self) -> str:
            return "schedgen"

        def do_GET(self) -> None:
            self.respond(body=True)

        def do_HEAD(self) -> None:
            self.respond(body=False)

        def respond(self, body: bool) -> None:
            path = resolve_path(root, self.path)
            if path is None:
                self.send(HTTPStatus.NOT_FOUND, NOT_FOUND, "text/html; charset=utf-8", body)
                return
            try:
                data = path.read_bytes()
                modified = path.stat().st_mtime
            except OSError:
                self.send(HTTPStatus.NOT_FOUND, NOT_FOUND, "text/html; charset=utf-8", body)
                return
            etag = '"' + hashlib.sha1(data).hexdigest()[:20] + '"'
            last_modified = email.utils.formatdate(modified, usegmt=True)
            headers = {"ETag": etag, "Last-Modified": last_modified, "Cache-Control": "no-cache"}
            if self.not_modified(etag, modified):
                self.send(HTTPStatus.NOT_MODIFIED, b"", None, False, headers)
                return
            kind = CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream")
            self.send(HTTPStatus.OK, data, kind, body, headers)

        def not_modified(self, etag: str, modified: float) -> bool:
            match = self.headers.get("If-None-Match")
            if match is not None:
                return etag in [m.strip() for m in match.split(",")] or match.strip() == "*"
            since = self.headers.get("If-Modified-Since")
            if since:
                try:
                    parsed = email.utils.parsedate_to_datetime(since)
                except (TypeError, ValueError):
                    return False
                return int(modified) <= parsed.timestamp()
            return False

        def send(
            self, status: HTTPStatus, data: bytes, kind: str | None, body: bool, headers: dict[str, str] | None = None
        ) -> None:
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            if kind is not None:
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()
            if body and data:
                self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: a subscriber polling every few minutes is not news."""

    return Handler


class Server(ThreadingHTTPServer):
    """A threading server with a backlog for many subscribers at once."""

    daemon_threads = True
    request_queue_size = 512


@dataclass
class Watcher:
    """Rebuilds when a schedule file appears, disappears or changes."""

    paths: Sequence[Path]
    rebuild: Callable[[], None]
    report: Callable[[str], None]
    interval: float = 1.0

    def snapshot(self) -> dict[Path, tuple[float, int]]:
        found: dict[Path, tuple[float, int]] = {}
        for path in schedule_files(self.paths):
            try:
                stat = path.stat()
            except OSError:
                continue
            found[path] = (stat.st_mtime, stat.st_size)
        return found

    def run(self, stop: threading.Event) -> None:
        seen = self.snapshot()
        while not stop.wait(self.interval):
            now = self.snapshot()
            if now != seen:
                seen = now
                try:
                    self.rebuild()
                    self.report("rebuilt after a schedule changed")
                except SchedgenError as error:
                    self.report("rebuild failed; still serving the previous build:\n" + error.render())


def serve(
    paths: Sequence[Path],
    output: Path,
    *,
    host: str,
    port: int,
    rebuild: Callable[[], None],
    report: Callable[[str], None],
    ready: Callable[[str], None] = lambda _: None,
    stop: threading.Event | None = None,
) -> None:
    """Build, then serve `output` until stopped, rebuilding when a schedule changes."""
    rebuild()
    stop = stop or threading.Event()
    httpd = Server((host, port), make_handler(output))
    watcher = Watcher(paths, rebuild, report)
    thread = threading.Thread(target=watcher.run, args=(stop,), daemon=True)
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
