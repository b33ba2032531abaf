"""A page of a chart as plain shapes, in points from the page's top-left corner: what the PNG, PDF and SVG
writers draw, each the same way, so that a chart is laid out once whatever it is written as.

A shape that stands for a task carries a `gid` (`task:<id>`, `due:<id>:<date>`, `stage:<name>`,
`as-of`), which the SVG keeps as the element's id and the tests use to find it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Protocol, TypeVar

HATCH_STEP = 4.0
"""Points between the lines of a hatch, and the side of its tile: each writer draws the same pattern."""
HATCH_WIDTH = 0.6
"""The width of a hatch's lines, in points."""
HATCH_DOT = 0.35
"""The radius of a dotted hatch's dots, two a tile at a quarter and three quarters of its diagonal."""


class Hatch(Enum):
    """A fill pattern in the shape's stroke colour, so that a black-and-white print still tells states apart."""

    NONE = ""
    DIAGONAL = "////"
    DOTS = "...."
    CROSS = "xxxx"


class MarkShape(Enum):
    """A mark centred on a point: a deadline's diamond or a recurring duty's tick."""

    DIAMOND = "diamond"
    TICK = "tick"


@dataclass(frozen=True)
class Rect:
    """A filled and/or outlined rectangle; `opacity` applies to its fill."""

    x: float
    y: float
    width: float
    height: float
    fill: str | None = None
    stroke: str | None = None
    line_width: float = 0.0
    hatch: Hatch = Hatch.NONE
    opacity: float = 1.0
    gid: str | None = None


@dataclass(frozen=True)
class Rule:
    """A straight line, solid or dashed (`dash`: on and off lengths in points)."""

    x0: float
    y0: float
    x1: float
    y1: float
    color: str
    line_width: float
    dash: tuple[float, ...] = ()
    gid: str | None = None


@dataclass(frozen=True)
class Mark:
    """A diamond or tick `size` points tall centred on (x, y)."""

    x: float
    y: float
    shape: MarkShape
    size: float
    stroke: str
    line_width: float
    fill: str | None = None
    gid: str | None = None


@dataclass(frozen=True)
class Label:
    """One line of text: it starts at `x` with its baseline at `y`, in the face the chart is drawn with."""

    x: float
    y: float
    text: str
    size: float
    color: str = "#000000"
    gid: str | None = None


Shape = Rect | Rule | Mark | Label

Drawn = TypeVar("Drawn", covariant=True)


class Painter(Protocol[Drawn]):
    """How a writer draws each kind of shape."""

    def rect(self, rect: Rect, /) -> Drawn: ...

    def rule(self, rule: Rule, /) -> Drawn: ...

    def mark(self, mark: Mark, /) -> Drawn: ...

    def label(self, label: Label, /) -> Drawn: ...


def draw(painter: Painter[Drawn], shape: Shape) -> Drawn:
    """`shape` drawn by `painter`: the one place the writers' kinds of shape are told apart."""
    if isinstance(shape, Rect):
        return painter.rect(shape)
    if isinstance(shape, Rule):
        return painter.rule(shape)
    if isinstance(shape, Mark):
        return painter.mark(shape)
    return painter.label(shape)


@dataclass(frozen=True)
class Page:
    """One page (a sheet of paper in a PDF, the whole chart in an SVG), its shapes in drawing order."""

    width: float
    height: float
    shapes: tuple[Shape, ...]
