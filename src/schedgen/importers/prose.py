"""A plan written as prose -> a draft schedule for a person to review: one task per dated duty.

Numbered items with their `牵头单位：` / `配合单位：` / `责任单位：` lines are tasks of their own (a 配档表
written out), and so is an undated item written as "heading。body", with the plan's horizon and a note
saying so. Every other sentence is read with `importers.duties` (which times date a duty, which are
unread): one task per duty time, under the chapter or numbered heading it sits under; recurring reports
go outside the stages. Sentences whose time could not be read are kept for the reviewer as comments.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from schedgen import when
from schedgen.errors import LoadError, WhenError
from schedgen.expression import Every, Festival, Frame
from schedgen.i18n import chinese
from schedgen.importers.dating import (
    NEWS_DATE,
    PROGRESS,
    PUBLISHED,
    UNTIL_NOTE,
    annotate,
    date_document,
    document_title,
    last_day,
    no_year,
    placed_after,
    reported_day,
    year_note,
)
from schedgen.importers.duties import Reading, duty_roles, read_sentence, sentences
from schedgen.importers.scan import scan
from schedgen.importers.script import plain
from schedgen.importers.table import Imported, unique_id
from schedgen.model import Dates, Day, Deadline, Span
from schedgen.resolve import dated
from schedgen.when_words import GLOSS

ROLE_LINE = re.compile(r"^(牵头单位|配合单位|责任单位|责任部门|牵头部门|配合部门)[:：]\s*(.+)$")
SECTION = re.compile(r"^[(（]([一二三四五六七八九十]+)[)）]\s*(\S.{0,30}?)(?:[。．.]|$)")
ITEM = re.compile(r"^(\d{1,3})\s*[.．、]\s*(\S.*)$")
# (its name ends where its clause does: a numbered paragraph whose first clause runs on is an item, not a heading)
HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+[章部分节]+[:：]?)\s*([^。：:，,；;]{2,30})"
    r"(?=[。：:，,；;！!？?]|\s*$)"
)
# an item of a numbered list (1、 1. （1）), kept when the page numbers are taken off the line starts
_LIST_ITEM = re.compile(r"^(?:\d{1,2}[、.．]|[(（]\d{1,2}[)）])\s*")
# under a month's work heading its items may be numbered in Chinese numerals too (一、做好…)
_WORK_ITEM = re.compile(r"^(?:\d{1,2}[、.．]|[(（]\d{1,2}[)）]|[一二三四五六七八九十]{1,3}、)\s*")
_DATE_ALONE = re.compile(r"[0-9〇○零一二两三四五六七八九十年月日号\s]{4,30}")
_ITEM_TASK = re.compile(r"^[^。]{2,30}。.")
# a heading that names the month or quarter whose work the items below it list (局防办4月重点工作, 五月份工作安排)
_WORK_LIST = re.compile(r"份?的?(?:重点|主要|中心)?(?:工作|任务)(?:要点|安排|计划|重点|任务|打算)?")
_MONTH_OR_QUARTER = re.compile(
    r"(?:(?:19|20)\d\d\s*年\s*)?(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月|第?[一二三四1-4]\s*季度)"
)
_WORK_LIST_CHARS = 30
_WORK_LIST_END = re.compile(r"(?:月|季度)\S{0,4}(?:工作|任务)\S{0,2}$")  # looked for before the line is scanned
_TITLE_HEAD = 40  # the lines a title is looked for in
_STAMP_LINES = 10  # a page's record and stamps stand above the document's text
_NOTICE = re.compile(r"(?:通知|通报|函)$")
# a notice that sends a plan (关于印发《X》的通知), on one of the first lines
_COVERING = re.compile(r"印发《(.+?)》的?通知$")
_COVERING_LINES = 10
# steps in order that turn from this month or later back to that month or earlier run over New Year
_TURN_FROM, _TURN_TO = 9, 4
# a notice issued this month or later dates its early-year days without a year in the next year (see
# _next_year_deadlines); a day told as done (召开了, 已完成, 以来) is the year past's
_TURN_LATE = 11
_DONE = re.compile(r"(?<![为除])了(?!解)|已|以来")  # not 为了, 除了, 了解
# what a sentence asks to be done (请, 须, 要 but not 要求 (按照要求: as asked), 确保): not a report of work done
_TO_DO = re.compile(r"请|须|务必|应当?|将|确保|力争|计划|要(?!求)")
_RELATIVE = re.compile(r"(?:本|下|上|次|当)(?:月|周|季|旬)|[明今去]年")
# a year this many years before the document's is history (1893年, 1979年), not the document's time
_HISTORY_YEARS = 5
_YEAR_NAMED = re.compile(r"((?:1[89]|20)\d\d)\s*年")
# a line that is only a label and its time (`时间：3月1日至3月20日` under `（一）摸底排查`): it names no duty, the
# heading it sits under does
_TIME_LABEL = re.compile(
    r"^\s*(?:[(（]?[一二三四五六七八九十\d]{1,2}[)）.、．]\s*)?(?:具体|实施|完成|起止|工作)?(?:时间|时限|日期|时间安排|时间节点)"
    r"\s*[：:]\s*$"
)
# the heading of a campaign's whole period (活动时间, 评比时间, 实施时间): over dated steps inside it, their umbrella
_UMBRELLA = re.compile(r"(?:活动|评比|评选|实施|工作|开展|竞赛|比赛)(?:时间|日期|时段)")
# a notice's own time line (时间:, 活动时间：) and an event a preamble says is planned for a day (拟在4月4日举行)
_TIME_LINE = re.compile(
    r"^\s*(?:[一二三四五六七八九十\d]{1,2}[、.．]\s*)?(?:活动|比赛|会议|运动会|举办)?时间\s*[:：]\s*$"
)
_PLANNED = re.compile(r"(?:拟|定|计划)(?:在|于)?\s*$")
_HELD = re.compile(r"\s*(?:举行|举办|召开)")
# a notice's rounds or phases counted (开展两轮, 分两轮开展, 分三个阶段进行, 分两批): the times beside them are
# their umbrella
_ROUNDS = re.compile(r"(?:开展|分|进行)\s*[两二三四五2-5]\s*(?:轮|个?阶段|批)")
# the heading of a ban's period: 禁火时间, 禁渔期, 禁牧期限, 禁烧时段
_BAN = re.compile(r"^禁\S{0,3}(?:时间|期|时段)")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_NUMBERED_LINE = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．](?!\d))"
)
# a numbered step's heading sentence: （二）企业自查（5月13日—6月15日）。, 第一步：宣传发动（3月1日—3月15日）。
_STEP_LABEL = re.compile(
    r"^\s*(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]+[、.．]|\d{1,2}[、.．](?!\d)"
    r"|第[一二三四五六七八九十\d]{1,3}[步批轮])"
)
_SECTION_LINES = 30  # a phase's body is a paragraph or a few; further on is another part of the plan
_LABEL_CHARS = 8  # a phase's heading names only the phase around its time: (一)第一阶段:3-6月份
# a holiday's days given once (`4月3日至5日放假`), and the words of its duties that it dates
_HOLIDAY_AFTER = re.compile(r"\s*[,，]?\s*(?:放假|休假)")
_HOLIDAY_WORD = re.compile(r"(?:节日|假日)?放假(前|期间)")
_WATCH = re.compile(r"[^，,。；;]{0,6}(?:值班|值守|带班|安全保卫|安全防范|应急)")
# the line that opens an attached document (附件, 附件1, 附件二：): not the letter's list of attachments (附件：…须知)
_ATTACHED = re.compile(r"附\s*件\s*[\d一二三四五六七八九十]{0,2}\s*[:：]?")
RECEIVER = re.compile(r"报送(?:至|到|给)?([\u4e00-\u9fff]{2,30}(?:办公室|领导小组|局|委|中心|办))")


@dataclass(frozen=True)
class _Drafted:
    """A task drafted from a sentence, and the heading it was written under."""

    stage: str | None
    task: dict[str, object]


@dataclass
class _Item:
    """A numbered item as it is read, line by line."""

    number: str
    text: str
    stage: str | None
    roles: dict[str, str] = field(default_factory=dict)
    lines: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Mark:
    """A time in a line of the document: the task it became, or why it was not read."""

    start: int
    end: int
    task: str | None = None
    reason: str | None = None


@dataclass
class Line:
    """A line of the document as the draft read it: its sentences (and whether each gave a task) and its times."""

    text: str
    sentences: list[tuple[int, int, bool]] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    title: bool = False


@dataclass
class Draft(Imported):
    """A drafted schedule, with a comment beside the keys whose value the draft inferred (`year` and where
    it came from), and the document line by line as it was read, for the review page."""

    comments: dict[str, str] = field(default_factory=dict)
    lines: list[Line] = field(default_factory=list)

    def yaml(self, source: str, draft: bool = False) -> str:
        """The schedule file, each inferred key followed by where its value came from."""
        text = super().yaml(source, draft)
        for key, comment in self.comments.items():
            text = annotate(text, key, comment)
        return text


def extract(text: str, *, year: int | None, stem: str, name: str | None = None) -> Draft:
    """A draft schedule from the text of a plan; its year is the document's own unless `year` is given, and
    a document that names no year, drafted without one, is refused. Without a title line the title is the
    file's `name` as written (else `stem`)."""
    lines = _lines(text)
    title = document_title(lines) or name or stem
    dating = date_document(lines, title)
    if year is None and dating is None:
        raise LoadError(no_year(lines))
    chosen = year if year is not None else dating.year  # type: ignore[union-attr]
    issued = dating.issued if dating and dating.issued and dating.issued.year in (chosen - 1, chosen) else None
    reported = reported_day(lines, chosen) if issued is None else None
    if reported is not None:
        issued = reported[1]
    frame = Frame(issued, ())
    horizon = _horizon(title, text)
    items = _read_items(lines)
    document: dict[str, object] = {"id": stem, "title": title, "year": chosen}
    result = Draft(document, comments={"year": year_note(year, dating, chosen, title)})
    if issued is not None:
        document["issued"] = issued
        result.comments["issued"] = (
            f"报道开头所写会议的日期“{reported[0]}”（文件没有落款日期，请核对）：“本月”“下月”等按这一天读"
            if reported is not None
            else "文件的落款（印发）日期：“即日起”“今年”“本月”和从印发之日起的期限都按这一天读"
        )
    stages: list[dict[str, object]] = []
    ids: dict[str, int] = {}
    # an item with its own 牵头单位 / 责任单位 lines is a row of a 配档表 written out, and an undated item
    # written as "heading。body" is a task of the plan's horizon: one task each, dated or not; the dated
    # sentences of the other items are drafted one by one below
    # a notice's numbered items (重视报送工作。…) say how to do the work it asks for: they are no tasks of a horizon
    plan = not _NOTICE.search(title)
    # and a 印发 notice's own items (1.加强领导,压实责任。…), up to the plan it sends, are none either
    covering = _covering_end(lines)
    assigned = [
        entry
        for entry in items
        if entry.roles
        or (
            plan
            and _ITEM_TASK.match(entry.text)
            and not _item_times(entry.text)
            and (not entry.lines or entry.lines[0] >= covering)
        )
    ]
    item_tasks: dict[str, list[int]] = {}
    for entry in assigned:
        head = re.split(r"(?<=[。；])", entry.text, maxsplit=1)[0]
        found = _item_times(entry.text)
        task: dict[str, object] = {
            "id": unique_id(entry.text, ids),
            "when": found[0] if found else horizon,
            "task": f"{entry.number}. {head}",
        }
        task.update(entry.roles)
        task["notes"] = entry.text if found else f"原文未写时限，暂按“{horizon}”。{entry.text}"
        item_tasks[str(task["id"])] = entry.lines
        if not stages or stages[-1]["name"] != (entry.stage or "重点任务"):
            stages.append({"name": entry.stage or "重点任务", "tasks": []})
        stages[-1]["tasks"].append(task)  # type: ignore[attr-defined]
        result.rows += 1
    inside = {number for entry in assigned for number in entry.lines}
    # the title names the plan (关于做好2010年农经年报统计工作的通知), it asks for nothing by itself
    # (without a title line, `_title` falls back to the first line of text: a sentence, kept)
    titled = set()
    if len(title) <= 80 and not re.search(r"[。，,；;]", title):
        titled = _title_lines(lines, title)
        inside |= titled
    holiday = _holiday(lines, chosen, frame)
    drafted, unread, read = _timed_sentences(lines, inside, _dated_lists(text), ids, chosen, frame, holiday)
    drafted = _phase_years(_without_scopes(drafted, read, chosen, frame), read, chosen, frame)
    drafted = _without_rounds_months(drafted, read, chosen, frame)
    drafted = _without_reported(drafted, read, lines, chosen, frame, progress=bool(PROGRESS.search(title)))
    drafted = _without_contradicted(drafted, read, unread, chosen, frame)
    drafted = _without_restated(drafted, read, lines)
    for task_id, numbers in item_tasks.items():
        for number in numbers:
            read[number] = _item_line(lines[number], task_id)
    result.lines = [read.get(n) or Line(line, title=n in titled) for n, line in enumerate(lines)]
    result.rows += len(drafted)
    result.unread += unread
    loose: list[dict[str, object]] = []
    for piece in drafted:
        # beside a table written out as items, the other dated sentences are its targets and reports
        if assigned or piece.stage is None or _recurring(str(piece.task["when"])):
            loose.append(piece.task)
            continue
        if not stages or stages[-1]["name"] != piece.stage:
            stages.append({"name": piece.stage, "tasks": []})
        stages[-1]["tasks"].append(piece.task)  # type: ignore[attr-defined]
    if stages:
        document["stages"] = stages
    if loose:
        document["tasks"] = loose
    tasks = [t for s in stages for t in s["tasks"]] + loose  # type: ignore[attr-defined]
    if year is None and reported is None and issued is not None and _all_before(tasks, chosen, frame, issued):
        # signed in December, `1月20日前报送`: its days without a year are next year's, as is the draft
        later = extract(text, year=chosen + 1, stem=stem, name=name)
        later.comments["year"] = (
            f"{year_note(None, dating, chosen, title)}的下一年：文件{issued.month}月{issued.day}日印发，"
            f"所写没有年份的时限都在这一天之前，是下一年的"
        )
        return later
    if reported is None and issued is not None and issued.year == chosen:
        _next_year_deadlines(tasks, chosen, frame, issued)
        _last_year_reports(tasks, chosen, frame, issued)
    last = last_day(tasks, chosen, frame)
    if last is not None and last > date(chosen, 12, 31):
        # a 2025–2027 plan gets a window to 2027: the chart and the window findings cover every task
        result.document = placed_after(document, "issued" if issued else "year", "until", last)
        result.comments["until"] = UNTIL_NOTE
    return result


