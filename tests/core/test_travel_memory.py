"""Time travel holds little: the prefix in view and only the steps it cannot make quickly; the
prefixes it lets go are freed; a travelled state looks events up in the live state's table
(`CutIndex`) and answers exactly as a table of its own would."""

from __future__ import annotations

import datetime as dt
import gc
import random
import weakref

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govinfo_tui.core import journal
from govinfo_tui.core.events import Event
from govinfo_tui.core.period import as_of_end
from govinfo_tui.core.state import State, fold, truncatable, truncate
from govinfo_tui.core.travel import CutAdoptions, CutIndex, Prefixes, add_months

from ..test_reference_model import OP, Writer
from .test_travel import PLAIN_OPS, RARE_OPS, days_of, fingerprint, written_log

ANY_OPS = st.lists(
    st.tuples(st.sampled_from(PLAIN_OPS * 4 + RARE_OPS), st.integers(0, 10**6), st.integers(0, 10**6)),
    min_size=10,
    max_size=40,
)


def _log(ops, seed: int) -> list[Event]:
    return written_log(random.Random(seed), ops, internal=seed % 2 == 1)


def _steps(day: dt.date) -> list[dt.date]:
    return [day - dt.timedelta(days=1), add_months(day, -1), day + dt.timedelta(days=1), add_months(day, 1)]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=ANY_OPS, seed=st.integers(0, 2**32))
