"""Time travel from folded prefixes gives exactly the state a fresh `fold(as_of=...)` gives:
on generated journals with voids, amendments, overrides and repeats, on the demo, in any
order of steps, and after the journal grew."""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govinfo_tui.core import checks, journal, queries
from govinfo_tui.core.events import Event, EventVoided
from govinfo_tui.core.period import OFFICE_TZ, Period, as_of_end, day_of, parse_period
from govinfo_tui.core.state import State, fold, truncate
from govinfo_tui.core.travel import Prefixes
from govinfo_tui.core.workspace import LiveJournal, open_state

from ..conftest import REPO
from ..test_reference_model import OP, Writer

PERIODS = [parse_period(p) for p in ("2011", "2011-04")]


def _ids(evs) -> list[str]:
    return [e.id for e in evs]


def fingerprint(s: State, periods: list[Period] = PERIODS) -> dict:
    """Everything a State holds, and what the reports and checks make of it."""
    return {
        "cut": (s.as_of, s.known_at, s.last_at, s.count),
        "log": _ids(s.log),
        "by_type": {cls.__name__: _ids(evs) for cls, evs in s.by_type.items() if evs},
        "corrections": (
            sorted(s.voids),
            sorted(s.voided),
            sorted(s.superseded.items()),
            sorted(s.voided_items),
        ),
        "registry": (
            sorted(s.units),
            [s.units[u].id for u in sorted(s.units)],
            sorted(s.people),
            sorted(s.channels),
            _ids(s.rulesets),
            _ids(s.targets),
        ),
        "items": {
            k: (i.sub, i.status, i.channels, i.forwarded_at, _ids(i.events), _ids(i.adoptions), _ids(i.scores))
            for k, i in sorted(s.items.items())
        },
        "commissions": {k: (c.item, c.fulfilled_at, _ids(c.followups)) for k, c in sorted(s.commissions.items())},
        "dangling": sorted(s.dangling),
        "reports": [
            (queries.summary(s, p), queries.ranking(s, p), queries.ranking(s, p, by="person"), queries.quota(s, p))
            for p in periods
        ],
        "checks": [(f.event_id, f.message) for f in checks.check(s)],
    }


def written_log(rnd: random.Random, ops, *, internal: bool) -> list[Event]:
    """The events of the journal the reference model's `Writer` makes of `ops`, as loaded."""
    writer = Writer(rnd, internal=internal)
    for op, a, b in ops:
        writer.apply(op, a, b)
    return journal.load_sources({"j.jsonl": b"".join(writer.lines())}).events


def days_of(events) -> list[dt.date]:
    """Every day something happened on, the day before each, and a day after the last."""
    days = {day_of(e.at) for e in events}
    days |= {d - dt.timedelta(days=1) for d in days}
    return sorted(days | {max(days) + dt.timedelta(days=40)})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ops=st.lists(OP, min_size=14, max_size=40),
    seed=st.integers(0, 2**32),
    keep=st.integers(1, 4),
)
def test_travel_in_any_order_equals_a_fresh_fold_as_of_the_day(ops, seed, keep):
    rnd = random.Random(seed)
    log = written_log(rnd, ops, internal=seed % 2 == 1)
    full = fold(log)
    prefixes = Prefixes(full, keep=keep)
    days = days_of(log)
    rnd.shuffle(days)
    for day in days[:12]:
        fresh = fold(log, as_of=as_of_end(day))
        assert fingerprint(prefixes.as_of(day)) == fingerprint(fresh), f"as of {day}"
        if rnd.random() < 0.3:
            prefixes.prepare(day)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ops=st.lists(OP, min_size=14, max_size=30),
    seed=st.integers(0, 2**32),
)
def test_prefixes_follow_a_journal_that_grew(ops, seed):
    """After a tail is folded into the live state, prefixes still folded from its log are kept,
    and travel on the grown journal still equals a fresh fold; a refold drops them."""
    rnd = random.Random(seed)
    log = written_log(rnd, ops, internal=False)
    cut = rnd.randrange(len(log) + 1)
    part = fold(log[:cut])
    _ = part.items
    prefixes = Prefixes(part, keep=3)
    days = days_of(log)
    for day in rnd.sample(days, min(4, len(days))):
        prefixes.as_of(day)
    grown = fold(log[cut:], state=part)
    followed = prefixes.follow(grown)
    for day in rnd.sample(days, min(6, len(days))):
        assert fingerprint(followed.as_of(day)) == fingerprint(fold(log, as_of=as_of_end(day))), f"as of {day}"


