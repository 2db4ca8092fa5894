"""Requests that register who and what the record speaks of: units, officers, channels,
annual targets and rule sets. Registering a code again edits it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import get_args

import msgspec

from .. import events as E
from ..events import Event
from ..state import State
from .common import RecordError, envelope, in_range, need, need_scheme, new_id, points


def _code_and_name(code: str, name: str) -> tuple[str, str]:
    code, name = code.strip(), name.strip()
    if not code or not name:
        raise RecordError("record.no_code_or_name")
    return code, name


@dataclass(frozen=True)
class RegisterUnit:
    """A unit, or an edit of one: registering an existing code again replaces its details."""

    code: str
    name: str
    kind: E.UnitKind = "department"
    parent: str | None = None
    active: bool = True

    def needles(self) -> list[str] | None:
        return []  # the registry, which is always read, holds all a registration checks

    def build(self, st: State, at: dt.datetime, by: str) -> list[Event]:
        code, name = _code_and_name(self.code, self.name)
        if self.kind not in get_args(E.UnitKind):  # the type binds mypy, not a form or a script
            raise RecordError("record.bad_kind", kind=self.kind)
        if self.parent == code:
            raise RecordError("record.own_parent", unit=code)
        if self.parent and self.parent not in st.units:
            raise RecordError("record.unregistered_parent", parent=self.parent)
        return [
            E.UnitRegistered(
                **envelope(at, by), unit=code, name=name, kind=self.kind, parent=self.parent or None, active=self.active
            )
        ]


@dataclass(frozen=True)
class RegisterPerson:
    """An information officer of a unit, or an edit of one."""

    code: str
    name: str
    unit: str
    role: E.Role = "part_time"
    login: str | None = None
    active: bool = True

    def needles(self) -> list[str] | None:
        return []

    def build(self, st: State, at: dt.datetime, by: str) -> list[Event]:
        code, name = _code_and_name(self.code, self.name)
        if self.unit not in st.units:
            raise RecordError("record.unregistered_unit", unit=self.unit)
        if self.role not in get_args(E.Role):
            raise RecordError("record.bad_role", role=self.role)
        return [
            E.PersonRegistered(
                **envelope(at, by),
                person=code,
                name=name,
                unit=self.unit,
                role=self.role,
                login=self.login or None,
                active=self.active,
            )
        ]


@dataclass(frozen=True)
class RegisterChannel:
    """A publication that adopts items, at its level."""

    code: str
    name: str
    level: E.Level
    publisher: str = ""

    def needles(self) -> list[str] | None:
        return []

    def build(self, st: State, at: dt.datetime, by: str) -> list[Event]:
        code, name = _code_and_name(self.code, self.name)
        if self.level not in E.LEVELS:
            raise RecordError("record.bad_level", level=self.level, levels=", ".join(E.LEVELS))
        return [
            E.ChannelRegistered(**envelope(at, by), channel=code, name=name, level=self.level, publisher=self.publisher)
        ]


@dataclass(frozen=True)
class SetTarget:
    """An annual target for a unit or an officer in a scheme; a later one for the same year,
    subject and scheme replaces it."""

    year: int
    points: float = 0.0
    adoptions: int = 0
    unit: str | None = None
    person: str | None = None
    issued_by: str = ""
    scheme: E.Scheme = "upward"

    def needles(self) -> list[str] | None:
        return []

    def build(self, st: State, at: dt.datetime, by: str) -> list[Event]:
        if not (self.unit or self.person):
            raise RecordError("record.target_for_whom")
        need(st, "unit", self.unit or None)
        need(st, "person", self.person or None)
        need_scheme(self.scheme)
        if self.points < 0 or self.adoptions < 0:
            raise RecordError("record.target_negative")
        points(self.points)
        in_range(self.adoptions, "adoptions", 0, E.COUNT_MAX)
        in_range(self.year, "year", E.FIRST_YEAR, E.LAST_YEAR)
        return [
            E.TargetSet(
                **envelope(at, by),
                year=self.year,
                points=self.points,
                adoptions=self.adoptions,
                unit=self.unit or None,
                person=self.person or None,
                issued_by=self.issued_by,
                scheme=self.scheme,
            )
        ]


@dataclass(frozen=True)
class RegisterRules:
    """A rule set from its JSON (as in the README); `name` and `effective` override the JSON's."""

    body: bytes | str
    name: str | None = None
    effective: dt.date | None = None

    def needles(self) -> list[str] | None:
        return []

    def build(self, st: State, at: dt.datetime, by: str) -> list[Event]:
        try:
            obj = msgspec.json.decode(self.body)
        except msgspec.DecodeError as exc:
            raise RecordError("record.rules_not_json", error=str(exc)) from None
        if not isinstance(obj, dict):
            raise RecordError("record.rules_not_object")
        obj.update({"type": "rules_set", "id": new_id(), "at": at.isoformat(), "by": by})
        if self.name:
            obj["ruleset"] = self.name
        if self.effective:
            obj["effective"] = self.effective.isoformat()
        try:
            return [msgspec.convert(obj, E.RulesSet)]
        except msgspec.ValidationError as exc:
            raise RecordError("record.rules_invalid", error=str(exc)) from None
