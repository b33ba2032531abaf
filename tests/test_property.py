"""Arbitrary input: the only failures are the project's own errors, with a position."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schedgen.errors import LoadError, WhenError
from schedgen.load import loads
from schedgen.resolve import explain, resolve
from schedgen.schema import rule_at

# the characters the grammar cares about, so that generated text gets deep into it
GRAMMAR = list(
    "0123456789０１２〇零一二两三四五六七八九十廿年月日号前后至到—-~、，.,/ 每季度半周旬上中下底末初内起天个时点分即次今“”\"'"
)
WORDS = [
    "年内",
    "年底",
    "上半年",
    "第三季度",
    "十四五",
    "时期",
    "每季度",
    "一月一",
    "上报",
    "即日起",
    "自",
    "起",
    "个月",
    "上午",
    "下午",
    "2024",
    "12",
    "31",
    "30",
    "2月",
    "次年",
    "长期坚持",
    "每年",
    "首月",
]
grammar_text = st.lists(st.one_of(st.sampled_from(GRAMMAR), st.sampled_from(WORDS)), max_size=14).map("".join)


@settings(max_examples=1500, deadline=None)
@given(text=st.one_of(grammar_text, st.text(max_size=30)), year=st.integers(1949, 2199))
def test_any_text_is_read_or_refused_with_a_position(text: str, year: int) -> None:
    try:
        got = explain(text, year)
    except WhenError as error:
        assert 0 <= error.start < error.end <= len(text) + 1
        assert error.message
        return
    assert got["kind"] in ("deadline", "span", "day", "dates", "every", "ongoing")
    if got["start"] and got["end"]:
        assert got["start"] <= got["end"]


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 3000), st.text(max_size=12), grammar_text, st.dates().map(str)
)
keys = st.sampled_from(
    [
        *rule_at(())["properties"],
        *rule_at(("stages", 0))["properties"],
        *rule_at(("tasks", 0))["properties"],
        "bogus",
        "units",
    ]
)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=6)),
    max_leaves=25,
)


def task_like() -> st.SearchStrategy[dict[str, object]]:
    return st.fixed_dictionaries(
        {"when": st.one_of(grammar_text, scalars), "task": scalars},
        optional={
            "id": scalars,
            "units": st.one_of(scalars, st.lists(scalars, max_size=3)),
            "status": scalars,
            "done": scalars,
            "lead": scalars,
            "notes": scalars,
        },
    )


schedules = st.fixed_dictionaries(
    {"title": scalars, "year": st.one_of(st.integers(1940, 2210), scalars)},
    optional={
        "issued": scalars,
        "until": scalars,
        "reminders": st.lists(scalars, max_size=3),
        "id": scalars,
        "due_on_holiday": scalars,
        "stages": st.lists(
            st.fixed_dictionaries({"name": scalars}, optional={"tasks": st.lists(task_like(), max_size=3)}),
            max_size=3,
        ),
        "tasks": st.lists(st.one_of(task_like(), documents), max_size=4),
        "units": st.dictionaries(st.text(max_size=6), st.one_of(st.none(), documents), max_size=3),
    },
)


def _load_and_resolve(text: str | bytes) -> None:
    try:
        plan = loads(text, "plan.yaml")
    except LoadError as error:
        assert error.diagnostics
        for diagnostic in error.diagnostics:
            assert diagnostic.position is not None and diagnostic.position.line >= 1
            assert diagnostic.render().startswith("plan.yaml:")
        return
    resolve(plan)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=st.one_of(schedules, documents))
def test_any_document_loads_or_fails_with_positions(document: object) -> None:
    _load_and_resolve(yaml.safe_dump(document, allow_unicode=True))


@settings(max_examples=500, deadline=None)
@given(raw=st.one_of(st.binary(max_size=200), st.text(max_size=200)))
def test_any_bytes_load_or_fail_with_positions(raw: bytes | str) -> None:
    try:
        plan = loads(raw, "plan.yaml")
    except LoadError as error:
        assert all(d.position is not None for d in error.diagnostics)
        return
    resolve(plan)
