"""The fold: events in (business time, id) order become a `State`; replay as of any moment.

`State` holds what the record says, nothing computed for a period: those are queries.
Events that refer to something unknown are kept out of the state and listed in
`State.dangling` with the reason, for `check` and the problems screen.

Two time axes cut the events first: `known_at` keeps what was recorded by then (recording
time, `core.known`), `as_of` what happened by then (business time). Corrections (voids,
amendments) are kept whatever their own business time, because they correct the record at
the time of what they correct; `core.corrections` then says which events no longer count.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import gc
import weakref
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import compress
from operator import attrgetter, not_
from typing import Any, TypeAlias, TypeVar

import msgspec

from . import events as E
from . import rules
from .corrections import settle, standing
from .events import Event
from .known import known_by
from .period import order_key

EV = TypeVar("EV")
# a few events of an item as held: none (the shared empty tuple), one (the event itself), or more
_Held: TypeAlias = EV | tuple[EV, ...]


def _read(held: _Held[EV]) -> tuple[EV, ...]:
    return held if type(held) is tuple else (held,)  # type: ignore[return-value]


def _held(held: _Held[EV], ev: EV) -> _Held[EV]:
    """`held` and `ev` after it, as held: a new tuple (the old one may be shared with an earlier state)."""
    if type(held) is not tuple:
        return (held, ev)  # type: ignore[return-value]
    return (*held, ev) if held else ev


class Item(msgspec.Struct, gc=False, eq=False):
    """One item as the record now stands, made with `Item(submission)`.

    Built for every submission during the fold, so it is kept lean: the fields people edit
    live in `sub`, the submission event itself, replaced by an amended copy on amendment; its
    events, adoptions, comments and scores are read as tuples, and held as what `_held` says:
    replaced (not changed) as they grow, so that a copy for a later state shares them all;
    none is a shared empty tuple, and one is that event itself, not a tuple of one (most
    items have one submission, adoption and score, or none: at a million events 25 MB less).
    Its events and channels are None while they are the submission's alone.

    A struct out of the collector's sight (`gc=False`: 16 bytes less each, 7 MB at 430,000
    items, and nothing for a collection to walk): it refers to events and tuples of them,
    never to itself or to a state, so it is never part of a cycle.
    """

    sub: E.ItemSubmitted
    status: str = "submitted"
    forwarded_at: dt.datetime | None = None
    _channels: list[str] | None = None  # replaced, not changed
    _adoptions: _Held[E.ItemAdopted] = ()
    _comments: _Held[E.LeaderCommented] = ()
    _scores: _Held[E.Scored] = ()
    _events: tuple[Event, ...] | None = None  # the submission and at least one more

    id = property(lambda self: self.sub.item)
    title = property(lambda self: self.sub.title)
    unit = property(lambda self: self.sub.unit)
    authors = property(lambda self: self.sub.authors)
    category = property(lambda self: self.sub.category)
    text = property(lambda self: self.sub.text)
    urgent = property(lambda self: self.sub.urgent)
    occurred_at = property(lambda self: self.sub.occurred_at)
    report_kind = property(lambda self: self.sub.report_kind)
    commission = property(lambda self: self.sub.commission)

    @property
    def events(self) -> tuple[Event, ...]:
        """Its own events that count, in order: the submission (as recorded) first."""
        evs = self._events
        return (self.sub,) if evs is None else evs  # `sub` is amended only by a later event

    @property
    def channels(self) -> list[str]:
        """The channels it was submitted or forwarded to."""
        held = self._channels
        return self.sub.channels if held is None else held

    @property
    def adoptions(self) -> tuple[E.ItemAdopted, ...]:
        held = self._adoptions  # `_read`, written out: read for every item by the search index
        return held if type(held) is tuple else (held,)  # type: ignore[return-value]

    @property
    def comments(self) -> tuple[E.LeaderCommented, ...]:
        held = self._comments  # `_read`, written out: read for every item by the search index
        return held if type(held) is tuple else (held,)  # type: ignore[return-value]

    @property
    def scores(self) -> tuple[E.Scored, ...]:
        """Its live scores, in every scheme."""
        held = self._scores
        return held if type(held) is tuple else (held,)  # type: ignore[return-value]

    @property
    def submission(self) -> E.ItemSubmitted:
        """The submission as recorded (`sub` holds it as amended since)."""
        evs = self._events
        return self.sub if evs is None else evs[0]  # type: ignore[return-value]

    def add_event(self, ev: Event) -> None:
        """One more of its events (after the submission, which it is made with). Before an
        amendment's effect: the first keeps `sub` as the submission recorded."""
        evs = self._events
        self._events = (self.sub, ev) if evs is None else (*evs, ev)

    @property
    def submitted_at(self) -> dt.datetime:
        evs = self._events  # `submission`, written out: the key of the items screen's sort
        return (self.sub if evs is None else evs[0]).at

    @property
    def submitted_by(self) -> str:
        return self.submission.by

    @property
    def points(self) -> float:
        """What the item earned the county (the upward scheme's points)."""
        return round(sum(s.points for s in _read(self._scores) if s.scheme == "upward"), 2)

    @property
    def units(self) -> list[str]:
        """Its unit, then the other units of a joint item."""
        return [self.sub.unit, *self.sub.joint]

    def __repr__(self) -> str:
        return f"Item({self.id!r}, {self.title!r}, {self.status})"

    def copy(self) -> Item:
        """A copy a fold may change without touching this item (its fields are replaced, never
        changed in place, so they are shared)."""
        return copy.copy(self)


