"""The loader and the live journal, without the app: load, poll, refold, time travel, findings."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from govinfo_tui.core import events as E
from govinfo_tui.core import journal, queries
from govinfo_tui.core.period import parse_period
from govinfo_tui.core.state import State
from govinfo_tui.core.workspace import LiveJournal, open_state

from ..conftest import REPO, at, small_events, write_journal

YEAR = parse_period("2011")


def commissioned() -> E.Commissioned:
    return E.Commissioned(
        id="EV09001",
        at=at("2011-03-26"),
        by="t",
        commission="C1",
        title="防汛约稿",
        unit="qf",
        deadline=dt.date(2011, 4, 5),
    )


@pytest.fixture
def live(tmp_path: Path) -> LiveJournal:
    root = write_journal(tmp_path / "j", [*small_events(), commissioned()])
    lj = LiveJournal(root, today=dt.date(2011, 3, 30))
    lj.load()
    return lj


def append(live: LiveJournal, *events: E.Event) -> None:
    journal.append(live.root, list(events))


def test_open_state_folds_the_files_as_of_the_end_of_a_day(small: Path) -> None:
    st, loaded = open_state(small)
    assert st.count == len(loaded.events) == len(small_events())
    assert queries.summary(st, YEAR)["points"] == 17
    early, _ = open_state(small, as_of=dt.date(2011, 3, 11))  # A2's adoption at 10:00 counts, A3's on the 12th not
    assert early.items["A2"].status == "adopted" and early.items["A3"].status == "submitted"


def test_load_shows_everything_read(live: LiveJournal) -> None:
    assert live.shown is live.full and live.loaded is not None and live.full is not None
    assert live.full.count == len(small_events()) + 1
    assert live.loaded.events is live.full.log
    assert live.generation == 1 and live.error is None


def test_a_failed_load_says_why_and_keeps_what_was_shown(live: LiveJournal, tmp_path: Path) -> None:
    shown = live.shown
    live.root = tmp_path / "gone"
    with pytest.raises(journal.JournalError):
        live.load()
    assert live.error and "此处没有日志文件夹" in live.error
    assert live.shown is shown and live.generation == 2


def test_poll_folds_what_another_process_appended(live: LiveJournal) -> None:
    assert live.poll() == []  # nothing new: nothing changes
    assert live.generation == 1
    argv = [sys.executable, "-m", "govinfo_tui", "--journal", str(live.root), "--by", "other"]
    subprocess.run([*argv, "adopt", "A4", "--channel", "kb", "--date", "2011-03-28"], check=True, cwd=REPO)
    added = live.poll()
    assert added is not None and {type(ev) for ev in added} == {E.ItemAdopted, E.Scored}
    assert live.shown is live.full and live.full is not None and live.full.items["A4"].status == "adopted"
    assert queries.summary(live.full, YEAR)["points"] == 19
    assert live.generation == 2


def test_a_line_seen_twice_is_folded_once(live: LiveJournal) -> None:
    again = small_events()[-1]  # a union merge can repeat a line
    late = E.ItemReturned(id="EV09002", at=at("2011-03-29"), by="t", item="A4")
    append(live, again, late)
    assert live.poll() == [late]
    assert live.full is not None and live.full.count == len(small_events()) + 2


def test_lines_already_folded_are_told_without_the_index_of_every_event(live: LiveJournal) -> None:
    """A poll tells a repeated line by its place in the log (the index of every event by id is
    tens of megabytes at a million events); only a line that is not at its place asks it."""
    middle = small_events()[5]
    late = E.ItemReturned(id="EV09002", at=at("2011-03-29"), by="t", item="A4")
    append(live, middle, late)
    assert live.poll() == [late]
    assert live.full is not None and "events" not in live.full._cache
    same_id_other_day = E.ItemReturned(id="EV09002", at=at("2011-03-03"), by="t", item="A4")
    back_dated = E.ItemReturned(id="EV09003", at=at("2011-03-03"), by="t", item="A3")
    append(live, same_id_other_day, back_dated)
    assert live.poll() == [back_dated]  # an id already folded stays folded once, whatever its line says
    assert live.full is not None and live.full.count == len(small_events()) + 3


def test_a_plain_append_extends_the_state(live: LiveJournal) -> None:
    before = live.full
    assert before is not None
    append(live, E.ItemReturned(id="EV09002", at=at("2011-03-29"), by="t", item="A4"))
    live.poll()
    after = live.full
    assert after is not None and after is not before
    assert after.items["A1"] is before.items["A1"]  # untouched items are shared, not built again
    assert after.items["A4"].status == "returned" and before.items["A4"].status == "submitted"


@pytest.mark.parametrize(
    "line",
    [
        E.EventVoided(id="EV09002", at=at("2011-03-29"), by="t", target="EV00021", reason="wrong score"),
        E.ItemReturned(id="EV09002", at=at("2011-03-02"), by="t", item="A4"),  # back-dated
    ],
    ids=["void", "back-dated"],
)
def test_a_void_or_a_back_dated_line_folds_everything_again(live: LiveJournal, line: E.Event) -> None:
    before = live.full
    assert before is not None
    append(live, line)
    live.poll()
    after = live.full
    assert after is not None and line.id in after.events
    assert after.items["A1"] is not before.items["A1"]  # every item built anew
    whole, _ = open_state(live.root)
    assert [ev.id for ev in after.log] == [ev.id for ev in whole.log]
    assert queries.summary(after, YEAR) == queries.summary(whole, YEAR)


def test_a_state_handed_out_before_a_poll_is_unchanged_after_it(live: LiveJournal) -> None:
    st = live.shown
    assert st is not None

    def figures(s: State) -> tuple:
        a4, c1 = s.items["A4"], s.commissions["C1"]
        return (
            s.count,
            len(s.log),
            {cls: len(evs) for cls, evs in s.by_type.items()},
            sorted(s.items),
            sorted(s.units),
            len(s.events),
            len(s.adoptions),
            (a4.status, len(a4.adoptions), len(a4.scores), len(a4.events), a4.points),
            (c1.item, len(c1.followups)),
            queries.summary(s, YEAR),
        )

    seen = figures(st)
    adoption = E.ItemAdopted(id="EV09002", at=at("2011-03-28", 10), by="t", item="A4", channel="kb")
    append(
        live,
        adoption,
        E.Scored(
            id="EV09003",
            at=adoption.at,
            by="t",
            points=2,
            credits=[E.Credit(unit="nyj", points=2)],
            source=adoption.id,
            item="A4",
        ),
        E.FollowedUp(id="EV09004", at=at("2011-03-28", 11), by="t", commission="C1"),
        E.UnitRegistered(id="EV09005", at=at("2011-03-28", 12), by="t", unit="lp", name="来复镇", kind="township"),
        E.ItemSubmitted(
            id="EV09006", at=at("2011-03-28", 13), by="t", item="A6", title="约稿", unit="qf", commission="C1"
        ),
    )
    live.poll()
    assert live.shown is not st and figures(st) == seen
    now = figures(live.shown)
    assert now[7][0] == "adopted" and now[8] == ("A6", 1) and "lp" in now[4] and "A6" in now[3]


def test_view_as_of_is_a_new_state_and_leaves_the_live_one_alone(live: LiveJournal) -> None:
    full = live.full
    assert full is not None
    figures = queries.summary(full, YEAR), full.count, full.items["A3"].status
    day = dt.date(2011, 3, 11)
    live.pinned = day
    view = live.view_as_of(day)
    assert view is not full and live.full is full and live.shown is view
    assert view.count < full.count and view.items["A3"].status == "submitted"
    assert (queries.summary(full, YEAR), full.count, full.items["A3"].status) == figures
    assert live.generation == 2
    other = live.view_as_of(dt.date(2011, 3, 5))  # not the pinned day: returned, not shown
    assert live.shown is view and other.count < view.count
    live.pinned = None
    assert live.view_as_of(None) is full and live.shown is full


def test_a_pinned_view_follows_a_tail_that_reaches_into_it(live: LiveJournal) -> None:
    live.pinned = dt.date(2011, 3, 11)
    live.view_as_of(live.pinned)
    view = live.shown
    append(live, E.ItemReturned(id="EV09002", at=at("2011-03-29"), by="t", item="A4"))
    live.poll()
    assert live.shown is view  # after the pinned day: the view stays
    append(live, E.ItemReturned(id="EV09003", at=at("2011-03-04", 12), by="t", item="A4"))
    live.poll()
    assert live.shown is not view and live.shown is not None and live.shown.items["A4"].status == "returned"


def test_ref_day_is_the_pinned_day_the_last_day_of_an_old_journal_or_today(small: Path) -> None:
    current = LiveJournal(small, today=dt.date(2011, 4, 2))
    current.load()
    assert not current.old_journal and current.ref_day == dt.date(2011, 4, 2)
    old = LiveJournal(small, today=dt.date(2026, 1, 5))
    old.load()
    assert old.old_journal and old.ref_day == dt.date(2011, 3, 25)
    old.pinned = dt.date(2011, 3, 10)
    assert not old.old_journal and old.ref_day == dt.date(2011, 3, 10)


def test_findings_are_computed_once_per_generation(live: LiveJournal) -> None:
    assert live.cached_findings() is None
    found = live.findings()
    assert live.findings() is found and live.cached_findings() is found
    append(live, E.ItemReturned(id="EV09002", at=at("2011-03-29"), by="t", item="A4"))
    live.poll()
    assert live.cached_findings() is None
    assert live.findings() is not found
