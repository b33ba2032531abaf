"""The review page a draft writes beside it (issue 21, item 5), in Debian's headless Chromium as
tests/test_browser.py drives it: times read are highlighted and jump to their tasks, times not read say
why, sentences that gave no task are grey, and the document's text is only ever text."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from .conftest import run

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
NOTICE = (
    "关于报送<script>alert(1)</script>工作方案的通知\n"
    "各县区：\n"
    "为加强管理，现将有关事项通知如下。\n"
    "各县区要于8月20日前报送<img src=x onerror=alert(2)>工作方案。\n"
    "明年底前全面完成改造任务。\n"
    "我局将在4月28日左右进行验收。\n"
    "市农业农村局要于每月5日前报送上月进展。\n"
    "\n"
    "2024年3月1日\n"
)


@pytest.fixture(scope="module")
def review(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    folder = tmp_path_factory.mktemp("review")
    source = folder / "通知.txt"
    source.write_text(NOTICE, encoding="utf-8")
    result = run("extract", str(source), "-o", str(folder / "draft.yaml"))
    assert result.exit_code == 0, result.stderr
    assert f"wrote {folder / 'draft.review.html'}" in result.output
    return folder / "draft.review.html", yaml.safe_load((folder / "draft.yaml").read_text(encoding="utf-8"))


def test_every_draft_writes_its_review_page_beside_it(review: tuple[Path, dict[str, object]]) -> None:
    page, _ = review
    html = page.read_text(encoding="utf-8")
    assert page.is_file() and "核对草稿" in html
    # the document's text is escaped, never markup; nothing is fetched (no script at all, fonts inline)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script" not in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html and "<img" not in html
    assert "default-src 'none'" in html and "http" not in html.split("</style>", 1)[1]


browser_only = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("SCHEDGEN_REQUIRE_BROWSER"),
    reason="needs Debian's chromium (apt install chromium); .ci/run installs it",
)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield instance
        instance.close()


@browser_only
def test_the_review_page_links_each_time_read_to_its_task(browser, review) -> None:  # type: ignore[no-untyped-def]
    path, document = review
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    requests: list[str] = []
    dialogs: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(path.as_uri())
    times = page.locator("a.time")
    # 明年 is read against the notice's date (2024-03-01): a task of 2025
    assert times.all_inner_texts() == ["8月20日前", "明年底前", "每月5日前"]
    tasks = {str(t["when"]): str(t["id"]) for t in document["tasks"]}  # type: ignore[attr-defined]
    assert "2025年底前" in tasks
    times.first.click()
    assert page.evaluate("location.hash") == f"#task-{tasks['8月20日前']}"
    target = page.locator(":target")
    assert "截止 2024-08-20" in target.inner_text() and "各县区要于8月20日前报送" in target.inner_text()
    assert target.is_visible()
    # and back from the task to the words it was drafted from
    target.get_by_text("回到原文").click()
    assert page.locator(":target").inner_text() == "8月20日前"
    # a time not read says why, beside it; a sentence that gave no task is grey
    unread = page.locator("mark.unread")
    assert unread.inner_text() == "4月28日"  # the part read; the reason names the whole
    assert "“4月28日左右”不是确定的日期" in page.locator(".why").first.inner_text()
    idle = page.locator("span.idle", has_text="为加强管理")
    assert idle.count() == 1
    assert idle.evaluate("e => getComputedStyle(e).color") != times.first.evaluate("e => getComputedStyle(e).color")
    # hostile text shows as text: no dialog ran, no image was made, nothing was fetched
    assert page.get_by_text("<script>alert(1)</script>", exact=False).count() >= 1
    assert page.locator("img").count() == 0 and page.locator("script").count() == 0
    assert dialogs == [] and requests == [path.as_uri()]
    page.close()
