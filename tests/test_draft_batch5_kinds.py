"""Drafts of the kinds of document the open half of sealed batch 5 (`tests/corpus/d-31`…`d-39`) showed the drafter
getting wrong (issue 21), each kind written as short documents of its own in other words and other domains, with
the expected draft, before the code was mended: a rule that mends a kind must draft these right, not only the
corpus sentence that showed it. Judged as `tests/test_draft_general.py` judges its documents.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_draft_general import Doc, faults

DOCS = [
    # a lunar date glossed beside a solar one, `(农历腊月二十)`: the gloss is no time of its own, and a deadline's 前
    # after it is still the deadline's
    Doc(
        "k01-lunar-gloss-before-deadline",
        "关于做好2024年寒假前校园安全工作的通知\n各中小学校：\n"
        "一、各校于1月26日(农历腊月十六)前完成校舍安全隐患排查，并将排查台账报区教育局。\n"
        "二、2月5日(农历腊月廿六)前，各校将寒假值班表报区教育局办公室。\n"
        "XX区教育局\n2024年1月10日\n",
        2024,
        (
            ("校舍安全隐患排查", ("deadline", "2024-01-26")),
            ("寒假值班表", ("deadline", "2024-02-05")),
        ),
    ),
    Doc(
        "k02-lunar-gloss-is-no-month",
        "关于开展2023年元宵节群众文化活动的通知\n各街道文化站：\n"
        "各街道于2月3日(农历正月十三)至2月6日(农历正月十六)开展“闹元宵”群众文化活动，"
        "活动方案请于1月31日(农历正月初十)前报区文化馆。\n"
        "XX区文化和旅游局\n2023年1月16日\n",
        2023,
        (
            ("闹元宵", ("span", "2023-02-03", "2023-02-06")),
            ("活动方案", ("deadline", "2023-01-31")),
        ),
    ),
    # days that lost their months beside lunar glosses: the glosses are no months to date them by, so the duty is
    # kept for the reviewer
    Doc(
        "k03-days-without-months-beside-glosses",
        "关于开展春节期间“送温暖”慰问活动的通知\n各社区居委会：\n"
        "区民政局自10日(农历腊月十九)至25日(农历二月初五)组织开展困难群众走访慰问活动，请各社区做好配合。"
        "慰问对象名单请于1月15日前报区民政局。\n"
        "XX区民政局\n2024年1月8日\n",
        2024,
        (("走访慰问活动", ("kept",)), ("慰问对象名单", ("deadline", "2024-01-15"))),
    ),
]


@pytest.mark.parametrize("doc", DOCS, ids=[d.name for d in DOCS])
def test_a_kind_the_open_half_of_batch_5_showed_is_drafted_right(doc: Doc, tmp_path: Path) -> None:
    assert faults(doc, tmp_path) == []
