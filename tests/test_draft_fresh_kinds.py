"""Kinds of sentence and time that a fresh batch of real notices (`tests/corpus/p-23`…`p-36`, labelled before the
code read them) showed drafted wrong, each as a short document of another domain, written with its expected draft
before the mend and judged as in `tests/test_draft_general.py`."""

from __future__ import annotations

from pathlib import Path

import pytest

from schedgen.errors import WhenError
from schedgen.resolve import dated

from .test_draft_general import Doc, faults

# a web copy that lost its full stops: one run of clauses over 400 characters, its deadlines in the middle
_RUN_ON = (
    "各有关单位:根据《XX市体育产业发展专项资金管理办法》(以下简称《办法》)有关规定,我局组织编制了《2023年度XX市体育产业"
    "发展专项资金项目申报指南》,现就具体事项通知如下:一、项目申报程序1.提交项目申请,根据体育产业发展专项资金办事指南,"
    "申报单位认真填写、按顺序装订整理相关申报材料,将全部申报材料(含纸质版一式三份及盖章扫描件)于9月15日前报送所在区"
    "体育行政主管部门,各区体育行政主管部门对照《办法》和申报指南对申报项目进行审核,会同区财政、区审计等部门做好项目初审"
    "并盖章确认,于10月10日前将推荐意见(含申报材料电子版)正式报送我局,将经区审核确认的全套纸质版材料报送市政务服务中心"
    "三楼综合受理窗口,申报材料不全、未经区审核通过、提交材料逾期等均不予受理,各区体育行政主管部门要遵循公平、公正、"
    "公开原则,认真做好辖区内相关单位的组织申报与初审工作,切实提高申报项目质量,确保专项资金使用规范、安全、高效,"
    "附件:2023年度XX市体育产业发展专项资金项目申报指南"
)

