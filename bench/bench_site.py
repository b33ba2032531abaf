"""Issue: the static site. Prints the time to build the whole site for the seeds and for a generated
10,000-task plan, the time the 10,000-task page takes to filter in headless Chromium, and a bounded load
test of `schedgen serve` on loopback (200 concurrent clients fetching feeds for 10 s).

    python bench/bench_site.py
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timezone
from pathlib import Path

from generate import write_plan

from schedgen.commands.build import build

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2024, 1, 1, tzinfo=timezone.utc)


def timed_build(paths: list[Path], out: Path, only: tuple[str, ...] | None = None) -> float:
    start = time.perf_counter()
    if only:
        build(paths, out, now=NOW, as_of=date(2024, 5, 1), only=only)
    else:
        build(paths, out, now=NOW, as_of=date(2024, 5, 1))
    return time.perf_counter() - start


def filter_time(page_path: Path) -> tuple[float, float]:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        start = time.perf_counter()
        page.goto(page_path.as_uri())
        page.wait_for_selector("#shown:has-text('显示')")
        loaded = time.perf_counter() - start
        times = []
        units = page.eval_on_selector_all("#unit option", "os => os.map(o => o.value)")[1:6]
        for unit in units:
            page.select_option("#unit", unit)
            times.append(float(page.evaluate("document.body.dataset.filterMs")))
        page.fill("#search", "高标准农田")
        times.append(float(page.evaluate("document.body.dataset.filterMs")))
        browser.close()
    return loaded, statistics.median(times)


SERVER = """
import sys
from pathlib import Path
from schedgen.webserver import Server
httpd = Server(("127.0.0.1", 0), Path(sys.argv[1]))
print(httpd.server_address[1], flush=True)
httpd.serve_forever()
"""


def load_test(site: Path, clients: int = 200, seconds: float = 10.0) -> None:
    # the server runs in a process of its own, so that the clients do not share its interpreter lock
    child = subprocess.Popen([sys.executable, "-c", SERVER, str(site)], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    port = int(child.stdout.readline())
    feeds = [f"/{p.relative_to(site)}" for p in sorted(site.rglob("*.ics"))][:50]
    deadline = time.monotonic() + seconds
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()

    def client(n: int) -> None:
        nonlocal errors
        import http.client

        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        i = n
        while time.monotonic() < deadline:
            path = feeds[i % len(feeds)]
            i += 1
            start = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            took = time.perf_counter() - start
            with lock:
                latencies.append(took)
                errors += not ok
        connection.close()

    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(client, range(clients)))
    child.terminate()
    child.wait()
    latencies.sort()
    print(
        f"serve: {clients} clients x {seconds:.0f} s on loopback: {len(latencies):,} requests, {errors} errors, "
        f"{len(latencies) / seconds:,.0f} req/s, latency p50 {latencies[len(latencies) // 2] * 1000:.1f} ms, "
        f"p99 {latencies[int(len(latencies) * 0.99)] * 1000:.1f} ms"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_CACHE_HOME"] = str(Path(tmp) / "cache")  # keep the bench out of ~/.cache
        shutil.copytree(ROOT / "schedules", Path(tmp) / "schedules")
        seconds = timed_build([Path(tmp) / "schedules"], Path(tmp) / "out")
        print(f"build the seeds' whole site (html, png, pdf, svg, ics, csv, json): {seconds:.2f} s")
        plan = write_plan(Path(tmp) / "big.yaml", 10_000, 500)
        seconds = timed_build([plan], Path(tmp) / "big-out", only=("html", "ics", "csv", "json"))
        page = Path(tmp) / "big-out" / "big" / "index.html"
        print(
            f"build a 10,000-task plan (html, ics, csv, json): {seconds:.2f} s; page {page.stat().st_size / 1e6:.1f} MB"
        )
        if shutil.which("chromium"):
            loaded, median = filter_time(page)
            print(
                f"10,000-task page in Chromium: opened in {loaded:.2f} s; filter by unit or search: median "
                f"{median:.0f} ms"
            )
        load_test(Path(tmp) / "out")


if __name__ == "__main__":
    main()
