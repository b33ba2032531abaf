"""Charts drawn after the site that links to them is out: `build --charts later`, and `serve`, which draws
a chart when it is first asked for. Every page works before its chart exists, and the charts that come
are the ones an eager build draws."""

from __future__ import annotations

import http.client
import io
import re
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from schedgen.commands.build import build as build_site

from .conftest import run
from .test_build import PLAN
from .test_preview import preview  # noqa: F401  (a fixture: serve on two plans)

MOMENT = {"now": datetime(2024, 1, 2, tzinfo=timezone.utc), "as_of": date(2024, 1, 2)}
ONLY = ("html", "png", "pdf", "svg")


@pytest.fixture
def plans(tmp_path: Path) -> list[Path]:
    written = []
    for name, title in (("one", "甲计划"), ("two", "乙计划")):
        written.append(tmp_path / f"{name}.yaml")
        written[-1].write_text(PLAN.format(title=title, when="3月1日前"), encoding="utf-8")
    return written


def charts(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("gantt*")) if p.is_file()}


def chart_links(page: Path) -> list[str]:
    return re.findall(r'href="([^"]*gantt\.[a-z]+)"', page.read_text(encoding="utf-8"))


def says_being_drawn(name: str, data: bytes) -> bool:
    """Whether a chart file says, in a reader's words, that the chart is still being drawn."""
    if name.endswith(".svg"):
        return 'aria-label="甘特图正在绘制"' in data.decode()
    if name.endswith(".pdf"):
        from pypdf import PdfReader

        return "甘特图正在绘制" in PdfReader(io.BytesIO(data)).pages[0].extract_text()
    from PIL import Image

    image = Image.open(io.BytesIO(data))
    return image.format == "PNG" and image.convert("L").getextrema()[0] < 100  # type: ignore[operator]


def test_a_build_with_charts_later_publishes_every_chart_an_eager_build_draws(
    plans: list[Path], tmp_path: Path
) -> None:
    later, eager = tmp_path / "later", tmp_path / "eager"
    options = ["--as-of", "2024-01-02", "--only", "html,png,pdf,svg"]
    result = run("build", *map(str, plans), "-o", str(later), "--charts", "later", *options)
    assert result.exit_code == 0, result.output
    assert "drawing the charts of 2 plan(s) now" in result.output
    assert "drew the charts of 2 plan(s)" in result.output
    assert run("build", *map(str, plans), "-o", str(eager), *options).exit_code == 0
    assert charts(later) == charts(eager) and len(charts(eager)) == 6
    # recorded as drawn: the next build takes every file as it is
    again = run("build", *map(str, plans), "-o", str(later), *options)
    assert "(0 rendered, 9 reused)" in again.output, again.output


OPTIONS = ("--as-of", "2024-01-02", "--only", "html,png,pdf,svg")


def built_later(plans: list[Path], out: Path) -> None:
    """`plans` built into `out` with `--charts later`: the pages published first, then every chart drawn."""
    result = run("build", *map(str, plans), "-o", str(out), "--charts", "later", *OPTIONS)
    assert result.exit_code == 0 and "drew the charts of" in result.output, result.output


def test_once_its_charts_are_drawn_a_build_with_charts_later_leaves_a_site_the_next_build_leaves_alone(
    plans: list[Path], tmp_path: Path
) -> None:
    # with every chart drawn the site is whole: an unchanged rebuild must publish nothing, as after an eager
    # build, not read every plan and take every file again (3 s on a province, every first build after)
    out = tmp_path / "out"
    built_later(plans, out)
    folder, before = out.stat().st_ino, {p: p.stat().st_ino for p in out.rglob("*") if p.is_file()}
    again = run("build", *map(str, plans), "-o", str(out), *OPTIONS)
    assert again.exit_code == 0 and "(0 rendered, " in again.output, again.output
    assert out.stat().st_ino == folder  # not swapped for a new folder
    assert {p: p.stat().st_ino for p in out.rglob("*") if p.is_file()} == before


