"""Answers kept for a journal whose bytes have not changed: the warm start of a reading command.

Decoding is the floor of every cold answer, and no other form of the events reads faster than
the journal's own JSON (msgspec's MessagePack of the same events decodes about 1.5x slower, a
pickle 3x), so what is kept is not the events but the answer: what a reading command printed
and the exit status it gave. An answer is filed under its request (the command line, the
working folder, the environment, the day, the program's own files) and holds, for every
journal file, the path, size, mtime, inode and git blob id of exactly the bytes it was worked
out from (`journal.witnessed`). It is given again only if the journal holds the same files with
the same blob ids now: every file is read and hashed, and nothing is decoded.

Any doubt means no answer kept or none given, never a different one: a file read twice with
different bytes, changed while read, ending in a torn line, or gone or new by the end; an entry
that does not read, is cut short or fails its checksum; another request, version or day. The
cache lives in the journal's git-ignored `.cache/answers/`, written through no link, each entry
atomically (a temporary name, then a rename). In a group's folder `.cache/` is the group's, as
the journal is, so that every officer can keep answers there; but an answer is given only to
the account that kept it (its file is that account's, writable by it alone): a request holds
the environment, so colleagues' requests never match anyway, and none of them can plant an
answer for another. A journal folder we may not write (the bundled demo, a colleague's) is
simply not cached.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import time
from collections.abc import Mapping
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field
from pathlib import Path

import msgspec

from . import journal, shared_folder

CACHE_DIR = ".cache"
ANSWERS_DIR = "answers"
OFF_VARIABLE = "GOVINFO_NO_CACHE"
MAX_ANSWERS = 64  # the oldest go when there are more: a handful of periods, formats and reports
_MAGIC = b"govinfo answers 1\n"
_DIGEST = hashlib.sha256().digest_size
_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC


class Shard(msgspec.Struct, array_like=True, frozen=True):
    """One journal file as an answer read it."""

    path: str  # relative to the journal folder
    size: int
    mtime_ns: int
    inode: int
    blob: str  # git's blob id of its bytes (`git hash-object`)


class Answer(msgspec.Struct):
    request: bytes
    shards: list[Shard]
    code: int
    out: bytes
    err: bytes


_encoder = msgspec.msgpack.Encoder()
_decoder = msgspec.msgpack.Decoder(Answer)


def blob_id(data: bytes) -> str:
    """The id git gives these bytes as a file: one hash names the content everywhere."""
    digest = hashlib.sha1(b"blob %d\0" % len(data), usedforsecurity=False)
    digest.update(data)
    return digest.hexdigest()


def disabled(env: Mapping[str, str]) -> bool:
    return env.get(OFF_VARIABLE, "").strip() not in ("", "0")


def usable(root: Path) -> bool:
    """Whether answers for `root` may be kept: a journal folder of ours to write, not the demo
    shipped with the program."""
    try:
        return root.is_dir() and os.access(root, os.W_OK) and not journal.is_demo(root)
    except OSError:
        return False


def _entry_name(request: bytes) -> str:
    return hashlib.sha256(request).hexdigest()[:40]


def _answers(root: Path) -> Path:
    return root / CACHE_DIR / ANSWERS_DIR


# --- giving an answer again ----------------------------------------------------------------


def recall(root: Path, request: bytes) -> Answer | None:
    """The answer kept for `request`, if the journal holds exactly the bytes it was worked
    out from; None at any doubt."""
    try:
        blob = _read_entry(root, _entry_name(request))
        if blob is None:
            return None
        answer = _decoder.decode(blob)
        if answer.request != request or not _unchanged(root, answer.shards):
            return None
        return answer
    except (OSError, ValueError, msgspec.DecodeError):
        return None


def _read_entry(root: Path, name: str, folder: str = ANSWERS_DIR) -> bytes | None:
    """The entry's payload if it is whole: its checksum is the first thing in it."""
    fd = _open_dirs(root, create=False, folder=folder)
    if fd is None:
        return None
    try:
        entry = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=fd)
    except FileNotFoundError:
        return None
    finally:
        os.close(fd)
    with os.fdopen(entry, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid():
            return None  # only our own: a colleague in a shared folder cannot put words in our mouth
        data = fh.read()
    head = len(_MAGIC)
    if not data.startswith(_MAGIC) or len(data) < head + _DIGEST:
        return None
    digest, payload = data[head : head + _DIGEST], data[head + _DIGEST :]
    return payload if hashlib.sha256(payload).digest() == digest else None


def _unchanged(root: Path, shards: list[Shard]) -> bool:
    """The same files, each of the same size, mtime and inode, and (read now) the same blob."""
    files = journal.journal_files(root)
    if [str(p.relative_to(root)) for p in files] != [s.path for s in shards]:
        return False
    for path, shard in zip(files, shards, strict=True):
        st = os.stat(path)
        if (st.st_size, st.st_mtime_ns, st.st_ino) != (shard.size, shard.mtime_ns, shard.inode):
            return False
    return all(blob_id(path.read_bytes()) == shard.blob for path, shard in zip(files, shards, strict=True))


# --- keeping an answer ---------------------------------------------------------------------


@dataclass
class Reads:
    """What the journal reads of one command saw (fed by `journal.witnessed`)."""

    root: Path
    seen: dict[str, Shard] = field(default_factory=dict)
    doubt: bool = False

    def __call__(self, path: Path, before: os.stat_result, data: bytes, after: os.stat_result) -> None:
        shard = self.shard(path, before, data, after)
        if shard is None:
            return
        shard = msgspec.structs.replace(shard, blob=blob_id(data))
        if self.seen.setdefault(shard.path, shard) != shard:
            self.doubt = True  # read twice, different bytes

    def shard(self, path: Path, before: os.stat_result, data: bytes, after: os.stat_result) -> Shard | None:
        """The file as read, its blob id yet to be worked out; None (and doubt) if it is not
        the journal's. Doubt too if it changed while read or ends in a torn line."""
        try:
            rel = str(path.relative_to(self.root))
        except ValueError:
            self.doubt = True
            return None
        if (before.st_size, before.st_mtime_ns, before.st_ino) != (after.st_size, after.st_mtime_ns, after.st_ino):
            self.doubt = True  # written to while we read it
        if len(data) != after.st_size or (data and not data.endswith(b"\n")):
            self.doubt = True  # a torn last line: a write may be under way
        return Shard(rel, len(data), after.st_mtime_ns, after.st_ino, "")

    def shards(self) -> list[Shard] | None:
        """The files as read, if they are still all the journal holds, unchanged; else None."""
        if self.doubt:
            return None
        files = journal.journal_files(self.root)
        try:
            listing = [str(p.relative_to(self.root)) for p in files]
        except ValueError:
            return None
        if sorted(listing) != sorted(self.seen):
            return None
        for path, rel in zip(files, listing, strict=True):
            st = os.stat(path)
            shard = self.seen[rel]
            if (st.st_size, st.st_mtime_ns, st.st_ino) != (shard.size, shard.mtime_ns, shard.inode):
                return None
        return [self.seen[rel] for rel in listing]


def remember(root: Path, request: bytes, reads: Reads, code: int, out: bytes, err: bytes) -> bool:
    """Keep the answer if the reads leave no doubt; False if it was not kept (never an error:
    a cache that cannot be written is no reason to fail a report)."""
    try:
        shards = reads.shards()
        if shards is None:
            return False
        payload = _encoder.encode(Answer(request, shards, code, out, err))
        _write_entry(root, _entry_name(request), _MAGIC + hashlib.sha256(payload).digest() + payload)
        return True
    except OSError:
        return False


def _open_dirs(root: Path, *, create: bool, folder: str = ANSWERS_DIR) -> int | None:
    """A descriptor of `.cache/answers` (or another folder of `.cache`), reached through no
    link; None if it is missing."""
    shared = shared_folder.group_shared(root) if create else False
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    for name in (CACHE_DIR, folder):
        try:
            if create:
                with contextlib.suppress(FileExistsError):
                    os.mkdir(name, 0o2775 if shared else 0o777, dir_fd=fd)
            inner = os.open(name, _DIR_FLAGS, dir_fd=fd)
        except FileNotFoundError:
            os.close(fd)
            return None
        except OSError:
            os.close(fd)
            raise
        os.close(fd)
        fd = inner
        if shared and not os.fstat(fd).st_mode & 0o020:
            with contextlib.suppress(OSError):  # a colleague's folder: theirs to open up
                os.fchmod(fd, stat.S_IMODE(os.fstat(fd).st_mode) | 0o070 | stat.S_ISGID)
    return fd


def _write_entry(root: Path, name: str, data: bytes, folder: str = ANSWERS_DIR) -> None:
    fd = _open_dirs(root, create=True, folder=folder)
    if fd is None:
        return
    try:
        tmp = f".{name}.{os.getpid()}.{time.monotonic_ns()}.tmp"
        entry = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644, dir_fd=fd)
        try:
            journal.write_all(entry, data)
        finally:
            os.close(entry)
        os.replace(tmp, name, src_dir_fd=fd, dst_dir_fd=fd)
        _prune(fd)
    finally:
        os.close(fd)


