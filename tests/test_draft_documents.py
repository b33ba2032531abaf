"""Kinds of document the rules had not met before (issue 21, the fresh batch): what a copy stamps on a
page is no year of the document, a start and its end a clause later are one span, the umbrella of a
plan's dated steps and a ban's period are no duties, history and the periods a report covers are no
due days, a meeting reported as held is news, and `下月` is read against the document's date."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from schedgen.expression import Frame
from schedgen.resolve import dated

from .test_drafts import days, drafted, extract, line_of, whens

# --- the year ----------------------------------------------------------------------------------------


NO_YEAR = [
    pytest.param(
        "编辑: 棉鞋 | 2015-02-21 |\n(四)加强协调,及时反馈.各单位安全生产大检查方案于7月底前报市安委办;\n"
        "每月25日前将《安全生产大检查情况汇总表》报送市安委办;\n",
        "names no year",
        id="a forum copy's edit stamp is the copy's date",
    ),
    pytest.param(
        "第30个爱国卫生月活动\n全国爱卫办决定于4月开展第30个爱国卫生月活动。\n"
        "2018-10-31(万方平台首次上网日期,不代表论文的发表时间)\n",
        "names no year",
        id="a database's first-online date is the copy's date",
    ),
    pytest.param(
        "时间:2022-07-01 22:25:14\n小学生植树节活动方案\n三、活动时间\n20__年3月12日至20__年6月1日\n"
        "四、具体安排\n各班于3月16日(周__)之前制作出本班标示牌。\n",
        "20__年",
        id="a template with its years blanked is refused even under a page stamp",
    ),
    pytest.param(
        "发布时间:2021-03-05\n植树节活动方案\n一、活动时间:202X年3月12日\n各班于3月16日前制作出本班标示牌。\n",
        "202X年",
        id="a year blanked in its last digit (202X年) is a template's",
    ),
    pytest.param(
        "发布时间:2021-03-05\n关于报送植树名单的通知\n各班于3月16日前报送植树名单。\n\n学校办公室\n20  年  月  日\n",
        "20  年",
        id="a signature left blank (20  年  月  日) is a template's",
    ),
    pytest.param(
        "2月18日上午,副局长调研我县2021年度高标准农田建设项目复工工作,要求施工队伍于3月底前完成清表。\n",
        "names no year",
        id="a project's 年度 alone (a 2021 project visited in 2022) is no year of the document",
    ),
]


@pytest.mark.parametrize(("text", "said"), NO_YEAR)
def test_a_document_whose_only_year_is_not_its_own_is_refused(tmp_path: Path, text: str, said: str) -> None:
    target, result = extract(tmp_path, text)
    assert result.exit_code == 2 and not target.exists()  # type: ignore[attr-defined]
    assert said in result.stderr and "--year" in result.stderr  # type: ignore[attr-defined]


OWN_YEAR = [
    pytest.param(
        "第30个爱国卫生月活动\n在系统总结2017年全国卫生运动65周年纪念活动的基础上,"
        "全国爱卫办决定于2018年4月开展第30个爱国卫生月活动。\n",
        "year: 2018  # 取自正文“2018年4月",
        id="a year the document sums up is background",
    ),
    pytest.param(
        "关于新生报到的通知\n新生于2023年9月1日到校报到。\n",
        "year: 2023  # 取自正文“2023年9月1日",
        id="students arriving on a day (新生于) is no birth date",
    ),
]


@pytest.mark.parametrize(("text", "line"), OWN_YEAR)
def test_the_year_is_the_documents_own(tmp_path: Path, text: str, line: str) -> None:
    _, written = drafted(tmp_path, text)
    assert line_of(written, "year").startswith(line)


def test_a_report_written_as_its_year_ends_is_of_that_year(tmp_path: Path) -> None:
    # no year but the 年度 of the work, which the report says is ending: written in 2020 (下月 is December)
    target, result = extract(
        tmp_path,
        "11月27日,正阳关镇召开了民生工程年度推进会,对2020年度民生工程项目进行年终推进。\n"
        "会议强调,2020年度即将结束,所有民生工程项目下月中旬要全部竣工完成。\n",
    )
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    assert days(target)["下月中旬"][:2] == (date(2020, 12, 11), date(2020, 12, 20))
    assert "2020年度即将结束" in line_of(target.read_text(encoding="utf-8"), "year")


# --- one duty, one span ----------------------------------------------------------------------------


def test_a_start_and_its_end_a_clause_later_make_one_span(tmp_path: Path) -> None:
    target, result = extract(
        tmp_path,
        "街镇疫苗接种工作方案\n2021年7月起,继续做好前期未接种人群的补种工作,开展60岁以上的老年人接种工作,"
        "2021年12月底前完成接种。\n",
    )
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    assert [d[:2] for d in days(target).values()] == [(date(2021, 7, 1), date(2021, 12, 31))]
    assert "时间读不懂" not in target.read_text(encoding="utf-8")


# --- no duties ---------------------------------------------------------------------------------------

DRAFTS = [
    pytest.param(
        "街镇疫苗接种工作方案\n一、接种工作安排\n(一)第一阶段:3-6月份\n接种对象主要为18岁以上人群,2021年6月底前完成接种。\n"
        "(二)第二阶段:7-12月份\n开展60岁以上的老年人接种工作,2021年12月底前完成接种。\n",
        ["2021年6月底前", "2021年12月底前"],
        id="a phase heading over the deadline its body names is the phase's scope",
    ),
    pytest.param(
        "2014年学校植树节活动方案\n四、活动内容与时间安排\n(1)梁校长在班主任会议上动员发动(2月27日)\n"
        "(2)结合国旗下讲话,由环保班205班向全校同学发出倡议(3月8日)\n",
        ["2月27日", "3月8日"],
        id="a step's date in brackets closing its line is a duty's, not a date line",
    ),
    pytest.param(
        "2014年学校植树节活动方案\n1979年,第五届全国人民代表大会决定将每年的孙中山逝世纪念日(3月12日)定为我国的植树节。\n"
        "各班于3月16日前制作出本班标示牌。\n",
        ["3月16日前"],
        id="a sentence of history names no duty",
    ),
    pytest.param(
        "2023年春耕生产工作方案\n力争全镇2023年4月10日前插完早稻。\n"
        "确保我镇2023年全年粮食种植面积158万亩以上,粮食总产量56.2万吨以上。\n",
        ["2023年4月10日前"],
        id="a whole year's target is no span of work",
    ),
    pytest.param(
        "关于报送完成情况的通知\n双高办梳理了1-4月建设项目资金使用情况(表3)。\n"
        "各牵头单位要于2019年4月15日、7月15日前,将第一、第二季度责任事项完成情况报送市督查室。\n",
        ["2019年4月15日、7月15日前"],
        id="the period a report's figures cover is not its due day",
    ),
    pytest.param(
        "关于1-4月重点工作的推进情况通报\n未完成的标志性成果将在12月最终统计中反映,请仍以最终完成为目标。\n"
        "请各子项目于5月份赶上原进度计划。\n",
        ["5月"],
        id="a time that names a count or a review (在12月最终统计中) is not a due day",
    ),
    pytest.param(
        "关于2023年秋季学期开学的通知\n新生于9月1日到校报到,老生于9月4日返校。\n"
        "请各学院于2023年8月25日(星期五)下班前将返校名单报送学生处。\n",
        ["9月1日", "9月4日", "2023年8月25日(星期五)前"],
        id="students arrive on a day (新生于, not 生于 a birth) and a deadline after a weekday is one",
    ),
    pytest.param(
        "关于人口普查入户登记的通知\n据了解,此次普查入户登记将持续到12月10日。\n各乡镇于12月15日前报送登记进度。\n",
        ["12月15日前"],
        id="what a news report has learnt (据了解) is news",
    ),
    pytest.param(
        "关于开展全国爱牙日宣传活动的通知\n9月20日是全国爱牙日,今年的主题是口腔健康。\n"
        "各社区卫生服务中心要于9月15日前制定宣传方案。\n",
        ["9月15日前"],
        id="a commemorative day a sentence names is no duty",
    ),
    pytest.param(
        "关于做好第七次全国人口普查工作的通知\n普查以2020年11月1日零时为标准时点。\n"
        "各乡镇于2020年10月31日前完成户口整顿。\n",
        ["2020年10月31日前"],
        id="a census's standard moment is no due day",
    ),
    pytest.param(
        "第30个爱国卫生月活动\n国家卫生健康委员会4月9日上午在北京市海淀区召开新闻发布会,疾控局负责同志介绍了活动的相关情况。\n"
        "全国爱卫办决定于2018年4月开展第30个爱国卫生月活动。\n",
        ["2018年4月"],
        id="a meeting reported as held is news",
    ),
]


@pytest.mark.parametrize(("text", "expected"), DRAFTS)
def test_only_duties_are_drafted(tmp_path: Path, text: str, expected: list[str]) -> None:
    year = re.search(r"20\d\d", text)
    document, _ = drafted(tmp_path, text, "--year", year[0] if year else "2018")
    assert whens(document) == expected


def test_a_ban_notice_has_nothing_due(tmp_path: Path) -> None:
    target, result = extract(
        tmp_path,
        "化州市人民政府关于森林防火禁火的通告\n化府通〔2024〕10号\n一、禁火时间\n2024年9月30日至2025年4月30日。\n"
        "二、禁火规定\n在森林防火区野外禁止上坟烧纸、燃放烟花爆竹。\n特此通告。\n化州市人民政府\n2024年9月28日\n",
    )
    assert result.exit_code != 0 and not target.exists()  # type: ignore[attr-defined]
    assert "no dated duty" in result.stderr  # type: ignore[attr-defined]


# --- next month ----------------------------------------------------------------------------------------


def test_next_month_is_the_month_after_the_documents_date() -> None:
    assert dated("下月中旬", 2020, Frame(date(2020, 11, 27), ())).start == date(2020, 12, 11)  # type: ignore[union-attr]
    assert dated("下月底前", 2020, Frame(date(2020, 12, 3), ())).end == date(2021, 1, 31)  # type: ignore[union-attr]


def test_a_news_report_is_dated_by_the_meeting_it_reports(tmp_path: Path) -> None:
    # no signature: the report's date is the day of the meeting it reports, and 下月 is the month after it
    target, result = extract(
        tmp_path,
        "11月27日,正阳关镇召开了民生工程年度推进会,对2020年度民生工程项目进行年终推进。\n"
        "会议强调,所有民生工程项目下月中旬要全部竣工完成。\n",
        "--year",
        "2020",
    )
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    assert days(target)["下月中旬"][:2] == (date(2020, 12, 11), date(2020, 12, 20))


def test_next_month_in_an_undated_document_is_kept_for_the_reviewer(tmp_path: Path) -> None:
    document, text = drafted(
        tmp_path,
        "关于民生工程的通知\n所有民生工程项目下月中旬要全部竣工完成。\n各乡镇于6月底前报送进展。\n",
        "--year",
        "2020",
    )
    assert whens(document) == ["6月底前"]
    assert "时间读不懂" in text and "下月中旬" in text


# --- a template's blanks ---------------------------------------------------------------------------------


def test_a_templates_blank_weekday_gloss_is_read_past() -> None:
    # a model text leaves the weekday for its user to fill in, as it leaves the year: 3月16日(周__)之前
    assert dated("于3月16日(周__)之前", 2024).end == date(2024, 3, 16)  # type: ignore[union-attr]
    assert dated("3月23日(星期__)前", 2024).end == date(2024, 3, 23)  # type: ignore[union-attr]


# --- kept for the reviewer ----------------------------------------------------------------------------------

KEPT = [
    pytest.param(
        "关于报送2023年工作进展的通知\n请各责任单位于每月第一周报送上月工作进展情况。\n"
        "各单位于2023年1月10日前报送联络员名单。\n",
        ["2023年1月10日前"],
        "每月第一周",
        id="a recurring period read only in part (每月|第一周) is kept",
    ),
    pytest.param(
        "关于2023年秋季学期开学的通知\n1.2023年9月2日开始,各教学单位组织学生分批返校,9月4日正式上课。\n",
        ["9月4日"],
        "2023年9月2日开始",
        id="a start with no end is kept, never cut to a piece of its date",
    ),
    pytest.param(
        "关于2023年秋季学期开学的通知\n全校师生开学返校前一周,做好自我健康监测。\n各学院于9月1日前报送返校名单。\n",
        ["9月1日前"],
        "前一周",
        id="a time counted from an event the document does not date is kept",
    ),
]


@pytest.mark.parametrize(("text", "expected", "kept"), KEPT)
def test_an_unreadable_duty_time_is_kept_for_the_reviewer(
    tmp_path: Path, text: str, expected: list[str], kept: str
) -> None:
    document, written = drafted(tmp_path, text, "--year", "2023")
    assert whens(document) == expected
    comments = [line for line in written.splitlines() if line.startswith("# 时间读不懂")]
    assert any(kept in line for line in comments), comments


def test_a_dated_duty_of_a_past_year_is_never_dropped_as_history(tmp_path: Path) -> None:
    # a 2018 plan drafted with a wrong --year: its dated duties stay, in 2018, for the reviewer to see
    document, _ = drafted(tmp_path, "关于林区公路建设的通知\n各乡镇要于2018年6月底前完成验收。\n", "--year", "2024")
    assert whens(document) == ["2018年6月底前"]
