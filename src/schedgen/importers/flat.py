"""A table flattened by a document site's preview: each row's cells run together on a line (or a row runs on
from the one before), with no `|`, no tab and no run of spaces between them, or single spaces that do not split
every row as its header does (`1 开展摸底调查 摸清底数 4月底前 各乡镇`), or one cell a line where a cell runs over two
lines and counting the header's width of lines misplaces the rows.

Such a table is read by what its text holds, under a header whose names run together (`序号工作任务完成时限责任单位`),
stand one space apart or stand one a line, and name a time column: the header says which columns there are and in
what order; the rows' numbers (`1`, `1、`, `（1）`, `一、`, `（一）`) cut the rows apart, else each line is a row, or
the kinds of the lines (a task after the units opens a row), or the times of a line of rows running on; in each
row the time is the text that reads as one, the units the names ending as a unit's name (局, 委, 办, 中心, 政府,
各乡镇 …) on the side of the time the header puts them, and the rest the task; words after the units that no column
takes go to the notes, never dropped. Numbered rows with no header are read only where nearly every row ends on a
bare unit's name or time, as a cell does: numbered paragraphs, which end on their full stop, are prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import pairwise

from schedgen.importers.columns import header_run, hint, is_time, is_units
from schedgen.importers.scan import Found, scan

Rows = list[list[str]]
# what separates the names of a list of units, or the words of a run-together cell
_APART = re.compile(r"[，,、；;。\s]+")
# a row's number in a numbered table: 1 / 1、 / 1. / （1） / 一、 — never part of a figure, a date or a count
_AFTER_NUMBER = r"(?![\d.．年月日号%％万亿个项次条家所天时点:：\-—~～/])"
_DIGITS = "一二三四五六七八九"
_NUMBER = re.compile(
    rf"(?<![\d.．第])(?P<f0>\d{{1,3}})(?:[、.．](?!\d))?{_AFTER_NUMBER}|[(（](?P<f1>\d{{1,3}})[)）]"
    r"|(?<![一二三四五六七八九十第])(?P<f2>[一二三四五六七八九十]{1,3})、|[(（](?P<f3>[一二三四五六七八九十]{1,3})[)）]"
)
# a number's last character, as its style: a digit is any digit (1 then 12), a closing bracket any bracket
_SAME_MARK = str.maketrans("0123456789）", "0000000000)")
# a line below a table: a note, a signature's date alone
_BELOW = re.compile(r"(?:注|备注|说明)\s*[:：]")
# where a unit's name starts inside a run-together cell (`制定实施方案县农业农村局`): a place or a collective
_UNIT_START = re.compile(r"(?:[省市县区州镇乡各]|街道|中共|共青团)")
_UNIT_LONGEST = 16
# the most characters a time cell runs on past the time it reads as (`11月底前完成`)
_TIME_TAIL = 6
_SPACED = re.compile(r"\S(?: {2,}|\u3000+|\t)\S")
_SPACED_LINES = 3  # this many lines with a run of spaces make a table of cells apart by spaces, not a flattened one
_ROW_LONGEST = 800  # a row longer than this is a paragraph of prose, not a table's row
# a line that heads a group of rows: 一、… or （一）…, with no time of its own
_HEADING = re.compile(r"(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）])\S")
_HEADING_LONGEST = 30
# a heading run into the rows: a few words with no figure, then (spaces apart or none) the next row's number
_RUN_HEADING = re.compile(
    r"((?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）])[^\d\s、，。；;:：|]{2,16}?)"
    rf"(?=\s*\d{{1,3}}(?:[、.．](?!\d))?{_AFTER_NUMBER})"
)
# where rows with no header may open: a 1 at a line's start or after a space, or right after the title's 表/单/安排
_OPENING = re.compile(r"(?:^|(?<=\s)|(?<=[表单排]))(?:1(?![\d.．年月日号%％]))", re.MULTILINE)
_HEADERLESS_SEARCH = 20_000  # rows with no header are looked for this far into a text only (a preview's first page)
_HEADERLESS_ROWS = 3
_HEADERLESS_SPAN = 50_000  # the most text such rows are read from
_LEAD_LONGEST = 80  # the most words between a header and its first numbered row (the names of a second line)
_PARAGRAPH = 60  # a line of no time this long that ends its sentence is a paragraph below the table
_UNTIMED_LINES = 4  # this many lines running with no time end a table whose rows are not numbered
_PAGE = re.compile(r"第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|共\s*\d+\s*页")
# a word that may be a column's name: short, no figure, no mark but brackets (责任单位（部门）)
_NAME_WORD = re.compile(r"[\u4e00-\u9fff()（）/、]{2,12}")
# the words a column's name no list holds may end in, and the role each gives (推进时限, 承办科室, 具体措施)
_NAME_ENDS = {
    **dict.fromkeys(("时限", "时间", "日期", "期限", "节点"), "when"),
    **dict.fromkeys(("单位", "部门", "科室", "处室"), "units"),
    **dict.fromkeys(("任务", "工作", "内容", "事项", "措施"), "task"),
}
_WIDEST = 16  # the most names a header written one name a line is taken to have
# a column's name that says its cells are times, the plan's or another's (计划起止, 实际起止, 完成时间)
_TIME_NAME = re.compile(r"时间|起止|时限|日期|期限|工期|节点")
# the roles the reading places, as the header orders them; lead and support are units
_PLACED = {"task": "task", "when": "when", "units": "units", "lead": "units", "support": "units", "stage": "task"}


@dataclass(frozen=True)
class _Row:
    """A row as read: its cells, and the heading of the group it is under (一、…), if any."""

    task: str
    when: str
    units: str
    notes: str
    stage: str = ""


def flat_rows(text: str) -> Rows:
    """The rows of a flattened table in `text`, under a header of its own making (序号, the task's, the time's and
    the units' names as the text's header writes them, 备注), the lines above it first as rows of one cell and the
    lines below it after; [] when the text holds no such table."""
    lines = text.splitlines()
    headers: list[tuple[int, tuple[list[str], int, int, int]]] = []
    for at in range(len(lines)):
        found = _header(lines, at) if not headers or at >= headers[-1][1][3] else None
        if found is not None:  # (one name a line: the lines of a header's names start no header of their own)
            headers.append((at, found))
    spaced = [0]
    for line in lines:
        spaced.append(spaced[-1] + bool(_SPACED.search(line)))
    tried = 0  # the lines up to which a header of the same names was tried: read once, a text is read in linear time
    for k, (at, (names, start, end, after)) in enumerate(headers):
        line = lines[at]
        # the table runs to the next header of other names; one of the same names is a page's repeat of it
        others = [place for place, found in headers[k + 1 :] if found[0] != names]
        stop = max(others[0] if others else len(lines), after)
        if at < tried or spaced[stop] - spaced[after] >= _SPACED_LINES:
            continue  # (cells apart by runs of spaces or tabs: the spaced reading's)
        tried = stop
        repeats = {place for place, found in headers[k + 1 :] if found[0] == names and place < stop}
        body = [line[end:] if after == at + 1 else "", *(lines[n] for n in range(after, stop) if n not in repeats)]
        if after > at + 1 and sum(bool(_TIME_NAME.search(name)) for name in names) > 1 and not _marks("\n".join(body)):
            continue  # one cell a line under two columns of times (计划起止, 实际起止): the one-cell-a-line reading's
        read = _rows(body, _order(names), spread=after > at + 1)
        if read is None:
            continue
        rows, below = read
        below = [*below, *lines[stop:]]
        above = [[kept.strip()] for kept in [*lines[:at], line[:start]] if kept.strip()]
        header = [
            "序号",
            _name(names, "task", "工作任务"),
            _name(names, "when", "完成时限"),
            _name(names, "units", "责任单位"),
        ]
        table = [[str(n), r.task, r.when, r.units] for n, r in enumerate(rows, 1)]
        roles = [_role_of(name) for name in names]
        if "lead" in roles and "support" in roles:
            # 牵头单位 then 配合单位: in a spaced row the first word of the units leads, the rest support
            header.append(names[roles.index("support")])
            table = [[*cells[:3], *_lead_and_support(cells[3])] for cells in table]
        table = [[*cells, row.notes] for cells, row in zip(table, rows, strict=True)]
        if any(row.stage for row in rows):  # the groups' headings, as a stage column
            header, table = ["阶段", *header], [[row.stage, *cells] for row, cells in zip(rows, table, strict=True)]
        return [*above, [*header, "备注"], *table, *([kept] for kept in below if kept.strip())]
    return _headerless(text)


def _headerless(text: str) -> Rows:
    """Numbered rows with no header above them (a preview's copy that starts below it), read as a table only where
    nearly every row ends on a bare unit's name or a bare time, as a table's cell does and a sentence, which ends on
    its full stop, does not; the order of the cells is read from the rows: units last, or a time last."""
    for opening in _OPENING.finditer(text):
        if opening.start() > _HEADERLESS_SEARCH:
            break
        # (a window of the text: the numbers are looked for in linear time whatever follows)
        stream = text[opening.start() : opening.start() + _HEADERLESS_SPAN]
        marks = _marks(stream)
        if len(marks) < _HEADERLESS_ROWS:
            continue
        ends = [mark.start for mark in marks[1:]]
        pieces = [stream[mark.end : end].strip() for mark, end in zip(marks, ends, strict=False)]
        last, _, rest = stream[marks[-1].end :].strip().partition("\n")
        pieces.append(last.strip())
        unit_last = [_ends_on_units(piece) for piece in pieces]
        time_last = [bool((found := scan(piece)) and found[-1].end == len(piece)) for piece in pieces]
        order = ["task", "when", "units"] if sum(unit_last) >= sum(time_last) else ["task", "units", "when"]
        if 4 * max(sum(unit_last), sum(time_last)) < 3 * len(pieces):
            continue
        rows = [_cells(piece, order, spread=False) for piece in pieces]
        if sum(bool(row.when) for row in rows) < len(rows) - 1:
            continue
        above = [[line.strip()] for line in text[: opening.start()].splitlines() if line.strip()]
        table = [[str(n), r.task, r.when, r.units, r.notes] for n, r in enumerate(rows, 1)]
        return [
            *above,
            ["序号", "工作任务", "完成时限", "责任单位", "备注"],
            *table,
            *([line] for line in [*rest.splitlines(), *text[opening.start() + _HEADERLESS_SPAN :].splitlines()]),
        ]
    return []


def _ends_on_units(piece: str) -> bool:
    """Whether a row's text ends on a unit's name standing bare: no full stop after it, the run of names at the end."""
    return not piece.endswith(("。", "；", ";")) and _run(piece, 0, len(piece), forward=False) is not None


def _lead_and_support(units: str) -> list[str]:
    """The leading unit and the supporting ones of a row's units a space apart (`县农业农村局 县财政局、县发改局`); all
    of them lead where no space tells them apart."""
    lead, _, support = units.partition(" ")
    return [lead, support.strip()]


def _header(lines: list[str], at: int) -> tuple[list[str], int, int, int] | None:
    """The header at line `at`, its names, where on the line it starts and ends, and the line its rows start on: names
    that run together or stand a space apart on the line, or one name a line (`序号`, `活动内容`, `时间` …). A header
    names a task and a time, and a third column, unless it stands alone on its line (`时间 工作内容`)."""
    line = lines[at]
    if re.search(r"\S {2,}\S|\t|\|", line):
        return None  # a header spaced out or with `|` is another reader's
    for found in (header_run(line, least=2, loose=True), _word_header(line)):
        if found is not None and _a_header(found[2], alone=not line[: found[0]].strip() + line[found[1] :].strip()):
            return found[2], found[0], found[1], at + 1
    names: list[str] = []
    while at + len(names) < len(lines) and len(names) < _WIDEST and _role_of(lines[at + len(names)]) is not None:
        names.append(lines[at + len(names)].strip())
    if len(names) >= 2 and _a_header(names, alone=True):
        return names, 0, len(line), at + len(names)
    return None


def _a_header(names: list[str], *, alone: bool) -> bool:
    """Whether names make a header: a task's and a time's, and a third column's unless alone on their line. (With no
    column of times, the times are in the tasks' sentences: the prose reading's.)"""
    roles = {role for name in names if (role := _role_of(name))}
    return {"task", "when"} <= roles and (len(roles) >= 3 or alone)


def _word_header(line: str) -> tuple[int, int, list[str]] | None:
    """A header of words a space apart (`序号 重点工作 推进时限 承办科室`), each a column's name or a short word between
    two (具体措施), in a line that may open with the table's title: where it starts and ends, and its names."""
    words = [(m.start(), m.end(), m[0]) for m in re.finditer(r"\S+", line)]
    at = 0
    while at < len(words):
        end = at
        while end < len(words) and _NAME_WORD.fullmatch(words[end][2]):
            end += 1
        run = words[at:end]
        while run and _role_of(run[-1][2]) is None:
            run.pop()
        while run and _role_of(run[0][2]) is None:
            run.pop(0)
        if len(run) >= 2 and _a_header([w for _, _, w in run], alone=False):
            return run[0][0], run[-1][1], [w for _, _, w in run]
        at = max(end, at + 1)
    return None


