"""A chart page as a PNG image, drawn with Pillow: boxes and rules with their fractional edges blended
(a 0.4 pt grid line at 100 dpi is a light pixel, not a black one), marks drawn four times larger and
reduced, text set by FreeType from the chart's font."""

from __future__ import annotations

import math
import struct
import zlib
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

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
    Shape,
    draw,
)

if TYPE_CHECKING:
    from PIL import Image, ImageDraw, ImageFont

RGBA = tuple[int, int, int, int]
DEFLATE_LEVEL = 2
"""zlib-ng's level 2: a chart's rows are mostly runs of one colour, which it deflates in about 4 ms an A3 page
for files 40 % smaller than ISA-L's fastest level made, and zlib's level 1 took ten times as long."""
SUPERSAMPLE = 4
BAND_BYTES = 1 << 24


def png_page(page: Page, face: Face, dpi: float) -> bytes:
    """`page` drawn at `dpi` as PNG bytes, the same bytes for the same page.

    The page is drawn and deflated a band of rows at a time, each band with the shapes that reach it:
    a whole 1200-dpi A3 page is 840 MB of pixels, a band a few megabytes.
    """
    from PIL import Image, ImageDraw

    scale = dpi / 72
    width, height = round(page.width * scale), round(page.height * scale)
    reach = [_rows_reached(shape, scale) for shape in page.shapes]
    band = max(1, BAND_BYTES // (3 * width))
    deflate = _deflater()
    pixels = []
    for top in range(0, height, band):
        image = Image.new("RGB", (width, min(band, height - top)), "#ffffff")
        painter = _Painter(image, ImageDraw.Draw(image, "RGBA"), scale, face, top)
        for shape, (first, last) in zip(page.shapes, reach, strict=True):
            if last >= top and first < top + image.height:
                draw(painter, shape)
        pixels.append(deflate.compress(_rows(image.tobytes(), width)))
    pixels.append(deflate.flush())
    return _encoded(width, height, b"".join(pixels), dpi)


def _deflater() -> Any:
    """A deflate stream whose bytes follow from the pixels alone: zlib-ng's (`zlib-ng`), zlib's where zlib-ng is
    not installed. ISA-L's (`isal`), used before, now and then deflated the same pixels into other bytes in one
    process (a chart drawn twice differed, and `build` published it anew)."""
    try:
        from zlib_ng import zlib_ng
    except ImportError:  # a platform without zlib-ng's wheels: the same pixels, deflated by zlib
        return zlib.compressobj(DEFLATE_LEVEL)
    return zlib_ng.compressobj(DEFLATE_LEVEL)


def _rows(raw: bytes, width: int) -> Any:
    """RGB pixels as PNG rows: each starts with its filter type, 0 (none). Joining the rows in Python took
    as long as deflating them."""
    import numpy

    pixels = numpy.frombuffer(raw, numpy.uint8).reshape(-1, 3 * width)
    rows = numpy.zeros((pixels.shape[0], 3 * width + 1), numpy.uint8)
    rows[:, 1:] = pixels
    return rows


def _rows_reached(shape: Shape, scale: float) -> tuple[float, float]:
    """The pixel rows a shape may ink, with room to spare for its strokes, its glyphs and their blending."""
    if isinstance(shape, Rect):
        top, bottom, spare = shape.y, shape.y + shape.height, shape.line_width
    elif isinstance(shape, Rule):
        top, bottom, spare = min(shape.y0, shape.y1), max(shape.y0, shape.y1), shape.line_width
    elif isinstance(shape, Mark):
        top, bottom, spare = shape.y - shape.size / 2, shape.y + shape.size / 2, shape.line_width
    else:
        top, bottom, spare = shape.y - shape.size, shape.y, shape.size  # a glyph's ascent and descent within
    return (top - spare) * scale - 2, (bottom + spare) * scale + 2


def _encoded(width: int, height: int, pixels: bytes, dpi: float) -> bytes:
    """Deflated RGB rows as a PNG file, its rows unfiltered.

    Pillow's encoder tries every PNG filter on every row of an RGB image: for a chart, mostly runs of one
    colour that deflate finds anyway, that search was 60 % of the PNG's time; written here without it,
    a 2480 x 12000 page takes 0.4 s instead of 1.0 s for a file of the same size. Pillow reads it back in the tests.
    """
    per_metre = round(dpi / 0.0254)
    return b"".join(
        (
            b"\x89PNG\r\n\x1a\n",
            _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)),  # 8-bit RGB
            _chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)),
            _chunk(b"tEXt", b"Software\0schedgen"),
            _chunk(b"IDAT", pixels),
            _chunk(b"IEND", b""),
        )
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


