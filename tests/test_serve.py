"""`schedgen serve` under idle sockets, rude clients and failing rebuilds: it keeps answering and watching."""

from __future__ import annotations

import contextlib
import http.client
import os
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from schedgen.serve import Watcher
from schedgen.webserver import Server, etag_matches

Site = tuple[tuple[str, int], list[str]]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "output"
    (root / "plan").mkdir(parents=True)
    (root / "index.html").write_text("<p>首页", encoding="utf-8")
    (root / "plan" / "index.html").write_text("<p>计划", encoding="utf-8")
    (root / "plan" / "plan.ics").write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    return root


def start(root: Path, **options: float) -> Iterator[Site]:
    lines: list[str] = []
    httpd = Server(("127.0.0.1", 0), root, log=lines.append, **options)  # type: ignore[arg-type]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield httpd.server_address, lines
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def server(site: Path) -> Iterator[Site]:
    yield from start(site, timeout=1.0)


def get(address: tuple[str, int], path: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection(*address, timeout=10)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def test_weak_etags_are_honoured(server: Site) -> None:
    address, _ = server
    etag = get(address, "/plan/plan.ics").getheader("ETag")
    assert etag and etag.startswith('"')
    assert get(address, "/plan/plan.ics", {"If-None-Match": f"W/{etag}"}).status == 304
    assert get(address, "/plan/plan.ics", {"If-None-Match": f'"other", W/{etag}'}).status == 304
    assert get(address, "/plan/plan.ics", {"If-None-Match": 'W/"other"'}).status == 200
    assert etag_matches("*", etag) and not etag_matches("", etag)


def test_a_folder_without_its_slash_is_redirected(server: Site) -> None:
    address, _ = server
    moved = get(address, "/plan")
    assert moved.status == 301 and moved.getheader("Location") == "/plan/"
    assert get(address, "/plan?from=qr").getheader("Location") == "/plan/?from=qr"
    assert get(address, "/plan/").status == 200
    assert get(address, "/plan/plan.ics").status == 200
    assert get(address, "/plan/nope").status == 404


def test_bad_requests_get_an_answer_not_a_hang(server: Site) -> None:
    address, _ = server
    for request, status in [
        (b"BREW /pot HTCPCP/1.0\r\n\r\n", b"400"),
        (b"POST / HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi", b"405"),
        (b"GET / HTTP/1.1\r\nX: " + b"a" * 20_000 + b"\r\n\r\n", b"431"),
    ]:
        with socket.create_connection(address, timeout=5) as client:
            client.sendall(request)
            assert client.recv(100).split(b" ")[1] == status


def test_a_silent_connection_is_closed_after_the_timeout(server: Site) -> None:
    address, _ = server
    with socket.create_connection(address, timeout=5) as idle:
        started = time.monotonic()
        assert idle.recv(100) == b""
        assert time.monotonic() - started < 3


def test_a_client_that_leaves_mid_download_is_one_line(site: Path, capfd: pytest.CaptureFixture[str]) -> None:
    (site / "big.pdf").write_bytes(b"%PDF" + bytes(32_000_000))  # more than the socket buffers hold
    server = start(site, timeout=1.0)
    address, lines = next(server)
    client = socket.create_connection(address, timeout=5)
    client.sendall(b"GET /big.pdf HTTP/1.1\r\nHost: x\r\n\r\n")
    client.recv(1000)
    client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # reset, as a dropped phone does
    client.close()
    deadline = time.monotonic() + 10
    while not lines and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(lines) == 1 and "went away" in lines[0] and "\n" not in lines[0]
    assert get(address, "/plan/").status == 200
    assert "Traceback" not in capfd.readouterr().err
    next(server, None)


SERVER = """
import resource, sys
from pathlib import Path
from schedgen.webserver import Server
resource.setrlimit(resource.RLIMIT_NOFILE, (1024, resource.getrlimit(resource.RLIMIT_NOFILE)[1]))
httpd = Server(("127.0.0.1", 0), Path(sys.argv[1]))
print(httpd.server_address[1], flush=True)
httpd.serve_forever()
"""


@contextlib.contextmanager
def server_process(script: str, *args: str) -> Iterator[tuple[subprocess.Popen[str], tuple[str, int]]]:
    """A server run by `script` in a process of its own (which prints its port first), killed afterwards."""
    process = subprocess.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE, text=True, bufsize=1)
    try:
        assert process.stdout is not None
        yield process, ("127.0.0.1", int(process.stdout.readline()))
    finally:
        process.kill()
        process.wait()
        if process.stdout is not None:
            process.stdout.close()


