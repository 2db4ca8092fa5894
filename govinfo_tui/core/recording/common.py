"""What every request shares: the error, ids, the clock, who records, and look-ups that refuse.

This sits apart from `__init__` because the verb modules import it and `__init__` imports them.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
from collections.abc import Iterable
from typing import Literal, TypedDict

from ... import i18n
from .. import events as E
from ..errors import GovinfoError
from ..events import MAX_POINTS, SCHEMA_VERSION
from ..period import OFFICE_TZ
from ..state import State


class RecordError(GovinfoError, ValueError):
    """The request cannot be recorded as asked; the message says what to change."""


def in_range(value: float, what: str, low: int, high: int) -> None:
    """Refuse a number outside [low, high]; NaN fails every comparison, so it is refused too."""
    if not low <= value <= high:
        raise RecordError("gate.number_range", what=i18n.label("thing", what), value=value, low=low, high=high)


def points(value: float, what: str = "points") -> float:
    in_range(value, what, -MAX_POINTS, MAX_POINTS)
    return value


def ULID() -> object:  # ulid's own name, which tests replace
    """A fresh ULID; `ulid` is imported here, as it imports importlib.metadata, which a reader
    need not pay for."""
    from ulid import ULID as fresh

    return fresh()


def new_id() -> str:
    return str(ULID())


def new_item_id(at: dt.datetime, taken: Iterable[str] = ()) -> str:
    """A short id people can say aloud: year-month and six random Crockford characters.

    The random part comes from a fresh ULID (80 random bits), so two offices on two git
    branches pick the same id only by a very unlikely accident, which `check` would report.
    """
    taken = set(taken)
    while True:
        candidate = f"{at:%y%m}-{new_id()[-6:]}"
        if candidate not in taken:
            return candidate


def current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USER", "unknown")


def now() -> dt.datetime:
    return dt.datetime.now(OFFICE_TZ).replace(microsecond=0)


class Envelope(TypedDict):
    id: str
    at: dt.datetime
    by: str
    v: int


def envelope(at: dt.datetime, by: str) -> Envelope:
    """The fields every new event starts with, to spread into its constructor: a fresh id,
    when, who, and the schema version that says its corrections name what they correct."""
    return {"id": new_id(), "at": at, "by": by, "v": SCHEMA_VERSION}


# Every void line: a void names the event it voids, and older ones not its item, so a read
# narrowed to an item would otherwise count what was voided (voids are few).
VOID_LINES = '"event_voided"'


def needles_for(*refs: str | None) -> list[str]:
    """Journal lines naming any of `refs` (ids and codes, quoted as the JSON holds them), and the voids."""
    return [*(f'"{r}"' for r in refs if r), VOID_LINES]


def need(st: State, kind: Literal["unit", "person", "channel", "item"], code: str | None) -> None:
    """Refuse an unknown code, listing a few known ones (an item's id is found another way)."""
    tables: dict[str, dict] = {"unit": st.units, "person": st.people, "channel": st.channels, "item": st.items}
    table = tables[kind]
    if code is None or code in table:
        return
    if kind == "item":
        raise RecordError("record.unknown_item", item=code)
    known = ", ".join(sorted(table)[:8])
    more = " ..." if len(table) > 8 else ""
    raise RecordError(f"record.unknown_{kind}", code=code, known=known, more=more)


def need_scheme(scheme: str | None) -> None:
    """Refuse a scheme that is not one of `events.SCHEMES` (a form or a script is not bound by the type)."""
    if scheme is not None and scheme not in E.SCHEMES:
        raise RecordError("record.bad_scheme", scheme=scheme, schemes=", ".join(E.SCHEMES))
