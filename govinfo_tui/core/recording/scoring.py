"""Requests that put points in the ledger: adoptions and comments by the rules, scores by hand, overrides.

Every score the rules give is computed here, once, when its adoption or comment is recorded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import events as E
from .. import rules
from ..events import Event
from ..queries import channel_level, channel_name
from ..state import State
from .common import RecordError, envelope, need, needles_for


@dataclass(frozen=True)
class Adopt:
    """A publication printed the item; scored by the rules, or by `points` given with a reason."""

    item: str
    channel: str
    issue: str = ""
    form: str = "单条"
    units: tuple[str, ...] = ()
    points: float | None = None
    reason: str = ""

    def needles(self) -> list[str] | None:
        # its lines say whose it is now (amendments change the authors) and how it was adopted
        return needles_for(self.item)

    def build(self, st: State, at: dt.datetime, by: str) -> list[Event]:
        need(st, "item", self.item)
        need(st, "channel", self.channel)
        for u in self.units:
            need(st, "unit", u)
        for first in st.items[self.item].adoptions:
            if (first.channel, first.issue) == (self.channel, self.issue):
                issue = f"issue {self.issue}" if self.issue else "no issue"
                raise RecordError(
                    f"{self.item} is already adopted by {channel_name(st, self.channel)}, {issue}, "
                    f"on {first.at.date()} (event {first.id}); one adoption is recorded once. "
                    "If this is another issue, give it with --issue"
                )
        ev = E.ItemAdopted(
            **envelope(at, by),
            item=self.item,
            channel=self.channel,
            issue=self.issue,
            form=self.form,
            units=list(self.units),
        )
        if self.points is not None:
            if not self.reason.strip():
                raise RecordError("points given by hand need a reason (--reason)")
            rs = rules.in_force(st.rulesets, at.date())
            return [ev, _scored(st, ev.units, self.points, "manual", ev, rs, self.reason.strip())]
        return [ev, score_for_adoption(st, ev)]


@dataclass(frozen=True)
class Comment:
    """A leader's comment on an item, with its bonus score when the rules give one."""

    item: str
    leader: str
    level: E.Level = "county"
    stance: E.Stance = "affirmative"
    principal: bool = False
    text: str = ""

    def needles(self) -> list[str] | None:
        return needles_for(self.item)

    def build(self, st: State, at: dt.datetime, by: str) -> list[Event]:
        need(st, "item", self.item)
        if not self.leader.strip():
            raise RecordError("name the leader who commented")
        ev = E.LeaderCommented(
            **envelope(at, by),
            item=self.item,
            leader=self.leader.strip(),
            level=self.level,
            stance=self.stance,
            principal=self.principal,
            text=self.text,
        )
        bonus = score_for_comment(st, ev)
        return [ev, bonus] if bonus is not None else [ev]


@dataclass(frozen=True)
class ManualScore:
    """Points by hand (a penalty, a bonus) for a unit, an officer or an item's unit.

    With `replaces`, the score replaced is voided and the new one takes its business time
    (a correction); naming no unit or officer makes it an `Override`.
    """

    points: float
    reason: str
    unit: str | None = None
    item: str | None = None
    person: str | None = None
    replaces: str | None = None
    rule: str = "manual"

    def needles(self) -> list[str] | None:
        # a replaced score's item is named by the score alone (see `Override.needles`)
        return None if self.replaces else needles_for(self.item)

    def build(self, st: State, at: dt.datetime, by: str) -> list[Event]:
        if not self.reason.strip():
            raise RecordError("a score by hand needs a reason (--reason)")
        out: list[Event] = []
        item, unit, source, when = self.item, self.unit, None, at
        if self.replaces:
            if unit is None and self.person is None:
                return Override(self.replaces, self.points, self.reason, item=item).build(st, at, by)
            old, void = _replaced(st, self.replaces, self.reason, at, by)
            out.append(void)
            item, source, when = item or old.item, old.source, old.at
        if item:
            need(st, "item", item)
            unit = unit or st.items[item].unit
        if self.person:
            need(st, "person", self.person)
            unit = unit or st.people[self.person].unit
        if not unit:
            raise RecordError("say whom the points credit: --unit, --person or --item")
        need(st, "unit", unit)
        out.append(
            E.Scored(
                **envelope(when, by),
                points=self.points,
                credits=[E.Credit(unit=unit, person=self.person, points=self.points)],
                rule=self.rule,
                source=source,
                item=item,
                reason=self.reason.strip(),
                replaces=self.replaces,
            )
        )
        return out