@pytest.mark.skipif(sys.platform == "win32", reason="descriptor limits are POSIX")
def test_1100_idle_sockets_do_not_lock_others_out(site: Path) -> None:
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < 2_400:
        pytest.skip("this machine allows too few open files for the test's own sockets")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, 2_400), hard))
    idle: list[socket.socket] = []
    try:
        with server_process(SERVER, str(site)) as (_, address):
            idle = [socket.create_connection(address, timeout=5) for _ in range(1_100)]
            started = time.monotonic()
            assert get(address, "/plan/plan.ics").status == 200
            assert time.monotonic() - started < 5
    finally:
        for connection in idle:
            connection.close()
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


@contextlib.contextmanager
def watching(watcher: Watcher) -> Iterator[None]:
    """The watcher polling in a thread of its own meanwhile."""
    stop = threading.Event()
    thread = threading.Thread(target=watcher.run, args=(stop,), daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(2)


def wait_for(condition: Callable[[], bool], seconds: float = 5) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.02)


def test_the_watcher_outlives_any_error(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("title: 甲\nyear: 2024\ntasks: [{id: a, when: 3月1日前, task: 一}]\n", encoding="utf-8")
    failures = [OSError(24, "Too many open files"), RuntimeError("a renderer bug")]
    calls: list[str] = []

    def rebuild() -> None:
        calls.append("rebuild")
        if failures:
            raise failures.pop(0)

    with watching(Watcher([tmp_path], rebuild=rebuild, report=calls.append, interval=0.02)):
        for n in range(3):
            time.sleep(0.1)
            plan.write_text(
                f"title: 甲\nyear: 2024\ntasks: [{{id: a, when: 3月{n + 2}日前, task: 一}}]\n", encoding="utf-8"
            )
            wait_for(lambda n=n: calls.count("rebuild") > n)  # type: ignore[misc]
        wait_for(lambda: "rebuilt after a schedule changed" in calls)
    assert calls == [
        "rebuild",
        "rebuild failed (OSError: [Errno 24] Too many open files); still serving the previous build",
        "rebuild",
        "rebuild failed (RuntimeError: a renderer bug); still serving the previous build",
        "rebuild",
        "rebuilt after a schedule changed",
    ]


def test_the_watcher_says_when_a_save_came_after_the_rebuild_began(tmp_path: Path) -> None:
    # what lets serve give up drawing charts for a site a newer save has already replaced
    plan = tmp_path / "plan.yaml"
    plan.write_text("title: 甲\nyear: 2024\ntasks: [{id: a, when: 3月1日前, task: 一}]\n", encoding="utf-8")
    began: list[bool] = []
    watcher = Watcher([tmp_path], rebuild=lambda: began.append(watcher.changed()), report=print, interval=0.02)
    with watching(watcher):
        time.sleep(0.1)
        assert not watcher.changed()
        plan.write_text("title: 甲\nyear: 2024\ntasks: [{id: a, when: 3月12日前, task: 一}]\n", encoding="utf-8")
        assert watcher.changed()
        wait_for(lambda: bool(began))
    assert began == [False]  # the save being rebuilt is not a newer one


def test_the_builds_own_records_are_not_served(site: Path, server: Site) -> None:
    # as the nginx configuration in deploy/ hides them: the ledger and the manifest are not for readers
    (site / ".schedgen" / "feed-state").mkdir(parents=True)
    (site / ".schedgen" / "manifest.json").write_text("{}", encoding="utf-8")
    (site / ".schedgen" / "feed-state" / "plan.json").write_text("{}", encoding="utf-8")
    (site / ".schedgen-build").write_text("", encoding="utf-8")
    (site / "plan" / ".hidden").write_text("", encoding="utf-8")
    address, _ = server
    for path in [
        "/.schedgen/manifest.json",
        "/.schedgen/feed-state/plan.json",
        "/.schedgen/",
        "/.schedgen-build",
        "/%2eschedgen/manifest.json",
        "/plan/../.schedgen/manifest.json",
        "/plan/.hidden",
    ]:
        assert get(address, path).status == 404, path
    assert get(address, "/plan/plan.ics").status == 200


def drip(client: socket.socket, seconds: float, every: float) -> tuple[bytes, float]:
    """Send a request head one header line at a time, `every` seconds apart, for up to `seconds`; what the
    server said back (b"" when it closed) and when."""
    started = time.monotonic()
    client.settimeout(every)
    client.sendall(b"GET /plan/plan.ics HTTP/1.1\r\n")
    while time.monotonic() - started < seconds:
        try:
            return client.recv(1000), time.monotonic() - started
        except TimeoutError:
            pass
        except ConnectionResetError:
            return b"", time.monotonic() - started
        with contextlib.suppress(OSError):
            client.sendall(b"X-Slow: 1\r\n")
    return b"still open", time.monotonic() - started


def test_a_head_sent_a_line_at_a_time_is_cut_off_by_one_deadline(server: Site) -> None:
    # each line comes well within the timeout: only a deadline for the whole head ends it
    address, _ = server
    with socket.create_connection(address, timeout=5) as slow:
        said, after = drip(slow, seconds=4, every=0.3)
    assert said.startswith(b"HTTP/1.1 408 ") or said == b"", said
    assert after < 2


def test_at_the_connection_limit_a_half_sent_head_makes_room(site: Path) -> None:
    server = start(site, timeout=30.0, max_connections=8)
    address, _ = next(server)
    with socket.create_connection(address, timeout=5) as idle:
        idle.sendall(b"GET /plan/ HTTP/1.1\r\nHost: x\r\n\r\n")
        assert idle.recv(1000).startswith(b"HTTP/1.1 200 ")  # a subscriber between two requests
        slow = [socket.create_connection(address, timeout=5) for _ in range(7)]
        for client in slow:
            client.sendall(b"GET /plan/ HTTP/1.1\r\nX-Slow: 1\r\n")
        time.sleep(0.2)
        started = time.monotonic()
        assert get(address, "/plan/plan.ics").status == 200
        assert time.monotonic() - started < 1
        closed = []
        for client in slow:
            client.settimeout(0.2)
            try:
                closed.append(client.recv(100) == b"")
            except TimeoutError:
                closed.append(False)
            except ConnectionResetError:
                closed.append(True)
            client.close()
        assert closed[0], "the oldest half-sent head was not closed to make room"
        idle.sendall(b"GET /plan/ HTTP/1.1\r\nHost: x\r\n\r\n")
        assert idle.recv(1000).startswith(b"HTTP/1.1 200 ")  # kept: the half-sent heads went first
    next(server, None)


LIMITED = """
import resource, sys, threading, time
from pathlib import Path
from schedgen.webserver import Server
resource.setrlimit(resource.RLIMIT_NOFILE, (int(sys.argv[2]), resource.getrlimit(resource.RLIMIT_NOFILE)[1]))
httpd = Server(("127.0.0.1", 0), Path(sys.argv[1]), log=lambda line: print(line, flush=True))
print(httpd.server_address[1], flush=True)

def build_needs_files():  # what a rebuild opens at once while the clients come and go
    while True:
        files = []
        try:
            files = [open(sys.argv[1] + "/index.html", "rb") for _ in range(40)]
        except OSError as error:
            print("build:", error.strerror, flush=True)
        for file in files:
            file.close()
        time.sleep(0.05)

threading.Thread(target=build_needs_files, daemon=True).start()
httpd.serve_forever()
"""


@pytest.mark.skipif(sys.platform == "win32", reason="descriptor limits are POSIX")
def test_slow_heads_leave_the_descriptors_a_rebuild_needs_and_let_new_clients_in(site: Path) -> None:
    slow: list[socket.socket] = []
    lines: list[str] = []
    with server_process(LIMITED, str(site), "256") as (process, address):
        threading.Thread(target=lambda: lines.extend(process.stdout or ()), daemon=True).start()
        try:
            for _ in range(300):  # more than the server may hold, each one line into its head
                client = socket.create_connection(address, timeout=5)
                client.sendall(b"GET / HTTP/1.1\r\n")
                slow.append(client)
            for _ in range(3):
                started = time.monotonic()
                assert get(address, "/plan/plan.ics").status == 200
                assert time.monotonic() - started < 3
                for client in slow:
                    with contextlib.suppress(OSError):
                        client.sendall(b"X-Slow: 1\r\n")
            time.sleep(0.3)
        finally:
            for client in slow:
                client.close()
    assert not [line for line in lines if line.startswith("build:")], lines[:3]
    assert any("most this process can hold" in line for line in lines), lines[:3]


def resident_megabytes(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(status.split("VmRSS:")[1].split()[0]) / 1024


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the server's memory from /proc")
def test_pipelined_requests_that_are_never_read_do_not_pile_up_in_memory(site: Path) -> None:
    (site / "plan" / "gantt.png").write_bytes(b"\x89PNG" + bytes(900_000))  # a chart, kept in memory as served
    with server_process(SERVER, str(site)) as (process, address):
        assert get(address, "/plan/gantt.png").status == 200
        before = resident_megabytes(process.pid)
        with socket.create_connection(address, timeout=5) as greedy:
            greedy.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            greedy.sendall(b"GET /plan/gantt.png HTTP/1.1\r\nHost: x\r\n\r\n" * 200)
            time.sleep(1.5)
            grown = resident_megabytes(process.pid) - before
            assert get(address, "/plan/plan.ics").status == 200  # others are still answered
    assert grown < 30, f"the server grew by {grown:.0f} MB for one socket that reads nothing"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the socket's TCP state")
def test_a_client_that_reads_nothing_is_reset_after_the_timeout(site: Path, server: Site) -> None:
    # closed gently, the kernel would keep offering it the unsent answer, and it would never know
    (site / "plan" / "gantt.png").write_bytes(b"\x89PNG" + bytes(900_000))
    address, lines = server
    with socket.socket() as greedy:
        greedy.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        greedy.connect(address)
        greedy.sendall(b"GET /plan/gantt.png HTTP/1.1\r\nHost: x\r\n\r\n" * 50)
        wait_for(lambda: greedy.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 1)[0] != 1, 3)
        assert greedy.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 1)[0] != 1  # no longer ESTABLISHED
    assert any("took more than 1 s to read" in line for line in lines), lines


