"""The PDF writer, read back by real PDF readers: pdfium (Chrome's) renders the pages and extracts the
text, pypdf reads the file strictly. Each test asserts what a reader of the chart sees."""

from __future__ import annotations

import ctypes
import io
import logging
import os
import re
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import matplotlib
import numpy as np
import pypdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from matplotlib.ft2font import FT2Font, LoadFlags
from PIL import Image

from schedgen.export.chart.face import Face, face
from schedgen.export.chart.fonts import bundled_font
from schedgen.export.chart.pdf import pdf_document
from schedgen.export.chart.scene import Hatch, Label, Mark, MarkShape, Page, Rect, Rule, Shape

A4 = (841.89, 595.28)  # landscape, in points
SCALE = 2  # pixels a point when rendering
DEJAVU = Path(matplotlib.get_data_path()) / "fonts/ttf/DejaVuSans.ttf"


@pytest.fixture(scope="module")
def cjk() -> Face:
    font = bundled_font()
    assert font is not None, "the test extra installs mplfonts, which bundles Noto Sans CJK SC"
    return face(font)


@pytest.fixture(scope="module")
def latin() -> Face:
    return face(DEJAVU)


def page(*shapes: Shape, size: tuple[float, float] = A4) -> Page:
    return Page(size[0], size[1], shapes)


def render(data: bytes, index: int = 0) -> Image.Image:
    """Page `index` as an RGB image, SCALE pixels a point, origin top-left like the scene."""
    return pdfium.PdfDocument(data)[index].render(scale=SCALE).to_pil().convert("RGB")


def pixel(image: Image.Image, x: float, y: float) -> tuple[int, int, int]:
    found = image.getpixel((round(x * SCALE), round(y * SCALE)))
    assert isinstance(found, tuple)
    return found[0], found[1], found[2]


def near(found: tuple[int, int, int], color: str, slack: int = 3) -> bool:
    wanted = (int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16))
    return all(abs(a - b) <= slack for a, b in zip(found, wanted, strict=True))


def dark(image: Image.Image, box: tuple[float, float, float, float]) -> int:
    """How many pixels inside `box` (x0, y0, x1, y1 in points) are dark."""
    crop = image.crop(tuple(round(v * SCALE) for v in box)).convert("L")
    return sum(1 for value in crop.tobytes() if value < 100)


def texts(data: bytes) -> list[str]:
    document = pdfium.PdfDocument(data)
    return [document[i].get_textpage().get_text_range() for i in range(len(document))]


def test_one_pdf_page_a_page_at_its_size(cjk: Face) -> None:
    data = pdf_document(
        [page(Label(40, 60, "准备发动阶段", 12)), page(size=(1190.55, 841.89)), page(size=(300.004, 200))],
        cjk,
        title="t",
    )
    document = pdfium.PdfDocument(data)
    assert [tuple(round(v, 2) for v in document[i].get_size()) for i in range(len(document))] == [
        A4,
        (1190.55, 841.89),
        (300.0, 200.0),
    ]
    boxes = re.findall(rb"/MediaBox \[ ?0 0 ([\d.]+) ([\d.]+) ?\]", data)
    assert boxes == [(b"841.89", b"595.28"), (b"1190.55", b"841.89"), (b"300", b"200")]


def test_chinese_labels_are_text_a_reader_finds_and_copies(cjk: Face) -> None:
    data = pdf_document(
        [
            page(Label(40, 60, "安丘市生态农场建设工作配档表", 16), Label(40, 90, "市农业农村局、市委宣传部", 9)),
            page(Label(40, 60, "2月20日前 成立工作领导小组", 9)),
        ],
        cjk,
        title="安丘市",
    )
    first, second = texts(data)
    assert "安丘市生态农场建设工作配档表" in first
    assert "市农业农村局、市委宣传部" in first
    assert "2月20日前 成立工作领导小组" in second
    assert pdfium.PdfDocument(data)[0].get_textpage().search("安丘市").get_next() is not None


