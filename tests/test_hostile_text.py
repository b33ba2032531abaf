"""Text a plan may hold and a renderer may not expect: characters outside the Basic Multilingual Plane
(𠮷 in a name, an emoji), escapes that make lone surrogates, and control characters, through every output."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from schedgen.errors import LoadError
from schedgen.export.chart.gantt import ChartOptions, render
from schedgen.export.page.webfont import shown
from schedgen.load import loads
from schedgen.model import Timeline
from schedgen.resolve import resolve

from .conftest import run

T = "title: T\nyear: 2024\ntasks:\n"


def folder(tmp_path: Path, text: str) -> Path:
    """An empty folder with one schedule `x.yaml` in its `schedules/`."""
    (tmp_path / "schedules").mkdir()
    (tmp_path / "schedules" / "x.yaml").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("task", ["吉𠮷野家", "完成😀", "D:\\udb00", "'D:\\udb00'"])
def test_a_page_with_a_character_outside_the_bmp_is_built(tmp_path: Path, task: str) -> None:
    where = folder(tmp_path, T + f"  - when: 5月10日前\n    task: {task}\n")
    result = run("build", "--only", "html", cwd=where)
    assert result.exit_code == 0, result.output
    page = (where / "output" / "x" / "index.html").read_text(encoding="utf-8")
    assert task.strip("'") in page


def test_the_page_font_holds_the_characters_outside_the_bmp(tmp_path: Path) -> None:
    from base64 import b64decode
    from io import BytesIO

    from fontTools.ttLib import TTFont

    where = folder(tmp_path, T + "  - when: 5月10日前\n    task: 吉𠮷野家\n")
    assert run("build", "--only", "html", cwd=where).exit_code == 0
    page = (where / "output" / "x" / "index.html").read_text(encoding="utf-8")
    face = re.search(r"url\(data:font/woff2?;base64,([^)]+)\)", page)
    assert face is not None
    assert "𠮷" in set(map(chr, TTFont(BytesIO(b64decode(face[1]))).getBestCmap()))


def test_json_escapes_are_read_as_code_points() -> None:
    # a pair of escapes is one character; an escaped backslash before `u` is no escape at all
    assert shown('{"t": "\\ud842\\udfb7"}') == "𠮷"
    assert shown('{"t": "D:\\\\udb00"}') == ""
    assert shown('{"t": "\\udb00 \\udfb7\\u4e00"}') == "一"


@pytest.fixture(params=["libyaml", "python"])
def yaml_reader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Schedules read with libyaml where it is installed, and with PyYAML's own reader where it is not."""
    import yaml

    from schedgen import load

    if request.param == "python":
        monkeypatch.setattr(
            load, "_YAML_LOADER", type("Pure", (yaml.BaseLoader,), {"resolve": load._YAML_LOADER.resolve})
        )
    elif not hasattr(yaml, "CBaseLoader"):
        pytest.skip("libyaml is not installed")
    return str(request.param)


def test_a_surrogate_pair_escape_in_yaml_is_the_character_it_spells_or_refused(yaml_reader: str) -> None:
    text = T + '  - {when: 5月10日前, task: "吉\\ud842\\udfb7野家"}\n'
    if yaml_reader == "python":
        assert loads(text).tasks[0].task == "吉𠮷野家"
    else:  # libyaml takes no surrogate escape, paired or not
        with pytest.raises(LoadError) as refused:
            loads(text)
        assert "surrogate" in refused.value.render()


@pytest.mark.parametrize(
    ("line", "col"),
    [
        ('  - {when: 5月10日前, task: "D:\\udb00"}\n', 29),
        ('  - when: 5月10日前\n    task: 甲\n    notes: "\\udfb7\\ud842"\n', 13),
    ],
)
def test_a_lone_surrogate_escape_in_yaml_is_refused_with_its_position(yaml_reader: str, line: str, col: int) -> None:
    with pytest.raises(LoadError) as refused:
        loads(T + line, "x.yaml")
    text = refused.value.render()
    if yaml_reader == "python":
        assert re.search(rf"x.yaml:\d:{col}: error: `\\u[0-9a-f]{{4}}` is a lone surrogate", text), text
    else:  # libyaml points at the escape's digits
        assert re.search(rf"x.yaml:\d:{col + 2}: error: .*surrogate", text), text


def chart_plan(task: str) -> Timeline:
    return resolve(
        loads(T + f"  - {{id: a, when: 3月1日前, task: {json.dumps(task, ensure_ascii=False)}, units: 市局}}\n")
    )


