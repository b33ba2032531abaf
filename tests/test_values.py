"""Value types defined once: reminders (`7d`) and the file-name slug of a schedule file's stem."""

from __future__ import annotations

import pytest

from schedgen.load import loads
from schedgen.model import Reminder, ReminderUnit
from schedgen.units import file_slug


@pytest.mark.parametrize(
    ("text", "reminder", "trigger"),
    [
        ("7d", Reminder(7, ReminderUnit.DAY), "-P6DT15H"),  # 09:00 seven days before
        ("1d", Reminder(1, ReminderUnit.DAY), "-PT15H"),
        ("3d", Reminder(3, ReminderUnit.DAY), "-P2DT15H"),
        ("1w", Reminder(1, ReminderUnit.WEEK), "-P6DT15H"),
        ("2h", Reminder(2, ReminderUnit.HOUR), "PT7H"),  # 07:00 on the due day
        ("9h", Reminder(9, ReminderUnit.HOUR), "PT0M"),
        ("30m", Reminder(30, ReminderUnit.MINUTE), "PT8H30M"),
    ],
)
def test_a_reminder_reads_its_text_and_gives_its_alarm_trigger(text: str, reminder: Reminder, trigger: str) -> None:
    assert Reminder.parse(text) == reminder
    assert str(reminder) == text
    assert reminder.trigger == trigger


@pytest.mark.parametrize("text", ["soon", "0d", "7", "d", "1000d", "7 d", "7D", "-1d"])
def test_a_bad_reminder_says_what_would_have_worked(text: str) -> None:
    with pytest.raises(ValueError, match=r"must be a number and w, d, h or m, e\.g\. `7d`"):
        Reminder.parse(text)


def test_a_schedule_holds_its_reminders_as_values() -> None:
    plan = loads("title: x\nyear: 2024\nreminders: [7d, 2h]\ntasks: [{when: 年内, task: a}]\n")
    assert plan.reminders == (Reminder(7, ReminderUnit.DAY), Reminder(2, ReminderUnit.HOUR))


@pytest.mark.parametrize(
    ("stem", "slug"),
    [
        ("anqiu-eco-farm", "anqiu-eco-farm"),
        ("海东 2024", "2024"),
        ("plan v2.final", "plan-v2-final"),
        ("__x__", "__x__"),
        ("配档表", "pei-dang-biao"),  # nothing ASCII survives: its pinyin
    ],
)
def test_a_file_stem_keeps_only_safe_characters(stem: str, slug: str) -> None:
    assert file_slug(stem) == slug


def test_a_schedule_id_defaults_to_the_slug_of_its_file_name() -> None:
    text = "title: x\nyear: 2024\ntasks: [{when: 年内, task: a}]\n"
    assert loads(text, "plans/海东 2024.yaml").id == "2024"
    assert loads(text, "plans/配档表.yaml").id == "pei-dang-biao"


def test_spaces_inside_quotes_are_no_part_of_a_value() -> None:
    plan = loads("title: ' x '\nyear: 2024\nreminders: [' 7d']\ntasks: [{id: ' a', when: ' 年内', task: a}]\n")
    assert (plan.title, plan.reminders, plan.tasks[0].id, plan.tasks[0].when) == (
        "x",
        (Reminder.parse("7d"),),
        "a",
        "年内",
    )