DOCS = [
    Doc(
        "f01-a-run-on-copy-without-full-stops-is-still-read",
        f"{_RUN_ON}\nXX市体育局\n2023年8月30日\n",
        2023,
        (
            ("于9月15日前报送所在区", ("deadline", "2023-09-15")),
            ("于10月10日前将推荐意见", ("deadline", "2023-10-10")),
        ),
    ),
    # the same copy with its signature run into the last clause (`…申报指南XX市体育局2023年8月30日(联系人:…`): the
    # issuer's date, no duty on that day
    Doc(
        "f04-a-signature-run-into-the-text-is-no-duty",
        f"{_RUN_ON}XX市体育局2023年8月30日(联系人:王明。\n",
        2023,
        (
            ("于9月15日前报送所在区", ("deadline", "2023-09-15")),
            ("于10月10日前将推荐意见", ("deadline", "2023-10-10")),
        ),
    ),
    # a letter and the 须知 attached to it: the attachment restates the letter's deadline in its own words
    # (`应于5月31日前…完成年检材料的填写和报送`), the same duty drafted once; its own dated steps are drafted
    Doc(
        "f05-an-attachment-restating-the-letter-s-deadline-is-one-duty",
        "XX省民政厅关于开展省级社会团体2022年度检查的函\n各业务主管单位、各省级社会团体：\n"
        "各省级社会团体要如实填报年检材料，于2023年3月31日前报经业务主管单位初审后，于5月31日前报送我厅。\n"
        "附件：省级社会团体2022年度检查事项须知\nXX省民政厅\n2023年2月20日\n附件\n"
        "省级社会团体2022年度检查事项须知\n一、年检材料填报要求\n社会团体应于5月31日前按以下程序完成年检材料的填写和报送工作。\n"
        "二、年检结论将于7月15日前在厅网站公告，请各社会团体及时查询。\n",
        2023,
        (
            ("初审", ("deadline", "2023-03-31")),
            ("报送我厅", ("deadline", "2023-05-31")),
            ("在厅网站公告", ("deadline", "2023-07-15")),
        ),
    ),
    # a phase named after its span (`7月1日—7月15日为总结阶段`, `…为总结验收阶段`): the span of that phase's work, not
    # the period a 总结 (a report) covers; and a start clause and an end clause written with 份 (`4月份开始，6月份结束`,
    # `3月份启动，5月份完成`): one span, as `8月份开始，9月底结束` is
    Doc(
        "f06-phases-named-summary-and-month-clauses-with-fen-are-spans",
        "XX县卫生健康局关于开展2023年医疗机构依法执业专项检查的通知\n各医疗机构：\n"
        "一、3月20日—4月30日为自查自纠阶段，各医疗机构对照清单逐项自查。\n"
        "二、7月1日—7月15日为总结阶段，各单位报送工作总结。\n"
        "三、8月1日至8月20日为总结验收阶段，县卫健局组织验收。\n"
        "四、4月份开始，6月份结束，开展院感防控培训。\n"
        "五、9月份启动，11月份完成，开展医疗废物处置检查。\n"
        "XX县卫生健康局\n2023年3月15日\n",
        2023,
        (
            ("自查自纠阶段", ("span", "2023-03-20", "2023-04-30")),
            ("报送工作总结", ("span", "2023-07-01", "2023-07-15")),
            ("组织验收", ("span", "2023-08-01", "2023-08-20")),
            ("院感防控培训", ("span", "2023-04-01", "2023-06-30")),
            ("医疗废物处置检查", ("span", "2023-09-01", "2023-11-30")),
        ),
    ),
    # spans as school and office notices write them: dotted days (`2023.3.21—2023.3.31`), a start at the day of
    # issue (`自发文之日起至5月底`, `自印发之日起至6月15日`, as `即日起至…` is) and a weekday after each end
    # (`5月15日（星期一）至19日（星期五）`)
    Doc(
        "f07-dotted-days-a-start-at-issue-and-weekdays-in-a-span",
        "XX区教育局关于开展2023年校园安全专项检查的通知\n各中小学：\n"
        "一、检查时间：2023.3.21—2023.3.31，区教育局组织检查组到校检查。\n"
        "二、自发文之日起至5月底，各校开展交通安全宣传。\n"
        "三、自印发之日起至6月15日，各校开展防溺水专题教育。\n"
        "四、5月15日（星期一）至19日（星期五），各校开展应急疏散演练。\n"
        "XX区教育局\n2023年3月6日\n",
        2023,
        (
            ("组织检查组到校检查", ("span", "2023-03-21", "2023-03-31")),
            ("交通安全宣传", ("span", "2023-03-06", "2023-05-31")),
            ("防溺水专题教育", ("span", "2023-03-06", "2023-06-15")),
            ("应急疏散演练", ("span", "2023-05-15", "2023-05-19")),
        ),
    ),
    # a holiday named without its year in a notice issued in the autumn (`元旦、春节期间`, `春节前`): the coming one, in
    # the next year, not the one already past; a holiday still ahead in the same year (国庆期间) stays in it
    Doc(
        "f08-a-holiday-named-in-the-autumn-is-the-coming-one",
        "XX镇人民政府关于做好2023年秋冬季森林防火工作的通知\n各村（社区）、镇直各单位：\n"
        "一、10月下旬，镇政府组织开展一次森林防火演练。\n"
        "二、元旦、春节期间，各村要严格执行领导带班制度。\n"
        "三、各村要在春节前完成林区坟头清理。\n"
        "四、国庆期间，各村要加强巡山护林。\n"
        "XX镇人民政府\n2023年9月25日\n",
        2023,
        (
            ("森林防火演练", ("span", "2023-10-21", "2023-10-31")),
            ("领导带班制度", ("span", "2023-12-30", "2024-02-17")),
            ("林区坟头清理", ("deadline", "2024-02-09")),
            ("巡山护林", ("span", "2023-09-30", "2023-10-06")),
        ),
    ),
    # what a notice says that nobody must do: months reported with their counts (`今年1—3月，我局共检查在建项目45个`),
    # a deadline that says which projects are meant (`检查范围为2023年3月31日前取得施工许可的在建项目`) and a
    # meeting cited by the day it was held (`省住建厅2月15日召开的…会议精神`); the duties beside them are drafted
    Doc(
        "f09-reported-counts-a-scope-and-a-cited-meeting-are-no-duties",
        "XX县住房和城乡建设局关于开展2023年建筑施工安全生产大检查的通知\n各建筑施工企业：\n"
        "根据省住建厅2月15日召开的全省安全生产工作会议精神，现就有关事项通知如下：\n"
        "一、今年1—3月，我局共检查在建项目45个，下发整改通知书12份。\n"
        "二、检查范围为2023年3月31日前取得施工许可的在建项目。\n"
        "三、各企业于4月15日前完成自查自纠，并将自查报告报县住建局质安站。\n"
        "四、4月16日至5月31日，县住建局组织开展督导检查。\n"
        "XX县住房和城乡建设局\n2023年4月3日\n",
        2023,
        (
            ("完成自查自纠", ("deadline", "2023-04-15")),
            ("组织开展督导检查", ("span", "2023-04-16", "2023-05-31")),
        ),
    ),
    # a copy that lost the 月 of an end (`即日起至63日结束` for 6月3日): kept for the reviewer, never dropped unseen
    Doc(
        "f10-an-end-whose-month-the-copy-lost-is-kept",
        "XX区教育局关于做好世界读书日宣传工作的通知\n各中小学：\n"
        "一、宣传时间\n即日起至63日结束。\n"
        "二、请各校于4月20日前报送活动方案。\n"
        "XX区教育局\n2023年4月10日\n",
        2023,
        (
            ("即日起至63日结束", ("kept",)),
            ("报送活动方案", ("deadline", "2023-04-20")),
        ),
    ),
    # a copy that lost 年 and 月 (`2023415—531日` for 2023年4月15日—5月31日): kept for the reviewer, not read as the
    # whole year; the readable deadline beside it is drafted
    Doc(
        "f02-a-span-whose-months-the-copy-lost-is-kept",
        "XX县民政局关于开展2022年度社会组织年检工作的通知\n各社会组织：\n"
        "一、年检时间\n线上填报时间：2023415—531日，逾期不予受理。\n"
        "二、请各业务主管单位于6月10日前报送初审意见。\n"
        "XX县民政局\n2023年4月3日\n",
        2023,
        (
            ("线上填报时间", ("kept",)),
            ("初审意见", ("deadline", "2023-06-10")),
        ),
    ),
    # `五一假前`, `国庆假前`: the day before the holiday's first day off, as 五一前 and 国庆前 are (国庆 2023 is off from 30 September)
    Doc(
        "f03-before-a-holiday-written-with-jia",
        "XX区教育局关于做好校园安全隐患排查工作的通知\n各中小学：\n"
        "一、各校要在五一假前完成校舍安全自查。\n二、各校要在国庆假前完成消防设施检修。\n"
        "XX区教育局\n2023年4月10日\n",
        2023,
        (
            ("校舍安全自查", ("deadline", "2023-04-28")),
            ("消防设施检修", ("deadline", "2023-09-29")),
        ),
    ),
    # a cut-off named before a day that carries its hour (`截止时间为2022年8月5日24:00`, `截止時間:…下午5時`): the
    # last day of the duty, not a meeting on that day (p-44, p-46)
    Doc(
        "f07-a-cut-off-with-its-hour-is-a-deadline",
        "XX市人力资源和社会保障局关于2023年事业单位公开招聘的公告\n"
        "一、网上报名截止时间为2023年5月10日17:00,逾期不再受理。\n"
        "二、缴费截止时间:5月12日下午5时,未缴费者视为放弃。\n"
        "三、各主管部门资格审查截止日期为5月20日24:00。\n"
        "XX市人力资源和社会保障局\n2023年4月28日\n",
        2023,
        (
            ("网上报名截止时间", ("deadline", "2023-05-10")),
            ("缴费截止时间", ("deadline", "2023-05-12")),
            ("资格审查截止日期", ("deadline", "2023-05-20")),
        ),
    ),
    # a news report of a notice that decided a span of work (`…下发通知,决定从6月10日至7月10日,在全省…开展…专项行动`):
    # the span is the work's, as one the report says was deployed or required is; the dateline's day is no duty (p-43)
    Doc(
        "f08-a-span-a-reported-notice-decided-is-drafted",
        "全市启动春季动物防疫集中免疫行动\n"
        "本报济宁3月2日讯(记者王红)记者近日从市农业农村局获悉,市农业农村局日前印发通知,决定从3月5日至4月30日,"
        "在全市开展春季重大动物疫病集中免疫行动。\n"
        "通知要求,各县市区要按照应免尽免的原则,认真组织开展免疫工作。\n"
        "时间:2024-03-02 09:10:11\n",
        2024,
        (("集中免疫行动", ("span", "2024-03-05", "2024-04-30")),),
    ),
    # a date whose 年 and 月 a copy turned into spaces (`请在 2022 2 11 日前报送`, as a page spaced out around its
    # numbers): the spaces stand where the characters were, so the day reads; a run of digits with nothing between
    # them (`2023415`) stays kept for the reviewer (p-39)
    Doc(
        "f09-a-date-whose-year-and-month-became-spaces-reads",
        "XX区退役军人事务局关于开展2023年度优抚对象信息核查工作的通知\n各街道退役军人服务站：\n"
        "1.请在 2023 6 30 日前完成辖区优抚对象信息核查，并报送核查台账；\n"
        "2.请于 2023 7 15 日前将核查工作总结报送我局。\n"
        "XX区退役军人事务局\n2023年6月1日\n",
        2023,
        (
            ("信息核查", ("deadline", "2023-06-30")),
            ("核查工作总结", ("deadline", "2023-07-15")),
        ),
    ),
    # a traditional-script copy that glosses its characters in pinyin (`截止時(shí)間為…`, as mirror sites print): the
    # cut-off's words read through the glosses, as the grammar reads its times through them (p-44)
    Doc(
        "f10-a-cut-off-glossed-in-pinyin-is-a-deadline",
        "關(guān)于組織申報(bào)2023年度市級科技計劃項(xiàng)目的通知\n各區(qū)縣科技管理部門(mén):\n"
        "1.企業(yè)網(wǎng)上申報(bào)截止時(shí)間為2023年6月5日24:00,逾期系統(tǒng)將自動(dòng)關(guān)閉。\n"
        "2.各區(qū)縣推薦函報(bào)送截止時(shí)間為2023年6月9日17:00,逾期視為未推薦。\n"
        "市科學(xué)技術(shù)局\n2023年5月20日\n",
        2023,
        (
            ("網(wǎng)上申報(bào)", ("deadline", "2023-06-05")),
            ("推薦函", ("deadline", "2023-06-09")),
        ),
    ),
    # a call for nominations that looks back on the year just past (`在刚刚过去的2023年,…`) and names who may take part by
    # when they were founded (`2023年6月30日之前成立的…均可参加`): written in the year after, and the founding day is
    # which bodies are meant, no duty; the page's date line below names the year (p-38)
    Doc(
        "f11-the-year-just-past-and-a-founding-day",
        "区妇联年度先进集体评选启动\n"
        "在刚刚过去的2023年,全区各级妇联组织团结带领广大妇女建功立业。为表彰先进,区妇联2023年度先进集体评选现已启动。\n"
        "2023年6月30日之前成立的村(社区)妇联,均可参加评选。\n"
        "各街道妇联应在2月20日前把推荐材料交至区妇联组织部。\n"
        "本报记者 李华\n"
        "2024-01-25 星期四\n",
        2024,
        (("推荐材料", ("deadline", "2024-02-20")),),
    ),
    # what a year means, glossed by its days (`保险年度为自然年度(1月1日至12月31日)`, `会计年度(1月1日至12月31日)`):
    # a definition, no span of work; the paying window beside it is the duty (p-47)
    Doc(
        "f12-a-year-glossed-by-its-days-is-no-span",
        "2024年度城乡居民基本养老保险缴费工作的通告\n"
        "一、缴费时间：2023年9月1日至12月31日，请参保人按时缴费。\n"
        "二、城乡居民基本养老保险的缴费年度为自然年度(1月1日至12月31日)，缴费档次可自主选择。\n"
        "XX县社会保险事业管理中心\n2023年8月25日\n",
        2023,
        (("缴费时间", ("span", "2023-09-01", "2023-12-31")),),
    ),
]


@pytest.mark.parametrize("doc", DOCS, ids=[d.name for d in DOCS])
def test_a_kind_the_fresh_batch_showed_is_drafted_right(doc: Doc, tmp_path: Path) -> None:
    assert faults(doc, tmp_path) == []


@pytest.mark.parametrize("written", ["10—15日", "2023315—61日", "10日至15日"])
def test_a_span_of_days_without_a_month_is_refused(written: str) -> None:
    # it was read as the whole year (2023-01-01 to 2023-12-31)
    with pytest.raises(WhenError, match="month"):
        dated(written, 2023)


@pytest.mark.parametrize(
    ("written", "end"),
    [("2022 2 11 日前", "2022-02-11"), ("2023 12 5日前", "2023-12-05"), ("2021 3 9 号前", "2021-03-09")],
)
def test_a_date_spaced_where_its_year_and_month_were_reads(written: str, end: str) -> None:
    # it was refused: the spaces read as a date's clock time (`2022T2T11日前`)
    assert str(dated(written, 2022).end) == end
