"""`govinfo check`: what replay found wrong beyond bad lines, as a list of validations.

Each validation is a function of the `State` returning `Finding`s, in the spirit of
beancount's `ops/validation.py`; `check` runs them in order. A new check is one function
here and one entry in `VALIDATIONS`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from . import events as EV
from . import rules
from .events import Event
from .period import parse_period
from .queries import channel_level, channel_name, descendants
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
            findings.append(Finding(u.id, f"unit {u.unit}: parent {u.parent} is not registered"))
    for p in st.people.values():
        if p.unit not in st.units:
            findings.append(Finding(p.id, f"person {p.person}: unit {p.unit} is not registered"))
    return findings


def _scored_sources(st: State) -> dict[str, list]:
    out: dict[str, list] = defaultdict(list)
    for s in st.scores:
        if s.source:
            out[s.source].append(s)
    return out


def unscored_sources(st: State) -> list[Finding]:
    """Adoptions, and comments the rules give points for, that have no score in the ledger."""
    scored = _scored_sources(st)
    findings = []
    for a in st.adoptions.values():
        if not scored.get(a.id):
            findings.append(
                Finding(
                    a.id,
                    f"adoption of {a.item} in {channel_name(st, a.channel)} has no score; "
                    "record one with `govinfo score`",
                )
            )
    for c in st.comments.values():
        rs = rules.in_force(st.rulesets, c.at.date())
        if rs and rules.comment_points(rs, c.level, c.stance).points and not scored.get(c.id):
            findings.append(Finding(c.id, f"leader comment on {c.item} has no score"))
    return findings


def ledger(st: State) -> list[Finding]:
    """Scores from voided events, credits that do not add up, scores that disagree with their rule."""
    findings = []
    for s in st.scores:
        if s.source and s.source in st.voids:
            findings.append(Finding(s.id, f"score {s.points:+g} comes from voided event {s.source}; void it too"))
            continue
        total = round(sum(cr.points for cr in s.credits), 2)
        if abs(total - s.points) > 0.005:
            findings.append(Finding(s.id, f"credits add up to {total:g}, not {s.points:g}"))
        if s.reason or not s.source:
            continue  # manual scores and overrides carry their own reason
        expected = expected_points(st, s.source)
        if expected is not None and abs(expected.points - s.points) > 0.005:
            findings.append(
                Finding(
                    s.id,
                    f"score {s.points:g} disagrees with rule {expected.rule} ({expected.points:g}); "
                    "override it with a reason or correct it",
                )
            )
    return findings


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
            findings.append(
                Finding(
                    asserted.id,
                    f"{asserted.source or 'assertion'}: {asserted.unit} {asserted.period} "
                    f"should be {asserted.points:g} points, "
                    f"the ledger has {round(got, 2):g}",
                )
            )
    return findings


def reused_codes(st: State) -> list[Finding]:
    """Topic and commission codes run on per year, so two offices on two git branches can
    both take the same one; the later event then replaces the earlier, which must be said."""
    findings = []
    for cls, attr, what in ((EV.Commissioned, "commission", "commission"), (EV.TopicPlanned, "topic", "topic")):
        first: dict[str, Event] = {}
        for ev in st.of(cls):
            code = getattr(ev, attr)
            if code in first:
                findings.append(
                    Finding(
                        ev.id,
                        f"{what} code {code} is used twice (also {first[code].id}); "
                        "void one and record it again under a new code",
                    )
                )
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
        label = f"{channel_name(st, b.channel)} 〔{b.year}〕{'增刊' if b.supplement else ''}第{b.number}期"
        if b.number in numbers:
            findings.append(Finding(b.id, f"{label} is numbered twice (also {numbers[b.number]})"))
        numbers.setdefault(b.number, b.id)
    for (channel, year, supplement), numbers in seen.items():
        missing = sorted(set(range(1, max(numbers) + 1)) - set(numbers))
        if missing:
            first = numbers[min(numbers)]
            kind = "增刊" if supplement else ""
            findings.append(
                Finding(
                    first,
                    f"{channel_name(st, channel)} 〔{year}〕{kind} numbering has gaps: "
                    f"{_ranges(missing)} missing ({len(missing)})",
                )
            )
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
