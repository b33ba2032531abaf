"""Schedule files (YAML) to `Schedule`: every problem of a file reported at once, with `path:line:col`."""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

import yaml

from schedgen import when
from schedgen.errors import Diagnostic, LoadError, Position, WhenError
from schedgen.model import Frame, Schedule, Stage, Status, Task, Unit
from schedgen.resolve import bind
from schedgen.units import SLUG_PATTERN, alias_map, canonical, split_units

SCHEDULE_KEYS = (
    "id",
    "title",
    "year",
    "issued",
    "until",
    "source",
    "reminders",
    "due_on_holiday",
    "stages",
    "tasks",
    "units",
    "periods",
)
STAGE_KEYS = ("name", "tasks")
TASK_KEYS = ("id", "when", "task", "units", "lead", "support", "status", "done", "notes")
UNIT_KEYS = ("aliases", "slug", "contact")
HOLIDAY_POLICIES = ("keep", "previous-workday")
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$"
REMINDER_PATTERN = r"^[1-9][0-9]{0,2}[wdhm]$"
MAX_FILE_BYTES = 5_000_000

T = TypeVar("T")
# The base loader resolves no implicit types: every value stays the text the clerk wrote (`when: 2023-02-20`
# is an expression, not a date), and libyaml's parser, when PyYAML has it, reads files several times faster.
_BASE_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
_TAGS = {
    yaml.ScalarNode: "tag:yaml.org,2002:str",
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
    yaml.MappingNode: "tag:yaml.org,2002:map",
}


class _YAML_LOADER(_BASE_LOADER):  # type: ignore[valid-type,misc]
    """The base loader without its tag resolver, which costs a fifth of the load of a large plan."""

    def resolve(self, kind: type[yaml.Node], value: object, implicit: object) -> str:
        return _TAGS[kind]


_NULLS = ("", "~", "null", "Null", "NULL")


def schedule_files(paths: Sequence[Path]) -> list[Path]:
    """The schedule files named by `paths`: files as given, directories by their `*.yaml`/`*.yml`."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()))
        else:
            found.append(path)
    return found


def load_all(paths: Sequence[Path], loader: Callable[[Path], Schedule] | None = None) -> list[Schedule]:
    """Every schedule under `paths`; raises one LoadError holding the problems of all files."""
    loader = loader or load
    files = schedule_files(paths)
    if not files:
        raise LoadError(f"no schedule files (*.yaml) in {', '.join(str(p) for p in paths)}")
    schedules: list[Schedule] = []
    problems: list[Diagnostic] = []
    for path in files:
        try:
            schedules.append(loader(path))
        except LoadError as error:
            problems.extend(error.diagnostics)
    ids: dict[str, str] = {}
    for schedule in schedules:
        if schedule.id in ids:
            problems.append(
                Diagnostic(
                    Position(schedule.path, 1, 1),
                    f"schedule id `{schedule.id}` is also used by {ids[schedule.id]}",
                )
            )
        ids.setdefault(schedule.id, schedule.path)
    if problems:
        raise LoadError(f"{len(problems)} problem(s) in schedule files", tuple(problems))
    return schedules


def load(path: Path) -> Schedule:
    """One schedule file; raises LoadError with every problem found in it."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise LoadError(f"{path}: cannot read: {error.strerror or error}") from None
    return loads(raw, str(path))


def loads(raw: bytes | str, path: str = "<schedule>") -> Schedule:
    """A schedule from the bytes or text of a file; `path` is used in messages."""
    if isinstance(raw, bytes):
        if len(raw) > MAX_FILE_BYTES:
            raise LoadError(f"{path}: file is larger than {MAX_FILE_BYTES // 1_000_000} MB")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            raise LoadError(
                error.reason,
                (Diagnostic(Position(path, line, 1), "file is not UTF-8 text; save it as UTF-8"),),
            ) from None
    else:
        text = raw
    reader = _Reader(path, text)
    schedule = reader.read()
    if reader.problems or schedule is None:
        ordered = sorted(reader.problems, key=lambda d: (d.position.line, d.position.col) if d.position else (0, 0))
        raise LoadError(f"{path}: {len(ordered)} problem(s)", tuple(ordered))
    return schedule


