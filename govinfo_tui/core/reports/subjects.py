"""What a paper about one thing can be about: the commissions, follow-ups or units to choose
from, the likeliest first, so that a screen offers the same choices the command line takes."""

from __future__ import annotations

from .. import queries
from ..period import Period, day_of, order_key
from ..state import State
from .outgoing import is_own, not_units

# paper kind -> what it is about (the command line's option without its dashes)
SUBJECT_OF = {"commission-notice": "commission", "follow-up-notice": "follow-up", "adoption-slip": "unit"}


def subjects(st: State, kind: str, period: Period | None = None) -> list[tuple[str, str]]:
    """(code, what a person reads) for each choice of `kind`'s subject: commissions and follow-ups
    newest first; units with adoptions in `period` first, then the rest in registry order."""
    what = SUBJECT_OF.get(kind)
    if what == "commission":
        coms = sorted(st.commissions.values(), key=lambda c: (c.at, c.id), reverse=True)
        return [(c.id, f"{c.id} · {queries.unit_name(st, c.unit)} · {c.title}") for c in coms]
    if what == "follow-up":
        out = []
        for f in sorted(st.followups, key=order_key, reverse=True):
            com = st.commissions.get(f.commission or "")
            about = com.title if com else (st.items[f.item].title if f.item in st.items else "")
            out.append((f.id, f"{day_of(f.at).isoformat()} · {f.commission or f.item or ''} · {about}"))
        return out
    if what == "unit":
        busy: set[str] = set()
        if period is not None:
            for a in st.adoptions.values():
                if period.has(a.at) and a.item in st.items:
                    busy.update(a.units or st.items[a.item].units)
        left_out = not_units(st)
        units = [(c, u) for c, u in st.units.items() if not is_own(st, c, left_out)]
        units.sort(key=lambda cu: cu[0] not in busy)  # stable: registry order within each
        return [(c, u.name) for c, u in units]
    return []