@dataclass(slots=True)
class Commission:
    id: str
    title: str
    unit: str
    person: str | None
    deadline: dt.date
    topic: str | None
    at: dt.datetime
    item: str | None = None
    fulfilled_at: dt.datetime | None = None
    followups: list[E.FollowedUp] = field(default_factory=list)


# Look-ups built on first use, by cache key: the event type each indexes (None: the whole
# log) and its key. `fold` extends them with a tail rather than building them again.
_INDEXES: dict[str, tuple[type | None, Callable[[Any], Any]]] = {
    "adoptions": (E.ItemAdopted, attrgetter("id")),
    "adoption_facts": (E.ItemAdopted, attrgetter("item", "channel", "issue")),
    "score_sources": (E.Scored, attrgetter("scheme", "source")),
    "comments": (E.LeaderCommented, attrgetter("id")),
    "topics": (E.TopicPlanned, attrgetter("topic")),
    "meetings": (E.MeetingHeld, attrgetter("meeting")),
    "events": (None, attrgetter("id")),
}


class State:
    """The record as of a moment.

    The fold itself only files events by type (each list stays in application order) and
    applies registrations; items, the event index and commissions are built on first use,
    so a report that needs only the ledger never pays for per-item objects.
    """

    def __init__(self, as_of: dt.datetime | None = None, known_at: dt.datetime | None = None) -> None:
        self.as_of = as_of
        self.known_at = known_at
        self.log: list[Event] = []  # every applied event, voided ones included, in order
        self.by_type: dict[type, list] = defaultdict(list)  # voided and superseded events left out
        self.voids: dict[str, E.EventVoided] = {}  # by target: the voids as written that stand (not restored)
        self.voided: dict[str, E.EventVoided] = {}  # ... and the events they take along
        self.superseded: dict[str, str] = {}  # a repeated fact -> the event that counts
        self.voided_items: dict[str, E.EventVoided] = {}  # item -> the void of its submission
        self.units: dict[str, E.UnitRegistered] = {}
        self.people: dict[str, E.PersonRegistered] = {}
        self.channels: dict[str, E.ChannelRegistered] = {}
        self.rulesets: list[E.RulesSet] = []
        self.targets: list[E.TargetSet] = []
        self.last_at: dt.datetime | None = None
        self._cache: dict[str, object] = {}

    # --- typed views, in application order ---------------------------------------

    def of(self, cls: type[T]) -> list[T]:
        return self.by_type.get(cls, [])

    @property
    def count(self) -> int:
        return len(self.log)

    @property
    def submissions(self) -> list[E.ItemSubmitted]:
        return self.of(E.ItemSubmitted)

    @property
    def scores(self) -> list[E.Scored]:
        return self.of(E.Scored)

    @property
    def bulletins(self) -> list[E.BulletinPublished]:
        return self.of(E.BulletinPublished)

    @property
    def assertions(self) -> list[E.ScoreAsserted]:
        return self.of(E.ScoreAsserted)

    @property
    def rankings(self) -> list[E.RankingRecorded]:
        return self.of(E.RankingRecorded)

    @property
    def followups(self) -> list[E.FollowedUp]:
        return self.of(E.FollowedUp)

    @property
    def adoptions(self) -> dict[str, E.ItemAdopted]:
        return self._index("adoptions")

    @property
    def comments(self) -> dict[str, E.LeaderCommented]:
        return self._index("comments")

    @property
    def topics(self) -> dict[str, E.TopicPlanned]:
        return self._index("topics")

    @property
    def meetings(self) -> dict[str, E.MeetingHeld]:
        """The weekly consultation meetings by code, in the order they were held."""
        return self._index("meetings")

    @property
    def events(self) -> dict[str, Event]:
        """Every applied event by id (voided ones too)."""
        return self._index("events")

    # --- built on first use --------------------------------------------------------

    @property
    def items(self) -> dict[str, Item]:
        return self._built()[0]

    @property
    def commissions(self) -> dict[str, Commission]:
        return self._built()[1]

    @property
    def dangling(self) -> list[tuple[str, str]]:
        """Events that refer to something unknown: (event id, reason)."""
        return self._built()[2]

    def memo(self, key: str, make: Callable[[], T]) -> T:
        """A value derived from this state, built on first use; a fold's new state starts afresh."""
        return self._cached(key, make)

    def _cached(self, key: str, make):
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    def _index(self, key: str) -> Any:
        if key not in self._cache:
            indexed, key_of = _INDEXES[key]
            evs = self.log if indexed is None else self.of(indexed)
            self._cache[key] = dict(zip(map(key_of, evs), evs, strict=True))
        return self._cache[key]

    def _built(self) -> tuple[dict[str, Item], dict[str, Commission], list[tuple[str, str]]]:
        b: _Builder = self._cached("builder", lambda: _Builder(self).run(self.log))
        return b.items, b.commissions, b.dangling

    def _successor(self) -> State:
        """A new State to continue this one with a tail: it shares every list and dict, which
        `fold` then replaces instead of changing, so this State stays as it was."""
        new = copy.copy(self)
        new.by_type = defaultdict(list, self.by_type)
        new._cache = {}
        return new


