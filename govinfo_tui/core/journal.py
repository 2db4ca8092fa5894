"""The journal folder: locate it, read and decode it, report bad lines, append safely, tail it.

Layout: `registry.jsonl` holds registrations, rule sets and targets (small, read by every
writer); every other event goes to `YYYY/YYYY-MM.jsonl` by the month of its business time.
Nothing here ever rewrites or truncates a journal file (only the lock file, which names its holder).
"""

from __future__ import annotations

import datetime as dt
import gc
import operator
import os
import pwd
import re
import stat
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from itertools import compress, islice, pairwise, repeat
from operator import attrgetter
from pathlib import Path

import msgspec
from filelock import FileLock, Timeout

from .. import i18n
from . import shared_folder
from .errors import GovinfoError
from .events import FIRST_YEAR, LAST_YEAR, REGISTRY_TYPES, AnyEvent, Envelope, Event, event_type
from .git import plumbing

LOCK_NAME = ".lock"
REGISTRY_NAME = "registry.jsonl"
GITATTRIBUTES = "*.jsonl merge=union\n**/*.jsonl merge=union\n"
GITIGNORE = ".lock\n.cache/\n"
MAX_SHOWN = 160

decoder = msgspec.json.Decoder(AnyEvent)
_envelope_decoder = msgspec.json.Decoder(Envelope)
_json_lines = msgspec.json.Decoder()
_encoder = msgspec.json.Encoder()


class JournalError(GovinfoError):
    """A problem the user must fix before anything can be written; the message says how."""


@dataclass(frozen=True)
class Problem:
    """One bad line (or conflict) with where it is and what to do."""

    path: str
    line: int
    reason: str
    text: str = ""
    kind: str = "decode"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}: {self.reason}"
        return f"{where}\n    {self.text}" if self.text else where


@dataclass
class Loaded:
    """What reading the journal gave: events in application order, and the problems."""

    events: list[Event]
    problems: list[Problem] = field(default_factory=list)
    marks: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # path -> (inode, offset, lines)


# --- locating ------------------------------------------------------------------------


def demo_journal() -> Path:
    """The bundled demo journal: copied into the wheel as `demo_journal`, or the source
    checkout's `journal/` when installed in editable mode."""
    here = Path(__file__).resolve().parent
    packaged = here / "demo_journal"
    return packaged if packaged.is_dir() else here.parent / "journal"


def locate(explicit: str | None = None, *, env: dict[str, str] | None = None) -> Path:
    """--journal DIR, else $GOVINFO_JOURNAL, else ./journal, else the bundled demo."""
    variables = os.environ if env is None else env
    if explicit:
        return Path(explicit)
    if variables.get("GOVINFO_JOURNAL"):
        return Path(variables["GOVINFO_JOURNAL"])
    here = Path.cwd() / "journal"
    if here.is_dir():
        return here
    return demo_journal()


def is_demo(path: Path) -> bool:
    try:
        return path.resolve() == demo_journal().resolve()
    except OSError:
        return False


def journal_files(root: Path) -> list[Path]:
    """Every journal file, registry first, shards in name (= month) order."""
    files = []
    reg = root / REGISTRY_NAME
    if reg.is_file():
        files.append(reg)
    files.extend(sorted(p for p in root.glob("[0-9][0-9][0-9][0-9]/*.jsonl") if p.is_file()))
    return files


def shard_months(root: Path) -> list[dt.date]:
    """The first day of every month that has a file, read from the names alone (no decoding)."""
    months = []
    for path in journal_files(root):
        year, _, month = path.stem.partition("-")
        if path.parent.name == year and year.isdigit() and month.isdigit() and 1 <= int(month) <= 12:
            months.append(dt.date(max(int(year), 1), int(month), 1))
    return months


def shard_for(root: Path, ev: Event) -> Path:
    if event_type(ev) in REGISTRY_TYPES:
        return root / REGISTRY_NAME
    year, month = ev.at.year, ev.at.month
    return root / f"{year:04d}" / f"{year:04d}-{month:02d}.jsonl"