def _role_of(name: str) -> str | None:
    """The role a column's name gives: its own, or that of a known name it ends in (推进时限: 时限, 承办科室: 科室)."""
    found = hint(name)
    if found is not None:
        return found[0]
    bare = name.strip()
    if not 2 < len(bare) <= 12:
        return None
    return next((role for end, role in _NAME_ENDS.items() if bare.endswith(end)), None)


def _order(names: list[str]) -> list[str]:
    """The roles of the header's columns in its order, each once: task, when and units as the reading places them,
    `other` for a column it leaves to the notes (备注, 工作要求); the row's number is none of them."""
    roles = [_role_of(name) for name in names]
    placed = [_PLACED.get(role, "other") for role in roles if role not in (None, "no", "derived")]
    return list(dict.fromkeys(placed))


def _name(names: list[str], role: str, default: str) -> str:
    """The header's own name for a role (`检查内容`, `时间节点`), or a plain one where it names none."""
    return next((name for name in names if _PLACED.get(_role_of(name) or "") == role), default)


def _rows(body: list[str], order: list[str], *, spread: bool) -> tuple[list[_Row], list[str]] | None:
    """The rows under a flattened header and the lines below them (`spread`: under a header one name a line, each
    line of a row a cell of it), each row under the heading of its group (`一、优化办事流程`, a line of no time); None
    when fewer than two rows, or fewer than half of them, have a time (a notice that names its columns in a
    sentence, then goes on in prose)."""
    headings: list[tuple[int, str]] = []  # each heading and where it stands in the text of the rows
    lines: list[str] = []
    at = 0
    for line in (part for text in body for part in _apart_headings(text)):
        if _HEADING.match(line.strip()) and len(line.strip()) <= _HEADING_LONGEST and not scan(line):
            headings.append((at, line.strip()))
            continue
        lines.append(line)
        at += len(line) + 1
    stream = "\n".join(lines)
    marks = _marks(stream)
    below: list[str] = []
    if marks:
        ends = [mark.start for mark in marks[1:]]
        pieces = [(mark.end, stream[mark.end : end]) for mark, end in zip(marks, ends, strict=False)]
        last = stream[marks[-1].end :]
        tallest = max(len(piece.strip().splitlines()) for _, piece in pieces)
        if len(last.strip().splitlines()) > tallest:
            # the lines after the last row's as many lines as the tallest row's are below the table
            kept = last.strip().splitlines()
            last, below = "\n".join(kept[:tallest]), kept[tallest:]
        pieces.append((marks[-1].end, last))
        if not marks[0].style.endswith("、"):
            # a preview's page numbers (`2、` opening a page) cut through the cells of rows numbered otherwise
            pieces = [(start, re.sub(r"\n\s*\d{1,3}、", "\n", piece)) for start, piece in pieces]
        lead = stream[: marks[0].start].strip()
    else:
        pieces, below = _unnumbered(stream, order)
        lead = ""
    pieces = [(start, piece) for start, piece in pieces if piece.strip()]
    rows = [_cells(piece, order, spread=spread) for _, piece in pieces]
    timed = sum(bool(row.when) for row in rows)
    if timed < 2 or 2 * timed < len(rows) or any(len(piece) > _ROW_LONGEST for _, piece in pieces):
        return None
    if lead:  # words between the header and the first row (a second line of the header): kept with the first row
        rows[0] = replace(rows[0], notes=" ".join(filter(None, [lead, rows[0].notes])))
    if headings:
        rows = [
            replace(row, stage=next((name for place, name in reversed(headings) if place <= start), ""))
            for row, (start, _) in zip(rows, pieces, strict=True)
        ]
    return rows, below


