"""A picture of a draft's review page, to look at by hand (issue 21, item 5); the picture is not committed.

    python bench/review_screenshot.py tests/corpus/p-02.txt /tmp/review.png [--year 2025] [--width 1400]

Drafts the document as `schedgen extract` does, writes its review page with the bundled Chinese font
inside (a headless machine has no Chinese font of its own), opens it in Debian's headless Chromium (as
tests/test_browser.py does) and saves a full-page PNG.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from schedgen.importers.documents import plan_text
from schedgen.importers.prose import extract
from schedgen.importers.review import review_page
from schedgen.units import file_slug


def main() -> None:
    """Draft, render, save."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("document", type=Path)
    parser.add_argument("picture", type=Path)
    parser.add_argument("--year", type=int)
    parser.add_argument("--width", type=int, default=1400)
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("needs Debian's chromium (apt install chromium)")
    from playwright.sync_api import sync_playwright

    draft = extract(
        plan_text(args.document), year=args.year, stem=file_slug(args.document.stem), name=args.document.stem
    )
    with tempfile.TemporaryDirectory() as folder:
        review = Path(folder) / f"{args.document.stem}.review.html"
        review.write_text(review_page(draft, source=args.document.name, font=True), encoding="utf-8")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": args.width, "height": 900})
            page.goto(review.as_uri())
            page.screenshot(path=str(args.picture), full_page=True)
            browser.close()
    print(f"wrote {args.picture}")


if __name__ == "__main__":
    main()
