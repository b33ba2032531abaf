"""The time-expression language of 配档表: `parse(text) -> Expression`, with no year bound to it.

The text is first normalised (full-width forms, traditional characters, spaces and quotes dropped),
keeping a map back to the original characters so that every error points at what the user wrote.
Then an ordered list of forms is tried: ongoing work, recurring duties, and dated expressions
(a point, a list of points, a range, a start with a duration), each point made of a year, a
month and a day or a part of them (上旬, 月底, 上半年, 第三季度, "十四五"时期 ...).
Errors that no year can mend are raised here; `resolve.bind` dates the expression for a year and
raises the ones that depend on it (2月29日 in 2023, an end before its start).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from schedgen.errors import WhenError
from schedgen.expression import (
    Anchor,
    At,
    Between,
    By,
    ByEach,
    Every,
    Expression,
    Lasting,
    MonthPart,
    Named,
    Ongoing,
    YearPart,
)
from schedgen.holidays import NAMES as HOLIDAY_NAMES
from schedgen.i18n import _
from schedgen.when_points import PointReader, WrittenPoint
from schedgen.when_reader import EXAMPLES, NUM, Refusal
from schedgen.when_words import (
    DURATION_UNITS,
    LASTING,
    MONTH_PARTS,
    ONGOING,
    STANDING_CLAUSE,
    STANDING_VERB,
    cn_number,
    five_year_plan,
    glosses,
    normalise,
    period_part,
)

__all__ = ["EXAMPLES", "Match", "cn_number", "parse", "read", "scan"]

_DASHES = r"—–‒―~〜～\-−至到"
_NUM = NUM
_HOLIDAY = "|".join(sorted(HOLIDAY_NAMES, key=len, reverse=True))
_ENDS = (MonthPart.END, YearPart.END, YearPart.Q1_END, YearPart.Q2_END, YearPart.Q3_END, YearPart.Q4_END)
_MONTH_DAY_RANGE = re.compile(
    r"\s*[—–\-~～至到]+\s*(?:\d{4}[.．/])?(?:1[0-2]|0?[1-9])[.．/](?:3[01]|[12]\d|0?[1-9])(?![\d.．/])"
)
_MONTH_PART_ONLY = re.compile(r"(?:上旬|中旬|下旬|上半月|下半月|底|末)")
_BEFORE_WORD = re.compile(r"\s*(?:下班|上班)?(?:之|以)?前")
# characters that may begin a time inside a sentence
# (and 当月下旬, 当月25日前: the month the document is dated in, as 本月 is; not 当年, 当天: that year, that day)
_STARTS = re.compile(
    r"[0-9〇零一二两三四五六七八九十廿卅每今本次明翌上下前后第年自从由于在至到截即用印春元清五劳端中国汛禁秋夏冬两半全]|当月"
)
_LONGEST = 40  # the longest time expression `scan` tries, in characters
# characters a time expression can end on (a date, a part, a suffix, a clock, a recurrence's duty)
_ENDINGS = re.compile(
    r"[0-9〇零一二两三四五六七八九十日号月年旬底末初中前止束间内度期次报查送导评结成效午时分半整天周点)]"
)


@dataclass(frozen=True)
class Match:
    """A time expression found in a text: the characters [start, end) it was read from, and what it says."""

    start: int
    end: int
    expression: Expression
    skipped: tuple[tuple[int, int], ...] = ()
    """Glosses inside [start, end) that were read past (`(农历腊月十六)`, the `(diǎn)` of `19點(diǎn)`)."""

    def read_text(self, text: str) -> str:
        """The characters of `text` that said the time, without the glosses inside them."""
        kept, at = [], self.start
        for begin, end in self.skipped:
            kept.append(text[at:begin])
            at = end
        return "".join(kept) + text[at : self.end]


@lru_cache(maxsize=4096)
def parse(text: str) -> Expression:
    """Read one time expression as written, with no year bound to it (`resolve.bind` dates it).

    >>> parse("2月20日前")  # doctest: +ELLIPSIS
    By(point=Point(year=None, relative_year=0, month=2, day=20, part=None, ...))
    >>> span = parse("12月1日至次年1月31日")
    >>> span.start.month, span.end.relative_year, span.end.day_chars
    (12, 1, (10, 12))
    >>> parse("上半年").point.part
    <YearPart.H1: '上半年'>
    >>> parse("每季度一督查")  # doctest: +ELLIPSIS
    Every(freq=<Freq.MONTHLY: 'MONTHLY'>, interval=3, month=3, monthday=-1, weekday=None, ...)
    >>> parse("2月间")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    schedgen.errors.WhenError: cannot read `间` as a time; forms that work: ...
    """
    return read(text).expression


@lru_cache(maxsize=4096)
def read(text: str) -> Match:
    """The expression `text` holds and the characters it was read from.

    A short sentence with one time in it (`力争2025年底前实现`) is read as that time, the rest ignored;
    the match says which characters were read, so that nothing is ignored silently.
    """
    # cached: a plan repeats a handful of expressions many times, and an Expression is immutable
    _refuse_long_numbers(text)
    try:
        parser = _Parser(text)
        expression = parser.parse()
        match = _match(text, *parser.extent(), expression)
        if isinstance(expression, Every):
            _refuse_another_time(text, match.end)
        return match
    except Refusal:
        raise
    except WhenError as error:
        standing = _STANDING_AFTER.search(text)
        if standing is not None and standing.start() > 0:
            # a deadline with standing work after it (`6月底前完成，以后长期坚持`) is read, or refused, as the deadline
            try:
                return read(text[: standing.start()])
            except Refusal as refusal:  # shown under the whole cell: its characters are where they were
                raise Refusal(refusal.message, text, refusal.start, refusal.end) from None
            except WhenError:
                pass
        phased = _Parser(text).phases()
        if phased is not None:
            return phased
        found = _found(text)
        if len(found) > 1 and isinstance(found[0][0].expression, Every):  # 一月一上报、每季度一督查
            _refuse_another_time(text, found[0][0].end)
        if len(found) == 1:
            match, (begin, end) = found[0]
            # a deadline with standing work after it (`6月底前完成，以后长期坚持`): the standing words are no time
            rest = text[:begin] + STANDING_CLAUSE.sub("", text[end:])
            # `两月一报` is no 2月1日: a time in a sentence does not end on a bare numeral
            numeral_end = re.search(r"[〇零一二两三四五六七八九十]$", text[:end])
            if _embeddable(match.expression) and not numeral_end and not _TIMEISH.search(rest):
                return match
        raise error from None


def _refuse_another_time(text: str, end: int) -> None:
    """Refuse a recurrence with another time after it (`每月5日前报送，年底前总结`, `一月一上报、每季度一督查`): a task
    has one time, and the other duty's days were left unread as words."""
    rest = text[end:]
    other = next(
        (m for m, _ in _found(rest) if _embeddable(m.expression) and not isinstance(m.expression, Ongoing)), None
    )
    # a time in brackets qualifies the recurrence (（第四季度除外）, （遇节假日顺延）): `check` names what is not read
    if other is None or re.search(r"[(（][^)）]*$", rest[: other.start]):
        return
    begin = end + other.start
    first, second = text[:begin].rstrip(_BETWEEN), text[begin:].rstrip(_BETWEEN)
    raise Refusal(
        _(
            "`{first}` and `{second}` are two times, a recurring duty and another: one task has one time; "
            "write a task for each"
        ).format(first=first, second=second),
        text,
        begin,
        len(text),
    )


