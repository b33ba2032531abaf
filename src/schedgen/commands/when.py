"""`schedgen when`: how one time expression is read."""

from __future__ import annotations

import json


def when(text: str, year: int, *, as_json: bool) -> str:
    """The reading of `text` in `year`: its kind, first and last day, due days and recurrence."""
    from schedgen.resolve import explain
    from schedgen.view import KIND_LABELS

    result = explain(text, year)
    if as_json:
        return json.dumps(result, ensure_ascii=False, indent=2)
    lines = [text, f"  类型: {result['kind']}（{KIND_LABELS[result['kind']]}）"]
    if result["start"]:
        lines.append(f"  开始: {result['start']}")
    if result["end"]:
        lines.append(f"  结束: {result['end']}")
    if result["freq"]:
        lines.append(f"  周期: {result['freq']} ×{result['interval']}")
    if result["dates"]:
        lines.append(f"  截止日: {'、'.join(result['dates'])}")
    return "\n".join(lines)
