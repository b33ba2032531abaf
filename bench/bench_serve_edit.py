"""Issue 14: `serve` shows an edit within 1 s. Serves the five seeds, then, ROUNDS times, edits the text of
one task of one plan and polls its page over HTTP until the new text is there; prints each latency (from
the save to the page that shows it), their median and worst, next to `python -c pass` in the same run.

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
from pathlib import Path

from same_outputs import ROOT


def page(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return str(response.read().decode("utf-8"))


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    bare = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        schedules = Path(tmp) / "schedules"
        shutil.copytree(ROOT / "schedules", schedules, ignore=shutil.ignore_patterns("feed-state"))
        command = [sys.executable, "-m", "schedgen", "serve", str(schedules), "-o", str(Path(tmp) / "out")]
        server = subprocess.Popen([*command, "--port", "0"], stderr=subprocess.PIPE, text=True)
        try:
            assert server.stderr is not None
            for line in server.stderr:
                found = re.search(r"(http://\S+/)", line)  # the banner in either language
                if found:
                    break
            else:
                raise SystemExit("serve stopped before it was ready")
            url = found.group(1) + "anqiu-eco-farm/index.html"
            plan = schedules / "anqiu-eco-farm.yaml"
            original = plan.read_text(encoding="utf-8")
            time.sleep(3)  # the first build's charts are drawn after the site is served
            latencies = []
            for n in range(rounds):
                marker = f"修改第{n}次"
                head, sep, tail = original.partition("task: ")
                plan.write_text(head + sep + marker + tail, encoding="utf-8")
                saved = time.perf_counter()
                while marker not in page(url):
                    time.sleep(0.02)
                latencies.append(time.perf_counter() - saved)
                time.sleep(4)  # let its charts be drawn, as a clerk reads the page before the next save
        finally:
            server.terminate()
            server.wait(30)
    shown = ", ".join(f"{s:.2f}" for s in latencies)
    print(f"python -c pass: {bare:.3f} s")
    print(f"serve, save to page showing it: median {statistics.median(latencies):.2f} s, worst {max(latencies):.2f} s")
    print(f"  ({shown}; goal: within 1 s)")


if __name__ == "__main__":
    main()
