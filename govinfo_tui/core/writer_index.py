"""Which month files may hold a given needle: the writers' index, so that a write reads only those.

A writer validates its request against the registry and the lines that name its needles (an
item's id in quotes, `"event_voided"`, ...); without help it must search every month file for
them, which grows with the journal. This index keeps, for every month file, the hashes (crc32)
of the strings found between two consecutive quote characters in it: `"X"` (X holding no quote)
occurs in a file exactly when X is such a string, so a file whose hashes lack X's cannot hold
the needle, and a hash that matches is only a reason to read the file (the lines are then picked
and decoded as before; a stray match of two hashes costs one file's read, never an answer).
Strings holding a colon (times) or longer than `LONGEST` are not kept, so a needle of that
kind is not answered here and the writer searches the files as before.

Each file's part says what it was built from: the inode, size, mtime and ctime, and a blake2b
digest of the bytes read. It is trusted without reading the file only if the file still shows
the same inode, size, mtime and ctime, and had not changed in the `RACY_NS` before it was read
(a change within one tick of the clock would not show); otherwise the file is read: if its
first `size` bytes still have the digest, only the bytes after them are split (a month that
only grew, the common case); anything else (rewritten, replaced by `repair`, a checkout or a
merge, shortened, new) builds that file's part again. A part that does not read whole, fails
its checksum, is of another version or for another file, or is not our own, counts as missing.

It lives in the journal's git-ignored `.cache/writers-<uid>/`, one small file per month file,
each written atomically through no link and readable by its account alone. A journal folder we
may not write is simply not indexed: a part that is missing or out of date is not worked out
there (a plain search costs less than building one), and the caller searches that file.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import struct
import sys
import time
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import shared_folder

CACHE_DIR = ".cache"
LONGEST = 64  # longer strings (titles, texts) are no needle a writer asks for
RACY_NS = 2_000_000_000  # a file changed this close to being read is checked by its digest
_MAGIC = b"govinfo writers index 1 " + sys.byteorder[0].encode() + b"\n"
_HEAD = struct.Struct("<QQqqqqII")  # inode, size, mtime, ctime, built, last quote, hashes, path bytes
_DIGEST = 16
_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_QUOTE = b'"'

Mark = tuple[int, int, int, int]  # inode, size, mtime_ns, ctime_ns: a file as `stat` shows it


def mark_of(st: os.stat_result) -> Mark:
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def hashes_of(needles: Iterable[str]) -> list[int] | None:
    """The hashes the index answers `needles` by; None if one of them is not of the indexed
    kind (a quoted string without quote or colon, at most `LONGEST` long)."""
    found = []
    for needle in needles:
        raw = needle.encode()
        inner = raw[1:-1]
        if len(raw) < 2 or raw[:1] != _QUOTE or raw[-1:] != _QUOTE or not _kept(inner):
            return None
        found.append(zlib.crc32(inner))
    return found


def _kept(piece: bytes) -> bool:
    return len(piece) <= LONGEST and b":" not in piece and _QUOTE not in piece


def _pieces(data: bytes) -> set[int]:
    """The hashes of the kept strings between consecutive quotes of `data` (the text before the
    first quote and after the last one is not between two)."""
    unique = set(data.split(_QUOTE)[1:-1])
    return set(map(zlib.crc32, [p for p in unique if len(p) <= LONGEST and b":" not in p]))


@dataclass(frozen=True)
class Part:
    """One month file's share of the index."""

    path: str  # relative to the journal folder
    mark: Mark  # the file as it was when read
    built_ns: int
    last_quote: int  # where the last quote of the bytes read is (-1: none), to go on from there
    digest: bytes  # of the `mark[1]` bytes read
    hashes: Sequence[int]  # sorted

    def holds(self, wanted: list[int]) -> bool:
        hashes = self.hashes
        for h in wanted:
            i = bisect_left(hashes, h)
            if i < len(hashes) and hashes[i] == h:
                return True
        return False

    def settled(self) -> bool:
        return self.mark[3] < self.built_ns - RACY_NS

    def encode(self) -> bytes:
        name = self.path.encode()
        numbers = array("I", self.hashes)
        head = _HEAD.pack(*self.mark, self.built_ns, self.last_quote, len(numbers), len(name))
        payload = head + name + self.digest + numbers.tobytes()
        return _MAGIC + struct.pack("<I", zlib.crc32(payload)) + payload


def decode(data: bytes, path: str) -> Part | None:
    """The part in `data` if it is whole, of this version and for `path`; else None."""
    start = len(_MAGIC) + 4
    if not data.startswith(_MAGIC) or len(data) < start + _HEAD.size:
        return None
    payload = memoryview(data)[start:]
    if struct.unpack_from("<I", data, len(_MAGIC))[0] != zlib.crc32(payload):
        return None
    ino, size, mtime, ctime, built, last_quote, count, name_len = _HEAD.unpack_from(payload)
    at = _HEAD.size
    if len(payload) != at + name_len + _DIGEST + 4 * count or bytes(payload[at : at + name_len]) != path.encode():
        return None
    at += name_len
    digest = bytes(payload[at : at + _DIGEST])
    hashes = payload[at + _DIGEST :].cast("I")
    return Part(path, (ino, size, mtime, ctime), built, last_quote, digest, hashes)


