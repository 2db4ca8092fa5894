"""Which events count: voids with what they take along, and one fact counted once.

The fold files events by type; this decides which of them the figures leave out, so that
every report asks the same question of the same lists:

- a void removes its target; voiding a submission takes along everything that hangs on the
  item (adoptions, comments, scores), voiding an adoption or comment takes along its scores;
- one adoption is one fact, (item, publication, issue): of several, the first in business
  order counts and the others are superseded; their scores become the fact's;
- a fact or a comment has one live score, and so has a chain of overrides (`replaces`): of
  several, the counted adoption's own comes first, then the last recorded, which is where a
  chain ends, and of two branches' overrides of one score the later one, on every machine.

Nothing here depends on the order the lines arrived in, only on the events themselves.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import compress
from operator import attrgetter

from . import events as E
from .known import recorded_at

_ADOPTION_KEY = attrgetter("item", "channel", "issue")
_SOURCE = attrgetter("source")
_REPLACES = attrgetter("replaces")


@dataclass(slots=True)
class Settled:
    """What the figures leave out beyond the explicit voids.

    `voided` maps every event a void removes, taken-along ones included, to that void;
    `superseded` maps a repeated fact to the event that counts instead; `voided_items` maps
    an item whose submission is voided to that void."""

    voided: dict[str, E.EventVoided] = field(default_factory=dict)
    superseded: dict[str, str] = field(default_factory=dict)
    voided_items: dict[str, E.EventVoided] = field(default_factory=dict)


def settle(by_type: dict[type, list], voids: dict[str, E.EventVoided]) -> Settled:
    """Decide, from the events filed by type and the voids by target, what no longer counts."""
    out = Settled(voided=dict(voids))
    adoptions: list[E.ItemAdopted] = by_type.get(E.ItemAdopted, [])
    comments: list[E.LeaderCommented] = by_type.get(E.LeaderCommented, [])
    scores: list[E.Scored] = by_type.get(E.Scored, [])
    if voids:
        _take_along(out, by_type.get(E.ItemSubmitted, []), adoptions, comments)
    _one_adoption_per_fact(out, adoptions)
    _one_score_per_source(out, scores)
    return out


def _take_along(
    out: Settled, submissions: list[E.ItemSubmitted], adoptions: list[E.ItemAdopted], comments: list
) -> None:
    voided = out.voided
    item_voids = out.voided_items = {s.item: voided[s.id] for s in submissions if s.id in voided}
    if item_voids:
        for ev in (*adoptions, *comments):
            if ev.item in item_voids and ev.id not in voided:
                voided[ev.id] = item_voids[ev.item]


def _one_adoption_per_fact(out: Settled, adoptions: list[E.ItemAdopted]) -> None:
    keys = list(map(_ADOPTION_KEY, adoptions))
    if len(set(keys)) == len(keys):
        return
    first: dict[tuple, str] = {}
    voided, superseded = out.voided, out.superseded
    for key, ev in zip(keys, adoptions, strict=True):  # in business order: the first counts
        if ev.id in voided:
            continue
        kept = first.setdefault(key, ev.id)
        if kept != ev.id:
            superseded[ev.id] = kept


def _one_score_per_source(out: Settled, scores: list[E.Scored]) -> None:
    """Scores of voided sources and items go with them; then one per fact, comment or chain."""
    voided, superseded, items = out.voided, out.superseded, out.voided_items
    sources = list(map(_SOURCE, scores))
    named = list(filter(None, sources))
    overrides = [s for s in compress(scores, map(_REPLACES, scores)) if not s.source]
    if not voided and not superseded and not overrides and len(set(named)) == len(named):
        return
    roots = _roots(overrides)
    slots: dict[str, list[E.Scored]] = defaultdict(list)
    for s, source in zip(scores, sources, strict=True):
        if s.id in voided:
            continue
        if source in voided:
            voided[s.id] = voided[source]
        elif s.item in items:
            voided[s.id] = items[s.item]
        else:
            slots[superseded.get(source, source) if source else roots.get(s.id, s.id)].append(s)
    for slot, members in slots.items():
        if len(members) > 1:
            winner = max(members, key=lambda s: (s.source == slot, recorded_at(s), s.id))
            for s in members:
                if s is not winner:
                    superseded[s.id] = winner.id


def _roots(overrides: list[E.Scored]) -> dict[str, str]:
    """For overrides of scores without a source: each one's first score, where its chain starts."""
    replaced: dict[str, str] = {s.id: s.replaces for s in overrides if s.replaces}
    roots = {}
    for start in replaced:
        node, seen = start, {start}
        while node in replaced and replaced[node] not in seen:
            node = replaced[node]
            seen.add(node)
        roots[start] = node
    return roots
