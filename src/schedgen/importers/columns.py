"""Which column of a table holds what: read from the cells, with the header names as a hint.

A header row is a row of short cells, none of them a time, at least one a known column name. Under it,
each column is classified by what its cells hold: the column whose cells read as times with `when` is the
time column, columns of unit names (ending in 局, 委, 办, 中心, 政府, 公司, 部, 院 …) are units, and the
longest text is the task. A header name decides where the cells cannot (an unreadable time under
`时间`, a 牵头 / 配合 role). Every other column is kept, with its header, in the tasks' notes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from schedgen.importers.scan import readable, scan
from schedgen.units import split_units

# column names by role, the most specific first: when a table has two task columns (目标任务 and 工作任务),
# the one ranked lower groups the rows
HINTS: dict[str, tuple[str, ...]] = {
    "stage": ("阶段", "工作阶段", "实施阶段", "步骤", "阶段安排"),
    "when": (
        "时间",
        "时间节点",
        "计划完成时间",
        "完成时间节点",
        "时限要求",
        "完成时限",
        "完成时间",
        "时限",
        "时间安排",
        "进度安排",
        "截止时间",
        "完成期限",
        "时间要求",
        "起止时间",
        "时间进度",
        "进度要求",
        "进度",
        "实施时间",
        "办理时限",
        "推进时间",
        "日期",
        "月份",
        "时间段",
        "日程",
        # 计划起止 beside 实际起止 (a progress report of a plan): the planned dates are the duty's time
        "计划起止时间",
        "计划起止",
        "计划时间",
        "计划进度",
        "起止",
        # a project list's planned works span (项目名称 | 建设内容 | 计划工期), a word the grammar reads as a period
        "计划工期",
        "建设工期",
        "建设周期",
        "建设年限",
        "工期",
    ),
    "task": (
        "具体任务",
        "工作措施",
        "任务内容",
        "主要内容",
        "工作内容",
        "工作任务",
        "主要任务",
        "工作要点",
        "重点任务",
        "目标任务",
        "工作事项",
        "工作项目",
        "重点工作",
        "主要工作",
        "具体工作",
        "建设内容",
        "项目名称",
        "任务名称",
        "活动内容",  # an events schedule's (活动内容 | 活动地点): the event, not its longer place
        "活动名称",
        "指标名称",  # a table of a year's indicators (指标名称 | 预期效果 | 完成时限): each indicator is a duty
        "任务",
        "事项",
        "内容",
        "项目",
    ),
    "lead": ("牵头单位", "牵头部门", "牵头责任单位", "牵头责任部门", "牵头处室"),
    "support": ("配合单位", "配合部门", "协办单位", "参与单位", "协同单位", "配合责任单位", "配合处室"),
    "units": (
        "责任单位",
        "责任部门",
        "负责单位",
        "承办单位",
        "实施单位",
        "责任主体",
        "主体单位",
        "责任处室",
        "责任科室",
        "承办处室",
        "单位",
    ),
    "notes": ("备注",),
    "no": ("序号", "编号"),
    # what `schedgen export` adds beside the time column: that time's dates, read back from the time itself
    "derived": ("解析日期及提示",),
    # columns a person reads beside a task: kept in its notes under their own names
    # (实际起止, 实际完成时间: what was done when, beside the plan's time; 分管负责人: a person, not a unit)
    "other": (
        "进展情况",
        "完成情况",
        "责任领导",
        "责任人",
        "联系人",
        "工作要求",
        "目标要求",
        "工作目标",
        "预期成果",
        "实际起止时间",
        "实际起止",
        "实际完成时间",
        "实际完成",
        "实际时间",
        "实际进度",
        "分管负责人",
        "分管领导",
        "分管责任人",
    ),
}
# every known name, longest first, and the role and rank it gives (the first list that names it wins)
_RANKS: dict[str, tuple[str, int]] = {}
for _role, _names in HINTS.items():
    for _rank, _known in enumerate(_names):
        _RANKS.setdefault(_known, (_role, _rank))
_KNOWN = re.compile("|".join(sorted(map(re.escape, _RANKS), key=len, reverse=True)))
ROLES = ("stage", "when", "task", "units", "lead", "support", "notes", "no")
_UNIT_END = re.compile(
    r"(?:局|委|办|中心|政府|公司|司|部|院|所|站|厅|处|科|室|队|社|会|馆|组|镇|乡|街道|镇街|镇街区|园区|管委会|集团|银行|学校|医院|[区县市]|单位|部门"
    r"|[妇残侨文]联|工商联|社科联|科协"  # the people's organisations: 市妇联, 县残联, 市科协
    r"|[辦處會隊館廳組鎮區縣]|管委會|集團|銀行|學校|醫院|單位|部門)"  # a traditional-script table's units
    r"(?:[(（][^)）]{0,12}[)）])?$"
)
_HEADER_LEN = 12
# a column of the year each row is for (a task list over several years); matched whole, 年度目标任务 being a task's
YEAR_COLUMN = ("年度", "年份")
# the year a column name is for, before the name (`2022年重点任务`)
_YEAR_NAMED = re.compile(r"^(?:19|20)\d{2}年度?")
# an unnamed column is the duties' beside a named task column when its cells are on average this many times as long
# as the named column's and at least this many characters, and a named cell spans rows: sentences beside headings
_LONGER, _LONG_TASK = 3, 20
_SAMPLE = 300
_LONGEST_TIME = 40
# traditional characters of column names (a page copied from a traditional-script mirror)
SIMPLIFIED = str.maketrans(
    "時間內項單務責負進階備註號牽頭門點節劃標說況領導關開達規報審處實際計畫",
    "时间内项单务责负进阶备注号牵头门点节划标说况领导关开达规报审处实际计划",
)
_STEP = re.compile(r"[①②③④⑤⑥⑦⑧⑨⑩]|(?:^|(?<=[。；;\s]))(?:\d{1,2}[.．、]|[(（]\d{1,2}[)）])(?!\d)")


@dataclass(frozen=True)
class Layout:
    """Where a table's header is and what each column holds; `extra` are the columns kept in notes."""

    header_at: int
    columns: dict[str, int]
    extra: tuple[tuple[str, int], ...]
    times: tuple[tuple[str, int], ...] = ()
    """More columns of times beside the time column (`报名时间 | 准考证打印`): each a duty of the row's task."""