def _digest(data: bytes | memoryview) -> bytes:
    return hashlib.blake2b(data, digest_size=_DIGEST).digest()


def build(path: str, data: bytes, mark: Mark, before: Part | None = None) -> Part:
    """The part for `data` (the file's bytes, as `mark` shows it): only the bytes after
    `before`'s if they begin with exactly the bytes `before` was built from."""
    size = before.mark[1] if before is not None else 0
    if before is not None and before.mark[0] == mark[0] and len(data) >= size:
        view = memoryview(data)
        if _digest(view[:size]) == before.digest:
            from_quote = max(before.last_quote, 0)
            new = _pieces(data[from_quote:]) if before.last_quote >= 0 else _pieces(data)
            hashes: Sequence[int] = sorted(new.union(before.hashes))
            return Part(path, mark, time.time_ns(), data.rfind(_QUOTE), _digest(data), hashes)
    return Part(path, mark, time.time_ns(), data.rfind(_QUOTE), _digest(data), sorted(_pieces(data)))


# --- the folder -----------------------------------------------------------------------------


def _part_name(rel: str) -> str:
    return rel.replace("/", "_") + ".idx"


class Folder:
    """`.cache/writers-<uid>/` of one journal, reached through no link; `fd` is None if it is
    missing and may not be made (a folder we may not write)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.fd: int | None = None
        self.writable = False
        with contextlib.suppress(OSError):
            self.fd, self.writable = _open(root)

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def read(self, rel: str) -> Part | None:
        if self.fd is None:
            return None
        try:
            entry = os.open(_part_name(rel), os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=self.fd)
        except OSError:
            return None
        with os.fdopen(entry, "rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid():
                return None
            data = fh.read()
        try:
            return decode(data, rel)
        except (ValueError, struct.error):
            return None

    def write(self, part: Part) -> None:
        """Keep `part` (atomically: a temporary name, then a rename); a failure is no error."""
        if self.fd is None or not self.writable:
            return
        name = _part_name(part.path)
        tmp = f".{name}.{os.getpid()}.{time.monotonic_ns()}.tmp"
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
            with os.fdopen(os.open(tmp, flags, 0o600, dir_fd=self.fd), "wb") as out:
                out.write(part.encode())
            # rename, as replace: a cache's file is not the journal's write (`tests/crash` counts those)
            os.rename(tmp, name, src_dir_fd=self.fd, dst_dir_fd=self.fd)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(tmp, dir_fd=self.fd)


def _may_write(root: Path) -> bool:
    return os.access(root, os.W_OK)


def _open(root: Path) -> tuple[int | None, bool]:
    """A descriptor of the index folder (made if we may write the journal folder), and whether
    we may write there; (None, False) if it is missing or not ours alone."""
    writable = _may_write(root)
    shared = shared_folder.group_shared(root) if writable else False
    fd = os.open(root, _DIR_FLAGS)
    for name, mode in ((CACHE_DIR, 0o2775 if shared else 0o777), (f"writers-{os.geteuid()}", 0o700)):
        try:
            if writable:
                with contextlib.suppress(FileExistsError):
                    os.mkdir(name, mode, dir_fd=fd)
            inner = os.open(name, _DIR_FLAGS, dir_fd=fd)
        except OSError:
            os.close(fd)
            return None, False
        os.close(fd)
        fd = inner
    st = os.fstat(fd)
    if st.st_uid != os.geteuid() or st.st_mode & 0o022:
        os.close(fd)
        return None, False  # not ours alone: none of it is trusted
    return fd, writable


# --- asking ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    """What the index says of one month file: whether it may hold a needle, and the file as the
    answer saw it (`mark`; None if it changed while read, so it must be searched again)."""

    found: bool
    mark: Mark | None


def ask(root: Path, files: Sequence[Path], wanted: list[int]) -> dict[str, Answer]:
    """For each of `files` (month files of `root`) the index can answer for, whether it may
    hold one of the hashes `wanted`; a file left out must be searched by the caller. Parts
    missing or out of date are built and kept where the folder may be written."""
    folder = Folder(root)
    try:
        answers: dict[str, Answer] = {}
        for path in files:
            with contextlib.suppress(OSError):
                answer = _answer(folder, root, path, wanted)
                if answer is not None:
                    answers[str(path)] = answer
        return answers
    finally:
        folder.close()


def _answer(folder: Folder, root: Path, path: Path, wanted: list[int]) -> Answer | None:
    rel = path.relative_to(root).as_posix()
    part = folder.read(rel)
    if part is not None and part.settled() and part.mark == mark_of(os.stat(path)):
        return Answer(part.holds(wanted), part.mark)
    if not folder.writable:
        return None
    with open(path, "rb") as fh:
        before = os.fstat(fh.fileno())
        data = fh.read()
        after = os.fstat(fh.fileno())
    whole = mark_of(before) == mark_of(after) and len(data) == after.st_size
    fresh = build(rel, data, mark_of(after), part)
    if whole:
        folder.write(fresh)
    return Answer(fresh.holds(wanted), fresh.mark if whole else None)
