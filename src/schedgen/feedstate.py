"""The feed ledger: for each schedule, the stamp (digest, SEQUENCE, last change) of every event it published.

Calendar clients tell a changed event by its SEQUENCE and DTSTAMP. The ledger keeps both still while an
event's content stays the same, which is what makes the rebuild of an unchanged schedule byte-identical,
and moves them when it changes. It belongs to the published site: by default it lives inside the output
folder (`.schedgen/feed-state/`) and is staged and swapped with the feeds it describes; `--state DIR`
keeps it in a folder the user names. A one-off export reads it and never writes it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from schedgen.errors import BuildError
from schedgen.model import Stamp

IN_OUTPUT = ".schedgen/feed-state"
"""Where the ledger lives inside a built output folder."""

Ledger = dict[str, Stamp]
"""Every event's stamp, by UID."""


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
        raise BuildError(f"{path}: cannot read the feed state ({error}); delete it to start afresh") from None


def decode(raw: bytes | None, path: Path) -> Ledger:
    """The ledger kept in `raw` (the bytes of `path`), or an empty one for none."""
    if raw is None:
        return {}
    try:
        found = json.loads(raw)
    except ValueError as error:
        raise BuildError(f"{path}: cannot read the feed state ({error}); delete it to start afresh") from None
    try:
        return {uid: Stamp(v["digest"], int(v["sequence"]), v["modified"]) for uid, v in found.items()}
    except (KeyError, TypeError, ValueError, AttributeError):
        raise BuildError(f"{path}: the feed state is damaged; delete it to start afresh") from None


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