def _last_year_reports(tasks: list[dict[str, object]], year: int, frame: Frame, issued: date) -> None:
    """A notice issued early in its year (January to April) that tells of work done late in a year without naming it
    (`12月10日至12月20日…进行了检查`, `11月底前完成了`): the year past's, as nothing is done after the day it is told;
    the year is written before it. A time not told as done is left alone (a plan's `12月底前` is this year's)."""
    for task in tasks:
        when_text = str(task["when"])
        if "年" in when_text or _RELATIVE.search(when_text) or _recurring(when_text):
            continue
        first = _timing(when_text, year, frame)
        start = getattr(first, "start", None) or _last(first)
        if not isinstance(start, date) or start <= issued or issued.month > _TURN_TO or start.month < _TURN_FROM:
            continue
        said = str(task.get("task", ""))
        if _DONE.search(said) and not _TO_DO.search(said):
            task["when"] = f"{year - 1}年{when_text}"


def _next_year_deadlines(tasks: list[dict[str, object]], year: int, frame: Frame, issued: date) -> None:
    """A notice issued late in its year (September or later) asks for things by days to come: a deadline written
    without a year early in the year (January to April, `1月10日前`) is the next year's, whatever the order of its
    items (a December deadline after it), and gets that year written before it, as `明年` does; a day or a span there
    (`1月10日召开…`) too in a notice of November or December, unless its sentence tells it as done (`召开了`, `已`).
    Relative words (`本月`, `下月`) are read against the day of issue already and are left alone."""
    for task in tasks:
        when_text = str(task["when"])
        if "年" in when_text or _RELATIVE.search(when_text) or _recurring(when_text):
            continue
        timing = _timing(when_text, year, frame)
        last = _last(timing)
        if last is None or last >= issued or issued.month < _TURN_FROM or last.month > _TURN_TO:
            continue
        if not isinstance(timing, Deadline):
            said = str(task.get("task", ""))
            if issued.month < _TURN_LATE or _DONE.search(said):
                continue
        task["when"] = f"{year + 1}年{when_text}"