def test_charts_drawn_later_are_in_the_spare_site_too_for_the_next_build_to_find_in_place(
    plans: list[Path], tmp_path: Path
) -> None:
    # the next build starts from the spare site (the one before): a chart drawn into the published site only
    # was linked into it again, file by file, at the first edit after every build that put charts off
    out = tmp_path / "out"
    built_later(plans, out)
    drawn = sorted(p.relative_to(out) for p in out.rglob("gantt*"))
    assert len(drawn) == 6
    spare = tmp_path / ".out.spare"
    assert all((spare / p).stat().st_ino == (out / p).stat().st_ino for p in drawn)


@pytest.mark.parametrize("linked", [".out.spare", ".out.spare/one"])
def test_a_chart_drawn_later_is_not_linked_through_a_link_someone_put_in_place_of_the_spare_site(
    plans: list[Path], tmp_path: Path, linked: str
) -> None:
    # a build never writes through a link in the spare site (it removes them, or starts a new folder): nor
    # may a chart drawn after publishing, or it replaces a file of the same name wherever the link leads
    import shutil

    from schedgen.commands.later import Later

    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    result = build_site(plans, out, only=ONLY, defer_charts=True, **MOMENT)
    (elsewhere / "one").mkdir(parents=True)
    (elsewhere / "one" / "gantt.svg").write_text("someone's own file", encoding="utf-8")
    link = tmp_path / linked
    shutil.rmtree(link)
    link.symlink_to(elsewhere if linked == ".out.spare" else elsewhere / "one", target_is_directory=True)
    assert Later(out, result.pending).draw_all(jobs=1) == 2
    assert (elsewhere / "one" / "gantt.svg").read_text(encoding="utf-8") == "someone's own file"
    assert sorted(p.name for p in (elsewhere / "one").iterdir()) == ["gantt.svg"]


def test_pages_go_out_first_and_link_to_charts_that_say_they_are_being_drawn(plans: list[Path], tmp_path: Path) -> None:
    from schedgen.commands.later import Later

    out, eager = tmp_path / "out", tmp_path / "eager"
    result = build_site(plans, out, only=ONLY, defer_charts=True, **MOMENT)
    assert sorted(part.name for part in result.pending) == ["one/gantt", "two/gantt"]
    for page in (out / "index.html", out / "one" / "index.html"):
        links = chart_links(page)
        assert links, page
        for link in links:  # none dead: each names a file that says why it is not the chart yet
            target = page.parent / link
            assert says_being_drawn(target.name, target.read_bytes()), target
    drawn = Later(out, result.pending).draw_all(jobs=1)
    assert drawn == 2
    build_site(plans, eager, only=ONLY, **MOMENT)
    assert charts(out) == charts(eager)


def test_charts_left_undrawn_are_drawn_by_the_next_build(plans: list[Path], tmp_path: Path) -> None:
    out, eager = tmp_path / "out", tmp_path / "eager"
    build_site(plans, out, only=ONLY, defer_charts=True, **MOMENT)  # interrupted before drawing them
    again = build_site(plans, out, only=ONLY, **MOMENT)
    assert again.rendered == 6 and not again.pending
    build_site(plans, eager, only=ONLY, **MOMENT)
    assert charts(out) == charts(eager)


def tall_plan(folder: Path) -> Path:
    """A plan too tall for one PNG: its chart is gantt.png, gantt-2.png..."""
    tasks = "".join(f"  - {{id: t{n}, when: 3月{n % 28 + 1}日前, task: 第{n}项任务}}\n" for n in range(700))
    plan = folder / "long.yaml"
    plan.write_text(f"title: 长计划\nyear: 2024\ntasks:\n{tasks}", encoding="utf-8")
    return plan


