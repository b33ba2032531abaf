"""Plain-text tables for the terminal, aligned by display width (a CJK character is two columns)."""

from __future__ import annotations

from collections.abc import Sequence

from schedgen.errors import char_width, display_width


def fit(text: str, width: int) -> str:
    """`text` cut to `width` display columns, with `…` where it was cut."""
    if len(text) * 2 <= width or display_width(text) <= width:
        return text
    used = 0
    for i, columns in enumerate(map(char_width, text)):
        used += columns
        if used > width - 1:
            return text[:i] + "…"
    return text


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int | None] = ()) -> str:
    """A plain-text table whose columns line up for Chinese text, cells cut to `widths` where given."""
    limits = list(widths) + [None] * (len(headers) - len(widths))
    cells = [[fit(c, w) if w else c for c, w in zip(row, limits, strict=True)] for row in [list(headers), *rows]]
    measured = [[display_width(c) for c in row] for row in cells]
    sizes = [max(row[i] for row in measured) for i in range(len(headers))]
    lines = []
    for n, (row, row_widths) in enumerate(zip(cells, measured, strict=True)):
        padded = [c + " " * (sizes[i] - row_widths[i]) for i, c in enumerate(row)]
        lines.append("  ".join(padded).rstrip())
        if n == 0:
            lines.append("  ".join("-" * s for s in sizes))
    return "\n".join(lines)
