"""The seed schedules follow the JSON Schema the loader runs, and say what the plans say, verbatim."""

from __future__ import annotations

import json
import re
from importlib.resources import files

import jsonschema
import pytest
import yaml

from schedgen import load as loader
from schedgen.errors import LoadError
from schedgen.schema import validate

from .conftest import SCHEDULES, SEEDS

SCHEMA = json.loads(files("schedgen").joinpath("schema.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", sorted(SCHEDULES.glob("*.yaml")), ids=lambda p: p.name)
def test_seed_schedules_validate_against_the_schema(path) -> None:  # type: ignore[no-untyped-def]
    document = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # dates stay strings
    for task in [t for s in document.get("stages", []) for t in s["tasks"]] + document.get("tasks", []):
        assert isinstance(task["when"], str)
    document["year"] = int(document["year"])
    jsonschema.validate(document, SCHEMA, format_checker=jsonschema.FormatChecker())
    assert validate(document) == []


def test_schema_rejects_an_unknown_key() -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"title": "x", "year": 2024, "stage": []}, SCHEMA)
    with pytest.raises(LoadError) as caught:
        loader.loads("title: x\nyear: 2024\nstage: []\n")
    assert "unknown key `stage` in schedule; did you mean `stages`?" in caught.value.render()


def _flat(text: str) -> str:
    # web copies of the plans carry page numbers (`3、`) at line starts and break lines anywhere
    return re.sub(r"\s+", "", re.sub(r"(?m)^\s*\d{1,2}、", "", text))


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed plans live in ../shared/seeds")
@pytest.mark.parametrize(
    ("schedule", "seed"),
    [
        ("anqiu-eco-farm", "000"),
        ("haidong-2024", "001"),
        ("baicheng-2021", "002"),
        ("miyun-2024", "003"),
        ("shuozhou-2022", "004"),
    ],
)
def test_schedules_quote_the_plans_verbatim(schedule: str, seed: str) -> None:
    plan = loader.load(SCHEDULES / f"{schedule}.yaml")
    source = _flat(next(SEEDS.glob(f"{seed}_*.txt")).read_text(encoding="utf-8"))
    assert _flat(plan.title) in source or (schedule == "anqiu-eco-farm" and plan.title in source)
    for stage in plan.stages:
        assert _flat(stage.name) in source
    for task in plan.all_tasks():
        assert _flat(task.when) in source, task.id
        text = re.sub(r"^\d+\. ", "", task.task)
        assert _flat(text) in source, task.id
        for unit in task.lead + task.support + task.units:
            assert _flat(unit) in source, (task.id, unit)
        notes = re.sub(r"^原文未写时限，暂按“.+?”。", "", task.notes or "")
        if notes and not notes.startswith(("出自", "报送至")):
            assert _flat(notes) in source, task.id


def test_anqiu_has_every_row_of_the_table() -> None:
    plan = loader.load(SCHEDULES / "anqiu-eco-farm.yaml")
    whens = [t.when for t in plan.all_tasks()]
    assert len(whens) == 22  # the table has 22 rows: 2, 16 and 4 in its three stages
    assert whens.count("3月1日至10月31日") == 12
