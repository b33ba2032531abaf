"""Text laid out by width: tables for the terminal (a CJK character is two columns), lines for paper."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from schedgen.errors import char_width, display_width, visible

_WIDE = re.compile(r"[\u3000-\u3029\u3030-\u303e\u4e00-\u9fff\uff01-\uff60]+")
"""Characters two columns wide (ideographs, CJK and full-width punctuation), as `char_width` says."""


def fit(text: str, width: int) -> str:
    """`text` cut to `width` display columns, with `…` where it was cut."""
    if len(text) * 2 <= width:
        return text
    if text.isascii() and text.isprintable():  # a column each: dates, ids
        return text if len(text) <= width else text[: max(width - 1, 0)] + "…"
    run = _WIDE.match(text)
    if run and 2 * run.end() > width:  # cut inside a run of Chinese: a task's text, mostly
        return text[: max((width - 1) // 2, 0)] + "…"
    used, cut = 0, None
    # one pass that stops where the text is known to be too wide: a report cuts 50,000 task texts
    for i, columns in enumerate(map(char_width, text)):
        used += columns
        if cut is None and used > width - 1:
            cut = i
        if used > width:
            return text[:cut] + "…"
    return text


class Columns:
    """The columns of plain-text tables that line up for Chinese text, cells cut to `widths` where given.

    Tables laid out by one `Columns` share its headers and limits, and each distinct text of a column
    is cut and measured once for all of them: a province's report is a table for each unit, 155,000
    rows that repeat their states, dates, units and plans, and each task once for every unit it names.
    """

    def __init__(self, headers: Sequence[str], widths: Sequence[int | None] = ()) -> None:
        self.headers = tuple(headers)
        self._limits = list(widths) + [None] * (len(headers) - len(widths))
        # for each column: each text's cut, its width, and its cut padded to each width a table gave it
        self._cuts: list[dict[str, str]] = [{} for _ in self.headers]
        self._widths: list[dict[str, int]] = [{} for _ in self.headers]
        self._padded: list[dict[int, dict[str, str]]] = [{} for _ in self.headers]
        self._ragged: dict[str, bool] = {}
        """Whether a text of the last column is cut to nothing or to a space at its end."""
        self.cut = False
        """Whether a table laid out so far shows a text cut to its column's limit (ending in `…`)."""

    def table(self, rows: Sequence[Sequence[str]]) -> str:
        """The table of `rows`, each column as wide as its widest cell."""
        return "\n".join(self.lines_of(list(zip(*rows, strict=True)) if rows else [() for _ in self.headers]))

    def lines_of(self, columns: Sequence[Sequence[str]]) -> list[str]:
        """The lines of the table of the cells of each column, top to bottom: headers, rule, rows.

        The last column is not padded, so a line needs no stripping (a second copy) unless one of its
        cells ends in a space: a province's report is 155,000 lines. Each distinct text is cut, measured
        and padded to a width once for all tables, and a table looks them up (in C, by `map`).
        """
        padded, sizes = [], []
        last = len(self.headers) - 1
        ragged = False
        for index, (header, column) in enumerate(zip(self.headers, columns, strict=True)):
            cuts, widths, limit = self._cuts[index], self._widths[index], self._limits[index]
            texts = {header, *column}
            for text in texts - cuts.keys():
                shown = visible(text)  # a terminal's table: ESC and the like as pictures, not as commands
                cut = fit(shown, limit) if limit else shown
                self.cut = self.cut or cut != shown
                cuts[text] = cut
                widths[text] = display_width(cut)
                if index == last:
                    self._ragged[text] = not cut or cut[-1].isspace()
            size = max(map(widths.__getitem__, texts))
            if index == last:
                pad = cuts
                ragged = any(map(self._ragged.__getitem__, texts))
            else:
                pad = self._padded[index].setdefault(size, {})
                for text in texts - pad.keys():
                    pad[text] = cuts[text] + " " * (size - widths[text])
            padded.append(map(pad.__getitem__, (header, *column)))
            sizes.append(size)
        lines = list(map("  ".join, zip(*padded, strict=True)))
        if ragged:
            lines = [line.rstrip() for line in lines]
        lines.insert(1, "  ".join("-" * s for s in sizes))
        return lines


def ink(text: str) -> str:
    """`text` as a chart draws it: characters with no glyph of their own left out, line separators as spaces."""
    if text.isprintable():
        return text
    return "".join(_ink(ch) for ch in text)


def _ink(ch: str) -> str:
    kind = unicodedata.category(ch)
    if kind == "Zs" or ch == "\n" or ch.isprintable():
        return ch
    # format characters (U+FEFF, U+200B, U+202E...) have no glyph in a CJK font: left out, not refused as lacking
    return " " if ch.isspace() else ""


def wrap(text: str, width_em: float, max_lines: int | None = None) -> list[str]:
    """Lines of at most `width_em` ems (a CJK character is one, Latin about half).

    No line starts with closing punctuation, numbers and Latin words are not split, and the last line
    ends in `…` when the text needs more than `max_lines`.
    """
    lines: list[str] = []
    line, used = "", 0.0
    for ch in " ".join(text.split()):
        em = _em(ch)
        if used + em > width_em and line:
            keep = ""
            if ch in _NO_LINE_START and len(line) > 1:
                keep = line[-1]
            elif (ch.isascii() and ch.isalnum()) or (ch in "年月日号时点%" and line[-1:].isdigit()):
                run = len(line) - len(line.rstrip("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ."))
                if 0 < run < len(line):
                    keep = line[-run:]
            lines.append(line[: len(line) - len(keep)])
            line, used = keep, sum(map(_em, keep))
        line += ch
        used += em
    if line:
        lines.append(line)
    return shorten(lines, max_lines) if max_lines is not None else lines or [""]


def shorten(lines: list[str], max_lines: int) -> list[str]:
    """The first `max_lines` of wrapped `lines`, the last ending in `…` when any were left out."""
    if len(lines) <= max_lines:
        return lines or [""]
    return [*lines[: max_lines - 1], lines[max_lines - 1][:-1] + "…"]


_NO_LINE_START = "，。、；：！？）》」』”’,.;:!?)"


def _em(ch: str) -> float:
    return 1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.56
