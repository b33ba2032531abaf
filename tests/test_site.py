"""The static site: pages, the index, an atomic build, and the server that publishes it."""

from __future__ import annotations

import hashlib
import html
import http.client
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from itertools import pairwise
from pathlib import Path

import pytest

from schedgen.errors import BuildError
from schedgen.webserver import Server, resolve_path

from .conftest import SCHEDULES, run


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("site")
    shutil.copytree(SCHEDULES, root / "schedules")
    result = run(
        "build",
        str(root / "schedules"),
        "-o",
        str(root / "output"),
        "--as-of",
        "2023-03-06",
        "--base-url",
        "https://plans.example.gov.cn/pub",
    )
    assert result.exit_code == 0, result.stderr
    return root / "output"


def test_build_writes_every_output_of_the_design(site: Path) -> None:
    for sid in ("anqiu-eco-farm", "haidong-2024"):
        for name in (
            "index.html",
            "gantt.png",
            "gantt.pdf",
            "gantt.svg",
            f"{sid}.ics",
            "milestones.csv",
            "milestones.json",
        ):
            assert (site / sid / name).is_file(), (sid, name)
        assert any((site / sid / "units").glob("*.ics"))
    assert (site / "index.html").is_file() and (site / "all.ics").is_file()


def test_schedule_page_is_self_contained(site: Path) -> None:
    page = (site / "anqiu-eco-farm" / "index.html").read_text(encoding="utf-8")
    assert page.count('class="row no ') == 22 and page.count('class="stage"') == 3
    assert "11月1日至12月25日前" in page
    # nothing fetched: no external script, style, font or image
    assert not any(marker in page for marker in ('src="http', 'href="http://', "@import", "url(http", "<link "))
    assert "webcal://plans.example.gov.cn/pub/anqiu-eco-farm/anqiu-eco-farm.ics" in page
    assert 'href="https://plans.example.gov.cn/pub/anqiu-eco-farm/units/shi-cai-zheng-ju.ics"' in page
    assert page.count("<svg width=") >= 20  # a QR code for the schedule's feed and each unit's


def test_index_lists_schedules_and_units(site: Path) -> None:
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="anqiu-eco-farm/index.html">安丘市生态农场建设工作配档表</a>' in index
    assert "计划期：2024-04-09 至 2024-12-31" in index
    assert "市财政局" in index and "webcal://plans.example.gov.cn/pub/all.ics" in index


def in_dictionary_order(names: list[str]) -> bool:
    """Each name before the next by the pinyin of the first character where they differ, as a
    dictionary orders words (a name before the longer names it opens)."""
    from pypinyin import Style, lazy_pinyin

    def sounds(name: str) -> list[str]:
        # each character's reading in its word (畜牧 xumu, 行政 xingzheng), any other character itself
        return lazy_pinyin(name, style=Style.NORMAL, errors=list)

    for a, b in pairwise(names):
        k = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), None)
        if k is None:
            if len(a) > len(b):
                return False
        elif sounds(a)[k] > sounds(b)[k]:
            return False
    return True


def test_units_on_the_index_are_in_pinyin_order(site: Path) -> None:

    index = (site / "index.html").read_text(encoding="utf-8")
    table = index[index.index('<table class="units">') :]
    names = re.findall(r"<tr><td>([^<]+)</td>", table)
    assert len(names) > 20
    # as a clerk looks a unit up: 发改委 (fa) before 教育局 (jiao) before 市财政局 (shi), not by code point
    assert in_dictionary_order(names)
    assert not in_dictionary_order(sorted(names))


def test_names_outside_gb2312s_first_level_are_in_pinyin_order_too() -> None:
    from schedgen.export.page.html import in_pinyin_order

    # 鄞 and 濉 are GB 2312's second level (ordered by radical), 堃 is not in GB 2312 at all
    names = ["鄞州区农业局", "濉溪县财政局", "市财政局", "堃华中心", "安吉县", "Z-Team", "市发展改革委"]
    ordered = list(in_pinyin_order(names))
    assert in_dictionary_order(ordered) and sorted(ordered) == sorted(names)
    assert in_pinyin_order(["市财政局", "教育局", "发改委"]) == ("发改委", "教育局", "市财政局")