T = TypeVar("T")
_ID = attrgetter("id")
_TAKEN = (E.ItemAdopted, E.LeaderCommented, E.Scored)  # what a void takes along, or a repeat supersedes


def fold(
    events: Iterable[Event],
    as_of: dt.datetime | None = None,
    state: State | None = None,
    known_at: dt.datetime | None = None,
    *,
    filed: dict[type, list[Event]] | None = None,
    plain: bool = False,
) -> State:
    """Apply events (already in (business time, id) order) recorded by `known_at` and
    dated up to `as_of`, corrections whatever their date (see the module docstring).
    `filed`: the same events filed by type, in order, if the caller has them (`journal.load`
    does), which spares a pass over them all when none is cut off.

    Passing an existing `state` continues it with a tail of newer events (the live view) in a
    new State; `state` itself never changes, so a screen may go on reading it in a thread.
    A tail that voids or repeats something, or that sorts before what was folded, is folded
    again from the start, so the result never depends on how the events arrived. `plain`: the
    caller knows the tail needs no such refold (`plain_range`), so its look-ups are not built.
    """
    evs = events if isinstance(events, list) else list(events)
    if state is not None:
        as_of, known_at = state.as_of, state.known_at
    if known_at is not None:
        evs = known_by(evs, known_at)
    if as_of is not None and evs and evs[-1].at > as_of:
        evs = [ev for ev in evs if ev.at <= as_of or type(ev) in E.CORRECTIONS]
    if state is not None and not evs:
        return state
    if state is not None and state.log and not plain and _refold(state, evs):
        merged = sorted({ev.id: ev for ev in [*state.log, *evs]}.values(), key=lambda e: (e.at, e.id))
        return fold(merged, as_of=as_of, known_at=known_at)
    fresh = state is None or not state.log
    st = state._successor() if state is not None else State(as_of=as_of, known_at=known_at)
    prior = state._cache if state is not None else {}
    builder = prior.get("builder")
    was_enabled = gc.isenabled()
    gc.disable()  # many small objects and no cycles: spare the collector
    try:
        st.log = [*st.log, *evs]
        by_type = st.by_type
        added: dict[type, list] = defaultdict(list)
        if filed is not None and evs is events and state is None:
            added.update(filed)
        else:
            for ev in evs:
                added[type(ev)].append(ev)
        for cls, bucket in added.items():
            held = by_type.get(cls)
            by_type[cls] = [*held, *bucket] if held else bucket
        if fresh:  # a tail never corrects or repeats (see `_refold`)
            st.voids = standing(added.get(E.EventVoided, []))
            settled = settle(by_type, st.voids)
            st.voided, st.superseded, st.voided_items = settled.voided, settled.superseded, settled.voided_items
            gone = st.voided.keys() | st.superseded.keys()
            # an explicit void may name an event of any type; the rest are adoptions, comments, scores
            for cls in [c for c in by_type if c is not E.EventVoided] if st.voids else _TAKEN:
                if gone and by_type.get(cls):
                    bucket = by_type[cls]
                    by_type[cls] = list(compress(bucket, map(not_, map(gone.__contains__, map(_ID, bucket)))))
        _registrations(st, added)
        # a tail extends what was already built instead of rebuilding
        if isinstance(builder, _Builder):
            st._cache["builder"] = builder.fork(st).run(evs)
        for key, (indexed, key_of) in _INDEXES.items():
            index = prior.get(key)
            if isinstance(index, dict):
                tail = evs if indexed is None else added.get(indexed)
                if tail:
                    index = dict(index)
                    index.update(zip(map(key_of, tail), tail, strict=True))
                st._cache[key] = index
    finally:
        if was_enabled:
            gc.enable()
    st.last_at = _last_at(evs, as_of) or st.last_at
    return st