def init(root: Path) -> None:
    """Create an empty journal folder that git will merge line-wise."""
    root.mkdir(parents=True, exist_ok=True)
    if any(root.glob("*.jsonl")) or any(root.glob("[0-9]*/*.jsonl")):
        raise JournalError("journal.exists", root=root)
    os.close(shared_folder.open_append(root, root / REGISTRY_NAME))  # group-writable in a shared folder
    for name, text in ((".gitattributes", GITATTRIBUTES), (".gitignore", GITIGNORE)):
        path = root / name
        if not path.exists():
            path.write_text(text, encoding="utf-8")


# --- decoding ------------------------------------------------------------------------

BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_MARKERS = (b"<<<<<<<", b"|||||||", b">>>>>>>")
# Out of these years a line is reported instead of read: an office-time conversion or a
# day's arithmetic on a datetime near year 1 or 9999 overflows.
FIRST_MOMENT = dt.datetime(FIRST_YEAR, 1, 2, tzinfo=dt.UTC)
LAST_MOMENT = dt.datetime(LAST_YEAR, 12, 30, tzinfo=dt.UTC)
_UNREADABLE = (msgspec.DecodeError, UnicodeDecodeError, RecursionError)


def _shown(raw: bytes) -> str:
    text = raw[: MAX_SHOWN * 4].decode("utf-8", errors="replace")
    text = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text[: MAX_SHOWN * 2])
    return text if len(text) <= MAX_SHOWN and len(raw) <= MAX_SHOWN else text[:MAX_SHOWN] + "..."


def _is_conflict_marker(raw: bytes) -> bool:
    """`<<<<<<< HEAD`, `=======`, `>>>>>>> branch` (and diff3's `||||||| base`), as git writes them."""
    line = raw.rstrip(b"\r")
    if line == b"=======":
        return True
    return line[:7] in _MARKERS and (len(line) == 7 or line[7:8] == b" ")


def _cut_short(raw: bytes, error: Exception) -> bool:
    """A line that stops in the middle, as a write interrupted between two pages leaves it."""
    if isinstance(error, UnicodeDecodeError):  # cut inside a multi-byte character
        return error.reason == "unexpected end of data" and error.end >= len(raw.rstrip())
    return "truncated" in str(error) and not raw.rstrip().endswith(b"}")


def _problem(path: str, lineno: int, raw: bytes, reason: str, kind: str = "decode") -> Problem:
    return Problem(path, lineno, reason, _shown(raw), kind)


def _line_problem(path: str, lineno: int, raw: bytes) -> Problem:
    """Explain why one line does not decode, with advice that fits the cause."""
    if _is_conflict_marker(raw):
        return _problem(path, lineno, raw, i18n.t("journal.line.conflict_marker"), "conflict_marker")
    if not raw.strip(b"\x00 \t\r"):
        return _problem(path, lineno, raw, i18n.t("journal.line.nul"))
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if _cut_short(raw, exc):
            return _problem(path, lineno, raw, i18n.t("journal.line.cut"))
        return _problem(path, lineno, raw, i18n.t("journal.line.not_utf8", byte=exc.start))
    try:
        values = _json_lines.decode_lines(raw)  # is it JSON at all? (typed decoding may stop at the first token)
    except RecursionError:
        return _problem(path, lineno, raw, i18n.t("journal.line.too_deep"))
    except msgspec.DecodeError as exc:
        if _cut_short(raw, exc):
            return _problem(path, lineno, raw, i18n.t("journal.line.cut"))
        return _problem(path, lineno, raw, i18n.t("journal.line.not_json", error=exc))
    try:
        decoder.decode(raw) if len(values) == 1 else decoder.decode_lines(raw)
    except RecursionError:
        return _problem(path, lineno, raw, i18n.t("journal.line.too_deep"))
    except msgspec.ValidationError as exc:
        reason = str(exc)
        try:
            env = _envelope_decoder.decode(raw)
        except msgspec.DecodeError:
            env = None
        if env is not None and "Invalid value" in reason and "$.type" in reason:
            return _problem(path, lineno, raw, i18n.t("journal.line.unknown_type", type=env.type), "unknown_type")
        return _problem(path, lineno, raw, i18n.t("journal.line.invalid", error=reason))
    except msgspec.DecodeError as exc:
        return _problem(path, lineno, raw, i18n.t("journal.line.not_json", error=exc))
    return _problem(path, lineno, raw, i18n.t("journal.line.unreadable"))  # pragma: no cover


