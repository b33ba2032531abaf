"""schema.json is the one definition of a schedule file: the small validator that runs it agrees with
`jsonschema`, knows every keyword the schema uses, and the schema's limits are the model's."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator, Mapping
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schedgen.model import FIRST_YEAR, LAST_YEAR, REMINDER_PATTERN, Reminder
from schedgen.schema import KEYWORDS, Plain, rule_at, schedule_schema, validate

from .conftest import ROOT, run

SCHEMA = schedule_schema()
REFERENCE = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
ANNOTATIONS = {"$schema", "$id", "$defs", "title", "description"}


def rules(rule: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    """Every rule in the schema, the root and each one nested in it."""
    yield rule
    for keyword in ("properties", "$defs"):
        for child in rule.get(keyword, {}).values():
            yield from rules(child)
    for keyword in ("items", "additionalProperties", "propertyNames"):
        if isinstance(rule.get(keyword), dict):
            yield from rules(rule[keyword])


def test_the_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_the_validator_knows_every_keyword_the_schema_uses() -> None:
    used = {key for rule in rules(SCHEMA) for key in rule if not key.startswith("x-")} - ANNOTATIONS
    assert used <= KEYWORDS, used - KEYWORDS


def test_the_schema_carries_the_models_limits() -> None:
    year = SCHEMA["properties"]["year"]
    assert (year["minimum"], year["maximum"]) == (FIRST_YEAR, LAST_YEAR)
    reminder = SCHEMA["properties"]["reminders"]["items"]
    assert reminder["pattern"] == REMINDER_PATTERN
    with pytest.raises(ValueError) as caught:
        Reminder.parse("soon")
    assert str(caught.value) == reminder["x-message"].format(value="soon")


def test_schedgen_schema_prints_the_schema_the_loader_runs() -> None:
    assert run("schema").output == (ROOT / "src" / "schedgen" / "schema.json").read_text(encoding="utf-8")


# Documents as the loader hands them to the schema: text, whole numbers, null, lists and mappings.
TEXT = st.sampled_from(
    [
        "",
        " ",
        "x",
        "安丘市生态农场建设工作配档表",
        "leading-group",
        "../etc",
        "czj",
        "Czj",
        "7d",
        "1000d",
        "soon",
        "2024-04-09",
        "2024-02-30",
        "20240409",
        "keep",
        "previous-workday",
        "todo",
        "done",
        "finished",
        "2月20日前",
        "市财政局、市农业农村局",
    ]
) | st.text(max_size=6)
SCALAR = st.none() | st.integers(0, 2300) | TEXT
ANY = st.recursive(
    SCALAR, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3), max_leaves=8
)


def maybe(valid: st.SearchStrategy[Plain]) -> st.SearchStrategy[Plain]:
    """Nine times in ten a well-formed value, else anything: whole documents come out valid often
    enough, and every rule still gets broken."""
    return st.integers(0, 9).flatmap(lambda n: valid if n else st.one_of(SCALAR, ANY))


WORDS = st.sampled_from(["x", "安丘市生态农场建设工作配档表", "2月20日前", "市财政局", 2025]) | st.text(
    min_size=1
).filter(str.strip)
IDS = st.sampled_from(["leading-group", "a", "t-1", "A_1", 7])
DAYS = st.sampled_from(["2024-04-09", "2023-02-10", None])
UNIT_CELL = maybe(st.one_of(st.none(), WORDS, st.lists(WORDS, max_size=3)))
TASK = st.fixed_dictionaries(
    {"when": maybe(WORDS), "task": maybe(WORDS)},
    optional={
        "id": maybe(IDS),
        "units": UNIT_CELL,
        "lead": UNIT_CELL,
        "support": UNIT_CELL,
        "status": maybe(st.sampled_from(["todo", "in_progress", "done", "cancelled", None])),
        "done": maybe(DAYS),
        "notes": maybe(st.none() | WORDS),
    },
)
UNIT = maybe(
    st.none()
    | st.fixed_dictionaries(
        {},
        optional={
            "aliases": st.lists(WORDS, max_size=2),
            "slug": st.sampled_from(["czj", "shi-cai-zheng-ju", 12]),
            "contact": WORDS,
        },
    )
)
DOCUMENT = st.fixed_dictionaries(
    {"title": maybe(WORDS), "year": maybe(st.integers(1940, 2210))},
    optional={
        "id": maybe(IDS),
        "issued": maybe(DAYS),
        "until": maybe(DAYS),
        "source": maybe(st.none() | WORDS),
        "reminders": maybe(st.lists(st.sampled_from(["7d", "1d", "2h", "30m", "1w"]), max_size=3)),
        "due_on_holiday": maybe(st.sampled_from(["keep", "previous-workday", None])),
        "stages": maybe(
            st.lists(
                st.fixed_dictionaries({"name": maybe(WORDS)}, optional={"tasks": st.lists(TASK, max_size=2)}),
                max_size=2,
            )
        ),
        "tasks": maybe(st.lists(TASK, max_size=3)),
        "units": maybe(st.dictionaries(WORDS.filter(lambda w: isinstance(w, str)), UNIT, max_size=2)),
    },
)


@settings(max_examples=400, deadline=None)
@given(document=st.one_of(DOCUMENT, DOCUMENT, ANY))
def test_the_validator_agrees_with_jsonschema(document: Plain) -> None:
    assert (validate(document) == []) == REFERENCE.is_valid(document)


@pytest.mark.parametrize(
    "document",
    [
        {"title": "x", "year": 2024, "tasks": [{"when": "年内", "task": "a"}]},
        {
            "id": "anqiu-eco-farm",
            "title": "安丘",
            "year": 1949,
            "issued": "2023-02-10",
            "until": None,
            "reminders": ["7d", "1d"],
            "due_on_holiday": "previous-workday",
            "stages": [{"name": "一", "tasks": [{"id": 1, "when": 2025, "task": "甲", "units": ["a"], "done": None}]}],
            "units": {"市财政局": {"aliases": ["财政局"], "slug": "czj"}, "市水务局": None},
        },
    ],
)
def test_valid_documents_are_valid_to_both(document: Plain) -> None:
    assert validate(document) == []
    assert REFERENCE.is_valid(document)


def test_rules_are_found_by_where_a_value_is() -> None:
    assert rule_at(("stages", 3, "tasks", 0))["x-name"] == "task"
    assert rule_at(("units", "市财政局"))["x-name"] == "unit"
    assert rule_at(("nowhere",)) == {}


def test_loading_a_schedule_imports_no_jsonschema() -> None:
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from schedgen.plans import timelines\n"
        "timelines([Path('schedules')])\n"
        "assert 'jsonschema' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
