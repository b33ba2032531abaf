"""Responsible units: splitting the 责任单位 cell, aliases, and safe ASCII file names for feeds."""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence

from schedgen.errors import LoadError
from schedgen.model import Timeline, Unit

_WINDOWS_RESERVED = re.compile(r"con|prn|aux|nul|com[1-9]|lpt[1-9]", re.IGNORECASE)
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
    return not_reserved(slug or "unit-" + hashlib.sha1(name.encode()).hexdigest()[:8])


def not_reserved(name: str) -> str:
    """`name`, unless Windows reserves it for a device (`con`, `nul`, `com1` …): then `name-1`, so that a
    site copied to or opened on Windows holds no file it cannot open."""
    return f"{name}-1" if _WINDOWS_RESERVED.fullmatch(name) else name


def file_slug(stem: str) -> str:
    """A file stem as an id: ASCII letters, digits, `-`, `_` kept, the rest a `-`; pinyin when nothing is left."""
    return not_reserved(re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-")) or slugify(stem)


def unit_slugs(names: Iterable[str], registry: Iterable[Unit] = ()) -> dict[str, str]:
    """A distinct, stable slug for each unit name; registry slugs win, clashes get a hash suffix."""
    registry = list(registry)
    given = {u.name: u.slug for u in registry if u.slug}
    taken = {u.slug for u in registry if u.slug}  # a plan's own slug of a unit wins in that plan: none is free
    slugs = {name: given.get(name) or slugify(name) for name in sorted(set(names))}
    counts: dict[str, int] = {}
    for slug in slugs.values():
        counts[slug] = counts.get(slug, 0) + 1
    return {
        name: slug
        if name in given or (counts[slug] == 1 and slug not in taken)
        else f"{slug}-{hashlib.sha1(name.encode()).hexdigest()[:6]}"
        for name, slug in slugs.items()
    }


def slugs_for(found: Sequence[Timeline]) -> dict[str, str]:
    """The feed slug of every unit named in any of the timelines."""
    names = {name for t in found for item in t.items for name, _ in item.task.roles()}
    registry: list[Unit] = [u for t in found for u in t.schedule.units]
    return unit_slugs(names, registry)


def find_unit(found: Sequence[Timeline], name: str) -> str:
    """The unit a user means by `name` (its name or an alias), or an error listing the closest."""
    names = {n for t in found for item in t.items for n, _ in item.task.roles()}
    aliases = {a: u.name for t in found for u in t.schedule.units for a in u.aliases}
    if name in names:
        return name
    if aliases.get(name) in names:
        return aliases[name]
    near = difflib.get_close_matches(name, sorted(names), n=3, cutoff=0.3)
    hint = f"; did you mean {'、'.join(near)}?" if near else ""
    raise LoadError(f"no task names the unit `{name}`{hint}")
