"""Issue 11, section 2: how much of a prose plan `schedgen extract` drafts right.

Runs the real `commands.extract.extract` on every prose document of `tests/corpus/` and matches the
drafted tasks against the duties the collectors labelled. A drafted task matches a duty when its `when`
reads to the dates the collectors expect for the duty's time and its task text shares a run of words with
the duty's text. A duty whose time the collectors refused is found when the draft keeps its sentence as a
comment (a reviewer sees it) rather than as a dated task.

Each document is drafted as a user would, without `--year`: the draft takes its year from the document, and
its tasks are dated in the year the draft took, so a wrong year shows as wrong dates. A document that names
no year is drafted again with the collectors' year (`--year`), and counted. A document labelled with no
duty at all (a holiday notice) counts every drafted task against precision.

Prints recall (labelled duties found) and precision (drafted tasks that are a labelled duty with the
right dates), per document and overall, then the time to draft a 10 MB text and what a 21 MB one gets.

    python bench/bench_extract.py          goals: recall >= 85 %, precision >= 90 %, 10 MB < 10 s
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from pathlib import Path

import yaml

from schedgen.commands.extract import extract
from schedgen.errors import SchedgenError, WhenError
from schedgen.expression import Frame
from schedgen.resolve import dated, due_dates

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
RECALL_GOAL, PRECISION_GOAL = 0.85, 0.90
_PUNCT = re.compile(r"[\s\u3000，,。.；;：:、（）()“”\"'‘’《》…!！?？\-—]+")


@dataclass(frozen=True)
class Duty:
    """One labelled duty: its text, and the reading its time must have (None: the time is refused)."""

    text: str
    when: str
    expect: dict[str, object] | None


@dataclass(frozen=True)
class Drafted:
    """One drafted task as the draft file holds it."""

    task: str
    when: str


@dataclass(frozen=True)
class Score:
    """The figures of one document."""

    name: str
    duties: int
    found: int
    drafted: int
    right: int


def prose_documents() -> list[tuple[Path, dict[str, object]]]:
    """The labelled prose documents of the corpus: the text file and its labels."""
    documents = []
    for path in sorted(CORPUS.glob("*.yaml")):
        labels = yaml.safe_load(path.read_text(encoding="utf-8"))
        if labels.get("layout") == "prose" and "duties" in labels:
            documents.append((CORPUS / str(labels["text"]), labels))
    return documents


def duties(labels: dict[str, object]) -> list[Duty]:
    """The labelled duties, each with the collectors' expected reading of its time."""
    cells = {str(c["text"]): c["expect"] for c in labels.get("cells", [])}  # type: ignore[attr-defined]
    return [
        Duty(str(d["text"]), str(d["when"]), None if cells[str(d["when"])] == "refused" else cells[str(d["when"])])
        for d in labels["duties"]  # type: ignore[attr-defined]
    ]


def drafted(text: str) -> tuple[list[Drafted], list[str]]:
    """The tasks of a draft file, and the sentences it kept as comments because their time was unread."""
    document = yaml.safe_load(text) or {}  # a refusal's lines are comments only
    tasks = [t for s in document.get("stages", []) for t in s["tasks"]] + document.get("tasks", [])
    kept = [line[2:] for line in text.splitlines() if line.startswith("# ") and "时间读不懂" in line]
    return [Drafted(str(t["task"]), str(t["when"])) for t in tasks], kept


def draft_year(text: str | None) -> int | None:
    """The year a draft took (None for a refusal)."""
    document = yaml.safe_load(text) if text else None
    return int(document["year"]) if isinstance(document, dict) and "year" in document else None


def reads_as(when: str, expect: dict[str, object], year: int, issued: date | None) -> bool:
    """Whether `when` read in `year` gives the collectors' expected kind and dates."""
    try:
        timing = dated(when, year, Frame(issued, ()))  # 用3年时间 counts from the day of issue
    except WhenError:
        return False
    got: dict[str, object] = {"kind": timing.kind}
    start, end = getattr(timing, "start", None), getattr(timing, "end", None)
    day = getattr(timing, "day", None)
    got["start"], got["end"] = (day, day) if day else (start, end)
    got["dates"] = due_dates(timing, issued or date(year, 1, 1), date(year, 12, 31))
    if timing.kind == "every":
        got["freq"], got["interval"] = timing.freq.value, timing.interval  # type: ignore[union-attr]
    # the clock time is the grammar's business (issue 11, section 1); a draft is right when its days are
    return all(got.get(key) == value for key, value in expect.items() if key != "at")