@pytest.mark.parametrize("fmt", ["png", "pdf", "svg"])
def test_a_character_the_font_lacks_is_drawn_as_a_box_not_left_out(fmt: str) -> None:
    options = ChartOptions(as_of=date(2024, 2, 1), dpi=40)
    emoji = render(chart_plan("完成😀"), fmt, options)
    box = render(chart_plan("完成□"), fmt, options)
    bare = render(chart_plan("完成"), fmt, options)
    if fmt == "png":
        assert emoji == box != bare
    elif fmt == "pdf":
        import pypdfium2 as pdfium

        def image(data: bytes) -> bytes:
            return bytes(pdfium.PdfDocument(data)[0].render(scale=0.5).to_pil().tobytes())

        assert image(emoji) == image(box) != image(bare)
        assert "完成😀" in pdfium.PdfDocument(emoji)[0].get_textpage().get_text_range()  # the text is kept
    else:
        label = re.search(r'<g[^>]*aria-label="完成😀"[^>]*>(.*?)</g>', emoji.decode())
        assert label is not None and label[1].count("<use") == 3


def test_the_chart_command_says_which_characters_it_drew_as_boxes(tmp_path: Path) -> None:
    where = folder(tmp_path, T + "  - {when: 5月10日前, task: 吉𠮷野家😀, units: 市局🎉}\n")
    result = run("gantt", "schedules/x.yaml", "-o", "g.svg", "--as-of", "2024-05-01", cwd=where)
    assert result.exit_code == 0, result.output
    assert "cannot draw '🎉😀' (U+1F389, U+1F600); each is drawn as □" in result.stderr
    assert "𠮷" not in result.stderr  # the bundled font draws it
    built = run("build", "--only", "png,html", "--as-of", "2024-05-01", cwd=where)
    assert built.exit_code == 0, built.output
    assert "x/gantt: the font" in built.stderr and "'🎉😀'" in built.stderr
    assert (where / "output" / "x" / "gantt.png").is_file()


@pytest.mark.parametrize(
    "expression",
    ["1" * 5000 + "月1日前", "2024年3月" + "9" * 5000 + "日前", "自3月1日起" + "1" * 4400 + "天", "一" * 5000 + "月"],
)
def test_a_number_too_long_to_be_a_date_is_refused_where_it_is(tmp_path: Path, expression: str) -> None:
    result = run("when", expression, "--year", "2024")
    assert result.exit_code == 2, result.output
    assert "too long" in result.stderr and "Traceback" not in result.output
    where = folder(tmp_path, T + f"  - when: {expression}\n    task: 甲\n")
    run_of_digits = re.search(r"(?:[0-9]|一){19,}", expression)
    assert run_of_digits is not None
    start = run_of_digits.start() + 1
    for command in ("check", "build"):
        result = run(command, cwd=where)
        assert result.exit_code == 2, result.output
        assert f"schedules/x.yaml:4:{start + 10}: error:" in result.stderr and "too long" in result.stderr
    assert not (where / "output").exists()


# ----- every command with such text in every field, every output read back -------------------------------

HOSTILE = "吉𠮷野家😀\v\x1b[31m红"
"""A name with a character outside the BMP, an emoji, a vertical tab and an ANSI colour escape."""
KEPT = ("吉𠮷野家", "😀")
"""What every output must still hold of it."""


def hostile_plan() -> str:
    def q(text: str) -> str:  # YAML double quotes: the controls written as escapes, the rest as characters
        return json.dumps(text, ensure_ascii=False)

    return (
        f"title: {q('标题' + HOSTILE)}\nyear: 2024\nsource: {q('来源' + HOSTILE)}\n"
        f"stages:\n  - name: {q('阶段' + HOSTILE)}\n    tasks:\n"
        f"      - id: t1\n        when: 5月10日前\n        task: {q('任务' + HOSTILE)}\n"
        f"        units: [{q('单位' + HOSTILE)}, 市农业局]\n        notes: {q('备注' + HOSTILE)}\n"
        f"tasks:\n  - id: t2\n    when: 一月一上报\n    task: {q('月报' + HOSTILE)}\n    units: {q('牵头' + HOSTILE)}\n"
    )


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    return folder(tmp_path, hostile_plan())


def ok(result: object, *, code: int = 0) -> str:
    """The command's stdout, once it is known to have ended as expected with no traceback."""
    from click.testing import Result

    assert isinstance(result, Result)
    assert result.exit_code == code, (result.exit_code, result.output, result.exception)
    assert "Traceback" not in result.output
    return result.stdout


def assert_kept(text: str) -> None:
    for kept in KEPT:
        assert kept in text, (kept, text[:500])


