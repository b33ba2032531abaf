"""A chart's pages written as a PDF by hand: shapes as path operators, text in Type 3 fonts.

Text is set in Type 3 fonts whose glyph procedures are the chart font's own outlines, only those of the
characters the document draws, each written once. Subsetting a 16 MB CJK font for every file costs
seconds; an outline is a few hundred bytes, decoded once a process. A ToUnicode map keeps the text
selectable and searchable, and `d0` glyphs are painted in the text's colour.

The scene's y runs down from the page's top; PDF's runs up from its bottom, so every y is flipped here.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from functools import lru_cache
from hashlib import sha256

from schedgen.export.chart.face import Face
from schedgen.export.chart.scene import Hatch, Label, Mark, MarkShape, Page, Rect, Rule, Shape, draw

CODES = 256  # a Type 3 font is a simple font: one byte a character
# a hatch as the PNG and SVG writers draw it: lines 0.6 pt wide 4 pt apart, or two dots a 4 pt tile
HATCH_STEP = 4.0
HATCH_WIDTH = 0.6
HATCH_DOT = 0.35  # a dot's radius
KAPPA = 0.5523  # a quarter circle's control points lie this far along its tangents, in radii
_HEX = [f"{code:02x}" for code in range(CODES)]


def pdf_document(pages: Sequence[Page], face: Face, *, title: str) -> bytes:
    """The pages as one PDF, text embedded in `face` and searchable, the same bytes for the same pages."""
    glyphs = _Glyphs(face)
    used = _Used()
    contents = [_Canvas(page.height, glyphs, used).paint(page.shapes) for page in pages]
    out = _Objects()
    catalog, tree, info, resources = out.reserve(), out.reserve(), out.reserve(), out.reserve()
    kids = []
    for page, content in zip(pages, contents, strict=True):
        stream = out.add(_stream(_deflate(content.encode("ascii"))))
        kids.append(
            out.add(
                f"<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 {_n(page.width)} {_n(page.height)}] "
                f"/Resources {resources} 0 R /Contents {stream} 0 R >>".encode("ascii")
            )
        )
    out.put(catalog, f"<< /Type /Catalog /Pages {tree} 0 R /ViewerPreferences << /DisplayDocTitle true >> >>")
    refs = " ".join(f"{kid} 0 R" for kid in kids)
    out.put(tree, f"<< /Type /Pages /Kids [{refs}] /Count {len(kids)} >>")
    out.put(info, f"<< /Title {_text_string(title)} /Creator (schedgen) /Producer (schedgen) >>")
    fonts = " ".join(f"/F{index} {ref} 0 R" for index, ref in enumerate(glyphs.write(out)))
    states = " ".join(f"/A{index} << /ca {_n(alpha, 3)} >>" for index, alpha in enumerate(used.alphas))
    patterns = " ".join(f"/P{hatch.name} {out.add(_pattern(hatch))} 0 R" for hatch in used.hatches)
    out.put(
        resources,
        f"<< /Font << {fonts} >> /ExtGState << {states} >> /Pattern << {patterns} >> "
        "/ColorSpace << /Hatch [/Pattern /DeviceRGB] >> >>",
    )
    return out.document(root=catalog, info=info)


class _Used:
    """The opacities and hatches the pages paint with, named in the order they were first used."""

    def __init__(self) -> None:
        self.alphas: dict[float, int] = {}
        self.hatches: dict[Hatch, None] = {}

    def alpha(self, value: float) -> str:
        """The name of the graphics state that fills at `value` opacity."""
        return f"/A{self.alphas.setdefault(round(value, 3), len(self.alphas))}"

    def hatch(self, hatch: Hatch) -> str:
        """The name of the pattern that draws `hatch`."""
        self.hatches[hatch] = None
        return f"/P{hatch.name}"


class _Canvas:
    """One page's content stream, with the graphics state it has set so that none is set twice."""

    def __init__(self, height: float, glyphs: _Glyphs, used: _Used) -> None:
        self.height = height
        self.glyphs = glyphs
        self.used = used
        self.ops: list[str] = []
        self.fill: str | None = None
        self.stroke: str | None = None
        self.width: float | None = None
        self.dash: tuple[float, ...] = ()
        self.alpha = 1.0

    def paint(self, shapes: Sequence[Shape]) -> str:
        """The content stream that draws `shapes` in order."""
        for shape in shapes:
            draw(self, shape)
        return "\n".join(self.ops)

    def set_fill(self, color: str) -> None:
        """Fill (and set text) in `color` from here on."""
        if color != self.fill:
            self.ops.append(f"{_rgb(color)} rg")
            self.fill = color

    def set_stroke(self, color: str, width: float, dash: tuple[float, ...] = ()) -> None:
        """Stroke lines `width` wide in `color`, dashed as `dash` (none: solid), from here on."""
        if color != self.stroke:
            self.ops.append(f"{_rgb(color)} RG")
            self.stroke = color
        if width != self.width:
            self.ops.append(f"{_n(width)} w")
            self.width = width
        if dash != self.dash:
            self.ops.append(f"[{' '.join(_n(on) for on in dash)}] 0 d")
            self.dash = dash

    def set_alpha(self, alpha: float) -> None:
        """Fill at `alpha` opacity from here on."""
        if alpha != self.alpha:
            self.ops.append(f"{self.used.alpha(alpha)} gs")
            self.alpha = alpha

    def rect(self, rect: Rect) -> None:
        """Fill, then hatch, then outline a rectangle."""
        box = f"{_n(rect.x)} {_n(self.height - rect.y - rect.height)} {_n(rect.width)} {_n(rect.height)} re"
        if rect.fill is not None:
            self.set_alpha(rect.opacity)
            self.set_fill(rect.fill)
            self.ops.append(f"{box} f")
        if rect.hatch is not Hatch.NONE and rect.stroke is not None:
            self.set_alpha(1.0)
            # an uncoloured pattern takes its colour where it is used: the stroke's, as on the PNG and SVG
            self.ops.append(f"/Hatch cs {_rgb(rect.stroke)} {self.used.hatch(rect.hatch)} scn {box} f")
            self.fill = None
        if rect.stroke is not None and rect.line_width > 0:
            self.set_stroke(rect.stroke, rect.line_width)
            self.ops.append(f"{box} S")

    def rule(self, rule: Rule) -> None:
        """A straight line."""
        self.set_stroke(rule.color, rule.line_width, rule.dash)
        h = self.height
        self.ops.append(f"{_n(rule.x0)} {_n(h - rule.y0)} m {_n(rule.x1)} {_n(h - rule.y1)} l S")

    def mark(self, mark: Mark) -> None:
        """A diamond (filled, then outlined) or a tick centred on the mark's point."""
        self.set_stroke(mark.stroke, mark.line_width)
        half = mark.size / 2
        x, y = mark.x, self.height - mark.y
        if mark.shape is MarkShape.TICK:
            self.ops.append(f"{_n(x)} {_n(y - half)} m {_n(x)} {_n(y + half)} l S")
            return
        path = f"{_n(x)} {_n(y - half)} m {_n(x + half)} {_n(y)} l {_n(x)} {_n(y + half)} l {_n(x - half)} {_n(y)} l h"
        if mark.fill is None:
            self.ops.append(f"{path} S")
        else:
            self.set_alpha(1.0)
            self.set_fill(mark.fill)
            self.ops.append(f"{path} B")

    def label(self, label: Label) -> None:
        """A line of text, each character at the advance its font gives it."""
        runs = self.glyphs.runs(label.text)
        if not runs:
            return
        self.set_alpha(1.0)
        self.set_fill(label.color)
        size = _n(label.size)
        shown = " ".join(f"/F{font} {size} Tf <{codes}> Tj" for font, codes in runs)
        self.ops.append(f"BT 1 0 0 1 {_n(label.x)} {_n(self.height - label.y)} Tm {shown} ET")