def _title_lines(lines: list[str], title: str) -> set[int]:
    """The lines that are the title: each line that is it, else the first run of lines that a copy broke it over
    (`XX办公室` / `关于印发…` / `…的通知`)."""
    compact = [re.sub(r"\s+", "", line) for line in lines]
    whole = {number for number, line in enumerate(compact) if line and line == title}
    if whole:
        return whole
    for first, line in enumerate(compact[:_TITLE_HEAD]):  # where `document_title` finds a title
        if not line or not title.startswith(line):
            continue
        joined, last = line, first
        while len(joined) < len(title) and last + 1 < len(compact) and compact[last + 1]:
            last += 1
            joined += compact[last]
        if joined == title:
            return set(range(first, last + 1))
    return set()


def _covering_end(lines: list[str]) -> int:
    """Where the text of a 印发 notice (`关于印发《X》的通知`) ends: at the line that repeats the title X of the plan it
    sends, else at the end of the text (the copy keeps the notice alone); 0 for a text that is no 印发 notice."""
    for number, line in enumerate(lines[:_COVERING_LINES]):
        found = _COVERING.search(re.sub(r"\s+", "", plain(line)))
        if found is None:
            continue
        title = found[1]
        # only a line about as long as the title can repeat it: the others are not translated and compared
        return next(
            (
                n
                for n in range(number + 1, len(lines))
                if len(lines[n]) <= 2 * len(title) and re.sub(r"\s+", "", plain(lines[n])) == title
            ),
            len(lines),
        )
    return 0