def test_stepping_through_the_demo_day_by_day_and_month_by_month(tmp_path: Path) -> None:
    root = tmp_path / "demo"
    shutil.copytree(REPO / "journal", root, ignore=shutil.ignore_patterns(".git"))
    live = LiveJournal(root, today=dt.date(2026, 1, 5))
    live.load()
    assert live.full is not None
    periods = [parse_period("2011"), parse_period("2011-06")]
    last = live.ref_day
    steps = [last - dt.timedelta(days=n) for n in range(0, 20)]
    steps += [dt.date(2011, m, 15) for m in range(12, 0, -1)] + [dt.date(2010, 12, 31), dt.date(2011, 1, 1)]
    for day in steps:
        live.pinned = day
        live.prepare()
        shown = live.view_as_of(day)
        fresh, _ = open_state(root, as_of=day)
        assert fingerprint(shown, periods) == fingerprint(fresh, periods), f"as of {day}"


def test_the_known_axis_is_folded_anew_and_equal(tmp_path: Path) -> None:
    root = tmp_path / "demo"
    shutil.copytree(REPO / "journal", root, ignore=shutil.ignore_patterns(".git"))
    live = LiveJournal(root, today=dt.date(2026, 1, 5))
    live.load()
    live.known = True
    for day in (dt.date(2011, 3, 31), dt.date(2011, 9, 30)):
        live.pinned = day
        end = dt.datetime.combine(day, dt.time.max, tzinfo=OFFICE_TZ)
        fresh, _ = open_state(root, as_of=day, known_at=end)
        periods = [parse_period("2011")]
        assert fingerprint(live.view_as_of(day), periods) == fingerprint(fresh, periods)


def test_a_view_outlives_the_prefix_it_was_cut_from() -> None:
    """The prefix a view was folded from may be dropped while the view is shown: its items stay,
    and building the rest of the view still works (the builder's link back is weak)."""
    import gc

    from govinfo_tui.core.workspace import warm

    from ..conftest import small_events

    log = journal.load_sources({"j.jsonl": b"".join(journal.encode(e) for e in small_events())}).events
    prefixes = Prefixes(fold(log), keep=1)
    day = dt.date(2011, 3, 6)
    view = prefixes.as_of(day)
    for later in (dt.date(2011, 3, 12), dt.date(2011, 3, 20)):
        prefixes.as_of(later)  # the view's prefix is dropped
    gc.collect()
    assert fingerprint(warm(view)) == fingerprint(fold(log, as_of=as_of_end(day)))


# --- sharing: a prefix cut back from the whole shares its items, and nothing shared changes ----------

