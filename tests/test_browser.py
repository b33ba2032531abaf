"""The interactive page in a real browser (Debian's headless Chromium, installed by .ci/run)."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import SCHEDULES, run

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("SCHEDGEN_REQUIRE_BROWSER"),
    reason="needs Debian's chromium (apt install chromium); .ci/run installs it",
)
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("browser")
    shutil.copytree(SCHEDULES, root / "schedules")
    (root / "schedules" / "evil.yaml").write_text(
        "title: 测试\nyear: 2023\ntasks:\n  - id: x\n    when: 5月10日前\n    task: '<script>alert(1)</script>'\n"
        "    units: '<img src=x onerror=alert(2)>'\n    notes: '</script><script>alert(3)</script>'\n",
        encoding="utf-8",
    )
    result = run(
        "build", str(root / "schedules"), "-o", str(root / "output"), "--as-of", "2023-03-06", "--only", "html,ics"
    )
    assert result.exit_code == 0, result.stderr
    return root / "output"


def open_page(browser, path: Path):  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    requests: list[str] = []
    dialogs: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_selector("#shown:has-text('显示')")
    return page, requests, dialogs, errors


def visible_tasks(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.eval_on_selector_all(".gantt .task:not([hidden])", "els => els.map(e => e.textContent)")


def test_anqiu_page_rows_stages_and_no_network(browser, site: Path) -> None:  # type: ignore[no-untyped-def]
    page, requests, dialogs, errors = open_page(browser, site / "anqiu-eco-farm" / "index.html")
    assert len(visible_tasks(page)) == 22  # the table has 22 rows
    assert page.locator(".gantt .stage:not([hidden])").count() == 3
    assert page.text_content("#shown") == "显示 22 / 22 项"
    assert requests == [(site / "anqiu-eco-farm" / "index.html").as_uri()]
    assert dialogs == [] and errors == []
    page.close()


def test_unit_filter_leaves_only_its_rows(browser, site: Path) -> None:  # type: ignore[no-untyped-def]
    page, *_ = open_page(browser, site / "anqiu-eco-farm" / "index.html")
    page.select_option("#unit", "市财政局")
    tasks = visible_tasks(page)
    assert len(tasks) == 3
    assert tasks[0].startswith("开辟绿色贷款通道") and tasks[2].startswith("对发展质量高、带动能力强")
    assert page.locator(".gantt .stage:not([hidden])").count() == 2  # 实施推进阶段 and 总结验收阶段
    page.select_option("#unit", "")
    page.fill("#search", "评选")
    assert len(visible_tasks(page)) == 4
    float(page.evaluate("document.body.dataset.filterMs"))
    page.close()


def test_detail_panel_shows_the_expression_as_written(browser, site: Path) -> None:  # type: ignore[no-untyped-def]
    page, *_ = open_page(browser, site / "anqiu-eco-farm" / "index.html")
    assert page.is_hidden("#detail")
    page.click("#lane-honours")
    assert page.is_visible("#detail")
    text = page.text_content("#detail")
    assert "11月1日至12月25日前" in text and "2023-11-01 至 2023-12-25" in text
    assert "市财政局" in text and "责任单位" in text
    page.keyboard.press("Escape")
    assert page.is_hidden("#detail")
    page.close()


def test_hostile_text_is_shown_and_runs_nothing(browser, site: Path) -> None:  # type: ignore[no-untyped-def]
    page, requests, dialogs, errors = open_page(browser, site / "evil" / "index.html")
    assert visible_tasks(page) == ["<script>alert(1)</script>"]
    page.click(".gantt .task")
    assert "</script><script>alert(3)</script>" in page.text_content("#detail")
    page.wait_for_timeout(200)
    assert dialogs == [] and errors == []
    assert all(url.startswith("file://") for url in requests)
    page.close()


def test_usable_on_a_phone(browser, site: Path) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    page.goto((site / "haidong-2024" / "index.html").as_uri())
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400  # no sideways scrolling
    assert page.is_hidden(".gantt .col-units >> nth=0")
    page.click("#lane-progress-reports")
    box = page.locator("#detail").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    page.close()


def plan_of(count: int) -> str:
    """A plan of `count` tasks in stages of 1,000; every fifth of the first hundred has a span, a lead and a
    supporting unit, a note and a status, the last of 10,000 has text that tries to close the page's script."""
    lines = ["title: 万项计划", "year: 2024", "stages:"]
    for n in range(count):
        if n % 1000 == 0:
            lines += [f"  - name: 第{n // 1000 + 1}阶段", "    tasks:"]
        task = "'</script><script>alert(1)</script>'" if n == 9_999 else f"第{n}项重点任务：完善工作机制"
        unit = f"单位{n % 300:03d}局"
        if n < 100 and n % 5 == 0:
            done = ", status: done, done: 2024-03-05" if n % 10 == 0 else ""
            lines += [
                f"      - {{id: t{n}, when: 3月{n % 28 + 1}日至4月30日, task: {task}, lead: {unit},"
                f" support: [配合单位甲, 配合单位乙], notes: 第{n}项的备注{done}}}"
            ]
        else:
            lines += [f"      - {{id: t{n}, when: 3月{n % 28 + 1}日前, task: {task}, units: {unit}}}"]
    return "\n".join(lines) + "\n"


