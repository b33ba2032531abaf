"""The kinds of document the open half of sealed batch 6 (`tests/corpus/d-41`…`d-49`) showed drafted wrong, each as
short documents of other domains written before the mend, judged as in `tests/test_draft_batch5_kinds.py`."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import run
from .test_draft_general import Doc, faults

DOCS = [
    # a holiday notice gives the holiday's days once (`10月1日至7日放假`); its duties say only `放假前` (by the day
    # before the holiday) and `放假期间` (over the holiday: the watch kept through it)
    Doc(
        "k01-before-and-during-the-holiday-the-notice-dates",
        "关于2024年国庆节放假安排的通知\n公司各部门：\n"
        "一、10月1日至7日放假调休，共7天。9月29日(星期日)、10月12日(星期六)上班。\n"
        "二、各部门要在放假前对办公场所进行一次消防安全检查，并做好放假期间值班安排。\n"
        "三、值班表请于9月27日前报行政部。\n"
        "XX集团有限公司\n2024年9月20日\n",
        2024,
        (
            ("消防安全检查", ("deadline", "2024-09-30")),
            ("值班安排", ("span", "2024-10-01", "2024-10-07")),
            ("值班表请于", ("deadline", "2024-09-27")),
        ),
    ),
    # `放假期间` that frames a warning (where pupils may not go) is no duty over the holiday; the lesson before it is
    Doc(
        "k02-before-the-holiday-and-a-warning-over-it",
        "关于2023年端午节放假的通知\n各班主任：\n"
        "根据上级安排，6月22日至24日放假，共3天，6月25日(星期日)上课。\n"
        "各班主任要在放假前对学生进行一次防溺水安全教育，提醒学生放假期间不到河塘游泳。\n"
        "XX镇中心小学\n2023年6月16日\n",
        2023,
        (("防溺水安全教育", ("deadline", "2023-06-21")),),
    ),
    # a deadline whose 年, 月 and 日 the copy lost (`截止至202351817时`): no date a draft may guess at, so the duty is
    # kept for the reviewer, beside the readable one
    Doc(
        "k03-deadline-that-lost-its-year-month-and-day",
        "关于举办2023年基层财会人员培训班的通知\n各乡镇财政所：\n"
        "一、请各所组织人员报名，报名截止至202351817时，逾期不予受理。\n"
        "二、参训人员请于5月25日前到县财政局领取培训资料。\n"
        "XX县财政局\n2023年5月8日\n",
        2023,
        (("报名截止至", ("kept",)), ("领取培训资料", ("deadline", "2023-05-25"))),
    ),
    # an evening's event on a day and the clock time to be there by (`6月8日晚…于18:30前到场`): a deadline on that day
    Doc(
        "k04-clock-deadline-on-the-day-the-sentence-gave",
        "关于组织观看2024年校园艺术节闭幕式的通知\n各班主任：\n"
        "6月8日晚闭幕式文艺汇演在学校礼堂举行，各班要组织学生于18:30前到场就座。\n"
        "节目单请于6月3日前报校团委。\n"
        "XX中学团委\n2024年5月28日\n",
        2024,
        (("到场就座", ("deadline", "2024-06-08")), ("节目单", ("deadline", "2024-06-03"))),
    ),
    # a New Year holiday of one day in a notice of late December: the holiday is the next year's, and the day before
    # it this year's (a one-day holiday was not read at all, and a day before 1 January would lose its year)
    Doc(
        "k05-before-a-new-year-holiday-in-the-year-before",
        "关于2020年元旦放假的通知\n局属各单位：\n"
        "一、1月1日放假，共1天。\n"
        "二、各单位要在放假前开展一次安全生产检查。\n"
        "XX市交通运输局\n2019年12月25日\n",
        2019,  # the year it was signed in, as a notice written the year before its festival takes (2023年春节将至)
        (("安全生产检查", ("deadline", "2019-12-31")),),
    ),
]

# a monthly duty that begins at a given month (`从3月底起`) and is due on a day of each month (`当月13日前`, the
# month of each period, not the notice's): a recurrence from that start, its first due day the start's month or
# the next (`月底` as a start is its 下旬, as a range's start is)
DOCS += [
    Doc(
        "k06-monthly-duty-from-a-start-due-on-the-day-of-each-month",
        "关于报送2021年安全生产专项整治进展情况的通知\n各乡镇、县直有关单位：\n"
        "从5月起，各单位按月报送整治进展情况，务必于当月20日前报县安委办。\n"
        "XX县安全生产委员会办公室\n2021年4月26日\n",
        2021,
        (("按月报送整治进展", ("every", "MONTHLY", 1, "2021-05-20")),),
    ),
    Doc(
        "k07-half-monthly-reports-from-a-month-end",
        "关于做好2023年志愿服务活动统计工作的通知\n各社区、区直各单位：\n"
        "从6月底起，志愿服务活动以半月为周期统计，上半月情况请于当月18日前报送，下半月情况请于当月27日前报送。\n"
        "共青团XX区委员会\n2023年6月1日\n",
        2023,
        (
            ("上半月情况请于", ("every", "MONTHLY", 1, "2023-07-18")),
            ("下半月情况请于", ("every", "MONTHLY", 1, "2023-06-27")),
        ),
    ),
    Doc(
        "k08-each-month-from-a-start",
        "关于建立2022年消费投诉处理月报制度的通知\n各县区市场监管局：\n"
        "自2022年7月起，每月5日前将上月投诉处理情况报送市市场监督管理局。\n"
        "XX市市场监督管理局\n2022年6月20日\n",
        2022,
        (("投诉处理情况", ("every", "MONTHLY", 1, "2022-07-05")),),
    ),
]

# a document whose only year is a season's (`2012—2013赛季`, `2018-2019“…”联赛`, `2020—2021学年`): the season runs
# from one year's autumn to the next year's spring, so its dates in spring months are the later year's and those in
# autumn months the earlier's; dates in both leave no one year to take, and the refusal says so
DOCS += [
    Doc(
        "k09-season-year-with-spring-dates",
        "各区体育局：\n2018—2019赛季全市青少年足球联赛报名工作即将开始，请各区体育局于3月15日前报送参赛队伍名单。\n"
        "市足球协会\n",
        2019,
        (("参赛队伍名单", ("deadline", "2019-03-15")),),
    ),
    Doc(
        "k10-season-in-an-event-name-with-autumn-dates",
        "各俱乐部：\n2020-2021“市长杯”业余篮球联赛将于近期开赛，请各俱乐部于9月30日前完成球员注册。\n市篮球协会\n",
        2020,
        (("完成球员注册", ("deadline", "2020-09-30")),),
    ),
    Doc(
        "k11-school-year-with-spring-dates",
        "各年级组：\n2015—2016学年校园文化艺术节将在学校礼堂举办，请各年级组于5月10日前报送节目名单。\n校团委\n",
        2016,
        (("报送节目名单", ("deadline", "2016-05-10")),),
    ),
    Doc(
        "k14-season-with-no-month",
        "各代表队：\n2019—2020赛季全市中学生排球联赛定于下周六开赛，请各代表队于比赛前一天报到。\n市排球协会\n",
        None,
        (),
    ),
    Doc(
        "k12-season-with-dates-in-both-years",
        "各参赛单位：\n2016—2017赛季全国冰壶联赛分站赛安排如下，请各队于11月10日前报名，于3月20日前报送决赛名单。\n"
        "冰壶协会\n",
        None,
        (),
    ),
]

# a day written without its 日 before a part of the day (`6月12晚`), then a clock time to be there by: as `6月12日晚`
DOCS += [
    Doc(
        "k13-day-without-ri-before-the-evening",
        "关于组织2022年社区邻里节观演的通知\n各社区居委会：\n"
        "1.6月12晚邻里节文艺汇演在街道文化广场举行，各社区要组织居民于19:00前到场就座。\n"
        "XX街道办事处\n2022年6月1日\n",
        2022,
        (("到场就座", ("deadline", "2022-06-12")),),
    ),
]

# a practice told as begun in a past year and kept every year since (`从2015年开始，我局每年都发布…`): history, as
# `自2015年以来` is; the year the text then says it is acting in is its own
DOCS += [
    Doc(
        "k15-a-practice-begun-in-a-past-year-and-kept-every-year",
        "各区文化和旅游局：\n为接受社会监督，从2015年开始，我局每年都向社会公布文化惠民项目清单。"
        "2019年，我们继续公布年度项目清单，请各区于6月30日前报送本区项目。\n市文化和旅游局\n",
        2019,
        (("报送本区项目", ("deadline", "2019-06-30")),),
    ),
]


@pytest.mark.parametrize("doc", DOCS, ids=[d.name for d in DOCS])
def test_a_kind_the_open_half_of_batch_6_showed_is_drafted_right(doc: Doc, tmp_path: Path) -> None:
    assert faults(doc, tmp_path) == []


def test_a_season_whose_dates_fall_in_both_its_years_is_refused_saying_why(tmp_path: Path) -> None:
    (doc,) = [d for d in DOCS if d.name == "k12-season-with-dates-in-both-years"]
    source = tmp_path / "season.txt"
    source.write_text(doc.text, encoding="utf-8")
    result = run("extract", str(source), "-o", str(tmp_path / "season.yaml"))
    assert result.exit_code == 2 and not (tmp_path / "season.yaml").exists()
    assert "2016—2017" in result.stderr and "both" in result.stderr and "--year 2016" in result.stderr


def test_a_season_whose_text_names_no_month_is_refused_saying_why(tmp_path: Path) -> None:
    (doc,) = [d for d in DOCS if d.name == "k14-season-with-no-month"]
    source = tmp_path / "season.txt"
    source.write_text(doc.text, encoding="utf-8")
    result = run("extract", str(source), "-o", str(tmp_path / "season.yaml"))
    assert result.exit_code == 2 and "2019—2020" in result.stderr and "no date in it names a month" in result.stderr
