"""`schedgen extract`: drafts from prose plans, measured against the corpus's labelled duties."""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path

import yaml

from schedgen.plans import timelines

from .conftest import ROOT, run


def draft(tmp_path: Path, text: str, *extra: str, name: str = "plan.txt") -> tuple[Path, str]:
    """Write a plan's text, extract it, and return the draft and what stderr said."""
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    target = tmp_path / "draft.yaml"
    result = run("extract", str(source), "-o", str(target), "--year", "2024", *extra)
    assert result.exit_code == 0, result.stderr
    return target, result.stderr


def dated_tasks(target: Path) -> dict[str, tuple[date | None, date | None, tuple[date, ...]]]:
    """Each drafted time as a reader of the timeline sees it: start, end and due days."""
    (timeline,) = timelines([target])
    return {i.task.when: (i.start, i.end, tuple(o.due for o in i.occurrences)) for i in timeline.items}


def test_the_corpus_drafts_meet_the_recall_and_precision_goals() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    import bench_extract

    recall, precision = bench_extract.totals(bench_extract.measure())  # drafted without the labelled year
    assert recall >= bench_extract.RECALL_GOAL, f"recall {recall:.1%}"
    assert precision >= bench_extract.PRECISION_GOAL, f"precision {precision:.1%}"


def test_a_range_a_list_and_next_year_are_each_one_time(tmp_path: Path) -> None:
    target, _ = draft(
        tmp_path,
        "关于开展春季巡查的通知\n"
        "一、集中巡查\n"
        "各县区于5月20日至6月30日开展集中巡查，逐村登记问题。\n"
        "市农业农村局于9月15日-25日组织抽查，形成抽查报告。\n"
        "各乡镇于12月1日至次年1月31日开展冬季清理，完成后上报。\n",
    )
    days = dated_tasks(target)
    assert days["5月20日至6月30日"][:2] == (date(2024, 5, 20), date(2024, 6, 30))
    assert days["9月15日-25日"][:2] == (date(2024, 9, 15), date(2024, 9, 25))
    assert days["12月1日至次年1月31日"][:2] == (date(2024, 12, 1), date(2025, 1, 31))
    assert len(days) == 3  # no piece of a range drafted as a day of its own
    document = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert [s["name"] for s in document["stages"]] == ["集中巡查"]


def test_numbering_that_runs_into_a_date_is_not_part_of_it(tmp_path: Path) -> None:
    target, _ = draft(tmp_path, "入学工作安排\n1.7月17日各校公布录取名单，并报区教育局备案。\n")
    assert dated_tasks(target) == {"7月17日": (date(2024, 7, 17), date(2024, 7, 17), (date(2024, 7, 17),))}


def test_publication_dates_and_page_metadata_are_not_duties(tmp_path: Path) -> None:
    target, _ = draft(
        tmp_path,
        "发布时间：2024-07-12 11:08 来源：市农业农村局\n"
        "成文日期：2024年7月10日\n"
        "本办法自2024年8月1日起施行。\n"
        "各县区要于8月20日前报送工作方案。\n"
        "市农业农村局\n2024年7月10日\n",
    )
    assert list(dated_tasks(target)) == ["8月20日前"]


def test_units_named_for_a_duty_are_drafted_with_their_roles(tmp_path: Path) -> None:
    target, _ = draft(
        tmp_path,
        "一、完善设施\n"
        "6月底前完成全部高标准农田验收（市农业农村局牵头，市财政局配合）。\n"
        "二、抓好调度\n"
        "各县区农业农村局要于每月5日前报送上月工作进展。\n",
    )
    document = yaml.safe_load(target.read_text(encoding="utf-8"))
    (staged,) = document["stages"][0]["tasks"]
    assert (staged["when"], staged["lead"], staged["support"]) == ("6月底前", "市农业农村局", "市财政局")
    (report,) = document["tasks"]  # a recurring report belongs to no stage
    assert (report["when"], report["units"]) == ("每月5日前", "各县区农业农村局")
    assert dated_tasks(target)["每月5日前"][2][:2] == (date(2024, 1, 5), date(2024, 2, 5))


def test_a_duty_copied_twice_is_drafted_once(tmp_path: Path) -> None:
    sentence = "各县区要于8月20日前报送工作方案。\n"
    target, _ = draft(tmp_path, "通知\n" + sentence + "其他事项另行通知。\n" + sentence)
    assert len(yaml.safe_load(target.read_text(encoding="utf-8"))["tasks"]) == 1


def test_a_sentence_whose_time_is_unread_is_kept_as_a_comment_with_the_reason(tmp_path: Path) -> None:
    target, _ = draft(
        tmp_path,
        "通知\n各县区要于8月20日前报送工作方案。\n明年底前全面完成改造任务。\n我局将在4月28日左右进行验收。\n",
    )
    text = target.read_text(encoding="utf-8")
    assert "# 时间读不懂（“明年底前”的年份是相对的，请写明年份）：明年底前全面完成改造任务。" in text
    assert "# 时间读不懂（“4月28日左右”不是确定的日期）：我局将在4月28日左右进行验收。" in text
    assert list(dated_tasks(target)) == ["8月20日前"]


