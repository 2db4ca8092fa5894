"""Scores brought back in line with the rules and the item as they now stand.

A score is computed once, when its adoption or comment is recorded, from the rule set in
force on that day and the item's units and authors as then known. Either may be corrected
later: a rule set registered (or voided) after the fact, an item's units or authors amended.
`Rescore` finds the live scores that no longer agree and replaces them the way an override
does, a void of the old score (carrying the reason) and a new one on its date naming it in
`replaces`, so every view counts exactly one of them (see `core/corrections.py`); an adoption
or comment that a scheme's rules now score and that has no score there gets one. `reshare` is
the part an amendment of units or authors takes along: same points, new shares.

A score by the rules has no reason, and its successor has none either, so `check` goes on
judging it against its rule. A score given by hand (it has a reason) keeps its points and its
reason, but shares as the item does (as an override, 改分); a hand score that names its own
unit or officer (`score --unit/--person --replaces`) is left alone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ... import i18n
from .. import events as E
from ..checks import expected_points
from ..events import Event, Scheme
from ..period import Period
from ..schemes import rules_for
from ..shares import OVERRIDE, follows_item, item_credits, same_shares, units_of
from ..state import State
from .common import RecordError, envelope, need_scheme


@dataclass(frozen=True)
class Rescoring:
    """One score to replace (`score`), or to add (`score` None), and what it should be."""

    source: E.ItemAdopted | E.LeaderCommented
    scheme: Scheme
    score: E.Scored | None
    points: float
    rule: str
    credits: list[E.Credit]

    @property
    def was(self) -> float:
        return self.score.points if self.score is not None else 0.0

    @property
    def reshared_only(self) -> bool:
        """Whether only the shares change, not the points."""
        return self.score is not None and abs(self.score.points - self.points) <= 0.005


def _live_scores(st: State) -> dict[tuple[Scheme, str], E.Scored]:
    """The live score of each (scheme, counted source): a repeated adoption's counts for the first."""
    out: dict[tuple[Scheme, str], E.Scored] = {}
    for s in st.scores:
        if s.source:
            out.setdefault((s.scheme, st.superseded.get(s.source, s.source)), s)
    return out


def disagreements(st: State, period: Period | None = None, scheme: Scheme | None = None) -> list[Rescoring]:
    """The scores of adoptions and comments (dated in `period`, of `scheme`) that disagree with
    the rules in force on their date or with their item's units and authors, and the scores
    the rules give that are missing; in business order."""
    live = _live_scores(st)
    sources: list[E.ItemAdopted | E.LeaderCommented] = [*st.adoptions.values(), *st.comments.values()]
    out: list[Rescoring] = []
    for src in sorted(sources, key=lambda ev: (ev.at, ev.id)):
        if (period is not None and not period.has(src.at)) or src.item not in st.items:
            continue
        for sch in E.SCHEMES if scheme is None else (scheme,):
            found = _judge(st, src, sch, live.get((sch, src.id)))
            if found is not None:
                out.append(found)
    return out


def _judge(
    st: State, src: E.ItemAdopted | E.LeaderCommented, scheme: Scheme, score: E.Scored | None
) -> Rescoring | None:
    expected = expected_points(st, src.id, scheme)
    rs = rules_for(st, scheme, src.at.date())
    if score is None:
        if expected is None or not expected.points:
            return None
        credits = item_credits(st, src.item, units_of(src), expected.points, rs)
        return Rescoring(src, scheme, None, expected.points, expected.rule, credits)
    if not follows_item(st, score):
        return None
    by_rule = not score.reason and expected is not None  # a score by hand keeps its points
    points = expected.points if by_rule and expected is not None else score.points
    rule = expected.rule if by_rule and expected is not None else _as_hand(score)
    credits = item_credits(st, src.item, units_of(src), points, rs)
    if abs(points - score.points) <= 0.005 and same_shares(credits, score.credits):
        return None
    return Rescoring(src, scheme, score, points, rule, credits)


