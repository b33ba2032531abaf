"""The charts' Chinese font, cut to the characters a page shows and embedded in it as a last fallback.

A page must read right on a machine without a Chinese font (a fresh Linux desktop, a kiosk) and still
fetch nothing, so the font travels inside the page as a `data:` URL. It is listed after every system
Chinese font, so a machine that has one uses its own. The font is the bundled Noto Sans CJK SC, whose
licence allows embedding (a system font's may not); only the characters the page shows are kept
(a few hundred glyphs of Noto Sans CJK SC: 60–90 kB), WOFF2 when the `brotli` module is there, else WOFF.
Cutting a CJK font takes seconds, so each cut is kept in the user's cache folder, keyed by the font and
the characters; an unchanged page costs nothing the second time.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import re
from functools import lru_cache
from pathlib import Path

from schedgen.export.chart.fonts import FONT_FAMILIES, bundled_font

SLOT = "/* schedgen: web font */"
"""Where a template asks for the font (`{{ webfont }}` in `base.html`); filled once the page is rendered."""
FAMILY = "schedgen CJK"
KEEP = 1_000
"""How many cut fonts the cache folder keeps."""
ESCAPED = re.compile(r"\\\\|((?:\\u[0-9a-fA-F]{4})+)")
"""A run of JSON's `\\uXXXX` escapes; an escaped backslash is matched too, so that `\\\\udb00` is no escape."""


def fill(page: str, characters: str | None = None) -> str:
    """`page` with its font slot filled with an `@font-face` of exactly the characters it shows (`characters`:
    those, as `shown` finds them, when known already)."""
    if SLOT not in page:
        return page
    return page.replace(SLOT, font_css(shown(page) if characters is None else characters), 1)


def shown(page: str) -> str:
    """The characters outside ASCII that `page` can show, JSON's `\\uXXXX` escapes included, in order."""
    # set(page) first: the page of a large plan has millions of characters but a few thousand distinct ones
    found = {c for c in set(page) if ord(c) > 127 and not "\ud800" <= c <= "\udfff"}
    for run in set(ESCAPED.findall(page)) - {""}:
        found.update(c for c in _code_points(run) if ord(c) > 127)
    return "".join(sorted(found))


def _code_points(run: str) -> str:
    """The characters a run of `\\uXXXX` escapes spells: escapes are UTF-16 code units, so a pair of
    surrogates is one character outside the Basic Multilingual Plane, and a lone one spells nothing."""
    units = bytes.fromhex(run.replace("\\u", ""))
    return units.decode("utf-16-be", "ignore")


@lru_cache(maxsize=16)  # a long `serve` renders many pages; keep the recent ones
def font_css(characters: str) -> str:
    """The rules that embed the font cut to `characters` and put it after the system Chinese fonts."""
    font = bundled_font()  # only an openly licensed font travels inside a page
    if font is None:
        return ""  # without the `fonts` extra the page relies on the reader's fonts
    kind, data = _cut(font, characters)
    stack = ", ".join(f'"{name}"' for name in (*FONT_FAMILIES, FAMILY))
    encoded = base64.b64encode(data).decode()
    return (
        f'@font-face {{ font-family: "{FAMILY}"; src: url(data:font/{kind};base64,{encoded}) format("{kind}"); }}\n'
        f"body {{ font-family: {stack}, sans-serif; }}"
    )


def _cut(font: Path, characters: str) -> tuple[str, bytes]:
    """The font cut to `characters`, as (`woff2` or `woff`, bytes), from the cache when it was cut before."""
    import fontTools

    kind = "woff2" if _has_brotli() else "woff"
    stat = font.stat()
    key = f"{font.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{fontTools.version}|{kind}|{characters}"
    name = f"webfont-{hashlib.sha256(key.encode()).hexdigest()[:24]}.{kind}"
    folder = _cache_folder()
    from schedgen.files import keep_verified, kept

    if folder is not None and (entry := kept(folder / name)) is not None:
        with contextlib.suppress(OSError):
            return kind, entry.read_bytes()
    common = _common(font, folder, key.rpartition("|")[0])
    source = common if common is not None and set(characters) <= common_characters() else font
    data = _subset(source, characters, kind)
    if folder is not None:
        keep_verified(folder / name, data, KEEP)
    return kind, data


@lru_cache(maxsize=1)  # made when a page is first cut, not on import: most builds take every cut from the cache
def common_characters() -> frozenset[str]:
    """ASCII, GB 2312 (its symbols and both levels of characters, place names' 濮 and 岚 among them), and the
    characters of the shipped templates (the detail's close button ✕): what nearly every page shows. A page
    with one character outside them is cut from the whole font, four times as slow (0.26 s against 0.07 s)."""
    from importlib.resources import files

    found = {chr(c) for c in range(0x20, 0x7F)}
    for first in (*range(0xA1, 0xAA), *range(0xB0, 0xF8)):
        for second in range(0xA1, 0xFF):
            for codec in ("gb2312", "gbk"):  # GBK reads a few symbols as Windows writes them: — (U+2014), ·
                with contextlib.suppress(UnicodeDecodeError):
                    found.add(bytes((first, second)).decode(codec))
    for entry in files("schedgen.templates").iterdir():
        if entry.is_file() and entry.name.endswith((".html", ".css", ".js")):
            found.update(c for c in entry.read_text(encoding="utf-8") if ord(c) > 127)
    return frozenset(found)


def _common(font: Path, folder: Path | None, identity: str) -> Path | None:
    """The font cut to `common_characters` once a machine, kept in the cache folder: cutting a page's few hundred
    characters from its 7,500 glyphs takes a quarter of the time of cutting them from all 65,000."""
    if folder is None:
        return None
    from schedgen.files import keep_verified, kept

    characters = "".join(sorted(common_characters()))
    path = folder / f"common-{hashlib.sha256(f'{identity}|{characters}'.encode()).hexdigest()[:24]}.otf"
    if path in _NOT_KEPT:
        return None
    entry = kept(path) or keep_verified(path, _subset(font, characters, None), 2)
    if not entry.is_file():  # a cache that cannot be written: the cut, 2.4 s, would be made again for every page
        _NOT_KEPT.add(path)
        return None
    return entry


_NOT_KEPT: set[Path] = set()
"""The common cuts this process made and the cache folder could not keep."""


def _subset(font: Path, characters: str, kind: str | None) -> bytes:
    """`font` cut to `characters`, as a WOFF/WOFF2 (`kind`) or a plain OpenType file (None)."""
    from fontTools import subset

    options = subset.Options()
    options.flavor = kind
    options.layout_features = []  # horizontal text needs no substitutions; this keeps the cut small
    # nor layout or vertical tables, and the hints stay: reading and pruning those was half of a cut's
    # second, a province's pages spent most of their time cutting, and hints add only ~14 % to a cut
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "VORG", "vhea", "vmtx"]
    options.name_IDs = []
    options.notdef_outline = True
    loaded = subset.load_font(str(font), options, lazy=True, dontLoadGlyphNames=True)
    out = io.BytesIO()
    try:
        cutter = subset.Subsetter(options)
        cutter.populate(unicodes=[ord(c) for c in characters])
        cutter.subset(loaded)
        subset.save_font(loaded, out, options)
    finally:
        loaded.close()
    return out.getvalue()


def _cache_folder() -> Path | None:
    from schedgen.plans import cache_folder

    return cache_folder()


def _has_brotli() -> bool:
    """Whether fontTools can write WOFF2, which needs the `brotli` module."""
    from importlib.util import find_spec

    return find_spec("brotli") is not None