def _refold(state: State, evs: list[Event]) -> bool:
    """Whether a tail must be folded with everything before it: it sorts before what was
    folded, voids something or was voided already (a void dated before its target), repeats
    a fact (an adoption, a source's score in a scheme, here or in the tail itself), overrides
    a score, or hangs on something that no longer counts."""
    last, first = state.log[-1], evs[0]
    if (first.at, first.id) < (last.at, last.id):
        return True
    facts: set[tuple] = set()
    sources: set[tuple] = set()
    for ev in evs:
        if type(ev) is E.EventVoided or ev.id in state.voided or getattr(ev, "item", None) in state.voided_items:
            return True
        if isinstance(ev, E.ItemAdopted):
            fact = (ev.item, ev.channel, ev.issue)
            if fact in facts or _adopted_before(state, ev):
                return True
            facts.add(fact)
        if isinstance(ev, E.Scored):
            if ev.replaces:
                return True
            if ev.source:
                slot = (ev.scheme, ev.source)
                if slot in sources or ev.source in state.voided or ev.source in state.superseded:
                    return True
                if _scored_before(state, ev):
                    return True
                sources.add(slot)
    return False


def _own_item(state: State, item_id: str | None) -> Item | None:
    """The item whose own adoptions and scores are all the state holds of them: where the
    items are built and no event was left dangling (an adoption or score of an item not yet
    submitted is in the state's lists but on no item). None: ask the state's look-ups."""
    builder = state._cache.get("builder")
    if item_id is None or not isinstance(builder, _Builder) or builder.dangling:
        return None
    return builder.items.get(item_id)


def _adopted_before(state: State, ev: E.ItemAdopted) -> bool:
    """Whether `state` holds the adoption `ev` states (item, channel, issue): looked up on its
    item where that says all (a few entries), else in a look-up of every adoption (tens of
    megabytes at a million events, built once)."""
    item = _own_item(state, ev.item)
    if item is None:
        return (ev.item, ev.channel, ev.issue) in state._index("adoption_facts")
    return any(a.channel == ev.channel and a.issue == ev.issue for a in item.adoptions)


def _scored_before(state: State, ev: E.Scored) -> bool:
    """Whether `state` holds a score of `ev`'s source in its scheme (as `_adopted_before`)."""
    item = _own_item(state, ev.item)
    if item is None:
        return (ev.scheme, ev.source) in state._index("score_sources")
    return any(s.source == ev.source and s.scheme == ev.scheme for s in item.scores)


def _last_at(evs: list[Event], as_of: dt.datetime | None) -> dt.datetime | None:
    """The business time of the last event within the cut (a correction may lie beyond it)."""
    for ev in reversed(evs):
        if as_of is None or ev.at <= as_of:
            return ev.at
    return None


def _registrations(st: State, added: dict[type, list]) -> None:
    """Registrations take effect in order: a later one for the same code edits it. Each kind is
    a table of its own, so each is read from its own bucket of the new events, not the log.

    The tables are replaced, not changed, when the tail registers something (see `fold`)."""

    def new(cls: type[T]) -> list[T]:
        return [ev for ev in added.get(cls, ()) if ev.id not in st.voids]

    if units := new(E.UnitRegistered):
        st.units = {**st.units, **{ev.unit: ev for ev in units}}
    if people := new(E.PersonRegistered):
        st.people = {**st.people, **{ev.person: ev for ev in people}}
    if channels := new(E.ChannelRegistered):
        st.channels = {**st.channels, **{ev.channel: ev for ev in channels}}
    if rulesets := new(E.RulesSet):
        st.rulesets = sorted([*st.rulesets, *rulesets], key=rules.ruleset_order)  # `rules.in_force` bisects
    if targets := new(E.TargetSet):
        st.targets = [*st.targets, *targets]


