"""What can be wrong with one event, whichever door it came in by.

Every write passes these rules before it reaches the journal (the command line's requests,
the app's forms and `govinfo append` alike), and `check` applies them to the lines that came
in by hand or by a git merge, so that what a write refuses a reader names. A rule reads what
the record knows (`Known`): a folded `State`, plus the events of a batch being written.

The dates an office records fall in a window worked out from the journal (`Window`): one
year past today at the latest, and at the earliest twenty years before the journal's first
events, so that a mistyped year (2101 for 2011) is caught before it moves every default period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .. import i18n
from . import events as E
from .events import FIRST_YEAR, Event
from .period import PeriodError, parse_period
from .state import Item, State

SPAN_YEARS = 20  # how far back before the journal's first events a date may go
MAX_ID = 64


@dataclass(frozen=True)
class Fault:
    """One thing wrong with an event: a catalogue code and its parameters."""

    code: str
    params: dict[str, object] = field(default_factory=dict)

    def __str__(self) -> str:
        """Worded in the current language; a `kind` (unit, item, event ...) is a word of it too."""
        kind = self.params.get("kind")
        params = {**self.params, "kind": i18n.label("thing", kind)} if isinstance(kind, str) else self.params
        return i18n.t(self.code, None, **params)


# --- what the record knows ----------------------------------------------------------


class Known:
    """The record's codes and events, plus those of a batch being written (see `add`)."""

    def __init__(self, st: State) -> None:
        self.st = st
        self.units: dict[str, E.UnitRegistered] = dict(st.units)
        self.people: set[str] = set(st.people)
        self.channels: set[str] = set(st.channels)
        self.new_items: dict[str, dt.datetime] = {}
        self.new_commissions: dict[str, dt.datetime] = {}
        self.new_topics: set[str] = set()
        self.new_meetings: set[str] = set()
        self.new_events: dict[str, Event] = {}
        self.new_voids: set[str] = set()
        self.undone: set[str] = set()  # voids a void of the batch undoes

    def add(self, ev: Event) -> None:
        self.new_events[ev.id] = ev
        if isinstance(ev, E.UnitRegistered):
            self.units[ev.unit] = ev
        elif isinstance(ev, E.PersonRegistered):
            self.people.add(ev.person)
        elif isinstance(ev, E.ChannelRegistered):
            self.channels.add(ev.channel)
        elif isinstance(ev, E.ItemSubmitted):
            self.new_items.setdefault(ev.item, ev.at)
        elif isinstance(ev, E.Commissioned):
            self.new_commissions.setdefault(ev.commission, ev.at)
        elif isinstance(ev, E.TopicPlanned):
            self.new_topics.add(ev.topic)
        elif isinstance(ev, E.EventVoided):
            self.new_voids.add(ev.target)
            if isinstance(self.event(ev.target), E.EventVoided):
                self.undone.add(ev.target)
        elif isinstance(ev, E.MeetingHeld):
            self.new_meetings.add(ev.meeting)

    @cached_property
    def items(self) -> dict[str, Item]:
        """The record's items, built on first use: a void never needs them."""
        return self.st.items

    def event(self, ev_id: str) -> Event | None:
        return self.new_events.get(ev_id) or self.st.events.get(ev_id)

    def exists(self, ev_id: str) -> bool:
        """Whether an event `ev_id` is on record (`event` is not None), asking the index of every
        event (a million entries, built on first use) only when it is no adoption or comment,
        the events a score's source names."""
        st = self.st
        return ev_id in self.new_events or ev_id in st.adoptions or ev_id in st.comments or ev_id in st.events

    def voided(self, ev_id: str) -> bool:
        standing = self.st.voids.get(ev_id)
        return ev_id in self.new_voids or (standing is not None and standing.id not in self.undone)

    def item_since(self, code: str) -> dt.datetime | None:
        """When item `code` entered the record, or None if it never did."""
        item = self.items.get(code)
        return item.events[0].at if item is not None else self.new_items.get(code)

    def commission_since(self, code: str) -> dt.datetime | None:
        com = self.st.commissions.get(code)
        return com.at if com is not None else self.new_commissions.get(code)

    def has_topic(self, code: str) -> bool:
        return code in self.new_topics or code in self.st.topics

    def has_meeting(self, code: str) -> bool:
        return code in self.new_meetings or code in self.st.meetings


