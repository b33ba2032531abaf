"""Standing work in a table's time column, as 任务分解表, 工作台账 and 整改清单 write it: the sealed breakdown's totals
said nearly every labelled "standing" duty was a table row whose time cell did not read (its documents were not
opened). Each case is a short table of another domain, written before the mend and judged as in
`tests/test_draft_general.py`: a standing word with the verbs and qualifiers around it is ongoing work, a deadline
with a standing clause after it is that deadline, and the year's span written with a verb (`全年开展`, `本年度内`) is
the year."""

from __future__ import annotations

from pathlib import Path

import pytest

from schedgen.errors import WhenError
from schedgen.resolve import dated

from .test_draft_general import Doc, faults

ONGOING = ("ongoing",)
YEAR_2019 = ("span", "2019-01-01", "2019-12-31")

DOCS = [
    # a 整改清单 copied one cell a line: a standing word with a report after it (`长期坚持并定期报告`), a deadline
    # and then standing work (`…前完成，以后长期坚持`), two standing words (`常态长效推进`, `长期/持续`), the
    # correction made at once and kept (`立行立改，长期坚持`), a standing correction (`持续整改`), a standing kind
    # of task (`长期任务`), and the words for whenever the work calls with their verb (`随时开展`, `今后长期坚持`,
    # `根据工作需要开展`)
    Doc(
        "s01-a-rectification-list-one-cell-a-line",
        "XX县2019年环境问题整改清单\n序号\n工作任务\n责任单位\n完成时限\n"
        "1\n建立河道保洁制度\n县水利局\n长期坚持并定期报告\n"
        "2\n建成城东污水管网\n县住建局\n2019年6月底前完成，以后长期坚持\n"
        "3\n加强巡查\n各乡镇\n常态长效推进\n"
        "4\n安装油烟净化设施\n县市场监管局\n立行立改，长期坚持\n"
        "5\n落实六个百分百\n县住建局\n持续整改\n"
        "6\n开展水质监测\n县生态环境分局\n长期/持续\n"
        "7\n办理环境信访件\n县生态环境分局\n长期任务\n"
        "8\n做好应急处置\n县应急管理局\n随时开展\n"
        "9\n开展环保宣传\n县委宣传部\n今后长期坚持\n"
        "10\n组织专项检查\n县生态环境分局\n根据工作需要开展\n",
        2019,
        (
            ("河道保洁", ONGOING),
            ("城东污水管网", ("deadline", "2019-06-30")),
            ("加强巡查", ONGOING),
            ("油烟净化", ONGOING),
            ("六个百分百", ONGOING),
            ("水质监测", ONGOING),
            ("环境信访件", ONGOING),
            ("应急处置", ONGOING),
            ("环保宣传", ONGOING),
            ("专项检查", ONGOING),
        ),
        table=True,
    ),
    # a 工作台账 in Word: the year-long span written with its verb (`全年开展`, `全年实施`), as the year itself
    # (`本年度内`, `全年度`, `整年`, `全年各月`), and the standing kinds (`贯穿始终`, `全过程`, `常规工作`, `长期性`,
    # `持续性`, `按进度推进`, `整个活动期间`)
    Doc(
        "s02-a-work-ledger-in-word",
        "XX镇2019年平安建设工作台账\n序号 | 工作内容 | 责任单位 | 完成时间\n"
        "1 | 开展矛盾纠纷排查 | 镇综治办 | 全年开展\n"
        "2 | 实施雪亮工程 | 镇综治办 | 全年实施\n"
        "3 | 完成网格员培训 | 镇组织办 | 本年度内\n"
        "4 | 落实领导包案 | 镇党委 | 全年度\n"
        "5 | 组织治安巡逻 | 镇派出所 | 整年\n"
        "6 | 报送平安建设信息 | 镇综治办 | 全年各月\n"
        "7 | 加强组织领导 | 镇党委 | 贯穿始终\n"
        "8 | 督导检查 | 镇纪委 | 全过程\n"
        "9 | 受理群众来访 | 镇信访办 | 常规工作\n"
        "10 | 化解信访积案 | 镇信访办 | 长期性\n"
        "11 | 宣传平安创建 | 镇宣传办 | 持续性\n"
        "12 | 排查安全隐患 | 镇安监站 | 即日起长期坚持\n"
        "13 | 建设综治中心 | 镇综治办 | 按进度推进\n"
        "14 | 值班值守 | 镇党政办 | 整个活动期间\n",
        2019,
        (
            ("矛盾纠纷排查", YEAR_2019),
            ("雪亮工程", YEAR_2019),
            ("网格员培训", YEAR_2019),
            ("领导包案", YEAR_2019),
            ("治安巡逻", YEAR_2019),
            ("平安建设信息", YEAR_2019),
            ("组织领导", ONGOING),
            ("督导检查", ONGOING),
            ("群众来访", ONGOING),
            ("信访积案", ONGOING),
            ("平安创建", ONGOING),
            ("安全隐患", ONGOING),
            ("综治中心", ONGOING),
            ("值班值守", ONGOING),
        ),
        table=True,
        form="docx",
    ),
    # standing words inside the duties of a prose notice (`持续开展`, `长期坚持`, `常态化`) are the work's manner, not
    # its time: the draft has the dated duties and nothing more
    Doc(
        "s03-standing-words-in-prose-duties-are-no-time",
        "关于做好2019年河湖清四乱工作的通知\n各乡镇人民政府：\n"
        "一、各乡镇要持续开展河道保洁，6月底前完成清淤。\n"
        "二、长期坚持巡河制度，全年持续推进河长制工作，常态化开展暗访。\n"
        "三、请于12月10日前报送全年工作总结。\n"
        "XX县河长办\n2019年3月1日\n",
        2019,
        (("完成清淤", ("deadline", "2019-06-30")), ("全年工作总结", ("deadline", "2019-12-10"))),
    ),
]


@pytest.mark.parametrize("doc", DOCS, ids=[d.name for d in DOCS])
def test_standing_work_in_a_table_is_drafted_right(doc: Doc, tmp_path: Path) -> None:
    assert faults(doc, tmp_path) == []


# a table cell with task words after the standing word, a start with no end and no standing word, or a word for
# whenever with no verb (the corpus labels 随时, 今后, 适时 in prose as naming no day): still no time
@pytest.mark.parametrize(
    "text", ["持续推进环境整治", "长期坚持河长制巡查制度", "2019年9月1日以后", "立行立改", "随时", "今后", "适时"]
)
def test_standing_words_before_a_task_or_a_start_alone_stay_unread(text: str) -> None:
    with pytest.raises(WhenError):
        dated(text, 2019)
