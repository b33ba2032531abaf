"""A traditional-script text made plain, character for character, for the drafting rules to read.

The rules that tell a duty from news or a stamp (报送, 召开, 发布时间, 〔2021〕15号) are written in simplified
characters; a mirror site's copy in traditional ones (報送, 召開, 發布時間, 15號) is read through this view. Each
character maps to one character (OpenCC's traditional-to-simplified table), so every offset found in the plain
view is the same in the text as written, and what a draft shows is still the document's own words.
"""

from __future__ import annotations

import re
from functools import lru_cache

# the CJK characters OpenCC's table can change: the unified block and its extension A
_BLOCKS = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF))


def plain(text: str) -> str:
    """`text` in simplified characters and ASCII digits (a copy's full-width ２０２２年 as 2022年), of the same
    length; ASCII and simplified text come back unchanged."""
    if text.isascii() or _changed().search(text) is None:  # most texts: a scan in C, not a lookup a character
        return text
    return text.translate(_table())


@lru_cache(maxsize=1)
def _changed() -> re.Pattern[str]:
    """Any character `plain` changes."""
    return re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_table())) + "]")


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    """Each traditional character with its simplified one, looked up once in one OpenCC call (a line each)."""
    import opencc  # heavy: loaded for the first text with Chinese characters

    chars = [chr(code) for first, last in _BLOCKS for code in range(first, last + 1)]
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    digits = {0xFF10 + n: str(n) for n in range(10)}  # full-width ０…９
    if len(converted) != len(chars):  # a line break is never converted; if it were, read the text as written
        return digits
    table = {ord(ch): simple for ch, simple in zip(chars, converted, strict=True) if len(simple) == 1 and simple != ch}
    return table | digits
