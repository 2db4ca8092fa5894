"""`govinfo repair`: take out what interrupted writes left in the journal, keeping a copy.

This is the one place that rewrites a journal file, so it removes only lines that never
counted and were never acknowledged: the lines of a batch that is not whole, a last line cut off
without its newline, and lines that stop short (a torn line that a later append or a merge
closed). No figure changes. What
goes is first copied, byte for byte, to `.repaired/<UTC time>/<file>` in the journal folder (a
folder git ignores); then each file is written anew beside the old one, fsynced and renamed
over it, and its folder fsynced, so a crash at any moment leaves each file as it was or as
repaired.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

import msgspec

from . import batches, journal, shared_folder
from .journal import JournalError
from .shared_folder import UnsafeEntryError

REPAIRED_DIR = ".repaired"


@dataclass
class Removal:
    """What repair takes out of one journal file."""

    path: Path
    lines: list[int] = field(default_factory=list)  # line numbers, in order
    batches: list[str] = field(default_factory=list)  # ids of the interrupted writes they came from
    cut_off: int = 0  # lines that stop short
    torn: bool = False  # the last line, which has no newline
    kept: bytes = b""  # the file without them
    removed: bytes = b""  # them, as they were
    inode: int = 0  # of the file as read: it must still be that file when replaced


@dataclass(frozen=True)
class Repaired:
    removals: list[Removal]
    copy: Path | None  # the folder holding what was removed


def repair(root: Path) -> Repaired:
    """Under the journal lock, remove the remains of interrupted writes from every file."""
    with journal.locked(root):
        sources = {path: _read(Path(path)) for path in map(str, journal.journal_files(root))}
        loaded = journal.load_sources({path: data for path, (data, _inode) in sources.items()})
        removals = []
        for path, (data, inode) in sources.items():
            removal = _plan(Path(path), data, loaded)
            if removal is not None:
                removal.inode = inode
                removals.append(removal)
        if not removals:
            return Repaired([], None)
        copy = _keep(root, removals)
        for removal in removals:
            _rewrite(removal)
    return Repaired(removals, copy)


def _read(path: Path) -> tuple[bytes, int]:
    """A journal file's bytes and inode; a symlink or anything but a plain file is refused,
    since repair writes what it read back into the journal folder."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise _unsafe(path, "file") from None
        raise
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _unsafe(path, "file")
        with os.fdopen(os.dup(fd), "rb") as fh:
            return fh.read(), st.st_ino
    finally:
        os.close(fd)


def _plan(path: Path, data: bytes, loaded: journal.Loaded) -> Removal | None:
    removal = Removal(path)
    drop: set[int] = set()
    for tag in sorted(loaded.held):
        lines = journal.lines_holding(data, tag.encode())
        if lines:
            drop.update(lines)
            removal.batches.append(batches.batch_id(tag))
    parts = data.split(b"\n")
    for problem in loaded.problems:
        here = problem.path == str(path) and problem.kind == "decode" and problem.line not in drop
        if here and journal.is_cut_off(parts[problem.line - 1]):
            drop.add(problem.line)
            removal.cut_off += 1
    removal.torn = _unfinished(parts[-1])
    if not drop and not removal.torn:
        return None
    removal.lines = sorted(drop) + ([len(parts)] if removal.torn else [])
    body = [(n, line + b"\n") for n, line in enumerate(parts[:-1], start=1)]
    removal.kept = b"".join(line for n, line in body if n not in drop) + (b"" if removal.torn else parts[-1])
    removal.removed = b"".join(line for n, line in body if n in drop) + (parts[-1] if removal.torn else b"")
    return removal


def _unfinished(tail: bytes) -> bool:
    """Whether a last line without its newline is what an interrupted write left: a fragment, or
    a whole event of a write of several (its newline, the write's last byte, never came). An
    untagged whole event may be a line an editor left without its newline; `check` says to add
    one if it should count, so it stays."""
    if not tail.strip():
        return False
    try:
        ev = journal.decoder.decode(tail)
    except (msgspec.DecodeError, UnicodeDecodeError, RecursionError):
        return True
    return ev.batch is not None


def _keep(root: Path, removals: list[Removal]) -> Path:
    """Copy what goes to a new folder under `.repaired/`, durably, before anything is removed."""
    shared = shared_folder.group_shared(root)
    base = root / REPAIRED_DIR
    _make_folder(base, shared)
    ignore = base / ".gitignore"
    if not ignore.exists():  # copies of lines that never counted are not the record: keep them out of git
        _write_new(ignore, b"*\n", mode=0o664)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    folder, n = base / stamp, 1
    while os.path.lexists(folder):  # two repairs within a second
        n += 1
        folder = base / f"{stamp}-{n}"
    _make_folder(folder, shared)
    made = {base, folder, root}
    for removal in removals:
        side = folder / removal.path.relative_to(root)
        _make_folder(side.parent, shared)
        made.add(side.parent)
        _write_new(side, removal.removed, mode=0o664)
    for made_dir in made:
        journal.fsync_dir(made_dir)
    return folder


def _make_folder(path: Path, shared: bool) -> None:
    """A folder for the copies, never a link; in a group's folder, open to the group as the
    journal's own folders are (`shared_folder`), so a colleague's repair can add to it."""
    try:
        path.mkdir()
        if shared:
            os.chmod(path, stat.S_IMODE(os.lstat(path).st_mode) | 0o070 | stat.S_ISGID)
    except FileExistsError:
        pass
    except OSError as exc:
        raise JournalError("repair.write_failed", path=path, reason=exc.strerror or exc) from exc
    if not stat.S_ISDIR(os.lstat(path).st_mode):
        raise _unsafe(path, "folder")


def _unsafe(path: Path, kind: str) -> UnsafeEntryError:
    if path.is_symlink():
        return UnsafeEntryError("journal.symlink", path=path, target=os.readlink(path))
    return UnsafeEntryError("journal.not_regular", path=path, kind=kind)


def _rewrite(removal: Removal) -> None:
    """Put the file's kept bytes in place by writing a new file and renaming it over the old."""
    path = removal.path
    st = os.lstat(path)
    tmp = path.with_name(f".{path.name}.repair")  # not a journal file name: readers never see it
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)  # left by a repair that crashed
    _write_new(tmp, removal.kept, mode=stat.S_IMODE(st.st_mode), gid=st.st_gid)
    now = os.lstat(path)
    if (now.st_ino, now.st_size) != (removal.inode, len(removal.kept) + len(removal.removed)):
        os.unlink(tmp)
        raise JournalError("repair.changed", path=path)
    os.replace(tmp, path)
    journal.fsync_dir(path.parent)


def _write_new(path: Path, data: bytes, *, mode: int, gid: int = -1) -> None:
    """Create `path` holding `data`, durably; on failure (a full disk) nothing of it stays."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except OSError as exc:
        raise JournalError("repair.write_failed", path=path, reason=exc.strerror or exc) from exc
    try:
        journal.write_all(fd, data)
        os.fchmod(fd, mode)  # the group keeps what it could do with the old file
        with contextlib.suppress(PermissionError):
            os.fchown(fd, -1, gid)
        os.fsync(fd)
    except OSError as exc:
        os.unlink(path)
        raise JournalError("repair.write_failed", path=path, reason=exc.strerror or exc) from exc
    finally:
        os.close(fd)
