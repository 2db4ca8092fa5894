"""The glance of `core.faults.sound` never vouches for an event the rules fault, and vouches for
the events of a clean journal (else `check` would be slow, not wrong)."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govinfo_tui.core import events as E
from govinfo_tui.core import faults, journal
from govinfo_tui.core.state import fold

from ..conftest import DEMO, Ids, at, small_events

# Codes and words a hand-written or merged line may hold: known ones, and unknown, blank, too
# long, unprintable or spaced ones, one draw in four, so that most events are one fault from sound.
IDS = (["EV90001", "EV00003", "NEW0001"], ["", "a b", "x" * 65, "bell\x07"])
ITEMS = (["A1", "A2", "A5"], ["ZZ", "", " ", "x" * 65, "tab\t", "B9"])  # B9: submitted in the batch
UNITS = (["wj", "qf", "gx"], ["zz", ""])
PEOPLE = (["p1", "p2"], ["zz", ""])
CHANNELS = (["kb", "cz"], ["zz", ""])
WORDS = (["标题", "x"], ["", "  "])


def mostly(values: tuple[list, list]) -> st.SearchStrategy:
    good, bad = (st.sampled_from(v) for v in values)
    return st.one_of(good, good, good, bad)


DAYS = (
    [at("2011-03-20"), at("2011-03-02")],
    [at("2011-01-01", 6), at("2011-03-01"), at("2011-03-02", 8), at("2013-06-01")],
)


def _record() -> tuple[list[E.Event], faults.Known]:
    """The small journal with a void of one adoption, and a batch that submits B9 and adopts it."""
    evs = small_events()
    adoption = next(ev for ev in evs if isinstance(ev, E.ItemAdopted))
    i = Ids()
    i.n = 900
    void = E.EventVoided(id=i(), at=at("2011-03-30"), by="t", target=adoption.id, reason="错录")
    st = fold([*evs, void])
    k = faults.Known(st)
    sub = E.ItemSubmitted(id="NEW0001", at=at("2011-03-15"), by="t", item="B9", title="新", unit="wj")
    k.add(sub)
    k.add(E.ItemAdopted(id="NEW0002", at=at("2011-03-16"), by="t", item="B9", channel="kb"))
    return evs, k


EVENTS, KNOWN = _record()
SOURCES = [
    None,
    "",
    "nowhere",
    "NEW0002",
    *[ev.id for ev in EVENTS if isinstance(ev, E.ItemAdopted | E.LeaderCommented | E.ItemSubmitted)],
]

ids, items, days = mostly(IDS), mostly(ITEMS), mostly(DAYS)
units, people, channels, words = (mostly(x) for x in (UNITS, PEOPLE, CHANNELS, WORDS))
credit = st.builds(E.Credit, unit=units, points=st.sampled_from([0.0, 1.0, 2.5]), person=st.none() | people)
common = {"id": ids, "at": days, "by": st.just("t")}

EVENT = st.one_of(
    st.builds(
        E.ItemSubmitted,
        **common,
        item=items,
        title=words,
        unit=units,
        joint=st.lists(units, max_size=2).map(tuple),
        authors=st.lists(people, max_size=2),
        channels=st.lists(channels, max_size=2),
        commission=st.none() | st.sampled_from(["C1", ""]),
        occurred_at=st.none() | days,
    ),
    st.builds(E.ItemForwarded, **common, item=items, channels=st.lists(channels, min_size=1, max_size=2) | st.just([])),
    st.builds(E.ItemReturned, **common, item=items),
    st.builds(E.ItemWithdrawn, **common, item=items),
    st.builds(E.ItemAdopted, **common, item=items, channel=channels, units=st.lists(units, max_size=2)),
    st.builds(
        E.Scored,
        **common,
        points=st.just(2.0),
        credits=st.lists(credit, min_size=1, max_size=2) | st.just([]),
        source=st.sampled_from(SOURCES),
        item=st.none() | items,
    ),
    st.builds(E.LeaderCommented, **common, item=items, leader=words),
    st.builds(
        E.BulletinPublished,
        **common,
        channel=channels,
        year=mostly(([2011, 2012], [2009, 2013])),
        number=st.just(1),
        items=st.lists(items, min_size=1, max_size=3) | st.just([]),
    ),
)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(EVENT)
def test_a_glance_vouches_only_for_what_the_rules_find_sound(ev: E.Event) -> None:
    assert type(ev) in faults._GLANCES
    if faults.sound(KNOWN, ev):
        assert faults.ruled(KNOWN, ev) == []
    assert faults.faults(KNOWN, ev) == ([] if faults.sound(KNOWN, ev) else faults.ruled(KNOWN, ev))


def test_the_glance_sees_both_ways_on_plain_events() -> None:
    """Not vacuous: sound events pass at a glance, and each of a few faults is left to the rules."""
    later, early_day = at("2011-03-20"), at("2011-03-01")
    sub = E.ItemSubmitted(id="EV90001", at=later, by="t", item="Q1", title="x", unit="wj", authors=["p1"])
    adopted = E.ItemAdopted(id="EV90002", at=later, by="t", item="A1", channel="kb")
    assert faults.sound(KNOWN, sub) and faults.sound(KNOWN, adopted)
    early = E.ItemAdopted(id="EV90003", at=early_day, by="t", item="A2", channel="kb")  # before A2 was submitted
    blank = E.ItemSubmitted(id="EV90004", at=later, by="t", item="Q2", title=" ", unit="wj")
    voided = next(ev for ev in EVENTS if isinstance(ev, E.ItemAdopted))
    points = [E.Credit(unit="wj", points=2)]
    score = E.Scored(id="EV90005", at=later, by="t", points=2, credits=points, source=voided.id)
    twice = E.BulletinPublished(id="EV90006", at=later, by="t", channel="gxzw", year=2011, number=2, items=["A1", "A1"])
    cases = [
        (early, "fault.before"),
        (blank, "fault.blank"),
        (score, "check.score_of_voided"),
        (twice, "fault.listed_twice"),
    ]
    for ev, code in cases:
        assert not faults.sound(KNOWN, ev)
        assert code in [f.code for f in faults.faults(KNOWN, ev)]


def test_every_event_of_the_demo_journal_is_sound_at_a_glance() -> None:
    """The glance is what keeps `check` quick: a clean journal's events need no rule at all."""
    loaded = journal.load(DEMO)
    state = fold(loaded.events)
    k = faults.Known(state)
    glanced = [ev for ev in state.log if type(ev) in faults._GLANCES and ev.id not in state.voided]
    assert len(glanced) > 100
    unsound = [ev.id for ev in glanced if not faults.sound(k, ev) and not faults.ruled(k, ev)]
    assert unsound == []


def test_the_day_compared_is_the_items_submission() -> None:
    """An event the same moment as its item's submission is on record (as `_item` judges it)."""
    sub = next(ev for ev in EVENTS if isinstance(ev, E.ItemSubmitted))
    same = E.ItemForwarded(id="EV90010", at=sub.at, by="t", item=sub.item, channels=["kb"])
    before = E.ItemForwarded(id="EV90011", at=sub.at - dt.timedelta(seconds=1), by="t", item=sub.item, channels=["kb"])
    assert faults.sound(KNOWN, same) and faults.ruled(KNOWN, same) == []
    assert not faults.sound(KNOWN, before) and [f.code for f in faults.ruled(KNOWN, before)] == ["fault.before"]
