"""The words of the time language: text as offices type it made plain, numerals, and the words for parts
of a month or a year, a duration's unit and ongoing work. The grammar that puts them together is `when`.
"""

from __future__ import annotations

import re
import unicodedata

from schedgen.expression import DurationUnit, MonthPart, YearPart

# Traditional forms that occur in time expressions, mapped to the simplified ones the grammar reads.
_TRADITIONAL = str.maketrans(
    "個週號內後開時點兩長堅續進態際間屆餘當於嚴實旬歲計劃畫終結與並從採發報備彙匯總調導○國慶節勞動農曆歷陰單雙",
    "个周号内后开时点两长坚续进态际间届余当于严实旬岁计划画终结与并从采发报备汇汇总调导〇国庆节劳动农历历阴单双",
)
_DROPPED = set(" \t\r\n\u3000\"'“”‘’「」『』《》〈〉()（）【】[]")
# A gloss a page writes inside a time: the lunar date beside a solar one (`(农历腊月十六)`), and the pinyin a
# traditional-script mirror puts after a character (`19點(diǎn)`). It says nothing the date does not.
_PINYIN = r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ]{1,6}[)）]"
# A lunar date written without 农历 is a gloss too: `(正月初六)`, `(腊月廿三)`, `(冬月十二)`.
_LUNAR_DATE = (
    r"(?:正|冬|腊|臘|十[一二]|[二三四五六七八九十])月"
    r"(?:初[一二三四五六七八九十]|十[一二三四五六七八九]?|二十|廿[一二三四五六七八九]|三十)"
)
GLOSS = re.compile(
    # the weekday may come first: `(星期三,農(nóng)歷正月初六)`, `(星期四,除夕)`
    rf"[(（](?:[星週周]期?[一二三四五六日天][,，、]?)?(?:农历|阴历|夏历|除夕|[農陰](?:{_PINYIN})?[曆歷])"
    rf"(?:[^()（）]|{_PINYIN}){{0,16}}[)）]"
    rf"|[(（](?:[星週周]期?[一二三四五六日天][,，、]?)?{_LUNAR_DATE}[)）]"
    rf"|(?<=[\u4e00-\u9fff]){_PINYIN}"
)
# 从8月20日持续至10月10日, 3月1日起持续到4月30日: lasting until the end that follows (the grammar's and the scanner's)
LASTING = r"(?:(?:持续|一直)(?=[至到]))"
_CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
WEEKDAYS = {
    "一": 0,
    "二": 1,
    "三": 2,
    "四": 3,
    "五": 4,
    "六": 5,
    "日": 6,
    "天": 6,
    "1": 0,
    "2": 1,
    "3": 2,
    "4": 3,
    "5": 4,
    "6": 5,
    "7": 6,
}
# standing work: from a year or a month on or all year (2023年起长期坚持, 2024年起，持续推进, 2024年3月-长期,
# 全年持续推进), with the verb a table writes after it (长期执行, 持续进行, 逐步推进, 持续深化), in progress
# (持续推进中), a standing kind of work (常态化工作, 长期有效, 常抓不懈) and glossed (持续推进（长期）). A 整改清单 or a
# 工作台账 writes the same vocabulary freely: two standing words at once (常态长效, 长期/持续), a quality (长期性,
# 持续性), a kind of task (长期任务, 常规工作), what is done along the way (并定期报告), a correction made at once and
# kept (立行立改，长期坚持), and the words for the whole course of the work (贯穿始终, 全过程, 整个活动期间). Only
# these closed words: a standing word before a task (持续推进环境整治) is no time.
_STANDING = (
    r"长期|持续|常态化?|长效|常年|全程|全过程|贯穿(?:全年|始终)|经常性|动态调整|逐步|逐年|常抓不懈|日常|常规|"
    r"整个(?:活动|行动|工作)?期间"
)
# words that say when work is done but name no time alone (适时, 随时, 今后: a promise, see the corpus' labels): with
# the verb after them (适时开展, 随时跟进, 按进度推进) or a standing word (今后长期坚持) they are standing work
_WHENEVER = r"适时|随时|今后|即日起|按需|根据(?:工作)?需要|按(?:工作)?进度|经常"
STANDING_VERB = (
    r"推进|开展|落实|实施|执行|进行|跟进|跟踪|抓好|保持|坚持|推动|深化|加强|完善|巩固|提升|更新|监管|管理|巡查|检查|"
    r"整改|改进|督促|督导|督查|监督|维护|运行|做好|宣传|治理|规范|优化"
)
# one standing word with its verbs and quality (持续推进落实, 长期性), several joined (常态长效, 长期/持续, 长期、持续)
_STANDING_RUN = (
    rf"(?:(?:(?:{_WHENEVER})?(?:{_STANDING})(?:{STANDING_VERB})*|(?:{_WHENEVER})(?:{STANDING_VERB})+)性?"
    r"(?:[、/，,和及与并且]|并且)?)+"
)
# after it: in progress, in force, a kind of work or task, a report along the way, a gloss (（长期）)
_STANDING_TAIL = (
    r"(?:中|有效|性?(?:工作|任务|事项))?(?:并?(?:定期|按时|及时)(?:报告|报送|上报|通报|汇报|总结))?"
    r"(?:\s*[(（]?\s*(?:长期|持续|常态化?)\s*[)）]?)?"
)
# the standing words of a cell, after a correction made at once (立行立改，长期坚持)
_STANDING_WORDS = rf"(?:立行立改[,，、]?)?{_STANDING_RUN}{_STANDING_TAIL}"
STANDING_CLAUSE = re.compile(rf"[,，;；]?\s*(?:以后|此后|之后|今后)?{_STANDING_WORDS}")
"""A standing clause after a deadline (`年底前完成，长期坚持`, `6月底前完成，以后长期坚持`): the deadline is the
time."""
ONGOING = re.compile(
    r"(?:(?:自|从)?(?:(?:19|20)\d\d\s*年\s*(?:\d{1,2}\s*月份?(?:\d{1,2}\s*[日号])?)?|\d{1,2}\s*月份?(?:\d{1,2}\s*[日号])?)"
    r"\s*(?:起|以来|开始|以后|之后)?\s*[-—–~～至到,，]?\s*|全年度?)?" + _STANDING_WORDS
)


