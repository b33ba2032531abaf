"""Issues 12 and 20: `schedgen serve` answers 500 well-behaved clients while hostile ones push on it.

Starts the real `schedgen serve` on a copy of the seed schedules (127.0.0.1, a free port) and, for
DURATION seconds, holds against it:
- 2,000 sockets that never send a byte,
- 300 slow-head sockets, each sending one header line every 4 s and never finishing its head,
- 5 pipelining sockets, each sending 500 GETs of a chart at once and reading nothing,
(each reopened when the server closes it, to keep the pressure on), while 500 clients fetch pages and
feeds over keep-alive connections with a short pause between requests (a new connection every 20
requests), and a plan is saved every SAVE_EVERY seconds and its page polled until it shows the save.
Prints requests, errors, latency p50/p99/max, how often the server cut each hostile kind off, serve's
memory (resident, sampled every 0.5 s), the saves and how long each took to show, and the server's log.
Goal: 0 errors, p99 under 1 s, serve under 300 MB, every save published.

    python bench/bench_serve_soak.py [DURATION]     # default 60 seconds; loopback only, stops by itself
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = 500
IDLE = 2_000
SLOW = 300  # slow-head sockets: one header line every SLOW_EVERY seconds
SLOW_EVERY = 4.0
PIPELINING = 5  # sockets sending PIPELINED requests for a chart at once and reading nothing
PIPELINED = 500
CHART = "/anqiu-eco-farm/gantt.png"
SAVE_EVERY = 5.0  # seconds between two saves of a plan
SAVED_PLAN, SAVED_PAGE = "anqiu-eco-farm.yaml", "/anqiu-eco-farm/"
MEMORY_GOAL = 300  # MB of serve's resident memory
PATHS = [
    "/",
    "/anqiu-eco-farm/",
    "/anqiu-eco-farm/anqiu-eco-farm.ics",
    "/haidong-2024/haidong-2024.ics",
    "/haidong-2024/milestones.csv",
    "/miyun-2024/milestones.json",
    "/shuozhou-2022",
]
TIMEOUT = 10.0
T = TypeVar("T")


def main(duration: float) -> int:
    """Run the soak; exit 1 when any well-behaved request failed, a save was not shown or serve grew too big."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    needed = 2 * (CLIENTS + IDLE + SLOW + PIPELINING) + 256  # both ends of every socket live on this machine
    if soft != resource.RLIM_INFINITY and soft < needed:
        raised = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (raised, hard))
    print(f"open files: soft limit {resource.getrlimit(resource.RLIMIT_NOFILE)[0]} (was {soft}), hard {hard}")
    with tempfile.TemporaryDirectory() as folder:
        schedules = Path(folder) / "schedules"
        shutil.copytree(ROOT / "schedules", schedules, ignore=shutil.ignore_patterns("feed-state"))
        command = [sys.executable, "-m", "schedgen", "serve", str(schedules), "-o", f"{folder}/site"]
        server = subprocess.Popen(
            [*command, "--port", "0"],
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            text=True,
        )
        try:
            port = wait_for_port(server)
            log: list[str] = []
            assert server.stderr is not None
            threading.Thread(target=lambda: log.extend(server.stderr or ()), daemon=True).start()
            time.sleep(3)  # the first build's charts are drawn after the site is served
            memory_before = resident_mb(server.pid)
            server_cpu, own_cpu = cpu_seconds(server.pid), time.process_time()
            results = asyncio.run(soak(port, duration, server.pid, schedules / SAVED_PLAN))
            server_cpu, own_cpu = cpu_seconds(server.pid) - server_cpu, time.process_time() - own_cpu
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    latencies, errors, hostile, memory, saves = results
    ordered = sorted(latencies)
    p50 = statistics.median(ordered) if ordered else float("nan")
    p99 = ordered[int(len(ordered) * 0.99)] if ordered else float("nan")
    print(
        f"{duration:.0f} s on 127.0.0.1:{port}: {CLIENTS} clients, {IDLE} idle sockets, "
        f"{SLOW} slow-head sockets (a line every {SLOW_EVERY:g} s), {PIPELINING} pipelining sockets "
        f"({PIPELINED} GETs of {CHART} each, nothing read)"
    )
    print(f"requests {len(latencies) + len(errors)}, errors {len(errors)}")
    worst = ordered[-1] if ordered else float("nan")
    print(f"latency p50 {p50 * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms, max {worst * 1000:.1f} ms")
    print(
        f"closed by the server and reopened: idle {hostile['idle']}, slow-head {hostile['slow']} "
        f"(answered 408: {hostile['slow_408']}), pipelining {hostile['pipelining']}"
    )
    peak = max(memory, default=float("nan"))
    print(f"serve's memory: {memory_before:.0f} MB before the soak, peak {peak:.0f} MB (goal: under {MEMORY_GOAL})")
    shown = [s for s in saves if s is not None]
    print(
        f"saves: {len(saves)}, shown on the page {len(shown)}"
        + (f", save to page median {statistics.median(shown):.2f} s, worst {max(shown):.2f} s" if shown else "")
    )
    print(f"CPU seconds during the soak: server {server_cpu:.1f}, these clients {own_cpu:.1f} (of {duration:.0f} s)")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"server log lines: {len(log)}" + "".join(f"\n  {line.rstrip()}" for line in log[:12]))
    for error in errors[:10]:
        print(f"  error: {error}")
    failed = errors or p99 >= 1.0 or not peak < MEMORY_GOAL or len(shown) < len(saves) or not saves
    return 1 if failed else 0


