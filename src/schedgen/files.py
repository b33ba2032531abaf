"""Writing files so that nothing is half-written: atomic files, a staged folder swapped in whole.

A build renders into a staging folder beside the output folder and exchanges the two in one step,
so a failed build leaves the previous output whole and a subscriber never downloads half a feed.
"""

from __future__ import annotations

import contextlib
import filecmp
import functools
import json
import os
import shutil
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePath

from schedgen.errors import BuildError, LoadError

MARKER = ".schedgen-build"
"""A file every built folder holds: the guard replaces only folders that have it."""


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; anything else is refused before it is read.

    Opened without blocking, so that a named pipe with no writer is refused rather than waited on; a device
    (`/dev/zero`) is refused by its type and a large file by its size, instead of being read into memory.
    """
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise LoadError(f"{path}: cannot read: {error.strerror or error}") from None
    with os.fdopen(handle, "rb") as stream:
        found = os.fstat(handle)
        if not stat.S_ISREG(found.st_mode):
            kind = next((name for test, name in _KINDS if test(found.st_mode)), "not a file")
            raise LoadError(f"{path}: not a regular file ({kind}); a schedule is a .yaml file")
        too_large = f"{path}: file is larger than {limit // 1_000_000} MB"
        if found.st_size > limit:
            raise LoadError(too_large)
        try:
            data = stream.read(limit + 1)  # at most: the file may grow while it is read
        except OSError as error:
            raise LoadError(f"{path}: cannot read: {error.strerror or error}") from None
    if len(data) > limit:
        raise LoadError(too_large)
    return data


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file whole or not at all: a temporary file in the same folder, then a rename.

    The file keeps the mode it had, or gets the one a plain `open` would give (mkstemp's is 0600).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mode = 0o666 & ~_umask()
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


@functools.cache
def keep_cached(path: Path, data: bytes, newest: int) -> None:
    """Store `data` in a cache file, keeping only the `newest` files of its kind (its name up to the first
    `-`) in its folder; a cache that cannot be written is no cache."""
    kind = path.name.split("-", 1)[0]
    with contextlib.suppress(OSError):
        write_atomic(path, data)
        cached = sorted(path.parent.glob(f"{kind}-*"), key=lambda p: p.stat().st_mtime_ns)
        for old in cached[:-newest]:
            old.unlink()


def _umask() -> int:
    """The process's umask (read by setting it, so read once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def json_bytes(value: object) -> bytes:
    """A JSON file as a build writes it: UTF-8 text, sorted keys, one newline at the end."""
    return (json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


class Staging:
    """A folder beside `output` that a build fills; `swap()` puts it in place of `output`."""

    def __init__(self, output: Path) -> None:
        guard(output)
        self.output = output
        parent = output.resolve().parent
        remove_stale(parent, output.name)
        # a plain mkdir, not mkdtemp's 0700: a web server running as another user publishes this folder
        self.root = parent / f".{output.name}.building-{os.getpid()}-{os.urandom(6).hex()}"
        self.root.mkdir()
        self.written: list[Path] = []

    def write(self, relative: str, data: bytes) -> None:
        """Write `relative` inside the staging folder, refusing anything that would land outside it."""
        target = inside(self.root, relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        # a new file, never through a link that `reuse` made: that inode is still the published file
        with contextlib.suppress(FileNotFoundError):
            target.unlink()
        target.write_bytes(data)
        self.written.append(target)

    def reuse(self, published: Path, relatives: Iterable[str]) -> bool:
        """Take each of `relatives` from the published folder, times and all; False when one is not there.

        A published file is never changed in place (a build replaces the folder), so the staged one is a
        hard link to it where the file system allows: taking 10,000 unchanged files costs no copying.
        """
        sources = {relative: published / relative for relative in relatives}
        if not all(source.is_file() and not source.is_symlink() for source in sources.values()):
            return False  # before linking any: a part is taken whole or rendered whole
        made: set[Path] = set()
        for relative, source in sources.items():
            target = inside(self.root, relative)
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            with contextlib.suppress(FileNotFoundError):
                target.unlink()
            try:
                os.link(source, target)
            except OSError:
                shutil.copy2(source, target)
        return True

    def swap(self) -> None:
        """Mark the folder as built and exchange it with `output`, unchanged files keeping their times."""
        self.write(MARKER, b"written by schedgen build; the whole folder is replaced on each build\n")
        keep_times(self.root, self.output, self.written)
        swap(self.root, self.output)

    def discard(self) -> None:
        """Remove the staging folder (a build that failed)."""
        shutil.rmtree(self.root, ignore_errors=True)


@contextlib.contextmanager
def staged(output: Path) -> Iterator[Staging]:
    """A staging folder for `output`, removed when the block fails; the block calls `swap()` to publish."""
    staging = Staging(output)
    try:
        yield staging
    except BaseException:
        staging.discard()
        raise


def remove_stale(parent: Path, name: str) -> None:
    """Remove the staging and old folders of `name` that builds killed midway left behind.

    Each carries the process id of its build; a folder whose process is gone is stale. Only on POSIX,
    where asking whether a process exists is harmless.
    """
    if os.name != "posix":
        return
    for leftover in parent.glob(f".{name}.*-*"):
        kind, _, rest = leftover.name[len(name) + 2 :].partition("-")
        pid = rest.split("-", 1)[0]
        if kind not in ("building", "old") or not pid.isdigit() or not leftover.is_dir() or _alive(int(pid)):
            continue
        shutil.rmtree(leftover, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, run by another user
    return True


def keep_times(staging: Path, output: Path, written: Iterable[Path]) -> None:
    """Give each file written into the staging folder whose bytes equal the published one's the published
    file's times (a reused file is the published one, linked or copied with its times).

    Web servers answer `If-Modified-Since` and make ETags from the modification time, and subscribers
    poll feeds every few hours: a rebuild must not make an unchanged feed look new.
    """
    if not output.is_dir():
        return
    for new in written:
        old = output / new.relative_to(staging)
        try:
            was = old.lstat()
            if stat.S_ISREG(was.st_mode) and was.st_size == new.stat().st_size and filecmp.cmp(old, new, shallow=False):
                os.utime(new, ns=(was.st_atime_ns, was.st_mtime_ns))
        except OSError:
            continue


def inside(root: Path, relative: str) -> Path:
    """`root/relative`, refusing anything that would land outside `root`.

    Read from the words of the path, not from the file system: a build makes every folder in its
    staging folder itself, so no link there leads out, and resolving 10,000 paths took seconds.
    """
    path = PurePath(relative)
    if not path.parts or path.anchor or ".." in path.parts:
        raise BuildError(f"refusing to write {relative!r} outside the output folder")
    return root / path


def guard(output: Path) -> None:
    """Refuse to replace a folder that a build did not make (`-o ~/Documents` must not wipe it)."""
    if output.is_symlink() or (output.exists() and not output.is_dir()):
        raise BuildError(f"{output} is not a folder; choose another output with -o")
    if output.is_dir() and any(output.iterdir()) and not (output / MARKER).exists():
        raise BuildError(f"{output} holds files schedgen did not write; choose an empty or new folder with -o")


def swap(staging: Path, output: Path) -> None:
    """Put `staging` where `output` is, in one step where the system allows it."""
    if not output.exists():
        staging.rename(output)
        return
    if _exchange(staging, output):
        shutil.rmtree(staging)
        return
    old = output.with_name(f".{output.name}.old-{os.getpid()}")
    output.rename(old)
    staging.rename(output)
    shutil.rmtree(old)


def _exchange(a: Path, b: Path) -> bool:
    """Linux `renameat2(RENAME_EXCHANGE)`: both folders trade places atomically. False where unsupported."""
    import ctypes  # only a build's last step needs it: a report imports this module for -o

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return bool(result == 0)
