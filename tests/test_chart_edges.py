"""Charts of odd input drawn as a user reads them: a narrowed date range, text longer than its room, a font
replaced while a process runs, a large page at a high resolution."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest
from PIL import Image

from schedgen.export.chart.gantt import ChartOptions, pages_for, render
from schedgen.export.chart.scene import Label, Mark, Page, Rect, Shape
from schedgen.load import loads
from schedgen.plans import timelines
from schedgen.resolve import resolve

from .conftest import SCHEDULES, run

ANQIU_AS_OF = date(2023, 3, 6)


def anqiu():  # type: ignore[no-untyped-def]
    (timeline,) = timelines([SCHEDULES / "anqiu-eco-farm.yaml"])
    return timeline


def shape(page: Page, gid: str) -> Shape:
    (found,) = [s for s in page.shapes if s.gid == gid]
    return found


def task_marks(page: Page) -> list[Rect | Mark]:
    return [
        s
        for s in page.shapes
        if isinstance(s, Rect | Mark) and s.gid and s.gid.split(":")[0] in ("task", "due", "stage")
    ]


@pytest.mark.parametrize(("start", "end"), [(date(2023, 6, 1), date(2023, 7, 1)), (date(2030, 1, 1), date(2030, 2, 1))])
def test_a_narrowed_date_range_keeps_every_mark_inside_the_chart(start: date, end: date) -> None:
    options = ChartOptions(as_of=ANQIU_AS_OF, start=start, end=end, dpi=50)
    (page,) = pages_for(anqiu(), options, paged=False)
    chart = shape(page, "chart")
    assert isinstance(chart, Rect)
    for mark in task_marks(page):
        right = mark.x + mark.width if isinstance(mark, Rect) else mark.x
        assert chart.x - 0.01 <= mark.x and right <= chart.x + chart.width + 0.01, mark.gid
    # as printed: no bar's blue crosses the table on the left of the chart
    pixels = Image.open(io.BytesIO(render(anqiu(), "png", options))).convert("RGB")
    k = 50 / 72
    table = pixels.crop((0, round(chart.y * k), round(chart.x * k) - 2, round((chart.y + chart.height) * k)))
    assert (0x4A, 0x7F, 0xC1) not in {color for _, color in table.getcolors(1 << 20) or ()}


def test_a_bar_crossing_the_range_is_cut_at_its_edges() -> None:
    start, end = date(2023, 6, 1), date(2023, 7, 1)
    (page,) = pages_for(anqiu(), ChartOptions(as_of=ANQIU_AS_OF, start=start, end=end), paged=False)
    chart = shape(page, "chart")
    bar = shape(page, "task:supervision")  # 3月1日至10月31日 spans the whole range
    assert isinstance(bar, Rect) and isinstance(chart, Rect)
    # the bar starts at 1 June and ends after 1 July, inside the chart's padding at either end
    day = chart.width / ((end - start).days + 1)
    assert chart.x < bar.x < chart.x + 2 * day
    assert chart.x + chart.width - 2 * day < bar.x + bar.width < chart.x + chart.width
    # a deadline of February is not drawn on a chart of June
    assert not [s for s in page.shapes if s.gid == "due:leading-group:2023-02-20"]


def text_box(page: Page, label: Label) -> tuple[float, float]:
    """Where a line of text starts and ends on the page, by the advances of the face it is drawn in."""
    from schedgen.export.chart.face import face
    from schedgen.export.chart.fonts import find_font

    return label.x, label.x + face(find_font()).width(label.text, label.size)


def test_a_title_source_and_stage_longer_than_the_page_are_cut_with_an_ellipsis() -> None:
    long = "关于加快推进农业农村现代化建设" * 12
    plan = resolve(
        loads(
            f"title: {json.dumps(long, ensure_ascii=False)}\nyear: 2024\nsource: {json.dumps(long, ensure_ascii=False)}\n"
            f"stages:\n  - name: {json.dumps(long, ensure_ascii=False)}\n"
            "    tasks: [{id: a, when: 3月1日至4月1日, task: 报送, units: 市局}]\n"
        )
    )
    for paged in (True, False):
        (page,) = pages_for(plan, ChartOptions(as_of=date(2024, 3, 15), paper="A4"), paged=paged)
        labels = [s for s in page.shapes if isinstance(s, Label)]
        for label in labels:
            left, right = text_box(page, label)
            assert left >= 0 and right <= page.width, label.text[:12]
        cut = [s.text for s in labels if s.text.startswith("关于加快") and s.text.endswith("…")]
        assert len(cut) == 3, cut  # the title, its stage and the footer's title
        # the source is cut, and the plan's dates after it stay
        (sub,) = [s.text for s in labels if s.text.startswith("出处：关于加快")]
        assert sub.endswith("…　计划期：2024-01-01 至 2024-12-31　截至 2024-03-15"), sub
        # the stage's name stays inside the table, and the footer's three parts do not overlap
        table = shape(page, "table")
        assert isinstance(table, Rect)
        stage = next(s for s in labels if s.text.startswith("关于加快") and table.y < s.y < table.y + table.height)
        assert text_box(page, stage)[1] <= table.x + table.width
        footer = sorted((s for s in labels if s.y > table.y + table.height), key=lambda s: s.x)
        assert len(footer) == 3
        for a, b in pairwise(footer):
            assert text_box(page, a)[1] < b.x, (a.text[:12], b.text[:12])


def test_a_seed_whose_bars_begin_before_its_window_keeps_them_off_the_table() -> None:
    # Haidong was issued on 9 April 2024: its `年内` bars begin on 1 January, before the chart does
    (haidong,) = timelines([SCHEDULES / "haidong-2024.yaml"])
    (page,) = pages_for(haidong, ChartOptions(as_of=date(2024, 5, 1)), paged=False)
    chart = shape(page, "chart")
    assert isinstance(chart, Rect)
    bar = shape(page, "task:farmland")
    assert isinstance(bar, Rect) and chart.x <= bar.x < chart.x + 0.02 * chart.width


def test_a_600_dpi_a3_png_takes_less_memory_than_its_pixels() -> None:
    code = (
        "import resource; from datetime import date; from pathlib import Path\n"
        "from schedgen.plans import timelines; from schedgen.export.chart.gantt import ChartOptions, render\n"
        f"(t,) = timelines([Path({str(SCHEDULES / 'haidong-2024.yaml')!r})])\n"
        "options = ChartOptions(as_of=date(2024, 5, 1), dpi=600)\n"
        "render(t, 'svg', options)\n"  # the font and the layout read before the baseline
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "data = render(t, 'png', options)\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before, data[16:24].hex())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    grown_kib, size = int(out[0]), bytes.fromhex(out[1])
    width, height = int.from_bytes(size[:4], "big"), int.from_bytes(size[4:], "big")
    assert width == 9921 and height >= 7016  # A3 landscape at 600 dpi, as tall as its rows
    # drawn a band at a time, the page's 200 MB of pixels are never held whole; copied out to be
    # encoded, they took 800 MB
    assert grown_kib * 1024 < width * height * 3


@pytest.mark.parametrize(("issued", "until"), [("2024-03-01", "2024-03-01"), ("2024-03-05", "2024-03-09")])
def test_a_plan_of_days_without_a_monday_names_its_first_day_on_the_axis(issued: str, until: str) -> None:
    plan = resolve(
        loads(
            f"title: 短计划\nyear: 2024\nissued: {issued}\nuntil: {until}\n"
            # due on the plan's last day: a due day after it widens the axis
            f"tasks: [{{id: a, when: 3月{int(until[-2:])}日前, task: 报送}}]\n"
        )
    )
    (page,) = pages_for(plan, ChartOptions(as_of=date(2024, 3, 1)), paged=False)
    chart = shape(page, "chart")
    assert isinstance(chart, Rect)
    above = [s.text for s in page.shapes if isinstance(s, Label) and s.y < chart.y and s.x >= chart.x]
    first = date.fromisoformat(issued)
    assert above == [f"{first.year}年{first.month}月{first.day}日"]


@pytest.mark.parametrize("days", [111, 790, 4000])
@pytest.mark.parametrize("portrait", [True, False])
def test_axis_labels_on_narrow_paper_do_not_overlap(days: int, portrait: bool) -> None:
    start = date(2022, 3, 7)
    end = date.fromordinal(start.toordinal() + days)
    plan = resolve(
        loads(
            f"title: 轴\nyear: 2022\nissued: {start}\nuntil: {end}\n"
            f"tasks: [{{id: a, when: {end.year}年{end.month}月{end.day}日前, task: 报送}}]\n"
        )
    )
    (page,) = pages_for(plan, ChartOptions(as_of=start, paper="A4", portrait=portrait), paged=False)
    chart = shape(page, "chart")
    assert isinstance(chart, Rect)
    axis = [s for s in page.shapes if isinstance(s, Label) and chart.y - 30 < s.y < chart.y and s.x >= chart.x]
    rows: dict[float, list[Label]] = {}
    for label in axis:
        rows.setdefault(round(label.y, 1), []).append(label)
    last_row = rows[max(rows)]
    assert len(last_row) >= 3  # still a scale a reader can date the marks by
    for a, b in pairwise(sorted(last_row, key=lambda s: s.x)):
        assert text_box(page, a)[1] < b.x, (a.text, b.text)


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (("--from", "2030-01-01"), "--from 2030-01-01 is after the plan ends on 2024-12-31: give --to as well"),
        (("--to", "2020-01-01"), "--to 2020-01-01 is before the plan begins on 2024-04-09: give --from as well"),
        (("--from", "2024-06-01", "--to", "2024-05-01"), "--to 2024-05-01 is before --from 2024-06-01"),
    ],
)
def test_a_range_outside_the_plan_is_refused_naming_only_what_was_given(
    flags: tuple[str, ...], message: str, tmp_path: Path
) -> None:
    result = run("gantt", str(SCHEDULES / "haidong-2024.yaml"), "-o", str(tmp_path / "x.pdf"), *flags)
    assert result.exit_code == 2
    assert f"error: {message}" in result.stderr


def test_a_long_stage_heading_repeated_on_the_next_page_keeps_its_continuation_mark() -> None:
    name = "关于加快推进农业农村现代化建设" * 6
    tasks = "".join(f"      - {{id: t{n}, when: 3月{n % 28 + 1}日前, task: 第{n}项任务}}\n" for n in range(80))
    plan = resolve(loads(f"title: 长计划\nyear: 2024\nstages:\n  - name: {name}\n    tasks:\n{tasks}"))
    pages = pages_for(plan, ChartOptions(as_of=date(2024, 3, 1), paper="A4"))
    assert len(pages) >= 2
    (heading,) = [s for s in pages[1].shapes if isinstance(s, Label) and s.text.startswith("关于加快")]
    assert heading.text.endswith("…（续）")
    table = shape(pages[1], "table")
    assert isinstance(table, Rect) and text_box(pages[1], heading)[1] <= table.x + table.width


def test_a_png_drawn_in_bands_of_rows_is_the_page_drawn_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    from schedgen.export.chart import png

    options = ChartOptions(as_of=ANQIU_AS_OF, dpi=45)
    monkeypatch.setattr(png, "BAND_BYTES", 1 << 30)
    whole = Image.open(io.BytesIO(render(anqiu(), "png", options)))
    for rows in (1, 7, 64):  # bands that cut through text, marks, hatches and dashes
        monkeypatch.setattr(png, "BAND_BYTES", rows * 3 * round(1190.55 * 45 / 72))
        # the same pixels; not the same bytes, as ISA-L deflates each band as it is given
        banded = Image.open(io.BytesIO(render(anqiu(), "png", options)))
        assert (banded.size, banded.tobytes()) == (whole.size, whole.tobytes()), rows