# --- the rules, by event type ---------------------------------------------------------

Rule = Callable[..., Iterable[Fault]]  # each takes (Known, its own event type)


def _blank(**fields: str) -> Iterable[Fault]:
    for name, value in fields.items():
        if not value.strip():
            yield Fault("fault.blank", {"field": name})


# The rules below run over every line `check` reads, so each looks first with a cheap test
# (a set's `issuperset`, a `strip`) and builds a fault only for what fails it. The kinds a
# journal holds by the hundred thousand are first seen by a glance (`_GLANCES`, below) that
# vouches for the sound ones: a rule of such a kind that learns to fault something new needs
# its glance to stop vouching for it too (tests/core/test_sound.py draws events to prove it).


def _short(code: str) -> str:
    """A code as a message quotes it: a megabyte of it helps nobody."""
    return code if len(code) <= MAX_ID else code[:MAX_ID] + "..."


def _unknown(kind: str, codes: Iterable[str], known: set[str] | dict) -> Iterable[Fault]:
    for code in codes:
        if code not in known:
            yield Fault("fault.unknown", {"kind": kind, "code": _short(code)})


def _item(k: Known, ev: Event, code: str) -> Iterable[Fault]:
    """An item referred to must be on record by the event's time (replay applies it then)."""
    since = k.item_since(code)
    if since is not None and since <= ev.at:
        return
    if since is None:
        yield Fault("fault.unknown", {"kind": "item", "code": _short(code)})
    elif since > ev.at:
        yield Fault("fault.before", {"kind": "item", "code": code, "since": since.date()})


def _commission(k: Known, ev: Event, code: str) -> Iterable[Fault]:
    since = k.commission_since(code)
    if since is None:
        yield Fault("fault.unknown", {"kind": "commission", "code": _short(code)})
    elif since > ev.at:
        yield Fault("fault.before", {"kind": "commission", "code": code, "since": since.date()})


def _unit_registered(k: Known, ev: E.UnitRegistered) -> Iterable[Fault]:
    yield from _blank(code=ev.unit, name=ev.name)
    if ev.parent is None:
        return
    if ev.parent == ev.unit:
        yield Fault("fault.own_parent", {"unit": ev.unit})
    elif ev.parent not in k.units:
        yield Fault("check.unregistered_parent", {"unit": ev.unit, "parent": ev.parent})
    else:
        seen = {ev.unit}
        up: str | None = ev.parent
        while up is not None and up not in seen:
            seen.add(up)
            parent = k.units.get(up)
            up = parent.parent if parent is not None else None
        if up == ev.unit:
            yield Fault("fault.parent_cycle", {"unit": ev.unit, "parent": ev.parent})


def _person_registered(k: Known, ev: E.PersonRegistered) -> Iterable[Fault]:
    yield from _blank(code=ev.person, name=ev.name)
    if ev.unit not in k.units:
        yield Fault("check.unregistered_unit", {"person": ev.person, "unit": ev.unit})


def _channel_registered(k: Known, ev: E.ChannelRegistered) -> Iterable[Fault]:
    yield from _blank(code=ev.channel, name=ev.name)


def _rules_set(k: Known, ev: E.RulesSet) -> Iterable[Fault]:
    yield from _blank(ruleset=ev.ruleset)


def _target_set(k: Known, ev: E.TargetSet) -> Iterable[Fault]:
    if not (ev.unit or ev.person):
        yield Fault("fault.target_whom")
    yield from _unknown("unit", [ev.unit] if ev.unit else [], k.units)
    yield from _unknown("person", [ev.person] if ev.person else [], k.people)
    if ev.points < 0:
        yield Fault("fault.negative", {"field": "points", "value": ev.points})


