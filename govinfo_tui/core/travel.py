"""Time travel without folding from zero: folded prefixes of the log, continued with a tail.

The record as of the end of day D is `fold(log, as_of=D)`: the events up to D, then the
corrections (voids, amendments) dated later, which count at the time of what they correct.
The log is in business order, so the first part is a prefix `log[:i]`. `Prefixes` keeps few
folded prefixes (the day in view, and the steps from it that it cannot make quickly, folded
ahead: each holds tens of megabytes at a million events) and reaches `log[:i]` from the
nearest: cut back from a later one or from the whole (`state.truncate`, which shares the items
the events after `i` leave alone, so a step costs what lies between and not the whole record),
or continued from an earlier one with the events between (`fold` with a tail, which starts over
by itself where a tail needs it). The later corrections are then folded on top: amendments as
a tail, voids by a fold from the start (exact, not quicker). The state shown looks events and
adoptions up by id in the whole record's tables (`CutIndex`), which answer only for what the
cut keeps, rather than build tables of its own.

The other axis, as the office knew it on D (`known_at`), keeps events by recording time, which
is not a prefix of the log: that view is folded anew.
"""

from __future__ import annotations

import calendar
import datetime as dt
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping, ValuesView
from operator import attrgetter
from typing import Any

from .events import CORRECTIONS, Event, ItemAdopted
from .period import as_of_end, order_key
from .state import State, fold, plain_range, recut, truncatable, truncate, uncycle

_AT = attrgetter("at")


_DAY = dt.timedelta(days=1)


def add_months(day: dt.date, n: int) -> dt.date:
    """The same day `n` months later (earlier if negative), or that month's last day."""
    y, m = divmod(day.month - 1 + n, 12)
    year, month = day.year + y, m + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class Prefixes:
    """Folded prefixes of one log (`full.log`, in business order), the record as of any day
    built from the nearest one. Thread-safe: one fold at a time (a lock).

    Few are held, for each takes tens of megabytes at a million events (its share of the log,
    its lists by type, its table of items): the one in view, and of the steps from it (a day
    and a month either way) only those it cannot make quickly itself (`_quick`), folded ahead
    by `prepare`. The rest are let go as soon as the day in view moves on."""

    def __init__(self, full: State, keep: int = 5) -> None:
        self.full = full
        self.keep = keep  # at most: the one in view and the four steps from it
        self._states: dict[int, State] = {}  # i -> fold(log[:i]) with its items built, latest use last
        self._corrections: list[int] | None = None  # where the log's corrections are
        self._day: dt.date | None = None  # the day last asked for
        self._lock = threading.Lock()

    @property
    def log(self) -> list[Event]:
        return self.full.log

    def follow(self, full: State) -> Prefixes:
        """The prefixes of `full`, a later state of the same journal: those still prefixes of its
        log are kept (a tail appended), all are dropped when it was folded again differently."""
        with self._lock:
            old, new = self.full.log, full.log
            kept = Prefixes(full, self.keep)
            kept._day = self._day
            if len(new) >= len(old) and new[: len(old)] == old:
                kept._states = dict(self._states)
                if self._corrections is not None:
                    tail = range(len(old), len(new))
                    kept._corrections = [*self._corrections, *(n for n in tail if type(new[n]) in CORRECTIONS)]
            return kept

    def cut(self, day: dt.date) -> int:
        """How many events of the log happened by the end of `day`."""
        return bisect_right(self.log, as_of_end(day), key=_AT)

    def as_of(self, day: dt.date) -> State:
        """`fold(log, as_of=as_of_end(day))`, from the nearest folded prefix. The prefixes
        held for the day before are let go, but for those a step from `day` starts from."""
        end = as_of_end(day)
        with self._lock:
            self._day = day
            i = self.cut(day)
            if i == len(self.log):  # nothing is cut: the whole log, under the cut
                self._retain({i})
                return recut(self.full, end, self.full.last_at)
            base = self._prefix(i)
            self._retain({i, *(k for k in self._steps(day) if k in self._states)})
            later = [self.log[n] for n in self._later_corrections(i)]
            st = fold(later, state=base) if later else base
            return _look_up_in_full(recut(st, end, base.last_at), self.full, end)

    def prepare(self, day: dt.date) -> None:
        """Fold ahead the prefixes the steps from `day` start from (a day and a month back,
        then forward) that the prefix in view cannot make quickly, and let go of every other
        (a worker calls this while nobody waits; one fold at a time, so that a step asked for
        meanwhile waits for one at most)."""
        with self._lock:
            if day != self._day:  # the view moved on meanwhile
                return
            i = self.cut(day)
            base = self.full if i == len(self.log) else self._states.get(i)
            if base is None:
                return
            steps = [k for k in dict.fromkeys(self._steps(day)) if k != i]
            ahead = [k for k in steps if not self._quick(base, i, k)]
            self._retain({i, *ahead})
        for k in ahead:
            with self._lock:
                if day != self._day:
                    return
                self._prefix(k)

    def _steps(self, day: dt.date) -> list[int]:
        """Where the steps from `day` cut the log: a day and a month back, then forward."""
        return [self.cut(d) for d in (day - _DAY, add_months(day, -1), day + _DAY, add_months(day, 1))]

    def _quick(self, base: State, i: int, k: int) -> bool:
        """Whether `base`, the prefix `log[:i]` (or the whole), makes the prefix `log[:k]`
        without a fold from the start: cut back (`truncatable`) or continued by a plain tail."""
        if k == len(self.log):
            return True
        if k < i:
            return truncatable(base, k)
        return plain_range(self.full, i, k, base)

    def _retain(self, wanted: set[int]) -> None:
        for k in [k for k in self._states if k not in wanted]:
            del self._states[k]

    def _prefix(self, i: int) -> State:
        states = self._states
        st = states.pop(i, None)
        if st is None:
            st = self._fold_prefix(i)
            while len(states) >= self.keep:  # drop the one used longest ago
                del states[next(iter(states))]
        states[i] = st
        return st

    def _fold_prefix(self, i: int) -> State:
        """`fold(log[:i])` with its items built, the cheapest exact way: cut back from the
        nearest later prefix (or the whole), which shares the items the events after `i` leave
        alone (`state.truncate`), or continued from the nearest earlier one, whichever has
        fewer events between; else folded from the earlier one or from zero."""
        log, full, states = self.log, self.full, self._states
        if i == len(log):
            return full
        j = max((k for k in states if k <= i), default=None)
        k = min((k for k in states if k > i), default=len(log))
        if j is None or k - i < i - j:
            later = states.get(k, full)
            if later is full:
                _ = full.items  # the live state's, built once (the app builds them at load)
                uncycle(full)
            cut = truncate(later, i)
            if cut is None and later is not full:
                cut = truncate(full, i)
            if cut is not None:
                return cut
        if j is None:
            st = fold(log[:i])
        else:  # a range of the log `full` settled: no look-ups needed to tell it is a plain tail
            st = fold(log[j:i], state=states[j], plain=plain_range(full, j, i, states[j]))
        _ = st.items  # built once: continuations extend them
        return uncycle(st)

    def _later_corrections(self, i: int) -> list[int]:
        if self._corrections is None:
            self._corrections = [n for n, ev in enumerate(self.log) if type(ev) in CORRECTIONS]
        at = self._corrections
        return at[bisect_left(at, i) :]


