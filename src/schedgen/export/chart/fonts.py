"""Finding a font that draws Chinese, and checking it can draw a plan's text, for the printed charts."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from schedgen.errors import BuildError
from schedgen.i18n import N_, _

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
FONT_HELP = N_(
    "no font with Chinese characters was found. Install one: `pip install 'schedgen[fonts]'` (bundles Noto Sans "
    "CJK SC), or `apt install fonts-noto-cjk` (Debian/Ubuntu), or pass --font PATH to a .ttf/.otf/.ttc file"
)


def find_font(explicit: Path | None = None) -> Path:
    """The CJK font to draw with: `explicit`, else the bundled Noto, else a system font offices have."""
    if explicit is not None:
        if not explicit.is_file():
            raise BuildError(_("--font {explicit}: no such file").format(explicit=explicit))
        from schedgen.export.chart.face import face

        try:
            face(explicit)
        except BuildError as unreadable:
            raise BuildError(_("--font {unreadable}").format(unreadable=unreadable)) from None
        if not _has_cjk(explicit):
            raise BuildError(_("--font {explicit}: the font has no Chinese characters").format(explicit=explicit))
        return explicit
    # the bundled font first: its licence (SIL OFL) allows embedding its outlines in every chart, which
    # a system font's may not, and it draws the same chart on every machine
    return bundled_font() or _installed(FONT_FAMILIES)


@cache
def _installed(families: tuple[str, ...]) -> Path:
    """The first of `families` installed that draws Chinese: looked up once a process, with matplotlib's
    font list, which only a machine without the `fonts` extra needs."""
    try:
        from matplotlib import font_manager
    except ImportError:
        raise BuildError(_(FONT_HELP)) from None
    for family in families:
        try:
            found = Path(font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False))
        except ValueError:
            continue
        if _has_cjk(found):
            return found
    raise BuildError(_(FONT_HELP))


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


def _has_cjk(path: Path) -> bool:
    from schedgen.export.chart.face import face

    try:
        drawn = face(path)
    except BuildError:  # not a font file, or a damaged one
        return False
    return all(drawn.has(ch) for ch in "中国年月日前至")


def undrawable(texts: Iterable[str], font: Path) -> str:
    """The visible characters of `texts` that `font` has no glyph for, in order: a chart draws each as a box."""
    codes = coverage(font)
    distinct = set("".join(texts))
    return "".join(sorted(ch for ch in distinct if ch.isprintable() and not ch.isspace() and ord(ch) not in codes))


def undrawable_warning(font: Path, missing: str, where: str = "") -> str:
    """What to tell the user of the characters a chart drew as boxes."""
    from schedgen.export.chart.face import BOX

    shown = missing if len(missing) <= 20 else missing[:20] + _("… ({count} in all)").format(count=len(missing))
    escaped = ", ".join(f"U+{ord(ch):04X}" for ch in missing[:20])
    return f"{_('warning')}: {where}" + _(
        "the font {font} cannot draw {shown!r} ({escaped}); each is drawn as {box}: pass --font with "
        "a font that has them"
    ).format(font=font.name, shown=shown, escaped=escaped, box=BOX)


def coverage(path: Path) -> frozenset[int]:
    """The code points a font file has glyphs for, read once a process; a file that is not a font is refused.

    Kept in the cache folder on its own: a build whose charts are all reused still names the characters
    they drew as boxes, and reading the whole face (its decoded outlines) for that took a third of a second.
    """
    stat = path.stat()
    try:
        return _coverage(path, stat.st_size, stat.st_mtime_ns)
    except Exception as error:  # as `face`: fontTools' parsers raise what they meet
        raise BuildError(_("{path}: cannot be read as a font ({error})").format(path=path, error=error)) from None


@cache
def _coverage(path: Path, size: int, mtime: int) -> frozenset[int]:
    import hashlib
    import marshal

    import fontTools

    from schedgen.plans import cache_folder

    folder = cache_folder()
    identity = f"{path.resolve()}|{size}|{mtime}|{fontTools.version}"
    stored = folder / f"cmap-{hashlib.sha256(identity.encode()).hexdigest()[:24]}.marshal" if folder else None
    if stored is not None:
        try:
            codes = marshal.loads(stored.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            codes = None
        if isinstance(codes, frozenset):
            return codes
    from fontTools.ttLib import TTFont

    with path.open("rb") as file:
        font = TTFont(file, fontNumber=0, lazy=True)
        try:
            codes = frozenset(font.getBestCmap() or {})
        finally:
            font.close()
    if stored is not None:
        from schedgen.files import keep_cached

        keep_cached(stored, marshal.dumps(codes), 8)
    return codes
