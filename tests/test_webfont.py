"""The pages read right on a machine without a Chinese font: the charts' font travels inside them."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from schedgen.export.page.webfont import SLOT, fill, shown

from .conftest import SCHEDULES, run
from .test_browser import ARGS, CHROMIUM

HEADING = "安丘市生态农场建设工作配档表"


def test_a_page_carries_exactly_the_characters_it_shows() -> None:
    page = f'<style>{SLOT}</style><h1>{HEADING}</h1><script>{{"t": "\\u6d77\\u4e1c"}}</script>'
    assert shown(page) == "".join(sorted(set(HEADING + "海东")))
    filled = fill(page)
    face = re.search(
        r'@font-face \{ font-family: "schedgen CJK"; src: url\(data:font/(woff2?);base64,([^)]+)\)', filled
    )
    assert face, filled[:300]
    from base64 import b64decode
    from io import BytesIO

    from fontTools.ttLib import TTFont

    font = TTFont(BytesIO(b64decode(face[2])))
    assert set(map(chr, font.getBestCmap())) == set(HEADING + "海东")
    # after every system Chinese font, before the generic family
    assert re.search(r'body \{ font-family: "Noto Sans CJK SC", .*"schedgen CJK", sans-serif; \}', filled)
    assert fill("<p>no slot</p>") == "<p>no slot</p>"


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The Anqiu page as built, and the same page with the font taken out."""
    root = tmp_path_factory.mktemp("webfont")
    out = root / "out"
    result = run(
        "build", str(SCHEDULES / "anqiu-eco-farm.yaml"), "-o", str(out), "--only", "html", "--as-of", "2023-03-06"
    )
    assert result.exit_code == 0, result.stderr
    built = out / "anqiu-eco-farm" / "index.html"
    html = built.read_text(encoding="utf-8")
    assert "font-src data:" in html and html.count("@font-face") == 1
    bare = root / "bare.html"
    bare.write_text(re.sub(r"@font-face \{[^}]*\}", "", html), encoding="utf-8")
    return built, bare


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if CHROMIUM is None:
        pytest.skip("needs Debian's chromium (apt install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


def heading_shots(browser, path: Path) -> tuple[bytes, bytes]:  # type: ignore[no-untyped-def]
    """The page's heading, and the same characters in reverse order: tofu boxes look the same either way."""
    page = browser.new_page(viewport={"width": 1200, "height": 400})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    page.evaluate("document.fonts.ready")
    heading = page.locator("h1")
    assert heading.text_content() == HEADING
    first = heading.screenshot()
    heading.evaluate("(h, text) => { h.textContent = text; }", HEADING[::-1])
    second = heading.screenshot()
    page.close()
    assert all(url.startswith(("file:", "data:")) for url in requests), requests  # nothing from the network
    return first, second


def test_the_heading_is_drawn_not_boxed(browser, pages: tuple[Path, Path]) -> None:  # type: ignore[no-untyped-def]
    built, bare = pages
    first, second = heading_shots(browser, built)
    assert first != second  # fourteen different glyphs: reversed, the picture changes
    no_system_font = not subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout.strip()
    if shutil.which("fc-list") and no_system_font:
        # the control: without the embedded font this machine draws fourteen identical boxes
        assert len(set(heading_shots(browser, bare))) == 1


def test_a_seed_page_is_cut_from_the_common_characters_font_unless_its_plan_has_a_rarer_one(tmp_path: Path) -> None:
    # a page shows its template's own characters (the detail's close button ✕) and GB 2312's second level
    # (遴选, place names' 濮 and 岚): one character outside the common font made every page of a province be
    # cut from the whole font, four times as slow. Only a character rarer still, in the plan itself, may.
    from schedgen.export.page import webfont

    assert run("build", str(SCHEDULES), "-o", str(tmp_path), "--only", "html", "--as-of", "2024-05-01").exit_code == 0
    pages = sorted(tmp_path.glob("*/index.html"))
    assert len(pages) >= 5
    for page in pages:
        outside = set(shown(page.read_text(encoding="utf-8"))) - webfont.common_characters()
        plan = (SCHEDULES / f"{page.parent.name}.yaml").read_text(encoding="utf-8")
        assert all(c in plan and not _in_gb2312(c) for c in outside), (page, outside)
    assert set("遴濮岚✕—") <= webfont.common_characters()


def _in_gb2312(character: str) -> bool:
    try:
        character.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def test_a_cut_from_the_common_characters_font_is_the_cut_from_the_whole_font(tmp_path: Path) -> None:
    # the shortcut must not make a page's bytes depend on what the cache folder holds
    from schedgen.export.chart.fonts import bundled_font
    from schedgen.export.page import webfont

    font = bundled_font()
    assert font is not None
    common = webfont._common(font, tmp_path, "identity")
    assert common is not None and common.stat().st_size < font.stat().st_size / 5
    text = "".join(sorted(set("安丘市生态农场建设工作配档表，（）2023年3月1日前：各镇街区ABC")))
    assert set(text) <= webfont.common_characters()
    assert webfont._subset(common, text, "woff") == webfont._subset(font, text, "woff")


def test_a_cache_folder_that_cannot_be_written_costs_one_common_cut_not_one_a_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the common cut (7,500 glyphs, 2.4 s) is worth making only when the cache keeps it: a service user's
    # home that cannot be written made it again, and threw it away, for every page (a province's 500 pages)
    from schedgen.export.page import webfont

    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setattr(webfont, "_cache_folder", lambda: blocked / "schedgen")
    monkeypatch.setattr(webfont, "common_characters", lambda: frozenset(HEADING + "海东青"))  # a small cut: quick
    cut = webfont._subset
    common_cuts = []

    def counted(font: Path, characters: str, kind: str | None) -> bytes:
        if kind is None:
            common_cuts.append(characters)
        return cut(font, characters, kind)

    monkeypatch.setattr(webfont, "_subset", counted)
    for text in ("安丘市", "海东", "生态农场"):
        assert "@font-face" in webfont.font_css(text)
    assert len(common_cuts) <= 1
