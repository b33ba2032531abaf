"""The feed ledger: for each schedule, the stamp (digest, SEQUENCE, last change) of every event it published.

Calendar clients tell a changed event by its SEQUENCE and DTSTAMP. The ledger keeps both still while an
event's content stays the same, which is what makes the rebuild of an unchanged schedule byte-identical,
and moves them when it changes. It belongs to the published site: by default it lives inside the output
folder (`.schedgen/feed-state/`) and is staged and swapped with the feeds it describes; `--state DIR`
keeps it in a folder the user names. A one-off export reads it and never writes it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path

from schedgen.errors import BuildError
from schedgen.i18n import _
from schedgen.model import Stamp

IN_OUTPUT = ".schedgen/feed-state"
"""Where the ledger lives inside a built output folder."""

Ledger = dict[str, Stamp]
"""Every event's stamp, by UID."""
MAX_SEQUENCE = 2**31 - 1
"""The largest SEQUENCE a calendar holds: RFC 5545 integers are 32-bit."""
_MODIFIED = re.compile(r"\d{8}T\d{6}Z")


def folder_for(output: Path, state: Path | None) -> Path:
    """The ledger folder of a site: the one the user named, else the one inside the output folder."""
    return state if state is not None else output / IN_OUTPUT


def read_bytes(folder: Path, schedule_id: str) -> bytes | None:
    """A schedule's ledger file as it is kept, or None when there is none yet."""
    path = folder / f"{schedule_id}.json"
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise BuildError(
            _("{path}: cannot read the feed state ({error}); delete it to start afresh").format(path=path, error=error)
        ) from None


def decode(raw: bytes | None, path: Path, warn: Callable[[str], None] = lambda _: None) -> Ledger:
    """The ledger kept in `raw` (the bytes of `path`), or an empty one for none; a damaged one is read as
    none, and `warn` is told so in one line naming the file."""
    if raw is None:
        return {}
    try:
        found = json.loads(raw)
        ledger = {uid: Stamp(v["digest"], v["sequence"], v["modified"]) for uid, v in found.items()}
    except (ValueError, RecursionError, KeyError, TypeError, AttributeError) as error:
        why = _("nested too deep") if isinstance(error, RecursionError) else _("not a ledger")
        return _damaged(path, why, warn)
    for stamp in ledger.values():
        if not isinstance(stamp.digest, str) or not isinstance(stamp.modified, str):
            return _damaged(path, _("a digest or time that is not text"), warn)
        if type(stamp.sequence) is not int or not 0 <= stamp.sequence <= MAX_SEQUENCE:
            why = _("SEQUENCE {value} is not a count 0 to {limit}").format(
                value=str(stamp.sequence)[:20], limit=MAX_SEQUENCE
            )
            return _damaged(path, why, warn)
    for modified in {stamp.modified for stamp in ledger.values()}:  # a ledger holds few distinct times
        try:
            if not _MODIFIED.fullmatch(modified):
                raise ValueError
            datetime.strptime(modified, "%Y%m%dT%H%M%SZ")  # noqa: DTZ007 - the text is UTC by its Z
        except ValueError:
            return _damaged(path, _("last change {value!r} is not a time").format(value=modified[:20]), warn)
    return ledger


def _damaged(path: Path, why: str, warn: Callable[[str], None]) -> Ledger:
    warn(
        f"{path}: "
        + _("warning: the feed ledger is damaged ({why}); read as missing, so every event is stamped anew").format(
            why=why
        )
    )
    return {}


def encode(ledger: Mapping[str, Stamp]) -> bytes:
    """A ledger as the JSON file it is kept in, in UID order so that an unchanged ledger is unchanged bytes."""
    from schedgen.files import json_bytes

    return json_bytes(
        {uid: {"digest": s.digest, "sequence": s.sequence, "modified": s.modified} for uid, s in ledger.items()}
    )


def save(folder: Path, ledgers: Mapping[str, bytes]) -> None:
    """Write each schedule's encoded ledger into `folder`, leaving files whose content is unchanged untouched."""
    from schedgen.files import write_atomic

    for schedule_id, data in ledgers.items():
        path = folder / f"{schedule_id}.json"
        if not path.exists() or path.read_bytes() != data:
            write_atomic(path, data)
