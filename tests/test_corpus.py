"""The time language measured on real documents: every labelled cell of `tests/corpus/*.yaml`,
read as a user sees it (one task resolved in a schedule with the document's year, issue date and periods).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from schedgen import when
from schedgen.errors import LoadError, WhenError
from schedgen.expression import Every
from schedgen.model import Day, Deadline, Schedule, Task
from schedgen.resolve import resolve

CORPUS = Path(__file__).parent / "corpus"
# Readable cells the grammar still refuses, each reviewed: (file, text) -> why it is left.
KNOWN_REFUSALS: dict[tuple[str, str], str] = {
    ("a-09.yaml", "从2018年7月至2019年7月,用一年的时间"): "a span and a duration in one cell: two readings of one time",
    (
        "a-26.yaml",
        "每年的3月至12月每月巡查不少于1次",
    ): "a recurrence limited to months of the year: no recurring span yet",
    (
        "a-28.yaml",
        "统计截止时间为7月底和次年1月底,于下月5日前上报",
    ): "half-years named by their last months: one document's idiom",
    (
        "b-02.yaml",
        "一季度季后7日、二季度季后6日、三季度季后10日12:00(四季度免报)",
    ): "a lag per quarter and an exemption",
    # from the sealed part's second batch (labelled before any code read them; moved to the open part unseen)
    (
        "d-09.yaml",
        "2021年7月起,继续做好前期未接种人群的补种工作,开展60岁以上的老年人接种工作,根据临床试验安全性、有效性数据、经过专家评估,经过上级批准适时接种基础性疾病患者的高危人群,2021年12月底前",
    ): "a start and an end a sentence apart: the drafter's to join",
    ("d-13.yaml", "(1)3月12日(周__)下午二课时间"): "a class period after the day (下午二课时间): no clock time to read",
    ("d-13.yaml", "“六一”儿童节"): "a festival named for its day: the language's to add",
    # from the sealed part's third batch (labelled before any code read them; moved to the open part unseen)
    # from the sealed part's fifth batch (labelled before any code read them; moved to the open part unseen)
    (
        "d-35.yaml",
        "武漢市2017年",
    ): "a city's name before its goal's year, in the labelled cell (a draft reads the year)",
    ("d-39.yaml", "10月20日 | 14:00-21:00"): "a table's day and hours cells as copied: the importer's to join",
    ("d-39.yaml", "10月21日 | 08:00-09:00"): "a table's day and hours cells as copied: the importer's to join",
    ("d-39.yaml", "09:00-18:30"): "hours whose day is a spanning cell of the row above: the importer's to carry",
    ("d-39.yaml", "10月22日 | 08:30-12:00"): "a table's day and hours cells as copied: the importer's to join",
    # from the sealed part's sixth batch (labelled before any code read them; moved to the open part unseen)
    ("d-45.yaml", "要在放假前开展一次安全检查"): "before a holiday the notice dates elsewhere: the drafter dates it",
    (
        "d-45.yaml",
        "放假期间值班安排和安全保卫工作",
    ): "during a holiday the notice dates elsewhere: the drafter dates it",
    (
        "d-45.yaml",
        "要在放假前对学生进行一次安全教育",
    ): "before a holiday the notice dates elsewhere: the drafter dates it",
    ("d-47.yaml", "时间:2010年4月15日前"): "a deadline after a 时间: label",
    ("d-48.yaml", "19:00—21:00"): "hours whose day is given by the prose before: the drafter's to carry",
    (
        "d-48.yaml",
        "5月30晚主题论坛,各学院要组织学生观众于18:40前",
    ): "an evening (5月30晚) and a clock time before an event",
    (
        "d-49.yaml",
        "上半月进展情况务必于当月13日前报送",
    ): "a day of each month (当月13日前) from a start the prose gives",
    (
        "d-49.yaml",
        "下半月进展情况务必于当月29日前报送",
    ): "a day of each month (当月29日前) from a start the prose gives",
    # from the sealed part's seventh batch (labelled before any code read them; moved to the open part unseen)
    ("d-60.yaml", "20224年1-3月份"): "a year mistyped as 20224: the drafter's to take from the page date",
    ("d-63.yaml", "1月、6月、7月、9月、12月申报纳税期限分别截至当月15日"): "listed months, each due on 当月15日",
    # from the sealed part's first batch (labelled before any code read them; moved to the open part unseen)
    ("d-65.yaml", "在每季度末(分别在6月、9月和12月底)"): "each quarter's end with the months it means in brackets",
    # from the sealed part's fifth batch, its second split (labelled before any code read them; moved unseen)
    ("d-75.yaml", "局防办4月重点工作"): "a heading's month after the office whose work it lists: the drafter's to read",
    # found on the open web for issue 21's year finder (labelled before the code read them)
    ("d-90.yaml", "节日期间,各单位要加强值班"): "during a holiday the notice dates elsewhere: the drafter dates it",
}
# Cells the grammar reads to a wrong date, each reported to the language's owner: (file, text) -> why.
# The test fails when one of them is read right (take it off) or another cell is read wrong.
KNOWN_WRONG: dict[tuple[str, str], str] = {
    # a day of each month from a start a sentence gives earlier (从2006年4月起,…上报时间调整为:…每月28日前…), relabelled
    # in issue 21 by the document's words: the clause alone is read from the notice's date; the drafter joins the start
    (
        "b-04.yaml",
        "县(市、区)每月28日前上报当月事故数据",
    ): "a monthly day from a start the prose gives: read alone from issue",
    (
        "b-04.yaml",
        "省辖市每月30日前上报当月事故数据",
    ): "a monthly day from a start the prose gives: read alone from issue",
    # d-05 came from the sealed part's second batch, labelled before any code read it: the collector saw no
    # due day in it (issue 21), where the language reads quarter ends (its 每季度, labelled refused the same way, is
    # relabelled as the corpus reads every other recurring duty that names no day: on each period's last day)
    (
        "d-05.yaml",
        "第一、第二、第三季度及全年",
    ): "reporting periods a duty covers, labelled refused: read as their ends",
    # from the sealed part's third batch, labelled before any code read them (moved to the open part unseen): times
    # the collectors saw as no duty, which the language reads as written, and a deadline past the year's end
    (
        "d-17.yaml",
        "从8月20日起在全市范围内开展为期50天",
    ): "a start and a duration whose end (8 October) disagrees with the stated one: labelled refused, read as 50 days",
    (
        "d-21.yaml",
        "全年",
    ): "the year the rounds fall in, which the text does not name: labelled refused, read as a year",
    (
        "d-22.yaml",
        "《关于做好2020年春节期间困难群众慰问工作的通知》",
    ): "a cited notice's title: labelled refused, its 2020年春节期间 read as the holiday",
    ("d-22.yaml", "应在1月15日前"): "a deadline past the year's end after 12月31日前: read alone, in the notice's year",
    # from the sealed part's fifth batch, labelled before any code read them (moved to the open part unseen)
    ("d-33.yaml", "2022年,全市新建5G基站"): "a bare year as the first phase of a three-year plan: read as its last day",
    ("d-34.yaml", "截止2015年12月31日"): "an as-of moment of population figures, labelled a day: read as a deadline",
    ("d-34.yaml", "“十三五”期间"): "a five-year period framing a projection, labelled refused: read as its span",
    ("d-34.yaml", "“十二五”期间"): "the last five-year period, history, labelled refused: read as its span",
    ("d-38.yaml", "國(guó)慶長(zhǎng)假期間"): "a holiday the work was done in, labelled refused: read as the holiday",
    # from the sealed part's sixth batch, labelled before any code read them (moved to the open part unseen)
    ("d-41.yaml", "2018年,我们继续制定"): "a bare year the indicators cover, labelled its span: read as its last day",
    ("d-41.yaml", "6月"): "a bare month in a 完成时限 column, labelled a deadline: read as the month",
    ("d-41.yaml", "10月"): "a bare month in a 完成时限 column, labelled a deadline: read as the month",
    ("d-41.yaml", "12月"): "a bare month in a 完成时限 column, labelled a deadline: read as the month",
    ("d-44.yaml", "2016年,集团通过上下通力合作"): "last year's results, labelled its span: read as its last day",
    ("d-48.yaml", "2012—2013"): "a season in a series' name, labelled refused: read as its two years",
    # from the sealed part's seventh batch, labelled before any code read them (moved to the open part unseen)
    (
        "d-51.yaml",
        "2010年,全面启动文明交通行动计划",
    ): "a bare year as a phase of a three-year plan: read as its last day",
    ("d-51.yaml", "2011年,活动深入开展阶段"): "a bare year as a phase of a three-year plan: read as its last day",
    ("d-51.yaml", "2012年,活动巩固阶段"): "a bare year as a phase of a three-year plan: read as its last day",
    ("d-54.yaml", "每年的六月份第二个星期六"): "the yearly rule of a commemorative day, labelled refused: read as it",
    ("d-54.yaml", "今年"): "this year in a text naming none, labelled refused: read as the year given",
    ("d-60.yaml", "2023年10-12月份进展情况"): "a reported quarter's column, labelled refused: read as its span",
    ("d-60.yaml", "(10-12月)"): "the quarter a report covers, labelled refused: read as its span",
    ("d-60.yaml", "2024年度"): "the year places are counted in, labelled refused: read as its span",
    ("d-60.yaml", "“每周一村”"): "a clinic's weekly rhythm reported as done, labelled refused: read as weekly",
    # from the sealed part's first batch, labelled before any code read them (moved to the open part unseen)
    ("d-69.yaml", "于2022年3月、5月"): "two rounds' months over their own days, labelled refused: read as the months",
    # from the sealed part's fifth batch, its second split (labelled before any code read them; moved unseen)
    (
        "d-77.yaml",
        "2022年,省住建厅下达",
    ): "the year of the projects a report covers, labelled its span: read as its end",
    ("d-77.yaml", "提前半年"): "a target reported met half a year early, labelled refused: read as the first half",
    # a cut-off's day with its hour (截止时间为2022年8月5日24:00): the last day of its duty, which the drafter reads from
    # the words before it (截止时间为); the cell alone is that day at that hour (b-07 relabelled so; p-44 and p-46 were
    # labelled so before any code read them)
    ("b-07.yaml", "2024年5月30日17:00"): "a cut-off's day and hour after 截止时间为: read alone as the day",
    ("b-07.yaml", "2024年6月14日17:00"): "a cut-off's day and hour after 截止时间为: read alone as the day",
    ("p-44.yaml", "2022年8月5日24:00"): "a cut-off's day and hour after 截止時間為: read alone as the day",
    ("p-44.yaml", "2022年8月7日17:00"): "a cut-off's day and hour after 截止時間為: read alone as the day",
    ("p-44.yaml", "2022年8月9日17:00"): "a cut-off's day and hour after 截止時間為: read alone as the day",
    ("p-46.yaml", "2021年11月19日下午5時"): "a cut-off's day and hour after 截止時間: read alone as the day",
    # 按月 as a task table's 完成时限 writes 每月 (issue 21, the sealed breakdown's round)
    ("d-12.yaml", "按月进行民生考评、督查"): "a town's monthly practice reported, labelled refused: read as monthly",
}
RIGHT_SHARE = (
    # 0.97 before batch 6's unseen cells joined (642 of 668 at the split); to be raised as they are mended. 0.955 since
    # issue 21's relabel of b-04 (643 of 670, 95.97 %): its two duties became the clauses a start earlier in the
    # sentence governs (从2006年4月起…每月28日前…), which no cell read alone can get right (KNOWN_WRONG says so).
    # 0.954 since b-07's two cut-offs with their hour were relabelled deadlines and p-44 and p-46 joined with four more
    # (864 of 905, 95.47 %): the drafter reads them from 截止时间为 before them, no cell alone can (KNOWN_WRONG)
    0.954
)


@dataclass(frozen=True)
class Cell:
    """One labelled time cell and the document it comes from."""

    file: str
    text: str
    expect: dict[str, Any] | str
    doc: dict[str, Any]

    @property
    def key(self) -> tuple[str, str]:
        """The cell as KNOWN_REFUSALS names it."""
        return self.file, self.text


def _cells() -> list[Cell]:
    cells = []
    for path in sorted(CORPUS.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        cells.extend(Cell(path.name, str(c["text"]), c["expect"], doc) for c in doc["cells"])
    return cells


CELLS = _cells()
WHY = {cell.key: next(c.get("why") for c in cell.doc["cells"] if str(c["text"]) == cell.text) for cell in CELLS}


def reading(cell: Cell) -> dict[str, Any]:
    """What a user sees for the cell: the one task of a schedule with the document's year, issue date, periods."""
    doc = cell.doc
    periods = tuple((str(k), str(v)) for k, v in (doc.get("periods") or {}).items())
    task = Task(id="t", when=cell.text, expression=when.parse(cell.text), task="任务")
    schedule = Schedule(
        id="corpus",
        title=str(doc["title"]),
        # a document that names no year labels its cells by kind only: any year reads the kind
        year=int(doc["year"] or 2001),
        path=cell.file,
        tasks=(task,),
        issued=doc.get("issued"),
        periods=periods,
    )
    item = resolve(schedule).items[0]
    timing = item.timing
    seen: dict[str, Any] = {"kind": timing.kind, "start": item.start, "end": item.end}
    seen["dates"] = [o.due for o in item.occurrences]
    at = timing.at if isinstance(timing, (Deadline, Day, Every)) else None
    seen["at"] = at.strftime("%H:%M") if at else None
    if isinstance(timing, Every):
        seen["freq"], seen["interval"] = timing.freq.value, timing.interval
    return seen