def assert_no_raw_controls(text: str) -> None:
    """Terminal text: no character that would move the cursor or recolour what follows."""
    assert "\x1b" not in text and "\v" not in text, repr(text[:500])


def read_feed(data: bytes) -> list[object]:
    """Every event of a feed as icalendar reads it; no line holds a property the plan's text injected."""
    import icalendar

    calendar = icalendar.Calendar.from_ical(data)
    events = list(calendar.walk("VEVENT"))
    assert events
    names = {line.split(b":")[0].split(b";")[0] for line in data.split(b"\r\n") if line and line[:1] != b" "}
    assert names <= {
        b"BEGIN",
        b"END",
        b"VERSION",
        b"PRODID",
        b"CALSCALE",
        b"METHOD",
        b"NAME",
        b"X-WR-CALNAME",
        b"DESCRIPTION",
        b"X-WR-CALDESC",
        b"X-WR-TIMEZONE",
        b"REFRESH-INTERVAL",
        b"X-PUBLISHED-TTL",
        b"UID",
        b"DTSTART",
        b"DTEND",
        b"DTSTAMP",
        b"LAST-MODIFIED",
        b"SEQUENCE",
        b"SUMMARY",
        b"CATEGORIES",
        b"TRANSP",
        b"ACTION",
        b"TRIGGER",
        b"STATUS",
        b"URL",
        b"RRULE",
        b"COMPLETED",
        b"X-APPLE-CALENDAR-COLOR",
        b"COLOR",
        b"SOURCE",
        b"ATTENDEE",
        b"ORGANIZER",
        b"LOCATION",
        b"PRIORITY",
        b"X-MICROSOFT-CDO-ALLDAYEVENT",
        b"RDATE",
        b"EXDATE",
    }, names
    return events


def test_check_and_when_show_the_text_without_raw_control_characters(hostile: Path) -> None:
    for args in (["check"], ["check", "--json"]):
        out = ok(run(*args, cwd=hostile))
        assert_kept(out)
        assert_no_raw_controls(out)
    checked = json.loads(ok(run("check", "--json", cwd=hostile)))
    assert {item["task"] for item in checked} == {"任务" + HOSTILE, "月报" + HOSTILE}  # JSON keeps them exactly
    out = ok(run("when", "5月10日前", "--year", "2024"))
    refused = run("when", "5月10日前" + HOSTILE, "--year", "2024")
    assert refused.exit_code == 2 and "Traceback" not in refused.output
    assert_no_raw_controls(refused.stderr)
    assert "😀" in refused.stderr


def test_build_publishes_every_output_and_each_reads_back(hostile: Path) -> None:
    import csv
    import io

    result = run("build", "--as-of", "2024-05-01", cwd=hostile)
    ok(result)
    assert "cannot draw '😀'" in result.stderr  # the chart's font lacks it: drawn as a box, and said
    out = hostile / "output" / "x"
    page = (out / "index.html").read_text(encoding="utf-8")
    assert_kept(page)
    assert "\x1b" not in page or "\\u001b" in page  # escaped in the page's data, if kept at all
    index = (hostile / "output" / "index.html").read_text(encoding="utf-8")
    assert "吉𠮷野家" in index
    summaries = [str(event["SUMMARY"]) for event in read_feed((out / "x.ics").read_bytes())]
    assert any("任务吉𠮷野家😀" in s for s in summaries), summaries
    for unit_feed in (out / "units").iterdir():
        read_feed(unit_feed.read_bytes())
    rows = list(csv.DictReader(io.StringIO((out / "milestones.csv").read_text(encoding="utf-8-sig"))))
    assert any(row["重点任务"] == "任务" + HOSTILE for row in rows), rows[:2]
    data = json.loads((out / "milestones.json").read_text(encoding="utf-8"))
    assert any(item["task"] == "任务" + HOSTILE for item in data["items"])
    import pypdfium2 as pdfium

    text = pdfium.PdfDocument((out / "gantt.pdf").read_bytes())[0].get_textpage().get_text_range()
    assert "任务吉𠮷野家😀" in text
    assert "吉𠮷野家😀" in (out / "gantt.svg").read_text(encoding="utf-8")
    from PIL import Image

    with Image.open(out / "gantt.png") as chart:
        assert chart.size[0] > 1000


@pytest.mark.parametrize("fmt", ["png", "pdf", "svg"])
def test_gantt_draws_the_text_and_names_what_it_boxed(hostile: Path, fmt: str) -> None:
    result = run("gantt", "schedules/x.yaml", "-o", f"g.{fmt}", "--as-of", "2024-05-01", cwd=hostile)
    ok(result)
    assert "cannot draw '😀' (U+1F600); each is drawn as □" in result.stderr
    assert (hostile / f"g.{fmt}").stat().st_size > 1000


