"""Properties: line order and duplicated lines never change a report; events round-trip."""

from __future__ import annotations

import datetime as dt
import random

import msgspec
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govinfo_tui.core import checks, journal, queries
from govinfo_tui.core import events as E
from govinfo_tui.core.period import OFFICE_TZ, parse_period
from govinfo_tui.core.state import fold

from .conftest import small_events

EVENTS = small_events()
LINES = [journal.encode(e) for e in EVENTS]
PERIODS = [parse_period(p) for p in ("2011", "2011-03", "2011-Q1")]


def reports(data: bytes) -> list:
    loaded = journal.load_sources({"j.jsonl": data})
    assert loaded.problems == []
    st_ = fold(loaded.events)
    out: list = []
    for p in PERIODS:
        out.append(queries.summary(st_, p))
        out.append(queries.ranking(st_, p))
        out.append(queries.ranking(st_, p, by="person"))
        out.append(queries.quota(st_, p))
    out.append(queries.targets(st_, 2011))
    out.append([queries.timeline(st_, i) for i in sorted(st_.items)])
    out.append([(f.event_id, f.message) for f in checks.check(st_)])
    return out


BASELINE = reports(b"".join(LINES))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=2**32), dup=st.lists(st.integers(0, len(LINES) - 1), max_size=12))
def test_shuffled_and_duplicated_lines_give_the_same_reports(seed, dup):
    lines = LINES + [LINES[i] for i in dup]
    random.Random(seed).shuffle(lines)
    assert reports(b"".join(lines)) == BASELINE


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
AWARE = st.datetimes(
    min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2040, 1, 1), timezones=st.just(OFFICE_TZ)
).map(lambda d: d.replace(microsecond=0))


@settings(max_examples=150, deadline=None)
@given(
    title=TEXT,
    unit=TEXT,
    authors=st.lists(TEXT, max_size=3),
    when=AWARE,
    urgent=st.booleans(),
    points=st.floats(min_value=-100, max_value=100, allow_nan=False).map(lambda x: round(x, 2)),
)
def test_encode_decode_round_trip(title, unit, authors, when, urgent, points):
    evs = [
        E.ItemSubmitted(
            id="01ID", at=when, by="某人", item="1106-ABCDEF", title=title, unit=unit, authors=authors, urgent=urgent
        ),
        E.Scored(id="02ID", at=when, points=points, credits=[E.Credit(unit=unit, points=points)], reason=title),
        E.LeaderCommented(id="03ID", at=when, item="x", leader=title, text=title + "[bold]\x1b[31m"),
    ]
    data = b"".join(journal.encode(e) for e in evs)
    assert data.count(b"\n") == 3, "user text never breaks a line"
    loaded = journal.load_sources({"r.jsonl": data})
    assert loaded.problems == []
    assert sorted(loaded.events, key=lambda e: e.id) == evs
    assert msgspec.json.decode(journal.encode(evs[0]), type=E.AnyEvent) == evs[0]


def test_equal_times_are_applied_in_id_order_whatever_the_line_order():
    t = dt.datetime(2011, 3, 1, 9, tzinfo=OFFICE_TZ)
    later = t + dt.timedelta(hours=1)
    evs = [E.ItemReturned(id=f"ID{n}", at=t, item="x") for n in (5, 3, 9, 1)]
    evs += [E.ItemReturned(id="ID0", at=later, item="x"), E.ItemReturned(id="IDZ", at=later, item="y")]
    data = b"".join(journal.encode(e) for e in [*evs[:4], evs[5], evs[4]])
    loaded = journal.load_sources({"2011/2011-03.jsonl": data})
    assert [e.id for e in loaded.events] == ["ID1", "ID3", "ID5", "ID9", "ID0", "IDZ"]


@settings(max_examples=40, deadline=None)
@given(cut=st.integers(min_value=0, max_value=len(EVENTS)))
def test_folding_a_tail_equals_folding_everything(cut):
    """The live view folds only new events into a state whose items were already built."""
    ordered = journal.load_sources({"j.jsonl": b"".join(LINES)}).events
    whole = fold(ordered)
    part = fold(ordered[:cut])
    assert isinstance(part.items, dict)  # build items before the tail arrives
    grown = fold(ordered[cut:], state=part)
    for p in PERIODS:
        assert queries.summary(grown, p) == queries.summary(whole, p)
        assert queries.ranking(grown, p) == queries.ranking(whole, p)
    assert {k: queries.timeline(grown, k) for k in grown.items} == {k: queries.timeline(whole, k) for k in whole.items}
    assert [(f.event_id, f.message) for f in checks.check(grown)] == [
        (f.event_id, f.message) for f in checks.check(whole)
    ]


def test_order_holds_across_shards_written_in_another_time_zone():
    west = dt.datetime(2011, 3, 31, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))  # 1 April 12:30 +08:00
    east = dt.datetime(2011, 4, 1, 9, 0, tzinfo=OFFICE_TZ)
    march = journal.encode(E.ItemReturned(id="W", at=west, item="x"))
    april = journal.encode(E.ItemReturned(id="E", at=east, item="x"))
    loaded = journal.load_sources({"j/2011/2011-03.jsonl": march, "j/2011/2011-04.jsonl": april})
    assert [e.id for e in loaded.events] == ["E", "W"]


def test_a_tail_repeating_an_adoption_or_a_score_counts_it_once():
    """The live view asks each new adoption and sourced score whether the state holds its fact
    already (on the item itself, or in a look-up of them all when some event hangs on nothing):
    a repeat is folded with everything, and counts once."""
    evs = journal.load_sources({"j.jsonl": b"".join(journal.encode(e) for e in small_events())}).events
    period = parse_period("2011-03")
    later = evs[-1].at + dt.timedelta(hours=1)
    adoption = next(e for e in evs if isinstance(e, E.ItemAdopted))
    score = next(e for e in evs if isinstance(e, E.Scored) and e.source and e.item)
    stray = E.ItemAdopted(id="STRAY", at=evs[0].at, by="t", item="NO-SUCH-ITEM", channel=adoption.channel)
    for base in (evs, sorted([*evs, stray], key=lambda e: (e.at, e.id))):  # items alone, or look-ups too
        for repeat in (
            msgspec.structs.replace(adoption, id="ZREPEAT1", at=later),
            msgspec.structs.replace(score, id="ZREPEAT2", at=later),
        ):
            part = fold(base)
            assert isinstance(part.items, dict) and (part.dangling != []) == (stray in base)
            grown = fold([repeat], state=part)
            whole = fold([*base, repeat])
            assert queries.summary(grown, period) == queries.summary(whole, period) == queries.summary(part, period)
            assert grown.superseded == whole.superseded and repeat.id in {*grown.superseded, *grown.superseded.values()}