class _Glyphs:
    """The characters a document draws, each given a font and a code in order of first use."""

    def __init__(self, face: Face) -> None:
        self.face = face
        self.codes: dict[str, tuple[int, str] | None] = {}
        self.drawn: list[tuple[str, str]] = []  # (character, glyph name) in code order

    def code(self, char: str) -> tuple[int, str] | None:
        """The font number and hex code of `char`; None for a character the face has no glyph for."""
        if char in self.codes:
            return self.codes[char]
        found = None
        name = self.face.glyph(char)
        if name is not None:
            font, code = divmod(len(self.drawn), CODES)
            found = (font, _HEX[code])
            self.drawn.append((char, name))
        self.codes[char] = found
        return found

    def runs(self, text: str) -> list[tuple[int, str]]:
        """`text` as runs of (font number, hex codes); a character without a glyph is left out, taking no room."""
        runs: list[tuple[int, str]] = []
        font, codes = -1, ""
        for char in text:
            found = self.code(char)
            if found is None:
                continue
            if found[0] != font:
                if codes:
                    runs.append((font, codes))
                font, codes = found[0], ""
            codes += found[1]
        if codes:
            runs.append((font, codes))
        return runs

    def write(self, out: _Objects) -> list[int]:
        """Write the fonts and their glyphs, each glyph once; the font objects in font-number order."""
        procs: dict[str, int] = {}
        fonts = []
        for start in range(0, len(self.drawn), CODES):
            chars = [char for char, _ in self.drawn[start : start + CODES]]
            names = [name for _, name in self.drawn[start : start + CODES]]
            advances = [self.face.advance(char) for char in chars]
            boxes = []
            for name, advance in zip(names, advances, strict=True):
                proc, box = _glyph(self.face, name, advance)
                boxes.append(box)
                if name not in procs:
                    procs[name] = out.add(_stream(proc))
            unicode = out.add(_stream(_deflate(_to_unicode(chars))))
            fonts.append(out.add(_type3(names, advances, boxes, procs, unicode)))
        return fonts


