"""The scoring rules on their own: which rule applies, and how points are shared out."""

from __future__ import annotations

import datetime as dt

import pytest

from govinfo_tui.core import events as E
from govinfo_tui.core import rules
from govinfo_tui.core.events import AdoptionRule, CommentRule, Credit

from ..conftest import at

pytestmark = pytest.mark.usefixtures("english")  # these tests read the English words of messages


def ruleset(**fields: object) -> E.RulesSet:
    return E.RulesSet(id="R", at=at("2011-01-01"), ruleset="2011", effective=dt.date(2011, 1, 1), **fields)  # type: ignore[arg-type]


# --- shares and the credit split --------------------------------------------------------


def test_shares_put_the_odd_cents_on_the_first_shares():
    assert rules.shares(10, 3) == [3.34, 3.33, 3.33]
    assert rules.shares(0.05, 2) == [0.03, 0.02]
    assert rules.shares(2, 4) == [0.5, 0.5, 0.5, 0.5]


def test_shares_of_one_or_none():
    assert rules.shares(4.567, 1) == [4.57]
    assert rules.shares(5, 0) == []


@pytest.mark.parametrize("total", [10, 1, 0.05, 7.77, -5, -1])
@pytest.mark.parametrize("n", [2, 3, 7])
def test_shares_always_add_up(total, n):
    assert round(sum(rules.shares(total, n)), 2) == round(total, 2)


def test_equal_split_shares_among_units_then_among_each_units_authors():
    credits = rules.split_credits(ruleset(split="equal"), 3, ["wj", "qf"], {"wj": ["p1", "p4"]})
    assert credits == [
        Credit(unit="wj", person="p1", points=0.75),
        Credit(unit="wj", person="p4", points=0.75),
        Credit(unit="qf", points=1.5),
    ]


def test_full_split_gives_every_unit_the_whole_points():
    credits = rules.split_credits(ruleset(split="full"), 2, ["wj", "qf"], {"qf": ["p2"]})
    assert credits == [Credit(unit="wj", points=2), Credit(unit="qf", person="p2", points=2)]


def test_without_a_rule_set_the_split_is_equal():
    assert rules.split_credits(None, 1, ["a", "b", "c"], {}) == [
        Credit(unit="a", points=0.34),
        Credit(unit="b", points=0.33),
        Credit(unit="c", points=0.33),
    ]


def test_a_penalty_split_adds_up_too():
    credits = rules.split_credits(ruleset(), -5, ["nyj"], {"nyj": ["p3", "p5", "p6"]})
    assert [c.person for c in credits] == ["p3", "p5", "p6"]
    assert round(sum(c.points for c in credits), 2) == -5


# --- which rule applies -----------------------------------------------------------------

ADOPTION = ruleset(
    adoption=[
        AdoptionRule(level="city", points=1),
        AdoptionRule(form="单篇", points=3),
        AdoptionRule(channel="kb", points=2),
        AdoptionRule(channel="kb", form="单篇", points=5),
        AdoptionRule(channel="kb", level="city", points=4),
    ]
)


@pytest.mark.parametrize(
    ("channel", "level", "form", "points", "rule"),
    [
        ("kb", "city", "单篇", 4, "2011/adopt:kb/city"),  # channel + level beats channel + form
        ("kb", "province", "单篇", 5, "2011/adopt:kb/单篇"),  # channel + form beats the channel alone
        ("kb", "province", "单条", 2, "2011/adopt:kb"),  # the channel beats anything without it
        ("cz", "city", "单篇", 1, "2011/adopt:city"),  # the level beats the form
        ("cz", "province", "单篇", 3, "2011/adopt:单篇"),
    ],
)
def test_the_most_specific_adoption_rule_wins(channel, level, form, points, rule):
    assert rules.adoption_points(ADOPTION, channel, level, form) == rules.Points(points, rule)


def test_of_two_equally_specific_rules_the_first_listed_wins():
    rs = ruleset(adoption=[AdoptionRule(points=1), AdoptionRule(points=9)])
    assert rules.adoption_points(rs, "kb", "city", "单条") == rules.Points(1, "2011/adopt:*")


def test_no_adoption_rule_is_an_error_that_says_what_to_do():
    with pytest.raises(rules.NoRule, match="score it by hand"):
        rules.adoption_points(ADOPTION, "cz", "province", "单条")


def test_comment_rules_prefer_level_and_stance_and_default_to_nothing():
    rs = ruleset(
        comment=[
            CommentRule(level="city", points=5),
            CommentRule(level="city", stance="directive", points=2),
            CommentRule(stance="affirmative", points=1),
        ]
    )
    assert rules.comment_points(rs, "city", "directive") == rules.Points(2, "2011/comment:city/directive")
    assert rules.comment_points(rs, "city", "affirmative") == rules.Points(5, "2011/comment:city")
    assert rules.comment_points(rs, "county", "affirmative") == rules.Points(1, "2011/comment:affirmative")
    assert rules.comment_points(rs, "county", "directive") == rules.Points(0.0, "2011/comment:none")


def test_the_rule_set_in_force_is_the_latest_effective_on_the_day():
    old = ruleset()
    new = E.RulesSet(id="R2", at=at("2011-06-01"), ruleset="2011下半年", effective=dt.date(2011, 7, 1))
    assert rules.in_force([old, new], dt.date(2011, 6, 30)) is old
    assert rules.in_force([old, new], dt.date(2011, 7, 1)) is new
    assert rules.in_force([old, new], dt.date(2010, 12, 31)) is None
