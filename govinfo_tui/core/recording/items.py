"""Requests about an item's life (submit, amend, forward, return, withdraw), voids, and raw lines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

import msgspec

from .. import events as E
from ..events import Event
from ..known import is_ulid
from ..period import order_key
from ..state import State
from .common import RecordError, envelope, need, needles_for, new_id, new_item_id, now


@dataclass(frozen=True)
class Submit:
    """An item enters the record, written by `authors` of `unit` and sent to `channels`."""

    title: str
    unit: str
    authors: tuple[str, ...] = ()
    category: str = ""
    channels: tuple[str, ...] = ()
    urgent: bool = False
    occurred_at: dt.datetime | None = None
    report_kind: Literal["phone", "written"] | None = None
    commission: str | None = None
    text: str = ""
    item: str | None = None

    def needles(self) -> list[str] | None:
        # a new id must be free among all items; a chosen one needs only the lines naming it
        return needles_for(self.item, self.commission) if self.item is not None else None

    def build(self, st: State, at: dt.datetime, by: str) -> list[Event]:
        if not self.title.strip():
            raise RecordError("the title is empty; give the item a title")
        need(st, "unit", self.unit)
        for p in self.authors:
            need(st, "person", p)
        for c in self.channels:
            need(st, "channel", c)
        if self.commission and self.commission not in st.commissions:
            raise RecordError(f"unknown commission {self.commission!r}")
        if self.item is not None and self.item in st.items:
            raise RecordError(f"item id {self.item} is already taken")
        ev = E.ItemSubmitted(
            **envelope(at, by),
            item=self.item or new_item_id(at, st.items),
            title=self.title.strip(),
            unit=self.unit,
            authors=list(self.authors),
            category=self.category,
            channels=list(self.channels),
            urgent=self.urgent,
            occurred_at=self.occurred_at,
            report_kind=self.report_kind,
            commission=self.commission,
            text=self.text,
        )
        return [ev]


@dataclass(frozen=True)
class Amend:
    """A correction of an item's fields; a field left None keeps its value."""

    item: str
    reason: str = ""
    title: str | None = None
    unit: str | None = None
    authors: tuple[str, ...] | None = None
    category: str | None = None
    text: str | None = None

    def needles(self) -> list[str] | None:
        return needles_for(self.item)

    def build(self, st: State, at: dt.datetime, by: str) -> list[Event]:
        need(st, "item", self.item)
        if all(v is None for v in (self.title, self.unit, self.authors, self.category, self.text)):
            raise RecordError("nothing to amend; give at least one field to change")
        need(st, "unit", self.unit)
        for p in self.authors or ():
            need(st, "person", p)
        return [
            E.ItemAmended(
                **envelope(at, by),
                item=self.item,
                title=self.title,
                unit=self.unit,
                authors=list(self.authors) if self.authors is not None else None,
                category=self.category,
                text=self.text,
                reason=self.reason,
            )
        ]


@dataclass(frozen=True)
class Forward:
    """The office passes an item on to more channels (转报)."""

    item: str
    channels: tuple[str, ...]
    note: str = ""

    def needles(self) -> list[str] | None:
        return needles_for(self.item)

    def build(self, st: State, at: dt.datetime, by: str) -> list[Event]:
        need(st, "item", self.item)
        if not self.channels:
            raise RecordError("name at least one channel to forward to")
        for c in self.channels:
            need(st, "channel", c)
        return [E.ItemForwarded(**envelope(at, by), item=self.item, channels=list(self.channels), note=self.note)]


@dataclass(frozen=True)
class Return:
    """The office sends an item back to its unit."""

    item: str
    reason: str

    def needles(self) -> list[str] | None:
        return needles_for(self.item)

    def build(self, st: State, at: dt.datetime, by: str) -> list[Event]:
        need(st, "item", self.item)
        return [E.ItemReturned(**envelope(at, by), item=self.item, reason=self.reason)]