def _all_before(tasks: list[dict[str, object]], year: int, frame: Frame, issued: date) -> bool:
    """Whether a document issued at the end of `year` (November, December) dates every duty that names no year
    (not even `次年`) before its own day of issue: written for the next year (a yearly report due `7月20日前`). A day
    told as done (`3月12日，开展了…`, `已完成`) is the year past's, as a December report of the year's work tells it: it
    is no duty of the next year, and a document whose every such day is one is not moved."""
    undated = [
        str(t["when"])
        for t in tasks
        if "年" not in str(t["when"]) and not _recurring(str(t["when"])) and not _DONE.search(str(t.get("task", "")))
    ]
    if issued.month < 11 or issued.year != year or not undated:
        return False
    return all((day := last_day([{"when": when}], year, frame)) is not None and day < issued for when in undated)


def _read_items(lines: list[str]) -> list[_Item]:
    """The numbered items of a plan, each with its section, its lines and the role lines that follow it."""
    items: list[_Item] = []
    stage: str | None = None
    current: _Item | None = None
    for number, line in enumerate(lines):
        if not line:
            continue
        section = SECTION.match(line)
        role = ROLE_LINE.match(line)
        item = ITEM.match(line)
        if role and current is not None:
            current.roles[_role_key(role[1])] = role[2].strip()
            current.lines.append(number)
        elif section and len(line) < 40:
            stage, current = section[2].strip(), None
        elif item and not re.match(r"^\d{4}", line):
            current = _Item(item[1], item[2].strip(), stage, lines=[number])
            items.append(current)
        elif (
            current is not None
            and not current.roles
            and not re.match(r"^[一二三四五六七八九十]+、", line)
            and not current.text.endswith(("。", "；", "！", "？"))
        ):
            current.text += line  # an item's paragraph broken mid-sentence by a page
            current.lines.append(number)
        else:
            current = None
            heading = re.match(r"^[一二三四五六七八九十]+、\s*(\S{2,20})$", line)
            if heading:
                stage = heading[1]
            elif re.match(r"^[一二三四五六七八九十]+、", line):
                stage = None
    return items


def _timed_sentences(
    lines: list[str],
    skip: set[int],
    listed: dict[str, str],
    ids: dict[str, int],
    year: int,
    frame: Frame,
    holiday: tuple[date, date] | None = None,
) -> tuple[list[_Drafted], list[str], dict[int, Line]]:
    """Sentences outside the assigned items that name a deadline or a duty: one task per expression, under
    the heading it was written under, the sentences whose time could not be read, and each line as read
    (`放假前` and a watch `放假期间` dated by the `holiday` the document gives)."""
    drafted: list[_Drafted] = []
    unread: list[str] = []
    read: dict[int, Line] = {}
    seen: dict[tuple[str, str], str] = {}
    heading: str | None = None
    for number, line in enumerate(lines):
        if not line:
            continue  # a blank line opens no heading and holds no sentence: a page of them costs nothing
        # an item of a list under a dated line or heading: its first sentence with no time of its own takes that
        # line's time, and the item as a whole is the task (an item `一、做好…。` is no heading of its own)
        item = _WORK_ITEM.sub("", line, count=1).strip() if listed else line
        list_time = listed.get(item)
        heading = (None if list_time else _heading(line)) or heading
        if number in skip:
            continue
        traced = read[number] = Line(line)
        cursor = 0
        for sentence in sentences(line):
            at = max(line.find(sentence, cursor), 0)
            cursor = at + len(sentence)
            reading = read_sentence(sentence)
            if _history(sentence, year):  # its times without a year are that past's, never this year's
                kept = tuple(found for found in reading.times if _YEAR_NAMED.search(found.text))
                reading = Reading(kept, reading.unread, reading.spot)
            if reading.unread and f"{reading.unread}：{sentence}" not in unread:
                unread.append(f"{reading.unread}：{sentence}")
            if reading.unread:
                spot = reading.spot or (0, len(sentence))
                traced.marks.append(Mark(at + spot[0], at + spot[1], reason=reading.unread))
            found_times = [(found.text, at + found.start, at + found.end) for found in reading.times]
            words = sentence
            if not found_times and list_time is not None:
                found_times, words, list_time = [(list_time, at, at)], item, None  # dated by its list's line
            if holiday is not None:
                found_times = sorted([*found_times, *_holiday_times(sentence, at, holiday, year)], key=lambda t: t[1])
            gave = False
            steps: list[date] = []  # the last days of the sentence's times so far
            anchored = any(re.match(rf"\D*{year}\s*年\s*(?:9|1[012])\s*月", text) for text, _, _ in found_times)
            for time, start, end in found_times:
                if time.startswith("明") and frame.issued is None:  # the document is not dated: kept
                    why = f"时间读不懂（“{time}”的年份是相对的，请写明年份）"
                    unread.append(f"{why}：{sentence}")
                    traced.marks.append(Mark(start, end, reason=why))
                    continue
                time = _placed(time, frame)
                time = _turned(time, steps, year, frame, anchored=anchored)
                time = _coming_festival(time, year, frame)
                if (time, sentence) in seen:
                    # the same duty copied twice (a summary repeating the body): drafted once, linked twice
                    traced.marks.append(Mark(start, end, task=seen[(time, sentence)]))
                    gave = True
                    continue
                try:
                    with chinese():  # its reason goes into the draft
                        dated(time, year, frame)
                except WhenError as error:  # 2月30日, a span that ends before it starts
                    unread.append(f"时间读不懂（{time}：{error.message}）：{sentence}")
                    traced.marks.append(Mark(start, end, reason=f"时间读不懂（{error.message}）"))
                    continue
                task = _task(time, words, ids)
                if heading and _TIME_LABEL.match(sentence[: start - at]) and not sentence[end - at :].strip("。；; "):
                    task["task"] = f"{heading} {sentence}"  # the duty's words are its heading's
                seen[(time, sentence)] = str(task["id"])
                drafted.append(_Drafted(heading, task))
                traced.marks.append(Mark(start, end, task=str(task["id"])))
                gave = True
            traced.sentences.append((at, at + len(sentence), gave))
    return drafted, unread, read