def _apart_headings(line: str) -> list[str]:
    """A line with the group headings in it set apart on lines of their own: a flattened copy runs a heading into the
    rows (`…县教育局二、组织实施3组织业务培训…`), where it stands between a row's close and the next row's number."""
    parts, at = [], 0
    for found in _RUN_HEADING.finditer(line):
        before = line[at : found.start()]
        if found.start() < at or not (_closes_row(before) or _ends_on_units(before)):
            continue
        parts += [line[at : found.start()], found[1]]
        at = found.end(1)
    return [part for part in [*parts, line[at:]] if part.strip()] if parts else [line]


def _unnumbered(stream: str, order: list[str]) -> tuple[list[tuple[int, str]], list[str]]:
    """The rows of a table with no row numbers, each with where it starts in `stream`, and the lines below it (from a
    paragraph, or a run of lines with no time, on): a row a line; rows whose cells stand a line each, cut by the
    kinds of their lines (see _by_kinds); or, where a line holds several times a row each (rows running on in one
    line), cut at the times as the header orders them: after each where the time closes a row, before each where it
    opens one, after the units that follow each where they close it."""
    lines: list[tuple[int, str]] = []
    below: list[str] = []
    at = untimed = 0
    for line in stream.split("\n"):
        untimed = 0 if scan(line) else untimed + bool(line.strip())
        prose = len(line.strip()) > _PARAGRAPH and line.strip().endswith("。") and not scan(line)
        if _BELOW.match(line.strip()) or prose or untimed > _UNTIMED_LINES:
            below = stream[at:].split("\n")
            break
        if line.strip():
            lines.append((at, line))
        at += len(line) + 1
    while lines and not scan(lines[-1][1]) and _kind(lines[-1][1]) != "units":
        below.insert(0, lines.pop()[1])  # lines after the last row's time that are no units: below the table
    if not any(len(scan(line)) > 1 for _, line in lines):
        return (lines if all(scan(line) for _, line in lines) else _by_kinds(lines, order)), below
    first = lines[0][0] if lines else 0
    text = stream[first : lines[-1][0] + len(lines[-1][1])] if lines else ""
    cells = [(time.start, _time_end(text, time)) for time in scan(text)]
    when = order.index("when")
    after = [role for role in order[when + 1 :] if role != "other"]
    if not after:  # the time closes each row
        cuts = [end for _, end in cells]
    elif when == 0:  # the time opens each row
        cuts = [start for start, _ in cells[1:]]
    elif after == ["units"]:  # the units after the time close each row
        bounds = [*(start for start, _ in cells[1:]), len(text)]
        runs = [_run(text, end, bound, forward=True) for (_, end), bound in zip(cells, bounds, strict=True)]
        cuts = [(found or (end, end))[1] for found, (_, end) in zip(runs, cells, strict=True)]
    else:
        return lines, below
    edges = [0, *cuts, len(text)]
    pieces = [(first + a, text[a:b]) for a, b in pairwise(edges) if text[a:b].strip()]
    if not after and pieces and not scan(pieces[-1][1]):
        below = [pieces.pop()[1].strip(), *below]  # words after the last row's time: below the table
    return pieces, below