def _type3(
    names: list[str],
    advances: list[float],
    boxes: list[tuple[float, float, float, float]],
    procs: dict[str, int],
    to_unicode: int,
) -> bytes:
    """A Type 3 font whose codes 0, 1, … draw the glyphs `names`, their procedures already written."""
    box = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    differences = " ".join(f"/g{procs[name]}" for name in names)
    char_procs = " ".join(f"/g{ref} {ref} 0 R" for ref in dict.fromkeys(procs[name] for name in names))
    widths = " ".join(_n(advance * 1000, 3) for advance in advances)
    return (
        f"<< /Type /Font /Subtype /Type3 /FontBBox [{' '.join(_n(v) for v in box)}] "
        f"/FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << {char_procs} >> "
        f"/Encoding << /Type /Encoding /Differences [0 {differences}] >> "
        f"/FirstChar 0 /LastChar {len(names) - 1} /Widths [{widths}] "
        f"/Resources << >> /ToUnicode {to_unicode} 0 R >>"
    ).encode("ascii")


@lru_cache(maxsize=65_536)
def _glyph(face: Face, name: str, advance: float) -> tuple[bytes, tuple[float, float, float, float]]:
    """A glyph's procedure in thousandths of an em (`d0`: painted in the text's colour) and its bounding box."""
    segments = face.outline(name)
    head = f"{_n(advance * 1000, 3)} 0 d0\n"
    if not segments:
        return _deflate(head.encode("ascii")), (0, 0, 0, 0)
    # one format for the whole outline: formatting each number alone costs more than decoding the glyph;
    # whole thousandths of an em are a CJK font's own units, and 0.01 pt at a chart's 10 pt for any other
    template = "\n".join(_PATH_OPS[op] for op, _ in segments)
    flat = [v * 1000 for _, values in segments for v in values]
    xs, ys = flat[0::2], flat[1::2]
    body = head + template % tuple(flat) + "\nf"
    return _deflate(body.encode("ascii")), (min(0, *xs), min(0, *ys), max(0, *xs), max(0, *ys))


_PATH_OPS = {"M": "%.0f %.0f m", "L": "%.0f %.0f l", "C": "%.0f %.0f %.0f %.0f %.0f %.0f c", "Z": "h"}


def _to_unicode(chars: list[str]) -> bytes:
    """A CMap from codes 0, 1, … to `chars`, so that a reader copies and finds the text."""
    lines = [
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
        "1 begincodespacerange <00> <ff> endcodespacerange",
    ]
    for start in range(0, len(chars), 100):  # a CMap block holds at most 100 entries
        block = chars[start : start + 100]
        lines.append(f"{len(block)} beginbfchar")
        lines.extend(f"<{_HEX[start + i]}> <{char.encode('utf-16-be').hex()}>" for i, char in enumerate(block))
        lines.append("endbfchar")
    lines.append("endcmap CMapName currentdict /CMap defineresource pop end end")
    return "\n".join(lines).encode("ascii")