def _item_submitted(k: Known, ev: E.ItemSubmitted) -> Iterable[Fault]:
    if not (ev.item.strip() and ev.title.strip()):
        yield from _blank(item=ev.item, title=ev.title)
    if ev.unit not in k.units or not k.units.keys() >= set(ev.joint):
        yield from _unknown("unit", [ev.unit, *ev.joint], k.units)
    if not k.people.issuperset(ev.authors):
        yield from _unknown("person", ev.authors, k.people)
    if not k.channels.issuperset(ev.channels):
        yield from _unknown("channel", ev.channels, k.channels)
    if ev.commission:
        yield from _commission(k, ev, ev.commission)
    if ev.occurred_at is not None and ev.occurred_at > ev.at:
        yield Fault("fault.occurred_after", {"occurred": ev.occurred_at.isoformat(), "at": ev.at.isoformat()})


def _item_amended(k: Known, ev: E.ItemAmended) -> Iterable[Fault]:
    yield from _item(k, ev, ev.item)
    changes = (ev.title, ev.unit, ev.authors, ev.category, ev.text, ev.joint)
    if all(v is None for v in changes):
        yield Fault("fault.amend_nothing")
    if ev.title is not None:
        yield from _blank(title=ev.title)
    yield from _unknown("unit", [*([ev.unit] if ev.unit is not None else []), *(ev.joint or ())], k.units)
    yield from _unknown("person", ev.authors or [], k.people)


def _item_forwarded(k: Known, ev: E.ItemForwarded) -> Iterable[Fault]:
    yield from _item(k, ev, ev.item)
    if not ev.channels:
        yield Fault("fault.empty", {"field": "channels"})
    if not k.channels.issuperset(ev.channels):
        yield from _unknown("channel", ev.channels, k.channels)


def _item_moved(k: Known, ev: E.ItemReturned | E.ItemWithdrawn) -> Iterable[Fault]:
    yield from _item(k, ev, ev.item)


def _item_adopted(k: Known, ev: E.ItemAdopted) -> Iterable[Fault]:
    yield from _item(k, ev, ev.item)
    if ev.channel not in k.channels:
        yield from _unknown("channel", [ev.channel], k.channels)
    if ev.units:
        yield from _unknown("unit", ev.units, k.units)


def _scored(k: Known, ev: E.Scored) -> Iterable[Fault]:
    if not ev.credits:
        yield Fault("fault.empty", {"field": "credits"})
    for c in ev.credits:
        if c.unit not in k.units or (c.person and c.person not in k.people):
            yield from _unknown("unit", dict.fromkeys(c.unit for c in ev.credits), k.units)
            yield from _unknown("person", dict.fromkeys(c.person for c in ev.credits if c.person), k.people)
            break
    if ev.item:
        yield from _item(k, ev, ev.item)
    if ev.source:
        if not k.exists(ev.source):
            yield Fault("fault.unknown", {"kind": "event", "code": _short(ev.source)})
        elif k.voided(ev.source):
            yield Fault("check.score_of_voided", {"points": ev.points, "source": ev.source})


def _leader_commented(k: Known, ev: E.LeaderCommented) -> Iterable[Fault]:
    yield from _item(k, ev, ev.item)
    if not ev.leader.strip():
        yield from _blank(leader=ev.leader)


def _bulletin_published(k: Known, ev: E.BulletinPublished) -> Iterable[Fault]:
    yield from _unknown("channel", [ev.channel], k.channels)
    if not ev.items:
        yield Fault("fault.empty", {"field": "items"})
    for code in dict.fromkeys(ev.items):
        yield from _item(k, ev, code)
        if ev.items.count(code) > 1:
            yield Fault("fault.listed_twice", {"item": code})
    if abs(ev.year - ev.at.year) > 1:
        yield Fault("fault.year_far", {"year": ev.year, "at": ev.at.date()})


def _topic_planned(k: Known, ev: E.TopicPlanned) -> Iterable[Fault]:
    yield from _blank(topic=ev.topic, title=ev.title)