def _by_kinds(lines: list[tuple[int, str]], order: list[str]) -> list[tuple[int, str]]:
    """Rows whose cells stand on lines of their own (a task over two lines, its time, its units), each with where it
    starts: a row ends where a line holds a cell of a column the header puts before the last one's (a task after
    the units), or a second time; a line that holds a time among other words is a row of its own."""
    ranks = {role: n for n, role in enumerate(role for role in order if role in ("task", "when", "units"))}
    rows: list[tuple[int, str]] = []
    current: list[tuple[int, str]] = []
    last = -1
    for at, line in lines:
        kind = _kind(line)
        rank = ranks.get(kind, -1)
        if current and (kind == "row" or rank < last or (rank == last and kind == "when")):
            rows.append((current[0][0], " ".join(cell.strip() for _, cell in current)))
            current, last = [], -1
        if kind == "row":
            rows.append((at, line))
            continue
        current.append((at, line))
        last = rank
    if current:
        rows.append((current[0][0], " ".join(cell.strip() for _, cell in current)))
    return rows


def _kind(line: str) -> str:
    """What a line of a table holds: a time (`when`), units, a whole row (a time among other words), or a task's
    words."""
    text = line.strip()
    if is_time(text):
        return "when"
    words = [word for word in re.split(r"[，,、；;\s]+", text) if word]
    if words and all(_unit_name(word) for word in words):
        return "units"
    return "row" if scan(text) else "task"


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    style: str
    """How the number is written (see _next_mark)."""


