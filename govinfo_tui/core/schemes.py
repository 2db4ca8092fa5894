"""Scoring schemes: whose rules and which scores count, for the county and for its units.

One journal keeps two ledgers apart by the `scheme` of each rule set, target and score.
`upward` is what the city or province awards the county: the figure compared with the city's
target and checked against its notices. `internal` is what the county awards its own townships,
departments and officers under its 考核细则: its bulletin's adoptions, monthly base points,
penalties. An adoption is scored once per scheme whose rules give it points.

An office that has written no rules of its own goes on ranking its units by the city's: on a
day when no internal rule set is in force, the internal scheme borrows the upward rules and
counts the upward scores. So an old journal ranks its units as it always did, while a
penalty (always internal) no longer touches the figure the city checks.
"""

from __future__ import annotations

import datetime as dt

from . import rules
from .events import RulesSet, Scheme, Scored
from .state import State

UPWARD: Scheme = "upward"
INTERNAL: Scheme = "internal"


def rulesets(st: State, scheme: Scheme) -> list[RulesSet]:
    """The scheme's own rule sets, in the order `rules.in_force` looks them up in."""
    return st.memo(f"rulesets:{scheme}", lambda: [rs for rs in st.rulesets if rs.scheme == scheme])


def own_rules(st: State, scheme: Scheme, day: dt.date) -> RulesSet | None:
    """The scheme's own rule set in force on `day`: what scores an adoption or comment in it."""
    return rules.in_force(rulesets(st, scheme), day)


def rules_for(st: State, scheme: Scheme, day: dt.date) -> RulesSet | None:
    """The rules `scheme` follows on `day` (quota, limits, penalties, money, grades): its own,
    or for the internal scheme without rules of its own that day, the upward ones."""
    rs = own_rules(st, scheme, day)
    if rs is None and scheme == INTERNAL:
        return own_rules(st, UPWARD, day)
    return rs


def ledger(st: State, scheme: Scheme) -> list[Scored]:
    """The scores that count in `scheme`, in application order (so `Period.slice` works).

    Upward: the upward scores. Internal: the internal scores, and the upward ones dated before
    its first rule set takes effect (every upward one, in a journal without internal rules)."""

    def build() -> list[Scored]:
        scores = st.scores
        if scheme == UPWARD:
            kept = [s for s in scores if s.scheme == UPWARD]
        else:
            own = rulesets(st, INTERNAL)
            start = own[0].effective if own else None
            kept = [s for s in scores if s.scheme == INTERNAL or start is None or s.at.date() < start]
        return scores if len(kept) == len(scores) else kept

    return st.memo(f"ledger:{scheme}", build)