def _tail_problem(path: str, lineno: int, tail: bytes) -> Problem:
    """The last line has no newline: a whole event an editor left so, or an interrupted write."""
    try:
        decoder.decode(tail)
    except _UNREADABLE:
        return _problem(path, lineno, tail, i18n.t("journal.line.torn"), "torn")
    return _problem(path, lineno, tail, i18n.t("journal.line.no_newline"), "torn")


def decode_bytes(path: str, data: bytes, first_line: int = 1) -> tuple[list[Event], list[Problem], int]:
    """Decode whole lines of `data`; return events, problems, and bytes consumed.

    A trailing fragment without a newline is a torn write: it is reported (as a problem of
    kind "torn") but not consumed, so a tailer re-reads it once it is complete. At the start
    of a file a UTF-8 byte-order mark is skipped (Notepad writes one), and a UTF-16 file is
    reported once instead of line by line.
    """
    end = data.rfind(b"\n") + 1
    problems: list[Problem] = []
    if first_line == 1 and data.startswith(UTF16_BOMS):
        return [], [_problem(path, 1, data[:40], i18n.t("journal.file.utf16"))], end
    skip = len(BOM) if first_line == 1 and data.startswith(BOM) else 0
    body = data[skip:end]
    tail = data[max(end, skip) :]
    if tail.strip():
        lineno = first_line + body.count(b"\n")
        problems.append(_tail_problem(path, lineno, tail))
    try:
        events: list[Event] = decoder.decode_lines(body)
    except _UNREADABLE:
        events = []
        for offset, raw in enumerate(body.split(b"\n")):
            if not raw.strip():
                continue
            try:
                events.extend(decoder.decode_lines(raw))  # as the bulk decoding reads it: values apart by CR too
            except _UNREADABLE:
                problems.append(_line_problem(path, first_line + offset, raw))
    return events, problems, end


def _id_pattern(ev_id: str) -> re.Pattern[bytes]:
    """`"id":"X"` however it is spaced: other tools write `"id": "X"`."""
    return re.compile(rb'"id"\s*:\s*"' + re.escape(ev_id.encode()) + rb'"')


def locate_id(sources: dict[str, bytes], ev_id: str, *, copies: int = 1) -> list[tuple[str, int]]:
    """Every (file, line) holding event `ev_id`: a byte search, then decoding every line if
    that finds fewer than `copies` (an id written with escapes, say)."""
    pattern = _id_pattern(ev_id)
    found = [
        (path, data.count(b"\n", 0, m.start()) + 1) for path, data in sources.items() for m in pattern.finditer(data)
    ]
    if len(found) >= copies:
        return found
    found = []
    for path, data in sources.items():
        for lineno, raw in enumerate(data.split(b"\n"), start=1):
            try:
                if raw.strip() and _envelope_decoder.decode(raw.removeprefix(BOM)).id == ev_id:
                    found.append((path, lineno))
            except _UNREADABLE:
                continue
    return found


