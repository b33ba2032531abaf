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


def read(folder: Path, schedule_id: str) -> Ledger:
    """A schedule's ledger, or an empty one when there is none yet."""
    path = folder / f"{schedule_id}.json"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        raise BuildError(f"{path}: cannot read the feed state ({error}); delete it to start afresh") from None
    try:
        return {uid: Stamp(v["digest"], int(v["sequence"]), v["modified"]) for uid, v in raw.items()}
    except (KeyError, TypeError, ValueError, AttributeError):
        raise BuildError(f"{path}: the feed state is damaged; delete it to start afresh") from None


def encode(ledger: Mapping[str, Stamp]) -> bytes:
    """A ledger as the JSON file it is kept in, in UID order so that an unchanged ledger is unchanged bytes."""
    from schedgen.files import json_bytes

    return json_bytes(
        {uid: {"digest": s.digest, "sequence": s.sequence, "modified": s.modified} for uid, s in ledger.items()}
    )


def save(folder: Path, ledgers: Mapping[str, Mapping[str, Stamp]]) -> None:
    """Write each schedule's ledger into `folder`, leaving files whose content is unchanged untouched."""
    from schedgen.files import write_atomic

    for schedule_id, ledger in ledgers.items():
        path = folder / f"{schedule_id}.json"
        data = encode(ledger)
        if not path.exists() or path.read_bytes() != data:
            write_atomic(path, data)
