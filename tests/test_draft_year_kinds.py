"""Where a document states its year in a way the year finder missed, and a deadline of the next year in a notice
issued as a year ends: the kinds the sealed part's totals by how the draft's year went pointed at (tables one cell a
line refused although their labels give a year, drafts in another year, tasks in the wrong year of a right draft),
each as a short made-up document written before the mend and judged as in `tests/test_draft_general.py`; no sealed
document was opened. Each also asserts where the draft says its year came from, as a reviewer reads it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from .conftest import run
from .test_draft_general import Doc, faults


def _cells(title: str, rows: tuple[tuple[str, str, str], ...], below: str = "") -> str:
    """A task table copied one cell a line under its title (序号, 工作任务, 完成时限, 责任单位)."""
    cells = [title, "序号", "工作任务", "完成时限", "责任单位"]
    for number, (task, when, unit) in enumerate(rows, 1):
        cells += [str(number), task, when, unit]
    return "\n".join(cells) + "\n" + below


_ROWS = (("制定植树造林实施方案", "3月底前", "县林业局"), ("开展春季督导检查", "6月30日前", "县督查室"))
_DUTIES = (("实施方案", ("deadline", "2019-03-31")), ("督导检查", ("deadline", "2019-06-30")))

DOCS = [
    # a title typed with the letter O for a zero (2O19年), as a clerk's copy or an OCR has it, over a table one cell a
    # line: its year, as a signature's 2O2O年 already was
    (
        Doc(
            "y01-letter-o-in-a-table-s-title", _cells("2O19年植树造林工作任务分解表", _ROWS), 2019, _DUTIES, table=True
        ),
        "2O19年",
    ),
    # the year of a table's title on a line of its own under it, as a 年度 in brackets (（2019年度）): the year the
    # table's work is of
    (
        Doc(
            "y02-a-year-in-brackets-under-a-table-s-title",
            _cells("XX县重点工作任务分解表\n（2019年度）", _ROWS),
            2019,
            _DUTIES,
            table=True,
        ),
        "2019年度",
    ),
    # a time column whose only years are ranges of two years without 年 (2019-2020, as the reader takes them): the
    # first of them, as a range with 年 (（2021—2023年）) gives it
    (
        Doc(
            "y03-a-range-of-two-years-in-the-time-cells-only",
            _cells(
                "XX县重点工作任务分解表",
                (("完善长效管护机制", "2019-2020", "县水利局"), ("开展春季督导检查", "6月30日前", "县督查室")),
            ),
            2019,
            (("长效管护", ("span", "2019-01-01", "2020-12-31")), ("督导检查", ("deadline", "2019-06-30"))),
            table=True,
        ),
        "2019-2020",
    ),
    # a reference number typed with the letter O (X镇发〔2O19〕5号) or in Chinese numerals (〔二〇一九〕): the year
    (
        Doc(
            "y04-letter-o-in-a-reference-number",
            "X镇发〔2O19〕5号\n关于做好春季植树工作的通知\n各村（社区）：\n一、3月10日前，各村上报植树计划。\n"
            "二、4月底前，完成植树任务。\n",
            2019,
            (("植树计划", ("deadline", "2019-03-10")), ("完成植树任务", ("deadline", "2019-04-30"))),
        ),
        "文号",
    ),
    (
        Doc(
            "y05-chinese-numerals-in-a-reference-number",
            "X镇发〔二〇一九〕5号\n关于做好春季植树工作的通知\n各村（社区）：\n一、3月10日前，各村上报植树计划。\n"
            "二、4月底前，完成植树任务。\n",
            2019,
            (("植树计划", ("deadline", "2019-03-10")), ("完成植树任务", ("deadline", "2019-04-30"))),
        ),
        "文号",
    ),
    # a title that names the year past's summary and the coming year's plan (2018年工作总结和2019年工作计划): its
    # deadlines are the plan's, in the later year
    (
        Doc(
            "y07-a-summary-and-a-plan-in-one-title",
            "XX镇2018年工作总结和2019年工作计划\n一、2018年工作总结\n全年完成植树造林1000亩。\n二、2019年工作计划\n"
            "1.3月底前，完成春季植树。\n2.6月底前，完成森林抚育。\n",
            2019,
            (("春季植树", ("deadline", "2019-03-31")), ("森林抚育", ("deadline", "2019-06-30"))),
        ),
        "2019年工作计划",
    ),
    # a plan for the next year issued as a year ends under that year's reference number (X政办发〔2019〕50号 over
    # XX县2020年…工作要点): its dates are the plan's year's, as a plan's title signed the December before gives
    (
        Doc(
            "y08-a-next-year-s-plan-under-this-year-s-reference-number",
            "X政办发〔2019〕50号\nXX县2020年农村人居环境整治工作要点\n一、3月底前，完成村庄清洁行动春季战役。\n"
            "二、6月底前，完成农村户厕问题整改。\n三、12月底前，完成年度考核。\n",
            2020,
            (
                ("春季战役", ("deadline", "2020-03-31")),
                ("户厕", ("deadline", "2020-06-30")),
                ("年度考核", ("deadline", "2020-12-31")),
            ),
        ),
        "标题",
    ),
    # a title whose year has no 年 (XX县2019重点工作任务清单, 重点工作任务分解表（2019）), over a table one cell a line
    (
        Doc("y09-a-title-s-year-without-nian", _cells("XX县2019重点工作任务清单", _ROWS), 2019, _DUTIES, table=True),
        "XX县2019重点工作任务清单",
    ),
    (
        Doc(
            "y10-a-title-s-year-in-brackets-without-nian",
            _cells("重点工作任务分解表（2019）", _ROWS),
            2019,
            _DUTIES,
            table=True,
        ),
        "（2019）",
    ),
    # a signature whose month is 元月 (January, as a date of issue writes it: 2020年元月8日, 二〇二〇年元月八日), under a text
    # whose only year is the year past's work it builds on (巩固2019年…成果): the signature's year
    (
        Doc(
            "y12-a-signature-in-yuanyue",
            "关于做好春节期间安全生产工作的通知\n各村（社区）：\n为巩固2019年安全生产工作成果，现将有关事项通知如下：\n"
            "一、1月20日前，各村完成安全隐患排查。\n二、2月10日前，报送排查情况。\nXX镇人民政府\n2020年元月8日\n",
            2020,
            (("隐患排查", ("deadline", "2020-01-20")), ("排查情况", ("deadline", "2020-02-10"))),
        ),
        "落款日期 2020年元月8日",
    ),
    (
        Doc(
            "y13-a-signature-in-yuanyue-in-chinese-numerals",
            "关于做好春节期间安全生产工作的通知\n各村（社区）：\n为巩固2019年安全生产工作成果，现将有关事项通知如下：\n"
            "一、1月20日前，各村完成安全隐患排查。\nXX镇人民政府\n二〇二〇年元月八日\n",
            2020,
            (("隐患排查", ("deadline", "2020-01-20")),),
        ),
        "落款日期 二〇二〇年元月八日",
    ),
    # a table under a season (（2019-2020赛季） under its title), its rows in time order from the autumn over New Year to the spring:
    # the season's first year, the rows after the turn the next year's (a text whose dates fall in both years in no
    # order is still refused: see tests/test_draft_batch6_kinds.py)
    (
        Doc(
            "y14-a-season-s-table-in-time-order-over-new-year",
            "全市青少年篮球联赛工作安排\n（2019-2020赛季）\n时间\n工作内容\n负责部门\n10月12日\n第一轮比赛\n市篮协\n12月7日\n第二轮比赛\n"
            "市篮协\n3月14日\n第三轮比赛\n市篮协\n",
            2019,
            (
                ("第一轮", ("day", "2019-10-12")),
                ("第二轮", ("day", "2019-12-07")),
                ("第三轮", ("day", "2020-03-14")),
            ),
            table=True,
        ),
        "2019-2020赛季",
    ),
    # a notice signed under its office (XX县人民政府办公室 / 2019年3月5日) and followed by an attached form whose own
    # date stands alone on a line (填表人： / 2020年1月1日): the office's signature is the notice's, not the form's date
    (
        Doc(
            "y15-a-signature-under-its-office-before-an-attached-form-s-date",
            "关于开展农村人居环境整治工作的通知\n各乡镇：\n现将有关事项通知如下，请认真贯彻落实。\n"
            "一、各乡镇于4月10日前完成摸底。\n二、6月底前完成整改。\nXX县人民政府办公室\n2019年3月5日\n"
            "附件：联系人登记表\n填表人：\n2020年1月1日\n",
            2019,
            (("完成摸底", ("deadline", "2019-04-10")), ("完成整改", ("deadline", "2019-06-30"))),
        ),
        "落款日期 2019年3月5日",
    ),
    # a time column of years and months written with a dash or a slash (2019-03, 2019/6), as a spreadsheet's cells are
    # copied: their year, as 2019.3 and 2019-03-31 already gave it
    (
        Doc(
            "y16-a-time-column-of-iso-months",
            _cells(
                "XX县重点工作任务分解表",
                (("制定植树造林实施方案", "2019-03", "县林业局"), ("开展春季督导检查", "2019/6", "县督查室")),
            ),
            2019,
            (("实施方案", ("span", "2019-03-01", "2019-03-31")), ("督导检查", ("span", "2019-06-01", "2019-06-30"))),
            table=True,
        ),
        "2019-03",
    ),
    # a plan's title with the letter O (2O19年…实施方案)
    (
        Doc(
            "y06-letter-o-in-a-plan-s-title",
            "2O19年春季植树工作实施方案\n为做好植树工作，制定本方案。\n一、3月10日前，各村上报植树计划。\n"
            "二、4月底前，完成植树任务。\n",
            2019,
            (("植树计划", ("deadline", "2019-03-10")), ("完成植树任务", ("deadline", "2019-04-30"))),
        ),
        "标题",
    ),
]


@pytest.mark.parametrize(("doc", "source"), DOCS, ids=[doc.name for doc, _ in DOCS])
def test_a_year_stated_so_is_the_draft_s(doc: Doc, source: str, tmp_path: Path) -> None:
    assert faults(doc, tmp_path) == []
    written = (tmp_path / f"{doc.name}.yaml").read_text(encoding="utf-8")
    year_line = next(line for line in written.splitlines() if line.startswith("year:"))
    assert source in year_line, year_line


@pytest.mark.parametrize(
    "title",
    ["XX县完成2000户改造任务分解表", "重点工作任务分解表（第2019号）", "2019个村重点工作任务分解表"],
)
def test_a_number_in_a_title_that_is_no_year_gives_none(title: str, tmp_path: Path) -> None:
    # a count (2000户, 2019个) or a number (第2019号) is no year: the table is refused, saying so
    doc = Doc("y11-a-number-is-no-year", _cells(title, _ROWS), None, (), table=True)
    assert faults(doc, tmp_path) == []


def test_a_notice_with_only_today_s_words_and_an_undated_signature_is_refused(tmp_path: Path) -> None:
    # 今年 and a signature of a month and a day (3月5日) name no year: refused, saying so
    doc = Doc(
        "y07-this-year-and-a-signature-without-a-year",
        "关于做好春季植树工作的通知\n各村（社区）：\n今年春季植树工作即将开始，现将有关事项通知如下：\n"
        "一、3月10日前，各村上报植树计划。\nXX镇人民政府\n3月5日\n",
        None,
        (),
    )
    assert faults(doc, tmp_path) == []


def _draft(text: str, tmp_path: Path) -> dict[str, object]:
    source = tmp_path / "notice.txt"
    source.write_text(text, encoding="utf-8")
    result = run("extract", str(source), "-o", str(tmp_path / "notice.yaml"), "--force")
    assert result.exit_code in (0, 1), result.stderr
    return yaml.safe_load((tmp_path / "notice.yaml").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_a_deadline_early_in_the_year_in_a_notice_issued_in_december_is_next_year_s(tmp_path: Path) -> None:
    # signed 2019年12月5日: `1月10日前` is a deadline to come, in January 2020, whatever the order of the items
    # (a December deadline before it, a step listed first); 今年, 本月 and 明年 read against the day of issue
    draft = _draft(
        "关于做好年终考核工作的通知\n各村（社区）：\n现将有关事项通知如下：\n一、1月10日前，完成考核评分。\n"
        "二、12月20日前，各村上报自评材料。\n三、明年3月底前，完成整改。\n四、本月25日前，报送总结。\n"
        "五、今年12月31日前，完成归档。\nXX镇人民政府\n2019年12月5日\n",
        tmp_path,
    )
    assert draft["year"] == 2019
    tasks = {str(t["task"])[:4]: t["when"] for s in draft["stages"] for t in s["tasks"]}  # type: ignore[attr-defined]
    assert tasks["一、1月"] == "2020年1月10日前"
    assert tasks["二、12"] == "12月20日前"
    assert tasks["三、明年"] == "2020年3月底前"


def test_a_past_day_recounted_in_a_december_notice_stays_this_year_s(tmp_path: Path) -> None:
    # a December summary's 1月10日召开了… is a day of the year past, no deadline: not moved
    draft = _draft(
        "关于做好年终考核工作的通知\n各村（社区）：\n1月10日，我镇召开了全年工作动员会。\n"
        "一、12月20日前，各村上报自评材料。\nXX镇人民政府\n2019年12月5日\n",
        tmp_path,
    )
    whens = [t["when"] for s in draft.get("stages", []) for t in s["tasks"]] + [  # type: ignore[attr-defined]
        t["when"]
        for t in draft.get("tasks", [])  # type: ignore[attr-defined]
    ]
    assert "2020年1月10日" not in whens and "2020年1月10日前" not in whens


def test_a_december_report_of_work_done_stays_in_its_year(tmp_path: Path) -> None:
    # a report signed 2019年12月10日 of the year's work told as done (开展了, 完成了, 进行了): its days without a year are
    # of the year past, not the next year's deadlines, so the draft keeps the year of its signature
    draft = _draft(
        "关于全镇2019年植树工作情况的通报\n各村（社区）：\n今年以来，全镇植树造林工作取得明显成效。"
        "3月12日，镇党委组织开展了义务植树活动。4月底前，各村完成了春季补植任务。9月份，镇林业站对各村进行了检查验收。\n"
        "XX镇人民政府\n2019年12月10日\n",
        tmp_path,
    )
    assert draft["year"] == 2019
    written = (tmp_path / "notice.yaml").read_text(encoding="utf-8")
    assert "year: 2019  # 取自落款日期 2019年12月10日\n" in written


def test_a_december_notice_of_next_year_s_deadlines_takes_the_next_year(tmp_path: Path) -> None:
    # signed 2019年12月25日, every deadline in January: the notice is for 2020, as before
    draft = _draft(
        "关于做好困难群众慰问工作的通知\n各村（社区）：\n一、各村于1月10日前将慰问对象名单报镇民政办。\n"
        "二、慰问工作应在1月20日前完成。\nXX镇人民政府\n2019年12月25日\n",
        tmp_path,
    )
    assert draft["year"] == 2020


def test_days_told_as_done_late_in_the_year_in_a_january_notice_are_the_year_past_s(tmp_path: Path) -> None:
    # signed 2020年1月8日: the checks made 12月10日至12月20日 (进行了) and the work done 11月底前 (完成了) are of December and
    # November 2019, not days to come; the deadline 1月20日前 stays 2020's
    draft = _draft(
        "关于第四季度森林防火工作检查情况的通报\n各村（社区）：\n"
        "按照要求，镇林业站于12月10日至12月20日对各村森林防火工作进行了检查。现将检查情况通报如下：\n"
        "一、各村均按要求于11月底前完成了防火隔离带清理。\n二、请存在问题的村于1月20日前完成整改。\n"
        "XX镇人民政府\n2020年1月8日\n",
        tmp_path,
    )
    assert draft["year"] == 2020
    whens = {str(t["task"])[:6]: t["when"] for t in _tasks(draft)}
    assert whens["按照要求，镇"] == "2019年12月10日至12月20日"
    assert whens["一、各村均按"] == "2019年11月底前"
    assert whens["二、请存在问"] == "1月20日前"


def _tasks(draft: dict[str, object]) -> list[dict[str, object]]:
    stages: list[dict[str, object]] = draft.get("stages", [])  # type: ignore[assignment]
    loose: list[dict[str, object]] = draft.get("tasks", [])  # type: ignore[assignment]
    return [t for s in stages for t in s["tasks"]] + loose  # type: ignore[attr-defined]
