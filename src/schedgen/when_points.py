"""Points of the time language as written (a year, a month, a day, a part of one) and how a point takes
what it leaves out from its neighbour: `3—5月`, `2024.3—5`, `5月10日、20日`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import time

from schedgen.expression import Anchor, MonthPart, Point, YearPart
from schedgen.i18n import _
from schedgen.model import FIRST_YEAR, LAST_YEAR
from schedgen.when_named import NamedReader


@dataclass(frozen=True)
class WrittenPoint:
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
    loose: bool = False  # 月初: an end of a range only, never a deadline of its own
    fiscal: bool = False  # 年度 after a year: refused at the end of a range of years
    anchor: Anchor | None = None  # 今年, 本月, 当月: read against the day the document was issued

    @property
    def level(self) -> str:
        """The smallest part the point names: day, month or year."""
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"


class PointReader(NamedReader):
    """Completing points from their neighbours, on the cursor of `Reader`."""

    def adopt_unit(self, bare: WrittenPoint, other: WrittenPoint) -> WrittenPoint:
        """`3—5月`, `2018—2022年`: a bare number takes the unit of the point after it."""
        assert bare.bare is not None
        if other.bare is not None and FIRST_YEAR <= bare.bare <= LAST_YEAR:  # (2016-2025)
            return replace(bare, year=bare.bare, part=YearPart.WHOLE, bare=None)
        if other.level == "day":
            if other.month is None and other.anchor is None:
                # `10—15日`, a copy's `2023315—61日`: days with no month anywhere, not the whole year
                raise self.fail(_("a day needs its month, e.g. 3月5日"), *(bare.bare_span or (bare.begin, bare.end)))
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
            year = bare.year if bare.year is not None else other.year
            return replace(bare, year=year, relative_year=other.relative_year, month=bare.bare, bare=None)
        if other.year is not None and other.part is YearPart.WHOLE:
            return replace(bare, year=bare.bare, part=YearPart.WHOLE, bare=None)
        raise self.fail(_("a bare number needs a unit (年, 月 or 日)"), *(bare.bare_span or (bare.begin, bare.end)))

    def complete(self, point: WrittenPoint, context: Point | None = None) -> Point:
        """The point with what it leaves out taken from `context` (the point before it), still year-free."""
        chars = self.original(point.begin, point.end)
        if point.years is not None:
            return Point(years=point.years, chars=chars)
        if point.bare is not None:
            if context is None:
                raise self.fail(
                    _("a bare number needs a unit (年, 月 or 日)"),
                    *(point.bare_span or (point.begin, point.end)),
                )
            point = self.inherit_level(point, context)
        month = point.month
        if month is None and point.day is not None and context is not None:
            month = context.month
        if month is not None and not 1 <= month <= 12:
            raise self.fail(
                _("month {month} does not exist; months run 1 to 12").format(month=month), point.begin, point.end
            )
        year, relative = point.year, point.relative_year or 0
        if year is not None:
            if not FIRST_YEAR <= year <= LAST_YEAR:
                raise self.fail(
                    _("year {year} is out of range ({first_year}-{last_year})").format(
                        year=year, first_year=FIRST_YEAR, last_year=LAST_YEAR
                    ),
                    point.begin,
                    point.end,
                )
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
            anchor=point.anchor,
        )

    def inherit_level(self, point: WrittenPoint, context: Point) -> WrittenPoint:
        """`2024.3—5`: a bare end takes the unit of the start."""
        if context.day is not None:
            return replace(point, day=point.bare, day_span=point.bare_span, bare=None, month=context.month)
        if context.month is not None:
            return replace(point, month=point.bare, bare=None)
        return replace(point, year=point.bare, part=YearPart.WHOLE, bare=None)