def test_pipelined_requests_are_all_answered_in_order(server: Site) -> None:
    address, _ = server
    paths = ["/plan/plan.ics", "/nope", "/plan/"] * 30
    with socket.create_connection(address, timeout=5) as client:
        client.sendall(b"".join(f"GET {p} HTTP/1.1\r\nHost: x\r\n\r\n".encode() for p in paths))
        reader = client.makefile("rb")
        statuses = []
        for _ in paths:
            status = int(reader.readline().split()[1])
            length = 0
            while (line := reader.readline()) != b"\r\n":
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            reader.read(length)
            statuses.append(status)
    assert statuses == [200, 404, 200] * 30


def test_the_watcher_sees_a_save_that_keeps_size_and_time(tmp_path: Path) -> None:
    # what `cp -p`, `rsync -t` and `tar x` do: new words, the same length, the old modification time
    plan = tmp_path / "plan.yaml"
    plan.write_text("title: 甲\nyear: 2024\ntasks: [{id: a, when: 3月1日前, task: 一}]\n", encoding="utf-8")
    before = plan.stat()
    calls: list[str] = []
    with watching(Watcher([tmp_path], rebuild=lambda: calls.append("rebuild"), report=calls.append, interval=0.02)):
        time.sleep(0.1)
        plan.write_text("title: 甲\nyear: 2024\ntasks: [{id: a, when: 3月2日前, task: 一}]\n", encoding="utf-8")
        os.utime(plan, ns=(before.st_atime_ns, before.st_mtime_ns))
        assert plan.stat().st_size == before.st_size and plan.stat().st_mtime_ns == before.st_mtime_ns
        wait_for(lambda: "rebuild" in calls, 2)
    assert calls == ["rebuild", "rebuilt after a schedule changed"]


