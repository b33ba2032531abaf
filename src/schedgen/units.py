"""Responsible units: splitting the 责任单位 cell, aliases, and safe ASCII file names for feeds."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping

from schedgen.model import Unit

_SEPARATORS = re.compile(r"[、，,;；\s\u3000]+")


def split_units(text: str) -> tuple[str, ...]:
    """One cell of a 配档表 to unit names: `市农业农村局、市委宣传部，各镇街区` -> three names.

    Separators inside brackets stay: `各县(市、区)农业农村局` is one name.
    """
    if not any(ch in text for ch in "(（[【"):
        return tuple(name for name in _SEPARATORS.split(text) if name)
    names: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in text:
        depth += (ch in "(（[【") - (ch in ")）]】")
        if depth <= 0 and _SEPARATORS.fullmatch(ch):
            names.append("".join(current))
            current, depth = [], 0
        else:
            current.append(ch)
    names.append("".join(current))
    return tuple(name.strip() for name in names if name.strip())


def canonical(name: str, registry: Mapping[str, str]) -> str:
    """The registry name of a unit written under an alias (`财政局` -> `市财政局`)."""
    return registry.get(name, name)


def alias_map(units: Iterable[Unit]) -> dict[str, str]:
    """Every alias of every registered unit, mapped to the unit's name."""
    return {alias: unit.name for unit in units for alias in unit.aliases}


def slugify(name: str) -> str:
    """A lower-case ASCII slug for a name, by pinyin: `市财政局` -> `shi-cai-zheng-ju`.

    Only `a-z`, `0-9` and `-` survive, so a slug can never hold `/`, `..` or a space.
    """
    from pypinyin import Style, lazy_pinyin

    words = lazy_pinyin(name, style=Style.NORMAL, errors="default")
    slug = re.sub(r"[^a-z0-9]+", "-", "-".join(words).lower()).strip("-")
    if len(slug) > 60:
        slug = slug[:61].rsplit("-", 1)[0]
    return slug or "unit-" + hashlib.sha1(name.encode()).hexdigest()[:8]


def unit_slugs(names: Iterable[str], registry: Iterable[Unit] = ()) -> dict[str, str]:
    """A distinct, stable slug for each unit name; registry slugs win, clashes get a hash suffix."""
    given = {u.name: u.slug for u in registry if u.slug}
    slugs = {name: given.get(name) or slugify(name) for name in sorted(set(names))}
    counts: dict[str, int] = {}
    for slug in slugs.values():
        counts[slug] = counts.get(slug, 0) + 1
    return {
        name: slug if counts[slug] == 1 or name in given else f"{slug}-{hashlib.sha1(name.encode()).hexdigest()[:6]}"
        for name, slug in slugs.items()
    }


def file_slug(stem: str) -> str:
    """The ASCII letters, digits, `-` and `_` of a file's stem, runs of anything else as one `-`: `海东 2024` -> `2024`.

    Empty when nothing survives; each caller chooses its fallback.
    """
    return re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-")
