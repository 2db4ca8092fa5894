"""What the forms' selects offer: active units and people, publications, levels, categories."""

from __future__ import annotations

from ...core import events as E
from ...core.queries import descendants, unit_name
from ...core.state import State
from ..fmt import label


def unit_choices(st: State) -> list[tuple[str, str]]:
    return [(f"{u.name} ({u.unit})", u.unit) for u in st.units.values() if u.active]


def people_choices(st: State, unit: str | None = None) -> list[tuple[str, str]]:
    """Active officers; with `unit`, only those of that unit and the units under it (a
    township's officers for a township's item, not all thirty of the county)."""
    within = descendants(st, unit) if unit else None
    return [
        (f"{p.name} · {unit_name(st, p.unit)} ({p.person})", p.person)
        for p in st.people.values()
        if p.active and (within is None or p.unit in within)
    ]


def channel_choices(st: State) -> list[tuple[str, str]]:
    return [(f"{c.name} · {label('level', c.level)} ({c.channel})", c.channel) for c in st.channels.values()]


def level_choices() -> list[tuple[str, str]]:
    return [(label("level", lv), lv) for lv in E.LEVELS]


CATEGORIES = ["普通性", "综合性", "政策性", "苗头性", "调研类", "社会民生", "本地特色"]
