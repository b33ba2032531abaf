"""Printable Gantt charts: Chinese drawn with a real font, dates at the right place, pages as printed."""

from __future__ import annotations

import dataclasses
import io
import itertools
import json
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PIL import Image

from schedgen.errors import BuildError
from schedgen.export.chart import fonts
from schedgen.export.chart.face import face
from schedgen.export.chart.gantt import ChartOptions, pages_for, render, render_set
from schedgen.export.chart.scene import Label, Mark, Page, Rect, Shape
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


def texts(page: Page) -> list[str]:
    """Every line of text drawn on a page."""
    return [shape.text for shape in page.shapes if isinstance(shape, Label)]


def test_long_plan_flows_onto_pages_with_the_header_repeated() -> None:
    tasks = "".join(f"      - {{id: t{n}, when: 3月{n % 28 + 1}日前, task: 第{n}项任务}}\n" for n in range(120))
    plan = resolve(loads(f"title: 长计划\nyear: 2024\nstages:\n  - name: 第一阶段\n    tasks:\n{tasks}"))
    pages = pages_for(plan, ChartOptions(as_of=date(2024, 3, 1), paper="A4"))
    assert len(pages) > 2
    for number, page in enumerate(pages, start=1):
        drawn = texts(page)
        assert "长计划" in drawn and "重点任务" in drawn and f"第 {number} 页 / 共 {len(pages)} 页" in drawn
        if number > 1:
            assert "第一阶段（续）" in drawn


class Geometry:
    """Positions read back from a laid-out page, in points: the grid lines by their dates, any shape by gid,
    and the same chart drawn as a PNG at 100 dpi."""

    def __init__(self, page: Page, timeline, options: ChartOptions) -> None:  # type: ignore[no-untyped-def]
        self.page = page
        self.grid = sorted(
            (date.fromisoformat(s.gid.partition(":")[2]), s.x0)
            for s in page.shapes
            if s.gid and s.gid.startswith("grid:")  # type: ignore[union-attr]
        )
        self.face = face(fonts.find_font())
        self.timeline = timeline
        self.options = dataclasses.replace(options, dpi=100)
        self.dpi = 100
        self._pixels: Image.Image | None = None

    def x(self, day: date) -> float:
        """Where midnight starting `day` is, interpolated between the grid lines."""
        for (d0, x0), (d1, x1) in itertools.pairwise(self.grid):
            if d0 <= day <= d1:
                return x0 + (x1 - x0) * (day - d0).days / (d1 - d0).days
        raise AssertionError(f"{day} is outside the grid")

    def day(self, x: float) -> date:
        """The day whose midnight is at `x`, to the nearest day."""
        (d0, x0), (d1, x1) = self.grid[0], self.grid[-1]
        return d0 + timedelta(days=round((x - x0) / (x1 - x0) * (d1 - d0).days))

    def shape(self, gid: str) -> Shape:
        (found,) = [s for s in self.page.shapes if s.gid == gid]
        return found

    def box(self, label: Label) -> tuple[float, float, float, float]:
        """A line of text's box (left, top, right, bottom): its advances by its ascent and descent."""
        width = self.face.width(label.text, label.size)
        return (
            label.x,
            label.y - self.face.ascent * label.size,
            label.x + width,
            label.y + self.face.descent * label.size,
        )

    def png(self) -> Image.Image:
        """The chart as the PNG shows it, drawn once."""
        if self._pixels is None:
            data = render(self.timeline, "png", self.options)
            self._pixels = Image.open(io.BytesIO(data)).convert("RGB")
            assert self._pixels.height == round(self.page.height * self.dpi / 72)
        return self._pixels

    def pixel(self, x: float, y: float) -> tuple[int, int, int]:
        """The colour of the PNG at a point of the page."""
        k = self.dpi / 72
        return self.png().getpixel((int(x * k), int(y * k)))  # type: ignore[return-value]

    def region(self, x0: float, y0: float, x1: float, y1: float, inset: int = 0) -> Image.Image:
        """The PNG's pixels in a box of the page, in grey, `inset` pixels inside its edges."""
        k = self.dpi / 72
        box = (int(x0 * k) + inset, int(y0 * k) + inset, int(x1 * k) - inset, int(y1 * k) - inset)
        return self.png().crop(box).convert("L")


def rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def test_every_anqiu_task_is_drawn_at_its_dates() -> None:
    anqiu = seed("anqiu-eco-farm")
    options = ChartOptions(as_of=ANQIU_AS_OF, dpi=100)
    (page,) = pages_for(anqiu, options, paged=False)
    geo = Geometry(page, anqiu, options)
    day = geo.x(date(2023, 2, 1)) - geo.x(date(2023, 1, 31))
    checked = 0
    for item in anqiu.items:
        if isinstance(item.timing, Span):
            bar = geo.shape(f"task:{item.task.id}")
            assert isinstance(bar, Rect) and item.start is not None and item.end is not None
            assert bar.x == pytest.approx(geo.x(item.start), abs=1.0), item.task.id
            assert bar.x + bar.width == pytest.approx(geo.x(item.end + timedelta(days=1)), abs=1.0), item.task.id
        else:
            (occ,) = item.occurrences
            mark = geo.shape(f"due:{item.task.id}:{occ.due.isoformat()}")
            assert mark.x == pytest.approx(geo.x(occ.due) + day / 2, abs=1.0), item.task.id  # type: ignore[union-attr]
            # the PNG has the diamond's colour at its centre and its dark outline just above
            assert isinstance(mark, Mark) and mark.fill is not None
            assert geo.pixel(mark.x, mark.y) == rgb(mark.fill), item.task.id
            column = [sum(geo.pixel(mark.x, mark.y - n / 4)) / 3 for n in range(32)]
            assert min(column) < 128, item.task.id
        checked += 1
    assert checked == 22


def test_states_are_told_apart_by_colour_and_pattern() -> None:
    anqiu = seed("anqiu-eco-farm")
    options = ChartOptions(as_of=ANQIU_AS_OF)
    (page,) = pages_for(anqiu, options, paged=False)
    geo = Geometry(page, anqiu, options)
    overdue = geo.shape("due:first-batch-plans:2023-03-05")
    upcoming = geo.shape("due:first-selection:2023-05-15")
    assert overdue.fill != upcoming.fill  # type: ignore[union-attr]
    in_progress = geo.shape("task:service-association")
    later = geo.shape("task:honours")
    assert isinstance(in_progress, Rect) and isinstance(later, Rect)
    assert in_progress.fill != later.fill
    # as printed: the middle of the bar in progress is its colour, and so is the overdue diamond's centre
    assert in_progress.fill is not None and overdue.fill is not None  # type: ignore[union-attr]
    middle = (in_progress.x + in_progress.width / 2, in_progress.y + in_progress.height / 2)
    assert geo.pixel(*middle) == rgb(in_progress.fill)
    assert geo.pixel(overdue.x, overdue.y) == rgb(overdue.fill)  # type: ignore[union-attr]
    legend = sorted((s for s in page.shapes if s.gid and s.gid.startswith("legend:")), key=lambda s: s.gid or "")
    labels = [s for s in legend if isinstance(s, Label)]
    labels.sort(key=lambda s: s.x)
    assert [s.text for s in labels[:5]] == ["已完成", "进行中", "临近", "逾期", "未开始/未到期"]
    swatches = [s for s in legend if isinstance(s, Rect)][:5]
    assert len({s.hatch for s in swatches}) >= 4  # patterns survive a black-and-white print
    for swatch in swatches:
        if swatch.hatch.value:
            inside = geo.region(swatch.x, swatch.y, swatch.x + swatch.width, swatch.y + swatch.height, inset=2)
            assert len(inside.getcolors() or ()) >= 2, swatch.hatch  # lines or dots over the fill


