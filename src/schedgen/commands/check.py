"""`schedgen check`: every schedule validated, each expression shown beside its resolved dates."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from schedgen.model import Timeline
from schedgen.plans import timelines


@dataclass(frozen=True)
class CheckResult:
    """The report to print and how many findings it holds."""

    text: str
    findings: int


def check(paths: Sequence[Path], *, year: int | None, holidays: bool, as_json: bool) -> CheckResult:
    """Load and resolve every schedule under `paths`; the check report as text or JSON."""
    from schedgen.export.check import check_items, check_text

    resolved = with_org_aliases(timelines(paths, year=year, holidays=holidays))
    text = json.dumps(check_items(resolved), ensure_ascii=False, indent=2) if as_json else check_text(resolved)
    return CheckResult(text, sum(len(t.findings) for t in resolved))


def with_org_aliases(resolved: list[Timeline]) -> list[Timeline]:
    """The timelines with what `units.org_alias_findings` says of the names plans of one org write apart."""
    from schedgen.units import org_alias_findings

    found = org_alias_findings(resolved)
    if not found:
        return resolved
    return [
        replace(
            t,
            items=tuple(
                replace(i, findings=i.findings + found[(t.schedule.id, i.task.id)])
                if (t.schedule.id, i.task.id) in found
                else i
                for i in t.items
            ),
        )
        for t in resolved
    ]
