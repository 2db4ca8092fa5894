"""The journal folder: locate it, read and decode it, report bad lines, append safely, tail it.

Layout: `registry.jsonl` holds registrations, rule sets and targets (small, read by every
writer); every other event goes to `YYYY/YYYY-MM.jsonl` by the month of its business time.
Nothing here rewrites a journal file: a writer only takes back, under the lock, the bytes of its
own write that failed (`repair` is the one place that removes lines). The lock file, which names
its holder, is the one file rewritten here.
"""

from __future__ import annotations

import datetime as dt
import errno
import gc
import mmap
import operator
import os
import pwd
import re
import stat
import time
from bisect import bisect_left, bisect_right
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from itertools import chain, compress, islice, pairwise, repeat
from operator import attrgetter, itemgetter
from pathlib import Path

import msgspec

from .. import i18n
from . import batches, shared_folder, sharing, writer_index
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
    held: batches.Held = field(default_factory=dict)  # lines of incomplete batches, for a `Tail` to finish
    # `events` filed by type, in order, if the load did (for `fold`); not carried over by
    # `dataclasses.replace` (init=False), so a copy with other events never holds a stale filing
    by_type: dict[type, list[Event]] | None = field(default=None, init=False)


# --- locating ------------------------------------------------------------------------


def demo_journal() -> Path:
    """The bundled demo journal: copied into the wheel as `demo_journal`, or the source
    checkout's `journal/` when installed in editable mode."""
    here = Path(__file__).resolve().parent.parent  # the package, above core/
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


def init(root: Path, *, seed: Path | None = None) -> None:
    """Create a journal folder that git will merge line-wise: empty, or holding a copy of the
    journal `seed` (the demo, to practise on; the original stays read-only)."""
    root.mkdir(parents=True, exist_ok=True)
    if any(root.glob("*.jsonl")) or any(root.glob("[0-9]*/*.jsonl")):
        raise JournalError("journal.exists", root=root)
    os.close(shared_folder.open_append(root, root / REGISTRY_NAME))  # group-writable in a shared folder
    if seed is not None:
        for source in journal_files(seed):
            with os.fdopen(shared_folder.open_append(root, root / source.relative_to(seed)), "ab") as out:
                out.write(source.read_bytes())
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
        return _problem(path, lineno, raw, i18n.t("journal.line.not_json", error=exc, byte=stopped_at(exc, raw)))
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
        return _problem(path, lineno, raw, i18n.t("journal.line.invalid", error=reason, field=field_named(reason)))
    except msgspec.DecodeError as exc:
        return _problem(path, lineno, raw, i18n.t("journal.line.not_json", error=exc, byte=stopped_at(exc, raw)))
    return _problem(path, lineno, raw, i18n.t("journal.line.unreadable"))  # pragma: no cover


def _tail_problem(path: str, lineno: int, tail: bytes) -> Problem:
    """The last line has no newline: a whole event an editor left so, or an interrupted write."""
    try:
        decoder.decode(tail)
    except _UNREADABLE:
        return _problem(path, lineno, tail, i18n.t("journal.line.torn"), "torn")
    return _problem(path, lineno, tail, i18n.t("journal.line.no_newline"), "torn")


def is_cut_off(raw: bytes) -> bool:
    """A line that stops in the middle (`_cut_short`): a torn line that a later append or a merge
    closed with a newline, never acknowledged, so `repair` removes it."""
    try:
        raw.decode("utf-8")
        _json_lines.decode_lines(raw)
    except RecursionError:
        return False
    except (UnicodeDecodeError, msgspec.DecodeError) as exc:
        return _cut_short(raw, exc)
    return False


_BYTE = re.compile(r"\(byte (\d+)\)")
_FIELD = re.compile(r"field `([^`]+)`|at `\$\.?([^`]*)`")


# msgspec words its errors in English; where it stopped and which field it means, any language can say
def stopped_at(exc: msgspec.DecodeError, raw: bytes) -> int:
    """The byte where the JSON parser gave up (the end, for a line cut short)."""
    found = _BYTE.search(str(exc))
    return int(found[1]) if found else len(raw)


def field_named(reason: str | Exception) -> str:
    """The field a validation error is about; the whole error if it names none."""
    found = _FIELD.search(str(reason))
    return (found[1] or found[2]) if found else str(reason)


# Bytes decoded at a time: what a piece decodes to still sits in the processor's cache when
# `decode_bytes` hands it on, so that the passes over it (`_load`) cost a fraction.
PIECE = 1 << 17