def test_the_watcher_compares_content_while_a_saves_stat_could_be_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # two saves within one tick of the file system's clock leave the same stat, to the nanosecond
    plan = tmp_path / "plan.yaml"
    plan.write_text("title: 甲\nyear: 2024\ntasks: [{id: a, when: 3月1日前, task: 一}]\n", encoding="utf-8")
    frozen = os.stat(plan)
    real_stat = Path.stat

    def same_stat(path: Path, *args: object, **kwargs: object) -> os.stat_result:
        return frozen if path == plan else real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "stat", same_stat)
    watcher = Watcher([tmp_path], rebuild=lambda: None, report=print)
    watcher.seen = watcher.snapshot()
    assert not watcher.changed()
    plan.write_text("title: 甲\nyear: 2024\ntasks: [{id: a, when: 3月2日前, task: 一}]\n", encoding="utf-8")
    assert watcher.changed()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Ctrl-C reaches a process group; /proc")
@pytest.mark.parametrize("how", ["Ctrl-C", "SIGTERM"])
def test_ctrl_c_while_charts_are_drawn_stops_serve_with_one_line(tmp_path: Path, how: str) -> None:
    # SIGTERM, what a service manager or `kill` sends, left the chart workers behind, holding serve's pipes
    plans = tmp_path / "plans"
    plans.mkdir()
    for name in ("one", "two"):
        (plans / f"{name}.yaml").write_text(
            f"title: {name}\nyear: 2024\ntasks: [{{id: a, when: 3月1日前, task: 第一版, units: 市财政局}}]\n", "utf-8"
        )
    command = [sys.executable, "-m", "schedgen", "serve", str(plans), "-o", str(tmp_path / "out"), "--port", "0"]
    # its own process group, as a terminal makes for a command: Ctrl-C reaches every process in it
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, start_new_session=True)
    assert process.stderr is not None
    lines = [process.stderr.readline()]
    assert "serving" in lines[0], lines
    while "drew" not in lines[-1]:  # the first build's charts, drawn while the site is served
        lines.append(process.stderr.readline())
        assert lines[-1], lines
    for name in ("one", "two"):
        text = (plans / f"{name}.yaml").read_text("utf-8")
        (plans / f"{name}.yaml").write_text(text.replace("第一版", "第二版"), "utf-8")
    lines.append(process.stderr.readline())
    assert "drawing" in lines[-1], lines
    time.sleep(0.3)  # the chart workers are starting
    if how == "Ctrl-C":
        os.killpg(process.pid, signal.SIGINT)
    else:
        process.terminate()
    try:
        process.wait(10)
    finally:
        wait_for(lambda: not running_in_group(process.pid), 2)
        left = running_in_group(process.pid)
        if left:  # they hold serve's stderr open: reading it would wait for them
            os.killpg(process.pid, signal.SIGKILL)
        rest = process.stderr.read()
        process.stderr.close()
    assert not left, "chart workers were left behind"
    # a save's two one-task charts may be drawn and published within those 0.3 s: then that is said first
    assert rest in ("stopped\n", "rebuilt after a schedule changed\nstopped\n"), rest


