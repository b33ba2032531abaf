"""`schedgen check`: every schedule validated, each expression shown beside its resolved dates."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from schedgen.plans import timelines


@dataclass(frozen=True)
class CheckResult:
    """The report to print and how many findings it holds."""

    text: str
    findings: int


def check(paths: Sequence[Path], *, year: int | None, holidays: bool, as_json: bool) -> CheckResult:
    """Load and resolve every schedule under `paths`; the check report as text or JSON."""
    from schedgen.export.check import check_items, check_text

    resolved = timelines(paths, year=year, holidays=holidays)
    text = json.dumps(check_items(resolved), ensure_ascii=False, indent=2) if as_json else check_text(resolved)
    return CheckResult(text, sum(len(t.findings) for t in resolved))
