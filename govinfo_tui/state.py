"""The fold: events in (business time, id) order become a `State`; replay as of any moment.

`State` holds what the record says, nothing computed for a period: those are queries.
Events that refer to something unknown are kept out of the state and listed in
`State.dangling` with the reason, for `check` and the problems screen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from . import events as E
from .events import Event

OFFICE_TZ = dt.timezone(dt.timedelta(hours=8))


@dataclass(slots=True)
class Item:
    id: str
    title: str
    unit: str
    authors: list[str]
    category: str
    channels: list[str]
    submitted_at: dt.datetime
    submitted_by: str
    urgent: bool = False
    occurred_at: dt.datetime | None = None
    report_kind: str | None = None
    commission: str | None = None
    text: str = ""
    status: str = "submitted"
    forwarded_at: dt.datetime | None = None
    adoptions: list[E.ItemAdopted] = field(default_factory=list)
    comments: list[E.LeaderCommented] = field(default_factory=list)
    scores: list[E.Scored] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @property
    def points(self) -> float:
        return round(sum(s.points for s in self.scores), 2)


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


@dataclass
class State:
    as_of: dt.datetime | None = None
    units: dict[str, E.UnitRegistered] = field(default_factory=dict)
    people: dict[str, E.PersonRegistered] = field(default_factory=dict)
    channels: dict[str, E.ChannelRegistered] = field(default_factory=dict)
    rulesets: list[E.RulesSet] = field(default_factory=list)
    targets: list[E.TargetSet] = field(default_factory=list)
    items: dict[str, Item] = field(default_factory=dict)
    adoptions: dict[str, E.ItemAdopted] = field(default_factory=dict)
    comments: dict[str, E.LeaderCommented] = field(default_factory=dict)
    scores: list[E.Scored] = field(default_factory=list)
    bulletins: list[E.BulletinPublished] = field(default_factory=list)
    topics: dict[str, E.TopicPlanned] = field(default_factory=dict)
    commissions: dict[str, Commission] = field(default_factory=dict)
    assertions: list[E.ScoreAsserted] = field(default_factory=list)
    rankings: list[E.RankingRecorded] = field(default_factory=list)
    followups: list[E.FollowedUp] = field(default_factory=list)
    voids: dict[str, E.EventVoided] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    dangling: list[tuple[str, str]] = field(default_factory=list)  # (event id, reason)
    last_at: dt.datetime | None = None
    count: int = 0


def as_of_end(day: dt.date) -> dt.datetime:
    """The last moment of `day` in the office's time zone."""
    return dt.datetime.combine(day, dt.time.max, tzinfo=OFFICE_TZ)


def fold(events: Iterable[Event], as_of: dt.datetime | None = None, state: State | None = None) -> State:
    """Apply events (already in order) up to and including `as_of`.

    Passing an existing `state` continues it: the live view folds only the new tail,
    provided the tail is later than everything folded so far (else reload).
    """
    evs = events if isinstance(events, list) else list(events)
    st = state if state is not None else State(as_of=as_of)
    if as_of is not None:
        evs = [ev for ev in evs if ev.at <= as_of] if evs and evs[-1].at > as_of else evs
    for ev in evs:
        if type(ev) is E.EventVoided:
            st.voids[ev.target] = ev
    voided = st.voids
    handlers = _HANDLERS
    all_events = st.events
    for ev in evs:
        all_events[ev.id] = ev
        if ev.id in voided:
            continue
        handlers[type(ev)](st, ev)
    if evs:
        st.count = len(all_events)
        last = evs[-1].at
        if st.last_at is None or last > st.last_at:
            st.last_at = last
    return st


# --- handlers ------------------------------------------------------------------------


def _unit(st: State, ev: E.UnitRegistered) -> None:
    if ev.parent and ev.parent not in st.units and ev.parent != ev.unit:
        st.dangling.append((ev.id, f"unit {ev.unit}: parent {ev.parent} is not registered"))
    st.units[ev.unit] = ev


def _person(st: State, ev: E.PersonRegistered) -> None:
    if ev.unit not in st.units:
        st.dangling.append((ev.id, f"person {ev.person}: unit {ev.unit} is not registered"))
    st.people[ev.person] = ev


def _channel(st: State, ev: E.ChannelRegistered) -> None:
    st.channels[ev.channel] = ev


def _rules(st: State, ev: E.RulesSet) -> None:
    st.rulesets.append(ev)


def _target(st: State, ev: E.TargetSet) -> None:
    st.targets.append(ev)


def _item_or_report(st: State, ev: Event, item_id: str) -> Item | None:
    item = st.items.get(item_id)
    if item is None and not _item_voided(st, item_id):
        st.dangling.append((ev.id, f"refers to unknown item {item_id}"))
    return item


def _item_voided(st: State, item_id: str) -> bool:
    # a voided submission takes its item's later events with it, quietly
    for target in st.voids:
        ev = st.events.get(target)
        if type(ev) is E.ItemSubmitted and ev.item == item_id:
            return True
    return False


def _submitted(st: State, ev: E.ItemSubmitted) -> None:
    if ev.item in st.items:
        st.dangling.append((ev.id, f"item id {ev.item} is already taken; void one and record it again"))
        return
    if ev.unit not in st.units:
        st.dangling.append((ev.id, f"item {ev.item}: unit {ev.unit} is not registered"))
    item = Item(
        id=ev.item,
        title=ev.title,
        unit=ev.unit,
        authors=list(ev.authors),
        category=ev.category,
        channels=list(ev.channels),
        submitted_at=ev.at,
        submitted_by=ev.by,
        urgent=ev.urgent,
        occurred_at=ev.occurred_at,
        report_kind=ev.report_kind,
        commission=ev.commission,
        text=ev.text,
        events=[ev],
    )
    st.items[ev.item] = item
    if ev.commission:
        com = st.commissions.get(ev.commission)
        if com is None:
            st.dangling.append((ev.id, f"item {ev.item}: commission {ev.commission} is unknown"))
        elif com.item is None:
            com.item, com.fulfilled_at = ev.item, ev.at


