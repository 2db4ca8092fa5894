"""Requests about an item's life (submit, amend, forward, return, withdraw), voids, and raw lines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

import msgspec

from .. import events as E
from ..events import Event
from ..faults import Fault
from ..state import State
from .admission import refusal
from .common import RecordError, envelope, need, needles_for, new_id, new_item_id


@dataclass(frozen=True)
class Submit:
    """An item enters the record, written by `authors` of `unit` and sent to `channels`; a joint
    item (联合报送) names its other units in `joint`, and its adoptions credit them all."""

    title: str
    unit: str
    joint: tuple[str, ...] = ()
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
            raise RecordError("record.empty_title")
        need(st, "unit", self.unit)
        for u in self.joint:
            need(st, "unit", u)
        units = [self.unit, *self.joint]
        twice = sorted({u for u in units if units.count(u) > 1})
        if twice:
            raise RecordError("record.unit_twice", units=", ".join(twice))
        for p in self.authors:
            need(st, "person", p)
        for c in self.channels:
            need(st, "channel", c)
        if self.commission and self.commission not in st.commissions:
            raise RecordError("record.submit_unknown_commission", commission=self.commission)
        if self.item is not None and self.item in st.items:
            raise RecordError("record.item_id_taken", item=self.item)
        ev = E.ItemSubmitted(
            **envelope(at, by),
            item=self.item or new_item_id(at, st.items),
            title=self.title.strip(),
            unit=self.unit,
            joint=self.joint,
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
            raise RecordError("record.nothing_to_amend")
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
            raise RecordError("record.forward_nowhere")
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
    """Void an event; voiding an adoption or comment voids its scores with it."""

    target: str
    reason: str

    def needles(self) -> list[str] | None:
        # the target's scores name it as their source, but an earlier void of one of them
        # (an override) names only that score: which of them still count needs every line
        return None

    def build(self, st: State, at: dt.datetime, by: str) -> list[Event]:
        if not self.reason.strip():
            raise RecordError("record.void_needs_reason")
        ev = st.events.get(self.target)
        if ev is None:
            raise RecordError("record.unknown_event", event=self.target)
        if self.target in st.voids:
            raise RecordError("record.already_voided", event=self.target)
        if isinstance(ev, E.EventVoided):
            raise RecordError("record.void_of_void")
        out: list[Event] = [E.EventVoided(**envelope(at, by), target=self.target, reason=self.reason.strip())]
        for s in st.scores:
            if s.source == self.target and s.id not in st.voids:
                out.append(E.EventVoided(**envelope(at, by), target=s.id, reason=f"source voided: {self.reason}"))
        return out


@dataclass(frozen=True)
class AppendEvents:
    """Events given whole (from `parse_event_lines`), written as they are once the gate has
    judged them like any other write; `where` names each one's origin ("FILE:LINE")."""

    events: tuple[Event, ...]
    where: tuple[str, ...] = ()

    def needles(self) -> list[str] | None:
        return None  # their ids must be new to the whole journal, and they may name anything

    def build(self, st: State, at: dt.datetime, by: str) -> list[Event]:
        return list(self.events)


def parse_event_lines(data: bytes, *, by: str, source: str = "<input>") -> AppendEvents:
    """Read raw JSONL for `append`: every line must be an event; missing ids and `by` are filled in.

    Every bad line is reported ("SOURCE:LINE: what"), not just the first, and nothing is kept
    unless all of them read. A UTF-8 byte-order mark is skipped; blank lines are ignored.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise refusal([(f"{source}:1", Fault("append.utf16"))])
    events: list[Event] = []
    where: list[str] = []
    bad: list[tuple[str, Fault]] = []
    for lineno, raw in enumerate(data.removeprefix(b"\xef\xbb\xbf").split(b"\n"), start=1):
        if not raw.strip():
            continue
        try:
            events.append(_event(raw, by))
            where.append(f"{source}:{lineno}")
        except _BadLine as exc:
            bad.append((f"{source}:{lineno}", exc.fault))
    if bad:
        raise refusal(bad)
    if not events:
        raise RecordError("append.no_events", source=source)
    return AppendEvents(events=tuple(events), where=tuple(where))


class _BadLine(Exception):
    def __init__(self, fault: Fault) -> None:
        super().__init__(fault.code)
        self.fault = fault


def _event(raw: bytes, by: str) -> Event:
    """One line as an event, or `_BadLine` saying why not."""
    if raw.rstrip(b"\r")[:7] in (b"<<<<<<<", b"=======", b">>>>>>>", b"|||||||"):
        raise _BadLine(Fault("append.conflict_marker"))
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _BadLine(Fault("append.not_utf8", {"byte": exc.start})) from None
    try:
        obj = msgspec.json.decode(raw)
    except RecursionError:
        raise _BadLine(Fault("append.too_deep")) from None
    except msgspec.ValidationError as exc:
        raise _BadLine(Fault("append.invalid", {"error": exc})) from None
    except msgspec.DecodeError as exc:
        raise _BadLine(Fault("append.not_json", {"error": exc})) from None
    if not isinstance(obj, dict):
        raise _BadLine(Fault("append.not_object"))
    obj.setdefault("id", new_id())
    obj.setdefault("by", by)
    try:
        return msgspec.convert(obj, E.AnyEvent)
    except msgspec.ValidationError as exc:
        raise _BadLine(Fault("append.invalid", {"error": exc})) from None