def _prune(fd: int) -> None:
    """Keep the newest MAX_ANSWERS entries (and no temporary file a crash left behind for long)."""
    entries = []
    now = time.time()
    for name in os.listdir(fd):
        with contextlib.suppress(OSError):
            st = os.stat(name, dir_fd=fd, follow_symlinks=False)
            if name.endswith(".tmp"):
                if now - st.st_mtime > 3600:
                    os.unlink(name, dir_fd=fd)
                continue
            entries.append((st.st_mtime_ns, name))
    for _mtime, name in sorted(entries)[:-MAX_ANSWERS]:
        with contextlib.suppress(OSError):
            os.unlink(name, dir_fd=fd)


# --- the same safety for other kept figures (the app's dashboard: `core.dashboard`) ------------


def read_kept(root: Path, request: bytes, folder: str) -> bytes | None:
    """The payload kept in `.cache/<folder>` for `request` if it is whole and ours; None at any
    doubt. Whether the journal is still what it was worked out from is the caller's to ask
    (`unchanged`), once it has decoded the shards kept in it."""
    try:
        return _read_entry(root, _entry_name(request), folder)
    except OSError:
        return None


def keep(root: Path, request: bytes, payload: bytes, folder: str) -> bool:
    """Write `payload` for `request` in `.cache/<folder>`, atomically, checksummed, ours alone;
    False if it could not be written (never an error)."""
    try:
        _write_entry(root, _entry_name(request), _MAGIC + hashlib.sha256(payload).digest() + payload, folder)
        return True
    except OSError:
        return False


