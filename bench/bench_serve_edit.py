"""Issue 14: `serve` shows an edit within 1 s. Serves the five seeds, then, ROUNDS times, edits the text of
one task of one plan and waits as an open page does (asking the server which site it serves as often as the
page's script does, and reading the page again once that moved) until the new text is there; prints each
latency (from the save to the page that shows it), their median and worst, next to `python -c pass`.
`bench_province.py` measures the same on a province with `save_to_page`.

    python bench/bench_serve_edit.py [ROUNDS]
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from same_outputs import ROOT

from schedgen.webserver import SITE_PATH


def page(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:  # a question about the site is held 10 s
        return str(response.read().decode("utf-8"))


def save_to_page(
    schedules: Path,
    output: Path,
    plan: str,
    rounds: int,
    *,
    settle: float = 4.0,
    started: Callable[[int], None] = lambda _: None,
    port: int = 0,
    env: dict[str, str] | None = None,
) -> list[float]:
    """Serve `schedules` into `output` and, `rounds` times, edit the first task's text of `plan` (a file's
    stem) and poll its page until it shows the edit: the seconds from each save to that page. The plan is
    written back as it was at the end. `settle` seconds pass after each round (its charts are drawn
    meanwhile, as a clerk reads the page before the next save); `started` is given the server's pid. `port`:
    the server's (0: any free one); `env`: the server's environment (default: this process's)."""
    command = [sys.executable, "-m", "schedgen", "serve", str(schedules), "-o", str(output), "--port", str(port)]
    server = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=env)
    path = schedules / f"{plan}.yaml"
    original = path.read_text(encoding="utf-8")
    latencies = []
    try:
        started(server.pid)
        assert server.stderr is not None
        for line in server.stderr:
            found = re.search(r"(http://\S+/)", line)  # the banner in either language
            if found:
                break
        else:
            raise SystemExit("serve stopped before it was ready")
        url = found.group(1) + f"{plan}/index.html"
        time.sleep(settle)  # the first build's charts are drawn after the site is served
        site = found.group(1) + SITE_PATH.lstrip("/")
        for n in range(rounds):
            marker = f"修改第{n}次"
            head, sep, tail = original.partition("task: ")
            shown = page(site)
            path.write_text(head + sep + marker + tail, encoding="utf-8")
            saved = time.perf_counter()
            while True:  # as the open page's script: its question is answered once the site moved
                now = page(f"{site}?after={shown}")
                if now != shown:
                    shown = now
                    if marker in page(url):
                        break
            latencies.append(time.perf_counter() - saved)
            time.sleep(settle)
    finally:
        path.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(30)
    return latencies


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    bare = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        schedules = Path(tmp) / "schedules"
        shutil.copytree(ROOT / "schedules", schedules, ignore=shutil.ignore_patterns("feed-state"))
        latencies = save_to_page(schedules, Path(tmp) / "out", "anqiu-eco-farm", rounds, settle=3)
    shown = ", ".join(f"{s:.2f}" for s in latencies)
    print(f"python -c pass: {bare:.3f} s")
    print(f"serve, save to page showing it: median {statistics.median(latencies):.2f} s, worst {max(latencies):.2f} s")
    print(f"  ({shown}; goal: within 1 s)")


if __name__ == "__main__":
    main()
