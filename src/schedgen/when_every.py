"""Recurring duties in the time language: `每月5日前`, `一月一上报`, `每双月底，于下月5日前报送`, `季报`,
`月后3日前`, `每月巡河不少于3次`. `when.parse` tries these before dated expressions.
"""

from __future__ import annotations

import re
from dataclasses import replace

from schedgen.expression import Every, Freq
from schedgen.i18n import _
from schedgen.when_reader import NUM, Reader
from schedgen.when_words import WEEKDAYS, cn_number

_UNIT = r"(?P<u>月|季度|季|半年|年|周|星期)"
# the duties a cycle noun names (周调度, 月通报, 季推进, 年考评, 双月报): a period and what is due at its end
_DUTIES = (
    "报表|报|调度|通报|推进|考评|考核|督查|督导|督办|检查|盘点|验收|总结|小结|评估|讲评|点评|研判|例会|会商|"
    "分析|汇报|报告|排名|调研"
)
_NOUN = re.compile(rf"(?:实行)?(?P<u>周|半月|双月|月|季度|季|半年|年)(?:{_DUTIES})(?:制度|机制)?")


class EveryReader(Reader):
    """The recurrence forms, on the cursor of `Reader`."""

    def every(self) -> Every | None:
        """A recurring duty, or None when the text is not one (the cursor is then unchanged)."""
        begin = self.pos
        noun = _NOUN.fullmatch(self.s, self.pos, self.stop)
        if noun:
            self.pos = self.stop
            return _cycle(noun["u"])
        after = self.take(rf"(?P<u>月|季)后(?P<d>{NUM})[日号](?:之|以)?前?")
        if after:
            every = replace(_cycle(after["u"]), lag=self.checked_monthday(after))
            return self.finish_every(every)
        m = re.compile(
            r"(?P<n>每|一|两|二|三)?个?(?P<u>半月|双月|月|季度|季|半年|年|周|星期)一(?P<verb>[\u4e00-\u9fff]{1,8})"
        ).fullmatch(self.s, self.pos, self.stop)
        if (
            m
            and not re.match(r"[日号底末初]|[上中下]旬", m["verb"])
            and (m["n"] or m["u"] in ("季度", "半年", "半月", "双月"))
        ):
            if m["n"] == "每" and m["u"] in ("周", "星期") and re.fullmatch(_DUTIES, m["verb"]):
                raise self.refuse(
                    _("{text} could be every Monday or once a week; write 每周一上午 or 每周{verb}一次").format(
                        text=m.group(), verb=m["verb"]
                    ),
                    begin,
                    self.stop,
                )
            return _cycle(m["u"], cn_number(m["n"]) if m["n"] in ("两", "二", "三") else 1)
        self.take(r"(?:在|于)")
        # 按季度, 按月报送: a task table's way to write 每季度, 每月
        if not self.take(r"每|按(?=半年|季度?|月|年)"):
            self.pos = begin
            return None
        if self.take(r"双月"):
            return self.every_detail(_cycle("双月"), "月")
        if self.take(r"单月"):  # every odd month (每单月10日前): January, March … November
            return self.every_detail(replace(_cycle("双月"), month=1), "月")
        if self.take(r"半个?月"):  # 每半月: the 15th and the month's last day, no day of its own
            return self.finish_every(_cycle("半月"))
        m = self.take(rf"(?P<n>{NUM})?个?{_UNIT}")
        if not m:
            raise self.fail(_("after 每 write a period: 每月, 每季度, 每半年, 每年 or 每周"), self.pos, self.pos + 1)
        interval = cn_number(m["n"]) if m["n"] else 1
        if interval < 1:
            raise self.fail(_("an interval must be at least 1"), m.start("n"), m.end("n"))
        unit = m["u"]
        if unit in ("周", "星期"):
            wd = self.take(r"[一二三四五六日天1-7]")
            if not wd and re.compile(r".*(?:不少于|至少)").match(self.s, self.pos, self.stop):
                raise self.refuse(_("a weekly count names no due day; name the weekday, e.g. 每周五"), begin, self.stop)
            weekday = WEEKDAYS[wd.group()] if wd else 4
            return self.finish_every(Every(Freq.WEEKLY, interval, monthday=None, weekday=weekday))
        if unit == "年":
            return self.finish_every(self.yearly_detail(interval))
        return self.every_detail(_cycle(unit, interval), unit)

    def every_detail(self, every: Every, unit: str) -> Every:
        """The due day inside each period, the months listed in brackets, a lag after the period's end."""
        detail = self.monthday_detail(first_month=unit != "月")
        if detail is not None:
            month, monthday = detail
            every = replace(every, month=month or every.month, monthday=monthday)
        listed = self.take(r"(?P<ms>(?:\d{1,2}[、,，])+\d{1,2})月(?:底|末)?")
        if listed:
            months = [int(x) for x in re.split(r"[、,，]", listed["ms"])]
            if months != list(range(every.month, 13, every.interval)):
                raise self.fail(
                    _("the months listed are not the ends of the periods named"), listed.start(), listed.end()
                )
        also = []
        while detail is not None and (more := self.take(rf"[、,，和](?P<d>{NUM})[日号]")):
            also.append(self.checked_monthday(more))
        # 结束后, and 期满后 as tax offices write it (每季度期满后15日内)
        lag = self.take(rf"[,，]?(?:于|在)?(?:下月|次月|(?:结束|期满)[之以]?后)(?P<d>{NUM})(?P<w>个工作日|[日号天])内?")
        if lag:
            every = replace(every, lag=self.checked_monthday(lag), workdays=lag["w"] == "个工作日")
        every = replace(every, also=tuple(also))
        self.take(r"(?:之|以)?前")
        return self.finish_every(every)

    def yearly_detail(self, interval: int) -> Every:
        """`每年12月`, `每年12月20日前`."""
        m = self.take(rf"的?(?P<m>{NUM})月份?")
        month = 12
        if m:
            month = cn_number(m["m"])
            if not 1 <= month <= 12:
                raise self.fail(_("month {month} does not exist").format(month=month), m.start("m"), m.end("m"))
        every = Every(Freq.YEARLY, interval, month=month, monthday=-1)
        detail = self.monthday_detail(first_month=False)
        if detail:
            every = replace(every, monthday=detail[1])
        self.take(r"(?:之|以)?前")
        return every

    def monthday_detail(self, first_month: bool) -> tuple[int | None, int] | None:
        """`5日`, `底`, `上旬` after 每月; `首月10日`, `末`, `初`, `最后一个月(的)20日` after 每季度 / 每半年.

        Returns the month of the period the day falls in (None: the period's last month) and the day.
        """
        if first_month and self.take(r"(?:首月|第一个月)的?"):
            day = self.take(rf"(?P<d>{NUM})[日号]")
            if not day:
                raise self.unknown()
            return 1, self.checked_monthday(day)
        last_month = self.take(r"(?:最后一个月|末月)的?")  # 每季度最后一个月的20日前
        if self.take(r"月?(?:末|底)"):
            return None, -1
        if self.take(r"初"):
            return (1 if first_month else None), 10
        part = self.take(r"(上旬|中旬|下旬)")
        if part:
            return None, {"上旬": 10, "中旬": 20, "下旬": -1}[part.group()]
        day = self.take(rf"(?P<d>{NUM})[日号]")
        if day:
            if first_month and not last_month:
                raise self.fail(_("say which month of the period: 每季度首月10日前"), day.start(), day.end())
            return None, self.checked_monthday(day)
        return None

    def checked_monthday(self, m: re.Match[str]) -> int:
        """The day of month matched as `d`, refused outside 1-31."""
        value = cn_number(m["d"])
        if not 1 <= value <= 31:
            raise self.fail(_("day {day} does not exist in any month").format(day=value), m.start("d"), m.end("d"))
        return value

    def finish_every(self, every: Every) -> Every:
        """The clock time and the duty's name after a recurrence (上报, 报送工作进展, 巡河不少于3次)."""
        at = self.clock()
        if at is not None:
            every = replace(every, at=at)
        self.read_end = self.pos
        rest = self.take(r"(?:[\u4e00-\u9fff，,、]|\d+次)*")
        if not self.at_end() or (rest and re.search(r"[0-9〇零一二三四五六七八九十]月|日前", rest.group())):
            raise self.unknown()
        return every


def _cycle(unit: str, interval: int = 1) -> Every:
    """Due at the end of each week (Friday), half-month, month, two months, quarter, half-year or year."""
    if unit in ("周", "星期"):
        return Every(Freq.WEEKLY, interval, monthday=None, weekday=4)
    if unit == "半月":
        return Every(Freq.MONTHLY, interval, month=1, monthday=15, also=(31,))
    if unit == "双月":  # the two-month periods of the year end in even months
        return Every(Freq.MONTHLY, 2 * interval, month=2, monthday=-1)
    if unit == "月":
        return Every(Freq.MONTHLY, interval, month=1, monthday=-1)
    if unit in ("季度", "季"):
        return Every(Freq.MONTHLY, 3 * interval, month=3, monthday=-1)
    if unit == "半年":
        return Every(Freq.MONTHLY, 6 * interval, month=6, monthday=-1)
    return Every(Freq.YEARLY, interval, month=12, monthday=-1)
