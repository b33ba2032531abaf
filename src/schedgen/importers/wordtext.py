"""The text of a Word file as Word shows it: what python-docx's `.text` leaves out (a tracked insertion, a
content control, a footnote's text, the number Word gives a paragraph of a numbered list) and what it would read
twice (a text box, written again for old versions of Word)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import cast

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# what Word does not show as text of its own place: a table inside a cell (read as a table), a text box's copy
# for old versions, and the place a tracked move took text from (it is shown where it went, in w:moveTo)
_UNSHOWN = frozenset((f"{_W}tbl", _FALLBACK, f"{_W}moveFrom"))
_NOTE_MARKS = {f"{_W}footnoteReference": "footnote", f"{_W}endnoteReference": "endnote"}
_CHARACTERS = {f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n"}
_LEVELS = 9


@dataclass(frozen=True)
class Level:
    """One level of a Word list: how its number is written (`decimal`, `chineseCounting`), the text around it
    (`%1、`, `（%1）`) and the number it starts at."""

    kind: str
    text: str
    start: int


@dataclass(frozen=True)
class WordParts:
    """What a cell's text needs from the rest of the file: its footnotes and endnotes (`footnote1`), its lists'
    levels by list and level, the list each paragraph style numbers, and the count each list has reached."""

    notes: dict[str, str] = field(default_factory=dict)
    levels: dict[tuple[str, int], Level] = field(default_factory=dict)
    styled: dict[str, tuple[str, int]] = field(default_factory=dict)
    counts: dict[str, list[int]] = field(default_factory=dict)
    """Mutable: Word counts a list on through the document, from cell to cell, in the order it is read."""

    def number(self, paragraph: object) -> str:
        """The number Word shows before `paragraph` (`2、`), counted on; "" where it is no list's or a bullet's."""
        found = _numbered(paragraph, self.styled)
        if found is None:
            return ""
        list_id, level = found
        if (list_id, level) not in self.levels:
            return ""
        counts = self.counts.setdefault(list_id, [0] * _LEVELS)
        own = self.levels[(list_id, level)]
        counts[level] = counts[level] + 1 if counts[level] else own.start
        counts[level + 1 :] = [0] * (_LEVELS - level - 1)  # a deeper level starts again under each new item
        if own.kind in ("bullet", "none"):
            return ""
        text = own.text
        for shown in range(level + 1):
            kind = self.levels.get((list_id, shown), own).kind
            text = text.replace(f"%{shown + 1}", _written(counts[shown] or 1, kind))
        return text


def _numbered(paragraph: object, styled: dict[str, tuple[str, int]]) -> tuple[str, int] | None:
    """The list and level a paragraph is numbered in: its own numbering, else its style's."""
    properties = paragraph.find(f"{_W}pPr")  # type: ignore[attr-defined]
    if properties is None:
        return None
    numbering = properties.find(f"{_W}numPr")
    if numbering is not None:
        list_id = _value(numbering, "numId")
        if list_id is None or list_id == "0":
            return None  # numbering taken off this paragraph
        level = _value(numbering, "ilvl")
        return list_id, min(int(level) if level and level.isdigit() else 0, _LEVELS - 1)
    style = _value(properties, "pStyle")
    return styled.get(style) if style else None


def _value(element: object, child: str) -> str | None:
    found = element.find(f"{_W}{child}")  # type: ignore[attr-defined]
    return None if found is None else cast("str | None", found.get(f"{_W}val"))


_CHINESE = "〇一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_HEAVENLY = "甲乙丙丁戊己庚辛壬癸"


def _written(n: int, kind: str) -> str:
    """A list's number as its level writes it."""
    if kind in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographDigital"):
        return _chinese(n)
    if kind.startswith("decimalEnclosedCircle") and 1 <= n <= len(_CIRCLED):
        return _CIRCLED[n - 1]
    if kind == "ideographTraditional" and 1 <= n <= len(_HEAVENLY):
        return _HEAVENLY[n - 1]
    if kind in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if kind == "upperLetter" else letter
    if kind in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman.lower() if kind == "lowerRoman" else roman
    if kind == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    return str(n)


