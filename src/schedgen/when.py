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
from datetime import time
from functools import lru_cache

from schedgen.errors import WhenError
from schedgen.model import (
    At,
    Between,
    By,
    ByEach,
    Every,
    Expression,
    Freq,
    Lasting,
    MonthPart,
    Ongoing,
    Point,
    YearPart,
)
from schedgen.when_words import (
    DURATION_UNITS,
    MONTH_PARTS,
    ONGOING,
    WEEKDAYS,
    cn_number,
    five_year_plan,
    normalise,
    period_part,
)

EXAMPLES = "`3月5日前`, `3月1日至4月30日`, `5月10日、9月10日前`, `上半年`, `每月5日前`, `到2025年`, `长期坚持`"

_DASHES = r"—–‒―~〜～\-−至到"
_NUM = r"(?:\d+|[〇零一二两三四五六七八九十廿卅]+)"
_FIRST_YEAR, _LAST_YEAR = 1949, 2199


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
    >>> parse("每季度一督查")
    Every(freq=<Freq.MONTHLY: 'MONTHLY'>, interval=3, month=3, monthday=-1, weekday=None)
    >>> parse("2月间")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    schedgen.errors.WhenError: cannot read `间` as a time; forms that work: ...
    """
    # cached: a plan repeats a handful of expressions many times, and an Expression is immutable
    return _Parser(text).parse()


@dataclass(frozen=True)
class _Point:
    """A point or a period as written: the parts it names, and where in the normalised text."""

    begin: int
    end: int
    year: int | None = None
    relative_year: int | None = None  # 次年 = +1 on the year in context
    month: int | None = None
    day: int | None = None
    part: MonthPart | YearPart | None = None
    years: tuple[int, int] | None = None  # a five-year plan
    bare: int | None = None  # a number with no unit yet (`3` in `3—5月`)
    bare_span: tuple[int, int] | None = None
    day_span: tuple[int, int] | None = None
    at: time | None = None

    @property
    def level(self) -> str:
        """The smallest part the point names: day, month or year."""
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.s, self.where = normalise(text)
        self.pos = 0

    # ----- errors and positions -------------------------------------------------------------

    def original(self, begin: int, end: int) -> tuple[int, int]:
        """The characters of the original text that [begin, end) of the normalised text came from."""
        if not self.where:
            return 0, len(self.text)
        if begin >= len(self.where):
            return len(self.text), len(self.text) + 1
        o_begin = self.where[begin]
        o_end = self.where[min(end, len(self.where)) - 1] + 1
        return o_begin, max(o_end, o_begin + 1)

    def fail(self, message: str, begin: int | None = None, end: int | None = None) -> WhenError:
        begin = self.pos if begin is None else begin
        end = begin + 1 if end is None else end
        return WhenError(message, self.text, *self.original(begin, end))

    def unknown(self) -> WhenError:
        rest = self.s[self.pos :]
        return self.fail(f"cannot read `{rest}` as a time; forms that work: {EXAMPLES}", self.pos, len(self.s))

    def take(self, pattern: str) -> re.Match[str] | None:
        m = re.compile(pattern).match(self.s, self.pos)
        if m:
            self.pos = m.end()
        return m

    # ----- the forms ---------------------------------------------------------------------------

    def parse(self) -> Expression:
        if not self.s:
            raise self.fail("empty time expression; write when the task is due, e.g. " + EXAMPLES, 0, 1)
        if ONGOING.fullmatch(self.s):
            return Ongoing()
        every = self.every()
        if every is not None:
            return every
        return self.dated()

    def every(self) -> Every | None:
        m = re.compile(r"(?:每|一)?个?(?P<u>月|季度|季|半年|年|周|星期)一(?P<verb>[\u4e00-\u9fff]{1,8})").fullmatch(
            self.s
        )
        if m and not re.match(r"[日号底末初]|[上中下]旬", m["verb"]) and self.s[0] in "每一半":
            unit = m["u"]
            if unit in ("周", "星期"):
                return Every(Freq.WEEKLY, 1, monthday=None, weekday=0)
            return _cycle(unit)
        if not self.take(r"每"):
            return None
        m = self.take(rf"(?P<n>{_NUM})?个?(?P<u>月|季度|季|半年|年|周|星期)")
        if not m:
            raise self.fail("after 每 write a period: 每月, 每季度, 每半年, 每年 or 每周", 1, 2)
        interval = cn_number(m["n"]) if m["n"] else 1
        if interval < 1:
            raise self.fail("an interval must be at least 1", m.start("n"), m.end("n"))
        unit = m["u"]
        if unit in ("周", "星期"):
            wd = self.take(r"[一二三四五六日天1-7]")
            weekday = WEEKDAYS[wd.group()] if wd else 4
            every = Every(Freq.WEEKLY, interval, monthday=None, weekday=weekday)
        elif unit == "年":
            every = self.yearly_detail(interval)
        else:
            every = _cycle(unit, interval)
            detail = self.monthday_detail(first_month=unit != "月")
            if detail is not None:
                month, monthday = detail
                every = replace(every, month=month or every.month, monthday=monthday)
        self.take(r"(?:之|以)?前")
        return self.finish_every(every)

    def yearly_detail(self, interval: int) -> Every:
        m = self.take(rf"(?P<m>{_NUM})月份?")
        month = 12
        if m:
            month = cn_number(m["m"])
            if not 1 <= month <= 12:
                raise self.fail(f"month {month} does not exist", m.start("m"), m.end("m"))
        every = Every(Freq.YEARLY, interval, month=month, monthday=-1)
        detail = self.monthday_detail(first_month=False)
        if detail:
            every = replace(every, monthday=detail[1])
        return every

    def monthday_detail(self, first_month: bool) -> tuple[int | None, int] | None:
        """`5日`, `底`, `上旬` after 每月; `首月10日`, `末`, `初` after 每季度 / 每半年.

        Returns the month of the period the day falls in (None: the period's last month) and the day.
        """
        if first_month and self.take(r"(?:首月|第一个月)"):
            day = self.take(rf"(?P<d>{_NUM})[日号]")
            if not day:
                raise self.unknown()
            return 1, self.checked_monthday(day)
        if self.take(r"(?:末|底)"):
            return None, -1
        if self.take(r"初"):
            return (1 if first_month else None), 10
        part = self.take(r"(上旬|中旬|下旬)")
        if part:
            return None, {"上旬": 10, "中旬": 20, "下旬": -1}[part.group()]
        day = self.take(rf"(?P<d>{_NUM})[日号]")
        if day:
            if first_month:
                raise self.fail("say which month of the period: 每季度首月10日前", day.start(), day.end())
            return None, self.checked_monthday(day)
        return None

    def checked_monthday(self, m: re.Match[str]) -> int:
        value = cn_number(m["d"])
        if not 1 <= value <= 31:
            raise self.fail(f"day {value} does not exist in any month", m.start("d"), m.end("d"))
        return value

    def finish_every(self, every: Every) -> Every:
        # what follows a recurrence is the duty's name (上报, 报送工作进展), not more time
        rest = self.take(r"[\u4e00-\u9fff，,、]*")
        if self.pos != len(self.s) or (rest and re.search(r"[0-9〇零一二三四五六七八九十]月|日前", rest.group())):
            raise self.unknown()
        return every

    def dated(self) -> Expression:
        to_deadline = bool(self.take(r"(?:截至|截止到|截止|直至|到|于|在|至)"))
        if self.take(r"(?:即日起|即日|从即日起|自即日起|自即日)"):
            self.take(r"[" + _DASHES + r"]+|起至|起到")
            until = self.point()
            self.suffix()
            self.expect_end()
            return Between(None, self.complete(until))
        self.take(r"(?:自|从|由)")
        first = self.point()
        if self.take(r"起") or (first.level == "day" and self.s.startswith(("开始",), self.pos)):
            self.take(r"开始")
            if self.pos < len(self.s) and not self.s.startswith(tuple("至到"), self.pos):
                return self.duration(first)
            self.take(r"[" + _DASHES + r"]+")
            return self.range(first)
        if self.take(r"(?:[" + _DASHES + r"]+|/(?=\d{4}))"):
            return self.range(first)
        items = [first]
        while self.take(r"[、，,和及]"):
            items.append(self.point(context=items[-1]))
        deadline = self.suffix() or to_deadline
        self.expect_end()
        if len(items) > 1:
            points = [self.complete(first)]
            for item in items[1:]:
                points.append(self.complete(item, context=points[-1]))
            return ByEach(tuple(points))
        point = self.complete(first)
        return By(point) if deadline else At(point)

    def range(self, first: _Point) -> Between:
        second = self.point(context=first)
        if first.bare is not None:
            first = self.adopt_unit(first, second)
        self.suffix()
        self.expect_end()
        start = self.complete(first)
        return Between(start, self.complete(second, context=start))

    def duration(self, first: _Point) -> Lasting:
        m = self.take(rf"(?P<n>{_NUM})(?P<u>个工作日|天|日|个月|月|周|年)内?")
        if not m:
            raise self.unknown()
        if m["u"] == "个工作日":
            raise self.fail("a duration in working days is not supported; give the end date", m.start("u"), m.end())
        self.expect_end()
        n = cn_number(m["n"])
        if not 1 <= n <= 3660:
            raise self.fail("a duration must be between 1 and 3660", m.start("n"), m.end("n"))
        return Lasting(self.complete(first), n, DURATION_UNITS[m["u"]])

    def suffix(self) -> bool:
        """`前`, `之前`, `以前`, `止`, `完成`: the text names a deadline."""
        m = self.take(r"(?:(?:之|以)?前|为?止|截止)?(?:完成|结束)?")
        return bool(m and m.group())

    def expect_end(self) -> None:
        if self.pos != len(self.s):
            raise self.unknown()

    # ----- points ------------------------------------------------------------------------------

    def point(self, context: _Point | None = None) -> _Point:
        begin = self.pos
        iso = self.take(r"(?P<y>\d{4})[-./年](?P<m>\d{1,2})(?:[-./月](?P<d>\d{1,2})(?![\d]))?(?![\d])")
        if iso and (iso["d"] or "年" not in iso.group()):
            day = int(iso["d"]) if iso["d"] else None
            point = _Point(
                begin,
                self.pos,
                year=int(iso["y"]),
                month=int(iso["m"]),
                day=day,
                day_span=(iso.start("d"), iso.end("d")) if iso["d"] else None,
            )
            self.take(r"[日号]")
            return self.clock(self.day_part(point) if day is None else point)
        self.pos = begin
        fyp = self.take(
            r"(?P<n>十[一二三四五六七八九]?|[三四五六七八九])五(?P<p>时期|期间|规划期|期末|末|初期|初|中期)?(?![日号月年天])"
        )
        if fyp:
            first = five_year_plan(cn_number(fyp["n"]))
            part = {"期末": "end", "末": "end", "初期": "start", "初": "start"}.get(fyp["p"] or "")
            years = (first, first + 4)
            if part == "end":
                return _Point(begin, self.pos, year=first + 4, month=12, day=31)
            if part == "start":
                return _Point(begin, self.pos, year=first, part=YearPart.WHOLE)
            return _Point(begin, self.pos, years=years)
        year: int | None = None
        relative: int | None = None
        y = self.take(r"(?P<y>\d{4}|[〇零一二三四五六七八九]{4})年(?:度)?")
        if y:
            year = cn_number(y["y"])
        elif self.take(r"(?:今年|当年|本年|年度)"):
            relative = 0
        elif self.take(r"(?:次年|明年|翌年|下一年)"):
            relative = 1
        point = _Point(begin, self.pos, year=year, relative_year=relative)
        period = self.take(
            r"(?P<half>[上下前后]半年)|第?(?P<q>[一二三四1-4])季度(?P<qe>末|底|初)?|(?P<y>年内|全年|年底|年末|年初|年中|内|底|末|初)"
        )
        if period:
            return self.clock(replace(point, end=self.pos, part=period_part(period)))
        m = self.take(rf"(?P<m>{_NUM})月份?")
        if m:
            month = cn_number(m["m"])
            if not 1 <= month <= 12:
                raise self.fail(f"month {month} does not exist; months run 1 to 12", m.start("m"), m.end("m"))
            point = replace(point, month=month, end=self.pos)
            return self.clock(self.day_part(point))
        if year is not None or relative is not None:
            return replace(point, part=YearPart.WHOLE, end=self.pos)
        d = self.take(rf"(?P<d>{_NUM})[日号]")
        if d:
            if context is None:
                raise self.fail("a day needs its month, e.g. 3月5日", d.start(), d.end())
            return self.clock(replace(point, day=cn_number(d["d"]), day_span=(d.start("d"), d.end("d")), end=self.pos))
        n = self.take(_NUM)
        if n:
            return replace(point, bare=cn_number(n.group()), bare_span=(n.start(), n.end()), end=self.pos)
        raise self.unknown()

    def day_part(self, point: _Point) -> _Point:
        m = self.take(
            r"(?P<d>" + _NUM + r")[日号]?(?![月季年])|(?P<p>上中旬|中下旬|上旬|中旬|下旬|上半月|下半月|底|末|初|中)"
        )
        if not m:
            return point
        if m["p"]:
            return replace(point, part=MONTH_PARTS[m["p"]], end=self.pos)
        return replace(point, day=cn_number(m["d"]), day_span=(m.start("d"), m.end("d")), end=self.pos)

    def clock(self, point: _Point) -> _Point:
        m = self.take(rf"(?P<ap>上午|下午|中午|晚上|晚)?(?P<h>{_NUM})(?:[时点:](?P<mi>\d{{2}}|{_NUM}分|半|整)?)(?:分)?")
        if not m:
            return point
        hour = cn_number(m["h"])
        minute_text = (m["mi"] or "").rstrip("分")
        minute = 30 if minute_text == "半" else cn_number(minute_text) if minute_text not in ("", "整") else 0
        if m["ap"] in ("下午", "晚上", "晚") and hour < 12:
            hour += 12
        if not (0 <= hour <= 24 and 0 <= minute < 60):
            raise self.fail(f"{hour}:{minute:02d} is not a time of day", m.start(), m.end())
        return replace(point, at=time(min(hour, 23), minute if hour < 24 else 59), end=self.pos)

    def adopt_unit(self, bare: _Point, other: _Point) -> _Point:
        """`3—5月`, `2018—2022年`: a bare number takes the unit of the point after it."""
        assert bare.bare is not None
        if other.level == "day":
            return replace(
                bare,
                year=other.year,
                relative_year=other.relative_year,
                month=other.month,
                day=bare.bare,
                day_span=bare.bare_span,
                bare=None,
            )
        if other.level == "month":
            return replace(bare, year=other.year, relative_year=other.relative_year, month=bare.bare, bare=None)
        if other.year is not None and other.part is YearPart.WHOLE:
            return replace(bare, year=bare.bare, part=YearPart.WHOLE, bare=None)
        raise self.fail("a bare number needs a unit (年, 月 or 日)", *(bare.bare_span or (bare.begin, bare.end)))

    def complete(self, point: _Point, context: Point | None = None) -> Point:
        """The point with what it leaves out taken from `context` (the point before it), still year-free."""
        chars = self.original(point.begin, point.end)
        if point.years is not None:
            return Point(years=point.years, chars=chars)
        if point.bare is not None:
            if context is None:
                raise self.fail(
                    "a bare number needs a unit (年, 月 or 日)",
                    *(point.bare_span or (point.begin, point.end)),
                )
            point = self.inherit_level(point, context)
        month = point.month
        if month is None and point.day is not None and context is not None:
            month = context.month
        if month is not None and not 1 <= month <= 12:
            raise self.fail(f"month {month} does not exist; months run 1 to 12", point.begin, point.end)
        year, relative = point.year, point.relative_year or 0
        if year is not None:
            if not _FIRST_YEAR <= year <= _LAST_YEAR:
                raise self.fail(f"year {year} is out of range ({_FIRST_YEAR}-{_LAST_YEAR})", point.begin, point.end)
        elif context is not None and context.years is None:
            # a point with no year of its own is in the year of the point before it, plus its 次年
            if context.year is not None:
                year, relative = context.year + relative, 0
            else:
                relative += context.relative_year
        return Point(
            year=year,
            relative_year=relative,
            month=month,
            day=point.day,
            part=point.part,
            at=point.at,
            chars=chars,
            day_chars=self.original(*point.day_span) if point.day_span else None,
        )

    def inherit_level(self, point: _Point, context: Point) -> _Point:
        """`2024.3—5`: a bare end takes the unit of the start."""
        if context.day is not None:
            return replace(point, day=point.bare, day_span=point.bare_span, bare=None, month=context.month)
        if context.month is not None:
            return replace(point, month=point.bare, bare=None)
        return replace(point, year=point.bare, part=YearPart.WHOLE, bare=None)


def _cycle(unit: str, interval: int = 1) -> Every:
    """Due at the end of each month, quarter, half-year or year."""
    if unit == "月":
        return Every(Freq.MONTHLY, interval, month=1, monthday=-1)
    if unit in ("季度", "季"):
        return Every(Freq.MONTHLY, 3 * interval, month=3, monthday=-1)
    if unit == "半年":
        return Every(Freq.MONTHLY, 6 * interval, month=6, monthday=-1)
    return Every(Freq.YEARLY, interval, month=12, monthday=-1)
