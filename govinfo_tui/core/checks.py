"""`govinfo check`: what replay found wrong beyond bad lines, as a list of validations.

Each validation is a function of the `State` returning `Finding`s, in the spirit of
beancount's `ops/validation.py`; `check` runs them in order. A new check is one function
here and one entry in `VALIDATIONS`.
"""

from __future__ import annotations

import datetime as dt
import gc
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain
from operator import attrgetter

import msgspec

from .. import i18n
from . import bulletins as B
from . import events as EV
from . import faults, meetings, rules
from .events import SCHEMES, Event, Scheme
from .period import OFFICE_TZ, PeriodError, day_of, parse_period
from .queries import channel_level, channel_name, descendants
from .schemes import ledger as scheme_ledger
from .schemes import own_rules, rules_for
from .schemes import rulesets as scheme_rulesets
from .shares import follows_item, item_credits, same_shares, units_of
from .state import State


@dataclass(frozen=True)
class Finding:
    """What is wrong, at which event; `others` are the events it conflicts with, so that a
    face can point at every line involved."""

    event_id: str
    message: str
    others: tuple[str, ...] = ()


def dangling_references(st: State) -> list[Finding]:
    """Events the fold kept out because they refer to something unknown."""
    return [Finding(ev_id, reason) for ev_id, reason in st.dangling]


def unregistered_parents(st: State) -> list[Finding]:
    """Units whose parent, and officers whose unit, is not registered."""
    findings = []
    for u in st.units.values():
        if u.parent is not None and u.parent not in st.units:  # "" too: no writer says that
            findings.append(Finding(u.id, i18n.t("check.unregistered_parent", unit=u.unit, parent=u.parent)))
    for p in st.people.values():
        if p.unit not in st.units:
            findings.append(Finding(p.id, i18n.t("check.unregistered_unit", person=p.person, unit=p.unit)))
    return findings


def unscored_sources(st: State) -> list[Finding]:
    """Adoptions without any score, and adoptions and comments without the score a scheme's
    rules in force give them.

    A source's scores are nearly always its item's own (`Item.scores`, live scores only), so the
    item vouches for most sources; only a source it does not clear is judged against every
    live score, gathered then, once (a table of every scored source is tens of megabytes at a
    million events)."""
    expected = _Expected(st)
    items, superseded = st.items, st.superseded
    everywhere: dict[str, set[str]] | None = None
    findings = []
    sources: chain[EV.ItemAdopted | EV.LeaderCommented] = chain(st.adoptions.values(), st.comments.values())
    for ev in sources:
        item = items.get(ev.item)
        own = item.scores if item is not None else ()
        have: set[str] = {s.scheme for s in own if s.source and superseded.get(s.source, s.source) == ev.id}
        found = _unscored(st, ev, have, expected)
        if found:  # the item's scores may not be all: ask every score
            everywhere = _scored_schemes(st) if everywhere is None else everywhere
            found = _unscored(st, ev, {scheme for scheme, scored in everywhere.items() if ev.id in scored}, expected)
        findings += found
    return findings


def _unscored(st: State, ev: EV.ItemAdopted | EV.LeaderCommented, have: set[str], expected: _Expected) -> list[Finding]:
    """What `unscored_sources` says of `ev`, scored in the schemes `have`. Judged with only some
    of its scores, it says nothing only if it says nothing with all of them."""
    if not have and isinstance(ev, EV.ItemAdopted):
        return [Finding(ev.id, i18n.t("check.unscored_adoption", item=ev.item, channel=channel_name(st, ev.channel)))]
    findings = []
    for scheme in SCHEMES:
        points = None if scheme in have else expected(ev.id, scheme)
        if points is None or not points.points:
            continue
        if not have:
            return [Finding(ev.id, i18n.t("check.unscored_comment", item=ev.item))]
        message = i18n.t(
            "check.unscored_in_scheme",
            what=i18n.label("thing", "adoption" if isinstance(ev, EV.ItemAdopted) else "comment"),
            item=ev.item,
            scheme=i18n.label("scheme", scheme),
            points=points.points,
            rule=points.rule,
        )
        findings.append(Finding(ev.id, message))
    return findings


