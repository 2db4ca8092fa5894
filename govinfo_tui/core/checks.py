"""`govinfo check`: what replay found wrong beyond bad lines, as a list of validations.

Each validation is a function of the `State` returning `Finding`s, in the spirit of
beancount's `ops/validation.py`; `check` runs them in order. A new check is one function
here and one entry in `VALIDATIONS`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from .. import i18n
from . import bulletins as B
from . import events as EV
from . import rules
from .events import SCHEMES, Event, Scheme
from .period import parse_period
from .queries import channel_level, channel_name, descendants
from .schemes import UPWARD, own_rules, rules_for
from .schemes import ledger as scheme_ledger
from .state import State


@dataclass(frozen=True)
class Finding:
    event_id: str
    message: str


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
    out: dict[str, list] = defaultdict(list)
    for s in st.scores:
        if s.source:
            out[s.source].append(s)
    return out


def unscored_sources(st: State) -> list[Finding]:
    """Adoptions without any score, and adoptions and comments without the score a scheme's
    rules in force give them."""
    scored = _scored_sources(st)
    findings = []
    sources: list[EV.ItemAdopted | EV.LeaderCommented] = [*st.adoptions.values(), *st.comments.values()]
    for ev in sources:
        have = {s.scheme for s in scored.get(ev.id, [])}
        if not have and isinstance(ev, EV.ItemAdopted):
            message = i18n.t("check.unscored_adoption", item=ev.item, channel=channel_name(st, ev.channel))
            findings.append(Finding(ev.id, message))
            continue
        for scheme in SCHEMES:
            expected = expected_points(st, ev.id, scheme)
            if scheme in have or expected is None or not expected.points:
                continue
            if not have:
                findings.append(Finding(ev.id, i18n.t("check.unscored_comment", item=ev.item)))
                break
            message = i18n.t(
                "check.unscored_in_scheme",
                what="adoption" if isinstance(ev, EV.ItemAdopted) else "comment",
                item=ev.item,
                scheme=scheme,
                points=expected.points,
                rule=expected.rule,
            )
            findings.append(Finding(ev.id, message))
    return findings


def ledger(st: State) -> list[Finding]:
    """Scores from voided events, credits that do not share the points as the rules split them,
    scores that disagree with their rule."""
    findings = []
    for s in st.scores:
        if s.source and s.source in st.voids:
            findings.append(Finding(s.id, i18n.t("check.score_of_voided", points=s.points, source=s.source)))
            continue
        rs = rules_for(st, s.scheme, s.at.date())
        if not rules.credits_add_up(s.points, s.credits, rs.split if rs else "equal"):
            total = round(sum(cr.points for cr in s.credits), 2)
            findings.append(Finding(s.id, i18n.t("check.credits_mismatch", total=total, points=s.points)))
        if s.reason or not s.source:
            continue  # manual scores and overrides carry their own reason
        expected = expected_points(st, s.source, s.scheme)
        if expected is not None and abs(expected.points - s.points) > 0.005:
            message = i18n.t("check.score_disagrees", points=s.points, rule=expected.rule, expected=expected.points)
            findings.append(Finding(s.id, message))
    return findings


def assertions(st: State) -> list[Finding]:
    """Official tallies (`score_asserted`) that the upward ledger does not reproduce."""
    findings = []
    for asserted in st.assertions:
        period = parse_period(asserted.period)
        members = descendants(st, asserted.unit)
        got = 0.0
        for s in period.slice(scheme_ledger(st, UPWARD)):
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
    ledger,
    assertions,
    bulletin_numbering,
    reused_codes,
]


def check(st: State) -> list[Finding]:
    """What replay found wrong beyond bad lines: ledger, assertions, references, numbering."""
    return [finding for validate in VALIDATIONS for finding in validate(st)]