def decode_bytes(
    path: str, data: bytes, first_line: int = 1, each: Callable[[list[Event]], None] | None = None
) -> tuple[list[Event], list[Problem], int]:
    """Decode whole lines of `data`; return events, problems, and bytes consumed.

    A trailing fragment without a newline is a torn write: it is reported (as a problem of
    kind "torn") but not consumed, so a tailer re-reads it once it is complete. At the start
    of a file a UTF-8 byte-order mark is skipped (Notepad writes one), and a UTF-16 file is
    reported once instead of line by line. `each` is given the events piece by piece (about
    `PIECE` bytes of lines), just decoded.
    """
    end = data.rfind(b"\n") + 1
    problems: list[Problem] = []
    if first_line == 1 and data.startswith(UTF16_BOMS):
        return [], [_problem(path, 1, data[:40], i18n.t("journal.file.utf16"))], end
    skip = len(BOM) if first_line == 1 and data.startswith(BOM) else 0
    tail = data[max(end, skip) :]
    if tail.strip():
        lineno = first_line + data.count(b"\n", skip, end)
        problems.append(_tail_problem(path, lineno, tail))
    events: list[Event] = []
    with memoryview(data) as view:  # pieces of the file, not copies
        start = skip
        while start < end:
            stop = data.find(b"\n", min(start + PIECE, end) - 1) + 1
            try:
                found: list[Event] = decoder.decode_lines(view[start:stop])
            except _UNREADABLE:  # a bad line, or a value across a piece's end: the rest as before
                found = _decode_rest(path, data[start:end], first_line + data.count(b"\n", skip, start), problems)
                stop = end
            if each is not None:
                each(found)
            events.extend(found)
            start = stop
    return events, problems, end


def _decode_rest(path: str, body: bytes, first_line: int, problems: list[Problem]) -> list[Event]:
    """Whole lines that did not decode piece by piece: at once if they can (a value spread
    over several lines is read so), else line by line, each bad line reported where it is."""
    try:
        return decoder.decode_lines(body)  # type: ignore[no-any-return]
    except _UNREADABLE:
        pass
    events: list[Event] = []
    for offset, raw in enumerate(body.split(b"\n")):
        if not raw.strip():
            continue
        try:
            events.extend(decoder.decode_lines(raw))  # as the bulk decoding reads it: values apart by CR too
        except _UNREADABLE:
            problems.append(_line_problem(path, first_line + offset, raw))
    return events


def _id_pattern(ev_id: str) -> re.Pattern[bytes]:
    """`"id":"X"` however it is spaced: other tools write `"id": "X"`."""
    return re.compile(rb'"id"\s*:\s*"' + re.escape(ev_id.encode()) + rb'"')


def locate_id(sources: Mapping[str, bytes], ev_id: str, *, copies: int = 1) -> list[tuple[str, int]]:
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


_ANY_ID = re.compile(rb'"id"\s*:\s*"([^"\\]*)"')


class Locator:
    """Where events are, by id, for a face that names many of them (`check` with a finding on
    every line): the first few are searched for one by one, then every file is read once
    into an index, so that naming N events costs one pass and not N passes over the journal."""

    SEARCHED = 16  # looked for one by one before the index pays

    def __init__(self, sources: Mapping[str, bytes] | Callable[[], Mapping[str, bytes]]) -> None:
        """`sources`, or what reads them when the first event is asked for (a clean journal
        is then not read twice)."""
        self._sources = sources
        self.asked = 0
        self.index: dict[str, list[tuple[str, int]]] | None = None

    @property
    def sources(self) -> Mapping[str, bytes]:
        if callable(self._sources):
            self._sources = self._sources()
        return self._sources

    def __call__(self, ev_id: str, *, copies: int = 1) -> list[tuple[str, int]]:
        if self.index is None:
            self.asked += 1
            if self.asked <= self.SEARCHED:
                return locate_id(self.sources, ev_id, copies=copies)
            self.index = _index_ids(self.sources)
        found = self.index.get(ev_id, [])
        return found if len(found) >= copies else locate_id(self.sources, ev_id, copies=copies)


