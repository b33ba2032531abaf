"""Refusing YAML nested deeper than a schedule needs, before the composer recurses into it.

The composer recurses once per level of nesting, and ~25,000 nested brackets (a 50 KB file) overflow
the C loader's stack: a watched folder would kill `serve`. A positioned error at the 21st level instead.
"""

from __future__ import annotations

import re

import yaml

from schedgen.errors import Diagnostic, LoadError, Position
from schedgen.i18n import _
from schedgen.model import MAX_FILE_BYTES

MAX_DEPTH = 20
"""Levels of nesting a schedule may use; it needs about six (document > stages > stage > tasks > task > units)."""
# The base loader resolves no implicit types: every value stays the text the clerk wrote (`when: 2023-02-20`
# is an expression, not a date), and libyaml's parser, when PyYAML has it, reads files several times faster.
BASE_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)

_BLOCK_STARTS = re.compile(r"^(?:---[ \t]+)? *(?:[-?:][ \t]+)*", re.MULTILINE)
_TOKEN = re.compile(r"[^ \t]+")
_BRACKETS = re.compile(r"[^\[\]{}]+")
_INNERMOST = re.compile(r"\[\]|\{\}")


def limit_depth(raw: bytes | str, path: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH before composing: the composer recurses once per level.

    A cheap upper bound settles ordinary files: block levels each start at a column of their own (an
    indentless list shares its parent's), and flow levels are at most the open brackets. Only a file
    over that bound is walked event by event, iteratively, to find where the limit is passed.
    """
    if len(raw) > MAX_FILE_BYTES:
        return  # refused by size, without reading it
    text = raw if isinstance(raw, str) else raw.decode("utf-8-sig", "replace")
    columns: set[int] = set()
    for prefix in set(_BLOCK_STARTS.findall(text)):
        columns.update([*(token.start() for token in _TOKEN.finditer(prefix)), len(prefix)])
    if 2 * len(columns) <= MAX_DEPTH:
        flow, brackets = 0, _BRACKETS.sub("", text)
        while flow <= MAX_DEPTH and (inner := _INNERMOST.sub("", brackets)) != brackets:
            flow, brackets = flow + 1, inner  # each pass takes off one level of pairs
        flow += brackets.count("[") + brackets.count("{")  # unpaired ones (in quoted text) counted anyway
        if 2 * len(columns) + flow <= MAX_DEPTH:
            return
    try:
        deep = _too_deep(text, BASE_LOADER)
    except yaml.YAMLError:  # libyaml looks ahead up to its own limit of 1000; Python's parser has none
        try:
            deep = _too_deep(text, yaml.BaseLoader)
        except yaml.YAMLError:
            return  # malformed before the limit: the loader reports it with its position
    if deep is not None:
        line, column = deep
        message = _("nested more than {limit} levels deep; a schedule needs about six").format(limit=MAX_DEPTH)
        where = Position(path, line + 1, column + 1)
        raise LoadError(message, (Diagnostic(where, message, source_line=text.splitlines()[line]),))


def _too_deep(text: str, loader: type[yaml.BaseLoader]) -> tuple[int, int] | None:
    """The 0-based line and column where the first collection past MAX_DEPTH starts, walking the parser's
    events (no recursion)."""
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH and event.start_mark is not None:
                return event.start_mark.line, event.start_mark.column
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None
