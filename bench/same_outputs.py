"""Build the seed schedules with the code at a git ref and with this checkout, and compare every file.

    python bench/same_outputs.py [REF] [SCHEDULES]  # default REF: HEAD; SCHEDULES: the seeds (schedules/)

Run it with the venv of this checkout; SCHEDULES is a folder of plans to build instead of the seeds (a small
generated province, `bench/generate.py`).

A refactoring must not change what users receive: both builds read the same schedules, judge states
on the same day and start from the same feed ledger (the one the ref's build leaves), so any
difference is the code's. Prints the files compared and every one that differs; exits 1 on a
difference.
"""

from __future__ import annotations

import filecmp
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2024-05-01"


def ref_tree(ref: str, into: Path) -> Path:
    """The ref's files, with its templates where `schedgen.templates` is looked up from `src/`."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    link = into / "src" / "schedgen" / "templates"
    if not link.exists():
        link.symlink_to(into / "templates")
    return into


def build(code: Path | None, schedules: Path, output: Path, state: Path | None) -> None:
    """`schedgen build` of `schedules` into `output`, by the code under `code` (None: this checkout)."""
    args = ["build", str(schedules), "-o", str(output), "--as-of", AS_OF]
    if state is not None:
        args += ["--state", str(state)]
    boot = "import sys; sys.path.insert(0, sys.argv.pop(1)); import schedgen.cli as c; c.main()"
    command = [sys.executable, "-c", boot, str(code / "src")] if code else [sys.executable, "-m", "schedgen"]
    subprocess.run([*command, *args], check=True, cwd=output.parent)


def main() -> int:
    ref = sys.argv[1] if len(sys.argv) > 1 else "HEAD"
    seeds = Path(sys.argv[2]).resolve() if len(sys.argv) > 2 else ROOT / "schedules"
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "ref").mkdir()
        old_code = ref_tree(ref, work / "ref")
        before, after = work / "before", work / "after"
        for side in (before, after):
            shutil.copytree(seeds, side / "schedules", ignore=shutil.ignore_patterns("feed-state"))
        build(old_code, before / "schedules", before / "output", None)
        ledger = before / "schedules" / "feed-state"  # where the ledger was kept before it moved to the site
        if not ledger.is_dir():
            ledger = before / "output" / ".schedgen" / "feed-state"
        help_text = subprocess.run(
            [sys.executable, "-m", "schedgen", "build", "--help"], check=True, capture_output=True, text=True
        ).stdout
        if "--state" in help_text:
            shutil.copytree(ledger, after / "state")
            build(None, after / "schedules", after / "output", after / "state")
        else:
            shutil.copytree(ledger, after / "schedules" / "feed-state")
            build(None, after / "schedules", after / "output", None)
        names = sorted(
            str(p.relative_to(side / "output"))
            for side in (before, after)
            for p in (side / "output").rglob("*")
            if p.is_file() and ".schedgen" not in p.parts
        )
        names = sorted(set(names))
        differ = [
            n
            for n in names
            if not (before / "output" / n).is_file()
            or not (after / "output" / n).is_file()
            or not filecmp.cmp(before / "output" / n, after / "output" / n, shallow=False)
        ]
        shown = f"{len(names)} files of the build of {seeds} at {ref} and in this checkout"
        print(f"compared {shown}: {len(differ)} differ")
        for name in differ:
            print(f"  differs: {name}")
        return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
