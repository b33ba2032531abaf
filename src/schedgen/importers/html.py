"""A saved web page: its tables as rows of cells, and its text as lines, for a 配档表 or a prose plan.

lxml (already installed with python-docx) parses it: libxml2's HTML parser is forgiving of the broken
markup of county sites, fast, and never fetches anything (no network, no entities from outside).
"""

from __future__ import annotations

import re
from pathlib import Path

from schedgen.errors import LoadError
from schedgen.i18n import _
from schedgen.importers.columns import layout

Rows = list[list[str]]
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)
_BLOCKS = frozenset(
    {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article", "header"}
    | {"footer", "title", "dt", "dd", "pre", "blockquote"}
)
_SKIP = frozenset(("script", "style", "noscript", "template"))
MAX_ROWSPAN, MAX_COLSPAN = 65_534, 1_000
"""The most rows and columns one cell spans, as the HTML standard (and so every browser) reads it."""
MAX_CELLS = 1_000_000
"""The most cells the page's tables may come to once spans are filled in (a page of merged cells written
to multiply is refused, not expanded)."""


def read_html(raw: bytes, path: Path, hidden: list[str] | None = None) -> tuple[list[Rows], str, str]:
    """The page's tables (innermost ones: old sites lay whole pages out in tables), each as rows of cells
    with merged cells read on every row and column they span; the page's text one block a line; and that
    text without the tables that hold a header row (the notice around a table). What the page hides from its
    reader (`display:none`, `hidden`) is left out, and its text said in `hidden`."""
    import lxml.html
    from lxml.etree import LxmlError, ParserError

    text = _decode(raw)
    try:
        root = lxml.html.document_fromstring(text, parser=lxml.html.HTMLParser(no_network=True, recover=True))
    except (LxmlError, ParserError, ValueError) as error:
        raise LoadError(_("{path}: not a readable web page ({error})").format(path=path, error=error)) from None
    for element in root.iter(*_SKIP):
        element.drop_tree()
    # the outermost hidden elements (a hidden one inside another goes with it); what a table hides is said, the
    # rest (a site's folded menus) is no part of a plan a reader sees
    hiding = [e for e in root.iter() if isinstance(e.tag, str) and _hides(e) and e.getparent() is not None]
    for element in [e for e in hiding if not any(_hides(a) for a in e.iterancestors())]:
        words = " | ".join(line.strip() for line in _flat(element).splitlines() if line.strip())
        if words and hidden is not None and next(element.iterancestors("table"), None) is not None:
            hidden.append(words)
        element.drop_tree()
    innermost = [table for table in root.iter("table") if not table.xpath(".//table")]
    grids = [_grid(table) for table in innermost]
    cells = sum(len(row) for grid in grids for row in grid)
    if cells > MAX_CELLS:
        raise LoadError(
            _("{path}: the page's tables come to {cells:,} cells (limit {max_cells:,}); refusing to read it").format(
                path=path, cells=cells, max_cells=MAX_CELLS
            )
        )
    text = _text(root)
    for table, grid in zip(innermost, grids, strict=True):
        if grid and layout(grid) is not None:
            table.drop_tree()
    return [g for g in grids if g], text, _text(root)


_HIDING = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)", re.I)


def _hides(element: object) -> bool:
    """Whether an element is hidden from the page's reader by its own markup (an old row a site hides rather than
    deletes, a hidden remark): a browser shows none of it."""
    get = element.get  # type: ignore[attr-defined]
    return get("hidden") is not None or bool(_HIDING.search(get("style") or ""))


def _decode(raw: bytes) -> str:
    """The page's text in the charset its `<meta>` names, else UTF-8, else GB18030 (older Chinese sites)."""
    declared = _CHARSET.search(raw[:4096])
    names = [declared[1].decode("ascii").lower()] if declared else []
    for name in [*names, "utf-8", "gb18030"]:
        if name in ("gb2312", "gbk"):
            name = "gb18030"  # a superset: pages labelled GB2312 use GBK characters
        try:
            return raw.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
    return raw.decode("utf-8", errors="replace")


def _grid(table: object) -> Rows:
    """A table's rows of cell texts, a cell spanning rows or columns read in every place it covers."""
    rows: Rows = []
    pending: dict[tuple[int, int], str] = {}  # (row, column) -> text carried down from a rowspan
    own = [tr for tr in table.iter("tr") if _owner(tr) is table]  # type: ignore[attr-defined]
    # a footer is shown at the table's foot wherever it is written (HTML 4 wrote <tfoot> before <tbody>)
    own.sort(key=lambda tr: tr.getparent().tag == "tfoot")
    for r, tr in enumerate(own):
        row: list[str] = []
        cells = [c for c in tr if getattr(c, "tag", None) in ("td", "th")]
        column = 0
        for cell in cells:
            if len(pending) + len(row) > MAX_CELLS:
                return [[""] * (MAX_CELLS + 1)]  # counted, and refused, by the caller
            while (r, column) in pending:
                row.append(pending.pop((r, column)))
                column += 1
            value = _cell_text(cell)
            down = min(_span(cell.get("rowspan")), MAX_ROWSPAN)
            across = min(_span(cell.get("colspan")), MAX_COLSPAN)
            for c in range(across):
                row.append(value if c == 0 else "")
                for d in range(1, down):
                    pending[(r + d, column + c)] = value if c == 0 else ""
            column += across
        while (r, column) in pending:
            row.append(pending.pop((r, column)))
            column += 1
        rows.append(row)
    return [row for row in rows if any(c.strip() for c in row)]


def _owner(tr: object) -> object:
    parent = tr.getparent()  # type: ignore[attr-defined]
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _span(value: str | None) -> int:
    try:
        return max(1, int(value or 1))
    except ValueError:
        return 1


def _cell_text(cell: object) -> str:
    """A cell's text, its `<br>` and paragraphs as line breaks (a cell may hold several steps or times)."""
    lines = [" ".join(line.split()) for line in _flat(cell).splitlines()]
    return "\n".join(line for line in lines if line)


def _flat(top: object) -> str:
    """An element's text, blocks on lines of their own and cells apart by tabs; walked without recursion,
    so no nesting depth can exhaust the stack."""
    from lxml.etree import iterwalk

    out: list[str] = []
    for event, element in iterwalk(top, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _BLOCKS:
                out.append("\n")
            out.append(element.text or "" if tag else "")
            continue
        if tag in _BLOCKS:
            out.append("\n")
        elif tag in ("td", "th"):
            out.append("\t")
        if element is not top:
            out.append(element.tail or "")
    return "".join(out)


def _text(root: object) -> str:
    """The page's text, one block a line, the cells of a table row apart by tabs."""
    body = root.find("body")  # type: ignore[attr-defined]
    lines = [line.strip() for line in _flat(body if body is not None else root).replace("\xa0", " ").splitlines()]
    return "\n".join(line for line in lines if line)
