"""`schedgen when`: how one time expression is read."""

from __future__ import annotations

import json
from datetime import date


def when(text: str, year: int | None, *, today: date, as_json: bool) -> str:
    """The reading of `text` in `year` (none given: this year, and it says so): kind, days, recurrence."""
    from schedgen.errors import visible
    from schedgen.resolve import explain
    from schedgen.view import KIND_LABELS

    result = explain(text, year, today=today)
    if as_json:
        return json.dumps(result, ensure_ascii=False, indent=2)
    lines = [text, f"  类型: {result['kind']}（{KIND_LABELS[result['kind']]}）"]
    if "read" in result:
        lines.append(f"  读取: {result['read']}（其余文字不是时间，已略去）")
    if result["start"]:
        lines.append(f"  开始: {result['start']}")
    if result["end"]:
        lines.append(f"  结束: {result['end']}")
    if "at" in result:
        lines.append(f"  时间: {result['at']}")
    if result["freq"]:
        lines.append(f"  周期: {result['freq']} ×{result['interval']}")
    if result["dates"]:
        lines.append(f"  截止日: {'、'.join(result['dates'])}")
    if result["year_source"] == "assumed":
        lines.append(f"  年份: 未注明，按{result['year']}年计（用 --year 指定）")
    return visible("\n".join(lines))
