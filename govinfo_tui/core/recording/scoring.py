"""Requests that put points in the ledger: adoptions and comments by the rules, scores by hand, overrides.

Every score the rules give is computed here, once, when its adoption or comment is recorded:
one score per scheme whose rules in force give points (see `core.schemes`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ... import i18n
from .. import events as E
from .. import rules
from ..events import Event, Scheme
from ..period import PeriodError, day_of, parse_period
from ..queries import channel_level, channel_name
from ..schemes import INTERNAL, UPWARD, own_rules, rules_for
from ..shares import OVERRIDE, item_credits
from ..state import State
from .common import RecordError, envelope, need, need_scheme, needles_for, points


def hand_scheme(*, officer: bool = False, county_level: bool = False) -> Scheme:
    """Where points given by hand count unless the user says. The city awards the county; a
    score given to one officer, or for an adoption by a county-level publication, is the
    county's own business (internal). Any other is upward, as every score was before schemes."""
    return INTERNAL if officer or county_level else UPWARD


def after_submission(st: State, item: str, at: dt.datetime, what: str, *, untimed: bool = False) -> dt.datetime:
    """The moment to record an adoption or comment at, refusing one dated before its item was
    submitted: replay would meet it before the item exists.

    A date given without a time of day (`untimed`, recorded as 09:00) says only the office
    day: on the day the item was submitted it means "later that day", so it is recorded just
    after the submission; an earlier day is still refused."""
    sub = st.items[item].events[0]
    if at > sub.at or (at == sub.at and not untimed):
        return at
    if untimed and day_of(at) == day_of(sub.at):
        later = sub.at + dt.timedelta(seconds=1)
        return later if day_of(later) == day_of(sub.at) else sub.at
    raise RecordError("record.before_submission", what=i18n.label("thing", what), item=item, at=at, submitted=sub.at)


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
    scheme: Scheme | None = None  # where points given by hand count (see `hand_scheme`)
    untimed: bool = False  # dated by day only (see `after_submission`)

    def needles(self) -> list[str] | None:
        # its lines say whose it is now (amendments change the authors) and how it was adopted
        return needles_for(self.item)

    def build(self, st: State, at: dt.datetime, by: str) -> list[Event]:
        need(st, "item", self.item)
        need(st, "channel", self.channel)
        for u in self.units:
            need(st, "unit", u)
        need_scheme(self.scheme)
        at = after_submission(st, self.item, at, "adoption", untimed=self.untimed)
        for first in st.items[self.item].adoptions:
            if (first.channel, first.issue) == (self.channel, self.issue):
                raise RecordError(
                    "record.adopted_already",
                    item=self.item,
                    channel=channel_name(st, self.channel),
                    issue=self.issue or "-",
                    day=first.at.date(),
                    event=first.id,
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
            points(self.points)
            if not self.reason.strip():
                raise RecordError("record.points_need_reason")
            scheme = self.scheme or hand_scheme(county_level=channel_level(st, self.channel) == "county")
            rs = rules_for(st, scheme, at.date())
            return [ev, _scored(st, ev.units, self.points, "manual", ev, rs, scheme, self.reason.strip())]
        return [ev, *scores_for_adoption(st, ev)]


@dataclass(frozen=True)
class Comment:
    """A leader's comment on an item, with its bonus score when the rules give one."""

    item: str
    leader: str
    level: E.Level  # no default: a city leader's comment scored as a county one is a wrong figure
    stance: E.Stance = "affirmative"
    principal: bool = False
    text: str = ""
    untimed: bool = False  # dated by day only (see `after_submission`)

    def needles(self) -> list[str] | None:
        return needles_for(self.item)

    def build(self, st: State, at: dt.datetime, by: str) -> list[Event]:
        need(st, "item", self.item)
        if not self.leader.strip():
            raise RecordError("record.no_leader")
        at = after_submission(st, self.item, at, "comment", untimed=self.untimed)
        ev = E.LeaderCommented(
            **envelope(at, by),
            item=self.item,
            leader=self.leader.strip(),
            level=self.level,
            stance=self.stance,
            principal=self.principal,
            text=self.text,
        )
        return [ev, *scores_for_comment(st, ev)]


@dataclass(frozen=True)
class ManualScore:
    """Points by hand (a penalty, a bonus) for a unit, an officer or an item's unit.

    With `replaces`, the score replaced is voided and the new one takes its business time
    (a correction); naming no unit or officer makes it an `Override`. The score counts in
    `scheme`: by default the replaced score's, or as `hand_scheme` says.
    """

    points: float
    reason: str
    unit: str | None = None
    item: str | None = None
    person: str | None = None
    replaces: str | None = None
    rule: str = "manual"
    scheme: Scheme | None = None

    def needles(self) -> list[str] | None:
        # a replaced score's item is named by the score alone (see `Override.needles`)
        return None if self.replaces else needles_for(self.item)

    def build(self, st: State, at: dt.datetime, by: str) -> list[Event]:
        if not self.reason.strip():
            raise RecordError("record.score_needs_reason")
        points(self.points)
        need_scheme(self.scheme)
        out: list[Event] = []
        item, unit, source, when = self.item, self.unit, None, at
        scheme = self.scheme or hand_scheme(officer=self.person is not None)
        if self.replaces:
            if unit is None and self.person is None:
                return Override(self.replaces, self.points, self.reason, item=item).build(st, at, by)
            old, void = _replaced(st, self.replaces, self.reason, at, by)
            out.append(void)
            item, source, when = item or old.item, old.source, old.at
            scheme = self.scheme or old.scheme
        if item:
            need(st, "item", item)
            unit = unit or st.items[item].unit
        if self.person:
            need(st, "person", self.person)
            unit = unit or st.people[self.person].unit
        if not unit:
            raise RecordError("record.score_for_whom")
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
                scheme=scheme,
                replaces=self.replaces,
            )
        )
        return out