def test_a_document_of_many_characters_keeps_every_one_and_each_glyph_once(cjk: Face) -> None:
    many = "".join(ch for ch in map(chr, range(0x4E00, 0x4E00 + 900)) if cjk.glyph(ch) is not None)[:700]
    lines = [many[i : i + 50] for i in range(0, len(many), 50)]
    # the same text again on a second page, and a line mixing the first and the last characters used
    shapes = [Label(20, 20 + 14 * i, line, 10) for i, line in enumerate(lines)]
    mixed = many[0] + many[-1] + many[300] + many[1]
    data = pdf_document([page(*shapes), page(*shapes, Label(20, 500, mixed, 10))], cjk, title="t")
    first, second = texts(data)
    assert first.split() == lines
    assert second.split() == [*lines, mixed]
    reader = pypdf.PdfReader(io.BytesIO(data), strict=True)
    procs = {
        ref.idnum
        for font in reader.pages[0]["/Resources"]["/Font"].values()
        for ref in font.get_object()["/CharProcs"].values()
    }
    assert len(procs) == len(set(many))


def test_each_character_stands_where_the_face_advances_it(cjk: Face, latin: Face) -> None:
    for font, text in ((latin, "Wij AVA fill 2024"), (cjk, "安丘市 (A) 年底前")):
        data = pdf_document([page(Label(30.5, 100, text, 20))], font, title="t")
        textpage = pdfium.PdfDocument(data)[0].get_textpage()
        x, y = ctypes.c_double(), ctypes.c_double()
        origins = []
        for index in range(textpage.count_chars()):
            assert pdfium_c.FPDFText_GetCharOrigin(textpage, index, x, y)
            origins.append((x.value, y.value))
        pen, expected = 30.5, []
        for char in text:
            expected.append((pen, A4[1] - 100))
            pen += font.advance(char) * 20
        # pdfium keeps a width in whole thousandths of an em: each character may drift that much further
        assert origins == [pytest.approx(point, abs=0.01 + i * 20 / 2000) for i, point in enumerate(expected)]


def test_a_character_the_font_lacks_is_drawn_as_a_box_and_keeps_its_text(latin: Face) -> None:
    assert not latin.has("安") and latin.glyph("安") == latin.glyph("□")
    textpage = pdfium.PdfDocument(pdf_document([page(Label(30, 100, "A安B", 20))], latin, title="t"))[0].get_textpage()
    assert textpage.get_text_range() == "A安B"
    x, y = ctypes.c_double(), ctypes.c_double()
    assert pdfium_c.FPDFText_GetCharOrigin(textpage, 2, x, y)
    assert x.value == pytest.approx(30 + (latin.advance("A") + latin.advance("□")) * 20, abs=0.02)


def test_glyphs_have_the_shapes_freetype_draws_from_the_font(cjk: Face, latin: Face) -> None:
    def inked(mask: np.ndarray) -> np.ndarray:
        """The ink of a rendering, moved to the top-left corner of a canvas 300 pixels square."""
        rows, cols = np.nonzero(mask)
        canvas = np.zeros((300, 300), dtype=bool)
        ink = mask[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1]
        canvas[: ink.shape[0], : ink.shape[1]] = ink
        return canvas

    # the TrueType font's quadratic curves and the CJK font's cubic ones, each glyph alone (no kerning)
    for font, path in ((latin, DEJAVU), (cjk, bundled_font())):
        assert path is not None
        for char in "OS&8g安丘":
            if not font.has(char):
                continue
            data = pdf_document([page(Label(50, 300, char, 200), size=(400, 400))], font, title="t")
            drawn = inked(np.asarray(pdfium.PdfDocument(data)[0].render(scale=1).to_pil().convert("L")) < 128)
            reference = FT2Font(str(path))
            reference.set_size(200, 72)
            reference.set_text(char, 0.0, flags=LoadFlags.NO_HINTING)
            reference.draw_glyphs_to_bitmap(antialiased=True)
            wanted = inked(np.asarray(reference.get_image()) > 127)
            overlap = (drawn & wanted).sum() / (drawn | wanted).sum()
            assert overlap > 0.97, (char, overlap)  # a glyph whose curves were drawn as lines scores < 0.92


def test_black_text_inks_the_page_where_it_stands(cjk: Face, latin: Face) -> None:
    for font, text in ((cjk, "督办事项"), (latin, "Deadline")):
        data = pdf_document([page(Label(100, 200, text, 24))], font, title="t")
        image = render(data)
        width = font.width(text, 24)
        assert dark(image, (100, 200 - 18, 100 + width, 200)) > 200
        assert dark(image, (100, 210, 100 + width, 260)) == 0
        assert dark(image, (100 + width + 5, 170, 400, 210)) == 0