class _Builder:
    """Replays item-related events, in order, into `Item`s and `Commission`s."""

    def __init__(self, st: State) -> None:
        self.st = st
        self.items: dict[str, Item] = {}
        self.commissions: dict[str, Commission] = {}
        self.dangling: list[tuple[str, str]] = []
        # after `fork`: the ids of the items and commissions this builder made or copied; the
        # others still belong to the earlier state too, and are copied before they change
        self.own_items: set[str] | None = None
        self.own_commissions: set[str] | None = None

    def run(self, events: list[Event]) -> _Builder:
        handlers = _HANDLERS
        voided, superseded = self.st.voided, self.st.superseded
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            for ev in events:
                handler = handlers.get(type(ev))
                if handler is not None and ev.id not in voided and ev.id not in superseded:
                    handler(self, ev)
        finally:
            if was_enabled:
                gc.enable()
        return self

    def fork(self, st: State) -> _Builder:
        """A builder for `st`, the successor of this builder's state, that leaves the items and
        commissions it shares with that state as they are."""
        b = copy.copy(self)
        b.st = st
        b.items, b.commissions, b.dangling = dict(self.items), dict(self.commissions), list(self.dangling)
        b.own_items, b.own_commissions = set(), set()
        return b

    def item(self, item_id: str) -> Item | None:
        """The item to change: after a fork, a copy of it the first time."""
        item = self.items.get(item_id)
        if item is not None and self.own_items is not None and item_id not in self.own_items:
            item = self.items[item_id] = item.copy()
            self.own_items.add(item_id)
        return item

    def commission(self, commission_id: str) -> Commission | None:
        """The commission to change: after a fork, a copy of it the first time."""
        com = self.commissions.get(commission_id)
        if com is not None and self.own_commissions is not None and commission_id not in self.own_commissions:
            com = self.commissions[commission_id] = dataclasses.replace(com, followups=list(com.followups))
            self.own_commissions.add(commission_id)
        return com

    def add_item(self, item: Item) -> None:
        self.items[item.id] = item
        if self.own_items is not None:
            self.own_items.add(item.id)

    def add_commission(self, com: Commission) -> None:
        self.commissions[com.id] = com
        if self.own_commissions is not None:
            self.own_commissions.add(com.id)


# --- handlers ------------------------------------------------------------------------


def _item_or_report(st: _Builder, ev: Event, item_id: str) -> Item | None:
    item = st.item(item_id)
    if item is None and item_id not in st.st.voided_items:  # a voided submission takes its events along
        st.dangling.append((ev.id, f"refers to unknown item {item_id}"))
    return item


def _submitted(st: _Builder, ev: E.ItemSubmitted) -> None:
    if ev.item in st.items:
        first = st.items[ev.item].submission.id
        st.dangling.append((ev.id, f"item id {ev.item} is already taken (also {first}); void one and record it again"))
        return
    for unit in (ev.unit, *ev.joint):
        if unit not in st.st.units:
            st.dangling.append((ev.id, f"item {ev.item}: unit {unit} is not registered"))
    st.add_item(Item(ev))
    if ev.commission:
        com = st.commission(ev.commission)
        if com is None:
            st.dangling.append((ev.id, f"item {ev.item}: commission {ev.commission} is unknown"))
        elif com.item is None:
            com.item, com.fulfilled_at = ev.item, ev.at


# What an event does to its item, given that it applies: one function per type, used by the
# builder and by `_item_before` (which replays an item's own events up to a cut).


def _amend(item: Item, ev: E.ItemAmended) -> None:
    assert item._events is not None, "the amendment is added to the item's events first"  # keeps the submission
    fields = ("title", "unit", "authors", "category", "text", "joint")
    changes = {f: getattr(ev, f) for f in fields if getattr(ev, f) is not None}
    item.sub = msgspec.structs.replace(item.sub, **changes)


def _forward(item: Item, ev: E.ItemForwarded) -> None:
    new = [ch for ch in ev.channels if ch not in item.channels]
    if new:
        item._channels = [*item.channels, *new]
    if item.forwarded_at is None:
        item.forwarded_at = ev.at
    if item.status == "submitted":
        item.status = "forwarded"


def _return(item: Item, ev: E.ItemReturned) -> None:
    item.status = "returned"