@dataclass(frozen=True)
class Override:
    """New points for a score, shared as it was shared: the old score is voided, the new one
    keeps its date, source, scheme and item (`item` relabels it)."""

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
            raise RecordError("record.score_needs_reason")
        points(self.points)
        old, void = _replaced(st, self.score, self.reason, at, by)
        units = list(dict.fromkeys(c.unit for c in old.credits))
        rs = rules_for(st, old.scheme, old.at.date())
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
            rule=OVERRIDE,
            source=old.source,
            item=self.item or old.item,
            reason=self.reason.strip(),
            scheme=old.scheme,
            replaces=old.id,
        )
        return [void, new]


def _replaced(st: State, score: str, reason: str, at: dt.datetime, by: str) -> tuple[E.Scored, E.EventVoided]:
    """The score being replaced, and the void that takes it out of the ledger."""
    old = st.events.get(score)
    if not isinstance(old, E.Scored):
        raise RecordError("record.not_a_score", score=score)
    if score in st.voided:
        raise RecordError("record.score_voided", score=score)
    if score in st.superseded:
        raise RecordError("record.score_superseded", score=score, other=st.superseded[score])
    words = i18n.t("record.reason.override", reason=reason)  # in the recorder's language, as if typed
    return old, E.EventVoided(**envelope(at, by), target=score, reason=words, item=old.item)


def _adoption_points(st: State, channel: str, form: str, day: dt.date) -> list[tuple[Scheme, E.RulesSet, rules.Points]]:
    """What each scheme's own rules in force give an adoption: the points that are not zero, or
    else the first scheme's zero, so that every adoption keeps a score naming the rule that judged it."""
    found: list[tuple[Scheme, E.RulesSet, rules.Points]] = []
    refusal: rules.NoRule | None = None
    in_force = False
    for scheme in E.SCHEMES:
        rs = own_rules(st, scheme, day)
        if rs is None:
            continue
        in_force = True
        try:
            found.append((scheme, rs, rules.adoption_points(rs, channel, channel_level(st, channel), form)))
        except rules.NoRule as exc:
            refusal = refusal or exc
    if not in_force:
        raise RecordError("record.no_rules", day=day)
    if refusal is not None and not found:
        raise RecordError.from_error(refusal)
    return [f for f in found if f[2].points] or found[:1]


def scores_for_adoption(st: State, adoption: E.ItemAdopted) -> list[E.Scored]:
    """The `scored` events the rule sets in force on the adoption's date give, one per scheme."""
    return [
        _scored(st, adoption.units, pts.points, pts.rule, adoption, rs, scheme)
        for scheme, rs, pts in _adoption_points(st, adoption.channel, adoption.form, adoption.at.date())
    ]


