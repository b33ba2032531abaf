"""The kinds of document the second split of sealed batch 5 (`tests/corpus/d-74`…`d-77`) showed drafted wrong, each as
short documents of other domains written before the mend, judged as in `tests/test_draft_batch5_kinds.py`."""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_draft_batch1_kinds import drafted
from .test_draft_general import Doc, faults

# an open-government record over a progress report, as a county site copies one
REPORT = (
    "当前位置: 首页 >> 信息公开 >> 正文\n索引号 11370100/2021-0012 发布机构 XX县交通运输局\n"
    "公开目录 重点工作 发布日期 2021/10/08\n文号 公开方式 主动公开\n标题 2021年1-9月份全县农村公路建设进展情况\n"
    "2021年1-9月份全县农村公路建设进展情况\n\n2021年,市里下达我县农村公路建设任务120公里。\n\n"
    "9月份,农村公路建设目标任务是:完工率达到75%以上;8月底,完工率已达到80%,提前完成目标。\n"
    "下一步,各乡镇要于11月30日前完成剩余路段路面硬化。\n"
)

DOCS = [
    # a calendar by week copied from a web page as `|` rows: a week's name and its days (`第一周 | 2月7日-2月13日`) are
    # cells merged over the rows of that week, which the copy leaves out, closing each such row with as many empty
    # cells instead (`院感防控知识培训 | 院感科 | ||`); the header names the week and its days once (`起止时间`, over
    # two columns) and closes with an empty cell (d-76's kind)
    Doc(
        "c01-a-week-calendar-whose-merged-cells-the-copy-leaves-out",
        "XX区人民医院2022年上半年院内培训安排\n起止时间 | 培训内容 | 责任科室 | |\n"
        "准备阶段 | 1月10日 | 制定年度培训计划 | 医务科 |\n1月12日 | 培训师资遴选 | 人事科 | |\n"
        "第一周 | 2月7日-2月13日 | 新入职人员岗前培训 | 人事科 |\n院感防控知识培训 | 院感科 | ||\n"
        "消防安全演练 | 保卫科 | ||\n第二周 | 2月14日-2月20日 | 急救技能培训 | 急诊科 |\n病历书写规范培训 | 医务科 | ||\n",
        2022,
        (
            ("年度培训计划", ("day", "2022-01-10")),
            ("培训师资遴选", ("day", "2022-01-12")),
            ("岗前培训", ("span", "2022-02-07", "2022-02-13")),
            ("院感防控", ("span", "2022-02-07", "2022-02-13")),
            ("消防安全演练", ("span", "2022-02-07", "2022-02-13")),
            ("急救技能", ("span", "2022-02-14", "2022-02-20")),
            ("病历书写", ("span", "2022-02-14", "2022-02-20")),
        ),
        table=True,
    ),
    # the same copy's `|` rows with an empty 备注 at their end where they have none: the rows stay as they are, no
    # cell moves right (the rule of c01 asks that the cells fit the full rows better moved than where they stand)
    Doc(
        "c07-an-empty-remark-at-a-row-s-end-is-no-left-out-cell",
        "XX镇2022年重点项目推进表\n序号 | 项目名称 | 完成时限 | 责任单位 | 备注 |\n"
        "1 | 集镇污水管网改造 | 6月底前 | 镇建设办 | |\n2 | 农贸市场提升改造 | 9月底前 | 镇经发办 | 已立项 |\n"
        "3 | 敬老院消防改造 | 10月底前 | 镇民政办 | |\n4 | 村级道路亮化 | 11月底前 | 镇建设办 | 续建 |\n",
        2022,
        (
            ("污水管网", ("deadline", "2022-06-30")),
            ("农贸市场", ("deadline", "2022-09-30")),
            ("敬老院", ("deadline", "2022-10-31")),
            ("道路亮化", ("deadline", "2022-11-30")),
        ),
        table=True,
    ),
    # a month's work list: a heading that names the month whose work it lists (`4月重点工作`, `五月份工作安排`) over
    # numbered items with no time of their own, signed the month before: each item is that month's work, and an
    # item of several clauses is one task; a web copy's blank lines between the items do not end the list (d-75's kind)
    Doc(
        "c02-a-month-s-work-list-under-its-heading",
        "区档案馆5月份工作安排\n1、完成馆藏档案数字化扫描二期验收。\n"
        "2、开展“国际档案日”宣传活动;组织档案开放鉴定;做好查档接待。\n3、完成上级交办的其他工作。\n"
        "2019年4月28日\n",
        2019,
        (
            ("数字化扫描", ("span", "2019-05-01", "2019-05-31")),
            ("国际档案日", ("span", "2019-05-01", "2019-05-31")),
            ("上级交办", ("span", "2019-05-01", "2019-05-31")),
        ),
    ),
    Doc(
        "c06-a-month-s-work-list-numbered-in-chinese-numerals",
        "县农机服务中心六月份工作要点\n一、组织开展“三夏”机收跨区作业调度。\n二、做好农机安全生产检查;开展农机手培训。\n"
        "县农机服务中心\n2020年5月29日\n",
        2020,
        (
            ("机收跨区作业调度", ("span", "2020-06-01", "2020-06-30")),
            ("农机安全生产检查", ("span", "2020-06-01", "2020-06-30")),
        ),
    ),
    Doc(
        "c03-a-quarter-s-work-list-under-its-heading",
        "XX街道2021年第三季度重点工作\n\n1.完成老旧小区加装电梯意向摸排。\n\n2.开展防汛应急演练。\n\n"
        "XX街道办事处\n2021年6月25日\n",
        2021,
        (
            ("加装电梯", ("span", "2021-07-01", "2021-09-30")),
            ("防汛应急演练", ("span", "2021-07-01", "2021-09-30")),
        ),
    ),
    # a progress report posted on a day (`发布日期 2021/10/08`, an open-government record above a title that says it
    # reports progress, `…进展情况`) tells of months before that day, a target or work already done: no duty; what it
    # asks for after that day still is one (d-77's kind)
    Doc(
        "c04-a-progress-report-s-past-months",
        REPORT,
        2021,
        (("路面硬化", ("deadline", "2021-11-30")),),
    ),
    # a notice posted after its own deadlines (`发布日期` a month after the signature) is no report: its duties stay
    Doc(
        "c08-a-notice-posted-after-its-deadlines-keeps-them",
        "首页 > 通知公告\n发布日期 2021/09/15\n关于做好2021年秋季学期开学工作的通知\n各学校：\n"
        "请于8月25日前完成校舍安全排查。\nXX县教育局\n2021年8月10日\n",
        2021,
        (("校舍安全排查", ("deadline", "2021-08-25")),),
    ),
    Doc(
        "c05-a-summary-s-past-months",
        "首页 > 信息公开 > 工作总结\n发布时间：2020-07-06\nXX区文化旅游体育局2020年上半年工作总结\n"
        "一、上半年工作开展情况\n5月份,全区文旅消费季活动目标是:接待游客人次恢复到去年同期的80%以上。\n"
        "二、下半年工作打算\n10月底前完成区图书馆新馆布展。\n",
        2020,
        (("图书馆新馆布展", ("deadline", "2020-10-31")),),
    ),
]