@dataclass(frozen=True)
class Override:
    """New points for a score, shared as it was shared: the old score is voided, the new one
    keeps its date, source and item (`item` relabels it)."""

    score: str
    points: float
    reason: str
    item: str | None = None

    def needles(self) -> list[str] | None:
        # whether the authors keep their shares rests on the old score's item being on record,
        # and only the score's own line names that item: read everything
        return None

    def build(self, st: State, at: dt.datetime, by: str) -> list[Event]:
        if not self.reason.strip():
            raise RecordError("a score by hand needs a reason (--reason)")
        old, void = _replaced(st, self.score, self.reason, at, by)
        units = list(dict.fromkeys(c.unit for c in old.credits))
        rs = rules.in_force(st.rulesets, old.at.date())
        on_record = old.item is not None and old.item in st.items
        by_unit: dict[str, list[str]] = {}
        for c in old.credits:
            if c.person:
                by_unit.setdefault(c.unit, []).append(c.person)
        credits = rules.split_credits(rs, self.points, units, by_unit if on_record else {})
        new = E.Scored(
            **envelope(old.at, by),
            points=self.points,
            credits=credits,
            rule="override",
            source=old.source,
            item=self.item or old.item,
            reason=self.reason.strip(),
            replaces=old.id,
        )
        return [void, new]


def _replaced(st: State, score: str, reason: str, at: dt.datetime, by: str) -> tuple[E.Scored, E.EventVoided]:
    """The score being replaced, and the void that takes it out of the ledger."""
    old = st.events.get(score)
    if not isinstance(old, E.Scored):
        raise RecordError(f"{score} is not a score event; give the id of the score to override")
    if score in st.voided:
        raise RecordError(f"score {score} is already voided")
    if score in st.superseded:
        raise RecordError(f"score {score} does not count, {st.superseded[score]} does; override that one")
    return old, E.EventVoided(**envelope(at, by), target=score, reason=f"override: {reason}", item=old.item)


def score_for_adoption(st: State, adoption: E.ItemAdopted) -> E.Scored:
    """The `scored` event the rule set in force on the adoption's date gives."""
    rs = rules.in_force(st.rulesets, adoption.at.date())
    if rs is None:
        raise RecordError(
            f"no rule set is in force on {adoption.at.date()}; register one (govinfo register rules) "
            "or give the points by hand with --points and --reason"
        )
    try:
        pts = rules.adoption_points(rs, adoption.channel, channel_level(st, adoption.channel), adoption.form)
    except rules.NoRule as exc:
        raise RecordError(str(exc)) from None
    return _scored(st, adoption.units, pts.points, pts.rule, adoption, rs)


def score_for_comment(st: State, comment: E.LeaderCommented) -> E.Scored | None:
    """The bonus the rule set in force on the comment's date gives, if it gives one."""
    rs = rules.in_force(st.rulesets, comment.at.date())
    if rs is None:
        return None
    pts = rules.comment_points(rs, comment.level, comment.stance)
    return _scored(st, [], pts.points, pts.rule, comment, rs) if pts.points else None


def preview_adoption(st: State, *, item: str, channel: str, day: dt.date, form: str) -> rules.Points:
    """What the rules would give, for a form to show before saving."""
    rs = rules.in_force(st.rulesets, day)
    if rs is None:
        raise RecordError(f"no rule set is in force on {day}")
    try:
        return rules.adoption_points(rs, channel, channel_level(st, channel), form)
    except rules.NoRule as exc:
        raise RecordError(str(exc)) from None


def _scored(
    st: State,
    units: list[str],
    points: float,
    rule: str,
    source: E.ItemAdopted | E.LeaderCommented,
    rs: E.RulesSet | None,
    reason: str = "",
) -> E.Scored:
    """The score `source` earns its item: `units` (default the item's own) share it, and each
    unit's share goes to its authors; if no author belongs to the item's own unit, all of them
    share that unit's part."""
    item = st.items[source.item]
    credited = list(units) or [item.unit]
    authors_by_unit: dict[str, list[str]] = {}
    for p in item.authors:
        person = st.people.get(p)
        if person is not None and person.unit in credited:
            authors_by_unit.setdefault(person.unit, []).append(p)
    if item.unit in credited and item.unit not in authors_by_unit and item.authors:
        authors_by_unit[item.unit] = list(item.authors)
    return E.Scored(
        **envelope(source.at, source.by),
        points=points,
        credits=rules.split_credits(rs, points, credited, authors_by_unit),
        rule=rule,
        source=source.id,
        item=source.item,
        reason=reason,
    )