def test_text_takes_its_colour(cjk: Face) -> None:
    image = render(pdf_document([page(Label(100, 200, "逾期", 40, color="#c62828"))], cjk, title="t"))
    crop = image.crop((200, 300, 300, 400))
    assert any(near(color, "#c62828", 8) for _, color in crop.getcolors(100_000) or [])
    assert not any(r < 100 and g < 100 and b < 100 for _, (r, g, b) in crop.getcolors(100_000) or [])


def test_text_after_a_see_through_rect_is_solid(cjk: Face) -> None:
    data = pdf_document(
        [page(Rect(0, 0, 10, 10, fill="#4a7fc1", opacity=0.3), Label(100, 200, "一", 60))], cjk, title="t"
    )
    image = render(data)
    # the middle of the stroke of 一, a bar across the em box just under its middle
    darkest = min(pixel(image, 130, y / SCALE) for y in range(170 * SCALE, 190 * SCALE))
    assert near(darkest, "#000000", 10)


def test_rects_are_filled_outlined_and_see_through_by_their_opacity(cjk: Face) -> None:
    data = pdf_document(
        [
            page(
                Rect(100, 100, 200, 40, fill="#4a7fc1", stroke="#1f3f66", line_width=2),
                Rect(100, 200, 200, 40, fill="#000000", opacity=0.5),
                Rect(100, 300, 200, 40, stroke="#d64541", line_width=2),
            )
        ],
        cjk,
        title="t",
    )
    image = render(data)
    assert near(pixel(image, 200, 120), "#4a7fc1")
    assert near(pixel(image, 100, 120), "#1f3f66", 20)  # on the outline
    assert near(pixel(image, 200, 220), "#808080", 4)
    assert near(pixel(image, 200, 320), "#ffffff")  # an outline only is not filled
    assert near(pixel(image, 200, 300), "#d64541", 20)
    assert near(pixel(image, 200, 160), "#ffffff")


@pytest.mark.parametrize("hatch", [Hatch.DIAGONAL, Hatch.CROSS, Hatch.DOTS])
def test_a_hatched_rect_shows_its_stroke_colour_across_its_fill(cjk: Face, hatch: Hatch) -> None:
    data = pdf_document(
        [
            page(
                Rect(100, 100, 300, 60, fill="#f0a830", stroke="#7a1010", line_width=0.8, hatch=hatch, opacity=0.5),
                Rect(100, 200, 300, 60, fill="#f0a830", stroke="#7a1010", line_width=0.8),
                # without a stroke there is no colour to hatch in, as on the PNG and SVG
                Rect(100, 300, 300, 60, fill="#f0a830", hatch=hatch),
            )
        ],
        cjk,
        title="t",
    )
    image = render(data)

    def crossings(y: float) -> int:
        """How often a row of pixels across the rect's inside passes from its fill to the hatch."""
        row = [pixel(image, x / SCALE, y) for x in range(105 * SCALE, 395 * SCALE)]
        hatched = [sum(color) < sum((0xF0, 0xA8, 0x30)) - 150 for color in row]
        return sum(1 for a, b in pairwise(hatched) if b and not a)

    # the hatch is drawn at full strength, not at the fill's opacity
    found = {pixel(image, x / SCALE, y / SCALE) for x in range(210, 790) for y in range(220, 300)}
    assert any(near(color, "#7a1010", 40) for color in found)
    assert max(crossings(y) for y in (120, 125, 130, 135, 140)) >= 20
    assert max(crossings(y) for y in (220, 225, 230, 235, 240)) == 0
    assert max(crossings(y) for y in (320, 325, 330, 335, 340)) == 0


def test_rules_solid_and_dashed(cjk: Face) -> None:
    data = pdf_document(
        [
            page(
                Rule(100, 100, 500, 100, "#000000", 2),
                Rule(100, 200, 500, 200, "#c62828", 2, dash=(6, 4)),
                Rule(600, 100, 600, 400, "#000000", 1),
            )
        ],
        cjk,
        title="t",
    )
    image = render(data)
    solid = [pixel(image, x / SCALE, 100) for x in range(200 * SCALE, 500 * SCALE)]
    assert all(near(color, "#000000", 10) for color in solid)
    dashed = [near(pixel(image, x / SCALE, 200), "#c62828", 20) for x in range(200 * SCALE, 500 * SCALE)]
    assert 0.5 < sum(dashed) / len(dashed) < 0.7  # six points of ten drawn
    assert near(pixel(image, 600, 250), "#000000", 60)


