"""Issue 12: `schedgen serve` under 500 well-behaved clients and 2,000 idle sockets answers everyone.

Starts the real `schedgen serve` on the seed schedules (127.0.0.1, a free port), opens 2,000 sockets that
never send a byte (each reopened when the server closes it, to keep the pressure on), and runs 500
clients that fetch pages and feeds over keep-alive connections with a short pause between requests (a new
connection every 20 requests), for DURATION seconds. Prints requests, errors, latency p50/p99/max, idle
sockets reopened, and the server's log lines. Goal: 0 errors, p99 under 1 s.

    python bench/bench_serve_soak.py [DURATION]     # default 60 seconds; loopback only, stops by itself
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import re
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Awaitable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = 500
IDLE = 2_000
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
    """Run the soak; exit 1 when any well-behaved request failed."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    needed = 2 * (CLIENTS + IDLE) + 256  # both ends of every socket live on this machine; the server inherits
    if soft != resource.RLIM_INFINITY and soft < needed:
        raised = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (raised, hard))
    print(f"open files: soft limit {resource.getrlimit(resource.RLIMIT_NOFILE)[0]} (was {soft}), hard {hard}")
    with tempfile.TemporaryDirectory() as folder:
        command = [sys.executable, "-m", "schedgen", "serve", str(ROOT / "schedules"), "-o", f"{folder}/site"]
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
            server_cpu, own_cpu = cpu_seconds(server.pid), time.process_time()
            results = asyncio.run(soak(port, duration))
            server_cpu, own_cpu = cpu_seconds(server.pid) - server_cpu, time.process_time() - own_cpu
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    latencies, errors, reopened = results
    ordered = sorted(latencies)
    p50 = statistics.median(ordered) if ordered else float("nan")
    p99 = ordered[int(len(ordered) * 0.99)] if ordered else float("nan")
    print(f"{duration:.0f} s, {CLIENTS} clients, {IDLE} idle sockets on 127.0.0.1:{port}")
    print(f"requests {len(latencies) + len(errors)}, errors {len(errors)}")
    worst = ordered[-1] if ordered else float("nan")
    print(f"latency p50 {p50 * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms, max {worst * 1000:.1f} ms")
    print(f"idle sockets closed by the server and reopened: {reopened}")
    print(f"CPU seconds during the soak: server {server_cpu:.1f}, these clients {own_cpu:.1f} (of {duration:.0f} s)")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"server log lines: {len(log)}" + "".join(f"\n  {line.rstrip()}" for line in log[:10]))
    for error in errors[:10]:
        print(f"  error: {error}")
    return 1 if errors or p99 >= 1.0 else 0


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


async def soak(port: int, duration: float) -> tuple[list[float], list[str], int]:
    """Idle sockets first, then the clients, all until the deadline.

    The idle sockets live in a process of their own, so that reopening 2,000 of them at once does not
    delay this loop and show up as the server's latency.
    """
    idle = await asyncio.create_subprocess_exec(
        sys.executable, __file__, "--idle", str(port), str(duration + 1), stdout=asyncio.subprocess.PIPE
    )
    await asyncio.sleep(1)  # the idle sockets are in before the first client asks
    deadline = time.monotonic() + duration
    latencies: list[float] = []
    errors: list[str] = []
    await asyncio.gather(*(client(n, port, deadline, latencies, errors) for n in range(CLIENTS)))
    reopened, _ = await idle.communicate()
    return latencies, errors, int(reopened or 0)


async def idle_sockets(port: int, duration: float) -> None:
    """IDLE sockets held until `duration` is over; prints how many the server closed and were reopened."""
    deadline = time.monotonic() + duration
    reopened = [0]
    await asyncio.gather(*(hold_idle(port, deadline, reopened) for _ in range(IDLE)))
    print(reopened[0])


async def hold_idle(port: int, deadline: float, reopened: list[int]) -> None:
    """A socket that connects and never speaks; opened again whenever the server lets it go."""
    first = True
    while time.monotonic() < deadline:
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            await asyncio.sleep(0.5)
            continue
        reopened[0] += 0 if first else 1
        first = False
        with contextlib.suppress(asyncio.TimeoutError, OSError):
            await asyncio.wait_for(reader.read(1), max(deadline - time.monotonic(), 0.01))
        writer.close()


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
    if sys.argv[1:2] == ["--idle"]:
        asyncio.run(idle_sockets(int(sys.argv[2]), float(sys.argv[3])))
    else:
        sys.exit(main(float(sys.argv[1]) if len(sys.argv) > 1 else 60.0))
