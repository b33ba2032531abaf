"""Drafts of the kinds of document a clerk is handed beyond the open corpus (issue 21): notices in traditional
characters, pinyin glosses inside the text, signatures written in Chinese numerals."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml

from .conftest import run


def drafted(tmp_path: Path, text: str) -> dict[str, object]:
    """Extract a notice with no --year (the draft must find its own) and return the draft as loaded."""
    source = tmp_path / "notice.txt"
    source.write_text(text, encoding="utf-8")
    target = tmp_path / "draft.yaml"
    result = run("extract", str(source), "-o", str(target), "--force")
    assert result.exit_code == 0, result.stderr
    return yaml.safe_load(target.read_text(encoding="utf-8"))


def tasks(document: dict[str, object]) -> list[str]:
    """Each drafted task's time, in the draft's order (one sentence may give several)."""
    found = [t for s in document.get("stages", []) for t in s["tasks"]] + document.get("tasks", [])  # type: ignore[attr-defined]
    return [str(t["when"]) for t in found]


def test_a_signature_in_chinese_numerals_with_any_digit_dates_the_notice(tmp_path: Path) -> None:
    # 二〇一九 holds a 九: the signature is still the notice's date, and 今年 is read against it
    document = drafted(
        tmp_path,
        "運輸署關於公共交通安全檢查的通知\n各區運輸辦事處：\n"
        "一、各區須於今年6月底前完成轄區內巴士站的安全檢查，並將檢查報告報送運輸署。\n"
        "運輸署\n二〇一九年一月十五日\n",
    )
    assert document["year"] == 2019
    assert document["issued"] == date(2019, 1, 15)


def test_a_pinyin_gloss_inside_a_time_does_not_change_its_reading(tmp_path: Path) -> None:
    document = drafted(
        tmp_path,
        "关于开展城区(qū)环境卫生整治工作的通知\n各街道办事处：\n"
        "一、各单位于6月30日(rì)前报送工作总结。\n"
        "二、各街道要在4月15日(rì)前完成背街小巷卫生死角清理(qīng lǐ)。\n"
        "2021年3月10日\n",
    )
    assert document["year"] == 2021
    assert sorted(tasks(document)) == ["4月15日前", "6月30日前"]


def test_the_month_of_a_monthly_duty_is_each_cycles_not_the_notices(tmp_path: Path) -> None:
    # dated by its signature, the notice still does not make 当月 its own March: 当月 is each month's
    document = drafted(
        tmp_path,
        "关于加强事故统计上报工作的通知\n各市安全生产委员会办公室：\n"
        "上报时间调整为:县(市、区)每月28日前上报当月事故数据,统计周期为上月25日至当月24日,必须在当月补报。\n"
        "二○○六年三月二十二日\n",
    )
    assert document["issued"] == date(2006, 3, 22)
    assert sorted(tasks(document)) == ["每月28日前"]


def imported(tmp_path: Path, text: str) -> tuple[dict[str, object], str]:
    """Import a table copied from a page, with no --year, and return the draft as loaded and what the command
    said."""
    source = tmp_path / "table.txt"
    source.write_text(text, encoding="utf-8")
    target = tmp_path / "draft.yaml"
    result = run("import", str(source), "-o", str(target), "--force")
    assert result.exit_code == 0, result.stderr
    return yaml.safe_load(target.read_text(encoding="utf-8")), result.output


def rows(document: dict[str, object]) -> list[dict[str, object]]:
    return [t for s in document.get("stages", []) for t in s["tasks"]] + document.get("tasks", [])  # type: ignore[attr-defined]


PLANNED = (
    "2021年重点项目推进情况表\n",
    ["项目名称", "计划起止", "实际起止", "责任单位"],
    [
        ["城区供水管网改造", "2021.3-2021.10", "2021.4-2021.11", "市水务局"],
        ["垃圾分类示范小区建设", "2021.5-2021.12", "2021.6-2021.12", "市城管局"],
    ],
)


def test_the_planned_column_is_the_time_and_the_actual_one_a_note(tmp_path: Path) -> None:
    title, header, body = PLANNED
    for text in (
        title + "".join(" | ".join(row) + "\n" for row in [header, *body]),  # a | b | c
        title + "".join(line + "\n" for row in [header, *body] for line in row),  # one cell a line
    ):
        document, _ = imported(tmp_path, text)
        assert [(t["task"], t["when"], t["units"]) for t in rows(document)] == [
            ("城区供水管网改造", "2021.3-2021.10", "市水务局"),
            ("垃圾分类示范小区建设", "2021.5-2021.12", "市城管局"),
        ]
        assert [t["notes"] for t in rows(document)] == ["实际起止：2021.4-2021.11", "实际起止：2021.6-2021.12"]


def test_a_traditional_table_gives_its_office_column_as_units_and_its_leader_as_a_note(tmp_path: Path) -> None:
    document, stderr = imported(
        tmp_path,
        "2019年教育局重點工作任務分解\n序號 | 工作任務和內容 | 完成時限 | 分管負責人 | 責任處室\n"
        "1 | 修訂中小學學籍管理辦法 | 2019年5月底前 | 張三 | 基礎教育處\n"
        "2 | 完成教師資格認定工作 | 6月30日前 | 李四 | 人事處\n",
    )
    assert document["year"] == 2019
    assert [(t["when"], t["units"], t["notes"]) for t in rows(document)] == [
        ("2019年5月底前", "基礎教育處", "分管負責人：張三"),
        ("6月30日前", "人事處", "分管負責人：李四"),
    ]
    assert "分管負責人" in stderr


def test_an_empty_actual_cell_in_a_copied_table_does_not_shift_the_row(tmp_path: Path) -> None:
    # a copy leaves no mark for an empty cell: by runs of spaces, or one cell a line
    title, header, body = PLANNED
    body = [*body, ["老旧小区改造", "2021.6-2022.6", "", "市住建局"]]
    for text in (
        title + "".join("   ".join(cell for cell in row if cell) + "\n" for row in [header, *body]),
        title + "".join(cell + "\n" for row in [header, *body] for cell in row if cell),
    ):
        document, _ = imported(tmp_path, text)
        last = rows(document)[-1]
        assert (last["task"], last["when"], last["units"]) == ("老旧小区改造", "2021.6-2022.6", "市住建局")
        assert "notes" not in last


def test_a_census_notices_birth_ranges_and_reference_moments_are_no_duties(tmp_path: Path) -> None:
    document = drafted(
        tmp_path,
        "发布时间：2021-03-15 10:22:31  来源：市统计局\n关于做好第七次全国人口普查数据发布工作的通知\n各区县统计局：\n"
        "第七次全国人口普查标准时点为2020年11月1日零时。\n"
        "一、各区县统计局要在4月20日前完成本地区普查数据的审核汇总，并报市统计局。\n"
        "二、普查对象为2020年10月31日24时前出生、11月1日零时尚存活的人口，出生于1990年1月1日至2000年12月31日的人口单独汇总。\n"
        "三、5月底前，各区县发布本地区普查主要数据公报。\n"
        "市统计局\n2021年3月12日\n",
    )
    assert document["year"] == 2021
    assert sorted(tasks(document)) == ["4月20日前", "5月底前"]


def test_next_year_is_read_against_the_notices_date(tmp_path: Path) -> None:
    document = drafted(
        tmp_path,
        "关于报送年度税收收入完成情况的通知\n各县（区）税务局：\n"
        "截至2019年9月30日，全市累计完成税收收入85.6亿元，同比增长6.2%。\n"
        "请各单位于明年1月10日前报送全年税收完成情况分析。\n"
        "明年底前完成欠税清理。\n"
        "某市税务局办公室\n2019年10月8日\n",
    )
    assert document["year"] == 2019
    assert sorted(tasks(document)) == ["2020年1月10日前", "2020年底前"]


def test_next_year_in_a_notice_without_a_date_is_kept_for_the_reviewer(tmp_path: Path) -> None:
    source = tmp_path / "notice.txt"
    source.write_text(
        "2019年度欠税清理工作方案\n一、请各单位于明年1月10日前报送全年税收完成情况分析。\n", encoding="utf-8"
    )
    result = run("extract", str(source), "-o", str(tmp_path / "draft.yaml"))
    assert result.exit_code != 0
    assert "明年" in result.output


def test_a_date_in_brackets_under_the_title_or_with_yinfa_is_the_notices_date(tmp_path: Path) -> None:
    for lines in (
        (
            "关于印发城市环境综合整治实施方案的通知",
            "（2018年5月10日）",
            "各区人民政府：",
            "一、今年6月30日前，各区完成排查。",
        ),
        ("关于开展安全生产大检查的通知", "各镇（街道）：", "一、今年6月30日前，各单位完成自查。", "2018年5月10日印发"),
    ):
        document = drafted(tmp_path, "\n".join(lines) + "\n")
        assert document["issued"] == date(2018, 5, 10)
        assert list(tasks(document)) == ["今年6月30日前"]


def test_a_month_written_with_fen_that_starts_a_monthly_duty_is_no_task_of_its_own(tmp_path: Path) -> None:
    document = drafted(
        tmp_path,
        "关于报送月度数据的通知\n各有关单位：\n各单位于6月份起开展巡查，每月10日前报送上月巡查记录。\n市统计局\n2019年1月10日\n",
    )
    # (and since issue 21's d-49 the monthly duty is due from that start on, the start written into its time)
    assert list(tasks(document)) == ["从6月起，每月10日前"]


def test_a_window_of_years_beside_a_due_day_is_the_duties_scope(tmp_path: Path) -> None:
    # another plan's window cited without 《》 (2022—2024年污染源普查) is not a task of 2022–2024
    document = drafted(
        tmp_path,
        "关于上半年环境保护工作情况的通报\n各区县生态环境分局：\n"
        "按照省生态环境厅关于开展2022—2024年污染源普查的部署，各区县要于10月底前完成普查清查。\n"
        "市生态环境局\n2022年7月15日\n",
    )
    assert tasks(document) == ["10月底前"]


def test_a_notice_about_last_years_annual_work_takes_the_year_it_is_issued(tmp_path: Path) -> None:
    # the 2023年度 inspection is done in 2024: the page's date says so, and its 5月31日 is 2024's
    for dated_by in ("发布日期: 2024-03-18\n", "- 发布日期:\n2024-03-18 - 来源:\n"):
        document = drafted(
            tmp_path,
            "西夏区民政局关于开展2023年度社会组织年检年报工作的通知\n" + dated_by + "各社会组织：\n"
            "一、各社会组织须于5月31日前报送2023年度工作报告。\n",
        )
        assert document["year"] == 2024
        assert tasks(document) == ["5月31日前"]


def test_a_forwarding_notice_whose_only_year_is_the_cited_notices_takes_it(tmp_path: Path) -> None:
    document = drafted(
        tmp_path,
        "现将国家工商行政管理总局《关于切实做好2012年元旦、春节期间流通环节食品安全监管工作的通知》转发给你们。\n"
        "各地要于1月10日前将检查情况报送省局食品处。\n",
    )
    assert document["year"] == 2012
    assert tasks(document) == ["1月10日前"]


def test_a_report_of_what_was_done_by_a_day_is_no_duty(tmp_path: Path) -> None:
    document = drafted(
        tmp_path,
        "关于上半年全市住房保障工作情况的报告\n市人民政府：\n"
        "到2020年底，全市已累计建成保障性住房3.2万套。\n"
        "至5月底，已发放租赁补贴1.1万户。\n"
        "5月份，全市新开工安置房同比增长12%。\n"
        "下一步，我们将于9月底前完成剩余项目开工。\n"
        "市住房和城乡建设局\n2021年7月5日\n",
    )
    assert tasks(document) == ["9月底前"]


def test_an_actual_date_beside_a_planned_one_is_no_duty(tmp_path: Path) -> None:
    document = drafted(
        tmp_path,
        "关于城区供水管网改造工程进展情况的通报\n各有关单位：\n"
        "城区供水管网改造工程原计划于2021年6月底完成，实际于2021年8月15日完工。\n"
        "垃圾分类示范小区建设计划5月开工，实际6月10日开工。\n"
        "市水务局\n2021年9月1日\n",
    )
    assert tasks(document) == ["2021年6月底", "5月"]


def test_a_birth_year_or_a_year_since_is_not_the_notices_year(tmp_path: Path) -> None:
    document = drafted(
        tmp_path,
        "关于做好适龄儿童入学登记工作的通知\n各小学：\n"
        "凡2015年9月1日至2016年8月31日出生的适龄儿童均应登记。自2008年以来，我区入学登记工作逐步规范。\n"
        "各校于2022年5月20日前完成登记，6月10日前报送名册。\n",
    )
    assert document["year"] == 2022
    assert tasks(document) == ["2022年5月20日前", "6月10日前"]


def test_a_deadline_with_a_time_of_day_inside_a_sentence_is_drafted(tmp_path: Path) -> None:
    # the hour after the day (下午5点, 17:00, 下午三点, 12時) is part of the deadline, not the end of what was read
    document = drafted(
        tmp_path,
        "关于报送参赛作品的通知\n各学校：\n"
        "一、请于4月26日下午5点前报送参赛作品。\n"
        "二、报送参赛视频资料的时间推迟到4月28日下午5点。\n"
        "三、整改情况请于5月6日17:00前报县教育局。\n"
        "四、请各处室于5月8日(本周三)下午三点前将电子版发送至督导办。\n"
        "五、各校要在5月12日12時前完成网上填报。\n"
        "县教育局\n2020年4月17日\n",
    )
    assert tasks(document) == [
        "4月26日下午5点前",
        "到4月28日下午5点",
        "5月6日17:00前",
        "5月8日(本周三)下午三点前",
        "5月12日12時前",
    ]


def kept(tmp_path: Path, text: str) -> tuple[dict[str, object], str, str]:
    """Extract a notice with no --year; the draft as loaded, its text and its review page."""
    document = drafted(tmp_path, text)
    return (
        document,
        (tmp_path / "draft.yaml").read_text(encoding="utf-8"),
        (tmp_path / "draft.review.html").read_text(encoding="utf-8"),
    )


def test_a_deadline_before_an_event_with_no_date_is_kept_with_its_reason(tmp_path: Path) -> None:
    # 秋季开学前, 汛期前, 春节前后: a deadline the language cannot date (春节前 it can: the day before the holiday); the reviewer is told, the readable duty stays
    document, draft, page = kept(
        tmp_path,
        "关于做好校舍安全工作的通知\n各学校：\n"
        "一、各学校要在秋季开学前完成校舍安全排查。\n"
        "二、各乡镇要于汛期前完成山塘水库安全检查。\n"
        "三、春节前后，各单位要完成一次消防安全自查。\n"
        "四、排查结果于8月25日前报县教育局。\n"
        "县教育局\n2021年8月2日\n",
    )
    assert tasks(document) == ["8月25日前"]
    for anchor, sentence in (("秋季开学前", "校舍安全排查"), ("汛期前", "山塘水库"), ("春节前后", "消防安全自查")):
        comment = next(line for line in draft.splitlines() if sentence in line and line.startswith("# "))
        assert f"“{anchor}”" in comment and ("没有日期" in comment or "不是确定的日期" in comment), comment
        assert f"“{anchor}”" in page


def test_a_census_reference_moment_is_no_duty_and_not_the_notices_year(tmp_path: Path) -> None:
    # a preparatory notice of 2019 names the census moment of 2020: the deadline is 2019's
    document = drafted(
        tmp_path,
        "关于做好人口普查前期准备工作的通知\n各乡镇人民政府：\n"
        "第七次全国人口普查标准时点为2020年11月1日零时。各乡镇要于12月31日前完成普查区域划分和绘图工作。\n"
        "县人口普查领导小组办公室\n2019年11月25日\n",
    )
    assert (document["year"], tasks(document)) == (2019, ["12月31日前"])
    # with no other date the moment is still no duty, and a year taken from it says what it is
    source = tmp_path / "moment.txt"
    source.write_text(
        "人口普查入户登记安排\n普查标准时点为2020年11月1日零时。各乡镇要于10月31日前完成户口整顿。\n", encoding="utf-8"
    )
    result = run("extract", str(source), "-o", str(tmp_path / "moment.yaml"))
    draft = (tmp_path / "moment.yaml").read_text(encoding="utf-8")
    assert result.exit_code == 0, result.stderr
    assert tasks(yaml.safe_load(draft)) == ["10月31日前"]
    assert "标准时点" in next(line for line in draft.splitlines() if line.startswith("year:"))


def test_the_year_of_a_reference_number_in_any_bracket_or_of_a_cited_one(tmp_path: Path) -> None:
    for head, year in (
        ("X教发[2019]12号", 2019),
        ("临政发(2018)5号", 2018),
        ("临政发（2017）5号", 2017),
        ("临政发［2016］5号", 2016),
        ("临政发【2015】5号", 2015),
    ):
        document = drafted(
            tmp_path, f"县教育局文件\n{head}\n关于开展校园安全排查的通知\n各学校：\n各校于9月6日前报送排查情况。\n"
        )
        assert document["year"] == year, head
    # a notice that carries out a cited one names only the cited reference number: the year it was cited in
    document = drafted(
        tmp_path,
        "秋季开学工作检查通知\n为贯彻落实《省教育厅关于组织开展秋季开学工作检查的通知》(浙教电传〔2014〕301号)精神，"
        "决定开展开学工作检查。\n各学校于9月10日前报送自查报告。\n",
    )
    assert document["year"] == 2014
    assert "引用" in (tmp_path / "draft.yaml").read_text(encoding="utf-8").split("year:")[1].splitlines()[0]


def test_a_plan_of_several_years_takes_its_first_year(tmp_path: Path) -> None:
    document = drafted(
        tmp_path,
        "农村生活污水治理三年行动方案（2021—2023年）\n于2021年底前，完成30个行政村治理；2023年底前，实现全覆盖。\n",
    )
    assert document["year"] == 2021


def test_work_a_news_report_says_was_deployed_or_required_for_a_time_ahead_is_a_duty(tmp_path: Path) -> None:
    # the meeting and the notices are news; the work they set for the festival or a window ahead is still due
    document = drafted(
        tmp_path,
        "市森林防火办多举措做好春节期间防火工作\n"
        "1月28日，市森林防火办公室组织召开全市森林防火专题会议，扎实做好春节期间森林防火工作。\n"
        "近日，省安委会接连下发通知，要求从9月10日至10月15日实行安全生产“零报告”制度。\n"
        "1月30日，市应急管理局召开会议，传达全省会议精神。\n"
        "市森林防火办公室\n2019年1月29日\n",
    )
    assert tasks(document) == ["春节期间", "从9月10日至10月15日"]


def test_a_traditional_script_copy_is_read_as_its_simplified_text(tmp_path: Path) -> None:
    # a mirror site's copy: its stamp (發布時間), its reference number (號) and its news (召開) read as in simplified
    # script, and the draft keeps the document's own characters
    document = drafted(
        tmp_path,
        "發布時間：2022-03-09 10:15  來源：縣政府辦公室\n臨政辦發〔2021〕15號\n關於做好春季森林防火工作的通知\n"
        "各鄉鎮人民政府：\n3月1日，縣政府召開會議，研究森林防火工作。\n一、各鄉鎮要於3月31日前完成林區火源隱患排查。\n",
    )
    assert (document["year"], document["title"], tasks(document)) == (
        2021,
        "關於做好春季森林防火工作的通知",
        ["3月31日前"],
    )


def test_a_deadline_closes_its_clause_and_a_phase_window_is_closed_by_its_deadline(tmp_path: Path) -> None:
    document, draft, _ = kept(
        tmp_path,
        "关于开展寝室评比和统计调查的通知\n各学院：\n"
        # 前 closes a clause: 7月20日前,下半年 is no list of two times
        "一、上半年报表上报时间为7月20日前,下半年报表上报时间为次年3月11日前。\n"
        # a phase's window and the deadline on its last day are one duty, due by that day
        "二、第二阶段(11月15日—11月30日),各学院在11月30日前完成自查。\n"
        # a bare year before 前, and a year dated by a holiday after it, are kept for the reviewer
        "三、2018年前“清四乱”专项行动见到明显成效，全面完成整治任务。\n"
        "四、拟从2016年春节后正式启动试点改革工作。\n"
        "五、不折不扣完成全年生产任务。\n"
        "学生处\n2021年10月12日\n",
    )
    assert tasks(document) == ["7月20日前", "次年3月11日前", "11月30日前", "全年"]
    assert "“2018年前”" in draft and "只读出了“从2016年”" in draft