def _chinese(n: int) -> str:
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else f"{_CHINESE[tens]}十")
    return head + (_CHINESE[ones] if ones else "")


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L")):
        out, n = out + letters * (n // value), n % value
    for value, letters in ((40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        out, n = out + letters * (n // value), n % value
    return out


def word_parts(part: object) -> WordParts:
    """What the cells of a Word document part need to be read as Word shows them: its notes and its lists."""
    return WordParts(_notes(part), *_lists(part))


def _lists(part: object) -> tuple[dict[tuple[str, int], Level], dict[str, tuple[str, int]]]:
    """Each list's levels (a list is a `num` over an `abstractNum`, which may start a level elsewhere), and the
    list and level each paragraph style numbers."""
    levels: dict[tuple[str, int], Level] = {}
    styled: dict[str, tuple[str, int]] = {}
    try:
        numbering = part.numbering_part.element  # type: ignore[attr-defined]
    except (KeyError, NotImplementedError, AttributeError):
        return levels, styled  # a document with no lists
    abstract: dict[str, dict[int, Level]] = {}
    for definition in numbering.iterchildren(f"{_W}abstractNum"):
        own = abstract.setdefault(definition.get(f"{_W}abstractNumId") or "", {})
        for level in definition.iterchildren(f"{_W}lvl"):
            start = _value(level, "start")
            index = level.get(f"{_W}ilvl") or "0"
            if index.isdigit() and int(index) < _LEVELS:
                own[int(index)] = Level(
                    _value(level, "numFmt") or "decimal",
                    _value(level, "lvlText") or "",
                    int(start) if start and start.isdigit() else 1,
                )
    for instance in numbering.iterchildren(f"{_W}num"):
        list_id = instance.get(f"{_W}numId") or ""
        for index, level in abstract.get(_value(instance, "abstractNumId") or "", {}).items():
            levels[(list_id, index)] = level
        for override in instance.iterchildren(f"{_W}lvlOverride"):
            index = override.get(f"{_W}ilvl") or "0"
            start = _value(override, "startOverride")
            key = (list_id, int(index) if index.isdigit() else -1)
            if key in levels and start and start.isdigit():
                levels[key] = replace(levels[key], start=int(start))
    try:
        styles = part.styles.element  # type: ignore[attr-defined]
    except (KeyError, NotImplementedError, AttributeError):
        return levels, styled
    for style in styles.iterchildren(f"{_W}style"):
        found = _numbered(style, {})
        if found is not None and style.get(f"{_W}styleId"):
            styled[style.get(f"{_W}styleId")] = found
    return levels, styled


def cell_text(tc: object, parts: WordParts | None = None) -> str:
    """A Word cell's text as Word shows it, its paragraphs one a line: the text a tracked change inserted
    (`w:ins`, which python-docx's `cell.text` leaves out) and not the text it deleted (`w:delText`), the text of a
    content control or a hyperlink, the text of a footnote or an endnote in brackets where its mark is, and the
    number Word gives a paragraph of a list (`2、`, counted on in `parts`); not the text of a table inside the
    cell, which is a table of its own."""
    parts = parts or WordParts()
    lines: list[str] = []
    line: list[str] = []
    stack = list(reversed(list(tc)))  # type: ignore[call-overload]
    while stack:  # walked without recursion, and without going into a table inside the cell
        element = stack.pop()
        if element is None:
            lines.append("".join(line))
            line = []
            continue
        tag = element.tag
        if tag in _UNSHOWN:
            continue  # see _UNSHOWN
        if tag == f"{_W}t":
            line.append(element.text or "")
        elif tag in _CHARACTERS:
            line.append(_CHARACTERS[tag])
        elif tag in _NOTE_MARKS and (note := parts.notes.get(f"{_NOTE_MARKS[tag]}{element.get(f'{_W}id')}")):
            line.append(f"（注：{note}）")
        if tag == f"{_W}p":
            stack.append(None)  # the paragraph's end, once its children are walked
            line.append(parts.number(element))
        stack.extend(reversed(list(element)))
    return "\n".join(lines).strip()


@lru_cache(maxsize=1)
def _shown() -> Callable[[object], list[object]]:
    """The XPath of the text Word shows (compiled once, when a Word file is first read: lxml is not loaded before)."""
    from lxml import etree

    names = {"w": _W[1:-1], "mc": _FALLBACK[1 : _FALLBACK.index("}")]}
    shown = ".//w:t[not(ancestor::mc:Fallback) and not(ancestor::w:moveFrom)]"
    return cast("Callable[[object], list[object]]", etree.XPath(shown, namespaces=names))


def word_text(element: object) -> str:
    """The text of a Word paragraph, row or cell, run together as it reads: inserted text and not deleted text,
    moved text where it went, and a text box's once (Word writes it for itself and again, in mc:Fallback, for old
    versions)."""
    return "".join(t.text or "" for t in _shown()(element))  # type: ignore[attr-defined]


def _notes(part: object) -> dict[str, str]:
    """The footnotes and endnotes of a Word document part, by kind and id (`footnote1`), as text."""
    from lxml import etree

    notes: dict[str, str] = {}
    for relationship in part.rels.values():  # type: ignore[attr-defined]
        kind = relationship.reltype.rsplit("/", 1)[-1]
        if kind not in ("footnotes", "endnotes") or relationship.is_external:
            continue
        root = etree.fromstring(relationship.target_part.blob, etree.XMLParser(resolve_entities=False, no_network=True))
        for note in root.iterchildren(f"{_W}{kind[:-1]}"):
            text = " ".join(word_text(note).split())
            if text:
                notes[f"{kind[:-1]}{note.get(f'{_W}id')}"] = text
    return notes


_REVISIONS = tuple(f"{_W}{kind}" for kind in ("ins", "del", "moveFrom", "moveTo"))


def revised(body: object) -> tuple[str, ...]:
    """What to say of a Word body with tracked changes neither accepted nor refused: it is read as Word shows it
    with them accepted, which a draft under review may not be."""
    if next(body.iter(*_REVISIONS), None) is None:  # type: ignore[attr-defined]
        return ()
    return ("Word 文件里有尚未接受或拒绝的修订：按接受全部修订后的文字导入；请确认修订已经定稿",)
