"""One event in full, for an audit: every field, who recorded it and when (beside when it
happened), and how it stands among the others: what it voids or undoes, what voided it, what
it replaces or repeats, which scores it gave. The app's event view and any face may show it."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Literal

import msgspec

from .. import i18n
from . import events as E
from . import journal
from .events import Event, event_type
from .known import recorded_at, recorded_late
from .period import OFFICE_TZ
from .queries import describe
from .state import State

Standing = Literal["counts", "voided", "taken", "repeat"]
_ENVELOPE = ("id", "at", "by", "v", "batch", "recorded")


@dataclass(frozen=True, slots=True)
class Link:
    """Another event this one stands in a relation to: `relation` is a catalogue key."""

    relation: str
    id: str
    what: str
    at: str = ""
    by: str = ""


@dataclass(frozen=True, slots=True)
class Detail:
    id: str
    type: str
    what: str
    standing: Standing
    at: str
    recorded: str
    by: str
    late_days: int | None = None  # recorded this many days after its business date (when late)
    fields: list[tuple[str, str]] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    line: str = ""


def event_detail(st: State, ev_id: str, lang: str = "zh") -> Detail:
    """The whole of event `ev_id` as `st` knows it. Unknown ids raise KeyError."""
    ev = st.events[ev_id]
    body = msgspec.to_builtins(ev)
    fields = [(k, _value(v)) for k, v in body.items() if k not in (*_ENVELOPE, "type")]
    return Detail(
        id=ev.id,
        type=event_type(ev),
        what=describe(st, ev, lang),
        standing=_standing(st, ev.id),
        at=_moment(ev.at),
        recorded=_moment(recorded_at(ev)),
        by=ev.by,
        late_days=_late_days(ev),
        fields=fields,
        links=_links(st, ev, lang),
        line=journal.encode(ev).decode().rstrip("\n"),
    )


def _standing(st: State, ev_id: str) -> Standing:
    void = st.voided.get(ev_id)
    if void is not None:
        return "voided" if void.target == ev_id else "taken"
    return "repeat" if ev_id in st.superseded else "counts"


def _links(st: State, ev: Event, lang: str) -> list[Link]:
    out: list[Link] = []

    def link(relation: str, other_id: str | None, what: str | None = None) -> None:
        if not other_id:
            return
        other = st.events.get(other_id)
        if other is None:
            out.append(Link(relation, other_id, i18n.t("audit.not_in_view", lang=lang)))
            return
        out.append(Link(relation, other.id, what or describe(st, other, lang), _moment(other.at), other.by))

    if isinstance(ev, E.EventVoided):
        target = st.events.get(ev.target)
        link("audit.undoes" if isinstance(target, E.EventVoided) else "audit.voids", ev.target)
    void = st.voided.get(ev.id)
    if void is not None:
        link("audit.voided_by" if void.target == ev.id else "audit.taken_by", void.id, void.reason)  # why
    link("audit.repeat_of", st.superseded.get(ev.id))
    if isinstance(ev, E.Scored):
        link("audit.source", ev.source)
        link("audit.replaces", ev.replaces)
    for s in _every(st, E.Scored):
        if s.replaces == ev.id:
            link("audit.replaced_by", s.id)
        elif s.source == ev.id:
            link("audit.scored", s.id)
    return out


def _every(st: State, cls: type[E.Scored]) -> list[E.Scored]:
    """Every event of a type, voided ones too (the fold's lists leave them out)."""
    return [e for e in st.log if isinstance(e, cls)]


def _late_days(ev: Event) -> int | None:
    late = recorded_late(ev)
    return None if late is None else (late.astimezone(OFFICE_TZ).date() - ev.at.astimezone(OFFICE_TZ).date()).days


def _moment(when: dt.datetime) -> str:
    return when.astimezone(OFFICE_TZ).strftime("%Y-%m-%d %H:%M:%S")


def _value(v: object) -> str:
    if isinstance(v, str):
        return v
    if isinstance(v, list) and all(isinstance(x, str) for x in v):
        return ", ".join(v)
    return json.dumps(v, ensure_ascii=False)