def compact(cell: str) -> str:
    """A cell without its whitespace (`工 作 项 目` is 工作项目)."""
    return re.sub(r"\s+", "", cell)


def hint(cell: str) -> tuple[str, int] | None:
    """The role a column name suggests and its rank among that role's names, if it is a known name."""
    name = compact(cell).translate(SIMPLIFIED)
    if not name or len(name) > _HEADER_LEN:
        return None
    return _hint(name)


@lru_cache(maxsize=65_536)
def _hint(name: str) -> tuple[str, int] | None:
    # 完成时限（时间节点）, 责任单位（部门）: a column name with a remark of its own
    name = re.sub(r"[(（][^)）]*[)）]?$", "", name) or name
    # 2022年重点任务, 2024年度完成时限: a column named with the year it is for is that column (the whole name after
    # the year a known one: 2022年工作任务清单 is a title)
    if (named := _YEAR_NAMED.sub("", name)) != name:
        return _RANKS.get(named)
    if name in YEAR_COLUMN:
        return "other", 99  # the year each row is for, kept in its notes (and the table's year where no other says)
    found = _KNOWN.match(name)
    if found and (found.end() == len(name) or len(found[0]) > 1):
        return _RANKS[found[0]]
    for role, word in (("lead", "牵头"), ("support", "配合"), ("units", "单位"), ("units", "部门"), ("when", "时间")):
        if word in name:
            return role, 99
    return None


def run_together_header(text: str) -> list[str] | None:
    """The column names of a header whose cells run together with no separator (`序号工作内容目标任务责任单位`, a
    Word table flattened by a site's preview), the first such run of known names of three or more roles (a task, a
    time, units …: `项目任务进度` in a sentence names one thing), each name ending where the next begins; None when
    the text has none."""
    for line in text.splitlines():
        found = header_run(line)
        if found is not None:
            return found[2]
    return None