def _withdraw(item: Item, ev: E.ItemWithdrawn) -> None:
    item.status = "withdrawn"


def _adopt(item: Item, ev: E.ItemAdopted) -> None:
    item._adoptions = _held(item._adoptions, ev)
    item.status = "adopted"


def _score(item: Item, ev: E.Scored) -> None:
    item._scores = _held(item._scores, ev)


def _comment(item: Item, ev: E.LeaderCommented) -> None:
    item._comments = _held(item._comments, ev)


_ITEM_EFFECTS: dict[type, Callable[[Item, Any], None]] = {
    E.ItemAmended: _amend,
    E.ItemForwarded: _forward,
    E.ItemReturned: _return,
    E.ItemWithdrawn: _withdraw,
    E.ItemAdopted: _adopt,
    E.Scored: _score,
    E.LeaderCommented: _comment,
}


def _item_before(item: Item, key: tuple[dt.datetime, str]) -> Item | None:
    """`item` as it stood before the events from `key` (in log order) on: its own events
    replayed up to there, None if it was submitted later. Exact where the events that apply to
    it before `key` are the same in both states (see `truncate`)."""
    evs = item.events
    n = bisect_left(evs, key, key=order_key)
    if n == 0:
        return None
    if n == len(evs):
        return item
    new = Item(evs[0])  # type: ignore[arg-type]
    for ev in evs[1:n]:
        new.add_event(ev)  # before its effect, as in `_on_item`
        effect = _ITEM_EFFECTS.get(type(ev))
        if effect is not None:
            effect(new, ev)
    return new


def _on_item(st: _Builder, ev: Any) -> None:
    """An event that changes only its item: the item's effect (`_ITEM_EFFECTS`, shared with
    `_item_before`) applied, and the event added to the item's own: first, while `sub` is the
    submission as recorded (the first event an item adds keeps it, see `Item.add_event`)."""
    item = _item_or_report(st, ev, ev.item)
    if item is not None:
        item.add_event(ev)
        _ITEM_EFFECTS[type(ev)](item, ev)


def _adopted(st: _Builder, ev: E.ItemAdopted) -> None:
    item = _item_or_report(st, ev, ev.item)
    if item is None:
        return
    if ev.channel not in st.st.channels:
        st.dangling.append((ev.id, f"item {ev.item}: channel {ev.channel} is not registered"))
    _adopt(item, ev)
    item.add_event(ev)


def _scored(st: _Builder, ev: E.Scored) -> None:
    if ev.item:  # a score by hand for a unit or officer names no item
        _on_item(st, ev)


def _bulletin(st: _Builder, ev: E.BulletinPublished) -> None:
    for item_id in ev.items:
        item = _item_or_report(st, ev, item_id)
        if item is not None:
            item.add_event(ev)


def _commissioned(st: _Builder, ev: E.Commissioned) -> None:
    if ev.topic and ev.topic not in st.st.topics:
        st.dangling.append((ev.id, f"commission {ev.commission}: topic {ev.topic} is unknown"))
    st.add_commission(
        Commission(
            id=ev.commission,
            title=ev.title,
            unit=ev.unit,
            person=ev.person,
            deadline=ev.deadline,
            topic=ev.topic,
            at=ev.at,
        )
    )


def _fulfilled(st: _Builder, ev: E.CommissionFulfilled) -> None:
    com = st.commission(ev.commission)
    if com is None:
        st.dangling.append((ev.id, f"commission {ev.commission} is unknown"))
        return
    item = _item_or_report(st, ev, ev.item)
    if item is not None:
        com.item, com.fulfilled_at = ev.item, ev.at
        item.add_event(ev)


def _followed_up(st: _Builder, ev: E.FollowedUp) -> None:
    if ev.commission:
        com = st.commission(ev.commission)
        if com is None:
            st.dangling.append((ev.id, f"commission {ev.commission} is unknown"))
        else:
            com.followups.append(ev)
    if ev.item:
        item = _item_or_report(st, ev, ev.item)
        if item is not None:
            item.add_event(ev)


def _voided(st: _Builder, ev: E.EventVoided) -> None:
    target = st.st.events.get(ev.target)
    if target is None:
        st.dangling.append((ev.id, f"voids unknown event {ev.target}"))
        return
    item_id = getattr(target, "item", None)
    item = st.item(item_id) if isinstance(item_id, str) else None
    if item is not None:
        item.add_event(ev)


