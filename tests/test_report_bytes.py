"""The report's text formats written fast, to the byte of what their plain definitions write."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from schedgen.export.report import report_json
from schedgen.plans import timelines
from schedgen.view import milestones

from .conftest import SCHEDULES

# the plan of hostile text bench/same_reports.py compares reports on
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from same_reports import HOSTILE

AS_OF = date(2024, 5, 1)


def test_json_is_what_pythons_own_encoder_writes_with_an_indent_of_two(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text(HOSTILE, encoding="utf-8")
    rows = milestones(timelines([SCHEDULES, hostile]), AS_OF, 14)
    assert {r.task.id for r in rows if r.schedule.path == str(hostile)} == {"t1", "t2", "t3", "t4"}
    assert any(r.task.done for r in rows)  # a done day written out
    for chosen in (rows, rows[:1], []):
        items = [
            {
                "schedule": r.schedule.id,
                "id": r.task.id,
                "stage": r.task.stage,
                "task": r.task.task,
                "when": r.task.when,
                "due": r.due.isoformat(),
                "state": r.state.value,
                "lead": list(r.task.lead),
                "support": list(r.task.support),
                "units": list(r.task.units),
                "status": r.task.status.value,
                "done": r.task.done.isoformat() if r.task.done else None,
                "notes": r.task.notes,
            }
            for r in chosen
        ]
        for scope in ({}, {"done_since": "2024-04-01", "not_listed": {"in_progress": 40, "upcoming": 95}}):
            head = {"as_of": "2024-05-01", **scope}
            expected = json.dumps({**head, "items": items}, ensure_ascii=False, indent=2) + "\n"
            assert report_json(chosen, AS_OF, scope) == expected
            assert json.loads(report_json(chosen, AS_OF, scope))["items"] == items
