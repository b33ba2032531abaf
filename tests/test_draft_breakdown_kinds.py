"""The generic weaknesses that the sealed part's totals by kind (`bench/bench_extract.py --sealed-breakdown`) pointed
at, each as short documents of domains the corpus has little of, written before the mend and judged as in
`tests/test_draft_general.py`: no sealed document was opened, only the totals were read (duties labelled as a span
drafted as a deadline or a day, standing times in tables kept unread, whole-year tasks that are no duty)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_draft_general import Doc, faults

DOCS = [
    # a start clause that opens the sentence (`4月1日起开展…`, `3月份开始`, `7月开始`, `6月上旬开始`) and the end
    # clause of the same duty after it (`4月30日前完成`, `4月底结束`, `9月结束`, `7月中旬结束`): one span, not a
    # deadline that loses its start, nor a sentence left unread
    Doc(
        "b01-a-start-clause-and-its-end-clause-are-one-span",
        "XX区消防救援大队2023年消防安全专项整治工作方案\n各街道办事处，区直有关单位：\n"
        "一、4月1日起开展隐患排查，4月30日前完成整改。\n"
        "二、2023年5月起组织复查，7月底前完成验收。\n"
        "三、8月份开始，9月底结束，开展消防演练。\n"
        "四、10月开始，11月结束，开展冬季防火宣传。\n"
        "五、11月上旬开始，12月中旬结束，开展总结评比。\n"
        "XX区消防救援大队\n2023年3月20日\n",
        2023,
        (
            ("隐患排查", ("span", "2023-04-01", "2023-04-30")),
            ("组织复查", ("span", "2023-05-01", "2023-07-31")),
            ("消防演练", ("span", "2023-08-01", "2023-09-30")),
            ("冬季防火宣传", ("span", "2023-10-01", "2023-11-30")),
            ("总结评比", ("span", "2023-11-01", "2023-12-20")),
        ),
    ),
    # a start inside the sentence, after its subject (`各社区从5月10日起`), stays another subject's, and the deadline of
    # the sentence's own duty is still drafted (the rule above joins only a start that opens its sentence)
    Doc(
        "b02-a-start-after-a-subject-is-not-joined",
        "XX街道2023年垃圾分类督导工作安排\n"
        "一、重点小区从5月10日起，集中利用30天时间开展督导，其余小区8月底前完成。\n"
        "XX街道办事处\n2023年5月4日\n",
        2023,
        (("其余小区", ("deadline", "2023-08-31")),),
    ),
    # `确保完成全年目标任务`, `完成全年各项工作任务`: the year's quota named in an exhortation, not a duty with a time; the
    # dated duty beside it is drafted
    Doc(
        "b03-the-year-s-quota-in-an-exhortation-is-no-duty",
        "XX县市场监管局关于做好2023年下半年食品安全工作的通知\n各市场监管所：\n"
        "一、各所要进一步压实责任，确保完成全年目标任务。\n"
        "二、要对标对表，全面完成全年各项工作任务。\n"
        "三、请于7月15日前报送上半年工作总结。\n"
        "XX县市场监管局\n2023年7月3日\n",
        2023,
        (("上半年工作总结", ("deadline", "2023-07-15")),),
    ),
    # a task table whose deadlines are standing work written as the words come (`长期执行`, `持续进行`, `常态化进行`,
    # `2023年起长期坚持`, `全年持续推进`): ongoing tasks, not rows kept unread
    Doc(
        "b04-standing-work-in-a-table-s-deadline-column",
        "XX市2023年营商环境优化重点任务清单\n序号 | 重点任务 | 责任单位 | 完成时限 |\n"
        "1 | 落实首问负责制度 | 市政务服务中心 | 长期执行 |\n"
        "2 | 开展涉企收费检查 | 市市场监管局 | 持续进行 |\n"
        "3 | 清理拖欠企业账款 | 市工信局 | 常态化进行 |\n"
        "4 | 推行容缺受理 | 市政务服务中心 | 2023年起长期坚持 |\n"
        "5 | 优化企业开办流程 | 市市场监管局 | 全年持续推进 |\n"
        "6 | 建成企业服务平台 | 市大数据局 | 2023年9月底前 |\n",
        2023,
        (
            ("首问负责", ("ongoing",)),
            ("涉企收费", ("ongoing",)),
            ("拖欠企业账款", ("ongoing",)),
            ("容缺受理", ("ongoing",)),
            ("企业开办", ("ongoing",)),
            ("企业服务平台", ("deadline", "2023-09-30")),
        ),
        table=True,
    ),
    # a day and the hour of the day it is due by, written with 之前 or 以前 or a part of the day (`下班以前`,
    # `（星期二）下班之前`, `（周三）中午前`): a deadline on that day, not the day of an event
    Doc(
        "b05-a-day-due-by-the-end-of-its-working-hours",
        "关于报送2022年度统计年报的通知\n各乡镇统计站：\n"
        "一、请于12月19日下班以前报送企业名录。\n"
        "二、各乡镇务必在12月20日（星期二）下班之前报送审核意见。\n"
        "三、请于12月21日（周三）中午前报送联系人名单。\n"
        "XX县统计局\n2022年12月1日\n",
        2022,
        (
            ("企业名录", ("deadline", "2022-12-19")),
            ("审核意见", ("deadline", "2022-12-20")),
            ("联系人名单", ("deadline", "2022-12-21")),
        ),
    ),
    # a table whose only year is in the text below it (a covering sentence, the signature under the table): that
    # year is the table's, as the year of the lines above it would be, not a document that names none
    Doc(
        "b06-a-table-whose-year-is-in-the-sentence-below-it",
        "XX镇人居环境整治重点工作推进表\n序号\n工作任务\n责任单位\n完成时限\n1\n完成主干道改造\n镇建设办\n6月底前\n"
        "2\n建成污水收集管网\n镇水务站\n9月底前\n\n以上工作请各责任单位于2019年10月10日前报送完成情况。\n",
        2019,
        (
            ("主干道改造", ("deadline", "2019-06-30")),
            ("污水收集管网", ("deadline", "2019-09-30")),
            ("报送完成情况", ("deadline", "2019-10-10")),
        ),
        table=True,
    ),
    Doc(
        "b07-a-pipe-table-signed-below-it",
        "XX社区2021年度网格工作安排\n序号 | 工作内容 | 责任人 | 完成时间\n1 | 入户走访登记 | 网格员 | 3月底前\n"
        "2 | 更新人口台账 | 社区居委会 | 5月底前\n\nXX社区居民委员会\n二〇二一年二月二十日\n",
        2021,
        (
            ("入户走访", ("deadline", "2021-03-31")),
            ("人口台账", ("deadline", "2021-05-31")),
        ),
        table=True,
    ),
    Doc(
        "b08-a-pipe-table-dated-only-below-it",
        "XX社区网格工作安排\n序号 | 工作内容 | 责任人 | 完成时间\n1 | 入户走访登记 | 网格员 | 3月底前\n"
        "2 | 更新人口台账 | 社区居委会 | 5月底前\n\nXX社区居民委员会\n二〇二一年二月二十日\n",
        2021,
        (
            ("入户走访", ("deadline", "2021-03-31")),
            ("人口台账", ("deadline", "2021-05-31")),
        ),
        table=True,
    ),
    # a deadline's or an event's own 日期 line (`报名截止日期：5月10日`, `报到日期：5月15日`) is no page's stamp
    # (发布日期：…); a cut-off with its hour (`截止时间为5月12日17:00`) is the last day of its duty, as a cut-off without
    # one is (b-07 relabelled so; the fresh p-44 and p-46, labelled before the code read them, read it so too)
    Doc(
        "b09-a-cut-off-date-line-and-a-cut-off-hour",
        "关于举办2019年全县网格员业务培训班的通知\n各乡镇、街道：\n"
        "一、报名截止日期：5月10日。\n"
        "二、回执报送截止时间为5月12日17:00。\n"
        "三、报到日期：5月15日，地点：县委党校。\n"
        "XX县委政法委\n2019年5月6日\n",
        2019,
        (
            ("报名截止日期", ("deadline", "2019-05-10")),
            ("回执报送", ("deadline", "2019-05-12")),
            ("报到日期", ("day", "2019-05-15")),
        ),
    ),
    # more of the standing work a task table's time column holds: a verb after the standing word (逐步推进, 持续深化),
    # a set phrase (常抓不懈), a gloss (持续推进（长期）), a year it runs from with a comma (2022年起，持续推进) or a dash (2022年3月-长期)
    Doc(
        "b10-more-standing-work-in-a-table-s-time-column",
        "XX区2022年基层治理重点任务分工表\n序号 | 重点任务 | 责任单位 | 完成时限\n"
        "1 | 推行网格化管理 | 区委政法委 | 逐步推进\n2 | 深化“放管服”改革 | 区政务服务局 | 持续深化\n"
        "3 | 整治群众身边腐败问题 | 区纪委监委 | 常抓不懈\n4 | 开展矛盾纠纷排查 | 区司法局 | 持续推进（长期）\n"
        "5 | 建设智慧社区 | 区民政局 | 2022年起，持续推进\n6 | 完成社区换届选举 | 区民政局 | 2022年6月底前\n"
        "7 | 推行居民议事制度 | 各街道 | 2022年3月-长期\n",
        2022,
        (
            ("网格化管理", ("ongoing",)),
            ("放管服", ("ongoing",)),
            ("身边腐败", ("ongoing",)),
            ("矛盾纠纷", ("ongoing",)),
            ("智慧社区", ("ongoing",)),
            ("社区换届", ("deadline", "2022-06-30")),
            ("居民议事", ("ongoing",)),
        ),
        table=True,
    ),
    # a span written across a comma (`自4月1日起，至4月30日结束`) and over months written with 份 (`4月份至5月份`) or
    # sharing one 月 (`6、7月份`): one span each, not its first month or its last alone
    Doc(
        "b11-spans-across-a-comma-and-over-months",
        "XX县2019年校园周边环境整治工作方案\n"
        "一、自4月1日起，至4月30日结束，各学校开展自查自纠。\n"
        "二、4月份至5月份，县教育局会同公安部门开展联合检查。\n"
        "三、6、7月份，开展暑期安全专项整治。\n"
        "XX县教育局\n2019年3月25日\n",
        2019,
        (
            ("自查自纠", ("span", "2019-04-01", "2019-04-30")),
            ("联合检查", ("span", "2019-04-01", "2019-05-31")),
            ("暑期安全", ("span", "2019-06-01", "2019-07-31")),
        ),
    ),
    # the window of a plan cited by name without 《》 (`按照全市2019—2021年…三年行动计划要求`) and a span that says
    # which things are meant (`2018年7月1日至2019年6月30日期间新增的企业`): no duty of this notice; its deadline is
    Doc(
        "b12-a-cited-plan-s-window-and-a-span-that-qualifies-a-noun",
        "关于开展2019年上半年统计数据核查工作的通知\n各乡镇统计站：\n"
        "一、按照全市2019—2021年统计能力提升三年行动计划要求，开展本次核查。\n"
        "二、核查对象为2018年7月1日至2019年6月30日期间新增的规模以上企业。\n"
        "三、各乡镇于7月10日前报送核查报告。\n"
        "XX县统计局\n2019年6月20日\n",
        2019,
        (("核查报告", ("deadline", "2019-07-10")),),
    ),
    # a start and how long the work lasts (`自7月1日开始，为期一个月`, `11月5日开始为期10天`): one span, not a start
    # left unread
    Doc(
        "b13-a-start-and-how-long-the-work-lasts",
        "XX市文化和旅游局2019年文旅市场整治工作安排\n"
        "一、全市文化市场专项整治自7月1日开始，为期一个月。\n"
        "二、11月5日开始为期10天的导游业务集中培训。\n"
        "XX市文化和旅游局\n2019年6月18日\n",
        2019,
        (
            ("文化市场专项整治", ("span", "2019-07-01", "2019-07-31")),
            ("导游业务", ("span", "2019-11-05", "2019-11-14")),
        ),
    ),
    # a deadline a sentence says must be met (`要于`, `须于`, `要在`) after words a news report uses (`入汛以来`, `据了解`,
    # `记者…获悉`): work still due, drafted, as the work a report says was required (`要求…6月20日前`) is
    Doc(
        "b14-a-deadline-that-must-be-met-in-news-words",
        "XX县防汛抗旱指挥部办公室关于做好2020年汛期安全工作的通知\n各乡镇、县直有关单位：\n"
        "一、入汛以来，全县降雨偏多，各乡镇要于6月20日前完成山洪灾害隐患排查。\n"
        "二、据了解，部分水库存在度汛隐患，各水库管理单位须于6月25日前完成整改。\n"
        "XX县防汛抗旱指挥部办公室\n2020年6月8日\n",
        2020,
        (
            ("山洪灾害隐患排查", ("deadline", "2020-06-20")),
            ("水库管理单位", ("deadline", "2020-06-25")),
        ),
    ),
    # a report of work done in one clause and what is still due in a later one (`截至目前，已排查隐患120处，剩余隐患要在
    # 6月20日前整改完毕`): the later clause's deadline is a duty; a clause that reports its own time done is not
    Doc(
        "b15-work-done-then-work-still-due-in-one-sentence",
        "XX县安委办关于安全隐患排查整治进展的通报\n各乡镇、县直有关单位：\n"
        "一、截至目前，全县已排查隐患120处，剩余隐患要在6月20日前整改完毕。\n"
        "二、截至5月31日，已完成整改86处。\n"
        "XX县安委办\n2020年6月5日\n",
        2020,
        (("剩余隐患", ("deadline", "2020-06-20")),),
    ),
    # 当月 as a notice writes it (`当月下旬`, `当月25日前`): the month it is dated in, as 本月 is; beside 每月 it stays
    # each cycle's month
    Doc(
        "b16-the-month-a-notice-is-dated-in-written-dangyue",
        "XX县应急管理局关于做好岁末年初安全生产工作的通知\n各乡镇、县直有关单位：\n"
        "一、当月下旬，县安委办组织开展联合督查。\n"
        "二、请于当月25日前报送值班安排。\n"
        "三、各乡镇每月28日前上报当月事故数据。\n"
        "XX县应急管理局\n2019年1月8日\n",
        2019,
        (
            ("联合督查", ("span", "2019-01-21", "2019-01-31")),
            ("值班安排", ("deadline", "2019-01-25")),
            ("事故数据", ("every", "MONTHLY", 1)),
        ),
    ),
    # a day due by the start of its working hours or counted in (`5月10日上班前`, `5月12日（含）前`): a deadline on
    # that day, not a 调休 working day (上班) nor the day of an event
    Doc(
        "b17-a-day-due-before-work-starts-or-counted-in",
        "关于报送2019年一季度工作总结的通知\n各科室：\n"
        "一、请于4月10日上班前将总结报送办公室。\n"
        "二、各科室于4月12日（含）前完成数据核对。\n"
        "XX县财政局办公室\n2019年4月2日\n",
        2019,
        (
            ("总结报送办公室", ("deadline", "2019-04-10")),
            ("数据核对", ("deadline", "2019-04-12")),
        ),
    ),
    # phases listed in one sentence, each with its span in brackets: the span before `）、总结表彰阶段` is its phase's,
    # not a period whose 总结 (figures) a report covers
    Doc(
        "b18-phases-listed-in-one-sentence-each-with-its-span",
        "XX县2019年“文明交通”主题活动方案\n"
        "活动分三个阶段：宣传发动阶段（5月1日—5月10日）、组织实施阶段（5月11日—6月30日）、总结表彰阶段（7月1日—7月10日）。\n"
        "XX县文明办\n2019年4月25日\n",
        2019,
        (
            ("宣传发动阶段", ("span", "2019-05-01", "2019-05-10")),
            ("组织实施阶段", ("span", "2019-05-11", "2019-06-30")),
            ("总结表彰阶段", ("span", "2019-07-01", "2019-07-10")),
        ),
    ),
    # a school's break named as the time it is (`寒假时间为1月19日至2月16日，共29天`) is no duty; a start and its end
    # written 截至 (`7月1日起开始接种第二剂次，截至8月31日`) is one span
    Doc(
        "b19-a-school-break-and-a-start-until-its-end",
        "XX县教育局关于2019年寒假及疫苗补种工作的通知\n各中小学：\n"
        "一、寒假时间为1月19日至2月16日，共29天。\n"
        "二、各校于1月18日前完成期末安全检查。\n"
        "三、7月1日起开始补种第二剂次，截至8月31日。\n"
        "XX县教育局\n2019年1月10日\n",
        2019,
        (
            ("期末安全检查", ("deadline", "2019-01-18")),
            ("补种第二剂次", ("span", "2019-07-01", "2019-08-31")),
        ),
    ),
]


@pytest.mark.parametrize("doc", DOCS, ids=[d.name for d in DOCS])
def test_a_kind_the_sealed_breakdown_pointed_at_is_drafted_right(doc: Doc, tmp_path: Path) -> None:
    assert faults(doc, tmp_path) == []