def _turned(time: str, before: list[date], year: int, frame: Frame, *, anchored: bool) -> str:
    """A time of a sentence's steps, `before` the last days of the sentence's times so far (appended to): steps
    written in order that run over New Year (`12月25日前评议，12月31日前报备案，1月15日前结束慰问`) place a time
    without a year early in the year (January to April) after one late in it (September or later) in the next year,
    written before it. As a table's rows (`over_new_year`), two steps in order at least come before the turn: one step
    and then an earlier one is a sentence in no time order; and the sentence writes the year of its late steps
    (`anchored`: `2019年12月25日前`), since a document of the new year may recount last year's steps without it."""
    last = _last(_timing(time, year, frame))
    if last is None or _recurring(time):
        return time
    in_order = len(before) >= 2 and all(a <= b for a, b in itertools.pairwise(before))
    if (
        in_order
        and anchored
        and "年" not in time
        and before[-1].year == year
        and before[-1].month >= _TURN_FROM
        and last.month <= _TURN_TO
        and last < before[-1]
    ):
        time = f"{year + 1}年{time}"
        last = _last(_timing(time, year, frame)) or last
    before.append(last)
    return time


def _coming_festival(time: str, year: int, frame: Frame) -> str:
    """A holiday named without its year (`元旦、春节期间`, `春节前`) in a document issued from September on, whose days
    in the plan's year were already past on the day of issue: the coming one, in the next year (a September notice
    on winter fire prevention means the next 春节, not the last). A holiday still ahead (国庆期间) stays."""
    issued = frame.issued
    if issued is None or issued.month < _TURN_FROM or issued.year != year:
        return time
    try:
        parsed = when.parse(time)
    except WhenError:
        return time
    if not isinstance(parsed, Festival) or parsed.year is not None or parsed.relative_year:
        return time
    last = _last(_timing(time, year, frame))
    if last is None or last >= issued:
        return time
    later = f"{year + 1}年{time}"
    return later if _timing(later, year, frame) is not None else time


def _history(sentence: str, year: int) -> bool:
    """`1979年,第五届全国人民代表大会决定将…(3月12日)定为我国的植树节`: a sentence that names only years long
    before the document's (outside the titles it cites) tells history: a date in it without a year of its own is
    of that past (a date with its year stays, dated in the past for the reviewer to see, in case the year given
    to the draft is wrong)."""
    named = [int(y) for y in _YEAR_NAMED.findall(re.sub(r"《[^》]*》", "", sentence))]
    return bool(named) and max(named) <= year - _HISTORY_YEARS


def _without_scopes(drafted: list[_Drafted], read: dict[int, Line], year: int, frame: Frame) -> list[_Drafted]:
    """The drafted tasks without the times that are the scope of others or of a rule, not a duty: a phase's span
    alone on its heading line (`(一)第一阶段:3-6月份`) over a body that drafts its own dated duty inside that span
    (`…2021年6月底前完成接种`), the umbrella of that duty; and the period of a ban (`一、禁火时间` over its dates),
    which everyone obeys throughout and nobody must do by a time. Their marks on the review page go with them."""
    where = {mark.task: (number, mark) for number, line in read.items() for mark in line.marks if mark.task}
    whens = {str(piece.task["id"]): str(piece.task["when"]) for piece in drafted}
    dropped: set[str] = set()
    for piece in drafted:
        task_id = str(piece.task["id"])
        if task_id not in where:
            continue
        number, mark = where[task_id]
        if _BAN.search(piece.stage or ""):
            dropped.add(task_id)
            continue
        text = read[number].text
        # the sentence that holds the time: a heading may open a line whose body follows it (（二）企业自查（5月13日—
        # 6月15日）。各企业…6月15日前…)
        opens, closes = next(((a, b) for a, b, _ in read[number].sentences if a <= mark.start < b), (0, len(text)))
        rest = text[opens : mark.start] + text[mark.end : closes]
        if len(_CJK.findall(rest)) > _LABEL_CHARS or re.search(r"[，,；;]", rest):
            continue  # the time of a sentence or of a table's cell, not a heading's
        phase = _timing(whens[task_id], year, frame)
        if not isinstance(phase, Span) or phase.start is None:
            continue
        if _UMBRELLA.search(plain(rest + (piece.stage or ""))) and _umbrella(phase, number, read, whens, year):
            dropped.add(task_id)  # 三、活动时间 2014年2月27日-6月10日 over its dated steps: the steps are the duties
            continue
        if "阶段" not in rest and not _STEP_LABEL.match(text[opens:closes]):
            continue
        # the body on the heading's line: its deadline on the window's last day is the phase's one duty
        after = [m.task for m in read[number].marks if m.start >= closes and m.task in whens]
        body = [_last(_timing(whens[str(other)], year, frame)) for other in after]
        tasks = [other for other in _section_tasks(read, number) if other in whens]
        below = [_last(_timing(whens[other], year, frame)) for other in tasks]
        if phase.end in body or any(end is not None and phase.start <= end <= phase.end for end in below):
            dropped.add(task_id)
    return _dropped(drafted, read, dropped)


