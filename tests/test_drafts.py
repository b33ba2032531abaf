"""Drafts a clerk can trust (issue 21, items 3 and 4): the year, window and title come from the document,
and a draft task is a duty someone must do by a time."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from schedgen.importers.scan import readable
from schedgen.plans import timelines

from .conftest import run


def extract(tmp_path: Path, text: str, *extra: str) -> tuple[Path, object]:
    """Extract a plan's text with the given options (no --year unless given) and return the draft path
    and the CLI result."""
    source = tmp_path / "plan.txt"
    source.write_text(text, encoding="utf-8")
    target = tmp_path / "draft.yaml"
    result = run("extract", str(source), "-o", str(target), *extra)
    return target, result


def drafted(tmp_path: Path, text: str, *extra: str) -> tuple[dict[str, object], str]:
    """The draft document and its text, for a plan that drafts."""
    target, result = extract(tmp_path, text, *extra)
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    written = target.read_text(encoding="utf-8")
    return yaml.safe_load(written), written


def line_of(text: str, key: str) -> str:
    """The top-level line of a key in a YAML text, comment included."""
    return next(line for line in text.splitlines() if line.startswith(f"{key}:"))


def days(target: Path) -> dict[str, tuple[date | None, date | None, tuple[str, ...]]]:
    """Each drafted time as the timeline reads it: start, end and its findings."""
    (timeline,) = timelines([target])
    return {i.task.when: (i.start, i.end, tuple(f.message for f in i.findings)) for i in timeline.items}


# --- the year, and where it came from -------------------------------------------------------------


def test_the_year_comes_from_the_reference_number(tmp_path: Path) -> None:
    document, text = drafted(
        tmp_path,
        "许昌市人民政府关于印发重点工作任务的通知\n许政〔2020〕20号\n各县（市、区）人民政府：\n"
        "各单位要于3月底前报送工作方案。\n",
    )
    assert document["year"] == 2020
    assert line_of(text, "year") == "year: 2020  # 取自文号 许政〔2020〕20号"


def test_the_year_comes_from_the_title(tmp_path: Path) -> None:
    document, text = drafted(tmp_path, "2021年全县安全生产工作要点\n一、排查隐患\n各乡镇要于6月底前完成隐患排查。\n")
    assert document["year"] == 2021
    assert line_of(text, "year") == "year: 2021  # 取自标题“2021年全县安全生产工作要点”"


def test_the_year_and_the_date_come_from_the_signature(tmp_path: Path) -> None:
    target, result = extract(
        tmp_path, "关于填报监测评估报表的通知\n各相关处室:\n请于6月6日前将电子版发送至督导办。\n督导办\n2018.6.4\n"
    )
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    text = target.read_text(encoding="utf-8")
    assert line_of(text, "year") == "year: 2018  # 取自落款日期 2018.6.4"
    assert yaml.safe_load(text)["issued"] == date(2018, 6, 4)
    assert days(target)["6月6日前"][1] == date(2018, 6, 6)


def test_a_signature_written_with_the_letter_o_gives_its_year(tmp_path: Path) -> None:
    document, _ = drafted(tmp_path, "通知\n各单位：\n报名时间推迟到4月22日前。\n\n特此通知。\n\n2O2O年4月17日\n")
    assert (document["year"], document["issued"]) == (2020, date(2020, 4, 17))


def test_the_year_comes_from_a_date_in_the_text(tmp_path: Path) -> None:
    document, text = drafted(tmp_path, "关于开展环境卫生整治的通知\n各村委会：\n整治时间为2021年6月23日至7月1日。\n")
    assert document["year"] == 2021
    assert line_of(text, "year").startswith("year: 2021  # 取自正文“2021年6月23日")


def test_a_page_stamp_is_not_the_documents_year_or_title(tmp_path: Path) -> None:
    document, _ = drafted(
        tmp_path,
        "2024年03月29日 星期五\n首页>新闻中心>通知公告\n关于清明节值班安排的通知\n院直各单位：\n"
        "请各单位于4月3日前报送值班表。\n\n2023年3月28日\n",
    )
    assert (document["year"], document["title"]) == (2023, "关于清明节值班安排的通知")


def test_the_title_is_never_an_address_a_reference_number_or_a_stamp(tmp_path: Path) -> None:
    document, _ = drafted(
        tmp_path,
        "http://www.xuchang.gov.cn/2020/0301/123.html\n发布时间：2020-03-01 10:00\n许政〔2020〕20号\n"
        "关于做好重点工作任务落实的通知\n各单位要于3月底前报送工作方案。\n",
    )
    assert document["title"] == "关于做好重点工作任务落实的通知"


def test_a_document_without_a_year_is_refused_with_how_to_give_one(tmp_path: Path) -> None:
    target, result = extract(tmp_path, "关于报送工作方案的通知\n各单位要于3月底前报送工作方案。\n")
    assert result.exit_code == 2 and not target.exists()  # type: ignore[attr-defined]
    assert "names no year" in result.stderr and "--year" in result.stderr  # type: ignore[attr-defined]
    assert "Traceback" not in result.stderr  # type: ignore[attr-defined]


def test_a_year_given_on_the_command_line_is_used_and_said(tmp_path: Path) -> None:
    document, text = drafted(tmp_path, "关于报送工作方案的通知\n各单位要于3月底前报送工作方案。\n", "--year", "2024")
    assert document["year"] == 2024
    assert line_of(text, "year") == "year: 2024  # 取自命令行 --year"


def test_a_year_given_on_the_command_line_says_what_the_document_said(tmp_path: Path) -> None:
    _, text = drafted(tmp_path, "许政〔2020〕20号\n各单位要于3月底前报送工作方案。\n", "--year", "2024")
    assert line_of(text, "year") == "year: 2024  # 取自命令行 --year（文件写的是2020年：文号 许政〔2020〕20号）"


def test_the_window_covers_the_last_date_the_plan_names(tmp_path: Path) -> None:
    target, result = extract(
        tmp_path,
        "成都市城市社区嵌入式服务设施建设工程实施方案\n一、主要目标\n"
        "到2025年底前，全市首批100个示范社区全面建成。\n到2027年底前，向全市更多社区推开。\n",
    )
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["until"] == date(2027, 12, 31)
    late = days(target)["到2027年底前"]
    assert late[1] == date(2027, 12, 31) and not any("窗口" in f or "范围" in f for f in late[2])


def test_this_year_is_read_against_the_documents_date(tmp_path: Path) -> None:
    target, result = extract(tmp_path, "关于林区公路建设的通知\n各乡镇要于今年6月底前完成验收。\n2019年1月15日\n")
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    assert days(target)["今年6月底前"][1] == date(2019, 6, 30)


def test_from_today_starts_on_the_documents_date(tmp_path: Path) -> None:
    target, result = extract(
        tmp_path, "关于开展清理整治的通知\n自即日起至2019年3月1日，各乡镇开展清理整治行动。\n\n2019年1月15日\n"
    )
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    assert days(target)["自即日起至2019年3月1日"][:2] == (date(2019, 1, 15), date(2019, 3, 1))


@pytest.mark.skipif(not readable("本月25日前"), reason="本月 joins the time language in the language helper's work")
def test_this_month_is_read_against_the_documents_date(tmp_path: Path) -> None:
    target, result = extract(tmp_path, "关于报送报表的通知\n各乡镇要于本月25日前报送报表。\n2019年1月15日\n")
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    assert days(target)["本月25日前"][1] == date(2019, 1, 25)


@pytest.mark.skipif(not readable("当月下旬"), reason="当月 joins the time language in the language helper's work")
def test_the_same_month_is_read_against_the_documents_date(tmp_path: Path) -> None:
    target, result = extract(tmp_path, "关于开展检查的通知\n各乡镇要于当月下旬完成自查。\n2019年1月15日\n")
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    assert days(target)["当月下旬"][:2] == (date(2019, 1, 21), date(2019, 1, 31))


# --- duties, not dates --------------------------------------------------------------------------------


def whens(document: dict[str, object]) -> list[str]:
    """The `when` of every drafted task, in order."""
    stages = document.get("stages") or []
    tasks = [t for s in stages for t in s["tasks"]] + list(document.get("tasks") or [])  # type: ignore[attr-defined]
    return [str(t["when"]) for t in tasks]


DUTIES = [
    pytest.param(
        "关于春耕生产的通知\n3月底前，召开全县春耕生产推进会议，部署春耕工作。\n",
        ["3月底前"],
        id="a future deadline in a sentence that names a meeting is a duty",
    ),
    pytest.param(
        "2011年“五一”劳动节放假通知\n4月30日至5月2日放假公休，共3天。5月3日(星期二)上班。\n"
        "各单位请将值班表于4月27日前报校办行政科。\n",
        ["4月27日前"],
        id="a holiday notice drafts only the duty in it",
    ),
    pytest.param(
        "关于造林工作的通报\n截至3月31日，全县已完成造林1.2万亩。\n各乡镇要于5月底前完成补植。\n",
        ["5月底前"],
        id="an as-of report of work done is no task",
    ),
    pytest.param(
        "关于统计工作的通知\n各地要于1月10日前报送前三季度、全年统计数据。\n",
        ["1月10日前"],
        id="the period a report covers is not its due day",
    ),
    pytest.param(
        "关于报送实施情况的通知\n按照《农村人居环境整治提升五年行动方案(2021-2025年)》要求，各乡镇于3月10日前报送实施情况。\n",
        ["3月10日前"],
        id="the window of a plan cited by title is no task",
    ),
]


@pytest.mark.parametrize(("text", "expected"), DUTIES)
def test_a_draft_task_is_a_duty_not_a_date(tmp_path: Path, text: str, expected: list[str]) -> None:
    document, written = drafted(tmp_path, text, "--year", "2024")
    assert whens(document) == expected
    # what is no duty is not shown to the reviewer as an unread time either
    assert "时间读不懂" not in written


def test_a_start_clause_and_an_end_clause_of_one_duty_make_one_span(tmp_path: Path) -> None:
    target, result = extract(tmp_path, "关于开展普查的通知\n预计4月中旬开始启动，4月末基本完成。\n", "--year", "2024")
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    (span,) = days(target).values()
    assert span[:2] == (date(2024, 4, 11), date(2024, 4, 30))


def test_an_unread_part_keeps_its_reason_and_the_readable_part_is_drafted(tmp_path: Path) -> None:
    document, text = drafted(
        tmp_path,
        "关于开展专项整治的通知\n重点旗县从3月20日起，集中利用100天时间开展整治，其余旗县9月底前完成。\n",
        "--year",
        "2024",
    )
    assert whens(document) == ["9月底前"]
    assert "# 时间读不懂（只读出了“从3月20日”" in text


# --- tables: the same year and window ----------------------------------------------------------------


def test_a_multi_year_table_takes_its_year_and_window_from_its_dates(tmp_path: Path) -> None:
    source = tmp_path / "普查.csv"
    source.write_text("时间,重点任务\n2005.1—4,清查摸底\n2006.1—12,普查登记\n2007.1—6,公布结果\n", encoding="utf-8")
    target = tmp_path / "plan.yaml"
    result = run("import", str(source), "-o", str(target))
    assert result.exit_code == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    document = yaml.safe_load(text)
    assert (document["year"], document["until"]) == (2005, date(2007, 6, 30))
    assert line_of(text, "year").startswith("year: 2005  # 取自")
    assert days(target)["2007.1—6"][:2] == (date(2007, 1, 1), date(2007, 6, 30))


def test_a_table_whose_rows_began_before_its_year_gets_a_window_from_its_first_date(tmp_path: Path) -> None:
    # a progress table of 2020 (its title's year) lists projects begun in 2016: with the window from 1 January
    # 2020 the chart cut their bars at its edge and `check` called each one's end a day before the plan
    source = tmp_path / "进展.csv"
    source.write_text(
        "项目名称,计划起止,责任单位\n泗港路改建工程,2016.03-2018.12,市东城公司\n沙洲东路大修工程,2020.03-2021.06,市东城公司\n",
        encoding="utf-8",
    )
    target = tmp_path / "plan.yaml"
    result = run("import", str(source), "-o", str(target), "--year", "2020")
    assert result.exit_code == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    document = yaml.safe_load(text)
    assert (document["year"], document["issued"], document["until"]) == (2020, date(2016, 3, 1), date(2021, 6, 30))
    assert line_of(text, "issued") == "issued: 2016-03-01  # 计划写到的最早一天"
    check = run("check", str(target))
    assert "早于计划开始" not in check.output, check.output


def test_a_table_without_a_year_is_refused_with_how_to_give_one(tmp_path: Path) -> None:
    source = tmp_path / "plan.csv"
    source.write_text("时间,重点任务\n3月1日前,成立领导小组\n", encoding="utf-8")
    target = tmp_path / "plan.yaml"
    result = run("import", str(source), "-o", str(target))
    assert result.exit_code == 2 and not target.exists()
    assert "names no year" in result.stderr and "--year" in result.stderr
    assert run("import", str(source), "-o", str(target), "--year", "2024").exit_code == 0
    assert line_of(target.read_text(encoding="utf-8"), "year") == "year: 2024  # 取自命令行 --year"


def test_the_year_comes_from_a_page_stamp_only_when_nothing_else_names_one(tmp_path: Path) -> None:
    _, text = drafted(
        tmp_path, "发布时间：2021-03-01 10:00\n关于报送值班表的通知\n各单位：\n请于3月5日前报送值班表。\n"
    )
    assert line_of(text, "year").startswith("year: 2021  # 取自网页日期“2021-03-01")


CORPUS = Path(__file__).parent / "corpus"
DATED = [
    pytest.param(path, id=path.stem)
    for path in sorted(CORPUS.glob("p-*.yaml"))
    if "year_from" in yaml.safe_load(path.read_text(encoding="utf-8"))
]


# the fresh batch p-23…p-36 (labelled before the code read them) as it came: the year the work covers (2019年 统计,
# 2017年度检查, 2014年年度检查) is named before the year of the deadlines; finding the year is dating's work
YEAR_STILL_WRONG = {
    "p-23": "2019年 statistics named before the 2020 deadlines",
    "p-31": "2017年度检查 named before 2018年3月1日至5月31日",
    "p-32": "2014年年度检查 named before 2015年5月31日前",
}


@pytest.mark.parametrize("labels", DATED)
def test_a_real_notice_is_drafted_in_the_year_it_names(labels: Path, request: pytest.FixtureRequest) -> None:
    if labels.stem in YEAR_STILL_WRONG:
        request.applymarker(pytest.mark.xfail(reason=YEAR_STILL_WRONG[labels.stem], strict=True))
    from schedgen.importers.documents import plan_text
    from schedgen.importers.prose import extract as draft

    expected = yaml.safe_load(labels.read_text(encoding="utf-8"))
    document = draft(plan_text(CORPUS / expected["text"]), year=None, stem=labels.stem).document
    assert document["year"] == expected["year"], expected["year_from"]


def test_a_refusal_names_the_file_once(tmp_path: Path) -> None:
    source = tmp_path / "huge.txt"
    with source.open("wb") as f:
        f.truncate(21_000_000)
    result = run("extract", str(source), "-o", str(tmp_path / "out.yaml"))
    assert result.exit_code == 2 and result.stderr.count(str(source)) == 1, result.stderr


# the title line as the kinds of copy give it (issue 21, item 3): each written in a style the corpus does not hold
TITLES = [
    (
        "record-field-name",
        "索 引 号：000123/2021-00045\n名　　称：关于公布2021年度县级农民专业合作社示范社名单的通知\n"
        "发文日期：2021-06-02\n各乡镇：\n请各乡镇于6月30日前完成示范社挂牌。\n",
        "关于公布2021年度县级农民专业合作社示范社名单的通知",
    ),
    (
        "a-section-label-above",
        "公示公告\n关于2022年国庆节值班安排的通知\n各科室：\n请于9月28日前报送值班表。\n",
        "关于2022年国庆节值班安排的通知",
    ),
    (
        "subject-field",
        "发文单位：校团委\n主　题：关于举办2022年校园歌手大赛的通知\n各学院：\n请于4月15日前完成报名。\n",
        "关于举办2022年校园歌手大赛的通知",
    ),
    (
        "issuing-a-plan-named-without-brackets",
        "发布日期：2022-02-10\nXX县人民政府办公室关于印发2022年县政府工作报告重点任务分解方案的通知\n各乡镇：\n"
        "各牵头单位于每季度末报送进展，6月30日前完成半年评估。\n",
        "XX县人民政府办公室关于印发2022年县政府工作报告重点任务分解方案的通知",
    ),
    (
        "an-attachments-label",
        "附件1：XX镇2022年秸秆禁烧工作方案\n一、工作目标\n各村于10月31日前完成秸秆清运。\n",
        "XX镇2022年秸秆禁烧工作方案",
    ),
    (
        "a-reference-number-run-into-it",
        "黔农办发〔2022〕8号关于做好2022年春耕生产工作的通知\n各县农业农村局：\n请于3月20日前报送春耕进度。\n",
        "关于做好2022年春耕生产工作的通知",
    ),
    (
        "a-bulletins-masthead",
        "防汛工作快报2022年第8期\n县防指部署汛前隐患排查\n县防指要求各乡镇于5月20日前完成汛前隐患排查。\n",
        "县防指部署汛前隐患排查",
    ),
    # a page's controls above a copy that kept no title (朗读, 打印本页): no title, so the file's name
    (
        "a-read-aloud-button",
        "朗读\n各社区（村）、机关各办：\n请各社区于2022年1月10日前将慰问对象名单报街道民政办。\n",
        "plan",
    ),
    (
        "a-print-this-page-link",
        "【打印本页】 【关闭窗口】\n各乡镇：\n请于2022年3月20日前报送春耕进度。\n",
        "plan",
    ),
]


@pytest.mark.parametrize(("text", "title"), [t[1:] for t in TITLES], ids=[t[0] for t in TITLES])
def test_the_title_is_the_documents_title_line(tmp_path: Path, text: str, title: str) -> None:
    document, _ = drafted(tmp_path, text)
    assert document["title"] == title


@pytest.mark.parametrize("asking", ["请", "由", "要求", "责成"])
def test_the_unit_a_sentence_asks_is_named_without_the_asking_word(tmp_path: Path, asking: str) -> None:
    document, _ = drafted(
        tmp_path, f"关于报送进度表的通知\n{asking}各乡镇人民政府于5月29日前报送建设进度表。\n县林业局\n2017年5月2日\n"
    )
    (task,) = document["tasks"]  # type: ignore[index]
    assert task["units"] == "各乡镇人民政府"


def test_a_long_line_of_page_controls_that_is_none_drafts_at_once(tmp_path: Path) -> None:
    """A line of 字体：大 中 小 … that ends in other words is no line of controls, and telling so takes no time (a
    pattern over a run of controls backtracked for minutes on forty of them)."""
    source = tmp_path / "plan.txt"
    line = "字体：" + "大 中 小 " * 40 + "下载"
    source.write_text(
        f"{line}\n关于报送进度表的通知\n各乡镇：\n请于2022年5月29日前报送建设进度表。\n", encoding="utf-8"
    )
    command = [sys.executable, "-m", "schedgen", "extract", str(source), "-o", str(tmp_path / "draft.yaml")]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert yaml.safe_load((tmp_path / "draft.yaml").read_text(encoding="utf-8"))["title"] == "关于报送进度表的通知"