def test_a_chart_drawn_taller_than_its_stand_in_is_recorded_with_all_its_pages(tmp_path: Path) -> None:
    # a plan too tall for one PNG gets gantt-2.png...: the site's record must name them before they exist,
    # or the next build would take them for files someone else put there
    plan = tall_plan(tmp_path)
    from schedgen.commands.later import Later

    out = tmp_path / "out"
    result = build_site([plan], out, only=("png",), defer_charts=True, **MOMENT)
    assert Later(out, result.pending).draw_all(jobs=1) == 1
    assert (out / "long" / "gantt-2.png").is_file()
    again = build_site([plan], out, only=("png",), **MOMENT)
    assert again.rendered == 0 and again.reused == len(list((out / "long").glob("gantt*.png")))


def test_a_site_sealed_once_a_tall_chart_is_drawn_counts_its_pages_as_an_eager_build_does(tmp_path: Path) -> None:
    # the next unchanged build says what the sealed build said: the files it counts must be the site's
    # files, the chart's pages among them, not the stand-in's single page
    from schedgen.commands.later import Later

    plan = tall_plan(tmp_path)
    out, eager = tmp_path / "out", tmp_path / "eager"
    result = build_site([plan], out, only=("png",), defer_charts=True, **MOMENT)
    assert Later(out, result.pending, result.sealable).draw_all(jobs=1) == 1
    again = build_site([plan], out, only=("png",), **MOMENT)
    whole = build_site([plan], eager, only=("png",), **MOMENT)
    assert len(list(eager.glob("long/gantt*.png"))) > 1  # a chart of several pages
    assert (again.files, again.rendered) == (whole.files, 0)


def test_a_chart_that_failed_when_asked_for_is_drawn_by_the_next_build(plans: list[Path], tmp_path: Path) -> None:
    # serve draws a chart when it is asked for; one whose drawing failed still shows its stand-in, and the
    # site must not be sealed as whole once the rest are drawn, or every build of the same plans after it
    # publishes nothing and the chart says it is being drawn for good
    import dataclasses

    from schedgen.commands.later import Later

    out, eager = tmp_path / "out", tmp_path / "eager"
    result = build_site(plans, out, only=ONLY, defer_charts=True, **MOMENT)

    def fails() -> dict[str, bytes]:
        raise RuntimeError("the drawing failed")

    pending = [dataclasses.replace(p, render=fails) if p.name == "one/gantt" else p for p in result.pending]
    later = Later(out, pending, result.sealable)
    job = later.job("one/gantt.svg")
    assert job is not None
    with pytest.raises(RuntimeError):
        job()
    assert later.draw_all(jobs=1) == 1
    assert says_being_drawn("gantt.svg", (out / "one" / "gantt.svg").read_bytes())
    again = build_site(plans, out, only=ONLY, **MOMENT)
    assert again.rendered == 3, again  # the failed chart's three files
    build_site(plans, eager, only=ONLY, **MOMENT)
    assert charts(out) == charts(eager)


def test_a_chart_asked_for_that_comes_after_the_rest_are_drawn_still_seals_the_site(
    plans: list[Path], tmp_path: Path
) -> None:
    # serve draws a chart when it is asked for, beside its background drawing of the rest: when the asked-for
    # one is published last, the site is whole then, and the next unchanged build must publish nothing
    from schedgen.commands.later import Later

    out = tmp_path / "out"
    result = build_site(plans, out, only=ONLY, defer_charts=True, **MOMENT)
    later = Later(out, result.pending, result.sealable)
    job = later.job("one/gantt.svg")  # taken by a request, drawn after the background drawing ends
    assert job is not None
    assert later.draw_all(jobs=1) == 1
    job()
    folder = out.stat().st_ino
    again = build_site(plans, out, only=ONLY, **MOMENT)
    assert again.rendered == 0
    assert out.stat().st_ino == folder  # sealed: nothing published, not the site swapped for a new one


