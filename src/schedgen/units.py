"""Responsible units: splitting the 责任单位 cell, aliases, and safe ASCII file names for feeds."""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol

from schedgen.errors import LoadError
from schedgen.i18n import _
from schedgen.model import Finding, Task, Timeline, Unit

_WINDOWS_RESERVED = re.compile(r"con|prn|aux|nul|com[1-9]|lpt[1-9]", re.IGNORECASE)
_SEPARATORS = re.compile(r"[、，,;；\s\u3000]+")
# `等` ends a list ("and others"): it is never part of the last unit's name (`市卫生健康委等部门`)
_ETC = re.compile(r"等(?:(?:有关|相关)?(?:部门|单位))?$")
# two collective names run together, `各县区各市直相关部门`: the second `各` starts a name of its own
_SECOND_EACH = re.compile(r"(?<=[区县市镇乡街道办部门局委位府处会）)])(?=各)")
# the format characters a copied name carries and no one sees: soft hyphen, Arabic letter mark, Mongolian vowel
# separator, zero-width spaces, joiners and direction marks, embeddings and overrides, word joiner and invisible
# operators, isolates, BOM, interlinear annotation marks
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]")
_OPENING = re.compile(r"[(（\[【]")
_CLOSING = {"(": ")", "（": "）", "[": "]", "【": "】"}
_CLOSED = frozenset(_CLOSING.values())
# a name written whole in brackets, as a table cell copied with them: ［市财政局］ (matched after NFKC too)
_ENCLOSED = re.compile(r"^[\[(【〔［（]([^\[\]()【】〔〕［］（）]+)[\])】〕］）]$")
ALL_UNITS = re.compile(r"(?:各|有关|相关|各有关|各相关)(?:责任|成员|参与|牵头)?单位")
"""Names that mean every unit of the plan (`各责任单位`, `有关单位`): not a unit of their own."""
# the formal name of a body that a plan also writes without its last words (各县区 / 各县区人民政府)
_FORMAL_ENDINGS = ("人民政府", "政府", "管委会", "党委和政府", "党委政府")
# the level a name opens with, which a plan also leaves out (财政局 / 市财政局)
_PLACES = "省市县区州盟旗"
# a level copied apart from its name by a space (`市 财政局`): one name, not a unit `市` and a unit `财政局`
_LONE_PLACE = re.compile(rf"(^|[、，,;；\s\u3000])([{_PLACES}])[\s\u3000]+(?=[^\s\u3000、，,;；])")
# a role written into the cell beside a unit's name: `市财政局（牵头）`, `市审计局(配合)`
_ANY_ROLE = re.compile(r"[（(]\s*(?:牵头|主责|配合|协办|协助)")
_ROLE_MARK = re.compile(r"^(?P<name>.+?)\s*[（(]\s*(?P<role>牵头(?:单位)?|主责|配合(?:单位)?|协办|协助)\s*[)）]$")


def split_units(text: str) -> tuple[str, ...]:
    """One cell of a 配档表 to unit names: `市农业农村局、市委宣传部，各镇街区` -> three names.

    Separators inside brackets stay: `各县(市、区)农业农村局` is one name, and so does a space after a level
    (`市 财政局`).
    """
    text = _LONE_PLACE.sub(r"\1\2", text)
    if _OPENING.search(text) is None:
        return tuple(name for name in _SEPARATORS.split(text) if name)
    names: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in text:
        depth += (ch in _CLOSING) - (ch in _CLOSED)
        if depth <= 0 and _SEPARATORS.fullmatch(ch):
            names.append("".join(current))
            current, depth = [], 0
        else:
            current.append(ch)
    names.append("".join(current))
    return tuple(name.strip() for name in names if name.strip())


def unclosed(text: str) -> int | None:
    """Where a bracket opens that a name never closes, when a separator follows it: `split_units` keeps
    separators inside brackets, so every name after it was read as part of this one. None otherwise."""
    if _OPENING.search(text) is None:  # nearly every name: no bracket at all
        return None
    opened: list[int] = []
    for at, ch in enumerate(text):
        if ch in _CLOSING:
            opened.append(at)
        elif ch in _CLOSED and opened:
            opened.pop()
    if opened and _SEPARATORS.search(text, opened[0]):
        return opened[0]
    return None