def unchanged(root: Path, shards: list[Shard]) -> bool:
    """Whether the journal holds exactly these files with these bytes (every one hashed now)."""
    try:
        return _unchanged(root, shards)
    except (OSError, ValueError):
        return False


def program_files() -> list[str]:
    """Every file of the program as name:size:mtime: an edited or upgraded program is another
    program, whatever its version says."""
    package = Path(__file__).resolve().parent.parent
    found = []
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".html", ".json", ".tcss") and "__pycache__" not in path.parts:
            st = path.stat()
            found.append(f"{path.relative_to(package)}:{st.st_size}:{st.st_mtime_ns}")
    return found


@dataclass
class ReadsHashedAside(Reads):
    """`Reads` whose blob ids are worked out by `pool` beside the reader: hashing lets go of
    the interpreter's lock, so on a second core it costs a reader that decodes no time. Each
    file's bytes are held until hashed. `shards` waits for the hashes."""

    pool: Executor | None = None
    _pending: list[tuple[Shard, Future[str]]] = field(default_factory=list)

    def __call__(self, path: Path, before: os.stat_result, data: bytes, after: os.stat_result) -> None:
        shard = self.shard(path, before, data, after)
        if shard is None:
            return
        if self.pool is None:
            future: Future[str] = Future()
            future.set_result(blob_id(data))
        else:
            future = self.pool.submit(blob_id, data)
        self._pending.append((shard, future))

    def shards(self) -> list[Shard] | None:
        try:
            for shard, future in self._pending:
                whole = msgspec.structs.replace(shard, blob=future.result())
                if self.seen.setdefault(whole.path, whole) != whole:
                    self.doubt = True  # read twice, different bytes
        except Exception:
            return None
        self._pending.clear()
        try:
            return super().shards()
        except OSError:
            return None