class _Painter:
    """Draws shapes on a band of a page's rows starting at row `top`; positions are worked out on the whole
    page and moved up by `top` only where they are drawn, so that a band's pixels are the whole page's."""

    def __init__(self, image: Image.Image, draw: ImageDraw.ImageDraw, scale: float, face: Face, top: int) -> None:
        self.image, self.draw, self.scale, self.face, self.top = image, draw, scale, face, top
        self.core = draw.draw  # Pillow's own drawing object: what ImageDraw.rectangle calls, without its checks
        self.inks: dict[RGBA, int] = {}

    def box(self, x0: float, y0: float, x1: float, y1: float, color: RGBA) -> None:
        """Fill a box given in pixels, its partly covered edge pixels blended by how much they are covered."""
        # up to nine rectangles a box, a box for every edge of every cell and rule: ImageDraw.rectangle's
        # checks and colour lookup cost more than the drawing, so each blended colour is looked up once
        inks, rectangle = self.inks, self.core.draw_rectangle
        for ya, yb, cy in _spans(y0 - self.top, y1 - self.top):
            for xa, xb, cx in _spans(x0, x1):
                alpha = round(color[3] * cx * cy)
                if alpha:
                    blended = (color[0], color[1], color[2], alpha)
                    ink = inks.get(blended)
                    if ink is None:
                        ink = inks[blended] = self.core.draw_ink(blended)
                    rectangle((xa, ya, xb - 1, yb - 1), ink, 1)

    def rect(self, r: Rect) -> None:
        k = self.scale
        x0, y0, x1, y1 = r.x * k, r.y * k, (r.x + r.width) * k, (r.y + r.height) * k
        if r.fill is not None:
            self.box(x0, y0, x1, y1, _rgba(r.fill, r.opacity))
        if r.hatch is not Hatch.NONE and r.stroke is not None:
            self._hatch(r, x0, y0, x1, y1)
        if r.stroke is not None and r.line_width:
            half = r.line_width * k / 2
            color = _rgba(r.stroke)
            for a, b, c, d in (
                (x0 - half, y0 - half, x1 + half, y0 + half),
                (x0 - half, y1 - half, x1 + half, y1 + half),
                (x0 - half, y0 + half, x0 + half, y1 - half),
                (x1 - half, y0 + half, x1 + half, y1 - half),
            ):
                self.box(a, b, c, d, color)

    def _hatch(self, r: Rect, x0: float, y0: float, x1: float, y1: float) -> None:
        from PIL import Image, ImageDraw

        left, top = math.floor(x0), math.floor(y0)
        width, height = math.ceil(x1) - left, math.ceil(y1) - top
        if width < 1 or height < 1:
            return
        mask = Image.new("L", (width, height), 0)
        draw = ImageDraw.Draw(mask)
        step = HATCH_STEP * self.scale
        if r.hatch is Hatch.DOTS:
            dot = max(0.5, HATCH_DOT * self.scale)
            for quarter in (0.25, 0.75):
                for cy in _steps(quarter * step, height, step):
                    for cx in _steps(quarter * step, width, step):
                        draw.ellipse((cx - dot, cy - dot, cx + dot, cy + dot), fill=255)
        else:
            line = max(1, round(HATCH_WIDTH * self.scale))
            for offset in _steps(0.0, width + height, step):
                draw.line((offset - height, height, offset, 0), fill=255, width=line)
                if r.hatch is Hatch.CROSS:
                    draw.line((offset - height, 0, offset, height), fill=255, width=line)
        assert r.stroke is not None
        self.image.paste(r.stroke, (left, top - self.top), mask)

    def rule(self, r: Rule) -> None:
        k = self.scale
        half = r.line_width * k / 2
        color = _rgba(r.color)
        for a, b in _dashes(r, k):
            (x0, y0), (x1, y1) = sorted((a, b))
            if x0 == x1:
                self.box(x0 - half, y0, x1 + half, y1, color)
            elif y0 == y1:
                self.box(x0, y0 - half, x1, y1 + half, color)
            else:
                self.draw.line((x0, y0 - self.top, x1, y1 - self.top), fill=color, width=max(1, round(2 * half)))

    def mark(self, m: Mark) -> None:
        """A diamond or tick, drawn four times larger and reduced, so that its slopes are smooth."""
        reach = (m.size / 2 + m.line_width) * self.scale
        left, top = math.floor(m.x * self.scale - reach), math.floor(m.y * self.scale - reach)
        side = math.ceil(m.x * self.scale + reach) - left
        cx, cy = (m.x * self.scale - left) * SUPERSAMPLE, (m.y * self.scale - top) * SUPERSAMPLE
        small = _mark_tile(m.shape, m.size, m.line_width, m.stroke, m.fill, self.scale, side, cx, cy)
        self.image.paste(small, (left, top - self.top), small)

    def label(self, t: Label) -> None:
        """Each character where the face's advances put it, as the PDF and SVG place it."""
        k = self.scale
        px = t.size * k
        color = _rgba(t.color)[:3]
        x, y = t.x * k, round(t.y * k)
        # straight to the image's core: Image.paste's checks cost twice the paste, for every character
        core = self.image.im
        for ch in t.text:
            glyph = _glyph(self.face, px, ch)
            if glyph is not None:
                mask, left, top = glyph
                x0, y0 = round(x) + left, y + top - self.top
                core.paste(color, (x0, y0, x0 + mask.width, y0 + mask.height), mask.im)
            x += self.face.advance(ch) * px


