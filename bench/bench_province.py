"""Issues 14 and 24: a province on one machine. Generates a province of plans (its shape given as options,
or one of the issue's two presets) and prints each figure beside its goal:

- the cold build with every chart (goal: within 2 minutes), or without charts (`--skip-charts`);
- a rebuild with nothing changed (goal: under 1 s);
- a rebuild after one task of one plan is edited (goal: within 1.5 s), and after it is put back (each the
  median of `--rounds`, every time shown);
- `serve`: from a save to the page showing it (goal: within 1 s), on the built site;
- `report` across all the plans in every text format, of what needs action and `--all` (goal: within 1 s
  each);
- `report` in Word and Excel, `check` (and `--json`) and `when` (step `commands`: their memory);
- the peak memory of every command over all its processes (goal: under 1 GB).

Memory is the resident memory (RSS) of the command and every process it started, summed, sampled every
50 ms: the goal is judged on it. Beside it the same sum of PSS (each page shared by several processes, as
a forked worker shares what it was forked with, counted once, in parts): RSS counts a shared page once in
every process that maps it, so its sum is the larger, and it is the one a machine without PSS sees. The
build forks its workers before it reads the plans, so the two differ by some 20-40 MB a worker.

Presets: `--preset issue`, 500 plans of 100 tasks, 60 units in each org (the province issue 24 was filed
with); `--preset province` (the default), 500 plans holding 50,000 tasks of 20-300 each, 18 units an org
(the one issue 24 calls the one with longer texts). `--plans`, `--tasks` (in all), `--per-plan`,
`--units` and `--text` change the shape.

`--keep DIR` generates and builds the province into DIR once and times later runs on it (a province's
cold build is minutes): the cold build is then measured only when DIR has no site yet or with
`--steps cold,...`. `--steps` picks the figures (cold, nochange, edit, serve, report, commands), so that a
run fits the time there is; `report` and `commands` alone need no site, and build none. `--only KINDS`
builds only those outputs; `--skip-charts` is `--only html,ics,csv,json`.
Builds judge as of today (in China, as `serve` does) and name the address `serve` is then started on
(127.0.0.1:8765), so that serve's first build on the built site has nothing to redo. The cache of parsed
plans starts empty in a folder of the run's own (of DIR's with --keep). schedgen runs
as installed, its modules compiled to bytecode first (see installed.py).

    python bench/bench_province.py [--preset issue|province] [--skip-charts] [--keep DIR] [--steps ...]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from bench_serve_edit import save_to_page
from generate import unfit, write_province
from installed import compile_bytecode

from schedgen.options import today

AS_OF = today().isoformat()  # the day `serve` judges by: its first build then has nothing to redo
SERVE_PORT = 8765
BASE_URL = f"http://127.0.0.1:{SERVE_PORT}"  # the address `serve` gives its pages, for the same reason
PAGE = 4096
ENV = dict(os.environ)
MEMORY_GOAL = 1024  # MB, every command
PRESETS = {
    "issue": {"plans": 500, "tasks": 50_000, "per_plan": 100, "units": 60, "text": None},
    "province": {"plans": 500, "tasks": 50_000, "per_plan": None, "units": None, "text": None},
}
STEPS = ("cold", "nochange", "edit", "serve", "report", "commands")
TEXT_FORMATS = ("table", "md", "csv", "json", "html")
NO_CHARTS = "html,ics,csv,json"


def tree_memory(root: int) -> tuple[int, int]:
    """The resident memory (RSS) and the proportional set size (PSS) of process `root` and all its
    descendants, each summed, in bytes (Linux /proc; PSS 0 where smaps_rollup cannot be read)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(stat.parent.name)
        children.setdefault(int(fields[1]), []).append(pid)
        rss[pid] = int(fields[21]) * PAGE
    total = proportional = 0
    todo = [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        proportional += pss(pid)
        todo += children.get(pid, [])
    return total, proportional


def pss(pid: int) -> int:
    """A process's proportional set size in bytes: each page it shares with n processes counted 1/n."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


class Peak:
    """The peak memory of a process tree, RSS and PSS each summed, sampled every 50 ms from another thread."""

    def __init__(self) -> None:
        self.peak = 0
        self.peak_pss = 0
        self.pid: int | None = None
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    def _sample(self) -> None:
        while not self.done.wait(0.05):
            if self.pid is not None:
                rss, proportional = tree_memory(self.pid)
                self.peak = max(self.peak, rss)
                self.peak_pss = max(self.peak_pss, proportional)

    def stop(self) -> int:
        self.done.set()
        self.thread.join()
        return self.peak


def measured(command: Sequence[str], ok: Sequence[int] = (0,)) -> tuple[float, tuple[int, int], str]:
    """Seconds `command` takes, the peak memory of its process tree as (RSS summed, PSS summed) (sampled, and
    the RSS at least the process's own peak as the kernel counted it: a command shorter than a sample is
    still counted), and what it printed."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=ENV)
    peak = Peak()
    peak.pid = process.pid
    assert process.stdout is not None
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    took = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    most = max(peak.stop(), usage.ru_maxrss * 1024)
    process.stdout.close()
    if process.returncode not in ok:
        raise SystemExit(f"{' '.join(command)} failed with exit code {process.returncode}")
    return took, (most, peak.peak_pss), out.decode(errors="replace")


def said(figure: str, value: float, goal: float, unit: str = "s", extra: str = "") -> None:
    """One figure beside its goal, and whether it is met."""
    mark = "ok" if value <= goal else "MISSED"
    digits = 0 if unit == "MB" else 2
    print(f"  {figure}: {value:.{digits}f} {unit} (goal {'<' if unit == 'MB' else '≤'} {goal:g} {unit}) {mark}{extra}")


def memory(figure: str, peak: tuple[int, int]) -> None:
    """The peak memory over all processes beside the goal, judged on the RSS summed; the PSS summed beside it."""
    rss, proportional = peak
    shown = f" (PSS {proportional / 2**20:.0f} MB)" if proportional else ""
    said(f"{figure}, peak memory", rss / 2**20, MEMORY_GOAL, "MB", extra=shown)


def shape(args: argparse.Namespace) -> dict[str, object]:
    found = dict(PRESETS[args.preset])
    for name in ("plans", "tasks", "per_plan", "units", "text"):
        if getattr(args, name) is not None:
            found[name] = getattr(args, name)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--preset", choices=sorted(PRESETS), default="province")
    parser.add_argument("--plans", type=int)
    parser.add_argument("--tasks", type=int, help="tasks in all, 20-300 a plan")
    parser.add_argument("--per-plan", type=int, help="every plan this many tasks (instead of --tasks)")
    parser.add_argument("--units", type=int, help="units (departments) of each org")
    parser.add_argument("--text", type=int, help="characters of each task's text")
    parser.add_argument("--only", help="output kinds to build (default: all)")
    parser.add_argument("--skip-charts", action="store_true", help=f"--only {NO_CHARTS}")
    parser.add_argument("--steps", default=",".join(STEPS), help=f"figures to measure, of {','.join(STEPS)}")
    parser.add_argument("--keep", type=Path, help="generate and build the province here once, and reuse it")
    parser.add_argument("--rounds", type=int, default=3, help="edits timed (each put back), and saves under serve")
    args = parser.parse_args()
    only = NO_CHARTS if args.skip_charts else args.only
    steps = set(args.steps.split(","))
    if steps - set(STEPS):
        parser.error(f"--steps: unknown {', '.join(sorted(steps - set(STEPS)))}")
    made = shape(args)
    plans, tasks = made["plans"], made["tasks"]
    if made["per_plan"] is None and isinstance(plans, int) and isinstance(tasks, int) and (why := unfit(plans, tasks)):
        parser.error(f"--tasks: {why}")
    compile_bytecode()
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        run(root, made, only, steps, args.rounds)


def run(root: Path, made: dict[str, object], only: str | None, steps: set[str], rounds: int) -> None:
    schedgen = [sys.executable, "-m", "schedgen"]
    ENV["XDG_CACHE_HOME"] = str(root / "cache")  # keep the bench out of ~/.cache, and start it empty
    folder, site = root / "schedules", root / "site"
    stamp = root / "shape.json"
    if not stamp.exists() or json.loads(stamp.read_text()) != made:
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(root / "cache", ignore_errors=True)
        root.mkdir(parents=True, exist_ok=True)
        write_province(folder, **made)  # type: ignore[arg-type]
        stamp.write_text(json.dumps(made))
    files = sorted(folder.glob("*.yaml"))
    tasks = sum(f.read_text(encoding="utf-8").count("\n      - id: ") for f in files)
    bare, _, _ = measured([sys.executable, "-c", "pass"])
    load = os.getloadavg()
    print(f"{len(files)} plans, {tasks} tasks, shape {made}; python -c pass: {bare:.3f} s; load {load[0]:.1f}")
    build = [*schedgen, "build", str(folder), "--as-of", AS_OF, "--base-url", BASE_URL, "-o", str(site)]
    build += ["--only", only] if only else []
    what = f"--only {only}" if only else "every output, charts too"
    print(f"build ({what}):")
    # the reports and check read the plans, not the site: for them alone no build is made
    if "cold" in steps or (steps - {"report", "commands"} and not (site / ".schedgen-build").exists()):
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(root / "cache", ignore_errors=True)
        took, peak, _ = measured(build)
        if only is None:
            said("cold build, every chart", took, 120)
        else:
            print(f"  cold build ({what}): {took:.1f} s (the goal is for a build with every chart)")
        memory("cold build", peak)
    if "nochange" in steps:
        took, peak, out = measured(build)
        said("rebuild, nothing changed", took, 1, extra=f" ({counts(out)})")
        memory("rebuild, nothing changed", peak)
    if "edit" in steps:
        # `rounds` edits, each put back after: the median of each beside the goal, every time shown (the
        # first after a pause reads what the kernel no longer holds)
        plan = files[len(files) // 2]
        original = plan.read_text(encoding="utf-8")
        head, sep, tail = original.partition("task: ")
        edits = ((head + sep + "修改一项任务：" + tail, "one task edited"), (original, "and put back"))
        times: dict[str, list[float]] = {how: [] for _, how in edits}
        peaks: dict[str, tuple[int, int]] = {how: (0, 0) for _, how in edits}
        outs: dict[str, str] = {}
        for _ in range(rounds):
            for text, how in edits:
                plan.write_text(text, encoding="utf-8")
                took, peak, outs[how] = measured(build)
                times[how].append(took)
                peaks[how] = (max(peaks[how][0], peak[0]), max(peaks[how][1], peak[1]))
        for _, how in edits:
            shown = ", ".join(f"{t:.2f}" for t in times[how])
            extra = f" (median; {shown}; {counts(outs[how])})"
            said(f"rebuild, {how} in {plan.stem}", statistics.median(times[how]), 1.5, extra=extra)
            memory(f"rebuild, {how}", peaks[how])
    if "serve" in steps:
        charts = only is None or "png" in only
        if not charts:
            print("  serve: not measured, as serve draws every chart first on a site built without them")
        else:
            peak = Peak()
            plan = files[len(files) // 3].stem
            latencies = save_to_page(folder, site, plan, rounds, started=_track(peak), port=SERVE_PORT, env=ENV)
            most = peak.stop(), peak.peak_pss
            shown = ", ".join(f"{s:.2f}" for s in latencies)
            said("serve, save to page", statistics.median(latencies), 1, extra=f" (median; {shown})")
            memory("serve", most)
    report = [*schedgen, "report", str(folder), "--as-of", AS_OF]
    if steps & {"report", "commands"}:
        took, peak, _ = measured([*report, "--format", "json"])  # the plans read into the cache, if not yet
        print(f"  report, first run (parsing the plans unless a build or a run left them in the cache): {took:.2f} s")
    if "report" in steps:
        for fmt in TEXT_FORMATS:
            for every in ([], ["--all"]):  # what needs action, and every milestone: the most a report prints
                took, peak, _ = measured([*report, *every, "--format", fmt])
                said(f"report {' '.join([*every, '--format', fmt])}", took, 1)
                memory(f"report {' '.join([*every, '--format', fmt])}", peak)
    if "commands" in steps:
        for fmt in ("docx", "xlsx"):
            took, peak, _ = measured([*report, "--format", fmt, "-o", str(root / f"report.{fmt}")])
            print(f"  report --format {fmt}: {took:.1f} s")
            memory(f"report --format {fmt}", peak)
        for args in (["check", str(folder)], ["check", str(folder), "--json"], ["when", "每季度一督查"]):
            took, peak, _ = measured([*schedgen, *args], ok=(0, 1))
            print(f"  {' '.join(args[:1] + args[2:])}: {took:.2f} s")
            memory(" ".join(args[:1] + args[2:]), peak)
    bare, _, _ = measured([sys.executable, "-c", "pass"])
    load = os.getloadavg()
    print(f"python -c pass, again: {bare:.3f} s; load {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")


def _track(peak: Peak) -> Callable[[int], None]:
    def started(pid: int) -> None:
        peak.pid = pid

    return started


def counts(out: str) -> str:
    """What a build said it rendered and reused."""
    found = re.search(r"\((\d+) rendered, (\d+) reused\)", out)
    return f"{found.group(1)} rendered, {found.group(2)} reused" if found else "?"


if __name__ == "__main__":
    main()
