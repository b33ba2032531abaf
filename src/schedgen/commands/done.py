"""`schedgen done`: a task recorded as done in its schedule file, and no one else's edit lost.

Runs of `done` on one file take turns under an advisory lock (`fcntl.flock`, POSIX). An editor does not
take that lock, so the file is read again just before it is replaced, and a file that changed since it
was read is left alone with a message to run again. On Windows there is no `fcntl`: runs are not queued,
and that same check is what keeps one run from overwriting another (the loser is told, exit 2).
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from schedgen.errors import BuildError, LoadError, strerror
from schedgen.i18n import _
from schedgen.model import Status

if TYPE_CHECKING:
    from schedgen.model import Schedule

_TEMPORARY = ".{}.done-"


def done(schedule: Path, task_id: str, on: date, note: str | None) -> list[str]:
    """Set the task's status lines in `schedule`, changing nothing else of the file; returns what the user
    should know of what the mark did beyond the day done (`warnings`)."""
    from schedgen import edit
    from schedgen.load import loads

    if note is not None:
        note = _text_of_note(note)
    target = Path(os.path.realpath(schedule))  # a symlink stays a link: its target is what changes
    with locked(target):
        prefix = _TEMPORARY.format(target.name)
        for stale in [p for p in target.parent.iterdir() if p.name.startswith(prefix)]:
            stale.unlink(missing_ok=True)  # left by a run that was killed; the lock says none is writing now
        old = _read(target)
        bom = "\ufeff" if old.startswith(b"\xef\xbb\xbf") else ""
        before = loads(old, str(schedule))
        text = edit.set_done(old.decode("utf-8-sig"), task_id, on, note, str(schedule))
        if _read(target) != old:
            raise LoadError(
                _("{schedule}: the file changed since it was read; nothing was written, run `done` again").format(
                    schedule=schedule
                )
            )
        mode = target.stat().st_mode
        written = (bom + text).encode()
        replace(target, written, mode)
        after = _read(target)
        if after != written:  # saved by someone else right after our write: theirs is not ours to undo
            raise LoadError(
                _("{schedule}: the file was saved by someone else as `done` wrote it; check `{task_id}`").format(
                    schedule=schedule, task_id=task_id
                )
            )
        try:
            changed = edit.changed_tasks(before, loads(after, str(schedule)), task_id, on, note)
        except LoadError:
            changed = [_("the file no longer loads")]
        if changed:
            replace(target, old, mode)
            raise LoadError(
                _(
                    "{schedule}: marking `{task_id}` changed more than it should ({names}); the file was restored"
                ).format(schedule=schedule, task_id=task_id, names=", ".join(changed))
            )
    return warnings(schedule, before, task_id, on, note)


def warnings(schedule: Path, before: Schedule, task_id: str, on: date, note: str | None) -> list[str]:
    """What marking `task_id` done on `on` did that the user did not type: `status: done` is the whole task's,
    so a duty due several times is done on every due day after the one reported too (they remind no one and
    leave every report), a cancelled task becomes a done one, an earlier done day is replaced, and `--note`
    replaces the plan's own note."""
    from schedgen.resolve import resolve

    said: list[str] = []
    task = next(t for t in before.all_tasks() if t.id == task_id)
    item = next(i for i in resolve(before).items if i.task.id == task_id)
    days = sorted({o.due for o in item.occurrences})
    if len(days) > 1:
        reported = min(days, key=lambda day: (abs((day - on).days), day))
        later = [day for day in days if day > reported]
        if later:
            said.append(
                _(
                    "{schedule}: `{task_id}` falls due {count} times; `done` marks the whole task, so the due days "
                    "after {reported} are shown done too and remind no one: {days}; to mark one due day, give it a "
                    "task of its own"
                ).format(
                    schedule=schedule,
                    task_id=task_id,
                    count=len(days),
                    reported=reported,
                    days=", ".join(map(str, later)),
                )
            )
    if task.status is Status.CANCELLED:
        said.append(
            _("{schedule}: `{task_id}` was cancelled; it is now marked done, and reports and feeds say so").format(
                schedule=schedule, task_id=task_id
            )
        )
    elif task.done is not None and task.done != on:
        said.append(
            _("{schedule}: `{task_id}` was marked done on {old}; that day is now {on}").format(
                schedule=schedule, task_id=task_id, old=task.done, on=on
            )
        )
    if note is not None and task.notes and task.notes != note:
        said.append(
            _("{schedule}: `{task_id}`: --note replaced the note the plan had: {old}").format(
                schedule=schedule, task_id=task_id, old=task.notes
            )
        )
    return said


def _text_of_note(note: str) -> str:
    """The note as the file will hold it: without the spaces around it, which the loader drops too; bytes that
    are not UTF-8 (which reach Python as lone surrogates) are refused, as no file can be written with them."""
    try:
        note.encode("utf-8")
    except UnicodeEncodeError as error:
        raise BuildError(
            _("--note: not UTF-8 text (byte {byte!r} at character {position}); write the note in UTF-8").format(
                byte=note[error.start].encode("utf-8", "surrogateescape"), position=error.start + 1
            )
        ) from None
    return note.strip()


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `path` (POSIX); waits for another `done` on the same file to finish.

    The file is replaced by a rename, so a lock won on the old file is retried on the new one.
    """
    if sys.platform == "win32":
        yield
        return
    import fcntl

    while True:
        try:
            handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a named pipe is refused by `_read`, not waited on
        except OSError as error:
            raise LoadError(_("{path}: cannot read: {reason}").format(path=path, reason=strerror(error))) from None
        try:
            fcntl.flock(handle, fcntl.LOCK_EX)
            if _same_file(handle, path):
                yield
                return
        finally:
            os.close(handle)  # closing releases the lock


def _same_file(handle: int, path: Path) -> bool:
    """Whether `path` still names the open file (another run may have renamed a new one over it)."""
    try:
        now = path.stat()
    except OSError:
        return False
    held = os.fstat(handle)
    return (held.st_dev, held.st_ino) == (now.st_dev, now.st_ino)


def _read(path: Path) -> bytes:
    from schedgen.files import read_regular
    from schedgen.model import MAX_FILE_BYTES

    return read_regular(path, MAX_FILE_BYTES)


def replace(path: Path, data: bytes, mode: int) -> None:
    """Put `data` in place of `path` whole or not at all, keeping its permission bits."""
    handle, temporary = tempfile.mkstemp(prefix=_TEMPORARY.format(path.name), dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())  # the rename must never publish a file whose bytes are still in flight
        os.chmod(temporary, mode & 0o7777)
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise BuildError(_("{path}: cannot write: {reason}").format(path=path, reason=strerror(error))) from None
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