_BETWEEN = "、，,；;。 　"


# a standing clause that ends a cell, after a comma (see read)
_STANDING_AFTER = re.compile(rf"[,，;；](?:{STANDING_CLAUSE.pattern})$")
_HOLIDAY_LABEL = re.compile(rf"(?:{_HOLIDAY})节?(?={_NUM}月)")
_HOLIDAY_INITIALS = frozenset(name[0] for name in HOLIDAY_NAMES)
_RELATIVE = re.compile(r"今年|[本当下]月份?(?:之内|以内|内)?")  # read against the document's date
# a phase of a multi-year plan opens with its year and a comma (`2022年，…`, `到2025年：…`)
_PHASE = re.compile(
    r"(?:到|至)?(?P<year>(?P<y>\d{4}|[〇零一二三四五六七八九]{4})年)(?P<before>(?:之|以)?前)?[,，:：](?=[\u4e00-\u9fff])"
)

LONGEST_NUMBER = 18
"""Digits a number may have: no year, day or count needs more, and Python turns no string of over 4,300 digits
into a number (nor such a number into text for a message)."""
_TOO_LONG = re.compile(f"[0-9〇零一二两三四五六七八九十百廿卅]{{{LONGEST_NUMBER + 1},}}")


def _refuse_long_numbers(text: str) -> None:
    """Refuse a number longer than any date or count, at its characters."""
    plain, where = normalise(text)
    found = _TOO_LONG.search(plain)
    if found is not None:
        start, end = where[found.start()], where[found.end() - 1] + 1
        raise Refusal(
            _("a number of {count} digits is too long to be a date or a count (at most {limit})").format(
                count=end - start, limit=LONGEST_NUMBER
            ),
            text,
            start,
            end,
        )