def built_page(root: Path, count: int) -> Path:
    (root / "schedules").mkdir()
    (root / "schedules" / "plan.yaml").write_text(plan_of(count), encoding="utf-8")
    result = run(
        "build", str(root / "schedules"), "-o", str(root / "output"), "--as-of", "2024-03-10", "--only", "html"
    )
    assert result.exit_code == 0, result.stderr
    return root / "output" / "plan" / "index.html"


@pytest.fixture(scope="module")
def large_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_page(tmp_path_factory.mktemp("large"), 10_000)


@pytest.fixture(scope="module")
def small_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first 400 tasks of the large plan: few enough for the page of markup rows."""
    return built_page(tmp_path_factory.mktemp("small"), 400)


# Marks every task cell the page draws so that the browser reports when it was painted (Element
# Timing); added by the test, so the page carries nothing that only a measurement needs.
MARK_ROWS = """
new MutationObserver(changes => changes.forEach(change => change.addedNodes.forEach(node => {
  if (node.nodeType !== 1) { return; }
  (node.matches(".row.task") ? [node] : node.querySelectorAll(".row.task")).forEach(
    task => task.setAttribute("elementtiming", "rows"));
}))).observe(document, {childList: true, subtree: true});
"""
FIRST_ROWS_PAINTED = """() => new Promise(resolve => {
  new PerformanceObserver(list => resolve(Math.min(...list.getEntries().map(e => e.renderTime || e.loadTime))))
    .observe({type: "element", buffered: true});
  setTimeout(() => resolve(null), 5000);
})"""


def time_to_first_rows(browser, path: Path) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Seconds from navigation to the first rows painted, and to the page's load event."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.add_init_script(MARK_ROWS)
    page.goto(path.as_uri())
    page.wait_for_selector("#shown:has-text('显示')")
    painted = page.evaluate(FIRST_ROWS_PAINTED)
    loaded = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
    page.close()
    assert painted is not None, "no task row was painted"
    return painted / 1000, loaded / 1000


def test_a_10000_task_page_opens_within_a_second(browser, large_page: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    import statistics

    weight = large_page.stat().st_size
    opens = [time_to_first_rows(browser, large_page) for _ in range(3)]
    painted = statistics.median(p for p, _ in opens)
    with capsys.disabled():  # the issue asks for the figures in every run
        print(  # noqa: T201
            f"\n10,000-task page ({weight / 1e6:.2f} MB): first rows painted in {painted:.2f} s (median of "
            + ", ".join(f"{p:.2f}" for p, _ in opens)
            + "; load event at "
            + ", ".join(f"{loaded:.2f}" for _, loaded in opens)
            + " s)"
        )
    assert weight < 1_500_000  # what a reader downloads and the browser parses before the first row
    assert painted < 1.0


def test_a_10000_task_page_draws_the_rows_in_view_and_prints_them_all(browser, large_page: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    import statistics

    page, requests, dialogs, errors = open_page(browser, large_page)
    assert page.text_content("#shown") == "显示 10000 / 10000 项"
    assert 10 < len(visible_tasks(page)) < 200  # only the rows in view are in the document
    timings = []
    for unit in ("单位007局", "单位123局", "单位299局"):
        page.select_option("#unit", unit)
        timings.append(float(page.evaluate("document.body.dataset.filterMs")))
        tasks = visible_tasks(page)
        assert page.text_content("#shown") in ("显示 33 / 10000 项", "显示 34 / 10000 项")
        assert tasks and all(t.startswith("第") for t in tasks[:3])
    page.select_option("#unit", "")
    page.fill("#search", "alert")
    timings.append(float(page.evaluate("document.body.dataset.filterMs")))
    assert visible_tasks(page) == ["</script><script>alert(1)</script>"]
    page.click(".gantt .task")
    assert "</script><script>alert(1)</script>" in page.text_content("#detail")
    page.fill("#search", "")
    page.mouse.wheel(0, 120_000)
    page.wait_for_timeout(300)
    assert not any(t == "第0项重点任务：完善工作机制" for t in visible_tasks(page))
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert len(visible_tasks(page)) == 10_000  # printing prints every row
    assert dialogs == [] and errors == [] and requests == [large_page.as_uri()]
    with capsys.disabled():  # the issue asks for the figures in every run
        print(f"\n10,000-task page: filtered in {max(timings):.1f} ms at most (" + ", ".join(map(str, timings)) + ")")  # noqa: T201
    assert statistics.median(timings) < 50  # one slow filter on a busy machine is no failure
    page.close()


ROW_AS_SHOWN = """i => [...document.querySelectorAll(`.gantt [data-i="${i}"]`)].map(c => [
  c.className, c.id, c.textContent,
  [...c.querySelectorAll(".mark, .asof")].map(m => [m.className, m.style.left, m.style.width, m.title, m.dataset.date]),
])"""


def test_a_large_page_shows_each_task_as_the_page_of_a_small_plan_does(  # type: ignore[no-untyped-def]
    browser, large_page: Path, small_page: Path
) -> None:
    large, *_ = open_page(browser, large_page)
    small, *_ = open_page(browser, small_page)
    assert large.evaluate("document.querySelector('.gantt.virtual') !== null")
    assert small.evaluate("document.querySelector('.gantt.virtual') === null")
    for i in (0, 1, 5, 7, 10, 30, 399):
        small.locator(f"#lane-t{i}").scroll_into_view_if_needed()
        large.fill("#search", f"第{i}项重点任务")  # brings the row into view on the large page
        shown = small.evaluate(ROW_AS_SHOWN, i)
        assert len(shown) == 5 and shown[4][3]  # the row's five cells, a mark on its lane
        assert large.evaluate(ROW_AS_SHOWN, i) == shown, i
        small.click(f"#lane-t{i}")
        large.click(f"#lane-t{i}")
        assert large.inner_text("#detail") == small.inner_text("#detail"), i
    large.fill("#search", "第10项重点任务")
    large.click("#lane-t10")
    assert all(text in large.text_content("#detail") for text in ("第10项的备注", "牵头单位", "配合单位乙", "已完成"))
    large.fill("#search", "")
    large.select_option("#stage", "第1阶段")
    assert large.text_content("#shown") == "显示 1000 / 10000 项"
    large.select_option("#unit", "配合单位乙")
    assert large.text_content("#shown") == "显示 20 / 10000 项"
    large.close()
    small.close()


def test_a_year_label_on_the_page_is_centred_on_its_year(browser, site: Path) -> None:  # type: ignore[no-untyped-def]
    page, *_ = open_page(browser, site / "shuozhou-2022" / "index.html")
    page.set_viewport_size({"width": 2400, "height": 900})  # wide enough that a year is wider than its name
    ticks = page.eval_on_selector_all(
        ".axis .tick",
        """els => els.map(e => {
            const t = e.querySelector('span').getBoundingClientRect();
            return [e.textContent, e.getBoundingClientRect().left, (t.left + t.right) / 2];
        })""",
    )
    lines = {label: left for label, left, _ in ticks}
    centres = {label: centre for label, _, centre in ticks}
    year = lines["2026年"] - lines["2025年"]
    for label in ("2024年", "2025年", "2030年"):
        following = f"{int(label[:4]) + 1}年"
        assert centres[label] == pytest.approx((lines[label] + lines[following]) / 2, abs=year / 10), label
    page.close()


def anqiu_rows() -> list[tuple[str, str, str, str]]:
    """Each Anqiu task as its page lists it: id, task, units (lead first) and time as written."""
    from datetime import date

    from schedgen.plans import timelines
    from schedgen.view import TaskRow, chart

    (timeline,) = timelines([SCHEDULES / "anqiu-eco-farm.yaml"])
    rows = [row for row in chart(timeline, date(2023, 3, 6)).rows if isinstance(row, TaskRow)]
    return [(row.task.id, row.task.task, "、".join(row.units), row.task.when) for row in rows]


def printed_pages(browser, path: Path, **paper: object) -> list[Sheet]:  # type: ignore[no-untyped-def]
    """The page printed to PDF by Chromium as Ctrl+P prints it, read back sheet by sheet."""
    import pypdfium2

    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(path.as_uri())
    page.wait_for_selector("#shown:has-text('显示')")
    pdf = pypdfium2.PdfDocument(page.pdf(print_background=True, **paper))
    page.close()
    return [Sheet(sheet) for sheet in pdf]


class Sheet:
    """A printed sheet: its size, its text with every space and line break taken out (a cell's text breaks
    into lines wherever its column ends), and where a text stands on it."""

    def __init__(self, sheet) -> None:  # type: ignore[no-untyped-def]
        self.width, self.height = sheet.get_size()
        self.page = sheet.get_textpage()
        self.text = re.sub(r"\s+", "", self.page.get_text_range())

    def boxes(self, text: str) -> list[tuple[float, float, float, float]]:
        """Each occurrence of `text` as top, bottom (below the top of the sheet), left and right."""
        found, searcher = [], self.page.search(text, match_case=True)
        while (hit := searcher.get_next()) is not None:
            first, last = self.page.get_charbox(hit[0]), self.page.get_charbox(hit[0] + hit[1] - 1)
            found.append(
                (self.height - max(first[3], last[3]), self.height - min(first[1], last[1]), first[0], last[2])
            )
        return found

    def tops(self, text: str) -> list[float]:
        """How far below the top of the sheet each occurrence of `text` starts."""
        found, searcher = [], self.page.search(text, match_case=True)
        while (hit := searcher.get_next()) is not None:
            found.append(self.height - self.page.get_charbox(hit[0])[3])
        return found


def in_order(text: str, parts: list[str]) -> bool:
    at = 0
    for part in parts:
        at = text.find(re.sub(r"\s+", "", part), at)
        if at < 0:
            return False
    return True


@pytest.mark.parametrize(
    "paper",
    [
        {"prefer_css_page_size": True},  # Chromium's Ctrl+P: the page's own @page size
        {"format": "A4", "landscape": False},  # a browser that prints on A4 portrait whatever the page asks
    ],
    ids=["page-size", "a4-portrait"],
)
def test_printing_the_anqiu_page_keeps_every_task_with_its_units_and_time(browser, site: Path, paper) -> None:  # type: ignore[no-untyped-def]
    sheets = printed_pages(browser, site / "anqiu-eco-farm" / "index.html", **paper)
    if paper.get("prefer_css_page_size"):
        assert all(sheet.width > sheet.height for sheet in sheets)  # landscape, as the PDF chart
        # the ids `done` asks for stay on the screen: the printed table is the 配档表 as issued
        assert not any(task_id in sheet.text for task_id, *_ in anqiu_rows() for sheet in sheets)
    text = "".join(sheet.text for sheet in sheets)
    rows = anqiu_rows()
    assert len(rows) == 22
    for _, task, units, when in rows:
        # each row reads across as the table does: the task, then its units, then its time
        assert in_order(text, [task, units, when]), task
    for n, sheet in enumerate(sheets):
        # the header row on every sheet, above its first task: the column names and the axis's months
        first = min(top for _, task, _, _ in rows for top in sheet.tops(task[:8]))
        for label in ("重点任务", "责任单位", "时间", "2月", "12月"):
            assert sheet.tops(label) and min(sheet.tops(label)) < first, (n, label)


def test_printed_axis_lines_stay_in_the_header(browser, site: Path) -> None:  # type: ignore[no-untyped-def]
    page, *_ = open_page(browser, site / "anqiu-eco-farm" / "index.html")
    page.emulate_media(media="print")
    boxes = page.eval_on_selector_all(
        ".axis, .axis .tick",
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.top, r.bottom]; })",
    )
    (top, bottom), ticks = boxes[0], boxes[1:]
    assert ticks and all(top - 1 <= t and b <= bottom + 1 for t, b in ticks)  # no line runs through the rows
    page.close()


PHONE_SEEDS = ["anqiu-eco-farm", "baicheng-2021", "haidong-2024", "miyun-2024", "shuozhou-2022"]


@pytest.mark.parametrize("sid", PHONE_SEEDS)
def test_on_a_phone_units_and_time_stack_and_axis_labels_never_overlap(browser, site: Path, sid: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    page.goto((site / sid / "index.html").as_uri())
    page.wait_for_selector("#shown:has-text('显示')")
    assert page.evaluate("document.documentElement.scrollWidth") <= 400  # no sideways scrolling
    cells = page.eval_on_selector_all(
        ".gantt .row.task",
        """els => els.map(task => {
            const i = task.dataset.i, box = e => e.getBoundingClientRect();
            const units = document.querySelector(`.gantt .units[data-i="${i}"]`);
            const when = document.querySelector(`.gantt .when[data-i="${i}"]`);
            const seen = e => getComputedStyle(e).display !== "none" && getComputedStyle(e).visibility !== "hidden";
            return {task: [box(task).left, box(task).bottom], text: units.textContent, when: when.textContent,
                    units: [box(units).left, box(units).top, box(units).width, box(units).height, box(units).right,
                            seen(units)],
                    time: [box(when).top, box(when).width, box(when).height, box(when).right, seen(when)]};
        })""",
    )
    assert cells
    for cell in cells:
        left, top, width, height, right, seen = cell["units"]
        if cell["text"]:  # a task that names no unit has none to show
            assert seen and width > 0 and height > 0 and right <= 390, cell
            assert top >= cell["task"][1] - 1 and abs(left - cell["task"][0]) < 2, cell  # stacked under the task
        t_top, t_width, t_height, t_right, t_seen = cell["time"]
        assert t_seen and t_width > 0 and t_height > 0 and t_right <= 390 and t_top >= cell["task"][1] - 1, cell
        assert not cell["text"] or t_top >= top, cell
    labels = page.eval_on_selector_all(
        ".axis .tick > span",
        """els => els.filter(e => getComputedStyle(e).visibility !== "hidden" && e.getClientRects().length)
                     .map(e => { const r = e.getBoundingClientRect();
                                 return [e.textContent, r.left, r.top, r.right, r.bottom]; })""",
    )
    assert len({label for label, *_ in labels}) >= 3  # the axis still names its years or months
    for n, (a, *ra) in enumerate(labels):
        for b, *rb in labels[n + 1 :]:
            apart = ra[2] <= rb[0] or rb[2] <= ra[0] or ra[3] <= rb[1] or rb[3] <= ra[1]
            assert apart, (a, ra, b, rb)
    page.close()


def test_the_page_shows_each_task_id_that_done_asks_for(browser, site: Path) -> None:  # type: ignore[no-untyped-def]
    page, *_ = open_page(browser, site / "anqiu-eco-farm" / "index.html")
    page.click("#lane-honours")
    shown = page.eval_on_selector_all(
        "#detail dt", "els => els.map(e => [e.textContent, e.nextElementSibling.textContent])"
    )
    assert ["任务编号", "honours"] in shown
    font = page.eval_on_selector("#detail dd.id", "e => getComputedStyle(e).fontFamily")
    assert "mono" in font.lower()
    # pointing at a row names its id too
    titles = page.eval_on_selector_all(".gantt .row.task", "els => els.map(e => e.closest('[title]').title)")
    assert len(titles) == 22 and all(title.startswith("任务编号 ") for title in titles)
    assert [title.split()[-1] for title in titles] == [task_id for task_id, *_ in anqiu_rows()]
    page.close()


def test_overdue_counts_on_the_index_are_red(browser, site: Path) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.goto((site / "index.html").as_uri())
    colours = page.eval_on_selector_all(
        ".plan .counts span",
        "els => els.map(e => [e.textContent.split(' ')[0], getComputedStyle(e.querySelector('b')).color])",
    )
    overdue = [colour for label, colour in colours if label == "逾期"]
    assert overdue and all(colour == "rgb(214, 69, 65)" for colour in overdue)  # --overdue, as on each page
    assert all(colour != "rgb(214, 69, 65)" for label, colour in colours if label != "逾期")
    page.close()


@pytest.mark.parametrize("sid", ["shuozhou-2022", "anqiu-eco-farm", "haidong-2024"])
@pytest.mark.parametrize("landscape", [True, False], ids=["landscape", "portrait"])
def test_printed_axis_labels_never_overlap(browser, site: Path, sid: str, landscape: bool) -> None:  # type: ignore[no-untyped-def]
    paper = {"prefer_css_page_size": True} if landscape else {"format": "A4", "landscape": False}
    sheet = printed_pages(browser, site / sid / "index.html", **paper)[0]
    header = min(top for top, *_ in sheet.boxes("重点任务"))
    found = [
        (text, *box)
        for text in [f"{year}年" for year in range(2020, 2040)] + [f"{month}月" for month in range(1, 13)]
        for box in sheet.boxes(text)
        if abs(box[0] - header) < 30
    ]
    # "1月" is also found inside "11月": a label is what no longer label holds
    labels = [
        (text, *box)
        for text, *box in found
        if not any(o != text and o.endswith(text) and ob[2] <= box[2] and box[3] <= ob[3] for o, *ob in found)
    ]
    assert len({text for text, *_ in labels}) >= 3, labels
    for n, (a, *ra) in enumerate(labels):
        for b, *rb in labels[n + 1 :]:
            # top, bottom, left, right: apart across or apart down
            assert ra[3] <= rb[2] or rb[3] <= ra[2] or ra[1] <= rb[0] or rb[1] <= ra[0], (a, ra, b, rb)


def test_the_axis_stays_in_view_as_the_table_scrolls(browser, site: Path) -> None:  # type: ignore[no-untyped-def]
    page, *_ = open_page(browser, site / "anqiu-eco-farm" / "index.html")
    page.mouse.wheel(0, 1200)
    page.wait_for_timeout(300)
    heads = page.eval_on_selector_all(".gantt .head", "els => els.map(e => e.getBoundingClientRect().top)")
    assert len(heads) == 5 and all(abs(top) < 1 for top in heads)  # the axis with the column names
    page.close()


def test_a_10000_task_page_on_a_phone_draws_the_rows_in_view_with_their_units(browser, large_page: Path) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    page.goto(large_page.as_uri())
    page.wait_for_selector("#shown:has-text('显示')")
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight / 2)")
    page.wait_for_timeout(400)
    rows = page.eval_on_selector_all(
        ".gantt .row.task",
        """els => els.map(task => {
            const units = document.querySelector(`.gantt .units[data-i="${task.dataset.i}"]`).getBoundingClientRect();
            const r = task.getBoundingClientRect();
            return [task.textContent, r.top, r.bottom, units.top, units.height, units.right];
        }).filter(([, top, bottom]) => bottom > 0 && top < 844)""",
    )
    assert len(rows) >= 8  # the screen is full of rows, three lines each
    numbers = [int(text[1:].split("项")[0]) for text, *_ in rows]
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))
    assert 4_000 < numbers[0] < 6_000  # halfway down the page is halfway down the plan
    for _, _, bottom, units_top, units_height, units_right in rows:
        assert units_top >= bottom - 1 and units_height > 0 and units_right <= 390
    page.close()