def _meeting_held(k: Known, ev: E.MeetingHeld) -> Iterable[Fault]:
    yield from _blank(meeting=ev.meeting)
    if not any(name.strip() for name in ev.attendees):
        yield Fault("fault.empty", {"field": "attendees"})
    for code in dict.fromkeys(ev.topics):
        if not k.has_topic(code):
            yield Fault("fault.unknown", {"kind": "topic", "code": _short(code)})
        if ev.topics.count(code) > 1:
            yield Fault("fault.topic_listed_twice", {"topic": _short(code)})


def _commissioned(k: Known, ev: E.Commissioned) -> Iterable[Fault]:
    yield from _blank(commission=ev.commission, title=ev.title)
    yield from _unknown("unit", [ev.unit], k.units)
    if ev.person is not None:
        yield from _unknown("person", [ev.person], k.people)
        person = k.st.people.get(ev.person)
        if person is not None and person.unit != ev.unit:
            yield Fault("fault.person_elsewhere", {"person": ev.person, "home": person.unit, "unit": ev.unit})
    if ev.topic is not None and not k.has_topic(ev.topic):
        yield Fault("fault.unknown", {"kind": "topic", "code": _short(ev.topic)})
    if ev.deadline < ev.at.date():
        yield Fault("fault.deadline_before", {"deadline": ev.deadline, "at": ev.at.date()})


def _commission_fulfilled(k: Known, ev: E.CommissionFulfilled) -> Iterable[Fault]:
    yield from _commission(k, ev, ev.commission)
    yield from _item(k, ev, ev.item)


def _followed_up(k: Known, ev: E.FollowedUp) -> Iterable[Fault]:
    if ev.commission is None and ev.item is None:
        yield Fault("fault.follow_nothing")
    if ev.commission is not None:
        yield from _commission(k, ev, ev.commission)
    if ev.item is not None:
        yield from _item(k, ev, ev.item)
    yield from _blank(note=ev.note)


def _score_asserted(k: Known, ev: E.ScoreAsserted) -> Iterable[Fault]:
    yield from _unknown("unit", [ev.unit], k.units)
    try:
        parse_period(ev.period)
    except PeriodError as exc:
        yield Fault("fault.period", {"error": exc})


def _ranking_recorded(k: Known, ev: E.RankingRecorded) -> Iterable[Fault]:
    yield from _unknown("unit", [ev.unit], k.units)
    if ev.place < 1 or (ev.of and ev.place > ev.of):
        yield Fault("fault.place", {"place": ev.place, "of": ev.of})


def _event_voided(k: Known, ev: E.EventVoided) -> Iterable[Fault]:
    yield from _blank(reason=ev.reason)
    target = k.event(ev.target)
    if target is None:
        yield Fault("fault.unknown", {"kind": "event", "code": _short(ev.target)})
    elif isinstance(target, E.EventVoided) and isinstance(k.event(target.target), E.EventVoided):
        yield Fault("fault.void_of_void", {"target": ev.target})  # a void of a void restores; of a restore, no


def _office_set(k: Known, ev: E.OfficeSet) -> Iterable[Fault]:
    yield from _unknown("unit", list(ev.settings.own_units or ()), k.units)


RULES: dict[type, Rule] = {
    E.UnitRegistered: _unit_registered,
    E.PersonRegistered: _person_registered,
    E.ChannelRegistered: _channel_registered,
    E.RulesSet: _rules_set,
    E.TargetSet: _target_set,
    E.ItemSubmitted: _item_submitted,
    E.ItemAmended: _item_amended,
    E.ItemForwarded: _item_forwarded,
    E.ItemReturned: _item_moved,
    E.ItemWithdrawn: _item_moved,
    E.ItemAdopted: _item_adopted,
    E.Scored: _scored,
    E.LeaderCommented: _leader_commented,
    E.BulletinPublished: _bulletin_published,
    E.TopicPlanned: _topic_planned,
    E.Commissioned: _commissioned,
    E.CommissionFulfilled: _commission_fulfilled,
    E.FollowedUp: _followed_up,
    E.ScoreAsserted: _score_asserted,
    E.RankingRecorded: _ranking_recorded,
    E.EventVoided: _event_voided,
    E.OfficeSet: _office_set,
    E.MeetingHeld: _meeting_held,
}


