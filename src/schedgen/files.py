"""Writing files so that nothing is half-written: atomic files, a staged folder swapped in whole.

A build renders into a staging folder beside the output folder and exchanges the two in one step,
so a failed build leaves the previous output whole and a subscriber never downloads half a feed.
"""

from __future__ import annotations

import contextlib
import filecmp
import functools
import hashlib
import json
import os
import shutil
import stat
import tempfile
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import BinaryIO

from schedgen.errors import BuildError, LoadError, strerror
from schedgen.i18n import N_, _

MARKER = ".schedgen-build"
"""A file every built folder holds: the guard replaces only folders that have it."""
RECORDS = ".schedgen"
"""The folder of a build's own records inside the output folder (manifest, slugs, feed ledger)."""


_KINDS = (
    (stat.S_ISDIR, N_("a folder")),
    (stat.S_ISFIFO, N_("a named pipe")),
    (stat.S_ISCHR, N_("a character device")),
    (stat.S_ISBLK, N_("a block device")),
    (stat.S_ISSOCK, N_("a socket")),
)


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; anything else is refused before it is read.

    Opened without blocking, so that a named pipe with no writer is refused rather than waited on; a device
    (`/dev/zero`) is refused by its type and a large file by its size, instead of being read into memory.
    """
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise LoadError(_("{path}: cannot read: {reason}").format(path=path, reason=strerror(error))) from None
    with os.fdopen(handle, "rb") as stream:
        found = os.fstat(handle)
        if not stat.S_ISREG(found.st_mode):
            kind = _(next((name for test, name in _KINDS if test(found.st_mode)), N_("not a file")))
            raise LoadError(
                _("{path}: not a regular file ({kind}); a schedule is a .yaml file").format(path=path, kind=kind)
            )
        too_large = _("{path}: file is larger than {limit} MB").format(path=path, limit=limit // 1_000_000)
        if found.st_size > limit:
            raise LoadError(too_large)
        try:
            data = stream.read(limit + 1)  # at most: the file may grow while it is read
        except OSError as error:
            raise LoadError(_("{path}: cannot read: {reason}").format(path=path, reason=strerror(error))) from None
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
    """Store `data` in a cache file, keeping at most the `newest` files of its kind (its name up to the first
    `-`) in its folder; a cache that cannot be written is no cache.

    Past `newest`, the oldest go until a tenth fewer are left: the writes that follow count the files and need
    not read each one's time (a full cache of 4,000 QR entries took 26 ms a write, 13 s for a province)."""
    kind = path.name.split("-", 1)[0]
    with contextlib.suppress(OSError):
        write_atomic(path, data)
        cached = list(path.parent.glob(f"{kind}-*"))
        if len(cached) > newest:
            cached.sort(key=lambda p: p.stat().st_mtime_ns)
            for old in cached[: len(cached) - (newest - newest // 10)]:
                old.unlink()


def keep_verified(path: Path, data: bytes, newest: int) -> Path:
    """Store `data` as the cache entry for `path` (as `keep_cached`), its name carrying the digest of its bytes
    for `kept` to check; the entry's path (which a cache that cannot be written leaves absent)."""
    entry = path.with_name(f"{path.stem}-{hashlib.sha256(data).hexdigest()[:_DIGEST]}{path.suffix}")
    keep_cached(entry, data, newest)
    return entry


def kept(path: Path) -> Path | None:
    """The cache entry `keep_verified` kept for `path`, when its bytes still match the digest in its name.

    A cache entry is only as good as its bytes: one emptied, cut short or replaced would be embedded in
    every page, or break every build, until the folder was removed. One that does not match is removed.
    """
    import glob

    pattern = f"{glob.escape(path.stem)}-{'[0-9a-f]' * _DIGEST}{glob.escape(path.suffix)}"
    for entry in sorted(path.parent.glob(pattern)):
        try:
            seen = entry.stat()
            if _checked.get(entry) == (seen.st_size, seen.st_mtime_ns):
                return entry  # checked in this process, and unchanged since: a page's cut reads it again
            if hashlib.sha256(entry.read_bytes()).hexdigest()[:_DIGEST] == entry.stem.rpartition("-")[2]:
                _checked[entry] = (seen.st_size, seen.st_mtime_ns)
                return entry
            entry.unlink()
        except OSError:
            continue
        keep_cached.cache_clear()  # this process may write the same entry again: let it
    return None


_checked: dict[Path, tuple[int, int]] = {}
"""The entries `kept` found whole in this process, by their size and modification time then."""


_DIGEST = 16
"""Hex digits of an entry's digest its name carries."""


def _umask() -> int:
    """The process's umask (read by setting it, so read once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def json_bytes(value: object, *, compact: bool = False) -> bytes:
    """A JSON file as a build writes it: UTF-8 text, sorted keys, one newline at the end; `compact`, on one
    line (written by the C encoder, 5-10 times faster: a province's manifest and seal are megabytes)."""
    if compact:
        return (json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n").encode()
    return (json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


@dataclass(frozen=True)
class Spliced:
    """A file's bytes as pieces: bytes, and ranges of a file (its path, where the range starts, how long it
    is), which are copied by the kernel (`os.copy_file_range`) rather than read: a province's `all.ics` is
    200 MB, of which an edit changes one plan's events."""

    pieces: tuple[bytes | tuple[str, int, int], ...]

    @property
    def size(self) -> int:
        return sum(len(p) if isinstance(p, bytes) else p[2] for p in self.pieces)

    def read(self) -> bytes:
        """The bytes whole, read into memory."""
        made = []
        for piece in self.pieces:
            if isinstance(piece, bytes):
                made.append(piece)
                continue
            path, start, length = piece
            with open(path, "rb") as stream:
                stream.seek(start)
                made.append(_exactly(stream, length, path))
        return b"".join(made)

    def held_by(self, path: str) -> bool:
        """Whether the file `path`, of this size, holds these bytes: a range of that very file at its own place
        does; the rest is read and compared."""
        with open(path, "rb") as there:
            at = 0
            for piece in self.pieces:
                if isinstance(piece, bytes):
                    there.seek(at)
                    if there.read(len(piece)) != piece:
                        return False
                    at += len(piece)
                    continue
                source, start, length = piece
                if source != path or start != at:
                    there.seek(at)
                    with open(source, "rb") as stream:
                        stream.seek(start)
                        for done in range(0, length, 1 << 24):
                            block = min(1 << 24, length - done)
                            if there.read(block) != _exactly(stream, block, source):
                                return False
                at += length
        return True

    def write(self, target: Path) -> None:
        """Write the file `target` (a new file) of these pieces."""
        with open(target, "xb") as out:
            for piece in self.pieces:
                if isinstance(piece, bytes):
                    out.write(piece)
                    continue
                out.flush()
                path, start, length = piece
                with open(path, "rb") as source:
                    _copy_range(source, out, start, length, path)


def whole(data: bytes | Spliced) -> bytes:
    """A file's bytes, read whole where it comes as pieces."""
    return data.read() if isinstance(data, Spliced) else data


def _copy_range(source: BinaryIO, out: BinaryIO, start: int, length: int, path: str) -> None:
    """Copy `length` bytes of `source` from `start` to the end of `out`: by the kernel where it can."""
    copy = getattr(os, "copy_file_range", None)
    while length > 0 and copy is not None:
        try:
            done = copy(source.fileno(), out.fileno(), length, start)
        except OSError:  # not between these file systems: read and written
            break
        if done == 0:
            raise OSError(f"{path}: shorter than the range copied from it")
        start, length = start + done, length - done
    if length > 0:
        source.seek(start)
        out.seek(0, os.SEEK_END)
        while length > 0:
            block = _exactly(source, min(length, 1 << 24), path)
            out.write(block)
            length -= len(block)


def _exactly(stream: BinaryIO, length: int, path: str) -> bytes:
    data = stream.read(length)
    if len(data) != length:
        raise OSError(f"{path}: shorter than the range read from it")
    return data


class Staging:
    """A folder beside `output` that a build fills; `swap()` puts it in place of `output`."""

    def __init__(self, output: Path, seen: Mapping[str, Seen] | None = None) -> None:
        guard(output)
        self.output = output
        self.seen = seen or {}
        """Each published file as the last build left it (`listing`): one still so needs no reading to be trusted."""
        parent = output.resolve().parent
        remove_stale(parent, output.name)
        self.root = parent / f".{output.name}.building-{os.getpid()}-{os.urandom(6).hex()}"
        self.spare = spare_of(output)
        self.recycled = False
        """Whether the folder is the site before the published one (`spare_of`), brought up to date: a file
        the build takes is then most often there already, the very file, and only what changed is done."""
        if output.is_dir():
            with contextlib.suppress(OSError):  # none, or another build took it first: a new folder
                self.spare.rename(self.root)
                self.recycled = not self.root.is_symlink() and self.root.is_dir()
                if self.recycled:
                    _remove_links(str(self.root))
        if not self.recycled:
            # a plain mkdir, not mkdtemp's 0700: a web server running as another user publishes this folder
            self.root.mkdir()
        self.written: list[Path] = []
        self.placed: set[str] = set()
        """Every file the build put into the folder, written or reused, by its path inside it."""
        self.carried: set[str] = set()
        """Every file and empty folder (`name/`) carried over from the published folder (`carry_over`)."""
        self.inodes: dict[str, dict[str, int]] = {}
        """The files of each folder of the recycled site by name, and their inodes, as `_inodes` read them."""
        self.device = self.root.stat().st_dev
        self.now: dict[str, os.stat_result | Seen | None] = {}
        """Each file and empty folder the build put into the folder as it is there (None: written, looked at
        once the folder is done, see `listing`), so that the build's seal needs no second look at every file."""
        self.differ: set[str] = set()
        """The files `put` found to differ from the published ones of their size: their times are their own."""

    def write(self, relative: str, data: bytes | Spliced) -> None:
        """Write `relative` inside the staging folder, refusing anything that would land outside it."""
        target = inside(self.root, relative)
        if _parent_made(self.root, target):
            self.inodes.clear()
        # a new file, never through a link that `reuse` made: that inode is still the published file
        _clear(target)
        self.inodes.pop(str(target.parent), None)
        if isinstance(data, Spliced):
            data.write(target)
        else:
            target.write_bytes(data)
        self.written.append(target)
        self.placed.add(path_key(relative))
        self.now[path_key(relative)] = None

    def _take(self, source: str, relative: str, found: os.stat_result | None = None) -> None:
        """Put the published file `source` at `relative`: as a link to it, unless the folder holds it already."""
        target = _under(self.root, relative)
        key = path_key(relative)
        if self.recycled:
            folder, _, name = target.rpartition(os.sep)
            try:
                found = found or os.lstat(source)
                if self._inodes(folder).get(name) == found.st_ino and found.st_dev == self.device:
                    self.now[key] = found
                    return
            except OSError:
                pass
            self.inodes.pop(folder, None)
            _clear(Path(target))
        try:
            linked = _link(Path(source), Path(target))
        except FileNotFoundError:  # its folder is not made yet
            if _parent_made(self.root, Path(target)):
                self.inodes.clear()
            linked = _link(Path(source), Path(target))
        # a hard link is the file itself; a copy, or a link made anew, is a file of its own
        self.now[key] = found if linked else None

    def _inodes(self, folder: str) -> dict[str, int]:
        """The inode of each file in a folder of the recycled site, by its name: read with the folder's names
        (one call for the folder rather than one for each of its files)."""
        found = self.inodes.get(folder)
        if found is None:
            try:
                with os.scandir(folder) as entries:
                    found = {entry.name: entry.inode() for entry in entries}
            except OSError:
                found = {}
            self.inodes[folder] = found
        return found

    def put(self, relative: str, data: bytes | Spliced) -> None:
        """`write`, unless the published file of that name holds these bytes already: then that file is
        taken, the very file, so that a rebuild rewrites only what changed (and a source or a ledger
        unchanged is not written again)."""
        published = inside(self.output, relative)
        size = data.size if isinstance(data, Spliced) else len(data)
        try:
            found = os.lstat(published)
            if stat.S_ISREG(found.st_mode) and found.st_size == size:
                if data.held_by(str(published)) if isinstance(data, Spliced) else published.read_bytes() == data:
                    self._take(str(published), relative, found)
                    self.placed.add(path_key(relative))
                    return
                self.differ.add(path_key(relative))
        except OSError:
            pass
        self.write(relative, data)

    def reuse(self, published: Path, relatives: Sequence[str], digests: Sequence[str | None] | None) -> bool:
        """Take each of `relatives` from the published folder, times and all; False when one is not there or
        its bytes no longer have the digest (sha256) in `digests` (None: unknown, so none is taken; a file's
        digest None: not worked out, so the file is taken only while it is the file the last build left).

        A build never changes a published file in place (it replaces the folder), so the staged one is a
        hard link to it where the file system allows: taking 10,000 unchanged files costs no copying. But
        someone else may have: a file is trusted unread while it is the file the last build left (the same
        inode, size and modification time, `seen`), and otherwise read and checked first (1 GB/s).
        """
        if digests is None or len(digests) != len(relatives):
            return False
        seen = self.seen
        taken: list[tuple[str, str, os.stat_result]] = []
        for relative, expected in zip(relatives, digests, strict=True):
            source = _under(published, relative)
            try:
                found = os.lstat(source)
                if not stat.S_ISREG(found.st_mode):
                    return False
                if seen.get(relative) != (found.st_ino, found.st_size, found.st_mtime_ns) and (
                    expected is None or file_digest(Path(source)) != expected
                ):
                    return False  # before linking any: a part is taken whole or rendered whole
            except OSError:
                return False
            taken.append((relative, source, found))
        for relative, source, found in taken:
            self._take(source, relative, found)
        self.placed.update(map(path_key, relatives))
        return True

    def carry_over(self, built: Collection[str] | None) -> list[str]:
        """Take into the staging folder every file and empty folder of the published one that no build wrote
        (`built`: the files the last build wrote, None when its record is lost); return their paths.

        A swap replaces the whole folder, and a file someone put there (a `robots.txt`, a note) must not
        go with it. Where this build writes a file of the same path, the build is refused rather than the
        file replaced, unless the last build's record is lost: the folder is schedgen's (it has the
        marker), and the file is taken for one of its own.
        """
        kept: list[str] = []
        if not self.output.is_dir():
            return kept
        top = str(self.output)
        for folder, folders, names in os.walk(top):
            # the path inside the output folder, from the words (pathlib took a second for a province's site)
            here = os.path.relpath(folder, top).replace(os.sep, "/")
            if here == RECORDS or here.startswith(RECORDS + "/"):
                folders.clear()  # the build's own records: each build writes them anew
                continue
            prefix = "" if here == "." else here + "/"
            entries = names + [name for name in folders if os.path.islink(os.path.join(folder, name))]
            if prefix and not names and not folders and not self._made_by_build(here):
                (self.root / here).mkdir(parents=True, exist_ok=True)
                kept.append(f"{here}/")
                self.now[f"{here}/"] = (0, 0, 0)
            for name in entries:
                relative = prefix + name
                if relative == MARKER or (built is not None and relative in built):
                    continue
                # a file of that name, or files under it (a link or a file named like a new plan's folder)
                if relative in self.placed or self._placed_under(relative):
                    if built is None:
                        continue
                    raise BuildError(
                        _(
                            "{value} was not written by schedgen, and this build writes a file of "
                            "that name; move it away and build again"
                        ).format(value=self.output / relative)
                    )
                self._take(str(self.output / relative), relative)
                kept.append(relative)
        self.carried.update(kept)
        return sorted(kept)

    def _placed_under(self, relative: str) -> bool:
        """Whether the build put a file inside `relative`, as a folder."""
        inner = path_key(relative) + "/"
        return any(placed.startswith(inner) for placed in self.placed)

    def listing(self, leave: Collection[str] = ()) -> dict[str, Seen]:
        """`listing` of the folder, once the build is done putting files into it (`mark`), from what the build
        knows of each: a file written is looked at (its time may be the published one's, `keep_times`), a
        file taken is the published file itself."""
        found: dict[str, Seen] = {}
        for relative, seen in self.now.items():
            if relative in leave:
                continue
            if seen is None:
                try:
                    seen = os.lstat(_under(self.root, relative))
                except FileNotFoundError:
                    continue
            found[relative] = as_seen(seen) if isinstance(seen, os.stat_result) else seen
        return found

    def _made_by_build(self, folder: str) -> bool:
        """Whether the build put a file into `folder` (or a folder in it)."""
        if not self.recycled:
            return (self.root / folder).exists()
        return self._placed_under(folder)

    def prune(self) -> None:
        """Remove from a recycled folder every file and folder of the older site that this build did not put
        there: the folder then holds what a new one would, and nothing else."""
        if not self.recycled:
            return
        keep = self.placed | self.carried

        def walk(folder: str, prefix: str) -> bool:  # whether the folder is left empty
            empty = True
            with os.scandir(folder) as entries:
                for entry in list(entries):
                    relative = prefix + entry.name
                    if entry.is_dir(follow_symlinks=False):
                        if walk(entry.path, relative + "/") and relative + "/" not in keep:
                            os.rmdir(entry.path)
                        else:
                            empty = False
                    elif relative in keep:
                        empty = False
                    else:
                        os.unlink(entry.path)
            return empty

        walk(str(self.root), "")
        self.inodes.clear()  # files removed: what was read of the folders is not so any more

    def mark(self) -> None:
        """Mark the folder as built, unchanged files keeping their times, and nothing in it the build did not
        put there (`prune`): the last step before it is swapped in."""
        self.prune()
        self.put(MARKER, b"written by schedgen build; the whole folder is replaced on each build\n")
        differ = {self.root / relative for relative in self.differ}
        keep_times(self.root, self.output, [path for path in self.written if path not in differ])

    def swap(self) -> None:
        """Mark the folder as built (`mark`) and exchange it with `output`; the site it replaces is kept as the
        spare folder, from which the next build starts (see `recycled`)."""
        if MARKER not in self.placed:
            self.mark()
        swap(self.root, self.output, self.spare)

    def discard(self) -> None:
        """Remove the staging folder (a build that failed), or keep it as the spare folder when it was one: the
        next build brings whatever it holds up to date."""
        if self.recycled and not os.path.lexists(self.spare):
            with contextlib.suppress(OSError):
                self.root.rename(self.spare)
                return
        shutil.rmtree(self.root, ignore_errors=True)


@contextlib.contextmanager
def staged(output: Path, seen: Mapping[str, Seen] | None = None) -> Iterator[Staging]:
    """A staging folder for `output`, removed when the block fails; the block calls `swap()` to publish.
    `seen`: the published files as the last build left them (see `Staging.reuse`)."""
    staging = Staging(output, seen)
    try:
        yield staging
    except BaseException:
        staging.discard()
        raise


Seen = tuple[int, int, int]
"""A file as a build left it: its inode, size and modification time (ns). A build never changes a published
file in place, and whoever does changes at least one of them (a copy or an editor's save gives a new inode)."""


def as_seen(found: os.stat_result) -> Seen:
    return (found.st_ino, found.st_size, found.st_mtime_ns)


def listing(root: Path, leave: Collection[str] = ()) -> dict[str, Seen] | None:
    """Every file and link in the folder `root`, by its path inside it, as `seen`, and each empty folder as
    `name/` (seen as zeros); None when there is no such folder. `leave`: paths not listed."""
    found: dict[str, Seen] = {}
    todo = [("", str(root))]
    try:
        while todo:
            prefix, folder = todo.pop()
            empty = True
            with os.scandir(folder) as entries:
                for entry in entries:
                    empty = False
                    relative = prefix + entry.name
                    if entry.is_dir(follow_symlinks=False):
                        todo.append((relative + "/", entry.path))
                    elif relative not in leave:
                        found[relative] = as_seen(entry.stat(follow_symlinks=False))
            if empty and prefix:
                found[prefix] = (0, 0, 0)
    except (FileNotFoundError, NotADirectoryError):
        return None
    return found


def file_digest(path: Path) -> str:
    """The sha256 of a file's bytes, read in blocks (a province's `all.ics` is 200 MB)."""
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest() if hasattr(hashlib, "file_digest") else _digest(stream)


def _digest(stream: BinaryIO) -> str:
    made = hashlib.sha256()
    while block := stream.read(1 << 20):
        made.update(block)
    return made.hexdigest()


def path_key(relative: str) -> str:
    """A path inside the output folder as the manifest writes it: `/` between parts, no `.` parts."""
    if _plain(relative):  # most are: no need to parse them (a province's rebuild asks 30,000 times)
        return relative
    return PurePath(relative).as_posix()


@functools.cache  # a province's rebuild asks three times for each of its 30,000 files
def _plain(relative: str) -> bool:
    """Whether `relative` is a path inside a folder written plainly: `/` between parts, none empty, `.` or `..`."""
    if not relative or relative.startswith("/") or "\\" in relative:
        return False
    parts = relative.split("/")
    return "" not in parts and "." not in parts and ".." not in parts


def _link(source: Path, target: Path) -> bool:
    """`target` as a hard link to `source` (a link as a link), or a copy where the file system cannot link;
    whether it is a hard link."""
    if source.is_symlink():
        os.symlink(os.readlink(source), target)
        return False
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
        return False
    return True


def apart(output: Path, inputs: Iterable[tuple[str, Path]], shallow: Iterable[Path] = ()) -> None:
    """Refuse an output folder that is, holds or lies inside the current folder's parents or anything the
    build reads (`inputs`: what the user called it, and its path): a build replaces its output folder
    whole, and what it read, or the folder the user is in, would go with it. An output may lie inside
    a `shallow` folder, one whose files only are read (a folder of plans: `build . -o site`)."""
    top = {os.path.realpath(p) for p in shallow}
    out = os.path.realpath(output)
    if _within(os.path.realpath(os.getcwd()), out):
        raise BuildError(
            _(
                "-o {output} is the current folder or holds it, and a build replaces its output "
                "folder whole; build into a folder inside it (-o site) and publish that"
            ).format(output=output)
        )
    for named, path in inputs:
        real = os.path.realpath(path)
        if real == out:
            where = _("-o {output} is {named} {path}")
        elif _within(real, out):
            where = _("-o {output} holds {named} {path}")
        elif _within(out, real) and real not in top:
            where = _("-o {output} lies inside {named} {path}")
        else:
            continue
        raise BuildError(
            where.format(output=output, named=_(named), path=path)
            + _(
                ", which the build reads, and a build replaces its output folder whole; choose an output "
                "folder apart from the schedules, --templates and --state"
            )
        )


def _within(path: str, folder: str) -> bool:
    """Whether `path` is `folder` or lies inside it (both resolved)."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


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
        raise BuildError(_("refusing to write {relative!r} outside the output folder").format(relative=relative))
    return root / path


def guard(output: Path) -> None:
    """Refuse to replace a folder that a build did not make (`-o ~/Documents` must not wipe it)."""
    if output.is_symlink() or (output.exists() and not output.is_dir()):
        raise BuildError(_("{output} is not a folder; choose another output with -o").format(output=output))
    if output.is_dir() and any(output.iterdir()) and not (output / MARKER).exists():
        raise BuildError(
            _("{output} holds files schedgen did not write; choose an empty or new folder with -o").format(
                output=output
            )
        )


def swap(staging: Path, output: Path, spare: Path | None = None) -> None:
    """Put `staging` where `output` is, in one step where the system allows it; what was there is kept as
    `spare` (when given and there is none), else removed. A first site leaves as its spare a copy of itself
    made of links, so that the next build too starts from one."""
    if not output.exists():
        staging.rename(output)
        if spare is not None:
            _linked_copy(output, spare)
        return
    if _exchange(staging, output):
        _spare(staging, spare)
        return
    old = output.with_name(f".{output.name}.old-{os.getpid()}")
    output.rename(old)
    staging.rename(output)
    _spare(old, spare)


def _linked_copy(site: Path, spare: Path) -> None:
    """Make `spare` a copy of the folder `site`, each file a hard link to the site's (a link as a link); none
    where one is there already or the file system cannot link. Made under a staging name and renamed, so
    that a build killed meanwhile leaves a folder `remove_stale` takes away, not half a spare."""
    if os.path.lexists(spare):
        return
    making = spare.with_name(f".{site.name}.building-{os.getpid()}-{os.urandom(6).hex()}")
    try:
        for folder, folders, names in os.walk(site):
            here = os.path.relpath(folder, site)
            into = str(making) if here == "." else os.path.join(making, here)
            os.mkdir(into)
            for name in names + [f for f in folders if os.path.islink(os.path.join(folder, f))]:
                source = os.path.join(folder, name)
                if os.path.islink(source):
                    os.symlink(os.readlink(source), os.path.join(into, name))
                else:
                    os.link(source, os.path.join(into, name))
            folders[:] = [f for f in folders if not os.path.islink(os.path.join(folder, f))]
        making.rename(spare)
    except OSError:  # no spare: the next build links a new folder instead
        shutil.rmtree(making, ignore_errors=True)


def _spare(old: Path, spare: Path | None) -> None:
    """Keep the folder `old` as `spare`, or remove it."""
    if spare is not None and not os.path.lexists(spare):
        with contextlib.suppress(OSError):
            old.rename(spare)
            return
    shutil.rmtree(old)


def spare_of(output: Path) -> Path:
    """The folder beside `output` holding the site the published one replaced: its files are mostly links to
    the published ones, so the next build brings it up to date and swaps it in, rather than making every
    folder and link of a 30,000-file site again and removing the old one's (seconds, on a busy disk)."""
    return output.resolve().parent / f".{output.name}.spare"


def _under(root: Path, relative: str) -> str:
    """`inside`, as a string, and quickly for a plain relative path (a province's rebuild asks 30,000 times)."""
    if _plain(relative):
        return f"{root}{os.sep}{relative}"
    return str(inside(root, relative))


def _remove_links(folder: str) -> None:
    """Remove every link in `folder` and the folders in it: a build writes into its staging folder by the
    words of each path (`inside`), so none may lead out of it, as a link someone put into the spare folder
    would (a link of the site's own is linked again by `carry_over`)."""
    with os.scandir(folder) as entries:
        for entry in list(entries):
            if entry.is_symlink():
                os.unlink(entry.path)
            elif entry.is_dir(follow_symlinks=False):
                _remove_links(entry.path)


def _clear(target: Path) -> None:
    """Remove what is at `target`: a file or link, or a folder of an older site."""
    try:
        os.unlink(target)
    except FileNotFoundError:
        pass
    except (IsADirectoryError, PermissionError):
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        else:
            raise


def _parent_made(root: Path, target: Path) -> bool:
    """Make `target`'s folder inside `root`, removing a file of an older site that stands where a folder goes;
    whether one was removed."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        return False
    except (FileExistsError, NotADirectoryError):
        pass
    folder = root
    for part in target.parent.relative_to(root).parts:
        folder = folder / part
        if os.path.lexists(folder) and (folder.is_symlink() or not folder.is_dir()):
            os.unlink(folder)
    target.parent.mkdir(parents=True, exist_ok=True)
    return True


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
