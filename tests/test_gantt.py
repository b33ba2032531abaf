"""Printable Gantt charts: Chinese drawn with a real font, dates at the right place, pages as printed."""

from __future__ import annotations

import itertools
import re
from datetime import date, timedelta
from pathlib import Path

import numpy
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import num2date
from matplotlib.text import Text

from schedgen.errors import BuildError
from schedgen.export import fonts
from schedgen.export.gantt import ChartOptions, figures_for, render, render_set
from schedgen.export.text import wrap
from schedgen.load import loads
from schedgen.model import Span
from schedgen.plans import timelines
from schedgen.resolve import resolve

from .conftest import SCHEDULES, run

ANQIU_AS_OF = date(2023, 3, 6)


def seed(schedule_id: str):  # type: ignore[no-untyped-def]
    return next(t for t in timelines([SCHEDULES]) if t.schedule.id == schedule_id)


def media_boxes(pdf: bytes) -> list[tuple[float, float]]:
    found = re.findall(rb"/MediaBox \[ ?0 0 ([\d.]+) ([\d.]+) ?\]", pdf)
    return [(round(float(w), 2), round(float(h), 2)) for w, h in found]


@pytest.mark.parametrize("schedule_id", ["anqiu-eco-farm", "haidong-2024"])
@pytest.mark.parametrize("fmt", ["png", "pdf", "svg"])
def test_seeds_render_in_every_format_without_warnings(schedule_id: str, fmt: str) -> None:
    # pytest turns every warning into an error, matplotlib's "Glyph ... missing from font" included
    data = render(seed(schedule_id), fmt, ChartOptions(as_of=ANQIU_AS_OF, dpi=80))
    magic = {"png": b"\x89PNG", "pdf": b"%PDF", "svg": b"<?xml"}[fmt]
    assert data.startswith(magic)
    if fmt == "svg":
        first = seed(schedule_id).items[0].task.id
        assert re.search(f'id="(task|due):{first}[":]'.encode(), data)


def test_pages_are_the_paper_asked_for() -> None:
    anqiu = seed("anqiu-eco-farm")
    a3 = render(anqiu, "pdf", ChartOptions(as_of=ANQIU_AS_OF))
    assert media_boxes(a3) == [(1190.55, 841.89)]  # A3 landscape, one page for all 22 rows
    a4 = render(anqiu, "pdf", ChartOptions(as_of=ANQIU_AS_OF, paper="A4"))
    assert len(media_boxes(a4)) >= 2 and set(media_boxes(a4)) == {(841.89, 595.28)}
    portrait = render(anqiu, "pdf", ChartOptions(as_of=ANQIU_AS_OF, paper="A4", portrait=True))
    assert set(media_boxes(portrait)) == {(595.28, 841.89)}


def test_long_plan_flows_onto_pages_with_the_header_repeated() -> None:
    tasks = "".join(f"      - {{id: t{n}, when: 3月{n % 28 + 1}日前, task: 第{n}项任务}}\n" for n in range(120))
    plan = resolve(loads(f"title: 长计划\nyear: 2024\nstages:\n  - name: 第一阶段\n    tasks:\n{tasks}"))
    pages = list(figures_for(plan, ChartOptions(as_of=date(2024, 3, 1), paper="A4")))
    assert len(pages) > 2
    for number, figure in enumerate(pages, start=1):
        texts = [t.get_text() for t in figure.findobj(Text)]
        assert "长计划" in texts and "重点任务" in texts and f"第 {number} 页 / 共 {len(pages)} 页" in texts
        if number > 1:
            assert "第一阶段（续）" in texts