def _scored_schemes(st: State) -> dict[str, set[str]]:
    """By scheme, the sources its live scores count for: a repeated adoption's score counts
    for the adoption that counts."""
    out: dict[str, set[str]] = {scheme: set() for scheme in SCHEMES}
    for s in st.scores:
        if s.source:
            out.setdefault(s.scheme, set()).add(st.superseded.get(s.source, s.source))
    return out


class _Expected:
    """`expected_points` for every source of a journal: what a source earns depends only on
    the scheme, its day and its case (channel and form, or level and stance), so each is
    worked out once per validation, not once per source."""

    def __init__(self, st: State) -> None:
        self.st = st
        self.adoptions, self.comments = st.adoptions, st.comments
        self.judging = {scheme for scheme in SCHEMES if scheme_rulesets(st, scheme)}  # the others judge nothing
        self.known: dict[tuple, rules.Points | None] = {}
        self.in_force: dict[tuple[str, dt.date], EV.RulesSet | None] = {}

    def __call__(self, source_id: str, scheme: Scheme) -> rules.Points | None:
        if scheme not in self.judging:
            return None
        ev = self.adoptions.get(source_id)
        if ev is not None:
            key: tuple = (scheme, ev.at.date(), ev.channel, ev.form)
        else:
            com = self.comments.get(source_id)
            if com is None:
                return None
            key = (scheme, com.at.date(), com.level, com.stance, "comment")
        try:
            return self.known[key]
        except KeyError:
            points = self.known[key] = expected_points(self.st, source_id, scheme)
            return points

    def rules_for(self, scheme: Scheme, day: dt.date) -> EV.RulesSet | None:
        """`schemes.rules_for`, once a day."""
        key = (scheme, day)
        try:
            return self.in_force[key]
        except KeyError:
            rs = self.in_force[key] = rules_for(self.st, scheme, day)
            return rs


def ledger(st: State) -> list[Finding]:
    """Credits that do not share the points as the rules split them, scores that disagree with
    their rule. (A score of a voided source no longer counts: `taken_along` names it.)"""
    findings = []
    judge = _Expected(st)
    for s in st.scores:
        rs = judge.rules_for(s.scheme, s.at.date())
        if not rules.credits_add_up(s.points, s.credits, rs.split if rs else "equal"):
            total = round(sum(cr.points for cr in s.credits), 2)
            findings.append(Finding(s.id, i18n.t("check.credits_mismatch", total=total, points=s.points)))
        if s.reason or not s.source:
            continue  # manual scores and overrides carry their own reason
        expected = judge(s.source, s.scheme)
        if expected is not None and abs(expected.points - s.points) > 0.005:
            message = i18n.t("check.score_disagrees", points=s.points, rule=expected.rule, expected=expected.points)
            findings.append(Finding(s.id, message))
    return findings


def unfollowed_shares(st: State) -> list[Finding]:
    """Scores of an amended item still shared as the item was: an amendment reshares the item's
    scores in its own write, so only a score recorded on another branch before a merge (or one
    written by hand with `append`) is left behind. `rescore --record` shares it anew."""
    findings = []
    for item_id in dict.fromkeys(ev.item for ev in st.of(EV.ItemAmended)):  # the others share as submitted
        item = st.items.get(item_id)
        if item is None:
            continue
        for s in item.scores:
            if not follows_item(st, s):
                continue
            source_id = st.superseded.get(s.source or "", s.source or "")
            src = st.adoptions.get(source_id) or st.comments.get(source_id)
            if src is None:
                continue
            now = item_credits(st, item.id, units_of(src), s.points, rules_for(st, s.scheme, src.at.date()))
            if not same_shares(now, s.credits):
                message = i18n.t("check.shares_behind", item=item.id, was=_credits(s.credits), now=_credits(now))
                findings.append(Finding(s.id, message))
    return findings


def _credits(credits: list[EV.Credit]) -> str:
    return ", ".join(f"{c.unit}{'/' + c.person if c.person else ''} {c.points:g}" for c in credits)


