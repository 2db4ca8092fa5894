"""Requests for the three penalties the rules set (a commission missed, an urgent item late, an
officer below the monthly quota) and the reward for officers who met it (月度基础分).

They are the county's sanctions on its own units and officers, so they count in the internal
scheme, under its rules (the city's where the county has none; see `core.schemes`), and never
in the figure the city checks. Each is judged by the same rule the papers report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import events as E
from .. import rules
from ..events import Event
from ..penalties import commission_event_ids, judge, status_on
from ..period import Period, PeriodError, as_of_end, day_of, parse_period
from ..queries import quota
from ..schemes import INTERNAL, rules_for
from ..state import State
from .common import RecordError, envelope, need, needles_for


def _penalty(st: State, kind: str, day: dt.date) -> rules.Points:
    rs = rules_for(st, INTERNAL, day)
    if rs is None:
        raise RecordError("record.penalty_no_rules", day=day)
    pts = rules.penalty(rs, kind)
    if not pts.points:
        raise RecordError("record.penalty_none", ruleset=rs.ruleset, kind=kind)
    return pts


@dataclass(frozen=True)
class PenalizeCommission:
    """The rules' penalty for a commission missed (约稿未报) or delivered after its deadline.

    The score's source is the `commissioned` event, so voiding that voids the penalty too.
    """

    commission: str
    reason: str = ""

    def needles(self) -> list[str] | None:
        return None  # the delivering item and earlier penalties need not name the commission

    def build(self, st: State, at: dt.datetime, by: str) -> list[Event]:
        com = st.commissions.get(self.commission)
        if com is None:
            raise RecordError("record.unknown_commission", commission=self.commission)
        status, delivered = status_on(com, day_of(at))
        if status == "open":
            raise RecordError("record.commission_not_due", commission=self.commission, deadline=com.deadline)
        if status == "on_time":
            raise RecordError("record.commission_on_time", commission=self.commission, delivered=delivered)
        source = commission_event_ids(st).get(self.commission)
        for s in st.scores:
            if s.source == source and rules.penalty_kind(s.rule) == "missed_commission":
                raise RecordError(
                    "record.commission_penalised", commission=self.commission, points=s.points, score=s.id
                )
        pts = _penalty(st, "missed_commission", com.deadline)
        what = "逾期未报" if status == "overdue" else f"逾期报送（{delivered}）"
        text = self.reason.strip() or f"约稿 {self.commission}《{com.title}》{what}，时限 {com.deadline}"
        return [
            E.Scored(
                **envelope(at, by),
                points=pts.points,
                credits=[E.Credit(unit=com.unit, person=com.person, points=pts.points)],
                rule=pts.rule,
                source=source,
                reason=text,
                scheme=INTERNAL,
            )
        ]


@dataclass(frozen=True)
class PenalizeUrgent:
    """The rules' penalty for an urgent item reported later than the limit (迟报)."""

    item: str
    reason: str = ""

    def needles(self) -> list[str] | None:
        return needles_for(self.item)

    def build(self, st: State, at: dt.datetime, by: str) -> list[Event]:
        need(st, "item", self.item)
        it = st.items[self.item]
        if not it.urgent:
            raise RecordError("record.not_urgent", item=self.item)
        verdict = judge(st, it)
        if verdict["status"] == "unknown":
            raise RecordError("record.urgent_undated", item=self.item)
        if verdict["status"] != "late":
            raise RecordError(
                "record.urgent_in_time", item=self.item, minutes=verdict["minutes"], limit=verdict["limit"]
            )
        for s in it.scores:
            if rules.penalty_kind(s.rule) == "late_urgent":
                raise RecordError("record.urgent_penalised", item=self.item, points=s.points, score=s.id)
        day = day_of(it.occurred_at or it.submitted_at)
        rs = rules_for(st, INTERNAL, day)
        pts = _penalty(st, "late_urgent", day)
        authors = [p for p in it.authors if p not in st.people or st.people[p].unit == it.unit] or list(it.authors)
        credits = rules.split_credits(rs, pts.points, [it.unit], {it.unit: authors} if authors else {})
        text = self.reason.strip() or (
            f"紧急信息迟报：{verdict['minutes']}分钟（{'电话' if verdict['kind'] == 'phone' else '书面'}报告时限"
            f"{verdict['limit']}分钟）"
        )
        return [
            E.Scored(
                **envelope(at, by),
                points=pts.points,
                credits=credits,
                rule=pts.rule,
                source=it.events[0].id if it.events else None,
                item=self.item,
                reason=text,
                scheme=INTERNAL,
            )
        ]


