"""The review page of a draft: the document as it was read, so a reviewer checks a draft against it in minutes.

Each time that was read is highlighted and links to the task it became; each time that was not read is
marked with the reason; the sentences that gave no task are grey. One HTML file with its own style and no
script, that opens from `file://` offline with the reader's Chinese fonts (a reviewer's office machine has
them; `font=True` puts the bundled one inside, cut to the page's characters); every text of the document
is escaped by Jinja2 (a notice copied from a web page can hold anything).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from schedgen.errors import WhenError
from schedgen.expression import Every, Frame, Ongoing
from schedgen.i18n import chinese
from schedgen.importers.prose import Draft, Line
from schedgen.model import Dates, Day, Deadline, Span


@dataclass(frozen=True)
class Piece:
    """A run of a line's text and how it shows: `title`, `read` (in a sentence that gave a task), `idle`
    (grey: it gave none), `time` (a time that became `task`) or `unread` (with its `reason`)."""

    text: str
    kind: str
    task: str | None = None
    reason: str | None = None
    anchor: str | None = None


@dataclass(frozen=True)
class TaskCard:
    """A drafted task as the page lists it: the target of the times that link to it."""

    id: str
    when: str
    dates: str
    task: str
    units: str
    stage: str | None
    back: str | None


@dataclass(frozen=True)
class ReviewContext:
    """What `review.html` shows."""

    title: str
    source: str
    year: int
    year_note: str
    lines: tuple[tuple[Piece, ...], ...]
    tasks: tuple[TaskCard, ...]
    read: int
    unread: int
    idle: int
    css: str


def review_page(draft: Draft, *, source: str, font: bool = False) -> str:
    """The review page of a draft made from the document `source` (a file name, shown as written); with
    `font`, the charts' Chinese font cut to its characters travels inside it."""
    from importlib.resources import files

    import jinja2

    document = draft.document
    year = int(document["year"])  # type: ignore[call-overload]
    issued = document.get("issued")
    frame = Frame(issued if isinstance(issued, date) else None, ())
    lines = tuple(_pieces(line, number) for number, line in enumerate(draft.lines))
    backs: dict[str, str] = {}
    for pieces in lines:
        for piece in pieces:
            if piece.task and piece.anchor and piece.task not in backs:
                backs[piece.task] = piece.anchor
    cards = tuple(
        TaskCard(
            id=str(task["id"]),
            when=str(task["when"]),
            dates=_dates(str(task["when"]), year, frame),
            task=str(task["task"]),
            units="、".join(str(task[key]) for key in ("lead", "support", "units") if task.get(key)),
            stage=stage,
            back=backs.get(str(task["id"])),
        )
        for stage, task in _tasks(document)
    )
    context = ReviewContext(
        title=str(document["title"]),
        source=source,
        year=year,
        year_note=draft.comments.get("year", ""),
        lines=lines,
        tasks=cards,
        read=sum(piece.kind == "time" for pieces in lines for piece in pieces),
        unread=sum(piece.kind == "unread" for pieces in lines for piece in pieces),
        idle=sum(1 for line in draft.lines for *_, gave in line.sentences if not gave),
        css=files("schedgen.templates").joinpath("review.css").read_text(encoding="utf-8"),
    )
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(files("schedgen.templates"))),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    from schedgen.export.page.webfont import SLOT, fill

    # the page names the system Chinese fonts; cutting the bundled one to the page's characters takes
    # seconds a draft, so it travels inside only when asked (a picture taken on a machine without one)
    page = env.get_template("review.html").render(vars(context), webfont=SLOT if font else "")
    return fill(page) if font else page


def _tasks(document: dict[str, object]) -> list[tuple[str | None, dict[str, object]]]:
    """Every drafted task with the stage it sits in, in the draft's order."""
    stages: list[dict[str, object]] = document.get("stages") or []  # type: ignore[assignment]
    loose: list[dict[str, object]] = document.get("tasks") or []  # type: ignore[assignment]
    staged: list[tuple[str | None, dict[str, object]]] = [
        (str(stage["name"]), task)
        for stage in stages
        for task in stage["tasks"]  # type: ignore[attr-defined]
    ]
    return staged + [(None, task) for task in loose]


def _pieces(line: Line, number: int) -> tuple[Piece, ...]:
    """A line cut into runs that show alike: the sentences' shade, and the times over it."""
    # worked out over the stretches between the sentences' and times' ends, not character by character: a
    # 10 MB text's page took a second and a half of its drafting's ten that way
    text = line.text
    size = len(text)
    spans = [(start, end) for start, end, _ in line.sentences] + [(mark.start, mark.end) for mark in line.marks]
    bounds = sorted({0, size} | {min(at, size) for span in spans for at in span})
    index = {at: n for n, at in enumerate(bounds)}

    def stretches(start: int, end: int) -> range:
        return range(index[min(start, size)], index[min(end, size)])

    shade = ["title" if line.title else "idle"] * (len(bounds) - 1)
    for start, end, gave in line.sentences:
        for n in stretches(start, end):
            shade[n] = "read" if gave else "idle"
    owner: list[int | None] = [None] * (len(bounds) - 1)
    for which, mark in enumerate(line.marks):
        for n in stretches(mark.start, mark.end):
            owner[n] = which
    keys = [("mark", o) if o is not None else ("shade", shaded) for o, shaded in zip(owner, shade, strict=True)]
    pieces: list[Piece] = []
    first = 0
    for n in range(1, len(keys) + 1):
        if n < len(keys) and keys[n] == keys[first]:
            continue
        run, owned = text[bounds[first] : bounds[n]], owner[first]
        if owned is None:
            pieces.append(Piece(run, shade[first]))
        else:
            mark = line.marks[owned]
            if mark.task is not None:
                pieces.append(Piece(run, "time", task=mark.task, anchor=f"at-{number}-{mark.start}"))
            else:
                pieces.append(Piece(run, "unread", reason=mark.reason))
        first = n
    # a time dated by the date its list sits under has no characters of its own: a link after its sentence
    for mark in line.marks:
        if mark.task is not None and mark.start == mark.end:
            pieces.append(Piece("（按上方日期）", "time", task=mark.task, anchor=f"at-{number}-list"))
    return tuple(pieces)


def _dates(when: str, year: int, frame: Frame) -> str:
    """The dates a time means, as the page shows them."""
    from schedgen.resolve import dated

    try:
        with chinese():  # its reason goes on the page
            timing = dated(when, year, frame)
    except WhenError as error:
        return f"读不出日期：{error.message}"
    if isinstance(timing, Deadline):
        return f"截止 {timing.end.isoformat()}"
    if isinstance(timing, Day):
        return timing.day.isoformat()
    if isinstance(timing, Span):
        start = timing.start.isoformat() if timing.start else "计划开始"
        return f"{start} 至 {timing.end.isoformat()}"
    if isinstance(timing, Dates):
        return "、".join(day.isoformat() for day in timing.days)
    if isinstance(timing, Every):
        if timing.first is not None:
            return f"周期性任务（自 {timing.first.isoformat()} 起在计划期内按周期重复）"
        return "周期性任务（在计划期内按周期重复）"
    if isinstance(timing, Ongoing):
        return "整个计划期"
    return ""