def _index_ids(sources: Mapping[str, bytes]) -> dict[str, list[tuple[str, int]]]:
    """Every `"id":"X"` of the files (however spaced), with its file and line."""
    index: dict[str, list[tuple[str, int]]] = {}
    for path, data in sources.items():
        line, counted = 1, 0
        for m in _ANY_ID.finditer(data):
            line += data.count(b"\n", counted, m.start())
            counted = m.start()
            index.setdefault(m.group(1).decode("utf-8", "replace"), []).append((path, line))
    return index


@dataclass(slots=True)
class _Chunk:
    """One file's events, put in order right after decoding (while they are still in the
    processor's cache): `events` as the file holds them, `ordered` by (business time, id) (the
    same list when the file already was, as govinfo writes it), `ids`, the ordered events'
    ids, if they strictly increase (then no id repeats inside the file), and `by_type`, the
    ordered events filed by type."""

    path: str
    events: list[Event]
    ordered: list[Event]
    ids: list[str] | None
    by_type: dict[type, list[Event]]


class _Pieces:
    """What `_load` works out of one file's events piece by piece (`decode_bytes`'s `each`),
    while they are still in the processor's cache: their ids and types in line order, whether
    they are in order (times never decrease, ids always increase: a file govinfo wrote at the
    time, whose ULIDs follow the clock), whether one carries a batch tag; and their repeated
    values shared (`sharing`)."""

    def __init__(self, sharer: sharing.Sharer) -> None:
        self.sharer = sharer
        self.ids: list[str] = []
        self.by_type: defaultdict[type, list[Event]] = defaultdict(list)
        self.in_order = True
        self.tagged: list[Event] = []  # the events that carry a batch tag
        self.last: Event | None = None

    def __call__(self, found: list[Event]) -> None:
        if not found:
            return
        groups = _filed(found)
        self.sharer.share(groups)
        for cls, group in groups.items():
            self.by_type[cls].extend(group)
        ids = list(map(_ID, found))
        if self.in_order:
            ats = list(map(_AT, found))
            last = self.last
            self.in_order = (
                (last is None or (last.at <= ats[0] and last.id < ids[0]))
                and all(map(operator.le, ats, islice(ats, 1, None)))
                and _increasing(ids)
            )
        self.ids.extend(ids)
        self.last = found[-1]
        self.tagged.extend(filter(_BATCH, found))


def _filed(events: list[Event]) -> dict[type, list[Event]]:
    """The events by type, each list in their order (in C: no Python loop over them)."""
    by_type: defaultdict[type, list[Event]] = defaultdict(list)
    deque(map(list.append, map(by_type.__getitem__, map(type, events)), events), maxlen=0)
    return by_type


def _chunk(path: str, events: list[Event], pieces: _Pieces) -> _Chunk:
    """The file's events, sorted only if they were not in order already."""
    if pieces.in_order:
        return _Chunk(path, events, events, pieces.ids, dict(pieces.by_type))
    ordered = list(events)  # a copy: a repeated id keeps its first copy in line order (`merge`)
    _sort(ordered)
    ids = list(map(_ID, ordered))
    return _Chunk(path, events, ordered, ids if _increasing(ids) else None, dict(_filed(ordered)))


def _increasing(ids: list[str]) -> bool:
    return all(map(operator.lt, ids, islice(ids, 1, None)))


def merge(
    chunks: Iterable[_Chunk], sources: Mapping[str, bytes]
) -> tuple[list[Event], list[Problem], dict[type, list[Event]] | None]:
    """Deduplicate by id and sort by (business time, id); and the same events filed by type,
    if the files' own filing gives it (else None).

    The same line twice (a union merge) counts once; two different events with one id are a
    conflict: the first seen is kept and every copy is reported. That no id repeats is proven
    without hashing where the order shows it (`_distinct`), else by one set of the ids.
    """
    chunks = list(chunks)
    problems: list[Problem] = []
    total = sum(len(c.events) for c in chunks)
    # Each shard holds one month: sorting shard by shard (a back-dated line costs a sort of its
    # own month only) and joining them in month order gives the whole order, provided no
    # boundary is crossed (only odd time zones could); the registry spans all years.
    registry = list(chain.from_iterable(c.ordered for c in chunks if c.path.endswith(REGISTRY_NAME)))
    _sort(registry)
    shards = sorted((c for c in chunks if not c.path.endswith(REGISTRY_NAME) and c.events), key=_CHUNK_PATH)
    crossed = any(_ORDER(a.ordered[-1]) > _ORDER(b.ordered[0]) for a, b in pairwise(shards))
    distinct = not crossed and _distinct(shards, registry)
    if not distinct and len(set(map(_ID, chain.from_iterable(c.events for c in chunks)))) != total:
        ordered = list(chain.from_iterable(c.events for c in chunks))
        by_id: dict[str, Event] = {}
        conflicted: set[str] = set()
        for ev in ordered:
            prior = by_id.setdefault(ev.id, ev)
            if prior is not ev and prior != ev:
                conflicted.add(ev.id)
        where = Locator(sources)
        for ev_id in sorted(conflicted):
            for path, line in where(ev_id, copies=2):
                problems.append(Problem(path, line, i18n.t("journal.line.conflict", id=ev_id), kind="conflict"))
        ordered = list(by_id.values())
        _sort(ordered)
        return ordered, problems, None
    by_type = None if crossed else _by_type(shards, [c for c in chunks if c.path.endswith(REGISTRY_NAME)])
    if crossed:
        rest = list(chain.from_iterable(c.ordered for c in shards))
        _sort(rest)
        return (_interleave(rest, registry) if registry else rest), problems, by_type
    if len(shards) == 1 and not registry:
        return shards[0].ordered, problems, by_type
    return _join([c.ordered for c in shards], registry), problems, by_type


