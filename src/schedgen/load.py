"""Schedule files (YAML) to `Schedule`: checked against schema.json, every problem of a file reported at once,
each with `path:line:col`. The loader adds only what a schema cannot say: aliases refused, duplicate keys and
task ids, time expressions, `until` before `issued`, unit cells split and aliases resolved."""

from __future__ import annotations

import functools
import gc
import hashlib
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import yaml

from schedgen import schema, when
from schedgen.depth import BASE_LOADER, limit_depth
from schedgen.errors import Diagnostic, LoadError, Position, WhenError
from schedgen.expression import Frame, Named
from schedgen.i18n import N_, _
from schedgen.model import MAX_FILE_BYTES, Reminder, Schedule, Stage, Status, Task, Unit
from schedgen.resolve import bind, dated
from schedgen.schema import Plain, Violation, Where
from schedgen.units import (
    ALL_UNITS,
    alias_map,
    canonical,
    etc_of,
    file_slug,
    marked_roles,
    plain_name,
    split_units,
    unit_names,
)

_TAGS = {
    yaml.ScalarNode: "tag:yaml.org,2002:str",
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
    yaml.MappingNode: "tag:yaml.org,2002:map",
}


class _YAML_LOADER(BASE_LOADER):  # type: ignore[valid-type,misc]
    """The base loader without its tag resolver, which costs a fifth of the load of a large plan."""

    def resolve(self, kind: type[yaml.Node], value: object, implicit: object) -> str:
        return _TAGS[kind]


_SURROGATE = re.compile("[\ud800-\udfff]")
_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")
_NULLS = ("", "~", "null", "Null", "NULL")
_WHOLE = re.compile(r"0|[1-9][0-9]*")
"""A plain whole number is an integer to the schema (`year: 2024`); `007` stays text, so text stays verbatim."""


def load(path: Path) -> Schedule:
    """One schedule file; raises LoadError with every problem found in it."""
    from schedgen.files import read_regular

    return loads(read_regular(path, MAX_FILE_BYTES), str(path))