def running_in_group(group: int) -> list[int]:
    """The processes of a process group that still run (Linux /proc; an exited one waits to be reaped)."""
    running = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == group and fields[0] not in "ZX":
                running.append(int(stat.parent.name))
    return running


def asked_at(address: tuple[str, int], path: str, answers: list[tuple[str, float]]) -> None:
    """GET `path` and note its body and when it came."""
    connection = http.client.HTTPConnection(*address, timeout=10)
    connection.request("GET", path)
    body = connection.getresponse().read().decode()
    answers.append((body, time.monotonic()))
    connection.close()


def test_a_page_asking_which_site_is_served_is_answered_as_soon_as_the_next_is_published(site: Path) -> None:
    # an open page names the site it shows; the answer waits for the next one, so that a save is on screen
    # as soon as it is published, not at the page's next poll. Held 30 s here: an answer within the 10 s
    # waited for can only come from the save, however slow the machine
    from schedgen.webserver import SITE_PATH

    for httpd, _ in held_server(site, timeout=60.0, hold=30.0):
        address = httpd.server_address
        now: list[tuple[str, float]] = []
        asked_at(address, SITE_PATH, now)  # a page of an older build, naming none: answered at once
        first = now[0][0]
        answers: list[tuple[str, float]] = []
        waiting = threading.Thread(target=asked_at, args=(address, f"{SITE_PATH}?after={first}", answers))
        waiting.start()
        time.sleep(0.3)
        assert not answers  # held
        httpd.publish()
        waiting.join(10)
        ((site_now, _answered),) = answers
        assert site_now not in ("", first)
        asked_at(address, f"{SITE_PATH}?after={first}", now)  # a page that missed a site: answered at once
        assert now[1][0] == site_now
    # no save while it waits: after `hold` seconds the answer is the same site, and the page asks again
    for httpd, _ in held_server(site, timeout=5.0, hold=0.3):
        asked_at(httpd.server_address, SITE_PATH, now)
        asked_at(httpd.server_address, f"{SITE_PATH}?after={now[-1][0]}", now)
        assert now[-1][0] == now[-2][0] and now[-1][1] - now[-2][1] >= 0.25


