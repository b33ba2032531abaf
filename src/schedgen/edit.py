"""Recording progress in a schedule file without disturbing the rest of it (comments, order, layout).

The task is found by the YAML parser's own node positions, never by scanning lines, so block lists,
indentless lists, wide indents and flow mappings all edit in place; the result is checked by loading it
with the project's loader and comparing every task with the one before.
"""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import date

import yaml

from schedgen.errors import LoadError
from schedgen.i18n import _
from schedgen.load import loads
from schedgen.model import Schedule, Status, Task

_PLAIN = re.compile(r"^[^\s\"'#&*!|>%@`{}\[\],:?-][^#:\n]*$")


def set_done(text: str, task_id: str, on: date, note: str | None = None, path: str = "<schedule>") -> str:
    """The text with `status: done`, `done: DATE` (and `notes`) set on one task, all else untouched.

    Existing values are replaced in place; missing keys go after the task's last line, with the indentation
    of its first key and the file's own line ending.
    """
    plan = loads(text, path)
    if task_id not in {t.id for t in plan.all_tasks()}:
        ids = ", ".join(t.id for t in plan.all_tasks())
        raise LoadError(
            _("{path}: no task with id `{task_id}`; the ids are: {ids}").format(path=path, task_id=task_id, ids=ids)
        )
    root = yaml.compose(text, Loader=yaml.BaseLoader)
    node = _task_node(root, task_id) if root is not None else None
    assert node is not None, "the loader found the task, so the composer does"
    newline = "\r\n" if "\r\n" in text else "\n"
    values = {"status": "done", "done": on.isoformat()}
    if note is not None:
        values["notes"] = _scalar(note)
    keys = {k.value: (k, v) for k, v in node.value}
    # (start, end, order, new): an insertion sorts after a replacement at the same place
    edits = [_replacement(text, *keys[key], value) for key, value in values.items() if key in keys]
    missing = [(key, value) for key, value in values.items() if key not in keys]
    if missing:
        edits.append(_insertion(text, node, missing, newline))
    for start, end, _old, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def changed_tasks(before: Schedule, after: Schedule, task_id: str, on: date, note: str | None) -> list[str]:
    """What differs from marking `task_id` done and nothing else, e.g. ["task `b`"]; empty when the edit is right."""
    expected = {
        t.id: _comparable(
            dataclasses.replace(t, status=Status.DONE, done=on, notes=t.notes if note is None else note)
            if t.id == task_id
            else t
        )
        for t in before.all_tasks()
    }
    actual = {t.id: _comparable(t) for t in after.all_tasks()}
    changed = [
        _("task `{id}`").format(id=i) for i in dict.fromkeys([*expected, *actual]) if actual.get(i) != expected.get(i)
    ]
    if dataclasses.replace(before, stages=(), tasks=()) != dataclasses.replace(after, stages=(), tasks=()):
        changed.append(_("the schedule's own fields"))
    return changed


def _comparable(task: Task) -> Task:
    """A task without its positions, which move when lines are added above it."""
    return dataclasses.replace(task, position=None, when_position=None)


def _task_node(root: yaml.Node, task_id: str) -> yaml.MappingNode | None:
    """The mapping of the task whose `id` is `task_id`, wherever it sits."""
    if isinstance(root, yaml.MappingNode):
        pairs = {k.value: v for k, v in root.value if isinstance(k, yaml.ScalarNode)}
        if "when" in pairs and isinstance(pairs.get("id"), yaml.ScalarNode) and pairs["id"].value == task_id:
            return root
        children = [v for _, v in root.value]
    elif isinstance(root, yaml.SequenceNode):
        children = list(root.value)
    else:
        return None
    for child in children:
        found = _task_node(child, task_id)
        if found is not None:
            return found
    return None


def _replacement(text: str, key: yaml.Node, old: yaml.Node, new: str) -> tuple[int, int, int, str]:
    """Replace a scalar value; an empty one (`notes:`) has no characters, so the value goes after its colon."""
    if _is_empty(old):
        colon = text.index(":", key.end_mark.index) + 1
        return colon, colon, 0, " " + new
    start, end = old.start_mark.index, old.end_mark.index
    if isinstance(old, yaml.ScalarNode) and old.style in ("|", ">"):
        end = _content_end(text, old)  # a block scalar's node also holds the line breaks after it
    return start, end, 0, new


def _insertion(
    text: str, node: yaml.MappingNode, pairs: list[tuple[str, str]], newline: str
) -> tuple[int, int, int, str]:
    """Where and what to insert for keys a task does not have yet, in its own style."""
    if node.flow_style:  # {id: a, when: ..., task: ...}
        closing = text.rindex("}", 0, node.end_mark.index)
        return closing, closing, 1, "".join(f", {k}: {v}" for k, v in pairs)
    indent = " " * node.value[0][0].start_mark.column
    at = _content_end(text, node)
    line_end = len(text) if (found := text.find("\n", at)) < 0 else found
    if text[line_end - 1 : line_end] == "\r":
        line_end -= 1
    return line_end, line_end, 1, "".join(f"{newline}{indent}{k}: {v}" for k, v in pairs)


def _content_end(text: str, node: yaml.Node) -> int:
    """Where the last character of a node stands, before the comments, blank lines and tokens after it.

    A block collection's end mark is the start of whatever follows it (the next task's `-`), so the end
    is that of its last value, found by descending.
    """
    while isinstance(node, yaml.SequenceNode | yaml.MappingNode) and not node.flow_style and node.value:
        last = node.value[-1]
        key, node = last if isinstance(last, tuple) else (None, last)
        if key is not None and _is_empty(node):
            return int(key.end_mark.index)
    end = int(node.end_mark.index)
    return len(text[:end].rstrip("\r\n")) if end > node.start_mark.index else end


def _is_empty(node: yaml.Node) -> bool:
    """A value left blank (`notes:`): a plain scalar with no characters of its own."""
    return isinstance(node, yaml.ScalarNode) and node.style is None and node.value == ""


def _scalar(value: str) -> str:
    """A YAML scalar for free text: plain when that reads back the same, else double-quoted with every
    character that is not printable escaped: YAML takes no raw control character (ESC, DEL, C1), and reads
    U+0085, U+2028 and U+2029 inside quotes as line breaks."""
    if value.isprintable() and _PLAIN.match(value) and value.strip() == value and yaml.safe_load(value) == value:
        return value
    quoted = json.dumps(value, ensure_ascii=False)  # escapes the C0 controls, `"` and `\\`
    return quoted if quoted.isprintable() else "".join(map(_escaped, quoted))


def _escaped(ch: str) -> str:
    if ch.isprintable():
        return ch
    return f"\\u{ord(ch):04x}" if ord(ch) < 0x10000 else f"\\U{ord(ch):08x}"
