"""Fonts a user passes with --font, as a user's machine has them: a collection, a file replaced while a
process runs, a broken file."""

from __future__ import annotations

import io
import os
from dataclasses import replace
from datetime import date
from pathlib import Path

import matplotlib
import pypdfium2 as pdfium
import pytest
from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

from schedgen.export.chart.face import face
from schedgen.export.chart.fonts import bundled_font
from schedgen.export.chart.gantt import ChartOptions, render
from schedgen.export.chart.png import png_page
from schedgen.export.chart.scene import Label, Page
from schedgen.load import loads
from schedgen.model import Timeline
from schedgen.resolve import resolve

from .conftest import run

# every character the test plan's chart draws, its fixed words included
DRAWN = "中国年月日前至甲乙计划报送市局0123456789第页共截至生成于已完成进行中临近逾期未开始到期截止日周期节点长期常态化序号重点任务责任单位时间 /：-"
OPTIONS = ChartOptions(as_of=date(2024, 2, 1), dpi=40)


def plan() -> Timeline:
    return resolve(
        loads("title: 甲乙计划\nyear: 2024\ntasks: [{id: a, when: 3月1日前, task: 甲乙报送, units: 市局}]\n")
    )


@pytest.fixture(scope="module")
def small_fonts(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, bytes]:
    """Two small CJK fonts cut from the bundled one: the second draws 甲 as 乙 and 乙 as 甲."""
    source = bundled_font()
    assert source is not None
    font = TTFont(str(source))
    subsetter = subset.Subsetter(subset.Options(notdef_outline=True))
    subsetter.populate(text=DRAWN)
    subsetter.subset(font)
    folder = tmp_path_factory.mktemp("fonts")
    font.save(folder / "a.otf")
    for table in font["cmap"].tables:
        table.cmap[ord("甲")], table.cmap[ord("乙")] = table.cmap[ord("乙")], table.cmap[ord("甲")]
    font.save(folder / "b.otf")
    return (folder / "a.otf").read_bytes(), (folder / "b.otf").read_bytes()


def test_a_font_replaced_while_the_process_runs_draws_its_own_glyphs(
    small_fonts: tuple[bytes, bytes], tmp_path: Path
) -> None:
    first, second = small_fonts
    path = tmp_path / "font.otf"
    path.write_bytes(first)
    before = {fmt: render(plan(), fmt, replace(OPTIONS, font=path)) for fmt in ("png", "svg")}
    path.write_bytes(second)
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    after = {fmt: render(plan(), fmt, replace(OPTIONS, font=path)) for fmt in ("png", "svg")}
    # the same chart as the new font draws it from a file this process has never read
    fresh = tmp_path / "fresh.otf"
    fresh.write_bytes(second)
    assert after == {fmt: render(plan(), fmt, replace(OPTIONS, font=fresh)) for fmt in ("png", "svg")}
    assert after["png"] != before["png"] and after["svg"] != before["svg"]


def test_a_character_the_font_lacks_is_drawn_as_its_box_on_the_png() -> None:
    latin = face(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf")
    assert latin.glyph("\u5b89") == latin.glyph("\u25a1") and not latin.has("\u5b89")
    # as on the PDF and SVG: the box the font draws for □, in the room of one
    boxed = png_page(Page(100, 40, (Label(10, 30, "A\u5b89B", 20),)), latin, 72)
    assert boxed == png_page(Page(100, 40, (Label(10, 30, "A\u25a1B", 20),)), latin, 72)
    assert boxed != png_page(Page(100, 40, (Label(10, 30, "AB", 20),)), latin, 72)


def damaged(font: bytes, how: str) -> bytes:
    """`font` broken as a bad download or disk leaves one: cut short, its CFF header or its `maxp` overwritten."""
    if how == "cut":
        return font[:400]
    reader = TTFont(io.BytesIO(font)).reader
    tag = "CFF " if how == "cff" else "maxp"
    start = reader.tables[tag].offset
    return font[:start] + b"\x20\x20\x20\x20" + font[start + 4 :]


@pytest.mark.parametrize("how", ["cut", "cff", "maxp"])
@pytest.mark.parametrize("suffix", ["png", "pdf", "svg"])
def test_a_damaged_font_file_is_refused_with_its_name_not_a_traceback(
    small_fonts: tuple[bytes, bytes], tmp_path: Path, how: str, suffix: str
) -> None:
    font = tmp_path / f"broken-{how}.otf"
    font.write_bytes(damaged(small_fonts[0], how))
    schedule = tmp_path / "plan.yaml"
    schedule.write_text("title: 甲乙计划\nyear: 2024\ntasks: [{id: a, when: 3月1日前, task: 报送}]\n", encoding="utf-8")
    result = run("gantt", str(schedule), "-o", str(tmp_path / f"out.{suffix}"), "--font", str(font))
    assert result.exit_code == 2, result.output
    assert f"--font {font}: cannot be read as a font" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / f"out.{suffix}").exists()


def test_a_font_collection_draws_with_its_first_font(small_fonts: tuple[bytes, bytes], tmp_path: Path) -> None:
    collection = TTCollection()
    collection.fonts = [TTFont(io.BytesIO(small_fonts[0])), TTFont(io.BytesIO(small_fonts[1]))]
    path = tmp_path / "two.ttc"
    collection.save(path)
    options = replace(OPTIONS, font=path)
    pdf = render(plan(), "pdf", options)
    assert pdfium.PdfDocument(pdf)[0].get_textpage().get_text_range().startswith("甲乙计划")
    # the PNG draws the first font's 甲, as the single font does, not the second's (its 乙)
    single = tmp_path / "a.otf"
    single.write_bytes(small_fonts[0])
    assert render(plan(), "png", options) == render(plan(), "png", replace(OPTIONS, font=single))
    assert render(plan(), "svg", options) == render(plan(), "svg", replace(OPTIONS, font=single))
