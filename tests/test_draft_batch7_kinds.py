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


# a multi-year plan's phase as a heading of a bare year and the phase's name (`(三)2026年,总结巩固阶段`), its work on
# the lines below: that year's phase, as a year opening a sentence of work is
DOCS += [
    Doc(
        "m06-a-bare-year-phase-named-as-a-stage",
        "XX市全民阅读推进计划(2024—2026年)\n三、实施步骤\n"
        "(一)2024年,全面启动阶段。制定实施细则，建立工作机制。\n"
        "(二)2025年,深入推进阶段。各区全面开展阅读进社区活动。\n"
        "(三)2026年,总结巩固阶段\n各区总结经验，形成全民阅读长效机制。\n"
        "XX市文明办\n2024年3月1日\n",
        2024,
        (
            ("全面启动阶段", ("span", "2024-01-01", "2024-12-31")),
            ("深入推进阶段", ("span", "2025-01-01", "2025-12-31")),
            ("总结巩固阶段", ("span", "2026-01-01", "2026-12-31")),
        ),
    ),
    # an event's day on a `时间:` line of its own (时间：…, 地点：…), and a registration that `时间截止` a day: the day
    # of the event and a deadline, not a signature and an as-of moment
    Doc(
        "m07-event-day-after-a-time-label",
        "关于举办2023年社区邻里运动会的通知\n各居民小组：\n为丰富居民文化生活，社区定于近期举办邻里运动会。\n"
        "时间：2023年9月16日\n地点：社区广场\n"
        "各居民小组报名时间截止9月10日，逾期不再受理。\n"
        "XX社区居委会\n2023年8月28日\n",
        2023,
        (("时间：2023年9月16日", ("day", "2023-09-16")), ("报名时间截止", ("deadline", "2023-09-10"))),
    ),
    # a phase from a day with no end (`(2023年10月1日以后)`, a standing phase): no day to draft, kept for the reviewer
    Doc(
        "m08-a-standing-phase-from-a-day-with-no-end",
        "关于开展2023年城区占道经营集中整治的通知\n各街道办事处：\n"
        "(一)集中整治阶段(2023年8月1日至9月30日)。各街道全面清理占道经营。"
        "(二)长效管理阶段(2023年10月1日以后)。建立巡查机制，防止反弹。\n"
        "XX区城市管理局\n2023年7月20日\n",
        2023,
        (("集中整治阶段", ("span", "2023-08-01", "2023-09-30")), ("长效管理阶段", ("kept",))),
    ),
]


@pytest.mark.parametrize("doc", DOCS, ids=[d.name for d in DOCS])
def test_a_kind_the_open_half_of_batch_7_showed_is_drafted_right(doc: Doc, tmp_path: Path) -> None:
    assert faults(doc, tmp_path) == []
