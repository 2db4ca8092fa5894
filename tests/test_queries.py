"""Fold and queries on the small hand-made journal, against answers worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from govinfo_tui.core import checks, journal, queries
from govinfo_tui.core.period import PeriodError, as_of_end, parse_period
from govinfo_tui.core.state import fold

from .conftest import bench_generate, small_events

pytestmark = pytest.mark.usefixtures("english")  # these tests read the English words of messages


@pytest.fixture
def st():
    return fold(small_events())


def test_summary_for_march(st):
    s = queries.summary(st, parse_period("2011-03"))
    assert s["items"] == 5
    assert s["submitted"] == 4  # A4 went to the county bulletin only
    assert s["adopted"] == {"政务信息快报": 3, "川政晨讯": 1}
    assert s["adopted_by_level"] == {"city": 3, "province": 1}
    assert s["points"] == 17
    assert s["target"] == 20
    assert s["completion"] == 0.85
    assert s["affirmative_comments"] == 1
    assert s["bulletin_issues"] == 1


def test_summary_outside_the_period_is_empty(st):
    s = queries.summary(st, parse_period("2011-04"))
    assert (s["items"], s["submitted"], s["points"], s["adopted"]) == (0, 0, 0, {})


def test_ranking_by_unit_splits_combined_adoption(st):
    rows = queries.ranking(st, parse_period("2011-Q1"))
    by_code = {r["code"]: r for r in rows}
    assert [r["code"] for r in rows] == ["wj", "qf", "nyj"]
    assert by_code["wj"]["points"] == 13
    assert by_code["qf"]["points"] == 4
    assert by_code["wj"]["adopted"] == 3  # A1, A2 and the combined A5
    assert by_code["qf"]["adopted"] == 2  # A3 and its credit in the combined A5
    assert by_code["wj"]["completion"] == 1.3  # 13 of its target 10
    assert [r["rank"] for r in rows] == [1, 2, 3]


def test_ties_share_a_place():
    assert queries.competition_ranks([9, 5, 5, 2, 2, 2, 0]) == [1, 2, 2, 4, 4, 4, 7]


def test_ranking_by_person(st):
    rows = queries.ranking(st, parse_period("2011"), by="person")
    assert {r["code"]: r["points"] for r in rows} == {"p1": 13, "p2": 3, "p3": 0}


def test_quota_marks_months_below(st):
    rows = queries.quota(st, parse_period("2011-03"))
    by_code = {r["code"]: r for r in rows}
    assert by_code["p1"]["months"]["2011-03"] == {"count": 3, "quota": 4, "below": True}
    assert by_code["p2"]["months"]["2011-03"]["count"] == 1
    assert "p3" not in by_code  # full-time officers have no quota in these rules


def test_targets_to_date(st):
    rows = {r["subject"]: r for r in queries.targets(st, 2011)}
    assert rows["gx"]["points"] == 17 and rows["gx"]["completion"] == 0.85
    assert rows["wj"]["points"] == 13


def test_as_of_replay_stops_at_the_date():
    st = fold(small_events(), as_of=as_of_end(dt.date(2011, 3, 11)))
    s = queries.summary(st, parse_period("2011"))
    assert s["points"] == 7  # A1 (2) and A2 (5) only
    assert s["adopted"] == {"政务信息快报": 2}


def test_timeline_lists_every_event_of_an_item(st):
    rows = queries.timeline(st, "A2")
    assert [r["type"] for r in rows] == [
        "item_submitted",
        "item_adopted",
        "scored",
        "leader_commented",
        "scored",
    ]


def test_void_removes_adoption_and_check_flags_its_orphan_score():
    from govinfo_tui.core import events as E

    evs = small_events()
    adoption = next(e for e in evs if isinstance(e, E.ItemAdopted) and e.item == "A1")
    evs.append(E.EventVoided(id="V1", at=adoption.at, by="t", target=adoption.id, reason="误录"))
    st = fold(evs)
    assert queries.summary(st, parse_period("2011-03"))["adopted"]["政务信息快报"] == 2
    findings = [f.message for f in checks.check(st)]
    assert any("voided event" in m for m in findings)


def test_check_is_clean_on_the_small_journal(st):
    assert checks.check(st) == []


def test_check_finds_unscored_adoption_wrong_score_and_failed_assertion():
    from govinfo_tui.core import events as E

    evs = small_events()
    t = evs[-1].at
    evs.append(E.ItemAdopted(id="X1", at=t, by="t", item="A3", channel="kb"))
    evs.append(E.ItemAdopted(id="X2", at=t, by="t", item="A4", channel="kb"))
    evs.append(
        E.Scored(id="X3", at=t, by="t", points=9, credits=[E.Credit(unit="nyj", points=9)], source="X2", item="A4")
    )
    evs.append(E.ScoreAsserted(id="X4", at=t, by="t", unit="gx", period="2011-03", points=17, source="市通报"))
    messages = " | ".join(f.message for f in checks.check(fold(evs)))
    assert "has no score" in messages
    assert "disagrees with rule" in messages
    assert "should be 17 points, the ledger has 26" in messages


def test_amend_changes_the_title(st):
    from govinfo_tui.core import events as E

    evs = small_events()
    evs.append(E.ItemAmended(id="AM", at=evs[-1].at, by="t", item="A1", title="新标题", reason="改"))
    assert fold(evs).items["A1"].title == "新标题"


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2011", "2011-01-01", "2011-12-31"),
        ("2011-06", "2011-06-01", "2011-06-30"),
        ("2011-Q2", "2011-04-01", "2011-06-30"),
        ("2011-H1", "2011-01-01", "2011-06-30"),
        ("2011-01..2011-06", "2011-01-01", "2011-06-30"),
        ("2012-02", "2012-02-01", "2012-02-29"),
    ],
)
def test_periods(text, start, end):
    p = parse_period(text)
    assert (p.start.isoformat(), p.end.isoformat()) == (start, end)


@pytest.mark.parametrize("bad", ["2011-13", "June", "2011-Q5", "2011-06..2011-01", ""])
def test_bad_periods_say_what_to_write(bad):
    with pytest.raises(PeriodError, match=r"2011-06|ends before"):
        parse_period(bad)


def test_line_order_does_not_matter(tmp_path):
    evs = small_events()
    a = tmp_path / "a"
    b = tmp_path / "b"
    journal.init(a)
    journal.init(b)
    journal.append(a, evs)
    journal.append(b, list(reversed(evs)))
    sa = queries.summary(fold(journal.load(a).events), parse_period("2011"))
    sb = queries.summary(fold(journal.load(b).events), parse_period("2011"))
    assert sa == sb


def test_check_reports_a_commission_code_taken_twice():
    import datetime as dt

    from govinfo_tui.core import events as E

    evs = small_events()
    t = evs[-1].at
    for n in (1, 2):  # two branches, each the next free code
        evs.append(
            E.Commissioned(
                id=f"C{n}", at=t, commission="YG-2011-01", title=f"约稿{n}", unit="wj", deadline=dt.date(2011, 4, 1)
            )
        )
    messages = [f.message for f in checks.check(fold(evs))]
    assert any("commission code YG-2011-01 is used twice" in m for m in messages)


def test_pace_month_by_month_against_the_target(st):
    p = queries.pace(st, dt.date(2011, 3, 15))
    assert (p["target"], p["points"]) == (20, 12)  # the office's target; March's scores to the 15th
    assert p["due"] == 4.05  # 20 × 74 / 365: the target's share of the days gone
    assert p["ahead"] == 7.95
    months = p["months"]
    assert [m["month"] for m in months][:3] == ["2011-01", "2011-02", "2011-03"] and len(months) == 12
    assert [m["points"] for m in months][:4] == [0, 0, 12, 0]
    assert [m["below"] for m in months][:4] == [True, True, False, None]  # April has not begun
    assert months[0]["need"] == 1.67


def test_pace_judges_the_month_under_way_on_its_days_gone(st):
    march = queries.pace(st, dt.date(2011, 3, 9))["months"][2]
    assert march["points"] == 0 and march["below"] is True  # 0 of 20/12 × 9/31
    assert queries.pace(st, dt.date(2011, 3, 10))["months"][2]["below"] is False  # 2 points on the 10th
    assert all(m["below"] is None for m in queries.pace(st, dt.date(2012, 3, 10))["months"])  # no target in 2012


def test_search_text_reads_title_unit_authors_and_issue(st):
    item = next(i for i in st.items.values() if i.adoptions)
    text = queries.search_text(st, item)
    assert item.title.lower() in text and queries.unit_name(st, item.unit) in text
    assert all(queries.person_name(st, p) in text for p in item.authors)
    assert queries.channel_name(st, item.adoptions[0].channel) in text
    assert queries.matcher(queries.search_words("  A\u3000b "))("xab") is True
    assert queries.search_words("胜天　防汛") == ["胜天", "防汛"]
    assert queries.matcher(["胜天", "防汛"])("胜天镇 安全") is False
    assert queries.matcher(["防汛"])("胜天镇 防汛") is True


def test_the_upward_count_of_every_period_of_a_generated_journal(tmp_path):
    """An item counts as sent upward if it was submitted to a city or provincial channel or
    forwarded to one later (whenever: the item is the period's by its submission). Stated here
    plainly, over every year and month of a generated journal."""
    from govinfo_tui.core.events import ItemForwarded
    from govinfo_tui.core.queries import UPWARD_LEVELS

    root = tmp_path / "gen"
    bench_generate().generate(root, 6000)
    st = fold(journal.load(root).events)
    upward = {c for c, ch in st.channels.items() if ch.level in UPWARD_LEVELS}
    forwards = st.of(ItemForwarded)
    assert forwards
    months = sorted({s.at.strftime("%Y-%m") for s in st.submissions})
    periods = sorted({m[:4] for m in months}) + months
    for label in periods:
        period = parse_period(label)
        expected = 0
        for s in period.slice(st.submissions):
            forwarded = any(f.item == s.item and set(f.channels) & upward for f in forwards)
            expected += bool(set(s.channels) & upward or forwarded)
        assert queries.summary(st, period)["submitted"] == expected, label


def test_an_item_forwarded_upward_counts_as_sent_upward_in_the_month_of_its_submission():
    from govinfo_tui.core import events as E

    from .conftest import at

    more = [
        E.ItemForwarded(id="F1", at=at("2011-04-10"), by="t", item="A4", channels=["kb"]),  # a month later
        E.ItemSubmitted(id="S6", at=at("2011-03-06"), by="t", item="A6", title="县内", unit="wj", channels=["gxzw"]),
        E.ItemForwarded(id="F2", at=at("2011-03-07"), by="t", item="A6", channels=["gxzw"]),  # the county's own
        E.ItemSubmitted(id="S7", at=at("2011-04-02"), by="t", item="A7", title="转报", unit="qf", channels=["gxzw"]),
        E.ItemForwarded(id="F3", at=at("2011-04-03"), by="t", item="A7", channels=["gxzw", "cz"]),
    ]
    st = fold(sorted([*small_events(), *more], key=lambda e: e.at))
    march, april = queries.summary(st, parse_period("2011-03")), queries.summary(st, parse_period("2011-04"))
    assert (march["items"], march["submitted"]) == (6, 5)  # A4 by its forward; A6 stayed in the county
    assert (april["items"], april["submitted"]) == (1, 1)  # A7