def _without_contradicted(
    drafted: list[_Drafted], read: dict[int, Line], unread: list[str], year: int, frame: Frame
) -> list[_Drafted]:
    """The drafted tasks without an event's day in a preamble (`学校拟在4月4日举行春季田径运动会`) where the
    notice's own `时间:` line names another day (`时间:2018年4月27日`): a template's day left unchanged, or a plan
    moved; kept for the reviewer with the reason (added to `unread`), not drafted as a second event."""
    where = {mark.task: (number, mark) for number, line in read.items() for mark in line.marks if mark.task}
    labelled, planned = [], []
    for piece in drafted:
        task_id = str(piece.task["id"])
        if task_id not in where:
            continue
        number, mark = where[task_id]
        text = plain(read[number].text)
        if _TIME_LINE.match(text[: mark.start]):
            labelled.append(piece)
        elif _PLANNED.search(text[: mark.start]) and _HELD.match(text, mark.end):
            planned.append(piece)
    days = {_last(_timing(str(piece.task["when"]), year, frame)) for piece in labelled}
    if len(days) != 1 or None in days:
        return drafted
    dropped = set()
    for piece in planned:
        task_id = str(piece.task["id"])
        if _last(_timing(str(piece.task["when"]), year, frame)) in days:
            continue
        number, mark = where[task_id]
        said = read[number].text[mark.start : mark.end]
        other = str(labelled[0].task["when"])
        why = f"时间读不懂（“{said}”与“时间：{other}”不一致，请核对）"
        unread.append(f"{why}：{piece.task['task']}")
        read[number].marks.append(Mark(mark.start, mark.end, reason=why))
        dropped.add(task_id)
    return _dropped(drafted, read, dropped)


def _without_rounds_months(drafted: list[_Drafted], read: dict[int, Line], year: int, frame: Frame) -> list[_Drafted]:
    """The drafted tasks without the months a notice says its rounds or phases fall in (`决定于2022年3月、5月…开展两轮…
    活动`) where at least two tasks drafted from the lines below fall in those months: the rounds' own days are the
    duties, the months their umbrella. Their marks on the review page go with them."""
    where = {mark.task: number for number, line in read.items() for mark in line.marks if mark.task}
    whens = {str(piece.task["id"]): str(piece.task["when"]) for piece in drafted}
    dropped = set()
    for piece in drafted:
        task_id = str(piece.task["id"])
        if task_id not in where or not _ROUNDS.search(plain(str(piece.task["task"]))):
            continue
        timing = _timing(whens[task_id], year, frame)
        ends = (
            timing.days if isinstance(timing, Dates) else (timing.start, timing.end) if isinstance(timing, Span) else ()
        )
        days = [day for day in ends if day is not None]
        if len(days) < len(ends) or not days:
            continue
        months = Span(min(days).replace(day=1), max(days))
        if _umbrella(months, where[task_id], read, whens, year):
            dropped.add(task_id)
    return _dropped(drafted, read, dropped)


def _phase_years(drafted: list[_Drafted], read: dict[int, Line], year: int, frame: Frame) -> list[_Drafted]:
    """The drafted tasks without the years alone that are no phase (`2023年，完成…` opens a sentence): a multi-year
    plan's goal for a year is kept, a past year is what was done, and in a plan whose tasks all fall in one year
    that year's goal is its target for the year, dated only by the title."""
    years = {day.year for piece in drafted if (day := last_day([piece.task], year, frame)) is not None}
    dropped = set()
    for piece in drafted:
        alone = re.fullmatch(r"((?:19|20)\d\d)\s*年", str(piece.task["when"]))
        if alone is not None and (int(alone[1]) < year or len(years) < 2):
            dropped.add(str(piece.task["id"]))
    return _dropped(drafted, read, dropped)


def _dropped(drafted: list[_Drafted], read: dict[int, Line], dropped: set[str]) -> list[_Drafted]:
    """The drafted tasks but the `dropped` ones, whose marks on the review page go with them."""
    for line in read.values():
        if any(m.task in dropped for m in line.marks):
            line.marks = [m for m in line.marks if m.task not in dropped]
            line.sentences = [
                (start, end, gave and any(m.task and start <= m.start < end for m in line.marks))
                for start, end, gave in line.sentences
            ]
    return [piece for piece in drafted if str(piece.task["id"]) not in dropped]


