"""The text of a plan from a .txt or a .docx file, for drafting."""

from __future__ import annotations

from pathlib import Path

from schedgen.errors import LoadError
from schedgen.importers.table import check_size, decode_text, open_docx


def plan_text(path: Path) -> str:
    """The text of a plan: a text file decoded, or a Word file's paragraphs and table cells, one a line."""
    check_size(path, "the text of a plan")
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return _docx_text(path)
    if suffix in (".txt", ".text", ""):
        return decode_text(path.read_bytes(), path)
    raise LoadError(f"{path}: cannot draft from {suffix} files; use .txt or .docx (save a .doc or .pdf as one first)")


def _docx_text(path: Path) -> str:
    document = open_docx(path)
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            # a table inside a prose plan: each row a line, its cells joined as a sentence would run
            for row in child.iter():
                if row.tag.endswith("}tr"):
                    cells = ["".join(t.text or "" for t in cell.iter() if t.tag.endswith("}t")) for cell in row]
                    lines.append("，".join(c.strip() for c in cells if c.strip()))
    return "\n".join(lines)