def _one_month(month: str) -> tuple[Period, str]:
    """The period of `month` (YYYY-MM) and its key; anything but one whole month is refused."""
    try:
        period = parse_period(month)
    except PeriodError as exc:
        raise RecordError.from_error(exc) from None
    if (period.start.year, period.start.month) != (period.end.year, period.end.month) or period.start.day != 1:
        raise RecordError("record.not_one_month", month=month)
    return period, f"{period.start.year:04d}-{period.start.month:02d}"


def _month_end(period: Period) -> dt.datetime:
    return as_of_end(period.end).replace(microsecond=0)


@dataclass(frozen=True)
class PenalizeQuota:
    """The rules' penalty for an officer below the monthly quota in `month` (YYYY-MM).

    It is `dated` when given, else the month's last moment, so it counts in that month's notice.
    """

    person: str
    month: str
    reason: str = ""
    dated: dt.datetime | None = None

    def needles(self) -> list[str] | None:
        return None  # every item the officer wrote that month counts

    def build(self, st: State, at: dt.datetime, by: str) -> list[Event]:
        person = self.person
        need(st, "person", person)
        period, key = _one_month(self.month)
        row = next((r for r in quota(st, period) if r["code"] == person), None)
        got = row["months"].get(key) if row else None
        if got is None:
            raise RecordError("record.no_quota", person=person, month=key)
        if not got["below"]:
            raise RecordError("record.quota_met", person=person, count=got["count"], month=key, quota=got["quota"])
        for s in st.scores:
            mine = rules.penalty_kind(s.rule) == "missed_quota" and any(c.person == person for c in s.credits)
            if mine and (period.has(s.at) or key in s.reason):
                raise RecordError("record.quota_penalised", person=person, month=key, points=s.points, score=s.id)
        pts = _penalty(st, "missed_quota", period.start)
        text = self.reason.strip() or f"{key} 报送{got['count']}条，少于每月{got['quota']}条"
        if key not in text:
            text = f"{key} {text}"
        return [
            E.Scored(
                **envelope(self.dated or _month_end(period), by),
                points=pts.points,
                credits=[E.Credit(unit=st.people[person].unit, person=person, points=pts.points)],
                rule=pts.rule,
                reason=text,
                scheme=INTERNAL,
            )
        ]


@dataclass(frozen=True)
class RewardQuota:
    """The rules' monthly base points (月度基础分) for every officer who met the quota in
    `month` and has not had them yet, dated the month's last moment like a quota penalty."""

    month: str

    def needles(self) -> list[str] | None:
        return None  # every item written that month counts

    def build(self, st: State, at: dt.datetime, by: str) -> list[Event]:
        period, key = _one_month(self.month)
        rs = rules_for(st, INTERNAL, period.start)
        if rs is None:
            raise RecordError("record.penalty_no_rules", day=period.start)
        pts = rules.base_rule(rs)
        if not pts.points:
            raise RecordError("record.no_base_points", ruleset=rs.ruleset)
        done = {c.person for s in period.slice(st.scores) if rules.is_base(s.rule) for c in s.credits}
        out: list[Event] = []
        for row in quota(st, period):
            got = row["months"].get(key)
            if got is None or got["below"] or row["code"] in done:
                continue
            person = st.people[row["code"]]
            out.append(
                E.Scored(
                    **envelope(_month_end(period), by),
                    points=pts.points,
                    credits=[E.Credit(unit=person.unit, person=person.person, points=pts.points)],
                    rule=pts.rule,
                    reason=f"{key} 报送{got['count']}条，完成每月{got['quota']}条任务",
                    scheme=INTERNAL,
                )
            )
        if not out:
            raise RecordError("record.nobody_to_reward", month=key)
        return out