def header_run(line: str, *, least: int = 3, loose: bool = False) -> tuple[int, int, list[str]] | None:
    """Where in `line` a header whose names run together starts and ends (spaces between its names or none), and its
    names; None when the line holds no run of known names of `least` roles or more. With `loose`, a word of its own
    between two known names (`工作任务 具体措施 完成时限`: spaces around it, no figure) is a name no list holds."""
    places = [at for at, char in enumerate(line) if not char.isspace()]
    bare = "".join(line[at] for at in places).translate(SIMPLIFIED)
    run: list[tuple[int, int, str]] = []  # each name's start and end in `bare`, and the name

    def word(start: int, end: int) -> bool:  # bare[start:end] is one word of the line, spaces either side
        first, last = places[start], places[end - 1]
        return (
            2 <= end - start <= 8
            and last - first == end - start - 1
            and (first == 0 or line[first - 1].isspace())
            and (last + 1 == len(line) or line[last + 1].isspace())
            and not re.search(r"[\d\W]", bare[start:end])
        )

    for found in [*_KNOWN.finditer(bare), None]:
        if found is not None and run and found.start() > run[-1][1] and loose and word(run[-1][1], found.start()):
            run.append((run[-1][1], found.start(), bare[run[-1][1] : found.start()]))
        if found is not None and (not run or found.start() == run[-1][1]):
            run.append((found.start(), found.end(), found[0]))
            continue
        known = [name for _, _, name in run if name in _RANKS]
        if len({_RANKS[name][0] for name in known}) >= least:
            return places[run[0][0]], places[run[-1][1] - 1] + 1, [name for _, _, name in run]
        run = [(found.start(), found.end(), found[0])] if found is not None else []
    return None


def is_time(cell: str) -> bool:
    """Whether a cell reads as a time: the whole of it, or each of its lines (`2005.1—4` over `2005.2—4`)."""
    text = " ".join(cell.split())
    if not text or (len(text) > _LONGEST_TIME and "\n" not in cell.strip()):
        return False  # a sentence: reading it whole costs the grammar most and is never one time
    if readable(text):
        return True
    lines = [line.strip() for line in cell.splitlines() if line.strip()]
    return len(lines) > 1 and all(readable(line) for line in lines)


def is_units(cell: str) -> bool:
    """Whether a cell reads as a list of unit names."""
    names = split_units(cell)
    return bool(names) and all(len(n) <= 30 and _UNIT_END.search(n) for n in names)


def steps(cell: str) -> list[str]:
    """The numbered steps of a cell (`①2月上旬前，完成设计招标。②3月底前，…`), or its clauses apart by semicolons
    or commas that each open with a time, each with its time; [] when it holds fewer than two, or a step names no
    time."""
    marks = [m.start() for m in _STEP.finditer(cell)]
    if len(marks) < 2:
        # 3月底前完成选址；6月底前开工建设: clauses apart by a semicolon or a comma, each opening with its own time,
        # with words of what is due after it (`3月1日，3月15日` is one time of two days)
        clauses = [part.strip() for part in re.split(r"[；;，,]", cell) if part.strip()]
        opening = [found[0] for part in clauses if (found := scan(part)) and found[0].start == 0]
        if len(clauses) > 1 and len(opening) == len(clauses):
            worded = any(found.end < len(part) for found, part in zip(opening, clauses, strict=True))
            return clauses if worded else []
        return []
    parts = [cell[a:b].strip() for a, b in zip(marks, [*marks[1:], len(cell)], strict=True)]
    return parts if all(scan(part) for part in parts) else []


def is_header(row: Sequence[str], names: int = 1) -> bool:
    """Whether a row looks like a header: two or more short cells, `names` of them known column names, none
    a time (the cheap tests first: a long text is read row by row). A word the grammar takes only as a period a
    plan may define (`计划工期`, `建设周期`: a name ending in 期) is a column name, not a time."""
    cells = [c for c in row if c.strip()]
    if len(cells) < 2 or any(len(compact(c)) > _HEADER_LEN for c in cells):
        return False
    return sum(hint(c) is not None for c in cells) >= names and not any(
        is_time(c) and not _period_name(c) and not _year_named(c) for c in cells
    )


