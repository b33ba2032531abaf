"""The reading machinery under `when`: normalised text with a map back to what the user wrote, a cursor,
errors that point at the original characters, and the clock times shared by dates and recurrences.
"""

from __future__ import annotations

import re
from datetime import time

from schedgen.errors import WhenError
from schedgen.i18n import _
from schedgen.when_words import cn_number, normalise

EXAMPLES = "`3月5日前`, `3月1日至4月30日`, `5月10日、9月10日前`, `上半年`, `每月5日前`, `到2025年`, `长期坚持`"
NUM = r"(?:\d+|[〇零一二两三四五六七八九十廿卅]+)"


class Refusal(WhenError):
    """A form read and refused on purpose (vague, open-ended): no shorter reading inside it is tried."""


class Reader:
    """A cursor over the normalised text, between `pos` and `stop`."""

    def __init__(
        self, text: str, begin: int = 0, stop: int | None = None, plain: tuple[str, list[int]] | None = None
    ) -> None:
        self.text = text
        # `plain`: the text already normalised, so that scanning a long text normalises it once
        self.s, self.where = plain or normalise(text)
        self.pos = begin
        self.stop = len(self.s) if stop is None else stop
        # the characters that said the time, without the words around it (力争 ... 实现)
        self.read_begin = begin
        self.read_end: int | None = None

    def original(self, begin: int, end: int) -> tuple[int, int]:
        """The characters of the original text that [begin, end) of the normalised text came from."""
        if not self.where:
            return 0, len(self.text)
        if begin >= len(self.where):
            return len(self.text) - 1, len(self.text)
        o_begin = self.where[begin]
        o_end = self.where[min(end, len(self.where)) - 1] + 1
        return o_begin, max(o_end, o_begin + 1)

    def extent(self) -> tuple[int, int]:
        """The characters of the original text that were read as the time."""
        return self.original(self.read_begin, self.stop if self.read_end is None else self.read_end)

    def fail(self, message: str, begin: int | None = None, end: int | None = None) -> WhenError:
        """An error about [begin, end) of the normalised text (default: the character at the cursor)."""
        begin = self.pos if begin is None else begin
        end = begin + 1 if end is None else end
        return WhenError(message, self.text, *self.original(begin, end))

    def refuse(self, message: str, begin: int, end: int) -> Refusal:
        """A refusal of a form the grammar knows and will not guess at."""
        return Refusal(message, self.text, *self.original(begin, end))

    def unknown(self) -> WhenError:
        """The rest of the text is not a time."""
        rest = self.s[self.pos : self.stop]
        return self.fail(
            _("cannot read `{rest}` as a time; forms that work: {examples}").format(rest=rest, examples=EXAMPLES),
            self.pos,
            self.stop,
        )

    def take(self, pattern: str | re.Pattern[str]) -> re.Match[str] | None:
        """Match `pattern` at the cursor and move past it."""
        m = re.compile(pattern).match(self.s, self.pos, self.stop)
        if m:
            self.pos = m.end()
        return m

    def at_end(self) -> bool:
        """Whether all the text has been read."""
        return self.pos >= self.stop

    def expect_end(self) -> None:
        """Refuse what is left after a complete expression."""
        if not self.at_end():
            raise self.unknown()

    def clock(self) -> time | None:
        """`10时`, `下午3点半`, `09:45`, `17:38:29` (seconds dropped), `零时`; `24:00` is 23:59 of that day.

        A 上午 / 下午 with no hour is read and names no time; so is a weekday after a date (`(星期五)`, or a
        template's blank `(周__)`).
        """
        # 5月8日(本周三): a gloss on the day; 周__: a template's blank, for its user to fill
        self.take(r"(?:本|下)?(?:星期|周)(?:[一二三四五六日天]|[_＿]{1,4})")
        m = self.take(
            rf"T?(?P<ap>上午|下午|中午|晚上|晚|早上|早晨|凌晨)?(?P<h>{NUM})(?:[时点:](?P<mi>\d{{2}}|{NUM}分|半|整)?)(?::\d{{2}})?分?(?:(?<=\d)点)?"
        )
        if not m:
            self.take(r"(?:上午|下午|中午|晚上|早上|早晨|凌晨)")
            return None
        hour = cn_number(m["h"])
        minute_text = (m["mi"] or "").rstrip("分")
        minute = 30 if minute_text == "半" else cn_number(minute_text) if minute_text not in ("", "整") else 0
        if m["ap"] in ("下午", "晚上", "晚") and hour < 12:
            hour += 12
        elif m["ap"] in ("晚上", "晚") and hour == 12:
            hour = 24  # 晚12点, 晚上12:00: midnight, the end of the day (24:00 below), not its noon
        if not (0 <= hour <= 24 and 0 <= minute < 60):
            raise self.fail(
                _("{hour}:{minute:02d} is not a time of day").format(hour=hour, minute=minute), m.start(), m.end()
            )
        # 24:00 is the end of the day it follows; a time cannot say 24, so it is kept as 23:59 that day
        return time(min(hour, 23), minute if hour < 24 else 59)
