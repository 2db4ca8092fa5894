"""The journal as the faces use it: read and folded once, kept live, viewed as of a past day.

`open_state` is the one way to read a journal (its files, or a git revision) and fold it.
`LiveJournal` keeps one open for the app: it folds what other processes append into a new
`State` each time, so a State handed to a screen never changes under it; it travels in time,
on either axis (the record as of a day, corrections included, or as the office knew it that
day); and it says which day the screens speak of. Nothing here knows Textual: the app calls these
methods from its workers, tests and benchmarks call them directly.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import threading
from bisect import bisect_left
from pathlib import Path

from . import checks, journal
from .events import CORRECTIONS, Event
from .known import recorded_at
from .period import as_of_end, order_key
from .state import State, fold, ready_to_continue, uncycle
from .travel import Prefixes


def open_state(
    root: Path,
    *,
    as_of: dt.date | None = None,
    rev: str | None = None,
    known_at: dt.datetime | None = None,
    settled: bool = False,
) -> tuple[State, journal.Loaded]:
    """Read the journal (as it was at git revision `rev`, if given) and fold what was recorded
    by `known_at` up to the end of `as_of` in office time (None: no cut on that axis);
    `settled` as for `journal.load`."""
    loaded = (
        journal.load_sources(journal.read_sources_at_rev(root, rev)) if rev else journal.load(root, settled=settled)
    )
    st = fold(loaded.events, as_of=as_of_end(as_of) if as_of else None, known_at=known_at, filed=loaded.by_type)
    loaded.by_type = None  # handed over: the state holds what it kept of it
    return st, loaded


def day_in_view(st: State, today: dt.date) -> dt.date:
    """The day a reader speaks of when none is named: today, or the last day of a journal that
    ends before this year (an archive, the demo), whose today would be an empty year."""
    last = st.last_at
    return last.date() if last is not None and last.date().year < today.year else today


def warm(st: State, *, freeze: bool = False) -> State:
    """Build what the screens read of a state now (the caller is a worker, not the UI): its
    items, adoptions, comments and commissions. The index of every event by id is left to the
    first that asks (the checks, after the dashboard is painted): a second of work at a million.

    `freeze` (once, for the journal just loaded): move everything alive to the collector's
    permanent generation (`gc.freeze`), so that a full collection does not walk a million
    long-lived objects and pause a keystroke for a tenth of a second. Only then: what is
    frozen is never collected, so a later state or worker caught in a reference cycle would
    leak (objects freed by reference counting are still freed)."""
    _ = st.items, st.adoptions, st.comments, st.commissions
    uncycle(st)  # freed by reference counting, not left to the collector
    if freeze:
        gc.freeze()
    return st


def folded(st: State, ev: Event) -> bool:
    """Whether `st` (a fold with no cut) holds an event of `ev`'s id already: a line a merge
    repeated. One that sorts after the last folded event is new (the log is in that order),
    one found at its place in the log is a repeat; only another (a line dated back, or an id
    written twice) asks the index of every event by id, tens of megabytes at a million
    events, which most polls need not build."""
    log = st.log
    key = order_key(ev)
    if not log or key > order_key(log[-1]):
        return False
    at = bisect_left(log, key, key=order_key)
    if at < len(log) and log[at].id == ev.id:
        return True
    return ev.id in st.events


def _reaches(ev: Event, day: dt.date, known: bool) -> bool:
    """Whether a new event changes the view of `day`: it happened by then or corrects what
    did, and, on the known axis, it was recorded by then."""
    end = as_of_end(day)
    return (ev.at <= end or type(ev) in CORRECTIONS) and (not known or recorded_at(ev) <= end)


class LiveJournal:
    """One journal folder, loaded, folded and followed as other processes append to it.

    `full` is everything read so far; `shown` is what the screens show: `full`, or the record
    as of the end of the `pinned` day when travelling in time. Each change of what is shown
    (a load, a poll that found something, a view) gets a new `generation`.

    One load, poll or view runs at a time (a lock), and each installs new objects rather than
    changing the ones it replaces, so readers in other threads need no lock. The exception is
    `pinned`, which the app sets at once so that the screens can name the day they are going
    to; `view_as_of` then folds the figures for it. `known` chooses the axis of travel: the
    record as of the pinned day (corrections recorded later included), or as known that day.
    """

    def __init__(self, root: Path, *, today: dt.date | None = None) -> None:
        self.root = Path(root)
        self.fixed_today = today
        self.loaded: journal.Loaded | None = None  # its `events` is `full.log`
        self.full: State | None = None
        self.shown: State | None = None
        self.pinned: dt.date | None = None
        self.known = False
        self.error: str | None = None  # why the last load failed; what was shown stays shown
        self.generation = 0
        self.tables_built = False  # whether the latest state's items ... are built (`build_tables`)
        self._tail: journal.Tail | None = None
        self._findings: list[tuple[State, list[checks.Finding]]] = []  # the latest and shown states' checks
        self._prefixes: Prefixes | None = None  # folded prefixes of `full.log`, for time travel
        self._lock = threading.Lock()

    # --- which day -------------------------------------------------------------------

    @property
    def today(self) -> dt.date:
        return self.fixed_today or dt.date.today()

    @property
    def old_journal(self) -> bool:
        """Not travelling, and the last event is from before this year (an archive, the demo):
        the screens then speak of that last day, not of an empty today."""
        last = self.full.last_at if self.full else None
        return self.pinned is None and last is not None and last.date().year < self.today.year

    @property
    def ref_day(self) -> dt.date:
        """The day the screens speak of: the pinned day, the last day of an old journal, or today."""
        if self.pinned is not None:
            return self.pinned
        return day_in_view(self.full, self.today) if self.full is not None else self.today

    # --- reading -------------------------------------------------------------------------

    def load(self) -> None:
        """Read and fold the whole journal (again), and the view of the pinned day if any.
        The latest state's tables (items ...) are built on first use, or by `build_tables`:
        the app draws what needs none of them first.

        On failure the message is kept in `error` and the exception goes on to the caller."""
        with self._lock:
            self._load()

    def build_tables(self) -> None:
        """Build the latest state's items, adoptions, comments and commissions now (a second
        and a half at a million events), before a poll continues it: a poll then extends them."""
        with self._lock:
            if self.full is not None:
                warm(ready_to_continue(self.full), freeze=True)
                self.tables_built = True

    def _load(self) -> None:
        try:
            loaded = journal.load(self.root)
        except (journal.JournalError, OSError) as exc:
            self.error = str(exc)
            self.generation += 1
            raise
        full = fold(loaded.events, filed=loaded.by_type)
        loaded.by_type = None  # handed over, as `open_state` does
        self.error = None
        self.tables_built = False
        self._tail = journal.Tail(self.root, loaded.marks, loaded.held)
        self._prefixes = None  # read again: nothing folded before may be a prefix of it
        self._install(dataclasses.replace(loaded, events=full.log), full, self._as_of(full, self.pinned))

    def poll(self) -> list[Event] | None:
        """Fold what was appended since the last look; return the new events, or None when
        a file was replaced or removed (git pull, checkout) and everything was read again.

        Lines already folded (a union merge can repeat them) are dropped. `fold` continues
        `full` with the rest in a new State, and folds everything again when they void
        something or sort before what was there (the one place that rule is written)."""
        with self._lock:
            if self._tail is None or self.loaded is None or self.full is None:
                return []
            try:
                found = self._tail.poll()
            except OSError:
                found = None
            if found is None:
                self._load()
                return None
            new, problems = found
            fresh: dict[str, Event] = {}
            for ev in new:
                if not folded(self.full, ev):
                    fresh.setdefault(ev.id, ev)
            added = sorted(fresh.values(), key=order_key)
            if not added and not problems:
                return []
            full = warm(fold(added, state=ready_to_continue(self.full)))  # extends what it built
            self.tables_built = True
            loaded = dataclasses.replace(self.loaded, events=full.log, problems=[*self.loaded.problems, *problems])
            pinned = self.pinned
            reaches_view = pinned is not None and any(_reaches(ev, pinned, self.known) for ev in added)
            self._install(loaded, full, self._as_of(full, self.pinned) if reaches_view else self.shown)
            return added

    # --- time travel -----------------------------------------------------------------------

    def view_as_of(self, day: dt.date | None) -> State:
        """The record as of the end of `day` (None: the latest), on the axis `known` chooses,
        folded into a new State; the live one is left alone. It becomes the shown state if
        `day` is the pinned day, so a slow fold cannot overwrite the view of a day chosen after it."""
        with self._lock:
            if self.full is None:  # nothing read yet: `load` folds the pinned day's view itself
                return fold([])
            st = self._as_of(self.full, day)
            if day == self.pinned and self.shown is not st:
                self.shown = st
                self._findings = [kept for kept in self._findings if self._current(kept[0])]
                self.generation += 1
            return st

    def prepare(self) -> None:
        """Fold ahead what the steps in time from the day in view start from (the prefixes of
        the log a day and a month either way, `Prefixes.prepare`), so that a step is quick. For a worker
        while nobody waits; a step asked for meanwhile waits for it. Not on the known axis,
        which is folded anew each time."""
        with self._lock:
            if self.full is None or self.known:
                return
            prefixes = self._prefixes_of(self.full)
            day = self.ref_day
        prefixes.prepare(day)

    def _prefixes_of(self, full: State) -> Prefixes:
        if self._prefixes is None or self._prefixes.full is not full:
            self._prefixes = Prefixes(full) if self._prefixes is None else self._prefixes.follow(full)
        return self._prefixes

    def _as_of(self, full: State, day: dt.date | None) -> State:
        """The record as of the end of `day` (`full` for None), exactly as `fold(full.log,
        as_of=...)` gives it: from the nearest folded prefix of the log (`core.travel`), or, on
        the known axis (only what had been recorded by then), folded anew."""
        if day is None:
            return full
        if self.known:
            end = as_of_end(day)
            return warm(fold(full.log, as_of=end, known_at=end))
        st = self._prefixes_of(full).as_of(day)
        _ = st.items, st.commissions  # what the screens read; the look-ups by id are built when asked
        return uncycle(st)

    def _install(self, loaded: journal.Loaded, full: State, shown: State | None) -> None:
        self.loaded, self.full = loaded, full
        if self._prefixes is not None:
            self._prefixes = self._prefixes.follow(full)
        self.shown = full if self.pinned is None else shown
        self._findings = [kept for kept in self._findings if self._current(kept[0])]
        self.generation += 1

    # --- checks ------------------------------------------------------------------------------

    def findings(self, st: State | None = None) -> list[checks.Finding] | None:
        """`checks.check` of the shown state (or of `st`, one a screen still draws), computed
        once per state: the slowest query, asked for by several screens. A State never changes,
        so the checks of the latest state and of the one shown are kept: back from a day
        travelled to, they are known.

        None when `st` stopped being shown or latest while it was checked (a step in time or a
        poll meanwhile): the rest is not computed, so that a step is not slowed by the checks
        of the one before (seconds at a million events), and nobody will draw them."""
        st = self.shown if st is None else st
        if st is None:
            return []
        found = self.cached_findings(st)
        if found is None:
            current = self._current(st)
            found = []
            for validate in checks.VALIDATIONS:  # `checks.check`, one validation at a time
                if current and not self._current(st):
                    return None
                found.extend(validate(st))
            self._findings = [
                *(kept for kept in self._findings[-1:] if kept[0] is not st and self._current(kept[0])),
                (st, found),
            ]
        return found

    def _current(self, st: State) -> bool:
        """Whether `st` is the latest state or the one shown: the only ones whose checks are
        worth keeping (a state replaced by a poll is not shown again, and at a million events
        its findings and tables take hundreds of megabytes)."""
        return st is self.full or st is self.shown

    def cached_findings(self, st: State | None = None) -> list[checks.Finding] | None:
        """The findings of that state if they were already computed, else None."""
        st = self.shown if st is None else st
        for kept, found in self._findings:
            if kept is st:
                return found
        return None