def _year_named(cell: str) -> bool:
    """Whether a cell is a column name under the year it is for (`2022年完成时限` reads as a time), or the name of a
    column of years (`年度` reads as this year)."""
    name = compact(cell)
    return name in YEAR_COLUMN or (_YEAR_NAMED.match(name) is not None and hint(cell) is not None)


def _period_name(cell: str) -> bool:
    """Whether a cell reads only as the name of a period the plan would define (`工期`), no date in it."""
    from schedgen import when
    from schedgen.expression import Named

    return isinstance(when.parse(compact(cell)), Named)


def layout(rows: Sequence[Sequence[str]], start: int = 0) -> Layout | None:
    """The first header at or after `start` under which the cells give a task column and a time or stage
    column, and the role of each of its columns; failing that, a row of short cells with no known name
    (garbled, or of words no list holds) over rows whose cells in one column all read as times."""
    for named in (True, False):
        for at in range(start, len(rows)):
            if not (is_header(rows[at]) if named else _plain_header(rows[at])):
                continue
            body = []
            # the rows up to the next header, or a sample of them: the cells' kinds show in a few hundred
            # rows, and a bounded sample keeps a long text with many header-like rows linear
            for row in rows[at + 1 : at + 1 + _SAMPLE]:
                if strong_header(row):
                    break
                body.append(row)
            if not named and not _timed_column(body):
                continue
            found = classify(rows[at], body)
            if found is not None:
                columns, extra, times = found
                return Layout(at, columns, extra, times)
    return None


def _plain_header(row: Sequence[str]) -> bool:
    cells = [c for c in row if c.strip()]
    return len(cells) >= 2 and not any(len(compact(c)) > 2 * _HEADER_LEN or is_time(c) for c in cells)


def _timed_column(body: Sequence[Sequence[str]]) -> bool:
    """Whether a column of `body` reads as times in (nearly) every row."""
    body = [row for row in body if any(c.strip() for c in row)]
    if len(body) < 3:
        return False
    width = max(len(row) for row in body)
    for i in range(width):
        values = [row[i] for row in body if i < len(row) and row[i].strip()]
        if len(values) >= 0.8 * len(body) and sum(map(is_time, values)) >= 0.8 * len(values):
            return True
    return False


def strong_header(row: Sequence[str]) -> bool:
    """A header that starts a table of its own inside a body: two known column names, no time."""
    return is_header(row, names=2)


