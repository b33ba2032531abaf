"""Issue: the time-expression language and `schedgen check`.

Prints: expressions parsed per second, and the wall time of `schedgen check schedules/` as a whole
process next to a bare `python -c pass` (goal: within 3x).

    python bench/bench_check.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from schedgen.when import read

ROOT = Path(__file__).resolve().parent.parent
EXPRESSIONS = [
    "2月20日前",
    "3月1日至10月31日",
    "11月1日至12月25日前",
    "5月10日、9月10日、11月10日前",
    "一月一上报",
    "每季度一督查",
    "半年一总结",
    "上半年",
    "年底前",
    "年内",
    "到2025年",
    "2018—2022年",
    "“十四五”时期",
    "2024 年 4 月 9 日",
    "10月中旬前",
    "12月1日至次年1月31日",
    "二〇二四年十月底",
    "自3月20日起100天",
]


def per_second(seconds: float = 2.0) -> float:
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for text in EXPRESSIONS:
            read.__wrapped__(text)  # the parser itself, not its cache
        count += len(EXPRESSIONS)
    return count / (time.perf_counter() - start)


def wall(command: list[str], runs: int = 15) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    print(f"when.parse: {per_second():,.0f} expressions/s")
    bare = wall([sys.executable, "-c", "pass"])
    check = wall([sys.executable, "-m", "schedgen", "check", "schedules/"])
    print(f"python -c pass:            {bare * 1000:7.1f} ms (median of 15)")
    print(f"schedgen check schedules/: {check * 1000:7.1f} ms (median of 15)  = {check / bare:.1f}x (goal <= 3x)")


if __name__ == "__main__":
    main()