PLAIN_OPS = ("submit", "submit", "adopt", "adopt", "comment", "amend", "manual", "rescore")
RARE_OPS = ("void", "raw_void", "restore", "override", "repeat_adoption", "rules")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ops=st.lists(
        st.tuples(st.sampled_from(PLAIN_OPS * 4 + RARE_OPS), st.integers(0, 10**6), st.integers(0, 10**6)),
        min_size=10,
        max_size=40,
    ),
    seed=st.integers(0, 2**32),
)
def test_a_prefix_cut_back_from_the_whole_is_the_fold_of_the_prefix(ops, seed):
    """`truncate(full, i)`, where it answers, equals `fold(log[:i])`; the items no later event
    names are the whole state's own objects, and the whole state is unchanged afterwards, also
    after the prefix was continued and travelled from."""
    rnd = random.Random(seed)
    log = written_log(rnd, ops, internal=seed % 2 == 1)
    full = fold(log)
    _ = full.items
    before = fingerprint(full)
    held = {
        k: (i.sub, i.status, list(i.channels), list(i.events), list(i.adoptions), list(i.scores), list(i.comments))
        for k, i in full.items.items()
    }
    cut_any = False
    for i in range(1, len(log)):
        cut = truncate(full, i)
        if cut is None:
            continue
        cut_any = True
        assert fingerprint(cut) == fingerprint(fold(log[:i])), f"cut at {i}"
        named = {getattr(ev, "item", None) for ev in log[i:]} | {x for ev in log[i:] for x in getattr(ev, "items", ())}
        for k, item in cut.items.items():
            if k not in named:
                assert item is full.items[k]
        grown = fold(log[i:], state=cut)  # a continuation copies what it changes
        assert fingerprint(grown) == fingerprint(full)
    prefixes = Prefixes(full, keep=2)
    for day in rnd.sample(days_of(log), min(8, len(days_of(log)))):
        assert fingerprint(prefixes.as_of(day)) == fingerprint(fold(log, as_of=as_of_end(day))), f"as of {day}"
    assert fingerprint(full) == before
    after = {
        k: (i.sub, i.status, list(i.channels), list(i.events), list(i.adoptions), list(i.scores), list(i.comments))
        for k, i in full.items.items()
    }
    assert after == held
    if not any(isinstance(ev, EventVoided) or getattr(ev, "replaces", None) for ev in log) and not full.superseded:
        assert cut_any  # nothing corrects or repeats: every cut after the registry is made by sharing


def test_a_poll_after_travel_and_travel_after_appends_keep_every_state_as_shown(tmp_path: Path) -> None:
    """The live journal travels back (prefixes cut from the whole), takes appends (a new whole,
    the prefixes followed), travels again, and takes a void dated inside a travelled month:
    every state handed out keeps the answers it had, and each equals a fresh fold."""
    from govinfo_tui.core import recording
    from govinfo_tui.core.events import ItemAdopted, ItemSubmitted

    root = tmp_path / "demo"
    shutil.copytree(REPO / "journal", root, ignore=shutil.ignore_patterns(".git"))
    live = LiveJournal(root, today=dt.date(2026, 1, 5))
    live.load()
    live.build_tables()
    periods = [parse_period("2011"), parse_period("2011-06")]
    handed: list[tuple[State, dict]] = []

    def travel(day: dt.date) -> None:
        live.pinned = day
        live.prepare()
        shown = live.view_as_of(day)
        fresh, _ = open_state(root, as_of=day)
        assert fingerprint(shown, periods) == fingerprint(fresh, periods), f"as of {day}"
        handed.append((shown, fingerprint(shown, periods)))

    for day in (dt.date(2011, 9, 20), dt.date(2011, 8, 20), dt.date(2011, 8, 19), dt.date(2011, 6, 1)):
        travel(day)
    assert live.full is not None
    handed.append((live.full, fingerprint(live.full, periods)))
    adopted = next(a for a in live.full.of(ItemAdopted) if a.at.date() < dt.date(2011, 6, 1))
    last = live.full.last_at
    assert last is not None
    unit = next(iter(live.full.units))
    lines = [
        ItemSubmitted(
            id=recording.new_id(), at=last + dt.timedelta(minutes=1), by="t", item="NEW-1", title="新", unit=unit
        ),
        EventVoided(
            id=recording.new_id(),
            at=last + dt.timedelta(minutes=2),
            by="t",
            target=adopted.id,
            reason="错",
            item=adopted.item,
        ),
    ]
    for line in lines:
        journal.append(root, [line])
        live.poll()
        for day in (dt.date(2011, 8, 19), dt.date(2011, 5, 31), dt.date(2011, 9, 20)):
            travel(day)
    for st_, print_ in handed:
        assert fingerprint(st_, periods) == print_


