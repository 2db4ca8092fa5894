"""Recording: turn what a user asks for into validated events, and write them.

Each verb is a request, a frozen dataclass of what was asked. Its `needles()` names the journal
lines its validation reads (None: the whole journal), next to the rules that read them; its
`build(st, at, by)` checks the request against a `State` and returns the events. `record` is
the one writer for both faces: lock, read, fold, build, append.

The verbs live by group: `items`, `scoring`, `paperwork`, `sanctions`, `registry`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TypeAlias

from .. import events as E
from .. import journal
from ..events import Event
from ..state import fold
from .common import RecordError, current_user, new_id, new_item_id, now
from .items import Amend, AppendEvents, Forward, Return, Submit, Void, Withdraw, parse_event_lines
from .paperwork import CommissionItem, FollowUp, Fulfil, PlanTopic, PublishBulletin
from .registry import RegisterChannel, RegisterPerson, RegisterRules, RegisterUnit, SetTarget
from .sanctions import PenalizeCommission, PenalizeQuota, PenalizeUrgent
from .scoring import Adopt, Comment, ManualScore, Override, preview_adoption

Request: TypeAlias = (
    Submit
    | Amend
    | Forward
    | Return
    | Withdraw
    | Void
    | AppendEvents
    | Adopt
    | Comment
    | ManualScore
    | Override
    | PlanTopic
    | CommissionItem
    | Fulfil
    | FollowUp
    | PublishBulletin
    | PenalizeCommission
    | PenalizeUrgent
    | PenalizeQuota
    | RegisterUnit
    | RegisterPerson
    | RegisterChannel
    | SetTarget
    | RegisterRules
)


def record(root: Path, request: Request, *, at: dt.datetime, by: str) -> list[Event]:
    """Under the journal lock: read what validation needs, fold it, build, append.

    Only the registry and the lines the request's needles mention are read (cheap for one
    item); needles of None read the whole journal. A void names only the event it voids, so a
    narrowed read still sees a subject whose own submission or registration was voided.
    """
    if journal.is_demo(root):
        raise RecordError("record.demo_read_only", root=root)
    needles = request.needles()
    with journal.locked(root):
        loaded = journal.load_matching(root, needles) if needles is not None else journal.load(root)
        events = request.build(fold(loaded.events), at, by)
        _check_scores_sane(events)
        journal.append_locked(root, events)
    return events


def _check_scores_sane(events: list[Event]) -> None:
    for ev in events:
        if isinstance(ev, E.Scored) and abs(sum(c.points for c in ev.credits) - ev.points) > 0.005:
            raise RecordError("record.credits_mismatch")


__all__ = [
    "Adopt",
    "Amend",
    "AppendEvents",
    "Comment",
    "CommissionItem",
    "FollowUp",
    "Forward",
    "Fulfil",
    "ManualScore",
    "Override",
    "PenalizeCommission",
    "PenalizeQuota",
    "PenalizeUrgent",
    "PlanTopic",
    "PublishBulletin",
    "RecordError",
    "RegisterChannel",
    "RegisterPerson",
    "RegisterRules",
    "RegisterUnit",
    "Request",
    "Return",
    "SetTarget",
    "Submit",
    "Void",
    "Withdraw",
    "current_user",
    "new_id",
    "new_item_id",
    "now",
    "parse_event_lines",
    "preview_adoption",
    "record",
]