class Geometry:
    """Pixel positions read back from a drawn figure: the month grid lines, and any artist by gid."""

    def __init__(self, figure) -> None:  # type: ignore[no-untyped-def]
        self.figure = figure
        canvas = FigureCanvasAgg(figure)
        canvas.draw()
        self.renderer = canvas.get_renderer()
        self.chart = next(ax for ax in figure.axes if ax.get_xgridlines())
        locations = self.chart.xaxis.get_majorticklocs()
        self.grid = sorted(
            (num2date(loc).date(), line.get_window_extent(self.renderer).x0)
            for loc, line in zip(locations, self.chart.get_xgridlines(), strict=True)
        )

    def x(self, day: date) -> float:
        """The pixel column of midnight starting `day`, interpolated between month grid lines."""
        for (d0, x0), (d1, x1) in zip(self.grid, self.grid[1:], strict=False):
            if d0 <= day <= d1:
                return x0 + (x1 - x0) * (day - d0).days / (d1 - d0).days
        raise AssertionError(f"{day} is outside the grid")

    def extent(self, gid: str):  # type: ignore[no-untyped-def]
        (artist,) = self.figure.findobj(lambda a: a.get_gid() == gid)
        return artist.get_window_extent(self.renderer)


def test_every_anqiu_task_is_drawn_at_its_dates() -> None:
    anqiu = seed("anqiu-eco-farm")
    (figure,) = figures_for(anqiu, ChartOptions(as_of=ANQIU_AS_OF, dpi=100), paged=False)
    figure.set_dpi(100)
    geo = Geometry(figure)
    day_px = geo.x(date(2023, 2, 1)) - geo.x(date(2023, 1, 31))
    checked = 0
    for item in anqiu.items:
        if isinstance(item.timing, Span):
            box = geo.extent(f"task:{item.task.id}")
            assert item.start is not None and item.end is not None
            assert box.x0 == pytest.approx(geo.x(item.start), abs=1.5), item.task.id
            assert box.x1 == pytest.approx(geo.x(item.end + timedelta(days=1)), abs=1.5), item.task.id
        else:
            (occ,) = item.occurrences
            box = geo.extent(f"due:{item.task.id}:{occ.due.isoformat()}")
            centre = (box.x0 + box.x1) / 2
            assert centre == pytest.approx(geo.x(occ.due) + day_px / 2, abs=1.5), item.task.id
        checked += 1
    assert checked == 22


def test_states_are_told_apart_by_colour_and_pattern() -> None:
    anqiu = seed("anqiu-eco-farm")
    (figure,) = figures_for(anqiu, ChartOptions(as_of=ANQIU_AS_OF), paged=False)

    def artist(gid: str):  # type: ignore[no-untyped-def]
        return figure.findobj(lambda a: a.get_gid() == gid)[0]

    overdue = artist("due:first-batch-plans:2023-03-05")
    upcoming = artist("due:first-selection:2023-05-15")
    assert overdue.get_markerfacecolor() != upcoming.get_markerfacecolor()
    in_progress = artist("task:service-association")
    later = artist("task:honours")
    assert in_progress.get_facecolor() != later.get_facecolor()
    legend_labels = [t.get_text() for t in figure.legends[0].get_texts()]
    assert legend_labels[:5] == ["已完成", "进行中", "临近", "逾期", "未开始/未到期"]
    hatches = {h.get_hatch() for h in figure.legends[0].legend_handles[:5]}
    assert len(hatches) >= 4  # patterns survive a black-and-white print


def test_text_is_chinese_readable_inside_the_page_and_not_overlapping() -> None:
    anqiu = seed("anqiu-eco-farm")
    (figure,) = figures_for(anqiu, ChartOptions(as_of=ANQIU_AS_OF), paged=False)
    geo = Geometry(figure)
    page = figure.bbox
    texts = [t for t in figure.findobj(Text) if t.get_text().strip() and t.get_visible()]
    for text in texts:
        assert text.get_fontsize() >= 7, text.get_text()
        assert "CJK" in text.get_fontname() or "Hei" in text.get_fontname() or "Han" in text.get_fontname()
        box = text.get_window_extent(geo.renderer)
        assert page.x0 <= box.x0 and box.x1 <= page.x1 and page.y0 <= box.y0 and box.y1 <= page.y1, text.get_text()
    table = figure.axes[0]
    cells = sorted(
        ((t.get_window_extent(geo.renderer), t.get_text()) for t in table.texts if t.get_position()[0] > 0.1),
        key=lambda c: (-round(c[0].y1), c[0].x0),
    )  # the wrapped columns
    for (a, ta), (b, tb) in itertools.pairwise(cells):
        if a.y0 < b.y1 and b.y0 < a.y1 and a.x0 < b.x0:  # same row, b right of a
            assert a.x1 <= b.x0 + 0.5, (ta, tb)