def _join(months: list[list[Event]], registry: list[Event]) -> list[Event]:
    """The months' lists one after the other (each in order, none crossing the next), with the
    registry's few events put in their places: one list made, not a join and then a copy."""
    out: list[Event] = []
    r, n = 0, len(registry)
    for month in months:
        if r < n and _ORDER(registry[r]) < _ORDER(month[-1]):
            start = 0
            while r < n and _ORDER(registry[r]) < _ORDER(month[-1]):
                pos = bisect_right(month, _ORDER(registry[r]), lo=start, key=_ORDER)
                out.extend(month[start:pos])
                out.append(registry[r])
                start, r = pos, r + 1
            out.extend(month[start:])
        else:
            out.extend(month)
    out.extend(registry[r:])
    return out


def _by_type(shards: list[_Chunk], registries: list[_Chunk]) -> dict[type, list[Event]] | None:
    """The shards' events filed by type, joined in month order, and the registry's: in the
    whole order, provided no type is found both in the registry and in a shard (only a line
    moved by hand could be) and there is one registry. Else None."""
    joined: defaultdict[type, list[Event]] = defaultdict(list)
    for c in shards:
        for cls, found in c.by_type.items():
            joined[cls].extend(found)
    if registries:
        if len(registries) > 1:
            return None
        if not joined.keys().isdisjoint(registries[0].by_type):
            return None
        joined.update(registries[0].by_type)
    return dict(joined)


def _distinct(shards: list[_Chunk], registry: list[Event]) -> bool:
    """Whether no id repeats, proven without hashing a million ids. Each file's ids in order of
    id (as read, where they increase; else sorted: a month with a back-dated line, whose id was
    given when it was written) repeat none inside it; across files, an id two files share lies
    where their ranges overlap, and only those parts are compared (`_apart`). A back-dated line
    stretches its month's range over the months written meanwhile: the overlap is its few ids
    against the part of those months written before it. False means "not proven" (ids repeat,
    or the overlaps hold too many to compare): the caller counts the ids in a set."""
    lists: list[list[str]] = []
    for c in shards:
        ids = c.ids
        if ids is None:
            ids = sorted(map(_ID, c.ordered))
            if not _increasing(ids):
                return False
        lists.append(ids)
    reg_ids = sorted(map(_ID, registry))
    if not _increasing(reg_ids):
        return False
    if reg_ids:
        lists.append(reg_ids)
    lists.sort(key=itemgetter(0))
    budget = 64 + sum(map(len, lists)) // 8  # ids looked up in overlaps before a set is cheaper
    open_: list[list[str]] = []  # the lists before this one that reach past its first id
    for ids in lists:
        first = ids[0]
        open_ = [earlier for earlier in open_ if earlier[-1] >= first]
        for earlier in open_:
            # a shared id is >= this list's first and <= the earlier list's last
            mine = bisect_right(ids, earlier[-1])
            theirs = bisect_left(earlier, first)
            budget -= min(mine, len(earlier) - theirs)
            if budget < 0 or not _apart(ids, 0, mine, earlier, theirs, len(earlier)):
                return False
        open_.append(ids)
    return True


