"""Issue 11, section 2: how much of a prose plan `schedgen extract` drafts right.

Runs the real `commands.extract.extract` on every prose document of `tests/corpus/` and matches the
drafted tasks against the duties the collectors labelled. A drafted task matches a duty when its `when`
reads to the dates the collectors expect for the duty's time and its task text shares a run of words with
the duty's text. A duty whose time the collectors refused is found when the draft keeps its sentence as a
comment (a reviewer sees it) rather than as a dated task.

Issue 21 adds the sealed part, `tests/corpus/sealed/`: documents labelled before any code read them. Its
tables and its Word, Excel and PDF files are drafted through the real CLI, `schedgen import FILE -o OUT` in a
subprocess (the stable interface while the importers change), and its prose `.txt` through `extract` as the
open corpus is, but without the labelled year: the draft must find its year in the document (while
`extract` still needs a year it gets this year's, as `schedgen extract` without `--year` does). A draft
whose year differs from the labelled one has every task wrong and no duty found; a document labelled
`year: null` must be refused, and then all its duties count as found; a refused or failed draft of any
other document finds nothing. `import` exiting 1 with its file written (rows whose time it could not read, kept as
written) is a draft like any other; a task whose time cannot be read is kept for the reviewer, as a prose sentence
whose time is unread is kept as a comment: it finds a duty whose time the collectors refused, and is not counted as
drafted.

The open corpus is drafted the same way by default: its prose through `extract` without the labelled year, its
tables through `schedgen import` in a subprocess, so that finding the year, the title and refusing a document that
names none are measured where the code may be looked at (each open document's line says the year its draft took,
`refused` or `failed`, and `WRONG` beside a year other than the labelled one). The old figure, the open prose drafted
with its labelled year given, is printed too. An open table's line says the year it got and how many of its
labelled times the rows read right (`cells`); the tables moved from the sealed part, which label their duties, are
also scored as the sealed part's tables are (recall and precision of their duties, printed apart).

Prints recall (labelled duties found) and precision (drafted tasks that are a labelled duty with the
right dates), per document of the open corpus and overall; for the sealed part, each of its batches and the
whole corpus totals only, never a line per sealed document (its README says why); then the time to draft a
10 MB text and what a 21 MB one gets.

    python bench/bench_extract.py          goals: open corpus recall >= 85 %, precision >= 90 %;
                                           sealed part recall and precision >= 90 %; 10 MB < 10 s
"""

from __future__ import annotations

import argparse
import inspect
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
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
SEALED = CORPUS / "sealed"
RECALL_GOAL, PRECISION_GOAL = 0.85, 0.90
SEALED_GOAL = 0.90  # issue 21: recall and precision on the sealed part
# The first document of each batch of the sealed part (its README says when and how each was collected): a
# later batch was collected after the rules had been tuned on the open corpus, so its totals are the
# freshest measure of whether the rules generalise.
SEALED_BATCHES = (1, 42, 71, 96, 110, 128, 148)
CLI_TIMEOUT = 120  # seconds for one `schedgen import`; a draft that takes longer counts as failed
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
    undated: bool = False
    """An item the document gives no time, drafted with the plan's horizon (its note says `原文未写时限`)."""


@dataclass(frozen=True)
class Miss:
    """A labelled duty the draft missed: its labelled time, why (a kind of CAUSES) and, when its sentence was
    drafted with other dates, the drafted time."""

    when: str
    cause: str
    got: str = ""


@dataclass(frozen=True)
class Wrong:
    """A drafted task that is no labelled duty with its dates: its time, why (a kind of CAUSES), and whether its
    dates are a labelled duty's (the text did not match)."""

    when: str
    cause: str
    dates_of: str = ""
    """`found` or `missed` when its dates are a labelled duty's of that kind (the text did not match)."""
    undated: bool = False
    """An undated item drafted with the plan's horizon."""


@dataclass(frozen=True)
class Score:
    """The figures of one document."""

    name: str
    duties: int
    found: int
    drafted: int
    right: int
    year: str = ""
    """The year the draft took (`refused`, `failed`), when it had to find it itself."""
    misses: tuple[Miss, ...] = ()
    """The duties missed, each with why (`CAUSES`): what a batch's totals are made of."""
    wrongs: tuple[Wrong, ...] = ()
    """The drafted tasks that are no labelled duty with its dates, each with why (`CAUSES`)."""
    labelled: tuple[str, ...] = ()
    """The labelled times of its duties, for the sealed part's totals by kind of time."""
    off: int = 0
    """How many years a draft in a wrong year is off the labelled one (negative: earlier)."""
    form: str = ""
    """The source's form (`prose .txt`, `table .txt (pipes)`, `.docx` …), for the sealed part's totals by form."""

    @property
    def causes(self) -> tuple[tuple[str, int], ...]:
        """The misses and wrong tasks counted by kind, in the order CAUSES names them, without the empty ones."""
        counted = Counter([m.cause for m in self.misses] + [w.cause for w in self.wrongs])
        return tuple((kind, counted[kind]) for kind in CAUSES if counted[kind])