def _pattern(hatch: Hatch) -> bytes:
    """An uncoloured tiling pattern drawing `hatch`, one tile HATCH_STEP points square."""
    step, s = HATCH_STEP, _n(HATCH_STEP)
    if hatch is Hatch.DOTS:
        paint = f"{_circle(step / 4, step / 4, HATCH_DOT)} {_circle(step * 3 / 4, step * 3 / 4, HATCH_DOT)} f"
    else:
        # each diagonal drawn with its neighbours through the tile's corners, so that tiles meet without a seam
        rising = " ".join(f"{_n(k * step)} 0 m {_n(k * step + step)} {s} l" for k in (-1, 0, 1))
        falling = " ".join(f"{_n(k * step)} {s} m {_n(k * step + step)} 0 l" for k in (-1, 0, 1))
        paint = f"{_n(HATCH_WIDTH)} w {rising}{' ' + falling if hatch is Hatch.CROSS else ''} S"
    return _stream(
        _deflate(paint.encode("ascii")),
        f"/Type /Pattern /PatternType 1 /PaintType 2 /TilingType 1 /BBox [0 0 {s} {s}] /XStep {s} /YStep {s} "
        "/Resources << >> ",
    )


def _circle(x: float, y: float, r: float) -> str:
    """A circle as four Bézier quarters, counter-clockwise from its rightmost point."""
    k = r * KAPPA
    return (
        f"{_n(x + r)} {_n(y)} m "
        f"{_n(x + r)} {_n(y + k)} {_n(x + k)} {_n(y + r)} {_n(x)} {_n(y + r)} c "
        f"{_n(x - k)} {_n(y + r)} {_n(x - r)} {_n(y + k)} {_n(x - r)} {_n(y)} c "
        f"{_n(x - r)} {_n(y - k)} {_n(x - k)} {_n(y - r)} {_n(x)} {_n(y - r)} c "
        f"{_n(x + k)} {_n(y - r)} {_n(x + r)} {_n(y - k)} {_n(x + r)} {_n(y)} c h"
    )


class _Objects:
    """A PDF file's numbered objects, written out with their cross-reference table."""

    def __init__(self) -> None:
        self.bodies: list[bytes | None] = []

    def reserve(self) -> int:
        """A number for an object whose body is put later."""
        self.bodies.append(None)
        return len(self.bodies)

    def put(self, number: int, body: str) -> None:
        """The body of a reserved object."""
        self.bodies[number - 1] = body.encode("ascii")

    def add(self, body: bytes) -> int:
        """A new object; its number."""
        self.bodies.append(body)
        return len(self.bodies)

    def document(self, *, root: int, info: int) -> bytes:
        """The whole file; its /ID a digest of its objects, so that the same pages give the same bytes."""
        parts = [b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"]
        offsets = []
        at = len(parts[0])
        for number, body in enumerate(self.bodies, 1):
            if body is None:
                raise ValueError(f"object {number} was reserved and never written")
            offsets.append(at)
            part = b"%d 0 obj\n%s\nendobj\n" % (number, body)
            parts.append(part)
            at += len(part)
        digest = sha256(b"".join(parts)).hexdigest()[:32]
        xref = [b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)]
        xref.extend(b"%010d 00000 n \n" % offset for offset in offsets)
        trailer = (
            f"trailer\n<< /Size {len(offsets) + 1} /Root {root} 0 R /Info {info} 0 R /ID [<{digest}> <{digest}>] >>\n"
            f"startxref\n{at}\n%%EOF\n"
        )
        return b"".join([*parts, *xref, trailer.encode("ascii")])


def _deflate(data: bytes) -> bytes:
    """`data` Flate-compressed, as every stream of the file is."""
    return zlib.compress(data, 6)


def _stream(deflated: bytes, entries: str = "") -> bytes:
    """A stream object of Flate-compressed `deflated` bytes, with more of its dictionary's `entries`."""
    head = f"<< {entries}/Length {len(deflated)} /Filter /FlateDecode >>\nstream\n".encode("ascii")
    return head + deflated + b"\nendstream"


def _n(value: float, places: int = 2) -> str:
    """A number as PDF writes it: at most `places` decimals, no trailing zeros."""
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


@lru_cache(maxsize=1024)
def _rgb(color: str) -> str:
    """`#rrggbb` as three PDF colour components."""
    return " ".join(_n(int(color[i : i + 2], 16) / 255, 3) for i in (1, 3, 5))


def _text_string(text: str) -> str:
    """`text` as a PDF text string: literal when printable ASCII, else UTF-16BE with its byte-order mark."""
    if all(" " <= char <= "~" for char in text):
        return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"
    return "<feff" + text.encode("utf-16-be").hex() + ">"