def test_text_is_chinese_readable_inside_the_page_and_not_overlapping() -> None:
    anqiu = seed("anqiu-eco-farm")
    options = ChartOptions(as_of=ANQIU_AS_OF)
    (page,) = pages_for(anqiu, options, paged=False)
    geo = Geometry(page, anqiu, options)
    labels = [s for s in page.shapes if isinstance(s, Label) and s.text.strip()]
    drawn_with = geo.face
    assert all(drawn_with.glyph(ch) for ch in "安丘市生态农场")  # a font that draws Chinese
    for label in labels:
        assert label.size >= 7, label.text
        assert all(drawn_with.glyph(ch) for ch in label.text if not ch.isspace()), label.text
        x0, y0, x1, y1 = geo.box(label)
        assert x0 >= 0 and x1 <= page.width and y0 >= 0 and y1 <= page.height, label.text
    table = geo.shape("table")
    assert isinstance(table, Rect)
    number_column = table.x + 0.1 * 72
    cells = sorted(
        (geo.box(s), s.text)
        for s in labels
        if number_column < s.x < table.x + table.width and table.y < s.y < table.y + table.height
    )  # the wrapped columns
    for (a, ta), (b, tb) in itertools.product(cells, cells):
        if a[1] < b[3] and b[1] < a[3] and a[0] < b[0]:  # same line, b right of a
            assert a[2] <= b[0] + 0.5, (ta, tb)


def test_chinese_title_puts_ink_on_the_page(tmp_path: Path) -> None:
    plan = resolve(
        loads(
            "title: 安丘市生态农场建设工作配档表\nyear: 2023\ntasks: [{id: a, when: 2月20日前, task: 成立工作领导小组}]\n"
        )
    )
    options = ChartOptions(as_of=ANQIU_AS_OF, dpi=100)
    (page,) = pages_for(plan, options, paged=False)
    geo = Geometry(page, plan, options)
    title = next(s for s in page.shapes if isinstance(s, Label) and s.text == "安丘市生态农场建设工作配档表")
    x0, y0, x1, y1 = geo.box(title)
    region = geo.region(x0, y0, x1, y1)
    dark = sum(region.histogram()[:100])
    area = region.width * region.height
    # 14 characters at 16 pt: strokes cover a real share of the box, not 14 hollow rectangles
    assert 0.08 < dark / area < 0.6
    assert x1 - x0 > 14 * 16 * 0.9


def test_same_schedule_gives_identical_bytes() -> None:
    anqiu = seed("anqiu-eco-farm")
    for fmt in ("png", "pdf", "svg"):
        options = ChartOptions(as_of=ANQIU_AS_OF, dpi=60)
        assert render(anqiu, fmt, options) == render(anqiu, fmt, options), fmt


def test_a_character_the_font_lacks_is_named() -> None:
    from schedgen.export.chart.fonts import find_font
    from schedgen.export.chart.gantt import undrawn

    plan = resolve(loads("title: x\nyear: 2024\ntasks: [{id: a, when: 3月1日前, task: '完成\U0001f600'}]\n"))
    assert render(plan, "png", ChartOptions(as_of=date(2024, 1, 1), dpi=40))  # drawn, with a box for it
    assert undrawn(plan, find_font()) == "\U0001f600"


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
    options = ChartOptions(as_of=date(2023, 9, 25))
    (page,) = pages_for(plan, options, paged=False)
    geo = Geometry(page, plan, options)
    day = geo.x(date(2023, 10, 2)) - geo.x(date(2023, 10, 1))
    shaded = {
        geo.day(s.x)
        for s in page.shapes
        if isinstance(s, Rect) and s.fill == "#eceff1" and s.gid is None and s.width < 1.5 * day
    }
    assert date(2023, 10, 1) in shaded and date(2023, 10, 6) in shaded  # 国庆节
    assert date(2023, 9, 23) in shaded and date(2023, 9, 24) in shaded  # a weekend
    assert date(2023, 10, 7) not in shaded  # 调休: a working Saturday
    # as printed: a holiday's column is shaded, a working day's is white
    below = geo.shape("chart").y + geo.shape("chart").height - 2  # type: ignore[union-attr]
    assert geo.pixel(geo.x(date(2023, 10, 3)) + day / 2, below) == rgb("#eceff1")
    assert geo.pixel(geo.x(date(2023, 10, 9)) + day / 2, below) == (255, 255, 255)


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
    (tall,) = pages_for(plan, options, paged=False)
    assert sum(h for _, h in sizes) >= tall.height / 72 * 20
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
    options = ChartOptions(as_of=date(2023, 1, 1), dpi=100)
    (page,) = pages_for(plan, options, paged=False)
    geo = Geometry(page, plan, options)
    chart = geo.shape("chart")
    labels = {}
    for s in page.shapes:
        if isinstance(s, Label) and s.y < chart.y and chart.x <= s.x:  # type: ignore[union-attr]
            x0, _, x1, _ = geo.box(s)
            labels[s.text] = (x0 + x1) / 2
    year = geo.x(date(2025, 1, 1)) - geo.x(date(2024, 1, 1))
    for y in range(2023, 2035):
        assert labels[f"{y}年"] == pytest.approx(geo.x(date(y, 7, 2)), abs=year / 20), y
    diamond = geo.shape("due:goal:2025-12-31")
    assert diamond.x - labels["2025年"] == pytest.approx(year / 2, abs=year / 10)  # type: ignore[union-attr]


SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"


def test_the_svg_draws_each_character_of_the_title_from_its_own_outlines() -> None:
    anqiu = seed("anqiu-eco-farm")
    svg = ElementTree.fromstring(render(anqiu, "svg", ChartOptions(as_of=ANQIU_AS_OF)))
    defined = {path.get("id"): path.get("d") for path in svg.iter(f"{SVG}path") if path.get("id")}
    title = anqiu.schedule.title
    line = next(g for g in svg.iter(f"{SVG}g") if g.get("aria-label") == title)
    uses = [use.get(XLINK) or "" for use in line.iter(f"{SVG}use")]
    assert len(uses) == len(title)  # one glyph a character, with no font needed to show them
    for use in uses:
        assert use.startswith("#") and defined[use[1:]], use
    # a character used twice (场 in 农场 and 场) is one outline, drawn twice
    assert len(set(uses)) == len(set(title))


def test_hostile_names_and_texts_cannot_break_the_svg() -> None:
    hostile = """x"><script>alert(1)</script><g id='y' & ]]> --"""
    plan = resolve(
        loads(
            f"title: {json.dumps('计划' + hostile)}\nyear: 2024\nstages:\n  - name: {json.dumps(hostile)}\n"
            f"    tasks: [{{id: a, when: 3月1日至4月1日, task: {json.dumps(hostile)}, units: 市局}}]\n"
        )
    )
    # an id the loader would refuse, as a program building a Timeline itself could give
    item = plan.items[0]
    task = dataclasses.replace(item.task, id=hostile)
    plan = dataclasses.replace(plan, items=(dataclasses.replace(item, task=task),))
    svg = ElementTree.fromstring(render(plan, "svg", ChartOptions(as_of=date(2024, 3, 15))))
    ids = {element.get("id") for element in svg.iter()}
    assert f"task:{hostile}" in ids and f"stage:{hostile}" in ids
    assert not list(svg.iter(f"{SVG}script"))
    assert hostile in {g.get("aria-label") for g in svg.iter(f"{SVG}g")}