def overlaps(duty: str, task: str) -> bool:
    """Whether a drafted task's text shares with a duty's a run of at least 8 characters (or most of a short one)."""
    a, b = _PUNCT.sub("", duty), _PUNCT.sub("", task)
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return match.size >= min(8, max(3, len(a) * 2 // 3))


def score(name: str, labels: dict[str, object], draft: str | None) -> Score:
    """Match a draft against a document's labelled duties."""
    # the dates a reader of the draft gets: in the year the draft took (the collectors' when it took none)
    year = draft_year(draft) or int(labels["year"])  # type: ignore[call-overload]
    issued = labels.get("issued") if isinstance(labels.get("issued"), date) else None
    tasks, kept = drafted(draft) if draft else ([], [])
    wanted = duties(labels)

    def matches(duty: Duty, task: Drafted) -> bool:
        return (
            duty.expect is not None
            and overlaps(duty.text, task.task)
            and reads_as(task.when, duty.expect, year, issued)
        )  # type: ignore[arg-type]

    found = sum(
        any(matches(d, t) for t in tasks) if d.expect is not None else any(overlaps(d.text, k) for k in kept)
        for d in wanted
    )
    right = sum(any(matches(d, t) for d in wanted) for t in tasks)
    return Score(name, len(wanted), found, len(tasks), right)


YEARLESS: list[str] = []
"""The documents `measure` drafted again with `--year` because they name no year (filled by `measure`)."""


def measure() -> list[Score]:
    """Draft every prose document of the corpus as a user would (no --year) and score each draft."""
    scores = []
    YEARLESS.clear()
    with tempfile.TemporaryDirectory() as folder:
        for text, labels in prose_documents():
            target = Path(folder) / f"{text.stem}.yaml"
            try:
                draft = _draft(text, target, None)
            except SchedgenError as error:
                if "names no year" not in str(error):
                    # nothing drafted: what the refusal shows the reviewer counts as kept
                    draft = "".join(f"# {line.strip()}\n" for line in str(error).splitlines()[1:])
                else:
                    YEARLESS.append(text.stem)
                    try:
                        draft = _draft(text, target, int(labels["year"]))  # type: ignore[call-overload]
                    except SchedgenError as again:
                        draft = "".join(f"# {line.strip()}\n" for line in str(again).splitlines()[1:])
            scores.append(score(text.stem, labels, draft))
    return scores


def _draft(text: Path, target: Path, year: int | None) -> str:
    """The draft `extract` writes for a document."""
    extract(text, target, year=year, force=True, review=False)  # the review page is not measured here
    return target.read_text(encoding="utf-8")


def totals(scores: list[Score]) -> tuple[float, float]:
    """Recall and precision over all documents."""
    duties_, found = sum(s.duties for s in scores), sum(s.found for s in scores)
    drafted_, right = sum(s.drafted for s in scores), sum(s.right for s in scores)
    return found / duties_, (right / drafted_ if drafted_ else 1.0)


def large_text(size: int) -> str:
    """A plan of `size` bytes: the corpus texts over and over, each copy with its days moved on by one so
    that no reading is served from a cache, as in a long document whose dates all differ."""
    sample = "\n".join(text.read_text(encoding="utf-8") for text, _ in prose_documents())
    copies, total, n = [], 0, 0
    while total < size:
        n += 1
        copy = re.sub(r"(\d{1,2})日", lambda m, n=n: f"{(int(m[1]) + n) % 28 + 1}日", sample)
        copies.append(copy)
        total += len(copy.encode())
    return "".join(copies).encode()[:size].decode(errors="ignore")


def main() -> None:
    """Print the figures."""
    scores = measure()
    print(f"{'document':<10}{'duties':>8}{'found':>8}{'drafted':>9}{'right':>8}")
    for s in scores:
        print(f"{s.name:<10}{s.duties:>8}{s.found:>8}{s.drafted:>9}{s.right:>8}")
    recall, precision = totals(scores)
    print(f"{len(YEARLESS)} document(s) name no year and were drafted with --year: {' '.join(YEARLESS)}")
    print(f"recall {recall:.1%} (goal {RECALL_GOAL:.0%}), precision {precision:.1%} (goal {PRECISION_GOAL:.0%})")
    seeds = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
    with tempfile.TemporaryDirectory() as folder:
        for seed in seeds:  # unlabelled: how much a reviewer gets to read
            target = Path(folder) / f"{seed.stem}.yaml"
            result = extract(seed, target, year=2024, review=False)
            _, kept = drafted(target.read_text(encoding="utf-8"))
            print(f"seed {seed.name}: {result.rows} task(s) drafted, {len(kept)} sentence(s) kept as comments")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "large.txt"
        source.write_text(large_text(10_000_000), encoding="utf-8")
        start, cpu = time.perf_counter(), time.process_time()
        result = extract(source, Path(folder) / "large.yaml", year=2024, review=False)
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
        print(f"10 MB text: {result.rows} task(s) drafted in {wall:.1f} s ({cpu:.1f} s of CPU; goal < 10 s)")
        source.write_bytes(b"x" * 21_000_000)
        try:
            extract(source, Path(folder) / "huge.yaml", year=2024, force=True)
            print("21 MB text: drafted (should have been refused)")
        except SchedgenError as error:
            print(f"21 MB text: refused: {error}")
    sys.exit(0 if recall >= RECALL_GOAL and precision >= PRECISION_GOAL else 1)


if __name__ == "__main__":
    main()