def merge(chunks: Iterable[tuple[str, list[Event]]], sources: dict[str, bytes]) -> tuple[list[Event], list[Problem]]:
    """Deduplicate by id and sort by (business time, id).

    The same line twice (a union merge) counts once; two different events with one id are a
    conflict: the first seen is kept and every copy is reported. The common case, no
    repeated id at all, is settled by one set of the ids.
    """
    chunks = list(chunks)
    ordered = [ev for _path, events in chunks for ev in events]
    problems: list[Problem] = []
    if len(set(map(_ID, ordered))) != len(ordered):
        by_id: dict[str, Event] = {}
        conflicted: set[str] = set()
        for ev in ordered:
            prior = by_id.setdefault(ev.id, ev)
            if prior is not ev and prior != ev:
                conflicted.add(ev.id)
        for ev_id in sorted(conflicted):
            for path, line in locate_id(sources, ev_id, copies=2):
                problems.append(Problem(path, line, i18n.t("journal.line.conflict", id=ev_id), kind="conflict"))
        ordered = list(by_id.values())
        _sort(ordered)
        return ordered, problems
    # Each shard holds one month: sorting shard by shard (a back-dated line costs a sort of its
    # own month only) and joining them in month order gives the whole order, provided no
    # boundary is crossed (only odd time zones could); the registry spans all years.
    registry = [ev for path, events in chunks if path.endswith(REGISTRY_NAME) for ev in events]
    shards = sorted((path, events) for path, events in chunks if not path.endswith(REGISTRY_NAME) and events)
    for _path, events in shards:
        _sort(events)
    rest = [ev for _path, events in shards for ev in events]
    if any(_ORDER(a[1][-1]) > _ORDER(b[1][0]) for a, b in pairwise(shards)):
        _sort(rest)
    _sort(registry)
    ordered = _interleave(rest, registry) if registry else rest
    return ordered, problems


def _interleave(big: list[Event], small: list[Event]) -> list[Event]:
    """Merge a short sorted list into a long sorted one, copying the long one in slices."""
    out: list[Event] = []
    start = 0
    for ev in small:
        pos = bisect_right(big, _ORDER(ev), lo=start, key=_ORDER)
        out.extend(big[start:pos])
        out.append(ev)
        start = pos
    out.extend(big[start:])
    return out


_ORDER = attrgetter("at", "id")
_AT = attrgetter("at")
_ID = attrgetter("id")


def _sort(events: list[Event]) -> None:
    """Sort in place by (business time, id).

    Shards are mostly in time order already, so check that first (all in C) and then only
    put runs of equal times in id order; otherwise sort the lot.
    """
    ats = list(map(_AT, events))
    if not all(map(operator.le, ats, islice(ats, 1, None))):
        events.sort(key=_ORDER)
        return
    ties = list(compress(range(1, len(ats)), map(operator.eq, ats, islice(ats, 1, None))))
    if not ties:
        return
    ids = list(map(_ID, events))
    # the ties whose two ids are out of order, found without a Python-level loop
    bad = list(
        compress(
            ties, map(operator.gt, map(ids.__getitem__, map(operator.sub, ties, repeat(1))), map(ids.__getitem__, ties))
        )
    )
    if not bad:
        return
    tied = set(ties)
    done_until = 0
    for t in bad:
        if t <= done_until:
            continue
        start, end = t - 1, t  # widen to the whole run of equal times, then order it by id
        while start in tied:
            start -= 1
        while end + 1 in tied:
            end += 1
        events[start : end + 1] = sorted(events[start : end + 1], key=_ID)
        done_until = end


def load_sources(sources: dict[str, bytes]) -> Loaded:
    """Decode named byte buffers (files on disk or blobs from git) into one ordered list."""
    was_enabled = gc.isenabled()
    gc.disable()  # millions of small objects: the collector only slows the bulk load
    gc.unfreeze()  # what an earlier load froze may be garbage now (a reload replaces it)
    try:
        chunks = []
        problems: list[Problem] = []
        marks: dict[str, tuple[int, int, int]] = {}
        for path, data in sources.items():
            events, probs, used = decode_bytes(path, data)
            chunks.append((path, events))
            problems.extend(probs)
            marks[path] = (0, used, -1)  # line count: worked out by `Tail` if ever needed
        events, conflicts = merge(chunks, sources)
        problems.extend(conflicts)
        if events and not (events[0].at >= FIRST_MOMENT and events[-1].at <= LAST_MOMENT):
            lo = bisect_left(events, FIRST_MOMENT, key=_AT)
            hi = bisect_right(events, LAST_MOMENT, key=_AT)
            problems.extend(_out_of_range(sources, events[:lo] + events[hi:]))
            events = events[lo:hi]
        gc.freeze()  # what was just loaded lives on: keep it out of later collections
        return Loaded(events, problems, marks)
    finally:
        if was_enabled:
            gc.enable()