def test_a_time_that_does_not_bind_to_the_year_is_kept_as_a_comment(tmp_path: Path) -> None:
    target, _ = draft(tmp_path, "通知\n各县区于9月28日-9月11日开展自查，形成报告。\n于8月20日前报送。\n")
    assert "# 时间读不懂（9月28日-9月11日：" in target.read_text(encoding="utf-8")


def test_a_plan_without_a_dated_duty_writes_nothing_and_says_why(tmp_path: Path) -> None:
    source = tmp_path / "news.txt"
    # what a reported meeting deployed for a time ahead is a duty (部署春节期间…); what it summed up is news
    source.write_text("1月24日，资兴市召开调度会，总结春节期间森林防火工作，并开展检查。\n", encoding="utf-8")
    target = tmp_path / "draft.yaml"
    result = run("extract", str(source), "-o", str(target), "--year", "2024")
    assert result.exit_code == 2 and not target.exists()
    assert "no dated duty was found, so nothing was written" in result.stderr
    assert "春节期间" in result.stderr and "Traceback" not in result.stderr


def test_a_word_document_is_drafted_with_its_headings_and_tables(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("关于做好秋冬种工作的通知")
    document.add_paragraph("一、抓好秋收")
    document.add_paragraph("各乡镇要在10月31日前完成秋收，并报县农业农村局。")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "冬季清理"
    table.cell(0, 1).text = "11月1日至11月30日开展冬季清理，形成台账。"
    source = tmp_path / "通知.docx"
    document.save(str(source))
    target = tmp_path / "draft.yaml"
    result = run("extract", str(source), "-o", str(target), "--year", "2024")
    assert result.exit_code == 0, result.stderr
    days = dated_tasks(target)
    assert days["10月31日前"][1] == date(2024, 10, 31)
    assert days["11月1日至11月30日"][:2] == (date(2024, 11, 1), date(2024, 11, 30))
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["stages"][0]["name"] == "抓好秋收"


def test_a_text_over_the_size_limit_is_refused_quickly(tmp_path: Path) -> None:
    source = tmp_path / "huge.txt"
    with source.open("wb") as f:
        f.truncate(21_000_000)
    start = time.perf_counter()
    result = run("extract", str(source), "-o", str(tmp_path / "out.yaml"))
    assert result.exit_code == 2 and "too large for the text of a plan (limit 20 MB)" in result.stderr
    assert time.perf_counter() - start < 2 and not (tmp_path / "out.yaml").exists()


def test_an_undated_numbered_item_is_drafted_for_the_plans_horizon(tmp_path: Path) -> None:
    target, _ = draft(
        tmp_path,
        "2024年乡村振兴重点工作\n"
        "1. 稳定粮食生产。全年粮食播种面积稳定在10万亩以上。\n"
        "2. 建设美丽乡村。持续推进农村人居环境整治。\n",
    )
    document = yaml.safe_load(target.read_text(encoding="utf-8"))
    tasks = document["stages"][0]["tasks"]
    assert [(t["task"], t["when"]) for t in tasks] == [("1. 稳定粮食生产。", "年内"), ("2. 建设美丽乡村。", "年内")]
    assert tasks[1]["notes"].startswith("原文未写时限，暂按“年内”。")
    assert dated_tasks(target)["年内"][:2] == (date(2024, 1, 1), date(2024, 12, 31))


def test_a_report_named_by_its_period_and_the_title_are_not_due_days(tmp_path: Path) -> None:
    target, _ = draft(
        tmp_path,
        "2024 年农经年报统计工作方案\n"
        "各县区要做好年报统计核查工作，于2月20日前报送年报。\n"
        "省农经站将召开全省年报汇总会，实行半年报。\n",
    )
    assert list(dated_tasks(target)) == ["2月20日前"]


def test_holidays_are_read_and_a_holiday_period_beside_a_due_day_is_its_scope(tmp_path: Path) -> None:
    target, _ = draft(
        tmp_path,
        "通知\n各乡镇要于春节前完成森林防火隐患排查。\n各单位国庆期间值班表请于9月29日前报安委会办公室。\n",
    )
    days = dated_tasks(target)
    assert list(days) == ["春节前", "9月29日前"]
    assert days["春节前"][1] == date(2024, 2, 9)  # the eve of 春节 2024 (10 February)


def test_a_notices_numbered_requirements_are_not_tasks_of_the_year(tmp_path: Path) -> None:
    target, _ = draft(
        tmp_path,
        "关于建立草原补奖落实情况定期报送制度的通知\n"
        "1.重视报送工作。各州、市要高度重视报送工作。\n"
        "2.注重时效。各州、市于每月5日前报送上月情况。\n",
    )
    assert list(dated_tasks(target)) == ["每月5日前"]


def test_a_year_of_work_and_the_start_of_an_unread_range_are_not_due_days(tmp_path: Path) -> None:
    target, _ = draft(
        tmp_path,
        "通知\n"
        "科学开展2025-2026年度松材线虫病秋季普查，于11月30日前报送结果。\n"
        "规定每年11月1日至翌年4月30日为森林防火期，各地要加强巡查。\n",
    )
    assert list(dated_tasks(target)) == ["11月30日前"]
    assert "# 时间读不懂（只读出了“每年11月1日”" in target.read_text(encoding="utf-8")