def resident_mb(pid: int) -> float:
    """A process's resident memory in MB (Linux /proc; nan elsewhere)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return float("nan")
    found = re.search(r"VmRSS:\s+(\d+) kB", status)
    return int(found.group(1)) / 1024 if found else float("nan")


def cpu_seconds(pid: int) -> float:
    """User and system CPU time a process has used so far (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_for_port(server: subprocess.Popen[str]) -> int:
    """The port `schedgen serve` reports once its first build is done."""
    assert server.stderr is not None
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        line = server.stderr.readline()
        if not line:
            break
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if found:
            return int(found.group(1))
    raise SystemExit("the server did not start")


async def soak(
    port: int, duration: float, pid: int, plan: Path
) -> tuple[list[float], list[str], dict[str, int], list[float], list[float | None]]:
    """Hostile sockets first, then the clients, the saves and the memory samples, all until the deadline.

    The hostile sockets live in a process of their own, so that reopening 2,000 of them at once does not
    delay this loop and show up as the server's latency.
    """
    hostile = await asyncio.create_subprocess_exec(
        sys.executable, __file__, "--hostile", str(port), str(duration + 1), stdout=asyncio.subprocess.PIPE
    )
    await asyncio.sleep(2)  # the hostile sockets are in before the first client asks
    deadline = time.monotonic() + duration
    latencies: list[float] = []
    errors: list[str] = []
    memory: list[float] = []
    saves: list[float | None] = []
    await asyncio.gather(
        *(client(n, port, deadline, latencies, errors) for n in range(CLIENTS)),
        sample_memory(pid, deadline, memory),
        save_plans(port, plan, deadline, saves),
    )
    said, _ = await hostile.communicate()
    return latencies, errors, json.loads(said or "{}"), memory, saves


async def sample_memory(pid: int, deadline: float, samples: list[float]) -> None:
    """Serve's resident memory every half second."""
    while time.monotonic() < deadline:
        samples.append(resident_mb(pid))
        await asyncio.sleep(0.5)


async def save_plans(port: int, plan: Path, deadline: float, shown: list[float | None]) -> None:
    """Edit one task of a plan every SAVE_EVERY seconds, as a clerk does, and poll its page until it shows
    the edit: how long that took, or None when no poll begun before the next save found it."""
    original = plan.read_text(encoding="utf-8")
    head, sep, tail = original.partition("task: ")
    n = 0
    while time.monotonic() + SAVE_EVERY < deadline:
        await asyncio.sleep(SAVE_EVERY / 2)
        marker = f"保存第{n}次"
        plan.write_text(head + sep + marker + tail, encoding="utf-8")
        saved = time.monotonic()
        shown.append(None)
        while time.monotonic() - saved < SAVE_EVERY:
            with contextlib.suppress(OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError):
                if marker.encode() in await timed(fetch(port, SAVED_PAGE)):
                    shown[-1] = time.monotonic() - saved
                    break
            await asyncio.sleep(0.05)
        n += 1
        await asyncio.sleep(max(0.0, SAVE_EVERY / 2 - (time.monotonic() - saved)))


async def fetch(port: int, path: str) -> bytes:
    """The body of one GET."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        return await reader.read()
    finally:
        writer.close()


async def hostile_sockets(port: int, duration: float) -> None:
    """The idle, slow-head and pipelining sockets, held until `duration` is over; prints, as JSON, how many
    of each the server closed (and were reopened)."""
    deadline = time.monotonic() + duration
    closed = {"idle": 0, "slow": 0, "slow_408": 0, "pipelining": 0}
    await asyncio.gather(
        *(hold(port, deadline, closed, "idle", stay_idle) for _ in range(IDLE)),
        *(hold(port, deadline, closed, "slow", send_slowly) for _ in range(SLOW)),
        *(pipelining(port, deadline, closed) for _ in range(PIPELINING)),
    )
    print(json.dumps(closed))


Behaviour = Callable[[asyncio.StreamReader, asyncio.StreamWriter, dict[str, int]], Awaitable[None]]


async def hold(port: int, deadline: float, closed: dict[str, int], kind: str, behave: Behaviour) -> None:
    """A socket that behaves badly until the server lets it go, then is opened again, until the deadline."""
    first = True
    await asyncio.sleep(random.uniform(0, 1))
    while time.monotonic() < deadline:
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            await asyncio.sleep(0.5)
            continue
        closed[kind] += 0 if first else 1
        first = False
        with contextlib.suppress(asyncio.TimeoutError, OSError):
            await asyncio.wait_for(behave(reader, writer, closed), max(deadline - time.monotonic(), 0.01))
        writer.close()


async def stay_idle(reader: asyncio.StreamReader, _: asyncio.StreamWriter, __: dict[str, int]) -> None:
    """Connect and never speak."""
    await reader.read(1)


async def send_slowly(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, closed: dict[str, int]) -> None:
    """A request head one header line at a time, SLOW_EVERY seconds apart, never finished."""
    writer.write(b"GET / HTTP/1.1\r\n")
    n = 0
    while True:
        with contextlib.suppress(asyncio.TimeoutError):
            said = await asyncio.wait_for(reader.read(100), SLOW_EVERY)
            closed["slow_408"] += said.startswith(b"HTTP/1.1 408 ")
            return
        writer.write(f"X-Slow-{n}: 1\r\n".encode())
        n += 1


async def pipelining(port: int, deadline: float, closed: dict[str, int]) -> None:
    """PIPELINED requests for a chart in one go and nothing read, on a socket with a small receive window,
    until the server gives up on it; then again, until the deadline."""
    loop = asyncio.get_running_loop()
    first = True
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            sock.setblocking(False)
            try:
                await loop.sock_connect(sock, ("127.0.0.1", port))
                await loop.sock_sendall(sock, f"GET {CHART} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode() * PIPELINED)
            except OSError:
                await asyncio.sleep(0.5)
                continue
            closed["pipelining"] += 0 if first else 1
            first = False
            while time.monotonic() < deadline and established(sock):
                await asyncio.sleep(0.5)


def established(sock: socket.socket) -> bool:
    """Whether the server still holds a connection we never read from (Linux: its TCP state; a reset
    stays behind the unread bytes for recv)."""
    return sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 1)[0] == 1  # TCP_ESTABLISHED


async def client(n: int, port: int, deadline: float, latencies: list[float], errors: list[str]) -> None:
    """A subscriber: a request, a pause, another; a fresh connection every 20 requests."""
    rng = random.Random(n)
    await asyncio.sleep(rng.uniform(0, 1))
    while time.monotonic() < deadline:
        reader, writer = None, None
        try:
            reader, writer = await timed(asyncio.open_connection("127.0.0.1", port))
            for _ in range(20):
                if time.monotonic() >= deadline:
                    break
                path = rng.choice(PATHS)
                started = time.monotonic()
                writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: soak/{n}\r\n\r\n".encode())
                status = await timed(response(reader))
                if status not in (200, 301, 304):
                    errors.append(f"{path}: {status}")
                else:
                    latencies.append(time.monotonic() - started)
                await asyncio.sleep(rng.uniform(0.2, 1.0))
        except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError) as error:
            errors.append(f"client {n}: {type(error).__name__}: {error}")
        finally:
            if writer is not None:
                writer.close()


async def timed(step: Awaitable[T]) -> T:
    """`step` within TIMEOUT; `asyncio.timeout` (3.11) where it exists, as it costs no task of its own."""
    if sys.version_info >= (3, 11):
        async with asyncio.timeout(TIMEOUT):
            return await step
    return await asyncio.wait_for(step, TIMEOUT)


async def response(reader: asyncio.StreamReader) -> int:
    """Read one response whole; its status."""
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = re.search(rb"\r\ncontent-length: *(\d+)", head, re.IGNORECASE)
    if length:
        await reader.readexactly(int(length.group(1)))
    return status


if __name__ == "__main__":
    if sys.argv[1:2] == ["--hostile"]:
        asyncio.run(hostile_sockets(int(sys.argv[2]), float(sys.argv[3])))
    else:
        sys.exit(main(float(sys.argv[1]) if len(sys.argv) > 1 else 60.0))