def _apart(a: list[str], a_lo: int, a_hi: int, b: list[str], b_lo: int, b_hi: int) -> bool:
    """Whether the sorted `a[a_lo:a_hi]` and `b[b_lo:b_hi]` share no id: the shorter part's ids
    looked up in the longer by bisection, nothing copied."""
    if a_hi - a_lo > b_hi - b_lo:
        a, a_lo, a_hi, b, b_lo, b_hi = b, b_lo, b_hi, a, a_lo, a_hi
    for k in range(a_lo, a_hi):
        x = a[k]
        at = bisect_left(b, x, b_lo, b_hi)
        if at < b_hi and b[at] == x:
            return False
        b_lo = at  # `a` is sorted: the next id lies further on
    return True


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
_CHUNK_PATH = attrgetter("path")
_BATCH = attrgetter("batch")


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
    """Decode named byte buffers (files on disk or blobs from git) into one ordered list,
    leaving out (and reporting) the lines of every batch that is not whole."""
    return _load(sources.items(), sources, batches.settle)


def _load(
    files: Iterable[tuple[str, bytes]],
    sources: Mapping[str, bytes],
    settle: Callable[..., tuple[list[Event], batches.Held]],
) -> Loaded:
    """Decode `files` (name, bytes) in turn; `sources` gives a file's bytes again to place a
    problem that only the whole journal shows."""
    was_enabled = gc.isenabled()
    gc.disable()  # millions of small objects: the collector only slows the bulk load
    gc.unfreeze()  # what an earlier load froze may be garbage now (a reload replaces it)
    try:
        chunks = []
        problems: list[Problem] = []
        marks: dict[str, tuple[int, int, int]] = {}
        tagged: list[Event] = []
        read = 0
        sharer = sharing.Sharer()
        for path, data in files:
            pieces = _Pieces(sharer)
            events, probs, used = decode_bytes(path, data, each=pieces)
            del data  # the next file's bytes need not sit beside these
            tagged.extend(pieces.tagged)
            read += len(events)
            chunks.append(_chunk(path, events, pieces))
            problems.extend(probs)
            marks[path] = (0, used, -1)  # line count: worked out by `Tail` if ever needed
        events, conflicts, by_type = merge(chunks, sources)
        del chunks  # their lists of events, joined now
        problems.extend(conflicts)
        if tagged:  # else there is nothing to count
            # the tagged events as read are the events' own if no line was a repeat (each once)
            events, held = settle(events, tagged=tagged if len(events) == read else None)
            if held:
                by_type = None  # an incomplete batch's events are left out: the filing has them
        else:
            held = {}
        problems.extend(_interrupted(held, sources))
        if events and not (events[0].at >= FIRST_MOMENT and events[-1].at <= LAST_MOMENT):
            lo = bisect_left(events, FIRST_MOMENT, key=_AT)
            hi = bisect_right(events, LAST_MOMENT, key=_AT)
            problems.extend(_out_of_range(sources, events[:lo] + events[hi:]))
            events, by_type = events[lo:hi], None
        gc.freeze()  # what was just loaded lives on: keep it out of later collections
        loaded = Loaded(events, problems, marks, held)
        loaded.by_type = by_type
        return loaded
    finally:
        if was_enabled:
            gc.enable()


def _interrupted(held: batches.Held, sources: Mapping[str, bytes]) -> list[Problem]:
    """One problem per file holding lines of an incomplete batch, at its first such line."""
    problems = []
    for tag, found in sorted(held.items()):
        for path, data in sources.items():
            lines = lines_holding(data, tag.encode())
            if lines:
                reason = i18n.t(
                    "journal.batch.interrupted",
                    count=len(lines),
                    batch=batches.batch_id(tag),
                    file=path.rsplit("/", 1)[-1],
                    found=len(found),
                    size=batches.size(tag),
                )
                problems.append(Problem(path, lines[0], reason, kind="interrupted"))
    return problems


def lines_holding(data: bytes, needle: bytes) -> list[int]:
    """The numbers of the whole lines of `data` that contain `needle`."""
    end = data.rfind(b"\n")
    lines: list[int] = []
    lineno, counted = 1, 0
    pos = data.find(needle)
    while 0 <= pos < end:
        lineno += data.count(b"\n", counted, pos)
        lines.append(lineno)
        counted = data.find(b"\n", pos)
        pos = data.find(needle, counted)
    return lines


