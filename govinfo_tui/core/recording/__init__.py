"""Recording: turn what a user asks for into validated events, and write them.

Each verb is a request, a frozen dataclass of what was asked. Its `needles()` names the journal
lines its validation reads (None: the whole journal), next to the rules that read them; its
`build(st, at, by)` checks the request against a `State` and returns the events. `record` is
the one writer for both faces: lock, read, fold, build, append.

The verbs live by group: `items`, `scoring`, `paperwork`, `sanctions`, `registry`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TypeAlias, overload

from .. import events as E
from .. import journal
from ..events import Event
from ..state import State, fold

# The app's remaining entry points: its forms call these builders inside
# `record(root, build, needles=...)` until they construct requests (see `app_builders`).
from .app_builders import (
    adopt,
    amend,
    comment,
    forward,
    manual_score,
    publish_bulletin,
    register_channel,
    register_person,
    register_unit,
    return_item,
    rules_from_json,
    set_target,
    submit,
    void,
    withdraw,
)
from .common import RecordError, current_user, needles_for, new_id, new_item_id, now
from .items import Amend, AppendEvents, Forward, Return, Submit, Void, Withdraw, parse_event_lines, void_takes
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

Build: TypeAlias = Callable[[State], list[Event]]


@overload
def record(root: Path, request: Request, *, at: dt.datetime, by: str) -> list[Event]: ...


@overload
def record(root: Path, request: Build, *, needles: list[str] | None) -> list[Event]: ...


def record(
    root: Path,
    request: Request | Build,
    *,
    at: dt.datetime | None = None,
    by: str | None = None,
    needles: list[str] | None = None,
) -> list[Event]:
    """Under the journal lock: read what validation needs, fold it, build, append.

    Only the registry and the lines the request's needles mention are read (cheap for one
    item); needles of None read the whole journal. A void names only the event it voids, so a
    narrowed read still sees a subject whose own submission or registration was voided.

    The second form, a build function and its needles, is the app's until its forms
    construct requests.
    """
    if callable(request):
        build, wanted = request, needles
    else:
        if at is None or by is None:
            raise TypeError("record(root, request) needs at= and by=")
        build, wanted = _bound(request, at, by), request.needles()
    if journal.is_demo(root):
        raise RecordError(
            f"{root} is the bundled demo journal, which is read-only; "
            "start your own with `govinfo init journal` or pass --journal DIR"
        )
    with journal.locked(root):
        loaded = journal.load_matching(root, wanted) if wanted is not None else journal.load(root)
        events = build(fold(loaded.events))
        _check_scores_sane(events)
        journal.append_locked(root, events)
    return events


def _bound(request: Request, at: dt.datetime, by: str) -> Build:
    return lambda st: request.build(st, at, by)


def _check_scores_sane(events: list[Event]) -> None:
    for ev in events:
        if isinstance(ev, E.Scored) and abs(sum(c.points for c in ev.credits) - ev.points) > 0.005:
            raise RecordError("internal: credits do not add up; nothing was written")


__all__ = [
    "Adopt",
    "Amend",
    "AppendEvents",
    "Build",
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
    "adopt",
    "amend",
    "comment",
    "current_user",
    "forward",
    "manual_score",
    "needles_for",
    "new_id",
    "new_item_id",
    "now",
    "parse_event_lines",
    "preview_adoption",
    "publish_bulletin",
    "record",
    "register_channel",
    "register_person",
    "register_unit",
    "return_item",
    "rules_from_json",
    "set_target",
    "submit",
    "void",
    "void_takes",
    "withdraw",
]
