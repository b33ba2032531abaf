"""What a build is made of: parts of the site, each keyed by what decides its content."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from schedgen import __version__
from schedgen.files import Spliced

Render = Callable[[], Mapping[str, bytes | Spliced]]
"""A part's files, rendered when asked for: a build writes each part as it goes. A file may come as pieces of
published ones (`files.Spliced`)."""


@dataclass(frozen=True)
class Part:
    """One unit of work of the site: the files it renders, by path, and what decides their content.

    `name` tells the unit from one build to the next (a file's path, or `<id>/gantt` for the charts of
    a plan). A part with a `key` is reused whole from the previous build when the key is the same, its
    files the ones the previous build's manifest lists under the name; one without is always rendered.
    A `heavy` part is CPU-bound and renders in a worker process when there are several. A `deferrable`
    one may be left out of date, or stood in for, and drawn once the site is out (the charts, which
    `serve` and `build --charts later` draw after publishing the pages and feeds).
    """

    name: str
    render: Render
    key: str | None = None
    heavy: bool = False
    deferrable: bool = False
    stand_in: Render | None = None
    """What the site holds of a deferrable part until it is drawn, under the same names (a chart that
    says it is being drawn), so that no page links to a missing file meanwhile."""


@dataclass(frozen=True)
class Made:
    """What a build recorded of a part: the key its files were rendered from (None: out of date), their paths,
    and the digest of each file's bytes (None: not recorded), which a file must still match to be reused (a
    file's None: not worked out, see `Staging.reuse`)."""

    key: str | None
    files: tuple[str, ...]
    digests: tuple[str | None, ...] | None = None


def content_key(*parts: object) -> str:
    """A key for what makes a file: the program's own code and the values the file is rendered from."""
    return hashlib.sha256(_code_digest() + repr(parts).encode()).hexdigest()


RENDERERS = ("Pillow", "zlib-ng", "fonttools", "zxing-cpp", "Jinja2")
"""The libraries whose version decides an output's bytes (PNG, its deflate, font cuts and faces, QR codes, pages)."""


@cache
def _code_digest() -> bytes:
    """The program's code and shipped templates, and the versions of the libraries that render: a new
    version of any renders anew."""
    from importlib import metadata
    from importlib.resources import files

    made = hashlib.sha256(__version__.encode())
    for name in RENDERERS:
        try:
            made.update(f"{name}={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            made.update(f"{name}\0".encode())
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*.py")) + sorted(package.glob("*.json")):
        made.update(path.read_bytes())
    for entry in sorted(files("schedgen.templates").iterdir(), key=lambda e: e.name):
        if entry.is_file():
            made.update(entry.name.encode() + entry.read_bytes())
    return made.digest()


def digest(data: bytes | None) -> str | None:
    """A file's digest, or None for no file."""
    return None if data is None else hashlib.sha256(data).hexdigest()