def test_chinese_title_puts_ink_on_the_page(tmp_path: Path) -> None:
    plan = resolve(
        loads(
            "title: 安丘市生态农场建设工作配档表\nyear: 2023\ntasks: [{id: a, when: 2月20日前, task: 成立工作领导小组}]\n"
        )
    )
    (figure,) = figures_for(plan, ChartOptions(as_of=ANQIU_AS_OF, dpi=100), paged=False)
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    title = next(t for t in figure.texts if t.get_text() == "安丘市生态农场建设工作配档表")
    box = title.get_window_extent(canvas.get_renderer())
    pixels = numpy.asarray(canvas.buffer_rgba())
    height = pixels.shape[0]
    region = pixels[height - int(box.y1) : height - int(box.y0), int(box.x0) : int(box.x1), 0]
    dark = int((region < 100).sum())
    area = region.size
    # 14 characters at 16 pt: strokes cover a real share of the box, not 14 hollow rectangles
    assert 0.08 < dark / area < 0.6
    assert box.width > 14 * 16 * 100 / 72 * 0.9


def test_same_schedule_gives_identical_bytes() -> None:
    anqiu = seed("anqiu-eco-farm")
    for fmt in ("png", "pdf", "svg"):
        options = ChartOptions(as_of=ANQIU_AS_OF, dpi=60)
        assert render(anqiu, fmt, options) == render(anqiu, fmt, options), fmt


def test_a_character_the_font_lacks_is_refused_by_name() -> None:
    plan = resolve(loads("title: x\nyear: 2024\ntasks: [{id: a, when: 3月1日前, task: '完成\U0001f600'}]\n"))
    with pytest.raises(BuildError, match="cannot draw"):
        render(plan, "png", ChartOptions(as_of=date(2024, 1, 1)))


def test_missing_font_says_how_to_get_one(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setattr(fonts, "FONT_FAMILIES", ())
    monkeypatch.setitem(sys.modules, "mplfonts", None)
    with pytest.raises(BuildError, match=r"pip install 'schedgen\[fonts\]'"):
        fonts.find_font()


def test_font_option_checks_the_file(tmp_path: Path) -> None:
    import matplotlib

    latin = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    with pytest.raises(BuildError, match="has no Chinese characters"):
        fonts.find_font(latin)
    with pytest.raises(BuildError, match="no such file"):
        fonts.find_font(tmp_path / "none.ttf")


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        ("成立工作领导小组，明确成员分工", 7, ["成立工作领导小", "组，明确成员分", "工"]),
        ("加快，推进", 2, ["加", "快，", "推进"]),
        ("3月1日至10月31日", 6, ["3月1日至", "10月31日"]),
        ("一二三四五六七八九十", 3, ["一二三", "四五六", "七八…"]),
    ],
)
def test_wrap(text: str, width: float, lines: list[str]) -> None:
    assert wrap(text, width, 3) == lines


def test_gantt_command(tmp_path: Path) -> None:
    out = tmp_path / "海东.pdf"
    result = run(
        "gantt",
        "schedules/haidong-2024.yaml",
        "-o",
        str(out),
        "--as-of",
        "2024-05-01",
        "--paper",
        "A4",
        "--unit",
        "市农业农村局",
    )
    assert result.exit_code == 0, result.stderr
    assert re.match(r"wrote .+ \(\d+ pages?\)", result.output)
    assert out.read_bytes().startswith(b"%PDF")
    bad = run("gantt", "schedules/haidong-2024.yaml", "-o", str(tmp_path / "x.gif"))
    assert bad.exit_code == 2 and "must end in .png, .pdf or .svg" in bad.stderr
    span = run(
        "gantt",
        "schedules/haidong-2024.yaml",
        "-o",
        str(tmp_path / "x.png"),
        "--from",
        "2024-05-01",
        "--to",
        "2024-04-01",
    )
    assert span.exit_code == 2 and "before --from" in span.stderr