def marked_roles(names: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The names a cell marks as leading (`市财政局（牵头）`) and as supporting (`市审计局（配合）`), each without
    its mark, and the rest as written."""
    if _ANY_ROLE.search("\0".join(names)) is None:  # nearly every cell: one search in C, not one a name
        return (), (), tuple(names)
    lead: list[str] = []
    support: list[str] = []
    rest: list[str] = []
    for name in names:
        marked = _ROLE_MARK.match(name.strip())
        if marked is None:
            rest.append(name)
        elif marked["role"].startswith(("牵头", "主责")):
            lead.append(marked["name"])
        else:
            support.append(marked["name"])
    return tuple(lead), tuple(support), tuple(rest)


def etc_of(names: Iterable[str]) -> tuple[str, ...]:
    """The written names that end a list with `等` (others the plan does not name)."""
    return tuple(name for name in names if _ETC.search(name.strip()))


def plain_name(name: str) -> str:
    """A unit's name without the spaces around it and the characters no one sees (a zero-width space, a soft
    hyphen, a BOM, a direction mark: Unicode's format characters), which a name copied from a web page
    carries: `市财政局\u200b` is 市财政局, not a second unit with a feed of its own that looks the same."""
    if _INVISIBLE.search(name) is None:  # nearly every name: one search in C, a province's 150,000 of them
        return name.strip()
    return _INVISIBLE.sub("", name).strip()


def unit_names(name: str) -> tuple[str, ...]:
    """One written name as the units it names: `等` dropped, run-together collective names split.

    >>> unit_names("市卫生健康委等"), unit_names("各县区各市直相关部门")
    (('市卫生健康委',), ('各县区', '各市直相关部门'))
    """
    name = plain_name(name)
    name = _ETC.sub("", name) or name
    if name.startswith("各"):
        return tuple(part for part in _SECOND_EACH.split(name) if part)
    return (name,)


def identity_findings(tasks: Sequence[Task], everyone: Sequence[str]) -> dict[str, tuple[Finding, ...]]:
    """What a reader should know about the units of one plan's tasks, by task id: names that are
    probably one unit (one is the other plus 人民政府, a full-width or traditional spelling), with the
    `units:` line that would merge them, names probably cut in two (`市 财政局`) or run together by a bracket
    never closed, lists ended with `等`
    (units left unnamed, with no feed), and collective names read as every unit of the plan."""
    named = list(dict.fromkeys(n for task in tasks for n, _ in task.roles()))
    merges: dict[str, list[str]] = {}
    for variant, formal in probably_one(named):
        merges.setdefault(formal, []).append(variant)
    notes: dict[str, list[Finding]] = {}
    for formal, variants in merges.items():
        line = f"{_yaml(formal)}: {{aliases: [{', '.join(map(_yaml, variants))}]}}"
        for variant in variants:
            message = f"「{variant}」与「{formal}」可能是同一单位；若是，在 units: 下写 {line}"
            for task in tasks:
                if any(n == variant for n, _ in task.roles()):
                    notes.setdefault(task.id, []).append(Finding("unit-alias", message))
    known = set(named)
    for task in tasks:
        for message in _split_names(task, known):
            notes.setdefault(task.id, []).append(Finding("unit-split", message))
        for name, _role in task.roles():
            if (at := unclosed(name)) is not None:
                message = (
                    f"「{name}」中的“{name[at]}”没有闭合，它后面的名称都读进了这一个单位，收不到各自的订阅；"
                    f"请在括号结束处补上“{_CLOSING[name[at]]}”，如 各县（市、区）农业农村局"
                )
                notes.setdefault(task.id, []).append(Finding("unit-bracket", message))
        if task.unnamed:
            message = (
                f"「{'」「'.join(task.unnamed)}」的“等”说还有别的单位，但没有写出名字：它们不在这项任务的单位里，"
                "收不到它的订阅；若有，请在单位中写出全称"
            )
            notes.setdefault(task.id, []).append(Finding("unnamed-units", message))
        if task.all_units:
            message = f"「{task.all_units}」读作本计划的全部 {len(everyone)} 个单位：{'、'.join(everyone)}"
            notes.setdefault(task.id, []).append(Finding("all-units", message))
    return {task_id: tuple(found) for task_id, found in notes.items()}


def _yaml(name: str) -> str:
    """`name` as the `units:` line that merges it is written: plain, or in double quotes where YAML would read
    it otherwise (`[市财政局]` is a list)."""
    if re.search(r"[\[\]{},:#&*!|>'\"%@`]", name) or name != name.strip():
        return json.dumps(name, ensure_ascii=False)
    return name


def org_alias_findings(timelines: Sequence[Timeline]) -> dict[tuple[str, str], tuple[Finding, ...]]:
    """Findings by (schedule id, task id) where a plan names a unit by an alias that another plan of its org
    gives and it does not (`org-alias`): the alias is read in the plan that says it only, so elsewhere it is a
    unit of its own, with feeds of its own, and the org's feed of the unit it stands for misses those tasks."""
    given = _org_aliases((t.schedule.org, t.schedule.title, t.schedule.units) for t in timelines)
    found: dict[tuple[str, str], tuple[Finding, ...]] = {}
    for timeline in timelines:
        schedule = timeline.schedule
        if not schedule.org:
            continue
        own = {unit.name for unit in schedule.units} | set(alias_map(schedule.units))
        for item in timeline.items:
            said = []
            for name, _role in item.task.roles():
                if name not in own and (where := given.get((schedule.org, name))) is not None:
                    formal, title = where
                    said.append(
                        Finding(
                            "org-alias",
                            f"「{name}」在同属{schedule.org}的《{title}》中是「{formal}」的别名，本计划没有这样写："
                            f"在这里它是另一个单位，有自己的订阅，{schedule.org}「{formal}」的订阅收不到这项任务；"
                            f"若是同一单位，请在本计划的 units: 下写 {_yaml(formal)}: {{aliases: [{_yaml(name)}]}}",
                        )
                    )
            if said:
                found[(schedule.id, item.task.id)] = tuple(said)
    return found


def _org_aliases(plans: Iterable[tuple[str | None, str, Sequence[Unit]]]) -> dict[tuple[str, str], tuple[str, str]]:
    """(org, alias) -> (the unit, the title of the plan that says so), from each plan's org, title and registry."""
    given: dict[tuple[str, str], tuple[str, str]] = {}
    for org, title, registry in plans:
        if org:
            for unit in registry:
                for alias in unit.aliases:
                    given.setdefault((org, plain_name(alias)), (unit.name, title))
    return given


def org_split_feeds(plans: Sequence[tuple[str, str | None, str, Sequence[Unit], Sequence[str]]]) -> list[str]:
    """What a build says where a plan of an org names a unit by an alias another plan of the org gives and it
    does not (check's `org-alias`), from each plan's id, org, title, registry and the names its tasks write:
    that name gets org feeds of its own, and the org's feed of the unit it stands for misses those tasks."""
    given = _org_aliases((org, title, registry) for _id, org, title, registry, _named in plans)
    said = []
    for plan_id, org, _title, registry, named in plans:
        own = {unit.name for unit in registry} | set(alias_map(registry))
        for name in named:
            if not org or name in own or (where := given.get((org, name))) is None:
                continue
            formal, title = where
            message = _(
                "「{name}」 is an alias of 「{formal}」 in 《{title}》 of {org}, which this plan does not give: its "
                "tasks get feeds of their own, and {org}'s feed of 「{formal}」 misses them; if they are one, "
                "write `{line}` under units: in this plan"
            )
            line = f"{_yaml(formal)}: {{aliases: [{_yaml(name)}]}}"
            said.append(
                f"{plan_id}: "
                + _("warning")
                + ": "
                + message.format(name=name, formal=formal, title=title, org=org, line=line)
            )
    return said


def _split_names(task: Task, known: set[str]) -> list[str]:
    """What to say of names that are probably one name cut in two (a cell is split on spaces too, so
    `市 财政局` is read as 市 and 财政局): two names side by side that together are a name the plan gives,
    and a name of one character, which is no body's."""
    if task.all_units:  # the plan's every unit, in no written order
        return []
    said: list[str] = []
    for names in (task.lead, task.support, task.units):
        for at, name in enumerate(names):
            after = names[at + 1] if at + 1 < len(names) else None
            if after is not None and (name + after in known or len(name) == 1):
                said.append(
                    f"「{name}」「{after}」读作两个单位，各有各的订阅；若是「{name + after}」一个单位，"
                    "请把名称写在一起，不要用空格或顿号分开"
                )
            elif len(name) == 1:
                said.append(f"「{name}」只有一个字，不像单位名称；请写出单位全称")
    return said


def probably_one(names: Sequence[str]) -> list[tuple[str, str]]:
    """(variant, formal) pairs among `names`: the formal name is the longer one, the normalised one,
    or the one written in simplified characters."""
    pairs: list[tuple[str, str]] = []
    known = set(names)
    for name in names:
        if name.endswith("委"):  # 县委 is not 县委政府 (县委、县政府): a committee is one of two bodies there
            continue
        for ending in _FORMAL_ENDINGS:
            if name + ending in known:
                pairs.append((name, name + ending))
                break
        else:
            placed = [place + name for place in _PLACES if place + name in known]
            if len(placed) == 1 and not name.startswith("各"):  # 财政局 beside 市财政局 and 县财政局: no guess
                pairs.append((name, placed[0]))
    # a plan written in simplified characters only (nearly all) never pays for pinyin
    as_pinyin = not all(_simplified(n) for n in names)
    by_key: dict[str, list[str]] = {}
    for name in names:
        by_key.setdefault(_spelling(name, as_pinyin), []).append(name)
    for spelt in by_key.values():
        if len(spelt) > 1:
            formal = min(
                spelt,
                key=lambda n: (not _simplified(n), unicodedata.normalize("NFKC", n) != n, bool(_ENCLOSED.match(n))),
            )
            pairs.extend((n, formal) for n in spelt if n != formal)
    return pairs


def _spelling(name: str, as_pinyin: bool) -> str:
    """A key that full-width and half-width, spaced and unspaced, bracketed and bare spellings of one name
    share (its NFKC form without spaces or brackets around it all), and, read `as_pinyin`, traditional and
    simplified ones too."""
    plain = re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))
    plain = _ENCLOSED.sub(r"\1", plain)  # ［市财政局］, a cell copied with its brackets
    if not as_pinyin:
        return plain
    from pypinyin import Style, lazy_pinyin

    return " ".join(lazy_pinyin(plain, style=Style.TONE3, errors="default"))


