"""Recording time, the second time axis: when the office learned of an event.

Business time (`at`) says when something happened and is what `--as-of` cuts; recording time
says when it entered the journal and is what `--known-at` cuts. It is read, in this order,
from the event's `recorded` field, from its ULID id (whose first ten characters are the
milliseconds it was made), or, for an id that is no ULID (hand-made or imported lines
without `recorded`), from its business time: such a line is taken as known when it happened.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from .events import Event

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_ULID = re.compile(r"[0-7][0-9A-HJKMNP-TV-Z]{25}")
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)

# A line recorded later than this after its business time is shown with its recording date.
LATE = dt.timedelta(days=1)


def is_ulid(ev_id: str) -> bool:
    return _ULID.fullmatch(ev_id) is not None


def _millis(moment: dt.datetime) -> int:
    return (moment - _EPOCH) // dt.timedelta(milliseconds=1)


def ulid_prefix(moment: dt.datetime) -> str:
    """The ten characters a ULID made at `moment` starts with (they sort as the times do)."""
    ms = max(_millis(moment), 0)
    return "".join(CROCKFORD[(ms >> shift) & 31] for shift in range(45, -5, -5))


def recorded_at(ev: Event) -> dt.datetime:
    """When the office learned of `ev` (see the module docstring for the order of sources)."""
    if ev.recorded is not None:
        return ev.recorded
    if is_ulid(ev.id):
        ms = 0
        for ch in ev.id[:10]:
            ms = ms * 32 + CROCKFORD.index(ch)
        return _EPOCH + dt.timedelta(milliseconds=ms)
    return ev.at


def recorded_late(ev: Event) -> dt.datetime | None:
    """The recording time of an event recorded more than a day after its business time."""
    when = recorded_at(ev)
    return when if when - ev.at > LATE else None


def known_by(events: Iterable[Event], moment: dt.datetime) -> list[Event]:
    """The events recorded by `moment`: the journal as the office knew it then.

    A ULID is compared as text with the ULID `moment` would have, which spares decoding
    a million ids; only lines that carry `recorded` or no ULID are read the long way.
    """
    prefix = ulid_prefix(moment)
    out = []
    for ev in events:
        if ev.recorded is None and is_ulid(ev.id):
            if ev.id[:10] <= prefix:
                out.append(ev)
        elif recorded_at(ev) <= moment:
            out.append(ev)
    return out
