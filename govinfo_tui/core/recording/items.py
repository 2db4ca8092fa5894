"""Requests about an item's life (submit, amend, forward, return, withdraw), voids and their undoing, and raw lines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import chain
from typing import Literal

import msgspec

from ... import i18n
from .. import events as E
from .. import journal
from ..events import Event
from ..faults import Fault
from ..known import is_ulid, recorded_at
from ..period import order_key
from ..state import State, fold
from .admission import refusal
from .common import RecordError, envelope, need, needles_for, new_id, new_item_id, now
from .rescoring import reshare


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
    """A correction of an item's fields; a field left None keeps its value.

    `unit` and `joint` are the item's units (联合报送: the lead, then the others); changing
    them, or the authors, shares the item's scores anew (`rescoring.reshare`): each keeps
    its points and date, so every view shows the shares as corrected."""

    item: str
    reason: str = ""
    title: str | None = None
    unit: str | None = None
    authors: tuple[str, ...] | None = None
    category: str | None = None
    text: str | None = None
    joint: tuple[str, ...] | None = None

    def needles(self) -> list[str] | None:
        return needles_for(self.item)

    def build(self, st: State, at: dt.datetime, by: str) -> list[Event]:
        need(st, "item", self.item)
        changes = (self.title, self.unit, self.authors, self.category, self.text, self.joint)
        if all(v is None for v in changes):
            raise RecordError("record.nothing_to_amend")
        need(st, "unit", self.unit)
        for u in self.joint or ():
            need(st, "unit", u)
        units = [
            self.unit or st.items[self.item].unit,
            *(st.items[self.item].sub.joint if self.joint is None else self.joint),
        ]
        twice = sorted({u for u in units if units.count(u) > 1})
        if twice:
            raise RecordError("record.unit_twice", units=", ".join(twice))
        for p in self.authors or ():
            need(st, "person", p)
        ev = E.ItemAmended(
            **envelope(at, by),
            item=self.item,
            title=self.title,
            unit=self.unit,
            authors=list(self.authors) if self.authors is not None else None,
            category=self.category,
            text=self.text,
            reason=self.reason,
            joint=self.joint,
        )
        if self.unit is None and self.authors is None and self.joint is None:
            return [ev]
        words = i18n.t("record.reason.reshared", reason=self.reason.strip() or "-")  # the recorder's language
        return [ev, *reshare(fold([ev], state=st), self.item, words, at, by)]


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
            raise RecordError("record.void_needs_reason")
        ev = st.events.get(self.target)
        if ev is None:
            raise RecordError("record.unknown_event", event=self.target)
        if self.target in st.voids:
            raise RecordError("record.already_voided", event=self.target)
        if isinstance(ev, E.EventVoided):
            if isinstance(st.events.get(ev.target), E.EventVoided):  # an undo: void the event anew
                raise RecordError("record.restore_of_restore", event=self.target)
            raise RecordError("record.void_of_void")
        out: list[Event] = [_void(ev, reason, at, by)]
        with_it = i18n.t("record.reason.voided_with", target=self.target, reason=reason)  # the recorder's words
        out += [_void(taken, with_it, at, by) for taken in void_takes(st, self.target)]
        return out


@dataclass(frozen=True)
class Restore:
    """Undo a void: a void of it, so that what it voided counts again, as it was (same id, same
    business time; the scores that name it as their source count with it). The voids of what it
    took along are undone with it; the journal keeps them all, and the event may be voided again
    later by a new void."""

    void: str
    reason: str

    def needles(self) -> list[str] | None:
        return None  # whether the item's id was taken again, and what stands, needs every line

    def build(self, st: State, at: dt.datetime, by: str) -> list[Event]:
        reason = self.reason.strip()
        if not reason:
            raise RecordError("record.void_needs_reason")
        voids = restores(st, self.void)
        for v in voids:
            target = st.events.get(v.target)
            if isinstance(target, E.ItemSubmitted) and target.item in st.items:
                raise RecordError("record.restore_item_taken", item=target.item)
        out: list[Event] = [_void(v, reason, at, by) for v in voids]
        # what comes back was shared as its item then was: an item amended since shares it anew
        after = fold(out, state=st)
        words = i18n.t("record.reason.reshared", reason=reason)
        for item in sorted({i for v in voids if isinstance(i := getattr(st.events.get(v.target), "item", None), str)}):
            if item in after.items:
                out += reshare(after, item, words, at, by)
        return out


def restores(st: State, void_id: str) -> list[E.EventVoided]:
    """The voids that restoring `void_id` undoes: it and the voids of what it took along, in
    order. Refused: no void, a restore, a void already restored, and a void that is part of an
    edit (a score's override voids the old score and records the new one; so do `rescore` and
    the resharing of an amendment), even once the new score was itself replaced or voided:
    the old one would count again beside (or behind) its successors, shared as it was."""
    ev = st.events.get(void_id)
    if ev is None:
        raise RecordError("record.unknown_event", event=void_id)
    if not isinstance(ev, E.EventVoided):
        raise RecordError("record.restore_not_a_void", event=void_id)
    if isinstance(st.events.get(ev.target), E.EventVoided):
        raise RecordError("record.restore_of_restore", event=void_id)
    if void_id in st.voids:
        raise RecordError("record.already_restored", event=void_id)
    if _replaced(st, ev.target):
        raise RecordError("record.restore_of_edit", event=void_id)
    ev = _main_void(st, ev)
    target = st.events.get(ev.target)
    main = [ev] if target is None else _took_along(st, ev, target)
    return sorted(main, key=order_key)


def _replaced(st: State, score_id: str) -> bool:
    """Whether a score names `score_id` in `replaces`: a live one, or one since voided or hidden."""
    gone = (st.events.get(i) for i in (*st.voided, *st.superseded))
    return any(isinstance(s, E.Scored) and s.replaces == score_id for s in chain(st.scores, gone))


_SAME_WRITE = dt.timedelta(seconds=2)


def _same_write(st: State, void: E.EventVoided) -> list[E.EventVoided]:
    """The standing voids written with `void` (`Void` writes them in one go: same business time,
    same recorder, recorded together; the batch tag that joined them is gone once read)."""
    when = recorded_at(void)
    return [
        w
        for w in st.voids.values()
        if w.at == void.at and w.by == void.by and abs(recorded_at(w) - when) <= _SAME_WRITE
    ]


def _main_void(st: State, void: E.EventVoided) -> E.EventVoided:
    """The void a taken-along one was written with: undoing the void of a score taken along
    with its item undoes the item's void, or the score would stay out with its item."""
    taken = st.events.get(void.target)
    if taken is None:
        return void
    best = void
    for w in _same_write(st, void):
        target = st.events.get(w.target)
        if target is None or w is void or isinstance(target, E.EventVoided):
            continue
        if isinstance(target, E.ItemSubmitted) and getattr(taken, "item", None) == target.item:
            return w
        if getattr(taken, "source", None) == target.id:
            best = w
    return best


