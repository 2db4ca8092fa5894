"""Which events count: voids with what they take along, and one fact counted once.

The fold files events by type; this decides which of them the figures leave out, so that
every report asks the same question of the same lists:

- a void removes its target unless a void of it (a restore) stands: a void of a void undoes
  it, and a void of a restore is refused by the gate (void the event again instead);
- voiding a submission takes along everything that hangs on the
  item (adoptions, comments, scores), voiding an adoption or comment takes along its scores;
- one adoption is one fact, (item, publication, issue): of several, the first in business
  order counts and the others are superseded; their scores become the fact's;
- a fact or a comment has one live score, and so has a chain of overrides (`replaces`): of
  several, the counted adoption's own comes first, then the last recorded, which is where a
  chain ends, and of two branches' overrides of one score the later one, on every machine.

Nothing here depends on the order the lines arrived in, only on the events themselves.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import compress, islice
from operator import attrgetter, lt, ne, not_

from . import events as E
from .known import recorded_at

_ADOPTION_KEY = attrgetter("item", "channel", "issue")
_SOURCE = attrgetter("source")
_ID = attrgetter("id")
_ITEM = attrgetter("item")
_SCHEME = attrgetter("scheme")


@dataclass(slots=True)
class Settled:
    """What the figures leave out beyond the explicit voids.

    `voided` maps every event a void removes, taken-along ones included, to that void;
    `superseded` maps a repeated fact to the event that counts instead; `voided_items` maps
    an item whose submission is voided to that void."""

    voided: dict[str, E.EventVoided] = field(default_factory=dict)
    superseded: dict[str, str] = field(default_factory=dict)
    voided_items: dict[str, E.EventVoided] = field(default_factory=dict)


def standing(voids: list[E.EventVoided]) -> dict[str, E.EventVoided]:
    """The voids that count, by target: a void counts unless a void that counts voids it.

    A void of a void undoes it (the app's and `govinfo restore`'s undo), and the journal keeps
    both; after a restore the event may be voided again by a new void. Of two standing voids
    of one target (two branches), the later in the list is kept, as before restores existed."""
    ids = set(map(_ID, voids))
    if not any(v.target in ids for v in voids):  # no restores: the usual journal
        return {v.target: v for v in voids}
    against: dict[str, list[E.EventVoided]] = defaultdict(list)
    for v in voids:
        against[v.target].append(v)
    counts: dict[str, bool] = {}
    for v in voids:
        _decide(v, against, counts)
    return {v.target: v for v in voids if counts[v.id]}


def _decide(start: E.EventVoided, against: dict[str, list[E.EventVoided]], counts: dict[str, bool]) -> None:
    """Whether `start` counts, walking its chain of voids without recursion (a chain a hand
    made may be long; one that loops is cut where the walk meets itself)."""
    stack, seen = [start], {start.id}
    while stack:
        v = stack[-1]
        if v.id in counts:
            stack.pop()
            continue
        pending = [w for w in against.get(v.id, ()) if w.id not in counts and w.id not in seen]
        if pending:
            seen.update(map(_ID, pending))
            stack.extend(pending)
            continue
        counts[v.id] = not any(counts.get(w.id, True) for w in against.get(v.id, ()))
        stack.pop()


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
    """Of one fact's adoptions, the first in business order counts. On the fold's hot path:
    whole lists pass through C (map, set, dict, compress), never a Python loop."""
    keys = list(map(_ADOPTION_KEY, adoptions))
    if len(set(keys)) == len(keys):
        return
    ids = list(map(_ID, adoptions))
    if out.voided:  # only live adoptions compete
        live = list(map(not_, map(out.voided.__contains__, ids)))
        keys, ids = list(compress(keys, live)), list(compress(ids, live))
    first = dict(zip(reversed(keys), reversed(ids), strict=True))
    kept = list(map(first.__getitem__, keys))
    out.superseded.update(compress(zip(ids, kept, strict=True), map(ne, ids, kept)))


def _one_score_per_source(out: Settled, scores: list[E.Scored]) -> None:
    """Scores of voided sources and items go with them; then one per scheme and fact, comment
    or chain (an adoption has a score in each scheme whose rules give it points).

    Written for a million events: whole lists pass through C (map, compress, Counter), and
    Python looks only at the few scores that share a slot."""
    voided, superseded, items = out.voided, out.superseded, out.voided_items
    sources = list(map(_SOURCE, scores))
    sourceless = sources.count(None)
    overrides = [s for s in compress(scores, map(not_, sources)) if s.replaces] if sourceless else []
    every = list(map(_SCHEME, scores))
    schemes = None if every.count(every[0] if every else None) == len(every) else every  # one: the source says
    keys = sources if schemes is None else list(map(_in_scheme, schemes, sources))
    if not voided and not superseded and not overrides:
        # sources that increase (each adoption scored as it is recorded) cannot repeat: proven
        # by one pass of comparisons instead of hashing every source
        if schemes is None and not sourceless and all(map(lt, sources, islice(sources, 1, None))):
            return
        if len(set(keys)) - (sourceless > 0) == len(keys) - sourceless:  # None counted once in the set
            return
    if voided:
        for s in compress(scores, map(voided.__contains__, sources)):
            voided.setdefault(s.id, voided[s.source])  # type: ignore[index]
        if items:
            for s in compress(scores, map(items.__contains__, map(_ITEM, scores))):
                voided.setdefault(s.id, items[s.item])  # type: ignore[index]
        live = list(map(not_, map(voided.__contains__, map(_ID, scores))))
        scores, sources = list(compress(scores, live)), list(compress(sources, live))
        schemes = None if schemes is None else list(compress(schemes, live))
    facts: list = list(map(superseded.get, sources, sources))  # a repeated adoption's: its fact's
    if overrides or None in facts:
        roots = _roots(overrides)
        for i in compress(range(len(facts)), map(not_, facts)):
            facts[i] = roots.get(scores[i].id, scores[i].id)
    slots = facts if schemes is None else list(map(_in_scheme, schemes, facts))
    shared = {slot for slot, n in Counter(slots).items() if n > 1}
    if not shared:
        return
    members: dict[tuple, list[E.Scored]] = defaultdict(list)
    for slot, fact, s in compress(zip(slots, facts, scores, strict=True), map(shared.__contains__, slots)):
        members[slot, fact].append(s)
    for (_slot, fact), group in members.items():
        own = [s for s in group if s.source == fact]  # the counted adoption's own score first
        winner = own[0] if len(own) == 1 else max(own or group, key=_last_recorded)
        superseded.update((s.id, winner.id) for s in group if s is not winner)


def _in_scheme(scheme: str, key: str | None) -> tuple[str, str] | None:
    return (scheme, key) if key is not None else None


def _last_recorded(s: E.Scored) -> tuple:
    return (recorded_at(s), s.id)


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
