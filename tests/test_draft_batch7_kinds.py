"""The kinds of document the open half of sealed batch 7 (`tests/corpus/d-51`…`d-63`) showed drafted wrong, each as
short documents of other domains written before the mend, judged as in `tests/test_draft_batch5_kinds.py`."""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_draft_general import Doc, faults

DOCS = [
    # a deadline moved to a later day (`顺延至`, `推迟至`, `延长至`): the day it is moved to is the deadline, not the
    # end of a span whose start was cut off
    Doc(
        "m02-deadline-moved-to-a-later-day",
        "关于延长2023年职业技能竞赛报名时间的通知\n各参赛单位：\n"
        "因报名系统升级，原定报名截止时间推迟至5月20日，请各单位抓紧组织报名。\n"
        "作品材料提交时间顺延至6月10日。\n"
        "XX市人力资源和社会保障局\n2023年5月8日\n",
        2023,
        (("推迟至5月20日", ("deadline", "2023-05-20")), ("作品材料提交", ("deadline", "2023-06-10"))),
    ),
    # a day the text says falls on a weekend (`2月15日为星期日`) is a fact of the calendar, and the month a deadline
    # belongs to (`2月申报期限`) is the period it closes: neither is a duty, the moved deadline beside them is
    Doc(
        "m03-weekday-fact-and-the-month-a-deadline-belongs-to",
        "关于明确2026年第一季度水资源税申报期限的通知\n各纳税人：\n"
        "一、2月15日为星期日，2月申报期限顺延至2月16日。\n"
        "二、3月15日是星期日，3月申报期限顺延至3月16日。\n"
        "XX市税务局\n2026年1月5日\n",
        2026,
        (("2月申报期限", ("deadline", "2026-02-16")), ("3月申报期限", ("deadline", "2026-03-16"))),
    ),
]


# months listed and the day of each (`3月、6月、9月、12月的报表分别于当月25日前报送`): one date in each month named
DOCS += [
    Doc(
        "m04-listed-months-each-due-on-a-day-of-the-month",
        "关于做好2022年林业有害生物监测数据报送工作的通知\n各林场、各乡镇林业站：\n"
        "一、3月、6月、9月、12月监测报表分别于当月25日前报送县林业局。\n"
        "XX县林业局\n2022年2月10日\n",
        2022,
        (("监测报表", ("dates", "2022-03-25", "2022-06-25", "2022-09-25", "2022-12-25")),),
    ),
    # a holiday in the same sentence as a deadline it moves (`5月1日至5日放假，5月申报期限顺延至5月20日`): the
    # sentence still has its duty, as one that names 报送 has
    Doc(
        "m05-holiday-beside-the-deadline-it-moves",
        "关于2024年劳动节期间社会保险费缴纳期限的通知\n各缴费单位：\n"
        "5月1日至5日放假，5月社会保险费缴纳期限顺延至5月22日。\n"
        "XX市社会保险事业管理中心\n2024年4月22日\n",
        2024,
        (("缴纳期限顺延", ("deadline", "2024-05-22")),),
    ),
]


@pytest.mark.parametrize("doc", DOCS, ids=[d.name for d in DOCS])
def test_a_kind_the_open_half_of_batch_7_showed_is_drafted_right(doc: Doc, tmp_path: Path) -> None:
    assert faults(doc, tmp_path) == []
