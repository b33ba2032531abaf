"""`schedgen serve` as a clerk uses it: save, look at the page, make a mistake, fix it."""

from __future__ import annotations

import http.client
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from schedgen.commands.serve import serve

PLAN = "title: {title}\nyear: 2024\ntasks:\n  - {{id: a, when: {when}, task: {task}, units: 市财政局}}\n"
Get = Callable[..., tuple[int, dict[str, str], str]]


PREVIEW_URL: list[str] = []
"""The address of the preview the fixture started, for a browser to open."""


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[Path, Get, list[str]]]:
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "one.yaml").write_text(PLAN.format(title="甲计划", when="3月1日前", task="第一版任务"), "utf-8")
    (plans / "two.yaml").write_text(PLAN.format(title="乙计划", when="5月1日前", task="不变的任务"), "utf-8")
    stop, ready, log = threading.Event(), threading.Event(), []
    where: list[str] = []

    def started(url: str) -> None:
        where.append(url)
        ready.set()

    clock = (datetime(2024, 1, 2, tzinfo=timezone.utc), date(2024, 1, 2))
    options = {"host": "127.0.0.1", "port": 0, "base_url": None, "year": None}
    thread = threading.Thread(
        target=serve,
        args=([plans], tmp_path / "out"),
        kwargs={**options, "clock": lambda: clock, "report": log.append, "ready": started, "stop": stop},
        daemon=True,
    )
    thread.start()
    assert ready.wait(120), log
    host, port = where[0].removeprefix("http://").rstrip("/").split(":")
    PREVIEW_URL[:] = [where[0]]

    def get(path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
        connection = http.client.HTTPConnection(host, int(port), timeout=10)
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        body = response.read().decode("utf-8", "replace")
        connection.close()
        return response.status, dict(response.getheaders()), body

    yield plans, get, log
    stop.set()
    thread.join(30)


def eventually(check: Callable[[], bool], log: list[str], seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "the served site never showed the change; serve said:\n" + "\n".join(log)
        time.sleep(0.1)


def test_an_edit_is_published_and_untouched_feeds_answer_304(preview: tuple[Path, Get, list[str]]) -> None:
    plans, get, log = preview
    status, headers, _ = get("/two/two.ics")
    assert status == 200
    plans.joinpath("one.yaml").write_text(PLAN.format(title="甲计划", when="3月2日前", task="第二版任务"), "utf-8")
    eventually(lambda: "第二版任务" in get("/one/")[2], log)
    status, _, _ = get("/two/two.ics", {"If-Modified-Since": headers["Last-Modified"]})
    assert status == 304  # the other plan's feed kept its time: no subscriber downloads it again


def test_a_saved_plans_page_is_shown_before_the_rest_of_the_site_is_rebuilt(
    preview: tuple[Path, Get, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # the clerk looks at the page of the plan they saved: on a province the rest of a rebuild (30,000 feeds
    # taken again, the index, the records) kept it waiting over a second
    from schedgen.commands import build as building

    plans, get, log = preview
    feeds_go_on = threading.Event()
    made = building.feeds

    def held_feeds(*args, **kwargs):  # type: ignore[no-untyped-def]
        assert feeds_go_on.wait(60)  # the feeds are made after the pages: held until the test has looked
        yield from made(*args, **kwargs)

    monkeypatch.setattr(building, "feeds", held_feeds)
    try:
        plans.joinpath("one.yaml").write_text(PLAN.format(title="甲计划", when="3月2日前", task="第二版任务"), "utf-8")
        eventually(lambda: "第二版任务" in get("/one/")[2], log, seconds=60)
        assert "第二版任务" not in get("/one/one.ics")[2]  # the rest of the site is still the last build's
    finally:
        feeds_go_on.set()
    eventually(lambda: "第二版任务" in get("/one/one.ics")[2], log)
    assert get("/one/")[2] == get("/one/index.html")[2] and not any("failed" in line for line in log), log


def test_a_new_plan_saved_while_serving_is_published_with_its_page(preview: tuple[Path, Get, list[str]]) -> None:
    # a plan's page is shown before the rest of the site: a new plan's must not be left in the served
    # folder as a stranger's file, which the rebuild then refuses to replace (and every rebuild after it)
    plans, get, log = preview
    plans.joinpath("three.yaml").write_text(PLAN.format(title="丙计划", when="4月1日前", task="新计划的任务"), "utf-8")
    eventually(lambda: "新计划的任务" in get("/three/three.ics")[2], log, seconds=60)
    assert "新计划的任务" in get("/three/")[2] and "丙计划" in get("/")[2]
    assert not any("failed" in line or "not written by schedgen" in line for line in log), log


def test_a_save_on_a_new_day_shows_early_only_the_saved_plans_page(tmp_path: Path) -> None:
    # the first save of a day renders every plan's page anew (each shows what is overdue that day): only the
    # saved plan's is shown before the rest of the site, or open pages reload once for each of a province's
    # 500 pages, and each page of the site is written twice
    import re

    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "one.yaml").write_text(PLAN.format(title="甲计划", when="3月1日前", task="第一版任务"), "utf-8")
    (plans / "two.yaml").write_text(PLAN.format(title="乙计划", when="5月1日前", task="不变的任务"), "utf-8")
    stop, ready, log, where = threading.Event(), threading.Event(), [], []
    day = [date(2024, 1, 2)]

    def started(url: str) -> None:
        where.append(url)
        ready.set()

    thread = threading.Thread(
        target=serve,
        args=([plans], tmp_path / "out"),
        kwargs={
            "host": "127.0.0.1",
            "port": 0,
            "base_url": None,
            "year": None,
            "clock": lambda: (datetime(2024, 1, 2, tzinfo=timezone.utc), day[0]),
            "report": log.append,
            "ready": started,
            "stop": stop,
        },
        daemon=True,
    )
    thread.start()
    try:
        assert ready.wait(120), log
        host, port = where[0].removeprefix("http://").rstrip("/").split(":")

        def site() -> int:
            connection = http.client.HTTPConnection(host, int(port), timeout=10)
            connection.request("GET", "/two/")
            page = connection.getresponse().read().decode("utf-8")
            connection.close()
            return int(re.findall(r'var shown = "[0-9a-f]+\.(\d+)"', page)[0])

        before = site()
        day[0] = date(2024, 1, 3)
        saved = tmp_path / "one.yaml"  # saved whole, by a rename: one save, one rebuild
        saved.write_text(PLAN.format(title="甲计划", when="3月2日前", task="第二版任务"), "utf-8")
        os.replace(saved, plans / "one.yaml")
        eventually(lambda: any("rebuilt after" in line for line in log), log, seconds=60)
        assert site() - before == 2, log  # the saved plan's page, then the whole site: two reloads
    finally:
        stop.set()
        thread.join(30)


def test_a_broken_save_keeps_the_last_good_site_and_says_so_on_the_page(
    preview: tuple[Path, Get, list[str]],
) -> None:
    plans, get, log = preview
    plans.joinpath("one.yaml").write_text(
        "title: 甲计划\nyear: 2024\ntasks:\n  - {id: a, when: 2月30日前, task: x}\n", "utf-8"
    )
    # the other plans publish; this one stays as last published, and its page says why
    eventually(lambda: "上次成功发布的版本" in get("/one/")[2], log)
    page = get("/one/")[2]
    # in Chinese, as everything on a page is, whatever the locale serve runs in
    assert "第一版任务" in page and "2月30日前" in page and "没有 30 日" in page
    eventually(lambda: "上次成功发布的版本" in get("/")[2], log)  # the index comes with the rest, after the page
    plans.joinpath("one.yaml").write_text(PLAN.format(title="甲计划", when="3月3日前", task="改好的任务"), "utf-8")
    eventually(lambda: "改好的任务" in (page := get("/one/")[2]) and "上次成功发布的版本" not in page, log)


def test_a_save_with_characters_outside_the_bmp_is_published_and_its_boxes_named(
    preview: tuple[Path, Get, list[str]],
) -> None:
    plans, get, log = preview
    plans.joinpath("one.yaml").write_text(PLAN.format(title="甲计划", when="3月2日前", task="吉𠮷野家😀"), "utf-8")
    eventually(lambda: "吉𠮷野家😀" in get("/one/")[2], log)
    eventually(lambda: any("cannot draw '😀'" in line for line in log), log)
    assert get("/one/gantt.svg")[0] == 200
    assert not any("failed" in line for line in log), log


def test_a_server_on_every_interface_links_to_the_machines_own_address(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    from schedgen.commands.serve import reachable

    found = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, 0)) for ip in ("127.0.1.1", "192.168.1.23")]
    monkeypatch.setattr(socket, "getaddrinfo", lambda *args, **kwargs: found)
    # 0.0.0.0 is no address a phone can open: the links and QR codes name this machine on its network
    assert reachable("0.0.0.0") == ("192.168.1.23", None)
    assert reachable("127.0.0.1") == ("127.0.0.1", None)
    monkeypatch.setattr(socket, "getaddrinfo", lambda *args, **kwargs: found[:1])
    address, hint = reachable("0.0.0.0")
    assert address == "127.0.0.1" and hint is not None and "--base-url" in hint


def test_an_open_page_reloads_after_a_save_and_only_then(preview: tuple[Path, Get, list[str]]) -> None:
    import re

    plans, get, log = preview
    status, _, page = get("/one/")
    assert status == 200
    # the page served asks the server which site it shows, and may: its own policy allows that one script
    (generation,) = re.findall(r'var shown = "([0-9a-f]+\.\d+)"', page)
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy is not None and "connect-src 'self'" in policy[1] and policy[1].count("script-src") == 1
    assert get("/.well-known/schedgen-site")[2] == generation
    assert get("/.well-known/schedgen-site")[2] == generation  # nothing saved: nothing to reload
    plans.joinpath("one.yaml").write_text(PLAN.format(title="甲计划", when="3月9日前", task="又一版"), "utf-8")
    eventually(lambda: get("/.well-known/schedgen-site")[2] != generation, log)
    assert "又一版" in get("/one/")[2]


@pytest.mark.skipif(
    shutil.which("chromium") is None and not os.environ.get("SCHEDGEN_REQUIRE_BROWSER"),
    reason="needs Debian's chromium (apt install chromium); .ci/run installs it",
)
def test_chromium_reloads_an_open_page_after_a_save(preview: tuple[Path, Get, list[str]]) -> None:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    from .test_browser import ARGS, CHROMIUM

    plans, _, log = preview
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page()
            blocked: list[str] = []
            page.on(
                "console", lambda message: blocked.append(message.text) if "Content Security" in message.text else None
            )
            asked: list[str] = []
            page.on("request", lambda request: asked.append(request.url) if "schedgen-site" in request.url else None)
            page.goto(f"{PREVIEW_URL[0]}one/")
            page.evaluate("window.unchanged = true")
            page.wait_for_timeout(3500)  # nothing saved: the page stays as it is
            assert page.evaluate("window.unchanged === true") and not blocked, blocked
            # its question is held by the server until a save is published, not asked again and again
            assert 1 <= len(asked) <= 2, asked
            plans.joinpath("one.yaml").write_text(
                PLAN.format(title="甲计划", when="3月9日前", task="浏览器里的新版"), "utf-8"
            )
            # polled from here: the page's policy forbids the eval a wait_for_function would need

            def unchanged() -> bool:
                try:
                    return bool(page.evaluate("window.unchanged === true"))
                except PlaywrightError:  # asked while it reloads (a save shows within 0.3 s now): not the same page
                    return False

            deadline = time.monotonic() + 30
            while unchanged() and time.monotonic() < deadline:
                page.wait_for_timeout(250)
            assert not unchanged(), log
            page.wait_for_selector("text=浏览器里的新版", timeout=10_000)
        finally:
            browser.close()


@pytest.mark.skipif(
    shutil.which("chromium") is None and not os.environ.get("SCHEDGEN_REQUIRE_BROWSER"),
    reason="needs Debian's chromium (apt install chromium); .ci/run installs it",
)
def test_a_tab_out_of_sight_holds_no_connection_and_reloads_when_it_comes_back(
    preview: tuple[Path, Get, list[str]],
) -> None:
    # a browser opens six connections to a server at most: six tabs each holding a question about the site
    # would leave a seventh tab none. A tab out of sight asks nothing; back in sight it asks at once.
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    from .test_browser import ARGS, CHROMIUM

    plans, get, log = preview
    hidden = (
        "window.outOfSight = true; Object.defineProperty(Document.prototype, 'hidden',"
        " {configurable: true, get: function () { return window.outOfSight === true; }});"
    )
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page()
            page.add_init_script(hidden)
            asked: list[str] = []
            page.on("request", lambda request: asked.append(request.url) if "schedgen-site" in request.url else None)
            page.goto(f"{PREVIEW_URL[0]}one/")
            page.evaluate("window.unchanged = true")
            plans.joinpath("one.yaml").write_text(
                PLAN.format(title="甲计划", when="3月9日前", task="看不见时的新版"), "utf-8"
            )
            generation = get("/.well-known/schedgen-site")[2]
            eventually(lambda: get("/.well-known/schedgen-site")[2] != generation, log)
            page.wait_for_timeout(1000)
            assert asked == [] and page.evaluate("window.unchanged === true")  # out of sight: not asked, not reloaded
            page.evaluate("window.outOfSight = false; document.dispatchEvent(new Event('visibilitychange'))")
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                try:
                    if not page.evaluate("window.unchanged === true"):
                        break
                except PlaywrightError:  # asked while it reloads
                    pass
                page.wait_for_timeout(100)
            page.wait_for_selector("text=看不见时的新版", timeout=10_000)
            assert len(asked) >= 1
        finally:
            browser.close()


def test_the_first_save_after_serve_starts_on_a_published_site_reads_only_the_saved_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a site published and unchanged is served without reading a plan; the first save then read every plan
    # of a province (1.3 s of 2.1 s), where each later save reads only the saved one
    from schedgen import load, plans
    from schedgen.commands.build import build

    folder = tmp_path / "plans"
    folder.mkdir()
    for name in ("one", "two", "three"):
        (folder / f"{name}.yaml").write_text(PLAN.format(title=name, when="3月1日前", task="任务"), "utf-8")
    clock = (datetime(2024, 1, 2, tzinfo=timezone.utc), date(2024, 1, 2))
    build([folder], tmp_path / "out", now=clock[0], as_of=clock[1], base_url="http://127.0.0.1:1")
    plans._last.clear()  # as a new process starts
    parsed: list[str] = []
    real = load.loads
    monkeypatch.setattr(load, "loads", lambda raw, path: parsed.append(Path(path).name) or real(raw, path))
    stop, ready, log = threading.Event(), threading.Event(), []
    options = {"host": "127.0.0.1", "port": 0, "base_url": "http://127.0.0.1:1", "year": None}
    thread = threading.Thread(
        target=serve,
        args=([folder], tmp_path / "out"),
        kwargs={**options, "clock": lambda: clock, "report": log.append, "ready": lambda _: ready.set(), "stop": stop},
        daemon=True,
    )
    thread.start()
    try:
        assert ready.wait(60), log
        eventually(lambda: len(parsed) == 3, log, 30)  # read while serve waits for a save
        parsed.clear()
        (folder / "two.yaml").write_text(PLAN.format(title="two", when="3月9日前", task="改过的任务"), "utf-8")
        eventually(lambda: "改过的任务" in (tmp_path / "out" / "two" / "index.html").read_text("utf-8"), log, 60)
        assert parsed == ["two.yaml"], parsed
    finally:
        stop.set()
        thread.join(30)
