"""The kinds of document the open quarter of sealed batch 1 (`tests/corpus/d-64`…`d-73`) showed drafted wrong, each as
short documents of other domains written before the mend, judged as in `tests/test_draft_batch5_kinds.py`."""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_draft_general import Doc, faults

DOCS = [
    # a table copied one cell a line whose time cell (`2月份`) stands over as many lines of work as the month holds:
    # every line under a month, up to the next month, is a task of that month
    Doc(
        "b01-month-lines-over-their-items",
        "XX社区图书室2023年全民阅读工作计划\n月份工作安排\n时间\n重点工作\n"
        "1月份\n制定全年阅读推广计划\n"
        "2月份\n开展“新春读书会”活动\n组织寒假亲子共读\n"
        "3月份\n举办“学雷锋”志愿服务读书分享\n更新少儿图书专架\n完成春季图书采购\n"
        "4月份\n开展“世界读书日”主题活动\n",
        2023,
        (
            ("全年阅读推广计划", ("span", "2023-01-01", "2023-01-31")),
            ("新春读书会", ("span", "2023-02-01", "2023-02-28")),
            ("亲子共读", ("span", "2023-02-01", "2023-02-28")),
            ("读书分享", ("span", "2023-03-01", "2023-03-31")),
            ("少儿图书专架", ("span", "2023-03-01", "2023-03-31")),
            ("春季图书采购", ("span", "2023-03-01", "2023-03-31")),
            ("世界读书日", ("span", "2023-04-01", "2023-04-30")),
        ),
        table=True,
    ),
]


@pytest.mark.parametrize("doc", DOCS, ids=[d.name for d in DOCS])
def test_a_kind_the_open_quarter_of_batch_1_showed_is_drafted_right(doc: Doc, tmp_path: Path) -> None:
    assert faults(doc, tmp_path) == []