_HANDLERS: dict[type, Callable] = {
    E.ItemSubmitted: _submitted,
    E.ItemAmended: _on_item,
    E.ItemForwarded: _on_item,
    E.ItemReturned: _on_item,
    E.ItemWithdrawn: _on_item,
    E.ItemAdopted: _adopted,
    E.Scored: _scored,
    E.LeaderCommented: _on_item,
    E.BulletinPublished: _bulletin,
    E.Commissioned: _commissioned,
    E.CommissionFulfilled: _fulfilled,
    E.FollowedUp: _followed_up,
    E.EventVoided: _voided,
}


def recut(st: State, as_of: dt.datetime | None, last_at: dt.datetime | None) -> State:
    """`st` as a state cut at `as_of`, for one whose events already are exactly those a fold
    with that cut keeps (a prefix of the log and the later corrections, see `core.travel`).

    A new State sharing `st`'s lists and what it built (neither ever changes); only the cut and
    the last business time differ, which the fold would have set from `as_of`."""
    new = copy.copy(st)
    new._cache = dict(st._cache)
    new.as_of, new.last_at = as_of, last_at
    return new


def ready_to_continue(st: State) -> State:
    """Build now what folding a tail into `st` reads and extends: its items (which tell
    whether the tail repeats a fact, `_adopted_before`) and the look-ups of adoptions and
    comments. Else the first tail builds them from the whole log, a second or more at a
    million events, while someone waits for it."""
    _ = st.items
    for key in ("adoptions", "comments"):
        st._index(key)
    return st


def uncycle(st: State) -> State:
    """Let reference counting free `st` once nobody holds it: its item builder, done with its
    run, keeps only a weak reference back to it. The app freezes its long-lived objects out of
    the collector's sight (`gc.freeze`), so a state kept alive by that cycle would never be
    freed, and each step in time or poll would leak one. A fork (`fold` with a tail) gives
    its builder a strong reference to the new state, which this undoes again."""
    builder = st._cache.get("builder")
    # `type`, not `isinstance`: a proxy whose state is gone raises on any other question
    if isinstance(builder, _Builder) and type(builder.st) is not weakref.ProxyType:
        builder.st = weakref.proxy(builder.st)
    return st


_REGISTRY = (E.UnitRegistered, E.PersonRegistered, E.ChannelRegistered, E.RulesSet, E.TargetSet)
_COMMISSION_EVENTS = (E.Commissioned, E.CommissionFulfilled)
_ITEM = attrgetter("item")
_COMMISSION = attrgetter("commission")


def plain_range(whole: State, lo: int, hi: int, base: State) -> bool:
    """Whether `whole.log[lo:hi]` continues `base`, a fold of `whole.log[:lo]`, as a plain tail
    (no refold), decided from what `whole` (a fold of a log that holds the range, no cut) and
    `base` settled rather than from look-ups built for `base`: the range voids nothing,
    overrides no score, and none of its events is voided, superseded, hangs on a voided item
    or score source (in either: a void `base` holds may be undone later in `whole`), or
    supersedes an event before it. Conservative: a range `_refold` would pass may be refused,
    never the other way round."""
    if whole.as_of is not None or whole.known_at is not None:
        return False
    return _plain([whole, base], _by_type(whole.log[lo:hi]))


def _by_type(evs: list[Event]) -> dict[type, list]:
    out: dict[type, list] = defaultdict(list)
    for ev in evs:
        out[type(ev)].append(ev)
    return out


def _plain(settled: list[State], range_by_type: dict[type, list]) -> bool:
    if E.EventVoided in range_by_type:
        return False
    ids = {ev.id for bucket in range_by_type.values() for ev in bucket}
    for st in settled:
        voided, superseded, voided_items = st.voided, st.superseded, st.voided_items
        for scored in range_by_type.get(E.Scored, ()):
            if scored.replaces or scored.source in voided or scored.source in superseded:
                return False
        if not ids.isdisjoint(voided) or not ids.isdisjoint(superseded) or not ids.isdisjoint(superseded.values()):
            return False
        if voided_items:
            for bucket in range_by_type.values():
                if any(getattr(ev, "item", None) in voided_items for ev in bucket):
                    return False
    return True