def _without_reported(
    drafted: list[_Drafted], read: dict[int, Line], lines: list[str], year: int, frame: Frame, *, progress: bool
) -> list[_Drafted]:
    """The drafted tasks without the work a news item reports: an item that names its news source and the day it
    ran (`来源：中国水利网站 2017年3月27日`) tells of work done before that day (`于3月13日至17日期间…开展…检查`),
    which nobody must still do; so does a `progress` report (its title `…进展情况`) of the months before the day a
    page published it (`发布日期 2022/08/01`: `7月份,…目标任务是…`, a target already past). Their marks on the review
    page go with them."""
    ran = None
    for line in lines:
        found = NEWS_DATE.search(GLOSS.sub("", plain(line)))  # 中國水利網(wǎng)站: the pinyin read past
        if found:
            ran = _last(_timing(re.sub(r"\s+", "", found["after"] or found["before"]), year, frame))
    if ran is None and progress:
        stamp = next((found for line in lines[:_STAMP_LINES] if (found := PUBLISHED.search(plain(line)))), None)
        ran = _last(_timing(re.sub(r"\s+", "", stamp["day"]), year, frame)) if stamp else None
    if ran is None or ran.year != year:
        return drafted
    dropped = set()
    for piece in drafted:
        last = _last(_timing(str(piece.task["when"]), year, frame))
        if last is not None and last < ran:
            dropped.add(str(piece.task["id"]))
    return _dropped(drafted, read, dropped)


def _without_restated(drafted: list[_Drafted], read: dict[int, Line], lines: list[str]) -> list[_Drafted]:
    """The drafted tasks without those of an attached document (after a line that is only `附件` or `附件1`) that
    restate a deadline of the covering letter: its 须知 or 说明 says again in its own words what the letter asked
    for by that day (`于5月31日前报送我部` / `应于5月31日前…完成年检材料的填写和报送工作`), one duty drafted once.
    Their marks on the review page point to the letter's task."""
    attached = next((n for n, line in enumerate(lines) if _ATTACHED.fullmatch(line.strip())), None)
    if attached is None:
        return drafted
    line_of = {mark.task: n for n, line in read.items() for mark in line.marks if mark.task}
    letter: dict[str, str] = {}  # the letter's deadlines as written (the 须知 writes them as the letter does)
    restated: dict[str, str] = {}
    for piece in drafted:
        task_id, when = str(piece.task["id"]), str(piece.task["when"])
        if task_id not in line_of or not when.endswith("前"):
            continue
        if line_of[task_id] < attached:
            letter.setdefault(when, task_id)
        elif when in letter:
            restated[task_id] = letter[when]
    for line in read.values():
        line.marks = [replace(m, task=restated.get(m.task, m.task)) if m.task else m for m in line.marks]
    return [piece for piece in drafted if str(piece.task["id"]) not in restated]


def _umbrella(span: Span, number: int, read: dict[int, Line], whens: dict[str, str], year: int) -> bool:
    """Whether at least two tasks drafted from the lines below line `number` (a few sections' worth) fall inside
    `span`: a campaign's whole period, whose dated steps are the duties."""
    inside = 0
    for below in range(number + 1, number + 2 * _SECTION_LINES):
        line = read.get(below)
        for mark in line.marks if line is not None else ():
            if not mark.task or mark.task not in whens:
                continue
            timing = _timing(whens[mark.task], year, Frame())
            first = getattr(timing, "start", None) or getattr(timing, "day", None) or _last(timing)
            end = _last(timing)
            if first is not None and end is not None and span.start <= first and end <= span.end:  # type: ignore[operator]
                inside += 1
    return inside >= 2


def _timing(text: str, year: int, frame: Frame) -> object:
    """What a drafted time means, or None when it cannot be dated."""
    try:
        return dated(text, year, frame)
    except WhenError:
        return None


def _last(timing: object) -> date | None:
    """The day a timing ends (a deadline, a span) or is (a day)."""
    end = getattr(timing, "end", None) or getattr(timing, "day", None)
    return end if isinstance(end, date) else None


def _section_tasks(read: dict[int, Line], number: int) -> list[str]:
    """The tasks drafted from the lines under line `number`, up to the next numbered line (its section's body)."""
    tasks: list[str] = []
    for below in range(number + 1, number + _SECTION_LINES):
        line = read.get(below)
        if line is None:
            continue  # a blank line, or one that was no sentence of its own
        if _NUMBERED_LINE.match(line.text):
            break
        tasks.extend(mark.task for mark in line.marks if mark.task)
    return tasks


def _placed(time: str, frame: Frame) -> str:
    """A time of the year after the document's (`明年1月10日前`) with that year written (the document is dated)."""
    if time.startswith("明年") and frame.issued is not None:
        return f"{frame.issued.year + 1}年{time[2:]}"
    return time


def _item_line(line: str, task_id: str) -> Line:
    """A line of a numbered item drafted as one task: every sentence gave it, every time links to it."""
    traced = Line(line)
    cursor = 0
    for sentence in sentences(line):
        at = max(line.find(sentence, cursor), 0)
        cursor = at + len(sentence)
        traced.sentences.append((at, at + len(sentence), True))
        traced.marks.extend(Mark(at + f.start, at + f.end, task=task_id) for f in read_sentence(sentence).times)
    if not traced.sentences:
        traced.sentences.append((0, len(line), True))  # a role line (牵头单位：…) belongs to its item
    return traced


def _task(when: str, sentence: str, ids: dict[str, int]) -> dict[str, object]:
    """One drafted task: the sentence as written, its time, the units it names and where it reports to."""
    task: dict[str, object] = {"id": unique_id(when + sentence, ids), "when": when, "task": sentence}
    task.update(duty_roles(sentence))
    receiver = RECEIVER.search(sentence)
    if receiver:
        task["notes"] = f"报送至{receiver[1]}"
    return task


def _item_times(text: str) -> list[str]:
    """The duty times of an item's sentences, in order."""
    return [found.text for part in sentences(text) for found in read_sentence(part).times]


def _recurring(text: str) -> bool:
    """Whether a time is a recurring duty (a report due each month, each quarter)."""
    return isinstance(when.parse(text), Every)


def _heading(line: str) -> str | None:
    """The name of a chapter or numbered section the line opens, if it opens one."""
    m = HEADING.match(line)
    return m[1].strip() if m else None


