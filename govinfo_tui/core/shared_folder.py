"""Writing into a folder that a group shares: never through a link, and new entries as open to
the group as the folder is.

On a shared server every officer of the group may create entries in the journal folder. One of
them could plant a symlink where a colleague's next append lands and so make that colleague's
own process write into a private file of theirs; so every component below the journal folder is
opened without following links, one folder descriptor at a time (no path is looked up twice).
And a writer whose umask is 022 (an `ssh host govinfo ...`, cron, a service: none of them read
/etc/profile.d) would create a year folder or a month file the others cannot append to; so in a
setgid folder, the sign that a group shares it, what govinfo creates gets the group's write bit
whatever the umask. The journal folder itself may be a link: whoever set it up chose that.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .errors import GovinfoError

_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_FILE_FLAGS = os.O_RDWR | os.O_APPEND | os.O_NOFOLLOW | os.O_CLOEXEC


class UnsafeEntryError(GovinfoError):
    """A journal file or year folder that is a link or not what it should be: nothing is written."""


def group_shared(root: Path) -> bool:
    """Whether the journal folder is set up for a group (the setgid bit, as the README says)."""
    return bool(os.stat(root).st_mode & stat.S_ISGID)


def open_append(root: Path, path: Path) -> int:
    """A descriptor appending to `path` (a file inside `root`), creating it and its folders if
    missing. Raises UnsafeEntryError if any of them is a link or of the wrong kind."""
    parts = path.relative_to(root).parts
    shared = group_shared(root)
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        for depth, name in enumerate(parts[:-1], 1):
            inner = _enter(fd, name, root.joinpath(*parts[:depth]), shared)
            os.close(fd)
            fd = inner
        return _open_file(fd, parts[-1], path, shared)
    finally:
        os.close(fd)


def _enter(parent: int, name: str, shown: Path, shared: bool) -> int:
    try:
        os.mkdir(name, 0o775, dir_fd=parent)
        created = True
    except FileExistsError:
        created = False
    try:
        fd = os.open(name, _DIR_FLAGS, dir_fd=parent)
    except OSError as exc:
        raise _refusal(exc, parent, name, shown, "folder") from None
    if created and shared:  # Linux passes the setgid bit on to a new folder; the write bit it leaves to the umask
        os.fchmod(fd, stat.S_IMODE(os.fstat(fd).st_mode) | 0o070 | stat.S_ISGID)
    return fd


def _open_file(parent: int, name: str, shown: Path, shared: bool) -> int:
    try:
        try:
            fd = os.open(name, _FILE_FLAGS | os.O_CREAT | os.O_EXCL, 0o664, dir_fd=parent)
            created = True
        except FileExistsError:
            fd = os.open(name, _FILE_FLAGS, dir_fd=parent)
            created = False
    except OSError as exc:
        raise _refusal(exc, parent, name, shown, "file") from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):  # a FIFO or a socket planted under a shard's name
        os.close(fd)
        raise UnsafeEntryError("journal.not_regular", path=shown, kind="file")
    if created and shared:
        os.fchmod(fd, stat.S_IMODE(st.st_mode) | 0o060)
    return fd


def _refusal(exc: OSError, parent: int, name: str, shown: Path, kind: str) -> Exception:
    """Say which entry is wrong and how; an ordinary error (permission, disk) passes through."""
    if exc.errno not in (errno.ELOOP, errno.ENOTDIR, errno.EISDIR, errno.ENXIO):
        return exc
    try:
        is_link = stat.S_ISLNK(os.lstat(name, dir_fd=parent).st_mode)
    except OSError:
        return exc
    if is_link:
        return UnsafeEntryError("journal.symlink", path=shown, target=os.readlink(name, dir_fd=parent))
    return UnsafeEntryError("journal.not_regular", path=shown, kind=kind)