@dataclass
class _Reader:
    path: str
    text: str
    problems: list[Diagnostic] = field(default_factory=list)
    seen_nodes: set[int] = field(default_factory=set)
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

    # ----- the document ------------------------------------------------------------------------

    def read(self) -> Schedule | None:
        try:
            root = yaml.compose(self.text, Loader=_YAML_LOADER)
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            source = self.lines[line - 1] if 0 < line <= len(self.lines) else None
            message = f"malformed YAML: {error.problem or error.context}"
            self.problems.append(Diagnostic(Position(self.path, line, col), message, source_line=source))
            return None
        except yaml.YAMLError as error:
            self.problems.append(Diagnostic(Position(self.path, 1, 1), f"malformed YAML: {error}"))
            return None
        if root is None:
            self.error(None, "the file is empty; a schedule needs at least `title`, `year` and `stages` or `tasks`")
            return None
        doc = self.mapping(root, SCHEDULE_KEYS, "schedule")
        if doc is None:
            return None
        title = self.text_of(doc, "title", required=True)
        year = self.integer(doc.get("year"), 1949, 2199)
        if "year" not in doc:
            self.error(root, "missing `year`: the base year of dates that name none, e.g. `year: 2024`")
        stem = re.sub(r"[^A-Za-z0-9_-]+", "-", Path(self.path).stem).strip("-") or "schedule"
        schedule_id = self.identifier(doc.get("id")) or stem
        registry = self.registry(doc.get("units"))
        aliases = alias_map(registry)
        base_year = year or 2000
        issued = self.day(doc.get("issued"))
        node = doc.get("periods")
        pairs = self.pairs(node) if isinstance(node, yaml.MappingNode) else ()
        periods = tuple((self.scalar_text(k) or "", self.scalar_text(v) or "") for k, v in pairs)
        self.frame = Frame(issued, periods)
        ids: dict[str, yaml.Node] = {}
        stages = tuple(
            stage
            for node in self.sequence(doc.get("stages"))
            if (stage := self.stage(node, base_year, aliases, ids)) is not None
        )
        loose = tuple(
            task
            for node in self.sequence(doc.get("tasks"))
            if (task := self.task(node, None, base_year, aliases, ids)) is not None
        )
        policy = self.choice(doc.get("due_on_holiday"), HOLIDAY_POLICIES) or "keep"
        schedule = Schedule(
            id=schedule_id,
            title=title or "",
            year=base_year,
            path=self.path,
            stages=stages,
            tasks=loose,
            issued=issued,
            periods=periods,
            until=self.day(doc.get("until")),
            source=self.text_of(doc, "source"),
            reminders=self.reminders(doc.get("reminders")),
            move_off_holidays=policy == "previous-workday",
            units=registry,
        )
        if not schedule.all_tasks() and not self.problems:
            self.error(root, "the schedule has no tasks: add `stages:` with `tasks:`, or `tasks:`")
        if schedule.issued and schedule.until and schedule.until < schedule.issued:
            self.error(doc["until"], f"`until` ({schedule.until}) is before `issued` ({schedule.issued})")
        return schedule

    def stage(self, node: yaml.Node, year: int, aliases: dict[str, str], ids: dict[str, yaml.Node]) -> Stage | None:
        doc = self.mapping(node, STAGE_KEYS, "stage")
        if doc is None:
            return None
        name = self.text_of(doc, "name", required=True, owner=node)
        tasks = tuple(
            task
            for child in self.sequence(doc.get("tasks"))
            if (task := self.task(child, name, year, aliases, ids)) is not None
        )
        return Stage(name or "", tasks)

    def task(
        self,
        node: yaml.Node,
        stage: str | None,
        year: int,
        aliases: dict[str, str],
        ids: dict[str, yaml.Node],
    ) -> Task | None:
        doc = self.mapping(node, TASK_KEYS, "task")
        if doc is None:
            return None
        text = self.text_of(doc, "task", required=True, owner=node)
        when_text = self.text_of(doc, "when", required=True, owner=node)
        expression = None
        if when_text is not None:
            try:
                parsed = when.parse(when_text)
                bind(parsed, year, when_text, self.frame)  # errors that depend on the year, for the plan's own
                expression = parsed
            except WhenError as error:
                when_node = doc["when"]
                quote = 1 if isinstance(when_node, yaml.ScalarNode) and when_node.style in ("'", '"') else 0
                self.error(
                    when_node,
                    f"`{error.offending}`: {error.message}",
                    offset=quote + error.start,
                    span=error.end - error.start,
                )
        task_id = self.identifier(doc.get("id"))
        if task_id is None and text is not None and "id" not in doc:
            task_id = "t-" + hashlib.sha1(f"{stage or ''}\n{text}".encode()).hexdigest()[:8]
        if task_id is not None:
            id_node = doc.get("id", node)
            if task_id in ids:
                first = ids[task_id].start_mark.line + 1
                self.error(
                    id_node,
                    f"duplicate task id `{task_id}` (first used on line {first}); give each task its own `id`",
                )
            ids.setdefault(task_id, id_node)
        status = self.choice(doc.get("status"), tuple(s.value for s in Status))
        done = self.day(doc.get("done"))
        if expression is None or text is None or task_id is None:
            return None
        return Task(
            id=task_id,
            when=when_text or "",
            expression=expression,
            task=text,
            stage=stage,
            lead=self.unit_list(doc.get("lead"), aliases),
            support=self.unit_list(doc.get("support"), aliases),
            units=self.unit_list(doc.get("units"), aliases),
            status=Status(status) if status else (Status.DONE if done else Status.TODO),
            done=done,
            notes=self.text_of(doc, "notes"),
            position=self.position(node),
            when_position=self.position(doc["when"]),
        )

    def registry(self, node: yaml.Node | None) -> tuple[Unit, ...]:
        if node is None:
            return ()
        if not isinstance(node, yaml.MappingNode):
            self.error(node, "`units` must map unit names to {aliases, slug, contact}")
            return ()
        units: list[Unit] = []
        for name_node, value in self.pairs(node):
            name = self.scalar_text(name_node)
            if name is None:
                continue
            info = self.mapping(value, UNIT_KEYS, "unit") if not _is_null(value) else {}
            if info is None:
                continue
            slug = self.scalar_text(info["slug"]) if "slug" in info else None
            if slug is not None and not re.match(SLUG_PATTERN, slug):
                self.error(
                    info["slug"],
                    f"slug `{slug}` must be lower-case ASCII letters, digits and `-` (it names a file), e.g. `czj`",
                )
                slug = None
            aliases = tuple(a for n in self.sequence(info.get("aliases")) if (a := self.scalar_text(n)))
            contact = self.scalar_text(info["contact"]) if "contact" in info else None
            units.append(Unit(name, aliases, slug, contact))
        return tuple(units)

    # ----- node helpers ------------------------------------------------------------------------

    def mapping(self, node: yaml.Node, keys: Sequence[str], what: str) -> dict[str, yaml.Node] | None:
        if not isinstance(node, yaml.MappingNode):
            self.error(node, f"a {what} must be a mapping of keys ({', '.join(keys)})")
            return None
        result: dict[str, yaml.Node] = {}
        for key_node, value in self.pairs(node):
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key is None or not isinstance(key, str):
                self.error(key_node, f"a {what} key must be plain text")
            elif key not in keys:
                near = difflib.get_close_matches(key, keys, n=1)
                hint = f"did you mean `{near[0]}`?" if near else f"known keys: {', '.join(keys)}"
                self.error(key_node, f"unknown key `{key}` in {what}; {hint}", span=len(key))
            elif key in result:
                self.error(key_node, f"key `{key}` appears twice in this {what}", span=len(key))
            else:
                result[key] = value
        return result

    def pairs(self, node: yaml.MappingNode) -> Iterable[tuple[yaml.Node, yaml.Node]]:
        for key_node, value in node.value:
            if self.shared(key_node) or self.shared(value):
                continue
            yield key_node, value

    def shared(self, node: yaml.Node) -> bool:
        """Anchors and aliases are refused: a schedule reads as written, and `*a` bombs stay small."""
        if id(node) in self.seen_nodes:
            self.error(node, "YAML aliases (`*name`) are not allowed in schedule files; write the value out")
            return True
        self.seen_nodes.add(id(node))
        return False

    def sequence(self, node: yaml.Node | None) -> list[yaml.Node]:
        if node is None or _is_null(node):
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, "expected a list (lines starting with `- `)")
            return []
        return [child for child in node.value if not self.shared(child)]

    def scalar_text(self, node: yaml.Node) -> str | None:
        if not isinstance(node, yaml.ScalarNode) or _is_null(node):
            self.error(node, "expected text")
            return None
        value = str(node.value).strip()
        if not value:
            self.error(node, "expected text, found nothing")
            return None
        return value

    def text_of(
        self, doc: dict[str, yaml.Node], key: str, *, required: bool = False, owner: yaml.Node | None = None
    ) -> str | None:
        node = doc.get(key)
        if node is None or (_is_null(node) and isinstance(node, yaml.ScalarNode) and required):
            if required:
                self.error(node if node is not None else owner, f"missing `{key}`")
            return None
        if _is_null(node):
            return None
        return self.scalar_text(node)

    def integer(self, node: yaml.Node | None, low: int, high: int) -> int | None:
        if node is None:
            return None
        if not isinstance(node, yaml.ScalarNode) or node.style or not str(node.value).isdigit():
            self.error(node, "expected a whole number, e.g. `2024`")
            return None
        value = int(str(node.value))
        if value is None or not low <= value <= high:
            self.error(node, f"expected a year between {low} and {high}")
            return None
        return value

    def day(self, node: yaml.Node | None) -> date | None:
        if node is None or _is_null(node):
            return None
        text = self.scalar_text(node)
        if text is None:
            return None
        return _checked(
            lambda: date.fromisoformat(text),
            lambda: self.error(node, f"`{text}` is not a date; write it as YYYY-MM-DD, e.g. 2024-04-09"),
        )

    def identifier(self, node: yaml.Node | None) -> str | None:
        if node is None:
            return None
        text = self.scalar_text(node)
        if text is not None and not re.match(ID_PATTERN, text):
            self.error(
                node,
                f"id `{text}` must be ASCII letters, digits, `-` or `_` (it names files and "
                "calendar events), e.g. `leading-group`",
            )
            return None
        return text

    def choice(self, node: yaml.Node | None, choices: Sequence[str]) -> str | None:
        if node is None or _is_null(node):
            return None
        text = self.scalar_text(node)
        if text is not None and text not in choices:
            self.error(node, f"`{text}` is not one of: {', '.join(choices)}")
            return None
        return text

    def reminders(self, node: yaml.Node | None) -> tuple[str, ...]:
        found: list[str] = []
        for child in self.sequence(node):
            text = self.scalar_text(child)
            if text is not None and not re.match(REMINDER_PATTERN, text):
                self.error(child, f"reminder `{text}` must be a number and w, d, h or m, e.g. `7d`, `1d`, `2h`")
            elif text is not None:
                found.append(text)
        return tuple(found)

    def unit_list(self, node: yaml.Node | None, aliases: dict[str, str]) -> tuple[str, ...]:
        if node is None or _is_null(node):
            return ()
        if isinstance(node, yaml.ScalarNode):
            names = split_units(str(node.value))
        else:
            names = tuple(n for child in self.sequence(node) if (n := self.scalar_text(child)))
        return tuple(dict.fromkeys(canonical(n, aliases) for n in names))


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and not node.style and node.value in _NULLS


def _checked(make: Callable[[], T], complain: Callable[[], None]) -> T | None:
    try:
        return make()
    except ValueError:
        complain()
        return None