def _took_along(st: State, void: E.EventVoided, target: Event) -> list[E.EventVoided]:
    """`void` and the standing voids written with it for what hung on its target."""
    if isinstance(target, E.ItemSubmitted):

        def hangs(e: Event) -> bool:
            return getattr(e, "item", None) == target.item
    else:
        fact = (target.item, target.channel, target.issue) if isinstance(target, E.ItemAdopted) else None
        adoptions = [e for e in st.log if isinstance(e, E.ItemAdopted)] if fact else []  # voided ones too
        repeats = {a.id for a in adoptions if (a.item, a.channel, a.issue) == fact}
        sources = {target.id, *repeats}

        def hangs(e: Event) -> bool:
            return e.id in repeats or getattr(e, "source", None) in sources

    out = [void]
    for w in _same_write(st, void):
        taken = st.events.get(w.target)
        if w is void:
            continue
        if taken is not None and not isinstance(taken, E.EventVoided) and hangs(taken):
            out.append(w)
    return out


def restore_brings(st: State, void_id: str) -> list[Event]:
    """What restoring `void_id` brings back, for the confirmation: the events its write voided,
    and what they took along without a void of their own, in order."""
    voids = {v.id for v in restores(st, void_id)}
    back = {e: st.events[e] for e, v in st.voided.items() if v.id in voids and e in st.events}
    return sorted(back.values(), key=order_key)


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
    """Events given whole (from `parse_event_lines`), written as they are once the gate has
    judged them like any other write; `where` names each one's origin ("FILE:LINE")."""

    events: tuple[Event, ...]
    where: tuple[str, ...] = ()

    def needles(self) -> list[str] | None:
        return None  # their ids must be new to the whole journal, and they may name anything

    def build(self, st: State, at: dt.datetime, by: str) -> list[Event]:
        return list(self.events)


def parse_event_lines(data: bytes, *, by: str, source: str = "<input>") -> AppendEvents:
    """Read raw JSONL for `append`: every line must be an event; missing ids and `by` are filled
    in, and so is the recording time (now) of a line whose id is no ULID and that gives none.

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
        raise _BadLine(Fault("append.invalid", {"error": exc, "field": journal.field_named(exc)})) from None
    except msgspec.DecodeError as exc:
        raise _BadLine(Fault("append.not_json", {"error": exc, "byte": journal.stopped_at(exc, raw)})) from None
    if not isinstance(obj, dict):
        raise _BadLine(Fault("append.not_object"))
    obj.setdefault("id", new_id())
    obj.setdefault("by", by)
    if not isinstance(obj["id"], str) or not is_ulid(obj["id"]):
        obj.setdefault("recorded", now().isoformat())  # the id cannot say when it was learned
    try:
        return msgspec.convert(obj, E.AnyEvent)
    except msgspec.ValidationError as exc:
        raise _BadLine(Fault("append.invalid", {"error": exc, "field": journal.field_named(exc)})) from None