_TIMEISH = re.compile(r"[0-9０-９年月日旬号间前后起止内底末初左右以来]")


def _match(text: str, start: int, end: int, expression: Expression) -> Match:
    """A match of [start, end) of `text`, with the glosses inside it."""
    inside = tuple((b, e) for b, e in glosses(text) if start <= b and e <= end)
    return Match(start, end, expression, inside)


def normalised(word: str) -> str:
    """A word as the grammar reads it (traditional forms and spaces made plain), to look up a period's name."""
    return normalise(word)[0]


def _embeddable(expression: Expression) -> bool:
    """Whether a time found in a sentence says enough: not a bare year or month (`力争2018年`, `2017年8月开始`)."""
    if isinstance(expression, At):
        point = expression.point
        return point.day is not None or point.part not in (None, YearPart.WHOLE)
    return not isinstance(expression, Named)


def scan(text: str) -> list[Match]:
    """Every time expression in `text`, longest first from the left, as [start, end) of `text`."""
    return [match for match, _ in _found(text)]


def _found(text: str) -> list[tuple[Match, tuple[int, int]]]:
    """What `scan` finds, each with the characters its reading took (the time and the words it skipped)."""
    reader = _Parser(text)
    s, found, i = reader.s, [], 0
    while i < len(s):
        if not _STARTS.match(s, i):
            i += 1
            continue
        ends = [j for j in range(min(len(s), i + _LONGEST), i, -1) if _ENDINGS.match(s, j - 1)]
        for j in ends:
            try:
                parser = _Parser(text, i, j, (s, reader.where))
                expression = parser.parse()
            except WhenError:
                continue
            found.append((_match(text, *parser.extent(), expression), reader.original(i, j)))
            i = j
            break
        else:
            i += 1
    return found


