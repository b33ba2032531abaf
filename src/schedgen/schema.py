"""`schema.json`, the one definition of a schedule file, and the small validator that runs it.

The `jsonschema` library would cost `schedgen check` more to import than the whole load takes, so this
module interprets exactly the keywords schema.json uses (`KEYWORDS`); a property test proves it agrees
with `jsonschema` on generated documents. Messages come from the rules themselves: `x-message` (a format
string over the rule and `{value}`), `x-type-message`, `x-missing` and `x-name`, which editors ignore.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, TypeAlias

from schedgen.i18n import N_, _

Plain: TypeAlias = str | int | list["Plain"] | dict[str, "Plain"] | None
"""A document as the schema sees it: YAML text, with plain whole numbers as integers and `~` as null."""
Schema = Mapping[str, Any]
Where: TypeAlias = tuple[str | int, ...]
"""The keys and indexes that lead from the document's root to a value."""

KEYWORDS = frozenset(
    {
        "$ref",
        "type",
        "enum",
        "properties",
        "additionalProperties",
        "required",
        "propertyNames",
        "items",
        "pattern",
        "minimum",
        "maximum",
        "format",
    }
)
_TYPE_NAMES: dict[type, str] = {dict: "object", list: "array", str: "string", int: "integer", type(None): "null"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


@dataclass(frozen=True)
class Violation:
    """A value that breaks `keyword` of `rule`; `key` names the property for object-level keywords."""

    where: Where
    keyword: str
    rule: Schema
    value: Plain
    key: str | None = None


@cache
def schedule_schema() -> Schema:
    """The schema of a schedule file, as `schedgen schema` prints it for editors."""
    loaded: Schema = json.loads(Path(__file__).with_name("schema.json").read_text(encoding="utf-8"))
    return loaded


def validate(document: Plain, schema: Schema | None = None) -> list[Violation]:
    """Every way `document` breaks `schema` (the schedule schema by default); empty when it is valid."""
    root = schema if schema is not None else schedule_schema()
    walk = _Walk(root)
    walk.check(document, root, ())
    return walk.found


def rule_at(where: Where, schema: Schema | None = None) -> Schema:
    """The rule a value at `where` must follow (empty when the schema says nothing about it)."""
    root = schema if schema is not None else schedule_schema()
    rule = _deref(root, root)
    for step in where:
        if isinstance(step, int):
            child = rule.get("items", {})
        else:
            child = rule.get("properties", {}).get(step, rule.get("additionalProperties", {}))
        rule = _deref(root, child if isinstance(child, dict) else {})
    return rule


def message(violation: Violation) -> str:
    """What to tell the clerk about a violation, in the rule's own words where it has them."""
    rule, value, key = violation.rule, violation.value, violation.key
    if violation.keyword == "required":
        missing = rule.get("properties", {}).get(key, {}).get("x-missing")
        if missing:
            return _("missing `{key}`: {hint}").format(key=key, hint=_(missing))
        return _("missing `{key}`").format(key=key)
    if violation.keyword == "additionalProperties":
        known = list(rule.get("properties", {}))
        near = difflib.get_close_matches(str(key), known, n=1)
        if near:
            return _("unknown key `{key}` in {what}; did you mean `{near}`?").format(
                key=key, what=name_of(rule), near=near[0]
            )
        return _("unknown key `{key}` in {what}; known keys: {keys}").format(
            key=key, what=name_of(rule), keys=", ".join(known)
        )
    if violation.keyword == "type":
        return _type_message(rule, value)
    if isinstance(value, str) and not value.strip():
        return _("expected text, found nothing")
    if "x-message" in rule:
        return _(str(rule["x-message"])).format_map({**rule, "value": value})
    if violation.keyword == "enum":
        return _("`{value}` is not one of: {choices}").format(
            value=value, choices=", ".join(str(c) for c in rule["enum"] if c is not None)
        )
    return _("`{value}` breaks `{keyword}` of the schedule schema").format(value=value, keyword=violation.keyword)


def name_of(rule: Schema, default: str = N_("mapping")) -> str:
    """What the schema calls a mapping (`x-name`: a schedule, a stage, a task, a unit), in the user's language."""
    return _(str(rule.get("x-name", default)))


def _type_message(rule: Schema, value: Plain) -> str:
    if "x-type-message" in rule:
        return _(str(rule["x-type-message"]))
    kinds = rule["type"] if isinstance(rule["type"], list) else [rule["type"]]
    if "object" in kinds:
        return _("a {what} must be a mapping of keys ({keys})").format(
            what=name_of(rule, N_("value")), keys=", ".join(rule.get("properties", {}))
        )
    if "array" in kinds:
        return _("expected a list (lines starting with `- `)")
    if "x-message" in rule and isinstance(value, (str, int)):
        # a scalar of the wrong kind gets the rule's own advice: `issued: 2024` is "not a date"
        return _(str(rule["x-message"])).format_map({**rule, "value": value})
    return _("expected text")


def extract_messages(
    fileobj: Any, keywords: object, comment_tags: object, options: object
) -> Iterator[tuple[int, str, str, list[str]]]:
    """Babel's extraction method for schema.json (`babel.cfg`): its `x-` messages and names, which
    `message` shows through the catalog. Runs when the catalog is made, never in a command."""
    found: list[tuple[int, str]] = []

    def walk(rule: object) -> None:
        if isinstance(rule, dict):
            found.extend((0, str(v)) for k, v in rule.items() if k in _MESSAGE_KEYS)
            for child in rule.values():
                walk(child)
        elif isinstance(rule, list):
            for child in rule:
                walk(child)

    walk(json.loads(fileobj.read().decode("utf-8")))
    for line, message in found:
        yield line, "_", message, []


_MESSAGE_KEYS = ("x-message", "x-type-message", "x-missing", "x-name")


def _deref(root: Schema, rule: Schema) -> Schema:
    while "$ref" in rule:
        rule = _pointer(root, rule["$ref"])
    return rule


def _pointer(root: Schema, ref: str) -> Schema:
    target: Any = root
    for part in ref.removeprefix("#/").split("/"):
        target = target[part]
    result: Schema = target
    return result


@dataclass
class _Walk:
    """One validation: the root schema, what it found, and each `$ref` looked up once."""

    root: Schema
    found: list[Violation] = field(default_factory=list)
    refs: dict[str, Schema] = field(default_factory=dict)

    def check(self, value: Plain, rule: Schema, where: Where) -> None:
        if "$ref" in rule:
            ref = rule["$ref"]
            target = self.refs.get(ref) or self.refs.setdefault(ref, _pointer(self.root, ref))
            self.check(value, target, where)
        kinds = rule.get("type")
        if kinds is not None and not _is_a(value, kinds):
            self.found.append(Violation(where, "type", rule, value))
            return
        if "enum" in rule and value not in rule["enum"]:
            self.found.append(Violation(where, "enum", rule, value))
        if isinstance(value, dict):
            self.check_object(value, rule, where)
        elif isinstance(value, list):
            if "items" in rule:
                for index, item in enumerate(value):
                    self.check(item, rule["items"], (*where, index))
        elif isinstance(value, str):
            if "pattern" in rule and not _compiled(rule["pattern"]).search(value):
                self.found.append(Violation(where, "pattern", rule, value))
            if rule.get("format") == "date" and not _is_date(value):
                self.found.append(Violation(where, "format", rule, value))
        elif isinstance(value, int):
            if value < rule.get("minimum", value):
                self.found.append(Violation(where, "minimum", rule, value))
            if value > rule.get("maximum", value):
                self.found.append(Violation(where, "maximum", rule, value))

    def check_object(self, value: dict[str, Plain], rule: Schema, where: Where) -> None:
        properties: Schema = rule.get("properties", {})
        required: Sequence[str] = rule.get("required", ())
        extra = rule.get("additionalProperties", True)
        names = rule.get("propertyNames")
        for key, child in value.items():
            if names is not None and not _compiled(names["pattern"]).search(key):
                self.found.append(Violation(where, "propertyNames", names, key, key))
            if key in properties:
                if child is None and key in required:
                    # a required key left empty (`when:`) reads best as missing, not as the wrong type
                    before = len(self.found)
                    self.check(child, properties[key], (*where, key))
                    self.found[before:] = [
                        Violation(where, "required", rule, value, key) if v.keyword == "type" else v
                        for v in self.found[before:]
                    ]
                else:
                    self.check(child, properties[key], (*where, key))
            elif extra is False:
                self.found.append(Violation(where, "additionalProperties", rule, value, key))
            elif isinstance(extra, dict):
                self.check(child, extra, (*where, key))
        for key in required:
            if key not in value:
                self.found.append(Violation(where, "required", rule, value, key))


def _is_a(value: Plain, kinds: str | list[str]) -> bool:
    name = _TYPE_NAMES.get(type(value))
    return name == kinds if isinstance(kinds, str) else name in kinds


def _is_date(text: str) -> bool:
    try:
        return bool(_DATE.fullmatch(text)) and bool(date.fromisoformat(text))
    except ValueError:
        return False


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)