def test_ics_reads_back_with_the_text_and_no_injected_line(hostile: Path) -> None:
    ok(run("ics", "schedules/x.yaml", "-o", "x.ics", cwd=hostile))
    events = read_feed((hostile / "x.ics").read_bytes())
    assert any("吉𠮷野家😀" in str(event["DESCRIPTION"]) for event in events)
    unit = ok(run("ics", "schedules/x.yaml", "--unit", "单位" + HOSTILE, cwd=hostile)).encode()
    assert read_feed(unit)


@pytest.mark.parametrize(
    "fmt",
    [
        "table",
        "md",
        "csv",
        "json",
        "html",
        "docx",
        "xlsx",
    ],
)
def test_report_in_every_format_reads_back(hostile: Path, fmt: str) -> None:
    target = hostile / f"r.{fmt}"
    # every row, whatever its state: the hostile text is in all of them
    ok(run("report", "--as-of", "2024-05-01", "--format", fmt, "-o", str(target), "--all", cwd=hostile))
    if fmt == "docx":
        import docx

        text = "\n".join(c.text for t in docx.Document(str(target)).tables for r in t.rows for c in r.cells)
    elif fmt == "xlsx":
        import openpyxl

        book = openpyxl.load_workbook(target)
        text = "\n".join(str(c.value) for sheet in book for row in sheet.iter_rows() for c in row)
    elif fmt == "json":
        items = json.loads(target.read_text(encoding="utf-8"))["items"]
        assert any(item["task"] == "月报" + HOSTILE for item in items)
        text = target.read_text(encoding="utf-8")
        assert "\x1b" not in text  # JSON escapes it
        text = json.dumps(items, ensure_ascii=False)
    else:
        text = target.read_text(encoding="utf-8-sig")
    assert_kept(text)
    if fmt == "table":
        assert_no_raw_controls(text)
        assert_no_raw_controls(ok(run("report", "--as-of", "2024-05-01", cwd=hostile)))


@pytest.mark.parametrize(
    "suffix",
    [
        "docx",
        "xlsx",
    ],
)
def test_export_to_office_files_reads_back(hostile: Path, suffix: str) -> None:
    ok(run("export", "schedules/x.yaml", "-o", f"e.{suffix}", cwd=hostile))
    imported = run("import", f"e.{suffix}", "-o", "schedules/back.yaml", "--year", "2024", cwd=hostile)
    ok(imported)
    back = (hostile / "schedules" / "back.yaml").read_text(encoding="utf-8")
    assert_kept(back)
    assert_kept(loads(back).all_tasks()[0].task)


def test_done_keeps_the_text_and_writes_the_note_escaped(hostile: Path) -> None:
    ok(run("done", "schedules/x.yaml", "t1", "--on", "2024-05-01", "--note", "好" + HOSTILE, cwd=hostile))
    text = (hostile / "schedules" / "x.yaml").read_text(encoding="utf-8")
    assert "\x1b" not in text and "\v" not in text
    task = loads(text).stages[0].tasks[0]
    assert task.notes == "好" + HOSTILE and task.task == "任务" + HOSTILE


def test_import_and_extract_keep_the_characters_and_give_a_plan_that_loads(hostile: Path) -> None:
    (hostile / "in.csv").write_text(
        f"阶段,时间,重点任务,责任单位\n准备{HOSTILE},5月10日前,完成{HOSTILE},市局{HOSTILE}、市农业局\n",
        encoding="utf-8",
    )
    ok(run("import", "in.csv", "-o", "imported/a.yaml", "--year", "2024", cwd=hostile))
    imported = (hostile / "imported" / "a.yaml").read_text(encoding="utf-8")
    assert_kept(imported)  # as characters a reviewer reads, not as `\U00020BB7`
    assert_kept(loads(imported).stages[0].tasks[0].task)
    (hostile / "prose.txt").write_text(
        f"一、总体要求{HOSTILE}\n各单位要在2024年5月10日前完成{HOSTILE}的任务。\n", encoding="utf-8"
    )
    ok(run("extract", "prose.txt", "-o", "imported/b.yaml", "--year", "2024", cwd=hostile))
    draft = (hostile / "imported" / "b.yaml").read_text(encoding="utf-8")
    assert_kept(draft)
    extracted = loads(draft)
    assert_kept(extracted.all_tasks()[0].task)
    # and the drafts are plans: checked with the rest
    ok(run("check", "imported", cwd=hostile))