def _out_of_range(sources: dict[str, bytes], events: list[Event]) -> list[Problem]:
    """Events dated outside the years a journal holds, reported where they are instead of read."""
    problems = []
    for ev in events:
        for path, line in locate_id(sources, ev.id):
            reason = i18n.t("journal.line.out_of_range", at=ev.at.isoformat(), first=FIRST_YEAR, last=LAST_YEAR)
            problems.append(Problem(path, line, reason, kind="range"))
    return problems


def read_sources(root: Path) -> dict[str, bytes]:
    if not root.is_dir():
        raise JournalError("journal.missing", root=root)
    return {str(p): p.read_bytes() for p in journal_files(root)}


def load(root: Path) -> Loaded:
    sources = read_sources(root)
    loaded = load_sources(sources)
    for path in sources:
        try:
            st = os.stat(path)
            _, used, lines = loaded.marks[path]
            loaded.marks[path] = (st.st_ino, used, lines)
        except OSError:
            pass
    return loaded


def load_matching(root: Path, needles: Iterable[str]) -> Loaded:
    """The registry plus only the shard lines mentioning one of `needles`.

    Writers use this to validate an append without decoding the whole journal: a byte
    search over the shards is far cheaper than decoding them.
    """
    keys = [n.encode() for n in needles]
    sources: dict[str, bytes] = {}
    for path in journal_files(root):
        data = path.read_bytes()
        if path.name == REGISTRY_NAME:
            sources[str(path)] = data
            continue
        if not any(k in data for k in keys):
            continue
        picked = [ln for ln in data.split(b"\n")[:-1] if any(k in ln for k in keys)]
        sources[str(path)] = b"\n".join(picked) + b"\n" if picked else b""
    loaded = load_sources(sources)
    # line numbers of a filtered buffer are meaningless; writers only need the events
    loaded.problems = []
    return loaded


# --- git -----------------------------------------------------------------------------


