"""Any text a plan holds is drawn (a character the font lacks as a box), in every chart format and on the page."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schedgen.errors import LoadError
from schedgen.export.chart.gantt import ChartOptions, pages_for, render
from schedgen.export.chart.scene import Label
from schedgen.export.page.html import PageOptions, schedule_page
from schedgen.load import loads
from schedgen.model import Timeline
from schedgen.resolve import resolve

AS_OF = date(2024, 2, 1)
# invisible characters that office documents carry: a byte order mark, a zero-width space and joiner,
# a right-to-left override, a soft hyphen, a word joiner
INVISIBLE = ["\ufeff", "\u200b", "\u200d", "\u202e", "\u00ad", "\u2060"]


def plan_with(text: str) -> Timeline:
    """A one-task plan whose title, task, unit and source all carry `text`."""
    quoted = json.dumps(text)
    return resolve(
        loads(
            f"title: {json.dumps('计划' + text)}\nyear: 2024\nsource: {quoted}\ntasks:\n"
            f"  - {{id: a, when: 3月1日前, task: {json.dumps('甲' + text + '乙')}, units: {json.dumps('市' + text + '局')}}}\n"
        )
    )


def drawn_text(plan: Timeline) -> list[str]:
    """Every line of text the chart's one page draws."""
    (page,) = pages_for(plan, ChartOptions(as_of=AS_OF, dpi=40))
    return [shape.text for shape in page.shapes if isinstance(shape, Label)]


@pytest.mark.parametrize("invisible", INVISIBLE)
@pytest.mark.parametrize("fmt", ["png", "pdf", "svg"])
def test_invisible_characters_are_left_out_of_the_drawing(invisible: str, fmt: str) -> None:
    plan = plan_with(invisible)
    assert render(plan, fmt, ChartOptions(as_of=AS_OF, dpi=40))
    drawn = "\n".join(drawn_text(plan))
    assert "甲乙" in drawn and "市局" in drawn and "计划" in drawn
    assert invisible not in drawn


@pytest.mark.parametrize("fmt", ["png", "pdf", "svg"])
def test_a_combining_mark_the_font_lacks_is_drawn_as_a_box_and_named(fmt: str) -> None:
    from schedgen.export.chart.fonts import find_font
    from schedgen.export.chart.gantt import undrawn

    options = ChartOptions(as_of=AS_OF, dpi=40)
    assert render(plan_with("\u0301"), fmt, options) != render(plan_with("\u200b"), fmt, options)
    assert undrawn(plan_with("\u0301"), find_font()) == "\u0301"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=12))
def test_any_text_is_charted(text: str) -> None:
    try:
        plan = plan_with(text)
    except LoadError:  # text the loader refuses never reaches a renderer
        return
    assert "甲" in schedule_page(plan, [], PageOptions(as_of=AS_OF))
    for fmt in ("png", "pdf", "svg"):
        assert render(plan, fmt, ChartOptions(as_of=AS_OF, dpi=20))  # a character the font lacks is a box


def test_spaces_are_drawn_as_written() -> None:
    assert "计划\u3000 丙" in drawn_text(plan_with("\u3000 丙"))