def _simplified(name: str) -> bool:
    try:
        name.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def canonical(name: str, registry: Mapping[str, str]) -> str:
    """The registry name of a unit written under an alias (`财政局` -> `市财政局`)."""
    return registry.get(name, name)


def alias_map(units: Iterable[Unit]) -> dict[str, str]:
    """Every alias of every registered unit, mapped to the unit's name."""
    return {plain_name(alias): unit.name for unit in units for alias in unit.aliases}


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
    return unit_named(name, names, {a: u.name for t in found for u in t.schedule.units for a in u.aliases})


def unit_named(name: str, names: set[str], aliases: Mapping[str, str]) -> str:
    """The unit of `names` a user means by `name` (its name, or an alias `aliases` maps to its name), or an
    error listing the closest."""
    if name in names:
        return name
    if aliases.get(name) in names:
        return aliases[name]
    near = difflib.get_close_matches(name, sorted(names), n=3, cutoff=0.3)
    hint = _("; did you mean {names}?").format(names="、".join(near)) if near else ""
    raise LoadError(_("no task names the unit `{name}`{hint}").format(name=name, hint=hint))


class _Roles(Protocol):
    """A task as loaded or as a report's cache holds it: its id and its units with their roles."""

    @property
    def id(self) -> str: ...

    def roles(self) -> Sequence[tuple[str, object]]: ...


