"""Repeated values of decoded events shared, one file at a time, to hold a large journal in less memory.

msgspec makes a new object for every value it decodes: the same `by`, unit code, category,
channel or rule a million times over, and a list for every item's authors and channels and
every score's credits. An event is read-only, so events that hold equal values can hold the
same object: after each file is decoded (while its events are still in the processor's cache),
each such field is pointed at the first equal value seen, and the copies are freed at once,
so that the next file's decoding reuses their memory instead of asking for more. At a million
events this holds ~300 bytes less per event. Lists are shared as lists (nothing may change
an event's list in place: the fold copies before it changes an item's channels), keyed by
their contents as a tuple.
"""

from __future__ import annotations

from collections import deque
from itertools import repeat
from operator import attrgetter, itemgetter
from typing import Any

import msgspec

from . import events as E

# The fields worth sharing: the ones that repeat across many events of the commonest types
# (forwards and comments, a tenth of a busy journal, were measured to save too little for
# their time). The ids an event names (item, source) are left alone: nearly all distinct,
# they cost a large table and save little.
_STRINGS: dict[type, tuple[str, ...]] = {
    E.ItemSubmitted: ("by", "unit", "category"),
    E.ItemAdopted: ("by", "channel"),
    E.Scored: ("by", "rule"),
}
_LISTS: dict[type, tuple[str, ...]] = {
    E.ItemSubmitted: ("authors", "channels"),
    E.Scored: ("credits",),
}
_set = msgspec.structs.force_setattr


class Sharer:
    """The values seen so far: strings by themselves, lists by their only element (the common
    case: one author, one channel, one credit) or else by their contents as a tuple."""

    def __init__(self) -> None:
        self.strings: dict[Any, Any] = {}
        self.singles: dict[Any, list[Any]] = {}
        self.lists: dict[tuple[Any, ...], list[Any]] = {}

    def share(self, by_type: dict[type, list[Any]]) -> None:
        """Point the shared fields of these events (one file's, filed by type) at the first equal value."""
        strings = self.strings
        for cls, names in _STRINGS.items():
            group = by_type.get(cls)
            if group:
                for name in names:
                    values = list(map(attrgetter(name), group))
                    deque(map(_set, group, repeat(name), map(strings.setdefault, values, values)), maxlen=0)
        for cls, names in _LISTS.items():
            group = by_type.get(cls)
            if group:
                for name in names:
                    values = list(map(attrgetter(name), group))
                    if list(map(len, values)).count(1) == len(values):
                        keys, table = map(_FIRST, values), self.singles
                    else:
                        keys, table = map(tuple, values), self.lists  # type: ignore[assignment]
                    deque(map(_set, group, repeat(name), map(table.setdefault, keys, values)), maxlen=0)


_FIRST = itemgetter(0)
