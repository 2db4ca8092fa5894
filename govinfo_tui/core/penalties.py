"""What the office punishes, judged: a commission's status on a day (delivered on time, late,
overdue, open) and an urgent item's lateness against the limits of the rules in force.

The write side (`recording`) penalises by these judgements and the papers report them, so
both read the same rule from here.
"""

from __future__ import annotations

import datetime as dt
import math

from . import events as E
from . import rules
from .period import day_of
from .rows import CommissionStatus
from .schemes import INTERNAL, rules_for
from .state import Commission, Item, State


def commission_event_ids(st: State) -> dict[str, str]:
    """Commission code -> id of the (latest, unvoided) `commissioned` event that created it."""
    return {ev.commission: ev.id for ev in st.of(E.Commissioned)}


def status_on(com: Commission, day: dt.date) -> tuple[CommissionStatus, dt.date | None]:
    """open / overdue / on_time / late as it stood at the end of `day`, and the delivery date."""
    if com.item and com.fulfilled_at and day_of(com.fulfilled_at) <= day:
        delivered = day_of(com.fulfilled_at)
        return ("on_time" if delivered <= com.deadline else "late"), delivered
    return ("overdue" if day > com.deadline else "open"), None


def judge(st: State, item: Item) -> dict:
    """Minutes from the event to the report, the limit, and the verdict, for one urgent item,
    by the county's own limits (a township reports to the county)."""
    kind = item.report_kind or "written"
    happened = item.occurred_at
    rs = rules_for(st, INTERNAL, day_of(happened or item.submitted_at))
    limit = None
    if rs is not None:
        limit = rs.urgent.phone_minutes if kind == "phone" else rs.urgent.written_minutes
    minutes = None
    status = "unknown"
    if happened is not None:
        seconds = (item.submitted_at - happened).total_seconds()
        minutes = max(0, math.ceil(seconds / 60))
        if limit is not None:
            status = "late" if seconds > limit * 60 else "on_time"
    return {
        "kind": kind,
        "minutes": minutes,
        "limit": limit,
        "status": status,
        "ruleset": rs.ruleset if rs else None,
        "penalty_points": (rules.penalty(rs, "late_urgent").points if rs else 0.0),
    }