@pytest.mark.parametrize("doc", DOCS, ids=[d.name for d in DOCS])
def test_a_kind_the_second_split_of_batch_5_showed_is_drafted_right(doc: Doc, tmp_path: Path) -> None:
    assert faults(doc, tmp_path) == []


def test_a_record_s_title_line_is_the_title(tmp_path: Path) -> None:
    """An open-government record's `标题 X` line (a space, no colon) names the document, and a title that says it
    reports progress (`…进展情况`) is a title: neither the file's name nor the record's other lines (d-77's kind,
    titled by its file name)."""
    source = tmp_path / "进展.txt"
    source.write_text(REPORT, encoding="utf-8")
    assert drafted(source, "extract")["title"] == "2021年1-9月份全县农村公路建设进展情况"


def test_a_title_broken_over_lines_is_one_title(tmp_path: Path) -> None:
    """A notice's title copied over three lines, the issuing office's, the one opening with 关于 and the one ending
    it (`…的通知`), is the three joined, not its last line alone (d-74's kind, titled `重点任务责任落实分工的通知`)."""
    source = tmp_path / "检查.txt"
    source.write_text(
        "XX市生态环境局\n关于开展2023年夏季\n大气污染防治专项检查的通知\n各区分局：\n"
        "请各分局于7月15日前报送自查报告。\nXX市生态环境局\n2023年6月20日\n",
        encoding="utf-8",
    )
    assert drafted(source, "extract")["title"] == "XX市生态环境局关于开展2023年夏季大气污染防治专项检查的通知"