def _out_of_range(sources: Mapping[str, bytes], events: list[Event]) -> list[Problem]:
    """Events dated outside the years a journal holds, reported where they are instead of read."""
    problems = []
    where = Locator(sources)
    for ev in events:
        for path, line in where(ev.id):
            reason = i18n.t("journal.line.out_of_range", at=ev.at.isoformat(), first=FIRST_YEAR, last=LAST_YEAR)
            problems.append(Problem(path, line, reason, kind="range"))
    return problems


# Who wants to know which bytes a load read (the answers cache: `core.cache`), if anyone.
Witness = Callable[[Path, os.stat_result, bytes, os.stat_result], None]
_witness: ContextVar[Witness | None] = ContextVar("journal_witness", default=None)


@contextmanager
def witnessed(witness: Witness) -> Iterator[None]:
    """Tell `witness` (path, stat before, bytes, stat after) of every journal file read here
    meanwhile, so that an answer can be keyed by exactly the bytes it was worked out from."""
    token = _witness.set(witness)
    try:
        yield
    finally:
        _witness.reset(token)


def read_file(path: Path) -> bytes:
    """One journal file's bytes, told to the witness if one listens."""
    with open(path, "rb") as fh:
        witness = _witness.get()
        if witness is None:
            return fh.read()
        before = os.fstat(fh.fileno())
        data = fh.read()
        witness(path, before, data, os.fstat(fh.fileno()))
        return data


def read_sources(root: Path) -> dict[str, bytes]:
    if not root.is_dir():
        raise JournalError("journal.missing", root=root)
    return {str(p): read_file(p) for p in journal_files(root)}


class _OnDisk(Mapping[str, bytes]):
    """The files a load decoded, read again only if a problem must be placed (a conflict, a
    date out of range, an interrupted batch): holding every file's bytes while decoding the
    next would double the memory a large journal takes. A file is cut to the length decoded,
    so a line appended since does not count (appends never move earlier lines)."""

    def __init__(self, lengths: dict[str, int]) -> None:
        self.lengths = lengths
        self.read: dict[str, bytes] = {}

    def __getitem__(self, path: str) -> bytes:
        if path not in self.read:
            try:
                self.read[path] = read_file(Path(path))[: self.lengths[path]]
            except OSError:
                self.read[path] = b""
        return self.read[path]

    def __iter__(self) -> Iterator[str]:
        return iter(self.lengths)

    def __len__(self) -> int:
        return len(self.lengths)


def load(root: Path, *, settled: bool = False) -> Loaded:
    """The journal as it is now. `settled`: if a batch or a line looks unfinished, read again
    under the lock, so that a write still going on is not taken for an interrupted one."""
    loaded = _load_files(root)
    if settled and any(p.kind in ("interrupted", "torn") for p in loaded.problems):
        try:
            with locked(root):
                loaded = _load_files(root)
        except (JournalError, OSError):  # held too long, or not ours to take: report what we saw
            pass
    return loaded


def _load_files(root: Path) -> Loaded:
    """Read and decode the files one at a time: only one file's bytes are held at once."""
    if not root.is_dir():
        raise JournalError("journal.missing", root=root)
    lengths: dict[str, int] = {}

    def decoded() -> Iterator[tuple[str, bytes]]:
        for file in journal_files(root):
            path = str(file)
            data = read_file(file)
            lengths[path] = len(data)
            yield path, data

    loaded = _load(decoded(), _OnDisk(lengths), batches.settle)
    for path in lengths:
        try:
            st = os.stat(path)
            _, used, lines = loaded.marks[path]
            loaded.marks[path] = (st.st_ino, used, lines)
        except OSError:
            pass
    return loaded


def _mentions(path: Path, keys: list[bytes]) -> tuple[bool, writer_index.Mark | None]:
    """Whether the file holds one of `keys`, searched where it lies (mapped, not copied), and the
    file as searched (None if it changed meanwhile)."""
    with open(path, "rb") as fh:
        st = os.fstat(fh.fileno())
        try:
            view = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except ValueError:  # an empty file cannot be mapped
            return False, writer_index.mark_of(st) if st.st_size == 0 else None
    with view:
        found = any(view.find(k) >= 0 for k in keys)
        return found, writer_index.mark_of(st) if len(view) == st.st_size else None


@dataclass
class Scan:
    """Where `needles` were found before the lock was taken: file -> (found, inode, size), and
    each file as it was then (`marks`: inode, size, mtime, ctime; None if it changed meanwhile)."""

    needles: tuple[str, ...]
    files: dict[str, tuple[bool, int, int]]
    marks: dict[str, writer_index.Mark | None] = field(default_factory=dict)
    at_ns: int = 0


