"""A font read once a process for drawing charts: each character's glyph, advance and outline.

Charts set Chinese text as a row of fixed advances, with no kerning or shaping (CJK text has none to
speak of), so that PNG, PDF and SVG place every character at the same point.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Any, cast

from fontTools.pens.basePen import BasePen
from fontTools.ttLib import TTFont

from schedgen.errors import BuildError
from schedgen.i18n import _

BOX = "\u25a1"
"""□, drawn for a visible character the font has no glyph for: a missing character shows as missing."""
Segment = tuple[str, tuple[float, ...]]
"""An outline step in ems, y up: ("M", (x, y)), ("L", (x, y)), ("C", (x1, y1, x2, y2, x, y)) or ("Z", ())."""


class Face:
    """A font file's character map, advances and outlines, in ems (fractions of the font size)."""

    def __init__(self, path: Path, stored: Path | None = None) -> None:
        self.path = path
        self._stored = stored
        self._font: TTFont | None = None  # opened only to read what the stored facts lack
        self._glyph_set: Any = None
        facts = _read_facts(stored)
        if facts is None:
            font = self._opened()
            try:  # a damaged font fails here, with its file closed, not halfway through a chart
                self._cmap: dict[int, str] = font.getBestCmap() or {}
                self._em = float(font["head"].unitsPerEm)
                self._metrics: dict[str, int] = {name: m[0] for name, m in font["hmtx"].metrics.items()}
                hhea = font["hhea"]
                self._bounds = (hhea.ascent, hhea.descent)
                self._glyphs()
            except BaseException:
                font.close()
                raise
            self._outlines: dict[str, tuple[Segment, ...]] = {}
        else:
            self._cmap, self._em, self._metrics, self._bounds, self._outlines = facts
        self.ascent = self._bounds[0] / self._em
        self.descent = -self._bounds[1] / self._em
        self._kept = len(facts[4]) if facts is not None else -1  # how many outlines the stored facts hold
        self._advances: dict[str, float] = {}  # every character of every label asks, for each format

    def _opened(self) -> TTFont:
        """The font file, opened when first needed."""
        if self._font is None:
            # open here so that a file fontTools cannot read is closed again; a lazy font reads it while drawing
            file = self.path.open("rb")
            try:
                self._font = TTFont(file, fontNumber=0, lazy=True)
            except BaseException:
                file.close()
                raise
        return self._font

    def _glyphs(self) -> Any:
        """The font's glyphs by name, read when first needed."""
        if self._glyph_set is None:
            self._glyph_set = self._opened().getGlyphSet()
        return self._glyph_set

    def close(self) -> None:
        """Close the font file, when drawing has opened it."""
        if self._font is not None:
            self._font.close()

    def keep(self) -> None:
        """Store the font's facts and the outlines decoded so far, for the next process to start from: reading
        a CJK font's tables and decoding its glyphs took most of the time of a chart in a new process."""
        if self._stored is None or len(self._outlines) == self._kept:
            return
        import marshal

        from schedgen.files import keep_cached

        facts = (self._cmap, self._em, self._metrics, self._bounds, self._outlines)
        keep_cached(self._stored, marshal.dumps(facts), KEEP)
        self._kept = len(self._outlines)

    def glyph(self, char: str) -> str | None:
        """The name of the glyph that draws `char`: a visible character the font lacks is drawn as a box
        (`BOX`, else the font's own `.notdef`), not left out; None for an invisible one without a glyph."""
        found = self._cmap.get(ord(char))
        if found is None and char.isprintable() and not char.isspace():
            found = self._cmap.get(ord(BOX), ".notdef")
        return found

    def has(self, char: str) -> bool:
        """Whether the font has a glyph of its own for `char`."""
        return ord(char) in self._cmap

    def stand_in(self, char: str) -> str:
        """The character whose glyph draws `char`: itself, or the box when the font lacks it."""
        return char if ord(char) in self._cmap or ord(BOX) not in self._cmap or not char.isprintable() else BOX

    def advance(self, char: str) -> float:
        """How far a character moves the pen, in ems; a character without a glyph takes no room."""
        found = self._advances.get(char)
        if found is None:
            name = self.glyph(char)
            found = self._advances[char] = self._metrics[name] / self._em if name is not None else 0.0
        return found

    def width(self, text: str, size: float) -> float:
        """The width of `text` set at `size` points, in points."""
        return sum(map(self.advance, text)) * size

    def outline(self, name: str) -> tuple[Segment, ...]:
        """A glyph's outline in ems, decoded once: quadratic (TrueType) curves are given as cubic ones."""
        found = self._outlines.get(name)
        if found is None:
            pen = _CubicPen(self._em)
            self._glyphs()[name].draw(pen)
            found = self._outlines[name] = tuple(pen.segments)
        return found