def taken_along(st: State) -> list[Finding]:
    """Events a void took along without a void of their own: a score of a voided adoption, or
    an adoption recorded on another branch for an item voided on this one. They no longer
    count; saying so with a void of their own keeps the journal readable by older versions."""
    if not st.voided:
        return []  # spares the index of every event
    findings = []
    events = st.events
    for ev_id, void in st.voided.items():
        if ev_id in st.voids:
            continue
        ev = events.get(ev_id)
        if isinstance(ev, EV.Scored) and ev.source and ev.source in st.voided:
            findings.append(Finding(ev_id, i18n.t("check.score_of_voided", points=ev.points, source=ev.source)))
        elif ev is not None:
            kind = EV.event_type(ev)
            verb = i18n.label("verb", kind)  # Chinese names the event by its verb, English by its type
            message = i18n.t("check.on_voided_item", type=kind, verb=verb, item=getattr(ev, "item", ""))
            findings.append(Finding(ev_id, message, (void.target,)))
    return findings


def repeated_facts(st: State) -> list[Finding]:
    """One fact recorded twice: an adoption (item, publication, issue), or a score overridden
    on two branches (a repeated adoption's score is the adoption's finding). Each counts once;
    the finding names the one that counts."""
    if not st.superseded:
        return []  # spares the index of every event
    findings = []
    events = st.events
    for ev_id, kept in st.superseded.items():
        ev, winner = events.get(ev_id), events.get(kept)
        if isinstance(ev, EV.ItemAdopted):
            message = i18n.t(
                "check.adoption_twice",
                item=ev.item,
                channel=channel_name(st, ev.channel),
                issue=ev.issue or "-",
                other=kept,
            )
            findings.append(Finding(ev_id, message, (kept,)))
        elif isinstance(ev, EV.Scored) and isinstance(winner, EV.Scored) and ev.source == winner.source:
            subject = ev.source or ev.replaces or ev_id
            message = i18n.t("check.override_conflict", points=ev.points, subject=subject, other=kept)
            findings.append(Finding(ev_id, message, (kept,)))
    return findings


_REGISTRATIONS = (
    (EV.UnitRegistered, "unit"),
    (EV.PersonRegistered, "person"),
    (EV.ChannelRegistered, "channel"),
)
_NOT_CONTENT = frozenset({"id", "at", "by", "v", "recorded", "replaces"})


def forked_registrations(st: State) -> list[Finding]:
    """One code registered differently by writers that did not see each other (two git
    branches): two edits of one registration, or a second first registration written by a
    version that names what it edits. The later one counts; both lines are named."""
    findings = []
    for cls, attr in _REGISTRATIONS:
        roots: dict[str, Event] = {}
        edits: dict[str, Event] = {}
        for ev in st.of(cls):
            code = getattr(ev, attr)
            replaces = ev.replaces  # type: ignore[attr-defined]
            seen = edits if replaces else roots
            key = replaces or code
            other = seen.get(key)
            if other is not None and (replaces or ev.v >= 2) and _content(other) != _content(ev):
                kind = i18n.label("thing", attr)
                message = i18n.t("check.registered_twice", kind=kind, code=code, other=other.id)
                findings.append(Finding(ev.id, message, (other.id,)))
            seen.setdefault(key, ev)
    return findings


def _content(ev: Event) -> dict:
    return {k: v for k, v in msgspec.structs.asdict(ev).items() if k not in _NOT_CONTENT}


def assertions(st: State) -> list[Finding]:
    """Official tallies (`score_asserted`) that the ledger of their scheme does not reproduce."""
    findings = []
    for asserted in st.assertions:
        try:
            period = parse_period(asserted.period)
        except PeriodError:
            continue  # `event_rules` names the line
        members = descendants(st, asserted.unit)
        got = 0.0
        for s in period.slice(scheme_ledger(st, asserted.scheme)):
            got += sum(cr.points for cr in s.credits if cr.unit in members)
        if abs(round(got, 2) - asserted.points) > 0.005:
            message = i18n.t(
                "check.assertion_differs",
                source=asserted.source or i18n.t("check.assertion"),
                unit=asserted.unit,
                period=asserted.period,
                points=asserted.points,
                got=round(got, 2),
                scheme=i18n.label("scheme", asserted.scheme),
            )
            findings.append(Finding(asserted.id, message))
    return findings


def reused_codes(st: State) -> list[Finding]:
    """Topic and commission codes run on per year, so two offices on two git branches can
    both take the same one; the later event then replaces the earlier, which must be said."""
    findings = []
    reusable = (
        (EV.Commissioned, "commission", "check.commission_code_reused"),
        (EV.TopicPlanned, "topic", "check.topic_code_reused"),
        (EV.MeetingHeld, "meeting", "check.meeting_code_reused"),
    )
    for cls, attr, key in reusable:
        first: dict[str, Event] = {}
        for ev in st.of(cls):
            code = getattr(ev, attr)
            if code in first:
                findings.append(Finding(ev.id, i18n.t(key, code=code, other=first[code].id)))
            else:
                first[code] = ev
    return findings