# the field holding the code an event gives a new thing, where it has one
_CODE_FIELDS = {
    E.UnitRegistered: "unit",
    E.PersonRegistered: "person",
    E.ChannelRegistered: "channel",
    E.ItemSubmitted: "item",
    E.TopicPlanned: "topic",
    E.Commissioned: "commission",
    E.MeetingHeld: "meeting",
}


def faults(k: Known, ev: Event) -> list[Fault]:
    """Everything wrong with `ev` against what `k` knows (dates apart: see `Window`)."""
    return [] if sound(k, ev) else ruled(k, ev)


def ruled(k: Known, ev: Event) -> list[Fault]:
    """`faults` as the rules find them, without the glance of `sound`."""
    found = []
    if not (0 < len(ev.id) <= MAX_ID and ev.id.isprintable() and " " not in ev.id):  # printable: no other space
        found.append(Fault("fault.id", {"id": _short(ev.id)}))
    name = _CODE_FIELDS.get(type(ev))
    code = getattr(ev, name) if name else ""
    if len(code) > MAX_ID or not code.isprintable():
        found.append(Fault("fault.code", {"field": name, "code": _short(code)}))
    found.extend(RULES[type(ev)](k, ev))
    return found


# --- the sound ones, at a glance -----------------------------------------------------
# `check` holds every line of a journal to these rules, and nearly all lines are sound: a
# million of them take seconds through the generators above. For the kinds of event a journal
# holds by the hundred thousand, one plain test says that nothing is wrong, building nothing;
# whatever it does not vouch for goes through the rules, which alone word a fault. A test may
# send a sound event on to the rules, never vouch for one they fault (tests/core/test_sound.py).


def sound(k: Known, ev: Event) -> bool:
    """Whether `ev` certainly breaks no rule (`faults` is empty); False says only "ask the rules"."""
    glance = _GLANCES.get(type(ev))
    return glance is not None and glance(k, ev)


def _plain(ev: Event, code: str) -> bool:
    """The id and the code of `faults` itself."""
    i = ev.id
    return 0 < len(i) <= MAX_ID and i.isprintable() and " " not in i and len(code) <= MAX_ID and code.isprintable()


def _on_record(k: Known, ev: Event, code: str) -> bool:
    """`_item` finds nothing: the item is in the record, submitted by the event's time."""
    item = k.items.get(code)
    return item is not None and item.events[0].at <= ev.at


def _since_ok(since: dt.datetime | None, ev: Event) -> bool:
    return since is not None and since <= ev.at


def _submitted_sound(k: Known, ev: E.ItemSubmitted) -> bool:
    units = k.units
    return (
        _plain(ev, ev.item)
        and bool(ev.item.strip() and ev.title.strip())
        and ev.unit in units
        and (not ev.joint or units.keys() >= set(ev.joint))
        and k.people.issuperset(ev.authors)
        and k.channels.issuperset(ev.channels)
        and (not ev.commission or _since_ok(k.commission_since(ev.commission), ev))
        and (ev.occurred_at is None or ev.occurred_at <= ev.at)
    )


def _forwarded_sound(k: Known, ev: E.ItemForwarded) -> bool:
    return _plain(ev, "") and _on_record(k, ev, ev.item) and bool(ev.channels) and k.channels.issuperset(ev.channels)


def _adopted_sound(k: Known, ev: E.ItemAdopted) -> bool:
    return (
        _plain(ev, "")
        and _on_record(k, ev, ev.item)
        and ev.channel in k.channels
        and (not ev.units or k.units.keys() >= set(ev.units))
    )


def _scored_sound(k: Known, ev: E.Scored) -> bool:
    if not (_plain(ev, "") and ev.credits):
        return False
    units, people = k.units, k.people
    for c in ev.credits:
        if c.unit not in units or (c.person and c.person not in people):
            return False
    if ev.item and not _on_record(k, ev, ev.item):
        return False
    return not ev.source or (k.exists(ev.source) and not k.voided(ev.source))


def _commented_sound(k: Known, ev: E.LeaderCommented) -> bool:
    return _plain(ev, "") and _on_record(k, ev, ev.item) and bool(ev.leader.strip())


