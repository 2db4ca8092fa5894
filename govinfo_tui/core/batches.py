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

from collections.abc import Callable
from operator import attrgetter

import msgspec
from ulid import ULID

from .events import Event

# Lines holding this are the only ones a search for batch members needs to look at.
KEY = b'"batch"'

Held = dict[str, dict[str, Event]]  # tag -> id -> event: lines of batches not (yet) complete
Chunks = list[tuple[str, list[Event]]]  # (file, its events)

_BATCH = attrgetter("batch")


def tagged(events: list[Event]) -> list[Event]:
    """The events as the writer puts them down: a single event untagged (as cheap and as
    readable as ever), several under one fresh tag. A tag an event brings along (a line copied
    from another journal into `append`) is replaced: it described another write."""
    if len(events) == 1:
        (ev,) = events
        return events if ev.batch is None else [msgspec.structs.replace(ev, batch=None)]
    tag = f"{ULID()}/{len({ev.id for ev in events})}"
    return [msgspec.structs.replace(ev, batch=tag) for ev in events]


def size(tag: str) -> int:
    """How many events the batch holds (the schema's pattern guarantees the number)."""
    return int(tag[tag.rindex("/") + 1 :])


def batch_id(tag: str) -> str:
    return tag[: tag.rindex("/")]


def settle(
    chunks: list[tuple[str, list[Event]]], held: Held | None = None
) -> tuple[list[tuple[str, list[Event]]], Held]:
    """Set aside every line of a batch that is not complete.

    `chunks` are (file, events) as decoded; `held` are lines set aside earlier (a tail
    reader's) and come back out, as a chunk of their own named "", once their batch completes.
    Returns the chunks without the incomplete batches' lines, and those lines by tag. Without
    any tag in sight (every old journal, and most files of a new one) nothing is copied.
    """
    members: Held = {tag: dict(events) for tag, events in (held or {}).items()}
    for _path, events in chunks:
        if any(map(_BATCH, events)):
            for ev in filter(_BATCH, events):
                members.setdefault(ev.batch, {}).setdefault(ev.id, ev)  # type: ignore[arg-type]
    if not members:
        return chunks, {}
    incomplete = {tag: found for tag, found in members.items() if len(found) != size(tag)}
    out = [(path, [ev for ev in events if ev.batch not in incomplete]) for path, events in chunks]
    released = [ev for tag, found in (held or {}).items() if tag not in incomplete for ev in found.values()]
    if released:
        out.append(("", released))
    return out, incomplete


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
