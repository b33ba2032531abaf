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


ORGS = ["省", "太原市", "大同市", "朔州市", "忻州市", "吕梁市", "晋中市", "阳泉市", "长治市", "晋城市", "临汾市"]
DEPARTMENTS = [
    "农业农村局",
    "财政局",
    "发展改革委",
    "自然资源局",
    "生态环境局",
    "水利局",
    "林业和草原局",
    "商务局",
    "市场监管局",
    "乡村振兴局",
    "交通运输局",
    "住房城乡建设局",
    "教育局",
    "卫生健康委",
    "人力资源社会保障局",
    "科技局",
    "工业和信息化局",
    "文化和旅游局",
]
GOALS = ["到2025年", "到2030年", "到2035年", '"十四五"时期', "2026年6月底前", "2027年底前"]
TOPICS = ["高标准农田建设", "农产品质量安全监管", "乡村产业发展", "人居环境整治", "防汛抗旱", "秸秆综合利用"]


def write_province(
    folder: Path,
    plans: int = 500,
    tasks: int = 50_000,
    *,
    per_plan: int | None = None,
    units: int | None = None,
    text: int | None = None,
    seed: int = 7,
) -> list[Path]:
    """Write `plans` schedules holding `tasks` tasks in all, as a provincial office keeps them.

    Each of a dozen orgs (the province and its cities) has plans from its departments, one per year,
    20-300 tasks each (most plans small, a few large); units are the org's own departments, named
    alike across its plans; about one plan in ten is a multi-year plan with goals to 2025-2035.
    `per_plan` gives every plan that many tasks instead (`tasks` is then unused); `units` gives each org
    that many departments instead of 18; `text` makes every task's text that many characters long.
    Left out, each gives the province the earlier benchmarks measured, byte for byte.
    """
    rng = random.Random(seed)
    sizes = [per_plan] * plans if per_plan is not None else _sizes(rng, plans, tasks)
    departments = DEPARTMENTS + [f"第{i + 1:02d}专项工作组" for i in range(max(0, (units or 0) - len(DEPARTMENTS)))]
    departments = departments[: units or len(DEPARTMENTS)]
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for n, size in enumerate(sizes):
        org = ORGS[n % len(ORGS)]
        prefix = "" if org == "省" else org[:-1]
        units_of = [f"{org}{d}" if org == "省" else f"市{d}" for d in departments]
        lead = departments[n % len(departments)]
        multi_year = n % 10 == 3
        year = 2022 if multi_year else 2023 + n % 3
        head = [
            f"id: plan-{n:04d}",
            f"title: {prefix}{lead}{year}年{rng.choice(TOPICS)}{'规划' if multi_year else '工作方案'}",
            f"year: {year}",
        ]
        if multi_year:
            head += [f"issued: '{year}-03-01'", "until: '2035-12-31'"]
        lines = [*head, "stages:"]
        stages = max(1, min(6, size // 25))
        for t in range(size):
            if t % -(-size // stages) == 0:
                lines += [f"  - name: 第{t * stages // size + 1}阶段", "    tasks:"]
            when = rng.choice(GOALS) if multi_year and rng.random() < 0.6 else rng.choice(WHENS)
            task = f"{rng.choice(TOPICS)}第{t + 1}项：健全工作机制，压实责任，确保按期完成并报送进展情况。"
            lines += [
                f"      - id: t{t:03d}",
                f"        when: '{when}'",
                f"        task: {task if text is None else _lengthened(task, text)}",
                f"        lead: {units_of[departments.index(lead)]}",
                f"        units: {'、'.join(rng.sample(units_of, rng.randint(1, 3)))}",
            ]
        written.append(folder / f"plan-{n:04d}.yaml")
        written[-1].write_text("\n".join(lines) + "\n", encoding="utf-8")
    return written


FILLER = "坚持问题导向，细化工作措施，加强部门协同，强化督促检查，定期通报进展，"


def _lengthened(task: str, length: int) -> str:
    """`task` cut or filled out (with the words plans use) to `length` characters, ending with 。."""
    head = task.removesuffix("。") + "，"
    while len(head) < length - 1:
        head += FILLER
    return head[: max(length - 1, 1)].rstrip("，") + "。"


SMALLEST, LARGEST = 20, 300
"""The tasks of a plan of the province, when `per_plan` does not give them."""


def unfit(plans: int, total: int) -> str | None:
    """Why `plans` plans of SMALLEST-LARGEST tasks cannot hold `total` tasks in all, or None when they can."""
    if plans * SMALLEST <= total <= plans * LARGEST:
        return None
    return (
        f"{plans} plans of {SMALLEST}-{LARGEST} tasks hold {plans * SMALLEST} to {plans * LARGEST} tasks, not {total}"
    )


def _sizes(rng: random.Random, plans: int, total: int) -> list[int]:
    """`plans` sizes of SMALLEST-LARGEST tasks, most small, summing to `total` (which they must be able to)."""
    if (why := unfit(plans, total)) is not None:
        raise ValueError(why)  # else the sizes below are moved about for good
    sizes = [SMALLEST + int((LARGEST - SMALLEST) * rng.random() ** 2) for _ in range(plans)]
    while (gap := total - sum(sizes)) != 0:
        n = rng.randrange(plans)
        room = (LARGEST if gap > 0 else SMALLEST) - sizes[n]
        sizes[n] += min(gap, room) if gap > 0 else max(gap, room)
    return sizes