def _marks(stream: str) -> list[_Mark]:
    """The numbers that open the rows, 1, 2, 3 … in turn, each where the text before it closes a row (a unit's name,
    a time, the end of a sentence or a line) and written as the first is (`1` then `2`, never a page's `2、`), counting
    from 1 again on a line of its own (the rows of the next group); [] unless two rows are numbered."""
    marks: list[_Mark] = []
    style: str | None = None
    at, n = 0, 1
    while True:
        found = _next_mark(stream, n, at, style)
        if found is None and n > 2:
            found = _next_mark(stream, 1, at, style)
            if found is not None and stream[: found[0].start].rstrip(" ")[-1:] != "\n":
                found = None
            n = 1
        if found is None:
            break
        number, style = found
        lead = stream[: number.start].strip()
        opens_line = stream[: number.start].rstrip(" ").endswith("\n")
        if not marks and lead and (len(lead) > _LEAD_LONGEST or scan(lead) or not opens_line):
            return []  # the first row opens under the header (a line of words between): else no rows' numbers
        marks.append(number)
        at, n = number.end, n + 1
    return marks if len(marks) >= 2 else []


def _next_mark(stream: str, n: int, at: int, style: str | None) -> tuple[_Mark, str] | None:
    """Row number `n` after `at`, written in `style` (the first number's way: `1`, `1、`, `(1)`, `一、`) and where
    the text before it closes a row, and its style."""
    for found in _NUMBER.finditer(stream, at):
        form = next(name for name, value in found.groupdict().items() if value is not None)
        if _value(found[form]) != n:
            continue
        kind = f"{form}{found[0][-1]}"
        if style is not None and kind.translate(_SAME_MARK) != style.translate(_SAME_MARK):
            continue
        if n > 1 and not _closes_row(stream[at : found.start()]):
            continue
        return _Mark(found.start(), found.end(), kind), kind
    return None


