"""Finding the time expressions in running text with the `when` grammar, longest match first.

A cheap pattern finds the cores of times (`5月`, `20日`, `每季度`, `年底`); each core is widened over the
characters a time expression is made of into a run, and the grammar is asked for the longest part of
the run it reads, leftmost first. A run is short (at most `_RUN` characters), so a text is scanned in
time linear in its length. When `when.scan` exists, `scan` is the one function to switch over to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from schedgen import when
from schedgen.errors import WhenError

_RUN = 48
# the characters a time expression is made of, prefixes (于, 在, 从) included
_RUN_CHARS = frozenset(
    "0123456789０１２３４５６７８９〇○零一二两三四五六七八九十廿卅年月日号前底末初旬上中下半季度第至到和及、,，—–~～-/.．:：时分"
    "起止次翌每周双个全内于在从自截即 \u3000"
)
_CORE = re.compile(
    r"(?:\d{1,4}|[〇○零一二两三四五六七八九十廿卅]{1,4})\s*(?:年|月|日|号)"
    r"|\d{4}[-/.]\d{1,2}"
    r"|每(?:[个一两双半]?[月年周季])|[一两半]月一|半年一|一季一|一年一|季度一|[季年月]报"
    r"|[上下]半年|年[底末内]|全年|[一二三四]?季度|十[一二三四五六七八九]五"
)
# table or list numbering running into a date: `1.7月17日` is item 1 on 7月17日, never 1.7
_NUMBERING = re.compile(r"^\d{1,2}[.．、]\s*(?=\d)")
# the grammar's recurring idioms (一月一上报, 半年一总结) end in a verb past the time characters
# the characters a time ends on (日, 前, 底, 季度, a clock's digits, the verb of 一月一上报)
_ENDS = frozenset("0123456789０１２３４５６７８９日号前底末旬年月周度季时時分内內间間止初天后期报查结结題题")
_TRIES = 8
_NO_START = frozenset(" \u3000,，、-—–~～/.．:：")
_PREFIX = re.compile(r"(?:于|在|截至|截止)\s*")
_IDIOM_OPEN = re.compile(r"一[上下]?$")
_IDIOM_TAIL = re.compile(r"[\u4e00-\u9fff]{1,2}")


@dataclass(frozen=True)
class Found:
    """A time expression found in a text: where it is and what it says."""

    start: int
    end: int
    text: str


def scan(text: str) -> list[Found]:
    """The longest readable time expressions in `text`, in order, none overlapping."""
    found: list[Found] = []
    at = 0
    for core in _CORE.finditer(text):
        if core.start() < at:
            continue
        left = core.start()
        while left > max(at, core.start() - 8) and text[left - 1] in _RUN_CHARS:
            left -= 1
        right = core.end()
        while right < min(len(text), left + _RUN) and text[right] in _RUN_CHARS:
            right += 1
        tail = _IDIOM_TAIL.match(text, right) if _IDIOM_OPEN.search(text, left, right) else None
        run_end = tail.end() if tail else right
        numbering = _NUMBERING.match(text[left:run_end])
        if numbering:
            left += numbering.end()
        hit = _longest(text[left:run_end], core.start() - left)
        if hit is not None:
            first, last = hit
            prefix = _PREFIX.match(text, left + first, left + last)
            if prefix and readable(text[prefix.end() : left + last]):
                first = prefix.end() - left  # the time as a 配档表 cell writes it: 5月10日前, not 于5月10日前
            if text[left + last - 1] in "上下" and readable(text[left + first : left + last - 1]):
                last -= 1  # 每半年上报: the 上 starts the verb
            found.append(Found(left + first, left + last, text[left + first : left + last].strip()))
            at = left + last
        else:
            at = core.end()  # the next core starts a run of its own: no character is tried from many cores
    return found


def _longest(run: str, core: int) -> tuple[int, int] | None:
    """The leftmost, then longest, slice of `run` that the grammar reads and that covers the core's start.

    It starts at most 8 characters before the core, and ends after a character a time can end on, longest
    first and at most `_TRIES` ends each: a run of digits and 月日 that reads as nothing costs a bounded
    number of questions to the grammar, whatever its length.
    """
    ends = [last for last in range(len(run), core + 1, -1) if run[last - 1] in _ENDS][:_TRIES]
    for first in range(core + 1):
        if run[first] in _NO_START:
            continue
        for last in ends:
            if last > first and readable(run[first:last]):
                return first, last
    return None


@lru_cache(maxsize=65_536)
def readable(text: str) -> bool:
    """Whether the grammar reads `text` as one time expression."""
    try:
        when.parse(text)
    except WhenError:
        return False
    return True
