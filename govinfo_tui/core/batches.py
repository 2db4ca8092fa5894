"""Batches: the lines of one write of several events count all together or not at all.

One `write` of one line is all-or-nothing by itself: its newline comes last, and a line
without one is never read. A write of several lines is not (a crash between two files, or
inside a long write, keeps what was written so far), so each of its lines carries
`"batch":"<ULID>/<n>"`, n being how many distinct events the write holds, and readers count
the batch only once all n are present. The tag sits on every line rather than in a commit
line written last, so a union merge that keeps the lines in any order, on either side, still
keeps the rule; and old journals, which have no tags, read as before.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable
from itertools import chain, compress, repeat
from operator import attrgetter, getitem, ne

import msgspec

from .events import Event

Held = dict[str, dict[str, Event]]  # tag -> id -> event: lines of batches not (yet) complete

_BATCH = attrgetter("batch")
_SIZE = slice(27, None)  # a tag's count: after the 26 characters of its ULID and the slash


def tagged(events: list[Event]) -> list[Event]:
    """The events as the writer puts them down: a single event untagged (as cheap and as
    readable as ever), several under one fresh tag. A tag an event brings along (a line copied
    from another journal into `append`) is replaced: it described another write."""
    if len(events) == 1:
        (ev,) = events
        return events if ev.batch is None else [msgspec.structs.replace(ev, batch=None)]
    from ulid import ULID  # here, not above: readers never need it, and it costs an import

    tag = f"{ULID()}/{len({ev.id for ev in events})}"
    return [msgspec.structs.replace(ev, batch=tag) for ev in events]


def size(tag: str) -> int:
    """How many events the batch holds (the schema's pattern guarantees the form)."""
    return int(tag[_SIZE])


def batch_id(tag: str) -> str:
    return tag[:26]


def settle(
    events: list[Event], held: Held | None = None, tagged: list[Event] | None = None
) -> tuple[list[Event], Held]:
    """Count each batch; set aside the events of one that is not complete, and take the tag off
    the others (these very objects, just decoded), so that an event reads the same whichever
    write brought it.

    `events` hold each id once (as `journal.merge` leaves them), so counting lines counts
    events; `held` are events set aside earlier (a tail reader's), which come back, after the
    others, once their batch completes. Returns the events that count, in their order, and those
    set aside by tag. Counting and untagging run in C (an untagged journal, as every old one
    is, costs one pass); only an incomplete batch costs a loop in Python. `tagged`: the tagged
    ones among `events`, if the caller has them already (each once): no pass over `events` then.
    """
    waiting = [ev for found in (held or {}).values() for ev in found.values()]
    tagged = list(filter(_BATCH, chain(events, waiting) if tagged is None else chain(tagged, waiting)))
    if not tagged:
        return events, {}
    counts = Counter(map(_BATCH, tagged))
    tags = list(counts)
    sizes = map(int, map(getitem, tags, repeat(_SIZE)))  # type: ignore[arg-type]  # str[slice] is str
    incomplete = set(compress(tags, map(ne, counts.values(), sizes)))
    aside: Held = {}
    if incomplete:
        for ev in tagged:
            tag = ev.batch
            if tag is not None and tag in incomplete:
                aside.setdefault(tag, {})[ev.id] = ev
        tagged = [ev for ev in tagged if ev.batch not in incomplete]
    deque(map(msgspec.structs.force_setattr, tagged, repeat("batch"), repeat(None)), maxlen=0)  # in C
    kept = [ev for ev in events if ev.batch is None] if aside else events
    released = [ev for ev in waiting if ev.batch is None]
    return ([*kept, *released] if released else kept), aside


def members_in(data: bytes, tags: set[str], decode: Callable[[bytes], Event]) -> Held:
    """The events of `tags` among the lines of `data` (a whole journal file), found by a byte
    search for each tag, so only their own lines are decoded."""
    found: Held = {}
    for tag in tags:
        needle = tag.encode()
        start = 0
        while (pos := data.find(needle, start)) >= 0:
            begin = data.rfind(b"\n", 0, pos) + 1
            end = data.find(b"\n", pos)
            if end < 0:
                break  # a torn last line is never read
            start = end + 1
            try:
                ev = decode(data[begin:end])
            except (msgspec.DecodeError, UnicodeDecodeError, RecursionError):
                continue  # a bad line is not a member; `load` reports it
            if ev.batch == tag:
                found.setdefault(tag, {}).setdefault(ev.id, ev)
    return found