def scan_matching(root: Path, needles: Iterable[str]) -> Scan:
    """Search the shards for `needles` without the lock, so that a writer holds the lock only to
    look again at what changed meanwhile (`load_matching(..., scan)`): four writers at once
    then wait for each other's appends, not for each other's searches. The writers' index
    (`writer_index`) says which shards may hold them; a shard it cannot answer for is searched."""
    needles = tuple(needles)
    scan = Scan(needles, {}, {}, time.time_ns())
    if not needles:
        return scan  # the registry alone
    keys = [n.encode() for n in needles]
    shards = [path for path in journal_files(root) if path.name != REGISTRY_NAME]
    wanted = writer_index.hashes_of(needles)
    answers = writer_index.ask(root, shards, wanted) if wanted is not None else {}
    for path in shards:
        name = str(path)
        answer = answers.get(name)
        if answer is None:
            try:
                found, mark = _mentions(path, keys)
            except OSError:
                continue
        else:
            found, mark = answer.found, answer.mark
        scan.files[name] = (found, *(mark[:2] if mark is not None else (-1, -1)))
        scan.marks[name] = mark
    return scan


def _still_mentions(path: Path, keys: list[bytes], scan: Scan | None) -> bool:
    """`_mentions` now, unless `scan` found the shard as it still is (same inode, size, mtime
    and ctime, and not changed in the moments before the scan, when a change might not show)."""
    before = scan.files.get(str(path)) if scan is not None else None
    if scan is not None and before is not None:
        if before[0]:
            return True  # its lines are read and picked anyway
        mark = scan.marks.get(str(path))
        settled = mark is not None and mark[3] < scan.at_ns - writer_index.RACY_NS
        if settled and writer_index.mark_of(os.stat(path)) == mark:
            return False
    return _mentions(path, keys)[0]


def load_matching(root: Path, needles: Iterable[str], scan: Scan | None = None) -> Loaded:
    """The registry plus only the shard lines mentioning one of `needles`.

    Writers use this to validate an append without decoding the whole journal: a byte
    search over the shards is far cheaper than decoding them. `scan` (of the same needles,
    made before the lock was taken) spares searching again what has not changed since.
    """
    needles = tuple(needles)
    keys = [n.encode() for n in needles]
    if scan is not None and scan.needles != needles:
        scan = None
    sources: dict[str, bytes] = {}
    for path in journal_files(root):
        if path.name == REGISTRY_NAME:
            sources[str(path)] = path.read_bytes()
            continue
        if not keys or not _still_mentions(path, keys, scan):
            continue
        data = path.read_bytes()
        picked = [ln for ln in data.split(b"\n")[:-1] if any(k in ln for k in keys)]
        sources[str(path)] = b"\n".join(picked) + b"\n" if picked else b""

    def settle(events: list[Event], tagged: list[Event] | None = None) -> tuple[list[Event], batches.Held]:
        """The picked lines may hold part of a batch whose other lines were not picked: a batch
        not whole among them is judged again on the whole files, read a second time (only a
        write whose lines cut across a batch, such as an override after an import, pays this)."""
        kept, held = batches.settle(events, tagged=tagged)
        if not held:
            return kept, held
        whole: batches.Held = {tag: {} for tag in held}
        for path in journal_files(root):
            for tag, found in batches.members_in(path.read_bytes(), set(held), decoder.decode).items():
                whole[tag].update(found)
        incomplete = {tag: found for tag, found in held.items() if len(whole[tag]) != batches.size(tag)}
        for tag in held.keys() - incomplete.keys():
            for ev in held[tag].values():
                msgspec.structs.force_setattr(ev, "batch", None)
        return [ev for ev in events if ev.batch is None], incomplete

    loaded = _load(sources.items(), sources, settle)
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
    from filelock import FileLock, Timeout  # here: a reader never takes the lock, and the import costs

    path = root / LOCK_NAME
    lock = FileLock(str(path), timeout=timeout, mode=0o664)  # the group shares it
    try:
        lock.acquire(poll_interval=0.005)  # a waiting writer starts within 5 ms of its turn, not 50
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


@dataclass
class _Opened:
    """A journal file this write appends to, and how to take the write back."""

    path: Path
    fd: int
    size: int  # before this write
    created: bool = False
    made_folder: bool = False  # its year folder too