def _amended(st: State, ev: E.ItemAmended) -> None:
    item = _item_or_report(st, ev, ev.item)
    if item is None:
        return
    if ev.title is not None:
        item.title = ev.title
    if ev.unit is not None:
        item.unit = ev.unit
    if ev.authors is not None:
        item.authors = list(ev.authors)
    if ev.category is not None:
        item.category = ev.category
    if ev.text is not None:
        item.text = ev.text
    item.events.append(ev)


def _forwarded(st: State, ev: E.ItemForwarded) -> None:
    item = _item_or_report(st, ev, ev.item)
    if item is None:
        return
    for ch in ev.channels:
        if ch not in item.channels:
            item.channels.append(ch)
    if item.forwarded_at is None:
        item.forwarded_at = ev.at
    if item.status == "submitted":
        item.status = "forwarded"
    item.events.append(ev)


def _returned(st: State, ev: E.ItemReturned) -> None:
    item = _item_or_report(st, ev, ev.item)
    if item is not None:
        item.status = "returned"
        item.events.append(ev)


def _withdrawn(st: State, ev: E.ItemWithdrawn) -> None:
    item = _item_or_report(st, ev, ev.item)
    if item is not None:
        item.status = "withdrawn"
        item.events.append(ev)


def _adopted(st: State, ev: E.ItemAdopted) -> None:
    item = _item_or_report(st, ev, ev.item)
    if item is None:
        return
    if ev.channel not in st.channels:
        st.dangling.append((ev.id, f"item {ev.item}: channel {ev.channel} is not registered"))
    item.adoptions.append(ev)
    item.status = "adopted"
    item.events.append(ev)
    st.adoptions[ev.id] = ev


def _scored(st: State, ev: E.Scored) -> None:
    st.scores.append(ev)
    if ev.item:
        item = _item_or_report(st, ev, ev.item)
        if item is not None:
            item.scores.append(ev)
            item.events.append(ev)


def _commented(st: State, ev: E.LeaderCommented) -> None:
    item = _item_or_report(st, ev, ev.item)
    if item is None:
        return
    item.comments.append(ev)
    item.events.append(ev)
    st.comments[ev.id] = ev


def _bulletin(st: State, ev: E.BulletinPublished) -> None:
    st.bulletins.append(ev)
    for item_id in ev.items:
        item = _item_or_report(st, ev, item_id)
        if item is not None:
            item.events.append(ev)


def _topic(st: State, ev: E.TopicPlanned) -> None:
    st.topics[ev.topic] = ev


def _commissioned(st: State, ev: E.Commissioned) -> None:
    if ev.topic and ev.topic not in st.topics:
        st.dangling.append((ev.id, f"commission {ev.commission}: topic {ev.topic} is unknown"))
    st.commissions[ev.commission] = Commission(
        id=ev.commission,
        title=ev.title,
        unit=ev.unit,
        person=ev.person,
        deadline=ev.deadline,
        topic=ev.topic,
        at=ev.at,
    )


def _fulfilled(st: State, ev: E.CommissionFulfilled) -> None:
    com = st.commissions.get(ev.commission)
    if com is None:
        st.dangling.append((ev.id, f"commission {ev.commission} is unknown"))
        return
    item = _item_or_report(st, ev, ev.item)
    if item is not None:
        com.item, com.fulfilled_at = ev.item, ev.at
        item.events.append(ev)


def _followed_up(st: State, ev: E.FollowedUp) -> None:
    st.followups.append(ev)
    if ev.commission:
        com = st.commissions.get(ev.commission)
        if com is None:
            st.dangling.append((ev.id, f"commission {ev.commission} is unknown"))
        else:
            com.followups.append(ev)
    if ev.item:
        item = _item_or_report(st, ev, ev.item)
        if item is not None:
            item.events.append(ev)


def _asserted(st: State, ev: E.ScoreAsserted) -> None:
    st.assertions.append(ev)


def _ranked(st: State, ev: E.RankingRecorded) -> None:
    st.rankings.append(ev)


def _voided(st: State, ev: E.EventVoided) -> None:
    target = st.events.get(ev.target)
    if target is None:
        st.dangling.append((ev.id, f"voids unknown event {ev.target}"))
        return
    item_id = getattr(target, "item", None)
    if isinstance(item_id, str) and item_id in st.items:
        st.items[item_id].events.append(ev)


_HANDLERS = {
    E.UnitRegistered: _unit,
    E.PersonRegistered: _person,
    E.ChannelRegistered: _channel,
    E.RulesSet: _rules,
    E.TargetSet: _target,
    E.ItemSubmitted: _submitted,
    E.ItemAmended: _amended,
    E.ItemForwarded: _forwarded,
    E.ItemReturned: _returned,
    E.ItemWithdrawn: _withdrawn,
    E.ItemAdopted: _adopted,
    E.Scored: _scored,
    E.LeaderCommented: _commented,
    E.BulletinPublished: _bulletin,
    E.TopicPlanned: _topic,
    E.Commissioned: _commissioned,
    E.CommissionFulfilled: _fulfilled,
    E.FollowedUp: _followed_up,
    E.ScoreAsserted: _asserted,
    E.RankingRecorded: _ranked,
    E.EventVoided: _voided,
}