def _look_up_in_full(st: State, full: State, through: dt.datetime) -> State:
    """`st`, a state cut from `full`'s log that keeps every event of it dated by `through` (a
    recut, with a `_cache` of its own), answering its look-ups of events and of adoptions by id
    from `full`'s tables (`CutIndex`, `CutAdoptions`) rather than from tables of its own (tens
    of megabytes at a million events, built by the dashboard and the checks), where `full` has
    them and no two of its events share an id."""
    if st.log is full.log:
        return st
    index = full._cache.get("events")
    if isinstance(index, dict) and len(index) == len(full.log):
        st._cache["events"] = CutIndex(index, st.log, through)  # a table a refold built is let go
    adopted = full._cache.get("adoptions")
    if isinstance(adopted, dict) and len(adopted) == len(full.of(ItemAdopted)):
        st._cache["adoptions"] = CutAdoptions(adopted, st.of(ItemAdopted), through, st)
    return st


class CutIndex(Mapping[str, Event]):
    """The events of `kept` by id, answered from `index`, the table of a longer log's events by
    id (no id twice) that holds each of `kept` as the same object, and which are all in `kept`
    if dated by `through`: what that table answers, if so dated or if `kept` holds that very
    event (found by its place in the business order, which `kept` follows). Equal to a table
    of `kept`'s own, in the same order, and none to build."""

    __slots__ = ("_index", "_kept", "_through")

    def __init__(self, index: dict[str, Event], kept: list[Event], through: dt.datetime) -> None:
        self._index, self._kept, self._through = index, kept, through

    def get(self, key: object, default: Any = None) -> Any:
        ev = self._index.get(key)  # type: ignore[call-overload]
        if ev is None:
            return default
        if ev.at <= self._through:
            return ev
        kept = self._kept  # a later correction, or not kept
        n = bisect_left(kept, order_key(ev), key=order_key)
        return ev if n < len(kept) and kept[n] is ev else default

    def __getitem__(self, key: str) -> Event:
        ev = self.get(key, _MISSING)
        if ev is _MISSING:
            raise KeyError(key)
        return ev

    def __contains__(self, key: object) -> bool:
        return self.get(key, _MISSING) is not _MISSING

    def __iter__(self) -> Iterator[str]:
        return map(_ID, self._kept)

    def __len__(self) -> int:
        return len(self._kept)

    def values(self) -> ValuesView[Event]:
        return _KeptValues(self)


class CutAdoptions(CutIndex):
    """The adoptions of a state cut at `through` by id (`kept`: its adoptions, in order), from
    the table of a longer log's adoptions by id: an adoption of that table counts in a fold as
    of `through` if dated by then and neither voided nor superseded there (`fold` leaves those
    out of its lists). One the longer log's table leaves out (voided or superseded there, not
    here) is found among `kept`'s few such, listed on the first miss."""

    __slots__ = ("_others", "_superseded", "_voided")

    def __init__(self, index: dict[str, Event], kept: list[Event], through: dt.datetime, st: State) -> None:
        super().__init__(index, kept, through)
        self._voided, self._superseded = st.voided, st.superseded
        self._others: dict[str, Event] | None = None

    def get(self, key: object, default: Any = None) -> Any:
        ev = self._index.get(key)  # type: ignore[call-overload]
        if ev is not None:
            if ev.at > self._through or ev.id in self._voided or ev.id in self._superseded:
                return default
            return ev
        others = self._others
        if others is None:
            index = self._index
            others = self._others = {ev.id: ev for ev in self._kept if index.get(ev.id) is not ev}
        return others.get(key, default)  # type: ignore[call-overload]


class _KeptValues(ValuesView[Event]):
    """The values of a `CutIndex`: its list, read as it is (not looked up one by one)."""

    _mapping: CutIndex

    def __iter__(self) -> Iterator[Event]:
        return iter(self._mapping._kept)


_MISSING: Any = object()
_ID = attrgetter("id")