def test_weekends_and_holidays_are_shaded_on_a_short_plan() -> None:
    plan = resolve(
        loads(
            "title: 国庆前后\nyear: 2023\nissued: 2023-09-20\nuntil: 2023-10-20\n"
            "tasks: [{id: a, when: 9月28日前, task: 报送}, {id: b, when: 10月10日前, task: 验收}]\n"
        )
    )
    (figure,) = figures_for(plan, ChartOptions(as_of=date(2023, 9, 25)), paged=False)
    chart = next(ax for ax in figure.axes if ax.get_xgridlines())
    shaded = {
        num2date(p.get_x()).date()
        for p in chart.patches
        if p.get_facecolor()[:3] == pytest.approx((0xEC / 255, 0xEF / 255, 0xF1 / 255), abs=0.01)
        and p.get_gid() is None
        and p.get_width() < 1.5
    }
    assert date(2023, 10, 1) in shaded and date(2023, 10, 6) in shaded  # 国庆节
    assert date(2023, 9, 23) in shaded and date(2023, 9, 24) in shaded  # a weekend
    assert date(2023, 10, 7) not in shaded  # 调休: a working Saturday


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_a_plan_too_tall_for_one_png_continues_on_numbered_pages() -> None:
    tasks = "".join(f"  - {{id: t{n}, when: 3月{n % 28 + 1}日前, task: 第{n}项任务}}\n" for n in range(160))
    plan = resolve(loads(f"title: 长计划\nyear: 2024\ntasks:\n{tasks}"))
    options = ChartOptions(as_of=date(2024, 3, 1), dpi=20, png_max_px=400)
    files = render_set(plan, ("png", "pdf", "svg"), options)
    pngs = [name for name in files if name.endswith(".png")]
    assert pngs[:3] == ["gantt.png", "gantt-2.png", "gantt-3.png"]
    sizes = [png_size(files[name]) for name in pngs]
    assert all(h <= 400 for _, h in sizes) and len({w for w, _ in sizes}) == 1
    # every page together holds every row: the pages are as tall as the one chart they replace, and more
    (tall,) = figures_for(plan, options, paged=False)
    assert sum(h for _, h in sizes) >= tall.get_figheight() * 20
    assert {"gantt.pdf", "gantt.svg"} <= set(files)
    with pytest.raises(BuildError, match=rf"{len(pngs)} pages as PNG.*gantt-2\.png"):
        render(plan, "png", options)


def test_all_formats_drawn_in_one_call_are_the_files_drawn_one_by_one() -> None:
    haidong = seed("haidong-2024")
    options = ChartOptions(as_of=ANQIU_AS_OF, dpi=40, paper="A4")
    together = render_set(haidong, ("png", "pdf", "svg"), options)
    assert together == {f"gantt.{fmt}": render(haidong, fmt, options) for fmt in ("png", "pdf", "svg")}


def test_a_year_label_is_centred_on_its_year_so_a_goal_ends_under_its_own_year() -> None:
    plan = resolve(
        loads(
            "title: 十四五规划\nyear: 2022\nissued: '2022-05-31'\nuntil: '2035-12-31'\n"
            "tasks: [{id: goal, when: 到2025年, task: 建成基地}]\n"
        )
    )
    (figure,) = figures_for(plan, ChartOptions(as_of=date(2023, 1, 1), dpi=100), paged=False)
    figure.set_dpi(100)
    geo = Geometry(figure)
    labels = {
        t.get_text(): t.get_window_extent(geo.renderer)
        for t in geo.chart.xaxis.get_ticklabels(minor=True) + geo.chart.xaxis.get_ticklabels()
        if t.get_text() and t.get_visible()
    }
    year_px = geo.x(date(2025, 1, 1)) - geo.x(date(2024, 1, 1))
    for year in range(2023, 2035):
        box = labels[f"{year}年"]
        centre = (box.x0 + box.x1) / 2
        assert centre == pytest.approx(geo.x(date(year, 7, 2)), abs=year_px / 20), year
    diamond = geo.extent("due:goal:2025-12-31")
    centre_2025 = (labels["2025年"].x0 + labels["2025年"].x1) / 2
    assert (diamond.x0 + diamond.x1) / 2 - centre_2025 == pytest.approx(year_px / 2, abs=year_px / 10)
