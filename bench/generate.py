"""A generated schedule of N tasks and M units, for the benchmarks (deterministic: seeded)."""

from __future__ import annotations

import random
from pathlib import Path

WHENS = [
    "3月5日前",
    "3月1日至10月31日",
    "5月10日、9月10日、11月10日前",
    "6月底前",
    "10月中旬前",
    "每季度一督查",
    "一月一上报",
    "年底前",
    "第三季度",
    "长期坚持",
    "11月1日至12月25日前",
    "上半年",
]


def write_plan(path: Path, tasks: int, units: int, *, seed: int = 7) -> Path:
    """Write a schedule of `tasks` tasks in 10 stages, each naming 1-3 of `units` units in two roles."""
    rng = random.Random(seed)
    names = [f"测试单位{i:03d}局" for i in range(units)]
    lines = ["title: 生成的压力测试计划", "year: 2024", "stages:"]
    per_stage = max(tasks // 10, 1)
    for n in range(tasks):
        if n % per_stage == 0:
            lines += [f"  - name: 第{n // per_stage + 1}阶段", "    tasks:"]
        lead = "、".join(rng.sample(names, 1))
        units_text = "、".join(rng.sample(names, rng.randint(1, 2)))
        lines += [
            f"      - id: t{n:05d}",
            f"        when: {rng.choice(WHENS)}",
            f"        task: 第{n}项重点任务：加快推进高标准农田建设，完善农产品质量安全监管体系，确保工作落实落地。",
            f"        lead: {lead}",
            f"        units: {units_text}",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