CAUSES = {
    "lost": "duties lost with their document (a wrong year, a refusal, a draft of a document naming no year)",
    "read otherwise": "duties drafted from their sentence with other dates",
    "unread": "dated duties kept for the reviewer as unread",
    "not drafted": "duties no drafted task or kept sentence shares words with",
    "refusal dated": "duties whose time the collectors refused, drafted with a date",
    "wrong year": "drafted tasks of a document in a wrong year or naming none",
    "other dates": "drafted tasks sharing words with a duty, with other dates",
    "labelled no duty": "drafted tasks whose time the collectors labelled as no duty (a stamp, a cited window …)",
    "no duty": "drafted tasks sharing words with no duty, at a time the collectors did not label",
}
"""The kinds of miss and of wrong task the bench counts; the sealed part prints their totals only."""
MISSES = ("lost", "read otherwise", "unread", "not drafted", "refusal dated")


def prose_documents() -> list[tuple[Path, dict[str, object]]]:
    """The labelled prose documents of the corpus: the text file and its labels."""
    documents = []
    for path in sorted(CORPUS.glob("*.yaml")):
        labels = yaml.safe_load(path.read_text(encoding="utf-8"))
        if labels.get("layout") == "prose" and "duties" in labels:  # `duties: []`: a notice with nothing due
            documents.append((CORPUS / str(labels["text"]), labels))
    return documents