def test_hostile_task_text_is_shown_not_run(tmp_path: Path) -> None:
    plan = tmp_path / "evil.yaml"
    plan.write_text(
        "title: '<b>测试</b>'\nyear: 2024\ntasks:\n  - id: x\n    when: 5月10日前\n"
        "    task: '<script>alert(1)</script></script><img src=x onerror=alert(2)>'\n"
        "    units: '\"><svg onload=alert(3)>'\n",
        encoding="utf-8",
    )
    assert run("build", str(plan), "-o", str(tmp_path / "out"), "--only", "html").exit_code == 0
    page = (tmp_path / "out" / "evil" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page and "<img src=x" not in page and "<svg onload" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "\\u003cscript\\u003e" in page  # the JSON island cannot close its <script>
    assert "script-src 'sha256-" in page  # and only the page's own script may run


def test_templates_folder_overrides_a_page(tmp_path: Path) -> None:
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "index.html").write_text("自定义索引 {{ schedules|length }}", encoding="utf-8")
    result = run(
        "build",
        "schedules/haidong-2024.yaml",
        "-o",
        str(tmp_path / "out"),
        "--only",
        "html",
        "--templates",
        str(tmp_path / "tpl"),
    )
    assert result.exit_code == 0
    assert (tmp_path / "out" / "index.html").read_text(encoding="utf-8") == "自定义索引 1"
    assert "<!DOCTYPE html>" in (tmp_path / "out" / "haidong-2024" / "index.html").read_text(encoding="utf-8")


def test_a_template_edited_between_builds_is_read_again(tmp_path: Path) -> None:
    # the template environment lives as long as the process (serve, or these tests): an edit must still show
    (tmp_path / "tpl").mkdir()
    template = tmp_path / "tpl" / "index.html"
    for text in ("第一版 {{ schedules|length }}", "第二版 {{ schedules|length }}"):
        template.write_text(text, encoding="utf-8")
        later = template.stat().st_mtime + 10 * text.startswith("第二")
        os.utime(template, (later, later))
        out = tmp_path / "out"
        result = run(
            "build",
            "schedules/haidong-2024.yaml",
            "-o",
            str(out),
            "--only",
            "html",
            "--templates",
            str(tmp_path / "tpl"),
        )
        assert result.exit_code == 0, result.stderr
        assert (out / "index.html").read_text(encoding="utf-8") == text.split(" ")[0] + " 1"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_failed_build_leaves_the_previous_output_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(SCHEDULES, tmp_path / "schedules")
    out = tmp_path / "output"
    assert run("build", str(tmp_path / "schedules"), "-o", str(out), "--only", "ics,html,csv").exit_code == 0
    before = snapshot(out)

    def broken(*_args: object, **_kwargs: object) -> str:
        raise BuildError("simulated failure halfway through")

    monkeypatch.setattr("schedgen.export.page.html.index_page", broken)
    (tmp_path / "schedules" / "haidong-2024.yaml").write_text(
        (tmp_path / "schedules" / "haidong-2024.yaml").read_text(encoding="utf-8").replace("年内", "年底前"),
        encoding="utf-8",
    )
    result = run("build", str(tmp_path / "schedules"), "-o", str(out), "--only", "ics,html,csv")
    assert result.exit_code == 2 and "simulated failure halfway through" in result.stderr
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".output.spare", "output", "schedules"]  # no staging left


def test_an_invalid_schedule_is_named_and_the_others_are_published(tmp_path: Path) -> None:
    shutil.copytree(SCHEDULES, tmp_path / "schedules")
    (tmp_path / "schedules" / "bad.yaml").write_text(
        "title: 坏\nyear: 2024\ntasks: [{when: 2月30日前, task: x}]\n", encoding="utf-8"
    )
    result = run("build", str(tmp_path / "schedules"), "-o", str(tmp_path / "output"))
    assert result.exit_code == 2 and "bad.yaml:3:18: error" in result.stderr
    assert (tmp_path / "output" / "haidong-2024" / "index.html").is_file()
    assert "bad.yaml:3:18: error" in (tmp_path / "output" / "index.html").read_text(encoding="utf-8")


