"""One exception hierarchy; each class owns its exit code, only the CLI turns it into text."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from schedgen.i18n import N_, _


@dataclass(frozen=True)
class Position:
    """A place in a file: 1-based line and column (column counts characters, not bytes)."""

    path: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in an input, with where it is and the source line to show under it."""

    position: Position | None
    message: str
    severity: str = "error"
    source_line: str | None = None
    span: int = 1

    def render(self) -> str:
        """`path:line:col: error: message`, then the line and a caret aligned by display width."""
        where = f"{self.position}: " if self.position else ""
        text = visible(f"{where}{severity(self.severity)}: {self.message}")
        if self.source_line is not None and self.position is not None:
            text += "\n" + caret_block(self.source_line, self.position.col - 1, self.span)
        return text


def severity(word: str) -> str:
    """`error` or `warning` in the user's language; the position before it stays as it is, for editors."""
    return {"error": _("error"), "warning": _("warning")}.get(word, word)


_ERRNO_WORDS = {
    "ENOENT": N_("No such file or directory"),
    "EACCES": N_("Permission denied"),
    "EPERM": N_("Operation not permitted"),
    "ENOSPC": N_("No space left on device"),
    "EROFS": N_("Read-only file system"),
    "EISDIR": N_("Is a directory"),
    "ENOTDIR": N_("Not a directory"),
    "EEXIST": N_("File exists"),
    "EADDRINUSE": N_("Address already in use"),
    "EADDRNOTAVAIL": N_("Cannot assign requested address"),
    "ENAMETOOLONG": N_("File name too long"),
    "EMFILE": N_("Too many open files"),
    "EDQUOT": N_("Disk quota exceeded"),
}
"""The system's words for what a clerk meets (a missing file, a full disk, a port in use), which Python
gives in English whatever the locale."""


def strerror(error: OSError) -> str:
    """What the system says went wrong, in the user's language where the catalog has it."""
    import errno

    name = errno.errorcode.get(error.errno or 0, "")
    if name in _ERRNO_WORDS:
        return _(_ERRNO_WORDS[name])
    return str(error.strerror or error)


def system_error(error: OSError) -> str:
    """`error: PATH: what the system says`, for an OSError that reaches the command line."""
    where = f"{error.filename}: " if error.filename else ""
    return visible(f"{severity('error')}: {where}{strerror(error)}")


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_PICTURES = {**{chr(c): chr(0x2400 + c) for c in range(0x20)}, "\x7f": "\u2421"}
"""C0 controls as their Control Pictures (ESC as ␛, a vertical tab as ␋), DEL as ␡; C1 controls and the
direction embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069, which a terminal that lays out
bidirectional text obeys to the end of the line, dates and all) as U+FFFD."""


def visible(text: str) -> str:
    """`text` for a terminal, every control character but tab and newline, and every direction override, shown
    as a visible picture of one character: text from a plan must not move the cursor, clear the screen, recolour
    or turn around what follows."""
    if _CONTROL.search(text) is None:  # a search is fast even over a province's 19 MB report
        return text
    return _CONTROL.sub(lambda found: _PICTURES.get(found[0], "\ufffd"), text)


def display_width(text: str) -> int:
    """Columns a string takes in a terminal: a wide (CJK) character is two, a combining mark none."""
    if text.isprintable() and text.isascii():
        return len(text)
    return sum(map(char_width, text))


@cache
def char_width(ch: str) -> int:
    """Columns one character takes: 2 for wide (CJK), 0 for combining marks and controls, else 1."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Cc", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def caret_block(line: str, start: int, length: int) -> str:
    """The line, and `^~~~` under characters [start, start+length), by display width."""
    line = visible(line)  # one character for one: the caret stays under the characters it marks
    start = max(0, min(start, len(line)))
    marked = line[start : start + max(length, 1)] or " "
    pad = " " * display_width(line[:start])
    marks = "^" + "~" * max(display_width(marked) - 1, 0)
    return f"    {line}\n    {pad}{marks}"


class SchedgenError(Exception):
    """Base of every error the project raises on purpose."""

    exit_code = 2

    def __init__(self, message: str, diagnostics: tuple[Diagnostic, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.diagnostics = diagnostics or (Diagnostic(None, message),)

    def render(self) -> str:
        """Every diagnostic as the CLI prints it."""
        return "\n".join(d.render() for d in self.diagnostics)

    def __reduce__(self) -> tuple[object, ...]:
        # whole, with its diagnostics, from a worker process: pickle would call __init__ with `args` alone
        return (_restored, (type(self), self.args, self.__dict__))


def _restored(kind: type[SchedgenError], args: tuple[object, ...], state: dict[str, object]) -> SchedgenError:
    error = kind.__new__(kind)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class WhenError(SchedgenError):
    """A time expression the grammar cannot read; `start`/`end` index the offending characters."""

    def __init__(self, message: str, text: str, start: int, end: int | None = None) -> None:
        self.text = text
        self.start = max(0, min(start, len(text)))
        self.end = max(self.start + 1, end if end is not None else self.start + 1)
        super().__init__(message)

    @property
    def offending(self) -> str:
        """The characters the message is about."""
        return self.text[self.start : self.end]

    def render(self) -> str:
        return visible(f"{severity('error')}: {self.message}\n") + caret_block(
            self.text, self.start, self.end - self.start
        )


class LoadError(SchedgenError):
    """A schedule file that cannot be used; carries every problem of the file."""


class BuildError(SchedgenError):
    """An output that could not be written."""


class FindingsError(SchedgenError):
    """Findings under `--strict` or `--fail-on-overdue`: not bad input, but a reason to alert."""

    exit_code = 1