def _moved_sound(k: Known, ev: E.ItemReturned | E.ItemWithdrawn) -> bool:
    return _plain(ev, "") and _on_record(k, ev, ev.item)


def _published_sound(k: Known, ev: E.BulletinPublished) -> bool:
    items = ev.items
    if not (_plain(ev, "") and ev.channel in k.channels and items and abs(ev.year - ev.at.year) <= 1):
        return False
    return len(set(items)) == len(items) and all(_on_record(k, ev, code) for code in items)


_GLANCES: dict[type, Callable[[Known, Any], bool]] = {
    E.ItemSubmitted: _submitted_sound,
    E.ItemForwarded: _forwarded_sound,
    E.ItemAdopted: _adopted_sound,
    E.Scored: _scored_sound,
    E.LeaderCommented: _commented_sound,
    E.ItemReturned: _moved_sound,
    E.ItemWithdrawn: _moved_sound,
    E.BulletinPublished: _published_sound,
}


# --- dates ----------------------------------------------------------------------------


def dates_of(ev: Event) -> list[dt.date]:
    """Every calendar date an event states: when it happened, and its deadline, rule start or event time."""
    days = [ev.at.date()]
    if isinstance(ev, E.ItemSubmitted) and ev.occurred_at is not None:
        days.append(ev.occurred_at.date())
    elif isinstance(ev, E.Commissioned):
        days.append(ev.deadline)
    elif isinstance(ev, E.RulesSet):
        days.append(ev.effective)
    return days


def years_of(ev: Event) -> list[int]:
    """The years an event names apart from its dates (a target's, an issue's, a ranking's)."""
    if isinstance(ev, E.TargetSet | E.BulletinPublished | E.RankingRecorded):
        return [ev.year]
    return []


@dataclass(frozen=True)
class Window:
    """The dates a new event may state: from `start` to `end`, both included.

    `core` is the first day of the journal's own run of dates (None for an empty journal):
    dates lying more than SPAN_YEARS from the rest are stray, not a run of the journal's own.
    Of several runs the one of most years is the journal's (the later of equals): one line
    dated today on a journal of long ago, or a year mistyped, does not make the rest stray.
    """

    start: dt.date
    end: dt.date
    core: dt.date | None

    @classmethod
    def of(cls, days: Iterable[dt.date], today: dt.date) -> Window:
        """The window for a journal whose events fall on `days` (in any order); days past the
        window's end are strays themselves and left out."""
        end = _add_year(today)
        runs: list[list[dt.date]] = []
        for day in sorted(d for d in days if d <= end):
            if not runs or runs[-1][-1] < _floor(day):
                runs.append([])  # a run of dates begins here, after a gap of more than SPAN_YEARS
            runs[-1].append(day)
        longest = max(runs, key=lambda run: (len({d.year for d in run}), run[0]), default=None)
        core = longest[0] if longest else None
        start = _floor(core) if core is not None else dt.date(FIRST_YEAR, 1, 1)
        return cls(start, end, core)

    def holds(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def faults(self, ev: Event) -> list[Fault]:
        out = [self.fault(day) for day in dates_of(ev) if not self.holds(day)]
        out += [self.fault(year=year) for year in years_of(ev) if not self.start.year <= year <= self.end.year]
        return out

    def fault(self, day: dt.date | None = None, *, year: int | None = None) -> Fault:
        what = str(day) if day is not None else str(year)
        if self.core is None:
            return Fault("fault.date_outside_empty", {"date": what, "start": self.start, "end": self.end})
        return Fault(
            "fault.date_outside",
            {"date": what, "start": self.start, "end": self.end, "core": f"{self.core:%Y-%m}", "span": SPAN_YEARS},
        )


def _floor(day: dt.date) -> dt.date:
    return dt.date(max(day.year - SPAN_YEARS, FIRST_YEAR), 1, 1)


def _add_year(day: dt.date) -> dt.date:
    return day.replace(year=day.year + 1, day=28) if (day.month, day.day) == (2, 29) else day.replace(year=day.year + 1)
