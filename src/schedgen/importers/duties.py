"""Which times in a prose plan are duties, which are not, and which a reviewer must read for themselves.

A time is a duty's time unless the sentence around it says otherwise: page metadata (`发布时间：`,
`2024-07-12 11:08`), the plan's own dates (印发, 施行, 发文), a date line with nothing else on it, or a
vague year part with no verb of delivery. A time the grammar reads only in part (`明年底`, `4月28日左右`)
is not drafted as if it were whole: its sentence is kept for the reviewer with the reason.
"""

from __future__ import annotations

import re

from schedgen.importers.scan import Found, scan

SENTENCE = re.compile(r"[^。；;！？!?\n]+[。；;！？!?]?")
_METADATA = re.compile(
    r"(日期|发文机关|发文字号|索引号|发布时间|发布日期|成文日期|发布机构|来源|浏览|点击|字号|时间)\s*[:：]\s*"
    r"(?:\d|[〇○零一二])"
    r"|\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}"
    r"|(?:起|之日)施行|印发(?:日期|时间)"
)
_VAGUE = ("年内", "上半年", "下半年", "全年")
_DELIVERY = re.compile(r"完成|报送|上报|建成|达到|提交|实现")
# the year before 年底 / 年内 named relative to a year the text does not give
_RELATIVE_YEAR = re.compile(r"[明今去]$")
_APPROXIMATE = re.compile(r"^\s*(?:左右|前后)")
_DUTY_WORDS = re.compile(
    r"报送|上报|报到|完成|提交|开展|巡查|巡河|检查|验收|启动|实施|禁止|申报|填报|反馈|部署|做好|交"
)
_TIME_WORDS = re.compile(r"尽快|左右|期间|期内|每[日天周]|明年|今年|去年|\d+\s*[月日号时]|[月年]底|季度")
_SUBJECT = re.compile(
    r"^([\u4e00-\u9fff、，,()（）]{2,40}?(?:部门|单位|县区|政府|镇|街道|乡镇|局|委|办|站|中心|企业|市州|学校))"
    r"(?:要|将|对|按|于|须|应|分别|在|请|务|每)"
)
_LEAD = re.compile(r"[（(]([^（）()]{2,60}?)牵头(?:[，,、]([^（）()]{2,60}?)配合)?[）)]")


def sentences(text: str) -> list[str]:
    """The sentences of a text, stripped, in order."""
    return [s.strip() for s in SENTENCE.findall(text) if len(s.strip()) >= 6]


def duty_times(sentence: str) -> list[Found]:
    """The times in a sentence that date a duty, in order."""
    if len(sentence) > 400 or _METADATA.search(sentence):
        return []
    times = []
    for found in scan(sentence):
        rest = sentence[: found.start] + sentence[found.end :]
        if len(re.findall(r"[\u4e00-\u9fff]", rest)) < 4:
            continue  # a date line (a signature), not a duty
        if found.text in _VAGUE and not _DELIVERY.search(sentence):
            continue
        if _partial(sentence, found):
            continue
        times.append(found)
    return times


def unreadable(sentence: str) -> str | None:
    """Why a sentence that reads like a dated duty got no time, or None when it does not read like one."""
    if len(sentence) > 400 or _METADATA.search(sentence):
        return None
    for found in scan(sentence):
        if found.text.startswith("年") and _RELATIVE_YEAR.search(sentence[: found.start]):
            return f"时间读不懂（“{sentence[found.start - 1]}{found.text}”的年份是相对的，请写明年份）"
        if _APPROXIMATE.match(sentence[found.end :]):
            return f"时间读不懂（“{found.text}左右”不是确定的日期）"
    words = _TIME_WORDS.search(sentence)
    if words and _DUTY_WORDS.search(sentence):
        return f"时间读不懂（“{words.group()}”附近没有能读出日期的时间）"
    return None


def duty_units(sentence: str) -> str | None:
    """The units a sentence names for its duty: `（X牵头，Y配合）`, or the subject it opens with."""
    lead = _LEAD.search(sentence)
    if lead:
        return "、".join(part for part in lead.groups() if part)
    subject = _SUBJECT.search(sentence)
    return subject[1] if subject else None


def _partial(sentence: str, found: Found) -> bool:
    """Whether the grammar read only part of what the sentence says (`明年底` read as `年底`)."""
    relative = found.text.startswith("年") and _RELATIVE_YEAR.search(sentence[: found.start])
    return bool(relative or _APPROXIMATE.match(sentence[found.end :]))