def truncate(whole: State, i: int) -> State | None:
    """`fold(whole.log[:i])` with its items built, made from `whole` (a fold with no cut and
    its items built: the live state, or a longer prefix) in time proportional to the events
    from `i` on, not to the items: the items those events do not name are `whole`'s own Item
    objects (shared, never changed: a fold copies an item before changing it), the others are
    replayed from their own events up to `i`. None where that shortcut would not be exact (the
    events from `i` on correct, repeat or override, concern a commission, or register a code
    the prefix lacks); the caller then folds."""
    builder = whole._cache.get("builder")
    if not isinstance(builder, _Builder) or not 0 < i < len(whole.log) or whole.as_of or whole.known_at:
        return None
    was_enabled = gc.isenabled()
    gc.disable()  # many small objects and no cycles, as in `fold`
    try:
        plan = _cut_plan(whole, i)
        return None if plan is None else _truncate(whole, builder, i, *plan)
    finally:
        if was_enabled:
            gc.enable()


def truncatable(whole: State, i: int) -> bool:
    """Whether `truncate(whole, i)` makes the prefix (rather than leave it to a fold), told
    from the events from `i` on and the registry only, without building anything: quick for
    a short tail. Its one miss is rare (items not in order of submission): truncate may still
    refuse where this says yes, never the other way round."""
    builder = whole._cache.get("builder")
    if not isinstance(builder, _Builder) or not 0 < i < len(whole.log) or whole.as_of or whole.known_at:
        return False
    return _cut_plan(whole, i) is not None


def _cut_plan(whole: State, i: int) -> tuple[dict[type, list], State] | None:
    """What `_truncate` starts from, or None where it would not be exact: the events from `i`
    on by type, and a State holding the prefix's registry (the voids and the rest shared with
    `whole`)."""
    log = whole.log
    tail = _by_type(log[i:])
    if any(cls in tail for cls in _COMMISSION_EVENTS) or not _plain([whole], tail):
        return None
    if any(map(_COMMISSION, tail.get(E.ItemSubmitted, ()))) or any(map(_COMMISSION, tail.get(E.FollowedUp, ()))):
        return None
    st = State()
    key = order_key(log[i])
    st.voids, st.voided, st.superseded, st.voided_items = (
        whole.voids,
        whole.voided,
        whole.superseded,
        whole.voided_items,
    )
    registry = {cls: whole.by_type.get(cls, []) for cls in (*_REGISTRY, E.TopicPlanned)}
    _registrations(st, {cls: bucket[: bisect_left(bucket, key, key=order_key)] for cls, bucket in registry.items()})
    topics = {t.topic for t in registry[E.TopicPlanned] if order_key(t) < key}
    if (
        any(ev.unit not in st.units for ev in tail.get(E.UnitRegistered, ()))
        or any(ev.channel not in st.channels for ev in tail.get(E.ChannelRegistered, ()))
        or any(ev.topic not in topics for ev in tail.get(E.TopicPlanned, ()))
    ):
        return None  # a code registered later changes what the builder reported of earlier events
    return tail, st


def _truncate(whole: State, builder: _Builder, i: int, tail: dict[type, list], st: State) -> State | None:
    log = whole.log
    key = order_key(log[i])
    for cls, bucket in whole.by_type.items():
        n = bisect_left(bucket, key, key=order_key)
        if n:
            st.by_type[cls] = bucket if n == len(bucket) else bucket[:n]
    dirty: set[str] = set()
    for cls, bucket in tail.items():
        if cls is E.BulletinPublished:
            for ev in bucket:
                dirty.update(ev.items)
        elif cls is E.Scored or cls is E.FollowedUp:
            dirty.update(filter(None, map(_ITEM, bucket)))
        elif "item" in getattr(cls, "__struct_fields__", ()):
            dirty.update(map(_ITEM, bucket))
    st.log = log[:i]
    st.last_at = log[i - 1].at
    # a copy of the table, not of the items; those submitted from `i` on are its last entries
    # (it is in order of submission), taken off the end so that the copy stays compact (a dict
    # with holes is copied entry by entry, ten times slower, by the next step's fork)
    whole_items = builder.items
    items = dict(whole_items)
    for s in tail.get(E.ItemSubmitted, ()):
        made = whole_items.get(s.item)
        if made is not None and made.submission is s:
            items.popitem()
    for item_id in dirty:
        item = items.get(item_id)
        if item is not None:
            before = _item_before(item, key)
            if before is None:  # not in order of submission after all: fold instead
                return None
            items[item_id] = before
    b = _Builder(st)
    b.items, b.commissions = items, builder.commissions  # no commission event from `i` on
    tail_ids = {ev.id for bucket in tail.values() for ev in bucket}
    b.dangling = [d for d in builder.dangling if d[0] not in tail_ids]
    st._cache["builder"] = b
    return uncycle(st)