@pytest.fixture
def served(plans: list[Path], tmp_path: Path) -> Iterator[tuple[tuple[str, int], Path]]:
    from schedgen.commands.later import Later
    from schedgen.webserver import Server

    out = tmp_path / "out"
    result = build_site(plans, out, only=ONLY, defer_charts=True, **MOMENT)
    later = Later(out, result.pending)  # nothing drawn in the background: only what is asked for
    server = Server(("127.0.0.1", 0), out, prepare=later.job)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address, out
    server.shutdown()
    server.server_close()
    thread.join(10)


def test_serve_draws_a_chart_when_it_is_first_asked_for(
    served: tuple[tuple[str, int], Path], plans: list[Path], tmp_path: Path
) -> None:
    address, out = served
    eager = tmp_path / "eager"
    build_site(plans, eager, only=ONLY, **MOMENT)
    connection = http.client.HTTPConnection(*address, timeout=30)
    connection.request("GET", "/one/gantt.svg")
    response = connection.getresponse()
    assert response.status == 200
    assert response.read() == (eager / "one" / "gantt.svg").read_bytes()
    connection.close()
    # the plan's other files were drawn with it and kept; the other plan's chart waits to be asked for
    assert (out / "one" / "gantt.png").read_bytes() == (eager / "one" / "gantt.png").read_bytes()
    assert says_being_drawn("gantt.svg", (out / "two" / "gantt.svg").read_bytes())