def classify(
    header: Sequence[str], body: Sequence[Sequence[str]]
) -> tuple[dict[str, int], tuple[tuple[str, int], ...], tuple[tuple[str, int], ...]] | None:
    """The columns of each role under `header`, the columns kept in notes and the further columns of times;
    None when no task column and no time or stage column is found."""
    width = max([len(header), *(len(r) for r in body)])
    cells = [[r[i] for r in body if i < len(r) and r[i].strip()] for i in range(width)]
    named = {i: hint(header[i]) if i < len(header) else None for i in range(width)}
    titled = [i for i in range(width) if (i < len(header) and header[i].strip()) or cells[i]]

    def share(test: object, i: int) -> float:
        values = cells[i]
        return sum(bool(test(v)) for v in values) / len(values) if values else 0.0  # type: ignore[operator]

    columns: dict[str, int] = {}
    by_role: dict[str, list[tuple[int, int]]] = {}
    for i, found in named.items():
        if found is not None:
            by_role.setdefault(found[0], []).append((found[1], i))
    # the time column: one a known name calls so (its times may be unread: kept for the reviewer), else the
    # first whose cells read as times, else one whose name only contains 时间 (考试时间及批次: a label)
    timed = [i for i in titled if share(is_time, i) >= 0.6]
    named_when = [i for rank, i in sorted(by_role.get("when", [])) if rank < 99]
    loosely = [i for rank, i in sorted(by_role.get("when", [])) if rank == 99 and i not in timed]
    if named_when and not cells[named_when[0]] and loosely:
        # a 日期 column empty in every row (the copy lost its merged dates) beside a column that names its times
        # loosely (具体时间: hours with no day): the hours are the rows' times, kept for the reviewer as written
        columns["when"] = loosely[0]
    elif named_when and (share(is_time, named_when[0]) >= 0.3 or not timed):
        columns["when"] = named_when[0]
    elif timed:
        columns["when"] = timed[0]
    elif loosely:
        columns["when"] = loosely[0]
    taken = set(columns.values()) | {i for _, i in by_role.get("derived", [])}
    for role in ("stage", "lead", "support", "units", "notes", "no"):
        places = [(rank, i) for rank, i in sorted(by_role.get(role, [])) if i not in taken]
        if places:
            columns[role] = places[0][1]
            taken.add(places[0][1])
    tasks = [i for _, i in sorted(by_role.get("task", [])) if i not in taken]
    if tasks:
        columns["task"] = tasks[0]
        taken.add(tasks[0])
        if len(tasks) > 1 and "stage" not in columns:
            columns["stage"] = min(tasks[1:])  # 目标任务 over 工作任务: the rows' group
            taken.add(columns["stage"])
    if "task" in columns and "stage" not in columns:
        # header words are hints: a column of a name no list holds whose cells are far longer texts than the named
        # task column's, sentences beside headings (具体要求 beside 工作任务, 细化措施 beside 主要任务), holds the
        # duties, and the named one their groups; a measure a few words longer than its task (具体措施) stays a note
        def mean(i: int) -> float:
            return sum(len(v) for v in cells[i]) / len(cells[i]) if cells[i] else 0.0

        longer = [
            i
            for i in titled
            if i not in taken
            and named[i] is None
            and cells[i]
            and not _numbers(cells[i])
            and share(is_time, i) < 0.5
            and share(is_units, i) < 0.5
        ]
        if (
            longer
            and mean(best := max(longer, key=mean)) >= max(_LONGER * mean(columns["task"]), _LONG_TASK)
            and _spans_rows(body, columns["task"], best)
        ):
            columns["stage"], columns["task"] = columns["task"], best
            taken.add(best)
    if not any(role in columns for role in ("units", "lead", "support")):
        unit_columns = [i for i in titled if i not in taken and named[i] is None and share(is_units, i) >= 0.6]
        if unit_columns:
            columns["units"] = unit_columns[0]
            taken.add(unit_columns[0])
    more = tuple(
        i
        for i in titled
        if i not in taken and (named[i] is None or named[i] == ("when", 99)) and share(is_time, i) >= 0.8
    )
    taken.update(more)
    if "task" not in columns:
        free = [i for i in titled if i not in taken and (named[i] is None or i in loosely) and cells[i]]
        if free:
            columns["task"] = max(free, key=lambda i: sum(len(v) for v in cells[i]) / len(cells[i]))
            taken.add(columns["task"])
    if "task" not in columns or not ("when" in columns or "stage" in columns):
        return None
    extra = tuple(
        (name_of(header, i), i)
        for i in titled
        if i not in taken and cells[i] and (not _numbers(cells[i]) or compact(name_of(header, i)) in YEAR_COLUMN)
    )
    return columns, extra, tuple((name_of(header, i), i) for i in more)


def _spans_rows(body: Sequence[Sequence[str]], heading: int, text: int) -> bool:
    """Whether a cell of column `heading` spans rows that each have their own `text` (written again or left empty
    on the row below, as a merged cell copies): the column groups rows, it is no row's own duty."""
    rows = [row for row in body if text < len(row) and row[text].strip()]
    cells = [compact(row[heading]) if heading < len(row) else "" for row in rows]
    return any(not cell or cell == above for above, cell in pairwise(cells))


def name_of(header: Sequence[str], index: int) -> str:
    """A column's name as its header writes it, or its place when the header has none."""
    return compact(header[index]) if index < len(header) and header[index].strip() else f"第{index + 1}列"


def _numbers(values: Sequence[str]) -> bool:
    """A column of row numbers, which a table needs no note of."""
    return all(re.fullmatch(r"[\d.．、]+", v.strip()) for v in values)