def test_build_refuses_a_folder_it_did_not_make(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("重要", encoding="utf-8")
    result = run("build", "schedules/haidong-2024.yaml", "-o", str(tmp_path), "--only", "ics")
    assert result.exit_code == 2 and "did not write" in result.stderr
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "重要"


# ----- the server ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[tuple[str, int]]:
    (site.parent / "secret.txt").write_text("outside", encoding="utf-8")
    os.symlink(site.parent / "secret.txt", site / "link.txt")
    httpd = Server(("127.0.0.1", 0), site)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    yield "127.0.0.1", httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


def get(server: tuple[str, int], path: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection(*server, timeout=10)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def test_feeds_have_calendar_type_etag_and_304(server: tuple[str, int]) -> None:
    first = get(server, "/haidong-2024/haidong-2024.ics")
    assert first.status == 200 and first.getheader("Content-Type") == "text/calendar; charset=utf-8"
    etag, modified = first.getheader("ETag"), first.getheader("Last-Modified")
    assert etag and modified
    assert get(server, "/haidong-2024/haidong-2024.ics", {"If-None-Match": etag}).status == 304
    assert get(server, "/haidong-2024/haidong-2024.ics", {"If-Modified-Since": modified}).status == 304
    assert get(server, "/haidong-2024/haidong-2024.ics", {"If-None-Match": '"other"'}).status == 200
    assert get(server, "/").getheader("Content-Type") == "text/html; charset=utf-8"
    assert get(server, "/anqiu-eco-farm/gantt.svg").getheader("Content-Type") == "image/svg+xml"
    assert get(server, "/anqiu-eco-farm/milestones.csv").getheader("Content-Type") == "text/csv; charset=utf-8"


@pytest.mark.parametrize(
    "path",
    [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2fsecret.txt",
        "/link.txt",
        "/anqiu-eco-farm/../../secret.txt",
        "/..%5csecret.txt",
        "/%00",
        "/nope.ics",
    ],
)
def test_nothing_outside_the_output_folder(server: tuple[str, int], path: str) -> None:
    assert get(server, path).status == 404


def test_resolve_path_stays_inside(site: Path) -> None:
    assert resolve_path(site, "/anqiu-eco-farm/") == (site / "anqiu-eco-farm" / "index.html").resolve()
    assert resolve_path(site, "/haidong-2024/haidong-2024.ics?x=1") is not None
    assert resolve_path(site, "/../" + site.name + "/index.html") is None


def test_many_subscribers_at_once(server: tuple[str, int]) -> None:
    def fetch(n: int) -> int:
        connection = http.client.HTTPConnection(*server, timeout=15)
        statuses = []
        for _ in range(5):
            connection.request("GET", f"/haidong-2024/haidong-2024.ics?client={n}")
            response = connection.getresponse()
            response.read()
            statuses.append(response.status)
        connection.close()
        return max(statuses)

    with ThreadPoolExecutor(max_workers=50) as pool:
        assert set(pool.map(fetch, range(100))) == {200}


def test_serve_rebuilds_when_a_schedule_changes(tmp_path: Path) -> None:
    import time

    from schedgen.serve import Watcher

    plan = tmp_path / "plan.yaml"
    plan.write_text("title: 甲\nyear: 2024\ntasks: [{id: a, when: 3月1日前, task: 一}]\n", encoding="utf-8")
    calls: list[str] = []
    stop = threading.Event()
    watcher = Watcher([tmp_path], rebuild=lambda: calls.append("rebuild"), report=calls.append, interval=0.05)
    thread = threading.Thread(target=watcher.run, args=(stop,), daemon=True)
    thread.start()
    time.sleep(0.2)
    assert calls == []
    plan.write_text("title: 甲\nyear: 2024\ntasks: [{id: a, when: 3月2日前, task: 一}]\n", encoding="utf-8")
    deadline = time.monotonic() + 5
    while not calls and time.monotonic() < deadline:
        time.sleep(0.05)
    stop.set()
    thread.join(2)
    assert calls[:2] == ["rebuild", "rebuilt after a schedule changed"]


def test_subscribe_links_name_their_scheme_and_the_index_has_a_qr_code_per_feed(tmp_path: Path) -> None:
    plan = str(SCHEDULES / "haidong-2024.yaml")
    out = tmp_path / "out"
    options = ("--only", "html,ics", "--as-of", "2024-05-01", "--base-url", "http://192.168.1.20:8080")
    assert run("build", plan, "-o", str(out), *options).exit_code == 0
    page = (out / "haidong-2024" / "index.html").read_text(encoding="utf-8")
    assert "http 链接" in page and "https 链接" not in page
    index = (out / "index.html").read_text(encoding="utf-8")
    webcal_links = index.count('href="webcal://')
    assert webcal_links > 10 and index.count("<svg") >= webcal_links


def test_each_qr_code_on_a_plan_page_scans_to_the_webcal_link_beside_it(tmp_path: Path) -> None:
    # what a phone sees: each code drawn as its SVG path draws it, read by a QR reader (zxing-cpp's)
    import zxingcpp
    from PIL import Image, ImageDraw

    out = tmp_path / "out"
    options = ("--only", "html,ics", "--as-of", "2024-05-01", "--base-url", "http://192.168.1.20:8080")
    assert run("build", str(SCHEDULES / "haidong-2024.yaml"), "-o", str(out), *options).exit_code == 0
    page = (out / "haidong-2024" / "index.html").read_text(encoding="utf-8")
    feeds = re.findall(r'<a href="(webcal://[^"]+)">webcal 订阅</a>.*?(<svg.*?</svg>)', page, re.S)
    assert len(feeds) >= 10
    for address, svg in feeds:
        side = int(re.search(r'width="(\d+)"', svg).group(1)) // 2  # type: ignore[union-attr]
        drawn = Image.new("L", (side * 4, side * 4), 255)
        pen = ImageDraw.Draw(drawn)
        x = y = 0.0
        for move, dx, dy, run_length in re.findall(r"([Mm])(-?[\d.]+) (-?[\d.]+)h(\d+)", svg):
            x, y = (float(dx), float(dy)) if move == "M" else (x + float(dx), y + float(dy))
            pen.rectangle((x * 4, (y - 0.5) * 4, (x + int(run_length)) * 4 - 1, (y + 0.5) * 4 - 1), fill=0)
            x += int(run_length)
        read = zxingcpp.read_barcode(drawn, formats=zxingcpp.BarcodeFormat.QRCode)
        text = None if read is None else read.text
        del read  # no reader object left for the interpreter's end, which nanobind reports as a leak
        assert text == html.unescape(address)


@pytest.mark.parametrize(
    ("name", "text", "line", "says"),
    [
        ("schedule.html", "<p>\n{% if %}\n", 2, "Expected an expression"),
        ("schedule.html", "<p>\n\n{{ title|nofilter }}\n", 3, "No filter named 'nofilter'"),
        ("schedule.html", '{% extends "schedule.html" %}\n', 1, "extends or includes itself"),
        ("index.html", "<p>\n{{ nosuch.field }}\n", 2, "'nosuch' is undefined"),
        ("report.html", "{{ as_of }}\n{{ 1 / 0 }}\n", 2, "division by zero"),
    ],
)
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_broken_user_template_is_shown_by_its_file_and_line(
    tmp_path: Path, name: str, text: str, line: int, says: str, jobs: str
) -> None:
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / name).write_text(text, encoding="utf-8")
    plan = str(SCHEDULES / "haidong-2024.yaml")
    if name == "report.html":
        args = ["report", plan, "--as-of", "2024-05-01", "--format", "html", "-o", str(tmp_path / "r.html")]
    else:
        args = ["build", plan, "-o", str(tmp_path / "out"), "--only", "html", "--jobs", jobs]
    result = run(*args, "--templates", str(folder))
    assert result.exit_code == 2, result.output
    assert f"{folder / name}:{line}:" in result.stderr and says in result.stderr, result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_an_over_long_base_url_is_refused_with_its_length(tmp_path: Path) -> None:
    address = "https://example.gov.cn/" + "a" * 3000
    result = run("build", "schedules/haidong-2024.yaml", "-o", str(tmp_path / "out"), "--base-url", address)
    assert result.exit_code == 2, result.output
    assert "--base-url" in result.stderr and "3023 characters" in result.stderr and "at most 1000" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_feed_address_too_long_for_a_qr_code_says_so_instead() -> None:
    from schedgen.export.page.html import Feed, _feed

    link = _feed(Feed("市局", "plan/units/" + "a" * 2400 + ".ics"), "https://example.gov.cn", "")
    assert link.webcal is not None and link.webcal.endswith("a.ics")  # the links are still given
    assert "<svg" not in str(link.qr) and "无法生成二维码" in str(link.qr)


def test_an_index_of_more_feeds_than_it_draws_codes_for_says_where_the_codes_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a province's index lists some 30,000 unit feeds: a code for each made every rebuild minutes long (and
    # the page tens of MB); past the limit the index links them, says so, and each plan's page has its codes
    from schedgen.export.page import html

    monkeypatch.setattr(html, "INDEX_QR_LIMIT", 10)
    plan = str(SCHEDULES / "haidong-2024.yaml")
    out = tmp_path / "out"
    options = ("--only", "html,ics", "--as-of", "2024-05-01", "--base-url", "http://192.168.1.20:8080")
    assert run("build", plan, "-o", str(out), *options, "--jobs", "1").exit_code == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    feeds = index.count('href="webcal://')
    assert feeds > 10 and index.count("<svg") <= 1  # the feed of every plan keeps its code
    assert f"本页列出 {feeds} 个订阅" in index and "二维码在各计划的页面上" in index
    page = (out / "haidong-2024" / "index.html").read_text(encoding="utf-8")
    assert page.count("<svg") >= page.count('href="webcal://') > 10


def test_a_pages_qr_codes_are_kept_and_the_next_days_build_makes_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a plan's page is made again every day (it shows what is overdue as of that day), and making its feeds'
    # QR codes anew was most of a province's pages' time; the next day's build, a new process, takes them
    # from the cache, the same codes

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("SCHEDGEN_NO_CACHE", raising=False)

    def build(out: str, day: str, *, qr: bool) -> subprocess.CompletedProcess[str]:
        return build_with_codes(tmp_path / out, day, "" if qr else REFUSE_QR)

    assert build("one", "2024-05-01", qr=True).returncode == 0
    made = build("two", "2024-05-02", qr=False)
    assert made.returncode == 0, made.stderr
    pages = [(tmp_path / out / "haidong-2024" / "index.html").read_text(encoding="utf-8") for out in ("one", "two")]
    codes = [re.findall(r"<svg.*?</svg>", page, re.S) for page in pages]
    assert len(codes[0]) >= 10 and codes[0] == codes[1]
    assert pages[0] != pages[1]  # the page itself was made anew, as of its day


REFUSE_QR = "import zxingcpp; zxingcpp.create_barcode = lambda *a, **k: 1 / 0\n"
"""A build's first lines that make it fail if it draws a QR code rather than take it from the cache."""


def build_with_codes(out: Path, day: str, first: str = "") -> subprocess.CompletedProcess[str]:
    """Build haidong's page and feeds, their QR codes addressed to a LAN, in a new process that runs `first`."""
    script = first + "import sys\nfrom schedgen.cli import main\nsys.argv[0] = 'schedgen'\nmain()\n"
    plan = str(SCHEDULES / "haidong-2024.yaml")
    options = ["--only", "html,ics", "--base-url", "http://192.168.1.20:8080", "--jobs", "1", "--as-of", day]
    command = [sys.executable, "-c", script, "build", plan, "-o", str(out), *options]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def test_qr_codes_kept_by_another_version_of_schedgen_are_drawn_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a new schedgen may draw its codes otherwise (their size, their error correction, what a page says of an
    # address too long for one): the codes an older one kept must not make a page differ from a fresh build's
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("SCHEDGEN_NO_CACHE", raising=False)
    assert build_with_codes(tmp_path / "one", "2024-05-01").returncode == 0
    drawn = tmp_path / "drawn"
    counted = (
        "import schedgen, zxingcpp\nschedgen.__version__ = '99.0'\nmake = zxingcpp.create_barcode\n"
        f"def counted(*a, **k):\n    open({str(drawn)!r}, 'a').write('x')\n    return make(*a, **k)\n"
        "zxingcpp.create_barcode = counted\n"
    )
    upgraded = build_with_codes(tmp_path / "two", "2024-05-01", counted)
    assert upgraded.returncode == 0, upgraded.stderr
    assert drawn.is_file() and len(drawn.read_text()) >= 10


def test_the_quiet_zone_a_qr_code_is_drawn_with_is_part_of_how_a_kept_code_is_named(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a code kept with another quiet zone is another drawing: taken from the cache it would make the page
    # differ from a fresh build's
    from schedgen.export.page import html as page

    before = page._drawing.__wrapped__()
    monkeypatch.setattr(page, "QR_QUIET", page.QR_QUIET + 1)
    assert page._drawing.__wrapped__() != before


def test_a_kept_entry_that_does_not_hold_its_pages_codes_is_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # an entry whole by its digest but holding other codes (copied over, written by other code) is not used,
    # and must not stay: every later build would draw that page's codes again
    import zlib

    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    monkeypatch.delenv("SCHEDGEN_NO_CACHE", raising=False)
    assert build_with_codes(tmp_path / "one", "2024-05-01").returncode == 0
    entries = sorted((cache / "schedgen").glob("qr-*"))
    assert entries
    wrong = zlib.compress(b"{}\n")
    for entry in entries:
        entry.unlink()
        name = entry.name.rsplit("-", 1)[0]
        entry.with_name(f"{name}-{hashlib.sha256(wrong).hexdigest()[:16]}.zz").write_bytes(wrong)
    again = build_with_codes(tmp_path / "two", "2024-05-02")
    assert again.returncode == 0, again.stderr
    kept = sorted((cache / "schedgen").glob("qr-*"))
    assert len(kept) == len(entries) and all(zlib.decompress(entry.read_bytes()) != b"{}\n" for entry in kept)
    taken = build_with_codes(tmp_path / "three", "2024-05-03", REFUSE_QR)  # every code from the cache
    assert taken.returncode == 0, taken.stderr
    pages = [(tmp_path / out / "haidong-2024" / "index.html").read_text(encoding="utf-8") for out in ("one", "three")]
    assert [p.count("<svg") for p in pages] == [pages[0].count("<svg")] * 2


def test_a_unit_without_a_feed_is_named_where_the_feeds_are(tmp_path: Path) -> None:
    """市林业局 has only ongoing work, which makes no event, so it gets no feed: the page's 订阅日历 lists the
    other units' feeds, and 市林业局's staff, looking for theirs, must read why there is none."""
    plan = tmp_path / "ongo.yaml"
    plan.write_text(
        "id: ongo\ntitle: 长期\nyear: 2024\ntasks:\n"
        "  - {id: keep, when: 长期坚持, task: 常态化巡查, units: 市林业局}\n"
        "  - {id: pay, when: 5月10日前, task: 拨付资金, units: 市财政局}\n",
        encoding="utf-8",
    )
    out = tmp_path / "site"
    # this tree's templates: an editable install may ship another checkout's as `schedgen.templates`
    templates = str(Path(__file__).parents[1] / "templates")
    result = run(
        "build", str(plan), "-o", str(out), "--only", "html,ics", "--as-of", "2024-04-01", "--templates", templates
    )
    assert result.exit_code == 0, result.stderr
    assert not (out / "ongo/units/shi-lin-ye-ju.ics").exists()
    page = (out / "ongo/index.html").read_text(encoding="utf-8")
    feeds = page[page.index("订阅日历") : page.index("</section>", page.index("订阅日历"))]
    text = re.sub(r"<[^>]+>", "", feeds)
    assert "市财政局" in text and "市林业局" in text and "keep" in text and "没有订阅" in text