def expected_points(st: State, source_id: str, scheme: Scheme) -> rules.Points | None:
    """What `scheme`'s own rules in force give the adoption or comment `source_id`, if they judge it."""
    ev = st.adoptions.get(source_id)
    if ev is not None:
        rs = own_rules(st, scheme, ev.at.date())
        if rs is None:
            return None
        try:
            return rules.adoption_points(rs, ev.channel, channel_level(st, ev.channel), ev.form)
        except rules.NoRule:
            return None
    com = st.comments.get(source_id)
    if com is not None:
        rs = own_rules(st, scheme, com.at.date())
        return rules.comment_points(rs, com.level, com.stance) if rs else None
    return None


def _ranges(runs: list[tuple[int, int]], limit: int = 8) -> str:
    """[(1, 3), (7, 7), (9, 10)] -> "1-3, 7, 9-10", cut after `limit` runs."""
    shown = [f"{a}-{b}" if a != b else str(a) for a, b in runs[:limit]]
    return ", ".join(shown) + (", ..." if len(runs) > limit else "")


def bulletin_numbering(st: State) -> list[Finding]:
    """Gaps and duplicates in each bulletin's numbering, per year, supplements apart, and
    总第N期 numbers used twice."""
    seen: dict[tuple[str, int, bool], dict[int, str]] = defaultdict(dict)
    totals: dict[tuple[str, int], EV.BulletinPublished] = {}
    findings = []
    for b in st.bulletins:
        numbers = seen[(b.channel, b.year, b.supplement)]
        if b.number in numbers:
            issue = f"{channel_name(st, b.channel)} {B.label(b)}"
            findings.append(Finding(b.id, i18n.t("check.numbered_twice", issue=issue, other=numbers[b.number])))
        numbers.setdefault(b.number, b.id)
        if b.total_number is not None and not b.supplement:
            other = totals.setdefault((b.channel, b.total_number), b)
            if other is not b:
                message = i18n.t("check.total_twice", total=b.total_number, issue=B.label(other), other=other.id)
                findings.append(Finding(b.id, message))
    for (channel, year, supplement), numbers in seen.items():
        missing = _missing(sorted(numbers))
        if missing:
            first = numbers[min(numbers)]
            kind = "增刊" if supplement else ""
            bulletin = f"{channel_name(st, channel)} 〔{year}〕{kind}"
            count = sum(b - a + 1 for a, b in missing)
            message = i18n.t("check.numbering_gaps", bulletin=bulletin, missing=_ranges(missing), count=count)
            findings.append(Finding(first, message))
    return findings


def _missing(numbers: list[int]) -> list[tuple[int, int]]:
    """The runs missing from 1 up to the highest of sorted `numbers`, found by walking them
    (a number of 1e9 must not become a set of 1e9)."""
    runs, expected = [], 1
    for n in numbers:
        if n > expected:
            runs.append((expected, n - 1))
        expected = max(expected, n + 1)
    return runs


def voided_twice(st: State) -> list[Finding]:
    """Events voided by more than one void (two overrides of one score on two branches); a void
    undone (restored) does not count, so voiding an event again after an undo is no finding."""
    first: dict[str, str] = {}
    findings = []
    for v in st.of(EV.EventVoided):
        if v.id in st.voids:
            continue
        other = first.setdefault(v.target, v.id)
        if other != v.id:
            findings.append(Finding(v.id, i18n.t("check.voided_twice", target=v.target, other=other)))
    return findings


# what `unregistered_parents` and `ledger` already say, left out of `event_rules` where they say it
_SAID_ELSEWHERE = frozenset({"check.unregistered_parent", "check.unregistered_unit", "check.score_of_voided"})
_REGISTERED = {EV.UnitRegistered: ("units", "unit"), EV.PersonRegistered: ("people", "person")}


