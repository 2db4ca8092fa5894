"""`check` finds the same with less: the validations that take short cuts at a million events
(`unscored_sources` asks each item's own scores first, `ledger` and it look up the points a case
earns once) say exactly what their plain statement says, on the demo journal with its scores
dropped, moved off their item or changed at random; and a clean journal is checked without the
index of every event."""

from __future__ import annotations

import msgspec
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govinfo_tui import i18n
from govinfo_tui.core import checks, journal
from govinfo_tui.core import events as E
from govinfo_tui.core.queries import channel_name
from govinfo_tui.core.schemes import rules_for
from govinfo_tui.core.state import State, fold

from .conftest import DEMO, Ids, at, small_events

DEMO_EVENTS = journal.load(DEMO).events
DEMO_SCORES = [i for i, ev in enumerate(DEMO_EVENTS) if isinstance(ev, E.Scored)]
AN_ITEM = next(ev.item for ev in DEMO_EVENTS if isinstance(ev, E.ItemSubmitted))


def plain_unscored(st: State) -> list[tuple[str, str]]:
    """`unscored_sources` as first written: every live score filed by the source it counts for."""
    scored: dict[str, set[str]] = {}
    for s in st.scores:
        if s.source:
            scored.setdefault(st.superseded.get(s.source, s.source), set()).add(s.scheme)
    out = []
    for ev in [*st.adoptions.values(), *st.comments.values()]:
        have = scored.get(ev.id, set())
        if not have and isinstance(ev, E.ItemAdopted):
            out.append((ev.id, i18n.t("check.unscored_adoption", item=ev.item, channel=channel_name(st, ev.channel))))
            continue
        for scheme in E.SCHEMES:
            expected = checks.expected_points(st, ev.id, scheme)
            if scheme in have or expected is None or not expected.points:
                continue
            if not have:
                out.append((ev.id, i18n.t("check.unscored_comment", item=ev.item)))
                break
            what = i18n.label("thing", "adoption" if isinstance(ev, E.ItemAdopted) else "comment")
            message = i18n.t(
                "check.unscored_in_scheme",
                what=what,
                item=ev.item,
                scheme=i18n.label("scheme", scheme),
                points=expected.points,
                rule=expected.rule,
            )
            out.append((ev.id, message))
    return out


def plain_ledger(st: State) -> list[tuple[str, str]]:
    """`ledger` as first written: the rules and points looked up afresh for every score."""
    from govinfo_tui.core import rules

    out = []
    for s in st.scores:
        rs = rules_for(st, s.scheme, s.at.date())
        if not rules.credits_add_up(s.points, s.credits, rs.split if rs else "equal"):
            total = round(sum(cr.points for cr in s.credits), 2)
            out.append((s.id, i18n.t("check.credits_mismatch", total=total, points=s.points)))
        if s.reason or not s.source:
            continue
        expected = checks.expected_points(st, s.source, s.scheme)
        if expected is not None and abs(expected.points - s.points) > 0.005:
            message = i18n.t("check.score_disagrees", points=s.points, rule=expected.rule, expected=expected.points)
            out.append((s.id, message))
    return out


def said(findings: list[checks.Finding]) -> list[tuple[str, str]]:
    return [(f.event_id, f.message) for f in findings]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    dropped=st.sets(st.sampled_from(DEMO_SCORES), max_size=30),
    moved=st.sets(st.sampled_from(DEMO_SCORES), max_size=30),
    changed=st.sets(st.sampled_from(DEMO_SCORES), max_size=10),
)
def test_the_short_cuts_say_what_the_plain_statements_say(
    dropped: set[int], moved: set[int], changed: set[int]
) -> None:
    evs = []
    for i, ev in enumerate(DEMO_EVENTS):
        if i in dropped:
            continue
        if i in moved and isinstance(ev, E.Scored):
            ev = msgspec.structs.replace(ev, item=None if ev.item else AN_ITEM)  # off its item, or onto one
        if i in changed and isinstance(ev, E.Scored):
            ev = msgspec.structs.replace(ev, points=ev.points + 1)
        evs.append(ev)
    st_ = fold(evs)
    assert said(checks.unscored_sources(st_)) == plain_unscored(st_)
    assert said(checks.ledger(st_)) == plain_ledger(st_)


def test_a_score_off_its_item_still_scores_its_adoption() -> None:
    """The item's own scores do not hold it: the adoption is judged against every score."""
    evs = small_events()
    first = next(i for i, ev in enumerate(evs) if isinstance(ev, E.Scored))
    unscored = [ev for i, ev in enumerate(evs) if i != first]
    assert len(checks.unscored_sources(fold(unscored))) == 1
    elsewhere = [msgspec.structs.replace(ev, item=None) if i == first else ev for i, ev in enumerate(evs)]
    assert checks.unscored_sources(fold(elsewhere)) == []


def test_a_repeated_adoptions_score_counts_for_the_one_that_counts() -> None:
    evs = small_events()
    adoption = next(ev for ev in evs if isinstance(ev, E.ItemAdopted))
    score = next(ev for ev in evs if isinstance(ev, E.Scored) and ev.source == adoption.id)
    i = Ids()
    i.n = 800
    again = msgspec.structs.replace(adoption, id=i(), at=at("2011-03-26"))  # the same fact on another branch
    moved = msgspec.structs.replace(score, source=again.id)
    evs = [moved if ev is score else ev for ev in evs] + [again]
    st_ = fold(sorted(evs, key=lambda e: (e.at, e.id)))
    assert st_.superseded  # one of the two counts, the other is named by `repeated_facts`
    assert checks.unscored_sources(st_) == []
    assert said(checks.unscored_sources(st_)) == plain_unscored(st_)


def test_a_clean_journal_is_checked_without_the_index_of_every_event() -> None:
    """At a million events that index is tens of megabytes; only a void or a repeat needs it."""
    st_ = fold(small_events())
    assert checks.check(st_) == []
    assert "events" not in st_._cache