def test_marks_diamonds_filled_and_outlined_and_ticks(cjk: Face) -> None:
    data = pdf_document(
        [
            page(
                Mark(100, 100, MarkShape.DIAMOND, 20, "#000000", 1.5, fill="#f0a830"),
                Mark(200, 100, MarkShape.DIAMOND, 20, "#000000", 1.5),
                Mark(300, 100, MarkShape.TICK, 20, "#000000", 2),
            )
        ],
        cjk,
        title="t",
    )
    image = render(data)
    assert near(pixel(image, 100, 100), "#f0a830")
    assert near(pixel(image, 100, 94), "#f0a830")  # inside, near the top corner
    assert near(pixel(image, 93, 93), "#ffffff")  # outside the diamond, inside its square
    assert sum(pixel(image, 95, 100)) > sum(pixel(image, 90, 100))  # the outline at its left corner
    assert near(pixel(image, 200, 100), "#ffffff")  # an outline only
    assert near(pixel(image, 300, 95), "#000000", 30)
    assert near(pixel(image, 300, 112), "#ffffff")  # a tick ends half its size below its centre


def test_pypdf_reads_it_strictly_without_a_warning(cjk: Face, latin: Face, caplog: pytest.LogCaptureFixture) -> None:
    shapes = (
        Rect(10, 10, 100, 20, fill="#4a7fc1", stroke="#1f3f66", line_width=0.6, hatch=Hatch.CROSS, opacity=0.7),
        Rule(10, 40, 300, 40, "#c62828", 1.1, dash=(4, 2)),
        Mark(50, 60, MarkShape.DIAMOND, 7, "#37474f", 0.9, fill="#ffffff"),
        Label(10, 90, "安丘市 Anqiu", 9),
    )
    for font in (cjk, latin):
        with caplog.at_level(logging.WARNING, logger="pypdf"):
            data = pdf_document([page(*shapes), page(*shapes)], font, title="t")
            reader = pypdf.PdfReader(io.BytesIO(data), strict=True)
            assert len(reader.pages) == 2
            assert ("安丘市 Anqiu" if font is cjk else "Anqiu") in reader.pages[1].extract_text()
            # every object where the cross-reference table says it is, every stream decoding
            size = reader.trailer["/Size"]
            for number in range(1, size):
                found = reader.get_object(number)
                if isinstance(found, pypdf.generic.StreamObject):
                    assert found.get_data()
        assert caplog.records == []


HASH_SEED = """
import os, sys
from pathlib import Path
from schedgen.export.chart.face import face
from schedgen.export.chart.pdf import pdf_document
from schedgen.export.chart.scene import Hatch, Label, Page, Rect
shapes = (Label(10, 30, "年底前 各责任单位", 9), Rect(10, 40, 50, 10, fill="#e0e0e0", stroke="#424242", hatch=Hatch.DOTS, opacity=0.4))
sys.stdout.buffer.write(pdf_document([Page(300, 200, shapes)] * 2, face(Path(sys.argv[1])), title="配档表"))
"""


def test_the_same_pages_give_the_same_bytes_in_any_process(cjk: Face) -> None:
    def document(seed: str) -> bytes:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        found = subprocess.run(
            [sys.executable, "-c", HASH_SEED, str(cjk.path)], env=env, capture_output=True, check=True
        )
        return found.stdout

    first = document("1")
    assert document("2") == first
    assert document("1") == first
    assert re.search(rb"/ID \[<([0-9a-f]{32})> <\1>\]", first)
    assert pdfium.PdfDocument(first)[1].get_textpage().get_text_range() == "年底前 各责任单位"


@pytest.mark.parametrize("title", ["安丘市生态农场建设工作配档表 (附件2) a\\b", "plan (draft)) \\ 2024", "𠀀 emoji 🙂"])
def test_the_title_round_trips(cjk: Face, title: str) -> None:
    data = pdf_document([page()], cjk, title=title)
    reader = pypdf.PdfReader(io.BytesIO(data), strict=True)
    assert reader.metadata is not None
    assert reader.metadata.title == title
    assert reader.metadata.creator == "schedgen"
    assert pdfium.PdfDocument(data).get_metadata_value("Title") == title
