"""A table in plain text, written however it was copied: rows of cells.

Word copies a table as one cell a line, each starting with a tab, rows apart by a blank line; a web
page copies as `a | b | c` lines, as cells each closed by `|` (a cell may run over several lines, the `|`
may stand on a line of its own, and rows may run on with only their numbers to cut them), as cells apart by
tabs or runs of spaces, by single spaces where every row splits as its header does, or as one cell a line with
no mark at all (a blank line after every cell, or blank lines between rows), or flattened with no mark between
cells, read by what they hold (see flat.py). Each way of reading is tried and
the one whose table gives the most task rows wins.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import combinations
from math import comb

from schedgen.importers.columns import (
    SIMPLIFIED,
    Layout,
    compact,
    hint,
    is_header,
    is_time,
    is_units,
    layout,
    steps,
)
from schedgen.importers.flat import flat_rows

Rows = list[list[str]]
_SAMPLE = 300
_PLACINGS = 1_000  # the most ways of placing a short row's cells that are tried (a row short of few cells)
_WIDEST = 16  # the most columns a header written one name a line is taken to have
_INNER_PIPE = re.compile(r"[^\s|][ \t]*\|[ \t]*[^\s|]")
# a column name that says its cells are times: 计划起止, 实际起止, 完成时限, 时间进度
_TIMED_NAME = re.compile(r"时间|起止|时限|日期|期限|进度")
# the names of the columns a time's name spans in a header's second line (计划起止 实际起止, 计划工期 实际工期)
_SPAN_PART = re.compile(r"时间|起止|时限|日期|期限|工期")
# the hours of a day on a line of their own under its date, in a time cell that runs over lines
_HOURS = re.compile(r"(?:上午|下午|晚上|早上|中午)?\s*\d{1,2}[:：]\d{2}\s*[—–\-~～至到]+\s*\d{1,2}[:：]\d{2}")
# a line that is below a table, not a cell: a note, a numbered heading
_BELOW = re.compile(r"(?:注|备注|说明)\s*[:：]|[一二三四五六七八九十]+、")
# a copying site's address run into a cell (`3月份 www.89xue.com`): not the cell's words
_COPY_ADDRESS = re.compile(r"\s+(?:https?://|www\.)\S+$")


def text_table(text: str) -> tuple[Rows, list[str], list[str]] | None:
    """The rows of the table in `text` from its header on, the lines above the header and the lines below the
    table (a notice's duties written after its table); None when no way of reading finds a table."""
    best: tuple[tuple[int, int], Rows, Layout, Rows] | None = None
    for read in _READERS:
        rows = read(text)
        if not rows:
            continue
        found = layout(rows)
        if found is None:
            continue
        below: Rows = []
        while len(rows) > found.header_at + 2 and sum(bool(c.strip()) for c in rows[-1]) < 2:
            below.insert(0, rows.pop())  # a line below the table (a date, a duty of the notice) is no row of it
        score = _score(rows, found)
        if best is None or score > best[0]:
            best = (score, rows, found, below)
    if best is None:
        return None
    _, rows, found, below = best
    above = [" ".join(c for c in row if c.strip()).strip() for row in rows[: found.header_at]]
    after = [" ".join(c for c in row if c.strip()).strip() for row in below]
    return rows[found.header_at :], [line for line in above if line], [line for line in after if line]


def _score(rows: Rows, found: Layout) -> tuple[int, int]:
    """How well a reading reads: its rows whose time cell is a time less those whose time cell is something
    else (a reading that cuts rows wrongly puts tasks there), then its rows with a task."""
    task, when = found.columns["task"], found.columns.get("when")
    body = rows[found.header_at + 1 : found.header_at + 1 + _SAMPLE]  # a sample: a long table reads as it starts
    times = [row[when] for row in body if when is not None and when < len(row) and row[when].strip()]
    timed = sum(1 for cell in times if is_time(cell) or steps(cell))
    return timed - (len(times) - timed), sum(1 for row in body if task < len(row) and row[task].strip())


def _word_copy(text: str) -> Rows:
    """Text copied out of a Word table: each cell on a line of its own starting with a tab, rows separated
    by a blank line; the lines without the tab outside the table are rows of one cell."""
    rows: Rows = []
    current: list[str] | None = None
    started = False
    for line in text.splitlines():
        if line.startswith("\t"):
            if current is None:
                current = []
                rows.append(current)
            current.append(line.strip())
            started = started or len(current) > 1
        else:
            current = None
            if line.strip() and not started:
                rows.append([line.strip()])  # above the table; lines below it are outside the table
    return rows if started else []


def _pipe_lines(text: str) -> Rows:
    """`a | b | c` on each line (a Markdown table's `---` rule left out). Where the first such line closes each of
    its cells with `|` and opens with none (`日期 | 具体时间 | 活动内容 |`, as a web page's text copies a table), a row
    that opens with `|` and shows one cell fewer opens on an empty cell (`| 8:30—9:30 | 启动仪式 |`: its 日期)."""
    rows: Rows = []
    first = next((line.strip() for line in text.splitlines() if line.count("|") >= 2), "")
    # the width of such a header, where rows that open with `|` have one cell more than they show
    closed = len(first[:-1].split("|")) if first.endswith("|") and not first.startswith("|") else 0
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if "|" not in line:
            rows.append([line])
            continue
        # under such a header a row's last `|` closes its last cell, and the empty cells before it are cells
        # (`开学督导迎检 | 督导室 | ||`: two cells and two empty ones)
        own = line[:-1] if closed and line.endswith("|") and not line.startswith("|") else line.strip("|")
        cells = [c.strip() for c in own.split("|")]
        if closed and line.startswith("|") and line.endswith("|") and len(cells) == closed - 1:
            cells = ["", *cells]  # | 8:30—9:30 | 启动仪式 | …: its first cell (日期) empty
        if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
            continue
        rows.append(cells)
    return _mended(rows)


def _mended(rows: Rows) -> Rows:
    """`a | b | c` rows under a header as a web page's table copies out: a row whose cell ran over two lines is
    joined again (`1 | 完成…改造` over `（含二期工程） | 10月底前 | 市住建局`), and a row short of the cells merged
    over it from the row above (a stage or a time spanning rows, which a copy writes once) takes them from that
    row, its own cells placed under the columns whose kind they match."""
    at = next((n for n, row in enumerate(rows) if len(row) > 2 and is_header(row)), None)
    if at is None:
        return rows
    rows = _closed_short(rows, at)
    width = len(rows[at])
    mended = rows[: at + 1]
    full: list[str] | None = None
    n = at + 1
    while n < len(rows):
        row = rows[n]
        after = rows[n + 1] if n + 1 < len(rows) else []
        if 1 < len(row) < width and len(row) + len(after) - 1 == width and not any(map(is_time, row)):
            joined = [*row[:-1], f"{row[-1]}\n{after[0]}", *after[1:]]
            if any(map(is_time, joined)):
                row, n = joined, n + 1
        if 1 < len(row) < width and full is not None:
            row = _spanned(row, full) or row
        elif len(row) == width and full is not None and not row[-1].strip():
            row = _moved_left(row, full) or row
        if len(row) == width:
            full = row
        mended.append(row)
        n += 1
    return mended


def _closed_short(rows: Rows, at: int) -> Rows:
    """`|` rows copied from a web page that leaves out the cells merged over a row from above and closes the row
    with as many empty cells instead (`开学督导迎检 | 督导室 | ||` under `第一周 | 3月1日-3月7日 | 开学典礼 | 团委 |`):
    such a row's own cells go under the last columns, its first ones taken from the row above, where that fits what
    the table's full rows hold in each column better than where they stand (an empty 备注 at a row's end stays where
    it is). A header whose names end the same way (`起止日期 | 主要工作 | 责任处室 | |`: 起止日期 over a week and its
    days) then has its names over the last columns too."""
    width = len(rows[at])
    body = [row for row in rows[at + 1 :] if len(row) == width]
    full = [row for row in body if row[-1].strip()]
    if len(full) < 2 or len(full) == len(body):
        return rows
    kinds = [max(_KINDS, key=[_kind(row[c]) for row in full].count) for c in range(width)]

    def fit(cells: list[str], at: int) -> int:
        return sum(_kind(cell) == kinds[at + c] for c, cell in enumerate(cells))

    mended, above, moved = rows[: at + 1], None, 0
    for row in rows[at + 1 :]:
        if len(row) == width and above is not None and not row[-1].strip():
            own = _without_end(row)
            if own and fit(own, width - len(own)) > fit(own, 0):
                row, moved = [*above[: width - len(own)], *own], moved + 1
        if len(row) == width and row[-1].strip():
            above = row
        mended.append(row)
    header = _without_end(rows[at])
    if moved and len(header) < width:
        mended[at] = [""] * (width - len(header)) + header
    return mended


def _without_end(row: list[str]) -> list[str]:
    """A row's cells up to its last one that is not empty."""
    cells = list(row)
    while cells and not cells[-1].strip():
        cells.pop()
    return cells


def _spanned(row: list[str], above: list[str], *, leading: bool = False) -> list[str] | None:
    """A row short of cells that the row above spans: each cell under the column whose cell above is of its kind
    (a time under a time, units under units), the columns it leaves filled from the row above; the leftmost
    such columns where kinds do not tell (a stage or a time column comes first). With `leading`, only when the
    columns it leaves are the first ones (a copy that drops empty cells too: a gap further right is an empty
    cell, never the row above's); None otherwise."""
    width, missing = len(above), len(above) - len(row)
    if comb(width, missing) > _PLACINGS:
        return None
    kinds = [_kind(cell) for cell in row]
    above_kinds = [_kind(cell) for cell in above]

    def fit(gaps: tuple[int, ...]) -> int:
        places = [c for c in range(width) if c not in gaps]
        return sum(kind == above_kinds[c] for kind, c in zip(kinds, places, strict=True))

    best = max(combinations(range(width), missing), key=fit)  # the first of the best: the leftmost gaps
    if leading and best != tuple(range(missing)):
        return None
    cells = iter(row)
    return [above[c] if c in best else next(cells) for c in range(width)]


def _moved_left(row: list[str], above: list[str]) -> list[str] | None:
    """A row under a cell that spans it, copied with its own cells moved left into the spanning cell's place and
    an empty cell at its end (`| 09:00-18:30 | 会议及闭幕 | |` under `| 10月21日 | 08:00-09:00 | 报到 |`): its
    cells back under the columns whose kind they match, the leading columns filled from the row above; None when
    its cells fit where they are as well (a row whose last column is merely empty)."""
    cells = _without_end(row)
    if len(cells) < 2:
        return None
    placed = _spanned(cells, above, leading=True)
    if placed is None:
        return None

    def fit(cells_at: list[tuple[int, str]]) -> int:
        return sum(_kind(cell) == _kind(above[c]) for c, cell in cells_at)

    missing = len(above) - len(cells)
    moved = [(c + missing, cell) for c, cell in enumerate(cells)]
    return placed if fit(moved) > fit(list(enumerate(cells))) else None


_KINDS = ("time", "units", "text", "number", "empty")


def _kind(cell: str) -> str:
    """What a cell holds, to tell which column it belongs under."""
    if not cell.strip():
        return "empty"
    if re.fullmatch(r"[\d.．、]+", cell.strip()):
        return "number"
    return "time" if is_time(cell) else "units" if is_units(cell) else "text"


def _pipe_cells(text: str) -> Rows:
    """Cells each closed by `|`, a cell running over lines, as a saved web page's text holds a table:
    the header's cells set how many make a row."""
    if text.count("|") < 4 or _INNER_PIPE.search(text):
        return []  # `a | b` inside a line: rows one a line, read by `_pipe_lines`
    pieces = [p.strip() for p in text.split("|")]
    # the header: the first run of cells that are each a known column name, or short names between known ones
    # (具体要求 between 工作任务 and 责任科室: a name no list holds, its column told by its cells)
    for at in range(len(pieces)):
        lines = pieces[at].splitlines()
        if not lines or hint(lines[-1]) is None:
            continue
        width = 1
        while at + width < len(pieces) and hint(pieces[at + width]) is not None:
            width += 1
        # names no list holds between known ones, where the rows' numbers then cut the cells into rows
        loose = named = width
        while at + loose < len(pieces) and (hint(pieces[at + loose]) is not None or _name_like(pieces[at + loose])):
            loose += 1
            if hint(pieces[at + loose - 1]) is not None:
                named = loose  # a short cell after the last known name is the first row's, not the header's
        above = [[line.strip()] for line in lines[:-1] if line.strip()]
        for earlier in pieces[:at]:
            above = [[line.strip()] for line in earlier.splitlines() if line.strip()] + above
        for size in dict.fromkeys((named, width)):
            if size < 2:
                continue
            header = [lines[-1].strip(), *pieces[at + 1 : at + size]]
            numbered = _numbered(pieces[at + size :], header)
            if numbered is None and len(pieces) > at + size + 1:
                # each cell closed by ` |` on its line, an empty cell a `|` alone: the empty pieces are cells, and
                # what follows the last `|` (a note) is below the table
                numbered = _numbered(pieces[at + size : -1], header, empty_cells=True)
                if numbered is not None:
                    numbered[1].extend([line.strip()] for line in pieces[-1].splitlines() if line.strip())
            if numbered is not None:
                header, body_rows = numbered
                return [row for row in [*above, header, *body_rows] if any(c for c in row)]
        if width < 2:
            continue
        header = [lines[-1].strip(), *pieces[at + 1 : at + width]]
        body = pieces[at + width :]
        rows = [*above, header]
        # `|` on a line of its own between rows as well as between cells: an empty piece closes each row
        stride = width + 1 if body and not body[0] else width
        rows += [body[i : i + stride][-width:] for i in range(0, len(body), stride)]
        return [row for row in rows if any(c for c in row)]
    return []


def _role(name: str) -> str | None:
    """The role a column name says its column has (`when`, `no` …), or None for a name no list holds."""
    found = hint(name)
    return found[0] if found is not None else None


def _name_like(piece: str) -> bool:
    """Whether a piece could be a column name no list holds: one short line, no time, no number."""
    name = compact(piece)
    return 2 <= len(name) <= 8 and "\n" not in piece.strip() and not name.isdigit() and not is_time(name)


def _numbered(body: list[str], header: list[str], *, empty_cells: bool = False) -> tuple[list[str], Rows] | None:
    """A stream of cells with nothing between rows, cut into rows by the number each row carries (1, 2, 3 …): a
    row is the number, the cells before it as in the first row and the cells after it to fill the header's
    width. A number column the header does not name (its 序号 cell merged into the next) gets the name 序号; a row
    short of its leading cells (a cell merged over rows, written once) takes them from the row above. With
    `empty_cells`, an empty piece is an empty cell, and the last row may be short of a cell merged with the row
    above's (placed by what its cells hold). None when the numbers do not cut the cells so."""
    cells = list(body) if empty_cells else [c for c in body if c]
    places: list[int] = []
    for n, cell in enumerate(cells):
        if cell == str(len(places) + 1):
            places.append(n)
    if len(places) < 2:
        return None
    before = places[0]  # the cells before the number in a full row
    numbered = any(hint(name) == ("no", rank) for name in header for rank in (0, 1))
    if numbered:
        if before >= len(header) or _role(header[before]) != "no":
            return None
        after = len(header) - before - 1
    else:
        if before > len(header):
            return None
        after = len(header) - before
        header = [*header[:before], "序号", *header[before:]]
    short = len(cells) - places[-1] - 1 < after
    if short and not (empty_cells and len(cells) - places[-1] - 1 >= after - 1 and len(places) >= 2):
        return None
    rows: Rows = []
    for i, place in enumerate(places):
        lead = before if i == 0 else place - places[i - 1] - 1 - after
        if not 0 <= lead <= before:
            return None
        row = cells[place - lead : place + 1 + after]
        if lead < before:
            row = [*rows[-1][: before - lead], *row]  # the leading cells merged over this row, from the row above
        if len(row) < len(header):  # the last row, short of a cell merged with the row above's
            placed = _spanned(row, rows[-1]) if rows else None
            if placed is None:
                return None
            row = placed
        rows.append(row)
    rows += [[cell] for cell in cells[places[-1] + 1 + after :] if cell]  # lines below the table
    return header, rows


def _spaced(text: str) -> Rows:
    """One row a line, cells apart by tabs or runs of two or more spaces; an empty cell leaves no mark of its
    own between the runs, so a row below the header short of its cells is placed by what its cells hold."""
    rows = [re.split(r"\t+|\s{2,}|\u3000+", line.strip()) for line in text.splitlines() if line.strip()]
    at = next((n for n, row in enumerate(rows) if len(row) > 2 and all(hint(cell) for cell in row)), None)
    if at is None:
        return rows
    header = rows[at]
    placed = rows[: at + 1]
    full: list[str] | None = None
    for row in rows[at + 1 :]:
        if 1 < len(row) < len(header) and "|" not in "".join(row):
            # the stage and time cells merged over it, copied once on the row above, else its empty cells
            row = (_spanned(row, full, leading=True) if full else None) or _aligned(row, header)[0]
        if len(row) == len(header):
            full = row
        placed.append(row)
    return placed


def _single_spaced(text: str) -> Rows:
    """One row a line, cells apart by single spaces, as some pages copy: read so only under a header whose every
    name is a known column name, and only for as long as each row splits into as many cells as the header (a cell
    with a space of its own, `严守用水 效率控制 红线`, cannot be told from two cells: such a table is not read so).
    A name spaced out letter by letter (`目 前 进 度 情 况`) is one name; a header whose names a list does not all
    hold is read so when three it holds name the time, the task and one more, and the line below it names the
    columns a time's name spans (`时间安排` over `计划起止 实际起止`); a row one cell short there takes the cell the row
    above spans over it (a category written once), its own cells under the columns of their kind."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for at, line in enumerate(lines):
        header = _spelled_out(line.split())
        if not 2 < len(header) <= _WIDEST or "  " in line:
            continue
        known = all(hint(name) for name in header)
        spanned = None if known else _spanning_names(header, lines[at + 1] if at + 1 < len(lines) else "")
        if not known and spanned is None:
            continue
        top = at + 1 if known else at + 2
        header = header if spanned is None else spanned
        rows: Rows = []
        for below in lines[top:]:
            cells = below.split(" ")
            if not all(cells):
                break
            if len(cells) == len(header) - 1 and not known and rows:
                cells = _spanned(cells, rows[-1]) or cells
            if len(cells) != len(header):
                break
            rows.append(cells)
        rest = lines[top + len(rows) :]
        if any(len(cells := below.split()) >= len(header) and any(map(is_time, cells)) for below in rest):
            return []  # a row with a space inside a cell: read so, the rows from it on would be lost
        if len(rows) >= 2:
            return [*([line] for line in lines[:at]), header, *rows, *([line] for line in rest)]
    return []


def _spelled_out(names: list[str]) -> list[str]:
    """Header names with a run of single letters joined into one (`目 前 进 度 情 况`: 目前进度情况)."""
    joined: list[str] = []
    run: list[str] = []
    for name in [*names, ""]:
        if len(name) == 1 and "\u4e00" <= name <= "\u9fff":
            run.append(name)
            continue
        if len(run) > 1:
            joined.append("".join(run))
        else:
            joined += run
        run = []
        if name:
            joined.append(name)
    return joined


def _spanning_names(header: list[str], below: str) -> list[str] | None:
    """A header some of whose names no list holds, with the line below it naming the columns its time's name spans
    (`时间安排` over `计划起止 实际起止`): the header with those names in its place; None unless three of its names are
    known, among them a time and a task, and the line below is two to four names of times."""
    roles = [_role(name) for name in header]
    subs = below.split(" ")
    if sum(role is not None for role in roles) < 3 or "task" not in roles or "when" not in roles:
        return None
    # (计划工期 reads as a time by its words: a name here is short, has no digit and names a time)
    if not 2 <= len(subs) <= 4 or not all(
        len(n) <= 8 and _SPAN_PART.search(n) and not re.search(r"\d", n) for n in subs
    ):
        return None
    spanning = roles.index("when")
    return [*header[:spanning], *subs, *header[spanning + 1 :]]


def _cell_lines(text: str) -> Rows:
    """One cell a line, no mark between them: the header is a run of lines that are each a column name,
    and every so many lines below it make a row (blank lines, when the copy has them, end a row)."""
    lines = [line.strip() for line in text.splitlines()]
    for at, line in enumerate(lines):
        if hint(line) is None or is_time(line):
            continue
        width = 0
        while width <= _WIDEST and at + width < len(lines) and lines[at + width] and hint(lines[at + width]):
            width += 1
        if width < 2 and (spread := _spread_header(lines, at)) is not None:
            # a blank line after every cell (a page copied so): no blank line ends a row
            found = _spread_rows(lines, at, spread)
            if found:
                return _spread_tables(lines, found)
            continue
        if not 2 <= width <= _WIDEST:
            continue  # one name, or a run of lines too long for a header (a column of 项目… cells)
        rows: Rows = [[line] for line in lines[:at] if line]
        body = lines[at + width :]
        grouped = _under_times([line for line in body if line], lines[at : at + width])
        if grouped is not None:
            return rows + grouped
        rows.append(lines[at : at + width])
        blank_rows = [group for group in _groups(body) if group]
        if len(blank_rows) > 1 and all(len(group) <= width for group in blank_rows):
            rows += blank_rows
        else:
            rows += _aligned([line for line in body if line], lines[at : at + width])
        return rows
    return []


def _under_times(cells: list[str], header: list[str]) -> Rows | None:
    """A table one cell a line whose last two columns are a time and the work (`时间`, `重点工作`), each time cell
    (`2月份`) over as many lines of work as it holds, up to the next time: a row for each line of work, under its
    time; the names before the time's are the table's caption (`月份工作安排`), no column and no title, and the lines
    after the last work (a time with none under it, a note) are rows of one cell below. None where the cells are no such
    table: no time and work columns last, a first cell that is no time, fewer than two times, or every time over
    one line only (the plain reading takes those)."""
    if len(header) < 2 or _role(header[-2]) != "when" or _role(header[-1]) == "when":
        return None
    rows: Rows = []
    when: str | None = None
    lines = 0
    stop = len(cells)
    for at, cell in enumerate(cells):
        time = _COPY_ADDRESS.sub("", cell)
        if _BELOW.match(cell):
            stop = at
            break
        if is_time(time):
            if when is not None and not lines:
                return None  # a time with no work under it, then another: no such table
            when, lines = time, 0
            continue
        if when is None:
            return None
        rows.append([when, cell])
        lines += 1
    else:
        if when is not None and not lines:  # a last time with no work under it is below the table (a signature)
            stop = max(at for at, cell in enumerate(cells) if _COPY_ADDRESS.sub("", cell) == when)
    times = len({row[0] for row in rows})
    if times < 2 or len(rows) == times:
        return None
    return [header[-2:], *rows, *([cell] for cell in cells[stop:])]


def _spread_header(lines: list[str], at: int) -> int | None:
    """The width of a header written one name a line with a blank line after each (`时  间`, ``, `地  点`, ``,
    `活动名称` …): known names, or names no list holds between known ones, two known at least; None when the lines
    from `at` are no such header."""
    width = known = 0
    for n in range(_WIDEST):
        name, gap = [*lines[at + 2 * n : at + 2 * n + 2], "", ""][:2]
        if not name or gap:
            break
        if hint(name) is not None:
            width, known = n + 1, known + 1
        elif not _name_like(name):
            break
    return width if known >= 2 else None


def _spread_tables(lines: list[str], found: tuple[Rows, int]) -> Rows:
    """A table written one cell a line with a blank line after each cell, and each further such table below it
    (after its note and its heading: `注:…`, `二、文艺演出活动安排`), whose header starts a layout of its own; the
    lines between the tables go below the last one, with the text around them."""
    rows, stop = found
    between: Rows = []
    at = stop
    while at < len(lines):
        width = None if hint(lines[at]) is None or is_time(lines[at]) else _spread_header(lines, at)
        more = _spread_rows(lines, at, width) if width is not None else None
        if more is None:
            at += 1
            continue
        table_end = len(rows) - sum(1 for line in lines[stop:] if line)  # where the lines below the table begin
        between += [[line] for line in lines[stop:at] if line]
        rows = [*rows[:table_end], *more[0][sum(1 for line in lines[:at] if line) :]]
        at = stop = more[1]
    return [*rows, *between]


def _spread_rows(lines: list[str], at: int, width: int) -> tuple[Rows, int] | None:
    """The rows of a table written one cell a line with a blank line after each cell, its header of `width` names
    at `at`, and the line where its rows stop: every `width` cells below make a row for as long as each row has a
    time under the columns whose name says time (a row that has none is below the table: a note, the signature),
    except the rows under a time cell that ran over lines of hours, which are that merged cell's (see _spread_row);
    None when fewer than two rows do so (the lines below are then searched for another table)."""
    cells = [line for line in lines[at:] if line]
    header, body = cells[:width], cells[width:]
    timed = [c for c, name in enumerate(header) if _role(name) == "when"]
    if not timed:
        return None
    rows: Rows = []
    at_cell = 0
    tall = False  # the last time cell ran over lines of hours: a merged cell over the rows below it
    while at_cell < len(body):
        row, hours = _spread_row(body, at_cell, width, timed, rows[-1] if tall and rows else None)
        if row is None:
            break
        rows.append(row)
        at_cell += width - (len(timed) if hours is None else -hours)
        tall = tall if hours is None else hours > 0
    if len(rows) < 2:
        return None
    below = [[cell] for cell in body[at_cell:]]
    places = [n for n in range(at, len(lines)) if lines[n]]  # the line of each cell, header first
    stop = places[width + at_cell] if width + at_cell < len(places) else len(lines)
    return [*([line] for line in lines[:at] if line), header, *rows, *below], stop


def _spread_row(
    body: list[str], at: int, width: int, timed: list[int], above: list[str] | None
) -> tuple[list[str] | None, int | None]:
    """The row of a table written one cell a line that starts at `body[at]`, and how many lines of hours its time
    cell ran over (`1月27日至2月6日` over `上午9:00——11:30` and `下午14:30——17:00`: kept with the time, in brackets, so
    the hours go to the notes); None as the count for a row that takes its time from `above`, the row whose time cell
    ran over lines, as a cell merged over the rows below it is copied once (its own cells are no time, no note, no
    heading). (None, None) where no row starts there."""
    row = body[at : at + width]
    if len(row) == width and all(is_time(row[c]) for c in timed):
        hours = 0
        while timed == [0] and at + 1 + hours < len(body) and _HOURS.fullmatch(body[at + 1 + hours]):
            hours += 1
        if hours:
            lines = body[at + 1 : at + 1 + hours]
            row = [f"{body[at]}（{'，'.join(lines)}）", *body[at + 1 + hours : at + width + hours]]
        return (row, hours) if len(row) == width else (None, None)
    own = body[at : at + width - len(timed)]
    if above is None or len(own) < width - len(timed) or any(is_time(c) or _BELOW.match(c) for c in own):
        return None, None
    cells = iter(own)
    return [above[c] if c in timed else next(cells) for c in range(width)], None


def _aligned(cells: list[str], header: list[str]) -> Rows:
    """Cells one a line cut into rows of the header's width; a copy leaves no line for an empty cell (实际起止
    not yet filled), so when every `width` cells do not keep the times under the columns whose name says
    time, a cell that is no time is taken to belong to the next column and the time cell to be empty."""
    width = len(header)
    plain = [cells[i : i + width] for i in range(0, len(cells), width)]
    timed = [bool(_TIMED_NAME.search(compact(name).translate(SIMPLIFIED))) for name in header]
    if not any(timed):
        return plain
    by_kind: Rows = []
    at = 0
    while at < len(cells):
        row: list[str] = []
        for column in range(width):
            if at < len(cells) and timed[column] and not is_time(cells[at]) and len(row) > 0:
                row.append("")  # the row's task comes first: a time column is never where a row starts
                continue
            row.append(cells[at] if at < len(cells) else "")
            at += 1
        by_kind.append(row)

    def misplaced(rows: Rows) -> int:
        return sum(
            1
            for row in rows
            for column, cell in enumerate(row)
            if column < width and timed[column] and cell and not is_time(cell)
        )

    # only when the cells do not fill whole rows (a cell is missing) and the reading by kind fills them exactly,
    # with a time under every such column: a table of many-line cells is no table of one cell a line
    exact = len(cells) % width != 0 and len(by_kind[-1]) == width and at == len(cells) and by_kind[-1][-1] != ""
    return by_kind if exact and misplaced(by_kind) == 0 < misplaced(plain) else plain


def _groups(lines: list[str]) -> Rows:
    groups: Rows = [[]]
    for line in lines:
        if line:
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    return groups


_READERS: tuple[Callable[[str], Rows], ...] = (
    _word_copy,
    _pipe_lines,
    _pipe_cells,
    _spaced,
    _single_spaced,
    _cell_lines,
    flat_rows,  # last: a table another reader reads as well is read its way
)