def _value(numeral: str) -> int:
    """The value of a row's number: 12, or 一 … 九十九 written in Chinese (0 for none)."""
    if numeral.isdigit():
        return int(numeral)
    tens, ten, ones = numeral.rpartition("十")
    if not ten:
        return _DIGITS.index(numeral) + 1 if len(numeral) == 1 else 0
    if len(tens) > 1 or len(ones) > 1:
        return 0
    return (_DIGITS.index(tens) + 1 if tens else 1) * 10 + (_DIGITS.index(ones) + 1 if ones else 0)


def _closes_row(before: str) -> bool:
    """Whether the text before a number ends a row: at a line's end or a space, on a unit's name, a time or a
    sentence's end."""
    if not before.strip() or before[-1].isspace() or before.rstrip()[-1] in "。；;.":
        return True
    last = _APART.split(before.rstrip())[-1]
    times = scan(before[-48:])
    # a row's text of any length ending on a unit's name (`…逐户销号整改2023年4月底前县农业农村局`) closes it
    return bool(last) and (
        is_units(last) or _ends_on_units(last) or (bool(times) and times[-1].end == len(before[-48:]))
    )


def _cells(piece: str, order: list[str], *, spread: bool) -> _Row:
    """A row's task, time, units and notes, placed by what each part of its text reads as and the header's order."""
    # a run-together copy breaks its lines inside a cell (`市` / `住建局`): joined again as written; a spaced one
    # between words, and one written a cell a line (`spread`) between cells
    joiner = " " if spread or re.search(r"\S \S", piece) else ""
    text = joiner.join(line.strip() for line in piece.strip().splitlines() if line.strip())
    text = _PAGE.sub("", text).strip()  # a preview's page furniture (第 1 页 共 2 页) is no cell's
    times = scan(text)
    time: Found | None = None
    if times:
        first = "when" in order and order.index("when") < order.index("task")
        time = times[0] if first else times[-1]
    start, end = (time.start, _time_end(text, time)) if time else (len(text), len(text))
    units = _units(text, order, start, end)
    row = _placed(text, (start, end) if time else None, units)
    if not row.task and units is not None:
        # every word but the time read as a unit's (召开动员会 县委办: 会 ends a unit's name too): the one furthest
        # from where the units stand is the task
        words = [(m.start(), m.end()) for m in re.finditer(r"[^，,、；;。\s]+", text[units[0] : units[1]])]
        if len(words) > 1:
            at_end = not text[units[1] :].strip()
            units = (units[0] + words[1][0], units[1]) if at_end else (units[0], units[0] + words[-2][1])
            row = _placed(text, (start, end) if time else None, units)
    return row