def held_server(site: Path, **options: float) -> Iterator[tuple[Server, list[str]]]:
    lines: list[str] = []
    httpd = Server(("127.0.0.1", 0), site, log=lines.append, **options)  # type: ignore[arg-type]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield httpd, lines
    httpd.shutdown()
    httpd.server_close()


def test_a_page_of_a_previous_serve_reloads_when_serve_is_started_again(site: Path) -> None:
    # serve stopped, a plan edited, serve started again: an open page still names the site of the first
    # serve, and the second (counting its sites from the start again) must not take it for its own
    from schedgen.webserver import SITE_PATH

    first = held_server(site, hold=30.0)
    httpd, _ = next(first)
    shown = get_text(httpd.server_address, SITE_PATH)
    next(first, None)
    second = held_server(site, hold=30.0)
    httpd, _ = next(second)
    started = time.monotonic()
    now = get_text(httpd.server_address, f"{SITE_PATH}?after={shown}")
    assert now != shown and time.monotonic() - started < 10.0  # held, it would take 30 s
    next(second, None)


def get_text(address: tuple[str, int], path: str) -> str:
    connection = http.client.HTTPConnection(*address, timeout=10)
    connection.request("GET", path)
    body = connection.getresponse().read().decode()
    connection.close()
    return body


def test_a_page_that_leaves_while_its_question_is_held_frees_its_connection_at_once(site: Path) -> None:
    # a clerk clicks a link or closes the tab: the question held for that page must not keep a descriptor
    # until the next save
    from schedgen.webserver import SITE_PATH

    serving = held_server(site, hold=30.0)
    httpd, lines = next(serving)
    shown = get_text(httpd.server_address, SITE_PATH)
    for _ in range(5):
        with socket.create_connection(httpd.server_address, timeout=5) as client:
            client.sendall(f"GET {SITE_PATH}?after={shown} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            wait_for(lambda: len(httpd.held) == 1, 2)
    wait_for(lambda: not httpd.held and not httpd.connections, 2)
    assert not httpd.held and not httpd.connections
    httpd.publish()
    time.sleep(0.2)
    assert lines == []
    next(serving, None)


def test_a_request_sent_behind_a_held_question_is_not_kept_waiting(site: Path) -> None:
    # a client that asks more on the same connection is not a page waiting for a save: it is told the site
    # served now, and its next request is answered, not held behind the question for `hold` seconds
    from schedgen.webserver import SITE_PATH

    serving = held_server(site, hold=30.0)
    httpd, _ = next(serving)
    shown = get_text(httpd.server_address, SITE_PATH)
    with socket.create_connection(httpd.server_address, timeout=10) as client:
        client.sendall(f"GET {SITE_PATH}?after={shown} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        time.sleep(0.2)
        started = time.monotonic()
        client.sendall(b"GET /plan/ HTTP/1.1\r\nHost: x\r\n\r\n")
        answers = b""
        while answers.count(b"HTTP/1.1 200 OK") < 2:
            answers += client.recv(65536)
        assert time.monotonic() - started < 10.0  # held, it would take 30 s
        assert answers.split(b"\r\n\r\n")[1].startswith(shown.encode()) and "计划".encode() in answers
    next(serving, None)