def append_locked(root: Path, events: list[Event]) -> None:
    """Append events; the caller holds `locked(root)`.

    Several events go down as one batch (`batches`), which readers count only whole, so a
    crash at any byte leaves all of the write counting or none of it. A write that fails (a
    full disk) is taken back, each file cut to its size before, so an error means nothing was
    written. Each file gets its bytes in one `write` (continued after a short one) and an
    `fsync`, and so does a folder that gained an entry, so that a new month survives a power cut.
    """
    by_file: dict[Path, bytearray] = {}
    for ev in batches.tagged(events):
        buf = by_file.setdefault(shard_for(root, ev), bytearray())
        _encoder.encode_into(ev, buf, -1)
        buf.extend(b"\n")
    opened: list[_Opened] = []
    new_dirs: set[Path] = set()  # folders that gained an entry
    where = root
    try:
        for where, buf in by_file.items():
            file = _open_for_append(root, where, new_dirs)
            opened.append(file)
            if file.size and os.pread(file.fd, 1, file.size - 1) != b"\n":
                buf[:0] = b"\n"  # never glue our line onto a torn one
            write_all(file.fd, buf)
        for file in opened:
            where = file.path
            os.fsync(file.fd)
        for where in new_dirs:
            fsync_dir(where)
    except BaseException as exc:
        taken_back = _take_back(opened)
        if isinstance(exc, OSError):
            raise _write_error(where, exc, taken_back) from exc
        raise
    finally:
        for file in opened:
            os.close(file.fd)


def _open_for_append(root: Path, path: Path, new_dirs: set[Path]) -> _Opened:
    """Open a journal file to append to (`shared_folder`: no links, group-writable), noting
    whether this write creates it and its year folder, so that a take-back removes them."""
    created = not os.path.lexists(path)
    made_folder = created and not os.path.lexists(path.parent)
    fd = shared_folder.open_append(root, path)
    if created:
        new_dirs.add(path.parent)
    if made_folder:
        new_dirs.add(path.parent.parent)
    return _Opened(path, fd, os.fstat(fd).st_size, created=created, made_folder=made_folder)


def write_all(fd: int, buf: bytes | bytearray) -> None:
    """Write all of `buf`, going on after a short write (a signal, a disk filling up)."""
    with memoryview(buf) as view:
        done = 0
        while done < len(view):
            written = os.write(fd, view[done:])
            if not written:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            done += written


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _take_back(opened: list[_Opened]) -> bool:
    """Undo a failed write: cut each file back to its size before it, remove what it created.
    Under the lock these bytes are this write's own. False if some of it stays."""
    whole = True
    for file in reversed(opened):  # a year folder goes once the last file made in it is gone
        try:
            os.ftruncate(file.fd, file.size)
            os.fsync(file.fd)
        except OSError:
            whole = False
            continue
        try:  # an empty file or folder this write made goes too, if the name is still ours
            if file.created and os.path.samestat(os.lstat(file.path), os.fstat(file.fd)):
                os.unlink(file.path)
                if file.made_folder:
                    file.path.parent.rmdir()
        except OSError:
            pass  # an empty month or year is harmless
    return whole


def _write_error(path: Path, exc: OSError, taken_back: bool) -> JournalError:
    reason = i18n.os_reason(exc)
    if not taken_back:
        return JournalError("journal.write_left_remains", path=path, reason=reason)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return JournalError("journal.disk_full", path=path)
    return JournalError("journal.write_failed", path=path, reason=reason)


def append(root: Path, events: list[Event]) -> None:
    with locked(root):
        append_locked(root, events)


# --- tailing -------------------------------------------------------------------------


class Tail:
    """Reads only what was appended since the last look; says when a full reload is needed.

    A file whose inode changed or that shrank (git checkout, pull, reset) cannot be tailed:
    `poll` then returns None and the caller reloads everything. The lines of a batch are held
    back until the whole batch has been read: another writer may be between two files.
    """

    def __init__(self, root: Path, marks: dict[str, tuple[int, int, int]], held: batches.Held | None = None):
        self.root = root
        self.marks = dict(marks)
        self.held = dict(held or {})

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
        unique: dict[str, Event] = {}  # settle counts each id once; the first line seen wins, as in `merge`
        for ev in events:
            unique.setdefault(ev.id, ev)
        kept, self.held = batches.settle(list(unique.values()), self.held)
        return kept, problems
