"""How a score's points are shared among units and officers, and whether a score still shares
them as its item now stands.

A score is shared once, when it is recorded, by the item's units and authors as then known.
An amendment of the units or authors reshares the item's scores in the same write; but a score
recorded on another branch before the merge still shares as the item was. `recording` computes
shares with these functions and `checks` holds the live scores to them, so both judge alike.
"""

from __future__ import annotations

from . import events as E
from . import rules
from .state import State

OVERRIDE = "override"  # the rule named by new points for a score, shared as it was (`Override`)


def item_credits(
    st: State, item_id: str, units: list[str] | tuple[str, ...], points: float, rs: E.RulesSet | None
) -> list[E.Credit]:
    """How `points` earned by item `item_id` are shared: among `units` (default the item's own,
    all of a joint item's), and each unit's share among its authors; if no author belongs to
    the item's own unit, all of them share that unit's part."""
    item = st.items[item_id]
    credited = list(units) or item.units
    authors_by_unit: dict[str, list[str]] = {}
    for p in item.authors:
        person = st.people.get(p)
        if person is not None and person.unit in credited:
            authors_by_unit.setdefault(person.unit, []).append(p)
    if item.unit in credited and item.unit not in authors_by_unit and item.authors:
        authors_by_unit[item.unit] = list(item.authors)
    return rules.split_credits(rs, points, credited, authors_by_unit)


def follows_item(st: State, s: E.Scored) -> bool:
    """Whether a score is shared as its item is: one its adoption or comment earned, by the
    rules or by hand, but not a hand score that replaced another to name its own unit or
    officer, nor an override of one (an override keeps the shares it found)."""
    if not (s.source and s.item):
        return False
    node: E.Event | None = s
    while isinstance(node, E.Scored) and node.replaces:
        if node.reason and node.rule != OVERRIDE:
            return False  # `score --replaces --unit/--person`: the unit was named by hand
        if node.rule != OVERRIDE:
            return True
        node = st.events.get(node.replaces)
    return True


def same_shares(a: list[E.Credit], b: list[E.Credit]) -> bool:
    def key(cs: list[E.Credit]) -> list[tuple]:
        return sorted((c.unit, c.person or "", round(c.points, 2)) for c in cs)

    return key(a) == key(b)


def units_of(source: E.ItemAdopted | E.LeaderCommented) -> list[str]:
    """The units an adoption names (a combined adoption credits them all); a comment names none."""
    return list(source.units) if isinstance(source, E.ItemAdopted) else []