def _holiday(lines: list[str], year: int, frame: Frame) -> tuple[date, date] | None:
    """The holiday a notice gives the days of (`4月3日至5日放假,共3天`, `10月1日至7日放假调休`): its duties say
    only `放假前` and `放假期间`. None when the document gives no such days, or two different holidays."""
    found: set[tuple[date, date]] = set()
    for line in lines:
        if "放假" not in line:
            continue
        for time in scan(line):
            if not _HOLIDAY_AFTER.match(line, time.end):
                continue
            try:
                timing = dated(time.text, year, frame)
            except WhenError:
                continue
            if isinstance(timing, Span) and timing.start is not None:
                days = timing.start, timing.end
            elif isinstance(timing, Day):  # a holiday of one day: 1月1日放假
                days = timing.day, timing.day
            else:
                continue
            if frame.issued is not None and days[1] < frame.issued and "年" not in time.text:
                # a notice is issued before its holiday: New Year's Day given in a notice of late December
                days = _next_year(days[0]), _next_year(days[1])
            found.add(days)
    return found.pop() if len(found) == 1 else None


def _next_year(day: date) -> date:
    """The same day a year on (29 February, no holiday's day, as the 28th)."""
    return day.replace(year=day.year + 1, day=min(day.day, 28) if (day.month, day.day) == (2, 29) else day.day)


def _holiday_times(sentence: str, at: int, holiday: tuple[date, date], year: int) -> list[tuple[str, int, int]]:
    """The times of a sentence that a holiday dates: `放假前` is the day before it, and `放假期间` the holiday itself
    when a watch is kept through it (`放假期间值班安排`); over it to do nothing (`放假期间不到河塘游泳`) is no duty.
    A day of another year than the document's `year` (New Year's Day, the day before it) is written with its year."""

    def said(day: date) -> str:
        return f"{'' if day.year == year else f'{day.year}年'}{day.month}月{day.day}日"

    times: list[tuple[str, int, int]] = []
    first, last = holiday
    for match in _HOLIDAY_WORD.finditer(sentence):
        if match[1] == "前":
            times.append((f"{said(first - timedelta(days=1))}前", at + match.start(), at + match.end()))
        elif _WATCH.match(sentence, match.end()):
            times.append((f"{said(first)}至{said(last)}", at + match.start(), at + match.end()))
    return times


def _dated_lists(text: str) -> dict[str, str]:
    """The items of numbered lists that sit under a date alone on its line (`五月十六日` over `1、…` `2、…`), or
    under a heading that names the month or quarter whose work it lists (`局防办4月重点工作`), each with that time."""
    listed: dict[str, str] = {}
    date: str | None = None
    heading = False  # the list is under a heading of a month's work, whose items a web copy may set apart
    for line in text.splitlines():
        if not line or line.isspace():
            date = date if heading else None  # a blank line ends a date's list, as any other line that is no item does
            continue
        item = (_WORK_ITEM if heading else _LIST_ITEM).match(line.strip())
        if item and date:
            listed[line.strip()[item.end() :].strip()] = date
            continue
        found = scan(line) if _DATE_ALONE.fullmatch(line.strip()) else []
        date = found[0].text if len(found) == 1 and found[0].text == line.strip() else None
        heading = False
        if date is None:
            date = _work_list_time(line.strip())
            heading = date is not None
    return listed


def _work_list_time(line: str) -> str | None:
    """The month or quarter a short heading says it lists the work of (`局防办4月重点工作`, `五月份工作安排`,
    `XX街道2021年第三季度重点工作`), or None."""
    if len(line) > _WORK_LIST_CHARS or not _WORK_LIST_END.search(line) or re.search(r"[。，,；;：:]", line):
        return None
    found = scan(line)
    if (
        len(found) != 1
        or not _WORK_LIST.fullmatch(line[found[0].end :])
        or not _MONTH_OR_QUARTER.fullmatch(found[0].text)
    ):
        return None
    return found[0].text


def _lines(text: str) -> list[str]:
    """The plan's lines, with items and part headings that a web copy ran together put on lines of their own,
    and the page numbers (`3、`) such copies leave at line starts removed."""
    # the space before the number stays on its line: `\s*` would run on over every blank line below each
    # line start and back, quadratic in a run of blank lines
    text = re.sub(r"(?m)^[^\S\n]*\d{1,2}、\s*", "", text)
    text = re.sub(r"(第[一二三四五六七八九十]+部分[:：])", r"\n\1", text)
    # an item number after a full stop, never a date that opens a sentence (。8月20日前…)
    text = re.sub(r"(?<=[。；])\s*(\d{1,2})\s*[.．,，]?\s*(?=[\u4e00-\u9fff“])(?![年月日号时])", r"\n\1. ", text)
    lines: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            lines.append(line)
            continue
        part = re.match(r"^第[一二三四五六七八九十]+部分[:：](.+?)(\d{1,2})\s*[.．,，]?\s*(?=[\u4e00-\u9fff])", line)
        if part:  # "第一部分:标题1 .任务…" — the heading, then the first item
            lines += [f"（{part[0][1 : part[0].index('部分')]}）{part[1]}", f"{part[2]}. {line[part.end() :]}"]
            continue
        lines.append(line)
    return lines


def _horizon(title: str, text: str) -> str:
    """The time of an item that names none: the plan's own horizon."""
    if "十四五" in title:
        written = re.search(r"[“\"]十四五[”\"](?:时期|期间)", text)  # as the plan spells it
        return written.group() if written else "“十四五”时期"
    years = re.findall(r"到\s*(20\d\d)\s*年", text)
    if years and not re.search(r"20\d\d\s*年", title):
        return f"到{max(set(years), key=years.count)}年"  # the target year the plan names most
    return "年内"


def _role_key(label: str) -> str:
    return {"牵头单位": "lead", "牵头部门": "lead", "配合单位": "support", "配合部门": "support"}.get(label, "units")
