"""Drafts of the kinds of document the open half of sealed batch 5 (`tests/corpus/d-31`…`d-39`) showed the drafter
getting wrong (issue 21), each kind written as short documents of its own in other words and other domains, with
the expected draft, before the code was mended: a rule that mends a kind must draft these right, not only the
corpus sentence that showed it. Judged as `tests/test_draft_general.py` judges its documents.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from .conftest import run
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
    # a text with no date of its own whose first year is a goal stated before the steps, `到2025年，…`: it is written
    # before its first deadline, as a goal `到2025年底` already told
    Doc(
        "k04-goal-year-before-earlier-steps",
        "各县（市、区）人民政府，市直有关部门：\n为加快推进全市充电基础设施建设，提出如下意见。\n一、工作目标\n"
        "到2025年，全市建成公共充电桩5000个以上，基本满足新能源汽车充电需求。\n二、重点任务\n"
        "（一）编制专项规划。各县（市、区）应在2023年9月底前完成充电设施专项规划编制。\n"
        "（二）推进小区充电设施建设。2023年12月底前，新建住宅小区全部预留充电设施安装条件。\n",
        2023,
        (
            ("公共充电桩5000个", ("deadline", "2025-12-31")),
            ("专项规划编制", ("deadline", "2023-09-30")),
            ("预留充电设施", ("deadline", "2023-12-31")),
        ),
    ),
    Doc(
        "k05-strive-goal-year-before-earlier-steps",
        "各乡镇人民政府：\n为改善农村人居环境，现就农村生活污水治理提出以下意见。\n"
        "力争到2030年，全县农村生活污水治理率达到80%以上。\n"
        "各乡镇要在2024年6月底前完成治理设施摸底排查，建立台账。\n",
        2024,
        (
            ("污水治理率达到80%", ("deadline", "2030-12-31")),
            ("治理设施摸底排查", ("deadline", "2024-06-30")),
        ),
    ),
    # a plan's window in brackets after its name (…实施方案(2023—2025年)), on its own title line or in a page's
    # record of the notice that prints it: the span the plan covers, over the duties that date its steps
    Doc(
        "k06-plan-window-on-its-title-line-and-record",
        "名 称: | 市农业农村局关于印发高标准农田建设实施方案(2023—2025年)的通知 |\n"
        "文 号: | X农发〔2023〕5号 |\n各县（区）农业农村局：\n现将实施方案印发给你们，请结合实际抓好落实。\n"
        "高标准农田建设实施方案(2023—2025年)\n一、年度安排\n"
        "2023年10月底前，各县（区）完成年度项目初步设计批复。\n2024年6月底前，完成2023年度项目竣工验收。\n",
        2023,
        (
            ("初步设计批复", ("deadline", "2023-10-31")),
            ("竣工验收", ("deadline", "2024-06-30")),
        ),
    ),
    Doc(
        "k07-campaign-window-on-its-heading",
        "关于印发《XX区创建全国文明城区三年行动方案》的通知\n各街道办事处，区直各部门：\n"
        "现将《XX区创建全国文明城区三年行动方案》印发给你们，请认真贯彻执行。\nXX区人民政府办公室\n2021年3月8日\n"
        "XX区创建全国文明城区三年行动方案（2021-2023年）\n"
        "一、各街道于2021年5月31日前完成背街小巷环境整治。\n"
        "二、区城管局于2021年9月30日前完成农贸市场提升改造。\n"
        "三、各街道报送整改工作方案（2021年4月15日前）。\n",
        2021,
        (
            ("背街小巷环境整治", ("deadline", "2021-05-31")),
            ("农贸市场提升改造", ("deadline", "2021-09-30")),
            ("整改工作方案", ("deadline", "2021-04-15")),  # a due day in brackets after a plan's name stays one
        ),
    ),
    # a projection of figures (据测算，到2025年…将达到, 有可能突破): what is foreseen, no duty
    Doc(
        "k08-projection-of-population",
        "XX县“十四五”养老服务体系建设规划\n一、发展形势\n"
        "据测算，到2025年，全县60岁以上老年人口将达到12.6万人，占总人口的28%左右。\n"
        "二、主要任务\n各乡镇于2022年6月底前完成养老服务设施摸底调查。\n"
        "XX县人民政府办公室\n2022年3月1日\n",
        2022,
        (("养老服务设施摸底调查", ("deadline", "2022-06-30")),),
    ),
    Doc(
        "k09-forecast-may-exceed",
        "关于做好2023年城市供水保障工作的通知\n各供水企业：\n"
        "据预测，今年7月至8月全市日最高供水量有可能突破150万立方米。"
        "各供水企业要于2023年5月31日前完成供水设施检修，确保高峰期供水安全。\n"
        "XX市水务局\n2023年4月20日\n",
        2023,
        (("供水设施检修", ("deadline", "2023-05-31")),),
    ),
    # a goal's cumulative figure (到2025年，全省累计建成…) is the goal, not a report of work done (已累计建成 is one)
    Doc(
        "k12-cumulative-goal",
        "XX省5G网络建设三年行动计划\n一、发展基础\n截至2022年底，全省已累计建成5G基站8万个。\n二、发展目标\n"
        "到2025年，全省累计建成5G基站15万个以上，实现县城以上区域5G网络全覆盖。\n"
        "三、推进步骤\n2023年6月底前，各市完成5G站址规划修编。\n"
        "XX省通信管理局\n2023年1月20日\n",
        2023,
        (
            ("5G基站15万个", ("deadline", "2025-12-31")),
            ("站址规划修编", ("deadline", "2023-06-30")),
        ),
    ),
    # a multi-year plan's goals by year: a bare year opening a sentence (2023年，完成…) is the phase of that year; a
    # year before the plan's own (2023年，全县新建… in a plan of 2024) is what was done, and in a one-year plan the
    # year's goal is its target for the year, dated only by its title (as the corpus labels one)
    Doc(
        "k10-phases-by-bare-year",
        "XX市农村公路提质改造三年行动方案（2023—2025年）\n一、目标任务\n"
        "2023年，完成农村公路提质改造300公里，启动县乡道安全生命防护工程。2024年，完成提质改造400公里。"
        "2025年，完成提质改造300公里，基本实现较大人口规模自然村通硬化路。\n"
        "XX市人民政府办公室\n2023年2月15日\n",
        2023,
        (
            ("启动县乡道安全生命防护工程", ("span", "2023-01-01", "2023-12-31")),
            ("提质改造400公里", ("span", "2024-01-01", "2024-12-31")),
            ("较大人口规模自然村", ("span", "2025-01-01", "2025-12-31")),
        ),
    ),
    Doc(
        "k11-a-past-year-is-no-phase",
        "XX县高标准农田建设三年行动方案（2024—2026年）\n一、基本情况\n"
        "2023年，全县新建高标准农田3万亩，建成省级示范区1个。截至2023年底，全县已累计建成高标准农田50万亩。\n"
        "二、目标任务\n2024年，全县新建高标准农田4万亩，完成农田灌溉设施改造。2025年，新建高标准农田5万亩。"
        "到2026年，全县累计建成高标准农田65万亩。\n"
        "XX县农业农村局\n2024年3月5日\n",
        2024,
        (
            ("新建高标准农田4万亩", ("span", "2024-01-01", "2024-12-31")),
            ("新建高标准农田5万亩", ("span", "2025-01-01", "2025-12-31")),
            ("累计建成高标准农田65万亩", ("deadline", "2026-12-31")),
        ),
    ),
    Doc(
        "k13-a-one-year-plan-s-year-is-its-target",
        "XX镇2024年农村人居环境整治工作方案\n一、工作目标\n"
        "2024年，全镇完成农村户厕改造300户，建成美丽庭院示范户50户。\n"
        "二、时间安排\n各村于2024年4月30日前完成摸底调查。各村于10月底前完成户厕改造任务。\n"
        "XX镇人民政府\n2024年3月1日\n",
        2024,
        (
            ("摸底调查", ("deadline", "2024-04-30")),
            ("户厕改造任务", ("deadline", "2024-10-31")),
        ),
    ),
    # a row under a cell that spans it (a day over its morning and afternoon), copied from a web page with its cells
    # moved left and an empty cell at its end: its cells go back under their columns, the spanning cell from above
    Doc(
        "k14-day-spanning-two-rows-copied-left",
        "2023年全市基层干部培训班日程\n日期 | 时间 | 内容\n"
        "| 5月8日 | 08:30-09:00 | 报到注册 |\n| 09:00-11:30 | 开班式及专题讲座 | |\n"
        "| 5月9日 | 08:30-11:30 | 现场教学 |\n| 14:00-16:00 | 分组讨论及结业 | |\n",
        2023,
        (
            ("报到注册", ("day", "2023-05-08")),
            ("开班式及专题讲座", ("day", "2023-05-08")),
            ("现场教学", ("day", "2023-05-09")),
            ("分组讨论及结业", ("day", "2023-05-09")),
        ),
        table=True,
    ),
    Doc(
        "k15-stage-spanning-rows-copied-left",
        "XX区2022年安全生产专项整治工作安排\n阶段 | 时间 | 工作内容 | 责任单位\n"
        "| 自查自改 | 2022年5月1日—5月31日 | 各企业对照清单开展自查 | 各街道 |\n"
        "| 2022年6月1日—6月15日 | 建立隐患整改台账 | 区应急管理局 | |\n"
        "| 督导检查 | 2022年6月16日—8月31日 | 组织督导组开展检查 | 区安委办 |\n",
        2022,
        (
            ("对照清单开展自查", ("span", "2022-05-01", "2022-05-31")),
            ("隐患整改台账", ("span", "2022-06-01", "2022-06-15")),
            ("督导组开展检查", ("span", "2022-06-16", "2022-08-31")),
        ),
        table=True,
    ),
    # a place's goal for a year, its name before the year (武汉市2017年…下降15%以上, 其他城市2025年…): that year's phase
    # of a multi-year plan, as a year alone opening the sentence is; a base year (较2020年) is none
    Doc(
        "k16-a-place-s-goal-for-a-year",
        "XX省空气质量持续改善行动方案\n一、主要目标\n"
        "到2025年，全省细颗粒物（PM2.5）平均浓度较2020年下降10%。\n"
        "省会城市2024年细颗粒物年均浓度较2020年下降8%以上。\n"
        "其他设区市2025年细颗粒物年均浓度达到国家二级标准。\n"
        "二、重点任务\n各设区市于2023年9月底前完成大气污染源清单编制。\n"
        "XX省人民政府\n2023年6月30日\n",
        2023,
        (
            ("全省细颗粒物", ("deadline", "2025-12-31")),
            ("省会城市", ("span", "2024-01-01", "2024-12-31")),
            ("其他设区市", ("span", "2025-01-01", "2025-12-31")),
            ("污染源清单编制", ("deadline", "2023-09-30")),
        ),
    ),
]


@pytest.mark.parametrize("doc", DOCS, ids=[d.name for d in DOCS])
def test_a_kind_the_open_half_of_batch_5_showed_is_drafted_right(doc: Doc, tmp_path: Path) -> None:
    assert faults(doc, tmp_path) == []


def test_a_table_a_page_shows_twice_is_drafted_once_and_the_draft_says_so(tmp_path: Path) -> None:
    """A web page that shows its table twice (a print view under the page, as d-39's meeting schedule came): each
    row is one duty, drafted once; the draft tells the reviewer which rows repeated earlier ones."""
    source = tmp_path / "schedule.txt"
    table = "时间 | 检查内容 | 责任单位\n4月10日前 | 水库安全检查 | 县水利局\n4月20日前 | 河道行洪障碍清理 | 各乡镇\n"
    source.write_text(f"XX县2023年汛前检查工作安排\n{table}打印本页\n{table}", encoding="utf-8")
    target = tmp_path / "schedule.yaml"
    result = run("import", str(source), "-o", str(target))
    assert result.exit_code in (0, 1), result.stderr
    text = target.read_text(encoding="utf-8")
    draft = yaml.safe_load(text)
    tasks = [t for s in draft.get("stages", []) for t in s["tasks"]] + draft.get("tasks", [])
    assert [(t["when"], t["task"]) for t in tasks] == [("4月10日前", "水库安全检查"), ("4月20日前", "河道行洪障碍清理")]
    # rows counted from the table's header, as the draft's other notes count them
    assert "# 请检查：第 6 行与第 2 行相同" in text
    assert "# 请检查：第 7 行与第 3 行相同" in text


def test_a_headline_under_a_page_s_bulleted_record_is_the_title(tmp_path: Path) -> None:
    """A government page copied with its record as a bulleted list (• [ 索引号 ] • … • [ 发布日期 ] • 2024-03-05)
    over the headline, as d-36's town page came: the headline is the draft's title, not the file's name."""
    source = tmp_path / "page.txt"
    source.write_text(
        "您当前的位置:首页>政务公开>通知公告\n"
        "    • [ 索引号 ]\n    • 11500000/2024-00012 \n    • [ 发布机构 ]\n    • 某某区农业农村委 \n"
        "    • [ 发布日期 ]\n    • 2024-03-05 \n\n"
        "全区春季农业生产现场会部署春耕备耕工作\n\n"
        "会议要求，各镇街于3月20日前完成春耕物资储备情况摸底，并报区农业农村委。\n",
        encoding="utf-8",
    )
    target = tmp_path / "page.yaml"
    result = run("extract", str(source), "-o", str(target))
    assert result.exit_code == 0, result.stderr
    draft = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert draft["title"] == "全区春季农业生产现场会部署春耕备耕工作"
    assert draft["year"] == 2024


def test_a_meeting_a_report_says_was_held_is_not_shown_as_an_unreadable_time(tmp_path: Path) -> None:
    """A news report's `4月1日,水利部会商…,安排部署重点工作` (d-32): its day was read, and it is the day a meeting was
    held; the draft must not tell the reviewer that no time could be read near it, while the report's real
    deadline is drafted."""
    source = tmp_path / "report.txt"
    source.write_text(
        "县农业农村局部署春耕备耕工作\n"
        "3月5日,县农业农村局召开春耕生产调度会,安排部署春耕备耕重点工作。\n"
        "会议要求，各乡镇于2024年3月20日前将春耕物资储备情况报县农业农村局。\n",
        encoding="utf-8",
    )
    target = tmp_path / "report.yaml"
    result = run("extract", str(source), "-o", str(target))
    assert result.exit_code == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    draft = yaml.safe_load(text)
    assert [t["when"] for t in draft["tasks"]] == ["2024年3月20日前"]
    assert "读不懂" not in text