def scores_for_comment(st: State, comment: E.LeaderCommented) -> list[E.Scored]:
    """The bonus each scheme's rules in force on the comment's date give, where they give one."""
    out = []
    for scheme in E.SCHEMES:
        rs = own_rules(st, scheme, comment.at.date())
        pts = rules.comment_points(rs, comment.level, comment.stance) if rs else None
        if rs is not None and pts is not None and pts.points:
            out.append(_scored(st, [], pts.points, pts.rule, comment, rs, scheme))
    return out


def earns_points(st: State, channel: str, day: dt.date, form: str = "单条") -> bool:
    """Whether some scheme's rules in force give an adoption by `channel` points: the county's
    bulletin does once the county's own rules score 县级采用."""
    try:
        return any(pts.points for _scheme, _rs, pts in _adoption_points(st, channel, form, day))
    except RecordError:
        return False


def preview_adoption(st: State, *, channel: str, day: dt.date, form: str) -> list[rules.Points]:
    """What the rules would give, one entry per scheme that scores, for a form to show before saving."""
    return [pts for _scheme, _rs, pts in _adoption_points(st, channel, form, day)]


def _scored(
    st: State,
    units: list[str],
    points: float,
    rule: str,
    source: E.ItemAdopted | E.LeaderCommented,
    rs: E.RulesSet | None,
    scheme: Scheme,
    reason: str = "",
) -> E.Scored:
    """The score `source` earns its item in `scheme`: `units` (default the item's own, all of a
    joint item's) share it, and each unit's share goes to its authors; if no author belongs to
    the item's own unit, all of them share that unit's part."""
    return E.Scored(
        **envelope(source.at, source.by),
        points=points,
        credits=item_credits(st, source.item, units, points, rs),
        rule=rule,
        source=source.id,
        item=source.item,
        reason=reason,
        scheme=scheme,
    )


@dataclass
class AdoptMany:
    """Several adoptions in one write, all of them or none (an import of the city's list).

    Each is an `Adopt` at its own time, built against the journal as it stands under the lock,
    so one that can no longer be recorded (adopted meanwhile, no rule for its publication)
    refuses the whole write. `origins` name each adoption's source ("FILE:ROW"); `where` is
    filled while building, one entry per event, for the gate's message.
    """

    adoptions: tuple[tuple[Adopt, dt.datetime], ...]
    origins: tuple[str, ...] = ()
    where: list[str] = field(default_factory=list)

    def needles(self) -> list[str] | None:
        return needles_for(*(a.item for a, _at in self.adoptions))

    def build(self, st: State, at: dt.datetime, by: str) -> list[Event]:
        if not self.adoptions:
            raise RecordError("record.nothing_to_adopt")
        out: list[Event] = []
        self.where.clear()
        taken: dict[tuple[str, str, str], str] = {}
        for n, (adopt, when) in enumerate(self.adoptions):
            origin = self.origins[n] if n < len(self.origins) else str(n + 1)
            fact = (adopt.item, adopt.channel, adopt.issue)
            if fact in taken:
                raise RecordError("record.adopted_twice_in_batch", item=adopt.item, where=origin, first=taken[fact])
            taken[fact] = origin
            try:
                events = adopt.build(st, when, by)
            except RecordError as exc:
                raise RecordError("record.batch_row_refused", where=origin, message=str(exc)) from None
            out.extend(events)
            self.where.extend(origin for _ in events)
        return out


@dataclass(frozen=True)
class AssertScore:
    """An official tally to hold the ledger to, as a balance assertion: the city's notice says
    the county earned `points` in `period` (upward, the default), or a figure of the county's
    own scoring (internal). `govinfo check` names it whenever the ledger says otherwise."""

    unit: str
    period: str
    points: float
    source: str = ""
    scheme: Scheme = UPWARD

    def needles(self) -> list[str] | None:
        return needles_for(self.unit)

    def build(self, st: State, at: dt.datetime, by: str) -> list[Event]:
        need(st, "unit", self.unit)
        need_scheme(self.scheme)
        points(self.points)
        try:
            parse_period(self.period)
        except PeriodError as exc:
            raise RecordError.from_error(exc) from None
        return [
            E.ScoreAsserted(
                **envelope(at, by),
                unit=self.unit,
                period=self.period.strip(),
                points=self.points,
                source=self.source.strip(),
                scheme=self.scheme,
            )
        ]
