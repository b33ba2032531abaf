"""Finding the time expressions in running text with the `when` grammar, longest match first.

`when.scan` reads a text exactly (positions in the original, prefixes such as 于 left out) but tries
every start and every end, about 0.04 ms per character: too slow for a whole document, or even for every
sentence of a 10 MB one. So a cheap pattern finds the cores of times (`5月`, `20日`, `每季度`, `年底`,
`春节`), each core is widened over the characters a time expression is made of into a short run (at most
`_RUN` characters), and `when.scan` reads the run: a text is scanned in time linear in its length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from schedgen import when
from schedgen.errors import WhenError
from schedgen.holidays import NAMES as HOLIDAYS
from schedgen.when_words import GLOSS, LASTING

_RUN = 48
# the characters a time expression is made of: numbers, dates, prefixes (于, 从, 自), the words that close a
# range or a period (开始, 结束, 期间, 时间), holidays and a duration's start (印发之日起, 用3年时间)
_RUN_CHARS = frozenset(
    "0123456789０１２３４５６７８９〇○零一二两三四五六七八九十廿卅年月日号前底末初旬上中下半季度第至到和及、,，—–~～-/.．:：时分"
    "起止次翌每周双单單个全内于在从自截即 \u3000开始结束期间元旦春节清明劳动端午秋国庆印发之用"
    "今本当"  # 今年6月底前, 本月25日前, 当月下旬: read against the document's date
    "后满"  # 每季度结束后10日内, 年度终了后25天内, 每月期满后15日内: a time counted from the end of a period
    "午晚早晨凌点點時"  # the hour after a day: 4月26日下午5点前, 17:00前, 12時
    "假"  # a holiday's days off: 国庆假前, 国庆假期前
    "文"  # 自发文之日起至5月底: from the day of issue
)
_CORE = re.compile(
    r"(?:\d{1,4}|[〇○零一二两三四五六七八九十廿卅]{1,4})\s*(?:年|月|日|号)"
    r"|\d{4}[-/.]\d{1,2}"
    r"|每(?:[个一两双单單半]?[月年周季])|[一两半]月一|半年一|一季一|一年一|季度一|[季年月]报"
    r"|[上下]半年|年[底末内]|全年|[一二三四]?季度|十[一二三四五六七八九]五|[本当下]月|"
    + "|".join(sorted(HOLIDAYS, key=len, reverse=True))
)
# the month of each period a recurring duty names (每季度最后一个月的20日前, 每季度首月10日前): words past the time
# characters, in the run
_PERIOD_MONTH = re.compile(r"的?(?:最后一个月|末月|首月|第一个月)的?")
# 从8月20日持续至10月10日: lasting until the end that follows, in the run
_LASTING = re.compile(LASTING)
_PREFIX = re.compile(r"(?:于|在|截至|截止)\s*")
_LIST_NUMBER = re.compile(r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})、\s*")
_SPELL = re.compile(r"为期\s*[\d一二两三四五六七八九十百半]+\s*个?\s*(?:天|日|周|星期|月|年)")
_RANGE_FEN = re.compile(r"份(?=\s*[至到—–~～-])")
# the grammar's recurring idioms (一月一上报, 半年一总结) end in a verb past the time characters
_IDIOM_OPEN = re.compile(r"一[上下]?$")
_IDIOM_TAIL = re.compile(r"[\u4e00-\u9fff]{1,2}")
# a pinyin gloss a page writes after a character (区(qū), 6月30日(rì)前, 19點(diǎn)): a reading aid, no part of
# the time; lower-case Latin letters with or without tone marks, never an abbreviation (GDP) or a number
_SYLLABLE = r"[a-zü\u00e0-\u00fc\u0101-\u01dc]{1,8}"
_GLOSS = re.compile(rf"\s*[(（]{_SYLLABLE}(?:\s{_SYLLABLE}){{0,5}}[)）]")
# a lunar date a page glosses beside a solar one (1月26日(农历腊月十六)前, (星期三,農(nóng)歷正月初六)): it says nothing
# the solar date does not, and its months (二月初二) are no months of the solar calendar
_LUNAR_GLOSS = re.compile(rf"\s*(?:{GLOSS.pattern})")  # (and the pinyin one the grammar reads past)
# the weekday of a span's first day (5月15日（星期一）至19日（星期五）): the grammar reads a weekday after a day, not
# one between a span's ends; the day says it
_START_WEEKDAY = re.compile(r"(?<=[日号])\s*[(（](?:星期|周|礼拜)[一二三四五六日天][)）](?=\s*(?:至|到|[—–~～-]))")


@dataclass(frozen=True)
class Found:
    """A time expression found in a text: where it is and what it says."""

    start: int
    end: int
    text: str


def scan(text: str) -> list[Found]:
    """The longest readable time expressions in `text`, in order, none overlapping; a time with a pinyin
    gloss inside (`6月30日(rì)前`) is read without it, and its place is the place it has in `text`."""
    if "(" not in text and "（" not in text:
        return _scan(text)
    # and a lunar date beside a solar one (`2月2日(正月初六)下午14:30`, `(农历腊月十六)`), which the grammar reads
    # past, with any space a page puts before it
    glosses = (*_GLOSS.finditer(text), *_LUNAR_GLOSS.finditer(text), *_START_WEEKDAY.finditer(text))
    spans = sorted({m.span() for m in glosses})
    if not spans:
        return _scan(text)
    kept: list[int] = []  # the position in `text` of each character of the text without its glosses
    at = 0
    for start, end in spans:
        kept.extend(range(at, max(start, at)))
        at = max(end, at)
    kept.extend(range(at, len(text)))
    bare = "".join(text[i] for i in kept)
    return [Found(kept[f.start], kept[f.end - 1] + 1, f.text) for f in _scan(bare) if f.end > f.start]


def _scan(text: str) -> list[Found]:
    found: list[Found] = []
    at = 0
    for core in _CORE.finditer(text):
        if core.start() < at:
            continue
        left = core.start()
        while left > max(at, core.start() - 8) and text[left - 1] in _RUN_CHARS:
            left -= 1
        right = core.end()
        while right < min(len(text), left + _RUN):
            month = _PERIOD_MONTH.match(text, right) if text[right] in "最末首第的" else None
            lasting = _LASTING.match(text, right) if text[right] in "持一" else None
            if month is not None and month.end() > right:
                right = month.end()
            elif lasting is not None:
                right = lasting.end()
            elif text[right] in _RUN_CHARS:
                right += 1
            elif text[right] == "为" and (spell := _SPELL.match(text, right)):
                right = spell.end()  # 自7月1日开始，为期一个月: a start and how long the work lasts
            elif text[right] == "份" and _RANGE_FEN.match(text, right):
                right += 1  # 4月份至5月份: the 份 of a range's first month
            else:
                break
        tail = _IDIOM_TAIL.match(text, right) if _IDIOM_OPEN.search(text, left, right) else None
        run_end = tail.end() if tail else right
        # the first time that reaches the core: one before it is a piece the run cut off at its left
        hit = next((span for span in _times(text[left:run_end]) if left + span[1] > core.start()), None)
        if hit is None:
            at = core.end()  # the next core starts a run of its own: no character is tried from many cores
            continue
        first, last = left + hit[0], left + hit[1]
        opens = not text[text.rfind("\n", 0, first) + 1 : first].strip()  # nothing before it on its line
        number = _LIST_NUMBER.match(text, first, last) if opens else None
        if number and readable(text[number.end() : last]):
            first = number.end()  # 3、4月份开展…, 十五、二季度完成…: the list's number opening the line, not a time
        prefix = _PREFIX.match(text, first, last)
        if prefix and readable(text[prefix.end() : last]):
            # the time as a 配档表 cell writes it (每月5日前, not 于每月5日前); 截至 stays in the sentence,
            # where it says the day is an as-of date
            first = prefix.end()
        found.append(Found(first, last, text[first:last]))
        at = last
    return found


@lru_cache(maxsize=65_536)
def _times(run: str) -> tuple[tuple[int, int], ...]:
    """Where `when.scan` finds times in a run: a plan repeats its runs (每月5日前), so each is read once."""
    return tuple((match.start, match.end) for match in when.scan(run))


@lru_cache(maxsize=65_536)
def readable(text: str) -> bool:
    """Whether the grammar reads `text` as one time expression."""
    try:
        when.parse(text)
    except WhenError:
        return False
    return True
