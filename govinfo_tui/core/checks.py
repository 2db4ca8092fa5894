"""`govinfo check`: what replay found wrong beyond bad lines, as a list of validations.

Each validation is a function of the `State` returning `Finding`s, in the spirit of
beancount's `ops/validation.py`; `check` runs them in order. A new check is one function
here and one entry in `VALIDATIONS`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import msgspec

from .. import i18n
from . import bulletins as B
from . import events as EV
from . import rules
from .events import Event
from .period import parse_period
from .queries import channel_level, channel_name, descendants
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
        if u.parent and u.parent not in st.units:
            findings.append(Finding(u.id, i18n.t("check.unregistered_parent", unit=u.unit, parent=u.parent)))
    for p in st.people.values():
        if p.unit not in st.units:
            findings.append(Finding(p.id, i18n.t("check.unregistered_unit", person=p.person, unit=p.unit)))
    return findings


def _scored_sources(st: State) -> dict[str, list]:
    """Live scores by the source they count for: a repeated adoption's score counts for the
    adoption that counts."""
    out: dict[str, list] = defaultdict(list)
    for s in st.scores:
        if s.source:
            out[st.superseded.get(s.source, s.source)].append(s)
    return out


def unscored_sources(st: State) -> list[Finding]:
    """Adoptions, and comments the rules give points for, that have no score in the ledger."""
    scored = _scored_sources(st)
    findings = []
    for a in st.adoptions.values():
        if not scored.get(a.id):
            message = i18n.t("check.unscored_adoption", item=a.item, channel=channel_name(st, a.channel))
            findings.append(Finding(a.id, message))
    for c in st.comments.values():
        rs = rules.in_force(st.rulesets, c.at.date())
        if rs and rules.comment_points(rs, c.level, c.stance).points and not scored.get(c.id):
            findings.append(Finding(c.id, i18n.t("check.unscored_comment", item=c.item)))
    return findings


def ledger(st: State) -> list[Finding]:
    """Credits that do not add up, scores that disagree with their rule."""
    findings = []
    for s in st.scores:
        total = round(sum(cr.points for cr in s.credits), 2)
        if abs(total - s.points) > 0.005:
            findings.append(Finding(s.id, i18n.t("check.credits_mismatch", total=total, points=s.points)))
        if s.reason or not s.source:
            continue  # manual scores and overrides carry their own reason
        expected = expected_points(st, s.source)
        if expected is not None and abs(expected.points - s.points) > 0.005:
            message = i18n.t("check.score_disagrees", points=s.points, rule=expected.rule, expected=expected.points)
            findings.append(Finding(s.id, message))
    return findings


def taken_along(st: State) -> list[Finding]:
    """Events a void took along without a void of their own: a score of a voided adoption, or
    an adoption recorded on another branch for an item voided on this one. They no longer
    count; saying so with a void of their own keeps the journal readable by older versions."""
    findings = []
    events = st.events
    for ev_id, void in st.voided.items():
        if ev_id in st.voids:
            continue
        ev = events.get(ev_id)
        if isinstance(ev, EV.Scored) and ev.source and ev.source in st.voided:
            findings.append(Finding(ev_id, i18n.t("check.score_of_voided", points=ev.points, source=ev.source)))
        elif ev is not None:
            message = i18n.t("check.on_voided_item", type=EV.event_type(ev), item=getattr(ev, "item", ""))
            findings.append(Finding(ev_id, message, (void.target,)))
    return findings


def repeated_facts(st: State) -> list[Finding]:
    """One fact recorded twice: an adoption (item, publication, issue), or a score overridden
    on two branches (a repeated adoption's score is the adoption's finding). Each counts once;
    the finding names the one that counts."""
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
                message = i18n.t("check.registered_twice", kind=attr, code=code, other=other.id)
                findings.append(Finding(ev.id, message, (other.id,)))
            seen.setdefault(key, ev)
    return findings


def _content(ev: Event) -> dict:
    return {k: v for k, v in msgspec.structs.asdict(ev).items() if k not in _NOT_CONTENT}


def assertions(st: State) -> list[Finding]:
    """Official tallies (`score_asserted`) that the ledger does not reproduce."""
    findings = []
    for asserted in st.assertions:
        period = parse_period(asserted.period)
        members = descendants(st, asserted.unit)
        got = 0.0
        for s in period.slice(st.scores):
            got += sum(cr.points for cr in s.credits if cr.unit in members)
        if abs(round(got, 2) - asserted.points) > 0.005:
            message = i18n.t(
                "check.assertion_differs",
                source=asserted.source or i18n.t("check.assertion"),
                unit=asserted.unit,
                period=asserted.period,
                points=asserted.points,
                got=round(got, 2),
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


def expected_points(st: State, source_id: str) -> rules.Points | None:
    ev = st.adoptions.get(source_id)
    if ev is not None:
        rs = rules.in_force(st.rulesets, ev.at.date())
        if rs is None:
            return None
        try:
            return rules.adoption_points(rs, ev.channel, channel_level(st, ev.channel), ev.form)
        except rules.NoRule:
            return None
    com = st.comments.get(source_id)
    if com is not None:
        rs = rules.in_force(st.rulesets, com.at.date())
        return rules.comment_points(rs, com.level, com.stance) if rs else None
    return None


def _ranges(numbers: list[int], limit: int = 8) -> str:
    """[1, 2, 3, 7, 9, 10] -> "1-3, 7, 9-10", cut after `limit` runs."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    shown = [f"{a}-{b}" if a != b else str(a) for a, b in runs[:limit]]
    return ", ".join(shown) + (", ..." if len(runs) > limit else "")


def bulletin_numbering(st: State) -> list[Finding]:
    """Gaps and duplicates in each bulletin's numbering, per year, supplements apart."""
    seen: dict[tuple[str, int, bool], dict[int, str]] = defaultdict(dict)
    findings = []
    for b in st.bulletins:
        numbers = seen[(b.channel, b.year, b.supplement)]
        if b.number in numbers:
            issue = f"{channel_name(st, b.channel)} {B.label(b)}"
            findings.append(Finding(b.id, i18n.t("check.numbered_twice", issue=issue, other=numbers[b.number])))
        numbers.setdefault(b.number, b.id)
    for (channel, year, supplement), numbers in seen.items():
        missing = sorted(set(range(1, max(numbers) + 1)) - set(numbers))
        if missing:
            first = numbers[min(numbers)]
            kind = "增刊" if supplement else ""
            bulletin = f"{channel_name(st, channel)} 〔{year}〕{kind}"
            message = i18n.t("check.numbering_gaps", bulletin=bulletin, missing=_ranges(missing), count=len(missing))
            findings.append(Finding(first, message))
    return findings


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
    assertions,
    bulletin_numbering,
    reused_codes,
]


def check(st: State) -> list[Finding]:
    """What replay found wrong beyond bad lines: ledger, assertions, references, numbering."""
    return [finding for validate in VALIDATIONS for finding in validate(st)]
