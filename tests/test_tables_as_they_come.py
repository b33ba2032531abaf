"""Tables as they come (issue 21): layouts of copied tables the importer meets in real pages, each written as a
short made-up table of another domain, and what a clerk sees when one cannot be read."""

from __future__ import annotations

from pathlib import Path

import yaml

from .conftest import run


def test_a_table_whose_cells_run_together_is_said_not_to_be_read(tmp_path: Path) -> None:
    # a Word table flattened by a site's preview: header and cells with no separator at all
    source = tmp_path / "消防检查.txt"
    source.write_text(
        "2024年消防安全检查任务分工表\n"
        "序号检查内容完成时限责任单位1开展高层建筑消防设施检查，建立隐患台账。2024年5月底前县消防救援大队"
        "2完成老旧小区电动车充电设施改造。2024年9月底前县住建局\n",
        encoding="utf-8",
    )
    target = tmp_path / "out.yaml"
    result = run("import", str(source), "-o", str(target))
    # the clerk is told that a block looked like a table and was not read as one: in the output and the draft
    assert "内容、完成时限、责任单位" in result.stderr
    assert "没有按表格读取" in result.stderr
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    written = target.read_text(encoding="utf-8")
    assert "# 请检查：" in written and "没有按表格读取" in written
    assert yaml.safe_load(written)["year"] == 2024


def test_a_prose_notice_naming_columns_in_a_sentence_gets_no_such_warning(tmp_path: Path) -> None:
    source = tmp_path / "通知.txt"
    source.write_text(
        "关于报送2024年工作计划的通知\n各单位：\n请于2024年3月31日前报送工作计划，写明工作内容和责任单位。\n",
        encoding="utf-8",
    )
    result = run("import", str(source), "-o", str(tmp_path / "out.yaml"))
    assert result.exit_code == 0 and "没有按表格读取" not in result.stderr
