"""Recording: turn what a user asks for into validated events, and write them.

Each verb is a request, a frozen dataclass of what was asked. Its `needles()` names the journal
lines its validation reads (None: the whole journal), next to the rules that read them; its
`build(st, at, by)` checks the request against a `State` and returns the events. `record` is
the one writer for both faces: lock, read, fold, build, append.

The verbs live by group: `items`, `scoring`, `paperwork`, `sanctions`, `registry`.
"""

from __future__ import annotations

import datetime as dt
import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias, Union

from .. import events as E
from .. import journal, rules
from ..events import Event
from ..schemes import rules_for
from ..state import State, fold
from . import admission
from .common import RecordError, current_user, new_id, new_item_id, now

# The verbs are imported when first asked for (PEP 562): `govinfo submit` pays for the module
# of its own verb, not for the 32 request dataclasses of them all (~17 ms of a write's start,
# more than the rest of what a write does above a bare start).
_VERBS: dict[str, tuple[str, ...]] = {  # module: what it holds
    "items": (
        "Amend",
        "AppendEvents",
        "Forward",
        "Restore",
        "Return",
        "Submit",
        "Void",
        "Withdraw",
        "parse_event_lines",
        "restore_brings",
        "restores",
        "void_takes",
    ),
    "office": ("SetOffice",),
    "paperwork": ("CommissionItem", "FollowUp", "Fulfil", "HoldMeeting", "PlanTopic", "PublishBulletin"),
    "registry": ("RegisterChannel", "RegisterPerson", "RegisterRules", "RegisterUnit", "SetTarget"),
    "rescoring": ("Rescore", "disagreements"),
    "sanctions": ("PenalizeCommission", "PenalizeQuota", "PenalizeUrgent", "RewardQuota"),
    "scoring": ("Adopt", "AdoptMany", "AssertScore", "Comment", "ManualScore", "Override", "preview_adoption"),
}
_WHERE = {name: module for module, names in _VERBS.items() for name in names}

_REQUESTS = (  # every verb, in the order of `Request`
    "Submit",
    "Amend",
    "Forward",
    "Return",
    "Withdraw",
    "Void",
    "Restore",
    "AppendEvents",
    "Adopt",
    "AdoptMany",
    "AssertScore",
    "Comment",
    "ManualScore",
    "Override",
    "PlanTopic",
    "CommissionItem",
    "Fulfil",
    "FollowUp",
    "PublishBulletin",
    "PenalizeCommission",
    "PenalizeUrgent",
    "PenalizeQuota",
    "RewardQuota",
    "RegisterUnit",
    "RegisterPerson",
    "RegisterChannel",
    "SetTarget",
    "RegisterRules",
    "Rescore",
    "SetOffice",
    "HoldMeeting",
)

if TYPE_CHECKING:
    from .items import (
        Amend,
        AppendEvents,
        Forward,
        Restore,
        Return,
        Submit,
        Void,
        Withdraw,
        parse_event_lines,
        restore_brings,
        restores,
        void_takes,
    )
    from .office import SetOffice
    from .paperwork import CommissionItem, FollowUp, Fulfil, HoldMeeting, PlanTopic, PublishBulletin
    from .registry import RegisterChannel, RegisterPerson, RegisterRules, RegisterUnit, SetTarget
    from .rescoring import Rescore, disagreements
    from .sanctions import PenalizeCommission, PenalizeQuota, PenalizeUrgent, RewardQuota
    from .scoring import Adopt, AdoptMany, AssertScore, Comment, ManualScore, Override, preview_adoption

    Request: TypeAlias = (
        Submit
        | Amend
        | Forward
        | Return
        | Withdraw
        | Void
        | Restore
        | AppendEvents
        | Adopt
        | AdoptMany
        | AssertScore
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
        | RewardQuota
        | RegisterUnit
        | RegisterPerson
        | RegisterChannel
        | SetTarget
        | RegisterRules
        | Rescore
        | SetOffice
        | HoldMeeting
    )


def __getattr__(name: str) -> Any:
    if name == "Request":  # the union of every verb (the app's forms need it at run time)
        return Union[tuple(__getattr__(n) for n in _REQUESTS)]  # noqa: UP007 - built at run time
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # once found, an ordinary attribute
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


def record(root: Path, request: Request, *, at: dt.datetime, by: str, any_date: bool = False) -> list[Event]:
    """Under the journal lock: read what validation needs, fold it, build, pass the gate, append.

    Only the registry and the lines the request's needles mention are read (cheap for one
    item); needles of None read the whole journal. A void names only the event it voids, so a
    narrowed read still sees a subject whose own submission or registration was voided.
    Whatever was built then passes `admission.admit`, the one gate of every door; `any_date`
    lets a date outside the journal's window through.
    """
    if journal.is_demo(root):
        raise RecordError("record.demo_read_only", root=root)
    needles = request.needles()
    scan = journal.scan_matching(root, needles) if needles is not None else None  # before the lock
    with journal.locked(root):
        loaded = journal.load_matching(root, needles, scan) if needles is not None else journal.load(root)
        st = fold(loaded.events)
        events = request.build(st, at, by)
        dates = None if any_date else admission.window(root, st)
        admission.admit(st, events, dates=dates, where=getattr(request, "where", ()))
        _check_scores_sane(st, events)
        journal.append_locked(root, events)
    return events


def _check_scores_sane(st: State, events: list[Event]) -> None:
    """Every new score's credits share its points as its rules split them (as `check` judges)."""
    for ev in events:
        if isinstance(ev, E.Scored):
            rs = rules_for(st, ev.scheme, ev.at.date())
            if not rules.credits_add_up(ev.points, ev.credits, rs.split if rs else "equal"):
                raise RecordError("record.credits_mismatch")


__all__ = [
    "Adopt",
    "AdoptMany",
    "Amend",
    "AppendEvents",
    "AssertScore",
    "Comment",
    "CommissionItem",
    "FollowUp",
    "Forward",
    "Fulfil",
    "HoldMeeting",
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
    "Rescore",
    "Restore",
    "Return",
    "RewardQuota",
    "SetOffice",
    "SetTarget",
    "Submit",
    "Void",
    "Withdraw",
    "current_user",
    "disagreements",
    "new_id",
    "new_item_id",
    "now",
    "parse_event_lines",
    "preview_adoption",
    "record",
    "restore_brings",
    "restores",
    "void_takes",
]