def test_charts_are_drawn_without_matplotlib() -> None:
    # matplotlib took most of a chart's time; with the bundled font it is not even imported
    code = (
        "import sys; from datetime import date; from pathlib import Path\n"
        "from schedgen.plans import timelines; from schedgen.export.chart.gantt import ChartOptions, render_set\n"
        f"(t,) = timelines([Path({str(SCHEDULES / 'anqiu-eco-farm.yaml')!r})])\n"
        "files = render_set(t, ('png', 'pdf', 'svg'), ChartOptions(as_of=date(2023, 3, 6), dpi=30))\n"
        "print(sorted(files), 'matplotlib' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["['gantt.pdf',", "'gantt.png',", "'gantt.svg']", "False"]


def test_the_last_png_page_is_as_tall_as_its_rows_not_a_blank_sheet() -> None:
    tasks = "".join(f"  - {{id: t{n}, when: 3月{n % 28 + 1}日前, task: 第{n}项任务}}\n" for n in range(130))
    plan = resolve(loads(f"title: 长计划\nyear: 2024\ntasks:\n{tasks}"))
    files = render_set(plan, ("png",), ChartOptions(as_of=date(2024, 3, 1), dpi=20, png_max_px=400))
    heights = [png_size(data)[1] for data in files.values()]
    a3_short_side = round(297 / 25.4 * 20)
    assert len(heights) >= 2 and heights[0] <= 400
    assert a3_short_side <= heights[-1] < heights[0]
    last = Image.open(io.BytesIO(files[list(files)[-1]])).convert("L")
    assert last.getbbox() is not None
    # its footer (0.55 in from the bottom edge: 11 px at 20 dpi) is there: the page ends where its footer does
    footer_row = last.crop((0, last.height - 14, last.width, last.height - 8))
    assert footer_row.getextrema()[0] < 200  # type: ignore[operator]


def test_a_chart_drawn_from_the_font_facts_a_previous_process_stored_is_the_same_chart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from schedgen.export.chart import face

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("SCHEDGEN_NO_CACHE", raising=False)
    opened: list[face.Face] = []
    original = face._face.__wrapped__

    def new_process() -> None:
        """Faces read afresh, as a new process reads them."""
        made: dict[tuple[Path, int, int], face.Face] = {}

        def read(path: Path, size: int, mtime: int) -> face.Face:
            if (path, size, mtime) not in made:
                made[path, size, mtime] = original(path, size, mtime)
                opened.append(made[path, size, mtime])
            return made[path, size, mtime]

        monkeypatch.setattr(face, "_face", read)

    anqiu = seed("anqiu-eco-farm")
    options = ChartOptions(as_of=ANQIU_AS_OF, dpi=40)
    try:
        new_process()
        first = render_set(anqiu, ("png", "pdf", "svg"), options)
        (stored,) = (tmp_path / "cache" / "schedgen").glob("face-*")
        new_process()
        assert render_set(anqiu, ("png", "pdf", "svg"), options) == first
        assert opened[-1]._font is None  # drawn from the stored facts, the font file never opened
        stored.write_bytes(b"\x00damaged")  # a damaged store is read as none
        new_process()
        assert render_set(anqiu, ("png", "pdf", "svg"), options) == first
    finally:
        for one in opened:
            one.close()


def test_a_png_deflated_without_zlib_ng_shows_the_same_pixels(monkeypatch: pytest.MonkeyPatch) -> None:
    # zlib-ng deflates a chart's pixels ten times as fast as zlib; where its wheels are missing,
    # zlib deflates them: another file, the same picture
    from schedgen.export.chart import png

    anqiu = seed("anqiu-eco-farm")
    options = ChartOptions(as_of=ANQIU_AS_OF, dpi=60)
    fast = render(anqiu, "png", options)
    monkeypatch.setitem(sys.modules, "zlib_ng", None)  # `import zlib_ng` now fails as on a machine without it
    plain = render(anqiu, "png", options)
    assert png._deflater().__class__.__module__ == "zlib"
    assert fast != plain
    shown = [Image.open(io.BytesIO(data)) for data in (fast, plain)]
    assert shown[0].size == shown[1].size
    assert shown[0].tobytes() == shown[1].tobytes()


def test_a_png_chart_is_the_same_bytes_each_time_it_is_drawn_in_one_process() -> None:
    # ISA-L now and then deflated the same pixels into other bytes in a process that had drawn before (seen
    # in about one run in eight of test_charts_later: a chart drawn later differed from the eager build's, and
    # a self-check deflating each page twice found two pages whose streams differed): a site's PNGs changed
    # without a change to their plans, and a build published them anew
    anqiu, haidong = seed("anqiu-eco-farm"), seed("haidong-2024")
    options = ChartOptions(as_of=ANQIU_AS_OF, dpi=100)
    drawn = set()
    for _ in range(12):
        drawn.add(render(anqiu, "png", options))
        render(haidong, "png", options)  # other pages between, deflated in memory the last one freed
    assert len(drawn) == 1


BEYOND = (
    "title: 道路项目\nyear: 2020\nissued: 2016-03-01\nuntil: 2021-06-30\ntasks:\n"
    "  - {id: early, when: 2016.03-2018.12, task: 泗港路改建工程}\n"
    "  - {id: across, when: 2020.03-2021.06, task: 沙洲东路大修工程}\n"
    "  - {id: inside, when: 2020年5月1日-6月30日, task: 二干河东路}\n"
    "  - {id: late, when: 2021年3月底前, task: 竣工验收}\n"
)


def arrows(page: Page) -> list[str]:
    return [s.text for s in page.shapes if isinstance(s, Label) and s.text in ("◀", "▶")]


def test_a_chart_cut_by_from_and_to_marks_each_row_whose_dates_run_past_its_edges() -> None:
    # --from/--to show part of a plan: a row whose dates lie before or after the days shown was left empty, and a
    # bar running past an edge ended there, as if the task ended with the chart: each now says so by an arrow
    plan = resolve(loads(BEYOND))
    options = ChartOptions(as_of=date(2020, 11, 1), start=date(2020, 1, 1), end=date(2020, 12, 31))
    (page,) = pages_for(plan, options, paged=False)
    rows = {
        s.text: s.y
        for s in page.shapes
        if isinstance(s, Label) and s.text in ("泗港路改建工程", "沙洲东路大修工程", "二干河东路", "竣工验收")
    }
    marked = {s.text: s.y for s in page.shapes if isinstance(s, Label) and s.text in ("◀", "▶")}
    by_row = {
        name: sorted(a.text for a in page.shapes if isinstance(a, Label) and a.text in ("◀", "▶") and abs(a.y - y) < 4)
        for name, y in rows.items()
    }
    assert by_row == {"泗港路改建工程": ["◀"], "沙洲东路大修工程": ["▶"], "二干河东路": [], "竣工验收": ["▶"]}
    assert marked and any(isinstance(s, Label) and s.text == "日期超出图示期间" for s in page.shapes)  # the legend


def test_a_chart_of_the_whole_plan_has_no_arrows_and_no_legend_for_them(tmp_path: Path) -> None:
    # nor has a span the plan dates from before its window: Haidong's `年内` tasks start where the plan does
    for plan in (resolve(loads(BEYOND)), seed("haidong-2024")):
        (page,) = pages_for(plan, ChartOptions(as_of=date(2024, 5, 1)), paged=False)
        assert arrows(page) == []
        assert not any(isinstance(s, Label) and s.text == "日期超出图示期间" for s in page.shapes)
    quiet = run("gantt", "schedules/haidong-2024.yaml", "-o", str(tmp_path / "h.svg"), "--as-of", "2024-05-01")
    assert "outside the days the chart shows" not in quiet.stderr


def test_a_chart_marks_a_span_wholly_before_the_plans_window() -> None:
    # a span that ended before the window opens (a table's project begun and finished years before its plan) is
    # drawn as a sliver at the axis's start: its arrow says it lies further back
    plan = resolve(loads(BEYOND.replace("issued: 2016-03-01\n", "")))
    (page,) = pages_for(plan, ChartOptions(as_of=date(2020, 11, 1)), paged=False)
    assert arrows(page) == ["◀"]


def test_gantt_names_the_tasks_whose_dates_run_past_the_days_it_shows(tmp_path: Path) -> None:
    plan = tmp_path / "roads.yaml"
    plan.write_text(BEYOND, encoding="utf-8")
    out = tmp_path / "roads.svg"
    result = run(
        "gantt", str(plan), "-o", str(out), "--from", "2020-01-01", "--to", "2020-12-31", "--as-of", "2020-11-01"
    )
    assert result.exit_code == 0, result.stderr
    assert "3 task(s) have dates outside the days the chart shows (2020-01-01 to 2020-12-31)" in result.stderr
    assert "early 2016.03-2018.12：全在所示期间之前" in result.stderr
    assert "across 2020.03-2021.06：延续到所示期间之后" in result.stderr
    assert "late 2021年3月底前：全在所示期间之后" in result.stderr
    assert "inside" not in result.stderr
    assert 'aria-label="◀"' in out.read_text(encoding="utf-8")
