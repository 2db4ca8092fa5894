"""Scoring: which rule set is in force on a date, and what it gives an adoption or a comment.

Scores are computed once, when an adoption or comment is recorded, and written to the
journal as `scored` events naming the rule; replay sums the ledger and never recomputes,
so a later rule change cannot alter history. `check` recomputes only to compare.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass

from .errors import GovinfoError
from .events import AdoptionRule, CommentRule, Credit, RulesSet


@dataclass(frozen=True)
class Points:
    points: float
    rule: str


class NoRule(GovinfoError, LookupError):
    """No rule set, or no rule in it, covers the case; the message says which."""


def in_force(rulesets: list[RulesSet], day: dt.date) -> RulesSet | None:
    """The rule set with the latest `effective` date on or before `day`.

    `rulesets` must be in (effective, at, id) order, as `State.rulesets` keeps them: this is
    called once per score when checking the ledger, so it must not sort.
    """
    idx = bisect_right(rulesets, day, key=_effective)
    return rulesets[idx - 1] if idx else None


def ruleset_order(rs: RulesSet) -> tuple:
    return (rs.effective, rs.at, rs.id)


def _effective(rs: RulesSet) -> dt.date:
    return rs.effective


def _specificity(rule: AdoptionRule) -> int:
    return (4 if rule.channel else 0) + (2 if rule.level else 0) + (1 if rule.form else 0)


def adoption_points(rs: RulesSet, channel: str, level: str, form: str) -> Points:
    best: AdoptionRule | None = None
    for rule in rs.adoption:
        if rule.channel not in (None, channel) or rule.level not in (None, level):
            continue
        if rule.form not in (None, form):
            continue
        if best is None or _specificity(rule) > _specificity(best):
            best = rule
    if best is None:
        raise NoRule("rule.no_adoption_points", ruleset=rs.ruleset, channel=channel, level=level, form=form)
    parts = [p for p in (best.channel, best.level, best.form) if p]
    return Points(best.points, f"{rs.ruleset}/adopt:{'/'.join(parts) or '*'}")


def comment_points(rs: RulesSet, level: str, stance: str) -> Points:
    best: CommentRule | None = None
    for rule in rs.comment:
        if rule.level not in (None, level) or rule.stance not in (None, stance):
            continue
        score = (2 if rule.level else 0) + (1 if rule.stance else 0)
        if best is None or score > (2 if best.level else 0) + (1 if best.stance else 0):
            best = rule
    if best is None:
        return Points(0.0, f"{rs.ruleset}/comment:none")
    parts = [p for p in (best.level, best.stance) if p]
    return Points(best.points, f"{rs.ruleset}/comment:{'/'.join(parts) or '*'}")


def split_credits(
    rs: RulesSet | None, points: float, units: list[str], authors_by_unit: dict[str, list[str]]
) -> list[Credit]:
    """Share `points` among credited units, then among each unit's authors.

    "equal" splits evenly (rounded to 0.01, the remainder on the first share, so the parts
    always add up); "full" gives every unit the whole points.
    """
    mode = rs.split if rs is not None else "equal"
    unit_shares = shares(points, len(units)) if mode == "equal" else [points] * len(units)
    credits: list[Credit] = []
    for unit, share in zip(units, unit_shares, strict=True):
        people = authors_by_unit.get(unit) or []
        if not people:
            credits.append(Credit(unit=unit, points=share))
            continue
        for person, part in zip(people, shares(share, len(people)), strict=True):
            credits.append(Credit(unit=unit, person=person, points=part))
    return credits


def credits_add_up(points: float, credits: list[Credit], split: str) -> bool:
    """Whether `credits` share `points` as the split mode shares them: under "equal" the parts
    add up to the points, under "full" each credited unit's parts do."""
    if split != "full":
        return abs(sum(c.points for c in credits) - points) <= 0.005
    by_unit: dict[str, float] = defaultdict(float)
    for c in credits:
        by_unit[c.unit] += c.points
    return all(abs(total - points) <= 0.005 for total in by_unit.values())


def shares(total: float, n: int) -> list[float]:
    if n <= 1:
        return [round(total, 2)] * n
    cents = round(total * 100)
    base, rest = divmod(cents, n)
    return [(base + (1 if i < rest else 0)) / 100 for i in range(n)]


def penalty(rs: RulesSet, kind: str) -> Points:
    value = getattr(rs.penalties, kind)
    return Points(-abs(value), f"{rs.ruleset}/penalty:{kind}")


def base_rule(rs: RulesSet) -> Points:
    """The monthly base points (基础分) for an officer who met the quota, and the rule's name."""
    return Points(rs.base_points, f"{rs.ruleset}/base:quota")


def is_base(rule: str) -> bool:
    return rule.endswith("/base:quota")


def quota_for(rs: RulesSet | None, role: str) -> int:
    if rs is None:
        return 0
    return rs.quota.get(role, 0)


def penalty_kind(rule: str) -> str | None:
    """`2011年计分办法/penalty:missed_commission` -> `missed_commission`."""
    head, sep, kind = rule.rpartition("/penalty:")
    return kind if sep and head else None


def remuneration_rate(rs: RulesSet | None, channel: str, level: str) -> float:
    """The amount the most specific remuneration rule gives (channel beats level beats any)."""
    if rs is None:
        return 0.0
    best, best_score = None, -1
    for r in rs.remuneration:
        if r.channel not in (None, channel) or r.level not in (None, level):
            continue
        score = (2 if r.channel else 0) + (1 if r.level else 0)
        if score > best_score:
            best, best_score = r, score
    return float(best.amount) if best else 0.0


BELOW_ALL = "未达标"


def grade_for(rs: RulesSet | None, completion: float | None) -> str | None:
    """The highest grade whose threshold the completion reaches; None without a target."""
    if completion is None:
        return None
    if rs is None or not rs.grades:
        return None
    for g in sorted(rs.grades, key=lambda g: -g.min_completion):
        if completion + 1e-9 >= g.min_completion:
            return g.name
    return BELOW_ALL
