"""Time expressions that name no date themselves: durations from the plan's `issued` day (`三年内`),
statutory holidays (`春节前`, `元旦、春节期间`) and the periods a schedule defines (`汛期前`).
`resolve` dates them from the schedule's frame and the holiday calendar.
"""

from __future__ import annotations

import re

from schedgen.expression import DurationUnit, Festival, FromIssue, Named
from schedgen.holidays import NAMES as HOLIDAY_NAMES
from schedgen.i18n import _
from schedgen.when_every import EveryReader
from schedgen.when_words import DURATION_UNITS, cn_number

_HOLIDAY = "|".join(sorted(HOLIDAY_NAMES, key=len, reverse=True))


class NamedReader(EveryReader):
    """The forms named by a word, on the cursor of `Reader`."""

    def from_issue(self) -> FromIssue | None:
        """`三年内`, `一个月内`, `用3年时间`, `印发之日起30日内`: counted from the plan's `issued` day."""
        m = re.compile(
            r"(?P<from>(?:自|从)?(?:印发|发布|下发|实施)之日起)?(?:利用|集中用|用)?"
            r"(?P<n>\d{1,3}|[一二两三四五六七八九十百]+|半(?=年))(?P<u>个工作日|天|日|个月|周|年)的?(?P<end>时间|内|以内|之内)?"
        ).fullmatch(self.s, self.pos, self.stop)
        if not m or not (m["end"] or m["from"]) or (m["u"] == "日" and not m["from"]):
            return None
        if m["u"] == "个工作日":
            raise self.fail(
                _("a duration in working days is not supported; give the end date"), m.start("u"), m.end("u")
            )
        if m["n"] == "半":  # 半年内: six months
            self.pos = self.stop
            return FromIssue(6, DurationUnit.MONTH, self.original(m.start(), m.end()))
        count = cn_number(m["n"])
        if not 1 <= count <= 3660:
            raise self.fail(_("a duration must be between 1 and 3660"), m.start("n"), m.end("n"))
        self.pos = self.stop
        return FromIssue(count, DURATION_UNITS[m["u"]], self.original(m.start(), m.end()))

    def festival(self) -> Festival | None:
        """`春节前`, `国庆期间`, `2012年元旦、春节期间`, `今年春节前` (the plan's year): the statutory holidays of the
        year."""
        begin = self.pos
        m = re.compile(
            rf"(?:(?P<y>\d{{4}})年|今年|本年)?(?P<names>(?:{_HOLIDAY})(?:[、和及与]?(?:{_HOLIDAY}))*)"
            r"(?P<off>假期|长假|放假|假)?(?P<rel>(?:之|以)?前|期间|节前|节期间|内)?"
        ).fullmatch(self.s, self.pos, self.stop)
        # 国庆假期 is its days off, like 国庆期间; a bare 国庆 or 国庆放假 says no more than the day
        if not m or not (m["rel"] or m["off"] in ("假期", "长假")):
            return None
        self.pos = self.stop
        names = tuple(HOLIDAY_NAMES[n] for n in re.findall(_HOLIDAY, m["names"]))
        year = int(m["y"]) if m["y"] else None
        before = bool(m["rel"] and m["rel"].endswith("前"))
        return Festival(names, before, year, chars=self.original(begin, self.stop))

    def named(self) -> Named | None:
        """`汛期`, `汛期前`, `春耕期间`, `禁渔期内`: a period the schedule defines under `periods:`."""
        m = re.compile(
            r"(?P<name>[\u4e00-\u9fff]{1,10}?期|[\u4e00-\u9fff]{2,10}?)(?P<rel>(?:之|以)?前|期间|内|以内|期内)?"
        ).fullmatch(self.s, self.pos, self.stop)
        whole = self.pos == 0 and self.stop == len(self.s)  # a word inside a sentence is not taken for a name
        if (
            not whole
            or not m
            or (not m["rel"] and not m["name"].endswith("期"))
            or re.search(r"[年月日旬季周每]|时期", m["name"])
        ):
            return None
        self.pos = self.stop
        return Named(m["name"], bool(m["rel"] and m["rel"].endswith("前")), self.original(m.start(), m.end()))