def cn_number(digits: str) -> int:
    """Arabic or Chinese numerals to an int: `12`, `十二`, `二十五`, `廿五`, `二〇二四`."""
    if digits.isdigit():
        return int(digits)
    digits = digits.replace("廿", "二十").replace("卅", "三十")
    if "十" not in digits and "百" not in digits:
        value = 0
        for ch in digits:
            value = value * 10 + _CN_DIGITS[ch]
        return value
    total, current = 0, 0
    for ch in digits:
        if ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            current = current * 10 + _CN_DIGITS[ch]
    return total + current


# a year in Chinese numerals typed with the digit 0 or the letter O for its zero (二0二一年, 二O一九年), as
# signatures often are: one Chinese numeral at least, so that 2020年 stays as it is
_YEAR_DIGIT = "[〇○零OoＯ0０一二三四五六七八九]"
_ZEROS_YEAR = re.compile(f"(?={_YEAR_DIGIT}{{4}}\\s*年)(?=[^年]{{0,4}}[一二三四五六七八九]){_YEAR_DIGIT}{{4}}")


def year_zeros(text: str) -> str:
    """`text` with the zeros of its Chinese numeral years written 〇 (二0二一年 -> 二〇二一年); same length."""
    if "年" not in text:
        return text
    return _ZEROS_YEAR.sub(lambda m: re.sub(r"[○零OoＯ0０]", "〇", m[0]), text)


def glosses(text: str) -> tuple[tuple[int, int], ...]:
    """The [start, end) of each gloss in `text` (see GLOSS), which the grammar reads past."""
    if "(" not in text and "（" not in text:
        return ()
    return tuple(m.span() for m in GLOSS.finditer(text))


# a date whose 年 and 月 a copy turned into spaces (请在 2022 2 11 日前, a page spaced out around its numbers): a year,
# a month and a day apart by spaces and closed by 日, which no clock time is
_SPACED_DATE = re.compile(r"(?<![\d.:：])(?:19|20)\d\d(\s+)(?:1[0-2]|0?[1-9])(\s+)(?:3[01]|[12]\d|0?[1-9])\s*[日号]")