class _Parser(PointReader):
    def parse(self) -> Expression:
        if not self.s:
            raise self.fail(
                _("empty time expression; write when the task is due, e.g. {examples}").format(examples=EXAMPLES), 0, 1
            )
        if ONGOING.fullmatch(self.s, self.pos, self.stop):
            return Ongoing()
        if re.compile(r"季度?(?:末|底)").fullmatch(self.s, self.pos, self.stop):
            raise self.refuse(_("say which quarter: 三季度末, or 每季度末 for each one"), self.pos, self.stop)
        for form in (self.from_issue, self.festival, self.every):
            found = form()
            if found is not None:
                return found
        begin = self.pos
        try:
            return self.dated()
        except Refusal:
            raise
        except WhenError:
            # a word the grammar does not know may be a period the schedule names (汛期)
            self.pos = begin
            named = self.named()
            if named is None:
                raise
            return named

    def phases(self) -> Match | None:
        """`2022年，…；2025年，…`: the phases of a multi-year plan, each opened by a bare year and due at its end.

        None when the text is not made of such phases; one phase is a deadline, several are a list of them.
        """
        phases: list[WrittenPoint] = []
        spans: list[tuple[int, int]] = []
        at = 0
        for part in re.finditer(r"[^；;]+", self.s):
            m = _PHASE.match(self.s, part.start(), part.end())
            if not m:
                return None
            if m["before"]:
                raise self.refuse(
                    _("a bare year before 前 could mean its start or its end; write 2025年底前 or 2024年底前"),
                    m.start("y"),
                    m.end("before"),
                )
            year = cn_number(m["y"])
            if phases and year <= (phases[-1].year or 0):
                raise self.refuse(
                    _("phases must run forward: each year after the one before it"), m.start("y"), m.end("year")
                )
            phases.append(WrittenPoint(m.start("y"), m.end("year"), year=year, part=YearPart.WHOLE))
            spans.append(self.original(m.start(), m.end("year")))
            at = part.end()
        if not phases or at < len(self.s):
            return None
        points = tuple(self.complete(phase) for phase in phases)
        if len(points) == 1:
            return _match(self.text, *spans[0], By(points[0]))
        return _match(self.text, spans[0][0], len(self.text), ByEach(points))

    def dated(self) -> Expression:
        hoped = self.take(r"(?:力争|争取|确保|务必|请于|请在|须于|要在|并于|计划|预计|上报时间为|时间为)")
        self.read_begin = self.pos
        # 报名时间截止4月26日: the time of what is handed in closes on that day
        if "时间截" in self.s:
            self.take(r"(?:报名|报送|申报|提交|征集|受理|上报|投稿)?时间(?=截止|截至)")
        to_deadline = bool(self.take(r"(?:截至|截止到|截止|截|直至|到|至)"))
        # 截止本周三(9月21日)下午17:00: the weekday before the date it glosses
        if self.take(r"(?:本|下)?(?:星期|周)[一二三四五六日天](?=\d|[〇零一二两三四五六七八九十]{1,3}月)"):
            self.read_begin = self.pos
        if self.take(r"(?:于|在)") and not to_deadline:
            self.read_begin = self.pos
        # (自发文之日起至5月底, 自本通知印发之日起至…: from the day of issue, as 即日起 is)
        if self.take(r"(?:从|自)?(?:即日|(?:本通知)?(?:印发|发文|下发|发布)之日)起?"):
            self.take(r"[" + _DASHES + r"]+|起至|起到")
            until = self.point()
            self.suffix()
            self.expect_end()
            return Between(None, self.complete(until))
        opened = self.take(r"(?:自|从|由)")
        first = self.point()
        # 11月14日7:50开始: the hour an event opens on its day, not the start of a span with no end
        if not opened and first.level == "day" and first.at is not None and self.s.startswith("开始", self.pos):
            mark = self.pos
            self.take(r"开始")
            if self.at_end():
                return At(self.complete(first))
            self.pos = mark
        # 开始 after a day, or after any time opened by 从 (从8月下旬开始), says where a span starts
        if self.take(r"起") or ((first.level == "day" or opened) and self.s.startswith("开始", self.pos)):
            self.take(r"开始[,，]?")
            self.take(LASTING)
            every = self.started_every(first)
            if every is not None:
                return every
            if self.at_end():
                raise self.refuse(
                    _("a start alone gives no due day; add its end, e.g. 从4月1日起至6月30日"), first.begin, first.end
                )
            if not self.s.startswith(tuple("至到"), self.pos) and not re.compile(_NUM + "[月日号年]").match(
                self.s, self.pos, self.stop
            ):
                return self.duration(first)
            self.take(r"[" + _DASHES + r"]+")
            return self.range(first)
        if self.take(LASTING + r"?(?:[" + _DASHES + r"]+|/(?=\d{4}))"):
            return self.range(first)
        items = [first]
        phases = [self.phase()]
        while self.take(r"[、，,和及]"):
            items.append(self.point(context=items[-1]))
            phases.append(self.phase())
        suffixed = any(p is not None for p in phases)
        deadline = suffixed or to_deadline
        self.expect_end()
        months = self.month_pair(items) if not (deadline or any(phases)) else None
        if months is not None:  # 4、5月份, 七、八月份: two months after each other sharing one 月, one span
            return months
        if len(items) > 1:
            points = [self.complete(first)]
            for item in items[1:]:
                points.append(self.complete(item, context=points[-1]))
            words = tuple(p or "" for p in phases) if any(phases) else ()
            return ByEach(tuple(points), words)
        self.check_deadline(first, suffixed)
        point = self.complete(first)
        if hoped and not deadline and not _embeddable(At(point)):
            raise self.refuse(
                _("{phrase} a whole year or month names no day; write e.g. 2018年底前").format(phrase=hoped.group()),
                0,
                self.stop,
            )
        return By(point) if deadline or point.part in _ENDS else At(point)

    def month_pair(self, items: list[WrittenPoint]) -> Between | None:
        """`4、5月`: a bare number before a month that follows it, the span of both months; None for anything else."""
        if len(items) != 2 or items[0].bare is None or items[1].level != "month" or items[1].part is not None:
            return None
        written = [self.s[item.begin : item.end] for item in items]
        if written[0].isdigit() != written[1][:1].isdigit():
            return None  # 一、2月20日: a list's number before a date, not a month
        first = self.adopt_unit(items[0], items[1])
        if first.month is None or items[1].month != first.month + 1:
            return None
        start = self.complete(first)
        return Between(start, self.complete(items[1], context=start))

    def started_every(self, first: WrittenPoint) -> Every | None:
        """`从3月底起，每月13日前`: a recurrence from a start on, due from that day (月底 as a start is its 下旬, as a
        range's start is); None, with the cursor where it was, when no recurrence follows the start."""
        mark = self.pos
        self.take(r"[,，]")
        self.take(r"(?:务必|务|须|请|要)(?=[于在])")  # 从4月起，务必于每月10日前: the words of a duty, read past
        every = self.every()
        if every is None:
            self.pos = mark
            return None
        if first.part is MonthPart.END:
            first = replace(first, part=MonthPart.LATE)
        return replace(every, since=self.complete(first))

    def check_deadline(self, point: WrittenPoint, suffixed: bool) -> None:
        """Refuse a 前 that could mean two days: `2018年前`, `2021年8月前`, `4月初之前`."""
        if point.loose and suffixed:
            raise self.refuse(_("月初 names no day as a deadline; write 4月10日前 or 3月底前"), point.begin, point.end)
        bare_year = point.part is YearPart.WHOLE and self.s[point.end - 1] == "年"
        # 3月份完成, 2018年完成: done within that month or year, so by its end; only 前 is two-sided
        before = _BEFORE_WORD.match(self.s, point.end)
        if suffixed and before and point.day is None and (point.part is None or bare_year) and point.years is None:
            if point.month is None:
                message = _("a bare 年 before 前 could mean its start or its end; write 2025年底前 or 2024年底前")
            else:
                message = _("a bare 月 before 前 could mean its start or its end; write 8月底前 or 7月底前")
            raise self.refuse(
                message,
                point.begin,
                self.stop,
            )

    def range(self, first: WrittenPoint) -> Expression:
        if first.at is not None:
            hours = self.hours(first)
            if hours is not None:
                return hours
        if first.anchor == "month":
            raise self.refuse(
                _("a span from 当月 or 本月 is each month's window (当月25日至月底), not one; write the dates"),
                first.begin,
                self.stop,
            )
        second = self.point(context=first)
        if first.bare is not None:
            first = self.adopt_unit(first, second)
        if first.at is not None and second.at is not None:
            # 0时起至24时止, 2月4日12时起至2月8日24时: a span of days whose hours say when each day's work starts and
            # ends; a span keeps one clock time at most, so it is the days it covers
            first, second = replace(first, at=None), replace(second, at=None)
        if first.fiscal or second.fiscal:
            raise self.refuse(
                _("a 年度 over two years does not say its months; write them, e.g. 2025年10月至2026年9月"),
                first.begin,
                self.pos,
            )
        if first.part is MonthPart.END:  # 月底 as a start: the 下旬 it ends
            first = replace(first, part=MonthPart.LATE)
        self.suffix()
        self.take(r"结束|期间|期内")  # 3月1日至4月30日期间: the span itself
        self.expect_end()
        start = self.complete(first)
        return Between(start, self.complete(second, context=start))

    def hours(self, first: WrittenPoint) -> Expression | None:
        """`晚20点至22点`, `9:00——11:30`: an hour range inside the day just read is that day, at its first hour
        (22点 is an hour, not the 22nd); None, with the cursor where it was, when what follows is no hour."""
        mark = self.pos
        begin = self.pos
        until = self.clock()
        if until is None or not re.compile(r"(?:结束|止)?$").match(self.s, self.pos, self.stop):
            self.pos = mark
            return None
        if first.at is not None and until < first.at and until.hour < 12:
            until = until.replace(hour=until.hour + 12)  # 下午5点至9点: the afternoon goes on to 21:00
        if first.at is not None and until < first.at:
            raise self.refuse(
                _("the hours end ({end}) before they start ({start}); write the days of a span").format(
                    end=f"{until:%H:%M}", start=f"{first.at:%H:%M}"
                ),
                begin,
                self.pos,
            )
        self.take(r"(?:结束|止)")
        return At(self.complete(first))

    def duration(self, first: WrittenPoint) -> Lasting:
        m = self.take(
            rf"[,，]?(?:[\u4e00-\u9fff]{{0,8}}?(?:为期|集中用|用))?(?P<n>{_NUM})(?P<u>个工作日|天|日|个月|月|周|年)的?(?:时间)?内?"
        )
        if not m:
            raise self.unknown()
        if m["u"] == "个工作日":
            raise self.fail(_("a duration in working days is not supported; give the end date"), m.start("u"), m.end())
        self.expect_end()
        n = cn_number(m["n"])
        if not 1 <= n <= 3660:
            raise self.fail(_("a duration must be between 1 and 3660"), m.start("n"), m.end("n"))
        return Lasting(self.complete(first), n, DURATION_UNITS[m["u"]])

    def phase(self) -> str | None:
        """After a deadline: its suffix and, in a phased cell (`6月底前完成，12月底前见效`), the words of its
        phase (`完成`); None when no suffix says it is a deadline."""
        if not self.take(r"(?:(?:下班|上班)?(?:之|以)?前|为?止|截止)") and not self.s.startswith(
            ("完成", "结束"), self.pos
        ):
            return None
        before = self.pos
        words = self.take(r"[\u4e00-\u9fff]{1,8}?(?=[、，,]|$)")
        self.read_end = before if words and self.at_end() else None
        return words.group() if words else ""

    def suffix(self) -> bool:
        """`前`, `之前`, `以前`, `下班前`, `止`, `完成`: the text names a deadline."""
        m = self.take(r"(?:(?:下班|上班)?(?:之|以)?前|为?止|截止)?(?:完成|结束)?")
        return bool(m and m.group())

    # ----- points ------------------------------------------------------------------------------

    def point(self, context: WrittenPoint | None = None) -> WrittenPoint:
        begin = self.pos
        iso = self.take(r"(?P<y>\d{4})(?P<s>[-./年])(?P<m>\d{1,2})(?:(?P<t>[-./月])(?P<d>\d{1,2})(?![\d]))?(?![\d])")
        # a day after 年 needs 月 before it: `2018年7-8月` is two months, not 8 July
        if iso and (iso["d"] if iso["s"] == "年" and iso["t"] == "月" else iso["s"] != "年" and iso["t"] != "月"):
            day = int(iso["d"]) if iso["d"] else None
            point = WrittenPoint(
                begin,
                self.pos,
                year=int(iso["y"]),
                month=int(iso["m"]),
                day=day,
                day_span=(iso.start("d"), iso.end("d")) if iso["d"] else None,
            )
            self.take(r"[日号]")
            return self.timed(self.day_part(point) if day is None else point)
        self.pos = begin
        # 3.15-4.30, 2016.3.1-3.31, 6.30前: a table's month.day, read only as an end of a range or before 前 (never
        # 3.5 alone: a number)
        md = self.take(r"(?P<m>1[0-2]|0?[1-9])(?P<sep>[.．/])(?P<d>3[01]|[12]\d|0?[1-9])(?![\d.．/])")
        ends = md and (_MONTH_DAY_RANGE.match(self.s, self.pos) or _BEFORE_WORD.match(self.s, self.pos))
        if md and (context is not None or ends):
            day_span = (md.start("d"), md.end("d"))
            return self.timed(WrittenPoint(begin, self.pos, month=int(md["m"]), day=int(md["d"]), day_span=day_span))
        self.pos = begin
        fyp = self.take(
            r"(?P<n>十[一二三四五六七八九]?|[三四五六七八九])五(?P<p>时期|期间|规划期|期末|末|初期|初|中期)?(?![日号月年天])"
        )
        if fyp:
            first = five_year_plan(cn_number(fyp["n"]))
            part = {"期末": "end", "末": "end", "初期": "start", "初": "start"}.get(fyp["p"] or "")
            years = (first, first + 4)
            if part == "end":
                return WrittenPoint(begin, self.pos, year=first + 4, month=12, day=31)
            if part == "start":
                return WrittenPoint(begin, self.pos, year=first, part=YearPart.WHOLE)
            return WrittenPoint(begin, self.pos, years=years)
        year: int | None = None
        relative: int | None = None
        y = self.take(r"(?P<y>\d{4}|[〇零一二三四五六七八九]{4})年(?P<fiscal>度)?")
        if y:
            year = cn_number(y["y"])
        elif self.take(r"(?:当年|本年度?|年度)"):  # 本年度内: this year's span
            relative = 0
        elif self.take(r"(?:次年|翌年|下一年)"):
            relative = 1
        elif word := self.take(r"明年"):
            raise self.refuse(
                _("明年 depends on when the text was written; write the year, e.g. 2025年底前"),
                word.start(),
                word.end(),
            )
        # a holiday named before its own dates (2019年国庆节10月1日至7日): the dates say when
        if self.s[self.pos : self.pos + 1] in _HOLIDAY_INITIALS:
            self.take(_HOLIDAY_LABEL)
        point = WrittenPoint(begin, self.pos, year=year, relative_year=relative, fiscal=bool(y and y["fiscal"]))
        if (
            year is None
            and relative is None
            and self.s[self.pos : self.pos + 1] in ("今", "本", "当", "下")
            and (word := self.take(_RELATIVE))
        ):
            if word.group() == "今年":
                point = replace(point, end=self.pos, relative_year=0, anchor="year")
            else:  # 本月 / 当月: the month of the document's date; 本月内 is the whole month; 下月: the next
                anchor: Anchor = "next_month" if word.group().startswith("下") else "month"
                return self.timed(self.day_part(replace(point, end=self.pos, anchor=anchor)))
        period = self.take(
            r"(?P<half>[上下前后]半年)|前(?P<qs>[两二三])季度|第?(?P<q>[一二三四1-4])季度(?P<qe>末|底|初)?"
            r"|(?P<y>年内|全年|整年|年底|年末|年初|年中|内|底|末|初)"
        )
        if period:
            year_part = period_part(period)
            if year_part is YearPart.WHOLE:
                # 全年度, 全年各月, 全年开展, 全年实施: the year, and the work a table says goes on through it
                self.take(rf"(?<=全年)(?:度|各月)?(?:{STANDING_VERB})*")
            if year_part in (YearPart.START, YearPart.MIDDLE):
                raise self.refuse(
                    _("{part} names no day; write a month, e.g. 1月底前 or 6月底前").format(part=year_part.value),
                    period.start(),
                    period.end(),
                )
            return self.timed(replace(point, end=self.pos, part=year_part))
        m = self.take(rf"(?P<m>{_NUM})月份?")
        if m:
            month = cn_number(m["m"])
            if not 1 <= month <= 12:
                raise self.fail(
                    _("month {month} does not exist; months run 1 to 12").format(month=month), m.start("m"), m.end("m")
                )
            point = replace(point, month=month, end=self.pos)
            return self.timed(self.day_part(point))
        if year is not None or point.relative_year is not None:
            n = self.take(rf"{_NUM}(?=[{_DASHES}])")
            if n:  # 2017年2—4月: the number takes its unit from the end of the range
                return replace(point, bare=cn_number(n.group()), bare_span=(n.start(), n.end()), end=self.pos)
            return replace(point, part=YearPart.WHOLE, end=self.pos)
        if (
            context is not None
            and context.month is not None
            and context.day is None
            and _MONTH_PART_ONLY.match(self.s, self.pos)
        ):
            return self.timed(self.day_part(replace(point, month=context.month)))  # 3月中旬—下旬: that month's
        d = self.take(rf"(?P<d>{_NUM})[日号]")
        if d:
            if context is None:
                raise self.fail(_("a day needs its month, e.g. 3月5日"), d.start(), d.end())
            return self.timed(replace(point, day=cn_number(d["d"]), day_span=(d.start("d"), d.end("d")), end=self.pos))
        n = self.take(_NUM)
        if n:
            return replace(point, bare=cn_number(n.group()), bare_span=(n.start(), n.end()), end=self.pos)
        raise self.unknown()

    def day_part(self, point: WrittenPoint) -> WrittenPoint:
        m = self.take(
            r"(?P<d>"
            + _NUM
            + r")[日号]?(?![月季年])|(?P<p>上、中旬|中、下旬|上中旬|中下旬|上旬|中旬|下旬|上半月|下半月|底|末|初|中)"
        )
        if not m:
            return point
        if m["p"]:
            part = MONTH_PARTS[m["p"].replace("、", "")]
            return replace(point, part=part, end=self.pos, loose=m["p"] == "初")
        return replace(point, day=cn_number(m["d"]), day_span=(m.start("d"), m.end("d")), end=self.pos)

    def timed(self, point: WrittenPoint) -> WrittenPoint:
        """The point with the clock time written after it."""
        at = self.clock()
        return replace(point, at=at, end=self.pos) if at is not None else replace(point, end=max(point.end, self.pos))