def loads(raw: bytes | str, path: str = "<schedule>") -> Schedule:
    """A schedule from the bytes or text of a file; `path` is used in messages."""
    limit_depth(raw, path)
    if isinstance(raw, bytes):
        if len(raw) > MAX_FILE_BYTES:
            raise LoadError(
                _("{path}: file is larger than {limit} MB").format(path=path, limit=MAX_FILE_BYTES // 1000000)
            )
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            raise LoadError(
                error.reason,
                (Diagnostic(Position(path, line, 1), _("file is not UTF-8 text; save it as UTF-8")),),
            ) from None
    else:
        text = raw
    reader = _Reader(path, text)
    with _no_cycle_collection():
        schedule = reader.read()
    if reader.problems or schedule is None:
        ordered = sorted(reader.problems, key=lambda d: (d.position.line, d.position.col) if d.position else (0, 0))
        raise LoadError(_("{path}: {count} problem(s)").format(path=path, count=len(ordered)), tuple(ordered))
    return schedule


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector: a plan's YAML is many small containers without cycles, and the
    collector walking them again and again as they are built took three quarters of composing a 10,000-task plan."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


@dataclass
class _Reader:
    path: str
    text: str
    problems: list[Diagnostic] = field(default_factory=list)
    seen_nodes: set[int] = field(default_factory=set)
    nodes: dict[Where, yaml.Node] = field(default_factory=dict)
    """The node of every value of the document, by where it is, so that a schema error finds its line."""
    key_nodes: dict[Where, yaml.Node] = field(default_factory=dict)
    broken: set[Where] = field(default_factory=set)
    """Where the schema found a problem, and every place above it: nothing there is built."""
    frame: Frame = field(default_factory=Frame)

    def __post_init__(self) -> None:
        self.lines = self.text.splitlines()

    # ----- reporting ---------------------------------------------------------------------------

    def position(self, node: yaml.Node) -> Position:
        return Position(self.path, node.start_mark.line + 1, node.start_mark.column + 1)

    def error(self, node: yaml.Node | None, message: str, *, offset: int = 0, span: int = 1) -> None:
        if node is None:
            self.problems.append(Diagnostic(Position(self.path, 1, 1), message))
            return
        where = self.position(node)
        where = Position(where.path, where.line, where.col + offset)
        line = self.lines[where.line - 1] if 0 < where.line <= len(self.lines) else None
        self.problems.append(Diagnostic(where, message, source_line=line, span=span))

    def time_error(self, node: yaml.Node | None, error: WhenError) -> None:
        """A time that does not read, underlined where it is written (inside its quotes, if it has them)."""
        quote = 1 if isinstance(node, yaml.ScalarNode) and node.style in ("'", '"') else 0
        self.error(
            node, f"`{error.offending}`: {error.message}", offset=quote + error.start, span=error.end - error.start
        )

    def violated(self, violation: Violation) -> None:
        """Report a schema violation at the key or value it is about, and keep its place from being built."""
        where, key = violation.where, violation.key
        span = 1
        if violation.keyword in ("additionalProperties", "propertyNames") and key is not None:
            node, span = self.key_nodes[(*where, key)], len(key)
        elif violation.keyword == "required" and key is not None:
            node = self.nodes.get((*where, key), self.nodes[where])
        else:
            node = self.nodes[where]
        self.error(node, schema.message(violation), span=span)
        self.broken.update(where[:i] for i in range(len(where) + 1))
        if key is not None:
            self.broken.add((*where, key))

    # ----- the document ------------------------------------------------------------------------

    def read(self) -> Schedule | None:
        try:
            root = yaml.compose(self.text, Loader=_YAML_LOADER)
        except yaml.MarkedYAMLError as error:
            if slips := self.slips():  # the parser's own words point past the slip that caused them
                self.problems.extend(slips)
                return None
            mark = error.problem_mark or error.context_mark
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            source = self.lines[line - 1] if 0 < line <= len(self.lines) else None
            message = _("malformed YAML: {problem}").format(problem=yaml_problem(error.problem or error.context or ""))
            if "escape code" in str(error.problem):  # libyaml's word for a `\\uD800`-`\\uDFFF` escape, among others
                message += _(
                    " (a `\\uD800`-`\\uDFFF` escape is half of a UTF-16 surrogate pair, no character: "
                    "write the character itself)"
                )
            self.problems.append(Diagnostic(Position(self.path, line, col), message, source_line=source))
            return None
        except yaml.YAMLError as error:
            self.problems.append(
                Diagnostic(Position(self.path, 1, 1), _("malformed YAML: {error}").format(error=error))
            )
            return None
        if root is None:
            self.error(None, _("the file is empty; a schedule needs at least `title`, `year` and `stages` or `tasks`"))
            return None
        doc = self.plain(root, ())
        violations = schema.validate(doc)
        if violations and (slips := self.slips()):
            self.problems.extend(slips)
            return None
        for violation in violations:
            self.violated(violation)
        if not isinstance(doc, dict):
            return None
        return self.schedule(doc, root)

    def slips(self) -> list[Diagnostic]:
        """The slips a clerk typing YAML in a Chinese input method makes, each named where it is: a
        full-width colon after a key, a tab or a full-width space in the indentation, no space after a
        key's colon."""
        found = []
        for number, line in enumerate(self.lines, start=1):
            indent = re.match(r"[ \t\u3000]*", line)[0]  # type: ignore[index]
            # a paragraph of a note may open with two full-width spaces, and a line of it with `PPP：`:
            # only what indents a key or an item is indentation, and only a schedule's key is a slip
            structure = _STRUCTURE.match(line, len(indent)) is not None
            if structure and (col := indent.find("\t")) >= 0:
                message = _("a tab in the indentation: YAML indents with spaces only")
            elif structure and (col := indent.find("\u3000")) >= 0:
                message = _("a full-width space `\u3000` (U+3000) in the indentation: YAML indents with ASCII spaces")
            elif (slip := _FULL_WIDTH_COLON.match(line)) and slip[1] in _schema_keys():
                col = slip.start(2)
                message = _(
                    "a full-width colon `：` after `{key}`: write an ASCII colon and a space, `{key}: `"
                ).format(key=slip[1])
            elif (slip := _NO_SPACE.match(line)) and slip[1] in _schema_keys():
                col = slip.end() - 1
                message = _("no space after `{key}:`: YAML needs one, `{key}: {value}`").format(
                    key=slip[1], value=line[slip.end() :][:8]
                )
            else:
                continue
            found.append(Diagnostic(Position(self.path, number, col + 1), message, source_line=line))
        return found

    def plain(self, node: yaml.Node, where: Where) -> Plain:
        """The document as the schema reads it; aliases and repeated keys are reported and left out."""
        self.nodes[where] = node
        if isinstance(node, yaml.ScalarNode):
            text = self.characters(node)
            if node.style:
                return text.strip()  # a clerk's stray space inside quotes is no part of the value
            if text in _NULLS:
                return None
            return int(text) if _WHOLE.fullmatch(text) else text
        if isinstance(node, yaml.SequenceNode):
            children = [child for child in node.value if not self.shared(child)]
            return [self.plain(child, (*where, i)) for i, child in enumerate(children)]
        mapping: dict[str, Plain] = {}
        for key_node, value in node.value:
            if self.shared(key_node) or self.shared(value):
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.error(key_node, _("a {what} key must be plain text").format(what=_what(where)))
                continue
            key = self.characters(key_node)
            if key in mapping:
                self.error(
                    key_node,
                    _("key `{key}` appears twice in this {what}").format(key=key, what=_what(where)),
                    span=len(key),
                )
                continue
            self.key_nodes[(*where, key)] = key_node
            mapping[key] = self.plain(value, (*where, key))
        return mapping

    def characters(self, node: yaml.ScalarNode) -> str:
        """A scalar's text as characters: YAML's `\\uXXXX` escapes are UTF-16 code units, so a pair of
        surrogates is joined into the one character it spells, and a lone one (no character at all, which
        no file can be written with) is reported where it is written."""
        text = str(node.value)
        if not _SURROGATE.search(text):
            return text
        text = _PAIR.sub(lambda pair: pair[0].encode("utf-16-le", "surrogatepass").decode("utf-16-le"), text)
        for lone in dict.fromkeys(_SURROGATE.findall(text)):
            escape = f"\\u{ord(lone):04x}"
            line = self.lines[node.start_mark.line] if node.start_mark.line < len(self.lines) else ""
            found = line.lower().find(escape, node.start_mark.column)
            offset, span = (found - node.start_mark.column, len(escape)) if found >= 0 else (0, 1)
            self.error(
                node,
                _(
                    "`{escape}` is a lone surrogate, half of a UTF-16 pair and no character; write "
                    "the character itself, or both halves of its pair"
                ).format(escape=escape),
                offset=offset,
                span=span,
            )
        return _SURROGATE.sub("\ufffd", text)

    def shared(self, node: yaml.Node) -> bool:
        """Anchors and aliases are refused: a schedule reads as written, and `*a` bombs stay small."""
        if id(node) in self.seen_nodes:
            self.error(node, _("YAML aliases (`*name`) are not allowed in schedule files; write the value out"))
            return True
        self.seen_nodes.add(id(node))
        return False

    def schedule(self, doc: dict[str, Plain], root: yaml.Node) -> Schedule:
        year = doc.get("year")
        base_year = year if isinstance(year, int) and ("year",) not in self.broken else 2000
        registry = self.registry(doc.get("units"))
        aliases = alias_map(registry)
        issued = self.day(doc, "issued", ())
        named = doc.get("periods") if ("periods",) not in self.broken else None
        periods = tuple((name, str(text)) for name, text in named.items()) if isinstance(named, dict) else ()
        for name, text in periods:
            self.period_not_shadowed(name)
            try:  # a period no task uses is read too: a slip in it is said where it is written
                dated(text, base_year)
            except WhenError as error:
                self.time_error(self.nodes.get(("periods", name)), error)
        self.frame = Frame(issued, periods)  # what the tasks' times are checked against, with the year
        ids: dict[str, yaml.Node] = {}
        stages = tuple(
            stage
            for i, value in enumerate(_list(doc.get("stages")))
            if (stage := self.stage(value, ("stages", i), base_year, aliases, ids)) is not None
        )
        loose = tuple(
            task
            for i, value in enumerate(_list(doc.get("tasks")))
            if (task := self.task(value, ("tasks", i), None, base_year, aliases, ids)) is not None
        )
        stages, loose = _every_unit_for_collectives(stages, loose)
        schedule = Schedule(
            id=self.text_of(doc, "id", ()) or file_slug(Path(self.path).stem),
            title=self.text_of(doc, "title", ()) or "",
            year=base_year,
            path=self.path,
            stages=stages,
            tasks=loose,
            issued=issued,
            periods=periods,
            until=self.day(doc, "until", ()),
            source=self.text_of(doc, "source", ()),
            org=self.text_of(doc, "org", ()),
            reminders=tuple(Reminder.parse(str(r)) for r in self.valid_list(doc, "reminders", ())),
            move_off_holidays=doc.get("due_on_holiday") == "previous-workday",
            calendar_spans="days" if doc.get("calendar_spans") == "days" else "ends",
            units=registry,
        )
        if not schedule.all_tasks() and not self.problems:
            self.error(root, _("the schedule has no tasks: add `stages:` with `tasks:`, or `tasks:`"))
        if schedule.issued and schedule.until and schedule.until < schedule.issued:
            self.error(
                self.nodes[("until",)],
                _("`until` ({until}) is before `issued` ({issued})").format(
                    until=schedule.until, issued=schedule.issued
                ),
            )
        return schedule

    def stage(
        self, value: Plain, where: Where, year: int, aliases: dict[str, str], ids: dict[str, yaml.Node]
    ) -> Stage | None:
        if not isinstance(value, dict):
            return None
        name = self.text_of(value, "name", where)
        tasks = tuple(
            task
            for i, child in enumerate(_list(value.get("tasks")))
            if (task := self.task(child, (*where, "tasks", i), name, year, aliases, ids)) is not None
        )
        return Stage(name or "", tasks)

    def task(
        self,
        value: Plain,
        where: Where,
        stage: str | None,
        year: int,
        aliases: dict[str, str],
        ids: dict[str, yaml.Node],
    ) -> Task | None:
        """A task when it is whole; its time expression and id are checked even when it is not."""
        if not isinstance(value, dict):
            return None
        node = self.nodes[where]
        text = self.text_of(value, "task", where)
        when_text = self.text_of(value, "when", where)
        expression = None
        if when_text is not None:
            try:
                parsed = when.parse(when_text)
                bind(parsed, year, when_text, self.frame)  # errors that depend on the year, for the plan's own
                expression = parsed
            except WhenError as error:
                self.time_error(self.nodes[(*where, "when")], error)
        task_id = self.text_of(value, "id", where)
        if task_id is None and text is not None and "id" not in value:
            task_id = "t-" + hashlib.sha1(f"{stage or ''}\n{text}".encode()).hexdigest()[:8]
        if task_id is not None:
            id_node = self.nodes.get((*where, "id"), node)
            if task_id in ids:
                first = ids[task_id].start_mark.line + 1
                self.error(
                    id_node,
                    _("duplicate task id `{task_id}` (first used on line {first}); give each task its own `id`").format(
                        task_id=task_id, first=first
                    ),
                )
            ids.setdefault(task_id, id_node)
        if expression is None or text is None or task_id is None or where in self.broken:
            return None
        done = self.day(value, "done", where)
        status = value.get("status")
        written = {role: _written_units(value.get(role)) for role in ("lead", "support", "units")}
        # `市财政局（牵头）` in any list leads the task, `市审计局（配合）` supports it: that unit, not one of that name
        marked = {role: marked_roles(names) for role, names in written.items()}
        written = {
            "lead": marked["lead"][2] + tuple(n for found in marked.values() for n in found[0]),
            "support": marked["support"][2] + tuple(n for found in marked.values() for n in found[1]),
            "units": marked["units"][2],
        }
        return Task(
            id=task_id,
            when=when_text or "",
            expression=expression,
            task=text,
            stage=stage,
            lead=_unit_list(written["lead"], aliases),
            support=_unit_list(written["support"], aliases),
            units=_unit_list(written["units"], aliases),
            unnamed=etc_of(name for names in written.values() for name in names),
            status=Status(status) if isinstance(status, str) else (Status.DONE if done else Status.TODO),
            done=done,
            notes=self.text_of(value, "notes", where),
            position=self.position(node),
            when_position=self.position(self.nodes[(*where, "when")]),
        )

    def period_not_shadowed(self, name: str) -> None:
        """Refuse a period the time language reads already under its name (`国庆`: 国庆期间 is the holiday's days
        off; `上半年`): the plan's definition would never be used."""
        for written in (name, f"{name}期间", f"{name}前"):
            try:
                read = when.parse(written)
            except WhenError:
                continue
            if not isinstance(read, Named):
                message = _(
                    "`{name}` is a time the language reads already (`{written}`), so a period of that name would "
                    "never be used; give it a name of its own, e.g. `{name}工作期`"
                )
                self.error(self.key_nodes.get(("periods", name)), message.format(name=name, written=written))
                return

    def registry(self, value: Plain) -> tuple[Unit, ...]:
        if not isinstance(value, dict) or ("units",) in self.broken:
            return ()
        units: list[Unit] = []
        owners: dict[str, str] = {}
        for name, info in value.items():
            entry = info if isinstance(info, dict) else {}
            slug = entry.get("slug")
            if isinstance(slug, str) and slug in owners:  # one feed file would hold both units' tasks
                first = self.nodes[("units", owners[slug], "slug")].start_mark.line + 1
                self.error(
                    self.nodes[("units", name, "slug")],
                    _("slug `{slug}` is also the slug of `{value}` (line {first}); give each unit its own").format(
                        slug=slug, value=owners[slug], first=first
                    ),
                    span=len(slug),
                )
            elif isinstance(slug, str):
                owners[slug] = name
            units.append(
                Unit(
                    plain_name(name),
                    aliases=tuple(str(a) for a in _list(entry.get("aliases"))),
                    slug=None if slug is None else str(slug),
                    contact=self.text_of(entry, "contact", ("units", name)),
                )
            )
        self.one_unit_per_alias(value, units)
        return tuple(units)

    def one_unit_per_alias(self, value: dict[str, Plain], units: list[Unit]) -> None:
        """Refuse an alias that is another unit's name, or that two units give: the tasks that write it would
        be read as one unit's where the plan says another's."""
        names = {unit.name for unit in units}
        claimed: dict[str, str] = {}
        for written, unit in zip(value, units, strict=True):
            for at, alias in enumerate(unit.aliases):
                node = self.nodes.get(("units", written, "aliases", at))
                if alias in names and alias != unit.name:
                    message = _("`{alias}` is a unit of its own in `units:`, so it cannot be a name of `{unit}` too")
                    self.error(node, message.format(alias=alias, unit=unit.name), span=len(alias))
                elif claimed.setdefault(alias, unit.name) != unit.name:
                    message = _("`{alias}` is a name of `{other}` already; one name is one unit")
                    self.error(node, message.format(alias=alias, other=claimed[alias]), span=len(alias))

    # ----- values the schema has checked -------------------------------------------------------

    def text_of(self, doc: dict[str, Plain], key: str, where: Where) -> str | None:
        """The text under `key`, or None when it is absent or broken."""
        value = doc.get(key)
        if value is None or (self.broken and (*where, key) in self.broken):
            return None
        return str(value)

    def day(self, doc: dict[str, Plain], key: str, where: Where) -> date | None:
        text = self.text_of(doc, key, where)
        return None if text is None else date.fromisoformat(text)

    def valid_list(self, doc: dict[str, Plain], key: str, where: Where) -> list[Plain]:
        return [] if (*where, key) in self.broken else _list(doc.get(key))


_YAML_PROBLEMS = tuple(
    (re.compile(pattern), message)
    for pattern, message in (
        (r"mapping values are not allowed (?:here|in this context)", N_("a `key: value` cannot start here")),
        (
            r"did not find expected key",
            N_("a key was expected here; check that the line is indented like its siblings"),
        ),
        (r"could not find expected ':'", N_("a `:` was expected after the key")),
        (r"did not find expected (?P<what>.+)", N_("{what} was expected")),
        (r"found unexpected end of stream", N_("the file ends before a quote or bracket is closed")),
        (r"found unknown escape character ?(?P<char>.*)", N_("an unknown escape after a backslash {char}")),
        (
            r"found character ?(?P<char>.*) that cannot start any token",
            N_("a value cannot start with this character {char}; put the value in quotes"),
        ),
        (r"found undefined alias ?(?P<name>.*)", N_("an alias {name} that names no anchor")),
        (r"expected (?P<expected>.+?), but (?:found|got) (?P<found>.+)", N_("expected {expected}, found {found}")),
    )
)
"""The parser's words (libyaml's and PyYAML's) for what a clerk meets, as patterns and the messages they get."""


def yaml_problem(problem: str) -> str:
    """The YAML parser's problem in the user's language where it is one we know; as it is otherwise."""
    for pattern, message in _YAML_PROBLEMS:
        if found := pattern.fullmatch(problem):
            return _(message).format(**{k: v or "" for k, v in found.groupdict().items()})
    return problem


_FULL_WIDTH_COLON = re.compile(r"[ \t\u3000]*(?:-[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)[ \t]*(：)")
_STRUCTURE = re.compile(r"-(?:[ \t]|$)|[A-Za-z_][A-Za-z0-9_]*[ \t]*[:：]|[^\s#:：]+:(?:[ \t]|$)|$")
"""What follows the indentation of a line of YAML structure: an item, a key, or nothing."""
_NO_SPACE = re.compile(r"[ \t]*(?:-[ \t]+)?([A-Za-z_][A-Za-z0-9_]*):(?=[^\s/])")


@functools.cache
def _schema_keys() -> frozenset[str]:
    """Every key a schedule file may hold, at any depth."""
    keys: set[str] = set()

    def walk(rule: object) -> None:
        if isinstance(rule, dict):
            keys.update(k for k in rule.get("properties", {}) if isinstance(k, str))
            for value in rule.values():
                walk(value)
        elif isinstance(rule, list):
            for value in rule:
                walk(value)

    walk(schema.schedule_schema())
    return frozenset(keys)


def _what(where: Where) -> str:
    """What the schema calls the mapping at `where`: a schedule, a stage, a task, a unit."""
    return schema.name_of(schema.rule_at(where))


def _list(value: Plain) -> list[Plain]:
    return value if isinstance(value, list) else []


def _written_units(value: Plain) -> tuple[str, ...]:
    """The unit names as the plan wrote them, before `等` is dropped or an alias is read."""
    if value is None:
        return ()
    return tuple(str(name) for name in value) if isinstance(value, list) else split_units(str(value))


def _unit_list(cells: tuple[str, ...], aliases: dict[str, str]) -> tuple[str, ...]:
    """The units of the names as written (`_written_units`), `等` dropped and aliases read."""
    names = [unit for cell in cells for unit in unit_names(cell)]
    # one string a unit, however many tasks name it: a timeline is kept and read back with one copy of
    # each name, and grouping a report by unit hashes each name once
    return tuple(dict.fromkeys(sys.intern(canonical(n, aliases)) for n in names))


def _every_unit_for_collectives(
    stages: tuple[Stage, ...], loose: tuple[Task, ...]
) -> tuple[tuple[Stage, ...], tuple[Task, ...]]:
    """Tasks given to `各责任单位` (or 有关单位 …) given to every unit the plan names, each in its feed;
    the task remembers the collective name, which `check` reports."""
    tasks = [t for stage in stages for t in stage.tasks] + list(loose)
    if not any(ALL_UNITS.fullmatch(n) for t in tasks for n, _ in t.roles()):
        return stages, loose
    everyone = tuple(dict.fromkeys(n for t in tasks for n, _ in t.roles() if not ALL_UNITS.fullmatch(n)))
    if not everyone:  # no unit to read it as: the collective name stays the tasks' unit, and keeps its feed
        return stages, loose

    def spread(task: Task) -> Task:
        collective = next((n for n, _ in task.roles() if ALL_UNITS.fullmatch(n)), None)
        if collective is None:
            return task

        def widen(names: tuple[str, ...]) -> tuple[str, ...]:
            if collective not in names:
                return names
            named = {n for n, _ in task.roles()}
            return tuple(
                dict.fromkeys(
                    m for n in names for m in ((x for x in everyone if x not in named) if n == collective else (n,))
                )
            )

        return replace(
            task, lead=widen(task.lead), support=widen(task.support), units=widen(task.units), all_units=collective
        )

    return tuple(replace(s, tasks=tuple(map(spread, s.tasks))) for s in stages), tuple(map(spread, loose))


def located(path: str, where: tuple[str, ...], message: str) -> Diagnostic:
    """`message` at the value `where` names in the schedule file `path` (keys from the top, a unit's name
    matched as the registry reads it), with its line; at the file's start when it is no longer there.

    For problems found across files (two plans giving one slug), long after each file was read: the
    file is read again, which only an error pays for.
    """
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
        node: yaml.Node | None = yaml.compose(text, Loader=_YAML_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return Diagnostic(Position(path, 1, 1), message)
    for key in where:
        found = None
        if isinstance(node, yaml.MappingNode):
            found = next((v for k, v in node.value if isinstance(k.value, str) and k.value.strip() == key), None)
        if found is None:
            return Diagnostic(Position(path, 1, 1), message)
        node = found
    assert node is not None
    mark = node.start_mark
    lines = text.splitlines()
    source = lines[mark.line] if mark.line < len(lines) else None
    span = len(node.value) if isinstance(node, yaml.ScalarNode) else 1
    return Diagnostic(Position(path, mark.line + 1, mark.column + 1), message, source_line=source, span=span)
