"""A chart page as SVG, written by hand: each glyph the page uses is one `<path>` in `<defs>` drawn from
the font's outline, and text is a row of `<use>`s of them, so that the chart shows its Chinese on a
machine without the font. A shape that stands for a task keeps its gid as its `id`."""

from __future__ import annotations

import re
from functools import cache
from xml.sax.saxutils import escape, quoteattr

from schedgen.export.chart.face import Face
from schedgen.export.chart.scene import (
    HATCH_DOT,
    HATCH_STEP,
    HATCH_WIDTH,
    Hatch,
    Label,
    Mark,
    MarkShape,
    Page,
    Rect,
    Rule,
    draw,
)

EM = 1000  # glyphs are defined in thousandths of an em
# characters XML 1.0 cannot hold even escaped: a hostile id or text must not make the file unreadable
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def svg_page(page: Page, face: Face, *, title: str) -> bytes:
    """`page` as an SVG document (UTF-8), the same bytes for the same page."""
    writer = _Writer(face)
    body = [draw(writer, shape) for shape in page.shapes]
    w, h = _n(page.width), _n(page.height)
    head = [
        '<?xml version="1.0" encoding="utf-8" standalone="no"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" '
        f'width="{w}pt" height="{h}pt" viewBox="0 0 {w} {h}">',
        f"<title>{escape(_clean(title))}</title>",
        "<defs>",
        *writer.defs,
        "</defs>",
        f'<rect width="{w}" height="{h}" fill="#ffffff"/>',
    ]
    return "\n".join([*head, *body, "</svg>", ""]).encode()


class _Writer:
    """Turns shapes into elements, defining each glyph and hatch pattern once, in order of first use."""

    def __init__(self, face: Face) -> None:
        self.face = face
        self.defs: list[str] = []
        self.glyphs: dict[str, str] = {}
        self.chars: dict[str, tuple[str | None, float]] = {}
        self.patterns: dict[tuple[Hatch, str], str] = {}

    def rule(self, r: Rule) -> str:
        dash = f' stroke-dasharray="{" ".join(map(_n, r.dash))}"' if r.dash else ""
        return (
            f'<line{_id(r.gid)} x1="{_n(r.x0)}" y1="{_n(r.y0)}" x2="{_n(r.x1)}" '
            f'y2="{_n(r.y1)}" stroke="{r.color}" stroke-width="{_n(r.line_width)}"{dash}/>'
        )

    def rect(self, r: Rect) -> str:
        box = f'x="{_n(r.x)}" y="{_n(r.y)}" width="{_n(r.width)}" height="{_n(r.height)}"'
        paint = f' fill="{r.fill}"' if r.fill is not None else ' fill="none"'
        if r.opacity != 1.0:
            paint += f' fill-opacity="{_n(r.opacity)}"'
        stroke = ""
        if r.stroke is not None and r.line_width:
            stroke = f' stroke="{r.stroke}" stroke-width="{_n(r.line_width)}"'
        if r.hatch is Hatch.NONE or r.stroke is None:
            return f"<rect{_id(r.gid)} {box}{paint}{stroke}/>"
        # the hatch over the fill and under the outline, all one element by the task's id
        pattern = self.pattern(r.hatch, r.stroke)
        return (
            f'<g{_id(r.gid)}><rect {box}{paint}/><rect {box} fill="url(#{pattern})"/>'
            f'<rect {box} fill="none"{stroke}/></g>'
        )

    def pattern(self, hatch: Hatch, color: str) -> str:
        """The id of a tile of `hatch` in `color`, defined on first use."""
        found = self.patterns.get((hatch, color))
        if found is not None:
            return found
        name = self.patterns[(hatch, color)] = f"hatch{len(self.patterns)}"
        s, q, r = _n(HATCH_STEP), _n(HATCH_STEP / 4), _n(HATCH_STEP * 3 / 4)
        if hatch is Hatch.DOTS:
            inside = "".join(f'<circle cx="{c}" cy="{c}" r="{_n(HATCH_DOT)}" fill="{color}"/>' for c in (q, r))
        else:
            # the tile's diagonal, and the corners of its neighbours' so that the lines join across tiles
            a, b = _n(HATCH_STEP - 1), _n(HATCH_STEP + 1)
            lines = f"M0 {s}L{s} 0M-1 1L1 -1M{a} {b}L{b} {a}"
            if hatch is Hatch.CROSS:
                lines += f"M0 0L{s} {s}M-1 {a}L1 {b}M{a} -1L{b} 1"
            inside = f'<path d="{lines}" stroke="{color}" stroke-width="{_n(HATCH_WIDTH)}"/>'
        tile = f'<pattern id="{name}" patternUnits="userSpaceOnUse" width="{s}" height="{s}">'
        self.defs.append(f"{tile}{inside}</pattern>")
        return name

    def mark(self, m: Mark) -> str:
        half = m.size / 2
        stroke = f'stroke="{m.stroke}" stroke-width="{_n(m.line_width)}"'
        x, top, bottom = _n(m.x), _n(m.y - half), _n(m.y + half)
        if m.shape is MarkShape.TICK:
            return f'<line{_id(m.gid)} x1="{x}" y1="{top}" x2="{x}" y2="{bottom}" {stroke}/>'
        y = _n(m.y)
        points = f"M{x} {top}L{_n(m.x + half)} {y}L{x} {bottom}L{_n(m.x - half)} {y}Z"
        return f'<path{_id(m.gid)} d="{points}" fill="{m.fill or "none"}" {stroke}/>'

    def label(self, t: Label) -> str:
        """A line of text as `<use>`s of glyphs, in a group named by the text it shows."""
        uses = []
        pen = 0.0
        for ch in t.text:
            ref, advance = self.char(ch)
            if ref is not None:
                uses.append(f'<use xlink:href="#{ref}" x="{round(pen * EM)}"/>')
            pen += advance
        scale = _n(t.size / EM, 6)
        return (
            f'<g{_id(t.gid)} aria-label={quoteattr(_clean(t.text))} fill="{t.color}" '
            f'transform="translate({_n(t.x)} {_n(t.y)}) scale({scale})">{"".join(uses)}</g>'
        )

    def char(self, ch: str) -> tuple[str | None, float]:
        """The id of the `<path>` that draws `ch` (None for a blank or missing glyph) and its advance in ems."""
        found = self.chars.get(ch)
        if found is None:
            name = self.face.glyph(ch)
            ref = None
            if name is not None and self.face.outline(name):
                ref = self.glyphs.get(name)
                if ref is None:
                    # a glyph drawn by two characters (兀 and ⺎ in some fonts) is defined once
                    ref = self.glyphs[name] = f"g{len(self.glyphs)}"
                    self.defs.append(f'<path id="{ref}" d="{_outline(self.face, name)}"/>')
            found = self.chars[ch] = (ref, self.face.advance(ch))
        return found


@cache
def _outline(face: Face, name: str) -> str:
    """A glyph's outline as path data in thousandths of an em, y down: written once a process, as
    formatting its numbers took longer than the rest of a page."""
    parts = []
    for op, values in face.outline(name):
        coords = [_n(v * EM if i % 2 == 0 else -v * EM, 1) for i, v in enumerate(values)]
        parts.append(op + " ".join(coords))
    return "".join(parts)


def _id(gid: str | None) -> str:
    return "" if gid is None else f" id={quoteattr(_clean(gid))}"


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _n(value: float, places: int = 2) -> str:
    """A number as short as it can be written to `places` decimals."""
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
