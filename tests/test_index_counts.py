"""The site's index counts a plan's items as the plan's own page does (issue 13: 35 overdue against 22)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import SCHEDULES, run


def counted(html: str) -> dict[str, int]:
    return {label: int(n) for label, n in re.findall(r"<span[^>]*>([^<>\s]+) <b>(\d+)</b></span>", html)}


@pytest.mark.parametrize("as_of", ["2024-05-01", "2024-12-01"])
def test_index_and_page_count_the_same_rows(tmp_path: Path, as_of: str) -> None:
    out = tmp_path / "out"
    plan = str(SCHEDULES / "haidong-2024.yaml")
    assert run("build", plan, "-o", str(out), "--only", "html", "--as-of", as_of).exit_code == 0
    page = (out / "haidong-2024" / "index.html").read_text(encoding="utf-8")
    index = (out / "index.html").read_text(encoding="utf-8")
    card = index.split('<article class="plan">')[1].split("</article>")[0]
    on_page = counted(page.split('<p class="counts">')[1].split("</p>")[0])
    assert counted(card) == on_page
    assert on_page.get("逾期", 0) == page.count('class="row no overdue"')
