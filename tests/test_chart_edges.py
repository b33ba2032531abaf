"""Charts of odd input drawn as a user reads them: a narrowed date range, text longer than its room, a font
replaced while a process runs, a large page at a high resolution."""

from __future__ import annotations

import io
from datetime import date

import pytest
from PIL import Image

from schedgen.export.gantt import ChartOptions, pages_for, render
from schedgen.export.scene import Mark, Page, Rect, Shape
from schedgen.plans import timelines

from .conftest import SCHEDULES

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
