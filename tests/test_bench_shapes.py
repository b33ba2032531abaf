"""The province benchmark's shapes: a shape it cannot make is refused at once, with the range it can."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench"


def test_a_province_with_fewer_tasks_than_its_plans_can_hold_is_refused_not_generated_for_ever() -> None:
    # 3 plans of 20-300 tasks hold 60-900 tasks: asked for 24, the generator looped for good
    command = [sys.executable, str(BENCH / "bench_province.py"), "--plans", "3", "--tasks", "24", "--steps", "report"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "--tasks: 3 plans of 20-300 tasks hold 60 to 900 tasks, not 24" in result.stderr


def test_the_sizes_it_can_make_sum_to_the_tasks_asked_for() -> None:
    sys.path.insert(0, str(BENCH))
    import random

    from generate import _sizes

    for plans, tasks in ((3, 60), (3, 900), (7, 1000)):
        sizes = _sizes(random.Random(7), plans, tasks)
        assert sum(sizes) == tasks and all(20 <= size <= 300 for size in sizes)