@dataclass(frozen=True)
class Withdraw:
    """The unit takes its item back."""

    item: str
    reason: str

    def needles(self) -> list[str] | None:
        return needles_for(self.item)

    def build(self, st: State, at: dt.datetime, by: str) -> list[Event]:
        need(st, "item", self.item)
        return [E.ItemWithdrawn(**envelope(at, by), item=self.item, reason=self.reason)]


@dataclass(frozen=True)
class Void:
    """Void an event, and what hangs on it (see `void_takes`), each with a void of its own:
    the CLI and the app list them, and an older version reading the journal counts right."""

    target: str
    reason: str

    def needles(self) -> list[str] | None:
        # the target's scores name it as their source, but an earlier void of one of them
        # (an override) names only that score: which of them still count needs every line
        return None

    def build(self, st: State, at: dt.datetime, by: str) -> list[Event]:
        reason = self.reason.strip()
        if not reason:
            raise RecordError("say why the event is voided (--reason)")
        ev = st.events.get(self.target)
        if ev is None:
            raise RecordError(f"no event with id {self.target}; copy the id from `govinfo report timeline`")
        if self.target in st.voids:
            raise RecordError(f"event {self.target} is already voided")
        if isinstance(ev, E.EventVoided):
            raise RecordError("a void cannot be voided; record the event again instead")
        out: list[Event] = [_void(ev, reason, at, by)]
        out += [_void(taken, f"voided with {self.target}: {reason}", at, by) for taken in void_takes(st, self.target)]
        return out


def void_takes(st: State, target: str) -> list[Event]:
    """What voiding `target` takes along, in order: for a submission, the adoptions, comments
    and scores of its item; for an adoption or a comment, its scores; for an adoption, its
    repeats too (one fact), so that voiding it never brings a repeat back. The app shows
    this before anything is written."""
    ev = st.events.get(target)
    hanging: list[Event] = []
    if isinstance(ev, E.ItemSubmitted) and ev.item in st.items:
        item = st.items[ev.item]
        repeats = [r for r in map(st.events.__getitem__, st.superseded) if getattr(r, "item", None) == ev.item]
        hanging = [*item.adoptions, *item.comments, *item.scores, *repeats]
    elif isinstance(ev, E.ItemAdopted):
        hanging = [st.events[r] for r, kept in st.superseded.items() if kept == target]
    sources = {target, *(h.id for h in hanging)}
    taken = {e.id: e for e in [*hanging, *(s for s in st.scores if s.source in sources)]}
    return sorted((e for e in taken.values() if e.id not in st.voids), key=order_key)


def _void(ev: Event, reason: str, at: dt.datetime, by: str) -> E.EventVoided:
    item = getattr(ev, "item", None)
    return E.EventVoided(**envelope(at, by), target=ev.id, reason=reason, item=item if isinstance(item, str) else None)


@dataclass(frozen=True)
class AppendEvents:
    """Events given whole (from `parse_event_lines`), written as they are."""

    events: tuple[Event, ...]

    def needles(self) -> list[str] | None:
        return []  # nothing is checked against the journal

    def build(self, st: State, at: dt.datetime, by: str) -> list[Event]:
        return list(self.events)


def parse_event_lines(data: bytes, *, by: str) -> list[Event]:
    """Validate raw JSONL for `append`: every line must decode; ids and `by` are filled in, and
    so is the recording time (now) of a line whose id is no ULID and that does not give one."""
    out: list[Event] = []
    for lineno, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        try:
            obj = msgspec.json.decode(raw)
            if not isinstance(obj, dict):
                raise RecordError(f"line {lineno}: expected a JSON object")
            obj.setdefault("id", new_id())
            obj.setdefault("by", by)
            if not isinstance(obj["id"], str) or not is_ulid(obj["id"]):
                obj.setdefault("recorded", now().isoformat())  # the id cannot say when it was learned
            out.append(msgspec.convert(obj, E.AnyEvent))
        except (msgspec.DecodeError, msgspec.ValidationError) as exc:
            raise RecordError(f"line {lineno}: {exc}; nothing was written") from None
    if not out:
        raise RecordError("no events in the input; nothing was written")
    return out