def _spaced_units(text: str) -> dict[int, str]:
    """The first space of each gap that stands for a lost 年 or 月 (see _SPACED_DATE), with the unit it stands for."""
    units: dict[int, str] = {}
    for found in _SPACED_DATE.finditer(text):
        units[found.start(1)], units[found.start(2)] = "年", "月"
    return units


def normalise(text: str) -> tuple[str, list[int]]:
    """The text the grammar reads, and for each of its characters the index in `text`; glosses are left out."""
    out: list[str] = []
    where: list[int] = []
    text = year_zeros(text)
    skipped = glosses(text)
    spaced = _spaced_units(text) if "日" in text or "号" in text else {}
    for i, ch in enumerate(text):
        if skipped and any(begin <= i < end for begin, end in skipped):
            continue
        if spaced and i in spaced:
            out.append(spaced[i])
            where.append(i)
            continue
        if ch in _DROPPED or unicodedata.category(ch) in ("Cc", "Cf", "Zs"):
            # a space between a date and its clock time (2024-03-08 09:45) still parts the two
            if ch.isspace() and out and out[-1].isdigit() and text[i + 1 : i + 2].isdigit():
                out.append("T")
                where.append(i)
            continue
        for piece in unicodedata.normalize("NFKC", ch).translate(_TRADITIONAL):
            if piece in _DROPPED or piece.isspace():
                continue
            out.append(piece)
            where.append(i)
    return "".join(out), where


def five_year_plan(n: int) -> int:
    """The first year of the n-th five-year plan (the 3rd began in 1966 after a pause)."""
    return {1: 1953, 2: 1958}.get(n, 1966 + 5 * (n - 3))


def period_part(m: re.Match[str]) -> YearPart:
    """The part of a year that a matched `上半年`, `第三季度末` or `年底` names."""
    if m["half"]:
        return YearPart.H1 if m["half"][0] in "上前" else YearPart.H2
    if m["qs"]:  # 前两季度 is the first half, 前三季度 January to September
        return YearPart.Q1_Q3 if m["qs"] == "三" else YearPart.H1
    if m["q"]:
        quarter = cn_number(m["q"]) - 1
        if m["qe"] in ("末", "底"):
            return _QUARTER_ENDS[quarter]
        return (_QUARTER_STARTS if m["qe"] == "初" else _QUARTERS)[quarter]
    return _YEAR_PARTS[m["y"]]


_QUARTERS = (YearPart.Q1, YearPart.Q2, YearPart.Q3, YearPart.Q4)
_QUARTER_STARTS = (YearPart.Q1_START, YearPart.Q2_START, YearPart.Q3_START, YearPart.Q4_START)
_QUARTER_ENDS = (YearPart.Q1_END, YearPart.Q2_END, YearPart.Q3_END, YearPart.Q4_END)
_YEAR_PARTS = {
    "年内": YearPart.WHOLE,
    "全年": YearPart.WHOLE,
    "整年": YearPart.WHOLE,
    "内": YearPart.WHOLE,
    "年底": YearPart.END,
    "年末": YearPart.END,
    "底": YearPart.END,
    "末": YearPart.END,
    "年初": YearPart.START,
    "初": YearPart.START,
    "年中": YearPart.MIDDLE,
}
MONTH_PARTS = {
    "上旬": MonthPart.EARLY,
    "初": MonthPart.EARLY,
    "中旬": MonthPart.MIDDLE,
    "中": MonthPart.MIDDLE,
    "下旬": MonthPart.LATE,
    "上中旬": MonthPart.EARLY_MIDDLE,
    "中下旬": MonthPart.MIDDLE_LATE,
    "上半月": MonthPart.FIRST_HALF,
    "下半月": MonthPart.SECOND_HALF,
    "底": MonthPart.END,
    "末": MonthPart.END,
}
DURATION_UNITS = {
    "天": DurationUnit.DAY,
    "日": DurationUnit.DAY,
    "个月": DurationUnit.MONTH,
    "月": DurationUnit.MONTH,
    "周": DurationUnit.WEEK,
    "年": DurationUnit.YEAR,
}
