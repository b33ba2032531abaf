"""A broken plan stays alone: `build` publishes every plan that reads, keeps the last good version of the
broken one, says which file is broken on the index and on its page, and exits non-zero."""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import SCHEDULES, run

NOTICE = "上次成功发布的版本"


def _site(tmp_path: Path) -> tuple[Path, Path]:
    plans = tmp_path / "schedules"
    shutil.copytree(SCHEDULES, plans)
    return plans, tmp_path / "site"


def test_one_broken_plan_does_not_stop_the_others(tmp_path: Path) -> None:
    plans, site = _site(tmp_path)
    build = ["build", str(plans), "-o", str(site), "--only", "html,ics"]
    assert run(*build).exit_code == 0
    # a clerk breaks one plan and edits another
    haidong = plans / "haidong-2024.yaml"
    haidong.write_text(
        haidong.read_text(encoding="utf-8").replace("    when: 年内", "    when：年内", 1), encoding="utf-8"
    )
    anqiu = plans / "anqiu-eco-farm.yaml"
    anqiu.write_text(anqiu.read_text(encoding="utf-8").replace("造浓工作氛围", "营造浓厚氛围"), encoding="utf-8")
    result = run(*build)
    assert result.exit_code == 2
    assert f"{haidong}:" in result.stderr and "full-width colon" in result.stderr, result.stderr
    # the others are published with the edit
    assert "营造浓厚氛围" in (site / "anqiu-eco-farm" / "index.html").read_text(encoding="utf-8")
    for sid in ("baicheng-2021", "miyun-2024", "shuozhou-2022"):
        assert (site / sid / f"{sid}.ics").is_file()
    # the broken one keeps its last good version, its feeds included, and both pages say so
    page = (site / "haidong-2024" / "index.html").read_text(encoding="utf-8")
    assert NOTICE in page and "haidong-2024.yaml" in page and "2024年海东市打造绿色有机农畜产品输出地工作方案" in page
    assert (site / "haidong-2024" / "haidong-2024.ics").is_file()
    assert "haidong-2024-progress-reports" in (site / "all.ics").read_text(encoding="utf-8")
    index = (site / "index.html").read_text(encoding="utf-8")
    assert NOTICE in index and "haidong-2024.yaml" in index
    # the terminal speaks the user's language (English here); the pages are Chinese whatever the locale
    for shown in (page, index):
        assert "全角冒号" in shown and "full-width colon" not in shown
    # once mended, the notice goes
    haidong.write_text(
        haidong.read_text(encoding="utf-8").replace("    when：年内", "    when: 年内", 1), encoding="utf-8"
    )
    assert run(*build).exit_code == 0
    assert NOTICE not in (site / "index.html").read_text(encoding="utf-8")
    assert NOTICE not in (site / "haidong-2024" / "index.html").read_text(encoding="utf-8")


def test_a_plan_broken_before_it_was_ever_published_is_named_on_the_index(tmp_path: Path) -> None:
    plans, site = _site(tmp_path)
    (plans / "new.yaml").write_text(
        "title: 新计划\nyear: 2024\ntasks:\n  - when: 2月30日前\n    task: 一\n", encoding="utf-8"
    )
    result = run("build", str(plans), "-o", str(site), "--only", "html")
    assert result.exit_code == 2 and "new.yaml:4:" in result.stderr, result.stderr
    assert (site / "anqiu-eco-farm" / "index.html").is_file()
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "new.yaml" in index and "尚未发布" in index
    assert "2023年2月没有 30 日" in index or "没有 30 日" in index, index


def test_when_every_plan_is_broken_nothing_is_published(tmp_path: Path) -> None:
    plans = tmp_path / "schedules"
    plans.mkdir()
    (plans / "x.yaml").write_text("title: x\nyear: 2024\ntasks:\n  - when: 下个月\n    task: 一\n", encoding="utf-8")
    result = run("build", str(plans), "-o", str(tmp_path / "site"))
    assert result.exit_code == 2 and not (tmp_path / "site").exists()