def other_spellings(name: str, plans: Iterable[Iterable[_Roles]]) -> list[str]:
    """What to tell a user who asked for the report, feed or chart of one unit (`--unit NAME`) of each other
    name its plans probably write it by (check's `unit-alias`: `财政局` beside `市财政局`): the tasks under
    that name are not in what was asked for, and without a word the office never sees them."""
    left: dict[tuple[str, str], list[str]] = {}  # (other name, units: line merging them) -> its task ids
    for tasks in plans:
        tasks = list(tasks)
        named = list(dict.fromkeys(n for task in tasks for n, _role in task.roles()))
        if name not in named:
            continue
        for variant, formal in probably_one(named):
            if name not in (variant, formal):
                continue
            other = variant if formal == name else formal
            line = f"{_yaml(formal)}: {{aliases: [{_yaml(variant)}]}}"
            ids = left.setdefault((other, line), [])
            ids += [task.id for task in tasks if other in dict(task.roles())]
    return [
        _(
            "「{other}」 is probably 「{name}」 written another way: its {count} task(s) ({ids}) are not in what was "
            "asked for by --unit {name}; if they are one unit, write `{line}` under units: in the plan, else ask "
            "for --unit {other} as well"
        ).format(other=other, name=name, count=len(ids), ids=", ".join(ids), line=line)
        for (other, line), ids in left.items()
    ]


def split_feeds(plan_id: str, pairs: Iterable[tuple[str, str]]) -> list[str]:
    """What a build says of one plan's unit names that are probably one unit written two ways (check's
    `unit-alias`; `pairs` as `probably_one` gives them): each gets a feed of its own, so whoever subscribes to
    one misses the deadlines written under the other."""
    merges: dict[str, list[str]] = {}
    for variant, formal in pairs:
        merges.setdefault(formal, []).append(variant)
    return [
        f"{plan_id}: "
        + _("warning")
        + ": "
        + _(
            "「{variants}」 and 「{formal}」 are probably one unit and get a feed each, so a subscriber of "
            "one misses the other's deadlines; if they are one, write `{line}` under units: in the plan"
        ).format(
            variants="」「".join(variants),
            formal=formal,
            line=f"{_yaml(formal)}: {{aliases: [{', '.join(map(_yaml, variants))}]}}",
        )
        for formal, variants in merges.items()
    ]