def _as_hand(s: E.Scored) -> str:
    """The rule a hand score's successor names: an override, so it goes on following its item."""
    return s.rule if not s.reason else OVERRIDE


def replacements(found: list[Rescoring], reason: str, at: dt.datetime, by: str) -> list[Event]:
    """The events that put `found` right: for a score, its void (with `reason`) and its
    successor on its own date; for a missing score, the score on its source's date. A successor
    by the rules has no reason, as the rules' scores have none; one by hand keeps its own."""
    out: list[Event] = []
    for r in found:
        old = r.score
        if old is not None:
            out.append(E.EventVoided(**envelope(at, by), target=old.id, reason=reason, item=old.item))
        out.append(
            E.Scored(
                **envelope(old.at if old is not None else r.source.at, by),
                points=r.points,
                credits=r.credits,
                rule=r.rule,
                source=old.source if old is not None else r.source.id,
                item=r.source.item,
                reason=old.reason if old is not None else "",
                scheme=r.scheme,
                replaces=old.id if old is not None else None,
            )
        )
    return out


def reshare(st: State, item_id: str, reason: str, at: dt.datetime, by: str) -> list[Event]:
    """After an amendment (`st` already holds it): the item's scores shared anew among its
    units and authors as amended, each keeping its points, date and rule. Every score that
    stands, not only the one that counts for its fact: a repeated adoption's own score (a merge,
    an `append`) counts once the first one's is voided, and must not come out shared as before."""
    found = []
    scores, hidden_sources = _standing_scores(st, item_id)
    for s in sorted(scores, key=lambda s: (s.at, s.id)):
        if not follows_item(st, s):
            continue
        src = (
            hidden_sources.get(s.source or "")  # a repeat's own score: the units its own adoption names
            or st.adoptions.get(st.superseded.get(s.source or "", s.source or ""))
            or st.comments.get(s.source or "")
        )
        if src is None:
            continue
        credits = item_credits(st, item_id, units_of(src), s.points, rules_for(st, s.scheme, src.at.date()))
        if not same_shares(credits, s.credits):
            found.append(Rescoring(src, s.scheme, s, s.points, _as_hand(s), credits))
    return replacements(found, reason, at, by)


def _standing_scores(st: State, item_id: str) -> tuple[list[E.Scored], dict[str, E.ItemAdopted]]:
    """The item's scores that no void removes: the counted ones, and those a fact's counted
    score hides (`st.superseded`; the log is read only when there are any), with the repeated
    adoptions of the item by id."""
    out = [s for s in st.scores if s.item == item_id]
    repeats: dict[str, E.ItemAdopted] = {}
    if st.superseded:
        hidden = st.superseded.keys()
        for e in st.log:
            if isinstance(e, E.Scored | E.ItemAdopted) and e.item == item_id and e.id in hidden:
                if isinstance(e, E.Scored):
                    out.append(e)
                else:
                    repeats[e.id] = e
    return list({s.id: s for s in out}.values()), repeats  # a line repeated by a merge is one score


@dataclass(frozen=True)
class Rescore:
    """Replace the scores that disagree with the rules in force and with their items (see
    `disagreements`), in one write: all of them or none."""

    period: Period | None = None
    scheme: Scheme | None = None
    reason: str = ""

    def needles(self) -> list[str] | None:
        return None  # any adoption, comment or score of the journal may be judged

    def build(self, st: State, at: dt.datetime, by: str) -> list[Event]:
        need_scheme(self.scheme)
        found = disagreements(st, self.period, self.scheme)
        if not found:
            raise RecordError("record.nothing_to_rescore")
        words = i18n.t("record.reason.rescore")  # in the recorder's language, as if typed
        reason = f"{words}: {self.reason.strip()}" if self.reason.strip() else words
        return replacements(found, reason, at, by)
