"""The gate every write passes before the journal: what a request built, or `append` read.

An event is written only if it reads back exactly as it is (NaN, infinity and out-of-range
numbers do not), breaks none of the rules in `core.faults`, takes no id, item, code or issue
number already taken, and states no date outside the journal's window unless the writer asks
(`--any-date`). A refusal lists every fault, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import msgspec

from .. import events as E
from .. import journal
from ..events import Event
from ..faults import Fault, Known, Window, faults
from ..period import day_of
from ..state import State
from .common import RecordError, now

MAX_SHOWN = 20


def window(root: Path, st: State, today: dt.date | None = None) -> Window:
    """The journal's window of dates, from its month files' names and its registry (the state a
    write reads may hold only the lines it needs)."""
    registry: list[Event] = [*st.units.values(), *st.people.values(), *st.channels.values(), *st.rulesets]
    days = [ev.at.date() for ev in registry] + journal.shard_months(root)
    return Window.of(days, today or day_of(now()))


def admit(st: State, events: Sequence[Event], *, dates: Window | None, where: Sequence[str] = ()) -> None:
    """Refuse `events` unless every one of them may be written on top of `st`.

    References may point anywhere in the batch (an import lists an adoption and its score in
    either order); what must be new (ids, item ids, codes, numbers, voids) is new if no earlier
    event of the batch took it. `where` names each event's origin ("FILE:LINE") for the
    message; `dates` of None lets any date through.
    """
    known = Known(st)
    for ev in events:
        known.add(ev)
    earlier = Known(st)
    first: dict[str, int] = {}
    found: list[tuple[int, Fault]] = []
    for i, ev in enumerate(events):
        mine = _unreadable(ev)
        if ev.id in first:
            other = where[first[ev.id]].rpartition(":")[2] if where else str(first[ev.id] + 1)
            mine.append(Fault("gate.id_twice", {"id": ev.id, "other": other}))
        elif earlier.event(ev.id) is not None:
            mine.append(Fault("gate.id_taken", {"id": ev.id}))
        first.setdefault(ev.id, i)
        mine.extend(_taken(earlier, ev))
        mine.extend(faults(known, ev))
        if dates is not None:
            mine.extend(dates.faults(ev))
        found.extend((i, f) for f in mine)
        earlier.add(ev)
    if not found:
        return
    dated = any(f.code.startswith("fault.date_outside") for _i, f in found)
    if not where:
        raise RecordError(
            "gate.refused_dates" if dated else "gate.refused", faults="; ".join(str(f) for _i, f in found)
        )
    raise refusal([(where[i], f) for i, f in found], dated=dated)


def refusal(found: Sequence[tuple[str, Fault]], *, dated: bool = False) -> RecordError:
    """One refusal of a whole input, a line per fault ("FILE:LINE: what"), the first few shown;
    `dated` when a date outside the journal's window is among them (the CLI names --any-date)."""
    lines = [str(Fault("append.line", {"where": where, "fault": f})) for where, f in found[:MAX_SHOWN]]
    if len(found) > MAX_SHOWN:
        lines.append("...")
    source = found[0][0].rpartition(":")[0]
    numbers = ", ".join(dict.fromkeys(where.rpartition(":")[2] for where, _f in found))
    code = "append.refused_dates" if dated else "append.refused"
    return RecordError(code, lines="\n".join(lines), numbers=numbers, source=source)


def _unreadable(ev: Event) -> list[Fault]:
    """What `journal.load` would make of the line: it must give back the very same event."""
    try:
        back = journal.decoder.decode(journal.encode(ev))
    except (msgspec.DecodeError, msgspec.EncodeError, UnicodeError, OverflowError, ValueError) as exc:
        return [Fault("gate.unreadable", {"error": exc})]
    if back != ev:
        return [Fault("gate.unreadable", {"error": "it reads back differently"})]
    return []


def _taken(k: Known, ev: Event) -> list[Fault]:
    """Ids, codes and numbers that must be new; a replay would drop or double the second one."""
    st = k.st
    if isinstance(ev, E.ItemSubmitted) and k.item_since(ev.item) is not None:
        return [Fault("gate.item_taken", {"item": ev.item})]
    if isinstance(ev, E.EventVoided) and k.voided(ev.target):
        return [Fault("gate.already_voided", {"target": ev.target})]
    if isinstance(ev, E.TopicPlanned) and k.has_topic(ev.topic):
        return [Fault("gate.code_taken", {"kind": "topic", "code": ev.topic})]
    if isinstance(ev, E.MeetingHeld) and k.has_meeting(ev.meeting):
        return [Fault("gate.code_taken", {"kind": "meeting", "code": ev.meeting})]
    if isinstance(ev, E.Commissioned) and k.commission_since(ev.commission) is not None:
        return [Fault("gate.code_taken", {"kind": "commission", "code": ev.commission})]
    if isinstance(ev, E.BulletinPublished):
        batch = (e for e in k.new_events.values() if isinstance(e, E.BulletinPublished))
        issues = [b for b in (*st.bulletins, *batch) if b.channel == ev.channel and b.supplement == ev.supplement]
        out = []
        if any((b.year, b.number) == (ev.year, ev.number) for b in issues):
            out.append(Fault("gate.issue_taken", {"issue": f"{ev.year}-{ev.number}", "channel": ev.channel}))
        if ev.total_number is not None and not ev.supplement and any(b.total_number == ev.total_number for b in issues):
            out.append(Fault("gate.total_taken", {"total": ev.total_number, "channel": ev.channel}))
        return out
    return []