def test_truncatable_says_yes_wherever_truncate_makes_the_prefix(ops, seed):
    """`prepare` trusts `truncatable` to tell a quick step from one to fold ahead: it must
    never say no where `truncate` answers, and where it says no, `truncate` must not answer."""
    log = _log(ops, seed)
    for whole in (fold(log), fold(log[: len(log) * 3 // 4])):
        _ = whole.items
        for i in range(len(whole.log) + 1):
            made = truncate(whole, i) is not None
            assert truncatable(whole, i) or not made, f"cut at {i}"
            if made:
                assert truncatable(whole, i)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=st.lists(OP, min_size=14, max_size=40), seed=st.integers(0, 2**32))
def test_a_travelled_state_looks_events_up_exactly_as_a_fresh_fold(ops, seed):
    """Every id of the whole journal (and one unknown) is answered, found or not, as a fresh
    fold's own tables (events, adoptions) answer it; iteration gives the same ids and events
    in the same order."""
    rnd = random.Random(seed)
    log = _log(ops, seed)
    full = fold(log)
    _ = full.items, full.events, full.adoptions  # as the app builds them (`warm`, the checks)
    prefixes = Prefixes(full)
    days = days_of(log)
    for day in rnd.sample(days, min(8, len(days))):
        shown = prefixes.as_of(day)
        fresh = fold(log, as_of=as_of_end(day))
        index = shown._cache.get("events")
        if shown.log is not full.log:
            assert isinstance(index, CutIndex) and isinstance(shown._cache.get("adoptions"), CutAdoptions)
        for mine, theirs in ((shown.events, fresh.events), (shown.adoptions, fresh.adoptions)):
            assert list(mine) == list(theirs)
            assert list(mine.values()) == list(theirs.values())
            assert dict(mine) == theirs
            assert len(mine) == len(theirs)
            for key in [*full.events, "no-such-event"]:
                assert mine.get(key) is theirs.get(key), key
                assert (key in mine) == (key in theirs), key
                if key not in theirs:
                    with pytest.raises(KeyError):
                        mine[key]
        assert fingerprint(shown) == fingerprint(fresh), f"as of {day}"


def test_an_index_is_not_shared_where_two_events_share_an_id() -> None:
    """A whole table that holds fewer entries than the log (an id twice) cannot answer for a
    cut: the travelled state builds its own."""
    from ..conftest import small_events

    log = journal.load_sources({"j.jsonl": b"".join(journal.encode(e) for e in small_events())}).events
    full = fold(log)
    _ = full.items
    full._cache["events"] = dict(list(full.events.items())[:-1])
    shown = Prefixes(full).as_of(dt.date(2011, 3, 10))
    assert "events" not in shown._cache
    assert shown.events == fold(log, as_of=as_of_end(dt.date(2011, 3, 10))).events


def _plain_log(n_days: int = 120) -> list[Event]:
    """A journal of submissions, adoptions and comments only: every step in time is quick."""
    writer = Writer(random.Random(7), internal=False)
    rnd = random.Random(11)
    for _ in range(n_days):
        writer.apply(rnd.choice(("submit", "submit", "adopt", "comment")), rnd.randrange(10**6), rnd.randrange(10**6))
    return journal.load_sources({"j.jsonl": b"".join(writer.lines())}).events


def test_stepping_holds_one_prefix_and_frees_those_left_behind() -> None:
    """Where every step is quick from the day in view, nothing is folded ahead and only the
    prefix in view is held; the ones left behind are freed by reference counting alone (the
    app freezes the collector's view of what it keeps), and each view equals a fresh fold."""
    log = _plain_log()
    full = fold(log)
    _ = full.items, full.events
    prefixes = Prefixes(full)
    day = log[len(log) * 2 // 3].at.date()
    left: list[weakref.ref[State]] = []
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        for step in (-1, -1, 1, 1, -1, -1, -1, 1):
            day = add_months(day, step) if abs(step) == 1 and len(left) % 2 else day + dt.timedelta(days=step)
            shown = prefixes.as_of(day)
            prefixes.prepare(day)
            assert fingerprint(shown) == fingerprint(fold(log, as_of=as_of_end(day))), f"as of {day}"
            assert len(prefixes._states) <= 1
            left.extend(weakref.ref(p) for p in prefixes._states.values())
            del shown
        held = {id(p) for p in prefixes._states.values()}
        alive = [r() for r in left if r() is not None and id(r()) not in held]
        assert alive == []
    finally:
        if was_enabled:
            gc.enable()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=ANY_OPS, seed=st.integers(0, 2**32))
def test_prepare_holds_only_the_steps_the_view_cannot_make_quickly(ops, seed):
    """After `prepare`, the prefixes held are the one in view and steps from it; each step it
    left to be made then is quick from the one in view, and every step equals a fresh fold."""
    rnd = random.Random(seed)
    log = _log(ops, seed)
    full = fold(log)
    _ = full.items
    prefixes = Prefixes(full)
    days = days_of(log)
    for day in rnd.sample(days, min(5, len(days))):
        prefixes.as_of(day)
        prefixes.prepare(day)
        i = prefixes.cut(day)
        cuts = {prefixes.cut(d) for d in _steps(day)}
        assert set(prefixes._states) <= {i, *cuts}
        base = full if i == len(log) else prefixes._states[i]
        for k in cuts - set(prefixes._states) - {i}:
            assert prefixes._quick(base, i, k)
        step = rnd.choice(_steps(day))
        assert fingerprint(prefixes.as_of(step)) == fingerprint(fold(log, as_of=as_of_end(step))), f"as of {step}"


def test_an_adoption_the_whole_left_out_is_still_found_in_the_cut() -> None:
    """Where the longer log's table of adoptions leaves one out (superseded or voided there by
    a later event, say) that counts in the cut, the cut's table still answers it."""
    from govinfo_tui.core import events as E

    from ..conftest import Ids, at, registrations

    i = Ids()
    log = sorted(
        [
            *registrations(i),
            E.ItemSubmitted(id="S1", at=at("2011-03-01"), by="t", item="A1", title="春耕", unit="wj", channels=["kb"]),
            E.ItemAdopted(id="AD1", at=at("2011-03-05"), by="t", item="A1", channel="kb", form="单条"),
            E.ItemAdopted(id="AD2", at=at("2011-03-08"), by="t", item="A1", channel="cz", form="单条"),
        ],
        key=lambda e: (e.at, e.id),
    )
    day = dt.date(2011, 3, 6)
    cut = fold(log, as_of=as_of_end(day))
    whole = {"AD2": log[-1]}  # AD1 left out, as if the whole record had superseded it
    table = CutAdoptions(whole, cut.of(E.ItemAdopted), as_of_end(day), cut)
    assert dict(table) == cut.adoptions == {"AD1": log[-2]}
    assert table.get("AD1") is log[-2] and table.get("AD2") is None and "S1" not in table