@lru_cache(maxsize=4096)
def _mark_tile(
    shape: MarkShape,
    size: float,
    line_width: float,
    stroke: str,
    fill: str | None,
    scale: float,
    side: int,
    cx: float,
    cy: float,
) -> Image.Image:
    """A mark's pixels on a tile `side` pixels square, its centre at (`cx`, `cy`) in the tile's
    supersampled pixels: drawn once for each place within a pixel, as the marks of one day (a recurring
    duty's quarter ends) sit in the same place on every row."""
    from PIL import Image, ImageDraw

    k = scale * SUPERSAMPLE
    tile = Image.new("RGBA", (side * SUPERSAMPLE, side * SUPERSAMPLE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(tile)
    if shape is MarkShape.TICK:
        half_w, half_h = line_width * k / 2, size * k / 2
        draw.rectangle((cx - half_w, cy - half_h, cx + half_w, cy + half_h), fill=stroke)
    else:
        outer = size * k / 2 + line_width * k / 2
        inner = size * k / 2 - line_width * k / 2
        draw.polygon(_diamond(cx, cy, outer), fill=stroke)
        if fill is not None:
            draw.polygon(_diamond(cx, cy, inner), fill=fill)
    return tile.reduce(SUPERSAMPLE)


@cache
def _font(face: Face, px: float) -> ImageFont.FreeTypeFont:
    """The face's file at a pixel size, opened once a face (a font file replaced is a new face); basic
    layout, as the other formats set text."""
    from PIL import ImageFont

    return ImageFont.truetype(str(face.path), px, layout_engine=ImageFont.Layout.BASIC)


@cache
def _glyph(face: Face, px: float, ch: str) -> tuple[Image.Image, int, int] | None:
    """A character's coverage at a pixel size and where it sits from the pen on the baseline, rendered
    once a face: FreeType drawing each line of text anew was most of a page's time."""
    from PIL import Image, ImageDraw

    if face.glyph(ch) is None:  # an invisible character: FreeType would draw the font's box, PDF and SVG nothing
        return None
    font = _font(face, px)
    ch = face.stand_in(ch)  # the box, as the PDF and SVG draw it, for a character the font lacks
    box = font.getbbox(ch, anchor="ls")
    left, top, right, bottom = math.floor(box[0]), math.floor(box[1]), math.ceil(box[2]), math.ceil(box[3])
    if right <= left or bottom <= top:
        return None
    mask = Image.new("L", (right - left, bottom - top), 0)
    ImageDraw.Draw(mask).text((-left, -top), ch, fill=255, font=font, anchor="ls")
    return mask, left, top


def _spans(a: float, b: float) -> Iterator[tuple[int, int, float]]:
    """The pixel runs from `a` to `b`: a partly covered first pixel, the whole ones, a partly covered last."""
    first, last = math.floor(a), math.ceil(b)
    if last - first == 1:
        yield first, last, b - a
        return
    if a > first:
        yield first, first + 1, first + 1 - a
        first += 1
    end = math.floor(b)
    if end > first:
        yield first, end, 1.0
    if b > end and end >= first:
        yield end, end + 1, b - end


def _steps(start: float, stop: float, step: float) -> Iterator[float]:
    value = start
    while value < stop:
        yield value
        value += step


def _dashes(r: Rule, k: float) -> Iterator[tuple[tuple[float, float], tuple[float, float]]]:
    """The drawn pieces of a rule in pixels: the whole line, or its dashes."""
    x0, y0, x1, y1 = r.x0 * k, r.y0 * k, r.x1 * k, r.y1 * k
    if not r.dash:
        yield (x0, y0), (x1, y1)
        return
    length = math.hypot(x1 - x0, y1 - y0)
    pattern = [d * k for d in r.dash]
    at, n = 0.0, 0
    while at < length:
        run = pattern[n % len(pattern)]
        if n % 2 == 0:
            end = min(at + run, length)
            yield (
                (x0 + (x1 - x0) * at / length, y0 + (y1 - y0) * at / length),
                (
                    x0 + (x1 - x0) * end / length,
                    y0 + (y1 - y0) * end / length,
                ),
            )
        at += run
        n += 1


def _diamond(cx: float, cy: float, half: float) -> list[tuple[float, float]]:
    return [(cx, cy - half), (cx + half, cy), (cx, cy + half), (cx - half, cy)]


def _rgba(color: str, opacity: float = 1.0) -> RGBA:
    value = int(color[1:], 16)
    return value >> 16, (value >> 8) & 0xFF, value & 0xFF, round(255 * opacity)
