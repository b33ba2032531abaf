"""Print `schedgen report` with the code at a git ref and with this checkout, and compare the bytes.

    python bench/same_reports.py [REF] [PLANS] [TASKS]   # default REF: main; run with this checkout's venv

A change to how fast a report is made must not change a byte of it. Both sides read the same plans
(the seeds, a plan of hostile text: Markdown pipes, HTML, quotes, backslashes, control characters,
astral characters, formula starts; and a generated province, default 500 plans and 50,000 tasks) and
print every text format (table, md, csv, json; html with `--all`) grouped by unit, date and schedule, with and
without `--all`, filtered by unit, with `--done-since`, and the table at a narrow terminal. Prints each case
that differs; exits 1 on a difference.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from generate import write_province
from same_outputs import ref_tree

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2024-05-01"

HOSTILE = (
    "title: '甲|乙 <b>&amp; \"引号\" \\\\ 反斜杠'\nyear: 2024\nstages:\n"
    "  - name: '阶段|一'\n    tasks:\n"
    "      - id: t1\n        when: 5月10日前\n"
    '        task: "任务|竖线 <i>斜</i> &lt; 𠮷😀\\v\\e[31m红\\t制表\\n换行\\r回车"\n'
    "        lead: ['=牵头|单位', '+配合']\n        support: ['-支持']\n"
    "        units: ['@责任', '市农业局']\n        notes: \"备注 \\\" 引号\\n第二行 \\\\ 反斜杠\\u2028分隔\"\n"
    "      - id: t2\n        when: 每季度一督查\n        task: '   前后空格   '\n        units: 市农业局\n"
    "        status: done\n        done: 2024-04-20\n"
    "      - id: t3\n        when: 6月底前\n        task: 无单位的任务\n"
    "tasks:\n  - id: t4\n    when: 一月一上报\n    task: '\\t以制表符开头'\n    units: '市农业局、@责任'\n"
    "    status: cancelled\n"
)


def report(code: Path | None, paths: list[Path], args: list[str], columns: int) -> bytes:
    """The bytes `schedgen report` prints for `paths` and `args`, by the code under `code` (None: this checkout)."""
    boot = "import sys; sys.path.insert(0, sys.argv.pop(1)); import schedgen.cli as c; c.main()"
    command = [sys.executable, "-c", boot, str(code / "src")] if code else [sys.executable, "-m", "schedgen"]
    env = {**os.environ, "COLUMNS": str(columns)}
    done = subprocess.run([*command, "report", *map(str, paths), "--as-of", AS_OF, *args], capture_output=True, env=env)
    if done.returncode:
        raise SystemExit(f"report {' '.join(args)} failed: {done.stderr.decode(errors='replace')}")
    return done.stdout


def cases(unit: str) -> list[tuple[list[str], int]]:
    """Every text format by every grouping, of what needs action and of everything, filtered by `unit`, with
    what was done since a day, and the table at 60 columns."""
    found = [(["--format", fmt, "--by", by], 120) for fmt in ("table", "md", "csv", "json") for by in GROUPINGS]
    found += [(["--format", fmt, "--unit", unit], 120) for fmt in ("table", "md", "csv", "json")]
    # every milestone (the most a report prints), and what was done since a day beside what needs action
    found += [(["--format", fmt, "--all", "--by", by], 120) for fmt in FORMATS for by in GROUPINGS]
    found += [(["--format", fmt, "--done-since", "2024-04-01"], 120) for fmt in ("table", "md", "csv", "json")]
    found.append((["--format", "table"], 60))
    return found


GROUPINGS = ("unit", "date", "schedule")
FORMATS = ("table", "md", "csv", "json", "html")  # html: every milestone, the most its rows can differ in


def main() -> int:
    ref = sys.argv[1] if len(sys.argv) > 1 else "main"
    plans = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    tasks = int(sys.argv[3]) if len(sys.argv) > 3 else 50_000
    differ = compared = 0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        os.environ["XDG_CACHE_HOME"] = str(work / "cache")  # each side fills and reads its own entries
        (work / "ref").mkdir()
        old_code = ref_tree(ref, work / "ref")
        hostile = work / "hostile" / "hostile.yaml"
        hostile.parent.mkdir()
        hostile.write_text(HOSTILE, encoding="utf-8")
        province = work / "province"
        write_province(province, plans, tasks)
        sources = [
            ("seeds", [ROOT / "schedules"], "市农业农村局"),
            ("hostile", [hostile], "市农业局"),
            ("seeds and hostile", [ROOT / "schedules", hostile], "市农业局"),
            (f"province of {plans} plans", [province], "市财政局"),
        ]
        for name, paths, unit in sources:
            for args, columns in cases(unit):
                before = report(old_code, paths, args, columns)
                after = report(None, paths, args, columns)
                compared += 1
                if before != after:
                    differ += 1
                    print(f"  differs: {name}: report {' '.join(args)} (COLUMNS={columns})")
    print(f"compared {compared} reports at {ref} and in this checkout: {differ} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