KEEP = 8
"""How many fonts' facts the cache folder keeps."""
FACTS_FORMAT = 1
"""The layout of the stored facts: a new one ignores the files of an old one."""

_Facts = tuple[dict[int, str], float, dict[str, int], tuple[int, int], dict[str, tuple[Segment, ...]]]


@cache
def _face(path: Path, size: int, mtime: int) -> Face:
    import fontTools

    from schedgen.plans import cache_folder

    folder = cache_folder()
    identity = f"{path.resolve()}|{size}|{mtime}|{fontTools.version}|{FACTS_FORMAT}"
    stored = folder / f"face-{hashlib.sha256(identity.encode()).hexdigest()[:24]}.marshal" if folder else None
    return Face(path, stored)


def _read_facts(stored: Path | None) -> _Facts | None:
    """The facts a previous process stored, or None when there are none or they cannot be read."""
    if stored is None:
        return None
    import marshal

    try:
        facts = marshal.loads(stored.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return cast("_Facts", facts) if isinstance(facts, tuple) and len(facts) == 5 else None


def face(path: Path) -> Face:
    """The face of a font file, read once a process (again if the file is replaced); a file that is not
    a font, or a damaged one, is refused with the reason."""
    stat = path.stat()
    try:
        return _face(path, stat.st_size, stat.st_mtime_ns)
    except Exception as error:  # fontTools' parsers raise what they meet: struct.error, ValueError, TTLibError...
        raise BuildError(_("{path}: cannot be read as a font ({error})").format(path=path, error=error)) from None


class _CubicPen(BasePen):  # type: ignore[misc]
    """Records an outline as moves, lines and cubic curves, scaled to ems."""

    def __init__(self, em: float) -> None:
        super().__init__(None)
        self.em = em
        self.segments: list[Segment] = []

    def _scaled(self, *points: tuple[float, float]) -> tuple[float, ...]:
        return tuple(v / self.em for point in points for v in point)

    def _moveTo(self, pt: tuple[float, float]) -> None:
        self.segments.append(("M", self._scaled(pt)))

    def _lineTo(self, pt: tuple[float, float]) -> None:
        self.segments.append(("L", self._scaled(pt)))

    def _curveToOne(self, pt1: tuple[float, float], pt2: tuple[float, float], pt3: tuple[float, float]) -> None:
        self.segments.append(("C", self._scaled(pt1, pt2, pt3)))

    def _qCurveToOne(self, pt1: tuple[float, float], pt2: tuple[float, float]) -> None:
        x0, y0 = self._getCurrentPoint()
        c1 = (x0 + 2 / 3 * (pt1[0] - x0), y0 + 2 / 3 * (pt1[1] - y0))
        c2 = (pt2[0] + 2 / 3 * (pt1[0] - pt2[0]), pt2[1] + 2 / 3 * (pt1[1] - pt2[1]))
        self._curveToOne(c1, c2, pt2)

    def _closePath(self) -> None:
        self.segments.append(("Z", ()))

    def _endPath(self) -> None:
        # an open contour draws nothing in a filled glyph
        pass