def own(labels: dict[str, object]) -> dict[str, object]:
    """The labels as a draft without a given year is judged by them: `own_year`, where an open document's labelled
    year is not the one its text names (from its address or page; `null`: the text names none, so a draft must be
    refused, as the sealed part labels such a document), stands for `year`."""
    return {**labels, "year": labels["own_year"]} if "own_year" in labels else labels


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
    return [
        Drafted(str(t["task"]), str(t["when"]), str(t.get("notes", "")).startswith("原文未写时限")) for t in tasks
    ], kept


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
    """Whether a drafted task's text shares with a duty's a run of at least 8 characters (or most of a short one,
    or all of one of two characters, such as a table row's 考试)."""
    a, b = _PUNCT.sub("", duty), _PUNCT.sub("", task)
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return match.size >= min(8, max(3, len(a) * 2 // 3)) or (0 < len(a) < 3 and a in b)


def reason(comment: str) -> str:
    """Why a kept sentence's time was unread, as its comment says it with the words it quotes left out:
    `时间读不懂（只读出了“…”，它是一个更长的时间的一部分）` -> `只读出了“…”，它是一个更长的时间的一部分`."""
    said = re.search(r"时间读不懂[（(](.*?)[）)][：:]", comment)
    return "comment: " + re.sub(r"“[^”]*”", "“…”", said[1] if said else comment[:20])


def why_unread(when: str, year: int) -> str:
    """Why a table row's time is unread, as the language's error says it with the words it quotes left out."""
    try:
        dated(when, year)
    except (WhenError, SchedgenError) as error:
        said = re.split(r"[;；]", str(error).splitlines()[0])[0]  # (not the forms that work it lists after)
        return "row: " + re.sub(r"`[^`]*`|“[^”]*”", "`…`", said)[:60]
    return "row: read"


def draft_year(draft: str) -> object:
    """The year a draft file states, or None for a refusal (comments only)."""
    document = yaml.safe_load(draft) or {}
    return document.get("year") if isinstance(document, dict) else None


def unread(when: str, year: int) -> bool:
    """Whether a drafted time cannot be read: the task is then kept for a reviewer rather than dated."""
    try:
        dated(when, year)
    except (WhenError, SchedgenError):
        return True
    return False


def score(
    name: str, labels: dict[str, object], draft: str | None, *, refused: bool = False, own_year: bool = False
) -> Score:
    """Match a draft against a document's labelled duties (`refused`: the drafter wrote nothing, and `draft`
    holds what its refusal told the reviewer; `own_year`: the draft had to find its year in the document, so a
    year other than the labelled one makes every task wrong, as in the sealed part; the open corpus is drafted
    with its labelled year given, and scored as before)."""
    tasks, kept = drafted(draft) if draft else ([], [])
    wanted = duties(labels)

    def lost() -> Score:  # every duty lost with the document, every task of it wrong
        misses = tuple(Miss(d.when, "lost") for d in wanted)
        return Score(
            name,
            len(wanted),
            0,
            len(tasks),
            0,
            misses=misses,
            wrongs=tuple(Wrong(t.when, "wrong year", undated=t.undated) for t in tasks),
        )

    if labels.get("year") is None:  # the document names no year: the right draft is a refusal
        return Score(name, len(wanted), len(wanted), len(tasks), 0) if refused else lost()
    year = int(labels["year"])  # type: ignore[call-overload]
    if own_year and not refused and draft_year(draft or "") != year:  # every date of the draft is in the wrong year
        return lost()
    issued = labels.get("issued") if isinstance(labels.get("issued"), date) else None

    def matches(duty: Duty, task: Drafted) -> bool:
        return (
            duty.expect is not None
            and overlaps(duty.text, task.task)
            and reads_as(task.when, duty.expect, year, issued)
        )  # type: ignore[arg-type]

    def keeps(duty: Duty) -> bool:  # a duty with an unreadable time is found when the reviewer is shown it
        return any(overlaps(duty.text, k) for k in kept) or any(
            overlaps(duty.text, t.task) and unread(t.when, year) for t in tasks
        )

    # a task whose time cannot be read (a table's row kept as written for the reviewer) is kept, not drafted: as a
    # prose sentence whose time is unread is a comment, it counts for a refused duty (`keeps`) and against no one
    dated_tasks = [t for t in tasks if not unread(t.when, year)]
    missed = [d for d in wanted if not (any(matches(d, t) for t in tasks) if d.expect is not None else keeps(d))]
    wrong = [t for t in dated_tasks if not any(matches(d, t) for d in wanted)]
    found, right = len(wanted) - len(missed), len(dated_tasks) - len(wrong)
    if refused:  # a document that names its year, refused: what its refusal does not show the reviewer is lost
        return Score(
            name, len(wanted), found, len(dated_tasks), right, misses=tuple(Miss(d.when, "lost") for d in missed)
        )
    non_duty = {str(c["text"]) for c in labels.get("cells", []) if c.get("why")}  # type: ignore[attr-defined]

    def near(duty: Duty) -> Drafted | None:
        return next((t for t in dated_tasks if overlaps(duty.text, t.task)), None)

    def miss(duty: Duty) -> Miss:
        task = near(duty)
        if duty.expect is None:
            return Miss(duty.when, "refusal dated" if task else "not drafted")
        if task:
            return Miss(duty.when, "read otherwise", task.when)
        if not keeps(duty):
            return Miss(duty.when, "not drafted")
        row = next((t.when for t in tasks if overlaps(duty.text, t.task) and unread(t.when, year)), None)
        comment = next((k for k in kept if overlaps(duty.text, k)), "")
        return Miss(duty.when, "unread", why_unread(row, year) if row is not None else reason(comment))

    def wrong_task(task: Drafted) -> Wrong:
        same = [d for d in wanted if d.expect is not None and reads_as(task.when, d.expect, year, issued)]
        dates = "missed" if any(d in missed for d in same) else "found" if same else ""
        if any(overlaps(d.text, task.task) for d in wanted):
            return Wrong(task.when, "other dates", dates, task.undated)
        cause = "labelled no duty" if any(c in task.when or task.when in c for c in non_duty) else "no duty"
        return Wrong(task.when, cause, dates, task.undated)

    misses, wrongs = tuple(miss(d) for d in missed), tuple(wrong_task(t) for t in wrong)
    return Score(name, len(wanted), found, len(dated_tasks), right, misses=misses, wrongs=wrongs)


def measure(*, given_year: bool = False) -> list[Score]:
    """Draft every prose document of the corpus and score each draft: by default as the sealed part is drafted,
    without its year (the draft must find it, or refuse a document labelled `year: null`); with `given_year`, with
    the collectors' year given, as the open corpus was measured before."""
    scores = []
    with tempfile.TemporaryDirectory() as folder:
        for text, labelled in prose_documents():
            labels = labelled if given_year else own(labelled)
            target = Path(folder) / f"{text.stem}.yaml"
            # a document that names no year is drafted without one, and must be refused
            year = None if labels["year"] is None or not given_year else int(labels["year"])  # type: ignore[call-overload]
            try:
                extract(text, target, year=year)
                draft, refused = target.read_text(encoding="utf-8"), False
            except SchedgenError as error:
                # nothing drafted: what the refusal shows the reviewer counts as kept
                draft, refused = refusal(str(error)), True
            except Exception:  # a crash is counted as a failed draft and named on the document's line
                scores.append(replace(score(text.stem, labels, "", own_year=True), year="failed"))
                continue
            scored = score(text.stem, labels, draft, refused=refused, own_year=not given_year)
            scores.append(replace(scored, year=str(draft_year(draft)) if not refused else own_year(text)))
    return scores


def own_year(text: Path) -> str:
    """The year a refused draft of a prose text took before it found nothing to draft (`… (nothing drafted)`), or
    `refused` when the document was refused for naming no year."""
    from schedgen.importers.documents import plan_text
    from schedgen.importers.prose import extract as draft

    try:
        return f"{draft(plan_text(text), year=None, stem=text.stem).document['year']} (nothing drafted)"
    except SchedgenError:
        return "refused"


def table_documents() -> list[tuple[Path, dict[str, object]]]:
    """The labelled tables of the open corpus: the text file and its labels."""
    documents = []
    for path in sorted(CORPUS.glob("*.yaml")):
        labels = yaml.safe_load(path.read_text(encoding="utf-8"))
        if labels.get("layout") == "table" and labels.get("text"):
            documents.append((CORPUS / str(labels["text"]), labels))
    return documents


@dataclass(frozen=True)
class TableScore:
    """An open table imported through the CLI without its year: the year it took, and its labelled times read."""

    name: str
    year: str
    cells: int
    right: int


def office_files(source: Path, folder: Path) -> list[Path]:
    """An open table typed into Word and Excel as a clerk would (the lines above it, then its rows), as the sealed
    part's tables are built, so that its year is looked for where those files keep it. No files for a table whose copy
    keeps no rows to type (d-31: a PDF's text layer flattened by a document site, its cells' pieces interleaved),
    which a clerk could not have typed either."""
    import docx
    import openpyxl

    from schedgen.importers.documents import read_document

    contents = read_document(source)
    if not contents.rows:
        return []
    rows, above = contents.rows, [line for line in contents.above if line.strip()]
    document = docx.Document()
    for line in above:
        document.add_paragraph(line)
    table = document.add_table(rows=len(rows), cols=max((len(r) for r in rows), default=1))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    word = folder / f"{source.stem}.docx"
    document.save(str(word))
    book = openpyxl.Workbook()
    sheet = book.active
    for line in above:
        sheet.append([line])
    for row in rows:
        sheet.append(row)
    excel = folder / f"{source.stem}.xlsx"
    book.save(str(excel))
    return [word, excel]


def measure_tables() -> list[TableScore]:
    """Import every open table through `schedgen import FILE -o OUT` without `--year`, as the sealed tables are (its
    text as copied, and typed into Word and Excel), and count its labelled times (not refused by the collectors)
    that some row's time reads as labelled."""
    scores = []
    with tempfile.TemporaryDirectory() as folder:
        files = [
            (path, labels)
            for source, labels in table_documents()
            for path in (source, *office_files(source, Path(folder)))
        ]
        for source, labelled in files:
            labels = own(labelled)
            target = Path(folder) / f"{source.name}.yaml"
            try:
                draft, refused = draft_cli(source, target)
            except subprocess.TimeoutExpired:
                draft, refused = "", True
            # a table that names no year is right refused: its times are not counted
            cells = [c for c in labels.get("cells", []) if isinstance(c.get("expect"), dict)]  # type: ignore[attr-defined]
            cells = cells if labels.get("year") is not None else []
            got = "refused" if refused else str(draft_year(draft))
            right = 0
            if not refused and got == str(labels.get("year")):
                year = int(labels["year"])  # type: ignore[call-overload]
                issued = labels.get("issued") if isinstance(labels.get("issued"), date) else None
                whens = {t.when for t in drafted(draft)[0]}
                right = sum(any(reads_as(w, c["expect"], year, issued) for w in whens) for c in cells)
            scores.append(TableScore(source.name if source.suffix != ".txt" else source.stem, got, len(cells), right))
    return scores


def duty_table_files() -> list[tuple[Path, dict[str, object]]]:
    """The open tables whose labels name their duties (the tables moved from the sealed part), as copied, and the
    Word, Excel and PDF files a table brought with it (its `files:`, as the sealed part's are), each with its labels."""
    return [
        (path, labels)
        for source, labels in table_documents()
        if "duties" in labels
        for path in (source, *(CORPUS / str(name) for name in labels.get("files") or []))  # type: ignore[attr-defined]
    ]


def measure_table_duties() -> list[Score]:
    """Import every open table whose labels name its duties (the tables moved from the sealed part) through `schedgen
    import` without its year, as copied and as the files it brought, and score its duties as the sealed part's
    tables are scored."""
    scores = []
    with tempfile.TemporaryDirectory() as folder:
        for source, labels in duty_table_files():
            target = Path(folder) / f"{source.name}.yaml"
            try:
                draft, refused = draft_cli(source, target)
            except subprocess.TimeoutExpired:
                draft, refused = "", True
            name = source.stem if source.suffix == ".txt" else source.name
            scored = score(name, own(labels), draft, refused=refused, own_year=True)
            scores.append(replace(scored, year="refused" if refused else str(draft_year(draft))))
    return scores


def refusal(message: str) -> str:
    """What a refusal shows the reviewer, as the comment lines a draft would keep."""
    return "".join(f"# {line.strip()}\n" for line in message.splitlines()[1:] or message.splitlines())


def sealed_documents() -> list[tuple[Path, dict[str, object], bool]]:
    """The sealed part's files, each with its labels and whether it is drafted through the CLI: every table
    and every Word, Excel or PDF file; the prose .txt go through `extract`."""
    documents = []
    for path in sorted(SEALED.glob("s-*.yaml")):
        labels = yaml.safe_load(path.read_text(encoding="utf-8"))
        documents.append((SEALED / str(labels["text"]), labels, labels.get("layout") != "prose"))
        documents.extend((SEALED / str(name), labels, True) for name in labels.get("files") or [])
    return documents


def form(source: Path, labels: dict[str, object]) -> str:
    """The form of a source, by what it is and how its lines look, never by its name: `prose .txt`, `table .txt
    (pipes)`, `table .txt (one cell a line)`, `table .txt (spaces)`, `table .txt (no | and no runs of spaces)`,
    `table .docx` …"""
    layout, suffix = str(labels.get("layout")), source.suffix
    if suffix in (".html", ".htm"):
        return "page .html (prose or table)"  # (one of each: apart, a total would be one document's)
    if layout != "table" or suffix not in (".txt", ".md"):
        return f"{layout} {suffix}"
    lines = [line.strip() for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = sum(line.count("|") >= 2 and line.strip("| ") != "" and "|" in line.strip("| ") for line in lines)
    cells = sum(line.endswith("|") and "|" not in line.rstrip("| ") for line in lines)
    spaced = sum(bool(re.search(r"\S(?: {2,}|\u3000+|\t)\S", line)) for line in lines)
    shape = (
        "pipes"
        if rows >= 3
        else "one cell a line"
        if cells >= 5
        else "spaces"
        if spaced >= 3
        else "no | and no runs of spaces"
    )
    return f"table {suffix} ({shape})"


_CLASSES = (
    ("standing", r"持续|长期|常态|经常|随时|全程|常年|逐步"),
    ("recurrence", r"每|逐月|逐季|定期|按月|按季|双月|半月|[周月季年]调度|[周月季]报"),
    (
        "holiday, term, season's name",
        r"春节|元旦|国庆|清明|端午|中秋|五一|十一|节前|节后|节日|假期|寒假|暑假|放假|开学|期末|学期|汛期|汛前|防火期|禁\S{0,2}期",
    ),
    ("by, as of (到, 截至)", r"^(?:到|截至|截止)"),
    ("span", r"[至到~～—–-]|起.*止|之间|期间|为期"),
    (
        "relative",
        r"今年|本年|明年|本月|当月|次月|下月|即日|当日|当天|次日|会后|之日|后\d*个?[日天月]|\d+个?工作日|以内|日内|天内"
        r"|尽快|及时|立即|提前|前一[周天]",
    ),
    ("whole year", r"全年|年内|年度"),
    ("quarter/season/half", r"季度|[一二三四1-4]季|上半年|下半年|[春夏秋冬]季?|年中|年初"),
    ("month end, before", r"月(?:底|末)前?|年底|年末"),
    ("day, before", r"\d+\s*[日号].*前|日前|号前|前$"),
    ("day", r"\d+\s*[日号]|[上中下]午|\d+[:：]\d+"),
    ("ten days of a month", r"[上中下]旬"),
    ("month", r"\d+\s*月"),
    ("bare year", r"\d{4}\s*年"),
)


def time_class(when: str) -> str:
    """A coarse class of a time text (`X月底前`, a span, a recurrence …), the first of `_CLASSES` it fits."""
    text = re.sub(r"\s+", "", when).translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    text = re.sub(r"[〇○零一二三四五六七八九]{4}(?=年)", "2000", text)  # Chinese numerals read as digits
    text = re.sub(r"[〇○零一二三四五六七八九十]+(?=[月日号])", "1", text)
    return next((name for name, pattern in _CLASSES if re.search(pattern, text)), "other")


def draft_prose(source: Path, target: Path) -> tuple[str, bool]:
    """Draft a sealed prose text through `extract` with no year given, as a user without `--year` does:
    while `extract` needs one it gets this year's, the CLI's default. Returns the draft and whether refused."""
    if inspect.signature(extract).parameters["year"].default is inspect.Parameter.empty:
        extract(source, target, year=time.localtime().tm_year)  # type: ignore[call-arg]
    else:
        extract(source, target)  # type: ignore[call-arg]
    return target.read_text(encoding="utf-8"), False


def draft_cli(source: Path, target: Path) -> tuple[str, bool]:
    """Draft a file through `schedgen import FILE -o OUT` in a subprocess. Returns the draft (or the refusal's
    message as comments) and whether it was refused. Exit 1 with the file written is a draft: its rows whose time
    could not be read are kept as written for the reviewer (README), and scored as any draft's are."""
    command = [sys.executable, "-m", "schedgen", "import", str(source), "-o", str(target)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=CLI_TIMEOUT, check=False)
    if result.returncode not in (0, 1) or not target.exists():
        return refusal(result.stderr), True
    return target.read_text(encoding="utf-8"), False


def measure_sealed() -> tuple[list[Score], int]:
    """Draft every file of the sealed part and score each draft; also how many drafts failed with an error
    other than a refusal (a crash or a time-out), counted as refused. Nothing about one document is printed."""
    scores, failures = [], 0
    with tempfile.TemporaryDirectory() as folder:
        for n, (source, labels, via_cli) in enumerate(sealed_documents()):
            target = Path(folder) / f"{n}.yaml"
            try:
                draft, refused = (draft_cli if via_cli else draft_prose)(source, target)
            except SchedgenError as error:
                draft, refused = refusal(str(error)), True
            except Exception:  # a crash on a sealed document is counted, never shown
                draft, refused, failures = "", True, failures + 1
            scored = score(source.name, labels, draft, refused=refused, own_year=True)
            scores.append(
                replace(
                    scored,
                    year=year_kind(labels, draft, refused),
                    form=form(source, labels),
                    off=year_off(labels, draft, refused),
                    labelled=tuple(d.when for d in duties(labels)),
                )
            )
    return scores, failures


def year_kind(labels: dict[str, object], draft: str, refused: bool) -> str:
    """How a sealed draft's year went, counted by kind and never shown per document: `right`, `wrong` (another
    year), `refused` (for naming no year, though it names one), `nothing` (refused as holding no dated duty: its
    year unknown), `not refused` (a document that names no year, drafted)."""
    if labels.get("year") is None:
        return "right" if refused else "not refused"
    if refused:
        return "refused" if re.search(r"names no year|leaves its year blank|未写明年份|年份留空", draft) else "nothing"
    return "right" if draft_year(draft) == labels["year"] else "wrong"


def year_off(labels: dict[str, object], draft: str, refused: bool) -> int:
    """How many years a draft's year is off the labelled one (0 for a refusal, a right year or a year-less label)."""
    got = None if refused or labels.get("year") is None else draft_year(draft)
    return got - int(labels["year"]) if isinstance(got, int) else 0  # type: ignore[call-overload]


def number(score: Score) -> int:
    """The number of the sealed document a score is of (`s-42.docx` -> 42)."""
    return int(score.name.split(".")[0].removeprefix("s-"))


def batches(scores: list[Score]) -> list[tuple[str, list[Score]]]:
    """The sealed scores split by batch, each with a name such as `batch 2 (s-42…s-70)`."""
    bounds = [*SEALED_BATCHES[1:], None]
    named = []
    for n, (first, after) in enumerate(zip(SEALED_BATCHES, bounds, strict=True), start=1):
        part = [s for s in scores if number(s) >= first and (after is None or number(s) < after)]
        if part:
            last = max(number(s) for s in part)
            named.append((f"batch {n} (s-{first:02d}…s-{last:02d})", part))
    return named


def totals(scores: list[Score]) -> tuple[float, float]:
    """Recall and precision over all documents."""
    duties_, found = sum(s.duties for s in scores), sum(s.found for s in scores)
    drafted_, right = sum(s.drafted for s in scores), sum(s.right for s in scores)
    return found / duties_, (right / drafted_ if drafted_ else 1.0)


def cause_totals(scores: list[Score]) -> str:
    """What the misses and the wrong tasks of `scores` are made of, in totals: `missed 12 (read otherwise 3, …)`."""
    counted = dict.fromkeys(CAUSES, 0)
    for s in scores:
        for kind, n in s.causes:
            counted[kind] += n
    missed = {k: n for k, n in counted.items() if k in MISSES}
    wrong = {k: n for k, n in counted.items() if k not in MISSES}

    def listed(part: dict[str, int]) -> str:
        return f"{sum(part.values())} (" + ", ".join(f"{kind} {n}" for kind, n in part.items()) + ")"

    return f"duties missed {listed(missed)}; tasks wrong {listed(wrong)}"


def breakdown(scores: list[Score]) -> list[str]:
    """The sealed part's losses split into aggregate kinds (the source's form, how its year went, the kind of the
    labelled or drafted time, why a duty was missed or a task wrong), as lines of totals that never name a document."""
    lines: list[str] = []

    def table(title: str, heads: list[str], rows: dict[str, list[object]]) -> None:
        lines.append(title)
        width = max([len(k) for k in rows] + [24])
        lines.append(f"  {'':<{width}}" + "".join(f"{h:>18}" for h in heads))
        for key, values in sorted(rows.items(), key=lambda kv: (-int(str(kv[1][0]).split()[0]), kv[0])):
            lines.append(f"  {key:<{width}}" + "".join(f"{v!s:>18}" for v in values))

    def grouped(key: Callable[[Score], str]) -> dict[str, list[Score]]:
        groups: dict[str, list[Score]] = {}
        for s in scores:
            groups.setdefault(key(s), []).append(s)
        return groups

    def figures(part: list[Score]) -> list[object]:
        duties_, missed = sum(s.duties for s in part), sum(s.duties - s.found for s in part)
        drafted_, wrong = sum(s.drafted for s in part), sum(s.drafted - s.right for s in part)
        return [len(part), duties_, missed, drafted_, wrong]

    heads = ["files", "duties", "missed", "drafted", "wrong"]
    table(
        "sealed breakdown by the source's form:", heads, {k: figures(v) for k, v in grouped(lambda s: s.form).items()}
    )
    table(
        "sealed breakdown by how the draft's year went:",
        heads,
        {
            k: figures(v)
            for k, v in grouped(
                lambda s: s.year if s.year != "wrong" else f"wrong, {'earlier' if s.off < 0 else 'later'}"
            ).items()
        },
    )
    outcomes = sorted({s.year for s in scores})
    table(
        "sealed breakdown, files (and their duties) by form and how the year went:",
        outcomes,
        {
            f: [f"{sum(s.year == o for s in part)} ({sum(s.duties for s in part if s.year == o)})" for o in outcomes]
            for f, part in grouped(lambda s: s.form).items()
        },
    )
    kept = [s for s in scores if s.year == "right"]  # drafts in the right year: where the rules lose duties
    misses = [(s, m) for s in kept for m in s.misses if m.cause != "lost"]
    kinds = [k for k in MISSES if k != "lost"]

    def missed_by(title: str, key: Callable[[Score, str], str]) -> None:
        rows: dict[str, list[object]] = {}
        for s in kept:
            for w in s.labelled:
                rows.setdefault(key(s, w), [0, 0] + [0] * len(kinds))[0] += 1  # type: ignore[operator]
        for s, m in misses:
            values = rows[key(s, m.when)]
            values[1] += 1  # type: ignore[operator]
            values[2 + kinds.index(m.cause)] += 1  # type: ignore[operator]
        table(f"sealed breakdown, drafts in the right year: {title}:", ["duties", "missed", *kinds], rows)

    missed_by("labelled duties and missed ones by the kind of the labelled time", lambda s, w: time_class(w))
    missed_by("labelled duties and missed ones by form", lambda s, w: s.form)
    kept_as = Counter(f"{time_class(m.when)} -> {m.got}" for _, m in misses if m.cause == "unread")
    table(
        "sealed breakdown, dated duties kept unread (labelled kind -> why the row or the comment says it is unread):",
        ["duties"],
        {k: [n] for k, n in kept_as.items()},
    )
    moved = Counter(f"{time_class(m.when)} -> {time_class(m.got)}" for _, m in misses if m.cause == "read otherwise")
    table(
        "sealed breakdown, duties read otherwise (labelled kind -> drafted kind):",
        ["duties"],
        {k: [n] for k, n in moved.items()},
    )
    wrongs = [(s, w) for s in scores for w in s.wrongs]
    wrong_kinds = [k for k in CAUSES if k not in MISSES]
    keys: tuple[tuple[str, Callable[[Score, Wrong], str]], ...] = (
        ("the kind of the drafted time", lambda s, w: time_class(w.when)),
        ("form", lambda s, w: s.form),
    )
    for title, key in keys:
        rows: dict[str, list[object]] = {}
        for s, w in wrongs:
            values = rows.setdefault(key(s, w), [0, 0, 0, 0] + [0] * len(wrong_kinds))
            values[0] += 1  # type: ignore[operator]
            values[1] += w.undated  # type: ignore[operator]
            values[2] += w.dates_of == "found"  # type: ignore[operator]
            values[3] += w.dates_of == "missed"  # type: ignore[operator]
            values[4 + wrong_kinds.index(w.cause)] += 1  # type: ignore[operator]
        heads = ["wrong", "undated item", "found duty dates", "missed duty dates", *wrong_kinds]
        table(f"sealed breakdown, wrong drafted tasks by {title}:", heads, rows)
    return lines


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


def right_year(labelled: dict[str, object], got: str) -> bool:
    """Whether a draft took the labelled year (or was refused, for a document labelled `year: null`)."""
    labels = own(labelled)
    return got.split(" (")[0] == ("refused" if labels.get("year") is None else str(labels.get("year")))


def year_verdict(labelled: dict[str, object], got: str) -> str:
    """`2019 -> 2019`, or with `WRONG` beside a draft that took another year or was refused or failed wrongly."""
    labels = own(labelled)
    wanted = "null" if labels.get("year") is None else str(labels.get("year"))
    return f"{wanted} -> {got}" + ("" if right_year(labels, got) else "  WRONG")


def print_sealed(*, broken_down: bool) -> list[Score]:
    """Draft the sealed part and print its totals, by batch, and (`broken_down`) split by kind (`breakdown`); never a
    line per document."""
    sealed, failures = measure_sealed()
    sealed_recall, sealed_precision = totals(sealed)
    texts = len({s.name.split(".")[0] for s in sealed})
    print(
        f"sealed part ({len(sealed)} files of {texts} documents; totals only): recall {sealed_recall:.1%}, "
        f"precision {sealed_precision:.1%} (goal {SEALED_GOAL:.0%} each)"
        + (f"; {failures} draft(s) failed with an error other than a refusal" if failures else "")
    )
    for name, part in batches(sealed):
        part_recall, part_precision = totals(part)
        documents = len({number(s) for s in part})
        kinds = {kind: sum(s.year == kind for s in part) for kind in ("wrong", "refused", "not refused", "nothing")}
        print(
            f"sealed {name} ({len(part)} files of {documents} documents; totals only): "
            f"recall {part_recall:.1%}, precision {part_precision:.1%}; year: "
            + ", ".join(f"{count} {kind}" for kind, count in kinds.items())
        )
    for name, part in batches(sealed):
        print(f"sealed {name}, {cause_totals(part)}")
    if broken_down:
        print("\n".join(breakdown(sealed)))
    return sealed


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sealed-breakdown",
        action="store_true",
        help="split the sealed part's missed duties and wrong tasks into totals by kind (form, year, time, cause)",
    )
    parser.add_argument(
        "--sealed-only", action="store_true", help="draft the sealed part only (no open corpus, seeds or timing)"
    )
    arguments = parser.parse_args()
    if arguments.sealed_only:
        sealed_recall, sealed_precision = totals(print_sealed(broken_down=arguments.sealed_breakdown))
        sys.exit(0 if min(sealed_recall, sealed_precision) >= SEALED_GOAL else 1)
    given = measure(given_year=True)
    scores = measure()
    print(f"{'document':<10}{'duties':>8}{'found':>8}{'drafted':>9}{'right':>8}  year (labelled -> drafted)")
    for s, labels in zip(scores, (labels for _, labels in prose_documents()), strict=True):
        print(f"{s.name:<10}{s.duties:>8}{s.found:>8}{s.drafted:>9}{s.right:>8}  {year_verdict(labels, s.year)}")
    given_recall, given_precision = totals(given)
    recall, precision = totals(scores)
    print(
        f"open corpus ({len(scores)} prose documents), its year given: recall {given_recall:.1%}, "
        f"precision {given_precision:.1%}"
    )
    wrong = [s.name for s, (_, labels) in zip(scores, prose_documents(), strict=True) if not right_year(labels, s.year)]
    print(
        f"open corpus ({len(scores)} prose documents), drafted as the sealed part (no year given): recall "
        f"{recall:.1%} (goal {RECALL_GOAL:.0%}), precision {precision:.1%} (goal {PRECISION_GOAL:.0%}); "
        f"year wrong, refused or failed: {', '.join(wrong) or 'none'}"
    )
    tables = measure_tables()
    print(f"{'table':<10}{'times':>8}{'right':>8}  year (labelled -> imported)")
    labelled = {source.stem: labels for source, labels in table_documents()}
    for t in tables:
        print(f"{t.name:<10}{t.cells:>8}{t.right:>8}  {year_verdict(labelled[t.name.split('.')[0]], t.year)}")
    cells, right = sum(t.cells for t in tables), sum(t.right for t in tables)
    wrong = [t.name for t in tables if not right_year(labelled[t.name.split(".")[0]], t.year)]
    print(
        f"open tables ({len(labelled)} tables in {len(tables)} files: as copied, Word, Excel; through `schedgen "
        f"import`, no year given): {right} of {cells} labelled times read right ({right / cells:.1%}); year wrong, "
        f"refused or failed: {', '.join(wrong) or 'none'}"
    )
    duty_tables = measure_table_duties()
    print(f"{'table':<10}{'duties':>8}{'found':>8}{'drafted':>9}{'right':>8}  year (labelled -> imported)")
    for s, (_, labels) in zip(duty_tables, duty_table_files(), strict=True):
        print(f"{s.name:<10}{s.duties:>8}{s.found:>8}{s.drafted:>9}{s.right:>8}  {year_verdict(labels, s.year)}")
    if duty_tables:
        table_recall, table_precision = totals(duty_tables)
        print(
            f"open tables with labelled duties ({len(duty_tables)} files, scored as the sealed part's tables are): "
            f"recall {table_recall:.1%}, precision {table_precision:.1%}"
        )
    print(f"open corpus, {cause_totals(scores)}")
    sealed = print_sealed(broken_down=arguments.sealed_breakdown)
    sealed_recall, sealed_precision = totals(sealed)
    whole_recall, whole_precision = totals(scores + sealed)
    print(
        f"whole corpus ({len(scores) + len(sealed)} files): recall {whole_recall:.1%}, precision {whole_precision:.1%}"
    )
    seeds = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
    with tempfile.TemporaryDirectory() as folder:
        for seed in seeds:  # unlabelled: how much a reviewer gets to read
            target = Path(folder) / f"{seed.stem}.yaml"
            result = extract(seed, target, year=2024)
            _, kept = drafted(target.read_text(encoding="utf-8"))
            print(f"seed {seed.name}: {result.rows} task(s) drafted, {len(kept)} sentence(s) kept as comments")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "large.txt"
        source.write_text(large_text(10_000_000), encoding="utf-8")
        start, cpu = time.perf_counter(), time.process_time()
        result = extract(source, Path(folder) / "large.yaml", year=2024)
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
        print(f"10 MB text: {result.rows} task(s) drafted in {wall:.1f} s ({cpu:.1f} s of CPU; goal < 10 s)")
        source.write_bytes(b"x" * 21_000_000)
        try:
            extract(source, Path(folder) / "huge.yaml", year=2024, force=True)
            print("21 MB text: drafted (should have been refused)")
        except SchedgenError as error:
            print(f"21 MB text: refused: {error}")
    met = recall >= RECALL_GOAL and precision >= PRECISION_GOAL
    sys.exit(0 if met and min(sealed_recall, sealed_precision) >= SEALED_GOAL else 1)


if __name__ == "__main__":
    main()
