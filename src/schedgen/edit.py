"""Recording progress in a schedule file without disturbing the rest of it (comments, order, layout)."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import yaml

from schedgen.errors import LoadError
from schedgen.load import loads

_PLAIN = re.compile(r"^[^\s\"'#&*!|>%@`{}\[\],:?-][^#:\n]*$")


def mark_done(path: Path, task_id: str, on: date, note: str | None = None) -> str:
    """Set `status: done`, `done: DATE` (and `notes`) on one task; returns the new text of the file.

    Only the lines of those keys change: existing values are replaced in place, missing keys are added
    after the task's last line with its indentation. The result is loaded again before it is returned,
    so a file is never left unreadable.
    """
    text = path.read_text(encoding="utf-8")
    plan = loads(text, str(path))
    if task_id not in {t.id for t in plan.all_tasks()}:
        ids = ", ".join(t.id for t in plan.all_tasks())
        raise LoadError(f"{path}: no task with id `{task_id}`; the ids are: {ids}")
    root = yaml.compose(text, Loader=yaml.BaseLoader)
    node = _task_node(root, task_id) if root is not None else None
    assert node is not None, "the loader found the task, so the composer does"
    values = {"status": "done", "done": on.isoformat()}
    if note is not None:
        values["notes"] = _scalar(note)
    edits: list[tuple[int, int, str]] = []
    keys = {k.value: (k, v) for k, v in node.value}
    missing = []
    for key, value in values.items():
        if key in keys:
            _, old = keys[key]
            edits.append((old.start_mark.index, old.end_mark.index, value))
        else:
            missing.append((key, value))
    if missing:
        edits.append(_insertion(text, node, missing))
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    loads(text, str(path))
    return text


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


def _insertion(text: str, node: yaml.MappingNode, pairs: list[tuple[str, str]]) -> tuple[int, int, str]:
    """Where and what to insert for keys a task does not have yet, in its own style."""
    if node.flow_style:  # {id: a, when: ..., task: ...}
        closing = text.rindex("}", 0, node.end_mark.index)
        return closing, closing, "".join(f", {k}: {v}" for k, v in pairs)
    first_key = node.value[0][0]
    indent = " " * first_key.start_mark.column
    last_value = node.value[-1][1]
    at = last_value.end_mark.index
    block = "".join(f"{indent}{k}: {v}\n" for k, v in pairs)
    if text[:at].endswith("\n"):
        return at, at, block
    line_end = text.find("\n", at)  # after a trailing comment on the task's last line
    line_end = len(text) if line_end < 0 else line_end
    return line_end, line_end, "\n" + block.rstrip("\n")


def _scalar(value: str) -> str:
    """A YAML scalar for free text: plain when that reads back the same, else double-quoted."""
    if _PLAIN.match(value) and value.strip() == value and yaml.safe_load(value) == value:
        return value
    return json.dumps(value, ensure_ascii=False)
