"""Text a plan may hold and a renderer may not expect: characters outside the Basic Multilingual Plane
(𠮷 in a name, an emoji), escapes that make lone surrogates, and control characters, through every output."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from schedgen.errors import LoadError
from schedgen.export.gantt import ChartOptions, render
from schedgen.export.webfont import shown
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