def event_rules(st: State) -> list[Finding]:
    """The rules every write enforces (`core.faults`), for lines that came in by hand or by a
    merge; events the replay already reported are left out."""
    known = faults.Known(st)
    said = {ev_id for ev_id, _reason in st.dangling}
    findings = []
    sound = faults.sound
    for ev in st.log:
        if sound(known, ev):
            continue  # nearly every line: nothing to name, and nothing built to say so
        # a void voided is named; what a void took along, `taken_along` names
        if ev.id in said or (ev.id in st.voided and type(ev) is not EV.EventVoided):
            continue
        current = _REGISTERED.get(type(ev))
        superseded = current is not None and getattr(st, current[0]).get(getattr(ev, current[1])) is not ev
        for fault in faults.faults(known, ev):
            if superseded or fault.code not in _SAID_ELSEWHERE:
                findings.append(Finding(ev.id, str(fault)))
    return findings


def dates(st: State) -> list[Finding]:
    """Dates outside the journal's window (`core.faults.Window`): a year ahead of today, or
    stray years before the journal's run of dates; a mistyped year moves every default period.

    The log is in time order, so the window needs one event per year (found by binary search)
    and only the events near its ends, and those stating other dates, are looked at.
    """
    log = st.log
    window = faults.Window.of(_a_day_a_year(log), day_of(dt.datetime.now(OFFICE_TZ)))
    margin = dt.timedelta(days=2)  # a line's own offset may put its day either side of UTC's
    early = bisect_left(log, _moment(window.start + margin), key=_AT)
    late = bisect_right(log, _moment(window.end - margin), key=_AT)
    stating = [*st.of(EV.Commissioned), *st.of(EV.RulesSet), *st.of(EV.TargetSet), *st.bulletins, *st.rankings]
    stating += [s for s in st.submissions if s.occurred_at is not None]
    seen: set[str] = set()
    findings: list[Finding] = []
    for ev in [*log[:early], *log[late:], *stating]:
        if ev.id not in seen and ev.id not in st.voids:
            seen.add(ev.id)
            findings.extend(Finding(ev.id, i18n.t("check.date", fault=f)) for f in window.faults(ev))
    return findings


def _a_day_a_year(log: list[Event]) -> list[dt.date]:
    """The day of the first event of each year the time-ordered `log` covers."""
    days, i = [], 0
    while i < len(log):
        day = log[i].at.date()
        days.append(day)
        if day.year >= dt.MAXYEAR:
            break
        # the first moment any offset (up to +14:00) dates in the next year
        i = max(i + 1, bisect_left(log, dt.datetime(day.year + 1, 1, 1, tzinfo=_EARLIEST_OFFSET), key=_AT))
    return days


_EARLIEST_OFFSET = dt.timezone(dt.timedelta(hours=14))
_AT = attrgetter("at")


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=dt.UTC)


Validation = Callable[[State], list[Finding]]

# The checks `govinfo check`, the app's problems screen and the tests run, in this order.
VALIDATIONS: list[Validation] = [
    dangling_references,
    unregistered_parents,
    unscored_sources,
    taken_along,
    repeated_facts,
    forked_registrations,
    ledger,
    unfollowed_shares,
    assertions,
    bulletin_numbering,
    reused_codes,
    voided_twice,
    event_rules,
    dates,
]


def check(st: State) -> list[Finding]:
    """What replay found wrong beyond bad lines: ledger, assertions, references, numbering.

    The collector is off meanwhile: the validations make short-lived containers by the hundred
    thousand and no cycles, and each collection they set off would walk every item of a state
    that was built with it off (tenths of a second at a million events)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return [finding for validate in VALIDATIONS for finding in validate(st)]
    finally:
        if collecting:
            gc.enable()


def weeks_without_meeting(st: State) -> list[Finding]:
    """Runs of weeks the office held no consultation meeting, in the years it records them
    (`core.meetings.gaps`), each at the meeting held before it."""
    return [
        Finding(
            gap.before.id,
            i18n.t(
                "check.meeting_gap",
                weeks=gap.week_numbers(),
                year=gap.first.isocalendar().year,
                first=gap.first,
                last=gap.last,
                meeting=gap.before.meeting,
                day=day_of(gap.before.at),
            ),
        )
        for gap in meetings.gaps(st)
    ]


# What `check` says without calling it a problem: the office's habits, not the record's faults.
NOTES: list[Validation] = [weeks_without_meeting]


def notes(st: State) -> list[Finding]:
    """Observations that do not fail `check` (a week without a meeting is no bad line)."""
    return [finding for note in NOTES for finding in note(st)]