def test_a_build_of_plans_too_large_to_wait_for_draws_their_charts_after_publishing_unless_told_now(
    plans: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from schedgen.commands import build as building

    options = ["--as-of", "2024-01-02", "--only", "html,png,pdf,svg"]
    small = run("build", *map(str, plans), "-o", str(tmp_path / "small"), *options)
    assert "drawing the charts" not in small.output  # 4 tasks: drawn before the site goes out
    monkeypatch.setattr(building, "CHARTS_LATER_TASKS", 4)  # as if the two plans were a province
    large = run("build", *map(str, plans), "-o", str(tmp_path / "large"), *options)
    assert "drawing the charts of 2 plan(s) now" in large.output, large.output
    assert "4 tasks" in large.output and "--charts now" in large.output
    told = run("build", *map(str, plans), "-o", str(tmp_path / "told"), "--charts", "now", *options)
    assert "drawing the charts" not in told.output
    assert charts(tmp_path / "large") == charts(tmp_path / "small") == charts(tmp_path / "told")


def test_a_province_build_after_one_plan_changed_draws_that_plans_chart_before_publishing(
    plans: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # what decides is the charts there are to draw, not the plans' size: after one edited plan of a province
    # its one chart is drawn by the build's own workers in a tenth of a second, where drawing it after
    # publishing started fresh processes for it and doubled the edit's time (1.5 -> 3 s)
    from schedgen.commands import build as building

    monkeypatch.setattr(building, "CHARTS_LATER_TASKS", 4)  # as if the two plans were a province
    out, eager = tmp_path / "out", tmp_path / "eager"
    options = ["--as-of", "2024-01-02", "--only", "html,png,pdf,svg"]
    assert "drawing the charts of 2 plan(s) now" in run("build", *map(str, plans), "-o", str(out), *options).output
    plans[0].write_text(PLAN.format(title="甲计划（修改）", when="3月5日前"), encoding="utf-8")
    edited = run("build", *map(str, plans), "-o", str(out), *options)
    assert edited.exit_code == 0 and "drawing the charts" not in edited.output, edited.output
    assert run("build", *map(str, plans), "-o", str(eager), "--charts", "now", *options).exit_code == 0
    assert charts(out) == charts(eager)
    # and the charts the plans' whole size puts off are still put off, saying how many tasks they hold
    plans[0].write_text(PLAN.format(title="甲计划", when="3月6日前"), encoding="utf-8")
    plans[1].write_text(PLAN.format(title="乙计划（修改）", when="3月6日前"), encoding="utf-8")
    both = run("build", *map(str, plans), "-o", str(out), *options)
    assert "drawing the charts of 2 plan(s) now" in both.output and "4 tasks" in both.output, both.output


def test_serve_answers_the_first_request_for_a_chart_with_the_chart(
    preview: tuple[Path, Callable[..., tuple[int, dict[str, str], str]], list[str]],  # noqa: F811
    tmp_path: Path,
) -> None:
    # serve is up before its charts are drawn; a chart asked for at once is drawn for the request, or
    # waited for while the background draws it: never the stand-in, never a 404
    plans, get, log = preview
    status, _, body = get("/one/gantt.svg")
    assert status == 200, log
    eager = tmp_path / "eager"
    build_site([plans], eager, only=("svg",), **MOMENT)
    assert body == (eager / "one" / "gantt.svg").read_text(encoding="utf-8")


def test_a_chart_being_drawn_for_one_client_does_not_hold_up_the_others(tmp_path: Path) -> None:
    # one event loop serves every client: a chart drawn (or waited for) on it would stop the whole server
    from schedgen.webserver import Server

    (tmp_path / "index.html").write_text("<!DOCTYPE html><title>首页</title>", encoding="utf-8")
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "gantt.svg").write_text("<svg/>", encoding="utf-8")
    drawing = threading.Event()

    def slowly() -> None:
        drawing.set()
        time.sleep(3.0)

    def draw(path: str) -> Callable[[], None] | None:
        return slowly if path.startswith("one/gantt") else None

    server = Server(("127.0.0.1", 0), tmp_path, prepare=draw)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        slow = http.client.HTTPConnection(*server.server_address, timeout=30)
        slow.request("GET", "/one/gantt.svg")
        assert drawing.wait(10)
        start = time.monotonic()
        other = http.client.HTTPConnection(*server.server_address, timeout=30)
        other.request("GET", "/")
        assert other.getresponse().status == 200
        assert time.monotonic() - start < 1.5  # not after the other client's three seconds
        chart = slow.getresponse()
        assert chart.status == 200 and chart.read() == b"<svg/>"
        # the connection that waited goes on reading: its next request is answered, not timed out
        slow.request("GET", "/")
        assert slow.getresponse().status == 200
        slow.close()
        other.close()
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def test_a_build_after_one_that_deferred_its_charts_trusts_the_files_it_left_without_reading_them(
    plans: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # serve defers the charts of every save: the next save took none of the files as the build left them,
    # and read the whole site again to check them (a province's 2 GB on every save)
    from schedgen import files

    out = tmp_path / "out"
    build_site(plans, out, only=ONLY, defer_charts=True, **MOMENT)
    plans[0].write_text(plans[0].read_text(encoding="utf-8").replace("3月1日前", "3月5日前"), encoding="utf-8")
    read: list[Path] = []
    real = files.file_digest
    monkeypatch.setattr(files, "file_digest", lambda path: read.append(path) or real(path))
    result = build_site(plans, out, only=ONLY, defer_charts=True, **MOMENT)
    assert [part.name for part in result.pending] == ["one/gantt", "two/gantt"]  # neither drawn yet
    assert read == []
    again = build_site(plans, out, only=ONLY, defer_charts=True, **MOMENT)
    assert again.rendered == 0 and read == []  # and still not taken for a whole build: its charts are to draw
    assert [part.name for part in again.pending] == ["one/gantt", "two/gantt"]


def test_the_page_of_a_plan_too_tall_for_one_png_links_every_png_page(tmp_path: Path) -> None:
    # gantt-2.png... were written but the page linked only gantt.png: a reader never found the later pages
    plan = tall_plan(tmp_path)
    out = tmp_path / "out"
    build_site([plan], out, only=("html", "png"), **MOMENT)
    written = sorted(p.name for p in (out / "long").glob("gantt*.png"))
    assert len(written) > 1
    page = (out / "long" / "index.html").read_text(encoding="utf-8")
    linked = re.findall(r'<a href="(gantt[^"]*\.png)">([^<]*)</a>', page)
    assert sorted(href for href, _ in linked) == written
    assert [label for _, label in linked][:2] == [f"打印版 PNG（第1页，共{len(written)}页）", "第2页"]