def read_sources_at_rev(root: Path, rev: str) -> dict[str, bytes]:
    """The journal's files as they were at git revision `rev` (via one `git cat-file --batch`),
    read safely from a repository that may be a colleague's (see `git.py`)."""
    prefix = plumbing(root, "rev-parse", "--show-prefix").decode().strip()
    plumbing(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    listing = plumbing(root, "ls-tree", "-r", "--full-name", "--name-only", rev, "--", ".").decode().splitlines()
    wanted = []
    for name in listing:
        rel = name[len(prefix) :] if prefix and name.startswith(prefix) else name
        parts = rel.split("/")
        if rel == REGISTRY_NAME or (
            len(parts) == 2 and parts[0].isdigit() and len(parts[0]) == 4 and parts[1].endswith(".jsonl")
        ):
            wanted.append((rel, name))
    wanted.sort(key=lambda pair: (pair[0] != REGISTRY_NAME, pair[0]))
    request = "".join(f"{rev}:{name}\n" for _rel, name in wanted).encode()
    out = plumbing(root, "cat-file", "--batch", data=request) if wanted else b""
    sources: dict[str, bytes] = {}
    pos = 0
    for rel, _name in wanted:
        header_end = out.index(b"\n", pos)
        header = out[pos:header_end].split()
        if len(header) < 3:  # "<name> missing": nothing to read
            pos = header_end + 1
            continue
        size = int(header[2])
        start = header_end + 1
        sources[f"{rev}:{rel}"] = out[start : start + size]
        pos = start + size + 1
    return sources


# --- appending -----------------------------------------------------------------------


def encode(ev: Event) -> bytes:
    return _encoder.encode(ev) + b"\n"


class Holder(msgspec.Struct, frozen=True):
    """Who holds the journal lock, written into the (git-ignored) lock file while it is held."""

    pid: int
    login: str
    since: str


@contextmanager
def locked(root: Path, timeout: float = 30.0) -> Iterator[None]:
    """Exclusive lock on a separate lock file, so git replacing a shard cannot defeat it."""
    if not root.is_dir():
        raise JournalError("journal.missing", root=root)
    path = root / LOCK_NAME
    lock = FileLock(str(path), timeout=timeout, mode=0o664)  # the group shares it
    try:
        lock.acquire()
    except Timeout:
        holder = lock_holder(root)
        if holder is None:
            raise JournalError("journal.locked", root=root, timeout=timeout) from None
        raise JournalError("journal.locked_by", root=root, timeout=timeout, **msgspec.structs.asdict(holder)) from None
    try:
        _write_holder(path, _encoder.encode(Holder(os.getpid(), _login(), _now_text())))
        yield
    finally:
        _write_holder(path, b"")  # a holder that died leaves its name behind until the next one
        lock.release()


def lock_holder(root: Path) -> Holder | None:
    """Who holds the lock now, as they wrote it; None if nobody says (or an older govinfo holds it)."""
    try:
        fd = os.open(root / LOCK_NAME, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        return msgspec.json.decode(os.read(fd, 4096), type=Holder)
    except (OSError, msgspec.DecodeError):
        return None
    finally:
        os.close(fd)


def _write_holder(path: Path, data: bytes) -> None:
    """Best effort: the lock works without it, so a lock file we cannot write is no reason to stop."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return
    try:
        if stat.S_ISREG(os.fstat(fd).st_mode):
            os.ftruncate(fd, 0)
            os.pwrite(fd, data, 0)
    except OSError:
        pass
    finally:
        os.close(fd)


def _login() -> str:
    """The account this process runs as (not $USER, which anyone can set)."""
    try:
        return pwd.getpwuid(os.geteuid()).pw_name
    except KeyError:
        return str(os.geteuid())


def _now_text() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def append_locked(root: Path, events: list[Event]) -> None:
    """Append events; the caller holds `locked(root)`. One write per file, then fsync."""
    by_file: dict[Path, bytearray] = {}
    for ev in events:
        buf = by_file.setdefault(shard_for(root, ev), bytearray())
        _encoder.encode_into(ev, buf, -1)
        buf.extend(b"\n")
    for path, buf in by_file.items():
        fd = shared_folder.open_append(root, path)
        try:
            size = os.fstat(fd).st_size
            if size and os.pread(fd, 1, size - 1) != b"\n":
                buf[:0] = b"\n"  # never glue our line onto a torn one
            data = bytes(buf)
            written = os.write(fd, data)
            if written != len(data):
                raise JournalError("journal.short_write", path=path, written=written, size=len(data))
            os.fsync(fd)
        finally:
            os.close(fd)


def append(root: Path, events: list[Event]) -> None:
    with locked(root):
        append_locked(root, events)


# --- tailing -------------------------------------------------------------------------


class Tail:
    """Reads only what was appended since the last look; says when a full reload is needed.

    A file whose inode changed or that shrank (git checkout, pull, reset) cannot be tailed:
    `poll` then returns None and the caller reloads everything.
    """

    def __init__(self, root: Path, marks: dict[str, tuple[int, int, int]]):
        self.root = root
        self.marks = dict(marks)

    def poll(self) -> tuple[list[Event], list[Problem]] | None:
        events: list[Event] = []
        problems: list[Problem] = []
        seen = set()
        for path in journal_files(self.root):
            key = str(path)
            seen.add(key)
            try:
                st = os.stat(path)
            except FileNotFoundError:
                return None
            inode, offset, lines = self.marks.get(key, (st.st_ino, 0, 0))
            if st.st_ino != inode or st.st_size < offset:
                return None
            if st.st_size == offset:
                continue
            with open(path, "rb") as fh:
                if lines < 0:
                    lines = fh.read(offset).count(b"\n")
                fh.seek(offset)
                data = fh.read()
            new, probs, used = decode_bytes(key, data, lines + 1)
            kept = [ev for ev in new if FIRST_MOMENT <= ev.at <= LAST_MOMENT]
            if len(kept) < len(new):
                far = [ev for ev in new if not FIRST_MOMENT <= ev.at <= LAST_MOMENT]
                probs.extend(replace(p, line=p.line + lines) for p in _out_of_range({key: data}, far))
            events.extend(kept)
            problems.extend(p for p in probs if p.kind != "torn")
            self.marks[key] = (st.st_ino, offset + used, lines + data.count(b"\n", 0, used))
        if set(self.marks) - seen:
            return None  # a file vanished
        return events, problems