def _placed(text: str, time: tuple[int, int] | None, units: tuple[int, int] | None) -> _Row:
    """A row's cells once its time and units are found: the rest is the task, but for the words after the units
    where the units do not end the row (a 备注 column's), its notes; the time is the task's own words where it is
    written inside the task's sentence."""
    start, end = time or (len(text), len(text))
    u_start, u_end = units or (end, end)
    notes = text[u_end:].strip(" ，,、；;") if units is not None and u_end > end else ""
    rest = text[:u_start] + " " * (u_end - u_start) + (text[u_end:] if not notes else "")
    # the time is a cell of its own where it stands at an edge of what is left, or next to the units; else it is
    # written inside the task's sentence and the task keeps it
    left, right = rest[:start].strip(" ，,、；;"), rest[end:].strip(" ，,、；;")
    own = time is not None and (not left or not right or (units is not None and _beside(text, time, units)))
    task = re.sub(r"\s{2,}", " ", (f"{left} {right}" if own else rest).strip(" ，,、；;"))
    named = text[u_start:u_end].strip(" ，,；;") if units else ""
    return _Row(task, text[start:end] if time else "", named, notes)


def _time_end(text: str, time: Found) -> int:
    """Where the time's cell ends: the time, or in a spaced row the word it runs on into (`11月底前完成`)."""
    tail = re.match(rf"[^\s，,、；;。]{{1,{_TIME_TAIL}}}(?=\s|$)", text[time.end :])
    opens_word = time.start == 0 or text[time.start - 1].isspace()
    if tail and opens_word and " " in text and not is_units(tail[0]):
        return time.end + tail.end()
    return time.end