def test_checks_are_kept_for_the_latest_and_the_shown_state_only(tmp_path: Path) -> None:
    """Back from a day travelled to, the latest state's checks are known; a day left behind or
    a state a poll replaced is not shown again, and its checks are let go."""
    from govinfo_tui.core import recording
    from govinfo_tui.core.events import ItemSubmitted

    root = tmp_path / "demo"
    shutil.copytree(REPO / "journal", root, ignore=shutil.ignore_patterns(".git"))
    live = LiveJournal(root, today=dt.date(2026, 1, 5))
    live.load()
    latest = live.findings()
    first_day, second_day = dt.date(2011, 6, 30), dt.date(2011, 5, 31)
    live.pinned = first_day
    first = live.view_as_of(first_day)
    assert live.findings() is live.cached_findings(first)
    live.pinned = second_day
    live.view_as_of(second_day)
    live.findings()
    assert live.cached_findings(first) is None
    assert live.cached_findings(live.full) is latest
    old = live.full
    assert old is not None and old.last_at is not None
    unit = next(iter(old.units))
    at = old.last_at + dt.timedelta(minutes=1)
    journal.append(root, [ItemSubmitted(id=recording.new_id(), at=at, by="t", item="NEW-2", title="新", unit=unit)])
    live.poll()
    assert live.full is not old
    assert live.cached_findings(old) is None
    assert live.cached_findings() is not None  # the day shown is still that day: its checks stay


def test_a_range_continued_from_a_prefix_whose_void_is_undone_later_is_not_plain() -> None:
    """A void dated before its target voids it in an early prefix, and a restore after the day
    undoes it in the whole record: continuing that prefix with the target must not take the
    whole record's word for it (the adoption stays voided up to the restore)."""
    from govinfo_tui.core import events as E
    from govinfo_tui.core.state import plain_range

    from ..conftest import Ids, at, registrations

    i = Ids()
    log = sorted(
        [
            *registrations(i),
            E.ItemSubmitted(id="S1", at=at("2011-03-01"), by="t", item="A1", title="春耕", unit="wj", channels=["kb"]),
            E.EventVoided(id="V1", at=at("2011-03-02"), by="t", target="AD1", reason="早", item="A1"),
            E.ItemAdopted(id="AD1", at=at("2011-03-05"), by="t", item="A1", channel="kb", form="单条"),
            E.ItemForwarded(id="F1", at=at("2011-03-06"), by="t", item="A1", channels=["cz"]),
            E.EventVoided(id="R1", at=at("2011-03-20"), by="t", target="V1", reason="撤销", item="A1"),
        ],
        key=lambda e: (e.at, e.id),
    )
    full = fold(log)
    j = next(n for n, ev in enumerate(log) if ev.id == "AD1")
    k = next(n for n, ev in enumerate(log) if ev.id == "R1")
    base = fold(log[:j])
    _ = base.items
    assert "AD1" in base.voided and "AD1" not in full.voided
    assert not plain_range(full, j, k, base)
    grown = fold(log[j:k], state=base, plain=plain_range(full, j, k, base))
    assert fingerprint(grown) == fingerprint(fold(log[:k]))
    prefixes = Prefixes(full, keep=4)
    for day in (
        dt.date(2011, 3, 3),
        dt.date(2011, 3, 5),
        dt.date(2011, 3, 6),
        dt.date(2011, 3, 19),
        dt.date(2011, 3, 21),
    ):
        assert fingerprint(prefixes.as_of(day)) == fingerprint(fold(log, as_of=as_of_end(day))), f"as of {day}"


def test_the_checks_of_a_state_replaced_meanwhile_are_given_up(tmp_path: Path, monkeypatch) -> None:
    """A step in time while the day before is being checked: the rest of those checks is not
    run (it would only slow the new step) and nothing is kept for that state; the new one is
    checked in full."""
    root = tmp_path / "demo"
    shutil.copytree(REPO / "journal", root, ignore=shutil.ignore_patterns(".git"))
    live = LiveJournal(root, today=dt.date(2026, 1, 5))
    live.load()
    live.pinned = dt.date(2011, 6, 30)
    before = live.view_as_of(live.pinned)
    ran: list[State] = []

    def step_away(st: State) -> list:
        if not ran:
            ran.append(st)
            live.pinned = dt.date(2011, 5, 31)
            live.view_as_of(live.pinned)
        return []

    def then(st: State) -> list:
        ran.append(st)
        return []

    monkeypatch.setattr(checks, "VALIDATIONS", [step_away, then])
    assert live.findings(before) is None
    assert ran == [before] and live.cached_findings(before) is None
    assert live.findings() == []
    assert ran == [before, live.shown]
    assert live.cached_findings() == []
