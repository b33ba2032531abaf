"""Finding a font that draws Chinese, and checking it can draw a plan's text, for the printed charts."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from schedgen.errors import BuildError

FONT_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Noto Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "Sarasa Gothic SC",
    "Droid Sans Fallback",
)
FONT_HELP = (
    "no font with Chinese characters was found. Install one: `pip install 'schedgen[fonts]'` (bundles Noto Sans "
    "CJK SC), or `apt install fonts-noto-cjk` (Debian/Ubuntu), or pass --font PATH to a .ttf/.otf/.ttc file"
)


def find_font(explicit: Path | None = None) -> Path:
    """The CJK font to draw with: `explicit`, else a system font offices have, else the bundled Noto."""
    if explicit is not None:
        if not explicit.is_file():
            raise BuildError(f"--font {explicit}: no such file")
        if not _has_cjk(explicit):
            raise BuildError(f"--font {explicit}: the font has no Chinese characters")
        return explicit
    return _installed(FONT_FAMILIES)


@cache
def _installed(families: tuple[str, ...]) -> Path:
    """The first of `families` installed that draws Chinese, else the bundled Noto: looked up once a process."""
    from matplotlib import font_manager

    for family in families:
        try:
            found = Path(font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False))
        except ValueError:
            continue
        if _has_cjk(found):
            return found
    bundled = bundled_font()
    if bundled is None:
        raise BuildError(FONT_HELP)
    return bundled


def bundled_font() -> Path | None:
    """Noto Sans CJK SC from the `fonts` extra (mplfonts), found without importing it or matplotlib.

    Its licence (SIL OFL) allows embedding it in the pages, which a system font's may not.
    """
    from importlib.util import find_spec

    try:
        spec = find_spec("mplfonts")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    font = Path(next(iter(spec.submodule_search_locations))) / "fonts" / "NotoSansCJKsc-Regular.otf"
    return font if font.is_file() else None


def truetype(path: Path) -> bool:
    """Whether a font has TrueType (glyf) outlines rather than CFF ones."""
    return _font_facts(*_identity(path))[1]


def family_of(path: Path) -> str:
    """The font's family name, with the font registered so that matplotlib draws with it by that name."""
    return _font_facts(*_identity(path))[2]


def _identity(path: Path) -> tuple[Path, int, int]:
    # a font replaced on disk is read again; an unchanged one is read once a process
    stat = path.stat()
    return path, stat.st_size, stat.st_mtime_ns


@cache
def _font_facts(path: Path, _size: int, _mtime: int) -> tuple[frozenset[int], bool, str]:
    """A font file's character codes, whether its outlines are TrueType, and its family name (registered)."""
    from fontTools.ttLib import TTFont
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    charmap = frozenset(FT2Font(str(path)).get_charmap())
    with TTFont(str(path), fontNumber=0, lazy=True) as font:
        glyf = "glyf" in font
    font_manager.fontManager.addfont(str(path))
    return charmap, glyf, font_manager.FontProperties(fname=str(path)).get_name()


def _has_cjk(path: Path) -> bool:
    from matplotlib.ft2font import FT2Font

    try:
        charmap = FT2Font(str(path)).get_charmap()
    except (OSError, RuntimeError, ValueError):
        return False
    return all(ord(ch) in charmap for ch in "中国年月日前至")


def check_glyphs(texts: Iterable[str], font: Path) -> None:
    """Refuse, naming the characters, rather than draw empty boxes for text the font cannot show."""
    charmap = _font_facts(*_identity(font))[0]
    missing = sorted(
        {ch for text in texts for ch in text if ch.isprintable() and not ch.isspace() and ord(ch) not in charmap}
    )
    if missing:
        shown = "".join(missing[:20])
        raise BuildError(f"the font {font.name} cannot draw {shown!r}; pass --font with a font that has them")