def _beside(text: str, time: tuple[int, int], units: tuple[int, int]) -> bool:
    """Whether only separators stand between the time and the units."""
    gap = text[time[1] : units[0]] if time[1] <= units[0] else text[units[1] : time[0]]
    return not gap.strip(" ，,、；;")


def _units(text: str, order: list[str], start: int, end: int) -> tuple[int, int] | None:
    """Where the row's units stand: the run of unit names on the side of the time the header puts them (first in
    the row, last in it, right after the time or right before it); None when no names there end as a unit's. Units
    followed only by columns left to the notes (备注) are the last names of the row that end as a unit's."""
    if "units" not in order:
        return None
    place, when = order.index("units"), order.index("when") if "when" in order else len(order)
    if place == 0:
        return _run(text, 0, start, forward=True)
    if set(order[place + 1 :]) <= {"other"}:
        last = _run(text, end, len(text), forward=False)
        if last is not None:
            return last
        # words after the units no column takes (a page's running foot): the last names that end as a unit's
        words = list(re.finditer(r"[^，,、；;。\s]+", text[end:]))
        named = [w for w in words if _unit_name(w[0]) or _unit_edge(w[0], forward=False) is not None]
        return _run(text, end, end + named[-1].end(), forward=False) if named else None
    if when < place:
        return _run(text, end, len(text), forward=True)
    return _run(text, 0, start, forward=False)


def _unit_name(name: str) -> bool:
    """Whether a word is a unit's name: it ends as one, is short, and holds no figure (`新建健身路径30处` counts)."""
    return len(name) <= _UNIT_LONGEST and not re.search(r"\d", name) and is_units(name)


def _run(text: str, lo: int, hi: int, *, forward: bool) -> tuple[int, int] | None:
    """The longest run of unit names in text[lo:hi] that opens at lo (forward) or closes at hi: names apart by 、，
    or spaces, the outermost one cut from a cell it runs into (`实施方案县农业农村局`)."""
    words = [(m.start(), m.end()) for m in re.finditer(r"[^，,、；;。\s]+", text[lo:hi])]
    words = [(lo + a, lo + b) for a, b in words]
    if not forward:
        words.reverse()
    taken: list[tuple[int, int]] = []
    for a, b in words:
        name = text[a:b]
        # a word that ends as a unit's name but opens as no place's is a cell run into the unit (`…开放县教育局`)
        cut = None if _UNIT_START.match(name) else _unit_edge(name, forward=False)
        if _unit_name(name) and (forward or cut is None):
            taken.append((a, b))
            continue
        cut = _unit_edge(name, forward=forward)
        if cut is not None:
            taken.append((a + cut, b) if not forward else (a, a + cut))
        break
    if not taken:
        return None
    first, last = (taken[0], taken[-1]) if forward else (taken[-1], taken[0])
    return first[0], last[1]


def _unit_edge(word: str, *, forward: bool) -> int | None:
    """Where a unit's name that a run-together cell ends on starts (`制定实施方案县农业农村局`: at 县, the earliest such
    start), or, forward, where the shortest one it opens with ends (`县教育局组织开展…`: after 局); None when it has
    none."""
    if forward:
        if not _UNIT_START.match(word):
            return None
        return next((size for size in range(3, min(len(word) - 1, _UNIT_LONGEST) + 1) if _unit_name(word[:size])), None)
    tail = len(word) - min(len(word), _UNIT_LONGEST)
    for found in _UNIT_START.finditer(word, tail):
        if found.start() > 0 and len(word) - found.start() >= 3 and _unit_name(word[found.start() :]):
            return found.start()
    return None