def verdict(cell: Cell) -> str:
    """`right`, `refused` or `wrong: ...` for one cell."""
    try:
        seen = reading(cell)
    except (WhenError, LoadError) as error:
        if isinstance(error, WhenError) and not 0 <= error.start < max(len(cell.text), 1):
            return f"wrong: the refusal points outside the text ({error.start})"
        return "right" if cell.expect == "refused" else "refused"
    if cell.expect == "refused":
        return f"wrong: read {seen} where a refusal was expected"
    assert isinstance(cell.expect, dict)
    expect = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in cell.expect.items()}
    expect.setdefault("at", None)
    shown = {k: v for k, v in seen.items() if k in expect}
    shown = {
        k: ([d.isoformat() for d in v] if k == "dates" else v.isoformat() if isinstance(v, date) else v)
        for k, v in shown.items()
    }
    expect = {
        k: ([d.isoformat() if isinstance(d, date) else d for d in v] if k == "dates" else v) for k, v in expect.items()
    }
    return "right" if shown == expect else f"wrong: read {shown}, expected {expect}"


def test_the_corpus_is_read_right() -> None:
    verdicts = {cell.key: verdict(cell) for cell in CELLS}
    right = sum(v == "right" for v in verdicts.values())
    refused = [k for k, v in verdicts.items() if v == "refused"]
    wrong = {k: v for k, v in verdicts.items() if v.startswith("wrong")}
    print(f"\ncorpus: {len(CELLS)} cells, {right} right, {len(refused)} refused, {len(wrong)} wrong")  # noqa: T201
    assert set(wrong) == set(KNOWN_WRONG), "\n".join(f"{f}: {t!r}: {v}" for (f, t), v in wrong.items())
    # a time that is not a duty (a stamp, a cited plan, a period covered: its label says why) is never drafted,
    # so the language may refuse it, or read it otherwise than labelled (the reading of no duty is not at stake);
    # a duty's time it must read, or be listed above
    unneeded = sum(1 for k in refused if WHY[k]) + sum(1 for k in wrong if WHY[k])
    refused = [k for k in refused if not WHY[k]]
    assert set(refused) <= set(KNOWN_REFUSALS), [k for k in refused if k not in KNOWN_REFUSALS]
    assert len(KNOWN_REFUSALS) <= 0.03 * len(CELLS)
    assert right >= RIGHT_SHARE * (len(CELLS) - unneeded)
